//! Browser tests: `stele serve` on 127.0.0.1 with the fixture site
//! `tests/fixtures/browser/site`, opened in headless Chromium (Debian's
//! `chromium`) driven over the DevTools protocol by `browser/cdp.rs`.
//!
//! The page structure the tests rely on is the DOM contract of the theme:
//! `<html lang dir>`, `article.stele-article` > `div.stele-content`, the
//! switcher `nav.stele-langs a.stele-lang[hreflang]` (`aria-current` on
//! the current one), `div.stele-notice.stele-mt-notice` and
//! `.stele-fallback-notice`, and in serve mode `button.stele-sxs-toggle`
//! showing `div.stele-sxs` > `div.stele-sxs-row` > `div.stele-sxs-source`
//! + `div.stele-sxs-translation`, `.stele-sxs-missing-anchor`.
//! Screenshots go to `target/browser-artifacts/`. Without Chromium the
//! tests are skipped with one line saying why, unless
//! `STELE_REQUIRE_BROWSER=1` (set by `.ci/run`): then they fail and say
//! what to install.

#[path = "browser/cdp.rs"]
mod cdp;
mod support;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cdp::{Browser, Tab};
use support::{Server, copy_fixture};

/// One browser at a time: the machines running these tests have few cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn artifact(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("browser-artifacts").join(format!("{name}.png"))
}

/// Fails with a clear reason when the page is not rendered by the theme
/// (the render stage is still the placeholder that emits bare HTML).
fn require_theme(tab: &mut Tab<'_>, what: &str) {
    if !tab
        .eval("!!document.querySelector('article.stele-article')")
        .as_bool()
        .unwrap_or(false)
    {
        panic!(
            "the page has no `<article class=\"stele-article\">`: the theme (render stage) has not landed, \
             so {what} cannot be tested yet"
        );
    }
}

fn with_page(name: &str, path: &str, test: impl FnOnce(&mut Tab<'_>, &Server, &std::path::Path)) {
    if !cdp::browser_available() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (_tmp, site) = copy_fixture("browser/site");
    let server = Server::start(&site, &[]);
    let mut browser = Browser::launch();
    let mut tab = browser.tab();
    tab.goto(&format!("{}{path}", server.url));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        test(&mut tab, &server, &site)
    }));
    tab.screenshot(&artifact(name));
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn switcher_navigates_to_the_translation() {
    with_page("switcher", "/en-us/guide/", |tab, _, _| {
        require_theme(tab, "the language switcher");
        assert_eq!(tab.eval("document.documentElement.lang"), "en-US");
        assert_eq!(
            tab.eval("document.querySelector('nav.stele-langs a.stele-lang[aria-current=\"page\"]').hreflang"),
            "en-US"
        );
        tab.click("nav.stele-langs a.stele-lang[hreflang=\"ja-JP\"]");
        assert!(
            tab.wait_for(
                "location.pathname === '/ja-jp/guide/' && document.readyState === 'complete'",
                Duration::from_secs(10)
            ),
            "the switcher did not open the ja-JP translation: {}",
            tab.eval("location.href")
        );
        assert_eq!(tab.eval("document.documentElement.lang"), "ja-JP");
        assert_eq!(
            tab.eval("document.querySelector('nav.stele-langs a.stele-lang[aria-current=\"page\"]').hreflang"),
            "ja-JP"
        );
    });
}

#[test]
fn rtl_page_renders_right_to_left() {
    with_page("rtl", "/ar-sa/guide/", |tab, _, _| {
        require_theme(tab, "right-to-left layout");
        assert_eq!(tab.eval("document.documentElement.dir"), "rtl");
        assert_eq!(
            tab.eval("getComputedStyle(document.documentElement).direction"),
            "rtl"
        );
        // Layout, not only the attribute: the heading's text hugs the right edge of its box.
        let r = tab.eval(
            "(() => { const h = document.querySelector('article.stele-article h1'); const range = document.createRange(); \
             range.selectNodeContents(h); const t = range.getBoundingClientRect(), b = h.getBoundingClientRect(); \
             return { dir: getComputedStyle(h).direction, gapRight: b.right - t.right, gapLeft: t.left - b.left }; })()",
        );
        assert_eq!(r["dir"], "rtl");
        let (right, left) = (
            r["gapRight"].as_f64().unwrap(),
            r["gapLeft"].as_f64().unwrap(),
        );
        assert!(
            right < 2.0 && left > 20.0,
            "the heading's text is not right-aligned: {r}"
        );
    });
}

