//! `stele status --stamp`: writes `source_hash` into translations, every
//! file checked first, each rewritten atomically with its encoding.

#[allow(unused_imports)]
use super::*;
use crate::read::discover::Encoding;

/// One file given to `--stamp`, checked.
pub(super) struct StampTarget {
    /// Absolute path on disk.
    pub(super) abs: PathBuf,
    /// Site-relative path.
    pub(super) path: String,
    pub(super) hash: String,
    pub(super) source: String,
}

/// `stele status --stamp FILE…`: records the current source's hash as
/// `source_hash` in each translation's frontmatter. Every file is checked
/// first; if any is refused (a source, a file without a source, not an
/// article of the site, broken frontmatter), nothing is written and the
/// refusals are returned as `Err` (exit code 2). Each file is rewritten
/// atomically (temporary file in the same folder, then rename), with the
/// encoding, BOM and line endings it had; only the `source_hash` line
/// changes. Returns one line per file for the terminal.
pub fn stamp(
    site: &Site,
    parse_diags: &[crate::diagnostic::Diagnostic],
    files: &[PathBuf],
) -> Result<Vec<String>> {
    let root = &site.config.root;
    let mut targets = Vec::new();
    let mut refused = Vec::new();
    let default = site
        .locales
        .get(site.default_locale)
        .map(|l| l.tag.as_str())
        .unwrap_or("");
    for file in files {
        let shown = file.display().to_string();
        let abs = std::fs::canonicalize(file).or_else(|_| std::fs::canonicalize(root.join(file)));
        let Ok(abs) = abs else {
            refused.push(format!("cannot find `{shown}`\nhint: give the path of a translation, e.g. `content/ja-JP/guide/install.md`"));
            continue;
        };
        let Some(path) = site_path(root, &abs) else {
            refused.push(format!(
                "`{shown}` is not in the site's `content/` directory (`{}`)",
                root.join("content").display()
            ));
            continue;
        };
        let Some(file_id) = site.files.iter().position(|f| f.path == path) else {
            refused.push(format!(
                "`{path}` is not an article of the site\nhint: articles are `.md` files in `content/<locale>/`; a locale directory that is not a BCP 47 tag is not read"
            ));
            continue;
        };
        let Some(article) = site.article_of(file_id) else {
            refused.push(format!("`{path}` is an include fragment, not an article; stamp the articles that include it"));
            continue;
        };
        if translation::is_source(site, article) {
            refused.push(format!(
                "`{path}` is a source article (default locale `{default}`), not a translation\nhint: stamp the translations made from it, e.g. `content/<locale>/{}`",
                site.articles[article].rel
            ));
            continue;
        }
        let Some(src) = translation::source_of(site, article) else {
            refused.push(format!(
                "`{path}` has no source article: its translation group has none in the default locale `{default}`\nhint: give the source and the translation the same `ms.assetid`, or the same path"
            ));
            continue;
        };
        if parse_diags
            .iter()
            .any(|d| d.file == path && d.code == crate::diagnostic::Code::InvalidFrontmatter)
        {
            refused.push(format!("`{path}` has invalid frontmatter\nhint: `stele check` shows where; fix it, then stamp"));
            continue;
        }
        targets.push(StampTarget {
            abs,
            path,
            hash: translation::source_hash(translation::body(site, src)),
            source: site.files[site.articles[src].file].path.clone(),
        });
    }
    if !refused.is_empty() {
        let n = refused.len();
        bail!(
            "nothing was stamped: {} refused\nerror: {}",
            count(n, "file"),
            refused.join("\nerror: ")
        );
    }
    let mut lines = Vec::new();
    for t in targets {
        let bytes = std::fs::read(&t.abs).with_context(|| format!("cannot read `{}`", t.path))?;
        let (encoding, text) = Encoding::decode(&bytes)
            .map_err(|_| anyhow::anyhow!("the file is not UTF-8 or UTF-16 with a byte-order mark"))
            .with_context(|| format!("cannot decode `{}`", t.path))?;
        let new_text = translation::set_frontmatter_key(&text, SOURCE_HASH_KEY, &t.hash);
        if new_text == text {
            lines.push(format!(
                "`{}` is already stamped from `{}`",
                t.path, t.source
            ));
            continue;
        }
        crate::output::write_file_atomic(&t.abs, &encoding.encode(&new_text))
            .with_context(|| format!("cannot write `{}`", t.path))?;
        lines.push(format!(
            "stamped `{}` with the hash of `{}`",
            t.path, t.source
        ));
    }
    Ok(lines)
}

/// The site-relative path (`content/ja-JP/a.md`) of an absolute path.
pub(super) fn site_path(root: &Path, abs: &Path) -> Option<String> {
    let rel = abs.strip_prefix(root.join("content")).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| format!("content/{}", parts.join("/")))
}
