//! DocFX tables of contents: `toc.yml` / `TOC.yml`, `TOC.md` (heading
//! levels as nesting) and `breadcrumb/toc.yml`, per folder.
//!
//! [`parse`] reads one file into [`Entry`] trees whose values keep their
//! byte ranges in the file, so an entry that points nowhere is reported at
//! the TOC's line and column. [`navigate`] resolves every TOC of a site
//! (nested TOCs by `href: sub/` or `href: sub/toc.yml`) into a
//! [`Navigation`]: one tree per root TOC and locale, the place of every
//! article it lists, and the breadcrumb trail of `breadcrumb/toc.yml`.
//! Links are resolved by a function the caller passes ([`LinkFn`], the
//! analyze stage's resolver), so this model stage imports no later one.
//!
//! Invariants: pure; trees keep the TOC's order; an article's place is its
//! first entry without a `#fragment` in the nearest TOC that lists it;
//! nested TOCs are followed at most 8 deep and never in a cycle.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use crate::model::site::{ArticleId, Site};

/// A string of the TOC and where it is written (byte range in the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub text: String,
    pub range: Range<usize>,
}

/// One entry of a TOC.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// Where the name is written.
    pub range: Range<usize>,
    pub href: Option<Value>,
    /// The page of an entry whose `href` is a nested TOC.
    pub topic_href: Option<Value>,
    /// The TOC an entry stands for (breadcrumbs: the URL prefix it covers).
    pub toc_href: Option<Value>,
    pub expanded: bool,
    pub items: Vec<Entry>,
}

/// What kind of TOC a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TocKind {
    /// `toc.yml` or `TOC.md`: a sidebar.
    Nav,
    /// `breadcrumb/toc.yml`: the breadcrumb trail of the folder above.
    Breadcrumb,
}

pub use crate::read::discover::{TocFormat, toc_format as format_of};

/// The kind of the TOC at `rel` (a path relative to the locale directory).
pub fn kind_of(rel: &str) -> TocKind {
    let mut parts = rel.rsplit('/');
    parts.next();
    match parts.next() {
        Some(dir) if dir.eq_ignore_ascii_case("breadcrumb") => TocKind::Breadcrumb,
        _ => TocKind::Nav,
    }
}

/// A problem in a TOC file, at a byte range of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub message: String,
    pub hint: String,
    pub range: Range<usize>,
}

/// How many entries a TOC has, at every depth (for `[limits] toc_entries`).
pub fn count_entries(entries: &[Entry]) -> usize {
    let mut count = 0;
    let mut stack: Vec<&[Entry]> = vec![entries];
    while let Some(level) = stack.pop() {
        count += level.len();
        stack.extend(level.iter().map(|e| e.items.as_slice()));
    }
    count
}

/// Parses the text of a TOC file.
pub fn parse(text: &str, format: TocFormat) -> (Vec<Entry>, Vec<Finding>) {
    match format {
        TocFormat::Yaml => parse_yaml(text),
        TocFormat::Markdown => (parse_markdown(text), Vec::new()),
    }
}

// ---------------------------------------------------------------------------
// YAML

type S = serde_saphyr::Spanned<String>;

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawEntry {
    name: Option<S>,
    #[serde(rename = "displayName")]
    display_name: Option<S>,
    href: Option<S>,
    #[serde(rename = "topicHref")]
    topic_href: Option<S>,
    #[serde(rename = "tocHref")]
    toc_href: Option<S>,
    expanded: Option<serde_saphyr::Spanned<bool>>,
    items: Option<Vec<RawEntry>>,
}

/// `items:` at the top (spans are lost through `#[serde(untagged)]`, so
/// the two shapes are told apart by the first line instead).
#[derive(Deserialize)]
struct RawRoot {
    #[serde(default)]
    items: Vec<RawEntry>,
}

fn starts_with_list(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("---"))
        .is_some_and(|l| l.starts_with('-'))
}

