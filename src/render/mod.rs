//! Render stage: every page of the site from the model, the rendered
//! articles and their translation states, through the Tera templates of the
//! theme with UI strings from [`crate::render::ui`].
//!
//! Pages: one per article; in `missing_translations = "fallback"` sites a
//! fallback page per missing translation; a locale index where a locale has
//! no `index.md`; the root language chooser; `404.html`; `sitemap.xml`; the
//! theme's assets under `_stele/`.
//!
//! Invariants: pure; templates see only the view structs of this module,
//! never model types; pages are rendered in parallel and returned in a fixed
//! order, so the output is byte-identical on one thread or many; a template
//! that fails is a `template-error` diagnostic for that page, never a panic;
//! hreflang alternates and the sitemap list real translations only.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use anyhow::{Context as _, bail};
use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::links::Resolver;
use crate::diagnostic::{Code, Diagnostic};
use crate::html::escape;
use crate::locale::Locale;
use crate::markdown::ArticleOutput;
use crate::markdown::Heading;
use crate::model::fallback::FallbackPage;
use crate::model::site::{ArticleId, Site};
use crate::model::translation::{ArticleState, Freshness};
use crate::read::frontmatter::Date;
use crate::read::history::History;
use crate::render::ui::{LocaleUi, Ui};

mod key;
mod nav;
mod pages;
pub mod redirect;
mod sitemap;
mod sxs;
mod theme;
mod toc_nav;
pub mod ui;
mod view;

#[allow(unused_imports)]
use self::{key::*, nav::*, pages::*, sitemap::*, sxs::*, theme::*, view::*};
pub use key::{PageFn, render_direct};
pub use theme::{ASSET_DIR, TEMPLATES, Theme};

/// Whether pages are built for publishing or for `stele serve` (which adds
/// the side-by-side view and keeps machine-translation originals).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Build,
    Serve,
}

/// A file of the output, relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a [`PageProducer`] sees: the build once the render stage is done.
pub struct Finished<'a> {
    pub site: &'a Site,
    pub resolver: &'a Resolver<'a>,
    pub outputs: &'a [ArticleOutput],
    pub states: &'a [ArticleState],
    pub history: &'a History,
}

/// Makes pages beside the render stage's own from the finished build: the
/// redirect pages, the status page (later the search index). The pipeline
/// takes a list of them (`pipeline::PAGE_PRODUCERS`) and appends their pages
/// in the list's order.
pub type PageProducer = fn(&Finished<'_>) -> Vec<Page>;
// ---------------------------------------------------------------------------
// The render stage.

/// What one locale needs for every page in it.
struct LocaleCtx<'u> {
    ui: LocaleUi<'u>,
    /// The UI strings as a template value.
    t: tera::Value,
    nav: LocaleNav,
    /// The UI strings' hash, for the keys of pages.
    t_hash: blake3::Hash,
    /// The sidebar rendered once per folder that holds a page, with its hash.
    sidebars: HashMap<String, Arc<(String, blake3::Hash)>>,
    home: String,
}

enum Job {
    Article(ArticleId),
    /// Indexes `site.fallback.pages`.
    Fallback(usize),
    LocaleIndex(usize),
    Root,
    NotFound,
}

struct Ctx<'a> {
    site: &'a Site,
    outputs: &'a [ArticleOutput],
    states: &'a [ArticleState],
    theme: &'a Theme,
    mode: Mode,
    site_view: SiteView,
    locales: Vec<LocaleCtx<'a>>,
    /// The hash of each article's HTML, when a key needs it.
    html_hashes: Vec<OnceLock<blake3::Hash>>,
    /// The DocFX TOCs, resolved.
    toc: crate::model::toc::Navigation,
}

/// Renders every page of the site.
pub fn render_site(
    site: &Site,
    outputs: &[ArticleOutput],
    states: &[ArticleState],
    theme: &Theme,
    ui: &Ui,
    mode: Mode,
) -> (Vec<Page>, Vec<Diagnostic>) {
    render_site_with(site, outputs, states, theme, ui, mode, &render_direct)
}

