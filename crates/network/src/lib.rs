//! Who-did-what rows → collaboration network → measures, all pure: the store reads the rows
//! into a [`Source`] (`fengong_store::network::read`, with `queries/network-*.rq`);
//! [`build`] turns them into a [`Network`] under a [`Filter`]; `measures` and `communities`
//! compute on it; `export` writes it for Gephi, Cytoscape or pandas.
//!
//! Two networks are built from the same tasks:
//! - **directed** (arcs): for every task, an arc from each leading agency to each cooperating
//!   one (`lead` kind), and arcs both ways between agencies that lead or are jointly responsible
//!   together (`joint` kind). The leading set is the task's leads, or, when it names none, its
//!   jointly responsible agencies. An arc's weight is the number of tasks behind it.
//! - **co-responsibility** (ties, undirected): agencies × tasks projected onto agencies; two
//!   agencies are tied by every task they both hold a role in. Weight: the number of such
//!   tasks, or Newman's Σ 1/(n−1) over them (n = agencies on the task).

pub mod communities;
pub mod export;
pub mod measures;

use fengong_registry::Registry;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A role that makes an agency part of the network (supervising officials are people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Cooperate,
    CoResponsible,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Lead, Role::Cooperate, Role::CoResponsible];

    /// The role's `skos:notation` in the store.
    pub fn from_notation(s: &str) -> Option<Role> {
        match s {
            "lead" => Some(Role::Lead),
            "cooperate" => Some(Role::Cooperate),
            "co_responsible" => Some(Role::CoResponsible),
            _ => None,
        }
    }

    pub fn notation(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Cooperate => "cooperate",
            Role::CoResponsible => "co_responsible",
        }
    }
}

/// One agency's role on one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    pub task: String,
    pub plan: String,
    pub agency: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub iri: String,
    /// The document key the plan was ingested under.
    pub key: String,
    pub title: String,
    pub year: Option<i32>,
    pub jurisdiction: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    pub iri: String,
    pub label: String,
    pub jurisdiction: Option<String>,
    /// The registry kind (`GovernmentDepartment`, `PartyOrgan`, …), `AgencyGroup` for
    /// collective groups, `Unregistered` for provisional names.
    pub kind: String,
    pub collective: bool,
}

/// Everything the network is made from, as read from the store.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub duties: Vec<Duty>,
    pub plans: BTreeMap<String, Plan>,
    pub agencies: BTreeMap<String, Agency>,
    /// `fg:succeededBy` pairs (renames and successions only).
    pub succeeded_by: Vec<(String, String)>,
}

/// Which tasks and agencies make the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Filter {
    /// Plans whose key equals, or whose title contains, one of these.
    pub plans: Vec<String>,
    /// Plan years, inclusive.
    pub years: Option<(i32, i32)>,
    /// Plans of this jurisdiction or of places within it (浙江省 keeps 丽水市's and 莲都区's).
    pub jurisdiction: Option<String>,
    pub roles: BTreeSet<Role>,
    /// Merge renamed agencies along `fg:succeededBy` into their latest successor.
    pub merge_lineage: bool,
    /// Keep collective groups (各地级以上市政府, 省有关单位 …).
    pub collectives: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            plans: Vec::new(),
            years: None,
            jurisdiction: None,
            roles: [Role::Lead, Role::Cooperate, Role::CoResponsible]
                .into_iter()
                .collect(),
            merge_lineage: true,
            collectives: false,
        }
    }
}

impl Filter {
    /// What the filter keeps and how ties are weighted, for people (printed with results and
    /// stored as the analysis's `dcterms:description`).
    pub fn describe(&self, weighting: Weighting) -> String {
        let mut parts = vec![if self.plans.is_empty() {
            "all plans".to_owned()
        } else {
            format!("plans matching {}", self.plans.join(" | "))
        }];
        match self.years {
            Some((a, b)) if a == b => parts.push(format!("year {a}")),
            Some((a, b)) => parts.push(format!("years {a}–{b}")),
            None => {}
        }
        if let Some(j) = &self.jurisdiction {
            parts.push(format!("jurisdiction {j}"));
        }
        if self.roles.len() < 3 {
            let r: Vec<&str> = self.roles.iter().map(|r| r.notation()).collect();
            parts.push(format!("roles {}", r.join(",")));
        }
        parts.push(
            if self.merge_lineage {
                "renamed agencies merged"
            } else {
                "renamed agencies apart"
            }
            .into(),
        );
        parts.push(
            if self.collectives {
                "collective groups kept"
            } else {
                "collective groups left out"
            }
            .into(),
        );
        parts.push(
            match weighting {
                Weighting::Count => "ties weighted by shared tasks",
                Weighting::Newman => "ties weighted by Newman 1/(n-1)",
            }
            .into(),
        );
        parts.join("; ")
    }

