//! `equil i18n diff`: for each outdated translation, what changed in its
//! source page since the version the translation was made from (the
//! committed version whose hash is the translation's `source_hash`), word
//! by word. The old text comes from git history ([`crate::history`]).
//!
//! The JSON form of [`DiffReport`] is documented in TRANSLATING.md.

use std::path::PathBuf;

use serde::Serialize;

use super::mark::{locate, under, MarkOptions, Targets};
use crate::diagnostics::{Code, Diagnostic};
use crate::history::diff::{diff, PageDiff, Size};
use crate::history::versions::{origin, origin_in, Missing, Snapshot};
use crate::history::{dates::DateFormat, key, Blobs, History};
use crate::model::{Site, Status};
use crate::pipeline::{self, SiteOptions};

/// Version of the JSON layout.
pub const FORMAT_VERSION: u32 = 1;

/// Options of [`diff_report`].
#[derive(Debug, Clone)]
pub struct DiffOptions {
    pub root: PathBuf,
    /// The working directory, for relative paths.
    pub cwd: PathBuf,
    pub targets: Targets,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    pub format_version: u32,
    /// Whether git history could be read.
    pub history: bool,
    /// Why not, in words (when `history` is false).
    pub history_message: Option<String>,
    pub pages: Vec<PageReport>,
}

/// One translation.
#[derive(Debug, Clone, Serialize)]
pub struct PageReport {
    /// The translation, from the site folder (`content/nl/…`).
    pub path: String,
    /// Its source page (`content/en/…`).
    pub source: String,
    /// `current`, `outdated` or `unknown` (no `source_hash`).
    pub status: Status,
    /// The source version the translation was made from (outdated pages,
    /// when the history has it).
    pub from: Option<Origin>,
    /// Why the old version cannot be shown (`no-history`, `not-committed`,
    /// `hash-not-found`), with `message`.
    pub missing: Option<Missing>,
    pub message: Option<String>,
    /// How much changed, and the changes (empty unless `from` is known).
    pub size: Size,
    pub sections: Vec<crate::history::diff::Section>,
}

/// A source version.
#[derive(Debug, Clone, Serialize)]
pub struct Origin {
    pub commit: String,
    /// `2026-03-04` (UTC).
    pub date: String,
    /// The date in words (`4 March 2026`), in the source language.
    pub date_text: String,
    pub subject: String,
    /// File line of the body's first line in today's source, for the line
    /// numbers of the text output.
    #[serde(skip)]
    pub body_line: usize,
}

/// Computes the report. Errors in the targets go to `diags`; `None` when
/// there is no site.
pub fn diff_report(opts: &DiffOptions, diags: &mut Vec<Diagnostic>) -> Option<DiffReport> {
    let site = pipeline::load_model(&SiteOptions::new(&opts.root), diags)?;
    let wanted = targets(&site, opts, diags);
    let history = &site.history;
    let dates = DateFormat::new(site.config.date_locale(&site.source_lang));
    let pages = wanted
        .iter()
        .map(|(lang, rel)| page_report(&site, lang, rel, &dates))
        .collect();
    Some(DiffReport {
        format_version: FORMAT_VERSION,
        history: history.unavailable.is_none(),
        history_message: history.unavailable.as_ref().map(|u| u.explain()),
        pages,
    })
}

