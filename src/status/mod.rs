//! `stele status`: the translation matrix of a site (every translation
//! group × every locale: source, up to date, stale, freshness unknown,
//! missing, orphan; machine- or human-translated), per-locale coverage in
//! articles and in words, and its three renderings: a table for people,
//! JSON (schema in docs/STATUS.md) and a self-contained HTML report, which
//! the build also writes to `/_status/index.html` when `status_page = true`.
//! Also `stele status --stamp FILE…`, which records a translation's
//! `source_hash` ([`stamp`]: the one place stele writes into `content/`).
//!
//! Invariants: [`Matrix::new`] and the renderings are pure; rows are in
//! group order and cells in locale order (default locale first), so the
//! output is deterministic; every text in the HTML is escaped.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::html::escape;
use crate::markdown::ArticleOutput;
use crate::model::site::{ArticleId, GroupKey, Site};
use crate::model::translation::{self, ArticleState, Basis, Freshness};
use crate::read::frontmatter::Date;
use crate::read::history::{History, SOURCE_HASH_KEY};
use crate::render::{Finished, Page};
use crate::term::Color;

mod html;
mod matrix;
mod stamp;
mod table;

#[allow(unused_imports)]
use self::{matrix::*, stamp::*, table::*};
pub use html::{html, page};
pub use matrix::{Cell, CellState, LocaleSummary, Matrix, Row, json};
pub use stamp::stamp;
pub use table::write_human;

/// Where the build writes the status page, relative to the output directory.
pub const PAGE_PATH: &str = "_status/index.html";

/// The output formats of `stele status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Human,
    Json,
    Html,
}

