//! Renders the pages of one language tree: home, module overviews, pages and
//! tool cards, each through its template.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::changes::Change;
use super::context::{base_context, page_data, SidebarHtml};
use super::links::{relative, TreeLinks};
use super::markdown::{to_html, HtmlOptions, LinkRewriter, Parsed};
use super::nav::{about_for, Link, ModuleNav, TreeNav};
use super::sidebar::Sidebar;
use super::templates::Templates;
use crate::diagnostics::Diagnostic;
use crate::history::dates::DateFormat;
use crate::history::Timestamp;
use crate::load::frontmatter::Kind;
use crate::model::{Entry, Position, Site, Tree};

/// What a tree's pages need, computed once per language.
pub struct TreeRender<'a> {
    pub site: &'a Site,
    pub tree: &'a Tree,
    pub nav: TreeNav,
    /// Each module's sidebar, rendered once (see [`Sidebar`]); empty when
    /// the theme's page templates are not the built-in ones.
    pub sidebars: Vec<Option<Sidebar>>,
    pub parsed: &'a [Parsed],
    pub templates: &'a Templates,
    pub callout_titles: [String; 7],
    /// `None` when site.yaml trusts raw HTML.
    pub sanitizer: Option<std::sync::Arc<ammonia::Builder<'static>>>,
    /// Dates as this language writes them.
    pub dates: DateFormat,
    /// The tree's most recent changes ("What's new"), newest first.
    pub changes: Vec<Change>,
    /// For each outdated entry (by identity), when the source version it
    /// was translated from was committed.
    pub outdated_since: HashMap<String, Timestamp>,
    /// The QR codes of print pages, each made once.
    pub qr_codes: super::qr::Codes,
}

/// A language's navigation with its modules' sidebars rendered: made once
/// per build, and kept by `equil serve` while no title, order or page list
/// changes.
pub struct Navigation {
    pub nav: TreeNav,
    pub sidebars: Vec<Option<Sidebar>>,
}

impl Navigation {
    pub fn new(site: &Site, tree: &Tree, templates: &Templates) -> Navigation {
        let nav = TreeNav::new(site, tree);
        let sidebars = super::sidebar::render_all(templates, &site.theme, &tree.lang, &nav.modules);
        Navigation { nav, sidebars }
    }
}

impl Navigation {
    /// Makes the navigation of module `mi` again, with its sidebar (after a
    /// title or summary in it changed): whether it changed.
    pub fn refresh_module(
        &mut self,
        site: &Site,
        tree: &Tree,
        templates: &Templates,
        mi: usize,
    ) -> bool {
        if !self.nav.refresh_module(site, tree, mi) {
            return false;
        }
        if let Some(slot) = self.sidebars.get_mut(mi) {
            *slot = Sidebar::render(templates, &site.theme, &tree.lang, &self.nav.modules[mi]);
        }
        true
    }
}

impl<'a> TreeRender<'a> {
    /// Sets up a tree's render (its navigation already made).
    pub fn new(
        site: &'a Site,
        tree: &'a Tree,
        navigation: Navigation,
        parsed: &'a [Parsed],
        templates: &'a Templates,
    ) -> Self {
        let dates = DateFormat::new(site.config.date_locale(&tree.lang));
        let changes = super::changes::recent(site, tree, &dates);
        let Navigation { nav, sidebars } = navigation;
        TreeRender {
            site,
            tree,
            nav,
            sidebars,
            parsed,
            templates,
            callout_titles: super::callout_titles(site, &tree.lang),
            sanitizer: None,
            dates,
            changes,
            outdated_since: outdated_since(site, tree),
            qr_codes: super::qr::Codes::default(),
        }
    }

    /// When the page's file last changed (its own file: a translation's, or
    /// the source's on a fallback page).
    pub fn updated(&self, entry: &Entry) -> Option<Timestamp> {
        let doc = self.site.doc(entry.doc);
        self.site
            .history
            .last_change(&crate::history::key(&doc.path))
            .map(|c| c.time)
    }
}

/// For each outdated entry of a tree, the date of the source version its
/// `source_hash` names (found in the history; absent when it is not there).
fn outdated_since(site: &Site, tree: &Tree) -> HashMap<String, Timestamp> {
    let mut out = HashMap::new();
    let Some(blobs) = site.history.blobs() else {
        return out;
    };
    for e in Site::entries(tree).filter(|e| e.status == crate::model::Status::Outdated) {
        let Some(hash) = site.doc(e.doc).fm.source_hash.as_deref() else {
            continue;
        };
        let source = crate::history::key(&site.doc(e.source).path);
        if let Ok(o) = crate::history::versions::origin_in(&site.history, &blobs, &source, hash) {
            out.insert(e.rel.clone(), o.commit.time);
        }
    }
    out
}

