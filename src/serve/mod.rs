//! `stele serve`: builds the site in memory, serves it on loopback, watches
//! the site's sources and rebuilds incrementally, and reloads open pages
//! through server-sent events.
//!
//! Invariants: a request is answered only from the last good build: pages
//! from memory, static files from the paths the build recorded (checked to
//! lie inside `content/` after following links); no path of the file
//! system is ever built from a request, and `..`, `.`, empty segments,
//! backslashes and encoded slashes are refused with 400 before any lookup.
//! A rebuild that fails (configuration, theme) or adds errors keeps the
//! last good build served and shows its diagnostics in the terminal and in
//! an overlay on every page.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use notify::{EventKind, RecursiveMode};
use tokio::sync::broadcast;

use crate::config::{CONFIG_FILE, Config, Overrides};
use crate::diagnostic::{Diagnostic, Severity};
use crate::html::escape_attr;
use crate::pipeline::{self, Built};
use crate::read::discover::REDIRECT_FILE;
use crate::render::Mode;
use crate::report::{self, Format};
use crate::serve::incremental::{Cache, Stats, Texts};
use crate::term::Color;

pub mod incremental;

mod host;

/// What `stele serve` was asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub site: PathBuf,
    pub locales: Vec<String>,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

/// The path of the live-reload script.
pub const LIVERELOAD_JS: &str = "/_stele/livereload.js";
/// The path of the server-sent events stream.
pub const EVENTS: &str = "/_stele/events";

const SCRIPT: &str = r##"(function () {
  var me = window.__stele || { build: -1, missing: false };
  var path = decodeURIComponent(location.pathname);
  var key = "stele-scroll:" + path;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, +y); }
  } catch (e) {}
  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  }
  var es = new EventSource("/_stele/events");
  es.addEventListener("hello", function (e) {
    if (JSON.parse(e.data).build !== me.build) reload();
  });
  es.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (d.build === me.build) return;
    if (d.all || me.missing || d.paths.indexOf(path) >= 0) reload(); else me.build = d.build;
  });
  var close = document.querySelector("#stele-overlay button");
  if (close) close.addEventListener("click", function () { document.getElementById("stele-overlay").remove(); });
})();
"##;

/// What is served: the last good build.
#[derive(Default)]
struct Snapshot {
    /// Incremented whenever what is served changes.
    build: u64,
    /// Output path → bytes.
    pages: HashMap<String, Bytes>,
    /// Output path → source file (inside `content/`).
    copies: HashMap<String, PathBuf>,
    /// HTML of the overlay when the latest rebuild failed.
    overlay: Option<String>,
}

struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<String>,
    content: PathBuf,
}

impl Shared {
    fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn replace(&self, next: Snapshot) {
        let mut guard = match self.snapshot.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = Arc::new(next);
    }
}

/// Runs `stele serve` until interrupted.
pub fn run(options: Options) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(serve(options))
}

