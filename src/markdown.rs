//! Markdown to HTML, once per article: returns the HTML with the headings
//! (table of contents), anchors and links found, each with its byte range
//! in the input, for the check stage to resolve afterwards.
//!
//! Invariants: pure (no I/O); one parse per call; every range is a byte
//! range of the `src` given to [`render`]; heading ids are unique per page
//! (GitHub-style slugs, deduplicated with `-1`, `-2`).

use std::ops::Range;

/// A heading of the page.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    /// The id the heading carries in the HTML.
    pub id: String,
    /// Plain text, without markup and without machine-translation originals.
    pub text: String,
    #[serde(skip)]
    pub range: Range<usize>,
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
    /// The destination exactly as written.
    pub target: String,
    /// Byte range of the destination in `src` when it can be found, else of
    /// the whole link.
    pub range: Range<usize>,
    pub kind: LinkKind,
}

/// The result of rendering one article.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub anchors: Vec<Anchor>,
    pub links: Vec<Link>,
    /// Plain text of the first paragraph, for `<meta name="description">`
    /// when the frontmatter has none (machine-translation originals left out).
    pub summary: String,
    /// Number of words of the text (CJK characters count one each).
    pub words: usize,
}

/// Placeholder until the renderer lands (replaced by the markdown module).
pub fn render(src: &str, _rewrite: &dyn Fn(&str, Range<usize>) -> Option<String>) -> Rendered {
    Rendered { html: src.to_string(), ..Default::default() }
}
