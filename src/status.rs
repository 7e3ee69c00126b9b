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

use crate::render::escape;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::frontmatter::Date;
use crate::pipeline::ArticleOutput;
use crate::report::Color;
use crate::site::{ArticleId, GroupKey, Site};
use crate::translation::{self, ArticleState, Basis, Freshness, History};

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

/// The state of one translation group in one locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CellState {
    /// The source article (default locale).
    Source,
    /// A translation made from the current source.
    Current,
    /// A translation whose source changed since it was made.
    Stale,
    /// A translation whose freshness cannot be told.
    Unknown,
    /// The group has a source and this locale has no translation of it.
    Missing,
    /// A translation whose group has no source article.
    Orphan,
    /// No article, and none expected (the group has no source).
    Absent,
}

impl CellState {
    /// The word in the human table.
    fn label(self) -> &'static str {
        match self {
            CellState::Source => "source",
            CellState::Current => "ok",
            CellState::Stale => "stale",
            CellState::Unknown => "?",
            CellState::Missing => "missing",
            CellState::Orphan => "orphan",
            CellState::Absent => "·",
        }
    }

    /// Whether a translator has something to do here.
    fn needs_work(self) -> bool {
        matches!(
            self,
            CellState::Stale | CellState::Missing | CellState::Orphan
        )
    }
}

/// One translation group in one locale.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub locale: String,
    pub state: CellState,
    /// The article's file (`content/ja-JP/a.md`), when there is one.
    pub path: Option<String>,
    /// Marked machine-translated (`ms.translationtype: MT`, `machine_translated: true`).
    pub machine: bool,
    /// What freshness was judged by, for translations: `source-hash`,
    /// `git-commit` or `none`.
    pub basis: Option<Basis>,
    /// For stale translations: when the source changed (`YYYY-MM-DD`), if known.
    pub source_changed: Option<String>,
    /// Words of the article (CJK characters count one each).
    pub words: Option<usize>,
    #[serde(skip)]
    pub article: Option<ArticleId>,
}

/// One translation group.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The asset id, when the group has one.
    pub asset_id: Option<String>,
    /// Path relative to the locale directory of the source, else of the
    /// group's first article: what the table shows.
    pub name: String,
    /// The source article's file, `None` for an orphan group.
    pub source: Option<String>,
    /// Words of the source article.
    pub source_words: usize,
    /// One cell per locale, default locale first.
    pub cells: Vec<Cell>,
}

/// The counts of one locale.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LocaleSummary {
    pub locale: String,
    pub default: bool,
    /// Articles of the locale.
    pub articles: usize,
    /// Translations of source articles (current + stale + unknown).
    pub translated: usize,
    /// Words of the sources that have a translation here.
    pub translated_source_words: usize,
    /// `translated` in % of the source articles, rounded down to 0.1; `None`
    /// for the default locale or without sources.
    pub coverage_articles: Option<f64>,
    /// `translated_source_words` in % of the words of all sources, rounded
    /// down to 0.1; `None` for the default locale or without words.
    pub coverage_words: Option<f64>,
    pub current: usize,
    pub stale: usize,
    pub unknown: usize,
    /// Sources without a translation here.
    pub missing: usize,
    /// Translations here without a source.
    pub orphan: usize,
    /// Translations (and orphans) marked machine-translated.
    pub machine: usize,
    /// Translations (and orphans) not marked machine-translated.
    pub human: usize,
}

/// The translation matrix of a site.
#[derive(Clone, Debug, Serialize)]
pub struct Matrix {
    pub version: u32,
    pub default_locale: String,
    /// Whether `default_locale` was set in stele.toml (else chosen).
    pub default_locale_configured: bool,
    /// Whether the site is in a git repository that was asked about
    /// `ms.sourcegitcommit` values.
    pub git: bool,
    pub source_articles: usize,
    pub source_words: usize,
    pub groups: usize,
    /// Every locale, default first.
    pub locales: Vec<LocaleSummary>,
    /// Every translation group, in site order.
    pub rows: Vec<Row>,
}

