//! `equil pdf`: builds the site into a temporary folder with the ordinary
//! pipeline, then prints its print pages (`<lang>/<module>/print.html`,
//! `<lang>/print.html`, handouts and run sheets) to PDF with one headless
//! Chromium for the whole run, driven over the DevTools protocol, a few
//! tabs at a time (the longest documents first).
//!
//! The table of contents shows the page each chapter starts on (CSS
//! `target-counter()` would do this, but Chromium does not support it):
//! [`convert`] reads them from a rendering and prints again only when they
//! changed.

mod cdp;
pub mod chromium;
mod convert;
mod jobs;
mod queue;
pub mod reader;
mod tab;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::diagnostics::{Code, Diagnostic};
use crate::pipeline::{self, SiteOptions};
use convert::{convert, Converted, Hint};
use jobs::{plan, Job};
use queue::Queue;
use tab::Tab;

pub use crate::select::HANDBOOK;

/// What `equil pdf` makes, and how.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub site: SiteOptions,
    /// Only this language (default: every language).
    pub lang: Option<String>,
    /// Only this module, by folder name or slug (default: every module and the handbook).
    pub module: Option<String>,
    /// Where to write `<lang>/<module>.pdf` and `<lang>/handbook.pdf`.
    pub output: PathBuf,
    /// The Chromium program (default: found on `PATH`).
    pub chromium: Option<PathBuf>,
    /// Documents printed at the same time (tabs of the one browser;
    /// [`default_tabs`] unless set).
    pub jobs: usize,
    /// Time limit of one document (and of starting Chromium).
    pub timeout: Duration,
    /// Set (by Ctrl-C) to stop: running Chromium processes are ended and
    /// no further document is started.
    pub stop: Arc<AtomicBool>,
}

impl PdfOptions {
    pub fn new(root: impl Into<PathBuf>, output: impl Into<PathBuf>) -> Self {
        PdfOptions {
            site: SiteOptions::new(root),
            lang: None,
            module: None,
            output: output.into(),
            chromium: None,
            jobs: default_tabs(),
            timeout: Duration::from_secs(120),
            stop: Arc::default(),
        }
    }
}

/// Tabs printing at once: one more than the processor has cores (a tab
/// also waits on Chromium's browser process and on equil reading its PDF
/// between prints), at most 8 (each tab holds a laid-out document).
pub fn default_tabs() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get() + 1)
        .clamp(2, 8)
}

/// A PDF file that was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub lang: String,
    /// The module's slug, or [`HANDBOOK`].
    pub name: String,
    pub pages: usize,
    /// Times it was printed (once when its contents' page numbers were
    /// right the first time).
    pub prints: usize,
    /// Seconds it took.
    pub seconds: f64,
}

/// What `equil pdf` tells as it goes.
pub enum Progress<'a> {
    /// The number of files it is going to write.
    Planned(usize),
    /// A file was written.
    Written(&'a Written),
}

/// How `equil pdf` went.
#[derive(Debug, Default)]
pub struct PdfOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub written: Vec<Written>,
    /// Warnings of the site build (translation states and the like), kept
    /// apart: `equil check` and `equil build` are where they are read.
    pub build_warnings: Vec<Diagnostic>,
    /// The options named a language or module that does not exist.
    pub usage_error: bool,
    /// Stopped by [`PdfOptions::stop`] before every document was printed.
    pub interrupted: bool,
}

