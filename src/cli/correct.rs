//! `fengong correct`: a correction by hand, checked against the store, written to the
//! corrections file and applied at once.

use super::fail;
use clap::Args;
use fengong_correct::{Corrections, Entry, PlanChanges, Selector, Target, TaskChanges};
use fengong_store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct CorrectArgs {
    /// The plan: its key, the path or link it was ingested from, its file name, or the start
    /// of its SHA-256.
    plan: String,
    /// The task: its number as written ("(三)", "2)"), SECTION.NUMBER where numbering restarts
    /// per section ("七.1"), or its position ("#12"). Leave out to correct the plan's metadata.
    task: Option<String>,
    /// The lead agencies, separated by , or 、 ("" for none).
    #[arg(long, value_name = "NAMES")]
    lead: Option<String>,
    /// The cooperating agencies.
    #[arg(long, value_name = "NAMES")]
    cooperate: Option<String>,
    /// The jointly responsible agencies.
    #[arg(long, value_name = "NAMES")]
    co_responsible: Option<String>,
    /// The supervising officials' names.
    #[arg(long, value_name = "NAMES")]
    supervisors: Option<String>,
    /// The item is not a task: take it out.
    #[arg(long)]
    drop: bool,
    /// The plan's title (without TASK).
    #[arg(long)]
    title: Option<String>,
    /// The plan's year (without TASK).
    #[arg(long)]
    year: Option<i32>,
    /// The plan's date of issue, YYYY-MM-DD (without TASK).
    #[arg(long, value_name = "DATE")]
    issued: Option<String>,
    /// The plan's jurisdiction, e.g. 广东省 (without TASK).
    #[arg(long)]
    jurisdiction: Option<String>,
    /// The issuing agency (without TASK).
    #[arg(long)]
    issuer: Option<String>,
    /// The document number, e.g. 粤府办〔2024〕5号 (without TASK).
    #[arg(long)]
    number: Option<String>,
    /// Why: what the plan says that the parser misread. Shown wherever the task is cited.
    #[arg(long)]
    reason: String,
    /// Who makes the correction [default: $FENGONG_USER, else $USER, else the account's login name].
    #[arg(long)]
    by: Option<String>,
    /// When, YYYY-MM-DD [default: today, UTC].
    #[arg(long)]
    date: Option<String>,
    /// Accept agency names that match no registry entry and that the plan does not name
    /// (otherwise refused as a likely typo, with suggestions).
    #[arg(long)]
    new_agency: bool,
    /// The corrections file [default: corrections.toml in the store folder].
    #[arg(long, value_name = "FILE", env = "FENGONG_CORRECTIONS")]
    corrections: Option<PathBuf>,
    #[command(flatten)]
    store: super::StoreDir,
}

/// The corrections file a command uses: the one given, else the store folder's.
pub fn file(given: Option<&Path>, store: &Path) -> PathBuf {
    given
        .map(Path::to_owned)
        .unwrap_or_else(|| store.join(fengong_correct::FILE_NAME))
}

/// Loads the corrections a command applies; an unreadable file fails the command before
/// anything is written.
pub fn load(given: Option<&Path>, store: &Path) -> Result<Corrections, ExitCode> {
    Corrections::load(&file(given, store)).map_err(|e| fail(format!("corrections: {e}")))
}

fn names(s: &Option<String>) -> Option<Vec<String>> {
    s.as_ref().map(|s| {
        s.split([',', '、', '，'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect()
    })
}

/// The login name of the account running fengong, where no variable names it (a container,
/// cron): its uid (`/proc/self/status`) looked up in `/etc/passwd`.
fn account_name() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_owned();
    std::fs::read_to_string("/etc/passwd")
        .ok()?
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 2 && f[2] == uid)
        .map(|f| f[0].to_owned())
        .filter(|n| !n.is_empty())
}

