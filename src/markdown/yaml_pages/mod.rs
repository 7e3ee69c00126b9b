//! DocFX YAML pages (`### YamlMime:Landing`, `Hub`, `FAQ`, `Tutorial`) to
//! HTML, with the same product as the Markdown stage ([`Rendered`]: HTML,
//! headings, anchors, links with ranges), so that check and render treat
//! such a page like an article.
//!
//! - Hub: `highlightedContent`, `productDirectory`, `conceptualContent`,
//!   `tools`, `additionalContent` become sections of cards and link lists.
//! - Landing: `landingContent` cards with their `linkLists`.
//! - FAQ: `sections` (`name`) as `<h2>`, `questions` as `<h3>` with
//!   anchors, answers as Markdown.
//! - Tutorial: the Markdown `content` of every item.
//!
//! Invariants: pure; every range is a byte range of the YAML file's text:
//! `url`/`imageSrc` values exactly, links inside Markdown values (answers,
//! summaries) at the place their target is written; a page that is not
//! valid YAML renders empty (its frontmatter stage reported it).

use std::cell::Cell;
use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use serde_json::Value;

use super::{
    Anchor, AnchorSource, Heading, Link, LinkKind, RenderOptions, Rendered, Rewrite, count_words,
    escape_attr, slugify,
};

type Spanned = serde_saphyr::Spanned<Value>;

/// A string of the page and where it is written.
#[derive(Clone, Debug)]
struct Text {
    text: String,
    range: Range<usize>,
}

/// Any block of a YAML page: every page type is a tree of these.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Block {
    title: Option<Spanned>,
    name: Option<Spanned>,
    summary: Option<Spanned>,
    url: Option<Spanned>,
    text: Option<Spanned>,
    image_src: Option<Spanned>,
    item_type: Option<Spanned>,
    link_list_type: Option<Spanned>,
    question: Option<Spanned>,
    answer: Option<Spanned>,
    content: Option<Spanned>,
    note: Option<Spanned>,
    items: Option<Vec<Block>>,
    links: Option<Vec<Block>>,
    sections: Option<Vec<Block>>,
    questions: Option<Vec<Block>>,
    link_lists: Option<Vec<Block>>,
    landing_content: Option<Vec<Block>>,
    footer_link: Option<Box<Block>>,
    highlighted_content: Option<Box<Block>>,
    product_directory: Option<Box<Block>>,
    conceptual_content: Option<Box<Block>>,
    tools: Option<Box<Block>>,
    additional_content: Option<Box<Block>>,
}

fn list(v: &Option<Vec<Block>>) -> &[Block] {
    v.as_deref().unwrap_or(&[])
}

