//! Markdown to HTML, once per article: returns the HTML with the headings
//! (table of contents), anchors, links and raw HTML tags found, each with
//! its byte range in the input, for the check stage to resolve afterwards
//! (as zola's `components/markdown` does).
//!
//! Invariants: pure (no I/O); one parse per call; every range is a byte
//! range of the `src` given to [`render`]; heading ids are unique per page
//! (GitHub-style slugs that keep Unicode letters, deduplicated with `-1`,
//! `-2`); text inside machine-translation originals
//! (`<span class="sxs-lookup">…</span>`) never reaches headings, the summary,
//! word counts, anchors or links, whether the originals are kept in the HTML
//! ([`MtOriginals::Keep`], for `stele serve`) or stripped
//! ([`MtOriginals::Strip`], for published pages).
//!
//! Raw HTML reaches us from pulldown-cmark as fragments (often one tag per
//! event), so tags are tokenized here by a small scanner that keeps source
//! offsets and reports stray end tags, which the QA lints need and an
//! element-based rewriter such as lol_html cannot give.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// A heading of the page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    /// The id the heading carries in the HTML.
    pub id: String,
    /// Plain text, without markup and without machine-translation originals.
    pub text: String,
    /// Byte range of the heading in the source.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Byte offset in [`Rendered::html`] where the heading's `<hN` starts.
    #[serde(skip)]
    pub html_start: usize,
}

/// Where an anchor comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorSource {
    Heading,
    /// An `id` or `name` attribute in raw HTML (`<a name="x">`).
    Html,
    Footnote,
}

/// A target for `#fragment` links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub range: Range<usize>,
    pub source: AnchorSource,
}

/// How a link was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Inline,
    /// `[text][label]`; the range is the definition's destination.
    Reference,
    Autolink,
    Image,
    /// `href` of an HTML element.
    HtmlHref,
    /// `src` of an HTML element.
    HtmlSrc,
}

/// A link found in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (Markdown escapes resolved).
    pub target: String,
    /// Byte range of the destination in `src` when it can be found, else of
    /// the whole link.
    pub range: Range<usize>,
    pub kind: LinkKind,
}

/// Whether a raw HTML tag opens, closes or is self-closing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagKind {
    Open,
    Close,
    SelfClosing,
}

/// A tag of raw HTML in an article, with its source range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlTag {
    /// Lower case.
    pub name: String,
    pub range: Range<usize>,
    pub kind: TagKind,
}

/// The result of rendering one article.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub anchors: Vec<Anchor>,
    pub links: Vec<Link>,
    /// Every tag of raw HTML, in source order (for the QA lints).
    pub html_tags: Vec<HtmlTag>,
    /// Plain text of the first paragraph, for `<meta name="description">`
    /// when the frontmatter has none (machine-translation originals left out).
    pub summary: String,
    /// Number of words of the text (CJK characters count one each).
    pub words: usize,
    /// Number of machine-translation segments (`<span data-ttu-id>`).
    pub mt_segments: usize,
}

/// What to do with machine-translation originals
/// (`<span class="sxs-lookup">English</span>`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MtOriginals {
    /// Leave them out of the HTML: published pages.
    #[default]
    Strip,
    /// Keep them in the HTML, for the side-by-side preview of `stele serve`.
    Keep,
}

/// Options of [`render`].
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub mt_originals: MtOriginals,
}

/// Rewrites a link destination: given the target as written and its range,
/// returns the href to write, or `None` to keep it.
pub type Rewrite<'a> = dyn Fn(&str, Range<usize>) -> Option<String> + 'a;

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Longest summary, in characters.
const SUMMARY_CHARS: usize = 300;