    fn keeps_plan(&self, p: &Plan) -> bool {
        (self.plans.is_empty()
            || self
                .plans
                .iter()
                .any(|q| p.key == *q || p.title.contains(q.as_str())))
            && self
                .years
                .is_none_or(|(a, b)| p.year.is_some_and(|y| a <= y && y <= b))
            && self.jurisdiction.as_ref().is_none_or(|j| {
                p.jurisdiction
                    .as_deref()
                    .is_some_and(|pj| fengong_parse::lexicon::lexicon().within(pj, j))
            })
    }
}

/// How the co-responsibility ties are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Number of shared tasks.
    Count,
    /// Newman (2001): Σ 1/(n−1) over shared tasks with n agencies.
    Newman,
}

/// A numbered task of one plan, as the two-mode diagram shows it.
#[derive(Debug, Clone)]
pub struct TaskLabel {
    pub iri: String,
    pub number: String,
    pub title: String,
    pub ordinal: u32,
}

/// An agency in the network: one entity, or a lineage of renamed entities merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// The IRI of the entity (the latest successor when merged).
    pub iri: String,
    /// The name of the time: the label of the latest member with a duty in the plans kept
    /// (a 2022 network shows the name of 2022, an unfiltered one the latest name used).
    pub label: String,
    /// The member whose label `label` is.
    pub named: String,
    /// Every entity merged into this node, latest first.
    pub members: Vec<String>,
    /// Labels of the merged entities other than `label`.
    pub former_labels: Vec<String>,
    pub kind: String,
    pub jurisdiction: Option<String>,
    pub collective: bool,
    pub leads: u32,
    pub cooperates: u32,
    pub shares: u32,
    pub plans: u32,
}

/// An arc of the directed network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Arc {
    /// Tasks where the source leads and the target cooperates.
    pub lead: u32,
    /// Tasks both lead or are jointly responsible for.
    pub joint: u32,
    /// Distinct tasks behind the arc (lead + joint unless one task gives both).
    pub tasks: u32,
}

/// A tie of the co-responsibility network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tie {
    pub tasks: u32,
    /// Newman's Σ 1/(n−1).
    pub newman: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    /// Sorted by label, then IRI.
    pub nodes: Vec<Node>,
    /// Directed arcs (source, target) → counts.
    pub arcs: BTreeMap<(usize, usize), Arc>,
    /// Undirected ties (a, b) with a < b → counts.
    pub ties: BTreeMap<(usize, usize), Tie>,
    pub tasks: usize,
    pub plans: Vec<Plan>,
}

impl Network {
    /// The directed network as a petgraph graph; node weights are indices into `nodes`,
    /// edge weights the number of tasks behind the arc.
    pub fn directed(&self) -> petgraph::graph::DiGraph<usize, f64> {
        let mut g = petgraph::graph::DiGraph::with_capacity(self.nodes.len(), self.arcs.len());
        for i in 0..self.nodes.len() {
            g.add_node(i);
        }
        for (&(a, b), arc) in &self.arcs {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), f64::from(arc.tasks));
        }
        g
    }

    /// The co-responsibility network as a petgraph graph, weighted as asked.
    pub fn undirected(&self, weighting: Weighting) -> petgraph::graph::UnGraph<usize, f64> {
        let mut g = petgraph::graph::UnGraph::with_capacity(self.nodes.len(), self.ties.len());
        for i in 0..self.nodes.len() {
            g.add_node(i);
        }
        for (&(a, b), tie) in &self.ties {
            g.add_edge(
                NodeIndex::new(a),
                NodeIndex::new(b),
                tie_weight(tie, weighting),
            );
        }
        g
    }

    /// `labels` (one per node) with their place added where two nodes would read alike
    /// (市发改委 of two cities: 杭州市发改委, 宁波市发改委).
    pub fn told_apart(&self, labels: Vec<String>) -> Vec<String> {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for l in &labels {
            *count.entry(l.as_str()).or_default() += 1;
        }
        let out = labels
            .iter()
            .zip(&self.nodes)
            .map(|(l, n)| {
                let place = n.jurisdiction.as_deref().unwrap_or("");
                if count[l.as_str()] < 2 || place.is_empty() {
                    return l.clone();
                }
                let q = fengong_registry::qualified(place, l);
                if q != *l {
                    q
                } else {
                    format!("{l} ({place})")
                }
            })
            .collect();
        out
    }

    /// The node an agency name denotes, read as everywhere else: simplified, then any label of
    /// a node (its own or a merged former one), then what the registry makes of the name.
    /// `Err` carries "did you mean" suggestions.
    pub fn find(&self, name: &str, registry: &Registry) -> Result<usize, Vec<String>> {
        let name = fengong_parse::text::script::to_simplified(name.trim()).text;
        let by_label = |l: &str| {
            self.nodes
                .iter()
                .position(|n| n.label == l || n.former_labels.iter().any(|f| f == l))
        };
        if let Some(i) = by_label(&name) {
            return Ok(i);
        }
        for label in registry.registered(&name) {
            if let Some(i) = by_label(&label) {
                return Ok(i);
            }
        }
        Err(registry.suggest(&name, 5))
    }

    pub fn years(&self) -> BTreeSet<i32> {
        self.plans.iter().filter_map(|p| p.year).collect()
    }
}

