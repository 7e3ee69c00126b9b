//! Walks `content/` and reads the site's files.
//!
//! Invariants: the walk is sorted, so everything downstream sees files in
//! the same order on every run; text is decoded here (UTF-8 with or
//! without BOM, UTF-16 with BOM) and never again; a file that cannot be
//! read or decoded becomes a diagnostic, and the rest is still read.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, LineIndex};
use crate::locale;

/// What a Markdown file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A page of the site.
    Article,
    /// A fragment under an `includes/` or `_includes/` folder, pulled in by
    /// `[!INCLUDE]` or `{{% include %}}`.
    Include,
    /// A DocFX table of contents (`toc.yml`, `TOC.md`, `breadcrumb/toc.yml`).
    Toc,
}

/// The page types of DocFX YAML files (`### YamlMime:Landing`) that are
/// built as pages; other YAML files are static files.
pub const YAML_PAGE_TYPES: &[&str] = &["Landing", "Hub", "FAQ", "Tutorial"];

/// The `YamlMime` type of a YAML page (`Hub`), when `text` is one.
pub fn yaml_mime(text: &str) -> Option<&str> {
    let first = text.lines().next()?.trim();
    let mime = first
        .strip_prefix("###")?
        .trim_start()
        .strip_prefix("YamlMime:")?
        .trim();
    YAML_PAGE_TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(mime))
        .copied()
}

/// The syntax of a DocFX TOC file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TocFormat {
    Yaml,
    Markdown,
}

/// Whether a file name (without folder) is a DocFX TOC, and of which syntax.
pub fn toc_format(name: &str) -> Option<TocFormat> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "toc.yml" | "toc.yaml" => Some(TocFormat::Yaml),
        "toc.md" => Some(TocFormat::Markdown),
        _ => None,
    }
}

/// Whether a path names a YAML file (`.yml`, `.yaml`).
pub fn is_yaml_path(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".yml") || lower.ends_with(".yaml")
}

/// A Markdown file of the site, decoded.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Site-relative path with `/` separators: `content/ja-JP/a/b.md`.
    pub path: String,
    /// The locale directory it lives in: `ja-JP`.
    pub locale: String,
    /// Path relative to the locale directory: `a/b.md`.
    pub rel: String,
    /// The decoded text, BOM removed. Offsets in diagnostics refer to it.
    pub text: String,
    pub kind: FileKind,
}

/// A file copied to the output as it is (images, downloads).
#[derive(Clone, Debug)]
pub struct StaticFile {
    pub locale: String,
    /// Path relative to the locale directory.
    pub rel: String,
    pub abs: PathBuf,
}

/// The result of walking `content/`, before anything is read.
#[derive(Debug, Default)]
pub struct Walk {
    /// Locale directory names, sorted.
    pub locales: Vec<String>,
    /// Markdown files: (locale, rel, absolute path, kind).
    pub markdown: Vec<(String, String, PathBuf, FileKind)>,
    pub statics: Vec<StaticFile>,
    pub redirect_files: Vec<(Option<String>, String, String)>,
    pub diagnostics: Vec<Diagnostic>,
    /// The configuration's `[limits]`.
    pub limits: crate::limits::Limits,
}

impl Walk {
    /// Number of articles per locale, for choosing the default locale.
    pub fn article_counts(&self) -> Vec<(String, usize)> {
        self.locales
            .iter()
            .map(|l| {
                let n = self
                    .markdown
                    .iter()
                    .filter(|m| &m.0 == l && m.3 == FileKind::Article)
                    .count();
                (l.clone(), n)
            })
            .collect()
    }
}

