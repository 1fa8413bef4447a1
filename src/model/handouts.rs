//! A module's handouts: each source file in a page's folder
//! (`<module>/<card>/<handout>.md`, CONVENTIONS format 4) attached to that
//! page, with the output paths of its page and its printable sheet.

use super::entry::{DocId, Entry, Handout};
use super::scope::Scope;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::frontmatter::Kind;

/// The module whose pages the handouts belong to.
pub(super) struct Parents<'a> {
    pub scope: &'a Scope<'a>,
    /// The module's folder and output slug.
    pub dir: &'a str,
    pub slug: &'a str,
    pub pages: &'a [Entry],
}

/// The handouts of a module (source-language documents `found`), each
/// attached to the page whose folder it is in, in page order, then `order`
/// and name.
pub(super) fn attach(
    s: &Parents<'_>,
    found: &[DocId],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Handout> {
    let docs = s.scope.docs;
    let mut out: Vec<Handout> = found.iter().filter_map(|&h| handout(s, h, diags)).collect();
    out.sort_by(|a, b| {
        // i64::MAX: the largest order (handouts without one come last), not a sentinel.
        let key = |x: &Handout| (x.page, docs[x.entry.source].fm.order.unwrap_or(i64::MAX));
        key(a).cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// The handout of source document `h`, or `None` (reported in the source
/// language) when it belongs to no page or is not a handout.
fn handout(s: &Parents<'_>, h: DocId, diags: &mut Vec<Diagnostic>) -> Option<Handout> {
    let (scope, source_lang) = (s.scope, s.scope.source_lang);
    let doc = &scope.docs[h];
    let in_module = doc.rel.split_once('/').map(|(_, r)| r);
    let (card, file) = in_module.and_then(|r| r.split_once('/'))?;
    let parent_rel = format!("{}/{card}.md", s.dir);
    let Some(page) = s.pages.iter().position(|p| p.rel == parent_rel) else {
        if scope.is_source() {
            diags.push(
                Diagnostic::warning(
                    Code::Layout,
                    format!("this handout belongs to no page: content/{source_lang}/{parent_rel} does not exist; it is skipped"),
                )
                .at(&doc.path)
                .help(format!("a handout goes in the folder named after its tool card or page; check the folder name `{card}`")),
            );
        }
        return None;
    };
    if doc.fm.kind != Some(Kind::Handout) {
        if scope.is_source() {
            diags.push(
                Diagnostic::warning(
                    Code::Layout,
                    "a page in a page's folder must be a handout; it is skipped",
                )
                .at(&doc.path)
                .help("add `kind: handout` to its front matter, or move it into the module folder"),
            );
        }
        return None;
    }
    let name = file.trim_end_matches(".md").to_string();
    let page_file = s.pages[page].output.rsplit('/').next().unwrap_or("");
    let page_slug = page_file.trim_end_matches(".html");
    let (lang, slug) = (scope.lang, s.slug);
    Some(Handout {
        page,
        card: card.to_string(),
        entry: scope.entry(h, format!("{lang}/{slug}/{page_slug}/{name}.html")),
        sheet: format!("{lang}/{slug}/print/{page_slug}/{name}.html"),
        name,
    })
}
