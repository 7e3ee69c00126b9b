//! Browser tests of the theme's page tools (issue 11): search as you type
//! in English and Japanese with keyboard navigation, the dark-mode toggle,
//! copy buttons, heading links, highlighted code, and axe-core on article
//! pages in en-US, ar-SA and ja-JP. `stele serve` on the fixture site
//! `tests/fixtures/browser/tools`, in Debian's headless Chromium.
//!
//! axe-core is not downloaded by the tests: `.ci/run` installs the npm
//! package into `target/axe/` (or set `STELE_AXE` to `axe.min.js`), and the
//! tests read it from disk and evaluate it in the page.
//! Screenshots go to `target/browser-artifacts/`.

#[path = "browser/cdp.rs"]
mod cdp;
mod support;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use cdp::{Browser, Tab};
use support::{Server, copy_fixture};

/// One browser at a time: the machines running these tests have few cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn artifact(name: &str) -> PathBuf {
    target_dir()
        .join("browser-artifacts")
        .join(format!("{name}.png"))
}

fn with_site(name: &str, test: impl FnOnce(&mut Tab<'_>, &Server)) {
    with_site_at(name, |tab, server, _| test(tab, server));
}

fn with_site_at(name: &str, test: impl FnOnce(&mut Tab<'_>, &Server, &std::path::Path)) {
    // Skipped with one line where Chromium is missing, unless required.
    if !cdp::browser_available() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (_tmp, site) = copy_fixture("browser/tools");
    let server = Server::start(&site, &[]);
    let mut browser = Browser::launch();
    let mut tab = browser.tab();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        test(&mut tab, &server, &site)
    }));
    tab.screenshot(&artifact(&format!("{name}-last")));
    if let Err(e) = result {
        eprintln!("{}", server.stderr());
        std::panic::resume_unwind(e);
    }
}

/// `stele serve` builds the search index after the pages are served.
fn wait_for_index(tab: &mut Tab<'_>, server: &Server) {
    tab.eval(
        "window.__index = null; fetch('/_stele/pagefind/pagefind-entry.json').then(r => { window.__index = r.ok; })",
    );
    for _ in 0..60 {
        if tab.wait_for("window.__index === true", Duration::from_millis(500)) {
            return;
        }
        tab.eval(
            "fetch('/_stele/pagefind/pagefind-entry.json').then(r => { window.__index = r.ok; })",
        );
    }
    panic!("the search index was never served\n{}", server.stderr());
}

fn search(tab: &mut Tab<'_>, query: &str) -> serde_json::Value {
    tab.click("#stele-search-input");
    tab.type_text(query);
    assert!(
        tab.wait_for(
            "document.querySelectorAll('.stele-search-results a').length > 0 \
             && !document.querySelector('.stele-search-panel').hidden",
            Duration::from_secs(15)
        ),
        "no results for {query:?}: status {:?}",
        tab.eval("document.querySelector('.stele-search-status').textContent")
    );
    tab.eval(
        "Array.from(document.querySelectorAll('.stele-search-results a')).map(a => ({ \
           path: new URL(a.href).pathname, title: a.querySelector('.stele-search-title').textContent, \
           excerpt: a.querySelector('.stele-search-excerpt').innerHTML }))",
    )
}

#[test]
fn search_finds_english_and_japanese_words_as_you_type() {
    with_site("search-results", |tab, server| {
        tab.goto(&format!("{}/ja-jp/assets/", server.url));
        wait_for_index(tab, server);
        let ja = search(tab, "翻訳");
        let ja = ja.as_array().unwrap();
        assert!(
            ja.iter()
                .all(|r| r["path"].as_str().unwrap().starts_with("/ja-jp/")),
            "a ja-JP page searches the ja-JP index: {ja:?}"
        );
        assert!(ja.iter().any(|r| r["path"] == "/ja-jp/assets/"), "{ja:?}");
        assert!(
            ja.iter()
                .any(|r| r["excerpt"].as_str().unwrap().contains("<mark>翻訳</mark>")),
            "the hit is marked in the excerpt: {ja:?}"
        );
        // The count, in Japanese.
        let status = tab.eval("document.querySelector('.stele-search-status').textContent");
        assert!(status.as_str().unwrap().contains("件の結果"), "{status}");

        tab.goto(&format!("{}/en-us/assets/", server.url));
        let en = search(tab, "asset");
        let en = en.as_array().unwrap();
        assert!(
            en.iter()
                .all(|r| r["path"].as_str().unwrap().starts_with("/en-us/")),
            "{en:?}"
        );
        assert!(en.iter().any(|r| r["title"] == "Asset ids"), "{en:?}");
        // Navigation is not indexed: "Start" is only the sidebar's and the
        // start page's title; the label of the search box is not content.
        let status = tab.eval("document.querySelector('.stele-search-status').textContent");
        assert!(
            status.as_str().unwrap().ends_with("result")
                || status.as_str().unwrap().ends_with("results"),
            "{status}"
        );

        // Keyboard: ↓ moves into the results, ↑ back to the box, Esc closes.
        tab.press("ArrowDown");
        assert_eq!(
            tab.eval(
                "document.activeElement === document.querySelector('.stele-search-results a')"
            ),
            true
        );
        tab.screenshot(&artifact("search-results"));
        tab.press("ArrowUp");
        assert_eq!(tab.eval("document.activeElement.id"), "stele-search-input");
        tab.press("Escape");
        assert_eq!(
            tab.eval("document.querySelector('.stele-search-panel').hidden"),
            true
        );
        // Enter opens the first result.
        tab.press("ArrowDown");
        tab.press("Enter");
        assert!(
            tab.wait_for(
                "location.pathname === '/en-us/assets/' && document.readyState === 'complete'",
                Duration::from_secs(10)
            ),
            "{}",
            tab.eval("location.href")
        );
    });
}

