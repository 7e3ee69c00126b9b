//! The theme: the embedded default theme, a site's theme overlaid per
//! file, and template errors as diagnostics.

#[allow(unused_imports)]
use super::*;

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
pub(super) const DEFAULT_THEME: &[(&str, &[u8])] = &[
    (
        "templates/base.html",
        include_bytes!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/components.html",
        include_bytes!("../../themes/default/templates/components.html"),
    ),
    (
        "templates/article.html",
        include_bytes!("../../themes/default/templates/article.html"),
    ),
    (
        "templates/locale_index.html",
        include_bytes!("../../themes/default/templates/locale_index.html"),
    ),
    (
        "templates/root.html",
        include_bytes!("../../themes/default/templates/root.html"),
    ),
    (
        "templates/404.html",
        include_bytes!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/nav.html",
        include_bytes!("../../themes/default/templates/nav.html"),
    ),
    (
        "static/style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "static/serve.js",
        include_bytes!("../../themes/default/static/serve.js"),
    ),
    (
        "static/docfx.css",
        include_bytes!("../../themes/default/static/docfx.css"),
    ),
    (
        "static/tabs.js",
        include_bytes!("../../themes/default/static/tabs.js"),
    ),
];

/// A compiled theme: templates (`templates/*.html`) and the assets copied
/// to `_stele/` (everything under `static/`).
pub struct Theme {
    pub(super) tera: tera::Tera,
    /// The site's Hugo shortcodes (`shortcodes/<name>.html`).
    pub shortcodes: crate::markdown::shortcodes::Templates,
    /// (path below `_stele/`, bytes), sorted by path.
    pub(super) assets: Vec<(String, Vec<u8>)>,
    /// BLAKE3 of every file of the theme (names and bytes): part of the key
    /// of every rendered page ([`PageFn`]).
    pub(super) fingerprint: blake3::Hash,
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
        let shortcodes = crate::markdown::shortcodes::Templates::from_files(
            all.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
        )?;
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
            shortcodes,
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
    pub(super) fn default_template_sources() -> Vec<(&'static str, &'static str)> {
        DEFAULT_THEME
            .iter()
            .filter(|(n, _)| n.starts_with("templates/"))
            .map(|(n, b)| (*n, std::str::from_utf8(b).expect("templates are UTF-8")))
            .collect()
    }
}

/// A Tera error with its causes, on one line per cause.
pub(super) fn error_text(e: &tera::Error) -> String {
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
pub(super) fn template_error(
    e: &tera::Error,
    template: &str,
    file: String,
    what: &str,
) -> Diagnostic {
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
