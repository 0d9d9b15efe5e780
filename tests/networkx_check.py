#!/usr/bin/env python3
"""Checks every fengong network measure against NetworkX on the very graph fengong exports.

Two ways to run it:

  python3 tests/networkx_check.py [--fengong BIN]
      ingests the embedded seed corpus into a temporary store, then for several option sets
      exports both networks (GraphML) and `fengong rank --format json --top 0`, and compares.

  python3 tests/networkx_check.py --files DIRECTED.graphml CORESP.graphml RANK.json [--time] [--sample K]
      compares given files (the benchmark uses this on large synthetic networks); with
      --time, also prints NetworkX's time per measure as JSON on the last line.
      With --sample K, the all-pairs measures (betweenness, closeness) run from K sources
      only, since NetworkX would take hours on 10,000+ nodes: their time is the K-source
      time scaled by n/K (both are sums of independent single-source searches), closeness
      is compared on the K nodes, and betweenness values are not compared.

Exit 0 when every value agrees to 1e-6 (PageRank, HITS and eigenvector are power iterations
run by both sides to the tolerance fengong states); 1 with a list of differences otherwise;
77 when NetworkX is not installed (callers treat that as "skipped").
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed: pip install networkx (skipping)", file=sys.stderr)
    sys.exit(77)

TOL = 1e-6
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# fengong rank options → what they change; each set is checked separately.
VARIANTS = [
    [],
    ["--weighting", "newman"],
    ["--keep-renamed", "--collectives"],
    ["--year", "2024"],
    ["--roles", "lead,cooperate", "--alpha", "0.7"],
]


def pagerank(g, alpha, tol, max_iter):
    try:
        import scipy  # noqa: F401  (nx.pagerank needs it)

        return nx.pagerank(g, alpha=alpha, tol=tol, max_iter=max_iter, weight="weight")
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(g, alpha=alpha, tol=tol, max_iter=max_iter, weight="weight")


def hits(g, tol, max_iter):
    # The power iteration (as fengong runs it); nx.hits uses a sparse SVD, which agrees
    # except when the leading singular value is repeated.
    from networkx.algorithms.link_analysis.hits_alg import _hits_python

    if g.number_of_edges() == 0:
        u = {n: 1 / len(g) for n in g}
        return u, dict(u)
    return _hits_python(g, max_iter=max_iter, tol=tol)


def reference(directed, coresp, settings, sample=None, picked=None):
    """Every measure as NetworkX computes it: {measure: {node: value}}, plus timings.
    With `sample`, betweenness and closeness run from that many sources (see --sample)."""
    tol, max_iter = settings["tolerance"], settings["max_iterations"]
    out, timings = {}, {}

    def timed(name, f, scale=1.0):
        t = time.perf_counter()
        r = f()
        timings[name] = (time.perf_counter() - t) * scale
        return r

    out["out_degree"] = dict(directed.out_degree())
    out["in_degree"] = dict(directed.in_degree())
    out["out_strength"] = dict(directed.out_degree(weight="weight"))
    out["in_strength"] = dict(directed.in_degree(weight="weight"))
    out["degree"] = dict(coresp.degree())
    out["strength"] = dict(coresp.degree(weight="weight"))
    out["pagerank"] = timed("pagerank", lambda: pagerank(directed, settings["alpha"], tol, max_iter))
    h, a = timed("hits", lambda: hits(directed, tol, max_iter))
    out["hub"], out["authority"] = h, a
    n = coresp.number_of_nodes()
    if sample and sample < n:
        scale = n / sample
        timings["sample"] = sample
        # Values from K sources are estimates, so they are timed but not compared.
        timed("betweenness", lambda: nx.betweenness_centrality(coresp, k=sample, seed=1), scale)
        timed(
            "betweenness_weighted",
            lambda: nx.betweenness_centrality(coresp, k=sample, seed=1, weight="distance"),
            scale,
        )
        # The nodes fengong computed closeness of when it sampled too, else evenly spaced ones.
        nodes = picked or sorted(coresp)[:: max(1, n // sample)][:sample]
        out["closeness"] = timed(
            "closeness", lambda: {u: nx.closeness_centrality(coresp, u=u) for u in nodes}, scale
        )
        out["closeness_weighted"] = timed(
            "closeness_weighted",
            lambda: {u: nx.closeness_centrality(coresp, u=u, distance="distance") for u in nodes},
            scale,
        )
    else:
        out["betweenness"] = timed("betweenness", lambda: nx.betweenness_centrality(coresp))
        out["betweenness_weighted"] = timed(
            "betweenness_weighted", lambda: nx.betweenness_centrality(coresp, weight="distance")
        )
        out["closeness"] = timed("closeness", lambda: nx.closeness_centrality(coresp))
        out["closeness_weighted"] = timed(
            "closeness_weighted", lambda: nx.closeness_centrality(coresp, distance="distance")
        )
    out["eigenvector"] = timed(
        "eigenvector",
        lambda: nx.eigenvector_centrality(coresp, max_iter=max_iter, tol=tol, weight="weight")
        if coresp.number_of_nodes()
        else {},
    )
    out["core"] = timed("core", lambda: nx.core_number(coresp))
    louvain = timed(
        "louvain",
        lambda: nx.community.louvain_communities(
            coresp, weight="weight", resolution=settings["resolution"], seed=1
        ),
    )
    return out, timings, louvain


def compare(directed_path, coresp_path, rank_path, want_time=False, sample=None):
    directed = nx.read_graphml(directed_path)
    coresp = nx.read_graphml(coresp_path)
    with open(rank_path, encoding="utf-8") as f:
        rank = json.load(f)
    settings = rank["settings"]
    ours = {a["iri"]: a for a in rank["agencies"]}
    problems = []
    if set(ours) != set(directed) or set(ours) != set(coresp):
        problems.append(
            f"node sets differ: rank {len(ours)}, directed {len(directed)}, co-responsibility {len(coresp)}"
        )
        return problems, {}
    picked = [node for node, a in ours.items() if a["closeness"] is not None] if sample else None
    if picked and len(picked) == len(ours):
        picked = None
    ref, timings, louvain = reference(directed, coresp, settings, sample, picked)
    for measure, values in ref.items():
        for node, expected in values.items():
            got = ours[node][measure]
            if abs(got - expected) > TOL:
                problems.append(f"{measure} of {ours[node]['agency']}: fengong {got!r}, networkx {expected!r}")
    for node, a in ours.items():
        l, c = a["leads"], a["cooperates"]
        # Undefined (null) for an agency that neither leads nor cooperates.
        asym = (l - c) / (l + c) if l + c else None
        if (asym is None) != (a["asymmetry"] is None) or (
            asym is not None and abs(a["asymmetry"] - asym) > TOL
        ):
            problems.append(f"asymmetry of {a['agency']}: {a['asymmetry']} vs {asym}")

    # Communities: NetworkX's modularity of fengong's partition equals fengong's score, and is
    # not far below NetworkX's own Louvain (which shuffles nodes, so partitions may differ).
    groups = {}
    for node, a in ours.items():
        groups.setdefault(a["community"], set()).add(node)
    partition = list(groups.values())
    if coresp.number_of_edges():
        q = nx.community.modularity(coresp, partition, weight="weight", resolution=settings["resolution"])
        if abs(q - rank["modularity"]) > TOL:
            problems.append(f"modularity: fengong {rank['modularity']!r}, networkx {q!r}")
        q_nx = nx.community.modularity(coresp, louvain, weight="weight", resolution=settings["resolution"])
        if q < q_nx - 0.05:
            problems.append(f"Louvain: fengong's partition scores {q:.4f}, NetworkX's {q_nx:.4f}")
    if want_time:
        return problems, timings
    return problems, {}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
    return r.stdout


def seeds(fengong):
    tmp = tempfile.mkdtemp(prefix="fengong-nx-")
    try:
        store = os.path.join(tmp, "store")
        run([fengong, "ingest", "--store", store])
        failures = 0
        for variant in VARIANTS:
            paths = {}
            for which in ["directed", "co-responsibility"]:
                paths[which] = os.path.join(tmp, f"{which}.graphml")
                run([fengong, "export-graph", "--store", store, "--network", which, "-o", paths[which]] + variant)
            rank = os.path.join(tmp, "rank.json")
            with open(rank, "w", encoding="utf-8") as f:
                f.write(run([fengong, "rank", "--store", store, "--format", "json", "--top", "0"] + variant))
            problems, _ = compare(paths["directed"], paths["co-responsibility"], rank)
            n = len(json.load(open(rank, encoding="utf-8"))["agencies"])
            label = " ".join(variant) or "(defaults)"
            if problems:
                failures += 1
                print(f"FAIL {label}: {len(problems)} differences", file=sys.stderr)
                for p in problems[:20]:
                    print("  " + p, file=sys.stderr)
            else:
                print(f"ok   {label}: {n} agencies, every measure within {TOL:g} of networkx {nx.__version__}")
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--fengong", default=os.environ.get("FENGONG", os.path.join(ROOT, "target/release/fengong")))
    p.add_argument("--files", nargs=3, metavar=("DIRECTED", "CORESP", "RANK"))
    p.add_argument("--time", action="store_true")
    p.add_argument("--sample", type=int, metavar="K")
    a = p.parse_args()
    if a.files:
        problems, timings = compare(*a.files, want_time=a.time, sample=a.sample)
        for x in problems[:20]:
            print(x, file=sys.stderr)
        if a.time:
            sampled = timings.pop("sample", None)
            print(json.dumps({"networkx": nx.__version__, "seconds": timings, "sample": sampled}))
        sys.exit(1 if problems else 0)
    if not os.path.exists(a.fengong):
        sys.exit(f"{a.fengong}: no fengong binary; build it (cargo build --release) or pass --fengong")
    sys.exit(seeds(a.fengong))


if __name__ == "__main__":
    main()
