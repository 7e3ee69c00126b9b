## Page chrome

skip-to-content = 주 콘텐츠로 건너뛰기
site-navigation = 문서
breadcrumb = 이동 경로
home = 홈
menu = 메뉴
on-this-page = 이 페이지의 내용
available-in = 사용 가능한 언어
last-updated = 마지막 업데이트
all-articles = 모든 문서
no-articles = 이 언어로 된 문서가 아직 없습니다.

## Site root and 404

choose-language = 언어 선택
not-found-title = 페이지를 찾을 수 없음
not-found-text = 이 주소에는 페이지가 없습니다. 페이지가 이동되었거나 이 언어로 제공되지 않을 수 있습니다.
not-found-home = 시작 페이지로 이동

## Translation notices

mt-notice = 이 문서는 기계 번역되었으며 오류가 있을 수 있습니다.
mt-notice-link = { $language } 원본 읽기
fallback-notice = 이 문서는 아직 { $language }로 번역되지 않았습니다. { $source } 원본을 읽고 있습니다.
stale-notice = 이 문서의 원본이 번역 후 변경되었습니다.
stale-notice-date = 이 문서의 원본이 번역 후 { $date }에 변경되었습니다.
stale-notice-link = 최신 원본 읽기

## Side-by-side preview (stele serve)

sxs-toggle = 나란히 보기
sxs-source = 원본({ $language })
sxs-translation = 번역({ $language })
sxs-missing-anchor = 번역에 이 앵커가 없습니다.
sxs-show-originals = 기계 번역 원본 표시

## Search

search-label = 검색
search-results = 결과 { $count }개
search-no-results = 결과 없음
search-unavailable = 여기에서는 검색을 사용할 수 없습니다.

## Page tools

theme-dark = 어두운 모드
edit-page = 이 페이지 편집
copy-code = 복사
copy-code-done = 복사됨
heading-link = 이 섹션에 대한 링크

## Language names

language-en = 영어
language-ja = 일본어
language-de = 독일어
language-ar = 아랍어
language-zh = 중국어
language-zh-TW = 중국어(번체)
language-ru = 러시아어
language-it = 이탈리아어
language-sv = 스웨덴어
language-ko = 한국어

## DocFX extensions and Hugo shortcodes: alert labels, selectors, media

alert-note = 참고
alert-tip = 팁
alert-important = 중요
alert-warning = 경고
alert-caution = 주의
zone-choose = 옵션 선택
moniker-choose = 버전
video-title = 비디오
image-lightbox = 전체 크기 이미지 열기
image-description = 설명
shortcode-tabs = 탭
shortcode-details = 세부 정보

## Navigation: previous and next page

pager = 이전 및 다음 페이지
previous-page = 이전
next-page = 다음