/// Renders `src` (an article body with includes expanded).
pub fn render(src: &str, rewrite: &Rewrite, options: RenderOptions) -> Rendered {
    let parser = Parser::new_ext(src, parser_options()).into_offset_iter();
    let refdefs: Vec<(String, String, Range<usize>)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| {
            (
                label.to_string(),
                def.dest.to_string(),
                dest_range(src, &def.span, &def.dest),
            )
        })
        .collect();
    let events: Vec<(Event, Range<usize>)> = parser.collect();

    // Raw HTML: tokenize every fragment once.
    let mut fragments: Vec<Fragment> = Vec::new();
    for (i, (ev, range)) in events.iter().enumerate() {
        if let Event::Html(text) | Event::InlineHtml(text) = ev {
            let base = fragment_base(src, range, text);
            let tags = tokenize(text, base);
            fragments.push(Fragment {
                event: i,
                base,
                tags,
            });
        }
    }
    let blocks = top_level_blocks(&events);
    let regions = mt_regions(&fragments, &blocks);
    let in_region = |r: &Range<usize>| inside(&regions, r);

    let mut out = Rendered::default();
    let mut html_events: Vec<Event> = Vec::with_capacity(events.len());
    let mut edits_by_event: Vec<(usize, Vec<(Range<usize>, String)>)> = Vec::new();

    // Raw HTML: tags, anchors, links, machine-translation segments.
    for frag in &fragments {
        let mut edits = Vec::new();
        for t in &frag.tags {
            out.html_tags.push(HtmlTag {
                name: t.name.clone(),
                range: t.range.clone(),
                kind: t.kind,
            });
            if t.kind == TagKind::Close {
                continue;
            }
            let inside = in_region(&t.range);
            if t.attr("data-ttu-id").is_some() && !inside {
                out.mt_segments += 1;
            }
            if inside {
                continue;
            }
            for attr in &t.attrs {
                match attr.name.as_str() {
                    "id" | "name" if !attr.value.is_empty() => {
                        // `name` only names anchors on `<a>` (and form controls, which are no targets).
                        if attr.name == "id" || t.name == "a" {
                            out.anchors.push(Anchor {
                                id: decode_entities(&attr.value),
                                range: attr.value_range.clone(),
                                source: AnchorSource::Html,
                            });
                        }
                    }
                    "href" if matches!(t.name.as_str(), "a" | "area") => {
                        let target = decode_entities(&attr.value);
                        if let Some(new) = rewrite(&target, attr.value_range.clone()) {
                            edits.push((attr.value_range.clone(), escape_attr(&new)));
                        }
                        out.links.push(Link {
                            target,
                            range: attr.value_range.clone(),
                            kind: LinkKind::HtmlHref,
                        });
                    }
                    "src"
                        if matches!(
                            t.name.as_str(),
                            "img" | "source" | "video" | "audio" | "iframe"
                        ) =>
                    {
                        let target = decode_entities(&attr.value);
                        if let Some(new) = rewrite(&target, attr.value_range.clone()) {
                            edits.push((attr.value_range.clone(), escape_attr(&new)));
                        }
                        out.links.push(Link {
                            target,
                            range: attr.value_range.clone(),
                            kind: LinkKind::HtmlSrc,
                        });
                    }
                    _ => {}
                }
            }
        }
        if options.mt_originals == MtOriginals::Strip {
            let len = frag_text_len(&events[frag.event].0);
            let span = frag.base..frag.base + len;
            for g in &regions {
                let s = g.start.max(span.start);
                let e = g.end.min(span.end);
                if s < e {
                    edits.push((s..e, String::new()));
                }
            }
        }
        if !edits.is_empty() {
            edits.sort_by_key(|(r, _)| (r.start, r.end));
            edits_by_event.push((frag.event, edits));
        }
    }
    let mut fragment_of: Vec<Option<usize>> = vec![None; events.len()];
    for (fi, f) in fragments.iter().enumerate() {
        fragment_of[f.event] = Some(fi);
    }
    let mut edits_of: Vec<Option<Vec<(Range<usize>, String)>>> = vec![None; events.len()];
    for (e, edits) in edits_by_event {
        edits_of[e] = Some(edits);
    }

    // The event stream: headings get ids, links get rewritten, originals
    // are stripped or kept; text is collected for the summary and words.
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut heading: Option<HeadingBuilder> = None;
    let mut depth = 0usize;
    let mut paragraph_text: Option<String> = None;
    let mut pending: Vec<(usize, u8, String)> = Vec::new(); // (index in out.headings, level, id)
    for (i, (ev, range)) in events.into_iter().enumerate() {
        let original = if matches!(ev, Event::Start(_) | Event::End(_)) {
            in_region_tag(&ev, &range, &regions)
        } else {
            in_region(&range)
        };
        let is_top = depth == 0;
        match &ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if original {
            if options.mt_originals == MtOriginals::Keep {
                html_events.push(ev);
            }
            continue;
        }
        let ev = match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some(HeadingBuilder {
                    level: level as u8,
                    explicit: id.as_ref().map(|s| s.to_string()),
                    text: String::new(),
                    range: range.clone(),
                    start_event: html_events.len(),
                });
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(h) = heading.take() {
                    let text = collapse_ws(&h.text);
                    // An `<a name>` or `id` written in the heading (Microsoft
                    // Docs keeps the English anchor so in every translation)
                    // is the heading's id; it is already an anchor.
                    let html_anchor = out
                        .anchors
                        .iter()
                        .find(|a| {
                            a.source == AnchorSource::Html
                                && h.range.start <= a.range.start
                                && a.range.end <= h.range.end
                        })
                        .map(|a| a.id.clone());
                    let id = match (&h.explicit, html_anchor) {
                        (Some(id), _) => id.clone(),
                        // Written twice on a page (it happens): keep heading ids unique.
                        (None, Some(id)) => unique_id(&id, &used_ids),
                        (None, None) => unique_id(&slugify(&text), &used_ids),
                    };
                    used_ids.insert(id.clone());
                    if let Some(Event::Start(Tag::Heading { id: slot, .. })) =
                        html_events.get_mut(h.start_event)
                    {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    if !out.anchors.iter().any(|a| {
                        a.id == id && h.range.start <= a.range.start && a.range.end <= h.range.end
                    }) {
                        out.anchors.push(Anchor {
                            id: id.clone(),
                            range: h.range.clone(),
                            source: AnchorSource::Heading,
                        });
                    }
                    pending.push((out.headings.len(), h.level, id.clone()));
                    out.headings.push(Heading {
                        level: h.level,
                        id,
                        text,
                        range: h.range,
                        html_start: 0,
                    });
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (target_range, kind) =
                    link_position(src, &range, &dest_url, link_type, &id, &refdefs);
                let target = dest_url.to_string();
                let new = rewrite(&target, target_range.clone());
                out.links.push(Link {
                    target,
                    range: target_range,
                    kind,
                });
                let dest_url = new.map(CowStr::from).unwrap_or(dest_url);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (target_range, _) =
                    link_position(src, &range, &dest_url, link_type, &id, &refdefs);
                let target = dest_url.to_string();
                let new = rewrite(&target, target_range.clone());
                out.links.push(Link {
                    target,
                    range: target_range,
                    kind: LinkKind::Image,
                });
                let dest_url = new.map(CowStr::from).unwrap_or(dest_url);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                out.anchors.push(Anchor {
                    id: label.to_string(),
                    range: range.clone(),
                    source: AnchorSource::Footnote,
                });
                Event::Start(Tag::FootnoteDefinition(label))
            }
            Event::Start(Tag::Paragraph) if is_top && out.summary.is_empty() => {
                paragraph_text = Some(String::new());
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::Paragraph) if depth == 0 => {
                if let Some(t) = paragraph_text.take() {
                    out.summary = summarize(&t);
                }
                Event::End(TagEnd::Paragraph)
            }
            Event::Html(text) => match (&edits_of[i], fragment_of[i]) {
                (Some(edits), Some(f)) => {
                    Event::Html(CowStr::from(apply_edits(&text, fragments[f].base, edits)))
                }
                _ => Event::Html(text),
            },
            Event::InlineHtml(text) => match (&edits_of[i], fragment_of[i]) {
                (Some(edits), Some(f)) => {
                    Event::InlineHtml(CowStr::from(apply_edits(&text, fragments[f].base, edits)))
                }
                _ => Event::InlineHtml(text),
            },
            other => other,
        };
        if let Event::Text(t) | Event::Code(t) = &ev {
            if let Some(h) = heading.as_mut() {
                h.text.push_str(t);
            }
            if let Some(p) = paragraph_text.as_mut() {
                p.push_str(t);
            }
            out.words += count_words(t);
        } else if matches!(ev, Event::SoftBreak | Event::HardBreak) {
            if let Some(h) = heading.as_mut() {
                h.text.push(' ');
            }
            if let Some(p) = paragraph_text.as_mut() {
                p.push(' ');
            }
        }
        html_events.push(ev);
    }

    let mut html = String::with_capacity(src.len() + src.len() / 2);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());
    // Where each heading starts in the HTML: its open tag with its id.
    let mut from = 0;
    for (idx, level, id) in pending {
        let needle = format!("<h{level} id=\"{}\"", escape_attr(&id));
        if let Some(p) = html[from..].find(&needle) {
            out.headings[idx].html_start = from + p;
            from += p + needle.len();
        } else {
            out.headings[idx].html_start = from;
        }
    }
    out.html = html;
    out.links.sort_by_key(|l| l.range.start);
    out.anchors.sort_by_key(|a| a.range.start);
    out
}

