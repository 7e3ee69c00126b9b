//! Translation QA lints (warnings by default): HTML that machine
//! translation broke, and translations that drifted from their source.
//!
//! Invariants: pure; works on what the Markdown stage found in one parse
//! (the raw HTML tags with their source ranges, anchors, headings); a
//! translation is compared with the default-locale article of its group.

use std::ops::Range;

use crate::analyze::check::Locator;
use crate::diagnostic::{Code, Diagnostic};
use crate::markdown::ArticleOutput;
use crate::markdown::{HtmlTag, TagKind};
use crate::model::site::Site;

/// A problem found in a list of tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagProblem {
    pub code: Code,
    pub range: Range<usize>,
    pub message: String,
    pub hint: String,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be omitted.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rt", "rp",
];

const KNOWN: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "svg",
    "math",
];

/// Unknown elements and unbalanced or mis-nested tags.
pub fn lint_tags(tags: &[HtmlTag]) -> Vec<TagProblem> {
    let mut problems = Vec::new();
    let mut stack: Vec<&HtmlTag> = Vec::new();
    let mut foreign_depth = 0usize; // inside <svg> or <math>: any element name goes
    for tag in tags {
        let name = tag.name.as_str();
        let known = KNOWN.contains(&name) || name.contains('-') || foreign_depth > 0;
        if !known && tag.kind != TagKind::Close {
            problems.push(TagProblem {
                code: Code::UnknownElement,
                range: tag.range.clone(),
                message: format!("unknown HTML element `<{name}>`"),
                hint: "machine translation often leaves placeholder tags such as `<c0>`; remove it or restore the original markup".into(),
            });
        }
        if matches!(name, "svg" | "math") {
            match tag.kind {
                TagKind::Open => foreign_depth += 1,
                TagKind::Close => foreign_depth = foreign_depth.saturating_sub(1),
                TagKind::SelfClosing => {}
            }
        }
        if VOID.contains(&name) || tag.kind == TagKind::SelfClosing || !known {
            continue;
        }
        match tag.kind {
            TagKind::Open => stack.push(tag),
            TagKind::Close => match stack.iter().rposition(|t| t.name == name) {
                Some(i) => {
                    for open in stack.drain(i + 1..) {
                        if !OPTIONAL_END.contains(&open.name.as_str()) {
                            problems.push(TagProblem {
                                code: Code::UnbalancedHtml,
                                range: open.range.clone(),
                                message: format!(
                                    "`<{}>` is not closed before `</{name}>`",
                                    open.name
                                ),
                                hint: format!(
                                    "close it with `</{}>` inside the `<{name}>`",
                                    open.name
                                ),
                            });
                        }
                    }
                    stack.pop();
                }
                None => problems.push(TagProblem {
                    code: Code::UnbalancedHtml,
                    range: tag.range.clone(),
                    message: format!("`</{name}>` closes nothing"),
                    hint: format!("remove it, or add the `<{name}>` it should close"),
                }),
            },
            TagKind::SelfClosing => {}
        }
    }
    for open in stack {
        if !OPTIONAL_END.contains(&open.name.as_str()) {
            problems.push(TagProblem {
                code: Code::UnbalancedHtml,
                range: open.range.clone(),
                message: format!("`<{}>` is never closed", open.name),
                hint: format!("add `</{}>` where the element ends", open.name),
            });
        }
    }
    problems.sort_by_key(|p| p.range.start);
    problems
}

/// The QA lints of every article: HTML problems in every locale, anchor
/// parity and heading count for translations.
pub fn lint(site: &Site, outputs: &[ArticleOutput]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    outputs
        .par_iter()
        .flat_map_iter(|out| lint_article(site, outputs, out))
        .collect()
}

