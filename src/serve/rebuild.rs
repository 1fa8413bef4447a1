//! Incremental rebuilds with the build's own pipeline. The site's sources
//! (settings, Fluent strings, theme, and every page with its parsed
//! Markdown) stay in memory; a change reloads only the sources it touched,
//! models the site again (cheap), and re-renders only the outputs whose
//! inputs changed: each page's inputs are hashed ([`TreeRender::inputs_hash`])
//! and compared with those of the page served. Rendered files are compared
//! with the served ones, so that only what really changed is replaced and
//! reloaded. Print documents (the longest to render) follow in a second step,
//! [`Live::render_prints`], which gives way to the next change.
//!
//! [`TreeRender::inputs_hash`]: crate::render::pages::TreeRender::inputs_hash

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::cache::PageCache;
use super::change::{ChangeKind, Changes};
use super::Files;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::content::{self, Content};
use crate::load::locales::Locales;
use crate::load::theme::Theme;
use crate::model::{ModelOptions, Site};
use crate::pipeline::{self, SiteOptions, Sources};
use crate::render::markdown::Parsed;
use crate::render::templates::Templates;
use crate::render::{self, Output, Renderer};
use crate::write::MemorySink;

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Report {
    /// Pages rendered again, and pages in the site.
    pub pages_rendered: usize,
    pub pages_total: usize,
    /// Markdown files read again.
    pub pages_reread: usize,
    /// Output files that are new or whose content changed.
    pub changed: Vec<String>,
    /// Output files that no longer exist.
    pub removed: Vec<String>,
    /// Print documents left for [`Live::render_prints`].
    pub prints_pending: usize,
    /// Every finding, unsorted (warnings only: a rebuild with errors fails).
    pub diagnostics: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// How long each stage took.
    pub laps: Laps,
}

/// The time each stage of a rebuild took (shown with `EQUIL_SERVE_TIMINGS=1`).
#[derive(Debug, Clone)]
pub struct Laps {
    last: Instant,
    pub stages: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn new(start: Instant) -> Laps {
        Laps {
            last: start,
            stages: Vec::new(),
        }
    }

    /// Ends the stage `name`, which ran since the previous lap.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }
}

impl std::fmt::Display for Laps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (name, d)) in self.stages.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{name} {:.1}", d.as_secs_f64() * 1000.0)?;
        }
        f.write_str(" ms")
    }
}

