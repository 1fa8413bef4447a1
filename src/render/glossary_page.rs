//! Rendering the glossary page of a language from [`super::glossary`]'s
//! terms, with the page context every page gets.

use serde::Serialize;

use super::context::{base_context, dir_name, Alternate, LangLink, PageContext, PageData, Place};
use super::glossary::{message, output, terms, title, TermView};
use super::links::relative;
use super::nav::{about_for, Link};
use super::pages::TreeRender;
use crate::diagnostics::{Code, Diagnostic};

#[derive(Serialize)]
struct GlossaryContext<'a> {
    #[serde(flatten)]
    base: PageContext<'a>,
    terms: Vec<TermView>,
}

impl TreeRender<'_> {
    /// Renders the glossary page of this tree.
    pub fn render_glossary(&self) -> Result<(String, Vec<u8>), Diagnostic> {
        let lang = &self.tree.lang;
        let out = output(lang);
        let anchor = Place {
            rel: crate::load::glossary::GLOSSARY_FILE,
            output: &out,
        };
        let title = title(self.site, lang);
        let intro = message(self.site, lang, "glossary-intro");
        let page = PageData {
            summary_text: intro.clone(),
            summary: intro,
            ..PageData::new(
                title.clone(),
                "glossary",
                (lang.clone(), dir_name(self.site, lang)),
                "glossary.html".to_string(),
            )
        };
        let mut base = base_context(self.site, self.tree, anchor, page);
        base.about = about_for(&self.nav, &out);
        base.breadcrumbs = vec![Link {
            title: self.nav.home_title.clone(),
            url: relative(&out, &self.tree.home_output()),
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
