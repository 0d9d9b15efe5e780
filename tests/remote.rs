//! Beyond one machine: the seed store pushed into real SPARQL servers started here on
//! 127.0.0.1 — Oxigraph's own server (`pip install oxigraph`) and Virtuoso (Debian's
//! `virtuoso-opensource`) — and read back with `--endpoint`: every read command must answer
//! as it does from the store on disk. Also the scale-out path: `parse --format nquads` and
//! `export --shared` loaded by the server's own bulk loader.
//!
//! A missing server fails these tests with what to install; nothing is skipped.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{fengong, fengong_with, ok};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-remote-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

/// A server process, stopped when the test ends.
struct Server {
    child: Child,
    query: String,
    _dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self._dir);
    }
}

/// Waits until `url` answers a query.
fn wait_for(url: &str, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let asked = ureq::get(&format!("{url}?query=ASK%7B%7D")).call();
        if asked.is_ok_and(|r| r.status() == 200) {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} stopped before it answered: {status}");
        }
        assert!(Instant::now() < deadline, "{what} did not answer in 60 s");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `oxigraph`: FENGONG_OXIGRAPH, else on PATH, else where README step 1 installs it.
fn oxigraph_binary() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")))
        .unwrap_or_default();
    let candidates = [
        std::env::var_os("FENGONG_OXIGRAPH").map(PathBuf::from),
        Some(PathBuf::from("oxigraph")),
        Some(data.join("fengong/tools/bin/oxigraph")),
    ];
    for c in candidates.into_iter().flatten() {
        let runs = Command::new(&c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if runs {
            return c;
        }
    }
    panic!(
        "no Oxigraph server here: run README step 1, or /usr/bin/python3 -m pip install \
         --target ~/.local/share/fengong/tools oxigraph==0.5.13"
    );
}

