//! A small raw-HTML tokenizer with source offsets: raw HTML arrives as
//! fragments, often one tag per event; this reads the tags (stray end tags
//! included, which the QA lints need).

#[allow(unused_imports)]
use super::*;

/// A tag found by [`tokenize`].
#[derive(Clone, Debug)]
pub(super) struct ScannedTag {
    pub(super) name: String,
    pub(super) kind: TagKind,
    pub(super) range: Range<usize>,
    pub(super) attrs: Vec<Attr>,
}

#[derive(Clone, Debug)]
pub(super) struct Attr {
    /// Lower case.
    pub(super) name: String,
    pub(super) value: String,
    pub(super) value_range: Range<usize>,
}

impl ScannedTag {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

/// Whether an HTML fragment ends inside a comment (`<!--` never closed).
pub(super) fn ends_in_comment(text: &str) -> bool {
    let mut i = 0;
    while let Some(o) = text[i..].find("<!--") {
        match text[i + o + 4..].find("-->") {
            Some(e) => i = i + o + 4 + e + 3,
            None => return true,
        }
    }
    false
}

/// Tokenizes the tags of an HTML fragment; ranges are offset by `base`.
/// Comments, doctypes and processing instructions are skipped; text is ignored.
pub(super) fn tokenize(text: &str, base: usize) -> Vec<ScannedTag> {
    let b = text.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let start = i + off;
        let rest = &text[start..];
        if rest.starts_with("<!--") {
            i = match rest.find("-->") {
                Some(e) => start + e + 3,
                None => text.len(),
            };
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = match rest.find('>') {
                Some(e) => start + e + 1,
                None => text.len(),
            };
            continue;
        }
        let (close, name_start) = if rest.starts_with("</") {
            (true, start + 2)
        } else {
            (false, start + 1)
        };
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            i = start + 1;
            continue;
        }
        let mut j = name_start;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':' || b[j] == b'_')
        {
            j += 1;
        }
        let name = text[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        let mut end = None;
        while j < b.len() {
            let c = b[j];
            if c.is_ascii_whitespace() {
                j += 1;
                continue;
            }
            if c == b'>' {
                end = Some(j + 1);
                break;
            }
            if c == b'/' {
                if b.get(j + 1) == Some(&b'>') {
                    self_closing = true;
                    end = Some(j + 2);
                    break;
                }
                j += 1;
                continue;
            }
            if c == b'<' {
                break; // a new tag starts: this one was never finished
            }
            // Attribute name.
            let an = j;
            while j < b.len()
                && !b[j].is_ascii_whitespace()
                && !matches!(b[j], b'=' | b'>' | b'/' | b'<')
            {
                j += 1;
            }
            if an == j {
                j += 1;
                continue;
            }
            let attr_name = text[an..j].to_ascii_lowercase();
            let mut k = j;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if b.get(k) == Some(&b'=') {
                k += 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                let (vs, ve, next) = match b.get(k) {
                    Some(&q @ (b'"' | b'\'')) => match text[k + 1..].find(q as char) {
                        Some(e) => (k + 1, k + 1 + e, k + 2 + e),
                        None => (k + 1, text.len(), text.len()),
                    },
                    _ => {
                        let mut e = k;
                        while e < b.len() && !b[e].is_ascii_whitespace() && b[e] != b'>' {
                            e += 1;
                        }
                        (k, e, e)
                    }
                };
                if !close {
                    attrs.push(Attr {
                        name: attr_name,
                        value: text[vs..ve].to_string(),
                        value_range: base + vs..base + ve,
                    });
                }
                j = next;
            } else {
                if !close {
                    attrs.push(Attr {
                        name: attr_name,
                        value: String::new(),
                        value_range: base + j..base + j,
                    });
                }
                j = k;
            }
        }
        let Some(end) = end else {
            i = j.max(start + 1);
            continue;
        };
        let kind = if close {
            TagKind::Close
        } else if self_closing {
            TagKind::SelfClosing
        } else {
            TagKind::Open
        };
        tags.push(ScannedTag {
            name,
            kind,
            range: base + start..base + end,
            attrs,
        });
        i = end;
    }
    tags
}

/// Applies edits (absolute ranges, sorted, non-overlapping after clipping)
/// to a fragment whose text starts at `base`.
pub(super) fn apply_edits(text: &str, base: usize, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (r, new) in edits {
        let s = r.start.saturating_sub(base).min(text.len());
        let e = r.end.saturating_sub(base).min(text.len());
        if s < pos || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push_str(&text[pos..s]);
        out.push_str(new);
        pos = e;
    }
    out.push_str(&text[pos..]);
    out
}
