//! fengong at scale, on corpora from `gen-corpus`: `cargo bench --bench scale`
//! (or `benches/run.sh`, which also runs the network benchmark). Writes docs/bench/scale.md.
//!
//! 1. The generated corpus parses back to its expected output (10,000 documents).
//! 2. Parse throughput on 1, 10 and 100 MB of plans, one core and all cores.
//! 3. For 10k, 100k and 1M tasks: `fengong ingest` as a process (time, peak memory, store
//!    size) next to Oxigraph's own bulk loader loading the very same triples (exported as
//!    N-Quads) in a process of its own; then single-agency lookups and `ask`, cold (a new
//!    process each) and warm (one open store), p50 and p99.
//!
//! Sizes: FENGONG_BENCH_TASKS (default "10000,100000,1000000"), FENGONG_BENCH_PARSE_MB
//! ("1,10,100"), FENGONG_BENCH_CHECK_DOCS (10000). Scratch space: FENGONG_BENCH_DIR (default
//! the temp folder); a tier whose stores would not fit on its disk is reported as skipped.
//! Not a test: the figures depend on the machine, which the report states.
//! `scale --first-page STORE QUESTION` (the binary cargo built) times the busiest-agency
//! loop alone on a store already ingested, and prints it.

use fengong_generate::{compare, Agreement, Config, Generator};
use oxigraph::io::{RdfFormat, RdfParser};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;
use common::{env_list, machine, write_corpus_counted};

const FENGONG: &str = env!("CARGO_BIN_EXE_fengong");

/// A finished child process: wall time, peak resident memory, standard output.
struct Run {
    secs: f64,
    peak_mb: f64,
    stdout: String,
    ok: bool,
}

/// Runs a command to completion, measuring its peak memory with wait4's resource usage
/// (which also reaps the child, so `Child::wait` is not called).
#[allow(clippy::zombie_processes)]
fn run(cmd: &mut Command) -> Run {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the command starts");
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut stdout);
    }
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we spawned and have not reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    Run {
        secs,
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        stdout,
        ok: waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn free_bytes(dir: &Path) -> u64 {
    let Ok(path) = std::ffi::CString::new(dir.to_string_lossy().as_bytes()) else {
        return 0;
    };
    // SAFETY: statvfs is plain data filled by the call.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(path.as_ptr(), &mut s) } != 0 {
        return 0;
    }
    s.f_bavail as u64 * s.f_frsize as u64
}

fn percentile(times: &mut [f64], p: f64) -> f64 {
    times.sort_by(f64::total_cmp);
    times
        .get(((times.len().max(1) - 1) as f64 * p).round() as usize)
        .copied()
        .unwrap_or(f64::NAN)
}

/// `--bulk-load NQUADS DIR`: the baseline, in a process of its own so that its time and
/// memory are its own. Oxigraph's bulk loader as `oxigraph load` uses it.
fn bulk_load(nquads: &Path, dir: &Path) {
    let store = oxigraph::store::Store::open(dir).expect("store opens");
    let mut loader = store.bulk_loader();
    loader
        .parallel_load_from_file(RdfParser::from_format(RdfFormat::NQuads), nquads)
        .expect("bulk load");
    loader.commit().expect("bulk load commits");
}

/// The page the first-page figures time: 50 tasks from the top.
const FIRST_PAGE: fengong_ask::Page = fengong_ask::Page {
    offset: 0,
    limit: 50,
};

/// The first page (50 tasks) of the answer to `q`, asked 100 times on an open store after 10
/// to warm up: the times in ms, the tasks of the whole answer, the rows of the page.
fn first_pages(opened: &fengong_store::Store, q: &str) -> (Vec<f64>, usize, usize) {
    let mut busiest_pages = Vec::new();
    let mut busiest_tasks = 0;
    let mut busiest_rows = 0;
    if let Ok(question) = fengong_ask::understand(q) {
        for round in 0..110 {
            let t = Instant::now();
            let a = fengong_ask::ask_page(
                opened,
                fengong_registry::Registry::embedded(),
                question.clone(),
                &fengong_ask::Scope::default(),
                FIRST_PAGE,
            );
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if round >= 10 {
                busiest_pages.push(ms);
            }
            if let Ok(a) = a {
                busiest_tasks = a.page.map_or(0, |p| p.tasks);
                busiest_rows = a.lines.len();
            }
        }
    }
    (busiest_pages, busiest_tasks, busiest_rows)
}

