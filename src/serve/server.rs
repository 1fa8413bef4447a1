//! The HTTP side of `serve` (tiny_http): serves the rendered site from
//! memory on 127.0.0.1, `index.html` for folders, the site's 404 page for
//! anything else, and the live-reload event stream.

use std::borrow::Cow;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::live::{self, EVENTS_PATH};
use super::{Files, Shared};

/// The HTTP server and its worker threads.
pub struct Server {
    http: Arc<tiny_http::Server>,
    pub addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum BindError {
    /// Another program listens on the port.
    InUse(u16),
    Other(String),
}

impl std::fmt::Display for BindError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BindError::InUse(port) => write!(
                f,
                "port {port} is already in use (is another `equil serve` running?)"
            ),
            BindError::Other(e) => f.write_str(e),
        }
    }
}

/// How long a write to a browser may wait before the connection is given up.
const WRITE_TIMEOUT: Duration = Duration::from_secs(20);

/// Options for every connection, set on the listening socket (accepted
/// connections inherit them; tiny_http does not hand out its sockets):
/// no Nagle delay (a response's head and body are separate writes, which
/// would otherwise wait ~40 ms for the browser's delayed ACK), and a write
/// timeout so a browser that stops reading frees its thread.
fn tune(listener: &TcpListener) {
    let sock = socket2::SockRef::from(listener);
    let _ = sock.set_tcp_nodelay(true);
    let _ = sock.set_write_timeout(Some(WRITE_TIMEOUT));
}

/// How many requests are handled at once.
const WORKERS: usize = 4;

impl Server {
    /// Listens on 127.0.0.1:`port` (0: any free port).
    pub fn bind(port: u16) -> Result<(tiny_http::Server, SocketAddr), BindError> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => BindError::InUse(port),
            _ => BindError::Other(format!("cannot listen on 127.0.0.1:{port}: {e}")),
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| BindError::Other(e.to_string()))?;
        tune(&listener);
        let http = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| BindError::Other(e.to_string()))?;
        Ok((http, addr))
    }

    /// Starts answering requests from `shared`.
    pub fn start(http: tiny_http::Server, addr: SocketAddr, shared: Arc<Shared>) -> Server {
        let http = Arc::new(http);
        let stopping = Arc::new(AtomicBool::new(false));
        let workers = (0..WORKERS)
            .map(|_| {
                let http = Arc::clone(&http);
                let shared = Arc::clone(&shared);
                let stopping = Arc::clone(&stopping);
                std::thread::spawn(move || loop {
                    match http.recv() {
                        Ok(req) => handle(req, &shared),
                        Err(_) if stopping.load(Ordering::SeqCst) => break,
                        Err(_) => continue,
                    }
                })
            })
            .collect();
        Server {
            http,
            addr,
            stopping,
            workers,
        }
    }

    /// Stops the workers and waits for them.
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.http.unblock();
        }
        for w in self.workers {
            let _ = w.join();
        }
    }
}

/// Where a request path leads in the rendered site.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// An output file.
    File(String),
    /// A folder asked for without its final `/`: redirect, so that relative
    /// links resolve.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the site (`..`) or is not valid.
    BadRequest,
}

/// Resolves a request URL (path and query) to an output file.
pub fn resolve(url: &str, files: &Files) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Resolved::BadRequest,
            s if s.contains(['\\', '\0']) || s.contains(':') => return Resolved::BadRequest,
            s => parts.push(s),
        }
    }
    let rel = parts.join("/");
    if rel.is_empty() {
        return match files.contains_key("index.html") {
            true => Resolved::File("index.html".into()),
            false => Resolved::NotFound,
        };
    }
    if !decoded.ends_with('/') && files.contains_key(&rel) {
        return Resolved::File(rel);
    }
    let index = format!("{rel}/index.html");
    if files.contains_key(&index) {
        return match decoded.ends_with('/') {
            true => Resolved::File(index),
            false => Resolved::Redirect(format!("/{}/", encode(&rel))),
        };
    }
    Resolved::NotFound
}

/// The bytes of a path that stand as they are in a redirect's `Location`:
/// ASCII letters, digits, `/`, `-`, `_`, `.` and `~`; the rest is `%xx`.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `%xx` encoding of the characters of a path that cannot stand in a URL.
fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH_KEEP).to_string()
}

/// `%xx` decoding of a URL path; `None` when the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// The `Content-Type` of an output file, by its extension (mime_guess);
/// text types are UTF-8, as equil writes them.
pub fn content_type(path: &str) -> Cow<'static, str> {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    let mime = mime_guess::from_ext(ext)
        .first_raw()
        .unwrap_or("application/octet-stream");
    match mime.starts_with("text/") {
        true => Cow::Owned(format!("{mime}; charset=utf-8")),
        false => Cow::Borrowed(mime),
    }
}

