//! UI strings: the text of the theme itself ("On this page", notices,
//! language names), from Fluent files `locales/<tag>.ftl`. stele embeds its
//! own files; a site's `locales/<tag>.ftl` overrides them per message id.
//! Also localized dates (ICU4X), since Fluent has no `DATETIME()`.
//!
//! Invariants: pure; a site locale is served by the FTL locales that
//! fluent-langneg negotiates for it (likely subtags, so `zh-CN` never gets
//! `zh-TW`'s strings), then en-US, message by message; a message missing
//! everywhere is shown as its id, never a panic. Broken FTL is an
//! `invalid-ui-strings` diagnostic; the valid messages of the file still count.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use icu::calendar::Gregorian;
use icu::datetime::FixedCalendarDateTimeFormatter;
use icu::datetime::fieldsets::YMD;
use icu::datetime::input::Date as IcuDate;
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Code, Diagnostic, LineIndex};
use crate::locale::Locale;
use crate::read::frontmatter::Date;

/// The locale every other falls back to; its file must hold every id.
pub const FALLBACK: &str = "en-US";

/// stele's own UI strings, embedded at compile time: (tag, text).
const EMBEDDED: &[(&str, &str)] = &[
    ("ar-SA", include_str!("../../locales/ar-SA.ftl")),
    ("cs-CZ", include_str!("../../locales/cs-CZ.ftl")),
    ("da-DK", include_str!("../../locales/da-DK.ftl")),
    ("de-DE", include_str!("../../locales/de-DE.ftl")),
    ("en-US", include_str!("../../locales/en-US.ftl")),
    ("es-ES", include_str!("../../locales/es-ES.ftl")),
    ("fi-FI", include_str!("../../locales/fi-FI.ftl")),
    ("fr-FR", include_str!("../../locales/fr-FR.ftl")),
    ("he-IL", include_str!("../../locales/he-IL.ftl")),
    ("hi-IN", include_str!("../../locales/hi-IN.ftl")),
    ("hu-HU", include_str!("../../locales/hu-HU.ftl")),
    ("id-ID", include_str!("../../locales/id-ID.ftl")),
    ("it-IT", include_str!("../../locales/it-IT.ftl")),
    ("ja-JP", include_str!("../../locales/ja-JP.ftl")),
    ("ko-KR", include_str!("../../locales/ko-KR.ftl")),
    ("nb-NO", include_str!("../../locales/nb-NO.ftl")),
    ("nl-NL", include_str!("../../locales/nl-NL.ftl")),
    ("pl-PL", include_str!("../../locales/pl-PL.ftl")),
    ("pt-BR", include_str!("../../locales/pt-BR.ftl")),
    ("ru-RU", include_str!("../../locales/ru-RU.ftl")),
    ("sv-SE", include_str!("../../locales/sv-SE.ftl")),
    ("th-TH", include_str!("../../locales/th-TH.ftl")),
    ("tr-TR", include_str!("../../locales/tr-TR.ftl")),
    ("uk-UA", include_str!("../../locales/uk-UA.ftl")),
    ("vi-VN", include_str!("../../locales/vi-VN.ftl")),
    ("zh-CN", include_str!("../../locales/zh-CN.ftl")),
    ("zh-TW", include_str!("../../locales/zh-TW.ftl")),
];

/// The UI strings of one FTL locale.
struct Strings {
    id: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
    /// Message ids with a value.
    ids: BTreeSet<String>,
}

/// Every FTL locale's strings, read-only after [`Ui::from_sources`].
pub struct Ui {
    /// Sorted by tag.
    strings: Vec<Strings>,
}

impl Ui {
    /// stele's embedded files as (tag, file name, text).
    pub fn embedded_sources() -> Vec<(String, String, String)> {
        EMBEDDED
            .iter()
            .map(|(tag, text)| {
                (
                    tag.to_string(),
                    format!("<stele>/locales/{tag}.ftl"),
                    text.to_string(),
                )
            })
            .collect()
    }