#[test]
fn serve_rebuilds_the_search_index_after_a_save() {
    with_site_at("search-serve", |tab, server, site| {
        tab.goto(&format!("{}/en-us/assets/", server.url));
        wait_for_index(tab, server);
        let file = site.join("content/en-US/assets.md");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("ties its translations", "ties its zebrafinch translations"),
        )
        .unwrap();
        // The page reloads with the new text; the index follows it.
        assert!(
            tab.wait_for(
                "document.body.innerText.includes('zebrafinch')",
                Duration::from_secs(10)
            ),
            "the page did not reload\n{}",
            server.stderr()
        );
        let mut found = serde_json::Value::Null;
        for _ in 0..30 {
            found = tab.eval(
                "import('/_stele/pagefind/pagefind.js?' + Date.now()).then(async pf => { \
                   await pf.options({ baseUrl: '/' }); const r = await pf.search('zebrafinch'); \
                   return r.results.length; })",
            );
            if found.as_u64().unwrap_or(0) > 0 {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
            tab.goto(&format!("{}/en-us/assets/", server.url));
        }
        assert_eq!(found, 1, "the new word is never found\n{}", server.stderr());
    });
}

#[test]
fn dark_mode_toggle_switches_and_persists() {
    with_site("dark-mode", |tab, server| {
        tab.emulate_color_scheme("light");
        tab.goto(&format!("{}/en-us/assets/", server.url));
        let bg = "getComputedStyle(document.body).backgroundColor";
        assert_eq!(tab.eval(bg), "rgb(255, 255, 255)");
        assert_eq!(
            tab.eval("document.querySelector('.stele-theme-toggle').getAttribute('aria-pressed')"),
            "false"
        );
        tab.click(".stele-theme-toggle");
        assert!(tab.wait_for(
            "document.documentElement.dataset.theme === 'dark'",
            Duration::from_secs(5)
        ));
        assert_eq!(tab.eval(bg), "rgb(15, 18, 22)");
        assert_eq!(
            tab.eval("document.querySelector('.stele-theme-toggle').getAttribute('aria-pressed')"),
            "true"
        );
        // Code keeps its classes and gets the dark palette.
        let keyword = tab.eval(
            "getComputedStyle(document.querySelector('pre.hl .hl-function, pre.hl .hl-keyword')).color",
        );
        assert_ne!(keyword, tab.eval(bg), "code is readable in dark mode");
        // Persisted: a new page (and a reload) stays dark, before any script runs.
        tab.goto(&format!("{}/en-us/", server.url));
        assert_eq!(tab.eval("document.documentElement.dataset.theme"), "dark");
        assert_eq!(tab.eval(bg), "rgb(15, 18, 22)");
        tab.goto(&format!("{}/en-us/assets/", server.url));
        tab.screenshot(&artifact("dark-mode"));
        // And back to light, also persisted.
        tab.click(".stele-theme-toggle");
        tab.goto(&format!("{}/en-us/assets/", server.url));
        assert_eq!(tab.eval(bg), "rgb(255, 255, 255)");
        // Without a stored choice, the system's dark preference is followed.
        tab.eval("localStorage.removeItem('stele-theme')");
        tab.emulate_color_scheme("dark");
        tab.goto(&format!("{}/en-us/assets/", server.url));
        assert_eq!(tab.eval(bg), "rgb(15, 18, 22)");
        assert_eq!(
            tab.eval("document.querySelector('.stele-theme-toggle').getAttribute('aria-pressed')"),
            "true"
        );
    });
}