pub fn tie_weight(tie: &Tie, weighting: Weighting) -> f64 {
    match weighting {
        Weighting::Count => f64::from(tie.tasks),
        Weighting::Newman => tie.newman,
    }
}

/// Follows `fg:succeededBy` to the latest successor of every entity that has one. A cycle (a
/// registry error) has no latest: all of it maps to its smallest IRI, so it still merges.
fn successors(pairs: &[(String, String)]) -> HashMap<String, String> {
    let next: HashMap<&str, &str> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut out = HashMap::new();
    for &start in next.keys() {
        let mut path = vec![start];
        let mut at = start;
        let end = loop {
            match next.get(at) {
                None => break at,
                Some(&n) => {
                    if let Some(k) = path.iter().position(|p| *p == n) {
                        break path[k..].iter().copied().min().unwrap_or(n);
                    }
                    path.push(n);
                    at = n;
                }
            }
        };
        out.insert(start.to_owned(), end.to_owned());
    }
    out
}

/// Builds the networks of the tasks and agencies `filter` keeps.
pub fn build(source: &Source, filter: &Filter) -> Network {
    let latest = if filter.merge_lineage {
        successors(&source.succeeded_by)
    } else {
        HashMap::new()
    };
    fn node_of<'a>(latest: &'a HashMap<String, String>, iri: &'a str) -> &'a str {
        latest.get(iri).map(String::as_str).unwrap_or(iri)
    }
    let unknown = |iri: &str| Agency {
        iri: iri.to_owned(),
        label: iri.rsplit('/').next().unwrap_or(iri).to_owned(),
        jurisdiction: None,
        kind: "Unregistered".into(),
        collective: false,
    };

    // Tasks of kept plans → (node IRI, role) sets.
    let mut tasks: BTreeMap<&str, BTreeSet<(&str, Role)>> = BTreeMap::new();
    let mut plans_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut kept_plans = BTreeSet::new();
    // Per entity as named in the plans: its latest year and how many duties it has.
    let mut used: HashMap<&str, (Option<i32>, u32)> = HashMap::new();
    for d in &source.duties {
        let Some(plan) = source.plans.get(&d.plan) else {
            continue;
        };
        if !filter.keeps_plan(plan) || !filter.roles.contains(&d.role) {
            continue;
        }
        if !filter.collectives && source.agencies.get(&d.agency).is_some_and(|a| a.collective) {
            continue;
        }
        let node = node_of(&latest, &d.agency);
        tasks.entry(&d.task).or_default().insert((node, d.role));
        plans_of.entry(node).or_default().insert(&d.plan);
        kept_plans.insert(d.plan.as_str());
        let u = used.entry(&d.agency).or_default();
        u.0 = u.0.max(plan.year);
        u.1 += 1;
    }

    // Nodes: one per merged entity, with its members.
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for roles in tasks.values() {
        for &(n, _) in roles {
            members.entry(n).or_default();
        }
    }
    for iri in source.agencies.keys() {
        let n = node_of(&latest, iri);
        if n != iri.as_str() {
            if let Some(m) = members.get_mut(n) {
                m.push(iri);
            }
        }
    }
    let mut nodes: Vec<Node> = members
        .into_iter()
        .map(|(iri, mut former)| {
            let a = source
                .agencies
                .get(iri)
                .cloned()
                .unwrap_or_else(|| unknown(iri));
            former.sort();
            // Shown under the name of the latest member the kept plans use, the latest
            // successor itself on a tie.
            let named = std::iter::once(iri)
                .chain(former.iter().copied())
                .filter_map(|m| used.get(m).map(|u| (m, *u)))
                .fold(
                    None::<(&str, (Option<i32>, u32))>,
                    |best, (m, u)| match best {
                        Some((_, b)) if b >= u => best,
                        _ => Some((m, u)),
                    },
                )
                .map_or(iri, |(m, _)| m);
            let label = source
                .agencies
                .get(named)
                .map_or_else(|| a.label.clone(), |x| x.label.clone());
            let mut former_labels: Vec<String> = std::iter::once(iri)
                .chain(former.iter().copied())
                .filter_map(|f| source.agencies.get(f).map(|a| a.label.clone()))
                .filter(|l| *l != label)
                .collect();
            former_labels.sort();
            former_labels.dedup();
            Node {
                iri: iri.to_owned(),
                label,
                named: named.to_owned(),
                members: std::iter::once(iri.to_owned())
                    .chain(former.iter().map(|s| (*s).to_owned()))
                    .collect(),
                former_labels,
                kind: a.kind,
                jurisdiction: a.jurisdiction,
                collective: a.collective,
                leads: 0,
                cooperates: 0,
                shares: 0,
                plans: plans_of.get(iri).map_or(0, |p| p.len() as u32),
            }
        })
        .collect();
    nodes.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.iri.cmp(&b.iri)));
    let index: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.iri.clone(), i))
        .collect();

    let mut arcs: BTreeMap<(usize, usize), Arc> = BTreeMap::new();
    let mut ties: BTreeMap<(usize, usize), Tie> = BTreeMap::new();
    for roles in tasks.values() {
        // An agency named twice on a task (e.g. under two names now merged) keeps its
        // strongest role: lead, then jointly responsible, then cooperating.
        let mut role_of: BTreeMap<usize, Role> = BTreeMap::new();
        for &(n, r) in roles {
            let i = index[n];
            let e = role_of.entry(i).or_insert(r);
            if rank(r) < rank(*e) {
                *e = r;
            }
        }
        let with = |want: Role| -> Vec<usize> {
            role_of
                .iter()
                .filter(|(_, r)| **r == want)
                .map(|(i, _)| *i)
                .collect()
        };
        let (leads, coop, joint) = (
            with(Role::Lead),
            with(Role::Cooperate),
            with(Role::CoResponsible),
        );
        for &i in &leads {
            nodes[i].leads += 1;
        }
        for &i in &coop {
            nodes[i].cooperates += 1;
        }
        for &i in &joint {
            nodes[i].shares += 1;
        }
        let leading = if leads.is_empty() { &joint } else { &leads };
        let together: Vec<usize> = leads.iter().chain(&joint).copied().collect();
        let mut touched: BTreeSet<(usize, usize)> = BTreeSet::new();
        for &l in leading {
            for &c in &coop {
                arcs.entry((l, c)).or_default().lead += 1;
                touched.insert((l, c));
            }
        }
        for &a in &together {
            for &b in &together {
                if a != b {
                    arcs.entry((a, b)).or_default().joint += 1;
                    touched.insert((a, b));
                }
            }
        }
        for k in touched {
            if let Some(arc) = arcs.get_mut(&k) {
                arc.tasks += 1;
            }
        }
        let all: Vec<usize> = role_of.keys().copied().collect();
        if all.len() > 1 {
            let share = 1.0 / (all.len() - 1) as f64;
            for (x, &a) in all.iter().enumerate() {
                for &b in &all[x + 1..] {
                    let t = ties.entry((a, b)).or_default();
                    t.tasks += 1;
                    t.newman += share;
                }
            }
        }
    }

    Network {
        nodes,
        arcs,
        ties,
        tasks: tasks.len(),
        plans: kept_plans
            .into_iter()
            .filter_map(|p| source.plans.get(p).cloned())
            .collect(),
    }
}

