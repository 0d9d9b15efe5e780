//! Network → department-collaboration diagram, as a graphviz-rust graph (pure), rendered by
//! the `dot` binary (`render`, the only I/O).
//!
//! Nodes are agencies with their short names (full names and measures in SVG tooltips), area
//! by a chosen measure, fill by community or kind. Lead → cooperator edges are arrows, jointly
//! responsible links undirected dashed lines; width grows with the number of tasks. A legend
//! says what colours, sizes and lines mean. The two-mode view puts one plan's agencies on the
//! left and its tasks on the right.

use fengong_network::measures::{Analysis, Measure};
use fengong_network::{Network, Role, Source, TaskLabel};
use fengong_registry::Registry;
use graphviz_rust::cmd::{CommandArg, Format, Layout};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

/// The font named in every graph: Noto Sans CJK (Debian's fonts-noto-cjk), so PNG and PDF
/// show Chinese, not boxes. SVG viewers fall back to any CJK font.
pub const FONT: &str = "Noto Sans CJK SC";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorBy {
    Community,
    Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutEngine {
    Dot,
    Neato,
    Fdp,
    Sfdp,
    Circo,
}

impl LayoutEngine {
    fn layout(self) -> Layout {
        match self {
            LayoutEngine::Dot => Layout::Dot,
            LayoutEngine::Neato => Layout::Neato,
            LayoutEngine::Fdp => Layout::Fdp,
            LayoutEngine::Sfdp => Layout::Sfdp,
            LayoutEngine::Circo => Layout::Circo,
        }
    }

    /// neato lays out a few hundred nodes well; sfdp is made for thousands.
    pub fn for_size(nodes: usize) -> LayoutEngine {
        if nodes > LARGE {
            LayoutEngine::Sfdp
        } else {
            LayoutEngine::Neato
        }
    }
}

#[derive(Clone)]
pub struct Options<'a> {
    /// Only the ego network of this node, out to `depth` steps.
    pub ego: Option<(usize, usize)>,
    /// Keep only the N agencies largest by `size_by` (the ego centre always stays).
    pub top: Option<usize>,
    /// Drop edges backed by fewer tasks.
    pub min_weight: u32,
    /// Draw at most about this many edges: weaker ones go first (the legend says from what
    /// weight). A dense ego network of 30 agencies can have a thousand, which no reader can
    /// follow and which makes an SVG of a megabyte.
    pub max_edges: Option<usize>,
    pub size_by: Measure,
    pub color: ColorBy,
    pub title: String,
    /// One short label per node of the network ([`labels`]).
    pub labels: &'a [String],
    /// One link per node (an SVG's nodes become links to them), or none.
    pub links: &'a [String],
}

/// ColorBrewer Set3 (12 pastel colours that keep black text readable).
const PALETTE: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
];
const OTHER: &str = "#f0f0f0";

fn quoted(s: &str) -> Id {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o.push('"');
    Id::Escaped(o)
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_owned()), quoted(v))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn node(id: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node {
        id: NodeId(quoted(id), None),
        attributes,
    })
}

fn edge(a: &str, b: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quoted(a), None)),
            Vertex::N(NodeId(quoted(b), None)),
        ),
        attributes,
    })
}

/// One short label per node: the name the plans used most for the entity the node is named
/// after ([`fengong_network::Node::named`], so the name of the time), else [`short_name`];
/// labels two nodes would share get their place.
pub fn labels(
    net: &Network,
    registry: &Registry,
    written: &HashMap<String, Vec<(String, u32)>>,
) -> Vec<String> {
    let own: Vec<String> = net
        .nodes
        .iter()
        .map(|n| match written.get(&n.named).and_then(|w| w.first()) {
            Some((name, _)) => name.clone(),
            None => short_name(registry, &n.label),
        })
        .collect();
    net.told_apart(own)
}

/// The short name of an agency from its registry label alone (for a store that has no names
/// as written): the shortest of its registry short forms that starts with 省/市/区/县 (how
/// plans write their own agencies), else the shortest form, else the name without its
/// province.
pub fn short_name(reg: &Registry, label: &str) -> String {
    if let Some(i) = reg.by_name(label) {
        let forms = &reg.agencies[i].short;
        let pick = |f: &dyn Fn(&String) -> bool| {
            forms
                .iter()
                .filter(|s| f(s))
                .min_by_key(|s| (s.chars().count(), (*s).clone()))
                .cloned()
        };
        if let Some(s) =
            pick(&|s| s.starts_with(['省', '市', '区', '县'])).or_else(|| pick(&|_| true))
        {
            return s;
        }
    }
    for prefix in ["中共广东省委", "广东省"] {
        if let Some(rest) = label.strip_prefix(prefix) {
            if !rest.is_empty() {
                return format!(
                    "{}{rest}",
                    if prefix.contains('委') {
                        "省委"
                    } else {
                        "省"
                    }
                );
            }
        }
    }
    label.to_owned()
}

