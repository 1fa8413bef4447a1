#!/bin/sh
# Latency of `equil serve`: median time from saving one page to the reload
# event, over EDITS body edits (default 20) and 5 title edits, on the 1,000-
# and the 10,000-page benchmark corpora (5 languages), with the server's
# memory. The corpora run one after another, CORPORA times over (default 2),
# so that both see the same machine load; compare with the load average
# printed before each run.
#
#   benches/serve_latency.sh [EDITS] [ROUNDS]
#
# CORPORA="1k" (or "10k") runs one corpus only. COMPARE_FULL=1 also runs
# each corpus with EQUIL_SERVE_FULL=1 (every change a full rebuild, no fast
# path for body edits), interleaved with the normal runs. Corpora are generated once
# into $BENCH_DIR/<corpus>-equil (default /tmp/equil-bench-corpus), as
# benches/run.sh does. Needs python3 and a release build (made here).
set -eu
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/equil-bench-corpus}
GEN=${GEN:-benches/gen_corpus.py}
CORPORA=${CORPORA:-"1k 10k"}
EDITS=${1:-20}
ROUNDS=${2:-2}
for c in $CORPORA; do
    case "$c" in
        1k) args="--pages 50" ;;
        10k) args="--modules 20 --pages 100" ;;
        *) echo "serve_latency.sh: CORPORA holds 1k and/or 10k" >&2; exit 2 ;;
    esac
    if [ ! -f "$BENCH_DIR/$c-equil/.gen_corpus.json" ]; then
        # shellcheck disable=SC2086
        python3 "$GEN" --flavor equil $args --out "$BENCH_DIR/$c-equil" --force
    fi
done
cargo build --release --bin equil --example serve_latency
round=1
while [ "$round" -le "$ROUNDS" ]; do
    for c in $CORPORA; do
        echo "== $c corpus, round $round, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
        target/release/examples/serve_latency "$BENCH_DIR/$c-equil" "$EDITS"
        if [ "${COMPARE_FULL:-0}" = 1 ]; then
            echo "== $c corpus, round $round, full rebuilds (EQUIL_SERVE_FULL=1), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
            EQUIL_SERVE_FULL=1 target/release/examples/serve_latency "$BENCH_DIR/$c-equil" "$EDITS"
        fi
    done
    round=$((round + 1))
done
