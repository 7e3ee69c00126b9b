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
