//! The parts of a language tree: an [`Entry`] per page (which document it
//! shows and how the language got it), [`Module`]s, [`Handout`]s, and the
//! [`Position`] of an entry in its tree.

use serde::Serialize;

use crate::load::frontmatter::Kind;

/// Index into [`crate::model::Site::docs`].
pub type DocId = usize;

/// Identity of the home page (`content/<lang>/_index.md`).
pub const HOME_REL: &str = "_index.md";

/// How a language tree got its copy of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The page is in the source language.
    Source,
    /// A translation made from the current version of the source.
    Current,
    /// A translation made from an older version of the source.
    Outdated,
    /// A translation that does not say which version it was made from.
    Unknown,
    /// No translation: the source page is shown, with a notice.
    Fallback,
    /// Written for this language's country (`localised: true`), not
    /// translated: never outdated, no notice.
    Localised,
}

impl Status {
    /// Whether the page exists in this language (not as a fallback).
    pub fn exists(self) -> bool {
        self != Status::Fallback
    }
}

/// One page (or module overview, or home page) of one language tree. It
/// always shows a document: a page without one has no entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Identity shared by translations: `module/page.md`.
    pub rel: String,
    /// The document shown: the translation, or the source when falling back.
    pub doc: DocId,
    /// The source-language document.
    pub source: DocId,
    pub status: Status,
    /// Output path below the output folder: `nl/module/page.html`.
    pub output: String,
}

/// A module of one language tree.
#[derive(Debug, Clone)]
pub struct Module {
    /// Folder name under `content/<lang>/`.
    pub dir: String,
    /// Output folder name (the translated `slug`, or the folder name).
    pub slug: String,
    pub kind: Kind,
    pub index: Entry,
    pub pages: Vec<Entry>,
    /// Handouts of the module's pages, in page order, then `order` and name.
    pub handouts: Vec<Handout>,
}

/// A handout: a sheet for participants that belongs to a page (usually a
/// tool card), in the page's folder: `<module>/<card>/<handout>.md`.
#[derive(Debug, Clone)]
pub struct Handout {
    /// Index in [`Module::pages`] of the page it belongs to.
    pub page: usize,
    /// The page's file name without `.md` (its folder): `values-line-up`.
    pub card: String,
    /// The handout's file name without `.md`: `statements`.
    pub name: String,
    pub entry: Entry,
    /// Output path of its printable sheet: `nl/<module>/print/<card>/<name>.html`.
    pub sheet: String,
}

/// Where an entry sits in its tree: the home page, module `m`'s overview,
/// page `p` of module `m`, a page at the top of the tree, or handout `h` of
/// module `m`. [`crate::model::Tree::walk`] gives every entry with its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    Home,
    /// The overview (`_index.md`) of module `m`.
    Module(usize),
    Page(usize, usize),
    /// A page at the top of the language tree (`sources.md`).
    About(usize),
    /// Handout `h` of module `m` (see [`Module::handouts`]).
    Handout(usize, usize),
}

impl Position {
    /// The module the entry belongs to, if any.
    pub fn module(self) -> Option<usize> {
        match self {
            Position::Module(m) | Position::Page(m, _) | Position::Handout(m, _) => Some(m),
            Position::Home | Position::About(_) => None,
        }
    }
}

/// The front matter name of a kind of page.
pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Module => "module",
        Kind::Page => "page",
        Kind::Toolkit => "toolkit",
        Kind::Tool => "tool",
        Kind::Handout => "handout",
        Kind::Session => "session",
    }
}
