//! The network as GraphML, GEXF or CSV, for Gephi, Cytoscape, NetworkX or pandas.
//!
//! Node ids are agency IRIs; every node carries its label, kind and role counts (and, when
//! given, every measure). Edge `weight` is what the measures used; `distance` = 1/weight is
//! what weighted shortest paths used.

use super::measures::{Analysis, Measure};
use super::{tie_weight, Network, Weighting};
use std::io::{self, Write};

/// Which of the two networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Lead → cooperator arcs, joint arcs both ways.
    Directed,
    /// Agencies tied by shared tasks.
    CoResponsibility,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Graphml,
    Gexf,
    /// Edge list (use `--nodes` for the node table).
    Csv,
}

struct Attr {
    name: &'static str,
    /// GraphML / GEXF type.
    kind: &'static str,
}

struct Edge {
    source: usize,
    target: usize,
    values: Vec<String>,
}

fn node_attrs(analysis: Option<&Analysis>) -> Vec<Attr> {
    let mut v = vec![
        Attr {
            name: "label",
            kind: "string",
        },
        Attr {
            name: "kind",
            kind: "string",
        },
        Attr {
            name: "jurisdiction",
            kind: "string",
        },
        Attr {
            name: "collective",
            kind: "boolean",
        },
        Attr {
            name: "former_labels",
            kind: "string",
        },
        Attr {
            name: "plans",
            kind: "int",
        },
    ];
    if analysis.is_some() {
        v.extend(Measure::ALL.iter().map(|m| Attr {
            name: m.name(),
            kind: if m.is_count() { "int" } else { "double" },
        }));
    } else {
        for name in ["leads", "cooperates", "shares"] {
            v.push(Attr { name, kind: "int" });
        }
    }
    v
}

fn node_values(net: &Network, i: usize, analysis: Option<&Analysis>) -> Vec<String> {
    let n = &net.nodes[i];
    let mut v = vec![
        n.label.clone(),
        n.kind.clone(),
        n.jurisdiction.clone().unwrap_or_default(),
        n.collective.to_string(),
        n.former_labels.join("|"),
        n.plans.to_string(),
    ];
    match analysis {
        Some(a) => v.extend(Measure::ALL.iter().map(|&m| number(a.get(m, i)))),
        None => v.extend([n.leads, n.cooperates, n.shares].map(|x| x.to_string())),
    }
    v
}

/// Shortest exact form: whole numbers without a point, others round-tripping; very small or
/// large ones in exponent form (`1.0708680375948568e-19`, as spreadsheets and pandas read
/// it), never as a run of thirty zeros.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else if x != 0.0 && (x.abs() < 1e-4 || x.abs() >= 1e15) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

fn edges(net: &Network, which: Which, weighting: Weighting) -> (Vec<Attr>, Vec<Edge>) {
    match which {
        Which::Directed => (
            vec![
                Attr {
                    name: "weight",
                    kind: "double",
                },
                Attr {
                    name: "lead",
                    kind: "int",
                },
                Attr {
                    name: "joint",
                    kind: "int",
                },
                Attr {
                    name: "distance",
                    kind: "double",
                },
            ],
            net.arcs
                .iter()
                .map(|(&(a, b), arc)| Edge {
                    source: a,
                    target: b,
                    values: vec![
                        number(f64::from(arc.tasks)),
                        arc.lead.to_string(),
                        arc.joint.to_string(),
                        number(1.0 / f64::from(arc.tasks)),
                    ],
                })
                .collect(),
        ),
        Which::CoResponsibility => (
            vec![
                Attr {
                    name: "weight",
                    kind: "double",
                },
                Attr {
                    name: "tasks",
                    kind: "int",
                },
                Attr {
                    name: "newman",
                    kind: "double",
                },
                Attr {
                    name: "distance",
                    kind: "double",
                },
            ],
            net.ties
                .iter()
                .map(|(&(a, b), tie)| {
                    let w = tie_weight(tie, weighting);
                    Edge {
                        source: a,
                        target: b,
                        values: vec![
                            number(w),
                            tie.tasks.to_string(),
                            number(tie.newman),
                            number(1.0 / w),
                        ],
                    }
                })
                .collect(),
        ),
    }
}

/// Writes the network in `format`. For CSV, `nodes` chooses the node table over the edge list.
pub fn write(
    out: &mut dyn Write,
    net: &Network,
    which: Which,
    format: Format,
    weighting: Weighting,
    analysis: Option<&Analysis>,
    nodes: bool,
) -> io::Result<()> {
    let (eattrs, edges) = edges(net, which, weighting);
    let nattrs = node_attrs(analysis);
    match format {
        Format::Graphml | Format::Gexf => {
            let parts = Parts {
                net,
                which,
                nattrs: &nattrs,
                eattrs: &eattrs,
                edges: &edges,
                analysis,
            };
            if format == Format::Graphml {
                graphml(out, &parts)
            } else {
                gexf(out, &parts)
            }
        }
        Format::Csv if nodes => {
            write_csv_row(
                out,
                std::iter::once("id").chain(nattrs.iter().map(|a| a.name)),
            )?;
            for (i, n) in net.nodes.iter().enumerate() {
                let values = node_values(net, i, analysis);
                write_csv_row(
                    out,
                    std::iter::once(n.iri.as_str()).chain(values.iter().map(String::as_str)),
                )?;
            }
            Ok(())
        }
        Format::Csv => {
            let head = ["source", "target", "source_label", "target_label"];
            write_csv_row(out, head.into_iter().chain(eattrs.iter().map(|a| a.name)))?;
            for e in &edges {
                let (s, t) = (&net.nodes[e.source], &net.nodes[e.target]);
                write_csv_row(
                    out,
                    [
                        s.iri.as_str(),
                        t.iri.as_str(),
                        s.label.as_str(),
                        t.label.as_str(),
                    ]
                    .into_iter()
                    .chain(e.values.iter().map(String::as_str)),
                )?;
            }
            Ok(())
        }
    }
}

