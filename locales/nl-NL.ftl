## Page chrome

skip-to-content = Naar de inhoud gaan
site-navigation = Artikelen
breadcrumb = Kruimelpad
home = Start
menu = Menu
on-this-page = Op deze pagina
available-in = Beschikbaar in
last-updated = Laatst bijgewerkt
all-articles = Alle artikelen
no-articles = Er zijn nog geen artikelen in deze taal.

## Site root and 404

choose-language = Kies je taal
not-found-title = Pagina niet gevonden
not-found-text = Er is geen pagina op dit adres. Misschien is de pagina verplaatst, of bestaat ze niet in deze taal.
not-found-home = Naar de startpagina

## Translation notices

mt-notice = Dit artikel is automatisch vertaald en kan fouten bevatten.
mt-notice-link = Het origineel lezen in het { $language }
fallback-notice = Dit artikel is nog niet vertaald in het { $language }. Je leest het origineel in het { $source }.
stale-notice = Het origineel van dit artikel is gewijzigd sinds de vertaling.
stale-notice-date = Het origineel van dit artikel is op { $date } gewijzigd, na de vertaling.
stale-notice-link = Het huidige origineel lezen

## Side-by-side preview (stele serve)

sxs-toggle = Naast elkaar
sxs-source = Origineel ({ $language })
sxs-translation = Vertaling ({ $language })
sxs-missing-anchor = Dit anker ontbreekt in de vertaling
sxs-show-originals = Originelen van automatische vertalingen weergeven

## Search

search-label = Zoeken
search-results = { $count ->
    [one] { $count } resultaat
   *[other] { $count } resultaten
}
search-no-results = Geen resultaten
search-unavailable = Zoeken is hier niet beschikbaar.

## Page tools

theme-dark = Donkere modus
edit-page = Deze pagina bewerken
copy-code = Kopiëren
copy-code-done = Gekopieerd
heading-link = Link naar deze sectie

## Language names

language-en = Engels
language-ja = Japans
language-de = Duits
language-ar = Arabisch
language-zh = Chinees
language-zh-TW = Chinees (traditioneel)
language-ru = Russisch
language-it = Italiaans
language-sv = Zweeds
language-nl = Nederlands

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Opmerking
alert-tip = Tip
alert-important = Belangrijk
alert-warning = Waarschuwing
alert-caution = Let op
zone-choose = Kies een optie
moniker-choose = Versie
video-title = Video
image-lightbox = Afbeelding op volledige grootte openen
image-description = Beschrijving
shortcode-tabs = Tabbladen
shortcode-details = Details

## Navigation: previous and next page

pager = Vorige en volgende pagina
previous-page = Vorige
next-page = Volgende
