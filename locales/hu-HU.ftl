## Page chrome

skip-to-content = Ugrás a tartalomra
site-navigation = Cikkek
breadcrumb = Navigációs útvonal
home = Kezdőlap
menu = Menü
on-this-page = Ezen a lapon
available-in = Elérhető nyelvek
last-updated = Utolsó frissítés
all-articles = Minden cikk
no-articles = Ezen a nyelven még nincsenek cikkek.

## Site root and 404

choose-language = Válasszon nyelvet
not-found-title = Az oldal nem található
not-found-text = Ezen a címen nincs oldal. Lehet, hogy áthelyezték, vagy ezen a nyelven nem létezik.
not-found-home = Ugrás a kezdőlapra

## Translation notices

mt-notice = Ez a cikk gépi fordítással készült, ezért hibákat tartalmazhat.
mt-notice-link = Az eredeti elolvasása (nyelv: { $language })
fallback-notice = Ez a cikk még nincs lefordítva (nyelv: { $language }). Az eredetit olvassa (nyelv: { $source }).
stale-notice = A cikk eredetije a fordítás óta megváltozott.
stale-notice-date = A cikk eredetije a fordítás után megváltozott (dátum: { $date }).
stale-notice-link = Az aktuális eredeti elolvasása

## Side-by-side preview (stele serve)

sxs-toggle = Egymás mellett
sxs-source = Eredeti ({ $language })
sxs-translation = Fordítás ({ $language })
sxs-missing-anchor = Ez a horgony hiányzik a fordításból
sxs-show-originals = A gépi fordítások eredetijének megjelenítése

## Search

search-label = Keresés
search-results = { $count } találat
search-no-results = Nincs találat
search-unavailable = A keresés itt nem érhető el.

## Page tools

theme-dark = Sötét mód
edit-page = Az oldal szerkesztése
copy-code = Másolás
copy-code-done = Másolva
heading-link = Hivatkozás erre a szakaszra

## Language names

language-en = angol
language-ja = japán
language-de = német
language-ar = arab
language-zh = kínai
language-zh-TW = kínai (hagyományos)
language-ru = orosz
language-it = olasz
language-sv = svéd
language-hu = magyar

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Megjegyzés
alert-tip = Tipp
alert-important = Fontos
alert-warning = Figyelmeztetés
alert-caution = Vigyázat
zone-choose = Válasszon egy lehetőséget
moniker-choose = Verzió
video-title = Videó
image-lightbox = A kép megnyitása teljes méretben
image-description = Leírás
shortcode-tabs = Lapok
shortcode-details = Részletek

## Navigation: previous and next page

pager = Előző és következő oldal
previous-page = Előző
next-page = Következő
