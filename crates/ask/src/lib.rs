//! Questions → answers from the knowledge graph, each line citing its plan and task.
//!
//! `question` reads the question (pure); `topic` finds the tasks a topic is about (pure); this
//! module resolves the names it holds against the store, runs the templates of
//! `queries/ask-*.rq` and assembles an [`Answer`]. The CLI writes it for people or as JSON.

mod duties;
pub mod find;
pub use duties::agency_duties;
pub mod question;
pub mod words;

use fengong_network::{self as network, Filter};
use fengong_parse::lexicon::level_char;
use fengong_registry::{closest, qualified, Registry};
use fengong_store::network as store_network;
use fengong_store::{Store, StoreError};
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
pub use question::{understand, Form, Language, Question, RankBy, TopicRoles};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const AGENCY: &str = include_str!("../../../queries/ask-agency.rq");
const TASKS: &str = include_str!("../../../queries/ask-tasks.rq");
const SUPERVISES: &str = include_str!("../../../queries/ask-supervises.rq");
const NAMES: &str = include_str!("../../../queries/ask-names.rq");
const PLANS: &str = include_str!("../../../queries/ask-plans.rq");
const CORRECTIONS: &str = include_str!("../../../queries/ask-corrections.rq");
const WITHOUT_LEAD: &str = include_str!("../../../queries/ask-without-lead.rq");
const SEVERAL_LEADS: &str = include_str!("../../../queries/ask-several-leads.rq");
const PLANS_BY_YEAR: &str = include_str!("../../../queries/ask-plans-by-year.rq");
const UNTASKED: &str = include_str!("../../../queries/ask-untasked.rq");
const AGENCY_PLANS: &str = include_str!("../../../queries/ask-agency-plans.rq");
const AGENCY_IN: &str = include_str!("../../../queries/ask-agency-in.rq");
const LINEAGE: &str = include_str!("../../../queries/ask-lineage.rq");
const MEMBERS: &str = include_str!("../../../queries/ask-members.rq");

/// How many tasks a topic answer cites at most, best first.
const TOPIC_TASKS: usize = 50;
/// How many agencies a ranking lists unless the question says (`top 5`, `前5`).
const RANKING_TOP: usize = 10;

/// Where to look: the command line's `--plan` and `--year`.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Plans whose document key equals, or whose title contains, one of these.
    pub plans: Vec<String>,
    /// Plan years, inclusive; overrides years named in the question.
    pub years: Option<(i32, i32)>,
}

#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error("the question matches none of the forms fengong answers")]
    NotUnderstood { language: Language },
    #[error("no agency named {name} in the store")]
    UnknownAgency {
        name: String,
        suggestions: Vec<String>,
        language: Language,
    },
    #[error("no official named {name} supervises a task in the store")]
    UnknownPerson {
        name: String,
        suggestions: Vec<String>,
        language: Language,
    },
    #[error("{name} names agencies of {places} places; write the place")]
    Ambiguous {
        name: String,
        places: usize,
        options: Vec<String>,
        language: Language,
    },
    #[error("no plan in the store matches the plans and years asked for")]
    NoPlan {
        plans: Vec<String>,
        years: Option<(i32, i32)>,
        /// Files in that scope that gave no task.
        untasked: Vec<PlanRef>,
        language: Language,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("query failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    #[error(transparent)]
    Network(#[from] store_network::ReadError),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PlanRef {
    pub iri: String,
    pub title: String,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRef {
    pub iri: String,
    /// As written (`(一)`, `3.`); empty for unnumbered tasks.
    pub number: String,
    /// What names the task alone in its plan: the number, `七.1` where numbering restarts per
    /// section, or `#12` ([`fengong_parse::model::citations`]).
    pub cited: String,
    /// Position in the plan.
    pub ordinal: u32,
    pub title: String,
}

/// An agency (or official) the question names, as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// The name as asked, simplified.
    pub asked: String,
    /// Preferred labels of the agencies the name denotes (usually one).
    pub labels: Vec<String>,
    pub iris: Vec<String>,
    /// Other agencies of its line of renames that the answer counts (former or later names).
    pub lineage: Vec<String>,
    /// The agency's current name when the question used a former one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The changes that made the agency part of another body, in order, to its latest form
    /// (a split ends with every body it went into).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub became: Vec<Change>,
    /// Where `became` ends: the bodies that carry the agency's work today.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub latest: Vec<String>,
    pub person: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub agency: String,
    pub kind: String,
    pub date: Option<String>,
}

/// One cited fact: an agency's (or official's) role on a task of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// `lead`, `cooperate`, `co_responsible` or `supervisor`.
    pub role: String,
    /// The agency as the plan's entity (its preferred label), or the official.
    pub agency: String,
    pub agency_iri: String,
    /// The name the plan used, where it differs from `agency` (simplified script).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// The same name in the file's own script, for plans in traditional characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_file: Option<String>,
    /// The official's post as the plan gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    pub task: TaskRef,
    pub plan: PlanRef,
    /// Topic questions: how well the task matches (0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Which subject the line answers for (index into `subjects`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<usize>,
    /// Corrections by hand of the task, which the line reflects.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionNote>,
}

/// A correction by hand, as an answer cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorrectionNote {
    /// Where the entry is written (`corrections.toml:12`).
    pub source: String,
    pub reason: String,
    pub by: String,
    pub date: String,
    pub parser_said: String,
    pub corrected_to: String,
}

