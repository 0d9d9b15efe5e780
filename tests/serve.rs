//! `fengong serve` end to end: the real binary on 127.0.0.1 over a real on-disk store of the
//! embedded seed corpus, spoken to by clients fengong did not write — curl, Python's
//! SPARQLWrapper and rdflib, and headless Chromium through chromedriver. Expected values come
//! from the gold annotations (`tests/fixtures/gold`).

mod support;

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The seed corpus ingested once, by the binary, into a store every server of this file opens
/// read-only.
fn seed_store() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("fengong-serve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        support::ok(&support::fengong(&["ingest"], &dir));
        dir
    })
}

/// A `fengong serve` process on a free loopback port, killed when dropped; its log kept.
struct Server {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        Server::start_on(seed_store(), args)
    }

    fn start_on(store: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .env("FENGONG_STORE", store)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("fengong serve starts");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let mut seen = Vec::new();
        let base = loop {
            match lines.next() {
                Some(Ok(l)) => {
                    if let Some(rest) = l.split("listening on ").nth(1) {
                        break rest
                            .split_whitespace()
                            .next()
                            .unwrap_or("")
                            .trim_end_matches('/')
                            .to_owned();
                    }
                    seen.push(l);
                }
                _ => panic!("fengong serve stopped before listening: {seen:?}"),
            }
        };
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for l in lines.map_while(Result::ok) {
                sink.lock().unwrap().push(l);
            }
        });
        Server { child, base, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `curl ARGS`: status, content type and body.
fn curl(args: &[&str]) -> (u16, String, Vec<u8>) {
    let out = Command::new("curl")
        .args(["-sS", "-o", "-", "-w", "\n%{http_code} %{content_type}"])
        .args(args)
        .output()
        .expect("curl runs (Debian: apt-get install curl)");
    let mut body = out.stdout;
    let at = body
        .iter()
        .rposition(|&b| b == b'\n')
        .expect("curl's -w line");
    let tail = String::from_utf8_lossy(&body[at + 1..]).into_owned();
    body.truncate(at);
    let (status, ct) = tail.split_once(' ').unwrap_or((&tail, ""));
    (status.parse().unwrap_or(0), ct.to_owned(), body)
}

/// The gold annotation of the plan titled `title`.
fn gold(title: &str) -> Value {
    support::gold_documents()
        .into_iter()
        .find(|d| d["document"]["title"].as_str() == Some(title))
        .unwrap_or_else(|| panic!("gold of {title}"))
}

fn gold_titles(d: &Value) -> BTreeSet<String> {
    d["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["title"].as_str().expect("title").to_owned())
        .collect()
}

const PLAN_002: &str = "数字广东建设2024年工作要点";

#[test]
fn sparql_clients_read_every_result_format() {
    let s = Server::start(&[]);
    let out = Command::new(support::python(&["SPARQLWrapper", "rdflib"]))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/sparql_clients.py"
        ))
        .arg(s.url("/query"))
        .arg(PLAN_002)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the clients failed (pip install SPARQLWrapper rdflib):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let expected = gold_titles(&gold(PLAN_002));
    assert_eq!(expected.len(), 55);
    for format in ["json", "xml", "csv", "tsv", "turtle", "ntriples"] {
        let got: Vec<String> = v[format]
            .as_array()
            .unwrap_or_else(|| panic!("{format}: {v}"))
            .iter()
            .map(|t| t.as_str().unwrap_or("").to_owned())
            .collect();
        assert_eq!(got.len(), expected.len(), "{format}");
        assert_eq!(
            got.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{format}"
        );
    }
    assert_eq!(v["ntriples_type"], "application/n-triples");
    assert_eq!(v["ask"], true);
}

