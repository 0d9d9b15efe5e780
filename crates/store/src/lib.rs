//! The embedded, on-disk Oxigraph store: one named graph per document, written in one
//! transaction, so a document is in the store whole or not at all; the SPARQL of `queries/` it
//! runs; the [`ingest`] pipeline; and the [`network`] rows read from it.
//!
//! Graphs: `fgg:doc/KEY` per document (plan, sections, tasks, memberships, provenance, the
//! ingest record), `fgg:entities` (agencies, people, posts, shared by documents) and
//! `fgg:ontology` (`data/ontology.ttl`) and `fgg:registry` (the curated agencies of `data/registry/`). Queries see the union of all graphs as their default
//! graph.

pub mod agencies;
pub mod catalog;
pub mod index;
pub mod ingest;
pub mod memory;
pub mod network;
mod params;
pub mod push;
pub mod remote;
pub mod results;
pub mod service;
mod time;

pub use fengong_parse::sha256;
pub use params::{bind, per_value};
pub use time::now_utc;

use fengong_correct::{Corrected, Corrections};
use fengong_parse::ParsedDocument;
use fengong_rdf::vocab::{fg, PREFIXES};
use fengong_rdf::{self as rdf, iri, IngestRecord, Source};
use fengong_registry::Registry;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode,
    NamedOrBlankNodeRef, Quad, QuadRef, Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::StorageError;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use oxigraph::sparql::QueryResults as Results;

/// `data/ontology.ttl`, the definitions of the `fg:` terms.
pub const ONTOLOGY: &str = include_str!("../../../data/ontology.ttl");
const COUNTS: &str = include_str!("../../../queries/counts.rq");
const SOURCE_FILE: &str = include_str!("../../../queries/source-file.rq");
const NO_TASK: &str = include_str!("../../../queries/no-task.rq");
const GRAPH_COUNTS: &str = include_str!("../../../queries/graph-counts.rq");
const OUTDATED: &str = include_str!("../../../queries/outdated.rq");

/// The version written into every ingest record; a new version re-reads unchanged files.
/// The `+model.N` part changes whenever what a document's graph holds changes (N = 2: task
/// texts; 3: names in the file's own script; 4: task citations and plan labels), so stores
/// written before are brought up to date on the next ingest, every document of them.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+model.4");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot open the store: {source}{hint}", path.display())]
    Open {
        path: PathBuf,
        source: StorageError,
        hint: &'static str,
    },
    #[error("{}: no store here yet; run `fengong ingest --store {}` first", path.display(), path.display())]
    Missing { path: PathBuf },
    #[error("{}: another process is writing the store (an ingest, or `fengong serve --watch`) and did not finish within 5 s; run this again when it is done, or ask the server", path.display())]
    Writing { path: PathBuf },
    #[error("{}: another process has had the store open for 5 s (`fengong serve`, an ingest, or a command reading it); run this again when it is done — to add plans to a store being served, let the server ingest them: `fengong serve --watch FOLDER`", path.display())]
    InUse { path: PathBuf },
    #[error("{}: cannot lock the store: {source}", path.display())]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the store failed: {0}")]
    Storage(#[from] StorageError),
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("query failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("cannot bind ?{name}: {message}")]
    Binding { name: String, message: String },
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
    #[error("{0} is already in the store: it can only be replaced in a transaction")]
    NotNew(String),
    #[error("{0}: no document in the store has this key, path or link (`fengong query plans` lists them)")]
    UnknownDocument(String),
    #[error("{}: already exists; a backup goes to a new folder (give another name, or remove it)", .0.display())]
    BackupExists(PathBuf),
    #[error("{0}")]
    Correction(String),
    #[error("{0}: a SPARQL server is only read by fengong's commands; write with `fengong ingest` into a store and `fengong push` it")]
    ReadOnlyEndpoint(String),
    #[error(transparent)]
    Remote(#[from] remote::RemoteError),
    #[error("{0}; `fengong reindex` builds the index again from the store")]
    Search(#[from] fengong_search::SearchError),
    #[error("{}: cannot mark the search index stale before writing the store: {source}", path.display())]
    Mark {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What ingesting one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The key was new.
    Added,
    /// The key held another version of the file (or one read by another fengong version or
    /// resolved with another registry).
    Replaced,
    /// Same bytes, same fengong version: nothing written.
    Unchanged,
    /// The same bytes as another document of the store, seen at another path or link: one
    /// document, with this place recorded on it (`fg:seenAt`).
    Copy,
}

#[derive(Debug, Clone)]
pub struct Ingested {
    pub outcome: Outcome,
    pub tasks: usize,
    /// Quads written (0 when unchanged).
    pub quads: usize,
    /// How the file was read, when it was read now (not for a file found unchanged).
    pub reading: Option<Reading>,
    /// For a file holding a plan the store has from another file: that file's key.
    pub same_plan_as: Option<String>,
}

/// How a file was read, for the ingest report: what a user checks before trusting a plan.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub title: Option<String>,
    /// The file's media type (`text/html`, `application/pdf`).
    pub format: &'static str,
    /// One line per part, as the parser read it (`12 tasks from numbered items (一)`).
    pub layout: Vec<String>,
    pub warnings: usize,
    /// Tasks that name no agency: a plan where many do was most likely misread.
    pub without_agency: usize,
}

impl Reading {
    fn of(doc: &ParsedDocument) -> Reading {
        Reading {
            title: doc.document.title.clone(),
            format: doc.format.media_type(),
            layout: doc.layout.clone(),
            warnings: doc.warnings.len(),
            without_agency: doc
                .tasks
                .iter()
                .filter(|t| {
                    t.lead.is_empty() && t.cooperate.is_empty() && t.co_responsible.is_empty()
                })
                .count(),
        }
    }
}

/// What tells whether two files hold one plan: the tasks' content, and the number and year
/// that tell versions of it apart.
#[derive(Debug, Clone)]
pub struct Identity {
    pub content: String,
    pub number: Option<String>,
    pub year: Option<i32>,
}

impl Identity {
    fn of(doc: &ParsedDocument) -> Option<Identity> {
        Some(Identity {
            content: doc.content_sha256()?,
            number: doc.document.number.clone(),
            year: doc.document.year,
        })
    }

    /// Same tasks, and no number or year that says another version.
    pub fn same_plan(&self, other: &Identity) -> bool {
        let differ = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if fengong_parse::model::number_core(a) != fengong_parse::model::number_core(b));
        self.content == other.content
            && !differ(&self.number, &other.number)
            && !matches!((self.year, other.year), (Some(a), Some(b)) if a != b)
    }
}

/// A document ready to be written: its graph, its quads and what writing it will do.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub graph: NamedNode,
    pub quads: Vec<Quad>,
    pub tasks: usize,
    pub outcome: Outcome,
    /// The file's SHA-256 and where it was read, for telling copies apart in one ingest.
    pub sha256: String,
    pub seen_at: String,
    /// For a copy: the graph its own key held before, which goes.
    pub replaces: Option<NamedNode>,
    /// Corrections applied to the document, and those that name it but no longer fit
    /// (messages citing the entry).
    pub corrected: usize,
    pub correction_problems: Vec<String>,
    /// The file read, for recording it on another document holding the same plan.
    pub source: Source,
    /// The plan's identity (`None` for a document with no task, or one found unchanged).
    pub identity: Option<Identity>,
    pub reading: Option<Reading>,
    /// For a file found to hold a plan of another file: that file's key.
    pub same_plan_as: Option<String>,
}

impl Prepared {
    /// A document the store already holds as it would be written: nothing to write.
    fn unchanged(graph: NamedNode, source: &Source, tasks: usize) -> Prepared {
        Prepared {
            graph,
            quads: Vec::new(),
            tasks,
            outcome: Outcome::Unchanged,
            sha256: source.sha256.clone(),
            seen_at: source.path.clone(),
            replaces: None,
            corrected: 0,
            correction_problems: Vec::new(),
            source: source.clone(),
            identity: None,
            reading: None,
            same_plan_as: None,
        }
    }

    pub fn ingested(&self) -> Ingested {
        Ingested {
            outcome: self.outcome,
            tasks: self.tasks,
            quads: self.quads.len(),
            reading: self.reading.clone(),
            same_plan_as: self.same_plan_as.clone(),
        }
    }
}

/// A document of the store, as [`Store::documents`] lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    pub graph: NamedNode,
    pub key: String,
    /// The path (absolute) or link it was ingested from.
    pub path: String,
    pub sha256: String,
    /// Other files holding the same plan (`fg:manifestation`): formats, copies.
    pub also: Vec<FileId>,
}

