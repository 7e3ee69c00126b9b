//! Invariants shared by the fuzz targets.
#![allow(dead_code)]

use stele::diagnostic::Diagnostic;

/// At most this many bytes of fuzz input are used (bigger inputs only slow
/// the fuzzer down; the size limits have their own tests).
pub const MAX_INPUT: usize = 64 * 1024;

/// The fuzz input as text (invalid UTF-8 replaced, as `discover` does).
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(&data[..data.len().min(MAX_INPUT)]).into_owned()
}

/// `range` lies within `text` and on char boundaries.
pub fn assert_range(text: &str, range: &std::ops::Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: range {range:?} not on char boundaries"
    );
}

/// Every position of `d` points into `text`: line 1..=lines, column
/// 1..=chars of the line + 1, end not before start.
pub fn assert_diagnostic_in(text: &str, d: &Diagnostic) {
    let Some(s) = d.span else { return };
    let lines: Vec<&str> = text.split('\n').collect();
    for (line, col, end) in [
        (s.line, s.column, "start"),
        (s.end_line, s.end_column, "end"),
    ]
    .map(|(l, c, e)| (l as usize, c as usize, e))
    {
        assert!(
            line >= 1 && line <= lines.len(),
            "{}: {end} line {line} outside 1..={} ({:?})",
            d.file,
            lines.len(),
            d
        );
        let chars = lines[line - 1].trim_end_matches('\r').chars().count()
            + usize::from(lines[line - 1].ends_with('\r'));
        assert!(
            col >= 1 && col <= chars + 1,
            "{}: {end} column {col} outside 1..={} on line {line} ({:?})",
            d.file,
            chars + 1,
            d
        );
    }
    assert!(
        (s.end_line, s.end_column) >= (s.line, s.column),
        "{}: span ends before it starts ({:?})",
        d.file,
        d
    );
    assert!(!d.message.is_empty(), "empty message: {d:?}");
}

/// Splits the input into at most `n` parts at NUL bytes.
pub fn parts(text: &str, n: usize) -> Vec<&str> {
    text.splitn(n, '\0').collect()
}

use stele::config::Config;
use stele::model::site::{self, Site};
use stele::read::discover::{Discovered, FileKind, SourceFile};

/// A site built in memory from (locale, rel, text) files with the zero
/// configuration; files under `includes/` are includes.
pub fn site(files: &[(&str, String, String)]) -> Site {
    let sources: Vec<SourceFile> = files
        .iter()
        .map(|(l, rel, text)| SourceFile {
            path: format!("content/{l}/{rel}"),
            locale: l.to_string(),
            rel: rel.clone(),
            text: text.clone(),
            kind: if rel.starts_with("includes/") {
                FileKind::Include
            } else {
                FileKind::Article
            },
        })
        .collect();
    let mut locales: Vec<String> = files.iter().map(|f| f.0.to_string()).collect();
    locales.sort();
    locales.dedup();
    let config = Config::zero("/site");
    site::build(
        &config,
        Discovered {
            locales,
            sources,
            ..Default::default()
        },
        Some("en-US"),
    )
    .0
}

/// The text of the site file a diagnostic names, if any.
pub fn file_text<'s>(site: &'s Site, path: &str) -> Option<&'s str> {
    site.files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.text.as_str())
}
