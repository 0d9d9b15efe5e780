//! A network analysis → quads of its own named graph (pure): the run as a `prov:Activity`
//! with its parameters, and one `fg:AgencyScore` per agency carrying every measure.

use super::iri;
use super::vocab::{dcterms, fg, fg_term, prov};
use fengong_network::measures::{Analysis, Measure};
use fengong_network::Network;
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

/// What to record about the run besides the scores.
pub struct Run<'a> {
    /// Stable id: the same filter and settings replace the same graph.
    pub id: &'a str,
    /// For people: what was filtered and how it was weighted.
    pub description: &'a str,
    /// The filter and settings as JSON, for programs.
    pub parameters: &'a str,
    /// `xsd:dateTime`.
    pub time: &'a str,
    pub version: &'a str,
}

pub fn analysis_quads(run: &Run<'_>, net: &Network, a: &Analysis) -> (NamedNode, Vec<Quad>) {
    let graph = iri::analysis_graph(run.id);
    let g: GraphName = graph.clone().into();
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        quads.push(Quad::new(s.clone(), p, o, g.clone()));
    };
    let node = iri::analysis(run.id);
    add(&node, rdf::TYPE, fg::NETWORK_ANALYSIS.into());
    add(&node, rdf::TYPE, prov::ACTIVITY.into());
    add(
        &node,
        prov::ENDED_AT_TIME,
        Literal::new_typed_literal(run.time, xsd::DATE_TIME).into(),
    );
    add(
        &node,
        dcterms::DESCRIPTION,
        Literal::from(run.description).into(),
    );
    add(&node, fg::PARAMETERS, Literal::from(run.parameters).into());
    add(
        &node,
        fg::FENGONG_VERSION,
        Literal::from(run.version).into(),
    );
    add(&node, fg::MODULARITY, Literal::from(a.modularity).into());
    add(&node, fg::COMMUNITY_COUNT, int(a.communities).into());
    add(&node, fg::TASK_COUNT, int(net.tasks).into());
    add(&node, fg::AGENCY_COUNT, int(net.nodes.len()).into());
    for p in &net.plans {
        add(&node, prov::USED, NamedNode::new_unchecked(&p.iri).into());
    }
    for (i, n) in net.nodes.iter().enumerate() {
        let s = iri::under(&node, &["agency", &(i + 1).to_string()]);
        add(&s, rdf::TYPE, fg::AGENCY_SCORE.into());
        add(&s, fg::IN_ANALYSIS, node.clone().into());
        add(&s, fg::AGENCY, NamedNode::new_unchecked(&n.iri).into());
        // The name the analysis showed it under: that of the plans it covered (a 2022
        // analysis names 2022's agency), not always the entity's latest label.
        add(
            &s,
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(n.label.as_str(), "zh-hans").into(),
        );
        for m in &n.members {
            add(&s, fg::COVERS, NamedNode::new_unchecked(m).into());
        }
        for &m in &Measure::ALL {
            let v = a.get(m, i);
            // A measure that did not converge is absent rather than NaN.
            if v.is_nan() {
                continue;
            }
            let o: Term = if m.is_count() {
                int(v as usize).into()
            } else {
                Literal::from(v).into()
            };
            add(&s, fg_term(m.property()).as_ref(), o);
        }
    }
    (graph, quads)
}

fn int(n: usize) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}
