## Page chrome

skip-to-content = Gå til indhold
site-navigation = Artikler
breadcrumb = Brødkrummesti
home = Startside
menu = Menu
on-this-page = På denne side
available-in = Tilgængelig på
last-updated = Senest opdateret
all-articles = Alle artikler
no-articles = Der er endnu ingen artikler på dette sprog.

## Site root and 404

choose-language = Vælg dit sprog
not-found-title = Siden blev ikke fundet
not-found-text = Der er ingen side på denne adresse. Den er muligvis flyttet, eller den findes ikke på dette sprog.
not-found-home = Gå til startsiden

## Translation notices

mt-notice = Denne artikel er maskinoversat og kan indeholde fejl.
mt-notice-link = Læs originalen på { $language }
fallback-notice = Denne artikel er endnu ikke oversat til { $language }. Du læser originalen på { $source }.
stale-notice = Originalen til denne artikel er ændret, efter at den blev oversat.
stale-notice-date = Originalen til denne artikel blev ændret { $date }, efter at den blev oversat.
stale-notice-link = Læs den aktuelle original

## Side-by-side preview (stele serve)

sxs-toggle = Side om side
sxs-source = Original ({ $language })
sxs-translation = Oversættelse ({ $language })
sxs-missing-anchor = Dette anker mangler i oversættelsen
sxs-show-originals = Vis originalerne til maskinoversættelser

## Search

search-label = Søg
search-results = { $count ->
    [one] { $count } resultat
   *[other] { $count } resultater
}
search-no-results = Ingen resultater
search-unavailable = Søgning er ikke tilgængelig her.

## Page tools

theme-dark = Mørk tilstand
edit-page = Rediger denne side
copy-code = Kopiér
copy-code-done = Kopieret
heading-link = Link til dette afsnit

## Language names

language-en = engelsk
language-ja = japansk
language-de = tysk
language-ar = arabisk
language-zh = kinesisk
language-zh-TW = kinesisk (traditionelt)
language-ru = russisk
language-it = italiensk
language-sv = svensk
language-da = dansk

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Bemærk
alert-tip = Tip
alert-important = Vigtigt
alert-warning = Advarsel
alert-caution = Forsigtig
zone-choose = Vælg en mulighed
moniker-choose = Version
video-title = Video
image-lightbox = Åbn billedet i fuld størrelse
image-description = Beskrivelse
shortcode-tabs = Faner
shortcode-details = Detaljer

## Navigation: previous and next page

pager = Forrige og næste side
previous-page = Forrige
next-page = Næste
