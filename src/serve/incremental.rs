//! Incremental rebuilds for `stele serve`: caches of the file texts
//! ([`Texts`], by path and [`Stamp`]), of the frontmatter, Markdown and
//! render stages, and the list of pages a rebuild changed.
//!
//! Rendered templates are memoized by the key render computes
//! ([`crate::render::PageFn`]: a hash of everything the template sees), so
//! a page is rendered again only when its view changed: its article, the
//! titles and paths of its folder's sidebar, its translation group's
//! switcher, the source beside it, the UI strings or the theme.
//!
//! Frontmatter is memoized by the BLAKE3 hash of (path, text): its parse is
//! a pure function of the two.
//!
//! The Markdown stage is the expensive one. [`Cache`] memoizes it: an entry
//! is keyed by the BLAKE3 hash of an article's text after include expansion
//! (and the render options) and records every link rewrite the renderer asked for, with the answer
//! it got. An entry is reused only when the text hashes equal and every
//! recorded rewrite gets the same answer from the new build's resolver.
//! Since `markdown::render` is a pure function of its text and of those
//! answers, a reused result is exactly what rendering again would return;
//! so an article is re-parsed when its file or one of its includes changed,
//! or when a link in it now resolves differently (its target was added,
//! removed or moved), and not otherwise.
//!
//! Invariants: pure (no I/O); a cached build returns the same pages and
//! diagnostics as [`pipeline::run_with`] without the cache (tested); entries
//! not used by the latest build are dropped, so memory follows the site.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;
use crate::markdown::{self, RenderOptions, Rendered};
use crate::pipeline::{self, Built, Inputs};
use crate::read::discover::Stamp;
use crate::read::frontmatter::{self, Frontmatter};
use crate::render::Mode;

/// One rewrite the renderer asked for, and the answer.
#[derive(Clone, Debug)]
struct Rewrite {
    target: String,
    range: Range<usize>,
    href: Option<String>,
}

#[derive(Clone, Debug)]
struct Entry {
    rewrites: Vec<Rewrite>,
    rendered: Rendered,
}

/// At most this many entries per text (identical texts whose links resolve
/// differently, e.g. the same stub in several folders).
const MAX_PER_HASH: usize = 8;

/// What a cached build did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Articles of the build.
    pub articles: usize,
    /// Articles whose Markdown was parsed again (the rest came from the cache).
    pub parsed: usize,
    /// Files whose frontmatter was parsed again.
    pub frontmatter_parsed: usize,
    /// Templates rendered again (pages and folder sidebars; the rest came
    /// from the cache).
    pub rendered: usize,
    /// Output paths of the pages that are new or differ from the previous
    /// build's, sorted.
    pub changed_pages: Vec<String>,
    /// Output paths of the previous build's pages that are gone, sorted.
    pub removed_pages: Vec<String>,
}

type Parsed = Arc<(Frontmatter, Vec<Diagnostic>)>;

/// The decoded texts of the site's files by path and [`Stamp`], for
/// [`pipeline::load_with`]: a file whose stamp did not change is not read
/// again. Only texts that were read without a diagnostic are kept.
#[derive(Default)]
pub struct Texts {
    old: HashMap<PathBuf, (Stamp, Arc<String>)>,
    next: Mutex<HashMap<PathBuf, (Stamp, Arc<String>)>>,
    read: AtomicUsize,
}

impl Texts {
    /// A [`crate::read::discover::TextFn`].
    pub fn text(
        &self,
        path: &Path,
        stamp: Stamp,
        read: &dyn Fn() -> Result<String, Diagnostic>,
    ) -> Result<String, Diagnostic> {
        let entry = match self.old.get(path) {
            Some((s, text)) if *s == stamp => Arc::clone(text),
            _ => {
                self.read.fetch_add(1, Ordering::Relaxed);
                Arc::new(read()?)
            }
        };
        let text = String::clone(&entry);
        if let Ok(mut next) = self.next.lock() {
            next.insert(path.to_path_buf(), (stamp, entry));
        }
        Ok(text)
    }

