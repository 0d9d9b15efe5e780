//! An agency's duties, read in narrow queries rather than one wide join.
//!
//! Every pattern of a query row costs Oxigraph an index probe (tens of microseconds in a store
//! of a million tasks), and one join of memberships, tasks, plans and labels repeats per row
//! what is the same for all rows of a plan or of the agency. So the rows come from the role
//! shortcuts with only what differs per task (`ask-duty-rows.rq`); each plan's title and year
//! and the agency's label are read once (`ask-plan.rq`, `ask-member.rq`); the names the plans
//! wrote are read only for agencies of the registry (`ask-duty-names.rq`).

use super::{
    iri, qualified, sort_lines, value, AskError, Language, Line, PlanRef, Runner, TaskRef,
};
use fengong_registry::Registry;
use fengong_store::Store;
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

        let agency_iri = match member {
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
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