/// Above this many nodes, sfdp lays out; above this many nodes or edges, edges are straight
/// because spline routing would dominate the render time.
const LARGE: usize = 300;
const MANY_EDGES: usize = 600;

fn graph_attrs(title: &str, directed_layout: bool, nodes: usize, edges: usize) -> Vec<Stmt> {
    let mut g = vec![
        attr("fontname", FONT),
        attr("label", title),
        attr("labelloc", "t"),
        attr("fontsize", "20"),
        attr("outputorder", "edgesfirst"),
        attr("bgcolor", "white"),
    ];
    if !directed_layout {
        g.push(attr("overlap", "prism"));
        let straight = nodes > LARGE || edges > MANY_EDGES;
        g.push(attr("splines", if straight { "false" } else { "true" }));
        g.push(attr("sep", "+6"));
    }
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(g)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONT),
            attr("style", "filled"),
            attr("penwidth", "0.6"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("color", "#55555599"),
        ])),
    ]
}

/// Which nodes the diagram shows.
fn select(net: &Network, a: &Analysis, o: &Options<'_>) -> Vec<usize> {
    let n = net.nodes.len();
    let mut keep: Vec<bool> = vec![true; n];
    if let Some((centre, depth)) = o.ego {
        let mut adj: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
        for (&(x, y), arc) in &net.arcs {
            // The same rule as drawing: an edge is kept if one of its kinds is.
            if arc.lead.max(arc.joint) >= o.min_weight.max(1) {
                adj[x].insert(y);
                adj[y].insert(x);
            }
        }
        let mut dist = vec![usize::MAX; n];
        dist[centre] = 0;
        let mut q = VecDeque::from([centre]);
        while let Some(v) = q.pop_front() {
            if dist[v] == depth {
                continue;
            }
            for &w in &adj[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    q.push_back(w);
                }
            }
        }
        keep = dist.iter().map(|d| *d != usize::MAX).collect();
    }
    let mut chosen: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    if let Some(top) = o.top {
        let order = a.order_by(o.size_by);
        let mut best: Vec<usize> = order.into_iter().filter(|&i| keep[i]).take(top).collect();
        if let Some((centre, _)) = o.ego {
            if !best.contains(&centre) {
                best.push(centre);
            }
        }
        best.sort_unstable();
        chosen = best;
    }
    chosen
}

fn colour_of(net: &Network, a: &Analysis, o: &Options<'_>, i: usize, kinds: &[String]) -> String {
    match o.color {
        ColorBy::Community => {
            let c = a.get(Measure::Community, i) as usize;
            PALETTE.get(c.wrapping_sub(1)).unwrap_or(&OTHER).to_string()
        }
        ColorBy::Kind => {
            let k = kinds.iter().position(|k| *k == net.nodes[i].kind);
            k.and_then(|k| PALETTE.get(k)).unwrap_or(&OTHER).to_string()
        }
    }
}

