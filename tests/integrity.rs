//! Taking documents out and backing the store up, through the binary, on the seed corpus.

mod support;

use std::path::PathBuf;
use support::{fengong, ok};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-integrity-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The store's quads, sorted: two stores hold the same data when these are equal.
fn quads(store: &std::path::Path) -> Vec<String> {
    let mut lines: Vec<String> = ok(&fengong(&["export"], store))
        .lines()
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

fn tasks(store: &std::path::Path) -> u64 {
    let v: serde_json::Value =
        serde_json::from_str(&ok(&fengong(&["stats", "--format", "json"], store))).expect("json");
    v["tasks"].as_u64().expect("tasks")
}

#[test]
fn a_backup_is_a_store_with_the_same_quads() {
    let store = temp("store");
    ok(&fengong(&["ingest"], &store));
    let copy = temp("backup");
    ok(&fengong(&["backup", copy.to_str().expect("utf-8")], &store));
    assert_eq!(quads(&copy), quads(&store));
    // A second backup into the same folder is refused, and says why.
    let again = fengong(&["backup", copy.to_str().expect("utf-8")], &store);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn removing_takes_a_document_out_whole_or_nothing() {
    let store = temp("remove");
    ok(&fengong(&["ingest"], &store));
    let before = tasks(&store);
    let all = quads(&store);
    // A name that matches nothing: an error, and nothing goes, not even the one that matched.
    let out = fengong(
        &["remove", "002_96cb3c14e2265961.txt", "no-such-plan.txt"],
        &store,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-plan.txt"));
    assert_eq!(quads(&store), all);
    // Seed 002 has 55 tasks (tests/fixtures/gold/002_96cb3c14e2265961.json).
    ok(&fengong(&["remove", "002_96cb3c14e2265961.txt"], &store));
    assert_eq!(tasks(&store), before - 55);
    let left = ok(&fengong(
        &[
            "query",
            "ASK { GRAPH ?g { ?g fg:sourceKey \"002_96cb3c14e2265961.txt\" } }",
        ],
        &store,
    ));
    assert_eq!(left.trim(), "false");
}

#[test]
fn the_same_bytes_from_another_path_are_one_document() {
    let store = temp("copies");
    ok(&fengong(&["ingest"], &store));
    let before = tasks(&store);
    // Seed 002 under another name in another folder, twice in one ingest.
    let dir = temp("copies-files");
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = fengong_parse::input::DEFAULT
        .iter()
        .find(|(n, _)| n.starts_with("002_"))
        .expect("seed 002")
        .1;
    for name in ["plan-copy.txt", "again.txt"] {
        std::fs::write(dir.join(name), seed).expect("write");
    }
    let out = ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    assert!(out.contains("2 copies"), "{out}");
    assert_eq!(tasks(&store), before, "no task counted twice");
    let seen = ok(&fengong(
        &[
            "query",
            "SELECT ?p WHERE { ?f fg:seenAt ?p } ORDER BY ?p",
            "--format",
            "csv",
        ],
        &store,
    ));
    assert!(
        seen.contains("again.txt") && seen.contains("plan-copy.txt"),
        "{seen}"
    );
    // Into a new store, the two copies in one ingest: one document, one copy.
    let fresh = temp("copies-fresh");
    let out = ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &fresh));
    assert!(out.contains("1 added") && out.contains("1 copies"), "{out}");
    assert_eq!(tasks(&fresh), 55);
}

#[test]
fn reads_go_on_while_a_writer_holds_the_store() {
    let store = temp("busy");
    ok(&fengong(&["ingest"], &store));
    // A writer holds the store (as an ingest does) for the rest of this test.
    let writer = fengong_store::Store::open(&store).expect("writer opens");
    let stats = ok(&fengong(&["stats", "--format", "json"], &store));
    assert!(stats.contains("\"tasks\":91"), "{stats}");
    // rank cannot save its analysis, but still answers, and says why it did not save.
    let out = fengong(&["rank", "--top", "3"], &store);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("not saved"));
    assert!(String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.starts_with("1 ")));
    drop(writer);
}

#[test]
fn prune_takes_out_the_documents_whose_files_are_gone() {
    let store = temp("prune-store");
    ok(&fengong(&["ingest"], &store));
    let dir = temp("prune-files");
    std::fs::create_dir_all(&dir).expect("dir");
    let seed = |p: &str| {
        fengong_parse::input::DEFAULT
            .iter()
            .find(|(n, _)| n.starts_with(p))
            .expect("seed")
            .1
    };
    // Not the seeds' own bytes (those would be copies of the embedded documents).
    std::fs::write(dir.join("a.txt"), [seed("000_"), b"\n"].concat()).expect("write");
    std::fs::write(dir.join("b.txt"), [seed("003_"), b"\n"].concat()).expect("write");
    ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    let before = tasks(&store);
    std::fs::remove_file(dir.join("a.txt")).expect("rm");
    let out = ok(&fengong(&["prune"], &store));
    assert!(
        out.contains("removed a.txt") && out.contains("1 documents removed"),
        "{out}"
    );
    // Seed 000 has 6 tasks (tests/fixtures/gold/000_300f91a4b6124a40.json); b.txt and the
    // embedded seeds stay.
    assert_eq!(tasks(&store), before - 6);
    let again = ok(&fengong(&["prune"], &store));
    assert!(again.contains("0 documents removed"), "{again}");
}
