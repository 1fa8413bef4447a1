//! The glossary page of a language (`<lang>/glossary.html`): every term of
//! the source glossary, in this language where it is translated, sorted by
//! the language's collation (ICU4X), each with its names in the other
//! languages linked to their entries. Also what `[text](glossary:id)` links
//! point to and the definition shown with them.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorPreferences};
use icu_locale_core::Locale;
use serde::Serialize;

use super::context::{
    about_for, base_context, dir_name, Alternate, LangLink, PageContext, PageData,
};
use super::links::relative;
use super::markdown::inline_html;
use super::pages::TreeRender;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Entry, Site, Status};

/// The glossary page's output path in `lang`.
pub fn output(lang: &str) -> String {
    format!("{lang}/glossary.html")
}

/// The glossary page's title in `lang` (Fluent `glossary-title`).
pub fn title(site: &Site, lang: &str) -> String {
    message(site, lang, "glossary-title").unwrap_or_else(|| "Glossary".to_string())
}

/// A Fluent message in `lang`, else in the source language.
fn message(site: &Site, lang: &str, key: &str) -> Option<String> {
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

#[derive(Serialize)]
struct GlossaryContext<'a> {
    #[serde(flatten)]
    base: PageContext<'a>,
    terms: Vec<TermView>,
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

impl TreeRender<'_> {
    /// Renders the glossary page of this tree.
    pub fn render_glossary(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let lang = &self.tree.lang;
        let out = output(lang);
        let anchor = Entry {
            rel: crate::load::glossary::GLOSSARY_FILE.to_string(),
            doc: usize::MAX,
            source: usize::MAX,
            status: Status::Source,
            output: out.clone(),
        };
        let title = title(self.site, lang);
        let intro = message(self.site, lang, "glossary-intro");
        let page = PageData {
            title: title.clone(),
            summary_text: intro.clone(),
            summary: intro,
            kind: "glossary",
            content: String::new(),
            toc: Vec::new(),
            duration: None,
            group_size: None,
            materials: Vec::new(),
            objectives: Vec::new(),
            audience: Vec::new(),
            extra: serde_json::Value::Null,
            updated: None,
            outdated_since: None,
            handouts: Vec::new(),
            session: None,
            card: None,
            sheet_url: None,
            pdf_url: None,
            status: Status::Source,
            content_lang: lang.clone(),
            content_dir: dir_name(self.site, lang),
            source_url: None,
            source_lang: None,
            file: "glossary.html".to_string(),
        };
        let mut base = base_context(self.site, self.tree, &anchor, page);
        base.about = about_for(&self.nav, &out);
        base.breadcrumbs = vec![super::context::Link {
            title: self.nav.home_title.clone(),
            url: relative(&out, &self.tree.home.output),
            content_lang: lang.clone(),
        }];
        (base.languages, base.alternates) = self.glossary_languages(&out);
        let ctx = GlossaryContext {
            base,
            terms: terms(self.site, lang),
        };
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(Code::Template, e.to_string()))?;
        let html = self
            .templates
            .render_bytes(lang, "glossary.html", &ctx, &self.site.theme)?;
        Ok((out, html))
    }

    fn glossary_languages(&self, from: &str) -> (Vec<LangLink>, Vec<Alternate>) {
        let site = self.site;
        let switcher = site
            .languages
            .iter()
            .map(|l| LangLink {
                code: l.code.clone(),
                name: l.name.clone(),
                url: relative(from, &output(&l.code)),
                current: l.code == self.tree.lang,
                translated: site.glossary.by_lang.contains_key(&l.code),
            })
            .collect();
        let alternates = site
            .languages
            .iter()
            .filter(|l| site.glossary.by_lang.contains_key(&l.code))
            .map(|l| Alternate {
                code: l.code.clone(),
                url: match &site.config.base_url {
                    Some(b) => format!("{b}{}", output(&l.code)),
                    None => relative(from, &output(&l.code)),
                },
            })
            .collect();
        (switcher, alternates)
    }
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
