//! What the pages read from the store, as plain data, and what they may share across requests.
//! A [`Cache`] belongs to one state of the store (the server makes a new one when it writes):
//! the plan list, the network rows, analysed networks, drawn diagrams and source excerpts are
//! computed once per key however many ask at once, and the keys are bounded.

use crate::App;
use fengong_network::measures::{self, Analysis, Settings};
use fengong_network::{Filter, Network, Source};
use fengong_store::{Row, Stats, Store, StoreError};
use oxigraph::model::{NamedNode, Term};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

const PLANS: &str = include_str!("../../../queries/plans.rq");
const TOP_LEADS: &str = include_str!("../../../queries/top-leads.rq");
const TASK_CORRECTIONS: &str = include_str!("../../../queries/ask-corrections.rq");
const PLAN_TASKS: &str = include_str!("../../../queries/plan-tasks.rq");
const TASK: &str = include_str!("../../../queries/task.rq");
const TASK_ROLES: &str = include_str!("../../../queries/ask-tasks.rq");

/// How many filtered networks are kept analysed (a year, a plan); the whole one always is.
const KEPT_VIEWS: usize = 32;

/// What names the plans wrote for each agency, with their years (`network::written_names`).
type Written = HashMap<String, Vec<(String, u32)>>;

pub(crate) struct Cache {
    stats: OnceLock<Result<Stats, String>>,
    plans: OnceLock<Result<Arc<Vec<PlanRow>>, String>>,
    /// The agencies that lead the most tasks, for the example questions.
    leads: OnceLock<Result<Arc<Vec<String>>, String>>,
    source: OnceLock<Result<Arc<Source>, String>>,
    written: OnceLock<Result<Arc<Written>, String>>,
    /// The whole network: every agency page reads it, so it is made once (concurrent first
    /// readers wait for it rather than each analysing it).
    whole: OnceLock<Result<Arc<View>, String>>,
    views: Keyed<View>,
    svgs: Keyed<String>,
    excerpts: Keyed<Option<Excerpt>>,
    /// Whole SPARQL answers of this state, within `--cache-answers` bytes.
    pub answers: crate::answers::Answers,
}

impl Cache {
    /// A cache for a new state of the store, keeping answers within `answer_budget` bytes.
    pub(crate) fn new(answer_budget: usize) -> Self {
        Cache {
            stats: OnceLock::new(),
            plans: OnceLock::new(),
            leads: OnceLock::new(),
            source: OnceLock::new(),
            written: OnceLock::new(),
            whole: OnceLock::new(),
            views: Keyed::new(KEPT_VIEWS),
            svgs: Keyed::new(KEPT_SVGS),
            excerpts: Keyed::new(KEPT_EXCERPTS),
            answers: crate::answers::Answers::new(answer_budget),
        }
    }
}

/// How many drawn diagrams are kept (an ego diagram per agency page seen, a network per filter).
const KEPT_SVGS: usize = 512;
/// How many source excerpts are kept (each is a plan's text, read and mapped again).
const KEPT_EXCERPTS: usize = 64;

/// Results by key, each computed once: the first asker computes, those who ask meanwhile wait
/// for its result instead of computing it again. At `limit` keys the set starts afresh, so
/// memory stays bounded whatever keys are asked for.
struct Keyed<T> {
    limit: usize,
    map: Mutex<HashMap<String, Arc<Once<T>>>>,
}

/// One key's result, made by whoever asks first.
type Once<T> = OnceLock<Result<Arc<T>, String>>;

