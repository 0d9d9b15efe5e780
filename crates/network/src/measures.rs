//! Centrality measures on a [`Network`], defined as NetworkX defines them so that results can
//! be checked against it (`tests/networkx_check.py`).
//!
//! Every measure is written here over flat neighbour arrays. rustworkx-core (used by the tests
//! as a second reference) has no PageRank, HITS or weighted betweenness; its closeness keeps a
//! hash map per search and was only 2× faster than NetworkX in `cargo bench --bench network`;
//! its unweighted betweenness keeps predecessor lists and is several times slower than ours;
//! its eigenvector centrality walks petgraph's linked edge lists on every iteration, where
//! igraph's was faster than it.

use super::{communities, tie_weight, Network, Weighting};
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

/// Every per-agency measure, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Tasks the agency leads.
    Leads,
    /// Tasks it cooperates on.
    Cooperates,
    /// Tasks it is jointly responsible for.
    Shares,
    /// (leads − cooperates) / (leads + cooperates): 1 only leads, −1 only cooperates.
    Asymmetry,
    /// Distinct agencies it leads or is joint with (directed network, out-arcs).
    OutDegree,
    /// Distinct agencies that lead it or are joint with it (in-arcs).
    InDegree,
    /// Tasks behind its out-arcs.
    OutStrength,
    /// Tasks behind its in-arcs.
    InStrength,
    /// PageRank on the directed network (lead → cooperator): high for agencies many leads rely on.
    Pagerank,
    /// HITS hub score: agencies that lead good cooperators.
    Hub,
    /// HITS authority score: agencies that good leads rely on.
    Authority,
    /// Distinct partners on the co-responsibility network.
    Degree,
    /// Sum of tie weights on the co-responsibility network.
    Strength,
    /// Shortest-path betweenness, unweighted, normalised by (n−1)(n−2).
    Betweenness,
    /// Betweenness with tie distance 1/weight.
    BetweennessWeighted,
    /// Closeness (incoming distance, Wasserman–Faust scaling for unreachable nodes).
    Closeness,
    /// Closeness with tie distance 1/weight.
    ClosenessWeighted,
    /// Eigenvector centrality of the weighted co-responsibility network (Euclidean norm 1).
    Eigenvector,
    /// k-core number on the co-responsibility network.
    Core,
    /// Louvain community (numbered by size, largest 1).
    Community,
}

impl Measure {
    pub const ALL: [Measure; 20] = [
        Measure::Leads,
        Measure::Cooperates,
        Measure::Shares,
        Measure::Asymmetry,
        Measure::OutDegree,
        Measure::InDegree,
        Measure::OutStrength,
        Measure::InStrength,
        Measure::Pagerank,
        Measure::Hub,
        Measure::Authority,
        Measure::Degree,
        Measure::Strength,
        Measure::Betweenness,
        Measure::BetweennessWeighted,
        Measure::Closeness,
        Measure::ClosenessWeighted,
        Measure::Eigenvector,
        Measure::Core,
        Measure::Community,
    ];

