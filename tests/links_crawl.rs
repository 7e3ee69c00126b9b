//! The link rule tested against the built site itself: every case under
//! `tests/fixtures/links/` is built with `stele build`, then the HTML that
//! stele wrote is crawled as a browser reads it (every `href` and `src` of
//! every page resolved against the page's URL, `#fragments` checked against
//! the ids of the target page), and compared with `stele check`:
//!
//! - no link that works in the built site may be reported, and no link that
//!   fails there may pass;
//! - the link texts say what the author meant: `ok-…` must work, `bad-…`
//!   must fail (and be reported), `ext-…` point at another site on this host
//!   (`external_prefixes`) and are not crawled; one labelled link per line;
//! - every link of the theme (navigation, language switcher, assets) works
//!   (redirect pages, which send visitors to the redirect map's target, are
//!   not crawled; the links that lead to them are).

mod support;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

use lol_html::{HtmlRewriter, Settings, element, text};

/// Codes that say a link does not work.
const FAILURES: &[&str] = &[
    "broken-link",
    "broken-anchor",
    "unknown-site-path",
    "link-outside-root",
];

struct Page {
    /// (attribute value, label: link text or `alt`)
    links: Vec<(String, String)>,
    ids: HashSet<String>,
}

fn parse(html: &[u8]) -> Page {
    let links: Rc<RefCell<Vec<(String, String)>>> = Rc::default();
    let ids: Rc<RefCell<HashSet<String>>> = Rc::default();
    let (l1, l2, l3, i1, i2) = (
        links.clone(),
        links.clone(),
        links.clone(),
        ids.clone(),
        ids.clone(),
    );
    let settings = Settings::new()
        .append_element_content_handler(element!("a[href], link[href], area[href]", move |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            l1.borrow_mut().push((href, String::new()));
            Ok(())
        }))
        .append_element_content_handler(text!("a[href]", move |t| {
            if let Some(last) = l2.borrow_mut().last_mut() {
                last.1.push_str(t.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(element!(
            "img[src], script[src], iframe[src], source[src], video[src], audio[src]",
            move |el| {
                let src = el.get_attribute("src").unwrap_or_default();
                let alt = el.get_attribute("alt").unwrap_or_default();
                l3.borrow_mut().push((src, alt));
                Ok(())
            }
        ))
        .append_element_content_handler(element!("[id]", move |el| {
            i1.borrow_mut()
                .insert(el.get_attribute("id").unwrap_or_default());
            Ok(())
        }))
        .append_element_content_handler(element!("a[name]", move |el| {
            i2.borrow_mut()
                .insert(el.get_attribute("name").unwrap_or_default());
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html).expect("HTML");
    rewriter.end().expect("HTML");
    let links = links.borrow().clone();
    let ids = ids.borrow().clone();
    Page { links, ids }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Every HTML page of the output, by its URL path (`/en/docs/`).
fn pages(public: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![public.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                let rel = p
                    .strip_prefix(public)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let url = match rel.strip_suffix("index.html") {
                    Some(dir) => format!("/{dir}"),
                    None => format!("/{rel}"),
                };
                out.insert(url, p);
            }
        }
    }
    out
}

/// Whether `href` on the page at `page_url` works in the built site; `None`
/// when it leaves the site (another scheme or host).
fn works(
    public: &Path,
    page_url: &str,
    href: &str,
    ids_of: &dyn Fn(&Path) -> HashSet<String>,
) -> Option<bool> {
    let base = url::Url::parse("http://site.test/").unwrap();
    let page = base.join(page_url).unwrap();
    let Ok(u) = page.join(href) else {
        return Some(false);
    };
    if !matches!(u.scheme(), "http" | "https") || u.host_str() != Some("site.test") {
        return None;
    }
    let path = decode(u.path());
    let mut file = public.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file = file.join("index.html");
    } else if file.is_dir() {
        // A static host redirects `/x` to `/x/`.
        file = file.join("index.html");
    }
    if !file.is_file() {
        return Some(false);
    }
    match u.fragment().map(decode) {
        Some(f) if !f.is_empty() && f != "top" => {
            if file.extension().is_some_and(|x| x == "html") {
                Some(ids_of(&file).contains(&f))
            } else {
                Some(true)
            }
        }
        _ => Some(true),
    }
}

/// The label of the link written at `line` of `file` (1-based).
fn label_at(site: &Path, file: &str, line: usize) -> Option<String> {
    let text = std::fs::read_to_string(site.join(file)).ok()?;
    let l = text.lines().nth(line.checked_sub(1)?)?;
    labels_in(l).into_iter().next()
}

fn labels_in(line: &str) -> Vec<String> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("ok-") || w.starts_with("bad-") || w.starts_with("ext-"))
        .map(str::to_string)
        .collect()
}

fn run_case(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let (_tmp, site) = support::copy_fixture(&format!("links/{name}"));
    let _ = std::fs::remove_file(site.join("expect.toml"));
    let stele = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_stele"));
        c.env("NO_COLOR", "1");
        c
    };
    let build = stele().arg("build").arg(&site).output().unwrap();
    let public = site.join("public");
    let mut problems = Vec::new();
    if !public.is_dir() {
        return vec![format!(
            "{name}: nothing built: {}",
            String::from_utf8_lossy(&build.stderr)
        )];
    }
    let out = stele()
        .arg("check")
        .arg(&site)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for d in json["diagnostics"].as_array().unwrap() {
        if !FAILURES.contains(&d["code"].as_str().unwrap_or("")) {
            continue;
        }
        let file = d["file"].as_str().unwrap_or("");
        let line = d["line"].as_u64().unwrap_or(0) as usize;
        match label_at(&site, file, line) {
            Some(l) => {
                reported.insert(l);
            }
            None => problems.push(format!(
                "{name}: {file}:{line}: a reported link without a label: {d}"
            )),
        }
    }
    // One labelled link per line, labels unique in the case.
    let mut seen = BTreeSet::new();
    let mut stack = vec![site.join("content")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                for line in std::fs::read_to_string(&p).unwrap().lines() {
                    let ls = labels_in(line);
                    if ls.len() > 1 {
                        problems.push(format!("{name}: two labels on one line: {line}"));
                    }
                    for l in ls {
                        if !seen.insert(l.clone()) {
                            problems.push(format!("{name}: label `{l}` used twice"));
                        }
                    }
                }
            }
        }
    }

    let pages = pages(&public);
    let cache: RefCell<BTreeMap<PathBuf, HashSet<String>>> = RefCell::default();
    let ids_of = |p: &Path| -> HashSet<String> {
        cache
            .borrow_mut()
            .entry(p.to_path_buf())
            .or_insert_with(|| parse(&std::fs::read(p).unwrap()).ids)
            .clone()
    };
    let mut crawled: BTreeMap<String, bool> = BTreeMap::new();
    for (url, file) in &pages {
        let bytes = std::fs::read(file).unwrap();
        // Redirect pages send visitors to the redirect map's target, which
        // may be another site on this host: what links to them is checked.
        if String::from_utf8_lossy(&bytes).contains("http-equiv=\"refresh\"") {
            continue;
        }
        let page = parse(&bytes);
        for (href, label) in &page.links {
            let label = label.trim();
            let labelled = labels_in(label).first().is_some_and(|l| l == label);
            if labelled && label.starts_with("ext-") {
                continue;
            }
            let Some(ok) = works(&public, url, href, &ids_of) else {
                continue;
            };
            if labelled {
                let e = crawled.entry(label.to_string()).or_insert(ok);
                *e &= ok;
            } else if !ok {
                problems.push(format!(
                    "{name}: {url}: a link of the theme does not work: `{href}`"
                ));
            }
        }
    }
    for (label, ok) in &crawled {
        let is_reported = reported.contains(label);
        if *ok && is_reported {
            problems.push(format!(
                "{name}: `{label}` works in the built site but is reported"
            ));
        }
        if !ok && !is_reported {
            problems.push(format!(
                "{name}: `{label}` fails in the built site but passes the check"
            ));
        }
        if label.starts_with("ok-") && !ok {
            problems.push(format!("{name}: `{label}` should work in the built site"));
        }
        if label.starts_with("bad-") && *ok {
            problems.push(format!("{name}: `{label}` should fail in the built site"));
        }
    }
    for l in &seen {
        if !l.starts_with("ext-") && !crawled.contains_key(l) {
            problems.push(format!("{name}: `{l}` is in no built page"));
        }
    }
    for l in &reported {
        if l.starts_with("ext-") {
            problems.push(format!("{name}: `{l}` is external but reported"));
        }
    }
    problems
}

#[test]
fn links_work_in_the_built_site_exactly_when_the_check_passes_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("content").is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "{cases:?}");
    let problems: Vec<String> = cases.iter().flat_map(|c| run_case(c)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
