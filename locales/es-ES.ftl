## Page chrome

skip-to-content = Saltar al contenido principal
site-navigation = Artículos
breadcrumb = Ruta de navegación
home = Inicio
menu = Menú
on-this-page = En esta página
available-in = Disponible en
last-updated = Última actualización
all-articles = Todos los artículos
no-articles = Este idioma aún no tiene artículos.

## Site root and 404

choose-language = Elige tu idioma
not-found-title = Página no encontrada
not-found-text = No hay ninguna página en esta dirección. Es posible que se haya movido o que no exista en este idioma.
not-found-home = Ir a la página de inicio

## Translation notices

mt-notice = Este artículo se ha traducido automáticamente y puede contener errores.
mt-notice-link = Leer el original en { $language }
fallback-notice = Este artículo aún no está traducido al { $language }. Estás leyendo el original en { $source }.
stale-notice = El original de este artículo ha cambiado desde que se tradujo.
stale-notice-date = El original de este artículo cambió el { $date }, después de traducirse.
stale-notice-link = Leer el original actual

## Side-by-side preview (stele serve)

sxs-toggle = En paralelo
sxs-source = Original ({ $language })
sxs-translation = Traducción ({ $language })
sxs-missing-anchor = Falta esta ancla en la traducción
sxs-show-originals = Mostrar los originales de la traducción automática

## Search

search-label = Buscar
search-results = { $count ->
    [one] { $count } resultado
    [many] { $count } de resultados
   *[other] { $count } resultados
}
search-no-results = Sin resultados
search-unavailable = La búsqueda no está disponible aquí.

## Page tools

theme-dark = Modo oscuro
edit-page = Editar esta página
copy-code = Copiar
copy-code-done = Copiado
heading-link = Vínculo a esta sección

## Language names

language-en = inglés
language-ja = japonés
language-de = alemán
language-ar = árabe
language-zh = chino
language-zh-TW = chino (tradicional)
language-ru = ruso
language-it = italiano
language-sv = sueco
language-es = español

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Nota
alert-tip = Sugerencia
alert-important = Importante
alert-warning = Advertencia
alert-caution = Precaución
zone-choose = Elige una opción
moniker-choose = Versión
video-title = Vídeo
image-lightbox = Abrir la imagen a tamaño completo
image-description = Descripción
shortcode-tabs = Pestañas
shortcode-details = Detalles

## Navigation: previous and next page

pager = Página anterior y siguiente
previous-page = Anterior
next-page = Siguiente
