//! Render stage: every page of the site from the model, the rendered
//! articles and their translation states, through the Tera templates of the
//! theme with UI strings from [`crate::ui`].
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

use crate::config::MissingTranslations;
use crate::diagnostic::{Code, Diagnostic};
use crate::frontmatter::Date;
use crate::locale::Locale;
use crate::markdown::{AnchorSource, Heading, slugify};
use crate::pipeline::ArticleOutput;
use crate::site::{ArticleId, Site};
use crate::translation::{ArticleState, Freshness};
use crate::ui::{LocaleUi, Ui};

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

/// The folder of the output that holds the theme's assets.
pub const ASSET_DIR: &str = "_stele";

/// The templates a theme provides (the default theme fills in any a site
/// theme leaves out).
pub const TEMPLATES: &[&str] = &[
    "article.html",
    "locale_index.html",
    "root.html",
    "404.html",
    "nav.html",
];

/// themes/default, embedded at compile time: (file name, bytes).
const DEFAULT_THEME: &[(&str, &[u8])] = &[
    (
        "templates/base.html",
        include_bytes!("../themes/default/templates/base.html"),
    ),
    (
        "templates/components.html",
        include_bytes!("../themes/default/templates/components.html"),
    ),
    (
        "templates/article.html",
        include_bytes!("../themes/default/templates/article.html"),
    ),
    (
        "templates/locale_index.html",
        include_bytes!("../themes/default/templates/locale_index.html"),
    ),
    (
        "templates/root.html",
        include_bytes!("../themes/default/templates/root.html"),
    ),
    (
        "templates/404.html",
        include_bytes!("../themes/default/templates/404.html"),
    ),
    (
        "templates/nav.html",
        include_bytes!("../themes/default/templates/nav.html"),
    ),
    (
        "static/style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "static/serve.js",
        include_bytes!("../themes/default/static/serve.js"),
    ),
];

/// A compiled theme: templates (`templates/*.html`) and the assets copied
/// to `_stele/` (everything under `static/`).
pub struct Theme {
    tera: tera::Tera,
    /// (path below `_stele/`, bytes), sorted by path.
    assets: Vec<(String, Vec<u8>)>,
    /// BLAKE3 of every file of the theme (names and bytes): part of the key
    /// of every rendered page ([`PageFn`]).
    fingerprint: blake3::Hash,
}

impl Theme {
    /// A site theme (`themes/<name>/` files as (relative path, bytes)):
    /// each file overrides the default theme's file of the same name.
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> anyhow::Result<Theme> {
        let mut all: BTreeMap<String, Vec<u8>> = DEFAULT_THEME
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        for (name, bytes) in files {
            all.insert(name.replace('\\', "/"), bytes);
        }
        let mut fingerprint = blake3::Hasher::new();
        for (name, bytes) in &all {
            fingerprint
                .update(&(name.len() as u64).to_le_bytes())
                .update(name.as_bytes());
            fingerprint
                .update(&(bytes.len() as u64).to_le_bytes())
                .update(bytes);
        }
        let mut templates = Vec::new();
        let mut assets = Vec::new();
        for (name, bytes) in all {
            if let Some(t) = name.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| anyhow::anyhow!("theme template `{name}` is not valid UTF-8"))?;
                templates.push((t.to_string(), text));
            } else if let Some(a) = name.strip_prefix("static/") {
                assets.push((a.to_string(), bytes));
            }
        }
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| anyhow::anyhow!("{}", error_text(&e)))
            .context("the theme's templates do not compile")?;
        for t in TEMPLATES {
            if !tera.contains_template(t) {
                bail!("the theme has no `templates/{t}`");
            }
        }
        Ok(Theme {
            tera,
            assets,
            fingerprint: fingerprint.finalize(),
        })
    }

    /// The built-in theme.
    pub fn embedded_default() -> Theme {
        Theme::from_files(Vec::new()).expect("the embedded default theme compiles (tested)")
    }

    /// Template source names, for tests of the UI strings they use.
    #[cfg(test)]
    fn default_template_sources() -> Vec<(&'static str, &'static str)> {
        DEFAULT_THEME
            .iter()
            .filter(|(n, _)| n.starts_with("templates/"))
            .map(|(n, b)| (*n, std::str::from_utf8(b).expect("templates are UTF-8")))
            .collect()
    }
}

