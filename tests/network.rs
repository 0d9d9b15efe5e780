//! The collaboration network built from the store agrees with the gold annotations: role
//! counts per agency, renamed agencies merged along the registry's lineage, filters, and the
//! analysis saved back into the store. Expected values are computed from the gold files.

use fengong_network::measures::{analyse, Measure, Settings};
use fengong_network::{self as network, Filter};
use fengong_store::network::{read, save};
use fengong_store::Store;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

mod support;
use support::fengong;

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| support::seed_store("network"))
}

fn gold() -> Vec<Value> {
    support::gold_documents()
}

fn entity(name: &str) -> fengong_registry::Entity {
    fengong_registry::Registry::embedded().agency(name, Some("广东省"), false)
}

/// The latest label of an agency's lineage, following the registry's renames and successions.
fn latest(label: &str) -> String {
    let reg = fengong_registry::Registry::embedded();
    let mut at = label.to_owned();
    for _ in 0..10 {
        match reg
            .changes
            .iter()
            .find(|c| c.kind.continues() && c.from.len() == 1 && c.from[0] == at && c.to.len() == 1)
        {
            Some(c) => at = c.to[0].clone(),
            None => break,
        }
    }
    at
}

/// (leads, cooperates, shares) per agency from the gold files: an agency named twice on a
/// task counts once, in its strongest role (lead, then jointly responsible, then cooperating).
/// Merged lines of renames go by the name of their latest member in the gold of `year`.
fn gold_counts(merge: bool, collectives: bool, year: Option<i64>) -> BTreeMap<String, [u32; 3]> {
    gold_counts_named(merge, collectives, year, year)
}

/// As [`gold_counts`], with merged lines named after the gold of `named_in` (`None`: every
/// year), as a network over those years names them.
fn gold_counts_named(
    merge: bool,
    collectives: bool,
    year: Option<i64>,
    named_in: Option<i64>,
) -> BTreeMap<String, [u32; 3]> {
    let in_year =
        |d: &Value, y: Option<i64>| y.is_none_or(|y| d["document"]["year"].as_i64() == Some(y));
    let key_of = |label: String| if merge { latest(&label) } else { label };
    // Per line: each member's latest year and number of roles in the gold.
    let mut used: BTreeMap<String, BTreeMap<String, (i64, u32)>> = BTreeMap::new();
    for d in gold().iter().filter(|d| in_year(d, named_in)) {
        let y = d["document"]["year"].as_i64().unwrap_or(0);
        for t in d["tasks"].as_array().unwrap() {
            for key in ["lead", "co_responsible", "cooperate"] {
                for n in t[key].as_array().unwrap() {
                    let e = entity(n.as_str().unwrap());
                    let u = used
                        .entry(key_of(e.label.clone()))
                        .or_default()
                        .entry(e.label)
                        .or_default();
                    u.0 = u.0.max(y);
                    u.1 += 1;
                }
            }
        }
    }
    // The latest member named, the line's latest label on a tie.
    let name_of = |key: &str| -> String {
        used.get(key)
            .and_then(|m| {
                m.iter()
                    .max_by_key(|(l, u)| (**u, *l == key))
                    .map(|(l, _)| l.clone())
            })
            .unwrap_or_else(|| key.to_owned())
    };
    let mut out: BTreeMap<String, [u32; 3]> = BTreeMap::new();
    for d in gold().iter().filter(|d| in_year(d, year)) {
        for t in d["tasks"].as_array().unwrap() {
            let mut best: BTreeMap<String, usize> = BTreeMap::new();
            for (slot, key) in [(0, "lead"), (2, "co_responsible"), (1, "cooperate")] {
                for n in t[key].as_array().unwrap() {
                    let e = entity(n.as_str().unwrap());
                    if e.collective && !collectives {
                        continue;
                    }
                    best.entry(key_of(e.label)).or_insert(slot);
                }
            }
            for (key, slot) in best {
                out.entry(name_of(&key)).or_default()[slot] += 1;
            }
        }
    }
    out
}

/// Per agency (renames merged, collective groups left out), the agencies it shares a gold
/// task with.
fn gold_partners() -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let named: Vec<String> = gold_counts(true, false, None).into_keys().collect();
    let name_of = |label: &str| -> String {
        let key = latest(label);
        named
            .iter()
            .find(|n| latest(n) == key)
            .cloned()
            .unwrap_or(key)
    };
    let mut out: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for d in gold() {
        for t in d["tasks"].as_array().unwrap() {
            let mut on: Vec<String> = Vec::new();
            for key in ["lead", "co_responsible", "cooperate"] {
                for n in t[key].as_array().unwrap() {
                    let e = entity(n.as_str().unwrap());
                    if !e.collective {
                        on.push(name_of(&e.label));
                    }
                }
            }
            for a in &on {
                for b in &on {
                    if a != b {
                        out.entry(a.clone()).or_default().insert(b.clone());
                    }
                }
            }
        }
    }
    out
}