/// The byte range of a spanned scalar in `text`, from its line and column
/// when the byte offset is not known.
fn range_of(text: &str, s: &serde_saphyr::Location, len_hint: usize) -> Range<usize> {
    let span = s.span();
    if let Some(start) = span.byte_offset() {
        let start = (start as usize).min(text.len());
        let len = span.byte_len().map(|l| l as usize).unwrap_or(len_hint);
        return start..(start + len).min(text.len());
    }
    let line = s.line().max(1) as usize;
    let col = s.column().max(1) as usize;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let start = text[line_start.min(text.len())..]
        .char_indices()
        .nth(col - 1)
        .map(|(i, _)| line_start + i)
        .unwrap_or(line_start)
        .min(text.len());
    start..(start + len_hint).min(text.len())
}

fn value(text: &str, s: S) -> Value {
    let len = s.value.len();
    let range = range_of(text, &s.referenced, len);
    // A quoted scalar's span holds its quotes: point at the value.
    let range = match text
        .get(range.clone())
        .and_then(|w| w.find(s.value.as_str()))
    {
        Some(i) if !s.value.is_empty() => range.start + i..range.start + i + len,
        _ => range,
    };
    Value {
        range,
        text: s.value,
    }
}

fn convert(text: &str, raw: Vec<RawEntry>) -> Vec<Entry> {
    raw.into_iter()
        .map(|r| {
            let name = r.name.or(r.display_name).map(|n| value(text, n));
            let href = r.href.map(|h| value(text, h));
            let range = name
                .as_ref()
                .or(href.as_ref())
                .map(|v| v.range.clone())
                .unwrap_or(0..0);
            Entry {
                name: name.map(|n| n.text).unwrap_or_default(),
                range,
                href: href.filter(|h| !h.text.trim().is_empty()),
                topic_href: r.topic_href.map(|h| value(text, h)),
                toc_href: r.toc_href.map(|h| value(text, h)),
                expanded: r.expanded.is_some_and(|e| e.value),
                items: convert(text, r.items.unwrap_or_default()),
            }
        })
        .collect()
}

