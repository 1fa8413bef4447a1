//! The rebuild loop of `serve`: it waits for changes (from the watcher) and
//! for browsers' requests for print pages (from the HTTP workers), rebuilds
//! ([`Live`]), publishes the result to the server and reports it in the
//! terminal and to the browsers.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use super::change::{ChangeKind, Changes};
use super::rebuild::{self, Failure, Live, Report};
use super::{live, watch, Files, Msg, PrintReply, Served, Shared};
use crate::diagnostics::{abbreviate, render_text, Diagnostic};

/// How long to wait, after a rebuild failed, for the rest of a save made
/// in several steps before showing the error.
const SETTLE: Duration = Duration::from_millis(100);
/// How long the sources must be quiet before the search indexes are made
/// again (and the print documents marked for reloading): an index gathers
/// every page of a language, and a change that comes in while one is
/// rendered waits for it, so they wait for a pause in the editing instead
/// of running after every save.
const PRINT_QUIET: Duration = Duration::from_millis(1000);
/// How often idle event streams are pinged.
const PING: Duration = Duration::from_secs(15);

/// The rebuild loop: waits for changes, rebuilds, publishes, reports.
pub(super) struct Loop {
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
type PrintAsk = (String, PrintReply);

enum Flow {
    Continue,
    Stop,
}

impl Loop {
    /// The loop for `live`, taking messages from `rx` (`pending` is set
    /// while a batch of changes waits).
    pub(super) fn new(
        live: Live,
        shared: Arc<Shared>,
        (rx, pending): (Receiver<Msg>, Arc<AtomicBool>),
        watcher: watch::Watcher,
        root: PathBuf,
    ) -> Loop {
        Loop {
            live,
            shared,
            rx,
            pending,
            watcher,
            root,
            asks: Vec::new(),
        }
    }

    /// Builds everything before serving (the search indexes included; print
    /// documents are made when a browser asks for one).
    pub(super) fn first_build(&mut self) {
        match self.live.rebuild(&Changes::everything()) {
            Ok(report) => {
                // What rendering the pages freed, before the search indexes
                // (each a few tens of megabytes at 10,000 pages) are made.
                crate::memory::release_free_memory();
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
                crate::memory::release_free_memory();
                if std::env::var_os("EQUIL_SERVE_TIMINGS").is_some() {
                    eprintln!("  memory: {}", memory_report(&self.live.files()));
                }
            }
            Err(f) => self.failed(&f),
        }
    }

    pub(super) fn run(&mut self) {
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
            let made = self.live.render_print(&path);
            if let Err(why) = &made {
                eprintln!("{path}: {why}");
            }
            // The browser may have given up waiting: nothing to do then.
            let _ = reply.send(made);
        }
        // A handbook is tens of megabytes while it is made: hand them back.
        crate::memory::release_free_memory();
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
            crate::memory::release_free_memory();
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
                    crate::memory::release_free_memory();
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
