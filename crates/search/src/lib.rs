//! The full-text index of tasks and plans (tantivy): what `fengong search`, `similar`, topic
//! questions and the explorer's search box read. It holds plain records ([`Task`], [`Plan`])
//! grouped by the store's document graphs, each with the stamp of the graph it was built from,
//! so whoever owns the store can tell which documents changed since (`fengong-store` keeps it
//! in step). Pure of Oxigraph: only texts come in.

pub mod forms;
mod highlight;
pub mod scan;
pub mod tokens;

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TQuery, RangeQuery,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
    STRING,
};
use tantivy::{DocAddress, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term};

pub use highlight::Snippet;
pub use tokens::{Segmenter, Vocabulary};

/// Changes whenever the fields below change: an index of another layout is built anew.
const LAYOUT: &str = "fengong-search-3";

/// The folder an index lives in, beside the store's own files.
pub const DIR: &str = "search";

/// Hits read beyond a page, to order ties at its edge.
const TIES: usize = 16;

/// What the writer may buffer before it writes a segment (tantivy's minimum is 15 MB a thread).
const WRITER_MEMORY: usize = 96_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index {path}: {source}")]
    Index {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("search index {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no task {0} in the search index")]
    UnknownTask(String),
}

impl SearchError {
    /// Another process holds the index's writer (it is bringing the same index up to date).
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            SearchError::Index {
                source: tantivy::TantivyError::LockFailure(
                    tantivy::directory::error::LockError::LockBusy,
                    _
                ),
                ..
            }
        )
    }
}

/// One agency's (or official's) part in a task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duty {
    /// `lead`, `cooperate`, `co_responsible`, `supervisor` …
    pub role: String,
    /// The entity's IRI.
    pub agency: String,
    pub label: String,
    /// The name the plan wrote, and in the file's own script where that differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_file: Option<String>,
}

/// A task as the index holds it, with everything a hit cites.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub iri: String,
    pub plan: String,
    pub plan_title: String,
    pub year: Option<i32>,
    /// The plan's jurisdiction, as the store names it.
    pub place: String,
    /// How the plan cites the task (`(三)2`), and its own number (`2`).
    pub cited: String,
    pub number: String,
    pub ordinal: u64,
    pub title: String,
    pub text: String,
    pub section: String,
    pub duties: Vec<Duty>,
}

/// A plan as the index holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub iri: String,
    pub title: String,
    pub year: Option<i32>,
    pub place: String,
    pub tasks: usize,
}

/// What one document graph of the store gives the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub graph: String,
    /// Changes whenever the graph's content may have (see `fengong-store`).
    pub stamp: String,
    pub plans: Vec<Plan>,
    pub tasks: Vec<Task>,
}

/// What to leave out of the hits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Inclusive.
    pub years: Option<(i32, i32)>,
    /// Plan IRIs; `None`: every plan.
    pub plans: Option<Vec<String>>,
    /// Entity IRIs: a task one of them has a part in (in one of `roles`, if any are given).
    pub agencies: Vec<String>,
    pub roles: Vec<String>,
}

/// A search.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    /// The words as one phrase, character for character (spaces part phrases that must all be there).
    pub phrase: bool,
    pub filter: Filter,
    pub top: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub task: Task,
    pub score: f32,
    /// Byte ranges of the matched words in the task's title.
    pub title_marks: Vec<(usize, usize)>,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Tasks matched in all, beyond the page shown.
    pub total: usize,
    /// False when no task held every word and the hits hold some of them.
    pub all_words: bool,
    /// The query's forms searched (as asked, and its official short or full form).
    pub forms: Vec<String>,
}

#[derive(Clone, Copy)]
struct Fields {
    kind: Field,
    graph: Field,
    iri: Field,
    plan: Field,
    year: Field,
    duty: Field,
    /// Where a task stands in an agency's list of duties: see [`answer_order`].
    order: Field,
    json: Field,
    /// (words, pairs, weight): title, text, section, plan title. A title says what the task
    /// is; a heading or a plan's title speaks for many tasks, so it counts less.
    texts: [(Field, Field, f32); 4],
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("zh")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let pairs = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("zh2")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut text = |name: &str, weight: f32| {
        (
            b.add_text_field(name, words.clone()),
            b.add_text_field(&format!("{name}2"), pairs.clone()),
            weight,
        )
    };
    let texts = [
        text("title", 3.0),
        text("text", 1.0),
        text("section", 0.5),
        text("plan_title", 0.3),
    ];
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        graph: b.add_text_field("graph", STRING),
        iri: b.add_text_field("iri", STRING),
        plan: b.add_text_field("plan", STRING),
        year: b.add_i64_field("year", INDEXED | FAST),
        duty: b.add_text_field("duty", STRING),
        order: b.add_u64_field(ORDER, FAST),
        json: b.add_text_field("json", STORED),
        texts,
    };
    (b.build(), fields)
}