/// One agency of a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub rank: usize,
    pub agency: String,
    pub iri: String,
    /// Former names merged into it.
    pub former: Vec<String>,
    /// Distinct partners on the co-responsibility network (degree).
    pub partners: usize,
    pub leads: u32,
    pub cooperates: u32,
    pub shares: u32,
    /// Plans it has a duty in.
    pub plans: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub question: Question,
    /// The years and plans the answer covers: the plans searched, cited by title and year.
    pub years: Option<(i32, i32)>,
    pub plans: Vec<PlanRef>,
    pub subjects: Vec<Subject>,
    pub lines: Vec<Line>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ranking: Vec<Ranked>,
    /// Tasks in the network a ranking was computed from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_tasks: Option<usize>,
    /// Topic questions: how many tasks match (the lines cite at most the best 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic_matches: Option<usize>,
    /// A question about one role that found nothing: how many duties the agency has in other
    /// roles, so that the answer does not suggest it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_duties: Option<usize>,
    /// A duties answer given in pages: which tasks this is of how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<Paged>,
    /// Files within the question's scope (place, years, plans) that gave no task: what the
    /// answer could not count, named.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub untasked: Vec<PlanRef>,
    /// The SPARQL run, in order, with the values bound.
    pub sparql: Vec<String>,
    /// What was read from the search index instead (a page of an agency's duties), in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub index: Vec<String>,
}

/// Answers a question from the store: every row, in the order of [`sort_lines`].
pub fn ask(
    store: &Store,
    registry: &Registry,
    question: Question,
    scope: &Scope,
) -> Result<Answer, AskError> {
    answer(store, registry, question, scope, None)
}

/// Answers a question from the store, one page of it: an agency's duties (what X leads,
/// cooperates on, shares, does) come newest plans first, `page` counting tasks, and
/// [`Answer::page`] says how many there are in all. An agency's page is read from the search
/// index, which holds each task's agencies with their roles and orders them by year, plan and
/// task ([`fengong_search::answer_order`]): the first page of an agency of five thousand tasks
/// reads fifty records. Other forms of question are answered whole.
pub fn ask_page(
    store: &Store,
    registry: &Registry,
    question: Question,
    scope: &Scope,
    page: Page,
) -> Result<Answer, AskError> {
    answer(store, registry, question, scope, Some(page))
}

/// Which tasks of a duties answer to give, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Page {
    /// Page `number` (counted from 1) of `per` tasks each.
    pub fn numbered(number: usize, per: usize) -> Page {
        Page {
            offset: number.saturating_sub(1).saturating_mul(per),
            limit: per,
        }
    }
}

/// What a paged answer gives of the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paged {
    pub offset: usize,
    pub limit: usize,
    /// Tasks in the whole answer.
    pub tasks: usize,
    /// Plans they come from.
    pub plans: usize,
    /// Tasks of the whole answer in each role (`lead`, `cooperate`, `co_responsible`).
    pub roles: BTreeMap<String, usize>,
}

fn answer(
    store: &Store,
    registry: &Registry,
    question: Question,
    scope: &Scope,
    page: Option<Page>,
) -> Result<Answer, AskError> {
    let mut run = Runner {
        store,
        registry,
        sparql: Vec::new(),
        language: question.language,
        scope: Vec::new(),
        place: question.place.clone(),
        page,
    };
    let language = question.language;
    let years = scope.years.or(question.years);
    // Only a filter needs the list of plans: reading every plan's title costs a store lookup
    // each, seconds in a store of many thousands.
    let place = question.place.clone();
    let filtered = !scope.plans.is_empty() || years.is_some() || place.is_some();
    // A document is in scope when --plan names it (key or words of its title) and it lies
    // in the place asked about; years are applied by the query (plans) or here (untasked).
    let in_scope = |(p, key, j): &(PlanRef, String, String)| {
        (scope.plans.is_empty()
            || scope
                .plans
                .iter()
                .any(|q| key == q || p.title.contains(q.as_str())))
            && place
                .as_ref()
                .is_none_or(|w| fengong_parse::lexicon::lexicon().within(j, w))
    };
    let plans: Vec<PlanRef> = if filtered {
        run.plans(years)?
            .into_iter()
            .filter(in_scope)
            .map(|(p, _, _)| p)
            .collect()
    } else {
        Vec::new()
    };
    // Files of the question's scope that gave no task, named in the answer; an unscoped
    // question would carry every news article of the store.
    let untasked: Vec<PlanRef> = if filtered {
        run.untasked()?
            .into_iter()
            .filter(|(p, _, _)| years.is_none_or(|(a, b)| p.year.is_some_and(|y| a <= y && y <= b)))
            .filter(in_scope)
            .map(|(p, _, _)| p)
            .collect()
    } else {
        Vec::new()
    };
    if filtered && plans.is_empty() {
        let mut named = scope.plans.clone();
        named.extend(place.iter().cloned());
        return Err(AskError::NoPlan {
            plans: named,
            years,
            untasked,
            language,
        });
    }
    let in_scope: Vec<(String, Term)> = plans
        .iter()
        .map(|p| ("plan".to_owned(), iri(&p.iri)))
        .collect();
    run.scope = plans.iter().map(|p| p.iri.clone()).collect();
    let mut answer = Answer {
        question: question.clone(),
        years,
        plans,
        subjects: Vec::new(),
        lines: Vec::new(),
        ranking: Vec::new(),
        network_tasks: None,
        topic_matches: None,
        other_duties: None,
        page: None,
        untasked: Vec::new(),
        sparql: Vec::new(),
        index: Vec::new(),
    };
    match &question.form {
        Form::Leads { subject } => run.duties(&mut answer, subject, Some("lead"), &in_scope)?,
        Form::Cooperates { subject } => {
            run.duties(&mut answer, subject, Some("cooperate"), &in_scope)?
        }
        Form::Shares { subject } => {
            run.duties(&mut answer, subject, Some("co_responsible"), &in_scope)?
        }
        Form::Duties { subject } => run.duties(&mut answer, subject, None, &in_scope)?,
        Form::Supervises { person } => run.supervises(&mut answer, person, &in_scope)?,
        Form::Topic { topic, roles } => run.topic(&mut answer, topic, *roles, &in_scope)?,
        Form::CoLeads { subject } => run.duties(&mut answer, subject, Some("lead"), &in_scope)?,
        Form::WithoutLead => run.task_list(&mut answer, false, &in_scope)?,
        Form::SeveralLeads => run.task_list(&mut answer, true, &in_scope)?,
        Form::Ranking { by, top } => {
            let filter = Filter {
                plans: scope.plans.clone(),
                years,
                jurisdiction: place.clone(),
                ..Filter::default()
            };
            run.ranking(&mut answer, *by, top.unwrap_or(RANKING_TOP), &filter)?
        }
    }
    run.corrections(&mut answer.lines)?;
    answer.untasked = untasked;
    answer.sparql = run.sparql;
    Ok(answer)
}

