//! The queries of `queries/`, embedded in the binary: `fengong query NAME` runs one by name from
//! any directory, `fengong query --list` lists them. Each file says what it answers in its
//! first comment line and declares its parameters as `# Parameter ?name (required): …` or
//! `(optional)`; a required one left unset is an error, not an empty answer.

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/queries.rs"));
}

/// A variable a query expects `--bind` to set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub required: bool,
    pub about: String,
}

/// One query of `queries/`.
#[derive(Debug, Clone)]
pub struct Query {
    /// The file name without `.rq`.
    pub name: &'static str,
    pub text: &'static str,
    /// The first sentence of the leading comment.
    pub summary: String,
    pub parameters: Vec<Parameter>,
    /// Run by `fengong ask` or the network code rather than written for people
    /// (`ask-*`, `network-*`, `counts`, `lineage`); listed after the others.
    pub internal: bool,
}

/// The parameters a query's leading comments declare.
pub fn declared(text: &str) -> Vec<Parameter> {
    let mut parameters = Vec::new();
    for c in comments(text) {
        let Some(rest) = c.strip_prefix("Parameter ?") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let after = rest[name.len()..].trim_start();
        let required = after.starts_with("(required");
        let about = after
            .split_once("):")
            .map(|(_, a)| a.trim().to_owned())
            .unwrap_or_default();
        parameters.push(Parameter {
            name,
            required,
            about,
        });
    }
    parameters
}

fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|l| l.trim_start().starts_with('#'))
        .map(|l| l.trim_start().trim_start_matches('#').trim())
        .collect()
}

impl Query {
    fn read(name: &'static str, text: &'static str) -> Query {
        // The first paragraph, up to its first full stop.
        let mut summary = String::new();
        for c in comments(text) {
            if c.is_empty() || c.starts_with("Parameter") || c.starts_with("fengong ") {
                break;
            }
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(c);
        }
        if let Some(end) = summary
            .find(". ")
            .or_else(|| summary.strip_suffix('.').map(str::len))
        {
            summary.truncate(end);
        }
        Query {
            name,
            text,
            summary,
            parameters: declared(text),
            internal: name.starts_with("ask-")
                || name.starts_with("network-")
                || matches!(name, "counts" | "lineage"),
        }
    }

    /// The parameters `bound` leaves unset that the query needs.
    pub fn missing<'a>(&'a self, bound: &[&str]) -> Vec<&'a Parameter> {
        self.parameters
            .iter()
            .filter(|p| p.required && !bound.contains(&p.name.as_str()))
            .collect()
    }
}

/// Every embedded query: those for people first, each group by name.
pub fn all() -> Vec<Query> {
    let mut out: Vec<Query> = embedded::EMBEDDED
        .iter()
        .map(|(n, t)| Query::read(n, t))
        .collect();
    out.sort_by_key(|q| (q.internal, q.name));
    out
}

/// The query called `name` (`agency-leads`, `agency-leads.rq` or `queries/agency-leads.rq`).
pub fn find(name: &str) -> Option<Query> {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let stem = stem.strip_suffix(".rq").unwrap_or(stem);
    embedded::EMBEDDED
        .iter()
        .find(|(n, _)| *n == stem)
        .map(|(n, t)| Query::read(n, t))
}

/// Names of embedded queries close to `name`, best first, for "did you mean".
pub fn near(name: &str) -> Vec<&'static str> {
    let name = name.to_lowercase();
    let words: Vec<&str> = name
        .split(['-', '_', ' '])
        .filter(|w| w.len() > 2)
        .collect();
    let mut scored: Vec<(usize, &'static str)> = embedded::EMBEDDED
        .iter()
        .map(|(n, _)| *n)
        .filter_map(|n| {
            let score = if n.contains(name.as_str()) || name.contains(n) {
                100
            } else {
                words.iter().filter(|w| n.contains(*w)).count()
            };
            (score > 0).then_some((score, n))
        })
        .collect();
    scored.sort_by_key(|(s, n)| (std::cmp::Reverse(*s), n.starts_with("ask-"), *n));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_reads_and_declares_its_parameters() {
        let all = all();
        assert_eq!(
            all.len(),
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../queries"))
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rq")))
                .count()
        );
        for q in &all {
            assert!(!q.summary.is_empty(), "{}: no first comment line", q.name);
            assert!(
                !q.text.contains("--file queries/") && !q.text.contains("-f queries/"),
                "{}: examples run queries by name",
                q.name
            );
            for p in &q.parameters {
                assert!(
                    q.text.contains(&format!("?{}", p.name)),
                    "{}: declares ?{} but does not use it",
                    q.name,
                    p.name
                );
            }
        }
        let leads = find("queries/agency-leads.rq").expect("agency-leads");
        assert_eq!(leads.parameters.len(), 1);
        assert!(leads.parameters[0].required);
        assert_eq!(leads.missing(&[])[0].name, "agencyName");
        assert!(leads.missing(&["agencyName"]).is_empty());
        let rows = find("ask-duty-rows").expect("ask-duty-rows");
        let names: Vec<(&str, bool)> = rows
            .parameters
            .iter()
            .map(|p| (p.name.as_str(), p.required))
            .collect();
        assert_eq!(names, [("member", true), ("role", false), ("plan", false)]);
        assert_eq!(near("agency-lead")[0], "agency-leads");
        assert_eq!(
            leads.summary,
            "What an agency leads: every task it leads, with its plan"
        );
    }
}
