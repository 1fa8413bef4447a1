//! The documents `equil pdf` prints: for each selected language, its
//! modules' print pages, their handouts and session run sheets, and the
//! handbook.

use std::path::{Path, PathBuf};

use super::PdfOptions;
use crate::diagnostics::Diagnostic;
use crate::model::{Site, Tree};
use crate::render::pages::session_sheet;
use crate::render::print::{chapter_anchors, handbook_anchors_of};
use crate::render::sheet::{sheets, SheetOf};
use crate::select::{BookKind, Selection, HANDBOOK};

/// One document to print.
pub(super) struct Job {
    pub lang: String,
    pub name: String,
    /// The print page in the temporary site.
    pub html: PathBuf,
    /// Chapter anchors of its table of contents.
    pub anchors: Vec<String>,
    pub output: PathBuf,
    /// A handout or run sheet (its source file): printed once, and meant to
    /// fit one page.
    pub sheet: Option<PathBuf>,
    /// A module whose handbook is printed too: where to learn its first
    /// guess of its chapters' pages (see [`super::queue`]).
    pub guide: Option<Guide>,
}

/// The handbook a module's PDF learns its chapters' pages from.
pub(super) struct Guide {
    /// The handbook's job.
    pub handbook: usize,
    /// The anchors in the handbook of the module's chapters, in order.
    pub anchors: Vec<String>,
}

/// The documents the options ask for, in language and module order.
pub(super) fn plan(
    site: &Site,
    opts: &PdfOptions,
    site_dir: &Path,
) -> Result<Vec<Job>, Diagnostic> {
    let selection = Selection {
        lang: opts.lang.as_deref(),
        module: opts.module.as_deref(),
    };
    let kind = BookKind {
        noun: "PDF",
        extension: "pdf",
    };
    let mut jobs = Vec::new();
    for sel in selection.resolve(site, kind)? {
        let tree = &site.trees[sel.tree];
        let dir = opts.output.join(&tree.lang);
        // The module jobs of this language come first.
        let first = jobs.len();
        for &mi in &sel.modules {
            let slug = &tree.modules[mi].slug;
            jobs.push(Job {
                lang: tree.lang.clone(),
                name: slug.clone(),
                html: site_dir.join(&tree.lang).join(slug).join("print.html"),
                anchors: chapter_anchors(tree, Some(mi)),
                output: dir.join(format!("{slug}.pdf")),
                sheet: None,
                guide: None,
            });
        }
        jobs.extend(sheet_jobs(site, tree, &selection, site_dir, &dir));
        if sel.handbook {
            let handbook = jobs.len();
            for (job, &mi) in jobs[first..].iter_mut().zip(&sel.modules) {
                job.guide = Some(Guide {
                    handbook,
                    anchors: handbook_anchors_of(tree, mi),
                });
            }
            jobs.push(Job {
                lang: tree.lang.clone(),
                name: HANDBOOK.to_string(),
                html: site_dir.join(&tree.lang).join("print.html"),
                anchors: chapter_anchors(tree, None),
                output: dir.join(format!("{HANDBOOK}.pdf")),
                sheet: None,
                guide: None,
            });
        }
    }
    Ok(jobs)
}

/// The handouts and session run sheets of a tree (of `--module` only, when
/// given): `<lang>/handouts/<card>/<handout>.pdf`, `<lang>/<module>/<page>.pdf`.
fn sheet_jobs(
    site: &Site,
    tree: &Tree,
    selection: &Selection<'_>,
    site_dir: &Path,
    dir: &Path,
) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (mi, which) in sheets(site, tree) {
        let m = &tree.modules[mi];
        if !selection.wants(m) {
            continue;
        }
        let (entry, html, output) = match which {
            SheetOf::Handout(h) => {
                let h = &m.handouts[h];
                let out = dir
                    .join("handouts")
                    .join(&h.card)
                    .join(format!("{}.pdf", h.name));
                (&h.entry, h.sheet.clone(), out)
            }
            SheetOf::Session(p) => {
                let e = &m.pages[p];
                let Some(html) = session_sheet(e) else {
                    continue;
                };
                let file = e
                    .output
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(".html");
                (e, html, dir.join(&m.slug).join(format!("{file}.pdf")))
            }
        };
        jobs.push(Job {
            lang: tree.lang.clone(),
            name: entry.rel.trim_end_matches(".md").to_string(),
            html: site_dir.join(&html),
            anchors: Vec::new(),
            output,
            sheet: Some(site.doc(entry.doc).path.clone()),
            guide: None,
        });
    }
    jobs
}
