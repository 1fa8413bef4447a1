//! The fast path of a rebuild: a change to the body of pages already in
//! the site, their front matter untouched (the commonest edit while
//! writing), or changed only in its title or summary. Only the changed
//! files are read; the model is patched in place (each document's body,
//! title, summary, version hash and parsed Markdown); the changed pages are
//! checked, with the pages whose links lead to them (the [`LinkIndex`]);
//! and only the outputs that show the changed documents are rendered, with
//! each language's navigation kept from the last rebuild (a title edit
//! makes its module's again: see [`retitle`](super::retitle)).
//!
//! Whatever it cannot prove safe goes to the full rebuild: a change that is
//! not an edit of a published page's body, title or summary (a new,
//! removed or renamed file, a folder, any other front matter key, a file
//! that does not parse), an edit that changes a translation's state
//! (`Current` ↔ `Outdated`), and any error (the full rebuild reports it
//! exactly as `equil build` would). `tests/testsuite/serve/incremental.rs`
//! compares the result with a full build after each kind of change.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::change::{ChangeKind, Changes};
use super::plan::{self, Good, Later, PendingPrint};
use crate::check;
use crate::diagnostics::Diagnostic;
use crate::load::content::{self, Doc};
use crate::model::{DocId, Site, Status};
use crate::render::markdown::{self, Parsed};
use crate::render::pages;
use crate::render::{sheet, Output, Renderer};

/// Most files one fast rebuild takes (more go to the full rebuild).
const MAX_FILES: usize = 8;

/// Which pages link to which, kept between rebuilds: when a page's body
/// changes (its anchors may be gone), the pages linking to it are checked
/// again, and no others.
#[derive(Default)]
pub struct LinkIndex {
    /// The identities each document's links name, by [`DocId`].
    targets: Vec<Vec<String>>,
    /// The documents whose links name each identity.
    linked_from: HashMap<String, BTreeSet<DocId>>,
}

impl LinkIndex {
    /// The index of a modelled site.
    pub fn new(site: &Site, parsed: &[Parsed]) -> LinkIndex {
        let targets: Vec<Vec<String>> = site
            .docs
            .par_iter()
            .zip(parsed)
            .map(|(d, p)| check::links::targets(&d.rel, p))
            .collect();
        let mut linked_from: HashMap<String, BTreeSet<DocId>> = HashMap::new();
        for (id, t) in targets.iter().enumerate() {
            for rel in t {
                linked_from.entry(rel.clone()).or_default().insert(id);
            }
        }
        LinkIndex {
            targets,
            linked_from,
        }
    }

    /// Records what document `id` links to now.
    fn set(&mut self, id: DocId, targets: Vec<String>) {
        for rel in self.targets.get(id).into_iter().flatten() {
            if let Some(set) = self.linked_from.get_mut(rel) {
                set.remove(&id);
            }
        }
        for rel in &targets {
            self.linked_from.entry(rel.clone()).or_default().insert(id);
        }
        if let Some(slot) = self.targets.get_mut(id) {
            *slot = targets;
        }
    }

    /// The documents whose links name identity `rel`.
    fn linking_to(&self, rel: &str) -> impl Iterator<Item = DocId> + '_ {
        self.linked_from.get(rel).into_iter().flatten().copied()
    }
}

/// A page whose body, title or summary changed: its document in the site,
/// and the file as read now.
pub struct BodyEdit {
    pub id: DocId,
    pub new: Doc,
    /// Whether its front matter changed (in its title or summary only).
    pub titles: bool,
}

/// The changed files, read again, when every change is an edit of a
/// published page's body, title or summary (file still there and valid).
/// `None` sends the change to the full rebuild.
pub fn body_edits(site: &Site, root: &Path, changes: &Changes) -> Option<Vec<BodyEdit>> {
    let only_pages = changes.kinds.iter().all(|k| *k == ChangeKind::Page);
    if changes.rescan || !only_pages || changes.paths.is_empty() || changes.paths.len() > MAX_FILES
    {
        return None;
    }
    let mut out = Vec::new();
    for p in &changes.paths {
        let id = site.docs.iter().position(|d| d.path == *p)?;
        let old = site.doc(id);
        let abs = root.join(p);
        if !abs.is_file() {
            return None;
        }
        let new =
            content::parse_file(old.lang.clone(), old.rel.clone(), old.path.clone(), &abs).ok()?;
        let titles = new.fm_hash != old.fm_hash;
        if titles && !super::retitle::only_titles(site, id, &new) {
            return None;
        }
        if !states_hold(site, id, &new.hash) {
            return None;
        }
        if new.text_hash != old.text_hash {
            out.push(BodyEdit { id, new, titles });
        }
    }
    Some(out)
}

/// Whether every translation of document `id` keeps its state when the
/// source's version hash becomes `new_hash` (see `model::build`).
fn states_hold(site: &Site, id: DocId, new_hash: &str) -> bool {
    site.trees.iter().all(|t| {
        Site::entries(t)
            .filter(|e| e.source == id && e.doc != id)
            .all(|e| match e.status {
                Status::Current | Status::Outdated => {
                    let current = site.doc(e.doc).fm.source_hash.as_deref() == Some(new_hash);
                    (e.status == Status::Current) == current
                }
                _ => true,
            })
    })
}

