//! Link resolution: what a link written in an article points at. The
//! render stage uses it to rewrite hrefs and the check stage to report
//! problems, so the two can never disagree.
//!
//! Invariants: pure; a relative path is resolved against the folder of the
//! file that contains the link (an include's own folder for links inside
//! included text), within the locale of the page, after percent-decoding;
//! a path that climbs out of the locale directory is never looked up.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use crate::include::join;
use crate::model::site::{ArticleId, Site};

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
    },
    /// A static file of the site; `url` is where the output has it.
    Static { url: String, fallback: bool },
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
    /// A relative path that exists in no locale.
    Missing { rel: String },
    /// A relative path that climbs out of the locale directory.
    OutsideRoot,
}

/// Resolves links against one site. Build it once per build.
pub struct Resolver<'s> {
    site: &'s Site,
    /// Root-relative URL (without trailing slash, lower case) → articles.
    urls: HashMap<String, Vec<ArticleId>>,
    /// (locale, lower-case rel path) → article, for case-insensitive docsets.
    rel_lower: HashMap<(usize, String), ArticleId>,
    /// (locale or all, lower-case rel path) → redirect target.
    redirects: HashMap<(Option<usize>, String), String>,
}

/// A link split into its parts.
struct Parts<'a> {
    path: &'a str,
    fragment: Option<&'a str>,
}

