//! `stele serve` end to end: the binary on 127.0.0.1 with a fixture site
//! copied to a temporary directory, driven over raw HTTP from this process.

mod support;

use std::time::{Duration, Instant};

use support::{Server, Sse, copy_fixture, try_get, try_get_host};

const START: &str = "content/en-US/guide/start.md";

#[test]
fn serves_pages_statics_and_the_reload_script() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &[]);
    let page = s.get("/en-us/guide/start/");
    assert_eq!(page.status, 200, "{}", s.stderr());
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text();
    assert!(html.contains("ORIGINAL-MARKER"));
    assert!(
        html.contains(r#"<script src="/_stele/livereload.js"></script>"#),
        "{html}"
    );
    assert!(
        !html.contains("stele-overlay"),
        "no overlay after a good build"
    );

    let js = s.get("/_stele/livereload.js");
    assert_eq!(js.status, 200);
    assert!(js.text().contains("new EventSource(\"/_stele/events\")"));

    let svg = s.get("/en-us/logo.svg");
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(svg.text().starts_with("<svg"));

    let moved = s.get("/en-us/guide/start");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("location"), Some("/en-us/guide/start/"));

    assert_eq!(s.get("/en-us/nothing-here/").status, 404);
    let ja = s.get("/ja-jp/guide/start/");
    assert_eq!(ja.status, 200);
    assert!(ja.text().contains("はじめに"));
}

#[test]
fn requests_are_confined_to_the_built_site() {
    let (tmp, site) = copy_fixture("serve/site");
    std::fs::write(tmp.path().join("secret.txt"), "TOP-SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        tmp.path().join("secret.txt"),
        site.join("content/en-US/leak.txt"),
    )
    .unwrap();
    let s = Server::start(&site, &[]);
    let absolute = format!("/{}", tmp.path().join("secret.txt").display());
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/en-us/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/en-us/%2e%2e/%2e%2e/secret.txt",
        "/en-us/..%2f..%2fsecret.txt",
        "/en-us%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/en-us/..%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/stele.toml",
        "/content/en-US/index.md",
        absolute.as_str(),
        "/en-us/leak.txt",
        "/en-us/%00",
    ];
    for path in attempts {
        let r = s.get(path);
        assert!(
            matches!(r.status, 400 | 404),
            "{path}: {} {}",
            r.status,
            r.text()
        );
        assert!(!r.text().contains("TOP-SECRET"), "{path} leaked the file");
        assert!(
            !r.text().contains("Serve fixture\""),
            "{path} leaked stele.toml"
        );
    }
    // Absolute-form request targets are confined the same way.
    let r = s.get(&format!("http://{}/../secret.txt", s.addr));
    assert!(matches!(r.status, 400 | 404), "absolute-form: {}", r.status);
    assert!(!r.text().contains("TOP-SECRET"));
    assert_eq!(s.get("/en-us/guide/start/").status, 200, "still serving");
}

#[test]
fn stays_responsive_under_a_burst_of_concurrent_requests() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &[]);
    // Open live-reload streams hold connections for the whole burst.
    let streams: Vec<Sse> = (0..16).map(|_| Sse::open(s.addr)).collect();
    for st in &streams {
        assert!(
            st.next("hello", Duration::from_secs(10)).is_some(),
            "events stream opened"
        );
    }
    const THREADS: usize = 32;
    const PER_THREAD: usize = 25;
    let paths = [
        "/en-us/guide/start/",
        "/ja-jp/guide/start/",
        "/en-us/logo.svg",
        "/../secret",
        "/nothing/",
    ];
    let start = Instant::now();
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let addr = s.addr;
            std::thread::spawn(move || {
                let mut statuses = Vec::new();
                for i in 0..PER_THREAD {
                    let path = paths[(t + i) % paths.len()];
                    statuses.push((
                        path,
                        try_get(addr, path)
                            .map(|r| r.status)
                            .map_err(|e| e.to_string()),
                    ));
                }
                statuses
            })
        })
        .collect();
    let mut n = 0;
    for h in handles {
        for (path, status) in h.join().unwrap() {
            let expected = match path {
                "/../secret" => 400,
                "/nothing/" => 404,
                _ => 200,
            };
            assert_eq!(status, Ok(expected), "{path}");
            n += 1;
        }
    }
    assert_eq!(n, THREADS * PER_THREAD);
    eprintln!(
        "{n} requests from {THREADS} connections at once in {:.2}s",
        start.elapsed().as_secs_f64()
    );
    assert_eq!(
        s.get("/en-us/guide/start/").status,
        200,
        "responsive after the burst"
    );
    drop(streams);
}

fn edit(site: &std::path::Path, rel: &str, from: &str, to: &str) {
    let p = site.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} lacks {from}");
    std::fs::write(&p, text.replace(from, to)).unwrap();
}

