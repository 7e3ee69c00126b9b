## Page chrome

skip-to-content = Chuyển đến nội dung chính
site-navigation = Bài viết
breadcrumb = Đường dẫn
home = Trang chủ
menu = Menu
on-this-page = Trên trang này
available-in = Có sẵn bằng
last-updated = Cập nhật lần cuối
all-articles = Tất cả bài viết
no-articles = Chưa có bài viết nào bằng ngôn ngữ này.

## Site root and 404

choose-language = Chọn ngôn ngữ
not-found-title = Không tìm thấy trang
not-found-text = Không có trang nào ở địa chỉ này. Trang có thể đã được di chuyển hoặc không có bằng ngôn ngữ này.
not-found-home = Đi tới trang bắt đầu

## Translation notices

mt-notice = Bài viết này được dịch bằng máy và có thể có lỗi.
mt-notice-link = Đọc bản gốc bằng { $language }
fallback-notice = Bài viết này chưa được dịch sang { $language }. Bạn đang đọc bản gốc bằng { $source }.
stale-notice = Bản gốc của bài viết này đã thay đổi kể từ khi được dịch.
stale-notice-date = Bản gốc của bài viết này đã thay đổi vào { $date }, sau khi được dịch.
stale-notice-link = Đọc bản gốc hiện tại

## Side-by-side preview (stele serve)

sxs-toggle = Song song
sxs-source = Bản gốc ({ $language })
sxs-translation = Bản dịch ({ $language })
sxs-missing-anchor = Bản dịch thiếu neo này
sxs-show-originals = Hiển thị bản gốc của bản dịch máy

## Search

search-label = Tìm kiếm
search-results = { $count } kết quả
search-no-results = Không có kết quả
search-unavailable = Không thể tìm kiếm tại đây.

## Page tools

theme-dark = Chế độ tối
edit-page = Chỉnh sửa trang này
copy-code = Sao chép
copy-code-done = Đã sao chép
heading-link = Liên kết đến phần này

## Language names

language-en = tiếng Anh
language-ja = tiếng Nhật
language-de = tiếng Đức
language-ar = tiếng Ả Rập
language-zh = tiếng Trung
language-zh-TW = tiếng Trung (Phồn thể)
language-ru = tiếng Nga
language-it = tiếng Ý
language-sv = tiếng Thụy Điển
language-vi = tiếng Việt

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = Ghi chú
alert-tip = Mẹo
alert-important = Quan trọng
alert-warning = Cảnh báo
alert-caution = Thận trọng
zone-choose = Chọn một tùy chọn
moniker-choose = Phiên bản
video-title = Video
image-lightbox = Mở hình ảnh kích thước đầy đủ
image-description = Mô tả
shortcode-tabs = Tab
shortcode-details = Chi tiết

## Navigation: previous and next page

pager = Trang trước và trang sau
previous-page = Trước
next-page = Tiếp
