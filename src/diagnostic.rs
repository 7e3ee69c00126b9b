//! Content problems as values: [`Diagnostic`] with a stable [`Code`], a
//! severity, a position in a file of the site and a hint.
//!
//! Invariant: stages never return `Err` for a problem in the content; they
//! push a `Diagnostic` and carry on with the rest of the site.

use std::fmt;

use serde::Serialize;

/// How bad a diagnostic is. `Off` only appears in configuration: a
/// diagnostic whose level is configured off is dropped, never reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $sev:ident; )*) => {
        /// Stable diagnostic codes. The string form (`broken-link`) is part of
        /// stele's interface: CI configurations and `[check.levels]` use it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity used unless `[check.levels]` says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// What the code means: the text of its doc comment (one
            /// sentence), used for SARIF rules and docs/DIAGNOSTICS.md.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),*).trim_ascii(),)* }
            }

            /// Parses the stable name.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    /// The frontmatter is not valid YAML or not a mapping.
    InvalidFrontmatter = "invalid-frontmatter", Error;
    /// A file is not valid UTF-8 (or UTF-16 with a BOM).
    InvalidEncoding = "invalid-encoding", Error;
    /// A redirect map (`.openpublishing.redirection.json`) is not valid.
    InvalidRedirectMap = "invalid-redirect-map", Error;
    /// A file could not be read.
    UnreadableFile = "unreadable-file", Error;
    /// A directory under `content/` is not a BCP 47 language tag.
    UnknownLocaleDir = "unknown-locale-dir", Error;
    /// A file directly under `content/`, outside every locale.
    StrayFile = "stray-file", Warning;
    /// A key appears twice in the frontmatter; the last value is used.
    DuplicateKey = "duplicate-key", Warning;
    /// A date in the frontmatter could not be understood.
    InvalidDate = "invalid-date", Warning;
    /// A relative link whose target exists nowhere.
    BrokenLink = "broken-link", Error;
    /// A link whose `#fragment` matches no anchor of its target.
    BrokenAnchor = "broken-anchor", Error;
    /// The target is missing in this locale; the link goes to the default locale (its fallback page with `missing_translations = "fallback"`).
    FallbackLink = "fallback-link", Warning;
    /// A site-absolute link that matches no page the site produces.
    UnknownSitePath = "unknown-site-path", Warning;
    /// A link to an article that moved, resolved through the redirect map.
    RedirectedLink = "redirected-link", Warning;
    /// A link or include path that climbs out of its locale's content.
    LinkOutsideRoot = "link-outside-root", Error;
    /// A link that names its file in another case (resolved in a case-insensitive docset).
    LinkCase = "link-case", Warning;
    /// An external (http, https) link that failed under `--external`.
    BrokenExternalLink = "broken-external-link", Error;
    /// An `[!INCLUDE]` whose file exists in no locale.
    MissingInclude = "missing-include", Error;
    /// Includes that include each other.
    IncludeCycle = "include-cycle", Error;
    /// A bound of `[limits]` was reached (size, count or nesting); the message names it.
    LimitExceeded = "limit-exceeded", Error;
    /// An include path that escapes `content/`.
    IncludeOutsideRoot = "include-outside-root", Error;
    /// A Hugo shortcode that is neither built in nor a template of the theme.
    UnknownShortcode = "unknown-shortcode", Warning;
    /// A shortcode that is malformed, unpaired or lacks what it needs.
    InvalidShortcode = "invalid-shortcode", Warning;
    /// Two articles of one locale share a translation key.
    DuplicateAssetId = "duplicate-asset-id", Error;
    /// The locale named in the frontmatter disagrees with the folder.
    LocaleMismatch = "locale-mismatch", Warning;
    /// Two identical ids on one rendered page.
    DuplicateAnchor = "duplicate-anchor", Warning;
    /// A template failed to render a page.
    TemplateError = "template-error", Error;
    /// A UI-string file (`locales/<tag>.ftl`) that is not valid Fluent.
    InvalidUiStrings = "invalid-ui-strings", Error;
    /// An HTML element no browser knows (often left by machine translation).
    UnknownElement = "unknown-element", Warning;
    /// Unbalanced or mis-nested HTML tags.
    UnbalancedHtml = "unbalanced-html", Warning;
    /// An anchor of the source article that the translation lacks.
    AnchorParity = "anchor-parity", Warning;
    /// A translation whose heading count differs too much from its source.
    HeadingCount = "heading-count", Warning;
    /// A DocFX `:::name` block or `[!NAME]` marker that stele does not know.
    UnknownExtension = "unknown-extension", Warning;
    /// A DocFX extension written wrongly: a missing attribute, an unclosed block, a stray end marker.
    MalformedExtension = "malformed-extension", Warning;
    /// A code snippet whose file or region does not exist.
    MissingSnippet = "missing-snippet", Error;
    /// A table of contents (`toc.yml`, `TOC.md`) that cannot be read.
    InvalidToc = "invalid-toc", Error;
    /// A TOC entry whose `href` points at nothing the site has.
    BrokenTocLink = "broken-toc-link", Error;
    /// A YAML page (`### YamlMime:Landing`, `Hub`, `FAQ`) that cannot be read.
    InvalidYamlPage = "invalid-yaml-page", Error;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A 1-based position range in a file; columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// One problem in the content of the site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Path relative to the site root, `/`-separated.
    pub file: String,
    /// Where in `file`; `None` for problems of a whole file.
    pub span: Option<Span>,
    /// Lowercase, no trailing period, values in backticks.
    pub message: String,
    pub hint: Option<String>,
    /// The link or include path exactly as written, when there is one.
    pub target: Option<String>,
    /// The locale of the file, when it belongs to one.
    pub locale: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at the code's default severity.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.default_severity(),
            code,
            file: file.into(),
            span: None,
            message: message.into(),
            hint: None,
            target: None,
            locale: None,
        }
    }

    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    pub fn with_locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// The sort key: file, line, column, code, message. Reports are sorted
    /// by it so that output is deterministic.
    pub fn sort_key(&self) -> (&str, Option<Span>, Code, &str) {
        (&self.file, self.span, self.code, &self.message)
    }
}

