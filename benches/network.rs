//! Network measures on a large synthetic network, next to NetworkX (and rustworkx where
//! installed) on the very same graph: `cargo bench --bench network`.
//!
//! The network is generated as the store would deliver it (duties of tasks in plans): agencies
//! in jurisdictions, a few very active ones (activity is Zipf-distributed), tasks led by one
//! agency (sometimes two, sometimes a jointly responsible group) with up to eight cooperators,
//! mostly from the same jurisdiction. Sizes: FENGONG_BENCH_AGENCIES (default 2,000) and
//! FENGONG_BENCH_TASKS (default 6 per agency). Deterministic for FENGONG_BENCH_SEED.
//!
//! fengong's times come from `measures::analyse` (one run, after one warm-up run); the
//! Python side times each NetworkX call once on the exported GraphML, then checks every value
//! (tests/networkx_check.py). The report goes to docs/bench/network.md (FENGONG_BENCH_REPORT
//! to change it) and standard output. Not a test: figures depend on the machine.

use fengong::network::export::{self, Which};
use fengong::network::measures::{analyse, Settings};
use fengong::network::{self, Agency, Duty, Filter, Plan, Role, Source, Weighting};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;
use common::machine;

/// SplitMix64: small, deterministic, good enough to draw a benchmark network.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / ((1u64 << 53) as f64) < p
    }
}

/// Picks from `items` with probability ∝ 1/(rank+1) (Zipf, s = 1) via a cumulative table.
struct Zipf {
    cumulative: Vec<f64>,
}
impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut acc = 0.0;
        Zipf {
            cumulative: (0..n)
                .map(|r| {
                    acc += 1.0 / (r as f64 + 1.0);
                    acc
                })
                .collect(),
        }
    }
    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative.partition_point(|&c| c < x)
    }
}

