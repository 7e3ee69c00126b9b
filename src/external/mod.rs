//! `stele check --external`: fetches the external (http, https) links the
//! check stage collected and reports the broken ones as
//! `broken-external-link` diagnostics at the link.
//!
//! This is the one stage besides `discover`, `output` and `serve` that
//! touches the outside world: the network, and its cache file
//! (`<site root>/.stele/cache/external.json` unless configured).
//!
//! How a URL is checked:
//! - URLs are deduplicated with their `#fragment` removed; `//host/x` is
//!   `https://host/x`; URLs under a configured `exclude` prefix are skipped.
//! - At most `max_concurrency` requests are in flight, and at most
//!   `max_per_host` to one host (host and port).
//! - `HEAD` first. A `HEAD` answered with an error status is asked again
//!   with `GET`, so a broken status is only ever reported from a `GET`
//!   (servers that refuse `HEAD`, 405/501, or mishandle it).
//! - Timeouts, connection errors, 429 and 5xx are retried up to `retries`
//!   times, waiting `backoff`, then twice that, and so on; a `Retry-After`
//!   header (seconds or an HTTP date) on 429/503 is waited for instead,
//!   unless it exceeds `max_retry_after`. The host's slot is held while
//!   waiting, so a rate-limited host is not hit by other requests meanwhile.
//! - Redirects are followed up to `max_redirects`.
//! - A host whose URLs failed [`HOST_DOWN_AFTER`] times in a row without any
//!   answer (timeouts, refused connections, unknown host) is given up: its
//!   remaining URLs are reported as not fetched, naming the reason.
//! - Working URLs are cached with the time of the check and reused for
//!   `cache_ttl`; broken ones are always fetched again, so a fix shows at
//!   once. A cache that cannot be read is ignored with a note and rewritten.
//!   The cache is written atomically (a temporary file, then a rename).
//!
//! Invariant: nothing here fails the run; every problem is a diagnostic
//! (broken link) or a note (cache trouble).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::Path;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::analyze::check::Locator;
use crate::config::ExternalConfig;
use crate::diagnostic::{self, Code, Diagnostic, Severity};
use crate::markdown::ArticleOutput;
use crate::model::site::Site;
use crate::pipeline::Built;

/// One distinct URL and the links that point at it.
#[derive(Clone, Debug)]
pub struct Target {
    /// Normalized, without fragment; `Err` holds why it is not a URL.
    pub url: Result<Url, String>,
    /// (article, link index) of every link to it.
    pub links: Vec<(usize, usize)>,
}

/// What a check of one URL found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A 2xx (or accepted) status, after redirects.
    Ok { status: u16 },
    /// A working result from the cache.
    Cached { status: u16 },
    /// An error status from a `GET`, after retries.
    Status {
        status: u16,
        attempts: u32,
        redirected_to: Option<String>,
    },
    /// 429/503 with a `Retry-After` longer than `max_retry_after`.
    RateLimited { status: u16, retry_after: Duration },
    /// No answer within the timeout, after retries.
    Timeout { attempts: u32 },
    /// More redirects than `max_redirects`.
    TooManyRedirects,
    /// The host name does not resolve.
    HostNotFound,
    /// Any other failure (connection refused, TLS, protocol).
    Failed { error: String, attempts: u32 },
    /// Not fetched: earlier URLs of the host failed `failures` times in a
    /// row without an answer (see [`HOST_DOWN_AFTER`]).
    HostDown {
        host: String,
        failures: usize,
        last: String,
    },
    /// Not a URL that can be fetched.
    Invalid { reason: String },
}

impl Verdict {
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Ok { .. } | Verdict::Cached { .. })
    }
}

/// The result of `--external`.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Links checked (each link once, also those answered from the cache).
    pub links: usize,
    /// Distinct URLs checked, and how many of them came from the cache.
    pub urls: usize,
    pub from_cache: usize,
    /// Things the user should know that are not content problems
    /// (an unreadable cache), one line each, without the `note:` prefix.
    pub notes: Vec<String>,
}

/// Checks the external links of a build and adds the results to it:
/// diagnostics (with configured levels) and the links count of the summary.
/// Returns the outcome without its diagnostics (moved into `built`).
pub fn check_built(built: &mut Built) -> Outcome {
    let config = &built.site.config;
    let mut outcome = check(
        &built.site,
        &built.outputs,
        &built.external,
        &config.root,
        &config.check.external,
    );
    let diagnostics =
        crate::pipeline::apply_levels(config, std::mem::take(&mut outcome.diagnostics));
    built.diagnostics.extend(diagnostics);
    diagnostic::sort_dedup(&mut built.diagnostics);
    built.summary.errors = built
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    built.summary.warnings = built
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    built.summary.links += outcome.links;
    outcome
}

