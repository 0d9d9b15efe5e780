//! The ingest pipeline — what `fengong ingest` does, for any caller: documents are parsed in
//! parallel chunks, then written in order: a changed document in a transaction of its own, new
//! ones gathered into atomic bulk batches. Every document ends up whole in the store or not at
//! all, and a document that fails leaves the store as it was. After writing a fifth of the store
//! or more the store is compacted.

use crate::{Identity, Ingested, Outcome, Prepared, Stats, Store, StoreError};
use fengong_correct::Corrections;
use fengong_parse::Source;
use fengong_rdf::vocab::fg;
use fengong_registry::Registry;
use oxigraph::model::{Literal, NamedNode, Quad};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Documents parsed in parallel at a time.
const PARSE_CHUNK: usize = 64;

/// Quads of new documents loaded at a time: the bulk loader turns them into sorted files on
/// disk, so this is what memory holds of documents on their way in.
const LOAD_QUADS: usize = 400_000;

/// A new document on its way into the store.
struct Entry<'a> {
    item: &'a Item,
    /// Once loaded, only the quads naming its file and its plan are kept (for recording other
    /// files on it).
    prepared: Prepared,
    loaded: bool,
    /// Quads written for it, counting those recorded on it after its load.
    quads: usize,
    /// Files found to hold it (same bytes, or the same plan), reported with its batch.
    copies: Vec<(&'a Item, Ingested)>,
}

/// New documents on their way into the store, committed together in atomic batches of about
/// `commit_quads` quads. Their quads go into one bulk load a chunk at a time, and their
/// search documents into one change of the index, committed right after the store's. RocksDB
/// merges each commit's files with everything it holds (their keys overlap all of it), so a
/// commit per chunk rewrote the lower levels again and again: 3.2× Oxigraph's own bulk load at
/// 100k tasks, where larger commits write the store about once.
struct NewDocuments<'a> {
    store: &'a Store,
    registry: &'a Registry,
    commit_quads: usize,
    entries: Vec<Entry<'a>>,
    /// Quads recorded on documents already loaded (other files holding them), loaded at commit.
    late: Vec<Quad>,
    unloaded: usize,
    loaded: usize,
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    /// The index's change; `None` once it failed (the sync at the end of the ingest reads the
    /// store instead, and reports what fails there).
    index: Option<(
        std::sync::Arc<fengong_search::Index>,
        fengong_search::Writing,
    )>,
    indexing: bool,
    indexed: usize,
    indexing_time: Duration,
    /// Why the batch cannot be written, once it cannot: each of its documents fails with it.
    failed: Option<String>,
}

impl<'a> NewDocuments<'a> {
    fn new(store: &'a Store, registry: &'a Registry, commit_quads: usize) -> Self {
        NewDocuments {
            store,
            registry,
            commit_quads,
            entries: Vec::new(),
            late: Vec::new(),
            unloaded: 0,
            loaded: 0,
            loader: None,
            index: None,
            indexing: true,
            indexed: 0,
            indexing_time: Duration::ZERO,
            failed: None,
        }
    }

    fn push(&mut self, item: &'a Item, prepared: Prepared) {
        let quads = prepared.quads.len();
        self.unloaded += quads;
        self.entries.push(Entry {
            item,
            prepared,
            loaded: false,
            quads,
            copies: Vec::new(),
        });
        // A chunk is at most a quarter of a batch, so that small batches load in several.
        if self.unloaded >= LOAD_QUADS.min(self.commit_quads / 4) {
            self.load();
        }
    }

    /// Records more quads on the `i`th document (in its graph).
    fn add_quads(&mut self, i: usize, quads: Vec<Quad>) {
        let e = &mut self.entries[i];
        e.quads += quads.len();
        if e.loaded {
            self.late.extend(quads);
        } else {
            self.unloaded += quads.len();
            e.prepared.quads.extend(quads);
        }
    }

    /// Whether the batch is large enough to commit.
    fn due(&self) -> bool {
        self.loaded + self.unloaded >= self.commit_quads
    }

