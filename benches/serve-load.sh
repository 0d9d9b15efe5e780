#!/usr/bin/env bash
# fengong serve under load, next to Oxigraph's own server: benches/serve-load.sh → docs/bench/serve.md
#
# A store of TASKS generated tasks (default 100,000; `fengong gen-corpus`) is served by
# `fengong serve` and by `oxigraph serve-read-only` (pip install oxigraph; same Oxigraph
# version) on 127.0.0.1, and wrk (Debian: apt-get install wrk) sends CLIENTS connections
# (16) of requests back to back for SECS seconds (60) per run; each run stops by itself:
#   1. fengong: agency pages, asks ("X牵头哪些任务?") and SPARQL queries, a third each;
#   2. fengong: the SPARQL queries alone, with its default memory for answers and with none
#   (--cache-answers 0: every request evaluated);  3. Oxigraph: the same SPARQL queries, with
#   and without its timeout.
# The SPARQL per agency: its lead tasks with their plans (LIMIT 200), and the agencies it
# shares tasks with, counted (top 20). Errors: non-200 responses and socket errors.
# Environment: FENGONG (binary; default target/release/fengong), TASKS, CLIENTS, SECS, WORK.
set -euo pipefail
cd "$(dirname "$0")/.."
FENGONG=${FENGONG:-${CARGO_TARGET_DIR:-target}/release/fengong}
TASKS=${TASKS:-100000}; CLIENTS=${CLIENTS:-16}; SECS=${SECS:-60}
WORK=${WORK:-$(mktemp -d -t fengong-serve-load.XXXXXX)}
[ -x "$FENGONG" ] || { echo "no binary at $FENGONG (cargo build --release)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install wrk)" >&2; exit 2; }
command -v oxigraph >/dev/null || { echo "oxigraph not found (pip install oxigraph)" >&2; exit 2; }
rm -rf "$WORK/corpus" "$WORK/store"; mkdir -p "$WORK"
# Generated plans average 19.5 tasks (5,001 plans gave 97,759): one plan per 19 tasks reaches TASKS.
docs=$(( (TASKS + 18) / 19 ))
"$FENGONG" gen-corpus --docs "$docs" --seed 11 -o "$WORK/corpus" > "$WORK/gen.log" 2>&1
t0=$(date +%s.%N)
"$FENGONG" ingest "$WORK/corpus/plans" --store "$WORK/store" > /dev/null 2> "$WORK/ingest.err"
ingest_s=$(echo "$(date +%s.%N) - $t0" | bc)
counts=$("$FENGONG" stats --store "$WORK/store" --format json)
tasks=$(echo "$counts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tasks"])')
plans=$(echo "$counts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["plans"])')

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Default slots and queue: what a user runs, so more clients than slots is measured too.
"$FENGONG" serve --store "$WORK/store" --bind "127.0.0.1:$port" --timeout 30 2> "$WORK/serve.log" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true; [ -z "${oxi_pid:-}" ] || kill "$oxi_pid" 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/query"; do sleep 0.2; done
base="http://127.0.0.1:$port"
# 200 agencies that lead some task, as the store lists them.
curl -s -G -H 'Accept: text/csv' --data-urlencode \
  'query=SELECT DISTINCT ?l WHERE { ?a fg:leads ?t ; skos:prefLabel ?l } LIMIT 200' "$base/query" |
  tail -n +2 | tr -d '\r' > "$WORK/labels.txt"
n_agencies=$(wc -l < "$WORK/labels.txt")
python3 - "$WORK" <<'PY'
import sys, urllib.parse as u
work = sys.argv[1]
labels = [l.strip() for l in open(f"{work}/labels.txt", encoding="utf-8") if l.strip()]
S = "http://www.w3.org/2004/02/skos/core#"; F = "https://w3id.org/fengong/ns#"; D = "http://purl.org/dc/terms/"; O = "http://www.w3.org/ns/org#"
def q(s): return "/query?query=" + u.quote(s)
sparql, mixed = [], []
for i, l in enumerate(labels):
    a = q(f'SELECT ?task ?title ?plan WHERE {{ ?a <{S}prefLabel> "{l}"@zh . ?a <{F}leads> ?task . ?task <{D}title> ?title ; <{F}partOfPlan> ?plan }} LIMIT 200')
    b = q(f'SELECT ?other (COUNT(DISTINCT ?task) AS ?n) WHERE {{ ?a <{S}prefLabel> "{l}"@zh . ?m <{O}member> ?a ; <{O}organization> ?task . ?m2 <{O}organization> ?task ; <{O}member> ?other . FILTER(?other != ?a) }} GROUP BY ?other ORDER BY DESC(?n) LIMIT 20')
    sparql += [a, b]
    mixed += ["/agency?name=" + u.quote(l), "/ask?q=" + u.quote(l + "牵头哪些任务?"), (a if i % 2 == 0 else b)]
open(f"{work}/sparql.txt", "w").write("\n".join(sparql) + "\n")
open(f"{work}/mixed.txt", "w").write("\n".join(mixed) + "\n")
PY
timed() { curl -s -o /dev/null -w '%{http_code} %{time_total}' "$1"; }
home_cold=$(timed "$base/")
agency_cold=$(timed "$base$(head -1 "$WORK/mixed.txt")")
# Every request once before the timed runs: diagrams are drawn on first view and kept.
t0=$(date +%s.%N); warm_err=0
while read -r p; do [ "$(curl -s -o /dev/null -w '%{http_code}' "$base$p")" = 200 ] || warm_err=$((warm_err + 1)); done < "$WORK/mixed.txt"
warm_s=$(echo "$(date +%s.%N) - $t0" | bc)

run() { PATHS="$2" wrk -t2 -c"$CLIENTS" -d"${SECS}s" --timeout 30s --latency -s benches/serve-load.lua "$1" > "$3"; }
run "$base" "$WORK/mixed.txt" "$WORK/wrk-mixed.txt"
run "$base" "$WORK/sparql.txt" "$WORK/wrk-sparql.txt"
kill $serve_pid; wait $serve_pid 2>/dev/null || true
# The same SPARQL with no answers kept: every request evaluated, as Oxigraph's server does.
"$FENGONG" serve --store "$WORK/store" --bind "127.0.0.1:$port" --timeout 30 --cache-answers 0 2> "$WORK/serve-evaluated.log" &
serve_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/query"; do sleep 0.2; done
# Until the pages' warm-up is done (it shares the cores).
for _ in $(seq 600); do grep -q "pages warmed" "$WORK/serve-evaluated.log" && break; sleep 0.2; done
run "$base" "$WORK/sparql.txt" "$WORK/wrk-sparql-evaluated.txt"
kill $serve_pid; wait $serve_pid 2>/dev/null || true
# Oxigraph twice: with a timeout as fengong has, and without (its timeout starts a thread per
# query that sleeps for the whole timeout, which under this load exhausts the process's
# memory maps: the first run records whether the server survived).
oxigraph_run() { # NAME EXTRA-ARGS...
  local name=$1; shift
  local oport
  oport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  oxigraph serve-read-only --location "$WORK/store" --bind "127.0.0.1:$oport" --union-default-graph "$@" 2> "$WORK/$name.log" &
  oxi_pid=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$oport/query" && break; sleep 0.2; done
  run "http://127.0.0.1:$oport" "$WORK/sparql.txt" "$WORK/wrk-$name.txt"
  # Whether it was still there to be stopped (its log says why not).
  if kill "$oxi_pid" 2>/dev/null; then echo alive > "$WORK/$name.fate"; else echo died > "$WORK/$name.fate"; fi
  wait "$oxi_pid" 2>/dev/null || true
}
oxigraph_run oxigraph-timeout --timeout-s 30
oxigraph_run oxigraph
oxi_version=$(oxigraph --version 2>&1 | head -1)

python3 benches/serve-load-report.py "$WORK" "$tasks" "$plans" "$ingest_s" "$CLIENTS" "$SECS" "$n_agencies" "$home_cold" "$agency_cold" "$warm_s" "$warm_err" "$oxi_version" > docs/bench/serve.md
cat docs/bench/serve.md