/// A rebuild that failed: the last good site stays served.
#[derive(Debug)]
pub struct Failure {
    /// The errors, sorted by file and position.
    pub errors: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// What the print step did.
#[derive(Debug)]
pub struct PrintReport {
    pub rendered: usize,
    pub changed: Vec<String>,
    /// Print documents still to do (the step gave way to a new change).
    pub left: usize,
    pub elapsed: Duration,
}

/// Which pages must be rendered whatever their inputs: all of them (the
/// theme or the settings changed), or those of some languages (their
/// interface strings changed).
#[derive(Debug, Default)]
struct Dirty {
    all: bool,
    langs: BTreeSet<String>,
}

impl Dirty {
    fn tree(&self, lang: &str) -> bool {
        self.all || self.langs.contains(lang)
    }
}

/// A print document to render, with the hash of its inputs.
#[derive(Debug, Clone)]
struct PendingPrint {
    tree: usize,
    module: Option<usize>,
    path: String,
    sig: u64,
}

/// The last site modelled, and its parsed pages (lent by the cache).
struct Current {
    site: Site,
    parsed: Vec<Parsed>,
}

/// What the served files were rendered from.
#[derive(Default)]
struct Good {
    files: Arc<Files>,
    /// Inputs hash and links hash of each page served.
    page_sigs: HashMap<String, (u64, u64)>,
    /// What links could point to, per language (see
    /// [`crate::render::pages::TreeRender::link_targets_hash`]).
    link_targets: HashMap<String, u64>,
    /// Inputs hash of each print document served.
    print_sigs: HashMap<String, u64>,
    /// Source file of each asset served.
    assets: HashMap<String, PathBuf>,
}

/// A site kept in memory and rebuilt change by change.
pub struct Live {
    opts: SiteOptions,
    config: Option<Config>,
    config_diags: Vec<Diagnostic>,
    locale_langs: Vec<String>,
    locale_dir_diags: Vec<Diagnostic>,
    langs: Vec<String>,
    locales: Arc<Locales>,
    locale_diags: Vec<Diagnostic>,
    theme: Theme,
    theme_diags: Vec<Diagnostic>,
    templates: Option<Templates>,
    pages: PageCache,
    current: Option<Current>,
    good: Good,
    pending_prints: Vec<PendingPrint>,
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// Findings sorted by file and position, without duplicates.
pub fn sorted(diags: impl IntoIterator<Item = Diagnostic>) -> Vec<Diagnostic> {
    let mut d = Diagnostics::new();
    d.extend(diags);
    d.sorted()
}

fn fail(diags: Vec<Diagnostic>, start: Instant) -> Failure {
    Failure {
        errors: sorted(diags.into_iter().filter(Diagnostic::is_error)),
        elapsed: start.elapsed(),
    }
}

fn hash_of(v: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

impl Live {
    /// A site not built yet: the first [`Live::rebuild`] (with
    /// [`Changes::everything`]) loads it all.
    pub fn new(opts: SiteOptions) -> Live {
        Live {
            opts,
            config: None,
            config_diags: Vec::new(),
            locale_langs: Vec::new(),
            locale_dir_diags: Vec::new(),
            langs: Vec::new(),
            locales: Arc::new(Locales {
                langs: Default::default(),
            }),
            locale_diags: Vec::new(),
            theme: Theme::default(),
            theme_diags: Vec::new(),
            templates: None,
            pages: PageCache::default(),
            current: None,
            good: Good::default(),
            pending_prints: Vec::new(),
        }
    }

    /// The files served now (the last good site).
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.good.files)
    }

    /// The theme named in site.yaml (to tell which theme folder matters).
    pub fn theme_name(&self) -> &str {
        self.config
            .as_ref()
            .map(|c| c.theme.as_str())
            .unwrap_or("default")
    }

    /// Whether print documents wait for [`Live::render_prints`].
    pub fn prints_pending(&self) -> bool {
        !self.pending_prints.is_empty()
    }

    /// Rebuilds after `changes`. On failure the served files stay as they were.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Report, Failure> {
        let start = Instant::now();
        self.pending_prints.clear();
        if let Some(cur) = self.current.take() {
            self.pages.give_back(cur.site.docs, cur.parsed);
        }
        let mut laps = Laps::new(start);
        let mut dirty = Dirty::default();
        if changes.rescan {
            self.pages.clear();
        }
        let everything = changes.has(ChangeKind::Config) || self.config.is_none();
        if everything {
            self.config_diags.clear();
            self.config = pipeline::load_config(&self.opts, &mut self.config_diags);
            dirty.all = true;
        }
        let Some(config) = self.config.clone() else {
            return Err(fail(self.config_diags.clone(), start));
        };
        if everything || changes.has(ChangeKind::Template) || changes.has(ChangeKind::Static) {
            self.reload_theme(&config, &mut dirty);
        }

        let mut diags = Vec::new();
        laps.lap("sources");
        let scan = content::scan(&self.opts.root, &mut diags);
        if everything || changes.has(ChangeKind::Locale) {
            self.locale_dir_diags.clear();
            self.locale_langs =
                pipeline::locale_languages(&self.opts.root, &mut self.locale_dir_diags);
        }
        let folders = Content {
            languages: scan.languages.clone(),
            ..Content::default()
        };
        let langs = pipeline::site_languages(&config, &folders, &self.locale_langs, &mut diags);
        if everything || changes.has(ChangeKind::Locale) || langs != self.langs {
            self.reload_locales(langs, &mut dirty);
        }

