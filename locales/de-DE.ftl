## Page chrome

skip-to-content = Zum Inhalt springen
site-navigation = Artikel
breadcrumb = Brotkrumennavigation
home = Startseite
pager = Vorherige und nächste Seite
previous-page = Zurück
next-page = Weiter
menu = Menü
on-this-page = Auf dieser Seite
available-in = Verfügbar in
last-updated = Zuletzt aktualisiert
all-articles = Alle Artikel
no-articles = In dieser Sprache gibt es noch keine Artikel.

## Site root and 404

choose-language = Sprache auswählen
not-found-title = Seite nicht gefunden
not-found-text = Unter dieser Adresse gibt es keine Seite. Sie wurde vielleicht verschoben oder existiert in dieser Sprache nicht.
not-found-home = Zur Startseite

## Translation notices

mt-notice = Dieser Artikel wurde maschinell übersetzt und kann Fehler enthalten.
mt-notice-link = Original auf { $language } lesen
fallback-notice = Dieser Artikel liegt noch nicht auf { $language } vor. Sie lesen das Original auf { $source }.
stale-notice = Das Original dieses Artikels wurde nach der Übersetzung geändert.
stale-notice-date = Das Original dieses Artikels wurde am { $date } geändert, nach der Übersetzung.
stale-notice-link = Aktuelles Original lesen

## Side-by-side preview (stele serve)

sxs-toggle = Nebeneinander
sxs-source = Original ({ $language })
sxs-translation = Übersetzung ({ $language })
sxs-missing-anchor = Dieser Anker fehlt in der Übersetzung
sxs-show-originals = Originale der maschinellen Übersetzung zeigen

## Language names

language-en = Englisch
language-ja = Japanisch
language-de = Deutsch
language-ar = Arabisch
language-zh = Chinesisch
language-zh-TW = Chinesisch (traditionell)
language-ru = Russisch
language-it = Italienisch
language-sv = Schwedisch

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = Hinweis
alert-tip = Tipp
alert-important = Wichtig
alert-warning = Warnung
alert-caution = Vorsicht
zone-choose = Option auswählen
moniker-choose = Version
video-title = Video
image-lightbox = Bild in voller Größe öffnen
image-description = Beschreibung
shortcode-tabs = Registerkarten
shortcode-details = Details
