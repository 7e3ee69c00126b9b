//! Shared by the `stele serve` and browser tests: a `stele serve` child
//! process on 127.0.0.1 and a raw HTTP/1.1 client (raw, so that request
//! paths reach the server exactly as written, `..` and all).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Copies `tests/fixtures/<rel>` into a fresh temporary directory as `site/`.
pub fn copy_fixture(rel: &str) -> (tempfile::TempDir, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    let tmp = tempfile::tempdir().expect("temporary directory");
    let dst = tmp.path().join("site");
    copy_dir(&src, &dst);
    (tmp, dst)
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

/// A running `stele serve`; killed on drop.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub url: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `stele serve SITE --port 0 ARGS…` and waits until it serves.
    pub fn start(site: &Path, args: &[&str]) -> Server {
        Self::try_start(site, args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Like [`Server::start`], but returns the exit code and stderr when
    /// the server exits instead of serving.
    pub fn try_start(site: &Path, args: &[&str]) -> Result<Server, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stele"))
            .arg("serve")
            .arg(site)
            .args(["--port", "0"])
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start stele: {e}"))?;
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        let log = stderr.clone();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                log.lock().unwrap().push_str(&format!("{line}\n"));
                if !sent && line.starts_with("serving ") {
                    if let Some(i) = line.find("http://") {
                        let url: String = line[i..]
                            .split_whitespace()
                            .next()
                            .unwrap()
                            .trim_end_matches('/')
                            .to_string();
                        let _ = tx.send(url);
                        sent = true;
                    }
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(url) = rx.recv_timeout(Duration::from_millis(50)) {
                let addr: SocketAddr = url.trim_start_matches("http://").parse().unwrap();
                return Ok(Server {
                    child,
                    addr,
                    url,
                    stderr,
                });
            }
            if let Ok(Some(status)) = child.try_wait() {
                std::thread::sleep(Duration::from_millis(100));
                return Err(format!(
                    "stele serve exited with {status}:\n{}",
                    stderr.lock().unwrap()
                ));
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return Err(format!(
                    "stele serve did not start within 60 s:\n{}",
                    stderr.lock().unwrap()
                ));
            }
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle`.
    pub fn wait_stderr(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.stderr().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    pub fn get(&self, path: &str) -> Response {
        get(self.addr, path)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, read to the end.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// `GET path` over a fresh connection, path sent exactly as given.
pub fn get(addr: SocketAddr, path: &str) -> Response {
    try_get(addr, path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

pub fn try_get(addr: SocketAddr, path: &str) -> std::io::Result<Response> {
    try_get_host(addr, path, &addr.to_string())
}

/// `GET path` with the given `Host` header.
pub fn try_get_host(addr: SocketAddr, path: &str, host: &str) -> std::io::Result<Response> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.set_write_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    parse(&raw).ok_or_else(|| {
        std::io::Error::other(format!(
            "unparsable response: {:?}",
            String::from_utf8_lossy(&raw)
        ))
    })
}

fn parse(raw: &[u8]) -> Option<Response> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body)?;
    }
    Some(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = b.windows(2).position(|w| w == b"\r\n")?;
        let n = usize::from_str_radix(std::str::from_utf8(&b[..nl]).ok()?.trim(), 16).ok()?;
        if n == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(nl + 2..nl + 2 + n)?);
        b = b.get(nl + 4 + n..)?;
    }
}

/// One server-sent event.
#[derive(Clone, Debug)]
pub struct SseEvent {
    pub event: String,
    pub data: String,
    pub at: Instant,
}

/// An open `/_stele/events` stream; events arrive on a channel.
pub struct Sse {
    pub events: mpsc::Receiver<SseEvent>,
    _stream: TcpStream,
}

impl Sse {
    pub fn open(addr: SocketAddr) -> Sse {
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10))
            .expect("connect to the events stream");
        write!(
            s,
            "GET /_stele/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let reader = s.try_clone().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            let mut data = String::new();
            for line in BufReader::new(reader).lines() {
                let Ok(line) = line else { break };
                // Chunk-size lines of the chunked encoding carry no colon.
                if let Some(v) = line.strip_prefix("event:") {
                    event = v.trim().to_string();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim());
                } else if line.is_empty() && !data.is_empty() {
                    let e = SseEvent {
                        event: std::mem::take(&mut event),
                        data: std::mem::take(&mut data),
                        at: Instant::now(),
                    };
                    if tx.send(e).is_err() {
                        break;
                    }
                }
            }
        });
        Sse {
            events: rx,
            _stream: s,
        }
    }

    /// The next event named `name` within `timeout`.
    pub fn next(&self, name: &str, timeout: Duration) -> Option<SseEvent> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.events.recv_timeout(left) {
                Ok(e) if e.event == name => return Some(e),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
    }
}
