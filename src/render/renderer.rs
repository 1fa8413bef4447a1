//! The output files of a site ([`Output`]) and the [`Renderer`] that lists
//! them, names their paths and renders them (all for a build, or only what
//! a change touched in `equil serve`).

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use super::markdown::Parsed;
use super::pages::{self, Navigation, TreeRender};
use super::{
    chooser_like, content_version, glossary, print, problems, sanitize, search, sheet, sitemap,
    templates, whats_new_page, Rendered,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Entry, Position, Site};
use crate::write::Sink;

/// One file of the output, before it is rendered.
#[derive(Debug, Clone, Copy)]
pub enum Output<'a> {
    /// A page of tree `tree` (the home page, a module overview or a page).
    Page {
        tree: usize,
        pos: Position,
        entry: &'a Entry,
    },
    /// The print document of module `module` of tree `tree`, or (`None`) of
    /// the whole handbook in that language.
    Print { tree: usize, module: Option<usize> },
    /// A printable sheet (handout or session run sheet) of module `module`.
    Sheet {
        tree: usize,
        module: usize,
        which: sheet::SheetOf,
    },
    /// A language's search index.
    Search { tree: usize },
    /// A language's glossary page (when the site has a glossary).
    Glossary { tree: usize },
    /// Redirect page `index` of tree `tree` (an old path, `aliases:`).
    Redirect { tree: usize, index: usize },
    /// The root language chooser, `index.html`.
    Chooser,
    /// `404.html`.
    NotFound,
    /// `sitemap.xml` (written only when the base URL is known).
    Sitemap,
    /// A language's "What's new" page, `<lang>/whats-new.html`.
    WhatsNew { tree: usize },
    /// A language's Atom feed, `<lang>/feed.xml` (only with a base URL).
    Feed { tree: usize },
    /// A theme file, written to `static/<name>`.
    Static { name: &'a str, bytes: &'a [u8] },
    /// A content asset, copied from `source` to `path`.
    Asset { path: &'a str, source: &'a Path },
}

