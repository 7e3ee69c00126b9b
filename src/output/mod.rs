//! Writing the built site, atomically.
//!
//! Invariants: pages are written into a fresh temporary directory beside
//! the output directory as they are rendered ([`Staging`]), which then
//! replaces the output directory in two renames; an existing output
//! directory is replaced only when stele wrote
//! it (it holds the marker file) or it is empty; nothing outside the output
//! directory is ever deleted; an output directory that is or contains the
//! site root or `content/`, or lies inside `content/`, is refused.
//! Writing requires the output's [`lock::OutputLock`]; under it, the
//! [`leftovers`] of interrupted builds are removed first, and SIGINT/SIGTERM
//! clean up through [`interrupt`].

pub mod interrupt;
pub mod leftovers;
pub mod lock;

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::config::Config;
use crate::render::Page;

/// The file that marks a directory as written by stele.
pub const MARKER: &str = ".stele-output";

/// A file copied as it is: (source on disk, path relative to the output).
pub type Copy = (PathBuf, String);

/// Writes one file atomically: a temporary file in the same folder (named
/// `.stele-*`), synced, then renamed over `path`. The file keeps the
/// permissions of the one it replaces; a new file gets `0o644` on unix. The
/// one atomic file write (`status --stamp`, the external-link cache).
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".stele-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match fs::metadata(path) {
        Ok(meta) => fs::set_permissions(tmp.path(), meta.permissions())?,
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Lexically normalized absolute path (no `.`/`..`), for comparisons.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Refuses output directories that would overwrite the site's sources.
pub fn validate(config: &Config) -> Result<PathBuf> {
    let out = normalize(&config.output_dir);
    let out = fs::canonicalize(&out).unwrap_or(out);
    let root = normalize(&config.root);
    let content = root.join("content");
    let hint = "hint: choose a directory of its own, e.g. `-o public`";
    if root.starts_with(&out) {
        bail!(
            "refusing to write the site into `{}`: it is or contains the site root\n{hint}",
            out.display()
        );
    }
    if out.starts_with(&content) {
        bail!(
            "refusing to write the site into `{}`: it is inside `content/`\n{hint}",
            out.display()
        );
    }
    for dir in ["themes", "locales"] {
        if out.starts_with(root.join(dir)) {
            bail!(
                "refusing to write the site into `{}`: it is inside `{dir}/`\n{hint}",
                out.display()
            );
        }
    }
    if out.parent().is_none() {
        bail!("refusing to write the site into the file system root\n{hint}");
    }
    Ok(out)
}

/// Writes `pages` and `copies` to the output directory atomically, under
/// the output's lock (taken with [`lock::acquire`] on [`validate`]'s path).
/// Returns the number of files written and the leftovers removed.
pub fn write(
    config: &Config,
    pages: &[Page],
    copies: &[Copy],
    lock: &lock::OutputLock,
) -> Result<Written> {
    let staging = Staging::begin(config, lock)?;
    pages.par_iter().try_for_each(|p| staging.put(p))?;
    staging.finish(copies)
}

/// An output being written: the temporary directory beside the output
/// directory that [`Staging::finish`] swaps in. Pages are written into it
/// as they are rendered ([`Staging::put`], from any thread), so a build
/// never holds the site's pages in memory.
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    tmp: tempfile::TempDir,
    tmp_path: PathBuf,
    /// The output directory, when it holds a previous build to link from.
    previous: Option<PathBuf>,
    removed: Vec<PathBuf>,
    files: AtomicUsize,
    /// The first error of [`Staging::keep`], reported by [`Staging::finish`].
    error: Mutex<Option<anyhow::Error>>,
}

