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

/// The district's development zone as its plan writes it (立山经济开发区), by hand, under its
/// own official name: `functions.toml` knows it only as the district's zone committee
/// (鞍山市立山区经济开发区管理委员会), and an entry wins over a function.
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
    const BY_FUNCTION: &str = "鞍山市立山区经济开发区管理委员会";
    let provisional = row(&before, BY_FUNCTION).expect("the zone, known by its kind");
    assert_eq!(provisional["provisional"], false);

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
        row(&after, BY_FUNCTION).is_none(),
        "the entity of the function is replaced by the entry's"
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
    // The entity the plan no longer names is gone, not left to answer look-ups.
    let left = ok(&fengong(
        &[
            "query",
            "ASK { ?a skos:prefLabel \"鞍山市立山区经济开发区管理委员会\"@zh-Hans }",
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
    let by_function = "鞍山市立山区经济开发区管理委员会";
    assert!(row(&agencies(&store, &[]), by_function).is_some());
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
        row(&after, by_function).is_none(),
        "the entry replaces the function's entity"
    );
    let resolved = row(&after, "鞍山市立山经济开发区管理委员会").expect("the registry entity");
    assert_eq!(resolved["provisional"], false);
}

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name)
}

/// Numbers of the gold tasks of a real plan whose lead list holds `name`.
fn gold_leads(gold: &str, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(real(&format!("gold/{gold}"))).expect("gold file");
    let v: Value = serde_json::from_str(&text).expect("gold JSON");
    v["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter(|t| {
            t["lead"]
                .as_array()
                .is_some_and(|l| l.iter().any(|n| n == name))
        })
        .map(|t| t["number"].as_str().expect("number").to_owned())
        .collect()
}

#[test]
fn english_names_of_national_bodies_answer_questions() {
    let store = temp("english");
    let doc = real("docs/008_guobanhan-2016-gzbg-lianghua-zhibiao-fengong.txt");
    ok(&fengong(&["ingest", doc.to_str().expect("UTF-8")], &store));
    let answer: Value = serde_json::from_str(&ok(&fengong(
        &[
            "ask",
            "--format",
            "json",
            "what does the Ministry of Finance lead",
        ],
        &store,
    )))
    .expect("JSON answer");
    let mut got: Vec<String> = answer["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| l["task"]["number"].as_str().expect("number").to_owned())
        .collect();
    got.sort();
    let mut want = gold_leads(
        "008_guobanhan-2016-gzbg-lianghua-zhibiao-fengong.json",
        "财政部",
    );
    want.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    // `agency` reads the English name too, and shows it.
    let out = ok(&fengong(&["agency", "Ministry of Finance"], &store));
    assert!(
        out.starts_with("财政部\n  English name: Ministry of Finance"),
        "{out}"
    );
}

#[test]
fn a_2006_city_plan_shows_its_transport_commission_with_todays_name() {
    let store = temp("guangzhou-2006");
    let doc = real("docs/004_guangzhou-2006-gzbg-zhongdian-shixiang-trad.txt");
    ok(&fengong(&["ingest", doc.to_str().expect("UTF-8")], &store));
    let out = ok(&fengong(&["agency", "市交委"], &store));
    assert!(out.starts_with("广州市交通委员会"), "{out}");
    assert!(
        out.contains("became: 广州市交通运输局 (rename, 2019)"),
        "{out}"
    );
}
