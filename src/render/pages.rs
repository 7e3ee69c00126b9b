//! The page views: article, fallback, locale index, root language chooser,
//! 404, and what they share (alternates, the language switcher, dates).

#[allow(unused_imports)]
use super::*;
use crate::markdown::{Clip, clip};

pub(super) fn toc(headings: &[Heading]) -> Vec<TocItem> {
    let mut out: Vec<TocItem> = Vec::new();
    for h in headings.iter().filter(|h| h.level == 2 || h.level == 3) {
        let item = TocItem {
            id: h.id.clone(),
            text: h.text.clone(),
            children: Vec::new(),
        };
        match (h.level, out.last_mut()) {
            (3, Some(parent)) => parent.children.push(item),
            _ => out.push(item),
        }
    }
    out
}

/// At most 300 characters, cut at a word where possible.
pub(super) fn clip_description(s: &str) -> String {
    clip(s, 300, Clip::Description)
}

impl<'a> Ctx<'a> {
    /// A previous/next link: the article's TOC name, else its title.
    pub(super) fn pager_link(&self, article: Option<ArticleId>) -> Option<PagerLink> {
        let a = article?;
        let title = toc_nav::name_of(&self.toc, a)
            .map(str::to_string)
            .unwrap_or_else(|| self.outputs[a].title.clone());
        Some(PagerLink {
            title,
            href: self.site.articles[a].url.clone(),
        })
    }

    pub(super) fn alternates(&self, group: usize) -> Vec<AlternateView> {
        let site = self.site;
        let mut out: Vec<AlternateView> = site.groups[group]
            .members
            .iter()
            .map(|&m| {
                let a = &site.articles[m];
                AlternateView {
                    hreflang: site.locales[a.locale].tag.clone(),
                    href: site.absolute_url(&a.url),
                }
            })
            .collect();
        if let Some(href) = site.x_default_href(group) {
            out.push(AlternateView {
                hreflang: "x-default".into(),
                href,
            });
        }
        out
    }

    /// The switcher: the group's translations, with the fallback page of
    /// `current` listed where the locale has one.
    /// The language switcher: the group's real translations, and on a
    /// fallback page the current locale's fallback page (from the plan).
    pub(super) fn languages(&self, group: usize, current: usize) -> Vec<LanguageView> {
        let site = self.site;
        let mut out = Vec::new();
        for (l, locale) in site.locales.iter().enumerate() {
            let url = match site.groups[group]
                .members
                .iter()
                .find(|&&m| site.articles[m].locale == l)
            {
                Some(&m) => site.articles[m].url.clone(),
                None if l == current => match site.fallback.page(site.x_default(group), l) {
                    Some(p) => p.url.clone(),
                    None => continue,
                },
                None => continue,
            };
            out.push(LanguageView {
                tag: locale.tag.clone(),
                name: locale.name.clone(),
                href: url,
                current: l == current,
            });
        }
        out
    }

    pub(super) fn date_view(&self, lui: &LocaleUi<'_>, article: ArticleId) -> Option<DateView> {
        let fm = &self.site.frontmatter[self.site.articles[article].file];
        let d = fm.date().ok().flatten()?;
        Some(DateView {
            iso: d.iso(),
            text: lui.date(d),
        })
    }

    pub(super) fn description(&self, article: ArticleId) -> Option<String> {
        let fm = &self.site.frontmatter[self.site.articles[article].file];
        fm.description()
            .or_else(|| {
                Some(self.outputs[article].rendered.summary.clone())
                    .filter(|s| !s.trim().is_empty())
            })
            .map(|s| clip_description(&s))
    }

    pub(super) fn link(&self, article: ArticleId, text: &str) -> String {
        let a = &self.site.articles[article];
        let tag = &self.site.locales[a.locale].tag;
        format!(
            "<a href=\"{}\" hreflang=\"{tag}\">{}</a>",
            escape(&a.url),
            escape(text)
        )
    }