#[test]
fn code_is_highlighted_with_copy_buttons_and_headings_have_links() {
    with_site("page-tools", |tab, server| {
        tab.goto(&format!("{}/en-us/assets/", server.url));
        let langs =
            tab.eval("Array.from(document.querySelectorAll('pre.hl')).map(p => p.dataset.lang)");
        assert_eq!(
            langs,
            serde_json::json!(["yaml", "bash", "console", "powershell"])
        );
        assert_eq!(
            tab.eval("document.querySelectorAll('pre.hl [style]').length"),
            0,
            "classes, not inline styles"
        );
        assert_eq!(
            tab.eval("document.querySelectorAll('.stele-code > button.stele-copy').length"),
            4
        );
        // The heading link appears on hover and points at the heading.
        let href = tab
            .eval("new URL(document.querySelector('h2#set-an-asset-id a.stele-anchor').href).hash");
        assert_eq!(href, "#set-an-asset-id");
        assert_eq!(
            tab.eval("document.querySelector('h2#set-an-asset-id a.stele-anchor').getAttribute('aria-label')"),
            "Link to this section: Set an asset id"
        );
        // Edit link from `edit_url`, last updated from `ms.date`.
        assert_eq!(
            tab.eval("document.querySelector('.stele-edit a').href"),
            "https://github.com/org/repo/edit/main/content/en-US/assets.md"
        );
        assert_eq!(
            tab.eval("document.querySelector('.stele-updated time').getAttribute('datetime')"),
            "2024-03-01"
        );
        // Copying a console block copies the commands without prompts or output.
        tab.eval(
            "window.__copied = null; navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); }",
        );
        tab.click("pre.hl[data-lang=console] ~ button.stele-copy");
        assert!(tab.wait_for("window.__copied !== null", Duration::from_secs(5)));
        assert_eq!(tab.eval("window.__copied"), "stele build\n");
        assert_eq!(
            tab.eval("document.querySelector('pre.hl[data-lang=console] ~ button.stele-copy').textContent"),
            "Copied"
        );
        // Labels in the page's language.
        tab.goto(&format!("{}/ja-jp/assets/", server.url));
        assert_eq!(
            tab.eval("document.querySelector('button.stele-copy').textContent"),
            "コピー"
        );
        assert_eq!(
            tab.eval("document.querySelector('#stele-search-input').placeholder"),
            "検索"
        );
    });
}

/// axe-core's script, or `None` (the test is skipped with one line) where
/// it is not installed and `STELE_REQUIRE_BROWSER` does not require it, as
/// for Chromium: `cargo test` passes with only the Rust toolchain.
fn axe_source() -> Option<String> {
    let path = std::env::var_os("STELE_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("axe/node_modules/axe-core/axe.min.js"));
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            let message = format!(
                "axe-core is not installed at `{}` ({e}): the accessibility tests need it\n\
                 hint: `npm install --prefix target/axe axe-core@4` (CI's .ci/run does this), or set STELE_AXE",
                path.display()
            );
            let required =
                std::env::var("STELE_REQUIRE_BROWSER").is_ok_and(|v| !v.is_empty() && v != "0");
            if required {
                panic!("{message}");
            }
            eprintln!("skipping the accessibility test: {message}");
            None
        }
    }
}

#[test]
fn article_pages_have_no_serious_accessibility_violations() {
    let Some(axe) = axe_source() else {
        return;
    };
    with_site("axe", |tab, server| {
        for (path, scheme) in [
            ("/en-us/assets/", "light"),
            ("/ar-sa/assets/", "light"),
            ("/ja-jp/assets/", "light"),
            ("/en-us/assets/", "dark"),
        ] {
            tab.emulate_color_scheme(scheme);
            tab.goto(&format!("{}{path}", server.url));
            tab.eval(&axe);
            let r = tab.eval(
                "axe.run(document, { resultTypes: ['violations'] }).then(r => ({ passes: r.passes.length, \
                   all: r.violations.map(v => v.id + ' (' + v.impact + ')'), \
                   serious: r.violations \
                   .filter(v => v.impact === 'serious' || v.impact === 'critical') \
                   .map(v => ({ id: v.id, impact: v.impact, help: v.help, \
                                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary) })) }))",
            );
            // axe ran its rules (a page it could not check would pass nothing).
            assert!(r["passes"].as_u64().unwrap_or(0) >= 10, "{r}");
            eprintln!("axe on {path} ({scheme}): {}", r["all"]);
            assert_eq!(
                r["serious"],
                serde_json::json!([]),
                "axe-core finds serious or critical violations on {path} ({scheme})"
            );
        }
    });
}