fn lint_article(site: &Site, outputs: &[ArticleOutput], out: &ArticleOutput) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let article = &site.articles[out.article];
    let tag = &site.locales[article.locale].tag;
    let mut loc = Locator::new(site, out);
    for p in lint_tags(&out.rendered.html_tags) {
        let (file, span) = loc.locate(p.range);
        diags.push(
            Diagnostic::new(p.code, site.files[file].path.clone(), p.message)
                .with_span(span)
                .with_hint(p.hint)
                .with_locale(tag.clone()),
        );
    }
    if article.locale == site.default_locale {
        return diags;
    }
    // Only a real source counts: the default locale may hold translations too.
    let Some(source) = crate::model::translation::source_of(site, out.article) else {
        return diags;
    };
    let src_out = &outputs[source];
    let src_rel = &site.articles[source].rel;
    let path = site.files[article.file].path.clone();
    let missing = crate::analyze::anchors::missing(&src_out.rendered, &out.rendered);
    if !missing.is_empty() {
        let list = missing
            .iter()
            .take(8)
            .map(|m| format!("`#{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let more = if missing.len() > 8 {
            format!(" and {} more", missing.len() - 8)
        } else {
            String::new()
        };
        diags.push(
            Diagnostic::new(
                Code::AnchorParity,
                path.clone(),
                format!("{} of the source `{src_rel}` missing here: {list}{more}", crate::term::plural(missing.len(), "anchor")),
            )
            .with_hint("links from other pages to these anchors break in this locale; keep the `<a name>` or `{#id}` of the source")
            .with_locale(tag.clone()),
        );
    }
    let (a, b) = (out.rendered.headings.len(), src_out.rendered.headings.len());
    if a.abs_diff(b) > site.config.check.heading_tolerance {
        diags.push(
            Diagnostic::new(
                Code::HeadingCount,
                path,
                format!("{a} headings here, {b} in the source `{src_rel}`"),
            )
            .with_hint("a section may be missing or added; `[check] heading_tolerance` sets how many differences are fine")
            .with_locale(tag.clone()),
        );
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, kind: TagKind, at: usize) -> HtmlTag {
        HtmlTag {
            name: name.into(),
            range: at..at + 1,
            kind,
        }
    }

    #[test]
    fn anchor_parity_compares_only_anchors_written_by_hand() {
        // Repeated headings get `-1` slugs, and translated headings other
        // slugs: neither is a lost anchor. `{#id}` and `<a name>` are.
        let site = crate::model::site::test_site(&[
            (
                "en-US",
                "a.md",
                "# Intro\n\n## Setup\n\n## Setup\n\n## Custom {#keep}\n\n## Kept {#kept}\n\n<a name=\"old\"></a>\n",
            ),
            (
                "ja-JP",
                "a.md",
                "# 紹介\n\n## 設定\n\n## 設定\n\n## カスタム\n\n## 保持 {#kept}\n",
            ),
        ]);
        let resolver = crate::analyze::links::Resolver::new(&site);
        let labels =
            vec![crate::markdown::docfx::Labels::from_fn(|id| id.to_string()); site.locales.len()];
        let code = crate::read::discover::CodeFiles::new();
        let templates = crate::markdown::shortcodes::Templates::default();
        let params = serde_json::Map::new();
        let dialect = crate::pipeline::Dialect {
            labels: &labels,
            code: &code,
            shortcode_labels: Vec::new(),
            templates: &templates,
            params: &params,
        };
        let outputs: Vec<ArticleOutput> = (0..site.articles.len())
            .map(|i| crate::pipeline::process_article(&site, &resolver, i, &dialect).0)
            .collect();
        let d: Vec<Diagnostic> = lint(&site, &outputs)
            .into_iter()
            .filter(|d| d.code == Code::AnchorParity)
            .collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("2 anchors") && d[0].message.contains("`#keep`, `#old`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn unknown_elements() {
        let p = lint_tags(&[
            t("c0", TagKind::Open, 0),
            t("c0", TagKind::Close, 5),
            t("my-widget", TagKind::Open, 9),
            t("my-widget", TagKind::Close, 12),
        ]);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].code, Code::UnknownElement);
        assert!(p[0].message.contains("`<c0>`"));
    }

    #[test]
    fn ul_closed_by_ul() {
        // As in machine-translated seeds: `<ul><li>x</li><ul>`.
        let p = lint_tags(&[
            t("ul", TagKind::Open, 0),
            t("li", TagKind::Open, 4),
            t("li", TagKind::Close, 8),
            t("ul", TagKind::Open, 13),
        ]);
        assert_eq!(p.len(), 2);
        assert!(
            p.iter()
                .all(|p| p.code == Code::UnbalancedHtml && p.message.contains("never closed"))
        );
    }

    #[test]
    fn misnesting_and_stray_close() {
        let p = lint_tags(&[
            t("div", TagKind::Open, 0),
            t("span", TagKind::Open, 5),
            t("div", TagKind::Close, 10),
            t("b", TagKind::Close, 20),
        ]);
        assert_eq!(p.len(), 2);
        assert!(
            p[0].message
                .contains("`<span>` is not closed before `</div>`")
        );
        assert!(p[1].message.contains("`</b>` closes nothing"));
    }

    #[test]
    fn void_optional_and_svg_are_fine() {
        let p = lint_tags(&[
            t("br", TagKind::Open, 0),
            t("p", TagKind::Open, 1),
            t("img", TagKind::SelfClosing, 2),
            t("svg", TagKind::Open, 3),
            t("path", TagKind::SelfClosing, 4),
            t("svg", TagKind::Close, 5),
        ]);
        assert!(p.is_empty(), "{p:?}");
    }
}
