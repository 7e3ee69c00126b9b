//! Reads what git knows about the source articles, for the staleness of
//! translations that name their source commit (`ms.sourcegitcommit`), and
//! for the date a source last changed. Called by [`crate::pipeline::load`];
//! the judgement itself is pure ([`crate::translation::states`]).
//!
//! Uses the `git` command line, in the site root, and only when some
//! translation names a commit or records a `source_hash`:
//!
//! 1. `git rev-parse --show-toplevel`: is the site in a repository at all;
//! 2. one `git cat-file --batch-check` resolves every named commit at once
//!    (unknown ones become "unknown", never an error);
//! 3. per distinct commit `C` (run in parallel), one
//!    `git log -z --name-only C..HEAD -- content/<default locale>/` lists the
//!    source files changed in a later commit, with their dates;
//! 4. for `source_hash`, one `git log` over `content/<default locale>/` gives
//!    each source's latest commit date.
//!
//! Invariants: never fails (no git, no repository, a shallow clone, a
//! garbage value: the affected translations are `Unknown`); values from
//! frontmatter reach git only after they were checked to be hex digits, so
//! they can never be taken for options; uncommitted edits are not seen.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::{Discovered, FileKind};
use crate::frontmatter::Date;
use crate::translation::{History, SOURCE_COMMIT_KEY, SOURCE_HASH_KEY};

/// Asks git about the sources of `discovered`. See the module comment.
pub fn load(config: &Config, discovered: &Discovered, default_locale: Option<&str>) -> History {
    let Some(default) = default_locale else { return History::default() };
    let mut commits = BTreeSet::new();
    let mut hashes = false;
    for f in &discovered.sources {
        if f.kind != FileKind::Article || f.locale == default {
            continue;
        }
        if let Some(c) = frontmatter_value(&f.text, SOURCE_COMMIT_KEY) {
            let c = c.to_ascii_lowercase();
            if is_commit_id(&c) {
                commits.insert(c);
            }
        }
        hashes |= frontmatter_value(&f.text, SOURCE_HASH_KEY).is_some();
    }
    if commits.is_empty() && !hashes {
        return History::default();
    }
    let root = config.root.as_path();
    if !git(root, &["rev-parse", "--show-toplevel"]).is_some_and(|o| !o.is_empty()) {
        return History::default();
    }
    let sources = format!("content/{default}/");
    let mut history = History { available: true, ..Default::default() };

    let resolved = resolve_commits(root, &commits);
    let distinct: BTreeSet<&String> = resolved.values().flatten().collect();
    let changes: BTreeMap<&String, Option<BTreeMap<String, Date>>> = distinct
        .into_par_iter()
        .map(|full| {
            let range = format!("{full}..HEAD");
            let out = git(root, &["log", "-z", "--name-only", "--relative", "--format=%x01%cI", &range, "--", &sources]);
            (full, out.map(|o| latest_changes(&o)))
        })
        .collect();
    for (named, full) in &resolved {
        let entry = full.as_ref().and_then(|f| changes.get(f).cloned().flatten());
        history.changed_since.insert(named.clone(), entry);
    }
    if hashes {
        if let Some(out) = git(root, &["log", "-z", "--name-only", "--relative", "--format=%x01%cI", "HEAD", "--", &sources]) {
            history.last_change = latest_changes(&out);
        }
    }
    history
}

/// Runs git in `dir`; its stdout when it succeeded.
fn git(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Resolves named commits (full or abbreviated) to full ids in one
/// `git cat-file --batch-check`; `None` for the ones the repository lacks.
fn resolve_commits(dir: &Path, commits: &BTreeSet<String>) -> BTreeMap<String, Option<String>> {
    let mut out: BTreeMap<String, Option<String>> = commits.iter().map(|c| (c.clone(), None)).collect();
    if commits.is_empty() {
        return out;
    }
    let child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["cat-file", "--batch-check=%(objectname) %(objecttype)"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return out };
    let input: String = commits.iter().map(|c| format!("{c}^{{commit}}\n")).collect();
    // Write from a thread so a large answer cannot block a large question.
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(mut s) = stdin {
            let _ = s.write_all(input.as_bytes());
        }
    });
    let Ok(result) = child.wait_with_output() else { return out };
    let _ = writer.join();
    // One answer line per question line, in order.
    let text = String::from_utf8_lossy(&result.stdout);
    for (named, line) in commits.iter().zip(text.lines()) {
        let mut parts = line.split(' ');
        if let (Some(id), Some("commit")) = (parts.next(), parts.next()) {
            if is_commit_id(id) {
                out.insert(named.clone(), Some(id.to_string()));
            }
        }
    }
    out
}

