//! An agency's duties, read in narrow queries rather than one wide join.
//!
//! Every pattern of a query row costs Oxigraph an index probe (tens of microseconds in a store
//! of a million tasks), and one join of memberships, tasks, plans and labels repeats per row
//! what is the same for all rows of a plan or of the agency. So the rows come from the role
//! shortcuts with only what differs per task (`ask-duty-rows.rq`); each plan's title and year
//! and the agency's label are read once (`ask-plan.rq`, `ask-member.rq`); the names the plans
//! wrote are read only for agencies of the registry (`ask-duty-names.rq`).

use super::{
    iri, iri_text, qualified, sort_lines, value, Answer, AskError, Language, Line, Page, Paged,
    PlanRef, Runner, Subject, TaskRef,
};
use fengong_registry::Registry;
use fengong_store::{Store, StoreError};
use oxigraph::model::{Literal, Term};
use std::collections::HashMap;

const ROWS: &str = include_str!("../../../queries/ask-duty-rows.rq");
const NAMES: &str = include_str!("../../../queries/ask-duty-names.rq");
const PLAN: &str = include_str!("../../../queries/ask-plan.rq");
const MEMBER: &str = include_str!("../../../queries/ask-member.rq");

/// The duties of one agency, by IRI, in one role (or every role), as answers list them: the
/// single-agency lookup under `ask`, for callers that already know the agency (its former and
/// later names are not followed; `ask` does that).
pub fn agency_duties(
    store: &Store,
    agency: &str,
    role: Option<&str>,
) -> Result<Vec<Line>, AskError> {
    let mut run = Runner {
        store,
        // The IRI is known: this lookup reads no names.
        registry: Registry::empty(),
        sparql: Vec::new(),
        language: Language::Zh,
        scope: Vec::new(),
        place: None,
        page: None,
    };
    let mut lines = run.duty_lines(&iri(agency), role, &[], 0)?;
    sort_lines(&mut lines);
    Ok(lines)
}

impl Runner<'_> {
    /// How many duties one agency has in every role, in the plans `in_scope` binds: the rows
    /// alone (one per agency, role and task), without the labels and names a line needs.
    pub(super) fn duty_count(
        &mut self,
        member: &Term,
        in_scope: &[(String, Term)],
    ) -> Result<usize, AskError> {
        let mut bindings = vec![("member".to_owned(), member.clone())];
        bindings.extend(in_scope.iter().cloned());
        Ok(self.rows(ROWS, &bindings)?.len())
    }

    /// The duties of one agency (`member`, an IRI) in `role` (every role if `None`), in the
    /// plans `in_scope` binds (every plan if empty), as unsorted lines for `subject`.
    pub(super) fn duty_lines(
        &mut self,
        member: &Term,
        role: Option<&str>,
        in_scope: &[(String, Term)],
        subject: usize,
    ) -> Result<Vec<Line>, AskError> {
        let bound = |name: &str, t: Term| (name.to_owned(), t);
        let mut bindings = vec![bound("member", member.clone())];
        if let Some(r) = role {
            bindings.push(bound("role", Term::Literal(Literal::from(r))));
        }
        let mut scoped = bindings.clone();
        scoped.extend(in_scope.iter().cloned());
        let rows = self.rows(ROWS, &scoped)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }

        let agency = self
            .rows(MEMBER, &[bound("member", member.clone())])?
            .into_iter()
            .next()
            .unwrap_or_default();
        let label = value(&agency, "label");
        let shown = qualified(&value(&agency, "place"), &label);
        // An agency the registry lacks is keyed by the words the plans wrote: its label is
        // every name it was written as, and its memberships need not be read again.
        let written: HashMap<(String, String), (String, String)> =
            if value(&agency, "provisional") == "true" {
                HashMap::new()
            } else {
                self.rows(NAMES, &bindings)?
                    .iter()
                    .map(|r| {
                        (
                            (value(r, "task"), value(r, "role")),
                            (value(r, "nameAsWritten"), value(r, "nameInFile")),
                        )
                    })
                    .collect()
            };

        let mut plan_iris: Vec<String> = rows.iter().map(|r| value(r, "plan")).collect();
        plan_iris.sort_unstable();
        plan_iris.dedup();
        let plan_bindings: Vec<(String, Term)> =
            plan_iris.iter().map(|p| bound("plan", iri(p))).collect();
        let plans: HashMap<String, PlanRef> = self
            .rows(PLAN, &plan_bindings)?
            .iter()
            .map(|r| {
                let p = PlanRef {
                    iri: value(r, "plan"),
                    title: value(r, "title"),
                    year: value(r, "year").parse().ok(),
                };
                (p.iri.clone(), p)
            })
            .collect();

        let agency_iri = iri_text(member);
        Ok(rows
            .iter()
            .map(|r| {
                let task = TaskRef {
                    iri: value(r, "task"),
                    number: value(r, "number"),
                    cited: value(r, "cited"),
                    ordinal: value(r, "ordinal").parse().unwrap_or(0),
                    title: value(r, "title"),
                };
                let role = value(r, "role");
                let (name, in_file) = match written.get(&(task.iri.clone(), role.clone())) {
                    Some((n, f)) => (n, (!f.is_empty()).then(|| f.clone())),
                    None => (&label, None),
                };
                let plan_iri = value(r, "plan");
                Line {
                    as_written: (!name.is_empty() && *name != shown).then(|| name.clone()),
                    in_file,
                    role,
                    agency: shown.clone(),
                    agency_iri: agency_iri.clone(),
                    post: None,
                    task,
                    plan: plans.get(&plan_iri).cloned().unwrap_or(PlanRef {
                        iri: plan_iri,
                        title: String::new(),
                        year: None,
                    }),
                    score: None,
                    subject: Some(subject),
                    corrections: Vec::new(),
                }
            })
            .collect())
    }
}

