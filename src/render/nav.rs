//! Navigation: the links and module tables of contents that every page of
//! a language shares, computed once per language (never rebuilt per page).

use serde::Serialize;

use super::glossary;
use super::links::relative;
use super::markdown::{inline_html, inline_text};
use crate::load::frontmatter::Kind;
use crate::model::{kind_name, Module, Site, Status, Tree};

/// A link with a title.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// Language of the title (differs from the tree's on fallback pages).
    pub content_lang: String,
}

/// One entry of a module's table of contents.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct NavItem {
    pub title: String,
    /// URL relative to the module's folder.
    pub url: String,
    pub kind: &'static str,
    pub summary: Option<String>,
    pub duration: Option<u32>,
    pub group_size: Option<String>,
    pub fallback: bool,
    /// Language of the page's text (differs from the tree's on fallback pages).
    pub content_lang: String,
}

/// A module as shown in navigation, computed once per language.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ModuleNav {
    pub title: String,
    pub summary: Option<String>,
    pub kind: &'static str,
    pub duration: Option<u32>,
    pub objectives: Vec<String>,
    pub audience: Vec<String>,
    /// URL of the module's overview, relative to the language's home folder.
    pub url: String,
    /// Folder name of the module in the output.
    pub slug: String,
    pub fallback: bool,
    pub content_lang: String,
    pub pages: Vec<NavItem>,
}

/// Per-language data shared by every page of that language.
pub struct TreeNav {
    pub modules: Vec<ModuleNav>,
    /// A hash of each module's navigation, to tell when it changed.
    pub hashes: Vec<u64>,
    /// The title of the language's home page (for breadcrumbs).
    pub home_title: String,
    /// The language of that title.
    pub home_lang: String,
    /// "About this handbook": the pages at the top of the language tree and
    /// the glossary, with URLs as output paths (made relative per page).
    pub about: Vec<Link>,
}

impl TreeNav {
    pub fn new(site: &Site, tree: &Tree) -> TreeNav {
        let modules: Vec<ModuleNav> = tree
            .modules
            .iter()
            .map(|m| module_nav(site, tree, m))
            .collect();
        let hashes = modules.iter().map(module_hash).collect();
        let (home_title, home_lang) = home_link(site, tree);
        TreeNav {
            modules,
            hashes,
            home_title,
            home_lang,
            about: about_links(site, tree),
        }
    }

    /// Makes module `mi`'s navigation again (after a title or summary in it
    /// changed): whether it changed.
    pub fn refresh_module(&mut self, site: &Site, tree: &Tree, mi: usize) -> bool {
        let m = module_nav(site, tree, &tree.modules[mi]);
        let h = module_hash(&m);
        let changed = self.hashes[mi] != h;
        self.modules[mi] = m;
        self.hashes[mi] = h;
        changed
    }

    /// Makes the links every page shows again (the home page's title,
    /// "About this handbook"): whether they changed.
    pub fn refresh_links(&mut self, site: &Site, tree: &Tree) -> bool {
        let home = home_link(site, tree);
        let about = about_links(site, tree);
        let changed = (&self.home_title, &self.home_lang) != (&home.0, &home.1)
            || !same_links(&self.about, &about);
        (self.home_title, self.home_lang) = home;
        self.about = about;
        changed
    }
}

fn module_hash(m: &ModuleNav) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    m.hash(&mut h);
    h.finish()
}

/// The home page's title and its language (the site's title without one).
fn home_link(site: &Site, tree: &Tree) -> (String, String) {
    match &tree.home {
        None => (site.config.title.clone(), tree.lang.clone()),
        Some(h) => {
            let d = site.doc(h.doc);
            (inline_text(&d.fm.title), d.lang.clone())
        }
    }
}

fn same_links(a: &[Link], b: &[Link]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            (&x.title, &x.url, &x.content_lang) == (&y.title, &y.url, &y.content_lang)
        })
}

/// The pages at the top of the language tree, then the glossary.
fn about_links(site: &Site, tree: &Tree) -> Vec<Link> {
    let mut v: Vec<Link> = tree
        .about
        .iter()
        .map(|e| Link {
            title: inline_text(&site.doc(e.doc).fm.title),
            url: e.output.clone(),
            content_lang: site.doc(e.doc).lang.clone(),
        })
        .collect();
    if site.glossary.exists() {
        v.push(Link {
            title: glossary::title(site, &tree.lang),
            url: glossary::output(&tree.lang),
            content_lang: tree.lang.clone(),
        });
    }
    v
}

fn module_nav(site: &Site, tree: &Tree, m: &Module) -> ModuleNav {
    let doc = site.doc(m.index.doc);
    let pages = m
        .pages
        .iter()
        .map(|p| {
            let d = site.doc(p.doc);
            NavItem {
                title: inline_text(&d.fm.title),
                url: relative(&m.index.output, &p.output),
                kind: kind_name(d.fm.kind.unwrap_or(if m.kind == Kind::Toolkit {
                    Kind::Tool
                } else {
                    Kind::Page
                })),
                summary: d.fm.summary.as_deref().map(inline_html),
                duration: d.fm.duration,
                group_size: d.fm.group_size.as_ref().map(|g| g.to_string()),
                fallback: p.status == Status::Fallback,
                content_lang: d.lang.clone(),
            }
        })
        .collect();
    ModuleNav {
        title: inline_text(&doc.fm.title),
        summary: doc.fm.summary.as_deref().map(inline_html),
        kind: kind_name(m.kind),
        duration: doc.fm.duration,
        objectives: doc.fm.objectives.iter().map(|o| inline_html(o)).collect(),
        audience: doc.fm.audience.clone(),
        url: relative(&tree.home_output(), &m.index.output),
        slug: m.slug.clone(),
        fallback: m.index.status == Status::Fallback,
        content_lang: doc.lang.clone(),
        pages,
    }
}

/// Relative "About this handbook" links for a page written to `from`.
pub fn about_for(nav: &TreeNav, from: &str) -> Vec<Link> {
    nav.about
        .iter()
        .map(|l| Link {
            title: l.title.clone(),
            url: relative(from, &l.url),
            content_lang: l.content_lang.clone(),
        })
        .collect()
}