async fn serve(options: Options) -> Result<ExitCode> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!("cannot listen on `{addr}`\nhint: another program may use the port; choose one with `--port`, or `--port 0` for any free port")
    })?;
    let local = listener
        .local_addr()
        .context("cannot read the listening address")?;
    let mut err = std::io::stderr();
    if !options.bind.is_loopback() {
        let _ = writeln!(
            err,
            "warning: serving on `{local}`, which other machines can reach\n  = hint: the preview is meant for this machine; omit `--bind` to serve on 127.0.0.1 only"
        );
    }
    let host = if options.bind.is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), local.port())
    } else {
        local
    };
    let url = format!("http://{host}");

    let start = Instant::now();
    let mut builder = Builder::new(&options, &url)?;
    let (mut built, stats) = builder.initial()?;
    print_diagnostics(&built, &built.diagnostics, &mut err);
    let _ = writeln!(
        err,
        "built {} in {} in {:.2}s ({}, {})",
        crate::term::plural(stats.articles, "article"),
        crate::term::plural(built.site.locales.len(), "locale"),
        start.elapsed().as_secs_f64(),
        crate::term::plural(built.summary.errors, "error"),
        crate::term::plural(built.summary.warnings, "warning"),
    );
    let content = std::fs::canonicalize(built.site.config.content_dir())
        .unwrap_or(built.site.config.content_dir());
    let (tx, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(snapshot(&mut built, 1, None))),
        events: tx,
        content,
    });
    drop(built);

    let root = builder.root.clone();
    watch(&root, shared.clone(), builder)?;
    let _ = writeln!(
        err,
        "serving `{}` at {url}/ (press Ctrl-C to stop)",
        options.site.display()
    );
    if options.open {
        open_browser(&format!("{url}/"));
    }

    let app = Router::new()
        .route(EVENTS, get(events))
        .route(LIVERELOAD_JS, get(livereload))
        .fallback(page)
        .with_state(shared)
        .layer(axum::middleware::from_fn_with_state(
            host::HostPolicy::for_bind(options.bind),
            host::guard,
        ));
    let server = axum::serve(listener, app);
    tokio::select! {
        r = server => r.context("the server stopped")?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn print_diagnostics(built: &Built, diagnostics: &[Diagnostic], out: &mut dyn Write) {
    if diagnostics.is_empty() {
        return;
    }
    let sources = built.site.texts_by_path();
    let lookup = |p: &str| sources.get(p).copied();
    let _ = report::write(
        out,
        Format::Human,
        diagnostics,
        &built.summary,
        &lookup,
        crate::term::stderr_color(),
    );
}

/// Moves the pages out of `built` (it is not served from afterwards).
fn snapshot(built: &mut Built, build: u64, overlay: Option<String>) -> Snapshot {
    Snapshot {
        build,
        pages: std::mem::take(&mut built.pages)
            .into_iter()
            .map(|p| (p.path, Bytes::from(p.bytes)))
            .collect(),
        copies: built
            .copies
            .iter()
            .map(|(abs, rel)| (rel.clone(), abs.clone()))
            .collect(),
        overlay,
    }
}

/// Rebuilds the site for the watcher.
struct Builder {
    root: PathBuf,
    site: PathBuf,
    overrides: Overrides,
    cache: Cache,
    texts: Texts,
    /// Errors of the last good build: a rebuild that adds one fails.
    errors: HashSet<String>,
    /// Every diagnostic of the last good build: a rebuild prints only new ones.
    seen: HashSet<String>,
}

/// What a rebuild asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    /// Articles, includes, static files.
    Content,
    /// UI strings.
    Ui,
    /// The theme or `stele.toml`: nothing cached is reused.
    All,
}

fn error_key(d: &crate::diagnostic::Diagnostic) -> String {
    format!("{}\u{0}{}\u{0}{}", d.code, d.file, d.message)
}

impl Builder {
    fn new(options: &Options, url: &str) -> Result<Builder> {
        let overrides = Overrides {
            output_dir: None,
            base_url: Some(url.to_string()),
            locales: options.locales.clone(),
        };
        let config = Config::load(&options.site, &overrides)?;
        Ok(Builder {
            root: config.root.clone(),
            site: options.site.clone(),
            overrides,
            cache: Cache::new(Mode::Serve),
            texts: Texts::default(),
            errors: HashSet::new(),
            seen: HashSet::new(),
        })
    }

    fn load(&mut self) -> Result<pipeline::Inputs> {
        let config = Config::load(&self.site, &self.overrides)?;
        let texts = &self.texts;
        let inputs =
            pipeline::load_with(config, &|path, stamp, read| texts.text(path, stamp, read));
        self.texts.finish();
        inputs
    }

    /// The first build: its errors do not stop the server.
    fn initial(&mut self) -> Result<(Built, Stats)> {
        let inputs = self.load()?;
        let (built, stats) = self.cache.build(inputs);
        self.remember(&built);
        Ok((built, stats))
    }

