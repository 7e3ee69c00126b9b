//! YAML frontmatter: split at the top of a file and parsed into a map that
//! keeps every key (dotted ones like `ms.assetid` included) for templates.
//!
//! Invariants: offsets in [`Frontmatter`] are byte offsets in the file's
//! decoded text, so a body position plus `body_start` is a file position;
//! broken YAML yields an empty map and an `invalid-frontmatter` diagnostic
//! at the YAML error's line in the file, never an `Err`.

use std::ops::Range;

use serde_json::{Map, Value};

use crate::diagnostic::{Code, Diagnostic, LineIndex, Span};

/// Parsed frontmatter of one file.
#[derive(Clone, Debug, Default)]
pub struct Frontmatter {
    /// Every key as written.
    pub data: Map<String, Value>,
    /// Byte range of the YAML text (between the `---` lines), if any.
    pub yaml: Option<Range<usize>>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// A calendar date from the frontmatter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// ISO 8601 (`2016-05-02`, with an optional time) or US-style M/D/YYYY
    /// (`5/2/2016`, `03/08/2019`) as Microsoft Docs writes it.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let (y, m, d) = if let Some((date, _time)) = s.split_once(['T', ' ']).or(Some((s, ""))) {
            let parts: Vec<&str> = date.split(['-', '/']).collect();
            match (parts.as_slice(), date.contains('-')) {
                ([y, m, d], true) if y.len() == 4 => {
                    (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                }
                ([m, d, y], false) if y.len() == 4 => {
                    (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                }
                _ => return None,
            }
        } else {
            return None;
        };
        let date = Date {
            year: y,
            month: m,
            day: d,
        };
        date.is_valid().then_some(date)
    }

    fn is_valid(self) -> bool {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&self.day) && (1..=9999).contains(&self.year)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Keys whose value is the article's date, in order of preference.
pub const DATE_KEYS: &[&str] = &["ms.date", "date", "updated", "lastmod"];

impl Frontmatter {
    /// A string value; numbers and booleans are given as text, empty and
    /// null values as `None`.
    pub fn get_str(&self, key: &str) -> Option<String> {
        let s = match self.data.get(key)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!s.is_empty()).then_some(s)
    }

    pub fn title(&self) -> Option<String> {
        self.get_str("title")
    }

    pub fn description(&self) -> Option<String> {
        self.get_str("description")
    }

    /// The first non-empty value among the translation keys.
    pub fn asset_id(&self, keys: &[String]) -> Option<String> {
        keys.iter().find_map(|k| self.get_str(k))
    }

