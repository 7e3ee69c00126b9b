## Page chrome

skip-to-content = Przejdź do zawartości
site-navigation = Artykuły
breadcrumb = Ścieżka nawigacji
home = Strona główna
menu = Menu
on-this-page = Na tej stronie
available-in = Dostępne w językach
last-updated = Ostatnia aktualizacja
all-articles = Wszystkie artykuły
no-articles = W tym języku nie ma jeszcze artykułów.

## Site root and 404

choose-language = Wybierz język
not-found-title = Nie znaleziono strony
not-found-text = Pod tym adresem nie ma strony. Mogła zostać przeniesiona albo nie istnieje w tym języku.
not-found-home = Przejdź do strony głównej

## Translation notices

mt-notice = Ten artykuł został przetłumaczony maszynowo i może zawierać błędy.
mt-notice-link = Przeczytaj oryginał (język: { $language })
fallback-notice = Ten artykuł nie został jeszcze przetłumaczony (język: { $language }). Czytasz oryginał (język: { $source }).
stale-notice = Oryginał tego artykułu zmienił się od czasu tłumaczenia.
stale-notice-date = Oryginał tego artykułu zmienił się { $date }, po przetłumaczeniu.
stale-notice-link = Przeczytaj aktualny oryginał

## Side-by-side preview (stele serve)

sxs-toggle = Obok siebie
sxs-source = Oryginał ({ $language })
sxs-translation = Tłumaczenie ({ $language })
sxs-missing-anchor = W tłumaczeniu brakuje tej kotwicy
sxs-show-originals = Pokaż oryginały tłumaczenia maszynowego

## Search

search-label = Wyszukaj
search-results = { $count ->
    [one] { $count } wynik
    [few] { $count } wyniki
    [many] { $count } wyników
   *[other] { $count } wyniku
}
search-no-results = Brak wyników
search-unavailable = Wyszukiwanie nie jest tutaj dostępne.

## Page tools

theme-dark = Tryb ciemny
edit-page = Edytuj tę stronę
copy-code = Kopiuj
copy-code-done = Skopiowano
heading-link = Link do tej sekcji

## Language names

language-en = angielski
language-ja = japoński
language-de = niemiecki
language-ar = arabski
language-zh = chiński
language-zh-TW = chiński (tradycyjny)
language-ru = rosyjski
language-it = włoski
language-sv = szwedzki
language-pl = polski

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Uwaga
alert-tip = Porada
alert-important = Ważne
alert-warning = Ostrzeżenie
alert-caution = Przestroga
zone-choose = Wybierz opcję
moniker-choose = Wersja
video-title = Wideo
image-lightbox = Otwórz obraz w pełnym rozmiarze
image-description = Opis
shortcode-tabs = Karty
shortcode-details = Szczegóły

## Navigation: previous and next page

pager = Poprzednia i następna strona
previous-page = Poprzednia
next-page = Następna
