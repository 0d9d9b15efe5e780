//! `rank`, `communities` and `export-graph`: the collaboration network, read from the store.

use super::choice::parser;
use super::{fail, table};
use clap::Args;
use fengong_diagram::{self as diagram, ColorBy, LayoutEngine};
use fengong_network::export::{self, Which};
use fengong_network::measures::{self, analyse, Analysis, Measure, Settings};
use fengong_network::{self as network, Filter, Network, Role, Source, Weighting};
use fengong_store::network::{self as store_network, read, read_tasks};
use fengong_store::Store;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

/// Which tasks make the network, and how measures are computed.
#[derive(Args)]
pub struct NetworkArgs {
    /// Only plans whose document key equals P or whose title contains P (repeatable).
    #[arg(long = "plan", value_name = "P")]
    plans: Vec<String>,
    /// Only plans of year Y, or of years Y1 to Y2.
    #[arg(long, value_name = "Y|Y1-Y2", value_parser = parse_years)]
    year: Option<(i32, i32)>,
    /// Only plans of this jurisdiction, e.g. 广东省.
    #[arg(long, value_name = "NAME")]
    jurisdiction: Option<String>,
    /// Roles that make the network [default: all three].
    #[arg(long, value_parser = parser::<Role>(), value_delimiter = ',', value_name = "ROLE,…")]
    roles: Vec<Role>,
    /// Keep renamed agencies apart (by default a lineage of renames is one node).
    #[arg(long)]
    keep_renamed: bool,
    /// Keep collective groups such as 各地级以上市政府 (left out by default).
    #[arg(long)]
    collectives: bool,
    /// Weight of a co-responsibility tie.
    #[arg(long, value_parser = parser::<Weighting>(), default_value = "count")]
    weighting: Weighting,
    /// PageRank damping factor.
    #[arg(long, default_value_t = 0.85)]
    alpha: f64,
    /// Power-iteration tolerance (PageRank, HITS, eigenvector), NetworkX's stopping rules.
    #[arg(long, default_value_t = 1e-10)]
    tolerance: f64,
    #[arg(long, default_value_t = 1000)]
    max_iterations: usize,
    /// Louvain resolution γ.
    #[arg(long, default_value_t = 1.0)]
    resolution: f64,
    #[command(flatten)]
    store: super::ReadFrom,
}

pub fn parse_years(s: &str) -> Result<(i32, i32), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<i32>()
            .map_err(|_| format!("`{t}` is not a year; write 2024 or 2022-2024"))
    };
    match s.split_once(['-', '–', '~']) {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b)?);
            if a > b {
                return Err(format!("{a} is after {b}"));
            }
            Ok((a, b))
        }
        None => year(s).map(|y| (y, y)),
    }
}

impl NetworkArgs {
    fn filter(&self) -> Filter {
        let mut f = Filter {
            plans: self.plans.clone(),
            years: self.year,
            jurisdiction: self.jurisdiction.as_deref().map(place_name),
            merge_lineage: !self.keep_renamed,
            collectives: self.collectives,
            ..Filter::default()
        };
        if !self.roles.is_empty() {
            f.roles = self.roles.iter().copied().collect();
        }
        f
    }

    fn settings(&self) -> Result<Settings, String> {
        if !(0.0..1.0).contains(&self.alpha) || self.alpha.is_nan() {
            return Err(format!("--alpha {} must be in [0, 1)", self.alpha));
        }
        let positive = |x: f64| x.is_finite() && x > 0.0;
        if !positive(self.tolerance) || !positive(self.resolution) || self.max_iterations == 0 {
            return Err("--tolerance, --resolution and --max-iterations must be positive".into());
        }
        Ok(Settings {
            alpha: self.alpha,
            tolerance: self.tolerance,
            max_iterations: self.max_iterations,
            weighting: self.weighting,
            resolution: self.resolution,
        })
    }
}

