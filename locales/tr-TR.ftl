## Page chrome

skip-to-content = İçeriğe atla
site-navigation = Makaleler
breadcrumb = İçerik haritası
home = Ana sayfa
menu = Menü
on-this-page = Bu sayfada
available-in = Kullanılabilen diller
last-updated = Son güncelleme
all-articles = Tüm makaleler
no-articles = Bu dilde henüz makale yok.

## Site root and 404

choose-language = Dilinizi seçin
not-found-title = Sayfa bulunamadı
not-found-text = Bu adreste sayfa yok. Sayfa taşınmış olabilir veya bu dilde bulunmuyor olabilir.
not-found-home = Başlangıç sayfasına git

## Translation notices

mt-notice = Bu makale makine tarafından çevrilmiştir ve hatalar içerebilir.
mt-notice-link = Orijinali okuyun ({ $language })
fallback-notice = Bu makale henüz çevrilmedi ({ $language }). Orijinali okuyorsunuz ({ $source }).
stale-notice = Bu makalenin orijinali, çevrildikten sonra değişti.
stale-notice-date = Bu makalenin orijinali, çevrildikten sonra değişti ({ $date }).
stale-notice-link = Güncel orijinali okuyun

## Side-by-side preview (stele serve)

sxs-toggle = Yan yana
sxs-source = Orijinal ({ $language })
sxs-translation = Çeviri ({ $language })
sxs-missing-anchor = Bu bağlantı noktası çeviride yok
sxs-show-originals = Makine çevirisi orijinallerini göster

## Search

search-label = Ara
search-results = { $count } sonuç
search-no-results = Sonuç yok
search-unavailable = Arama burada kullanılamıyor.

## Page tools

theme-dark = Koyu mod
edit-page = Bu sayfayı düzenle
copy-code = Kopyala
copy-code-done = Kopyalandı
heading-link = Bu bölümün bağlantısı

## Language names

language-en = İngilizce
language-ja = Japonca
language-de = Almanca
language-ar = Arapça
language-zh = Çince
language-zh-TW = Çince (Geleneksel)
language-ru = Rusça
language-it = İtalyanca
language-sv = İsveççe
language-tr = Türkçe

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Not
alert-tip = İpucu
alert-important = Önemli
alert-warning = Uyarı
alert-caution = Dikkat
zone-choose = Bir seçenek belirleyin
moniker-choose = Sürüm
video-title = Video
image-lightbox = Görüntüyü tam boyutta aç
image-description = Açıklama
shortcode-tabs = Sekmeler
shortcode-details = Ayrıntılar

## Navigation: previous and next page

pager = Önceki ve sonraki sayfa
previous-page = Önceki
next-page = Sonraki
