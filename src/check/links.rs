//! Link checks: every link of a page must lead somewhere — pages and their
//! anchors (taking fallbacks into account), glossary terms and files beside
//! the pages. [`targets`] lists what a page's links name, so that `serve`
//! can re-check only the pages that link to a page that changed.

use crate::diagnostics::{suggest, Code, Diagnostic};
use crate::load::content::Doc;
use crate::model::{DocId, Site, Tree};
use crate::render::links::{as_page, classify_link, relative, Target};
use crate::render::markdown::{slugify, Parsed};

/// What link checks look at: the site and every page's parsed Markdown.
#[derive(Clone, Copy)]
pub struct Links<'a> {
    pub site: &'a Site,
    pub parsed: &'a [Parsed],
}

/// Checks every link of every page in every language tree.
pub fn site(input: Links<'_>, diags: &mut Vec<Diagnostic>) {
    for tree in &input.site.trees {
        for entry in Site::entries(tree) {
            page(input, tree, entry.doc, diags);
        }
    }
}

/// Checks the links of document `doc` as it is shown in `tree` (its own
/// language, or another one it is the fallback of).
pub fn page(input: Links<'_>, tree: &Tree, doc: DocId, diags: &mut Vec<Diagnostic>) {
    let from = From {
        site: input.site,
        tree,
        parsed: input.parsed,
        doc: input.site.doc(doc),
    };
    let own = &input.parsed[doc];
    for link in &own.links {
        let found = match classify_link(&from.doc.rel, &link.dest, link.image) {
            Target::External => None,
            Target::Glossary(id) => check_glossary(input.site, &id),
            Target::Unsafe(msg) => Some(Diagnostic::error(Code::UnsafePath, msg)),
            Target::Anchor(f) => match find_anchor(own, &f) {
                Found::Yes => None,
                Found::Old(new) => Some(old_anchor(&f, new)),
                Found::No => Some(broken_anchor(&f, own, "this page")),
            },
            Target::Page { rel, fragment } => from.to_page(&rel, fragment.as_deref(), &link.dest),
            Target::Asset { rel, fragment } => {
                from.to_asset(&rel, fragment.as_deref(), &link.dest, link.image)
            }
        };
        if let Some(d) = found {
            diags.push(d.at(&from.doc.path).pos(link.line, link.column));
        }
    }
}

