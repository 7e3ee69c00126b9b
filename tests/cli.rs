//! The command line as a user meets it: help texts, usage errors and the
//! documented exit codes (0 success, 1 content errors, 2 usage,
//! configuration or I/O failure).

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn stele() -> Command {
    let mut c = Command::cargo_bin("stele").expect("the stele binary is built");
    c.env("NO_COLOR", "1");
    c
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn stdout_of(c: &mut Command) -> String {
    String::from_utf8_lossy(&c.output().expect("runs").stdout).into_owned()
}

#[test]
fn help_lists_the_commands_and_exit_codes() {
    let out = stdout_of(stele().arg("--help"));
    for needle in [
        "build",
        "check",
        "Exit codes: 0 success, 1 content errors, 2 usage",
        "NO_COLOR",
    ] {
        assert!(out.contains(needle), "--help lacks {needle:?}:\n{out}");
    }
    let build = stdout_of(stele().args(["build", "--help"]));
    for needle in [
        "[SITE]",
        "--output <DIR>",
        "--locale <CODE>",
        "--base-url <URL>",
        "--quiet",
    ] {
        assert!(
            build.contains(needle),
            "build --help lacks {needle:?}:\n{build}"
        );
    }
    let check = stdout_of(stele().args(["check", "--help"]));
    for needle in [
        "--format <FORMAT>",
        "human",
        "json",
        "github",
        "sarif",
        "--deny-warnings",
    ] {
        assert!(
            check.contains(needle),
            "check --help lacks {needle:?}:\n{check}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    stele().arg("frobnicate").assert().code(2);
    stele().args(["check", "--format", "yaml"]).assert().code(2);
    stele().args(["build", "--no-such-flag"]).assert().code(2);
}

#[test]
fn a_missing_site_or_content_dir_exits_2_with_a_hint() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("nope");
    let out = stele().arg("check").arg(&missing).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot open the site directory"), "{err}");

    let out = stele().arg("build").arg(tmp.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content directory") && err.contains("hint:"),
        "{err}"
    );
    assert!(
        !tmp.path().join("public").exists(),
        "nothing is written on failure"
    );
}

#[test]
fn a_broken_config_exits_2_and_names_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "content/en-US/index.md", "# Home\n");
    write(tmp.path(), "stele.toml", "titel = 'typo'\n");
    let out = stele().arg("check").arg(tmp.path()).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stele.toml") && err.contains("titel"), "{err}");
}

#[test]
fn an_unknown_locale_flag_exits_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "content/en-US/index.md", "# Home\n");
    let out = stele()
        .args(["check", "--locale", "xx-YY"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no locale `xx-YY`"));
}

#[test]
fn exit_codes_follow_the_content() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "content/en-US/index.md",
        "# Home\n\n[ok](#home)\n",
    );
    stele().arg("check").arg(tmp.path()).assert().code(0);
    stele()
        .args(["build", "-q"])
        .arg(tmp.path())
        .assert()
        .code(0);
    assert!(tmp.path().join("public/en-us/index.html").is_file());

    // A warning: 0, or 1 with --deny-warnings.
    write(
        tmp.path(),
        "content/ja-JP/index.md",
        "# ホーム\n\n[x](only-en.md)\n",
    );
    write(tmp.path(), "content/en-US/only-en.md", "# Only English\n");
    stele().arg("check").arg(tmp.path()).assert().code(0);
    stele()
        .args(["check", "--deny-warnings"])
        .arg(tmp.path())
        .assert()
        .code(1);

    // An error: 1, and the build still writes every page.
    write(
        tmp.path(),
        "content/en-US/index.md",
        "# Home\n\n[gone](gone.md)\n",
    );
    stele().arg("check").arg(tmp.path()).assert().code(1);
    stele()
        .args(["build", "-q"])
        .arg(tmp.path())
        .assert()
        .code(1);
    assert!(tmp.path().join("public/en-us/index.html").is_file());
    assert!(tmp.path().join("public/ja-jp/index.html").is_file());
}

