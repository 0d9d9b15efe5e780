//! `fengong serve` under load, next to Oxigraph's own server: `cargo bench --bench serve`.
//! Writes docs/bench/serve.md.
//!
//! A store of generated plans (FENGONG_BENCH_SERVE_TASKS tasks, default 100,000) is served by
//! `fengong serve` and by `oxigraph serve-read-only` (`pip install oxigraph`, the same Oxigraph
//! version) on 127.0.0.1. FENGONG_BENCH_CLIENTS clients (16) send requests back to back for
//! FENGONG_BENCH_SECS seconds (60) each run; every run stops by itself:
//! 1. fengong, a mix of agency pages, asks and SPARQL queries (a third each);
//! 2. fengong, the SPARQL queries alone;
//! 3. Oxigraph, the same SPARQL queries (prefixes declared, union default graph).
//!
//! Requests/s, latency p50/p99/max and errors (any status but 200, or a cut body) per run.
//! Not a test: the figures depend on the machine, which the report states; the clients share
//! its cores with the server.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "common/mod.rs"]
mod common;
use common::{env_list, machine, write_corpus};

const FENGONG: &str = env!("CARGO_BIN_EXE_fengong");

/// A server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_listening(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn fengong_serve(store: &Path, port: u16, clients: usize) -> Server {
    let mut child = Command::new(FENGONG)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .args(["--max-queries", &clients.to_string(), "--timeout", "30"])
        .arg("--store")
        .arg(store)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fengong serve starts");
    // Its log is read and dropped, so that a full pipe never stalls it.
    if let Some(err) = child.stderr.take() {
        std::thread::spawn(move || for _ in BufReader::new(err).lines() {});
    }
    wait_listening(port, "fengong serve");
    Server(child)
}

fn oxigraph_serve(store: &Path, port: u16) -> Option<Server> {
    let child = Command::new("oxigraph")
        .args([
            "serve-read-only",
            "--union-default-graph",
            "--timeout-s",
            "30",
        ])
        .arg("--location")
        .arg(store)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    wait_listening(port, "oxigraph serve-read-only");
    Some(Server(child))
}

/// One run's figures.
struct Figures {
    requests: usize,
    errors: usize,
    secs: f64,
    /// Microseconds, sorted.
    latencies: Vec<u64>,
    first_error: Option<String>,
}

impl Figures {
    fn pct(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        let k = ((self.latencies.len() - 1) as f64 * p).round() as usize;
        self.latencies[k] as f64 / 1000.0
    }
}

/// `clients` threads sending the requests of `paths` round-robin (each from its own offset)
/// until `secs` have passed; a request counts once its whole body is read.
fn load(base: &str, paths: &[String], clients: usize, secs: f64) -> Figures {
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let errors = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let base = base.to_owned();
            let paths = paths.to_vec();
            let errors = errors.clone();
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(60)))
                    .build()
                    .into();
                let mut lat = Vec::new();
                let mut first_error = None;
                let mut k = c * 7919;
                while Instant::now() < deadline {
                    let path = &paths[k % paths.len()];
                    k += 1;
                    let t = Instant::now();
                    let outcome = agent
                        .get(format!("{base}{path}"))
                        .header("Accept", "application/sparql-results+json, text/html;q=0.9")
                        .call()
                        .map_err(|e| e.to_string())
                        .and_then(|mut r| {
                            let status = r.status().as_u16();
                            let body = r
                                .body_mut()
                                .with_config()
                                .limit(64 * 1024 * 1024)
                                .read_to_vec()
                                .map_err(|e| e.to_string())?;
                            if status == 200 && !body.is_empty() {
                                Ok(())
                            } else {
                                Err(format!(
                                    "{status}: {}",
                                    String::from_utf8_lossy(&body)
                                        .chars()
                                        .take(200)
                                        .collect::<String>()
                                ))
                            }
                        });
                    lat.push(t.elapsed().as_micros() as u64);
                    if let Err(e) = outcome {
                        errors.fetch_add(1, Ordering::Relaxed);
                        first_error.get_or_insert(format!("{path}: {e}"));
                    }
                }
                (lat, first_error)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut first_error = None;
    for h in handles {
        let (l, e) = h.join().expect("client thread");
        latencies.extend(l);
        if first_error.is_none() {
            first_error = e;
        }
    }
    latencies.sort_unstable();
    Figures {
        requests: latencies.len(),
        errors: errors.load(Ordering::Relaxed),
        secs: started.elapsed().as_secs_f64(),
        latencies,
        first_error,
    }
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The SPARQL of the load, for an agency's label: its lead tasks with their plans, and the
/// agencies it shares tasks with, counted — what an agency page asks, written by hand.
fn sparql(label: &str) -> [String; 2] {
    [
        format!(
            "SELECT ?task ?title ?plan WHERE {{ ?a <http://www.w3.org/2004/02/skos/core#prefLabel> \"{label}\"@zh . \
             ?a <https://w3id.org/fengong/ns#leads> ?task . ?task <http://purl.org/dc/terms/title> ?title ; \
             <https://w3id.org/fengong/ns#partOfPlan> ?plan }} LIMIT 200"
        ),
        format!(
            "SELECT ?other (COUNT(DISTINCT ?task) AS ?n) WHERE {{ ?a <http://www.w3.org/2004/02/skos/core#prefLabel> \"{label}\"@zh . \
             ?m <http://www.w3.org/ns/org#member> ?a ; <http://www.w3.org/ns/org#organization> ?task . \
             ?m2 <http://www.w3.org/ns/org#organization> ?task ; <http://www.w3.org/ns/org#member> ?other . \
             FILTER(?other != ?a) }} GROUP BY ?other ORDER BY DESC(?n) LIMIT 20"
        ),
    ]
}