#[test]
fn the_endpoint_negotiates_describes_itself_and_refuses_what_it_should() {
    let s = Server::start(&["--cors", "http://example.org", "--max-rows", "1000"]);
    let q = s.url("/query");
    // A query as the body, and the content types by Accept.
    let body = "SELECT (COUNT(*) AS ?n) WHERE { ?t a fg:Task }";
    for (accept, ct) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("text/csv", "text/csv; charset=utf-8"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
        ),
    ] {
        let (status, got, _) = curl(&[
            "-H",
            &format!("Accept: {accept}"),
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            body,
            &q,
        ]);
        assert_eq!((status, got.as_str()), (200, ct), "{accept}");
    }
    // Tasks in the store: the gold's plans' tasks, and the articles' none.
    let tasks: usize = support::gold_documents()
        .iter()
        .map(|d| d["tasks"].as_array().map_or(0, Vec::len))
        .sum();
    let (_, _, csv) = curl(&[
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={body}"),
        &q,
    ]);
    assert_eq!(
        String::from_utf8_lossy(&csv).trim(),
        format!("n\r\n{tasks}")
    );

    // A result larger than --max-rows is refused, not cut; within it, it is whole.
    let all = "SELECT * WHERE { ?s ?p ?o }";
    let (status, _, msg) = curl(&["-G", "--data-urlencode", &format!("query={all}"), &q]);
    assert_eq!(
        status, 400,
        "too large is the request's to change, not forbidden"
    );
    assert!(String::from_utf8_lossy(&msg).contains("--max-rows"));
    let (status, _, rows) = curl(&[
        "-G",
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT ?s ?p WHERE { ?s ?p ?o } LIMIT 1000",
        &q,
    ]);
    assert_eq!(status, 200);
    assert_eq!(String::from_utf8_lossy(&rows).lines().count(), 1001);

    // Not acceptable, and said so with what is.
    let (status, _, msg) = curl(&[
        "-G",
        "-H",
        "Accept: image/png",
        "--data-urlencode",
        &format!("query={body}"),
        &q,
    ]);
    assert_eq!(status, 406);
    assert!(String::from_utf8_lossy(&msg).contains("application/sparql-results+json"));
    // A syntax error is the client's.
    let (status, _, msg) = curl(&["-G", "--data-urlencode", "query=SELECT WHERE {", &q]);
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&msg));

    // Read-only: updates are refused whichever way they come, and nothing changes.
    let insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> \"c\" }";
    let (status, _, _) = curl(&["--data-urlencode", &format!("update={insert}"), &q]);
    assert_eq!(status, 403);
    let (status, _, _) = curl(&[
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        insert,
        &q,
    ]);
    assert_eq!(status, 403);
    let (_, _, n) = curl(&[
        "-G",
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=ASK { <http://example.org/a> ?p ?o }",
        &q,
    ]);
    assert_eq!(String::from_utf8_lossy(&n).trim(), "false");
    // An update sent as a query is a syntax error, not a write.
    let (status, _, _) = curl(&["--data-urlencode", &format!("query={insert}"), &q]);
    assert_eq!(status, 400);

    // The service description, read by rdflib.
    let (status, ct, sd) = curl(&[&q]);
    assert_eq!((status, ct.as_str()), (200, "text/turtle; charset=utf-8"));
    let check = Command::new(support::python(&["rdflib"]))
        .args([
            "-c",
            "import sys, rdflib; g = rdflib.Graph(); g.parse(data=sys.stdin.read(), format='turtle'); \
             SD = rdflib.Namespace('http://www.w3.org/ns/sparql-service-description#'); \
             print(len(list(g.objects(None, SD.endpoint))), len(list(g.objects(None, SD.resultFormat))))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().expect("stdin").write_all(&sd)?;
            c.wait_with_output()
        })
        .expect("python3 runs");
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "1 6");

    // Limits: a long query string, a large body, a path outside the routes.
    let long = format!("query={}", "x".repeat(20_000));
    let (status, _, _) = curl(&[&format!("{q}?{long}")]);
    assert_eq!(status, 414);
    let big = std::env::temp_dir().join(format!("fengong-serve-big-{}", std::process::id()));
    std::fs::write(&big, vec![b'a'; 2 * 1024 * 1024]).expect("temp file");
    let (status, _, _) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        &format!("@{}", big.display()),
        &q,
    ]);
    let _ = std::fs::remove_file(&big);
    assert_eq!(status, 413);
    for path in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/etc/passwd",
        "/update",
    ] {
        let (status, _, _) = curl(&["--path-as-is", &s.url(path)]);
        assert_eq!(status, 404, "{path}");
    }

    // CORS for the origin allowed, and only for it.
    let headers = |origin: &str| {
        let out = Command::new("curl")
            .args([
                "-sS",
                "-D",
                "-",
                "-o",
                "/dev/null",
                "-H",
                &format!("Origin: {origin}"),
                "-G",
            ])
            .args(["--data-urlencode", "query=ASK {}", &q])
            .output()
            .expect("curl");
        String::from_utf8_lossy(&out.stdout).to_lowercase()
    };
    assert!(
        headers("http://example.org").contains("access-control-allow-origin: http://example.org")
    );
    assert!(!headers("http://elsewhere.org").contains("access-control-allow-origin"));

    // One log line per request.
    std::thread::sleep(Duration::from_millis(200));
    let log = s.log.lock().unwrap();
    assert!(
        log.iter().any(|l| l.contains("GET /query?… 406")),
        "{log:?}"
    );
    assert!(log.iter().any(|l| l.contains("POST /query 403")), "{log:?}");
}

/// The status of `GET path` on `base` (`http://127.0.0.1:PORT`), over a raw connection: many
/// clients at once without a process each.
fn status_of(base: &str, path: &str) -> u16 {
    get(base, path).0
}

