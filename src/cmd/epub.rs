//! `equil epub`

use std::path::PathBuf;
use std::time::Instant;

use equil::epub::{self, EpubOptions};

use super::crate_exit::Exit;
use super::report;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes, for every language, one EPUB 3 e-book per module and one of the whole handbook:
  <output>/<lang>/<module>.epub    e.g. epub/nl/co-production-toolkit.epub
  <output>/<lang>/handbook.epub    all modules, with the home page as introduction
Each book has a cover, a title page with the funding statement, a table of
contents with the modules and pages, the pages (handouts after their card,
untranslated pages marked as in print) and their images. Links between pages
in the book open them in the book; other links go to the published site
(--base-url or site.yaml's base_url). Check the books with `epubcheck`.

Examples:
  equil epub                                   every module and the handbook, every language
  equil epub --lang nl                         only Dutch
  equil epub --lang es --module co-production-toolkit
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) equil epub   (the date in the books)"
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
    /// Where to write the e-books (relative paths are relative to --root)
    #[arg(long, default_value = "epub")]
    pub output: PathBuf,
    /// The URL the site is published at (overrides site.yaml); links to
    /// pages outside a book point there
    #[arg(long)]
    pub base_url: Option<String>,
}

pub fn run(args: Args) -> Exit {
    let output = if args.output.is_absolute() {
        args.output.clone()
    } else {
        args.root.join(&args.output)
    };
    let mut opts = EpubOptions::new(&args.root, &output);
    opts.site.base_url = args.base_url;
    opts.lang = args.lang;
    opts.module = args.module;
    let start = Instant::now();
    let outcome = epub::run(&opts);
    report(&outcome.diagnostics, &args.root);
    if !outcome.build_warnings.is_empty() {
        eprintln!(
            "note: the site has {} warning(s); `equil check` lists them",
            outcome.build_warnings.len()
        );
    }
    for w in &outcome.written {
        eprintln!("  wrote {} ({} chapters)", w.path.display(), w.chapters);
    }
    let n = outcome.written.len();
    if outcome.usage_error {
        return Exit::Usage;
    }
    if outcome.failed() {
        eprintln!("error: {n} e-book(s) written; see the errors above");
        return Exit::ContentErrors;
    }
    eprintln!(
        "Wrote {n} e-book(s) into {} in {:.1} s",
        output.display(),
        start.elapsed().as_secs_f64()
    );
    Exit::Success
}
