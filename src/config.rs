//! `stele.toml`: the site's configuration, merged with command-line
//! overrides. A missing file is the zero configuration; a broken one is an
//! `Err` (exit code 2), never a guess.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::diagnostic::{Code, Severity};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "stele.toml";

/// Text direction of a locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// What to do for an article missing in a locale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MissingTranslations {
    /// No page in the locale (the default).
    #[default]
    Omit,
    /// A page in the locale with the default locale's content and a banner.
    Fallback,
}

/// Per-locale settings under `[locales.<tag>]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleConfig {
    /// Display name, e.g. `日本語`.
    pub name: Option<String>,
    /// Text direction; derived from the language when absent.
    pub dir: Option<Direction>,
}

/// A DocFX-style docset: a content folder published under a URL base.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docset {
    /// Folder relative to the locale directory, e.g. `SecurityCompliance`.
    pub folder: String,
    /// URL base of that folder, e.g. `/Office365/SecurityCompliance/`.
    pub url: String,
    /// Match site-absolute links case-insensitively (as DocFX does).
    #[serde(default)]
    pub case_insensitive: bool,
}

/// A level set for a diagnostic code under `[check.levels]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// `[check]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    #[serde(default)]
    pub docsets: Vec<Docset>,
    /// Site-absolute prefixes published elsewhere; links under them are skipped.
    #[serde(default)]
    pub external_prefixes: Vec<String>,
    /// Level per diagnostic code, e.g. `fallback-link = "off"` (an unknown
    /// code is an error when the file is read).
    #[serde(default)]
    pub levels: BTreeMap<Code, Level>,
    /// Largest difference in heading count between a source and its
    /// translation before `heading-count` fires.
    #[serde(default = "default_heading_tolerance")]
    pub heading_tolerance: usize,
    /// `[check.external]`: how `stele check --external` fetches links.
    #[serde(default)]
    pub external: ExternalConfig,
}

/// `[check.external]`: settings of `stele check --external`. Durations
/// are strings with a unit: `"500ms"`, `"10s"`, `"5m"`, `"24h"`, `"7d"`.
///
/// ```toml
/// [check.external]
/// timeout = "10s"          # per request, connection to last byte of the headers
/// retries = 2              # extra attempts after timeouts, connection errors, 429 and 5xx
/// backoff = "500ms"        # first wait between attempts; doubles each time
/// max_retry_after = "60s"  # longest `Retry-After` honoured; longer is reported
/// max_per_host = 4         # requests in flight to one host at once
/// max_concurrency = 16     # requests in flight in total
/// max_redirects = 10
/// cache_ttl = "24h"        # successful results are reused this long; "0s" disables the cache
/// cache = ".stele/cache/external.json"   # relative to the site root
/// accept = [403]           # status codes counted as working besides 2xx
/// exclude = ["https://internal.example.com/"]  # URL prefixes never fetched
/// user_agent = "stele-link-check"
/// ```
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExternalConfig {
    #[serde(deserialize_with = "de_duration")]
    pub timeout: Duration,
    pub retries: u32,
    #[serde(deserialize_with = "de_duration")]
    pub backoff: Duration,
    #[serde(deserialize_with = "de_duration")]
    pub max_retry_after: Duration,
    pub max_per_host: usize,
    pub max_concurrency: usize,
    pub max_redirects: u32,
    #[serde(deserialize_with = "de_duration")]
    pub cache_ttl: Duration,
    /// Path of the cache file, relative to the site root.
    pub cache: PathBuf,
    pub accept: Vec<u16>,
    pub exclude: Vec<String>,
    pub user_agent: String,
}

impl Default for ExternalConfig {
    fn default() -> Self {
        ExternalConfig {
            timeout: Duration::from_secs(10),
            retries: 2,
            backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(60),
            max_per_host: 4,
            max_concurrency: 16,
            max_redirects: 10,
            cache_ttl: Duration::from_secs(24 * 60 * 60),
            cache: PathBuf::from(".stele/cache/external.json"),
            accept: Vec::new(),
            exclude: Vec::new(),
            user_agent: concat!("stele/", env!("CARGO_PKG_VERSION"), " (link check)").to_string(),
        }
    }
}

