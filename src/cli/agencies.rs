//! `agencies` and `agency`: the resolved agencies in the store, and one agency in full.

use super::{fail, table, Format};
use fengong::store::Store;
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::QueryResults;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

const AGENCIES: &str = include_str!("../../queries/agencies.rq");
const DUTIES: &str = include_str!("../../queries/agency-duties.rq");
const LABELS: &str = "SELECT DISTINCT ?agency WHERE { ?a skos:prefLabel|skos:altLabel ?l . \
     FILTER(STR(?l) = STR(?agencyName)) ?a skos:prefLabel ?agency } ORDER BY ?agency";
const PROFILE: &str = "SELECT ?prop ?value WHERE { \
     ?a skos:prefLabel ?l . FILTER(STR(?l) = STR(?agencyName)) \
     { ?a skos:altLabel ?value BIND(\"also written\" AS ?prop) } \
     UNION { ?a fg:jurisdiction ?value BIND(\"jurisdiction\" AS ?prop) } \
     UNION { ?a org:subOrganizationOf/skos:prefLabel ?value BIND(\"part of\" AS ?prop) } \
     UNION { ?a fg:provisional true BIND(\"provisional\" AS ?prop) BIND(\"matched no registry entry\" AS ?value) } \
     UNION { ?a org:changedBy ?e . ?e org:resultingOrganization/skos:prefLabel ?to ; fg:changeKind ?k . \
             OPTIONAL { ?e dcterms:date ?d } \
             BIND(\"became\" AS ?prop) BIND(CONCAT(?to, \" (\", ?k, COALESCE(CONCAT(\", \", ?d), \"\"), \")\") AS ?value) } \
     UNION { ?a org:resultedFrom ?e . ?e org:originalOrganization/skos:prefLabel ?from ; fg:changeKind ?k . \
             OPTIONAL { ?e dcterms:date ?d } \
             BIND(\"came from\" AS ?prop) BIND(CONCAT(?from, \" (\", ?k, COALESCE(CONCAT(\", \", ?d), \"\"), \")\") AS ?value) } \
   } ORDER BY ?prop ?value";

type Row = BTreeMap<String, String>;

