//! DocFX's Markdown extensions, turned into HTML (and Markdown where they
//! hold Markdown) by a pre-pass on the include-expanded text, before
//! pulldown-cmark: `:::image`, `[!VIDEO]`, `[!div]`, alerts, zones,
//! monikers, rows and columns, tabs, code snippets and `:::no-loc`.
//! Anything else written as a `:::name` block or a `[!NAME …]` marker is an
//! `unknown-extension` warning and its content is kept without the markers.
//!
//! Invariants: pure; code fences, code spans and HTML comments are left
//! alone; every byte of the output maps back to a source position (copied
//! slices exactly, emitted HTML at the construct's start, see
//! [`super::compose`]), so a `source="a.png"` becomes `<img src="a.png">`
//! that the Markdown stage checks and rewrites like any link; emitted HTML
//! is balanced and repeats the container prefix (`> `, list indentation)
//! of its line. The HTML itself comes from [`super::blocks`].

pub mod attrs;
mod scan;
pub mod snippet;

use crate::diagnostic::{Code, Diagnostic, LineIndex};
use crate::include::Expanded;
use crate::model::site::{FileId, Site};

use super::blocks::AlertKind;

/// The UI strings the extensions write, in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labels {
    /// Note, Tip, Important, Warning, Caution.
    pub alerts: [String; 5],
    /// The label of the zone-pivot selector.
    pub zone_choose: String,
    /// The label of the version (moniker) selector.
    pub moniker_choose: String,
    /// The title of an embedded video.
    pub video: String,
    /// The title of the link to a full-size image.
    pub lightbox: String,
    /// The summary of an image's long description.
    pub description: String,
}

/// The UI-string ids of [`Labels`], in every `locales/*.ftl`.
pub const MESSAGE_IDS: &[&str] = &[
    "alert-note",
    "alert-tip",
    "alert-important",
    "alert-warning",
    "alert-caution",
    "zone-choose",
    "moniker-choose",
    "video-title",
    "image-lightbox",
    "image-description",
];

impl Labels {
    /// Labels from a lookup of UI strings by id ([`MESSAGE_IDS`]).
    pub fn from_fn(text: impl Fn(&str) -> String) -> Labels {
        Labels {
            alerts: [
                text("alert-note"),
                text("alert-tip"),
                text("alert-important"),
                text("alert-warning"),
                text("alert-caution"),
            ],
            zone_choose: text("zone-choose"),
            moniker_choose: text("moniker-choose"),
            video: text("video-title"),
            lightbox: text("image-lightbox"),
            description: text("image-description"),
        }
    }

    /// English labels (tests, and `stele status`, which renders no page).
    pub fn english() -> Labels {
        Labels::from_fn(|id| {
            match id {
                "alert-note" => "Note",
                "alert-tip" => "Tip",
                "alert-important" => "Important",
                "alert-warning" => "Warning",
                "alert-caution" => "Caution",
                "zone-choose" => "Choose an option",
                "moniker-choose" => "Version",
                "video-title" => "Video",
                "image-lightbox" => "Open the full-size image",
                "image-description" => "Description",
                other => other,
            }
            .to_string()
        })
    }

    pub fn alert(&self, kind: AlertKind) -> &str {
        let i = match kind {
            AlertKind::Note => 0,
            AlertKind::Tip => 1,
            AlertKind::Important => 2,
            AlertKind::Warning => 3,
            AlertKind::Caution => 4,
        };
        &self.alerts[i]
    }
}

/// Finds the text of a code file for a snippet: given the file that holds
/// the reference and the path as written, the file's text, or `None` when
/// it does not exist (or lies outside the locale).
pub type CodeFn<'a> = dyn Fn(FileId, &str) -> Option<String> + Sync + 'a;

/// What the pass needs besides the text.
pub struct Context<'a> {
    pub labels: &'a Labels,
    pub code: &'a CodeFn<'a>,
}

/// A problem found by the pass, at a source position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub file: FileId,
    /// Byte offset in the file's text, and the length of the construct.
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub hint: String,
}

/// Whether a text may hold an extension at all (a fast path).
fn may_hold(text: &str) -> bool {
    text.contains(":::") || text.contains("[!") || text.contains("#tab/")
}

/// Replaces the DocFX extensions of `input` by HTML.
pub fn expand(input: &Expanded, ctx: &Context) -> (Expanded, Vec<Finding>) {
    if !may_hold(&input.text) {
        return (input.clone(), Vec::new());
    }
    let mut pass = scan::Pass::new(ctx);
    let out = pass.run(input, 0);
    (out, pass.findings)
}

/// The findings as diagnostics at `file:line:col`.
pub fn diagnostics(site: &Site, findings: Vec<Finding>) -> Vec<Diagnostic> {
    // One line index per file, not per finding: a file of many broken
    // extensions must not be scanned once per finding.
    let mut indexes: std::collections::HashMap<FileId, LineIndex> = Default::default();
    findings
        .into_iter()
        .filter_map(|f| {
            let file = site.files.get(f.file)?;
            let text = &file.text;
            let start = f.offset.min(text.len());
            let end = f.offset.saturating_add(f.len).min(text.len()).max(start);
            let span = indexes
                .entry(f.file)
                .or_insert_with(|| LineIndex::new(text))
                .span(text, start..end);
            Some(
                Diagnostic::new(f.code, file.path.clone(), f.message)
                    .with_span(span)
                    .with_hint(f.hint)
                    .with_locale(file.locale.clone()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
