//! Network measures on large synthetic networks, next to NetworkX (and rustworkx where
//! installed) on the very same graphs: `cargo bench --bench network`.
//!
//! The network is generated as the store would deliver it (duties of tasks in plans): agencies
//! in jurisdictions, a few very active ones (activity is Zipf-distributed), tasks led by one
//! agency (sometimes two, sometimes a jointly responsible group) with up to eight cooperators,
//! mostly from the same jurisdiction. Sizes: FENGONG_BENCH_AGENCIES (default
//! "1000,10000,50000"), six tasks per agency. Deterministic for FENGONG_BENCH_SEED.
//!
//! fengong's times come from `measures::analyse_sampled` (one run, after a warm-up run up to
//! 10,000 agencies); the Python side times each NetworkX call once on the exported GraphML,
//! then checks every value (tests/networkx_check.py). The all-pairs measures (betweenness,
//! closeness) are quadratic: above FENGONG_BENCH_NX_FULL agencies (2,000) NetworkX's run
//! from FENGONG_BENCH_SAMPLE sources (100) and their time is scaled to all sources, above
//! FENGONG_BENCH_FULL (10,000) fengong's too; rustworkx's, which cannot sample, run up to
//! FENGONG_BENCH_RX_FULL agencies (10,000). Diagrams are drawn from the first network with
//! 2,000 agencies or more. The report goes to docs/bench/network.md (FENGONG_BENCH_REPORT to
//! change it) and standard output. Not a test: figures depend on the machine.

use fengong_network::export::{self, Which};
use fengong_network::measures::{analyse_sampled, Settings};
use fengong_network::{self as network, Agency, Duty, Filter, Plan, Role, Source, Weighting};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;
use common::{env_list, machine};

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
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Python's answer for one network: its timings (seconds per measure), its version, and
/// how many sources the all-pairs measures ran from (None: all).
struct Python {
    version: String,
    seconds: Value,
    sample: Option<u64>,
}

fn python(args: &[&std::ffi::OsStr]) -> (Option<Python>, Option<String>) {
    let out = Command::new("python3").args(args).output();
    match out {
        Ok(o) if o.status.code() == Some(77) => (None, None),
        Ok(o) => {
            let last: Option<Value> = String::from_utf8_lossy(&o.stdout)
                .lines()
                .last()
                .and_then(|l| serde_json::from_str(l).ok());
            let py = last.map(|v| Python {
                version: v["networkx"]
                    .as_str()
                    .or(v["rustworkx"].as_str())
                    .or(v["igraph"].as_str())
                    .unwrap_or("?")
                    .to_owned(),
                sample: v["sample"].as_u64(),
                seconds: v["seconds"].clone(),
            });
            let problem =
                (!o.status.success()).then(|| String::from_utf8_lossy(&o.stderr).trim().to_owned());
            (py, problem)
        }
        Err(e) => (None, Some(format!("python3 not runnable: {e}"))),
    }
}

/// The quadratic measures, timed from a sample of sources on large networks.
const ALL_PAIRS: [&str; 4] = [
    "betweenness",
    "betweenness_weighted",
    "closeness",
    "closeness_weighted",
];

