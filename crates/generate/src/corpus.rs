//! A whole corpus at once: documents generated in parallel, written to a folder and/or parsed
//! back and compared with their gold (`fengong gen-corpus`).

use crate::{compare, number_key, Agreement, Document, Generator, Gold};
use rayon::prelude::*;
use std::path::Path;

/// What making a corpus did.
#[derive(Debug, Clone, Default)]
pub struct Made {
    /// Agreement of the parses with the gold (all exact when not checked).
    pub agreement: Agreement,
    pub bytes: usize,
    pub tasks: usize,
    /// For documents that did not parse back exactly: what differed.
    pub differences: Vec<String>,
}

/// One document's agreement with its gold, its size in bytes and tasks, and what differed.
type Checked = (Agreement, usize, usize, Option<String>);

/// Generates documents `0..docs`, writes each to `output` (`plans/NAME.txt` and
/// `gold/NAME.json`) if given, and parses each back against its gold if `check`; `progress` is
/// called once per document. The error names the file that could not be written or read.
pub fn make(
    generator: &Generator,
    docs: usize,
    output: Option<&Path>,
    check: bool,
    progress: &(dyn Fn() + Sync),
) -> Result<Made, String> {
    if let Some(dir) = output {
        for sub in ["plans", "gold"] {
            std::fs::create_dir_all(dir.join(sub)).map_err(|e| {
                format!("{}: cannot create the folder: {e}", dir.join(sub).display())
            })?;
        }
    }
    let results: Vec<Result<Checked, String>> = (0..docs)
        .into_par_iter()
        .map(|i| {
            let d = generator.document(i);
            progress();
            if let Some(dir) = output {
                write(dir, &d.file, &d.text, &d.gold)?;
            }
            let mut agreement = Agreement {
                tasks: d.gold.tasks.len(),
                found: d.gold.tasks.len(),
                ..Agreement::default()
            };
            let mut report = None;
            if check {
                let parsed = fengong_parse::parse_bytes(&d.file, d.text.as_bytes())
                    .map_err(|e| format!("{}: {e}", d.file))?;
                agreement = compare(&parsed, &d.gold);
                if !agreement.exact() {
                    report = Some(difference(&d, &parsed));
                }
            }
            Ok((agreement, d.text.len(), d.gold.tasks.len(), report))
        })
        .collect();
    let mut made = Made::default();
    for r in results {
        let (a, bytes, tasks, report) = r?;
        made.agreement.add(&a);
        made.bytes += bytes;
        made.tasks += tasks;
        made.differences.extend(report);
    }
    Ok(made)
}

fn write(dir: &Path, file: &str, text: &str, gold: &Gold) -> Result<(), String> {
    let stem = file.trim_end_matches(".txt");
    let plan = dir.join("plans").join(file);
    std::fs::write(&plan, text).map_err(|e| format!("{}: {e}", plan.display()))?;
    let json = serde_json::to_string_pretty(gold).map_err(|e| e.to_string())?;
    let path = dir.join("gold").join(format!("{stem}.json"));
    std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))
}

/// What differs, task by task, for people fixing the generator or the parser.
fn difference(d: &Document, parsed: &fengong_parse::ParsedDocument) -> String {
    let mut out = format!("--- {} ({})\n", d.file, d.gold.document.notes);
    let m = &parsed.document;
    if m.title.as_deref() != Some(d.gold.document.title.as_str())
        || m.year != Some(d.gold.document.year)
        || m.jurisdiction.as_deref() != Some(d.gold.document.jurisdiction.as_str())
    {
        out.push_str(&format!(
            "  metadata: expected {} / {} / {}, parsed {:?} / {:?} / {:?}\n",
            d.gold.document.title,
            d.gold.document.year,
            d.gold.document.jurisdiction,
            m.title,
            m.year,
            m.jurisdiction
        ));
    }
    let norm = number_key;
    let mut used = vec![false; parsed.tasks.len()];
    for g in &d.gold.tasks {
        let k = (0..parsed.tasks.len())
            .find(|&k| !used[k] && norm(&parsed.tasks[k].number) == norm(&g.number));
        if let Some(k) = k {
            used[k] = true;
        }
        let p = k.map(|k| &parsed.tasks[k]);
        let got = p.map(|t| {
            (
                t.lead.clone(),
                t.cooperate.clone(),
                t.co_responsible.clone(),
                t.supervisors
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>(),
            )
        });
        let want = (
            g.lead.clone(),
            g.cooperate.clone(),
            g.co_responsible.clone(),
            g.supervisors
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>(),
        );
        if got.as_ref() != Some(&want) {
            let line = d
                .text
                .lines()
                .find(|l| l.contains(g.title.as_str()))
                .unwrap_or("");
            out.push_str(&format!(
                "  {} expected {want:?}\n  {} parsed   {got:?}\n  text: {line}\n",
                g.number, g.number
            ));
        }
    }
    let extra = parsed.tasks.len().saturating_sub(d.gold.tasks.len());
    if extra > 0 {
        out.push_str(&format!("  {extra} extra tasks\n"));
    }
    out
}
