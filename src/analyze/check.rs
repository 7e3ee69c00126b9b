//! The check stage: resolves every link and `#fragment` of every article
//! and reports what does not resolve.
//!
//! Invariants: pure; uses the same [`Resolver`] as the render stage, so
//! what `check` reports is what `build` writes; diagnostics point into the
//! file the text came from (an include's own file for included text).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::analyze::links::{Resolution, Resolver};
use crate::diagnostic::{Code, Diagnostic, LineIndex, Span};
use crate::markdown::ArticleOutput;
use crate::markdown::Link;
use crate::model::site::{FileId, Site};

/// What the check found.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// Links resolved (external links are counted only when checked).
    pub links: usize,
    /// External links found: (article, link index) for `--external`.
    pub external: Vec<(usize, usize)>,
}

/// Checks links and anchors of all articles. `outputs[i]` belongs to
/// `site.articles[i]`.
pub fn check(site: &Site, outputs: &[ArticleOutput], resolver: &Resolver) -> Checked {
    let anchors: Vec<HashSet<&str>> = outputs
        .par_iter()
        .map(|o| o.rendered.anchors.iter().map(|a| a.id.as_str()).collect())
        .collect();
    let per_article: Vec<Checked> = outputs
        .par_iter()
        .enumerate()
        .map(|(i, out)| check_article(site, outputs, &anchors, resolver, i, out))
        .collect();
    let mut all = Checked::default();
    for c in per_article {
        all.diagnostics.extend(c.diagnostics);
        all.links += c.links;
        all.external.extend(c.external);
    }
    all
}

/// Converts ranges of an article's expanded text to file positions.
pub struct Locator<'a> {
    site: &'a Site,
    out: &'a ArticleOutput,
    indexes: HashMap<FileId, LineIndex>,
}

impl<'a> Locator<'a> {
    pub fn new(site: &'a Site, out: &'a ArticleOutput) -> Self {
        Locator {
            site,
            out,
            indexes: HashMap::new(),
        }
    }

    /// The file and span of a range of the expanded text.
    pub fn locate(&mut self, range: std::ops::Range<usize>) -> (FileId, Span) {
        let (file, start) = self.out.sources.locate(range.start);
        let (end_file, end) = self.out.sources.locate(range.end.max(range.start));
        let end = if end_file == file { end } else { start };
        let text = &self.site.files[file].text;
        let idx = self
            .indexes
            .entry(file)
            .or_insert_with(|| LineIndex::new(text));
        (file, idx.span(text, start..end))
    }
}