#[test]
fn many_clients_at_once_wait_for_a_slot_instead_of_a_503() {
    // Default options: 8 queries run at once, the others wait.
    let s = Server::start(&[]);
    let path =
        "/query?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D";
    for (clients, each) in [(16, 10), (64, 4)] {
        let statuses: Vec<u16> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .map(|_| {
                    scope.spawn(|| {
                        (0..each)
                            .map(|_| status_of(&s.base, path))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("client"))
                .collect()
        });
        assert_eq!(statuses.len(), clients * each);
        let not_ok: Vec<&u16> = statuses.iter().filter(|s| **s != 200).collect();
        assert!(
            not_ok.is_empty(),
            "{clients} clients: {} answers not 200: {not_ok:?}",
            not_ok.len()
        );
    }
}

#[test]
fn sigterm_stops_the_server_after_answering() {
    let mut s = Server::start(&[]);
    let q = s.url("/query");
    let (status, _, _) = curl(&["-G", "--data-urlencode", "query=ASK {}", &q]);
    assert_eq!(status, 200);
    // What a service manager sends; `kill` is the shell's own, present wherever sh is.
    let pid = s.child.id().to_string();
    let sent = Command::new("sh")
        .args(["-c", &format!("kill -TERM {pid}")])
        .status()
        .expect("sh runs");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(st) = s.child.try_wait().expect("wait") {
            break st;
        }
        assert!(
            Instant::now() < deadline,
            "still running 20 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "a clean stop exits 0: {status:?}");
    std::thread::sleep(Duration::from_millis(200));
    let log = s.log.lock().unwrap();
    assert!(log.iter().any(|l| l.starts_with("stopped")), "{log:?}");
}

/// Every triple with every other: about 10⁹ rows on the seed store, far more than the timeout
/// lets finish. (Oxigraph checks its cancellation token as it reads the store, so a product of
/// products, which runs in memory between reads, would stop only at its next read.)
const CROSS_JOIN: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }";

#[test]
fn a_runaway_query_is_cut_off_with_an_error_status() {
    let s = Server::start(&["--timeout", "1"]);
    let started = Instant::now();
    let (status, _, body) = curl(&[
        "-G",
        "--data-urlencode",
        &format!("query={CROSS_JOIN}"),
        &s.url("/query"),
    ]);
    let took = started.elapsed();
    assert_eq!(status, 503, "{}", String::from_utf8_lossy(&body));
    assert!(String::from_utf8_lossy(&body).contains("--timeout"));
    assert!(took < Duration::from_secs(10), "{took:?}");
    // And the query itself stopped: its worker logs how it ended.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !s
        .log
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.starts_with("query ") && l.contains(" 503 "))
    {
        assert!(
            Instant::now() < deadline,
            "the query still runs: {:?}",
            s.log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_client_that_leaves_frees_its_query() {
    // One query at a time and a long timeout: the next query runs only if the first was
    // cancelled when its client went away.
    let s = Server::start(&["--timeout", "300", "--max-queries", "1"]);
    let q = s.url("/query");
    let (status, _, _) = curl(&[
        "--max-time",
        "1",
        "-G",
        "--data-urlencode",
        &format!("query={CROSS_JOIN}"),
        &q,
    ]);
    assert_eq!(status, 0, "curl gave up");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, _, _) = curl(&["-G", "--data-urlencode", "query=ASK {}", &q]);
        if status == 200 {
            break;
        }
        assert_eq!(status, 503, "busy, or free");
        assert!(
            Instant::now() < deadline,
            "the abandoned query still holds the only permit"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The task links of one role's table on an agency page.
fn duty_links(html: &str, role: &str) -> Vec<String> {
    let Some(start) = html.find(&format!("data-role=\"{role}\"")) else {
        return Vec::new();
    };
    let table = &html[start..];
    let table = &table[..table.find("</table>").unwrap_or(table.len())];
    table
        .split("<a class=\"task\" href=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn an_agency_page_turns_its_duties_a_page_at_a_time() {
    let s = Server::start(&[]);
    let led: usize = support::gold_documents()
        .iter()
        .flat_map(|d| d["tasks"].as_array().cloned().unwrap_or_default())
        .filter(|t| {
            t["lead"].as_array().is_some_and(|a| {
                a.iter()
                    .any(|n| n == "省政务服务数据管理局" || n == "省政务服务和数据管理局")
            })
        })
        .count();
    assert_eq!(
        led, 26,
        "the gold files give the data bureau 26 tasks to lead"
    );
    let page = |extra: &str| {
        let (status, _, body) = curl(&[&s.url(&format!(
            "/agency?name={}{extra}",
            encoded("省政务服务数据管理局")
        ))]);
        assert_eq!(status, 200, "{extra}");
        String::from_utf8(body).expect("UTF-8")
    };
    // All on one page by default: no page links.
    let whole = page("");
    assert_eq!(duty_links(&whole, "lead").len(), led);
    assert!(!whole.contains("rel=\"next\""));
    let mut seen = Vec::new();
    for (n, rows) in [(1, 10), (2, 10), (3, 6)] {
        let html = page(&format!("&role=lead&page={n}&per=10&lang=en"));
        let links = duty_links(&html, "lead");
        assert_eq!(links.len(), rows, "page {n}");
        let first = (n - 1) * 10 + 1;
        assert!(
            html.contains(&format!("showing {first}–{} / {led}", first + rows - 1)),
            "page {n}"
        );
        // The lead section's own links (other roles show their first page of 10 too).
        let start = html.find("id=\"lead\"").expect("lead section");
        let section = &html[start..];
        let section = &section[..section.find("</table>").unwrap_or(section.len())];
        assert_eq!(section.contains("rel=\"prev\""), n > 1, "page {n}");
        assert_eq!(section.contains("rel=\"next\""), n < 3, "page {n}");
        seen.extend(links);
    }
    // The pages hold the whole list, in its order, once.
    assert_eq!(seen, duty_links(&whole, "lead"));
    // The answer to the same question on /ask turns the same pages.
    let mut asked = Vec::new();
    for (n, rows) in [(1, 10), (2, 10), (3, 6)] {
        let (status, _, body) = curl(&[&s.url(&format!(
            "/ask?q={}&page={n}&per=10",
            encoded("省政务服务数据管理局牵头哪些任务")
        ))]);
        assert_eq!(status, 200);
        let html = String::from_utf8(body).expect("UTF-8");
        let links: Vec<String> = html
            .split("<a class=\"task\" href=\"")
            .skip(1)
            .filter_map(|t| t.split('"').next())
            .map(str::to_owned)
            .collect();
        assert_eq!(links.len(), rows, "/ask page {n}");
        assert!(
            html.contains("牵头 26 项任务"),
            "/ask page {n} counts the whole"
        );
        assert_eq!(html.contains("rel=\"prev\""), n > 1, "/ask page {n}");
        assert_eq!(html.contains("rel=\"next\""), n < 3, "/ask page {n}");
        asked.extend(links);
    }
    assert_eq!(
        asked, seen,
        "/ask lists what the agency page lists, in the same order"
    );
}

#[test]
fn a_plan_downloads_as_csv_with_its_roles() {
    let s = Server::start(&[]);
    let d = gold(PLAN_002);
    // The plan's IRI, from the endpoint.
    let (_, _, iri) = curl(&[
        "-G",
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!(
            "query=SELECT ?p WHERE {{ ?p dcterms:title ?t FILTER(STR(?t) = \"{PLAN_002}\") }}"
        ),
        &s.url("/query"),
    ]);
    let iri = String::from_utf8_lossy(&iri)
        .lines()
        .nth(1)
        .expect("a plan")
        .trim()
        .to_owned();
    let (status, ct, csv) = curl(&[
        "-G",
        "--data-urlencode",
        &format!("iri={iri}"),
        &s.url("/plan.csv"),
    ]);
    assert_eq!((status, ct.as_str()), (200, "text/csv; charset=utf-8"));
    let text = String::from_utf8(csv).expect("UTF-8");
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = text.lines();
    assert!(rows
        .next()
        .expect("header")
        .starts_with("ordinal,number,section,title,lead,"));
    let rows: Vec<&str> = rows.collect();
    assert_eq!(rows.len(), d["tasks"].as_array().expect("tasks").len());
    // Each task's agencies, as the gold has them, in the registry's full names (省公安厅 is
    // 广东省公安厅): every gold lead and cooperator of the first task is in its row.
    let first = rows[0];
    let t0 = &d["tasks"][0];
    assert!(
        first.contains(t0["title"].as_str().expect("title")),
        "{first}"
    );
    for role in ["lead", "cooperate"] {
        for n in t0[role].as_array().expect("names") {
            let n = n.as_str().expect("name");
            assert!(first.contains(n.trim_start_matches('省')), "{n} in {first}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The explorer in a real browser.

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
    _profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self._profile);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn chromedriver() -> Driver {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver runs (Debian: apt-get install chromium chromium-driver)");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile =
        std::env::temp_dir().join(format!("fengong-chromium-{}-{port}", std::process::id()));
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _profile: profile,
    }
}

/// A headless Chromium session through `driver`, with the flags this machine needs (no
/// background traffic, a fresh profile) and the window given.
async fn browser(driver: &Driver, window: &str, lang: &str) -> fantoccini::Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                format!("--window-size={window}"), format!("--lang={lang}"),
                format!("--user-data-dir={}", driver._profile.display()),
            ]
        }),
    );
    fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

#[test]
fn a_reader_clicks_from_the_home_page_to_the_source_of_a_task() {
    use fantoccini::Locator;
    let server = Server::start(&[]);
    let driver = chromedriver();
    // The lead tasks of the 省政务服务(和)数据管理局 lineage in the gold: 26.
    let expected = support::gold_documents()
        .iter()
        .flat_map(|d| d["tasks"].as_array().cloned().unwrap_or_default())
        .filter(|t| {
            t["lead"].as_array().is_some_and(|l| {
                l.iter().any(|n| {
                    n.as_str()
                        .is_some_and(|n| n.contains("政务服务") && n.contains("数据管理局"))
                })
            })
        })
        .count();
    assert_eq!(expected, 26);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let c = browser(&driver, "1280,1400", "zh-CN").await;
        let shot = |name: &'static str| {
            let c = c.clone();
            async move {
                let png = c.screenshot().await.expect("screenshot");
                std::fs::write(shots().join(name), png).expect("screenshot written");
            }
        };
        let text = |css: &'static str| {
            let c = c.clone();
            async move {
                c.find(Locator::Css(css))
                    .await
                    .unwrap_or_else(|e| panic!("{css}: {e}"))
                    .text()
                    .await
                    .expect("text")
            }
        };

        // Home: counts and the plans, in Chinese.
        c.goto(&server.url("/?lang=zh")).await.expect("home");
        assert!(text("h1").await.contains("任务分工"));
        let plans = c
            .find_all(Locator::Css("main table tbody tr"))
            .await
            .expect("plans");
        assert_eq!(plans.len(), 5);
        assert!(text("main table").await.contains(PLAN_002));
        shot("1-home.png").await;

        // Ask, by typing into the box.
        let q = c.find(Locator::Css("#question")).await.expect("ask box");
        q.send_keys("省政务服务数据管理局牵头哪些任务?")
            .await
            .expect("typed");
        c.find(Locator::Css("form.ask-box button"))
            .await
            .expect("button")
            .click()
            .await
            .expect("asked");
        c.wait()
            .for_element(Locator::Css("table.lines"))
            .await
            .expect("an answer");
        assert!(c.current_url().await.expect("url").path().ends_with("/ask"));
        let summary = text("div.summary").await;
        assert!(
            summary.contains(&format!("牵头 {expected} 项任务")),
            "{summary}"
        );
        let tasks: BTreeSet<String> = {
            let mut set = BTreeSet::new();
            for a in c
                .find_all(Locator::Css("table.lines tr.line[data-role=lead] a.task"))
                .await
                .expect("rows")
            {
                set.insert(a.attr("href").await.expect("href").unwrap_or_default());
            }
            set
        };
        assert_eq!(tasks.len(), expected);
        shot("2-ask.png").await;

        // The agency's page: its name, its lead tasks, its ego network.
        c.find(Locator::Css("a.subject"))
            .await
            .expect("agency link")
            .click()
            .await
            .expect("clicked");
        c.wait()
            .for_element(Locator::Css("table.duties[data-role=lead]"))
            .await
            .expect("agency page");
        assert!(text("h1").await.contains("政务服务"));
        let leads = c
            .find_all(Locator::Css("table.duties[data-role=lead] tbody tr"))
            .await
            .expect("lead rows");
        assert_eq!(leads.len(), expected);
        let nodes = c
            .find_all(Locator::Css(".diagram svg g.node"))
            .await
            .expect("diagram");
        assert!(nodes.len() > 1, "an ego network with partners");
        shot("3-agency.png").await;

        // A task it leads.
        c.find(Locator::Css("table.duties[data-role=lead] a.task"))
            .await
            .expect("task link")
            .click()
            .await
            .expect("clicked");
        c.wait()
            .for_element(Locator::Css("table.duties"))
            .await
            .expect("task page");
        let roles = text("table.duties").await;
        assert!(
            roles.contains("牵头") && roles.contains("政务服务"),
            "{roles}"
        );
        let title = text("h1").await;
        shot("4-task.png").await;

        // Its place in the plan's text.
        c.find(Locator::Css("a#source"))
            .await
            .expect("source link")
            .click()
            .await
            .expect("clicked");
        c.wait()
            .for_element(Locator::Css("#cited"))
            .await
            .expect("source view");
        let cited = text("#cited").await;
        let task_title = title.split_once(' ').map_or(title.as_str(), |(_, t)| t);
        let marked = text("div.source").await;
        assert!(marked.contains(task_title), "{task_title} in the text");
        assert!(!cited.is_empty());
        // The responsibility list marked apart names the agency.
        let responsibility = text("mark.responsibility").await;
        assert!(responsibility.contains("政务服务"), "{responsibility}");
        shot("5-source.png").await;

        // The same page in English.
        c.find(Locator::Css("a.lang"))
            .await
            .expect("switch")
            .click()
            .await
            .expect("clicked");
        c.wait()
            .for_element(Locator::Css("#cited"))
            .await
            .expect("source view in English");
        assert!(text("header nav").await.contains("Network"));
        c.close().await.expect("closed");
    });
}

