//! Reads what git knows about the source articles, for the staleness of
//! translations that name their source commit (`ms.sourcegitcommit`), and
//! for the date a source last changed. Called by [`crate::pipeline::load`];
//! the judgement itself is pure ([`crate::model::translation::states`]).
//!
//! Uses the `git` command line, in the site root, and only when some
//! translation names a commit or records a `source_hash`:
//!
//! 1. `git rev-parse --show-toplevel`: is the site in a repository at all;
//! 2. one `git log -z --name-only HEAD -- content/<default locale>/`: every
//!    commit that touched a source, its files and date ("touches");
//! 3. one `git cat-file --batch-check` resolves every named commit at once
//!    (unknown ones become "unknown", never an error);
//! 4. `git ls-files` and `git diff --name-only HEAD` over the sources: an
//!    untracked source has no history (unknown), a source with uncommitted
//!    changes changed after every commit;
//! 5. one `git rev-list --parents HEAD`: the commit graph, from which the
//!    touches after each named commit `C` (`C..HEAD`) are computed here,
//!    in parallel; only a named commit outside `HEAD`'s history (another
//!    branch) costs a `git log C..HEAD` of its own.
//!
//! So the cost grows with the history of the sources, not with the number
//! of translations or of distinct named commits (scripts/bench_status_git.sh).
//!
//! Invariants: never fails (no git, no repository, an unknown commit, a
//! garbage value: the affected translations are `Unknown`); in a shallow
//! clone, history before the boundary is not seen; values from
//! frontmatter reach git only after they were checked to be hex digits, so
//! they can never be taken for options.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use rayon::prelude::*;

use crate::config::Config;
use crate::read::discover::{Discovered, FileKind};
use crate::read::frontmatter::Date;

/// The frontmatter key of stele's own staleness record.
pub const SOURCE_HASH_KEY: &str = "source_hash";
/// The frontmatter key naming the source commit (Microsoft Docs).
pub const SOURCE_COMMIT_KEY: &str = "ms.sourcegitcommit";
/// The frontmatter key naming the source commit (Hugo sites, as the
/// OpenTelemetry docs write it): read like [`SOURCE_COMMIT_KEY`].
pub const HUGO_COMMIT_KEY: &str = "default_lang_commit";
/// `drifted_from_default: true`: the translation says itself that its
/// source moved on; stale whatever else it records.
pub const DRIFTED_KEY: &str = "drifted_from_default";

/// What git knows about the sources, for `ms.sourcegitcommit`. Read from
/// disk by [`load`]; empty when the site is not in a git
/// repository or no translation names a commit.
///
/// It holds the commits that touched a source ("touches"), which files each
/// touched, and for each commit named by a translation which touches came
/// after it (reachable from `HEAD`, not from the named commit), so that a
/// question costs the number of commits of one source, not of the site.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Whether the site is in a git repository that could be asked.
    pub available: bool,
    /// The committer date of each touch.
    touches: Vec<Option<Date>>,
    /// Site-relative source path (`content/en-US/a.md`) → its touches.
    by_path: BTreeMap<String, Vec<usize>>,
    /// Named commit (lower-cased as written) → for each touch, whether it
    /// came after; `None` when the repository does not have the commit.
    named: BTreeMap<String, Option<Vec<bool>>>,
    /// The source files git tracks; `None` when not known (then every
    /// source counts as tracked). An untracked source's history is unknown.
    pub tracked: Option<BTreeSet<String>>,
    /// Tracked source files with uncommitted changes: changed after any
    /// commit.
    pub uncommitted: BTreeSet<String>,
    /// The date of the latest commit of each source file (site-relative
    /// path), for the "source changed" date of `source_hash` staleness.
    pub last_change: BTreeMap<String, Date>,
}

/// Whether a source changed after a named commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The commit is unknown, or was not looked up.
    Unknown,
    Unchanged,
    /// Changed; the date of the latest such commit, when git gave one.
    Changed(Option<Date>),
}