/// Checks the external links `links` ((article, link index) pairs) of a
/// site; `root` is the site root the cache path is relative to.
pub fn check(
    site: &Site,
    outputs: &[ArticleOutput],
    links: &[(usize, usize)],
    root: &Path,
    config: &ExternalConfig,
) -> Outcome {
    let targets = collect(outputs, links, config);
    let mut outcome = Outcome::default();
    let use_cache = !config.cache_ttl.is_zero();
    let cache_path = root.join(&config.cache);
    let now = SystemTime::now();
    let mut cache = Cache::default();
    if use_cache {
        let (c, note) = Cache::load(&cache_path);
        cache = c;
        outcome.notes.extend(note);
    }

    let mut verdicts: Vec<Option<Verdict>> = vec![None; targets.len()];
    let mut to_fetch = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        match &t.url {
            Err(reason) => {
                verdicts[i] = Some(Verdict::Invalid {
                    reason: reason.clone(),
                })
            }
            Ok(url) => match use_cache
                .then(|| cache.fresh(url.as_str(), now, config.cache_ttl))
                .flatten()
                // `accept` may have changed since the entry was written.
                .filter(|&status| is_success(status, config))
            {
                Some(status) => {
                    verdicts[i] = Some(Verdict::Cached { status });
                    outcome.from_cache += 1;
                }
                None => to_fetch.push((i, url.clone())),
            },
        }
    }
    let urls: Vec<Url> = to_fetch.iter().map(|(_, u)| u.clone()).collect();
    let fetched = fetch(&urls, config);
    for ((i, url), v) in to_fetch.into_iter().zip(fetched) {
        if let Verdict::Ok { status } = v {
            cache.insert(url.as_str(), status, now);
        }
        verdicts[i] = Some(v);
    }
    if use_cache && !urls.is_empty() {
        cache.retain_fresh(now, config.cache_ttl);
        if let Err(e) = cache.save(&cache_path) {
            outcome.notes.push(format!(
                "cannot write the external-link cache `{}`: {e}",
                cache_path.display()
            ));
        }
    }

    outcome.urls = targets.len();
    // (article, link, verdict) of every broken link, by article, so that
    // each article's line index is built once.
    let mut broken: Vec<(usize, usize, &Verdict)> = Vec::new();
    for (t, v) in targets.iter().zip(&verdicts) {
        outcome.links += t.links.len();
        if let Some(v) = v.as_ref().filter(|v| !v.is_ok()) {
            broken.extend(t.links.iter().map(|&(a, li)| (a, li, v)));
        }
    }
    broken.sort_by_key(|&(a, li, _)| (a, li));
    for chunk in broken.chunk_by(|x, y| x.0 == y.0) {
        let out = &outputs[chunk[0].0];
        let mut loc = Locator::new(site, out);
        for &(_, li, v) in chunk {
            outcome
                .diagnostics
                .push(diagnostic_for(site, out, &mut loc, li, v, config));
        }
    }
    diagnostic::sort_dedup(&mut outcome.diagnostics);
    outcome
}

/// Groups the links by URL (fragment removed), drops excluded ones. Pure.
pub fn collect(
    outputs: &[ArticleOutput],
    links: &[(usize, usize)],
    config: &ExternalConfig,
) -> Vec<Target> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut targets: Vec<Target> = Vec::new();
    for &(article, li) in links {
        let Some(link) = outputs.get(article).and_then(|o| o.rendered.links.get(li)) else {
            continue;
        };
        let url = normalize(&link.target);
        let key = match &url {
            Ok(u) => u.as_str().to_string(),
            Err(_) => link.target.trim().to_string(),
        };
        if config
            .exclude
            .iter()
            .any(|p| key.starts_with(p.as_str()) || link.target.trim().starts_with(p.as_str()))
        {
            continue;
        }
        match by_key.get(&key) {
            Some(&i) => targets[i].links.push((article, li)),
            None => {
                by_key.insert(key, targets.len());
                targets.push(Target {
                    url,
                    links: vec![(article, li)],
                });
            }
        }
    }
    targets
}