#[test]
fn the_network_and_sparql_pages_work_offline_in_a_browser() {
    use fantoccini::Locator;
    let server = Server::start(&[]);
    let driver = chromedriver();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let c = browser(&driver, "1280,1100", "en-US").await;
        c.goto(&server.url("/network?year=2024&lang=en"))
            .await
            .expect("network");
        let nodes = c
            .find_all(Locator::Css(".diagram svg g.node"))
            .await
            .expect("nodes");
        assert!(nodes.len() > 5);
        // Nodes link to agency pages.
        let href = c
            .execute(
                "return document.querySelector('.diagram svg g.node a').getAttribute('xlink:href')",
                vec![],
            )
            .await
            .expect("a linked node");
        assert!(
            href.as_str()
                .is_some_and(|h| h.starts_with("/agency?name=")),
            "{href}"
        );
        // Names read at the size they open with, in view: labels at least 9 px high inside the
        // diagram's box (a 50-agency network fitted whole drew them at about 6).
        let seen = c
            .execute(
                "var box = document.querySelector('.diagram').getBoundingClientRect(); \
                 var shown = Array.from(document.querySelectorAll('.diagram svg g.node text')) \
                   .map(function (t) { return t.getBoundingClientRect(); }) \
                   .filter(function (r) { return r.bottom > box.top && r.top < box.bottom && r.right > box.left && r.left < box.right; }); \
                 return [shown.length, shown.length ? Math.min.apply(null, shown.map(function (r) { return r.height; })) : 0];",
                vec![],
            )
            .await
            .expect("labels in view");
        let (count, height) = (seen[0].as_f64().unwrap_or(0.0), seen[1].as_f64().unwrap_or(0.0));
        assert!(count >= 3.0 && height >= 9.0, "{count} labels in view, {height} px high");
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(shots().join("6-network.png"), png).expect("written");

        // The SPARQL editor, vendored: it runs its starting query against /query.
        c.goto(&server.url("/sparql?lang=en"))
            .await
            .expect("sparql page");
        c.wait()
            .for_element(Locator::Css(".yasqe"))
            .await
            .expect("the editor");
        c.find(Locator::Css(".yasqe_queryButton"))
            .await
            .expect("run button")
            .click()
            .await
            .expect("run");
        let cell = c
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(".yasr table tbody tr td"))
            .await
            .expect("a result table");
        assert!(!cell.text().await.expect("text").is_empty());
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(shots().join("7-sparql.png"), png).expect("written");
        c.close().await.expect("closed");
    });
    // Nothing but the server's own files was asked for: the editor loads nothing from outside.
    let log = server.log.lock().unwrap();
    assert!(
        log.iter()
            .any(|l| l.contains("GET /assets/yasgui.min.js 200")),
        "{log:?}"
    );
}