    /// Ends a load: keeps the texts it asked for, forgets the others, and
    /// returns how many files it read.
    pub fn finish(&mut self) -> usize {
        self.old = std::mem::take(self.next.get_mut().unwrap_or_else(|p| p.into_inner()));
        std::mem::take(self.read.get_mut())
    }

    /// Forgets the text of `path` (the watcher saw it change: a save within
    /// the file system's timestamp granularity that keeps the size would
    /// otherwise keep its stamp).
    pub fn forget(&mut self, path: &Path) {
        self.old.remove(path);
    }

    /// Forgets every text.
    pub fn clear(&mut self) {
        self.old.clear();
        if let Ok(next) = self.next.get_mut() {
            next.clear();
        }
    }
}

/// The incremental build cache. One per `stele serve`.
pub struct Cache {
    mode: Mode,
    /// Frontmatter by hash of (path, text).
    frontmatter: HashMap<blake3::Hash, Parsed>,
    markdown: HashMap<blake3::Hash, Vec<Arc<Entry>>>,
    /// Rendered templates by the hash of everything they saw ([`render::PageFn`]).
    /// (bytes, hash of the bytes)
    rendered: HashMap<blake3::Hash, Arc<(String, blake3::Hash)>>,
    /// Hash of every page of the previous build.
    pages: HashMap<String, blake3::Hash>,
}

impl Cache {
    pub fn new(mode: Mode) -> Cache {
        Cache {
            mode,
            frontmatter: HashMap::new(),
            markdown: HashMap::new(),
            rendered: HashMap::new(),
            pages: HashMap::new(),
        }
    }

    /// Forgets every cached result (a theme or configuration change); the
    /// next build parses everything but still reports changed pages.
    pub fn clear(&mut self) {
        self.frontmatter.clear();
        self.markdown.clear();
        self.rendered.clear();
    }

