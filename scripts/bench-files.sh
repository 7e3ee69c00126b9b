#!/usr/bin/env bash
# The 200,000-file benchmark (docs/LIMITS.md, docs/PERFORMANCE.md): a site of
# N small articles (default 200,000) in 1 locale, 200 folders, each linking
# to its neighbour; runs `stele check` and `stele build` once each under
# /usr/bin/time and prints wall time and peak RSS. Not a test: minutes, and
# about 1 GB of disk.
#   scripts/bench-files.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
bin=${STELE:-target/release/stele}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/site/content/en-US" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"f{i % 200}")
    if i < 200:
        os.makedirs(d, exist_ok=True)
    nxt = i + 200 if i + 200 < n else i % 200
    with open(os.path.join(d, f"a{i}.md"), "w") as f:
        f.write(f"---\ntitle: Article {i}\n---\n# Article {i}\n\nSee [the next one](../f{nxt % 200}/a{nxt}.md#article-{nxt}).\n")
PY
echo "files: $(find "$work/site/content" -type f | wc -l); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for cmd in check build; do
  extra=()
  [ "$cmd" = build ] && extra=(-q)
  /usr/bin/time -o "$work/time" -f "$cmd: %e s wall, %M KB peak RSS" \
    "$bin" "$cmd" "$work/site" "${extra[@]}" >/dev/null 2>"$work/$cmd.err" || true
  cat "$work/time"
  tail -2 "$work/$cmd.err"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
