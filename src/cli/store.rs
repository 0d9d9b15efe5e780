//! `ingest`, `stats`, `query` and `export`: the store commands.

use super::{fail, table, Format};
use clap::ValueEnum;
use fengong::rdf::vocab::PREFIXES;
use fengong::rdf::Source;
use fengong::store::{Outcome, Prepared, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Documents parsed in parallel at a time.
const PARSE_CHUNK: usize = 64;

#[derive(Default)]
struct Counts {
    added: usize,
    replaced: usize,
    unchanged: usize,
    tasks: usize,
    quads: usize,
    failed: usize,
}

impl Counts {
    fn count(&mut self, r: &fengong::store::Ingested) {
        match r.outcome {
            Outcome::Added => self.added += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
        self.tasks += r.tasks;
        self.quads += r.quads;
    }
}

/// Reads, parses and prepares one document; the error names the file.
fn prepare(store: &Store, item: &Item) -> Result<Prepared, String> {
    let bytes = match item.embedded {
        Some(b) => std::borrow::Cow::Borrowed(b),
        None => std::borrow::Cow::Owned(
            std::fs::read(&item.path)
                .map_err(|e| format!("{}: cannot read the file: {e}", item.path.display()))?,
        ),
    };
    let shown = item.path.to_string_lossy();
    let doc = fengong::parse_bytes(&shown, &bytes).map_err(|e| format!("{shown}: {e}"))?;
    let source = Source {
        key: item.key.clone(),
        path: shown.clone().into_owned(),
        sha256: fengong::store::sha256(&bytes),
        byte_size: bytes.len() as u64,
    };
    store
        .prepare(&doc, &source)
        .map_err(|e| format!("{shown}: not ingested, the store is as it was: {e}"))
}

/// One document to ingest: its key, the path shown to people, and how to get its bytes.
struct Item {
    key: String,
    path: PathBuf,
    embedded: Option<&'static [u8]>,
}

pub fn ingest(paths: &[PathBuf], dir: &Path, verbose: bool, batch_quads: usize) -> ExitCode {
    let started = Instant::now();
    let mut failed = 0usize;
    let items: Vec<Item> = if paths.is_empty() {
        fengong::corpus::DEFAULT
            .iter()
            .map(|(name, bytes)| Item {
                key: (*name).to_owned(),
                path: PathBuf::from(name),
                embedded: Some(bytes),
            })
            .collect()
    } else {
        let mut items = Vec::new();
        for input in fengong::corpus::collect(paths) {
            match input {
                Ok(i) => items.push(Item {
                    key: i.key,
                    path: i.path,
                    embedded: None,
                }),
                Err(e) => {
                    failed += 1;
                    eprintln!("error: {e}");
                }
            }
        }
        items
    };
    let store = match Store::open(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };

    let bar = ProgressBar::with_draw_target(Some(items.len() as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {elapsed} (ETA {eta}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut n = Counts::default();
    let mut keys: HashMap<String, PathBuf> = HashMap::new();
    let mut pending: Vec<(&Item, Prepared)> = Vec::new();
    let mut pending_quads = 0usize;
    let flush = |pending: &mut Vec<(&Item, Prepared)>, n: &mut Counts| {
        let batch: Vec<Prepared> = pending.iter().map(|(_, p)| p.clone()).collect();
        match store.write_new(&batch) {
            Ok(()) => {
                for (item, p) in pending.iter() {
                    n.count(&p.ingested());
                    if verbose {
                        bar.suspend(|| {
                            eprintln!(
                                "added {} ({} tasks, {} quads)",
                                item.key,
                                p.tasks,
                                p.quads.len()
                            )
                        });
                    }
                }
            }
            Err(e) => {
                for (item, _) in pending.iter() {
                    n.failed += 1;
                    bar.suspend(|| {
                        eprintln!(
                            "error: {}: not ingested, the store is as it was: {e}",
                            item.path.display()
                        )
                    });
                }
            }
        }
        pending.clear();
    };
    // Parse a chunk of documents in parallel, then write them in order: changed documents in
    // a transaction each, new ones gathered into atomic bulk batches.
    for chunk in items.chunks(PARSE_CHUNK) {
        let prepared: Vec<Result<Prepared, String>> =
            chunk.par_iter().map(|item| prepare(&store, item)).collect();
        for (item, result) in chunk.iter().zip(prepared) {
            bar.inc(1);
            let report = |message: String| bar.suspend(|| eprintln!("error: {message}"));
            if let Some(first) = keys.get(&item.key) {
                n.failed += 1;
                report(format!(
                    "{}: has the same key `{}` as {}; ingest their common folder so their paths tell them apart",
                    item.path.display(),
                    item.key,
                    first.display()
                ));
                continue;
            }
            keys.insert(item.key.clone(), item.path.clone());
            let p = match result {
                Ok(p) => p,
                Err(message) => {
                    n.failed += 1;
                    report(message);
                    continue;
                }
            };
            if p.outcome == Outcome::Added {
                pending_quads += p.quads.len();
                pending.push((item, p));
                if pending_quads >= batch_quads {
                    flush(&mut pending, &mut n);
                    pending_quads = 0;
                }
                continue;
            }
            match store.write(p) {
                Ok(r) => {
                    n.count(&r);
                    if verbose {
                        let what = match r.outcome {
                            Outcome::Added => "added",
                            Outcome::Replaced => "replaced",
                            Outcome::Unchanged => "unchanged",
                        };
                        bar.suspend(|| {
                            eprintln!("{what} {} ({} tasks, {} quads)", item.key, r.tasks, r.quads)
                        });
                    }
                }
                Err(e) => {
                    n.failed += 1;
                    report(format!(
                        "{}: not ingested, the store is as it was: {e}",
                        item.path.display()
                    ));
                }
            }
        }
    }
    flush(&mut pending, &mut n);
    let Counts {
        added,
        replaced,
        unchanged,
        tasks,
        quads,
        failed: more_failed,
    } = n;
    failed += more_failed;
    bar.finish_and_clear();
    if let Err(e) = store.flush() {
        return fail(e);
    }
    let total = match store.stats() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // Compact after writing a fifth of the store or more (a first ingest, a new year of plans):
    // then lookups probe one file per index, not dozens. Small additions leave it to RocksDB's
    // own background compaction rather than rewrite a large store for a few documents.
    let compacted = if quads > 0 && quads as u64 * 5 >= total.triples {
        let t = Instant::now();
        if let Err(e) = store.compact() {
            return fail(e);
        }
        format!("; compacted in {:.2} s", t.elapsed().as_secs_f64())
    } else {
        String::new()
    };
    let documents = added + replaced + unchanged;
    println!(
        "{documents} documents ({added} added, {replaced} replaced, {unchanged} unchanged{}), \
         {tasks} tasks, {quads} triples written in {:.2} s; the store at {} holds {} documents, \
         {} tasks, {} agencies, {} triples{compacted}",
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        },
        started.elapsed().as_secs_f64(),
        dir.display(),
        total.plans + total.articles,
        total.tasks,
        total.agencies,
        total.triples,
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn stats(dir: &Path, format: Format) -> ExitCode {
    let store = match Store::open_read_only(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let s = match store.stats() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let size = store.disk_size();
    let written = match format {
        Format::Json => {
            let mut v = serde_json::to_value(&s).unwrap_or_default();
            v["store"] = dir.display().to_string().into();
            v["bytes_on_disk"] = size.into();
            writeln!(std::io::stdout(), "{v}")
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = [
                ("plans", s.plans),
                ("news articles", s.articles),
                ("tasks", s.tasks),
                ("agencies", s.agencies),
                ("collective groups", s.collective_groups),
                ("supervising officials", s.people),
                ("lead assignments", s.lead),
                ("cooperating assignments", s.cooperate),
                ("jointly responsible assignments", s.co_responsible),
                ("supervisor assignments", s.supervisor),
                ("triples", s.triples),
                ("named graphs", s.graphs),
                ("bytes on disk", size),
            ]
            .iter()
            .map(|(k, v)| vec![(*k).to_owned(), v.to_string()])
            .collect();
            let mut out = std::io::stdout().lock();
            writeln!(out, "store: {}", dir.display())
                .and_then(|_| table::write(&mut out, "", &["", "count"], &rows))
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::SUCCESS,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns, IRIs shortened with the project's prefixes.
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    /// For CONSTRUCT and DESCRIBE.
    Turtle,
    /// For CONSTRUCT and DESCRIBE.
    Ntriples,
}

/// `NAME=VALUE` → a variable binding: `<iri>`, an integer, or a string.
fn binding(b: &str) -> Result<(String, Term), String> {
    let (name, value) = b
        .split_once('=')
        .ok_or_else(|| format!("--bind {b}: expected NAME=VALUE, e.g. agencyName=省科技厅"))?;
    let name = name.trim().trim_start_matches(['?', '$']).to_owned();
    let term: Term = if let Some(iri) = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        NamedNode::new(iri)
            .map_err(|e| format!("--bind {b}: not an IRI: {e}"))?
            .into()
    } else if let Ok(n) = value.parse::<i64>() {
        Literal::from(n).into()
    } else {
        Literal::from(value).into()
    };
    Ok((name, term))
}

/// A term for people: IRIs shortened with a known prefix, literals as their text.
fn show(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            PREFIXES
                .iter()
                .filter(|(_, ns)| iri.starts_with(ns))
                .max_by_key(|(_, ns)| ns.len())
                .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

pub fn query(
    text: Option<String>,
    file: Option<PathBuf>,
    binds: &[String],
    format: QueryFormat,
    dir: &Path,
) -> ExitCode {
    let (sparql, origin) = match (text, file) {
        (_, Some(f)) => match std::fs::read_to_string(&f) {
            Ok(t) => (t, format!("{}: ", f.display())),
            Err(e) => return fail(format!("{}: cannot read the query: {e}", f.display())),
        },
        (Some(t), None) => (t, String::new()),
        (None, None) => return fail("give a query, or --file F.rq"),
    };
    let mut bindings = Vec::new();
    for b in binds {
        match binding(b) {
            Ok(x) => bindings.push(x),
            Err(e) => return fail(e),
        }
    }
    let store = match Store::open_read_only(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let results = match store.query(&sparql, &bindings) {
        Ok(r) => r,
        Err(e) => return fail(format!("{origin}{e}")),
    };
    match write_results(results, format, std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(WriteError::Usage(m)) => fail(m),
        Err(WriteError::Failed(m)) => fail(format!("{origin}{m}")),
        // A closed pipe (`| head`).
        Err(WriteError::Io) => ExitCode::SUCCESS,
    }
}

enum WriteError {
    Usage(String),
    Failed(String),
    /// Writing failed, as when the reader closes the pipe (`| head`).
    Io,
}

impl From<std::io::Error> for WriteError {
    fn from(_: std::io::Error) -> Self {
        WriteError::Io
    }
}

fn write_results(
    results: QueryResults<'_>,
    format: QueryFormat,
    mut out: impl Write,
) -> Result<(), WriteError> {
    let results_format = match format {
        QueryFormat::Csv => Some(QueryResultsFormat::Csv),
        QueryFormat::Tsv => Some(QueryResultsFormat::Tsv),
        QueryFormat::Json => Some(QueryResultsFormat::Json),
        QueryFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match results {
        QueryResults::Boolean(b) => {
            match results_format {
                Some(f) => {
                    QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(out, b)?;
                }
                None if format == QueryFormat::Table => writeln!(out, "{b}")?,
                None => return Err(WriteError::Usage(
                    "an ASK query gives true or false: use --format table, csv, tsv, json or xml"
                        .into(),
                )),
            }
        }
        QueryResults::Solutions(rows) => {
            let variables = rows.variables().to_vec();
            match results_format {
                Some(f) => {
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(out, variables)?;
                    for row in rows {
                        let row = row.map_err(|e| WriteError::Failed(e.to_string()))?;
                        w.serialize(&row)?;
                    }
                    w.finish()?;
                }
                None if format == QueryFormat::Table => {
                    let mut table_rows = Vec::new();
                    for row in rows {
                        let row = row.map_err(|e| WriteError::Failed(e.to_string()))?;
                        table_rows.push(
                            variables
                                .iter()
                                .map(|v| row.get(v).map(show).unwrap_or_default())
                                .collect::<Vec<_>>(),
                        );
                    }
                    let headers: Vec<&str> = variables.iter().map(|v| v.as_str()).collect();
                    table::write(&mut out, "", &headers, &table_rows)?;
                    writeln!(out, "({} rows)", table_rows.len())?;
                }
                None => {
                    return Err(WriteError::Usage(
                        "a SELECT query gives rows: use --format table, csv, tsv, json or xml"
                            .into(),
                    ))
                }
            }
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                QueryFormat::Turtle => RdfFormat::Turtle,
                QueryFormat::Ntriples => RdfFormat::NTriples,
                QueryFormat::Table => {
                    let mut rows = Vec::new();
                    for t in triples {
                        let t = t.map_err(|e| WriteError::Failed(e.to_string()))?;
                        rows.push(vec![
                            show(&t.subject.into()),
                            show(&t.predicate.into()),
                            show(&t.object),
                        ]);
                    }
                    table::write(&mut out, "", &["subject", "predicate", "object"], &rows)?;
                    return Ok(());
                }
                _ => {
                    return Err(WriteError::Usage(
                        "a CONSTRUCT or DESCRIBE query gives triples: use --format turtle, ntriples or table"
                            .into(),
                    ))
                }
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            for (p, ns) in PREFIXES {
                serializer = serializer
                    .with_prefix(*p, *ns)
                    .map_err(|e| WriteError::Failed(e.to_string()))?;
            }
            let mut w = serializer.for_writer(out);
            for t in triples {
                let t = t.map_err(|e| WriteError::Failed(e.to_string()))?;
                w.serialize_triple(&t)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// N-Quads: every graph, one quad per line.
    Nquads,
    /// TriG: every graph, grouped.
    Trig,
    /// Turtle: the union of all graphs.
    Turtle,
    /// N-Triples: the union of all graphs.
    Ntriples,
}

pub fn export(format: ExportFormat, output: Option<&Path>, dir: &Path) -> ExitCode {
    let format = match format {
        ExportFormat::Nquads => RdfFormat::NQuads,
        ExportFormat::Trig => RdfFormat::TriG,
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::Ntriples => RdfFormat::NTriples,
    };
    let store = match Store::open_read_only(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let Some(path) = output else {
        return match store.export(format, std::io::BufWriter::new(std::io::stdout().lock())) {
            Ok(()) => ExitCode::SUCCESS,
            Err(fengong::store::StoreError::Write(_)) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        };
    };
    let result = write_atomically(path, |w| {
        store.export(format, &mut *w).map_err(std::io::Error::other)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("{}: {e}", path.display())),
    }
}

/// Writes a file beside `path` and renames it into place, so a failure leaves no half file.
pub fn write_atomically(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = path.with_extension(format!(
        "{}.partial",
        path.extension().and_then(|e| e.to_str()).unwrap_or("out")
    ));
    let result = std::fs::File::create(&tmp)
        .and_then(|file| {
            let mut w = std::io::BufWriter::new(file);
            f(&mut w)?;
            w.flush()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
