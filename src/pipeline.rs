//! The pipeline that `build`, `check` and `serve` share: [`load`] reads
//! the disk, [`run`] produces every page and diagnostic. Pages go to the
//! [`Stages::sink`] as they are rendered (`stele build` writes them into
//! the output at once). `check` runs the same stages up to check and lint
//! and stops before the render stage ([`Through::Analyze`]), so the two
//! never disagree about content.

use anyhow::{Result, bail};
use rayon::prelude::*;

use crate::analyze::check;
use crate::analyze::links::Resolver;
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::include;
use crate::markdown::docfx::{self, Labels};
use crate::markdown::{self, ArticleOutput, Rendered};
use crate::model::site::{self, ArticleId, Site};
use crate::model::translation::{self, ArticleState};
use crate::output::Copy;
use crate::read::discover::{self, Discovered};
use crate::read::history::History;
use crate::render::ui::Ui;
use crate::render::{self, Page, Theme};
use crate::report::Summary;
use crate::status;

/// Everything read from disk for one build.
pub struct Inputs {
    pub config: Config,
    pub discovered: Discovered,
    pub default_locale: Option<String>,
    pub theme: Theme,
    /// (locale, file name, FTL text): stele's own, then the site's.
    pub ui_sources: Vec<(String, String, String)>,
    /// What git knows about the sources (`ms.sourcegitcommit`), read by
    /// [`crate::read::history::load`]; empty outside a git repository.
    pub history: History,
    /// Code files for DocFX snippets, read by [`discover::read_code_files`].
    pub code: discover::CodeFiles,
}

/// Reads the site from disk. `Err` for failures of the site as a whole
/// (no `content/`, a broken theme, an unknown `--locale`).
pub fn load(config: Config) -> Result<Inputs> {
    load_with(config, &discover::read_text)
}

/// [`load`] with the texts of Markdown files read through `text`
/// (`stele serve` passes its cache, [`crate::serve::incremental::Texts`]).
pub fn load_with(config: Config, text: &discover::TextFn<'_>) -> Result<Inputs> {
    let walk = discover::walk(&config)?;
    let default_locale = site::choose_default_locale(&config, &walk.article_counts());
    if let Some(d) = &config.default_locale {
        if !walk.locales.iter().any(|l| l == d) {
            bail!(
                "the default locale `{d}` from stele.toml has no directory in `content/`\nhint: create `content/{d}/` or change `default_locale`"
            );
        }
    }
    for l in &config.only_locales {
        if !walk.locales.iter().any(|x| x == l) {
            bail!(
                "no locale `{l}` in `content/`\nhint: the site has {}",
                walk.locales
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let only = config.only_locales.clone();
    let default = default_locale.clone();
    let keep = move |l: &str| {
        only.is_empty() || only.iter().any(|x| x == l) || default.as_deref() == Some(l)
    };
    let discovered = discover::read_with(walk, &keep, text);
    let theme = match discover::theme_files(&config)? {
        Some(files) => Theme::from_files(files)?,
        None if config.theme == "default" => Theme::embedded_default(),
        None => bail!(
            "theme `{}` not found\nhint: themes live in `themes/<name>/` under the site root; `default` is built in",
            config.theme
        ),
    };
    let mut ui_sources = Ui::embedded_sources();
    ui_sources.extend(discover::ui_files(&config)?);
    let history = crate::read::history::load(&config, &discovered, default_locale.as_deref());
    let code = discover::read_code_files(&discovered.statics);
    Ok(Inputs {
        config,
        discovered,
        default_locale,
        theme,
        ui_sources,
        history,
        code,
    })
}

/// The result of a build, before anything is written.
pub struct Built {
    pub site: Site,
    pub outputs: Vec<ArticleOutput>,
    pub pages: Vec<Page>,
    pub copies: Vec<Copy>,
    /// Sorted, with configured levels applied.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// External links found, as (article, link index) pairs.
    pub external: Vec<(usize, usize)>,
    /// The translation state of every article, indexed like `site.articles`.
    pub states: Vec<ArticleState>,
    /// What the search index holds (empty with `search = false`), indexed
    /// by `build` and `serve` ([`render::search::index`]), not by `check`.
    pub search_docs: Vec<render::search::Doc>,
}

/// The Markdown stage as a function: [`markdown::render`], or a cache of
/// it (`stele serve`'s incremental rebuilds). It must return what
/// `markdown::render` returns for the same arguments.
pub type MarkdownFn<'a> =
    dyn Fn(&str, &markdown::Rewrite, markdown::RenderOptions) -> Rendered + Sync + 'a;

/// The stages [`run_with`] takes as functions, so that `stele serve` can
/// pass caches of them ([`crate::serve::incremental`]).
pub struct Stages<'a> {
    pub frontmatter: &'a site::FrontmatterFn<'a>,
    pub markdown: &'a MarkdownFn<'a>,
    /// Every template rendering of the render stage ([`render::PageFn`]).
    pub render: &'a render::PageFn<'a>,
    /// The pages made beside the render stage's, in order
    /// ([`PAGE_PRODUCERS`]).
    pub producers: &'a [render::PageProducer],
    /// Where every page goes once made ([`render::PageSink`]): `stele build`
    /// writes it at once; the pages the sink keeps are [`Built::pages`].
    pub sink: &'a render::PageSink<'a>,
    /// The part of the site to render (`stele build --shard K/N`).
    pub shard: render::Shard,
    /// How far to run: `stele check` stops before the render stage.
    pub through: Through,
}

/// The last stage [`run_with`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Through {
    /// Every stage: the pages are made (`stele build`, `stele serve`).
    Render,
    /// Up to check and lint: no template is rendered and no page made
    /// (`stele check`); the diagnostics are those of the analysis stages,
    /// computed by the same code as the build's.
    Analyze,
}

/// The page producers of every build: redirect pages, then the status page
/// (when `status_page = true`).
pub const PAGE_PRODUCERS: &[render::PageProducer] = &[render::redirect::producer, status::page];

impl Stages<'static> {
    /// The stages themselves, uncached.
    pub fn direct() -> Stages<'static> {
        Stages {
            frontmatter: &crate::read::frontmatter::parse,
            markdown: &markdown::render,
            render: &render::render_direct,
            producers: PAGE_PRODUCERS,
            sink: &render::keep_pages,
            shard: render::Shard::ALL,
            through: Through::Render,
        }
    }
}