fn parse_yaml(text: &str) -> (Vec<Entry>, Vec<Finding>) {
    if text.trim().is_empty() {
        return (Vec::new(), Vec::new());
    }
    let parsed = if starts_with_list(text) {
        serde_saphyr::from_str_with_options::<Vec<RawEntry>>(text, crate::limits::yaml_options())
    } else {
        serde_saphyr::from_str_with_options::<RawRoot>(text, crate::limits::yaml_options())
            .map(|r| r.items)
    };
    match parsed {
        Ok(items) => (convert(text, items), Vec::new()),
        Err(e) => {
            let message = e.to_string();
            let (line, col) = error_position(&message).unwrap_or((1, 1));
            let loc_start: usize = text
                .split_inclusive('\n')
                .take(line.saturating_sub(1))
                .map(str::len)
                .sum();
            let start = text[loc_start.min(text.len())..]
                .char_indices()
                .nth(col.saturating_sub(1))
                .map(|(i, _)| loc_start + i)
                .unwrap_or(loc_start)
                .min(text.len());
            let first = message.lines().next().unwrap_or("invalid YAML");
            let first = first
                .split(" at line ")
                .next()
                .unwrap_or(first)
                .trim()
                .to_string();
            (
                Vec::new(),
                vec![Finding {
                    message: format!("the TOC is not valid: {}", lowercase_first(&first)),
                    hint: "a TOC is a list of entries with `name`, `href` and `items`; the folder's articles keep the folder navigation".into(),
                    range: start..start,
                }],
            )
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `line X, column Y` in a serde-saphyr error message.
fn error_position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("line ")? + 5..];
    let line: usize = rest
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()?;
    let col = rest
        .find("column ")
        .and_then(|i| {
            rest[i + 7..]
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(1);
    Some((line, col))
}

// ---------------------------------------------------------------------------
// Markdown (`TOC.md`): `# [Name](href)` or `# Name`, heading levels nest.

fn parse_markdown(text: &str) -> Vec<Entry> {
    // (level, entry) in order; built into a tree afterwards.
    let mut flat: Vec<(usize, Entry)> = Vec::new();
    let mut offset = 0;
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !trimmed.starts_with('#') {
            continue;
        }
        let lead = body.len() - trimmed.len();
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        let rest = &trimmed[level..];
        if level > 6 || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            continue;
        }
        let content = rest.trim();
        let content_start = start + lead + level + (rest.len() - rest.trim_start().len());
        let content = content.trim_end_matches('#').trim_end();
        if content.is_empty() {
            continue;
        }
        let entry = match md_link(content) {
            Some((name, href, href_off)) => Entry {
                name: name.to_string(),
                range: content_start..content_start + content.len(),
                href: (!href.is_empty()).then(|| Value {
                    text: href.to_string(),
                    range: content_start + href_off..content_start + href_off + href.len(),
                }),
                ..Default::default()
            },
            None => Entry {
                name: content.to_string(),
                range: content_start..content_start + content.len(),
                ..Default::default()
            },
        };
        flat.push((level, entry));
    }
    let mut pos = 0;
    build_tree(&flat, &mut pos, 0)
}

/// `[name](href "title")` → (name, href, offset of href in `s`).
fn md_link(s: &str) -> Option<(&str, &str, usize)> {
    let s_inner = s.strip_prefix('[')?;
    let close = s_inner.find("](")?;
    let name = &s_inner[..close];
    let after = 1 + close + 2;
    let rest = &s[after..];
    let end = rest.rfind(')')?;
    let dest = &rest[..end];
    let lead = dest.len() - dest.trim_start().len();
    let dest_t = dest.trim();
    let (href, off) = if let Some(inner) = dest_t.strip_prefix('<') {
        let e = inner.find('>')?;
        (&inner[..e], lead + 1)
    } else {
        let e = dest_t.find([' ', '\t']).unwrap_or(dest_t.len());
        (&dest_t[..e], lead)
    };
    Some((name.trim(), href, after + off))
}

fn build_tree(flat: &[(usize, Entry)], pos: &mut usize, parent_level: usize) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    while *pos < flat.len() {
        let (level, entry) = &flat[*pos];
        if *level <= parent_level {
            break;
        }
        *pos += 1;
        let mut e = entry.clone();
        e.items = build_tree(flat, pos, *level);
        out.push(e);
    }
    out
}

// ---------------------------------------------------------------------------
// Navigation: every TOC of a site resolved.

/// What a TOC link points at, as the caller's resolver says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// An article of the site; `href` is its URL (with the fragment).
    Article {
        article: ArticleId,
        href: String,
        fragment: bool,
    },
    /// Something else that exists (a static file, an external URL, a path
    /// published elsewhere): the href to write.
    Link(String),
    /// A site-absolute path that matches no page of the site.
    UnknownSitePath(String),
    /// A relative path that exists nowhere.
    Missing,
}

/// Resolves a TOC link: (locale, the TOC's index in [`Site::files`], the
/// link as written).
pub type LinkFn<'a> = dyn Fn(usize, usize, &str) -> Target + Sync + 'a;

/// A TOC file of the site.
#[derive(Clone, Debug)]
pub struct TocFile {
    /// Index in [`Site::files`].
    pub file: usize,
    pub locale: usize,
    /// Path relative to the locale directory: `Teams/toc.yml`.
    pub rel: String,
    pub kind: TocKind,
    pub entries: Vec<Entry>,
}

/// One entry of a resolved tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub href: Option<String>,
    /// The article the entry opens (without a `#fragment`).
    pub article: Option<ArticleId>,
    pub expanded: bool,
    pub children: Vec<Node>,
}

/// One root TOC of a locale, resolved.
#[derive(Clone, Debug)]
pub struct Tree {
    pub locale: usize,
    /// Index of the TOC file in [`Site::tocs`].
    pub toc: usize,
    pub nodes: Vec<Node>,
    /// The articles in reading order (each once), for previous/next.
    pub order: Vec<ArticleId>,
}