    /// The name used in CSV and JSON columns and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Leads => "leads",
            Measure::Cooperates => "cooperates",
            Measure::Shares => "shares",
            Measure::Asymmetry => "asymmetry",
            Measure::OutDegree => "out_degree",
            Measure::InDegree => "in_degree",
            Measure::OutStrength => "out_strength",
            Measure::InStrength => "in_strength",
            Measure::Pagerank => "pagerank",
            Measure::Hub => "hub",
            Measure::Authority => "authority",
            Measure::Degree => "degree",
            Measure::Strength => "strength",
            Measure::Betweenness => "betweenness",
            Measure::BetweennessWeighted => "betweenness_weighted",
            Measure::Closeness => "closeness",
            Measure::ClosenessWeighted => "closeness_weighted",
            Measure::Eigenvector => "eigenvector",
            Measure::Core => "core",
            Measure::Community => "community",
        }
    }

    /// What the measure means, in a line.
    pub fn description(self) -> &'static str {
        match self {
            Measure::Leads => "Tasks the agency leads.",
            Measure::Cooperates => "Tasks it cooperates on.",
            Measure::Shares => "Tasks it is jointly responsible for.",
            Measure::Asymmetry => "(leads − cooperates) / (leads + cooperates): 1 only leads, −1 only cooperates.",
            Measure::OutDegree => "Distinct agencies it leads or is joint with (directed network, out-arcs).",
            Measure::InDegree => "Distinct agencies that lead it or are joint with it (in-arcs).",
            Measure::OutStrength => "Tasks behind its out-arcs.",
            Measure::InStrength => "Tasks behind its in-arcs.",
            Measure::Pagerank => "PageRank on the directed network (lead → cooperator): high for agencies many leads rely on.",
            Measure::Hub => "HITS hub score: agencies that lead good cooperators.",
            Measure::Authority => "HITS authority score: agencies that good leads rely on.",
            Measure::Degree => "Distinct partners on the co-responsibility network.",
            Measure::Strength => "Sum of tie weights on the co-responsibility network.",
            Measure::Betweenness => "Shortest-path betweenness, unweighted, normalised by (n−1)(n−2).",
            Measure::BetweennessWeighted => "Betweenness with tie distance 1/weight.",
            Measure::Closeness => "Closeness (incoming distance, Wasserman–Faust scaling for unreachable nodes).",
            Measure::ClosenessWeighted => "Closeness with tie distance 1/weight.",
            Measure::Eigenvector => "Eigenvector centrality of the weighted co-responsibility network (Euclidean norm 1).",
            Measure::Core => "k-core number on the co-responsibility network.",
            Measure::Community => "Louvain community (numbered by size, largest 1).",
        }
    }

    /// The `fg:` property the value is stored under in the analysis graph.
    pub fn property(self) -> &'static str {
        match self {
            Measure::Leads => "leadTasks",
            Measure::Cooperates => "cooperatingTasks",
            Measure::Shares => "sharedTasks",
            Measure::Asymmetry => "leadAsymmetry",
            Measure::OutDegree => "outDegree",
            Measure::InDegree => "inDegree",
            Measure::OutStrength => "outStrength",
            Measure::InStrength => "inStrength",
            Measure::Pagerank => "pageRank",
            Measure::Hub => "hubScore",
            Measure::Authority => "authorityScore",
            Measure::Degree => "degree",
            Measure::Strength => "strength",
            Measure::Betweenness => "betweenness",
            Measure::BetweennessWeighted => "weightedBetweenness",
            Measure::Closeness => "closeness",
            Measure::ClosenessWeighted => "weightedCloseness",
            Measure::Eigenvector => "eigenvectorCentrality",
            Measure::Core => "coreNumber",
            Measure::Community => "community",
        }
    }

    /// Whole-number measures (printed without decimals, stored as xsd:integer).
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Measure::Leads
                | Measure::Cooperates
                | Measure::Shares
                | Measure::OutDegree
                | Measure::InDegree
                | Measure::Degree
                | Measure::Core
                | Measure::Community
        ) || self.is_task_count()
    }

    fn is_task_count(self) -> bool {
        matches!(self, Measure::OutStrength | Measure::InStrength)
    }
}

/// Parameters of a computation; printed with every result and stored with it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Settings {
    /// PageRank damping factor.
    pub alpha: f64,
    /// Convergence tolerance of PageRank, HITS and eigenvector power iterations, with
    /// NetworkX's stopping rules (L1 change < n·tol for PageRank and eigenvector, < tol for HITS).
    pub tolerance: f64,
    pub max_iterations: usize,
    /// Weighting of the co-responsibility ties.
    pub weighting: Weighting,
    /// Louvain resolution γ.
    pub resolution: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            alpha: 0.85,
            tolerance: 1e-10,
            max_iterations: 1000,
            weighting: Weighting::Count,
            resolution: 1.0,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum MeasureError {
    #[error("{what} did not converge in {iterations} iterations to tolerance {tolerance:e}; raise --max-iterations or --tolerance")]
    NoConvergence {
        what: &'static str,
        iterations: usize,
        tolerance: f64,
    },
}

/// Every measure for every node of a network.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub settings: Settings,
    /// `values[m][i]`: measure `Measure::ALL[m]` of node `i`.
    values: Vec<Vec<f64>>,
    pub modularity: f64,
    pub communities: usize,
    /// Wall time per measure group, for the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
    /// Measures that could not be computed (left as NaN), and why.
    pub warnings: Vec<String>,
}

impl Analysis {
    pub fn get(&self, m: Measure, node: usize) -> f64 {
        self.values[m as usize][node]
    }

    pub fn column(&self, m: Measure) -> &[f64] {
        &self.values[m as usize]
    }

    /// One agency with every measure, as `rank --format json` writes it (and
    /// `tests/networkx_check.py` reads it).
    pub fn agency_json(&self, net: &Network, i: usize) -> serde_json::Value {
        let n = &net.nodes[i];
        let mut o = serde_json::json!({
            "iri": n.iri,
            "agency": n.label,
            "former_labels": n.former_labels,
            "kind": n.kind,
            "jurisdiction": n.jurisdiction,
            "plans": n.plans,
        });
        for &m in &Measure::ALL {
            o[m.name()] = measure_json(m, self.get(m, i));
        }
        o
    }

    /// Node indices ordered by `m`, highest first (ties by index, i.e. label).
    pub fn order_by(&self, m: Measure) -> Vec<usize> {
        let col = self.column(m);
        let mut idx: Vec<usize> = (0..col.len()).collect();
        // Community numbers rank ascending: community 1 is the largest.
        let sign = if m == Measure::Community { -1.0 } else { 1.0 };
        // NaN (a measure that did not converge) sorts last.
        let key = |i: usize| {
            let v = sign * col[i];
            if v.is_nan() {
                f64::NEG_INFINITY
            } else {
                v
            }
        };
        // Ties go to the agency with more partners (more leads when ranking by partners), then
        // by name (nodes are sorted by label): the order `fengong ask` ranks in too.
        let second = self.column(if m == Measure::Degree {
            Measure::Leads
        } else {
            Measure::Degree
        });
        idx.sort_by(|&a, &b| {
            key(b)
                .total_cmp(&key(a))
                .then(second[b].total_cmp(&second[a]))
                .then(a.cmp(&b))
        });
        idx
    }
}