    /// Runs the pipeline, reusing what the previous builds computed.
    pub fn build(&mut self, inputs: Inputs) -> (Built, Stats) {
        let old = &self.markdown;
        let next: Mutex<HashMap<blake3::Hash, Vec<Arc<Entry>>>> = Mutex::new(HashMap::new());
        let parsed = AtomicUsize::new(0);
        let memo = |src: &str, rewrite: &markdown::Rewrite, options: RenderOptions| -> Rendered {
            let mut hasher = blake3::Hasher::new();
            hasher.update(&[options.mt_originals as u8, options.heading_ids as u8]);
            hasher.update(src.as_bytes());
            let hash = hasher.finalize();
            let hit = old.get(&hash).and_then(|entries| {
                entries.iter().find(|e| {
                    e.rewrites
                        .iter()
                        .all(|r| rewrite(&r.target, r.range.clone()) == r.href)
                })
            });
            let entry = match hit {
                Some(e) => Arc::clone(e),
                None => {
                    parsed.fetch_add(1, Ordering::Relaxed);
                    let calls = RefCell::new(Vec::new());
                    let recording = |target: &str, range: Range<usize>| {
                        let href = rewrite(target, range.clone());
                        calls.borrow_mut().push(Rewrite {
                            target: target.to_string(),
                            range,
                            href: href.clone(),
                        });
                        href
                    };
                    let rendered = markdown::render(src, &recording, options);
                    Arc::new(Entry {
                        rewrites: calls.into_inner(),
                        rendered,
                    })
                }
            };
            let rendered = entry.rendered.clone();
            if let Ok(mut next) = next.lock() {
                let list = next.entry(hash).or_default();
                if list.len() < MAX_PER_HASH {
                    list.push(entry);
                }
            }
            rendered
        };
        let old_fm = &self.frontmatter;
        let next_fm: Mutex<HashMap<blake3::Hash, Parsed>> = Mutex::new(HashMap::new());
        let fm_parsed = AtomicUsize::new(0);
        let fm_memo = |path: &str, text: &str| -> (Frontmatter, Vec<Diagnostic>) {
            let mut hasher = blake3::Hasher::new();
            hasher.update(path.as_bytes());
            hasher.update(&[0]);
            hasher.update(text.as_bytes());
            let hash = hasher.finalize();
            let entry = match old_fm.get(&hash) {
                Some(e) => Arc::clone(e),
                None => {
                    fm_parsed.fetch_add(1, Ordering::Relaxed);
                    Arc::new(frontmatter::parse(path, text))
                }
            };
            let result = (entry.0.clone(), entry.1.clone());
            if let Ok(mut next) = next_fm.lock() {
                next.insert(hash, entry);
            }
            result
        };
        let old_rendered = &self.rendered;
        let next_rendered: Mutex<HashMap<blake3::Hash, Arc<(String, blake3::Hash)>>> =
            Mutex::new(HashMap::new());
        let rendered = AtomicUsize::new(0);
        let page_hashes: Mutex<HashMap<String, blake3::Hash>> = Mutex::new(HashMap::new());
        let render_memo = |key: &dyn Fn() -> blake3::Hash,
                           page: Option<&str>,
                           render: &dyn Fn() -> Result<String, Diagnostic>|
         -> Result<String, Diagnostic> {
            let key = key();
            let entry = match old_rendered.get(&key) {
                Some(e) => Arc::clone(e),
                None => {
                    rendered.fetch_add(1, Ordering::Relaxed);
                    let html = render()?;
                    let hash = blake3::hash(html.as_bytes());
                    Arc::new((html, hash))
                }
            };
            let out = entry.0.clone();
            if let Some(path) = page {
                if let Ok(mut hashes) = page_hashes.lock() {
                    hashes.insert(path.to_string(), entry.1);
                }
            }
            if let Ok(mut next) = next_rendered.lock() {
                next.insert(key, entry);
            }
            Ok(out)
        };
        let stages = pipeline::Stages {
            frontmatter: &fm_memo,
            markdown: &memo,
            render: &render_memo,
            producers: pipeline::PAGE_PRODUCERS,
        };
        let built = pipeline::run_with(inputs, self.mode, &stages);
        self.markdown = next.into_inner().unwrap_or_default();
        self.frontmatter = next_fm.into_inner().unwrap_or_default();
        self.rendered = next_rendered.into_inner().unwrap_or_default();

        // Rendered pages come with the hash of their bytes; the others
        // (sitemap, assets, redirects, status) are hashed here.
        let known = page_hashes.into_inner().unwrap_or_default();
        let pages: HashMap<String, blake3::Hash> = built
            .pages
            .iter()
            .map(|p| {
                (
                    p.path.clone(),
                    known
                        .get(&p.path)
                        .copied()
                        .unwrap_or_else(|| blake3::hash(&p.bytes)),
                )
            })
            .collect();
        let mut changed: Vec<String> = pages
            .iter()
            .filter(|(path, h)| self.pages.get(*path) != Some(h))
            .map(|(p, _)| p.clone())
            .collect();
        changed.sort();
        let mut removed: Vec<String> = self
            .pages
            .keys()
            .filter(|p| !pages.contains_key(*p))
            .cloned()
            .collect();
        removed.sort();
        self.pages = pages;
        let stats = Stats {
            articles: built.site.articles.len(),
            parsed: parsed.into_inner(),
            frontmatter_parsed: fm_parsed.into_inner(),
            rendered: rendered.into_inner(),
            changed_pages: changed,
            removed_pages: removed,
        };
        (built, stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use std::fs;
    use std::path::Path;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn load(root: &Path) -> Inputs {
        pipeline::load(Config::load(root, &Overrides::default()).unwrap()).unwrap()
    }

    fn full(root: &Path) -> Built {
        pipeline::run_with(load(root), Mode::Serve, &pipeline::Stages::direct())
    }

    fn pages(b: &Built) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = b
            .pages
            .iter()
            .map(|p| (p.path.clone(), p.bytes.clone()))
            .collect();
        v.sort();
        v
    }

    fn diags(b: &Built) -> Vec<String> {
        b.diagnostics.iter().map(|d| format!("{d:?}")).collect()
    }

    fn assert_same(cached: &Built, root: &Path) {
        let fresh = full(root);
        assert_eq!(
            pages(cached),
            pages(&fresh),
            "cached build differs from a full build"
        );
        assert_eq!(diags(cached), diags(&fresh));
        assert_eq!(
            format!("{:?}", cached.summary),
            format!("{:?}", fresh.summary)
        );
    }

    #[test]
    fn incremental_rebuilds_equal_full_builds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "content/en-US/index.md",
            "---\nms.assetid: home\n---\n# Home\n\nSee [guide](guide.md#setup) and [new](new.md).\n",
        );
        write(
            root,
            "content/en-US/guide.md",
            "---\nms.assetid: guide\n---\n# Guide\n\n## Setup\n\n[!INCLUDE [note](includes/note.md)]\n",
        );
        write(
            root,
            "content/en-US/other.md",
            "# Other\n\nNothing links here.\n",
        );
        write(root, "content/en-US/includes/note.md", "A note.\n");
        write(
            root,
            "content/ja-JP/index.md",
            "---\nms.assetid: home\n---\n# ホーム\n\n[ガイド](guide.md)\n",
        );
        write(
            root,
            "content/ja-JP/guide.md",
            "---\nms.assetid: guide\n---\n# ガイド\n",
        );

