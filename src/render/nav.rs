//! Navigation: one tree per locale from the folder structure, the sidebar
//! rendered once per folder, breadcrumbs.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------
// Navigation: one tree per locale from the folder structure.

/// A page listed in a locale's navigation.
pub(super) struct NavEntry {
    /// Path relative to the locale directory (the source's for fallback pages).
    pub(super) rel: String,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) weight: Option<i64>,
    pub(super) lang: Option<String>,
}

pub(super) enum Node {
    Page(usize),
    Folder(Folder),
}

#[derive(Default)]
pub(super) struct Folder {
    /// `guide/setup`.
    pub(super) path: String,
    pub(super) name: String,
    /// The folder's `index.md`.
    pub(super) index: Option<usize>,
    pub(super) children: Vec<Node>,
    /// URL of the folder's index, else of its first page.
    pub(super) href: Option<String>,
}

pub(super) struct LocaleNav {
    pub(super) entries: Vec<NavEntry>,
    pub(super) root: Folder,
    /// Folder path → (title, href), for breadcrumbs.
    pub(super) folders: HashMap<String, (String, Option<String>)>,
}

pub(super) fn is_index_name(name: &str) -> bool {
    let stem = crate::model::site::page_stem(name);
    matches!(stem, "index" | "_index" | "README")
}

impl LocaleNav {
    pub(super) fn build(entries: Vec<NavEntry>) -> LocaleNav {
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
                    // Folders that differ only in case are one folder (DocFX
                    // matches paths case-insensitively).
                    .position(|c| matches!(c, Node::Folder(f) if f.name.eq_ignore_ascii_case(p)));
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
    pub(super) fn view(&self, dir: Option<&str>) -> Vec<NavItem> {
        self.items(&self.root.children, dir)
    }

    pub(super) fn items(&self, nodes: &[Node], dir: Option<&str>) -> Vec<NavItem> {
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
                        Some(dir) => {
                            dir.eq_ignore_ascii_case(&f.path)
                                || dir
                                    .to_lowercase()
                                    .starts_with(&format!("{}/", f.path.to_lowercase()))
                        }
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
    pub(super) fn breadcrumb(
        &self,
        rel: &str,
        title: &str,
        home: &str,
        home_title: String,
    ) -> Vec<Crumb> {
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
pub(super) fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Marks the link to `url` in a rendered sidebar with `aria-current="page"`.
pub(super) fn mark_current(nav: &str, url: &str) -> String {
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

/// A folder's label: its index page's title, else its name made readable
/// (`add-users` → `Add users`), never the raw folder name.
pub(super) fn folder_title(entries: &[NavEntry], f: &Folder) -> String {
    f.index
        .map(|i| entries[i].title.clone())
        .unwrap_or_else(|| readable(&f.name))
}

/// `add-users` → `Add users`.
fn readable(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut c = spaced.trim().chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => name.to_string(),
    }
}

/// A folder `x/` without an index page and a page `x.md` beside it are one
/// entry: the page becomes the folder's index, so the section is listed once.
fn adopt_sibling_pages(entries: &[NavEntry], folder: &mut Folder) {
    let stem_of = |i: usize| {
        let rel = &entries[i].rel;
        let name = rel.rsplit('/').next().unwrap_or(rel);
        crate::model::site::page_stem(name).to_lowercase()
    };
    let wanted: Vec<String> = folder
        .children
        .iter()
        .filter_map(|c| match c {
            Node::Folder(f) if f.index.is_none() => Some(f.name.to_lowercase()),
            _ => None,
        })
        .collect();
    for name in wanted {
        let Some(pos) = folder
            .children
            .iter()
            .position(|c| matches!(c, Node::Page(i) if stem_of(*i) == name))
        else {
            continue;
        };
        let Node::Page(page) = folder.children.remove(pos) else {
            continue;
        };
        if let Some(Node::Folder(f)) = folder.children.iter_mut().find(
            |c| matches!(c, Node::Folder(f) if f.index.is_none() && f.name.to_lowercase() == name),
        ) {
            f.index = Some(page);
        }
    }
}

/// Sorts a folder's children (weight, then title, then path) and fills in
/// the links of folders.
pub(super) fn finish(
    entries: &[NavEntry],
    folder: &mut Folder,
    folders: &mut HashMap<String, (String, Option<String>)>,
) {
    adopt_sibling_pages(entries, folder);
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

impl<'a> Ctx<'a> {
    /// Renders the sidebar of every folder that holds a page, and of every
    /// open branch of a TOC that lists one, in parallel.
    pub(super) fn render_sidebars(&mut self, render: &PageFn<'_>) -> Vec<Diagnostic> {
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
        let mut jobs: Vec<((usize, String), Vec<NavItem>)> = keys
            .into_iter()
            .map(|(l, dir)| {
                let items = self.locales[l].nav.view(Some(&dir));
                ((l, dir), items)
            })
            .collect();
        for l in 0..self.locales.len() {
            for (key, tree, open) in toc_nav::branches(&self.toc, self.site, l) {
                let items = toc_nav::items(&self.toc, tree, &open);
                jobs.push(((l, key), items));
            }
        }
        let rendered: Vec<Result<String, Diagnostic>> = jobs
            .par_iter()
            .map(|((l, dir), items)| {
                let key = || self.key("nav.html", dir, *l, items);
                render(&key, None, &|| {
                    let mut context = tera::Context::new();
                    context.insert("site", &self.site_view);
                    context.insert("items", items);
                    context.insert_value("t", self.locales[*l].t.clone());
                    self.theme.tera.render("nav.html", &context).map_err(|e| {
                        template_error(
                            &e,
                            "nav.html",
                            self.theme_file("nav.html"),
                            &format!("the sidebar of `{}/`", dir.trim_start_matches('\u{1}')),
                        )
                        .with_locale(self.site.locales[*l].tag.clone())
                    })
                })
            })
            .collect();
        let keys: Vec<(usize, String)> = jobs.into_iter().map(|(k, _)| k).collect();
        let mut diags = Vec::new();
        for ((l, dir), r) in keys.into_iter().zip(rendered) {
            match r {
                Ok(html) => {
                    let hash = blake3::hash(html.as_bytes());
                    self.locales[l].sidebars.insert(dir, Arc::new((html, hash)));
                }
                Err(d) => diags.push(d),
            }
        }
        diags
    }

    /// The sidebar of an article: its TOC branch's, else its folder's.
    pub(super) fn article_sidebar(&self, article: ArticleId) -> Nav {
        let a = &self.site.articles[article];
        match toc_nav::sidebar_key(&self.toc, article) {
            Some(key) => Nav {
                folder: self.locales[a.locale].sidebars.get(&key).cloned(),
                url: a.url.clone(),
            },
            None => self.sidebar(a.locale, &a.rel, &a.url),
        }
    }

    /// The sidebar for the page at `rel` with URL `url`.
    pub(super) fn sidebar(&self, locale: usize, rel: &str, url: &str) -> Nav {
        let lc = &self.locales[locale];
        Nav {
            folder: lc.sidebars.get(dir_of(rel)).cloned(),
            url: url.to_string(),
        }
    }
}
