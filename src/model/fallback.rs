//! The fallback plan: with `missing_translations = "fallback"`, which
//! locale lacks which source article, and where the fallback page that
//! shows it there lives. Made once by `site::build`, read by the link
//! resolver (a link to a missing translation goes to the fallback page),
//! the sidebar and the language switcher (render), so body, sidebar and
//! switcher name the same URL. The sitemap lists real translations only, so
//! it lists none of these pages.
//!
//! Invariants: empty unless `missing_translations = "fallback"`; a
//! fallback page never takes the output path of an article; only sources
//! of the default locale fall back; pages are in group order, then locale
//! order.

use std::collections::{HashMap, HashSet};

use crate::config::MissingTranslations;
use crate::model::site::{ArticleId, Site};

/// A fallback page: the source article shown in a locale that lacks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FallbackPage {
    pub source: ArticleId,
    /// Position of the locale that lacks the article in `Site::locales`.
    pub locale: usize,
    /// Root-relative URL with the base path: `/ja-jp/guide/install/`.
    pub url: String,
    /// Output file: `ja-jp/guide/install/index.html`.
    pub out_path: String,
}

/// Every fallback page of the site, and the lookup by (source, locale).
#[derive(Clone, Debug, Default)]
pub struct FallbackPlan {
    pub pages: Vec<FallbackPage>,
    by_source: HashMap<(ArticleId, usize), usize>,
}

impl FallbackPlan {
    /// The plan of `site` (empty unless `missing_translations = "fallback"`).
    pub fn new(site: &Site) -> FallbackPlan {
        let mut pages = Vec::new();
        if site.config.missing_translations == MissingTranslations::Fallback
            && !site.locales.is_empty()
        {
            let taken: HashSet<&str> = site.articles.iter().map(|a| a.out_path.as_str()).collect();
            for (g, group) in site.groups.iter().enumerate() {
                // Only the source locale's article is shown in its stead,
                // never another translation.
                let Some(source) = site.x_default_source(g) else {
                    continue;
                };
                let src = &site.articles[source];
                let src_slug = &site.locales[src.locale].slug;
                let src_prefix = format!("{}/{src_slug}/", site.base_path);
                let Some(out_rest) = src.out_path.strip_prefix(&format!("{src_slug}/")) else {
                    continue;
                };
                let Some(url_rest) = src.url.strip_prefix(&src_prefix) else {
                    continue;
                };
                for (l, locale) in site.locales.iter().enumerate() {
                    if group.members.iter().any(|&m| site.articles[m].locale == l) {
                        continue;
                    }
                    let out_path = format!("{}/{out_rest}", locale.slug);
                    if taken.contains(out_path.as_str()) {
                        continue;
                    }
                    pages.push(FallbackPage {
                        source,
                        locale: l,
                        url: format!("{}/{}/{url_rest}", site.base_path, locale.slug),
                        out_path,
                    });
                }
            }
        }
        let by_source = pages
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.source, p.locale), i))
            .collect();
        FallbackPlan { pages, by_source }
    }

    /// The index in [`FallbackPlan::pages`] of the fallback page that shows
    /// `source` in `locale`, if there is one.
    pub fn index(&self, source: ArticleId, locale: usize) -> Option<usize> {
        self.by_source.get(&(source, locale)).copied()
    }

    /// The fallback page that shows `source` in `locale`, if there is one.
    pub fn page(&self, source: ArticleId, locale: usize) -> Option<&FallbackPage> {
        self.index(source, locale).map(|i| &self.pages[i])
    }
}