        let mut cache = Cache::new(Mode::Serve);
        let mut texts = Texts::default();
        let mut load = |root: &Path| {
            let config = Config::load(root, &Overrides::default()).unwrap();
            let t = &texts;
            let inputs = pipeline::load_with(config, &|p, st, r| t.text(p, st, r)).unwrap();
            texts.finish();
            inputs
        };
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        assert_eq!(s.parsed, 5, "the first build parses every article");
        assert_eq!(s.frontmatter_parsed, 6, "and every file's frontmatter");
        assert_eq!(s.changed_pages.len(), b.pages.len());

        // Nothing changed: nothing parsed, no page changed.
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        assert_eq!(
            (
                s.parsed,
                s.frontmatter_parsed,
                s.rendered,
                s.changed_pages.len()
            ),
            (0, 0, 0, 0)
        );

        // Edit one article: only it is parsed again.
        write(root, "content/en-US/other.md", "# Other\n\nEdited.\n");
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        assert_eq!((s.parsed, s.frontmatter_parsed), (1, 1));
        assert_eq!(
            s.rendered, 1,
            "only its page is rendered again (its title, so the sidebars, did not change)"
        );
        assert_eq!(s.changed_pages, ["en-us/other/index.html"]);

        // Edit an include: the article including it is parsed again.
        write(root, "content/en-US/includes/note.md", "A changed note.\n");
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        assert_eq!(s.parsed, 1);
        assert!(
            s.changed_pages
                .iter()
                .any(|p| p == "en-us/guide/index.html"),
            "{:?}",
            s.changed_pages
        );

        // Add the article a link pointed at, then remove another one.
        write(root, "content/en-US/new.md", "# New\n");
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        assert_eq!(
            s.parsed, 2,
            "the new article and the one whose link now resolves to it"
        );
        fs::remove_file(root.join("content/en-US/other.md")).unwrap();
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        assert!(
            s.removed_pages
                .iter()
                .any(|p| p == "en-us/other/index.html"),
            "{:?}",
            s.removed_pages
        );
        assert_eq!(
            s.parsed, 0,
            "removing an article nobody links to parses nothing"
        );

        // A translation changes its title: the group's pages change (switchers).
        write(
            root,
            "content/ja-JP/guide.md",
            "---\nms.assetid: guide\ntitle: 新しいガイド\n---\n# ガイド\n",
        );
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        // The other pages of the locale list the new title in their sidebar.
        assert!(
            s.changed_pages.iter().any(|p| p == "ja-jp/index.html"),
            "{:?}",
            s.changed_pages
        );
        assert!(page_text(&b, "ja-jp/index.html").contains("新しいガイド"));