/// Sorts diagnostics by file, position and code and removes repeats: the
/// same problem at the same place, as when an include shared by several
/// articles (or locales) has a broken link, is reported once.
pub fn sort_dedup(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.locale.cmp(&b.locale))
    });
    diags.dedup_by(|b, a| a.sort_key() == b.sort_key());
}

/// Maps byte offsets of one text to 1-based line and character columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text));
        LineIndex { line_starts }
    }

    /// 1-based (line, column) of a byte offset; the column counts chars.
    /// An offset past the end or inside a char is clamped.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = text[start..offset].chars().count();
        (line as u32 + 1, col as u32 + 1)
    }

    /// The span of a byte range.
    pub fn span(&self, text: &str, range: std::ops::Range<usize>) -> Span {
        let (line, column) = self.position(text, range.start);
        let (end_line, end_column) = self.position(text, range.end.max(range.start));
        Span {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> Option<&'t str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(i)?;
        let end = self.line_starts.get(i + 1).copied().unwrap_or(text.len());
        Some(text[start..end].trim_end_matches(['\n', '\r']))
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_not_bytes() {
        let text = "---\ntitle: 日本語\n---\n# 見出し [x](y.md)\n";
        let idx = LineIndex::new(text);
        let off = text.find("[x]").unwrap();
        assert_eq!(idx.position(text, off), (4, 7));
        assert_eq!(idx.line_text(text, 4), Some("# 見出し [x](y.md)"));
    }

    #[test]
    fn codes_round_trip() {
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn descriptions_come_from_doc_comments() {
        assert_eq!(
            Code::BrokenLink.description(),
            "A relative link whose target exists nowhere."
        );
        for code in Code::ALL {
            let d = code.description();
            assert!(
                !d.is_empty() && !d.starts_with(' ') && d.ends_with('.'),
                "{code}: {d:?}"
            );
        }
    }
}
