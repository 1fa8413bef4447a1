//! The pages `serve` keeps in memory between rebuilds: each Markdown file's
//! document and parsed Markdown, read again only when the watcher reports a
//! change to it (or to a folder above it).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::load::content::{self, Content, Doc, Scan};
use crate::model::{self, ModelOptions};
use crate::render::markdown::{self, Parsed};

/// One Markdown file as last read.
struct Cached {
    /// The document, or why it could not be read. `None` while the document
    /// is lent to the current site (see [`PageCache::give_back`]).
    doc: Option<Result<Doc, Vec<Diagnostic>>>,
    parsed: Option<Parsed>,
    /// The last load that found the file.
    seen: u64,
}

/// Every Markdown file of the last scan, by its path relative to the site.
#[derive(Default)]
pub struct PageCache {
    files: HashMap<String, Cached>,
    loads: u64,
}

/// How many files a load read again.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reread {
    pub pages: usize,
    /// Files that are new, gone, or whose text is not what it was.
    pub changed: usize,
}

/// The cache key of a path relative to the site.
fn key(path: &Path) -> Cow<'_, str> {
    path.to_string_lossy()
}

/// Whether `key`, or a folder above it, is among the changed paths.
fn touched(key: &str, changed: &HashSet<String>) -> bool {
    !changed.is_empty()
        && (changed.contains(key)
            || key
                .char_indices()
                .filter(|&(_, c)| c == '/' || c == std::path::MAIN_SEPARATOR)
                .any(|(i, _)| changed.contains(&key[..i])))
}

impl PageCache {
    /// Turns a scan into content for the model. A file is read when it is
    /// new to the cache, or when it or a folder above it is in `changed`
    /// (paths relative to the site, as the watcher reported them); the
    /// others are taken from the cache, without even a look at their
    /// metadata. Documents that are not published (drafts, other languages)
    /// stay in the cache. Read errors go to `diags`.
    pub fn load(
        &mut self,
        scan: Scan,
        changed: &BTreeSet<PathBuf>,
        langs: &[String],
        opts: &ModelOptions,
        diags: &mut Vec<Diagnostic>,
    ) -> (Content, Reread) {
        self.loads += 1;
        let this = self.loads;
        let changed: HashSet<String> = changed.iter().map(|p| key(p).into_owned()).collect();
        let mut to_read = Vec::new();
        for f in &scan.pages {
            let k = key(&f.path);
            match self.files.get_mut(k.as_ref()) {
                Some(c) if c.doc.is_some() && !touched(&k, &changed) => c.seen = this,
                _ => to_read.push(f.clone()),
            }
        }
        let mut reread = Reread {
            pages: to_read.len(),
            changed: 0,
        };
        let read: Vec<(String, Cached)> = to_read
            .into_par_iter()
            .map(|f| {
                let k = key(&f.path).into_owned();
                let doc = content::parse_file(f.lang, f.rel, f.path, &f.abs);
                let cached = Cached {
                    doc: Some(doc),
                    parsed: None,
                    seen: this,
                };
                (k, cached)
            })
            .collect();
        for (k, c) in read {
            let text = |c: &Cached| match &c.doc {
                Some(Ok(d)) => Some(d.text_hash),
                _ => None,
            };
            let before = self.files.get(&k).and_then(text);
            if before.is_none() || before != text(&c) {
                reread.changed += 1;
            }
            self.files.insert(k, c);
        }
        // Files that are gone.
        let count = self.files.len();
        self.files.retain(|_, c| c.seen == this);
        reread.changed += count - self.files.len();

        let mut docs = Vec::new();
        for f in &scan.pages {
            let Some(c) = self.files.get_mut(key(&f.path).as_ref()) else {
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
            .map(|d| {
                self.files
                    .get_mut(key(&d.path).as_ref())
                    .and_then(|c| c.parsed.take())
            })
            .collect();
        let missing: Vec<usize> = (0..docs.len()).filter(|&i| out[i].is_none()).collect();
        let fresh: Vec<(usize, Parsed)> = missing
            .into_par_iter()
            .map(|i| (i, markdown::parse(docs[i].body.clone(), docs[i].body_line)))
            .collect();
        for (i, p) in fresh {
            out[i] = Some(p);
        }
        out.into_iter().map(Option::unwrap_or_default).collect()
    }

    /// Forgets every file, so that the next load reads them all (when the
    /// watcher may have missed changes).
    pub fn clear(&mut self) {
        self.files.clear();
    }

    /// Takes back the documents and parsed Markdown a site was built from.
    pub fn give_back(&mut self, docs: Vec<Doc>, parsed: Vec<Parsed>) {
        let mut parsed = parsed.into_iter();
        for doc in docs {
            let p = parsed.next();
            if let Some(c) = self.files.get_mut(key(&doc.path).as_ref()) {
                c.parsed = p;
                c.doc = Some(Ok(doc));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_touched_by_itself_or_a_folder_above() {
        let changed: HashSet<String> = ["content/en/intro".to_string()].into();
        assert!(touched("content/en/intro/a.md", &changed));
        assert!(touched("content/en/intro", &changed));
        assert!(!touched("content/en/intro2/a.md", &changed));
        assert!(!touched("content/en/a.md", &changed));
        assert!(!touched("content/en/a.md", &HashSet::new()));
    }
}
