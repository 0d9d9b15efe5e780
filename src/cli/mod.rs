//! Argument parsing and output formatting; all the work is in the library.

mod agencies;
mod ask;
mod choice;
mod correct;
mod generate;
mod network;
mod remote;
mod search;
mod store;
mod table;

use clap::{Args, Parser, Subcommand, ValueEnum};
use fengong_network::export::{Format as GraphFormat, Which};
use fengong_network::measures::Measure;
use fengong_parse::ParsedDocument;
use fengong_registry::Registry;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "fengong",
    version,
    about = "Chinese government task-division plans → who leads, who cooperates"
)]
struct Cli {
    /// Also read the agency registry files (*.toml) in DIR, after data/registry (repeatable;
    /// FENGONG_REGISTRY holds a :-separated list).
    #[arg(
        long = "registry",
        value_name = "DIR",
        global = true,
        env = "FENGONG_REGISTRY",
        value_delimiter = ':'
    )]
    registry: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// The agency registry: `data/registry` (or its embedded copy) and the `--registry` folders.
fn registry(dirs: &[PathBuf]) -> Result<Registry, ExitCode> {
    Registry::load(dirs).map_err(|e| fail(format!("the agency registry: {e}")))
}

/// Where the knowledge graph is kept.
#[derive(Args)]
struct StoreDir {
    /// The store folder [default: $XDG_DATA_HOME/fengong/store, else ~/.local/share/fengong/store]
    #[arg(long, value_name = "DIR", env = "FENGONG_STORE")]
    store: Option<PathBuf>,
}

impl StoreDir {
    fn path(&self) -> PathBuf {
        self.store
            .clone()
            .unwrap_or_else(fengong_store::default_dir)
    }
}

/// Where a read command reads the graph: the store, or a SPARQL server (`--endpoint`).
#[derive(Args)]
struct ReadFrom {
    #[command(flatten)]
    store: StoreDir,
    /// Read a SPARQL server instead of the store: its SPARQL query URL (Oxigraph
    /// http://HOST:7878/query, Virtuoso http://HOST:8890/sparql), holding what `fengong push`
    /// or its own loader put there (docs/scale-out.md).
    #[arg(long, value_name = "URL", env = "FENGONG_ENDPOINT")]
    endpoint: Option<String>,
    /// The user to give the server (HTTP Basic; the password from FENGONG_PASSWORD). Without
    /// it, FENGONG_TOKEN is sent as a bearer token when set.
    #[arg(long, value_name = "USER", requires = "endpoint")]
    user: Option<String>,
}

impl ReadFrom {
    /// Opens the store for reading, or connects to the server; warns when some of the graph
    /// was written by an earlier fengong.
    fn open(&self) -> Result<fengong_store::Store, String> {
        let store = match &self.endpoint {
            Some(url) => {
                let endpoint = fengong_store::remote::Endpoint::new(
                    url,
                    None,
                    credentials(self.user.as_deref()),
                )
                .map_err(|e| e.to_string())?;
                fengong_store::Store::connect(endpoint).map_err(|e| e.to_string())?
            }
            None => fengong_store::Store::open_read_only(&self.store.path())
                .map_err(|e| e.to_string())?,
        };
        warn_outdated(&store);
        Ok(store)
    }
}

/// What a server is told about who asks: `--user` with FENGONG_PASSWORD, else FENGONG_TOKEN.
fn credentials(user: Option<&str>) -> fengong_store::remote::Credentials {
    use fengong_store::remote::Credentials;
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    match (user, env("FENGONG_TOKEN")) {
        (Some(user), _) => Credentials::Basic {
            user: user.to_owned(),
            password: env("FENGONG_PASSWORD").unwrap_or_default(),
        },
        (None, Some(token)) => Credentials::Bearer(token),
        (None, None) => Credentials::None,
    }
}

