//! The site's structure, read from the source language: the home page, the
//! module folders with their pages and handouts, and the pages at the top
//! of the tree. Every language tree follows it. Translations without a
//! source page, and a missing home page, are reported here.

use std::collections::{BTreeMap, HashMap};

use super::entry::{DocId, HOME_REL};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::Doc;

/// The source language's files, by what they are.
pub(super) struct Layout<'d> {
    /// Every published document by language and identity.
    by_key: HashMap<(&'d str, &'d str), DocId>,
    /// The home page (`_index.md`).
    pub home: Option<DocId>,
    /// The module folders by name, in name order.
    pub modules: BTreeMap<&'d str, ModuleFiles>,
    /// Pages at the top of the language tree, in file name order.
    pub about: Vec<DocId>,
}

/// The source-language files of a module folder.
#[derive(Default)]
pub(super) struct ModuleFiles {
    /// The module's `_index.md`; `None` is an error the tree reports.
    pub index: Option<DocId>,
    pub pages: Vec<DocId>,
    /// Files in a page's folder: `<page>/<handout>.md`.
    pub handouts: Vec<DocId>,
}

impl<'d> Layout<'d> {
    /// Reads the structure from the published documents `docs`.
    pub fn read(docs: &'d [Doc], source_lang: &str, diags: &mut Vec<Diagnostic>) -> Layout<'d> {
        let by_key: HashMap<(&str, &str), DocId> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| ((d.lang.as_str(), d.rel.as_str()), i))
            .collect();
        report_orphans(docs, &by_key, source_lang, diags);
        let home = by_key.get(&(source_lang, HOME_REL)).copied();
        if home.is_none() && diags.iter().all(|d| !d.is_error()) {
            diags.push(
                Diagnostic::error(Code::Layout, "the source language has no home page")
                    .at(format!("content/{source_lang}/{HOME_REL}"))
                    .help("create it with front matter `title:` and an introduction"),
            );
        }
        let mut source_rels: Vec<(&str, DocId)> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.lang == source_lang)
            .map(|(i, d)| (d.rel.as_str(), i))
            .collect();
        source_rels.sort();
        let mut modules: BTreeMap<&str, ModuleFiles> = BTreeMap::new();
        let mut about = Vec::new();
        for (rel, id) in source_rels {
            let Some((dir, file)) = rel.split_once('/') else {
                if rel != HOME_REL {
                    about.push(id);
                }
                continue;
            };
            let files = modules.entry(dir).or_default();
            if file == HOME_REL {
                files.index = Some(id);
            } else if file.contains('/') {
                files.handouts.push(id);
            } else {
                files.pages.push(id);
            }
        }
        Layout {
            by_key,
            home,
            modules,
            about,
        }
    }

    /// The document of identity `rel` in language `lang`, if it is published.
    pub fn doc(&self, lang: &str, rel: &str) -> Option<DocId> {
        self.by_key.get(&(lang, rel)).copied()
    }
}

/// Warns about each translation that has no source page (it is not published).
fn report_orphans(
    docs: &[Doc],
    by_key: &HashMap<(&str, &str), DocId>,
    source_lang: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for d in docs {
        if d.lang != source_lang && !by_key.contains_key(&(source_lang, d.rel.as_str())) {
            diags.push(
                Diagnostic::warning(
                    Code::OrphanTranslation,
                    format!(
                        "this page has no source page (content/{source_lang}/{}); it is not published",
                        d.rel
                    ),
                )
                .at(&d.path)
                .help("write the source page first, or rename this file to match it"),
            );
        }
    }
}
