//! A Chrome DevTools Protocol connection over Chromium's WebSocket (the
//! `tungstenite` crate): commands with a time limit each, answered by id,
//! and events routed to the tab (session) they belong to. One thread does
//! the socket's reading and writing; any number of threads may call.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

/// How long the socket thread waits for a message before it looks for
/// commands to send (and for the end of the connection).
const POLL: Duration = Duration::from_millis(5);

/// The largest message accepted: a printed PDF comes back in one message,
/// base64-encoded.
const MAX_MESSAGE: usize = 1 << 30;

type Answer = Result<Value, String>;

/// Answers awaited and tabs listening for events, shared with the socket thread.
#[derive(Default)]
struct Routes {
    /// Callers waiting for an answer, with the session they called.
    pending: HashMap<u64, (Option<String>, Sender<Answer>)>,
    sessions: HashMap<String, Sender<Value>>,
    /// Set when the connection ended: why.
    closed: Option<String>,
}

/// A connection to a browser.
pub struct Connection {
    outgoing: Mutex<Sender<String>>,
    routes: Arc<Mutex<Routes>>,
    next_id: AtomicU64,
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Connection {
    /// Connects to `ws://127.0.0.1:<port><path>` (from `DevToolsActivePort`).
    pub fn open(port: u16, path: &str, timeout: Duration) -> Result<Connection, String> {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&addr, timeout)
            .map_err(|e| format!("cannot connect to Chromium on port {port}: {e}"))?;
        let _ = stream.set_nodelay(true);
        stream
            .set_read_timeout(Some(timeout))
            .and_then(|_| stream.set_write_timeout(Some(timeout)))
            .map_err(|e| format!("cannot set up the connection to Chromium: {e}"))?;
        let config = WebSocketConfig::default()
            .max_message_size(Some(MAX_MESSAGE))
            .max_frame_size(Some(MAX_MESSAGE));
        let url = format!("ws://127.0.0.1:{port}{path}");
        let (socket, _) =
            tungstenite::client::client_with_config(url.as_str(), stream, Some(config))
                .map_err(|e| format!("Chromium refused the DevTools connection: {e}"))?;
        socket
            .get_ref()
            .set_read_timeout(Some(POLL))
            .map_err(|e| format!("cannot set up the connection to Chromium: {e}"))?;
        let (tx, rx) = channel();
        let routes = Arc::new(Mutex::new(Routes::default()));
        let done = Arc::new(AtomicBool::new(false));
        let thread = {
            let (routes, done) = (Arc::clone(&routes), Arc::clone(&done));
            std::thread::spawn(move || pump(socket, &rx, &routes, &done))
        };
        Ok(Connection {
            outgoing: Mutex::new(tx),
            routes,
            next_id: AtomicU64::new(0),
            done,
            thread: Some(thread),
        })
    }