/// Renders chosen outputs of a site: everything for a build, or only what a
/// change touched (`equil serve`). Navigation is computed once per language.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub templates: &'a templates::Templates,
    /// One per language tree, in the order of `site.trees`.
    pub trees: Vec<TreeRender<'a>>,
    /// The content version (and date) shown on print covers, made when
    /// first needed (it hashes every page; `serve` mostly renders pages).
    edition: std::sync::OnceLock<print::Edition>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, parsed: &'a [Parsed], templates: &'a templates::Templates) -> Self {
        let navs = site
            .trees
            .par_iter()
            .map(|tree| Navigation::new(site, tree, templates))
            .collect();
        Self::with_navs(site, parsed, templates, navs)
    }

    /// [`Renderer::new`] with each tree's navigation already computed (one
    /// per tree, in order: `equil serve` keeps them while no title, order
    /// or page list changes).
    pub fn with_navs(
        site: &'a Site,
        parsed: &'a [Parsed],
        templates: &'a templates::Templates,
        navs: Vec<Navigation>,
    ) -> Self {
        let sanitizer = (!site.config.trust_html)
            .then(|| std::sync::Arc::new(sanitize::builder(&site.config.embed_hosts)));
        let trees = site
            .trees
            .par_iter()
            .zip(navs)
            .map(|(tree, nav)| {
                let mut t = TreeRender::new(site, tree, nav, parsed, templates);
                t.sanitizer = sanitizer.clone();
                t
            })
            .collect();
        Renderer {
            site,
            templates,
            trees,
            edition: std::sync::OnceLock::new(),
        }
    }

    /// The content version (and date) shown on print covers.
    pub fn edition(&self) -> &print::Edition {
        self.edition.get_or_init(|| print::Edition {
            version: content_version(self.site),
            date: print::source_date().ok().flatten(),
        })
    }

    /// Gives back each tree's navigation (see [`Renderer::with_navs`]).
    pub fn into_navs(self) -> Vec<Navigation> {
        self.trees
            .into_iter()
            .map(|t| Navigation {
                nav: t.nav,
                sidebars: t.sidebars,
            })
            .collect()
    }

    /// Every file of the site, in a stable order: the longest jobs first
    /// (search indexes, then the handbooks, module print pages and pages), so
    /// that no long job is left to run alone at the end of a parallel render.
    pub fn outputs(&self) -> Vec<Output<'a>> {
        let mut v = Vec::new();
        v.extend((0..self.site.trees.len()).map(|tree| Output::Search { tree }));
        if self.templates.has("print.html") {
            for (t, tree) in self.site.trees.iter().enumerate() {
                v.push(Output::Print {
                    tree: t,
                    module: None,
                });
                v.extend((0..tree.modules.len()).map(|m| Output::Print {
                    tree: t,
                    module: Some(m),
                }));
            }
        }
        if self.templates.has("sheet.html") {
            for (t, tree) in self.site.trees.iter().enumerate() {
                v.extend(
                    sheet::sheets(self.site, tree)
                        .into_iter()
                        .map(|(module, which)| Output::Sheet {
                            tree: t,
                            module,
                            which,
                        }),
                );
            }
        }
        for (t, tree) in self.site.trees.iter().enumerate() {
            v.extend(tree.walk().map(|(pos, entry)| Output::Page {
                tree: t,
                pos,
                entry,
            }));
        }
        if self.site.glossary.exists() {
            v.extend((0..self.site.trees.len()).map(|tree| Output::Glossary { tree }));
        }
        for (t, tree) in self.site.trees.iter().enumerate() {
            v.extend((0..tree.redirects.len()).map(|index| Output::Redirect { tree: t, index }));
        }
        v.push(Output::Chooser);
        v.push(Output::NotFound);
        if self.site.config.base_url.is_some() {
            v.push(Output::Sitemap);
        }
        if self.templates.has(whats_new_page::WHATS_NEW_TEMPLATE) {
            v.extend((0..self.site.trees.len()).map(|tree| Output::WhatsNew { tree }));
        }
        if self.site.config.base_url.is_some() {
            v.extend((0..self.site.trees.len()).map(|tree| Output::Feed { tree }));
        }
        v.extend(
            self.site
                .theme
                .statics()
                .map(|(name, file)| Output::Static {
                    name,
                    bytes: &file.bytes,
                }),
        );
        for tree in &self.site.trees {
            v.extend(
                tree.assets
                    .iter()
                    .map(|(path, source)| Output::Asset { path, source }),
            );
        }
        v
    }

    /// The [`TreeRender::inputs_hash`] of every page, by output path
    /// (computed in parallel).
    pub fn inputs_hashes(&self) -> std::collections::HashMap<String, u64> {
        let mut translations = std::collections::HashMap::new();
        for tree in &self.site.trees {
            for e in Site::entries(tree) {
                translations
                    .entry(e.rel.as_str())
                    .or_insert_with(|| pages::translations_hash(self.site, &e.rel));
            }
        }
        let jobs: Vec<(usize, Position, &Entry)> = self
            .site
            .trees
            .iter()
            .enumerate()
            .flat_map(|(t, tree)| tree.walk().map(move |(pos, e)| (t, pos, e)))
            .collect();
        jobs.par_iter()
            .map(|&(t, pos, e)| {
                let tr = translations.get(e.rel.as_str()).copied().unwrap_or(0);
                (e.output.clone(), self.trees[t].inputs_hash(pos, e, tr))
            })
            .collect()
    }

    /// The path below the output folder that `out` is written to.
    pub fn path_of(&self, out: &Output<'_>) -> String {
        match *out {
            Output::Page { entry, .. } => entry.output.clone(),
            Output::Print { tree, module } => {
                let t = &self.site.trees[tree];
                match module {
                    Some(m) => format!("{}/{}/print.html", t.lang, t.modules[m].slug),
                    None => format!("{}/print.html", t.lang),
                }
            }
            Output::Sheet {
                tree,
                module,
                which,
            } => self.trees[tree].sheet_entry(module, which).1,
            Output::Search { tree } => format!("{}/search-index.js", self.site.trees[tree].lang),
            Output::Glossary { tree } => glossary::output(&self.site.trees[tree].lang),
            Output::Redirect { tree, index } => {
                self.site.trees[tree].redirects[index].output.clone()
            }
            Output::Chooser => "index.html".to_string(),
            Output::NotFound => "404.html".to_string(),
            Output::Sitemap => "sitemap.xml".to_string(),
            Output::WhatsNew { tree } => {
                whats_new_page::whats_new_path(&self.site.trees[tree].lang)
            }
            Output::Feed { tree } => format!("{}/feed.xml", self.site.trees[tree].lang),
            Output::Static { name, .. } => format!("static/{name}"),
            Output::Asset { path, .. } => path.to_string(),
        }
    }

    /// Renders `outputs` (in parallel) into `sink`. Returns `None` when one
    /// failed; the errors are in `diags`.
    pub fn render(
        &self,
        outputs: &[Output<'_>],
        sink: &dyn Sink,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Rendered> {
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        let pages = AtomicUsize::new(0);
        let files = AtomicUsize::new(0);
        let fail = |d: Diagnostic| {
            if let Ok(mut e) = errors.lock() {
                e.push(d);
            }
        };
        outputs.par_iter().with_max_len(1).for_each(|out| {
            let (path, bytes, page) = match self.produce(out) {
                Ok(Produced::Bytes(path, bytes, page)) => (path, bytes, page),
                Ok(Produced::Copy(path, source)) => {
                    match sink.copy(path, source) {
                        Ok(()) => {
                            files.fetch_add(1, Relaxed);
                        }
                        Err(e) => fail(Diagnostic::error(
                            Code::Io,
                            format!("cannot copy {}: {e}", source.display()),
                        )),
                    }
                    return;
                }
                Ok(Produced::Nothing) => return,
                Err(d) => return fail(d),
            };
            match sink.write(&path, &bytes) {
                Ok(()) => {
                    files.fetch_add(1, Relaxed);
                    if page {
                        pages.fetch_add(1, Relaxed);
                    }
                }
                Err(e) => fail(Diagnostic::error(
                    Code::Write,
                    format!("cannot write {path}: {e}"),
                )),
            }
        });

        // Messages the templates asked for that a language lacks (beyond the static check).
        if let Ok(misses) = self.templates.misses.lock() {
            for (lang, key) in misses.iter() {
                diags.push(
                    Diagnostic::warning(
                        Code::FluentMissing,
                        format!(
                            "interface string `{key}` is missing in `{lang}`; the {} text is shown",
                            self.site.source_lang
                        ),
                    )
                    .at(format!("locales/{lang}"))
                    .help(problems::where_to_add(self.site, lang, key)),
                );
            }
        }

        let errs = errors.into_inner().unwrap_or_default();
        if !errs.is_empty() {
            diags.extend(errs);
            return None;
        }
        Some(Rendered {
            pages: pages.into_inner(),
            files: files.into_inner(),
        })
    }

    /// Renders one output.
    fn produce<'o>(&self, out: &Output<'o>) -> Result<Produced<'o>, Diagnostic> {
        Ok(match *out {
            Output::Page { tree, pos, entry } => {
                let html = self.trees[tree].render_bytes(pos, entry)?;
                Produced::Bytes(entry.output.clone(), html, true)
            }
            Output::Print { tree, module } => {
                let (path, html) = self.trees[tree].render_print_bytes(module, self.edition())?;
                Produced::Bytes(path, html, true)
            }
            Output::Sheet {
                tree,
                module,
                which,
            } => {
                let (path, html) = self.trees[tree].render_sheet(module, which)?;
                Produced::Bytes(path, html, true)
            }
            Output::Search { tree } => {
                let (path, js) = search::index_script(&self.trees[tree]);
                Produced::Bytes(path, js.into_bytes(), false)
            }
            Output::Glossary { tree } => {
                let (path, html) = self.trees[tree].render_glossary()?;
                Produced::Bytes(path, html, true)
            }
            Output::Redirect { tree, index } => {
                let (path, html) = self.trees[tree].render_redirect(index)?;
                Produced::Bytes(path, html, true)
            }
            Output::Chooser | Output::NotFound => {
                let (name, path) = match out {
                    Output::Chooser => ("chooser.html", "index.html"),
                    _ => ("404.html", "404.html"),
                };
                let html = chooser_like(self.site, self.templates, name)?;
                Produced::Bytes(path.to_string(), html.into_bytes(), true)
            }
            Output::Sitemap => match sitemap::sitemap(self.site) {
                Some(xml) => Produced::Bytes("sitemap.xml".into(), xml.into_bytes(), false),
                None => Produced::Nothing,
            },
            Output::WhatsNew { tree } => {
                let t = &self.trees[tree];
                Produced::Bytes(
                    whats_new_page::whats_new_path(&t.tree.lang),
                    t.render_whats_new()?,
                    true,
                )
            }
            Output::Feed { tree } => match self.trees[tree].feed() {
                Some(xml) => Produced::Bytes(
                    format!("{}/feed.xml", self.site.trees[tree].lang),
                    xml.into_bytes(),
                    false,
                ),
                None => Produced::Nothing,
            },
            Output::Static { name, bytes } => {
                Produced::Bytes(format!("static/{name}"), bytes.to_vec(), false)
            }
            Output::Asset { path, source } => Produced::Copy(path, source),
        })
    }
}

/// What rendering one output gave: bytes to write (and whether it is a
/// page), a file to copy, or nothing.
enum Produced<'o> {
    Bytes(String, Vec<u8>, bool),
    Copy(&'o str, &'o Path),
    Nothing,
}