#[test]
fn saving_a_file_reloads_the_open_page_within_two_seconds() {
    with_page("reload", "/en-us/guide/", |tab, server, site| {
        assert!(
            tab.eval("document.body.innerText.includes('SOURCE-MARKER')")
                .as_bool()
                .unwrap()
        );
        // The live-reload stream is connected before the save.
        assert!(tab.wait_for(
            "window.__stele && window.__stele.build >= 1",
            Duration::from_secs(5)
        ));
        std::thread::sleep(Duration::from_millis(300));
        tab.eval("window.__notReloaded = true");
        let file = site.join("content/en-US/guide.md");
        let text = std::fs::read_to_string(&file).unwrap();
        let saved = Instant::now();
        std::fs::write(&file, text.replace("SOURCE-MARKER", "SAVED-MARKER")).unwrap();
        let reloaded = tab.wait_for(
            "!window.__notReloaded && document.readyState === 'complete' && document.body.innerText.includes('SAVED-MARKER')",
            Duration::from_secs(2),
        );
        let took = saved.elapsed();
        assert!(
            reloaded,
            "the page did not reload within 2 s of the save\n{}",
            server.stderr()
        );
        eprintln!("page reloaded {} ms after the save", took.as_millis());
    });
}

#[test]
fn side_by_side_toggle_shows_source_beside_translation() {
    with_page("side-by-side", "/ja-jp/guide/", |tab, _, _| {
        require_theme(tab, "the side-by-side view");
        let toggle = "button.stele-sxs-toggle";
        assert_eq!(
            tab.eval(&format!(
                "document.querySelector('{toggle}').getAttribute('aria-pressed')"
            )),
            "false"
        );
        tab.click(toggle);
        assert!(
            tab.wait_for(
                "(() => { const v = document.querySelector('div.stele-sxs'); return v && v.getBoundingClientRect().height > 0; })()",
                Duration::from_secs(5)
            ),
            "the side-by-side view did not appear"
        );
        assert_eq!(
            tab.eval(&format!(
                "document.querySelector('{toggle}').getAttribute('aria-pressed')"
            )),
            "true"
        );
        let rows = tab.eval(
            "Array.from(document.querySelectorAll('div.stele-sxs div.stele-sxs-row')).map(r => { \
               const s = r.querySelector('div.stele-sxs-source'), t = r.querySelector('div.stele-sxs-translation'); \
               if (!s || !t) return null; const a = s.getBoundingClientRect(), b = t.getBoundingClientRect(); \
               return { sLang: s.lang, tLang: t.lang, source: s.innerText, \
                        beside: (a.right <= b.left + 1 || b.right <= a.left + 1) && a.top < b.bottom && b.top < a.bottom }; })",
        );
        let rows = rows.as_array().expect("rows");
        assert!(
            rows.len() >= 3,
            "one row per section (3 headings): {rows:?}"
        );
        for r in rows {
            assert!(
                !r.is_null(),
                "a row lacks its source or translation: {rows:?}"
            );
            assert_eq!(r["sLang"], "en-US");
            assert_eq!(r["tLang"], "ja-JP");
            assert_eq!(
                r["beside"], true,
                "source and translation are not side by side: {r}"
            );
        }
        assert!(
            rows.iter()
                .any(|r| r["source"].as_str().unwrap_or("").contains("SOURCE-MARKER")),
            "{rows:?}"
        );
        // The source's `AboutSupport` anchor is missing from the translation.
        assert!(
            tab.eval("!!document.querySelector('div.stele-sxs .stele-sxs-missing-anchor')")
                .as_bool()
                .unwrap(),
            "the missing anchor is not marked"
        );
    });
}

