//! Every query in `queries/` runs on the seeds, and its rows are checked against what the gold
//! annotations (tests/fixtures/gold) say: expected rows are computed from the gold files, not
//! written down, so a wrong parse, a wrong triple or a wrong query each fail here.

use fengong_store::Store;
use oxigraph::model::{Literal, Term};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

mod support;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seeds ingested once into an on-disk store for all tests of this file.
fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| support::seed_store("queries"))
}

/// The three gold documents.
fn gold() -> &'static [Value] {
    static GOLD: OnceLock<Vec<Value>> = OnceLock::new();
    GOLD.get_or_init(support::gold_documents)
}

/// Gold tasks with their document: (document, task).
fn gold_tasks() -> impl Iterator<Item = (&'static Value, &'static Value)> {
    gold()
        .iter()
        .flat_map(|d| d["tasks"].as_array().unwrap().iter().map(move |t| (d, t)))
}

/// The names of a gold role list, as written.
fn written(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// The agency a gold name denotes, by its preferred label in the graph (the registry's
/// official name, or the name itself for a provisional agency).
fn canon(name: &str) -> String {
    fengong_registry::Registry::embedded()
        .agency(name, Some("广东省"), false)
        .label
}

/// The agencies of a gold role list, by preferred label.
fn names(v: &Value) -> Vec<String> {
    written(v).iter().map(|n| canon(n)).collect()
}

/// Preferred labels of an agency and of every agency it was renamed from or to, following
/// the registry's renames and successions.
fn lineage(name: &str) -> BTreeSet<String> {
    let reg = fengong_registry::Registry::embedded();
    let mut group = BTreeSet::from([canon(name)]);
    loop {
        let before = group.len();
        for c in reg.changes.iter().filter(|c| c.kind.continues()) {
            if c.from.iter().chain(&c.to).any(|n| group.contains(n)) {
                group.extend(c.from.iter().chain(&c.to).cloned());
            }
        }
        if group.len() == before {
            return group;
        }
    }
}

fn title(d: &Value) -> String {
    d["document"]["title"].as_str().unwrap().to_owned()
}

/// Runs `queries/NAME.rq` with bindings; rows as column → text.
fn run(name: &str, binds: &[(&str, &str)]) -> Vec<BTreeMap<String, String>> {
    let bindings: Vec<(String, Term)> = binds
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Literal::from(*v).into()))
        .collect();
    run_bound(name, &bindings)
}

/// Runs `queries/NAME.rq` with terms bound.
fn run_bound(name: &str, bindings: &[(String, Term)]) -> Vec<BTreeMap<String, String>> {
    let sparql = std::fs::read_to_string(root().join("queries").join(format!("{name}.rq")))
        .expect("query file");
    store().select(&sparql, bindings).expect("query runs")
}

fn col(rows: &[BTreeMap<String, String>], k: &str) -> Vec<String> {
    rows.iter()
        .map(|r| r.get(k).cloned().unwrap_or_default())
        .collect()
}

/// (plan title, task title) of gold tasks where `role` names `agency` or a renamed
/// predecessor or successor of it.
fn gold_role(agency: &str, role: &str) -> BTreeSet<(String, String)> {
    let group = lineage(agency);
    gold_tasks()
        .filter(|(_, t)| names(&t[role]).iter().any(|n| group.contains(n)))
        .map(|(d, t)| (title(d), t["title"].as_str().unwrap().to_owned()))
        .collect()
}

fn pairs(rows: &[BTreeMap<String, String>]) -> BTreeSet<(String, String)> {
    rows.iter()
        .map(|r| (r["plan"].clone(), r["title"].clone()))
        .collect()
}