/// Where an article sits in a tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Index in [`Navigation::trees`].
    pub tree: usize,
    /// Child indexes from the tree's top level down to the article's entry.
    pub path: Vec<usize>,
    /// Index of the article in the tree's `order`.
    pub order: usize,
}

/// A crumb of `breadcrumb/toc.yml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crumb {
    pub name: String,
    pub href: Option<String>,
}

/// A problem found while resolving, at a range of a TOC file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Index in [`Site::files`].
    pub file: usize,
    pub range: Range<usize>,
    pub target: String,
    pub kind: ProblemKind,
}

/// What is wrong with a TOC link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A relative path to nothing (or to a nested TOC that does not exist).
    Missing,
    /// A site-absolute path that matches no page.
    UnknownSitePath,
    /// A nested TOC that includes itself.
    Cycle,
}

/// Every TOC of the site, resolved.
#[derive(Clone, Debug, Default)]
pub struct Navigation {
    pub trees: Vec<Tree>,
    /// The place of every article listed in a TOC.
    pub places: HashMap<ArticleId, Place>,
    /// Breadcrumb trail of every article under a `breadcrumb/toc.yml`.
    pub crumbs: HashMap<ArticleId, Vec<Crumb>>,
    pub problems: Vec<Problem>,
}

impl Navigation {
    /// The entries above an article's own, top first.
    pub fn ancestors(&self, article: ArticleId) -> Vec<&Node> {
        let Some(place) = self.places.get(&article) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut nodes = &self.trees[place.tree].nodes;
        for &i in &place.path[..place.path.len().saturating_sub(1)] {
            let Some(n) = nodes.get(i) else { break };
            out.push(n);
            nodes = &n.children;
        }
        out
    }

    /// The previous and next articles in the reading order of its TOC.
    pub fn neighbours(&self, article: ArticleId) -> (Option<ArticleId>, Option<ArticleId>) {
        let Some(place) = self.places.get(&article) else {
            return (None, None);
        };
        let order = &self.trees[place.tree].order;
        let prev = place
            .order
            .checked_sub(1)
            .and_then(|i| order.get(i))
            .copied();
        (prev, order.get(place.order + 1).copied())
    }
}

fn folder_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// The nested TOC an href names (`sub/`, `sub/toc.yml`, `sub/TOC.md`), by
/// its path relative to the locale directory.
fn nested_toc_path(from_rel: &str, href: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap_or(href);
    if href.contains(':') || href.starts_with('/') {
        return None;
    }
    let name = href.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let is_toc = format_of(name).is_some();
    if !(href.ends_with('/') || is_toc) {
        return None;
    }
    join(folder_of(from_rel), href.trim_end_matches('/'))
}

/// `base/rel` with `.` and `..` resolved; `None` when it climbs out.
fn join(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
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

struct Resolving<'a> {
    site: &'a Site,
    link: &'a LinkFn<'a>,
    /// (locale, lower-case rel) → index in `site.tocs`.
    by_path: HashMap<(usize, String), usize>,
    problems: Vec<Problem>,
}

