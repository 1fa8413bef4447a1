//! Stage 3, **check**: every validation over the modelled site that is not
//! part of loading a single file. `equil check`, `build`, `epub` and `serve`
//! call [`site`]; `serve` re-checks a page that changed with [`page`] (and
//! the pages linking to it with [`links::page`]). Render only renders.
//!
//! - [`links`]: pages, anchors, glossary terms and files links lead to
//! - [`sanitize`]: raw HTML the sanitiser removes, or nested too deep
//! - [`translations`]: outdated, unknown and missing translations
//! - [`strings`]: the interface strings (Fluent) the theme uses
//! - [`session`]: session plans' agendas
//! - [`assets`]: files beside the pages that could run code, or clash

pub mod assets;
pub mod links;
pub mod sanitize;
pub mod session;
pub mod strings;
pub mod terms;
pub mod translations;

use crate::diagnostics::Diagnostic;
use crate::model::{DocId, Site};
use crate::render::markdown::Parsed;

/// What the checks look at: the modelled site and every page's parsed
/// Markdown (in the order of `site.docs`).
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub site: &'a Site,
    pub parsed: &'a [Parsed],
}

impl<'a> Input<'a> {
    fn links(self) -> links::Links<'a> {
        links::Links {
            site: self.site,
            parsed: self.parsed,
        }
    }
}

/// Checks everything that can be checked before writing: links, anchors,
/// raw HTML, translation states, interface strings, glossary terms, session
/// plans and assets.
pub fn site(input: Input<'_>, diags: &mut Vec<Diagnostic>) {
    let Input { site, parsed } = input;
    links::site(input.links(), diags);
    for (doc, p) in site.docs.iter().zip(parsed) {
        sanitize::report_nesting(p, &doc.path, diags);
    }
    if !site.config.trust_html {
        for (doc, p) in site.docs.iter().zip(parsed) {
            sanitize::report(&p.raw_html, &doc.path, diags);
        }
    }
    translations::states(site, diags);
    strings::validate(site, diags);
    crate::check::terms::drift(site, diags);
    for tree in &site.trees {
        for m in &tree.modules {
            for e in &m.pages {
                session::page(site, tree, m, e, diags);
            }
        }
    }
    diags.extend(assets::active(site));
}

/// The findings about document `doc` itself, wherever it is shown (its
/// own language, and the languages it is the fallback of): what [`site`]
/// reports at its path, except the site-wide checks that do not look at
/// pages (interface strings, assets). For `serve`, after the page's body
/// changed and nothing else did.
pub fn page(input: Input<'_>, doc: DocId, diags: &mut Vec<Diagnostic>) {
    let Input { site, parsed } = input;
    let path = &site.doc(doc).path;
    for tree in &site.trees {
        for e in Site::entries(tree).filter(|e| e.doc == doc) {
            links::page(input.links(), tree, doc, diags);
            diags.extend(translations::outdated(site, e));
        }
    }
    sanitize::report_nesting(&parsed[doc], path, diags);
    if !site.config.trust_html {
        sanitize::report(&parsed[doc].raw_html, path, diags);
    }
    crate::check::terms::drift_of(site, doc, diags);
    for tree in &site.trees {
        for m in &tree.modules {
            for e in m.pages.iter().filter(|e| e.doc == doc) {
                session::page(site, tree, m, e, diags);
            }
        }
    }
}
