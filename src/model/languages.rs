//! The site's languages: which are built (site.yaml's list, or every
//! language folder) and what each is called in the language switcher.

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::Config;
use crate::load::content::Content;
use crate::load::locales::{Direction, Locales};

/// A language of the site.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub direction: Direction,
}

/// Decides the site's languages: `site.yaml`'s list, or every language folder.
pub fn languages(
    config: &Config,
    content: &Content,
    locale_langs: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut langs: Vec<String> = if config.languages.is_empty() {
        let mut all: Vec<String> = content
            .languages
            .iter()
            .chain(locale_langs.iter())
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        all
    } else {
        for l in &content.languages {
            if !config.languages.contains(l) {
                diags.push(
                    Diagnostic::warning(
                        Code::Config,
                        format!("content/{l}/ is not built: `{l}` is not in the `languages` of site.yaml"),
                    )
                    .at("site.yaml")
                    .help(format!("add `{l}` to `languages`")),
                );
            }
        }
        config.languages.clone()
    };
    if !langs.contains(&config.source_language) {
        if config.languages.is_empty() {
            langs.insert(0, config.source_language.clone());
        } else {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!(
                        "the source language `{}` is not in `languages`",
                        config.source_language
                    ),
                )
                .at("site.yaml")
                .help("add it to `languages`, or set `source_language`"),
            );
        }
    }
    langs
}

/// The site's languages `codes` (in switcher order), each with its name in
/// its own language and its writing direction.
pub(super) fn named(codes: &[String], locales: &Locales) -> Vec<Language> {
    let mut languages: Vec<Language> = codes
        .iter()
        .map(|code| {
            let strings = locales.get(code);
            Language {
                code: code.clone(),
                name: strings
                    .map(|s| s.native_name.clone())
                    .or_else(|| crate::load::names::native_name(code))
                    .unwrap_or_else(|| code.clone()),
                direction: strings.map(|s| s.direction).unwrap_or(Direction::Ltr),
            }
        })
        .collect();
    distinct_names(&mut languages);
    languages
}

/// Two languages of the site called the same (`中文` for both `zh-Hans` and
/// `zh-Hant`) get CLDR's names, which tell script and region variants apart.
fn distinct_names(languages: &mut [Language]) {
    let names: Vec<String> = languages.iter().map(|l| l.name.clone()).collect();
    for l in languages.iter_mut() {
        if names.iter().filter(|n| **n == l.name).count() > 1 {
            if let Some(n) = crate::load::names::native_name(&l.code) {
                l.name = n;
            }
        }
    }
}