/// [`render_site`] with every template rendering going through `render`.
pub fn render_site_with(
    site: &Site,
    outputs: &[ArticleOutput],
    states: &[ArticleState],
    theme: &Theme,
    ui: &Ui,
    mode: Mode,
    render: &PageFn<'_>,
) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut ctx = Ctx::new(site, outputs, states, theme, ui, mode);
    let mut diags = ctx.render_sidebars(render);
    let mut jobs: Vec<Job> = (0..site.articles.len()).map(Job::Article).collect();
    jobs.extend((0..ctx.site.fallback.pages.len()).map(Job::Fallback));
    let homes: HashSet<String> = site
        .articles
        .iter()
        .map(|a| a.out_path.clone())
        .chain(ctx.site.fallback.pages.iter().map(|f| f.out_path.clone()))
        .collect();
    for (l, locale) in site.locales.iter().enumerate() {
        if !homes.contains(&format!("{}/index.html", locale.slug)) {
            jobs.push(Job::LocaleIndex(l));
        }
    }
    if !site.locales.is_empty() {
        jobs.push(Job::Root);
        jobs.push(Job::NotFound);
    }

    let rendered: Vec<Result<Page, Diagnostic>> =
        jobs.par_iter().map(|j| ctx.render_job(j, render)).collect();
    let mut pages = Vec::with_capacity(rendered.len() + theme.assets.len() + 1);
    for r in rendered {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => diags.push(d),
        }
    }
    let locale_indexes: Vec<usize> = jobs
        .iter()
        .filter_map(|j| {
            if let Job::LocaleIndex(l) = j {
                Some(*l)
            } else {
                None
            }
        })
        .collect();
    if !site.locales.is_empty() {
        pages.push(Page {
            path: "sitemap.xml".into(),
            bytes: sitemap(site, &locale_indexes).into_bytes(),
        });
    }
    for (name, bytes) in &theme.assets {
        pages.push(Page {
            path: format!("{ASSET_DIR}/{name}"),
            bytes: bytes.clone(),
        });
    }
    (pages, diags)
}

impl<'a> Ctx<'a> {
    fn new(
        site: &'a Site,
        outputs: &'a [ArticleOutput],
        states: &'a [ArticleState],
        theme: &'a Theme,
        ui: &'a Ui,
        mode: Mode,
    ) -> Ctx<'a> {
        let site_view = SiteView {
            title: site.config.title.clone(),
            base_path: site.base_path.clone(),
            assets: format!("{}/{ASSET_DIR}", site.base_path),
            serve: mode == Mode::Serve,
        };

