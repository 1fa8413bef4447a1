//! A small Chrome DevTools Protocol client for browser tests: headless
//! Chromium driven over `--remote-debugging-pipe` (JSON messages separated by
//! NUL bytes on file descriptors 3 and 4), so no WebSocket is needed.
//! Used as `crate::common::cdp`.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long one protocol call may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(15);

/// A running headless Chromium.
pub struct Browser {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: u64,
    events: VecDeque<Value>,
    _profile: tempfile::TempDir,
}

/// A page (tab) of the browser, attached with its own session.
pub struct Tab {
    pub session: String,
}

impl Browser {
    /// Starts Chromium with `args` (from `common::chromium_args`) and a pipe
    /// for the protocol. A shell moves the pipe ends to fds 3 and 4.
    pub fn launch(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut args = super::chromium_args(profile.path());
        args.push("--remote-debugging-pipe".into());
        args.push("about:blank".into());
        let log = std::fs::File::create(profile.path().join("chromium.log")).expect("log file");
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$@" 3<&0 4>&1 </dev/null >/dev/null"#)
            .arg("sh")
            .arg(chromium)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start chromium");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 64 * 1024];
            loop {
                let n = match stdout.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                buf.extend_from_slice(&chunk[..n]);
                while let Some(end) = buf.iter().position(|&b| b == 0) {
                    let msg: Vec<u8> = buf.drain(..=end).collect();
                    if let Ok(v) = serde_json::from_slice::<Value>(&msg[..msg.len() - 1]) {
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Browser {
            child,
            stdin,
            rx,
            next_id: 0,
            events: VecDeque::new(),
            _profile: profile,
        }
    }

    /// Sends a command (to a tab's session, or to the browser) and waits for
    /// its answer: the result, or the protocol's error message.
    pub fn try_call(
        &mut self,
        tab: Option<&Tab>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(t) = tab {
            msg["sessionId"] = json!(t.session);
        }
        let mut bytes = serde_json::to_vec(&msg).expect("json");
        bytes.push(0);
        self.stdin
            .write_all(&bytes)
            .and_then(|_| self.stdin.flush())
            .map_err(|e| format!("cannot write to chromium: {e}"))?;
        let deadline = Instant::now() + CALL_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(v) if v["id"] == json!(id) => {
                    return match v.get("error") {
                        Some(e) => Err(e["message"].as_str().unwrap_or("error").to_string()),
                        None => Ok(v["result"].clone()),
                    };
                }
                Ok(v) => {
                    if self.events.len() > 1000 {
                        self.events.pop_front();
                    }
                    self.events.push_back(v);
                }
                Err(RecvTimeoutError::Timeout) => return Err(format!("{method}: no answer")),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("{method}: chromium exited ({})", self.log()))
                }
            }
        }
    }

    /// [`Browser::try_call`] that panics on errors.
    pub fn call(&mut self, tab: Option<&Tab>, method: &str, params: Value) -> Value {
        self.try_call(tab, method, params)
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// Chromium's own log (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self._profile.path().join("chromium.log"))
            .unwrap_or_default()
            .lines()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Opens a new, empty tab.
    pub fn open_blank(&mut self) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().expect("targetId").to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        let tab = Tab {
            session: attached["sessionId"]
                .as_str()
                .expect("sessionId")
                .to_string(),
        };
        self.call(Some(&tab), "Runtime.enable", json!({}));
        tab
    }

    /// Loads `url` in the tab and waits until it has loaded.
    pub fn navigate(&mut self, tab: &Tab, url: &str) {
        self.call(Some(tab), "Page.navigate", json!({ "url": url }));
        self.wait_for(
            tab,
            &format!(
                "document.readyState === 'complete' && location.href === {}",
                json!(url)
            ),
        );
    }

    /// Opens a new tab at `url` and waits until it has loaded.
    pub fn open(&mut self, url: &str) -> Tab {
        let tab = self.open_blank();
        self.navigate(&tab, url);
        tab
    }

    /// Evaluates a JavaScript expression in the tab; its value (JSON).
    pub fn try_eval(&mut self, tab: &Tab, expr: &str) -> Result<Value, String> {
        let r = self.try_call(
            Some(tab),
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true }),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            return Err(format!("{expr}: {ex}"));
        }
        Ok(r["result"]["value"].clone())
    }

    pub fn eval(&mut self, tab: &Tab, expr: &str) -> Value {
        self.try_eval(tab, expr)
            .unwrap_or_else(|e| panic!("eval failed: {e}"))
    }

    /// Waits (up to 10 s) until `expr` is truthy; returns its value. Errors
    /// while a page navigates count as "not yet".
    pub fn wait_for(&mut self, tab: &Tab, expr: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = Value::Null;
        while Instant::now() < deadline {
            match self.try_eval(tab, expr) {
                Ok(v) if truthy(&v) => return v,
                Ok(v) => last = v,
                Err(e) => last = json!(e),
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for `{expr}` (last value: {last})");
    }

    /// Presses a key: `key` as in KeyboardEvent.key, with the text it types.
    pub fn key(&mut self, tab: &Tab, key: &str, code: &str, key_code: u32, text: Option<&str>) {
        let mut down = json!({
            "type": if text.is_some() { "keyDown" } else { "rawKeyDown" },
            "key": key,
            "code": code,
            "windowsVirtualKeyCode": key_code,
            "nativeVirtualKeyCode": key_code,
        });
        if let Some(t) = text {
            down["text"] = json!(t);
            down["unmodifiedText"] = json!(t);
        }
        self.call(Some(tab), "Input.dispatchKeyEvent", down);
        self.call(
            Some(tab),
            "Input.dispatchKeyEvent",
            json!({ "type": "keyUp", "key": key, "code": code,
                    "windowsVirtualKeyCode": key_code, "nativeVirtualKeyCode": key_code }),
        );
    }

    /// Types text key by key into whatever has the focus.
    pub fn type_text(&mut self, tab: &Tab, text: &str) {
        for c in text.chars() {
            let s = c.to_string();
            let code = c.to_ascii_uppercase() as u32;
            let vk = if c.is_ascii_alphanumeric() { code } else { 0 };
            self.key(tab, &s, "", vk, Some(&s));
        }
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.try_call(None, "Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(3);
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