/// Runs every stage after discovery for `stele build` and `stele check`. Pure.
pub fn run(inputs: Inputs) -> Built {
    run_with(inputs, render::Mode::Build, &Stages::direct())
}

/// [`run`] with a render mode and the stage functions given (`stele serve`
/// passes [`render::Mode::Serve`] and its caches). Pure.
pub fn run_with(inputs: Inputs, mode: render::Mode, stages: &Stages<'_>) -> Built {
    let markdown = stages.markdown;
    let Inputs {
        config,
        discovered,
        default_locale,
        theme,
        ui_sources,
        history,
        code,
    } = inputs;
    // Serve keeps machine-translation originals for the side-by-side view.
    let mt_originals = if mode == render::Mode::Serve {
        markdown::MtOriginals::Keep
    } else {
        markdown::MtOriginals::Strip
    };
    let (site, mut diags) = site::build_with(
        &config,
        discovered,
        default_locale.as_deref(),
        stages.frontmatter,
    );
    let options = markdown::RenderOptions {
        mt_originals,
        heading_ids: heading_ids(&site),
        // Highlighting changes only the HTML of code, never links or
        // anchors: `stele check`, which writes no page, skips it.
        highlight: match stages.through {
            Through::Render => config.highlight,
            Through::Analyze => crate::config::Highlight::Off,
        },
    };
    let resolver = Resolver::new(&site);
    let (ui, ui_diags) = Ui::from_sources(&ui_sources);
    diags.extend(ui_diags);
    let labels = labels_of(&site, &ui);
    let dialect = Dialect::new(&site, &ui, &labels, &code, &theme, &config);
    diags.extend(ui.missing_strings(&site.locales));

    let processed: Vec<(ArticleOutput, Vec<Diagnostic>)> = (0..site.articles.len())
        .into_par_iter()
        .map(|i| process_article_with(&site, &resolver, i, markdown, options, &dialect))
        .collect();
    let mut outputs = Vec::with_capacity(processed.len());
    for (o, d) in processed {
        outputs.push(o);
        diags.extend(d);
    }

    let checked = check::check(&site, &outputs, &resolver);
    diags.extend(checked.diagnostics);
    diags.extend(crate::analyze::lint::lint(&site, &outputs));

    let states = translation::states(&site, &history);
    let shard = stages.shard;
    if !shard.has_site_wide() {
        // Shard 1 reports the diagnostics of the analysis; the others
        // report only what rendering their own pages finds.
        diags.clear();
    }
    let mut pages = Vec::new();
    if stages.through == Through::Render {
        let (kept, render_diags) = render::render_site_with(
            &site,
            &outputs,
            &states,
            &theme,
            &ui,
            mode,
            stages.render,
            shard,
            stages.sink,
        );
        pages = kept;
        diags.extend(render_diags);
        if shard.has_site_wide() {
            let mut produced = Vec::new();
            let finished = render::Finished {
                site: &site,
                resolver: &resolver,
                outputs: &outputs,
                states: &states,
                history: &history,
            };
            for produce in stages.producers {
                produced.extend(produce(&finished));
            }
            pages.extend(produced.into_iter().filter_map(stages.sink));
        }
    }
    // What search indexes: `build` indexes it (cli), `serve` after a
    // rebuild is served, `check` never. The index is site-wide: of all
    // articles, written by shard 1 only.
    let search_docs = if config.search == crate::config::Search::On
        && stages.through == Through::Render
        && shard.has_site_wide()
    {
        render::search::docs(&site, &outputs)
    } else {
        Vec::new()
    };

    let copies: Vec<Copy> = site
        .statics
        .iter()
        .filter(|_| stages.through == Through::Render && shard.has_site_wide())
        .filter_map(|s| {
            let l = site.locale_index(&s.locale)?;
            Some((s.abs.clone(), format!("{}/{}", site.locales[l].slug, s.rel)))
        })
        .collect();

    let diagnostics = apply_levels(&config, diags);
    let summary = Summary {
        errors: diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        warnings: diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        articles: site.articles.len(),
        links: checked.links,
    };
    Built {
        site,
        outputs,
        pages,
        copies,
        diagnostics,
        summary,
        external: checked.external,
        states,
        search_docs,
    }
}

