//! Renders the pages of one language tree: home, module overviews, pages and
//! tool cards, each through its template.

use super::context::{base_context, page_data, Link, ModuleNav, SidebarHtml, TreeNav};
use super::links::{relative, TreeLinks};
use super::markdown::{to_html, HtmlOptions, Parsed};
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
    pub sanitizer: Option<&'a ammonia::Builder<'static>>,
}

/// Where an entry sits: the home page, or module `m` (page `p`, or its overview).
#[derive(Debug, Clone, Copy)]
pub enum Position {
    Home,
    Module(usize),
    Page(usize, usize),
}

impl TreeRender<'_> {
    /// Every entry of the tree with its position.
    pub fn positions(&self) -> Vec<(Position, &Entry)> {
        let mut v = vec![(Position::Home, &self.tree.home)];
        for (mi, m) in self.tree.modules.iter().enumerate() {
            v.push((Position::Module(mi), &m.index));
            for (pi, p) in m.pages.iter().enumerate() {
                v.push((Position::Page(mi, pi), p));
            }
        }
        v
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
                sanitizer: self.sanitizer,
            },
        )
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
        let (template, kind) = match pos {
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
                match doc.fm.kind.unwrap_or(default) {
                    Kind::Tool => ("tool.html", Kind::Tool),
                    _ => ("page.html", Kind::Page),
                }
            }
        };
        let page = page_data(self.site, entry, kind, content, toc);
        let mut ctx = base_context(self.site, self.tree, entry, page);
        let home_title = self.title_of(&self.tree.home);
        match pos {
            Position::Home => {
                ctx.modules = &self.nav.modules;
            }
            Position::Module(mi) => {
                let nav: &ModuleNav = &self.nav.modules[mi];
                ctx.module = Some(nav);
                ctx.breadcrumbs = vec![Link {
                    title: home_title,
                    url: ctx.home_url.clone(),
                }];
                let m = &self.tree.modules[mi];
                ctx.next = m.pages.first().map(|p| self.link(entry, p));
                ctx.prev = mi
                    .checked_sub(1)
                    .map(|i| &self.tree.modules[i])
                    .map(|pm| self.link(entry, pm.pages.last().unwrap_or(&pm.index)));
            }
            Position::Page(mi, pi) => {
                let m = &self.tree.modules[mi];
                ctx.module = Some(&self.nav.modules[mi]);
                ctx.breadcrumbs = vec![
                    Link {
                        title: home_title,
                        url: ctx.home_url.clone(),
                    },
                    self.link(entry, &m.index),
                ];
                ctx.prev = Some(match pi {
                    0 => self.link(entry, &m.index),
                    _ => self.link(entry, &m.pages[pi - 1]),
                });
                ctx.next = m
                    .pages
                    .get(pi + 1)
                    .or_else(|| self.tree.modules.get(mi + 1).map(|n| &n.index))
                    .map(|e| self.link(entry, e));
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
