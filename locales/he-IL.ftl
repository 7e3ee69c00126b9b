## Page chrome

skip-to-content = דילוג לתוכן
site-navigation = מאמרים
breadcrumb = נתיב ניווט
home = דף הבית
menu = תפריט
on-this-page = בדף זה
available-in = זמין בשפות
last-updated = עדכון אחרון
all-articles = כל המאמרים
no-articles = עדיין אין מאמרים בשפה זו.

## Site root and 404

choose-language = בחירת שפה
not-found-title = הדף לא נמצא
not-found-text = אין דף בכתובת זו. ייתכן שהוא הועבר, או שהוא אינו קיים בשפה זו.
not-found-home = מעבר לדף הבית

## Translation notices

mt-notice = מאמר זה תורגם בתרגום מכונה ועשוי להכיל שגיאות.
mt-notice-link = קריאת המקור ב{ $language }
fallback-notice = מאמר זה עדיין לא תורגם ל{ $language }. מוצג המקור ב{ $source }.
stale-notice = המקור של מאמר זה השתנה מאז שתורגם.
stale-notice-date = המקור של מאמר זה השתנה ב-{ $date }, לאחר שתורגם.
stale-notice-link = קריאת המקור העדכני

## Side-by-side preview (stele serve)

sxs-toggle = זה לצד זה
sxs-source = מקור ({ $language })
sxs-translation = תרגום ({ $language })
sxs-missing-anchor = עוגן זה חסר בתרגום
sxs-show-originals = הצגת המקורות של תרגום המכונה

## Search

search-label = חיפוש
search-results = { $count ->
    [one] תוצאה אחת
    [two] שתי תוצאות
   *[other] { $count } תוצאות
}
search-no-results = אין תוצאות
search-unavailable = החיפוש אינו זמין כאן.

## Page tools

theme-dark = מצב כהה
edit-page = עריכת דף זה
copy-code = העתקה
copy-code-done = הועתק
heading-link = קישור לסעיף זה

## Language names

language-en = אנגלית
language-ja = יפנית
language-de = גרמנית
language-ar = ערבית
language-zh = סינית
language-zh-TW = סינית (מסורתית)
language-ru = רוסית
language-it = איטלקית
language-sv = שוודית
language-he = עברית

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = הערה
alert-tip = עצה
alert-important = חשוב
alert-warning = אזהרה
alert-caution = זהירות
zone-choose = בחירת אפשרות
moniker-choose = גרסה
video-title = וידאו
image-lightbox = פתיחת התמונה בגודל מלא
image-description = תיאור
shortcode-tabs = כרטיסיות
shortcode-details = פרטים

## Navigation: previous and next page

pager = הדף הקודם והדף הבא
previous-page = הקודם
next-page = הבא