impl Staging {
    /// Creates the temporary directory (after removing leftovers of
    /// interrupted builds), under the output's lock.
    pub fn begin(config: &Config, _lock: &lock::OutputLock) -> Result<Staging> {
        let out = validate(config)?;
        let parent = out
            .parent()
            .context("output directory has no parent")?
            .to_path_buf();
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        let removed = leftovers::remove(&out);
        if out.exists() {
            check_replaceable(&out)?;
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}.stele-tmp-"))
            .tempdir_in(&parent)
            .with_context(|| {
                format!(
                    "cannot create a temporary directory in `{}`",
                    parent.display()
                )
            })?;
        let tmp_path = tmp.path().to_path_buf();
        // The marker first: a build killed while writing leaves a directory the
        // next build recognizes as its own leftover.
        fs::write(tmp_path.join(MARKER), MARKER_TEXT).context("cannot write the output marker")?;
        interrupt::set(interrupt::Pending::Writing(tmp_path.clone()));
        let previous = out.join(MARKER).is_file().then(|| out.clone());
        Ok(Staging {
            out,
            parent,
            name,
            tmp,
            tmp_path,
            previous,
            removed,
            files: AtomicUsize::new(0),
            error: Mutex::new(None),
        })
    }

    /// Writes one page. A file identical to the one of the previous build is
    /// hard-linked from it instead of written again: far less I/O on
    /// rebuilds, and deleting the previous build then frees almost no data
    /// blocks. The previous build is only read, never changed, so the swap
    /// stays atomic.
    pub fn put(&self, p: &Page) -> Result<()> {
        // Held while this page is written: on SIGINT/SIGTERM the signal
        // thread waits for writers in flight before it removes the directory.
        let Some(_io) = interrupt::IoGuard::take() else {
            bail!("interrupted");
        };
        if !is_safe_relative(&p.path) {
            bail!(
                "refusing to write `{}`: the path escapes the output directory",
                p.path
            );
        }
        let dest = self.tmp_path.join(&p.path);
        make_parent(&dest)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        if let Some(old) = &self.previous {
            if reuse(&old.join(&p.path), &p.bytes, &dest) {
                return Ok(());
            }
        }
        fs::write(&dest, &p.bytes).with_context(|| format!("cannot write `{}`", dest.display()))
    }

    /// [`Staging::put`] as a page sink of the render stage: the error, if
    /// any, is kept for [`Staging::finish`]; after one, nothing more is written.
    pub fn keep(&self, p: Page) -> Option<Page> {
        let mut error = self.error.lock().unwrap_or_else(|e| e.into_inner());
        if error.is_some() {
            return None;
        }
        drop(error);
        if let Err(e) = self.put(&p) {
            error = self.error.lock().unwrap_or_else(|e| e.into_inner());
            error.get_or_insert(e);
        }
        None
    }

    /// Copies the static files, then swaps the new output in.
    pub fn finish(self, copies: &[Copy]) -> Result<Written> {
        let pending = self.error.lock().unwrap_or_else(|e| e.into_inner()).take();
        let result = match pending {
            Some(e) => Err(e),
            None => copy_into(self.previous.as_deref(), &self.tmp_path, copies),
        };
        if result.is_err() && interrupt::aborted() {
            // The signal thread removes the directory and ends the process;
            // dropping `tmp` here would race with it.
            interrupt::wait_for_exit();
        }
        if result.is_err() {
            interrupt::set(interrupt::Pending::Nothing);
        }
        result?;
        swap(&self.out, &self.parent, &self.name, self.tmp)?;
        Ok(Written {
            files: self.files.into_inner() + copies.len(),
            leftovers_removed: self.removed,
        })
    }
}

/// Creates the directory of `dest` (most pages share it with the page before).
fn make_parent(dest: &Path) -> Result<()> {
    match dest.parent() {
        Some(d) if !d.is_dir() => {
            fs::create_dir_all(d).with_context(|| format!("cannot create `{}`", d.display()))
        }
        _ => Ok(()),
    }
}

/// What [`write`] did.
#[derive(Debug)]
pub struct Written {
    /// Files written (pages and copies).
    pub files: usize,
    /// Directories of interrupted builds removed before writing.
    pub leftovers_removed: Vec<PathBuf>,
}

const MARKER_TEXT: &str = "This directory is written by stele and replaced on every build.\n";