/// `x` in % of `of`, rounded down to 0.1 so that 100% means complete.
fn percent(x: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| ((x as f64) * 1000.0 / (of as f64)).floor() / 10.0)
}

impl Matrix {
    /// Builds the matrix. `outputs` and `states` are indexed like
    /// `site.articles`.
    pub fn new(
        site: &Site,
        outputs: &[ArticleOutput],
        states: &[ArticleState],
        history: &History,
    ) -> Matrix {
        let words = |a: ArticleId| outputs.get(a).map(|o| o.rendered.words).unwrap_or(0);
        let mut locales: Vec<LocaleSummary> = site
            .locales
            .iter()
            .enumerate()
            .map(|(i, l)| LocaleSummary {
                locale: l.tag.clone(),
                default: i == site.default_locale,
                ..Default::default()
            })
            .collect();
        let mut rows = Vec::with_capacity(site.groups.len());
        let (mut source_articles, mut source_words) = (0, 0);
        for g in &site.groups {
            let source = g
                .members
                .iter()
                .copied()
                .find(|&m| translation::is_source(site, m));
            let sw = source.map(words).unwrap_or(0);
            if source.is_some() {
                source_articles += 1;
                source_words += sw;
            }
            let cells = (0..site.locales.len())
                .map(|l| {
                    let tag = site.locales[l].tag.clone();
                    let Some(a) = g
                        .members
                        .iter()
                        .copied()
                        .find(|&m| site.articles[m].locale == l)
                    else {
                        let state = if source.is_some() {
                            CellState::Missing
                        } else {
                            CellState::Absent
                        };
                        return Cell {
                            locale: tag,
                            state,
                            path: None,
                            machine: false,
                            basis: None,
                            source_changed: None,
                            words: None,
                            article: None,
                        };
                    };
                    let fm = &site.frontmatter[site.articles[a].file];
                    let (state, changed) = if Some(a) == source {
                        (CellState::Source, None)
                    } else if source.is_none() {
                        (CellState::Orphan, None)
                    } else {
                        match &states[a].freshness {
                            Freshness::Current => (CellState::Current, None),
                            Freshness::Stale { source_changed } => {
                                (CellState::Stale, *source_changed)
                            }
                            Freshness::Unknown => (CellState::Unknown, None),
                        }
                    };
                    let translation = state != CellState::Source;
                    Cell {
                        locale: tag,
                        state,
                        path: Some(site.files[site.articles[a].file].path.clone()),
                        machine: translation && translation::is_machine_translated(fm),
                        basis: translation.then(|| translation::basis(fm)),
                        source_changed: changed.map(Date::iso),
                        words: Some(words(a)),
                        article: Some(a),
                    }
                })
                .collect::<Vec<_>>();
            for (l, c) in cells.iter().enumerate() {
                let s = &mut locales[l];
                if c.article.is_some() {
                    s.articles += 1;
                }
                match c.state {
                    CellState::Current => s.current += 1,
                    CellState::Stale => s.stale += 1,
                    CellState::Unknown => s.unknown += 1,
                    CellState::Missing => s.missing += 1,
                    CellState::Orphan => s.orphan += 1,
                    CellState::Source | CellState::Absent => {}
                }
                if matches!(
                    c.state,
                    CellState::Current | CellState::Stale | CellState::Unknown
                ) {
                    s.translated += 1;
                    s.translated_source_words += sw;
                }
                if c.article.is_some() && c.state != CellState::Source {
                    if c.machine {
                        s.machine += 1;
                    } else {
                        s.human += 1;
                    }
                }
            }
            let first = g.members[0];
            rows.push(Row {
                asset_id: match &g.key {
                    GroupKey::AssetId(id) => Some(id.clone()),
                    GroupKey::Path(_) => None,
                },
                name: site.articles[source.unwrap_or(first)].rel.clone(),
                source: source.map(|s| site.files[site.articles[s].file].path.clone()),
                source_words: sw,
                cells,
            });
        }
        for s in locales.iter_mut().filter(|s| !s.default) {
            s.coverage_articles = percent(s.translated, source_articles);
            s.coverage_words = percent(s.translated_source_words, source_words);
        }
        Matrix {
            version: SCHEMA_VERSION,
            default_locale: site
                .locales
                .get(site.default_locale)
                .map(|l| l.tag.clone())
                .unwrap_or_default(),
            default_locale_configured: site.config.default_locale.is_some(),
            git: history.available,
            source_articles,
            source_words,
            groups: site.groups.len(),
            locales,
            rows,
        }
    }