fn check_article(
    site: &Site,
    outputs: &[ArticleOutput],
    anchors: &[HashSet<&str>],
    resolver: &Resolver,
    i: usize,
    out: &ArticleOutput,
) -> Checked {
    let mut result = Checked::default();
    let article = &site.articles[i];
    let locale = article.locale;
    let mut loc = Locator::new(site, out);
    let diag = |loc: &mut Locator, code: Code, link: &Link, message: String| {
        let (file, span) = loc.locate(link.range.clone());
        let f = &site.files[file];
        Diagnostic::new(code, f.path.clone(), message)
            .with_span(span)
            .with_target(link.target.clone())
            .with_locale(site.locales[locale].tag.clone())
    };
    for (li, link) in out.rendered.links.iter().enumerate() {
        let (file, _) = out.sources.locate(link.range.start);
        let from_rel = &site.files[file].rel;
        let resolution = resolver.resolve(locale, from_rel, &link.target);
        let fragment_check = |target: usize,
                              fragment: &Option<String>,
                              loc: &mut Locator,
                              result: &mut Checked| {
            let Some(fragment) = fragment else { return };
            if fragment == "top" || anchors[target].contains(fragment.as_str()) {
                return;
            }
            let target_name = if target == i {
                "this page".to_string()
            } else {
                format!("`{}`", site.files[site.articles[target].file].rel)
            };
            let mut d = diag(
                loc,
                Code::BrokenAnchor,
                link,
                format!("no anchor `#{fragment}` in {target_name}"),
            );
            if let Some(best) = closest(fragment, anchors[target].iter().copied()) {
                d = d.with_hint(format!("did you mean `#{best}`?"));
            } else {
                d = d.with_hint("anchors are heading ids, `{#id}` attributes and `id`/`name` attributes in HTML");
            }
            result.diagnostics.push(d);
        };
        match &resolution {
            Resolution::External => {
                result.external.push((i, li));
                continue;
            }
            Resolution::OtherScheme | Resolution::ExternalPrefix => continue,
            Resolution::SamePage { fragment } => fragment_check(i, fragment, &mut loc, &mut result),
            Resolution::Article {
                article: target,
                fragment,
                fallback,
            } => {
                if *fallback {
                    let t = &site.articles[*target];
                    result.diagnostics.push(
                        diag(
                            &mut loc,
                            Code::FallbackLink,
                            link,
                            format!(
                                "`{}` is not translated to `{}`; the link goes to the `{}` page",
                                t.rel, site.locales[locale].tag, site.locales[t.locale].tag
                            ),
                        )
                        .with_hint(
                            format!(
                                "translate `content/{}/{}`",
                                site.locales[t.locale].tag, t.rel
                            )
                            .replace(
                                &format!("content/{}/", site.locales[t.locale].tag),
                                &format!("content/{}/", site.locales[locale].tag),
                            ),
                        ),
                    );
                }
                fragment_check(*target, fragment, &mut loc, &mut result);
            }
            Resolution::Static { .. } => {}
            Resolution::Redirected {
                to,
                article,
                fragment,
            } => {
                result.diagnostics.push(
                    diag(
                        &mut loc,
                        Code::RedirectedLink,
                        link,
                        format!("`{}` moved to `{to}`", link.target),
                    )
                    .with_hint(format!("link to `{to}` directly")),
                );
                if let Some(a) = article {
                    fragment_check(*a, fragment, &mut loc, &mut result);
                }
            }
            Resolution::UnknownSitePath => {
                result.diagnostics.push(
                    diag(&mut loc, Code::UnknownSitePath, link, format!("no page of the site at `{}`", link.target))
                        .with_hint("map its folder with `[[check.docsets]]` or list its prefix in `[check] external_prefixes` in stele.toml"),
                );
            }
            Resolution::Missing { rel } => {
                let tag = &site.locales[locale].tag;
                let mut d = diag(
                    &mut loc,
                    Code::BrokenLink,
                    link,
                    format!("`{}` not found", link.target),
                );
                // Suggest a file of the same folder, written as the link was.
                let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
                let in_dir = |r: &str| r.rsplit_once('/').map(|(d, _)| d).unwrap_or("") == dir;
                let file_name =
                    |r: &'_ str| -> String { r.rsplit('/').next().unwrap_or(r).to_string() };
                let mut names: Vec<String> = site
                    .articles
                    .iter()
                    .filter(|a| {
                        (a.locale == locale || a.locale == site.default_locale) && in_dir(&a.rel)
                    })
                    .map(|a| file_name(&a.rel))
                    .chain(
                        site.statics
                            .iter()
                            .filter(|st| {
                                (st.locale == *tag
                                    || st.locale == site.locales[site.default_locale].tag)
                                    && in_dir(&st.rel)
                            })
                            .map(|st| file_name(&st.rel)),
                    )
                    .collect();
                names.sort();
                names.dedup();
                d = match closest(name, names.iter().map(String::as_str)) {
                    Some(best) => {
                        let written = link.target.split(['#', '?']).next().unwrap_or(&link.target);
                        let suggestion = match written.rsplit_once('/') {
                            Some((prefix, _)) => format!("{prefix}/{best}"),
                            None => best.to_string(),
                        };
                        d.with_hint(format!("did you mean `{suggestion}`?"))
                    }
                    None if locale == site.default_locale => {
                        d.with_hint(format!("no `content/{tag}/{rel}`"))
                    }
                    None => d.with_hint(format!(
                        "no `content/{tag}/{rel}` and no `content/{}/{rel}`",
                        site.locales[site.default_locale].tag
                    )),
                };
                result.diagnostics.push(d);
            }
            Resolution::OutsideRoot => {
                result.diagnostics.push(
                    diag(
                        &mut loc,
                        Code::LinkOutsideRoot,
                        link,
                        format!("`{}` climbs out of `content/{}/`", link.target, site.locales[locale].tag),
                    )
                    .with_hint("links must stay inside the locale directory; link to a site path such as `/en-us/page/` instead"),
                );
            }
        }
        result.links += 1;
    }

    // Two identical ids on one page.
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for a in &out.rendered.anchors {
        if seen.insert(a.id.as_str(), ()).is_some() {
            let (file, span) = loc.locate(a.range.clone());
            result.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateAnchor,
                    site.files[file].path.clone(),
                    format!("id `{}` is used twice on the page", a.id),
                )
                .with_span(span)
                .with_hint("links to it go to the first; rename one of them")
                .with_locale(site.locales[locale].tag.clone()),
            );
        }
    }
    let _ = outputs;
    result
}

/// The candidate closest to `wanted`: an exact case-insensitive match, else
/// the nearest by edit distance within a third of the length.
pub fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = wanted.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let len = wanted.chars().count();
    let limit = (len / 3).max(1);
    for c in candidates {
        let c_len = c.chars().count();
        // The length difference bounds the edit distance from below.
        if c_len.abs_diff(len) > limit {
            continue;
        }
        let c_lower = c.to_lowercase();
        if c_lower == lower {
            return Some(c);
        }
        let d = strsim::levenshtein(&lower, &c_lower);
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}