/// A measure's value in JSON: counts as integers, undefined values (NaN) as null.
pub fn measure_json(m: Measure, v: f64) -> serde_json::Value {
    if v.is_nan() {
        serde_json::Value::Null
    } else if (m.is_count() || m == Measure::Strength) && v.fract() == 0.0 {
        serde_json::json!(v as i64)
    } else {
        serde_json::json!(v)
    }
}

/// A measure's value in CSV: counts as integers, scores to 6 significant decimals (NetworkX's
/// comparison tolerance is 1e-6), undefined values empty.
pub fn measure_csv(m: Measure, v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else if (m.is_count() || m == Measure::Strength) && v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.6}")
    }
}

/// Computes every measure. A power iteration that does not converge leaves its measure NaN
/// and says so in `warnings`; the other measures stand.
pub fn analyse(net: &Network, s: &Settings) -> Analysis {
    analyse_sampled(net, s, None)
}

/// As [`analyse`], but when `sources` is smaller than the network, betweenness and closeness
/// (the all-pairs measures, quadratic in the nodes) search from that many evenly spaced
/// nodes only: betweenness is then NetworkX's estimate with `k` sources, closeness is known
/// for those nodes and NaN for the others. For benchmarks and very large networks.
pub fn analyse_sampled(net: &Network, s: &Settings, sources: Option<usize>) -> Analysis {
    let n = net.nodes.len();
    let picks: Option<Vec<usize>> = sources
        .filter(|&k| k > 0 && k < n)
        .map(|k| (0..k).map(|i| i * n / k).collect());
    let picks = picks.as_deref();
    let mut values = vec![vec![0.0; n]; Measure::ALL.len()];
    let mut timings = Vec::new();
    let mut timed = |name: &'static str, start: Instant| timings.push((name, start.elapsed()));

    let t = Instant::now();
    for (i, node) in net.nodes.iter().enumerate() {
        let (l, c) = (f64::from(node.leads), f64::from(node.cooperates));
        values[Measure::Leads as usize][i] = l;
        values[Measure::Cooperates as usize][i] = c;
        values[Measure::Shares as usize][i] = f64::from(node.shares);
        // Undefined for an agency that neither leads nor cooperates (only shares): NaN, shown
        // blank, rather than a 0 that reads as "balanced".
        values[Measure::Asymmetry as usize][i] = if l + c > 0.0 {
            (l - c) / (l + c)
        } else {
            f64::NAN
        };
    }
    for (&(a, b), arc) in &net.arcs {
        values[Measure::OutDegree as usize][a] += 1.0;
        values[Measure::InDegree as usize][b] += 1.0;
        values[Measure::OutStrength as usize][a] += f64::from(arc.tasks);
        values[Measure::InStrength as usize][b] += f64::from(arc.tasks);
    }
    for (&(a, b), tie) in &net.ties {
        let w = tie_weight(tie, s.weighting);
        for x in [a, b] {
            values[Measure::Degree as usize][x] += 1.0;
            values[Measure::Strength as usize][x] += w;
        }
    }
    timed("counts and degrees", t);

    let directed = net.directed();
    let undirected = net.undirected(s.weighting);

    let mut warnings = Vec::new();
    let nan = vec![f64::NAN; n];
    let t = Instant::now();
    values[Measure::Pagerank as usize] =
        match pagerank(&directed, s.alpha, s.tolerance, s.max_iterations) {
            Ok(v) => v,
            Err(e) => {
                warnings.push(e.to_string());
                nan.clone()
            }
        };
    timed("pagerank", t);

    let t = Instant::now();
    let (hubs, authorities) = match hits(&directed, s.tolerance, s.max_iterations) {
        Ok(v) => v,
        Err(e) => {
            warnings.push(e.to_string());
            (nan.clone(), nan.clone())
        }
    };
    values[Measure::Hub as usize] = hubs;
    values[Measure::Authority as usize] = authorities;
    timed("hits", t);
    // Power iterations settle on the strongest group of a network that falls apart: every
    // other group scores 0, which reads as "unimportant" unless said.
    let groups = |ends: &mut dyn Iterator<Item = (usize, usize)>| -> usize {
        let mut uf = petgraph::unionfind::UnionFind::<usize>::new(n);
        let mut linked = vec![false; n];
        for (a, b) in ends {
            uf.union(a, b);
            linked[a] = true;
            linked[b] = true;
        }
        let mut roots: Vec<usize> = (0..n).filter(|&i| linked[i]).map(|i| uf.find(i)).collect();
        roots.sort_unstable();
        roots.dedup();
        roots.len()
    };
    let apart = groups(
        &mut directed
            .edge_references()
            .map(|e| (e.source().index(), e.target().index())),
    );
    if apart > 1 {
        warnings.push(format!(
            "hub and authority: the lead→cooperator arcs fall into {apart} unconnected groups \
             (plans of different places, say); HITS scores only the strongest group and gives 0 to \
             the others, so compare them within one group (--jurisdiction, --plan)"
        ));
    }
    let apart = groups(
        &mut undirected
            .edge_references()
            .map(|e| (e.source().index(), e.target().index())),
    );
    if apart > 1 {
        warnings.push(format!(
            "eigenvector: the co-responsibility ties fall into {apart} unconnected groups; \
             eigenvector centrality is near 0 outside the strongest, so compare it within one \
             group (--jurisdiction, --plan)"
        ));
    }

    let t = Instant::now();
    values[Measure::Betweenness as usize] = betweenness_from(&undirected, false, picks);
    timed("betweenness", t);

    let t = Instant::now();
    values[Measure::BetweennessWeighted as usize] = betweenness_from(&undirected, true, picks);
    timed("betweenness_weighted", t);

    let t = Instant::now();
    values[Measure::Closeness as usize] = closeness_of(&undirected, false, picks);
    timed("closeness", t);

    let t = Instant::now();
    values[Measure::ClosenessWeighted as usize] = closeness_of(&undirected, true, picks);
    timed("closeness_weighted", t);

    let t = Instant::now();
    if n > 0 {
        let ev = eigenvector(&undirected, s.max_iterations, s.tolerance);
        values[Measure::Eigenvector as usize] = match ev {
            Some(v) => v,
            None => {
                warnings.push(
                    MeasureError::NoConvergence {
                        what: "eigenvector centrality",
                        iterations: s.max_iterations,
                        tolerance: s.tolerance,
                    }
                    .to_string(),
                );
                nan
            }
        };
    }
    timed("eigenvector", t);

    let t = Instant::now();
    values[Measure::Core as usize] = core_numbers(&undirected)
        .into_iter()
        .map(|c| c as f64)
        .collect();
    timed("core", t);

    let t = Instant::now();
    let weights: Vec<(usize, usize, f64)> = net
        .ties
        .iter()
        .map(|(&(a, b), tie)| (a, b, tie_weight(tie, s.weighting)))
        .collect();
    let partition = communities::louvain(n, &weights, s.resolution);
    values[Measure::Community as usize] = partition
        .membership
        .iter()
        .map(|&c| (c + 1) as f64)
        .collect();
    timed("louvain", t);

    Analysis {
        settings: *s,
        values,
        modularity: partition.modularity,
        communities: partition.count,
        timings,
        warnings,
    }
}