    fn remember(&mut self, built: &Built) {
        self.errors = built
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(error_key)
            .collect();
        self.seen = built.diagnostics.iter().map(error_key).collect();
    }

    /// A rebuild: `Ok` with the build and the diagnostics the previous good
    /// build did not have when it is good, `Err` with the text of what
    /// failed (a whole-site error, or the new errors).
    fn rebuild(
        &mut self,
        scope: Scope,
    ) -> std::result::Result<(Built, Stats, Vec<Diagnostic>), String> {
        if scope == Scope::All {
            self.cache.clear();
            self.texts.clear();
        }
        let inputs = self.load().map_err(|e| format!("error: {e:#}\n"))?;
        let (built, stats) = self.cache.build(inputs);
        let new: Vec<_> = built
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && !self.errors.contains(&error_key(d)))
            .cloned()
            .collect();
        if new.is_empty() {
            let fresh: Vec<_> = built
                .diagnostics
                .iter()
                .filter(|d| !self.seen.contains(&error_key(d)))
                .cloned()
                .collect();
            self.remember(&built);
            return Ok((built, stats, fresh));
        }
        let sources = built.site.texts_by_path();
        let lookup = |p: &str| sources.get(p).copied();
        let mut text = Vec::new();
        let summary = crate::report::Summary {
            errors: new.len(),
            ..Default::default()
        };
        let _ = report::write(
            &mut text,
            Format::Human,
            &new,
            &summary,
            &lookup,
            Color::Never,
        );
        Err(String::from_utf8_lossy(&text).into_owned())
    }
}

/// Starts watching the site and a thread that rebuilds on changes.
/// The watcher lives in that thread.
fn watch(root: &Path, shared: Arc<Shared>, mut builder: Builder) -> Result<()> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut debouncer = notify_debouncer_full::new_debouncer(Duration::from_millis(100), None, tx)
        .context("cannot watch the site for changes")?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch `{}`", root.display()))?;
    for dir in ["content", "locales", "themes"] {
        let d = root.join(dir);
        if d.is_dir() {
            debouncer
                .watch(&d, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch `{}`", d.display()))?;
        }
    }
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("stele-rebuild".into())
        .spawn(move || {
            let mut build = 1;
            let mut failed = false;
            while let Ok(first) = rx.recv() {
                // Take every batch that is already waiting.
                let mut batches = vec![first];
                while let Ok(more) = rx.try_recv() {
                    batches.push(more);
                }
                let mut scope = None;
                let mut new_dirs = Vec::new();
                for batch in batches {
                    let events = match batch {
                        Ok(events) => events,
                        Err(errors) => {
                            for e in errors {
                                eprintln!("warning: watching the site failed: {e}\n  = hint: save again, or restart `stele serve`");
                            }
                            continue;
                        }
                    };
                    for ev in events {
                        if matches!(ev.kind, EventKind::Access(_)) {
                            continue;
                        }
                        for p in &ev.paths {
                            builder.texts.forget(p);
                            if let Some(s) = classify(&root, p) {
                                scope = scope.max(Some(s));
                                if p.parent() == Some(root.as_path()) && p.is_dir() {
                                    new_dirs.push(p.clone());
                                }
                            }
                        }
                    }
                }
                for d in new_dirs {
                    let _ = debouncer.watch(&d, RecursiveMode::Recursive);
                }
                let Some(scope) = scope else { continue };
                let start = Instant::now();
                let mut err = std::io::stderr();
                match builder.rebuild(scope) {
                    Ok((mut built, stats, fresh)) => {
                        print_diagnostics(&built, &fresh, &mut err);
                        if stats.changed_pages.is_empty() && stats.removed_pages.is_empty() && !failed {
                            let _ = writeln!(err, "rebuilt in {} ms: no page changed", start.elapsed().as_millis());
                            continue;
                        }
                        build += 1;
                        let all = failed;
                        failed = false;
                        shared.replace(snapshot(&mut built, build, None));
                        let _ = writeln!(
                            err,
                            "rebuilt in {} ms: {} parsed, {} changed ({}, {})",
                            start.elapsed().as_millis(),
                            crate::term::plural(stats.parsed, "article"),
                            crate::term::plural(stats.changed_pages.len() + stats.removed_pages.len(), "page"),
                            crate::term::plural(built.summary.errors, "error"),
                            crate::term::plural(built.summary.warnings, "warning"),
                        );
                        let paths: Vec<String> = stats
                            .changed_pages
                            .iter()
                            .chain(&stats.removed_pages)
                            .flat_map(|p| url_paths(p))
                            .collect();
                        let msg = serde_json::json!({ "build": build, "all": all, "paths": paths });
                        let _ = shared.events.send(msg.to_string());
                    }
                    Err(text) => {
                        let _ = write!(err, "{text}");
                        let _ = writeln!(err, "error: the rebuild failed; still serving the previous build");
                        build += 1;
                        failed = true;
                        let old = shared.current();
                        shared.replace(Snapshot {
                            build,
                            pages: old.pages.clone(),
                            copies: old.copies.clone(),
                            overlay: Some(overlay_html(&text)),
                        });
                        let msg = serde_json::json!({ "build": build, "all": true, "paths": [] });
                        let _ = shared.events.send(msg.to_string());
                    }
                }
            }
        })
        .context("cannot start the rebuild thread")?;
    Ok(())
}