impl<T> Keyed<T> {
    fn new(limit: usize) -> Keyed<T> {
        Keyed {
            limit,
            map: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, key: &str, make: impl FnOnce() -> Result<T, String>) -> Result<Arc<T>, String> {
        let cell = {
            let mut m = match self.map.lock() {
                Ok(m) => m,
                Err(poisoned) => poisoned.into_inner(),
            };
            match m.get(key) {
                Some(c) => c.clone(),
                None => {
                    if m.len() >= self.limit {
                        m.clear();
                    }
                    let c = Arc::new(OnceLock::new());
                    m.insert(key.to_owned(), c.clone());
                    c
                }
            }
        };
        cell.get_or_init(|| make().map(Arc::new)).clone()
    }
}

/// A network with its analysis and node labels (as the plans wrote them).
pub(crate) struct View {
    /// Unique to this view: keys of what is drawn from it, so a diagram is never taken for
    /// another state's.
    pub id: u64,
    pub net: Network,
    pub analysis: Analysis,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct PlanRow {
    pub iri: String,
    pub key: String,
    pub title: String,
    pub year: Option<i32>,
    pub issuer: String,
    pub number: String,
    pub kind: String,
    pub tasks: usize,
}

/// An IRI as [`Store::select`] writes it (`<…>`), bare.
pub(crate) fn bare(s: &str) -> String {
    s.trim_start_matches('<').trim_end_matches('>').to_owned()
}

fn get(r: &Row, k: &str) -> String {
    r.get(k).cloned().unwrap_or_default()
}

fn bind(name: &str, iri: &str) -> Result<Vec<(String, Term)>, StoreError> {
    let node = NamedNode::new(iri).map_err(|e| StoreError::Binding {
        name: name.into(),
        message: e.to_string(),
    })?;
    Ok(vec![(name.into(), Term::NamedNode(node))])
}

impl Cache {
    /// Reads what the first pages would otherwise each wait for (seconds at 100,000 tasks):
    /// run once on the blocking pool when the server starts.
    pub fn warm(&self, app: &App) {
        let _ = self.stats(&app.store);
        let _ = self.plans(&app.store);
        let _ = self.view(app, &Filter::default(), "");
    }

    /// The counts of the home page.
    pub fn stats(&self, store: &Store) -> Result<Stats, String> {
        self.stats
            .get_or_init(|| store.stats().map_err(|e| e.to_string()))
            .clone()
    }

    /// The two agencies that lead the most tasks: example questions name agencies the
    /// store holds, not the seeds'.
    pub fn leads(&self, store: &Store) -> Result<Arc<Vec<String>>, String> {
        self.leads
            .get_or_init(|| {
                let rows = store.select(TOP_LEADS, &[]).map_err(|e| e.to_string())?;
                Ok(Arc::new(
                    rows.iter().take(2).map(|r| get(r, "agency")).collect(),
                ))
            })
            .clone()
    }

    pub fn plans(&self, store: &Store) -> Result<Arc<Vec<PlanRow>>, String> {
        self.plans
            .get_or_init(|| {
                let rows = store.select(PLANS, &[]).map_err(|e| e.to_string())?;
                Ok(Arc::new(
                    rows.iter()
                        .map(|r| PlanRow {
                            iri: bare(&get(r, "plan")),
                            key: get(r, "key"),
                            title: get(r, "title"),
                            year: get(r, "year").parse().ok(),
                            issuer: get(r, "issuer"),
                            number: get(r, "number"),
                            kind: get(r, "kind"),
                            tasks: get(r, "tasks").parse().unwrap_or(0),
                        })
                        .collect(),
                ))
            })
            .clone()
    }