/// Parses an external link as written into the URL to request: fragment
/// removed, `//host` given `https:`, IDN hosts and non-ASCII paths encoded.
pub fn normalize(target: &str) -> Result<Url, String> {
    let t = target.trim();
    let with_scheme = if t.starts_with("//") {
        format!("https:{t}")
    } else {
        t.to_string()
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("unsupported scheme `{}`", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("no host".into());
    }
    url.set_fragment(None);
    Ok(url)
}

/// The key for per-host limits: host and port.
fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// Checks every URL, at most `max_concurrency` at once and `max_per_host`
/// per host. `result[i]` belongs to `urls[i]`.
pub fn fetch(urls: &[Url], config: &ExternalConfig) -> Vec<Verdict> {
    if urls.is_empty() {
        return Vec::new();
    }
    let agents = Agents::new(config);
    let mut host_of_key: HashMap<String, usize> = HashMap::new();
    let mut hosts: Vec<HostQueue> = Vec::new();
    let mut host_of = Vec::with_capacity(urls.len());
    for (i, u) in urls.iter().enumerate() {
        let h = *host_of_key.entry(host_key(u)).or_insert_with(|| {
            hosts.push(HostQueue::default());
            hosts.len() - 1
        });
        hosts[h].pending.push_back(i);
        host_of.push(h);
    }
    let per_host = config.max_per_host.max(1);
    let workers = config.max_concurrency.max(1).min(urls.len());
    let queue = Mutex::new(Queue {
        hosts,
        cursor: 0,
        left: urls.len(),
    });
    let freed = Condvar::new();
    let results: Mutex<Vec<Option<Verdict>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((i, h)) = next_job(&queue, &freed, per_host) {
                    let verdict = check_url(&agents, &urls[i], config);
                    debug_assert_eq!(h, host_of[i]);
                    let mut skipped = Vec::new();
                    if let Ok(mut q) = queue.lock() {
                        let host = &mut q.hosts[h];
                        host.in_flight -= 1;
                        match unreachable(&verdict) {
                            Some(why) => {
                                host.failures_in_row += 1;
                                if host.failures_in_row >= HOST_DOWN_AFTER {
                                    let down = Verdict::HostDown {
                                        host: host_key(&urls[i]),
                                        failures: host.failures_in_row,
                                        last: why,
                                    };
                                    skipped
                                        .extend(host.pending.drain(..).map(|j| (j, down.clone())));
                                    q.left -= skipped.len();
                                }
                            }
                            None => host.failures_in_row = 0,
                        }
                    }
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(verdict);
                        for (j, v) in skipped {
                            r[j] = Some(v);
                        }
                    }
                    freed.notify_all();
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|v| {
            v.unwrap_or_else(|| Verdict::Failed {
                error: "not checked (a worker thread panicked)".into(),
                attempts: 0,
            })
        })
        .collect()
}

/// After this many URLs of one host in a row failed without any answer
/// (timeouts, connection errors, unknown host; each after its retries),
/// its remaining URLs are reported without being fetched: a dead host
/// would otherwise cost `timeout × (retries + 1)` per URL.
pub const HOST_DOWN_AFTER: usize = 3;

#[derive(Default)]
struct HostQueue {
    pending: VecDeque<usize>,
    in_flight: usize,
    failures_in_row: usize,
}

/// Why a verdict means the host did not answer at all, if it does.
fn unreachable(v: &Verdict) -> Option<String> {
    match v {
        Verdict::Timeout { .. } => Some("timeouts".into()),
        Verdict::HostNotFound => Some("host not found".into()),
        Verdict::Failed { error, .. } => Some(error.clone()),
        _ => None,
    }
}

struct Queue {
    hosts: Vec<HostQueue>,
    /// Where the next search for a free host starts (round robin).
    cursor: usize,
    /// URLs not yet handed out.
    left: usize,
}

/// The next (URL, host) whose host has a free slot, hosts taken in turn;
/// waits while every host with pending URLs is full; `None` when nothing
/// is pending.
fn next_job(queue: &Mutex<Queue>, freed: &Condvar, per_host: usize) -> Option<(usize, usize)> {
    let mut q = queue.lock().ok()?;
    loop {
        if q.left == 0 {
            return None;
        }
        let n = q.hosts.len();
        for k in 0..n {
            let h = (q.cursor + k) % n;
            let host = &mut q.hosts[h];
            if host.in_flight < per_host
                && let Some(i) = host.pending.pop_front()
            {
                host.in_flight += 1;
                q.left -= 1;
                q.cursor = (h + 1) % n;
                return Some((i, h));
            }
        }
        q = freed.wait(q).ok()?;
    }
}