/// What `stele status` needs: the site, its articles through include and
/// Markdown (word counts) and their translation states, without check,
/// render or diagnostics. Pure; the same stages as [`run`] up to Markdown,
/// so the numbers agree with the build's status page.
pub struct Analyzed {
    pub site: Site,
    pub outputs: Vec<ArticleOutput>,
    pub states: Vec<ArticleState>,
    pub history: History,
}

/// See [`Analyzed`].
pub fn analyze(inputs: Inputs) -> Analyzed {
    let Inputs {
        config,
        discovered,
        default_locale,
        history,
        ui_sources,
        code,
        theme,
        ..
    } = inputs;
    let (site, _) = site::build(&config, discovered, default_locale.as_deref());
    let resolver = Resolver::new(&site);
    let (ui, _) = Ui::from_sources(&ui_sources);
    let labels = labels_of(&site, &ui);
    let dialect = Dialect::new(&site, &ui, &labels, &code, &theme, &config);
    let outputs: Vec<ArticleOutput> = (0..site.articles.len())
        .into_par_iter()
        .map(|i| process_article(&site, &resolver, i, &dialect).0)
        .collect();
    let states = translation::states(&site, &history);
    Analyzed {
        site,
        outputs,
        states,
        history,
    }
}

/// Drops diagnostics configured `off`, sets configured severities, sorts.
pub fn apply_levels(config: &Config, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = diags
        .into_iter()
        .filter_map(|mut d| {
            d.severity = config.level(d.code)?;
            Some(d)
        })
        .collect();
    diagnostic::sort_dedup(&mut out);
    out
}