        let model_opts = ModelOptions {
            drafts: self.opts.drafts,
        };
        laps.lap("scan");
        let (content, reread) =
            self.pages
                .load(scan, &changes.paths, &self.langs, &model_opts, &mut diags);
        for d in [
            &self.config_diags,
            &self.locale_dir_diags,
            &self.locale_diags,
            &self.theme_diags,
        ] {
            diags.extend(d.iter().cloned());
        }
        let sources = Sources {
            config,
            content,
            locale_langs: self.locale_langs.clone(),
            langs: self.langs.clone(),
            locales: Arc::clone(&self.locales),
            theme: self.theme.clone(),
        };
        laps.lap("read");
        let site = pipeline::model(&self.opts, sources, &mut diags);
        let parsed = self.pages.parsed_for(&site.docs);
        let cur = self.current.insert(Current { site, parsed });
        if has_errors(&diags) {
            return Err(fail(diags, start));
        }
        laps.lap("model");
        render::validate(&cur.site, &cur.parsed, &mut diags);
        if has_errors(&diags) {
            return Err(fail(diags, start));
        }
        if self.templates.is_none() {
            match render::load_templates(&cur.site) {
                Ok(t) => self.templates = Some(t),
                Err(e) => {
                    diags.extend(e);
                    return Err(fail(diags, start));
                }
            }
        }
        let Some(templates) = self.templates.as_ref() else {
            return Err(fail(diags, start));
        };
        laps.lap("validate");
        let renderer = Renderer::new(&cur.site, &cur.parsed, templates);
        let changed_sources: HashSet<PathBuf> = changes
            .paths
            .iter()
            .map(|p| self.opts.root.join(p))
            .collect();
        laps.lap("nav");
        let plan = plan(&renderer, &self.good, &dirty, &changed_sources);
        let sink = MemorySink::default();
        laps.lap("plan");
        if renderer.render(&plan.todo, &sink, &mut diags).is_none() {
            return Err(fail(diags, start));
        }
        let rendered = sink.files.into_inner().unwrap_or_default();
        laps.lap("render");
        let (files, changed, removed) = replace(&self.good.files, rendered, &plan.paths);

        let pages_rendered = plan
            .todo
            .iter()
            .filter(|o| matches!(o, Output::Page { .. }))
            .count();
        self.good.files = Arc::new(files);
        self.good.page_sigs = plan.page_sigs;
        self.good.link_targets = plan.link_targets;
        self.good.assets = plan.assets;
        self.good
            .print_sigs
            .retain(|path, _| plan.paths.contains(path));
        self.pending_prints = plan.prints;
        Ok(Report {
            pages_rendered,
            pages_total: self.good.page_sigs.len(),
            pages_reread: reread.pages,
            changed,
            removed,
            prints_pending: self.pending_prints.len(),
            diagnostics: diags,
            elapsed: start.elapsed(),
            laps: {
                laps.lap("replace");
                laps
            },
        })
    }

