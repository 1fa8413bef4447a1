#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); works on a stable toolchain
# through RUSTC_BOOTSTRAP. A crash leaves its input in fuzz/artifacts/ and
# makes this script exit non-zero: keep it as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
targets="front_matter markdown fluent fluent_nesting templates pdf"
# Inputs that once crashed a target (or its checks) must keep passing: every
# file under fuzz/regressions/<target>/. The same replay runs on a stable
# toolchain as `cargo test --test testsuite hostile::fuzz_regressions`.
for target in $targets; do
  if [ -d "fuzz/regressions/$target" ]; then
    echo "== $target: replaying fuzz/regressions/$target/"
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" fuzz/regressions/"$target"/*
  fi
done
for target in $targets; do
  echo "== $target ($seconds s)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" -- -max_total_time="$seconds" -max_len=4096
done