/// The text of an include (`[!INCLUDE [title](path)]` in a Markdown value),
/// by the path as written; `None` when there is no such include.
pub type IncludeFn<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// `[!INCLUDE [title](path)]` in a Markdown value replaced by the include's
/// text (one level: includes of includes stay as written).
fn expand_includes(text: &str, include: &IncludeFn) -> String {
    const OPEN: &str = "[!INCLUDE";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let parsed = after.find("](").and_then(|p| {
            let path_start = p + 2;
            let close = after[path_start..].find(")]")?;
            Some((
                after[path_start..path_start + close].trim(),
                path_start + close + 2,
            ))
        });
        match parsed.and_then(|(path, end)| Some((include(path)?, end))) {
            Some((body, end)) => {
                out.push_str(body.trim_end());
                rest = &after[end..];
            }
            None => {
                out.push_str(OPEN);
                rest = &after[OPEN.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

struct Builder<'a> {
    src: &'a str,
    rewrite: &'a Rewrite<'a>,
    include: &'a IncludeFn<'a>,
    options: RenderOptions,
    out: Rendered,
    ids: HashSet<String>,
}

impl Builder<'_> {
    /// A scalar as text with its range (numbers and booleans as written).
    fn text(&self, v: &Option<Spanned>) -> Option<Text> {
        let v = v.as_ref()?;
        let text = match &v.value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        if text.is_empty() {
            return None;
        }
        let span = v.referenced.span();
        let range = match span.byte_offset() {
            Some(start) => {
                let start = (start as usize).min(self.src.len());
                let len = span.byte_len().map(|l| l as usize).unwrap_or(0);
                start..(start + len).min(self.src.len())
            }
            None => 0..0,
        };
        // A quoted scalar's span holds its quotes: point at the value.
        let range = match self.src.get(range.clone()).and_then(|w| w.find(&text)) {
            Some(i) => range.start + i..range.start + i + text.len(),
            None => range,
        };
        Some(Text { text, range })
    }

    /// The range of a link target written inside a scalar: where `target`
    /// stands in the scalar's source, searched from `from`.
    fn locate(&self, value: &Range<usize>, target: &str, from: usize) -> Range<usize> {
        let start = from.max(value.start).min(self.src.len());
        let end = value.end.max(start).min(self.src.len());
        // A folded block scalar's range may stop short; look a little past it.
        let window_end = if end > start { end } else { self.src.len() };
        match self.src.get(start..window_end).and_then(|w| w.find(target)) {
            Some(i) if !target.is_empty() => start + i..start + i + target.len(),
            _ => value.start..value.start,
        }
    }

    /// A URL value as an href: rewritten, its link recorded.
    fn href(&mut self, t: &Text, kind: LinkKind) -> String {
        let target = t.text.clone();
        let href = (self.rewrite)(&target, t.range.clone()).unwrap_or_else(|| target.clone());
        self.out.links.push(Link {
            target,
            range: t.range.clone(),
            kind,
        });
        escape_attr(&href)
    }

    fn heading(&mut self, level: u8, t: &Text) {
        let base = slugify(&t.text);
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        let html_start = self.out.html.len();
        self.out.html.push_str(&format!(
            "<h{level} id=\"{}\">{}</h{level}>\n",
            escape_attr(&id),
            escape_attr(&t.text)
        ));
        self.out.words += count_words(&t.text);
        self.out.anchors.push(Anchor {
            id: id.clone(),
            range: t.range.clone(),
            source: AnchorSource::Heading,
        });
        self.out.headings.push(Heading {
            level,
            id,
            text: t.text.clone(),
            range: t.range.clone(),
            html_start,
        });
    }

    /// A Markdown value rendered by the Markdown stage; its links and
    /// anchors are moved to the file's ranges.
    fn markdown(&mut self, t: &Text, class: &str) {
        let cursor = Cell::new(t.range.start);
        let value = t.range.clone();
        let outer = self.rewrite;
        let this = &*self;
        let rewrite = |target: &str, _r: Range<usize>| {
            let r = this.locate(&value, target, cursor.get());
            if r.end > r.start {
                cursor.set(r.end);
            }
            outer(target, r)
        };
        let text = if t.text.contains("[!INCLUDE") {
            expand_includes(&t.text, self.include)
        } else {
            t.text.clone()
        };
        let inner = super::render(&text, &rewrite, self.options);
        let mut cursor = t.range.start;
        let mut links = Vec::with_capacity(inner.links.len());
        for l in inner.links {
            let r = self.locate(&value, &l.target, cursor);
            if r.end > r.start {
                cursor = r.end;
            }
            links.push(Link { range: r, ..l });
        }
        self.out.links.extend(links);
        for a in inner.anchors {
            self.ids.insert(a.id.clone());
            self.out.anchors.push(Anchor {
                range: t.range.start..t.range.start,
                ..a
            });
        }
        let base = self.out.html.len() + format!("<div class=\"{class}\">\n").len();
        for h in inner.headings {
            self.out.headings.push(Heading {
                range: t.range.start..t.range.start,
                html_start: base + h.html_start,
                ..h
            });
        }
        if self.out.summary.is_empty() {
            self.out.summary = inner.summary;
        }
        self.out.words += inner.words;
        self.out.mt_segments += inner.mt_segments;
        self.out
            .html
            .push_str(&format!("<div class=\"{class}\">\n"));
        self.out.html.push_str(&inner.html);
        self.out.html.push_str("</div>\n");
    }

    /// A link list: `links` of `{text, url}` (or `{title, url}`).
    fn links(&mut self, links: &[Block]) {
        if links.is_empty() {
            return;
        }
        self.out.html.push_str("<ul class=\"stele-yaml-links\">\n");
        for l in links {
            let label = self.text(&l.text).or_else(|| self.text(&l.title));
            let url = self.text(&l.url);
            self.out.html.push_str("<li>");
            match (url, &label) {
                (Some(u), _) => {
                    let href = self.href(&u, LinkKind::Inline);
                    let label = label.as_ref().map(|t| t.text.clone()).unwrap_or(u.text);
                    self.out.words += count_words(&label);
                    self.out
                        .html
                        .push_str(&format!("<a href=\"{href}\">{}</a>", escape_attr(&label)));
                }
                (None, Some(t)) => self.out.html.push_str(&escape_attr(&t.text)),
                (None, None) => {}
            }
            self.out.html.push_str("</li>\n");
        }
        self.out.html.push_str("</ul>\n");
    }

    /// A card: image, title (a link when it has a `url`), summary, links.
    fn card(&mut self, b: &Block) {
        let kind = self
            .text(&b.item_type)
            .or_else(|| self.text(&b.link_list_type))
            .map(|t| format!(" stele-yaml-{}", slugify(&t.text)))
            .unwrap_or_default();
        self.out
            .html
            .push_str(&format!("<li class=\"stele-yaml-card{kind}\">\n"));
        if let Some(img) = self.text(&b.image_src) {
            let src = self.href(&img, LinkKind::Image);
            self.out
                .html
                .push_str(&format!("<img src=\"{src}\" alt=\"\" loading=\"lazy\">\n"));
        }
        let title = self.text(&b.title).or_else(|| self.text(&b.text));
        match (self.text(&b.url), title) {
            (Some(u), t) => {
                let href = self.href(&u, LinkKind::Inline);
                let label = t.map(|t| t.text).unwrap_or(u.text);
                self.out.words += count_words(&label);
                self.out.html.push_str(&format!(
                    "<p class=\"stele-yaml-card-title\"><a href=\"{href}\">{}</a></p>\n",
                    escape_attr(&label)
                ));
            }
            (None, Some(t)) => {
                self.out.words += count_words(&t.text);
                self.out.html.push_str(&format!(
                    "<p class=\"stele-yaml-card-title\">{}</p>\n",
                    escape_attr(&t.text)
                ));
            }
            (None, None) => {}
        }
        if let Some(s) = self.text(&b.summary) {
            self.markdown(&s, "stele-yaml-summary");
        }
        self.links(list(&b.links));
        for ll in list(&b.link_lists) {
            self.links(list(&ll.links));
        }
        if let Some(f) = &b.footer_link {
            self.links(std::slice::from_ref(f));
        }
        self.out.html.push_str("</li>\n");
    }

    /// A section: a heading, a summary, cards.
    fn section(&mut self, b: &Block, class: &str) {
        self.out
            .html
            .push_str(&format!("<section class=\"stele-yaml-section {class}\">\n"));
        if let Some(t) = self.text(&b.title).or_else(|| self.text(&b.name)) {
            self.heading(2, &t);
        }
        if let Some(s) = self.text(&b.summary) {
            self.markdown(&s, "stele-yaml-summary");
        }
        let items = list(&b.items);
        if !items.is_empty() {
            self.out.html.push_str("<ul class=\"stele-yaml-cards\">\n");
            for it in items {
                self.card(it);
            }
            self.out.html.push_str("</ul>\n");
        }
        for s in list(&b.sections) {
            self.section(s, "stele-yaml-subsection");
        }
        self.links(list(&b.links));
        if let Some(f) = &b.footer_link {
            self.links(std::slice::from_ref(f));
        }
        self.out.html.push_str("</section>\n");
    }

    fn faq(&mut self, page: &Block) {
        for s in list(&page.sections) {
            self.out
                .html
                .push_str("<section class=\"stele-yaml-section stele-yaml-faq\">\n");
            if let Some(t) = self.text(&s.name).or_else(|| self.text(&s.title)) {
                self.heading(2, &t);
            }
            for q in list(&s.questions) {
                if let Some(t) = self.text(&q.question) {
                    self.heading(3, &t);
                }
                if let Some(a) = self.text(&q.answer) {
                    self.markdown(&a, "stele-yaml-answer");
                }
            }
            self.out.html.push_str("</section>\n");
        }
    }
}

/// Renders the YAML page `src` (the whole file) of type `mime` (`Hub`,
/// `Landing`, `FAQ`, `Tutorial`; see [`crate::read::discover::yaml_mime`]).
/// `include` gives the text of the includes that Markdown values name.
pub fn render(
    src: &str,
    mime: &str,
    rewrite: &Rewrite,
    include: &IncludeFn,
    options: RenderOptions,
) -> Rendered {
    let mut options_yaml = crate::limits::yaml_options();
    options_yaml.strict_booleans = true;
    options_yaml.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    let Ok(page) = serde_saphyr::from_str_with_options::<Block>(src, options_yaml) else {
        return Rendered::default();
    };
    let mut b = Builder {
        src,
        rewrite,
        include,
        options,
        out: Rendered::default(),
        ids: HashSet::new(),
    };
    let kind = mime.to_ascii_lowercase();
    b.out.html.push_str(&format!(
        "<div class=\"stele-yaml-page stele-yaml-{kind}\">\n"
    ));
    if let Some(t) = b.text(&page.title) {
        b.heading(1, &t);
    }
    if let Some(s) = b.text(&page.summary) {
        b.markdown(&s, "stele-yaml-summary");
    }
    match kind.as_str() {
        "faq" => b.faq(&page),
        "tutorial" => {
            for it in list(&page.items) {
                b.out
                    .html
                    .push_str("<section class=\"stele-yaml-section\">\n");
                if let Some(t) = b.text(&it.title) {
                    b.heading(2, &t);
                }
                if let Some(c) = b.text(&it.content) {
                    b.markdown(&c, "stele-yaml-content");
                }
                b.out.html.push_str("</section>\n");
            }
        }
        _ => {
            if let Some(h) = &page.highlighted_content {
                b.section(h, "stele-yaml-highlighted");
            }
            for (block, class) in [
                (&page.product_directory, "stele-yaml-directory"),
                (&page.conceptual_content, "stele-yaml-concepts"),
                (&page.tools, "stele-yaml-tools"),
            ] {
                if let Some(x) = block {
                    b.section(x, class);
                }
            }
            let landing = list(&page.landing_content);
            if !landing.is_empty() {
                b.out
                    .html
                    .push_str("<section class=\"stele-yaml-section stele-yaml-landing\">\n<ul class=\"stele-yaml-cards\">\n");
                for card in landing {
                    b.out.html.push_str("<li class=\"stele-yaml-card\">\n");
                    if let Some(t) = b.text(&card.title) {
                        b.heading(2, &t);
                    }
                    for ll in list(&card.link_lists) {
                        b.links(list(&ll.links));
                    }
                    b.links(list(&card.links));
                    b.out.html.push_str("</li>\n");
                }
                b.out.html.push_str("</ul>\n</section>\n");
            }
            if let Some(a) = &page.additional_content {
                b.section(a, "stele-yaml-additional");
            }
        }
    }
    // FAQ and others: trailing Markdown (`additionalContent` as text).
    b.out.html.push_str("</div>\n");
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(src: &str, mime: &str) -> Rendered {
        render(src, mime, &|_, _| None, &|_| None, RenderOptions::default())
    }

    #[test]
    fn faq_questions_are_headings_with_anchors_and_answers_markdown() {
        let src = "### YamlMime:FAQ\ntitle: Upgrade FAQ\nsummary: ''\nsections:\n- name: Retirement\n  questions:\n  - question: Is there a date?\n    answer: >\n      Yes. [Skype](skype-retirement.md) retired.\n";
        let r = plain(src, "FAQ");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["upgrade-faq", "retirement", "is-there-a-date"]);
        assert!(
            r.html
                .contains("<h3 id=\"is-there-a-date\">Is there a date?</h3>")
        );
        assert!(r.html.contains("<a href=\"skype-retirement.md\">Skype</a>"));
        let l = &r.links[0];
        assert_eq!(l.target, "skype-retirement.md");
        assert_eq!(&src[l.range.clone()], "skype-retirement.md");
        assert!(r.anchors.iter().any(|a| a.id == "retirement"));
    }

    #[test]
    fn hub_cards_and_links_keep_positions_and_are_rewritten() {
        let src = "### YamlMime:Hub\ntitle: Teams docs\nhighlightedContent:\n  items:\n    - title: Upgrade\n      itemType: how-to-guide\n      url: ./upgrade.yml\nproductDirectory:\n  title: Start\n  items:\n    - title: Pilot\n      imageSrc: 'https://x.org/i.svg'\n      summary: Plan it.\n      links:\n      - url: pilot.md\n        text: Pilot guide\n";
        let rewrite = |t: &str, _: Range<usize>| Some(format!("/out/{t}"));
        let r = render(src, "Hub", &rewrite, &|_| None, RenderOptions::default());
        assert!(
            r.html
                .contains("<a href=\"/out/./upgrade.yml\">Upgrade</a>")
        );
        assert!(r.html.contains("<a href=\"/out/pilot.md\">Pilot guide</a>"));
        assert!(r.html.contains("<h2 id=\"start\">Start</h2>"));
        let targets: Vec<(&str, &str)> = r
            .links
            .iter()
            .map(|l| (l.target.as_str(), &src[l.range.clone()]))
            .collect();
        assert_eq!(
            targets,
            [
                ("./upgrade.yml", "./upgrade.yml"),
                ("https://x.org/i.svg", "https://x.org/i.svg"),
                ("pilot.md", "pilot.md"),
            ]
        );
    }

    #[test]
    fn landing_link_lists() {
        let src = "### YamlMime:Landing\ntitle: Workshops\nlandingContent:\n- title: Plan\n  linkLists:\n  - linkListType: overview\n    links:\n    - text: Overview\n      url: overview.md\n";
        let r = plain(src, "Landing");
        assert!(r.html.contains("<h2 id=\"plan\">Plan</h2>"));
        assert!(r.html.contains("<a href=\"overview.md\">Overview</a>"));
        assert_eq!(r.links.len(), 1);
    }

    #[test]
    fn includes_in_markdown_values_are_expanded() {
        let src = "### YamlMime:Tutorial\ntitle: T\nitems:\n- content: >\n    Before.\n\n\n    [!INCLUDE [note](includes/note.md)]\n\n\n    [!INCLUDE [gone](includes/gone.md)]\n";
        let include = |p: &str| {
            (p == "includes/note.md").then(|| "> [!NOTE]\n> Included **text**.\n".to_string())
        };
        let r = render(
            src,
            "Tutorial",
            &|_, _| None,
            &include,
            RenderOptions::default(),
        );
        assert!(r.html.contains("<strong>text</strong>"), "{}", r.html);
        assert!(!r.html.contains("includes/note.md"));
        assert!(
            r.html.contains("[!INCLUDE"),
            "an unknown include stays as written"
        );
    }

    #[test]
    fn broken_yaml_renders_empty() {
        let r = plain("### YamlMime:Hub\ntitle: [x\n", "Hub");
        assert!(r.html.is_empty() && r.links.is_empty());
    }
}
