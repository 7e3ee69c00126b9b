//! `stele check --external` against a real HTTP server on 127.0.0.1,
//! started by each test (never the internet). The server counts requests
//! and how many are in flight at once, so the tests see what stele did on
//! the wire.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stele::config::{Config, ExternalConfig, Overrides};
use stele::external::{self, Verdict};
use stele::markdown::{Link, LinkKind};
use stele::pipeline::{self, Built};

/// Requests in flight now and at most, shared by one or more servers.
#[derive(Default)]
struct Gauge {
    now: AtomicUsize,
    max: AtomicUsize,
}

impl Gauge {
    fn enter(&self) {
        let n = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(n, Ordering::SeqCst);
    }
    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
    fn max(&self) -> usize {
        self.max.load(Ordering::SeqCst)
    }
}

/// One request the server saw.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    at: Instant,
}

struct Server {
    port: u16,
    log: Arc<Mutex<Vec<Seen>>>,
    gauge: Arc<Gauge>,
}

impl Server {
    fn start() -> Server {
        Self::start_with(Arc::new(Gauge::default()), Arc::new(Gauge::default()))
    }

    /// `host` counts this server's requests in flight, `all` those of every
    /// server sharing it.
    fn start_with(host: Arc<Gauge>, all: Arc<Gauge>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let (l, g) = (log.clone(), host.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (l, h, g, a) = (l.clone(), hits.clone(), g.clone(), all.clone());
                std::thread::spawn(move || serve(stream, port, &l, &h, &g, &a));
            }
        });
        Server {
            port,
            log,
            gauge: host,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    fn requests_to(&self, path: &str) -> Vec<Seen> {
        self.requests()
            .into_iter()
            .filter(|s| s.path == path)
            .collect()
    }

    fn clear(&self) {
        self.log.lock().unwrap().clear();
    }
}

