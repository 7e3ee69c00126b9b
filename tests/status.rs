//! `stele status` against real git repositories and real files: staleness
//! by `ms.sourcegitcommit` (a repository this test creates, with fixed
//! dates and authors) and by `source_hash`, and `--stamp` rewriting files
//! byte for byte. Needs the `git` command line.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn stele(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stele"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run stele")
}

/// Runs git in `dir` with a fixed author, committer and date, and no user
/// or system configuration.
fn git(dir: &Path, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada Writer")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada Writer")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("these tests need the `git` command line");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn status_json(site: &Path) -> Value {
    let out = stele(&["status", site.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("status --format json gives JSON")
}

/// The cell of `path` (`content/ja-JP/a.md`) in the JSON matrix.
fn cell<'v>(v: &'v Value, path: &str) -> &'v Value {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap())
        .find(|c| c["path"] == path)
        .unwrap_or_else(|| panic!("no cell for {path} in {v:#}"))
}

fn locale<'v>(v: &'v Value, tag: &str) -> &'v Value {
    v["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == tag)
        .unwrap()
}

#[test]
fn git_commit_staleness() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    // The site is a folder of the repository, as in most docs repositories.
    let site = repo.join("docs");
    git(repo, "2024-01-01T09:00:00Z", &["init", "-q"]);
    write(
        &site,
        "content/en-US/a.md",
        "---\ntitle: A\n---\n# A\n\nFirst version.\n",
    );
    write(&site, "content/en-US/b.md", "---\ntitle: B\n---\n# B\n");
    write(&site, "content/en-US/c.md", "---\ntitle: C\n---\n# C\n");
    git(repo, "2024-01-10T09:00:00Z", &["add", "."]);
    git(
        repo,
        "2024-01-10T09:00:00Z",
        &["commit", "-q", "-m", "sources"],
    );
    let c1 = git(repo, "2024-01-10T09:00:00Z", &["rev-parse", "HEAD"]);

    write(
        &site,
        "content/ja-JP/a.md",
        &format!("---\nms.sourcegitcommit: {c1}\nms.translationtype: MT\n---\n# A\n"),
    );
    // An abbreviated commit id, upper case.
    write(
        &site,
        "content/ja-JP/b.md",
        &format!(
            "---\nms.sourcegitcommit: {}\n---\n# B\n",
            c1[..10].to_uppercase()
        ),
    );
    // A commit this repository does not have, and a value that is no commit id.
    write(
        &site,
        "content/ja-JP/c.md",
        "---\nms.sourcegitcommit: deadbeefdeadbeefdeadbeefdeadbeefdeadbeef\n---\n# C\n",
    );
    write(
        &site,
        "content/de-DE/c.md",
        "---\nms.sourcegitcommit: --output=/tmp/x\n---\n# C\n",
    );
    git(repo, "2024-02-01T09:00:00Z", &["add", "."]);
    git(
        repo,
        "2024-02-01T09:00:00Z",
        &["commit", "-q", "-m", "translations"],
    );

    let v = status_json(&site);
    assert_eq!(v["git"], true);
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "current");
    assert_eq!(cell(&v, "content/ja-JP/b.md")["state"], "current");

    // The source of a changes in a later commit; b's does not.
    write(
        &site,
        "content/en-US/a.md",
        "---\ntitle: A\n---\n# A\n\nSecond version.\n",
    );
    git(
        repo,
        "2024-03-05T12:00:00+01:00",
        &["commit", "-q", "-am", "a changed"],
    );
    write(&site, "content/en-US/new.md", "# New\n");
    git(repo, "2024-04-01T09:00:00Z", &["add", "."]);
    git(
        repo,
        "2024-04-01T09:00:00Z",
        &["commit", "-q", "-m", "unrelated source"],
    );

    let v = status_json(&site);
    let a = cell(&v, "content/ja-JP/a.md");
    assert_eq!(a["state"], "stale", "{v:#}");
    assert_eq!(a["source_changed"], "2024-03-05");
    assert_eq!(a["basis"], "git-commit");
    assert_eq!(a["machine"], true);
    assert_eq!(cell(&v, "content/ja-JP/b.md")["state"], "current");
    assert_eq!(cell(&v, "content/ja-JP/c.md")["state"], "unknown");
    assert_eq!(cell(&v, "content/de-DE/c.md")["state"], "unknown");
    let ja = locale(&v, "ja-JP");
    assert_eq!(
        (
            ja["current"].as_u64(),
            ja["stale"].as_u64(),
            ja["unknown"].as_u64(),
            ja["missing"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1))
    );

    // The human table names the stale translation with its date.
    let out = stele(&["status", site.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("stale 2024-03-05 MT"), "{text}");
    assert!(
        text.contains(
            "2 name a source commit (`ms.sourcegitcommit`) that the git repository does not have"
        ),
        "{text}"
    );

    // An uncommitted edit of b's source counts; a source git does not
    // track has no history to compare with.
    write(
        &site,
        "content/en-US/b.md",
        "---\ntitle: B\n---\n# B, edited\n",
    );
    write(&site, "content/en-US/d.md", "# D\n");
    write(
        &site,
        "content/ja-JP/d.md",
        &format!("---\nms.sourcegitcommit: {c1}\n---\n# D\n"),
    );
    let v = status_json(&site);
    assert_eq!(cell(&v, "content/ja-JP/b.md")["state"], "stale");
    assert_eq!(cell(&v, "content/ja-JP/d.md")["state"], "unknown");
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "stale");

    // The same answers on one thread or many, byte for byte.
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_stele"))
            .env("RAYON_NUM_THREADS", threads)
            .args(["status", site.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        out.stdout
    };
    assert_eq!(run("1"), run("4"));

    // The same site outside any repository: nothing can be told, nothing fails.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&site, copy.path());
    // (Even when the temporary directory lies inside some repository.)
    let out = Command::new(env!("CARGO_BIN_EXE_stele"))
        .env("GIT_CEILING_DIRECTORIES", copy.path().parent().unwrap())
        .args(["status", copy.path().to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["git"], false);
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "unknown");
}