/// The version of the JSON schema (docs/STATUS.md).
pub const SCHEMA_VERSION: u32 = 1;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Rendered;
    use crate::read::discover::Encoding;

    fn site(files: &[(&str, &str, &str)]) -> Site {
        crate::model::site::test_site(files)
    }

    /// Outputs with given word counts (the markdown stage is not under test).
    fn outputs(site: &Site, words: &dyn Fn(&str) -> usize) -> Vec<ArticleOutput> {
        site.articles
            .iter()
            .enumerate()
            .map(|(i, a)| ArticleOutput {
                article: i,
                title: a.rel.clone(),
                rendered: Rendered {
                    words: words(&site.files[a.file].path),
                    ..Default::default()
                },
                sources: Default::default(),
            })
            .collect()
    }

    fn matrix(s: &Site, words: &dyn Fn(&str) -> usize) -> Matrix {
        let history = History::default();
        let states = translation::states(s, &history);
        Matrix::new(s, &outputs(s, words), &states, &history)
    }

    fn summary<'m>(m: &'m Matrix, locale: &str) -> &'m LocaleSummary {
        m.locales.iter().find(|l| l.locale == locale).unwrap()
    }

    #[test]
    fn matrix_states_and_coverage() {
        let a = "# A\n";
        let s = site(&[
            ("en-US", "a.md", a),
            ("en-US", "b.md", "# B\n"),
            ("en-US", "c.md", "# C\n"),
            (
                "ja-JP",
                "a.md",
                &format!(
                    "---\nsource_hash: {}\nms.translationtype: MT\n---\n",
                    translation::source_hash(a)
                ),
            ),
            ("ja-JP", "b.md", "---\nsource_hash: blake3:0000\n---\n"),
            ("ja-JP", "gone.md", "---\nms.translationtype: HT\n---\n"),
            ("de-DE", "c.md", "# C\n"),
        ]);
        let m = matrix(&s, &|p| if p.ends_with("a.md") { 300 } else { 100 });
        assert_eq!(m.default_locale, "en-US");
        assert_eq!((m.source_articles, m.source_words, m.groups), (3, 500, 4));
        let ja = summary(&m, "ja-JP");
        assert_eq!(
            (ja.articles, ja.translated, ja.current, ja.stale, ja.unknown),
            (3, 2, 1, 1, 0)
        );
        assert_eq!((ja.missing, ja.orphan, ja.machine, ja.human), (1, 1, 1, 2));
        assert_eq!(ja.coverage_articles, Some(66.6));
        assert_eq!(ja.coverage_words, Some(80.0));
        let de = summary(&m, "de-DE");
        assert_eq!((de.translated, de.unknown, de.missing), (1, 1, 2));
        assert_eq!(de.coverage_words, Some(20.0));
        let en = summary(&m, "en-US");
        assert!(en.default && en.coverage_articles.is_none());
        // Rows and cells, in site order.
        let row = |name: &str| m.rows.iter().find(|r| r.name == name).unwrap();
        let states = |name: &str| row(name).cells.iter().map(|c| c.state).collect::<Vec<_>>();
        use CellState::*;
        // Locale order: en-US, de-DE, ja-JP.
        assert_eq!(states("a.md"), [Source, Missing, Current]);
        assert_eq!(states("b.md"), [Source, Missing, Stale]);
        assert_eq!(states("c.md"), [Source, Unknown, Missing]);
        assert_eq!(states("gone.md"), [Absent, Absent, Orphan]);
        assert!(row("a.md").cells[2].machine);
        assert_eq!(row("gone.md").source, None);
        assert_eq!(m.rows_needing_work().count(), 4);
    }

    #[test]
    fn a_site_of_translations_only_says_so() {
        let t = "---\nms.assetid: X\nms.translationtype: MT\nms.sourcegitcommit: abcd\n---\n# T\n";
        let s = site(&[
            ("it-IT", "a.md", t),
            ("ja-JP", "a.md", t),
            ("ru-RU", "a.md", t),
        ]);
        let m = matrix(&s, &|_| 10);
        assert_eq!(m.source_articles, 0);
        assert_eq!(m.default_locale, "it-IT");
        assert!(
            m.rows[0]
                .cells
                .iter()
                .all(|c| c.state == CellState::Orphan && c.machine)
        );
        assert!(
            m.locales
                .iter()
                .all(|l| l.orphan == 1 && l.machine == 1 && l.coverage_articles.is_none())
        );
        let mut out = Vec::new();
        write_human(&mut out, &m, Color::Never).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("the default locale `it-IT` has no source articles, so every translation group (1) lacks its source"), "{text}");
        assert!(
            text.contains("every article of `it-IT` (1) declares itself a translation"),
            "{text}"
        );
        // Orphans are not "freshness unknown": they have nothing to be fresh against.
        assert!(!text.contains("freshness unknown for"), "{text}");
        assert!(
            text.contains("a.md   orphan MT  orphan MT  orphan MT"),
            "{text}"
        );
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn human_table_is_aligned_and_coloured_only_when_asked() {
        let s = site(&[
            ("en-US", "a.md", "# A\n"),
            ("en-US", "日本語のパス.md", "# B\n"),
            ("ja-JP", "a.md", "# A\n"),
        ]);
        let m = matrix(&s, &|_| 1234);
        let mut plain = Vec::new();
        write_human(&mut plain, &m, Color::Never).unwrap();
        let plain = String::from_utf8(plain).unwrap();
        assert!(plain.starts_with("default locale `en-US`: 2 source articles (2,468 words) in 2 translation groups, 1 translation\n"), "{plain}");
        assert!(
            plain.contains("ja-JP          1     50.0%  50.0%"),
            "{plain}"
        );
        // The CJK path is two columns per character wide; the cells line up.
        let lines: Vec<&str> = plain
            .lines()
            .filter(|l| l.starts_with("group") || l.starts_with("日本語"))
            .collect();
        assert_eq!(lines.len(), 2, "{plain}");
        assert_eq!(
            lines[0].find("en-US").unwrap(),
            "日本語のパス.md".width() + 2
        );
        let mut coloured = Vec::new();
        write_human(&mut coloured, &m, Color::Always).unwrap();
        assert!(
            String::from_utf8(coloured)
                .unwrap()
                .contains("\x1b[31mmissing\x1b[0m")
        );
    }

    #[test]
    fn html_is_escaped_and_self_contained() {
        let s = site(&[
            ("en-US", "<b>&.md", "# A\n"),
            ("ja-JP", "<b>&.md", "---\nms.assetid: \"x\\\"<i>\"\n---\n"),
        ]);
        let m = matrix(&s, &|_| 1);
        let h = html(&s, &m);
        assert!(h.contains("&lt;b&gt;&amp;.md"), "{h}");
        assert!(!h.contains("<b>&"), "{h}");
        assert!(!h.contains("<link") && !h.contains("<script") && !h.contains("src="));
        assert!(h.starts_with("<!DOCTYPE html>") && h.ends_with("</html>\n"));
    }

    #[test]
    fn json_has_the_documented_fields() {
        let s = site(&[
            ("en-US", "a.md", "# A\n"),
            ("ja-JP", "a.md", "---\nms.translationtype: MT\n---\n"),
        ]);
        let v: serde_json::Value = serde_json::from_str(&json(&matrix(&s, &|_| 7))).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["default_locale"], "en-US");
        assert_eq!(v["source_words"], 7);
        assert_eq!(v["locales"][1]["locale"], "ja-JP");
        assert_eq!(v["locales"][1]["coverage_articles"], 100.0);
        assert_eq!(v["locales"][1]["machine"], 1);
        let cell = &v["rows"][0]["cells"][1];
        assert_eq!(cell["state"], "unknown");
        assert_eq!(cell["basis"], "none");
        assert_eq!(cell["path"], "content/ja-JP/a.md");
        assert_eq!(cell["machine"], true);
        assert_eq!(v["rows"][0]["cells"][0]["state"], "source");
    }

    #[test]
    fn percent_rounds_down() {
        assert_eq!(percent(999, 1000), Some(99.9));
        assert_eq!(percent(9999, 10000), Some(99.9));
        assert_eq!(percent(581, 584), Some(99.4));
        assert_eq!(percent(1, 0), None);
    }

    #[test]
    fn encodings_round_trip() {
        for bytes in [
            b"\xEF\xBB\xBF---\r\nx: 1\r\n---\r\n".to_vec(),
            b"plain\n".to_vec(),
            [0xFF, 0xFE]
                .into_iter()
                .chain("---\r\n日本\r\n".encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
            [0xFE, 0xFF]
                .into_iter()
                .chain("é".encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
        ] {
            let (enc, text) = Encoding::decode(&bytes).unwrap();
            assert_eq!(enc.encode(&text), bytes);
        }
    }
}