impl PdfOutcome {
    pub fn failed(&self) -> bool {
        self.usage_error || self.interrupted || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds the site and writes the PDFs. `progress` hears of the plan and
/// of each file as it is written.
pub fn run(opts: &PdfOptions, progress: &(dyn Fn(Progress<'_>) + Sync)) -> PdfOutcome {
    let mut out = PdfOutcome::default();
    let chromium = match chromium::find(opts.chromium.as_deref()) {
        Ok(c) => c,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let tmp = match tempfile::Builder::new().prefix("equil-pdf-").tempdir() {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics.push(Diagnostic::error(
                Code::Write,
                format!("cannot create a temporary folder: {e}"),
            ));
            return out;
        }
    };
    let site_dir = tmp.path().join("site");
    let scratch = tmp.path().join("work");
    let (built, site) = pipeline::build_site(&opts.site, &pipeline::OutputOptions::new(&site_dir));
    let (warnings, errors): (Vec<_>, Vec<_>) =
        built.diagnostics.into_iter().partition(|d| !d.is_error());
    out.diagnostics.extend(errors);
    out.build_warnings = warnings;
    let Some(site) = site else {
        return out;
    };
    let jobs = match plan(&site, opts, &site_dir) {
        Ok(j) => j,
        Err(d) => {
            out.diagnostics.push(d);
            out.usage_error = true;
            return out;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        out.diagnostics.push(Diagnostic::error(
            Code::Write,
            format!("cannot create {}: {e}", scratch.display()),
        ));
        return out;
    }
    progress(Progress::Planned(jobs.len()));
    let printer = Printer {
        jobs: &jobs,
        opts,
        progress,
    };
    let results = match printer.print_all(&chromium, &scratch) {
        Ok(r) => r,
        Err(_) if opts.stop.load(Ordering::SeqCst) => BTreeMap::new(),
        Err(e) => {
            out.diagnostics.push(
                Diagnostic::error(
                    Code::Io,
                    format!("cannot start Chromium ({}): {e}", chromium.display()),
                )
                .help(HELP),
            );
            return out;
        }
    };
    if opts.stop.load(Ordering::SeqCst) {
        out.interrupted = true;
        return out;
    }
    gather(&jobs, results, &mut out);
    out
}

/// What to try when Chromium fails.
const HELP: &str = "run again (with --timeout SECONDS if it ran out of time), or with --chromium PATH to try another browser; or open the print page and print it from the browser";

/// What printing a document gave: its PDF, or why not.
type Results = BTreeMap<usize, Result<Converted, String>>;

/// Prints the jobs in one browser.
struct Printer<'a> {
    jobs: &'a [Job],
    opts: &'a PdfOptions,
    progress: &'a (dyn Fn(Progress<'_>) + Sync),
}

impl Printer<'_> {
    /// Starts Chromium and prints every job, `opts.jobs` tabs at a time,
    /// the longest documents first (so that a long one does not start
    /// last). `Err` when Chromium does not start.
    fn print_all(&self, chromium: &Path, scratch: &Path) -> Result<Results, String> {
        let browser =
            chromium::Browser::launch(chromium, scratch, self.opts.timeout, &self.opts.stop)?;
        let mut order: Vec<usize> = (0..self.jobs.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(size(&self.jobs[i])));
        let queue = Queue::new(self.jobs, order);
        let results = Mutex::new(Results::new());
        let broken = AtomicBool::new(false);
        let workers = self.opts.jobs.clamp(1, self.jobs.len().max(1));
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    let stopped =
                        || self.opts.stop.load(Ordering::SeqCst) || broken.load(Ordering::SeqCst);
                    let done = |i: usize, r: Result<Converted, String>| {
                        if r.is_err() && browser.connection.is_closed() {
                            broken.store(true, Ordering::SeqCst);
                        }
                        let r = r.map_err(|e| with_log(e, &browser));
                        lock(&results).insert(i, r);
                    };
                    self.worker(&browser, &queue, &stopped, &done);
                });
            }
        });
        Ok(results
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// One tab: takes jobs until there are none left. A tab that failed is
    /// replaced by a new one.
    fn worker(
        &self,
        browser: &chromium::Browser,
        queue: &Queue<'_>,
        stopped: &dyn Fn() -> bool,
        done: &dyn Fn(usize, Result<Converted, String>),
    ) {
        let stop = &self.opts.stop;
        let mut tab: Option<Tab<'_>> = None;
        while let Some((i, guess)) = queue.take(stopped) {
            let _finishing = queue.finishing(i);
            let job = &self.jobs[i];
            if tab.is_none() {
                match Tab::open(&browser.connection, self.opts.timeout, stop) {
                    Ok(t) => tab = Some(t),
                    Err(e) => {
                        done(i, Err(e));
                        continue;
                    }
                }
            }
            let Some(t) = &tab else { continue };
            let hint = Hint {
                guess,
                learned: &|pages| queue.learned(i, pages),
            };
            let result = convert(job, t, self.opts.timeout, hint).map_err(|e| {
                if e.contains("in time") {
                    format!("{e} (the limit is {} s)", self.opts.timeout.as_secs())
                } else {
                    e
                }
            });
            match &result {
                Ok(c) => (self.progress)(Progress::Written(&c.written)),
                Err(_) => tab = None,
            }
            done(i, result);
        }
    }
}

