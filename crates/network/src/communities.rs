//! Louvain community detection (Blondel et al. 2008) on a weighted undirected graph.
//!
//! Nodes are visited in index order (label order), so results are deterministic; NetworkX
//! shuffles them with a seed, so its partition may differ while its modularity score of *our*
//! partition must equal ours (checked by `tests/networkx_check.py`).

/// A partition of the nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    /// Community of each node, numbered from 0 by size (largest first), ties by lowest node.
    pub membership: Vec<usize>,
    pub count: usize,
    /// Newman–Girvan modularity with the resolution used.
    pub modularity: f64,
}

/// Stop when a level gains no more modularity than this (NetworkX's default threshold).
const THRESHOLD: f64 = 1e-7;

/// One level of the aggregation: adjacency without self-loops, plus self-loop weights.
struct Level {
    adj: Vec<Vec<(usize, f64)>>,
    loops: Vec<f64>,
}

impl Level {
    fn degree(&self, i: usize) -> f64 {
        self.adj[i].iter().map(|(_, w)| w).sum::<f64>() + 2.0 * self.loops[i]
    }
}

/// Finds communities of `n` nodes joined by `edges` (a, b, weight), a ≠ b, each pair once.
pub fn louvain(n: usize, edges: &[(usize, usize, f64)], resolution: f64) -> Partition {
    let mut level = Level {
        adj: vec![Vec::new(); n],
        loops: vec![0.0; n],
    };
    for &(a, b, w) in edges {
        level.adj[a].push((b, w));
        level.adj[b].push((a, w));
    }
    let two_m: f64 = (0..n).map(|i| level.degree(i)).sum();
    let mut membership: Vec<usize> = (0..n).collect();
    if two_m > 0.0 {
        let mut score = modularity(n, edges, &membership, resolution);
        while let Some(moved_to) = one_level(&level, two_m, resolution) {
            let (renumbered, count) = renumber(&moved_to);
            for c in membership.iter_mut() {
                *c = renumbered[*c];
            }
            let new_score = modularity(n, edges, &membership, resolution);
            if new_score - score <= THRESHOLD {
                break;
            }
            score = new_score;
            level = aggregate(&level, &renumbered, count);
        }
    }
    let membership = by_size(&membership);
    let count = membership.iter().max().map_or(0, |m| m + 1);
    Partition {
        modularity: modularity(n, edges, &membership, resolution),
        membership,
        count,
    }
}

/// Moves nodes to the neighbouring community that gains most until none moves; `None` when
/// no node moved at all.
fn one_level(level: &Level, two_m: f64, resolution: f64) -> Option<Vec<usize>> {
    let n = level.adj.len();
    let k: Vec<f64> = (0..n).map(|i| level.degree(i)).collect();
    let mut comm: Vec<usize> = (0..n).collect();
    let mut tot = k.clone();
    let mut to_comm = vec![0.0; n];
    let mut seen = vec![false; n];
    let mut near: Vec<usize> = Vec::new();
    let mut any = false;
    loop {
        let mut moved = false;
        for i in 0..n {
            let old = comm[i];
            for &(j, w) in &level.adj[i] {
                let c = comm[j];
                if !seen[c] {
                    seen[c] = true;
                    near.push(c);
                }
                to_comm[c] += w;
            }
            tot[old] -= k[i];
            let gain = |c: usize| to_comm[c] - resolution * k[i] * tot[c] / two_m;
            let (mut best, mut best_gain) = (old, gain(old));
            for &c in &near {
                let g = gain(c);
                // A strict margin keeps float noise from moving nodes back and forth.
                if g > best_gain + 1e-12 {
                    best = c;
                    best_gain = g;
                }
            }
            tot[best] += k[i];
            comm[i] = best;
            if best != old {
                moved = true;
                any = true;
            }
            for &c in &near {
                seen[c] = false;
                to_comm[c] = 0.0;
            }
            to_comm[old] = 0.0;
            near.clear();
        }
        if !moved {
            break;
        }
    }
    any.then_some(comm)
}

/// Community labels → 0..count in order of first appearance.
fn renumber(comm: &[usize]) -> (Vec<usize>, usize) {
    let mut map = vec![usize::MAX; comm.len()];
    let mut next = 0;
    let mut out = vec![0; comm.len()];
    for (i, &c) in comm.iter().enumerate() {
        if map[c] == usize::MAX {
            map[c] = next;
            next += 1;
        }
        out[i] = map[c];
    }
    (out, next)
}

/// Collapses each community into one node.
fn aggregate(level: &Level, comm: &[usize], count: usize) -> Level {
    let mut adj: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); count];
    let mut loops = vec![0.0; count];
    for (i, edges) in level.adj.iter().enumerate() {
        let ci = comm[i];
        loops[ci] += level.loops[i];
        for &(j, w) in edges {
            let cj = comm[j];
            if ci == cj {
                // Each inner edge is seen from both ends.
                loops[ci] += w / 2.0;
            } else {
                *adj[ci].entry(cj).or_default() += w;
            }
        }
    }
    Level {
        adj: adj.into_iter().map(|m| m.into_iter().collect()).collect(),
        loops,
    }
}

/// Relabels communities by size, largest first; ties by lowest member.
fn by_size(membership: &[usize]) -> Vec<usize> {
    let k = membership.iter().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; k];
    let mut first = vec![usize::MAX; k];
    for (i, &c) in membership.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(i);
    }
    let mut order: Vec<usize> = (0..k).filter(|&c| size[c] > 0).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut label = vec![0; k];
    for (new, &c) in order.iter().enumerate() {
        label[c] = new;
    }
    membership.iter().map(|&c| label[c]).collect()
}

/// Q = Σ_c [ L_c / m − γ (d_c / 2m)² ].
pub fn modularity(
    n: usize,
    edges: &[(usize, usize, f64)],
    membership: &[usize],
    gamma: f64,
) -> f64 {
    let m: f64 = edges.iter().map(|e| e.2).sum();
    if m == 0.0 {
        return 0.0;
    }
    let k = membership.iter().max().map_or(0, |c| c + 1);
    let mut inner = vec![0.0; k];
    let mut degree = vec![0.0; k];
    let _ = n;
    for &(a, b, w) in edges {
        degree[membership[a]] += w;
        degree[membership[b]] += w;
        if membership[a] == membership[b] {
            inner[membership[a]] += w;
        }
    }
    (0..k)
        .map(|c| inner[c] / m - gamma * (degree[c] / (2.0 * m)).powi(2))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_one_edge() {
        // Worked by hand: m = 7; each triangle has L = 3 and d = 7:
        // Q = 2·(3/7 − (7/14)²) = 6/7 − 1/2 = 0.357142…
        let e = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
            (2, 3, 1.0),
        ];
        let p = louvain(6, &e, 1.0);
        assert_eq!(p.membership, vec![0, 0, 0, 1, 1, 1]);
        assert_eq!(p.count, 2);
        assert!((p.modularity - (6.0 / 7.0 - 0.5)).abs() < 1e-12);
    }

    #[test]
    fn isolated_nodes_are_their_own_communities() {
        let p = louvain(3, &[(0, 1, 2.0)], 1.0);
        assert_eq!(p.membership, vec![0, 0, 1]);
        // One community holding the only edge: Q = 1 − 1 = 0.
        assert!(p.modularity.abs() < 1e-12);
        let empty = louvain(2, &[], 1.0);
        assert_eq!(empty.membership, vec![0, 1]);
    }
}
