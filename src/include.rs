//! `[!INCLUDE [title](path.md)]` expansion (DocFX), before Markdown.
//!
//! Invariants: pure; an include path is resolved against the folder of the
//! file that contains the directive and may not climb out of its locale
//! directory (such a path is refused before any lookup); a locale that lacks
//! the include uses the default locale's copy; every byte of the expanded
//! text maps back to a file of the site through [`SourceMap`], so links and
//! anchors inside included text are reported at their own file and line.

use crate::diagnostic::{Code, Diagnostic, LineIndex};
use crate::model::site::{FileId, Site};

pub mod shortcode;

/// A run of the expanded text copied from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Start of the run in the expanded text.
    pub out_start: usize,
    pub file: FileId,
    /// Start of the run in the file's text.
    pub src_start: usize,
}

/// Maps byte offsets of an expanded article back to (file, offset).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// Sorted by `out_start`; the first starts at 0.
    pub segments: Vec<Segment>,
}

impl SourceMap {
    /// The file and file offset of an offset of the expanded text.
    pub fn locate(&self, out: usize) -> (FileId, usize) {
        let i = match self.segments.binary_search_by_key(&out, |s| s.out_start) {
            Ok(i) => {
                // Several empty runs may start here; take the last.
                let mut j = i;
                while j + 1 < self.segments.len() && self.segments[j + 1].out_start == out {
                    j += 1;
                }
                j
            }
            Err(0) => 0,
            Err(i) => i - 1,
        };
        match self.segments.get(i) {
            Some(s) => (s.file, s.src_start + out.saturating_sub(s.out_start)),
            None => (0, out),
        }
    }

    /// The files whose text appears in the expansion (the article first).
    pub fn files(&self) -> Vec<FileId> {
        let mut v: Vec<FileId> = Vec::new();
        for s in &self.segments {
            if !v.contains(&s.file) {
                v.push(s.file);
            }
        }
        v
    }
}

/// An article's body with its includes expanded.
#[derive(Clone, Debug, Default)]
pub struct Expanded {
    pub text: String,
    pub map: SourceMap,
}

/// One `[!INCLUDE [title](path)]` found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Byte range of the whole directive.
    pub range: std::ops::Range<usize>,
    /// Byte range of the path.
    pub path: std::ops::Range<usize>,
    /// The directive stands alone on its line.
    pub block: bool,
    pub syntax: Syntax,
}

/// How an include is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `[!INCLUDE [title](path)]`: the path is relative to the file.
    DocFx,
    /// `{{% include "path" %}}`, `{{< readfile file="path" >}}`: the path is
    /// looked up in the `_includes/` folders from the file's folder up,
    /// then relative to the file, then to the locale directory.
    Hugo,
}

/// Expands the includes of `file` (its body, after the frontmatter).
pub fn expand(site: &Site, file: FileId) -> (Expanded, Vec<Diagnostic>) {
    let mut out = Expanded::default();
    let mut diags = Vec::new();
    let locale = site.file_locale(file);
    let mut stack = vec![file];
    expand_into(site, file, locale, &mut stack, &mut out, &mut diags);
    (out, diags)
}