impl History {
    /// Records a commit that touched `files` (site-relative paths); returns
    /// its index for [`History::add_named`].
    pub fn add_touch(&mut self, date: Option<Date>, files: &[String]) -> usize {
        let i = self.touches.len();
        self.touches.push(date);
        for f in files {
            self.by_path.entry(f.clone()).or_default().push(i);
            if let Some(d) = date {
                self.last_change
                    .entry(f.clone())
                    .and_modify(|e| *e = (*e).max(d))
                    .or_insert(d);
            }
        }
        i
    }

    /// Records a commit named by translations: `after[i]` says whether
    /// touch `i` came after it; `None` for a commit the repository lacks.
    pub fn add_named(&mut self, commit: &str, after: Option<Vec<bool>>) {
        self.named.insert(commit.to_ascii_lowercase(), after);
    }

    /// Whether the source at `path` changed after `commit`.
    pub fn changed_after(&self, commit: &str, path: &str) -> Change {
        let Some(Some(after)) = self.named.get(&commit.to_ascii_lowercase()) else {
            return Change::Unknown;
        };
        if self.tracked.as_ref().is_some_and(|t| !t.contains(path)) {
            return Change::Unknown;
        }
        let mut changed = self.uncommitted.contains(path);
        let mut latest: Option<Date> = None;
        for &t in self
            .by_path
            .get(path)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            if after.get(t).copied().unwrap_or(false) {
                changed = true;
                latest = latest.max(self.touches[t]);
            }
        }
        if changed {
            Change::Changed(latest)
        } else {
            Change::Unchanged
        }
    }
}

/// Asks git about the sources of `discovered`. See the module comment.
pub fn load(config: &Config, discovered: &Discovered, default_locale: Option<&str>) -> History {
    let Some(default) = default_locale else {
        return History::default();
    };
    let mut commits = BTreeSet::new();
    let mut hashes = false;
    for f in &discovered.sources {
        if f.kind != FileKind::Article || f.locale == default {
            continue;
        }
        let commit = frontmatter_value(&f.text, SOURCE_COMMIT_KEY)
            .or_else(|| frontmatter_value(&f.text, HUGO_COMMIT_KEY));
        if let Some(c) = commit {
            let c = c.to_ascii_lowercase();
            if is_commit_id(&c) {
                commits.insert(c);
            }
        }
        // A drifted translation shows when its source last changed.
        hashes |= frontmatter_value(&f.text, SOURCE_HASH_KEY).is_some()
            || frontmatter_value(&f.text, DRIFTED_KEY).is_some();
    }
    if commits.is_empty() && !hashes {
        return History::default();
    }
    let root = config.root.as_path();
    if git(root, &["rev-parse", "--show-toplevel"]).is_none_or(|o| o.is_empty()) {
        return History::default();
    }
    let sources = format!("content/{default}/");
    let mut history = History::default();
    history.available = true;

    // Every commit of HEAD's history that touches a source, with its files:
    // one pass, whatever the number of named commits.
    let touches = log_touches(root, "HEAD", &sources).unwrap_or_default();
    for t in &touches {
        history.add_touch(t.date, &t.files);
    }

    // Untracked sources have no history; uncommitted edits are changes.
    history.tracked = git(root, &["ls-files", "-z", "--", &sources]).map(|o| nul_separated(&o));
    if let Some(o) = git(
        root,
        &[
            "diff",
            "-z",
            "--name-only",
            "--relative",
            "HEAD",
            "--",
            &sources,
        ],
    ) {
        history.uncommitted = nul_separated(&o);
    }

    let resolved = resolve_commits(root, &commits);
    let distinct: BTreeSet<&String> = resolved.values().flatten().collect();
    let graph = if distinct.is_empty() {
        None
    } else {
        git(root, &["rev-list", "--parents", "HEAD"]).map(|o| Graph::parse(&o))
    };
    let touch_nodes: Vec<Option<usize>> = touches
        .iter()
        .map(|t| graph.as_ref().and_then(|g| g.index.get(&t.id).copied()))
        .collect();
    let after: BTreeMap<&String, Option<Vec<bool>>> = distinct
        .into_par_iter()
        .map(|full| {
            let after = match graph.as_ref().and_then(|g| g.ancestors(full)) {
                // C..HEAD: the touches that are not C or an ancestor of C.
                Some(ancestors) => Some(
                    touch_nodes
                        .iter()
                        .map(|n| n.is_none_or(|n| !ancestors[n]))
                        .collect(),
                ),
                // Not in HEAD's history (another branch): ask git for this one.
                None => log_touches(root, &format!("{full}..HEAD"), &sources).map(|log| {
                    let ids: BTreeSet<String> = log.into_iter().map(|t| t.id).collect();
                    touches.iter().map(|t| ids.contains(&t.id)).collect()
                }),
            };
            (full, after)
        })
        .collect();
    for (named, full) in &resolved {
        history.add_named(
            named,
            full.as_ref().and_then(|f| after.get(f).cloned().flatten()),
        );
    }
    history
}

