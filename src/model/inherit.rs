//! Front matter a translation takes from its source page when it leaves it
//! out: the keys that need no translating (`order`, `kind`, `duration`,
//! `group_size`) and a session plan's `start` and agenda.

use std::collections::HashMap;

use crate::load::content::Doc;
use crate::load::frontmatter::{AgendaItem, GroupSize, Kind};

/// What a translation takes from its source page: `order`, `kind`,
/// `duration`, `group_size`.
type Inherited = (Option<i64>, Option<Kind>, Option<u32>, Option<GroupSize>);

/// A session plan's `start`, `agenda` and the agenda's lines.
type InheritedAgenda = (Option<String>, Vec<AgendaItem>, Vec<usize>);

/// Fills in each translation's missing keys from its source page.
pub(super) fn from_source(docs: &mut [Doc], source_lang: &str) {
    let sources: HashMap<String, Inherited> = docs
        .iter()
        .filter(|d| d.lang == source_lang)
        .map(|d| {
            let fm = &d.fm;
            let keys = (fm.order, fm.kind, fm.duration, fm.group_size.clone());
            (d.rel.clone(), keys)
        })
        .collect();
    let agendas: HashMap<String, InheritedAgenda> = docs
        .iter()
        .filter(|d| d.lang == source_lang && !d.fm.agenda.is_empty())
        .map(|d| {
            let fm = &d.fm;
            (
                d.rel.clone(),
                (fm.start.clone(), fm.agenda.clone(), fm.agenda_lines.clone()),
            )
        })
        .collect();
    for d in docs.iter_mut().filter(|d| d.lang != source_lang) {
        if let (true, Some((start, agenda, lines))) = (d.fm.agenda.is_empty(), agendas.get(&d.rel))
        {
            d.fm.start = d.fm.start.clone().or(start.clone());
            d.fm.agenda = agenda.clone();
            d.fm.agenda_lines = lines.clone();
            d.fm.agenda_inherited = true;
        }
        if let Some((order, kind, duration, group_size)) = sources.get(&d.rel) {
            d.fm.order = d.fm.order.or(*order);
            d.fm.kind = d.fm.kind.or(*kind);
            d.fm.duration = d.fm.duration.or(*duration);
            if d.fm.group_size.is_none() {
                d.fm.group_size = group_size.clone();
            }
        }
    }
}