    /// Sort weight for navigation (`weight` or `order`).
    pub fn weight(&self) -> Option<i64> {
        ["weight", "order"]
            .iter()
            .find_map(|k| match self.data.get(*k)? {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
    }

    /// The article's date and the key it came from; an unparsable date is
    /// returned as `Err` with the key so the caller can report it.
    pub fn date(&self) -> Result<Option<Date>, (&'static str, String)> {
        for key in DATE_KEYS {
            if let Some(s) = self.get_str(key) {
                return Date::parse(&s).map(Some).ok_or((key, s));
            }
        }
        Ok(None)
    }

    /// Byte range of `key:` in the file, for diagnostics about a key.
    pub fn key_range(&self, text: &str, key: &str) -> Option<Range<usize>> {
        let yaml = self.yaml.clone()?;
        let mut offset = yaml.start;
        for line in text[yaml].split_inclusive('\n') {
            let trimmed = line.trim_start_matches(['\'', '"']);
            if let Some(rest) = trimmed.strip_prefix(key) {
                let rest = rest.trim_start_matches(['\'', '"']);
                if rest.trim_start().starts_with(':') {
                    return Some(offset..offset + key.len() + (line.len() - trimmed.len()));
                }
            }
            offset += line.len();
        }
        None
    }
}

/// Splits and parses the frontmatter of `text` (the decoded file `path`).
/// A DocFX YAML page (`### YamlMime:Hub`) has no frontmatter: its
/// `metadata` mapping and `title` stand for it.
pub fn parse(path: &str, text: &str) -> (Frontmatter, Vec<Diagnostic>) {
    if crate::read::discover::is_yaml_path(path) && crate::read::discover::yaml_mime(text).is_some()
    {
        return parse_yaml_page(path, text);
    }
    let mut diags = Vec::new();
    let Some((yaml, body_start)) = split(text) else {
        if first_line(text) == "---" {
            diags.push(
                Diagnostic::new(Code::InvalidFrontmatter, path, "frontmatter is not closed")
                    .with_span(Span {
                        line: 1,
                        column: 1,
                        end_line: 1,
                        end_column: 4,
                    })
                    .with_hint("end the frontmatter with a line holding only `---`"),
            );
        }
        return (Frontmatter::default(), diags);
    };
    let mut fm = Frontmatter {
        data: Map::new(),
        yaml: Some(yaml.clone()),
        body_start,
    };
    let src = &text[yaml.clone()];
    if src.trim().is_empty() {
        return (fm, diags);
    }
    let options = || {
        let mut options = crate::limits::yaml_options();
        options.strict_booleans = true;
        options
    };
    let mut result = serde_saphyr::from_str_with_options::<Value>(src, options());
    if let Err(e) = &result {
        let message = e.without_snippet().to_string();
        if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
            // Common in real docs; YAML parsers that tolerate it keep the
            // last value, and so does stele, with a warning.
            let key = rest.split(',').next().unwrap_or(rest).trim().to_string();
            let mut lenient = options();
            lenient.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
            let retry = serde_saphyr::from_str_with_options::<Value>(src, lenient);
            if retry.is_ok() {
                let idx = LineIndex::new(text);
                let (yaml_line, _) = idx.position(text, yaml.start);
                let line = e
                    .location()
                    .map(|l| yaml_line + (l.line().max(1) as u32) - 1)
                    .unwrap_or(yaml_line);
                let column = e.location().map(|l| l.column().max(1) as u32).unwrap_or(1);
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateKey,
                        path,
                        format!("key `{key}` appears twice in the frontmatter"),
                    )
                    .with_span(Span {
                        line,
                        column,
                        end_line: line,
                        end_column: column + key.chars().count() as u32,
                    })
                    .with_hint("the last value is used; remove the other"),
                );
                result = retry;
            }
        }
    }
    match result {
        Ok(Value::Object(map)) => fm.data = map,
        Ok(Value::Null) => {}
        Ok(other) => {
            let idx = LineIndex::new(text);
            diags.push(
                Diagnostic::new(
                    Code::InvalidFrontmatter,
                    path,
                    format!(
                        "frontmatter is a {}, not a mapping of keys to values",
                        kind_of(&other)
                    ),
                )
                .with_span(idx.span(text, yaml.start..yaml.start))
                .with_hint(
                    "write the frontmatter as `key: value` lines, e.g. `title: Getting started`",
                ),
            );
        }
        Err(e) => {
            let idx = LineIndex::new(text);
            let (yaml_line, _) = idx.position(text, yaml.start);
            let (line, column) = match e.location() {
                Some(loc) if loc.line() > 0 => (
                    yaml_line + loc.line() as u32 - 1,
                    loc.column().max(1) as u32,
                ),
                _ => (yaml_line, 1),
            };
            let message = e.without_snippet().to_string();
            let message = message.lines().next().unwrap_or("invalid YAML").trim();
            let message = strip_location_suffix(message);
            let span = point_span(&idx, text, line, column);
            if let Some(d) = crate::limits::yaml_limit_diagnostic(path, &message) {
                diags.push(d.with_span(span));
                return (fm, diags);
            }
            diags.push(
                Diagnostic::new(Code::InvalidFrontmatter, path, format!("invalid YAML in frontmatter: {message}"))
                    .with_span(span)
                    .with_hint("the article is built without its frontmatter; quote values that contain `:` or start with `[`, `{`, `*`, `&`"),
            );
        }
    }
    (fm, diags)
}

/// A one-character span at a YAML error's (line, column), kept inside the
/// line: an error at the end of a line (column = chars + 1) ends there too.
/// Found by the `frontmatter` fuzz target (end column one past the line).
fn point_span(idx: &LineIndex, text: &str, line: u32, column: u32) -> Span {
    let chars = idx
        .line_text(text, line)
        .map(|l| l.chars().count() as u32)
        .unwrap_or(0);
    let column = column.clamp(1, chars + 1);
    Span {
        line,
        column,
        end_line: line,
        end_column: (column + 1).min(chars + 1),
    }
}

/// The frontmatter of a YAML page: the keys of its `metadata` mapping, with
/// the page's own `title` (its heading) first when it has one.
fn parse_yaml_page(path: &str, text: &str) -> (Frontmatter, Vec<Diagnostic>) {
    let mut fm = Frontmatter::default();
    let mut options = crate::limits::yaml_options();
    options.strict_booleans = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    match serde_saphyr::from_str_with_options::<Value>(text, options) {
        Ok(Value::Object(mut map)) => {
            if let Some(Value::Object(meta)) = map.remove("metadata") {
                fm.data = meta;
            }
            if let Some(Value::String(t)) = map.get("title") {
                if !t.trim().is_empty() {
                    fm.data.insert("title".into(), Value::String(t.clone()));
                }
            }
            (fm, Vec::new())
        }
        Ok(_) => (
            fm,
            vec![
                Diagnostic::new(
                    Code::InvalidYamlPage,
                    path,
                    "the YAML page is not a mapping of keys to values",
                )
                .with_span(Span {
                    line: 1,
                    column: 1,
                    end_line: 1,
                    end_column: 2,
                })
                .with_hint("a YAML page holds `title`, `metadata` and its sections as keys"),
            ],
        ),
        Err(e) => {
            let (line, column) = match e.location() {
                Some(loc) if loc.line() > 0 => (loc.line() as u32, loc.column().max(1) as u32),
                _ => (1, 1),
            };
            let message = e.without_snippet().to_string();
            let message = message.lines().next().unwrap_or("invalid YAML").trim();
            let message = strip_location_suffix(message);
            (
                fm,
                vec![
                    Diagnostic::new(
                        Code::InvalidYamlPage,
                        path,
                        format!("invalid YAML in the YAML page: {message}"),
                    )
                    .with_span(Span {
                        line,
                        column,
                        end_line: line,
                        end_column: column + 1,
                    })
                    .with_hint("the page is built empty; quote values that contain `: ` or start with `[`, `{`, `*`, `&`"),
                ],
            )
        }
    }
}

