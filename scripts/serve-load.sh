#!/usr/bin/env bash
# `stele serve` under load while an article is saved every 200 ms.
#   scripts/serve-load.sh SITE [SECONDS] [CONNECTIONS]
# Copies SITE to a temporary directory, serves it (target/release/stele),
# saves one en-US article every 200 ms (appending `EDIT-k`), runs wrk with
# CONNECTIONS connections for SECONDS over that article's page and a few
# others (scripts/serve-load.lua checks every response), samples the
# server's resident memory every second, and prints the figures and the
# load average. Needs wrk (`apt-get install -y wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:?usage: scripts/serve-load.sh SITE [SECONDS] [CONNECTIONS]}
secs=${2:-30}
conns=${3:-64}
bin=${STELE:-target/release/stele}
work=$(mktemp -d)
editor= sampler= server=
trap 'kill "$editor" "$sampler" "$server" 2>/dev/null || true; wait 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$site" "$work/site"
port=$((20000 + RANDOM % 20000))
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
"$bin" serve "$work/site" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
until grep -q "serving" "$work/serve.log" 2>/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.2
done
echo "first build: $(echo "$(date +%s.%N) - $start" | bc) s ($(grep -m1 '^built' "$work/serve.log"))"
article=$(cd "$work/site" && find content/en-US -name '*.md' -not -name index.md -not -path '*/includes/*' | sort | sed -n 1p)
rel=${article#content/en-US/}
url="/en-us/$(echo "${rel%.md}" | tr 'A-Z' 'a-z')/"
curl -fsS -o /dev/null "http://127.0.0.1:$port$url" || { echo "no page at $url"; exit 1; }
others=$(cd "$work/site" && find content/en-US -name '*.md' -not -name index.md -not -path '*/includes/*' | sort | sed -n '10p;100p;1000p' |
  sed 's#^content/en-US/#/en-us/#; s#\.md$#/#' | tr 'A-Z' 'a-z' | tr '\n' ' ')
echo "edited: $article ($url); also requested: / $others"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
: >"$work/rss"
(while :; do echo "$(date +%s) $(rss)" >>"$work/rss"; sleep 1; done) &
sampler=$!
orig=$(cat "$work/site/$article")
(k=0; while :; do k=$((k + 1)); printf '%s\n\nEDIT-%d\n' "$orig" "$k" >"$work/site/$article"; echo "$k" >"$work/edits"; sleep 0.2; done) &
editor=$!
wrk -t2 -c"$conns" -d"${secs}s" --latency -s scripts/serve-load.lua "http://127.0.0.1:$port" -- "$url" "$url" / $others | tee "$work/wrk.out"
kill "$editor" "$sampler"
echo "saves: $(cat "$work/edits"); rebuilds logged: $(grep -c 'rebuilt' "$work/serve.log" || true)"
echo "rebuild times (ms): $(grep -oE 'rebuilt in [0-9]+ ms' "$work/serve.log" | grep -oE '[0-9]+' | tr '\n' ' ' | cut -c1-400)"
awk '{print $2}' "$work/rss" | awk 'NR==1{first=$1} {if($1>max)max=$1; last=$1; v[NR]=$1} END {printf "RSS (MB): first %.0f, after 5 s %.0f, max %.0f, last %.0f, samples %d\n", first/1024, v[6]/1024, max/1024, last/1024, NR}'
echo "RSS series (MB): $(awk '{printf "%.0f ", $2/1024}' "$work/rss")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
