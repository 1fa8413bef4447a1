#!/usr/bin/env bash
# Whole-build benchmark: `equil build` against Hugo and the Markdown floor on
# the same generated corpus (5 languages), each the median of several runs,
# interleaved so that all three see the same machine load.
#
#   benches/run.sh [--corpus 1k|10k|both] [--runs N] [--cold] [--disk] [--no-hugo]
#
#   --corpus   1k: 4 modules × 50 pages × 5 languages (gen_corpus.py --pages 50)
#              10k: 20 modules × 100 pages × 5 languages (--modules 20 --pages 100)
#              both (default)
#   --runs     timed runs per tool (default 5; one untimed warm-up run first)
#   --cold     remove each tool's output before every run (not timed), so
#              that nothing of a previous build is reused
#   --disk     write outputs under $BENCH_DIR/out (on disk) instead of tmpfs
#   --no-hugo  skip Hugo even when it is installed
#
# Corpora are generated once into $BENCH_DIR (default /tmp/equil-bench-corpus)
# with benches/gen_corpus.py and reused. Outputs go to tmpfs (/dev/shm) by
# default, so the disk's noise is out of the figures and the floor is really
# the floor. Wall time, CPU time (user + system) and peak memory (max RSS)
# come from /usr/bin/time -v. Benchmarks, not tests: nothing fails on a time.
set -euo pipefail

corpus=both runs=5 cold=0 hugo=1 disk=0
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --cold) cold=1; shift ;;
    --disk) disk=1; shift ;;
    --no-hugo) hugo=0; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$corpus" in 1k|10k) corpora="$corpus" ;; both) corpora="1k 10k" ;;
  *) echo "run.sh: --corpus is 1k, 10k or both" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] 2>/dev/null || { echo "run.sh: --runs needs a number >= 1" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ "$hugo" = 1 ] && ! command -v hugo >/dev/null; then
  echo "run.sh: hugo is not installed (apt-get install -y hugo); timing equil and the floor only" >&2
  hugo=0
fi

repo="$(cd "$(dirname "$0")/.." && pwd)"
gen="${GEN_CORPUS:-$repo/benches/gen_corpus.py}"
dir="${BENCH_DIR:-/tmp/equil-bench-corpus}"
out_root="$dir/out"
if [ "$disk" = 0 ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then out_root=/dev/shm/equil-bench-out
  else echo "run.sh: no writable /dev/shm; writing outputs to disk ($out_root)" >&2; fi
fi
mkdir -p "$dir" "$out_root"

echo "building equil and the floor (release)..." >&2
(cd "$repo" && cargo build --release --quiet --bin equil --example floor)
equil="$repo/target/release/equil"
floor="$repo/target/release/examples/floor"

corpus_args() { case "$1" in 1k) echo "--pages 50" ;; 10k) echo "--modules 20 --pages 100" ;; esac; }

generate() { # corpus flavor
  local d="$dir/$1-$2"
  if [ ! -f "$d/.gen_corpus.json" ]; then
    echo "generating $1 corpus for $2 in $d..." >&2
    # shellcheck disable=SC2046
    python3 "$gen" --flavor "$2" $(corpus_args "$1") --out "$d" --force >/dev/null
  fi
}

# One timed run: prints "wall_seconds cpu_seconds max_rss_kib", or fails.
measure() { # output-dir command...
  local out="$1"; shift
  if [ "$cold" = 1 ]; then rm -rf "$out"; fi
  local log; log="$(mktemp)"
  if ! /usr/bin/time -v "$@" >/dev/null 2>"$log"; then
    echo "run.sh: failed: $*" >&2; tail -20 "$log" >&2; rm -f "$log"; return 1
  fi
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
                for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
              /User time \(seconds\)/ { cpu += $2 }
              /System time \(seconds\)/ { cpu += $2 }
              /Maximum resident set size/ { rss = $2 }
              END { printf "%.3f %.2f %d\n", wall, cpu, rss }' "$log"
  rm -f "$log"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for c in $corpora; do
  generate "$c" equil
  if [ "$hugo" = 1 ]; then generate "$c" hugo; fi
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); runs: $runs$([ "$cold" = 1 ] && echo ", cold output"); output on $([ "$out_root" = "$dir/out" ] && echo disk || echo tmpfs)"
if [ "$hugo" = 1 ]; then echo "hugo: $(hugo version | cut -d" " -f1-2)"; fi
printf '\n%-6s %-7s %10s %10s %10s %10s %9s %9s %9s\n' corpus tool "median s" "min s" "cpu s" "peak MiB" "÷ hugo" "÷ floor" "cpu÷floor"

for c in $corpora; do
  tools="equil floor"
  if [ "$hugo" = 1 ]; then tools="equil hugo floor"; fi
  declare -A cmd=(
    [equil]="$equil build --root $dir/$c-equil --output $out_root/$c-equil --base-url https://example.org/"
    [hugo]="hugo --quiet -s $dir/$c-hugo -d $out_root/$c-hugo"
    [floor]="$floor $dir/$c-equil/content $out_root/$c-floor 2"
  )
  declare -A walls=() cpus=() rss=()
  for t in $tools; do # warm-up: first output, caches
    # shellcheck disable=SC2086
    measure "$out_root/$c-$t" ${cmd[$t]} >/dev/null
  done
  for ((i = 1; i <= runs; i++)); do
    for t in $tools; do
      # shellcheck disable=SC2086
      read -r w u m < <(measure "$out_root/$c-$t" ${cmd[$t]})
      walls[$t]+="$w "; cpus[$t]+="$u "; rss[$t]+="$m "
    done
  done
  declare -A med=() cmed=()
  for t in $tools; do
    med[$t]=$(tr ' ' '\n' <<<"${walls[$t]}" | grep . | median)
    cmed[$t]=$(tr ' ' '\n' <<<"${cpus[$t]}" | grep . | median)
  done
  for t in $tools; do
    min=$(tr ' ' '\n' <<<"${walls[$t]}" | grep . | sort -n | head -1)
    mem=$(tr ' ' '\n' <<<"${rss[$t]}" | grep . | median)
    vs_hugo=-
    if [ "$hugo" = 1 ]; then
      vs_hugo=$(awk -v a="${med[$t]}" -v b="${med[hugo]}" 'BEGIN { printf "%.2f", a / b }')
    fi
    vs_floor=$(awk -v a="${med[$t]}" -v b="${med[floor]}" 'BEGIN { printf "%.1f", a / b }')
    cpu_floor=$(awk -v a="${cmed[$t]}" -v b="${cmed[floor]}" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')
    printf '%-6s %-7s %10s %10s %10s %10.0f %9s %9s %9s\n' "$c" "$t" "${med[$t]}" "$min" "${cmed[$t]}" "$(awk -v k="$mem" 'BEGIN { print k / 1024 }')" "$vs_hugo" "$vs_floor" "$cpu_floor"
  done
  unset cmd walls cpus rss med cmed
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
