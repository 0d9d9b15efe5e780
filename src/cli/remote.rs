//! Beyond one machine: `push` a store into a SPARQL server, `parse --format nquads` shards for a
//! server's own loader, `export --shared` the graphs every shard shares.

use super::{fail, plural};
use fengong_store::ingest::Item;
use fengong_store::push::{push as push_store, PushEvent};
use fengong_store::remote::Endpoint;
use fengong_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::{RdfFormat, RdfSerializer};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn push(
    dir: &Path,
    url: &str,
    graph_store: Option<&str>,
    user: Option<&str>,
    jobs: usize,
) -> ExitCode {
    let store = match Store::open_read_only(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    super::warn_outdated(&store);
    let endpoint = match Endpoint::new(url, graph_store, super::credentials(user)) {
        Ok(e) => e,
        Err(e) => return fail(e),
    };
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} graphs sent, {elapsed} (ETA {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let result = push_store(&store, &endpoint, jobs, &mut |event| match event {
        PushEvent::Start { graphs, unchanged } => bar.set_length((graphs - unchanged) as u64),
        PushEvent::Sent { .. } => bar.inc(1),
        PushEvent::Deleted { .. } => {}
    });
    bar.finish_and_clear();
    let report = match result {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "pushed {} ({}, {:.1} MB) to {} in {seconds:.1} s; {} already there as in the store{}",
        plural(report.sent as u64, "graph"),
        plural(report.triples as u64, "triple"),
        report.bytes as f64 / 1e6,
        url,
        plural(report.unchanged as u64, "graph"),
        if report.deleted > 0 {
            format!(
                "; {} of documents no longer in the store deleted",
                plural(report.deleted as u64, "graph")
            )
        } else {
            String::new()
        }
    );
    ExitCode::SUCCESS
}

/// Each document's quads, exactly as `ingest` writes a document new to the store, as N-Quads
/// on standard output: shards parsed on many machines and loaded by a server's own loader.
pub fn parse_nquads(
    files: &[PathBuf],
    corrections: &fengong_correct::Corrections,
    registry_dirs: &[PathBuf],
) -> ExitCode {
    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut failed = false;
    let mut items = Vec::new();
    if files.is_empty() {
        items = Item::default_corpus();
    } else {
        for f in files {
            match f.to_str().filter(|s| fengong_fetch::is_url(s)) {
                Some(url) => items.push(Item::url(url)),
                None => {
                    let (inputs, skipped) =
                        fengong_parse::input::collect_all(std::slice::from_ref(f));
                    super::report_skipped(&skipped, false);
                    for input in inputs {
                        match input {
                            Ok(i) => items.push(Item::file(i)),
                            Err(e) => {
                                failed = true;
                                eprintln!("error: {e}");
                            }
                        }
                    }
                }
            }
        }
    }
    let mut out = RdfSerializer::from_format(RdfFormat::NQuads)
        .for_writer(std::io::BufWriter::new(std::io::stdout().lock()));
    for item in &items {
        let (doc, source) = match fengong_store::ingest::read(item) {
            Ok(x) => x,
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
                continue;
            }
        };
        if fengong_store::ingest::is_stray(&doc) {
            eprintln!(
                "note: {}: no task, no agency and no Chinese title: not a plan or a text about one; left out",
                item.path.display()
            );
            continue;
        }
        let (quads, problems) =
            fengong_store::document_quads(&doc, &source, &registry, corrections);
        for p in problems {
            eprintln!("warning: {p}");
        }
        for q in &quads {
            if out.serialize_quad(q).is_err() {
                // A closed pipe (`| head`).
                return ExitCode::from(u8::from(failed));
            }
        }
    }
    if out.finish().and_then(|mut w| w.flush()).is_err() {
        return ExitCode::from(u8::from(failed));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The graphs every shard shares (ontology, registry) as N-Quads.
pub fn export_shared(output: Option<&Path>, registry_dirs: &[PathBuf]) -> ExitCode {
    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let quads = match fengong_store::shared_quads(&registry) {
        Ok(q) => q,
        Err(e) => return fail(e),
    };
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        let mut s = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(w);
        for q in &quads {
            s.serialize_quad(q)?;
        }
        s.finish()?;
        Ok(())
    };
    let result = match output {
        Some(path) => super::store::write_atomically(path, |w| write(w))
            .map_err(|e| format!("{}: {e}", path.display())),
        None => match write(&mut std::io::BufWriter::new(std::io::stdout().lock())) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| e.to_string()),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}
