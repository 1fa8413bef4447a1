//! Building the model: from everything loaded from disk ([`Inputs`]) to
//! the [`Site`], in steps (drafts, inherited keys, the source layout, each
//! language's tree, redirects for old paths).

use std::path::PathBuf;
use std::sync::Arc;

use super::layout::Layout;
use super::scope::Scope;
use super::site::Site;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::Config;
use crate::load::content::{Content, Doc};
use crate::load::glossary::Glossaries;
use crate::load::locales::Locales;
use crate::load::theme::Theme;

/// Options that change what goes into the model.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    pub drafts: bool,
    /// Report every draft page (for `equil check`).
    pub list_drafts: bool,
}

/// What the model is built from: everything loaded from disk.
pub struct Inputs {
    pub root: PathBuf,
    pub config: Config,
    pub content: Content,
    pub locales: Arc<Locales>,
    pub theme: Theme,
    /// The site's languages, in switcher order.
    pub lang_codes: Vec<String>,
    pub glossary: Glossaries,
}

/// Whether a document goes into the site: not a draft (unless drafts are
/// wanted), and in one of the site's languages.
pub fn is_published(doc: &Doc, lang_codes: &[String], opts: &ModelOptions) -> bool {
    (opts.drafts || !doc.fm.draft) && lang_codes.contains(&doc.lang)
}

/// Builds the model from loaded content. Problems go to `diags`.
pub fn build(inputs: Inputs, opts: &ModelOptions, diags: &mut Vec<Diagnostic>) -> Site {
    let Inputs {
        root,
        config,
        content,
        locales,
        theme,
        lang_codes,
        glossary,
    } = inputs;
    let source_lang = config.source_language.clone();
    if opts.list_drafts {
        report_drafts(&content.docs, opts, diags);
    }
    let Content { docs, assets, .. } = content;
    let mut docs: Vec<Doc> = docs
        .into_iter()
        .filter(|d| is_published(d, &lang_codes, opts))
        .collect();
    super::inherit::from_source(&mut docs, &source_lang);
    let layout = Layout::read(&docs, &source_lang, diags);
    let languages = super::languages::named(&lang_codes, &locales);
    let trees = lang_codes
        .iter()
        .map(|lang| {
            let scope = Scope {
                docs: &docs,
                layout: &layout,
                lang,
                source_lang: &source_lang,
            };
            super::lang_tree::build(&scope, &assets, diags)
        })
        .collect();
    drop(layout);
    let mut site = Site {
        root,
        config,
        source_lang,
        languages,
        docs,
        trees,
        locales,
        theme,
        glossary,
        history: Arc::default(),
    };
    super::aliases::resolve(&mut site, diags);
    site
}

/// Reports every draft page (for `equil check`).
fn report_drafts(docs: &[Doc], opts: &ModelOptions, diags: &mut Vec<Diagnostic>) {
    for d in docs.iter().filter(|d| d.fm.draft) {
        diags.push(
            Diagnostic::warning(
                Code::Draft,
                if opts.drafts {
                    "draft page (included because of --drafts)"
                } else {
                    "draft page: not published"
                },
            )
            .at(&d.path)
            .help("remove `draft: true` to publish it"),
        );
    }
}
