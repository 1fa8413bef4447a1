//! Front matter a translation takes from its source page when it leaves it
//! out: the keys that need no translating (`order`, `kind`, `duration`,
//! `group_size`) and a session plan's `start` and agenda.

use std::collections::HashMap;

use crate::load::content::Doc;
use crate::load::frontmatter::FrontMatter;

/// Fills in each translation's missing keys from its source page.
pub(super) fn from_source(docs: &mut [Doc], source_lang: &str) {
    let sources: HashMap<String, FrontMatter> = docs
        .iter()
        .filter(|d| d.lang == source_lang)
        .map(|d| (d.rel.clone(), d.fm.clone()))
        .collect();
    for d in docs.iter_mut().filter(|d| d.lang != source_lang) {
        if let Some(source) = sources.get(&d.rel) {
            inherit(&mut d.fm, source);
        }
    }
}

/// Gives a translation's front matter the keys it leaves out from its
/// source page's (`equil serve` compares a translation edited with the
/// one in the model this way).
pub fn inherit(fm: &mut FrontMatter, source: &FrontMatter) {
    if fm.agenda.is_empty() && !source.agenda.is_empty() {
        fm.start = fm.start.take().or_else(|| source.start.clone());
        fm.agenda = source.agenda.clone();
        fm.agenda_lines = source.agenda_lines.clone();
        fm.agenda_inherited = true;
    }
    fm.order = fm.order.or(source.order);
    fm.kind = fm.kind.or(source.kind);
    fm.duration = fm.duration.or(source.duration);
    if fm.group_size.is_none() {
        fm.group_size = source.group_size.clone();
    }
}
