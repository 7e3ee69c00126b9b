## Page chrome

skip-to-content = コンテンツへスキップ
site-navigation = 記事
breadcrumb = 階層リンク
home = ホーム
pager = 前後のページ
previous-page = 前へ
next-page = 次へ
menu = メニュー
on-this-page = このページの内容
available-in = 表示言語
last-updated = 最終更新日
all-articles = すべての記事
no-articles = この言語の記事はまだありません。

## Site root and 404

choose-language = 言語を選択してください
not-found-title = ページが見つかりません
not-found-text = このアドレスにページはありません。移動したか、この言語では存在しない可能性があります。
not-found-home = トップページへ

## Translation notices

mt-notice = この記事は機械翻訳されたものであり、誤りが含まれている可能性があります。
mt-notice-link = { $language }の原文を読む
fallback-notice = この記事はまだ{ $language }に翻訳されていません。{ $source }の原文を表示しています。
stale-notice = この記事の原文は翻訳後に変更されています。
stale-notice-date = この記事の原文は翻訳後の{ $date }に変更されました。
stale-notice-link = 最新の原文を読む

## Side-by-side preview (stele serve)

sxs-toggle = 原文と並べて表示
sxs-source = 原文 ({ $language })
sxs-translation = 翻訳 ({ $language })
sxs-missing-anchor = このアンカーは翻訳にありません
sxs-show-originals = 機械翻訳の原文を表示

## Language names

language-en = 英語
language-ja = 日本語
language-de = ドイツ語
language-ar = アラビア語
language-zh = 中国語
language-zh-TW = 中国語 (繁体字)
language-ru = ロシア語
language-it = イタリア語
language-sv = スウェーデン語

## DocFX extensions: alert labels, selectors of zones and versions, media

alert-note = 注記
alert-tip = ヒント
alert-important = 重要
alert-warning = 警告
alert-caution = 注意
zone-choose = オプションを選択
moniker-choose = バージョン
video-title = ビデオ
image-lightbox = フルサイズの画像を開く
image-description = 説明

## Hugo shortcodes

shortcode-tabs = タブ
shortcode-details = 詳細
