## Page chrome

skip-to-content = Hoppa till innehållet
site-navigation = Artiklar
breadcrumb = Brödsmulor
home = Start
pager = Föregående och nästa sida
previous-page = Föregående
next-page = Nästa
menu = Meny
on-this-page = På den här sidan
available-in = Finns på
last-updated = Senast uppdaterad
all-articles = Alla artiklar
no-articles = Det finns inga artiklar på det här språket ännu.

## Site root and 404

choose-language = Välj språk
not-found-title = Sidan hittades inte
not-found-text = Det finns ingen sida på den här adressen. Den kan ha flyttats eller saknas på det här språket.
not-found-home = Till startsidan

## Translation notices

mt-notice = Den här artikeln har maskinöversatts och kan innehålla fel.
mt-notice-link = Läs originalet på { $language }
fallback-notice = Den här artikeln är inte översatt till { $language } ännu. Du läser originalet på { $source }.
stale-notice = Originalet till den här artikeln har ändrats sedan den översattes.
stale-notice-date = Originalet till den här artikeln ändrades { $date }, efter översättningen.
stale-notice-link = Läs det aktuella originalet

## Side-by-side preview (stele serve)

sxs-toggle = Sida vid sida
sxs-source = Original ({ $language })
sxs-translation = Översättning ({ $language })
sxs-missing-anchor = Det här ankaret saknas i översättningen
sxs-show-originals = Visa maskinöversättningens original

## Language names

language-en = engelska
language-ja = japanska
language-de = tyska
language-ar = arabiska
language-zh = kinesiska
language-zh-TW = kinesiska (traditionell)
language-ru = ryska
language-it = italienska
language-sv = svenska

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = Obs!
alert-tip = Tips
alert-important = Viktigt
alert-warning = Varning
alert-caution = Försiktighet
zone-choose = Välj ett alternativ
moniker-choose = Version
video-title = Video
image-lightbox = Öppna bilden i full storlek
image-description = Beskrivning
shortcode-tabs = Flikar
shortcode-details = Detaljer
