//! `search`, `similar` and `reindex`: the full-text index of tasks from the command line.

use super::ask::refuse;
use super::{fail, table};
use clap::{Args, ValueEnum};
use fengong_ask::find::{self, Request};
use fengong_search::{Hit, Snippet, Task};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Table,
    Json,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Role {
    Lead,
    Cooperate,
    CoResponsible,
    Supervisor,
}

impl Role {
    fn notation(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Cooperate => "cooperate",
            Role::CoResponsible => "co_responsible",
            Role::Supervisor => "supervisor",
        }
    }
}

/// What narrows a search or a list of similar tasks.
#[derive(Args)]
pub struct Scope {
    /// Only plans of year Y, or of years Y1 to Y2.
    #[arg(long, value_name = "Y|Y1-Y2", value_parser = super::network::parse_years)]
    year: Option<(i32, i32)>,
    /// Only plans whose document key equals P or whose title contains P (repeatable).
    #[arg(long = "plan", value_name = "P")]
    plans: Vec<String>,
    /// Only plans of a place and the places within it (广东省, 广州, 全国).
    #[arg(long, value_name = "PLACE")]
    place: Option<String>,
    /// Only tasks this agency has a part in (short, full, traditional or former names).
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,
    /// With --agency: only in this role (repeatable).
    #[arg(long, value_enum, requires = "agency")]
    role: Vec<Role>,
    /// How many tasks to list.
    #[arg(long, default_value_t = 20)]
    top: usize,
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    format: SearchFormat,
    #[command(flatten)]
    store: super::ReadFrom,
}