fn counts(filter: &Filter) -> BTreeMap<String, [u32; 3]> {
    let source = read(store()).expect("network reads");
    network::build(&source, filter)
        .nodes
        .iter()
        .map(|n| (n.label.clone(), [n.leads, n.cooperates, n.shares]))
        .collect()
}

#[test]
fn role_counts_per_agency_equal_the_gold_with_renames_apart() {
    let filter = Filter {
        merge_lineage: false,
        collectives: true,
        ..Filter::default()
    };
    assert_eq!(counts(&filter), gold_counts(false, true, None));
}

#[test]
fn renamed_agencies_merge_and_collectives_drop_by_default() {
    let merged = counts(&Filter::default());
    assert_eq!(merged, gold_counts(true, false, None));
    // The rename of 省政务服务数据管理局 is one node whose leads add up over 2022–2024.
    let apart = gold_counts(false, true, None);
    let old = entity("省政务服务数据管理局").label;
    let new = entity("省政务服务和数据管理局").label;
    assert_ne!(old, new);
    assert_eq!(merged[&new][0], apart[&old][0] + apart[&new][0]);
    assert!(!merged.contains_key(&old));
}

#[test]
fn rank_by_leads_lists_the_gold_top_agencies() {
    let source = read(store()).unwrap();
    let net = network::build(&source, &Filter::default());
    let a = analyse(&net, &Settings::default());
    let ranked: Vec<(String, u32)> = a
        .order_by(Measure::Leads)
        .into_iter()
        .take(8)
        .map(|i| (net.nodes[i].label.clone(), net.nodes[i].leads))
        .collect();
    let mut expected: Vec<(String, u32)> = gold_counts(true, false, None)
        .into_iter()
        .map(|(l, c)| (l, c[0]))
        .collect();
    // Ties go to more partners (agencies sharing a task, in the gold), then by name.
    let partners = gold_partners();
    let p = |l: &str| partners.get(l).map_or(0, |s| s.len());
    expected.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(p(&b.0).cmp(&p(&a.0)))
            .then(a.0.cmp(&b.0))
    });
    expected.truncate(8);
    assert_eq!(ranked, expected);
    // Every measure is defined for every agency, but asymmetry, which is undefined (NaN, shown
    // blank) for an agency that neither leads nor cooperates: one that only shares.
    for m in Measure::ALL {
        for (i, v) in a.column(m).iter().enumerate() {
            let n = &net.nodes[i];
            if m == Measure::Asymmetry && n.leads + n.cooperates == 0 {
                assert!(v.is_nan(), "{}: asymmetry {v}", n.label);
            } else {
                assert!(v.is_finite(), "{m:?} of {}", n.label);
            }
        }
    }
    assert!(
        net.nodes.iter().any(|n| n.leads + n.cooperates == 0),
        "the seeds have agencies that only share"
    );
    let pr: f64 = a.column(Measure::Pagerank).iter().sum();
    assert!((pr - 1.0).abs() < 1e-9);
    assert!(a.modularity > 0.0 && a.communities > 1);
}

#[test]
fn a_year_keeps_only_that_years_plan() {
    let f = Filter {
        years: Some((2024, 2024)),
        ..Filter::default()
    };
    let source = read(store()).unwrap();
    let net = network::build(&source, &f);
    assert_eq!(net.plans.len(), 1);
    assert_eq!(net.plans[0].year, Some(2024));
    assert_eq!(counts(&f), gold_counts(true, false, Some(2024)));
    let by_title = Filter {
        plans: vec!["数字经济工作要点".into()],
        ..Filter::default()
    };
    assert_eq!(counts(&by_title), gold_counts(true, false, Some(2022)));
}