fn main() {
    let tasks = env_list("FENGONG_BENCH_SERVE_TASKS", "100000")
        .first()
        .copied()
        .unwrap_or(100_000);
    let clients = env_list("FENGONG_BENCH_CLIENTS", "16")
        .first()
        .copied()
        .unwrap_or(16);
    let secs = env_list("FENGONG_BENCH_SECS", "60")
        .first()
        .copied()
        .unwrap_or(60) as f64;
    let root = std::env::var_os("FENGONG_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("fengong-bench-serve-{tasks}"));
    let store = root.join("store");
    let corpus = root.join("corpus");
    let generator = fengong_generate::Generator::new(fengong_generate::Config::default());
    let _ = std::fs::remove_dir_all(&root);
    let (docs, total, leads) = write_corpus(&generator, tasks, &corpus);
    let t = Instant::now();
    let ingested = Command::new(FENGONG)
        .arg("ingest")
        .arg(corpus.join("plans"))
        .arg("--store")
        .arg(&store)
        .stdout(Stdio::null())
        .status()
        .expect("fengong ingest runs");
    assert!(ingested.success(), "ingest failed");
    let ingest_secs = t.elapsed().as_secs_f64();
    eprintln!("{docs} documents, {total} tasks ingested in {ingest_secs:.0} s");

    // Agencies the load asks about: leads of sampled documents, as their place writes them.
    let mut names: Vec<String> = leads
        .iter()
        .map(|(place, name)| fengong_registry::qualified(place, name))
        .collect();
    names.sort();
    names.dedup();
    names.truncate(200);

    let port = free_port();
    let server = fengong_serve(&store, port, clients);
    let base = format!("http://127.0.0.1:{port}");
    // Labels of those agencies, as the store has them (SPARQL matches labels exactly).
    let agent = ureq::agent();
    let mut labels = Vec::new();
    for n in &names {
        let q = format!(
            "SELECT ?l WHERE {{ ?a skos:altLabel|skos:prefLabel \"{n}\"@zh ; skos:prefLabel ?l }} LIMIT 1"
        );
        if let Ok(mut r) = agent
            .get(format!("{base}/query?format=csv&query={}", encode(&q)))
            .call()
        {
            if let Ok(body) = r.body_mut().read_to_string() {
                if let Some(l) = body.lines().nth(1) {
                    labels.push(l.trim().to_owned());
                }
            }
        }
    }
    labels.sort();
    labels.dedup();
    assert!(!labels.is_empty(), "no agency label found for the load");
    // The first page of each kind, cold: the network and plan list are built on first use.
    let cold = |path: &str| {
        let t = Instant::now();
        let ok = agent.get(format!("{base}{path}")).call().is_ok();
        (t.elapsed().as_secs_f64(), ok)
    };
    let (home_cold, _) = cold("/");
    let (agency_cold, _) = cold(&format!("/agency?name={}", encode(&labels[0])));

    let sparql_paths: Vec<String> = labels
        .iter()
        .flat_map(|l| sparql(l))
        .map(|q| format!("/query?query={}", encode(&q)))
        .collect();
    let mut mixed = Vec::new();
    for (k, l) in labels.iter().enumerate() {
        mixed.push(format!("/agency?name={}", encode(l)));
        mixed.push(format!("/ask?q={}", encode(&format!("{l}牵头哪些任务?"))));
        mixed.push(sparql_paths[(2 * k) % sparql_paths.len()].clone());
    }
    eprintln!("fengong, mixed: {clients} clients, {secs} s");
    let f_mixed = load(&base, &mixed, clients, secs);
    eprintln!("fengong, SPARQL: {clients} clients, {secs} s");
    let f_sparql = load(&base, &sparql_paths, clients, secs);
    drop(server);

    let oxi_port = free_port();
    let oxi = oxigraph_serve(&store, oxi_port);
    let f_oxi = oxi.as_ref().map(|_| {
        eprintln!("Oxigraph, SPARQL: {clients} clients, {secs} s");
        load(
            &format!("http://127.0.0.1:{oxi_port}"),
            &sparql_paths,
            clients,
            secs,
        )
    });
    let oxi_version = Command::new("oxigraph")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    drop(oxi);

    let mut md = String::new();
    let _ = writeln!(md, "# `fengong serve` under load\n");
    let _ = writeln!(
        md,
        "`cargo bench --bench serve` on {}. A store of {total} generated tasks ({docs} documents, \
         ingested in {ingest_secs:.0} s); {clients} clients on the same machine send requests back to \
         back for {secs:.0} s per run over keep-alive connections to 127.0.0.1. Errors are any status \
         but 200 or a body not read whole. The SPARQL requests are two queries per agency, for {} \
         agencies (its lead tasks with their plans, LIMIT 200; the agencies it shares tasks with, \
         counted, top 20); the mixed load adds, for the same agencies, its page (`/agency`, with its \
         ego diagram) and the answer to “X牵头哪些任务?” (`/ask`), a third each.\n",
        machine(),
        labels.len()
    );
    let _ = writeln!(
        md,
        "First requests, before any cache: home page {:.2} s (the plan list), first agency page {:.2} s (the whole network read and analysed once).\n",
        home_cold, agency_cold
    );
    let _ = writeln!(
        md,
        "| server | load | requests | requests/s | p50 ms | p99 ms | max ms | errors |\n|---|---|---:|---:|---:|---:|---:|---:|"
    );
    let mut row = |server: &str, load: &str, f: &Figures| {
        let _ = writeln!(
            md,
            "| {server} | {load} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {} |",
            f.requests,
            f.requests as f64 / f.secs,
            f.pct(0.5),
            f.pct(0.99),
            f.latencies.last().copied().unwrap_or(0) as f64 / 1000.0,
            f.errors
        );
    };
    row("fengong serve", "agency pages, asks, SPARQL", &f_mixed);
    row("fengong serve", "SPARQL", &f_sparql);
    match &f_oxi {
        Some(f) => row(
            &format!("Oxigraph {oxi_version} serve-read-only"),
            "SPARQL",
            f,
        ),
        None => {
            let _ = writeln!(
                md,
                "| Oxigraph serve-read-only | SPARQL | not run: `oxigraph` not found (pip install oxigraph) | | | | | |"
            );
        }
    }
    for (what, f) in [
        ("mixed", Some(&f_mixed)),
        ("SPARQL", Some(&f_sparql)),
        ("Oxigraph", f_oxi.as_ref()),
    ] {
        if let Some(e) = f.and_then(|f| f.first_error.as_ref()) {
            let _ = writeln!(md, "\nFirst error ({what}): `{e}`");
        }
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bench/serve.md");
    std::fs::write(&out, &md).expect("report written");
    print!("{md}");
    let _ = std::fs::remove_dir_all(&root);
}
