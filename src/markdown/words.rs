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
///
/// ASCII bytes are classified by a byte table and other characters of the
/// Basic Multilingual Plane by a table built once from the same rules
/// ([`char_class`]), so the common case needs no Unicode property lookup.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let bmp = bmp_classes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = if b < 0x80 {
            i += 1;
            ASCII_CLASSES[usize::from(b)]
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            match bmp.get(c as usize) {
                Some(&k) => k,
                None => char_class(c),
            }
        };
        match class {
            CLASS_CJK => {
                n += 1;
                in_word = false;
            }
            CLASS_WORD => {
                if !in_word {
                    n += 1;
                    in_word = true;
                }
            }
            CLASS_JOINER if in_word => {}
            _ => in_word = false,
        }
    }
    n
}

/// Word-counting classes of a character ([`char_class`]).
const CLASS_OTHER: u8 = 0;
const CLASS_WORD: u8 = 1;
/// An apostrophe or hyphen: part of a word inside one, else a separator.
const CLASS_JOINER: u8 = 2;
const CLASS_CJK: u8 = 3;

/// The rules of [`count_words`] for one character.
fn char_class(c: char) -> u8 {
    if is_cjk(c) {
        CLASS_CJK
    } else if c.is_alphanumeric() || is_mark(c) {
        CLASS_WORD
    } else if c == '\'' || c == '’' || c == '-' {
        CLASS_JOINER
    } else {
        CLASS_OTHER
    }
}

const ASCII_CLASSES: [u8; 128] = {
    let mut t = [CLASS_OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = CLASS_WORD;
        } else if c == b'\'' || c == b'-' {
            t[b] = CLASS_JOINER;
        }
        b += 1;
    }
    t
};

/// [`char_class`] of every character below U+10000 (64 KiB, built once).
fn bmp_classes() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x1_0000u32)
            .map(|u| char::from_u32(u).map_or(CLASS_OTHER, char_class))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word counter before the fast path: the reference for [`count_words`].
    fn count_words_reference(text: &str) -> usize {
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

    #[test]
    fn word_count_fast_path_matches_the_reference_on_mixed_scripts() {
        let samples = [
            "",
            "Hello, world — it's 2024.",
            "well-known rock'n'roll -dash- 'quoted' don’t",
            "日本語のテキストと English words、カタカナ ｶﾀｶﾅ。",
            "Привет мир, ёлка-палка",
            "Ελληνικά κείμενα και αριθμοί ٣٤٥",
            "الدعم الفني للعملاء مُحَمَّد",
            "עברית עם ניקוד: שָׁלוֹם",
            "हिन्दी भाषा और देवनागरी",
            "ภาษาไทย ไม่มีช่องว่าง",
            "한국어 텍스트 입니다",
            "Ünïcödé façade naïve café Straße ǅ",
            "emoji 🎉 party 🇯🇵 and 𠀋𡈽 𝒳𝒴 ＡＢＣ１２３",
            "tabs\tand\nnew lines\r\n e\u{301}t\u{e9} vs\u{fe0f}",
            "mixed日本english中文русский-текст'x",
        ];
        for s in samples {
            assert_eq!(count_words(s), count_words_reference(s), "{s:?}");
        }
        // Every character, next to letters and spaces.
        let mut all = String::new();
        for u in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(u) {
                all.push(c);
                if u % 3 == 0 {
                    all.push('a');
                }
                if u % 5 == 0 {
                    all.push(' ');
                }
            }
        }
        assert_eq!(count_words(&all), count_words_reference(&all));
        for chunk in all.as_bytes().chunks(4096) {
            let s = String::from_utf8_lossy(chunk);
            assert_eq!(count_words(&s), count_words_reference(&s));
        }
    }
}