        // An anchor goes away: the article linking to it gets a diagnostic,
        // though its own text did not change.
        write(
            root,
            "content/en-US/guide.md",
            "---\nms.assetid: guide\n---\n# Guide\n\n## Install\n\n[!INCLUDE [note](includes/note.md)]\n",
        );
        let (b, _) = cache.build(load(root));
        assert_same(&b, root);
        assert!(
            b.diagnostics
                .iter()
                .any(|d| d.file == "content/en-US/index.md" && d.message.contains("setup")),
            "{:?}",
            diags(&b)
        );

        // The source gains an anchor written by hand: the translation's page
        // (side-by-side view) marks it missing, though its text did not change.
        write(
            root,
            "content/en-US/guide.md",
            "---\nms.assetid: guide\n---\n# Guide\n\n## <a name=\"install\"></a>Install\n",
        );
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        assert!(
            s.changed_pages
                .iter()
                .any(|p| p == "ja-jp/guide/index.html"),
            "{:?}",
            s.changed_pages
        );
        assert!(page_text(&b, "ja-jp/guide/index.html").contains("stele-sxs-missing-anchor"));

        // A theme change renders every page again.
        let base = include_str!("../../themes/default/templates/base.html");
        write(
            root,
            "themes/default/templates/base.html",
            &base.replacen("<head>", "<head>\n<!-- themed -->", 1),
        );
        let (b, s) = cache.build(load(root));
        assert_same(&b, root);
        let html: Vec<&str> = b
            .pages
            .iter()
            .map(|p| p.path.as_str())
            .filter(|p| p.ends_with(".html"))
            .collect();
        assert!(html.len() > 5, "{html:?}");
        for p in &html {
            assert!(page_text(&b, p).contains("<!-- themed -->"), "{p}");
            assert!(
                s.changed_pages.iter().any(|c| c == p),
                "{p} not reported changed"
            );
        }
        assert!(s.rendered >= html.len());
    }

    #[test]
    fn texts_are_read_again_only_when_a_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "content/en-US/a.md", "# A\n");
        write(root, "content/en-US/b.md", "# B\n");
        let mut texts = Texts::default();
        let load = |texts: &mut Texts| {
            let config = Config::load(root, &Overrides::default()).unwrap();
            let t = &*texts;
            let inputs = pipeline::load_with(config, &|p, st, r| t.text(p, st, r)).unwrap();
            let read = texts.finish();
            let sources: Vec<(String, String)> = inputs
                .discovered
                .sources
                .iter()
                .map(|f| (f.path.clone(), f.text.clone()))
                .collect();
            (read, sources)
        };
        let (read, first) = load(&mut texts);
        assert_eq!(read, 2);
        let (read, again) = load(&mut texts);
        assert_eq!((read, &again), (0, &first), "nothing changed: nothing read");
        // Same length, new bytes: the stamp (time, inode change) differs.
        std::thread::sleep(std::time::Duration::from_millis(20));
        write(root, "content/en-US/a.md", "# Z\n");
        let (read, after) = load(&mut texts);
        assert_eq!(read, 1);
        assert!(
            after.contains(&("content/en-US/a.md".to_string(), "# Z\n".to_string())),
            "{after:?}"
        );
        assert_eq!(
            load(&mut texts).1,
            pipeline::load(Config::load(root, &Overrides::default()).unwrap())
                .unwrap()
                .discovered
                .sources
                .iter()
                .map(|f| (f.path.clone(), f.text.clone()))
                .collect::<Vec<_>>()
        );
        fs::remove_file(root.join("content/en-US/b.md")).unwrap();
        load(&mut texts);
        assert_eq!(texts.old.len(), 1, "a removed file is forgotten");
    }

    fn page_text<'b>(b: &'b Built, path: &str) -> &'b str {
        let p = b
            .pages
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page `{path}`"));
        std::str::from_utf8(&p.bytes).unwrap()
    }
}
