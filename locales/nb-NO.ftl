## Page chrome

skip-to-content = Gå til innhold
site-navigation = Artikler
breadcrumb = Brødsmulesti
home = Startside
menu = Meny
on-this-page = På denne siden
available-in = Tilgjengelig på
last-updated = Sist oppdatert
all-articles = Alle artikler
no-articles = Det finnes ingen artikler på dette språket ennå.

## Site root and 404

choose-language = Velg språk
not-found-title = Finner ikke siden
not-found-text = Det finnes ingen side på denne adressen. Den kan være flyttet, eller den finnes ikke på dette språket.
not-found-home = Gå til startsiden

## Translation notices

mt-notice = Denne artikkelen er maskinoversatt og kan inneholde feil.
mt-notice-link = Les originalen på { $language }
fallback-notice = Denne artikkelen er ikke oversatt til { $language } ennå. Du leser originalen på { $source }.
stale-notice = Originalen til denne artikkelen er endret etter at den ble oversatt.
stale-notice-date = Originalen til denne artikkelen ble endret { $date }, etter at den ble oversatt.
stale-notice-link = Les gjeldende original

## Side-by-side preview (stele serve)

sxs-toggle = Side ved side
sxs-source = Original ({ $language })
sxs-translation = Oversettelse ({ $language })
sxs-missing-anchor = Dette ankeret mangler i oversettelsen
sxs-show-originals = Vis originalene til maskinoversettelser

## Search

search-label = Søk
search-results = { $count ->
    [one] { $count } treff
   *[other] { $count } treff
}
search-no-results = Ingen treff
search-unavailable = Søk er ikke tilgjengelig her.

## Page tools

theme-dark = Mørk modus
edit-page = Rediger denne siden
copy-code = Kopier
copy-code-done = Kopiert
heading-link = Lenke til denne delen

## Language names

language-en = engelsk
language-ja = japansk
language-de = tysk
language-ar = arabisk
language-zh = kinesisk
language-zh-TW = kinesisk (tradisjonell)
language-ru = russisk
language-it = italiensk
language-sv = svensk
language-nb = norsk bokmål

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Merknad
alert-tip = Tips
alert-important = Viktig
alert-warning = Advarsel
alert-caution = Forsiktig
zone-choose = Velg et alternativ
moniker-choose = Versjon
video-title = Video
image-lightbox = Åpne bildet i full størrelse
image-description = Beskrivelse
shortcode-tabs = Faner
shortcode-details = Detaljer

## Navigation: previous and next page

pager = Forrige og neste side
previous-page = Forrige
next-page = Neste