fn expand_into(
    site: &Site,
    file: FileId,
    locale: usize,
    stack: &mut Vec<FileId>,
    out: &mut Expanded,
    diags: &mut Vec<Diagnostic>,
) {
    let f = &site.files[file];
    let start = site.frontmatter[file].body_start.min(f.text.len());
    let text = &f.text;
    let mut pos = start;
    // Built once per file, on the first diagnostic: a file of many broken
    // includes must not scan its text once per include.
    let line_index = std::cell::OnceCell::new();
    let mut directives = find_directives(&text[start..], start);
    directives.extend(find_shortcodes(&text[start..], start));
    directives.sort_by_key(|d| d.range.start);
    let mut last_end = start;
    for d in directives {
        if d.range.start < last_end {
            continue;
        }
        last_end = d.range.end;
        push(out, file, text, pos..d.range.start);
        pos = d.range.end;
        let written = &text[d.path.clone()];
        let raw = percent_encoding::percent_decode_str(written.trim()).decode_utf8_lossy();
        let idx = || line_index.get_or_init(|| LineIndex::new(text));
        let here = |code: Code, msg: String, hint: &str| {
            Diagnostic::new(code, f.path.clone(), msg)
                .with_span(idx().span(text, d.path.clone()))
                .with_hint(hint.to_string())
                .with_target(written.to_string())
                .with_locale(f.locale.clone())
        };
        let base = f.rel.rsplit_once('/').map(|(dir, _)| dir).unwrap_or("");
        if d.syntax == Syntax::Hugo {
            if let Some(target) = find_hugo(site, locale, base, &raw) {
                if enter(site, target, stack, out, diags, &here) {
                    expand_included(site, target, locale, &d, stack, out, diags);
                }
                continue;
            }
            diags.push(here(
                Code::MissingInclude,
                format!("include `{written}` not found"),
                &format!(
                    "looked for `_includes/{raw}` from `{}` up, and beside the file, in `{}` and the default locale",
                    if base.is_empty() { "." } else { base },
                    f.locale
                ),
            ));
            continue;
        }
        let Some(rel) = join(base, &raw) else {
            diags.push(here(
                Code::IncludeOutsideRoot,
                format!("include path `{written}` escapes `content/{}/`", f.locale),
                "includes must stay inside the locale directory; the include was not read",
            ));
            continue;
        };
        let found = site
            .include_at(locale, &rel)
            .or_else(|| site.article_at(locale, &rel).map(|a| site.articles[a].file));
        let found = found.or_else(|| {
            let d = site.fallback_locale(locale)?;
            site.include_at(d, &rel)
                .or_else(|| site.article_at(d, &rel).map(|a| site.articles[a].file))
        });
        let Some(target) = found else {
            diags.push(here(
                Code::MissingInclude,
                format!("include `{written}` not found"),
                &format!(
                    "no `content/<locale>/{rel}` exists in `{}` or the default locale",
                    f.locale
                ),
            ));
            continue;
        };
        if enter(site, target, stack, out, diags, &here) {
            expand_included(site, target, locale, &d, stack, out, diags);
        }
    }
    push(out, file, text, pos..text.len());
}

