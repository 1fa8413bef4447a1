//! Which books `equil pdf` and `equil epub` make: the languages and modules
//! that `--lang` and `--module` select, checked against the site (an
//! unknown name is an error with a suggestion; a module whose slug is the
//! handbook's file name would overwrite the handbook).

use crate::diagnostics::{suggest, Code, Diagnostic};
use crate::model::{Module, Site, Tree};

/// File name (without extension) of the whole handbook in each language folder.
pub const HANDBOOK: &str = "handbook";

/// What the user asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection<'a> {
    /// Only this language (default: every language).
    pub lang: Option<&'a str>,
    /// Only this module, by folder name or slug (default: every module and
    /// the handbook).
    pub module: Option<&'a str>,
}

/// How the books are named in messages: `PDF` and `pdf`, `e-book` and `epub`.
#[derive(Debug, Clone, Copy)]
pub struct BookKind {
    pub noun: &'static str,
    pub extension: &'static str,
}

/// The selected part of one language tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selected {
    /// Index of the tree in `Site::trees`.
    pub tree: usize,
    /// The selected modules, by index in the tree, in order.
    pub modules: Vec<usize>,
    /// Whether the whole handbook is selected (no `--module`).
    pub handbook: bool,
}

impl Selection<'_> {
    /// Whether module `m` is selected (by folder name or slug).
    pub fn wants(&self, m: &Module) -> bool {
        match self.module {
            None => true,
            Some(want) => want == m.dir || want == m.slug,
        }
    }

    /// The trees and modules selected, in language and module order; an
    /// error for an unknown language or module, or a module that would
    /// overwrite the handbook.
    pub fn resolve(&self, site: &Site, kind: BookKind) -> Result<Vec<Selected>, Diagnostic> {
        if let Some(lang) = self.lang {
            if site.tree(lang).is_none() {
                return Err(no_such_language(site, lang));
            }
        }
        let mut out = Vec::new();
        let mut module_found = self.module.is_none();
        for (t, tree) in site.trees.iter().enumerate() {
            if self.lang.is_some_and(|l| l != tree.lang) {
                continue;
            }
            let mut modules = Vec::new();
            for (mi, m) in tree.modules.iter().enumerate() {
                if !self.wants(m) {
                    continue;
                }
                module_found = true;
                if m.slug == HANDBOOK {
                    return Err(overwrites_handbook(tree, m, kind));
                }
                modules.push(mi);
            }
            out.push(Selected {
                tree: t,
                modules,
                handbook: self.module.is_none(),
            });
        }
        match self.module {
            Some(want) if !module_found => Err(no_such_module(site, want)),
            _ => Ok(out),
        }
    }
}

fn no_such_language(site: &Site, lang: &str) -> Diagnostic {
    let codes: Vec<&str> = site.languages.iter().map(|l| l.code.as_str()).collect();
    Diagnostic::error(
        Code::Config,
        format!("--lang {lang}: the site has no such language"),
    )
    .help(match suggest(lang, codes.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? The languages are {}", codes.join(", ")),
        None => format!("the languages are {}", codes.join(", ")),
    })
}

fn no_such_module(site: &Site, want: &str) -> Diagnostic {
    let source = site.tree(&site.source_lang).or(site.trees.first());
    let names: Vec<&str> = source
        .map(|t| t.modules.iter().map(|m| m.dir.as_str()).collect())
        .unwrap_or_default();
    Diagnostic::error(
        Code::Config,
        format!("--module {want}: the site has no such module"),
    )
    .help(match suggest(want, names.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? The modules are {}", names.join(", ")),
        None => format!("the modules are {}", names.join(", ")),
    })
}

fn overwrites_handbook(tree: &Tree, m: &Module, kind: BookKind) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateOutput,
        format!(
            "the {} of module `{}` would overwrite the handbook's ({}/{HANDBOOK}.{})",
            kind.noun, m.dir, tree.lang, kind.extension
        ),
    )
    .at(format!("content/{}/{}/_index.md", tree.lang, m.dir))
    .help("give the module another `slug`")
}
