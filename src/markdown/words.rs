//! Summary and word count (CJK characters count one each).

#[allow(unused_imports)]
use super::*;

pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn summarize(text: &str) -> String {
    clip(&collapse_ws(text), SUMMARY_CHARS, Clip::Summary)
}

/// How [`clip`] cuts: the two uses keep their own rules, written side by
/// side here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clip {
    /// A page's summary: `max` characters, then the ellipsis; cut at the
    /// last space when that keeps over half of the bytes; trailing
    /// punctuation dropped.
    Summary,
    /// A `<meta name="description">`: `max` characters with the ellipsis;
    /// cut at the last space after byte `max / 2`; trailing spaces dropped.
    Description,
}

/// The one text clipper: `text` (trimmed) when it has at most `max`
/// characters, else its start cut at a word where possible and `…`. CJK
/// text has no spaces and is cut at `max`.
pub fn clip(text: &str, max: usize, how: Clip) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let keep = match how {
        Clip::Summary => max,
        Clip::Description => max - 1,
    };
    let cut: String = text.chars().take(keep).collect();
    let half = match how {
        Clip::Summary => cut.len() / 2,
        Clip::Description => max / 2,
    };
    let cut = match cut.rfind(' ') {
        Some(i) if i > half => &cut[..i],
        _ => &cut[..],
    };
    let cut = match how {
        Clip::Summary => cut.trim_end_matches([',', ';', ':', '.', ' ']),
        Clip::Description => cut.trim_end(),
    };
    format!("{cut}…")
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