/// The translations to report on, as `(lang, rel)`, in order.
fn targets(site: &Site, opts: &DiffOptions, diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let translations = |lang: &str| {
        site.tree(lang)
            .into_iter()
            .flat_map(Site::entries)
            .filter(|e| e.status.exists() && e.status != Status::Source)
            .map(|e| e.rel.clone())
            .collect::<Vec<_>>()
    };
    match &opts.targets {
        Targets::Lang(lang) => {
            if *lang == site.source_lang || site.tree(lang).is_none() {
                diags.push(
                    Diagnostic::error(
                        Code::Layout,
                        format!("`{lang}` is not a translation language of this site"),
                    )
                    .help(format!(
                        "languages: {}",
                        site.trees
                            .iter()
                            .map(|t| t.lang.as_str())
                            .filter(|l| *l != site.source_lang)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                return out;
            }
            out.extend(translations(lang).into_iter().map(|r| (lang.clone(), r)));
        }
        Targets::Paths(paths) => {
            let mark = MarkOptions {
                root: opts.root.clone(),
                cwd: opts.cwd.clone(),
                targets: Targets::Paths(Vec::new()),
            };
            for p in paths {
                match locate(&mark, p, &site.source_lang) {
                    Ok((lang, rel, true)) => out.extend(
                        translations(&lang)
                            .into_iter()
                            .filter(|r| under(r, &rel))
                            .map(|r| (lang.clone(), r)),
                    ),
                    Ok((lang, rel, false)) => {
                        let known = site
                            .tree(&lang)
                            .and_then(|t| t.entry(&rel))
                            .is_some_and(|e| e.status.exists());
                        if known {
                            out.push((lang, rel));
                        } else {
                            diags.push(
                                Diagnostic::error(
                                    Code::Layout,
                                    "not a published translation (no source page, a draft, or a file with errors)",
                                )
                                .at(p)
                                .help("`equil i18n status` lists the translations of each language"),
                            );
                        }
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn page_report(site: &Site, lang: &str, rel: &str, dates: &DateFormat) -> PageReport {
    let tree = site.tree(lang).expect("targets are in the site");
    let entry = tree.entry(rel).expect("targets are in the site");
    let (doc, source) = (site.doc(entry.doc), site.doc(entry.source));
    let mut r = PageReport {
        path: key(&doc.path),
        source: key(&source.path),
        status: entry.status,
        from: None,
        missing: None,
        message: None,
        size: Size::default(),
        sections: Vec::new(),
    };
    if entry.status != Status::Outdated {
        return r;
    }
    let hash = doc.fm.source_hash.clone().unwrap_or_default();
    match origin(&site.history, &r.source, &hash) {
        Ok(o) => {
            let now = current(site, entry.source);
            let d: PageDiff = diff(&o.old, &now);
            r.size = d.size;
            r.sections = d.sections;
            r.from = Some(Origin {
                commit: o.commit.id.clone(),
                date: o.commit.time.iso_date(),
                date_text: dates.format(o.commit.time),
                subject: o.commit.subject.clone(),
                body_line: source.body_line,
            });
        }
        Err(m) => {
            r.message = Some(m.explain(&site.history, &r.source, &hash));
            r.missing = Some(m);
        }
    }
    r
}

/// Today's version of a source page, as on disk.
fn current(site: &Site, doc: usize) -> Snapshot {
    let d = site.doc(doc);
    std::fs::read_to_string(site.root.join(&d.path))
        .ok()
        .and_then(|t| Snapshot::parse(&t))
        .unwrap_or_else(|| Snapshot {
            title: d.fm.title.clone(),
            fields: vec![("title".into(), d.fm.title.clone())],
            body: d.body.to_string(),
        })
}

/// Per outdated page of `site`, the source version it was made from and the
/// size of the change since (for `i18n status --format json`).
pub fn origin_and_size(
    site: &Site,
    history: &History,
    blobs: &Blobs,
    lang: &str,
    rel: &str,
) -> Option<(Origin, Size)> {
    let entry = site.tree(lang)?.entry(rel)?;
    if entry.status != Status::Outdated {
        return None;
    }
    let dates = DateFormat::new(site.config.date_locale(&site.source_lang));
    let doc = site.doc(entry.doc);
    let source = site.doc(entry.source);
    let o = origin_in(
        history,
        blobs,
        &key(&source.path),
        doc.fm.source_hash.as_deref()?,
    )
    .ok()?;
    let size = diff(&o.old, &current(site, entry.source)).size;
    Some((
        Origin {
            commit: o.commit.id.clone(),
            date: o.commit.time.iso_date(),
            date_text: dates.format(o.commit.time),
            subject: o.commit.subject,
            body_line: source.body_line,
        },
        size,
    ))
}
