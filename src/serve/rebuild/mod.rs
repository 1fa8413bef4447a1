//! Incremental rebuilds with the build's own pipeline (load → model →
//! render). The site's sources — settings, strings and theme
//! ([`sources`](super::sources)), every page with its parsed Markdown
//! ([`cache`](super::cache)) — stay in memory. A change reloads only the
//! sources it touched, models the site again (cheap), and renders only the
//! outputs whose inputs changed ([`plan`]). Rendered files are
//! compared with the served ones, so that only what really changed is
//! replaced and reloaded. The search indexes, which gather every page of a
//! language, follow in a second step, [`Live::render_prints`], which gives
//! way to the next change. Print documents, the longest to render and the
//! least often opened while editing, are made only when a browser asks for
//! one ([`Live::render_print`]); the served files hold a new version mark
//! in their place when their inputs change, so that browsers showing them
//! reload.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::cache::PageCache;
use super::change::Changes;
use super::fast::{self, LinkIndex};
use super::plan::{self, Dirty, Good, PendingPrint};
use super::retitle;
use super::sources::Kept;
use super::store::{Dictionaries, StoreSink};
use super::Files;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::content;
use crate::model::{ModelOptions, Site};
use crate::pipeline::{self, SiteOptions};
use crate::render::markdown::Parsed;
use crate::render::pages::Navigation;
use crate::render::templates::Templates;
use crate::render::{self, Output, Renderer};

pub use super::outcome::{Failure, Laps, PrintReport, Report};

mod later;

/// The last site modelled, and its parsed pages (lent by the cache).
struct Current {
    site: Site,
    parsed: Vec<Parsed>,
}

/// A site kept in memory and rebuilt change by change.
pub struct Live {
    opts: SiteOptions,
    kept: Kept,
    templates: Option<Templates>,
    pages: PageCache,
    current: Option<Current>,
    good: Good,
    /// What must be rendered again at the next successful rebuild.
    dirty: Dirty,
    pending_prints: Vec<PendingPrint>,
    /// Each tree's navigation, as computed for `current` (taken while a
    /// renderer uses it).
    navs: Option<Vec<Navigation>>,
    /// Which pages link to which, for `current` (built when first needed).
    links: Option<LinkIndex>,
    /// Whether `current` is the site served (the last rebuild succeeded),
    /// which the fast path needs.
    settled: bool,
    /// Whether body edits may take the fast path (on unless turned off).
    fast_path: bool,
    /// The findings of loading and modelling `current` that name a file.
    notes: Vec<Diagnostic>,
    /// Documents the fast path changed since the print step was planned:
    /// [`Live::render_prints`] plans it again first (after the reload).
    replan: Vec<crate::model::DocId>,
    /// Each folder's dictionary for the store (see [`super::store`]).
    dictionaries: Arc<Dictionaries>,
    /// The last version mark given to a print document made on request.
    print_version: u64,
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

impl Live {
    /// A site not built yet: the first [`Live::rebuild`] (with
    /// [`Changes::everything`]) loads it all.
    pub fn new(opts: SiteOptions) -> Live {
        Live {
            opts,
            kept: Kept::default(),
            templates: None,
            pages: PageCache::default(),
            current: None,
            good: Good::default(),
            dirty: Dirty::default(),
            pending_prints: Vec::new(),
            navs: None,
            links: None,
            settled: false,
            fast_path: true,
            notes: Vec::new(),
            replan: Vec::new(),
            dictionaries: Arc::default(),
            print_version: 0,
        }
    }

    /// Turns the fast path for body edits on or off (off: every change is
    /// a full rebuild, for comparison).
    pub fn fast_path(&mut self, on: bool) {
        self.fast_path = on;
    }

