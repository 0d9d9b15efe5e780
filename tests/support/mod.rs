//! Running the `fengong` binary from integration tests.
// Each test crate uses a subset of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `fengong ARGS` with the store at `store` (through FENGONG_STORE, as users set it).
pub fn fengong(args: &[&str], store: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .env("FENGONG_STORE", store)
        .output()
        .expect("binary runs")
}

/// Standard output of a run that must succeed; otherwise fails with everything it printed.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// A new on-disk store in the temp folder holding the embedded seed corpus, ingested through
/// the library as `fengong ingest` does.
pub fn seed_store(name: &str) -> fengong::store::Store {
    let dir = std::env::temp_dir().join(format!("fengong-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = fengong::store::Store::open(&dir).expect("store opens");
    for (key, bytes) in fengong::corpus::DEFAULT {
        let doc = fengong::parse_bytes(key, bytes).expect("seed parses");
        let source = fengong::rdf::Source {
            key: (*key).to_owned(),
            path: (*key).to_owned(),
            sha256: fengong::store::sha256(bytes),
            byte_size: bytes.len() as u64,
        };
        store.ingest(&doc, &source).expect("seed ingests");
    }
    store
}

/// The hand-made gold annotations (tests/fixtures/gold/*.json), in file-name order.
pub fn gold_documents() -> Vec<serde_json::Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("gold folder")
        .map(|e| e.expect("gold entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            serde_json::from_str(&std::fs::read_to_string(f).expect("gold file")).expect("JSON")
        })
        .collect()
}