/// Reads the store; the store stays open for saving analyses unless `read_only`. Where
/// readers (a server) hold the store, it is read and the analysis is not saved: the answer is
/// still given, with a warning. Returns whether the analysis can be saved.
fn load(args: &NetworkArgs, read_only: bool) -> Result<(Store, Source, bool), String> {
    let dir = args.store.store.path();
    if args.store.endpoint.is_some() {
        if !read_only {
            eprintln!("warning: a SPARQL server is only read; the analysis is shown but not saved (save it in the store with --save, then push)");
        }
        let store = args.store.open()?;
        let source = read(&store).map_err(|e| format!("{}: {e}", store.path().display()))?;
        return Ok((store, source, false));
    }
    let (store, can_save) = if read_only {
        (Store::open_read_only(&dir), false)
    } else {
        match Store::open_existing(&dir) {
            // Others read it (a server): the analysis can still be made, not saved. A writer
            // refuses the reader too, and that error is the answer.
            Err(fengong_store::StoreError::InUse { .. }) => {
                let read = Store::open_read_only(&dir);
                if read.is_ok() {
                    eprintln!(
                        "warning: {}: another process has the store open; the analysis is shown \
                         but not saved (run again with --save when it is done)",
                        dir.display()
                    );
                }
                (read, false)
            }
            other => (other, true),
        }
    };
    let store = store.map_err(|e| e.to_string())?;
    super::warn_outdated(&store);
    let source = read(&store).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok((store, source, can_save))
}

fn describe(f: &Filter, s: &Settings) -> String {
    f.describe(s.weighting)
}

fn header(out: &mut impl Write, net: &Network, a: &Analysis, f: &Filter) -> std::io::Result<()> {
    let s = &a.settings;
    writeln!(
        out,
        "# network: {}, {}, {}; {} (directed), {}",
        super::plural(net.plans.len() as u64, "plan"),
        super::plural(net.tasks as u64, "task"),
        super::plural(net.nodes.len() as u64, "agency"),
        super::plural(net.arcs.len() as u64, "lead/joint arc"),
        super::plural(net.ties.len() as u64, "co-responsibility tie")
    )?;
    writeln!(out, "# filter: {}", describe(f, s))?;
    writeln!(
        out,
        "# pagerank α={}, hits, eigenvector: power iteration to tol {:e} (max {}); directed measures on lead→cooperator arcs",
        s.alpha, s.tolerance, s.max_iterations
    )?;
    writeln!(
        out,
        "# degree…core on co-responsibility ties; weighted paths use distance 1/weight; betweenness normalised by (n-1)(n-2); closeness Wasserman–Faust",
    )?;
    writeln!(
        out,
        "# Louvain γ={}: {}, modularity {:.6}",
        s.resolution,
        super::plural(a.communities as u64, "community"),
        a.modularity
    )
}

/// A closed pipe (`| head`) ends output quietly; it is not an error worth a message.
const CLOSED_PIPE: &str = "";

fn io_error(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        CLOSED_PIPE.to_owned()
    } else {
        e.to_string()
    }
}

/// A place as plans record it: 广州 and 廣州 are 广州市; 全国, 国务院 and 中央 are national plans.
fn place_name(given: &str) -> String {
    let simplified = fengong_parse::text::script::to_simplified(given.trim()).text;
    if matches!(
        simplified.as_str(),
        "全国" | "国务院" | "中央" | "国家" | "national"
    ) {
        return fengong_registry::resolve::NATIONAL.to_owned();
    }
    fengong_parse::lexicon::lexicon()
        .find_place(&simplified)
        .map(|p| p.name.clone())
        .unwrap_or(simplified)
}