type Row = HashMap<String, Term>;

fn iri(s: &str) -> Term {
    Term::NamedNode(NamedNode::new_unchecked(s))
}

/// An IRI term as the text of its IRI (other terms as N-Triples write them).
fn iri_text(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// Rows of `ask-plans.rq` or `ask-untasked.rq` as (document, key, place).
fn documents(rows: &[Row]) -> Vec<(PlanRef, String, String)> {
    rows.iter()
        .map(|r| {
            (
                PlanRef {
                    iri: value(r, "plan"),
                    title: value(r, "title"),
                    year: value(r, "year").parse().ok(),
                },
                value(r, "key"),
                value(r, "jurisdiction"),
            )
        })
        .collect()
}

/// A name as typed and with the other width of brackets: plans write `各乡镇（街道）`, users
/// type `各乡镇(街道)`.
fn bracket_forms(name: &str) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    for other in [
        name.replace('(', "（").replace(')', "）"),
        name.replace('（', "(").replace('）', ")"),
    ] {
        if !out.contains(&other) {
            out.push(other);
        }
    }
    out
}

/// Names are stored as simplified-Chinese literals; binding the exact literal lets the store
/// use its index instead of comparing strings.
fn zh(s: &str) -> Term {
    Term::Literal(Literal::new_language_tagged_literal_unchecked(s, "zh-hans"))
}

