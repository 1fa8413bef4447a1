//! `equil serve`: a live preview. The site is built into memory (never into
//! `public/`), served on 127.0.0.1, and rebuilt change by change while its
//! sources are edited; open browsers reload by themselves, and a failed
//! rebuild is shown as an overlay over the last good site.
//!
//! - [`change`]: sorting changed paths into kinds of change
//! - [`watch`]: the file watcher (notify, debounced)
//! - [`cache`] and [`sources`]: what the site is made of, kept in memory
//! - [`rebuild`] and [`plan`]: incremental rebuilds, rendering only what changed
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
pub mod retitle;
pub mod server;
pub mod sources;
pub mod store;
pub mod watch;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::diagnostics::{abbreviate, render_text, Diagnostic};
use crate::pipeline::SiteOptions;
use change::{ChangeKind, Changes};
use live::Hub;
use rebuild::{Failure, Live, Report};
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
    Print(String, mpsc::Sender<Result<Vec<u8>, String>>),
}

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

/// How long to wait, after a rebuild failed, for the rest of a save made
/// in several steps before showing the error.
const SETTLE: Duration = Duration::from_millis(100);
/// How long the sources must be quiet before the search indexes are made
/// again (and the print documents marked for reloading): an index gathers
/// every page of a language, and a change that comes in while one is
/// rendered waits for it, so they wait for a pause in the editing instead
/// of running after every save.
const PRINT_QUIET: Duration = Duration::from_millis(1000);
/// How long a browser's request for a print document waits for it.
const PRINT_WAIT: Duration = Duration::from_secs(120);
/// How often idle event streams are pinged.
const PING: Duration = Duration::from_secs(15);

