//! `equil serve`: a live preview. The site is built into memory (never into
//! `public/`), served on 127.0.0.1, and rebuilt change by change while its
//! sources are edited; open browsers reload by themselves, and a failed
//! rebuild is shown as an overlay over the last good site.
//!
//! - [`change`]: sorting changed paths into kinds of change
//! - [`watch`]: the file watcher (notify, debounced)
//! - [`cache`] and [`sources`]: what the site is made of, kept in memory
//! - [`rebuild`] and [`plan`]: incremental rebuilds, rendering only what changed
//! - `rebuild_loop`: the loop that takes changes and browsers' requests for
//!   print pages, rebuilds, publishes and reports
//! - [`fast`]: the fast path for body edits (no re-modelling, no site-wide checks)
//! - [`retitle`]: its share of title edits (one module's navigation made again)
//! - [`store`]: the rendered files, held compressed
//! - [`server`]: the HTTP server (tiny_http)
//! - [`live`]: the reload event stream, the injected script and the overlay

pub mod cache;
pub mod change;
pub mod fast;
pub mod live;
pub mod outcome;
pub mod plan;
pub mod rebuild;
mod rebuild_loop;
pub mod retitle;
pub mod server;
pub mod sources;
pub mod store;
pub mod watch;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::pipeline::SiteOptions;
use live::Hub;
use rebuild::Live;
use rebuild_loop::Loop;
use server::{BindError, Server};

/// The rendered site: output path → contents (compressed, see [`store`]).
pub type Files = HashMap<String, Arc<store::Stored>>;

/// What the HTTP server serves at one moment.
#[derive(Default)]
pub struct Served {
    /// The last good site.
    pub files: Arc<Files>,
    /// The error overlay, while the last rebuild failed.
    pub overlay: Option<String>,
}

/// State shared by the rebuild loop and the HTTP workers.
#[derive(Default)]
pub struct Shared {
    served: RwLock<Arc<Served>>,
    pub hub: Hub,
    /// The rebuild loop, which makes print documents when asked.
    requests: Option<mpsc::Sender<Msg>>,
}

