//! Pages for moved articles: every entry of the redirect map (DocFX's
//! `.openpublishing.redirection.json`, `redirects` in stele.toml) gets a
//! small page at the old URL that sends visitors and crawlers on.
//!
//! Invariants: pure; a redirect never replaces a page of an article that
//! exists at the old path; one page per (locale, old path), in a stable order.

use std::collections::BTreeMap;

use crate::analyze::links::Resolver;
use crate::html::escape_attr;
use crate::model::site::{self, Site};
use crate::render::{Finished, Page};

/// The redirect pages, as a [`crate::render::PageProducer`].
pub fn producer(f: &Finished<'_>) -> Vec<Page> {
    pages(f.site, f.resolver)
}

/// The redirect pages of the site.
pub fn pages(site: &Site, resolver: &Resolver) -> Vec<Page> {
    let mut out: BTreeMap<String, Page> = BTreeMap::new();
    for r in &site.redirects {
        let locales: Vec<usize> = match r.locale {
            Some(l) => vec![l],
            None => (0..site.locales.len()).collect(),
        };
        let from = r.from.trim_start_matches('/');
        if !from.to_ascii_lowercase().ends_with(".md") {
            continue; // site-absolute URL paths are served by the host, not by a page here
        }
        for l in locales {
            if site.article_at(l, from).is_some() {
                continue;
            }
            let (_, file) = site::page_path(from);
            let path = format!("{}/{}", site.locales[l].slug, file);
            let href = resolver.redirect_href(l, &r.to);
            out.entry(path.clone()).or_insert_with(|| Page {
                path,
                bytes: page(&href, &site.locales[l].tag).into_bytes(),
            });
        }
    }
    out.into_values().collect()
}

fn page(href: &str, lang: &str) -> String {
    let h = escape_attr(href);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{h}\">\n<meta http-equiv=\"refresh\" content=\"0; url={h}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{h}\">{h}</a>.</p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Redirect};
    use crate::read::discover::{Discovered, FileKind, SourceFile};

    #[test]
    fn moved_articles_get_a_page_at_the_old_url() {
        let f = |l: &str, r: &str| SourceFile {
            path: format!("content/{l}/{r}"),
            locale: l.into(),
            rel: r.into(),
            text: "# T\n".into(),
            kind: FileKind::Article,
        };
        let mut config = Config::zero("/s");
        config.redirects = vec![
            Redirect {
                from: "old/page.md".into(),
                to: "new/page.md".into(),
            },
            Redirect {
                from: "new/page.md".into(),
                to: "elsewhere.md".into(),
            },
            Redirect {
                from: "ext.md".into(),
                to: "https://example.com/x".into(),
            },
        ];
        let d = Discovered {
            locales: vec!["en-US".into(), "ja-JP".into()],
            sources: vec![f("en-US", "new/page.md"), f("ja-JP", "new/page.md")],
            ..Default::default()
        };
        let site = crate::model::site::build(&config, d, Some("en-US")).0;
        let resolver = Resolver::new(&site);
        let pages = pages(&site, &resolver);
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        // `new/page.md` exists, so it is never replaced by a redirect.
        assert_eq!(
            paths,
            [
                "en-us/ext/index.html",
                "en-us/old/page/index.html",
                "ja-jp/ext/index.html",
                "ja-jp/old/page/index.html"
            ]
        );
        let ja = String::from_utf8(pages[3].bytes.clone()).unwrap();
        assert!(
            ja.contains("url=/ja-jp/new/page/")
                && ja.contains("rel=\"canonical\" href=\"/ja-jp/new/page/\""),
            "{ja}"
        );
        let ext = String::from_utf8(pages[0].bytes.clone()).unwrap();
        assert!(ext.contains("https://example.com/x"));
    }
}
