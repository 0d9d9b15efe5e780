//! The curated registry as quads for its own graph: agencies with their kinds, names and
//! parents, and renames and successions as `org:ChangeEvent`s.

use super::vocab::{dcterms, fg, fg_term, org, skos};
use super::{iri, zh, Writer};
use fengong_registry::{AgencyKind, Registry};
use oxrdf::vocab::rdf;
use oxrdf::{Literal, Quad};

pub fn registry_quads(reg: &Registry) -> Vec<Quad> {
    let mut w = Writer::new(iri::registry_graph());
    let node = |k: usize| {
        let a = &reg.agencies[k];
        iri::agency(&[a.jurisdiction.clone(), a.name.clone()])
    };
    for (k, a) in reg.agencies.iter().enumerate() {
        let n = node(k);
        if a.kind == AgencyKind::Collective {
            w.add(&n, rdf::TYPE, fg::AGENCY_GROUP);
        } else {
            w.add(&n, rdf::TYPE, org::FORMAL_ORGANIZATION);
            w.add(&n, rdf::TYPE, fg_term(a.kind.class()));
        }
        w.add(&n, skos::PREF_LABEL, zh(&a.name));
        for s in &a.short {
            w.add(&n, skos::ALT_LABEL, zh(s));
        }
        w.add(&n, fg::JURISDICTION, zh(&a.jurisdiction));
        if let Some(p) = a.parent.as_deref().and_then(|p| reg.by_name(p)) {
            w.add(&n, org::SUB_ORGANIZATION_OF, node(p));
        }
        if let Some(s) = &a.since {
            w.add(&n, fg::SINCE, Literal::from(s.as_str()));
        }
        if let Some(u) = &a.until {
            w.add(&n, fg::UNTIL, Literal::from(u.as_str()));
        }
        if let Some(src) = &a.source {
            w.add(&n, dcterms::SOURCE, Literal::from(src.as_str()));
        }
    }
    for c in &reg.changes {
        let ends = |names: &[String]| -> Vec<usize> {
            names.iter().filter_map(|n| reg.by_name(n)).collect()
        };
        let (from, to) = (ends(&c.from), ends(&c.to));
        let (Some(&f0), Some(&t0)) = (from.first(), to.first()) else {
            continue;
        };
        let e = iri::change(&reg.agencies[f0].name, &reg.agencies[t0].name);
        w.add(&e, rdf::TYPE, org::CHANGE_EVENT);
        w.add(&e, fg::CHANGE_KIND, Literal::from(c.kind.as_str()));
        if let Some(d) = &c.date {
            w.add(&e, dcterms::DATE, Literal::from(d.as_str()));
        }
        if let Some(note) = &c.note {
            w.add(&e, skos::NOTE, Literal::from(note.as_str()));
        }
        if let Some(src) = &c.source {
            w.add(&e, dcterms::SOURCE, Literal::from(src.as_str()));
        }
        for &f in &from {
            w.add(&e, org::ORIGINAL_ORGANIZATION, node(f));
            w.add(&node(f), org::CHANGED_BY, e.clone());
        }
        for &t in &to {
            w.add(&e, org::RESULTING_ORGANIZATION, node(t));
            w.add(&node(t), org::RESULTED_FROM, e.clone());
            if c.kind.continues() {
                for &f in &from {
                    w.add(&node(f), fg::SUCCEEDED_BY, node(t));
                }
            }
        }
    }
    w.quads
}
