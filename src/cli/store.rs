//! `ingest`, `stats`, `query` and `export`: the store commands.

use super::{fail, plural, table, Format};
use clap::ValueEnum;
use fengong_rdf::vocab::shorten;
use fengong_store::catalog;
use fengong_store::ingest::{Event, Item, Options};
use fengong_store::results::{ResultsFormat, WriteError};
use fengong_store::{Outcome, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::RdfFormat;
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::QueryResults;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn ingest(
    paths: &[PathBuf],
    dir: &Path,
    verbose: bool,
    batch_quads: usize,
    corrections: fengong_correct::Corrections,
    registry_dirs: &[PathBuf],
) -> ExitCode {
    // The process does nothing but ingest: its threads can share two arenas.
    fengong_store::memory::share_arenas();
    let mut failed = 0usize;
    let items: Vec<Item> = if paths.is_empty() {
        Item::default_corpus()
    } else {
        let mut items = Vec::new();
        let (links, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
            .iter()
            .partition(|p| p.to_str().is_some_and(fengong_fetch::is_url));
        items.extend(links.iter().filter_map(|p| p.to_str()).map(Item::url));
        let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
        let (inputs, skipped) = fengong_parse::input::collect_all(&paths);
        for input in inputs {
            match input {
                Ok(i) => items.push(Item::file(i)),
                Err(e) => {
                    failed += 1;
                    eprintln!("error: {e}");
                }
            }
        }
        super::report_skipped(&skipped, verbose);
        items
    };
    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
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
    // What the report names at the end: files that gave no task, and plans read with doubts.
    let mut no_task: Vec<String> = Vec::new();
    let mut doubtful: Vec<String> = Vec::new();
    let mut skipped_files: Vec<String> = Vec::new();
    let mut on_event = |event: Event<'_>| match event {
        Event::Read(_) => bar.inc(1),
        Event::Done(item, r) => {
            let shown = item.path.display().to_string();
            let how = r
                .reading
                .as_ref()
                .map(|x| x.layout.join("; "))
                .filter(|l| !l.is_empty());
            if r.tasks == 0 && r.same_plan_as.is_none() {
                no_task.push(match &how {
                    Some(how) => format!("{shown} (read as: {how})"),
                    None => shown.clone(),
                });
            } else if let Some(x) = &r.reading {
                let mut doubts = Vec::new();
                if r.tasks > 0 && x.without_agency * 2 > r.tasks {
                    doubts.push(format!(
                        "{} of {} name no agency",
                        x.without_agency,
                        plural(r.tasks as u64, "task")
                    ));
                }
                if x.warnings > r.tasks.max(3) {
                    doubts.push(plural(x.warnings as u64, "warning"));
                }
                if !doubts.is_empty() {
                    doubtful.push(format!("{shown}: {}", doubts.join(", ")));
                }
            }
            if verbose {
                let what = match (&r.outcome, &r.same_plan_as) {
                    (Outcome::Added, _) => "added".to_owned(),
                    (Outcome::Replaced, _) => "replaced".to_owned(),
                    (Outcome::Unchanged, _) => "unchanged".to_owned(),
                    (Outcome::Copy, Some(first)) => {
                        format!("the same plan as {first}, recorded on it:")
                    }
                    (Outcome::Copy, None) => "a copy of a document already in the store:".into(),
                };
                let title = r
                    .reading
                    .as_ref()
                    .and_then(|x| x.title.as_deref())
                    .map(|t| format!(" «{t}»"))
                    .unwrap_or_default();
                bar.suspend(|| {
                    eprintln!(
                        "{what} {}{title}: {}{}",
                        item.key,
                        plural(r.tasks as u64, "task"),
                        how.as_deref()
                            .map(|h| format!(" ({h})"))
                            .unwrap_or_default()
                    )
                });
            }
        }
        Event::Failed(_, message) => bar.suspend(|| eprintln!("error: {message}")),
        Event::Skipped(item, message) => {
            skipped_files.push(item.path.display().to_string());
            bar.suspend(|| eprintln!("skipped: {message}"))
        }
    };
    let options = Options {
        batch_quads,
        corrections,
    };
    let report =
        match fengong_store::ingest::ingest(&store, &items, &registry, &options, &mut on_event) {
            Ok(r) => r,
            Err(e) => {
                bar.finish_and_clear();
                return fail(e);
            }
        };
    bar.finish_and_clear();
    failed += report.failed;
    for p in &report.correction_problems {
        eprintln!("warning: {p}");
    }
    // Named, not only counted: a plan the parser could not read must not pass unseen.
    let listed = |head: String, names: &[String]| {
        if names.is_empty() {
            return;
        }
        eprintln!("{head}");
        let shown = if verbose { names.len() } else { 20 };
        for n in names.iter().take(shown) {
            eprintln!("  {n}");
        }
        if names.len() > shown {
            eprintln!("  … and {} more (-v lists them all)", names.len() - shown);
        }
    };
    listed(
        format!(
            "{} gave no task (stored without tasks; `fengong parse FILE` shows how each was read):",
            plural(no_task.len() as u64, "file")
        ),
        &no_task,
    );
    listed(
        format!(
            "{} read with doubts (check them with `fengong parse FILE`):",
            plural(doubtful.len() as u64, "plan")
        ),
        &doubtful,
    );
    let compacted = report
        .compacted
        .map(|t| format!("; compacted in {:.2} s", t.as_secs_f64()))
        .unwrap_or_default();
    let compacted = if report.indexed > 0 {
        format!(
            "{compacted}; {} indexed for search in {:.2} s",
            plural(report.indexed as u64, "document"),
            report.indexing.as_secs_f64()
        )
    } else {
        compacted
    };
    let total = &report.store;
    let n = |count: usize, noun: &str| plural(count as u64, noun);
    let extra: String = [
        (
            report.copies,
            n(report.copies, "file"),
            "holding plans already in (another format or copy), recorded on them",
        ),
        (
            report.reresolved,
            n(report.reresolved, "other"),
            "re-derived from their stored parses (the registry or corrections changed)",
        ),
        (
            report.stale,
            n(report.stale, "other"),
            "resolved with another registry and no stored parse: ingest their files again",
        ),
        (
            report.skipped,
            n(report.skipped, "other file"),
            "skipped (no task, title or agency)",
        ),
        (no_task.len(), n(no_task.len(), "file"), "with no task"),
        (
            report.corrected,
            n(report.corrected, "correction"),
            "by hand applied",
        ),
        (
            report.correction_problems.len(),
            n(report.correction_problems.len(), "correction"),
            "not applied (see the warnings)",
        ),
    ]
    .iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(_, counted, what)| format!("; {counted} {what}"))
    .collect();
    println!(
        "{} ({} added, {} replaced, {} unchanged{extra}{}), {}, {} written in {:.2} s; \
         the store at {} holds {}, {}, {}, {}{compacted}",
        n(report.documents(), "document"),
        report.added,
        report.replaced,
        report.unchanged,
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        },
        n(report.tasks, "task"),
        n(report.quads, "triple"),
        report.elapsed.as_secs_f64(),
        dir.display(),
        plural(total.plans + total.articles, "document"),
        plural(total.tasks, "task"),
        plural(total.agencies, "agency"),
        plural(total.triples, "triple"),
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn stats(from: &super::ReadFrom, format: Format) -> ExitCode {
    let store = match from.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let s = match store.stats() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // A server's files are its own business.
    let size = (!store.is_remote()).then(|| store.disk_size());
    let no_task = match store.without_tasks() {
        Ok(rows) => rows,
        Err(e) => return fail(e),
    };
    let field = |r: &fengong_store::Row, k: &str| r.get(k).cloned().unwrap_or_default();
    let written = match format {
        Format::Json => {
            let mut v = serde_json::to_value(&s).unwrap_or_default();
            v["store"] = store.path().display().to_string().into();
            v["bytes_on_disk"] = size.map_or(serde_json::Value::Null, Into::into);
            v["no_task"] = no_task
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "key": field(r, "key"),
                        "title": field(r, "title"),
                        "path": field(r, "path"),
                    })
                })
                .collect();
            writeln!(std::io::stdout(), "{v}")
        }
        Format::Table => {
            let rows: Vec<Vec<String>> = [
                ("plans", s.plans),
                ("documents with no task", s.articles),
                ("tasks", s.tasks),
                ("agencies with a role in some task", s.agencies),
                ("collective groups with a role", s.collective_groups),
                (
                    "agencies only named (issuers, articles)",
                    s.agencies_named_only,
                ),
                ("supervising officials", s.people),
                ("lead assignments", s.lead),
                ("cooperating assignments", s.cooperate),
                ("jointly responsible assignments", s.co_responsible),
                ("supervisor assignments", s.supervisor),
                ("triples", s.triples),
                ("named graphs", s.graphs),
            ]
            .iter()
            .chain(size.map(|b| ("bytes on disk", b)).iter())
            .map(|(k, v)| vec![(*k).to_owned(), v.to_string()])
            .collect();
            let mut out = std::io::stdout().lock();
            writeln!(out, "store: {}", store.path().display())
                .and_then(|_| table::write(&mut out, "", &["", "count"], &rows))
                .and_then(|_| {
                    if no_task.is_empty() {
                        return Ok(());
                    }
                    writeln!(
                        out,
                        "\n{} gave no task (news articles, or plans not read; `fengong parse FILE` shows how each was read):",
                        plural(no_task.len() as u64, "file")
                    )?;
                    for r in &no_task {
                        let title = field(r, "title");
                        let title = if title.is_empty() {
                            String::new()
                        } else {
                            format!(" «{title}»")
                        };
                        writeln!(out, "  {}{title}", field(r, "path"))?;
                    }
                    Ok(())
                })
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
        Term::NamedNode(n) => shorten(n.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

/// `fengong query --list`: the embedded queries, those for people first.
pub fn list_queries() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let row = |q: &catalog::Query| {
        let params: Vec<String> = q
            .parameters
            .iter()
            .map(|p| {
                if p.required {
                    format!("{}=…", p.name)
                } else {
                    format!("[{}=…]", p.name)
                }
            })
            .collect();
        vec![
            q.name.to_owned(),
            params.join(" "),
            table::clip(&q.summary, 100),
        ]
    };
    let all = catalog::all();
    let (internal, people): (Vec<_>, Vec<_>) = all.iter().partition(|q| q.internal);
    let people: Vec<Vec<String>> = people.into_iter().map(row).collect();
    let internal: Vec<Vec<String>> = internal.into_iter().map(row).collect();
    let _ = (|| -> std::io::Result<()> {
        writeln!(
            out,
            "Run one with `fengong query NAME [--bind NAME=VALUE]`:"
        )?;
        table::write(
            &mut out,
            "  ",
            &["query", "--bind", "what it answers"],
            &people,
        )?;
        writeln!(out, "\nRun by `fengong ask` and the network commands:")?;
        table::write(
            &mut out,
            "  ",
            &["query", "--bind", "what it answers"],
            &internal,
        )
    })();
    ExitCode::SUCCESS
}

/// A SPARQL syntax error as people read it: line and column, what was expected (without
/// character ranges), and the line itself with a caret under the place.
fn syntax_error(origin: &str, sparql: &str, message: &str) -> String {
    let rest = message.strip_prefix("error at ").unwrap_or(message);
    let parsed = rest.split_once(": ").and_then(|(at, what)| {
        let (l, c) = at.split_once(':')?;
        Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?, what))
    });
    let Some((line, column, what)) = parsed else {
        return format!("{origin}SPARQL syntax error: {message}");
    };
    let what = match what.strip_prefix("expected one of ") {
        Some(list) => {
            let items: Vec<&str> = list
                .split(", ")
                .filter(|i| !i.contains("\\u{") && !i.contains("..") && !i.starts_with('['))
                .collect();
            let shown: Vec<&str> = items.iter().take(6).copied().collect();
            let more = if items.len() > shown.len() {
                ", …"
            } else {
                ""
            };
            if shown.is_empty() {
                "unexpected text".to_owned()
            } else {
                format!("expected one of {}{more}", shown.join(", "))
            }
        }
        None => what.to_owned(),
    };
    let text = sparql.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let before: String = text.chars().take(column.saturating_sub(1)).collect();
    format!(
        "{origin}SPARQL syntax error at line {line}, column {column}: {what}\n  {text}\n  {}^",
        " ".repeat(table::width(&before))
    )
}