/// The roles a duties answer lists when the question names none (officials' supervision is
/// another question).
const DUTY_ROLES: [&str; 3] = ["lead", "cooperate", "co_responsible"];

/// Where a line stands in a paged answer: the newest plans first, each plan's tasks in its
/// order, then as [`sort_lines`] orders the lines of one task.
fn page_order(l: &Line) -> (u64, u8, Option<usize>, &str) {
    (
        fengong_search::answer_order(l.plan.year, &l.plan.iri, u64::from(l.task.ordinal)),
        super::role_rank(&l.role),
        l.subject,
        &l.agency,
    )
}

/// Keeps the lines of the page's tasks, in page order; what the page is of the whole.
pub(super) fn paginate(lines: &mut Vec<Line>, page: Page) -> Paged {
    lines.sort_by(|a, b| page_order(a).cmp(&page_order(b)));
    let mut plans: Vec<&str> = lines.iter().map(|l| l.plan.iri.as_str()).collect();
    plans.sort_unstable();
    plans.dedup();
    let plans = plans.len();
    let mut roles: std::collections::BTreeMap<String, usize> = Default::default();
    let mut seen = std::collections::BTreeSet::new();
    for l in lines.iter() {
        if seen.insert((l.task.iri.as_str(), l.role.as_str())) {
            *roles.entry(l.role.clone()).or_default() += 1;
        }
    }
    let mut tasks = 0;
    let mut last: Option<String> = None;
    lines.retain(|l| {
        if last.as_deref() != Some(l.task.iri.as_str()) {
            tasks += 1;
            last = Some(l.task.iri.clone());
        }
        (page.offset + 1..=page.offset.saturating_add(page.limit)).contains(&tasks)
    });
    Paged {
        offset: page.offset,
        limit: page.limit,
        tasks,
        plans,
        roles,
    }
}