/// The error of every network command whose filter kept no agency.
fn empty(filter: &Filter, settings: &Settings) -> String {
    format!(
        "no agency has a role in the plans kept ({}); `fengong query plans` lists the plans, `fengong query network-plans` their years and places",
        describe(filter, settings)
    )
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e == CLOSED_PIPE => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn cell(m: Measure, v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else if m.is_count() || (m == Measure::Strength && v.fract() == 0.0) {
        format!("{}", v as i64)
    } else if m == Measure::Asymmetry {
        format!("{v:+.2}")
    } else {
        format!("{v:.4}")
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankFormat {
    Table,
    Csv,
    Json,
}

#[derive(Clone)]
pub struct RankOptions {
    pub by: Measure,
    pub top: usize,
    pub by_year: bool,
    pub save: bool,
    pub format: RankFormat,
    /// The measures the table shows after the one ranked by; `None`: every measure.
    pub columns: Option<Vec<Measure>>,
}

/// What the rank table shows unless told otherwise: the measure ranked by, then the counts
/// and the few scores people ask for first.
pub const KEY_COLUMNS: [Measure; 7] = [
    Measure::Leads,
    Measure::Cooperates,
    Measure::Shares,
    Measure::Degree,
    Measure::Pagerank,
    Measure::Betweenness,
    Measure::Community,
];

/// The measures an analysis warning is about, so that a table which does not show them does
/// not warn about them (an all-measures output shows every warning).
fn concerns(warning: &str) -> Vec<Measure> {
    let w = warning.to_lowercase();
    let mut out = Vec::new();
    if w.contains("hits") || w.contains("hub") {
        out.extend([Measure::Hub, Measure::Authority]);
    }
    if w.contains("pagerank") {
        out.push(Measure::Pagerank);
    }
    if w.contains("eigenvector") {
        out.push(Measure::Eigenvector);
    }
    if out.is_empty() {
        out.extend(Measure::ALL);
    }
    out
}

/// One analysis: build, compute, save. `about`: the measures the output shows (`None`: all),
/// whose warnings are printed.
fn run(
    store: &Store,
    source: &Source,
    filter: &Filter,
    settings: &Settings,
    save: bool,
    about: Option<&[Measure]>,
) -> Result<(Network, Analysis, Option<String>), String> {
    let net = network::build(source, filter);
    if net.nodes.is_empty() {
        return Err(empty(filter, settings));
    }
    let a = analyse(&net, settings);
    for w in &a.warnings {
        if about.is_none_or(|shown| concerns(w).iter().any(|m| shown.contains(m))) {
            eprintln!("warning: {w}");
        }
    }
    let graph = if save {
        let g = store_network::save(
            store,
            &net,
            &a,
            filter,
            settings,
            &describe(filter, settings),
        )
        .map_err(|e| format!("cannot save the analysis: {e}"))?;
        Some(g.as_str().to_owned())
    } else {
        None
    };
    Ok((net, a, graph))
}

pub fn rank(args: &NetworkArgs, o: &RankOptions) -> ExitCode {
    let result = (|| -> Result<(), String> {
        let settings = args.settings()?;
        let filter = args.filter();
        let (store, source, can_save) = load(args, !o.save)?;
        let o = &RankOptions {
            save: o.save && can_save,
            ..o.clone()
        };
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        if o.by_year {
            return by_year(&store, &source, &filter, &settings, o, &mut out);
        }
        // The measure ranked by first, then the others asked for (or the key ones).
        let mut shown = vec![o.by];
        for m in o.columns.clone().unwrap_or_else(|| Measure::ALL.to_vec()) {
            if !shown.contains(&m) {
                shown.push(m);
            }
        }
        let about = (o.format == RankFormat::Table).then_some(shown.as_slice());
        let (net, a, graph) = run(&store, &source, &filter, &settings, o.save, about)?;
        let order = a.order_by(o.by);
        let top = if o.top == 0 {
            order.len()
        } else {
            o.top.min(order.len())
        };
        let w = io_error;
        match o.format {
            RankFormat::Json => {
                let agencies: Vec<Value> = order[..top]
                    .iter()
                    .enumerate()
                    .map(|(r, &i)| {
                        let mut v = a.agency_json(&net, i);
                        v["rank"] = json!(r + 1);
                        v
                    })
                    .collect();
                let doc = json!({
                    "by": o.by.name(),
                    "filter": filter,
                    "settings": settings,
                    "description": describe(&filter, &settings),
                    "plans": net.plans,
                    "tasks": net.tasks,
                    "agency_count": net.nodes.len(),
                    "arcs": net.arcs.len(),
                    "ties": net.ties.len(),
                    "modularity": a.modularity,
                    "communities": a.communities,
                    "analysis_graph": graph,
                    "agencies": agencies,
                });
                writeln!(out, "{doc:#}").map_err(w)?;
            }
            RankFormat::Csv => {
                let mut head = vec!["rank", "iri", "agency", "kind", "jurisdiction"];
                head.extend(Measure::ALL.iter().map(|m| m.name()));
                writeln!(out, "{}", export::csv_row(head.into_iter())).map_err(w)?;
                for (r, &i) in order[..top].iter().enumerate() {
                    let n = &net.nodes[i];
                    let mut row = vec![
                        (r + 1).to_string(),
                        n.iri.clone(),
                        n.label.clone(),
                        n.kind.clone(),
                        n.jurisdiction.clone().unwrap_or_default(),
                    ];
                    row.extend(
                        Measure::ALL
                            .iter()
                            .map(|&m| measures::measure_csv(m, a.get(m, i))),
                    );
                    writeln!(out, "{}", export::csv_row(row.iter().map(String::as_str)))
                        .map_err(w)?;
                }
            }
            RankFormat::Table => {
                header(&mut out, &net, &a, &filter).map_err(w)?;
                if let Some(g) = &graph {
                    writeln!(out, "# saved to <{g}>").map_err(w)?;
                }
                writeln!(
                    out,
                    "# ranked by {}{}",
                    o.by.name(),
                    if o.columns
                        .as_ref()
                        .is_some_and(|c| c.len() + 1 < Measure::ALL.len())
                    {
                        "; --all shows every measure, --columns picks them"
                    } else {
                        ""
                    }
                )
                .map_err(w)?;
                let labels = net.told_apart(net.nodes.iter().map(|n| n.label.clone()).collect());
                let mut head = vec!["#", "agency"];
                head.extend(shown.iter().map(|m| m.name()));
                let rows: Vec<Vec<String>> = order[..top]
                    .iter()
                    .enumerate()
                    .map(|(r, &i)| {
                        let n = &net.nodes[i];
                        let mut label = labels[i].clone();
                        if !n.former_labels.is_empty() {
                            label = format!("{label} (={})", n.former_labels.join("、"));
                        }
                        let mut row = vec![(r + 1).to_string(), label];
                        row.extend(shown.iter().map(|&m| cell(m, a.get(m, i))));
                        row
                    })
                    .collect();
                table::write(&mut out, "", &head, &rows).map_err(w)?;
            }
        }
        Ok(())
    })();
    finish(result)
}

fn by_year(
    store: &Store,
    source: &Source,
    filter: &Filter,
    settings: &Settings,
    o: &RankOptions,
    out: &mut impl Write,
) -> Result<(), String> {
    let all = network::build(source, filter);
    let years: Vec<i32> = all.years().into_iter().collect();
    if years.is_empty() {
        return Err("no plan with a year among the plans kept".into());
    }
    /// One agency across years: its label, every measure per year, the ranked one per year.
    type Years = (String, BTreeMap<i32, Value>, BTreeMap<i32, f64>);
    // A row is named as the whole range names it (the latest name used), not as its first year.
    let label_of: HashMap<&str, &str> = all
        .nodes
        .iter()
        .map(|n| (n.iri.as_str(), n.label.as_str()))
        .collect();
    let mut rows: BTreeMap<String, Years> = BTreeMap::new();
    for &y in &years {
        let f = Filter {
            years: Some((y, y)),
            ..filter.clone()
        };
        let (net, a, _) = run(store, source, &f, settings, o.save, Some(&[o.by]))?;
        for i in 0..net.nodes.len() {
            let n = &net.nodes[i];
            let e = rows.entry(n.iri.clone()).or_insert_with(|| {
                let label = label_of.get(n.iri.as_str()).copied().unwrap_or(&n.label);
                (label.to_owned(), BTreeMap::new(), BTreeMap::new())
            });
            e.1.insert(y, a.agency_json(&net, i));
            e.2.insert(y, a.get(o.by, i));
        }
    }
    let best = |v: &BTreeMap<i32, f64>| v.values().copied().fold(f64::MIN, f64::max);
    let mut order: Vec<&String> = rows.keys().collect();
    order.sort_by(|a, b| {
        best(&rows[*b].2)
            .total_cmp(&best(&rows[*a].2))
            .then_with(|| rows[*a].0.cmp(&rows[*b].0))
    });
    if o.top > 0 {
        order.truncate(o.top);
    }
    let w = io_error;
    match o.format {
        RankFormat::Json => {
            let v: Vec<Value> = order
                .iter()
                .map(|k| {
                    let (label, years, _) = &rows[*k];
                    json!({ "iri": k, "agency": label, "years": years })
                })
                .collect();
            writeln!(
                out,
                "{:#}",
                json!({ "by": o.by.name(), "filter": filter, "settings": settings, "years": years, "agencies": v })
            )
            .map_err(w)?;
        }
        RankFormat::Csv | RankFormat::Table => {
            let csv = o.format == RankFormat::Csv;
            let ys: Vec<String> = years.iter().map(|y| y.to_string()).collect();
            let mut head = vec!["agency"];
            head.extend(ys.iter().map(String::as_str));
            let table_rows: Vec<Vec<String>> = order
                .iter()
                .map(|k| {
                    let (label, _, vals) = &rows[*k];
                    let mut r = vec![label.clone()];
                    r.extend(years.iter().map(|y| {
                        vals.get(y).map_or_else(
                            || if csv { String::new() } else { "–".into() },
                            |v| {
                                if csv {
                                    measures::measure_csv(o.by, *v)
                                } else {
                                    cell(o.by, *v)
                                }
                            },
                        )
                    }));
                    r
                })
                .collect();
            if csv {
                writeln!(out, "{}", export::csv_row(head.into_iter())).map_err(w)?;
                for r in table_rows {
                    writeln!(out, "{}", export::csv_row(r.iter().map(String::as_str)))
                        .map_err(w)?;
                }
            } else {
                writeln!(
                    out,
                    "# {} per plan year ({}); – : no role that year",
                    o.by.name(),
                    describe(filter, settings)
                )
                .map_err(w)?;
                writeln!(
                    out,
                    "# agencies in order of their highest {} in any one year, then by name",
                    o.by.name()
                )
                .map_err(w)?;
                table::write(out, "", &head, &table_rows).map_err(w)?;
            }
        }
    }
    Ok(())
}

pub fn communities(args: &NetworkArgs, save: bool, json_out: bool) -> ExitCode {
    let result = (|| -> Result<(), String> {
        let settings = args.settings()?;
        let filter = args.filter();
        let (store, source, can_save) = load(args, !save)?;
        let (net, a, _) = run(
            &store,
            &source,
            &filter,
            &settings,
            save && can_save,
            Some(&[Measure::Community]),
        )?;
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..net.nodes.len() {
            groups
                .entry(a.get(Measure::Community, i) as usize)
                .or_default()
                .push(i);
        }
        for members in groups.values_mut() {
            members.sort_by(|&x, &y| {
                a.get(Measure::Strength, y)
                    .total_cmp(&a.get(Measure::Strength, x))
                    .then(x.cmp(&y))
            });
        }
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let w = io_error;
        if json_out {
            let v: Vec<Value> = groups
                .iter()
                .map(|(c, m)| {
                    json!({
                        "community": c,
                        "size": m.len(),
                        "agencies": m.iter().map(|&i| json!({"iri": net.nodes[i].iri, "agency": net.nodes[i].label, "strength": a.get(Measure::Strength, i)})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            writeln!(
                out,
                "{:#}",
                json!({ "modularity": a.modularity, "resolution": settings.resolution, "filter": filter, "settings": settings, "communities": v })
            )
            .map_err(w)?;
        } else {
            header(&mut out, &net, &a, &filter).map_err(w)?;
            let rows: Vec<Vec<String>> = groups
                .iter()
                .map(|(c, m)| {
                    vec![
                        c.to_string(),
                        m.len().to_string(),
                        m.iter()
                            .map(|&i| net.nodes[i].label.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    ]
                })
                .collect();
            table::write(
                &mut out,
                "",
                &["community", "size", "agencies (most ties first)"],
                &rows,
            )
            .map_err(w)?;
        }
        Ok(())
    })();
    finish(result)
}

pub struct ExportOptions<'a> {
    pub which: Which,
    pub format: export::Format,
    pub nodes: bool,
    pub with_measures: bool,
    pub output: Option<&'a Path>,
}

pub fn export_graph(args: &NetworkArgs, o: &ExportOptions<'_>) -> ExitCode {
    let result = (|| -> Result<(), String> {
        let settings = args.settings()?;
        let filter = args.filter();
        let (_store, source, _) = load(args, true)?;
        let net = network::build(&source, &filter);
        // As rank and diagram do: an empty network is a filter that kept nothing, not a file.
        if net.nodes.is_empty() {
            return Err(empty(&filter, &settings));
        }
        let analysis = if o.with_measures {
            Some(analyse(&net, &settings))
        } else {
            None
        };
        let write = |out: &mut dyn Write| {
            export::write(
                out,
                &net,
                o.which,
                o.format,
                settings.weighting,
                analysis.as_ref(),
                o.nodes,
            )
        };
        match o.output {
            Some(path) => super::store::write_atomically(path, |f| write(f))
                .map_err(|e| format!("{}: {e}", path.display())),
            None => {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::new(stdout.lock());
                write(&mut out).and_then(|()| out.flush()).map_err(io_error)
            }
        }
    })();
    finish(result)
}

/// Draw the collaboration network with Graphviz (SVG, PNG, PDF or DOT).
///
/// Node area by a measure, colour by community or agency kind, arrows from lead to
/// cooperating agencies, dashed lines for joint responsibility, edge width by tasks.
#[derive(Args)]
pub struct DiagramArgs {
    /// Output file; its extension chooses the format (.svg .png .pdf .dot).
    #[arg(short, long, value_name = "FILE", default_value = "network.svg")]
    output: std::path::PathBuf,
    /// Draw the ego network of this agency (any of its names).
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,
    /// Steps out from --agency.
    #[arg(long, default_value_t = 1, requires = "agency")]
    depth: usize,
    /// Only the N agencies largest by --size-by.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Leave out edges backed by fewer than W tasks.
    #[arg(long, value_name = "W", default_value_t = 1)]
    min_weight: u32,
    /// Graphviz layout engine [default: neato, sfdp above 300 agencies, dot for --two-mode].
    #[arg(long, value_parser = parser::<LayoutEngine>())]
    layout: Option<LayoutEngine>,
    /// What node colour shows.
    #[arg(long, value_parser = parser::<ColorBy>(), default_value = "community")]
    color: ColorBy,
    /// The measure node area shows.
    #[arg(long, value_parser = parser::<Measure>(), default_value = "strength")]
    size_by: Measure,
    /// One plan's agencies on the left and its numbered tasks on the right (needs --plan).
    #[arg(long, conflicts_with_all = ["agency", "top"])]
    two_mode: bool,
    #[command(flatten)]
    network: NetworkArgs,
}

pub fn diagram(o: &DiagramArgs, registry_dirs: &[PathBuf]) -> ExitCode {
    let args = &o.network;
    let registry = match super::registry(registry_dirs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let result = (|| -> Result<(), String> {
        let settings = args.settings()?;
        let filter = args.filter();
        let (store, source, _) = load(args, true)?;
        let net = network::build(&source, &filter);
        if net.nodes.is_empty() {
            return Err(empty(&filter, &settings));
        }
        let what = describe(&filter, &settings);
        let written = store_network::written_names(&store).map_err(|e| e.to_string())?;
        let labels = diagram::labels(&net, &registry, &written);
        let graph = if o.two_mode {
            let [plan] = net.plans.as_slice() else {
                let titles: Vec<String> = net
                    .plans
                    .iter()
                    .map(|p| format!("{} ({})", p.title, p.key))
                    .collect();
                return Err(format!(
                    "--two-mode draws one plan; choose one with --plan (plans kept: {})",
                    titles.join("; ")
                ));
            };
            let tasks = read_tasks(&store, &plan.iri).map_err(|e| e.to_string())?;
            diagram::two_mode(
                &net,
                &source,
                &filter.roles,
                &tasks,
                &plan.iri,
                &plan.title,
                &labels,
            )
        } else {
            let analysis = analyse(&net, &settings);
            // A name several places' plans write (市发改委) is not one agency: ask for the place.
            let simplified = o
                .agency
                .as_deref()
                .map(|name| fengong_parse::text::script::to_simplified(name.trim()).text);
            let plans_write = |n: &network::Node| {
                simplified.as_ref().is_some_and(|name| {
                    n.members.iter().any(|m| {
                        written
                            .get(m)
                            .is_some_and(|w| w.iter().any(|(x, _)| x == name))
                    })
                })
            };
            if let (Some(name), Some(simplified)) = (o.agency.as_deref(), &simplified) {
                let writers: Vec<String> = net
                    .nodes
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.label != *simplified && plans_write(n))
                    .map(|(i, n)| {
                        fengong_registry::qualified(
                            n.jurisdiction.as_deref().unwrap_or(""),
                            &labels[i],
                        )
                    })
                    .collect();
                if writers.len() > 1 {
                    return Err(format!(
                        "{name} is what the plans of several places write, for {}; give the place (as in {})",
                        writers.join("、"),
                        writers[0]
                    ));
                }
            }
            let ego = match o.agency.as_deref() {
                Some(name) => match net.find(name, &registry).or_else(|e| {
                    // The name as a plan wrote it, for one agency.
                    net.nodes.iter().position(plans_write).ok_or(e)
                }) {
                    Ok(i) => Some((i, o.depth)),
                    Err(suggestions) => {
                        return Err(if suggestions.is_empty() {
                            format!("no agency named {name} in the plans kept; `fengong agencies --search TEXT` lists them")
                        } else {
                            format!(
                                "no agency named {name} in the plans kept; did you mean: {}",
                                suggestions.join("、")
                            )
                        })
                    }
                },
                None => None,
            };
            let title = match ego {
                Some((i, d)) => format!("{} 的协作网络（{d} 步以内）· {what}", net.nodes[i].label),
                None => format!("部门协作网络 · {what}"),
            };
            diagram::one_mode(
                &net,
                &analysis,
                &diagram::Options {
                    ego,
                    top: o.top,
                    min_weight: o.min_weight,
                    max_edges: None,
                    size_by: o.size_by,
                    color: o.color,
                    title,
                    labels: &labels,
                    links: &[],
                },
            )
        };
        let layout = o.layout.unwrap_or(if o.two_mode {
            LayoutEngine::Dot
        } else {
            LayoutEngine::for_size(o.top.unwrap_or(net.nodes.len()).min(net.nodes.len()))
        });
        diagram::render(&graph, layout, &o.output).map_err(|e| e.to_string())?;
        eprintln!("wrote {}", o.output.display());
        Ok(())
    })();
    finish(result)
}