fn serve(
    mut stream: TcpStream,
    port: u16,
    log: &Mutex<Vec<Seen>>,
    hits: &Mutex<HashMap<String, usize>>,
    host: &Gauge,
    all: &Gauge,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    host.enter();
    all.enter();
    log.lock().unwrap().push(Seen {
        method: method.clone(),
        path: path.clone(),
        at: Instant::now(),
    });
    let n = {
        let mut h = hits.lock().unwrap();
        let n = h.entry(path.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let (status, headers): (u16, Vec<String>) = match path.as_str() {
        "/ok" => (200, vec![]),
        "/missing" => (404, vec![]),
        // 500 on the first request, 200 after: a retry must get through.
        "/flaky" => (if n == 1 { 500 } else { 200 }, vec![]),
        "/always-500" => (500, vec![]),
        p if p == "/slow" || p.starts_with("/slow?") => {
            std::thread::sleep(Duration::from_secs(3));
            (200, vec![])
        }
        "/limited" => (
            if n == 1 { 429 } else { 200 },
            vec!["Retry-After: 1".into()],
        ),
        "/limited-long" => (429, vec!["Retry-After: 3600".into()]),
        "/head-refused" => (if method == "HEAD" { 405 } else { 200 }, vec![]),
        "/moved" => (301, vec![format!("Location: http://127.0.0.1:{port}/ok")]),
        "/moved-away" => (302, vec!["Location: /missing".into()]),
        "/loop" => (302, vec!["Location: /loop".into()]),
        p if p.starts_with("/slot/") => {
            std::thread::sleep(Duration::from_millis(60));
            (200, vec![])
        }
        _ => (404, vec![]),
    };
    let body = format!("status {status}\n");
    let mut response = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in headers {
        response.push_str(&h);
        response.push_str("\r\n");
    }
    response.push_str("\r\n");
    if method != "HEAD" {
        response.push_str(&body);
    }
    host.leave();
    all.leave();
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// Fast settings for tests: short timeout and back-off.
fn fast() -> ExternalConfig {
    ExternalConfig {
        timeout: Duration::from_millis(300),
        retries: 2,
        backoff: Duration::from_millis(10),
        max_retry_after: Duration::from_secs(5),
        ..ExternalConfig::default()
    }
}

fn fetch_one(url: &str, config: &ExternalConfig) -> Verdict {
    let urls = vec![external::normalize(url).unwrap()];
    external::fetch(&urls, config).remove(0)
}

#[test]
fn statuses_retries_and_fallbacks() {
    let s = Server::start();
    let c = fast();

    assert_eq!(fetch_one(&s.url("/ok"), &c), Verdict::Ok { status: 200 });
    assert_eq!(
        s.requests_to("/ok")
            .iter()
            .map(|r| r.method.as_str())
            .collect::<Vec<_>>(),
        ["HEAD"],
        "HEAD is enough"
    );

    // A broken status is confirmed with GET before it is reported.
    match fetch_one(&s.url("/missing"), &c) {
        Verdict::Status { status: 404, .. } => {}
        v => panic!("{v:?}"),
    }
    assert_eq!(
        s.requests_to("/missing")
            .iter()
            .map(|r| r.method.as_str())
            .collect::<Vec<_>>(),
        ["HEAD", "GET"]
    );

    // 500, then 200 on the retry.
    assert_eq!(fetch_one(&s.url("/flaky"), &c), Verdict::Ok { status: 200 });
    assert_eq!(s.requests_to("/flaky").len(), 2);

    // Always 500: the first attempt and `retries` more with HEAD, one GET.
    match fetch_one(&s.url("/always-500"), &c) {
        Verdict::Status {
            status: 500,
            attempts: 3,
            ..
        } => {}
        v => panic!("{v:?}"),
    }
    let methods: Vec<String> = s
        .requests_to("/always-500")
        .into_iter()
        .map(|r| r.method)
        .collect();
    assert_eq!(methods, ["HEAD", "HEAD", "HEAD", "GET"]);

    // HEAD refused with 405: GET works.
    assert_eq!(
        fetch_one(&s.url("/head-refused"), &c),
        Verdict::Ok { status: 200 }
    );
    assert_eq!(
        s.requests_to("/head-refused")
            .iter()
            .map(|r| r.method.as_str())
            .collect::<Vec<_>>(),
        ["HEAD", "GET"]
    );

    // Redirects are followed; the final status counts; loops are cut.
    assert_eq!(fetch_one(&s.url("/moved"), &c), Verdict::Ok { status: 200 });
    assert_eq!(s.requests_to("/ok").len(), 2, "the redirect reached /ok");
    match fetch_one(&s.url("/moved-away"), &c) {
        Verdict::Status {
            status: 404,
            redirected_to: Some(to),
            ..
        } => assert!(to.ends_with("/missing"), "{to}"),
        v => panic!("{v:?}"),
    }
    let few = ExternalConfig {
        max_redirects: 3,
        ..fast()
    };
    assert_eq!(fetch_one(&s.url("/loop"), &few), Verdict::TooManyRedirects);
    assert_eq!(
        s.requests_to("/loop").len(),
        4,
        "the first request and 3 redirects"
    );
}

#[test]
fn timeouts_are_retried_then_reported() {
    let s = Server::start();
    let c = ExternalConfig {
        timeout: Duration::from_millis(150),
        retries: 1,
        ..fast()
    };
    let start = Instant::now();
    assert_eq!(
        fetch_one(&s.url("/slow"), &c),
        Verdict::Timeout { attempts: 2 }
    );
    // The server answers after 3s: stele must not have waited for it.
    assert!(
        start.elapsed() < Duration::from_millis(2900),
        "gave up after the timeouts, {:?}",
        start.elapsed()
    );
    // The server saw both attempts (it logs before it sleeps).
    assert_eq!(s.requests_to("/slow").len(), 2);
}

#[test]
fn retry_after_is_respected() {
    let s = Server::start();
    // The back-off is 10ms, so a gap of a second is the server's Retry-After.
    assert_eq!(
        fetch_one(&s.url("/limited"), &fast()),
        Verdict::Ok { status: 200 }
    );
    let seen = s.requests_to("/limited");
    assert_eq!(seen.len(), 2);
    let gap = seen[1].at - seen[0].at;
    assert!(
        gap >= Duration::from_millis(950),
        "waited {gap:?}, the server asked for 1s"
    );

    // Longer than max_retry_after: reported at once, not waited for.
    let start = Instant::now();
    assert_eq!(
        fetch_one(&s.url("/limited-long"), &fast()),
        Verdict::RateLimited {
            status: 429,
            retry_after: Duration::from_secs(3600)
        }
    );
    // Not waited for: not even `max_retry_after` (5s).
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(s.requests_to("/limited-long").len(), 1);
}

#[test]
fn a_dead_host_is_given_up_after_a_few_failures() {
    let s = Server::start();
    let urls: Vec<_> = (0..8)
        .map(|i| external::normalize(&s.url(&format!("/slow?{i}"))).unwrap())
        .collect();
    let c = ExternalConfig {
        timeout: Duration::from_millis(100),
        retries: 0,
        max_per_host: 1,
        ..fast()
    };
    let verdicts = external::fetch(&urls, &c);
    let timeouts = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::Timeout { .. }))
        .count();
    let skipped = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::HostDown { failures: 3, .. }))
        .count();
    assert_eq!(
        (timeouts, skipped),
        (external::HOST_DOWN_AFTER, 8 - external::HOST_DOWN_AFTER),
        "{verdicts:?}"
    );
    assert_eq!(
        s.requests().len(),
        external::HOST_DOWN_AFTER,
        "the server saw only the first URLs"
    );

    // One answer in between resets the count.
    let s = Server::start();
    let urls: Vec<_> = ["/slow?1", "/slow?2", "/ok", "/slow?3", "/slow?4", "/ok"]
        .iter()
        .map(|p| external::normalize(&s.url(p)).unwrap())
        .collect();
    let verdicts = external::fetch(&urls, &c);
    assert!(
        !verdicts
            .iter()
            .any(|v| matches!(v, Verdict::HostDown { .. })),
        "{verdicts:?}"
    );
    assert_eq!(s.requests().len(), 6);
}

