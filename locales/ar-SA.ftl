## Page chrome

skip-to-content = الانتقال إلى المحتوى
site-navigation = المقالات
breadcrumb = مسار التنقل
home = الصفحة الرئيسية
pager = الصفحة السابقة والتالية
previous-page = السابق
next-page = التالي
menu = القائمة
on-this-page = في هذه الصفحة
available-in = متوفر باللغات
last-updated = آخر تحديث
all-articles = كل المقالات
no-articles = لا توجد مقالات بهذه اللغة بعد.

## Site root and 404

choose-language = اختر لغتك
not-found-title = الصفحة غير موجودة
not-found-text = لا توجد صفحة بهذا العنوان. ربما نُقلت، أو ربما لا توجد بهذه اللغة.
not-found-home = الانتقال إلى صفحة البداية

## Translation notices

mt-notice = تمت ترجمة هذه المقالة آلياً وقد تحتوي على أخطاء.
mt-notice-link = اقرأ النص الأصلي باللغة { $language }
fallback-notice = لم تُترجم هذه المقالة إلى { $language } بعد. أنت تقرأ النص الأصلي باللغة { $source }.
stale-notice = تغيّر النص الأصلي لهذه المقالة بعد ترجمتها.
stale-notice-date = تغيّر النص الأصلي لهذه المقالة في { $date } بعد ترجمتها.
stale-notice-link = اقرأ النص الأصلي الحالي

## Side-by-side preview (stele serve)

sxs-toggle = عرض جنباً إلى جنب
sxs-source = الأصل ({ $language })
sxs-translation = الترجمة ({ $language })
sxs-missing-anchor = نقطة الارتساء هذه غير موجودة في الترجمة
sxs-show-originals = إظهار النصوص الأصلية للترجمة الآلية

## Language names

language-en = الإنجليزية
language-ja = اليابانية
language-de = الألمانية
language-ar = العربية
language-zh = الصينية
language-zh-TW = الصينية (التقليدية)
language-ru = الروسية
language-it = الإيطالية
language-sv = السويدية

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = ملاحظة
alert-tip = تلميح
alert-important = مهم
alert-warning = تحذير
alert-caution = تنبيه
zone-choose = اختر خيارًا
moniker-choose = الإصدار
video-title = فيديو
image-lightbox = فتح الصورة بالحجم الكامل
image-description = الوصف

## Hugo shortcodes

shortcode-tabs = علامات التبويب
shortcode-details = التفاصيل