fn value(row: &Row, name: &str) -> String {
    match row.get(name) {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn plan_of(row: &Row) -> PlanRef {
    PlanRef {
        iri: value(row, "plan"),
        title: value(row, "planTitle"),
        year: value(row, "year").parse().ok(),
    }
}

fn task_of(row: &Row) -> TaskRef {
    TaskRef {
        iri: value(row, "task"),
        number: value(row, "number"),
        cited: value(row, "cited"),
        ordinal: value(row, "ordinal").parse().unwrap_or(0),
        title: value(row, "title"),
    }
}

/// A line from a row of ask-tasks.rq (or of a task list, which names no member).
fn row_line(r: &Row) -> Line {
    let agency = member_label(r);
    Line {
        role: value(r, "role"),
        as_written: as_written(r, &agency),
        agency,
        agency_iri: value(r, "member"),
        post: Some(value(r, "post")).filter(|p| !p.is_empty()),
        task: task_of(r),
        plan: plan_of(r),
        score: None,
        subject: None,
        in_file: Some(value(r, "nameInFile")).filter(|n| !n.is_empty()),
        corrections: Vec::new(),
    }
}

/// The agency of a row by its preferred label, with its place where the label is a short one
/// (市发改委 of 杭州市 → 杭州市发改委).
fn member_label(row: &Row) -> String {
    qualified(&value(row, "memberPlace"), &value(row, "memberLabel"))
}

/// The name the plan used, when it is not the agency's preferred label.
fn as_written(row: &Row, label: &str) -> Option<String> {
    let w = value(row, "nameAsWritten");
    (!w.is_empty() && w != label).then_some(w)
}

/// Runs templates, keeping each query as run for `--explain`.
struct Runner<'a> {
    store: &'a Store,
    registry: &'a Registry,
    sparql: Vec<String>,
    language: Language,
    /// The plans a scoped question covers (IRIs); empty: all.
    scope: Vec<String>,
    /// The place the question names, where its names are read.
    place: Option<String>,
    /// The rows of a duties answer to give, if not all.
    page: Option<Page>,
}

impl Runner<'_> {
    fn rows(&mut self, template: &str, bindings: &[(String, Term)]) -> Result<Vec<Row>, AskError> {
        self.sparql
            .push(fengong_store::bind(template, bindings).unwrap_or_else(|_| template.to_owned()));
        let QueryResults::Solutions(solutions) = self.store.query(template, bindings)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for s in solutions {
            let s = s?;
            out.push(
                s.iter()
                    .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                    .collect(),
            );
        }
        Ok(out)
    }

    /// Marks the lines whose tasks were corrected by hand, with who, when, why and what the
    /// parser had said, so that no answer passes off a correction as the plan's reading.
    fn corrections(&mut self, lines: &mut [Line]) -> Result<(), AskError> {
        let mut tasks: Vec<(String, Term)> = Vec::new();
        for l in lines.iter() {
            let t = ("task".to_owned(), iri(&l.task.iri));
            if !l.task.iri.is_empty() && !tasks.contains(&t) {
                tasks.push(t);
            }
        }
        if tasks.is_empty() {
            return Ok(());
        }
        let rows = self.rows(CORRECTIONS, &tasks)?;
        if rows.is_empty() {
            self.sparql.pop(); // Nothing corrected: the query adds nothing to the explanation.
            return Ok(());
        }
        for r in &rows {
            let note = CorrectionNote {
                source: value(r, "source"),
                reason: value(r, "reason"),
                by: value(r, "by"),
                date: value(r, "date"),
                parser_said: value(r, "parserSaid"),
                corrected_to: value(r, "correctedTo"),
            };
            let task = value(r, "task");
            for l in lines.iter_mut().filter(|l| l.task.iri == task) {
                if !l.corrections.contains(&note) {
                    l.corrections.push(note.clone());
                }
            }
        }
        Ok(())
    }

    /// The plans of `years` (every plan without), with their document keys.
    fn plans(
        &mut self,
        years: Option<(i32, i32)>,
    ) -> Result<Vec<(PlanRef, String, String)>, AskError> {
        let rows = match years {
            Some((a, b)) => {
                // An open range (since 2022) ends a little after the present.
                let last = b.min(a.max(2030) + 10);
                let bindings: Vec<(String, Term)> = (a..=last)
                    .map(|y| {
                        (
                            "year".to_owned(),
                            Term::Literal(Literal::from(i64::from(y))),
                        )
                    })
                    .collect();
                self.rows(PLANS_BY_YEAR, &bindings)?
            }
            None => self.rows(PLANS, &[])?,
        };
        self.sparql.pop(); // Listing the plans is bookkeeping, not part of the answer.
        Ok(documents(&rows))
    }

    /// The files that gave no task, as (document, key, place).
    fn untasked(&mut self) -> Result<Vec<(PlanRef, String, String)>, AskError> {
        let rows = self.rows(UNTASKED, &[])?;
        self.sparql.pop(); // Bookkeeping, as the list of plans.
        Ok(documents(&rows))
    }

    /// The agencies `name` denotes: labels in the store, then the registry's reading of it.
    fn agencies(&mut self, name: &str) -> Result<Vec<(String, String)>, AskError> {
        // `what does 市教委 lead in Beijing`, `北京市教委…`: a place the question names is the
        // place of a name that writes none (its level word, 市, stands for it).
        let lex = fengong_parse::lexicon::lexicon();
        if let Some(place) = self.place.clone() {
            if lex.place_prefix(name).is_none() && place != "全国" {
                let level: String = level_char(&place).into_iter().collect();
                let bare = name.strip_prefix(level.as_str()).unwrap_or(name);
                if let Ok(hits) = self.agencies_as_written(&format!("{place}{bare}")) {
                    if !hits.is_empty() {
                        return Ok(hits);
                    }
                }
            }
        }
        self.agencies_as_written(name)
    }

    fn agencies_as_written(&mut self, name: &str) -> Result<Vec<(String, String)>, AskError> {
        // `the Ministry of Finance`: a body's English name stands for its Chinese one.
        if name.is_ascii() {
            let names: Vec<String> = self
                .registry
                .by_english(name)
                .into_iter()
                .map(|k| self.registry.agencies[k].name.clone())
                .collect();
            let mut found: Vec<(String, String)> = Vec::new();
            for n in names {
                for hit in self.agencies(&n)? {
                    if !found.contains(&hit) {
                        found.push(hit);
                    }
                }
            }
            return Ok(found);
        }
        let mut found: Vec<(String, String)> = Vec::new();
        // 杭州市发改委: the 市发改委 of 杭州市, as 杭州's plans write it.
        let lex = fengong_parse::lexicon::lexicon();
        if let Some((len, place)) = place_written(lex, name) {
            let rest = &name[len..];
            if !rest.is_empty() {
                let level: String = level_char(&place.name).into_iter().collect();
                // The store names a district with its city (鞍山市立山区); `立山区…` is typed too.
                let mut forms = vec![place.name.clone()];
                if let Some(parent) = &place.parent {
                    forms.push(format!("{parent}{}", place.name));
                }
                let mut names = Vec::new();
                for n in [format!("{level}{rest}"), rest.to_owned()] {
                    names.extend(bracket_forms(&n));
                }
                for n in names {
                    let mut bindings = vec![("name".to_owned(), zh(&n))];
                    bindings.extend(forms.iter().map(|f| ("jurisdiction".to_owned(), zh(f))));
                    for r in self.rows(AGENCY_IN, &bindings)? {
                        let hit = (
                            value(&r, "agency"),
                            qualified(&place.name, &value(&r, "label")),
                        );
                        if forms.contains(&value(&r, "jurisdiction")) && !found.contains(&hit) {
                            found.push(hit);
                        }
                    }
                    if !found.is_empty() {
                        return Ok(found);
                    }
                }
            }
        }
        // As written (and with the other width of brackets: `各乡镇(街道)` is stored as the
        // plan wrote it, `各乡镇（街道）`); then as the registry reads it; then, for a bare
        // 科技厅, with the provincial or city prefix plans put before it.
        let mut attempts = vec![bracket_forms(name), self.registry.registered(name)];
        if !name.starts_with(['省', '市', '县', '区']) {
            for prefix in ["省", "市"] {
                let prefixed = format!("{prefix}{name}");
                let mut names = self.registry.registered(&prefixed);
                names.insert(0, prefixed);
                attempts.push(names);
            }
        }
        let mut places: Vec<String> = Vec::new();
        for names in attempts {
            for n in &names {
                for r in self.rows(AGENCY, &[("name".to_owned(), zh(n))])? {
                    let place = value(&r, "jurisdiction");
                    let hit = (value(&r, "agency"), qualified(&place, &value(&r, "label")));
                    if !found.contains(&hit) {
                        // A body of a plan whose place is unknown is its plan's own: two
                        // such plans' 市财政局 are two places' until a place says otherwise.
                        places.push(if place.is_empty() {
                            hit.0.clone()
                        } else {
                            place
                        });
                        found.push(hit);
                    }
                }
            }
            if !found.is_empty() {
                break;
            }
        }
        // `广州市黄埔区政府`, `天津市教委`: a name with its place, read as the registry reads
        // it (the body's canonical name), where the plans wrote it another way.
        if found.is_empty() {
            let mut e = self.registry.agency(name, None, false);
            // `广州市黄埔区政府`: the district's body, read in its city.
            if e.provisional {
                if let Some(prefix) = lex.place_prefix(name) {
                    let rest = &name[prefix.len()..];
                    if let (Some(p), false) = (lex.find_place(prefix), rest.is_empty()) {
                        e = self.registry.agency(rest, Some(&p.name), false);
                    }
                }
            }
            if !e.provisional && e.label != name {
                for r in self.rows(AGENCY, &[("name".to_owned(), zh(&e.label))])? {
                    let place = value(&r, "jurisdiction");
                    if e.jurisdiction.as_deref().is_some_and(|j| j != place) {
                        continue;
                    }
                    let hit = (value(&r, "agency"), qualified(&place, &value(&r, "label")));
                    if !found.contains(&hit) {
                        places.push(place);
                        found.push(hit);
                    }
                }
            }
        }
        // 市发改委 in a store of many cities' plans names one agency in each: ask which.
        let mut distinct = places.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() > 1 {
            let bindings: Vec<(String, Term)> = found
                .iter()
                .map(|(a, _)| ("agency".to_owned(), iri(a)))
                .collect();
            let rows = self.rows(AGENCY_PLANS, &bindings)?;
            self.sparql.pop(); // Bookkeeping: which of them the question means.
            let plans_of = |agency: &str| -> Vec<(String, String)> {
                rows.iter()
                    .filter(|r| value(r, "agency") == agency)
                    .map(|r| (value(r, "plan"), value(r, "title")))
                    .collect()
            };
            // A question narrowed to plans (--plan, a year) means the agencies in them.
            if !self.scope.is_empty() {
                let keep: Vec<usize> = (0..found.len())
                    .filter(|&i| {
                        plans_of(&found[i].0)
                            .iter()
                            .any(|(p, _)| self.scope.contains(p))
                    })
                    .collect();
                let mut kept_places: Vec<&String> = keep.iter().map(|&i| &places[i]).collect();
                kept_places.sort();
                kept_places.dedup();
                if kept_places.len() == 1 {
                    return Ok(keep.into_iter().map(|i| found[i].clone()).collect());
                }
            }
            // Each option once; one name in plans of unknown place is told apart by its plan.
            let mut options: Vec<String> = Vec::new();
            for (agency, label) in &found {
                let same = found.iter().filter(|(_, l)| l == label).count() > 1;
                let option = match plans_of(agency).first() {
                    Some((_, title)) if same => format!("{label}(《{title}》)"),
                    _ => label.clone(),
                };
                if !options.contains(&option) {
                    options.push(option);
                }
            }
            return Err(AskError::Ambiguous {
                name: name.to_owned(),
                places: distinct.len(),
                options,
                language: self.language,
            });
        }
        Ok(found)
    }

    /// The agencies a subject names: one name, or several joined by 和、与、and …, cut where
    /// every part is a known name. `None` when no reading works.
    fn subjects(
        &mut self,
        subject: &str,
        cache: &mut HashMap<String, Vec<(String, String)>>,
    ) -> Result<Option<Vec<Subject>>, AskError> {
        let whole = self.known(subject, cache)?;
        if !whole.is_empty() {
            return Ok(Some(vec![subject_of(subject, whole)]));
        }
        for (start, end) in question::conjunctions(subject) {
            let left = subject[..start].trim();
            let hit = self.known(left, cache)?;
            if hit.is_empty() {
                continue;
            }
            if let Some(mut rest) = self.subjects(subject[end..].trim(), cache)? {
                rest.insert(0, subject_of(left, hit));
                return Ok(Some(rest));
            }
        }
        Ok(None)
    }

    /// `agencies`, remembered: cutting a subject at its conjunctions asks for parts again.
    fn known(
        &mut self,
        part: &str,
        cache: &mut HashMap<String, Vec<(String, String)>>,
    ) -> Result<Vec<(String, String)>, AskError> {
        if let Some(hit) = cache.get(part) {
            return Ok(hit.clone());
        }
        let hit = self.agencies(part)?;
        cache.insert(part.to_owned(), hit.clone());
        Ok(hit)
    }

    /// Suggestions for a name nothing matched: names of agencies (or officials) with duties
    /// in the store first, which can be asked about; the registry's forms only where the
    /// store has nothing close (they may name bodies no plan of the store mentions).
    fn suggestions(&mut self, name: &str, person: bool) -> Result<Vec<String>, AskError> {
        let rows = self.rows(NAMES, &[])?;
        self.sparql.pop();
        let kind = if person { "person" } else { "agency" };
        let candidates: Vec<(String, String)> = rows
            .iter()
            .filter(|r| value(r, "kind") == kind)
            .map(|r| (value(r, "name"), value(r, "label")))
            .collect();
        let from_store = closest(name, candidates, 5);
        if person || !from_store.is_empty() {
            return Ok(from_store);
        }
        let reg = self.registry;
        Ok(closest(
            name,
            reg.forms()
                .map(|(form, k)| (form.to_owned(), reg.agencies[k].name.clone())),
            5,
        ))
    }

    fn duties(
        &mut self,
        answer: &mut Answer,
        subject: &str,
        role: Option<&str>,
        in_scope: &[(String, Term)],
    ) -> Result<(), AskError> {
        let language = answer.question.language;
        let mut cache = HashMap::new();
        let Some(subjects) = self.subjects(subject, &mut cache)? else {
            // 冯玲负责什么: a person's name asks what they supervise.
            if matches!(answer.question.form, Form::Duties { .. }) {
                let before = answer.lines.len();
                let sparql = self.sparql.len();
                self.supervises(answer, subject, in_scope)
                    .or_else(|e| match e {
                        AskError::UnknownPerson { .. } => Ok(()),
                        e => Err(e),
                    })?;
                if !answer.subjects.is_empty() {
                    return Ok(());
                }
                answer.lines.truncate(before);
                self.sparql.truncate(sparql);
            }
            if answer.question.bare {
                // A lone word is a name only if it is close to one: 省财政 → 省财政厅.
                let suggestions = self.suggestions(subject, false)?;
                let close = suggestions
                    .first()
                    .is_some_and(|s| contains_in_order(s, subject));
                if !close {
                    return Err(AskError::NotUnderstood { language });
                }
                return Err(AskError::UnknownAgency {
                    name: subject.to_owned(),
                    suggestions,
                    language,
                });
            }
            // Name the part that is unknown: the other side of a cut whose one side is known.
            let mut unknown = subject.to_owned();
            for (start, end) in question::conjunctions(subject) {
                let (left, right) = (subject[..start].trim(), subject[end..].trim());
                let known = |s: &str| cache.get(s).is_some_and(|h| !h.is_empty());
                if known(left) && !known(right) {
                    unknown = right.to_owned();
                    break;
                }
                if known(right) && !known(left) {
                    unknown = left.to_owned();
                    break;
                }
            }
            let suggestions = self.suggestions(&unknown, false)?;
            return Err(AskError::UnknownAgency {
                name: unknown,
                suggestions,
                language,
            });
        };
        let mut subjects = self.lineage(subjects)?;
        // 省政务服务数据管理局和省政务服务和数据管理局 name one agency twice.
        let mut seen: Vec<String> = Vec::new();
        subjects.retain(|s| {
            let key = s.current.clone().unwrap_or_else(|| s.labels.join("|"));
            let new = !seen.contains(&key);
            seen.push(key);
            new
        });
        // Several agencies sharing tasks: every role counts, and only tasks all take part in;
        // leading together (共同牵头): only tasks all of them lead.
        let co_lead = matches!(answer.question.form, Form::CoLeads { .. });
        let together = subjects.len() > 1
            && matches!(
                answer.question.form,
                Form::Shares { .. } | Form::CoLeads { .. }
            );
        let role = if together && !co_lead { None } else { role };
        if let Some(page) = self.page.filter(|_| subjects.len() == 1 && !co_lead) {
            return self.duty_page(answer, subjects, role, page);
        }
        let mut per_subject: Vec<Vec<Line>> = Vec::new();
        for (k, s) in subjects.iter().enumerate() {
            let mut seen = BTreeSet::new();
            let mut lines = Vec::new();
            for (_, member) in self.members(&s.iris)? {
                for line in self.duty_lines(&member, role, in_scope, k)? {
                    // A plan that names an agency twice in one role gives one line.
                    if seen.insert((
                        line.task.iri.clone(),
                        line.role.clone(),
                        line.agency.clone(),
                    )) {
                        lines.push(line);
                    }
                }
            }
            per_subject.push(lines);
        }
        for (s, lines) in subjects.iter_mut().zip(&per_subject) {
            let mut lineage: Vec<String> = lines
                .iter()
                .map(|l| l.agency.clone())
                .filter(|a| !s.labels.contains(a))
                .collect();
            lineage.sort();
            lineage.dedup();
            s.lineage = lineage;
        }
        if together {
            let tasks_of = |lines: &Vec<Line>| -> BTreeSet<String> {
                lines.iter().map(|l| l.task.iri.clone()).collect()
            };
            let mut shared = tasks_of(&per_subject[0]);
            for lines in &per_subject[1..] {
                let mine = tasks_of(lines);
                shared.retain(|t| mine.contains(t));
            }
            for lines in &mut per_subject {
                lines.retain(|l| shared.contains(&l.task.iri));
            }
        }
        let mut lines: Vec<Line> = per_subject.into_iter().flatten().collect();
        // One agency leading together: the tasks it leads with another lead.
        if co_lead && subjects.len() == 1 && !lines.is_empty() {
            let bindings: Vec<(String, Term)> = lines
                .iter()
                .map(|l| ("task".to_owned(), iri(&l.task.iri)))
                .collect();
            let mut leads: HashMap<String, usize> = HashMap::new();
            for r in self.rows(TASKS, &bindings)? {
                if value(&r, "role") == "lead" {
                    *leads.entry(value(&r, "task")).or_default() += 1;
                }
            }
            lines.retain(|l| leads.get(&l.task.iri).copied().unwrap_or(0) > 1);
        }
        sort_lines(&mut lines);
        // Nothing in the role asked for: say whether it has duties in other roles.
        if lines.is_empty() && role.is_some() && subjects.len() == 1 {
            let mut others = 0;
            for (_, member) in self.members(&subjects[0].iris)? {
                others += self.duty_count(&member, in_scope)?;
            }
            answer.other_duties = Some(others).filter(|n| *n > 0);
        }
        if let Some(page) = self.page {
            answer.page = Some(duties::paginate(&mut lines, page));
        }
        answer.subjects = subjects;
        answer.lines = lines;
        Ok(())
    }

    /// Every agency of the lines of renames of `iris`, as `?member` bindings.
    fn members(&mut self, iris: &[String]) -> Result<Vec<(String, Term)>, AskError> {
        let bindings: Vec<(String, Term)> =
            iris.iter().map(|i| ("agency".to_owned(), iri(i))).collect();
        Ok(self
            .rows(MEMBERS, &bindings)?
            .iter()
            .map(|r| ("member".to_owned(), iri(&value(r, "member"))))
            .collect())
    }

    /// Where each subject's line of renames ends (`current`), and the changes after it that
    /// made it part of another body, to the latest form (`became`).
    fn lineage(&mut self, mut subjects: Vec<Subject>) -> Result<Vec<Subject>, AskError> {
        for s in &mut subjects {
            let bindings: Vec<(String, Term)> = s
                .iris
                .iter()
                .map(|i| ("agency".to_owned(), iri(i)))
                .collect();
            let mut steps: BTreeMap<String, Vec<(String, Change)>> = BTreeMap::new();
            for r in self.rows(LINEAGE, &bindings)? {
                let step = (
                    value(&r, "later"),
                    Change {
                        agency: value(&r, "laterLabel"),
                        kind: value(&r, "kind"),
                        date: Some(value(&r, "date")).filter(|d| !d.is_empty()),
                    },
                );
                let out = steps.entry(value(&r, "from")).or_default();
                if !out.contains(&step) {
                    out.push(step);
                }
            }
            let continues = |c: &Change| matches!(c.kind.as_str(), "rename" | "succession");
            for start in &s.iris {
                // One path from the agency: a split ends it with every body it went into.
                let mut at = start.clone();
                let mut seen = BTreeSet::from([at.clone()]);
                let mut became: Vec<Change> = Vec::new();
                while let Some(next) = steps.get(&at) {
                    let [(later, change)] = next.as_slice() else {
                        became.extend(next.iter().map(|(_, c)| c.clone()));
                        break;
                    };
                    if continues(change) && became.is_empty() {
                        if !s.labels.contains(&change.agency) {
                            s.current = Some(change.agency.clone());
                        }
                    } else {
                        became.push(change.clone());
                    }
                    if !seen.insert(later.clone()) {
                        break;
                    }
                    at = later.clone();
                }
                let last = match steps.get(&at) {
                    Some(next) if next.len() > 1 => {
                        next.iter().map(|(_, c)| c.agency.clone()).collect()
                    }
                    _ => became
                        .last()
                        .map(|c| c.agency.clone())
                        .into_iter()
                        .collect::<Vec<_>>(),
                };
                for l in last {
                    if !s.latest.contains(&l) {
                        s.latest.push(l);
                    }
                }
                for c in became {
                    if !s.became.contains(&c) {
                        s.became.push(c);
                    }
                }
            }
        }
        Ok(subjects)
    }

    fn supervises(
        &mut self,
        answer: &mut Answer,
        person: &str,
        in_scope: &[(String, Term)],
    ) -> Result<(), AskError> {
        let mut bindings = vec![("name".to_owned(), zh(person))];
        bindings.extend(in_scope.iter().cloned());
        let mut rows = self.rows(SUPERVISES, &bindings)?;
        let mut person = person.to_owned();
        if rows.is_empty() {
            // Known but idle in scope, or not known at all? A post before the name
            // (副省长冯玲) is not part of it.
            let rows_of_names = self.rows(NAMES, &[])?;
            self.sparql.pop();
            let people: Vec<String> = rows_of_names
                .iter()
                .filter(|r| value(r, "kind") == "person")
                .map(|r| value(r, "name"))
                .collect();
            if let Some(n) = people
                .iter()
                .filter(|n| n.as_str() != person && person.ends_with(n.as_str()))
                .max_by_key(|n| n.len())
            {
                person = n.clone();
                bindings[0].1 = zh(&person);
                rows = self.rows(SUPERVISES, &bindings)?;
            }
            // Suggestions come from the names just read, not from a second query.
            let names = if people.contains(&person) {
                vec![person.clone()]
            } else {
                closest(&person, people.iter().map(|n| (n.clone(), n.clone())), 5)
            };
            if !names.contains(&person) {
                return Err(AskError::UnknownPerson {
                    name: person.clone(),
                    suggestions: names,
                    language: answer.question.language,
                });
            }
        }
        let mut iris: Vec<String> = rows.iter().map(|r| value(r, "person")).collect();
        iris.sort();
        iris.dedup();
        answer.subjects = vec![Subject {
            asked: person.to_owned(),
            labels: vec![person.to_owned()],
            iris,
            lineage: Vec::new(),
            current: None,
            became: Vec::new(),
            latest: Vec::new(),
            person: true,
        }];
        let mut lines: Vec<Line> = rows
            .iter()
            .map(|r| Line {
                role: "supervisor".to_owned(),
                agency: person.to_owned(),
                agency_iri: value(r, "person"),
                as_written: as_written(r, &person),
                post: Some(value(r, "post")).filter(|p| !p.is_empty()),
                task: task_of(r),
                plan: plan_of(r),
                score: None,
                subject: Some(0),
                in_file: None,
                corrections: Vec::new(),
            })
            .collect();
        sort_lines(&mut lines);
        answer.lines = lines;
        Ok(())
    }

    fn topic(
        &mut self,
        answer: &mut Answer,
        topic: &str,
        roles: TopicRoles,
        in_scope: &[(String, Term)],
    ) -> Result<(), AskError> {
        // The full-text index (fengong-search): every word of the topic, in any official form,
        // in the task's title, text or section; the plans in scope applied by the index.
        let plans: Vec<String> = in_scope.iter().map(|(_, t)| iri_text(t)).collect();
        let index = self.store.search_index(self.registry)?;
        // A topic is a term (数字乡村): the tasks that write it as written, in one of its
        // official forms, are about it; only when none do, those holding each of its words.
        let mut query = fengong_search::Query {
            text: topic.to_owned(),
            phrase: true,
            filter: fengong_search::Filter {
                plans: (!plans.is_empty()).then_some(plans),
                ..Default::default()
            },
            top: TOPIC_TASKS,
            offset: 0,
        };
        let mut found = index.search(&query).map_err(StoreError::from)?;
        if found.total == 0 {
            query.phrase = false;
            found = index.search(&query).map_err(StoreError::from)?;
        }
        // A task holding only some of the topic's words is not about it.
        if !found.all_words {
            answer.topic_matches = Some(0);
            return Ok(());
        }
        answer.topic_matches = Some(found.total);
        if found.hits.is_empty() {
            return Ok(());
        }
        // Scores relative to the best match (BM25 has no scale of its own).
        let best = found.hits[0].score.max(f32::MIN_POSITIVE);
        let score: HashMap<&str, (usize, f64)> = found
            .hits
            .iter()
            .enumerate()
            .map(|(rank, h)| (h.task.iri.as_str(), (rank, f64::from(h.score / best))))
            .collect();
        let bindings: Vec<(String, Term)> = found
            .hits
            .iter()
            .map(|h| ("task".to_owned(), iri(&h.task.iri)))
            .collect();
        let rows = self.rows(TASKS, &bindings)?;
        let has_lead: BTreeSet<String> = rows
            .iter()
            .filter(|r| value(r, "role") == "lead")
            .map(|r| value(r, "task"))
            .collect();
        let mut lines: Vec<(usize, Line)> = rows
            .iter()
            .filter(|r| {
                let role = value(r, "role");
                match roles {
                    TopicRoles::All => role != "supervisor",
                    TopicRoles::Cooperate => role == "cooperate",
                    TopicRoles::Supervise => role == "supervisor",
                    // A task that names no lead is led by those jointly responsible.
                    TopicRoles::Lead => {
                        role == "lead"
                            || (role == "co_responsible" && !has_lead.contains(&value(r, "task")))
                    }
                }
            })
            .filter_map(|r| {
                let &(rank, s) = score.get(value(r, "task").as_str())?;
                Some((
                    rank,
                    Line {
                        score: Some(s),
                        ..row_line(r)
                    },
                ))
            })
            .collect();
        // Best match first; within a task, leads first, then in the plan's order.
        lines.sort_by_key(|(rank, l)| (*rank, role_rank(&l.role)));
        answer.lines = lines.into_iter().map(|(_, l)| l).collect();
        Ok(())
    }

    /// Tasks that name no lead (`several`: false), or more than one, with every agency of
    /// theirs, in plan order: 哪些任务没有牵头单位 / 哪些任务由多个部门共同牵头.
    fn task_list(
        &mut self,
        answer: &mut Answer,
        several: bool,
        in_scope: &[(String, Term)],
    ) -> Result<(), AskError> {
        let template = if several { SEVERAL_LEADS } else { WITHOUT_LEAD };
        let found = self.rows(template, in_scope)?;
        answer.topic_matches = Some(found.len());
        let bindings: Vec<(String, Term)> = found
            .iter()
            .map(|r| ("task".to_owned(), iri(&value(r, "task"))))
            .collect();
        let rows = if bindings.is_empty() {
            Vec::new()
        } else {
            self.rows(TASKS, &bindings)?
        };
        let mut lines: Vec<Line> = rows
            .iter()
            .filter(|r| value(r, "role") != "supervisor")
            .map(row_line)
            .collect();
        // A task that names no agency at all is listed too, with nobody (its row has no member).
        for r in &found {
            let task = value(r, "task");
            if !lines.iter().any(|l| l.task.iri == task) {
                lines.push(row_line(r));
            }
        }
        sort_lines(&mut lines);
        answer.lines = lines;
        Ok(())
    }

    fn ranking(
        &mut self,
        answer: &mut Answer,
        by: RankBy,
        top: usize,
        filter: &Filter,
    ) -> Result<(), AskError> {
        let source = store_network::read(self.store)?;
        self.sparql
            .extend(store_network::READ_QUERIES.iter().map(|q| (*q).to_owned()));
        let net = network::build(&source, filter);
        let mut partners = vec![0usize; net.nodes.len()];
        for &(a, b) in net.ties.keys() {
            partners[a] += 1;
            partners[b] += 1;
        }
        let key = |i: usize| -> (u64, u64) {
            let n = &net.nodes[i];
            match by {
                RankBy::Central => (partners[i] as u64, u64::from(n.leads)),
                RankBy::Leads => (u64::from(n.leads), partners[i] as u64),
                RankBy::Cooperates => (u64::from(n.cooperates), partners[i] as u64),
                RankBy::Duties => (
                    u64::from(n.leads + n.cooperates + n.shares),
                    u64::from(n.leads),
                ),
            }
        };
        let mut order: Vec<usize> = (0..net.nodes.len()).filter(|&i| key(i).0 > 0).collect();
        // Nodes are sorted by label, so ties keep label order.
        order.sort_by_key(|&i| std::cmp::Reverse(key(i)));
        let top = if top == 0 { order.len() } else { top };
        answer.ranking = order
            .iter()
            .take(top)
            .enumerate()
            .map(|(k, &i)| {
                let n = &net.nodes[i];
                Ranked {
                    rank: k + 1,
                    agency: qualified(n.jurisdiction.as_deref().unwrap_or(""), &n.label),
                    iri: n.iri.clone(),
                    former: n.former_labels.clone(),
                    partners: partners[i],
                    leads: n.leads,
                    cooperates: n.cooperates,
                    shares: n.shares,
                    plans: n.plans,
                }
            })
            .collect();
        answer.plans = net
            .plans
            .iter()
            .map(|p| PlanRef {
                iri: p.iri.clone(),
                title: p.title.clone(),
                year: p.year,
            })
            .collect();
        answer.network_tasks = Some(net.tasks);
        Ok(())
    }
}

