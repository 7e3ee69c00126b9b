//! The site model: locales, articles, include fragments, static files and
//! translation groups keyed by asset id.
//!
//! Invariants: `Site` is built once per build from the discovered files and
//! is read-only afterwards; articles are ordered by (locale order, path),
//! locales with the default locale first; every article belongs to exactly
//! one translation group, and a group holds at most one article per locale.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, LineIndex};
use crate::locale::{self, Locale};
use crate::model::fallback::FallbackPlan;
use crate::read::discover::{Discovered, FileKind, SourceFile, StaticFile};
use crate::read::frontmatter::{self, Frontmatter};

/// Index of a file in [`Site::files`].
pub type FileId = usize;
/// Index of an article in [`Site::articles`].
pub type ArticleId = usize;
/// Index of a group in [`Site::groups`].
pub type GroupId = usize;

/// A page of the site in one locale.
#[derive(Clone, Debug)]
pub struct Article {
    pub file: FileId,
    /// Position of its locale in [`Site::locales`].
    pub locale: usize,
    /// Path relative to the locale directory: `security/x.md`.
    pub rel: String,
    /// Root-relative URL with the base path: `/ja-jp/security/x/`.
    pub url: String,
    /// Output file relative to the output directory: `ja-jp/security/x/index.html`.
    pub out_path: String,
    /// Title from the frontmatter; the first heading is used when absent.
    pub title: Option<String>,
    /// The translation key, when the frontmatter has one.
    pub asset_id: Option<String>,
    pub group: GroupId,
}

/// What ties the translations of one article together.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKey {
    /// A shared asset id (`ms.assetid`, `translation_key`, …).
    AssetId(String),
    /// No asset id: the path relative to the locale directory.
    Path(String),
}

/// The translations of one article, at most one per locale.
#[derive(Clone, Debug)]
pub struct TranslationGroup {
    pub key: GroupKey,
    /// Articles ordered by locale order (default locale first).
    pub members: Vec<ArticleId>,
}

/// A moved article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedirectEntry {
    /// The locale it applies to; `None` for every locale.
    pub locale: Option<usize>,
    /// Old path relative to the locale directory (`guide/old.md`).
    pub from: String,
    /// New target: a path relative to the locale directory, a site path or a URL.
    pub to: String,
}

/// The whole site, read-only after [`build`].
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Default locale first, then by tag.
    pub locales: Vec<Locale>,
    /// Index into `locales`; always 0 when the site has a locale.
    pub default_locale: usize,
    /// The locale under `content/` that translations are made from and
    /// missing articles fall back to: the default locale, unless
    /// `source_locale` names a locale outside `content/` or the default
    /// locale's articles are themselves translations (a site of
    /// translations only). `None`: the source lives elsewhere.
    pub source_locale: Option<usize>,
    /// The DocFX tables of contents (`toc.yml`, `TOC.md`, breadcrumbs).
    pub tocs: Vec<crate::model::toc::TocFile>,
    pub files: Vec<SourceFile>,
    pub frontmatter: Vec<Frontmatter>,
    pub articles: Vec<Article>,
    pub groups: Vec<TranslationGroup>,
    pub statics: Vec<StaticFile>,
    /// Moved articles: from `stele.toml` and DocFX redirect maps.
    pub redirects: Vec<RedirectEntry>,
    /// URL path prefix from `base_url` (`/docs`), or empty.
    pub base_path: String,
    by_path: HashMap<(usize, String), ArticleId>,
    includes: HashMap<(usize, String), FileId>,
    statics_by_path: HashMap<(usize, String), usize>,
    article_of_file: HashMap<FileId, ArticleId>,
    /// The fallback pages of missing translations (`missing_translations =
    /// "fallback"`), for links, the sidebar and the language switcher.
    pub fallback: FallbackPlan,
}

impl Site {
    /// The locale of a tag or locale directory name, matched without
    /// regard to case (`content/pt-br/` is `pt-BR`).
    pub fn locale_index(&self, tag: &str) -> Option<usize> {
        self.locales.iter().position(|l| l.tag == tag).or_else(|| {
            self.locales
                .iter()
                .position(|l| l.tag.eq_ignore_ascii_case(tag))
        })
    }

    /// The text of every source file by site-relative path: what the
    /// report shows source lines from. The one such map (cli, serve).
    pub fn texts_by_path(&self) -> HashMap<&str, &str> {
        self.files
            .iter()
            .map(|f| (f.path.as_str(), f.text.as_str()))
            .collect()
    }

