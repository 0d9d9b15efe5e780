//! The full-text index (`fengong-search`) beside the store, kept in step with it: every
//! document graph's stamp (what its content follows from: file, fengong version, registry,
//! corrections) is recorded in the index with the graph's tasks. Bringing the index up to date
//! compares the stamps with the store's and indexes again exactly the graphs that differ, in
//! commits of a few hundred documents; so an ingest that stopped between the store's commit
//! and the index's leaves an index that the next command brings up to date, never a wrong one.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use fengong_registry::Registry;
use fengong_search::{Document, Duty, Index, Plan, SearchError, Task, Vocabulary};
use oxigraph::model::{NamedNode, Quad, Term};

use crate::{per_value, Prepared, Row, Store, StoreError};

const STAMPS: &str = include_str!("../../../queries/index-stamps.rq");
const TASKS: &str = include_str!("../../../queries/index-tasks.rq");
const DUTIES: &str = include_str!("../../../queries/index-duties.rq");
const PLANS: &str = include_str!("../../../queries/index-plans.rq");

/// The file in the index's folder that says the store was written since the index last
/// caught up with it.
const STALE: &str = "stale";

/// Graphs one index query reads: Oxigraph's optimizer sorts a union's branches by their
/// hashes, which costs more per branch the more branches there are (about 3 ms a graph at
/// 50 a query, 6 ms at 200, at 100k tasks).
const GRAPHS_PER_QUERY: usize = 50;

/// Documents read from the store and indexed per commit.
const BATCH: usize = 200;

/// How long bringing the index up to date waits for another process doing the same.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// What bringing the index up to date did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    /// Documents (re)indexed.
    pub indexed: usize,
    /// Documents dropped from the index (no longer in the store).
    pub dropped: usize,
}

/// The words the index segments by: the registry's agency names and aliases, so that
/// 省政务服务数据管理局 is one word, and the lexicon's official forms.
pub fn vocabulary(registry: &Registry) -> Vocabulary {
    Vocabulary::with(registry.forms().map(|(f, _)| f.to_owned()))
}

impl Store {
    /// Where the index lives: `search/` in the store's folder; for a server, a folder of the
    /// user's cache named after its URL.
    pub fn index_dir(&self) -> PathBuf {
        if !self.is_remote() {
            return self.path.join(fengong_search::DIR);
        }
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let cache = env("XDG_CACHE_HOME")
            .or_else(|| env("HOME").map(|h| h.join(".cache")))
            .unwrap_or_else(std::env::temp_dir);
        let url = self.path.to_string_lossy();
        cache
            .join("fengong/search")
            .join(&fengong_parse::sha256(url.as_bytes())[..16])
    }

    /// The index, up to date with the store. It is brought up to date when this `Store` first
    /// opens it; after that only this process can change the store (the store's lock keeps
    /// writers and readers apart), and its writes bring the index along ([`Store::sync_index`]).
    /// A folder that cannot be written gets an index in memory, built from the store.
    pub fn search_index(&self, registry: &Registry) -> Result<Arc<Index>, StoreError> {
        let opened = self
            .search
            .lock()
            .map_err(|_| StoreError::Correction("the search index's lock was poisoned".into()))?
            .clone();
        if let Some(i) = opened {
            return Ok(i);
        }
        // An index this store's writers left in step (no marker: see `written`) is trusted
        // as it is: comparing every graph's stamp reads the whole catalogue, seconds at a
        // million tasks, on every start of a command.
        let was_built = self.index_dir().join("meta.json").is_file();
        let index = self.opened_index(registry, false)?;
        let trusted = !self.is_remote()
            && was_built
            && !self.index_dir().join(STALE).exists()
            && index.is_current()?;
        if !trusted {
            self.sync(&index)?;
        }
        Ok(index)
    }