/// Adds a header (left out if it is not valid HTTP, which for our own
/// values does not happen).
fn with<R: std::io::Read>(r: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => r.with_header(h),
        Err(()) => r,
    }
}

fn handle(req: Request, shared: &Shared) {
    if !matches!(req.method(), Method::Get | Method::Head) {
        let r = Response::from_string("Only GET and HEAD are supported.\n").with_status_code(405);
        let r = with(r, "Allow", "GET, HEAD");
        let _ = req.respond(r);
        return;
    }
    let url = req.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) {
        let first = shared.snapshot().overlay.as_deref().map(live::failed_event);
        shared.hub.add(req.into_writer(), first);
        return;
    }
    let served = shared.snapshot();
    let (mut status, path) = match resolve(&url, &served.files) {
        Resolved::File(p) => (200, Some(p)),
        Resolved::Redirect(to) => {
            let r = with(Response::empty(301), "Location", &to);
            let r = with(r, "Cache-Control", "no-store");
            let _ = req.respond(r);
            return;
        }
        Resolved::NotFound => (404, None),
        Resolved::BadRequest => (400, None),
    };
    let (bytes, ctype, base) = match path
        .as_ref()
        .and_then(|p| served.files.get(p).map(|b| (p, b)))
    {
        Some((p, b)) if b.is_on_request() => {
            let bytes = shared.print(p).unwrap_or_else(|why| {
                status = 503;
                unavailable(&why)
            });
            (Cow::Owned(bytes), content_type(p), false)
        }
        Some((p, b)) => (b.bytes(), content_type(p), false),
        None => match served.files.get("404.html") {
            // The site's own 404 page, with its relative links made to work
            // from any depth.
            Some(b) => (b.bytes(), Cow::Borrowed("text/html; charset=utf-8"), true),
            None => (
                Cow::Borrowed(&b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>"[..]),
                Cow::Borrowed("text/html; charset=utf-8"),
                false,
            ),
        },
    };
    let body = if ctype.starts_with("text/html") {
        let mut html = live::inject(&bytes, served.overlay.as_deref());
        if base {
            if let Some(i) = find(&html, b"<head>") {
                html.splice(i + 6..i + 6, b"<base href=\"/\">".iter().copied());
            }
        }
        html
    } else {
        bytes.into_owned()
    };
    let r = Response::from_data(body).with_status_code(StatusCode(status));
    let r = with(r, "Content-Type", &ctype);
    let r = with(r, "Cache-Control", "no-store");
    let _ = req.respond(r);
}

/// The page shown instead of a print document that cannot be made now.
fn unavailable(why: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Print page not available</title>\
         </head><body><h1>Print page not available</h1>\
         <p style=\"white-space: pre-wrap\">{}</p></body></html>",
        crate::escape::html(why)
    )
    .into_bytes()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        [
            "index.html",
            "en/index.html",
            "en/intro/first.html",
            "static/style.css",
            "en/a b.html",
        ]
        .into_iter()
        .map(|p| {
            (
                p.to_string(),
                Arc::new(crate::serve::store::Stored::new(b"")),
            )
        })
        .collect()
    }

    #[test]
    fn paths_resolve_to_files_folders_and_redirects() {
        let f = files();
        assert_eq!(resolve("/", &f), Resolved::File("index.html".into()));
        assert_eq!(resolve("/en/", &f), Resolved::File("en/index.html".into()));
        assert_eq!(resolve("/en", &f), Resolved::Redirect("/en/".into()));
        assert_eq!(resolve("//en", &f), Resolved::Redirect("/en/".into()));
        assert_eq!(
            resolve("/en/intro/first.html?x=1#top", &f),
            Resolved::File("en/intro/first.html".into())
        );
        assert_eq!(
            resolve("/en/a%20b.html", &f),
            Resolved::File("en/a b.html".into())
        );
        assert_eq!(resolve("/en/missing.html", &f), Resolved::NotFound);
        assert_eq!(resolve("/en/intro/first.html/", &f), Resolved::NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        let f = files();
        for url in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/en/%2E%2E/index.html",
            "/..%2f..%2fetc/passwd",
            "/..\\..\\windows",
            "/C:/windows",
        ] {
            assert_eq!(resolve(url, &f), Resolved::BadRequest, "{url}");
        }
    }

    #[test]
    fn connections_inherit_no_delay_and_a_write_timeout() {
        let (http, addr) = Server::bind(0).unwrap();
        drop(http);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        tune(&listener);
        let _client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (conn, _) = listener.accept().unwrap();
        assert!(conn.nodelay().unwrap());
        assert_eq!(conn.write_timeout().unwrap(), Some(WRITE_TIMEOUT));
        assert_eq!(addr.ip().to_string(), "127.0.0.1");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("en/search-index.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("x.svg"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