/// Copies the static files into `tmp_path`, hard-linking the ones the
/// previous build has with the same bytes.
fn copy_into(previous: Option<&Path>, tmp_path: &Path, copies: &[Copy]) -> Result<()> {
    for (_, rel) in copies {
        if !is_safe_relative(rel) {
            bail!("refusing to write `{rel}`: the path escapes the output directory");
        }
    }
    copies.par_iter().try_for_each(|(src, rel)| {
        let Some(_io) = interrupt::IoGuard::take() else {
            bail!("interrupted");
        };
        let dest = tmp_path.join(rel);
        make_parent(&dest)?;
        if let Some(old) = previous {
            if same_file_content(src, &old.join(rel)) && fs::hard_link(old.join(rel), &dest).is_ok()
            {
                return Ok(());
            }
        }
        fs::copy(src, &dest)
            .map(|_| ())
            .with_context(|| format!("cannot copy `{}` to `{}`", src.display(), dest.display()))
    })?;
    Ok(())
}

/// Moves the old output aside, the new one in, and deletes the old one.
/// The two renames happen under the signal thread's mutex.
fn swap(out: &Path, parent: &Path, name: &str, tmp: tempfile::TempDir) -> Result<()> {
    let mut state = interrupt::STATE.lock().unwrap_or_else(|e| e.into_inner());
    let tmp_path = tmp.keep();
    let old = if out.exists() {
        let old = parent.join(format!(".{name}.stele-old-{}", std::process::id()));
        if let Err(e) = fs::rename(out, &old) {
            *state = interrupt::Pending::Nothing;
            interrupt::remove_marked(&tmp_path);
            return Err(e).with_context(|| format!("cannot move `{}` aside", out.display()));
        }
        Some(old)
    } else {
        None
    };
    if let Err(e) = fs::rename(&tmp_path, out) {
        if let Some(old) = &old {
            let _ = fs::rename(old, out);
        }
        *state = interrupt::Pending::Nothing;
        interrupt::remove_marked(&tmp_path);
        return Err(e)
            .with_context(|| format!("cannot move the new site into `{}`", out.display()));
    }
    *state = match &old {
        Some(old) => interrupt::Pending::Old(old.clone()),
        None => interrupt::Pending::Nothing,
    };
    drop(state);
    if let Some(old) = old {
        interrupt::remove_marked(&old);
        interrupt::set(interrupt::Pending::Nothing);
        if old.exists() {
            bail!(
                "cannot remove the previous build at `{}`\nhint: the new build is complete; the next build removes it again",
                old.display()
            );
        }
    }
    Ok(())
}

/// Hard-links `old` to `dest` when `old` holds exactly `bytes`.
fn reuse(old: &Path, bytes: &[u8], dest: &Path) -> bool {
    match fs::metadata(old) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    fs::read(old).is_ok_and(|b| b == bytes) && fs::hard_link(old, dest).is_ok()
}

/// Whether two files have the same bytes (sizes first, then content).
fn same_file_content(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) if ma.is_file() && mb.is_file() && ma.len() == mb.len() => {}
        _ => return false,
    }
    matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

fn check_replaceable(out: &Path) -> Result<()> {
    if !out.is_dir() {
        bail!(
            "`{}` exists and is not a directory\nhint: remove it or choose another output directory",
            out.display()
        );
    }
    let empty = fs::read_dir(out)
        .with_context(|| format!("cannot read `{}`", out.display()))?
        .next()
        .is_none();
    if !empty && !out.join(MARKER).exists() {
        bail!(
            "refusing to replace `{}`: it was not written by stele\nhint: remove it yourself or choose another output directory with `-o`",
            out.display()
        );
    }
    Ok(())
}

fn is_safe_relative(p: &str) -> bool {
    let path = Path::new(p);
    !p.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_output_dirs() {
        let mut c = Config::zero("/tmp/site");
        for bad in [
            "/tmp/site",
            "/tmp",
            "/tmp/site/content",
            "/tmp/site/content/en-US/x",
            "/tmp/site/themes/x",
        ] {
            c.output_dir = PathBuf::from(bad);
            assert!(validate(&c).is_err(), "{bad}");
        }
        c.output_dir = PathBuf::from("/tmp/site/public");
        assert!(validate(&c).is_ok());
        c.output_dir = PathBuf::from("/tmp/site/content/../public");
        assert!(validate(&c).is_ok());
    }

    #[test]
    fn unsafe_page_paths() {
        assert!(is_safe_relative("a/b/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative(""));
    }
}
