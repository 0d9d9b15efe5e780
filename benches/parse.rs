//! Parse throughput on a large input: `cargo bench --bench parse`.
//!
//! Builds ~N MB of text by repeating the seed corpus (simplified and traditional plans),
//! parses it as one document and as many, and prints MB/s and tasks/s. Not a test: the
//! figure depends on the machine.

use std::time::Instant;

fn main() {
    let mb: usize = std::env::var("FENGONG_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let docs: Vec<&[u8]> = fengong::corpus::DEFAULT.iter().map(|(_, b)| *b).collect();
    let corpus_len: usize = docs.iter().map(|d| d.len()).sum();
    let rounds = (mb * 1_000_000).div_ceil(corpus_len);

    // Many documents, as a corpus is parsed.
    let start = Instant::now();
    let (mut tasks, mut bytes) = (0usize, 0usize);
    for r in 0..rounds {
        for (i, d) in docs.iter().enumerate() {
            let parsed = fengong::parse_bytes(&format!("{r}-{i}.txt"), d).expect("seed parses");
            tasks += parsed.tasks.len();
            bytes += d.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "many documents: {:.1} MB in {:.2} s = {:.1} MB/s, {:.0} tasks/s ({} documents)",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        tasks as f64 / secs,
        rounds * docs.len()
    );

    // One large document: the simplified plan 003 repeated.
    let one: Vec<u8> = docs[3].repeat(rounds.max(1) * docs.len());
    let start = Instant::now();
    let parsed = fengong::parse_bytes("large.txt", &one).expect("large input parses");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "one large document: {:.1} MB in {:.2} s = {:.1} MB/s, {} tasks",
        one.len() as f64 / 1e6,
        secs,
        one.len() as f64 / 1e6 / secs,
        parsed.tasks.len()
    );
}
