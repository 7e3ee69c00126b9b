//! Diagnostic output formats: human (rustc-style, for stderr), JSON, GitHub
//! Actions annotations and SARIF 2.1.0 (for stdout). The formats are
//! documented in `docs/DIAGNOSTICS.md`.
//!
//! Invariants: every format reports the diagnostics in the same order
//! (file, line, column, code, message: [`Diagnostic::sort_key`]), whatever
//! order the caller passes; positions are 1-based and columns count Unicode
//! scalar values in every format; JSON and SARIF are built from structs, so
//! key order is fixed and output is byte-identical for the same input.

use std::collections::HashMap;
use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, LineIndex, Severity, Span};
use crate::term::{Color, plural};

mod github;
mod human;
mod json;
mod sarif;

#[allow(unused_imports)]
use self::{github::*, human::*, json::*, sarif::*};

pub mod overview;

/// How diagnostics are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text with the source line, for people (stderr)
    Human,
    /// one JSON document, `"version": 1` (stdout)
    Json,
    /// GitHub Actions workflow commands, one annotation per line (stdout)
    Github,
    /// SARIF 2.1.0, for code-scanning uploads (stdout)
    Sarif,
}

/// Counts over the whole run, reported after the diagnostics.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub articles: usize,
    pub links: usize,
}

/// How the output is shaped beyond its format.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// How many diagnostics of each code the human format shows (the
    /// machine formats show all).
    pub limit: overview::Limit,
    /// The site root's path relative to the repository root (`docs/`, or
    /// empty), put before every SARIF `uri` so that code scanning finds the
    /// files; empty keeps URIs relative to the site root.
    pub sarif_prefix: String,
}

impl Options {
    /// Every diagnostic, site-relative URIs (`stele serve`, tests).
    pub fn complete() -> Options {
        Options {
            limit: overview::Limit::All,
            sarif_prefix: String::new(),
        }
    }
}

/// Writes `diags` and `summary` in `format`, every diagnostic. `source`
/// returns the text of a site-relative file, for the source lines of the
/// human format; a file it does not know is reported without its source line.
pub fn write<'s>(
    out: &mut dyn Write,
    format: Format,
    diags: &[Diagnostic],
    summary: &Summary,
    source: &dyn Fn(&str) -> Option<&'s str>,
    color: Color,
) -> io::Result<()> {
    write_with(
        out,
        format,
        diags,
        summary,
        source,
        color,
        &Options::complete(),
    )
}

/// [`write`] with [`Options`]: the human format shows at most
/// `options.limit` of each code, then the table of counts.
pub fn write_with<'s>(
    out: &mut dyn Write,
    format: Format,
    diags: &[Diagnostic],
    summary: &Summary,
    source: &dyn Fn(&str) -> Option<&'s str>,
    color: Color,
    options: &Options,
) -> io::Result<()> {
    let diags = sorted(diags);
    match format {
        Format::Human => {
            write_human_limited(out, &diags, source, color, options.limit)?;
            writeln!(out, "{}", styled_summary(summary, color))
        }
        Format::Json => write_json(out, &diags, summary),
        Format::Github => write_github(out, &diags),
        Format::Sarif => write_sarif(out, &diags, &options.sarif_prefix),
    }
}

/// The human format without the summary line, for `stele build`, which
/// prints its own summary.
pub fn write_diagnostics<'s>(
    out: &mut dyn Write,
    diags: &[Diagnostic],
    source: &dyn Fn(&str) -> Option<&'s str>,
    color: Color,
    limit: overview::Limit,
) -> io::Result<()> {
    write_human_limited(out, &sorted(diags), source, color, limit)
}

