//! Synthetic plans for benchmarks and round-trip tests (`fengong gen-corpus`).
//!
//! Each document is a plausible task-division plan of one of a few hundred jurisdictions
//! (provinces, cities, counties and districts of `data/places.tsv`), written in one of the
//! layouts the parser reads — role words in brackets, labelled fields in brackets, labelled
//! lines, a first-listed-lead convention, supervisor clauses, a tab-separated table — in
//! simplified or traditional script, with or without web-page noise. Agencies are drawn from
//! `data/generator/departments.tsv` in the short forms plans use, so a large corpus makes a
//! network of thousands of agencies. Next to the text comes its expected parse (`Gold`, the
//! schema of `tests/fixtures/gold`). Document `i` depends only on the seed and `i`, so a corpus
//! can be made in any order or in parallel, and is the same on every machine.

pub mod corpus;
mod rng;
mod text;

use fengong_parse::lexicon::{lexicon, PlaceLevel};
use rng::Rng;
use serde::Serialize;
use std::collections::BTreeSet;

const DEPARTMENTS: &str = include_str!("../../../data/generator/departments.tsv");
const COLLECTIVES: &str = include_str!("../../../data/generator/collectives.tsv");
const TOPICS: &str = include_str!("../../../data/generator/topics.txt");
const BODIES: &str = include_str!("../../../data/generator/bodies.txt");
const PEOPLE: &str = include_str!("../../../data/generator/people.txt");

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub seed: u64,
    /// How many jurisdictions plans are drawn from (at most the places known).
    pub jurisdictions: usize,
    /// Share of documents written in traditional script.
    pub traditional: f64,
    /// Share of documents wrapped in web-page noise.
    pub noise: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            jurisdictions: 400,
            traditional: 0.1,
            noise: 0.3,
        }
    }
}

