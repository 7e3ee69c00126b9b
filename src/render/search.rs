//! The full-text search index of a built site: Pagefind, as a library, in
//! memory. One index per `<html lang>` (Pagefind splits by language;
//! `extended` segments Chinese, Japanese and Korean). The theme's search
//! box loads `_stele/pagefind/pagefind.js`.
//!
//! Invariants: what is indexed is each article's own HTML and title, once,
//! in its own locale ([`docs`]): never the page chrome (navigation,
//! breadcrumb, notices, table of contents), never a fallback page (a locale
//! showing another locale's text), never machine-translation originals
//! (`.sxs-lookup`, which `stele serve` keeps). The page HTML is not
//! parsed again: the sidebar is most of each page's bytes. Output is
//! deterministic for the same documents.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use super::{ASSET_DIR, Page};
use crate::html::escape;
use crate::markdown::ArticleOutput;
use crate::model::site::Site;

/// The folder of the index in the output, under the assets folder.
pub const DIR: &str = "pagefind";

/// One article to index.
#[derive(Clone, Debug)]
pub struct Doc {
    /// URL path from the site root, without the base path: `/ja-jp/a/`
    /// (the search box prefixes the root it is served under).
    pub url: String,
    /// The article's locale tag (`ja-JP`): its index.
    pub lang: String,
    pub title: String,
    /// The article's HTML, as rendered by the Markdown stage.
    pub html: String,
}

/// What the index cost: pages indexed and the files written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
}

/// The documents of a site: every article, in its own locale, in article order.
pub fn docs(site: &Site, outputs: &[ArticleOutput]) -> Vec<Doc> {
    outputs
        .iter()
        .map(|o| {
            let a = &site.articles[o.article];
            let url = a
                .url
                .strip_prefix(&site.base_path)
                .unwrap_or(&a.url)
                .to_string();
            Doc {
                url,
                lang: site.locales[a.locale].tag.clone(),
                title: o.title.clone(),
                html: o.rendered.html.clone(),
            }
        })
        .collect()
}

/// Builds the index of `docs` and returns its files as pages under
/// `_stele/pagefind/`. Each language is its own Pagefind index, so the
/// languages are indexed in parallel and merged: the shared files
/// (`pagefind.js`, …) are the same in each, and `pagefind-entry.json`
/// lists every language. An `Err` is a failure of Pagefind itself (no
/// content problem can cause one).
pub fn index(docs: &[Doc]) -> Result<(Vec<Page>, Stats)> {
    let mut by_lang: BTreeMap<String, Vec<&Doc>> = BTreeMap::new();
    for d in docs {
        by_lang
            .entry(d.lang.to_ascii_lowercase())
            .or_default()
            .push(d);
    }
    let parts: Vec<Result<Vec<Page>>> = by_lang
        .into_par_iter()
        .map(|(_, docs)| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("starting the search indexer")?;
            runtime.block_on(index_one(&docs))
        })
        .collect();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut languages = serde_json::Map::new();
    let mut entry: Option<serde_json::Value> = None;
    for part in parts {
        for p in part? {
            if p.path.ends_with("/pagefind-entry.json") {
                let mut v: serde_json::Value = serde_json::from_slice(&p.bytes)
                    .context("reading Pagefind's pagefind-entry.json")?;
                if let Some(serde_json::Value::Object(l)) =
                    v.get_mut("languages").map(std::mem::take)
                {
                    languages.extend(l);
                }
                entry.get_or_insert(v);
                continue;
            }
            files.entry(p.path).or_insert(p.bytes);
        }
    }
    if let Some(mut v) = entry {
        v["languages"] = serde_json::Value::Object(languages);
        files.insert(
            format!("{ASSET_DIR}/{DIR}/pagefind-entry.json"),
            serde_json::to_vec(&v).context("writing pagefind-entry.json")?,
        );
    }
    let out: Vec<Page> = files
        .into_iter()
        .map(|(path, bytes)| Page { path, bytes })
        .collect();
    let stats = Stats {
        pages: docs.len(),
        files: out.len(),
        bytes: out.iter().map(|p| p.bytes.len()).sum(),
    };
    Ok((out, stats))
}

/// The index of one language's documents.
async fn index_one(docs: &[&Doc]) -> Result<Vec<Page>> {
    let options = PagefindServiceConfig::builder()
        .keep_index_url(false)
        .exclude_selectors(vec![".sxs-lookup".to_string()])
        .build();
    let mut index = PagefindIndex::new(Some(options)).context("configuring the search index")?;
    for d in docs {
        let html = format!(
            "<!doctype html><html lang=\"{}\"><head><title>{}</title></head>\
             <body><main data-pagefind-body data-pagefind-meta=\"title:{}\">{}</main></body></html>",
            escape(&d.lang),
            escape(&d.title),
            escape(&d.title),
            d.html
        );
        index
            .add_html_file(None, Some(d.url.clone()), html)
            .await
            .with_context(|| format!("indexing `{}` for search", d.url))?;
    }
    let files = index
        .get_files()
        .await
        .context("building the search index")?;
    Ok(files
        .into_iter()
        // The playground and Pagefind's own UIs are not used by the theme.
        .filter(|f| {
            let name = f.filename.to_string_lossy();
            !name.starts_with("playground")
                && !name.starts_with("pagefind-ui")
                && !name.starts_with("pagefind-modular-ui")
                && !name.starts_with("pagefind-component-ui")
        })
        .map(|f| Page {
            path: format!(
                "{ASSET_DIR}/{DIR}/{}",
                f.filename.to_string_lossy().replace('\\', "/")
            ),
            bytes: f.contents,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, lang: &str, title: &str, html: &str) -> Doc {
        Doc {
            url: url.into(),
            lang: lang.into(),
            title: title.into(),
            html: html.into(),
        }
    }

    #[test]
    fn one_index_per_language() {
        let docs = vec![
            doc(
                "/en-us/a/",
                "en-US",
                "Assets",
                "<h1>Assets</h1><p>Asset ids.</p>",
            ),
            doc(
                "/ja-jp/a/",
                "ja-JP",
                "翻訳",
                "<h1>翻訳</h1><p>翻訳の状態。<span class=\"sxs-lookup\">originalonly</span></p>",
            ),
        ];
        let (files, stats) = index(&docs).unwrap();
        assert_eq!(stats.pages, 2);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"_stele/pagefind/pagefind.js"), "{names:?}");
        let entry = files
            .iter()
            .find(|f| f.path.ends_with("pagefind-entry.json"))
            .unwrap();
        let entry = String::from_utf8_lossy(&entry.bytes);
        assert!(entry.contains("\"en-us\""), "{entry}");
        assert!(entry.contains("\"ja-jp\""), "{entry}");
        assert!(
            !names.iter().any(|n| n.contains("pagefind-ui")),
            "{names:?}"
        );
        // Deterministic.
        let (again, _) = index(&docs).unwrap();
        assert_eq!(files.len(), again.len());
        assert!(
            files
                .iter()
                .zip(&again)
                .all(|(a, b)| a.path == b.path && a.bytes == b.bytes)
        );
    }
}
