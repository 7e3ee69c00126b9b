//! `stele build --shard K/N`: the union of the N shards' outputs is the
//! single build's output, byte for byte; no page is written by two shards;
//! only shard 1 writes the site-wide pages and reports the diagnostics.

use std::collections::BTreeMap;
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

/// Every file below `dir` (relative path → bytes), without the output marker.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("below root")
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel != ".stele-output" {
                    out.insert(rel, fs::read(&p).expect("read"));
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A site of 3 locales and 12 translation groups in 4 folders, some
/// translations missing (fallback pages), a static file, a redirect and one
/// broken link.
fn site(root: &Path) {
    write(
        root,
        "stele.toml",
        "title = \"Shards\"\nbase_url = \"https://docs.example.com\"\nmissing_translations = \"fallback\"\nstatus_page = true\n",
    );
    for (l, locale) in ["en-US", "ja-JP", "de-DE"].iter().enumerate() {
        write(
            root,
            &format!("content/{locale}/index.md"),
            "# Home\n\n[First](a/p0.md)\n",
        );
        for i in 0..12 {
            if l > 0 && i % (l + 2) == 0 {
                continue; // a missing translation: a fallback page
            }
            let folder = ["a", "b", "c", "d"][i % 4];
            let link = if l == 0 && i == 5 {
                "[broken](nowhere.md)".to_string()
            } else {
                format!(
                    "[next](../{}/p{}.md)",
                    ["a", "b", "c", "d"][(i + 1) % 4],
                    i + 1
                )
            };
            write(
                root,
                &format!("content/{locale}/{folder}/p{i}.md"),
                &format!(
                    "---\ntitle: Page {i} {locale}\n---\n# Page {i}\n\n{link}\n\n## Part {i}\n\nText.\n"
                ),
            );
        }
        write(root, &format!("content/{locale}/a/picture.png"), "static\n");
    }
}

#[test]
fn the_union_of_the_shards_is_the_single_build() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("site");
    site(&root);
    let whole = tmp.path().join("whole");
    let out = stele()
        .arg("build")
        .arg(&root)
        .arg("-o")
        .arg(&whole)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "the broken link is an error");
    let whole_files = files(&whole);
    assert!(whole_files.len() > 40, "{}", whole_files.len());

    let n = 3;
    let mut union: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for k in 1..=n {
        let dir = tmp.path().join(format!("shard-{k}"));
        let out = stele()
            .arg("build")
            .arg(&root)
            .arg("-o")
            .arg(&dir)
            .arg("--shard")
            .arg(format!("{k}/{n}"))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        if k == 1 {
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(stderr.contains("nowhere.md"), "{stderr}");
        } else {
            assert_eq!(out.status.code(), Some(0), "{stderr}");
            assert!(!stderr.contains("nowhere.md"), "{stderr}");
        }
        let shard = files(&dir);
        assert!(
            shard.keys().any(|p| p.contains("/p")),
            "shard {k} has pages of its own: {:?}",
            shard.keys().collect::<Vec<_>>()
        );
        let site_wide = [
            "index.html",
            "404.html",
            "sitemap.xml",
            "en-us/a/picture.png",
        ];
        for p in site_wide {
            assert_eq!(shard.contains_key(p), k == 1, "{p} in shard {k}");
        }
        for (path, bytes) in shard {
            assert!(
                union.insert(path.clone(), bytes).is_none(),
                "`{path}` written by two shards"
            );
        }
    }
    assert_eq!(
        union.keys().collect::<Vec<_>>(),
        whole_files.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &whole_files {
        assert!(union[path] == *bytes, "`{path}` differs");
    }
}

#[test]
fn shard_arguments_are_checked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("site");
    site(&root);
    for bad in ["0/2", "3/2", "1", "a/b", "1/0"] {
        let out = stele()
            .arg("build")
            .arg(&root)
            .arg("--shard")
            .arg(bad)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
}