/// Two agents: one for the world (proxy from the environment) and one for
/// loopback hosts, which are never sent through a proxy.
struct Agents {
    world: ureq::Agent,
    loopback: ureq::Agent,
}

impl Agents {
    fn new(config: &ExternalConfig) -> Agents {
        let builder = || {
            ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(config.timeout))
                .max_redirects(config.max_redirects)
                .max_redirects_will_error(true)
                .user_agent(config.user_agent.as_str())
        };
        Agents {
            world: builder().build().new_agent(),
            loopback: builder().proxy(None).build().new_agent(),
        }
    }

    fn for_url(&self, url: &Url) -> &ureq::Agent {
        let loopback = match url.host() {
            Some(url::Host::Ipv4(a)) => a.is_loopback(),
            Some(url::Host::Ipv6(a)) => a.is_loopback(),
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            None => false,
        };
        if loopback {
            &self.loopback
        } else {
            &self.world
        }
    }
}

/// The answer to one request.
enum Answer {
    Status {
        status: u16,
        retry_after: Option<Duration>,
        uri: String,
    },
    Timeout,
    TooManyRedirects,
    HostNotFound,
    /// `retry`: worth another attempt (I/O, connection).
    Error {
        error: String,
        retry: bool,
    },
}

fn request(agent: &ureq::Agent, url: &Url, head: bool) -> Answer {
    use ureq::ResponseExt;
    let result = if head {
        agent.head(url.as_str()).call()
    } else {
        agent.get(url.as_str()).call()
    };
    match result {
        Ok(resp) => {
            let retry_after = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            Answer::Status {
                status: resp.status().as_u16(),
                retry_after,
                uri: resp.get_uri().to_string(),
            }
        }
        Err(ureq::Error::Timeout(_)) => Answer::Timeout,
        Err(ureq::Error::TooManyRedirects) => Answer::TooManyRedirects,
        Err(ureq::Error::HostNotFound) => Answer::HostNotFound,
        Err(
            e @ (ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::Protocol(_)),
        ) => Answer::Error {
            error: describe(&e),
            retry: true,
        },
        Err(e) => Answer::Error {
            error: describe(&e),
            retry: false,
        },
    }
}

/// A lowercase description of a request error.
fn describe(e: &ureq::Error) -> String {
    use std::io::ErrorKind;
    if let ureq::Error::Io(io) = e {
        let known = match io.kind() {
            ErrorKind::ConnectionRefused => Some("connection refused"),
            ErrorKind::ConnectionReset => Some("connection reset by the server"),
            ErrorKind::ConnectionAborted => Some("connection aborted"),
            ErrorKind::UnexpectedEof => Some("the server closed the connection"),
            _ => None,
        };
        if let Some(k) = known {
            return k.to_string();
        }
    }
    let text = e.to_string();
    let text = text.strip_prefix("io: ").unwrap_or(&text);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "unknown error".into(),
    }
}

/// `Retry-After`: delay in seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn is_success(status: u16, config: &ExternalConfig) -> bool {
    (200..300).contains(&status)
        || (config.max_redirects == 0 && (300..400).contains(&status))
        || config.accept.contains(&status)
}

fn is_retryable(status: u16) -> bool {
    status == 429 || (status >= 500 && status != 501)
}

/// Checks one URL: HEAD, GET when HEAD fails, retries with back-off.
fn check_url(agents: &Agents, url: &Url, config: &ExternalConfig) -> Verdict {
    let agent = agents.for_url(url);
    let mut head = true;
    let mut attempt: u32 = 0;
    loop {
        let answer = request(agent, url, head);
        let can_retry = attempt < config.retries;
        let wait = |retry_after: Option<Duration>| {
            retry_after
                .unwrap_or_else(|| config.backoff.saturating_mul(1u32 << attempt.min(16)))
                .min(config.max_retry_after)
        };
        match answer {
            Answer::Status { status, .. } if is_success(status, config) => {
                return Verdict::Ok { status };
            }
            Answer::Status {
                status,
                retry_after,
                uri,
            } => {
                if is_retryable(status) {
                    if let Some(ra) = retry_after.filter(|ra| *ra > config.max_retry_after)
                        && matches!(status, 429 | 503)
                    {
                        return Verdict::RateLimited {
                            status,
                            retry_after: ra,
                        };
                    }
                    if can_retry {
                        let honoured = retry_after.filter(|_| matches!(status, 429 | 503));
                        std::thread::sleep(wait(honoured));
                        attempt += 1;
                        continue;
                    }
                }
                if head {
                    // Confirm with GET: many servers refuse or mishandle HEAD.
                    head = false;
                    continue;
                }
                let redirected_to = (uri != url.as_str()).then_some(uri);
                return Verdict::Status {
                    status,
                    attempts: attempt + 1,
                    redirected_to,
                };
            }
            Answer::Timeout if can_retry => {}
            Answer::Timeout => {
                return Verdict::Timeout {
                    attempts: attempt + 1,
                };
            }
            Answer::TooManyRedirects => return Verdict::TooManyRedirects,
            Answer::HostNotFound => return Verdict::HostNotFound,
            Answer::Error { retry: true, .. } if can_retry => {}
            Answer::Error { error, .. } => {
                return Verdict::Failed {
                    error,
                    attempts: attempt + 1,
                };
            }
        }
        std::thread::sleep(wait(None));
        attempt += 1;
    }
}

