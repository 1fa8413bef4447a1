//! Renders the pages of one language tree: home, module overviews, pages and
//! tool cards, each through its template.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::context::{base_context, languages_for, page_data, Link, ModuleNav, TreeNav};
use super::links::{relative, TreeLinks};
use super::markdown::{to_html, HtmlOptions, LinkRewriter, Parsed};
use super::templates::Templates;
use crate::diagnostics::Diagnostic;
use crate::load::frontmatter::Kind;
use crate::model::{Entry, Site, Tree};

/// What a tree's pages need, computed once per language.
pub struct TreeRender<'a> {
    pub site: &'a Site,
    pub tree: &'a Tree,
    pub nav: TreeNav,
    pub parsed: &'a [Parsed],
    pub templates: &'a Templates,
    pub callout_titles: [String; 5],
}

/// Where an entry sits: the home page, or module `m` (page `p`, or its overview).
#[derive(Debug, Clone, Copy)]
pub enum Position {
    Home,
    Module(usize),
    Page(usize, usize),
}

/// The entries of a tree with their positions: home, then each module's
/// overview followed by its pages.
pub fn positions(tree: &Tree) -> Vec<(Position, &Entry)> {
    let mut v = vec![(Position::Home, &tree.home)];
    for (mi, m) in tree.modules.iter().enumerate() {
        v.push((Position::Module(mi), &m.index));
        for (pi, p) in m.pages.iter().enumerate() {
            v.push((Position::Page(mi, pi), p));
        }
    }
    v
}

/// The links around a page: breadcrumbs, previous and next.
#[derive(Debug, Default, Hash)]
struct Around {
    breadcrumbs: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
}

