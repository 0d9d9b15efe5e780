//! Entity resolution on the seeds: every gold name reaches a registry entry, collectives are
//! typed apart, renames form one lineage, and unknown names stay provisional.

use fengong_registry::{Entity, Registry};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn agency(name: &str, jurisdiction: Option<&str>, collective: bool) -> Entity {
    Registry::embedded().agency(name, jurisdiction, collective)
}

fn gold_names() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold");
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let d: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        for t in d["tasks"].as_array().unwrap() {
            for role in ["lead", "cooperate", "co_responsible"] {
                for n in t[role].as_array().unwrap() {
                    out.insert(n.as_str().unwrap().to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn every_gold_name_resolves_to_the_registry() {
    let names = gold_names();
    // The gold README counts 66 distinct names across the three documents.
    assert_eq!(names.len(), 66);
    let provisional: Vec<&String> = names
        .iter()
        .filter(|n| agency(n, Some("广东省"), false).provisional)
        .collect();
    assert!(provisional.is_empty(), "{provisional:?}");
}

#[test]
fn the_collective_groups_the_parser_finds_are_typed_collective() {
    let mut groups = BTreeSet::new();
    for (name, bytes) in fengong_parse::input::DEFAULT {
        let doc = fengong_parse::parse_bytes(name, bytes).unwrap();
        for t in &doc.tasks {
            for c in &t.collective {
                let e = agency(c, doc.document.jurisdiction.as_deref(), true);
                assert!(e.collective && !e.provisional, "{c}: {e:?}");
                groups.insert(e.key);
            }
        }
    }
    assert_eq!(groups.len(), 4, "{groups:?}");
    // A single agency is never typed collective.
    assert!(!agency("省财政厅", Some("广东省"), false).collective);
}

#[test]
fn each_alias_kind_reaches_one_entity() {
    let full = agency("中国证券监督管理委员会广东监管局", Some("广东省"), false);
    assert!(!full.provisional);
    // Short form, traditional script, 省/广东省 prefix.
    assert_eq!(agency("广东证监局", Some("广东省"), false).key, full.key);
    let fgw = agency("广东省发展和改革委员会", Some("广东省"), false);
    for form in [
        "省发展改革委",
        "省發展改革委",
        "广东省发展改革委",
        "省发改委",
    ] {
        let e = agency(form, Some("广东省"), false);
        assert_eq!(e.key, fgw.key, "{form}");
    }
}

#[test]
fn a_rename_is_two_entities_in_one_lineage() {
    let old = agency("省政务服务数据管理局", Some("广东省"), false);
    let new = agency("省政务服务和数据管理局", Some("广东省"), false);
    assert!(!old.provisional && !new.provisional);
    assert_ne!(old.key, new.key);
    for form in ["广东省政务服务和数据管理局", "省政務服務和數據管理局"] {
        assert_eq!(agency(form, Some("广东省"), false).key, new.key, "{form}");
    }
    let reg = fengong_registry::Registry::embedded();
    assert!(reg
        .changes
        .iter()
        .any(|c| c.kind.continues() && c.from.contains(&old.label) && c.to.contains(&new.label)));
}

#[test]
fn two_cities_short_names_stay_apart_and_unknowns_are_provisional() {
    let a = agency("市发改委", Some("丽水市"), false);
    let b = agency("市发改委", Some("广州市"), false);
    assert_ne!(a.key, b.key);
    let u = agency("省数字广东研究会", Some("广东省"), false);
    assert!(u.provisional);
    assert_eq!(u.jurisdiction.as_deref(), Some("广东省"));
}

fn fengong(args: &[&str], store: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .env("FENGONG_STORE", store)
        .output()
        .expect("binary runs")
}

#[test]
fn the_agency_command_follows_the_rename_and_suggests() {
    let store = std::env::temp_dir().join(format!("fengong-resolution-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    assert!(fengong(&["ingest"], &store).status.success());

    let out = fengong(
        &["agency", "省政务服务数据管理局", "--format", "json"],
        &store,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let leads: Vec<&Value> = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["role"] == "lead")
        .collect();
    let years: BTreeSet<&str> = leads.iter().map(|t| t["year"].as_str().unwrap()).collect();
    assert_eq!(years, BTreeSet::from(["2022", "2023", "2024"]));

    let trad = fengong(
        &["agency", "省政務服務和數據管理局", "--format", "json"],
        &store,
    );
    let t: Value = serde_json::from_slice(&trad.stdout).unwrap();
    assert_eq!(t["tasks"], v["tasks"]);

    let unknown = fengong(&["agency", "省政数管理局"], &store);
    assert!(!unknown.status.success());
    let msg = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        msg.contains("did you mean") && msg.contains("政务服务"),
        "{msg}"
    );

    let list = fengong(
        &["agencies", "--format", "csv", "--search", "政务服务"],
        &store,
    );
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.lines().count() >= 3, "{text}");
    let unresolved = fengong(&["agencies", "--unresolved", "--format", "json"], &store);
    for line in String::from_utf8_lossy(&unresolved.stdout).lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        assert_eq!(r["provisional"], true);
    }
}

#[test]
fn a_state_council_plans_short_forms_are_the_national_bodies() {
    let store = std::env::temp_dir().join(format!("fengong-resolution-sc-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    let plan = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real/pages/guofa-2018-42-nongji.html");
    let out = fengong(&["ingest", plan.to_str().unwrap()], &store);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 国发〔2018〕42号 (the gov.cn page) writes 发展改革委 and 市场监管总局, as State Council plans do.
    for (short, official) in [
        ("发展改革委", "国家发展和改革委员会"),
        ("市场监管总局", "国家市场监督管理总局"),
    ] {
        let out = fengong(&["agency", short, "--format", "json"], &store);
        assert!(
            out.status.success(),
            "{short}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["agency"], official, "{short}");
        assert!(
            !v["tasks"].as_array().unwrap().is_empty(),
            "{short} has tasks"
        );
    }
}
