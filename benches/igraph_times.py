#!/usr/bin/env python3
"""Times igraph's counterparts of fengong's measures on the GraphML fengong exported.

  python3 benches/igraph_times.py DIRECTED.graphml CORESP.graphml [--sample K]

Prints one JSON line: {"igraph": version, "sample": K or null, "seconds": {measure: seconds}}.
Used by `cargo bench --bench network`; exits 77 when python-igraph is missing.

igraph's core is C and single-threaded. With --sample K the all-pairs measures run as
NetworkX's do in the same benchmark: betweenness from K sources (igraph's `sources=`),
closeness of K vertices; the time is scaled by n / K to stand for all of them. The weighted
all-pairs measures read the `distance` attribute (1 / tasks shared), as fengong and NetworkX do.
"""

import json
import random
import sys
import time
import warnings

# igraph warns when HITS or eigenvector scores are not unique (disconnected graphs); the
# benchmark times the calls, it does not read the scores.
warnings.filterwarnings("ignore", category=RuntimeWarning)

try:
    import igraph as ig
except ImportError:
    print("python-igraph not installed (pip install igraph): skipped", file=sys.stderr)
    sys.exit(77)


def load(path, directed):
    g = ig.Graph.Read_GraphML(path)
    # GraphML keeps the declared direction; the co-responsibility graph is undirected.
    if not directed and g.is_directed():
        g.to_undirected(combine_edges="first")
    for attr in ("weight", "distance"):
        if attr in g.es.attributes():
            g.es[attr] = [float(x) for x in g.es[attr]]
    return g


args = sys.argv[1:]
sample = None
if "--sample" in args:
    sample = int(args[args.index("--sample") + 1])
directed = load(args[0], True)
coresp = load(args[1], False)
n = coresp.vcount()
seconds = {}


def timed(name, f, scale=1.0):
    t = time.perf_counter()
    f()
    seconds[name] = (time.perf_counter() - t) * scale


timed("pagerank", lambda: directed.pagerank(damping=0.85, weights="weight", directed=True))
timed("hits", lambda: (directed.hub_score(weights="weight"), directed.authority_score(weights="weight")))
if sample and sample < n:
    picked = random.Random(1).sample(range(n), sample)
    scale = n / sample
    timed("betweenness", lambda: coresp.betweenness(sources=picked), scale)
    timed("betweenness_weighted", lambda: coresp.betweenness(sources=picked, weights="distance"), scale)
    timed("closeness", lambda: coresp.closeness(vertices=picked), scale)
    timed("closeness_weighted", lambda: coresp.closeness(vertices=picked, weights="distance"), scale)
else:
    timed("betweenness", lambda: coresp.betweenness())
    timed("betweenness_weighted", lambda: coresp.betweenness(weights="distance"))
    timed("closeness", lambda: coresp.closeness())
    timed("closeness_weighted", lambda: coresp.closeness(weights="distance"))
timed("eigenvector", lambda: coresp.eigenvector_centrality(scale=True, weights="weight"))
timed("core", lambda: coresp.coreness())
timed("louvain", lambda: coresp.community_multilevel(weights="weight", resolution=1.0))
print(json.dumps({"igraph": ig.__version__, "sample": sample if sample and sample < n else None, "seconds": seconds}))
