//! Code snippets from files: `[!code-cs[](a.cs#region)]`,
//! `[!code-cs[](a.cs#L3-L9 "title")]`, `[!code-cs[](a.cs?name=x&highlight=2)]`,
//! `:::code language="cs" source="a.cs" id="x" range="1-3,5" highlight="2":::`.
//!
//! Regions are DocFX's: a line holding `<name>` (in any comment syntax:
//! `// <name>`, `# <name>`, `<!-- <name> -->`) up to the line holding
//! `</name>`, or `#region name` up to its `#endregion`. Marker lines of
//! other regions inside are dropped and the common indentation removed.

/// What a snippet reference asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub path: String,
    pub region: Option<String>,
    /// 1-based inclusive line ranges of the file (`None` end: to the end).
    pub ranges: Vec<(usize, Option<usize>)>,
    /// 1-based inclusive line ranges of the snippet to highlight.
    pub highlight: Vec<(usize, Option<usize>)>,
}

/// Parses `1-3,5,7-` (also `L1-L3`).
pub fn parse_ranges(s: &str) -> Vec<(usize, Option<usize>)> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let num = |x: &str| {
            x.trim()
                .trim_start_matches(['L', 'l'])
                .parse::<usize>()
                .ok()
        };
        match part.split_once('-') {
            Some((a, b)) => {
                if let Some(a) = num(a) {
                    out.push((a, if b.trim().is_empty() { None } else { num(b) }));
                }
            }
            None => {
                if let Some(a) = num(part) {
                    out.push((a, Some(a)));
                }
            }
        }
    }
    out
}

/// Parses the destination of `[!code-lang[](dest)]`: a path with an
/// optional `#region` or `#L1-L5` and a query (`name`, `range`, `highlight`).
pub fn parse_dest(dest: &str) -> Request {
    let mut r = Request::default();
    let (rest, frag) = match dest.split_once('#') {
        Some((a, b)) => (a, Some(b)),
        None => (dest, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((a, b)) => (a, Some(b)),
        None => (rest, None),
    };
    r.path = path.to_string();
    if let Some(q) = query {
        for kv in q.split('&') {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            match k.to_ascii_lowercase().as_str() {
                "name" => r.region = Some(v.to_string()),
                "range" => r.ranges = parse_ranges(v),
                "highlight" => r.highlight = parse_ranges(v),
                _ => {}
            }
        }
    }
    if let Some(f) = frag {
        let is_lines = f.starts_with(['L', 'l'])
            && f[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | 'L' | 'l' | ','));
        if is_lines && f.len() > 1 {
            r.ranges = parse_ranges(f);
        } else if !f.is_empty() {
            r.region = Some(f.to_string());
        }
    }
    r
}

/// Why a snippet could not be cut from its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Miss {
    Region(String),
    Empty,
}

/// Whether a line is a region marker: `<name>`, `</name>` in a comment,
/// `#region`, `#endregion`.
fn is_marker(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("#region") || lower.starts_with("#endregion") {
        return true;
    }
    let body = t
        .trim_start_matches("//")
        .trim_start_matches('#')
        .trim_start_matches("<!--")
        .trim_start_matches("/*")
        .trim_start_matches("--")
        .trim_start_matches('\'')
        .trim_end_matches("-->")
        .trim_end_matches("*/")
        .trim();
    body.starts_with('<')
        && body.ends_with('>')
        && body.len() > 2
        && body[1..body.len() - 1]
            .trim_start_matches('/')
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && body.len() != t.len() // a bare `<tag>` line of XML is code, not a marker
}

fn has_tag(line: &str, tag: &str) -> bool {
    line.contains(tag) && is_marker(line)
}

