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
    ("de-DE", include_str!("../../locales/de-DE.ftl")),
    ("en-US", include_str!("../../locales/en-US.ftl")),
    ("it-IT", include_str!("../../locales/it-IT.ftl")),
    ("ja-JP", include_str!("../../locales/ja-JP.ftl")),
    ("ru-RU", include_str!("../../locales/ru-RU.ftl")),
    ("sv-SE", include_str!("../../locales/sv-SE.ftl")),
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
    pub fn language_name(&self, locale: &Locale) -> String {
        self.message(&format!("language-{}", locale.tag), &[])
            .or_else(|| self.message(&format!("language-{}", locale.language), &[]))
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

    #[test]
    fn embedded_files_cover_every_id_of_en_us() {
        let ui = ui();
        let ids = ui.fallback_ids();
        assert!(ids.contains("on-this-page"));
        for s in &ui.strings {
            let missing: Vec<_> = ids.difference(&s.ids).collect();
            let unknown: Vec<_> = s.ids.difference(&ids).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", s.id);
            assert!(
                unknown.is_empty(),
                "{} has ids en-US lacks: {unknown:?}",
                s.id
            );
        }
    }

    #[test]
    fn negotiation_and_fallback() {
        let ui = ui();
        assert_eq!(ui.locale("ja-JP").text("on-this-page"), "このページの内容");
        // Same language, other region.
        assert_eq!(ui.locale("de-AT").text("on-this-page"), "Auf dieser Seite");
        assert_eq!(ui.locale("ja").text("home"), "ホーム");
        // Simplified Chinese must not get Traditional strings.
        assert_eq!(ui.locale("zh-CN").text("on-this-page"), "On this page");
        assert_eq!(ui.locale("zh-TW").text("on-this-page"), "本頁內容");
        assert_eq!(ui.locale("fr-FR").text("on-this-page"), "On this page");
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