/// An Oxigraph server on a new folder; `load` files are bulk-loaded first by its own loader.
fn oxigraph(name: &str, load: &[&Path]) -> Server {
    let bin = oxigraph_binary();
    let dir = temp(name);
    let location = dir.join("data");
    if !load.is_empty() {
        let mut cmd = Command::new(&bin);
        cmd.arg("load").arg("--location").arg(&location);
        for f in load {
            cmd.arg("--file").arg(f);
        }
        let out = cmd.output().expect("oxigraph load runs");
        assert!(
            out.status.success(),
            "oxigraph load: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let port = free_port();
    let mut child = Command::new(&bin)
        .arg("serve")
        .arg("--location")
        .arg(&location)
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("oxigraph serve starts");
    let query = format!("http://127.0.0.1:{port}/query");
    wait_for(&query, &mut child, "oxigraph serve");
    Server {
        child,
        query,
        _dir: dir,
    }
}

/// Virtuoso with its own ini in a temporary folder, listening on loopback only, its result
/// limit raised above any answer here (Debian's default ini cuts results at 10,000 rows), and
/// the SPARQL user allowed to write graphs (as docs/scale-out.md tells).
fn virtuoso(name: &str) -> Server {
    let dir = temp(name);
    let (sql, http) = (free_port(), free_port());
    let ini = format!(
        "[Database]\nDatabaseFile = virtuoso.db\nErrorLogFile = virtuoso.log\nLockFile = virtuoso.lck\n\
         TransactionFile = virtuoso.trx\nxa_persistent_file = virtuoso.pxa\nTempStorage = TempDatabase\n\
         [TempDatabase]\nDatabaseFile = virtuoso-temp.db\nTransactionFile = virtuoso-temp.trx\n\
         [Parameters]\nServerPort = 127.0.0.1:{sql}\nDisableUnixSocket = 1\nCaseMode = 2\nDirsAllowed = .\n\
         NumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\n\
         [HTTPServer]\nServerPort = 127.0.0.1:{http}\nServerRoot = .\nServerThreads = 10\nCharset = UTF-8\n\
         [SPARQL]\nResultSetMaxRows = 1000000\nMaxQueryExecutionTime = 300\n"
    );
    std::fs::write(dir.join("virtuoso.ini"), ini).expect("ini");
    let mut child = Command::new("virtuoso-t")
        .args(["+foreground", "+configfile", "virtuoso.ini"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("virtuoso-t runs (Debian: apt-get install virtuoso-opensource)");
    let query = format!("http://127.0.0.1:{http}/sparql");
    wait_for(&query, &mut child, "virtuoso-t");
    let granted = Command::new("isql-vt")
        .arg(format!("127.0.0.1:{sql}"))
        .args(["dba", "dba"])
        .arg("exec=GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
        .output()
        .expect("isql-vt runs (Debian: virtuoso-opensource)");
    assert!(
        granted.status.success(),
        "isql-vt: {}",
        String::from_utf8_lossy(&granted.stdout)
    );
    Server {
        child,
        query,
        _dir: dir,
    }
}

/// The seed corpus ingested into a new store.
fn seed_store(name: &str) -> PathBuf {
    let store = temp(name).join("store");
    ok(&fengong(&["ingest"], &store));
    store
}

/// The read commands a user runs, each as `fengong ARGS`.
const READS: &[&[&str]] = &[
    &["stats"],
    &["agencies"],
    &["agency", "省科技厅"],
    &["ask", "省科技厅牵头哪些任务"],
    &["ask", "what does 省政务服务数据管理局 lead"],
    &["ask", "谁牵头数字政府"],
    &["ask", "省发展改革委和省财政厅共同负责哪些任务"],
    &["rank", "--by", "pagerank"],
    &["communities"],
    &["export-graph", "--format", "csv"],
    &["query", "plans"],
    &["search", "数据共享"],
    &["search", "数字", "--agency", "省科技厅", "--role", "lead"],
];

/// What a command prints, with the lines that name where the graph is kept (the store's
/// folder and size on disk) left out.
fn answer(out: &Output) -> String {
    ok(out)
        .lines()
        .filter(|l| !l.starts_with("store: ") && !l.starts_with("bytes on disk"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every read command answers from the server exactly as from the store.
fn same_answers(store: &Path, endpoint: &str) {
    for args in READS {
        let local = answer(&fengong(args, store));
        let mut remote_args = args.to_vec();
        remote_args.extend(["--endpoint", endpoint]);
        // A server's search index is kept in the user's cache: here, in the store's folder.
        let cache = store.join("cache");
        let remote = answer(&fengong_with(
            &remote_args,
            store,
            &[("XDG_CACHE_HOME", cache.as_path())],
        ));
        assert!(local.lines().count() > 2, "{args:?} says little: {local}");
        assert_eq!(local, remote, "{args:?} from {endpoint}");
    }
}

/// A number from `fengong stats --format json`.
fn stat(store: &Path, endpoint: Option<&str>, key: &str) -> u64 {
    let mut args = vec!["stats", "--format", "json"];
    if let Some(e) = endpoint {
        args.extend(["--endpoint", e]);
    }
    let v: serde_json::Value = serde_json::from_str(&ok(&fengong(&args, store))).expect("JSON");
    v[key].as_u64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// What `push` says it did: (graphs sent, graphs already there), from
/// `pushed N graphs (…) to URL in T s; M graphs already there as in the store`.
fn pushed(out: &Output) -> (usize, usize) {
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "push failed: {said}");
    let count = |after: &str| -> usize {
        said.split(after)
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a number after `{after}` in {said}"))
    };
    (count("pushed "), count(" s; "))
}

fn push(store: &Path, url: &str, extra: &[&str]) -> Output {
    let mut args = vec!["push", url];
    args.extend(extra);
    fengong(&args, store)
}

/// The whole round: push, same answers, a second push sends nothing, and a push cut off by a
/// failing server resumes to the same end.
fn round_trip(server: &Server) {
    let store = seed_store(&format!("store-{}", server.query.len()));
    let graphs = stat(&store, None, "graphs") as usize;
    assert!(graphs >= 7, "the seed store has {graphs} graphs");

    // A push through a proxy whose server fails after half the graphs.
    let proxy = proxy(&server.query, 3);
    let cut = push(&store, &proxy.query, &[]);
    assert!(!cut.status.success(), "a push into a failing server fails");
    let said = String::from_utf8_lossy(&cut.stderr);
    assert!(
        said.contains("503") && said.contains("run the same push again"),
        "the failure says what happened and what to do: {said}"
    );
    let before = proxy.puts.load(Ordering::SeqCst);
    assert_eq!(
        before, proxy.fail_after,
        "the proxy let {before} graphs through"
    );

    // Resumed against the server itself: only what was not sent goes.
    let (sent, there) = pushed(&push(&store, &server.query, &[]));
    assert_eq!(
        (sent, there),
        (graphs - proxy.fail_after, proxy.fail_after),
        "resumed"
    );
    same_answers(&store, &server.query);
    assert_eq!(
        stat(&store, Some(&server.query), "triples"),
        stat(&store, None, "triples"),
        "triples on the server"
    );

    // Again: nothing to send, nothing changes.
    let (sent, there) = pushed(&push(&store, &server.query, &[]));
    assert_eq!((sent, there), (0, graphs), "a second push");
    assert_eq!(
        stat(&store, Some(&server.query), "triples"),
        stat(&store, None, "triples")
    );

    // A document removed from the store goes from the server at the next push.
    let key = fengong_parse::input::DEFAULT
        .iter()
        .map(|(k, _)| *k)
        .find(|k| k.starts_with("004_"))
        .expect("seed 004");
    ok(&fengong(&["remove", key], &store));
    let out = push(&store, &server.query, &[]);
    // The document's graph goes; the shared entities graph is sent again if it changed.
    let (sent, there) = pushed(&out);
    assert!(
        sent <= 1 && there == graphs - 1 - sent,
        "{sent} sent, {there} there"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("1 graph of documents no longer in the store deleted"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for key in ["triples", "graphs", "plans", "articles"] {
        assert_eq!(
            stat(&store, Some(&server.query), key),
            stat(&store, None, key),
            "{key} after a removal"
        );
    }
}

/// A loopback HTTP proxy in front of `upstream` that answers 503 to every PUT after the first
/// `fail_after`: a server failing halfway through a push.
struct Proxy {
    query: String,
    puts: Arc<AtomicUsize>,
    fail_after: usize,
}

fn proxy(upstream: &str, fail_after: usize) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").expect("proxy binds");
    let port = listener.local_addr().expect("address").port();
    let (base, path) = upstream
        .strip_prefix("http://")
        .and_then(|r| r.split_once('/'))
        .expect("an http:// URL with a path");
    let base = format!("http://{base}");
    let puts = Arc::new(AtomicUsize::new(0));
    let counted = puts.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = relay(stream, &base, &counted, fail_after);
        }
    });
    Proxy {
        query: format!("http://127.0.0.1:{port}/{path}"),
        puts,
        fail_after,
    }
}

/// One request: read, forward (or refuse), answer, close.
fn relay(
    stream: TcpStream,
    base: &str,
    puts: &AtomicUsize,
    fail_after: usize,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or("").to_owned(),
        parts.next().unwrap_or("").to_owned(),
    );
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h)?;
        let h = h.trim_end().to_owned();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
            if ["content-type", "accept"]
                .iter()
                .any(|n| k.eq_ignore_ascii_case(n))
            {
                headers.push((k.to_owned(), v.trim().to_owned()));
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let mut out = stream;
    if method == "PUT" && puts.fetch_add(1, Ordering::SeqCst) >= fail_after {
        puts.fetch_sub(1, Ordering::SeqCst);
        let msg = "the server is going down";
        return write!(
            out,
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{msg}",
            msg.len()
        );
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = format!("{base}{target}");
    let mut request = ureq::http::Request::builder()
        .method(method.as_str())
        .uri(&url);
    for (k, v) in &headers {
        request = request.header(k, v);
    }
    let request = request.body(body).map_err(std::io::Error::other)?;
    let response = agent.run(request).map_err(std::io::Error::other)?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain")
        .to_owned();
    let mut answer = response.into_body();
    let bytes = answer.read_to_vec().map_err(std::io::Error::other)?;
    write!(
        out,
        "HTTP/1.1 {status} Relayed\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        bytes.len()
    )?;
    out.write_all(&bytes)
}

#[test]
fn oxigraph_server_answers_as_the_store() {
    let server = oxigraph("oxigraph", &[]);
    round_trip(&server);
}

#[test]
fn virtuoso_answers_as_the_store() {
    let server = virtuoso("virtuoso");
    round_trip(&server);
}

/// Shards parsed apart and loaded by the server's own loader make the same graph as `ingest`.
#[test]
fn parsed_nquads_loaded_by_oxigraph_answer_as_the_store() {
    let dir = temp("nquads");
    let store = seed_store("nquads-store");
    let parsed = fengong(&["parse", "--format", "nquads"], &store);
    let documents = dir.join("documents.nq");
    std::fs::write(&documents, ok(&parsed)).expect("write");
    let shared = dir.join("shared.nq");
    ok(&fengong(
        &["export", "--shared", "-o", shared.to_str().expect("utf-8")],
        &store,
    ));
    let server = oxigraph("nquads-server", &[&documents, &shared]);
    same_answers(&store, &server.query);
    for key in ["triples", "graphs", "tasks", "agencies"] {
        assert_eq!(
            stat(&store, Some(&server.query), key),
            stat(&store, None, key),
            "{key}"
        );
    }
}

/// A server that is not there is named, with what failed, and nothing is half done.
#[test]
fn a_server_that_is_not_there_is_named() {
    let store = seed_store("absent");
    let url = format!("http://127.0.0.1:{}/query", free_port());
    for args in [
        vec!["push", url.as_str()],
        vec!["stats", "--endpoint", &url],
    ] {
        let out = fengong(&args, &store);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(
            said.contains(&url) && said.contains("cannot reach the server"),
            "{args:?}: {said}"
        );
    }
}