#[test]
fn a_saved_analysis_is_queryable_and_replaced_not_duplicated() {
    let source = read(store()).unwrap();
    let filter = Filter::default();
    let settings = Settings::default();
    let net = network::build(&source, &filter);
    let a = analyse(&net, &settings);
    let g1 = save(store(), &net, &a, &filter, &settings, "test run").unwrap();
    let n1 = store().graph_len(g1.as_ref()).unwrap();
    let g2 = save(store(), &net, &a, &filter, &settings, "test run").unwrap();
    assert_eq!(g1, g2);
    assert_eq!(store().graph_len(g2.as_ref()).unwrap(), n1);

    let sparql = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/central-agencies.rq"),
    )
    .unwrap();
    let oxigraph::sparql::QueryResults::Solutions(rows) = store().query(&sparql, &[]).unwrap()
    else {
        panic!("SELECT")
    };
    let rows: Vec<_> = rows.map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), net.nodes.len());
    // The first row is the agency with the highest PageRank.
    let top = a.order_by(Measure::Pagerank)[0];
    let first = match rows[0].get("agency") {
        Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
        other => panic!("{other:?}"),
    };
    assert_eq!(first, net.nodes[top].label);
    let labels: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| match r.get("agency") {
            Some(oxigraph::model::Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect();
    assert_eq!(labels.len(), net.nodes.len());
}

#[test]
fn every_term_of_a_saved_analysis_is_declared_in_the_ontology() {
    let ontology =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ontology.ttl"))
            .unwrap();
    let source = read(store()).unwrap();
    let net = network::build(&source, &Filter::default());
    let a = analyse(&net, &Settings::default());
    let run = fengong_rdf::analysis::Run {
        id: "x",
        description: "d",
        parameters: "{}",
        time: "2026-01-01T00:00:00Z",
        version: "0",
    };
    let (_, quads) = fengong_rdf::analysis::analysis_quads(&run, &net, &a);
    let fg = fengong_rdf::vocab::FG;
    let mut terms = BTreeSet::new();
    for q in &quads {
        terms.insert(q.predicate.as_str().to_owned());
        if let oxigraph::model::Term::NamedNode(n) = &q.object {
            terms.insert(n.as_str().to_owned());
        }
    }
    for t in terms.iter().filter_map(|t| t.strip_prefix(fg)) {
        assert!(
            ontology.contains(&format!("\nfg:{t} a ")),
            "fg:{t} is used but not declared in data/ontology.ttl"
        );
    }
}

/// A store of the seeds made by the binary, in its own folder.
fn cli_store(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("fengong-network-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = fengong(&["ingest"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
fn rank_by_year_has_a_column_per_plan_year_with_gold_lead_counts() {
    let dir = cli_store("by-year");
    let out = fengong(
        &[
            "rank",
            "--by",
            "leads",
            "--by-year",
            "--format",
            "csv",
            "--top",
            "0",
        ],
        &dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("agency,2022,2023,2024"));
    let rows: BTreeMap<String, Vec<String>> = lines
        .map(|l| {
            let cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            (cells[0].clone(), cells[1..].to_vec())
        })
        .collect();
    for (k, year) in [2022, 2023, 2024].into_iter().enumerate() {
        for (agency, c) in gold_counts_named(true, false, Some(year), None) {
            assert_eq!(rows[&agency][k], c[0].to_string(), "{agency} in {year}");
        }
    }
}

#[test]
fn network_commands_fail_clearly() {
    let missing = std::env::temp_dir().join(format!("fengong-network-none-{}", std::process::id()));
    let out = fengong(&["rank"], &missing);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&*missing.to_string_lossy()) && err.contains("fengong ingest"),
        "{err}"
    );
    assert!(!missing.exists(), "rank must not create a store");

    let dir = cli_store("errors");
    let out = fengong(&["rank", "--year", "二〇二四"], &dir);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a year"));
    let out = fengong(&["rank", "--plan", "no such plan"], &dir);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no agency has a role"));

    // An output file that cannot be written leaves nothing behind.
    let target = dir.join("no-such-folder").join("g.graphml");
    let out = fengong(&["export-graph", "-o", target.to_str().unwrap()], &dir);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("g.graphml"));
    assert!(!target.exists());
}

#[test]
fn communities_cover_every_agency_once() {
    let dir = cli_store("communities");
    let out = fengong(&["communities", "--format", "json"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut seen = BTreeSet::new();
    for c in v["communities"].as_array().unwrap() {
        for a in c["agencies"].as_array().unwrap() {
            assert!(seen.insert(a["agency"].as_str().unwrap().to_owned()));
        }
    }
    assert_eq!(seen, gold_counts(true, false, None).into_keys().collect());
    assert!(v["modularity"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_measure_that_does_not_converge_is_reported_and_the_rest_stand() {
    let dir = cli_store("no-convergence");
    let out = fengong(&["rank", "--max-iterations", "1", "--format", "json"], &dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PageRank did not converge in 1 iterations"),
        "{err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["agencies"][0];
    assert!(first["pagerank"].is_null());
    assert!(first["leads"].as_f64().is_some() && first["betweenness"].as_f64().is_some());
    let out = fengong(&["rank", "--tolerance", "NaN"], &dir);
    assert!(!out.status.success());
}
