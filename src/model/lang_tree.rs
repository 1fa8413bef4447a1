//! One language's tree, built from the source layout: each source page with
//! this language's translation (or the source, as a fallback) and its
//! output path; the pages at the top of the tree; the language's assets.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::entry::{Entry, Module};
use super::scope::Scope;
use super::tree::Tree;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::Asset;

/// Builds the tree of `scope`'s language, with `assets` (every language's).
pub(super) fn build(scope: &Scope<'_>, assets: &[Asset], diags: &mut Vec<Diagnostic>) -> Tree {
    let lang = scope.lang;
    let home = scope
        .layout
        .home
        .map(|h| scope.entry(h, format!("{lang}/index.html")));
    let modules = super::modules::build(scope, diags);
    let (assets, asset_outputs) = assets_of(scope, &modules, assets);
    let about = about_entries(scope, diags);
    let mut tree = Tree {
        lang: lang.to_string(),
        home,
        modules,
        about,
        redirects: Vec::new(),
        assets,
        outputs: HashMap::new(),
        asset_outputs,
        positions: HashMap::new(),
    };
    tree.index_entries();
    tree
}

/// A tree's assets: the language's own, else the source language's. Gives
/// output path → source file, and output path by path inside the tree.
fn assets_of(
    scope: &Scope<'_>,
    modules: &[Module],
    all: &[Asset],
) -> (BTreeMap<String, PathBuf>, HashMap<String, String>) {
    let lang = scope.lang;
    let module_slug: HashMap<&str, &str> = modules
        .iter()
        .map(|m| (m.dir.as_str(), m.slug.as_str()))
        .collect();
    let mut assets = BTreeMap::new();
    let mut asset_outputs = HashMap::new();
    for a in content_assets(all, lang, scope.source_lang) {
        let output = match a.rel.split_once('/') {
            Some((dir, rest)) => match module_slug.get(dir) {
                Some(slug) => format!("{lang}/{slug}/{rest}"),
                None => format!("{lang}/{}", a.rel),
            },
            None => format!("{lang}/{}", a.rel),
        };
        asset_outputs.insert(a.rel.clone(), output.clone());
        assets.insert(output, a.source.clone());
    }
    (assets, asset_outputs)
}

/// The assets of language `lang`: its own, and the `source` language's it
/// has no copy of, by path.
fn content_assets<'a>(all: &'a [Asset], lang: &str, source: &str) -> Vec<&'a Asset> {
    let own: HashMap<&str, &Asset> = all
        .iter()
        .filter(|a| a.lang == lang)
        .map(|a| (a.rel.as_str(), a))
        .collect();
    let mut out: Vec<&Asset> = own.values().copied().collect();
    for a in all.iter().filter(|a| a.lang == source) {
        if !own.contains_key(a.rel.as_str()) {
            out.push(a);
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// Output names a page at the top of a language tree may not take: equil
/// writes these files itself.
pub const RESERVED_TOP: &[&str] = &[
    "index",
    "print",
    "glossary",
    "search-index",
    "404",
    "whats-new",
    "feed",
];

/// The pages at the top of a language tree, ordered by `order` then file
/// name, written to `<lang>/<slug>.html`.
fn about_entries(scope: &Scope<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let (docs, lang) = (scope.docs, scope.lang);
    let mut ordered = scope.layout.about.clone();
    scope.sort_by_order(&mut ordered);
    let mut out: Vec<Entry> = Vec::new();
    for source in ordered {
        let (doc, _) = scope.shown(source);
        let slug = scope.slug(doc, source, docs[source].rel.trim_end_matches(".md"));
        let output = format!("{lang}/{slug}.html");
        if RESERVED_TOP.contains(&slug.as_str()) || out.iter().any(|e| e.output == output) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateOutput,
                    format!("a page at the top of the language tree may not be written to {output}: equil or another page uses that name"),
                )
                .at(&docs[doc].path)
                .help("rename the file, or set another `slug`"),
            );
            continue;
        }
        out.push(scope.entry(source, output));
    }
    out
}