/// What the dialect pre-passes (DocFX extensions, Hugo shortcodes) need
/// besides the text: the labels of each site locale (in `site.locales`
/// order), the code files of snippets, the site's shortcode templates and
/// its `[params]`.
pub struct Dialect<'a> {
    pub labels: &'a [Labels],
    pub code: &'a discover::CodeFiles,
    pub shortcode_labels: Vec<markdown::shortcodes::Labels>,
    pub templates: &'a markdown::shortcodes::Templates,
    pub params: &'a serde_json::Map<String, serde_json::Value>,
}

impl<'a> Dialect<'a> {
    /// What the pre-passes need for `site`: `labels` from [`labels_of`],
    /// the snippets' code files, the theme's shortcodes, `[params]`.
    pub fn new(
        site: &Site,
        ui: &Ui,
        labels: &'a [Labels],
        code: &'a discover::CodeFiles,
        theme: &'a Theme,
        config: &'a Config,
    ) -> Dialect<'a> {
        Dialect {
            labels,
            code,
            shortcode_labels: site
                .locales
                .iter()
                .map(|l| shortcode_labels(&ui.locale(&l.tag)))
                .collect(),
            templates: &theme.shortcodes,
            params: &config.params,
        }
    }
}

/// The DocFX labels of every site locale, from its UI strings.
pub fn labels_of(site: &Site, ui: &Ui) -> Vec<Labels> {
    site.locales
        .iter()
        .map(|l| {
            let strings = ui.locale(&l.tag);
            Labels::from_fn(|id| strings.text(id))
        })
        .collect()
}

/// How the site's heading ids are made: `heading_ids` from stele.toml,
/// else Hugo's when the content is laid out for Hugo (`_index.md` folder
/// pages), else GitHub's.
pub fn heading_ids(site: &Site) -> markdown::HeadingIds {
    site.config.heading_ids.unwrap_or_else(|| {
        let hugo = site
            .articles
            .iter()
            .any(|a| a.rel.rsplit('/').next() == Some("_index.md"));
        if hugo {
            markdown::HeadingIds::Hugo
        } else {
            markdown::HeadingIds::Github
        }
    })
}

/// The labels of the built-in shortcodes in one locale.
pub fn shortcode_labels(ui: &crate::render::ui::LocaleUi<'_>) -> markdown::shortcodes::Labels {
    markdown::shortcodes::Labels {
        note: ui.text("alert-note"),
        tip: ui.text("alert-tip"),
        important: ui.text("alert-important"),
        warning: ui.text("alert-warning"),
        caution: ui.text("alert-caution"),
        tabs: ui.text("shortcode-tabs"),
        video: ui.text("video-title"),
        details: ui.text("shortcode-details"),
    }
}

/// Expands includes and renders one article.
pub fn process_article(
    site: &Site,
    resolver: &Resolver,
    i: ArticleId,
    dialect: &Dialect,
) -> (ArticleOutput, Vec<Diagnostic>) {
    process_article_with(
        site,
        resolver,
        i,
        &markdown::render,
        markdown::RenderOptions::default(),
        dialect,
    )
}