/// Puts the new bodies, titles and summaries into the site (the rest of
/// the front matter is the same, so the model's structure is too) and
/// parses them.
pub fn patch(site: &mut Site, parsed: &mut [Parsed], edits: Vec<BodyEdit>) -> Vec<DocId> {
    let mut ids = Vec::new();
    for BodyEdit { id, new, .. } in edits {
        let d = &mut site.docs[id];
        d.body = new.body;
        d.body_line = new.body_line;
        d.hash = new.hash;
        d.text_hash = new.text_hash;
        d.fm_hash = new.fm_hash;
        d.fm.title = new.fm.title;
        d.fm.summary = new.fm.summary;
        parsed[id] = markdown::parse(d.body.clone(), d.body_line);
        ids.push(id);
    }
    ids
}

/// Checks the changed documents and the pages linking to them (updating
/// the index). `None` when anything is an error: the full rebuild reports it.
pub fn check(
    site: &Site,
    parsed: &[Parsed],
    index: &mut LinkIndex,
    ids: &[DocId],
) -> Option<Vec<Diagnostic>> {
    let input = check::Input { site, parsed };
    let mut diags = Vec::new();
    let mut others = BTreeSet::new();
    for &id in ids {
        check::page(input, id, &mut diags);
        let rel = &site.doc(id).rel;
        others.extend(index.linking_to(rel).filter(|j| !ids.contains(j)));
        index.set(id, check::links::targets(rel, &parsed[id]));
    }
    let links = check::links::Links { site, parsed };
    for tree in &site.trees {
        let shown: BTreeSet<DocId> = Site::entries(tree)
            .map(|e| e.doc)
            .filter(|d| others.contains(d))
            .collect();
        for j in shown {
            check::links::page(links, tree, j, &mut diags);
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(diags)
}

/// The outputs that show the changed documents: their pages in every
/// language they are shown in, the session plans of those languages (an
/// agenda shows its cards), and their printable sheets.
pub fn outputs<'a>(r: &Renderer<'a>, ids: &[DocId]) -> Vec<Output<'a>> {
    let site = r.site;
    let ids: HashSet<DocId> = ids.iter().copied().collect();
    let sheets = r.templates.has("sheet.html");
    let mut v = Vec::new();
    for (t, tree) in site.trees.iter().enumerate() {
        let shows = |e: &crate::model::Entry| ids.contains(&e.doc);
        if !Site::entries(tree).any(shows) {
            continue;
        }
        let session = |e: &crate::model::Entry| {
            site.doc(e.doc).fm.kind == Some(crate::load::frontmatter::Kind::Session)
        };
        for (pos, entry) in tree.walk() {
            if shows(entry) || session(entry) {
                v.push(Output::Page {
                    tree: t,
                    pos,
                    entry,
                });
            }
        }
        if sheets {
            v.extend(
                sheet::sheets(site, tree)
                    .into_iter()
                    .map(|(module, which)| Output::Sheet {
                        tree: t,
                        module,
                        which,
                    }),
            );
        }
    }
    v
}

/// Records the inputs of the pages rendered again (as the full rebuild's
/// plan would find them).
pub fn record_sigs(r: &Renderer<'_>, rendered: &[Output<'_>], good: &mut Good) {
    for out in rendered {
        if let Output::Page { tree, pos, entry } = *out {
            let tr = pages::translations_hash(r.site, &entry.rel);
            let t = &r.trees[tree];
            let sig = (t.inputs_hash(pos, entry, tr), t.links_hash(entry));
            good.page_sigs.insert(entry.output.clone(), sig);
        }
    }
}

/// The search indexes (of the languages showing a changed document) and
/// print documents whose inputs changed, for after the reload; every print
/// document's cover shows the content version, which changed.
pub fn later(r: &Renderer<'_>, ids: &[DocId], good: &Good) -> Vec<PendingPrint> {
    let site = r.site;
    let mut out = Vec::new();
    let mut push = |tree: usize, what: Later, sig: u64| {
        let o = match what {
            Later::Search => Output::Search { tree },
            Later::Print(module) => Output::Print { tree, module },
        };
        let path = r.path_of(&o);
        if good.print_sigs.get(&path) != Some(&sig) || !good.files.contains_key(&path) {
            out.push(PendingPrint {
                tree,
                what,
                path,
                sig,
            });
        }
    };
    for (t, tree) in site.trees.iter().enumerate() {
        if Site::entries(tree).any(|e| ids.contains(&e.doc)) {
            push(t, Later::Search, plan::search_sig(r, t));
        }
    }
    if r.templates.has("print.html") {
        for (t, tree) in site.trees.iter().enumerate() {
            let modules = (0..tree.modules.len()).map(Some);
            for module in std::iter::once(None).chain(modules) {
                let sig = plan::print_sig(r, &good.page_sigs, t, module);
                push(t, Later::Print(module), sig);
            }
        }
    }
    out
}
