//! One plan is one plan, whatever its files: the same plan saved as Word, Excel, PDF and text,
//! and a copy differing by one byte, is counted, cited and corrected once. The fixtures are
//! one table plan in four formats (tests/fixtures/formats/table.*, made by make.py); what the
//! plan holds is counted by hand from table.txt.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{fengong, ok};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fengong-identity-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The table plan as .docx, .xlsx, .pdf and .txt, and the text once more with one byte added.
fn five_files(dir: &Path) {
    let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for ext in ["docx", "xlsx", "pdf", "txt"] {
        std::fs::copy(
            formats.join(format!("table.{ext}")),
            dir.join(format!("table.{ext}")),
        )
        .expect("copy fixture");
    }
    let mut text = std::fs::read(formats.join("table.txt")).expect("table.txt");
    text.push(b'\n');
    std::fs::write(dir.join("table-again.txt"), text).expect("copy");
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).expect("JSON")
}

fn lead_cites(store: &Path, agency: &str) -> Vec<String> {
    let answer = json(&ok(&fengong(
        &["ask", "--format", "json", &format!("{agency}牵头哪些任务")],
        store,
    )));
    let mut cited: Vec<String> = answer["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .filter(|l| l["role"] == "lead")
        .map(|l| l["task"]["cited"].as_str().expect("cited").to_owned())
        .collect();
    cited.sort();
    cited
}

#[test]
fn one_plan_in_four_formats_and_a_copy_is_one_plan_with_five_files() {
    let dir = scratch("docs");
    five_files(&dir);
    let store = scratch("store");
    let said = ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    assert!(said.contains("5 documents"), "{said}");
    let stats = json(&ok(&fengong(&["stats", "--format", "json"], &store)));
    assert_eq!(stats["plans"], 1, "{stats}");
    assert_eq!(stats["tasks"], 6, "{stats}");
    // Each file is recorded on the plan: the first as its source, the others as manifestations
    // with their own format and hash.
    let files = ok(&fengong(
        &[
            "query",
            "--format",
            "csv",
            "SELECT ?format ?sha WHERE { ?plan fg:manifestation ?f . ?f dcterms:format ?format ; fg:sha256 ?sha }",
        ],
        &store,
    ));
    let rows: Vec<&str> = files.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 4, "{files}");
    let mut shas: Vec<&str> = rows.iter().filter_map(|r| r.split(',').nth(1)).collect();
    shas.sort();
    shas.dedup();
    assert_eq!(shas.len(), 4, "four distinct files: {files}");
    // Tasks 1 and 2 are 区教育局's, cited once each, not once per file.
    assert_eq!(lead_cites(&store, "区教育局"), ["1", "2"]);
    // Ingesting the same files again changes nothing.
    ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    let again = json(&ok(&fengong(&["stats", "--format", "json"], &store)));
    assert_eq!(again["plans"], 1);
    assert_eq!(again["tasks"], 6);

    // A correction made through the PDF applies to the plan, whichever file it was read from.
    // With no --by and no variable naming the user (a container, cron), the account's login
    // name signs it.
    let pdf = dir.join("table.pdf");
    let out = ok(&std::process::Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args([
            "correct",
            pdf.to_str().expect("utf-8"),
            "3",
            "--lead",
            "区教育局",
            "--reason",
            "checked against the signed copy",
        ])
        .env("FENGONG_STORE", &store)
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("FENGONG_USER")
        .output()
        .expect("binary runs"));
    assert!(out.contains("applied"), "{out}");
    let login = std::process::Command::new("id")
        .arg("-un")
        .output()
        .expect("id runs");
    let login = String::from_utf8_lossy(&login.stdout).trim().to_owned();
    let written = std::fs::read_to_string(store.join("corrections.toml")).expect("corrections");
    assert!(written.contains(&format!("by = \"{login}\"")), "{written}");
    assert_eq!(lead_cites(&store, "区教育局"), ["1", "2", "3"]);
    let after = json(&ok(&fengong(&["stats", "--format", "json"], &store)));
    assert_eq!(after["plans"], 1);
    assert_eq!(after["tasks"], 6);
    // The plan list (the explorer's home page) counts tasks, not the correction beside them.
    let plans = ok(&fengong(&["query", "plans", "--format", "json"], &store));
    let plans = json(&plans);
    let tasks: Vec<&str> = plans["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .filter_map(|b| b["tasks"]["value"].as_str())
        .collect();
    assert_eq!(tasks, ["6"], "{plans}");
}

#[test]
fn versions_of_a_plan_with_other_tasks_stay_two_plans() {
    let dir = scratch("versions");
    let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let text = std::fs::read_to_string(formats.join("table.txt")).expect("table.txt");
    std::fs::write(dir.join("first.txt"), &text).expect("write");
    // The revised plan changes one target: another version, not a copy.
    std::fs::write(
        dir.join("revised.txt"),
        text.replace("改造老旧小区15个", "改造老旧小区20个"),
    )
    .expect("write");
    let store = scratch("versions-store");
    ok(&fengong(&["ingest", dir.to_str().expect("utf-8")], &store));
    let stats = json(&ok(&fengong(&["stats", "--format", "json"], &store)));
    assert_eq!(stats["plans"], 2, "{stats}");
    assert_eq!(stats["tasks"], 12, "{stats}");
}