/// `--first-page STORE QUESTION`: the first-page timing alone, on a store already ingested
/// (a 1M-task store takes half an hour to make), printed as p50 / p99 / max ms.
fn first_page_only(store: &Path, q: &str) {
    let opened = fengong_store::Store::open_read_only(store).expect("store opens");
    let (mut ms, tasks, rows) = first_pages(&opened, q);
    println!(
        "{q}: {tasks} tasks, {rows} rows; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&mut ms, 0.5),
        percentile(&mut ms, 0.99),
        ms.iter().copied().fold(0.0, f64::max)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--bulk-load") {
        bulk_load(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--first-page") {
        first_page_only(Path::new(&args[i + 1]), &args[i + 2]);
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report_path: PathBuf = std::env::var_os("FENGONG_BENCH_REPORT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("docs/bench/scale.md"));
    let scratch = std::env::var_os("FENGONG_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("fengong-scale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    let generator = Generator::new(Config::default());
    let mut md = String::new();
    let _ = writeln!(md, "# fengong at scale\n");
    let _ = writeln!(
        md,
        "Produced by `cargo bench --bench scale` (part of `benches/run.sh`) on {}. Corpora come from \
         `fengong gen-corpus --seed 1` (plans of {} jurisdictions in six layouts, 10% traditional \
         script, 30% with web-page noise).\n",
        machine(),
        generator.jurisdictions()
    );

    // 1. Correctness at scale.
    let docs = env_list("FENGONG_BENCH_CHECK_DOCS", "10000")[0];
    let t = Instant::now();
    let agreements: Vec<Agreement> = (0..docs)
        .into_par_iter()
        .map(|i| {
            let d = generator.document(i);
            let parsed = fengong_parse::parse_bytes(&d.file, d.text.as_bytes()).expect("decodes");
            compare(&parsed, &d.gold)
        })
        .collect();
    let mut total = Agreement::default();
    for a in &agreements {
        total.add(a);
    }
    let line = format!(
        "{docs} documents, {} tasks: {total} ({:.1} s)",
        total.tasks,
        t.elapsed().as_secs_f64()
    );
    println!("round trip: {line}");
    let _ = writeln!(
        md,
        "## The corpus parses back to its expected output\n\n{line}. {}\n",
        if total.exact() {
            "Every document agrees exactly."
        } else {
            "**Not exact.**"
        }
    );

    // 2. Parse throughput.
    let _ = writeln!(
        md,
        "## Parse and normalise\n\nIn process: bytes → decoded, cleaned, simplified text → outline → \
         duties → `ParsedDocument`, for documents held in memory.\n\n\
         | text | documents | tasks | one core MB/s | one core tasks/s | {} cores MB/s | {} cores tasks/s |\n|---:|---:|---:|---:|---:|---:|---:|",
        rayon::current_num_threads(),
        rayon::current_num_threads()
    );
    for mb in env_list("FENGONG_BENCH_PARSE_MB", "1,10,100") {
        let mut texts: Vec<(String, String)> = Vec::new();
        let (mut bytes, mut i) = (0usize, 0usize);
        while bytes < mb * 1_000_000 {
            let d = generator.document(i);
            bytes += d.text.len();
            texts.push((d.file, d.text));
            i += 1;
        }
        let t = Instant::now();
        let tasks: usize = texts
            .iter()
            .map(|(f, s)| fengong_parse::parse_bytes(f, s.as_bytes()).map_or(0, |d| d.tasks.len()))
            .sum();
        let one = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _: usize = texts
            .par_iter()
            .map(|(f, s)| fengong_parse::parse_bytes(f, s.as_bytes()).map_or(0, |d| d.tasks.len()))
            .sum();
        let all = t.elapsed().as_secs_f64();
        let mbs = bytes as f64 / 1e6;
        println!(
            "parse {mbs:.0} MB: {:.1} MB/s one core, {:.1} MB/s all",
            mbs / one,
            mbs / all
        );
        let _ = writeln!(
            md,
            "| {mbs:.0} MB | {} | {tasks} | {:.1} | {:.0} | {:.1} | {:.0} |",
            texts.len(),
            mbs / one,
            tasks as f64 / one,
            mbs / all,
            tasks as f64 / all
        );
    }

    // 3. Ingest, bulk load, lookups.
    let mut ingest_rows = Vec::new();
    let mut query_rows = Vec::new();
    let mut busiest_rows_md = Vec::new();
    // (tasks, ingest / bulk, peak MB, warm lookup p50 ms, busiest first page p99 ms) per
    // tier, for the targets.
    let mut targets: Vec<(usize, Option<f64>, f64, f64, f64)> = Vec::new();
    for size in env_list("FENGONG_BENCH_TASKS", "10000,100000,1000000") {
        let tier = scratch.join(format!("t{size}"));
        let (docs, tasks, leads, busiest) =
            write_corpus_counted(&generator, size, &tier.join("corpus"));
        let corpus_mb = dir_size(&tier.join("corpus")) as f64 / 1e6;
        // About 18 kB of store per task (the bulk-loaded copy needs as much again, and the
        // N-Quads about 10 kB a task, checked after ingest).
        let needed = tasks as u64 * 18_000;
        if free_bytes(&scratch) < needed {
            let line = format!(
                "| {tasks} | {docs} | skipped: needs about {:.0} GB of scratch space, {:.0} GB free \
                 (set FENGONG_BENCH_DIR) | | | | | | | | | |",
                needed as f64 / 1e9,
                free_bytes(&scratch) as f64 / 1e9
            );
            ingest_rows.push(line);
            let _ = std::fs::remove_dir_all(&tier);
            continue;
        }
        let store = tier.join("store");
        let ingest = run(Command::new(FENGONG)
            .arg("ingest")
            .arg(tier.join("corpus/plans"))
            .arg("--store")
            .arg(&store));
        assert!(ingest.ok, "ingest failed");
        // `fengong ingest` compacts the store after a large ingest and says how long it took.
        let compaction = ingest
            .stdout
            .split("compacted in ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|secs| secs.parse::<f64>().ok());
        let store_bytes = dir_size(&store);
        let stats = run(Command::new(FENGONG)
            .args(["stats", "--format", "json", "--store"])
            .arg(&store));
        let triples = serde_json::from_str::<serde_json::Value>(&stats.stdout)
            .ok()
            .and_then(|v| v["triples"].as_u64())
            .unwrap_or(0);
        println!(
            "ingest {tasks} tasks ({docs} documents, {corpus_mb:.0} MB): {:.1} s, peak {:.0} MB, store {:.2} GB",
            ingest.secs,
            ingest.peak_mb,
            store_bytes as f64 / 1e9
        );

        // Lookups, before the store is exported and removed.
        let opened = fengong_store::Store::open_read_only(&store).expect("store opens");
        let mut lookups = Vec::new();
        let mut asks = Vec::new();
        let mut pages = Vec::new();
        let mut rows = 0usize;
        let sample: Vec<&(String, String)> = leads.iter().take(100).collect();
        for _ in 0..2 {
            // The second round is the one timed: the first warms caches.
            lookups.clear();
            asks.clear();
            pages.clear();
            for (place, name) in &sample {
                let e = fengong_registry::Registry::embedded().agency(name, Some(place), false);
                let agency = fengong_rdf::iri::agency(&e.key);
                let t = Instant::now();
                if let Ok(lines) =
                    fengong_ask::agency_duties(&opened, agency.as_str(), Some("lead"))
                {
                    rows += lines.len();
                }
                lookups.push(t.elapsed().as_secs_f64() * 1e3);
                let q = format!("{}牵头哪些任务", fengong_registry::qualified(place, name));
                let t = Instant::now();
                if let Ok(question) = fengong_ask::understand(&q) {
                    let _ = fengong_ask::ask(
                        &opened,
                        fengong_registry::Registry::embedded(),
                        question,
                        &fengong_ask::Scope::default(),
                    );
                }
                asks.push(t.elapsed().as_secs_f64() * 1e3);
                let t = Instant::now();
                if let Ok(question) = fengong_ask::understand(&q) {
                    let _ = fengong_ask::ask_page(
                        &opened,
                        fengong_registry::Registry::embedded(),
                        question,
                        &fengong_ask::Scope::default(),
                        FIRST_PAGE,
                    );
                }
                pages.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
        // The first page of the agency that leads the most tasks, 100 times after a warm-up.
        let ((place, name), _) = &busiest;
        let q = format!("{}牵头哪些任务", fengong_registry::qualified(place, name));
        let (mut busiest_pages, busiest_tasks, busiest_rows) = first_pages(&opened, &q);
        let busiest_p99 = percentile(&mut busiest_pages, 0.99);
        busiest_rows_md.push(format!(
            "| {tasks} | {q} | {busiest_tasks} | {busiest_rows} | {:.2} | {:.2} | {:.2} |",
            percentile(&mut busiest_pages, 0.5),
            busiest_p99,
            busiest_pages.iter().copied().fold(0.0, f64::max),
        ));
        println!("first page of the busiest agency at {tasks} tasks: {q}, {busiest_tasks} tasks, p99 {busiest_p99:.2} ms");
        drop(opened);
        let mut cold = Vec::new();
        for (place, name) in sample.iter().take(10) {
            let q = format!("{}牵头哪些任务", fengong_registry::qualified(place, name));
            let r = run(Command::new(FENGONG)
                .arg("ask")
                .arg(&q)
                .arg("--store")
                .arg(&store));
            cold.push(r.secs * 1e3);
        }
        let lookup_p50 = percentile(&mut lookups, 0.5);
        let row = format!(
            "| {tasks} | {:.0} | {:.2} / {:.2} | {:.1} / {:.1} | {:.2} / {:.2} | {:.0} / {:.0} |",
            rows as f64 / (2 * sample.len()).max(1) as f64,
            percentile(&mut lookups, 0.5),
            percentile(&mut lookups, 0.99),
            percentile(&mut asks, 0.5),
            percentile(&mut asks, 0.99),
            percentile(&mut pages, 0.5),
            percentile(&mut pages, 0.99),
            percentile(&mut cold, 0.5),
            percentile(&mut cold, 0.99),
        );
        println!("lookups at {tasks} tasks ({rows} rows): {row}");
        query_rows.push(row);

        // The same triples through Oxigraph's bulk loader, if the N-Quads and a second store fit.
        // The N-Quads take about 215 bytes a triple. While it loads, the loader's store grows
        // well past the ingested one's size (it ran out of 21 GB loading what is a 12 GB store
        // at 1M tasks): room for 2.5 times that size once the ingested store is removed.
        let nquads_bytes = triples * 215;
        let needed = nquads_bytes + store_bytes + store_bytes / 2;
        let (bulk_secs, bulk_peak, missing) = if free_bytes(&scratch) > needed {
            let nquads = tier.join("store.nq");
            let export = run(Command::new(FENGONG)
                .args(["export", "--format", "nquads", "-o"])
                .arg(&nquads)
                .arg("--store")
                .arg(&store));
            assert!(export.ok, "export failed");
            let _ = std::fs::remove_dir_all(&store);
            let exe = std::env::current_exe().expect("own path");
            let bulk = run(Command::new(exe)
                .arg("--bulk-load")
                .arg(&nquads)
                .arg(tier.join("bulk")));
            let _ = std::fs::remove_file(&nquads);
            if bulk.ok {
                println!(
                    "oxigraph bulk load: {:.1} s, peak {:.0} MB; fengong ingest takes {:.2}× as long",
                    bulk.secs,
                    bulk.peak_mb,
                    ingest.secs / bulk.secs
                );
                (Some(bulk.secs), Some(bulk.peak_mb), "")
            } else {
                // The tier's other figures are worth the hour they took: report them without it.
                println!("oxigraph bulk load failed (see above); its columns are left empty");
                (None, None, "(failed)")
            }
        } else {
            println!(
                "oxigraph bulk load skipped: not enough scratch space for the N-Quads and a second store"
            );
            (None, None, "(no space)")
        };
        targets.push((
            tasks,
            bulk_secs.map(|b| ingest.secs / b),
            ingest.peak_mb,
            lookup_p50,
            busiest_p99,
        ));
        let cell = |v: Option<f64>, digits: usize| {
            v.map_or_else(|| missing.to_owned(), |v| format!("{v:.digits$}"))
        };
        ingest_rows.push(format!(
            "| {tasks} | {docs} ({corpus_mb:.0} MB) | {triples} | {:.1} | {} | {:.0} | {:.0} | {:.0} | {:.2} | {} | {} | {} |",
            ingest.secs,
            compaction.map_or_else(|| "-".to_owned(), |c| format!("{c:.1}")),
            tasks as f64 / ingest.secs,
            triples as f64 / ingest.secs,
            ingest.peak_mb,
            store_bytes as f64 / 1e9,
            cell(bulk_secs, 1),
            cell(bulk_peak, 0),
            bulk_secs.map_or_else(|| "-".to_owned(), |b| format!("**{:.2}×**", ingest.secs / b)),
        ));
        let _ = std::fs::remove_dir_all(&tier);
    }
    let _ = writeln!(
        md,
        "\n## Ingest into the on-disk store, next to Oxigraph's bulk loader\n\n\
         `fengong ingest DIR` as a process: read, parse, resolve, write every document (new documents \
         through the bulk loader in atomic batches, changed ones in a transaction each), then compact \
         the store (*of which compaction*: merging its files so that lookups probe one file per \
         index; Oxigraph's loader leaves that to RocksDB's background work). The baseline \
         loads the very same triples, exported as N-Quads, with Oxigraph's bulk loader \
         (`BulkLoader::parallel_load_from_file`, as `oxigraph load` does), also as a process. Peak \
         memory is the process's maximum resident set.\n\n\
         | tasks | documents | triples | ingest s | of which compaction s | tasks/s | triples/s | peak MB | store GB | bulk load s | bulk peak MB | ingest / bulk |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for r in &ingest_rows {
        let _ = writeln!(md, "{r}");
    }
    let _ = writeln!(
        md,
        "\n## Query latency\n\nFor 100 agencies that lead tasks (sampled from the corpus), in milliseconds, \
         p50 / p99. *Lookup*: `fengong_ask::agency_duties` for the agency's IRI and the lead role (what \
         `ask` runs per agency: `queries/ask-duty-rows.rq` and friends), on an open \
         store (warm: the second round of the same lookups). *ask warm*: `fengong_ask::ask` for \
         \"杭州市发改委牵头哪些任务\"-style questions on an open store (name lookup, lineage, duties), \
         the whole answer. *first page warm*: `fengong_ask::ask_page`, the same questions, the \
         first 50 tasks (newest plans first) read from the search index, as `fengong ask` and \
         the explorer give them. *ask cold*: the `fengong ask` command, a new process each \
         time (10 questions).\n\n\
         | tasks | rows per lookup | lookup warm ms | ask warm ms | first page warm ms | ask cold ms |\n|---:|---:|---:|---:|---:|---:|"
    );
    for r in &query_rows {
        let _ = writeln!(md, "{r}");
    }
    let _ = writeln!(
        md,
        "\nThe first page (50 tasks) of the agency that leads the most tasks, asked 100 times \
         on an open store after 10 to warm up, in milliseconds:\n\n\
         | tasks | question | its lead tasks | rows | p50 ms | p99 ms | max ms |\n|---:|---|---:|---:|---:|---:|---:|"
    );
    for r in &busiest_rows_md {
        let _ = writeln!(md, "{r}");
    }
    let _ = writeln!(md, "\n## Targets\n");
    let verdict = |ok: bool| if ok { "met" } else { "**missed**" };
    if let Some((t, Some(r), _, _, _)) = targets.iter().rev().find(|t| t.1.is_some()) {
        let _ = writeln!(
            md,
            "- Ingest within 2× Oxigraph's bulk load of the same triples: {:.2}× at {t} tasks, the largest tier compared — {}.",
            r,
            verdict(*r <= 2.0)
        );
    }
    if let Some((t, _, peak, p50, first)) = targets.last() {
        let _ = writeln!(
            md,
            "- Peak memory under 1 GiB while ingesting: {peak:.0} MB at {t} tasks — {}.\n\
             - A warm single-agency lookup (the whole answer) under 5 ms: p50 {p50:.1} ms at {t} tasks — {}.\n\
             - The first page (50 rows) of the busiest agency, warm, p99 under 10 ms: {first:.2} ms at {t} tasks — {}.",
            verdict(*peak < 1024.0),
            verdict(*p50 < 5.0),
            verdict(*first < 10.0)
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::write(&report_path, md).expect("report written");
    println!("report: {}", report_path.display());
}
