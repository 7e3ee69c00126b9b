#!/usr/bin/env bash
# Benchmark: `stele serve` on a copy of a site. Prints the initial build
# time, then the time of incremental rebuilds after editing one article
# (several times) and after touching stele.toml (a full rebuild), as
# stele serve itself reports them, and the save-to-reload latency seen on
# the live-reload stream.
#
# usage: scripts/bench-serve.sh SITE [EDITS]
#   SITE   a site root (copied to a temporary directory; never modified)
#   EDITS  default 5
set -euo pipefail

site=${1:?usage: scripts/bench-serve.sh SITE [EDITS]}
edits=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
stele=$here/target/release/stele

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$site" "$work/site"
chmod -R u+w "$work/site"
NO_COLOR=1 "$stele" serve "$work/site" --port 0 2>"$work/err" >/dev/null &
pid=$!
for _ in $(seq 600); do grep -q '^serving' "$work/err" && break; sleep 0.5; done
grep -E '^built' "$work/err"
url=$(grep -o 'http://[0-9.:]*' "$work/err" | sed -n 1p)

article=$(find "$work/site/content" -name '*.md' -not -path '*/includes/*' | sort | sed -n 1p)
echo "editing ${article#"$work/site/"}"
for i in $(seq "$edits"); do
  before=$(grep -c '^rebuilt' "$work/err" || true)
  curl -sN --max-time 30 "$url/_stele/events" >"$work/sse" &
  curl_pid=$!
  sleep 0.3
  start=$(date +%s%N)
  printf '\nEdit %s.\n' "$i" >>"$article"
  for _ in $(seq 600); do
    [ "$(grep -c '^event: reload' "$work/sse" || true)" -ge 1 ] && break
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$curl_pid" 2>/dev/null || true
  for _ in $(seq 100); do [ "$(grep -c '^rebuilt' "$work/err" || true)" -gt "$before" ] && break; sleep 0.05; done
  echo "edit $i: $(grep '^rebuilt' "$work/err" | tail -1); reload event $(( (end - start) / 1000000 )) ms after the save"
done

before=$(grep -c '^rebuilt' "$work/err" || true)
touch "$work/site/stele.toml" 2>/dev/null || printf '' >>"$work/site/stele.toml"
for _ in $(seq 600); do [ "$(grep -c '^rebuilt' "$work/err" || true)" -gt "$before" ] && break; sleep 0.1; done
echo "stele.toml touched: $(grep '^rebuilt' "$work/err" | tail -1)"
