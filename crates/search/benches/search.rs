//! Full-text search at scale, on corpora from `gen-corpus`: `cargo bench -p fengong-search` (or
//! `benches/run.sh`). Writes docs/bench/search.md.
//!
//! For 10k, 100k and 1M tasks: the index (`fengong-search`) built from the parsed tasks (time,
//! size on disk), then the same queries timed three ways, p50 and p99: the index (first page
//! of 20, warm); the topic scan `ask` used before the index (`fengong_search::scan::search`, every
//! text in memory); and SQLite FTS5 with its trigram tokenizer on the same texts (built and
//! queried by benches/fts5.py under /usr/bin/python3, whose sqlite3 has FTS5).
//!
//! Sizes: FENGONG_BENCH_SEARCH_TASKS (default "10000,100000,1000000"). Scratch space:
//! FENGONG_BENCH_DIR (default the temp folder). Not a test: the figures depend on the machine.

use fengong_generate::{Config, Generator};
use fengong_search::{Document, Duty, Filter, Index, Plan, Query, Task, Vocabulary};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

#[path = "../../../benches/common/mod.rs"]
mod common;
use common::{env_list, machine};

/// Topics as users search them: single words, two words, official short forms, phrases a
/// generated plan holds and some it does not.
const QUERIES: &[&str] = &[
    "数据共享",
    "数字政府",
    "营商环境",
    "乡村振兴",
    "养老服务",
    "数字经济 平台",
    "放管服",
    "双创",
    "自由贸易",
    "人才 引进",
    "生态环境保护",
    "安全生产",
    "一网通办",
    "义务教育 学校",
    "低空经济",
    "量子计算",
    "交通 基础设施",
    "医疗卫生",
    "城市更新",
    "科技创新",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (percentile(v, 0.5), percentile(v, 0.99))
}