/// At most `limit` diagnostics of each code, then the counts by code and
/// locale and the next step (when anything was left out or there are many).
fn write_human_limited<'s>(
    out: &mut dyn Write,
    diags: &[&Diagnostic],
    source: &dyn Fn(&str) -> Option<&'s str>,
    color: Color,
    limit: overview::Limit,
) -> io::Result<()> {
    let (shown, hidden) = overview::select(diags, limit);
    write_human(out, &shown, source, color)?;
    let table = overview::table(diags, &hidden);
    if !table.is_empty() {
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// `2 errors, 1 warning in 5 articles, 30 links checked`, or
/// `no problems in 5 articles, 30 links checked`. Zero counts are left out.
pub fn summary_line(s: &Summary) -> String {
    let mut problems = Vec::new();
    if s.errors > 0 {
        problems.push(plural(s.errors, "error"));
    }
    if s.warnings > 0 {
        problems.push(plural(s.warnings, "warning"));
    }
    let problems = if problems.is_empty() {
        "no problems".to_string()
    } else {
        problems.join(", ")
    };
    format!(
        "{problems} in {}, {} checked",
        plural(s.articles, "article"),
        plural(s.links, "link")
    )
}

fn sorted(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut v: Vec<&Diagnostic> = diags.iter().collect();
    v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const JA: &str = "---\ntitle: セキュリティ\n---\n# 概要\n\n詳しくは[サポート](services.md#AboutSuport)を参照してください。\n次の行\n";

    fn span(line: u32, column: u32, end_line: u32, end_column: u32) -> Span {
        Span {
            line,
            column,
            end_line,
            end_column,
        }
    }

    fn ja_diag() -> Diagnostic {
        let off = JA.find("[サポート]").unwrap();
        let end = JA.find("を参照").unwrap();
        let s = LineIndex::new(JA).span(JA, off..end);
        Diagnostic::new(
            Code::BrokenAnchor,
            "content/ja-JP/a.md",
            "no anchor `#AboutSuport` in `services.md`",
        )
        .with_span(s)
        .with_hint("did you mean `#AboutSupport`?")
        .with_target("services.md#AboutSuport")
        .with_locale("ja-JP")
    }

    fn render(format: Format, diags: &[Diagnostic], summary: &Summary) -> String {
        let lookup = |p: &str| (p == "content/ja-JP/a.md").then_some(JA);
        let mut out = Vec::new();
        write(&mut out, format, diags, summary, &lookup, Color::Never).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn summary() -> Summary {
        Summary {
            errors: 1,
            warnings: 1,
            articles: 2,
            links: 7,
        }
    }

    fn warning_without_span() -> Diagnostic {
        Diagnostic::new(
            Code::StrayFile,
            "content/stray.md",
            "`stray.md` is outside every locale directory",
        )
    }

    #[test]
    fn human_golden_with_cjk_line_and_hint() {
        let got = render(
            Format::Human,
            &[ja_diag(), warning_without_span()],
            &summary(),
        );
        let want = "\
error[broken-anchor]: no anchor `#AboutSuport` in `services.md`
 --> content/ja-JP/a.md:6:5
  |
6 | 詳しくは[サポート](services.md#AboutSuport)を参照してください。
  |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = hint: did you mean `#AboutSupport`?

warning[stray-file]: `stray.md` is outside every locale directory
--> content/stray.md

1 error, 1 warning in 2 articles, 7 links checked
";
        assert_eq!(got, want);
    }

    #[test]
    fn human_span_over_lines_is_underlined_to_end_of_first_line() {
        let mut d = ja_diag();
        d.span = Some(span(6, 5, 7, 2));
        d.hint = None;
        let got = render(Format::Human, &[d], &Summary::default());
        // 詳しくは is 8 cells wide; from `[` to the end of the line is 55 cells.
        let want = format!(
            "\
error[broken-anchor]: no anchor `#AboutSuport` in `services.md`
 --> content/ja-JP/a.md:6:5
  |
6 | 詳しくは[サポート](services.md#AboutSuport)を参照してください。
  |         {}

no problems in 0 articles, 0 links checked
",
            "^".repeat(55)
        );
        assert_eq!(got, want);
    }

    #[test]
    fn human_without_source_shows_the_position() {
        let d = Diagnostic::new(
            Code::InvalidEncoding,
            "content/en-US/x.md",
            "invalid UTF-8 (byte `0xFF`)",
        )
        .with_span(span(6, 11, 6, 12))
        .with_hint("save the file as UTF-8");
        let got = render(Format::Human, &[d], &Summary::default());
        assert!(got.starts_with("error[invalid-encoding]: invalid UTF-8 (byte `0xFF`)\n--> content/en-US/x.md:6:11\n"), "{got}");
        assert!(got.contains("= hint: save the file as UTF-8\n"), "{got}");
        // A line the file does not have is treated the same way, not a panic.
        let mut far = ja_diag();
        far.span = Some(span(99, 1, 99, 2));
        assert!(
            render(Format::Human, &[far], &Summary::default())
                .contains("--> content/ja-JP/a.md:99:1\n")
        );
    }

    #[test]
    fn human_colour_only_when_asked() {
        let lookup = |_: &str| Some(JA);
        let mut plain = Vec::new();
        write(
            &mut plain,
            Format::Human,
            &[ja_diag()],
            &summary(),
            &lookup,
            Color::Never,
        )
        .unwrap();
        assert!(!plain.contains(&0x1b));
        let mut coloured = Vec::new();
        write(
            &mut coloured,
            Format::Human,
            &[ja_diag()],
            &summary(),
            &lookup,
            Color::Always,
        )
        .unwrap();
        assert!(String::from_utf8(coloured).unwrap().contains("\x1b["));
        // The machine formats never colour.
        let mut json = Vec::new();
        write(
            &mut json,
            Format::Json,
            &[ja_diag()],
            &summary(),
            &lookup,
            Color::Always,
        )
        .unwrap();
        assert!(!json.contains(&0x1b));
    }

    #[test]
    fn byte_ranges_from_char_columns() {
        let line = "詳しくは[x](y)";
        assert_eq!(byte_range(line, span(1, 5, 1, 11)), 12..18);
        // Past the end of the line: clamped, never a panic.
        assert_eq!(byte_range(line, span(1, 40, 1, 50)), 18..18);
        // An end before the start (bad input) gives an empty range.
        assert_eq!(byte_range(line, span(1, 5, 1, 2)), 12..12);
        assert_eq!(byte_range(line, span(1, 5, 3, 1)), 12..18);
    }

    #[test]
    fn summary_lines_are_pluralised() {
        let s = |errors, warnings, articles, links| {
            summary_line(&Summary {
                errors,
                warnings,
                articles,
                links,
            })
        };
        assert_eq!(s(0, 0, 1, 1), "no problems in 1 article, 1 link checked");
        assert_eq!(s(0, 0, 0, 0), "no problems in 0 articles, 0 links checked");
        assert_eq!(s(1, 0, 2, 3), "1 error in 2 articles, 3 links checked");
        assert_eq!(s(0, 2, 2, 3), "2 warnings in 2 articles, 3 links checked");
        assert_eq!(
            s(3, 1, 10, 250),
            "3 errors, 1 warning in 10 articles, 250 links checked"
        );
    }

    #[test]
    fn json_has_the_documented_shape() {
        let got = render(
            Format::Json,
            &[ja_diag(), warning_without_span()],
            &summary(),
        );
        let v: serde_json::Value = serde_json::from_str(&got).unwrap();
        let mut top: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        top.sort();
        assert_eq!(top, ["diagnostics", "summary", "version"]);
        assert_eq!(v["version"], 1);
        assert_eq!(
            v["summary"],
            serde_json::json!({"errors": 1, "warnings": 1, "articles": 2, "links": 7})
        );
        let d = &v["diagnostics"];
        assert_eq!(
            d[0],
            serde_json::json!({
                "severity": "error", "code": "broken-anchor", "file": "content/ja-JP/a.md",
                "line": 6, "column": 5, "end_line": 6, "end_column": 36,
                "message": "no anchor `#AboutSuport` in `services.md`",
                "target": "services.md#AboutSuport", "locale": "ja-JP",
                "hint": "did you mean `#AboutSupport`?"
            })
        );
        assert_eq!(
            d[1],
            serde_json::json!({
                "severity": "warning", "code": "stray-file", "file": "content/stray.md",
                "line": null, "column": null, "end_line": null, "end_column": null,
                "message": "`stray.md` is outside every locale directory",
                "target": null, "locale": null, "hint": null
            })
        );
        // Keys are written in the documented order.
        let order = [
            "\"severity\"",
            "\"code\"",
            "\"file\"",
            "\"line\"",
            "\"column\"",
            "\"end_line\"",
            "\"end_column\"",
            "\"message\"",
            "\"target\"",
            "\"locale\"",
            "\"hint\"",
        ];
        let first = &got[got.find("\"severity\"").unwrap()..got.find("\"hint\"").unwrap() + 6];
        let pos: Vec<usize> = order.iter().map(|k| first.find(k).unwrap()).collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{first}");
        assert!(got.find("\"version\"").unwrap() < got.find("\"diagnostics\"").unwrap());
    }

    #[test]
    fn json_without_diagnostics() {
        let got = render(
            Format::Json,
            &[],
            &Summary {
                errors: 0,
                warnings: 0,
                articles: 3,
                links: 0,
            },
        );
        let v: serde_json::Value = serde_json::from_str(&got).unwrap();
        assert_eq!(v["diagnostics"], serde_json::json!([]));
        assert_eq!(v["summary"]["articles"], 3);
    }

    #[test]
    fn github_annotations_are_escaped() {
        let d = Diagnostic::new(
            Code::BrokenLink,
            "content/a,b:c.md",
            "100% broken\r\nsecond line",
        )
        .with_span(span(3, 4, 3, 9))
        .with_hint("fix `x`");
        let got = render(Format::Github, &[d], &summary());
        assert_eq!(
            got,
            "::error file=content/a%2Cb%3Ac.md,line=3,col=4,endLine=3,endColumn=9,title=broken-link::100%25 broken%0D%0Asecond line%0Ahint: fix `x`\n"
        );
        // A message keeps `:` and `,` (only properties escape them).
        let w = Diagnostic::new(
            Code::FallbackLink,
            "content/ja-JP/a.md",
            "links to `en-US`: missing, falls back",
        );
        assert_eq!(
            render(Format::Github, &[w], &summary()),
            "::warning file=content/ja-JP/a.md,title=fallback-link::links to `en-US`: missing, falls back\n"
        );
    }

    #[test]
    fn github_leaves_out_columns_of_a_span_over_lines() {
        let mut d = ja_diag();
        d.span = Some(span(6, 5, 7, 2));
        let got = render(Format::Github, &[d], &summary());
        assert!(
            got.starts_with(
                "::error file=content/ja-JP/a.md,line=6,endLine=7,title=broken-anchor::no anchor"
            ),
            "{got}"
        );
        assert!(
            got.ends_with("%0Ahint: did you mean `#AboutSupport`?\n"),
            "{got}"
        );
        assert_eq!(got.lines().count(), 1);
    }

    #[test]
    fn sarif_uris_are_relative_to_the_repository_root() {
        let mut out = Vec::new();
        let options = Options {
            limit: overview::Limit::All,
            sarif_prefix: "docs/site/".into(),
        };
        write_with(
            &mut out,
            Format::Sarif,
            &[ja_diag()],
            &summary(),
            &|_| None,
            Color::Never,
            &options,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let loc =
            &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(loc["uri"], "docs/site/content/ja-JP/a.md");
        assert_eq!(loc["uriBaseId"], "SRCROOT");
    }

    #[test]
    fn sarif_structure() {
        let spaced = Diagnostic::new(Code::LocaleMismatch, "content/ja-JP/セキュリティ 1.md", "m")
            .with_span(span(2, 1, 2, 5));
        let got = render(
            Format::Sarif,
            &[ja_diag(), warning_without_span(), spaced],
            &summary(),
        );
        let v: serde_json::Value = serde_json::from_str(&got).unwrap();
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["$schema"], SARIF_SCHEMA);
        let runs = v["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "stele");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        match env!("CARGO_PKG_REPOSITORY") {
            "" => assert!(driver.get("informationUri").is_none()),
            repo => assert_eq!(driver["informationUri"], repo),
        }
        let rules = driver["rules"].as_array().unwrap();
        assert_eq!(rules.len(), Code::ALL.len());
        for (rule, code) in rules.iter().zip(Code::ALL) {
            assert_eq!(rule["id"], code.as_str());
            assert_eq!(rule["shortDescription"]["text"], code.description());
            assert_eq!(
                rule["defaultConfiguration"]["level"],
                code.default_severity().as_str()
            );
        }
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
        }
        let r = &results[0];
        assert_eq!(r["ruleId"], "broken-anchor");
        assert_eq!(r["level"], "error");
        assert_eq!(
            r["message"]["text"],
            "no anchor `#AboutSuport` in `services.md`\nhint: did you mean `#AboutSupport`?"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"],
            serde_json::json!({"uri": "content/ja-JP/a.md", "uriBaseId": "SITEROOT"})
        );
        assert_eq!(
            loc["region"],
            serde_json::json!({"startLine": 6, "startColumn": 5, "endLine": 6, "endColumn": 36})
        );
        // Sorted by file: `セキュリティ 1.md` comes after `a.md`, `stray.md` last.
        let uri = &results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(
            uri,
            "content/ja-JP/%E3%82%BB%E3%82%AD%E3%83%A5%E3%83%AA%E3%83%86%E3%82%A3%201.md"
        );
        assert_eq!(results[1]["level"], "warning");
        let whole_file = &results[2];
        assert_eq!(whole_file["ruleId"], "stray-file");
        assert!(
            whole_file["locations"][0]["physicalLocation"]
                .get("region")
                .is_none()
        );
    }

    #[test]
    fn every_format_is_deterministic_and_sorted() {
        let mut b = ja_diag();
        b.span = Some(span(2, 1, 2, 3));
        let c = Diagnostic::new(Code::BrokenLink, "content/de-DE/a.md", "x")
            .with_span(span(9, 1, 9, 2));
        let diags = vec![ja_diag(), warning_without_span(), b, c];
        let mut reversed = diags.clone();
        reversed.reverse();
        for format in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
            let one = render(format, &diags, &summary());
            assert_eq!(one, render(format, &reversed, &summary()), "{format:?}");
            assert_eq!(one, render(format, &diags, &summary()), "{format:?}");
        }
        let got = render(Format::Github, &reversed, &summary());
        assert_eq!(got.lines().count(), 4);
        assert!(
            got.lines()
                .next()
                .unwrap()
                .contains("file=content/de-DE/a.md")
        );
        assert!(got.lines().nth(1).unwrap().contains("line=2,"));
        assert!(got.lines().nth(2).unwrap().contains("line=6,"));
        assert!(
            got.lines()
                .nth(3)
                .unwrap()
                .contains("file=content/stray.md")
        );
    }

    const DOC: &str = include_str!("../../docs/DIAGNOSTICS.md");

    #[test]
    fn every_code_is_documented_with_its_default_severity() {
        let codes = &DOC[DOC.find("\n## Codes").expect("a `## Codes` section")..];
        let mut rows = Vec::new();
        for line in codes.lines().filter(|l| l.starts_with("| `")) {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            let name = cells[0].trim_matches('`');
            let code = Code::from_name(name)
                .unwrap_or_else(|| panic!("DIAGNOSTICS.md lists unknown code `{name}`"));
            assert_eq!(
                cells.get(1).copied(),
                Some(code.default_severity().as_str()),
                "severity of `{name}`"
            );
            assert!(
                cells.get(2).is_some_and(|m| !m.is_empty()),
                "meaning of `{name}`"
            );
            rows.push(code);
        }
        for code in Code::ALL {
            let n = rows.iter().filter(|c| *c == code).count();
            assert_eq!(
                n, 1,
                "docs/DIAGNOSTICS.md must list `{code}` once in its codes table, found {n}"
            );
        }
    }

    #[test]
    fn every_json_field_is_documented() {
        let v: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &[ja_diag()], &summary())).unwrap();
        for key in v["diagnostics"][0].as_object().unwrap().keys() {
            assert!(
                DOC.contains(&format!("| `diagnostics[].{key}` |")),
                "`{key}` is not in the JSON schema table"
            );
        }
        for key in v["summary"].as_object().unwrap().keys() {
            assert!(
                DOC.contains(&format!("| `summary.{key}` |")),
                "`summary.{key}` is not in the JSON schema table"
            );
        }
    }

    #[test]
    fn shortening_long_lines_changes_nothing_shown() {
        let line: String = (0..3000)
            .map(|i| {
                if i % 7 == 0 {
                    "日本語 ".to_string()
                } else {
                    format!("[l{i}](m.md) ")
                }
            })
            .collect();
        let chars = line.chars().count() as u32;
        let full = |span: Span| {
            let d = Diagnostic::new(Code::BrokenLink, "a.md", "x").with_span(span);
            let g = Level::ERROR.primary_title("x").id("broken-link").element(
                Snippet::source(line.as_str())
                    .line_start(span.line as usize)
                    .path("a.md")
                    .annotation(AnnotationKind::Primary.span(byte_range(&line, span))),
            );
            (
                Renderer::plain().render(&[g]),
                Renderer::plain().render(&[human_group(&d, Some((span, &line)))]),
            )
        };
        // Underlines up to KEEP_AFTER chars: the same output as the whole line.
        for (col, end) in [
            (1, 2),
            (1, 400),
            (50, 60),
            (700, 900),
            (5000, 5001),
            (chars - 20, chars + 1),
            (chars + 5, chars + 5),
        ] {
            let (want, got) = full(span(1, col, 1, end));
            assert!(got == want, "span {col}..{end} renders differently");
        }
        // Longer ones: the renderer would print the whole line (30,000
        // chars); shortened, the line is cut and the position is the same.
        for (col, end_line, end) in [(1, 1, 3000), (1, 4, 1), (700, 4, 1), (chars - 20, 4, 1)] {
            let d = Diagnostic::new(Code::BrokenLink, "a.md", "x")
                .with_span(span(1, col, end_line, end));
            let got = render_human(&Renderer::plain(), &d, Some((d.span.unwrap(), &line)));
            assert!(
                got.contains(&format!(" --> a.md:1:{col}\n")),
                "position of {col}"
            );
            assert!(
                got.lines().all(|l| l.chars().count() < 200),
                "span {col}..: a line longer than 200 chars"
            );
        }
        let (text, range) = shorten(&line, span(1, 100, 1, 110));
        assert!(text.chars().count() < 100 + 10 + 2 * KEEP_AFTER && range.len() == 10);
    }

    #[test]
    fn excerpts_of_long_lines_keep_column_and_underline() {
        let line: String = (0..3000).map(|i| format!("[l{i}](m{i}.md) ")).collect();
        for i in [0, 5, 40, 700, 2999] {
            let token = format!("[l{i}](m{i}.md)");
            let col = line[..line.find(&format!("{token} ")).unwrap()]
                .chars()
                .count() as u32
                + 1;
            let end = col + token.len() as u32;
            let d = Diagnostic::new(Code::BrokenLink, "a.md", "x").with_span(span(1, col, 1, end));
            assert_eq!(
                render_excerpt(&Renderer::plain(), &d, span(1, col, 1, end), &line).is_some(),
                i >= 40,
                "{token}"
            );
            assert_eq!(
                render_excerpt(&Renderer::styled(), &d, span(1, col, 1, end), &line).is_some(),
                i >= 40,
                "{token}"
            );
            for color in [Renderer::plain(), Renderer::styled()] {
                let got = render_human(&color, &d, Some((d.span.unwrap(), &line)));
                assert!(
                    got.contains(&format!("a.md:1:{col}")),
                    "position of {token}"
                );
                assert_eq!(got.matches(":1:").count(), 1);
                let plain = render_human(&Renderer::plain(), &d, Some((d.span.unwrap(), &line)));
                let lines: Vec<&str> = plain.lines().collect();
                let (source, carets) = (lines[3], lines[4]);
                assert!(
                    source.chars().count() < 200 && source.starts_with("1 | "),
                    "{token}"
                );
                let at = source
                    .find(&token)
                    .unwrap_or_else(|| panic!("{token} not shown"));
                assert_eq!(carets.find('^'), Some(at), "{token} underlined where it is");
                assert_eq!(carets.matches('^').count(), token.len());
            }
        }
    }
}