/// A Tera error with its causes, on one line per cause.
fn error_text(e: &tera::Error) -> String {
    let text = e.to_string();
    let mut text = text
        .strip_prefix("error: ")
        .map(str::to_string)
        .unwrap_or(text);
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\n{s}"));
        source = s.source();
    }
    text
}

/// A `template-error` diagnostic: `file` is the article (or template) the
/// page came from, `what` names the page.
fn template_error(e: &tera::Error, template: &str, file: String, what: &str) -> Diagnostic {
    let text = error_text(e);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("unknown error").trim().to_string();
    let rest: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    let hint = if rest.is_empty() {
        "fix the theme template; the page was not written".to_string()
    } else {
        format!("{}\nthe page was not written", rest.join("\n"))
    };
    Diagnostic::new(
        Code::TemplateError,
        file,
        format!("template `{template}` failed for {what}: {first}"),
    )
    .with_hint(hint)
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// View structs: what templates see.

#[derive(Serialize, Hash)]
struct SiteView {
    title: String,
    /// URL path prefix (`/docs`) or empty.
    base_path: String,
    /// URL of the theme's assets folder.
    assets: String,
    /// Built by `stele serve`.
    serve: bool,
}

#[derive(Serialize, Hash, Default)]
struct PageView<'a> {
    /// `article`, `fallback`, `locale-index`, `root`, `not-found`.
    kind: &'static str,
    lang: String,
    dir: &'static str,
    title: String,
    description: Option<String>,
    canonical: Option<String>,
    alternates: Vec<AlternateView>,
    /// The language switcher.
    languages: Vec<LanguageView>,
    /// The locale's start page.
    home: String,
    /// The sidebar, rendered by `nav.html` (the current page marked).
    nav: Nav,
    breadcrumb: Vec<Crumb>,
    toc: Vec<TocItem>,
    /// The article's HTML.
    content: Html<'a>,
    /// Language of the content when it differs from the page's (fallback pages).
    content_lang: Option<String>,
    content_dir: Option<&'static str>,
    updated: Option<DateView>,
    notices: Vec<NoticeView>,
    sxs: Option<SxsView<'a>>,
    /// Locale index: every article of the locale.
    index: Vec<NavItem>,
    /// Root and 404: every locale's start page.
    locales: Vec<LocaleLink>,
    /// Root: the locales as JSON for the language redirect.
    script_locales: String,
}

/// A page's sidebar: its folder's, rendered once, with the page's link
/// marked current when it is serialized. Hashed as the folder sidebar's
/// hash and the URL (what [`mark_current`] reads), so the key of a page
/// does not hash the sidebar's text again.
#[derive(Default)]
struct Nav {
    /// The folder's sidebar and its BLAKE3 hash.
    folder: Option<Arc<(String, blake3::Hash)>>,
    url: String,
}

impl Serialize for Nav {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.folder {
            Some(f) => s.serialize_str(&mark_current(&f.0, &self.url)),
            None => s.serialize_str(""),
        }
    }
}

impl Hash for Nav {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.folder.as_ref().map(|f| *f.1.as_bytes()).hash(state);
        self.url.hash(state);
    }
}

/// An article's HTML, hashed as its BLAKE3 hash (computed once per build
/// and article, though several pages show it).
#[derive(Clone, Copy)]
struct Html<'a> {
    text: &'a str,
    hash: &'a OnceLock<blake3::Hash>,
}

static NO_HASH: OnceLock<blake3::Hash> = OnceLock::new();

impl Default for Html<'_> {
    fn default() -> Self {
        Html {
            text: "",
            hash: &NO_HASH,
        }
    }
}

impl Serialize for Html<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text)
    }
}

impl Hash for Html<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(
            self.hash
                .get_or_init(|| blake3::hash(self.text.as_bytes()))
                .as_bytes(),
        );
    }
}

/// Collects what `Hash` implementations write, for the BLAKE3 keys of
/// [`PageFn`] (one hash of the whole, not one update per field: views write
/// many small pieces; large HTML is written as its hash, see [`Html`]).
struct Fingerprint(Vec<u8>);

impl Fingerprint {
    fn finalize(&self) -> blake3::Hash {
        blake3::hash(&self.0)
    }
}

impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
    fn finish(&self) -> u64 {
        u64::from_le_bytes(
            self.finalize().as_bytes()[..8]
                .try_into()
                .unwrap_or_default(),
        )
    }
}

/// Renders one template: called with the BLAKE3 hash of everything the
/// template sees (theme, template, output path, `site`, `page` or the
/// sidebar's items, `t`) and the rendering itself. [`render_direct`]
/// renders; `stele serve` passes a cache that returns the bytes it kept
/// for the same key ([`crate::incremental`]). It must return what the
/// rendering returns.
///
/// The key is given as a function (build and check never compute it), with
/// the output path for pages (`None` for sidebars).
pub type PageFn<'a> = dyn Fn(
        &dyn Fn() -> blake3::Hash,
        Option<&str>,
        &dyn Fn() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Vec<u8>, Diagnostic>
    + Sync
    + 'a;

/// Renders a template into bytes: Tera writes UTF-8, so the bytes are not
/// validated again as `Tera::render`'s `String` would be.
fn render_template(
    tera: &tera::Tera,
    template: &str,
    context: &tera::Context,
) -> tera::TeraResult<Vec<u8>> {
    let mut out = Vec::with_capacity(32 * 1024);
    tera.render_to(template, context, &mut out)?;
    Ok(out)
}

/// The [`PageFn`] that renders every time.
pub fn render_direct(
    _key: &dyn Fn() -> blake3::Hash,
    _page: Option<&str>,
    render: &dyn Fn() -> Result<Vec<u8>, Diagnostic>,
) -> Result<Vec<u8>, Diagnostic> {
    render()
}

#[derive(Serialize, Hash)]
struct AlternateView {
    hreflang: String,
    href: String,
}

#[derive(Serialize, Hash)]
struct LanguageView {
    tag: String,
    name: String,
    href: String,
    current: bool,
}

#[derive(Serialize, Hash, Clone)]
struct NavItem {
    title: String,
    href: Option<String>,
    current: bool,
    folder: bool,
    expanded: bool,
    /// Language of the linked page's content when it is not the locale's.
    lang: Option<String>,
    children: Vec<NavItem>,
}

#[derive(Serialize, Hash)]
struct Crumb {
    title: String,
    href: Option<String>,
}

#[derive(Serialize, Hash)]
struct TocItem {
    id: String,
    text: String,
    children: Vec<TocItem>,
}

#[derive(Serialize, Hash)]
struct DateView {
    iso: String,
    text: String,
}

#[derive(Serialize, Hash)]
struct NoticeView {
    class: &'static str,
    /// Escaped text with links and `<time>` elements.
    html: String,
}

#[derive(Serialize, Hash)]
struct SxsView<'a> {
    source_lang: String,
    source_dir: &'static str,
    source_label: String,
    translation_label: String,
    rows: SxsRows<'a>,
    /// The translation carries machine-translation originals.
    has_originals: bool,
}

/// The rows of the side-by-side view, made when they are serialized (each
/// section copy is an HTML rewrite), hashed as what they are made of.
struct SxsRows<'a> {
    source: Html<'a>,
    source_headings: &'a [Heading],
    translation: Html<'a>,
    translation_headings: &'a [Heading],
    /// Source anchors the translation lacks, sorted.
    missing: Vec<String>,
    missing_label: String,
}

impl SxsRows<'_> {
    fn rows(&self) -> Vec<SxsRow> {
        let missing: HashSet<String> = self.missing.iter().cloned().collect();
        let src_sections = sections(self.source.text, self.source_headings);
        let tr_sections = sections(self.translation.text, self.translation_headings);
        (0..src_sections.len().max(tr_sections.len()))
            .filter(|&k| {
                let blank = |v: &Vec<&str>| v.get(k).is_none_or(|h| h.trim().is_empty());
                !(blank(&src_sections) && blank(&tr_sections))
            })
            .map(|k| SxsRow {
                source: src_sections
                    .get(k)
                    .map(|h| sxs_copy(h, &missing, &self.missing_label))
                    .unwrap_or_default(),
                translation: tr_sections
                    .get(k)
                    .map(|h| sxs_copy(h, &HashSet::new(), ""))
                    .unwrap_or_default(),
            })
            .collect()
    }
}