#[test]
fn connection_refused_is_a_failure() {
    // A port nobody listens on: bind, take the port, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let c = ExternalConfig {
        retries: 1,
        ..fast()
    };
    match fetch_one(&format!("http://127.0.0.1:{port}/x"), &c) {
        Verdict::Failed { attempts: 2, .. } => {}
        v => panic!("{v:?}"),
    }
}

#[test]
fn concurrency_per_host_never_exceeds_the_limit() {
    let all = Arc::new(Gauge::default());
    let a = Server::start_with(Arc::new(Gauge::default()), all.clone());
    let b = Server::start_with(Arc::new(Gauge::default()), all.clone());
    let mut urls = Vec::new();
    for i in 0..12 {
        urls.push(external::normalize(&a.url(&format!("/slot/{i}"))).unwrap());
        urls.push(external::normalize(&b.url(&format!("/slot/{i}"))).unwrap());
    }
    let c = ExternalConfig {
        max_per_host: 2,
        max_concurrency: 8,
        ..fast()
    };
    let verdicts = external::fetch(&urls, &c);
    assert!(
        verdicts.iter().all(|v| *v == Verdict::Ok { status: 200 }),
        "{verdicts:?}"
    );
    assert_eq!(a.requests().len() + b.requests().len(), 24);
    assert!(
        a.gauge.max() <= 2 && b.gauge.max() <= 2,
        "per host: {} and {}",
        a.gauge.max(),
        b.gauge.max()
    );
    // The limit is reached (requests do run in parallel), on both hosts at once.
    assert_eq!((a.gauge.max(), b.gauge.max()), (2, 2));
    assert!(
        all.max() > 2,
        "the two hosts were checked in parallel: {}",
        all.max()
    );

    // The total limit holds across hosts.
    let all = Arc::new(Gauge::default());
    let a = Server::start_with(Arc::new(Gauge::default()), all.clone());
    let b = Server::start_with(Arc::new(Gauge::default()), all.clone());
    let urls: Vec<_> = (0..10)
        .flat_map(|i| [a.url(&format!("/slot/{i}")), b.url(&format!("/slot/{i}"))])
        .map(|u| external::normalize(&u).unwrap())
        .collect();
    let c = ExternalConfig {
        max_per_host: 4,
        max_concurrency: 3,
        ..fast()
    };
    external::fetch(&urls, &c);
    assert!(all.max() <= 3, "in flight in total: {}", all.max());
    assert_eq!(all.max(), 3);
}

/// A site on disk whose one article links to `urls`, one per line, built
/// by the pipeline; its links are set here (ranges of the URLs in the
/// article) so that the test does not depend on the Markdown stage.
fn site_with_links(root: &Path, toml: &str, urls: &[String]) -> Built {
    let mut text = String::from("---\ntitle: Links\n---\n# Links\n\n");
    for (i, u) in urls.iter().enumerate() {
        text.push_str(&format!("- link {i}: [here]({u})\n"));
    }
    std::fs::create_dir_all(root.join("content/en-US")).unwrap();
    std::fs::write(root.join("content/en-US/index.md"), &text).unwrap();
    std::fs::write(root.join("stele.toml"), toml).unwrap();
    let config = Config::load(root, &Overrides::default()).unwrap();
    let mut built = pipeline::run(pipeline::load(config).unwrap());
    let out = &mut built.outputs[0];
    let body_start = built.site.frontmatter[built.site.articles[0].file].body_start;
    let mut from = 0;
    out.rendered.links = urls
        .iter()
        .map(|u| {
            let at = from + text[from..].find(&format!("({u})")).unwrap() + 1;
            from = at + u.len();
            Link {
                target: u.clone(),
                range: at - body_start..at - body_start + u.len(),
                kind: LinkKind::Inline,
            }
        })
        .collect();
    built.external = (0..urls.len()).map(|i| (0, i)).collect();
    built
}