fn rows(store: &Store, sparql: &str, bind: Option<&str>) -> Result<Vec<Row>, String> {
    let bindings: Vec<(String, Term)> = bind
        .map(|v| vec![("agencyName".to_owned(), Literal::from(v).into())])
        .unwrap_or_default();
    let QueryResults::Solutions(solutions) =
        store.query(sparql, &bindings).map_err(|e| e.to_string())?
    else {
        return Err("expected rows".into());
    };
    solutions
        .map(|r| {
            r.map_err(|e| e.to_string()).map(|r| {
                r.iter()
                    .map(|(v, t)| {
                        let text = match t {
                            Term::Literal(l) => l.value().to_owned(),
                            other => other.to_string(),
                        };
                        (v.as_str().to_owned(), text)
                    })
                    .collect()
            })
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

const COLUMNS: [&str; 9] = [
    "agency",
    "jurisdiction",
    "kind",
    "lead",
    "cooperate",
    "coResponsible",
    "plans",
    "provisional",
    "namesUsed",
];

pub fn agencies(
    dir: &Path,
    search: Option<&str>,
    unresolved: bool,
    format: ListFormat,
) -> ExitCode {
    let store = match Store::open_read_only(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut list = match rows(&store, AGENCIES, None) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Some(q) = search {
        let q = fengong::text::script::to_simplified(q).text;
        list.retain(|r| r["agency"].contains(&q) || r["namesUsed"].contains(&q));
    }
    if unresolved {
        list.retain(|r| r["provisional"] == "true");
    }
    let mut out = std::io::stdout().lock();
    let written = match format {
        ListFormat::Json => list.iter().try_for_each(|r| {
            let v: serde_json::Map<String, serde_json::Value> = r
                .iter()
                .map(|(k, v)| {
                    let value = match v.parse::<u64>() {
                        Ok(n) if k != "agency" => n.into(),
                        _ if k == "provisional" => (v == "true").into(),
                        _ => v.clone().into(),
                    };
                    (k.clone(), value)
                })
                .collect();
            writeln!(out, "{}", serde_json::Value::Object(v))
        }),
        ListFormat::Csv => {
            let quote = |s: &str| {
                if s.contains([',', '"', '\n']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_owned()
                }
            };
            writeln!(out, "{}", COLUMNS.join(",")).and_then(|_| {
                list.iter().try_for_each(|r| {
                    let cells: Vec<String> = COLUMNS
                        .iter()
                        .map(|c| quote(r.get(*c).map(String::as_str).unwrap_or("")))
                        .collect();
                    writeln!(out, "{}", cells.join(","))
                })
            })
        }
        ListFormat::Table => {
            let cells: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    COLUMNS
                        .iter()
                        .map(|c| {
                            let v = r.get(*c).cloned().unwrap_or_default();
                            match *c {
                                "provisional" => if v == "true" { "yes" } else { "" }.to_owned(),
                                "namesUsed" => table::clip(&v, 40),
                                _ => v,
                            }
                        })
                        .collect()
                })
                .collect();
            let headers = [
                "agency",
                "jurisdiction",
                "kind",
                "lead",
                "cooperate",
                "jointly",
                "plans",
                "provisional",
                "names used",
            ];
            table::write(&mut out, "", &headers, &cells)
                .and_then(|_| writeln!(out, "({} agencies)", cells.len()))
        }
    };
    let _ = written;
    ExitCode::SUCCESS
}

pub fn agency(dir: &Path, name: &str, format: Format) -> ExitCode {
    let store = match Store::open_read_only(dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let name = fengong::text::script::to_simplified(name.trim()).text;
    // A label the store knows, else whatever the registry makes of the name.
    let mut found = match rows(&store, LABELS, Some(&name)) {
        Ok(r) => r
            .into_iter()
            .map(|r| r["agency"].clone())
            .collect::<Vec<_>>(),
        Err(e) => return fail(e),
    };
    if found.is_empty() {
        found = fengong::resolve::registered(&name);
    }
    let Some(label) = found.first().cloned() else {
        let suggestions = fengong::resolve::suggest(&name, 5);
        let hint = if suggestions.is_empty() {
            "; `fengong agencies --search TEXT` lists the agencies in the store".to_owned()
        } else {
            format!("; did you mean: {}", suggestions.join("、"))
        };
        return fail(format!("no agency named {name}{hint}"));
    };
    let profile = match rows(&store, PROFILE, Some(&label)) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let duties = match rows(&store, DUTIES, Some(&label)) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Json => {
            let v = serde_json::json!({
                "agency": label,
                "also_matched": &found[1..],
                "profile": profile,
                "tasks": duties,
            });
            writeln!(out, "{v}")
        }
        Format::Table => (|| {
            writeln!(out, "{label}")?;
            for other in &found[1..] {
                writeln!(out, "  (the name also matches {other})")?;
            }
            for r in &profile {
                writeln!(out, "  {}: {}", r["prop"], r["value"])?;
            }
            for (role, heading) in [
                ("lead", "leads"),
                ("cooperate", "cooperates on"),
                ("co_responsible", "shares responsibility for"),
            ] {
                let mine: Vec<&Row> = duties.iter().filter(|r| r["role"] == role).collect();
                if mine.is_empty() {
                    continue;
                }
                writeln!(out, "\n{heading} {} tasks:", mine.len())?;
                let cells: Vec<Vec<String>> = mine
                    .iter()
                    .map(|r| {
                        let g = |k: &str| r.get(k).cloned().unwrap_or_default();
                        let written = g("nameAsWritten");
                        vec![
                            g("year"),
                            table::clip(&g("plan"), 24),
                            g("number"),
                            table::clip(&g("title"), 36),
                            if written == g("agency") {
                                String::new()
                            } else {
                                written
                            },
                        ]
                    })
                    .collect();
                table::write(
                    &mut out,
                    "  ",
                    &["year", "plan", "no.", "task", "named as"],
                    &cells,
                )?;
            }
            Ok(())
        })(),
    };
    let _ = written;
    ExitCode::SUCCESS
}