impl Shared {
    /// What is served now.
    pub fn snapshot(&self) -> Arc<Served> {
        match self.served.read() {
            Ok(s) => Arc::clone(&s),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Asks the rebuild loop for the print document at `path` and waits
    /// for it: its bytes, or why it cannot be made.
    pub fn print(&self, path: &str) -> Result<Vec<u8>, String> {
        let gone = || "The preview is stopping.".to_string();
        let requests = self.requests.as_ref().ok_or_else(gone)?;
        let (reply, answer) = mpsc::channel();
        requests
            .send(Msg::Print(path.to_string(), reply))
            .map_err(|_| gone())?;
        match answer.recv_timeout(PRINT_WAIT) {
            Ok(made) => made,
            Err(RecvTimeoutError::Timeout) => Err(format!(
                "The print page took more than {} s to make; reload to try again.",
                PRINT_WAIT.as_secs()
            )),
            Err(RecvTimeoutError::Disconnected) => Err(gone()),
        }
    }

    fn publish(&self, served: Served) {
        match self.served.write() {
            Ok(mut s) => *s = Arc::new(served),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(served),
        }
    }
}

/// Messages to the rebuild loop.
#[derive(Debug)]
pub enum Msg {
    /// Paths that changed (one debounced batch).
    Changed(Vec<PathBuf>),
    /// The watcher may have missed changes: everything must be read again.
    Rescan,
    /// The watcher reported a problem.
    WatchError(String),
    /// Ctrl-C.
    Stop,
    /// A browser asks for a print document (made on request): the answer
    /// goes back on the sender.
    Print(String, PrintReply),
}

/// Where the answer to a request for a print document goes: its bytes, or
/// why it cannot be made.
pub type PrintReply = mpsc::Sender<Result<Vec<u8>, String>>;

/// Options of `equil serve`.
#[derive(Debug, Clone)]
pub struct Options {
    pub site: SiteOptions,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// Why `serve` could not run.
#[derive(Debug)]
pub enum Error {
    /// The site folder does not exist.
    NoSite(PathBuf),
    Bind(BindError),
    Watch(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoSite(p) => write!(f, "site folder {} does not exist", p.display()),
            Error::Bind(e) => e.fmt(f),
            Error::Watch(e) => f.write_str(e),
        }
    }
}

/// How long a browser's request for a print document waits for it.
const PRINT_WAIT: Duration = Duration::from_secs(120);

/// Runs `equil serve` until Ctrl-C.
pub fn run(opts: Options) -> Result<(), Error> {
    crate::memory::limit_arenas();
    let root = opts
        .site
        .root
        .canonicalize()
        .map_err(|_| Error::NoSite(opts.site.root.clone()))?;
    let (http, addr) = Server::bind(opts.port).map_err(Error::Bind)?;
    let (tx, rx) = mpsc::channel();
    let shared = Arc::new(Shared {
        requests: Some(tx.clone()),
        ..Shared::default()
    });
    let mut site_opts = opts.site.clone();
    site_opts.root = root.clone();
    let mut live = Live::new(site_opts);
    if std::env::var_os("EQUIL_SERVE_FULL").is_some() {
        live.fast_path(false);
    }
    let pending = Arc::new(AtomicBool::new(false));
    let watcher =
        watch::Watcher::start(&root, tx.clone(), Arc::clone(&pending)).map_err(Error::Watch)?;
    let mut lp = Loop::new(
        live,
        Arc::clone(&shared),
        (rx, pending),
        watcher,
        root.clone(),
    );
    lp.first_build();

    let server = Server::start(http, addr, Arc::clone(&shared));
    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = tx.send(Msg::Stop);
    }) {
        eprintln!("warning: cannot handle Ctrl-C: {e}");
    }
    if opts.open {
        open_browser(&url);
    }
    lp.run();
    shared.hub.close();
    server.stop();
    eprintln!("Stopped.");
    Ok(())
}

/// Opens `url` in the desktop's browser, if there is one.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    match std::process::Command::new(program)
        .args(&args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("note: cannot open a browser ({program}: {e}); open {url} yourself"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(requests: Option<mpsc::Sender<Msg>>) -> Shared {
        Shared {
            requests,
            ..Shared::default()
        }
    }

    /// The rebuild loop's side: takes one request for a print document
    /// and answers it with `answer` (or drops the reply when `None`).
    fn answering(answer: Option<Result<Vec<u8>, String>>) -> mpsc::Sender<Msg> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            if let Ok(Msg::Print(path, reply)) = rx.recv() {
                assert_eq!(path, "en/print.html");
                if let Some(a) = answer {
                    reply.send(a).unwrap();
                }
            }
        });
        tx
    }

    #[test]
    fn a_print_document_asked_for_is_what_the_loop_answers() {
        let s = shared(Some(answering(Some(Ok(b"<p>doc</p>".to_vec())))));
        assert_eq!(s.print("en/print.html").unwrap(), b"<p>doc</p>");
        let s = shared(Some(answering(Some(Err("broken".into())))));
        assert_eq!(s.print("en/print.html").unwrap_err(), "broken");
    }

    /// A browser waiting for a print document while the preview stops gets
    /// an answer saying so, at once: whether the loop has gone before the
    /// request, or goes with the request unanswered.
    #[test]
    fn a_print_document_asked_for_while_the_preview_stops_is_refused() {
        let stopping = "The preview is stopping.";
        assert_eq!(shared(None).print("en/print.html").unwrap_err(), stopping);
        let (tx, rx) = mpsc::channel();
        drop(rx);
        assert_eq!(
            shared(Some(tx)).print("en/print.html").unwrap_err(),
            stopping
        );
        let start = std::time::Instant::now();
        let s = shared(Some(answering(None)));
        assert_eq!(s.print("en/print.html").unwrap_err(), stopping);
        assert!(
            start.elapsed() < PRINT_WAIT / 4,
            "it waited {:?}",
            start.elapsed()
        );
    }
}