#[derive(Subcommand)]
enum Command {
    /// Parse plans into tasks and responsible agencies.
    ///
    /// With no FILE, parses the default corpus embedded in fengong (data/corpus).
    Parse {
        /// Plan files (text, web pages, .docx, .xlsx/.xls, .pdf; told by their content),
        /// folders of them, or links (http:// or https://) to fetch.
        files: Vec<PathBuf>,
        /// json: one object per document per line; table: an aligned view for people;
        /// nquads: each document's named graph, resolved with the registry, as `ingest` would
        /// write it, for a SPARQL server's own bulk loader (docs/scale-out.md).
        #[arg(long, value_enum, default_value_t = ParseFormat::Table)]
        format: ParseFormat,
        /// nquads: the corrections by hand to apply (none unless given).
        #[arg(long, value_name = "FILE", env = "FENGONG_CORRECTIONS")]
        corrections: Option<PathBuf>,
    },
    /// Parse plans into the knowledge graph, one named graph per document.
    ///
    /// With no PATH, ingests the default corpus embedded in fengong. A document is known by its
    /// path relative to the folder given (or its file name): ingesting a changed file replaces
    /// it in one transaction, an unchanged one is skipped, and a file that fails leaves the
    /// store as it was.
    Ingest {
        /// Plan files (text, web pages, .docx, .xlsx/.xls, .pdf), folders searched recursively
        /// for them, or links to fetch (their bytes are kept in the store folder, under sources/).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreDir,
        /// Print one line per document.
        #[arg(short, long)]
        verbose: bool,
        /// New documents are written together, in atomic batches of about this many quads
        /// (each batch appears whole or not at all, about 60 quads a task). Larger batches
        /// write faster (the store merges each batch with all it holds) and use no more memory;
        /// a batch cut short (a crash, Ctrl-C) is lost as a whole.
        #[arg(long, value_name = "N", default_value_t = fengong_store::ingest::Options::default().batch_quads)]
        batch_quads: usize,
        /// The corrections by hand to apply [default: corrections.toml in the store folder].
        #[arg(long, value_name = "FILE", env = "FENGONG_CORRECTIONS")]
        corrections: Option<PathBuf>,
    },
    /// Correct what the parser misread: a task's roles, an item that is no task, a plan's
    /// metadata.
    ///
    /// The correction is checked against the store, written to the corrections file (with
    /// who, when and why) and applied at once; every later ingest applies it again, so it
    /// survives re-reading the plan. The store records it with PROV beside what the parser
    /// had said, and answers cite it. Examples:
    ///   fengong correct 002_96cb3c14e2265961.txt "(二十)" --lead 省财政厅 --reason "…"
    ///   fengong correct 002_96cb3c14e2265961.txt --title "数字广东建设2024年工作要点" --reason "…"
    Correct(correct::CorrectArgs),
    /// Count what the store holds.
    Stats {
        #[command(flatten)]
        store: ReadFrom,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Run a SPARQL query over all documents: SPARQL text, or the name of one of the queries
    /// fengong carries (`fengong query --list`), e.g. `fengong query agency-leads --bind
    /// agencyName=省科技厅`.
    ///
    /// The default graph is the union of all graphs. These prefixes need no PREFIX line:
    /// fg fgid fgg org skos dcterms prov foaf oa owl rdf rdfs xsd.
    Query {
        /// SPARQL text, or a query's name.
        #[arg(required_unless_present_any = ["file", "list"], conflicts_with = "file")]
        query: Option<String>,
        /// Read the query from a file.
        #[arg(long, short = 'f', value_name = "F.rq")]
        file: Option<PathBuf>,
        /// List the queries fengong carries, with their parameters.
        #[arg(long, conflicts_with_all = ["query", "file"])]
        list: bool,
        /// Set a variable before evaluation: --bind agencyName=省科技厅. VALUE is a string,
        /// an integer, or an IRI in <angle brackets>.
        #[arg(long, value_name = "NAME=VALUE")]
        bind: Vec<String>,
        #[arg(long, value_enum, default_value_t = store::QueryFormat::Table)]
        format: store::QueryFormat,
        #[command(flatten)]
        store: ReadFrom,
    },
    /// List the agencies in the store with their task counts per role.
    Agencies {
        /// Only agencies whose name (or a name plans used for it) contains TEXT.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Only provisional agencies: names no registry entry matched (add them to data/registry/).
        #[arg(long)]
        unresolved: bool,
        #[arg(long, value_enum, default_value_t = agencies::ListFormat::Table)]
        format: agencies::ListFormat,
        #[command(flatten)]
        store: ReadFrom,
    },
    /// Show one agency: its names, lineage, and what it leads, cooperates on and shares, per plan.
    ///
    /// NAME may be short or full, simplified or traditional; renames are followed.
    Agency {
        name: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        pages: ask::Pages,
        #[command(flatten)]
        store: ReadFrom,
    },
    /// Answer a question about who does what, in Chinese or English, citing plan and task.
    ///
    /// Forms: what X leads / cooperates on / is responsible for (牵头/配合/负责什么); who leads a
    /// topic (谁牵头数字乡村); what A and B share (共同负责); which agencies are most central or
    /// lead the most (最核心 / 牵头最多); what an official supervises (分管). Names may be short,
    /// full, traditional or former; the answer covers an agency's renames.
    Ask(ask::AskArgs),
    /// Find tasks by their words: "数据共享 平台", "自由贸易" (finds 自贸试验区 too), "數據共享".
    ///
    /// Every task's title, text, section heading and plan title are in a full-text index kept
    /// beside the store (jieba words and character pairs); hits are ranked with title matches
    /// first, the words marked, each citing plan, year, task and its agencies with their roles.
    Search(search::SearchArgs),
    /// The tasks of other plans most like a task: the same work carried from one year's plan
    /// to the next, or split between agencies.
    Similar(search::SimilarArgs),
    /// Build the full-text index again from the store (it is kept up to date by itself; this
    /// is for an index damaged or deleted by hand).
    Reindex {
        #[command(flatten)]
        store: StoreDir,
    },
    /// Write a synthetic corpus of plans with their expected parse, for benchmarks and checks.
    ///
    /// Plans of a few hundred jurisdictions in every layout the parser reads (role words,
    /// labelled fields and lines, conventions, supervisor clauses, prose, tab, pipe and glued
    /// tables), traditional script, web-page noise, garbled numbers and plans on one line;
    /// deterministic for a seed.
    GenCorpus(generate::GenArgs),
    /// Rank agencies by centrality in the lead/cooperate network of the plans in the store.
    ///
    /// Every measure is computed and shown with its parameters. With --save the results are
    /// also written to an analysis named graph (fgg:analysis/…) so SPARQL can sort and join on
    /// them (`fengong query central-agencies`); without it the store is only read.
    Rank {
        /// The measure to sort by.
        #[arg(long, value_parser = choice::parser::<Measure>(), default_value = "degree")]
        by: Measure,
        /// How many agencies to list (0: all).
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// One column per plan year: how the measure changes from year to year.
        #[arg(long)]
        by_year: bool,
        /// The measures the table shows after the one ranked by (comma-separated)
        /// [default: leads,cooperates,shares,degree,pagerank,betweenness,community].
        #[arg(long, value_delimiter = ',', value_parser = choice::parser::<Measure>(), conflicts_with = "all")]
        columns: Option<Vec<Measure>>,
        /// Show every measure in the table (CSV and JSON always have them all).
        #[arg(long)]
        all: bool,
        /// Also write the analysis into the store (the same filter and settings replace their
        /// earlier run); without it the store is opened read-only.
        #[arg(long)]
        save: bool,
        #[arg(long, value_enum, default_value_t = network::RankFormat::Table)]
        format: network::RankFormat,
        #[command(flatten)]
        network: network::NetworkArgs,
    },
    /// Louvain communities of the co-responsibility network, with their modularity.
    Communities {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Also write the analysis into the store; without it the store is only read.
        #[arg(long)]
        save: bool,
        #[command(flatten)]
        network: network::NetworkArgs,
    },
    /// Write the collaboration network for Gephi, Cytoscape, NetworkX or pandas.
    ExportGraph {
        #[arg(long, value_parser = choice::parser::<GraphFormat>(), default_value = "graphml")]
        format: GraphFormat,
        /// The directed lead → cooperator network, or the undirected co-responsibility one.
        #[arg(long, value_parser = choice::parser::<Which>(), default_value = "directed")]
        network: Which,
        /// CSV only: write the node table instead of the edge list.
        #[arg(long)]
        nodes: bool,
        /// Add every measure to the node attributes.
        #[arg(long)]
        with_measures: bool,
        /// Write here instead of standard output (written whole or not at all).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        args: network::NetworkArgs,
    },
    /// Draw the collaboration network with Graphviz (SVG, PNG, PDF or DOT).
    ///
    /// Node area by a measure, colour by community or agency kind, arrows from lead to
    /// cooperating agencies, dashed lines for joint responsibility, edge width by tasks.
    Diagram(network::DiagramArgs),
    /// Take documents out of the store, in one transaction.
    ///
    /// Each is named by its key (the path relative to the folder ingested), the path or link
    /// it was ingested from, or its file name. If any name matches nothing, nothing is removed.
    Remove {
        /// Keys, paths, links or file names of ingested documents.
        #[arg(required = true)]
        documents: Vec<String>,
        #[command(flatten)]
        store: StoreDir,
    },
    /// Take out the documents whose files are gone, in one transaction.
    ///
    /// Documents from links and the embedded corpus stay.
    Prune {
        #[command(flatten)]
        store: StoreDir,
    },
    /// Copy the store into a new folder while it stays in use; `--store DIR` opens the copy.
    ///
    /// RocksDB's online backup (hard links where DIR is on the same file system, so backups
    /// are cheap), with the kept copies of fetched documents. To restore, point `--store` (or
    /// FENGONG_STORE) at the backup, or move it into place.
    Backup {
        /// The new folder to write (it must not exist).
        dir: PathBuf,
        #[command(flatten)]
        store: StoreDir,
    },
    /// Serve the store: a read-only SPARQL endpoint at /query and a web explorer at /.
    ///
    /// The explorer (Chinese and English) has the plans, questions with cited answers, agency
    /// pages with their ego networks, plan tables (CSV), tasks shown in their plan's text, the
    /// network and a SPARQL editor. Queries are cancelled at --timeout and when the client
    /// goes away; a timeout is an error status, never a cut result.
    Serve {
        /// Address to listen on; the default serves this machine only.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Seconds a query may run (0.001 to 86400).
        #[arg(long, value_name = "SECS", default_value = "30", value_parser = fengong_fetch::seconds)]
        timeout: std::time::Duration,
        /// Rows (or triples) a query result may have.
        #[arg(long, value_name = "N", default_value_t = 100_000)]
        max_rows: usize,
        /// Queries run at once; more wait for a free slot until their timeout.
        #[arg(long, value_name = "N", default_value_t = 8)]
        max_queries: usize,
        /// Queries that may wait for a slot; beyond them a query is answered 503 (try again).
        #[arg(long, value_name = "N", default_value_t = 256)]
        max_waiting: usize,
        /// Let pages from ORIGIN query from a browser (`*` for any; repeatable).
        #[arg(long, value_name = "ORIGIN")]
        cors: Vec<String>,
        /// Ingest the plans put into DIR (and changed ones) while serving: the server becomes
        /// the store's writer, so no other process may open the store meanwhile.
        #[arg(long, value_name = "DIR")]
        watch: Option<PathBuf>,
        /// Memory for whole SPARQL answers of the store's current state, in MiB: a query asked
        /// again is answered from it without being evaluated (0: every query is evaluated).
        /// Queries calling NOW, RAND, UUID, STRUUID or BNODE always are.
        #[arg(long, value_name = "MIB", default_value_t = 64)]
        cache_answers: usize,
        #[command(flatten)]
        store: StoreDir,
    },
    /// Copy the store into a SPARQL server: each named graph replaced with the Graph Store
    /// Protocol (PUT), so pushing again sends only what changed and a failed push resumes.
    ///
    /// Then every read command can read the server with `--endpoint URL` (docs/scale-out.md).
    Push {
        /// The server's SPARQL query URL: http://HOST:7878/query (Oxigraph),
        /// http://HOST:8890/sparql (Virtuoso), http://HOST:3030/DATASET/sparql (Fuseki).
        url: String,
        /// The server's Graph Store Protocol URL [default: the one it has beside URL:
        /// /store, /sparql-graph-crud, /DATASET/data].
        #[arg(long, value_name = "URL")]
        graph_store: Option<String>,
        /// The user to give the server (HTTP Basic; the password from FENGONG_PASSWORD).
        /// Without it, FENGONG_TOKEN is sent as a bearer token when set.
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// Graphs sent at once, each over its own connection.
        #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
        jobs: u16,
        #[command(flatten)]
        store: StoreDir,
    },
    /// Write the whole store as RDF.
    Export {
        /// Only the graphs shared by every document (the ontology and the agency registry),
        /// without a store: with `parse --format nquads` of every shard, what a server's loader
        /// needs (N-Quads).
        #[arg(long, conflicts_with = "format")]
        shared: bool,
        #[arg(long, value_enum, default_value_t = store::ExportFormat::Nquads)]
        format: store::ExportFormat,
        /// Write here instead of standard output (written whole or not at all).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        store: StoreDir,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Table,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ParseFormat {
    Json,
    Table,
    Nquads,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let registry_dirs = &cli.registry;
    match cli.command {
        Command::Parse {
            files,
            format: ParseFormat::Nquads,
            corrections,
        } => {
            let corrections = match corrections {
                Some(path) => match fengong_correct::Corrections::load(&path) {
                    Ok(c) => c,
                    Err(e) => return fail(format!("corrections: {e}")),
                },
                None => fengong_correct::Corrections::default(),
            };
            remote::parse_nquads(&files, &corrections, registry_dirs)
        }
        Command::Parse { files, format, .. } => parse(
            &files,
            if format == ParseFormat::Json {
                Format::Json
            } else {
                Format::Table
            },
        ),
        Command::Push {
            url,
            graph_store,
            user,
            jobs,
            store,
        } => remote::push(
            &store.path(),
            &url,
            graph_store.as_deref(),
            user.as_deref(),
            usize::from(jobs),
        ),
        Command::Ingest {
            paths,
            store,
            verbose,
            batch_quads,
            corrections,
        } => {
            let dir = store.path();
            match correct::load(corrections.as_deref(), &dir) {
                Ok(c) => store::ingest(&paths, &dir, verbose, batch_quads, c, registry_dirs),
                Err(code) => code,
            }
        }
        Command::Correct(args) => correct::run(&args, registry_dirs),
        Command::Stats { store, format } => store::stats(&store, format),
        Command::Backup { dir, store } => store::backup(&store.path(), &dir),
        Command::Remove { documents, store } => store::remove(&store.path(), &documents),
        Command::Prune { store } => store::prune(&store.path()),
        Command::Query { list: true, .. } => store::list_queries(),
        Command::Query {
            query,
            file,
            bind,
            format,
            store,
            ..
        } => store::query(query, file, &bind, format, &store, registry_dirs),
        Command::Agencies {
            search,
            unresolved,
            format,
            store,
        } => agencies::agencies(&store, search.as_deref(), unresolved, format),
        Command::Agency {
            name,
            format,
            pages,
            store,
        } => agencies::agency(&store, &name, format, &pages, registry_dirs),
        Command::Export {
            shared: true,
            output,
            ..
        } => remote::export_shared(output.as_deref(), registry_dirs),
        Command::Export {
            format,
            output,
            store,
            ..
        } => store::export(format, output.as_deref(), &store.path()),
        Command::Rank {
            by,
            top,
            by_year,
            columns,
            all,
            save,
            format,
            network,
        } => network::rank(
            &network,
            &network::RankOptions {
                by,
                top,
                by_year,
                save,
                format,
                columns: match (all, columns) {
                    (true, _) => None,
                    (false, Some(c)) => Some(c),
                    (false, None) => Some(network::KEY_COLUMNS.to_vec()),
                },
            },
        ),
        Command::Diagram(args) => network::diagram(&args, registry_dirs),
        Command::Serve {
            bind,
            timeout,
            max_rows,
            max_queries,
            max_waiting,
            cors,
            watch,
            cache_answers,
            store,
        } => serve(
            &store.path(),
            fengong_serve::Config {
                bind,
                timeout,
                max_rows,
                max_queries,
                max_waiting,
                cors,
                watch,
                answer_budget: cache_answers.saturating_mul(1024 * 1024),
            },
            registry_dirs,
        ),
        Command::Ask(args) => ask::run(&args, registry_dirs),
        Command::Search(args) => search::search(&args, registry_dirs),
        Command::Similar(args) => search::similar(&args, registry_dirs),
        Command::Reindex { store } => search::reindex(&store, registry_dirs),
        Command::GenCorpus(args) => generate::run(&args),
        Command::Communities {
            format,
            save,
            network,
        } => network::communities(&network, save, format == Format::Json),
        Command::ExportGraph {
            format,
            network,
            nodes,
            with_measures,
            output,
            args,
        } => network::export_graph(
            &args,
            &network::ExportOptions {
                which: network,
                format,
                nodes,
                with_measures,
                output: output.as_deref(),
            },
        ),
    }
}

fn serve(dir: &Path, config: fengong_serve::Config, registry_dirs: &[PathBuf]) -> ExitCode {
    let registry = match registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let result = fengong_serve::serve(dir, registry, config, |at| {
        // The one line a script waits for before it sends requests.
        eprintln!("fengong serve: listening on http://{at}/ (SPARQL at http://{at}/query)");
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

/// Says which files of the folders given were not read, and why: all of them with `verbose`,
/// else the first few and a count per reason.
fn report_skipped(skipped: &[fengong_parse::input::Skipped], verbose: bool) {
    if skipped.is_empty() {
        return;
    }
    eprintln!(
        "note: {} in the folders given not read:",
        plural(skipped.len() as u64, "file")
    );
    let shown = if verbose { skipped.len() } else { 5 };
    for s in skipped.iter().take(shown) {
        eprintln!("  {}: {}", s.path.display(), s.why);
    }
    if skipped.len() > shown {
        eprintln!("  … and {} more (-v lists them all)", skipped.len() - shown);
    }
}

/// `1 document`, `2 documents`, `1 agency`, `3 agencies`: counts in English messages.
pub fn plural(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        return format!("1 {noun}");
    }
    let consonant_y = noun.ends_with('y') && !noun.ends_with(['a', 'e', 'o', 'u']) && {
        let before = noun.chars().rev().nth(1);
        before.is_some_and(|c| !"aeiou".contains(c))
    };
    if consonant_y {
        format!("{n} {}ies", &noun[..noun.len() - 1])
    } else {
        format!("{n} {noun}s")
    }
}

fn warn_outdated(store: &fengong_store::Store) {
    if let Ok(n) = store.outdated() {
        if n > 0 {
            eprintln!(
                "warning: {} in {} written by an earlier fengong; run `fengong ingest` once to bring {} up to date (the files need not be present){}",
                plural(n as u64, "document"),
                store.path().display(),
                if n == 1 { "it" } else { "them" },
                if store.is_remote() { ", then push the store again" } else { "" }
            );
        }
    }
}

/// Prints an error the way every command does.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

fn parse(files: &[PathBuf], format: Format) -> ExitCode {
    let docs: Vec<Result<ParsedDocument, fengong_parse::Error>> = if files.is_empty() {
        fengong_parse::input::DEFAULT
            .iter()
            .map(|(name, bytes)| {
                fengong_parse::parse_bytes(name, bytes).map_err(|source| {
                    fengong_parse::Error::Decode {
                        path: Path::new(name).to_owned(),
                        source,
                    }
                })
            })
            .collect()
    } else {
        // Links are fetched, in the order given; files and folders are read as they come.
        let mut docs = Vec::new();
        for f in files {
            match f.to_str().filter(|s| fengong_fetch::is_url(s)) {
                Some(url) => docs.push(parse_link(url)),
                None => {
                    let (inputs, skipped) =
                        fengong_parse::input::collect_all(std::slice::from_ref(f));
                    report_skipped(&skipped, false);
                    // Files are parsed on all cores; the output keeps their order.
                    use rayon::prelude::*;
                    let parsed: Vec<_> = inputs
                        .into_par_iter()
                        .map(|p| p.and_then(|p| fengong_parse::parse_file(&p.path)))
                        .collect();
                    docs.extend(parsed)
                }
            }
        }
        docs
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for doc in docs {
        let written = match doc {
            Ok(d) => match format {
                Format::Json => serde_json::to_string(&d)
                    .map_err(std::io::Error::other)
                    .and_then(|s| writeln!(out, "{s}")),
                Format::Table => write_table(&mut out, &d),
            },
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
                Ok(())
            }
        };
        if written.is_err() {
            // A closed pipe (`| head`) is not an error worth a message.
            return ExitCode::from(if failed { 1 } else { 0 });
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A plan given as a link: fetched (timeout and size limit from `fengong_fetch::Limits`),
/// then parsed with the URL as its file name.
fn parse_link(url: &str) -> Result<ParsedDocument, fengong_parse::Error> {
    let limits = fengong_fetch::Limits::from_env().map_err(fengong_parse::Error::Fetch)?;
    let f = fengong_fetch::fetch(url, &limits)
        .map_err(|e| fengong_parse::Error::Fetch(e.to_string()))?;
    fengong_parse::parse_bytes(url, &f.bytes).map_err(|source| fengong_parse::Error::Decode {
        path: Path::new(url).to_owned(),
        source,
    })
}

fn write_table(out: &mut impl Write, d: &ParsedDocument) -> std::io::Result<()> {
    let m = &d.document;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "?".into());
    writeln!(out, "{}", d.file)?;
    writeln!(
        out,
        "  {} · {} · {} · {} · {} ({}, {})",
        opt(&m.title),
        opt(&m.issuer),
        opt(&m.date),
        opt(&m.jurisdiction),
        plural(d.tasks.len() as u64, "task"),
        d.encoding,
        serde_json::to_value(d.script)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    )?;
    for part in &d.layout {
        writeln!(out, "  read as: {part}")?;
    }
    if d.tasks.is_empty() && !d.agencies_named.is_empty() {
        writeln!(out, "  agencies named: {}", d.agencies_named.join("、"))?;
    }
    if !d.tasks.is_empty() {
        let rows: Vec<Vec<String>> = d
            .tasks
            .iter()
            .map(|t| {
                vec![
                    t.number.clone(),
                    table::clip(&t.title, 30),
                    t.lead.join("、"),
                    t.cooperate.join("、"),
                    t.co_responsible.join("、"),
                ]
            })
            .collect();
        let headers = ["no.", "title", "lead", "cooperate", "jointly responsible"];
        table::write(out, "  ", &headers, &rows)?;
    }
    for w in &d.warnings {
        writeln!(out, "  warning: line {}: {}", w.line, w.message)?;
    }
    writeln!(out)
}
