//! Store ↔ network: reading duties into a [`Source`], saving an analysis into its own named
//! graph — the I/O of the network stage, whose computing is `fengong_network`'s (pure).

use crate::{Store, StoreError};
use fengong_network::measures::{Analysis, Settings};
use fengong_network::{Agency, Duty, Filter, Network, Plan, Role, Source, TaskLabel};
use fengong_rdf::analysis::{analysis_quads, Run};
use fengong_rdf::vocab::FG;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::collections::HashMap;

const DUTIES: &str = include_str!("../../../queries/network-duties.rq");
const PLANS: &str = include_str!("../../../queries/network-plans.rq");
const AGENCIES: &str = include_str!("../../../queries/network-agencies.rq");
const LINEAGE: &str = include_str!("../../../queries/lineage.rq");
const TASKS: &str = include_str!("../../../queries/network-tasks.rq");
const NAMES: &str = include_str!("../../../queries/network-names.rq");

/// The queries `read` runs, in order (for `fengong ask --explain`).
pub const READ_QUERIES: [&str; 4] = [PLANS, AGENCIES, DUTIES, LINEAGE];

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("query failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
}

/// Reads every duty, plan, agency and succession from the store.
pub fn read(store: &Store) -> Result<Source, ReadError> {
    let mut source = Source::default();
    each(store, PLANS, |row| {
        let iri = text(row, 0);
        source.plans.insert(
            iri.clone(),
            Plan {
                iri,
                key: text(row, 1),
                title: text(row, 2),
                year: row[3].as_ref().and_then(|t| literal(t).parse().ok()),
                jurisdiction: row[4].as_ref().map(literal),
            },
        );
    })?;
    // Rows per agency and class: the fg: kind class wins over org:FormalOrganization.
    let mut agencies: HashMap<String, Agency> = HashMap::new();
    each(store, AGENCIES, |row| {
        let iri = text(row, 0);
        let class = text(row, 3);
        let kind = class.strip_prefix(FG).map(str::to_owned);
        let a = agencies.entry(iri.clone()).or_insert_with(|| Agency {
            iri,
            label: text(row, 1),
            jurisdiction: row[2].as_ref().map(literal),
            kind: "Unregistered".to_owned(),
            collective: false,
        });
        match kind.as_deref() {
            Some("AgencyGroup") => {
                a.collective = true;
                a.kind = "AgencyGroup".to_owned();
            }
            Some(k) if !a.collective && text(row, 4) != "true" => a.kind = k.to_owned(),
            _ => {}
        }
    })?;
    each(store, DUTIES, |row| {
        if let Some(role) = Role::from_notation(&text(row, 1)) {
            let task = text(row, 2);
            // Task IRIs are …/plan/KEY/task/N (rdf::iri): the plan is what precedes /task/.
            let plan = task
                .rfind("/task/")
                .map_or_else(|| task.clone(), |i| task[..i].to_owned());
            source.duties.push(Duty {
                task,
                plan,
                agency: text(row, 0),
                role,
            });
        }
    })?;
    each(store, LINEAGE, |row| {
        source.succeeded_by.push((text(row, 0), text(row, 1)));
    })?;
    // Only agencies with a duty, or in the line of one that has, make the network.
    let mut wanted: std::collections::HashSet<&str> =
        source.duties.iter().map(|d| d.agency.as_str()).collect();
    for (from, to) in &source.succeeded_by {
        wanted.insert(from);
        wanted.insert(to);
    }
    source.agencies = agencies
        .into_iter()
        .filter(|(iri, _)| wanted.contains(iri.as_str()))
        .collect();
    Ok(source)
}

/// How the plans wrote each agency: per entity IRI, its names as written with how many roles
/// were written so, most used first (ties: the shorter name).
pub fn written_names(store: &Store) -> Result<HashMap<String, Vec<(String, u32)>>, ReadError> {
    let mut out: HashMap<String, Vec<(String, u32)>> = HashMap::new();
    each(store, NAMES, |row| {
        let n = text(row, 2).parse().unwrap_or(0);
        out.entry(text(row, 0)).or_default().push((text(row, 1), n));
    })?;
    for names in out.values_mut() {
        names.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.chars().count().cmp(&b.0.chars().count()))
                .then_with(|| a.0.cmp(&b.0))
        });
    }
    Ok(out)
}

/// The numbered tasks of one plan, for the two-mode diagram.
pub fn read_tasks(store: &Store, plan: &str) -> Result<Vec<TaskLabel>, ReadError> {
    let bindings = [(
        "plan".to_owned(),
        Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(plan)),
    )];
    let mut out = Vec::new();
    if let QueryResults::Solutions(solutions) = store.query(TASKS, &bindings)? {
        for s in solutions {
            let s = s?;
            let row: Row = s.values().to_vec();
            out.push(TaskLabel {
                iri: text(&row, 0),
                number: text(&row, 1),
                title: text(&row, 2),
                ordinal: text(&row, 3).parse().unwrap_or(0),
            });
        }
    }
    Ok(out)
}

/// Writes `analysis` to the graph `fgg:analysis/ID`, where ID is a hash of the filter and
/// settings: running the same analysis again replaces it. Returns the graph.
pub fn save(
    store: &Store,
    net: &Network,
    analysis: &Analysis,
    filter: &Filter,
    settings: &Settings,
    description: &str,
) -> Result<oxigraph::model::NamedNode, StoreError> {
    let parameters = serde_json::json!({ "filter": filter, "settings": settings }).to_string();
    let id: String = crate::sha256(parameters.as_bytes())
        .chars()
        .take(16)
        .collect();
    let time = crate::now_utc();
    let (graph, quads) = analysis_quads(
        &Run {
            id: &id,
            description,
            parameters: &parameters,
            time: &time,
            version: crate::VERSION,
        },
        net,
        analysis,
    );
    store.replace_graph(&graph, &quads)?;
    Ok(graph)
}

type Row = Vec<Option<Term>>;

fn each(store: &Store, sparql: &str, mut f: impl FnMut(&Row)) -> Result<(), ReadError> {
    if let QueryResults::Solutions(solutions) = store.query(sparql, &[])? {
        for s in solutions {
            let s = s?;
            let row: Row = s.values().to_vec();
            f(&row);
        }
    }
    Ok(())
}

fn literal(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

fn text(row: &Row, i: usize) -> String {
    row.get(i)
        .and_then(|t| t.as_ref())
        .map(literal)
        .unwrap_or_default()
}
