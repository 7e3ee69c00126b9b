#!/usr/bin/env bash
# Benchmark: stele build (and stele check) on a synthetic multilingual site,
# side by side with Hugo (and lychee) when installed. Prints pages/s, peak
# memory and ratios; medians of several runs.
#
# usage: scripts/bench.sh [--articles N] [--runs N] [ARTICLES_PER_LOCALE] [RUNS]
#   --articles N, ARTICLES_PER_LOCALE  default 1250 (x 8 locales = 10,000
#                                      pages; 6250 = 50,000; 25000 = 200,000)
#   --runs N, RUNS                     default 5
# env: GEN_CORPUS  path to gen_corpus.py (default ../shared/tools/gen_corpus.py)
#      BENCH_DIR   where corpora are generated (default /tmp/stele-bench)
#      STELE       a stele binary to measure instead of building this tree's
#      PEERS=0     skip Hugo and lychee
set -euo pipefail

articles=1250
runs=5
positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --articles) articles=${2:?--articles needs a number}; shift 2 ;;
    --articles=*) articles=${1#*=}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "error: unknown option \`$1\`" >&2; echo "hint: see \`$0 --help\`" >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
if [ ${#positional[@]} -ge 1 ]; then articles=${positional[0]}; fi
if [ ${#positional[@]} -ge 2 ]; then runs=${positional[1]}; fi
case "$articles$runs" in
  *[!0-9]*) echo "error: ARTICLES and RUNS must be whole numbers" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_CORPUS:-$here/../shared/tools/gen_corpus.py}
dir=${BENCH_DIR:-/tmp/stele-bench}/$articles

if [ ! -f "$gen" ]; then
  echo "error: gen_corpus.py not found at \`$gen\`" >&2
  echo "hint: set GEN_CORPUS to its path" >&2
  exit 2
fi

if [ -n "${STELE:-}" ]; then
  stele=$STELE
else
  cargo build --release --quiet --manifest-path "$here/Cargo.toml"
  stele=$here/target/release/stele
fi

if [ ! -d "$dir/stele/content" ]; then
  mkdir -p "$dir"
  python3 "$gen" --articles "$articles" --out "$dir/stele/content" >/dev/null
  python3 "$gen" --articles "$articles" --out "$dir/hugo" --format hugo >/dev/null
fi
# gen_corpus.py leaves its manifest in content/; it is not part of the site.
if [ -f "$dir/stele/content/corpus.json" ]; then mv "$dir/stele/content/corpus.json" "$dir/corpus.json"; fi
pages=$(find "$dir/stele/content" -name '*.md' -not -path '*/includes/*' | wc -l)

# measure COMMAND...: RUNS runs, prints "median_wall_s median_peak_rss_mib median_cpu_s"
# (cpu = user + sys: steadier than wall time on a shared machine).
measure() {
  local times=() mems=() cpus=()
  for _ in $(seq "$runs"); do
    local out tf
    tf=$(mktemp)
    /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >/dev/null 2>&1 || true
    read -r e mem u sy < <(tail -1 "$tf")
    rm -f "$tf"
    times+=("$e")
    mems+=("$mem")
    cpus+=("$(echo "$u + $sy" | bc -l)")
  done
  local t m c
  t=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
  c=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$t $m $c"
}

printf 'machine: %s, %s cores, %s\n' "$(uname -m)" "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'corpus: %s pages (%s articles x %s locales), %s runs each, medians\n\n' \
  "$pages" "$articles" "$(ls "$dir/stele/content" | wc -l)" "$runs"
printf '%-34s %9s %11s %10s %9s\n' tool 'wall s' pages/s 'peak MiB' 'cpu s'

row() {
  local name=$1 t=$2 m=$3 c=$4
  printf '%-34s %9.2f %11.0f %10s %9.2f\n' "$name" "$t" "$(echo "$pages / $t" | bc -l)" "$m" "$c"
}

read -r st sm sc < <(measure "$stele" build "$dir/stele" -o "$dir/stele-public" -q)
row "stele build" "$st" "$sm" "$sc"
out_mb=$(du -sb "$dir/stele-public" | awk '{printf "%.1f", $1/1e6}')
read -r ct cm cc < <(measure "$stele" check "$dir/stele")
row "stele check" "$ct" "$cm" "$cc"
read -r s1 m1 c1 < <(measure env RAYON_NUM_THREADS=1 "$stele" build "$dir/stele" -o "$dir/stele-public-1" -q)
row "stele build (1 thread)" "$s1" "$m1" "$c1"

if [ "${PEERS:-1}" = 0 ]; then
  :
elif command -v hugo >/dev/null; then
  read -r ht hm hc < <(measure hugo --quiet -s "$dir/hugo" -d "$dir/hugo-public")
  row "hugo $(hugo version | awk '{print $2}')" "$ht" "$hm" "$hc"
  printf '\nstele build vs hugo: %.2fx the pages/s, %.2fx the peak memory\n' \
    "$(echo "$ht / $st" | bc -l)" "$(echo "$sm / $hm" | bc -l)"
else
  echo "(hugo not installed: apt-get install hugo)"
fi
if [ "${PEERS:-1}" != 0 ] && command -v lychee >/dev/null; then
  read -r lt lm lc < <(measure lychee --offline --no-progress --include-fragments "$dir/stele-public")
  row "lychee --offline (stele's HTML)" "$lt" "$lm" "$lc"
fi
printf '\nstele output: %s MB (%s files)\n' "$out_mb" "$(find "$dir/stele-public" -type f | wc -l)"
printf 'load average at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
if diff -rq "$dir/stele-public" "$dir/stele-public-1" >/dev/null; then
  echo 'output on 1 thread and on all threads: byte-identical'
else
  echo 'output on 1 thread and on all threads: DIFFERENT' >&2
fi
