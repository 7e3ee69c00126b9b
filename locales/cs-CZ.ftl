## Page chrome

skip-to-content = Přejít k obsahu
site-navigation = Články
breadcrumb = Drobečková navigace
home = Domů
menu = Nabídka
on-this-page = Na této stránce
available-in = K dispozici v jazycích
last-updated = Poslední aktualizace
all-articles = Všechny články
no-articles = V tomto jazyce zatím nejsou žádné články.

## Site root and 404

choose-language = Vyberte jazyk
not-found-title = Stránka nenalezena
not-found-text = Na této adrese není žádná stránka. Možná byla přesunuta, nebo v tomto jazyce neexistuje.
not-found-home = Přejít na úvodní stránku

## Translation notices

mt-notice = Tento článek byl přeložen strojově a může obsahovat chyby.
mt-notice-link = Přečíst originál (jazyk: { $language })
fallback-notice = Tento článek zatím není přeložen (jazyk: { $language }). Čtete originál (jazyk: { $source }).
stale-notice = Originál tohoto článku se od překladu změnil.
stale-notice-date = Originál tohoto článku se po překladu změnil (datum: { $date }).
stale-notice-link = Přečíst aktuální originál

## Side-by-side preview (stele serve)

sxs-toggle = Vedle sebe
sxs-source = Originál ({ $language })
sxs-translation = Překlad ({ $language })
sxs-missing-anchor = Tato kotva v překladu chybí
sxs-show-originals = Zobrazit originály strojového překladu

## Search

search-label = Hledat
search-results = { $count ->
    [one] { $count } výsledek
    [few] { $count } výsledky
    [many] { $count } výsledku
   *[other] { $count } výsledků
}
search-no-results = Žádné výsledky
search-unavailable = Hledání tady není k dispozici.

## Page tools

theme-dark = Tmavý režim
edit-page = Upravit tuto stránku
copy-code = Kopírovat
copy-code-done = Zkopírováno
heading-link = Odkaz na tuto část

## Language names

language-en = angličtina
language-ja = japonština
language-de = němčina
language-ar = arabština
language-zh = čínština
language-zh-TW = čínština (tradiční)
language-ru = ruština
language-it = italština
language-sv = švédština
language-cs = čeština

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Poznámka
alert-tip = Tip
alert-important = Důležité
alert-warning = Varování
alert-caution = Upozornění
zone-choose = Vyberte možnost
moniker-choose = Verze
video-title = Video
image-lightbox = Otevřít obrázek v plné velikosti
image-description = Popis
shortcode-tabs = Karty
shortcode-details = Podrobnosti

## Navigation: previous and next page

pager = Předchozí a další stránka
previous-page = Předchozí
next-page = Další
