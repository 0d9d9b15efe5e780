//! The registry through the binary: a folder given with `--registry` (or `FENGONG_REGISTRY`)
//! takes effect without a rebuild, re-resolves the documents it touches, and a broken file stops
//! the command before the store changes. The plan is a real one (鞍山市立山区, 2023) from
//! `tests/fixtures/real`.

mod support;
use support::{fengong, ok};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn plan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/docs/001_anshan-lishan-2023-gzbg-fengong.txt")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fengong-registry-cli-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

/// The district's development zone as its plan writes it (立山经济开发区), by hand: a body no
/// function of `functions.toml` covers, so only an entry resolves it.
const LISHAN: &str = r#"
[[agency]]
name = "鞍山市立山经济开发区管理委员会"
jurisdiction = "立山区"
kind = "government"
short = ["立山经济开发区"]
source = "unverified"
"#;

/// `fengong agencies --format json` rows.
fn agencies(store: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["agencies", "--format", "json"];
    args.extend_from_slice(extra);
    ok(&fengong(&args, store))
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn row<'a>(rows: &'a [Value], agency: &str) -> Option<&'a Value> {
    rows.iter().find(|r| r["agency"] == agency)
}

#[test]
fn a_registry_folder_resolves_names_without_a_rebuild() {
    let store = temp("store");
    let plan = plan();
    let plan = plan.to_str().expect("UTF-8 path");
    ok(&fengong(&["ingest", plan], &store));
    let before = agencies(&store, &[]);
    let provisional = row(&before, "立山经济开发区").expect("立山经济开发区 is in the store");
    assert_eq!(provisional["provisional"], true);

    let extra = temp("extra");
    std::fs::write(extra.join("lishan.toml"), LISHAN).expect("write");
    let out = ok(&fengong(
        &["ingest", plan, "--registry", extra.to_str().expect("UTF-8")],
        &store,
    ));
    assert!(
        out.contains("1 replaced"),
        "a new registry re-reads the plan: {out}"
    );
    let after = agencies(&store, &[]);
    assert!(
        row(&after, "立山经济开发区").is_none(),
        "no provisional 立山经济开发区 is left"
    );
    let resolved = row(&after, "鞍山市立山经济开发区管理委员会").expect("the registry entity");
    assert_eq!(resolved["provisional"], false);
    for role in ["lead", "cooperate", "coResponsible"] {
        assert_eq!(
            resolved[role], provisional[role],
            "{role}: the same duties move over"
        );
    }
    assert_eq!(resolved["namesUsed"], "立山经济开发区");
    // The provisional entity the plan no longer names is gone, not left to answer look-ups.
    let left = ok(&fengong(
        &[
            "query",
            "ASK { ?a skos:prefLabel \"立山经济开发区\"@zh-Hans }",
        ],
        &store,
    ));
    assert_eq!(left.trim(), "false");

    // The same folder through the environment: nothing to re-read.
    let out = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["ingest", plan])
        .env("FENGONG_STORE", &store)
        .env("FENGONG_REGISTRY", &extra)
        .output()
        .expect("binary runs");
    assert!(ok(&out).contains("1 unchanged"));
    // `agency` reads names with the same registry.
    let out = ok(&fengong(
        &[
            "agency",
            "立山经济开发区",
            "--registry",
            extra.to_str().expect("UTF-8"),
        ],
        &store,
    ));
    assert!(out.starts_with("鞍山市立山经济开发区管理委员会"), "{out}");
}

#[test]
fn a_broken_registry_file_stops_before_the_store_changes() {
    let store = temp("broken-store");
    let plan = plan();
    let plan = plan.to_str().expect("UTF-8 path");
    ok(&fengong(&["ingest", plan], &store));
    let before = ok(&fengong(&["export"], &store));

    let extra = temp("broken");
    std::fs::write(
        extra.join("typo.toml"),
        "[[agency]]\nname = \"某局\"\njurisdiction = 1\n",
    )
    .expect("write");
    let out = fengong(
        &["ingest", plan, "--registry", extra.to_str().expect("UTF-8")],
        &store,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typo.toml"),
        "the message names the file: {err}"
    );
    assert_eq!(
        ok(&fengong(&["export"], &store)),
        before,
        "the store is as it was"
    );
}

#[test]
fn a_registry_change_re_resolves_documents_whose_files_are_gone() {
    let store = temp("reresolve-store");
    let files = temp("reresolve-files");
    let copy = files.join("lishan.txt");
    std::fs::copy(plan(), &copy).expect("copy");
    ok(&fengong(&["ingest", copy.to_str().expect("UTF-8")], &store));
    assert_eq!(
        row(&agencies(&store, &[]), "立山经济开发区").expect("in the store")["provisional"],
        true
    );
    // The file goes; the registry gains the entry; any ingest (here of the embedded corpus)
    // re-resolves the plan from the parse the store keeps.
    std::fs::remove_file(&copy).expect("rm");
    let extra = temp("reresolve-extra");
    std::fs::write(extra.join("lishan.toml"), LISHAN).expect("write");
    let out = ok(&fengong(
        &["ingest", "--registry", extra.to_str().expect("UTF-8")],
        &store,
    ));
    assert!(out.contains("1 other re-derived"), "{out}");
    let after = agencies(&store, &[]);
    assert!(
        row(&after, "立山经济开发区").is_none(),
        "no provisional left"
    );
    let resolved = row(&after, "鞍山市立山经济开发区管理委员会").expect("the registry entity");
    assert_eq!(resolved["provisional"], false);
}