    /// Renders the print documents the last rebuild left, a few at a time,
    /// stopping early when `cancel` is set (a new change came in; the rest
    /// is done after it).
    pub fn render_prints(&mut self, cancel: &AtomicBool) -> Result<PrintReport, Failure> {
        let start = Instant::now();
        let (Some(cur), Some(templates)) = (self.current.as_ref(), self.templates.as_ref()) else {
            self.pending_prints.clear();
            return Ok(PrintReport {
                rendered: 0,
                changed: Vec::new(),
                left: 0,
                elapsed: start.elapsed(),
            });
        };
        let renderer = Renderer::new(&cur.site, &cur.parsed, templates);
        let mut files: Files = (*self.good.files).clone();
        let mut changed = Vec::new();
        let mut rendered = 0;
        let batch = rayon::current_num_threads().max(1);
        while !self.pending_prints.is_empty() && !cancel.load(Ordering::SeqCst) {
            let n = batch.min(self.pending_prints.len());
            let chunk: Vec<PendingPrint> = self.pending_prints.drain(..n).collect();
            let outputs: Vec<Output<'_>> = chunk
                .iter()
                .map(|p| Output::Print {
                    tree: p.tree,
                    module: p.module,
                })
                .collect();
            let sink = MemorySink::default();
            let mut diags = Vec::new();
            if renderer.render(&outputs, &sink, &mut diags).is_none() {
                self.pending_prints.clear();
                return Err(fail(diags, start));
            }
            for (path, bytes) in sink.files.into_inner().unwrap_or_default() {
                if files.get(&path).map(|b| **b != bytes).unwrap_or(true) {
                    files.insert(path.clone(), Arc::new(bytes));
                    changed.push(path);
                }
            }
            for p in chunk {
                self.good.print_sigs.insert(p.path, p.sig);
            }
            rendered += n;
        }
        self.good.files = Arc::new(files);
        Ok(PrintReport {
            rendered,
            changed,
            left: self.pending_prints.len(),
            elapsed: start.elapsed(),
        })
    }

    fn reload_theme(&mut self, config: &Config, dirty: &mut Dirty) {
        let mut diags = Vec::new();
        let theme = pipeline::load_theme(&self.opts.root, config, &mut diags);
        let templates = |t: &Theme| {
            t.templates()
                .map(|(n, f)| (n.to_string(), f.bytes.clone()))
                .collect::<Vec<_>>()
        };
        if self.templates.is_none() || templates(&theme) != templates(&self.theme) {
            self.templates = None;
            dirty.all = true;
        }
        self.theme = theme;
        self.theme_diags = diags;
    }

    /// Loads the interface strings of `langs`, and marks the languages whose
    /// strings changed (all of them when the source language's did, as the
    /// others fall back to it).
    fn reload_locales(&mut self, langs: Vec<String>, dirty: &mut Dirty) {
        let mut diags = Vec::new();
        let locales = Locales::load(&self.opts.root, &langs, &mut diags);
        let source = self
            .config
            .as_ref()
            .map(|c| c.source_language.clone())
            .unwrap_or_default();
        if langs != self.langs {
            dirty.all = true;
        }
        for l in &langs {
            let files = |ls: &Locales| {
                ls.get(l).map(|s| {
                    let f: Vec<(&PathBuf, &String)> =
                        s.files.iter().map(|f| (&f.path, &f.text)).collect();
                    hash_of((f, &s.native_name, s.direction as u8))
                })
            };
            if files(&locales) != files(&self.locales) {
                if *l == source {
                    dirty.all = true;
                }
                dirty.langs.insert(l.clone());
            }
        }
        // Language names appear in every page's switcher.
        let names = |ls: &Locales| -> Vec<String> {
            langs
                .iter()
                .map(|l| ls.get(l).map(|s| s.native_name.clone()).unwrap_or_default())
                .collect()
        };
        if names(&locales) != names(&self.locales) {
            dirty.all = true;
        }
        self.templates = None;
        self.locales = Arc::new(locales);
        self.locale_diags = diags;
        self.langs = langs;
    }
}

/// What a rebuild renders, and what the site consists of afterwards.
struct Plan<'a> {
    todo: Vec<Output<'a>>,
    /// Every output path of the site.
    paths: HashSet<String>,
    page_sigs: HashMap<String, (u64, u64)>,
    link_targets: HashMap<String, u64>,
    prints: Vec<PendingPrint>,
    assets: HashMap<String, PathBuf>,
}

