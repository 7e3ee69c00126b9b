//! Summary and word count (CJK characters count one each).

#[allow(unused_imports)]
use super::*;

pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn summarize(text: &str) -> String {
    let t = collapse_ws(text);
    if t.chars().count() <= SUMMARY_CHARS {
        return t;
    }
    let cut: String = t.chars().take(SUMMARY_CHARS).collect();
    // Cut at a word boundary when the text has spaces; CJK text has none.
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// CJK ideographs, kana and the like, which count one word each.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF
        | 0xFF66..=0xFF9F)
}

/// Words of a text: runs of letters or digits separated by spaces or
/// punctuation; every CJK character is a word of its own.
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric()
            || is_mark(c)
            || (in_word && (c == '\'' || c == '’' || c == '-'))
        {
            if !in_word {
                n += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    n
}
