#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the test fixtures (tests/fixtures/**):
# every Markdown file for the single-text targets, and each fixture's
# articles joined with its includes at NUL bytes for the multi-file ones.
# The corpora are generated, never committed (fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
mkdir -p "$corpus"/{frontmatter,markdown,docfx,include,links,site}
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  for t in frontmatter markdown docfx; do cp "$f" "$corpus/$t/fixture-$n.md"; done
  # Link targets: every Markdown link destination of the file, one a line.
  grep -oE '\]\([^) ]+' "$f" | sed 's/^](//' > "$corpus/links/fixture-$n.txt" || true
  [ -s "$corpus/links/fixture-$n.txt" ] || rm -f "$corpus/links/fixture-$n.txt"
done < <(find tests/fixtures -name '*.md' -print0 | sort -z)
# Multi-file seeds: article, then up to three includes of the same fixture.
while IFS= read -r -d '' inc_dir; do
  content=$(dirname "$inc_dir")
  mapfile -t incs < <(find "$inc_dir" -name '*.md' | sort | head -3)
  while IFS= read -r -d '' art; do
    n=$((n + 1))
    {
      # Point the article's includes at the fuzz site's names.
      sed -E 's#\(([./]*)includes/[^)]*\)#(includes/i1.md)#g' "$art"
      for i in "${incs[@]}"; do printf '\0'; cat "$i"; done
    } > "$corpus/include/fixture-$n.md"
    cp "$corpus/include/fixture-$n.md" "$corpus/site/fixture-$n.md"
  done < <(find "$content" -name '*.md' -not -path '*/includes/*' -print0 | sort -z)
done < <(find tests/fixtures -type d -name includes -print0 | sort -z)
# A few hand-written seeds the fixtures lack.
printf -- '---\ntitle: t\nms.date: 5/2/2016\na: &x [*x]\n---\n# h\n' > "$corpus/frontmatter/seed-alias.md"
printf '[!INCLUDE [a](includes/i1.md)]\0[!INCLUDE [b](includes/i2.md)]\0[!INCLUDE [c](includes/i1.md)]\0x' > "$corpus/include/seed-loop.md"
printf 'guide/install.md#linux\n../index.md\n/en-us/guide/install/\nhttps://x.test/\nmailto:a@b\n%%E3%%82%%AC\n../../../../x.md\n' > "$corpus/links/seed.txt"
for t in frontmatter markdown docfx include links site; do
  echo "$t: $(ls "$corpus/$t" | wc -l) seeds"
done
