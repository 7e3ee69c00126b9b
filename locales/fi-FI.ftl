## Page chrome

skip-to-content = Siirry sisältöön
site-navigation = Artikkelit
breadcrumb = Navigointipolku
home = Aloitussivu
menu = Valikko
on-this-page = Tällä sivulla
available-in = Saatavilla kielillä
last-updated = Päivitetty viimeksi
all-articles = Kaikki artikkelit
no-articles = Tällä kielellä ei ole vielä artikkeleita.

## Site root and 404

choose-language = Valitse kieli
not-found-title = Sivua ei löydy
not-found-text = Tässä osoitteessa ei ole sivua. Se on ehkä siirretty, tai sitä ei ole tällä kielellä.
not-found-home = Siirry aloitussivulle

## Translation notices

mt-notice = Tämä artikkeli on konekäännetty, ja siinä voi olla virheitä.
mt-notice-link = Lue alkuperäinen (kieli: { $language })
fallback-notice = Tätä artikkelia ei ole vielä käännetty (kieli: { $language }). Luet alkuperäistä tekstiä (kieli: { $source }).
stale-notice = Tämän artikkelin alkuperäinen teksti on muuttunut käännöksen jälkeen.
stale-notice-date = Tämän artikkelin alkuperäinen teksti muuttui käännöksen jälkeen (päivämäärä: { $date }).
stale-notice-link = Lue nykyinen alkuperäinen

## Side-by-side preview (stele serve)

sxs-toggle = Rinnakkain
sxs-source = Alkuperäinen ({ $language })
sxs-translation = Käännös ({ $language })
sxs-missing-anchor = Tämä ankkuri puuttuu käännöksestä
sxs-show-originals = Näytä konekäännösten alkuperäiset tekstit

## Search

search-label = Haku
search-results = { $count ->
    [one] { $count } tulos
   *[other] { $count } tulosta
}
search-no-results = Ei tuloksia
search-unavailable = Haku ei ole käytettävissä täällä.

## Page tools

theme-dark = Tumma tila
edit-page = Muokkaa tätä sivua
copy-code = Kopioi
copy-code-done = Kopioitu
heading-link = Linkki tähän osioon

## Language names

language-en = englanti
language-ja = japani
language-de = saksa
language-ar = arabia
language-zh = kiina
language-zh-TW = kiina (perinteinen)
language-ru = venäjä
language-it = italia
language-sv = ruotsi
language-fi = suomi

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Huomautus
alert-tip = Vihje
alert-important = Tärkeää
alert-warning = Varoitus
alert-caution = Huomio
zone-choose = Valitse vaihtoehto
moniker-choose = Versio
video-title = Video
image-lightbox = Avaa kuva täysikokoisena
image-description = Kuvaus
shortcode-tabs = Välilehdet
shortcode-details = Lisätiedot

## Navigation: previous and next page

pager = Edellinen ja seuraava sivu
previous-page = Edellinen
next-page = Seuraava
