#!/usr/bin/env bash
# Soak test of the store's atomicity: a generated corpus, with copies and damaged files mixed
# in, ingested while the process is killed (SIGKILL) at random times; between ingests, random
# removals, killed too. After every kill the store must open and every document in it must be
# whole (its graph holds exactly the quads a clean ingest gives it); at the end, one more
# ingest must leave the store equal to a clean ingest quad for quad (ingest times aside).
#
#   scripts/soak.sh                       # 10,000 plans, 20 kills (about half an hour, release)
#   DOCS=500 KILLS=5 scripts/soak.sh      # a quick run
#
# Environment: FENGONG (the binary; default target/release/fengong), DOCS, KILLS, SEED, KILL_WITHIN, WORK
# (a folder to keep; default a fresh temporary one). Prints one line per round and a summary;
# exits non-zero at the first broken invariant.
set -euo pipefail
cd "$(dirname "$0")/.."
FENGONG=${FENGONG:-${CARGO_TARGET_DIR:-target}/release/fengong}
DOCS=${DOCS:-10000}
KILLS=${KILLS:-20}
SEED=${SEED:-7}
WORK=${WORK:-$(mktemp -d -t fengong-soak.XXXXXX)}
[ -x "$FENGONG" ] || { echo "soak: no binary at $FENGONG (cargo build --release)" >&2; exit 2; }
# The binary reads data/registry of its source tree at every run: a registry edited during the
# soak would re-derive the store between rounds and the final comparison would rightly fail.
registry_sum() { cat data/registry/*.toml | sha256sum | cut -c1-16; }
registry_at_start=$(registry_sum)
RANDOM=$SEED
mkdir -p "$WORK"
corpus=$WORK/corpus
clean=$WORK/clean
soak=$WORK/soak
rm -rf "$corpus" "$clean" "$soak"

"$FENGONG" gen-corpus --docs "$DOCS" --seed "$SEED" -o "$corpus" >/dev/null 2>&1
plans=$corpus/plans
# Copies: the same bytes under other names, in a folder of their own.
mkdir -p "$plans/copies"
copies=0
for f in $(ls "$plans" | grep -v copies | awk -v n=$((DOCS / 50 + 1)) 'NR % 50 == 1 && c++ < n'); do
  cp "$plans/$f" "$plans/copies/copy-of-$f"
  copies=$((copies + 1))
done
# Damaged files: each fails every ingest, and must leave the store as it was.
mkdir -p "$plans/damaged"
printf 'PK\003\004\024\000\000\000\010\000' > "$plans/damaged/cut.docx"
head -c 20000 /dev/urandom > "$plans/damaged/noise.txt"
: > "$plans/damaged/empty.txt"
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >>\n' > "$plans/damaged/broken.pdf"
printf '\377\376\000\000' > "$plans/damaged/utf16.txt"
damaged=5

# N-Quads of a store, sorted, without ingest times (the only thing two ingests may differ in).
dump() { "$FENGONG" export --store "$1" | grep -v 'prov#generatedAtTime' | LC_ALL=C sort; }
# Quads per document graph, places seen at aside (a copy's record comes with the copy).
GRAPHS='SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/fengong/graph/doc/") && ?p != fg:seenAt) } GROUP BY ?g'
per_graph() { "$FENGONG" query --store "$1" "$GRAPHS" --format tsv | tail -n +2 | LC_ALL=C sort; }

t0=$(date +%s.%N)
set +e
"$FENGONG" ingest "$plans" --store "$clean" > "$WORK/clean.log" 2> "$WORK/clean.err"
rc=$?
set -e
t1=$(date +%s.%N)
clean_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
failed=$(grep -c '^error:' "$WORK/clean.err" || true)
[ "$rc" -ne 0 ] && [ "$failed" -eq "$damaged" ] || {
  echo "soak: the clean ingest should fail exactly the $damaged damaged files (exit $rc, $failed failed)" >&2
  exit 1
}
per_graph "$clean" > "$WORK/clean.graphs"
docs_clean=$(wc -l < "$WORK/clean.graphs")
echo "clean ingest: $docs_clean documents ($copies copies and $damaged damaged files mixed in) in ${clean_s} s"

check() { # after a kill: the store opens and every document in it is whole
  "$FENGONG" stats --store "$soak" --format json > /dev/null 2> "$WORK/stats.err" || {
    echo "soak: the store does not open: $(cat "$WORK/stats.err")" >&2
    exit 1
  }
  per_graph "$soak" > "$WORK/soak.graphs"
  local broken
  broken=$(LC_ALL=C comm -23 "$WORK/soak.graphs" "$WORK/clean.graphs" | wc -l)
  if [ "$broken" -ne 0 ]; then
    echo "soak: $broken documents are not whole:" >&2
    LC_ALL=C comm -23 "$WORK/soak.graphs" "$WORK/clean.graphs" | head >&2
    exit 1
  fi
  wc -l < "$WORK/soak.graphs"
}

# A random time in seconds, from 0.2 s to most of a clean ingest, or to KILL_WITHIN seconds
# (a shorter window gives more kills per hour; each restarted ingest still has documents to write).
limit_ms=$(awk -v s="${KILL_WITHIN:-$(awk -v c="$clean_s" 'BEGIN { print c * 0.9 }')}" 'BEGIN { printf "%d", s * 1000 }')
random_s() { awk -v r=$((RANDOM * 32768 + RANDOM)) -v l="$limit_ms" 'BEGIN { printf "%.2f", (200 + r % (l + 1)) / 1000 }'; }

kills=0 rounds=0 completed=0 removed_total=0 remove_ms="" removals_done=0
while [ "$kills" -lt "$KILLS" ]; do
  rounds=$((rounds + 1))
  wait_s=$(random_s)
  "$FENGONG" ingest "$plans" --store "$soak" > "$WORK/round.log" 2>&1 &
  pid=$!
  sleep "$wait_s"
  if kill -KILL "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    kills=$((kills + 1))
    whole=$(check)
    echo "round $rounds: ingest killed after ${wait_s} s; $whole documents in the store, each whole"
    continue
  fi
  wait "$pid" 2>/dev/null || true
  completed=$((completed + 1))
  whole=$(check)
  # The store is complete: take a random fifth out (killed at random too) for later rounds to add.
  "$FENGONG" query --store "$soak" 'SELECT ?k WHERE { ?g fg:sourceKey ?k }' --format tsv \
    | tail -n +2 | tr -d '"' | shuf -n $((whole / 5)) --random-source=<(yes "$SEED.$rounds") > "$WORK/remove.keys"
  n=$(wc -l < "$WORK/remove.keys")
  # fengong itself in the background (through xargs, a kill would reach xargs and leave the
  # removal running on, holding the store).
  mapfile -t keys < "$WORK/remove.keys"
  "$FENGONG" remove --store "$soak" "${keys[@]}" > /dev/null 2>&1 &
  pid=$!
  # The first removal runs to the end and is timed; later ones are killed at a random moment
  # up to 1.5 times that long, so some are cut short and some complete.
  if [ -z "$remove_ms" ]; then
    t0=$(date +%s.%N)
    wait "$pid" 2>/dev/null || true
    remove_ms=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", (b - a) * 1500 }')
  else
    wait_s=$(awk -v r=$((RANDOM * 32768 + RANDOM)) -v l="$remove_ms" 'BEGIN { printf "%.2f", (r % (l + 1)) / 1000 }')
    sleep "$wait_s"
  fi
  if kill -KILL "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    kills=$((kills + 1))
    left=$(check)
    echo "round $rounds: ingest completed ($whole documents); removal of $n killed after ${wait_s} s: $left documents, each whole"
  else
    wait "$pid" 2>/dev/null || true
    left=$(check)
    removed_total=$((removed_total + n))
    removals_done=$((removals_done + 1))
    echo "round $rounds: ingest completed ($whole documents); $n removed: $left documents, each whole"
  fi
done

[ "$(registry_sum)" = "$registry_at_start" ] || {
  echo "soak: data/registry changed during the soak; run it again without editing the registry" >&2
  exit 2
}
t0=$(date +%s.%N)
"$FENGONG" ingest "$plans" --store "$soak" > "$WORK/final.log" 2>&1 || true
t1=$(date +%s.%N)
final_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
dump "$clean" > "$WORK/clean.nq"
dump "$soak" > "$WORK/soak.nq"
if ! cmp -s "$WORK/clean.nq" "$WORK/soak.nq"; then
  echo "soak: the final store differs from a clean ingest:" >&2
  diff "$WORK/clean.nq" "$WORK/soak.nq" | head -20 >&2
  exit 1
fi
echo "soak passed: $DOCS plans, $kills kills in $rounds rounds ($completed ingests ran to the end; $removals_done removals too, taking out $removed_total documents); the final ingest took ${final_s} s; the store equals a clean ingest quad for quad ($(wc -l < "$WORK/clean.nq") quads). Work folder: $WORK"