    /// Loads the documents not loaded yet, and puts them in the index's change.
    fn load(&mut self) {
        let chunk: Vec<&Prepared> = self
            .entries
            .iter()
            .filter(|e| !e.loaded)
            .map(|e| &e.prepared)
            .collect();
        if chunk.is_empty() || self.failed.is_some() {
            return;
        }
        let loaded = match &mut self.loader {
            Some(l) => Ok(l),
            None => self.store.bulk_loader().map(|l| self.loader.insert(l)),
        }
        .and_then(|l| {
            l.load_quads(chunk.iter().flat_map(|p| p.quads.iter().cloned()))
                .map_err(StoreError::from)
        });
        if let Err(e) = loaded {
            self.failed = Some(e.to_string());
            return;
        }
        if self.indexing {
            let t = Instant::now();
            let put = (|| -> Result<usize, StoreError> {
                if self.index.is_none() {
                    self.index = Some(self.store.begin_index(self.registry)?);
                }
                let docs = crate::index::written_documents(&chunk, self.registry)?;
                if let Some((index, writing)) = &self.index {
                    for d in &docs {
                        index.put(writing, d)?;
                    }
                }
                Ok(docs.len())
            })();
            match put {
                Ok(n) => self.indexed += n,
                Err(_) => {
                    self.indexing = false;
                    self.index = None;
                }
            }
            self.indexing_time += t.elapsed();
        }
        for e in self.entries.iter_mut().filter(|e| !e.loaded) {
            e.loaded = true;
            e.prepared
                .quads
                .retain(|q| q.predicate == fg::PATH || q.predicate == fg::DESCRIBES);
            e.prepared.quads.shrink_to_fit();
        }
        self.loaded += self.unloaded;
        self.unloaded = 0;
        // The chunk's scratch store and parse results are freed by now.
        crate::memory::release_free();
    }

    /// Commits the batch: the store's files, then the index's change; reports each document.
    fn commit(
        &mut self,
        report: &mut Report,
        written_sha: &mut HashMap<String, NamedNode>,
        written_plans: &mut Vec<(Identity, NamedNode, String)>,
        on_event: &mut dyn FnMut(Event<'_>),
    ) {
        self.load();
        let late = std::mem::take(&mut self.late);
        let committed = match (self.failed.take(), self.loader.take()) {
            (Some(e), _) => Err(e),
            (None, Some(mut loader)) => loader
                .load_quads(late)
                .and_then(|()| loader.commit())
                .map_err(|e| StoreError::from(e).to_string()),
            (None, None) => Ok(()),
        };
        let index = self.index.take();
        match committed {
            Ok(()) => {
                if let Some((index, writing)) = index {
                    let t = Instant::now();
                    match index.commit(writing) {
                        Ok(()) => report.indexed += std::mem::take(&mut self.indexed),
                        Err(_) => self.indexing = false,
                    }
                    self.indexing_time += t.elapsed();
                }
                for e in self.entries.drain(..) {
                    let p = &e.prepared;
                    written_sha.insert(p.sha256.clone(), p.graph.clone());
                    if let Some(id) = &p.identity {
                        written_plans.push((id.clone(), p.graph.clone(), e.item.key.clone()));
                    }
                    let done = Ingested {
                        quads: e.quads,
                        ..p.ingested()
                    };
                    report.count(&done);
                    on_event(Event::Done(e.item, done));
                    for (item, copy) in e.copies {
                        report.count(&copy);
                        on_event(Event::Done(item, copy));
                    }
                }
            }
            Err(message) => {
                // The index's change goes unpublished with the store's batch.
                drop(index);
                for e in self.entries.drain(..) {
                    for item in std::iter::once(e.item).chain(e.copies.iter().map(|c| c.0)) {
                        report.failed += 1;
                        on_event(Event::Failed(
                            item,
                            format!(
                                "{}: not ingested, the store is as it was: {message}",
                                item.path.display()
                            ),
                        ));
                    }
                }
            }
        }
        self.indexed = 0;
        report.indexing += std::mem::take(&mut self.indexing_time);
        self.loaded = 0;
        self.unloaded = 0;
        // The bulk loader's sorting threads are done and the batch's entries dropped.
        crate::memory::release_free();
    }
}

/// One document to ingest: its key, the path shown to people, and where its bytes are.
#[derive(Debug, Clone)]
pub struct Item {
    /// The document's identity in the store (see [`fengong_parse::input::Input::key`]).
    pub key: String,
    pub path: PathBuf,
    /// The bytes, for documents compiled into the binary; others are read from `path` when
    /// their turn comes, so a large corpus is never all in memory.
    pub embedded: Option<&'static [u8]>,
    /// A link to fetch the document from (then `key` and `path` are the URL).
    pub url: Option<String>,
}

impl Item {
    /// The seed documents embedded in the binary (`data/corpus/`).
    pub fn default_corpus() -> Vec<Item> {
        fengong_parse::input::DEFAULT
            .iter()
            .map(|(name, bytes)| Item {
                key: (*name).to_owned(),
                path: PathBuf::from(name),
                embedded: Some(bytes),
                url: None,
            })
            .collect()
    }

