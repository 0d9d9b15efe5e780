//! Full-text search from SPARQL: `SERVICE <https://w3id.org/fengong/search> { ?task
//! fg:matches "数据共享" ; fg:score ?score }`, answered by the index beside the store through
//! Oxigraph's service handler, so a query joins search hits with roles, plans and years
//! (`queries/search-leads.rq`). Optional in the service's pattern: `fg:snippet ?s` (the text
//! around the first match), `fg:phrase true`, `fg:top N` (default 100).

use std::sync::Arc;

use fengong_search::{Index, Query};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{QueryEvaluationError, QuerySolutionIter, ServiceHandler};
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern};

/// The service's IRI.
pub const SERVICE: &str = "https://w3id.org/fengong/search";

const FG: &str = "https://w3id.org/fengong/ns#";
const DEFAULT_TOP: usize = 100;

pub struct SearchService(pub Arc<Index>);

#[derive(Debug, thiserror::Error)]
#[error("SERVICE <{SERVICE}>: {0}")]
pub struct ServiceError(String);

impl ServiceHandler for SearchService {
    type Error = ServiceError;

    fn handle(
        &self,
        pattern: &GraphPattern,
        _base_iri: Option<&oxiri::Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let GraphPattern::Bgp { patterns } = pattern else {
            return Err(ServiceError(
                "give triples only: ?task fg:matches \"words\" ; fg:score ?score".into(),
            ));
        };
        let mut subject: Option<Variable> = None;
        let mut words: Option<String> = None;
        let mut score: Option<Variable> = None;
        let mut snippet: Option<Variable> = None;
        let mut phrase = false;
        let mut top = DEFAULT_TOP;
        for t in patterns {
            let NamedNodePattern::NamedNode(p) = &t.predicate else {
                return Err(ServiceError("a predicate must be named".into()));
            };
            let Some(name) = p.as_str().strip_prefix(FG) else {
                return Err(ServiceError(format!("unknown predicate <{}>", p.as_str())));
            };
            match &t.subject {
                TermPattern::Variable(v) if subject.as_ref().is_none_or(|s| s == v) => {
                    subject = Some(v.clone())
                }
                _ => {
                    return Err(ServiceError(
                        "every triple must have the same variable (the task) as subject".into(),
                    ))
                }
            }
            match (name, &t.object) {
                ("matches", TermPattern::Literal(l)) => words = Some(l.value().to_owned()),
                ("score", TermPattern::Variable(v)) => score = Some(v.clone()),
                ("snippet", TermPattern::Variable(v)) => snippet = Some(v.clone()),
                ("phrase", TermPattern::Literal(l)) => phrase = l.value() == "true",
                ("top", TermPattern::Literal(l)) => {
                    top = l.value().parse().map_err(|_| {
                        ServiceError(format!("fg:top takes a number, not {}", l.value()))
                    })?
                }
                _ => {
                    return Err(ServiceError(format!(
                        "fg:{name} takes {}",
                        match name {
                            "matches" => "the words to find, as a literal",
                            "score" | "snippet" => "a variable",
                            "phrase" => "true or false",
                            _ => "nothing: the service knows fg:matches, fg:score, fg:snippet, fg:phrase and fg:top",
                        }
                    )))
                }
            }
        }
        let (Some(subject), Some(words)) = (subject, words) else {
            return Err(ServiceError(
                "say what to find: ?task fg:matches \"words\"".into(),
            ));
        };
        let found = self
            .0
            .search(&Query {
                text: words,
                phrase,
                top,
                ..Query::default()
            })
            .map_err(|e| ServiceError(e.to_string()))?;
        let mut variables = vec![subject];
        variables.extend(score.clone());
        variables.extend(snippet.clone());
        let rows: Vec<Result<Vec<Option<Term>>, QueryEvaluationError>> = found
            .hits
            .into_iter()
            .filter_map(|h| {
                let task = NamedNode::new(h.task.iri).ok()?;
                let mut row = vec![Some(Term::NamedNode(task))];
                if score.is_some() {
                    row.push(Some(Term::Literal(Literal::from(f64::from(h.score)))));
                }
                if snippet.is_some() {
                    row.push(Some(Term::Literal(
                        Literal::new_language_tagged_literal_unchecked(h.snippet.text, "zh"),
                    )));
                }
                Some(Ok(row))
            })
            .collect();
        Ok(QuerySolutionIter::from_tuples(variables.into(), rows))
    }
}
