//! Limits that need generated input: a 100 MB article (a sparse file, so
//! the test writes nothing) is refused from its size alone, never read.

use std::fs;
use std::process::Command;

#[test]
fn a_100_mb_article_is_refused_with_the_limit_and_its_key() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let en = tmp.path().join("content/en-US");
    fs::create_dir_all(&en).expect("mkdir");
    fs::write(en.join("index.md"), "# Home\n").expect("write");
    let big = fs::File::create(en.join("big.md")).expect("create");
    big.set_len(100 * 1024 * 1024).expect("sparse 100 MB");
    let out = Command::new(env!("CARGO_BIN_EXE_stele"))
        .args(["check", "--format", "json"])
        .arg(tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let diags = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diags.len(), 1, "{json:#}");
    let d = &diags[0];
    assert_eq!(d["code"], "limit-exceeded");
    assert_eq!(d["file"], "content/en-US/big.md");
    let msg = d["message"].as_str().expect("message");
    assert!(
        msg.contains("100.0 MiB, more than the limit of 16 MiB"),
        "{msg}"
    );
    let hint = d["hint"].as_str().expect("hint");
    assert!(hint.contains("`article_mb"), "{hint}");
}