/// Parses `"500ms"`, `"10s"`, `"5m"`, `"24h"`, `"7d"`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = t.split_at(split);
    let n: u64 = n.parse().ok()?;
    let ms = match unit.trim() {
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return None,
    };
    Some(Duration::from_millis(n.checked_mul(ms)?))
}

fn de_duration<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    let s = String::deserialize(d)?;
    parse_duration(&s).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "invalid duration `{s}`; write a number and a unit: `500ms`, `10s`, `5m`, `24h`, `7d`"
        ))
    })
}

fn default_heading_tolerance() -> usize {
    2
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            docsets: Vec::new(),
            external_prefixes: Vec::new(),
            levels: BTreeMap::new(),
            heading_tolerance: default_heading_tolerance(),
            external: ExternalConfig::default(),
        }
    }
}

/// How heading ids are made from the heading text (`heading_ids`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIds {
    /// GitHub's: lower case; letters, combining marks and numbers of every
    /// script, `_` and `-` kept; spaces to `-`; repeats get `-1`, `-2`.
    #[default]
    Github,
    /// Hugo's (Goldmark's `autoHeadingIDType = "github"`): as GitHub's, but
    /// only letters and decimal digits are kept (no combining marks, so
    /// `हिन्दी` is `हनद`), and an empty id is `heading`.
    Hugo,
}

/// One entry of the `redirects` list.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// Source path of the moved article relative to the locale directory
    /// (`guide/old.md`) or a site-absolute URL path.
    pub from: String,
    /// Where it went: a path relative to the locale directory, a site path or a URL.
    pub to: String,
}

/// The parsed `stele.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub default_locale: Option<String>,
    /// The locale translations are made from, when it is not under
    /// `content/` (a site of translations only, e.g. `en-US`).
    pub source_locale: Option<String>,
    /// Where the source of a translations-only site is published
    /// (`https://learn.microsoft.com/en-us/`): target of `x-default`.
    pub source_base_url: Option<String>,
    pub theme: Option<String>,
    pub output_dir: Option<PathBuf>,
    pub translation_keys: Option<Vec<String>>,
    /// How heading ids are made; by the content when absent.
    pub heading_ids: Option<HeadingIds>,
    #[serde(default)]
    pub locales: BTreeMap<String, LocaleConfig>,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub redirects: Vec<Redirect>,
    #[serde(default)]
    pub missing_translations: MissingTranslations,
    #[serde(default)]
    pub status_page: bool,
    /// Site parameters for Hugo's `param` shortcode.
    #[serde(default)]
    pub params: toml::Table,
    #[serde(default)]
    pub limits: crate::limits::Limits,
    /// Full-text search (Pagefind index and the header's search box); off unless `true`.
    pub search: Option<bool>,
    /// Build-time highlighting of fenced code; on unless `false`.
    pub highlight: Option<bool>,
    /// "Edit this page" link: a URL with `{path}`, the article's path under `content/`.
    pub edit_url: Option<String>,
}

/// Everything a build needs to know, resolved: the site root is absolute,
/// defaults are filled in.
#[derive(Clone, Debug)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    /// Without a trailing slash; empty for root-relative sites.
    pub base_url: String,
    /// As configured; the site stage picks one when absent.
    pub default_locale: Option<String>,
    /// The source locale as configured (`source_locale`); it may lie
    /// outside `content/`.
    pub source_locale: Option<String>,
    /// Where that source is published, with a trailing slash.
    pub source_base_url: Option<String>,
    pub theme: String,
    pub output_dir: PathBuf,
    pub translation_keys: Vec<String>,
    /// As configured; the pipeline picks one by the content when absent.
    pub heading_ids: Option<HeadingIds>,
    pub locales: BTreeMap<String, LocaleConfig>,
    /// Only these locales are built (plus the default locale); empty means all.
    pub only_locales: Vec<String>,
    pub check: CheckConfig,
    pub redirects: Vec<Redirect>,
    pub missing_translations: MissingTranslations,
    pub status_page: bool,
    /// `[params]`, for Hugo's `param` shortcode.
    pub params: serde_json::Map<String, serde_json::Value>,
    pub limits: crate::limits::Limits,
    /// Whether `build` writes a search index and pages show the search box.
    pub search: Search,
    /// Whether fenced code is highlighted at build time.
    pub highlight: Highlight,
    /// `edit_url` of stele.toml, e.g. `https://github.com/org/repo/edit/main/{path}`.
    pub edit_url: Option<String>,
}