impl Serialize for SxsRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rows().serialize(s)
    }
}

impl Hash for SxsRows<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // `sections` reads only where each heading starts.
        let starts = |hs: &[Heading]| hs.iter().map(|h| h.html_start).collect::<Vec<_>>();
        self.source.hash(state);
        starts(self.source_headings).hash(state);
        self.translation.hash(state);
        starts(self.translation_headings).hash(state);
        self.missing.hash(state);
        self.missing_label.hash(state);
    }
}

#[derive(Serialize)]
struct SxsRow {
    source: String,
    translation: String,
}

#[derive(Serialize, Hash)]
struct LocaleLink {
    tag: String,
    name: String,
    href: String,
    dir: &'static str,
}

// ---------------------------------------------------------------------------
// Navigation: one tree per locale from the folder structure.

/// A page listed in a locale's navigation.
struct NavEntry {
    /// Path relative to the locale directory (the source's for fallback pages).
    rel: String,
    title: String,
    url: String,
    weight: Option<i64>,
    lang: Option<String>,
}

enum Node {
    Page(usize),
    Folder(Folder),
}

#[derive(Default)]
struct Folder {
    /// `guide/setup`.
    path: String,
    name: String,
    /// The folder's `index.md`.
    index: Option<usize>,
    children: Vec<Node>,
    /// URL of the folder's index, else of its first page.
    href: Option<String>,
}

struct LocaleNav {
    entries: Vec<NavEntry>,
    root: Folder,
    /// Folder path → (title, href), for breadcrumbs.
    folders: HashMap<String, (String, Option<String>)>,
}

fn is_index_name(name: &str) -> bool {
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(name);
    matches!(stem, "index" | "_index" | "README")
}

impl LocaleNav {
    fn build(entries: Vec<NavEntry>) -> LocaleNav {
        let mut root = Folder::default();
        for (i, e) in entries.iter().enumerate() {
            let mut parts: Vec<&str> = e.rel.split('/').collect();
            let file = parts.pop().unwrap_or_default();
            let mut folder = &mut root;
            let mut path = String::new();
            for p in parts {
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(p);
                let pos = folder
                    .children
                    .iter()
                    .position(|c| matches!(c, Node::Folder(f) if f.name == p));
                let pos = match pos {
                    Some(pos) => pos,
                    None => {
                        folder.children.push(Node::Folder(Folder {
                            path: path.clone(),
                            name: p.to_string(),
                            ..Default::default()
                        }));
                        folder.children.len() - 1
                    }
                };
                let Node::Folder(f) = &mut folder.children[pos] else {
                    unreachable!("just found or pushed a folder")
                };
                folder = f;
            }
            if is_index_name(file) && folder.index.is_none() {
                folder.index = Some(i);
            } else {
                folder.children.push(Node::Page(i));
            }
        }
        let mut folders = HashMap::new();
        finish(&entries, &mut root, &mut folders);
        LocaleNav {
            entries,
            root,
            folders,
        }
    }

    /// The tree as seen from a page in folder `dir` (the folders above it
    /// open, the others closed); `None`: every folder open.
    ///
    /// No item is marked current: the sidebar is rendered once per folder
    /// and the page's link marked afterwards ([`mark_current`]). So that the
    /// page's URL occurs once, an open folder without `index.md` is a label,
    /// not a link to its first page.
    fn view(&self, dir: Option<&str>) -> Vec<NavItem> {
        self.items(&self.root.children, dir)
    }

    fn items(&self, nodes: &[Node], dir: Option<&str>) -> Vec<NavItem> {
        nodes
            .iter()
            .map(|n| match n {
                Node::Page(i) => {
                    let e = &self.entries[*i];
                    NavItem {
                        title: e.title.clone(),
                        href: Some(e.url.clone()),
                        current: false,
                        folder: false,
                        expanded: false,
                        lang: e.lang.clone(),
                        children: Vec::new(),
                    }
                }
                Node::Folder(f) => {
                    let expanded = match dir {
                        None => true,
                        Some(dir) => dir == f.path || dir.starts_with(&format!("{}/", f.path)),
                    };
                    let index = f.index.map(|i| &self.entries[i]);
                    NavItem {
                        title: folder_title(&self.entries, f),
                        href: match (index, expanded) {
                            (Some(e), _) => Some(e.url.clone()),
                            (None, true) => None,
                            (None, false) => f.href.clone(),
                        },
                        current: false,
                        folder: true,
                        expanded,
                        lang: index.and_then(|e| e.lang.clone()),
                        children: if expanded {
                            self.items(&f.children, dir)
                        } else {
                            Vec::new()
                        },
                    }
                }
            })
            .collect()
    }

