//! `equil i18n mark-current`: records in translations' front matter which
//! version of the source page they match (`source_hash`), changing nothing
//! else in the files.//! Which pages to mark is in this file and `locate` (a path given on the
//! command line); the edit of one file, refused where it is not safe, in
//! `edit`.

mod edit;
mod locate;

pub use edit::with_source_hash;
pub(crate) use locate::locate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::config;
use crate::load::content::{self, Content, Doc, CONTENT_DIR};
use edit::write_hash;

/// Which translations to mark.
#[derive(Debug, Clone)]
pub enum Targets {
    /// Files (or folders of files), relative to the working directory or
    /// to the site root.
    Paths(Vec<PathBuf>),
    /// Every translation of a language.
    Lang(String),
}

/// Options of [`mark_current`].
#[derive(Debug, Clone)]
pub struct MarkOptions {
    pub root: PathBuf,
    /// The working directory, for relative paths.
    pub cwd: PathBuf,
    pub targets: Targets,
}

/// What was done, as paths relative to the site root.
#[derive(Debug, Default, Clone)]
pub struct Marked {
    /// Files whose `source_hash` was written.
    pub changed: Vec<PathBuf>,
    /// Files that already had the current hash.
    pub unchanged: Vec<PathBuf>,
}

/// Writes the current source hash into each target translation. Every file
/// that cannot be marked (not a translation, no source page, unreadable
/// front matter) is an error in `diags`; the others are still marked.
pub fn mark_current(opts: &MarkOptions, diags: &mut Vec<Diagnostic>) -> Marked {
    let mut marked = Marked::default();
    let config = match config::load(&opts.root) {
        Ok(c) => c,
        Err(e) => {
            diags.extend(e);
            return marked;
        }
    };
    let source_lang = config.source_language.as_str();
    let mut load_diags = Vec::new();
    let content = content::load(&opts.root, &mut load_diags);
    if content.languages.is_empty() {
        diags.extend(load_diags);
        return marked;
    }
    // (lang, rel) of every file to mark.
    let mut wanted = match &opts.targets {
        Targets::Lang(lang) => match of_language(lang, source_lang, &content, load_diags, diags) {
            Some(w) => w,
            None => return marked,
        },
        Targets::Paths(paths) => of_paths(opts, paths, source_lang, &content, diags),
    };
    wanted.sort();
    wanted.dedup();
    let site = Pages {
        root: &opts.root,
        source_lang,
        by_key: content
            .docs
            .iter()
            .map(|d| ((d.lang.as_str(), d.rel.as_str()), d))
            .collect(),
    };
    let whole_language = matches!(opts.targets, Targets::Lang(_));
    for (lang, rel) in wanted {
        let Some((doc, source)) = site.pair(&lang, &rel, diags) else {
            continue;
        };
        if doc.fm.localised || source.fm.localised {
            // Written for its country: it is never outdated, so it needs no
            // hash. Said for files and folders named, not for a whole language.
            if !whole_language {
                diags.push(localised_warning(&doc.path));
            }
            continue;
        }
        match write_hash(&opts.root, &doc.path, &source.hash) {
            Ok(true) => marked.changed.push(doc.path.clone()),
            Ok(false) => marked.unchanged.push(doc.path.clone()),
            Err(d) => diags.push(d),
        }
    }
    marked
}

/// Every translation of `lang` as (lang, rel); the errors of its files that
/// could not be read go to `diags`. `None` when the language cannot be marked.
fn of_language(
    lang: &str,
    source_lang: &str,
    content: &Content,
    load_diags: Vec<Diagnostic>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, String)>> {
    let lang = &crate::load::canonical_tag(lang).unwrap_or_else(|| lang.to_string());
    if lang == source_lang {
        diags.push(source_language_error(lang, &format!("content/{lang}")));
        return None;
    }
    if !content.languages.contains(lang) {
        diags.push(
            Diagnostic::error(
                Code::Layout,
                format!("there is no content/{lang}/ folder to mark"),
            )
            .at(format!("{CONTENT_DIR}/{lang}"))
            .help(format!(
                "languages with content: {}",
                content.languages.join(", ")
            )),
        );
        return None;
    }
    let prefix = content
        .docs
        .iter()
        .find(|d| d.lang == *lang)
        .and_then(|d| d.path.components().nth(1))
        .map(|c| Path::new(CONTENT_DIR).join(c))
        .unwrap_or_else(|| Path::new(CONTENT_DIR).join(lang));
    // Files of the language that could not be read cannot be marked.
    diags.extend(
        load_diags
            .into_iter()
            .filter(|d| d.is_error())
            .filter(|d| d.path.as_deref().is_some_and(|p| p.starts_with(&prefix))),
    );
    Some(
        content
            .docs
            .iter()
            .filter(|d| d.lang == *lang)
            .map(|d| (d.lang.clone(), d.rel.clone()))
            .collect(),
    )
}