impl Scope {
    fn request(&self, text: String, phrase: bool, offset: usize) -> Request {
        Request {
            text,
            phrase,
            years: self.year,
            plans: self.plans.clone(),
            place: self.place.clone(),
            agency: self.agency.clone(),
            roles: self.role.iter().map(|r| r.notation().to_owned()).collect(),
            top: self.top,
            offset,
        }
    }
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (simplified or traditional; official short and full forms find each
    /// other: 自贸 ↔ 自由贸易); every word must be in the task, else the tasks with most of them.
    #[arg(required = true, num_args = 1.., value_name = "WORDS")]
    words: Vec<String>,
    /// Find the words as written, character for character (spaces part phrases).
    #[arg(long)]
    phrase: bool,
    /// Skip this many tasks (the next page).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    scope: Scope,
}

#[derive(Args)]
pub struct SimilarArgs {
    /// The task: its IRI, as `search` and `query` print it.
    #[arg(value_name = "TASK")]
    task: String,
    #[command(flatten)]
    scope: Scope,
}

/// The registry and the store (or server) a search reads.
fn open(
    scope: &Scope,
    registry_dirs: &[PathBuf],
) -> Result<(fengong_registry::Registry, fengong_store::Store), ExitCode> {
    let registry = super::registry(registry_dirs)?;
    let store = scope.store.open().map_err(fail)?;
    Ok((registry, store))
}

pub fn search(args: &SearchArgs, registry_dirs: &[PathBuf]) -> ExitCode {
    let (registry, store) = match open(&args.scope, registry_dirs) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let text = args.words.join(" ");
    let format = args.scope.format;
    let request = args.scope.request(text.clone(), args.phrase, args.offset);
    let searched = match find::search(&store, &registry, &request) {
        Ok(s) => s,
        Err(e) => return refuse(&e, format == SearchFormat::Json),
    };
    let found = &searched.found;
    let mut out = std::io::stdout().lock();
    let _ = match format {
        SearchFormat::Json => writeln!(
            out,
            "{}",
            json!({
                "query": text,
                "forms": found.forms,
                "total": found.total,
                "all_words": found.all_words,
                "agencies": searched.agencies.iter().map(|(i, l)| json!({"iri": i, "label": l})).collect::<Vec<_>>(),
                "hits": found.hits.iter().enumerate().map(|(k, h)| hit_json(args.offset + k + 1, h)).collect::<Vec<_>>(),
            })
        ),
        SearchFormat::Csv => write_csv(&mut out, args.offset, &found.hits),
        SearchFormat::Table => {
            let head = if found.total == 0 {
                format!("没有任务含有“{text}”。")
            } else if !found.all_words {
                format!(
                    "没有任务含有“{text}”的全部词语；{} 个任务含有其中一些，按相关度排列：",
                    found.total
                )
            } else {
                format!("{} 个任务含有“{text}”，按相关度排列：", found.total)
            };
            writeln!(out, "{head}")
                .and_then(|_| write_hits(&mut out, args.offset, &found.hits))
                .and_then(|_| {
                    let shown = args.offset + found.hits.len();
                    if shown < found.total {
                        writeln!(
                            out,
                            "\n（显示第 {}–{} 个；下一页：--offset {shown}）",
                            args.offset + 1,
                            shown
                        )
                    } else {
                        Ok(())
                    }
                })
        }
    };
    ExitCode::SUCCESS
}

pub fn similar(args: &SimilarArgs, registry_dirs: &[PathBuf]) -> ExitCode {
    let (registry, store) = match open(&args.scope, registry_dirs) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let format = args.scope.format;
    let request = args.scope.request(String::new(), false, 0);
    let (task, hits) = match find::similar(&store, &registry, &args.task, &request) {
        Ok(x) => x,
        Err(e) => return refuse(&e, format == SearchFormat::Json),
    };
    let mut out = std::io::stdout().lock();
    let _ = match format {
        SearchFormat::Json => writeln!(
            out,
            "{}",
            json!({
                "task": task,
                "similar": hits.iter().enumerate().map(|(k, h)| hit_json(k + 1, h)).collect::<Vec<_>>(),
            })
        ),
        SearchFormat::Csv => write_csv(&mut out, 0, &hits),
        SearchFormat::Table => writeln!(
            out,
            "{} {} {}\n{}\n\n其他计划中最相近的任务：",
            year(&task),
            task.plan_title,
            task.cited,
            task.text
        )
        .and_then(|_| write_hits(&mut out, 0, &hits)),
    };
    ExitCode::SUCCESS
}

pub fn reindex(store: &super::StoreDir, registry_dirs: &[PathBuf]) -> ExitCode {
    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let path = store.path();
    let store = match fengong_store::Store::open_read_only(&path) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let t = std::time::Instant::now();
    match store.reindex(&registry) {
        Ok(s) => {
            let index = store.search_index(&registry);
            let tasks = index.as_ref().map(|i| i.tasks().unwrap_or(0)).unwrap_or(0);
            println!(
                "indexed {} documents, {tasks} tasks, in {:.1} s: {}",
                s.indexed,
                t.elapsed().as_secs_f64(),
                store.index_dir().display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn year(t: &Task) -> String {
    t.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into())
}

/// Labels of a task's agencies in `role`, in the plan's order.
fn names(t: &Task, role: &str) -> Vec<String> {
    t.duties
        .iter()
        .filter(|d| d.role == role)
        .map(|d| d.label.clone())
        .collect()
}

/// `text` with its marked ranges shown: bold on a terminal, 【】 elsewhere.
fn marked(text: &str, marks: &[(usize, usize)], terminal: bool) -> String {
    let (open, close) = if terminal {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("【", "】")
    };
    let mut out = String::new();
    let mut at = 0;
    for &(a, b) in marks {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push_str(open);
        out.push_str(&text[a..b]);
        out.push_str(close);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

fn snippet_text(s: &Snippet, terminal: bool) -> String {
    format!(
        "{}{}{}",
        if s.cut_before { "…" } else { "" },
        marked(&s.text, &s.marks, terminal),
        if s.cut_after { "…" } else { "" }
    )
}

fn write_hits(out: &mut impl Write, offset: usize, hits: &[Hit]) -> std::io::Result<()> {
    let terminal = std::io::stdout().is_terminal();
    for (k, h) in hits.iter().enumerate() {
        let t = &h.task;
        writeln!(out)?;
        writeln!(
            out,
            "{}. {}  {} {}",
            offset + k + 1,
            marked(&t.title, &h.title_marks, terminal),
            year(t),
            table::clip(&format!("{} {}", t.plan_title, t.cited), 80),
        )?;
        if t.text != t.title {
            writeln!(out, "   {}", snippet_text(&h.snippet, terminal))?;
        }
        let mut roles = Vec::new();
        for (role, word) in [
            ("lead", "牵头"),
            ("co_responsible", "共同负责"),
            ("cooperate", "配合"),
            ("supervisor", "分管"),
        ] {
            let n = names(t, role);
            if !n.is_empty() {
                roles.push(format!("{word}：{}", n.join("、")));
            }
        }
        if !roles.is_empty() {
            writeln!(out, "   {}", roles.join("；"))?;
        }
        writeln!(out, "   {}", t.iri)?;
    }
    Ok(())
}

fn hit_json(rank: usize, h: &Hit) -> serde_json::Value {
    let t = &h.task;
    json!({
        "rank": rank,
        "score": h.score,
        "task": t.iri,
        "cited": t.cited,
        "number": t.number,
        "title": t.title,
        "title_marks": h.title_marks,
        "snippet": h.snippet,
        "section": t.section,
        "plan": t.plan,
        "plan_title": t.plan_title,
        "year": t.year,
        "place": t.place,
        "duties": t.duties,
    })
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn write_csv(out: &mut impl Write, offset: usize, hits: &[Hit]) -> std::io::Result<()> {
    writeln!(
        out,
        "rank,score,year,plan_title,cited,title,lead,co_responsible,cooperate,supervisor,text,task,plan"
    )?;
    for (k, h) in hits.iter().enumerate() {
        let t = &h.task;
        let row = [
            (offset + k + 1).to_string(),
            format!("{:.3}", h.score),
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            t.plan_title.clone(),
            t.cited.clone(),
            t.title.clone(),
            names(t, "lead").join("、"),
            names(t, "co_responsible").join("、"),
            names(t, "cooperate").join("、"),
            names(t, "supervisor").join("、"),
            t.text.clone(),
            t.iri.clone(),
            t.plan.clone(),
        ];
        writeln!(
            out,
            "{}",
            row.iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(",")
        )?;
    }
    Ok(())
}