/// The paths of a `-z` listing.
fn nul_separated(out: &[u8]) -> BTreeSet<String> {
    out.split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// A commit of `git log --name-only`.
#[derive(Debug, PartialEq, Eq)]
struct Touch {
    id: String,
    date: Option<Date>,
    files: Vec<String>,
}

/// The commits of `revs` (`HEAD`, `C..HEAD`) that touch `sources`, with
/// their files; `None` when git fails.
fn log_touches(root: &Path, revs: &str, sources: &str) -> Option<Vec<Touch>> {
    let args = [
        "log",
        "-z",
        "--name-only",
        "--relative",
        "--format=%x01%H %cI",
        revs,
        "--",
        sources,
    ];
    git(root, &args).map(|o| parse_log(&o))
}

/// Parses `git log -z --name-only --format=%x01%H %cI`.
fn parse_log(out: &[u8]) -> Vec<Touch> {
    let mut touches: Vec<Touch> = Vec::new();
    for token in out.split(|&b| b == 0) {
        let token = token.strip_prefix(b"\n").unwrap_or(token);
        if token.is_empty() {
            continue;
        }
        if let Some(header) = token.strip_prefix(b"\x01") {
            let header = String::from_utf8_lossy(header);
            let (id, date) = header.split_once(' ').unwrap_or((&header, ""));
            touches.push(Touch {
                id: id.to_string(),
                date: Date::parse(date),
                files: Vec::new(),
            });
        } else if let Some(t) = touches.last_mut() {
            t.files.push(String::from_utf8_lossy(token).into_owned());
        }
    }
    touches
}

/// The commit graph of `git rev-list --parents HEAD`.
struct Graph {
    index: HashMap<String, usize>,
    ids: Vec<String>,
    parents: Vec<Vec<usize>>,
}

impl Graph {
    fn parse(out: &[u8]) -> Graph {
        let text = String::from_utf8_lossy(out);
        let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
        let ids: Vec<String> = lines
            .iter()
            .filter_map(|l| l.first().map(|s| s.to_string()))
            .collect();
        let index: HashMap<String, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        // Parents outside the listing (a shallow clone's boundary) are dropped.
        let parents = lines
            .iter()
            .map(|l| {
                l.iter()
                    .skip(1)
                    .filter_map(|p| index.get(*p).copied())
                    .collect()
            })
            .collect();
        Graph {
            index,
            ids,
            parents,
        }
    }

    /// Which commits (by index) are `id` or one of its ancestors; `None`
    /// when `id` is not in the graph.
    fn ancestors(&self, id: &str) -> Option<Vec<bool>> {
        let start = *self.index.get(id)?;
        let mut seen = vec![false; self.ids.len()];
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(c) = stack.pop() {
            for &p in &self.parents[c] {
                if !seen[p] {
                    seen[p] = true;
                    stack.push(p);
                }
            }
        }
        Some(seen)
    }
}

/// The path of `root` relative to the top of its git repository, with a
/// trailing slash (`docs/site/`), empty at the top; `None` outside a
/// repository or without git. For SARIF locations relative to the
/// repository root.
pub fn repository_prefix(root: &Path) -> Option<String> {
    let out = git(root, &["rev-parse", "--show-prefix"])?;
    let prefix = String::from_utf8(out).ok()?;
    Some(prefix.trim_end_matches(['\n', '\r']).to_string())
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
    let mut out: BTreeMap<String, Option<String>> =
        commits.iter().map(|c| (c.clone(), None)).collect();
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
    let input: String = commits
        .iter()
        .map(|c| format!("{c}^{{commit}}\n"))
        .collect();
    // Write from a thread so a large answer cannot block a large question.
    let stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(mut s) = stdin {
            let _ = s.write_all(input.as_bytes());
        }
    });
    let Ok(result) = child.wait_with_output() else {
        return out;
    };
    let _ = writer.join();
    // One answer line per question line, in order.
    let text = String::from_utf8_lossy(&result.stdout);
    for (named, line) in commits.iter().zip(text.lines()) {
        let mut parts = line.split(' ');
        if let (Some(id), Some("commit")) = (parts.next(), parts.next())
            && is_commit_id(id)
        {
            out.insert(named.clone(), Some(id.to_string()));
        }
    }
    out
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
            .or_else(|| {
                t.strip_prefix('"')
                    .and_then(|r| r.strip_prefix(key))
                    .and_then(|r| r.strip_prefix('"'))
            })
            .or_else(|| {
                t.strip_prefix('\'')
                    .and_then(|r| r.strip_prefix(key))
                    .and_then(|r| r.strip_prefix('\''))
            });
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
        let out = b"\x01aaaa 2024-03-02T10:00:00+01:00\0\ncontent/en-US/a.md\0content/en-US/\xe6\x97\xa5.md\0\x01bbbb 2024-01-01T00:00:00Z\0\ncontent/en-US/a.md\0";
        let t = parse_log(out);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].id, "aaaa");
        assert_eq!(t[0].files, ["content/en-US/a.md", "content/en-US/日.md"]);
        assert_eq!(
            t[1].date,
            Some(Date {
                year: 2024,
                month: 1,
                day: 1
            })
        );
        assert_eq!(t[1].files, ["content/en-US/a.md"]);
        assert!(parse_log(b"").is_empty());
    }

    #[test]
    fn ancestors_follow_every_parent() {
        // d merges c and b; b and c both come from a; e is on another branch.
        let g = Graph::parse(b"d c b\nc a\nb a\na\n");
        let of = |id: &str| {
            let seen = g.ancestors(id).unwrap();
            let mut ids: Vec<&str> = g
                .ids
                .iter()
                .enumerate()
                .filter(|(i, _)| seen[*i])
                .map(|(_, s)| s.as_str())
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(of("c"), ["a", "c"]);
        assert_eq!(of("b"), ["a", "b"]);
        assert_eq!(of("d"), ["a", "b", "c", "d"]);
        assert!(g.ancestors("e").is_none());
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
        assert_eq!(
            frontmatter_value(t, "ms.sourcegitcommit").as_deref(),
            Some("abcd")
        );
        assert_eq!(
            frontmatter_value("---\r\nsource_hash: blake3:1\r\n---\r\n", "source_hash").as_deref(),
            Some("blake3:1")
        );
        assert_eq!(
            frontmatter_value(
                "# no frontmatter\nms.sourcegitcommit: ffff\n",
                "ms.sourcegitcommit"
            ),
            None
        );
        assert_eq!(
            frontmatter_value(
                "---\nms.sourcegitcommitx: ffff\n---\n",
                "ms.sourcegitcommit"
            ),
            None
        );
    }
}