/// The expected parse of a generated document, in the gold schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gold {
    pub document: GoldDocument,
    pub tasks: Vec<GoldTask>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldDocument {
    pub file: String,
    pub title: String,
    pub issuer: String,
    pub date: String,
    pub year: i32,
    pub jurisdiction: String,
    /// How the document is written: `layout`, script, noise (not part of the gold schema).
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldTask {
    pub number: String,
    pub ordinal: usize,
    pub section: Option<String>,
    pub title: String,
    pub lead: Vec<String>,
    pub cooperate: Vec<String>,
    pub co_responsible: Vec<String>,
    pub supervisors: Vec<GoldSupervisor>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoldSupervisor {
    pub name: String,
    pub post: String,
}

/// One generated document: its file name, text and expected parse.
#[derive(Debug, Clone)]
pub struct Document {
    pub file: String,
    pub text: String,
    pub gold: Gold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Province,
    City,
    County,
}

struct Jurisdiction {
    /// Full name (杭州市) and the short name plans use (杭州).
    name: String,
    short: String,
    level: Level,
    /// 省, 市, 县 or 区: what a local agency's name starts with.
    prefix: &'static str,
    /// Agencies as this jurisdiction's plans write them, with weights.
    agencies: Vec<(String, u32)>,
    collectives: Vec<String>,
    /// (post, name) of its leaders.
    officials: Vec<(String, String)>,
}

/// Makes documents. Holds the vocabulary and the jurisdictions; cheap to share across threads.
pub struct Generator {
    config: Config,
    jurisdictions: Vec<Jurisdiction>,
    sections: Vec<(String, Vec<String>)>,
    bodies: Vec<String>,
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Generator {
    pub fn new(config: Config) -> Generator {
        let mut rng = Rng::new(config.seed, u64::MAX);
        let people: Vec<Vec<char>> = data_lines(PEOPLE).map(|l| l.chars().collect()).collect();
        let (surnames, given) = (&people[0], &people[1]);
        let departments: Vec<(u32, [Vec<String>; 3])> = data_lines(DEPARTMENTS)
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                let forms = |k: usize| -> Vec<String> {
                    cols.get(k)
                        .map(|c| {
                            c.split(',')
                                .filter(|f| !f.is_empty())
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default()
                };
                Some((cols[0].parse().ok()?, [forms(1), forms(2), forms(3)]))
            })
            .collect();
        let collectives: Vec<(String, Vec<String>)> = data_lines(COLLECTIVES)
            .filter_map(|l| {
                let (level, forms) = l.split_once('\t')?;
                Some((
                    level.to_owned(),
                    forms.split(',').map(str::to_owned).collect(),
                ))
            })
            .collect();

        // Places whose plans the parser can place: provinces, municipalities, prefecture cities,
        // county-level cities, counties and districts with a regular name.
        let mut places: Vec<(String, String, Level, &'static str)> = Vec::new();
        for p in &lexicon().places {
            let short = p.short.first().cloned().unwrap_or_default();
            let entry = match p.level {
                PlaceLevel::Province if p.name.ends_with('省') => Some((Level::Province, "省")),
                PlaceLevel::Municipality => Some((Level::City, "市")),
                PlaceLevel::Prefecture if p.name.ends_with('市') => Some((Level::City, "市")),
                PlaceLevel::County if p.name.ends_with('市') => Some((Level::County, "市")),
                PlaceLevel::County if p.name.ends_with('县') => Some((Level::County, "县")),
                PlaceLevel::District if p.name.ends_with('区') => Some((Level::County, "区")),
                _ => None,
            };
            if let Some((level, prefix)) = entry {
                if short.chars().count() >= 2 {
                    places.push((p.name.clone(), short, level, prefix));
                }
            }
        }
        // Every province, then cities and counties, in a seed-dependent order.
        let (mut provinces, mut others): (Vec<_>, Vec<_>) =
            places.into_iter().partition(|p| p.2 == Level::Province);
        rng.shuffle(&mut provinces);
        rng.shuffle(&mut others);
        provinces.extend(others);
        provinces.truncate(config.jurisdictions.max(1));

        let jurisdictions = provinces
            .into_iter()
            .map(|(name, short, level, prefix)| {
                let k = match level {
                    Level::Province => 0,
                    Level::City => 1,
                    Level::County => 2,
                };
                let mut local = Rng::new(config.seed, text::hash(&name));
                let agencies = departments
                    .iter()
                    .filter(|(_, forms)| !forms[k].is_empty())
                    .map(|(w, forms)| {
                        let form = local.pick(&forms[k]);
                        let written = form
                            .replace("{p}", prefix)
                            .replace("{place}", &short)
                            .replace("{name}", &name);
                        (written, *w)
                    })
                    .collect();
                let level_name = ["province", "city", "county"][k];
                let collectives = collectives
                    .iter()
                    .find(|(l, _)| l == level_name)
                    .map(|(_, f)| f.clone())
                    .unwrap_or_default();
                let title = match (level, prefix) {
                    (Level::Province, "省") => "省长",
                    (Level::Province | Level::City, _) => "市长",
                    (_, "县") => "县长",
                    (_, "区") => "区长",
                    _ => "市长",
                };
                let officials = (0..5)
                    .map(|i| {
                        let post = match i {
                            0 => format!("常务副{title}"),
                            _ => format!("副{title}"),
                        };
                        let mut person = String::new();
                        person.push(*local.pick(surnames));
                        for _ in 0..local.below(2) + 1 {
                            person.push(*local.pick(given));
                        }
                        (post, person)
                    })
                    .collect();
                Jurisdiction {
                    name,
                    short,
                    level,
                    prefix,
                    agencies,
                    collectives,
                    officials,
                }
            })
            .collect();

        let mut sections: Vec<(String, Vec<String>)> = Vec::new();
        for l in data_lines(TOPICS) {
            match l.strip_prefix('§') {
                Some(s) => sections.push((s.trim().to_owned(), Vec::new())),
                None => {
                    if let Some(last) = sections.last_mut() {
                        last.1.push(l.trim().to_owned());
                    }
                }
            }
        }
        Generator {
            config,
            jurisdictions,
            sections,
            bodies: data_lines(BODIES).map(str::to_owned).collect(),
        }
    }

    /// How many jurisdictions documents are drawn from.
    pub fn jurisdictions(&self) -> usize {
        self.jurisdictions.len()
    }

    /// Document number `i` (0-based) of the corpus.
    pub fn document(&self, i: usize) -> Document {
        let mut rng = Rng::new(self.config.seed, i as u64);
        // Some jurisdictions write many plans, most a few (Zipf-like).
        let n = self.jurisdictions.len();
        let j = &self.jurisdictions[rng.zipf(n)];
        let file = format!("{i:07}");
        let mut doc = text::write(self, j, &file, &mut rng);
        let traditional = rng.chance(self.config.traditional);
        if traditional {
            if let Some(t) = self.traditional(&doc.text) {
                doc.text = t;
                doc.gold.document.notes.push_str("; traditional script");
            }
        }
        doc
    }

    /// The text in traditional characters, if it converts back to exactly the simplified text
    /// (so that the expected names, which are simplified, stay right).
    fn traditional(&self, simplified: &str) -> Option<String> {
        let t = fengong_parse::text::script::to_traditional(simplified)?;
        (fengong_parse::text::script::to_simplified(&t).text == simplified).then_some(t)
    }
}

/// How well a parse matches the expected output: agencies (any role), typed roles and
/// supervisors, counted as `score.py` counts them, plus tasks found, missing and extra.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    pub tasks: usize,
    pub found: usize,
    pub extra: usize,
    /// (true positives, false positives, false negatives) per kind.
    pub agency: [usize; 3],
    pub role: [usize; 3],
    pub supervisor: [usize; 3],
    /// Documents whose title, year or jurisdiction differ.
    pub metadata_mismatches: usize,
}

impl Agreement {
    pub fn add(&mut self, other: &Agreement) {
        self.tasks += other.tasks;
        self.found += other.found;
        self.extra += other.extra;
        for (a, b) in [
            (&mut self.agency, &other.agency),
            (&mut self.role, &other.role),
            (&mut self.supervisor, &other.supervisor),
        ] {
            for k in 0..3 {
                a[k] += b[k];
            }
        }
        self.metadata_mismatches += other.metadata_mismatches;
    }

    /// F1 of a kind: 1.0 when nothing was expected and nothing found.
    pub fn f1(counts: [usize; 3]) -> f64 {
        let [tp, fp, fn_] = counts.map(|c| c as f64);
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 1.0 };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// Everything expected found, nothing else.
    pub fn exact(&self) -> bool {
        self.found == self.tasks
            && self.extra == 0
            && self.metadata_mismatches == 0
            && [self.agency, self.role, self.supervisor]
                .iter()
                .all(|c| c[1] == 0 && c[2] == 0)
    }
}

impl std::fmt::Display for Agreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "tasks found {}/{} (extra {}); agency F1 {:.4}, role F1 {:.4}, supervisor F1 {:.4}; \
             title, year or jurisdiction wrong in {} documents",
            self.found,
            self.tasks,
            self.extra,
            Agreement::f1(self.agency),
            Agreement::f1(self.role),
            Agreement::f1(self.supervisor),
            self.metadata_mismatches
        )
    }
}