/// One network size: fengong's timings, NetworkX's and rustworkx's, and what the check found.
struct Tier {
    agencies: usize,
    tasks: usize,
    arcs: usize,
    ties: usize,
    build: f64,
    total: f64,
    ours: Vec<(&'static str, f64)>,
    /// fengong's all-pairs measures ran from a sample of sources (times scaled).
    ours_sampled: bool,
    nx: Option<Python>,
    rx: Option<Python>,
    ig: Option<Python>,
    agreement: String,
}

fn main() {
    let sizes = env_list("FENGONG_BENCH_AGENCIES", "1000,10000,50000");
    let seed = env("FENGONG_BENCH_SEED", 1) as u64;
    let nx_full = env("FENGONG_BENCH_NX_FULL", 2000);
    let sample = env("FENGONG_BENCH_SAMPLE", 100);
    let full = env("FENGONG_BENCH_FULL", 10_000);
    let rx_full = env("FENGONG_BENCH_RX_FULL", 10_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report: PathBuf = std::env::var_os("FENGONG_BENCH_REPORT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("docs/bench/network.md"));
    let settings = Settings::default();
    let mut tiers = Vec::new();
    let mut renders = Vec::new();
    for &agencies in &sizes {
        let tasks = agencies * 6;
        let source = synthetic(agencies, tasks, seed);
        let t = Instant::now();
        let net = network::build(&source, &Filter::default());
        drop(source);
        let build = t.elapsed().as_secs_f64();
        if agencies <= full {
            let _warm = analyse_sampled(&net, &settings, None);
        }
        let ours_sampled = (net.nodes.len() > full).then_some(sample);
        let t = Instant::now();
        let a = analyse_sampled(&net, &settings, ours_sampled);
        let total = t.elapsed().as_secs_f64();
        println!(
            "network: {} agencies, {} tasks, {} arcs, {} ties; built in {build:.3} s; all measures in {total:.3} s",
            net.nodes.len(),
            net.tasks,
            net.arcs.len(),
            net.ties.len()
        );
        if renders.is_empty() && net.nodes.len() >= 2000 {
            renders = diagrams(&net, &a);
        }

        // The same graph for NetworkX and rustworkx.
        let dir = std::env::temp_dir().join(format!(
            "fengong-bench-network-{}-{agencies}",
            std::process::id()
        ));
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

        let (directed, coresp, rank) = (
            path("directed.graphml"),
            path("coresp.graphml"),
            path("rank.json"),
        );
        let script = root.join("tests/networkx_check.py");
        let sample_arg = sample.to_string();
        let mut args = vec![
            script.as_os_str(),
            "--files".as_ref(),
            directed.as_os_str(),
            coresp.as_os_str(),
            rank.as_os_str(),
            "--time".as_ref(),
        ];
        if agencies > nx_full {
            args.push("--sample".as_ref());
            args.push(sample_arg.as_ref());
        }
        let (nx, problem) = python(&args);
        let agreement = match (&nx, problem) {
            (_, Some(p)) if !p.is_empty() => format!("DISAGREES with NetworkX: {p}"),
            (None, _) => "NetworkX not installed: not checked".to_owned(),
            (Some(py), _) => match py.sample {
                Some(k) => format!(
                    "every value agrees with NetworkX to 1e-6 (closeness on {k} nodes; \
                     betweenness from {k} sources is an estimate, so not compared)"
                ),
                None => "every value agrees with NetworkX to 1e-6".to_owned(),
            },
        };
        println!("{agreement}");
        let rx_script = root.join("benches/rustworkx_times.py");
        let mut args = vec![
            rx_script.as_os_str(),
            directed.as_os_str(),
            coresp.as_os_str(),
        ];
        if agencies > rx_full {
            args.push("--no-all-pairs".as_ref());
        }
        let (rx, _) = python(&args);
        let ig_script = root.join("benches/igraph_times.py");
        let mut args = vec![
            ig_script.as_os_str(),
            directed.as_os_str(),
            coresp.as_os_str(),
        ];
        if agencies > nx_full {
            args.push("--sample".as_ref());
            args.push(sample_arg.as_ref());
        }
        let (ig, ig_problem) = python(&args);
        if let Some(p) = ig_problem.filter(|p| !p.is_empty()) {
            println!("igraph: {p}");
        }
        // Sampled all-pairs times are scaled to every source, as NetworkX's are.
        let all_sources = ours_sampled.map_or(1.0, |k| net.nodes.len() as f64 / k as f64);
        let ours = a
            .timings
            .iter()
            .filter(|(n, _)| *n != "counts and degrees")
            .map(|(n, d)| {
                let scale = if ALL_PAIRS.contains(n) {
                    all_sources
                } else {
                    1.0
                };
                (*n, d.as_secs_f64() * scale)
            })
            .collect();
        tiers.push(Tier {
            agencies: net.nodes.len(),
            tasks: net.tasks,
            arcs: net.arcs.len(),
            ties: net.ties.len(),
            build,
            total,
            ours,
            ours_sampled: ours_sampled.is_some(),
            nx,
            rx,
            ig,
            agreement,
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
    let md = render(
        &sizes,
        &tiers,
        &renders,
        &settings,
        seed,
        (nx_full, full, sample),
        rx_full,
    );
    print!("{md}");
    if let Some(parent) = report.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    std::fs::write(&report, md).expect("write report");
    println!("report: {}", report.display());
}

/// The top 100 agencies with neato, the top 2,000 with sfdp, both to SVG: table rows.
fn diagrams(net: &network::Network, a: &fengong_network::measures::Analysis) -> Vec<String> {
    let mut renders = Vec::new();
    let dir = std::env::temp_dir().join(format!("fengong-bench-diagram-{}", std::process::id()));
    let labels = fengong_diagram::labels(
        net,
        fengong_registry::Registry::embedded(),
        &std::collections::HashMap::new(),
    );
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (top, layout) in [
        (100, fengong_diagram::LayoutEngine::Neato),
        (2000, fengong_diagram::LayoutEngine::Sfdp),
    ] {
        let shown = top.min(net.nodes.len());
        let t = Instant::now();
        let g = fengong_diagram::one_mode(
            net,
            a,
            &fengong_diagram::Options {
                ego: None,
                top: Some(top),
                min_weight: 1,
                max_edges: None,
                size_by: fengong_network::measures::Measure::Strength,
                color: fengong_diagram::ColorBy::Community,
                title: format!("benchmark, {shown} agencies"),
                labels: &labels,
                links: &[],
            },
        );
        let out = dir.join(format!("n{shown}.svg"));
        match fengong_diagram::render(&g, layout, &out) {
            Ok(()) => {
                let secs = t.elapsed().as_secs_f64();
                println!("diagram: {shown} agencies with {layout:?} in {secs:.2} s");
                renders.push(format!(
                    "| {shown} of {} | {layout:?} | {secs:.2} |",
                    net.nodes.len()
                ));
            }
            Err(e) => renders.push(format!("| {shown} | {layout:?} | not rendered: {e} |")),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    renders
}

fn render(
    requested: &[usize],
    tiers: &[Tier],
    renders: &[String],
    settings: &Settings,
    seed: u64,
    (nx_full, full, sample): (usize, usize, usize),
    rx_full: usize,
) -> String {
    let sizes: Vec<String> = requested.iter().map(usize::to_string).collect();
    let mut md = String::new();
    md.push_str("# Network measures: fengong next to igraph, NetworkX and rustworkx\n\n");
    md.push_str(&format!(
        "Produced by `cargo bench --bench network` (part of `benches/run.sh`; \
         FENGONG_BENCH_AGENCIES={}, FENGONG_BENCH_SEED={seed}) on {}.\n\n",
        sizes.join(","),
        machine()
    ));
    md.push_str(&format!(
        "Synthetic networks shaped like the store's (40 agencies per jurisdiction, Zipf-distributed \
         activity, one task in five reaching across jurisdictions, six tasks per agency). Settings: \
         PageRank α = {}, power-iteration tolerance {:e}, ties weighted by task count, Louvain γ = {}.\n\n\
         | agencies | tasks | directed arcs | co-responsibility ties | build s | all measures s | check |\n\
         |---:|---:|---:|---:|---:|---:|---|\n",
        settings.alpha, settings.tolerance, settings.resolution
    ));
    for t in tiers {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {:.2} | {:.2} | {} |\n",
            t.agencies, t.tasks, t.arcs, t.ties, t.build, t.total, t.agreement
        ));
    }
    let nx_version = tiers
        .iter()
        .find_map(|t| t.nx.as_ref())
        .map_or("-", |p| p.version.as_str());
    let rx_version = tiers
        .iter()
        .find_map(|t| t.rx.as_ref())
        .map_or("-", |p| p.version.as_str());
    let ig_version = tiers
        .iter()
        .find_map(|t| t.ig.as_ref())
        .map_or("-", |p| p.version.as_str());
    md.push_str(&format!(
        "\n| measure | agencies | fengong s | igraph {ig_version} s | igraph / fengong | NetworkX {nx_version} s | NetworkX / fengong | rustworkx {rx_version} s | rustworkx / fengong |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    ));
    let mut slow = Vec::new();
    let mut behind_igraph = Vec::new();
    let names: Vec<&str> = tiers
        .first()
        .map(|t| t.ours.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    for name in names {
        for t in tiers {
            let Some(&(_, ours)) = t.ours.iter().find(|(n, _)| *n == name) else {
                continue;
            };
            let ours = ours.max(1e-6);
            let get = |p: &Option<Python>| p.as_ref().and_then(|p| p.seconds[name].as_f64());
            let pairs = ALL_PAIRS.contains(&name);
            let nx_scaled = t.nx.as_ref().is_some_and(|p| p.sample.is_some()) && pairs;
            let mark = if nx_scaled { "≈" } else { "" };
            let ours_mark = if t.ours_sampled && pairs { "≈" } else { "" };
            let (nx, rx, ig) = (get(&t.nx), get(&t.rx), get(&t.ig));
            let ig_scaled = t.ig.as_ref().is_some_and(|p| p.sample.is_some()) && pairs;
            let ig_mark = if ig_scaled { "≈" } else { "" };
            if let Some(x) = ig {
                if x < ours {
                    behind_igraph.push(format!(
                        "{name} at {} agencies (igraph {:.2}× fengong's speed)",
                        t.agencies,
                        ours / x
                    ));
                }
            }
            let cell = |x: Option<f64>, m: &str| {
                x.map_or_else(|| "-".to_owned(), |x| format!("{m}{x:.3}"))
            };
            let ratio = |x: Option<f64>, m: &str| {
                x.map_or_else(|| "-".to_owned(), |x| format!("{m}{:.0}×", x / ours))
            };
            // igraph is close enough that the ratio needs its decimals.
            let ratio_fine = |x: Option<f64>, m: &str| {
                x.map_or_else(|| "-".to_owned(), |x| format!("{m}{:.2}×", x / ours))
            };
            if let Some(x) = nx {
                if x / ours < 10.0 {
                    slow.push(format!(
                        "{name} at {} agencies ({:.1}×)",
                        t.agencies,
                        x / ours
                    ));
                }
            }
            md.push_str(&format!(
                "| {name} | {} | {ours_mark}{ours:.3} | {} | {} | {} | {} | {} | {} |\n",
                t.agencies,
                cell(ig, ig_mark),
                ratio_fine(ig, ig_mark),
                cell(nx, mark),
                ratio(nx, mark),
                cell(rx, ""),
                ratio(rx, "")
            ));
        }
    }
    md.push_str(&format!(
        "\nfengong's betweenness and closeness run their single-source searches in parallel on all \
         cores, as rustworkx's do; igraph (C) and NetworkX are single-threaded. ≈: above {nx_full} agencies \
         igraph's and NetworkX's betweenness and closeness ran from {sample} sources (closeness: of {sample} \
         nodes; igraph's `sources=` and `vertices=`), above {full} \
         fengong's too (`measures::analyse_sampled`), and the time is scaled by n / {sample}; both are \
         sums of independent single-source searches, so the scaled time is what a full run would take, \
         give or take the spread of search sizes. rustworkx \
         cannot sample, so its all-pairs measures ran up to {rx_full} agencies only; it has no weighted \
         betweenness or Louvain. igraph computes PageRank with PRPACK and HITS and eigenvector \
         centrality with ARPACK (its defaults), where fengong, NetworkX and rustworkx iterate to the \
         tolerance above. Every time is one run.\n\n"
    ));
    md.push_str(&match (
        tiers.iter().any(|t| t.ig.is_some()),
        behind_igraph.is_empty(),
    ) {
        (false, _) => {
            "Aim: faster than igraph at every measure — not measured (python-igraph missing).\n\n"
                .to_owned()
        }
        (true, true) => {
            "Aim: faster than igraph at every measure — met at every size.\n\n".to_owned()
        }
        (true, false) => format!(
            "Aim: faster than igraph at every measure — **not met** for {}.\n\n",
            behind_igraph.join(", ")
        ),
    });
    md.push_str(&match slow.is_empty() {
        true => "Target: every measure at least 10× faster than NetworkX — met at every size.\n"
            .to_owned(),
        false => format!(
            "Target: every measure at least 10× faster than NetworkX — **missed** for {}.\n",
            slow.join(", ")
        ),
    });
    md.push_str(
        "\n## Diagram rendering\n\n`fengong diagram` on the first network above of 2,000 agencies or more \
         (graph built by graphviz-rust, laid out and written as SVG by Graphviz), the top agencies by \
         strength and all their ties of at least one task:\n\n| agencies | layout | seconds |\n|---:|---|---:|\n",
    );
    for r in renders {
        md.push_str(r);
        md.push('\n');
    }
    md
}