#[test]
fn machine_translation_notice_and_fallback_banner_appear() {
    with_page("mt-notice", "/ja-jp/guide/", |tab, server, _| {
        require_theme(tab, "the machine-translation notice");
        let visible = |sel: &str| {
            format!(
                "(() => {{ const e = document.querySelector('{sel}'); return !!e && e.getBoundingClientRect().height > 0 \
                 && getComputedStyle(e).visibility !== 'hidden'; }})()"
            )
        };
        assert!(
            tab.eval(&visible("div.stele-notice.stele-mt-notice[role=note]"))
                .as_bool()
                .unwrap(),
            "no MT notice"
        );
        assert_eq!(
            tab.eval("new URL(document.querySelector('div.stele-mt-notice a').href).pathname"),
            "/en-us/guide/",
            "the notice links to the source"
        );
        assert!(
            tab.eval("!document.querySelector('div.stele-fallback-notice')")
                .as_bool()
                .unwrap()
        );

        // A human translation has no notice.
        tab.goto(&format!("{}/ar-sa/guide/", server.url));
        assert!(
            tab.eval("!document.querySelector('div.stele-mt-notice')")
                .as_bool()
                .unwrap(),
            "HT with an MT notice"
        );

        // de-DE has no guide: a fallback page with the source's content.
        tab.goto(&format!("{}/de-de/guide/", server.url));
        tab.screenshot(&artifact("fallback-banner"));
        assert_eq!(tab.eval("document.documentElement.lang"), "de-DE");
        assert!(
            tab.eval(&visible(
                "div.stele-notice.stele-fallback-notice[role=note]"
            ))
            .as_bool()
            .unwrap(),
            "no fallback banner"
        );
        assert_eq!(
            tab.eval("document.querySelector('div.stele-content').lang"),
            "en-US"
        );
        assert!(
            tab.eval(
                "document.querySelector('div.stele-content').innerText.includes('SOURCE-MARKER')"
            )
            .as_bool()
            .unwrap()
        );
    });
}

#[test]
fn sidebar_shows_the_whole_tree_with_javascript() {
    with_page("nav", "/en-us/more/deep/", |tab, _, _| {
        require_theme(tab, "the sidebar");
        assert!(
            tab.wait_for(
                "!!document.querySelector('#stele-nav a[href=\"/en-us/guide/\"]')",
                Duration::from_secs(10)
            ),
            "the whole tree did not replace the page's ancestors and siblings: {}",
            tab.eval("document.querySelector('#stele-nav').outerHTML")
        );
        // As the pages were rendered before: the page's folder open, its link current.
        assert_eq!(
            tab.eval(
                "document.querySelector('#stele-nav a[aria-current=\"page\"]').getAttribute('href')"
            ),
            "/en-us/more/deep/"
        );
        assert_eq!(
            tab.eval("document.querySelectorAll('#stele-nav a[aria-current]').length"),
            1
        );
        assert_eq!(
            tab.eval("!!document.querySelector('#stele-nav li.stele-nav-open a[href=\"/en-us/more/other/\"]')"),
            true
        );
    });
    // Another page: the folder closed, a link to its first page.
    with_page("nav-top", "/en-us/guide/", |tab, _, _| {
        require_theme(tab, "the sidebar");
        assert!(
            tab.wait_for(
                "!!document.querySelector('#stele-nav li.stele-nav-folder:not(.stele-nav-open) > a[href=\"/en-us/more/deep/\"]')",
                Duration::from_secs(10)
            ),
            "{}",
            tab.eval("document.querySelector('#stele-nav').outerHTML")
        );
        assert_eq!(
            tab.eval(
                "document.querySelector('#stele-nav a[aria-current=\"page\"]').getAttribute('href')"
            ),
            "/en-us/guide/"
        );
        assert_eq!(
            tab.eval("!!document.querySelector('#stele-nav a[href=\"/en-us/more/other/\"]')"),
            false
        );
    });
}

