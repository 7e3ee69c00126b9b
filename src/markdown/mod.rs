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

use crate::html::{decode_entities, escape_attr};
use crate::include::SourceMap;
use crate::model::site::ArticleId;

pub mod blocks;
pub mod compose;
pub mod docfx;
mod mt;
mod parse;
pub mod shortcodes;
mod slug;
mod tokenizer;
mod words;
pub mod yaml_pages;

#[allow(unused_imports)]
use self::{mt::*, parse::*, slug::*, tokenizer::*, words::*};
pub use crate::config::HeadingIds;
pub use parse::render;
pub use slug::{slug, slugify};
pub use words::{Clip, clip, count_words};

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
    /// A heading's generated slug (`-1`, `-2` when repeated).
    Heading,
    /// A heading's `{#id}`.
    Attribute,
    /// An `id` or `name` attribute in raw HTML (`<a name="x">`).
    Html,
    Footnote,
}

impl AnchorSource {
    /// Written by hand (`<a name|id>`, `{#id}`): what other pages link to
    /// and translations keep; generated slugs differ by design.
    pub fn is_hand_written(self) -> bool {
        matches!(self, AnchorSource::Attribute | AnchorSource::Html)
    }
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
    /// How heading ids are made.
    pub heading_ids: HeadingIds,
}

/// Rewrites a link destination: given the target as written and its range,
/// returns the href to write, or `None` to keep it.
pub type Rewrite<'a> = dyn Fn(&str, Range<usize>) -> Option<String> + 'a;

/// One article after include expansion and Markdown: the product of this
/// stage (made by `pipeline::process_article`, read by analyze, render and status).
#[derive(Clone, Debug)]
pub struct ArticleOutput {
    pub article: ArticleId,
    /// Frontmatter title, else the first heading, else the file stem.
    pub title: String,
    pub rendered: Rendered,
    /// Maps offsets of the expanded text back to files of the site.
    pub sources: SourceMap,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(src: &str) -> Rendered {
        render(src, &|_, _| None, RenderOptions::default())
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
        // Hugo keeps letters and decimal digits only: no combining marks.
        assert_eq!(slug("हिन्दी", HeadingIds::Hugo), "हनद");
        assert_eq!(slug("Hello, World_2!", HeadingIds::Hugo), "hello-world_2");
        assert_eq!(slug("সংজ্ঞা", HeadingIds::Github), "সংজ্ঞা");
        assert_eq!(slug("Ⅻ ²", HeadingIds::Hugo), "-");
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
    fn hugo_heading_ids() {
        let r = render(
            "# हिन्दी\n\n## हिन्दी\n\n## ¿?\n\n## Custom {#my-id}\n",
            &|_, _| None,
            RenderOptions {
                heading_ids: HeadingIds::Hugo,
                ..RenderOptions::default()
            },
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["हनद", "हनद-1", "heading", "my-id"]);
    }

    #[test]
    fn microsoft_docs_headings_with_anchors_and_mt_spans() {
        let src = "# <a name=\"top-title\"></a><span data-ttu-id=\"a1-1\">送信者向けのサービス</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-1\">Services for senders</span></span>\n\n<span data-ttu-id=\"a1-2\">本文です。</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-2\">**Body** text.</span></span>\n";
        let r = md(src);
        assert_eq!(r.headings.len(), 1);
        assert_eq!(r.headings[0].text, "送信者向けのサービス");
        // The `<a name>` in the heading is its id; its slug is an anchor too
        // (an empty span carries it), as DocFX gives the heading both.
        assert_eq!(r.headings[0].id, "top-title");
        let ids: Vec<&str> = r.anchors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["送信者向けのサービス", "top-title"]);
        assert!(
            r.html
                .contains("<span id=\"送信者向けのサービス\"></span></h1>"),
            "{}",
            r.html
        );
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
                ..RenderOptions::default()
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