fn write_csv_row<'a>(out: &mut dyn Write, cells: impl Iterator<Item = &'a str>) -> io::Result<()> {
    writeln!(out, "{}", csv_row(cells))
}

/// One CSV line (RFC 4180 quoting), without the line end.
pub fn csv_row<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let line: Vec<String> = cells
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_owned()
            }
        })
        .collect();
    line.join(",")
}

/// What the GraphML and GEXF writers share.
#[derive(Clone, Copy)]
struct Parts<'a> {
    net: &'a Network,
    which: Which,
    nattrs: &'a [Attr],
    eattrs: &'a [Attr],
    edges: &'a [Edge],
    analysis: Option<&'a Analysis>,
}

fn edge_default(which: Which) -> &'static str {
    match which {
        Which::Directed => "directed",
        Which::CoResponsibility => "undirected",
    }
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

fn graphml(out: &mut dyn Write, p: &Parts<'_>) -> io::Result<()> {
    let Parts {
        net,
        which,
        nattrs,
        eattrs,
        edges,
        analysis,
    } = *p;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (k, a) in nattrs.iter().enumerate() {
        writeln!(
            out,
            r#"  <key id="n{k}" for="node" attr.name="{}" attr.type="{}"/>"#,
            a.name,
            graphml_type(a.kind)
        )?;
    }
    for (k, a) in eattrs.iter().enumerate() {
        writeln!(
            out,
            r#"  <key id="e{k}" for="edge" attr.name="{}" attr.type="{}"/>"#,
            a.name,
            graphml_type(a.kind)
        )?;
    }
    let dir = edge_default(which);
    writeln!(out, r#"  <graph id="fengong" edgedefault="{dir}">"#)?;
    for (i, n) in net.nodes.iter().enumerate() {
        writeln!(out, r#"    <node id="{}">"#, xml(&n.iri))?;
        for (k, v) in node_values(net, i, analysis).iter().enumerate() {
            writeln!(out, r#"      <data key="n{k}">{}</data>"#, xml(v))?;
        }
        writeln!(out, "    </node>")?;
    }
    for e in edges {
        writeln!(
            out,
            r#"    <edge source="{}" target="{}">"#,
            xml(&net.nodes[e.source].iri),
            xml(&net.nodes[e.target].iri)
        )?;
        for (k, v) in e.values.iter().enumerate() {
            writeln!(out, r#"      <data key="e{k}">{v}</data>"#)?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")
}

fn graphml_type(kind: &str) -> &str {
    match kind {
        "int" => "long",
        other => other,
    }
}

fn gexf(out: &mut dyn Write, p: &Parts<'_>) -> io::Result<()> {
    let Parts {
        net,
        which,
        nattrs,
        eattrs,
        edges,
        analysis,
    } = *p;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">"#
    )?;
    writeln!(
        out,
        "  <meta><creator>fengong {}</creator></meta>",
        env!("CARGO_PKG_VERSION")
    )?;
    let dir = edge_default(which);
    writeln!(out, r#"  <graph mode="static" defaultedgetype="{dir}">"#)?;
    // `label` is GEXF's own node label; the rest are declared attributes.
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (k, a) in nattrs.iter().enumerate().skip(1) {
        writeln!(
            out,
            r#"      <attribute id="{k}" title="{}" type="{}"/>"#,
            a.name,
            gexf_type(a.kind)
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    for (k, a) in eattrs.iter().enumerate().skip(1) {
        writeln!(
            out,
            r#"      <attribute id="{k}" title="{}" type="{}"/>"#,
            a.name,
            gexf_type(a.kind)
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for (i, n) in net.nodes.iter().enumerate() {
        writeln!(
            out,
            r#"      <node id="{}" label="{}"><attvalues>"#,
            xml(&n.iri),
            xml(&n.label)
        )?;
        for (k, v) in node_values(net, i, analysis).iter().enumerate().skip(1) {
            writeln!(out, r#"        <attvalue for="{k}" value="{}"/>"#, xml(v))?;
        }
        writeln!(out, "      </attvalues></node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    for (id, e) in edges.iter().enumerate() {
        writeln!(
            out,
            r#"      <edge id="{id}" source="{}" target="{}" weight="{}"><attvalues>"#,
            xml(&net.nodes[e.source].iri),
            xml(&net.nodes[e.target].iri),
            e.values[0]
        )?;
        for (k, v) in e.values.iter().enumerate().skip(1) {
            writeln!(out, r#"        <attvalue for="{k}" value="{v}"/>"#)?;
        }
        writeln!(out, "      </attvalues></edge>")?;
    }
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")
}

fn gexf_type(kind: &str) -> &str {
    match kind {
        "int" => "integer",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_are_exact_and_short() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.25), "0.25");
        // A betweenness this small was printed as a run of twenty zeros.
        assert_eq!(number(1.0708680375948568e-19), "1.0708680375948568e-19");
        assert_eq!(
            number(1.0708680375948568e-19).parse::<f64>(),
            Ok(1.0708680375948568e-19)
        );
    }
}