    /// Builds the strings from (tag, file name, text) sources; later
    /// sources override earlier ones message by message.
    pub fn from_sources(sources: &[(String, String, String)]) -> (Ui, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut by_tag: BTreeMap<String, Strings> = BTreeMap::new();
        for (tag, file, text) in sources {
            let id: LanguageIdentifier = match crate::locale::parse_tag(tag) {
                Some(id) => id,
                None => {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidUiStrings,
                            file.clone(),
                            format!("`{tag}` is not a language tag, so `{file}` names no locale"),
                        )
                        .with_hint("name UI-string files after a locale, e.g. `locales/ja-JP.ftl`"),
                    );
                    continue;
                }
            };
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    let idx = LineIndex::new(text);
                    for e in errors {
                        // An error at the end of the file is reported where its entry starts.
                        let at_end = e.pos.start >= text.trim_end().len();
                        let range = match &e.slice {
                            Some(slice) if at_end => slice.start..slice.start,
                            _ => e.pos.clone(),
                        };
                        let span = idx.span(text, range);
                        diags.push(
                            Diagnostic::new(
                                Code::InvalidUiStrings,
                                file.clone(),
                                format!("invalid Fluent syntax: {}", lowercase_first(&e.kind.to_string())),
                            )
                            .with_span(span)
                            .with_hint("write messages as `message-id = Text`; see https://projectfluent.org/fluent/guide/")
                            .with_locale(tag.clone()),
                        );
                    }
                    r
                }
            };
            let key = id.to_string();
            let strings = by_tag.entry(key).or_insert_with(|| {
                let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
                // Values are inserted into HTML by stele, which escapes them;
                // bidi isolation marks would only end up as invisible text.
                bundle.set_use_isolating(false);
                Strings {
                    id: id.clone(),
                    bundle,
                    ids: BTreeSet::new(),
                }
            });
            for entry in resource.entries() {
                if let ast::Entry::Message(m) = entry {
                    if m.value.is_some() {
                        strings.ids.insert(m.id.name.to_string());
                    }
                }
            }
            strings.bundle.add_resource_overriding(resource);
        }
        (
            Ui {
                strings: by_tag.into_values().collect(),
            },
            diags,
        )
    }

    /// The strings for a site locale: the negotiated FTL locales, then en-US.
    pub fn locale(&self, tag: &str) -> LocaleUi<'_> {
        let requested: Vec<LanguageIdentifier> = tag.parse().into_iter().collect();
        let available: Vec<LanguageIdentifier> =
            self.strings.iter().map(|s| s.id.clone()).collect();
        let fallback: LanguageIdentifier = FALLBACK.parse().expect("en-US is a language tag");
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&fallback),
            fluent_langneg::NegotiationStrategy::Filtering,
        );
        // Negotiation falls back to any region of the language; a different
        // script (zh-CN is Hans, zh-TW is Hant) is a different written language.
        let script = |id: &LanguageIdentifier| {
            let mut max = id.clone();
            max.maximize();
            max.script
        };
        let wanted = requested.first().map(script);
        let mut chain: Vec<&Strings> = Vec::new();
        for id in chosen {
            if id != &fallback && wanted.is_some_and(|w| w != script(id)) {
                continue;
            }
            if let Some(s) = self.strings.iter().find(|s| &s.id == id) {
                if !chain.iter().any(|c| std::ptr::eq(*c, s)) {
                    chain.push(s);
                }
            }
        }
        let prefs = icu::locale::Locale::try_from_str(tag)
            .or_else(|_| icu::locale::Locale::try_from_str(FALLBACK))
            .map(|l| l.into())
            .ok();
        let dates = prefs.and_then(|p| {
            FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(p, YMD::long()).ok()
        });
        LocaleUi { chain, dates }
    }

    /// The FTL locale that serves a site locale's language when no FTL
    /// locale of that language (and script) exists: `None` when one does.
    /// `pt-PT` is served by `pt-BR` (same language, `None`); `da-DK` without
    /// `da-DK.ftl` by `en-US`; `zh-CN` never by `zh-TW`.
    pub fn foreign_fallback(&self, tag: &str) -> Option<String> {
        let lui = self.locale(tag);
        let requested: LanguageIdentifier = tag.parse().ok()?;
        let first = lui.chain.first().map(|s| &s.id);
        match first {
            Some(id) if id.language == requested.language => None,
            Some(id) => Some(id.to_string()),
            None => Some(FALLBACK.to_string()),
        }
    }

    /// One `missing-ui-strings` warning per site locale whose language has
    /// no UI strings, naming the locale and the fallback used instead.
    pub fn missing_strings(&self, locales: &[Locale]) -> Vec<Diagnostic> {
        locales
            .iter()
            .filter_map(|l| {
                let fallback = self.foreign_fallback(&l.tag)?;
                Some(
                    Diagnostic::new(
                        Code::MissingUiStrings,
                        format!("content/{}", l.tag),
                        format!(
                            "no UI strings for `{}`; the theme's text is shown in `{fallback}`",
                            l.tag
                        ),
                    )
                    .with_hint(format!(
                        "add `locales/{}.ftl` with the message ids of stele's `locales/en-US.ftl`",
                        l.tag
                    ))
                    .with_locale(l.tag.clone()),
                )
            })
            .collect()
    }

    /// Message ids of the fallback locale (every id the theme may use).
    pub fn fallback_ids(&self) -> BTreeSet<String> {
        self.strings
            .iter()
            .find(|s| s.id.to_string() == FALLBACK)
            .map(|s| s.ids.clone())
            .unwrap_or_default()
    }
}

