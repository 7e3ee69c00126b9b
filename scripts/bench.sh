#!/usr/bin/env bash
# Benchmark: stele build (and stele check) on a synthetic multilingual site,
# side by side with Hugo (and lychee) when installed. Prints pages/s, peak
# memory and ratios; medians of several runs.
#
# usage: scripts/bench.sh [ARTICLES_PER_LOCALE] [RUNS]
#   ARTICLES_PER_LOCALE  default 1250 (x 8 locales = 10,000 pages)
#   RUNS                 default 5
# env: GEN_CORPUS  path to gen_corpus.py (default ../shared/tools/gen_corpus.py)
#      BENCH_DIR   where corpora are generated (default /tmp/stele-bench)
set -euo pipefail

articles=${1:-1250}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_CORPUS:-$here/../shared/tools/gen_corpus.py}
dir=${BENCH_DIR:-/tmp/stele-bench}/$articles

if [ ! -f "$gen" ]; then
  echo "error: gen_corpus.py not found at \`$gen\`" >&2
  echo "hint: set GEN_CORPUS to its path" >&2
  exit 2
fi

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
stele=$here/target/release/stele

if [ ! -d "$dir/stele/content" ]; then
  mkdir -p "$dir"
  python3 "$gen" --articles "$articles" --out "$dir/stele/content" >/dev/null
  python3 "$gen" --articles "$articles" --out "$dir/hugo" --format hugo >/dev/null
fi
# gen_corpus.py leaves its manifest in content/; it is not part of the site.
if [ -f "$dir/stele/content/corpus.json" ]; then mv "$dir/stele/content/corpus.json" "$dir/corpus.json"; fi
pages=$(find "$dir/stele/content" -name '*.md' -not -path '*/includes/*' | wc -l)

# run NAME COMMAND...: times RUNS runs, prints "median_seconds peak_rss_mib".
measure() {
  local times=() mems=()
  for _ in $(seq "$runs"); do
    local out tf
    tf=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$tf" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$tf")
    rm -f "$tf"
    times+=("${out% *}")
    mems+=("${out#* }")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
  echo "$t $m"
}

printf 'machine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
printf 'corpus: %s pages (%s articles x %s locales), %s runs each, medians\n\n' \
  "$pages" "$articles" "$(ls "$dir/stele/content" | wc -l)" "$runs"
printf '%-34s %9s %11s %10s\n' tool seconds pages/s 'peak MiB'

row() {
  local name=$1 t=$2 m=$3
  printf '%-34s %9.2f %11.0f %10s\n' "$name" "$t" "$(echo "$pages / $t" | bc -l)" "$m"
}

read -r st sm < <(measure "$stele" build "$dir/stele" -o "$dir/stele-public" -q)
row "stele build" "$st" "$sm"
read -r ct cm < <(measure "$stele" check "$dir/stele")
row "stele check" "$ct" "$cm"
read -r s1 m1 < <(measure env RAYON_NUM_THREADS=1 "$stele" build "$dir/stele" -o "$dir/stele-public-1" -q)
row "stele build (1 thread)" "$s1" "$m1"

if command -v hugo >/dev/null; then
  read -r ht hm < <(measure hugo --quiet -s "$dir/hugo" -d "$dir/hugo-public")
  row "hugo $(hugo version | awk '{print $2}')" "$ht" "$hm"
  printf '\nstele build vs hugo: %.2fx the pages/s, %.2fx the peak memory\n' \
    "$(echo "$ht / $st" | bc -l)" "$(echo "$sm / $hm" | bc -l)"
else
  echo "(hugo not installed: apt-get install hugo)"
fi
if command -v lychee >/dev/null; then
  read -r lt lm < <(measure lychee --offline --no-progress --include-fragments "$dir/stele-public")
  row "lychee --offline (stele's HTML)" "$lt" "$lm"
fi
