//! Link resolution: what a link written in an article points at. The
//! render stage uses it to rewrite hrefs and the check stage to report
//! problems, so the two can never disagree. This is the only place the
//! rule lives.
//!
//! The rule is the browser's, with one addition for files:
//! - a relative link to a `.md` file, or to any file of `content/`, is
//!   resolved against the folder of the file that holds the link (an
//!   include's own folder for included text) and rewritten to its page;
//! - any other relative URL is resolved against the page's own output URL
//!   (`docs/x/sdk.md` is served at `/<locale>/docs/x/sdk/`, so
//!   `../configuration/` is `/<locale>/docs/x/configuration/`) and matched
//!   against every URL the site produces: pages, folder pages, static files,
//!   redirect pages, locale indexes; an extensionless path that names an
//!   article from the file's folder (`guide` for `guide.md`) still resolves;
//! - a site-absolute `/x/y/` that is no URL of the site goes to the longest
//!   matching prefix among docsets and `external_prefixes`; when no docset
//!   takes it, it is tried against the page's locale root, then the default
//!   locale's (Hugo's `content/<lang>/`);
//! - `~/x` is `x` in the root folder of the file's docset;
//! - in a `case_insensitive` docset, file links match regardless of case
//!   (the difference is reported as `link-case`).
//!
//! Invariants: pure; a resolved link is always rewritten to the target's
//! canonical URL, so the built page works wherever the link was written
//! (fallback pages, includes); a path that climbs out of the locale
//! directory is never looked up as a file; every redirect lookup consults
//! the page's locale, then the site-wide, then the default locale's map.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use crate::include::join;
use crate::model::site::{ArticleId, FileId, Site};

/// Whether a link matched its target in the exact case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Exact,
    /// Matched only case-insensitively (in a `case_insensitive` docset);
    /// the target's real path relative to the locale directory.
    Differs,
}

/// What a link resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// `http:`/`https:` or protocol-relative `//host`.
    External,
    /// `mailto:`, `tel:` and other schemes: never checked.
    OtherScheme,
    /// `#fragment` on the same page (`None` for `#` alone).
    SamePage { fragment: Option<String> },
    /// An article of the site.
    Article {
        article: ArticleId,
        fragment: Option<String>,
        fallback: bool,
        case: Case,
    },
    /// An article missing in the link's locale, shown there by its fallback
    /// page (`missing_translations = "fallback"`): `page` indexes
    /// `site.fallback.pages`.
    Fallback {
        page: usize,
        fragment: Option<String>,
    },
    /// A static file of the site; `url` is where the output has it.
    Static {
        url: String,
        fallback: bool,
        case: Case,
    },
    /// Another page the site produces: a locale index, the root, 404, the
    /// sitemap, a theme asset, the status page.
    Page { url: String },
    /// A moved article, found in the redirect map.
    Redirected {
        to: String,
        article: Option<ArticleId>,
        fragment: Option<String>,
    },
    /// A site-absolute path under a prefix published elsewhere.
    ExternalPrefix,
    /// A site-absolute path that matches nothing the site produces.
    UnknownSitePath,
    /// A relative link that resolves to nothing: `rel` is the path it names
    /// from the file's folder, `url` the URL it names from the page's URL.
    Missing { rel: String, url: Option<String> },
    /// A relative path that climbs out of the locale directory.
    OutsideRoot,
}

/// What a URL of the site is.
#[derive(Clone, Copy, Debug)]
enum Target {
    Article(ArticleId),
    Static(usize),
    /// A redirect page: (index in `site.redirects`, locale of the page).
    Redirect(usize, usize),
    /// A generated page, by its index in [`Resolver::pages`].
    Page(usize),
}

/// Whether a site-absolute path may be tried against the locale roots.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LocaleRoots {
    Try,
    Skip,
}

/// Resolves links against one site. Build it once per build.
pub struct Resolver<'s> {
    site: &'s Site,
    /// Every URL path the site produces, decoded, with the base path and
    /// without the trailing slash (`/docs/ja-jp/a/b`) → what it is.
    urls: HashMap<String, Target>,
    /// The URLs of generated pages (locale indexes, root, 404, …).
    pages: Vec<String>,
    /// Lower-case URL path → the URL paths of `urls` with that form.
    urls_lower: HashMap<String, Vec<String>>,
    /// (locale, lower-case rel path) → article, for case-insensitive docsets.
    rel_lower: HashMap<(usize, String), ArticleId>,
    /// (locale, lower-case rel path) → static file index.
    statics_lower: HashMap<(usize, String), usize>,
    /// (locale or all, lower-case rel path) → redirect entry index.
    redirects: HashMap<(Option<usize>, String), usize>,
}

/// A link split into its parts.
struct Parts<'a> {
    path: &'a str,
    /// `?query`, with its `?`, or "".
    query: &'a str,
    fragment: Option<&'a str>,
}

fn split(target: &str) -> Parts<'_> {
    let (rest, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let (path, query) = match rest.find('?') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    Parts {
        path,
        query,
        fragment,
    }
}

/// The scheme of a URL (`https`), if it has one.
pub fn scheme(target: &str) -> Option<&str> {
    let i = target.find(':')?;
    let s = &target[..i];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && s.len() > 1)
        .then_some(s)
}