/// The UI strings and date format of one site locale.
pub struct LocaleUi<'u> {
    chain: Vec<&'u Strings>,
    dates: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
}

impl LocaleUi<'_> {
    /// A message formatted with `args`; `None` when no locale of the chain has it.
    pub fn message(&self, id: &str, args: &[(&str, &str)]) -> Option<String> {
        let s = self.chain.iter().find(|s| s.ids.contains(id))?;
        let pattern = s.bundle.get_message(id)?.value()?;
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, *v);
        }
        let mut errors = Vec::new();
        Some(
            s.bundle
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .into_owned(),
        )
    }

    /// A message whose argument `arg` is a number, one form per sample
    /// count, for the browser to pick with `Intl.PluralRules`: (count,
    /// text with the count written as `{count}`). The samples cover every
    /// CLDR plural category of whole numbers (zero, one, two, few, many, other).
    pub fn plural_forms(&self, id: &str, arg: &str) -> Vec<(u64, String)> {
        let Some(s) = self.chain.iter().find(|s| s.ids.contains(id)) else {
            return Vec::new();
        };
        let Some(pattern) = s.bundle.get_message(id).and_then(|m| m.value()) else {
            return Vec::new();
        };
        let mut out: Vec<(u64, String)> = Vec::new();
        for n in [0u64, 1, 2, 3, 11, 100, 1_000_000] {
            let mut fargs = FluentArgs::new();
            fargs.set(arg, n);
            let mut errors = Vec::new();
            let text = s.bundle.format_pattern(pattern, Some(&fargs), &mut errors);
            out.push((n, text.replace(&n.to_string(), "{count}")));
        }
        out
    }

    /// A message, or its id when it exists nowhere.
    pub fn text(&self, id: &str) -> String {
        self.message(id, &[]).unwrap_or_else(|| id.to_string())
    }

    /// A message as HTML: the text is escaped and each argument is inserted
    /// as the HTML fragment given (a link, a `<time>`).
    pub fn html(&self, id: &str, args: &[(&str, String)]) -> String {
        // Private-use characters stand in for the fragments while Fluent formats.
        let marks: Vec<String> = (0..args.len())
            .map(|i| {
                char::from_u32(0xE000 + i as u32)
                    .unwrap_or('\u{E000}')
                    .to_string()
            })
            .collect();
        let plain: Vec<(&str, &str)> = args
            .iter()
            .zip(&marks)
            .map(|((k, _), m)| (*k, m.as_str()))
            .collect();
        let text = self.message(id, &plain).unwrap_or_else(|| id.to_string());
        let mut out = crate::html::escape(&text);
        for ((_, fragment), mark) in args.iter().zip(&marks) {
            out = out.replace(mark.as_str(), fragment);
        }
        out
    }

    /// Every message that needs no arguments, by id (for templates).
    pub fn all(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for s in self.chain.iter().rev() {
            for id in &s.ids {
                let Some(pattern) = s.bundle.get_message(id).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let text = s.bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    out.insert(id.clone(), text.into_owned());
                } else {
                    out.remove(id);
                }
            }
        }
        out
    }

    /// The name of a locale's language in this locale's language
    /// (`language-<tag>`, then `language-<language>`), else its autonym.
    /// Names come from the first locale of the chain only: a German page
    /// shows `Suomi`, not en-US's `Finnish`, for a language German lacks.
    pub fn language_name(&self, locale: &Locale) -> String {
        let own = LocaleUi {
            chain: self.chain.iter().take(1).copied().collect(),
            dates: None,
        };
        own.message(&format!("language-{}", locale.tag), &[])
            .or_else(|| own.message(&format!("language-{}", locale.language), &[]))
            .unwrap_or_else(|| locale.name.clone())
    }

    /// A date written out in this locale (Gregorian calendar, long form:
    /// `May 2, 2016`, `2016年5月2日`); ISO 8601 if ICU4X cannot.
    pub fn date(&self, date: Date) -> String {
        let Some(f) = &self.dates else {
            return date.iso();
        };
        match IcuDate::try_new_gregorian(date.year, date.month, date.day) {
            Ok(d) => f.format(&d).to_string(),
            Err(_) => date.iso(),
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::parse_tag;

    fn ui() -> Ui {
        let (ui, diags) = Ui::from_sources(&Ui::embedded_sources());
        assert!(diags.is_empty(), "{diags:?}");
        ui
    }

    /// The locales stele ships UI strings for (issue 11): en-US and 26 more.
    const SHIPPED: &[&str] = &[
        "ar-SA", "cs-CZ", "da-DK", "de-DE", "en-US", "es-ES", "fi-FI", "fr-FR", "he-IL", "hi-IN",
        "hu-HU", "id-ID", "it-IT", "ja-JP", "ko-KR", "nb-NO", "nl-NL", "pl-PL", "pt-BR", "ru-RU",
        "sv-SE", "th-TH", "tr-TR", "uk-UA", "vi-VN", "zh-CN", "zh-TW",
    ];

    #[test]
    fn embedded_files_cover_every_id_of_en_us() {
        let ui = ui();
        let tags: Vec<String> = ui.strings.iter().map(|s| s.id.to_string()).collect();
        assert_eq!(tags, SHIPPED, "every shipped locale is embedded");
        let ids = ui.fallback_ids();
        assert!(ids.contains("on-this-page"));
        assert!(ids.contains("search-results"));
        // Language names are optional (a language without one is shown by its
        // autonym); every other id is required, and nothing else is allowed.
        let required = |set: &BTreeSet<String>| -> BTreeSet<String> {
            set.iter()
                .filter(|id| !id.starts_with("language-"))
                .cloned()
                .collect()
        };
        for s in &ui.strings {
            let want = required(&ids);
            let have = required(&s.ids);
            let missing: Vec<_> = want.difference(&have).collect();
            let unknown: Vec<_> = have.difference(&want).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", s.id);
            assert!(
                unknown.is_empty(),
                "{} has ids en-US lacks: {unknown:?}",
                s.id
            );
            // Each file names its own language, and every message formats
            // without errors (arguments given as en-US documents them).
            let own = format!("language-{}", s.id.language);
            assert!(s.ids.contains(&own), "{} lacks {own}", s.id);
            for id in &s.ids {
                let pattern = s.bundle.get_message(id).and_then(|m| m.value()).unwrap();
                let mut args = FluentArgs::new();
                for a in ["language", "source", "date"] {
                    args.set(a, "x");
                }
                args.set("count", 3);
                let mut errors = Vec::new();
                let text = s.bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{} {id}: {errors:?}", s.id);
                assert!(!text.trim().is_empty(), "{} {id} is empty", s.id);
            }
        }
    }

    #[test]
    fn every_shipped_locale_has_its_own_chrome() {
        let ui = ui();
        let en = ui.locale("en-US");
        for tag in SHIPPED.iter().filter(|t| **t != "en-US") {
            let l = ui.locale(tag);
            for id in ["on-this-page", "search-label", "edit-page", "mt-notice"] {
                assert_ne!(l.text(id), en.text(id), "{tag} {id} is English");
            }
            assert_eq!(ui.foreign_fallback(tag), None, "{tag}");
        }
    }

    #[test]
    fn plural_forms_follow_the_locale() {
        let ui = ui();
        let forms = |tag: &str| ui.locale(tag).plural_forms("search-results", "count");
        let en = forms("en-US");
        assert_eq!(en[1], (1, "{count} result".to_string()));
        assert_eq!(en[2], (2, "{count} results".to_string()));
        let ru = forms("ru-RU");
        let ru: Vec<&str> = ru.iter().map(|(_, t)| t.as_str()).collect();
        // 0 many, 1 one, 2 few, 3 few, 11 many
        assert_eq!(
            &ru[..5],
            &[
                "{count} результатов",
                "{count} результат",
                "{count} результата",
                "{count} результата",
                "{count} результатов"
            ]
        );
        let ar = forms("ar-SA");
        assert_eq!(ar[2].1, "نتيجتان");
        assert_eq!(forms("ja-JP")[4].1, "{count} 件の結果");
    }

    #[test]
    fn missing_ui_strings_name_the_fallback() {
        let ui = ui();
        assert_eq!(
            ui.foreign_fallback("pt-PT"),
            None,
            "pt-PT is served by pt-BR"
        );
        assert_eq!(ui.locale("pt-PT").text("home"), "Início");
        assert_eq!(ui.foreign_fallback("de-AT"), None);
        assert_eq!(ui.foreign_fallback("en-GB"), None);
        assert_eq!(ui.foreign_fallback("ro-RO").as_deref(), Some("en-US"));
        assert_eq!(ui.foreign_fallback("zh-HK"), None, "Hant, like zh-TW");
        let locales: Vec<Locale> = ["en-US", "ro-RO", "pt-PT", "sk-SK"]
            .iter()
            .map(|t| Locale::new(&parse_tag(t).unwrap(), None, None))
            .collect();
        let diags = ui.missing_strings(&locales);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags.iter().all(|d| d.code == Code::MissingUiStrings));
        assert_eq!(diags[0].file, "content/ro-RO");
        assert!(diags[0].message.contains("`ro-RO`"), "{}", diags[0].message);
        assert!(diags[0].message.contains("`en-US`"), "{}", diags[0].message);
        // A site's own file for the locale silences it.
        let mut sources = Ui::embedded_sources();
        sources.push((
            "ro-RO".into(),
            "locales/ro-RO.ftl".into(),
            "home = Acasă\n".into(),
        ));
        let (ui, _) = Ui::from_sources(&sources);
        assert_eq!(ui.missing_strings(&locales).len(), 1);
    }

    #[test]
    fn negotiation_and_fallback() {
        let ui = ui();
        assert_eq!(ui.locale("ja-JP").text("on-this-page"), "このページの内容");
        // Same language, other region.
        assert_eq!(ui.locale("de-AT").text("on-this-page"), "Auf dieser Seite");
        assert_eq!(ui.locale("ja").text("home"), "ホーム");
        // Simplified Chinese must not get Traditional strings.
        assert_eq!(ui.locale("zh-CN").text("on-this-page"), "本页内容");
        assert_eq!(ui.locale("zh-TW").text("on-this-page"), "本頁內容");
        assert_eq!(ui.locale("zh-HK").text("on-this-page"), "本頁內容");
        assert_eq!(ui.locale("zh-SG").text("on-this-page"), "本页内容");
        assert_eq!(ui.locale("fr-FR").text("on-this-page"), "Sur cette page");
        assert_eq!(ui.locale("fr-CA").text("on-this-page"), "Sur cette page");
        assert_eq!(ui.locale("ro-RO").text("on-this-page"), "On this page");
        assert_eq!(ui.locale("ja-JP").text("no-such-id"), "no-such-id");
    }

    #[test]
    fn site_overrides_per_key_and_reports_broken_files() {
        let mut sources = Ui::embedded_sources();
        sources.push((
            "ja-JP".into(),
            "locales/ja-JP.ftl".into(),
            "on-this-page = 目次\nbroken = {\n".into(),
        ));
        sources.push(("xx_YY".into(), "locales/xx_YY.ftl".into(), "a = b\n".into()));
        let (ui, diags) = Ui::from_sources(&sources);
        let ja = ui.locale("ja-JP");
        assert_eq!(ja.text("on-this-page"), "目次");
        assert_eq!(ja.text("home"), "ホーム");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags.iter().all(|d| d.code == Code::InvalidUiStrings));
        let broken = diags
            .iter()
            .find(|d| d.file == "locales/ja-JP.ftl")
            .unwrap();
        assert_eq!(broken.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn html_messages_escape_text_and_insert_fragments() {
        let (ui, _) = Ui::from_sources(&[(
            "en-US".into(),
            "x.ftl".into(),
            "m = Read <this> in { $language } & { $link }\n".into(),
        )]);
        let en = ui.locale("en-US");
        assert_eq!(
            en.html(
                "m",
                &[
                    ("language", "English".into()),
                    ("link", "<a href=\"/\">x</a>".into())
                ]
            ),
            "Read &lt;this&gt; in English &amp; <a href=\"/\">x</a>"
        );
        // Messages that need arguments are not offered to templates.
        assert!(!en.all().contains_key("m"));
    }

    #[test]
    fn dates_in_the_locale() {
        let ui = ui();
        let d = Date {
            year: 2016,
            month: 5,
            day: 2,
        };
        assert_eq!(ui.locale("ja-JP").date(d), "2016年5月2日");
        assert_eq!(ui.locale("en-US").date(d), "May 2, 2016");
        assert_eq!(ui.locale("de-DE").date(d), "2. Mai 2016");
    }

    #[test]
    fn language_names() {
        let ui = ui();
        let en = Locale::new(&parse_tag("en-US").unwrap(), None, None);
        let tw = Locale::new(&parse_tag("zh-TW").unwrap(), None, None);
        let fi = Locale::new(&parse_tag("fi-FI").unwrap(), None, None);
        assert_eq!(ui.locale("ja-JP").language_name(&en), "英語");
        assert_eq!(
            ui.locale("en-US").language_name(&tw),
            "Chinese (Traditional)"
        );
        assert_eq!(ui.locale("de-DE").language_name(&fi), "Suomi");
    }
}
