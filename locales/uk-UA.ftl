## Page chrome

skip-to-content = Перейти до вмісту
site-navigation = Статті
breadcrumb = Навігаційний ланцюжок
home = Головна
menu = Меню
on-this-page = На цій сторінці
available-in = Доступно мовами
last-updated = Останнє оновлення
all-articles = Усі статті
no-articles = Цією мовою ще немає статей.

## Site root and 404

choose-language = Виберіть мову
not-found-title = Сторінку не знайдено
not-found-text = За цією адресою немає сторінки. Можливо, її переміщено або вона не існує цією мовою.
not-found-home = На початкову сторінку

## Translation notices

mt-notice = Цю статтю перекладено машинним способом, тому вона може містити помилки.
mt-notice-link = Читати оригінал ({ $language })
fallback-notice = Цю статтю ще не перекладено ({ $language }). Ви читаєте оригінал ({ $source }).
stale-notice = Оригінал цієї статті змінився після перекладу.
stale-notice-date = Оригінал цієї статті змінився { $date }, після перекладу.
stale-notice-link = Читати поточний оригінал

## Side-by-side preview (stele serve)

sxs-toggle = Поруч з оригіналом
sxs-source = Оригінал ({ $language })
sxs-translation = Переклад ({ $language })
sxs-missing-anchor = Цей якір відсутній у перекладі
sxs-show-originals = Показати оригінали машинного перекладу

## Search

search-label = Пошук
search-results = { $count ->
    [one] { $count } результат
    [few] { $count } результати
    [many] { $count } результатів
   *[other] { $count } результату
}
search-no-results = Нічого не знайдено
search-unavailable = Пошук тут недоступний.

## Page tools

theme-dark = Темна тема
edit-page = Редагувати цю сторінку
copy-code = Копіювати
copy-code-done = Скопійовано
heading-link = Посилання на цей розділ

## Language names

language-en = англійська
language-ja = японська
language-de = німецька
language-ar = арабська
language-zh = китайська
language-zh-TW = китайська (традиційна)
language-ru = російська
language-it = італійська
language-sv = шведська
language-uk = українська

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Примітка
alert-tip = Порада
alert-important = Важливо
alert-warning = Попередження
alert-caution = Увага
zone-choose = Виберіть варіант
moniker-choose = Версія
video-title = Відео
image-lightbox = Відкрити зображення в повному розмірі
image-description = Опис
shortcode-tabs = Вкладки
shortcode-details = Докладніше

## Navigation: previous and next page

pager = Попередня й наступна сторінки
previous-page = Назад
next-page = Далі