/// Whether fenced code of known languages is highlighted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Highlight {
    #[default]
    On,
    Off,
}

/// Whether the site has full-text search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Search {
    On,
    Off,
}

/// The frontmatter keys that carry the asset id unless configured.
pub const DEFAULT_TRANSLATION_KEYS: &[&str] = &[
    "ms.assetid",
    "asset_id",
    "translation_key",
    "translationKey",
];

/// Command-line values that override `stele.toml`.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    pub locales: Vec<String>,
}

impl Config {
    /// Reads `<root>/stele.toml` when present and applies `overrides`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let root = std::fs::canonicalize(root)
            .with_context(|| format!("cannot open the site directory `{}`", root.display()))?;
        if !root.is_dir() {
            bail!("`{}` is not a directory", root.display());
        }
        let path = root.join(CONFIG_FILE);
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text)
                .with_context(|| format!("invalid configuration in `{}`", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::parse("")?,
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read `{}`", path.display()));
            }
        };
        Self::from_file(root, file, overrides)
    }

    /// Parses the text of a `stele.toml`.
    pub fn parse(text: &str) -> Result<FileConfig> {
        let file: FileConfig = toml::from_str(text)?;
        let external = &file.check.external;
        if external.max_per_host == 0 || external.max_concurrency == 0 {
            bail!(
                "`max_per_host` and `max_concurrency` under `[check.external]` must be at least 1"
            );
        }
        if let Some(tag) = &file.source_locale {
            if tag.parse::<unic_langid::LanguageIdentifier>().is_err() {
                bail!("`source_locale = \"{tag}\"` is not a BCP 47 language tag");
            }
        }
        if let Some(url) = &file.source_base_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                bail!("`source_base_url = \"{url}\"` must be an absolute http(s) URL");
            }
            if file.source_locale.is_none() {
                bail!("`source_base_url` needs `source_locale`, the locale published there");
            }
        }
        Ok(file)
    }

    /// Resolves a parsed file against a site root.
    pub fn from_file(root: PathBuf, file: FileConfig, overrides: &Overrides) -> Result<Config> {
        let output_dir = overrides
            .output_dir
            .clone()
            .or(file.output_dir)
            .unwrap_or_else(|| PathBuf::from("public"));
        let output_dir = if output_dir.is_absolute() {
            output_dir
        } else {
            root.join(output_dir)
        };
        let base_url = overrides
            .base_url
            .clone()
            .or(file.base_url)
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string();
        let title = file.title.unwrap_or_else(|| {
            root.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "Documentation".into())
        });
        Ok(Config {
            title,
            base_url,
            default_locale: file.default_locale,
            source_locale: file.source_locale,
            source_base_url: file.source_base_url.map(|u| {
                let u = u.trim_end_matches('/');
                format!("{u}/")
            }),
            theme: file.theme.unwrap_or_else(|| "default".into()),
            output_dir,
            translation_keys: file.translation_keys.unwrap_or_else(|| {
                DEFAULT_TRANSLATION_KEYS
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            }),
            heading_ids: file.heading_ids,
            locales: file.locales,
            only_locales: overrides.locales.clone(),
            check: file.check,
            redirects: file.redirects,
            missing_translations: file.missing_translations,
            status_page: file.status_page,
            params: match serde_json::to_value(&file.params) {
                Ok(serde_json::Value::Object(m)) => m,
                _ => serde_json::Map::new(),
            },
            limits: file.limits,
            // Opt-in: Pagefind's indexing costs several times the rest of a
            // build (docs/PERFORMANCE.md), too much to spring on a large site.
            search: if file.search == Some(true) {
                Search::On
            } else {
                Search::Off
            },
            edit_url: file.edit_url,
            highlight: if file.highlight == Some(false) {
                Highlight::Off
            } else {
                Highlight::On
            },
            root,
        })
    }

    /// A configuration for `root` as if it had no `stele.toml` (for tests of
    /// the pure stages).
    pub fn zero(root: impl Into<PathBuf>) -> Config {
        let file = Self::parse("").expect("the empty configuration parses");
        Self::from_file(root.into(), file, &Overrides::default())
            .expect("the empty configuration resolves")
    }

    /// The severity configured for `code`; `None` when it is off.
    pub fn level(&self, code: Code) -> Option<Severity> {
        match self.check.levels.get(&code) {
            Some(Level::Off) => None,
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            None => Some(code.default_severity()),
        }
    }

    /// The content directory.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors() {
        assert!(Config::parse("titel = 'x'").is_err());
        assert!(Config::parse("[check.levels]\nbroken-lnk = 'off'").is_err());
    }

    #[test]
    fn levels_apply() {
        let mut c = Config::zero("/tmp/site");
        c.check.levels.insert(Code::FallbackLink, Level::Off);
        c.check.levels.insert(Code::BrokenAnchor, Level::Warning);
        assert_eq!(c.level(Code::FallbackLink), None);
        assert_eq!(c.level(Code::BrokenAnchor), Some(Severity::Warning));
        assert_eq!(c.level(Code::BrokenLink), Some(Severity::Error));
    }

    #[test]
    fn external_defaults_and_durations() {
        let f = Config::parse("").unwrap();
        assert_eq!(f.check.external.timeout, Duration::from_secs(10));
        assert_eq!(f.check.external.max_per_host, 4);
        let f = Config::parse(
            "[check.external]\ntimeout = '250ms'\ncache_ttl = '7d'\nretries = 0\naccept = [403]\nexclude = ['https://x.org/']\n",
        )
        .unwrap();
        let e = &f.check.external;
        assert_eq!(e.timeout, Duration::from_millis(250));
        assert_eq!(e.cache_ttl, Duration::from_secs(7 * 86_400));
        assert_eq!(
            (e.retries, e.accept.as_slice(), e.exclude.len()),
            (0, &[403][..], 1)
        );
        assert_eq!(
            e.backoff,
            Duration::from_millis(500),
            "unset keys keep their defaults"
        );
        assert!(Config::parse("[check.external]\ntimeout = '10'").is_err());
        assert!(Config::parse("[check.external]\ntimout = '10s'").is_err());
        assert!(Config::parse("[check.external]\nmax_per_host = 0").is_err());
        assert_eq!(parse_duration("5m"), Some(Duration::from_secs(300)));
        assert_eq!(parse_duration("ms"), None);
    }

    #[test]
    fn source_locale_keys() {
        let f = Config::parse(
            "source_locale = 'en-US'\nsource_base_url = 'https://learn.microsoft.com/en-us'\n",
        )
        .unwrap();
        let c = Config::from_file("/s".into(), f, &Overrides::default()).unwrap();
        assert_eq!(c.source_locale.as_deref(), Some("en-US"));
        assert_eq!(
            c.source_base_url.as_deref(),
            Some("https://learn.microsoft.com/en-us/")
        );
        assert!(Config::parse("source_locale = 'not a tag'").is_err());
        assert!(Config::parse("source_base_url = 'https://x.org/'").is_err());
        assert!(Config::parse("source_locale = 'en'\nsource_base_url = '/en/'").is_err());
    }

    #[test]
    fn docsets_parse() {
        let f = Config::parse(
            "[check]\nexternal_prefixes = ['/powershell/']\n[[check.docsets]]\nfolder = 'SecurityCompliance'\nurl = '/Office365/SecurityCompliance/'\ncase_insensitive = true\n",
        )
        .unwrap();
        assert_eq!(f.check.docsets.len(), 1);
        assert!(f.check.docsets[0].case_insensitive);
    }
}