        let mut entries: Vec<Vec<NavEntry>> = site.locales.iter().map(|_| Vec::new()).collect();
        for (i, a) in site.articles.iter().enumerate() {
            entries[a.locale].push(NavEntry {
                rel: a.rel.clone(),
                title: outputs[i].title.clone(),
                url: a.url.clone(),
                weight: site.frontmatter[a.file].weight(),
                lang: None,
            });
        }
        for f in &site.fallback.pages {
            let src = &site.articles[f.source];
            entries[f.locale].push(NavEntry {
                rel: src.rel.clone(),
                title: outputs[f.source].title.clone(),
                url: f.url.clone(),
                weight: site.frontmatter[src.file].weight(),
                lang: Some(site.locales[src.locale].tag.clone()),
            });
        }
        let locales = site
            .locales
            .iter()
            .zip(entries)
            .map(|(l, e)| {
                let lui = ui.locale(&l.tag);
                let all = lui.all();
                // Of the sorted map: a `tera::Value` map iterates in no fixed order.
                let t_hash = blake3::hash(&serde_json::to_vec(&all).unwrap_or_default());
                let t = tera::Value::from_serializable(&all);
                LocaleCtx {
                    ui: lui,
                    t,
                    t_hash,
                    nav: LocaleNav::build(e),
                    sidebars: HashMap::new(),
                    home: home_url(site, l),
                }
            })
            .collect();
        let html_hashes = outputs.iter().map(|_| OnceLock::new()).collect();
        let toc = if site.tocs.is_empty() {
            crate::model::toc::Navigation::default()
        } else {
            let resolver = crate::analyze::links::Resolver::new(site);
            crate::model::toc::navigate(site, &|l, rel, href| resolver.toc_target(l, rel, href))
        };
        Ctx {
            toc,
            site,
            outputs,
            states,
            theme,
            mode,
            site_view,
            locales,
            html_hashes,
        }
    }

    /// The key of a template rendering: everything the template sees.
    fn key(&self, template: &str, path: &str, locale: usize, view: &impl Hash) -> blake3::Hash {
        let mut h = Fingerprint(Vec::with_capacity(4096));
        h.write(self.theme.fingerprint.as_bytes());
        template.hash(&mut h);
        path.hash(&mut h);
        self.site_view.hash(&mut h);
        h.write(self.locales[locale].t_hash.as_bytes());
        view.hash(&mut h);
        h.finalize()
    }

    fn render_job(&self, job: &Job, render: &PageFn<'_>) -> Result<Page, Diagnostic> {
        let site = self.site;
        let (template, locale, view, path, file) = match job {
            Job::Article(i) => {
                let a = &site.articles[*i];
                (
                    "article.html",
                    a.locale,
                    self.article_view(*i),
                    a.out_path.clone(),
                    site.files[a.file].path.clone(),
                )
            }
            Job::Fallback(f) => {
                let fb = &self.site.fallback.pages[*f];
                let src = &site.articles[fb.source];
                (
                    "article.html",
                    fb.locale,
                    self.fallback_view(fb),
                    fb.out_path.clone(),
                    site.files[src.file].path.clone(),
                )
            }
            Job::LocaleIndex(l) => {
                let path = format!("{}/index.html", site.locales[*l].slug);
                (
                    "locale_index.html",
                    *l,
                    self.locale_index_view(*l),
                    path,
                    self.theme_file("locale_index.html"),
                )
            }
            Job::Root => {
                let d = site.default_locale;
                (
                    "root.html",
                    d,
                    self.root_view(),
                    "index.html".to_string(),
                    self.theme_file("root.html"),
                )
            }
            Job::NotFound => {
                let d = site.default_locale;
                (
                    "404.html",
                    d,
                    self.not_found_view(),
                    "404.html".to_string(),
                    self.theme_file("404.html"),
                )
            }
        };
        let key = || self.key(template, &path, locale, &view);
        let html = render(&key, Some(&path), &|| {
            let mut context = tera::Context::new();
            context.insert("site", &self.site_view);
            context.insert("page", &view);
            context.insert_value("t", self.locales[locale].t.clone());
            self.theme.tera.render(template, &context).map_err(|e| {
                template_error(&e, template, file.clone(), &format!("`{path}`"))
                    .with_locale(site.locales[locale].tag.clone())
            })
        })?;
        Ok(Page {
            path,
            bytes: html.into_bytes(),
        })
    }

    fn html(&self, article: ArticleId) -> Html<'_> {
        Html {
            text: &self.outputs[article].rendered.html,
            hash: &self.html_hashes[article],
        }
    }

    fn theme_file(&self, template: &str) -> String {
        format!("themes/{}/templates/{template}", self.site.config.theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use crate::pipeline::{self, Built, Inputs};
    use crate::read::discover::{Discovered, FileKind, SourceFile};

    fn inputs(files: &[(&str, &str, &str)], toml: &str, theme: Theme) -> Inputs {
        let config = Config::from_file(
            "/site".into(),
            Config::parse(toml).unwrap(),
            &Overrides::default(),
        )
        .unwrap();
        let sources: Vec<SourceFile> = files
            .iter()
            .map(|(locale, rel, text)| SourceFile {
                path: format!("content/{locale}/{rel}"),
                locale: locale.to_string(),
                rel: rel.to_string(),
                text: text.to_string(),
                kind: FileKind::Article,
            })
            .collect();
        let mut locales: Vec<String> = sources.iter().map(|f| f.locale.clone()).collect();
        locales.sort();
        locales.dedup();
        let counts: Vec<(String, usize)> = locales
            .iter()
            .map(|l| (l.clone(), sources.iter().filter(|f| &f.locale == l).count()))
            .collect();
        let default_locale = crate::model::site::choose_default_locale(&config, &counts);
        Inputs {
            config,
            discovered: Discovered {
                locales,
                sources,
                ..Default::default()
            },
            default_locale,
            theme,
            ui_sources: Ui::embedded_sources(),
            code: Default::default(),
            history: Default::default(),
        }
    }

    fn page<'b>(built: &'b Built, path: &str) -> &'b str {
        let p = built
            .pages
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| {
                panic!(
                    "no page `{path}` in {:?}",
                    built.pages.iter().map(|p| &p.path).collect::<Vec<_>>()
                )
            });
        std::str::from_utf8(&p.bytes).unwrap()
    }

    const EN: &str = "---\ntitle: Install\nms.assetid: install\nms.date: 5/2/2016\n---\n# Install\n\nIntro.\n\n## <a name=\"req\"></a>Requirements\n\nText.\n\n## Steps\n\nMore.\n";
    const JA: &str = "---\ntitle: インストール\nms.assetid: install\nms.translationtype: MT\n---\n# インストール\n\n<span data-ttu-id=\"1\">はじめに。</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Intro.</span></span>\n\n## 要件\n\nテキスト。\n\n## 手順\n\n続き。\n";
    const AR: &str = "---\ntitle: التثبيت\nms.assetid: install\nms.translationtype: HT\n---\n# التثبيت\n\nمقدمة.\n";

    #[test]
    fn output_is_identical_on_one_thread_and_many() {
        let mut files: Vec<(String, String, String)> = Vec::new();
        for locale in ["en-US", "ja-JP", "ar-SA"] {
            for i in 0..40 {
                let dir = ["a", "b/c", "b", ""][i % 4];
                let rel = if dir.is_empty() {
                    format!("p{i}.md")
                } else {
                    format!("{dir}/p{i}.md")
                };
                files.push((
                    locale.into(),
                    rel,
                    format!("---\ntitle: Page {i}\nweight: {}\nms.date: 2020-01-{:02}\n---\n# Page {i}\n\n## Part\n\nText {locale}.\n", 40 - i, i % 28 + 1),
                ));
            }
        }
        let refs: Vec<(&str, &str, &str)> = files
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        let build = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                pipeline::run(inputs(
                    &refs,
                    "base_url = 'https://x.test/docs'",
                    Theme::embedded_default(),
                ))
            })
        };
        let one = build(1);
        let many = build(4);
        assert!(one.pages.len() > 120, "{}", one.pages.len());
        assert_eq!(one.pages, many.pages);
        // Sidebar order: weight first (p39 has the smallest weight).
        let html = page(&one, "en-us/p3/index.html");
        let html = &html[html.find("<nav id=\"stele-nav\"").unwrap()..];
        let first = html.find("/docs/en-us/p39/").unwrap();
        let later = html.find("/docs/en-us/p3/").unwrap();
        assert!(first < later);
        // The sidebar is rendered once per folder; each page's own link is
        // the one marked current.
        for a in &one.site.articles {
            let html = page(&one, &a.out_path);
            let nav = &html[html.find("<nav id=\"stele-nav\"").unwrap()..];
            assert_eq!(
                nav.matches("aria-current=\"page\"").count(),
                1,
                "{}",
                a.out_path
            );
            assert!(
                nav.contains(&format!("href=\"{}\" aria-current=\"page\"", a.url)),
                "{}",
                a.out_path
            );
        }
    }

    #[test]
    fn article_pages_carry_alternates_notices_and_dates() {
        let built = pipeline::run(inputs(
            &[
                ("en-US", "guide/install.md", EN),
                ("ja-JP", "guide/install.md", JA),
                ("ar-SA", "guide/install.md", AR),
            ],
            "base_url = 'https://docs.example.com'",
            Theme::embedded_default(),
        ));
        let ja = page(&built, "ja-jp/guide/install/index.html");
        assert!(ja.contains("<html lang=\"ja-JP\" dir=\"ltr\">"));
        assert!(ja.contains("<div class=\"stele-notice stele-mt-notice\" role=\"note\">"));
        assert!(
            ja.contains(
                "<a href=\"/en-us/guide/install/\" hreflang=\"en-US\">英語の原文を読む</a>"
            ),
            "{ja}"
        );
        assert!(ja.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://docs.example.com/en-us/guide/install/\">"));
        assert!(ja.contains("aria-current=\"page\">日本語</a>"));
        assert!(!ja.contains("sxs-lookup"), "build mode strips originals");
        assert!(!ja.contains("stele-sxs"), "no side-by-side in build mode");
        let ar = page(&built, "ar-sa/guide/install/index.html");
        assert!(ar.contains("<html lang=\"ar-SA\" dir=\"rtl\">"));
        assert!(
            !ar.contains("stele-mt-notice"),
            "HT articles carry no notice"
        );
        let en = page(&built, "en-us/guide/install/index.html");
        assert!(en.contains("<time datetime=\"2016-05-02\">May 2, 2016</time>"));
        assert!(
            en.contains("<li><a href=\"#req\">Requirements</a></li>"),
            "{en}"
        );
        assert!(!en.contains("stele-mt-notice"));
        let sitemap = page(&built, "sitemap.xml");
        assert_eq!(
            sitemap.matches("<loc>").count(),
            3 + 3,
            "3 articles and 3 locale indexes"
        );
        assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"ja-JP\" href=\"https://docs.example.com/ja-jp/guide/install/\"/>"));
        assert!(built.pages.iter().any(|p| p.path == "_stele/style.css"));
    }

    #[test]
    fn stale_translations_get_a_notice_with_the_date() {
        let built = pipeline::run(inputs(
            &[
                ("en-US", "install.md", EN),
                (
                    "de-DE",
                    "install.md",
                    "---\nms.assetid: install\n---\n# Installieren\n",
                ),
            ],
            "",
            Theme::embedded_default(),
        ));
        let mut states = built.states.clone();
        let de = built
            .site
            .articles
            .iter()
            .position(|a| a.rel == "install.md" && built.site.locales[a.locale].tag == "de-DE")
            .unwrap();
        states[de].freshness = Freshness::Stale {
            source_changed: Some(Date {
                year: 2024,
                month: 3,
                day: 9,
            }),
        };
        let (ui, _) = Ui::from_sources(&Ui::embedded_sources());
        let (pages, diags) = render_site(
            &built.site,
            &built.outputs,
            &states,
            &Theme::embedded_default(),
            &ui,
            Mode::Build,
        );
        assert!(diags.is_empty());
        let html = String::from_utf8(
            pages
                .iter()
                .find(|p| p.path == "de-de/install/index.html")
                .unwrap()
                .bytes
                .clone(),
        )
        .unwrap();
        assert!(
            html.contains("<div class=\"stele-notice stele-stale-notice\" role=\"note\">Das Original dieses Artikels wurde am <time datetime=\"2024-03-09\">9. März 2024</time> geändert"),
            "{html}"
        );
        states[de].freshness = Freshness::Stale {
            source_changed: None,
        };
        let (pages, _) = render_site(
            &built.site,
            &built.outputs,
            &states,
            &Theme::embedded_default(),
            &ui,
            Mode::Build,
        );
        let html = String::from_utf8(
            pages
                .iter()
                .find(|p| p.path == "de-de/install/index.html")
                .unwrap()
                .bytes
                .clone(),
        )
        .unwrap();
        assert!(html.contains("stele-stale-notice\" role=\"note\">Das Original dieses Artikels wurde nach der Übersetzung geändert."));
    }

    #[test]
    fn fallback_pages_for_missing_translations() {
        let files = [
            ("en-US", "guide/install.md", EN),
            ("en-US", "index.md", "# Home\n"),
            ("ja-JP", "index.md", "# ホーム\n"),
        ];
        let omit = pipeline::run(inputs(&files, "", Theme::embedded_default()));
        assert!(
            !omit
                .pages
                .iter()
                .any(|p| p.path == "ja-jp/guide/install/index.html")
        );
        let built = pipeline::run(inputs(
            &files,
            "missing_translations = 'fallback'\nbase_url = 'https://d.test'",
            Theme::embedded_default(),
        ));
        let html = page(&built, "ja-jp/guide/install/index.html");
        assert!(html.contains("<html lang=\"ja-JP\" dir=\"ltr\">"));
        assert!(html.contains("<div class=\"stele-notice stele-fallback-notice\" role=\"note\">この記事はまだ日本語に翻訳されていません。英語の原文を表示しています。</div>"), "{html}");
        assert!(html.contains("<div class=\"stele-content\" lang=\"en-US\" dir=\"ltr\">"));
        assert!(
            html.contains("<link rel=\"canonical\" href=\"https://d.test/en-us/guide/install/\">")
        );
        assert!(
            !html.contains("hreflang=\"ja-JP\" href=\"https://d.test/ja-jp/guide/install/\""),
            "hreflang lists real translations only"
        );
        assert!(html.contains("<a class=\"stele-lang\" hreflang=\"ja-JP\" lang=\"ja-JP\" href=\"/ja-jp/guide/install/\" aria-current=\"page\">"));
        assert!(html.contains("このページの内容"), "localized chrome");
        let sitemap = page(&built, "sitemap.xml");
        assert!(!sitemap.contains("/ja-jp/guide/install/"), "{sitemap}");
        // The fallback page is listed in the locale's navigation.
        assert!(
            html.contains(
                "<a href=\"/ja-jp/guide/install/\" aria-current=\"page\" lang=\"en-US\">Install</a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn serve_mode_shows_source_beside_translation() {
        let built = pipeline::run(inputs(
            &[("en-US", "install.md", EN), ("ja-JP", "install.md", JA)],
            "",
            Theme::embedded_default(),
        ));
        let mut outputs = built.outputs.clone();
        let ja = built
            .site
            .articles
            .iter()
            .position(|a| built.site.locales[a.locale].tag == "ja-JP")
            .unwrap();
        let keep = crate::markdown::RenderOptions {
            mt_originals: crate::markdown::MtOriginals::Keep,
            ..crate::markdown::RenderOptions::default()
        };
        let body = &JA[JA.find("\n---\n").unwrap() + 5..];
        outputs[ja].rendered = crate::markdown::render(body, &|_, _| None, keep);
        let states = built.states.clone();
        let (ui, _) = Ui::from_sources(&Ui::embedded_sources());
        let (pages, diags) = render_site(
            &built.site,
            &outputs,
            &states,
            &Theme::embedded_default(),
            &ui,
            Mode::Serve,
        );
        assert!(diags.is_empty());
        let html = String::from_utf8(
            pages
                .iter()
                .find(|p| p.path == "ja-jp/install/index.html")
                .unwrap()
                .bytes
                .clone(),
        )
        .unwrap();
        assert!(html.contains("<body class=\"stele stele-serve\">"));
        assert!(
            html.contains(
                "<button type=\"button\" class=\"stele-sxs-toggle\" aria-pressed=\"false\""
            )
        );
        assert!(html.contains("<script src=\"/_stele/serve.js\" defer></script>"));
        assert!(
            html.contains("class=\"sxs-lookup\""),
            "serve keeps originals"
        );
        assert!(html.contains("stele-originals-toggle"));
        let sxs = &html[html.find("<div id=\"stele-sxs\"").unwrap()..];
        // h1 section, two h2 sections: three rows, source first in each.
        assert_eq!(
            sxs.matches("<div class=\"stele-sxs-row\">").count(),
            3,
            "{sxs}"
        );
        assert_eq!(
            sxs.matches("<div class=\"stele-sxs-source\" lang=\"en-US\" dir=\"ltr\">")
                .count(),
            3
        );
        assert_eq!(
            sxs.matches("<div class=\"stele-sxs-translation\" lang=\"ja-JP\" dir=\"ltr\">")
                .count(),
            3
        );
        let req = sxs.find("Requirements").unwrap();
        let yoken = sxs.find("要件").unwrap();
        let steps = sxs.find("Steps").unwrap();
        assert!(
            req < yoken && yoken < steps,
            "rows pair sections by heading order"
        );
        // `#req` exists only in the source; slugs of translated headings are not flagged.
        assert!(
            sxs.contains("stele-sxs-missing-anchor\" data-anchor=\"req\""),
            "{sxs}"
        );
        assert!(!sxs.contains("data-anchor=\"steps\""), "{sxs}");
        // The English page has no toggle: it is the source.
        let en = String::from_utf8(
            pages
                .iter()
                .find(|p| p.path == "en-us/install/index.html")
                .unwrap()
                .bytes
                .clone(),
        )
        .unwrap();
        assert!(!en.contains("stele-sxs-toggle"));
    }

    #[test]
    fn template_errors_are_diagnostics() {
        let theme = Theme::from_files(vec![(
            "templates/article.html".into(),
            b"{{ page.no_such_field }}".to_vec(),
        )])
        .unwrap();
        let built = pipeline::run(inputs(&[("en-US", "a.md", "# A\n")], "", theme));
        let d: Vec<&Diagnostic> = built
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::TemplateError)
            .collect();
        assert_eq!(d.len(), 1, "{:?}", built.diagnostics);
        assert_eq!(d[0].file, "content/en-US/a.md");
        assert!(d[0].message.contains("article.html"), "{}", d[0].message);
        assert!(!built.pages.iter().any(|p| p.path == "en-us/a/index.html"));
        assert!(
            built.pages.iter().any(|p| p.path == "index.html"),
            "the rest of the site is rendered"
        );
    }

    #[test]
    fn default_theme_compiles_and_has_assets() {
        let theme = Theme::embedded_default();
        let names: Vec<&str> = theme.assets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["docfx.css", "serve.js", "style.css", "tabs.js"]);
    }

    /// Every `t["id"]` the default templates use is a message of en-US.ftl.
    #[test]
    fn template_message_ids_exist_in_en_us() {
        let (ui, diags) = Ui::from_sources(&Ui::embedded_sources());
        assert!(diags.is_empty());
        let ids = ui.fallback_ids();
        let mut used = Vec::new();
        for (name, text) in Theme::default_template_sources() {
            let mut rest = text;
            while let Some(p) = rest.find("t[") {
                rest = &rest[p + 2..];
                let quote = rest.chars().next().unwrap_or(' ');
                if quote != '"' && quote != '\'' {
                    continue;
                }
                let end = rest[1..].find(quote).expect("closed quote") + 1;
                used.push((name, rest[1..end].to_string()));
            }
        }
        assert!(used.len() >= 10, "found only {used:?}");
        for (name, id) in &used {
            assert!(
                ids.contains(id),
                "{name} uses `{id}`, which en-US.ftl lacks"
            );
        }
        // And the ids this module formats itself.
        for id in [
            "mt-notice",
            "mt-notice-link",
            "fallback-notice",
            "stale-notice",
            "stale-notice-date",
            "stale-notice-link",
            "sxs-source",
            "sxs-translation",
            "sxs-missing-anchor",
            "home",
            "not-found-title",
        ] {
            assert!(
                ids.contains(id),
                "render.rs uses `{id}`, which en-US.ftl lacks"
            );
        }
    }

    #[test]
    fn a_site_theme_overrides_per_file_and_broken_templates_are_errors() {
        let theme = Theme::from_files(vec![("static/extra.css".into(), b"x".to_vec())]).unwrap();
        assert_eq!(theme.assets.len(), 5);
        let err = Theme::from_files(vec![(
            "templates/article.html".into(),
            b"{% if %}".to_vec(),
        )]);
        assert!(err.is_err());
    }

    #[test]
    fn sections_split_at_headings() {
        let html = "<p>a</p><h2 id=\"x\">X</h2><p>b</p><h2 id=\"y\">Y</h2>";
        let h = |at: usize| Heading {
            level: 2,
            id: String::new(),
            text: String::new(),
            range: 0..0,
            html_start: at,
        };
        let parts = sections(html, &[h(8), h(html.find("<h2 id=\"y").unwrap())]);
        assert_eq!(
            parts,
            [
                "<p>a</p>",
                "<h2 id=\"x\">X</h2><p>b</p>",
                "<h2 id=\"y\">Y</h2>"
            ]
        );
        let missing: HashSet<String> = ["x".to_string()].into();
        let copy = sxs_copy(parts[1], &missing, "gone");
        assert!(copy.contains("data-sxs-id=\"x\""), "{copy}");
        assert!(copy.contains("stele-sxs-missing-anchor"), "{copy}");
        assert!(!copy.contains(" id="), "{copy}");
    }

    #[test]
    fn descriptions_are_clipped_at_a_word() {
        let long = "word ".repeat(100);
        let d = clip_description(&long);
        assert!(d.chars().count() <= 300 && d.ends_with("word…"), "{d}");
        assert_eq!(clip_description(" short "), "short");
    }
}