#[test]
fn check_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "content/en-US/index.md", "# Home\n");
    stele().arg("check").arg(tmp.path()).assert().code(0);
    let entries: Vec<_> = fs::read_dir(tmp.path())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        entries,
        vec![std::ffi::OsString::from("content")],
        "check wrote {entries:?}"
    );
}

#[test]
fn an_output_dir_stele_did_not_write_is_never_replaced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "content/en-US/index.md", "# Home\n");
    write(tmp.path(), "mine/precious.txt", "keep me");
    let out = stele()
        .args(["build", "-o"])
        .arg(tmp.path().join("mine"))
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not written by stele"));
    assert_eq!(
        fs::read_to_string(tmp.path().join("mine/precious.txt")).expect("kept"),
        "keep me"
    );

    // A directory stele wrote is replaced, and only the output directory changes.
    stele()
        .args(["build", "-q"])
        .arg(tmp.path())
        .assert()
        .code(0);
    write(tmp.path(), "content/en-US/index.md", "# Home again\n");
    stele()
        .args(["build", "-q"])
        .arg(tmp.path())
        .assert()
        .code(0);
    let page = fs::read_to_string(tmp.path().join("public/en-us/index.html")).expect("page");
    assert!(page.contains("Home again"));
    // Unchanged files are carried over from the previous build; a change
    // in the new build never reaches the old files (they are not shared).
    write(tmp.path(), "content/en-US/other.md", "# Other\n");
    stele()
        .args(["build", "-q"])
        .arg(tmp.path())
        .assert()
        .code(0);
    let before = fs::read_to_string(tmp.path().join("public/en-us/index.html")).expect("page");
    write(
        tmp.path(),
        "content/en-US/index.md",
        "# Home, third edition\n",
    );
    stele()
        .args(["build", "-q"])
        .arg(tmp.path())
        .assert()
        .code(0);
    let after = fs::read_to_string(tmp.path().join("public/en-us/index.html")).expect("page");
    assert!(before.contains("Home again") && after.contains("third edition"));
    assert!(tmp.path().join("public/en-us/other/index.html").is_file());
    assert_eq!(
        fs::read_to_string(tmp.path().join("mine/precious.txt")).expect("kept"),
        "keep me"
    );
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("stele-tmp") || n.contains("stele-old"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary directories left: {leftovers:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused_and_the_rest_builds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "content/en-US/index.md", "# Home\n");
    write(
        tmp.path(),
        "outside/secret.md",
        "# Secret outside the site\n",
    );
    let en = tmp.path().join("content/en-US");
    std::os::unix::fs::symlink(tmp.path().join("outside/secret.md"), en.join("secret.md"))
        .expect("symlink");
    std::os::unix::fs::symlink(tmp.path().join("nowhere.md"), en.join("dangling.md"))
        .expect("symlink");
    std::os::unix::fs::symlink(tmp.path().join("outside"), en.join("dir")).expect("symlink");
    write(tmp.path(), "outside/photo.png", "not an image of the site");
    std::os::unix::fs::symlink(tmp.path().join("outside/photo.png"), en.join("photo.png"))
        .expect("symlink");
    write(tmp.path(), "content/en-US/real.md", "# Real\n");
    std::os::unix::fs::symlink(en.join("real.md"), en.join("alias.md")).expect("symlink");
    let out = stele()
        .args(["build", "-q"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("unreadable-file").count(), 4, "{err}");
    assert!(
        err.contains("content/en-US/secret.md") && err.contains("outside `content/`"),
        "{err}"
    );
    assert!(err.contains("broken symbolic link"), "{err}");
    let public = tmp.path().join("public/en-us");
    assert!(public.join("index.html").is_file());
    assert!(
        public.join("alias/index.html").is_file(),
        "a link inside content/ is read"
    );
    assert!(!public.join("secret").exists());
    assert!(
        !public.join("photo.png").exists(),
        "a static file linked from outside is not published"
    );
}