/// The files read from disk.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Locale directory names that are built, sorted.
    pub locales: Vec<String>,
    pub sources: Vec<SourceFile>,
    pub statics: Vec<StaticFile>,
    /// DocFX redirect maps: (locale directory or `None` at the site root,
    /// site-relative path, text).
    pub redirect_files: Vec<(Option<String>, String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// DocFX's redirect map, read at the site root and in each locale directory.
pub const REDIRECT_FILE: &str = ".openpublishing.redirection.json";

/// A relative path with `/` separators, in Unicode NFC: macOS may hand out
/// NFD file names while links are written in NFC.
fn rel_string(path: &Path) -> String {
    use unicode_normalization::UnicodeNormalization;
    let joined = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if joined.is_ascii() {
        joined
    } else {
        joined.nfc().collect()
    }
}

/// Walks `content/`. Errors only when `content/` itself cannot be read.
pub fn walk(config: &Config) -> anyhow::Result<Walk> {
    let content = config.content_dir();
    let entries = std::fs::read_dir(&content).map_err(|e| {
        anyhow::anyhow!(
            "cannot read the content directory `{}`: {e}\nhint: a site keeps its articles in `content/<locale>/`, e.g. `content/en-US/index.md`",
            content.display()
        )
    })?;
    let mut walk = Walk {
        limits: config.limits,
        ..Walk::default()
    };
    let content_root = std::fs::canonicalize(&content).unwrap_or_else(|_| content.clone());
    read_redirects(
        &config.root.join(REDIRECT_FILE),
        None,
        REDIRECT_FILE.to_string(),
        &mut walk,
    );
    let mut top: Vec<_> = entries.filter_map(Result::ok).collect();
    top.sort_by_key(|e| e.file_name());
    for entry in top {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(_) => continue,
        };
        let site_rel = format!("content/{name}");
        if !file_type.is_dir() {
            walk.diagnostics.push(
                Diagnostic::new(
                    Code::StrayFile,
                    site_rel,
                    format!("`{name}` is outside every locale directory"),
                )
                .with_hint(
                    "move it into a locale directory such as `content/en-US/`; it is not built",
                ),
            );
            continue;
        }
        if locale::parse_tag(&name).is_none() {
            walk.diagnostics.push(
                Diagnostic::new(
                    Code::UnknownLocaleDir,
                    site_rel,
                    format!("`{name}` is not a BCP 47 locale tag; its files are not built"),
                )
                .with_hint(
                    "name locale directories by language tag, e.g. `en-US`, `ja-JP`, `ar-SA`",
                ),
            );
            continue;
        }
        walk.locales.push(name.clone());
        read_redirects(
            &entry.path().join(REDIRECT_FILE),
            Some(name.clone()),
            format!("content/{name}/{REDIRECT_FILE}"),
            &mut walk,
        );
        walk_locale(&entry.path(), &name, &content_root, &mut walk);
        if walk.markdown.len() + walk.statics.len() >= walk.limits.files {
            break;
        }
    }
    Ok(walk)
}