    /// The article at `rel` (relative to the locale directory) in a locale.
    pub fn article_at(&self, locale: usize, rel: &str) -> Option<ArticleId> {
        self.by_path.get(&(locale, rel.to_string())).copied()
    }

    /// The include fragment at `rel` in a locale.
    pub fn include_at(&self, locale: usize, rel: &str) -> Option<FileId> {
        self.includes.get(&(locale, rel.to_string())).copied()
    }

    /// The static file at `rel` in a locale.
    pub fn static_at(&self, locale: usize, rel: &str) -> Option<&StaticFile> {
        self.statics_by_path
            .get(&(locale, rel.to_string()))
            .map(|&i| &self.statics[i])
    }

    /// The article a file is, if it is one.
    pub fn article_of(&self, file: FileId) -> Option<ArticleId> {
        self.article_of_file.get(&file).copied()
    }

    /// The locale index of a file.
    pub fn file_locale(&self, file: FileId) -> usize {
        self.locale_index(&self.files[file].locale)
            .unwrap_or(self.default_locale)
    }

    /// The translation of `article` in `locale`, if any.
    pub fn translation(&self, article: ArticleId, locale: usize) -> Option<ArticleId> {
        self.groups[self.articles[article].group]
            .members
            .iter()
            .copied()
            .find(|&a| self.articles[a].locale == locale)
    }

    /// The article of the group that `x-default` pointed at before source
    /// locales: the default locale's, else the group's first.
    pub fn x_default(&self, group: GroupId) -> ArticleId {
        let g = &self.groups[group];
        g.members
            .iter()
            .copied()
            .find(|&a| self.articles[a].locale == self.default_locale)
            .unwrap_or(g.members[0])
    }

    /// The article of the group that `x-default` points at: the source
    /// locale's; `None` when the group has none (the source lives
    /// elsewhere, or this article was never written in it).
    pub fn x_default_source(&self, group: GroupId) -> Option<ArticleId> {
        let source = self.source_locale?;
        self.groups[group]
            .members
            .iter()
            .copied()
            .find(|&a| self.articles[a].locale == source)
    }

    /// Where `x-default` of a group goes: its source-locale article, else
    /// the page at the same path under `source_base_url`, else nowhere.
    pub fn x_default_href(&self, group: GroupId) -> Option<String> {
        if let Some(a) = self.x_default_source(group) {
            return Some(self.absolute_url(&self.articles[a].url));
        }
        if self.source_locale.is_some() {
            return None;
        }
        let base = self.config.source_base_url.as_deref()?;
        let first = *self.groups[group].members.first()?;
        Some(format!(
            "{base}{}",
            encode_path(&published_path(&self.config, &self.articles[first].rel))
        ))
    }

    /// The locale a page of `locale` falls back to for a missing article
    /// or include: the source locale, never another translation.
    pub fn fallback_locale(&self, locale: usize) -> Option<usize> {
        self.source_locale.filter(|&s| s != locale)
    }

    /// URL of a static file.
    pub fn static_url(&self, file: &StaticFile) -> String {
        let slug = self
            .locale_index(&file.locale)
            .map(|i| self.locales[i].slug.clone())
            .unwrap_or_default();
        format!("{}/{}/{}", self.base_path, slug, encode_path(&file.rel))
    }

    /// Absolute URL (with the host of `base_url`) of a root-relative URL.
    pub fn absolute_url(&self, url: &str) -> String {
        let base = &self.config.base_url;
        let host = base.strip_suffix(&self.base_path).unwrap_or(base);
        format!("{host}{url}")
    }
}

/// The path of an article on the site that publishes the source, without
/// leading slash or extension: a docset folder becomes its URL
/// (`Teams/x.md` → `microsoftteams/x` for the docset `/microsoftteams/`).
pub fn published_path(config: &Config, rel: &str) -> String {
    let (dir, _) = page_path(rel);
    let dir = dir.trim_end_matches('/');
    for d in &config.check.docsets {
        let folder = d.folder.trim_matches('/');
        let rest = if dir == folder {
            Some("")
        } else {
            dir.strip_prefix(folder).and_then(|r| r.strip_prefix('/'))
        };
        if let Some(rest) = rest {
            let url = d.url.trim_matches('/');
            return match (url.is_empty(), rest.is_empty()) {
                (true, _) => rest.to_string(),
                (false, true) => format!("{url}/"),
                (false, false) => format!("{url}/{rest}"),
            };
        }
    }
    dir.to_string()
}