/// PageRank as NetworkX computes it: weights normalised per source, dangling nodes spread
/// evenly, uniform teleport; stops when the L1 change is below n·tol, then scales to sum 1.
pub fn pagerank(
    g: &DiGraph<usize, f64>,
    alpha: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Vec<f64>, MeasureError> {
    let n = g.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let nf = n as f64;
    let mut out = vec![0.0; n];
    for e in g.edge_references() {
        out[e.source().index()] += *e.weight();
    }
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        let dangling: f64 = (0..n).filter(|&i| out[i] <= 0.0).map(|i| x[i]).sum();
        next.iter_mut().for_each(|v| *v = 0.0);
        for e in g.edge_references() {
            let (u, v) = (e.source().index(), e.target().index());
            if out[u] > 0.0 {
                next[v] += x[u] * *e.weight() / out[u];
            }
        }
        let mut err = 0.0;
        for i in 0..n {
            let v = alpha * (next[i] + dangling / nf) + (1.0 - alpha) / nf;
            err += (v - x[i]).abs();
            next[i] = v;
        }
        std::mem::swap(&mut x, &mut next);
        if err < nf * tol {
            let sum: f64 = x.iter().sum();
            return Ok(x.into_iter().map(|v| v / sum).collect());
        }
    }
    Err(MeasureError::NoConvergence {
        what: "PageRank",
        iterations: max_iter,
        tolerance: tol,
    })
}

