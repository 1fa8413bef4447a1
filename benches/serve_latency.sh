#!/bin/sh
# Latency of `equil serve`: median time from saving one page to the reload
# event, over 20 edits of the 1000-page benchmark corpus (5 languages).
#
#   benches/serve_latency.sh [EDITS]
#
# Needs python3 (for the corpus generator) and a release build.
set -eu
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-/tmp/corpus1k}
GEN=${GEN:-/work/shared/bench/gen_corpus.py}
if [ ! -f "$CORPUS/.gen_corpus.json" ]; then
    python3 "$GEN" --flavor equil --out "$CORPUS" --force
fi
cargo build --release --bin equil --example serve_latency
exec target/release/examples/serve_latency "$CORPUS" "${1:-20}"