    /// Sends `method` (to a tab's session, or to the browser) and waits up to
    /// `timeout` for its answer, or until `stop` is set.
    pub fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        timeout: Duration,
        stop: &AtomicBool,
    ) -> Result<Value, String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let (tx, rx) = channel();
        {
            let mut routes = lock(&self.routes);
            if let Some(why) = &routes.closed {
                return Err(why.clone());
            }
            routes.pending.insert(id, (session.map(str::to_string), tx));
        }
        let sent = lock(&self.outgoing).send(msg.to_string());
        if sent.is_err() {
            lock(&self.routes).pending.remove(&id);
            return Err("the connection to Chromium is closed".into());
        }
        let answer = wait(&rx, timeout, stop);
        lock(&self.routes).pending.remove(&id);
        match answer {
            Waited::Got(a) => a,
            Waited::TimedOut => Err(format!("Chromium did not answer {method} in time")),
            Waited::Stopped => Err("stopped".into()),
            Waited::Closed => Err(self.closed_reason()),
        }
    }

    /// The events of `session`, from now on.
    pub fn events(&self, session: &str) -> Receiver<Value> {
        let (tx, rx) = channel();
        lock(&self.routes).sessions.insert(session.to_string(), tx);
        rx
    }

    /// Stops routing events of `session`.
    pub fn forget(&self, session: &str) {
        lock(&self.routes).sessions.remove(session);
    }

    /// Whether the connection has ended (Chromium exited or broke it off).
    pub fn is_closed(&self) -> bool {
        lock(&self.routes).closed.is_some()
    }

    fn closed_reason(&self) -> String {
        lock(&self.routes)
            .closed
            .clone()
            .unwrap_or_else(|| "the connection to Chromium closed".into())
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What waiting on a channel gave.
pub enum Waited<T> {
    Got(T),
    TimedOut,
    Stopped,
    Closed,
}

/// Waits for a message on `rx` for up to `timeout`, looking at `stop` every
/// 50 ms.
pub fn wait<T>(rx: &Receiver<T>, timeout: Duration, stop: &AtomicBool) -> Waited<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if stop.load(Ordering::SeqCst) {
            return Waited::Stopped;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Waited::TimedOut;
        }
        match rx.recv_timeout(left.min(Duration::from_millis(50))) {
            Ok(v) => return Waited::Got(v),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Waited::Closed,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The socket thread: sends what callers queued, reads and routes what
/// Chromium sends, until the connection ends or `done` is set. Then every
/// caller still waiting is told why.
fn pump(
    mut socket: WebSocket<TcpStream>,
    outgoing: &Receiver<String>,
    routes: &Mutex<Routes>,
    done: &AtomicBool,
) {
    let why = loop {
        if done.load(Ordering::SeqCst) {
            let _ = socket.close(None);
            let _ = socket.flush();
            break "the connection to Chromium was closed".to_string();
        }
        let mut failed = None;
        while let Ok(text) = outgoing.try_recv() {
            if let Err(e) = socket.send(Message::text(text)) {
                failed = Some(format!("cannot send to Chromium: {e}"));
                break;
            }
        }
        if let Some(why) = failed {
            break why;
        }
        match socket.read() {
            Ok(Message::Text(text)) => route(text.as_str(), routes),
            Ok(Message::Close(_)) => break "Chromium closed the connection".into(),
            Ok(_) => {}
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => break format!("the connection to Chromium broke ({e})"),
        }
    };
    let mut r = lock(routes);
    r.closed = Some(why);
    // Dropping the senders wakes every waiting caller.
    r.pending.clear();
    r.sessions.clear();
}

/// Hands one message to whoever waits for it. A tab that crashed or was
/// closed fails the commands still waiting on it.
fn route(text: &str, routes: &Mutex<Routes>) {
    let Ok(msg) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let mut r = lock(routes);
    if let Some(id) = msg.get("id").and_then(Value::as_u64) {
        if let Some((_, tx)) = r.pending.remove(&id) {
            let answer = match msg.get("error") {
                Some(e) => Err(e["message"].as_str().unwrap_or("error").to_string()),
                None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
            };
            let _ = tx.send(answer);
        }
        return;
    }
    let method = msg["method"].as_str().unwrap_or_default();
    let gone = match method {
        "Inspector.targetCrashed" => msg["sessionId"].as_str(),
        "Target.detachedFromTarget" => msg["params"]["sessionId"].as_str(),
        _ => None,
    };
    if let Some(gone) = gone {
        let why = if method == "Inspector.targetCrashed" {
            "the page crashed in Chromium (out of memory?)"
        } else {
            "Chromium closed the page"
        };
        let ids: Vec<u64> = r
            .pending
            .iter()
            .filter(|(_, (s, _))| s.as_deref() == Some(gone))
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            if let Some((_, tx)) = r.pending.remove(&id) {
                let _ = tx.send(Err(why.to_string()));
            }
        }
    }
    if let Some(session) = msg.get("sessionId").and_then(Value::as_str) {
        if let Some(tx) = r.sessions.get(session) {
            let _ = tx.send(msg);
        }
    }
}