#[test]
fn commits_on_other_branches_and_merges() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    git(site, "2024-01-01T09:00:00Z", &["init", "-q", "-b", "main"]);
    write(site, "content/en-US/a.md", "# A\n");
    write(site, "content/en-US/b.md", "# B\n");
    git(site, "2024-01-01T09:00:00Z", &["add", "."]);
    git(
        site,
        "2024-01-01T09:00:00Z",
        &["commit", "-q", "-m", "sources"],
    );
    // A side branch edits a; the translation is made from there.
    git(
        site,
        "2024-01-02T09:00:00Z",
        &["checkout", "-q", "-b", "side"],
    );
    write(site, "content/en-US/a.md", "# A (side)\n");
    git(
        site,
        "2024-01-02T09:00:00Z",
        &["commit", "-q", "-am", "side edit"],
    );
    let side = git(site, "2024-01-02T09:00:00Z", &["rev-parse", "HEAD"]);
    git(site, "2024-01-03T09:00:00Z", &["checkout", "-q", "main"]);
    write(site, "content/en-US/b.md", "# B (main)\n");
    git(
        site,
        "2024-01-03T09:00:00Z",
        &["commit", "-q", "-am", "main edit of b"],
    );
    write(
        site,
        "content/ja-JP/a.md",
        &format!("---\nms.sourcegitcommit: {side}\n---\n# A\n"),
    );
    write(
        site,
        "content/ja-JP/b.md",
        &format!("---\nms.sourcegitcommit: {side}\n---\n# B\n"),
    );
    git(site, "2024-01-04T09:00:00Z", &["add", "."]);
    git(
        site,
        "2024-01-04T09:00:00Z",
        &["commit", "-q", "-m", "translations"],
    );

    // `side` is not in HEAD's history: since the fork, main changed b, not a.
    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "current", "{v:#}");
    assert_eq!(cell(&v, "content/ja-JP/b.md")["state"], "stale");
    assert_eq!(
        cell(&v, "content/ja-JP/b.md")["source_changed"],
        "2024-01-03"
    );

    // After the merge, `side` is an ancestor of HEAD: the same answers.
    git(
        site,
        "2024-01-05T09:00:00Z",
        &["merge", "-q", "--no-edit", "side"],
    );
    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "current", "{v:#}");
    assert_eq!(cell(&v, "content/ja-JP/b.md")["state"], "stale");
    // A later edit on main makes a stale too.
    write(site, "content/en-US/a.md", "# A (merged, edited)\n");
    git(
        site,
        "2024-01-06T09:00:00Z",
        &["commit", "-q", "-am", "edit a"],
    );
    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "stale");
    assert_eq!(
        cell(&v, "content/ja-JP/a.md")["source_changed"],
        "2024-01-06"
    );
}