pub fn run(args: &CorrectArgs, registry_dirs: &[PathBuf]) -> ExitCode {
    let dir = args.store.path();
    let path = file(args.corrections.as_deref(), &dir);
    let corrections = match Corrections::load(&path) {
        Ok(c) => c,
        Err(e) => return fail(format!("corrections: {e}")),
    };
    let by = args
        .by
        .clone()
        .or_else(|| std::env::var("FENGONG_USER").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|s| !s.trim().is_empty())
        .or_else(account_name);
    let Some(by) = by else {
        return fail("say who makes the correction: --by NAME");
    };
    let date = args
        .date
        .clone()
        .unwrap_or_else(|| fengong_store::now_utc()[..10].to_owned());
    let role_given = args.lead.is_some()
        || args.cooperate.is_some()
        || args.co_responsible.is_some()
        || args.supervisors.is_some()
        || args.drop;
    let plan_given = args.title.is_some()
        || args.year.is_some()
        || args.issued.is_some()
        || args.jurisdiction.is_some()
        || args.issuer.is_some()
        || args.number.is_some();
    let target = match &args.task {
        Some(task) => {
            if plan_given {
                return fail("--title, --year, --issued, --jurisdiction, --issuer and --number correct a plan: leave out TASK");
            }
            if !role_given {
                return fail("say what to set: --lead, --cooperate, --co-responsible, --supervisors or --drop");
            }
            let Some(selector) = Selector::parse(task) else {
                return fail(format!(
                    "{task}: write the task's number as in the plan (\"(三)\", \"七.1\") or its position (\"#12\")"
                ));
            };
            Target::Task {
                selector,
                quote: None,
                set: TaskChanges {
                    lead: names(&args.lead),
                    cooperate: names(&args.cooperate),
                    co_responsible: names(&args.co_responsible),
                    supervisors: names(&args.supervisors),
                    drop: args.drop,
                },
            }
        }
        None => {
            if role_given {
                return fail("--lead, --cooperate, --co-responsible, --supervisors and --drop correct a task: give TASK after PLAN");
            }
            if !plan_given {
                return fail("say what to set: --title, --year, --issued, --jurisdiction, --issuer or --number (or give TASK)");
            }
            Target::Plan(PlanChanges {
                title: args.title.clone(),
                year: args.year,
                issued: args.issued.clone(),
                jurisdiction: args.jurisdiction.clone(),
                issuer: args.issuer.clone(),
                number: args.number.clone(),
            })
        }
    };
    // A file given by a path relative to here is the file ingested from its absolute path.
    let plan = match std::fs::canonicalize(&args.plan) {
        Ok(p) if Path::new(&args.plan).is_file() => p.to_string_lossy().into_owned(),
        _ => args.plan.clone(),
    };
    let mut entry = Entry {
        file: path.clone(),
        line: usize::MAX,
        plan,
        target,
        reason: args.reason.trim().to_owned(),
        by,
        date,
    };
    // The entry is read back from its TOML, so what is checked is what will be applied.
    let entry_text = entry.to_toml();
    entry = match Corrections::parse(&path, &entry_text) {
        Ok(mut c) if c.entries.len() == 1 => {
            let mut e = c.entries.remove(0);
            e.line = usize::MAX;
            e
        }
        Ok(_) => return fail("the correction did not read back"),
        Err(e) => return fail(e.message),
    };

    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let store = match Store::open_existing(&dir) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let (doc, before, applied) = match store.preview_correction(&corrections, &entry) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    // A name that no registry entry knows and the plan does not write is most likely a typo:
    // it would become an agency of its own, with this one task.
    if !args.new_agency {
        let written: std::collections::HashSet<&str> = before
            .tasks
            .iter()
            .flat_map(|t| t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible))
            .map(String::as_str)
            .collect();
        let jurisdiction = before.document.jurisdiction.as_deref();
        for name in [&args.lead, &args.cooperate, &args.co_responsible]
            .into_iter()
            .filter_map(names)
            .flatten()
        {
            if written.contains(name.as_str())
                || !registry.agency(&name, jurisdiction, false).provisional
            {
                continue;
            }
            let near = registry.suggest(&name, 3);
            return fail(format!(
                "{name}: no registry entry has this name and {} does not write it; {}add --new-agency to use it as it is",
                doc.key,
                if near.is_empty() {
                    String::new()
                } else {
                    format!("did you mean {}? ", near.join("、"))
                }
            ));
        }
    }
    // The file names the plan by its key, and a task by words it contains, so the entry
    // never lands on another plan or task.
    entry.plan = doc.key.clone();
    if let Target::Task { quote, .. } = &mut entry.target {
        if let Some(t) = before
            .tasks
            .iter()
            .find(|t| Some(t.ordinal) == applied.ordinal)
        {
            let words: String = t
                .title
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(16)
                .collect();
            *quote = (!words.is_empty()).then_some(words);
        }
    }
    if applied.fields.is_empty() {
        return fail(format!(
            "{}: already so in the store; nothing written",
            doc.key
        ));
    }
    let written = match Corrections::append(&path, &entry) {
        Ok(e) => e,
        Err(e) => return fail(format!("corrections: {e}")),
    };
    let corrections = match Corrections::load(&path) {
        Ok(c) => c,
        Err(e) => return fail(format!("corrections: {e}")),
    };
    let what = match applied.ordinal {
        Some(n) => {
            let cited = fengong_parse::model::citations(&before.tasks);
            match before.tasks.iter().position(|t| t.ordinal == n) {
                Some(i) => format!("task {} {}", cited[i], before.tasks[i].title),
                None => format!("task #{n}"),
            }
        }
        None => "the plan".to_owned(),
    };
    println!(
        "{}: {what}: {} → {} ({})",
        doc.key,
        applied.parser_said,
        applied.corrected_to,
        written.cited()
    );
    match store.reresolve(&registry, &corrections, |_, _| {}) {
        Ok(r) => {
            let _ = store.flush();
            for p in &r.problems {
                eprintln!("warning: {p}");
            }
            println!(
                "applied: {} document{} of the store re-derived",
                r.documents,
                if r.documents == 1 { "" } else { "s" }
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!(
            "{e}; the correction is written to {} and applies at the next ingest",
            path.display()
        )),
    }
}