const TASK: &str = "task";
const ORDER: &str = "order";
const PLAN: &str = "plan";
const GRAPH: &str = "graph";

/// The record a graph leaves in the index: its stamp.
#[derive(Serialize, Deserialize)]
struct Stamp {
    graph: String,
    stamp: String,
}

/// A change to the index under way ([`Index::begin`]).
pub struct Writing(IndexWriter<TantivyDocument>);

pub struct Index {
    path: PathBuf,
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    segmenter: Segmenter,
    /// What the index's last commit records: its layout and vocabulary.
    expected: String,
}

impl Index {
    /// Opens the index in `dir`, making it if there is none. An index of another layout is
    /// emptied; one built with other words reports no stamps, so every document is indexed again.
    pub fn open(dir: &Path, vocabulary: &Vocabulary) -> Result<Index, SearchError> {
        let io = |source| SearchError::Io {
            path: dir.to_owned(),
            source,
        };
        let ix = |source| SearchError::Index {
            path: dir.to_owned(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = schema();
        let index = if dir.join("meta.json").is_file() {
            let index = tantivy::Index::open_in_dir(dir).map_err(ix)?;
            if index.schema() == schema {
                index
            } else {
                // Another layout: start again (the store has everything the index holds).
                std::fs::remove_dir_all(dir).map_err(io)?;
                std::fs::create_dir_all(dir).map_err(io)?;
                tantivy::Index::create_in_dir(dir, schema).map_err(ix)?
            }
        } else {
            match tantivy::Index::create_in_dir(dir, schema) {
                Ok(i) => i,
                // Another process made it in the meantime (two readers of a new store).
                Err(_) if dir.join("meta.json").is_file() => {
                    tantivy::Index::open_in_dir(dir).map_err(ix)?
                }
                Err(e) => return Err(ix(e)),
            }
        };
        Index::with(index, dir.to_owned(), fields, vocabulary)
    }

    /// An index in memory (for an answer from a server with no folder to keep one in, and tests).
    pub fn in_memory(vocabulary: &Vocabulary) -> Result<Index, SearchError> {
        let (schema, fields) = schema();
        Index::with(
            tantivy::Index::create_in_ram(schema),
            PathBuf::from("(memory)"),
            fields,
            vocabulary,
        )
    }

    fn with(
        index: tantivy::Index,
        path: PathBuf,
        fields: Fields,
        vocabulary: &Vocabulary,
    ) -> Result<Index, SearchError> {
        let segmenter = Segmenter::new(vocabulary);
        index
            .tokenizers()
            .register("zh", tokens::WordTokenizer(segmenter.clone()));
        index.tokenizers().register("zh2", tokens::PairTokenizer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| SearchError::Index {
                path: path.clone(),
                source,
            })?;
        Ok(Index {
            path,
            index,
            reader,
            fields,
            segmenter,
            expected: format!("{LAYOUT} {}", vocabulary.fingerprint()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, source: tantivy::TantivyError) -> SearchError {
        SearchError::Index {
            path: self.path.clone(),
            source,
        }
    }

    /// Whether the index was built with this layout and vocabulary.
    pub fn is_current(&self) -> Result<bool, SearchError> {
        let metas = self.index.load_metas().map_err(|e| self.err(e))?;
        Ok(metas.payload.as_deref() == Some(self.expected.as_str()))
    }

    /// Each document graph the index holds, with the stamp it was indexed at; empty when the
    /// index was built with other words (all of it must be built again).
    pub fn stamps(&self) -> Result<BTreeMap<String, String>, SearchError> {
        if !self.is_current()? {
            return Ok(BTreeMap::new());
        }
        let searcher = self.reader.searcher();
        let q = exact(self.fields.kind, GRAPH);
        let found = searcher
            .search(&q, &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let mut out = BTreeMap::new();
        for addr in found {
            let s: Stamp = self.stored(addr)?;
            out.insert(s.graph, s.stamp);
        }
        Ok(out)
    }

    fn stored<T: serde::de::DeserializeOwned>(&self, addr: DocAddress) -> Result<T, SearchError> {
        self.stored_in(&self.reader.searcher(), addr)
    }

    /// A stored record, read with the searcher that found it (a reload in between would
    /// give the address to another record).
    fn stored_in<T: serde::de::DeserializeOwned>(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> Result<T, SearchError> {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
        let json = doc
            .get_first(self.fields.json)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        serde_json::from_str(json).map_err(|e| {
            self.err(tantivy::TantivyError::InternalError(format!(
                "a stored record does not read: {e}"
            )))
        })
    }

    /// Replaces what the index holds of `removed` graphs and of `added` documents' graphs, in
    /// one commit: a reader sees the index before or after, never between. `everything`:
    /// `added` is the whole store (what was there before goes).
    pub fn update(
        &self,
        removed: &[String],
        added: &[Document],
        everything: bool,
    ) -> Result<(), SearchError> {
        let writing = self.begin(everything)?;
        for g in removed {
            writing
                .0
                .delete_term(Term::from_field_text(self.fields.graph, g));
        }
        for d in added {
            self.put(&writing, d)?;
        }
        self.commit(writing)
    }

    /// Starts a change that [`Index::put`] adds documents to and [`Index::commit`] makes
    /// visible, all at once. Documents are indexed as they are put, on a thread of their own,
    /// and only the commit publishes them: a writer that stops first leaves the index as it
    /// was. One change at a time per index (others wait, or fail with [`SearchError::is_busy`]).
    pub fn begin(&self, everything: bool) -> Result<Writing, SearchError> {
        let writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| self.err(e))?;
        if everything || !self.is_current()? {
            writer.delete_all_documents().map_err(|e| self.err(e))?;
        }
        Ok(Writing(writer))
    }

    /// Puts a document graph's document in the change, in place of what the index held of
    /// that graph.
    pub fn put(&self, writing: &Writing, d: &Document) -> Result<(), SearchError> {
        writing
            .0
            .delete_term(Term::from_field_text(self.fields.graph, &d.graph));
        self.add(&writing.0, d)
    }

    /// Makes a change visible.
    pub fn commit(&self, writing: Writing) -> Result<(), SearchError> {
        let Writing(mut writer) = writing;
        let mut commit = writer.prepare_commit().map_err(|e| self.err(e))?;
        commit.set_payload(&self.expected);
        commit.commit().map_err(|e| self.err(e))?;
        writer.wait_merging_threads().map_err(|e| self.err(e))?;
        self.reader.reload().map_err(|e| self.err(e))
    }

    fn add(&self, writer: &IndexWriter<TantivyDocument>, d: &Document) -> Result<(), SearchError> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, GRAPH);
        doc.add_text(f.graph, &d.graph);
        doc.add_text(
            f.json,
            json(&Stamp {
                graph: d.graph.clone(),
                stamp: d.stamp.clone(),
            }),
        );
        writer.add_document(doc).map_err(|e| self.err(e))?;
        for p in &d.plans {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.kind, PLAN);
            doc.add_text(f.graph, &d.graph);
            doc.add_text(f.iri, &p.iri);
            doc.add_text(f.plan, &p.iri);
            if let Some(y) = p.year {
                doc.add_i64(f.year, y.into());
            }
            doc.add_text(f.texts[3].0, &p.title);
            doc.add_text(f.texts[3].1, &p.title);
            doc.add_text(f.json, json(p));
            writer.add_document(doc).map_err(|e| self.err(e))?;
        }
        for t in &d.tasks {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.kind, TASK);
            doc.add_text(f.graph, &d.graph);
            doc.add_text(f.iri, &t.iri);
            doc.add_text(f.plan, &t.plan);
            if let Some(y) = t.year {
                doc.add_i64(f.year, y.into());
            }
            doc.add_u64(f.order, answer_order(t.year, &t.plan, t.ordinal));
            for duty in &t.duties {
                doc.add_text(f.duty, &duty.agency);
                doc.add_text(f.duty, format!("{} {}", duty.role, duty.agency));
            }
            for ((words, pairs, _), value) in
                f.texts
                    .iter()
                    .zip([&t.title, &t.text, &t.section, &t.plan_title])
            {
                doc.add_text(*words, value);
                doc.add_text(*pairs, value);
            }
            doc.add_text(f.json, json(t));
            writer.add_document(doc).map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// The number of tasks indexed.
    pub fn tasks(&self) -> Result<usize, SearchError> {
        let q = exact(self.fields.kind, TASK);
        self.reader
            .searcher()
            .search(&q, &Count)
            .map_err(|e| self.err(e))
    }

    /// One page of the tasks `filter` lets through (an agency's duties: `filter.agencies` and
    /// `roles`), in answer order: the newest plans first, each plan's tasks in its own order.
    /// With the number of such tasks in all. Reads the `limit` records shown and no others,
    /// so the first page of an agency of thousands of tasks costs what a small one does.
    pub fn page(
        &self,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<Task>, usize), SearchError> {
        let (tasks, total, _) = self.paged(filter, offset, limit, false)?;
        Ok((tasks, total))
    }

    /// [`Index::page`] and [`Index::plan_count`] together: one pass over the matching tasks
    /// where asking apart makes two (at a million tasks an agency may have thousands).
    pub fn page_and_plans(
        &self,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<Task>, usize, usize), SearchError> {
        let (tasks, total, plans) = self.paged(filter, offset, limit, true)?;
        Ok((tasks, total, plans.unwrap_or(0)))
    }

    fn paged(
        &self,
        filter: &Filter,
        offset: usize,
        limit: usize,
        plans: bool,
    ) -> Result<(Vec<Task>, usize, Option<usize>), SearchError> {
        let query = BooleanQuery::new(self.filters(filter));
        let searcher = self.reader.searcher();
        // "All of them": no more than the index holds (the collector makes room for `limit`).
        let limit = limit.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
        let (total, top, keys) = searcher
            .search(
                &query,
                &(
                    Count,
                    TopDocs::with_limit(limit.max(1))
                        .and_offset(offset)
                        .order_by_fast_field::<u64>(ORDER, Order::Asc),
                    plans.then_some(PlanKeys),
                ),
            )
            .map_err(|e| self.err(e))?;
        let mut tasks = Vec::with_capacity(top.len());
        for (_, addr) in top {
            tasks.push(self.stored_in(&searcher, addr)?);
        }
        if limit == 0 {
            tasks.clear();
        }
        Ok((tasks, total, keys.map(distinct)))
    }

    /// How many plans the tasks `filter` lets through come from: their answer-order keys
    /// without the task part, counted once each (two plans of a year whose IRIs share a
    /// 32-bit hash count once). Reads the keys' column, no record.
    pub fn plan_count(&self, filter: &Filter) -> Result<usize, SearchError> {
        let query = BooleanQuery::new(self.filters(filter));
        let plans = self
            .reader
            .searcher()
            .search(&query, &PlanKeys)
            .map_err(|e| self.err(e))?;
        Ok(distinct(plans))
    }

    /// The index's files in bytes.
    pub fn disk_size(&self) -> u64 {
        std::fs::read_dir(&self.path)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }

    /// Tasks matching a query, best first: every word of the query (in any of its official
    /// forms) in the task's title, text, section heading or plan title, a title match counting
    /// most. When no task holds every word, those holding most of them (`all_words` false).
    pub fn search(&self, q: &Query) -> Result<Found, SearchError> {
        let text = forms::normalise(q.text.trim());
        let forms = forms::forms(&text);
        let needles = self.needles(&forms, q.phrase);
        let mut found = self.run(&self.matching(&forms, q.phrase, Occur::Must), q, &needles)?;
        found.forms = forms.clone();
        if found.total == 0 && !q.phrase && text.split_whitespace().nth(1).is_some() {
            let some = self.run(&self.matching(&forms, false, Occur::Should), q, &needles)?;
            if some.total > 0 {
                return Ok(Found {
                    all_words: false,
                    forms,
                    ..some
                });
            }
        }
        Ok(found)
    }

    /// Plans whose titles hold every word of `text` (in any official form), best first.
    pub fn plans(&self, text: &str, top: usize) -> Result<Vec<Plan>, SearchError> {
        let text = forms::normalise(text.trim());
        let forms = forms::forms(&text);
        let f = self.fields;
        let mut per_form: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for form in &forms {
            let words = self.words_of(form);
            if words.is_empty() {
                continue;
            }
            let clauses = words
                .iter()
                .map(|w| {
                    (
                        Occur::Must,
                        self.word_clause(w, &f.texts[3..]) as Box<dyn TQuery>,
                    )
                })
                .collect();
            per_form.push((Occur::Should, Box::new(BooleanQuery::new(clauses))));
        }
        if per_form.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.kind(PLAN)),
            (Occur::Must, Box::new(BooleanQuery::new(per_form))),
        ]);
        let searcher = self.reader.searcher();
        let top_docs = searcher
            .search(&query, &TopDocs::with_limit(top.max(1)).order_by_score())
            .map_err(|e| self.err(e))?;
        top_docs
            .into_iter()
            .map(|(_, addr)| self.stored(addr))
            .collect()
    }

    /// A stored task by IRI.
    pub fn task(&self, iri: &str) -> Result<Option<Task>, SearchError> {
        let q = exact(self.fields.iri, iri);
        let searcher = self.reader.searcher();
        let top = searcher
            .search(
                &BooleanQuery::new(vec![
                    (Occur::Must, Box::new(q) as Box<dyn TQuery>),
                    (Occur::Must, self.kind(TASK)),
                ]),
                &TopDocs::with_limit(1).order_by_score(),
            )
            .map_err(|e| self.err(e))?;
        top.first().map(|(_, a)| self.stored(*a)).transpose()
    }

    /// Tasks of other plans most like `task`: the same work carried from one year's plan to
    /// the next, or split between agencies. The task's own words weigh by how often it uses
    /// them and how rare they are among all tasks (tf·idf); the 24 weightiest are searched.
    pub fn similar(
        &self,
        task: &str,
        top: usize,
        filter: &Filter,
    ) -> Result<(Task, Vec<Hit>), SearchError> {
        let Some(t) = self.task(task)? else {
            return Err(SearchError::UnknownTask(task.to_owned()));
        };
        let f = self.fields;
        let searcher = self.reader.searcher();
        let n = self.tasks()? as f64;
        let mut tf: HashMap<String, f64> = HashMap::new();
        for w in self
            .segmenter
            .query_words(&format!("{}。{}", t.title, t.text))
            .into_iter()
            .filter(|w| w.chars().count() >= 2)
        {
            *tf.entry(w).or_default() += 1.0;
        }
        // The title is the task's gist: its words count twice.
        for w in self.segmenter.query_words(&t.title) {
            if let Some(v) = tf.get_mut(&w) {
                *v += 1.0;
            }
        }
        let mut weighted: Vec<(String, f64)> = Vec::new();
        for (w, c) in tf {
            let df = searcher
                .doc_freq(&Term::from_field_text(f.texts[1].0, &w))
                .map_err(|e| self.err(e))? as f64;
            if df == 0.0 {
                continue;
            }
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            weighted.push((w, c * idf));
        }
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        weighted.truncate(24);
        let mut should: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for (w, weight) in &weighted {
            for (field, boost) in [(f.texts[1].0, 1.0), (f.texts[0].0, 0.5)] {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, w),
                            IndexRecordOption::WithFreqs,
                        )),
                        (*weight * boost) as f32,
                    )),
                ));
            }
        }
        if should.is_empty() {
            return Ok((t, Vec::new()));
        }
        let mut clauses = self.filters(filter);
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        clauses.push((Occur::MustNot, Box::new(exact(f.plan, &t.plan))));
        let top_docs = searcher
            .search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(top.max(1) + TIES).order_by_score(),
            )
            .map_err(|e| self.err(e))?;
        let needles: Vec<String> = weighted.into_iter().map(|(w, _)| w).collect();
        let mut hits: Vec<Hit> = top_docs
            .into_iter()
            .map(|(score, addr)| self.hit(score, addr, &needles))
            .collect::<Result<_, _>>()?;
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.task.iri.cmp(&b.task.iri))
        });
        hits.truncate(top.max(1));
        Ok((t, hits))
    }

    fn kind(&self, kind: &str) -> Box<dyn TQuery> {
        Box::new(ConstScoreQuery::new(
            Box::new(exact(self.fields.kind, kind)),
            0.0,
        ))
    }

    /// The filter's clauses, scoring nothing.
    fn filters(&self, filter: &Filter) -> Vec<(Occur, Box<dyn TQuery>)> {
        let f = self.fields;
        let unscored =
            |q: Box<dyn TQuery>| -> Box<dyn TQuery> { Box::new(ConstScoreQuery::new(q, 0.0)) };
        let mut out = vec![(Occur::Must, self.kind(TASK))];
        if let Some((a, b)) = filter.years {
            out.push((
                Occur::Must,
                unscored(Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(f.year, a.into())),
                    Bound::Included(Term::from_field_i64(f.year, b.into())),
                ))),
            ));
        }
        if let Some(plans) = &filter.plans {
            out.push((
                Occur::Must,
                unscored(Box::new(TermSetQuery::new(
                    plans.iter().map(|p| Term::from_field_text(f.plan, p)),
                ))),
            ));
        }
        if !filter.agencies.is_empty() {
            let terms: Vec<Term> = filter
                .agencies
                .iter()
                .flat_map(|a| {
                    if filter.roles.is_empty() {
                        vec![Term::from_field_text(f.duty, a)]
                    } else {
                        filter
                            .roles
                            .iter()
                            .map(|r| Term::from_field_text(f.duty, &format!("{r} {a}")))
                            .collect()
                    }
                })
                .collect();
            out.push((Occur::Must, unscored(Box::new(TermSetQuery::new(terms)))));
        }
        out
    }

    /// The words a query form asks for: dictionary words of two characters or more (a lone
    /// 的 or 和 says nothing), unless the form has nothing longer.
    fn words_of(&self, form: &str) -> Vec<String> {
        let all = self.segmenter.query_words(form);
        let long: Vec<String> = all
            .iter()
            .filter(|w| w.chars().count() >= 2 || w.chars().all(|c| c.is_ascii_alphanumeric()))
            .cloned()
            .collect();
        if long.is_empty() {
            all
        } else {
            long
        }
    }

    /// One word in any of `fields`: as a dictionary word, or as its character pairs in a row
    /// (which finds it where the text's words were cut otherwise: 数据共享 in 数据共享平台).
    fn word_clause(&self, w: &str, fields: &[(Field, Field, f32)]) -> Box<dyn TQuery> {
        let pairs: Vec<String> = tokens::pairs(w).into_iter().map(|p| p.2).collect();
        let mut should: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for &(words, pair_field, weight) in fields {
            should.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(words, w),
                        IndexRecordOption::WithFreqs,
                    )),
                    weight,
                )),
            ));
            if let Some(q) = phrase(pair_field, &pairs) {
                should.push((Occur::Should, Box::new(BoostQuery::new(q, weight))));
            }
        }
        // A long word (a user word such as 大众创业万众创新) also matches where the text writes
        // its parts apart (大众创业、万众创新): every dictionary word inside it, in any field.
        // Not a compound of two words (数据共享): 数据 … 共享 apart is another matter.
        if w.chars().count() >= 6 {
            let mut parts: Vec<String> = self
                .segmenter
                .words(w)
                .into_iter()
                .map(|(_, _, p)| p)
                .filter(|p| p != w && p.chars().count() >= 2)
                .collect();
            parts.sort();
            parts.dedup();
            if parts.len() >= 2 {
                let each: Vec<(Occur, Box<dyn TQuery>)> = parts
                    .iter()
                    .map(|p| {
                        let any: Vec<(Occur, Box<dyn TQuery>)> = fields
                            .iter()
                            .map(|&(words, _, weight)| {
                                (
                                    Occur::Should,
                                    Box::new(BoostQuery::new(
                                        Box::new(TermQuery::new(
                                            Term::from_field_text(words, p),
                                            IndexRecordOption::WithFreqs,
                                        )),
                                        weight,
                                    )) as Box<dyn TQuery>,
                                )
                            })
                            .collect();
                        (
                            Occur::Must,
                            Box::new(BooleanQuery::new(any)) as Box<dyn TQuery>,
                        )
                    })
                    .collect();
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(BooleanQuery::new(each)), 0.5)),
                ));
            }
        }
        Box::new(BooleanQuery::new(should))
    }

    /// The query: any form; within a form every word (`Must`) or any (`Should`).
    fn matching(&self, forms: &[String], phrase_mode: bool, each: Occur) -> Box<dyn TQuery> {
        let f = self.fields;
        let mut per_form: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for form in forms {
            let clauses: Vec<(Occur, Box<dyn TQuery>)> = if phrase_mode {
                form.split_whitespace()
                    .filter_map(|group| {
                        let pairs: Vec<String> =
                            tokens::pairs(group).into_iter().map(|p| p.2).collect();
                        let should: Vec<(Occur, Box<dyn TQuery>)> = f
                            .texts
                            .iter()
                            .filter_map(|&(_, pf, weight)| {
                                let q = phrase(pf, &pairs)?;
                                Some((
                                    Occur::Should,
                                    Box::new(BoostQuery::new(q, weight)) as Box<dyn TQuery>,
                                ))
                            })
                            .collect();
                        (!should.is_empty()).then(|| {
                            (
                                Occur::Must,
                                Box::new(BooleanQuery::new(should)) as Box<dyn TQuery>,
                            )
                        })
                    })
                    .collect()
            } else if each == Occur::Must {
                self.words_of(form)
                    .iter()
                    .map(|w| (Occur::Must, self.word_clause(w, &f.texts)))
                    .collect()
            } else {
                // Some of the words: each group the user typed apart whole, any of the groups.
                form.split_whitespace()
                    .map(|group| {
                        let all: Vec<(Occur, Box<dyn TQuery>)> = self
                            .words_of(group)
                            .iter()
                            .map(|w| (Occur::Must, self.word_clause(w, &f.texts)))
                            .collect();
                        (
                            Occur::Should,
                            Box::new(BooleanQuery::new(all)) as Box<dyn TQuery>,
                        )
                    })
                    .collect()
            };
            if !clauses.is_empty() {
                per_form.push((Occur::Should, Box::new(BooleanQuery::new(clauses))));
            }
        }
        Box::new(BooleanQuery::new(per_form))
    }

    /// What a hit marks: the query's words in every form (or its phrases).
    fn needles(&self, forms: &[String], phrase_mode: bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for form in forms {
            let words: Vec<String> = if phrase_mode {
                form.split_whitespace().map(str::to_lowercase).collect()
            } else {
                self.words_of(form)
            };
            for w in words {
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }

    fn run(
        &self,
        matching: &dyn TQuery,
        q: &Query,
        needles: &[String],
    ) -> Result<Found, SearchError> {
        let mut clauses = self.filters(&q.filter);
        clauses.push((Occur::Must, matching.box_clone()));
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        // Equal scores are ordered by task IRI, not by where documents happen to lie in the
        // index's segments: the same question gets the same page however the index was built.
        // A few more than the page are read so that ties at its edge are ordered too.
        let wanted = q.offset + q.top.max(1);
        let (top, total) = searcher
            .search(
                &query,
                &(TopDocs::with_limit(wanted + TIES).order_by_score(), Count),
            )
            .map_err(|e| self.err(e))?;
        let mut hits: Vec<Hit> = top
            .into_iter()
            .map(|(score, addr)| self.hit(score, addr, needles))
            .collect::<Result<_, _>>()?;
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.task.iri.cmp(&b.task.iri))
        });
        let hits: Vec<Hit> = hits.into_iter().skip(q.offset).take(q.top.max(1)).collect();
        Ok(Found {
            hits,
            total,
            all_words: true,
            forms: Vec::new(),
        })
    }

    fn hit(&self, score: f32, addr: DocAddress, needles: &[String]) -> Result<Hit, SearchError> {
        let task: Task = self.stored(addr)?;
        let title_marks = highlight::marks(&task.title, needles);
        let snippet = highlight::snippet(&task.text, needles);
        Ok(Hit {
            task,
            score,
            title_marks,
            snippet,
        })
    }
}

