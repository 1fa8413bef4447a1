//! One language's site, a [`Tree`]: its entries, the walks over them (in
//! site order, [`Tree::walk`], and in a book's reading order,
//! [`Tree::book`]: used wherever the pages of a tree are visited), and
//! finding an entry by its identity in constant time.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::entry::{Entry, Module, Position};

/// One language's site.
#[derive(Debug, Clone)]
pub struct Tree {
    pub lang: String,
    /// The home page; `None` when the source language has none (an error
    /// the model reports).
    pub home: Option<Entry>,
    pub modules: Vec<Module>,
    /// Pages at the top of the language tree (`sources.md`, `colophon.md`):
    /// "About this handbook" (CONVENTIONS format 2).
    pub about: Vec<Entry>,
    /// Redirect pages for old paths (`aliases:`), in output order.
    pub redirects: Vec<Redirect>,
    /// Assets to copy: output path → source file (the language's own, else the source's).
    pub assets: BTreeMap<String, PathBuf>,
    /// Output path of every page by its identity.
    pub outputs: HashMap<String, String>,
    /// Asset output path by its path inside the language tree.
    pub asset_outputs: HashMap<String, String>,
    /// Where each entry is, by its identity (see [`Tree::entry`]).
    pub(super) positions: HashMap<String, Position>,
}

/// A redirect page: written at `output`, sending readers to `target`.
#[derive(Debug, Clone)]
pub struct Redirect {
    /// Output path of the redirect page: `nl/modules/old-name.html`.
    pub output: String,
    /// Output path of the page it leads to.
    pub target: String,
    /// The page whose front matter lists the alias.
    pub declared_in: PathBuf,
}

