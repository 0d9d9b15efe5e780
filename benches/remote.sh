#!/usr/bin/env bash
# fengong on SPARQL servers, next to the embedded store: benches/remote.sh → docs/bench/remote.md
#
# A store of TASKS generated tasks (default 100,000; `fengong gen-corpus`) is pushed with
# `fengong push` into an Oxigraph server and into Virtuoso, each started here on 127.0.0.1
# with a new folder (Virtuoso with the ini docs/scale-out.md describes). Then each command runs
# RUNS times (default 7) as a whole process, with --store and with --endpoint of each server:
#   `fengong agency NAME` and `fengong ask "NAME牵头哪些任务?"` for the agency that leads the
#   most tasks, and `fengong rank --top 20` (the whole network read, then ranked here).
# Environment: FENGONG (binary; default target/release/fengong), OXIGRAPH (server binary;
# default `oxigraph` on PATH, else ~/.local/share/fengong/tools/bin/oxigraph), TASKS, RUNS, WORK,
# REUSE=1 (keep the store WORK holds from an earlier run).
set -euo pipefail
cd "$(dirname "$0")/.."
FENGONG=${FENGONG:-${CARGO_TARGET_DIR:-target}/release/fengong}
TASKS=${TASKS:-100000}; RUNS=${RUNS:-7}
WORK=${WORK:-$(mktemp -d -t fengong-remote.XXXXXX)}
OXIGRAPH=${OXIGRAPH:-$(command -v oxigraph || echo "${XDG_DATA_HOME:-$HOME/.local/share}/fengong/tools/bin/oxigraph")}
[ -x "$FENGONG" ] || { echo "no binary at $FENGONG (cargo build --release)" >&2; exit 2; }
[ -x "$OXIGRAPH" ] || { echo "no Oxigraph server (README set-up step 1)" >&2; exit 2; }
command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found (Debian: apt-get install virtuoso-opensource)" >&2; exit 2; }
rm -rf "$WORK/oxigraph" "$WORK/virtuoso" "$WORK"/*.txt; mkdir -p "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# Generated plans average 19.5 tasks: one plan per 19 tasks reaches TASKS.
docs=$(( (TASKS + 18) / 19 ))
# A store of this size from an earlier run in WORK is used again (REUSE=1).
if [ "${REUSE:-0}" != 1 ] || [ ! -d "$WORK/store" ]; then
  rm -rf "$WORK/corpus" "$WORK/store"
  "$FENGONG" gen-corpus --docs "$docs" --seed 11 -o "$WORK/corpus" > "$WORK/gen.log" 2>&1
  "$FENGONG" ingest "$WORK/corpus/plans" --store "$WORK/store" > /dev/null 2> "$WORK/ingest.err"
fi
stats=$("$FENGONG" stats --store "$WORK/store" --format json)
busiest=$("$FENGONG" query --store "$WORK/store" --format csv \
  'SELECT ?l (COUNT(?t) AS ?n) WHERE { ?a fg:leads ?t ; skos:prefLabel ?l } GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1' |
  sed -n 2p | tr -d '\r')
name=${busiest%,*}; leads=${busiest##*,}

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
oport=$(free_port)
"$OXIGRAPH" serve --location "$WORK/oxigraph" --bind "127.0.0.1:$oport" 2> "$WORK/oxigraph.log" &
pids+=($!)
mkdir -p "$WORK/virtuoso"
vsql=$(free_port); vhttp=$(free_port)
cat > "$WORK/virtuoso/virtuoso.ini" <<EOF
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:$vsql
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 85000
MaxDirtyBuffers = 65000
[HTTPServer]
ServerPort = 127.0.0.1:$vhttp
ServerRoot = .
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 3000
EOF
(cd "$WORK/virtuoso" && exec virtuoso-t +foreground +configfile virtuoso.ini > out.log 2>&1) &
pids+=($!)
oxigraph_url="http://127.0.0.1:$oport/query"; virtuoso_url="http://127.0.0.1:$vhttp/sparql"
for url in "$oxigraph_url" "$virtuoso_url"; do
  for _ in $(seq 300); do curl -s -o /dev/null "$url?query=ASK%7B%7D" && break; sleep 0.2; done
done
isql-vt "127.0.0.1:$vsql" dba dba exec="GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" > /dev/null

# A push, timed: "seconds graphs-sent" (the first push sends them all).
push() {
  local t0 t1
  t0=$(now)
  "$FENGONG" push "$1" --store "$WORK/store" 2> "$WORK/push.err" || { cat "$WORK/push.err" >&2; exit 1; }
  t1=$(now)
  echo "$(echo "$t1 - $t0" | bc) $(sed -n 's/.*pushed \([0-9]*\) graph.*/\1/p' "$WORK/push.err")"
}
oxigraph_push=$(push "$oxigraph_url"); oxigraph_again=$(push "$oxigraph_url")
virtuoso_push=$(push "$virtuoso_url"); virtuoso_again=$(push "$virtuoso_url")