/// A value of an untokenised field (kind, IRI, plan).
/// Collects the plan part of each matching task's `order` key, unsorted: cheaper than a
/// sorted top-n of them all.
struct PlanKeys;

struct SegmentPlanKeys {
    keys: tantivy::fastfield::Column<u64>,
    found: Vec<u64>,
}

impl tantivy::collector::Collector for PlanKeys {
    type Fruit = Vec<u64>;
    type Child = SegmentPlanKeys;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentPlanKeys> {
        Ok(SegmentPlanKeys {
            keys: reader.fast_fields().u64(ORDER)?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        Ok(fruits.concat())
    }
}

impl tantivy::collector::SegmentCollector for SegmentPlanKeys {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        if let Some(k) = self.keys.first(doc) {
            self.found.push(k >> 20);
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.found
    }
}

/// How many different values.
fn distinct(mut values: Vec<u64>) -> usize {
    values.sort_unstable();
    values.dedup();
    values.len()
}

/// The key that orders an agency's duties as answers list them, ascending: the newest year
/// first (plans without a year last), then plan by plan, then the plan's own order of tasks.
/// Plans of one year follow a hash of their IRI: an order that needs nothing but the task
/// itself, so indexing one document never moves another's key. 12 bits of year, 32 of plan,
/// 20 of ordinal (a plan of over a million tasks shares its last key).
pub fn answer_order(year: Option<i32>, plan: &str, ordinal: u64) -> u64 {
    const NO_YEAR: u64 = 0xfff;
    let year = match year {
        Some(y) if (0..NO_YEAR as i32).contains(&y) => NO_YEAR - 1 - y as u64,
        _ => NO_YEAR,
    };
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let mut h: u32 = 0x811c_9dc5;
    for b in plan.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    (year << 52) | (u64::from(h) << 20) | ordinal.min(0xf_ffff)
}

fn exact(field: Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

/// A phrase of character pairs in `field` (one pair: a term).
fn phrase(field: Field, pairs: &[String]) -> Option<Box<dyn TQuery>> {
    match pairs {
        [] => None,
        [one] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, one),
            IndexRecordOption::WithFreqs,
        ))),
        many => Some(Box::new(PhraseQuery::new(
            many.iter()
                .map(|p| Term::from_field_text(field, p))
                .collect(),
        ))),
    }
}