/// The translations named by files and folders, as (lang, rel).
fn of_paths(
    opts: &MarkOptions,
    paths: &[PathBuf],
    source_lang: &str,
    content: &Content,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut wanted = Vec::new();
    for p in paths {
        match locate(opts, p, source_lang) {
            Ok((lang, rel, true)) => {
                let before = wanted.len();
                wanted.extend(
                    content
                        .docs
                        .iter()
                        .filter(|d| d.lang == lang && under(&d.rel, &rel))
                        .map(|d| (d.lang.clone(), d.rel.clone())),
                );
                if wanted.len() == before {
                    diags.push(
                        Diagnostic::error(Code::Layout, "this folder holds no translated pages")
                            .at(shown(&lang, &rel)),
                    );
                }
            }
            Ok((lang, rel, false)) => wanted.push((lang, rel)),
            Err(d) => diags.push(d),
        }
    }
    wanted
}

/// The pages of the site by (lang, rel).
struct Pages<'a> {
    root: &'a Path,
    source_lang: &'a str,
    by_key: HashMap<(&'a str, &'a str), &'a Doc>,
}

impl<'a> Pages<'a> {
    /// The translation `lang`/`rel` and its source page; `None`, with the
    /// reason in `diags`, when either is not a page that loaded.
    fn pair(
        &self,
        lang: &str,
        rel: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(&'a Doc, &'a Doc)> {
        let path = shown(lang, rel);
        let Some(doc) = self.by_key.get(&(lang, rel)) else {
            // The file exists but did not load: say why.
            let abs = self.root.join(&path);
            match content::parse_file(lang.to_string(), rel.to_string(), path.clone(), &abs) {
                Err(why) => diags.extend(why),
                Ok(_) => diags.push(
                    Diagnostic::error(Code::Layout, "this file is not a page of the site")
                        .at(&path)
                        .help("pages are content/<lang>/_index.md, content/<lang>/<page>.md and content/<lang>/<module>/<page>.md"),
                ),
            }
            return None;
        };
        let Some(source) = self.by_key.get(&(self.source_lang, rel)) else {
            diags.push(self.no_source(rel, &path));
            return None;
        };
        Some((doc, source))
    }

    /// Why the translation at `path` has no source page to match.
    fn no_source(&self, rel: &str, path: &Path) -> Diagnostic {
        let source_lang = self.source_lang;
        let source_path = shown(source_lang, rel);
        if self.root.join(&source_path).is_file() {
            return Diagnostic::error(
                Code::Layout,
                format!(
                    "cannot mark this translation: its source page {} has errors",
                    source_path.display()
                ),
            )
            .at(path)
            .help("`equil check` shows them; fix the source page first");
        }
        Diagnostic::error(
            Code::OrphanTranslation,
            format!(
                "this translation has no source page: content/{source_lang}/{rel} does not exist"
            ),
        )
        .at(path)
        .help("rename the file to match its source page, or write the source page first")
    }
}

fn localised_warning(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        Code::Layout,
        "this page is written for its country (`localised: true`), not translated; it needs no `source_hash` and is left as it is",
    )
    .at(path)
    .help("remove `localised: true` if it is a translation of the source page")
}

fn shown(lang: &str, rel: &str) -> PathBuf {
    let mut p = Path::new(CONTENT_DIR).join(lang);
    if !rel.is_empty() {
        p = p.join(rel);
    }
    p
}

pub(crate) fn under(rel: &str, dir: &str) -> bool {
    dir.is_empty() || rel.starts_with(&format!("{dir}/"))
}

pub(super) fn source_language_error(lang: &str, path: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Layout,
        format!("`{lang}` is the source language: its pages are not translations"),
    )
    .at(path)
    .help("mark a translation, e.g. `equil i18n mark-current content/nl/<module>/<page>.md`, or `--lang nl`")
}
