//! Ingest throughput and lookup latency: `cargo bench --bench ingest`.
//!
//! Ingests the seed corpus copied under distinct names (FENGONG_BENCH_COPIES, default 200
//! copies = 1,000 documents) into an on-disk store, one transaction per document as
//! `fengong ingest` does, and prints tasks/s and triples/s. Then loads the very same quads
//! (exported as N-Quads) into a fresh store with Oxigraph's own bulk loader, and prints the
//! ratio. Then times a single-agency lookup (`queries/agency-leads.rq`), warm, p50 and p99.
//! Not a test: the figures depend on the machine.

use fengong::rdf::Source;
use fengong::store::Store;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::QueryResults;
use std::time::Instant;

fn main() {
    let copies: usize = std::env::var("FENGONG_BENCH_COPIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = std::env::temp_dir().join(format!("fengong-bench-ingest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);

    // Parse first: this benchmark is about writing the graph.
    let mut docs = Vec::new();
    for k in 0..copies {
        for (name, bytes) in fengong::corpus::DEFAULT {
            let key = format!("{k:05}-{name}");
            let doc = fengong::parse_bytes(&key, bytes).expect("seed parses");
            let source = Source {
                key: key.clone(),
                path: key,
                sha256: fengong::store::sha256(bytes),
                byte_size: bytes.len() as u64,
            };
            docs.push((doc, source));
        }
    }
    let tasks: usize = docs.iter().map(|(d, _)| d.tasks.len()).sum();

    let store = Store::open(&dir.join("fengong")).expect("store opens");
    let start = Instant::now();
    let mut quads = 0;
    for (doc, source) in &docs {
        quads += store.ingest(doc, source).expect("ingest").quads;
    }
    let ingest = start.elapsed().as_secs_f64();
    println!(
        "ingest: {} documents, {tasks} tasks, {quads} quads in {ingest:.2} s = {:.0} tasks/s, {:.0} triples/s",
        docs.len(),
        tasks as f64 / ingest,
        quads as f64 / ingest
    );

    let mut nquads = Vec::new();
    store
        .export(RdfFormat::NQuads, &mut nquads)
        .expect("export");
    let bulk_dir = dir.join("bulk");
    let bulk = oxigraph::store::Store::open(&bulk_dir).expect("store opens");
    let start = Instant::now();
    let mut loader = bulk.bulk_loader();
    loader
        .load_from_slice(RdfParser::from_format(RdfFormat::NQuads), &nquads)
        .expect("bulk load");
    loader.commit().expect("bulk load commits");
    let bulk_secs = start.elapsed().as_secs_f64();
    let loaded = bulk.len().expect("len");
    println!(
        "oxigraph bulk load of the same {loaded} quads: {bulk_secs:.2} s = {:.0} triples/s; fengong ingest takes {:.2}× as long",
        loaded as f64 / bulk_secs,
        ingest / bulk_secs
    );

    let sparql = include_str!("../queries/agency-leads.rq");
    let bind = vec![(
        "agencyName".to_owned(),
        Term::from(Literal::from("省政务服务和数据管理局")),
    )];
    let mut times = Vec::new();
    let mut rows = 0;
    store.flush().expect("flush");
    for _ in 0..20 {
        let start = Instant::now();
        let QueryResults::Solutions(solutions) = store.query(sparql, &bind).expect("query") else {
            unreachable!("a SELECT query")
        };
        rows = solutions.count();
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "single-agency lookup (agency-leads.rq, {rows} rows of {tasks} tasks), warm: p50 {:.1} ms, p99 {:.1} ms",
        pct(0.5),
        pct(0.99)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
