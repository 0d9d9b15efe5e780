//! What the benchmarks share: the machine they state, how they read their sizes, corpora.
// Each benchmark uses a part.
#![allow(dead_code)]

/// Cores, CPU model and memory, from /proc (Linux).
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or_else(|| "?".into(), |kb| format!("{:.0} GiB", kb / 1048576.0));
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "?".into());
    format!("{cores} cores ({cpu}), {mem} memory")
}

/// A comma-separated list of sizes from an environment variable (underscores allowed:
/// "10_000"), or `default`.
pub fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_owned())
        .split(',')
        .filter_map(|s| s.trim().replace('_', "").parse().ok())
        .collect()
}

/// Generates documents until `tasks` tasks, writing them under `dir/plans`; returns the
/// documents' (jurisdiction, lead name as written) pairs for lookups and the task count.
pub fn write_corpus(
    g: &fengong_generate::Generator,
    tasks: usize,
    dir: &std::path::Path,
) -> (usize, usize, Vec<(String, String)>) {
    let (n, total, leads, _) = write_corpus_counted(g, tasks, dir);
    (n, total, leads)
}

/// Documents and tasks written, the sampled (jurisdiction, lead) pairs, and the busiest lead
/// with its number of tasks.
pub type Written = (
    usize,
    usize,
    Vec<(String, String)>,
    ((String, String), usize),
);

/// As [`write_corpus`], also naming the agency (jurisdiction, name as written) that leads the
/// most tasks, with their number.
pub fn write_corpus_counted(
    g: &fengong_generate::Generator,
    tasks: usize,
    dir: &std::path::Path,
) -> Written {
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).expect("corpus folder");
    let (mut n, mut total, mut leads) = (0usize, 0usize, Vec::new());
    let mut counts: std::collections::HashMap<(String, String), usize> = Default::default();
    while total < tasks {
        let d = g.document(n);
        total += d.gold.tasks.len();
        for t in &d.gold.tasks {
            for l in &t.lead {
                *counts
                    .entry((d.gold.document.jurisdiction.clone(), l.clone()))
                    .or_default() += 1;
            }
        }
        if n % 97 == 0 {
            for t in d.gold.tasks.iter().take(2) {
                for l in &t.lead {
                    leads.push((d.gold.document.jurisdiction.clone(), l.clone()));
                }
            }
        }
        std::fs::write(plans.join(&d.file), d.text).expect("corpus file");
        n += 1;
    }
    let busiest = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or_default();
    (n, total, leads, busiest)
}
