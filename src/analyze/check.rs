//! The check stage: resolves every link and `#fragment` of every article
//! and reports what does not resolve.
//!
//! Invariants: pure; uses the same [`Resolver`] as the render stage, so
//! what `check` reports is what `build` writes; diagnostics point into the
//! file the text came from (an include's own file for included text).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::analyze::links::{Case, Resolution, Resolver};
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
    all.diagnostics.extend(toc_diagnostics(site, resolver));
    all
}

/// TOC entries that point nowhere, at the TOC's line and column.
pub fn toc_diagnostics(site: &Site, resolver: &Resolver) -> Vec<Diagnostic> {
    use crate::model::toc::ProblemKind;
    if site.tocs.is_empty() {
        return Vec::new();
    }
    let nav = crate::model::toc::navigate(site, &|l, rel, href| resolver.toc_target(l, rel, href));
    let mut indexes: HashMap<FileId, LineIndex> = HashMap::new();
    nav.problems
        .into_iter()
        .map(|p| {
            let f = &site.files[p.file];
            let idx = indexes
                .entry(p.file)
                .or_insert_with(|| LineIndex::new(&f.text));
            let (code, message, hint) = match p.kind {
                ProblemKind::Missing => (
                    Code::BrokenTocLink,
                    format!("TOC entry `{}` points at nothing", p.target),
                    "link an article, a `.yml` page or a nested TOC (`sub/` or `sub/toc.yml`) of this locale".to_string(),
                ),
                ProblemKind::UnknownSitePath => (
                    Code::UnknownSitePath,
                    format!("no page of the site at `{}`", p.target),
                    "add its prefix to `external_prefixes` in `[check]` when it is published elsewhere".to_string(),
                ),
                ProblemKind::Cycle => (
                    Code::BrokenTocLink,
                    format!("nested TOC `{}` includes itself", p.target),
                    "a TOC cannot include one of the TOCs that include it; the entry is left empty".to_string(),
                ),
            };
            Diagnostic::new(code, f.path.clone(), message)
                .with_span(idx.span(&f.text, p.range))
                .with_hint(hint)
                .with_target(p.target)
                .with_locale(f.locale.clone())
        })
        .collect()
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

/// Where a link to an article missing in its locale goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Goes {
    /// To the source article in its own locale.
    ToSource,
    /// To the fallback page of the link's locale (`missing_translations =
    /// "fallback"`).
    ToFallbackPage,
}

/// The message and hint of `fallback-link`: `target` is not translated to
/// `locale`.
fn fallback_link(site: &Site, locale: usize, target: usize, goes: Goes) -> (String, String) {
    let t = &site.articles[target];
    let (here, there) = (&site.locales[locale].tag, &site.locales[t.locale].tag);
    let message = match goes {
        Goes::ToSource => format!(
            "`{}` is not translated to `{here}`; the link goes to the `{there}` page",
            t.rel
        ),
        Goes::ToFallbackPage => format!(
            "`{}` is not translated to `{here}`; the link goes to its fallback page with the `{there}` text",
            t.rel
        ),
    };
    let hint = format!("translate `content/{there}/{}`", t.rel)
        .replace(&format!("content/{there}/"), &format!("content/{here}/"));
    (message, hint)
}

/// The hint of a broken link: a file of the same folder with a close name,
/// written as the link was, else where the file was looked for.
fn missing_hint(site: &Site, locale: usize, rel: &str, url: Option<&str>, link: &Link) -> String {
    let tag = &site.locales[locale].tag;
    // Suggest a file of the same folder, written as the link was.
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let in_dir = |r: &str| r.rsplit_once('/').map(|(d, _)| d).unwrap_or("") == dir;
    let file_name = |r: &'_ str| -> String { r.rsplit('/').next().unwrap_or(r).to_string() };
    let mut names: Vec<String> = site
        .articles
        .iter()
        .filter(|a| {
            (a.locale == locale || Some(a.locale) == site.fallback_locale(locale)) && in_dir(&a.rel)
        })
        .map(|a| file_name(&a.rel))
        .chain(
            site.statics
                .iter()
                .filter(|st| {
                    (st.locale == *tag
                        || site
                            .fallback_locale(locale)
                            .is_some_and(|f| st.locale == site.locales[f].tag))
                        && in_dir(&st.rel)
                })
                .map(|st| file_name(&st.rel)),
        )
        .collect();
    names.sort();
    names.dedup();
    match closest(name, names.iter().map(String::as_str)) {
        Some(best) => {
            let written = link.target.split(['#', '?']).next().unwrap_or(&link.target);
            let suggestion = match written.rsplit_once('/') {
                Some((prefix, _)) => format!("{prefix}/{best}"),
                None => best.to_string(),
            };
            format!("did you mean `{suggestion}`?")
        }
        None => {
            let mut hint = match site.fallback_locale(locale) {
                None => format!("no `content/{tag}/{rel}`"),
                Some(f) => format!(
                    "no `content/{tag}/{rel}` and no `content/{}/{rel}`",
                    site.locales[f].tag
                ),
            };
            if let Some(url) = url {
                hint.push_str(&format!(
                    "; from this page's URL it is `{url}`, which the site does not produce"
                ));
            }
            hint
        }
    }
}

