//! Applying entries to a parse: pure, and total — an entry that no longer fits the plan (its
//! task gone, its quote not found) is reported, never applied to another task.

use crate::{Entry, PlanChanges, Selector, Target, TaskChanges};
use fengong_parse::duties::names::is_collective;
use fengong_parse::duties::Supervisor;
use fengong_parse::{ParsedDocument, Task};

/// One entry as applied to a document, with what the parser had said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// `corrections.toml:12`.
    pub cited: String,
    /// The task's ordinal, or `None` for the plan's own metadata.
    pub ordinal: Option<usize>,
    /// The fields changed: `lead`, `cooperate`, `co_responsible`, `supervisors`, `drop`,
    /// `title`, `year` …
    pub fields: Vec<&'static str>,
    /// The fields as parsed, one `field: value` per field (`lead: 省科技厅、省财政厅`).
    pub parser_said: String,
    /// The fields as corrected, in the same form.
    pub corrected_to: String,
    pub reason: String,
    pub by: String,
    pub date: String,
}

/// An entry that names the document but could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub cited: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}; not applied", self.cited, self.message)
    }
}

/// A parse with corrections applied.
#[derive(Debug, Clone)]
pub struct Corrected {
    pub doc: ParsedDocument,
    /// What the entries amount to ([`crate::fingerprint`]); `None` when none name the document.
    pub fingerprint: Option<String>,
    pub applied: Vec<Applied>,
    pub problems: Vec<Problem>,
}

pub(crate) use fengong_parse::model::{
    is_numeral, number_core as core, number_key, section_numeral,
};