/// The one-mode diagram: agencies and who works with whom.
pub fn one_mode(net: &Network, a: &Analysis, o: &Options<'_>) -> Graph {
    let chosen = select(net, a, o);
    let shown: BTreeSet<usize> = chosen.iter().copied().collect();
    let mut kinds: Vec<String> = chosen.iter().map(|&i| net.nodes[i].kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let max = chosen
        .iter()
        .map(|&i| a.get(o.size_by, i))
        .fold(0.0f64, f64::max);
    let mut stmts = Vec::new();
    for &i in &chosen {
        let n = &net.nodes[i];
        let v = a.get(o.size_by, i);
        // Area ∝ measure: width ∝ √(v / max).
        let scale = if max > 0.0 {
            (v / max).max(0.0).sqrt()
        } else {
            0.0
        };
        let mut tip = n.label.clone();
        if !n.former_labels.is_empty() {
            tip.push_str(&format!("（曾用名：{}）", n.former_labels.join("、")));
        }
        tip.push_str(&format!(
            "\nleads {} · cooperates {} · shares {} · {} {:.4} · community {}",
            n.leads,
            n.cooperates,
            n.shares,
            o.size_by.name(),
            v,
            a.get(Measure::Community, i)
        ));
        let mut attrs = vec![
            attr("label", &o.labels[i]),
            attr("tooltip", &tip),
            attr("fillcolor", &colour_of(net, a, o, i, &kinds)),
            attr("width", &format!("{:.2}", 0.5 + 1.5 * scale)),
            attr("height", &format!("{:.2}", 0.3 + 0.9 * scale)),
            attr("fontsize", &format!("{:.0}", 10.0 + 8.0 * scale)),
        ];
        if o.ego.is_some_and(|(c, _)| c == i) {
            attrs.push(attr("penwidth", "3"));
        }
        if let Some(link) = o.links.get(i) {
            attrs.push(attr("URL", link));
            attrs.push(attr("target", "_top"));
        }
        stmts.push(node(&n.iri, attrs));
    }
    let min_weight = edge_floor(net, &shown, o);
    let widest = net
        .arcs
        .values()
        .map(|x| x.lead.max(x.joint))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let width = |w: u32| format!("{:.2}", 0.6 + 4.0 * (w as f64 / widest).sqrt());
    for (&(x, y), arc) in &net.arcs {
        if !(shown.contains(&x) && shown.contains(&y)) {
            continue;
        }
        let (nx, ny) = (&net.nodes[x], &net.nodes[y]);
        if arc.lead >= min_weight {
            stmts.push(edge(
                &nx.iri,
                &ny.iri,
                vec![
                    attr("penwidth", &width(arc.lead)),
                    attr("arrowsize", "0.6"),
                    attr(
                        "tooltip",
                        &format!("{} 牵头、{} 配合：{} 项任务", nx.label, ny.label, arc.lead),
                    ),
                ],
            ));
        }
        // Joint links go both ways; draw each once, undirected.
        if x < y && arc.joint >= min_weight {
            stmts.push(edge(
                &nx.iri,
                &ny.iri,
                vec![
                    attr("penwidth", &width(arc.joint)),
                    attr("style", "dashed"),
                    attr("dir", "none"),
                    attr("color", "#c0392bAA"),
                    attr(
                        "tooltip",
                        &format!(
                            "{} 与 {} 共同负责：{} 项任务",
                            nx.label, ny.label, arc.joint
                        ),
                    ),
                ],
            ));
        }
    }
    stmts.push(legend(a, o, &chosen, &kinds, min_weight));
    // Spline routing costs grow with edges, not nodes: 100 dense agencies took 51 s.
    let edges = stmts.iter().filter(|s| matches!(s, Stmt::Edge(_))).count();
    let mut all = graph_attrs(&o.title, false, chosen.len(), edges);
    all.extend(stmts);
    Graph::DiGraph {
        id: quoted("fengong"),
        strict: false,
        stmts: all,
    }
}

/// The fewest tasks an edge between `shown` agencies needs to be drawn: `min_weight`, raised
/// until at most `max_edges` edges are left (or only the strongest weight is, if that alone has
/// more).
fn edge_floor(net: &Network, shown: &BTreeSet<usize>, o: &Options<'_>) -> u32 {
    let floor = o.min_weight.max(1);
    let Some(max) = o.max_edges else {
        return floor;
    };
    // The weight of every edge that would be drawn, as drawing counts them.
    let mut weights: Vec<u32> = Vec::new();
    for (&(x, y), arc) in &net.arcs {
        if shown.contains(&x) && shown.contains(&y) {
            weights.push(arc.lead);
            if x < y {
                weights.push(arc.joint);
            }
        }
    }
    weights.retain(|&w| w >= floor);
    if weights.len() <= max {
        return floor;
    }
    weights.sort_unstable_by(|a, b| b.cmp(a));
    // weights[max] is the strongest edge that does not fit: keep only those above it.
    let cut = weights[max] + 1;
    cut.min(weights[0]).max(floor)
}

fn legend(
    a: &Analysis,
    o: &Options<'_>,
    chosen: &[usize],
    kinds: &[String],
    min_weight: u32,
) -> Stmt {
    let mut rows = String::new();
    let swatch = |colour: &str, text: &str| {
        format!(
            r#"<TR><TD BGCOLOR="{colour}" WIDTH="18"> </TD><TD ALIGN="LEFT">{}</TD></TR>"#,
            html_escape(text)
        )
    };
    match o.color {
        ColorBy::Community => {
            let mut by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for &i in chosen {
                by.entry(a.get(Measure::Community, i) as usize)
                    .or_default()
                    .push(i);
            }
            let others: usize = by
                .iter()
                .filter(|(c, _)| **c > PALETTE.len())
                .map(|(_, m)| m.len())
                .sum();
            for (c, members) in by.iter().take(PALETTE.len()) {
                let head = members
                    .iter()
                    .max_by(|&&x, &&y| {
                        a.get(Measure::Strength, x)
                            .total_cmp(&a.get(Measure::Strength, y))
                    })
                    .map(|&i| o.labels[i].clone())
                    .unwrap_or_default();
                let colour = PALETTE.get(c.wrapping_sub(1)).unwrap_or(&OTHER);
                rows.push_str(&swatch(
                    colour,
                    &format!("community {c}: {head} … ({} shown)", members.len()),
                ));
            }
            if others > 0 {
                rows.push_str(&swatch(
                    OTHER,
                    &format!("smaller communities ({others} shown)"),
                ));
            }
        }
        ColorBy::Kind => {
            for (k, kind) in kinds.iter().enumerate().take(PALETTE.len()) {
                rows.push_str(&swatch(PALETTE[k], kind));
            }
            if kinds.len() > PALETTE.len() {
                rows.push_str(&swatch(OTHER, "other kinds"));
            }
        }
    }
    if min_weight > o.min_weight.max(1) {
        rows.push_str(&format!(
            r#"<TR><TD></TD><TD ALIGN="LEFT">only links of {min_weight} tasks or more are drawn (少于 {min_weight} 项任务的联系未画出)</TD></TR>"#
        ));
    }
    let label = format!(
        r#"<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2"><TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>{rows}<TR><TD>→</TD><TD ALIGN="LEFT">leads → cooperates (牵头 → 配合); width: tasks</TD></TR><TR><TD>- -</TD><TD ALIGN="LEFT">jointly responsible / co-lead (共同负责)</TD></TR><TR><TD>◯</TD><TD ALIGN="LEFT">area: {}</TD></TR></TABLE>>"#,
        o.size_by.name()
    );
    Stmt::Node(Node {
        id: NodeId(Id::Plain("legend".into()), None),
        attributes: vec![
            Attribute(Id::Plain("label".into()), Id::Html(label)),
            attr("shape", "plaintext"),
            attr("style", "solid"),
            attr("fontsize", "11"),
        ],
    })
}

/// The two-mode diagram of one plan: agencies on the left, numbered tasks on the right, an
/// edge per role (lead bold, cooperate thin, jointly responsible dashed).
pub fn two_mode(
    net: &Network,
    source: &Source,
    roles: &BTreeSet<Role>,
    tasks: &[TaskLabel],
    plan_iri: &str,
    title: &str,
    labels: &[String],
) -> Graph {
    let mut stmts = graph_attrs(title, true, 0, 0);
    stmts.push(Stmt::Attribute(attr("rankdir", "LR")));
    stmts.push(Stmt::Attribute(attr("ranksep", "3")));
    let index: BTreeMap<&str, usize> = net
        .nodes
        .iter()
        .enumerate()
        .flat_map(|(i, n)| n.members.iter().map(move |m| (m.as_str(), i)))
        .collect();
    let mut used = BTreeSet::new();
    let mut drawn = BTreeSet::new();
    let mut edges = Vec::new();
    let titles: BTreeMap<&str, &TaskLabel> = tasks.iter().map(|t| (t.iri.as_str(), t)).collect();
    for d in source
        .duties
        .iter()
        .filter(|d| d.plan == plan_iri && roles.contains(&d.role))
    {
        let (Some(&i), Some(t)) = (index.get(d.agency.as_str()), titles.get(d.task.as_str()))
        else {
            continue;
        };
        // Two merged names of one agency on one task draw one edge.
        if !drawn.insert((i, d.task.as_str(), d.role)) {
            continue;
        }
        used.insert(i);
        let style = match d.role {
            Role::Lead => vec![attr("penwidth", "2.2"), attr("color", "#1f4e79")],
            Role::Cooperate => vec![attr("penwidth", "0.7")],
            Role::CoResponsible => vec![
                attr("penwidth", "1.4"),
                attr("style", "dashed"),
                attr("color", "#c0392b"),
            ],
        };
        edges.push(edge(&net.nodes[i].iri, &t.iri, style));
    }
    let mut left = Vec::new();
    for &i in &used {
        let n = &net.nodes[i];
        left.push(node(
            &n.iri,
            vec![
                attr("label", &labels[i]),
                attr("tooltip", &n.label),
                attr("shape", "box"),
                attr("fillcolor", "#80b1d3"),
            ],
        ));
    }
    let mut right = Vec::new();
    let mut sorted: Vec<&TaskLabel> = tasks.iter().collect();
    sorted.sort_by_key(|t| t.ordinal);
    for t in sorted {
        let short: String = t.title.chars().take(16).collect();
        let more = if t.title.chars().count() > 16 {
            "…"
        } else {
            ""
        };
        right.push(node(
            &t.iri,
            vec![
                attr("label", &format!("{} {short}{more}", t.number)),
                attr("tooltip", &format!("{} {}", t.number, t.title)),
                attr("shape", "note"),
                attr("fillcolor", "#ffffb3"),
                attr("fontsize", "10"),
            ],
        ));
    }
    for (name, nodes, rank) in [("agencies", left, "source"), ("tasks", right, "sink")] {
        let mut s = vec![Stmt::Attribute(attr("rank", rank))];
        s.extend(nodes);
        stmts.push(Stmt::Subgraph(graphviz_rust::dot_structures::Subgraph {
            id: Id::Plain(name.into()),
            stmts: s,
        }));
    }
    stmts.extend(edges);
    Graph::DiGraph {
        id: quoted("fengong"),
        strict: false,
        stmts,
    }
}

/// The graph in the DOT language.
pub fn to_dot(g: &Graph) -> String {
    g.print(&mut PrinterContext::default())
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{}: Graphviz's `dot` is not installed, so only the DOT file {} was written. Install Graphviz and a CJK font (Debian: sudo apt-get install graphviz fonts-noto-cjk) and run again, or: dot -T{format} {} -o {}", output.display(), dot.display(), dot.display(), output.display())]
    NoDot {
        output: PathBuf,
        dot: PathBuf,
        format: String,
    },
    #[error("{}: {message}", output.display())]
    Failed { output: PathBuf, message: String },
    #[error("{}: unknown output type; use .svg, .png, .pdf or .dot", output.display())]
    Extension { output: PathBuf },
}

/// `g` as SVG, laid out by `layout`, for a page to put inline.
pub fn svg(g: &Graph, layout: LayoutEngine) -> Result<String, RenderError> {
    let failed = |message: String| RenderError::Failed {
        output: PathBuf::from("(SVG)"),
        message,
    };
    let out = graphviz_rust::exec_dot(
        to_dot(g),
        vec![CommandArg::Layout(layout.layout()), CommandArg::Format(Format::Svg)],
    )
    .map_err(|e| {
        failed(if e.kind() == std::io::ErrorKind::NotFound {
            "Graphviz's `dot` is not installed (Debian: sudo apt-get install graphviz fonts-noto-cjk)".to_owned()
        } else {
            format!("dot failed: {e}")
        })
    })?;
    String::from_utf8(out).map_err(|e| failed(format!("dot wrote no UTF-8: {e}")))
}

/// Writes `g` to `output` (type by extension: .svg .png .pdf .dot), laid out by `layout`, via
/// a temporary file renamed into place, so a failure leaves no half file.
pub fn render(g: &Graph, layout: LayoutEngine, output: &Path) -> Result<(), RenderError> {
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let format = match ext.as_str() {
        "svg" => Format::Svg,
        "png" => Format::Png,
        "pdf" => Format::Pdf,
        "dot" | "gv" => Format::Dot,
        _ => {
            return Err(RenderError::Extension {
                output: output.to_owned(),
            })
        }
    };
    let failed = |message: String| RenderError::Failed {
        output: output.to_owned(),
        message,
    };
    // A folder that is not there: said as such, not as dot's failure to open a temporary file.
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(failed(format!(
                "the folder {} does not exist; make it first or write elsewhere",
                dir.display()
            )));
        }
    }
    let dot = to_dot(g);
    let tmp = output.with_extension(format!("{ext}.partial"));
    let done = if format == Format::Dot {
        std::fs::write(&tmp, dot.as_bytes()).map_err(|e| failed(e.to_string()))
    } else {
        match graphviz_rust::exec_dot(
            dot.clone(),
            vec![
                CommandArg::Layout(layout.layout()),
                CommandArg::Format(format),
                CommandArg::Output(tmp.to_string_lossy().into_owned()),
            ],
        ) {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let _ = std::fs::remove_file(&tmp);
                let dot_path = output.with_extension("dot");
                std::fs::write(&dot_path, dot.as_bytes()).map_err(|e| failed(e.to_string()))?;
                return Err(RenderError::NoDot {
                    output: output.to_owned(),
                    dot: dot_path,
                    format: ext,
                });
            }
            Err(e) => Err(failed(format!("dot failed: {e}"))),
        }
    };
    let done = done.and_then(|()| std::fs::rename(&tmp, output).map_err(|e| failed(e.to_string())));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_the_forms_plans_use() {
        let short_name = |l: &str| short_name(Registry::embedded(), l);
        assert_eq!(short_name("广东省政务服务和数据管理局"), "省政数局");
        assert_eq!(short_name("广东省工业和信息化厅"), "省工信厅");
        // Not in the registry: the province gives way to 省.
        assert_eq!(short_name("广东省某某办公室"), "省某某办公室");
        assert_eq!(short_name("北京市某局"), "北京市某局");
    }

    /// Four agencies; arcs (lead, joint) worked out by hand: 0→1 (5, 0), 1→2 (4, 2), 2→3 (3, 0),
    /// 3→0 (3, 0), 0→2 (1, 0). Drawn, that is six edges of 5, 4, 2 (joint), 3, 3 and 1 tasks.
    fn small() -> Network {
        let node = |i: usize| fengong_network::Node {
            iri: format!("https://example.org/{i}"),
            label: format!("单位{i}"),
            named: String::new(),
            members: Vec::new(),
            former_labels: Vec::new(),
            kind: String::new(),
            jurisdiction: None,
            collective: false,
            leads: 0,
            cooperates: 0,
            shares: 0,
            plans: 1,
        };
        let arc = |lead: u32, joint: u32| fengong_network::Arc {
            lead,
            joint,
            tasks: lead + joint,
        };
        Network {
            nodes: (0..4).map(node).collect(),
            arcs: BTreeMap::from([
                ((0, 1), arc(5, 0)),
                ((1, 2), arc(4, 2)),
                ((2, 3), arc(3, 0)),
                ((3, 0), arc(3, 0)),
                ((0, 2), arc(1, 0)),
            ]),
            ..Network::default()
        }
    }

    #[test]
    fn a_cap_on_edges_drops_the_weakest_first() {
        let net = small();
        let labels: Vec<String> = net.nodes.iter().map(|n| n.label.clone()).collect();
        let options = |max_edges| Options {
            ego: None,
            top: None,
            min_weight: 1,
            max_edges,
            size_by: Measure::Degree,
            color: ColorBy::Community,
            title: String::new(),
            labels: &labels,
            links: &[],
        };
        let all: BTreeSet<usize> = (0..4).collect();
        let floor = |max| edge_floor(&net, &all, &options(max));
        assert_eq!(floor(None), 1);
        assert_eq!(floor(Some(6)), 1);
        // 5, 4, 3, 3 fit in four.
        assert_eq!(floor(Some(4)), 3);
        // The two of 3 tasks tie: both go, leaving 5 and 4.
        assert_eq!(floor(Some(3)), 4);
        // Never nothing: the strongest edge stays.
        assert_eq!(floor(Some(0)), 5);
        // Only edges between the agencies shown count: without 3, 5, 4, 2 and 1.
        let three: BTreeSet<usize> = (0..3).collect();
        assert_eq!(edge_floor(&net, &three, &options(Some(2))), 3);

        // Drawn: four edges, and the legend says which were left out.
        let analysis = fengong_network::measures::analyse(
            &net,
            &fengong_network::measures::Settings::default(),
        );
        let g = one_mode(&net, &analysis, &options(Some(4)));
        let Graph::DiGraph { stmts, .. } = &g else {
            panic!("one_mode draws a directed graph")
        };
        let edges = stmts.iter().filter(|s| matches!(s, Stmt::Edge(_))).count();
        assert_eq!(edges, 4);
        let text = g.print(&mut PrinterContext::default());
        assert!(text.contains("only links of 3 tasks or more"), "{text}");
    }

    #[test]
    fn quoting_keeps_dot_syntax_intact() {
        let Id::Escaped(s) = quoted("a \"b\" \\ c") else {
            panic!()
        };
        assert_eq!(s, r#""a \"b\" \\ c""#);
    }
}
