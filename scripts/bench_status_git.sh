#!/usr/bin/env bash
# Benchmark: the cost of `ms.sourcegitcommit` staleness in `stele status`.
# Builds a synthetic site in a git repository with a long history of source
# edits and translations naming many different source commits, then times
# `stele status --format json` in the repository and in a copy without
# `.git` (where no git runs); the difference is what asking git costs.
#
# usage: scripts/bench_status_git.sh [ARTICLES_PER_LOCALE] [COMMITS] [RUNS]
#   ARTICLES_PER_LOCALE  default 1000 (x 3 locales)
#   COMMITS              source-editing commits, default 300
#   RUNS                 default 5
# env: GEN_CORPUS  path to gen_corpus.py (default ../shared/tools/gen_corpus.py)
#      BENCH_DIR   where the repository is made (default /tmp/stele-bench-git)
#      STELE       the binary (default target/release/stele, built if missing)
set -euo pipefail

articles=${1:-1000}
commits=${2:-300}
runs=${3:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
gen=${GEN_CORPUS:-$here/../shared/tools/gen_corpus.py}
dir=${BENCH_DIR:-/tmp/stele-bench-git}/$articles-$commits

if [ ! -f "$gen" ]; then
  echo "error: gen_corpus.py not found at \`$gen\`" >&2
  echo "hint: set GEN_CORPUS to its path" >&2
  exit 2
fi
stele=${STELE:-$here/target/release/stele}
if [ ! -x "$stele" ]; then
  cargo build --release --quiet --manifest-path "$here/Cargo.toml"
fi

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

if [ ! -d "$dir/repo/.git" ]; then
  rm -rf "$dir"
  mkdir -p "$dir/repo"
  python3 "$gen" --articles "$articles" --locales en-US,ja-JP,de-DE --out "$dir/repo/content" >/dev/null
  python3 - "$dir/repo" "$commits" <<'EOF'
import os, random, subprocess, sys
repo, commits = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
def git(*args, date="2024-01-01T00:00:00Z"):
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()
src = os.path.join(repo, "content", "en-US")
files = sorted(os.path.relpath(os.path.join(d, f), repo) for d, _, fs in os.walk(src) for f in fs if f.endswith(".md"))
git("init", "-q")
git("add", "content/en-US")
git("commit", "-q", "-m", "sources")
ids = [git("rev-parse", "HEAD")]
for i in range(commits):
    for f in rng.sample(files, max(1, len(files) // 100)):
        with open(os.path.join(repo, f), "a") as fh:
            fh.write(f"\nEdit {i}.\n")
    day = 1 + i % 28
    git("commit", "-q", "-am", f"edit {i}", date=f"2024-{1 + i // 28 % 12:02d}-{day:02d}T00:00:00Z")
    ids.append(git("rev-parse", "HEAD"))
# Each translation names one of the commits (100 distinct at most).
named = rng.sample(ids, min(100, len(ids)))
for loc in ("ja-JP", "de-DE"):
    for d, _, fs in os.walk(os.path.join(repo, "content", loc)):
        for f in fs:
            if not f.endswith(".md"):
                continue
            p = os.path.join(d, f)
            text = open(p, encoding="utf-8").read()
            text = text.replace("---\n", f"---\nms.sourcegitcommit: {rng.choice(named)}\n", 1)
            open(p, "w", encoding="utf-8").write(text)
git("add", ".")
git("commit", "-q", "-m", "translations")
EOF
  mkdir -p "$dir/nogit"
  cp -r "$dir/repo/content" "$dir/nogit/"
fi

distinct=$(grep -rh '^ms.sourcegitcommit' "$dir/repo/content" | sort -u | wc -l)
pages=$(find "$dir/repo/content" -name '*.md' | wc -l)

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
measure() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e' "$stele" status "$1" --format json 2>&1 >/dev/null | tail -1
  done | median
}
with=$(measure "$dir/repo")
without=$(measure "$dir/nogit")
stale=$("$stele" status "$dir/repo" --format json | grep -c '"state": "stale"' || true)
echo "site: $pages articles, $commits source commits, $distinct distinct ms.sourcegitcommit values, $stale stale"
echo "stele status, in the git repository:  ${with}s (median of $runs)"
echo "stele status, same site without git:  ${without}s"