    /// Rows with a stale, missing or orphan cell.
    pub fn rows_needing_work(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| c.state.needs_work()))
    }

    /// Translations whose freshness is unknown, by basis.
    fn unknown_by_basis(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for c in self
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.state == CellState::Unknown)
        {
            match c.basis {
                Some(Basis::GitCommit) => n.0 += 1,
                Some(Basis::SourceHash) => n.1 += 1,
                _ => n.2 += 1,
            }
        }
        n
    }
}

/// The matrix as JSON (docs/STATUS.md).
pub fn json(matrix: &Matrix) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(matrix).unwrap_or_default()
}

/// `1,234,567`.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn pct(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "–".into())
}

/// `1 names`, `2,327 name`.
fn verb(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

/// `1 article`, `2,331 articles`.
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", thousands(n))
    }
}

/// ANSI styles of the human table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Green,
    Yellow,
    Red,
    Magenta,
    Dim,
}

impl Style {
    fn of(state: CellState) -> Style {
        match state {
            CellState::Source => Style::Bold,
            CellState::Current => Style::Green,
            CellState::Stale => Style::Yellow,
            CellState::Unknown | CellState::Absent => Style::Dim,
            CellState::Missing => Style::Red,
            CellState::Orphan => Style::Magenta,
        }
    }