fn split(target: &str) -> Parts<'_> {
    let (rest, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let path = rest.split_once('?').map(|(p, _)| p).unwrap_or(rest);
    Parts { path, fragment }
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

/// Percent-decodes a path or fragment (invalid UTF-8 kept lossy).
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

impl<'s> Resolver<'s> {
    pub fn new(site: &'s Site) -> Self {
        let mut urls: HashMap<String, Vec<ArticleId>> = HashMap::new();
        let mut rel_lower = HashMap::new();
        for (i, a) in site.articles.iter().enumerate() {
            urls.entry(decode(a.url.trim_end_matches('/')).to_lowercase())
                .or_default()
                .push(i);
            rel_lower.insert((a.locale, a.rel.to_lowercase()), i);
        }
        let mut redirects = HashMap::new();
        for r in &site.redirects {
            redirects.insert((r.locale, r.from.to_lowercase()), r.to.clone());
        }
        Resolver {
            site,
            urls,
            rel_lower,
            redirects,
        }
    }

    /// Resolves `target`, written in a file whose path relative to its
    /// locale directory is `from_rel`, for a page of locale `locale`.
    pub fn resolve(&self, locale: usize, from_rel: &str, target: &str) -> Resolution {
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
            return self.site_absolute(locale, &path, fragment);
        }
        let base = from_rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        let Some(rel) = join(base, &path) else {
            return Resolution::OutsideRoot;
        };
        self.relative(locale, rel, fragment)
    }

    fn relative(&self, locale: usize, rel: String, fragment: Option<String>) -> Resolution {
        let site = self.site;
        let default = site.default_locale;
        let is_md = rel.to_ascii_lowercase().ends_with(".md");
        let candidates: Vec<String> = if is_md || rel.is_empty() {
            vec![if rel.is_empty() {
                "index.md".to_string()
            } else {
                rel.clone()
            }]
        } else {
            let trimmed = rel.trim_end_matches('/');
            vec![format!("{trimmed}.md"), format!("{trimmed}/index.md")]
        };
        for (loc, fallback) in [(locale, false), (default, true)] {
            if fallback && loc == locale {
                continue;
            }
            for c in &candidates {
                if let Some(article) = site.article_at(loc, c) {
                    return Resolution::Article {
                        article,
                        fragment,
                        fallback,
                    };
                }
            }
            if !is_md {
                if let Some(st) = site.static_at(loc, &rel) {
                    return Resolution::Static {
                        url: site.static_url(st),
                        fallback,
                    };
                }
            }
        }
        for loc in [Some(locale), None, Some(default)] {
            if let Some(to) = self.redirects.get(&(loc, rel.to_lowercase())) {
                return self.redirected(locale, to, fragment);
            }
        }
        if !is_md && rel.ends_with('/') {
            // A folder link to a folder without index.md: the locale index
            // lists it only when it is the locale root.
        }
        Resolution::Missing { rel }
    }

    fn redirected(&self, locale: usize, to: &str, fragment: Option<String>) -> Resolution {
        let article = if scheme(to).is_some() {
            None
        } else if to.starts_with('/') {
            match self.site_absolute(locale, to, None) {
                Resolution::Article { article, .. } => Some(article),
                _ => None,
            }
        } else {
            join("", to).and_then(|rel| {
                self.site
                    .article_at(locale, &rel)
                    .or_else(|| self.site.article_at(self.site.default_locale, &rel))
            })
        };
        Resolution::Redirected {
            to: to.to_string(),
            article,
            fragment,
        }
    }

    fn site_absolute(&self, locale: usize, path: &str, fragment: Option<String>) -> Resolution {
        let site = self.site;
        let base = site.base_path.as_str();
        let local = path
            .strip_prefix(base)
            .filter(|p| p.starts_with('/'))
            .unwrap_or(path);
        let key = local
            .trim_end_matches("index.html")
            .trim_end_matches('/')
            .to_lowercase();
        if let Some(ids) = self.urls.get(&format!("{base}{key}").to_lowercase()) {
            // Case-sensitive match first; case-insensitive only if unique.
            let exact = ids.iter().copied().find(|&i| {
                decode(site.articles[i].url.trim_end_matches('/'))
                    == format!(
                        "{base}{}",
                        local.trim_end_matches("index.html").trim_end_matches('/')
                    )
            });
            if let Some(article) = exact.or_else(|| (ids.len() == 1).then(|| ids[0])) {
                return Resolution::Article {
                    article,
                    fragment,
                    fallback: false,
                };
            }
        }
        for d in &site.config.check.docsets {
            let prefix = d.url.trim_end_matches('/');
            let rest = if d.case_insensitive {
                (local.len() >= prefix.len()
                    && local.is_char_boundary(prefix.len())
                    && local[..prefix.len()].eq_ignore_ascii_case(prefix))
                .then(|| &local[prefix.len()..])
            } else {
                local.strip_prefix(prefix)
            };
            let Some(rest) = rest else { continue };
            if !(rest.is_empty() || rest.starts_with('/')) {
                continue;
            }
            let rest = rest.trim_start_matches('/').trim_end_matches('/');
            let folder = d.folder.trim_matches('/');
            let rel = if rest.is_empty() {
                format!("{folder}/index")
            } else {
                format!("{folder}/{rest}")
            };
            let rel = rel.strip_suffix(".md").unwrap_or(&rel).to_string();
            for loc in [locale, site.default_locale] {
                for cand in [format!("{rel}.md"), format!("{rel}/index.md")] {
                    let hit = if d.case_insensitive {
                        self.rel_lower.get(&(loc, cand.to_lowercase())).copied()
                    } else {
                        site.article_at(loc, &cand)
                    };
                    if let Some(article) = hit {
                        return Resolution::Article {
                            article,
                            fragment,
                            fallback: loc != locale,
                        };
                    }
                }
            }
            for l in [Some(locale), None] {
                if let Some(to) = self.redirects.get(&(l, format!("{rel}.md").to_lowercase())) {
                    return self.redirected(locale, to, fragment);
                }
            }
            return Resolution::UnknownSitePath;
        }
        let lower = local.to_lowercase();
        if site
            .config
            .check
            .external_prefixes
            .iter()
            .any(|p| lower.starts_with(&p.to_lowercase()))
        {
            return Resolution::ExternalPrefix;
        }
        // Static files and theme assets by URL.
        for st in &site.statics {
            if site.static_url(st).eq_ignore_ascii_case(path) {
                return Resolution::Static {
                    url: path.to_string(),
                    fallback: false,
                };
            }
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
            Resolution::Static { url, .. } => Some(url.clone()),
            Resolution::Redirected {
                article: Some(a),
                fragment,
                ..
            } => Some(with_fragment(&self.site.articles[*a].url, fragment)),
            Resolution::Redirected {
                to,
                article: None,
                fragment,
            } if scheme(to).is_some() => Some(with_fragment(to, fragment)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::read::discover::{Discovered, FileKind, SourceFile};

    fn site(config: Config) -> Site {
        let f = |l: &str, r: &str| SourceFile {
            path: format!("content/{l}/{r}"),
            locale: l.into(),
            rel: r.into(),
            text: "# T\n".into(),
            kind: FileKind::Article,
        };
        let d = Discovered {
            locales: vec!["en-US".into(), "ja-JP".into()],
            sources: vec![
                f("en-US", "a/b.md"),
                f("en-US", "a/only-en.md"),
                f("ja-JP", "a/b.md"),
                f("en-US", "Docs/Upper.md"),
            ],
            ..Default::default()
        };
        crate::model::site::build(&config, d, Some("en-US")).0
    }

    #[test]
    fn relative_links() {
        let s = site(Config::zero("/s"));
        let r = Resolver::new(&s);
        let ja = 1;
        match r.resolve(ja, "a/x.md", "b.md#Frag%20x") {
            Resolution::Article {
                article,
                fragment,
                fallback,
            } => {
                assert_eq!(s.articles[article].url, "/ja-jp/a/b/");
                assert_eq!(fragment.as_deref(), Some("Frag x"));
                assert!(!fallback);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            r.resolve(ja, "a/x.md", "only-en.md"),
            Resolution::Article { fallback: true, .. }
        ));
        assert_eq!(
            r.resolve(ja, "a/x.md", "../../x.md"),
            Resolution::OutsideRoot
        );
        assert_eq!(
            r.resolve(ja, "a/x.md", "nope.md"),
            Resolution::Missing {
                rel: "a/nope.md".into()
            }
        );
        assert_eq!(
            r.resolve(ja, "a/x.md", "https://x.org"),
            Resolution::External
        );
        assert_eq!(
            r.resolve(ja, "a/x.md", "mailto:a@b.c"),
            Resolution::OtherScheme
        );
        assert_eq!(
            r.resolve(ja, "a/x.md", "#top"),
            Resolution::SamePage {
                fragment: Some("top".into())
            }
        );
        assert_eq!(
            r.href(&r.resolve(ja, "a/x.md", "./b.md?x=1#f")).as_deref(),
            Some("/ja-jp/a/b/#f")
        );
    }

    #[test]
    fn links_are_compared_in_nfc() {
        // `é` written decomposed (NFD), percent-encoded, as macOS tools do.
        assert_eq!(decode("caf%65%CC%81.md"), "caf\u{e9}.md");
        assert_eq!(decode("cafe\u{301}"), "caf\u{e9}");
    }

    #[test]
    fn site_absolute_and_docsets() {
        let mut c = Config::zero("/s");
        c.check.docsets.push(crate::config::Docset {
            folder: "Docs".into(),
            url: "/Product/Docs/".into(),
            case_insensitive: true,
        });
        c.check.external_prefixes.push("/powershell/".into());
        let s = site(c);
        let r = Resolver::new(&s);
        assert!(matches!(
            r.resolve(0, "a/b.md", "/en-us/a/b/"),
            Resolution::Article { .. }
        ));
        assert!(matches!(
            r.resolve(0, "a/b.md", "/product/docs/upper"),
            Resolution::Article { .. }
        ));
        assert_eq!(
            r.resolve(0, "a/b.md", "/product/docs/none"),
            Resolution::UnknownSitePath
        );
        assert_eq!(
            r.resolve(0, "a/b.md", "/PowerShell/module/x"),
            Resolution::ExternalPrefix
        );
        assert_eq!(
            r.resolve(0, "a/b.md", "/elsewhere/x"),
            Resolution::UnknownSitePath
        );
    }
}