/// What a changed path means for the rebuild; `None` for paths that are
/// not part of the site's sources (the output directory, editor files).
fn classify(root: &Path, path: &Path) -> Option<Scope> {
    let rel = path.strip_prefix(root).ok()?;
    let name = path.file_name()?.to_string_lossy();
    // Hidden files are not part of the site, except DocFX redirect maps.
    if name == REDIRECT_FILE {
        return Some(Scope::Content);
    }
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
    {
        return None;
    }
    let mut parts = rel.components();
    let first = parts.next()?.as_os_str().to_string_lossy().into_owned();
    let nested = parts.next().is_some();
    match first.as_str() {
        CONFIG_FILE if !nested => Some(Scope::All),
        "themes" => Some(Scope::All),
        "locales" => Some(Scope::Ui),
        "content" => Some(Scope::Content),
        _ => None,
    }
}

/// The URL paths a page is served at: `a/index.html` → `/a/`, `/a/index.html`.
fn url_paths(out_path: &str) -> Vec<String> {
    let full = format!("/{out_path}");
    match full.strip_suffix("index.html") {
        Some(dir) => vec![dir.to_string(), full.clone()],
        None => vec![full],
    }
}

fn overlay_html(text: &str) -> String {
    format!(
        concat!(
            "<div id=\"stele-overlay\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;",
            "z-index:2147483647;margin:0;padding:1em 1.5em;background:#1e1e1e;color:#f3f3f3;border-top:4px solid #e5484d;",
            "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;direction:ltr;text-align:left\" lang=\"en\" dir=\"ltr\">",
            "<button type=\"button\" aria-label=\"close\" style=\"float:right;font:inherit\">×</button>",
            "<strong>the last rebuild failed; this is the previous build</strong>",
            "<pre style=\"white-space:pre-wrap;margin:.75em 0 0\">{}</pre></div>"
        ),
        escape_attr(text)
    )
}