/// How many log lines of `s` contain `needle`.
fn logged(s: &Server, needle: &str) -> usize {
    s.log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains(needle))
        .count()
}

/// `clients` threads sending `paths` between them, each path once: every status.
fn all_at_once(base: &str, paths: &[String], clients: usize) -> Vec<(String, u16)> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(|| {
                    let mut got = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(p) = paths.get(i) else { break got };
                        got.push((p.clone(), status_of(base, p)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("client"))
            .collect()
    })
}

#[test]
fn network_pages_are_analysed_once_per_set_of_plans_however_they_are_asked() {
    let s = Server::start(&[]);
    // The plans' years, as the endpoint answers them.
    let (status, _, body) = curl(&[
        "-G",
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=SELECT DISTINCT ?y WHERE { ?g fg:describes ?p . ?p fg:year ?y }",
        &s.url("/query"),
    ]);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let years = String::from_utf8_lossy(&body).lines().skip(1).count();
    assert!(years >= 1, "{}", String::from_utf8_lossy(&body));
    // 200 different ranges: each reaches from before the first plan to a later and later
    // year, or is empty of plans; written 200 ways, they keep at most one set of plans per
    // pair of plan years, and the empty set.
    let paths: Vec<String> = (0..200)
        .map(|i| match i % 4 {
            0 => format!("/network?year={}-{}", 1900 - i, 2100 + i),
            1 => format!("/network?year={}-2100", 1000 + i),
            2 => format!("/network?year=1-{}", 2020 + i),
            _ => format!("/network?year={}-{}", 3000 + i, 3001 + i),
        })
        .collect();
    let started = Instant::now();
    let got = all_at_once(&s.base, &paths, 16);
    let bad: Vec<_> = got.iter().filter(|(_, st)| *st != 200).collect();
    assert!(bad.is_empty(), "{bad:?}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let analysed = logged(&s, "analysed the network");
    let bound = years * (years + 1) / 2 + 2;
    assert!(
        analysed <= bound,
        "{analysed} analyses for {years} plan years: {:?}",
        s.log.lock().unwrap()
    );
    // 50 clients asking for one new view at once: one analysis, one drawing.
    let before = logged(&s, "analysed the network");
    let drawn = logged(&s, "drew net:");
    let same: Vec<String> = (0..50)
        .map(|_| "/network?year=1-9999&top=37".into())
        .collect();
    let got = all_at_once(&s.base, &same, 50);
    assert!(got.iter().all(|(_, st)| *st == 200), "{got:?}");
    assert!(logged(&s, "analysed the network") - before <= 1);
    assert_eq!(
        logged(&s, "drew net:") - drawn,
        1,
        "{:?}",
        s.log.lock().unwrap()
    );
    // A plan that is not in the store is a 400, not a new key.
    assert_eq!(status_of(&s.base, "/network?plan=no-such-plan"), 400);
}

#[test]
fn a_page_that_outlives_the_timeout_is_an_error_page_not_a_hang() {
    let s = Server::start(&["--timeout", "0.001"]);
    let started = Instant::now();
    let (status, ct, body) = curl(&[&s.url("/network?year=1-9999&top=23")]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(status, 503, "{}", String::from_utf8_lossy(&body));
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(
        String::from_utf8_lossy(&body).contains("--timeout"),
        "{}",
        String::from_utf8_lossy(&body)
    );
}

/// The server's last log lines that are not about single requests.
fn tail(s: &Server) -> Vec<String> {
    let log = s.log.lock().unwrap();
    let mut kept: Vec<String> = log
        .iter()
        .filter(|l| !l.starts_with("query ") && !l.contains(" GET /"))
        .cloned()
        .collect();
    let n = kept.len();
    kept.drain(..n.saturating_sub(30));
    kept
}

/// `GET path` on `base` over a raw connection: the status and the body.
fn get(base: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let mut c = std::net::TcpStream::connect(host).expect("connects");
    c.set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        c,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n"
    )
    .expect("sends");
    let mut answer = Vec::new();
    let _ = c.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Generated plans (`fengong gen-corpus`) in `dir/plans`, with each one's task count from
/// its expected parse (`dir/gold`).
fn generated(dir: &Path, docs: usize) -> Vec<(PathBuf, usize)> {
    let _ = std::fs::remove_dir_all(dir);
    support::ok(&support::fengong(
        &[
            "gen-corpus",
            "--docs",
            &docs.to_string(),
            "--seed",
            "11",
            "-o",
            dir.to_str().expect("utf-8"),
        ],
        dir,
    ));
    let mut out = Vec::new();
    for i in 0..docs {
        let name = format!("{i:07}");
        let gold: Value = serde_json::from_slice(
            &std::fs::read(dir.join("gold").join(format!("{name}.json"))).expect("gold"),
        )
        .expect("gold json");
        let tasks = gold["tasks"].as_array().expect("tasks").len();
        out.push((dir.join("plans").join(format!("{name}.txt")), tasks));
    }
    out
}

const COUNT_TASKS: &str =
    "/query?query=SELECT%20(COUNT(%3Ft)%20AS%20%3Fn)%20WHERE%20%7B%20%3Ft%20a%20fg%3ATask%20%7D";

/// The number in a one-cell CSV result.
fn one_number(csv: &str) -> Option<usize> {
    csv.lines().nth(1)?.trim().parse().ok()
}

#[test]
fn a_watched_folder_is_ingested_while_clients_query_and_each_answer_is_a_whole_state() {
    let root = std::env::temp_dir().join(format!("fengong-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let mut docs = generated(&root.join("made"), 13);
    // The last stays out, to replace another later.
    let spare = docs.pop().expect("13 made");
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).expect("inbox");
    let store = root.join("store");
    let s = Server::start_on(&store, &["--watch", inbox.to_str().expect("utf-8")]);
    // Every total the clients may see: the tasks of some set of whole documents.
    let mut sums: BTreeSet<usize> = BTreeSet::from([0]);
    for (_, n) in &docs {
        let more: Vec<usize> = sums.iter().map(|s| s + n).collect();
        sums.extend(more);
    }
    let total: usize = docs.iter().map(|(_, n)| n).sum();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let answers: Vec<(String, u16, Option<usize>)> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..16)
            .map(|c| {
                let (s, stop) = (&s, &stop);
                scope.spawn(move || {
                    let mut got = Vec::new();
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        // Most ask the endpoint; some read pages that the store's changes renew.
                        let path = match c % 8 {
                            0 => "/network",
                            1 => "/",
                            _ => COUNT_TASKS,
                        };
                        let (status, body) = get(&s.base, path);
                        let n = (path == COUNT_TASKS).then(|| one_number(&body)).flatten();
                        got.push((path.to_owned(), status, n));
                    }
                    got
                })
            })
            .collect();
        // Files copied in as people copy them: written in place, one after another.
        for (file, _) in &docs {
            let name = file.file_name().expect("name");
            std::fs::copy(file, inbox.join(name)).expect("copy");
            std::thread::sleep(Duration::from_millis(150));
        }
        let deadline = Instant::now() + Duration::from_secs(90);
        while logged(&s, "watch: added") < docs.len() {
            assert!(
                Instant::now() < deadline,
                "not all ingested: {:?}",
                tail(&s)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        // And the last state is answered too.
        std::thread::sleep(Duration::from_millis(300));
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        clients
            .into_iter()
            .flat_map(|h| h.join().expect("client"))
            .collect()
    });
    let bad: Vec<_> = answers.iter().filter(|(_, st, _)| *st != 200).collect();
    assert!(
        bad.is_empty(),
        "{} of {} not 200: {bad:?}",
        bad.len(),
        answers.len()
    );
    let counts: Vec<usize> = answers.iter().filter_map(|(_, _, n)| *n).collect();
    assert!(counts.len() > 50, "{} counts", counts.len());
    let torn: Vec<&usize> = counts.iter().filter(|n| !sums.contains(n)).collect();
    assert!(
        torn.is_empty(),
        "totals no set of whole plans has: {torn:?}"
    );
    assert_eq!(counts.iter().max(), Some(&total));
    // The clients saw the store change under them, not only its first and last states.
    let states: BTreeSet<&usize> = counts.iter().collect();
    assert!(states.len() >= 3, "{states:?}");
    assert!(logged(&s, "watch: error") == 0, "{:?}", tail(&s));
    // A changed file replaces its document; an unchanged one is not read again.
    let (first, n_first) = &docs[0];
    std::fs::copy(&spare.0, inbox.join(first.file_name().expect("name"))).expect("copy");
    let deadline = Instant::now() + Duration::from_secs(30);
    while logged(&s, "watch: replaced") < 1 {
        assert!(Instant::now() < deadline, "{:?}", tail(&s));
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, body) = get(&s.base, COUNT_TASKS);
    assert_eq!(one_number(&body), Some(total - n_first + spare.1));
    assert_eq!(logged(&s, "watch: unchanged"), 0);
}

#[test]
fn killing_the_server_mid_ingest_leaves_every_document_whole_or_absent() {
    let root = std::env::temp_dir().join(format!("fengong-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let docs = generated(&root.join("made"), 60);
    let inbox = root.join("made").join("plans");
    let store = root.join("store");
    let mut s = Server::start_on(&store, &["--watch", inbox.to_str().expect("utf-8")]);
    // Killed as soon as the first documents are in, while the next are being written.
    let deadline = Instant::now() + Duration::from_secs(120);
    while logged(&s, "watch: added") == 0 {
        assert!(Instant::now() < deadline, "{:?}", tail(&s));
        std::thread::sleep(Duration::from_millis(5));
    }
    s.child.kill().expect("kill -9");
    let _ = s.child.wait();
    // Each document in the store has all its tasks, as its expected parse says.
    let expected: HashMap<String, usize> = docs
        .iter()
        .map(|(p, n)| {
            let key = p.file_name().expect("name").to_string_lossy().into_owned();
            (key, *n)
        })
        .collect();
    let out = support::ok(&support::fengong(
        &["query", PLAN_TASKS, "--format", "csv"],
        &store,
    ));
    let mut rows = csv_rows(&out);
    let header = rows.remove(0);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let (key, tasks) = (col("key"), col("n"));
    assert!(!rows.is_empty(), "the first batch is in");
    for r in &rows {
        let want = expected.get(&r[key]).unwrap_or_else(|| panic!("{r:?}"));
        assert_eq!(r[tasks].parse::<usize>().ok(), Some(*want), "{r:?}");
    }
    // And what was not written comes in with the next ingest.
    support::ok(&support::fengong(
        &["ingest", inbox.to_str().expect("utf-8")],
        &store,
    ));
    let out = support::ok(&support::fengong(
        &["query", PLAN_TASKS, "--format", "csv"],
        &store,
    ));
    assert_eq!(csv_rows(&out).len() - 1, docs.len());
}

/// Each document's key and task count.
const PLAN_TASKS: &str = "SELECT ?key (COUNT(?t) AS ?n) WHERE { ?g fg:describes ?p ; fg:sourceKey ?key . OPTIONAL { ?t fg:partOfPlan ?p } } GROUP BY ?key";

/// Rows of a CSV whose cells hold no quotes or commas (keys and counts).
fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(|c| c.trim().to_owned()).collect())
        .collect()
}

#[test]
fn the_example_questions_name_agencies_of_the_store_and_all_get_answers() {
    // A store of other provinces' plans (real2: none from Guangdong): examples that named the
    // seeds' 省政务服务数据管理局 would answer "no such agency" here.
    let dir = fresh_store("examples");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real2/docs");
    support::ok(&support::fengong(
        &["ingest", docs.to_str().expect("utf-8")],
        &dir,
    ));
    let s = Server::start_on(&dir, &[]);
    let (status, home) = get(&s.base, "/");
    assert_eq!(status, 200);
    assert!(!home.contains("省政务服务"), "examples from the seeds");
    let asked: Vec<String> = home
        .split("href=\"/ask?q=")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|q| format!("/ask?q={}", q.replace("&amp;", "&")))
        .collect();
    assert!(asked.len() >= 3, "{asked:?}");
    for path in asked {
        let (status, page) = get(&s.base, &path);
        assert_eq!(status, 200, "{path}");
        assert!(!page.contains("class=\"error\""), "{path} is refused");
    }
}

