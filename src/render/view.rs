//! View structs: what templates see (never the model types).

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------
// View structs: what templates see.

#[derive(Serialize, Hash)]
pub(super) struct SiteView {
    pub(super) title: String,
    /// URL path prefix (`/docs`) or empty.
    pub(super) base_path: String,
    /// URL of the theme's assets folder.
    pub(super) assets: String,
    /// Built by `stele serve`.
    pub(super) serve: bool,
}

#[derive(Serialize, Hash, Default)]
pub(super) struct PageView<'a> {
    /// `article`, `fallback`, `locale-index`, `root`, `not-found`.
    pub(super) kind: &'static str,
    pub(super) lang: String,
    pub(super) dir: &'static str,
    pub(super) title: String,
    pub(super) description: Option<String>,
    pub(super) canonical: Option<String>,
    pub(super) alternates: Vec<AlternateView>,
    /// The language switcher.
    pub(super) languages: Vec<LanguageView>,
    /// The locale's start page.
    pub(super) home: String,
    /// The sidebar, rendered by `nav.html` (the current page marked).
    pub(super) nav: Nav,
    pub(super) breadcrumb: Vec<Crumb>,
    /// Previous and next article in the reading order of the page's TOC.
    pub(super) prev: Option<PagerLink>,
    pub(super) next: Option<PagerLink>,
    pub(super) toc: Vec<TocItem>,
    /// The article's HTML.
    pub(super) content: Html<'a>,
    /// Language of the content when it differs from the page's (fallback pages).
    pub(super) content_lang: Option<String>,
    pub(super) content_dir: Option<&'static str>,
    pub(super) updated: Option<DateView>,
    pub(super) notices: Vec<NoticeView>,
    pub(super) sxs: Option<SxsView<'a>>,
    /// Locale index: every article of the locale.
    pub(super) index: Vec<NavItem>,
    /// Root and 404: every locale's start page.
    pub(super) locales: Vec<LocaleLink>,
    /// Root: the locales as JSON for the language redirect.
    pub(super) script_locales: String,
}

#[derive(Serialize, Hash)]
pub(super) struct PagerLink {
    pub(super) title: String,
    pub(super) href: String,
}

#[derive(Serialize, Hash)]
pub(super) struct AlternateView {
    pub(super) hreflang: String,
    pub(super) href: String,
}

#[derive(Serialize, Hash)]
pub(super) struct LanguageView {
    pub(super) tag: String,
    pub(super) name: String,
    pub(super) href: String,
    pub(super) current: bool,
}

#[derive(Serialize, Hash, Clone)]
pub(super) struct NavItem {
    pub(super) title: String,
    pub(super) href: Option<String>,
    pub(super) current: bool,
    pub(super) folder: bool,
    pub(super) expanded: bool,
    /// Language of the linked page's content when it is not the locale's.
    pub(super) lang: Option<String>,
    pub(super) children: Vec<NavItem>,
}

#[derive(Serialize, Hash)]
pub(super) struct Crumb {
    pub(super) title: String,
    pub(super) href: Option<String>,
}

#[derive(Serialize, Hash)]
pub(super) struct TocItem {
    pub(super) id: String,
    pub(super) text: String,
    pub(super) children: Vec<TocItem>,
}

#[derive(Serialize, Hash)]
pub(super) struct DateView {
    pub(super) iso: String,
    pub(super) text: String,
}

#[derive(Serialize, Hash)]
pub(super) struct NoticeView {
    pub(super) class: &'static str,
    /// Escaped text with links and `<time>` elements.
    pub(super) html: String,
}

#[derive(Serialize, Hash)]
pub(super) struct LocaleLink {
    pub(super) tag: String,
    pub(super) name: String,
    pub(super) href: String,
    pub(super) dir: &'static str,
}
