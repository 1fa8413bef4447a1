#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each).
# Needs cargo-fuzz (`cargo install cargo-fuzz`); works on a stable toolchain
# through RUSTC_BOOTSTRAP. A crash leaves its input in fuzz/artifacts/ and
# makes this script exit non-zero: keep it as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
for target in front_matter markdown fluent; do
  # Inputs that once crashed a target (or its checks) must keep passing.
  if [ -d "fuzz/regressions/$target" ]; then
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" fuzz/regressions/"$target"/*
  fi
  echo "== $target ($seconds s)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" -- -max_total_time="$seconds" -max_len=4096
done