/// Reports two identical ids on one page.
fn duplicate_ids(
    site: &Site,
    locale: usize,
    out: &ArticleOutput,
    loc: &mut Locator,
    result: &mut Checked,
) {
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
        let resolution = resolver.resolve(i, file, &link.target);
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
                case,
            } => {
                if *case == Case::Differs {
                    let rel = &site.articles[*target].rel;
                    result.diagnostics.push(link_case(
                        diag(
                            &mut loc,
                            Code::LinkCase,
                            link,
                            format!("`{}` differs in case from the file `{rel}`", link.target),
                        ),
                        &link.target,
                        rel,
                    ));
                }
                if *fallback {
                    let (message, hint) = fallback_link(site, locale, *target, Goes::ToSource);
                    result
                        .diagnostics
                        .push(diag(&mut loc, Code::FallbackLink, link, message).with_hint(hint));
                }
                fragment_check(*target, fragment, &mut loc, &mut result);
            }
            Resolution::Fallback { page, fragment } => {
                let target = site.fallback.pages[*page].source;
                let (message, hint) = fallback_link(site, locale, target, Goes::ToFallbackPage);
                result
                    .diagnostics
                    .push(diag(&mut loc, Code::FallbackLink, link, message).with_hint(hint));
                fragment_check(target, fragment, &mut loc, &mut result);
            }
            Resolution::Static { url, case, .. } => {
                if *case == Case::Differs {
                    let name = crate::analyze::links::decode(url.rsplit('/').next().unwrap_or(url));
                    result.diagnostics.push(link_case(
                        diag(
                            &mut loc,
                            Code::LinkCase,
                            link,
                            format!("`{}` differs in case from the file `{name}`", link.target),
                        ),
                        &link.target,
                        &name,
                    ));
                }
            }
            Resolution::Page { .. } => {}
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
                } else if resolver.leads_nowhere(locale, to) {
                    result.diagnostics.push(
                        diag(
                            &mut loc,
                            Code::UnknownSitePath,
                            link,
                            format!("`{}` moved to `{to}`, which is no page of the site", link.target),
                        )
                        .with_hint("fix the redirect map entry, or map its folder with `[[check.docsets]]` or list its prefix in `[check] external_prefixes` in stele.toml"),
                    );
                }
            }
            Resolution::UnknownSitePath => {
                result.diagnostics.push(
                    diag(&mut loc, Code::UnknownSitePath, link, format!("no page of the site at `{}`", link.target))
                        .with_hint("map its folder with `[[check.docsets]]` or list its prefix in `[check] external_prefixes` in stele.toml"),
                );
            }
            Resolution::Missing { rel, url } => {
                let mut d = diag(
                    &mut loc,
                    Code::BrokenLink,
                    link,
                    format!("`{}` not found", link.target),
                );
                d = d.with_hint(missing_hint(site, locale, rel, url.as_deref(), link));
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

    duplicate_ids(site, locale, out, &mut loc, &mut result);
    let _ = outputs;
    result
}

/// The hint of a `link-case` warning: the link written in the file's case.
fn link_case(d: Diagnostic, written: &str, rel: &str) -> Diagnostic {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let path = written.split(['#', '?']).next().unwrap_or(written);
    let suggestion = match path.rsplit_once('/') {
        Some((prefix, _)) => format!("{prefix}/{name}"),
        None => name.to_string(),
    };
    d.with_hint(format!(
        "write `{suggestion}`; the docset is case-insensitive, but file names are not on every host (`link-case = \"off\"` in `[check.levels]` silences this)"
    ))
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
