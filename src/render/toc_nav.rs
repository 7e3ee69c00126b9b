//! The sidebar, breadcrumb and previous/next links of the articles that a
//! DocFX TOC lists ([`crate::model::toc::Navigation`]).
//!
//! The sidebar of a TOC is rendered once per open branch (the entries above
//! a page open, the others closed, as the folder sidebar is once per
//! folder), keyed by [`sidebar_key`]; the page's own link is marked current
//! afterwards. So a TOC of 1,000 entries costs one rendering per branch,
//! not one per page, and a page carries its branch, not the whole tree.

use crate::model::site::{ArticleId, Site};
use crate::model::toc::{Navigation, Node, Place};

use super::{Crumb, NavItem};

/// The key of the sidebar an article shows, when a TOC lists it: the tree
/// and the path of the entry above the article's own (`None`: folder nav).
/// Starts with a character no folder path has.
pub(super) fn sidebar_key(nav: &Navigation, article: ArticleId) -> Option<String> {
    let place = nav.places.get(&article)?;
    Some(branch_key(place.tree, open_path(nav, place)))
}

/// The entries open on a page's sidebar: those above its own, and its own
/// when it has children.
fn open_path<'p>(nav: &Navigation, place: &'p Place) -> &'p [usize] {
    let mut nodes = &nav.trees[place.tree].nodes;
    let mut has_children = false;
    for &i in &place.path {
        let Some(n) = nodes.get(i) else { break };
        has_children = !n.children.is_empty();
        nodes = &n.children;
    }
    if has_children {
        &place.path
    } else {
        &place.path[..place.path.len().saturating_sub(1)]
    }
}

fn branch_key(tree: usize, path: &[usize]) -> String {
    let mut key = format!("\u{1}toc/{tree}");
    for i in path {
        key.push('/');
        key.push_str(&i.to_string());
    }
    key
}

/// Every sidebar key of a locale's TOC pages with (tree, open path), sorted.
pub(super) fn branches(
    nav: &Navigation,
    site: &Site,
    locale: usize,
) -> Vec<(String, usize, Vec<usize>)> {
    let mut out: Vec<(String, usize, Vec<usize>)> = nav
        .places
        .iter()
        .filter(|(a, _)| site.articles[**a].locale == locale)
        .map(|(_, p)| {
            let open = open_path(nav, p).to_vec();
            (branch_key(p.tree, &open), p.tree, open)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The items of a tree with the entries on `open` (and `expanded: true`
/// ones) open.
pub(super) fn items(nav: &Navigation, tree: usize, open: &[usize]) -> Vec<NavItem> {
    fn walk(nodes: &[Node], open: Option<&[usize]>) -> Vec<NavItem> {
        nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let on_path = open.and_then(|o| (o.first() == Some(&i)).then(|| &o[1..]));
                let expanded = !n.children.is_empty() && (on_path.is_some() || n.expanded);
                NavItem {
                    title: n.name.clone(),
                    href: n.href.clone(),
                    current: false,
                    folder: !n.children.is_empty(),
                    expanded,
                    lang: None,
                    children: if expanded {
                        walk(&n.children, on_path)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }
    nav.trees
        .get(tree)
        .map(|t| walk(&t.nodes, Some(open)))
        .unwrap_or_default()
}

/// The breadcrumb of a TOC page: home, the trail of `breadcrumb/toc.yml`,
/// the TOC entries above the page, the page. `None`: not in a TOC and no
/// breadcrumb TOC.
pub(super) fn breadcrumb(
    nav: &Navigation,
    article: ArticleId,
    title: &str,
    home: (&str, String),
) -> Option<Vec<Crumb>> {
    let trail = nav.crumbs.get(&article);
    if trail.is_none() && !nav.places.contains_key(&article) {
        return None;
    }
    let mut crumbs = vec![Crumb {
        title: home.1,
        href: Some(home.0.to_string()),
    }];
    for c in trail.into_iter().flatten() {
        crumbs.push(Crumb {
            title: c.name.clone(),
            href: c.href.clone(),
        });
    }
    for n in nav.ancestors(article) {
        crumbs.push(Crumb {
            title: n.name.clone(),
            href: n.href.clone(),
        });
    }
    crumbs.push(Crumb {
        title: title.to_string(),
        href: None,
    });
    // The same page twice in a row (a crumb that is the page's own entry) once.
    crumbs.dedup_by(|b, a| a.href.is_some() && a.href == b.href);
    Some(crumbs)
}

/// The TOC name of an article's own entry.
pub(super) fn name_of(nav: &Navigation, article: ArticleId) -> Option<&str> {
    let place = nav.places.get(&article)?;
    let mut nodes = &nav.trees[place.tree].nodes;
    let mut node = None;
    for &i in &place.path {
        let n = nodes.get(i)?;
        node = Some(n);
        nodes = &n.children;
    }
    node.map(|n| n.name.as_str())
}