    /// A file found on disk.
    pub fn file(input: fengong_parse::input::Input) -> Item {
        Item {
            key: input.key,
            path: input.path,
            embedded: None,
            url: None,
        }
    }

    /// A document to fetch from a link; the URL is its key and its source.
    pub fn url(url: &str) -> Item {
        Item {
            key: url.to_owned(),
            path: PathBuf::from(url),
            embedded: None,
            url: Some(url.to_owned()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// New documents are written together, in atomic batches of about this many quads (each
    /// batch appears whole or not at all). Memory holds one chunk of a batch at a time
    /// (`LOAD_QUADS`), whatever its size; larger batches write faster.
    pub batch_quads: usize,
    /// Corrections by hand, applied to every document they name, written now or stored.
    pub corrections: Corrections,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            batch_quads: 4_000_000,
            corrections: Corrections::default(),
        }
    }
}

/// What happened to one document, reported as it happens.
#[derive(Debug)]
pub enum Event<'a> {
    /// The document was read and parsed (or failed to be): one per item, in order, for
    /// progress bars. Its outcome follows, perhaps after later documents' `Read`.
    Read(&'a Item),
    /// Written (or found unchanged).
    Done(&'a Item, Ingested),
    /// Not ingested; the store is as it was for this document. The message names the file.
    Failed(&'a Item, String),
    /// Read, but neither a plan nor a text about one (no task, no title, no agency named: a
    /// saved log, a note), so not stored. The message names the file.
    Skipped(&'a Item, String),
}

/// Why a file was not ingested.
enum NotIngested {
    Failed(String),
    Skipped(String),
}

impl From<String> for NotIngested {
    fn from(message: String) -> Self {
        NotIngested::Failed(message)
    }
}

/// What an ingest did, and what the store holds after it.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// Files with the same bytes as a document already there: recorded on it, not added.
    pub copies: usize,
    /// Documents of the store re-resolved from their stored parses after a registry change.
    pub reresolved: usize,
    /// Documents resolved with another registry that have no stored parse (an earlier
    /// version ingested them): their files must be ingested again.
    pub stale: usize,
    pub failed: usize,
    /// Files read that hold neither a plan nor a text about one, not stored.
    pub skipped: usize,
    /// Corrections in effect in the documents written, unchanged or re-derived.
    pub corrected: usize,
    /// Corrections that could not be applied: those naming a document they no longer fit,
    /// and those naming no document of the store. Each message cites the entry's line.
    pub correction_problems: Vec<String>,
    /// Tasks in the documents written or unchanged.
    pub tasks: usize,
    /// Quads written.
    pub quads: usize,
    pub elapsed: Duration,
    /// Documents (re)indexed for full-text search, and the time it took.
    pub indexed: usize,
    pub indexing: Duration,
    /// Agencies, people and posts no document mentions any more, removed.
    pub pruned: usize,
    /// How long compacting took, if the ingest wrote enough to call for it.
    pub compacted: Option<Duration>,
    /// The store's counts afterwards.
    pub store: Stats,
}

impl Report {
    fn count(&mut self, r: &Ingested) {
        match r.outcome {
            Outcome::Added => self.added += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Copy => self.copies += 1,
        }
        self.tasks += r.tasks;
        self.quads += r.quads;
    }

    /// Documents written or found unchanged.
    pub fn documents(&self) -> usize {
        self.added + self.replaced + self.unchanged + self.copies
    }
}

fn not_ingested(item: &Item, e: &StoreError) -> String {
    format!(
        "{}: not ingested, the store is as it was: {e}",
        item.path.display()
    )
}

/// Keeps a fetched document's bytes as `sources/SHA256.EXT` in the store folder, where its
/// citations can be read again when the page has changed or gone; returns the path.
fn keep_copy(store: &Store, f: &fengong_fetch::Fetched, sha: &str) -> std::io::Result<String> {
    let dir = store.path().join("sources");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{sha}.{}", fengong_fetch::extension(f)));
    if !path.exists() {
        // Written beside, then renamed: a copy is whole or absent.
        let part = path.with_extension("part");
        std::fs::write(&part, &f.bytes)?;
        std::fs::rename(&part, &path)?;
    }
    Ok(path.to_string_lossy().into_owned())
}

/// An item's bytes (fetched, read or embedded), the path to record, and what was fetched.
#[allow(clippy::type_complexity)]
fn load(
    item: &Item,
) -> Result<(Cow<'static, [u8]>, String, Option<fengong_fetch::Fetched>), NotIngested> {
    let mut fetched = None;
    let bytes = match (item.embedded, &item.url) {
        (Some(b), _) => Cow::Borrowed(b),
        (None, Some(url)) => {
            let limits = fengong_fetch::Limits::from_env()
                .map_err(|e| format!("{url}: {e}; not ingested, the store is as it was"))?;
            let f = fengong_fetch::fetch(url, &limits)
                .map_err(|e| format!("{e}; not ingested, the store is as it was"))?;
            let bytes = Cow::Owned(f.bytes.clone());
            fetched = Some(f);
            bytes
        }
        (None, None) => {
            Cow::Owned(fengong_parse::input::read(&item.path).map_err(|e| e.to_string())?)
        }
    };
    let shown = item.path.to_string_lossy();
    // Files are recorded by their absolute path, so that `fengong prune` can tell later,
    // from anywhere, whether they are still there.
    let recorded = match (item.embedded, &item.url) {
        (None, None) => std::fs::canonicalize(&item.path)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| shown.clone().into_owned()),
        _ => shown.clone().into_owned(),
    };
    Ok((bytes, recorded, fetched))
}

/// Reads and parses one item as `ingest` does, without a store: the parse and the record of
/// the file read (a link's bytes are not kept).
pub fn read(item: &Item) -> Result<(fengong_parse::ParsedDocument, Source), String> {
    let (bytes, recorded, _) = load(item).map_err(|e| match e {
        NotIngested::Failed(m) | NotIngested::Skipped(m) => m
            .trim_end_matches("; not ingested, the store is as it was")
            .to_owned(),
    })?;
    let source = Source::new(&item.key, &recorded, &bytes);
    let shown = item.path.to_string_lossy();
    let doc = fengong_parse::parse_bytes(&shown, &bytes).map_err(|e| format!("{shown}: {e}"))?;
    Ok((doc, source))
}

/// Reads, parses and prepares one document; the error names the file.
fn prepare(
    store: &Store,
    item: &Item,
    registry: &Registry,
    corrections: &Corrections,
) -> Result<Prepared, NotIngested> {
    let (bytes, recorded, fetched) = load(item)?;
    let shown = item.path.to_string_lossy();
    let mut source = Source::new(&item.key, &recorded, &bytes);
    if let Some(f) = &fetched {
        source.local_copy = Some(keep_copy(store, f, &source.sha256).map_err(|e| {
            format!("{shown}: cannot keep a copy in the store folder: {e}; not ingested")
        })?);
    }
    let unchanged = store
        .unchanged(&source, registry, corrections)
        .map_err(|e| format!("{shown}: not ingested, the store is as it was: {e}"))?;
    if let Some(p) = unchanged {
        return Ok(p);
    }
    let doc = fengong_parse::parse_bytes(&shown, &bytes).map_err(|e| format!("{shown}: {e}"))?;
    if is_stray(&doc) {
        return Err(NotIngested::Skipped(format!(
            "{shown}: no task, no agency and no Chinese title: not a plan or a text about one; not stored"
        )));
    }
    store
        .prepare(&doc, &source, registry, corrections)
        .map_err(|e| format!("{shown}: not ingested, the store is as it was: {e}").into())
}

/// A stray file in a folder of plans (a saved error log, a note) is not a document of the
/// genre, which is Chinese and names organs: no task, no agency, no Chinese title.
pub fn is_stray(doc: &fengong_parse::ParsedDocument) -> bool {
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    doc.tasks.is_empty()
        && doc.agencies_named.is_empty()
        && !doc.document.title.as_deref().is_some_and(chinese)
}

/// Ingests `items` into `store`, resolving names with `registry`, and reports each document
/// to `on_event`. Problems with single documents are events; an `Err` means the store itself
/// failed (what was committed before stays, whole).
pub fn ingest(
    store: &Store,
    items: &[Item],
    registry: &Registry,
    options: &Options,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<Report, StoreError> {
    let started = Instant::now();
    store.ensure_registry(registry)?;
    let mut report = Report::default();
    let mut keys: HashMap<&str, &PathBuf> = HashMap::new();
    // The graphs of this run's own keys: not taken as the original of a copy from the store,
    // since their files may be changing in this very run.
    let run_graphs: std::collections::HashSet<oxigraph::model::NamedNode> = items
        .iter()
        .map(|i| fengong_rdf::iri::document_graph(&i.key))
        .collect();
    // Bytes written in this run, by SHA-256: a later copy is recorded on its document.
    let mut written_sha: HashMap<String, oxigraph::model::NamedNode> = HashMap::new();
    // Plans written in this run: a later file holding the same plan is recorded on it.
    let mut written_plans: Vec<(Identity, NamedNode, String)> = Vec::new();
    // Files recorded in this run on plans of the store that this run also rewrites.
    let mut recorded: HashMap<NamedNode, Vec<Quad>> = HashMap::new();
    let mut new = NewDocuments::new(store, registry, options.batch_quads);
    let files_before = store.files_bytes();
    for chunk in items.chunks(PARSE_CHUNK) {
        let prepared: Vec<Result<Prepared, NotIngested>> = chunk
            .par_iter()
            .map(|item| prepare(store, item, registry, &options.corrections))
            .collect();
        for (item, result) in chunk.iter().zip(prepared) {
            on_event(Event::Read(item));
            if let Some(first) = keys.get(item.key.as_str()) {
                report.failed += 1;
                on_event(Event::Failed(
                    item,
                    format!(
                        "{}: has the same key `{}` as {}; ingest their common folder so their paths tell them apart",
                        item.path.display(),
                        item.key,
                        first.display()
                    ),
                ));
                continue;
            }
            keys.insert(&item.key, &item.path);
            let p = match result {
                Ok(p) => p,
                Err(NotIngested::Failed(message)) => {
                    report.failed += 1;
                    on_event(Event::Failed(item, message));
                    continue;
                }
                Err(NotIngested::Skipped(message)) => {
                    report.skipped += 1;
                    on_event(Event::Skipped(item, message));
                    continue;
                }
            };
            let mut p = p;
            report.corrected += p.corrected;
            report
                .correction_problems
                .append(&mut p.correction_problems);
            // The same bytes twice in one ingest: the first is the document, later ones are
            // places it was also seen (recorded on the first, still pending or written).
            if p.outcome == Outcome::Added {
                if let Some(first) = new
                    .entries
                    .iter()
                    .position(|e| e.prepared.sha256 == p.sha256)
                {
                    let (file, graph) = {
                        let e = &new.entries[first].prepared;
                        let file = e.quads.iter().find(|q| q.predicate == fg::PATH);
                        (file.map(|q| q.subject.clone()), e.graph.clone())
                    };
                    if let Some(file) = file {
                        let seen =
                            Quad::new(file, fg::SEEN_AT, Literal::from(p.seen_at.as_str()), graph);
                        new.add_quads(first, vec![seen]);
                    }
                    let copy = Ingested {
                        outcome: Outcome::Copy,
                        tasks: p.tasks,
                        quads: 1,
                        reading: None,
                        same_plan_as: Some(new.entries[first].item.key.clone()),
                    };
                    new.entries[first].copies.push((item, copy));
                    continue;
                }
            }
            // Bytes the store holds under another key: the same document, unless that key is
            // itself being ingested now (it may be changing).
            if matches!(p.outcome, Outcome::Added | Outcome::Replaced) {
                let original = match written_sha.get(&p.sha256) {
                    Some(g) => Some(g.clone()),
                    None => store
                        .graph_with_sha(&p.sha256)?
                        .filter(|g| !run_graphs.contains(g)),
                };
                if let Some(original) = original.filter(|g| *g != p.graph) {
                    p.replaces = (p.outcome == Outcome::Replaced).then(|| p.graph.clone());
                    p.quads = store.seen_at(&original, &p.seen_at)?;
                    p.graph = original;
                    p.outcome = Outcome::Copy;
                }
            }
            // Other bytes holding the same plan (another format, a re-downloaded page): one
            // plan, with this file recorded on it.
            if let (true, Some(id)) = (
                matches!(p.outcome, Outcome::Added | Outcome::Replaced),
                p.identity.clone(),
            ) {
                let media = p.reading.as_ref().map(|r| r.format).unwrap_or_default();
                if let Some(first) = new.entries.iter().position(|e| {
                    e.prepared.graph != p.graph
                        && e.prepared
                            .identity
                            .as_ref()
                            .is_some_and(|i| i.same_plan(&id))
                }) {
                    let e = &new.entries[first].prepared;
                    let plan = e.quads.iter().find_map(|q| match &q.object {
                        oxigraph::model::Term::NamedNode(n) if q.predicate == fg::DESCRIBES => {
                            Some(n.clone())
                        }
                        _ => None,
                    });
                    if let Some(plan) = plan {
                        let more =
                            fengong_rdf::manifestation_quads(&e.graph, &plan, &p.source, media);
                        let copy = Ingested {
                            outcome: Outcome::Copy,
                            tasks: p.tasks,
                            quads: more.len(),
                            reading: p.reading.clone(),
                            same_plan_as: Some(new.entries[first].item.key.clone()),
                        };
                        new.add_quads(first, more);
                        new.entries[first].copies.push((item, copy));
                        continue;
                    }
                }
                // A plan of the store whose own file comes later in this run is matched too:
                // what is recorded on it now is carried into its graph if that is rewritten.
                let original = match written_plans.iter().find(|(i, _, _)| i.same_plan(&id)) {
                    Some((_, g, k)) => Some((g.clone(), k.clone())),
                    None => store.graph_with_plan(&id)?,
                };
                if let Some((original, key)) = original.filter(|(g, _)| *g != p.graph) {
                    if let Some(plan) = store.plan_of(&original)? {
                        p.replaces = (p.outcome == Outcome::Replaced).then(|| p.graph.clone());
                        p.quads =
                            fengong_rdf::manifestation_quads(&original, &plan, &p.source, media);
                        if run_graphs.contains(&original) {
                            recorded
                                .entry(original.clone())
                                .or_default()
                                .extend(p.quads.iter().cloned());
                        }
                        p.graph = original;
                        p.outcome = Outcome::Copy;
                        p.same_plan_as = Some(key);
                    }
                }
            }
            if p.outcome == Outcome::Added {
                new.push(item, p);
                if new.due() {
                    new.commit(&mut report, &mut written_sha, &mut written_plans, on_event);
                }
                continue;
            }
            if p.outcome == Outcome::Replaced {
                if let Some(more) = recorded.remove(&p.graph) {
                    p.quads.extend(more);
                }
            }
            let (sha, graph) = (p.sha256.clone(), p.graph.clone());
            match store.write(p) {
                Ok(r) => {
                    if matches!(r.outcome, Outcome::Replaced | Outcome::Unchanged) {
                        written_sha.insert(sha, graph);
                    }
                    report.count(&r);
                    on_event(Event::Done(item, r));
                }
                Err(e) => {
                    report.failed += 1;
                    on_event(Event::Failed(item, not_ingested(item, &e)));
                }
            }
        }
    }
    new.commit(&mut report, &mut written_sha, &mut written_plans, on_event);
    drop(new);
    // Compact after writing a fifth of the store or more (a first ingest, a new year of plans):
    // then lookups probe one file per index, not dozens. Small additions leave it to RocksDB's
    // own background compaction rather than rewrite a large store for a few documents. Done
    // before what follows reads the whole store (re-resolving, the index's stamps, the counts):
    // on the files the bulk load left, each of those reads takes several times as long.
    store.flush()?;
    if report.quads > 0 && store.files_bytes() >= files_before + files_before / 4 {
        let t = Instant::now();
        store.compact()?;
        report.compacted = Some(t.elapsed());
        crate::memory::release_free();
    }
    // Documents not given this time but resolved with another registry: from their stored
    // parses (prunes the entities they no longer name).
    let mut again = store.reresolve(registry, &options.corrections, |_, _| {})?;
    report.reresolved = again.documents;
    report.stale = again.stale;
    report.corrected += again.corrected;
    report.correction_problems.append(&mut again.problems);
    if !options.corrections.entries.is_empty() {
        let docs = store.documents()?;
        for e in &options.corrections.entries {
            if !docs.iter().any(|d| d.named_by(e)) {
                report.correction_problems.push(format!(
                    "{}: plan = \"{}\" names no document of the store (give its key, path, file name or SHA-256); not applied",
                    e.cited(),
                    e.plan
                ));
            }
        }
    }
    if report.replaced > 0 || report.copies > 0 {
        report.pruned = store.prune_entities()?;
    }
    store.flush()?;
    // The search index follows the store's commits (a crash before this line leaves it
    // behind, and the next command that opens it catches up).
    let t = Instant::now();
    report.indexed += store.sync_index(registry)?.indexed;
    report.indexing += t.elapsed();
    report.store = store.stats()?;
    report.elapsed = started.elapsed();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quads_recorded_on_a_loaded_document_are_committed_with_it() {
        let registry = Registry::embedded();
        let (store, dir) = crate::test_store("late");
        let items = Item::default_corpus();
        let (doc, source) = read(&items[0]).expect("a seed parses");
        let p = store
            .prepare(&doc, &source, registry, &Default::default())
            .expect("prepared");
        let (graph, written) = (p.graph.clone(), p.quads.len());
        let file = p
            .quads
            .iter()
            .find(|q| q.predicate == fg::PATH)
            .map(|q| q.subject.clone())
            .expect("the file's node");

        let mut new = NewDocuments::new(&store, registry, usize::MAX);
        new.push(&items[0], p);
        new.load();
        assert!(new.entries[0].loaded);
        assert!(
            store.plan_of(&graph).expect("read").is_none(),
            "nothing is visible before the commit"
        );
        let seen = Quad::new(
            file,
            fg::SEEN_AT,
            Literal::from("elsewhere/copy.txt"),
            graph.clone(),
        );
        new.add_quads(0, vec![seen.clone()]);
        let (mut report, mut shas, mut plans, mut done) =
            (Report::default(), HashMap::new(), Vec::new(), Vec::new());
        new.commit(&mut report, &mut shas, &mut plans, &mut |e| {
            if let Event::Done(item, d) = e {
                done.push((item.key.clone(), d.quads));
            }
        });
        assert_eq!(done, [(items[0].key.clone(), written + 1)]);
        assert!(store.plan_of(&graph).expect("read").is_some());
        assert!(store
            .oxigraph()
            .expect("local")
            .contains(&seen)
            .expect("read"));
        assert_eq!(report.indexed, 1);
        assert_eq!(
            store
                .search_index(registry)
                .expect("index")
                .tasks()
                .expect("count"),
            doc.tasks.len()
        );
        drop(new);
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