/// Whether `r` lies wholly inside one of `regions` (sorted, disjoint).
fn inside(regions: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = regions.partition_point(|g| g.start <= r.start);
    i > 0 && {
        let g = &regions[i - 1];
        r.end <= g.end && r.start < g.end
    }
}

fn frag_text_len(ev: &Event) -> usize {
    match ev {
        Event::Html(t) | Event::InlineHtml(t) => t.len(),
        _ => 0,
    }
}

/// Start/End events of tags lying wholly inside an original, e.g. the
/// `**` of `<span class="sxs-lookup">**Service**</span>`.
fn in_region_tag(ev: &Event, range: &Range<usize>, regions: &[Range<usize>]) -> bool {
    matches!(ev, Event::Start(_) | Event::End(_))
        && !matches!(
            ev,
            Event::Start(Tag::Paragraph | Tag::TableCell | Tag::Item)
                | Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item)
        )
        && inside(regions, range)
}

struct HeadingBuilder {
    level: u8,
    explicit: Option<String>,
    text: String,
    range: Range<usize>,
    start_event: usize,
}

/// Raw HTML of one event, tokenized.
struct Fragment {
    event: usize,
    /// Offset in `src` of the event's text.
    base: usize,
    tags: Vec<ScannedTag>,
}

/// Where the text of an HTML event starts in `src`. Block HTML inside
/// containers (`> <div>`) loses its prefix, so look for the text in its range.
fn fragment_base(src: &str, range: &Range<usize>, text: &str) -> usize {
    let slice = src.get(range.clone()).unwrap_or("");
    if slice.starts_with(text) {
        return range.start;
    }
    let probe = text.trim_end_matches(['\n', '\r']);
    match slice.find(probe) {
        Some(i) if !probe.is_empty() => range.start + i,
        _ => range.start,
    }
}

