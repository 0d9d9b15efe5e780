#!/bin/sh
# Every benchmark report in docs/bench/, by one command from a checkout: benches/run.sh
#
# docs/bench/scale.md: generated corpora parsed back, parse throughput, ingest next to Oxigraph's
# bulk loader, query latency (cargo bench --bench scale; sizes in FENGONG_BENCH_TASKS).
# docs/bench/parse.md: parse throughput next to `opencc -c t2s.json` on the same bytes
# (cargo bench -p fengong-generate --bench parse; Debian: apt-get install opencc).
# docs/bench/search.md: the full-text index built and queried at 10k, 100k and 1M tasks, next to
# the topic scan it replaced and SQLite FTS5 (cargo bench -p fengong-search; /usr/bin/python3's sqlite3).
# docs/bench/network.md: every network measure next to igraph, NetworkX and rustworkx, and diagram
# render times (cargo bench --bench network).
# NetworkX, SciPy, rustworkx and igraph are installed with pip into target/bench-venv; without python3
# their columns are left empty and the reports say so.
set -eu
cd "$(dirname "$0")/.."
if command -v python3 >/dev/null 2>&1; then
    if [ ! -x target/bench-venv/bin/python3 ]; then
        python3 -m venv target/bench-venv ||
            echo "python3 -m venv failed (Debian: apt-get install python3-venv); using python3 as it is"
    fi
    if [ -x target/bench-venv/bin/pip ]; then
        target/bench-venv/bin/pip install --quiet networkx scipy rustworkx igraph ||
            echo "pip could not install networkx, scipy, rustworkx, igraph: their columns will be empty"
        PATH="$PWD/target/bench-venv/bin:$PATH"
        export PATH
    fi
else
    echo "python3 not found: the NetworkX and rustworkx columns will be empty"
fi
cargo bench --locked --bench scale
cargo bench --locked --bench network
cargo bench --locked -p fengong-generate --bench parse
cargo bench --locked -p fengong-search --bench search
echo "reports: docs/bench/parse.md docs/bench/scale.md docs/bench/network.md docs/bench/search.md"