/// Percent-decodes a path or fragment (invalid UTF-8 kept lossy) and
/// normalizes it to NFC, as file names are.
pub fn decode(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let d = percent_decode_str(s).decode_utf8_lossy();
    if d.is_ascii() {
        d.into_owned()
    } else {
        d.nfc().collect()
    }
}

/// The key of a URL path in [`Resolver::urls`]: decoded, without
/// `index.html` and trailing slashes.
fn url_key(path: &str) -> String {
    let p = path.strip_suffix("index.html").unwrap_or(path);
    decode(p.trim_end_matches('/'))
}

/// Where the theme's assets are written (`render::ASSET_DIR`; a test
/// checks that they agree, as this stage may not import render).
const ASSET_DIR: &str = "_stele";

/// The names that make a folder's page.
const FOLDER_PAGES: &[&str] = &["index.md", "_index.md", "README.md"];

impl<'s> Resolver<'s> {
    pub fn new(site: &'s Site) -> Self {
        let base = site.base_path.as_str();
        let mut urls: HashMap<String, Target> = HashMap::new();
        let mut rel_lower = HashMap::new();
        // Generated pages first: an article at the same URL replaces them.
        let mut pages = vec![format!("{base}/")];
        pages.extend(
            ["404.html", "sitemap.xml", "_status/"]
                .iter()
                .map(|p| format!("{base}/{p}")),
        );
        pages.extend(site.locales.iter().map(|l| format!("{base}/{}/", l.slug)));
        for (i, p) in pages.iter().enumerate() {
            urls.insert(url_key(p), Target::Page(i));
        }
        for (i, r) in site.redirects.iter().enumerate() {
            let from = r.from.trim_start_matches('/');
            if !from.to_ascii_lowercase().ends_with(".md") {
                continue;
            }
            let (dir, _) = crate::model::site::page_path(from);
            let locales: Vec<usize> = match r.locale {
                Some(l) => vec![l],
                None => (0..site.locales.len()).collect(),
            };
            for l in locales {
                let key = url_key(&format!("{base}/{}/{dir}", site.locales[l].slug));
                urls.entry(key).or_insert(Target::Redirect(i, l));
            }
        }
        let mut statics_lower = HashMap::new();
        for (i, st) in site.statics.iter().enumerate() {
            urls.insert(url_key(&site.static_url(st)), Target::Static(i));
            if let Some(l) = site.locale_index(&st.locale) {
                statics_lower.insert((l, st.rel.to_lowercase()), i);
            }
        }
        for (i, a) in site.articles.iter().enumerate() {
            urls.insert(url_key(&a.url), Target::Article(i));
            rel_lower.insert((a.locale, a.rel.to_lowercase()), i);
        }
        let mut urls_lower: HashMap<String, Vec<String>> = HashMap::new();
        for k in urls.keys() {
            urls_lower
                .entry(k.to_lowercase())
                .or_default()
                .push(k.clone());
        }
        let mut redirects = HashMap::new();
        for (i, r) in site.redirects.iter().enumerate() {
            redirects
                .entry((r.locale, r.from.to_lowercase()))
                .or_insert(i);
        }
        Resolver {
            site,
            urls,
            pages,
            urls_lower,
            rel_lower,
            statics_lower,
            redirects,
        }
    }

    /// Resolves `target`, written in `file` (an article or an include it
    /// expands), on the page of article `page`.
    pub fn resolve(&self, page: ArticleId, file: FileId, target: &str) -> Resolution {
        let resolution = self.resolve_written(page, file, target);
        // The one fallback plan: a link to an article this locale lacks goes
        // to its fallback page when there is one, as the sidebar does.
        let locale = self.site.articles[page].locale;
        if let Resolution::Article {
            article,
            fragment,
            fallback: true,
            ..
        } = &resolution
            && let Some(fb) = self.site.fallback.index(*article, locale)
        {
            return Resolution::Fallback {
                page: fb,
                fragment: fragment.clone(),
            };
        }
        resolution
    }

    /// What `target` names, without the fallback plan.
    fn resolve_written(&self, page: ArticleId, file: FileId, target: &str) -> Resolution {
        let a = &self.site.articles[page];
        self.resolve_from(a.locale, &a.url, file, target)
    }