impl StoredDocument {
    /// Every file of the document as (key, path, SHA-256), its first one first.
    pub fn files(&self) -> Vec<(&str, &str, &str)> {
        std::iter::once((self.key.as_str(), self.path.as_str(), self.sha256.as_str()))
            .chain(
                self.also
                    .iter()
                    .map(|f| (f.key.as_str(), f.path.as_str(), f.sha256.as_str())),
            )
            .collect()
    }

    /// Whether a correction entry names this document through any of its files.
    pub fn named_by(&self, entry: &fengong_correct::Entry) -> bool {
        self.files().iter().any(|(k, p, s)| entry.names(k, p, s))
    }
}

/// A file a plan was also read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileId {
    pub key: String,
    pub path: String,
    pub sha256: String,
}

/// A document's other files, and the quads that record them (kept when it is re-derived).
#[derive(Debug, Clone, Default)]
pub struct Manifestations {
    pub files: Vec<FileId>,
    pub quads: Vec<Quad>,
}

/// What [`Store::reresolve`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rederived {
    /// Documents written again from their stored parses.
    pub documents: usize,
    /// Documents that needed it but have no stored parse: their files must be ingested again.
    pub stale: usize,
    /// Corrections applied to the documents written again.
    pub corrected: usize,
    /// Corrections naming those documents that no longer fit them.
    pub problems: Vec<String>,
}

/// The corrections naming a document, applied to its parse; `None` when none name it.
/// Its other files (`also`) count: a correction made through any file of a plan applies to it.
fn correct(
    doc: &ParsedDocument,
    source: &Source,
    also: &[FileId],
    corrections: &Corrections,
) -> Option<Corrected> {
    let mut files = vec![(
        source.key.as_str(),
        source.path.as_str(),
        source.sha256.as_str(),
    )];
    files.extend(
        also.iter()
            .map(|f| (f.key.as_str(), f.path.as_str(), f.sha256.as_str())),
    );
    let entries = corrections.for_files(&files);
    (!entries.is_empty()).then(|| fengong_correct::apply(doc, &entries))
}

/// `data/ontology.ttl` in its graph.
fn ontology_quads() -> Result<Vec<Quad>, StoreError> {
    Ok(RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(iri::ontology_graph())
        .for_slice(ONTOLOGY)
        // The ontology is part of the binary; a syntax error in it is a bug, caught by tests.
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| StorageError::Other(Box::new(e)))?)
}

/// The graphs `ingest` writes beside the documents, as it writes them: the ontology and the
/// registry, each with the SHA-256 that tells whether it is current. With the documents'
/// quads ([`document_quads`]) they make a store; `fengong export --shared` writes them for a
/// server's own loader.
pub fn shared_quads(registry: &Registry) -> Result<Vec<Quad>, StoreError> {
    let mut quads = Vec::new();
    let graphs = [
        (
            iri::ontology_graph(),
            sha256(ONTOLOGY.as_bytes()),
            ontology_quads()?,
        ),
        (
            iri::registry_graph(),
            registry.fingerprint().to_owned(),
            rdf::registry_quads(registry),
        ),
    ];
    for (graph, hash, mut own) in graphs {
        quads.append(&mut own);
        quads.push(Quad::new(
            graph.clone(),
            fg::SHA256,
            Literal::from(hash),
            graph,
        ));
    }
    Ok(quads)
}

/// What `ingest` writes for a document new to the store: its named graph and its part of the
/// shared entities graph, with the corrections that name it applied (their problems are
/// returned, citing the file). Files holding one plan are not told apart here: a server's
/// loader keeps each as its own document.
pub fn document_quads(
    doc: &ParsedDocument,
    source: &Source,
    registry: &Registry,
    corrections: &Corrections,
) -> (Vec<Quad>, Vec<String>) {
    let corrected = correct(doc, source, &[], corrections);
    let (_, problems) = applied(corrected.as_ref(), source);
    let quads = written_quads(doc, corrected.as_ref(), source, registry);
    (quads, problems)
}

/// How many corrections were applied, and the problems of those that no longer fit, citing
/// the file.
fn applied(corrected: Option<&Corrected>, source: &Source) -> (usize, Vec<String>) {
    match corrected {
        Some(c) => (
            c.applied.len(),
            c.problems
                .iter()
                .map(|p| format!("{}: {p}", source.path))
                .collect(),
        ),
        None => (0, Vec::new()),
    }
}

/// A document's own graph and its part of the entities graph, with this version's ingest record.
fn written_quads(
    doc: &ParsedDocument,
    corrected: Option<&Corrected>,
    source: &Source,
    registry: &Registry,
) -> Vec<Quad> {
    let record = IngestRecord {
        time: time::now_utc(),
        version: VERSION.to_owned(),
    };
    let mut q = rdf::document_quads(doc, corrected, source, &record, registry);
    let mut quads = std::mem::take(&mut q.own);
    quads.append(&mut q.shared);
    quads
}

/// Memory the bulk loader may use for one batch (RocksDB's own caches come on top).
const BULK_MEMORY_MB: usize = 256;

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub plans: u64,
    pub articles: u64,
    pub tasks: u64,
    /// Agencies with a role in some task (what `fengong agencies` lists, with the groups).
    pub agencies: u64,
    /// Agencies only named: issuers, co-issuers, agencies news articles mention.
    pub agencies_named_only: u64,
    pub collective_groups: u64,
    pub people: u64,
    pub lead: u64,
    pub cooperate: u64,
    pub co_responsible: u64,
    pub supervisor: u64,
    pub triples: u64,
    pub graphs: u64,
}

/// One result row: variable → value.
pub type Row = std::collections::BTreeMap<String, String>;