impl TreeRender<'_> {
    /// Every entry of the tree with its position.
    pub fn positions(&self) -> Vec<(Position, &Entry)> {
        positions(self.tree)
    }

    /// The body of an entry as HTML for its own page.
    pub fn body_html(&self, entry: &Entry) -> String {
        let doc = self.site.doc(entry.doc);
        let links = TreeLinks {
            tree: self.tree,
            doc_rel: &doc.rel,
            from: &entry.output,
            print: None,
        };
        to_html(
            &self.parsed[entry.doc],
            &HtmlOptions {
                links: &links,
                id_prefix: "",
                callout_titles: &self.callout_titles,
                heading_shift: 0,
            },
        )
    }

    /// The template of an entry, and the kind of page it shows.
    fn template_for(&self, pos: Position, entry: &Entry) -> (&'static str, Kind) {
        match pos {
            Position::Home => ("home.html", Kind::Page),
            Position::Module(mi) => match self.tree.modules[mi].kind {
                Kind::Toolkit => ("toolkit.html", Kind::Toolkit),
                _ => ("module.html", Kind::Module),
            },
            Position::Page(mi, _) => {
                let default = if self.tree.modules[mi].kind == Kind::Toolkit {
                    Kind::Tool
                } else {
                    Kind::Page
                };
                match self.site.doc(entry.doc).fm.kind.unwrap_or(default) {
                    Kind::Tool => ("tool.html", Kind::Tool),
                    _ => ("page.html", Kind::Page),
                }
            }
        }
    }

    /// Breadcrumbs, previous and next page of an entry.
    fn around(&self, pos: Position, entry: &Entry) -> Around {
        let home = || Link {
            title: self.title_of(&self.tree.home),
            url: relative(&entry.output, &self.tree.home.output),
        };
        match pos {
            Position::Home => Around::default(),
            Position::Module(mi) => {
                let m = &self.tree.modules[mi];
                Around {
                    breadcrumbs: vec![home()],
                    next: m.pages.first().map(|p| self.link(entry, p)),
                    prev: mi
                        .checked_sub(1)
                        .map(|i| &self.tree.modules[i])
                        .map(|pm| self.link(entry, pm.pages.last().unwrap_or(&pm.index))),
                }
            }
            Position::Page(mi, pi) => {
                let m = &self.tree.modules[mi];
                Around {
                    breadcrumbs: vec![home(), self.link(entry, &m.index)],
                    prev: Some(match pi {
                        0 => self.link(entry, &m.index),
                        _ => self.link(entry, &m.pages[pi - 1]),
                    }),
                    next: m
                        .pages
                        .get(pi + 1)
                        .or_else(|| self.tree.modules.get(mi + 1).map(|n| &n.index))
                        .map(|e| self.link(entry, e)),
                }
            }
        }
    }

    /// Renders one entry to a complete HTML document.
    pub fn render(&self, pos: Position, entry: &Entry) -> Result<String, Diagnostic> {
        if entry.doc == usize::MAX {
            return Err(Diagnostic::error(
                crate::diagnostics::Code::Layout,
                "no home page",
            ));
        }
        let doc = self.site.doc(entry.doc);
        let content = self.body_html(entry);
        let toc = self.parsed[entry.doc].headings.clone();
        let (template, kind) = self.template_for(pos, entry);
        let page = page_data(self.site, entry, kind, content, toc);
        let mut ctx = base_context(self.site, self.tree, entry, page);
        let around = self.around(pos, entry);
        ctx.breadcrumbs = around.breadcrumbs;
        ctx.prev = around.prev;
        ctx.next = around.next;
        match pos {
            Position::Home => ctx.modules = &self.nav.modules,
            Position::Module(mi) | Position::Page(mi, _) => {
                ctx.module = Some(&self.nav.modules[mi] as &ModuleNav)
            }
        }
        if let Some(m) = ctx.module {
            let module_dir = format!("{}/{}/", self.tree.lang, m.slug);
            ctx.module_base = relative(&entry.output, &module_dir);
        }
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(crate::diagnostics::Code::Template, e.to_string()))?;
        self.templates
            .render(&self.tree.lang, template, &ctx, &self.site.theme)
            .map_err(|d| match d.path {
                Some(_) => d,
                None => d.at(&doc.path),
            })
    }

    /// A hash of everything an entry's page is rendered from, apart from the
    /// settings, the theme and the interface strings (which concern every
    /// page): when it is unchanged, so is the page. `equil serve` uses it to
    /// re-render only the pages a change can reach.
    pub fn inputs_hash(&self, pos: Position, entry: &Entry) -> u64 {
        let mut h = DefaultHasher::new();
        entry.rel.hash(&mut h);
        entry.output.hash(&mut h);
        (entry.status as u8).hash(&mut h);
        if entry.doc == usize::MAX {
            return h.finish();
        }
        let doc = self.site.doc(entry.doc);
        (&doc.lang, &doc.rel, doc.text_hash).hash(&mut h);
        self.template_for(pos, entry).0.hash(&mut h);
        match pos {
            Position::Home => self.nav.hashes.hash(&mut h),
            Position::Module(mi) | Position::Page(mi, _) => self.nav.hashes[mi].hash(&mut h),
        }
        self.around(pos, entry).hash(&mut h);
        languages_for(self.site, self.tree, entry).hash(&mut h);
        // The outdated notice links to the source page.
        self.site
            .tree(&self.site.source_lang)
            .and_then(|t| t.outputs.get(&entry.rel))
            .hash(&mut h);
        // Links in the body, as they are written for this page.
        let links = TreeLinks {
            tree: self.tree,
            doc_rel: &doc.rel,
            from: &entry.output,
            print: None,
        };
        for link in &self.parsed[entry.doc].links {
            links.rewrite(&link.dest, link.image).hash(&mut h);
        }
        h.finish()
    }

    fn title_of(&self, e: &Entry) -> String {
        if e.doc == usize::MAX {
            return self.site.config.title.clone();
        }
        super::markdown::inline_text(&self.site.doc(e.doc).fm.title)
    }

    fn link(&self, from: &Entry, to: &Entry) -> Link {
        Link {
            title: self.title_of(to),
            url: relative(&from.output, &to.output),
        }
    }
}