fn synthetic(agencies: usize, tasks: usize, seed: u64) -> Source {
    let mut rng = Rng(seed);
    let jurisdictions = (agencies / 40).max(1);
    let mut s = Source::default();
    // Agencies: jurisdiction j holds a shuffled block; each block has its own Zipf ranking.
    let mut by_jurisdiction: Vec<Vec<String>> = vec![Vec::new(); jurisdictions];
    for a in 0..agencies {
        let j = a % jurisdictions;
        let iri = format!("https://w3id.org/fengong/id/agency/j{j}/a{a}");
        s.agencies.insert(
            iri.clone(),
            Agency {
                iri: iri.clone(),
                label: format!("机构{a:05}"),
                jurisdiction: Some(format!("j{j}")),
                kind: "GovernmentDepartment".into(),
                collective: false,
            },
        );
        by_jurisdiction[j].push(iri);
    }
    let plans_per_jurisdiction = 3;
    for j in 0..jurisdictions {
        for y in 0..plans_per_jurisdiction {
            let iri = format!("https://w3id.org/fengong/id/plan/j{j}/p{y}");
            s.plans.insert(
                iri.clone(),
                Plan {
                    iri,
                    key: format!("j{j}/p{y}"),
                    title: format!("j{j} {} 年工作要点", 2022 + y),
                    year: Some(2022 + y as i32),
                    jurisdiction: Some(format!("j{j}")),
                },
            );
        }
    }
    let zipf: Vec<Zipf> = by_jurisdiction.iter().map(|v| Zipf::new(v.len())).collect();
    let global = Zipf::new(agencies);
    let all: Vec<&String> = s.agencies.keys().collect();
    let mut duties = Vec::new();
    for t in 0..tasks {
        let j = rng.below(jurisdictions);
        let plan = format!(
            "https://w3id.org/fengong/id/plan/j{j}/p{}",
            rng.below(plans_per_jurisdiction)
        );
        let task = format!("{plan}/task/{t}");
        let pick = |rng: &mut Rng| -> String {
            // One in five comes from anywhere: cross-jurisdiction work.
            if rng.chance(0.2) {
                all[global.draw(rng)].clone()
            } else {
                by_jurisdiction[j][zipf[j].draw(rng)].clone()
            }
        };
        let (lead_role, leads) = if rng.chance(0.1) {
            (Role::CoResponsible, 2 + rng.below(3))
        } else if rng.chance(0.1) {
            (Role::Lead, 2)
        } else {
            (Role::Lead, 1)
        };
        for _ in 0..leads {
            let agency = pick(&mut rng);
            duties.push(Duty {
                task: task.clone(),
                plan: plan.clone(),
                agency,
                role: lead_role,
            });
        }
        for _ in 0..rng.below(9) {
            let agency = pick(&mut rng);
            duties.push(Duty {
                task: task.clone(),
                plan: plan.clone(),
                agency,
                role: Role::Cooperate,
            });
        }
    }
    s.duties = duties;
    s
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let agencies = env("FENGONG_BENCH_AGENCIES", 2000);
    let tasks = env("FENGONG_BENCH_TASKS", agencies * 6);
    let seed = env("FENGONG_BENCH_SEED", 1) as u64;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report: PathBuf = std::env::var_os("FENGONG_BENCH_REPORT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("docs/bench/network.md"));

    let source = synthetic(agencies, tasks, seed);
    let t = Instant::now();
    let net = network::build(&source, &Filter::default());
    let build = t.elapsed().as_secs_f64();
    let settings = Settings::default();
    let _warm = analyse(&net, &settings);
    let t = Instant::now();
    let a = analyse(&net, &settings);
    let total = t.elapsed().as_secs_f64();
    println!(
        "network: {} agencies, {} tasks, {} arcs, {} ties; built in {build:.3} s; all measures in {total:.3} s",
        net.nodes.len(),
        net.tasks,
        net.arcs.len(),
        net.ties.len()
    );

    // Diagrams: the top 100 agencies with neato, all of them with sfdp, both to SVG.
    let mut renders = Vec::new();
    let dir0 = std::env::temp_dir().join(format!("fengong-bench-diagram-{}", std::process::id()));
    std::fs::create_dir_all(&dir0).expect("temp dir");
    for (top, layout) in [
        (Some(100), fengong::diagram::LayoutEngine::Neato),
        (None, fengong::diagram::LayoutEngine::Sfdp),
    ] {
        let shown = top.unwrap_or(net.nodes.len()).min(net.nodes.len());
        let t = Instant::now();
        let g = fengong::diagram::one_mode(
            &net,
            &a,
            &fengong::diagram::Options {
                ego: None,
                top,
                min_weight: 1,
                size_by: fengong::network::measures::Measure::Strength,
                color: fengong::diagram::ColorBy::Community,
                title: format!("benchmark, {shown} agencies"),
            },
        );
        let out = dir0.join(format!("n{shown}.svg"));
        match fengong::diagram::render(&g, layout, &out) {
            Ok(()) => {
                let secs = t.elapsed().as_secs_f64();
                println!("diagram: {shown} agencies with {layout:?} in {secs:.2} s");
                renders.push(format!("| {shown} | {layout:?} | {secs:.2} |"));
            }
            Err(e) => renders.push(format!("| {shown} | {layout:?} | not rendered: {e} |")),
        }
    }
    let _ = std::fs::remove_dir_all(&dir0);

    // The same graph for NetworkX.
    let dir = std::env::temp_dir().join(format!("fengong-bench-network-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = |n: &str| dir.join(n);
    for (which, name) in [
        (Which::Directed, "directed.graphml"),
        (Which::CoResponsibility, "coresp.graphml"),
    ] {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path(name)).expect("create"));
        export::write(
            &mut f,
            &net,
            which,
            export::Format::Graphml,
            Weighting::Count,
            None,
            false,
        )
        .expect("write graphml");
    }
    let rank = json!({
        "settings": settings,
        "modularity": a.modularity,
        "agencies": (0..net.nodes.len()).map(|i| a.agency_json(&net, i)).collect::<Vec<_>>(),
    });
    std::fs::write(path("rank.json"), rank.to_string()).expect("write rank");

    let script = root.join("tests/networkx_check.py");
    let py = Command::new("python3")
        .arg(&script)
        .arg("--files")
        .arg(path("directed.graphml"))
        .arg(path("coresp.graphml"))
        .arg(path("rank.json"))
        .arg("--time")
        .output();
    let (nx, agreement): (Option<Value>, String) = match py {
        Ok(o) if o.status.code() == Some(77) => (None, "NetworkX not installed: skipped".into()),
        Ok(o) => {
            let out = String::from_utf8_lossy(&o.stdout);
            let timings = out
                .lines()
                .last()
                .and_then(|l| serde_json::from_str(l).ok());
            let verdict = if o.status.success() {
                "every value agrees with NetworkX to 1e-6".to_owned()
            } else {
                format!(
                    "DISAGREES with NetworkX:\n{}",
                    String::from_utf8_lossy(&o.stderr)
                )
            };
            (timings, verdict)
        }
        Err(e) => (None, format!("python3 not runnable ({e}): skipped")),
    };
    println!("{agreement}");
    let rx = Command::new("python3")
        .arg(root.join("benches/rustworkx_times.py"))
        .arg(path("directed.graphml"))
        .arg(path("coresp.graphml"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .last()
                .and_then(|l| serde_json::from_str::<Value>(l).ok())
        });

    let ours: BTreeMap<&str, f64> = a
        .timings
        .iter()
        .map(|(n, d)| (*n, d.as_secs_f64()))
        .collect();
    let mut md = String::new();
    md.push_str("# Network measures: fengong next to NetworkX and rustworkx\n\n");
    md.push_str(&format!(
        "Produced by `cargo bench --bench network` (FENGONG_BENCH_AGENCIES={agencies}, \
         FENGONG_BENCH_TASKS={tasks}, FENGONG_BENCH_SEED={seed}) on {}.\n\n",
        machine()
    ));
    md.push_str(&format!(
        "Synthetic network: {} agencies in {} jurisdictions, {} tasks → {} directed arcs, {} \
         co-responsibility ties. Building it from duties took {build:.3} s; all measures {total:.3} s. \
         Settings: PageRank α = {}, power-iteration tolerance {:e}, ties weighted by task count, \
         Louvain γ = {}.\n\n",
        net.nodes.len(),
        (agencies / 40).max(1),
        net.tasks,
        net.arcs.len(),
        net.ties.len(),
        settings.alpha,
        settings.tolerance,
        settings.resolution
    ));
    md.push_str(&format!("Correctness on this graph: {agreement}.\n\n"));
    let nx_version = nx
        .as_ref()
        .and_then(|v| v["networkx"].as_str())
        .unwrap_or("-");
    let rx_version = rx
        .as_ref()
        .and_then(|v| v["rustworkx"].as_str())
        .unwrap_or("-");
    md.push_str(&format!(
        "| measure | fengong (s) | NetworkX {nx_version} (s) | NetworkX / fengong | rustworkx {rx_version} (s) | rustworkx / fengong |\n|---|---:|---:|---:|---:|---:|\n"
    ));
    let secs = |v: &Option<Value>, k: &str| v.as_ref().and_then(|v| v["seconds"][k].as_f64());
    for (name, t) in &ours {
        if *name == "counts and degrees" {
            continue;
        }
        let cell = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{x:.4}"));
        let ratio = |x: Option<f64>| {
            x.map_or_else(|| "-".to_owned(), |x| format!("{:.0}×", x / t.max(1e-9)))
        };
        let (n, r) = (secs(&nx, name), secs(&rx, name));
        md.push_str(&format!(
            "| {name} | {t:.4} | {} | {} | {} | {} |\n",
            cell(n),
            ratio(n),
            cell(r),
            ratio(r)
        ));
        println!(
            "{name:<22} fengong {t:>9.4} s   networkx {:>9}   ratio {:>6}   rustworkx {:>9}",
            cell(n),
            ratio(n),
            cell(r)
        );
    }
    md.push_str(
        "\nfengong's unweighted betweenness uses rustworkx-core, which runs in parallel on all cores \
         (set RAYON_NUM_THREADS=1 for a single-core figure); NetworkX is single-threaded. \
         rustworkx has no weighted betweenness or Louvain in its Python API, \
         so those cells are empty. Times are one run each, after one warm-up run on the fengong side.\n",
    );
    md.push_str(
        "\n## Diagram rendering\n\n`fengong diagram` on the same network (graph built by graphviz-rust, laid out and \
         written as SVG by Graphviz's `dot`), all edges of at least one task:\n\n| agencies | layout | seconds |\n|---:|---|---:|\n",
    );
    for r in &renders {
        md.push_str(r);
        md.push('\n');
    }
    if let Some(parent) = report.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    std::fs::write(&report, md).expect("write report");
    println!("report: {}", report.display());
    let _ = std::fs::remove_dir_all(&dir);
}