/// Refuses a cycle, nesting too deep or an article grown too large; `true`
/// when `target` may be expanded.
fn enter(
    site: &Site,
    target: FileId,
    stack: &[FileId],
    out: &Expanded,
    diags: &mut Vec<Diagnostic>,
    here: &dyn Fn(Code, String, &str) -> Diagnostic,
) -> bool {
    if stack.contains(&target) {
        let mut chain: Vec<&str> = stack.iter().map(|&s| site.files[s].rel.as_str()).collect();
        chain.push(&site.files[target].rel);
        diags.push(here(
            Code::IncludeCycle,
            format!(
                "include cycle: {}",
                chain
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
            "remove one of the includes; the cycle was cut here",
        ));
        return false;
    }
    let limits = &site.config.limits;
    if stack.len() > limits.include_depth {
        diags.push(here(
            Code::LimitExceeded,
            format!(
                "includes nested deeper than {} levels; this include was not expanded",
                limits.include_depth
            ),
            &crate::limits::hint("include_depth", limits.include_depth),
        ));
        return false;
    }
    if out.text.len() as u64 > limits.article_bytes() {
        diags.push(here(
                Code::LimitExceeded,
                format!(
                    "the article is larger than {} MiB with its includes expanded; this include was not expanded",
                    limits.article_mb
                ),
                &crate::limits::hint("article_mb", limits.article_mb),
            ));
        return false;
    }
    true
}

/// Expands `target` in place of directive `d`.
fn expand_included(
    site: &Site,
    target: FileId,
    locale: usize,
    d: &Directive,
    stack: &mut Vec<FileId>,
    out: &mut Expanded,
    diags: &mut Vec<Diagnostic>,
) {
    let file = *stack.last().unwrap_or(&target);
    stack.push(target);
    if d.block {
        // Keep the included blocks apart from the surrounding ones.
        push_synthetic(out, file, d.range.start, "\n");
    }
    let before = out.text.len();
    expand_into(site, target, locale, stack, out, diags);
    if !d.block {
        // Inline includes: no trailing line break inside a paragraph.
        let trimmed = out.text[before..].trim_end().len();
        out.text.truncate(before + trimmed);
    } else if !out.text.ends_with('\n') {
        push_synthetic(out, file, d.range.end, "\n");
    }
    stack.pop();
}

fn push(out: &mut Expanded, file: FileId, text: &str, range: std::ops::Range<usize>) {
    if range.is_empty() {
        return;
    }
    out.map.segments.push(Segment {
        out_start: out.text.len(),
        file,
        src_start: range.start,
    });
    out.text.push_str(&text[range]);
}

fn push_synthetic(out: &mut Expanded, file: FileId, at: usize, s: &str) {
    out.map.segments.push(Segment {
        out_start: out.text.len(),
        file,
        src_start: at,
    });
    out.text.push_str(s);
    // Anything after maps to `at` again, not past it.
    out.map.segments.push(Segment {
        out_start: out.text.len(),
        file,
        src_start: at,
    });
}

/// Where a Hugo include path leads: `_includes/<path>` in the file's folder
/// and every folder above it, then the path beside the file, then from the
/// locale directory; in the locale, then in the default locale. A path
/// without an extension also matches `<path>.md`.
fn find_hugo(site: &Site, locale: usize, base: &str, raw: &str) -> Option<FileId> {
    let raw = raw.trim();
    // `readfile` paths are often written from the site root.
    let raw = raw.trim_start_matches("./");
    let raw = match raw.strip_prefix("content/") {
        Some(rest) => rest.split_once('/').map_or(rest, |(_, r)| r),
        None => raw,
    };
    let mut names = vec![raw.trim_start_matches('/').to_string()];
    if !raw.rsplit('/').next().unwrap_or("").contains('.') {
        names.push(format!("{}.md", names[0]));
    }
    let mut candidates = Vec::new();
    let mut dir = Some(base);
    while let Some(d) = dir {
        for n in &names {
            let p = if d.is_empty() {
                format!("_includes/{n}")
            } else {
                format!("{d}/_includes/{n}")
            };
            candidates.push(p);
        }
        dir = if d.is_empty() {
            None
        } else {
            Some(d.rsplit_once('/').map_or("", |(p, _)| p))
        };
    }
    for n in &names {
        if !raw.starts_with('/') {
            if let Some(j) = join(base, n) {
                candidates.push(j);
            }
        }
        candidates.push(n.clone());
    }
    let lookup = |l: usize| {
        candidates.iter().find_map(|c| {
            site.include_at(l, c)
                .or_else(|| site.article_at(l, c).map(|a| site.articles[a].file))
        })
    };
    lookup(locale).or_else(|| lookup(site.default_locale))
}

/// `{{% include "path" %}}` and `{{< readfile file="path" >}}` in `body`,
/// outside code. Ranges are offset by `base`.
pub fn find_shortcodes(body: &str, base: usize) -> Vec<Directive> {
    use shortcode::{TagKind, Token};
    let mut found = Vec::new();
    for t in shortcode::scan(body) {
        let Token::Tag(t) = t else { continue };
        let name = t.name.to_ascii_lowercase();
        if t.kind == TagKind::Close || !matches!(name.as_str(), "include" | "readfile") {
            continue;
        }
        let Some(arg) = t.arg("file", 0).or_else(|| t.named("path")) else {
            continue;
        };
        found.push(Directive {
            range: base + t.range.start..base + t.range.end,
            path: base + arg.range.start..base + arg.range.end,
            block: shortcode::is_block(body, &t.range),
            syntax: Syntax::Hugo,
        });
    }
    found
}

/// Joins a relative path onto a folder (both relative to the locale
/// directory). `None` when the result climbs out of it.
pub fn join(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in rel.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Finds include directives in `body`, skipping fenced code and code spans.
/// Ranges are offset by `base`.
pub fn find_directives(body: &str, base: usize) -> Vec<Directive> {
    let mut found = Vec::new();
    if !body.contains("[!") {
        return found;
    }
    let mut fence: Option<(u8, usize)> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let marker = trimmed.bytes().next();
        if matches!(marker, Some(b'`' | b'~')) && indent < 4 {
            let c = marker.unwrap_or(b'`');
            let n = trimmed.bytes().take_while(|&b| b == c).count();
            if n >= 3 {
                match fence {
                    None => fence = Some((c, n)),
                    Some((fc, fnn)) if fc == c && n >= fnn && trimmed[n..].trim().is_empty() => {
                        fence = None
                    }
                    _ => {}
                }
                offset += line.len();
                continue;
            }
        }
        if fence.is_none() && indent < 4 {
            scan_line(line, base + offset, &mut found);
        }
        offset += line.len();
    }
    found
}

fn scan_line(line: &str, base: usize, found: &mut Vec<Directive>) {
    let lower = line.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("[!include") {
        let at = from + i;
        from = at + 9;
        // Inside a code span when an odd number of backticks precede it.
        if line[..at].bytes().filter(|&b| b == b'`').count() % 2 == 1 {
            continue;
        }
        let rest = &line[at + 9..];
        let ws = rest.len() - rest.trim_start().len();
        let rest_t = rest.trim_start();
        if !rest_t.starts_with('[') {
            continue;
        }
        let Some(close_title) = rest_t.find("](") else {
            continue;
        };
        let path_start = at + 9 + ws + close_title + 2;
        let Some(close_path) = line[path_start..].find(')') else {
            continue;
        };
        let path_end = path_start + close_path;
        let after = &line[path_end + 1..];
        let after_ws = after.len() - after.trim_start().len();
        if !after.trim_start().starts_with(']') {
            continue;
        }
        let end = path_end + 1 + after_ws + 1;
        let block = line[..at].trim().is_empty() && line[end..].trim().is_empty();
        // Strip a title in quotes after the path: (path "title").
        let path_text = &line[path_start..path_end];
        let p_len = path_text
            .trim_end()
            .split_once(char::is_whitespace)
            .map(|(p, _)| p.len())
            .unwrap_or(path_text.trim_end().len());
        let lead = path_text.len() - path_text.trim_start().len();
        found.push(Directive {
            range: base + at..base + end,
            path: base + path_start + lead
                ..base + path_start + lead + p_len.saturating_sub(lead).max(0),
            block,
            syntax: Syntax::DocFx,
        });
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_block_and_inline_directives() {
        let body = "a\n[!INCLUDE [t](../includes/x.md)]\nb [!include[u](y.md)] c\n```\n[!INCLUDE [t](z.md)]\n```\n`[!INCLUDE [t](w.md)]`\n";
        let d = find_directives(body, 0);
        assert_eq!(d.len(), 2);
        assert_eq!(&body[d[0].path.clone()], "../includes/x.md");
        assert!(d[0].block);
        assert_eq!(&body[d[1].path.clone()], "y.md");
        assert!(!d[1].block);
    }

    #[test]
    fn joins_within_the_locale() {
        assert_eq!(
            join("a/b", "../includes/x.md").as_deref(),
            Some("a/includes/x.md")
        );
        assert_eq!(join("a", "./x.md").as_deref(), Some("a/x.md"));
        assert_eq!(join("", "../x.md"), None);
        assert_eq!(join("a", "../../x.md"), None);
    }

    #[test]
    fn source_map_locates() {
        let m = SourceMap {
            segments: vec![
                Segment {
                    out_start: 0,
                    file: 0,
                    src_start: 10,
                },
                Segment {
                    out_start: 5,
                    file: 1,
                    src_start: 0,
                },
                Segment {
                    out_start: 8,
                    file: 0,
                    src_start: 40,
                },
            ],
        };
        assert_eq!(m.locate(3), (0, 13));
        assert_eq!(m.locate(5), (1, 0));
        assert_eq!(m.locate(9), (0, 41));
    }
}
