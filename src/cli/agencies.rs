//! `agencies` and `agency`: the resolved agencies in the store, and one agency in full.

use super::{fail, table, Format};
use fengong_ask::{self as ask, AskError, Form, Language, Question, Scope};
use fengong_registry::Registry;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

type Row = BTreeMap<String, String>;

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
    from: &super::ReadFrom,
    search: Option<&str>,
    unresolved: bool,
    format: ListFormat,
) -> ExitCode {
    let store = match from.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut list = match fengong_store::agencies::list(&store) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if let Some(q) = search {
        let q = fengong_parse::text::script::to_simplified(q).text;
        // A short form finds the full names it stands for (发改委 → 发展和改革委员会).
        let terms = match fengong_registry::Registry::load(&[]) {
            Ok(registry) => registry.search_terms(&q),
            Err(_) => vec![q.clone()],
        };
        list.retain(|r| {
            r["namesUsed"].contains(&q) || terms.iter().any(|t| r["agency"].contains(t.as_str()))
        });
    }
    let mut columns: Vec<&str> = COLUMNS.to_vec();
    if unresolved {
        list.retain(|r| r["provisional"] == "true");
        // Say why each failed and what is nearest, so a curator knows what to add.
        if let Ok(registry) = fengong_registry::Registry::load(&[]) {
            for r in &mut list {
                let name = r["agency"].clone();
                let j = r.get("jurisdiction").cloned().filter(|j| !j.is_empty());
                r.insert("why".into(), registry.why_unresolved(&name, j.as_deref()));
                r.insert("suggestions".into(), registry.suggest(&name, 3).join("、"));
            }
            columns.extend(["why", "suggestions"]);
        }
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
            writeln!(out, "{}", columns.join(",")).and_then(|_| {
                list.iter().try_for_each(|r| {
                    let cells: Vec<String> = columns
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
                    columns
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
            let mut headers = vec![
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
            headers.extend(&columns[COLUMNS.len()..]);
            let groups = list
                .iter()
                .filter(|r| r.get("kind").is_some_and(|k| k == "collective group"))
                .count();
            let agencies = list.len() - groups;
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            table::write(&mut out, "", &headers, &cells).and_then(|_| {
                writeln!(
                    out,
                    "({} and {} with a role in some task{}; each counted under the name it had \
                     then: `fengong agency NAME`, `rank` and `ask` count a renamed agency together \
                     with its former names)",
                    plural(agencies, "agency", "agencies"),
                    plural(groups, "collective group", "collective groups"),
                    if search.is_none() && !unresolved {
                        "; `fengong stats` counts the same"
                    } else {
                        ""
                    }
                )
            })
        }
    };
    let _ = written;
    ExitCode::SUCCESS
}

/// No agency by that name: say so, with the closest names.
fn unknown(registry: &Registry, name: &str, mut suggestions: Vec<String>) -> ExitCode {
    if suggestions.is_empty() {
        suggestions = registry.suggest(name, 5);
    }
    let hint = if suggestions.is_empty() {
        "; `fengong agencies --search TEXT` lists the agencies in the store".to_owned()
    } else {
        format!("; did you mean: {}", suggestions.join("、"))
    };
    fail(format!("no agency named {name}{hint}"))
}

pub fn agency(
    from: &super::ReadFrom,
    name: &str,
    format: Format,
    pages: &super::ask::Pages,
    registry_dirs: &[PathBuf],
) -> ExitCode {
    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let store = match from.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let (name, traditional) = {
        let s = fengong_parse::text::script::to_simplified(name.trim());
        (s.text, s.converted_lines > 0)
    };
    // `ask`'s reading of the name (exact labels through the store's index, 杭州市发改委 as the
    // 市发改委 of 杭州市, the registry's forms, renames both ways) and its duties lookup.
    let question = Question {
        text: name.clone(),
        language: Language::En,
        form: Form::Duties {
            subject: name.clone(),
        },
        years: None,
        bare: false,
        traditional,
        place: None,
        ignored: Vec::new(),
    };
    let answer = match ask::ask_page(&store, &registry, question, &Scope::default(), pages.page()) {
        Ok(a) => a,
        Err(AskError::UnknownAgency { suggestions, .. }) => {
            return unknown(&registry, &name, suggestions)
        }
        Err(AskError::Ambiguous {
            places, options, ..
        }) => {
            let more = match options.len() {
                n if n > 8 => format!(" and {} more", n - 8),
                _ => String::new(),
            };
            let shown: Vec<&str> = options.iter().take(8).map(String::as_str).collect();
            return fail(format!(
                "{name} names agencies of {places} places ({}{more}); write the place, e.g. {}",
                shown.join("、"),
                shown.first().copied().unwrap_or("广东省科学技术厅")
            ));
        }
        Err(e) => return fail(e),
    };
    // A name no agency has may be an official's, which `ask` answers; not this command.
    let Some(subject) = answer.subjects.first().filter(|s| !s.person) else {
        return unknown(&registry, &name, Vec::new());
    };
    let label = subject
        .labels
        .first()
        .cloned()
        .unwrap_or_else(|| name.clone());
    let mut profile = match subject.iris.first() {
        Some(iri) => match fengong_store::agencies::profile(&store, iri) {
            Ok(r) => r,
            Err(e) => return fail(e),
        },
        None => Vec::new(),
    };
    // The name the body uses in English, where the registry gives one.
    if let Some(en) = registry
        .by_name(&label)
        .and_then(|k| registry.agencies[k].en.clone())
    {
        let mut r = Row::new();
        r.insert("prop".into(), "English name".into());
        r.insert("value".into(), en);
        profile.insert(0, r);
    }
    let duties: Vec<Row> = answer
        .lines
        .iter()
        .map(|l| {
            let mut r = Row::new();
            r.insert("agency".into(), l.agency.clone());
            r.insert("role".into(), l.role.clone());
            r.insert("plan".into(), l.plan.title.clone());
            if let Some(y) = l.plan.year {
                r.insert("year".into(), y.to_string());
            }
            let mark = if l.corrections.is_empty() { "" } else { " †" };
            r.insert(
                "number".into(),
                format!("{}{mark}", fengong_ask::words::cited(&l.task)),
            );
            r.insert("title".into(), l.task.title.clone());
            let written = l.as_written.clone().unwrap_or_else(|| l.agency.clone());
            r.insert("nameAsWritten".into(), written);
            // The table quotes the plan in its own script, as `ask` does.
            if let Some(f) = &l.in_file {
                r.insert("nameInFile".into(), f.clone());
            }
            r.insert("task".into(), l.task.iri.clone());
            r
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Json => {
            let v = serde_json::json!({
                "agency": label,
                "also_matched": &subject.labels[1.min(subject.labels.len())..],
                "lineage": &subject.lineage,
                "profile": profile,
                "page": answer.page,
                "tasks": answer.lines.iter().zip(&duties).map(|(l, r)| {
                    let mut v = serde_json::to_value(r).unwrap_or_default();
                    // The † is for the table; JSON says it with the corrections themselves.
                    if let Some(o) = v.as_object_mut() {
                        o.remove("number");
                        if !l.task.number.is_empty() {
                            o.insert("number".into(), l.task.number.clone().into());
                        }
                        o.insert("cited".into(), fengong_ask::words::cited(&l.task).into());
                        if !l.corrections.is_empty() {
                            o.insert("corrections".into(), serde_json::to_value(&l.corrections).unwrap_or_default());
                        }
                    }
                    v
                }).collect::<Vec<_>>(),
            });
            writeln!(out, "{v}")
        }
        Format::Table => (|| {
            writeln!(out, "{label}")?;
            for other in subject.labels.iter().skip(1) {
                writeln!(out, "  (the name also matches {other})")?;
            }
            for other in &subject.lineage {
                writeln!(
                    out,
                    "  (with its tasks under its former or later name {other})"
                )?;
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
                // A page counts the whole answer and says how much of it is shown.
                let all = answer
                    .page
                    .as_ref()
                    .and_then(|p| p.roles.get(role).copied())
                    .unwrap_or(mine.len());
                let shown = if all > mine.len() {
                    format!(" ({} on this page)", mine.len())
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "\n{heading} {}{shown}:",
                    super::plural(all as u64, "task")
                )?;
                let cells: Vec<Vec<String>> = mine
                    .iter()
                    .map(|r| {
                        let g = |k: &str| r.get(k).cloned().unwrap_or_default();
                        let written = r
                            .get("nameInFile")
                            .cloned()
                            .unwrap_or_else(|| g("nameAsWritten"));
                        let year = g("year");
                        vec![
                            if year.is_empty() {
                                "?".to_owned()
                            } else {
                                year
                            },
                            g("plan"),
                            g("number"),
                            table::fit(&g("title")),
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
            let notes = fengong_ask::words::correction_notes(&answer.lines, false);
            if !notes.is_empty() {
                writeln!(out)?;
            }
            for note in notes {
                writeln!(out, "{note}")?;
            }
            if let Some(next) = pages.next(answer.page.as_ref()) {
                writeln!(out, "\n({next})")?;
            }
            Ok(())
        })(),
    };
    let _ = written;
    ExitCode::SUCCESS
}