/// Ranges of top-level blocks, in order.
fn top_level_blocks(events: &[(Event, Range<usize>)]) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (ev, range) in events {
        match ev {
            Event::Start(_) => {
                if depth == 0 {
                    blocks.push(range.clone());
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => blocks.push(range.clone()),
            _ => {}
        }
    }
    blocks
}

/// Source ranges of machine-translation originals: a `<span>` whose class
/// holds `sxs-lookup`, up to its matching `</span>`, or the end of its
/// top-level block when it is never closed.
fn mt_regions(fragments: &[Fragment], blocks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut regions = Vec::new();
    let block_end = |at: usize| {
        blocks
            .iter()
            .find(|b| b.start <= at && at < b.end)
            .map(|b| b.end)
            .unwrap_or(at)
    };
    let mut open: Option<(usize, usize, usize)> = None; // (start, depth of spans inside, block end)
    for t in fragments.iter().flat_map(|f| f.tags.iter()) {
        if let Some((start, depth, end)) = open {
            if t.range.start >= end {
                regions.push(start..end);
                open = None;
            } else if t.name == "span" {
                match t.kind {
                    TagKind::Open => open = Some((start, depth + 1, end)),
                    TagKind::Close if depth == 0 => {
                        regions.push(start..t.range.end);
                        open = None;
                    }
                    TagKind::Close => open = Some((start, depth - 1, end)),
                    TagKind::SelfClosing => {}
                }
                continue;
            } else {
                continue;
            }
        }
        if t.name == "span"
            && t.kind == TagKind::Open
            && t.attr("class")
                .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == "sxs-lookup"))
        {
            open = Some((t.range.start, 0, block_end(t.range.start)));
        }
    }
    if let Some((start, _, end)) = open {
        regions.push(start..end);
    }
    regions
}

/// The destination's range in a link written `[text](dest)` or `![alt](dest)`;
/// for reference links, the definition's destination.
fn link_position(
    src: &str,
    range: &Range<usize>,
    dest: &str,
    link_type: LinkType,
    label: &str,
    refdefs: &[(String, String, Range<usize>)],
) -> (Range<usize>, LinkKind) {
    let find_def = |label: &str| {
        let lower = label.to_lowercase();
        refdefs.iter().find(|(l, ..)| l.to_lowercase() == lower)
    };
    match link_type {
        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
            let kind = LinkKind::Reference;
            match find_def(label) {
                Some((_, _, r)) => (r.clone(), kind),
                None => (range.clone(), kind),
            }
        }
        LinkType::Autolink | LinkType::Email => {
            let r = dest_range(src, range, dest);
            (r, LinkKind::Autolink)
        }
        _ => {
            let slice = src.get(range.clone()).unwrap_or("");
            // The destination follows the last `](` before it.
            if !dest.is_empty() {
                if let Some(i) = slice.rfind(dest) {
                    return (
                        range.start + i..range.start + i + dest.len(),
                        LinkKind::Inline,
                    );
                }
            }
            match slice.rfind("](") {
                Some(i) => {
                    let start = range.start + i + 2;
                    let rest = &slice[i + 2..];
                    let len = rest.find([')', ' ']).unwrap_or(rest.len());
                    (start..start + len, LinkKind::Inline)
                }
                None => (range.clone(), LinkKind::Inline),
            }
        }
    }
}