/// The DocFX tab group `n` of the page: which tab is selected and which
/// panels show.
fn tab_state(tab: &mut Tab<'_>, n: usize) -> serde_json::Value {
    tab.eval(&format!(
        "(() => {{ const g = document.querySelectorAll('.docfx-tabs')[{n}]; \
         const tabs = [...g.querySelectorAll('[role=tab]')]; \
         return {{ selected: tabs.filter(t => t.getAttribute('aria-selected') === 'true').map(t => t.dataset.tab), \
         shown: [...g.querySelectorAll('[role=tabpanel]')].filter(p => !p.hidden && p.offsetParent !== null).map(p => p.dataset.tab), \
         focused: document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.tab || null : null, \
         listShown: g.querySelector('[role=tablist]').offsetParent !== null }}; }})()"
    ))
}

#[test]
fn docfx_tabs_switch_by_click_keyboard_and_link() {
    with_page("docfx-tabs", "/en-us/tabs/", |tab, _, _| {
        require_theme(tab, "DocFX tabs");
        assert!(
            tab.wait_for(
                "document.querySelector('.docfx-tabs.docfx-js')",
                Duration::from_secs(5)
            ),
            "tabs.js did not run"
        );
        let s = tab_state(tab, 0);
        assert_eq!(s["selected"], serde_json::json!(["windows"]), "{s}");
        assert_eq!(s["shown"], serde_json::json!(["windows"]), "{s}");
        assert_eq!(s["listShown"], true, "{s}");
        // With JS the titles inside the panels are hidden (the tab shows them).
        assert_eq!(
            tab.eval("document.querySelector('.docfx-tab-title').offsetParent === null"),
            true
        );
        // Click: this group and the group with the same ids switch together.
        tab.click(".docfx-tabs [role=tab][data-tab=linux]");
        let s = tab_state(tab, 0);
        assert_eq!(s["shown"], serde_json::json!(["linux"]), "{s}");
        let s2 = tab_state(tab, 1);
        assert_eq!(s2["shown"], serde_json::json!(["linux"]), "{s2}");
        // Keyboard: arrows move and select, wrapping; Home and End.
        tab.press("ArrowRight");
        let s = tab_state(tab, 0);
        assert_eq!(s["selected"], serde_json::json!(["mac"]), "{s}");
        assert_eq!(s["focused"], "mac", "{s}");
        // The second group has no macOS tab: it keeps Linux.
        assert_eq!(tab_state(tab, 1)["shown"], serde_json::json!(["linux"]));
        tab.press("ArrowRight");
        assert_eq!(
            tab_state(tab, 0)["selected"],
            serde_json::json!(["windows"])
        );
        tab.press("End");
        assert_eq!(tab_state(tab, 0)["focused"], "mac");
        tab.press("Home");
        assert_eq!(tab_state(tab, 0)["focused"], "windows");
        assert_eq!(tab_state(tab, 1)["shown"], serde_json::json!(["windows"]));
        // Only the selected tab is in the tab order.
        assert_eq!(
            tab.eval("[...document.querySelectorAll('.docfx-tabs')[0].querySelectorAll('[role=tab]')].map(t => t.tabIndex)"),
            serde_json::json!([0, -1, -1])
        );
        // A `#tab/linux` link selects its tab.
        tab.click("a[href='#tab/linux']");
        assert!(
            tab.wait_for(
                "document.querySelectorAll('.docfx-tabs')[0].querySelector('[data-tab=linux][role=tab]').getAttribute('aria-selected') === 'true'",
                Duration::from_secs(5)
            ),
            "the #tab/linux link did not select its tab: {}",
            tab_state(tab, 0)
        );
    });
}