const FAST_TOML: &str = "[check.external]\ntimeout = '300ms'\nretries = 1\nbackoff = '10ms'\n";

#[test]
fn diagnostics_at_the_link_and_a_cache_within_the_ttl() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let urls = vec![
        s.url("/ok"),
        s.url("/missing"),
        s.url("/ok#section"),
        s.url("/head-refused"),
    ];
    let mut built = site_with_links(dir.path(), FAST_TOML, &urls);
    let links_before = built.summary.links;
    let outcome = external::check_built(&mut built);
    assert!(outcome.notes.is_empty(), "{:?}", outcome.notes);
    assert_eq!((outcome.links, outcome.urls, outcome.from_cache), (4, 3, 0));
    let d: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "broken-external-link")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    let d = d[0];
    assert_eq!(d.file, "content/en-US/index.md");
    let span = d.span.unwrap();
    // `- link 1: [here](` is 17 characters; the article body starts on line 4.
    assert_eq!((span.line, span.column), (7, 18));
    assert_eq!(span.end_column as usize, 18 + urls[1].len());
    assert!(d.message.contains("`404 Not Found`"), "{}", d.message);
    assert!(d.hint.is_some());
    assert_eq!(d.target.as_deref(), Some(urls[1].as_str()));
    assert_eq!(built.summary.errors, 1);
    assert_eq!(
        built.summary.links,
        links_before + 4,
        "every external link counts"
    );
    // `/ok` and `/ok#section` are one URL: fetched once.
    assert_eq!(s.requests_to("/ok").len(), 1);
    let cache = dir.path().join(".stele/cache/external.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cache).unwrap()).unwrap();
    assert!(json["entries"][s.url("/ok")]["status"] == 200, "{json}");
    assert!(
        json["entries"].get(s.url("/missing")).is_none(),
        "broken URLs are not cached"
    );

    // Within the TTL: working URLs come from the cache, broken ones are fetched again.
    s.clear();
    let mut again = site_with_links(dir.path(), FAST_TOML, &urls);
    let outcome = external::check_built(&mut again);
    assert_eq!(outcome.from_cache, 2, "`/ok` and `/head-refused`");
    assert_eq!(again.summary.errors, 1);
    let paths: Vec<String> = s.requests().into_iter().map(|r| r.path).collect();
    assert!(
        paths.iter().all(|p| p == "/missing"),
        "only the broken link is fetched again: {paths:?}"
    );
    assert!(!paths.is_empty());

    // A cached status that `accept` no longer accepts is fetched again.
    s.clear();
    let toml = format!("{FAST_TOML}accept = [404]\n");
    let mut accepting = site_with_links(dir.path(), &toml, &urls[1..2]);
    external::check_built(&mut accepting);
    assert_eq!(accepting.summary.errors, 0, "404 accepted");
    s.clear();
    let mut strict = site_with_links(dir.path(), FAST_TOML, &urls[1..2]);
    let outcome = external::check_built(&mut strict);
    assert_eq!((outcome.from_cache, strict.summary.errors), (0, 1));
    assert!(!s.requests_to("/missing").is_empty());

    // A TTL of zero disables the cache.
    s.clear();
    let toml = format!("{FAST_TOML}cache_ttl = '0s'\n");
    let mut fresh = site_with_links(dir.path(), &toml, &urls[..1]);
    external::check_built(&mut fresh);
    assert_eq!(s.requests_to("/ok").len(), 1);
}