/// The identities of the pages `doc_rel`'s links may lead to (a path that
/// looks like a file is listed as each page it may stand for).
pub fn targets(doc_rel: &str, parsed: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    for link in &parsed.links {
        match classify_link(doc_rel, &link.dest, link.image) {
            Target::Page { rel, .. } => out.push(rel),
            Target::Asset { rel, .. } => {
                if let Some(s) = rel.strip_suffix(".html") {
                    out.push(format!("{s}.md"));
                }
                out.push(format!("{rel}/_index.md"));
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The page a link is in, as shown in one tree.
struct From<'a> {
    site: &'a Site,
    tree: &'a Tree,
    parsed: &'a [Parsed],
    doc: &'a Doc,
}

impl From<'_> {
    /// A link to the file `rel` beside the pages (or to a page written as a file).
    fn to_asset(
        &self,
        rel: &str,
        fragment: Option<&str>,
        dest: &str,
        image: bool,
    ) -> Option<Diagnostic> {
        if self.tree.asset_outputs.contains_key(rel) {
            return None;
        }
        if let Some((page, _)) = as_page(self.tree, rel) {
            return self.to_page(&page, fragment, dest);
        }
        let (code, what) = if image {
            (Code::MissingAsset, "image")
        } else {
            (Code::BrokenLink, "file")
        };
        let d = Diagnostic::error(code, format!("{what} `{dest}` does not exist"));
        let names = self.tree.asset_outputs.keys().map(String::as_str);
        Some(match suggest(rel, names) {
            Some(s) => d.help(format!("did you mean `{}`?", relative(&self.doc.rel, s))),
            None => d.help(format!(
                "put the file beside the page: content/{}/{rel}",
                self.doc.lang
            )),
        })
    }

    /// A link to the page `rel`, maybe to an anchor in it.
    fn to_page(&self, rel: &str, fragment: Option<&str>, dest: &str) -> Option<Diagnostic> {
        let Some(target) = self.tree.entry(rel) else {
            let mut d =
                Diagnostic::error(Code::BrokenLink, format!("link to `{dest}`: no such page"));
            let names = self.tree.outputs.keys().map(String::as_str);
            if let Some(s) = suggest(rel, names) {
                d = d.help(format!("did you mean `{}`?", relative(&self.doc.rel, s)));
            }
            return Some(d);
        };
        let f = fragment.filter(|f| !f.is_empty())?;
        let target_parsed = &self.parsed[target.doc];
        match find_anchor(target_parsed, f) {
            Found::Yes => return None,
            Found::Old(new) => return Some(old_anchor(f, new)),
            Found::No => {}
        }
        let target_doc = self.site.doc(target.doc);
        if target_doc.lang == self.doc.lang {
            let page = dest.split('#').next().unwrap_or(dest);
            return Some(broken_anchor(f, target_parsed, &format!("`{page}`")));
        }
        Some(Diagnostic::warning(
            Code::AnchorInTranslation,
            format!(
                "anchor `#{f}` is not in the {} translation of `{rel}`; readers of that language land at the top of the page",
                target_doc.lang
            ),
        )
        .help("give the heading a stable id in both languages, e.g. `## Title {#my-id}`"))
    }
}

/// An error when `glossary:id` names no term of the source glossary.
fn check_glossary(site: &Site, id: &str) -> Option<Diagnostic> {
    let Some(src) = site.glossary.source() else {
        return Some(
            Diagnostic::error(
                Code::Glossary,
                format!("link to glossary term `{id}`, but the site has no glossary"),
            )
            .help(format!(
                "create content/{}/glossary.yaml (see TRANSLATING.md), or remove the link",
                site.source_lang
            )),
        );
    };
    if src.terms.contains_key(id) {
        return None;
    }
    let d = Diagnostic::error(
        Code::Glossary,
        format!("no glossary term `{id}` in {}", src.path.display()),
    );
    Some(match suggest(id, src.terms.keys().map(String::as_str)) {
        Some(s) => d.help(format!("did you mean `glossary:{s}`?")),
        None => d.help(format!(
            "add `{id}:` with `term:` and `definition:` to {}",
            src.path.display()
        )),
    })
}

/// Whether a page has an anchor: a heading's id, a raw HTML `id`/`name`, a
/// footnote; or a heading's id as older equil versions wrote it.
enum Found<'a> {
    Yes,
    Old(&'a str),
    No,
}

fn find_anchor<'a>(p: &'a Parsed, f: &str) -> Found<'a> {
    if f.is_empty()
        || p.headings.iter().any(|h| h.id == f)
        || p.anchors.iter().any(|a| a == f)
        || f.starts_with("fn-")
        || f.starts_with("fnref-")
    {
        return Found::Yes;
    }
    match p.headings.iter().find(|h| h.old_id.as_deref() == Some(f)) {
        Some(h) => Found::Old(&h.id),
        None => Found::No,
    }
}

fn old_anchor(f: &str, new: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::OldAnchor,
        format!("anchor `#{f}` is the old form of the heading's id; it still works, but GitHub and equil now write `#{new}`"),
    )
    .help(format!("change the link to `#{new}`"))
}

fn broken_anchor(f: &str, target: &Parsed, what: &str) -> Diagnostic {
    let mut d = Diagnostic::error(
        Code::BrokenLink,
        format!("anchor `#{f}` does not exist in {what}"),
    );
    let ids = || {
        target
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(target.anchors.iter().map(String::as_str))
    };
    // An anchor written as the heading's text (`#Don't give up`) or in
    // another case: the heading's id made by the same function.
    let slug = slugify(f);
    let hint = ids()
        .find(|id| *id == slug)
        .or_else(|| suggest(f, ids()))
        .or_else(|| suggest(&slug, ids()));
    if let Some(s) = hint {
        d = d.help(format!("did you mean `#{s}`?"));
    }
    d
}