#[test]
fn a_corrected_task_s_page_says_who_corrected_it_why_and_what_the_parser_had_read() {
    let dir = fresh_store("corrected");
    let run = |args: &[&str]| support::ok(&support::fengong(args, &dir));
    run(&["ingest"]);
    // Seed 003's task (八) names 省科技厅、省教育厅、省工业和信息化厅 (tests/fixtures/gold).
    run(&[
        "correct",
        "003_86a82796624c70d7.txt",
        "(八)",
        "--lead",
        "省科技厅",
        "--cooperate",
        "省教育厅",
        "--reason",
        "checked against the signed copy",
        "--by",
        "tester",
    ]);
    let iri = run(&[
        "query",
        "--format",
        "tsv",
        "SELECT ?t WHERE { ?t fg:correctedBy ?c }",
    ]);
    let iri = iri
        .lines()
        .nth(1)
        .expect("the corrected task")
        .trim_matches(['<', '>'])
        .to_owned();
    let s = Server::start_on(&dir, &[]);
    let path = format!("/task?iri={}", iri.replace(':', "%3A").replace('/', "%2F"));
    let (status, page) = get(&s.base, &path);
    assert_eq!(status, 200, "{path}");
    assert!(page.contains('†'), "no mark");
    assert!(
        page.contains("checked against the signed copy"),
        "no reason"
    );
    assert!(page.contains("tester"), "no author");
}

