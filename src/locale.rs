//! Locales: BCP 47 language tags found as directory names under
//! `content/`, with their display names and text direction.
//!
//! Invariant: a [`Locale`] tag is canonical (`zh-TW`, `sr-Latn-RS`), and
//! only directory names whose language subtag is a known ISO 639 code are
//! locales, so `images/` or `includes/` are never taken for one.

use unic_langid::LanguageIdentifier;

use crate::config::Direction;

/// A locale of the site.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Locale {
    /// Canonical tag as written in `content/`, e.g. `ja-JP`.
    pub tag: String,
    /// The tag in lower case, used in URLs: `ja-jp`.
    pub slug: String,
    /// The language subtag, e.g. `ja`.
    pub language: String,
    /// Name of the locale in its own language, e.g. `日本語`.
    pub name: String,
    pub dir: Direction,
}

/// Parses a directory name as a locale tag. `None` when it is not a
/// well-formed tag with a known language.
pub fn parse_tag(name: &str) -> Option<LanguageIdentifier> {
    let id: LanguageIdentifier = name.parse().ok()?;
    let lang = id.language.as_str();
    let known = match lang.len() {
        2 => ISO_639_1.split_whitespace().any(|c| c == lang),
        3 => ISO_639_3_COMMON.split_whitespace().any(|c| c == lang),
        _ => false,
    };
    // The canonical form must be what was written, up to case: `ja_JP`
    // is not a tag.
    (known && id.to_string().eq_ignore_ascii_case(name)).then_some(id)
}

impl Locale {
    /// Builds a locale from a directory name that [`parse_tag`] accepted.
    pub fn new(id: &LanguageIdentifier, name: Option<&str>, dir: Option<Direction>) -> Locale {
        let tag = id.to_string();
        let language = id.language.as_str().to_string();
        let dir = dir.unwrap_or_else(|| direction_of(id));
        let name = name.map(str::to_string).unwrap_or_else(|| autonym(id));
        Locale {
            slug: tag.to_ascii_lowercase(),
            tag,
            language,
            name,
            dir,
        }
    }
}

/// Right-to-left for Arabic, Hebrew, Persian, Urdu and the other RTL
/// scripts; a script subtag wins over the language.
pub fn direction_of(id: &LanguageIdentifier) -> Direction {
    if let Some(script) = id.script {
        return match script.as_str() {
            "Arab" | "Hebr" | "Thaa" | "Syrc" | "Nkoo" | "Adlm" | "Rohg" => Direction::Rtl,
            _ => Direction::Ltr,
        };
    }
    match id.language.as_str() {
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" | "syr" | "ks" => {
            Direction::Rtl
        }
        _ => Direction::Ltr,
    }
}

/// The name of a locale in its own language. Regions are named only where
/// the language is written differently per region.
pub fn autonym(id: &LanguageIdentifier) -> String {
    let lang = id.language.as_str();
    let region = id.region.as_ref().map(|r| r.as_str());
    let special = match (lang, region) {
        ("zh", Some("TW" | "HK" | "MO")) => Some("繁體中文"),
        ("zh", _) if id.script.as_ref().map(|s| s.as_str()) == Some("Hant") => Some("繁體中文"),
        ("zh", _) => Some("简体中文"),
        ("pt", Some("BR")) => Some("Português (Brasil)"),
        ("pt", Some("PT")) => Some("Português (Portugal)"),
        ("en", Some("GB")) => Some("English (UK)"),
        ("es", Some("MX")) => Some("Español (México)"),
        ("fr", Some("CA")) => Some("Français (Canada)"),
        _ => None,
    };
    if let Some(name) = special {
        return name.to_string();
    }
    AUTONYMS
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|(_, name)| name.to_string())
        .unwrap_or_else(|| id.to_string())
}

const AUTONYMS: &[(&str, &str)] = &[
    ("af", "Afrikaans"),
    ("am", "አማርኛ"),
    ("ar", "العربية"),
    ("az", "Azərbaycan"),
    ("be", "Беларуская"),
    ("bg", "Български"),
    ("bn", "বাংলা"),
    ("bs", "Bosanski"),
    ("ca", "Català"),
    ("cs", "Čeština"),
    ("cy", "Cymraeg"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("et", "Eesti"),
    ("eu", "Euskara"),
    ("fa", "فارسی"),
    ("fi", "Suomi"),
    ("fil", "Filipino"),
    ("fr", "Français"),
    ("ga", "Gaeilge"),
    ("gl", "Galego"),
    ("gu", "ગુજરાતી"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hr", "Hrvatski"),
    ("hu", "Magyar"),
    ("hy", "Հայերեն"),
    ("id", "Bahasa Indonesia"),
    ("is", "Íslenska"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ka", "ქართული"),
    ("kk", "Қазақ тілі"),
    ("km", "ខ្មែរ"),
    ("kn", "ಕನ್ನಡ"),
    ("ko", "한국어"),
    ("lt", "Lietuvių"),
    ("lv", "Latviešu"),
    ("mk", "Македонски"),
    ("ml", "മലയാളം"),
    ("mn", "Монгол"),
    ("mr", "मराठी"),
    ("ms", "Bahasa Melayu"),
    ("mt", "Malti"),
    ("nb", "Norsk bokmål"),
    ("ne", "नेपाली"),
    ("nl", "Nederlands"),
    ("nn", "Norsk nynorsk"),
    ("no", "Norsk"),
    ("pa", "ਪੰਜਾਬੀ"),
    ("pl", "Polski"),
    ("ps", "پښتو"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("si", "සිංහල"),
    ("sk", "Slovenčina"),
    ("sl", "Slovenščina"),
    ("sq", "Shqip"),
    ("sr", "Српски"),
    ("sv", "Svenska"),
    ("sw", "Kiswahili"),
    ("ta", "தமிழ்"),
    ("te", "తెలుగు"),
    ("th", "ไทย"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("uz", "Oʻzbek"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
    ("zu", "isiZulu"),
];

/// ISO 639-1 two-letter language codes.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik \
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt \
my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so \
sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Three-letter codes in use for documentation locales (no two-letter code).
const ISO_639_3_COMMON: &str =
    "ast chr ckb fil gsw haw hsb kab kok mai mni nso prs quc sat yue zgh";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for ok in [
            "en-US",
            "ja-JP",
            "zh-TW",
            "ar-SA",
            "sr-Latn-RS",
            "de",
            "fil-PH",
        ] {
            assert!(parse_tag(ok).is_some(), "{ok}");
        }
        for bad in [
            "images", "includes", "media", "docs", "ja_JP", "", "x", "en-US-",
        ] {
            assert!(parse_tag(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn names_and_direction() {
        let ar = Locale::new(&parse_tag("ar-SA").unwrap(), None, None);
        assert_eq!(
            (ar.name.as_str(), ar.dir, ar.slug.as_str()),
            ("العربية", Direction::Rtl, "ar-sa")
        );
        let tw = Locale::new(&parse_tag("zh-TW").unwrap(), None, None);
        assert_eq!((tw.name.as_str(), tw.dir), ("繁體中文", Direction::Ltr));
    }
}