/// Parses `git log -z --name-only --format=%x01%cI`: each file with the
/// date of its latest commit in the output.
fn latest_changes(out: &[u8]) -> BTreeMap<String, Date> {
    let mut latest: BTreeMap<String, Date> = BTreeMap::new();
    let mut date: Option<Date> = None;
    for token in out.split(|&b| b == 0) {
        let token = token.strip_prefix(b"\n").unwrap_or(token);
        if token.is_empty() {
            continue;
        }
        if let Some(header) = token.strip_prefix(b"\x01") {
            date = Date::parse(&String::from_utf8_lossy(header));
            continue;
        }
        let Some(d) = date else { continue };
        let path = String::from_utf8_lossy(token).into_owned();
        latest.entry(path).and_modify(|e| *e = (*e).max(d)).or_insert(d);
    }
    latest
}

/// A commit id as git prints it: 4 to 64 hex digits (SHA-1 or SHA-256).
fn is_commit_id(s: &str) -> bool {
    (4..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A top-level value in the frontmatter of `text`, by a line scan (the
/// full YAML parse happens later, in the site stage).
fn frontmatter_value(text: &str, key: &str) -> Option<String> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for line in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            break;
        }
        let unquoted = t
            .strip_prefix(key)
            .or_else(|| t.strip_prefix('"').and_then(|r| r.strip_prefix(key)).and_then(|r| r.strip_prefix('"')))
            .or_else(|| t.strip_prefix('\'').and_then(|r| r.strip_prefix(key)).and_then(|r| r.strip_prefix('\'')));
        if let Some(rest) = unquoted.and_then(|r| r.trim_start().strip_prefix(':')) {
            let v = rest.trim().trim_matches(['"', '\'']);
            return (!v.is_empty()).then(|| v.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_git_log_output() {
        let out = b"\x012024-03-02T10:00:00+01:00\0\ncontent/en-US/a.md\0content/en-US/\xe6\x97\xa5.md\0\x012024-01-01T00:00:00Z\0\ncontent/en-US/a.md\0";
        let m = latest_changes(out);
        assert_eq!(m.len(), 2);
        assert_eq!(m["content/en-US/a.md"], Date { year: 2024, month: 3, day: 2 });
        assert_eq!(m["content/en-US/日.md"], Date { year: 2024, month: 3, day: 2 });
        assert!(latest_changes(b"").is_empty());
    }

    #[test]
    fn commit_ids_are_hex_only() {
        assert!(is_commit_id("e9dca2d6a7838f98bb7eca127fdda2372cda402c"));
        assert!(is_commit_id("abcd"));
        assert!(!is_commit_id("--output=/tmp/x"));
        assert!(!is_commit_id("HEAD"));
        assert!(!is_commit_id("abc"));
    }

    #[test]
    fn scans_frontmatter_values() {
        let t = "---\ntitle: x\nms.sourcegitcommit: \"abcd\"\n---\nms.sourcegitcommit: ffff\n";
        assert_eq!(frontmatter_value(t, "ms.sourcegitcommit").as_deref(), Some("abcd"));
        assert_eq!(frontmatter_value("---\r\nsource_hash: blake3:1\r\n---\r\n", "source_hash").as_deref(), Some("blake3:1"));
        assert_eq!(frontmatter_value("# no frontmatter\nms.sourcegitcommit: ffff\n", "ms.sourcegitcommit"), None);
        assert_eq!(frontmatter_value("---\nms.sourcegitcommitx: ffff\n---\n", "ms.sourcegitcommit"), None);
    }
}
