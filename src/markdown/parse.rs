//! The parse: one pulldown-cmark pass per article that collects headings,
//! anchors, links and raw HTML tags with their byte ranges, and rewrites
//! links.

#[allow(unused_imports)]
use super::*;

pub(super) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Longest summary, in characters.
pub(super) const SUMMARY_CHARS: usize = 300;

/// Renders `src` (an article body with includes expanded), in four steps:
/// parse into events ([`parse_events`]), read the raw HTML ([`raw_html`]),
/// walk the events ([`EventPass`]: heading ids, link rewrites, originals,
/// summary and words), write the HTML ([`write_html`]).
pub fn render(src: &str, rewrite: &Rewrite, options: RenderOptions) -> Rendered {
    let (events, refdefs) = parse_events(src);
    let fragments = tokenize_fragments(src, &events);
    let blocks = top_level_blocks(&events);
    let regions = mt_regions(&fragments, &blocks);
    let mut out = Rendered::default();
    let edits = raw_html(&fragments, &events, &regions, rewrite, options, &mut out);
    let mut pass = EventPass {
        src,
        rewrite,
        options,
        refdefs: &refdefs,
        regions: &regions,
        fragments: &fragments,
        edits,
        html_events: Vec::with_capacity(events.len()),
        used_ids: HashSet::new(),
        heading: None,
        depth: 0,
        paragraph_text: None,
        pending: Vec::new(),
        out,
    };
    for (i, (ev, range)) in events.into_iter().enumerate() {
        pass.event(i, ev, range);
    }
    let EventPass {
        mut out,
        html_events,
        pending,
        ..
    } = pass;
    write_html(src, html_events, &pending, &mut out);
    out
}

/// A reference definition: (label, destination, range of the destination).
type RefDef = (String, String, Range<usize>);

