//! Translation states: warnings for translations that are out of date, of
//! unknown state, or missing (shown in the source language).

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Entry, Site, Status};

/// Warnings for translations that are out of date, of unknown state, or missing.
pub fn states(site: &Site, diags: &mut Vec<Diagnostic>) {
    for tree in &site.trees {
        let mut fallbacks = Vec::new();
        let mut unknown = Vec::new();
        for e in Site::entries(tree) {
            match e.status {
                Status::Outdated => diags.extend(outdated(site, e)),
                Status::Unknown => unknown.push(e.rel.clone()),
                Status::Fallback => fallbacks.push(e.rel.clone()),
                _ => {}
            }
        }
        if !unknown.is_empty() {
            let n = unknown.len();
            diags.push(
                Diagnostic::warning(
                    Code::UnknownTranslationState,
                    format!(
                        "{n} translation{} in `{}` {} no `source_hash`, so nobody can tell whether {} current",
                        if n == 1 { "" } else { "s" },
                        tree.lang,
                        if n == 1 { "has" } else { "have" },
                        if n == 1 { "it is" } else { "they are" },
                    ),
                )
                .at(format!("content/{}", tree.lang))
                .help(format!(
                    "`equil i18n status` lists them ({}); if they match the source pages, run `equil i18n mark-current --lang {}`",
                    abbreviate(&unknown, 3),
                    tree.lang
                )),
            );
        }
        if !fallbacks.is_empty() {
            let n = fallbacks.len();
            diags.push(
                Diagnostic::warning(
                    Code::Fallback,
                    format!(
                        "{n} page{} of `{}` {} shown in `{}` (not translated yet)",
                        if n == 1 { "" } else { "s" },
                        tree.lang,
                        if n == 1 { "is" } else { "are" },
                        site.source_lang
                    ),
                )
                .at(format!("content/{}", tree.lang))
                .help(format!(
                    "`equil i18n status` lists them: {}",
                    abbreviate(&fallbacks, 4)
                )),
            );
        }
    }
}

fn abbreviate(items: &[String], n: usize) -> String {
    let mut s = items.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > n {
        s.push_str(&format!(" and {} more", items.len() - n));
    }
    s
}

/// The warning for an outdated translation (`None` for any other state).
pub fn outdated(site: &Site, e: &Entry) -> Option<Diagnostic> {
    if e.status != Status::Outdated {
        return None;
    }
    let doc = site.doc(e.doc);
    let source = site.doc(e.source);
    Some(
        Diagnostic::warning(
            Code::Outdated,
            format!(
                "translation is outdated: {} has changed since it was translated",
                source.path.display()
            ),
        )
        .at(&doc.path)
        .help(format!(
            "update the translation, then run `equil i18n mark-current {}`",
            doc.path.display()
        )),
    )
}