/// [`process_article`] with the Markdown stage given.
pub fn process_article_with(
    site: &Site,
    resolver: &Resolver,
    i: ArticleId,
    markdown: &MarkdownFn<'_>,
    options: markdown::RenderOptions,
    dialect: &Dialect,
) -> (ArticleOutput, Vec<Diagnostic>) {
    let article = &site.articles[i];
    let text = &site.files[article.file].text;
    let yaml_mime = discover::is_yaml_path(&article.rel)
        .then(|| discover::yaml_mime(text))
        .flatten();
    let (expanded, diags) = match yaml_mime {
        // A YAML page is its own text: no frontmatter, no includes.
        Some(_) => (
            include::Expanded {
                text: text.clone(),
                map: include::SourceMap {
                    segments: vec![include::Segment {
                        out_start: 0,
                        file: article.file,
                        src_start: 0,
                    }],
                },
            },
            Vec::new(),
        ),
        None => {
            let (expanded, mut diags) = include::expand(site, article.file);
            let default_labels = markdown::shortcodes::Labels::default();
            let context = markdown::shortcodes::Context {
                page: &site.frontmatter[article.file].data,
                site_params: dialect.params,
                labels: dialect
                    .shortcode_labels
                    .get(article.locale)
                    .unwrap_or(&default_labels),
                templates: dialect.templates,
                file_of: &|at| site.files[expanded.map.locate(at).0].rel.clone(),
            };
            let (shortcoded, findings) = markdown::shortcodes::expand(&expanded, &context);
            for f in findings {
                // Finding ranges are offsets of the pre-pass's input.
                diags.push(finding_diagnostic(site, &expanded.map, f));
            }
            let (expanded, findings) = expand_docfx(site, &shortcoded, article.locale, dialect);
            diags.extend(docfx::diagnostics(site, findings));
            (expanded, diags)
        }
    };
    let map = &expanded.map;
    let rewrite = |target: &str, range: std::ops::Range<usize>| {
        let (file, _) = map.locate(range.start);
        resolver.href(&resolver.resolve(i, file, target))
    };
    let rendered = match yaml_mime {
        Some(mime) => {
            // Includes named in Markdown values: the page's locale's, else the source locale's.
            let include = |path: &str| {
                let dir = article.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                let rel = include::join(dir, path.trim())?;
                let file = [Some(article.locale), site.fallback_locale(article.locale)]
                    .into_iter()
                    .flatten()
                    .find_map(|l| site.include_at(l, &rel))?;
                let fm = &site.frontmatter[file];
                Some(site.files[file].text[fm.body_start..].to_string())
            };
            markdown::yaml_pages::render(&expanded.text, mime, &rewrite, &include, options)
        }
        None => markdown(&expanded.text, &rewrite, options),
    };
    let title = article
        .title
        .clone()
        .or_else(|| {
            rendered
                .headings
                .first()
                .map(|h| h.text.clone())
                .filter(|t| !t.is_empty())
        })
        .unwrap_or_else(|| {
            let name = article.rel.rsplit('/').next().unwrap_or(&article.rel);
            site::page_stem(name).to_string()
        });
    (
        ArticleOutput {
            article: i,
            title,
            rendered,
            sources: expanded.map,
        },
        diags,
    )
}

/// The DocFX pre-pass of one article, with its locale's labels and code
/// files looked up relative to the file that holds the snippet (in the
/// article's locale, else the default locale's copy, as includes do).
fn expand_docfx(
    site: &Site,
    expanded: &include::Expanded,
    locale: usize,
    dialect: &Dialect,
) -> (include::Expanded, Vec<docfx::Finding>) {
    let english;
    let labels = match dialect.labels.get(locale) {
        Some(l) => l,
        None => {
            english = Labels::english();
            &english
        }
    };
    let code = |file: site::FileId, path: &str| -> Option<String> {
        let f = site.files.get(file)?;
        let base = f.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let raw = percent_encoding::percent_decode_str(path.trim()).decode_utf8_lossy();
        let rel = include::join(base, &raw)?;
        let here = site
            .locales
            .get(locale)
            .map(|l| l.tag.clone())
            .unwrap_or_default();
        let default = site
            .locales
            .get(site.default_locale)
            .map(|l| l.tag.clone())
            .unwrap_or_default();
        dialect
            .code
            .get(&(here, rel.clone()))
            .or_else(|| dialect.code.get(&(default, rel)))
            .cloned()
    };
    let ctx = docfx::Context {
        labels,
        code: &code,
    };
    docfx::expand(expanded, &ctx)
}

/// A pre-pass finding as a diagnostic at its file, line and column.
fn finding_diagnostic(
    site: &Site,
    map: &crate::include::SourceMap,
    f: markdown::shortcodes::Finding,
) -> Diagnostic {
    let (file, start) = map.locate(f.range.start);
    let (_, end) = map.locate(f.range.end.max(f.range.start + 1) - 1);
    let src = &site.files[file];
    let end = (end + 1).max(start).min(src.text.len());
    let start = start.min(end);
    let idx = diagnostic::LineIndex::new(&src.text);
    Diagnostic::new(f.code, src.path.clone(), f.message)
        .with_span(idx.span(&src.text, start..end))
        .with_hint(f.hint)
        .with_locale(src.locale.clone())
}