/// Every character of `part` appears in `whole`, in order.
fn contains_in_order(whole: &str, part: &str) -> bool {
    let mut chars = whole.chars();
    part.chars().all(|c| chars.any(|w| w == c))
}

/// The place a name starts with, and the length of its prefix: the longest place name, or a
/// district after its city (`鞍山市立山区…`), as official writing and the store name districts.
fn place_written<'l>(
    lex: &'l fengong_parse::lexicon::Lexicon,
    name: &str,
) -> Option<(usize, &'l fengong_parse::lexicon::Place)> {
    let first = lex.place_prefix(name)?;
    if let Some(second) = lex.place_prefix(&name[first.len()..]) {
        let both = &name[..first.len() + second.len()];
        if let Some(district) = lex.find_place(both).filter(|d| d.name == second) {
            return Some((both.len(), district));
        }
    }
    Some((first.len(), lex.find_place(first)?))
}

fn subject_of(asked: &str, hits: Vec<(String, String)>) -> Subject {
    let (iris, labels): (Vec<String>, Vec<String>) = hits.into_iter().unzip();
    let mut unique = labels.clone();
    unique.dedup();
    Subject {
        asked: asked.to_owned(),
        labels: unique,
        iris,
        lineage: Vec::new(),
        current: None,
        became: Vec::new(),
        latest: Vec::new(),
        person: false,
    }
}

