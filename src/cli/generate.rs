//! `gen-corpus`: synthetic plans with their expected parse, for benchmarks and round trips.

use super::fail;
use clap::Args;
use fengong::generate::{compare, Agreement, Config, Generator};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct GenArgs {
    /// How many documents.
    #[arg(long, default_value_t = 1000)]
    docs: usize,
    /// The same seed gives the same corpus on every machine.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many jurisdictions the plans come from.
    #[arg(long, default_value_t = 400)]
    jurisdictions: usize,
    /// Share of documents in traditional script.
    #[arg(long, default_value_t = 0.1)]
    traditional: f64,
    /// Share of documents wrapped in web-page noise.
    #[arg(long, default_value_t = 0.3)]
    noise: f64,
    /// The folder to write: plans/NNNNNNN.txt and gold/NNNNNNN.json (the gold schema, which
    /// `score.py` and `--check` read). Without it, nothing is written.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Parse every document back and compare it with its expected parse; exit 1 unless all agree.
    #[arg(long)]
    check: bool,
}

/// One document's agreement with its gold, its size in bytes and tasks, and what differed.
type Checked = (Agreement, usize, usize, Option<String>);

pub fn run(args: &GenArgs) -> ExitCode {
    if args.output.is_none() && !args.check {
        return fail("nothing to do: give -o DIR to write the corpus, or --check to parse it back");
    }
    let generator = Generator::new(Config {
        seed: args.seed,
        jurisdictions: args.jurisdictions,
        traditional: args.traditional,
        noise: args.noise,
    });
    if let Some(dir) = &args.output {
        for sub in ["plans", "gold"] {
            if let Err(e) = std::fs::create_dir_all(dir.join(sub)) {
                return fail(format!(
                    "{}: cannot create the folder: {e}",
                    dir.join(sub).display()
                ));
            }
        }
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(args.docs as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let results: Vec<Result<Checked, String>> = (0..args.docs)
        .into_par_iter()
        .map(|i| {
            let d = generator.document(i);
            bar.inc(1);
            if let Some(dir) = &args.output {
                write(dir, &d.file, &d.text, &d.gold)?;
            }
            let mut agreement = Agreement {
                tasks: d.gold.tasks.len(),
                found: d.gold.tasks.len(),
                ..Agreement::default()
            };
            let mut report = None;
            if args.check {
                let parsed = fengong::parse_bytes(&d.file, d.text.as_bytes())
                    .map_err(|e| format!("{}: {e}", d.file))?;
                agreement = compare(&parsed, &d.gold);
                if !agreement.exact() {
                    report = Some(difference(&d, &parsed));
                }
            }
            Ok((agreement, d.text.len(), d.gold.tasks.len(), report))
        })
        .collect();
    bar.finish_and_clear();
    let mut total = Agreement::default();
    let (mut bytes, mut tasks, mut failed) = (0usize, 0usize, Vec::new());
    for r in results {
        match r {
            Ok((a, b, t, report)) => {
                total.add(&a);
                bytes += b;
                tasks += t;
                failed.extend(report);
            }
            Err(e) => return fail(e),
        }
    }
    eprintln!(
        "{} documents from {} jurisdictions, {tasks} tasks, {:.1} MB{}",
        args.docs,
        generator.jurisdictions(),
        bytes as f64 / 1e6,
        args.output
            .as_ref()
            .map(|d| format!(" → {}", d.display()))
            .unwrap_or_default()
    );
    if !args.check {
        return ExitCode::SUCCESS;
    }
    println!("parsed back: {total}");
    for r in failed.iter().take(5) {
        println!("{r}");
    }
    if total.exact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn write(dir: &Path, file: &str, text: &str, gold: &fengong::generate::Gold) -> Result<(), String> {
    let stem = file.trim_end_matches(".txt");
    let plan = dir.join("plans").join(file);
    std::fs::write(&plan, text).map_err(|e| format!("{}: {e}", plan.display()))?;
    let json = serde_json::to_string_pretty(gold).map_err(|e| e.to_string())?;
    let path = dir.join("gold").join(format!("{stem}.json"));
    std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))
}

/// What differs, task by task, for people fixing the generator or the parser.
fn difference(d: &fengong::generate::Document, parsed: &fengong::ParsedDocument) -> String {
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
    let norm = fengong::generate::number_key;
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
