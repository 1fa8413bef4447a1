//! `equil epub`: one EPUB 3 per language (`<output>/<lang>/handbook.epub`)
//! and per module (`<output>/<lang>/<module>.epub`), from the same parsed
//! pages as the print documents: a cover, a title page with the funding
//! statement, a navigation document with the module and page structure,
//! one XHTML file per page (handouts after their card), images, and links
//! between pages rewritten to the book's own files. The container is
//! written by the `epub-builder` crate (its entries re-dated for
//! reproducible builds in container.rs).

mod book;
mod chapter;
mod container;
mod xhtml;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Entry, Site};
use crate::pipeline::{self, SiteOptions};
use crate::render::{self, markdown::Parsed};
use crate::select::{BookKind, Selection};
use book::{assemble, chapters};

pub use crate::select::HANDBOOK;

/// What `equil epub` makes.
#[derive(Debug, Clone)]
pub struct EpubOptions {
    pub site: SiteOptions,
    /// Only this language (default: every language).
    pub lang: Option<String>,
    /// Only this module, by folder name or slug (default: every module and the handbook).
    pub module: Option<String>,
    /// Where to write `<lang>/<module>.epub` and `<lang>/handbook.epub`.
    pub output: PathBuf,
}

impl EpubOptions {
    pub fn new(root: impl Into<PathBuf>, output: impl Into<PathBuf>) -> Self {
        EpubOptions {
            site: SiteOptions::new(root),
            lang: None,
            module: None,
            output: output.into(),
        }
    }
}

/// An EPUB file that was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub lang: String,
    /// The module's slug, or [`HANDBOOK`].
    pub name: String,
    /// Chapters (pages) in it.
    pub chapters: usize,
}

/// How `equil epub` went.
#[derive(Debug, Default)]
pub struct EpubOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub written: Vec<Written>,
    /// Warnings of the site check, kept apart (`equil check` lists them).
    pub build_warnings: Vec<Diagnostic>,
    /// The options named a language or module that does not exist.
    pub usage_error: bool,
}

impl EpubOutcome {
    pub fn failed(&self) -> bool {
        self.usage_error || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One chapter: a page of the book, with its level in the navigation.
struct Chapter<'t> {
    entry: &'t Entry,
    level: i32,
    file: String,
}

/// One book to write: module `module` of tree `tree`, or its handbook.
struct Book {
    tree: usize,
    module: Option<usize>,
    output: PathBuf,
}

/// Loads and checks the site, then writes the books.
pub fn run(opts: &EpubOptions) -> EpubOutcome {
    let mut out = EpubOutcome::default();
    let mut diags = Vec::new();
    let Some(site) = pipeline::load_site(&opts.site, &mut diags) else {
        out.diagnostics = diags;
        return out;
    };
    let parsed = render::parse_all(&site);
    crate::check::site(
        crate::check::Input {
            site: &site,
            parsed: &parsed,
        },
        &mut diags,
    );
    let (warnings, errors): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| !d.is_error());
    out.build_warnings = warnings;
    if !errors.is_empty() {
        out.diagnostics = errors;
        return out;
    }
    let books = match plan(&site, opts) {
        Ok(b) => b,
        Err(d) => {
            out.diagnostics.push(d);
            out.usage_error = true;
            return out;
        }
    };
    let results: Vec<Result<Written, Diagnostic>> = books
        .par_iter()
        .map(|b| write_book(&site, &parsed, b))
        .collect();
    for r in results {
        match r {
            Ok(w) => out.written.push(w),
            Err(d) => out.diagnostics.push(d),
        }
    }
    out
}

/// The books the options ask for, in language and module order.
fn plan(site: &Site, opts: &EpubOptions) -> Result<Vec<Book>, Diagnostic> {
    let selection = Selection {
        lang: opts.lang.as_deref(),
        module: opts.module.as_deref(),
    };
    let kind = BookKind {
        noun: "e-book",
        extension: "epub",
    };
    let mut books = Vec::new();
    for sel in selection.resolve(site, kind)? {
        let tree = &site.trees[sel.tree];
        let dir = opts.output.join(&tree.lang);
        for &mi in &sel.modules {
            books.push(Book {
                tree: sel.tree,
                module: Some(mi),
                output: dir.join(format!("{}.epub", tree.modules[mi].slug)),
            });
        }
        if sel.handbook {
            books.push(Book {
                tree: sel.tree,
                module: None,
                output: dir.join(format!("{HANDBOOK}.epub")),
            });
        }
    }
    Ok(books)
}

fn write_book(site: &Site, parsed: &[Parsed], book: &Book) -> Result<Written, Diagnostic> {
    let tree = &site.trees[book.tree];
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(Code::Write, format!("cannot write the e-book: {what}: {e}"))
            .at(&book.output)
    };
    let bytes = assemble(site, parsed, tree, book.module).map_err(|e| fail("epub", &e))?;
    crate::pdf::write_atomic(&book.output, &bytes)
        .map_err(|e| Diagnostic::error(Code::Write, e).at(&book.output))?;
    Ok(Written {
        path: book.output.clone(),
        lang: tree.lang.clone(),
        name: match book.module {
            Some(m) => tree.modules[m].slug.clone(),
            None => HANDBOOK.to_string(),
        },
        chapters: chapters(tree, book.module).len(),
    })
}
