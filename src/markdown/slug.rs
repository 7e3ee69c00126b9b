//! Heading ids: GitHub-style slugs that keep Unicode letters, made unique
//! per page.

#[allow(unused_imports)]
use super::*;

/// A heading id in the given style ([`HeadingIds`]), before it is made
/// unique on the page.
pub fn slug(text: &str, style: HeadingIds) -> String {
    match style {
        HeadingIds::Github => slugify(text),
        HeadingIds::Hugo => hugo_slug(text),
    }
}

/// Hugo's heading id (Goldmark's `github` type): letters (`L*`), decimal
/// digits (`Nd`) and `_` kept in lower case, `-` and spaces to `-`,
/// everything else (combining marks too) dropped.
fn hugo_slug(text: &str) -> String {
    use icu::properties::CodePointMapData;
    use icu::properties::props::GeneralCategory as G;
    let gc = CodePointMapData::<G>::new();
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '-' | ' ' => out.push('-'),
            '_' => out.push('_'),
            c if matches!(
                gc.get(c),
                G::UppercaseLetter
                    | G::LowercaseLetter
                    | G::TitlecaseLetter
                    | G::ModifierLetter
                    | G::OtherLetter
                    | G::DecimalNumber
            ) =>
            {
                out.extend(c.to_lowercase())
            }
            _ => {}
        }
    }
    out
}

/// The id of a heading whose slug is empty.
pub(super) fn empty_slug(style: HeadingIds) -> &'static str {
    match style {
        HeadingIds::Github => "section",
        HeadingIds::Hugo => "heading",
    }
}

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

/// Combining marks (`M*`), which scripts such as Devanagari, Bengali or
/// Thai need in words; GitHub keeps them.
pub(super) fn is_mark(c: char) -> bool {
    use icu::properties::CodePointMapData;
    use icu::properties::props::GeneralCategory as G;
    matches!(
        CodePointMapData::<G>::new().get(c),
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark
    )
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