/// The lines of `code` that `req` asks for (region, then ranges),
/// dedented, without marker lines.
pub fn cut<'c>(code: &'c str, req: &Request) -> Result<Vec<&'c str>, Miss> {
    let all: Vec<&str> = code.lines().collect();
    let mut lines: Vec<&str> = match &req.region {
        Some(name) => {
            let open = format!("<{name}>");
            let close = format!("</{name}>");
            let start = all.iter().position(|l| {
                has_tag(l, &open)
                    || l.trim()
                        .to_ascii_lowercase()
                        .strip_prefix("#region")
                        .is_some_and(|r| r.trim() == name.to_ascii_lowercase())
            });
            let Some(start) = start else {
                return Err(Miss::Region(name.clone()));
            };
            let region_style = all[start].trim().starts_with("#region")
                || all[start].trim().starts_with("#Region");
            let mut depth = 0usize;
            let mut end = all.len();
            for (i, l) in all.iter().enumerate().skip(start + 1) {
                if region_style {
                    let t = l.trim().to_ascii_lowercase();
                    if t.starts_with("#region") {
                        depth += 1;
                    } else if t.starts_with("#endregion") {
                        if depth == 0 {
                            end = i;
                            break;
                        }
                        depth -= 1;
                    }
                } else if has_tag(l, &close) {
                    end = i;
                    break;
                }
            }
            all[start + 1..end]
                .iter()
                .copied()
                .filter(|l| !is_marker(l))
                .collect()
        }
        None => all,
    };
    if !req.ranges.is_empty() {
        let mut picked = Vec::new();
        for &(a, b) in &req.ranges {
            let a = a.max(1);
            let b = b.unwrap_or(lines.len()).min(lines.len());
            if a <= b {
                picked.extend_from_slice(&lines[a - 1..b]);
            }
        }
        lines = picked;
    }
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(Miss::Empty);
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    Ok(lines
        .into_iter()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect())
}

/// The 1-based line numbers to highlight, for a snippet of `n` lines.
pub fn highlighted(ranges: &[(usize, Option<usize>)], n: usize) -> Vec<usize> {
    let mut v = Vec::new();
    for &(a, b) in ranges {
        let b = b.unwrap_or(n).min(n);
        v.extend(a.max(1)..=b);
    }
    v
}

/// The language of a fence class for a DocFX language name.
pub fn language(name: &str) -> &str {
    match name.to_ascii_lowercase().as_str() {
        "cs" | "c#" | "csharp" => "csharp",
        "vb" | "vbnet" => "vb",
        "js" | "javascript" => "javascript",
        "ts" | "typescript" => "typescript",
        "ps" | "ps1" | "powershell" => "powershell",
        "py" | "python" => "python",
        "sh" | "bash" => "bash",
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "using System;\nclass A {\n    // <Main>\n    static void Main() {\n        // <Inner>\n        Go();\n        // </Inner>\n    }\n    // </Main>\n    #region Other\n    int x;\n    #endregion\n}\n";

    #[test]
    fn cuts_tag_regions_dedented_without_inner_markers() {
        let r = parse_dest("a.cs#Main");
        assert_eq!(r.region.as_deref(), Some("Main"));
        let lines = cut(CODE, &r).unwrap();
        assert_eq!(lines, ["static void Main() {", "    Go();", "}"]);
    }

    #[test]
    fn cuts_region_directives_and_line_ranges() {
        let lines = cut(CODE, &parse_dest("a.cs?name=Other")).unwrap();
        assert_eq!(lines, ["int x;"]);
        let r = parse_dest("a.cs#L1-L2");
        assert_eq!(r.ranges, [(1, Some(2))]);
        assert_eq!(cut(CODE, &r).unwrap(), ["using System;", "class A {"]);
        assert_eq!(
            cut(CODE, &parse_dest("a.cs#Nope")),
            Err(Miss::Region("Nope".into()))
        );
    }

    #[test]
    fn parses_ranges_and_highlights() {
        assert_eq!(
            parse_ranges("1-3, 5,7-"),
            [(1, Some(3)), (5, Some(5)), (7, None)]
        );
        assert_eq!(highlighted(&parse_ranges("2,4-"), 5), [2, 4, 5]);
        let r = parse_dest("x.py?name=a&highlight=1-2");
        assert_eq!((r.path.as_str(), r.highlight.len()), ("x.py", 1));
    }
}
