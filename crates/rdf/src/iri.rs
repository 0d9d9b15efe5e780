//! Deterministic IRIs: the same document key and the same names always give the same IRIs.

use super::vocab::{GRAPH, ID};
use oxrdf::NamedNode;

/// Percent-encodes what an IRI path segment cannot hold; Chinese stays readable.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let keep = c.is_ascii_alphanumeric()
            || "-._~!$&'()*+,;=:@".contains(c)
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace() && c != '\u{FEFF}');
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    if out.is_empty() || out == "." || out == ".." {
        out = out.replace('.', "%2E");
        if out.is_empty() {
            out.push('_');
        }
    }
    out
}

/// `base` followed by the encoded segments, joined with `/`.
fn join<'a>(base: &str, segments: impl IntoIterator<Item = &'a str>) -> NamedNode {
    let mut iri = base.to_owned();
    for (k, s) in segments.into_iter().enumerate() {
        if k > 0 {
            iri.push('/');
        }
        iri.push_str(&segment(s));
    }
    // Every character outside the IRI grammar was encoded above.
    NamedNode::new_unchecked(iri)
}

/// The document's identity in IRIs: its key, `/`-separated, without a `.txt` ending.
fn key_segments(key: &str) -> impl Iterator<Item = &str> {
    key.strip_suffix(".txt")
        .unwrap_or(key)
        .split('/')
        .filter(|s| !s.is_empty())
}

pub fn plan(key: &str) -> NamedNode {
    join(&format!("{ID}plan/"), key_segments(key))
}

pub fn document_graph(key: &str) -> NamedNode {
    join(&format!("{GRAPH}doc/"), key_segments(key))
}

/// Whether `graph` is a document's own graph.
pub fn is_document_graph(graph: &str) -> bool {
    graph
        .strip_prefix(GRAPH)
        .is_some_and(|rest| rest.starts_with("doc/"))
}

/// The graph of things shared by documents: agencies, people, posts.
pub fn entities_graph() -> NamedNode {
    NamedNode::new_unchecked(format!("{GRAPH}entities"))
}

/// The graph that holds the curated registry of `data/registry/`.
pub fn registry_graph() -> NamedNode {
    NamedNode::new_unchecked(format!("{GRAPH}registry"))
}

/// A rename or succession, named by its first original and first resulting body.
pub fn change(from: &str, to: &str) -> NamedNode {
    join(&format!("{ID}change/"), [from, to])
}

/// The graph that holds `data/ontology.ttl`.
pub fn ontology_graph() -> NamedNode {
    NamedNode::new_unchecked(format!("{GRAPH}ontology"))
}

/// A node under a plan: `…/plan/KEY/task/3`, `…/plan/KEY/task/3/lead/1`.
pub fn under(parent: &NamedNode, path: &[&str]) -> NamedNode {
    join(&format!("{}/", parent.as_str()), path.iter().copied())
}

pub fn agency(key: &[String]) -> NamedNode {
    join(&format!("{ID}agency/"), key.iter().map(String::as_str))
}

pub fn person(key: &[String]) -> NamedNode {
    join(&format!("{ID}person/"), key.iter().map(String::as_str))
}

/// One network analysis run, known by a hash of what it was computed on and how.
pub fn analysis(id: &str) -> NamedNode {
    join(&format!("{ID}analysis/"), std::iter::once(id))
}

/// The named graph holding that run's scores.
pub fn analysis_graph(id: &str) -> NamedNode {
    join(&format!("{GRAPH}analysis/"), std::iter::once(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_chinese_and_encode_delimiters() {
        assert_eq!(segment("省发展改革委"), "省发展改革委");
        assert_eq!(segment("a b/c#d"), "a%20b%2Fc%23d");
        assert_eq!(segment("各县（市、区）人民政府"), "各县（市、区）人民政府");
        assert_eq!(segment(".."), "%2E%2E");
        assert_eq!(segment(""), "_");
    }

    #[test]
    fn every_minted_iri_is_valid() {
        for key in ["000_x.txt", "2022/广东 plan<1>.txt", "../a", "%"] {
            for iri in [plan(key), document_graph(key)] {
                assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            }
        }
        let a = agency(&["广东省".into(), "省委\"网信办\"".into()]);
        assert!(NamedNode::new(a.as_str()).is_ok(), "{a}");
    }
}
