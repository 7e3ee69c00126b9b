## Page chrome

skip-to-content = 跳至主要內容
site-navigation = 文章
breadcrumb = 頁面路徑
home = 首頁
pager = 上一頁與下一頁
previous-page = 上一頁
next-page = 下一頁
menu = 選單
on-this-page = 本頁內容
available-in = 提供語言
last-updated = 上次更新
all-articles = 所有文章
no-articles = 此語言尚無文章。

## Site root and 404

choose-language = 選擇您的語言
not-found-title = 找不到頁面
not-found-text = 此網址沒有頁面。頁面可能已移動，或此語言沒有此頁面。
not-found-home = 前往首頁

## Translation notices

mt-notice = 本文為機器翻譯，可能包含錯誤。
mt-notice-link = 閱讀{ $language }原文
fallback-notice = 本文尚未翻譯成{ $language }。您正在閱讀{ $source }原文。
stale-notice = 本文的原文在翻譯後已有變更。
stale-notice-date = 本文的原文在翻譯後於 { $date } 變更。
stale-notice-link = 閱讀最新原文

## Side-by-side preview (stele serve)

sxs-toggle = 並排顯示
sxs-source = 原文 ({ $language })
sxs-translation = 翻譯 ({ $language })
sxs-missing-anchor = 翻譯中缺少此錨點
sxs-show-originals = 顯示機器翻譯的原文

## Language names

language-en = 英文
language-ja = 日文
language-de = 德文
language-ar = 阿拉伯文
language-zh = 中文
language-zh-TW = 繁體中文
language-ru = 俄文
language-it = 義大利文
language-sv = 瑞典文

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = 附註
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 注意
zone-choose = 選擇選項
moniker-choose = 版本
video-title = 影片
image-lightbox = 開啟完整大小的影像
image-description = 描述

## Hugo shortcodes

shortcode-tabs = 索引標籤
shortcode-details = 詳細資料