/// `200ms`, `10s`, `1.5s`.
fn show_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

fn status_text(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

fn times(n: u32) -> String {
    if n == 1 {
        "1 attempt".into()
    } else {
        format!("{n} attempts")
    }
}

fn diagnostic_for(
    site: &Site,
    out: &ArticleOutput,
    loc: &mut Locator,
    li: usize,
    verdict: &Verdict,
    config: &ExternalConfig,
) -> Diagnostic {
    let link = &out.rendered.links[li];
    let (file, span) = loc.locate(link.range.clone());
    let target = link.target.as_str();
    let (message, hint) = match verdict {
        Verdict::Status { status, attempts, redirected_to } => {
            let via = redirected_to.as_ref().map(|u| format!(" (redirected to `{u}`)")).unwrap_or_default();
            let message = format!("external link `{target}` returned `{}`{via}", status_text(*status));
            let hint = match status {
                404 | 410 => "the page is gone; link to where it moved, or remove the link".to_string(),
                401 | 403 => format!(
                    "the server refuses stele; if the page opens in a browser, add `{status}` to `accept` under `[check.external]` in stele.toml"
                ),
                429 => "the server limits requests; lower `max_per_host` under `[check.external]` or check later".to_string(),
                s if *s >= 500 => format!("the server failed after {}; it may be down", times(*attempts)),
                _ => format!("if the page works, add `{status}` to `accept` under `[check.external]` in stele.toml"),
            };
            (message, hint)
        }
        Verdict::RateLimited { status, retry_after } => (
            format!("external link `{target}` returned `{}` and asks to retry after `{}`", status_text(*status), show_duration(*retry_after)),
            format!(
                "stele waits at most `{}` (`max_retry_after` under `[check.external]`); check later or lower `max_per_host`",
                show_duration(config.max_retry_after)
            ),
        ),
        Verdict::Timeout { attempts } => (
            format!("external link `{target}` timed out after `{}` ({})", show_duration(config.timeout), times(*attempts)),
            "if the server is only slow, raise `timeout` under `[check.external]` in stele.toml".to_string(),
        ),
        Verdict::TooManyRedirects => (
            format!("external link `{target}` redirects more than `{}` times", config.max_redirects),
            "the redirects may loop; link to the final address".to_string(),
        ),
        Verdict::HostNotFound => (
            format!("external link `{target}`: host not found"),
            "check the host name for typos".to_string(),
        ),
        Verdict::Failed { error, attempts } => (
            format!("external link `{target}` failed: {error} ({})", times(*attempts)),
            "check that the address is right and the server is up".to_string(),
        ),
        Verdict::HostDown { host, failures, last } => (
            format!("external link `{target}` not fetched: `{host}` failed {failures} times in a row ({last})"),
            "the host seems down; check later, or list it in `exclude` under `[check.external]` in stele.toml".to_string(),
        ),
        Verdict::Invalid { reason } => (
            format!("external link `{target}` is not a valid URL: {reason}"),
            "write an absolute `http://` or `https://` URL; spaces must be encoded as `%20`".to_string(),
        ),
        Verdict::Ok { .. } | Verdict::Cached { .. } => (format!("external link `{target}` works"), String::new()),
    };
    Diagnostic::new(
        Code::BrokenExternalLink,
        site.files[file].path.clone(),
        message,
    )
    .with_span(span)
    .with_hint(hint)
    .with_target(link.target.clone())
    .with_locale(site.locales[site.articles[out.article].locale].tag.clone())
}

/// The on-disk cache of working URLs.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    version: u32,
    /// URL → when it was found working and with which status.
    entries: BTreeMap<String, CacheEntry>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct CacheEntry {
    /// Seconds since the Unix epoch.
    checked: u64,
    status: u16,
}

const CACHE_VERSION: u32 = 1;

fn epoch_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl Cache {
    /// Reads the cache; a missing file is an empty cache, an unreadable or
    /// invalid one is an empty cache and a note.
    pub fn load(path: &Path) -> (Cache, Option<String>) {
        let empty = Cache {
            version: CACHE_VERSION,
            entries: BTreeMap::new(),
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (empty, None),
            Err(e) => {
                return (
                    empty,
                    Some(format!(
                        "ignoring the external-link cache `{}`: {e}",
                        path.display()
                    )),
                );
            }
        };
        match serde_json::from_str::<Cache>(&text) {
            Ok(c) if c.version == CACHE_VERSION => (c, None),
            Ok(c) => (
                empty,
                Some(format!(
                    "ignoring the external-link cache `{}`: version {} is not {CACHE_VERSION}",
                    path.display(),
                    c.version
                )),
            ),
            Err(e) => (
                empty,
                Some(format!(
                    "ignoring the external-link cache `{}`: it is not valid ({e}); it will be rewritten",
                    path.display()
                )),
            ),
        }
    }

    /// The cached status of `url` if it was found working less than `ttl` ago.
    pub fn fresh(&self, url: &str, now: SystemTime, ttl: Duration) -> Option<u16> {
        let e = self.entries.get(url)?;
        let age = epoch_secs(now).checked_sub(e.checked)?;
        (age < ttl.as_secs().max(1)).then_some(e.status)
    }

    pub fn insert(&mut self, url: &str, status: u16, now: SystemTime) {
        self.entries.insert(
            url.to_string(),
            CacheEntry {
                checked: epoch_secs(now),
                status,
            },
        );
    }

    /// Drops entries older than `ttl` (and entries from the future).
    pub fn retain_fresh(&mut self, now: SystemTime, ttl: Duration) {
        let now = epoch_secs(now);
        self.entries.retain(|_, e| {
            now.checked_sub(e.checked)
                .is_some_and(|age| age < ttl.as_secs().max(1))
        });
    }

    /// Writes the cache atomically: a temporary file beside it, then a rename.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let cache = Cache {
            version: CACHE_VERSION,
            entries: self.entries.clone(),
        };
        let mut bytes = serde_json::to_vec_pretty(&cache).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        crate::output::write_file_atomic(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_fragments_and_encodes() {
        assert_eq!(
            normalize("https://x.org/a#b").unwrap().as_str(),
            "https://x.org/a"
        );
        assert_eq!(normalize("//x.org/a").unwrap().as_str(), "https://x.org/a");
        assert_eq!(
            normalize("https://bücher.example/ä b").unwrap().as_str(),
            "https://xn--bcher-kva.example/%C3%A4%20b"
        );
        assert!(normalize("https://").is_err());
        assert!(normalize("http://exa mple.com/").is_err());
    }

    #[test]
    fn retry_after_in_seconds_and_dates() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        let d = parse_retry_after(&later).unwrap();
        assert!(
            d > Duration::from_secs(100) && d <= Duration::from_secs(120),
            "{d:?}"
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn cache_ttl_and_corruption() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/external.json");
        let now = SystemTime::now();
        let mut c = Cache::default();
        c.insert("https://x.org/", 200, now - Duration::from_secs(100));
        c.insert("https://y.org/", 200, now - Duration::from_secs(10));
        c.save(&path).unwrap();
        let (c, note) = Cache::load(&path);
        assert!(note.is_none());
        let ttl = Duration::from_secs(60);
        assert_eq!(
            c.fresh("https://x.org/", now, ttl),
            None,
            "older than the TTL"
        );
        assert_eq!(c.fresh("https://y.org/", now, ttl), Some(200));
        std::fs::write(&path, "{ not json").unwrap();
        let (c, note) = Cache::load(&path);
        assert!(c.entries.is_empty());
        assert!(note.unwrap().contains("it will be rewritten"));
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(show_duration(Duration::from_millis(250)), "250ms");
        assert_eq!(show_duration(Duration::from_secs(10)), "10s");
        assert_eq!(show_duration(Duration::from_millis(1500)), "1.5s");
    }
}
