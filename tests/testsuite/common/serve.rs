//! A running `equil serve --port 0` on a fixture site, driven over HTTP:
//! raw requests, polling until a change shows, and the live-reload event
//! stream (server-sent events) read as it arrives.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scraper::Html;

use super::{equil_command, sel};

/// How long a change may take to show (debug builds on a busy machine).
pub const DEADLINE: Duration = Duration::from_secs(20);

/// Keep at most this much of serve's error output (a huge error is printed
/// on every rebuild).
const STDERR_CAP: usize = 1 << 20;

/// A running `equil serve --port 0`, killed when dropped.
pub struct Serve {
    pub child: Child,
    /// `http://127.0.0.1:PORT`
    pub addr: String,
    /// How long [`Serve::wait_for`] waits.
    pub deadline: Duration,
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    /// Starts `equil serve --port 0 --root <root>` and waits for its address.
    pub fn start(root: &Path) -> Serve {
        let mut child = equil_command()
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start equil serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        collect_stderr(child.stderr.take().expect("stderr"), Arc::clone(&stderr));
        let lines = line_channel(child.stdout.take().expect("stdout"));
        let mut serve = Serve {
            child,
            addr: String::new(),
            deadline: DEADLINE,
            stderr,
        };
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Ok(line) = lines.recv_timeout(Duration::from_millis(100)) {
                if let Some(i) = line.find("http://127.0.0.1:") {
                    let url = line[i..].split_whitespace().next().unwrap_or("");
                    serve.addr = url.trim_end_matches('/').to_string();
                    return serve;
                }
            }
        }
        panic!("no URL printed; stderr:\n{}", serve.stderr());
    }

    /// What serve printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn port(&self) -> u16 {
        self.addr.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// Whether serve is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// A raw HTTP/1.0 GET of `target` (sent exactly as written); `None` when
    /// the connection fails or no reply comes within `timeout`.
    pub fn try_get(&self, target: &str, timeout: Duration) -> Option<Reply> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port())).ok()?;
        s.set_read_timeout(Some(timeout)).ok()?;
        write!(s, "GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).ok()?;
        Some(Reply::parse(&raw))
    }

    /// [`Serve::try_get`] that panics when there is no reply in 10 s.
    pub fn get(&self, target: &str) -> Reply {
        self.try_get(target, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("no reply to GET {target}; stderr:\n{}", self.stderr()))
    }

    /// Polls `target` until `ok` holds for the reply; panics after the deadline.
    pub fn wait_for(&self, target: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.try_get(target, Duration::from_secs(10));
            match r {
                Some(r) if ok(&r) => return r,
                _ if start.elapsed() > self.deadline => panic!(
                    "{target}: {what} did not happen; last reply {}:\n{}\n--- stderr:\n{}",
                    r.as_ref().map_or(0, |r| r.status),
                    r.as_ref()
                        .map_or("(none)", |r| &r.body[..r.body.len().min(4000)]),
                    self.stderr()
                ),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    /// Opens the reload event stream; its text arrives on the receiver.
    pub fn events(&self) -> Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port())).expect("connect");
        write!(
            s,
            "GET /__equil/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = s.read(&mut buf) {
                if n == 0
                    || tx
                        .send(String::from_utf8_lossy(&buf[..n]).into_owned())
                        .is_err()
                {
                    break;
                }
            }
        });
        // The stream is open once its first comment arrives.
        wait_text(&rx, &mut String::new(), ": equil live reload");
        rx
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Appends what `pipe` prints to `sink` (up to [`STDERR_CAP`]), on a thread.
fn collect_stderr(pipe: impl Read + Send + 'static, sink: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut r = BufReader::new(pipe);
        let mut buf = Vec::new();
        while r
            .read_until(b'\n', &mut buf)
            .map(|n| n > 0)
            .unwrap_or(false)
        {
            let mut s = sink.lock().unwrap();
            if s.len() < STDERR_CAP {
                s.push_str(&String::from_utf8_lossy(&buf));
            }
            buf.clear();
        }
    });
}

/// The lines `pipe` prints, sent on a channel as they come.
pub fn line_channel(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Reads `rx` into `seen` until it contains `needle`; panics after [`DEADLINE`].
pub fn wait_text(rx: &Receiver<String>, seen: &mut String, needle: &str) {
    let start = Instant::now();
    while !seen.contains(needle) {
        assert!(
            start.elapsed() < DEADLINE,
            "event stream never said {needle:?}; got:\n{seen}"
        );
        if let Ok(s) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.push_str(&s);
        }
    }
}

/// An HTTP reply: status, headers (names in lower case) and body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Whether the page shows serve's error overlay.
    pub fn has_overlay(&self) -> bool {
        self.html().select(&sel("#equil-overlay")).next().is_some()
    }
}