    fn paint(self, text: &str, color: Color) -> String {
        let code = match self {
            Style::Plain => return text.to_string(),
            Style::Bold => "1",
            Style::Green => "32",
            Style::Yellow => "33",
            Style::Red => "31",
            Style::Magenta => "35",
            Style::Dim => "2",
        };
        if color == Color::Always && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Writes rows of cells as columns: the first column left-aligned, the
/// others left-aligned when `left[i]`, else right-aligned.
fn table(
    out: &mut dyn Write,
    rows: &[Vec<(String, Style)>],
    left: &[bool],
    color: Color,
) -> std::io::Result<()> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.0.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let mut line = String::new();
        for (i, (text, style)) in r.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(text.width()));
            let painted = style.paint(text, color);
            if i > 0 {
                line.push_str("  ");
            }
            if i == 0 || left.get(i).copied().unwrap_or(true) {
                line.push_str(&painted);
                if i + 1 < r.len() {
                    line.push_str(&pad);
                }
            } else {
                line.push_str(&pad);
                line.push_str(&painted);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The human report: a headline, the per-locale table and the groups that
/// need work (readable without colour).
pub fn write_human(out: &mut dyn Write, m: &Matrix, color: Color) -> std::io::Result<()> {
    let default = &m.default_locale;
    let translations: usize = m
        .locales
        .iter()
        .filter(|l| !l.default)
        .map(|l| l.articles)
        .sum::<usize>()
        + m.locales
            .iter()
            .filter(|l| l.default)
            .map(|l| l.orphan)
            .sum::<usize>();
    if m.locales.is_empty() || m.groups == 0 {
        let what = if m.locales.is_empty() {
            "no locale directories in `content/`"
        } else {
            "no articles"
        };
        writeln!(
            out,
            "{}: the site has {what}",
            Style::Bold.paint("nothing to report", color)
        )?;
        writeln!(
            out,
            "  = hint: articles live in `content/<locale>/`, e.g. `content/en-US/index.md`"
        )?;
        return Ok(());
    }
    if m.source_articles == 0 {
        let default_orphans = m
            .locales
            .iter()
            .find(|l| l.default)
            .map(|l| l.orphan)
            .unwrap_or(0);
        writeln!(
            out,
            "{}: the default locale `{default}` has no source articles, so every translation group ({}) lacks its source",
            Style::Bold.paint("no sources", color),
            m.groups
        )?;
        if default_orphans > 0 {
            writeln!(
                out,
                "  = every article of `{default}` ({default_orphans}) declares itself a translation (`ms.translationtype`, `source_hash` or `ms.sourcegitcommit`)"
            )?;
        }
        let preferred = ["en-US", "en"]
            .iter()
            .any(|p| default.eq_ignore_ascii_case(p));
        if m.default_locale_configured || preferred {
            writeln!(
                out,
                "  = hint: add the source articles under `content/{default}/`"
            )?;
        } else {
            writeln!(
                out,
                "  = hint: `{default}` was chosen because stele.toml sets no `default_locale` and the site has no `en-US`; add the source articles under `content/<locale>/` and set `default_locale`"
            )?;
        }
    } else {
        writeln!(
            out,
            "default locale `{default}`: {} ({}) in {}, {}",
            count(m.source_articles, "source article"),
            count(m.source_words, "word"),
            count(m.groups, "translation group"),
            count(translations, "translation"),
        )?;
    }
    writeln!(out)?;

    let head = [
        "locale", "articles", "coverage", "words", "ok", "stale", "?", "missing", "orphan", "MT",
        "HT",
    ];
    let mut rows: Vec<Vec<(String, Style)>> =
        vec![head.iter().map(|h| (h.to_string(), Style::Bold)).collect()];
    for l in &m.locales {
        let n = |v: usize, s: Style| (thousands(v), if v == 0 { Style::Plain } else { s });
        if l.default {
            rows.push(vec![
                (l.locale.clone(), Style::Bold),
                (thousands(l.articles), Style::Plain),
                (
                    (if m.source_articles > 0 {
                        "source"
                    } else {
                        "default"
                    })
                    .into(),
                    Style::Bold,
                ),
                (String::new(), Style::Plain),
                (String::new(), Style::Plain),
                (String::new(), Style::Plain),
                (String::new(), Style::Plain),
                (String::new(), Style::Plain),
                n(l.orphan, Style::Magenta),
                if l.orphan > 0 {
                    n(l.machine, Style::Plain)
                } else {
                    (String::new(), Style::Plain)
                },
                if l.orphan > 0 {
                    n(l.human, Style::Plain)
                } else {
                    (String::new(), Style::Plain)
                },
            ]);
            continue;
        }
        rows.push(vec![
            (l.locale.clone(), Style::Plain),
            (thousands(l.articles), Style::Plain),
            (pct(l.coverage_articles), Style::Plain),
            (pct(l.coverage_words), Style::Plain),
            n(l.current, Style::Green),
            n(l.stale, Style::Yellow),
            n(l.unknown, Style::Dim),
            n(l.missing, Style::Red),
            n(l.orphan, Style::Magenta),
            n(l.machine, Style::Plain),
            n(l.human, Style::Plain),
        ]);
    }
    table(
        out,
        &rows,
        &[
            true, false, false, false, false, false, false, false, false, false, false,
        ],
        color,
    )?;
    writeln!(
        out,
        "  coverage: translated source articles; words: their share of the source words; ok: up to date; ?: freshness unknown; MT/HT: machine/human-translated"
    )?;

    let work: Vec<&Row> = m.rows_needing_work().collect();
    writeln!(out)?;
    if work.is_empty() {
        writeln!(out, "no translation is missing, stale or orphaned")?;
    } else {
        writeln!(
            out,
            "{} with missing, stale or orphan translations:",
            count(work.len(), "group")
        )?;
        let mut rows: Vec<Vec<(String, Style)>> = Vec::new();
        let mut head = vec![("group".to_string(), Style::Bold)];
        head.extend(m.locales.iter().map(|l| (l.locale.clone(), Style::Bold)));
        rows.push(head);
        for r in work {
            let mut line = vec![(r.name.clone(), Style::Plain)];
            for c in &r.cells {
                let mut text = c.state.label().to_string();
                if c.state == CellState::Stale
                    && let Some(d) = &c.source_changed
                {
                    text = format!("stale {d}");
                }
                if c.machine {
                    text.push_str(" MT");
                }
                line.push((text, Style::of(c.state)));
            }
            rows.push(line);
        }
        table(out, &rows, &[], color)?;
        writeln!(
            out,
            "  ok: up to date; stale DATE: the source changed then; ?: freshness unknown; ·: nothing expected; MT: machine-translated"
        )?;
    }

    let (git, hash, none) = m.unknown_by_basis();
    if git + hash + none > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "freshness unknown for {}:",
            count(git + hash + none, "translation")
        )?;
        if git > 0 {
            if m.git {
                writeln!(
                    out,
                    "  = {} a source commit (`ms.sourcegitcommit`) that the git repository does not have",
                    verb(git, "names", "name")
                )?;
            } else {
                writeln!(
                    out,
                    "  = {} a source commit (`ms.sourcegitcommit`), but the site is not in a git repository",
                    verb(git, "names", "name")
                )?;
            }
        }
        if hash > 0 {
            writeln!(
                out,
                "  = {} a `source_hash` that is not `blake3:<hex>`",
                verb(hash, "has", "have")
            )?;
        }
        if none > 0 {
            writeln!(
                out,
                "  = {} neither `source_hash` nor `ms.sourcegitcommit`",
                verb(none, "records", "record")
            )?;
        }
        writeln!(
            out,
            "  = hint: when a translation is done, `stele status --stamp FILE…` records the hash of its source"
        )?;
    }
    Ok(())
}