#[test]
fn expired_and_corrupt_caches() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let urls = vec![s.url("/ok")];
    let cache = dir.path().join("cache.json");
    let toml = format!("{FAST_TOML}cache = 'cache.json'\ncache_ttl = '1h'\n");

    // An entry older than the TTL is fetched again.
    let old = std::time::SystemTime::now() - Duration::from_secs(2 * 3600);
    let secs = old.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    std::fs::write(
        &cache,
        format!(
            r#"{{"version":1,"entries":{{"{}":{{"checked":{secs},"status":200}}}}}}"#,
            urls[0]
        ),
    )
    .unwrap();
    let mut built = site_with_links(dir.path(), &toml, &urls);
    assert!(external::check_built(&mut built).notes.is_empty());
    assert_eq!(s.requests_to("/ok").len(), 1, "expired entry refetched");

    // A corrupt cache: a note, the links are still checked, the cache is rewritten.
    std::fs::write(&cache, "{\"version\": 1, \"entries\": [").unwrap();
    s.clear();
    let mut built = site_with_links(dir.path(), &toml, &urls);
    let notes = external::check_built(&mut built).notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("ignoring the external-link cache"),
        "{}",
        notes[0]
    );
    assert_eq!(s.requests_to("/ok").len(), 1);
    assert_eq!(built.summary.errors, 0);
    let text = std::fs::read_to_string(&cache).unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_ok(),
        "rewritten: {text}"
    );
}

#[test]
fn excluded_prefixes_are_not_fetched() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let toml = format!("{FAST_TOML}exclude = ['{}']\n", s.url("/missing"));
    let mut built = site_with_links(dir.path(), &toml, &[s.url("/missing"), s.url("/ok")]);
    let before = built.summary.links;
    external::check_built(&mut built);
    assert_eq!(built.summary.errors, 0);
    assert!(s.requests_to("/missing").is_empty());
    assert_eq!(
        built.summary.links,
        before + 1,
        "excluded links are not counted as checked"
    );
}

#[test]
fn invalid_urls_are_reported_without_a_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut built = site_with_links(
        dir.path(),
        FAST_TOML,
        &["https://".to_string(), "http://[::1/x".to_string()],
    );
    let outcome = external::check_built(&mut built);
    assert_eq!(outcome.urls, 2);
    let d: Vec<_> = built
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "broken-external-link")
        .collect();
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(
        d.iter().all(|d| d.message.contains("is not a valid URL")),
        "{d:?}"
    );
    assert_eq!(d[0].span.map(|s| (s.line, s.column)), Some((6, 18)));
}

/// End to end: the binary, `check --external --format json`, a site
/// written here. Needs the Markdown stage (links) and the JSON report.
#[test]
fn cli_check_external_json() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/en-US")).unwrap();
    std::fs::write(root.join("stele.toml"), FAST_TOML).unwrap();
    let article = format!(
        "---\ntitle: Home\n---\n# Home\n\nWorks: [ok]({ok}).\nGone: [missing]({missing}).\nAnd <a href=\"{flaky}\">flaky</a> recovers.\n",
        ok = s.url("/ok"),
        missing = s.url("/missing#part"),
        flaky = s.url("/flaky"),
    );
    std::fs::write(root.join("content/en-US/index.md"), article).unwrap();
    let stele = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_stele"));
        c.env("NO_COLOR", "1");
        c
    };

    // Without --external nothing is fetched.
    let out = stele()
        .arg("check")
        .arg(root)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.requests().is_empty(), "{:?}", s.requests());

    let out = stele()
        .arg("check")
        .arg(root)
        .args(["--external", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("no JSON on stdout ({e}; the report module writes it); stderr: {stderr}")
    });
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // Other stages may warn about this page; the external link check must
    // report exactly the one broken link.
    let diags: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "broken-external-link")
        .collect();
    // The links come from the Markdown stage (`markdown::render`).
    assert_eq!(diags.len(), 1, "{json}");
    let d = &diags[0];
    assert_eq!(d["code"], "broken-external-link");
    assert_eq!(d["file"], "content/en-US/index.md");
    // `Gone: [missing](` is 16 characters.
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(7), Some(17)),
        "{d}"
    );
    assert_eq!(d["target"], s.url("/missing#part"));
    assert!(d["message"].as_str().unwrap().contains("404"), "{d}");
    assert!(json["summary"]["links"].as_u64().unwrap() >= 3, "{json}");
    assert_eq!(s.requests_to("/flaky").len(), 2, "500 then 200");
    assert!(root.join(".stele/cache/external.json").is_file());

    // Again within the TTL: the working links come from the cache.
    s.clear();
    let out = stele()
        .arg("check")
        .arg(root)
        .args(["--external", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let paths: Vec<String> = s.requests().into_iter().map(|r| r.path).collect();
    assert!(paths.iter().all(|p| p == "/missing"), "{paths:?}");
}
