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
    let out = stele()
        .args(["check", root, "--deny-warnings"])
        .env("NO_COLOR", "1")
        .output()
        .expect("stele runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "`stele check --deny-warnings` on stele's own docs failed ({}):\n{stderr}",
        out.status
    );
    assert!(
        !stderr.contains("error[") && !stderr.contains("warning["),
        "stele's own docs have diagnostics:\n{stderr}"
    );
}

/// The `.md` files of a locale of stele's docs, relative to the locale
/// directory, sorted.
fn markdown_files(locale: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(locale);
    let mut found = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("locale directory is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(
                    path.strip_prefix(&dir)
                        .expect("inside the locale")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    found.sort();
    found
}

#[test]
fn own_docs_have_every_page_in_every_locale() {
    let source = markdown_files("en-US");
    assert!(
        source.len() >= 7,
        "expected the documentation pages in content/en-US, found {source:?}"
    );
    for locale in ["ja-JP", "de-DE", "ar-SA"] {
        assert_eq!(
            markdown_files(locale),
            source,
            "`content/{locale}/` must translate every page and include of `content/en-US/`"
        );
    }
}

/// Every article of the docs lands where content/en-US/guide/content-layout.md
/// says it does: `a/b.md` → `<locale>/a/b/index.html`, `a/index.md` →
/// `<locale>/a/index.html`; include fragments get no page.
#[test]
fn own_docs_build_every_page_where_the_docs_say() {
    let out = tempfile::tempdir().expect("a temporary directory");
    let dir = out.path().join("site");
    let root = env!("CARGO_MANIFEST_DIR");
    let run = stele()
        .args(["build", root, "-q", "-o"])
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("stele runs");
    assert!(
        run.status.success(),
        "`stele build` of stele's own docs failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for locale in ["en-US", "ja-JP", "de-DE", "ar-SA"] {
        let slug = locale.to_ascii_lowercase();
        for rel in markdown_files(locale) {
            let stem = rel.strip_suffix(".md").expect("a Markdown file");
            let page = match stem.strip_suffix("index") {
                Some(folder) => format!("{slug}/{folder}index.html"),
                None => format!("{slug}/{stem}/index.html"),
            };
            let written = dir.join(&page);
            if rel.starts_with("includes/") {
                assert!(
                    !written.exists(),
                    "the include fragment `{locale}/{rel}` must not become a page"
                );
            } else {
                let bytes = std::fs::read(&written).unwrap_or_else(|e| {
                    panic!("no page `{page}` for `content/{locale}/{rel}`: {e}")
                });
                assert!(!bytes.is_empty(), "`{page}` is empty");
            }
        }
    }
    assert!(
        dir.join("en-us/guide/media/output-paths.svg").is_file(),
        "the static file of the docs is copied"
    );
}
