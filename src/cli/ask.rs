//! `ask`: a question in Chinese or English, answered in its language with every line cited.

use super::{fail, table};
use clap::{Args, ValueEnum};
use fengong_ask::words::{self, correction_notes, summary, Words};
use fengong_ask::{self as ask, Answer, AskError, Form, Language, Scope};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AskFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct AskArgs {
    /// The question, e.g. "省政务服务数据管理局牵头哪些任务?" or "what does 省科技厅 cooperate on?"
    /// (the words may also be given unquoted).
    #[arg(required = true, num_args = 1.., value_name = "QUESTION")]
    question: Vec<String>,
    #[arg(long, value_enum, default_value_t = AskFormat::Text)]
    format: AskFormat,
    /// Only plans whose document key equals P or whose title contains P (repeatable).
    #[arg(long = "plan", value_name = "P")]
    plans: Vec<String>,
    /// Only plans of year Y, or of years Y1 to Y2 (overrides a year in the question).
    #[arg(long, value_name = "Y|Y1-Y2", value_parser = super::network::parse_years)]
    year: Option<(i32, i32)>,
    /// Also print the SPARQL that was run, with its values bound.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    pages: Pages,
    #[command(flatten)]
    store: super::ReadFrom,
}

/// An agency's duties in pages, newest plans first: the first page of an agency of thousands
/// of tasks comes as fast as a small agency's whole answer.
#[derive(clap::Args, Debug, Clone)]
pub struct Pages {
    /// Which page of an agency's duties to list.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    page: u64,
    /// Tasks a page lists.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..))]
    per_page: u64,
    /// List every task, in one page.
    #[arg(long, conflicts_with = "page")]
    all: bool,
}

impl Pages {
    pub fn page(&self) -> ask::Page {
        if self.all {
            return ask::Page {
                offset: 0,
                limit: usize::MAX,
            };
        }
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        ask::Page::numbered(size(self.page), size(self.per_page))
    }

    /// What to type for the next page, when the answer has more.
    pub fn next(&self, paged: Option<&ask::Paged>) -> Option<String> {
        let p = paged?;
        let shown = p.offset.saturating_add(p.limit);
        (shown < p.tasks).then(|| {
            let per = if self.per_page == 50 {
                String::new()
            } else {
                format!(" --per-page {}", self.per_page)
            };
            format!(
                "{} more: --page {}{per} for the next page, --all for all {}",
                p.tasks - shown,
                self.page + 1,
                p.tasks
            )
        })
    }
}

pub fn run(args: &AskArgs, registry_dirs: &[PathBuf]) -> ExitCode {
    let text = args.question.join(" ");
    let json = args.format == AskFormat::Json;
    let question = match ask::understand(&text) {
        Ok(q) => q,
        Err(e) => {
            return refuse(
                &AskError::NotUnderstood {
                    language: e.language,
                },
                json,
            )
        }
    };
    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let store = match args.store.open() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let scope = Scope {
        plans: args.plans.clone(),
        years: args.year,
    };
    let answer = match ask::ask_page(&store, &registry, question, &scope, args.pages.page()) {
        Ok(a) => a,
        Err(e) => return refuse(&e, json),
    };
    let mut out = std::io::stdout().lock();
    let written = if json {
        let mut v = serde_json::to_value(&answer).unwrap_or_default();
        if !args.explain {
            if let Some(o) = v.as_object_mut() {
                o.remove("sparql");
                o.remove("index");
            }
        }
        writeln!(out, "{v}")
    } else {
        // Asked in traditional characters, answered in them (JSON keeps the store's names),
        // but for what quotes a plan as written and the SPARQL run, which stay as they are.
        let tr = |s: &str| words::in_asked_script(&answer, s);
        let mut text = Vec::new();
        let _ = write_text(&mut text, &answer, args.explain, &tr);
        if let Some(next) = args.pages.next(answer.page.as_ref()) {
            let _ = writeln!(text, "\n({next})");
        }
        out.write_all(&text)
    };
    // A closed pipe (`| head`) is not an error.
    let _ = written;
    ExitCode::SUCCESS
}

