//! Renders the pages of one language tree: home, module overviews, pages and
//! tool cards, each through its template.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::context::{base_context, page_data, Link, ModuleNav, SidebarHtml, TreeNav};
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
    /// `None` when site.yaml trusts raw HTML.
    pub sanitizer: Option<std::sync::Arc<ammonia::Builder<'static>>>,
}

/// Where an entry sits: the home page, or module `m` (page `p`, or its overview).
#[derive(Debug, Clone, Copy)]
pub enum Position {
    Home,
    Module(usize),
    Page(usize, usize),
    /// A page at the top of the language tree (`sources.md`).
    About(usize),
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
    v.extend(
        tree.about
            .iter()
            .enumerate()
            .map(|(i, e)| (Position::About(i), e)),
    );
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
            glossary: &self.site.glossary,
        };
        to_html(
            &self.parsed[entry.doc],
            &HtmlOptions {
                links: &links,
                id_prefix: "",
                callout_titles: &self.callout_titles,
                heading_shift: 0,
                sanitizer: self.sanitizer.as_deref(),
            },
        )
    }

    /// The template of an entry, and the kind of page it shows.
    fn template_for(&self, pos: Position, entry: &Entry) -> (&'static str, Kind) {
        match pos {
            Position::Home => ("home.html", Kind::Page),
            Position::About(_) => ("page.html", Kind::Page),
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
            title: self.nav.home_title.clone(),
            url: relative(&entry.output, &self.tree.home.output),
        };
        let modules = &self.tree.modules;
        match pos {
            Position::Home => Around::default(),
            Position::About(_) => Around {
                breadcrumbs: vec![home()],
                ..Around::default()
            },
            Position::Module(mi) => Around {
                breadcrumbs: vec![home()],
                next: (!modules[mi].pages.is_empty()).then(|| self.nav_link(entry, mi, Some(0))),
                prev: mi.checked_sub(1).map(|i| {
                    let last = modules[i].pages.len().checked_sub(1);
                    self.nav_link(entry, i, last)
                }),
            },
            Position::Page(mi, pi) => Around {
                breadcrumbs: vec![home(), self.nav_link(entry, mi, None)],
                prev: Some(self.nav_link(entry, mi, pi.checked_sub(1))),
                next: if pi + 1 < modules[mi].pages.len() {
                    Some(self.nav_link(entry, mi, Some(pi + 1)))
                } else if mi + 1 < modules.len() {
                    Some(self.nav_link(entry, mi + 1, None))
                } else {
                    None
                },
            },
        }
    }

    /// A link from `from` to the overview of module `mi` (`None`) or to its
    /// page `pi`, with the title the navigation shows.
    fn nav_link(&self, from: &Entry, mi: usize, pi: Option<usize>) -> Link {
        let (m, nav) = (&self.tree.modules[mi], &self.nav.modules[mi]);
        let (to, title) = match pi {
            Some(pi) => (&m.pages[pi], &nav.pages[pi].title),
            None => (&m.index, &nav.title),
        };
        Link {
            title: title.clone(),
            url: relative(&from.output, &to.output),
        }
    }

    /// Renders one entry to a complete HTML document.
    pub fn render(&self, pos: Position, entry: &Entry) -> Result<String, Diagnostic> {
        self.render_bytes(pos, entry)
            .and_then(super::templates::utf8)
    }

    /// [`TreeRender::render`] as the bytes to write.
    pub fn render_bytes(&self, pos: Position, entry: &Entry) -> Result<Vec<u8>, Diagnostic> {
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
        ctx.about = super::context::about_for(&self.nav, &entry.output);
        let around = self.around(pos, entry);
        ctx.breadcrumbs = around.breadcrumbs;
        ctx.prev = around.prev;
        ctx.next = around.next;
        match pos {
            Position::Home => ctx.modules = &self.nav.modules,
            Position::About(_) => {}
            Position::Module(mi) | Position::Page(mi, _) => {
                ctx.module = Some(&self.nav.modules[mi] as &ModuleNav)
            }
        }
        if let Some(m) = ctx.module {
            let module_dir = format!("{}/{}/", self.tree.lang, m.slug);
            ctx.module_base = relative(&entry.output, &module_dir);
        }
        if let (Position::Page(mi, _), "") = (pos, ctx.module_base.as_str()) {
            if let Some(Some(sidebar)) = self.nav.sidebars.get(mi) {
                ctx.sidebar = Some(SidebarHtml {
                    html: sidebar.for_page(&ctx.page.file),
                });
                ctx.module = Some(&sidebar.module);
            }
        }
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(crate::diagnostics::Code::Template, e.to_string()))?;
        self.templates
            .render_bytes(&self.tree.lang, template, &ctx, &self.site.theme)
            .map_err(|d| match d.path {
                Some(_) => d,
                None => d.at(&doc.path),
            })
    }

    /// A hash of everything an entry's page is rendered from, apart from the
    /// settings, the theme and the interface strings (which concern every
    /// page): when it is unchanged, so is the page. `equil serve` uses it to
    /// re-render only the pages a change can reach. `translations` is the
    /// [`translations_hash`] of the entry's identity. The links in the body
    /// are left to [`TreeRender::links_hash`].
    pub fn inputs_hash(&self, pos: Position, entry: &Entry, translations: u64) -> u64 {
        let mut h = DefaultHasher::new();
        translations.hash(&mut h);
        self.tree.lang.hash(&mut h);
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
            Position::Home | Position::About(_) => self.nav.hashes.hash(&mut h),
            Position::Module(mi) | Position::Page(mi, _) => self.nav.hashes[mi].hash(&mut h),
        }
        self.around(pos, entry).hash(&mut h);
        self.site.glossary.hash(&mut h);
        (&self.site.config.edit_url, &self.nav.about).hash(&mut h);
        // The outdated notice links to the source page.
        self.site
            .tree(&self.site.source_lang)
            .and_then(|t| t.outputs.get(&entry.rel))
            .hash(&mut h);
        h.finish()
    }

    /// A hash of the links of an entry's body as they are written for its
    /// page (they change when pages they point to move, appear or go).
    pub fn links_hash(&self, entry: &Entry) -> u64 {
        let mut h = DefaultHasher::new();
        if entry.doc == usize::MAX {
            return h.finish();
        }
        let links = TreeLinks {
            tree: self.tree,
            doc_rel: &self.site.doc(entry.doc).rel,
            from: &entry.output,
            print: None,
            glossary: &self.site.glossary,
        };
        for link in &self.parsed[entry.doc].links {
            links.rewrite(&link.dest, link.image).hash(&mut h);
        }
        h.finish()
    }

    /// A hash of what links in this tree can point to: the output path of
    /// every page and asset. While it stays the same, so does every page's
    /// [`TreeRender::links_hash`] (for an unchanged body).
    pub fn link_targets_hash(&self) -> u64 {
        // Order-independent: the maps are hash maps.
        let mut sum = 0u64;
        let pages = self.tree.outputs.iter().map(|kv| (0u8, kv));
        let assets = self.tree.asset_outputs.iter().map(|kv| (1u8, kv));
        for item in pages.chain(assets) {
            let mut h = DefaultHasher::new();
            item.hash(&mut h);
            sum = sum.wrapping_add(h.finish());
        }
        sum ^ self.tree.outputs.len() as u64
    }
}

/// A hash of where and how a page exists in each language (output path and
/// status): what its language switcher and `hreflang` links are made of.
pub fn translations_hash(site: &Site, rel: &str) -> u64 {
    let mut h = DefaultHasher::new();
    for (lang, _, e) in site.translations_of(rel) {
        (&lang.code, &lang.name, &e.output, e.status as u8).hash(&mut h);
    }
    h.finish()
}
