# stele's UI strings: the text of the theme itself, not of articles.
# A site overrides any of them per key with its own `locales/<tag>.ftl`.
# Every id used by the default theme must exist here (tested).

## Page chrome

skip-to-content = Skip to content
site-navigation = Articles
breadcrumb = Breadcrumb
home = Home
pager = Previous and next page
previous-page = Previous
next-page = Next
menu = Menu
on-this-page = On this page
available-in = Available in
last-updated = Last updated
all-articles = All articles
no-articles = This language has no articles yet.

## Site root and 404

choose-language = Choose your language
not-found-title = Page not found
not-found-text = There is no page at this address. It may have moved, or it may not exist in this language.
not-found-home = Go to the start page

## Translation notices

mt-notice = This article was translated by machine and may contain errors.
# $language: the name of the default locale, e.g. "English"
mt-notice-link = Read the original in { $language }
# $language: this page's language; $source: the language of the text shown
fallback-notice = This article is not yet translated into { $language }. You are reading the original in { $source }.
stale-notice = The original of this article has changed since it was translated.
# $date: when the original changed
stale-notice-date = The original of this article changed on { $date }, after it was translated.
stale-notice-link = Read the current original

## Side-by-side preview (stele serve)

sxs-toggle = Side by side
# $language: the language of the column
sxs-source = Original ({ $language })
sxs-translation = Translation ({ $language })
sxs-missing-anchor = This anchor is missing in the translation
sxs-show-originals = Show machine-translation originals

## Language names, in this file's language (used in notices).
## Looked up as `language-<tag>`, then `language-<language>`;
## a language without a name here is shown by its own name.

language-en = English
language-ja = Japanese
language-de = German
language-ar = Arabic
language-zh = Chinese
language-zh-TW = Chinese (Traditional)
language-ru = Russian
language-it = Italian
language-sv = Swedish

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution
zone-choose = Choose an option
moniker-choose = Version
video-title = Video
image-lightbox = Open the full-size image
image-description = Description
shortcode-tabs = Tabs
shortcode-details = Details