/// Inserts the live-reload script (and the overlay) before `</body>`.
fn inject(html: &[u8], build: u64, missing: bool, overlay: Option<&str>) -> Vec<u8> {
    let tail = format!(
        "{}<script>window.__stele={{build:{build},missing:{missing}}};</script><script src=\"{LIVERELOAD_JS}\"></script>",
        overlay.unwrap_or("")
    );
    let lower = html.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tail.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tail.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// An output path of the built site.
    File(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps the raw (still percent-encoded) request path to a file of the
/// build. Refuses anything that could name a path outside it.
fn resolve(raw: &str, exists: &dyn Fn(&str) -> bool) -> Target {
    if !raw.starts_with('/') || raw.contains('\\') {
        return Target::BadRequest;
    }
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad)) {
        return Target::BadRequest;
    }
    let Ok(decoded) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Target::BadRequest;
    };
    if decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return Target::BadRequest;
    }
    let inner = &decoded[1..];
    let (body, dir) = match inner.strip_suffix('/') {
        Some(b) => (b, true),
        None => (inner, inner.is_empty()),
    };
    if !body.is_empty()
        && body
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Target::BadRequest;
    }
    if dir {
        let index = if body.is_empty() {
            "index.html".to_string()
        } else {
            format!("{body}/index.html")
        };
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if exists(body) {
        return Target::File(body.to_string());
    }
    if exists(&format!("{body}/index.html")) {
        return Target::Redirect(format!("{raw}/"));
    }
    Target::NotFound
}

fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn respond(status: StatusCode, ctype: &str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(ctype) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    respond(status, "text/plain; charset=utf-8", text)
}

