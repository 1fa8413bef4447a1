//! `equil pdf`

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use equil::pdf::{self, PdfOptions, Written};

use super::crate_exit::Exit;
use super::report;

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
    /// The site folder
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Only this language (a code such as `nl`)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Only this module (its folder name under content/, or its slug); no handbook
    #[arg(long, value_name = "SLUG")]
    pub module: Option<String>,
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
    let output = if args.output.is_absolute() {
        args.output.clone()
    } else {
        args.root.join(&args.output)
    };
    let mut opts = PdfOptions::new(&args.root, &output);
    opts.site.base_url = args.base_url;
    opts.lang = args
        .lang
        .map(|l| equil::load::canonical_tag(&l).unwrap_or(l));
    opts.module = args.module;
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
    let progress = |w: &Written| {
        eprintln!("  wrote {} ({} pages)", w.path.display(), w.pages);
    };
    let outcome = pdf::run(&opts, &progress);
    report(&outcome.diagnostics, &args.root);
    if !outcome.build_warnings.is_empty() {
        eprintln!(
            "note: the site build had {} warning(s); `equil check` lists them",
            outcome.build_warnings.len()
        );
    }
    let n = outcome.written.len();
    if outcome.usage_error {
        return Exit::Usage;
    }
    if outcome.interrupted {
        eprintln!("error: stopped; {n} PDF file(s) were written in full, no others were started or left half-written");
        return Exit::ContentErrors;
    }
    if outcome.failed() {
        eprintln!("error: {n} PDF file(s) written; see the errors above");
        return Exit::ContentErrors;
    }
    eprintln!(
        "Wrote {n} PDF file(s) into {} in {:.1} s",
        output.display(),
        start.elapsed().as_secs_f64()
    );
    Exit::Success
}
