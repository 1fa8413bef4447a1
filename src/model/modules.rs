//! A language's modules: each module folder's overview, kind and output
//! folder, and its pages in `order` with their output names. Mistakes in
//! the source files (a missing overview, a wrong `kind`, two pages written
//! to one file) are reported here.

use std::collections::HashMap;

use super::entry::{kind_name, DocId, Entry, Module};
use super::layout::ModuleFiles;
use super::scope::Scope;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::frontmatter::Kind;

/// The modules of `scope`'s language, in `order`, then folder name.
pub(super) fn build(scope: &Scope<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Module> {
    let mut modules = Vec::new();
    // Output folder → module folder, to find two written to one place.
    let mut slugs_seen: HashMap<String, String> = HashMap::new();
    for (dir, files) in &scope.layout.modules {
        if let Some(m) = module(scope, dir, files, &mut slugs_seen, diags) {
            modules.push(m);
        }
    }
    let docs = scope.docs;
    // i64::MAX: the largest order (modules without one come last), not a sentinel.
    modules.sort_by(|a, b| {
        (docs[a.index.source].fm.order.unwrap_or(i64::MAX), &a.dir)
            .cmp(&(docs[b.index.source].fm.order.unwrap_or(i64::MAX), &b.dir))
    });
    modules
}

/// The module of folder `dir`, or `None` when it has no overview.
fn module(
    scope: &Scope<'_>,
    dir: &str,
    files: &ModuleFiles,
    slugs_seen: &mut HashMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Module> {
    let (lang, source_lang) = (scope.lang, scope.source_lang);
    let Some(index) = files.index else {
        if scope.is_source() {
            diags.push(
                Diagnostic::error(
                    Code::Layout,
                    format!("module folder `{dir}` has no _index.md"),
                )
                .at(format!("content/{source_lang}/{dir}"))
                .help(format!(
                    "create content/{source_lang}/{dir}/_index.md with `title:` and `kind: module`"
                )),
            );
        }
        return None;
    };
    let (shown, _) = scope.shown(index);
    let slug = scope.slug(shown, index, dir);
    if let Some(other) = slugs_seen.insert(slug.clone(), dir.to_string()) {
        diags.push(
            Diagnostic::error(
                Code::DuplicateOutput,
                format!("modules `{other}` and `{dir}` would both be written to {lang}/{slug}/"),
            )
            .at(&scope.docs[shown].path)
            .help("give one of them another `slug`"),
        );
    }
    let kind = module_kind(scope, index, diags);
    let pages = pages(scope, dir, &slug, &files.pages, diags);
    let handouts = super::handouts::attach(
        &super::handouts::Parents {
            scope,
            dir,
            slug: &slug,
            pages: &pages,
        },
        &files.handouts,
        diags,
    );
    Some(Module {
        dir: dir.to_string(),
        index: scope.entry(index, format!("{lang}/{slug}/index.html")),
        slug,
        kind,
        pages,
        handouts,
    })
}

/// A module's kind, from its overview's `kind` (a page's kind there is an
/// error, and the module is an ordinary module).
fn module_kind(scope: &Scope<'_>, index: DocId, diags: &mut Vec<Diagnostic>) -> Kind {
    match scope.docs[index].fm.kind {
        Some(Kind::Toolkit) => Kind::Toolkit,
        Some(Kind::Module) | None => Kind::Module,
        Some(other) => {
            if scope.is_source() {
                diags.push(
                    Diagnostic::error(
                        Code::FrontMatterValue,
                        format!("a module's _index.md has `kind: {}`", kind_name(other)),
                    )
                    .at(&scope.docs[index].path)
                    .help("use `kind: module`, or `kind: toolkit` for the toolkit"),
                );
            }
            Kind::Module
        }
    }
}

/// The pages of module `dir` (written to folder `slug`) in `order`; a page
/// whose output name is taken is left out.
fn pages(
    scope: &Scope<'_>,
    dir: &str,
    slug: &str,
    files: &[DocId],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let (docs, lang) = (scope.docs, scope.lang);
    let mut entries: Vec<Entry> = Vec::new();
    // Output name → identity, to find two pages written to one file.
    let mut page_slugs: HashMap<String, String> = HashMap::new();
    let mut ordered = files.to_vec();
    scope.sort_by_order(&mut ordered);
    for p in ordered {
        let (shown, _) = scope.shown(p);
        let stem = docs[p].rel.rsplit('/').next().unwrap_or("");
        let page_slug = scope.slug(shown, p, stem.trim_end_matches(".md"));
        if page_slug == "index" || page_slug == "print" {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateOutput,
                    format!("a page may not be called `{page_slug}`: equil writes {slug}/{page_slug}.html itself"),
                )
                .at(&docs[shown].path)
                .help("rename the file, or set another `slug`"),
            );
            continue;
        }
        if let Some(other) = page_slugs.insert(page_slug.clone(), docs[p].rel.clone()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateOutput,
                    format!(
                        "`{other}` and `{}` would both be written to {lang}/{slug}/{page_slug}.html",
                        docs[p].rel
                    ),
                )
                .at(&docs[shown].path)
                .help("give one of them another `slug`"),
            );
            continue;
        }
        if scope.is_source() {
            check_page_kind(scope, dir, p, diags);
        }
        entries.push(scope.entry(p, format!("{lang}/{slug}/{page_slug}.html")));
    }
    entries
}

/// Reports a source page of module `dir` whose `kind` belongs elsewhere: a
/// handout outside a page's folder, or a module's kind.
fn check_page_kind(scope: &Scope<'_>, dir: &str, p: DocId, diags: &mut Vec<Diagnostic>) {
    let (doc, source_lang) = (&scope.docs[p], scope.source_lang);
    if doc.fm.kind == Some(Kind::Handout) {
        diags.push(
            Diagnostic::warning(
                Code::Layout,
                "a handout belongs in the folder of its tool card or page; it is shown as a page",
            )
            .at(&doc.path)
            .help(format!(
                "move it to content/{source_lang}/{dir}/<card>/{}, next to content/{source_lang}/{dir}/<card>.md",
                doc.rel.rsplit('/').next().unwrap_or("")
            )),
        );
    }
    if let Some(kind @ (Kind::Module | Kind::Toolkit)) = doc.fm.kind {
        diags.push(
            Diagnostic::error(
                Code::FrontMatterValue,
                format!(
                    "`kind: {}` is only for a module's _index.md",
                    kind_name(kind)
                ),
            )
            .at(&doc.path)
            .help("use `kind: page`, or `kind: tool` for a tool card"),
        );
    }
}
