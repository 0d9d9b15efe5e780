//! Parse throughput next to OpenCC's own command on the same bytes:
//! `cargo bench -p fengong-generate --bench parse` (part of `benches/run.sh`).
//!
//! Writes `docs/bench/parse.md`. The anchor is `opencc -c t2s.json` converting the very texts
//! parsed here, concatenated into one file, which is the least any tool that reads traditional
//! script has to do; parsing also decodes, cleans, outlines and finds every duty.
//! Sizes in FENGONG_BENCH_PARSE_MB (default 1,10,100); FENGONG_BENCH_PARSE_ROUNDS best-of (3).
//! `--profile MB` parses MB of text on one core in a loop for a profiler, and writes nothing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use fengong_generate::{Config, Generator};
use rayon::prelude::*;

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn texts(generator: &Generator, mb: usize) -> (Vec<(String, String)>, usize) {
    let mut texts = Vec::new();
    let (mut bytes, mut i) = (0usize, 0usize);
    while bytes < mb * 1_000_000 {
        let d = generator.document(i);
        bytes += d.text.len();
        texts.push((d.file, d.text));
        i += 1;
    }
    (texts, bytes)
}

fn parse_all(texts: &[(String, String)]) -> usize {
    texts
        .iter()
        .map(|(f, s)| fengong_parse::parse_bytes(f, s.as_bytes()).map_or(0, |d| d.tasks.len()))
        .sum()
}

fn best<F: FnMut()>(rounds: usize, mut f: F) -> f64 {
    (0..rounds.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Best-of wall time of `opencc -c t2s.json -i FILE -o /dev/null`, or why it could not run.
fn opencc(file: &Path, rounds: usize) -> Result<f64, String> {
    let mut times = Vec::new();
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        let out = Command::new("opencc")
            .args(["-c", "t2s.json", "-i"])
            .arg(file)
            .args(["-o", "/dev/null"])
            .output()
            .map_err(|e| format!("opencc: {e} (Debian: apt-get install opencc)"))?;
        if !out.status.success() {
            return Err(format!(
                "opencc failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        times.push(t.elapsed().as_secs_f64());
    }
    Ok(times.into_iter().fold(f64::INFINITY, f64::min))
}

fn opencc_version() -> String {
    Command::new("opencc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .and_then(|s| {
            s.split_whitespace()
                .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let generator = Generator::new(Config::default());
    if let Some(i) = args.iter().position(|a| a == "--profile") {
        let mb = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(10);
        let (texts, bytes) = texts(&generator, mb);
        for _ in 0..3 {
            let t = Instant::now();
            let tasks = parse_all(&texts);
            let s = t.elapsed().as_secs_f64();
            println!(
                "{tasks} tasks, {:.1} MB in {s:.3} s: {:.1} MB/s",
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / s
            );
        }
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let report: PathBuf = std::env::var_os("FENGONG_BENCH_REPORT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("docs/bench/parse.md"));
    let rounds = env_list("FENGONG_BENCH_PARSE_ROUNDS", "3")
        .first()
        .copied()
        .unwrap_or(3);
    let scratch = std::env::temp_dir().join(format!("fengong-parse-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    let cores = rayon::current_num_threads();
    let version = opencc_version();
    let mut md = String::new();
    let _ = writeln!(md, "# Parsing next to script conversion alone\n");
    let _ = writeln!(
        md,
        "Produced by `cargo bench -p fengong-generate --bench parse` (part of `benches/run.sh`) on \
         {cores} cores. Texts come from `fengong gen-corpus --seed 1` (plans of {} jurisdictions in \
         six layouts, 10% traditional script, 30% with web-page noise), held in memory.\n\n\
         - **parse**: `fengong_parse::parse_bytes` on every document: bytes → decoded, cleaned, \
         simplified text → outline → duties → `ParsedDocument`; on one core, then on {cores} \
         (documents spread over cores as `fengong parse` and `ingest` spread files);\n\
         - **OpenCC**: `opencc -c t2s.json` (OpenCC {version}, Debian's command) converting the same \
         texts, concatenated into one file, to simplified script and nothing else; one process, \
         which converts on one core.\n\nEach time is the best of {rounds} rounds.\n",
        generator.jurisdictions()
    );
    let _ = writeln!(
        md,
        "| text | documents | tasks | parse, one core | MB/s | parse, {cores} cores | MB/s | OpenCC t2s | parse / OpenCC, one core | {cores} cores |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut verdicts = Vec::new();
    for mb in env_list("FENGONG_BENCH_PARSE_MB", "1,10,100") {
        let (texts, bytes) = texts(&generator, mb);
        let mut tasks = 0;
        let one = best(rounds, || tasks = parse_all(&texts));
        let all = best(rounds, || {
            let _: usize = texts
                .par_iter()
                .map(|(f, s)| {
                    fengong_parse::parse_bytes(f, s.as_bytes()).map_or(0, |d| d.tasks.len())
                })
                .sum();
        });
        let file = scratch.join(format!("{mb}.txt"));
        let mut joined = String::with_capacity(bytes + texts.len());
        for (_, s) in &texts {
            joined.push_str(s);
            joined.push('\n');
        }
        std::fs::write(&file, joined).expect("write the texts for opencc");
        let cc = opencc(&file, rounds);
        let _ = std::fs::remove_file(&file);
        let mbs = bytes as f64 / 1e6;
        let (cc_cell, r1, r2) = match &cc {
            Ok(s) => (
                format!("{:.0} ms", s * 1e3),
                format!("**{:.2}×**", one / s),
                format!("{:.2}×", all / s),
            ),
            Err(e) => (format!("not run: {e}"), "-".into(), "-".into()),
        };
        println!(
            "{mbs:.0} MB: parse {:.0} ms one core, {:.0} ms all; opencc {cc_cell}",
            one * 1e3,
            all * 1e3
        );
        let _ = writeln!(
            md,
            "| {mbs:.0} MB | {} | {tasks} | {:.0} ms | {:.1} | {:.0} ms | {:.1} | {cc_cell} | {r1} | {r2} |",
            texts.len(),
            one * 1e3,
            mbs / one,
            all * 1e3,
            mbs / all
        );
        if let Ok(s) = cc {
            verdicts.push((mbs, one / s, all / s));
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let _ = writeln!(md, "\n## Target\n");
    if verdicts.is_empty() {
        let _ = writeln!(
            md,
            "- Parse in at most half of OpenCC's time: not measured (no `opencc`)."
        );
    }
    let verdict = |r: f64| if r <= 0.5 { "met" } else { "**missed**" };
    for (mbs, one, all) in verdicts {
        let _ = writeln!(
            md,
            "- Parse {mbs:.0} MB in at most half of OpenCC's time on the same bytes: on {cores} \
             cores, as `fengong parse` and `ingest` run, {all:.2}× — {}; on one core {one:.2}× — {}.",
            verdict(all),
            verdict(one)
        );
    }
    std::fs::write(&report, md).expect("write the report");
    println!("report: {}", report.display());
}
