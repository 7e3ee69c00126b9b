## Page chrome

skip-to-content = Langsung ke konten utama
site-navigation = Artikel
breadcrumb = Jejak navigasi
home = Beranda
menu = Menu
on-this-page = Di halaman ini
available-in = Tersedia dalam
last-updated = Terakhir diperbarui
all-articles = Semua artikel
no-articles = Belum ada artikel dalam bahasa ini.

## Site root and 404

choose-language = Pilih bahasa Anda
not-found-title = Halaman tidak ditemukan
not-found-text = Tidak ada halaman di alamat ini. Halaman mungkin sudah dipindahkan atau tidak tersedia dalam bahasa ini.
not-found-home = Buka halaman awal

## Translation notices

mt-notice = Artikel ini diterjemahkan oleh mesin dan mungkin berisi kesalahan.
mt-notice-link = Baca versi asli dalam bahasa { $language }
fallback-notice = Artikel ini belum diterjemahkan ke bahasa { $language }. Anda sedang membaca versi asli dalam bahasa { $source }.
stale-notice = Versi asli artikel ini telah berubah sejak diterjemahkan.
stale-notice-date = Versi asli artikel ini berubah pada { $date }, setelah diterjemahkan.
stale-notice-link = Baca versi asli terbaru

## Side-by-side preview (stele serve)

sxs-toggle = Berdampingan
sxs-source = Asli ({ $language })
sxs-translation = Terjemahan ({ $language })
sxs-missing-anchor = Jangkar ini tidak ada dalam terjemahan
sxs-show-originals = Tampilkan versi asli terjemahan mesin

## Search

search-label = Cari
search-results = { $count } hasil
search-no-results = Tidak ada hasil
search-unavailable = Pencarian tidak tersedia di sini.

## Page tools

theme-dark = Mode gelap
edit-page = Edit halaman ini
copy-code = Salin
copy-code-done = Disalin
heading-link = Tautan ke bagian ini

## Language names

language-en = Inggris
language-ja = Jepang
language-de = Jerman
language-ar = Arab
language-zh = Tionghoa
language-zh-TW = Tionghoa (Tradisional)
language-ru = Rusia
language-it = Italia
language-sv = Swedia
language-id = Indonesia

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Catatan
alert-tip = Tips
alert-important = Penting
alert-warning = Peringatan
alert-caution = Perhatian
zone-choose = Pilih opsi
moniker-choose = Versi
video-title = Video
image-lightbox = Buka gambar ukuran penuh
image-description = Deskripsi
shortcode-tabs = Tab
shortcode-details = Detail

## Navigation: previous and next page

pager = Halaman sebelumnya dan berikutnya
previous-page = Sebelumnya
next-page = Berikutnya