/// Chooses the default locale: the configured one, else the configured
/// `source_locale` when it has a directory, else en-US or en, else the
/// locale with most articles (ties by tag).
pub fn choose_default_locale(config: &Config, counts: &[(String, usize)]) -> Option<String> {
    if let Some(tag) = &config.default_locale {
        return Some(tag.clone());
    }
    if let Some(tag) = &config.source_locale {
        if let Some((t, _)) = counts.iter().find(|(t, _)| t.eq_ignore_ascii_case(tag)) {
            return Some(t.clone());
        }
    }
    for pref in ["en-US", "en"] {
        if let Some((tag, _)) = counts.iter().find(|(t, _)| t.eq_ignore_ascii_case(pref)) {
            return Some(tag.clone());
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(t, _)| t.clone())
}

/// Percent-encodes what cannot stand in a URL path (spaces, `%`, `#`, `?`, …).
pub fn encode_path(path: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    utf8_percent_encode(path, PATH).to_string()
}

/// Where an article's page goes: (URL path below the locale, output file).
pub fn page_path(rel: &str) -> (String, String) {
    let stem = page_stem(rel);
    let dir = match stem.rsplit_once('/') {
        Some((dir, name)) if matches!(name, "index" | "_index" | "README") => format!("{dir}/"),
        None if matches!(stem, "index" | "_index" | "README") => String::new(),
        _ => format!("{stem}/"),
    };
    (dir.clone(), format!("{dir}index.html"))
}

/// A page's path without its extension (`.md`, and `.yml` for YAML pages).
pub fn page_stem(rel: &str) -> &str {
    for ext in [".md", ".MD", ".yml", ".yaml", ".YML"] {
        if let Some(s) = rel.strip_suffix(ext) {
            return s;
        }
    }
    rel
}

/// Builds the site model. `default_locale` comes from
/// [`choose_default_locale`].
pub fn build(
    config: &Config,
    discovered: Discovered,
    default_locale: Option<&str>,
) -> (Site, Vec<Diagnostic>) {
    build_with(config, discovered, default_locale, &frontmatter::parse)
}

/// The frontmatter stage as a function: [`frontmatter::parse`], or a cache
/// of it (`stele serve`). It must return what `frontmatter::parse` returns.
pub type FrontmatterFn<'a> = dyn Fn(&str, &str) -> (Frontmatter, Vec<Diagnostic>) + Sync + 'a;

/// [`build`] with the frontmatter stage given.
pub fn build_with(
    config: &Config,
    discovered: Discovered,
    default_locale: Option<&str>,
    parse: &FrontmatterFn<'_>,
) -> (Site, Vec<Diagnostic>) {
    let mut diags = discovered.diagnostics;

    let dirs = discovered.locales.clone();
    let locales = order_locales(config, discovered.locales, default_locale);
    let mut locale_of: HashMap<&str, usize> = locales
        .iter()
        .enumerate()
        .map(|(i, l)| (l.tag.as_str(), i))
        .collect();
    // Directory names that differ from their tag in case only: Hugo's
    // language keys (`pt-br`, `zh-cn`) name the locales `pt-BR`, `zh-CN`.
    for d in &dirs {
        if let Some(i) = locales.iter().position(|l| l.tag.eq_ignore_ascii_case(d)) {
            locale_of.entry(d.as_str()).or_insert(i);
        }
    }

    // Files in locale order, then by path.
    let mut files = discovered.sources;
    files.sort_by(|a, b| {
        let la = locale_of
            .get(a.locale.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        let lb = locale_of
            .get(b.locale.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        (la, &a.rel).cmp(&(lb, &b.rel))
    });
    let parsed: Vec<(Frontmatter, Vec<Diagnostic>)> =
        files.par_iter().map(|f| parse(&f.path, &f.text)).collect();
    let mut frontmatter = Vec::with_capacity(parsed.len());
    for (fm, d) in parsed {
        diags.extend(d);
        frontmatter.push(fm);
    }

    let base_path = base_path_of(&config.base_url);
    let Indexed {
        mut articles,
        by_path,
        includes,
        article_of_file,
        tocs,
    } = index_files(
        config,
        &files,
        &frontmatter,
        &locales,
        &locale_of,
        &base_path,
        &mut diags,
    );

    check_declared_locales(&articles, &files, &frontmatter, &locales, &mut diags);

    let groups = group_articles(
        config,
        &mut articles,
        &files,
        &frontmatter,
        locales.len(),
        &mut diags,
    );

    let statics = discovered.statics;
    let statics_by_path = statics
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some(((*locale_of.get(s.locale.as_str())?, s.rel.clone()), i)))
        .collect();

    let mut redirects = redirects_of(config, &discovered.redirect_files, &locale_of, &mut diags);
    // Hugo's `aliases:` are old URLs of the page, below its locale.
    for a in &articles {
        for alias in aliases(&frontmatter[a.file]) {
            redirects.push(RedirectEntry {
                locale: Some(a.locale),
                from: alias,
                to: a.rel.clone(),
            });
        }
    }

    let source_locale = choose_source_locale(config, &locales, &articles, &frontmatter);
    let mut site = Site {
        config: config.clone(),
        locales,
        default_locale: 0,
        source_locale,
        tocs,
        files,
        frontmatter,
        articles,
        groups,
        statics,
        redirects,
        base_path,
        by_path,
        includes,
        statics_by_path,
        article_of_file,
        fallback: FallbackPlan::default(),
    };
    site.fallback = FallbackPlan::new(&site);
    (site, diags)
}

/// The locales of the site: the default locale first, then by tag.
fn order_locales(
    config: &Config,
    mut tags: Vec<String>,
    default_locale: Option<&str>,
) -> Vec<Locale> {
    tags.sort();
    if let Some(d) = default_locale {
        if let Some(i) = tags.iter().position(|t| t == d) {
            let t = tags.remove(i);
            tags.insert(0, t);
        }
    }
    tags.iter()
        .filter_map(|t| {
            let id = locale::parse_tag(t)?;
            let c = config.locales.get(t);
            Some(Locale::new(
                &id,
                c.and_then(|c| c.name.as_deref()),
                c.and_then(|c| c.dir),
            ))
        })
        .collect()
}

/// Articles and includes of a site, with the indexes that find them.
struct Indexed {
    articles: Vec<Article>,
    by_path: HashMap<(usize, String), ArticleId>,
    includes: HashMap<(usize, String), FileId>,
    article_of_file: HashMap<FileId, ArticleId>,
    tocs: Vec<crate::model::toc::TocFile>,
}

/// The articles (URL, output path, title, asset id) and includes of the
/// files in order; an invalid date is reported.
fn index_files(
    config: &Config,
    files: &[SourceFile],
    frontmatter: &[Frontmatter],
    locales: &[Locale],
    locale_of: &HashMap<&str, usize>,
    base_path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Indexed {
    let mut articles = Vec::new();
    let mut by_path = HashMap::new();
    let mut includes = HashMap::new();
    let mut article_of_file = HashMap::new();
    let mut tocs = Vec::new();
    for (id, f) in files.iter().enumerate() {
        let Some(&loc) = locale_of.get(f.locale.as_str()) else {
            continue;
        };
        let headless = f.kind == FileKind::Article && is_headless(&frontmatter[id]);
        match f.kind {
            FileKind::Include => {
                includes.insert((loc, f.rel.clone()), id);
            }
            // Hugo's headless pages are fragments: never built, included.
            FileKind::Article if headless => {
                includes.insert((loc, f.rel.clone()), id);
            }
            FileKind::Toc => {
                let name = f.rel.rsplit('/').next().unwrap_or(&f.rel);
                let Some(format) = crate::model::toc::format_of(name) else {
                    continue;
                };
                let (mut entries, findings) = crate::model::toc::parse(&f.text, format);
                let count = crate::model::toc::count_entries(&entries);
                let limit = config.limits.toc_entries;
                if count > limit {
                    // Such a TOC drives no navigation: its articles keep the
                    // folder nav, and nothing walks its entries again.
                    entries.clear();
                    diags.push(
                        Diagnostic::new(
                            Code::LimitExceeded,
                            f.path.clone(),
                            format!(
                                "the TOC has {count} entries, more than the limit of {limit}; it is not used for navigation"
                            ),
                        )
                        .with_span(LineIndex::new(&f.text).span(&f.text, 0..0))
                        .with_hint(crate::limits::hint("toc_entries", limit))
                        .with_locale(f.locale.clone()),
                    );
                }
                if !findings.is_empty() {
                    let idx = LineIndex::new(&f.text);
                    for x in findings {
                        diags.push(
                            Diagnostic::new(Code::InvalidToc, f.path.clone(), x.message)
                                .with_span(idx.span(&f.text, x.range))
                                .with_hint(x.hint)
                                .with_locale(f.locale.clone()),
                        );
                    }
                }
                tocs.push(crate::model::toc::TocFile {
                    file: id,
                    locale: loc,
                    rel: f.rel.clone(),
                    kind: crate::model::toc::kind_of(&f.rel),
                    entries,
                });
            }
            FileKind::Article => {
                let fm = &frontmatter[id];
                let (dir, out) = page_path(&f.rel);
                let slug = &locales[loc].slug;
                if let Err((key, value)) = fm.date() {
                    let idx = LineIndex::new(&f.text);
                    let mut d = Diagnostic::new(
                        Code::InvalidDate,
                        f.path.clone(),
                        format!("`{key}` value `{value}` is not a date"),
                    )
                    .with_hint("write dates as `2024-05-31` (ISO 8601) or `5/31/2024` (M/D/YYYY)")
                    .with_locale(f.locale.clone());
                    if let Some(r) = fm.key_range(&f.text, key) {
                        d = d.with_span(idx.span(&f.text, r));
                    }
                    diags.push(d);
                }
                article_of_file.insert(id, articles.len());
                by_path.insert((loc, f.rel.clone()), articles.len());
                articles.push(Article {
                    file: id,
                    locale: loc,
                    rel: f.rel.clone(),
                    url: format!("{base_path}/{slug}/{}", encode_path(&dir)),
                    out_path: format!("{slug}/{out}"),
                    title: fm.title(),
                    asset_id: fm.asset_id(&config.translation_keys),
                    group: usize::MAX,
                });
            }
        }
    }
    Indexed {
        articles,
        by_path,
        includes,
        article_of_file,
        tocs,
    }
}

/// Reports a locale declared in the frontmatter that is not the folder's.
fn check_declared_locales(
    articles: &[Article],
    files: &[SourceFile],
    frontmatter: &[Frontmatter],
    locales: &[Locale],
    diags: &mut Vec<Diagnostic>,
) {
    for a in articles {
        let f = &files[a.file];
        let fm = &frontmatter[a.file];
        for key in ["ms.contentlocale", "locale", "lang"] {
            if let Some(value) = fm.get_str(key) {
                if !value.eq_ignore_ascii_case(&f.locale)
                    && !value.eq_ignore_ascii_case(&locales[a.locale].language)
                {
                    let idx = LineIndex::new(&f.text);
                    let mut d = Diagnostic::new(
                        Code::LocaleMismatch,
                        f.path.clone(),
                        format!(
                            "frontmatter says `{key}: {value}` but the file is in `content/{}/`",
                            f.locale
                        ),
                    )
                    .with_hint(format!(
                        "move the file to `content/{value}/` or set `{key}: {}`",
                        f.locale
                    ))
                    .with_locale(f.locale.clone());
                    if let Some(r) = fm.key_range(&f.text, key) {
                        d = d.with_span(idx.span(&f.text, r));
                    }
                    diags.push(d);
                }
                break;
            }
        }
    }
}

/// The translation groups: by asset id (a duplicate in a locale is
/// reported and grouped by its path), else by path; at most one article per
/// locale in a group. Sets each article's `group`.
fn group_articles(
    config: &Config,
    articles: &mut [Article],
    files: &[SourceFile],
    frontmatter: &[Frontmatter],
    locale_count: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TranslationGroup> {
    let mut keyed: BTreeMap<GroupKey, Vec<ArticleId>> = BTreeMap::new();
    let mut seen_ids: HashMap<(usize, &str), ArticleId> = HashMap::new();
    // Default-locale articles split off for a duplicate asset id, by (id,
    // path): a translation with that id at that path is a translation of
    // that article, not of the first one with the id. Default-locale
    // articles come first (locale 0), so this is filled before it is read.
    let mut split_sources: std::collections::HashSet<(&str, &str)> =
        std::collections::HashSet::new();
    for (i, a) in articles.iter().enumerate() {
        let key = match &a.asset_id {
            Some(id) if a.locale != 0 && split_sources.contains(&(id.as_str(), a.rel.as_str())) => {
                GroupKey::Path(a.rel.clone())
            }
            Some(id) => match seen_ids.get(&(a.locale, id.as_str())) {
                Some(&other) => {
                    let f = &files[a.file];
                    let key_name = config
                        .translation_keys
                        .iter()
                        .find(|k| frontmatter[a.file].get_str(k).is_some())
                        .cloned()
                        .unwrap_or_default();
                    let idx = LineIndex::new(&f.text);
                    let mut d = Diagnostic::new(
                        Code::DuplicateAssetId,
                        f.path.clone(),
                        format!("asset id `{id}` is also used by `{}`", files[articles[other].file].path),
                    )
                    .with_hint("each article of a locale needs its own asset id; this one is grouped by its path instead")
                    .with_locale(f.locale.clone())
                    .with_target(id.clone());
                    if let Some(r) = frontmatter[a.file].key_range(&f.text, &key_name) {
                        d = d.with_span(idx.span(&f.text, r));
                    }
                    diags.push(d);
                    if a.locale == 0 {
                        split_sources.insert((id.as_str(), a.rel.as_str()));
                    }
                    GroupKey::Path(a.rel.clone())
                }
                None => {
                    seen_ids.insert((a.locale, id.as_str()), i);
                    GroupKey::AssetId(id.clone())
                }
            },
            None => GroupKey::Path(a.rel.clone()),
        };
        keyed.entry(key).or_default().push(i);
    }
    let mut groups = Vec::new();
    for (key, members) in keyed {
        // A path-keyed group can collide with a duplicate in the same locale;
        // split such members into groups of their own.
        let mut taken = vec![false; locale_count];
        let mut main = Vec::new();
        let mut extra = Vec::new();
        for m in members {
            let l = articles[m].locale;
            if taken[l] {
                extra.push(m);
            } else {
                taken[l] = true;
                main.push(m);
            }
        }
        main.sort_by_key(|&m| articles[m].locale);
        groups.push(TranslationGroup {
            key: key.clone(),
            members: main,
        });
        for m in extra {
            groups.push(TranslationGroup {
                key: key.clone(),
                members: vec![m],
            });
        }
    }
    groups.sort_by_key(|g| g.members[0]);
    for (gi, g) in groups.iter().enumerate() {
        for &m in &g.members {
            articles[m].group = gi;
        }
    }
    groups
}

/// The redirects: `[[redirects]]` of stele.toml, then the redirect maps
/// (an invalid map is reported).
fn redirects_of(
    config: &Config,
    redirect_files: &[(Option<String>, String, String)],
    locale_of: &HashMap<&str, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RedirectEntry> {
    let mut redirects: Vec<RedirectEntry> = config
        .redirects
        .iter()
        .map(|r| RedirectEntry {
            locale: None,
            from: r.from.trim_start_matches('/').to_string(),
            to: r.to.clone(),
        })
        .collect();
    for (loc, path, text) in redirect_files {
        let locale = loc.as_deref().and_then(|l| locale_of.get(l).copied());
        if loc.is_some() && locale.is_none() {
            continue;
        }
        match parse_redirect_map(text) {
            Ok(entries) => redirects.extend(entries.into_iter().map(|(from, to)| RedirectEntry {
                locale,
                from,
                to,
            })),
            Err(e) => diags.push(
                Diagnostic::new(
                    Code::InvalidRedirectMap,
                    path.clone(),
                    format!("invalid redirect map: {e}"),
                )
                .with_span(crate::diagnostic::Span {
                    line: e.line() as u32,
                    column: e.column() as u32,
                    end_line: e.line() as u32,
                    end_column: e.column() as u32 + 1,
                })
                .with_hint(
                    "expected `{\"redirections\": [{\"source_path\": …, \"redirect_url\": …}]}`",
                ),
            ),
        }
    }
    redirects
}

/// Hugo's `aliases:` (a list or one string) as old article paths relative
/// to the locale directory: `/old/page/` and `old/page.html` are
/// `old/page.md`, served at `old/page/`.
pub fn aliases(fm: &Frontmatter) -> Vec<String> {
    use serde_json::Value;
    let values: Vec<&str> = match fm.data.get("aliases") {
        Some(Value::Array(v)) => v.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    };
    values
        .into_iter()
        .filter(|v| !v.contains("://"))
        .filter_map(|v| {
            let path = v.split(['#', '?']).next().unwrap_or("");
            let path = path.trim().trim_matches('/');
            let path = path
                .strip_suffix("/index.html")
                .or_else(|| path.strip_suffix(".html"))
                .unwrap_or(path);
            (!path.is_empty() && !path.split('/').any(|p| p == "..")).then(|| format!("{path}.md"))
        })
        .collect()
}

/// Whether Hugo would not render the page: `headless: true`, or
/// `build: {render: never}` (also `_build`, and the older `render: false`).
pub fn is_headless(fm: &Frontmatter) -> bool {
    use serde_json::Value;
    let truthy = |v: Option<&Value>| match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    if truthy(fm.data.get("headless")) {
        return true;
    }
    ["build", "_build"].iter().any(|k| {
        fm.data
            .get(*k)
            .and_then(Value::as_object)
            .and_then(|b| b.get("render"))
            .is_some_and(|r| match r {
                Value::Bool(b) => !b,
                Value::String(s) => {
                    matches!(s.to_ascii_lowercase().as_str(), "never" | "false" | "link")
                }
                _ => false,
            })
    })
}

/// See [`Site::source_locale`]: the configured `source_locale` when it has
/// a directory (none when it has not), else the default locale unless most
/// of its articles declare themselves translations.
fn choose_source_locale(
    config: &Config,
    locales: &[Locale],
    articles: &[Article],
    frontmatter: &[Frontmatter],
) -> Option<usize> {
    if locales.is_empty() {
        return None;
    }
    if let Some(tag) = &config.source_locale {
        return locales.iter().position(|l| l.tag.eq_ignore_ascii_case(tag));
    }
    let (mut total, mut translated) = (0usize, 0usize);
    for a in articles.iter().filter(|a| a.locale == 0) {
        total += 1;
        if crate::model::translation::declares_translation(&frontmatter[a.file]) {
            translated += 1;
        }
    }
    (total == 0 || translated * 2 <= total).then_some(0)
}

/// Parses DocFX's `.openpublishing.redirection.json` into (from, to) pairs.
/// `source_path` is relative to the docs root; entries outside it are kept
/// as written.
pub fn parse_redirect_map(text: &str) -> Result<Vec<(String, String)>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Map {
        redirections: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        source_path: String,
        redirect_url: String,
    }
    let map: Map = serde_json::from_str(text)?;
    Ok(map
        .redirections
        .into_iter()
        .map(|e| {
            (
                e.source_path.trim_start_matches('/').replace('\\', "/"),
                e.redirect_url,
            )
        })
        .collect())
}

/// The path part of `base_url` without a trailing slash: `/docs` or "".
fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    let path = match after_scheme.find('/') {
        Some(i) if base_url.contains("://") => &after_scheme[i..],
        _ if base_url.contains("://") => "",
        _ => after_scheme,
    };
    path.trim_end_matches('/').to_string()
}

/// A site built in memory from (locale, path, text) articles, with the
/// zero configuration: for the tests of the pure stages.
#[cfg(test)]
pub(crate) fn test_site(files: &[(&str, &str, &str)]) -> Site {
    let sources: Vec<SourceFile> = files
        .iter()
        .map(|(l, rel, text)| SourceFile {
            path: format!("content/{l}/{rel}"),
            locale: l.to_string(),
            rel: rel.to_string(),
            text: text.to_string(),
            kind: if rel.contains("includes/") {
                FileKind::Include
            } else {
                FileKind::Article
            },
        })
        .collect();
    let mut locales: Vec<String> = files.iter().map(|f| f.0.to_string()).collect();
    locales.sort();
    locales.dedup();
    let config = Config::zero("/site");
    let counts: Vec<_> = locales.iter().map(|l| (l.clone(), 1)).collect();
    let default = choose_default_locale(&config, &counts);
    build(
        &config,
        Discovered {
            locales,
            sources,
            ..Default::default()
        },
        default.as_deref(),
    )
    .0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(locale: &str, rel: &str, text: &str) -> SourceFile {
        SourceFile {
            path: format!("content/{locale}/{rel}"),
            locale: locale.into(),
            rel: rel.into(),
            text: text.into(),
            kind: if rel.contains("includes/") {
                FileKind::Include
            } else {
                FileKind::Article
            },
        }
    }

    fn site(files: Vec<SourceFile>) -> (Site, Vec<Diagnostic>) {
        let mut locales: Vec<String> = files.iter().map(|f| f.locale.clone()).collect();
        locales.sort();
        locales.dedup();
        let config = Config::zero("/site");
        let counts: Vec<_> = locales.iter().map(|l| (l.clone(), 1)).collect();
        let default = choose_default_locale(&config, &counts);
        let d = Discovered {
            locales,
            sources: files,
            ..Default::default()
        };
        build(&config, d, default.as_deref())
    }

    #[test]
    fn groups_by_asset_id_across_paths() {
        let (s, d) = site(vec![
            file("en-US", "a.md", "---\nms.assetid: X\n---\n# A"),
            file("ja-JP", "other/place.md", "---\nms.assetid: X\n---\n# A"),
            file("ja-JP", "b.md", "# B"),
            file("en-US", "b.md", "# B"),
            file("en-US", "includes/inc.md", "inc"),
        ]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.locales[0].tag, "en-US");
        assert_eq!(s.articles.len(), 4);
        assert_eq!(s.groups.len(), 2);
        for g in &s.groups {
            assert_eq!(g.members.len(), 2);
            assert_eq!(s.articles[g.members[0]].locale, 0);
        }
        let ja = s.article_at(1, "other/place.md").unwrap();
        assert_eq!(s.articles[ja].url, "/ja-jp/other/place/");
        assert_eq!(s.articles[ja].out_path, "ja-jp/other/place/index.html");
        assert!(s.include_at(0, "includes/inc.md").is_some());
    }

    #[test]
    fn duplicate_asset_id_is_reported_and_split() {
        let (s, d) = site(vec![
            file("en-US", "a.md", "---\nms.assetid: X\n---\n"),
            file("en-US", "b.md", "---\nms.assetid: X\n---\n"),
        ]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::DuplicateAssetId);
        assert_eq!(d[0].file, "content/en-US/b.md");
        assert_eq!(d[0].span.unwrap().line, 2);
        assert_eq!(s.groups.len(), 2);
    }

    #[test]
    fn a_translation_follows_its_split_off_source_by_path() {
        // As in the o365 corpus: two en-US articles share an asset id; zh-TW
        // has only the second, ja-JP both.
        let (s, d) = site(vec![
            file("en-US", "export.md", "---\nms.assetid: X\n---\n"),
            file("en-US", "search.md", "---\nms.assetid: X\n---\n"),
            file("ja-JP", "export.md", "---\nms.assetid: X\n---\n"),
            file("ja-JP", "search.md", "---\nms.assetid: X\n---\n"),
            file("zh-TW", "search.md", "---\nms.assetid: X\n---\n"),
        ]);
        // The duplicate is reported in en-US only: the translations follow.
        assert_eq!(
            d.iter().map(|d| d.file.as_str()).collect::<Vec<_>>(),
            ["content/en-US/search.md"]
        );
        let members = |rel: &str| {
            let g = &s.groups[s.articles[s.article_at(0, rel).unwrap()].group];
            g.members
                .iter()
                .map(|&m| s.files[s.articles[m].file].path.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            members("export.md"),
            ["content/en-US/export.md", "content/ja-JP/export.md"]
        );
        assert_eq!(
            members("search.md"),
            [
                "content/en-US/search.md",
                "content/ja-JP/search.md",
                "content/zh-TW/search.md"
            ]
        );
    }

    #[test]
    fn index_pages_and_base_path() {
        assert_eq!(page_path("index.md"), ("".into(), "index.html".into()));
        assert_eq!(
            page_path("a/index.md"),
            ("a/".into(), "a/index.html".into())
        );
        assert_eq!(
            page_path("a/b.md"),
            ("a/b/".into(), "a/b/index.html".into())
        );
        assert_eq!(base_path_of("https://example.com/docs/"), "/docs");
        assert_eq!(base_path_of("https://example.com"), "");
        assert_eq!(base_path_of(""), "");
    }

    #[test]
    fn default_locale_choice() {
        let c = Config::zero("/s");
        let counts = vec![("ja-JP".to_string(), 3), ("ru-RU".to_string(), 5)];
        assert_eq!(choose_default_locale(&c, &counts).as_deref(), Some("ru-RU"));
        let counts = vec![("en".to_string(), 1), ("ru-RU".to_string(), 5)];
        assert_eq!(choose_default_locale(&c, &counts).as_deref(), Some("en"));
    }

    #[test]
    fn locale_mismatch() {
        let (_, d) = site(vec![file(
            "ja-JP",
            "a.md",
            "---\nms.contentlocale: ru-RU\n---\n",
        )]);
        assert_eq!(d[0].code, Code::LocaleMismatch);
        assert_eq!(d[0].span.unwrap().line, 2);
    }
}
