//! What users read: the CLI's queries, messages and numbers, on the seeds (expected values from
//! the gold files of tests/fixtures/gold or counted by hand, never from the code under test).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use support::ok;

/// The seeds ingested once into a store for the tests of this file.
fn seed_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("fengong-trust-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        ok(&support::fengong(&["ingest"], &dir));
        dir
    })
}

/// `fengong ARGS` on the seed store, run from a folder that is not the source tree, as a user
/// who installed the binary would.
fn run(args: &[&str]) -> Output {
    let elsewhere = std::env::temp_dir();
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(elsewhere)
        .env("FENGONG_STORE", seed_store())
        .output()
        .expect("binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Gold tasks whose `role` list names `agency` as written.
fn gold_count(agency: &str, role: &str) -> usize {
    support::gold_documents()
        .iter()
        .flat_map(|d| d["tasks"].as_array().expect("tasks").clone())
        .filter(|t| {
            t[role]
                .as_array()
                .expect("role list")
                .iter()
                .any(|n| n == agency)
        })
        .count()
}

#[test]
fn queries_travel_with_the_binary() {
    // Listed by name with their parameters, from any folder.
    let list = ok(&run(&["query", "--list"]));
    let leads = list
        .lines()
        .find(|l| l.trim_start().starts_with("agency-leads "))
        .expect("agency-leads listed");
    assert!(
        leads.contains("agencyName=…") && leads.contains("What an agency leads"),
        "{leads}"
    );
    // Run by name: 省科技厅 leads 5 tasks of the seeds by the gold (002 (九), (十二), (十五);
    // 003 (八), (九)), under no other name.
    let want = gold_count("省科技厅", "lead");
    assert_eq!(want, 5, "the gold as read by hand");
    let out = ok(&run(&[
        "query",
        "agency-leads",
        "--bind",
        "agencyName=省科技厅",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("SPARQL JSON results");
    assert_eq!(
        v["results"]["bindings"].as_array().expect("rows").len(),
        want
    );
    // A required parameter left out: an error saying which --bind, not "(0 rows)".
    let out = run(&["query", "agency-leads"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--bind agencyName="),
        "{}",
        stderr(&out)
    );
    // A misspelled --bind is an error naming the query's parameters.
    let out = run(&["query", "agency-leads", "--bind", "agencyNmae=省科技厅"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no ?agencyNmae") && stderr(&out).contains("agencyName"),
        "{}",
        stderr(&out)
    );
    // A misspelled name suggests the right one.
    let out = run(&["query", "agency-lead"]);
    assert!(
        stderr(&out).contains("did you mean agency-leads"),
        "{}",
        stderr(&out)
    );
    // A syntax error shows where, with the line, and no character ranges.
    let out = run(&["query", "SELECT ?x WHERE { ?x a }"]);
    let e = stderr(&out);
    assert!(!out.status.success());
    assert!(
        e.contains("line 1, column") && e.contains("SELECT ?x WHERE { ?x a }") && e.contains('^'),
        "{e}"
    );
    assert!(!e.contains("\\u{"), "{e}");
    // Hints name commands that work anywhere, never a path in the source tree.
    let out = run(&["remove", "no-such-plan.txt"]);
    assert!(
        stderr(&out).contains("fengong query plans"),
        "{}",
        stderr(&out)
    );
    let plans = ok(&run(&["query", "plans"]));
    assert!(
        plans.contains("002_96cb3c14e2265961.txt"),
        "keys are listed: {plans}"
    );
}