const CSS: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}\
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}\
.source{font-weight:bold}.current{background:#e3f6e3}.stale{background:#fff2c6}.unknown{color:#666}\
.missing{background:#fbdcdc}.orphan{background:#f1dcf6}.absent{color:#aaa}.mt{font-size:.8em;color:#555}\
.note{color:#444}";

/// The HTML report: a complete page, every text escaped, no external
/// resources. Links go to the articles' URLs in the built site.
pub fn html(site: &Site, m: &Matrix) -> String {
    let mut h = String::new();
    let title = format!("Translation status: {}", site.config.title);
    h.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n",
    );
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    ));
    let default = escape(&m.default_locale);
    if m.source_articles == 0 {
        h.push_str(&format!(
            "<p class=\"note\"><strong>No sources:</strong> the default locale <code>{default}</code> has no source articles, so every translation group ({}) lacks its source.</p>\n",
            m.groups
        ));
    } else {
        h.push_str(&format!(
            "<p>Default locale <code>{default}</code>: {} source articles ({} words) in {} translation groups.</p>\n",
            thousands(m.source_articles),
            thousands(m.source_words),
            thousands(m.groups)
        ));
    }
    h.push_str("<h2>Locales</h2>\n<table>\n<tr><th>locale</th><th>articles</th><th>coverage</th><th>words</th><th>up to date</th><th>stale</th><th>unknown</th><th>missing</th><th>orphan</th><th>machine</th><th>human</th></tr>\n");
    for l in &m.locales {
        let cov = if !l.default {
            pct(l.coverage_articles)
        } else if m.source_articles > 0 {
            "source".to_string()
        } else {
            "default".to_string()
        };
        let words = if l.default {
            String::new()
        } else {
            pct(l.coverage_words)
        };
        // The default locale has no translation counts, only orphans.
        let n = |v: usize, only_translations: bool| {
            if l.default && (only_translations || l.orphan == 0) {
                String::new()
            } else {
                v.to_string()
            }
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape(&l.locale),
            l.articles,
            escape(&cov),
            escape(&words),
            n(l.current, true),
            n(l.stale, true),
            n(l.unknown, true),
            n(l.missing, true),
            n(l.orphan, false),
            n(l.machine, false),
            n(l.human, false)
        ));
    }
    h.push_str("</table>\n<h2>Translation groups</h2>\n<table>\n<tr><th>group</th>");
    for l in &m.locales {
        h.push_str(&format!("<th>{}</th>", escape(&l.locale)));
    }
    h.push_str("</tr>\n");
    for r in &m.rows {
        let id = r
            .asset_id
            .as_deref()
            .map(|id| format!(" title=\"{}\"", escape(id)))
            .unwrap_or_default();
        h.push_str(&format!("<tr><td{id}>{}</td>", escape(&r.name)));
        for c in &r.cells {
            let label = match c.state {
                CellState::Source => "source".to_string(),
                CellState::Current => "up to date".to_string(),
                CellState::Stale => match &c.source_changed {
                    Some(d) => format!("stale (source changed {d})"),
                    None => "stale".to_string(),
                },
                CellState::Unknown => "unknown".to_string(),
                CellState::Missing => "missing".to_string(),
                CellState::Orphan => "orphan".to_string(),
                CellState::Absent => "·".to_string(),
            };
            let class = serde_json::to_value(c.state)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let text = match c.article {
                Some(a) => format!(
                    "<a href=\"{}\">{}</a>",
                    escape(&site.articles[a].url),
                    escape(&label)
                ),
                None => escape(&label),
            };
            let mt = if c.machine {
                " <span class=\"mt\">MT</span>"
            } else {
                ""
            };
            h.push_str(&format!("<td class=\"{class}\">{text}{mt}</td>"));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n<p class=\"note\">Coverage counts translated source articles; words, their share of the source words. MT: marked machine-translated. Generated by stele.</p>\n</body>\n</html>\n");
    h
}