# RUNS timings of a command after one warm-up, one per line, in seconds.
timed() { # FILE COMMAND...
  local out=$1; shift
  "$@" > /dev/null 2>> "$WORK/errors.log"
  : > "$out"
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(now)
    "$@" > /dev/null 2>> "$WORK/errors.log"
    echo "$(now) - $t0" | bc >> "$out"
  done
}
for where in store oxigraph virtuoso; do
  case $where in
    store) from=(--store "$WORK/store");;
    oxigraph) from=(--endpoint "$oxigraph_url");;
    virtuoso) from=(--endpoint "$virtuoso_url");;
  esac
  timed "$WORK/agency-$where.txt" "$FENGONG" agency "$name" "${from[@]}"
  timed "$WORK/ask-$where.txt" "$FENGONG" ask "${name}牵头哪些任务?" "${from[@]}"
  timed "$WORK/rank-$where.txt" "$FENGONG" rank --top 20 "${from[@]}"
done
# Each server's answer must be the store's, or the figures mean nothing.
for cmd in agency ask rank; do
  case $cmd in
    agency) args=(agency "$name");; ask) args=(ask "${name}牵头哪些任务?");; rank) args=(rank --top 20);;
  esac
  "$FENGONG" "${args[@]}" --store "$WORK/store" > "$WORK/$cmd.store.out" 2>/dev/null
  for url in "$oxigraph_url" "$virtuoso_url"; do
    "$FENGONG" "${args[@]}" --endpoint "$url" 2>/dev/null | grep -v '^store: ' > "$WORK/$cmd.remote.out"
    grep -v '^store: ' "$WORK/$cmd.store.out" | cmp -s - "$WORK/$cmd.remote.out" ||
      { echo "$cmd from $url differs from the store" >&2; exit 1; }
  done
done
oxi_version=$("$OXIGRAPH" --version 2>&1 | head -1)
virt_version=$({ virtuoso-t -? 2>&1 || true; } | grep -m1 -i version | tr -s ' ')
cpus=$(nproc)

python3 - "$WORK" "$stats" "$name" "$leads" "$oxigraph_push" "$oxigraph_again" "$virtuoso_push" "$virtuoso_again" "$oxi_version" "$virt_version" "$RUNS" "$cpus" > docs/bench/remote.md <<'PY'
import json, statistics, sys
work, stats, name, leads, op, oa, vp, va, oxv, vv, runs, cpus = sys.argv[1:]
s = json.loads(stats)
def times(f):
    v = sorted(float(x) for x in open(f"{work}/{f}") if x.strip())
    return v
def cell(f):
    v = times(f)
    return f"{statistics.median(v)*1000:,.0f} ms (max {max(v)*1000:,.0f})"
def push(p, again):
    secs, sent = p.split()
    secs2, _ = again.split()
    secs, secs2 = float(secs), float(secs2)
    return secs, int(sent), secs2
print("# fengong on SPARQL servers, next to the embedded store")
print()
print(f"`benches/remote.sh` on {cpus} cores: a store of {s['tasks']:,} generated tasks in {s['plans']:,} plans "
      f"({s['triples']:,} triples in {s['graphs']:,} named graphs), pushed with `fengong push` into an Oxigraph "
      f"server ({oxv}) and into Virtuoso ({vv}), each on 127.0.0.1 with a new folder, then read "
      f"with `--endpoint`. Every figure is a whole `fengong` process, as a user runs it: the median of {runs} "
      "runs after a warm-up, and the slowest. The script checks that each server's answers equal the store's.")
print()
print("## Push")
print()
print("| server | first push | triples/s | graphs sent | second push (nothing to send) |")
print("|---|---|---|---|---|")
for label, p, a in [("Oxigraph server", op, oa), ("Virtuoso", vp, va)]:
    secs, sent, secs2 = push(p, a)
    print(f"| {label} | {secs:,.1f} s | {s['triples']/secs:,.0f} | {sent:,} | {secs2:,.1f} s |")
print()
print("## Reading")
print()
print(f"The agency that leads the most tasks, {name}, leads {int(leads):,}.")
print()
print("| command | store on disk | Oxigraph server | Virtuoso |")
print("|---|---|---|---|")
for cmd, label in [("agency", f"`fengong agency NAME`"), ("ask", "`fengong ask \"NAME牵头哪些任务?\"`"), ("rank", "`fengong rank --top 20`")]:
    print(f"| {label} | {cell(cmd+'-store.txt')} | {cell(cmd+'-oxigraph.txt')} | {cell(cmd+'-virtuoso.txt')} |")
print()
print("A server answers over HTTP what the store answers in process: each query's rows are written as "
      "SPARQL results XML and read back, and `rank` reads the whole network that way (355,000 role rows at "
      "100,000 tasks) before ranking it here. A push first reads every graph of the store to compare its "
      "digest with the server's record, which is all a second push does.")
PY
cat docs/bench/remote.md