    /// What `target`, written in `file`, names for a page of `locale` at
    /// `page_url`.
    fn resolve_from(
        &self,
        locale: usize,
        page_url: &str,
        file: FileId,
        target: &str,
    ) -> Resolution {
        let site = self.site;
        let from_rel = site.files[file].rel.as_str();
        let target = target.trim();
        if target.starts_with("//") {
            return Resolution::External;
        }
        if let Some(s) = scheme(target) {
            return if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") {
                Resolution::External
            } else {
                Resolution::OtherScheme
            };
        }
        let parts = split(target);
        let fragment = parts.fragment.filter(|f| !f.is_empty()).map(decode);
        if parts.path.is_empty() {
            return Resolution::SamePage { fragment };
        }
        let path = decode(parts.path);
        if path.starts_with('/') {
            return self.site_absolute(locale, &path, fragment, LocaleRoots::Try);
        }
        let docset = self.docset_of(from_rel);
        let case = docset.map(|d| d.case_insensitive).unwrap_or(false);
        if let Some(rest) = path.strip_prefix("~/") {
            // The docset's root folder (the locale directory without one).
            let root = docset.map(|d| d.folder.trim_matches('/')).unwrap_or("");
            return match join(root, rest) {
                Some(rel) => self.file_link(locale, rel, fragment, case, None),
                None => Resolution::OutsideRoot,
            };
        }
        let base = from_rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let rel = join(base, &path);
        let is_md = path.to_ascii_lowercase().ends_with(".md");
        if is_md {
            return match rel {
                Some(rel) => self.file_link(locale, rel, fragment, case, None),
                None => Resolution::OutsideRoot,
            };
        }
        // A file of `content/`, from the file's folder.
        if let Some(rel) = &rel {
            if let Some(r) = self.file_at(locale, rel, &fragment, case) {
                return r;
            }
        }
        // The browser's reading: against the page's URL.
        let url = self.join_url(page_url, parts.path, parts.query);
        if let Some(url) = &url {
            if let Some(r) = self.url_target(url, &fragment, case) {
                return r;
            }
            if !self.in_locale_space(url) {
                return self.site_absolute(locale, url, fragment, LocaleRoots::Skip);
            }
        }
        match (rel, url) {
            (Some(rel), url) => self.file_link(locale, rel, fragment, case, url),
            // Out of the file's folder but not out of the page's locale.
            (None, Some(url)) => match self.below_locale(&url) {
                Some(rel) => Resolution::Missing {
                    rel,
                    url: Some(url),
                },
                None => Resolution::OutsideRoot,
            },
            (None, None) => Resolution::OutsideRoot,
        }
    }

    /// The path of a URL of a locale's space below the locale's root.
    fn below_locale(&self, url: &str) -> Option<String> {
        let rest = url.strip_prefix(self.site.base_path.as_str())?;
        let rest = rest.strip_prefix('/')?;
        let (slug, tail) = rest.split_once('/').unwrap_or((rest, ""));
        self.site
            .locales
            .iter()
            .any(|l| l.slug == slug)
            .then(|| tail.to_string())
    }

    /// The docset whose folder holds `rel`, if any.
    fn docset_of(&self, rel: &str) -> Option<&'s crate::config::Docset> {
        self.site.config.check.docsets.iter().find(|d| {
            let f = d.folder.trim_matches('/');
            rel.len() > f.len()
                && rel.is_char_boundary(f.len())
                && rel.as_bytes()[f.len()] == b'/'
                && if d.case_insensitive {
                    rel[..f.len()].eq_ignore_ascii_case(f)
                } else {
                    &rel[..f.len()] == f
                }
        })
    }

    /// `target` resolved as a browser does against the page URL `page_url`:
    /// the decoded path.
    fn join_url(&self, page_url: &str, path: &str, query: &str) -> Option<String> {
        let root = url::Url::parse("http://stele.invalid/").ok()?;
        let page = root.join(page_url).ok()?;
        let joined = page.join(&format!("{path}{query}")).ok()?;
        (joined.host_str() == Some("stele.invalid")).then(|| decode(joined.path()))
    }

    /// Whether a URL path lies in a locale's part of the site.
    fn in_locale_space(&self, url: &str) -> bool {
        let base = self.site.base_path.as_str();
        let Some(rest) = url.strip_prefix(base) else {
            return false;
        };
        let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
        self.site.locales.iter().any(|l| l.slug == first)
    }

    /// A URL the site produces, by its decoded path; a page of locale `l`
    /// missing there is looked for at the default locale's URL.
    fn url_target(&self, url: &str, fragment: &Option<String>, case: bool) -> Option<Resolution> {
        let site = self.site;
        let key = url_key(url);
        let hit = self.urls.get(&key).copied().or_else(|| {
            // Case-insensitively only if unique (or in a case-insensitive docset).
            let keys = self.urls_lower.get(&key.to_lowercase())?;
            (keys.len() == 1 || case)
                .then(|| self.urls.get(&keys[0]).copied())
                .flatten()
        });
        if let Some(t) = hit {
            return Some(self.target(t, fragment.clone(), false));
        }
        // A page missing in this locale: the default locale's, at its URL.
        let base = site.base_path.as_str();
        let rest = key.strip_prefix(base)?.strip_prefix('/')?;
        let (slug, tail) = rest.split_once('/').unwrap_or((rest, ""));
        let l = site.locales.iter().position(|l| l.slug == slug)?;
        // The source locale's, never another translation's.
        let d = site.fallback_locale(l)?;
        let other = url_key(&format!("{base}/{}/{tail}", site.locales[d].slug));
        match self.urls.get(&other).copied()? {
            t @ (Target::Article(_) | Target::Static(_)) => {
                Some(self.target(t, fragment.clone(), true))
            }
            _ => None,
        }
    }

    fn target(&self, t: Target, fragment: Option<String>, fallback: bool) -> Resolution {
        let site = self.site;
        match t {
            Target::Article(article) => Resolution::Article {
                article,
                fragment,
                fallback,
                case: Case::Exact,
            },
            Target::Static(i) => Resolution::Static {
                url: site.static_url(&site.statics[i]),
                fallback,
                case: Case::Exact,
            },
            Target::Redirect(i, l) => self.redirected(l, &site.redirects[i].to, fragment),
            Target::Page(i) => Resolution::Page {
                url: self.pages[i].clone(),
            },
        }
    }

    /// A file of `content/` at `rel` (article, or static file), in the
    /// page's locale, else the default locale's.
    fn file_at(
        &self,
        locale: usize,
        rel: &str,
        fragment: &Option<String>,
        case_insensitive: bool,
    ) -> Option<Resolution> {
        let site = self.site;
        // A missing file falls back to the source locale, never to another
        // translation.
        let tries = [(Some(locale), false), (site.fallback_locale(locale), true)];
        for (loc, fallback) in tries {
            let Some(loc) = loc else { continue };
            if let Some(article) = site.article_at(loc, rel) {
                return Some(Resolution::Article {
                    article,
                    fragment: fragment.clone(),
                    fallback,
                    case: Case::Exact,
                });
            }
            if let Some(st) = site.static_at(loc, rel) {
                return Some(Resolution::Static {
                    url: site.static_url(st),
                    fallback,
                    case: Case::Exact,
                });
            }
            if case_insensitive {
                let lower = rel.to_lowercase();
                if let Some(&article) = self.rel_lower.get(&(loc, lower.clone())) {
                    return Some(Resolution::Article {
                        article,
                        fragment: fragment.clone(),
                        fallback,
                        case: Case::Differs,
                    });
                }
                if let Some(&i) = self.statics_lower.get(&(loc, lower)) {
                    return Some(Resolution::Static {
                        url: site.static_url(&site.statics[i]),
                        fallback,
                        case: Case::Differs,
                    });
                }
            }
        }
        None
    }

    /// A link to a file by its path from the locale directory: the file,
    /// an article named without `.md`, a folder's page, else the redirect
    /// map, else missing.
    fn file_link(
        &self,
        locale: usize,
        rel: String,
        fragment: Option<String>,
        case_insensitive: bool,
        url: Option<String>,
    ) -> Resolution {
        if let Some(r) = self.file_at(locale, &rel, &fragment, case_insensitive) {
            return r;
        }
        let is_md = rel.to_ascii_lowercase().ends_with(".md");
        if !is_md {
            let trimmed = rel.trim_end_matches('/');
            let mut candidates = Vec::new();
            if !trimmed.is_empty() {
                candidates.push(format!("{trimmed}.md"));
            }
            for name in FOLDER_PAGES {
                candidates.push(if trimmed.is_empty() {
                    name.to_string()
                } else {
                    format!("{trimmed}/{name}")
                });
            }
            for c in &candidates {
                if let Some(r) = self.file_at(locale, c, &fragment, case_insensitive) {
                    return r;
                }
            }
        }
        let md = if is_md {
            rel.clone()
        } else {
            format!("{}.md", rel.trim_end_matches('/'))
        };
        for key in [&rel, &md] {
            if let Some(to) = self.redirect(locale, key) {
                return self.redirected(locale, to, fragment);
            }
        }
        Resolution::Missing { rel, url }
    }

    /// The redirect map's target for `rel`: the page's locale first, then
    /// the site-wide map, then the default locale's.
    fn redirect(&self, locale: usize, rel: &str) -> Option<&'s str> {
        let key = rel.trim_start_matches('/').to_lowercase();
        [Some(locale), None, self.site.fallback_locale(locale)]
            .into_iter()
            .find_map(|l| self.redirects.get(&(l, key.clone())))
            .map(|&i| self.site.redirects[i].to.as_str())
    }

    fn redirected(&self, locale: usize, to: &str, fragment: Option<String>) -> Resolution {
        let parts = split(to);
        let path = decode(parts.path);
        // As with an HTTP redirect, a fragment of the new place replaces
        // the link's own.
        let fragment = match parts.fragment.filter(|f| !f.is_empty()) {
            Some(f) => Some(decode(f)),
            None => fragment,
        };
        let article = if scheme(to).is_some() {
            None
        } else if path.starts_with('/') {
            match self.site_absolute(locale, &path, None, LocaleRoots::Try) {
                Resolution::Article { article, .. } => Some(article),
                _ => None,
            }
        } else {
            join("", &path).and_then(|rel| {
                self.site.article_at(locale, &rel).or_else(|| {
                    let source = self.site.fallback_locale(locale)?;
                    self.site.article_at(source, &rel)
                })
            })
        };
        Resolution::Redirected {
            to: to.to_string(),
            article,
            fragment,
        }
    }

    /// Whether a redirect target `to` is a site-absolute path that matches
    /// nothing (no page of the site, no docset page, no external prefix).
    pub fn leads_nowhere(&self, locale: usize, to: &str) -> bool {
        let path = decode(split(to).path);
        scheme(to).is_none()
            && path.starts_with('/')
            && self.site_absolute(locale, &path, None, LocaleRoots::Try)
                == Resolution::UnknownSitePath
    }

    /// A site-absolute path (decoded).
    fn site_absolute(
        &self,
        locale: usize,
        path: &str,
        fragment: Option<String>,
        roots: LocaleRoots,
    ) -> Resolution {
        let site = self.site;
        let base = site.base_path.as_str();
        // Theme assets are produced under `_stele/`.
        if path
            .strip_prefix(base)
            .is_some_and(|p| p.starts_with(&format!("/{ASSET_DIR}/")))
        {
            return Resolution::Page {
                url: path.to_string(),
            };
        }
        if let Some(r) = self.url_target(path, &fragment, false) {
            return r;
        }
        let local = path
            .strip_prefix(base)
            .filter(|p| p.starts_with('/'))
            .unwrap_or(path);
        // The longest prefix among docsets and external prefixes decides.
        let mut best: Option<(usize, Option<&crate::config::Docset>)> = None;
        for d in &site.config.check.docsets {
            let prefix = d.url.trim_end_matches('/');
            let matches = local.len() >= prefix.len()
                && local.is_char_boundary(prefix.len())
                && (if d.case_insensitive {
                    local[..prefix.len()].eq_ignore_ascii_case(prefix)
                } else {
                    &local[..prefix.len()] == prefix
                })
                && (local.len() == prefix.len() || local.as_bytes()[prefix.len()] == b'/');
            if matches && best.is_none_or(|(n, _)| prefix.len() > n) {
                best = Some((prefix.len(), Some(d)));
            }
        }
        let lower = local.to_lowercase();
        for p in &site.config.check.external_prefixes {
            let p = p.to_lowercase();
            let bare = p.trim_end_matches('/');
            // `/x/` also takes `/x` itself.
            let takes = lower.starts_with(&p) || (bare.len() > 0 && lower == bare);
            if takes && best.is_none_or(|(n, _)| bare.len() > n) {
                best = Some((bare.len(), None));
            }
        }
        if let Some((n, Some(d))) = best {
            return self.in_docset(locale, d, &local[n..], fragment);
        }
        if roots == LocaleRoots::Try {
            for l in [Some(locale), site.fallback_locale(locale)]
                .into_iter()
                .flatten()
            {
                let url = format!("{base}/{}{local}", site.locales[l].slug);
                if let Some(t) = self.urls.get(&url_key(&url)).copied() {
                    if matches!(t, Target::Article(_) | Target::Static(_)) {
                        return self.target(t, fragment, l != locale);
                    }
                }
            }
        }
        if best.is_some() {
            return Resolution::ExternalPrefix;
        }
        Resolution::UnknownSitePath
    }

    /// `rest` (after the docset's URL) in docset `d`.
    fn in_docset(
        &self,
        locale: usize,
        d: &crate::config::Docset,
        rest: &str,
        fragment: Option<String>,
    ) -> Resolution {
        let rest = rest.trim_start_matches('/').trim_end_matches('/');
        let rest = rest.strip_suffix("index.html").unwrap_or(rest);
        let folder = d.folder.trim_matches('/');
        let rel = if rest.is_empty() {
            folder.to_string()
        } else {
            format!("{folder}/{}", rest.trim_end_matches('/'))
        };
        let stem = rel.strip_suffix(".md").unwrap_or(&rel).to_string();
        // DocFX publishes `x.md` and `x.yml` (landing, hub, FAQ pages) at `x`.
        let mut candidates = vec![rel.clone(), format!("{stem}.md"), format!("{stem}.yml")];
        candidates.extend(FOLDER_PAGES.iter().map(|n| format!("{stem}/{n}")));
        candidates.push(format!("{stem}/index.yml"));
        for c in &candidates {
            if let Some(r) = self.file_at(locale, c, &fragment, d.case_insensitive) {
                // Learn's URLs match regardless of case: no `link-case`.
                return match r {
                    Resolution::Article {
                        article,
                        fragment,
                        fallback,
                        ..
                    } => Resolution::Article {
                        article,
                        fragment,
                        fallback,
                        case: Case::Exact,
                    },
                    Resolution::Static { url, fallback, .. } => Resolution::Static {
                        url,
                        fallback,
                        case: Case::Exact,
                    },
                    other => other,
                };
            }
        }
        if let Some(to) = self.redirect(locale, &format!("{stem}.md")) {
            return self.redirected(locale, to, fragment);
        }
        Resolution::UnknownSitePath
    }

    /// Where a redirect entry's `to` leads, as an href, for a page of
    /// `locale`: an article's URL, a site path, or an external URL.
    pub fn redirect_href(&self, locale: usize, to: &str) -> String {
        match self.redirected(locale, to, None) {
            Resolution::Redirected {
                article: Some(a), ..
            } => self.site.articles[a].url.clone(),
            _ if scheme(to).is_some() || to.starts_with('/') => to.to_string(),
            _ => format!(
                "{}/{}/{}",
                self.site.base_path,
                self.site.locales[locale].slug,
                to.trim_end_matches(".md")
            ),
        }
    }

    /// What a TOC entry's `href` points at, for [`crate::model::toc::navigate`]:
    /// `from_rel` is the TOC file's path relative to its locale directory.
    pub fn toc_target(
        &self,
        locale: usize,
        toc_file: FileId,
        target: &str,
    ) -> crate::model::toc::Target {
        use crate::model::toc::Target;
        let site = self.site;
        // A TOC is read as if it were a page of its folder.
        let rel = &site.files[toc_file].rel;
        let dir = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let slug = &site.locales[locale].slug;
        let folder_url = if dir.is_empty() {
            format!("{}/{slug}/", site.base_path)
        } else {
            format!(
                "{}/{slug}/{}/",
                site.base_path,
                crate::model::site::encode_path(dir)
            )
        };
        let mut r = self.resolve_from(locale, &folder_url, toc_file, target);
        if let Resolution::Article {
            article,
            fragment,
            fallback: true,
            ..
        } = &r
            && let Some(fb) = site.fallback.index(*article, locale)
        {
            r = Resolution::Fallback {
                page: fb,
                fragment: fragment.clone(),
            };
        }
        match &r {
            Resolution::Article {
                article, fragment, ..
            } => Target::Article {
                article: *article,
                href: self.href(&r).unwrap_or_default(),
                fragment: fragment.is_some(),
            },
            Resolution::Redirected {
                article: Some(a),
                fragment,
                ..
            } => Target::Article {
                article: *a,
                href: self.href(&r).unwrap_or_default(),
                fragment: fragment.is_some(),
            },
            Resolution::Fallback { .. } => Target::Link(self.href(&r).unwrap_or_default()),
            Resolution::Static { url, .. } | Resolution::Page { url } => Target::Link(url.clone()),
            Resolution::Redirected { to, .. } => {
                Target::Link(self.href(&r).unwrap_or_else(|| to.clone()))
            }
            Resolution::External
            | Resolution::OtherScheme
            | Resolution::ExternalPrefix
            | Resolution::SamePage { .. } => Target::Link(target.to_string()),
            Resolution::UnknownSitePath => Target::UnknownSitePath(target.to_string()),
            Resolution::Missing { .. } | Resolution::OutsideRoot => Target::Missing,
        }
    }

    /// The href to write for a link, when it should be rewritten.
    pub fn href(&self, resolution: &Resolution) -> Option<String> {
        let with_fragment = |url: &str, f: &Option<String>| match f {
            Some(f) => format!("{url}#{}", crate::model::site::encode_path(f)),
            None => url.to_string(),
        };
        match resolution {
            Resolution::Article {
                article, fragment, ..
            } => Some(with_fragment(&self.site.articles[*article].url, fragment)),
            Resolution::Fallback { page, fragment } => Some(with_fragment(
                &self.site.fallback.pages[*page].url,
                fragment,
            )),
            Resolution::Static { url, .. } => Some(url.clone()),
            Resolution::Redirected {
                article: Some(a),
                fragment,
                ..
            } => Some(with_fragment(&self.site.articles[*a].url, fragment)),
            // Another site, or a path of this host published elsewhere: the
            // link goes where the redirect page would send it.
            Resolution::Redirected {
                to,
                article: None,
                fragment,
            } if scheme(to).is_some() || to.starts_with('/') => Some(match to.contains('#') {
                true => to.clone(),
                false => with_fragment(to, fragment),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Docset};
    use crate::read::discover::{Discovered, FileKind, SourceFile, StaticFile};

    const FILES: &[(&str, &str)] = &[
        ("en-US", "a/b.md"),
        ("en-US", "a/only-en.md"),
        ("en-US", "Docs/Upper.md"),
        ("en-US", "Docs/sub/Page.md"),
        ("en-US", "docs/languages/java/sdk.md"),
        ("en-US", "docs/languages/java/configuration/_index.md"),
        ("en-US", "docs/languages/_index.md"),
        ("en-US", "nodes.md"),
        ("en-US", "guide/README.md"),
        ("ja-JP", "a/b.md"),
        ("ja-JP", "a/x.md"),
        ("ja-JP", "nodes.md"),
        ("ja-JP", "includes/inc.md"),
    ];

    fn site(config: Config) -> Site {
        let f = |l: &str, r: &str| SourceFile {
            path: format!("content/{l}/{r}"),
            locale: l.into(),
            rel: r.into(),
            text: "# T\n".into(),
            kind: if r.starts_with("includes/") {
                FileKind::Include
            } else {
                FileKind::Article
            },
        };
        let d = Discovered {
            locales: vec!["en-US".into(), "ja-JP".into()],
            sources: FILES.iter().map(|(l, r)| f(l, r)).collect(),
            statics: ["Docs/media/Shot.png", "Docs/landing.yml"]
                .iter()
                .map(|r| StaticFile {
                    locale: "en-US".into(),
                    rel: r.to_string(),
                    abs: "/nonexistent".into(),
                })
                .collect(),
            ..Default::default()
        };
        crate::model::site::build(&config, d, Some("en-US")).0
    }

    /// Resolves `target` written in `rel` of `locale` (an article, or an
    /// include shown on the first article of that locale).
    fn res(s: &Site, locale: &str, rel: &str, target: &str) -> Resolution {
        let r = Resolver::new(s);
        let l = s.locale_index(locale).unwrap();
        let file = s
            .files
            .iter()
            .position(|f| f.locale == locale && f.rel == rel)
            .unwrap();
        let page = s
            .article_of(file)
            .unwrap_or_else(|| s.articles.iter().position(|a| a.locale == l).unwrap());
        r.resolve(page, file, target)
    }

    fn url_of(s: &Site, r: &Resolution) -> String {
        match r {
            Resolution::Article { article, .. } => s.articles[*article].url.clone(),
            Resolution::Static { url, .. } => url.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn relative_links() {
        let s = site(Config::zero("/s"));
        let r = Resolver::new(&s);
        match res(&s, "ja-JP", "a/x.md", "b.md#Frag%20x") {
            Resolution::Article {
                article,
                fragment,
                fallback,
                case,
            } => {
                assert_eq!(s.articles[article].url, "/ja-jp/a/b/");
                assert_eq!(fragment.as_deref(), Some("Frag x"));
                assert!(!fallback);
                assert_eq!(case, Case::Exact);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            res(&s, "ja-JP", "a/x.md", "only-en.md"),
            Resolution::Article { fallback: true, .. }
        ));
        assert_eq!(
            res(&s, "ja-JP", "a/x.md", "../../x.md"),
            Resolution::OutsideRoot
        );
        assert!(matches!(
            res(&s, "ja-JP", "a/x.md", "nope.md"),
            Resolution::Missing { rel, .. } if rel == "a/nope.md"
        ));
        assert_eq!(
            res(&s, "ja-JP", "a/x.md", "https://x.org"),
            Resolution::External
        );
        assert_eq!(
            res(&s, "ja-JP", "a/x.md", "mailto:a@b.c"),
            Resolution::OtherScheme
        );
        assert_eq!(
            res(&s, "ja-JP", "a/x.md", "#top"),
            Resolution::SamePage {
                fragment: Some("top".into())
            }
        );
        assert_eq!(
            r.href(&res(&s, "ja-JP", "a/x.md", "./b.md?x=1#f"))
                .as_deref(),
            Some("/ja-jp/a/b/#f")
        );
    }

    #[test]
    fn other_relative_urls_resolve_against_the_page_url() {
        let s = site(Config::zero("/s"));
        // `docs/languages/java/sdk.md` is served at
        // `/en-us/docs/languages/java/sdk/`: `../configuration/` is
        // `/en-us/docs/languages/java/configuration/`, as a browser reads it.
        let sdk = "docs/languages/java/sdk.md";
        assert_eq!(
            url_of(&s, &res(&s, "en-US", sdk, "../configuration/")),
            "/en-us/docs/languages/java/configuration/"
        );
        assert_eq!(
            url_of(&s, &res(&s, "en-US", sdk, "../configuration")),
            "/en-us/docs/languages/java/configuration/"
        );
        // `../../` from the page is the folder page `docs/languages/_index.md`.
        assert_eq!(
            url_of(&s, &res(&s, "en-US", sdk, "../../")),
            "/en-us/docs/languages/"
        );
        // A page of the locale root: `../nodes/` climbs out of the file's
        // folder but not out of the page's URL.
        assert_eq!(
            url_of(&s, &res(&s, "ja-JP", "nodes.md", "../a/b/")),
            "/ja-jp/a/b/"
        );
        // Missing in ja-JP: the default locale's page.
        assert!(matches!(
            res(&s, "ja-JP", "nodes.md", "../a/only-en/"),
            Resolution::Article { fallback: true, .. }
        ));
        // Locale index, and the other locale by URL (no fallback).
        assert!(matches!(
            res(&s, "ja-JP", "nodes.md", "../"),
            Resolution::Page { .. }
        ));
        assert!(matches!(
            res(&s, "ja-JP", "nodes.md", "../../en-us/nodes/"),
            Resolution::Article {
                fallback: false,
                ..
            }
        ));
        // Neither from the file nor from the page.
        assert!(matches!(
            res(&s, "ja-JP", "nodes.md", "../gone/"),
            Resolution::Missing { url: Some(u), .. } if u == "/s/ja-jp/gone/" || u == "/ja-jp/gone/"
        ));
        // An extensionless name of an article next to the file still works.
        assert_eq!(url_of(&s, &res(&s, "ja-JP", "a/x.md", "b")), "/ja-jp/a/b/");
    }

    #[test]
    fn folder_pages() {
        let s = site(Config::zero("/s"));
        for t in ["guide/", "guide", "guide/README.md", "./guide/README.md"] {
            assert_eq!(
                url_of(&s, &res(&s, "en-US", "nodes.md", t)),
                "/en-us/guide/",
                "{t}"
            );
        }
        assert_eq!(
            url_of(&s, &res(&s, "en-US", sdk_file(), "configuration/_index.md")),
            "/en-us/docs/languages/java/configuration/"
        );
    }

    fn sdk_file() -> &'static str {
        "docs/languages/java/sdk.md"
    }

    #[test]
    fn site_absolute_in_the_locale_root_then_the_default_locale() {
        let s = site(Config::zero("/s"));
        // Hugo's `content/<lang>/`: `/nodes/` is the page's own language's.
        assert_eq!(
            url_of(&s, &res(&s, "ja-JP", "a/x.md", "/nodes/")),
            "/ja-jp/nodes/"
        );
        assert_eq!(
            url_of(&s, &res(&s, "en-US", "a/b.md", "/nodes/")),
            "/en-us/nodes/"
        );
        assert!(matches!(
            res(&s, "ja-JP", "a/x.md", "/a/only-en/"),
            Resolution::Article { fallback: true, .. }
        ));
        assert_eq!(
            res(&s, "ja-JP", "a/x.md", "/nowhere/"),
            Resolution::UnknownSitePath
        );
    }

    #[test]
    fn links_are_compared_in_nfc() {
        // `é` written decomposed (NFD), percent-encoded, as macOS tools do.
        assert_eq!(decode("caf%65%CC%81.md"), "caf\u{e9}.md");
        assert_eq!(decode("cafe\u{301}"), "caf\u{e9}");
    }

    fn docset_config() -> Config {
        let mut c = Config::zero("/s");
        c.check.docsets.push(Docset {
            folder: "Docs".into(),
            url: "/Product/Docs/".into(),
            case_insensitive: true,
        });
        c.check.external_prefixes.push("/powershell/".into());
        c
    }

    #[test]
    fn site_absolute_and_docsets() {
        let s = site(docset_config());
        assert!(matches!(
            res(&s, "en-US", "a/b.md", "/en-us/a/b/"),
            Resolution::Article { .. }
        ));
        assert!(matches!(
            res(&s, "en-US", "a/b.md", "/product/docs/upper"),
            Resolution::Article {
                case: Case::Exact,
                ..
            }
        ));
        assert!(matches!(
            res(&s, "en-US", "a/b.md", "/product/docs/media/shot.png"),
            Resolution::Static { .. }
        ));
        assert_eq!(
            res(&s, "en-US", "a/b.md", "/product/docs/none"),
            Resolution::UnknownSitePath
        );
        assert_eq!(
            res(&s, "en-US", "a/b.md", "/PowerShell/module/x"),
            Resolution::ExternalPrefix
        );
        assert_eq!(
            res(&s, "en-US", "a/b.md", "/elsewhere/x"),
            Resolution::UnknownSitePath
        );
    }

    #[test]
    fn the_longest_prefix_decides() {
        let mut c = docset_config();
        c.check.external_prefixes = vec!["/".into(), "/product/docs/specs/".into()];
        let s = site(c);
        // "/" makes everything outside the docsets another site ...
        assert_eq!(
            res(&s, "en-US", "a/b.md", "/elsewhere/x"),
            Resolution::ExternalPrefix
        );
        // ... but not the docset, which is longer ...
        assert_eq!(
            res(&s, "en-US", "a/b.md", "/product/docs/none"),
            Resolution::UnknownSitePath
        );
        // ... and a longer external prefix inside the docset wins.
        assert_eq!(
            res(&s, "en-US", "a/b.md", "/product/docs/specs/x"),
            Resolution::ExternalPrefix
        );
        assert_eq!(
            res(&s, "en-US", "a/b.md", "/product/docs/specs"),
            Resolution::ExternalPrefix
        );
        // DocFX's YAML pages are published without their extension.
        assert!(matches!(
            res(&s, "en-US", "a/b.md", "/product/docs/Landing"),
            Resolution::Static { .. }
        ));
        // Pages of the site by their locale root still resolve.
        assert!(matches!(
            res(&s, "en-US", "a/b.md", "/nodes/"),
            Resolution::Article { .. }
        ));
    }

    #[test]
    fn case_insensitive_docsets_and_docset_root() {
        let s = site(docset_config());
        let page = "Docs/sub/Page.md";
        assert!(matches!(
            res(&s, "en-US", page, "../upper.md"),
            Resolution::Article {
                case: Case::Differs,
                ..
            }
        ));
        assert!(matches!(
            res(&s, "en-US", page, "../Upper.md"),
            Resolution::Article {
                case: Case::Exact,
                ..
            }
        ));
        assert!(matches!(
            res(&s, "en-US", page, "../Media/shot.PNG"),
            Resolution::Static {
                case: Case::Differs,
                ..
            }
        ));
        // Outside a case-insensitive docset, case counts.
        assert!(matches!(
            res(&s, "en-US", "a/b.md", "ONLY-EN.md"),
            Resolution::Missing { .. }
        ));
        // `~/` is the docset's root folder.
        assert_eq!(
            url_of(&s, &res(&s, "en-US", page, "~/Upper.md")),
            "/en-us/Docs/Upper/"
        );
        assert_eq!(
            url_of(&s, &res(&s, "en-US", "a/b.md", "~/nodes.md")),
            "/en-us/nodes/"
        );
    }

    #[test]
    fn redirect_maps_agree_for_relative_and_site_absolute_links() {
        let mut c = docset_config();
        c.redirects = vec![];
        let mut s = site(c);
        // A moved article in the default locale's map only.
        s.redirects.push(crate::model::site::RedirectEntry {
            locale: Some(0),
            from: "Docs/Old.md".into(),
            to: "/product/docs/upper".into(),
        });
        for t in ["../Docs/Old.md", "/product/docs/old"] {
            assert!(
                matches!(
                    res(&s, "ja-JP", "a/x.md", t),
                    Resolution::Redirected {
                        article: Some(_),
                        ..
                    }
                ),
                "{t}"
            );
        }
    }

    #[test]
    fn asset_dir_agrees_with_render() {
        assert_eq!(ASSET_DIR, crate::render::ASSET_DIR);
    }
}
