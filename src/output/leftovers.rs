//! Directories that earlier, interrupted builds left beside the output.
//!
//! A build writes into `.<name>.stele-tmp-XXXXXX` and moves the previous
//! output to `.<name>.stele-old-<pid>` during the swap. A build killed
//! before it could clean up (SIGKILL, power loss, a CI timeout) leaves them
//! behind, each as large as the site. The next build into the same output
//! removes them, while it holds the output lock (so never a directory that
//! a running build is writing).
//!
//! Invariants: a directory is removed only when its name has exactly one of
//! the two forms above for this output's name **and** it holds stele's
//! marker file ([`super::MARKER`], written first into every temporary
//! directory); symlinks are never followed or removed; nothing else in the
//! parent directory is read beyond its name.

use std::fs;
use std::path::{Path, PathBuf};

use super::MARKER;

/// The leftovers of output directory `out` (absolute, normalized), sorted.
pub fn find(out: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let tmp = format!(".{name}.stele-tmp-");
    let old = format!(".{name}.stele-old-");
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            let suffix = n.strip_prefix(&tmp).or_else(|| n.strip_prefix(&old));
            suffix.is_some_and(|s| {
                !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_alphanumeric())
            })
        })
        .map(|e| e.path())
        .filter(|p| is_stele_dir(p))
        .collect();
    found.sort();
    found
}

/// A real directory (not a symlink) holding stele's marker as a file.
fn is_stele_dir(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(p.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Removes the leftovers of `out`; returns the ones removed. A directory
/// that cannot be removed is skipped (the build goes on; the next one tries
/// again).
pub fn remove(out: &Path) -> Vec<PathBuf> {
    find(out)
        .into_iter()
        .filter(|p| {
            super::interrupt::remove_marked(p);
            !p.exists()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with_marker(p: &Path) {
        fs::create_dir_all(p).expect("mkdir");
        fs::write(p.join(MARKER), "x").expect("marker");
    }

    #[test]
    fn only_marked_directories_of_both_name_forms_are_removed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        let out = root.join("public");
        dir_with_marker(&out);
        dir_with_marker(&root.join(".public.stele-tmp-Ab12xY"));
        dir_with_marker(&root.join(".public.stele-old-4242"));
        // Look-alikes that must stay.
        fs::create_dir_all(root.join(".public.stele-tmp-nomarker")).expect("mkdir");
        dir_with_marker(&root.join(".other.stele-tmp-Ab12xY"));
        dir_with_marker(&root.join(".public.stele-old-"));
        dir_with_marker(&root.join(".public.stele-old-1/../x"));
        dir_with_marker(&root.join("public.stele-tmp-Ab12xY"));
        fs::write(root.join(".public.stele-tmp-file"), "x").expect("file");
        let removed = remove(&out);
        assert_eq!(
            removed,
            vec![
                root.join(".public.stele-old-4242"),
                root.join(".public.stele-tmp-Ab12xY")
            ]
        );
        for kept in [
            "public",
            ".public.stele-tmp-nomarker",
            ".other.stele-tmp-Ab12xY",
            ".public.stele-old-",
            "public.stele-tmp-Ab12xY",
            ".public.stele-tmp-file",
            "x",
        ] {
            assert!(root.join(kept).exists(), "{kept} was removed");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_with_a_leftover_name_is_not_followed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        let target = root.join("precious");
        dir_with_marker(&target);
        std::os::unix::fs::symlink(&target, root.join(".public.stele-tmp-abc")).expect("symlink");
        assert!(remove(&root.join("public")).is_empty());
        assert!(target.join(MARKER).exists());
    }
}
