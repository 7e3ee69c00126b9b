## Page chrome

skip-to-content = Vai al contenuto
site-navigation = Articoli
breadcrumb = Percorso di navigazione
home = Home
pager = Pagina precedente e successiva
previous-page = Precedente
next-page = Successiva
menu = Menu
on-this-page = In questa pagina
available-in = Disponibile in
last-updated = Ultimo aggiornamento
all-articles = Tutti gli articoli
no-articles = In questa lingua non ci sono ancora articoli.

## Site root and 404

choose-language = Scegli la lingua
not-found-title = Pagina non trovata
not-found-text = A questo indirizzo non c'è nessuna pagina. Potrebbe essere stata spostata o non esistere in questa lingua.
not-found-home = Vai alla pagina iniziale

## Translation notices

mt-notice = Questo articolo è stato tradotto automaticamente e potrebbe contenere errori.
mt-notice-link = Leggi l'originale in { $language }
fallback-notice = Questo articolo non è ancora tradotto in { $language }. Stai leggendo l'originale in { $source }.
stale-notice = L'originale di questo articolo è cambiato dopo la traduzione.
stale-notice-date = L'originale di questo articolo è cambiato il { $date }, dopo la traduzione.
stale-notice-link = Leggi l'originale aggiornato

## Side-by-side preview (stele serve)

sxs-toggle = Affiancato
sxs-source = Originale ({ $language })
sxs-translation = Traduzione ({ $language })
sxs-missing-anchor = Questo ancoraggio manca nella traduzione
sxs-show-originals = Mostra gli originali della traduzione automatica

## Language names

language-en = inglese
language-ja = giapponese
language-de = tedesco
language-ar = arabo
language-zh = cinese
language-zh-TW = cinese (tradizionale)
language-ru = russo
language-it = italiano
language-sv = svedese

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = Nota
alert-tip = Suggerimento
alert-important = Importante
alert-warning = Avviso
alert-caution = Attenzione
zone-choose = Scegli un'opzione
moniker-choose = Versione
video-title = Video
image-lightbox = Apri l'immagine a grandezza intera
image-description = Descrizione
shortcode-tabs = Schede
shortcode-details = Dettagli
