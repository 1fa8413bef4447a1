//! `equil i18n status`: how far each language is, page by page and message
//! by message, computed from the model (the same states the build warns
//! about) and the Fluent files.
//!
//! The report's layout (and its JSON form) is in [`super::report`].

use std::collections::BTreeSet;
use std::path::{Component, Path};

use super::ftl;
pub use super::report::{
    Drift, Finding, GlossaryStatus, LangReport, MessageIds, MessagePercent, Messages,
    OutdatedDetail, PageFiles, PagePercent, Pages, Report, Source, SyntaxError, Totals,
    FORMAT_VERSION,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::CONTENT_DIR;
use crate::load::locales;
use crate::model::{Site, Status, Tree};
use crate::pipeline::{self, SiteOptions};

/// Computes the report for the site of `opts`. Problems found while loading
/// are added to `diags` (files with errors are reported, not counted as
/// translated); `None` when there is no site to report on.
pub fn status(opts: &SiteOptions, diags: &mut Vec<Diagnostic>) -> Option<Report> {
    let site = pipeline::load_model(opts, diags)?;
    crate::check::terms::drift(&site, diags);
    Some(report(&site, diags))
}

/// The report for a loaded site; `diags` are the problems found loading it.
pub fn report(site: &Site, diags: &[Diagnostic]) -> Report {
    let src = &site.source_lang;
    let source_tree = site.tree(src);
    let source_pages = source_tree.map(|t| Site::entries(t).count()).unwrap_or(0);
    let source_msgs = messages_of(site, src);
    let source = Source {
        code: src.clone(),
        name: lang_name(site, src),
        pages: source_pages,
        messages: source_msgs.ids.len(),
    };
    let languages: Vec<LangReport> = site
        .trees
        .iter()
        .filter(|t| t.lang != *src)
        .map(|tree| {
            let pages = pages_of(site, tree, diags);
            let messages = messages_report(site, &tree.lang, &source_msgs, diags);
            let glossary = glossary_report(site, &tree.lang);
            let complete_percent = percent(
                pages.current + pages.localised + messages.translated,
                pages.total + messages.total,
            );
            let terminology = terminology_of(diags, &tree.lang);
            LangReport {
                code: tree.lang.clone(),
                name: lang_name(site, &tree.lang),
                pages,
                messages,
                complete_percent,
                glossary,
                terminology,
            }
        })
        .collect();
    let totals = totals(&languages);
    Report {
        format_version: FORMAT_VERSION,
        source,
        languages,
        totals,
    }
}

fn glossary_report(site: &Site, lang: &str) -> GlossaryStatus {
    let total = site.glossary.source().map_or(0, |g| g.terms.len());
    let missing = site.glossary.missing(lang);
    GlossaryStatus {
        total,
        translated: total - missing.len(),
        missing,
    }
}

/// The terminology warnings about files of `lang`.
fn terminology_of(diags: &[Diagnostic], lang: &str) -> Vec<Drift> {
    findings(diags, Code::TerminologyDrift, &[[CONTENT_DIR, lang]])
}

/// The diagnostics with `code` about files below one of `folders` (each
/// given as its path components).
fn findings(diags: &[Diagnostic], code: Code, folders: &[[&str; 2]]) -> Vec<Finding> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| {
            let path = d.path.as_deref()?;
            folders.iter().find_map(|f| inside(path, f))?;
            Some(Finding {
                path: path.to_string_lossy().replace('\\', "/"),
                line: d.line,
                column: d.column,
                message: d.message.clone(),
            })
        })
        .collect()
}

fn lang_name(site: &Site, code: &str) -> String {
    site.languages
        .iter()
        .find(|l| l.code == code)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| code.to_string())
}

fn pages_of(site: &Site, tree: &Tree, diags: &[Diagnostic]) -> Pages {
    let files = page_files(site, tree, diags);
    let outdated_details = outdated_details(site, &tree.lang, &files.outdated);
    let [current, outdated, unknown, localised, missing, errors] = [
        &files.current,
        &files.outdated,
        &files.unknown,
        &files.localised,
        &files.missing,
        &files.errors,
    ]
    .map(Vec::len);
    let translated = current + outdated + unknown + localised;
    let total = translated + missing + errors;
    let share = |n| percent(n, total);
    Pages {
        outdated_details,
        total,
        translated,
        current,
        outdated,
        unknown,
        localised,
        missing,
        errors,
        percent: PagePercent {
            translated: share(translated),
            current: share(current),
            outdated: share(outdated),
            unknown: share(unknown),
            localised: share(localised),
            missing: share(missing),
            errors: share(errors),
        },
        files,
    }
}

/// The pages of a translation tree by state, and its orphans, sorted.
fn page_files(site: &Site, tree: &Tree, diags: &[Diagnostic]) -> PageFiles {
    let lang = tree.lang.as_str();
    // Files of this language that could not be loaded: content/<lang>/<rel>.
    let broken: BTreeSet<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.path.as_deref())
        .filter_map(|p| inside(p, &[CONTENT_DIR, lang]))
        .filter(|rel| rel.ends_with(".md"))
        .collect();
    let mut files = PageFiles::default();
    for e in Site::entries(tree) {
        let list = match e.status {
            Status::Current => &mut files.current,
            Status::Outdated => &mut files.outdated,
            Status::Unknown => &mut files.unknown,
            Status::Localised => &mut files.localised,
            Status::Fallback if broken.contains(&e.rel) => &mut files.errors,
            Status::Fallback => &mut files.missing,
            Status::Source => continue,
        };
        list.push(e.rel.clone());
    }
    files.orphans = orphans(site, tree);
    for list in [
        &mut files.current,
        &mut files.outdated,
        &mut files.unknown,
        &mut files.localised,
        &mut files.missing,
        &mut files.errors,
        &mut files.orphans,
    ] {
        list.sort();
    }
    files
}