pub fn query(
    text: Option<String>,
    file: Option<PathBuf>,
    binds: &[String],
    format: QueryFormat,
    from: &super::ReadFrom,
    registry_dirs: &[PathBuf],
) -> ExitCode {
    // A query by name (`agency-leads`), from a file, or as text.
    // `strict`: only declared parameters may be bound (the queries fengong carries, and files
    // that declare theirs); SPARQL of one's own may bind any variable it uses.
    let (sparql, origin, declared, strict) = match (text, file) {
        (_, Some(f)) => match std::fs::read_to_string(&f) {
            Ok(t) => {
                let declared = catalog::declared(&t);
                let strict = !declared.is_empty();
                (t, format!("{}: ", f.display()), declared, strict)
            }
            Err(e) => return fail(format!("{}: cannot read the query: {e}", f.display())),
        },
        (Some(t), None) => {
            let word =
                !t.trim().is_empty() && !t.trim().contains(char::is_whitespace) && !t.contains('{');
            match catalog::find(t.trim()) {
                Some(q) if word => (
                    q.text.to_owned(),
                    format!("{}: ", q.name),
                    q.parameters,
                    true,
                ),
                None if word => {
                    let near = catalog::near(t.trim());
                    let hint = if near.is_empty() {
                        String::new()
                    } else {
                        format!(" (did you mean {}?)", near.join(", "))
                    };
                    return fail(format!(
                        "no query is named {}{hint}; `fengong query --list` lists them, or give SPARQL text",
                        t.trim()
                    ));
                }
                _ => {
                    let declared = catalog::declared(&t);
                    let strict = !declared.is_empty();
                    (t, String::new(), declared, strict)
                }
            }
        }
        (None, None) => {
            return fail(
                "give a query (SPARQL text or a name from `fengong query --list`), or --file F.rq",
            )
        }
    };
    let mut bindings = Vec::new();
    for b in binds {
        match binding(b) {
            Ok(x) => bindings.push(x),
            Err(e) => return fail(e),
        }
    }
    // A --bind the query does not use would silently change nothing; one on a variable a
    // query declares no parameter for would overwrite an output column (every row's ?year).
    for (name, _) in &bindings {
        if strict && !declared.iter().any(|p| p.name == *name) && uses_variable(&sparql, name) {
            let names: Vec<&str> = declared.iter().map(|p| p.name.as_str()).collect();
            return fail(format!(
                "{origin}--bind {name}: ?{name} is a column of the query, not a parameter ({}); binding it would rewrite every row; filter its rows with SPARQL of your own",
                if names.is_empty() {
                    "it takes none".to_owned()
                } else {
                    format!("its parameters: {}", names.join(", "))
                }
            ));
        }
        if !uses_variable(&sparql, name) {
            let names: Vec<&str> = declared.iter().map(|p| p.name.as_str()).collect();
            let hint = if names.is_empty() {
                String::new()
            } else {
                format!(" (its parameters: {})", names.join(", "))
            };
            return fail(format!(
                "{origin}--bind {name}: the query has no ?{name}{hint}"
            ));
        }
    }
    let bound: Vec<&str> = bindings.iter().map(|(n, _)| n.as_str()).collect();
    let missing: Vec<String> = declared
        .iter()
        .filter(|p| p.required && !bound.contains(&p.name.as_str()))
        .map(|p| format!("--bind {}=… ({})", p.name, p.about.trim_end_matches('.')))
        .collect();
    if !missing.is_empty() {
        return fail(format!("{origin}the query needs {}", missing.join(" and ")));
    }
    if let Err(e) = fengong_store::check_syntax(&sparql) {
        return fail(syntax_error(&origin, &sparql, &e.to_string()));
    }
    let store = match from.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // Full-text search from SPARQL: the index is opened (and brought up to date) only for a
    // query that calls it, since loading the segmenter's dictionary takes a moment.
    if sparql.contains(fengong_store::service::SERVICE) && !store.is_remote() {
        let registry = match super::registry(registry_dirs) {
            Ok(r) => r,
            Err(code) => return code,
        };
        if let Err(e) = store.search_index(&registry) {
            return fail(e);
        }
    }
    let results = match store.query(&sparql, &bindings) {
        Ok(r) => r,
        Err(e) => return fail(format!("{origin}{e}")),
    };
    match write_results(results, format, std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(WriteError::Usage(m)) => fail(m),
        Err(WriteError::Query(m)) => fail(format!("{origin}{m}")),
        // A closed pipe (`| head`).
        Err(WriteError::Io(_)) => ExitCode::SUCCESS,
    }
}

