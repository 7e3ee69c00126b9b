//! The human table of `stele status` (aligned, coloured on a terminal).

#[allow(unused_imports)]
use super::*;
pub(super) use crate::term::thousands;
use crate::term::{Digits, counted};

pub(super) fn pct(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "–".into())
}

/// `1 names`, `2,327 name`.
pub(super) fn verb(n: usize, singular: &str, plural: &str) -> String {
    counted(n, singular, plural, Digits::Grouped)
}

/// `1 article`, `2,331 articles`.
pub(super) fn count(n: usize, word: &str) -> String {
    counted(n, word, &format!("{word}s"), Digits::Grouped)
}

/// ANSI styles of the human table.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Bold,
    Green,
    Yellow,
    Red,
    Magenta,
    Dim,
}

impl Style {
    pub(super) fn of(state: CellState) -> Style {
        match state {
            CellState::Source => Style::Bold,
            CellState::Current => Style::Green,
            CellState::Stale => Style::Yellow,
            CellState::Unknown | CellState::Absent | CellState::External => Style::Dim,
            CellState::Missing => Style::Red,
            CellState::Orphan => Style::Magenta,
        }
    }

    pub(super) fn paint(self, text: &str, color: Color) -> String {
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
pub(super) fn table(
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
    if m.locales.is_empty() || m.groups == 0 {
        return write_nothing(out, m, color);
    }
    write_headline(out, m, color)?;
    writeln!(out)?;
    write_locales(out, m, color)?;
    write_work(out, m, color)?;
    write_unknown(out, m)
}

/// A site without locales or articles.
fn write_nothing(out: &mut dyn Write, m: &Matrix, color: Color) -> std::io::Result<()> {
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
    Ok(())
}

/// The first line: the default locale's sources, or why it has none.
fn write_headline(out: &mut dyn Write, m: &Matrix, color: Color) -> std::io::Result<()> {
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
    if let Some(source) = &m.external_source {
        let externals: usize = m.locales.iter().map(|l| l.external).sum();
        writeln!(
            out,
            "{}: translations of `{source}`, which is not in `content/` (`source_locale`): {} in {}, {}",
            Style::Bold.paint("external source", color),
            count(externals, "translation"),
            count(m.groups, "translation group"),
            count(m.locales.len(), "locale"),
        )?;
        writeln!(
            out,
            "  = coverage and freshness are measured against the source, which this site does not hold"
        )?;
    } else if m.source_articles == 0 {
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
                "  = hint: `{default}` was chosen because stele.toml sets no `default_locale` and the site has no `en-US`; add the source articles under `content/<locale>/` and set `default_locale`, or, when the source lives in another repository, set `source_locale` (e.g. `source_locale = \"en-US\"`)"
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
    Ok(())
}

/// The table of locales.
fn write_locales(out: &mut dyn Write, m: &Matrix, color: Color) -> std::io::Result<()> {
    let head = [
        "locale", "articles", "coverage", "words", "ok", "stale", "?", "missing", "orphan", "MT",
        "HT",
    ];
    let mut rows: Vec<Vec<(String, Style)>> =
        vec![head.iter().map(|h| (h.to_string(), Style::Bold)).collect()];
    for l in &m.locales {
        let n = |v: usize, s: Style| (thousands(v), if v == 0 { Style::Plain } else { s });
        if l.default && m.external_source.is_none() {
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
    Ok(())
}

/// The groups with missing, stale or orphan translations.
fn write_work(out: &mut dyn Write, m: &Matrix, color: Color) -> std::io::Result<()> {
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
    Ok(())
}

/// Why freshness is unknown, by what the translations record.
fn write_unknown(out: &mut dyn Write, m: &Matrix) -> std::io::Result<()> {
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