/// One file given to `--stamp`, checked.
struct StampTarget {
    /// Absolute path on disk.
    abs: PathBuf,
    /// Site-relative path.
    path: String,
    hash: String,
    source: String,
}

/// `stele status --stamp FILE…`: records the current source's hash as
/// `source_hash` in each translation's frontmatter. Every file is checked
/// first; if any is refused (a source, a file without a source, not an
/// article of the site, broken frontmatter), nothing is written and the
/// refusals are returned as `Err` (exit code 2). Each file is rewritten
/// atomically (temporary file in the same folder, then rename), with the
/// encoding, BOM and line endings it had; only the `source_hash` line
/// changes. Returns one line per file for the terminal.
pub fn stamp(
    site: &Site,
    parse_diags: &[crate::diagnostic::Diagnostic],
    files: &[PathBuf],
) -> Result<Vec<String>> {
    let root = &site.config.root;
    let mut targets = Vec::new();
    let mut refused = Vec::new();
    let default = site
        .locales
        .get(site.default_locale)
        .map(|l| l.tag.as_str())
        .unwrap_or("");
    for file in files {
        let shown = file.display().to_string();
        let abs = std::fs::canonicalize(file).or_else(|_| std::fs::canonicalize(root.join(file)));
        let Ok(abs) = abs else {
            refused.push(format!("cannot find `{shown}`\nhint: give the path of a translation, e.g. `content/ja-JP/guide/install.md`"));
            continue;
        };
        let Some(path) = site_path(root, &abs) else {
            refused.push(format!(
                "`{shown}` is not in the site's `content/` directory (`{}`)",
                root.join("content").display()
            ));
            continue;
        };
        let Some(file_id) = site.files.iter().position(|f| f.path == path) else {
            refused.push(format!(
                "`{path}` is not an article of the site\nhint: articles are `.md` files in `content/<locale>/`; a locale directory that is not a BCP 47 tag is not read"
            ));
            continue;
        };
        let Some(article) = site.article_of(file_id) else {
            refused.push(format!("`{path}` is an include fragment, not an article; stamp the articles that include it"));
            continue;
        };
        if translation::is_source(site, article) {
            refused.push(format!(
                "`{path}` is a source article (default locale `{default}`), not a translation\nhint: stamp the translations made from it, e.g. `content/<locale>/{}`",
                site.articles[article].rel
            ));
            continue;
        }
        let Some(src) = translation::source_of(site, article) else {
            refused.push(format!(
                "`{path}` has no source article: its translation group has none in the default locale `{default}`\nhint: give the source and the translation the same `ms.assetid`, or the same path"
            ));
            continue;
        };
        if parse_diags
            .iter()
            .any(|d| d.file == path && d.code == crate::diagnostic::Code::InvalidFrontmatter)
        {
            refused.push(format!("`{path}` has invalid frontmatter\nhint: `stele check` shows where; fix it, then stamp"));
            continue;
        }
        targets.push(StampTarget {
            abs,
            path,
            hash: translation::source_hash(translation::body(site, src)),
            source: site.files[site.articles[src].file].path.clone(),
        });
    }
    if !refused.is_empty() {
        let n = refused.len();
        bail!(
            "nothing was stamped: {} refused\nerror: {}",
            count(n, "file"),
            refused.join("\nerror: ")
        );
    }
    let mut lines = Vec::new();
    for t in targets {
        let bytes = std::fs::read(&t.abs).with_context(|| format!("cannot read `{}`", t.path))?;
        let (encoding, text) =
            Encoding::decode(&bytes).with_context(|| format!("cannot decode `{}`", t.path))?;
        let new_text =
            translation::set_frontmatter_key(&text, translation::SOURCE_HASH_KEY, &t.hash);
        if new_text == text {
            lines.push(format!(
                "`{}` is already stamped from `{}`",
                t.path, t.source
            ));
            continue;
        }
        write_atomic(&t.abs, &encoding.encode(&new_text))
            .with_context(|| format!("cannot write `{}`", t.path))?;
        lines.push(format!(
            "stamped `{}` with the hash of `{}`",
            t.path, t.source
        ));
    }
    Ok(lines)
}