/// HITS hubs and authorities by power iteration from a uniform start, as NetworkX's
/// `_hits_python` does (max-normalised each step, L1 change < tol, then scaled to sum 1).
pub fn hits(
    g: &DiGraph<usize, f64>,
    tol: f64,
    max_iter: usize,
) -> Result<(Vec<f64>, Vec<f64>), MeasureError> {
    let n = g.node_count();
    if n == 0 {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut h = vec![1.0 / n as f64; n];
    let mut a = vec![0.0; n];
    for _ in 0..max_iter {
        a.iter_mut().for_each(|v| *v = 0.0);
        for e in g.edge_references() {
            a[e.target().index()] += h[e.source().index()] * *e.weight();
        }
        let mut hn = vec![0.0; n];
        for e in g.edge_references() {
            hn[e.source().index()] += a[e.target().index()] * *e.weight();
        }
        let (hmax, amax) = (max(&hn), max(&a));
        if hmax == 0.0 || amax == 0.0 {
            // No arcs: every score is equal.
            let u = vec![1.0 / n as f64; n];
            return Ok((u.clone(), u));
        }
        hn.iter_mut().for_each(|v| *v /= hmax);
        a.iter_mut().for_each(|v| *v /= amax);
        let err: f64 = hn.iter().zip(&h).map(|(x, y)| (x - y).abs()).sum();
        h = hn;
        if err < tol {
            let (hs, as_): (f64, f64) = (h.iter().sum(), a.iter().sum());
            return Ok((
                h.into_iter().map(|v| v / hs).collect(),
                a.into_iter().map(|v| v / as_).collect(),
            ));
        }
    }
    Err(MeasureError::NoConvergence {
        what: "HITS",
        iterations: max_iter,
        tolerance: tol,
    })
}

/// Eigenvector centrality by power iteration on A + I, as NetworkX and rustworkx-core compute it
/// (start at 1, add each node's weighted neighbours, scale to unit length, stop when the L1
/// change is under n·tol); `None` when it does not converge or the graph has no ties. The ties
/// are laid out once as flat arrays in the graph's own edge order, so each of the hundreds of
/// iterations a large network needs is one pass over memory, and its sums are the same.
fn eigenvector(g: &UnGraph<usize, f64>, max_iterations: usize, tolerance: f64) -> Option<Vec<f64>> {
    let n = g.node_count();
    let mut start = Vec::with_capacity(n + 1);
    let mut ties: Vec<(u32, f64)> = Vec::with_capacity(g.edge_count() * 2);
    for v in g.node_indices() {
        start.push(ties.len());
        ties.extend(g.edges(v).map(|e| (e.target().index() as u32, *e.weight())));
    }
    start.push(ties.len());
    let mut x = vec![1.0; n];
    let mut last = vec![0.0; n];
    for _ in 0..max_iterations {
        last.copy_from_slice(&x);
        for v in 0..n {
            let xv = last[v];
            for &(u, w) in &ties[start[v]..start[v + 1]] {
                x[u as usize] += xv * w;
            }
        }
        let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 {
            return None;
        }
        x.iter_mut().for_each(|v| *v /= norm);
        let change: f64 = x.iter().zip(&last).map(|(a, b)| (a - b).abs()).sum();
        if change < n as f64 * tolerance {
            return Some(x);
        }
    }
    None
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(0.0, f64::max)
}

#[derive(Clone, Copy, PartialEq)]
struct Near(f64, usize);
impl Eq for Near {}
impl Ord for Near {
    fn cmp(&self, o: &Self) -> Ordering {
        // Min-heap on distance.
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}
impl PartialOrd for Near {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Brandes' betweenness, normalised as NetworkX normalises undirected betweenness (by
/// (n−1)(n−2), each pair counted from both ends): with Dijkstra and distance 1 / weight when
/// `weighted`, else with breadth-first search (every tie one step).
pub fn betweenness(g: &UnGraph<usize, f64>, weighted: bool) -> Vec<f64> {
    betweenness_from(g, weighted, None)
}

/// Betweenness from the given sources only (all when `None`), scaled by n / sources as
/// NetworkX scales its estimate with `k` sampled sources.
pub fn betweenness_from(
    g: &UnGraph<usize, f64>,
    weighted: bool,
    sources: Option<&[usize]>,
) -> Vec<f64> {
    let n = g.node_count();
    let adj = Csr::new(g);
    // Sources in fixed chunks, in parallel; chunk sums are added in chunk order, so the
    // result is the same on every run (rayon's own fold would sum in varying order).
    let sources: Vec<usize> = sources.map_or_else(|| (0..n).collect(), <[usize]>::to_vec);
    let sampled = sources.len();
    let chunk = n.div_ceil(64).max(1);
    let partial: Vec<Vec<f64>> = sources
        .par_chunks(chunk)
        .map(|chunk| {
            let mut b = Brandes::new(n);
            let mut bc = vec![0.0; n];
            for &s in chunk {
                if weighted {
                    b.dijkstra(&adj, s);
                } else {
                    b.bfs(&adj, s);
                }
                b.accumulate(&adj, s, weighted, &mut bc);
            }
            bc
        })
        .collect();
    let mut bc = vec![0.0; n];
    for p in partial {
        bc.iter_mut().zip(p).for_each(|(x, y)| *x += y);
    }
    if n > 2 && sampled > 0 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64) * (n as f64 / sampled as f64);
        bc.iter_mut().for_each(|v| *v *= scale);
    }
    bc
}

/// Buffers of one Brandes single-source pass, reused across sources. No predecessor lists:
/// v precedes w on a shortest path exactly when dist(v) + len(v, w) = dist(w), which the
/// backward pass checks on w's neighbours; that saves an allocation per node and source.
struct Brandes {
    /// Distance from the source (hops when unweighted); infinite when not reached.
    dist: Vec<f64>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    /// Settled (Dijkstra only).
    done: Vec<bool>,
    /// Nodes in the order they were settled.
    order: Vec<usize>,
    heap: BinaryHeap<Near>,
}

impl Brandes {
    fn new(n: usize) -> Brandes {
        Brandes {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            done: vec![false; n],
            order: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// Forgets the previous source: only the nodes it reached were touched.
    fn reset(&mut self, s: usize) {
        for &v in &self.order {
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
            self.done[v] = false;
        }
        self.order.clear();
        self.dist[s] = 0.0;
        self.sigma[s] = 1.0;
    }

    /// Shortest-path counts by breadth-first search; `order` doubles as the queue.
    fn bfs(&mut self, adj: &Csr, s: usize) {
        self.reset(s);
        self.order.push(s);
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let next = self.dist[v] + 1.0;
            for (w, _) in adj.neighbours(v) {
                if self.dist[w] == f64::INFINITY {
                    self.dist[w] = next;
                    self.order.push(w);
                }
                if self.dist[w] == next {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
    }

    /// Shortest-path counts by Dijkstra. Ties are exact float equality, as in NetworkX, so
    /// both count the same shortest paths.
    fn dijkstra(&mut self, adj: &Csr, s: usize) {
        self.reset(s);
        self.heap.push(Near(0.0, s));
        while let Some(Near(d, v)) = self.heap.pop() {
            if self.done[v] || d > self.dist[v] {
                continue;
            }
            self.done[v] = true;
            self.order.push(v);
            for (w, len) in adj.neighbours(v) {
                let alt = d + len;
                if alt < self.dist[w] {
                    self.dist[w] = alt;
                    self.sigma[w] = self.sigma[v];
                    self.heap.push(Near(alt, w));
                } else if alt == self.dist[w] && !self.done[w] {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
    }

    /// Adds the dependencies of source `s` to `bc`, walking nodes from the farthest back.
    fn accumulate(&mut self, adj: &Csr, s: usize, weighted: bool, bc: &mut [f64]) {
        for &w in self.order.iter().rev() {
            let dw = self.dist[w];
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            for (v, len) in adj.neighbours(w) {
                let step = if weighted { len } else { 1.0 };
                if self.dist[v] + step == dw {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            if w != s {
                bc[w] += self.delta[w];
            }
        }
    }
}

/// Closeness of every node of an undirected graph as NetworkX computes it: (r−1)/Σd over
/// the r nodes reachable, times (r−1)/(n−1) (Wasserman–Faust); distance 1/weight when
/// `weighted`, else hops.
pub fn closeness(g: &UnGraph<usize, f64>, weighted: bool) -> Vec<f64> {
    closeness_of(g, weighted, None)
}

/// Closeness of the given nodes only (all when `None`); NaN for the others.
pub fn closeness_of(g: &UnGraph<usize, f64>, weighted: bool, nodes: Option<&[usize]>) -> Vec<f64> {
    let n = g.node_count();
    let adj = Csr::new(g);
    let nodes: Vec<usize> = nodes.map_or_else(|| (0..n).collect(), <[usize]>::to_vec);
    // Each source is independent: one search per source, in parallel, buffers per thread.
    let values: Vec<f64> = nodes
        .par_iter()
        .map_init(
            || Search::new(n),
            |search, &s| {
                let (settled, total) = search.distances(&adj, s, weighted);
                if total > 0.0 && n > 1 {
                    let r = (settled - 1) as f64;
                    r / total * (r / (n - 1) as f64)
                } else {
                    0.0
                }
            },
        )
        .collect();
    if nodes.len() == n {
        return values;
    }
    let mut all = vec![f64::NAN; n];
    for (&v, x) in nodes.iter().zip(values) {
        all[v] = x;
    }
    all
}

/// Reusable buffers of a single-source shortest-path search.
struct Search {
    dist: Vec<f64>,
    /// Nodes reached, in order (the breadth-first queue too).
    reached: Vec<usize>,
    heap: BinaryHeap<Near>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            dist: vec![f64::INFINITY; n],
            reached: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// (nodes reached including `s`, sum of their distances from `s`).
    fn distances(&mut self, adj: &Csr, s: usize, weighted: bool) -> (usize, f64) {
        let dist = &mut self.dist;
        for &v in &self.reached {
            dist[v] = f64::INFINITY;
        }
        self.reached.clear();
        dist[s] = 0.0;
        self.reached.push(s);
        let (mut settled, mut total) = (0usize, 0.0);
        if weighted {
            self.heap.push(Near(0.0, s));
            while let Some(Near(d, v)) = self.heap.pop() {
                if d > dist[v] {
                    continue;
                }
                settled += 1;
                total += d;
                for (w, len) in adj.neighbours(v) {
                    let alt = d + len;
                    if alt < dist[w] {
                        if dist[w] == f64::INFINITY {
                            self.reached.push(w);
                        }
                        dist[w] = alt;
                        self.heap.push(Near(alt, w));
                    }
                }
            }
        } else {
            let mut head = 0;
            while let Some(&v) = self.reached.get(head) {
                head += 1;
                settled += 1;
                total += dist[v];
                for (w, _) in adj.neighbours(v) {
                    if dist[w] == f64::INFINITY {
                        dist[w] = dist[v] + 1.0;
                        self.reached.push(w);
                    }
                }
            }
        }
        (settled, total)
    }
}

/// Core number of every node (the largest k such that the node belongs to a subgraph where
/// every node has degree k or more), by Batagelj and Zaversnik's bucket algorithm: linear in
/// the ties. rustworkx-core's version, with hash maps, was only 7× faster than NetworkX.
pub fn core_numbers(g: &UnGraph<usize, f64>) -> Vec<usize> {
    let n = g.node_count();
    // Ties only, in 32-bit indices: the peeling is bound by memory traffic, and it reads
    // neither the weights nor the distances that `Csr::new` derives from them.
    let adj = Csr::with_lengths(g, false);
    let mut degree: Vec<u32> = (0..n)
        .map(|v| (adj.start[v + 1] - adj.start[v]) as u32)
        .collect();
    let top = degree.iter().copied().max().unwrap_or(0) as usize;
    // Nodes sorted by degree (`order`), where each degree's block starts (`first`), and
    // where each node sits (`pos`).
    let mut first = vec![0u32; top + 2];
    for &d in &degree {
        first[d as usize + 1] += 1;
    }
    for d in 0..=top {
        first[d + 1] += first[d];
    }
    let mut pos = vec![0u32; n];
    let mut order = vec![0u32; n];
    let mut fill = first.clone();
    for v in 0..n {
        let d = degree[v] as usize;
        pos[v] = fill[d];
        order[fill[d] as usize] = v as u32;
        fill[d] += 1;
    }
    for i in 0..n {
        let v = order[i] as usize;
        let dv = degree[v];
        for &w in adj.targets(v) {
            let w = w as usize;
            let dw = degree[w];
            if w != v && dw > dv {
                // Move w to the front of its block, then shrink the block past it: w's
                // degree drops by one and it now heads the block below.
                let head = first[dw as usize];
                let u = order[head as usize] as usize;
                if u != w {
                    order.swap(head as usize, pos[w] as usize);
                    pos[u] = pos[w];
                    pos[w] = head;
                }
                first[dw as usize] += 1;
                degree[w] = dw - 1;
            }
        }
    }
    degree.into_iter().map(|d| d as usize).collect()
}

/// Neighbours of every node in flat arrays (compressed sparse rows), both directions of each
/// tie, with distance 1/weight: node v's are at `start[v]..start[v + 1]`. One contiguous
/// scan per node is what keeps the all-pairs searches fast.
struct Csr {
    start: Vec<usize>,
    target: Vec<u32>,
    length: Vec<f64>,
}

impl Csr {
    fn new(g: &UnGraph<usize, f64>) -> Csr {
        Csr::with_lengths(g, true)
    }

    /// `lengths`: whether to fill `length` (else it stays empty, and only `targets` is read).
    fn with_lengths(g: &UnGraph<usize, f64>, lengths: bool) -> Csr {
        let n = g.node_count();
        let mut start = vec![0usize; n + 1];
        for e in g.edge_references() {
            start[e.source().index() + 1] += 1;
            start[e.target().index() + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut target = vec![0u32; start[n]];
        let mut length = if lengths {
            vec![0.0; start[n]]
        } else {
            Vec::new()
        };
        for e in g.edge_references() {
            let (a, b, d) = (e.source().index(), e.target().index(), 1.0 / *e.weight());
            for (x, y) in [(a, b), (b, a)] {
                target[fill[x]] = y as u32;
                if lengths {
                    length[fill[x]] = d;
                }
                fill[x] += 1;
            }
        }
        Csr {
            start,
            target,
            length,
        }
    }

    fn targets(&self, v: usize) -> &[u32] {
        &self.target[self.start[v]..self.start[v + 1]]
    }

    fn neighbours(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.start[v]..self.start[v + 1];
        self.target[range.clone()]
            .iter()
            .zip(&self.length[range])
            .map(|(&w, &d)| (w as usize, d))
    }
}

/// Node index helper for tests and callers that build petgraph graphs by hand.
pub fn idx(i: usize) -> NodeIndex {
    NodeIndex::new(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64], eps: f64) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < eps, "{a:?} vs {b:?}");
        }
    }

    fn un(n: usize, edges: &[(usize, usize, f64)]) -> UnGraph<usize, f64> {
        let mut g = UnGraph::default();
        for i in 0..n {
            g.add_node(i);
        }
        for &(a, b, w) in edges {
            g.add_edge(idx(a), idx(b), w);
        }
        g
    }

    fn di(n: usize, edges: &[(usize, usize, f64)]) -> DiGraph<usize, f64> {
        let mut g = DiGraph::default();
        for i in 0..n {
            g.add_node(i);
        }
        for &(a, b, w) in edges {
            g.add_edge(idx(a), idx(b), w);
        }
        g
    }

    #[test]
    fn pagerank_of_a_two_cycle_is_even_and_a_sink_gets_more() {
        let pr = pagerank(&di(2, &[(0, 1, 1.0), (1, 0, 1.0)]), 0.85, 1e-12, 1000).unwrap();
        close(&pr, &[0.5, 0.5], 1e-9);
        // 0 → 1, and 1 is dangling (its rank is spread evenly), so
        // x0 = 0.15/2 + 0.85·x1/2 with x0 + x1 = 1 ⇒ 1.425·x0 = 0.5.
        let pr = pagerank(&di(2, &[(0, 1, 1.0)]), 0.85, 1e-12, 1000).unwrap();
        close(&pr, &[0.5 / 1.425, 1.0 - 0.5 / 1.425], 1e-9);
    }

    #[test]
    fn closeness_on_a_path_with_an_isolated_node() {
        // 0 - 1 - 2, and 3 alone; n = 4. Node 1: r−1 = 2 reachable at total distance 2 ⇒
        // (2/2)·(2/3). Nodes 0 and 2: 2 reachable at 1 + 2 = 3 ⇒ (2/3)·(2/3). Node 3: 0.
        let g = un(4, &[(0, 1, 1.0), (1, 2, 2.0)]);
        close(
            &closeness(&g, false),
            &[4.0 / 9.0, 2.0 / 3.0, 4.0 / 9.0, 0.0],
            1e-12,
        );
        // Weighted: 1-2 is at distance 1/2, so from 0: 1 + 1.5 = 2.5; from 1: 1.5; from 2: 2.
        close(
            &closeness(&g, true),
            &[
                2.0 / 2.5 * 2.0 / 3.0,
                2.0 / 1.5 * 2.0 / 3.0,
                2.0 / 2.0 * 2.0 / 3.0,
                0.0,
            ],
            1e-12,
        );
    }

    #[test]
    fn hits_on_a_star_of_leads() {
        // 0 leads 1 and 2: 0 is the only hub, 1 and 2 share authority.
        let (h, a) = hits(&di(3, &[(0, 1, 1.0), (0, 2, 1.0)]), 1e-12, 100).unwrap();
        close(&h, &[1.0, 0.0, 0.0], 1e-9);
        close(&a, &[0.0, 0.5, 0.5], 1e-9);
    }

    #[test]
    fn eigenvector_agrees_with_rustworkx() {
        // Two triangles joined by a weighted bridge, and a pendant: not regular, so the
        // iteration has something to converge to.
        let edges = [
            (0, 1, 1.0),
            (1, 2, 2.0),
            (2, 0, 1.0),
            (2, 3, 0.5),
            (3, 4, 1.0),
            (4, 5, 3.0),
            (5, 3, 1.0),
            (5, 6, 1.0),
        ];
        let g = un(7, &edges);
        let ours = eigenvector(&g, 1000, 1e-10).expect("converges");
        let theirs = rustworkx_core::centrality::eigenvector_centrality(
            &g,
            |e| Ok::<f64, std::convert::Infallible>(*e.weight()),
            Some(1000),
            Some(1e-10),
        )
        .expect("no error")
        .expect("converges");
        assert_eq!(ours, theirs);
    }

    #[test]
    fn core_numbers_peel_the_graph() {
        // A 4-clique 0–3, a triangle 3–4–5 hanging off it, a pendant 6 on 5, an isolated 7.
        let mut edges = vec![(3, 4, 1.0), (4, 5, 1.0), (5, 3, 1.0), (5, 6, 1.0)];
        for a in 0..4 {
            for b in a + 1..4 {
                edges.push((a, b, 1.0));
            }
        }
        let g = un(8, &edges);
        let cores = core_numbers(&g);
        assert_eq!(cores, [3, 3, 3, 3, 2, 2, 1, 0]);
        let theirs = rustworkx_core::connectivity::core_number(&g);
        for (node, core) in theirs {
            assert_eq!(cores[node.index()], core, "node {}", node.index());
        }
    }

    #[test]
    fn weighted_betweenness_follows_strong_ties() {
        // Square 0-1-2-3-0. Ties 0-1 and 1-2 are strong (distance 1/4), the others weak
        // (distance 1): the only shortest path 0↔2 runs through 1 (1/2 < 2), and 1↔3 runs via 0
        // (1/4 + 1) or 2 (1/4 + 1), split evenly. 0↔... : 0↔3 direct (1) vs 0-1-2-3 (1.5).
        let g = un(4, &[(0, 1, 4.0), (1, 2, 4.0), (2, 3, 1.0), (3, 0, 1.0)]);
        let bc = betweenness(&g, true);
        // Raw (ordered pairs): node 1 gets 2 (0↔2 both ways); nodes 0 and 2 get 0.5·2 each.
        // Normalised by (n−1)(n−2) = 6.
        close(&bc, &[1.0 / 6.0, 2.0 / 6.0, 1.0 / 6.0, 0.0], 1e-12);
        // Unweighted, every pair of opposite corners splits over two paths; rustworkx-core
        // agrees.
        close(&betweenness(&g, false), &[1.0 / 6.0; 4], 1e-12);
        let plain = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 50);
        let plain: Vec<f64> = plain.into_iter().map(|v| v.unwrap()).collect();
        close(&plain, &[1.0 / 6.0; 4], 1e-12);
    }
}
