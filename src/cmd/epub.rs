//! `equil epub`

use std::path::PathBuf;
use std::time::Instant;

use equil::epub::{self, EpubOptions};

use super::books::{finish, BookArgs, Finished};
use super::crate_exit::Exit;

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
    #[command(flatten)]
    pub books: BookArgs,
    /// Where to write the e-books (relative paths are relative to --root)
    #[arg(long, default_value = "epub")]
    pub output: PathBuf,
    /// The URL the site is published at (overrides site.yaml); links to
    /// pages outside a book point there
    #[arg(long)]
    pub base_url: Option<String>,
}

pub fn run(args: Args) -> Exit {
    equil::memory::keep_large_blocks();
    let output = args.books.output_dir(&args.output);
    let mut opts = EpubOptions::new(&args.books.root, &output);
    opts.site.base_url = args.base_url;
    opts.lang = args.books.lang();
    opts.module = args.books.module.clone();
    let start = Instant::now();
    let outcome = epub::run(&opts);
    finish(
        &Finished {
            what: "e-book(s)",
            warnings_note: "note: the site has {} warning(s); `equil check` lists them",
            diagnostics: &outcome.diagnostics,
            build_warnings: outcome.build_warnings.len(),
            lines: outcome
                .written
                .iter()
                .map(|w| format!("  wrote {} ({} chapters)", w.path.display(), w.chapters))
                .collect(),
            written: outcome.written.len(),
            usage_error: outcome.usage_error,
            interrupted: false,
            failed: outcome.failed(),
            output: &output,
            start,
            detail: String::new(),
        },
        &args.books.root,
    )
}