    pub(super) fn time(&self, lui: &LocaleUi<'_>, d: Date) -> String {
        format!(
            "<time datetime=\"{}\">{}</time>",
            d.iso(),
            escape(&lui.date(d))
        )
    }

    pub(super) fn article_view(&self, i: ArticleId) -> PageView<'_> {
        let site = self.site;
        let a = &site.articles[i];
        let locale = &site.locales[a.locale];
        let lc = &self.locales[a.locale];
        let out = &self.outputs[i];
        let source = site.translation(i, site.default_locale).filter(|&s| s != i);

        let mut notices = Vec::new();
        if self.states[i].machine {
            let mut html = escape(&lc.ui.text("mt-notice"));
            // Link to the original only when there is one: the default
            // locale's article may itself be a translation (orphan groups).
            if let Some(s) = crate::model::translation::source_of(site, i) {
                let name = lc.ui.language_name(&site.locales[site.articles[s].locale]);
                let text = lc
                    .ui
                    .message("mt-notice-link", &[("language", &name)])
                    .unwrap_or(name);
                html.push(' ');
                html.push_str(&self.link(s, &text));
            }
            notices.push(NoticeView {
                class: "stele-mt-notice",
                html,
            });
        }
        if let Freshness::Stale { source_changed } = &self.states[i].freshness {
            let mut html = match source_changed {
                Some(d) => lc
                    .ui
                    .html("stale-notice-date", &[("date", self.time(&lc.ui, *d))]),
                None => escape(&lc.ui.text("stale-notice")),
            };
            if let Some(s) = source {
                html.push(' ');
                html.push_str(&self.link(s, &lc.ui.text("stale-notice-link")));
            }
            notices.push(NoticeView {
                class: "stele-stale-notice",
                html,
            });
        }

        let sxs = match (self.mode, source) {
            (Mode::Serve, Some(s)) => Some(self.sxs_view(lc, s, i)),
            _ => None,
        };