    /// The files served now (the last good site).
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.good.files)
    }

    /// The theme named in site.yaml (to tell which theme folder matters).
    pub fn theme_name(&self) -> &str {
        self.kept.theme_name()
    }

    /// Whether print documents wait for [`Live::render_prints`].
    pub fn prints_pending(&self) -> bool {
        !self.pending_prints.is_empty() || !self.replan.is_empty()
    }

    /// Rebuilds after `changes`. On failure the served files stay as they were.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Report, Failure> {
        let start = Instant::now();
        if let Some(report) = self.fast(changes, start) {
            return Ok(report);
        }
        self.settled = false;
        self.navs = None;
        self.links = None;
        let mut laps = Laps::new(start);
        let mut diags = Vec::new();
        let reread = self.load(changes, &mut diags).map_err(|d| fail(d, start))?;
        laps.lap("load");
        self.check(&mut diags).map_err(|d| fail(d, start))?;
        laps.lap("check");
        let mut report = self.render_changes(changes, diags, &mut laps)?;
        report.pages_reread = reread.pages;
        report.pages_changed = reread.changed;
        report.elapsed = start.elapsed();
        report.laps = laps;
        self.dirty = Dirty::default();
        self.settled = true;
        Ok(report)
    }

    /// The fast path (see [`fast`]): `None` when the change needs the full
    /// rebuild (nothing served has changed then).
    fn fast(&mut self, changes: &Changes, start: Instant) -> Option<Report> {
        let dirty = &self.dirty;
        if !self.fast_path
            || !self.settled
            || dirty.all
            || dirty.templates
            || !dirty.langs.is_empty()
        {
            return None;
        }
        let mut laps = Laps::new(start);
        let cur = self.current.as_mut()?;
        let templates = self.templates.as_ref()?;
        let edits = fast::body_edits(&cur.site, &self.opts.root, changes)?;
        let reread = changes.paths.len();
        let changed_docs = edits.len();
        let titled: Vec<_> = edits.iter().filter(|e| e.titles).map(|e| e.id).collect();
        let ids = fast::patch(&mut cur.site, &mut cur.parsed, edits);
        laps.lap("load");
        let index = self
            .links
            .get_or_insert_with(|| LinkIndex::new(&cur.site, &cur.parsed));
        let Some(diags) = fast::check(&cur.site, &cur.parsed, index, &ids) else {
            self.settled = false;
            return None;
        };
        laps.lap("check");
        let mut navs = self.navs.take()?;
        let reach = retitle::refresh(&cur.site, templates, &mut navs, &titled);
        laps.lap("navigation");
        let renderer = Renderer::with_navs(&cur.site, &cur.parsed, templates, navs);
        let mut todo = fast::outputs(&renderer, &ids);
        if !titled.is_empty() {
            retitle::outputs(&renderer, &reach, &self.good, &mut todo);
        }
        laps.lap("plan");
        let sink = StoreSink::new(&self.dictionaries);
        let mut render_diags = Vec::new();
        if renderer.render(&todo, &sink, &mut render_diags).is_none() {
            self.settled = false;
            return None;
        }
        laps.lap("render");
        let rendered = sink.into_files();
        let (files, changed) = plan::put(&self.good.files, rendered);
        self.good.files = Arc::new(files);
        fast::record_sigs(&renderer, &todo, &mut self.good);
        self.replan.extend(ids);
        let pages_rendered = todo
            .iter()
            .filter(|o| matches!(o, Output::Page { .. }))
            .count();
        drop(todo);
        self.navs = Some(renderer.into_navs());
        laps.lap("replace");
        let mut all = diags;
        all.extend(render_diags);
        all.extend(self.notes_on(changes));
        Some(Report {
            pages_rendered,
            pages_total: self.good.page_sigs.len(),
            pages_reread: reread,
            pages_changed: changed_docs,
            changed,
            removed: Vec::new(),
            prints_pending: match self.replan.is_empty() {
                true => self.pending_prints.len(),
                false => self.pending_prints.len().max(1),
            },
            diagnostics: all,
            elapsed: start.elapsed(),
            laps,
            fast: true,
        })
    }

    /// The findings of the last load that name a file `changes` names (a
    /// body edit does not load the site again, so they are repeated).
    fn notes_on(&self, changes: &Changes) -> Vec<Diagnostic> {
        let paths: HashSet<&PathBuf> = changes.paths.iter().collect();
        self.notes
            .iter()
            .filter(|d| d.path.as_ref().is_some_and(|p| paths.contains(p)))
            .cloned()
            .collect()
    }

    /// Reloads what `changes` touched and models the site again (into
    /// `self.current`). Errors so far are returned.
    fn load(
        &mut self,
        changes: &Changes,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<super::cache::Reread, Vec<Diagnostic>> {
        self.pending_prints.clear();
        self.replan.clear();
        if let Some(cur) = self.current.take() {
            self.pages.give_back(cur.site.docs, cur.parsed);
        }
        if changes.rescan {
            self.pages.clear();
        }
        let config = self
            .kept
            .reload_settings(&self.opts, changes, &mut self.dirty)?;
        let scan = content::scan(&self.opts.root, diags);
        self.kept.reload_languages(
            &self.opts,
            &config,
            &scan.languages,
            changes,
            &mut self.dirty,
            diags,
        );
        if self.dirty.templates {
            self.templates = None;
            self.dirty.templates = false;
        }
        let model_opts = ModelOptions {
            drafts: self.opts.drafts,
            list_drafts: false,
        };
        let (content, reread) =
            self.pages
                .load(scan, &changes.paths, &self.kept.langs, &model_opts, diags);
        diags.extend(self.kept.findings().cloned());
        let site = pipeline::model(&self.opts, self.kept.sources(config, content), diags);
        let parsed = self.pages.parsed_for(&site.docs);
        self.current = Some(Current { site, parsed });
        // What loading and modelling said about each page (drafts, handouts
        // out of place): the fast path repeats it for the pages it takes.
        self.notes = diags.iter().filter(|d| d.path.is_some()).cloned().collect();
        if has_errors(diags) {
            return Err(std::mem::take(diags));
        }
        Ok(reread)
    }

    /// Validates the current site and compiles the templates if needed.
    fn check(&mut self, diags: &mut Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
        let Some(cur) = self.current.as_ref() else {
            return Err(std::mem::take(diags));
        };
        crate::check::site(
            crate::check::Input {
                site: &cur.site,
                parsed: &cur.parsed,
            },
            diags,
        );
        if self.templates.is_none() && !has_errors(diags) {
            match render::load_templates(&cur.site) {
                Ok(t) => self.templates = Some(t),
                Err(e) => diags.extend(e),
            }
        }
        if has_errors(diags) {
            return Err(std::mem::take(diags));
        }
        Ok(())
    }

    /// Renders what changed and puts it in the served files.
    fn render_changes(
        &mut self,
        changes: &Changes,
        mut diags: Vec<Diagnostic>,
        laps: &mut Laps,
    ) -> Result<Report, Failure> {
        let start = Instant::now();
        let (Some(cur), Some(templates)) = (self.current.as_ref(), self.templates.as_ref()) else {
            return Err(fail(diags, start));
        };
        let renderer = Renderer::new(&cur.site, &cur.parsed, templates);
        laps.lap("navigation");
        let changed_sources: HashSet<PathBuf> = changes
            .paths
            .iter()
            .map(|p| self.opts.root.join(p))
            .collect();
        let plan = plan::plan(&renderer, &self.good, &self.dirty, &changed_sources);
        laps.lap("plan");
        let sink = StoreSink::new(&self.dictionaries);
        if renderer.render(&plan.todo, &sink, &mut diags).is_none() {
            return Err(fail(diags, start));
        }
        let rendered = sink.into_files();
        laps.lap("render");
        let (files, changed, removed) = plan::replace(&self.good.files, rendered, &plan.paths);
        let pages_rendered = plan
            .todo
            .iter()
            .filter(|o| matches!(o, Output::Page { .. }))
            .count();
        let good = &mut self.good;
        good.files = Arc::new(files);
        good.page_sigs = plan.page_sigs;
        good.link_targets = plan.link_targets;
        good.assets = plan.assets;
        good.print_sigs.retain(|path, _| plan.paths.contains(path));
        self.pending_prints = plan.prints;
        drop(plan.todo);
        self.navs = Some(renderer.into_navs());
        laps.lap("replace");
        Ok(Report {
            pages_rendered,
            pages_total: good.page_sigs.len(),
            pages_reread: 0,
            pages_changed: 0,
            changed,
            removed,
            prints_pending: self.pending_prints.len(),
            diagnostics: diags,
            elapsed: Duration::ZERO,
            laps: Laps::new(start),
            fast: false,
        })
    }
}
