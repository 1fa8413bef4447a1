//! Session plans (`kind: session`): every agenda block refers to a page
//! that exists and has minutes, and the agenda fits the session's length.

use crate::diagnostics::{suggest, Code, Diagnostic};
use crate::load::content::Doc;
use crate::load::frontmatter::{AgendaItem, Kind};
use crate::model::{Entry, Module, Site, Tree};
use crate::render::session::reference;

/// Checks every session plan written in a language (inherited agendas are
/// checked in the source language only): references, minutes, length.
pub fn validate(site: &Site, diags: &mut Vec<Diagnostic>) {
    for tree in &site.trees {
        for m in &tree.modules {
            for e in &m.pages {
                page(site, tree, m, e, diags);
            }
        }
    }
}

/// Checks `e` of module `m` if it is a session plan written in its tree's
/// language.
pub fn page(site: &Site, tree: &Tree, m: &Module, e: &Entry, diags: &mut Vec<Diagnostic>) {
    let doc = site.doc(e.doc);
    if doc.fm.kind != Some(Kind::Session) || doc.lang != tree.lang || doc.fm.agenda_inherited {
        return;
    }
    let module_duration = site.doc(m.index.doc).fm.duration;
    check_plan(site, tree, e, module_duration, diags);
}

fn check_plan(
    site: &Site,
    tree: &Tree,
    entry: &Entry,
    module_duration: Option<u32>,
    diags: &mut Vec<Diagnostic>,
) {
    let doc = site.doc(entry.doc);
    let line = |i: usize| doc.fm.agenda_lines.get(i).copied().unwrap_or(2);
    if doc.fm.agenda.is_empty() {
        diags.push(
            Diagnostic::warning(Code::Agenda, "this session plan has no `agenda`")
                .at(&doc.path)
                .pos(2, 1)
                .help("list its blocks under `agenda:`, e.g. `- page: co-production-toolkit/values-line-up`"),
        );
        return;
    }
    let mut total = 0;
    for (i, item) in doc.fm.agenda.iter().enumerate() {
        let mut minutes = item.minutes;
        if let Some(page) = &item.page {
            let rel = reference(page);
            match tree.entry(&rel) {
                Some(t) => minutes = minutes.or(site.doc(t.doc).fm.duration),
                None => {
                    diags.push(no_such_page(tree, doc, i, page, line(i)));
                    continue;
                }
            }
        }
        match minutes {
            Some(n) => total += n,
            None => diags.push(no_minutes(doc, i, item, line(i))),
        }
    }
    let (limit, whose) = match (doc.fm.duration, module_duration) {
        (Some(d), _) => (d, "the `duration` of this page"),
        (None, Some(d)) => (d, "the module's `duration`"),
        (None, None) => return,
    };
    if total > limit {
        diags.push(
            Diagnostic::warning(
                Code::AgendaTooLong,
                format!("the agenda takes {total} minutes, longer than {whose} ({limit} minutes)"),
            )
            .at(&doc.path)
            .pos(line(0), 1)
            .help("shorten or drop a block (blocks may set `minutes:`), or raise the `duration`"),
        );
    }
}

/// Agenda block `i` refers to `page`, which the tree does not have.
fn no_such_page(tree: &Tree, doc: &Doc, i: usize, page: &str, line: usize) -> Diagnostic {
    let rels: Vec<String> = Site::entries(tree)
        .map(|e| e.rel.trim_end_matches(".md").to_string())
        .collect();
    let help = match suggest(page, rels.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `page: {s}`? A block refers to a page by its path in content/{}/ without `.md`", tree.lang),
        None => format!("a block refers to a page by its path in content/{}/ without `.md`, e.g. `page: co-production-toolkit/values-line-up`", tree.lang),
    };
    Diagnostic::error(
        Code::Agenda,
        format!("agenda block {}: there is no page `{page}`", i + 1),
    )
    .at(&doc.path)
    .pos(line, 1)
    .help(help)
}

/// Agenda block `i` has no minutes of its own or from its page.
fn no_minutes(doc: &Doc, i: usize, item: &AgendaItem, line: usize) -> Diagnostic {
    Diagnostic::error(
        Code::Agenda,
        format!(
            "agenda block {} ({}) has no minutes",
            i + 1,
            item.title.as_deref().or(item.page.as_deref()).unwrap_or("")
        ),
    )
    .at(&doc.path)
    .pos(line, 1)
    .help(if item.page.is_some() {
        "add `minutes:` to the block, or a `duration` to the page it refers to"
    } else {
        "add `minutes:` to the block"
    })
}