impl Tree {
    /// Every entry with its position: the home page, then each module's
    /// overview, pages and handouts, then the pages at the top of the tree.
    pub fn walk(&self) -> impl Iterator<Item = (Position, &Entry)> + '_ {
        let home = self.home.iter().map(|e| (Position::Home, e));
        let modules = self.modules.iter().enumerate().flat_map(|(mi, m)| {
            let pages = m.pages.iter().enumerate();
            let handouts = m.handouts.iter().enumerate();
            std::iter::once((Position::Module(mi), &m.index))
                .chain(pages.map(move |(pi, p)| (Position::Page(mi, pi), p)))
                .chain(handouts.map(move |(hi, h)| (Position::Handout(mi, hi), &h.entry)))
        });
        let about = self.about.iter().enumerate();
        home.chain(modules)
            .chain(about.map(|(i, e)| (Position::About(i), e)))
    }

    /// The entries of a book in reading order, with their positions: module
    /// `module`'s overview and pages, each page followed by its handouts;
    /// or (for `None`) the handbook: the home page, every module so, then
    /// the pages at the top of the tree.
    pub fn book(&self, module: Option<usize>) -> impl Iterator<Item = (Position, &Entry)> + '_ {
        let (home, modules, about) = match module {
            Some(m) => (None, m..m + 1, &[][..]),
            None => (self.home.as_ref(), 0..self.modules.len(), &self.about[..]),
        };
        let about = about.iter().enumerate();
        home.map(|e| (Position::Home, e))
            .into_iter()
            .chain(modules.flat_map(|mi| self.module_book(mi)))
            .chain(about.map(|(i, e)| (Position::About(i), e)))
    }

    /// Module `mi` in reading order: its overview, then each page followed
    /// by its handouts.
    fn module_book(&self, mi: usize) -> impl Iterator<Item = (Position, &Entry)> + '_ {
        let m = &self.modules[mi];
        let pages = m.pages.iter().enumerate().flat_map(move |(pi, p)| {
            let handouts = m.handouts.iter().enumerate();
            let handouts = handouts.filter(move |(_, h)| h.page == pi);
            std::iter::once((Position::Page(mi, pi), p))
                .chain(handouts.map(move |(hi, h)| (Position::Handout(mi, hi), &h.entry)))
        });
        std::iter::once((Position::Module(mi), &m.index)).chain(pages)
    }

    /// The entry at `pos`, if the tree has one there.
    pub fn at(&self, pos: Position) -> Option<&Entry> {
        match pos {
            Position::Home => self.home.as_ref(),
            Position::Module(m) => self.modules.get(m).map(|m| &m.index),
            Position::Page(m, p) => self.modules.get(m)?.pages.get(p),
            Position::About(i) => self.about.get(i),
            Position::Handout(m, h) => self.modules.get(m)?.handouts.get(h).map(|h| &h.entry),
        }
    }

    /// The entry of identity `rel` (`module/page.md`), found in constant time.
    pub fn entry(&self, rel: &str) -> Option<&Entry> {
        self.at(*self.positions.get(rel)?)
    }

    /// Output path of the home page (`nl/index.html`).
    pub fn home_output(&self) -> String {
        format!("{}/index.html", self.lang)
    }

    /// Indexes the entries by identity and notes their output paths (after
    /// the tree has its final order). The first entry of an identity wins,
    /// as in a search in order.
    pub(super) fn index_entries(&mut self) {
        let mut positions = HashMap::new();
        let mut outputs = HashMap::new();
        for (pos, e) in self.walk() {
            positions.entry(e.rel.clone()).or_insert(pos);
            outputs.insert(e.rel.clone(), e.output.clone());
        }
        self.positions = positions;
        self.outputs = outputs;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::frontmatter::Kind;
    use crate::model::entry::{Handout, Status};

    fn entry(rel: &str) -> Entry {
        Entry {
            rel: rel.to_string(),
            doc: 0,
            source: 0,
            status: Status::Source,
            output: format!("en/{}", rel.replace(".md", ".html")),
        }
    }

    /// A module `m` with pages `a` and `b`; `a` has two handouts.
    fn tree(home: bool) -> Tree {
        let handout = |name: &str| Handout {
            page: 0,
            card: "a".into(),
            name: name.into(),
            entry: entry(&format!("m/a/{name}.md")),
            sheet: String::new(),
        };
        let mut t = Tree {
            lang: "en".into(),
            home: home.then(|| entry("_index.md")),
            modules: vec![Module {
                dir: "m".into(),
                slug: "m".into(),
                kind: Kind::Module,
                index: entry("m/_index.md"),
                pages: vec![entry("m/a.md"), entry("m/b.md")],
                handouts: vec![handout("x"), handout("y")],
            }],
            about: vec![entry("sources.md")],
            redirects: Vec::new(),
            assets: BTreeMap::new(),
            outputs: HashMap::new(),
            asset_outputs: HashMap::new(),
            positions: HashMap::new(),
        };
        t.index_entries();
        t
    }

    fn rels<'a>(walk: impl Iterator<Item = (Position, &'a Entry)>) -> Vec<&'a str> {
        walk.map(|(_, e)| e.rel.as_str()).collect()
    }

    #[test]
    fn walk_gives_every_entry_in_site_order_at_its_position() {
        let t = tree(true);
        let expected = [
            "_index.md",
            "m/_index.md",
            "m/a.md",
            "m/b.md",
            "m/a/x.md",
            "m/a/y.md",
            "sources.md",
        ];
        assert_eq!(rels(t.walk()), expected);
        for (pos, e) in t.walk() {
            assert_eq!(t.at(pos).map(|x| &x.rel), Some(&e.rel));
            assert_eq!(t.entry(&e.rel).map(|x| &x.output), Some(&e.output));
        }
        assert_eq!(t.outputs.len(), expected.len());
        assert_eq!(t.home_output(), "en/index.html");
    }

    #[test]
    fn a_tree_without_home_page_walks_and_finds_no_home() {
        let t = tree(false);
        assert_eq!(t.walk().next().map(|(p, _)| p), Some(Position::Module(0)));
        assert!(t.entry("_index.md").is_none());
        assert!(t.at(Position::Home).is_none());
        assert!(!t.outputs.contains_key("_index.md"));
    }

    #[test]
    fn book_puts_each_pages_handouts_after_it() {
        let t = tree(true);
        let handbook = [
            "_index.md",
            "m/_index.md",
            "m/a.md",
            "m/a/x.md",
            "m/a/y.md",
            "m/b.md",
            "sources.md",
        ];
        assert_eq!(rels(t.book(None)), handbook);
        assert_eq!(rels(t.book(Some(0))), &handbook[1..6]);
        let positions: Vec<Position> = t.book(Some(0)).map(|(p, _)| p).collect();
        assert_eq!(positions[2], Position::Handout(0, 0));
        assert_eq!(positions[4], Position::Page(0, 1));
    }
}