/// A task number as `score.py` matches it: `（一）` = `(一)`, `1．` = `1、` = `1.`.
pub fn number_key(n: &str) -> String {
    n.trim()
        .replace('（', "(")
        .replace('）', ")")
        .replace(['．', '、'], ".")
}

/// Compares a parse with the expected output (tasks matched by number, as `score.py` does).
pub fn compare(parsed: &fengong_parse::ParsedDocument, gold: &Gold) -> Agreement {
    let norm = number_key;
    let mut a = Agreement {
        tasks: gold.tasks.len(),
        ..Agreement::default()
    };
    let m = &parsed.document;
    if m.title.as_deref() != Some(gold.document.title.as_str())
        || m.year != Some(gold.document.year)
        || m.jurisdiction.as_deref() != Some(gold.document.jurisdiction.as_str())
    {
        a.metadata_mismatches = 1;
    }
    let mut used = vec![false; parsed.tasks.len()];
    fn count<T: Ord>(gs: &BTreeSet<T>, ps: &BTreeSet<T>) -> [usize; 3] {
        [
            gs.intersection(ps).count(),
            ps.difference(gs).count(),
            gs.difference(ps).count(),
        ]
    }
    for g in &gold.tasks {
        let found = parsed
            .tasks
            .iter()
            .enumerate()
            .find(|(k, t)| !used[*k] && norm(&t.number) == norm(&g.number))
            .map(|(k, _)| k);
        let p = found.map(|k| {
            used[k] = true;
            &parsed.tasks[k]
        });
        if p.is_some() {
            a.found += 1;
        }
        let roles = |lead: &[String], coop: &[String], co: &[String]| {
            let mut v: Vec<(String, u8)> = Vec::new();
            for (list, r) in [(lead, 0u8), (coop, 1), (co, 2)] {
                v.extend(list.iter().map(|n| (n.clone(), r)));
            }
            v
        };
        let gold_roles = roles(&g.lead, &g.cooperate, &g.co_responsible);
        let parsed_roles = p
            .map(|t| roles(&t.lead, &t.cooperate, &t.co_responsible))
            .unwrap_or_default();
        let set = |v: &[(String, u8)], typed: bool| -> BTreeSet<(String, u8)> {
            v.iter()
                .map(|(n, r)| (n.clone(), if typed { *r } else { 0 }))
                .collect()
        };
        let add = |acc: &mut [usize; 3], c: [usize; 3]| {
            for k in 0..3 {
                acc[k] += c[k];
            }
        };
        add(
            &mut a.agency,
            count(&set(&gold_roles, false), &set(&parsed_roles, false)),
        );
        add(
            &mut a.role,
            count(&set(&gold_roles, true), &set(&parsed_roles, true)),
        );
        let gs: BTreeSet<String> = g.supervisors.iter().map(|s| s.name.clone()).collect();
        let ps: BTreeSet<String> = p
            .map(|t| t.supervisors.iter().map(|s| s.name.clone()).collect())
            .unwrap_or_default();
        add(&mut a.supervisor, count(&gs, &ps));
    }
    a.extra = used.iter().filter(|u| !**u).count();
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_documents() {
        let a = Generator::new(Config::default());
        let b = Generator::new(Config::default());
        for i in [0, 7, 1000] {
            assert_eq!(a.document(i).text, b.document(i).text);
        }
        let c = Generator::new(Config {
            seed: 2,
            ..Config::default()
        });
        assert_ne!(a.document(7).text, c.document(7).text);
    }

    #[test]
    fn every_generated_document_parses_back_to_its_gold() {
        let g = Generator::new(Config::default());
        let mut total = Agreement::default();
        for i in 0..300 {
            let d = g.document(i);
            let parsed = fengong_parse::parse_bytes(&d.file, d.text.as_bytes()).expect("decodes");
            let a = compare(&parsed, &d.gold);
            assert!(
                a.exact(),
                "document {i} ({}): {a:?}\n{}\n{:#?}\n{:#?}",
                d.gold.document.notes,
                d.text,
                d.gold,
                parsed.tasks
            );
            total.add(&a);
        }
        assert!(total.tasks > 3000, "{total:?}");
        // Every layout and variant is among them.
        let notes: Vec<String> = (0..300)
            .map(|i| g.document(i).gold.document.notes)
            .collect();
        for kind in [
            "RoleWords",
            "Labelled",
            "Lines",
            "Convention",
            "Supervisors",
            "Table",
            "Prose",
            "PipeTable",
            "GluedTable",
            "traditional script",
            "garbled numbers",
            "on one line",
        ] {
            assert!(
                notes.iter().any(|n| n.contains(kind)),
                "no document is {kind}"
            );
        }
    }
}