#[test]
fn saving_a_file_rebuilds_and_pushes_a_reload() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &[]);
    let events = Sse::open(s.addr);
    assert!(events.next("hello", Duration::from_secs(10)).is_some());
    let saved = Instant::now();
    edit(&site, START, "ORIGINAL-MARKER", "EDITED-MARKER");
    let reload = events
        .next("reload", Duration::from_secs(5))
        .unwrap_or_else(|| panic!("no reload event:\n{}", s.stderr()));
    eprintln!(
        "reload event {} ms after the save",
        reload.at.duration_since(saved).as_millis()
    );
    let data: serde_json::Value = serde_json::from_str(&reload.data).unwrap();
    assert_eq!(data["all"], false);
    let paths: Vec<&str> = data["paths"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(paths.contains(&"/en-us/guide/start/"), "{paths:?}");
    assert!(
        !paths.contains(&"/ar-sa/"),
        "an unrelated page is not reloaded: {paths:?}"
    );
    let html = s.get("/en-us/guide/start/").text();
    assert!(html.contains("EDITED-MARKER") && !html.contains("ORIGINAL-MARKER"));
    assert!(
        s.wait_stderr("1 article parsed", Duration::from_secs(5)),
        "only the edited article is parsed:\n{}",
        s.stderr()
    );

    // A new article appears, a removed one disappears.
    std::fs::write(site.join("content/en-US/guide/new.md"), "# New page\n").unwrap();
    assert!(events.next("reload", Duration::from_secs(5)).is_some());
    assert_eq!(s.get("/en-us/guide/new/").status, 200);
    std::fs::remove_file(site.join("content/en-US/guide/new.md")).unwrap();
    assert!(events.next("reload", Duration::from_secs(5)).is_some());
    assert_eq!(s.get("/en-us/guide/new/").status, 404);
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_build_and_shows_an_overlay() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &[]);
    let events = Sse::open(s.addr);
    assert!(events.next("hello", Duration::from_secs(10)).is_some());
    let good = std::fs::read_to_string(site.join("stele.toml")).unwrap();
    std::fs::write(site.join("stele.toml"), "titel = 'typo'\n").unwrap();
    let r = events
        .next("reload", Duration::from_secs(5))
        .expect("a reload for the overlay");
    assert!(r.data.contains("\"all\":true"), "{}", r.data);
    let html = s.get("/en-us/guide/start/").text();
    assert!(
        html.contains("ORIGINAL-MARKER"),
        "the last good build is served"
    );
    assert!(html.contains(r#"<div id="stele-overlay""#), "{html}");
    assert!(
        html.contains("titel"),
        "the overlay names the problem: {html}"
    );
    assert!(
        s.wait_stderr("still serving the previous build", Duration::from_secs(5)),
        "{}",
        s.stderr()
    );

    // An edit while broken is not served.
    edit(&site, START, "ORIGINAL-MARKER", "EDITED-MARKER");
    assert!(events.next("reload", Duration::from_secs(5)).is_some());
    assert!(
        s.get("/en-us/guide/start/")
            .text()
            .contains("ORIGINAL-MARKER")
    );

    // Fixed: the new build is served, the overlay is gone.
    std::fs::write(site.join("stele.toml"), good).unwrap();
    assert!(events.next("reload", Duration::from_secs(5)).is_some());
    let html = s.get("/en-us/guide/start/").text();
    assert!(html.contains("EDITED-MARKER"), "{}", s.stderr());
    assert!(!html.contains("stele-overlay"));
}

#[test]
fn a_rebuild_with_new_content_errors_keeps_the_last_good_build() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &[]);
    let events = Sse::open(s.addr);
    assert!(events.next("hello", Duration::from_secs(10)).is_some());
    edit(
        &site,
        START,
        "Install it.",
        "Install it, see [the missing page](missing.md).",
    );
    assert!(
        events.next("reload", Duration::from_secs(5)).is_some(),
        "{}",
        s.stderr()
    );
    let html = s.get("/en-us/guide/start/").text();
    assert!(
        html.contains(r#"<div id="stele-overlay""#),
        "{}",
        s.stderr()
    );
    assert!(html.contains("broken-link"), "{html}");
    // The page itself is the last good one; only the overlay quotes the new line.
    let page = &html[..html.find(r#"<div id="stele-overlay""#).unwrap()];
    assert!(
        page.contains("ORIGINAL-MARKER") && !page.contains("the missing page"),
        "{page}"
    );
}

#[test]
fn locale_limits_the_build() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &["--locale", "ja-JP"]);
    assert_eq!(s.get("/ja-jp/guide/start/").status, 200);
    assert_eq!(
        s.get("/en-us/guide/start/").status,
        200,
        "the default locale is always built"
    );
    assert_eq!(s.get("/ar-sa/").status, 404);
    let e = Server::try_start(&site, &["--locale", "xx-XX"])
        .err()
        .expect("an unknown locale is refused");
    assert!(
        e.contains("exit status: 2") && e.contains("no locale `xx-XX`"),
        "{e}"
    );
}

#[test]
fn non_loopback_binds_warn_and_busy_ports_fail() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &["--bind", "0.0.0.0"]);
    assert!(
        s.stderr().contains("warning: serving on `0.0.0.0:"),
        "{}",
        s.stderr()
    );
    let local = Server::start(&site, &[]);
    assert!(
        !local.stderr().contains("warning: serving on"),
        "{}",
        local.stderr()
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stele"))
        .args([
            "serve",
            site.to_str().unwrap(),
            "--port",
            &local.addr.port().to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen on"));
}

#[test]
fn foreign_host_headers_are_refused_unless_bound_beyond_loopback() {
    let (_tmp, site) = copy_fixture("serve/site");
    let s = Server::start(&site, &[]);
    let port = s.addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".to_string(),
    ] {
        let r = try_get_host(s.addr, "/en-us/guide/start/", &host).unwrap();
        assert_eq!(r.status, 200, "Host: {host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("10.1.2.3:{port}"),
    ] {
        for path in ["/en-us/guide/start/", "/_stele/livereload.js", "/nope/"] {
            let r = try_get_host(s.addr, path, &host).unwrap();
            assert_eq!(r.status, 403, "Host: {host} {path}");
            assert!(!r.text().contains("ORIGINAL-MARKER"));
            assert!(r.text().contains("hint: "), "{}", r.text());
        }
    }
    // Bound to every interface on purpose: other names are served.
    let open = Server::start(&site, &["--bind", "0.0.0.0"]);
    let r = try_get_host(open.addr, "/en-us/guide/start/", "docs.example:80").unwrap();
    assert_eq!(r.status, 200);
}
