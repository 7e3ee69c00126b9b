//! One build at a time per output directory.
//!
//! Invariants: the lock is an OS lock (`flock` on Unix, `LockFileEx` on
//! Windows, through `std::fs::File::lock`) on a small file beside the output
//! directory, `.<name>.stele-lock`; the OS releases it when the process
//! ends in any way, SIGKILL included, so a crashed build never leaves a
//! stale lock. The file itself is never deleted: deleting a lock file lets
//! two processes lock two different files of the same name.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// What a build does when another build holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Print one message and wait for the other build to finish.
    Block,
    /// Refuse at once (`--no-wait`): an error, exit code 2.
    Refuse,
}

/// The held lock; released when dropped or when the process ends.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

impl OutputLock {
    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// The lock file of output directory `out`: `.<name>.stele-lock` beside it.
pub fn lock_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.stele-lock"))
}

/// Takes the lock of output directory `out` (an absolute, normalized path),
/// waiting for another build (`Wait::Block`, after calling `on_wait` once
/// with a message) or refusing (`Wait::Refuse`).
pub fn acquire(out: &Path, wait: Wait, on_wait: &mut dyn FnMut(&str)) -> Result<OutputLock> {
    let path = lock_path(out);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("cannot open the lock file `{}`", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let holder = holder(&mut file);
            match wait {
                Wait::Refuse => bail!(
                    "another stele build{holder} is writing to `{}`\nhint: wait for it to finish, or run without `--no-wait` to wait for it",
                    out.display()
                ),
                Wait::Block => {
                    on_wait(&format!(
                        "waiting for another stele build{holder} writing to `{}` to finish…",
                        out.display()
                    ));
                    file.lock()
                        .with_context(|| format!("cannot lock `{}`", path.display()))?;
                }
            }
        }
        Err(TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock `{}`", path.display()));
        }
    }
    // Who holds it, for the message of the next build (informative only).
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = writeln!(file, "{}", std::process::id());
    Ok(OutputLock { file, path })
}

/// ` (process 1234)` from the lock file, or nothing.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.take(32).read_to_string(&mut text);
    match text.trim().parse::<u32>() {
        Ok(pid) => format!(" (process {pid})"),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_then_granted_after_drop() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("public");
        let first = acquire(&out, Wait::Refuse, &mut |_| {}).expect("first lock");
        assert_eq!(first.path(), tmp.path().join(".public.stele-lock"));
        let err = acquire(&out, Wait::Refuse, &mut |_| {}).expect_err("second lock refused");
        let msg = format!("{err:#}");
        assert!(msg.contains("another stele build (process"), "{msg}");
        assert!(msg.contains("hint: "), "{msg}");
        drop(first);
        acquire(&out, Wait::Refuse, &mut |_| {}).expect("free again");
    }
}