    /// The local store, for a write that may change what the index holds: the index is
    /// marked stale first (a file in its folder), and stays so until a sync that began after
    /// the write ends. A process that dies between the two leaves the mark, so the next one
    /// to open the index compares the stamps and catches up.
    pub(crate) fn written(&self) -> Result<&oxigraph::store::Store, StoreError> {
        let store = self.inner()?;
        self.writes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = self.index_dir();
        let mark = dir.join(STALE);
        std::fs::create_dir_all(&dir)
            .and_then(|_| std::fs::File::create(&mark))
            .map_err(|source| StoreError::Mark { path: mark, source })?;
        Ok(store)
    }

    /// Brings the index up to date with the store (ingest calls this after writing).
    pub fn sync_index(&self, registry: &Registry) -> Result<Synced, StoreError> {
        let index = self.opened_index(registry, false)?;
        self.sync(&index)
    }

    /// Builds the index again from the store (`fengong reindex`).
    pub fn reindex(&self, registry: &Registry) -> Result<Synced, StoreError> {
        let index = self.opened_index(registry, true)?;
        self.sync(&index)
    }

    fn opened_index(&self, registry: &Registry, anew: bool) -> Result<Arc<Index>, StoreError> {
        let mut slot = self
            .search
            .lock()
            .map_err(|_| StoreError::Correction("the search index's lock was poisoned".into()))?;
        if anew {
            *slot = None;
            let dir = self.index_dir();
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
        }
        if let Some(i) = slot.as_ref() {
            return Ok(i.clone());
        }
        let vocabulary = vocabulary(registry);
        let index = match Index::open(&self.index_dir(), &vocabulary) {
            Ok(i) => i,
            // A store on read-only media: search it all the same, from an index in memory.
            Err(SearchError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::PermissionDenied
                    || source.kind() == std::io::ErrorKind::ReadOnlyFilesystem =>
            {
                Index::in_memory(&vocabulary)?
            }
            Err(e) => return Err(e.into()),
        };
        let index = Arc::new(index);
        *slot = Some(index.clone());
        Ok(index)
    }

    fn sync(&self, index: &Index) -> Result<Synced, StoreError> {
        let started = std::time::Instant::now();
        let writes = self.writes.load(std::sync::atomic::Ordering::SeqCst);
        loop {
            match self.sync_once(index) {
                // In step with every write begun before the sync: the mark can go, unless
                // a write began meanwhile (or this index lives in memory, not in the folder).
                Ok(done) => {
                    if !self.is_remote()
                        && self.writes.load(std::sync::atomic::Ordering::SeqCst) == writes
                        && index.path() == self.index_dir()
                    {
                        match std::fs::remove_file(self.index_dir().join(STALE)) {
                            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                                return Err(e.into())
                            }
                            _ => {}
                        }
                    }
                    return Ok(done);
                }
                // Another process is bringing the same index up to date: wait for it, then
                // see what is left.
                Err(StoreError::Search(e)) if e.is_busy() && started.elapsed() < WRITER_WAIT => {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                other => return other,
            }
        }
    }

    fn sync_once(&self, index: &Index) -> Result<Synced, StoreError> {
        let in_store = stamps(self.select(STAMPS, &[])?);
        let indexed = index.stamps()?;
        let dropped: Vec<String> = indexed
            .keys()
            .filter(|g| !in_store.contains_key(*g))
            .cloned()
            .collect();
        let changed: Vec<(&String, &String)> = in_store
            .iter()
            .filter(|(g, s)| indexed.get(*g) != Some(*s))
            .collect();
        if dropped.is_empty() && changed.is_empty() {
            return Ok(Synced::default());
        }
        let everything = indexed.is_empty();
        let mut first = true;
        for batch in changed.chunks(BATCH) {
            let docs = self.index_documents(batch)?;
            let removed: &[String] = if first { &dropped } else { &[] };
            index.update(removed, &docs, everything && first)?;
            first = false;
        }
        if first {
            index.update(&dropped, &[], false)?;
        }
        Ok(Synced {
            indexed: changed.len(),
            dropped: dropped.len(),
        })
    }

    /// What some document graphs give the index, read from the store.
    fn index_documents(&self, graphs: &[(&String, &String)]) -> Result<Vec<Document>, StoreError> {
        let mut iris = Vec::new();
        for (g, _) in graphs {
            let node = NamedNode::new(g.as_str()).map_err(|e| StoreError::Binding {
                name: "g".into(),
                message: e.to_string(),
            })?;
            iris.push(node);
        }
        // The rows of a query for every graph, GRAPHS_PER_QUERY graphs a query, the queries
        // on every core: each evaluation is single-threaded and mostly waits on RocksDB
        // reads, which run side by side.
        let rows = |template: &str| -> Result<Vec<Row>, StoreError> {
            use rayon::prelude::*;
            let parts: Vec<Vec<Row>> = iris
                .par_chunks(GRAPHS_PER_QUERY)
                .map(|chunk| {
                    let graphs: Vec<Term> = chunk.iter().cloned().map(Term::NamedNode).collect();
                    let q =
                        per_value(template, "g", &graphs).ok_or_else(|| StoreError::Binding {
                            name: "g".into(),
                            message: "the index query has no WHERE group to repeat per graph"
                                .into(),
                        })?;
                    self.select(&q, &[])
                })
                .collect::<Result<_, _>>()?;
            Ok(parts.into_iter().flatten().collect())
        };
        Ok(documents(graphs, rows(DUTIES)?, rows(TASKS)?, rows(PLANS)?))
    }

    /// Begins a change of the index for documents being written ([`Index::begin`]), to put
    /// there what [`written_documents`] makes of them.
    pub(crate) fn begin_index(
        &self,
        registry: &Registry,
    ) -> Result<(Arc<Index>, fengong_search::Writing), StoreError> {
        let index = self.opened_index(registry, false)?;
        let writing = index.begin(false)?;
        Ok((index, writing))
    }
}

/// The index's documents of graphs written from `written`, made from their quads: the same
/// queries over the same quads (with the ontology and the registry, which give roles and
/// agencies' names) make the same documents as reading the graphs back from the store,
/// without a store read per graph, which was most of the time an ingest spent on the index.
/// A graph whose quads are not all in `written` must not be given (a file recorded on a plan
/// already stored): its document would lack the rest.
pub(crate) fn written_documents(
    written: &[&Prepared],
    registry: &Registry,
) -> Result<Vec<Document>, StoreError> {
    let ontology = crate::ontology_quads()?;
    let names = fengong_rdf::registry_quads(registry);
    let quads = written.iter().flat_map(|p| &p.quads);
    let read = Read::of_index_queries();
    let scratch = Store::in_memory(
        ontology
            .iter()
            .chain(&names)
            .chain(quads)
            .filter(|q| read.may_match(q)),
    )?;
    let stamps = stamps(scratch.select(STAMPS, &[])?);
    let graphs: Vec<(&String, &String)> = stamps.iter().collect();
    Ok(documents(
        &graphs,
        scratch.select(DUTIES, &[])?,
        scratch.select(TASKS, &[])?,
        scratch.select(PLANS, &[])?,
    ))
}

/// The predicates (and, under `rdf:type`, the classes) the index queries name: no other
/// quad can match them, so only these go into the store in memory that they run over
/// (about half of a document's quads; the plan's parse and the citations' selectors stay
/// out). This holds while the queries name every predicate and class they match, which
/// `queries/index-*.rq` do: none has a variable in a predicate or class position.
struct Read {
    iris: std::collections::HashSet<String>,
}

impl Read {
    fn of_index_queries() -> &'static Read {
        static READ: std::sync::OnceLock<Read> = std::sync::OnceLock::new();
        READ.get_or_init(|| Read::named_in(&[STAMPS, TASKS, DUTIES, PLANS]))
    }