impl Resolving<'_> {
    fn find_toc(&self, locale: usize, path: &str) -> Option<usize> {
        let lower = path.to_lowercase();
        if let Some(&i) = self.by_path.get(&(locale, lower.clone())) {
            return Some(i);
        }
        ["toc.yml", "toc.md", "toc.yaml"]
            .iter()
            .find_map(|n| {
                let p = if lower.is_empty() {
                    (*n).to_string()
                } else {
                    format!("{lower}/{n}")
                };
                self.by_path.get(&(locale, p)).copied()
            })
            .filter(|&i| self.site.tocs[i].kind == TocKind::Nav)
    }

    fn problem(&mut self, toc: usize, v: &Value, kind: ProblemKind) {
        self.problems.push(Problem {
            file: self.site.tocs[toc].file,
            range: v.range.clone(),
            target: v.text.clone(),
            kind,
        });
    }

    /// (href, article) of a link, reporting what does not resolve.
    fn target(&mut self, toc: usize, v: &Value) -> (Option<String>, Option<ArticleId>) {
        let t = &self.site.tocs[toc];
        match (self.link)(t.locale, t.file, v.text.trim()) {
            Target::Article {
                article,
                href,
                fragment,
            } => (Some(href), (!fragment).then_some(article)),
            Target::Link(href) => (Some(href), None),
            Target::UnknownSitePath(href) => {
                self.problem(toc, v, ProblemKind::UnknownSitePath);
                (Some(href), None)
            }
            Target::Missing => {
                self.problem(toc, v, ProblemKind::Missing);
                (None, None)
            }
        }
    }

    fn nodes(&mut self, toc: usize, entries: &[Entry], stack: &mut Vec<usize>) -> Vec<Node> {
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let mut node = Node {
                name: e.name.clone(),
                href: None,
                article: None,
                expanded: e.expanded,
                children: Vec::new(),
            };
            let locale = self.site.tocs[toc].locale;
            let nested = e
                .href
                .as_ref()
                .and_then(|h| nested_toc_path(&self.site.tocs[toc].rel, h.text.trim()));
            match (&e.href, nested) {
                (Some(h), Some(path)) => match self.find_toc(locale, &path) {
                    Some(sub) if stack.contains(&sub) || stack.len() > 8 => {
                        self.problem(toc, h, ProblemKind::Cycle);
                    }
                    Some(sub) => {
                        stack.push(sub);
                        let entries = self.site.tocs[sub].entries.clone();
                        node.children = self.nodes(sub, &entries, stack);
                        stack.pop();
                    }
                    None => self.problem(toc, h, ProblemKind::Missing),
                },
                (Some(h), None) => {
                    let (href, article) = self.target(toc, h);
                    node.href = href;
                    node.article = article;
                }
                (None, _) => {}
            }
            if let Some(th) = &e.topic_href {
                if node.href.is_none() {
                    let (href, article) = self.target(toc, th);
                    node.href = href;
                    node.article = article;
                }
            }
            let mut children = self.nodes(toc, &e.items, stack);
            node.children.append(&mut children);
            if node.name.is_empty() {
                node.name = node.href.clone().unwrap_or_default();
            }
            out.push(node);
        }
        out
    }
}

fn collect_order(
    nodes: &[Node],
    path: &mut Vec<usize>,
    order: &mut Vec<ArticleId>,
    places: &mut Vec<(ArticleId, Vec<usize>, usize)>,
) {
    for (i, n) in nodes.iter().enumerate() {
        path.push(i);
        if let Some(a) = n.article {
            if !order.contains(&a) {
                places.push((a, path.clone(), order.len()));
                order.push(a);
            }
        }
        collect_order(&n.children, path, order, places);
        path.pop();
    }
}

/// The path an article is published at on the source site, for matching
/// `tocHref` of breadcrumbs: the docset's URL and the rest of the path, or
/// `/` and the path, without extension, lower case.
fn published_path(site: &Site, rel: &str) -> String {
    let stem = rel
        .rsplit_once('.')
        .filter(|(_, ext)| !ext.contains('/'))
        .map(|(s, _)| s)
        .unwrap_or(rel);
    for d in &site.config.check.docsets {
        let folder = d.folder.trim_matches('/');
        if let Some(rest) = stem.strip_prefix(folder).filter(|r| r.starts_with('/')) {
            return format!("{}{}", d.url.trim_end_matches('/'), rest).to_lowercase();
        }
    }
    format!("/{stem}").to_lowercase()
}

/// The folder a `tocHref` covers, lower case with a trailing slash.
fn covered_prefix(toc_href: &str) -> String {
    let h = toc_href
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let h = h.trim_end_matches("toc.json").trim_end_matches("toc.yml");
    let dir = if h.ends_with('/') {
        h.to_string()
    } else {
        match h.rsplit_once('/') {
            Some((d, last)) if last == "index" || last.contains('.') => format!("{d}/"),
            _ => format!("{h}/"),
        }
    };
    dir.replace("//", "/")
}

