## Page chrome

skip-to-content = ข้ามไปยังเนื้อหา
site-navigation = บทความ
breadcrumb = เส้นทางการนำทาง
home = หน้าแรก
menu = เมนู
on-this-page = ในหน้านี้
available-in = มีในภาษา
last-updated = อัปเดตล่าสุด
all-articles = บทความทั้งหมด
no-articles = ยังไม่มีบทความในภาษานี้

## Site root and 404

choose-language = เลือกภาษาของคุณ
not-found-title = ไม่พบหน้า
not-found-text = ไม่มีหน้าที่ที่อยู่นี้ หน้านี้อาจถูกย้ายหรือไม่มีในภาษานี้
not-found-home = ไปที่หน้าเริ่มต้น

## Translation notices

mt-notice = บทความนี้แปลด้วยเครื่องและอาจมีข้อผิดพลาด
mt-notice-link = อ่านต้นฉบับภาษา{ $language }
fallback-notice = บทความนี้ยังไม่ได้แปลเป็นภาษา{ $language } คุณกำลังอ่านต้นฉบับภาษา{ $source }
stale-notice = ต้นฉบับของบทความนี้มีการเปลี่ยนแปลงหลังจากแปลแล้ว
stale-notice-date = ต้นฉบับของบทความนี้เปลี่ยนแปลงเมื่อ { $date } หลังจากแปลแล้ว
stale-notice-link = อ่านต้นฉบับล่าสุด

## Side-by-side preview (stele serve)

sxs-toggle = แสดงคู่กัน
sxs-source = ต้นฉบับ ({ $language })
sxs-translation = คำแปล ({ $language })
sxs-missing-anchor = คำแปลไม่มีจุดยึดนี้
sxs-show-originals = แสดงต้นฉบับของการแปลด้วยเครื่อง

## Search

search-label = ค้นหา
search-results = พบ { $count } รายการ
search-no-results = ไม่พบผลลัพธ์
search-unavailable = ไม่สามารถค้นหาที่นี่ได้

## Page tools

theme-dark = โหมดมืด
edit-page = แก้ไขหน้านี้
copy-code = คัดลอก
copy-code-done = คัดลอกแล้ว
heading-link = ลิงก์ไปยังส่วนนี้

## Language names

language-en = อังกฤษ
language-ja = ญี่ปุ่น
language-de = เยอรมัน
language-ar = อาหรับ
language-zh = จีน
language-zh-TW = จีน (ตัวเต็ม)
language-ru = รัสเซีย
language-it = อิตาลี
language-sv = สวีเดน
language-th = ไทย

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = หมายเหตุ
alert-tip = เคล็ดลับ
alert-important = สำคัญ
alert-warning = คำเตือน
alert-caution = ข้อควรระวัง
zone-choose = เลือกตัวเลือก
moniker-choose = เวอร์ชัน
video-title = วิดีโอ
image-lightbox = เปิดรูปภาพขนาดเต็ม
image-description = คำอธิบาย
shortcode-tabs = แท็บ
shortcode-details = รายละเอียด

## Navigation: previous and next page

pager = หน้าก่อนหน้าและหน้าถัดไป
previous-page = ก่อนหน้า
next-page = ถัดไป