/// Chooses the outputs to render: pages whose inputs changed, print
/// documents whose pages or content version changed (for later), assets
/// whose file changed, and the small shared files (search indexes, language
/// chooser, 404 page, sitemap, theme files), which are always re-made and
/// compared.
fn plan<'a>(
    r: &Renderer<'a>,
    good: &Good,
    dirty: &Dirty,
    changed_sources: &HashSet<PathBuf>,
) -> Plan<'a> {
    let mut p = Plan {
        todo: Vec::new(),
        paths: HashSet::new(),
        page_sigs: HashMap::new(),
        link_targets: HashMap::new(),
        prints: Vec::new(),
        assets: HashMap::new(),
    };
    let outputs = r.outputs();
    let sigs = r.inputs_hashes();
    // Links are hashed again only where what they point to changed, or the page did.
    let same_targets: Vec<bool> = r
        .trees
        .iter()
        .map(|t| {
            let h = t.link_targets_hash();
            p.link_targets.insert(t.tree.lang.clone(), h);
            good.link_targets.get(&t.tree.lang) == Some(&h)
        })
        .collect();
    let mut print_outputs = Vec::new();
    for out in outputs {
        let path = r.path_of(&out);
        p.paths.insert(path.clone());
        match out {
            Output::Page { tree, entry, .. } => {
                let inputs = sigs.get(&entry.output).copied().unwrap_or(0);
                let old = good.page_sigs.get(&path).copied();
                let links = match old {
                    Some((i, l)) if i == inputs && same_targets[tree] => l,
                    _ => r.trees[tree].links_hash(entry),
                };
                let sig = (inputs, links);
                let stale = dirty.tree(&r.site.trees[tree].lang)
                    || old != Some(sig)
                    || !good.files.contains_key(&path);
                if stale {
                    p.todo.push(out);
                }
                p.page_sigs.insert(path, sig);
            }
            Output::Print { tree, module } => print_outputs.push((tree, module, path)),
            Output::Asset {
                path: out_path,
                source,
            } => {
                let stale = good.assets.get(out_path).map(PathBuf::as_path) != Some(source)
                    || !good.files.contains_key(out_path)
                    || changed_sources.contains(source);
                if stale {
                    p.todo.push(out);
                }
                p.assets.insert(path, source.to_path_buf());
            }
            _ => p.todo.push(out),
        }
    }
    for (tree, module, path) in print_outputs {
        let sig = print_sig(r, &p.page_sigs, tree, module);
        let stale = dirty.tree(&r.site.trees[tree].lang)
            || good.print_sigs.get(&path) != Some(&sig)
            || !good.files.contains_key(&path);
        if stale {
            p.prints.push(PendingPrint {
                tree,
                module,
                path,
                sig,
            });
        }
    }
    p
}

/// The inputs of a print document: the content version on its cover and
/// the inputs of every page it gathers.
fn print_sig(
    r: &Renderer<'_>,
    page_sigs: &HashMap<String, (u64, u64)>,
    tree: usize,
    module: Option<usize>,
) -> u64 {
    let t = &r.site.trees[tree];
    let mut h = DefaultHasher::new();
    r.version.hash(&mut h);
    module.hash(&mut h);
    let mut add = |e: &crate::model::Entry| page_sigs.get(&e.output).hash(&mut h);
    match module {
        Some(m) => {
            let m = &t.modules[m];
            add(&m.index);
            m.pages.iter().for_each(&mut add);
        }
        None => Site::entries(t).for_each(add),
    }
    h.finish()
}

/// The served files with `rendered` put in (where different) and files no
/// longer in the site (not in `paths`) taken out: (files, changed, removed).
fn replace(
    served: &Files,
    rendered: std::collections::BTreeMap<String, Vec<u8>>,
    paths: &HashSet<String>,
) -> (Files, Vec<String>, Vec<String>) {
    let mut files = served.clone();
    let mut changed = Vec::new();
    for (path, bytes) in rendered {
        if files.get(&path).map(|b| **b != bytes).unwrap_or(true) {
            files.insert(path.clone(), Arc::new(bytes));
            changed.push(path);
        }
    }
    let mut removed: Vec<String> = files
        .keys()
        .filter(|k| !paths.contains(*k))
        .cloned()
        .collect();
    removed.sort();
    for r in &removed {
        files.remove(r);
    }
    (files, changed, removed)
}
