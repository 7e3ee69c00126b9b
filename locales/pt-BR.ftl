## Page chrome

skip-to-content = Ir para o conteúdo principal
site-navigation = Artigos
breadcrumb = Trilha de navegação
home = Início
menu = Menu
on-this-page = Nesta página
available-in = Disponível em
last-updated = Última atualização
all-articles = Todos os artigos
no-articles = Este idioma ainda não tem artigos.

## Site root and 404

choose-language = Escolha seu idioma
not-found-title = Página não encontrada
not-found-text = Não há nenhuma página neste endereço. Ela pode ter sido movida ou não existir neste idioma.
not-found-home = Ir para a página inicial

## Translation notices

mt-notice = Este artigo foi traduzido automaticamente e pode conter erros.
mt-notice-link = Ler o original em { $language }
fallback-notice = Este artigo ainda não foi traduzido para { $language }. Você está lendo o original em { $source }.
stale-notice = O original deste artigo mudou desde que foi traduzido.
stale-notice-date = O original deste artigo mudou em { $date }, depois de ser traduzido.
stale-notice-link = Ler o original atual

## Side-by-side preview (stele serve)

sxs-toggle = Lado a lado
sxs-source = Original ({ $language })
sxs-translation = Tradução ({ $language })
sxs-missing-anchor = Esta âncora não existe na tradução
sxs-show-originals = Mostrar os originais da tradução automática

## Search

search-label = Pesquisar
search-results = { $count ->
    [one] { $count } resultado
    [many] { $count } de resultados
   *[other] { $count } resultados
}
search-no-results = Nenhum resultado
search-unavailable = A pesquisa não está disponível aqui.

## Page tools

theme-dark = Modo escuro
edit-page = Editar esta página
copy-code = Copiar
copy-code-done = Copiado
heading-link = Link para esta seção

## Language names

language-en = inglês
language-ja = japonês
language-de = alemão
language-ar = árabe
language-zh = chinês
language-zh-TW = chinês (tradicional)
language-ru = russo
language-it = italiano
language-sv = sueco
language-pt = português

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Observação
alert-tip = Dica
alert-important = Importante
alert-warning = Aviso
alert-caution = Cuidado
zone-choose = Escolha uma opção
moniker-choose = Versão
video-title = Vídeo
image-lightbox = Abrir a imagem em tamanho real
image-description = Descrição
shortcode-tabs = Guias
shortcode-details = Detalhes

## Navigation: previous and next page

pager = Página anterior e próxima página
previous-page = Anterior
next-page = Próxima