    /// Home, the folders above the page, the page itself.
    fn breadcrumb(&self, rel: &str, title: &str, home: &str, home_title: String) -> Vec<Crumb> {
        let mut crumbs = Vec::new();
        let parts: Vec<&str> = rel.split('/').collect();
        let is_index = parts.last().is_some_and(|f| is_index_name(f));
        if parts.len() == 1 && is_index {
            return crumbs;
        }
        crumbs.push(Crumb {
            title: home_title,
            href: Some(home.to_string()),
        });
        let folder_count = parts.len() - 1 - usize::from(is_index);
        let mut path = String::new();
        for p in &parts[..folder_count] {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(p);
            if let Some((t, href)) = self.folders.get(&path) {
                crumbs.push(Crumb {
                    title: t.clone(),
                    href: href.clone(),
                });
            }
        }
        crumbs.push(Crumb {
            title: title.to_string(),
            href: None,
        });
        crumbs
    }
}

/// The folder of a path relative to the locale directory (`""` at the top).
fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Marks the link to `url` in a rendered sidebar with `aria-current="page"`.
fn mark_current(nav: &str, url: &str) -> String {
    let needle = format!("href=\"{}\"", escape(url));
    match nav.find(&needle) {
        Some(p) => {
            let end = p + needle.len();
            let mut out = String::with_capacity(nav.len() + 20);
            out.push_str(&nav[..end]);
            out.push_str(" aria-current=\"page\"");
            out.push_str(&nav[end..]);
            out
        }
        None => nav.to_string(),
    }
}

fn folder_title(entries: &[NavEntry], f: &Folder) -> String {
    f.index
        .map(|i| entries[i].title.clone())
        .unwrap_or_else(|| f.name.clone())
}

/// Sorts a folder's children (weight, then title, then path) and fills in
/// the links of folders.
fn finish(
    entries: &[NavEntry],
    folder: &mut Folder,
    folders: &mut HashMap<String, (String, Option<String>)>,
) {
    for c in &mut folder.children {
        if let Node::Folder(f) = c {
            finish(entries, f, folders);
        }
    }
    let key = |n: &Node| -> (bool, i64, String, String) {
        let (weight, title, path) = match n {
            Node::Page(i) => (
                entries[*i].weight,
                entries[*i].title.clone(),
                entries[*i].rel.clone(),
            ),
            Node::Folder(f) => (
                f.index.and_then(|i| entries[i].weight),
                folder_title(entries, f),
                f.path.clone(),
            ),
        };
        (
            weight.is_none(),
            weight.unwrap_or(0),
            title.to_lowercase(),
            path,
        )
    };
    folder.children.sort_by_cached_key(key);
    folder.href = folder.index.map(|i| entries[i].url.clone()).or_else(|| {
        folder.children.iter().find_map(|c| match c {
            Node::Page(i) => Some(entries[*i].url.clone()),
            Node::Folder(f) => f.href.clone(),
        })
    });
    if !folder.path.is_empty() {
        folders.insert(
            folder.path.clone(),
            (folder_title(entries, folder), folder.href.clone()),
        );
    }
}

