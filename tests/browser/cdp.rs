//! A small Chrome DevTools Protocol client for the browser tests.
//!
//! It starts the system's Chromium (Debian's `chromium`, or the binary in
//! `STELE_CHROMIUM`) headless with a fresh profile, talks CDP over the
//! browser's WebSocket (`tungstenite`), and never downloads a browser.
//! Only what the tests need: open a tab, navigate, evaluate JavaScript,
//! click at an element's position with real mouse events, screenshots.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// The flags every test browser gets.
pub const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--remote-debugging-port=0",
];

/// Finds the browser: `STELE_CHROMIUM`, else `chromium` or
/// `chromium-browser` on `PATH`. Panics with what to install otherwise.
/// A test calls [`browser_available`] first, which skips it where
/// Chromium is missing and not required.
pub fn find_chromium() -> PathBuf {
    match locate_chromium() {
        Some(p) => p,
        None => panic!(
            "chromium is not installed: the browser tests need it\n\
             hint: `apt-get update && apt-get install -y chromium` (CI's .ci/run does this), \
             or set STELE_CHROMIUM to a Chromium binary"
        ),
    }
}

fn locate_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("STELE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Whether the browser tests run: yes when Chromium is found; when it is
/// not, they fail if `STELE_REQUIRE_BROWSER` is set (to anything but `0`;
/// `.ci/run` sets it) and are skipped otherwise, with one line on stderr
/// (written past the test harness's capture, once per test binary), so
/// that `cargo test` passes on a machine with only the Rust toolchain.
pub fn browser_available() -> bool {
    if locate_chromium().is_some() {
        return true;
    }
    let required = std::env::var("STELE_REQUIRE_BROWSER").is_ok_and(|v| !v.is_empty() && v != "0");
    if required {
        find_chromium();
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipping the browser tests: chromium is not installed (install it with `apt-get install -y chromium`; STELE_REQUIRE_BROWSER=1 makes this an error, as in .ci/run)"
        );
    });
    false
}

/// A headless Chromium; closed and killed on drop.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    next_id: u64,
    events: VecDeque<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch() -> Browser {
        let bin = find_chromium();
        let profile = tempfile::tempdir().expect("profile directory");
        let mut child = Command::new(&bin)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `{}`: {e}", bin.display()));
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if !sent {
                    if let Some(i) = line.find("ws://") {
                        let _ = tx.send(line[i..].trim().to_string());
                        sent = true;
                    }
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(u) => u,
            Err(_) => {
                let _ = child.kill();
                panic!(
                    "`{}` did not open its DevTools endpoint within 30 s",
                    bin.display()
                );
            }
        };
        let host = url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let stream = TcpStream::connect(&host).expect("connect to DevTools");
        let (ws, _) =
            tungstenite::client(url.as_str(), stream).expect("DevTools WebSocket handshake");
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        Browser {
            child,
            ws,
            next_id: 0,
            events: VecDeque::new(),
            _profile: profile,
        }
    }

    fn read(&mut self, deadline: Instant) -> Option<Value> {
        while Instant::now() < deadline {
            match self.ws.read() {
                Ok(Message::Text(t)) => return serde_json::from_str(t.as_str()).ok(),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => panic!("DevTools connection failed: {e}"),
            }
        }
        None
    }

    /// Sends a command (to a tab when `session` is given) and waits for its result.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .expect("send to DevTools");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let Some(v) = self.read(deadline) else {
                panic!("no answer to `{method}` within 30 s")
            };
            if v.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(e) = v.get("error") {
                    panic!("`{method}` failed: {e}");
                }
                return v["result"].clone();
            }
            self.events.push_back(v);
        }
    }

    /// Waits for an event of a tab.
    pub fn wait_event(&mut self, session: &str, method: &str, timeout: Duration) -> Option<Value> {
        let matches = |v: &Value| v["method"] == method && v["sessionId"] == session;
        if let Some(i) = self.events.iter().position(matches) {
            return self.events.remove(i);
        }
        let deadline = Instant::now() + timeout;
        while let Some(v) = self.read(deadline) {
            if matches(&v) {
                return Some(v);
            }
            if v.get("method").is_some() {
                self.events.push_back(v);
            }
        }
        None
    }

    /// Opens a tab.
    pub fn tab(&mut self) -> Tab<'_> {
        let target =
            self.call(None, "Target.createTarget", json!({ "url": "about:blank" }))["targetId"]
                .clone();
        let session = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        self.call(Some(&session), "Page.enable", json!({}));
        self.call(Some(&session), "Runtime.enable", json!({}));
        Tab {
            browser: self,
            session,
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.next_id += 1;
        let _ = self.ws.send(Message::text(
            json!({ "id": self.next_id, "method": "Browser.close" }).to_string(),
        ));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab.
pub struct Tab<'b> {
    browser: &'b mut Browser,
    session: String,
}