#[test]
fn docfx_zone_pivots_switch_with_the_selector() {
    with_page("docfx-zones", "/en-us/tabs/", |tab, _, _| {
        require_theme(tab, "DocFX zone pivots");
        let shown = "[...document.querySelectorAll('.docfx-switch')].filter(s => s.offsetParent !== null).map(s => s.dataset.value)";
        assert!(
            tab.wait_for(
                "document.querySelector('.docfx-selector select')",
                Duration::from_secs(5)
            ),
            "tabs.js built no pivot selector"
        );
        assert_eq!(tab.eval(shown), serde_json::json!(["admin-center"]));
        assert_eq!(
            tab.eval("document.querySelector('.docfx-selector label').textContent"),
            "Choose an option"
        );
        // Choose PowerShell, as the select does when a reader picks it.
        tab.eval(
            "(() => { const s = document.querySelector('.docfx-selector select'); s.value = 'powershell'; s.dispatchEvent(new Event('change')); })()",
        );
        assert!(
            tab.wait_for(
                &format!("JSON.stringify({shown}) === '[\"powershell\"]'"),
                Duration::from_secs(5)
            ),
            "the PowerShell zone did not show: {}",
            tab.eval(shown)
        );
        // The labels are for readers without JS only.
        assert_eq!(
            tab.eval("[...document.querySelectorAll('.docfx-switch-label')].every(l => l.offsetParent === null)"),
            true
        );
    });
}

#[test]
fn docfx_tabs_and_zones_without_javascript_show_everything() {
    if !cdp::browser_available() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (_tmp, site) = copy_fixture("browser/site");
    let server = Server::start(&site, &[]);
    let mut browser = Browser::launch();
    let mut tab = browser.tab();
    tab.disable_scripts();
    tab.goto(&format!("{}/en-us/tabs/", server.url));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        require_theme(&mut tab, "the no-JS fallback of tabs");
        assert_eq!(
            tab.eval("!!document.querySelector('.docfx-js')"),
            false,
            "scripts ran"
        );
        // Every panel shows, under its title; the tab list stays hidden.
        assert_eq!(
            tab.eval("[...document.querySelectorAll('[role=tabpanel]')].filter(p => p.offsetParent !== null).length"),
            5
        );
        assert_eq!(
            tab.eval("[...document.querySelectorAll('.docfx-tab-title')].filter(t => t.offsetParent !== null).map(t => t.textContent)"),
            serde_json::json!(["Windows", "Linux", "macOS", "Windows", "Linux"])
        );
        assert_eq!(
            tab.eval("[...document.querySelectorAll('[role=tablist]')].every(l => l.offsetParent === null)"),
            true
        );
        // Every zone shows with its label.
        assert_eq!(
            tab.eval("[...document.querySelectorAll('.docfx-switch-label')].filter(l => l.offsetParent !== null).map(l => l.textContent)"),
            serde_json::json!(["admin-center", "powershell"])
        );
    }));
    tab.screenshot(&artifact("docfx-no-js"));
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn docfx_tabs_follow_the_arrows_right_to_left() {
    with_page("docfx-tabs-rtl", "/ar-sa/tabs/", |tab, _, _| {
        require_theme(tab, "DocFX tabs right to left");
        assert!(
            tab.wait_for(
                "document.querySelector('.docfx-tabs.docfx-js')",
                Duration::from_secs(5)
            ),
            "tabs.js did not run"
        );
        // The first tab sits at the right edge in RTL.
        let r = tab.eval(
            "(() => { const t = [...document.querySelectorAll('[role=tab]')].map(b => b.getBoundingClientRect().left); return t[0] > t[1]; })()",
        );
        assert_eq!(r, true, "the tabs are not laid out right to left");
        tab.eval("document.querySelector('[role=tab]').focus()");
        // In RTL the next tab is to the left.
        tab.press("ArrowLeft");
        assert_eq!(tab_state(tab, 0)["selected"], serde_json::json!(["linux"]));
        tab.press("ArrowRight");
        assert_eq!(
            tab_state(tab, 0)["selected"],
            serde_json::json!(["windows"])
        );
        assert_eq!(
            tab.eval("document.querySelector('.markdown-alert-title').textContent"),
            "ملاحظة"
        );
    });
}
