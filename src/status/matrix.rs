//! The translation matrix: one row per translation group, one cell per
//! locale, with per-locale summaries, and its JSON form (docs/STATUS.md).

#[allow(unused_imports)]
use super::*;

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
    /// A translation of the external source (`source_locale` is not in
    /// `content/`): its source is elsewhere, not missing.
    External,
    /// No article, and none expected (the group has no source).
    Absent,
}

impl CellState {
    /// The word in the human table.
    pub(super) fn label(self) -> &'static str {
        match self {
            CellState::Source => "source",
            CellState::Current => "ok",
            CellState::Stale => "stale",
            CellState::Unknown => "?",
            CellState::Missing => "missing",
            CellState::Orphan => "orphan",
            CellState::External => "ext",
            CellState::Absent => "·",
        }
    }

    /// Whether a translator has something to do here.
    pub(super) fn needs_work(self) -> bool {
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
    /// Translations of the external source (`source_locale` outside `content/`).
    pub external: usize,
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
    /// `source_locale` from stele.toml when it has no folder in `content/`:
    /// every locale holds translations of a source published elsewhere.
    pub external_source: Option<String>,
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
pub(super) fn percent(x: usize, of: usize) -> Option<f64> {
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
        let external_source = site
            .config
            .source_locale
            .clone()
            .filter(|_| site.source_locale.is_none());
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
                    } else if source.is_none() && external_source.is_some() {
                        (CellState::External, None)
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
                    CellState::External => s.external += 1,
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
            external_source,
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
    pub(super) fn unknown_by_basis(&self) -> (usize, usize, usize) {
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
