## Page chrome

skip-to-content = 跳转到主要内容
site-navigation = 文章
breadcrumb = 痕迹导航
home = 主页
menu = 菜单
on-this-page = 本页内容
available-in = 可用语言
last-updated = 上次更新
all-articles = 所有文章
no-articles = 此语言尚无文章。

## Site root and 404

choose-language = 选择语言
not-found-title = 找不到页面
not-found-text = 此地址没有页面。页面可能已移动，或此语言中没有该页面。
not-found-home = 转到首页

## Translation notices

mt-notice = 本文为机器翻译，可能包含错误。
mt-notice-link = 阅读{ $language }原文
fallback-notice = 本文尚未翻译成{ $language }。你正在阅读{ $source }原文。
stale-notice = 本文的原文在翻译后已更改。
stale-notice-date = 本文的原文在翻译后于 { $date } 更改。
stale-notice-link = 阅读最新原文

## Side-by-side preview (stele serve)

sxs-toggle = 并排显示
sxs-source = 原文（{ $language }）
sxs-translation = 译文（{ $language }）
sxs-missing-anchor = 译文中缺少此锚点
sxs-show-originals = 显示机器翻译的原文

## Search

search-label = 搜索
search-results = { $count } 个结果
search-no-results = 未找到结果
search-unavailable = 此处无法使用搜索。

## Page tools

theme-dark = 深色模式
edit-page = 编辑此页
copy-code = 复制
copy-code-done = 已复制
heading-link = 指向此部分的链接

## Language names

language-en = 英语
language-ja = 日语
language-de = 德语
language-ar = 阿拉伯语
language-zh = 中文
language-zh-TW = 繁体中文
language-ru = 俄语
language-it = 意大利语
language-sv = 瑞典语
language-zh-CN = 简体中文

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = 备注
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 注意
zone-choose = 选择一个选项
moniker-choose = 版本
video-title = 视频
image-lightbox = 打开全尺寸图像
image-description = 说明
shortcode-tabs = 选项卡
shortcode-details = 详细信息

## Navigation: previous and next page

pager = 上一页和下一页
previous-page = 上一页
next-page = 下一页