/// Whether the page at `pos` shows the navigation of module `mi` beyond
/// the links every page has: its table of contents or sidebar, its title in
/// the breadcrumbs, or a previous or next link into it (see
/// [`TreeRender::render_bytes`]). The home page lists every module.
pub fn shows_module(tree: &Tree, pos: Position, mi: usize) -> bool {
    match pos {
        Position::Home => true,
        Position::About(_) => false,
        Position::Module(m) => m == mi || m == mi + 1,
        Position::Handout(m, _) => m == mi,
        Position::Page(m, p) => m == mi || (m + 1 == mi && p + 1 == tree.modules[m].pages.len()),
    }
}

/// The links around a page: breadcrumbs, previous and next.
#[derive(Debug, Default, Hash)]
struct Around {
    breadcrumbs: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
}

impl TreeRender<'_> {
    /// The body of an entry as HTML for a file written at `from` (its own
    /// page, or its printable sheet), links made relative to it.
    pub fn body_html(&self, entry: &Entry, from: &str) -> String {
        let doc = self.site.doc(entry.doc);
        let links = TreeLinks {
            tree: self.tree,
            doc_rel: &doc.rel,
            from,
            print: None,
            glossary: &self.site.glossary,
        };
        to_html(
            &self.parsed[entry.doc],
            &HtmlOptions {
                links: &links,
                id_prefix: "",
                callout_titles: &self.callout_titles,
                titles_lang: (doc.lang != self.tree.lang).then_some(self.tree.lang.as_str()),
                lang: &doc.lang,
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
                    Kind::Session => ("session.html", Kind::Session),
                    _ => ("page.html", Kind::Page),
                }
            }
            Position::Handout(..) => ("handout.html", Kind::Handout),
        }
    }

    /// Breadcrumbs, previous and next page of an entry.
    fn around(&self, pos: Position, entry: &Entry) -> Around {
        let home = || Link {
            title: self.nav.home_title.clone(),
            url: relative(&entry.output, &self.tree.home_output()),
            content_lang: self.nav.home_lang.clone(),
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
            Position::Handout(mi, hi) => {
                let pi = modules[mi].handouts[hi].page;
                Around {
                    breadcrumbs: vec![
                        home(),
                        self.nav_link(entry, mi, None),
                        self.nav_link(entry, mi, Some(pi)),
                    ],
                    prev: None,
                    next: None,
                }
            }
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
        let (to, title, content_lang) = match pi {
            Some(pi) => (
                &m.pages[pi],
                &nav.pages[pi].title,
                &nav.pages[pi].content_lang,
            ),
            None => (&m.index, &nav.title, &nav.content_lang),
        };
        Link {
            title: title.clone(),
            content_lang: content_lang.clone(),
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
        let doc = self.site.doc(entry.doc);
        let content = self.body_html(entry, &entry.output);
        let toc = self.parsed[entry.doc].headings.clone();
        let (template, kind) = self.template_for(pos, entry);
        let mut page = page_data(self.site, entry, kind, content, toc);
        page.updated = self.updated(entry).map(|t| self.dates.text(t));
        page.outdated_since = self
            .outdated_since
            .get(&entry.rel)
            .map(|t| self.dates.text(*t));
        self.kit_data(pos, entry, &mut page);
        let mut ctx = base_context(self.site, self.tree, entry.into(), page);
        ctx.about = about_for(&self.nav, &entry.output);
        let around = self.around(pos, entry);
        ctx.breadcrumbs = around.breadcrumbs;
        ctx.prev = around.prev;
        ctx.next = around.next;
        match pos {
            Position::Home => ctx.modules = &self.nav.modules,
            Position::About(_) => {}
            Position::Module(mi) | Position::Page(mi, _) | Position::Handout(mi, _) => {
                ctx.module = Some(&self.nav.modules[mi] as &ModuleNav)
            }
        }
        if let Some(m) = ctx.module {
            let module_dir = format!("{}/{}/", self.tree.lang, m.slug);
            ctx.module_base = relative(&entry.output, &module_dir);
        }
        if let (Position::Page(mi, _), "") = (pos, ctx.module_base.as_str()) {
            if let Some(Some(sidebar)) = self.sidebars.get(mi) {
                ctx.sidebar = Some(SidebarHtml {
                    html: sidebar.for_page(&ctx.page.file),
                });
                ctx.module = Some(&sidebar.module);
            }
        }
        let mut ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(crate::diagnostics::Code::Template, e.to_string()))?;
        if let Position::Home = pos {
            ctx.insert("whats_new", &self.whats_new_links());
        }
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
        let doc = self.site.doc(entry.doc);
        (&doc.lang, &doc.rel, doc.text_hash).hash(&mut h);
        self.template_for(pos, entry).0.hash(&mut h);
        match pos {
            Position::Home | Position::About(_) => self.nav.hashes.hash(&mut h),
            Position::Module(mi) | Position::Page(mi, _) | Position::Handout(mi, _) => {
                self.nav.hashes[mi].hash(&mut h)
            }
        }
        // Cards list their handouts; session plans show the cards they use.
        if let Position::Page(mi, _) | Position::Handout(mi, _) = pos {
            let m = &self.tree.modules[mi];
            for x in &m.handouts {
                (&x.entry.output, x.entry.status as u8, x.entry.doc).hash(&mut h);
                // A card lists its handouts by title.
                self.site.doc(x.entry.doc).fm.title.hash(&mut h);
            }
        }
        if self.site.doc(entry.doc).fm.kind == Some(Kind::Session) {
            // Any card of any module may be on the agenda.
            for e in Site::entries(self.tree) {
                (e.doc, self.site.doc(e.doc).text_hash).hash(&mut h);
            }
        }
        self.around(pos, entry).hash(&mut h);
        self.site.glossary.hash(&mut h);
        (&self.site.config.edit_url, &self.nav.about).hash(&mut h);
        // Dates: the page's own, and the outdated notice's.
        self.updated(entry).hash(&mut h);
        self.outdated_since.get(&entry.rel).hash(&mut h);
        if let Position::Home = pos {
            self.changes.hash(&mut h);
        }
        // The outdated notice links to the source page.
        self.site
            .tree(&self.site.source_lang)
            .and_then(|t| t.outputs.get(&entry.rel))
            .hash(&mut h);
        h.finish()
    }

    /// Adds what the trainer's kit shows on a page: a card's handouts, a
    /// handout's card and sheet, a session plan.
    fn kit_data(&self, pos: Position, entry: &Entry, page: &mut super::context::PageData) {
        let (site, tree) = (self.site, self.tree);
        match pos {
            Position::Page(..) => {
                page.handouts = super::session::handouts_of(site, tree, entry, &entry.output);
                if site.doc(entry.doc).fm.kind == Some(Kind::Session) {
                    page.session = Some(super::session::plan(site, tree, entry, &entry.output));
                    if let Some(sheet) = session_sheet(entry) {
                        page.sheet_url = Some(relative(&entry.output, &sheet));
                        page.pdf_url = site
                            .config
                            .downloads
                            .then(|| relative(&entry.output, &session_pdf(tree, entry)));
                    }
                }
            }
            Position::Handout(mi, hi) => {
                let h = &tree.modules[mi].handouts[hi];
                page.card = Some(self.nav_link(entry, mi, Some(h.page)));
                page.sheet_url = Some(relative(&entry.output, &h.sheet));
                page.pdf_url = site.config.downloads.then(|| {
                    relative(
                        &entry.output,
                        &format!("pdf/{}/handouts/{}/{}.pdf", tree.lang, h.card, h.name),
                    )
                });
            }
            _ => {}
        }
    }

    /// A hash of the links of an entry's body as they are written for its
    /// page (they change when pages they point to move, appear or go).
    pub fn links_hash(&self, entry: &Entry) -> u64 {
        let mut h = DefaultHasher::new();
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

/// The printable run sheet of a session page: `nl/<module>/print/<page>.html`.
pub fn session_sheet(entry: &Entry) -> Option<String> {
    let (dir, file) = entry.output.rsplit_once('/')?;
    Some(format!("{dir}/print/{file}"))
}

/// Where `equil pdf` writes a session page's run sheet, below the output
/// root as published: `pdf/nl/<module>/<page>.pdf`.
pub fn session_pdf(tree: &Tree, entry: &Entry) -> String {
    let rest = entry
        .output
        .strip_prefix(&format!("{}/", tree.lang))
        .unwrap_or(&entry.output);
    format!("pdf/{}/{}", tree.lang, rest.trim_end_matches(".html")) + ".pdf"
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
