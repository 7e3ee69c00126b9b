//! The translation state of every article: machine-translated or not,
//! up to date with its source or stale. Used by the render stage (notices
//! on pages) and by `stele status`.
//!
//! A translation can say what it was made from in two ways:
//!
//! - **`source_hash`** (stele's own): `source_hash: blake3:<64 hex digits>`,
//!   the [`source_hash`] of the source article's body when the translation
//!   was finished (`stele status --stamp FILE…` writes it). Stale when the
//!   current source hashes differently.
//! - **`ms.sourcegitcommit`** (Microsoft Docs): the commit of the source
//!   repository the translation was made from. Stale when the source file
//!   changed in a later commit; the commits are looked up by
//!   [`crate::read::history::load`] and handed in as a [`History`].
//!
//! Hugo sites write the commit as `default_lang_commit` (read the same
//! way), and `drifted_from_default: true` makes a translation stale
//! whatever it records.
//!
//! When a translation has both, `source_hash` decides.
//!
//! Invariants: pure; a source article (default locale) is never stale; the
//! state of article `i` is `states[i]`.

use std::collections::BTreeMap;

use crate::model::site::{ArticleId, Site};
use crate::read::frontmatter::{Date, Frontmatter};
use crate::read::history::{
    Change, DRIFTED_KEY, HUGO_COMMIT_KEY, History, SOURCE_COMMIT_KEY, SOURCE_HASH_KEY,
};

/// The prefix of a `source_hash` value: the algorithm.
pub const HASH_PREFIX: &str = "blake3:";

/// Whether a translation still matches its source.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Freshness {
    /// The translation was made from the current source.
    Current,
    /// The source changed after the translation was made.
    Stale {
        /// When the source changed, when known: the date of the source's
        /// latest commit (for `ms.sourcegitcommit`, of the latest one after
        /// the translation's), else the source's `ms.date`.
        source_changed: Option<Date>,
    },
    /// No way to tell (no `source_hash`, no `ms.sourcegitcommit` with git history),
    /// or the article is a source.
    Unknown,
}

/// The translation state of one article.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ArticleState {
    /// `ms.translationtype: MT` or `machine_translated: true`.
    pub machine: bool,
    pub freshness: Freshness,
}

/// What a translation's freshness is judged by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// `source_hash` in the frontmatter.
    SourceHash,
    /// `ms.sourcegitcommit` in the frontmatter.
    GitCommit,
    /// Neither.
    None,
}

/// Whether the frontmatter marks an article as machine-translated.
pub fn is_machine_translated(fm: &Frontmatter) -> bool {
    let mt = fm
        .get_str("ms.translationtype")
        .is_some_and(|v| v.eq_ignore_ascii_case("MT"));
    let flag = matches!(
        fm.data.get("machine_translated"),
        Some(serde_json::Value::Bool(true))
    ) || fm
        .get_str("machine_translated")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    mt || flag
}

/// Whether the frontmatter says the article is a translation of something
/// else: `ms.translationtype` (MT or HT), `machine_translated: true`,
/// `source_hash` or `ms.sourcegitcommit`. Such an article is never a source,
/// even in the default locale (the seeds site has only translations).
pub fn declares_translation(fm: &Frontmatter) -> bool {
    fm.get_str("ms.translationtype").is_some()
        || is_machine_translated(fm)
        || fm.get_str(SOURCE_HASH_KEY).is_some()
        || source_commit(fm).is_some()
}

/// The source commit a translation names: `ms.sourcegitcommit`, else
/// `default_lang_commit`.
pub fn source_commit(fm: &Frontmatter) -> Option<String> {
    fm.get_str(SOURCE_COMMIT_KEY)
        .or_else(|| fm.get_str(HUGO_COMMIT_KEY))
}