/// Where the graph is: the embedded store on disk, or a SPARQL server that holds what a store
/// pushed (`fengong push`) or what its loader read from `fengong parse --format nquads`.
enum Backend {
    Local(oxigraph::store::Store),
    Remote(remote::Endpoint),
}

pub struct Store {
    backend: Backend,
    path: PathBuf,
    /// `LOCK_FILE`, locked for as long as the store is open (see [`lock`]); none for a
    /// reader of a folder it cannot write, where no writer can be either.
    _lock: Option<std::fs::File>,
    /// The full-text index, once opened (`index.rs`).
    search: std::sync::Mutex<Option<std::sync::Arc<fengong_search::Index>>>,
    /// Writes this process has begun (`index.rs`: whether the index caught up with them).
    writes: std::sync::atomic::AtomicU64,
}

/// The file every fengong process locks while it has a store open: shared by readers,
/// exclusive for the writer. Oxigraph's read-only mode is undefined while another process
/// writes, so a reader never runs beside a writer: whichever comes second is refused and told
/// what to do. (RocksDB's own `LOCK` only keeps writers apart.)
pub const LOCK_FILE: &str = "fengong.lock";

/// How long opening waits for the other side (readers, or the writer) to close the store.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Takes the store's lock, exclusive for a writer, waiting up to [`LOCK_WAIT`].
fn lock(path: &Path, exclusive: bool) -> Result<Option<std::fs::File>, StoreError> {
    let at = path.join(LOCK_FILE);
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&at);
    let file = match opened {
        Ok(f) => f,
        Err(source) if exclusive => {
            return Err(StoreError::Lock {
                path: path.to_owned(),
                source,
            })
        }
        // A folder this reader may not write (a backup on read-only media): a writer could
        // not write it either; a lock file someone made there is still honoured.
        Err(_) => match std::fs::File::open(&at) {
            Ok(f) => f,
            Err(_) => return Ok(None),
        },
    };
    // Short commands (a query, a removal) end soon: wait for them a little before refusing.
    let waited = std::time::Instant::now();
    let taken = loop {
        let taken = if exclusive {
            file.try_lock()
        } else {
            file.try_lock_shared()
        };
        match taken {
            Err(std::fs::TryLockError::WouldBlock) if waited.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => break other,
        }
    };
    match taken {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) if exclusive => Err(StoreError::InUse {
            path: path.to_owned(),
        }),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Writing {
            path: path.to_owned(),
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(StoreError::Lock {
            path: path.to_owned(),
            source,
        }),
    }
}

