//! Fixture sites: every `tests/fixtures/<feature>/<case>/` holding an
//! `expect.toml` is one test. The harness copies the case to a temporary
//! directory, runs the `stele` binary on it and compares with `expect.toml`:
//!
//! ```toml
//! command = "build"          # or "check" or "status" (default: "build")
//! args = ["--locale", "ja-JP"] # extra arguments (optional)
//! exit = 1                   # expected exit code (default 0)
//! stderr_contains = ["…"]    # optional
//! stdout_contains = ["…"]    # optional; stdout of the command (status tables, JSON, HTML)
//! stdout_not_contains = ["…"] # optional
//! # Every diagnostic `stele check --format json` reports, exactly (no more, no fewer).
//! # `check` gets the case's `args`, except for `status`, which passes on only `--locale`.
//! [[diagnostic]]
//! code = "broken-link"
//! file = "content/en-US/a.md"
//! line = 3
//! column = 5
//! # Pages of the build and what they must (not) contain.
//! [[page]]
//! path = "en-us/a/index.html"
//! contains = ['<html lang="en-US" dir="ltr">']
//! not_contains = ["sxs-lookup"]
//! [[absent]]
//! path = "en-us/includes/x/index.html"
//! ```
//!
//! Adding a test is adding a directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default = "default_command")]
    command: String,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    exit: i32,
    #[serde(default)]
    stderr_contains: Vec<String>,
    #[serde(default)]
    stdout_contains: Vec<String>,
    #[serde(default)]
    stdout_not_contains: Vec<String>,
    #[serde(default)]
    diagnostic: Vec<ExpectDiag>,
    /// Skip the comparison of diagnostics (for cases about the CLI only).
    #[serde(default)]
    any_diagnostics: bool,
    #[serde(default)]
    page: Vec<ExpectPage>,
    #[serde(default)]
    absent: Vec<Absent>,
}

fn default_command() -> String {
    "build".into()
}

#[derive(Deserialize, Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
#[serde(deny_unknown_fields)]
struct ExpectDiag {
    code: String,
    file: String,
    line: Option<u64>,
    column: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectPage {
    path: String,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    not_contains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Absent {
    path: String,
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases = Vec::new();
    collect(&root, &mut cases);
    cases.sort();
    let trials = cases
        .into_iter()
        .map(|dir| {
            let name = dir
                .strip_prefix(&root)
                .unwrap_or(&dir)
                .to_string_lossy()
                .replace('\\', "/");
            Trial::test(name, move || run_case(&dir))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.join("expect.toml").is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path().is_dir() {
                collect(&e.path(), out);
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let dest = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &dest)?;
        } else {
            std::fs::copy(e.path(), dest)?;
        }
    }
    Ok(())
}

fn stele() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stele"));
    c.env("NO_COLOR", "1");
    c
}

fn run_case(dir: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(dir.join("expect.toml"))
        .map_err(|e| format!("expect.toml: {e}"))?;
    let expect: Expect = toml::from_str(&text).map_err(|e| format!("expect.toml: {e}"))?;
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let site = tmp.path().join("site");
    copy_dir(dir, &site).map_err(|e| format!("copy: {e}"))?;
    let _ = std::fs::remove_file(site.join("expect.toml"));
    let mut problems = Vec::new();

    // The command under test.
    let mut cmd = stele();
    cmd.arg(&expect.command).arg(&site).args(&expect.args);
    let out = cmd.output().map_err(|e| format!("cannot run stele: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().unwrap_or(-1);
    if code != expect.exit {
        problems.push(format!("exit code {code}, expected {}", expect.exit));
    }
    for s in &expect.stderr_contains {
        if !stderr.contains(s) {
            problems.push(format!("stderr lacks {s:?}"));
        }
    }
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    for s in &expect.stdout_contains {
        if !stdout.contains(s) {
            problems.push(format!("stdout lacks {s:?}"));
        }
    }
    for s in &expect.stdout_not_contains {
        if stdout.contains(s) {
            problems.push(format!("stdout contains {s:?}"));
        }
    }

    // Diagnostics, exactly, through the JSON format.
    if !expect.any_diagnostics {
        let check_args: Vec<&String> = if expect.command == "status" {
            expect
                .args
                .windows(2)
                .filter(|w| w[0] == "--locale")
                .flatten()
                .collect()
        } else {
            expect
                .args
                .iter()
                .filter(|a| a.as_str() != "--deny-warnings")
                .collect()
        };
        let out = stele()
            .arg("check")
            .arg(&site)
            .args(check_args)
            .args(["--format", "json"])
            .output()
            .map_err(|e| e.to_string())?;
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| {
            format!(
                "check --format json gave no JSON ({e}); stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
        let mut actual: Vec<ExpectDiag> = json["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|d| ExpectDiag {
                        code: d["code"].as_str().unwrap_or_default().to_string(),
                        file: d["file"].as_str().unwrap_or_default().to_string(),
                        line: d["line"].as_u64(),
                        column: d["column"].as_u64(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut wanted = expect.diagnostic.clone();
        actual.sort();
        wanted.sort();
        // An expectation without line/column matches any position.
        let mut unmatched_actual = actual.clone();
        for w in &wanted {
            let pos = unmatched_actual.iter().position(|a| {
                a.code == w.code
                    && a.file == w.file
                    && (w.line.is_none() || a.line == w.line)
                    && (w.column.is_none() || a.column == w.column)
            });
            match pos {
                Some(i) => {
                    unmatched_actual.remove(i);
                }
                None => problems.push(format!("missing diagnostic {w:?}")),
            }
        }
        for a in unmatched_actual {
            problems.push(format!("unexpected diagnostic {a:?}"));
        }
    }

    // Pages.
    let public = site.join("public");
    for p in &expect.page {
        match std::fs::read_to_string(public.join(&p.path)) {
            Ok(html) => {
                for c in &p.contains {
                    if !html.contains(c.as_str()) {
                        problems.push(format!("{} lacks {c:?}", p.path));
                    }
                }
                for c in &p.not_contains {
                    if html.contains(c.as_str()) {
                        problems.push(format!("{} contains {c:?}", p.path));
                    }
                }
            }
            Err(e) => problems.push(format!("page {}: {e}", p.path)),
        }
    }
    for a in &expect.absent {
        if public.join(&a.path).exists() {
            problems.push(format!("{} exists", a.path));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
            problems.join("\n")
        )
        .into())
    }
}