/// An empty store folder of this test run.
fn fresh_store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
fn encoded(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn the_explorer_searches_tasks_shows_similar_ones_and_sparql_calls_the_index() {
    let s = Server::start(&[]);
    let q = "数据共享";
    let (status, body) = get(&s.base, &format!("/search?q={}", encoded(q)));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(&format!("<mark>{q}</mark>")), "words marked");
    let shown = body.matches("<li class=\"hit\">").count();
    assert!(shown >= 2, "several tasks hold {q}");
    // A traditional query finds the same tasks.
    let (_, trad) = get(&s.base, &format!("/search?q={}", encoded("數據共享")));
    assert_eq!(trad.matches("<li class=\"hit\">").count(), shown);
    // The first hit's task page lists similar tasks of other plans.
    let task = body
        .split("<a class=\"title\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a link to the first task")
        .replace("&amp;", "&");
    let (status, page) = get(&s.base, &task);
    assert_eq!(status, 200);
    assert!(
        page.contains("其他方案中的相近任务"),
        "a section of similar tasks"
    );
    // The SPARQL endpoint answers the search SERVICE with the same tasks the page lists.
    let sparql = format!(
        "SELECT ?task WHERE {{ SERVICE <https://w3id.org/fengong/search> {{ ?task fg:matches \"{q}\" ; fg:top 20 }} }}"
    );
    let url = format!("{}/query?query={}", s.base, encoded(&sparql));
    let (status, _, csv) = curl(&["-H", "Accept: text/csv", &url]);
    let csv = String::from_utf8_lossy(&csv);
    assert_eq!(status, 200, "{csv}");
    assert_eq!(
        csv.lines().skip(1).filter(|l| !l.trim().is_empty()).count(),
        shown
    );
}