    fn source(&self, store: &Store) -> Result<Arc<Source>, String> {
        self.source
            .get_or_init(|| {
                fengong_store::network::read(store)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
    }

    fn written(&self, store: &Store) -> Result<Arc<Written>, String> {
        self.written
            .get_or_init(|| {
                fengong_store::network::written_names(store)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
    }

    /// The network `filter` keeps, analysed, with labels; `key` names the filter ("" for the
    /// whole network).
    pub fn view(&self, app: &App, filter: &Filter, key: &str) -> Result<Arc<View>, String> {
        if key.is_empty() {
            return self
                .whole
                .get_or_init(|| self.analyse(app, filter, "of all plans").map(Arc::new))
                .clone();
        }
        self.views.get(key, || self.analyse(app, filter, key))
    }

    fn analyse(&self, app: &App, filter: &Filter, key: &str) -> Result<View, String> {
        let started = std::time::Instant::now();
        let source = self.source(&app.store)?;
        let written = self.written(&app.store)?;
        let net = fengong_network::build(&source, filter);
        let analysis = measures::analyse(&net, &Settings::default());
        let labels = fengong_diagram::labels(&net, &app.registry, &written);
        crate::log::line(format!(
            "analysed the network {key} in {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        ));
        static VIEWS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Ok(View {
            id: VIEWS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            net,
            analysis,
            labels,
        })
    }

    /// The SVG drawn for `key`, drawn by `make` the first time (`dot` takes tenths of a second).
    pub fn svg(
        &self,
        key: &str,
        make: impl FnOnce() -> Result<String, String>,
    ) -> Result<Arc<String>, String> {
        self.svgs.get(key, || {
            let started = std::time::Instant::now();
            let svg = make();
            crate::log::line(format!(
                "drew {key} in {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            ));
            svg
        })
    }

    /// The excerpt around a task of a plan (see [`excerpt`]), read once per task.
    pub fn excerpt(
        &self,
        store: &Store,
        plan: &str,
        ordinal: u32,
    ) -> Result<Arc<Option<Excerpt>>, String> {
        self.excerpts.get(&format!("{ordinal} {plan}"), || {
            excerpt(store, plan, ordinal)
        })
    }

    /// The years and plans a network may be narrowed to.
    pub fn years(&self, store: &Store) -> Result<Vec<i32>, String> {
        let mut y: Vec<i32> = self.plans(store)?.iter().filter_map(|p| p.year).collect();
        y.sort_unstable();
        y.dedup();
        Ok(y)
    }
}

/// One agency's role on a task.
#[derive(Debug, Clone)]
pub(crate) struct Duty {
    pub role: String,
    pub label: String,
    pub written: String,
    pub post: String,
}

#[derive(Debug, Clone)]
pub(crate) struct TaskRow {
    pub iri: String,
    pub ordinal: u32,
    pub cited: String,
    pub section: String,
    pub title: String,
    pub duties: Vec<Duty>,
}

/// Every task of a plan with its duties, in the plan's order.
pub(crate) fn plan_tasks(store: &Store, plan: &str) -> Result<Vec<TaskRow>, StoreError> {
    let rows = store.select(PLAN_TASKS, &bind("plan", plan)?)?;
    let mut out: Vec<TaskRow> = Vec::new();
    for r in &rows {
        let iri = bare(&get(r, "task"));
        if out.last().is_none_or(|t| t.iri != iri) {
            out.push(TaskRow {
                iri: iri.clone(),
                ordinal: get(r, "ordinal").parse().unwrap_or(0),
                cited: get(r, "cited"),
                section: get(r, "section"),
                title: get(r, "title"),
                duties: Vec::new(),
            });
        }
        if let (Some(t), Some(role)) = (out.last_mut(), r.get("role")) {
            t.duties.push(Duty {
                role: role.clone(),
                label: get(r, "memberLabel"),
                written: get(r, "nameAsWritten"),
                post: get(r, "post"),
            });
        }
    }
    Ok(out)
}

/// One task as its page shows it.
#[derive(Debug, Clone, Default)]
pub(crate) struct TaskInfo {
    pub plan: String,
    pub plan_title: String,
    pub year: Option<i32>,
    pub ordinal: u32,
    pub cited: String,
    pub section: String,
    pub subsection: String,
    pub title: String,
    pub text: String,
    pub responsibility: String,
    pub deadline: String,
    pub line: String,
    pub location: String,
    pub span: Option<(usize, usize)>,
    pub duties: Vec<Duty>,
    /// Corrections by hand of this task: who, when, why, and what the parser had said.
    pub corrections: Vec<CorrectionNote>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct CorrectionNote {
    pub by: String,
    pub date: String,
    pub reason: String,
    pub parser_said: String,
    pub corrected_to: String,
}

pub(crate) fn task(store: &Store, iri: &str) -> Result<Option<TaskInfo>, StoreError> {
    let b = bind("task", iri)?;
    let Some(r) = store.select(TASK, &b)?.into_iter().next() else {
        return Ok(None);
    };
    let span = match (get(&r, "start").parse(), get(&r, "end").parse()) {
        (Ok(a), Ok(b)) => Some((a, b)),
        _ => None,
    };
    let duties = store
        .select(TASK_ROLES, &b)?
        .iter()
        .map(|d| Duty {
            role: get(d, "role"),
            label: get(d, "memberLabel"),
            written: get(d, "nameAsWritten"),
            post: get(d, "post"),
        })
        .collect();
    let corrections = store
        .select(TASK_CORRECTIONS, &b)?
        .iter()
        .map(|c| CorrectionNote {
            by: get(c, "by"),
            date: get(c, "date"),
            reason: get(c, "reason"),
            parser_said: get(c, "parserSaid"),
            corrected_to: get(c, "correctedTo"),
        })
        .collect();
    Ok(Some(TaskInfo {
        plan: bare(&get(&r, "plan")),
        plan_title: get(&r, "planTitle"),
        year: get(&r, "year").parse().ok(),
        ordinal: get(&r, "ordinal").parse().unwrap_or(0),
        cited: get(&r, "cited"),
        section: get(&r, "section"),
        subsection: get(&r, "subsection"),
        title: get(&r, "title"),
        text: get(&r, "text"),
        responsibility: get(&r, "responsibility"),
        deadline: get(&r, "deadline"),
        line: get(&r, "line"),
        location: get(&r, "location"),
        span,
        duties,
        corrections,
    }))
}

/// A plan's text cut around one task: before, the task (its responsibility part marked apart),
/// after. From the file's bytes read again as the parser read them, so the parts are the
/// parser's own offsets mapped back; `None` when the file is not at hand.
pub(crate) struct Excerpt {
    pub from: String,
    pub parts: Vec<(String, Mark)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Plain,
    Task,
    Responsibility,
}

pub(crate) fn excerpt(store: &Store, plan: &str, ordinal: u32) -> Result<Option<Excerpt>, String> {
    let Some((bytes, from)) = store.original(plan).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    // The stored parse holds the spans in the parser's own terms (bytes of text files and web
    // pages; offsets of the extracted text for Word, Excel and PDF).
    let graph = {
        let plans = store
            .select(
                "SELECT ?g WHERE { ?g fg:describes ?plan }",
                &bind("plan", plan).map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())?;
        match plans.first() {
            Some(r) => NamedNode::new(bare(&get(r, "g"))).map_err(|e| e.to_string())?,
            None => return Ok(None),
        }
    };
    let Some(parsed) = store.stored_parse(&graph).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    let Some(t) = parsed.tasks.iter().find(|t| t.ordinal == ordinal as usize) else {
        return Ok(None);
    };
    let text = fengong_parse::text::Text::from_bytes(&bytes).map_err(|e| e.to_string())?;
    // Offsets of the normalised text whose source offsets fall in a span: the map runs from
    // text to file, so the text is walked once.
    let n = text.text.len();
    let mut bounds = |span: fengong_parse::model::Span| -> Option<(usize, usize)> {
        let mut start = None;
        let mut end = 0;
        for (i, _) in text.text.char_indices() {
            let at = text.source_offset(i);
            if at >= span.start && at < span.end.max(span.start + 1) {
                start.get_or_insert(i);
                end = i;
            }
        }
        let start = start?;
        let end = text.text[end..]
            .chars()
            .next()
            .map_or(n, |c| end + c.len_utf8());
        Some((start, end))
    };
    let Some((a, b)) = bounds(t.span) else {
        return Ok(None);
    };
    let r = t
        .raw_span
        .and_then(&mut bounds)
        .filter(|(x, y)| a <= *x && *y <= b);
    let piece = |x: usize, y: usize| text.text[x..y].to_owned();
    let mut parts = vec![(piece(0, a), Mark::Plain)];
    match r {
        Some((x, y)) => {
            parts.push((piece(a, x), Mark::Task));
            parts.push((piece(x, y), Mark::Responsibility));
            parts.push((piece(y, b), Mark::Task));
        }
        None => parts.push((piece(a, b), Mark::Task)),
    }
    parts.push((piece(b, n), Mark::Plain));
    Ok(Some(Excerpt {
        from: shown_source(&from),
        parts,
    }))
}

/// Where a file was read, as a page may show it: its name, never the folders of the machine
/// that serves it (`/home/…/plans/2023.docx` → `2023.docx`).
pub(crate) fn shown_source(from: &str) -> String {
    if from.ends_with("(embedded corpus)") {
        return from.to_owned();
    }
    from.rsplit(['/', '\\']).next().unwrap_or(from).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_name_a_source_file_without_the_servers_folders() {
        assert_eq!(
            shown_source("/home/ana/plans/2023年分工.docx"),
            "2023年分工.docx"
        );
        assert_eq!(shown_source("C:\\plans\\a.pdf"), "a.pdf");
        assert_eq!(
            shown_source("000_x.txt (embedded corpus)"),
            "000_x.txt (embedded corpus)"
        );
    }
}