/// Where `dest` is written inside `span` (a definition or an autolink).
fn dest_range(src: &str, span: &Range<usize>, dest: &str) -> Range<usize> {
    let slice = src.get(span.clone()).unwrap_or("");
    // In a definition `[label]: dest`, search after the colon.
    let after = slice.find("]:").map(|i| i + 2).unwrap_or(0);
    match slice.get(after..).and_then(|s| s.find(dest)) {
        Some(i) if !dest.is_empty() => span.start + after + i..span.start + after + i + dest.len(),
        _ => span.clone(),
    }
}

/// A tag found by [`tokenize`].
#[derive(Clone, Debug)]
struct ScannedTag {
    name: String,
    kind: TagKind,
    range: Range<usize>,
    attrs: Vec<Attr>,
}

#[derive(Clone, Debug)]
struct Attr {
    /// Lower case.
    name: String,
    value: String,
    value_range: Range<usize>,
}

impl ScannedTag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

/// Tokenizes the tags of an HTML fragment; ranges are offset by `base`.
/// Comments, doctypes and processing instructions are skipped; text is ignored.
fn tokenize(text: &str, base: usize) -> Vec<ScannedTag> {
    let b = text.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let start = i + off;
        let rest = &text[start..];
        if rest.starts_with("<!--") {
            i = match rest.find("-->") {
                Some(e) => start + e + 3,
                None => text.len(),
            };
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = match rest.find('>') {
                Some(e) => start + e + 1,
                None => text.len(),
            };
            continue;
        }
        let (close, name_start) = if rest.starts_with("</") {
            (true, start + 2)
        } else {
            (false, start + 1)
        };
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            i = start + 1;
            continue;
        }
        let mut j = name_start;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':' || b[j] == b'_')
        {
            j += 1;
        }
        let name = text[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        let mut end = None;
        while j < b.len() {
            let c = b[j];
            if c.is_ascii_whitespace() {
                j += 1;
                continue;
            }
            if c == b'>' {
                end = Some(j + 1);
                break;
            }
            if c == b'/' {
                if b.get(j + 1) == Some(&b'>') {
                    self_closing = true;
                    end = Some(j + 2);
                    break;
                }
                j += 1;
                continue;
            }
            if c == b'<' {
                break; // a new tag starts: this one was never finished
            }
            // Attribute name.
            let an = j;
            while j < b.len()
                && !b[j].is_ascii_whitespace()
                && !matches!(b[j], b'=' | b'>' | b'/' | b'<')
            {
                j += 1;
            }
            if an == j {
                j += 1;
                continue;
            }
            let attr_name = text[an..j].to_ascii_lowercase();
            let mut k = j;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if b.get(k) == Some(&b'=') {
                k += 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                let (vs, ve, next) = match b.get(k) {
                    Some(&q @ (b'"' | b'\'')) => match text[k + 1..].find(q as char) {
                        Some(e) => (k + 1, k + 1 + e, k + 2 + e),
                        None => (k + 1, text.len(), text.len()),
                    },
                    _ => {
                        let mut e = k;
                        while e < b.len() && !b[e].is_ascii_whitespace() && b[e] != b'>' {
                            e += 1;
                        }
                        (k, e, e)
                    }
                };
                if !close {
                    attrs.push(Attr {
                        name: attr_name,
                        value: text[vs..ve].to_string(),
                        value_range: base + vs..base + ve,
                    });
                }
                j = next;
            } else {
                if !close {
                    attrs.push(Attr {
                        name: attr_name,
                        value: String::new(),
                        value_range: base + j..base + j,
                    });
                }
                j = k;
            }
        }
        let Some(end) = end else {
            i = j.max(start + 1);
            continue;
        };
        let kind = if close {
            TagKind::Close
        } else if self_closing {
            TagKind::SelfClosing
        } else {
            TagKind::Open
        };
        tags.push(ScannedTag {
            name,
            kind,
            range: base + start..base + end,
            attrs,
        });
        i = end;
    }
    tags
}