/// The tasks of the plan titled `title`, counted by the endpoint, with the CSV it sent.
fn count_plan_tasks(s: &Server, accept: &str, title: &str) -> (String, Option<usize>) {
    let q = format!(
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t fg:partOfPlan ?p . ?p rdfs:label ?l FILTER(STR(?l) = \"{title}\") }}"
    );
    let (status, _, body) = curl(&[
        "-G",
        "-H",
        &format!("Accept: {accept}"),
        "--data-urlencode",
        &format!("query={q}"),
        &s.url("/query"),
    ]);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let body = String::from_utf8_lossy(&body).into_owned();
    let n = if accept == "text/csv" {
        one_number(&body)
    } else {
        let v: Value = serde_json::from_str(&body).expect("JSON results");
        v["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .and_then(|n| n.parse().ok())
    };
    (body, n)
}

/// Waits for the log to hold `n` lines with `needle` (it is written by a thread of its own).
fn wait_logged(s: &Server, needle: &str, n: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(5);
    while logged(s, needle) < n && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    logged(s, needle)
}

#[test]
fn a_query_asked_again_is_answered_from_the_kept_answer_and_only_then() {
    let tasks = gold(PLAN_002)["tasks"].as_array().expect("tasks").len();
    let s = Server::start(&[]);
    let (first, n) = count_plan_tasks(&s, "text/csv", PLAN_002);
    assert_eq!(n, Some(tasks));
    assert_eq!(wait_logged(&s, "query kept", 0), 0);
    let (again, _) = count_plan_tasks(&s, "text/csv", PLAN_002);
    assert_eq!(again, first);
    assert_eq!(wait_logged(&s, "query kept 200", 1), 1, "{:?}", tail(&s));
    // Another format is another answer: evaluated, and it says the same.
    let (_, n) = count_plan_tasks(&s, "application/sparql-results+json", PLAN_002);
    assert_eq!(n, Some(tasks));
    // The time is asked for: evaluated each time.
    let now = "SELECT (NOW() AS ?t) WHERE {}";
    for _ in 0..2 {
        let (status, _, _) = curl(&[
            "-G",
            "--data-urlencode",
            &format!("query={now}"),
            &s.url("/query"),
        ]);
        assert_eq!(status, 200);
    }
    assert_eq!(
        wait_logged(&s, " ms 200: SELECT (NOW() AS ?t)", 2),
        2,
        "{:?}",
        tail(&s)
    );
    assert_eq!(logged(&s, "query kept"), 1, "{:?}", tail(&s));
    // With no memory for answers every query is evaluated.
    let bare = Server::start(&["--cache-answers", "0"]);
    for _ in 0..2 {
        assert_eq!(count_plan_tasks(&bare, "text/csv", PLAN_002).1, Some(tasks));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(logged(&bare, "query kept"), 0, "{:?}", tail(&bare));
}
