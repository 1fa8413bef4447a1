//! `equil pdf`

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use equil::pdf::{self, PdfOptions, Progress};

use super::books::{finish, BookArgs, Finished};
use super::crate_exit::Exit;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes, for every language, one PDF per module and one of the whole handbook:
  <output>/<lang>/<module>.pdf     e.g. pdf/nl/co-production-toolkit.pdf
  <output>/<lang>/handbook.pdf     all modules, with the home page as introduction
  <output>/<lang>/handouts/<card>/<handout>.pdf   each handout, one sheet
  <output>/<lang>/<module>/<page>.pdf              each session plan's run sheet
A handout or run sheet that needs a second page is a warning naming it.
<module> is the module's folder name in the output (its `slug`, if it has one).
The site is built into a temporary folder first (as `equil build` would); the
PDFs are made from its print pages by headless Chromium, found on PATH as
chromium, chromium-browser or google-chrome (or given with --chromium).

Examples:
  equil pdf                                    every module and the handbook, every language
  equil pdf --lang nl                          only Dutch
  equil pdf --lang nl --module co-production-toolkit
  equil pdf --output /tmp/handouts --chromium /usr/bin/google-chrome
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) equil pdf   (a date on the covers)"
)]
pub struct Args {
    #[command(flatten)]
    pub books: BookArgs,
    /// Where to write the PDFs (relative paths are relative to --root)
    #[arg(long, default_value = "pdf")]
    pub output: PathBuf,
    /// The Chromium or Chrome program to use
    #[arg(long, value_name = "PATH")]
    pub chromium: Option<PathBuf>,
    /// The URL the site is published at (overrides site.yaml); links from a
    /// module to other modules point there
    #[arg(long)]
    pub base_url: Option<String>,
    /// Time limit for each PDF, in seconds
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub timeout: u64,
}

pub fn run(args: Args) -> Exit {
    equil::memory::keep_large_blocks();
    let output = args.books.output_dir(&args.output);
    let mut opts = PdfOptions::new(&args.books.root, &output);
    opts.site.base_url = args.base_url;
    opts.lang = args.books.lang();
    opts.module = args.books.module.clone();
    opts.chromium = args.chromium;
    opts.timeout = Duration::from_secs(args.timeout.max(1));

    // Ctrl-C or SIGTERM: Chromium is ended and the temporary folder removed
    // (when `pdf::run` returns) before equil exits.
    let stop = Arc::clone(&opts.stop);
    if let Err(e) = ctrlc::set_handler(move || {
        if !stop.swap(true, Ordering::SeqCst) {
            eprintln!("stopping: ending Chromium and removing the temporary folder…");
        }
    }) {
        eprintln!(
            "warning: Ctrl-C cannot be handled ({e}); Chromium may be left running if you press it"
        );
    }

    let start = Instant::now();
    let lines = Lines::new(std::io::stderr().is_terminal());
    let outcome = pdf::run(&opts, &|p| lines.show(p));
    let pages: usize = outcome.written.iter().map(|w| w.pages).sum();
    let twice = outcome.written.iter().filter(|w| w.prints > 1).count();
    finish(
        &Finished {
            what: "PDF file(s)",
            warnings_note: "note: the site build had {} warning(s); `equil check` lists them",
            diagnostics: &outcome.diagnostics,
            build_warnings: outcome.build_warnings.len(),
            lines: Vec::new(),
            written: outcome.written.len(),
            usage_error: outcome.usage_error,
            interrupted: outcome.interrupted,
            failed: outcome.failed(),
            output: &output,
            start,
            detail: format!(
                " ({pages} pages; {twice} printed again for their contents' page numbers)"
            ),
        },
        &args.books.root,
    )
}

/// The line per PDF: numbered, with its time, on a terminal; plain otherwise.
struct Lines {
    terminal: bool,
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Lines {
    fn new(terminal: bool) -> Lines {
        Lines {
            terminal,
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
        }
    }

    fn show(&self, p: Progress<'_>) {
        match p {
            Progress::Planned(n) => self.total.store(n, Ordering::SeqCst),
            Progress::Written(w) if self.terminal => {
                let done = self.done.fetch_add(1, Ordering::SeqCst) + 1;
                let total = self.total.load(Ordering::SeqCst);
                let width = total.to_string().len();
                eprintln!(
                    "  [{done:>width$}/{total}] {} ({} pages, {:.1} s{})",
                    w.path.display(),
                    w.pages,
                    w.seconds,
                    if w.prints > 1 { ", printed twice" } else { "" }
                );
            }
            Progress::Written(w) => eprintln!("  wrote {} ({} pages)", w.path.display(), w.pages),
        }
    }
}
