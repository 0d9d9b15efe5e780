#!/usr/bin/env python3
"""Times rustworkx's counterparts of fengong's measures on the GraphML fengong exported.

  python3 benches/rustworkx_times.py DIRECTED.graphml CORESP.graphml [--no-all-pairs]

Prints one JSON line: {"rustworkx": version, "seconds": {measure: seconds}}. Used by
`cargo bench --bench network`; exits 77 when rustworkx or networkx is missing.
rustworkx has no weighted betweenness or Louvain; its closeness functions are parallel.
--no-all-pairs leaves out betweenness and closeness, which cannot sample sources and would
take too long on the largest networks.
"""

import json
import sys
import time

try:
    import networkx as nx
    import rustworkx as rx
except ImportError:
    print("rustworkx or networkx not installed (pip install rustworkx networkx): skipped", file=sys.stderr)
    sys.exit(77)

directed = rx.networkx_converter(nx.read_graphml(sys.argv[1]), keep_attributes=True)
coresp = rx.networkx_converter(nx.read_graphml(sys.argv[2]), keep_attributes=True)
weight = lambda e: float(e["weight"])  # noqa: E731
distance = lambda e: float(e["distance"])  # noqa: E731
seconds = {}


def timed(name, f):
    t = time.perf_counter()
    f()
    seconds[name] = time.perf_counter() - t


timed("pagerank", lambda: rx.pagerank(directed, alpha=0.85, weight_fn=weight, tol=1e-10, max_iter=1000))
timed("hits", lambda: rx.hits(directed, weight_fn=weight, tol=1e-10, max_iter=1000))
if "--no-all-pairs" not in sys.argv[3:]:
    timed("betweenness", lambda: rx.betweenness_centrality(coresp, normalized=True))
    timed("closeness", lambda: rx.closeness_centrality(coresp, wf_improved=True))
    timed(
        "closeness_weighted",
        lambda: rx.newman_weighted_closeness_centrality(coresp, weight_fn=weight, wf_improved=True),
    )
timed("eigenvector", lambda: rx.eigenvector_centrality(coresp, weight_fn=weight, max_iter=1000, tol=1e-10))
timed("core", lambda: rx.core_number(coresp))
print(json.dumps({"rustworkx": rx.__version__, "seconds": seconds}))