fn toc(headings: &[Heading]) -> Vec<TocItem> {
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
fn clip_description(s: &str) -> String {
    const MAX: usize = 300;
    let s = s.trim();
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

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

/// A fallback page: the source article shown in a locale that lacks it.
struct Fallback {
    source: ArticleId,
    locale: usize,
    url: String,
    out_path: String,
}

enum Job {
    Article(ArticleId),
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
    fallbacks: Vec<Fallback>,
    /// The hash of each article's HTML, when a key needs it.
    html_hashes: Vec<OnceLock<blake3::Hash>>,
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
    jobs.extend((0..ctx.fallbacks.len()).map(Job::Fallback));
    let homes: HashSet<String> = site
        .articles
        .iter()
        .map(|a| a.out_path.clone())
        .chain(ctx.fallbacks.iter().map(|f| f.out_path.clone()))
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

        // Fallback pages for missing translations.
        let mut fallbacks = Vec::new();
        if site.config.missing_translations == MissingTranslations::Fallback
            && !site.locales.is_empty()
        {
            let taken: HashSet<&str> = site.articles.iter().map(|a| a.out_path.as_str()).collect();
            for (g, group) in site.groups.iter().enumerate() {
                let source = site.x_default(g);
                let src = &site.articles[source];
                if src.locale != site.default_locale {
                    continue;
                }
                let src_slug = &site.locales[src.locale].slug;
                let src_prefix = format!("{}/{src_slug}/", site.base_path);
                let Some(out_rest) = src.out_path.strip_prefix(&format!("{src_slug}/")) else {
                    continue;
                };
                let Some(url_rest) = src.url.strip_prefix(&src_prefix) else {
                    continue;
                };
                for (l, locale) in site.locales.iter().enumerate() {
                    if group.members.iter().any(|&m| site.articles[m].locale == l) {
                        continue;
                    }
                    let out_path = format!("{}/{out_rest}", locale.slug);
                    if taken.contains(out_path.as_str()) {
                        continue;
                    }
                    fallbacks.push(Fallback {
                        source,
                        locale: l,
                        url: format!("{}/{}/{url_rest}", site.base_path, locale.slug),
                        out_path,
                    });
                }
            }
        }

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
        for f in &fallbacks {
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
        Ctx {
            site,
            outputs,
            states,
            theme,
            mode,
            site_view,
            locales,
            fallbacks,
            html_hashes,
        }
    }

    /// Renders the sidebar of every folder that holds a page, in parallel.
    fn render_sidebars(&mut self, render: &PageFn<'_>) -> Vec<Diagnostic> {
        let mut keys: Vec<(usize, String)> = Vec::new();
        for (l, lc) in self.locales.iter().enumerate() {
            keys.push((l, String::new()));
            keys.extend(
                lc.nav
                    .entries
                    .iter()
                    .map(|e| (l, dir_of(&e.rel).to_string())),
            );
        }
        keys.sort();
        keys.dedup();
        let rendered: Vec<Result<Vec<u8>, Diagnostic>> = keys
            .par_iter()
            .map(|(l, dir)| {
                let items = self.locales[*l].nav.view(Some(dir));
                let key = || self.key("nav.html", dir, *l, &items);
                render(&key, None, &|| {
                    let mut context = tera::Context::new();
                    context.insert("site", &self.site_view);
                    context.insert("items", &items);
                    context.insert_value("t", self.locales[*l].t.clone());
                    render_template(&self.theme.tera, "nav.html", &context).map_err(|e| {
                        template_error(
                            &e,
                            "nav.html",
                            self.theme_file("nav.html"),
                            &format!("the sidebar of `{dir}/`"),
                        )
                        .with_locale(self.site.locales[*l].tag.clone())
                    })
                })
            })
            .collect();
        let mut diags = Vec::new();
        for ((l, dir), r) in keys.into_iter().zip(rendered) {
            match r {
                Ok(bytes) => {
                    let hash = blake3::hash(&bytes);
                    // One sidebar per folder, not per page: validating it is cheap.
                    let html = String::from_utf8_lossy(&bytes).into_owned();
                    self.locales[l].sidebars.insert(dir, Arc::new((html, hash)));
                }
                Err(d) => diags.push(d),
            }
        }
        diags
    }

    /// The sidebar for the page at `rel` with URL `url`.
    fn sidebar(&self, locale: usize, rel: &str, url: &str) -> Nav {
        let lc = &self.locales[locale];
        Nav {
            folder: lc.sidebars.get(dir_of(rel)).cloned(),
            url: url.to_string(),
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
                let fb = &self.fallbacks[*f];
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
            render_template(&self.theme.tera, template, &context).map_err(|e| {
                template_error(&e, template, file.clone(), &format!("`{path}`"))
                    .with_locale(site.locales[locale].tag.clone())
            })
        })?;
        Ok(Page { path, bytes: html })
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

    fn alternates(&self, group: usize) -> Vec<AlternateView> {
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
        let x = &site.articles[site.x_default(group)];
        out.push(AlternateView {
            hreflang: "x-default".into(),
            href: site.absolute_url(&x.url),
        });
        out
    }

    /// The switcher: the group's translations, with the fallback page of
    /// `current` listed where the locale has one.
    fn languages(&self, group: usize, current: usize, current_url: &str) -> Vec<LanguageView> {
        let site = self.site;
        let mut out = Vec::new();
        for (l, locale) in site.locales.iter().enumerate() {
            let url = match site.groups[group]
                .members
                .iter()
                .find(|&&m| site.articles[m].locale == l)
            {
                Some(&m) => site.articles[m].url.clone(),
                None if l == current => current_url.to_string(),
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

    fn date_view(&self, lui: &LocaleUi<'_>, article: ArticleId) -> Option<DateView> {
        let fm = &self.site.frontmatter[self.site.articles[article].file];
        let d = fm.date().ok().flatten()?;
        Some(DateView {
            iso: d.iso(),
            text: lui.date(d),
        })
    }

    fn description(&self, article: ArticleId) -> Option<String> {
        let fm = &self.site.frontmatter[self.site.articles[article].file];
        fm.description()
            .or_else(|| {
                Some(self.outputs[article].rendered.summary.clone())
                    .filter(|s| !s.trim().is_empty())
            })
            .map(|s| clip_description(&s))
    }

    fn link(&self, article: ArticleId, text: &str) -> String {
        let a = &self.site.articles[article];
        let tag = &self.site.locales[a.locale].tag;
        format!(
            "<a href=\"{}\" hreflang=\"{tag}\">{}</a>",
            escape(&a.url),
            escape(text)
        )
    }

    fn time(&self, lui: &LocaleUi<'_>, d: Date) -> String {
        format!(
            "<time datetime=\"{}\">{}</time>",
            d.iso(),
            escape(&lui.date(d))
        )
    }

    fn article_view(&self, i: ArticleId) -> PageView<'_> {
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
            if let Some(s) = crate::translation::source_of(site, i) {
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
            languages: self.languages(a.group, a.locale, &a.url),
            home: lc.home.clone(),
            nav: self.sidebar(a.locale, &a.rel, &a.url),
            breadcrumb: lc
                .nav
                .breadcrumb(&a.rel, &out.title, &lc.home, lc.ui.text("home")),
            toc: toc(&out.rendered.headings),
            content: self.html(i),
            updated: self.date_view(&lc.ui, i),
            notices,
            sxs,
            ..Default::default()
        }
    }

    fn fallback_view(&self, fb: &Fallback) -> PageView<'_> {
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
            languages: self.languages(src.group, fb.locale, &fb.url),
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

    fn locale_links(&self) -> Vec<LocaleLink> {
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

    fn locale_index_view(&self, l: usize) -> PageView<'_> {
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
                    href: site.absolute_url(&home(site.default_locale)),
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

    fn root_view(&self) -> PageView<'_> {
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

    fn not_found_view(&self) -> PageView<'_> {
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

    /// The source beside the translation, section by section.
    fn sxs_view(
        &self,
        lc: &LocaleCtx<'_>,
        source: ArticleId,
        translation: ArticleId,
    ) -> SxsView<'_> {
        let site = self.site;
        let src_locale = &site.locales[site.articles[source].locale];
        let tr_locale = &site.locales[site.articles[translation].locale];
        let s: &'a crate::markdown::Rendered = &self.outputs[source].rendered;
        let t: &'a crate::markdown::Rendered = &self.outputs[translation].rendered;
        // As the `anchor-parity` lint: anchors written by hand (HTML ids and
        // names, explicit heading ids) are what other pages link to; slugs of
        // translated headings differ by design.
        let stable = |a: &crate::markdown::Anchor| match a.source {
            AnchorSource::Html => true,
            AnchorSource::Heading => s
                .headings
                .iter()
                .any(|h| h.id == a.id && slugify(&h.text) != h.id),
            AnchorSource::Footnote => false,
        };
        let have: HashSet<&str> = t.anchors.iter().map(|a| a.id.as_str()).collect();
        let mut missing: Vec<String> = s
            .anchors
            .iter()
            .filter(|a| stable(a) && !have.contains(a.id.as_str()))
            .map(|a| a.id.clone())
            .collect();
        missing.sort();
        missing.dedup();
        let rows = SxsRows {
            source: self.html(source),
            source_headings: &s.headings,
            translation: self.html(translation),
            translation_headings: &t.headings,
            missing,
            missing_label: lc.ui.text("sxs-missing-anchor"),
        };
        SxsView {
            source_lang: src_locale.tag.clone(),
            source_dir: src_locale.dir.as_str(),
            source_label: lc
                .ui
                .message(
                    "sxs-source",
                    &[("language", &lc.ui.language_name(src_locale))],
                )
                .unwrap_or_default(),
            translation_label: lc
                .ui
                .message(
                    "sxs-translation",
                    &[("language", &lc.ui.language_name(tr_locale))],
                )
                .unwrap_or_default(),
            rows,
            has_originals: t.html.contains("sxs-lookup"),
        }
    }
}

fn home_url(site: &Site, locale: &Locale) -> String {
    format!("{}/{}/", site.base_path, locale.slug)
}

/// The HTML split at the start of every heading: the part before the first
/// heading, then one part per heading.
fn sections<'h>(html: &'h str, headings: &[Heading]) -> Vec<&'h str> {
    let mut cuts: Vec<usize> = headings
        .iter()
        .map(|h| h.html_start)
        .filter(|&p| p <= html.len() && html.is_char_boundary(p))
        .collect();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        if c < start {
            continue;
        }
        out.push(&html[start..c]);
        start = c;
    }
    out.push(&html[start..]);
    out
}

/// A copy of a section for the side-by-side view: ids and names become
/// `data-` attributes (the page already has them), anchors in `missing` are
/// marked.
fn sxs_copy(html: &str, missing: &HashSet<String>, label: &str) -> String {
    use lol_html::{RewriteStrSettings, element, rewrite_str};
    let result = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!("[id], a[name]", |el| {
            let mut anchor = None;
            for attr in ["id", "name"] {
                if let Some(v) = el.get_attribute(attr) {
                    el.remove_attribute(attr);
                    el.set_attribute(&format!("data-sxs-{attr}"), &v)?;
                    if missing.contains(&v) {
                        anchor = Some(v);
                    }
                }
            }
            if let Some(v) = anchor {
                let class = match el.get_attribute("class") {
                    Some(c) => format!("{c} stele-sxs-missing-anchor"),
                    None => "stele-sxs-missing-anchor".to_string(),
                };
                el.set_attribute("class", &class)?;
                el.set_attribute("data-anchor", &v)?;
                el.set_attribute("title", label)?;
            }
            Ok(())
        })),
    );
    result.unwrap_or_else(|_| html.to_string())
}