fn write_text(
    out: &mut impl Write,
    a: &Answer,
    explain: bool,
    tr: &dyn Fn(&str) -> String,
) -> std::io::Result<()> {
    let w = Words {
        zh: a.question.language == Language::Zh,
    };
    for line in summary(&w, a) {
        writeln!(out, "{}", tr(&line))?;
    }
    if !a.ranking.is_empty() {
        writeln!(out)?;
        let rows: Vec<Vec<String>> = a
            .ranking
            .iter()
            .map(|r| {
                let name = if r.former.is_empty() {
                    r.agency.clone()
                } else {
                    format!("{} ({})", r.agency, w.list(&r.former))
                };
                vec![
                    r.rank.to_string(),
                    name,
                    r.partners.to_string(),
                    r.leads.to_string(),
                    r.cooperates.to_string(),
                    r.shares.to_string(),
                    r.plans.to_string(),
                ]
            })
            .collect();
        let headers = if w.zh {
            [
                "排名",
                "部门",
                "合作单位",
                "牵头",
                "配合",
                "共同负责",
                "方案数",
            ]
        } else {
            [
                "rank",
                "agency",
                "partners",
                "leads",
                "cooperates",
                "jointly",
                "plans",
            ]
        };
        let headers: Vec<String> = headers.iter().map(|h| tr(h)).collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| tr(c)).collect())
            .collect();
        table::write(out, "", &headers, &rows)?;
        writeln!(out)?;
        writeln!(out, "{}", tr(w.pick("依据的方案:", "Plans:")))?;
        for p in &a.plans {
            writeln!(out, "  {}", tr(&w.plan(p)))?;
        }
    }
    if !a.lines.is_empty() {
        writeln!(out)?;
        let single = a.subjects.len() == 1 && !matches!(a.question.form, Form::Topic { .. });
        let show_agency = !single
            || a.lines
                .iter()
                .any(|l| !a.subjects[0].labels.contains(&l.agency));
        let show_written = a.lines.iter().any(|l| l.as_written.is_some());
        let show_post = a.lines.iter().any(|l| l.post.is_some());
        let mut headers: Vec<&str> = vec![w.pick("角色", "role")];
        if show_agency {
            // Officials are people: a column of them is not headed "agency".
            let people = a.lines.iter().all(|l| l.role == "supervisor");
            let some_people = a.lines.iter().any(|l| l.role == "supervisor");
            headers.push(match (people, some_people) {
                (true, _) => w.pick("分管领导", "official"),
                (false, true) => w.pick("单位或分管领导", "agency or official"),
                _ => w.pick("单位", "agency"),
            });
        }
        headers.extend([
            w.pick("方案(年份)", "plan (year)"),
            w.pick("序号", "no."),
            w.pick("任务", "task"),
        ]);
        // Quoted from the plan as it stands: never converted to the question's script.
        let written_at = show_written.then_some(headers.len());
        if show_written {
            headers.push(w.pick("方案中写作", "named in the plan as"));
        }
        if show_post {
            headers.push(w.pick("职务", "post"));
        }
        let rows: Vec<Vec<String>> = a
            .lines
            .iter()
            .map(|l| {
                let mut row = vec![w.role(&l.role)];
                if show_agency {
                    row.push(l.agency.clone());
                }
                let mark = if l.corrections.is_empty() { "" } else { " †" };
                row.extend([
                    w.plan(&l.plan),
                    format!("{}{mark}", words::cited(&l.task)),
                    table::fit(&l.task.title),
                ]);
                if show_written {
                    // The plan's own words, in its own script.
                    let quoted = l.in_file.as_ref().or(l.as_written.as_ref());
                    row.push(quoted.cloned().unwrap_or_default());
                }
                if show_post {
                    row.push(l.post.clone().unwrap_or_default());
                }
                row
            })
            .collect();
        let headers: Vec<String> = headers.iter().map(|h| tr(h)).collect();
        let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .enumerate()
                    .map(|(k, c)| {
                        if Some(k) == written_at {
                            c.clone()
                        } else {
                            tr(c)
                        }
                    })
                    .collect()
            })
            .collect();
        table::write(out, "", &headers, &rows)?;
        for note in correction_notes(&a.lines, w.zh) {
            writeln!(out, "{}", tr(&note))?;
        }
    }
    if explain {
        writeln!(out)?;
        for (k, q) in a.sparql.iter().enumerate() {
            writeln!(out, "# SPARQL {} of {}", k + 1, a.sparql.len())?;
            writeln!(out, "{}\n", q.trim_end())?;
        }
        for (k, read) in a.index.iter().enumerate() {
            writeln!(out, "# Search index, read {} of {}", k + 1, a.index.len())?;
            writeln!(out, "{read}\n")?;
        }
    }
    Ok(())
}

/// An answer that could not be given: a clear message (and suggestions) in the question's
/// language, as JSON on stdout when JSON was asked for; exit 1 either way.
/// A refusal as `ask` and `search` give it: JSON on stdout for `--format json`, else an error.
pub(super) fn refuse(e: &AskError, json: bool) -> ExitCode {
    let r = words::refusal(e);
    if json {
        let v = json!({"error": r.kind, "message": r.message, "suggestions": r.suggestions});
        let _ = writeln!(std::io::stdout().lock(), "{v}");
        return ExitCode::FAILURE;
    }
    fail(r.message)
}