impl Store {
    /// Opens the store at `path` for writing, creating it if needed. Only one process may
    /// hold a store open for writing.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // RocksDB makes the store folder but not its parents (~/.local/share/fengong on a new machine).
        std::fs::create_dir_all(path).map_err(|e| StoreError::Open {
            path: path.to_owned(),
            source: e.into(),
            hint: "",
        })?;
        let lock = lock(path, true)?;
        let inner = oxigraph::store::Store::open(path).map_err(|source| StoreError::Open {
            path: path.to_owned(),
            hint: if source.to_string().to_lowercase().contains("lock") {
                " (is another fengong ingest using it?)"
            } else {
                ""
            },
            source,
        })?;
        let store = Store {
            backend: Backend::Local(inner),
            path: path.to_owned(),
            _lock: lock,
            search: Default::default(),
            writes: Default::default(),
        };
        store.ensure_ontology()?;
        Ok(store)
    }

    /// Opens an existing store for writing; a missing one is an error, not a new empty store.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").is_file() {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        Store::open(path)
    }

    /// Opens an existing store for reading; several readers may share it, but not with a
    /// writer ([`StoreError::Writing`]).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.join("CURRENT").is_file() {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        // No writer can start while this lock is held, nor hold the store now if it is taken.
        let lock = lock(path, false)?;
        let inner =
            oxigraph::store::Store::open_read_only(path).map_err(|source| StoreError::Open {
                path: path.to_owned(),
                source,
                hint: "",
            })?;
        Ok(Store {
            backend: Backend::Local(inner),
            path: path.to_owned(),
            _lock: lock,
            search: Default::default(),
            writes: Default::default(),
        })
    }

    /// Reads a SPARQL server instead of a store on disk (`--endpoint`): every query runs
    /// there; writing is refused.
    pub fn connect(endpoint: remote::Endpoint) -> Result<Store, StoreError> {
        let endpoint = endpoint.connect()?;
        Ok(Store {
            path: PathBuf::from(endpoint.url()),
            backend: Backend::Remote(endpoint),
            _lock: None,
            search: Default::default(),
            writes: Default::default(),
        })
    }

    /// A store in memory holding `quads`, to read quads that are not (yet) on disk with the
    /// project's queries.
    pub(crate) fn in_memory<'a>(
        quads: impl IntoIterator<Item = &'a Quad>,
    ) -> Result<Store, StoreError> {
        let inner = oxigraph::store::Store::new()?;
        let mut tx = inner.start_transaction()?;
        tx.extend(quads);
        tx.commit()?;
        Ok(Store {
            backend: Backend::Local(inner),
            path: PathBuf::from("(memory)"),
            _lock: None,
            search: Default::default(),
            writes: Default::default(),
        })
    }

    /// The store's folder; for a server, its query URL.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this is a SPARQL server rather than a store on disk.
    pub fn is_remote(&self) -> bool {
        matches!(self.backend, Backend::Remote(_))
    }

    /// The Oxigraph store, for what this API does not cover; `None` for a server.
    pub fn oxigraph(&self) -> Option<&oxigraph::store::Store> {
        match &self.backend {
            Backend::Local(s) => Some(s),
            Backend::Remote(_) => None,
        }
    }

    /// The embedded store, for what only it can do (writing, iterating quads); a server is
    /// only queried.
    fn inner(&self) -> Result<&oxigraph::store::Store, StoreError> {
        match &self.backend {
            Backend::Local(s) => Ok(s),
            Backend::Remote(e) => Err(StoreError::ReadOnlyEndpoint(e.url().to_owned())),
        }
    }

    /// Loads `data/ontology.ttl` into its graph unless the very same version is there already.
    fn ensure_ontology(&self) -> Result<(), StoreError> {
        self.ensure_graph(
            iri::ontology_graph(),
            &sha256(ONTOLOGY.as_bytes()),
            &ontology_quads()?,
        )
    }

    /// Writes the registry's own graph (agencies, kinds, parents, changes) unless the graph
    /// already holds this very registry. Documents resolved with another registry are re-read
    /// by the next ingest ([`Store::prepare`]).
    pub fn ensure_registry(&self, registry: &Registry) -> Result<(), StoreError> {
        self.ensure_graph(
            iri::registry_graph(),
            registry.fingerprint(),
            &rdf::registry_quads(registry),
        )
    }

    fn ensure_graph(&self, graph: NamedNode, hash: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let hash = Literal::from(hash);
        if self
            .inner()?
            .contains(QuadRef::new(&graph, fg::SHA256, &hash, &graph))?
        {
            return Ok(());
        }
        let mut tx = self.written()?.start_transaction()?;
        tx.remove_named_graph(&graph)?;
        tx.extend(quads);
        tx.insert(QuadRef::new(&graph, fg::SHA256, &hash, &graph));
        tx.commit()?;
        Ok(())
    }

    /// Writes one parsed document, replacing what its key held, in one transaction, with the
    /// registry's graph brought up to date first (and no corrections: [`ingest::ingest`]
    /// applies those).
    pub fn ingest(
        &self,
        doc: &ParsedDocument,
        source: &Source,
        registry: &Registry,
    ) -> Result<Ingested, StoreError> {
        self.ensure_registry(registry)?;
        let written =
            self.write(self.prepare(doc, source, registry, &Corrections::default())?)?;
        if written.outcome == Outcome::Replaced {
            self.prune_entities()?;
        }
        Ok(written)
    }

    /// The document of `source` when the store already holds it as a new parse would write
    /// it (same bytes, fengong, registry, and no corrections naming it): an ingest then skips
    /// reading the file's text at all. `None` when it has to be parsed.
    pub fn unchanged(
        &self,
        source: &Source,
        registry: &Registry,
        corrections: &Corrections,
    ) -> Result<Option<Prepared>, StoreError> {
        if !corrections
            .for_document(&source.key, &source.path, &source.sha256)
            .is_empty()
        {
            return Ok(None);
        }
        let graph = iri::document_graph(&source.key);
        if !self.holds(&graph, source, registry, None)? {
            return Ok(None);
        }
        let mut tasks = 0;
        for q in self.inner()?.quads_for_pattern(
            None,
            Some(oxigraph::model::vocab::rdf::TYPE),
            Some(fg::TASK.into()),
            Some(graph.as_ref().into()),
        ) {
            q?;
            tasks += 1;
        }
        Ok(Some(Prepared::unchanged(graph, source, tasks)))
    }

    /// Whether the document graph holds these bytes as this fengong, registry and
    /// corrections (`fingerprint`; `None`: none) wrote them.
    fn holds(
        &self,
        graph: &NamedNode,
        source: &Source,
        registry: &Registry,
        fingerprint: Option<&str>,
    ) -> Result<bool, StoreError> {
        let store = self.inner()?;
        let same = |p: NamedNodeRef<'_>, v: &str| {
            store.contains(QuadRef::new(graph, p, &Literal::from(v), graph))
        };
        Ok(same(fg::SHA256, &source.sha256)?
            && same(fg::FENGONG_VERSION, VERSION)?
            && same(fg::REGISTRY_SHA256, registry.fingerprint())?
            && self.same_corrections(graph, fingerprint)?)
    }

    /// What writing a document takes: nothing if the store holds this very file (same bytes,
    /// fengong version, registry and corrections), else its quads, and whether its key is new.
    pub fn prepare(
        &self,
        doc: &ParsedDocument,
        source: &Source,
        registry: &Registry,
        corrections: &Corrections,
    ) -> Result<Prepared, StoreError> {
        let graph = iri::document_graph(&source.key);
        let kept = self.manifestations(&graph)?;
        let corrected = correct(doc, source, &kept.files, corrections);
        let (applied, problems) = applied(corrected.as_ref(), source);
        let tasks = corrected
            .as_ref()
            .map(|c| &c.doc)
            .unwrap_or(doc)
            .tasks
            .len();
        let fingerprint = corrected.as_ref().and_then(|c| c.fingerprint.as_deref());
        if self.holds(&graph, source, registry, fingerprint)? {
            return Ok(Prepared {
                corrected: applied,
                correction_problems: problems,
                reading: Some(Reading::of(doc)),
                ..Prepared::unchanged(graph, source, tasks)
            });
        }
        let identity = Identity::of(doc);

        let mut quads = written_quads(doc, corrected.as_ref(), source, registry);
        // The plan's other files stay with it while it holds the same tasks.
        if !kept.quads.is_empty()
            && identity.as_ref().map(|i| i.content.as_str()) == self.content_of(&graph)?.as_deref()
        {
            quads.extend(kept.quads);
        }
        let outcome = if self.inner()?.contains_named_graph(&graph)? {
            Outcome::Replaced
        } else {
            Outcome::Added
        };
        Ok(Prepared {
            graph,
            quads,
            tasks,
            outcome,
            sha256: source.sha256.clone(),
            seen_at: source.path.clone(),
            replaces: None,
            corrected: applied,
            correction_problems: problems,
            source: source.clone(),
            identity,
            reading: Some(Reading::of(doc)),
            same_plan_as: None,
        })
    }

    /// Whether a document's graph was made with these corrections (or with none, as none apply).
    fn same_corrections(
        &self,
        graph: &NamedNode,
        fingerprint: Option<&str>,
    ) -> Result<bool, StoreError> {
        match fingerprint {
            Some(f) => Ok(self.inner()?.contains(QuadRef::new(
                graph,
                fg::CORRECTIONS_SHA256,
                &Literal::from(f),
                graph,
            ))?),
            None => Ok(self
                .inner()?
                .quads_for_pattern(
                    Some(graph.as_ref().into()),
                    Some(fg::CORRECTIONS_SHA256),
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                )
                .next()
                .is_none()),
        }
    }

    /// The document graph whose file has these bytes, if any.
    pub fn graph_with_sha(&self, sha: &str) -> Result<Option<NamedNode>, StoreError> {
        let value = Literal::from(sha);
        for q in self.inner()?.quads_for_pattern(
            None,
            Some(fg::SHA256),
            Some(value.as_ref().into()),
            None,
        ) {
            let q = q?;
            // The graph's own file, or another file recorded on it.
            if let GraphName::NamedNode(g) = &q.graph_name {
                if iri::is_document_graph(g.as_str()) {
                    return Ok(Some(g.clone()));
                }
            }
        }
        Ok(None)
    }

    /// The document holding the plan of `identity` (same tasks, no other number or year),
    /// with its key.
    pub fn graph_with_plan(
        &self,
        identity: &Identity,
    ) -> Result<Option<(NamedNode, String)>, StoreError> {
        let value = Literal::from(identity.content.as_str());
        for q in self.inner()?.quads_for_pattern(
            None,
            Some(fg::CONTENT_SHA256),
            Some(value.as_ref().into()),
            None,
        ) {
            let q = q?;
            let GraphName::NamedNode(g) = &q.graph_name else {
                continue;
            };
            let in_g = GraphNameRef::NamedNode(g.as_ref());
            let literal = |p: NamedNodeRef<'_>| -> Result<Option<String>, StoreError> {
                for q in self
                    .inner()?
                    .quads_for_pattern(None, Some(p), None, Some(in_g))
                {
                    if let Term::Literal(l) = q?.object {
                        return Ok(Some(l.value().to_owned()));
                    }
                }
                Ok(None)
            };
            let stored = Identity {
                content: identity.content.clone(),
                number: literal(fengong_rdf::vocab::dcterms::IDENTIFIER)?,
                year: literal(fg::YEAR)?.and_then(|y| y.parse().ok()),
            };
            if stored.same_plan(identity) {
                let key = match self.about_graph(g, fg::SOURCE_KEY)? {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    _ => String::new(),
                };
                return Ok(Some((g.clone(), key)));
            }
        }
        Ok(None)
    }

    /// The plan a document graph describes.
    pub fn plan_of(&self, graph: &NamedNode) -> Result<Option<NamedNode>, StoreError> {
        Ok(match self.about_graph(graph, fg::DESCRIBES)? {
            Some(Term::NamedNode(n)) => Some(n),
            _ => None,
        })
    }

    /// A document graph's content identity (`fg:contentSha256`), if it has tasks.
    fn content_of(&self, graph: &NamedNode) -> Result<Option<String>, StoreError> {
        Ok(match self.about_graph(graph, fg::CONTENT_SHA256)? {
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        })
    }

    /// What a document graph says of itself under `predicate` (its first value).
    fn about_graph(
        &self,
        graph: &NamedNode,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Option<Term>, StoreError> {
        let in_g = GraphNameRef::NamedNode(graph.as_ref());
        match self
            .inner()?
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                Some(predicate),
                None,
                Some(in_g),
            )
            .next()
        {
            Some(q) => Ok(Some(q?.object)),
            None => Ok(None),
        }
    }

    /// The other files a document's plan was read from, and the quads recording them (with
    /// the places the same bytes were seen at).
    pub fn manifestations(&self, graph: &NamedNode) -> Result<Manifestations, StoreError> {
        let mut out = Manifestations::default();
        let in_g = GraphNameRef::NamedNode(graph.as_ref());
        for q in self
            .inner()?
            .quads_for_pattern(None, Some(fg::SEEN_AT), None, Some(in_g))
        {
            out.quads.push(q?);
        }
        let mut nodes = Vec::new();
        for q in self
            .inner()?
            .quads_for_pattern(None, Some(fg::MANIFESTATION), None, Some(in_g))
        {
            let q = q?;
            if let Term::NamedNode(n) = &q.object {
                nodes.push(n.clone());
            }
            out.quads.push(q);
        }
        for n in nodes {
            let mut file = FileId {
                key: String::new(),
                path: String::new(),
                sha256: String::new(),
            };
            for q in
                self.inner()?
                    .quads_for_pattern(Some(n.as_ref().into()), None, None, Some(in_g))
            {
                let q = q?;
                if let Term::Literal(l) = &q.object {
                    let p = q.predicate.as_ref();
                    if p == fg::SOURCE_KEY {
                        file.key = l.value().to_owned();
                    } else if p == fg::PATH {
                        file.path = l.value().to_owned();
                    } else if p == fg::SHA256 {
                        file.sha256 = l.value().to_owned();
                    }
                }
                out.quads.push(q);
            }
            out.files.push(file);
        }
        Ok(out)
    }

    /// The quad that records `path` as another place the document of `graph` was seen
    /// (on its source file node), in that graph.
    pub fn seen_at(&self, graph: &NamedNode, path: &str) -> Result<Vec<Quad>, StoreError> {
        Ok(self
            .primary_file(graph)?
            .map(|file| {
                vec![Quad::new(
                    file,
                    fg::SEEN_AT,
                    Literal::from(path),
                    graph.clone(),
                )]
            })
            .unwrap_or_default())
    }

    /// The file a document was first read from (`prov:wasDerivedFrom` of its graph), which its
    /// spans cite.
    fn primary_file(&self, graph: &NamedNode) -> Result<Option<NamedNode>, StoreError> {
        Ok(
            match self.about_graph(graph, fengong_rdf::vocab::prov::WAS_DERIVED_FROM)? {
                Some(Term::NamedNode(n)) => Some(n),
                _ => None,
            },
        )
    }

    /// Removes from the entities graph what no document refers to any more: agencies, people
    /// and posts whose last mention went when a document was replaced (after a registry change
    /// its names resolve elsewhere) — otherwise their labels would still answer look-ups.
    /// Returns how many were removed. One index probe per entity, so it is run once after a
    /// batch of replacements, not per document.
    pub fn prune_entities(&self) -> Result<usize, StoreError> {
        let entities = iri::entities_graph();
        let in_entities = GraphNameRef::NamedNode(entities.as_ref());
        let mut subjects = std::collections::HashSet::new();
        for q in self
            .inner()?
            .quads_for_pattern(None, None, None, Some(in_entities))
        {
            subjects.insert(q?.subject);
        }
        let mut stale = Vec::new();
        for s in subjects {
            let object: Term = s.clone().into();
            let mut used = false;
            for q in self
                .inner()?
                .quads_for_pattern(None, None, Some(object.as_ref()), None)
            {
                if let oxigraph::model::GraphName::NamedNode(g) = q?.graph_name {
                    if iri::is_document_graph(g.as_str()) {
                        used = true;
                        break;
                    }
                }
            }
            if !used {
                stale.push(s);
            }
        }
        if stale.is_empty() {
            return Ok(0);
        }
        let mut tx = self.written()?.start_transaction()?;
        for s in &stale {
            let quads: Vec<Quad> = tx
                .quads_for_pattern(Some(s.as_ref()), None, None, Some(in_entities))
                .collect::<Result<_, _>>()?;
            for q in &quads {
                tx.remove(q);
            }
        }
        tx.commit()?;
        Ok(stale.len())
    }

    /// Writes a prepared document in one transaction (replacing the graph its key held).
    pub fn write(&self, p: Prepared) -> Result<Ingested, StoreError> {
        let ingested = p.ingested();
        if p.outcome == Outcome::Unchanged {
            return Ok(ingested);
        }
        if p.outcome == Outcome::Copy {
            // `replaces`: the key's own earlier version, now the same bytes as another document.
            let mut tx = self.written()?.start_transaction()?;
            if let Some(old) = &p.replaces {
                tx.remove_named_graph(old)?;
            }
            tx.extend(&p.quads);
            tx.commit()?;
            return Ok(ingested);
        }
        let mut tx = self.written()?.start_transaction()?;
        if tx.contains_named_graph(&p.graph)? {
            tx.remove_named_graph(&p.graph)?;
        }
        tx.insert_named_graph(&p.graph);
        tx.extend(&p.quads);
        tx.commit()?;
        Ok(ingested)
    }

    /// Writes documents whose keys are new through Oxigraph's bulk loader, which builds the
    /// index files directly instead of inserting quad by quad (several times faster). The
    /// loader ingests all its files in one atomic step at commit, so the batch appears whole
    /// or not at all, as a transaction would.
    pub fn write_new(&self, batch: &[&Prepared]) -> Result<(), StoreError> {
        if batch.iter().all(|p| p.quads.is_empty()) {
            return Ok(());
        }
        if let Some(p) = batch.iter().find(|p| p.outcome != Outcome::Added) {
            return Err(StoreError::NotNew(p.graph.to_string()));
        }
        let mut loader = self.bulk_loader()?;
        loader.load_quads(batch.iter().flat_map(|p| p.quads.iter().cloned()))?;
        loader.commit()?;
        Ok(())
    }

    /// A bulk load into the local store: nothing is visible before its commit, and then all.
    pub(crate) fn bulk_loader(&self) -> Result<oxigraph::store::BulkLoader<'_>, StoreError> {
        Ok(self
            .written()?
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB))
    }

    /// Replaces one named graph with `quads` (all in that graph) in one transaction.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut tx = self.written()?.start_transaction()?;
        if tx.contains_named_graph(graph)? {
            tx.remove_named_graph(graph)?;
        }
        tx.insert_named_graph(graph);
        tx.extend(quads);
        tx.commit()?;
        self.flush()
    }

    /// Writes what is in memory to the store's files. Readers open the store read-only and
    /// would otherwise replay the whole write-ahead log on every start (seconds for a large
    /// ingest); call this when a batch of ingests is done.
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.inner()?.flush()?)
    }

    /// The size of the store's sorted files (what RocksDB has written out; not a bulk load's
    /// files left by a process that died before committing them), in bytes.
    pub(crate) fn files_bytes(&self) -> u64 {
        std::fs::read_dir(&self.path)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                let path = e.path();
                path.extension().is_some_and(|x| x == "sst")
                    && path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .is_some_and(|s| s.bytes().all(|b| b.is_ascii_digit()))
            })
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum()
    }

    /// Merges the store's files into one sorted run per index. A large ingest leaves many
    /// overlapping files behind, and every index probe of a query then searches each of them:
    /// compacting makes the joins of a lookup 2–4× faster, at the cost of rewriting the store
    /// once (seconds per hundred thousand tasks).
    pub fn compact(&self) -> Result<(), StoreError> {
        Ok(self.inner()?.optimize()?)
    }

    /// The files that gave no task (`queries/no-task.rq`): key, title (may be empty), path
    /// and the document's IRI, by key.
    pub fn without_tasks(&self) -> Result<Vec<Row>, StoreError> {
        self.select(NO_TASK, &[])
    }

    /// The documents in the store.
    pub fn documents(&self) -> Result<Vec<StoredDocument>, StoreError> {
        let mut out = Vec::new();
        for g in self.inner()?.named_graphs() {
            let NamedOrBlankNode::NamedNode(g) = g? else {
                continue;
            };
            if !iri::is_document_graph(g.as_str()) {
                continue;
            }
            let in_g = GraphNameRef::NamedNode(g.as_ref());
            let literal = |s: Option<NamedOrBlankNodeRef<'_>>,
                           p: NamedNodeRef<'_>|
             -> Result<String, StoreError> {
                for q in self
                    .inner()?
                    .quads_for_pattern(s, Some(p), None, Some(in_g))
                {
                    if let Term::Literal(l) = q?.object {
                        return Ok(l.value().to_owned());
                    }
                }
                Ok(String::new())
            };
            let key = literal(Some(g.as_ref().into()), fg::SOURCE_KEY)?;
            let path = match self.primary_file(&g)? {
                Some(file) => literal(Some(file.as_ref().into()), fg::PATH)?,
                None => String::new(),
            };
            let sha256 = literal(Some(g.as_ref().into()), fg::SHA256)?;
            let also = self.manifestations(&g)?.files;
            out.push(StoredDocument {
                graph: g,
                key,
                path,
                sha256,
                also,
            });
        }
        Ok(out)
    }

    /// Documents written by another fengong version (an older model of the graph); the next
    /// ingest re-derives them from their stored parses.
    pub fn outdated(&self) -> Result<usize, StoreError> {
        if self.is_remote() {
            let rows = self.select(
                OUTDATED,
                &[(
                    "version".into(),
                    Term::Literal(Literal::new_simple_literal(VERSION)),
                )],
            )?;
            return Ok(rows
                .first()
                .and_then(|r| r.get("documents"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0));
        }
        let mut n = 0;
        for q in self
            .inner()?
            .quads_for_pattern(None, Some(fg::FENGONG_VERSION), None, None)
        {
            let q = q?;
            let same = matches!(&q.object, Term::Literal(l) if l.value() == VERSION);
            let document = matches!(&q.graph_name, GraphName::NamedNode(g) if iri::is_document_graph(g.as_str()));
            if !same && document {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The parse a document was stored from (`fg:parse`); `None` for documents ingested by
    /// versions that did not keep it.
    pub fn stored_parse(&self, graph: &NamedNode) -> Result<Option<ParsedDocument>, StoreError> {
        let in_g = GraphNameRef::NamedNode(graph.as_ref());
        for q in self.inner()?.quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(fg::PARSE),
            None,
            Some(in_g),
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(serde_json::from_str(l.value()).ok());
            }
        }
        Ok(None)
    }

    /// What a new correction would do, checked against the store before it is written: the
    /// one document it names, that document's corrections so far, and the entry applied on
    /// top of them. An entry that names no document or several, or does not fit its task,
    /// is an error saying what to write instead.
    pub fn preview_correction(
        &self,
        corrections: &Corrections,
        entry: &fengong_correct::Entry,
    ) -> Result<(StoredDocument, ParsedDocument, fengong_correct::Applied), StoreError> {
        let fail = |m: String| StoreError::Correction(m);
        let mut docs: Vec<StoredDocument> = self
            .documents()?
            .into_iter()
            .filter(|d| d.named_by(entry))
            .collect();
        let doc = match docs.len() {
            1 => docs.remove(0),
            0 => {
                return Err(fail(format!(
                    "{}: no document in the store has this key, path, file name or SHA-256 (`fengong query plans` lists them)",
                    entry.plan
                )))
            }
            _ => {
                let keys: Vec<&str> = docs.iter().map(|d| d.key.as_str()).collect();
                return Err(fail(format!(
                    "{} names {} documents ({}): give the key of one",
                    entry.plan,
                    docs.len(),
                    keys.join(", ")
                )));
            }
        };
        let parsed = self.stored_parse(&doc.graph)?.ok_or_else(|| {
            fail(format!(
                "{}: the store keeps no parse of this document (an earlier version ingested it); ingest its file again first",
                doc.key
            ))
        })?;
        let mut entries = corrections.for_files(&doc.files());
        let before = fengong_correct::apply(&parsed, &entries).doc;
        entries.push(entry);
        let mut out = fengong_correct::apply(&parsed, &entries);
        if let Some(p) = out.problems.iter().find(|p| p.cited == entry.cited()) {
            return Err(fail(format!("{}: {}", doc.key, p.message)));
        }
        let applied = out
            .applied
            .pop()
            .ok_or_else(|| fail("the correction changed nothing".into()))?;
        Ok((doc, before, applied))
    }

    /// Takes documents out, each named by its key, the path or link it was ingested from, or
    /// its file name, all in one transaction: every name must match, or nothing changes.
    /// Entities no document names any more go too. Returns (documents, quads) removed.
    pub fn remove(&self, names: &[String]) -> Result<(usize, usize), StoreError> {
        let docs = self.documents()?;
        let mut graphs: Vec<NamedNode> = Vec::new();
        for n in names {
            let file_name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
            // Files are recorded by absolute path; a relative one given here is that file.
            let absolute = std::fs::canonicalize(n)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            let hits: Vec<&NamedNode> = docs
                .iter()
                .filter(|d| {
                    d.key == *n
                        || d.path == *n
                        || d.path == absolute
                        || (!n.contains('/') && file_name(&d.path) == *n)
                })
                .map(|d| &d.graph)
                .collect();
            if hits.is_empty() {
                return Err(StoreError::UnknownDocument(n.clone()));
            }
            for g in hits {
                if !graphs.contains(g) {
                    graphs.push(g.clone());
                }
            }
        }
        let mut quads = 0;
        for g in &graphs {
            quads += self.graph_len(g.as_ref())?;
        }
        let mut tx = self.written()?.start_transaction()?;
        for g in &graphs {
            tx.remove_named_graph(g)?;
        }
        tx.commit()?;
        self.prune_entities()?;
        Ok((graphs.len(), quads))
    }

    /// Re-derives, from the parses the store keeps (`fg:parse`), every document that was
    /// written by another fengong version, resolved with another registry than `registry`, or
    /// corrected otherwise than
    /// `corrections` say, each in its own transaction: a registry edit or a correction
    /// reaches documents whose files are not at hand, and no entity IRI in use is left without
    /// its label. The places a document was also seen at are kept. Stale documents have no
    /// stored parse (ingested by an earlier version) and need their files ingested again.
    pub fn reresolve(
        &self,
        registry: &Registry,
        corrections: &Corrections,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Rederived, StoreError> {
        let fingerprint = Literal::from(registry.fingerprint());
        let version = Literal::from(VERSION);
        let mut todo = Vec::new();
        for d in self.documents()? {
            // Resolved with this registry and written by this version (a new model of the
            // graph re-derives every document, not only the files given).
            let current = self.inner()?.contains(QuadRef::new(
                &d.graph,
                fg::REGISTRY_SHA256,
                &fingerprint,
                &d.graph,
            ))? && self.inner()?.contains(QuadRef::new(
                &d.graph,
                fg::FENGONG_VERSION,
                &version,
                &d.graph,
            ))?;
            let entries = corrections.for_files(&d.files());
            let fp = fengong_correct::fingerprint(&entries);
            if !current || !self.same_corrections(&d.graph, fp.as_deref())? {
                todo.push(d);
            }
        }
        let mut out = Rederived::default();
        let total = todo.len();
        for (i, d) in todo.into_iter().enumerate() {
            progress(i, total);
            let in_g = GraphNameRef::NamedNode(d.graph.as_ref());
            let mut parse = None;
            let mut byte_size = 0u64;
            let mut local_copy = None;
            // The places and other files the plan was also read from are kept as they are.
            let kept = self.manifestations(&d.graph)?;
            let other_files: std::collections::HashSet<&NamedOrBlankNode> = kept
                .quads
                .iter()
                .filter(|q| q.predicate != fg::SEEN_AT && q.predicate != fg::MANIFESTATION)
                .map(|q| &q.subject)
                .collect();
            for q in self
                .inner()?
                .quads_for_pattern(None, None, None, Some(in_g))
            {
                let q = q?;
                let Term::Literal(l) = &q.object else {
                    continue;
                };
                if other_files.contains(&q.subject) {
                    continue;
                }
                let p = q.predicate.as_ref();
                if p == fg::PARSE {
                    parse = Some(l.value().to_owned());
                } else if p == fg::BYTE_SIZE {
                    byte_size = l.value().parse().unwrap_or(0);
                } else if p == fg::LOCAL_COPY {
                    local_copy = Some(l.value().to_owned());
                }
            }
            let Some(doc) = parse.and_then(|j| serde_json::from_str::<ParsedDocument>(&j).ok())
            else {
                out.stale += 1;
                continue;
            };
            let source = Source {
                key: d.key,
                path: d.path,
                sha256: d.sha256,
                byte_size,
                local_copy,
            };
            let corrected = correct(&doc, &source, &kept.files, corrections);
            if let Some(c) = &corrected {
                out.corrected += c.applied.len();
                out.problems
                    .extend(c.problems.iter().map(|p| format!("{}: {p}", source.path)));
            }
            let record = IngestRecord {
                time: time::now_utc(),
                version: VERSION.to_owned(),
            };
            let mut q = rdf::document_quads(&doc, corrected.as_ref(), &source, &record, registry);
            let mut quads = std::mem::take(&mut q.own);
            quads.append(&mut q.shared);
            quads.extend(kept.quads);
            self.replace_document(&d.graph, &quads)?;
            out.documents += 1;
        }
        progress(total, total);
        if out.documents > 0 {
            self.prune_entities()?;
        }
        Ok(out)
    }

    /// Replaces a document's graph, and adds its entity descriptions, in one transaction.
    fn replace_document(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut tx = self.written()?.start_transaction()?;
        tx.remove_named_graph(graph)?;
        tx.insert_named_graph(graph);
        tx.extend(quads);
        tx.commit()?;
        Ok(())
    }

    /// Takes out the documents whose files are gone (ingested from a path that no longer
    /// exists), in one transaction; documents from links, the embedded corpus, or paths
    /// recorded relative (by earlier versions) are kept. Returns the keys.
    pub fn prune(&self) -> Result<Vec<String>, StoreError> {
        let gone: Vec<String> = self
            .documents()?
            .into_iter()
            .filter(|d| Path::new(&d.path).is_absolute() && !Path::new(&d.path).exists())
            .map(|d| d.key)
            .collect();
        if !gone.is_empty() {
            self.remove(&gone)?;
        }
        Ok(gone)
    }

    /// Copies the store, as of now, into the new folder `target` while it stays in use
    /// (RocksDB's online backup: hard links on the same file system), with the copies of
    /// fetched documents (`sources/`). The backup is a store: `--store TARGET` opens it.
    pub fn backup(&self, target: &Path) -> Result<(), StoreError> {
        if target.exists() {
            return Err(StoreError::BackupExists(target.to_owned()));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        self.inner()?.backup(target)?;
        // Hand corrections are part of the store: a restored backup re-ingested without them
        // would quietly undo every one.
        let corrections = self.path.join(fengong_correct::FILE_NAME);
        if corrections.is_file() {
            std::fs::copy(&corrections, target.join(fengong_correct::FILE_NAME))?;
        }
        let sources = self.path.join("sources");
        if sources.is_dir() {
            let to = target.join("sources");
            std::fs::create_dir_all(&to)?;
            for e in std::fs::read_dir(&sources)? {
                let e = e?;
                if e.file_type()?.is_file() {
                    std::fs::copy(e.path(), to.join(e.file_name()))?;
                }
            }
        }
        Ok(())
    }

    /// Runs a SPARQL query. The project's prefixes need no declaration; the default graph is
    /// the union of all graphs (unless the query says `FROM`); `bindings` set variables for the
    /// whole WHERE group (`agencyName` → `"省科技厅"`), so one `.rq` file serves many questions.
    pub fn query(
        &self,
        sparql: &str,
        bindings: &[(String, Term)],
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = self.with_services(SparqlEvaluator::new());
        for (name, iri) in PREFIXES {
            evaluator = evaluator
                .with_prefix(*name, *iri)
                .map_err(|e| StorageError::Other(Box::new(e)))?;
        }
        let sparql = params::bind(sparql, bindings).map_err(|message| StoreError::Binding {
            name: bindings
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ?"),
            message,
        })?;
        let mut prepared = evaluator.parse_query(&sparql)?;
        let store = match &self.backend {
            Backend::Local(store) => store,
            Backend::Remote(endpoint) => return Ok(endpoint.query(&sparql)?),
        };
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(store).execute()?)
    }

    /// `evaluator` with fengong's own SPARQL services: full-text search
    /// (`SERVICE <https://w3id.org/fengong/search>`) once the index is open
    /// ([`Store::search_index`]).
    pub fn with_services(&self, evaluator: SparqlEvaluator) -> SparqlEvaluator {
        let index = self.search.lock().ok().and_then(|s| s.clone());
        match index {
            Some(i) => evaluator.with_service_handler(
                NamedNode::new_unchecked(service::SERVICE),
                service::SearchService(i),
            ),
            None => evaluator,
        }
    }

    /// Runs a SELECT query into rows of variable → value (literals as their text, IRIs as
    /// `<iri>`); a query of another form gives no rows.
    pub fn select(
        &self,
        sparql: &str,
        bindings: &[(String, Term)],
    ) -> Result<Vec<Row>, StoreError> {
        let QueryResults::Solutions(solutions) = self.query(sparql, bindings)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for r in solutions {
            out.push(
                r?.iter()
                    .map(|(v, t)| {
                        let text = match t {
                            Term::Literal(l) => l.value().to_owned(),
                            other => other.to_string(),
                        };
                        (v.as_str().to_owned(), text)
                    })
                    .collect(),
            );
        }
        Ok(out)
    }

    /// The bytes of a plan's file and where they were read, for showing what its citations
    /// point at: the embedded corpus, the copy kept under `sources/`, or a path the document was
    /// read from that still holds the very same bytes (SHA-256 checked). `None` when no place
    /// does: the file changed or went, and only the stored text is left.
    pub fn original(&self, plan: &str) -> Result<Option<(Vec<u8>, String)>, StoreError> {
        let plan = NamedNode::new(plan).map_err(|e| StoreError::Binding {
            name: "plan".into(),
            message: e.to_string(),
        })?;
        let rows = self.select(SOURCE_FILE, &[("plan".into(), Term::NamedNode(plan))])?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let (key, sha) = (&first["key"], &first["sha"]);
        if let Some((_, bytes)) = fengong_parse::input::DEFAULT
            .iter()
            .find(|(k, b)| k == key && sha256(b) == *sha)
        {
            return Ok(Some((bytes.to_vec(), format!("{key} (embedded corpus)"))));
        }
        // The copy of a link's bytes, wherever the store folder is now.
        let kept = std::fs::read_dir(self.path.join("sources"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_stem()
                    .is_some_and(|s| s.to_string_lossy() == sha.as_str())
            });
        let recorded = rows.iter().filter_map(|r| r.get("path")).map(PathBuf::from);
        for path in kept.chain(recorded) {
            let path = path.to_string_lossy().into_owned();
            // Links are not fetched again here: their bytes are the copy kept in the store.
            if path.contains("://") {
                continue;
            }
            if let Ok(bytes) = std::fs::read(&path) {
                if sha256(&bytes) == *sha {
                    return Ok(Some((bytes, path)));
                }
            }
        }
        Ok(None)
    }

    /// Counts of documents, tasks, agencies, role assignments and triples.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let mut s = Stats::default();
        if let QueryResults::Solutions(mut rows) = self.query(COUNTS, &[])? {
            if let Some(row) = rows.next() {
                let row = row?;
                let n = |v: &str| match row.get(v) {
                    Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
                    _ => 0,
                };
                s = Stats {
                    plans: n("plans"),
                    articles: n("articles"),
                    tasks: n("tasks"),
                    agencies: n("agencies"),
                    agencies_named_only: n("agenciesNamedOnly"),
                    collective_groups: n("collectiveGroups"),
                    people: n("people"),
                    lead: n("lead"),
                    cooperate: n("cooperate"),
                    co_responsible: n("coResponsible"),
                    supervisor: n("supervisor"),
                    ..Stats::default()
                };
            }
        }
        match &self.backend {
            Backend::Local(store) => {
                s.triples = store.len()? as u64;
                s.graphs = store.named_graphs().count() as u64;
            }
            // A server holds other graphs too (Virtuoso's own): count fengong's.
            Backend::Remote(_) => {
                let rows = self.select(GRAPH_COUNTS, &[])?;
                let n = |v: &str| {
                    rows.first()
                        .and_then(|r| r.get(v))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                };
                s.triples = n("triples");
                s.graphs = n("graphs");
            }
        }
        Ok(s)
    }

    /// Writes every graph: N-Quads and TriG keep graph names; Turtle and N-Triples write the
    /// union (each triple is in one graph only, so nothing repeats).
    pub fn export(&self, format: RdfFormat, out: impl Write) -> Result<(), StoreError> {
        let mut serializer = RdfSerializer::from_format(format);
        for (name, iri) in PREFIXES {
            serializer = serializer
                .with_prefix(*name, *iri)
                .map_err(|e| StorageError::Other(Box::new(e)))?;
        }
        let mut w = serializer.for_writer(out);
        for quad in self.inner()?.iter() {
            let quad = quad?;
            if format.supports_datasets() {
                w.serialize_quad(&quad)?;
            } else {
                w.serialize_triple(QuadRef::from(&quad))?;
            }
        }
        w.finish()?;
        Ok(())
    }

    /// Triples in one graph.
    pub fn graph_len(&self, graph: NamedNodeRef<'_>) -> Result<usize, StoreError> {
        let mut n = 0;
        for q in
            self.inner()?
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
        {
            q?;
            n += 1;
        }
        Ok(n)
    }

    /// Size of the store's files in bytes.
    pub fn disk_size(&self) -> u64 {
        fn size(p: &Path) -> u64 {
            std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| match e.file_type() {
                            Ok(t) if t.is_dir() => size(&e.path()),
                            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
                        })
                        .sum()
                })
                .unwrap_or(0)
        }
        size(&self.path)
    }
}

