## Page chrome

skip-to-content = Перейти к содержимому
site-navigation = Статьи
breadcrumb = Навигационная цепочка
home = Главная
pager = Предыдущая и следующая страницы
previous-page = Назад
next-page = Далее
menu = Меню
on-this-page = На этой странице
available-in = Доступно на языках
last-updated = Последнее обновление
all-articles = Все статьи
no-articles = На этом языке пока нет статей.

## Site root and 404

choose-language = Выберите язык
not-found-title = Страница не найдена
not-found-text = По этому адресу нет страницы. Возможно, она перемещена или не существует на этом языке.
not-found-home = На начальную страницу

## Translation notices

mt-notice = Эта статья переведена машинным способом и может содержать ошибки.
mt-notice-link = Читать оригинал ({ $language })
fallback-notice = Эта статья ещё не переведена ({ $language }). Вы читаете оригинал ({ $source }).
stale-notice = Оригинал этой статьи изменился после перевода.
stale-notice-date = Оригинал этой статьи изменился { $date }, после перевода.
stale-notice-link = Читать текущий оригинал

## Side-by-side preview (stele serve)

sxs-toggle = Рядом с оригиналом
sxs-source = Оригинал ({ $language })
sxs-translation = Перевод ({ $language })
sxs-missing-anchor = Этот якорь отсутствует в переводе
sxs-show-originals = Показать оригиналы машинного перевода

## Language names

language-en = английский
language-ja = японский
language-de = немецкий
language-ar = арабский
language-zh = китайский
language-zh-TW = китайский (традиционное письмо)
language-ru = русский
language-it = итальянский
language-sv = шведский

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = Примечание
alert-tip = Совет
alert-important = Важно
alert-warning = Предупреждение
alert-caution = Внимание
zone-choose = Выберите вариант
moniker-choose = Версия
video-title = Видео
image-lightbox = Открыть изображение в полном размере
image-description = Описание
shortcode-tabs = Вкладки
shortcode-details = Подробнее
