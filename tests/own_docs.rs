//! stele's own documentation, `content/` at the repository root (the site
//! `cargo run --release -- build` builds), must check clean in every
//! locale: no errors and no warnings, so a renamed heading, a missing
//! translation or a stale anchor fails `cargo test`.

use std::path::Path;

use assert_cmd::Command;

fn stele() -> Command {
    Command::cargo_bin("stele").expect("the stele binary is built for tests")
}

#[test]
fn own_docs_check_without_diagnostics() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = stele().args(["check", root, "--deny-warnings"]).env("NO_COLOR", "1").output().expect("stele runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "`stele check --deny-warnings` on stele's own docs failed ({}):\n{stderr}", out.status);
    assert!(
        !stderr.contains("error[") && !stderr.contains("warning["),
        "stele's own docs have diagnostics:\n{stderr}"
    );
}

#[test]
fn own_docs_have_every_page_in_every_locale() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let pages = |locale: &str| -> Vec<String> {
        let dir = content.join(locale);
        let mut found = Vec::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("locale directory is readable") {
                let path = entry.expect("directory entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    found.push(path.strip_prefix(&dir).expect("inside the locale").to_string_lossy().replace('\\', "/"));
                }
            }
        }
        found.sort();
        found
    };
    let source = pages("en-US");
    assert!(source.len() >= 7, "expected the documentation pages in content/en-US, found {source:?}");
    for locale in ["ja-JP", "de-DE", "ar-SA"] {
        assert_eq!(pages(locale), source, "`content/{locale}/` must translate every page and include of `content/en-US/`");
    }
}