    /// The IRIs written in `queries`, as `<iri>` or with one of the project's prefixes.
    fn named_in(queries: &[&str]) -> Read {
        let mut iris = std::collections::HashSet::new();
        for line in queries.iter().flat_map(|q| q.lines()) {
            let mut word = String::new();
            let mut chars = line.char_indices().peekable();
            let mut before = ' ';
            while let Some((at, c)) = chars.next() {
                // `<…>` with no space inside is an IRI (else a comparison); `#` after a space
                // starts a comment, inside an IRI it does not.
                if c == '<' {
                    let rest = &line[at + 1..];
                    if let Some(end) = rest.find('>').filter(|&e| !rest[..e].contains(' ')) {
                        iris.insert(rest[..end].to_owned());
                        for _ in 0..rest[..=end].chars().count() {
                            chars.next();
                        }
                        before = '>';
                        continue;
                    }
                }
                if c == '#' && before.is_whitespace() {
                    break;
                }
                if c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.') {
                    word.push(c);
                } else {
                    prefixed(&mut iris, &word);
                    word.clear();
                }
                before = c;
            }
            prefixed(&mut iris, &word);
        }
        Read { iris }
    }
}

/// Adds the IRI a `prefix:name` word stands for, if its prefix is one of the project's.
fn prefixed(iris: &mut std::collections::HashSet<String>, word: &str) {
    let word = word.trim_end_matches('.');
    if let Some((prefix, local)) = word.split_once(':') {
        if let Some((_, ns)) = fengong_rdf::vocab::PREFIXES
            .iter()
            .find(|(p, _)| *p == prefix)
        {
            iris.insert(format!("{ns}{local}"));
        }
    }
}

