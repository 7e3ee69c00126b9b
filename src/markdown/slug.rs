//! Heading ids: GitHub-style slugs that keep Unicode letters, made unique
//! per page.

#[allow(unused_imports)]
use super::*;

/// A GitHub-style heading id: lower case, letters and digits of every
/// script kept, spaces to `-`, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        } else if is_mark(c) {
            out.push(c);
        }
    }
    out
}

/// Combining marks that scripts such as Devanagari or Thai need in words.
pub(super) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x3099..=0x309A | 0xFE00..=0xFE0F)
}

pub(super) fn unique_id(base: &str, used: &HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    if !used.contains(base) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !used.contains(c))
        .unwrap_or_else(|| base.to_string())
}