/// `drifted_from_default: true`.
pub fn is_drifted(fm: &Frontmatter) -> bool {
    match fm.data.get(DRIFTED_KEY) {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// Whether an article is a source: in the source locale (the default
/// locale, unless the source lives outside `content/`) and not itself
/// declared a translation.
pub fn is_source(site: &Site, article: ArticleId) -> bool {
    let a = &site.articles[article];
    // On a site whose source lives elsewhere nothing here is a source.
    Some(a.locale) == site.source_locale && !declares_translation(&site.frontmatter[a.file])
}

/// The source article a translation was made from: the source of its
/// translation group. `None` for sources and orphans.
pub fn source_of(site: &Site, article: ArticleId) -> Option<ArticleId> {
    if site.articles[article].locale == site.default_locale {
        return None;
    }
    let g = &site.groups[site.articles[article].group];
    g.members
        .iter()
        .copied()
        .find(|&m| m != article && is_source(site, m))
}

/// What the freshness of a translation is judged by.
pub fn basis(fm: &Frontmatter) -> Basis {
    if fm.get_str(SOURCE_HASH_KEY).is_some() {
        Basis::SourceHash
    } else if source_commit(fm).is_some() {
        Basis::GitCommit
    } else {
        Basis::None
    }
}

/// The body of an article: its file's text after the frontmatter.
pub fn body(site: &Site, article: ArticleId) -> &str {
    let file = site.articles[article].file;
    let text = &site.files[file].text;
    text.get(site.frontmatter[file].body_start..).unwrap_or("")
}

/// The `source_hash` of a source article's body (the file's decoded text
/// after the closing `---` of the frontmatter, or the whole text without
/// frontmatter; BOM removed): BLAKE3 of its UTF-8 bytes after replacing
/// every CRLF and every lone CR with LF, written `blake3:` + 64 lower-case
/// hex digits. Editing only the frontmatter of the source does not make its
/// translations stale; any change to the body, whitespace included, does.
pub fn source_hash(body: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    let mut rest = body;
    while let Some(i) = rest.find('\r') {
        hasher.update(&rest.as_bytes()[..i]);
        hasher.update(b"\n");
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    hasher.update(rest.as_bytes());
    format!("{HASH_PREFIX}{}", hasher.finalize().to_hex())
}

/// The state of every article, indexed like `site.articles`.
pub fn states(site: &Site, history: &History) -> Vec<ArticleState> {
    // Hash each source once, however many translations it has.
    let mut hashes: BTreeMap<ArticleId, String> = BTreeMap::new();
    site.articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let fm = &site.frontmatter[a.file];
            let freshness = match source_of(site, i) {
                None => Freshness::Unknown,
                Some(src) => {
                    let hash = hashes
                        .entry(src)
                        .or_insert_with(|| source_hash(body(site, src)));
                    freshness(site, history, fm, src, hash)
                }
            };
            ArticleState {
                machine: is_machine_translated(fm),
                freshness,
            }
        })
        .collect()
}

/// The freshness of a translation with frontmatter `fm` against its source
/// `src`, whose current hash is `hash`.
fn freshness(
    site: &Site,
    history: &History,
    fm: &Frontmatter,
    src: ArticleId,
    hash: &str,
) -> Freshness {
    let src_path = &site.files[site.articles[src].file].path;
    let src_date = || {
        site.frontmatter[site.articles[src].file]
            .date()
            .ok()
            .flatten()
    };
    if is_drifted(fm) {
        return Freshness::Stale {
            source_changed: history.last_change.get(src_path).copied().or_else(src_date),
        };
    }
    match basis(fm) {
        Basis::SourceHash => {
            let recorded = fm.get_str(SOURCE_HASH_KEY).unwrap_or_default();
            if !recorded.starts_with(HASH_PREFIX) {
                return Freshness::Unknown;
            }
            if recorded.eq_ignore_ascii_case(hash) {
                Freshness::Current
            } else {
                let changed = history.last_change.get(src_path).copied().or_else(src_date);
                Freshness::Stale {
                    source_changed: changed,
                }
            }
        }
        Basis::GitCommit => {
            let commit = source_commit(fm).unwrap_or_default();
            match history.changed_after(&commit, src_path) {
                Change::Changed(date) => Freshness::Stale {
                    source_changed: date.or_else(src_date),
                },
                Change::Unchanged => Freshness::Current,
                // Unknown commit, or no repository to ask.
                Change::Unknown => Freshness::Unknown,
            }
        }
        Basis::None => Freshness::Unknown,
    }
}

/// The frontmatter text with `key: value` set, everything else kept byte
/// for byte: the last top-level line of `key` is replaced (its line ending
/// kept), else the line is inserted before the closing `---` with the line
/// ending of the opening `---`; a text without frontmatter gets one.
/// `text` is the decoded file (BOM removed). `value` must be a plain YAML
/// scalar (no `:`-space, no leading quote); [`source_hash`] values are.
pub fn set_frontmatter_key(text: &str, key: &str, value: &str) -> String {
    let Some(first_end) = text.find('\n') else {
        return with_new_frontmatter(text, key, value, "\n");
    };
    let eol = if text[..first_end].ends_with('\r') {
        "\r\n"
    } else {
        "\n"
    };
    if text[..first_end].trim_end() != "---" {
        return with_new_frontmatter(text, key, value, "\n");
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    let mut last_key_line: Option<(usize, usize)> = None;
    let mut close: Option<usize> = None;
    for line in text[yaml_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == "---" || content.trim_end() == "..." {
            close = Some(offset);
            break;
        }
        if is_key_line(content, key) {
            last_key_line = Some((offset, offset + content.len()));
        }
        offset += line.len();
    }
    let Some(close) = close else {
        return with_new_frontmatter(text, key, value, eol);
    };
    let new_line = format!("{key}: {value}");
    match last_key_line {
        Some((start, end)) => format!("{}{new_line}{}", &text[..start], &text[end..]),
        None => {
            // The line before the closing `---` may lack a line ending only
            // if it is the opening line itself, which ends with one.
            format!("{}{new_line}{eol}{}", &text[..close], &text[close..])
        }
    }
}

/// Whether a YAML line is the top-level `key:` (optionally quoted).
fn is_key_line(line: &str, key: &str) -> bool {
    let unquoted = ['"', '\''].iter().find_map(|q| {
        line.strip_prefix(*q)
            .and_then(|r| r.strip_prefix(key))
            .and_then(|r| r.strip_prefix(*q))
    });
    let rest = unquoted.or_else(|| line.strip_prefix(key));
    rest.is_some_and(|r| r.trim_start_matches([' ', '\t']).starts_with(':'))
}

fn with_new_frontmatter(text: &str, key: &str, value: &str, eol: &str) -> String {
    format!("---{eol}{key}: {value}{eol}---{eol}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn site(files: &[(&str, &str, &str)]) -> Site {
        crate::model::site::test_site(files)
    }

    fn state_of(s: &Site, states: &[ArticleState], locale: &str, rel: &str) -> ArticleState {
        let l = s.locale_index(locale).unwrap();
        states[s.article_at(l, rel).unwrap()].clone()
    }

    #[test]
    fn hash_is_blake3_of_the_body_with_normalised_line_endings() {
        let h = source_hash("# A\n\ntext\n");
        assert_eq!(h, source_hash("# A\r\n\r\ntext\r\n"));
        assert_eq!(h, source_hash("# A\r\rtext\r"));
        assert_ne!(h, source_hash("# A\n\ntext \n"));
        // The documented definition, computed independently.
        assert_eq!(
            h,
            format!("blake3:{}", blake3::hash(b"# A\n\ntext\n").to_hex())
        );
        assert_eq!(h.len(), "blake3:".len() + 64);
    }

    #[test]
    fn source_hash_current_and_stale() {
        let body = "# Install\n\nRun it.\n";
        let good = source_hash(body);
        let s = site(&[
            (
                "en-US",
                "a.md",
                &format!("---\nms.date: 5/2/2016\n---\n{body}"),
            ),
            (
                "ja-JP",
                "a.md",
                &format!("---\nsource_hash: {good}\n---\n# インストール\n"),
            ),
            (
                "de-DE",
                "a.md",
                "---\nsource_hash: blake3:00\n---\n# Installieren\n",
            ),
            (
                "fr-FR",
                "a.md",
                "---\nsource_hash: md5:00\n---\n# Installer\n",
            ),
            ("it-IT", "a.md", "# Installare\n"),
        ]);
        let states = states(&s, &History::default());
        assert_eq!(
            state_of(&s, &states, "en-US", "a.md").freshness,
            Freshness::Unknown
        );
        assert_eq!(
            state_of(&s, &states, "ja-JP", "a.md").freshness,
            Freshness::Current
        );
        assert_eq!(
            state_of(&s, &states, "de-DE", "a.md").freshness,
            // Without git, the source's ms.date.
            Freshness::Stale {
                source_changed: Some(Date {
                    year: 2016,
                    month: 5,
                    day: 2
                })
            }
        );
        assert_eq!(
            state_of(&s, &states, "fr-FR", "a.md").freshness,
            Freshness::Unknown
        );
        assert_eq!(
            state_of(&s, &states, "it-IT", "a.md").freshness,
            Freshness::Unknown
        );
    }

    #[test]
    fn source_frontmatter_edits_do_not_make_translations_stale() {
        let body = "# A\n";
        let s = site(&[
            (
                "en-US",
                "a.md",
                &format!("---\ntitle: New title\nms.date: 1/1/2030\n---\n{body}"),
            ),
            (
                "ja-JP",
                "a.md",
                &format!("---\nsource_hash: {}\n---\n# A\n", source_hash(body)),
            ),
        ]);
        assert_eq!(
            state_of(&s, &states(&s, &History::default()), "ja-JP", "a.md").freshness,
            Freshness::Current
        );
    }

    #[test]
    fn git_commit_uses_the_history() {
        let s = site(&[
            ("en-US", "a.md", "# A\n"),
            ("en-US", "b.md", "# B\n"),
            (
                "ja-JP",
                "a.md",
                "---\nms.sourcegitcommit: AAAA1111\nms.translationtype: MT\n---\n# A\n",
            ),
            (
                "ja-JP",
                "b.md",
                "---\nms.sourcegitcommit: aaaa1111\n---\n# B\n",
            ),
            (
                "de-DE",
                "a.md",
                "---\nms.sourcegitcommit: bbbb2222\n---\n# A\n",
            ),
            (
                "it-IT",
                "a.md",
                "---\nms.sourcegitcommit: cccc3333\n---\n# A\n",
            ),
        ]);
        let d = Date {
            year: 2024,
            month: 3,
            day: 1,
        };
        let mut history = History::default();
        history.available = true;
        // Newest first: a commit after aaaa1111 changed a; an older one changed b.
        history.add_touch(Some(d), &["content/en-US/a.md".into()]);
        history.add_touch(
            Some(Date {
                year: 2023,
                month: 1,
                day: 1,
            }),
            &["content/en-US/b.md".into(), "content/en-US/a.md".into()],
        );
        history.add_named("aaaa1111", Some(vec![true, false]));
        history.add_named("bbbb2222", None);
        let states = states(&s, &history);
        let ja_a = state_of(&s, &states, "ja-JP", "a.md");
        assert_eq!(
            ja_a.freshness,
            Freshness::Stale {
                source_changed: Some(d)
            }
        );
        assert!(ja_a.machine);
        assert_eq!(
            state_of(&s, &states, "ja-JP", "b.md").freshness,
            Freshness::Current
        );
        // Unknown commit, and a commit the loader did not look up.
        assert_eq!(
            state_of(&s, &states, "de-DE", "a.md").freshness,
            Freshness::Unknown
        );
        assert_eq!(
            state_of(&s, &states, "it-IT", "a.md").freshness,
            Freshness::Unknown
        );

        // An uncommitted edit of b's source: changed, date unknown (no ms.date).
        history.uncommitted.insert("content/en-US/b.md".into());
        let st = super::states(&s, &history);
        assert_eq!(
            state_of(&s, &st, "ja-JP", "b.md").freshness,
            Freshness::Stale {
                source_changed: None
            }
        );
        // A source git does not track has no history.
        history.tracked = Some(BTreeSet::from(["content/en-US/b.md".to_string()]));
        let st = super::states(&s, &history);
        assert_eq!(
            state_of(&s, &st, "ja-JP", "a.md").freshness,
            Freshness::Unknown
        );
        assert_eq!(
            state_of(&s, &st, "ja-JP", "b.md").freshness,
            Freshness::Stale {
                source_changed: None
            }
        );
    }

    #[test]
    fn source_hash_wins_over_the_commit() {
        let s = site(&[
            ("en-US", "a.md", "# A\n"),
            (
                "ja-JP",
                "a.md",
                &format!(
                    "---\nms.sourcegitcommit: aaaa\nsource_hash: {}\n---\n",
                    source_hash("# A\n")
                ),
            ),
        ]);
        let mut history = History::default();
        history.add_touch(
            Some(Date {
                year: 2024,
                month: 1,
                day: 1,
            }),
            &["content/en-US/a.md".into()],
        );
        history.add_named("aaaa", Some(vec![true]));
        assert_eq!(
            state_of(&s, &states(&s, &history), "ja-JP", "a.md").freshness,
            Freshness::Current
        );
    }

    #[test]
    fn default_locale_translations_are_not_sources() {
        // Like the seeds site: no en-US, every article a translation.
        let s = site(&[
            (
                "it-IT",
                "a.md",
                "---\nms.translationtype: MT\nms.assetid: X\n---\n",
            ),
            (
                "ja-JP",
                "a.md",
                "---\nms.translationtype: MT\nms.assetid: X\n---\n",
            ),
        ]);
        assert_eq!(s.locales[s.default_locale].tag, "it-IT");
        for i in 0..s.articles.len() {
            assert!(!is_source(&s, i));
            assert_eq!(source_of(&s, i), None);
        }
        let st = states(&s, &History::default());
        // Both say they are machine translations, so both carry the notice
        // (without a link to an original: there is none).
        assert!(st[0].machine && st[1].machine);
    }

    #[test]
    fn set_key_replaces_only_that_line() {
        let text = "---\ntitle: A\nsource_hash: blake3:old\nms.date: 1/1/2020\n---\n# Body\n";
        assert_eq!(
            set_frontmatter_key(text, "source_hash", "blake3:new"),
            "---\ntitle: A\nsource_hash: blake3:new\nms.date: 1/1/2020\n---\n# Body\n"
        );
        // Quoted key, CRLF kept.
        let text = "---\r\n'source_hash': x\r\n---\r\nB";
        assert_eq!(
            set_frontmatter_key(text, "source_hash", "v"),
            "---\r\nsource_hash: v\r\n---\r\nB"
        );
        // Nested or look-alike keys are left alone.
        let text = "---\nx:\n  source_hash: a\nsource_hashes: b\n---\n";
        assert_eq!(
            set_frontmatter_key(text, "source_hash", "v"),
            "---\nx:\n  source_hash: a\nsource_hashes: b\nsource_hash: v\n---\n"
        );
    }

    #[test]
    fn set_key_inserts_before_the_closing_line() {
        assert_eq!(
            set_frontmatter_key("---\r\ntitle: A\r\n---\r\nB\r\n", "k", "v"),
            "---\r\ntitle: A\r\nk: v\r\n---\r\nB\r\n"
        );
        assert_eq!(
            set_frontmatter_key("---\n---\n", "k", "v"),
            "---\nk: v\n---\n"
        );
        assert_eq!(
            set_frontmatter_key("---\ntitle: A\n...\nB", "k", "v"),
            "---\ntitle: A\nk: v\n...\nB"
        );
        // No frontmatter, or an unclosed one: a new block on top.
        assert_eq!(
            set_frontmatter_key("# B\n", "k", "v"),
            "---\nk: v\n---\n# B\n"
        );
        assert_eq!(set_frontmatter_key("", "k", "v"), "---\nk: v\n---\n");
    }
}