/// Parses a query as [`Store::query`] would (the project's prefixes declared), without running
/// it: syntax errors then cite the query as written, before `--bind` values are put in.
pub fn check_syntax(sparql: &str) -> Result<(), oxigraph::sparql::SparqlSyntaxError> {
    let mut evaluator = SparqlEvaluator::new();
    for (name, iri) in PREFIXES {
        match evaluator.with_prefix(*name, *iri) {
            Ok(e) => evaluator = e,
            // The prefixes are constants, checked by every query the tests run.
            Err(_) => return Ok(()),
        }
    }
    evaluator.parse_query(sparql).map(|_| ())
}

/// Where the store lives when neither `--store` nor `FENGONG_STORE` says:
/// `$XDG_DATA_HOME/fengong/store`, else `~/.local/share/fengong/store`, else `./fengong-store`.
pub fn default_dir() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = env("XDG_DATA_HOME") {
        d.join("fengong/store")
    } else if let Some(h) = env("HOME") {
        h.join(".local/share/fengong/store")
    } else {
        PathBuf::from("fengong-store")
    }
}

/// A new store in a folder of the system's temporary one, with the embedded registry's graph,
/// for tests that write documents through the library.
#[cfg(test)]
pub(crate) fn test_store(name: &str) -> (Store, PathBuf) {
    let dir = std::env::temp_dir().join(format!("fengong-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&dir).expect("a new store");
    store
        .ensure_registry(Registry::embedded())
        .expect("the registry's graph");
    (store, dir)
}
