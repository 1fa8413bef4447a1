//! The pages `serve` keeps in memory between rebuilds: each Markdown file's
//! document and parsed Markdown, re-read only when the file changed.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::content::{self, Content, Doc, Scan};
use crate::model::{self, ModelOptions};
use crate::render::markdown::{self, Parsed};

/// What tells that a file changed without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
        })
    }
}

/// One Markdown file as last read.
struct Cached {
    stamp: Option<Stamp>,
    /// The document, or why it could not be read. `None` while the document
    /// is lent to the current site (see [`PageCache::give_back`]).
    doc: Option<Result<Doc, Vec<Diagnostic>>>,
    parsed: Option<Parsed>,
}

/// Every Markdown file of the last scan, by its path relative to the site.
#[derive(Default)]
pub struct PageCache {
    files: HashMap<PathBuf, Cached>,
}

/// How many files a load read again.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reread {
    pub pages: usize,
}

impl PageCache {
    /// Turns a scan into content for the model: files whose size or time
    /// changed, and every file in `forced` (paths relative to the site),
    /// are read again; the others are taken from the cache. Documents that
    /// are not published (drafts, other languages) stay in the cache. Read
    /// errors go to `diags`.
    pub fn load(
        &mut self,
        scan: Scan,
        forced: &BTreeSet<PathBuf>,
        langs: &[String],
        opts: &ModelOptions,
        diags: &mut Vec<Diagnostic>,
    ) -> (Content, Reread) {
        let mut old = std::mem::take(&mut self.files);
        let mut to_read = Vec::new();
        let mut order = Vec::with_capacity(scan.pages.len());
        for f in scan.pages {
            let stamp = Stamp::of(&f.abs);
            let reuse = match old.remove(&f.path) {
                Some(c)
                    if c.doc.is_some()
                        && c.stamp.is_some()
                        && c.stamp == stamp
                        && !forced.contains(&f.path) =>
                {
                    Some(c)
                }
                _ => None,
            };
            order.push(f.path.clone());
            match reuse {
                Some(c) => {
                    self.files.insert(f.path, c);
                }
                None => to_read.push((f, stamp)),
            }
        }
        let reread = Reread {
            pages: to_read.len(),
        };
        let read: Vec<(PathBuf, Cached)> = to_read
            .into_par_iter()
            .map(|(f, stamp)| {
                let path = f.path.clone();
                let doc = content::parse_file(f.lang, f.rel, f.path, &f.abs);
                let cached = Cached {
                    stamp,
                    doc: Some(doc),
                    parsed: None,
                };
                (path, cached)
            })
            .collect();
        self.files.extend(read);

        let mut docs = Vec::new();
        for path in order {
            let Some(c) = self.files.get_mut(&path) else {
                continue;
            };
            match &c.doc {
                Some(Ok(d)) if model::is_published(d, langs, opts) => {
                    if let Some(Ok(d)) = c.doc.take() {
                        docs.push(d);
                    }
                }
                Some(Err(errs)) => diags.extend(errs.iter().cloned()),
                _ => {}
            }
        }
        let content = Content {
            languages: scan.languages,
            docs,
            assets: scan.assets,
        };
        (content, reread)
    }

    /// The parsed Markdown of each of `docs`, in order: taken from the cache,
    /// or parsed now (in parallel).
    pub fn parsed_for(&mut self, docs: &[Doc]) -> Vec<Parsed> {
        let mut out: Vec<Option<Parsed>> = docs
            .iter()
            .map(|d| self.files.get_mut(&d.path).and_then(|c| c.parsed.take()))
            .collect();
        let missing: Vec<usize> = (0..docs.len()).filter(|&i| out[i].is_none()).collect();
        let fresh: Vec<(usize, Parsed)> = missing
            .into_par_iter()
            .map(|i| (i, markdown::parse(&docs[i].body, docs[i].body_line)))
            .collect();
        for (i, p) in fresh {
            out[i] = Some(p);
        }
        out.into_iter().map(Option::unwrap_or_default).collect()
    }

    /// Takes back the documents and parsed Markdown a site was built from.
    pub fn give_back(&mut self, docs: Vec<Doc>, parsed: Vec<Parsed>) {
        let mut parsed = parsed.into_iter();
        for doc in docs {
            let p = parsed.next();
            if let Some(c) = self.files.get_mut(&doc.path) {
                c.parsed = p;
                c.doc = Some(Ok(doc));
            }
        }
    }
}
