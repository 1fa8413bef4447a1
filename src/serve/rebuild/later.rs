//! The steps after a rebuild: the search indexes, made after a pause in the
//! editing ([`Live::render_prints`]), and the print documents, made when a
//! browser asks for one ([`Live::render_print`]).

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use super::{fail, Current, Failure, Live, PrintReport};
use crate::render::pages::Navigation;
use crate::render::templates::Templates;
use crate::render::{Output, Renderer};
use crate::serve::fast::{self, LinkIndex};
use crate::serve::plan::{self, PendingPrint};
use crate::serve::store::{StoreSink, Stored};
use crate::serve::Files;

impl Live {
    /// Renders the print documents the last rebuild left, a few at a time,
    /// stopping early when `cancel` is set (a new change came in; the rest
    /// is done after it).
    pub fn render_prints(&mut self, cancel: &AtomicBool) -> Result<PrintReport, Failure> {
        let start = Instant::now();
        let (Some(cur), Some(templates)) = (self.current.as_ref(), self.templates.as_ref()) else {
            self.pending_prints.clear();
            self.replan.clear();
            return Ok(PrintReport {
                rendered: 0,
                changed: Vec::new(),
                left: 0,
                elapsed: start.elapsed(),
            });
        };
        let renderer = renderer(cur, templates, self.navs.take());
        if !self.replan.is_empty() {
            let ids = std::mem::take(&mut self.replan);
            let later = fast::later(&renderer, &ids, &self.good);
            let done: HashSet<&str> = later.iter().map(|p| p.path.as_str()).collect();
            self.pending_prints.retain(|p| {
                !done.contains(p.path.as_str()) && !matches!(p.what, plan::Later::Print(_))
            });
            self.pending_prints.extend(later);
        }
        let mut files: Files = (*self.good.files).clone();
        let mut changed = Vec::new();
        let mut rendered = 0;
        // Print documents are made when asked for: a new version mark in
        // their place makes the browsers showing them reload.
        let (prints, searches): (Vec<PendingPrint>, Vec<PendingPrint>) =
            std::mem::take(&mut self.pending_prints)
                .into_iter()
                .partition(|p| matches!(p.what, plan::Later::Print(_)));
        self.pending_prints = searches;
        for p in prints {
            self.print_version += 1;
            let mark = Stored::on_request(self.print_version);
            files.insert(p.path.clone(), Arc::new(mark));
            changed.push(p.path.clone());
            self.good.print_sigs.insert(p.path, p.sig);
        }
        let batch = rayon::current_num_threads().max(1);
        while !self.pending_prints.is_empty() && !cancel.load(Ordering::SeqCst) {
            let n = batch.min(self.pending_prints.len());
            let chunk: Vec<PendingPrint> = self.pending_prints.drain(..n).collect();
            let outputs: Vec<Output<'_>> = chunk.iter().map(PendingPrint::output).collect();
            let sink = StoreSink::new(&self.dictionaries);
            let mut diags = Vec::new();
            if renderer.render(&outputs, &sink, &mut diags).is_none() {
                self.pending_prints.clear();
                self.settled = false;
                return Err(fail(diags, start));
            }
            for (path, stored) in sink.into_files() {
                if files.get(&path).map(|b| !b.same(&stored)).unwrap_or(true) {
                    files.insert(path.clone(), Arc::new(stored));
                    changed.push(path);
                }
            }
            for p in chunk {
                self.good.print_sigs.insert(p.path, p.sig);
            }
            rendered += n;
        }
        self.good.files = Arc::new(files);
        self.navs = Some(renderer.into_navs());
        if self.settled && self.links.is_none() {
            // For the next body edit, while nothing waits.
            self.links = Some(LinkIndex::new(&cur.site, &cur.parsed));
        }
        Ok(PrintReport {
            rendered,
            changed,
            left: self.pending_prints.len(),
            elapsed: start.elapsed(),
        })
    }

    /// Makes the print document served at `path` (a module's or the
    /// handbook's `print.html`) from the site served now: its bytes, or
    /// why it cannot be made.
    pub fn render_print(&mut self, path: &str) -> Result<Vec<u8>, String> {
        let (true, Some(cur), Some(templates)) =
            (self.settled, self.current.as_ref(), self.templates.as_ref())
        else {
            return Err(
                "The site has errors (see the message on this page), so its print \
                pages cannot be made. Fix them; this page reloads by itself."
                    .to_string(),
            );
        };
        let renderer = renderer(cur, templates, self.navs.take());
        let output = print_outputs(&renderer).find(|o| renderer.path_of(o) == path);
        let sink = crate::write::MemorySink::default();
        let mut diags = Vec::new();
        let made = match output {
            Some(o) => renderer.render(&[o], &sink, &mut diags).is_some(),
            None => false,
        };
        self.navs = Some(renderer.into_navs());
        let mut files = sink.files.into_inner().unwrap_or_default();
        match (made, files.remove(path)) {
            (true, Some(bytes)) => Ok(bytes),
            (false, _) if output.is_some() => Err(cannot_make(&diags, &self.opts.root)),
            _ => Err(format!("The site has no print page {path} now.")),
        }
    }
}

/// A renderer of the site served, with the navigation the last rebuild
/// kept, if any (it is handed back with [`Renderer::into_navs`]).
fn renderer<'a>(
    cur: &'a Current,
    templates: &'a Templates,
    navs: Option<Vec<Navigation>>,
) -> Renderer<'a> {
    match navs {
        Some(navs) => Renderer::with_navs(&cur.site, &cur.parsed, templates, navs),
        None => Renderer::new(&cur.site, &cur.parsed, templates),
    }
}

/// Why a print document could not be made: its errors as the terminal
/// shows them, with paths relative to the site's folder.
fn cannot_make(diags: &[crate::diagnostics::Diagnostic], root: &std::path::Path) -> String {
    let mut why = String::from("This print page could not be made. Fix this; then reload:");
    for d in diags.iter().filter(|d| d.is_error()) {
        let mut d = d.clone();
        if let Some(rel) = d.path.as_ref().and_then(|p| p.strip_prefix(root).ok()) {
            d.path = Some(rel.to_path_buf());
        }
        why.push_str(&format!("\n\n{d}"));
    }
    why
}

/// Every print document of the site (none without a print template).
fn print_outputs<'r, 'a>(r: &'r Renderer<'a>) -> impl Iterator<Item = Output<'a>> + 'r {
    let on = r.templates.has("print.html");
    r.site
        .trees
        .iter()
        .enumerate()
        .filter(move |_| on)
        .flat_map(|(tree, t)| {
            let modules = (0..t.modules.len()).map(Some);
            std::iter::once(None)
                .chain(modules)
                .map(move |module| Output::Print { tree, module })
        })
}