/// Documents of generated plans, parsed, until `tasks` tasks.
fn corpus(g: &Generator, tasks: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut total = 0;
    let mut next = 0;
    while total < tasks {
        let batch: Vec<Document> = (next..next + 256)
            .into_par_iter()
            .filter_map(|i| {
                let d = g.document(i);
                let parsed = fengong_parse::parse_bytes(&d.file, d.text.as_bytes()).ok()?;
                let plan = format!("https://w3id.org/fengong/id/plan/{}", d.file);
                let title = parsed.document.title.clone().unwrap_or_default();
                let year = parsed.document.year;
                let place = parsed.document.jurisdiction.clone().unwrap_or_default();
                let tasks: Vec<Task> = parsed
                    .tasks
                    .iter()
                    .map(|t| {
                        let duties = [("lead", &t.lead), ("cooperate", &t.cooperate)]
                            .into_iter()
                            .flat_map(|(role, names)| {
                                // One agency per place and name, as the store keys them.
                                let place = place.clone();
                                names.iter().map(move |n| Duty {
                                    role: role.to_owned(),
                                    agency: format!(
                                        "https://w3id.org/fengong/id/agency/{place}/{n}"
                                    ),
                                    label: n.clone(),
                                    ..Duty::default()
                                })
                            })
                            .collect();
                        Task {
                            iri: format!("{plan}/task/{}", t.ordinal),
                            plan: plan.clone(),
                            plan_title: title.clone(),
                            year,
                            place: place.clone(),
                            cited: t.number.clone(),
                            number: t.number.clone(),
                            ordinal: t.ordinal as u64,
                            title: t.title.clone(),
                            text: t.text.clone(),
                            section: t.section.clone().unwrap_or_default(),
                            duties,
                        }
                    })
                    .collect();
                Some(Document {
                    graph: format!("https://w3id.org/fengong/graph/doc/{}", d.file),
                    stamp: d.file.clone(),
                    plans: vec![Plan {
                        iri: plan,
                        title,
                        year,
                        place,
                        tasks: tasks.len(),
                    }],
                    tasks,
                })
            })
            .collect();
        next += 256;
        for d in batch {
            if total >= tasks {
                break;
            }
            total += d.tasks.len();
            docs.push(d);
        }
    }
    docs
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| {
                    let m = e.metadata().ok();
                    if m.as_ref().is_some_and(|m| m.is_dir()) {
                        dir_size(&e.path())
                    } else {
                        m.map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    // `cargo bench` passes --bench; nothing else is taken.
    let sizes = env_list("FENGONG_BENCH_SEARCH_TASKS", "10000,100000,1000000");
    let scratch = std::env::var_os("FENGONG_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("fengong-bench-search-{}", std::process::id()));
    let generator = Generator::new(Config::default());
    let vocabulary = Vocabulary::with(std::iter::empty());
    let mut report = String::new();
    let _ = writeln!(
        report,
        "# Full-text search at scale\n\nMachine: {}. Generated by `benches/run.sh` (`cargo bench -p fengong-search --bench search`).\n\n\
         Each tier: generated plans parsed into tasks; the index built from them (one writer thread and commits of \
         200 documents, as `ingest` builds it; the lexicon's official forms as user words, no registry; time \
         excludes parsing); then the {} queries of `benches/search.rs` (words, two-word queries, \
         official short forms, and words no plan holds), each run 5 times warm, p50 and p99 over all runs:\n\n\
         - **index**: `fengong-search`, the first page of 20 hits with snippets (what `fengong search` and the \
         explorer show), and the total count;\n\
         - **topic scan**: what `ask` did before the index: every task's text held in memory and scored by \
         character pairs (`fengong_search::scan::search`);\n\
         - **FTS5 trigram**: SQLite's full-text index with its trigram tokenizer on the same texts (title, text, \
         section, plan title), `MATCH` with the query's words as phrases, 20 rows by `bm25()` and the count \
         (benches/fts5.py).\n",
        machine(),
        QUERIES.len()
    );
    let _ = writeln!(
        report,
        "| tasks | index build | index size | index p50 / p99 | topic scan p50 / p99 | FTS5 build | FTS5 size | FTS5 p50 / p99 |\n|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut pages = Vec::new();
    for &n in &sizes {
        let tier = scratch.join(format!("t{n}"));
        let _ = std::fs::remove_dir_all(&tier);
        std::fs::create_dir_all(&tier).expect("scratch folder");
        eprintln!("search bench: {n} tasks: generating and parsing");
        let docs = corpus(&generator, n);
        let tasks: usize = docs.iter().map(|d| d.tasks.len()).sum();

        eprintln!("search bench: {tasks} tasks: building the index");
        let dir = tier.join("index");
        let t = Instant::now();
        let index = Index::open(&dir, &vocabulary).expect("index opens");
        for chunk in docs.chunks(200) {
            index.update(&[], chunk, false).expect("index update");
        }
        let build = t.elapsed().as_secs_f64();
        let size = dir_size(&dir) as f64 / 1_048_576.0;

        let mut times = Vec::new();
        for _ in 0..5 {
            for q in QUERIES {
                let t = Instant::now();
                let found = index
                    .search(&Query {
                        text: (*q).to_owned(),
                        top: 20,
                        ..Query::default()
                    })
                    .expect("search");
                std::hint::black_box(found.total);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        let (ip50, ip99) = ms(&mut times);

        // The first page of the agency that leads the most tasks: the page of 50 alone, then
        // with the whole answer's plan count in the same pass, as `ask_page` reads it.
        let mut leads: std::collections::HashMap<&str, usize> = Default::default();
        for d in docs.iter().flat_map(|d| &d.tasks).flat_map(|t| &t.duties) {
            if d.role == "lead" {
                *leads.entry(d.agency.as_str()).or_default() += 1;
            }
        }
        let (busiest, _) = leads
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .unwrap_or_default();
        let filter = Filter {
            agencies: vec![busiest.to_owned()],
            roles: vec!["lead".to_owned()],
            ..Filter::default()
        };
        let (mut first, mut whole) = (Vec::new(), Vec::new());
        let mut led_tasks = 0;
        for round in 0..110 {
            let t = Instant::now();
            let (page, total) = index.page(&filter, 0, 50).expect("page");
            let a = t.elapsed().as_secs_f64() * 1000.0;
            let t = Instant::now();
            let (same, same_total, plans) = index
                .page_and_plans(&filter, 0, 50)
                .expect("page and plans");
            let b = t.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(plans);
            assert_eq!(page.len(), 50.min(total));
            assert_eq!((same.len(), same_total), (page.len(), total));
            led_tasks = total;
            if round >= 10 {
                first.push(a);
                whole.push(b);
            }
        }
        let (fp50, fp99) = ms(&mut first);
        let (wp50, wp99) = ms(&mut whole);
        let short = busiest.rsplit("/agency/").next().unwrap_or(busiest);
        pages.push(format!(
            "| {tasks} | {short} | {led_tasks} | {fp50:.2} / {fp99:.2} ms | {wp50:.2} / {wp99:.2} ms |"
        ));

        // The topic scan: every run reads all texts; at a million tasks a few queries do.
        let searched: Vec<fengong_search::scan::Searched> = docs
            .iter()
            .flat_map(|d| &d.tasks)
            .map(|t| fengong_search::scan::Searched {
                title: &t.title,
                text: &t.text,
                section: &t.section,
            })
            .collect();
        let scan_queries = if tasks > 200_000 { 5 } else { QUERIES.len() };
        let mut scan = Vec::new();
        for q in &QUERIES[..scan_queries] {
            let t = Instant::now();
            std::hint::black_box(fengong_search::scan::search(q, &searched).len());
            scan.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let (sp50, sp99) = ms(&mut scan);
        drop(searched);

        // FTS5 on the same texts, in a process of its own.
        let tsv = tier.join("tasks.tsv");
        {
            let mut out = String::new();
            for t in docs.iter().flat_map(|d| &d.tasks) {
                let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    clean(&t.title),
                    clean(&t.text),
                    clean(&t.section),
                    clean(&t.plan_title)
                );
            }
            std::fs::write(&tsv, out).expect("texts for FTS5");
        }
        drop(docs);
        let queries = tier.join("queries.txt");
        std::fs::write(&queries, QUERIES.join("\n")).expect("queries");
        let fts = Command::new("/usr/bin/python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../benches/fts5.py"
            ))
            .arg(&tsv)
            .arg(&queries)
            .arg(tier.join("fts5.db"))
            .output();
        let fts_cells = match fts {
            Ok(o) if o.status.success() => {
                let s = String::from_utf8_lossy(&o.stdout);
                let v: Vec<&str> = s.split_whitespace().collect();
                match v.as_slice() {
                    [build, size, p50, p99] => format!("{build} s | {size} MiB | {p50} / {p99} ms"),
                    _ => "— | — | —".into(),
                }
            }
            Ok(o) => {
                eprintln!("fts5.py: {}", String::from_utf8_lossy(&o.stderr));
                "failed | — | —".into()
            }
            Err(e) => {
                eprintln!("/usr/bin/python3: {e}");
                "no python3 | — | —".into()
            }
        };
        let _ = writeln!(
            report,
            "| {tasks} | {build:.1} s | {size:.0} MiB | {ip50:.2} / {ip99:.2} ms | {sp50:.0} / {sp99:.0} ms{} | {fts_cells} |",
            if scan_queries < QUERIES.len() {
                format!(" ({scan_queries} queries)")
            } else {
                String::new()
            }
        );
        eprintln!("search bench: {report}");
        let _ = std::fs::remove_dir_all(&tier);
    }
    let _ = writeln!(
        report,
        "\n## A page of an agency's duties\n\n\
         The agency that leads the most tasks in each tier (one agency per place and name, as \
         the store keys them): its first 50 lead tasks in answer order (newest plans first), \
         read with `Index::page` as `fengong ask`, `fengong agency` and the explorer's agency \
         page read them, 100 times after 10 to warm up; then the same page with the whole \
         answer's plan count, in one pass (`Index::page_and_plans`, what `ask` reads). The rest of a page (the name lookup, the line of renames \
         and the agency's label, from the store) is timed whole in `scale.md`.\n\n\
         | tasks | agency | its lead tasks | first page p50 / p99 | page and plan count p50 / p99 |\n|---:|---|---:|---:|---:|"
    );
    for p in &pages {
        let _ = writeln!(report, "{p}");
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/bench/search.md");
    std::fs::write(out, report).expect("docs/bench/search.md");
    println!("wrote {out}");
}