/// The task a selector names: its index in `doc.tasks`, or why none or several match.
pub fn find_task(doc: &ParsedDocument, selector: &Selector) -> Result<usize, String> {
    let found: Vec<usize> = match selector {
        Selector::Ordinal(n) => doc
            .tasks
            .iter()
            .position(|t| t.ordinal == *n)
            .into_iter()
            .collect(),
        Selector::Number { section, number } => {
            let section = section.as_deref().map(core);
            let in_section = |t: &Task| match &section {
                None => true,
                Some(s) => t.section.as_deref().and_then(section_numeral).as_deref() == Some(s),
            };
            // As citations write numbers (`(1)` and `1、` differ); else loosely (`三` for `(三)`).
            let matching = |same: &dyn Fn(&str) -> bool| -> Vec<usize> {
                doc.tasks
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| same(&t.number) && in_section(t))
                    .map(|(i, _)| i)
                    .collect()
            };
            let exact = matching(&|n| number_key(n) == number_key(number));
            if exact.is_empty() {
                matching(&|n| core(n) == core(number))
            } else {
                exact
            }
        }
    };
    match found.as_slice() {
        [i] => Ok(*i),
        [] => Err(match selector {
            Selector::Ordinal(n) => {
                format!("the plan has no task #{n} (it has {})", doc.tasks.len())
            }
            _ => format!(
                "no task of the plan is numbered {selector} (`fengong parse` lists them; #N names the Nth)"
            ),
        }),
        many => {
            let sections: Vec<String> = many
                .iter()
                .filter_map(|i| doc.tasks[*i].section.as_deref().and_then(section_numeral))
                .collect();
            let mut distinct = sections.clone();
            distinct.sort();
            distinct.dedup();
            Err(if sections.len() == many.len() && distinct.len() == many.len() {
                format!(
                    "{selector} numbers {} tasks, in sections {}: write {}.{selector}, or #{}",
                    many.len(),
                    sections.join("、"),
                    sections[0],
                    doc.tasks[many[0]].ordinal
                )
            } else {
                let at: Vec<String> = many
                    .iter()
                    .map(|i| format!("#{}", doc.tasks[*i].ordinal))
                    .collect();
                format!(
                    "{selector} numbers {} tasks ({}): name one by its position",
                    many.len(),
                    at.join(", ")
                )
            })
        }
    }
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "(none)".to_owned()
    } else {
        v.join("、")
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Applies `entries` (those naming this document, in file order) to a parse.
pub fn apply(doc: &ParsedDocument, entries: &[&Entry]) -> Corrected {
    let mut out = Corrected {
        doc: doc.clone(),
        fingerprint: crate::fingerprint(entries),
        applied: Vec::new(),
        problems: Vec::new(),
    };
    let mut roles_changed = false;
    for e in entries {
        let problem = |message: String| Problem {
            cited: e.cited(),
            message,
        };
        let applied = |ordinal, fields, said: Vec<String>, to: Vec<String>| Applied {
            cited: e.cited(),
            ordinal,
            fields,
            parser_said: said.join("; "),
            corrected_to: to.join("; "),
            reason: e.reason.clone(),
            by: e.by.clone(),
            date: e.date.clone(),
        };
        match &e.target {
            Target::Task {
                selector,
                quote,
                set,
            } => {
                let i = match find_task(&out.doc, selector) {
                    Ok(i) => i,
                    Err(m) => {
                        out.problems.push(problem(m));
                        continue;
                    }
                };
                if let Some(q) = quote {
                    let t = &out.doc.tasks[i];
                    let q = squeeze(q);
                    if !squeeze(&t.text).contains(&q) && !squeeze(&t.title).contains(&q) {
                        out.problems.push(problem(format!(
                            "task {selector} (#{}, {}) does not contain the quote “{q}”: the plan may have changed; check the entry",
                            t.ordinal,
                            t.title.chars().take(20).collect::<String>()
                        )));
                        continue;
                    }
                }
                let ordinal = out.doc.tasks[i].ordinal;
                if set.drop {
                    let t = out.doc.tasks.remove(i);
                    roles_changed = true;
                    out.applied.push(applied(
                        Some(ordinal),
                        vec!["drop"],
                        vec![format!("task {}: {}", t.number, t.title)],
                        vec!["not a task".to_owned()],
                    ));
                    continue;
                }
                let (fields, said, to) = set_roles(&mut out.doc.tasks[i], set);
                roles_changed = true;
                out.applied.push(applied(Some(ordinal), fields, said, to));
            }
            Target::Plan(p) => {
                let (fields, said, to) = set_plan(&mut out.doc, p);
                out.applied.push(applied(None, fields, said, to));
            }
        }
    }
    // A plan names the agencies of its tasks (an article, those of its text: left alone).
    if roles_changed && !doc.tasks.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for t in &out.doc.tasks {
            for n in t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible) {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        out.doc.agencies_named = names;
    }
    out
}

type Change = (Vec<&'static str>, Vec<String>, Vec<String>);

fn set_roles(t: &mut Task, set: &TaskChanges) -> Change {
    let (mut fields, mut said, mut to) = (Vec::new(), Vec::new(), Vec::new());
    for (field, new, old) in [
        ("lead", &set.lead, &mut t.lead),
        ("cooperate", &set.cooperate, &mut t.cooperate),
        ("co_responsible", &set.co_responsible, &mut t.co_responsible),
    ] {
        if let Some(new) = new.as_ref().filter(|n| *n != old) {
            fields.push(field);
            said.push(format!("{field}: {}", list(old)));
            to.push(format!("{field}: {}", list(new)));
            *old = new.clone();
        }
    }
    let old: Vec<String> = t.supervisors.iter().map(|s| s.name.clone()).collect();
    if let Some(new) = set.supervisors.as_ref().filter(|n| **n != old) {
        fields.push("supervisors");
        said.push(format!("supervisors: {}", list(&old)));
        to.push(format!("supervisors: {}", list(new)));
        t.supervisors = new
            .iter()
            .map(|n| Supervisor {
                name: n.clone(),
                post: t
                    .supervisors
                    .iter()
                    .find(|s| s.name == *n)
                    .map(|s| s.post.clone())
                    .unwrap_or_default(),
            })
            .collect();
    }
    // Groups stay groups; a name the entry adds is one if it reads as one (各地级以上市).
    let was = std::mem::take(&mut t.collective);
    let mut collective = Vec::new();
    for n in t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible) {
        if (was.contains(n) || is_collective(n)) && !collective.contains(n) {
            collective.push(n.clone());
        }
    }
    t.collective = collective;
    (fields, said, to)
}

fn set_plan(doc: &mut ParsedDocument, p: &PlanChanges) -> Change {
    let (mut fields, mut said, mut to) = (Vec::new(), Vec::new(), Vec::new());
    let m = &mut doc.document;
    let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
    for (field, new, old) in [
        ("title", &p.title, &mut m.title),
        ("issued", &p.issued, &mut m.date),
        ("jurisdiction", &p.jurisdiction, &mut m.jurisdiction),
        ("issuer", &p.issuer, &mut m.issuer),
        ("number", &p.number, &mut m.number),
    ] {
        if let Some(new) = new.as_ref().filter(|n| old.as_ref() != Some(*n)) {
            fields.push(field);
            said.push(format!("{field}: {}", shown(old)));
            to.push(format!("{field}: {new}"));
            *old = Some(new.clone());
        }
    }
    if fields.contains(&"jurisdiction") {
        // The parser's clues no longer decide it.
        m.jurisdiction_evidence = vec![format!(
            "corrected by hand: {}",
            m.jurisdiction.as_deref().unwrap_or("")
        )];
    }
    if let Some(y) = p.year.filter(|y| m.year != Some(*y)) {
        fields.push("year");
        said.push(format!(
            "year: {}",
            m.year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "(none)".into())
        ));
        to.push(format!("year: {y}"));
        m.year = Some(y);
    }
    (fields, said, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corrections;
    use std::path::Path;

    /// Seed 002 (traditional script, numbering restarting per section is not its case) and
    /// seed 004's hand-read tasks are the material.
    fn seed(name: &str) -> ParsedDocument {
        let path = format!("{}/../../data/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
        fengong_parse::parse_file(Path::new(&path)).unwrap()
    }

    fn entries(text: &str) -> Corrections {
        Corrections::parse(Path::new("corrections.toml"), text).unwrap()
    }

    #[test]
    fn sets_roles_and_keeps_what_the_parser_said() {
        let doc = seed("002_96cb3c14e2265961.txt");
        // (二十) as read by hand: 省政務服務和數據管理局牽頭,省財政廳、統計局按職責分工負責.
        let c = entries(
            "[[task]]\nplan = \"002_96cb3c14e2265961.txt\"\ntask = \"(二十)\"\nquote = \"数据要素\"\nlead = [\"省財政廳\"]\ncooperate = [\"省政务服务和数据管理局\", \"各地级以上市政府\"]\nreason = \"测试\"\nby = \"李明\"\ndate = 2026-12-03\n",
        );
        let refs: Vec<&Entry> = c.entries.iter().collect();
        let out = apply(&doc, &refs);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let t = out.doc.tasks.iter().find(|t| t.number == "(二十)").unwrap();
        assert_eq!(t.lead, ["省财政厅"]);
        assert_eq!(t.cooperate, ["省政务服务和数据管理局", "各地级以上市政府"]);
        assert_eq!(t.collective, ["各地级以上市政府"]);
        let a = &out.applied[0];
        assert_eq!(a.ordinal, Some(20));
        assert_eq!(a.fields, ["lead", "cooperate"]);
        assert_eq!(
            a.parser_said,
            "lead: 省政务服务和数据管理局; cooperate: 省财政厅、省统计局"
        );
        assert!(out
            .doc
            .agencies_named
            .contains(&"各地级以上市政府".to_owned()));
        // The parse itself is untouched.
        let before = doc.tasks.iter().find(|t| t.number == "(二十)").unwrap();
        assert_eq!(before.lead, ["省政务服务和数据管理局"]);
    }

    #[test]
    fn an_entry_that_no_longer_fits_is_reported_not_applied() {
        let doc = seed("002_96cb3c14e2265961.txt");
        let c = entries(concat!(
            "[[task]]\nplan = \"p\"\ntask = \"(二十)\"\nquote = \"乡村振兴\"\nlead = [\"x\"]\nreason = \"r\"\nby = \"b\"\ndate = 2026-12-03\n",
            "[[task]]\nplan = \"p\"\ntask = \"(九十九)\"\nlead = [\"x\"]\nreason = \"r\"\nby = \"b\"\ndate = 2026-12-03\n",
            "[[task]]\nplan = \"p\"\ntask = 500\nlead = [\"x\"]\nreason = \"r\"\nby = \"b\"\ndate = 2026-12-03\n",
        ));
        let refs: Vec<&Entry> = c.entries.iter().collect();
        let out = apply(&doc, &refs);
        assert!(out.applied.is_empty());
        assert_eq!(out.problems.len(), 3);
        assert!(out.problems[0].message.contains("quote"));
        assert_eq!(out.problems[1].cited, "corrections.toml:9");
        assert!(out.problems[2].message.contains("no task #500"));
        assert_eq!(
            out.doc.tasks.iter().map(|t| &t.lead).collect::<Vec<_>>(),
            doc.tasks.iter().map(|t| &t.lead).collect::<Vec<_>>()
        );
    }

    #[test]
    fn section_paths_and_drops() {
        let doc = seed("002_96cb3c14e2265961.txt");
        // (五) stands under 二、深化数字赋能“百千万工程”…
        let c = entries(concat!(
            "[[task]]\nplan = \"p\"\ntask = \"二.(五)\"\ndrop = true\nreason = \"r\"\nby = \"b\"\ndate = 2026-12-03\n",
            "[[task]]\nplan = \"p\"\ntask = \"一.(五)\"\ndrop = true\nreason = \"r\"\nby = \"b\"\ndate = 2026-12-03\n",
        ));
        let refs: Vec<&Entry> = c.entries.iter().collect();
        let out = apply(&doc, &refs);
        assert_eq!(out.applied.len(), 1);
        assert_eq!(out.problems.len(), 1, "(五) is not under 一");
        assert_eq!(out.doc.tasks.len(), doc.tasks.len() - 1);
        assert!(!out.doc.tasks.iter().any(|t| t.ordinal == 5));
        // Ordinals of the others stay: they are the tasks' identities.
        assert!(out.doc.tasks.iter().any(|t| t.ordinal == 6));
    }

    #[test]
    fn ambiguous_numbers_ask_for_the_section() {
        let mut doc = seed("002_96cb3c14e2265961.txt");
        // (一) of section 一, and another under 二 as where numbering restarts per section.
        doc.tasks[5].number = "(一)".into();
        let err = find_task(&doc, &Selector::parse("(一)").unwrap()).unwrap_err();
        assert!(err.contains("sections 一、二"), "{err}");
        assert_eq!(find_task(&doc, &Selector::parse("二.(一)").unwrap()), Ok(5));
        doc.tasks[1].number = "(一)".into();
        let err = find_task(&doc, &Selector::parse("一.(一)").unwrap()).unwrap_err();
        assert!(err.contains("(#1, #2)"), "{err}");
    }

    #[test]
    fn plan_metadata() {
        let doc = seed("002_96cb3c14e2265961.txt");
        assert_eq!(doc.document.jurisdiction.as_deref(), Some("广东省"));
        let c = entries("[[plan]]\nplan = \"p\"\ntitle = \"数字广东建设2024年工作要点(修订)\"\nyear = 2025\nissued = 2025-04-01\njurisdiction = \"广东省\"\nreason = \"r\"\nby = \"b\"\ndate = 2026-12-03\n");
        let refs: Vec<&Entry> = c.entries.iter().collect();
        let out = apply(&doc, &refs);
        assert_eq!(
            out.doc.document.title.as_deref(),
            Some("数字广东建设2024年工作要点(修订)")
        );
        assert_eq!(out.doc.document.date.as_deref(), Some("2025-04-01"));
        assert_eq!(out.doc.document.year, Some(2025));
        // A field set to what the parser read already is no change.
        assert_eq!(out.applied[0].fields, ["title", "issued", "year"]);
        assert!(out.applied[0]
            .parser_said
            .starts_with("title: 数字广东建设2024年工作要点;"));
    }

    #[test]
    fn every_citation_finds_its_own_task() {
        // What answers print is what `fengong correct` takes: seed 002, and real plan 009,
        // whose numbers restart per section.
        let real = format!(
            "{}/../../tests/fixtures/real/docs/009_unidentified-city-c2008-zerenbumen-page3.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        for doc in [
            seed("002_96cb3c14e2265961.txt"),
            fengong_parse::parse_file(Path::new(&real)).unwrap(),
        ] {
            let cited = fengong_parse::model::citations(&doc.tasks);
            for (i, c) in cited.iter().enumerate() {
                let s = Selector::parse(c).unwrap();
                assert_eq!(find_task(&doc, &s), Ok(i), "{c}");
            }
        }
    }

    #[test]
    fn section_numerals() {
        assert_eq!(section_numeral("七、以数字思维").as_deref(), Some("七"));
        assert_eq!(section_numeral("第三章 保障").as_deref(), Some("三"));
        assert_eq!(section_numeral("总体要求"), None);
    }
}