fn rank(r: Role) -> u8 {
    match r {
        Role::Lead => 0,
        Role::CoResponsible => 1,
        Role::Cooperate => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(duties: &[(&str, &str, &str, Role)]) -> Source {
        let mut s = Source::default();
        for &(task, plan, agency, role) in duties {
            s.duties.push(Duty {
                task: task.into(),
                plan: plan.into(),
                agency: agency.into(),
                role,
            });
            s.plans.entry(plan.into()).or_insert(Plan {
                iri: plan.into(),
                key: plan.into(),
                title: format!("{plan} 工作要点"),
                year: plan.parse().ok(),
                jurisdiction: Some("广东省".into()),
            });
            s.agencies.entry(agency.into()).or_insert(Agency {
                iri: agency.into(),
                label: agency.into(),
                jurisdiction: Some("广东省".into()),
                kind: "GovernmentDepartment".into(),
                collective: agency.starts_with("各"),
            });
        }
        s
    }

    use Role::*;

    #[test]
    fn lead_to_cooperator_arcs_and_joint_arcs_both_ways() {
        let s = source(&[
            ("t1", "2023", "甲", Lead),
            ("t1", "2023", "乙", Cooperate),
            ("t1", "2023", "丙", Cooperate),
            ("t2", "2023", "甲", Lead),
            ("t2", "2023", "乙", Lead),
            ("t3", "2023", "乙", CoResponsible),
            ("t3", "2023", "丙", CoResponsible),
            ("t3", "2023", "甲", Cooperate),
        ]);
        let n = build(&s, &Filter::default());
        let labels: Vec<&str> = n.nodes.iter().map(|n| n.label.as_str()).collect();
        let (a, b, c) = (
            labels.iter().position(|l| *l == "甲").unwrap(),
            labels.iter().position(|l| *l == "乙").unwrap(),
            labels.iter().position(|l| *l == "丙").unwrap(),
        );
        assert_eq!(
            n.arcs[&(a, b)],
            Arc {
                lead: 1,
                joint: 1,
                tasks: 2
            }
        );
        assert_eq!(
            n.arcs[&(a, c)],
            Arc {
                lead: 1,
                joint: 0,
                tasks: 1
            }
        );
        // t3 names no lead: its jointly responsible agencies lead the cooperator.
        assert_eq!(
            n.arcs[&(b, a)],
            Arc {
                lead: 1,
                joint: 1,
                tasks: 2
            }
        );
        assert_eq!(
            n.arcs[&(b, c)],
            Arc {
                lead: 0,
                joint: 1,
                tasks: 1
            }
        );
        assert_eq!(
            n.arcs[&(c, b)],
            Arc {
                lead: 0,
                joint: 1,
                tasks: 1
            }
        );
        assert_eq!(
            n.arcs[&(c, a)],
            Arc {
                lead: 1,
                joint: 0,
                tasks: 1
            }
        );
        assert_eq!((n.nodes[a].leads, n.nodes[a].cooperates), (2, 1));
        // Ties: 甲乙 share t1, t2, t3; 甲丙 t1, t3; 乙丙 t1, t3.
        let tie = |x: usize, y: usize| n.ties[&(x.min(y), x.max(y))];
        assert_eq!(tie(a, b).tasks, 3);
        assert!((tie(a, b).newman - (0.5 + 1.0 + 0.5)).abs() < 1e-12);
        assert_eq!(tie(a, c).tasks, 2);
        assert_eq!(n.tasks, 3);
    }

    #[test]
    fn a_rename_cycle_still_merges_into_one_node() {
        let pairs = vec![
            ("乙".to_owned(), "甲".to_owned()),
            ("甲".to_owned(), "乙".to_owned()),
            ("丙".to_owned(), "甲".to_owned()),
        ];
        let s = successors(&pairs);
        assert_eq!(s["甲"], s["乙"]);
        assert_eq!(s["丙"], s["甲"]);
    }

    #[test]
    fn lineage_merges_unless_asked_not_to_and_collectives_drop() {
        let mut s = source(&[
            ("t1", "2022", "旧局", Lead),
            ("t1", "2022", "厅", Cooperate),
            ("t2", "2024", "新局", Lead),
            ("t2", "2024", "厅", Cooperate),
            ("t2", "2024", "各市", Cooperate),
        ]);
        s.succeeded_by.push(("旧局".into(), "新局".into()));
        let n = build(&s, &Filter::default());
        assert_eq!(n.nodes.len(), 2, "{:?}", n.nodes);
        let new = n.nodes.iter().find(|x| x.label == "新局").unwrap();
        assert_eq!(new.leads, 2);
        assert_eq!(new.former_labels, vec!["旧局".to_string()]);
        assert_eq!(new.plans, 2);

        let apart = build(
            &s,
            &Filter {
                merge_lineage: false,
                collectives: true,
                ..Filter::default()
            },
        );
        assert_eq!(apart.nodes.len(), 4);

        let y = build(
            &s,
            &Filter {
                years: Some((2024, 2024)),
                ..Filter::default()
            },
        );
        assert_eq!(y.tasks, 1);
        assert_eq!(y.plans.len(), 1);

        // A network of 2022 names the merged agency as 2022 did, and still finds it by its
        // later name.
        let old = build(
            &s,
            &Filter {
                years: Some((2022, 2022)),
                ..Filter::default()
            },
        );
        let i = old.find("新局", Registry::empty()).unwrap();
        assert_eq!(old.nodes[i].label, "旧局");
        assert_eq!(old.nodes[i].iri, "新局");
        assert_eq!(old.nodes[i].former_labels, vec!["新局".to_string()]);
    }
}