impl Tab<'_> {
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.browser.call(Some(&self.session), method, params)
    }

    /// Navigates and waits for the load event.
    pub fn goto(&mut self, url: &str) {
        self.browser
            .events
            .retain(|v| v["method"] != "Page.loadEventFired");
        let r = self.call("Page.navigate", json!({ "url": url }));
        if let Some(e) = r.get("errorText") {
            panic!("cannot open {url}: {e}");
        }
        self.wait_load(Duration::from_secs(30))
            .unwrap_or_else(|| panic!("{url} did not load within 30 s"));
    }

    /// Waits for the next load event (a navigation or a reload).
    pub fn wait_load(&mut self, timeout: Duration) -> Option<Value> {
        let s = self.session.clone();
        self.browser.wait_event(&s, "Page.loadEventFired", timeout)
    }

    /// Evaluates JavaScript in the page and returns its value.
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("JavaScript `{expr}` threw: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Polls `expr` until it is true; `false` after `timeout`.
    pub fn wait_for(&mut self, expr: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            // A reload in progress may destroy the context mid-call: retry.
            let r = self.call(
                "Runtime.evaluate",
                json!({ "expression": format!("!!({expr})"), "returnByValue": true }),
            );
            if r.get("exceptionDetails").is_none() && r["result"]["value"] == json!(true) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Clicks the centre of the first element matching `selector` with
    /// real mouse events, as a reader would.
    pub fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return null; e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (Some(x), Some(y)) = (rect[0].as_f64(), rect[1].as_f64()) else {
            panic!("no element `{selector}` to click");
        };
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Types `text` into the focused element, as a keyboard would
    /// (`input` events, one insertion).
    #[allow(dead_code)]
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Presses and releases one key (`ArrowRight`, `ArrowDown`, `Home`,
    /// `Escape`, `Enter`, …) in the focused element, as a reader would.
    #[allow(dead_code)]
    pub fn press(&mut self, key: &str) {
        let code = match key {
            "ArrowLeft" => 37,
            "ArrowRight" => 39,
            "ArrowDown" => 40,
            "ArrowUp" => 38,
            "Home" => 36,
            "End" => 35,
            "Escape" => 27,
            "Enter" => 13,
            "Tab" => 9,
            _ => 0,
        };
        for kind in ["rawKeyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code }),
            );
        }
    }

    /// Turns off the page's scripts (for the no-JS fallbacks); call before [`Tab::goto`].
    #[allow(dead_code)]
    pub fn disable_scripts(&mut self) {
        self.call(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": true }),
        );
    }

    /// Emulates the reader's `prefers-color-scheme` (`light` or `dark`).
    #[allow(dead_code)]
    pub fn emulate_color_scheme(&mut self, scheme: &str) {
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&mut self, path: &Path) {
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let data = base64_decode(r["data"].as_str().expect("screenshot data"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("artifact directory");
        }
        std::fs::write(path, data).expect("write the screenshot");
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("iVBORw=="), [0x89, b'P', b'N', b'G']);
}
