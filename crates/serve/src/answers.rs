//! Whole SPARQL answers kept for the store's current state: the explorer, dashboards and
//! clients send the same queries again and again, and an answer read from memory needs no
//! slot, no worker and no evaluation. The answers belong to one state of the store (they live
//! in [`crate::lookups::Cache`], which the server replaces when it writes), so one is never
//! served for another state. Only answers that ran to their end with status 200 are kept, and
//! only of queries whose answer is fixed by the store: none that asks for the time, random
//! numbers or fresh identifiers.

use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;

/// An answer as it was sent: its content type and body.
#[derive(Clone)]
pub(crate) struct Answer {
    pub content_type: &'static str,
    pub body: Bytes,
}

/// Answers by request, within a budget of bytes; at the budget the set starts afresh, so
/// memory stays bounded whatever is asked.
pub(crate) struct Answers {
    budget: usize,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    bytes: usize,
    answers: HashMap<String, Answer>,
    /// Bumped by [`Answers::clear`]: an answer evaluated before a clear is not kept after it.
    generation: u64,
}

/// A request whose answer may be kept, and when it was asked.
pub(crate) struct Key {
    /// The query, then the other fields.
    text: String,
    query_len: usize,
    generation: u64,
}

/// The largest share of the budget one answer may take: a few large answers must not push
/// out every small one.
const LARGEST_SHARE: usize = 16;

/// Functions whose value is not fixed by the store (SPARQL 1.1 §17.4): a query calling them
/// is evaluated each time.
const VOLATILE: &[&str] = &["NOW(", "RAND(", "UUID(", "STRUUID(", "BNODE("];

impl Answers {
    pub(crate) fn new(budget: usize) -> Answers {
        Answers {
            budget,
            kept: Mutex::new(Kept::default()),
        }
    }

    /// The key of a request: everything its answer depends on besides the store (the query,
    /// the dataset and the format asked for). `None` when no answer is kept.
    pub(crate) fn key(
        &self,
        query: &str,
        accept: Option<&str>,
        formats: &[String],
        default_graphs: &[String],
        named_graphs: &[String],
    ) -> Option<Key> {
        if self.budget == 0 {
            return None;
        }
        let generation = self.kept.lock().ok()?.generation;
        // Fields joined by a character that cannot stand in an IRI or header, so that no two
        // requests share a key.
        let mut key = String::with_capacity(query.len() + 64);
        for part in [query, accept.unwrap_or("")] {
            key.push_str(part);
            key.push('\u{0}');
        }
        for list in [formats, default_graphs, named_graphs] {
            for v in list {
                key.push_str(v);
                key.push('\u{1}');
            }
            key.push('\u{0}');
        }
        Some(Key {
            text: key,
            query_len: query.len(),
            generation,
        })
    }

    pub(crate) fn get(&self, key: &Key) -> Option<Answer> {
        let kept = self.kept.lock().ok()?;
        kept.answers.get(&key.text).cloned()
    }

    /// Keeps a whole answer, if it fits, its query's answer is fixed by the store, and nothing
    /// was cleared since it was asked. (A volatile query is never kept, so looking one up
    /// finds nothing: the check is paid once per evaluation, not per request.)
    pub(crate) fn keep(&self, key: Key, answer: Answer) {
        let size = answer.body.len() + key.text.len();
        if size > self.budget / LARGEST_SHARE || volatile(&key.text[..key.query_len]) {
            return;
        }
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        if kept.generation != key.generation {
            return;
        }
        if kept.bytes + size > self.budget {
            kept.answers.clear();
            kept.bytes = 0;
        }
        kept.bytes += size;
        let key_len = key.text.len();
        if let Some(old) = kept.answers.insert(key.text, answer) {
            kept.bytes -= old.body.len() + key_len;
        }
    }

    /// Forgets every answer: the store has just changed. Queries under way then are not kept.
    pub(crate) fn clear(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.answers.clear();
            kept.bytes = 0;
            kept.generation += 1;
        }
    }
}

/// Whether a query calls a function whose value changes between evaluations. Read on the text
/// without spaces, upper-cased: a name inside a string or IRI only costs a kept answer.
fn volatile(query: &str) -> bool {
    let squeezed: String = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    VOLATILE.iter().any(|f| squeezed.contains(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: &str) -> Answer {
        Answer {
            content_type: "text/csv",
            body: Bytes::from(body.to_owned()),
        }
    }

    #[test]
    fn queries_that_ask_for_time_chance_or_fresh_nodes_are_not_kept() {
        let a = Answers::new(1 << 20);
        for q in [
            "SELECT (now () AS ?t) {}",
            "SELECT (RAND() AS ?r) {}",
            "CONSTRUCT { ?s ?p [] } WHERE { BIND(BNODE() AS ?b) }",
        ] {
            a.keep(key(&a, q), answer("x"));
            assert!(a.get(&key(&a, q)).is_none(), "{q}");
        }
        let q = "SELECT ?s { ?s ?p ?o }";
        a.keep(key(&a, q), answer("x"));
        assert!(a.get(&key(&a, q)).is_some());
        assert!(Answers::new(0).key(q, None, &[], &[], &[]).is_none());
    }

    #[test]
    fn a_request_differing_in_format_or_dataset_is_another_answer() {
        let a = Answers::new(1 << 20);
        let q = "SELECT ?s { ?s ?p ?o }";
        let keys = [
            a.key(q, None, &[], &[], &[]),
            a.key(q, Some("text/csv"), &[], &[], &[]),
            a.key(q, None, &["csv".into()], &[], &[]),
            a.key(q, None, &[], &["http://a/g".into()], &[]),
            a.key(q, None, &[], &[], &["http://a/g".into()]),
        ];
        let distinct: std::collections::HashSet<&str> = keys
            .iter()
            .map(|k| k.as_ref().map_or("", |k| k.text.as_str()))
            .collect();
        assert_eq!(distinct.len(), keys.len());
    }

    fn key(a: &Answers, q: &str) -> Key {
        a.key(q, None, &[], &[], &[]).expect("a keyed query")
    }

    #[test]
    fn memory_stays_within_the_budget() {
        let a = Answers::new(16 * 100);
        // Too large for one answer's share: not kept.
        a.keep(key(&a, "big"), answer(&"x".repeat(200)));
        assert!(a.get(&key(&a, "big")).is_none());
        for i in 0..50 {
            a.keep(key(&a, &format!("q{i}")), answer(&"y".repeat(80)));
            let used = a.kept.lock().map(|k| k.bytes).unwrap_or(usize::MAX);
            assert!(used <= 16 * 100, "{used} bytes kept after {i}");
        }
        let kept = a.get(&key(&a, "q49")).map(|x| x.body.len());
        assert_eq!(kept, Some(80));
    }

    #[test]
    fn an_answer_evaluated_across_a_change_of_the_store_is_not_kept() {
        let a = Answers::new(1 << 20);
        let asked = key(&a, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }");
        a.keep(key(&a, "other"), answer("1"));
        a.clear();
        assert!(a.get(&key(&a, "other")).is_none());
        a.keep(asked, answer("n\n5\n"));
        assert!(a
            .get(&key(&a, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))
            .is_none());
        let again = key(&a, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }");
        a.keep(again, answer("n\n6\n"));
        let body = a
            .get(&key(&a, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))
            .map(|x| x.body);
        assert_eq!(body.as_deref(), Some(&b"n\n6\n"[..]));
    }
}
