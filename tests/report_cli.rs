//! `stele check --format …` end to end on the fixture site
//! `tests/fixtures/report/formats/`: data on stdout, nothing on stderr for
//! the machine formats, diagnostics on stderr for the human one, exit code 1
//! for content errors, byte-identical output on repeated runs. The formats
//! themselves are tested in detail by the unit tests of `src/report.rs`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/formats")
}

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stele"))
        .arg("check")
        .arg(site())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("stele runs")
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).expect("stdout is UTF-8")
}

#[test]
fn human_goes_to_stderr() {
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "human output must not touch stdout");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !err.contains('\x1b'),
        "no colour with NO_COLOR / without a terminal"
    );
    assert!(
        err.ends_with("1 error, 2 warnings in 3 articles, 0 links checked\n"),
        "{err}"
    );
}

#[test]
fn json_on_stdout() {
    let out = check(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&out)).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 1, "warnings": 2, "articles": 3, "links": 0})
    );
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["duplicate-asset-id", "locale-mismatch", "stray-file"]
    );
    assert_eq!(v["diagnostics"][1]["locale"], "ja-JP");
    assert_eq!(v["diagnostics"][2]["line"], serde_json::Value::Null);
}

#[test]
fn github_on_stdout() {
    let out = check(&["--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
    let lines: Vec<&str> = stdout(&out).lines().collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].starts_with("::error file=content/en-US/b.md,line=3,col=1,endLine=3,endColumn=11,title=duplicate-asset-id::"));
    assert!(
        lines[1].starts_with("::warning file=content/ja-JP/ガイド/記事%2C 1.md,line=4,col=1,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("::warning file=content/stray.md,title=stray-file::"));
    assert!(lines.iter().all(|l| l.contains("%0Ahint: ")));
}

#[test]
fn sarif_on_stdout() {
    let out = check(&["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
    let v: serde_json::Value = serde_json::from_str(stdout(&out)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    // Relative to the repository root: the site sits in a subfolder of
    // the git repository (when the tests run in a checkout).
    let location = &results[1]["locations"][0]["physicalLocation"]["artifactLocation"];
    let uri = location["uri"].as_str().unwrap();
    let file = "content/ja-JP/%E3%82%AC%E3%82%A4%E3%83%89/%E8%A8%98%E4%BA%8B%2C%201.md";
    if location["uriBaseId"] == "SRCROOT" {
        assert_eq!(uri, format!("tests/fixtures/report/formats/{file}"));
    } else {
        assert_eq!(uri, file, "outside a git checkout: relative to the site");
    }

    // `--sarif-root` at the site itself: paths relative to the site.
    let out = check(&[
        "--format",
        "sarif",
        "--sarif-root",
        site().to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(stdout(&out)).unwrap();
    let location =
        &v["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], file);
    // … and one folder up: the site's folder comes first.
    let parent = site().parent().unwrap().to_path_buf();
    let out = check(&[
        "--format",
        "sarif",
        "--sarif-root",
        parent.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(stdout(&out)).unwrap();
    let location =
        &v["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], format!("formats/{file}"));
    assert_eq!(location["uriBaseId"], "SRCROOT");
}

#[test]
fn output_is_byte_identical_across_runs() {
    for format in ["human", "json", "github", "sarif"] {
        let (a, b) = (check(&["--format", format]), check(&["--format", format]));
        assert_eq!(a.stdout, b.stdout, "{format}");
        assert_eq!(a.stderr, b.stderr, "{format}");
    }
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    // The same site with the error turned off: warnings alone pass, and
    // fail with --deny-warnings.
    let dir = tempfile::tempdir().unwrap();
    copy(&site(), dir.path());
    std::fs::write(
        dir.path().join("stele.toml"),
        "[check.levels]\nduplicate-asset-id = \"off\"\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_stele"))
            .arg("check")
            .arg(dir.path())
            .args(extra)
            .args(["--format", "json"])
            .output()
            .unwrap()
    };
    let ok = run(&[]);
    assert_eq!(ok.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["warnings"], 2);
    assert_eq!(run(&["--deny-warnings"]).status.code(), Some(1));
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy(&e.path(), &dest);
        } else if e.file_name() != "expect.toml" {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}