/// How big a document is, to print the longest first.
fn size(job: &Job) -> u64 {
    std::fs::metadata(&job.html).map(|m| m.len()).unwrap_or(0)
}

/// `e`, with the end of Chromium's log when Chromium is gone.
fn with_log(e: String, browser: &chromium::Browser) -> String {
    if browser.connection.is_closed() {
        format!("{e}{}", browser.log_tail())
    } else {
        e
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Turns the results into written files and diagnostics, in plan order.
fn gather(jobs: &[Job], mut results: Results, out: &mut PdfOutcome) {
    let mut file_links = Vec::new();
    let mut not_printed = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let Some(result) = results.remove(&i) else {
            not_printed.push(job.output.display().to_string());
            continue;
        };
        match result {
            Ok(c) => {
                if c.file_links > 0 {
                    file_links.push(format!("{}/{}.pdf", job.lang, job.name));
                }
                warn_about(job, &c, out);
                out.written.push(c.written);
            }
            Err(e) => out.diagnostics.push(
                Diagnostic::error(
                    Code::Write,
                    format!("cannot print {}/{}: {e}", job.lang, job.name),
                )
                .at(&job.output)
                .help(HELP),
            ),
        }
    }
    if !not_printed.is_empty() {
        out.diagnostics.push(
            Diagnostic::error(
                Code::Write,
                format!(
                    "{} PDF file(s) were not printed because Chromium failed ({})",
                    not_printed.len(),
                    crate::diagnostics::abbreviate(&not_printed, 3)
                ),
            )
            .help(HELP),
        );
    }
    if !file_links.is_empty() {
        out.diagnostics.push(
            Diagnostic::warning(
                Code::NoBaseUrl,
                format!(
                    "links to other modules are plain text in {} PDF file(s) ({}): there is no base URL to point them to",
                    file_links.len(),
                    crate::diagnostics::abbreviate(&file_links, 3)
                ),
            )
            .at("site.yaml")
            .help("set `base_url: https://…/` in site.yaml, or pass --base-url, so that they open the website"),
        );
    }
}

/// A sheet that spills onto a second page; a contents without page numbers.
fn warn_about(job: &Job, c: &Converted, out: &mut PdfOutcome) {
    if let (Some(source), true) = (&job.sheet, c.written.pages > 1) {
        out.diagnostics.push(
            Diagnostic::warning(
                Code::SheetOverflow,
                format!(
                    "{} does not fit on one sheet: it spills onto {} more page(s) ({})",
                    job.name,
                    c.written.pages - 1,
                    job.output.display()
                ),
            )
            .at(source)
            .help("shorten it, split it into two handouts, or use fewer ruled lines (`[____ N]`)"),
        );
    }
    if !c.numbered && job.sheet.is_none() {
        out.diagnostics.push(
            Diagnostic::warning(
                Code::Write,
                "the table of contents has no page numbers: the first rendering had no chapter destinations",
            )
            .at(&job.output),
        );
    }
}

pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    std::fs::write(&part, bytes).map_err(|e| format!("cannot write {}: {e}", part.display()))?;
    std::fs::rename(&part, path).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        format!("cannot write {}: {e}", path.display())
    })
}