        PageView {
            kind: "article",
            lang: locale.tag.clone(),
            dir: locale.dir.as_str(),
            title: out.title.clone(),
            description: self.description(i),
            canonical: Some(site.absolute_url(&a.url)),
            alternates: self.alternates(a.group),
            languages: self.languages(a.group, a.locale),
            home: lc.home.clone(),
            nav: self.article_sidebar(i),
            breadcrumb: toc_nav::breadcrumb(
                &self.toc,
                i,
                &out.title,
                (&lc.home, lc.ui.text("home")),
            )
            .unwrap_or_else(|| {
                lc.nav
                    .breadcrumb(&a.rel, &out.title, &lc.home, lc.ui.text("home"))
            }),
            prev: self.pager_link(self.toc.neighbours(i).0),
            next: self.pager_link(self.toc.neighbours(i).1),
            toc: toc(&out.rendered.headings),
            content: self.html(i),
            updated: self.date_view(&lc.ui, i),
            notices,
            sxs,
            ..Default::default()
        }
    }

    pub(super) fn fallback_view(&self, fb: &FallbackPage) -> PageView<'_> {
        let site = self.site;
        let src = &site.articles[fb.source];
        let src_locale = &site.locales[src.locale];
        let locale = &site.locales[fb.locale];
        let lc = &self.locales[fb.locale];
        let out = &self.outputs[fb.source];
        let notice = lc.ui.html(
            "fallback-notice",
            &[
                ("language", escape(&lc.ui.language_name(locale))),
                ("source", escape(&lc.ui.language_name(src_locale))),
            ],
        );
        PageView {
            kind: "fallback",
            lang: locale.tag.clone(),
            dir: locale.dir.as_str(),
            title: out.title.clone(),
            description: self.description(fb.source),
            canonical: Some(site.absolute_url(&src.url)),
            alternates: self.alternates(src.group),
            languages: self.languages(src.group, fb.locale),
            home: lc.home.clone(),
            nav: self.sidebar(fb.locale, &src.rel, &fb.url),
            breadcrumb: lc
                .nav
                .breadcrumb(&src.rel, &out.title, &lc.home, lc.ui.text("home")),
            toc: toc(&out.rendered.headings),
            content: self.html(fb.source),
            content_lang: Some(src_locale.tag.clone()),
            content_dir: Some(src_locale.dir.as_str()),
            updated: self.date_view(&lc.ui, fb.source),
            notices: vec![NoticeView {
                class: "stele-fallback-notice",
                html: notice,
            }],
            ..Default::default()
        }
    }

    pub(super) fn locale_links(&self) -> Vec<LocaleLink> {
        self.site
            .locales
            .iter()
            .enumerate()
            .map(|(l, locale)| LocaleLink {
                tag: locale.tag.clone(),
                name: locale.name.clone(),
                href: self.locales[l].home.clone(),
                dir: locale.dir.as_str(),
            })
            .collect()
    }

    pub(super) fn locale_index_view(&self, l: usize) -> PageView<'_> {
        let site = self.site;
        let locale = &site.locales[l];
        let lc = &self.locales[l];
        let home = |i: usize| self.locales[i].home.clone();
        PageView {
            kind: "locale-index",
            lang: locale.tag.clone(),
            dir: locale.dir.as_str(),
            title: format!("{} ({})", site.config.title, locale.name),
            canonical: Some(site.absolute_url(&lc.home)),
            alternates: site
                .locales
                .iter()
                .enumerate()
                .map(|(i, x)| AlternateView {
                    hreflang: x.tag.clone(),
                    href: site.absolute_url(&home(i)),
                })
                .chain(std::iter::once(AlternateView {
                    hreflang: "x-default".into(),
                    // The source locale's start page, else the language chooser.
                    href: site.absolute_url(&match site.source_locale {
                        Some(s) => home(s),
                        None => format!("{}/", site.base_path),
                    }),
                }))
                .collect(),
            languages: site
                .locales
                .iter()
                .enumerate()
                .map(|(i, x)| LanguageView {
                    tag: x.tag.clone(),
                    name: x.name.clone(),
                    href: home(i),
                    current: i == l,
                })
                .collect(),
            home: lc.home.clone(),
            nav: self.sidebar(l, "", &lc.home),
            index: lc.nav.view(None),
            ..Default::default()
        }
    }

    pub(super) fn root_view(&self) -> PageView<'_> {
        let site = self.site;
        let d = &site.locales[site.default_locale];
        let locales = self.locale_links();
        let script: Vec<serde_json::Value> = locales
            .iter()
            .map(|l| serde_json::json!({ "tag": l.tag.to_ascii_lowercase(), "href": l.href }))
            .collect();
        let script_locales = serde_json::to_string(&script)
            .unwrap_or_else(|_| "[]".into())
            .replace('<', "\\u003c");
        PageView {
            kind: "root",
            lang: d.tag.clone(),
            dir: d.dir.as_str(),
            title: site.config.title.clone(),
            canonical: Some(site.absolute_url(&format!("{}/", site.base_path))),
            home: self.locales[site.default_locale].home.clone(),
            locales,
            script_locales,
            ..Default::default()
        }
    }

    pub(super) fn not_found_view(&self) -> PageView<'_> {
        let site = self.site;
        let d = &site.locales[site.default_locale];
        PageView {
            kind: "not-found",
            lang: d.tag.clone(),
            dir: d.dir.as_str(),
            title: self.locales[site.default_locale].ui.text("not-found-title"),
            home: self.locales[site.default_locale].home.clone(),
            locales: self.locale_links(),
            ..Default::default()
        }
    }
}

pub(super) fn home_url(site: &Site, locale: &Locale) -> String {
    format!("{}/{}/", site.base_path, locale.slug)
}