fn read_redirects(path: &Path, locale: Option<String>, site_rel: String, walk: &mut Walk) {
    match std::fs::read(path) {
        Ok(bytes) => match decode(&bytes) {
            Ok(text) => walk.redirect_files.push((locale, site_rel, text)),
            Err(e) => walk
                .diagnostics
                .push(e.located(&site_rel, locale.as_deref().unwrap_or(""))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => walk.diagnostics.push(Diagnostic::new(
            Code::UnreadableFile,
            site_rel,
            format!("cannot read redirect map: {e}"),
        )),
    }
}

fn walk_locale(dir: &Path, locale: &str, content_root: &Path, walk: &mut Walk) {
    let it = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in it {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(dir).ok())
                    .map(rel_string)
                    .unwrap_or_default();
                walk.diagnostics.push(
                    Diagnostic::new(
                        Code::UnreadableFile,
                        format!("content/{locale}/{path}"),
                        format!("cannot read directory entry: {e}"),
                    )
                    .with_locale(locale),
                );
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if walk.markdown.len() + walk.statics.len() >= walk.limits.files {
            walk.diagnostics.push(
                Diagnostic::new(
                    Code::LimitExceeded,
                    "content",
                    format!(
                        "more than {} files under `content/`; the rest of `content/{locale}/` and the locales after it are not read",
                        walk.limits.files
                    ),
                )
                .with_hint(crate::limits::hint("files", walk.limits.files)),
            );
            return;
        }
        let Ok(rel_path) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel_string(rel_path);
        if entry.path_is_symlink() {
            if let Some(problem) = symlink_problem(entry.path(), content_root) {
                walk.diagnostics.push(
                    Diagnostic::new(Code::UnreadableFile, format!("content/{locale}/{rel}"), problem)
                        .with_hint("symbolic links must point to files inside `content/`; the link was not read")
                        .with_locale(locale),
                );
                continue;
            }
        }
        let name = entry.file_name().to_string_lossy();
        let is_md = Path::new(&*name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        // DocFX's `includes/`, Hugo's `_includes/`.
        let in_includes = rel_path
            .components()
            .any(|c| c.as_os_str() == "includes" || c.as_os_str() == "_includes");
        if toc_format(&name).is_some() {
            walk.markdown.push((
                locale.to_string(),
                rel,
                entry.path().to_path_buf(),
                FileKind::Toc,
            ));
        } else if is_yaml_path(&name) && !in_includes {
            // A page when it is `### YamlMime:…` (decided once it is read).
            walk.markdown.push((
                locale.to_string(),
                rel,
                entry.path().to_path_buf(),
                FileKind::Article,
            ));
        } else if is_md {
            let kind = if in_includes {
                FileKind::Include
            } else {
                FileKind::Article
            };
            walk.markdown
                .push((locale.to_string(), rel, entry.path().to_path_buf(), kind));
        } else {
            walk.statics.push(StaticFile {
                locale: locale.to_string(),
                rel,
                abs: entry.path().to_path_buf(),
            });
        }
    }
}

/// Why a symbolic link is not read: it dangles, points outside `content/`
/// (a site must not read `/etc/passwd` because a link says so) or at a
/// directory (not followed). `None` when it is a file inside `content/`.
fn symlink_problem(path: &Path, content_root: &Path) -> Option<String> {
    match std::fs::canonicalize(path) {
        Err(e) => Some(format!("broken symbolic link: {e}")),
        Ok(target) if !target.starts_with(content_root) => Some(format!(
            "symbolic link to `{}`, outside `content/`",
            target.display()
        )),
        Ok(target) if target.is_dir() => {
            Some("symbolic link to a directory; directories are not followed".to_string())
        }
        Ok(_) => None,
    }
}

/// What the file system says about a file's version: a file whose stamp
/// is unchanged is taken to hold the same bytes (`stele serve`'s cache of
/// texts, [`crate::serve::incremental::Texts`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    /// Inode and status-change time: an editor that saves by renaming a new
    /// file over the old one changes the inode.
    #[cfg(unix)]
    inode: (u64, i64, i64),
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            #[cfg(unix)]
            inode: (meta.ino(), meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// Reads the decoded text of a file: called with the file's path, its
/// stamp and the reading itself ([`read_text`]); must return what the
/// reading returns. `stele serve` passes a cache.
pub type TextFn<'a> = dyn Fn(&Path, Stamp, &dyn Fn() -> Result<String, Diagnostic>) -> Result<String, Diagnostic>
    + Sync
    + 'a;

/// The [`TextFn`] that reads every time.
pub fn read_text(
    _path: &Path,
    _stamp: Stamp,
    read: &dyn Fn() -> Result<String, Diagnostic>,
) -> Result<String, Diagnostic> {
    read()
}

/// Reads the Markdown files of the locales that `keep` accepts, in parallel.
pub fn read(walk: Walk, keep: &(dyn Fn(&str) -> bool + Sync)) -> Discovered {
    read_with(walk, keep, &read_text)
}

/// [`read`] with every file's text going through `text`.
pub fn read_with(
    walk: Walk,
    keep: &(dyn Fn(&str) -> bool + Sync),
    text: &TextFn<'_>,
) -> Discovered {
    enum Read {
        Source(SourceFile),
        Static(StaticFile),
    }
    let max_bytes = walk.limits.article_bytes();
    let results: Vec<Result<Read, Diagnostic>> = walk
        .markdown
        .par_iter()
        .filter(|(locale, ..)| keep(locale))
        .map(|(locale, rel, abs, kind)| {
            let path = format!("content/{locale}/{rel}");
            let read = || {
                let bytes = std::fs::read(abs).map_err(|e| {
                    Diagnostic::new(
                        Code::UnreadableFile,
                        path.clone(),
                        format!("cannot read file: {e}"),
                    )
                    .with_hint("check the file's permissions")
                    .with_locale(locale.clone())
                })?;
                decode(&bytes).map_err(|d| d.located(&path, locale))
            };
            // A file that cannot be stat'ed is read (and reported) as before.
            let text = match std::fs::metadata(abs) {
                // A large YAML file is data, not a page: copied as it is.
                Ok(meta)
                    if meta.len() > max_bytes
                        && *kind == FileKind::Article
                        && is_yaml_path(rel) =>
                {
                    return Ok(Read::Static(StaticFile {
                        locale: locale.clone(),
                        rel: rel.clone(),
                        abs: abs.clone(),
                    }));
                }
                Ok(meta) if meta.len() > max_bytes => {
                    return Err(Diagnostic::new(
                        Code::LimitExceeded,
                        path.clone(),
                        format!(
                            "the file is {:.1} MiB, more than the limit of {} MiB; it is not read",
                            meta.len() as f64 / (1024.0 * 1024.0),
                            max_bytes / (1024 * 1024)
                        ),
                    )
                    .with_hint(crate::limits::hint("article_mb", max_bytes / (1024 * 1024)))
                    .with_locale(locale.clone()));
                }
                Ok(meta) => text(abs, Stamp::of(&meta), &read)?,
                Err(_) => read()?,
            };
            if *kind == FileKind::Article && is_yaml_path(rel) && yaml_mime(&text).is_none() {
                return Ok(Read::Static(StaticFile {
                    locale: locale.clone(),
                    rel: rel.clone(),
                    abs: abs.clone(),
                }));
            }
            Ok(Read::Source(SourceFile {
                path,
                locale: locale.clone(),
                rel: rel.clone(),
                text,
                kind: *kind,
            }))
        })
        .collect();
    let mut out = Discovered {
        locales: walk.locales.into_iter().filter(|l| keep(l)).collect(),
        statics: walk
            .statics
            .into_iter()
            .filter(|s| keep(&s.locale))
            .collect(),
        redirect_files: walk.redirect_files,
        diagnostics: walk.diagnostics,
        sources: Vec::new(),
    };
    let mut yaml_statics = Vec::new();
    for r in results {
        match r {
            Ok(Read::Source(f)) => out.sources.push(f),
            Ok(Read::Static(f)) => yaml_statics.push(f),
            Err(d) => out.diagnostics.push(d),
        }
    }
    if !yaml_statics.is_empty() {
        out.statics.extend(yaml_statics);
        // The walk's order: by locale, then path component by component.
        out.statics.sort_by(|a, b| {
            a.locale
                .cmp(&b.locale)
                .then_with(|| a.rel.split('/').cmp(b.rel.split('/')))
        });
    }
    out
}

/// A decoding failure, before it knows its file.
#[derive(Debug)]
pub struct DecodeError {
    message: String,
    line: u32,
    column: u32,
}

impl DecodeError {
    fn located(self, path: &str, locale: &str) -> Diagnostic {
        Diagnostic::new(Code::InvalidEncoding, path, self.message)
            .with_span(crate::diagnostic::Span {
                line: self.line,
                column: self.column,
                end_line: self.line,
                end_column: self.column + 1,
            })
            .with_hint("save the file as UTF-8; the rest of the site is built without it")
            .with_locale(locale)
    }
}

/// Decodes a file: UTF-8 (a BOM is dropped) or UTF-16 LE/BE with a BOM.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    Encoding::decode(bytes).map(|(_, text)| text)
}

/// How a file is encoded: what [`decode`] reads, and what a rewrite
/// (`status --stamp`) keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8 { bom: bool },
    Utf16 { little_endian: bool },
}

impl Encoding {
    /// The encoding of `bytes` by its byte-order mark (UTF-8 without one),
    /// and the bytes after the mark. The one BOM sniffer.
    pub fn sniff(bytes: &[u8]) -> (Encoding, &[u8]) {
        if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            (Encoding::Utf8 { bom: true }, rest)
        } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
            (
                Encoding::Utf16 {
                    little_endian: true,
                },
                rest,
            )
        } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
            (
                Encoding::Utf16 {
                    little_endian: false,
                },
                rest,
            )
        } else {
            (Encoding::Utf8 { bom: false }, bytes)
        }
    }

    /// Decodes a file (see [`decode`]) and says how it was encoded, so that
    /// a rewrite can keep it.
    pub fn decode(bytes: &[u8]) -> Result<(Encoding, String), DecodeError> {
        let (encoding, rest) = Encoding::sniff(bytes);
        let text = match encoding {
            Encoding::Utf8 { .. } => utf8(rest),
            Encoding::Utf16 { little_endian } => utf16(rest, little_endian),
        }?;
        Ok((encoding, text))
    }

    /// Encodes `text` as `self`, with its byte-order mark.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 { bom } => {
                let mut out = if bom {
                    vec![0xEF, 0xBB, 0xBF]
                } else {
                    Vec::new()
                };
                out.extend_from_slice(text.as_bytes());
                out
            }
            Encoding::Utf16 { little_endian } => {
                let mut out = if little_endian {
                    vec![0xFF, 0xFE]
                } else {
                    vec![0xFE, 0xFF]
                };
                for u in text.encode_utf16() {
                    out.extend_from_slice(&if little_endian {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    });
                }
                out
            }
        }
    }
}