impl Read {
    fn may_match(&self, q: &Quad) -> bool {
        if q.predicate == oxigraph::model::vocab::rdf::TYPE {
            return matches!(&q.object, Term::NamedNode(c) if self.iris.contains(c.as_str()));
        }
        self.iris.contains(q.predicate.as_str())
    }
}

/// Each document graph with its stamp, from the rows of `queries/index-stamps.rq`.
fn stamps(rows: Vec<Row>) -> BTreeMap<String, String> {
    rows.into_iter()
        .map(|r| {
            let f = |k: &str| r.get(k).map(String::as_str).unwrap_or("");
            let stamp = [f("sha"), f("version"), f("registry"), f("corrections")].join(" ");
            (bare(f("g")).to_owned(), stamp)
        })
        .collect()
}

/// The index's documents of `graphs` (with their stamps), from the rows of the duties, tasks
/// and plans queries over them.
fn documents(
    graphs: &[(&String, &String)],
    duty_rows: Vec<Row>,
    task_rows: Vec<Row>,
    plan_rows: Vec<Row>,
) -> Vec<Document> {
    let mut docs: Vec<Document> = graphs
        .iter()
        .map(|(g, s)| Document {
            graph: (*g).clone(),
            stamp: (*s).clone(),
            ..Document::default()
        })
        .collect();
    let at: HashMap<String, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.graph.clone(), i))
        .collect();
    let mut duties: HashMap<String, Vec<(i64, Duty)>> = HashMap::new();
    for r in duty_rows {
        duties
            .entry(bare(get(&r, "task")).to_owned())
            .or_default()
            .push((
                get(&r, "position").parse().unwrap_or(0),
                Duty {
                    role: get(&r, "role").to_owned(),
                    agency: bare(get(&r, "member")).to_owned(),
                    label: get(&r, "label").to_owned(),
                    written: Some(get(&r, "written"))
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                    in_file: Some(get(&r, "inFile"))
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                },
            ));
    }
    let mut seen = std::collections::HashSet::new();
    for r in task_rows {
        let Some(&i) = at.get(bare(get(&r, "g"))) else {
            continue;
        };
        let iri = bare(get(&r, "task")).to_owned();
        // A task of several sections or texts (a copy's variants) is indexed once.
        if !seen.insert(iri.clone()) {
            continue;
        }
        let mut own = duties.remove(&iri).unwrap_or_default();
        own.sort_by_key(|a| (role_rank(&a.1.role), a.0));
        own.dedup_by(|a, b| a.1 == b.1);
        let title = get(&r, "title").to_owned();
        let text = match get(&r, "text") {
            "" => title.clone(),
            t => t.to_owned(),
        };
        docs[i].tasks.push(Task {
            iri,
            plan: bare(get(&r, "plan")).to_owned(),
            plan_title: get(&r, "planTitle").to_owned(),
            year: get(&r, "year").parse().ok(),
            place: get(&r, "place").to_owned(),
            cited: get(&r, "cited").to_owned(),
            number: get(&r, "number").to_owned(),
            ordinal: get(&r, "ordinal").parse().unwrap_or(0),
            title,
            text,
            section: get(&r, "section").to_owned(),
            duties: own.into_iter().map(|(_, d)| d).collect(),
        });
    }
    for r in plan_rows {
        let Some(&i) = at.get(bare(get(&r, "g"))) else {
            continue;
        };
        let iri = bare(get(&r, "plan")).to_owned();
        if docs[i].plans.iter().any(|p| p.iri == iri) {
            continue;
        }
        let tasks = docs[i].tasks.iter().filter(|t| t.plan == iri).count();
        docs[i].plans.push(Plan {
            iri,
            title: get(&r, "title").to_owned(),
            year: get(&r, "year").parse().ok(),
            place: get(&r, "place").to_owned(),
            tasks,
        });
    }
    for d in &mut docs {
        d.tasks.sort_by_key(|t| t.ordinal);
    }
    docs
}