#[test]
fn lead_cooperate_and_shared_totals_equal_the_gold() {
    let s = store().stats().unwrap();
    let total = |role: &str| -> u64 {
        gold_tasks()
            .map(|(_, t)| t[role].as_array().unwrap().len() as u64)
            .sum()
    };
    // 6 + 45 + 30, worked out by hand from the three gold files.
    assert_eq!(s.lead, 81);
    assert_eq!(s.lead, total("lead"));
    assert_eq!(s.cooperate, total("cooperate"));
    assert_eq!(s.co_responsible, total("co_responsible"));
    assert_eq!(s.supervisor, total("supervisors"));
    assert_eq!(s.tasks, 91);
    assert_eq!((s.plans, s.articles), (3, 2));
}

#[test]
fn role_counts_per_plan() {
    let rows = run("role-counts", &[]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    for d in gold() {
        let row = rows
            .iter()
            .find(|r| r["plan"] == title(d))
            .unwrap_or_else(|| panic!("no row for {}", title(d)));
        for (col, role) in [
            ("lead", "lead"),
            ("cooperate", "cooperate"),
            ("coResponsible", "co_responsible"),
            ("supervisor", "supervisors"),
        ] {
            let want: usize = d["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t[role].as_array().unwrap().len())
                .sum();
            assert_eq!(row[col], want.to_string(), "{} {col}", title(d));
        }
        assert_eq!(row["year"], d["document"]["year"].to_string());
    }
}

#[test]
fn what_an_agency_leads_across_renames() {
    for agency in ["省政务服务和数据管理局", "省政务服务数据管理局", "省科技厅"]
    {
        let rows = run("agency-leads", &[("agencyName", agency)]);
        let want = gold_role(agency, "lead");
        assert!(!want.is_empty(), "{agency} leads something in the gold");
        assert_eq!(pairs(&rows), want, "{agency}");
        assert_eq!(rows.len(), want.len(), "{agency}: one row per task");
        // Each row says which name its plan used, as the gold writes it.
        for r in &rows {
            let (_, t) = gold_tasks()
                .find(|(d, t)| title(d) == r["plan"] && t["title"] == r["title"].as_str())
                .unwrap();
            assert!(written(&t["lead"]).contains(&r["nameAsWritten"]), "{r:?}");
        }
    }
    // The renamed agency's tasks come from all three Guangdong plans, under both names.
    let rows = run("agency-leads", &[("agencyName", "省政务服务数据管理局")]);
    let plans: BTreeSet<_> = col(&rows, "plan").into_iter().collect();
    assert_eq!(plans.len(), 3, "{plans:?}");
    let used: BTreeSet<_> = col(&rows, "nameAsWritten").into_iter().collect();
    assert_eq!(
        used,
        BTreeSet::from([
            "省政务服务和数据管理局".to_owned(),
            "省政务服务数据管理局".to_owned()
        ])
    );
    // A name no agency has gives no rows.
    assert!(run("agency-leads", &[("agencyName", "省不存在局")]).is_empty());
}

#[test]
fn what_an_agency_cooperates_on() {
    let agency = "省工业和信息化厅";
    let rows = run("agency-cooperates", &[("agencyName", agency)]);
    assert_eq!(pairs(&rows), gold_role(agency, "cooperate"));
    // The leads column names the task's leads as the gold has them.
    for r in &rows {
        let (_, t) = gold_tasks()
            .find(|(d, t)| title(d) == r["plan"] && t["title"] == r["title"].as_str())
            .unwrap();
        let mut want = names(&t["lead"]);
        want.sort();
        let mut got: Vec<String> = r
            .get("leads")
            .map(|l| l.split('、').map(str::to_owned).collect())
            .unwrap_or_default();
        got.retain(|s| !s.is_empty());
        got.sort();
        assert_eq!(got, want, "{}", r["title"]);
    }
}

#[test]
fn everything_an_agency_does() {
    let agency = "省财政厅";
    let rows = run("agency-duties", &[("agencyName", agency)]);
    let mut want = BTreeSet::new();
    for (role, key) in [
        ("lead", "lead"),
        ("cooperate", "cooperate"),
        ("co_responsible", "co_responsible"),
    ] {
        for (p, t) in gold_role(agency, key) {
            want.insert((role.to_owned(), p, t));
        }
    }
    let got: BTreeSet<_> = rows
        .iter()
        .map(|r| (r["role"].clone(), r["plan"].clone(), r["title"].clone()))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}

#[test]
fn which_agencies_work_together() {
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (_, t) in gold_tasks() {
        let mut all: Vec<String> = ["lead", "cooperate", "co_responsible"]
            .iter()
            .flat_map(|r| names(&t[*r]))
            .collect();
        all.sort();
        all.dedup();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                *want.entry((a.clone(), b.clone())).or_default() += 1;
            }
        }
    }
    let got: BTreeMap<(String, String), usize> = run("collaborations", &[])
        .into_iter()
        .map(|r| {
            let (a, b) = (r["agency1"].clone(), r["agency2"].clone());
            let key = if a < b { (a, b) } else { (b, a) };
            (key, r["tasks"].parse().unwrap())
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn who_relies_on_whom() {
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (_, t) in gold_tasks() {
        for l in names(&t["lead"]) {
            for c in names(&t["cooperate"]) {
                *want.entry((l.clone(), c)).or_default() += 1;
            }
        }
    }
    let got: BTreeMap<(String, String), usize> = run("lead-cooperate-pairs", &[])
        .into_iter()
        .map(|r| {
            (
                (r["lead"].clone(), r["cooperator"].clone()),
                r["tasks"].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn tasks_per_agency_per_year() {
    let mut want: BTreeMap<(String, String), [usize; 3]> = BTreeMap::new();
    for (d, t) in gold_tasks() {
        let year = d["document"]["year"].to_string();
        for (k, role) in ["lead", "cooperate", "co_responsible"].iter().enumerate() {
            for n in names(&t[*role]) {
                want.entry((n, year.clone())).or_default()[k] += 1;
            }
        }
    }
    let got: BTreeMap<(String, String), [usize; 3]> = run("tasks-per-agency-per-year", &[])
        .into_iter()
        .map(|r| {
            let n = |k: &str| r[k].parse::<usize>().unwrap();
            assert_eq!(n("total"), n("lead") + n("cooperate") + n("coResponsible"));
            (
                (r["agency"].clone(), r["year"].clone()),
                [n("lead"), n("cooperate"), n("coResponsible")],
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn the_agencies_of_one_plan() {
    let d = gold()
        .iter()
        .find(|d| title(d) == "数字广东建设2024年工作要点")
        .unwrap();
    let mut want: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for t in d["tasks"].as_array().unwrap() {
        for (k, role) in ["lead", "cooperate", "co_responsible"].iter().enumerate() {
            for n in names(&t[*role]) {
                want.entry(n).or_default()[k] += 1;
            }
        }
    }
    let rows = run("plan-agencies", &[("planTitle", "数字广东建设2024")]);
    assert!(rows.iter().all(|r| r["plan"] == title(d)));
    let got: BTreeMap<String, [usize; 3]> = rows
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].parse::<usize>().unwrap();
            (
                r["agency"].clone(),
                [n("lead"), n("cooperate"), n("coResponsible")],
            )
        })
        .collect();
    // The gold's document table: 54 distinct agencies in 002.
    assert_eq!(got.len(), 54);
    assert_eq!(got, want);
}

#[test]
fn agencies_that_lead_the_most() {
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for (_, t) in gold_tasks() {
        for n in names(&t["lead"]) {
            *want.entry(n).or_default() += 1;
        }
    }
    let rows = run("top-leads", &[]);
    let got: BTreeMap<String, usize> = rows
        .iter()
        .map(|r| (r["agency"].clone(), r["tasks"].parse().unwrap()))
        .collect();
    assert_eq!(got, want);
    // Ordered by count, most first.
    let counts: Vec<usize> = col(&rows, "tasks")
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(counts[0], *want.values().max().unwrap());
}

#[test]
fn tasks_without_a_lead() {
    let want: BTreeSet<(String, String)> = gold_tasks()
        .filter(|(_, t)| t["lead"].as_array().unwrap().is_empty())
        .map(|(d, t)| (title(d), t["title"].as_str().unwrap().to_owned()))
        .collect();
    // 002 has 19 tasks whose agencies share responsibility with no lead (the gold's table).
    assert_eq!(want.len(), 19);
    let rows = run("tasks-without-lead", &[]);
    assert_eq!(pairs(&rows), want);
    for r in &rows {
        let (_, t) = gold_tasks()
            .find(|(d, t)| title(d) == r["plan"] && t["title"] == r["title"].as_str())
            .unwrap();
        let mut got: Vec<&str> = r["jointlyResponsible"].split('、').collect();
        got.sort();
        let mut want = names(&t["co_responsible"]);
        want.sort();
        assert_eq!(got, want);
    }
}

#[test]
fn supervisors_and_their_tasks() {
    let mut want: BTreeSet<(String, String, String)> = BTreeSet::new();
    for (_, t) in gold_tasks() {
        for s in t["supervisors"].as_array().unwrap() {
            want.insert((
                s["name"].as_str().unwrap().to_owned(),
                s["post"].as_str().unwrap().to_owned(),
                t["title"].as_str().unwrap().to_owned(),
            ));
        }
    }
    let rows = run("supervisors", &[]);
    let got: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["person"].clone(),
                r.get("post").cloned().unwrap_or_default(),
                r["title"].clone(),
            )
        })
        .collect();
    assert_eq!(got, want);
    // The gold table: 4 distinct persons.
    let people: BTreeSet<_> = got.iter().map(|(p, _, _)| p.clone()).collect();
    assert_eq!(people.len(), 4);
    let one = run(
        "supervisors",
        &[("personName", &people.first().unwrap().clone())],
    );
    assert!(!one.is_empty() && one.iter().all(|r| &r["person"] == people.first().unwrap()));
}

#[test]
fn the_plans_in_the_store() {
    let rows = run("plans", &[]);
    assert_eq!(rows.len(), 5);
    for d in gold() {
        let r = rows
            .iter()
            .find(|r| r.get("title") == Some(&title(d)))
            .unwrap_or_else(|| panic!("{} listed", title(d)));
        assert_eq!(r["kind"], "plan");
        assert_eq!(r["tasks"], d["tasks"].as_array().unwrap().len().to_string());
        assert_eq!(r["issuer"], d["document"]["issuer"].as_str().unwrap());
    }
    assert_eq!(rows.iter().filter(|r| r["kind"] == "article").count(), 2);
}

#[test]
fn an_agency_profile_gives_its_names_place_parent_and_changes() {
    // Expected values are the registry's entry and [[change]] for this office
    // (data/registry/guangdong.toml): renamed in 2024-01, part of the provincial government.
    let e = fengong_registry::Registry::embedded().agency(
        "省政务服务数据管理局",
        Some("广东省"),
        false,
    );
    let iri = fengong_rdf::iri::agency(&e.key);
    let rows = run_bound(
        "agency-profile",
        &[(
            "a".to_owned(),
            oxigraph::model::NamedNode::new_unchecked(iri.as_str()).into(),
        )],
    );
    let got: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r["prop"].clone(), r["value"].clone()))
        .collect();
    for want in [
        ("became", "广东省政务服务和数据管理局 (rename, 2024-01)"),
        ("jurisdiction", "广东省"),
        ("part of", "广东省人民政府"),
        ("also written", "省政务服务数据管理局"),
    ] {
        assert!(
            got.contains(&(want.0.to_owned(), want.1.to_owned())),
            "{want:?} in {got:?}"
        );
    }
    assert!(!got.iter().any(|(p, _)| p == "provisional"));
}