/// Runs `equil serve` until Ctrl-C.
pub fn run(opts: Options) -> Result<(), Error> {
    store::limit_arenas();
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
    let mut lp = Loop {
        live,
        shared: Arc::clone(&shared),
        rx,
        pending,
        watcher,
        root: root.clone(),
        asks: Vec::new(),
    };
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

/// The rebuild loop: waits for changes, rebuilds, publishes, reports.
struct Loop {
    live: Live,
    shared: Arc<Shared>,
    rx: Receiver<Msg>,
    pending: Arc<AtomicBool>,
    watcher: watch::Watcher,
    root: PathBuf,
    /// Print documents asked for, to make once the current step is done.
    asks: Vec<PrintAsk>,
}

/// A browser's request for a print document, and where the answer goes.
type PrintAsk = (String, mpsc::Sender<Result<Vec<u8>, String>>);

enum Flow {
    Continue,
    Stop,
}

impl Loop {
    /// Builds everything before serving (the search indexes included; print
    /// documents are made when a browser asks for one).
    fn first_build(&mut self) {
        match self.live.rebuild(&Changes::everything()) {
            Ok(report) => {
                // What rendering the pages freed, before the search indexes
                // (each a few tens of megabytes at 10,000 pages) are made.
                store::release_free_memory();
                let never = AtomicBool::new(false);
                let prints = self.live.render_prints(&never);
                self.print_findings(&rebuild::sorted(report.diagnostics.clone()));
                let warnings = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::diagnostics::Severity::Warning)
                    .count();
                eprintln!(
                    "Built {} pages in {} ms{}",
                    report.pages_total,
                    (report.elapsed + prints.as_ref().map(|p| p.elapsed).unwrap_or_default())
                        .as_millis(),
                    if warnings > 0 {
                        format!(", {warnings} warning(s)")
                    } else {
                        String::new()
                    }
                );
                match prints {
                    Ok(_) => self.shared.publish(Served {
                        files: self.live.files(),
                        overlay: None,
                    }),
                    Err(f) => self.failed(&f),
                }
                store::release_free_memory();
                if std::env::var_os("EQUIL_SERVE_TIMINGS").is_some() {
                    eprintln!("  memory: {}", memory_report(&self.live.files()));
                }
            }
            Err(f) => self.failed(&f),
        }
    }

    fn run(&mut self) {
        loop {
            let wait = if self.live.prints_pending() {
                PRINT_QUIET
            } else {
                PING
            };
            match self.rx.recv_timeout(wait) {
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Msg::WatchError(e)) => eprintln!("warning: watching files: {e}"),
                Ok(Msg::Changed(paths)) => {
                    if let Flow::Stop = self.on_change(paths, false) {
                        return;
                    }
                }
                Ok(Msg::Rescan) => {
                    if let Flow::Stop = self.on_change(Vec::new(), true) {
                        return;
                    }
                }
                Ok(Msg::Print(path, reply)) => self.asks.push((path, reply)),
                Err(RecvTimeoutError::Timeout) if self.live.prints_pending() => self.prints(),
                Err(RecvTimeoutError::Timeout) => self.shared.hub.ping(),
            }
            self.answer();
        }
    }

    /// Makes the print documents browsers asked for (after the change that
    /// came with them, if any), from the site served now.
    fn answer(&mut self) {
        if self.asks.is_empty() {
            return;
        }
        for (path, reply) in std::mem::take(&mut self.asks) {
            // The browser may have given up waiting: nothing to do then.
            let _ = reply.send(self.live.render_print(&path));
        }
        // A handbook is tens of megabytes while it is made: hand them back.
        store::release_free_memory();
    }

    fn add(&mut self, changes: &mut Changes, paths: Vec<PathBuf>) {
        self.watcher.refresh(&paths);
        let theme = self.live.theme_name().to_string();
        changes.add(&self.root, &theme, paths);
    }

    fn on_change(&mut self, paths: Vec<PathBuf>, rescan: bool) -> Flow {
        self.pending.store(false, Ordering::SeqCst);
        let mut changes = match rescan {
            true => Changes::everything(),
            false => Changes::default(),
        };
        self.add(&mut changes, paths);
        // Take whatever else has arrived meanwhile.
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                Msg::Changed(more) => self.add(&mut changes, more),
                Msg::Rescan => changes.merge(Changes::everything()),
                Msg::Stop => return Flow::Stop,
                Msg::WatchError(e) => eprintln!("warning: watching files: {e}"),
                Msg::Print(path, reply) => self.asks.push((path, reply)),
            }
        }
        if changes.is_empty() {
            return Flow::Continue;
        }
        loop {
            match self.live.rebuild(&changes) {
                Ok(report) => {
                    self.succeeded(&changes, &report);
                    return Flow::Continue;
                }
                // A save in several steps can fail half-way: wait a moment
                // for the rest before reporting.
                Err(failure) => match self.rx.recv_timeout(SETTLE) {
                    Ok(Msg::Rescan) => {
                        self.pending.store(false, Ordering::SeqCst);
                        changes.merge(Changes::everything());
                    }
                    Ok(Msg::Changed(more)) => {
                        self.pending.store(false, Ordering::SeqCst);
                        let mut next = Changes::default();
                        self.add(&mut next, more);
                        if next.is_empty() {
                            self.report_failure(&changes, &failure);
                            return Flow::Continue;
                        }
                        changes.merge(next);
                    }
                    Ok(Msg::Stop) => return Flow::Stop,
                    other => {
                        if let Ok(Msg::Print(path, reply)) = other {
                            self.asks.push((path, reply));
                        }
                        self.report_failure(&changes, &failure);
                        return Flow::Continue;
                    }
                },
            }
        }
    }

    fn succeeded(&mut self, changes: &Changes, report: &Report) {
        let had_overlay = self.shared.snapshot().overlay.is_some();
        self.shared.publish(Served {
            files: self.live.files(),
            overlay: None,
        });
        let mut touched: Vec<String> = report
            .changed
            .iter()
            .chain(&report.removed)
            .cloned()
            .collect();
        touched.sort();
        if !touched.is_empty() || had_overlay {
            self.shared.hub.send(&live::reload_event(&touched));
        }
        if !report.fast {
            // A full rebuild made a new model (after the reload was sent).
            store::release_free_memory();
        }
        // A file saved again unchanged (editors often write twice): say nothing.
        let only_pages = changes
            .kinds
            .iter()
            .all(|k| matches!(k, ChangeKind::Page | ChangeKind::Asset));
        if touched.is_empty() && !had_overlay && only_pages && report.pages_changed == 0 {
            return;
        }
        let relevant = report
            .diagnostics
            .iter()
            .filter(|d| d.path.as_ref().is_some_and(|p| changes.paths.contains(p)))
            .cloned();
        self.print_findings(&rebuild::sorted(relevant));
        let what = if touched.is_empty() {
            "nothing changed".to_string()
        } else {
            format!(
                "{} file{} changed ({})",
                touched.len(),
                if touched.len() == 1 { "" } else { "s" },
                abbreviate(&touched, 3)
            )
        };
        eprintln!(
            "{}: {} of {} pages re-rendered, {what} in {} ms{}",
            changes.describe(),
            report.pages_rendered,
            report.pages_total,
            report.elapsed.as_millis(),
            if report.prints_pending > 0 {
                "; the search index follows"
            } else {
                ""
            }
        );
        if std::env::var_os("EQUIL_SERVE_TIMINGS").is_some() {
            let path = if report.fast {
                "fast path"
            } else {
                "full rebuild"
            };
            eprintln!("  timings ({path}): {}", report.laps);
        }
    }

    fn report_failure(&mut self, changes: &Changes, failure: &Failure) {
        let errors = &failure.errors;
        eprintln!(
            "{}: rebuild failed with {} error{} in {} ms; the last good site is still served",
            changes.describe(),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            failure.elapsed.as_millis()
        );
        self.failed(failure);
    }

    /// Shows a failure in the terminal and in the browsers.
    fn failed(&mut self, failure: &Failure) {
        self.print_findings(&failure.errors);
        let overlay = live::overlay(&failure.errors, &self.root);
        self.shared.hub.send(&live::failed_event(&overlay));
        self.shared.publish(Served {
            files: self.live.files(),
            overlay: Some(overlay),
        });
    }

    /// Renders waiting print documents, giving way to new changes.
    fn prints(&mut self) {
        match self.live.render_prints(&self.pending) {
            Ok(report) => {
                self.shared.publish(Served {
                    files: self.live.files(),
                    overlay: None,
                });
                if !report.changed.is_empty() {
                    self.shared.hub.send(&live::reload_event(&report.changed));
                }
                if report.left == 0 {
                    store::release_free_memory();
                }
            }
            Err(f) => {
                eprintln!("print pages: rendering failed; the last good ones are still served");
                self.failed(&f);
            }
        }
    }

    fn print_findings(&self, diags: &[Diagnostic]) {
        if diags.is_empty() {
            return;
        }
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        eprint!("{}", render_text(diags, &self.root, color));
    }
}

/// The server's resident and peak memory (where /proc tells), and what the
/// stored files take.
fn memory_report(files: &Files) -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mib = |key: &str| -> String {
        let kib = status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        kib.map_or("?".into(), |k| (k / 1024).to_string())
    };
    let stored: usize = files.values().map(|f| f.size()).sum();
    let plain: usize = files.values().map(|f| f.file_len()).sum();
    format!(
        "{} MiB resident, {} MiB peak; {} files of {} MiB stored in {} MiB",
        mib("VmRSS:"),
        mib("VmHWM:"),
        files.len(),
        plain >> 20,
        stored >> 20
    )
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