/// The site-relative path (`content/ja-JP/a.md`) of an absolute path.
fn site_path(root: &Path, abs: &Path) -> Option<String> {
    let rel = abs.strip_prefix(root.join("content")).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| format!("content/{}", parts.join("/")))
}

/// How a file was encoded, so a rewrite keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8 { bom: bool },
    Utf16 { little_endian: bool },
}

impl Encoding {
    fn decode(bytes: &[u8]) -> Result<(Encoding, String)> {
        let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            Encoding::Utf8 { bom: true }
        } else if bytes.starts_with(&[0xFF, 0xFE]) {
            Encoding::Utf16 {
                little_endian: true,
            }
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            Encoding::Utf16 {
                little_endian: false,
            }
        } else {
            Encoding::Utf8 { bom: false }
        };
        let text = crate::discover::decode(bytes).map_err(|_| {
            anyhow::anyhow!("the file is not UTF-8 or UTF-16 with a byte-order mark")
        })?;
        Ok((encoding, text))
    }

    fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 { bom } => {
                let mut out = if bom {
                    vec![0xEF, 0xBB, 0xBF]
                } else {
                    Vec::new()
                };
                out.extend_from_slice(text.as_bytes());
                out
            }
            Encoding::Utf16 { little_endian } => {
                let mut out = if little_endian {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                };
                for u in text.encode_utf16() {
                    out.extend_from_slice(&if little_endian {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    });
                }
                out
            }
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// keeping the file's permissions.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().context("the file has no folder")?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".stele-stamp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Rendered;

    fn site(files: &[(&str, &str, &str)]) -> Site {
        crate::site::test_site(files)
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
