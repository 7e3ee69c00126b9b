//! A readable first run: the human format shows at most
//! [`DEFAULT_MAX_PER_CODE`] diagnostics of each code, then a table of the
//! counts by code and locale and the next step. The machine formats (JSON,
//! GitHub, SARIF) are never limited.
//!
//! Invariants: pure; which diagnostics are shown depends only on their
//! sorted order (the first N of each code in file, line, column order);
//! the table lists codes in [`Code::ALL`] order and locales sorted, so it
//! is byte-identical for the same diagnostics.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Severity};

/// How many diagnostics of one code the human format shows by default.
pub const DEFAULT_MAX_PER_CODE: usize = 20;

/// How the human format limits its output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Every diagnostic (`--all`).
    All,
    /// At most this many of each code (`--max-per-code N`).
    PerCode(usize),
}

impl Default for Limit {
    fn default() -> Self {
        Limit::PerCode(DEFAULT_MAX_PER_CODE)
    }
}

/// The diagnostics to show (sorted input, sorted output) and how many of
/// each code were left out.
pub fn select<'a>(
    diags: &[&'a Diagnostic],
    limit: Limit,
) -> (Vec<&'a Diagnostic>, BTreeMap<Code, usize>) {
    let Limit::PerCode(max) = limit else {
        return (diags.to_vec(), BTreeMap::new());
    };
    let mut shown: BTreeMap<Code, usize> = BTreeMap::new();
    let mut hidden: BTreeMap<Code, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(diags.len().min(max * 8));
    for d in diags {
        let n = shown.entry(d.code).or_default();
        if *n < max {
            *n += 1;
            out.push(*d);
        } else {
            *hidden.entry(d.code).or_default() += 1;
        }
    }
    (out, hidden)
}

/// The table of counts by code and locale, and the next step. Empty when
/// there are fewer diagnostics than one screen holds and none was left out.
pub fn table(diags: &[&Diagnostic], hidden: &BTreeMap<Code, usize>) -> String {
    if diags.is_empty() || (hidden.is_empty() && diags.len() <= DEFAULT_MAX_PER_CODE) {
        return String::new();
    }
    let mut locales: Vec<String> = diags
        .iter()
        .map(|d| d.locale.clone().unwrap_or_else(|| "-".into()))
        .collect();
    locales.sort();
    locales.dedup();
    // (code, severity) → counts per locale.
    let mut rows: BTreeMap<(Code, Severity), BTreeMap<String, usize>> = BTreeMap::new();
    for d in diags {
        let l = d.locale.clone().unwrap_or_else(|| "-".into());
        *rows
            .entry((d.code, d.severity))
            .or_default()
            .entry(l)
            .or_default() += 1;
    }
    let code_w = rows
        .keys()
        .map(|(c, _)| c.as_str().len())
        .max()
        .unwrap_or(4)
        .max("code".len());
    let col_w: Vec<usize> = locales.iter().map(|l| l.chars().count().max(5)).collect();
    let mut out = String::new();
    out.push_str("diagnostics by code and locale:\n\n");
    let mut header = format!("  {:<code_w$}  {:<7}", "code", "level");
    for (l, w) in locales.iter().zip(&col_w) {
        header.push_str(&format!("  {l:>w$}"));
    }
    header.push_str(&format!("  {:>7}", "total"));
    out.push_str(header.trim_end());
    out.push('\n');
    let mut total_all = 0;
    for ((code, sev), counts) in &rows {
        let mut line = format!("  {:<code_w$}  {:<7}", code.as_str(), sev.as_str());
        let mut total = 0;
        for (l, w) in locales.iter().zip(&col_w) {
            let n = counts.get(l).copied().unwrap_or(0);
            total += n;
            let cell = if n == 0 { String::new() } else { n.to_string() };
            line.push_str(&format!("  {cell:>w$}"));
        }
        total_all += total;
        line.push_str(&format!("  {total:>7}"));
        out.push_str(&line);
        out.push('\n');
    }
    let shown_total: usize = total_all - hidden.values().sum::<usize>();
    out.push('\n');
    if !hidden.is_empty() {
        out.push_str(&format!(
            "{shown_total} of {total_all} diagnostics shown above (at most {} of each code); `--all` or `--max-per-code N` shows more, and `--format json|github|sarif` always lists every one\n\n",
            max_shown(hidden, diags)
        ));
    }
    // The next step: the codes with most diagnostics, as [check.levels] lines.
    let mut by_count: Vec<(Code, usize)> = rows
        .iter()
        .fold(BTreeMap::<Code, usize>::new(), |mut m, ((c, _), counts)| {
            *m.entry(*c).or_default() += counts.values().sum::<usize>();
            m
        })
        .into_iter()
        .collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.push_str("next: fix what is real; set the level of the rest with [check.levels] in stele.toml, for example\n\n  [check.levels]\n");
    for (code, _) in by_count.iter().take(3) {
        let level = match code.default_severity() {
            Severity::Error => "warning",
            Severity::Warning => "off",
        };
        out.push_str(&format!("  {} = \"{level}\"\n", code.as_str()));
    }
    out.push_str("\n(levels: \"error\", \"warning\", \"off\"; every code is explained in docs/DIAGNOSTICS.md)\n");
    out
}

/// The per-code maximum that was applied (the shown count of a code that
/// had some left out).
fn max_shown(hidden: &BTreeMap<Code, usize>, diags: &[&Diagnostic]) -> usize {
    hidden
        .iter()
        .next()
        .map(|(code, h)| diags.iter().filter(|d| d.code == *code).count() - h)
        .unwrap_or(DEFAULT_MAX_PER_CODE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(code: Code, file: &str, locale: Option<&str>) -> Diagnostic {
        let mut d = Diagnostic::new(code, file, "m");
        d.locale = locale.map(str::to_string);
        d
    }

    #[test]
    fn at_most_n_of_each_code_and_a_table() {
        let mut all = Vec::new();
        for i in 0..25 {
            all.push(d(
                Code::BrokenLink,
                &format!("content/ja-JP/{i:02}.md"),
                Some("ja-JP"),
            ));
        }
        for i in 0..3 {
            all.push(d(
                Code::BrokenAnchor,
                &format!("content/de-DE/{i}.md"),
                Some("de-DE"),
            ));
        }
        let refs: Vec<&Diagnostic> = all.iter().collect();
        let (shown, hidden) = select(&refs, Limit::PerCode(20));
        assert_eq!(shown.len(), 23);
        assert_eq!(hidden.get(&Code::BrokenLink), Some(&5));
        let t = table(&refs, &hidden);
        assert!(
            t.contains("  code           level    de-DE  ja-JP    total"),
            "{t}"
        );
        assert!(
            t.contains("  broken-link    error              25       25"),
            "{t}"
        );
        assert!(
            t.contains("  broken-anchor  error        3               3"),
            "{t}"
        );
        assert!(
            t.contains("23 of 28 diagnostics shown above (at most 20 of each code)"),
            "{t}"
        );
        assert!(t.contains("  broken-link = \"warning\""), "{t}");
        let (all_shown, none) = select(&refs, Limit::All);
        assert_eq!((all_shown.len(), none.len()), (28, 0));
    }

    #[test]
    fn no_table_for_a_few() {
        let all = [d(Code::BrokenLink, "content/en-US/a.md", Some("en-US"))];
        let refs: Vec<&Diagnostic> = all.iter().collect();
        let (_, hidden) = select(&refs, Limit::default());
        assert_eq!(table(&refs, &hidden), "");
    }
}
