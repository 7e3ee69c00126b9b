## Page chrome

skip-to-content = सामग्री पर जाएँ
site-navigation = लेख
breadcrumb = ब्रेडक्रंब
home = होम
menu = मेनू
on-this-page = इस पृष्ठ पर
available-in = इन भाषाओं में उपलब्ध
last-updated = अंतिम अपडेट
all-articles = सभी लेख
no-articles = इस भाषा में अभी कोई लेख नहीं है।

## Site root and 404

choose-language = अपनी भाषा चुनें
not-found-title = पृष्ठ नहीं मिला
not-found-text = इस पते पर कोई पृष्ठ नहीं है। हो सकता है कि इसे कहीं और ले जाया गया हो, या यह इस भाषा में मौजूद न हो।
not-found-home = प्रारंभ पृष्ठ पर जाएँ

## Translation notices

mt-notice = इस लेख का अनुवाद मशीन से किया गया है और इसमें त्रुटियाँ हो सकती हैं।
mt-notice-link = मूल लेख { $language } में पढ़ें
fallback-notice = इस लेख का अभी { $language } में अनुवाद नहीं हुआ है। आप मूल लेख { $source } में पढ़ रहे हैं।
stale-notice = अनुवाद के बाद इस लेख का मूल बदल गया है।
stale-notice-date = अनुवाद के बाद, { $date } को इस लेख का मूल बदला गया।
stale-notice-link = वर्तमान मूल पढ़ें

## Side-by-side preview (stele serve)

sxs-toggle = साथ-साथ
sxs-source = मूल ({ $language })
sxs-translation = अनुवाद ({ $language })
sxs-missing-anchor = अनुवाद में यह एंकर नहीं है
sxs-show-originals = मशीनी अनुवाद के मूल दिखाएँ

## Search

search-label = खोजें
search-results = { $count ->
    [one] { $count } परिणाम
   *[other] { $count } परिणाम
}
search-no-results = कोई परिणाम नहीं
search-unavailable = यहाँ खोज उपलब्ध नहीं है।

## Page tools

theme-dark = डार्क मोड
edit-page = यह पृष्ठ संपादित करें
copy-code = कॉपी करें
copy-code-done = कॉपी किया गया
heading-link = इस अनुभाग का लिंक

## Language names

language-en = अंग्रेज़ी
language-ja = जापानी
language-de = जर्मन
language-ar = अरबी
language-zh = चीनी
language-zh-TW = चीनी (पारंपरिक)
language-ru = रूसी
language-it = इतालवी
language-sv = स्वीडिश
language-hi = हिन्दी

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = नोट
alert-tip = युक्ति
alert-important = महत्वपूर्ण
alert-warning = चेतावनी
alert-caution = सावधानी
zone-choose = कोई विकल्प चुनें
moniker-choose = संस्करण
video-title = वीडियो
image-lightbox = पूर्ण आकार की छवि खोलें
image-description = वर्णन
shortcode-tabs = टैब
shortcode-details = विवरण

## Navigation: previous and next page

pager = पिछला और अगला पृष्ठ
previous-page = पिछला
next-page = अगला
