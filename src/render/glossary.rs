//! The glossary of a language (`<lang>/glossary.html`): every term of the
//! source glossary, in this language where it is translated, sorted by the
//! language's collation (ICU4X), each with its names in the other languages
//! linked to their entries. Also what `[text](glossary:id)` links point to
//! and the definition shown with them. The page itself is rendered in
//! [`super::glossary_page`].

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorPreferences};
use icu_locale_core::Locale;
use serde::Serialize;

pub use super::links::glossary_output as output;
use super::links::relative;
use super::markdown::inline_html;
use crate::model::Site;

/// The glossary page's title in `lang` (Fluent `glossary-title`).
pub fn title(site: &Site, lang: &str) -> String {
    message(site, lang, "glossary-title").unwrap_or_else(|| "Glossary".to_string())
}

/// A Fluent message in `lang`, else in the source language.
pub fn message(site: &Site, lang: &str, key: &str) -> Option<String> {
    [lang, site.source_lang.as_str()]
        .iter()
        .find_map(|l| site.locales.get(l).and_then(|s| s.format(key, None)))
}

/// A term's name in another language, linked to its entry there.
#[derive(Debug, Serialize)]
pub struct Equivalent {
    pub code: String,
    pub name: String,
    pub term: String,
    pub url: String,
}

/// One entry of the glossary page.
#[derive(Debug, Serialize)]
pub struct TermView {
    pub id: String,
    pub term: String,
    /// The definition as inline HTML.
    pub definition: String,
    pub synonyms: Vec<String>,
    /// Not translated yet: the source language's entry is shown.
    pub fallback: bool,
    pub content_lang: String,
    pub equivalents: Vec<Equivalent>,
}

/// Sorts strings by a language's collation (root collation when ICU has no
/// data for it).
pub fn sort_by_collation<T>(lang: &str, items: &mut [T], key: impl Fn(&T) -> &str) {
    let locale = Locale::try_from_str(lang).unwrap_or(Locale::UNKNOWN);
    let prefs = CollatorPreferences::from(&locale);
    match Collator::try_new(prefs, CollatorOptions::default()) {
        Ok(c) => items.sort_by(|a, b| c.compare(key(a), key(b))),
        Err(_) => items.sort_by_key(|a| key(a).to_lowercase()),
    }
}

/// The entries of `lang`'s glossary page, sorted.
pub fn terms(site: &Site, lang: &str) -> Vec<TermView> {
    let Some(src) = site.glossary.source() else {
        return Vec::new();
    };
    let from = output(lang);
    let mut v: Vec<TermView> = src
        .terms
        .keys()
        .filter_map(|id| {
            let (t, fallback) = site.glossary.term(lang, id)?;
            let equivalents = site
                .languages
                .iter()
                .filter(|l| l.code != lang)
                .filter_map(|l| {
                    let other = site.glossary.by_lang.get(&l.code)?.terms.get(id)?;
                    Some(Equivalent {
                        code: l.code.clone(),
                        name: l.name.clone(),
                        term: other.term.clone(),
                        url: format!("{}#{id}", relative(&from, &output(&l.code))),
                    })
                })
                .collect();
            Some(TermView {
                id: id.clone(),
                term: t.term.clone(),
                definition: inline_html(&t.definition),
                synonyms: t.synonyms.clone(),
                fallback,
                content_lang: if fallback {
                    site.source_lang.clone()
                } else {
                    lang.to_string()
                },
                equivalents,
            })
        })
        .collect();
    sort_by_collation(lang, &mut v, |t| t.term.as_str());
    v
}

#[cfg(test)]
mod tests {
    use super::sort_by_collation;

    #[test]
    fn danish_letters_sort_after_z() {
        let mut v = vec!["åben", "zebra", "ærlig", "øre", "abe"];
        sort_by_collation("da", &mut v, |s| s);
        assert_eq!(v, ["abe", "zebra", "ærlig", "øre", "åben"]);
        let mut v = vec!["åben", "zebra", "ærlig", "øre", "abe"];
        sort_by_collation("en", &mut v, |s| s);
        assert_eq!(v, ["abe", "åben", "ærlig", "øre", "zebra"]);
    }
}