/// A record as the index stores it (plain data: serialising cannot fail).
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tasks as real plans write them (国发〔2019〕3号, 数字广东建设2024年工作要点, a 双创 plan).
    fn index() -> Index {
        let task = |n: u64, plan: &str, year: i32, title: &str, text: &str| Task {
            iri: format!("{plan}/task/{n}"),
            plan: plan.to_owned(),
            plan_title: format!("{plan} 工作要点"),
            year: Some(year),
            cited: n.to_string(),
            number: n.to_string(),
            ordinal: n,
            title: title.to_owned(),
            text: format!("{title}。{text}"),
            duties: vec![Duty {
                role: "lead".into(),
                agency: format!("agency/{n}"),
                label: "省政务服务和数据管理局".into(),
                ..Duty::default()
            }],
            ..Task::default()
        };
        let docs = vec![
            Document {
                graph: "g/a".into(),
                stamp: "1".into(),
                plans: Vec::new(),
                tasks: vec![
                    task(1, "a", 2019, "推广创新制度", "支持综合保税区率先全面复制推广自贸试验区中与海关特殊监管区域相关的改革试点经验"),
                    task(2, "a", 2019, "推进数据共享", "完善省数据资源一网共享平台和开放广东平台"),
                ],
            },
            Document {
                graph: "g/b".into(),
                stamp: "1".into(),
                plans: Vec::new(),
                tasks: vec![
                    task(1, "b", 2024, "深入推进大众创业、万众创新", "建设一批双创示范基地"),
                    task(2, "b", 2024, "完善公共服务", "推动教育、医疗等领域数据共享,建设统一平台"),
                ],
            },
        ];
        let i = Index::in_memory(&Vocabulary::with(std::iter::empty())).expect("index");
        i.update(&[], &docs, true).expect("update");
        i
    }

    fn found(i: &Index, text: &str, phrase: bool, filter: Filter) -> Vec<String> {
        i.search(&Query {
            text: text.into(),
            phrase,
            filter,
            top: 10,
            offset: 0,
        })
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.task.iri)
        .collect()
    }

    #[test]
    fn official_forms_long_words_and_scripts_find_each_other() {
        let i = index();
        assert_eq!(
            found(&i, "自由贸易", false, Filter::default()),
            ["a/task/1"]
        );
        assert_eq!(found(&i, "双创", false, Filter::default()), ["b/task/1"]);
        assert_eq!(
            found(&i, "數據共享", false, Filter::default())[0],
            "a/task/2"
        );
    }

    #[test]
    fn titles_first_phrases_exact_and_filters_unscored() {
        let i = index();
        // Both hold 数据共享; the one titled with it comes first.
        assert_eq!(
            found(&i, "数据共享", false, Filter::default()),
            ["a/task/2", "b/task/2"]
        );
        // 数据平台 is no phrase of either text, though both hold 数据 and 平台.
        assert!(found(&i, "数据平台", true, Filter::default()).is_empty());
        assert_eq!(found(&i, "数据 平台", true, Filter::default()).len(), 2);
        let y = Filter {
            years: Some((2024, 2024)),
            ..Filter::default()
        };
        assert_eq!(found(&i, "数据共享", false, y), ["b/task/2"]);
        let led = Filter {
            agencies: vec!["agency/2".into()],
            roles: vec!["lead".into()],
            ..Filter::default()
        };
        assert_eq!(found(&i, "数据共享", false, led).len(), 2);
        let cooperating = Filter {
            agencies: vec!["agency/2".into()],
            roles: vec!["cooperate".into()],
            ..Filter::default()
        };
        assert!(found(&i, "数据共享", false, cooperating).is_empty());
    }

    #[test]
    fn an_agencys_duties_page_newest_plans_first() {
        let i = index();
        let led = Filter {
            agencies: vec!["agency/1".into()],
            roles: vec!["lead".into()],
            ..Filter::default()
        };
        let iris = |(tasks, total): (Vec<Task>, usize)| {
            (tasks.into_iter().map(|t| t.iri).collect::<Vec<_>>(), total)
        };
        // agency/1 leads task 1 of the 2019 plan and of the 2024 plan: 2024 comes first.
        assert_eq!(
            iris(i.page(&led, 0, 1).expect("page")),
            (vec!["b/task/1".to_owned()], 2)
        );
        assert_eq!(
            iris(i.page(&led, 1, 1).expect("page")),
            (vec!["a/task/1".to_owned()], 2)
        );
        assert_eq!(iris(i.page(&led, 2, 1).expect("page")), (vec![], 2));
        assert_eq!(iris(i.page(&led, 0, 0).expect("page")), (vec![], 2));
        assert_eq!(i.plan_count(&led).expect("plans"), 2);
        // The page and the plans in one pass: the second of the two plans' tasks, of 2 in 2.
        let (tasks, total, plans) = i.page_and_plans(&led, 1, 1).expect("page");
        assert_eq!(
            (iris((tasks, total)), plans),
            ((vec!["a/task/1".to_owned()], 2), 2)
        );
        let cooperating = Filter {
            roles: vec!["cooperate".into()],
            ..led
        };
        assert_eq!(
            iris(i.page(&cooperating, 0, 50).expect("page")),
            (vec![], 0)
        );
        assert_eq!(i.page_and_plans(&cooperating, 0, 50).expect("page").2, 0);
    }

    #[test]
    fn answer_order_is_newest_year_then_plan_then_task() {
        let k = answer_order;
        assert!(k(Some(2024), "p", 9) < k(Some(2023), "p", 1));
        assert!(k(Some(2024), "p", 1) < k(Some(2024), "p", 2));
        // All of one plan's tasks sit together, whichever plan of the year comes first.
        let (a, b) = (k(Some(2024), "a", 1), k(Some(2024), "b", 1));
        let (first, second) = if a < b { ("a", "b") } else { ("b", "a") };
        assert!(k(Some(2024), first, 999) < k(Some(2024), second, 0));
        // Plans without a year, or with none a key can hold, come last.
        assert!(k(Some(1), "p", 1) < k(None, "p", 0));
        assert_eq!(k(Some(-5), "p", 3), k(None, "p", 3));
    }

    #[test]
    fn stamps_follow_updates_and_removals() {
        let i = index();
        assert_eq!(i.stamps().expect("stamps").len(), 2);
        i.update(&["g/a".into()], &[], false).expect("update");
        assert_eq!(
            i.stamps().expect("stamps").keys().collect::<Vec<_>>(),
            ["g/b"]
        );
        assert!(found(&i, "自由贸易", false, Filter::default()).is_empty());
    }
}
