//! The `fengong` binary on the forms plans are downloaded in: a folder of Word, Excel, PDF,
//! web and text files; plans given as links, served by a server this test starts on
//! 127.0.0.1; and bad files and links, each refused with its name while the store stays as it
//! was.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;
use support::{fengong, ok};

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-formats-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Serves the real gov.cn page at /plan.html, a 404 at /gone and a page that answers after
/// 3 s at /slow; returns the base URL.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let page = std::fs::read(fixtures("real/pages/guofa-2018-42-nongji.html")).expect("page");
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let page = page.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(s.try_clone().expect("clone"));
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let mut h = String::new();
                while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
                    h.clear();
                }
                let (head, body): (String, &[u8]) = match line.split_whitespace().nth(1) {
                    Some("/plan.html") => (
                        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", page.len()),
                        &page,
                    ),
                    Some("/slow") => {
                        std::thread::sleep(Duration::from_secs(3));
                        ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".into(), b"")
                    }
                    _ => ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into(), b""),
                };
                let _ = s.write_all(head.as_bytes());
                let _ = s.write_all(body);
            });
        }
    });
    base
}

/// What the store holds (its size on disk aside, which RocksDB changes on its own).
fn count(store: &Path) -> serde_json::Value {
    let mut v: serde_json::Value =
        serde_json::from_str(&ok(&fengong(&["stats", "--format", "json"], store))).expect("json");
    if let Some(o) = v.as_object_mut() {
        o.remove("bytes_on_disk");
    }
    v
}

#[test]
fn a_folder_of_office_files_parses_and_names_what_it_cannot_read() {
    let out = fengong(
        &[
            "parse",
            "--format",
            "json",
            fixtures("formats").to_str().expect("utf-8"),
        ],
        &scratch("unused-store"),
    );
    // locked.pdf and scanned.pdf cannot be read: exit 1, each named, the others printed.
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("locked.pdf") && err.contains("password"),
        "{err}"
    );
    assert!(
        err.contains("scanned.pdf") && err.contains("no text layer"),
        "{err}"
    );
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let formats: Vec<(&str, &str, usize)> = docs
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or("");
            let name = file.rsplit('/').next().unwrap_or(file);
            (
                name,
                d["format"].as_str().unwrap_or(""),
                d["tasks"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    assert_eq!(
        formats,
        [
            ("far.xlsx", "xlsx", 1),
            ("long.pdf", "pdf", 400),
            ("prose.doc", "doc", 7),
            ("prose.docx", "docx", 7),
            ("prose.pdf", "pdf", 7),
            ("prose.txt", "text", 7),
            ("table.docx", "docx", 6),
            ("table.pdf", "pdf", 6),
            ("table.txt", "text", 6),
            ("table.xlsx", "xlsx", 6),
        ]
    );
}

#[test]
fn a_link_is_fetched_ingested_and_kept_and_bad_links_change_nothing() {
    let base = server();
    let store = scratch("links");
    let url = format!("{base}/plan.html");
    let out = ok(&fengong(&["parse", "--format", "json", &url], &store));
    let doc: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!(doc["file"], url.as_str());
    assert_eq!(doc["tasks"].as_array().map(Vec::len), Some(18));

    ok(&fengong(&["ingest", &url], &store));
    // The fetched bytes are kept in the store folder, named by their SHA-256.
    let page = std::fs::read(fixtures("real/pages/guofa-2018-42-nongji.html")).expect("page");
    let kept: Vec<PathBuf> = std::fs::read_dir(store.join("sources"))
        .expect("sources folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).expect("copy"), page);
    // The link is the document's source.
    let q = format!("SELECT ?copy WHERE {{ ?f dcterms:source <{url}> ; fg:localCopy ?copy }}");
    let rows = ok(&fengong(&["query", &q, "--format", "csv"], &store));
    assert!(rows.contains(kept[0].to_str().expect("utf-8")), "{rows}");

    let before = count(&store);
    for (path, why) in [("/gone", "404"), ("/slow", "no answer within")] {
        let link = format!("{base}{path}");
        let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
            .args(["ingest", &link])
            .env("FENGONG_STORE", &store)
            .env("FENGONG_FETCH_TIMEOUT", "0.5")
            .output()
            .expect("runs");
        assert!(!out.status.success(), "{link} fails");
        let err = stderr(&out);
        assert!(err.contains(&link) && err.contains(why), "{err}");
    }
    assert_eq!(count(&store), before, "the store is as it was");
}

#[test]
fn bad_files_are_refused_by_name_and_leave_the_store_as_it_was() {
    let dir = scratch("bad");
    let store = dir.join("store");
    ok(&fengong(
        &[
            "ingest",
            fixtures("formats/table.xlsx").to_str().expect("utf-8"),
        ],
        &store,
    ));
    let before = count(&store);

    let docx = std::fs::read(fixtures("formats/table.docx")).expect("fixture");
    let cut = dir.join("cut.docx");
    std::fs::write(&cut, &docx[..docx.len() / 3]).expect("write");
    let index = dir.join("index.html");
    std::fs::write(
        &index,
        "<html><body><ul><li><a href=\"/1\">通知公告</a></li><li><a href=\"/2\">政策文件</a></li></ul></body></html>",
    )
    .expect("write");
    // 200 MB, sparse: its size alone is refused, nothing is read.
    let huge = dir.join("huge.pdf");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(200 << 20))
        .expect("sparse file");
    for (file, why) in [
        (&cut, "cut off"),
        (&index, "holds no plan"),
        (&huge, "larger than any plan"),
        (&fixtures("formats/locked.pdf"), "password"),
    ] {
        let out = fengong(&["ingest", file.to_str().expect("utf-8")], &store);
        assert!(!out.status.success(), "{} is refused", file.display());
        let err = stderr(&out);
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(err.contains(name) && err.contains(why), "{err}");
    }
    assert_eq!(count(&store), before, "the store is as it was");
}
