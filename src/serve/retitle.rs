//! The fast path's share of title edits: a page whose front matter changed
//! only in what navigation shows (`title`, `summary`). The site's structure
//! is the same, so the model is patched as for a body edit ([`fast`]); then
//! each language that shows the page makes the navigation of the page's
//! module again (with its sidebar), and every page that can show it — the
//! module's pages, its neighbours' previous and next links, the home page,
//! the session plans; every page of the language when the home page's
//! title changed — is rendered again if its inputs changed, as the full
//! rebuild's [`plan`](super::plan) would find them. The files that show
//! titles among the few shared ones (language chooser, redirects, What's
//! new) are made again; the search index and print documents follow after
//! the reload, as for a body edit ([`fast::later`]).
//!
//! [`fast`]: super::fast
//! [`fast::later`]: super::fast::later

use std::collections::{BTreeSet, HashSet};

use rayon::prelude::*;

use super::plan::Good;
use crate::load::content::Doc;
use crate::load::frontmatter::Kind;
use crate::model::{self, DocId, Position, Site};
use crate::render::pages::{self, Navigation};
use crate::render::templates::Templates;
use crate::render::{Output, Renderer};

/// Whether `new` differs from document `id` only in the front matter keys
/// that navigation shows (`title`, `summary`): the rest of its front matter
/// is the same as the model holds it (a translation's with what it takes
/// from its source page).
pub fn only_titles(site: &Site, id: DocId, new: &Doc) -> bool {
    let old = site.doc(id);
    let mut fm = new.fm.clone();
    if old.lang != site.source_lang {
        let source = site
            .docs
            .iter()
            .find(|d| d.lang == site.source_lang && d.rel == old.rel);
        if let Some(source) = source {
            model::inherit(&mut fm, &source.fm);
        }
    }
    fm.title.clone_from(&old.fm.title);
    fm.summary.clone_from(&old.fm.summary);
    let same = match (serde_json::to_value(&fm), serde_json::to_value(&old.fm)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    same && fm.agenda_lines == old.fm.agenda_lines && fm.agenda_inherited == old.fm.agenda_inherited
}

/// What a title edit reaches in one language.
#[derive(Debug)]
pub struct Reach {
    pub tree: usize,
    /// The modules that show a retitled page (its own module's navigation,
    /// or a card's list of handouts).
    pub modules: BTreeSet<usize>,
    /// Whether the links every page shows changed (the home page's title,
    /// "About this handbook").
    pub everywhere: bool,
}

/// Makes the navigation showing documents `ids` again, in each language
/// (`navs`, one per tree, as kept from the last rebuild).
pub fn refresh(
    site: &Site,
    templates: &Templates,
    navs: &mut [Navigation],
    ids: &[DocId],
) -> Vec<Reach> {
    let mut out = Vec::new();
    if ids.is_empty() {
        return out;
    }
    for (t, (tree, nav)) in site.trees.iter().zip(navs.iter_mut()).enumerate() {
        let mut modules = BTreeSet::new();
        let mut shown = false;
        for (pos, e) in tree.walk() {
            if !ids.contains(&e.doc) {
                continue;
            }
            shown = true;
            modules.extend(pos.module());
        }
        if !shown {
            continue;
        }
        for &m in &modules {
            nav.refresh_module(site, tree, templates, m);
        }
        let everywhere = nav.nav.refresh_links(site, tree);
        out.push(Reach {
            tree: t,
            modules,
            everywhere,
        });
    }
    out
}

/// The pages a title edit can reach whose inputs changed (beyond those in
/// `todo` already), then the shared files that show titles: added to `todo`.
pub fn outputs<'a>(r: &Renderer<'a>, reach: &[Reach], good: &Good, todo: &mut Vec<Output<'a>>) {
    let site = r.site;
    let taken: HashSet<&str> = todo
        .iter()
        .filter_map(|o| match o {
            Output::Page { entry, .. } => Some(entry.output.as_str()),
            _ => None,
        })
        .collect();
    let mut candidates = Vec::new();
    for x in reach {
        let tree = &site.trees[x.tree];
        for (pos, entry) in tree.walk() {
            let session = site.doc(entry.doc).fm.kind == Some(Kind::Session);
            let reached = x.everywhere
                || session
                || matches!(pos, Position::About(_))
                || x.modules.iter().any(|&m| pages::shows_module(tree, pos, m));
            if reached && !taken.contains(entry.output.as_str()) {
                candidates.push(Output::Page {
                    tree: x.tree,
                    pos,
                    entry,
                });
            }
        }
    }
    let stale: Vec<Output<'a>> = candidates
        .into_par_iter()
        .filter(|o| match *o {
            Output::Page { tree, pos, entry } => {
                // Its body is the same (the pages of changed documents are
                // in `todo`), and what links point to too: only the inputs
                // can have changed.
                let Some(&(inputs, _)) = good.page_sigs.get(&entry.output) else {
                    return true;
                };
                let tr = pages::translations_hash(site, &entry.rel);
                r.trees[tree].inputs_hash(pos, entry, tr) != inputs
            }
            _ => false,
        })
        .collect();
    todo.extend(stale);
    todo.extend(r.outputs().into_iter().filter(|o| {
        matches!(
            o,
            Output::Chooser
                | Output::NotFound
                | Output::Redirect { .. }
                | Output::WhatsNew { .. }
                | Output::Feed { .. }
        )
    }));
}