#[test]
fn source_hash_staleness_takes_its_date_from_git() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    git(site, "2024-01-01T09:00:00Z", &["init", "-q"]);
    write(
        site,
        "content/en-US/a.md",
        "---\nms.date: 1/2/2023\n---\n# A\n",
    );
    write(site, "content/ja-JP/a.md", "---\ntitle: A\n---\n# A\n");
    let out = stele(&[
        "status",
        site.to_str().unwrap(),
        "--stamp",
        "content/ja-JP/a.md",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    git(site, "2024-01-10T09:00:00Z", &["add", "."]);
    git(site, "2024-01-10T09:00:00Z", &["commit", "-q", "-m", "one"]);
    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "current");
    assert_eq!(cell(&v, "content/ja-JP/a.md")["basis"], "source-hash");

    write(
        site,
        "content/en-US/a.md",
        "---\nms.date: 1/2/2023\n---\n# A, revised\n",
    );
    git(
        site,
        "2024-06-30T23:00:00Z",
        &["commit", "-q", "-am", "two"],
    );
    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/a.md")["state"], "stale");
    // The commit date, not the older ms.date.
    assert_eq!(
        cell(&v, "content/ja-JP/a.md")["source_changed"],
        "2024-06-30"
    );
}

#[test]
fn stamp_rewrites_only_the_hash_line() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    write(
        site,
        "content/en-US/guide/a.md",
        "---\r\ntitle: A\r\nms.date: 5/2/2016\r\n---\r\n# A\r\n\r\nText.\r\n",
    );
    write(site, "content/en-US/b.md", "# B\n");
    // A UTF-8 BOM, CRLF, odd spacing and a comment: all must survive.
    let ja = "\u{feff}---\r\ntitle:   \"A ja\"   # keep me\r\nms.translationtype: HT\r\n---\r\n# A\r\n\r\nテキスト。\r\n";
    write(site, "content/ja-JP/guide/a.md", ja);
    // UTF-16 LE with a BOM, at a different path, grouped by asset id.
    let de = "---\nms.assetid: b\n---\n# B auf Deutsch\n";
    let de_bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(de.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::create_dir_all(site.join("content/de-DE")).unwrap();
    std::fs::write(site.join("content/de-DE/bee.md"), &de_bytes).unwrap();
    write(site, "content/en-US/b.md", "---\nms.assetid: b\n---\n# B\n");
    let s = site.to_str().unwrap();

    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/guide/a.md")["state"], "unknown");

    let out = stele(&[
        "status",
        s,
        "--stamp",
        "content/ja-JP/guide/a.md",
        &site.join("content/de-DE/bee.md").to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "stamped `content/ja-JP/guide/a.md` with the hash of `content/en-US/guide/a.md`"
        ),
        "{stderr}"
    );

    let hash = |text: &str| format!("blake3:{}", blake3_hex(text));
    let a_hash = hash("# A\n\nText.\n");
    let stamped = std::fs::read(site.join("content/ja-JP/guide/a.md")).unwrap();
    let expected = format!(
        "\u{feff}---\r\ntitle:   \"A ja\"   # keep me\r\nms.translationtype: HT\r\nsource_hash: {a_hash}\r\n---\r\n# A\r\n\r\nテキスト。\r\n"
    );
    assert_eq!(String::from_utf8(stamped).unwrap(), expected);
    let de_stamped = std::fs::read(site.join("content/de-DE/bee.md")).unwrap();
    let de_expected = format!(
        "---\nms.assetid: b\nsource_hash: {}\n---\n# B auf Deutsch\n",
        hash("# B\n")
    );
    let de_expected: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(de_expected.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(de_stamped, de_expected);

    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/guide/a.md")["state"], "current");
    assert_eq!(cell(&v, "content/de-DE/bee.md")["state"], "current");

    // A frontmatter edit of the source changes nothing; a body edit does.
    write(
        site,
        "content/en-US/guide/a.md",
        "---\r\ntitle: A, renamed\r\nms.date: 6/1/2016\r\n---\r\n# A\r\n\r\nText.\r\n",
    );
    assert_eq!(
        cell(&status_json(site), "content/ja-JP/guide/a.md")["state"],
        "current"
    );
    write(
        site,
        "content/en-US/guide/a.md",
        "---\r\ntitle: A\r\nms.date: 6/1/2016\r\n---\r\n# A\r\n\r\nNew text.\r\n",
    );
    let v = status_json(site);
    assert_eq!(cell(&v, "content/ja-JP/guide/a.md")["state"], "stale");
    assert_eq!(
        cell(&v, "content/ja-JP/guide/a.md")["source_changed"],
        "2016-06-01"
    );

    // Stamping again replaces the line in place.
    let out = stele(&["status", s, "--stamp", "content/ja-JP/guide/a.md"]);
    assert_eq!(out.status.code(), Some(0));
    let restamped =
        String::from_utf8(std::fs::read(site.join("content/ja-JP/guide/a.md")).unwrap()).unwrap();
    assert_eq!(
        restamped,
        expected.replace(&a_hash, &hash("# A\n\nNew text.\n"))
    );
    assert_eq!(
        cell(&status_json(site), "content/ja-JP/guide/a.md")["state"],
        "current"
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.join("content/ja-JP/guide"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn stamp_refuses_sources_and_orphans_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    write(site, "content/en-US/a.md", "# A\n");
    write(site, "content/ja-JP/a.md", "# A ja\n");
    write(site, "content/ja-JP/only-here.md", "# Orphan\n");
    write(site, "content/ja-JP/includes/part.md", "part\n");
    let s = site.to_str().unwrap();
    for (file, message) in [
        (
            "content/en-US/a.md",
            "`content/en-US/a.md` is a source article (default locale `en-US`), not a translation",
        ),
        (
            "content/ja-JP/only-here.md",
            "`content/ja-JP/only-here.md` has no source article",
        ),
        (
            "content/ja-JP/includes/part.md",
            "is an include fragment, not an article",
        ),
        (
            "content/ja-JP/nothing.md",
            "cannot find `content/ja-JP/nothing.md`",
        ),
    ] {
        // A valid file alongside: all or nothing.
        let out = stele(&["status", s, "--stamp", "content/ja-JP/a.md", file]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {stderr}");
        assert!(
            stderr.contains("error: nothing was stamped: 1 file refused"),
            "{stderr}"
        );
        assert!(stderr.contains(message), "{file}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(site.join("content/ja-JP/a.md")).unwrap(),
        "# A ja\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("content/en-US/a.md")).unwrap(),
        "# A\n"
    );
    // --stamp and --format do not go together.
    let out = stele(&[
        "status",
        s,
        "--format",
        "json",
        "--stamp",
        "content/ja-JP/a.md",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// BLAKE3 as hex, computed by the `b3sum`-compatible library directly.
fn blake3_hex(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A Hugo site: `content/<lang>/` with Hugo language keys, translations that
/// name their source commit as `default_lang_commit` and say
/// `drifted_from_default: true`.
#[test]
fn hugo_default_lang_commit_and_drifted_from_default() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    git(site, "2024-01-01T09:00:00Z", &["init", "-q"]);
    write(site, "content/en/a.md", "---\ntitle: A\n---\n# A\n\nOne.\n");
    write(site, "content/en/b.md", "---\ntitle: B\n---\n# B\n");
    write(site, "content/en/c.md", "---\ntitle: C\n---\n# C\n");
    git(site, "2024-01-10T09:00:00Z", &["add", "."]);
    git(
        site,
        "2024-01-10T09:00:00Z",
        &["commit", "-q", "-m", "sources"],
    );
    let c1 = git(site, "2024-01-10T09:00:00Z", &["rev-parse", "HEAD"]);
    write(
        site,
        "content/pt-br/a.md",
        &format!("---\ntitle: A\ndefault_lang_commit: {c1}\n---\n# A\n"),
    );
    write(
        site,
        "content/pt-br/b.md",
        &format!("---\ntitle: B\ndefault_lang_commit: {c1}\n---\n# B\n"),
    );
    // Up to date by its commit, but it says it drifted.
    write(
        site,
        "content/zh-cn/b.md",
        &format!(
            "---\ntitle: B\ndefault_lang_commit: {c1}\ndrifted_from_default: true\n---\n# B\n"
        ),
    );
    // No commit at all, drifted.
    write(
        site,
        "content/pt-br/c.md",
        "---\ntitle: C\ndrifted_from_default: true\n---\n# C\n",
    );
    git(site, "2024-02-01T09:00:00Z", &["add", "."]);
    git(
        site,
        "2024-02-01T09:00:00Z",
        &["commit", "-q", "-m", "translations"],
    );
    write(site, "content/en/a.md", "---\ntitle: A\n---\n# A\n\nTwo.\n");
    git(
        site,
        "2024-03-01T09:00:00Z",
        &["commit", "-q", "-am", "a changed"],
    );

    let v = status_json(site);
    assert_eq!(v["git"], true);
    let a = cell(&v, "content/pt-br/a.md");
    assert_eq!(a["state"], "stale", "{v:#}");
    assert_eq!(a["source_changed"], "2024-03-01", "{a:#}");
    assert_eq!(cell(&v, "content/pt-br/b.md")["state"], "current", "{v:#}");
    assert_eq!(cell(&v, "content/zh-cn/b.md")["state"], "stale", "{v:#}");
    let c = cell(&v, "content/pt-br/c.md");
    assert_eq!(c["state"], "stale", "{v:#}");
    assert_eq!(c["source_changed"], "2024-01-10", "{c:#}");
    // Hugo's language keys are the locales pt-BR and zh-CN.
    assert!(locale(&v, "pt-BR").is_object());
    assert!(locale(&v, "zh-CN").is_object());
}