fn breadcrumb_chain(
    r: &mut Resolving<'_>,
    toc: usize,
    entries: &[Entry],
    path: &str,
    out: &mut Vec<Crumb>,
) {
    // The entry covering the longest prefix of the page's path.
    let best = entries
        .iter()
        .filter_map(|e| {
            let prefix = covered_prefix(&e.toc_href.as_ref()?.text);
            path.starts_with(&prefix).then_some((prefix.len(), e))
        })
        .max_by_key(|(len, _)| *len);
    let Some((_, e)) = best else { return };
    let link = e.topic_href.as_ref().or(e.href.as_ref());
    let href = link.and_then(|v| r.target(toc, v).0);
    out.push(Crumb {
        name: e.name.clone(),
        href,
    });
    let children = e.items.clone();
    breadcrumb_chain(r, toc, &children, path, out);
}

/// Resolves every TOC of the site.
pub fn navigate(site: &Site, link: &LinkFn<'_>) -> Navigation {
    let by_path: HashMap<(usize, String), usize> = site
        .tocs
        .iter()
        .enumerate()
        .map(|(i, t)| ((t.locale, t.rel.to_lowercase()), i))
        .collect();
    let mut r = Resolving {
        site,
        link,
        by_path,
        problems: Vec::new(),
    };
    // TOCs included by another TOC of their locale are not roots.
    let mut included = vec![false; site.tocs.len()];
    fn mark(entries: &[Entry], rel: &str, locale: usize, r: &Resolving<'_>, inc: &mut [bool]) {
        for e in entries {
            if let Some(path) = e
                .href
                .as_ref()
                .and_then(|h| nested_toc_path(rel, h.text.trim()))
            {
                if let Some(i) = r.find_toc(locale, &path) {
                    if r.site.tocs[i].rel != rel {
                        inc[i] = true;
                    }
                }
            }
            mark(&e.items, rel, locale, r, inc);
        }
    }
    for t in &site.tocs {
        if t.kind == TocKind::Nav {
            mark(&t.entries, &t.rel, t.locale, &r, &mut included);
        }
    }
    let mut nav = Navigation::default();
    // Candidate places of each article: (folder depth of the TOC, tree, path, order).
    let mut candidates: HashMap<ArticleId, (usize, Place)> = HashMap::new();
    for (i, t) in site.tocs.iter().enumerate() {
        if t.kind != TocKind::Nav || included[i] {
            continue;
        }
        let mut stack = vec![i];
        let entries = t.entries.clone();
        let nodes = r.nodes(i, &entries, &mut stack);
        let mut order = Vec::new();
        let mut places = Vec::new();
        collect_order(&nodes, &mut Vec::new(), &mut order, &mut places);
        let tree = nav.trees.len();
        let depth = folder_of(&t.rel)
            .split('/')
            .filter(|s| !s.is_empty())
            .count();
        for (a, path, o) in places {
            let place = Place {
                tree,
                path,
                order: o,
            };
            let article_dir = folder_of(&site.articles[a].rel);
            let toc_dir = folder_of(&t.rel);
            let under = toc_dir.is_empty()
                || article_dir == toc_dir
                || article_dir.starts_with(&format!("{toc_dir}/"));
            // Nearest TOC above the article first, then the deepest one, then the first.
            let score = if under { 1000 + depth } else { depth };
            match candidates.get(&a) {
                Some((s, _)) if *s >= score => {}
                _ => {
                    candidates.insert(a, (score, place));
                }
            }
        }
        nav.trees.push(Tree {
            locale: t.locale,
            toc: i,
            nodes,
            order,
        });
    }
    nav.places = candidates.into_iter().map(|(a, (_, p))| (a, p)).collect();
    // Breadcrumbs: `<folder>/breadcrumb/toc.yml` covers the articles under `<folder>/`.
    for (i, t) in site.tocs.iter().enumerate() {
        if t.kind != TocKind::Breadcrumb {
            continue;
        }
        let scope = folder_of(folder_of(&t.rel));
        let entries = t.entries.clone();
        for (a, article) in site.articles.iter().enumerate() {
            if article.locale != t.locale {
                continue;
            }
            if !(scope.is_empty() || article.rel.starts_with(&format!("{scope}/"))) {
                continue;
            }
            let path = published_path(site, &article.rel);
            let mut chain = Vec::new();
            breadcrumb_chain(&mut r, i, &entries, &path, &mut chain);
            if !chain.is_empty() {
                nav.crumbs.insert(a, chain);
            }
        }
    }
    // A breadcrumb entry is resolved once per article: report it once.
    let mut problems = r.problems;
    problems.sort_by_key(|p| (p.file, p.range.start, p.range.end));
    problems.dedup();
    nav.problems = problems;
    nav
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_with_items_root_and_spans() {
        let text = "items:\n  - name: Welcome\n    href: overview.md\n  - name: Start\n    expanded: true\n    items:\n      - name: 'Step 1: go'\n        href: sub/step-1.md\n      - name: Nested\n        href: sub/\n";
        let (entries, findings) = parse(text, TocFormat::Yaml);
        assert!(findings.is_empty());
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].name, "Welcome");
        let href = entries[0].href.as_ref().unwrap();
        assert_eq!(&text[href.range.clone()], "overview.md");
        assert!(entries[1].expanded);
        assert_eq!(entries[1].items[0].name, "Step 1: go");
        assert_eq!(
            entries[1].items[1].href.as_ref().unwrap().text,
            "sub/",
            "a folder href is kept for the nested TOC"
        );
    }

    #[test]
    fn yaml_top_level_list_and_breadcrumb_keys() {
        let text = "- name: Microsoft Teams\n  tocHref: /MicrosoftTeams/index\n  topicHref: /MicrosoftTeams/index\n";
        let (entries, _) = parse(text, TocFormat::Yaml);
        assert_eq!(
            entries[0].toc_href.as_ref().unwrap().text,
            "/MicrosoftTeams/index"
        );
        let th = entries[0].topic_href.as_ref().unwrap();
        assert_eq!(&text[th.range.clone()], "/MicrosoftTeams/index");
        assert_eq!(kind_of("Teams/breadcrumb/toc.yml"), TocKind::Breadcrumb);
        assert_eq!(kind_of("Teams/toc.yml"), TocKind::Nav);
        assert_eq!(covered_prefix("/MicrosoftTeams/index"), "/microsoftteams/");
        assert_eq!(covered_prefix("/"), "/");
    }

    #[test]
    fn broken_yaml_is_a_finding_with_a_position() {
        let (entries, findings) = parse("items:\n  - name: [x\n", TocFormat::Yaml);
        assert!(entries.is_empty());
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.starts_with("the TOC is not valid"));
    }

    #[test]
    fn markdown_levels_nest() {
        let text = "# [Security](index.md)\n\n# Get started\n## [What's new](whats-new.md)\n### [Deep](deep.md \"t\")\n## [Roadmap](roadmap.md)\n# [Protect](protect.md)\n";
        let entries = parse(text, TocFormat::Markdown).0;
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Security", "Get started", "Protect"]);
        assert!(entries[1].href.is_none());
        assert_eq!(entries[1].items.len(), 2);
        assert_eq!(entries[1].items[0].items[0].name, "Deep");
        let h = entries[1].items[0].items[0].href.as_ref().unwrap();
        assert_eq!(&text[h.range.clone()], "deep.md");
    }

    #[test]
    fn nested_toc_paths() {
        assert_eq!(
            nested_toc_path("Teams/toc.yml", "sub/").as_deref(),
            Some("Teams/sub")
        );
        assert_eq!(
            nested_toc_path("Teams/toc.yml", "sub/TOC.yml").as_deref(),
            Some("Teams/sub/TOC.yml")
        );
        assert_eq!(nested_toc_path("Teams/toc.yml", "a.md"), None);
        assert_eq!(nested_toc_path("toc.yml", "/x/"), None);
        assert_eq!(format_of("TOC.md"), Some(TocFormat::Markdown));
        assert_eq!(format_of("toc.yml"), Some(TocFormat::Yaml));
        assert_eq!(format_of("index.yml"), None);
    }
}
