//! Store ↔ network: reading duties into a [`Source`], saving an analysis into its own named
//! graph. The only part of the network stage that does I/O.

use super::measures::{Analysis, Settings};
use super::{Agency, Duty, Filter, Network, Plan, Role, Source};
use crate::rdf::analysis::{analysis_quads, Run};
use crate::store::{Store, StoreError};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

const DUTIES: &str = include_str!("../../queries/network-duties.rq");
const PLANS: &str = include_str!("../../queries/network-plans.rq");
const AGENCIES: &str = include_str!("../../queries/network-agencies.rq");
const LINEAGE: &str = include_str!("../../queries/lineage.rq");
const TASKS: &str = include_str!("../../queries/network-tasks.rq");

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
    each(store, AGENCIES, |row| {
        let iri = text(row, 0);
        let collective = text(row, 4) == "true";
        let kind = if collective {
            "AgencyGroup".to_owned()
        } else if text(row, 5) == "true" {
            "Unregistered".to_owned()
        } else {
            row[3]
                .as_ref()
                .map(literal)
                .unwrap_or_else(|| "Unregistered".into())
        };
        source.agencies.insert(
            iri.clone(),
            Agency {
                iri,
                label: text(row, 1),
                jurisdiction: row[2].as_ref().map(literal),
                kind,
                collective,
            },
        );
    })?;
    each(store, DUTIES, |row| {
        if let Some(role) = Role::from_notation(&text(row, 3)) {
            source.duties.push(Duty {
                task: text(row, 0),
                plan: text(row, 1),
                agency: text(row, 2),
                role,
            });
        }
    })?;
    each(store, LINEAGE, |row| {
        source.succeeded_by.push((text(row, 0), text(row, 1)));
    })?;
    Ok(source)
}

/// The numbered tasks of one plan, for the two-mode diagram.
pub fn read_tasks(store: &Store, plan: &str) -> Result<Vec<crate::diagram::TaskLabel>, ReadError> {
    let bindings = [(
        "plan".to_owned(),
        Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(plan)),
    )];
    let mut out = Vec::new();
    if let QueryResults::Solutions(solutions) = store.query(TASKS, &bindings)? {
        for s in solutions {
            let s = s?;
            let row: Row = s.values().to_vec();
            out.push(crate::diagram::TaskLabel {
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
    let id: String = crate::store::sha256(parameters.as_bytes())
        .chars()
        .take(16)
        .collect();
    let time = crate::store::now_utc();
    let (graph, quads) = analysis_quads(
        &Run {
            id: &id,
            description,
            parameters: &parameters,
            time: &time,
            version: crate::store::VERSION,
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