/// Applies edits (absolute ranges, sorted, non-overlapping after clipping)
/// to a fragment whose text starts at `base`.
fn apply_edits(text: &str, base: usize, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (r, new) in edits {
        let s = r.start.saturating_sub(base).min(text.len());
        let e = r.end.saturating_sub(base).min(text.len());
        if s < pos || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&text[pos..s]);
        out.push_str(new);
        pos = e;
    }
    out.push_str(&text[pos..]);
    out
}

/// Decodes the character references of an attribute value.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A GitHub-style heading id: lower case, letters and digits of every
/// script kept, spaces to `-`, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        } else if is_mark(c) {
            out.push(c);
        }
    }
    out
}

/// Combining marks that scripts such as Devanagari or Thai need in words.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x3099..=0x309A | 0xFE00..=0xFE0F)
}

fn unique_id(base: &str, used: &HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    if !used.contains(base) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !used.contains(c))
        .unwrap_or_else(|| base.to_string())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn summarize(text: &str) -> String {
    let t = collapse_ws(text);
    if t.chars().count() <= SUMMARY_CHARS {
        return t;
    }
    let cut: String = t.chars().take(SUMMARY_CHARS).collect();
    // Cut at a word boundary when the text has spaces; CJK text has none.
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// CJK ideographs, kana and the like, which count one word each.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF
        | 0xFF66..=0xFF9F)
}

/// Words of a text: runs of letters or digits separated by spaces or
/// punctuation; every CJK character is a word of its own.
///
/// ASCII bytes are classified by a byte table and other characters of the
/// Basic Multilingual Plane by a table built once from the same rules
/// ([`char_class`]), so the common case needs no Unicode property lookup.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let bmp = bmp_classes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = if b < 0x80 {
            i += 1;
            ASCII_CLASSES[usize::from(b)]
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            match bmp.get(c as usize) {
                Some(&k) => k,
                None => char_class(c),
            }
        };
        match class {
            CLASS_CJK => {
                n += 1;
                in_word = false;
            }
            CLASS_WORD => {
                if !in_word {
                    n += 1;
                    in_word = true;
                }
            }
            CLASS_JOINER if in_word => {}
            _ => in_word = false,
        }
    }
    n
}

/// Word-counting classes of a character ([`char_class`]).
const CLASS_OTHER: u8 = 0;
const CLASS_WORD: u8 = 1;
/// An apostrophe or hyphen: part of a word inside one, else a separator.
const CLASS_JOINER: u8 = 2;
const CLASS_CJK: u8 = 3;

/// The rules of [`count_words`] for one character.
fn char_class(c: char) -> u8 {
    if is_cjk(c) {
        CLASS_CJK
    } else if c.is_alphanumeric() || is_mark(c) {
        CLASS_WORD
    } else if c == '\'' || c == '’' || c == '-' {
        CLASS_JOINER
    } else {
        CLASS_OTHER
    }
}

const ASCII_CLASSES: [u8; 128] = {
    let mut t = [CLASS_OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = CLASS_WORD;
        } else if c == b'\'' || c == b'-' {
            t[b] = CLASS_JOINER;
        }
        b += 1;
    }
    t
};

