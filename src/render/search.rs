//! The full-text search index of a built site: Pagefind, as a library,
//! over the rendered pages, in memory. One index per `<html lang>` (Pagefind
//! splits by language; `extended` segments Chinese, Japanese and Korean).
//! The theme's search box loads `_stele/pagefind/pagefind.js`.
//!
//! Invariants: only what the theme marks `data-pagefind-body` is indexed:
//! the article body and its title, not the navigation, breadcrumb, notices
//! or table of contents; a fallback page (a locale showing another locale's
//! text) is not marked, so each text is indexed once, in its own language;
//! machine-translation originals (`.sxs-lookup`, kept by `stele serve`) are
//! left out. Output is deterministic for the same pages.

use anyhow::{Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{ASSET_DIR, Page};

/// The folder of the index in the output, under the assets folder.
pub const DIR: &str = "pagefind";

/// The attribute that marks the indexed part of a page.
pub const BODY_ATTR: &str = "data-pagefind-body";

/// What the index cost: pages indexed and the files written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
}

/// Whether a rendered page is to be indexed.
fn indexed(p: &Page) -> bool {
    p.path.ends_with(".html")
        && p.bytes
            .windows(BODY_ATTR.len())
            .any(|w| w == BODY_ATTR.as_bytes())
}

/// Builds the index of `pages` and returns its files as pages under
/// `_stele/pagefind/`. An `Err` is a failure of Pagefind itself (no
/// content problem can cause one).
pub fn index(pages: &[Page]) -> Result<(Vec<Page>, Stats)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the search indexer")?;
    runtime.block_on(index_async(pages))
}

async fn index_async(pages: &[Page]) -> Result<(Vec<Page>, Stats)> {
    let options = PagefindServiceConfig::builder()
        .keep_index_url(false)
        .exclude_selectors(vec![
            ".sxs-lookup".to_string(),
            "[data-pagefind-ignore]".to_string(),
        ])
        .build();
    let mut index = PagefindIndex::new(Some(options)).context("configuring the search index")?;
    let mut stats = Stats::default();
    for p in pages.iter().filter(|p| indexed(p)) {
        let html = String::from_utf8_lossy(&p.bytes).into_owned();
        index
            .add_html_file(Some(p.path.clone()), None, html)
            .await
            .with_context(|| format!("indexing `{}` for search", p.path))?;
        stats.pages += 1;
    }
    let mut files = index
        .get_files()
        .await
        .context("building the search index")?;
    files.sort_by(|a, b| a.filename.cmp(&b.filename));
    let out: Vec<Page> = files
        .into_iter()
        // The playground and Pagefind's own UI are not used by the theme.
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
        .collect();
    stats.files = out.len();
    stats.bytes = out.iter().map(|p| p.bytes.len()).sum();
    Ok((out, stats))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, lang: &str, body: &str, marked: bool) -> Page {
        let attr = if marked { " data-pagefind-body" } else { "" };
        Page {
            path: path.into(),
            bytes: format!(
                "<!doctype html><html lang=\"{lang}\"><head><title>t</title></head><body>\
                 <nav>navigationonly</nav><div{attr}>{body}</div></body></html>"
            )
            .into_bytes(),
        }
    }

    #[test]
    fn one_index_per_language_of_marked_pages_only() {
        let pages = vec![
            page(
                "en-us/a/index.html",
                "en-US",
                "<h1>Assets</h1><p>Asset ids.</p>",
                true,
            ),
            page(
                "ja-jp/a/index.html",
                "ja-JP",
                "<h1>翻訳</h1><p>翻訳の状態。</p>",
                true,
            ),
            // A fallback page: the same English text under ja-JP, not marked.
            page("ja-jp/b/index.html", "ja-JP", "<h1>Fallback</h1>", false),
            page("index.html", "en-US", "<p>root</p>", false),
        ];
        let (files, stats) = index(&pages).unwrap();
        assert_eq!(stats.pages, 2);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(names.contains(&"_stele/pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"_stele/pagefind/pagefind-entry.json"));
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
        let (again, _) = index(&pages).unwrap();
        assert!(
            files
                .iter()
                .zip(&again)
                .all(|(a, b)| a.path == b.path && a.bytes == b.bytes)
        );
    }
}