async fn page(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let snap = shared.current();
    let exists = |p: &str| snap.pages.contains_key(p) || snap.copies.contains_key(p);
    match resolve(uri.path(), &exists) {
        Target::BadRequest => plain(StatusCode::BAD_REQUEST, "bad request\n"),
        Target::Redirect(to) => {
            let mut r = plain(StatusCode::MOVED_PERMANENTLY, "moved\n");
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Target::NotFound => not_found(&snap),
        Target::File(path) => {
            if let Some(bytes) = snap.pages.get(&path) {
                let ctype = content_type(&path);
                if ctype.starts_with("text/html") {
                    let html = inject(bytes, snap.build, false, snap.overlay.as_deref());
                    return respond(StatusCode::OK, ctype, html);
                }
                return respond(StatusCode::OK, ctype, bytes.clone());
            }
            let Some(src) = snap.copies.get(&path) else {
                return not_found(&snap);
            };
            // Follow links, then insist on `content/`.
            match tokio::fs::canonicalize(src).await {
                Ok(real) if real.starts_with(&shared.content) => match tokio::fs::read(&real).await
                {
                    Ok(bytes) => respond(StatusCode::OK, content_type(&path), bytes),
                    Err(_) => not_found(&snap),
                },
                _ => not_found(&snap),
            }
        }
    }
}

fn not_found(snap: &Snapshot) -> Response {
    match snap.pages.get("404.html") {
        Some(bytes) => respond(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            inject(bytes, snap.build, true, snap.overlay.as_deref()),
        ),
        None => {
            let html = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>not found</title></head><body><h1>not found</h1></body></html>";
            respond(
                StatusCode::NOT_FOUND,
                "text/html; charset=utf-8",
                inject(html, snap.build, true, snap.overlay.as_deref()),
            )
        }
    }
}

async fn livereload() -> Response {
    respond(StatusCode::OK, "text/javascript; charset=utf-8", SCRIPT)
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let rx = shared.events.subscribe();
    let hello = serde_json::json!({ "build": shared.current().build }).to_string();
    let first = futures_util::stream::once(async move {
        Ok::<_, std::convert::Infallible>(Event::default().event("hello").data(hello))
    });
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(msg) => return Some((Ok(Event::default().event("reload").data(msg)), rx)),
                // Too slow to keep up: tell the page to reload whatever changed.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let msg =
                        serde_json::json!({ "build": -1, "all": true, "paths": [] }).to_string();
                    return Some((Ok(Event::default().event("reload").data(msg)), rx));
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    use futures_util::StreamExt;
    let mut r = Sse::new(first.chain(rest))
        .keep_alive(KeepAlive::default())
        .into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Opens the preview in the user's browser; a failure is only reported.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Err(e) = cmd.spawn() {
        eprintln!("warning: cannot open a browser: {e}\n  = hint: open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(p: &str) -> bool {
        matches!(
            p,
            "index.html"
                | "en-us/a/index.html"
                | "en-us/img.png"
                | "ja-jp/日本/index.html"
                | "_stele/style.css"
        )
    }

    #[test]
    fn request_paths_resolve_inside_the_build() {
        use Target::*;
        assert_eq!(resolve("/", &has), File("index.html".into()));
        assert_eq!(
            resolve("/en-us/a/", &has),
            File("en-us/a/index.html".into())
        );
        assert_eq!(resolve("/en-us/a", &has), Redirect("/en-us/a/".into()));
        assert_eq!(
            resolve("/en-us/img.png", &has),
            File("en-us/img.png".into())
        );
        assert_eq!(
            resolve("/ja-jp/%E6%97%A5%E6%9C%AC/", &has),
            File("ja-jp/日本/index.html".into())
        );
        assert_eq!(
            resolve("/_stele/style.css", &has),
            File("_stele/style.css".into())
        );
        assert_eq!(resolve("/nope/", &has), NotFound);
        assert_eq!(resolve("/etc/passwd", &has), NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/en-us/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/en-us/%2e%2e%2findex.html",
            "/en-us%2f..%2f..%2fetc",
            "/..%5c..%5cwindows",
            "/en-us\\..\\x",
            "//etc/passwd",
            "/en-us//a/",
            "/./index.html",
            "/a/%00",
            "/%ff%fe",
            "etc/passwd",
        ] {
            assert_eq!(resolve(bad, &|_| true), Target::BadRequest, "{bad}");
        }
    }

    #[test]
    fn injection_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></BODY></html>",
            3,
            false,
            Some("<div id=\"stele-overlay\"></div>"),
        ))
        .unwrap();
        assert!(
            out.ends_with("<script src=\"/_stele/livereload.js\"></script></BODY></html>"),
            "{out}"
        );
        assert!(out.contains("<p>x</p><div id=\"stele-overlay\">"));
        assert!(out.contains("build:3"));
        let no_body = String::from_utf8(inject(b"plain", 1, true, None)).unwrap();
        assert!(no_body.starts_with("plain<script>"));
    }

    #[test]
    fn changes_are_classified() {
        let root = Path::new("/site");
        assert_eq!(
            classify(root, Path::new("/site/content/en-US/a.md")),
            Some(Scope::Content)
        );
        assert_eq!(
            classify(root, Path::new("/site/stele.toml")),
            Some(Scope::All)
        );
        assert_eq!(
            classify(root, Path::new("/site/themes/t/page.html")),
            Some(Scope::All)
        );
        assert_eq!(
            classify(root, Path::new("/site/locales/ja-JP.ftl")),
            Some(Scope::Ui)
        );
        assert_eq!(classify(root, Path::new("/site/public/index.html")), None);
        assert_eq!(
            classify(root, Path::new("/site/content/en-US/.a.md.swp")),
            None
        );
        assert_eq!(classify(root, Path::new("/site/content/en-US/a.md~")), None);
        assert_eq!(
            classify(root, Path::new("/site/.openpublishing.redirection.json")),
            Some(Scope::Content)
        );
        assert_eq!(
            classify(
                root,
                Path::new("/site/content/ja-JP/.openpublishing.redirection.json")
            ),
            Some(Scope::Content)
        );
        assert_eq!(classify(root, Path::new("/site/README.md")), None);
        assert_eq!(
            url_paths("en-us/a/index.html"),
            vec!["/en-us/a/", "/en-us/a/index.html"]
        );
        assert_eq!(url_paths("404.html"), vec!["/404.html"]);
    }

    #[test]
    fn overlay_escapes_diagnostics() {
        let html = overlay_html("error[broken-link]: `<script>` & co");
        assert!(html.starts_with("<div id=\"stele-overlay\""));
        assert!(html.contains("`&lt;script&gt;` &amp; co"));
    }
}
