//! Attributes of DocFX extensions (`source="a.png" alt-text='x' border=false`)
//! and the markers that carry them (`:::name …:::`, `[!NAME …]`), with byte
//! ranges in the text they were read from.

use std::ops::Range;

/// One `name="value"` pair; `value` is the range of the value, quotes excluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    /// Lower case.
    pub name: String,
    pub value: Range<usize>,
}

/// Parses attributes in `text[range]`. Bare words (`:::row:::` has none,
/// `::: zone-end` has none) are skipped.
pub fn parse(text: &str, range: Range<usize>) -> Vec<Attr> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    let end = range.end.min(text.len());
    while i < end {
        while i < end && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let ns = i;
        while i < end && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b'_' | b'.')) {
            i += 1;
        }
        if i == ns {
            i += 1;
            continue;
        }
        let name = text[ns..i].to_ascii_lowercase();
        let mut j = i;
        while j < end && b[j] == b' ' {
            j += 1;
        }
        if j >= end || b[j] != b'=' {
            continue;
        }
        j += 1;
        while j < end && b[j] == b' ' {
            j += 1;
        }
        if j >= end {
            break;
        }
        let (vs, ve, next) = match b[j] {
            q @ (b'"' | b'\'') => match text[j + 1..end].find(q as char) {
                Some(k) => (j + 1, j + 1 + k, j + 2 + k),
                None => (j + 1, end, end),
            },
            _ => {
                let mut k = j;
                while k < end && !b[k].is_ascii_whitespace() {
                    k += 1;
                }
                (j, k, k)
            }
        };
        out.push(Attr {
            name,
            value: vs..ve,
        });
        i = next;
    }
    out
}

/// The value range of attribute `name`.
pub fn get(attrs: &[Attr], name: &str) -> Option<Range<usize>> {
    attrs
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.value.clone())
}

/// A `:::name attrs:::` or `::: name attrs` marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Colon {
    /// Range of the whole marker, from the first `:` to the closing `:::`
    /// (or the end of the line when there is none).
    pub range: Range<usize>,
    /// Lower case, e.g. `image`, `zone-end`.
    pub name: String,
    pub name_range: Range<usize>,
    /// Range of the attributes, between the name and the closing `:::`.
    pub attrs: Range<usize>,
    /// Whether a closing `:::` was found.
    pub closed: bool,
}

/// Reads a colon marker starting at `at` (which must hold `:::`); the
/// marker ends at the closing `:::` or at `line_end`.
pub fn colon(text: &str, at: usize, line_end: usize) -> Option<Colon> {
    let b = text.as_bytes();
    if !text[at..].starts_with(":::") {
        return None;
    }
    let mut i = at + 3;
    while i < line_end && b[i] == b' ' {
        i += 1;
    }
    let ns = i;
    while i < line_end && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b'_')) {
        i += 1;
    }
    if i == ns || !b[ns].is_ascii_alphabetic() {
        return None;
    }
    let name = text[ns..i].to_ascii_lowercase();
    // The closing `:::`, outside quotes.
    let mut j = i;
    let mut quote: Option<u8> = None;
    let mut close = None;
    while j < line_end {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => {
                // Only quotes that open a value (after `=`) count.
                if j > 0 && text[..j].trim_end().ends_with('=') {
                    quote = Some(c);
                }
            }
            None if b[j..line_end].starts_with(b":::") => {
                close = Some(j);
                break;
            }
            None => {}
        }
        j += 1;
    }
    let (attrs_end, end, closed) = match close {
        Some(c) => (c, c + 3, true),
        None => {
            let e = text[..line_end].trim_end().len().max(i);
            (e, e, false)
        }
    };
    Some(Colon {
        range: at..end,
        name,
        name_range: ns..i,
        attrs: i..attrs_end,
        closed,
    })
}

/// A `[!NAME rest]` marker: DocFX's `[!VIDEO url]`, `[!div class="x"]`,
/// `[!NOTE]`, `[!code-cs[](x.cs)]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bang {
    /// From `[` to the matching `]`.
    pub range: Range<usize>,
    /// As written, e.g. `VIDEO`, `code-csharp`.
    pub name: String,
    /// After the name, up to the closing `]`.
    pub rest: Range<usize>,
}

/// Reads a bang marker at `at` (which must hold `[!`), within the line.
pub fn bang(text: &str, at: usize, line_end: usize) -> Option<Bang> {
    let b = text.as_bytes();
    if !text[at..].starts_with("[!") {
        return None;
    }
    let mut i = at + 2;
    let ns = i;
    while i < line_end && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b'_')) {
        i += 1;
    }
    if i == ns || !b[ns].is_ascii_alphabetic() {
        return None;
    }
    // The matching `]`, counting nested brackets.
    let mut depth = 1usize;
    let mut j = i;
    let mut quote = false;
    while j < line_end {
        match b[j] {
            b'"' => quote = !quote,
            b'[' if !quote => depth += 1,
            b']' if !quote => {
                depth -= 1;
                if depth == 0 {
                    return Some(Bang {
                        range: at..j + 1,
                        name: text[ns..i].to_string(),
                        rest: i..j,
                    });
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_attributes_with_quotes() {
        let t = r#"type="content" source='a b.png' border=false alt-text="x &quot;y&quot;""#;
        let a = parse(t, 0..t.len());
        let v: Vec<(&str, &str)> = a
            .iter()
            .map(|a| (a.name.as_str(), &t[a.value.clone()]))
            .collect();
        assert_eq!(
            v,
            [
                ("type", "content"),
                ("source", "a b.png"),
                ("border", "false"),
                ("alt-text", "x &quot;y&quot;")
            ]
        );
    }

    #[test]
    fn reads_colon_markers() {
        let t = r#"x :::image source="a:::b.png" alt-text="y"::: z"#;
        let c = colon(t, 2, t.len()).unwrap();
        assert_eq!(c.name, "image");
        assert!(c.closed);
        assert_eq!(
            &t[c.range.clone()],
            r#":::image source="a:::b.png" alt-text="y":::"#
        );
        let z = ":::  zone pivot=\"a\"\n";
        let c = colon(z, 0, z.len() - 1).unwrap();
        assert_eq!((c.name.as_str(), c.closed), ("zone", false));
        assert_eq!(&z[c.attrs.clone()], " pivot=\"a\"");
        assert!(colon(":::", 0, 3).is_none());
    }

    #[test]
    fn reads_bang_markers() {
        let t = "[!code-csharp[](a.cs#x)] [!VIDEO https://x/y] [![a](b)](c)";
        let b = bang(t, 0, t.len()).unwrap();
        assert_eq!(
            (b.name.as_str(), &t[b.rest.clone()]),
            ("code-csharp", "[](a.cs#x)")
        );
        let v = bang(t, 25, t.len()).unwrap();
        assert_eq!(
            (v.name.as_str(), &t[v.rest.clone()]),
            ("VIDEO", " https://x/y")
        );
        assert!(bang(t, 46, t.len()).is_none());
    }
}