/// `sitemap.xml`: every article with its real translations as `xhtml:link`
/// alternates and `x-default`, then the generated locale indexes.
fn sitemap(site: &Site, locale_indexes: &[usize]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for a in &site.articles {
        xml.push_str("<url>\n<loc>");
        xml.push_str(&escape(&site.absolute_url(&a.url)));
        xml.push_str("</loc>\n");
        if let Ok(Some(d)) = site.frontmatter[a.file].date() {
            xml.push_str(&format!("<lastmod>{}</lastmod>\n", d.iso()));
        }
        let group = &site.groups[a.group];
        for &m in &group.members {
            let t = &site.articles[m];
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(&site.locales[t.locale].tag),
                escape(&site.absolute_url(&t.url))
            ));
        }
        let x = &site.articles[site.x_default(a.group)];
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
            escape(&site.absolute_url(&x.url))
        ));
        xml.push_str("</url>\n");
    }
    for &l in locale_indexes {
        let url = home_url(site, &site.locales[l]);
        xml.push_str(&format!(
            "<url>\n<loc>{}</loc>\n</url>\n",
            escape(&site.absolute_url(&url))
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use crate::discover::{Discovered, FileKind, SourceFile};
    use crate::pipeline::{self, Built, Inputs};

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
        let default_locale = crate::site::choose_default_locale(&config, &counts);
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
        assert_eq!(names, ["serve.js", "style.css"]);
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
        assert_eq!(theme.assets.len(), 3);
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
