//! The whole site, a [`Site`]: every language's tree over one list of
//! documents, with what rendering needs besides (settings, interface
//! strings, theme, glossary, history).

use std::path::PathBuf;
use std::sync::Arc;

use super::entry::{DocId, Entry};
use super::languages::Language;
use super::tree::Tree;
use crate::load::config::Config;
use crate::load::content::Doc;
use crate::load::glossary::Glossaries;
use crate::load::locales::Locales;
use crate::load::theme::Theme;

/// The whole site, ready to render.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub source_lang: String,
    pub languages: Vec<Language>,
    pub docs: Vec<Doc>,
    pub trees: Vec<Tree>,
    pub locales: Arc<Locales>,
    pub theme: Theme,
    /// Every language's glossary (read by `pipeline::model`).
    pub glossary: Glossaries,
    /// The git history of the content (empty until the pipeline sets it).
    pub history: Arc<crate::history::History>,
}

impl Site {
    pub fn tree(&self, lang: &str) -> Option<&Tree> {
        self.trees.iter().find(|t| t.lang == lang)
    }

    pub fn doc(&self, id: DocId) -> &Doc {
        &self.docs[id]
    }

    /// Every entry of a tree, in the order of [`Tree::walk`].
    pub fn entries(tree: &Tree) -> impl Iterator<Item = &Entry> + '_ {
        tree.walk().map(|(_, e)| e)
    }

    /// Entries for the same identity in every language, in switcher order.
    pub fn translations_of(&self, rel: &str) -> Vec<(&Language, &Tree, &Entry)> {
        self.languages
            .iter()
            .zip(&self.trees)
            .filter_map(|(l, t)| t.entry(rel).map(|e| (l, t, e)))
            .collect()
    }
}