fn get<'a>(r: &'a Row, k: &str) -> &'a str {
    r.get(k).map(String::as_str).unwrap_or("")
}

/// An IRI as `select` writes it (`<…>`), without its brackets.
fn bare(s: &str) -> &str {
    s.strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(s)
}

/// Leads first, then those jointly responsible, cooperating, and supervising officials.
fn role_rank(role: &str) -> u8 {
    match role {
        "lead" => 0,
        "co_responsible" => 1,
        "cooperate" => 2,
        "supervisor" => 4,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read, Item};

    /// The seeds and the shared real plans: every layout, the three roles, supervising
    /// officials, traditional script (names as the file wrote them), sections.
    fn plans() -> Vec<Item> {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let mut items = Item::default_corpus();
        let found = fengong_parse::input::collect(&[
            fixtures.join("real/docs"),
            fixtures.join("real2/docs"),
        ]);
        for input in found {
            items.push(Item::file(input.expect("a fixture file")));
        }
        items
    }

    #[test]
    fn documents_made_from_written_quads_are_those_read_back_from_the_store() {
        let registry = Registry::embedded();
        let (store, dir) = crate::test_store("index");
        let mut prepared = Vec::new();
        for item in plans() {
            let (doc, source) = read(&item).expect("a fixture parses");
            let p = store
                .prepare(&doc, &source, registry, &Default::default())
                .expect("prepared");
            assert_eq!(p.outcome, crate::Outcome::Added, "{}", item.key);
            prepared.push(p);
        }
        let batch: Vec<&Prepared> = prepared.iter().collect();
        store.write_new(&batch).expect("written");

        let mut from_memory = written_documents(&batch, registry).expect("made in memory");
        let in_store = stamps(store.select(STAMPS, &[]).expect("stamps"));
        let graphs: Vec<(&String, &String)> = in_store.iter().collect();
        let mut from_store = store.index_documents(&graphs).expect("read back");
        from_memory.sort_by(|a, b| a.graph.cmp(&b.graph));
        from_store.sort_by(|a, b| a.graph.cmp(&b.graph));
        assert_eq!(from_memory.len(), prepared.len());
        assert_eq!(from_store.len(), prepared.len());
        for (m, s) in from_memory.iter().zip(&from_store) {
            assert_eq!(m, s, "{}", m.graph);
        }
        // The documents carry what the index serves, not empty shells.
        let tasks: Vec<&Task> = from_memory.iter().flat_map(|d| &d.tasks).collect();
        assert_eq!(tasks.len(), prepared.iter().map(|p| p.tasks).sum::<usize>());
        let roles: std::collections::BTreeSet<&str> = tasks
            .iter()
            .flat_map(|t| &t.duties)
            .map(|d| d.role.as_str())
            .collect();
        for role in ["lead", "cooperate", "co_responsible", "supervisor"] {
            assert!(roles.contains(role), "no {role} in {roles:?}");
        }
        assert!(tasks.iter().any(|t| !t.section.is_empty()));
        assert!(tasks
            .iter()
            .flat_map(|t| &t.duties)
            .any(|d| d.in_file.is_some()));
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_index_queries_read_their_named_predicates_and_classes_only() {
        let read = Read::of_index_queries();
        let fg = |l: &str| format!("{}{l}", fengong_rdf::vocab::FG);
        for iri in [
            fg("partOfPlan"),
            fg("DocumentGraph"),
            fg("Section"),
            fg("nameInFile"),
            fg("correctionsSha256"),
            "http://www.w3.org/2004/02/skos/core#notation".to_owned(),
            "http://xmlns.com/foaf/0.1/name".to_owned(),
            "http://www.w3.org/2004/02/skos/core#prefLabel".to_owned(),
        ] {
            assert!(read.iris.contains(&iri), "{iri}");
        }
        // Words of the comments and variables are not IRIs; unread predicates stay out.
        for iri in [
            fg("parse"),
            fg("responsibilitySpan"),
            "http://www.w3.org/ns/oa#hasSelector".to_owned(),
        ] {
            assert!(!read.iris.contains(&iri), "{iri}");
        }
        let n = |s: &str| NamedNode::new_unchecked(s);
        let g = oxigraph::model::GraphName::NamedNode(n("https://w3id.org/fengong/graph/doc/x"));
        let typed = |class: String| {
            Quad::new(
                n("https://w3id.org/fengong/id/x"),
                oxigraph::model::vocab::rdf::TYPE,
                n(&class),
                g.clone(),
            )
        };
        assert!(read.may_match(&typed(fg("Section"))));
        // IRIs written out (with a fragment), paths and comments.
        let other = Read::named_in(&[
            "# fg:parse in a comment\nSELECT * { ?a skos:broader/skos:prefLabel ?l ; <http://example.org/v#p> ?o . FILTER(?n < 3) } # fg:line",
        ]);
        let mut named: Vec<&str> = other.iris.iter().map(String::as_str).collect();
        named.sort();
        assert_eq!(
            named,
            [
                "http://example.org/v#p",
                "http://www.w3.org/2004/02/skos/core#broader",
                "http://www.w3.org/2004/02/skos/core#prefLabel",
            ]
        );
        assert!(!read.may_match(&typed(fg("Task"))));
    }

    #[test]
    fn each_graph_gets_its_own_branch_with_g_bound() {
        let graphs = [
            Term::NamedNode(NamedNode::new_unchecked(
                "https://w3id.org/fengong/graph/doc/1",
            )),
            Term::NamedNode(NamedNode::new_unchecked(
                "https://w3id.org/fengong/graph/doc/2",
            )),
        ];
        let q = per_value(PLANS, "g", &graphs).expect("a WHERE group");
        assert_eq!(
            q.matches(" UNION ").count() + q.matches("\nUNION ").count(),
            1
        );
        for g in &graphs {
            assert!(q.contains(&format!("BIND({g} AS ?g)")), "{q}");
            assert!(q.contains(&format!("GRAPH {g} {{")), "{q}");
            assert!(q.contains(&format!("{g} fg:describes ?plan")), "{q}");
        }
        assert!(!q.contains("GRAPH ?g"), "{q}");
        // Other variables starting with g stay as they are.
        let t = "SELECT ?g ?graph WHERE { GRAPH ?g { ?graph a ?g_x } }";
        let q = per_value(t, "g", &graphs[..1]).expect("a WHERE group");
        assert!(q.contains("?graph a ?g_x"), "{q}");
        assert!(q.starts_with("SELECT ?g ?graph WHERE {"), "{q}");
        assert!(q.trim_end().ends_with('}'), "{q}");
        for template in [TASKS, DUTIES, PLANS] {
            let q = per_value(template, "g", &graphs).expect("a WHERE group");
            let mut evaluator = oxigraph::sparql::SparqlEvaluator::new();
            for (name, iri) in fengong_rdf::vocab::PREFIXES {
                evaluator = evaluator.with_prefix(*name, *iri).expect("prefix");
            }
            assert!(evaluator.parse_query(&q).is_ok(), "{q}");
        }
    }
}