/// The events of `src` with their ranges, and its reference definitions.
fn parse_events(src: &str) -> (Vec<(Event<'_>, Range<usize>)>, Vec<RefDef>) {
    let parser = Parser::new_ext(src, parser_options()).into_offset_iter();
    let refdefs: Vec<RefDef> = parser
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
    (events, refdefs)
}

/// Every raw HTML event, tokenized once.
fn tokenize_fragments(src: &str, events: &[(Event, Range<usize>)]) -> Vec<Fragment> {
    let mut fragments: Vec<Fragment> = Vec::new();
    // An HTML comment may span several fragments (one per line of an HTML block).
    let mut in_comment = false;
    for (i, (ev, range)) in events.iter().enumerate() {
        if let Event::Html(text) | Event::InlineHtml(text) = ev {
            let base = fragment_base(src, range, text);
            let skip = match in_comment {
                true => text.find("-->").map(|e| e + 3),
                false => Some(0),
            };
            let skip = skip.unwrap_or(text.len());
            // Still inside when the comment does not end in this fragment.
            in_comment = (in_comment && skip == text.len() && !text.ends_with("-->"))
                || ends_in_comment(&text[skip..]);
            let tags = tokenize(&text[skip..], base + skip);
            fragments.push(Fragment {
                event: i,
                base,
                tags,
            });
        }
    }
    fragments
}

/// The edits of raw HTML events, by event index.
struct RawEdits {
    fragment_of: Vec<Option<usize>>,
    edits_of: Vec<Option<Vec<(Range<usize>, String)>>>,
}

/// Raw HTML: records tags, anchors, links and machine-translation segments
/// in `out`, and returns the edits to make (rewritten links, stripped
/// originals).
fn raw_html(
    fragments: &[Fragment],
    events: &[(Event, Range<usize>)],
    regions: &[Range<usize>],
    rewrite: &Rewrite,
    options: RenderOptions,
    out: &mut Rendered,
) -> RawEdits {
    let mut edits_by_event: Vec<(usize, Vec<(Range<usize>, String)>)> = Vec::new();
    for frag in fragments {
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
            let inside = inside(regions, &t.range);
            if t.attr("data-ttu-id").is_some() && !inside {
                out.mt_segments += 1;
            }
            if inside {
                continue;
            }
            tag_attrs(t, rewrite, out, &mut edits);
        }
        if options.mt_originals == MtOriginals::Strip {
            let len = frag_text_len(&events[frag.event].0);
            let span = frag.base..frag.base + len;
            for g in regions {
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
    RawEdits {
        fragment_of,
        edits_of,
    }
}

/// The anchors (`id`, `name` of `<a>`) and links (`href`, `src`) of one
/// raw HTML tag; a rewritten link becomes an edit.
fn tag_attrs(
    t: &ScannedTag,
    rewrite: &Rewrite,
    out: &mut Rendered,
    edits: &mut Vec<(Range<usize>, String)>,
) {
    for attr in &t.attrs {
        let kind = match attr.name.as_str() {
            "id" | "name" if !attr.value.is_empty() => {
                // `name` only names anchors on `<a>` (and form controls, which are no targets).
                if attr.name == "id" || t.name == "a" {
                    out.anchors.push(Anchor {
                        id: decode_entities(&attr.value),
                        range: attr.value_range.clone(),
                        source: AnchorSource::Html,
                    });
                }
                continue;
            }
            "href" if matches!(t.name.as_str(), "a" | "area") => LinkKind::HtmlHref,
            "src"
                if matches!(
                    t.name.as_str(),
                    "img" | "source" | "video" | "audio" | "iframe"
                ) =>
            {
                LinkKind::HtmlSrc
            }
            _ => continue,
        };
        let target = decode_entities(&attr.value);
        if let Some(new) = rewrite(&target, attr.value_range.clone()) {
            edits.push((attr.value_range.clone(), escape_attr(&new)));
        }
        out.links.push(Link {
            target,
            range: attr.value_range.clone(),
            kind,
        });
    }
}

/// The walk over the event stream: headings get ids, links get rewritten,
/// originals are stripped or kept; text is collected for the summary and
/// words.
struct EventPass<'s, 'a> {
    src: &'s str,
    rewrite: &'a Rewrite<'a>,
    options: RenderOptions,
    refdefs: &'a [RefDef],
    regions: &'a [Range<usize>],
    fragments: &'a [Fragment],
    edits: RawEdits,
    out: Rendered,
    html_events: Vec<Event<'s>>,
    used_ids: HashSet<String>,
    heading: Option<HeadingBuilder>,
    /// Nesting depth of the event stream (0: between top-level blocks).
    depth: usize,
    paragraph_text: Option<String>,
    /// (index in out.headings, level, id)
    pending: Vec<(usize, u8, String)>,
}

impl<'s> EventPass<'s, '_> {
    /// Event `i` of the stream.
    fn event(&mut self, i: usize, ev: Event<'s>, range: Range<usize>) {
        let original = if matches!(ev, Event::Start(_) | Event::End(_)) {
            in_region_tag(&ev, &range, self.regions)
        } else {
            inside(self.regions, &range)
        };
        let is_top = self.depth == 0;
        match &ev {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if original {
            if self.options.mt_originals == MtOriginals::Keep {
                self.html_events.push(ev);
            }
            return;
        }
        let ev = match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some(HeadingBuilder {
                    level: level as u8,
                    explicit: id.as_ref().map(|s| s.to_string()),
                    text: String::new(),
                    range: range.clone(),
                    start_event: self.html_events.len(),
                });
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(h) = self.heading.take() {
                    self.end_heading(h);
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.link(&range, dest_url, link_type, &id, None);
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
                let dest_url = self.link(&range, dest_url, link_type, &id, Some(LinkKind::Image));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.out.anchors.push(Anchor {
                    id: label.to_string(),
                    range: range.clone(),
                    source: AnchorSource::Footnote,
                });
                Event::Start(Tag::FootnoteDefinition(label))
            }
            Event::Start(Tag::Paragraph) if is_top && self.out.summary.is_empty() => {
                self.paragraph_text = Some(String::new());
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::Paragraph) if self.depth == 0 => {
                if let Some(t) = self.paragraph_text.take() {
                    self.out.summary = summarize(&t);
                }
                Event::End(TagEnd::Paragraph)
            }
            Event::Html(text) => Event::Html(self.raw(i, text)),
            Event::InlineHtml(text) => Event::InlineHtml(self.raw(i, text)),
            other => other,
        };
        self.collect_text(&ev);
        self.html_events.push(ev);
    }

    /// A heading ends: its id (explicit, else an `<a name|id>` written in
    /// it, else a unique slug), its anchor, its entry in the headings.
    fn end_heading(&mut self, h: HeadingBuilder) {
        let out = &mut self.out;
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
        let has_html_anchor = html_anchor.is_some();
        let id = match (&h.explicit, html_anchor) {
            (Some(id), _) => id.clone(),
            // Written twice on a page (it happens): keep heading ids unique.
            (None, Some(id)) => unique_id(&id, &self.used_ids),
            (None, None) => match slug(&text, self.options.heading_ids) {
                s if s.is_empty() => {
                    unique_id(slug::empty_slug(self.options.heading_ids), &self.used_ids)
                }
                s => unique_id(&s, &self.used_ids),
            },
        };
        self.used_ids.insert(id.clone());
        // A heading holding `<a name="x">` answers to its slug too (DocFX
        // gives it both): an empty `<span id>` carries the slug.
        if has_html_anchor && h.explicit.is_none() {
            let slug = slug(&text, self.options.heading_ids);
            if !slug.is_empty() && !self.used_ids.contains(&slug) {
                self.used_ids.insert(slug.clone());
                out.anchors.push(Anchor {
                    id: slug.clone(),
                    range: h.range.clone(),
                    source: AnchorSource::Heading,
                });
                self.html_events
                    .push(Event::InlineHtml(CowStr::from(format!(
                        "<span id=\"{}\"></span>",
                        escape_attr(&slug)
                    ))));
            }
        }
        if let Some(Event::Start(Tag::Heading { id: slot, .. })) =
            self.html_events.get_mut(h.start_event)
        {
            *slot = Some(CowStr::from(id.clone()));
        }
        if !out
            .anchors
            .iter()
            .any(|a| a.id == id && h.range.start <= a.range.start && a.range.end <= h.range.end)
        {
            out.anchors.push(Anchor {
                id: id.clone(),
                range: h.range.clone(),
                source: match h.explicit {
                    Some(_) => AnchorSource::Attribute,
                    None => AnchorSource::Heading,
                },
            });
        }
        self.pending.push((out.headings.len(), h.level, id.clone()));
        out.headings.push(Heading {
            level: h.level,
            id,
            text,
            range: h.range,
            html_start: 0,
        });
    }

    /// A link or image: recorded with the range of its target, and its
    /// destination rewritten. `kind` is `None` for links (the kind follows
    /// from how the link is written).
    fn link(
        &mut self,
        range: &Range<usize>,
        dest_url: CowStr<'s>,
        link_type: LinkType,
        id: &CowStr<'s>,
        kind: Option<LinkKind>,
    ) -> CowStr<'s> {
        let (target_range, written) =
            link_position(self.src, range, &dest_url, link_type, id, self.refdefs);
        // `<x@y.com>` is written `mailto:` in the HTML: never a file link.
        let target = match link_type {
            LinkType::Email => format!("mailto:{dest_url}"),
            _ => dest_url.to_string(),
        };
        let new = (self.rewrite)(&target, target_range.clone());
        self.out.links.push(Link {
            target,
            range: target_range,
            kind: kind.unwrap_or(written),
        });
        new.map(CowStr::from).unwrap_or(dest_url)
    }

    /// Raw HTML event `i` with its edits made.
    fn raw(&self, i: usize, text: CowStr<'s>) -> CowStr<'s> {
        match (&self.edits.edits_of[i], self.edits.fragment_of[i]) {
            (Some(edits), Some(f)) => {
                CowStr::from(apply_edits(&text, self.fragments[f].base, edits))
            }
            _ => text,
        }
    }

    /// Text for the open heading, the summary paragraph and the word count.
    fn collect_text(&mut self, ev: &Event) {
        if let Event::Text(t) | Event::Code(t) = ev {
            if let Some(h) = self.heading.as_mut() {
                h.text.push_str(t);
            }
            if let Some(p) = self.paragraph_text.as_mut() {
                p.push_str(t);
            }
            self.out.words += count_words(t);
        } else if matches!(ev, Event::SoftBreak | Event::HardBreak) {
            if let Some(h) = self.heading.as_mut() {
                h.text.push(' ');
            }
            if let Some(p) = self.paragraph_text.as_mut() {
                p.push(' ');
            }
        }
    }
}

/// Writes the HTML of the events into `out`, with where each heading
/// starts in it (its open tag with its id), and sorts links and anchors.
fn write_html(
    src: &str,
    html_events: Vec<Event>,
    pending: &[(usize, u8, String)],
    out: &mut Rendered,
) {
    let mut html = String::with_capacity(src.len() + src.len() / 2);
    pulldown_cmark::html::push_html(&mut html, html_events.into_iter());
    let mut from = 0;
    for (idx, level, id) in pending {
        let needle = format!("<h{level} id=\"{}\"", escape_attr(id));
        if let Some(p) = html[from..].find(&needle) {
            out.headings[*idx].html_start = from + p;
            from += p + needle.len();
        } else {
            out.headings[*idx].html_start = from;
        }
    }
    out.html = html;
    out.links.sort_by_key(|l| l.range.start);
    out.anchors.sort_by_key(|a| a.range.start);
}

/// Whether `r` lies wholly inside one of `regions` (sorted, disjoint).
pub(super) fn inside(regions: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = regions.partition_point(|g| g.start <= r.start);
    i > 0 && {
        let g = &regions[i - 1];
        r.end <= g.end && r.start < g.end
    }
}

pub(super) fn frag_text_len(ev: &Event) -> usize {
    match ev {
        Event::Html(t) | Event::InlineHtml(t) => t.len(),
        _ => 0,
    }
}

/// Start/End events of tags lying wholly inside an original, e.g. the
/// `**` of `<span class="sxs-lookup">**Service**</span>`.
pub(super) fn in_region_tag(ev: &Event, range: &Range<usize>, regions: &[Range<usize>]) -> bool {
    matches!(ev, Event::Start(_) | Event::End(_))
        && !matches!(
            ev,
            Event::Start(Tag::Paragraph | Tag::TableCell | Tag::Item)
                | Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item)
        )
        && inside(regions, range)
}

pub(super) struct HeadingBuilder {
    pub(super) level: u8,
    pub(super) explicit: Option<String>,
    pub(super) text: String,
    pub(super) range: Range<usize>,
    pub(super) start_event: usize,
}

/// Raw HTML of one event, tokenized.
pub(super) struct Fragment {
    pub(super) event: usize,
    /// Offset in `src` of the event's text.
    pub(super) base: usize,
    pub(super) tags: Vec<ScannedTag>,
}

/// Where the text of an HTML event starts in `src`. Block HTML inside
/// containers (`> <div>`) loses its prefix, so look for the text in its range.
pub(super) fn fragment_base(src: &str, range: &Range<usize>, text: &str) -> usize {
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

/// The destination's range in a link written `[text](dest)` or `![alt](dest)`;
/// for reference links, the definition's destination.
pub(super) fn link_position(
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
pub(super) fn dest_range(src: &str, span: &Range<usize>, dest: &str) -> Range<usize> {
    let slice = src.get(span.clone()).unwrap_or("");
    // In a definition `[label]: dest`, search after the colon.
    let after = slice.find("]:").map(|i| i + 2).unwrap_or(0);
    match slice.get(after..).and_then(|s| s.find(dest)) {
        Some(i) if !dest.is_empty() => span.start + after + i..span.start + after + i + dest.len(),
        _ => span.clone(),
    }
}
