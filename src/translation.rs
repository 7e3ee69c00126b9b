//! The translation state of every article: machine-translated or not,
//! up to date with its source or stale. Used by the render stage (notices
//! on pages) and by `stele status`.
//!
//! Invariants: pure; a source article (default locale) is never stale; the
//! state of article `i` is `states[i]`.

use crate::frontmatter::Date;
use crate::site::Site;

/// Whether a translation still matches its source.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Freshness {
    /// The translation was made from the current source.
    Current,
    /// The source changed after the translation was made.
    Stale {
        /// When the source changed, when known.
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

/// Whether the frontmatter marks an article as machine-translated.
pub fn is_machine_translated(fm: &crate::frontmatter::Frontmatter) -> bool {
    let mt = fm.get_str("ms.translationtype").is_some_and(|v| v.eq_ignore_ascii_case("MT"));
    let flag = matches!(fm.data.get("machine_translated"), Some(serde_json::Value::Bool(true)))
        || fm.get_str("machine_translated").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    mt || flag
}

/// The state of every article, indexed like `site.articles`.
/// Freshness is filled in by the staleness detection (source hashes, git).
pub fn states(site: &Site) -> Vec<ArticleState> {
    site.articles
        .iter()
        .map(|a| ArticleState {
            machine: a.locale != site.default_locale && is_machine_translated(&site.frontmatter[a.file]),
            freshness: Freshness::Unknown,
        })
        .collect()
}