fn role_rank(role: &str) -> u8 {
    match role {
        "lead" => 0,
        "co_responsible" => 1,
        "cooperate" => 2,
        _ => 3,
    }
}

/// Plans by year, then title (then IRI: two files of one year may bear one title); tasks in
/// plan order; roles lead, cooperate, co-responsible. A total order, so the same answer is
/// printed whichever order a store or server gave the rows in.
fn sort_lines(lines: &mut [Line]) {
    lines.sort_by(|a, b| {
        (
            a.plan.year,
            &a.plan.title,
            &a.plan.iri,
            a.task.ordinal,
            role_rank(&a.role),
            a.subject,
            &a.agency,
        )
            .cmp(&(
                b.plan.year,
                &b.plan.title,
                &b.plan.iri,
                b.task.ordinal,
                role_rank(&b.role),
                b.subject,
                &b.agency,
            ))
    });
}

/// The plans an answer's lines cite, in order of first citation.
pub fn cited_plans(answer: &Answer) -> Vec<&PlanRef> {
    let mut seen = BTreeMap::new();
    for l in &answer.lines {
        let n = seen.len();
        seen.entry(l.plan.iri.as_str()).or_insert((n, &l.plan));
    }
    let mut v: Vec<(usize, &PlanRef)> = seen.into_values().collect();
    v.sort_by_key(|(n, _)| *n);
    v.into_iter().map(|(_, p)| p).collect()
}