/// Translations of the tree's language with no source page (not published).
fn orphans(site: &Site, tree: &Tree) -> Vec<String> {
    let published: BTreeSet<&str> = Site::entries(tree).map(|e| e.rel.as_str()).collect();
    let has_source: BTreeSet<&str> = site
        .docs
        .iter()
        .filter(|d| d.lang == site.source_lang)
        .map(|d| d.rel.as_str())
        .collect();
    site.docs
        .iter()
        .filter(|d| d.lang == tree.lang && !published.contains(d.rel.as_str()))
        .filter(|d| !has_source.contains(d.rel.as_str()))
        .map(|d| d.rel.clone())
        .collect()
}

/// What git history says about each outdated page of `lang`.
fn outdated_details(site: &Site, lang: &str, outdated: &[String]) -> Vec<OutdatedDetail> {
    let blobs = site.history.blobs();
    outdated
        .iter()
        .map(|rel| {
            let found = blobs
                .as_ref()
                .and_then(|b| super::diff::origin_and_size(site, &site.history, b, lang, rel));
            OutdatedDetail {
                path: rel.clone(),
                changed: found.as_ref().map(|f| f.1),
                from: found.map(|f| f.0),
            }
        })
        .collect()
}

/// `p` below the folder `prefix` (as components), with `/` separators.
fn inside(p: &Path, prefix: &[&str]) -> Option<String> {
    let parts: Vec<String> = p
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    // Language folders match their tag in any case (`zh-hans` is `zh-Hans`).
    if parts.len() <= prefix.len()
        || parts
            .iter()
            .zip(prefix)
            .any(|(a, b)| !a.eq_ignore_ascii_case(b))
    {
        return None;
    }
    Some(parts[prefix.len()..].join("/"))
}

fn messages_of(site: &Site, lang: &str) -> ftl::Messages {
    let files = match site.locales.get(lang) {
        Some(strings) => strings.files.clone(),
        None => locales::files_for(&site.root, lang).unwrap_or_default(),
    };
    ftl::scan(&files)
}

fn messages_report(
    site: &Site,
    lang: &str,
    source: &ftl::Messages,
    diags: &[Diagnostic],
) -> Messages {
    let mine = messages_of(site, lang);
    let translated: BTreeSet<&String> = mine
        .ids
        .iter()
        .filter(|id| source.ids.contains(*id) && !mine.needs_translation.contains(*id))
        .collect();
    let missing: Vec<String> = source
        .ids
        .iter()
        .filter(|id| !translated.contains(id))
        .cloned()
        .collect();
    let needs_translation: Vec<String> = missing
        .iter()
        .filter(|id| mine.needs_translation.contains(*id))
        .cloned()
        .collect();
    let extra: Vec<String> = mine.ids.difference(&source.ids).cloned().collect();
    let folders = [[locales::LOCALES_DIR, lang], ["(built-in)", lang]];
    let syntax_errors = findings(diags, Code::FluentSyntax, &folders);
    let total = source.ids.len();
    Messages {
        total,
        translated: translated.len(),
        missing: missing.len(),
        extra: extra.len(),
        errors: syntax_errors.len(),
        percent: MessagePercent {
            translated: percent(translated.len(), total),
            missing: percent(missing.len(), total),
        },
        ids: MessageIds {
            missing,
            needs_translation,
            extra,
        },
        syntax_errors,
    }
}

fn totals(langs: &[LangReport]) -> Totals {
    let mut t = Totals {
        languages: langs.len(),
        ..Totals::default()
    };
    for l in langs {
        t.pages += l.pages.total;
        t.pages_current += l.pages.current;
        t.pages_outdated += l.pages.outdated;
        t.pages_unknown += l.pages.unknown;
        t.pages_localised += l.pages.localised;
        t.pages_missing += l.pages.missing;
        t.pages_errors += l.pages.errors;
        t.messages += l.messages.total;
        t.messages_translated += l.messages.translated;
        t.messages_missing += l.messages.missing;
    }
    t.complete_percent = percent(
        t.pages_current + t.pages_localised + t.messages_translated,
        t.pages + t.messages,
    );
    t
}

/// `n` of `total` in percent, rounded to one decimal, but never 100 for
/// less than all nor 0 for more than nothing. Nothing to do counts as done.
pub fn percent(n: usize, total: usize) -> f64 {
    if total == 0 || n >= total {
        return 100.0;
    }
    if n == 0 {
        return 0.0;
    }
    let tenths = ((n as f64 * 1000.0) / total as f64).round();
    tenths.clamp(1.0, 999.0) / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_but_keeps_the_ends_exact() {
        assert_eq!(percent(0, 0), 100.0);
        assert_eq!(percent(0, 5), 0.0);
        assert_eq!(percent(14, 29), 48.3);
        assert_eq!(percent(15, 29), 51.7);
        assert_eq!(percent(9999, 10000), 99.9);
        assert_eq!(percent(1, 10000), 0.1);
        assert_eq!(percent(3, 3), 100.0);
    }

    #[test]
    fn paths_inside_a_folder() {
        let p = Path::new("content/nl/intro/first.md");
        assert_eq!(
            inside(p, &["content", "nl"]).as_deref(),
            Some("intro/first.md")
        );
        assert_eq!(inside(p, &["content", "da"]), None);
        assert_eq!(inside(Path::new("content/nl"), &["content", "nl"]), None);
    }
}