/// Whether `?name` or `$name` occurs in the query as a whole variable name.
fn uses_variable(sparql: &str, name: &str) -> bool {
    ['?', '$'].iter().any(|sigil| {
        let needle = format!("{sigil}{name}");
        sparql.match_indices(&needle).any(|(i, _)| {
            sparql[i + needle.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        })
    })
}

/// Writes `results` as a table for people, or through the library in a standard format.
fn write_results(
    results: QueryResults<'_>,
    format: QueryFormat,
    mut out: impl Write,
) -> Result<(), WriteError> {
    let standard = match format {
        QueryFormat::Table => None,
        QueryFormat::Csv => Some(ResultsFormat::Csv),
        QueryFormat::Tsv => Some(ResultsFormat::Tsv),
        QueryFormat::Json => Some(ResultsFormat::Json),
        QueryFormat::Xml => Some(ResultsFormat::Xml),
        QueryFormat::Turtle => Some(ResultsFormat::Turtle),
        QueryFormat::Ntriples => Some(ResultsFormat::NTriples),
    };
    if let Some(f) = standard {
        return fengong_store::results::write(results, f, out);
    }
    let failed = |e: &dyn std::fmt::Display| WriteError::Query(e.to_string());
    match results {
        QueryResults::Boolean(b) => writeln!(out, "{b}")?,
        QueryResults::Solutions(rows) => {
            let variables = rows.variables().to_vec();
            let mut table_rows = Vec::new();
            for row in rows {
                let row = row.map_err(|e| failed(&e))?;
                table_rows.push(
                    variables
                        .iter()
                        .map(|v| row.get(v).map(show).unwrap_or_default())
                        .collect::<Vec<_>>(),
                );
            }
            let headers: Vec<&str> = variables.iter().map(|v| v.as_str()).collect();
            table::write(&mut out, "", &headers, &table_rows)?;
            writeln!(out, "({})", plural(table_rows.len() as u64, "row"))?;
        }
        QueryResults::Graph(triples) => {
            let mut rows = Vec::new();
            for t in triples {
                let t = t.map_err(|e| failed(&e))?;
                rows.push(vec![
                    show(&t.subject.into()),
                    show(&t.predicate.into()),
                    show(&t.object),
                ]);
            }
            table::write(&mut out, "", &["subject", "predicate", "object"], &rows)?;
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
    let store = match fengong_store::Store::open_read_only(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    super::warn_outdated(&store);
    let Some(path) = output else {
        return match store.export(format, std::io::BufWriter::new(std::io::stdout().lock())) {
            Ok(()) => ExitCode::SUCCESS,
            Err(fengong_store::StoreError::Write(_)) => ExitCode::SUCCESS,
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

/// `fengong backup DIR`: the store copied while in use, and what the copy holds.
pub fn backup(dir: &Path, target: &Path) -> ExitCode {
    let store = match Store::open_existing(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Err(e) = store.backup(target) {
        return fail(e);
    }
    match store.stats() {
        Ok(s) => {
            println!(
                "backed up {} and {}, {}, {} to {} (open it with --store {})",
                plural(s.plans, "plan"),
                plural(s.articles, "article"),
                plural(s.tasks, "task"),
                plural(s.triples, "triple"),
                target.display(),
                target.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// `fengong remove DOC...`: the documents out, in one transaction, and what went.
pub fn remove(dir: &Path, names: &[String]) -> ExitCode {
    let store = match Store::open_existing(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    match store.remove(names) {
        Ok((docs, quads)) => {
            println!(
                "removed {} ({}); the store is at {}",
                plural(docs as u64, "document"),
                plural(quads as u64, "quad"),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{e}; nothing was removed")),
    }
}

/// `fengong prune`: documents whose files are gone, out in one transaction.
pub fn prune(dir: &Path) -> ExitCode {
    let store = match Store::open_existing(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    match store.prune() {
        Ok(gone) => {
            for k in &gone {
                println!("removed {k} (its file is gone)");
            }
            println!("{} removed", plural(gone.len() as u64, "document"));
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{e}; nothing was removed")),
    }
}
