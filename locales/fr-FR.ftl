## Page chrome

skip-to-content = Passer au contenu principal
site-navigation = Articles
breadcrumb = Fil d’Ariane
home = Accueil
menu = Menu
on-this-page = Sur cette page
available-in = Disponible en
last-updated = Dernière mise à jour
all-articles = Tous les articles
no-articles = Cette langue n’a pas encore d’articles.

## Site root and 404

choose-language = Choisissez votre langue
not-found-title = Page introuvable
not-found-text = Il n’y a aucune page à cette adresse. Elle a peut-être été déplacée, ou elle n’existe pas dans cette langue.
not-found-home = Aller à la page d’accueil

## Translation notices

mt-notice = Cet article a été traduit automatiquement et peut contenir des erreurs.
mt-notice-link = Lire l’original en { $language }
fallback-notice = Cet article n’est pas encore traduit en { $language }. Vous lisez l’original en { $source }.
stale-notice = L’original de cet article a changé depuis sa traduction.
stale-notice-date = L’original de cet article a changé le { $date }, après sa traduction.
stale-notice-link = Lire l’original actuel

## Side-by-side preview (stele serve)

sxs-toggle = Côte à côte
sxs-source = Original ({ $language })
sxs-translation = Traduction ({ $language })
sxs-missing-anchor = Cette ancre est absente de la traduction
sxs-show-originals = Afficher les originaux de la traduction automatique

## Search

search-label = Rechercher
search-results = { $count ->
    [one] { $count } résultat
    [many] { $count } de résultats
   *[other] { $count } résultats
}
search-no-results = Aucun résultat
search-unavailable = La recherche n’est pas disponible ici.

## Page tools

theme-dark = Mode sombre
edit-page = Modifier cette page
copy-code = Copier
copy-code-done = Copié
heading-link = Lien vers cette section

## Language names

language-en = anglais
language-ja = japonais
language-de = allemand
language-ar = arabe
language-zh = chinois
language-zh-TW = chinois (traditionnel)
language-ru = russe
language-it = italien
language-sv = suédois
language-fr = français

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Remarque
alert-tip = Conseil
alert-important = Important
alert-warning = Avertissement
alert-caution = Attention
zone-choose = Choisissez une option
moniker-choose = Version
video-title = Vidéo
image-lightbox = Ouvrir l’image en taille réelle
image-description = Description
shortcode-tabs = Onglets
shortcode-details = Détails

## Navigation: previous and next page

pager = Page précédente et page suivante
previous-page = Précédent
next-page = Suivant