fn strip_location_suffix(msg: &str) -> String {
    // serde-saphyr appends " at line X, column Y"; the diagnostic carries it.
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "list",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Null => "null",
        Value::Object(_) => "mapping",
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_end()
}

/// Finds the YAML block: `---` on the first line, closed by a line holding
/// `---` or `...`. Returns the YAML range and where the body starts.
fn split(text: &str) -> Option<(Range<usize>, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some((yaml_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn yaml_error_spans_stay_inside_the_line() {
        // Found by the `frontmatter` fuzz target: the error sits at the end
        // of a one-character line and its span ended one column past it.
        let bytes = include_bytes!("../../fuzz/regressions/frontmatter-end-column.md");
        let text = String::from_utf8_lossy(bytes);
        let (_, diags) = super::parse("content/en-US/a.md", &text);
        assert!(!diags.is_empty());
        for d in &diags {
            let s = d.span.expect("a span");
            let line = text
                .split('\n')
                .nth(s.line as usize - 1)
                .expect("the line exists");
            let max = line.chars().count() as u32 + 1;
            assert!(s.column <= max && s.end_column <= max, "{d:?}");
        }
    }

    use super::*;

    #[test]
    fn ms_docs_frontmatter() {
        let text = "---\ntitle: Службы\nms.date: 5/2/2016\nms.assetid: 19fd3e0f\nms.collection:\n- M365\nlang: no\n---\n# Body\n";
        let (fm, d) = parse("a.md", text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.title().as_deref(), Some("Службы"));
        assert_eq!(
            fm.asset_id(&["ms.assetid".into()]).as_deref(),
            Some("19fd3e0f")
        );
        assert_eq!(
            fm.date(),
            Ok(Some(Date {
                year: 2016,
                month: 5,
                day: 2
            }))
        );
        assert_eq!(fm.get_str("lang").as_deref(), Some("no"));
        assert_eq!(&text[fm.body_start..], "# Body\n");
        let r = fm.key_range(text, "ms.assetid").unwrap();
        assert_eq!(&text[r], "ms.assetid");
    }

    #[test]
    fn empty_values_and_crlf() {
        let text = "---\r\nms.date: ''\r\nms.assetid:\r\n---\r\nBody";
        let (fm, d) = parse("a.md", text);
        assert!(d.is_empty());
        assert_eq!(fm.asset_id(&["ms.assetid".into()]), None);
        assert_eq!(fm.date(), Ok(None));
        assert_eq!(&text[fm.body_start..], "Body");
    }

    #[test]
    fn broken_yaml_points_at_the_file_line() {
        let text = "---\ntitle: ok\nbad: [unclosed\nnext: 1\n---\nBody";
        let (fm, d) = parse("a.md", text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::InvalidFrontmatter);
        let line = d[0].span.unwrap().line;
        assert!((3..=5).contains(&line), "line {line}");
        assert!(fm.data.is_empty());
        assert_eq!(&text[fm.body_start..], "Body");
    }

    #[test]
    fn duplicate_keys_keep_the_last_value_with_a_warning() {
        let text = "---\ntitle: A\ndescription: one\ndescription: two\n---\n";
        let (fm, d) = parse("a.md", text);
        assert_eq!(fm.description().as_deref(), Some("two"));
        assert_eq!(fm.title().as_deref(), Some("A"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::DuplicateKey);
        assert_eq!(d[0].span.unwrap().line, 4);
    }

    #[test]
    fn unclosed_and_absent() {
        let (_, d) = parse("a.md", "---\ntitle: x\n# no end\n");
        assert_eq!(d[0].code, Code::InvalidFrontmatter);
        let (fm, d) = parse("a.md", "# Just a heading\n");
        assert!(d.is_empty() && fm.yaml.is_none() && fm.body_start == 0);
    }

    #[test]
    fn dates() {
        assert_eq!(
            Date::parse("2020-02-29").map(Date::iso).as_deref(),
            Some("2020-02-29")
        );
        assert_eq!(
            Date::parse("03/08/2019").map(Date::iso).as_deref(),
            Some("2019-03-08")
        );
        assert_eq!(
            Date::parse("2019-03-08T10:00:00Z")
                .map(Date::iso)
                .as_deref(),
            Some("2019-03-08")
        );
        assert_eq!(Date::parse("2019-02-30"), None);
        assert_eq!(Date::parse("yesterday"), None);
    }
}