/// UTF-16 after its byte-order mark.
fn utf16(rest: &[u8], le: bool) -> Result<String, DecodeError> {
    let units = rest.chunks(2).map(|c| {
        let pair = [c[0], *c.get(1).unwrap_or(&0)];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(rest.len() / 2);
    for (i, ch) in char::decode_utf16(units).enumerate() {
        match ch {
            Ok(c) => text.push(c),
            Err(_) => {
                let idx = LineIndex::new(&text);
                let (line, column) = idx.position(&text, text.len());
                return Err(DecodeError {
                    message: format!("invalid UTF-16 at code unit {i}"),
                    line,
                    column,
                });
            }
        }
    }
    if rest.len() % 2 == 1 {
        let idx = LineIndex::new(&text);
        let (line, column) = idx.position(&text, text.len());
        return Err(DecodeError {
            message: "UTF-16 file has an odd number of bytes".into(),
            line,
            column,
        });
    }
    Ok(text)
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // `good` is valid UTF-8 by construction.
            let text = String::from_utf8_lossy(good);
            let idx = LineIndex::new(&text);
            let (line, column) = idx.position(&text, text.len());
            Err(DecodeError {
                message: format!("invalid UTF-8 (byte `0x{:02X}`)", bytes[e.valid_up_to()]),
                line,
                column,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBF# Hi\r\n").unwrap(), "# Hi\r\n");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("# 日本\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "# 日本\r\n");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("é".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "é");
    }

    #[test]
    fn invalid_utf8_has_a_position() {
        let e = decode(b"ok\nab\xFFcd").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.message.contains("0xFF"));
    }
}

/// Reads `themes/<theme>/` under the site root: `None` when the site has
/// no such folder (the built-in theme is used for `default`).
pub fn theme_files(config: &Config) -> anyhow::Result<Option<Vec<(String, Vec<u8>)>>> {
    let dir = config.root.join("themes").join(&config.theme);
    if !dir.is_dir() {
        return Ok(None);
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry =
            entry.map_err(|e| anyhow::anyhow!("cannot read theme `{}`: {e}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let bytes = std::fs::read(entry.path())
            .map_err(|e| anyhow::anyhow!("cannot read `{}`: {e}", entry.path().display()))?;
        files.push((rel_string(rel), bytes));
    }
    Ok(Some(files))
}

/// Reads the site's own UI strings, `locales/<tag>.ftl` under the site root.
pub fn ui_files(config: &Config) -> anyhow::Result<Vec<(String, String, String)>> {
    let dir = config.root.join("locales");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let Some(tag) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let bytes = std::fs::read(&path)
            .map_err(|e| anyhow::anyhow!("cannot read `{}`: {e}", path.display()))?;
        let text =
            decode(&bytes).map_err(|e| anyhow::anyhow!("`{}`: {}", path.display(), e.message))?;
        out.push((tag.clone(), format!("locales/{tag}.ftl"), text));
    }
    Ok(out)
}

/// Code files that snippets (`[!code-cs[](a.cs)]`, `:::code source=…:::`)
/// may show: (locale directory, path relative to it) → decoded text.
pub type CodeFiles = std::collections::BTreeMap<(String, String), String>;

/// Extensions of the static files read as code for snippets.
const CODE_EXTENSIONS: &[&str] = &[
    "cs", "csx", "vb", "fs", "js", "mjs", "ts", "jsx", "tsx", "py", "ps1", "psm1", "sh", "bash",
    "cmd", "bat", "json", "xml", "xaml", "yml", "yaml", "java", "kt", "go", "rs", "c", "h", "cpp",
    "hpp", "sql", "kql", "txt", "css", "scss", "razor", "cshtml", "bicep", "tf", "rb", "php",
    "swift", "csproj", "config", "ini", "toml", "http",
];

/// Largest code file read for snippets.
const MAX_CODE_BYTES: u64 = 1 << 20;

/// Reads the code files among `statics` (by extension, at most 1 MiB
/// each). A file that cannot be read or decoded is left out; a snippet
/// that needs it reports it missing.
pub fn read_code_files(statics: &[StaticFile]) -> CodeFiles {
    let code: Vec<&StaticFile> = statics
        .iter()
        .filter(|s| {
            s.rel.rsplit_once('.').is_some_and(|(_, ext)| {
                CODE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            })
        })
        .collect();
    code.par_iter()
        .filter_map(|s| {
            let meta = std::fs::metadata(&s.abs).ok()?;
            if meta.len() > MAX_CODE_BYTES {
                return None;
            }
            let text = decode(&std::fs::read(&s.abs).ok()?).ok()?;
            Some(((s.locale.clone(), s.rel.clone()), text))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}