impl Runner<'_> {
    /// One page of one agency's duties (with its former and later names), from the search
    /// index: the tasks come from its `duty` terms in answer order, their plan, year, number,
    /// title and the names the plans wrote from its records; the store gives the agencies'
    /// labels. (Read from the store, the names cost a probe per duty of the agency, or a scan
    /// of every membership when the page's tasks are bound by `VALUES`.)
    pub(super) fn duty_page(
        &mut self,
        answer: &mut Answer,
        mut subjects: Vec<Subject>,
        role: Option<&str>,
        page: Page,
    ) -> Result<(), AskError> {
        let index = self.store.search_index(self.registry)?;
        let members: Vec<Term> = self
            .members(&subjects[0].iris)?
            .into_iter()
            .map(|(_, m)| m)
            .collect();
        let iris: Vec<String> = members.iter().map(iri_text).collect();
        let roles: Vec<String> = match role {
            Some(r) => vec![r.to_owned()],
            None => DUTY_ROLES.iter().map(|r| (*r).to_owned()).collect(),
        };
        let plans = (!self.scope.is_empty()).then(|| self.scope.clone());
        let filter = |agencies: Vec<String>, roles: Vec<String>| fengong_search::Filter {
            years: None,
            plans: plans.clone(),
            agencies,
            roles,
        };
        // No member, no duty (an empty filter would let every task through).
        let (tasks, total, plans_in_all) = if iris.is_empty() {
            (Vec::new(), 0, 0)
        } else {
            index
                .page_and_plans(
                    &filter(iris.clone(), roles.clone()),
                    page.offset,
                    page.limit,
                )
                .map_err(StoreError::from)?
        };
        let terms: Vec<String> = iris
            .iter()
            .flat_map(|i| roles.iter().map(move |r| format!("\"{r} {i}\"")))
            .collect();
        answer.index.push(format!(
            "Tasks whose `duty` term is any of {}{}, in answer order (newest year first, then plan, then the plan's order of tasks): {} from {}; {total} in all.",
            terms.join(" "),
            if plans.is_some() { ", in the plans in scope" } else { "" },
            tasks.len(),
            page.offset + 1,
        ));

        let bound = |name: &str, t: &Term| (name.to_owned(), t.clone());
        let member_bindings: Vec<(String, Term)> =
            members.iter().map(|m| bound("member", m)).collect();
        // Each agency's label as answers show it, and whether it is the registry's.
        let mut shown: HashMap<String, (String, bool)> = HashMap::new();
        if !members.is_empty() {
            for r in self.rows(MEMBER, &member_bindings)? {
                let label = qualified(&value(&r, "place"), &value(&r, "label"));
                shown.insert(
                    value(&r, "member"),
                    (label, value(&r, "provisional") == "true"),
                );
            }
        }
        let mut lines = Vec::new();
        for t in &tasks {
            let mut seen = std::collections::BTreeSet::new();
            for d in &t.duties {
                if !iris.contains(&d.agency) || !roles.contains(&d.role) {
                    continue;
                }
                // A plan that names an agency twice in one role gives one line.
                if !seen.insert((d.role.clone(), d.agency.clone())) {
                    continue;
                }
                let (agency, provisional) = shown
                    .get(&d.agency)
                    .cloned()
                    .unwrap_or_else(|| (d.label.clone(), false));
                // The name the plan wrote, kept with the task in the index; an agency the
                // registry lacks is named after the very words written (its label says them).
                let (name, in_file) = match &d.written {
                    Some(w) if !provisional => (w.clone(), d.in_file.clone()),
                    _ => (agency.clone(), None),
                };
                lines.push(Line {
                    as_written: (!name.is_empty() && name != agency).then_some(name),
                    in_file,
                    role: d.role.clone(),
                    agency,
                    agency_iri: d.agency.clone(),
                    post: None,
                    task: TaskRef {
                        iri: t.iri.clone(),
                        number: t.number.clone(),
                        cited: t.cited.clone(),
                        ordinal: u32::try_from(t.ordinal).unwrap_or(u32::MAX),
                        title: t.title.clone(),
                    },
                    plan: PlanRef {
                        iri: t.plan.clone(),
                        title: t.plan_title.clone(),
                        year: t.year,
                    },
                    score: None,
                    subject: Some(0),
                    corrections: Vec::new(),
                });
            }
        }
        lines.sort_by(|a, b| page_order(a).cmp(&page_order(b)));

        // Its former and later names that have duties of the kind asked for.
        let s = &mut subjects[0];
        let mut lineage = Vec::new();
        for (iri, (label, _)) in &shown {
            if s.labels.contains(label) || lineage.contains(label) {
                continue;
            }
            let (_, n) = index
                .page(&filter(vec![iri.clone()], roles.clone()), 0, 0)
                .map_err(StoreError::from)?;
            if n > 0 {
                lineage.push(label.clone());
            }
        }
        lineage.sort();
        s.lineage = lineage;
        // Nothing in the role asked for: say whether it has duties in other roles.
        if total == 0 && role.is_some() && !iris.is_empty() {
            let all = DUTY_ROLES.iter().map(|r| (*r).to_owned()).collect();
            let (_, others) = index
                .page(&filter(iris.clone(), all), 0, 0)
                .map_err(StoreError::from)?;
            answer.other_duties = Some(others).filter(|n| *n > 0);
        }
        let mut per_role = std::collections::BTreeMap::new();
        for r in roles.iter().filter(|_| total > 0) {
            // One role asked for: its count is the total.
            let n = if roles.len() == 1 {
                total
            } else {
                index
                    .page(&filter(iris.clone(), vec![r.clone()]), 0, 0)
                    .map_err(StoreError::from)?
                    .1
            };
            if n > 0 {
                per_role.insert(r.clone(), n);
            }
        }
        answer.page = Some(Paged {
            offset: page.offset,
            limit: page.limit,
            tasks: total,
            plans: plans_in_all,
            roles: per_role,
        });
        answer.subjects = subjects;
        answer.lines = lines;
        Ok(())
    }
}
