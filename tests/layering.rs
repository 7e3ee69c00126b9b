//! The floor plan as a test: a stage never imports a later one, and no
//! source file has over 1,000 lines of code.
//!
//! Pure Rust, no tool: every `src/**/*.rs` file is read, its `#[cfg(test)]`
//! module and its comments are left out, and every `crate::<module>` path
//! in what is left (in `use` lines and inline, `use crate::{a, b}` groups
//! included) is an import of that top-level module. A top-level module may
//! import only modules before it in [`STAGES`]. Because that list is a
//! total order, the imports among top-level modules cannot form a cycle.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The top-level modules of `src/`, in pipeline order: each may import only
/// the modules before it. The first six are shared leaves.
const STAGES: &[&str] = &[
    // Shared leaves.
    "diagnostic",
    "html",
    "term",
    "limits",
    "config",
    "locale",
    // The pipeline, in the order the stages run.
    "read",
    "model",
    "include",
    "markdown",
    "analyze",
    "render",
    "output",
    "report",
    "status",
    // Composition and the entry points.
    "pipeline",
    "external",
    "serve",
    "cli",
];

/// Files that are not modules of the crate's tree of stages.
const ROOTS: &[&str] = &["lib.rs", "main.rs"];

/// Most lines of code in one file, its test module, comments and blank
/// lines not counted.
const MAX_CODE_LINES: usize = 1000;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file: without its `#[cfg(test)]` module (from the
/// attribute at column 0 to the next `}` at column 0), comment lines and
/// blank lines.
fn code_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_tests = false;
    for line in text.lines() {
        if in_tests {
            if line == "}" {
                in_tests = false;
            }
            continue;
        }
        if line == "#[cfg(test)]" {
            in_tests = true;
            continue;
        }
        let t = line.trim_start();
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push(line);
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules named by `crate::` paths in `lines`.
fn imports(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let mut rest = *line;
        while let Some(i) = rest.find("crate::") {
            // `stele::crate::` cannot occur; skip `$crate::` of macros.
            let before = &rest[..i];
            rest = &rest[i + "crate::".len()..];
            if before.ends_with('$')
                || before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c};` on one line (rustfmt keeps short
                // groups on one line; a long group is split per line below).
                let end = group.find('}').unwrap_or(group.len());
                let mut depth = 0;
                let mut start = true;
                for (k, c) in group[..end].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => start = true,
                        c if start && (c.is_ascii_alphabetic() || c == '_') => {
                            out.push(ident_at(&group[k..]).to_string());
                            start = false;
                        }
                        _ => {}
                    }
                }
            } else {
                let id = ident_at(rest);
                if !id.is_empty() {
                    out.push(id.to_string());
                }
            }
        }
    }
    out
}

/// The top-level module a file belongs to: `src/render/nav.rs` → `render`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    if ROOTS.contains(&first.as_str()) {
        return None;
    }
    Some(first.strip_suffix(".rs").unwrap_or(&first).to_string())
}

/// Every upward import, as "file: `a` imports `b`, a later stage".
fn violations(files: &[(String, String, String)]) -> Vec<String> {
    let rank: BTreeMap<&str, usize> = STAGES.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut out = Vec::new();
    for (path, module, text) in files {
        let Some(&own) = rank.get(module.as_str()) else {
            out.push(format!(
                "{path}: module `{module}` is not in STAGES; place it there"
            ));
            continue;
        };
        for m in imports(&code_lines(text)) {
            match rank.get(m.as_str()) {
                Some(&r) if r > own => {
                    out.push(format!("{path}: `{module}` imports `{m}`, a later stage"))
                }
                Some(_) => {}
                None => out.push(format!("{path}: `crate::{m}` is not a module in STAGES")),
            }
        }
    }
    out
}

fn sources() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .iter()
        .filter_map(|f| {
            let module = module_of(&src, f)?;
            let text = std::fs::read_to_string(f).unwrap();
            let rel = f.strip_prefix(&src).unwrap().display().to_string();
            Some((format!("src/{rel}"), module, text))
        })
        .collect()
}

#[test]
fn no_stage_imports_a_later_one() {
    let found = violations(&sources());
    assert!(found.is_empty(), "upward imports:\n{}", found.join("\n"));
}

#[test]
fn every_top_level_module_is_a_stage() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    let mut sorted = declared.clone();
    sorted.sort();
    let mut stages = STAGES.to_vec();
    stages.sort();
    assert_eq!(
        sorted, stages,
        "lib.rs declares other modules than STAGES lists"
    );
}

#[test]
fn no_file_has_over_1000_lines_of_code() {
    let over: Vec<String> = sources()
        .iter()
        .map(|(path, _, text)| (path, code_lines(text).len()))
        .filter(|(_, n)| *n > MAX_CODE_LINES)
        .map(|(path, n)| format!("{path}: {n} lines of code"))
        .collect();
    assert!(
        over.is_empty(),
        "files over {MAX_CODE_LINES} lines of code:\n{}",
        over.join("\n")
    );
}

#[test]
fn the_check_sees_upward_imports_in_every_form() {
    let file =
        |module: &str, text: &str| ("x.rs".to_string(), module.to_string(), text.to_string());
    // Downward and same-stage imports pass.
    assert!(
        violations(&[file(
            "render",
            "use crate::markdown::Heading;\nuse crate::render::ui::Ui;\n"
        )])
        .is_empty()
    );
    // A `use` line, an inline path and a group each count.
    assert_eq!(
        violations(&[file("markdown", "use crate::render::Page;\n")]).len(),
        1
    );
    assert_eq!(
        violations(&[file("model", "    let x = crate::cli::plural(1, \"a\");\n")]).len(),
        1
    );
    assert_eq!(
        violations(&[file("read", "use crate::{config, pipeline::Built};\n")]).len(),
        1
    );
    // Comments and the test module do not.
    assert!(violations(&[file("read", "/// [`crate::serve::incremental`]\n#[cfg(test)]\nmod tests {\n    use crate::pipeline;\n}\n")]).is_empty());
    // A module missing from STAGES is reported.
    assert_eq!(
        violations(&[file("search", "use crate::html::escape;\n")]).len(),
        1
    );
}