/// [`char_class`] of every character below U+10000 (64 KiB, built once).
fn bmp_classes() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x1_0000u32)
            .map(|u| char::from_u32(u).map_or(CLASS_OTHER, char_class))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(src: &str) -> Rendered {
        render(src, &|_, _| None, RenderOptions::default())
    }

    /// The word counter before the fast path: the reference for [`count_words`].
    fn count_words_reference(text: &str) -> usize {
        let mut n = 0;
        let mut in_word = false;
        for c in text.chars() {
            if is_cjk(c) {
                n += 1;
                in_word = false;
            } else if c.is_alphanumeric()
                || is_mark(c)
                || (in_word && (c == '\'' || c == '’' || c == '-'))
            {
                if !in_word {
                    n += 1;
                    in_word = true;
                }
            } else {
                in_word = false;
            }
        }
        n
    }

    #[test]
    fn word_count_fast_path_matches_the_reference_on_mixed_scripts() {
        let samples = [
            "",
            "Hello, world — it's 2024.",
            "well-known rock'n'roll -dash- 'quoted' don’t",
            "日本語のテキストと English words、カタカナ ｶﾀｶﾅ。",
            "Привет мир, ёлка-палка",
            "Ελληνικά κείμενα και αριθμοί ٣٤٥",
            "الدعم الفني للعملاء مُحَمَّد",
            "עברית עם ניקוד: שָׁלוֹם",
            "हिन्दी भाषा और देवनागरी",
            "ภาษาไทย ไม่มีช่องว่าง",
            "한국어 텍스트 입니다",
            "Ünïcödé façade naïve café Straße ǅ",
            "emoji 🎉 party 🇯🇵 and 𠀋𡈽 𝒳𝒴 ＡＢＣ１２３",
            "tabs\tand\nnew lines\r\n e\u{301}t\u{e9} vs\u{fe0f}",
            "mixed日本english中文русский-текст'x",
        ];
        for s in samples {
            assert_eq!(count_words(s), count_words_reference(s), "{s:?}");
        }
        // Every character, next to letters and spaces.
        let mut all = String::new();
        for u in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(u) {
                all.push(c);
                if u % 3 == 0 {
                    all.push('a');
                }
                if u % 5 == 0 {
                    all.push(' ');
                }
            }
        }
        assert_eq!(count_words(&all), count_words_reference(&all));
        for chunk in all.as_bytes().chunks(4096) {
            let s = String::from_utf8_lossy(chunk);
            assert_eq!(count_words(&s), count_words_reference(&s));
        }
    }

    #[test]
    fn slugs_keep_every_script() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(
            slugify("Служба поддержки Майкрософт"),
            "служба-поддержки-майкрософт"
        );
        assert_eq!(slugify("削除ポータル"), "削除ポータル");
        assert_eq!(slugify("Microsoft サポート"), "microsoft-サポート");
        assert_eq!(slugify("الدعم الفني"), "الدعم-الفني");
        assert_eq!(slugify("C++ & Rust (2024)"), "c--rust-2024");
        assert_eq!(slugify("हिन्दी"), "हिन्दी");
    }

    #[test]
    fn headings_get_unique_ids_and_explicit_ones() {
        let r = md("# Intro\n\n## Intro\n\n## Intro\n\n## Custom {#my-id}\n\n## 削除ポータル\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["intro", "intro-1", "intro-2", "my-id", "削除ポータル"]
        );
        assert!(
            r.html.contains("<h2 id=\"intro-1\">Intro</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"my-id\">Custom</h2>"));
        for h in &r.headings {
            assert!(r.html[h.html_start..].starts_with(&format!("<h{} id=\"{}\"", h.level, h.id)));
        }
    }

    #[test]
    fn microsoft_docs_headings_with_anchors_and_mt_spans() {
        let src = "# <a name=\"top-title\"></a><span data-ttu-id=\"a1-1\">送信者向けのサービス</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-1\">Services for senders</span></span>\n\n<span data-ttu-id=\"a1-2\">本文です。</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-2\">**Body** text.</span></span>\n";
        let r = md(src);
        assert_eq!(r.headings.len(), 1);
        assert_eq!(r.headings[0].text, "送信者向けのサービス");
        // The `<a name>` in the heading is its id, and one anchor, not two.
        assert_eq!(r.headings[0].id, "top-title");
        let ids: Vec<&str> = r.anchors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["top-title"]);
        assert!(r.html.contains("<h1 id=\"top-title\">"), "{}", r.html);
        assert!(!r.html.contains("Services for senders"), "{}", r.html);
        assert!(!r.html.contains("sxs-lookup"));
        assert!(!r.html.contains("<strong>Body</strong>"), "{}", r.html);
        assert!(r.html.contains("本文です。"));
        assert_eq!(r.summary, "本文です。");
        assert_eq!(r.mt_segments, 2);
        assert_eq!(r.words, count_words("送信者向けのサービス本文です。"));
        let anchor = r.anchors.iter().find(|a| a.id == "top-title").unwrap();
        assert_eq!(&src[anchor.range.clone()], "top-title");

        let kept = render(
            src,
            &|_, _| None,
            RenderOptions {
                mt_originals: MtOriginals::Keep,
            },
        );
        assert!(kept.html.contains("<span class=\"sxs-lookup\">"));
        assert!(kept.html.contains("Services for senders"));
        assert_eq!(kept.headings[0].text, "送信者向けのサービス");
        assert_eq!(kept.summary, r.summary);
        assert_eq!(kept.words, r.words);
    }

    #[test]
    fn unclosed_original_ends_with_its_block() {
        let src = "<span data-ttu-id=\"x\">Текст</span><span class=\"sxs-lookup\">English never closed\n\nNext paragraph.\n";
        let r = md(src);
        assert!(r.html.contains("Next paragraph."), "{}", r.html);
        assert!(!r.html.contains("English never closed"));
    }

    #[test]
    fn links_with_source_ranges() {
        let src = "See [a](x.md#frag), ![i](img/p.png), <https://e.org>, [r][ref] and <a href=\"h.md\">h</a> `[no](code.md)`.\n\n```\n[no](fence.md)\n```\n\n[ref]: y.md\n";
        let r = md(src);
        let got: Vec<(&str, &str, LinkKind)> = r
            .links
            .iter()
            .map(|l| (l.target.as_str(), &src[l.range.clone()], l.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("x.md#frag", "x.md#frag", LinkKind::Inline),
                ("img/p.png", "img/p.png", LinkKind::Image),
                ("https://e.org", "https://e.org", LinkKind::Autolink),
                ("h.md", "h.md", LinkKind::HtmlHref),
                // Sorted by position: a reference link is found at its definition.
                ("y.md", "y.md", LinkKind::Reference),
            ]
        );
    }

    #[test]
    fn links_are_rewritten_in_markdown_and_html() {
        let src = "[a](b.md#x) <a href=\"c.md\">c</a>\n";
        let r = render(
            src,
            &|t, _| {
                t.strip_suffix(".md")
                    .map(|s| format!("/en/{s}/"))
                    .or_else(|| t.split_once(".md#").map(|(p, f)| format!("/en/{p}/#{f}")))
            },
            RenderOptions::default(),
        );
        assert!(r.html.contains("href=\"/en/b/#x\""), "{}", r.html);
        assert!(r.html.contains("<a href=\"/en/c/\">"), "{}", r.html);
    }

    #[test]
    fn html_anchors_tags_and_footnotes() {
        let src = "<div id=\"box\">\n\n<span><a name=\"AboutSupport\"> </a></span> text[^note]\n\n</div>\n\n[^note]: A footnote.\n\n<ul><li>x</li><ul>\n";
        let r = md(src);
        let ids: Vec<(&str, AnchorSource)> = r
            .anchors
            .iter()
            .map(|a| (a.id.as_str(), a.source))
            .collect();
        assert!(ids.contains(&("box", AnchorSource::Html)));
        assert!(ids.contains(&("AboutSupport", AnchorSource::Html)));
        assert!(ids.contains(&("note", AnchorSource::Footnote)));
        assert!(r.html.contains("<a name=\"AboutSupport\"> </a>"));
        let tags: Vec<(&str, TagKind)> = r
            .html_tags
            .iter()
            .map(|t| (t.name.as_str(), t.kind))
            .collect();
        assert_eq!(tags[0], ("div", TagKind::Open));
        assert!(tags.contains(&("div", TagKind::Close)));
        assert_eq!(
            tags.iter()
                .filter(|t| t.0 == "ul" && t.1 == TagKind::Open)
                .count(),
            2
        );
    }

    #[test]
    fn gfm_extensions() {
        let r = md(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n\n> [!NOTE]\n> Careful.\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>gone</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("markdown-alert-note"), "{}", r.html);
    }

    #[test]
    fn tokenizer_handles_quotes_and_entities() {
        let tags = tokenize("<a href='x&amp;y.md' title=\"a > b\" data-x=1>", 10);
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].attr("href"), Some("x&amp;y.md"));
        assert_eq!(tags[0].attr("title"), Some("a > b"));
        assert_eq!(tags[0].attr("data-x"), Some("1"));
        assert_eq!(decode_entities("x&amp;y&#x41;&#66;&bogus;"), "x&yAB&bogus;");
        assert_eq!(tokenize("</span >", 0)[0].kind, TagKind::Close);
        assert_eq!(tokenize("<br/>", 0)[0].kind, TagKind::SelfClosing);
        assert!(tokenize("a < b and <!-- <c0> -->", 0).is_empty());
    }

    #[test]
    fn words_count_cjk_characters() {
        assert_eq!(count_words("Hello, world — it's 2024."), 4);
        assert_eq!(count_words("日本語のテキスト"), 8);
        assert_eq!(count_words("Привет мир"), 2);
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        let r = md("# Title\n\nFirst *para* here.\n\nSecond.\n");
        assert_eq!(r.summary, "First para here.");
    }
}
