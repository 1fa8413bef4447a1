//! A language's "What's new" page and Atom feed: the recent changes
//! (src/render/changes.rs) in the home page's context.

use serde::Serialize;

use super::context::{base_context, page_data};
use super::nav::Link;
use super::pages::TreeRender;
use crate::diagnostics::Diagnostic;
use crate::load::frontmatter::Kind;

/// The template of the "What's new" pages (a theme without it has none).
pub const WHATS_NEW_TEMPLATE: &str = "whats-new.html";

/// Where a language's "What's new" page is written.
pub fn whats_new_path(lang: &str) -> String {
    format!("{lang}/whats-new.html")
}

/// Links from a language's home page to its "What's new" page and feed.
#[derive(Debug, Serialize)]
pub struct WhatsNewLinks {
    /// Relative to the home page (they share a folder).
    pub url: Option<&'static str>,
    /// `None` without a base URL (no feed is written).
    pub feed_url: Option<&'static str>,
}

impl TreeRender<'_> {
    /// The home page's links to "What's new" and the feed.
    pub fn whats_new_links(&self) -> WhatsNewLinks {
        WhatsNewLinks {
            url: self
                .templates
                .has(WHATS_NEW_TEMPLATE)
                .then_some("whats-new.html"),
            feed_url: self.site.config.base_url.is_some().then_some("feed.xml"),
        }
    }

    /// The language's "What's new" page: the home page's context (the
    /// page sits in the same folder) with the list of changes.
    pub fn render_whats_new(&self) -> Result<Vec<u8>, Diagnostic> {
        let Some(home) = &self.tree.home else {
            return Err(Diagnostic::error(
                crate::diagnostics::Code::Layout,
                "no home page",
            ));
        };
        let title = self
            .site
            .locales
            .get(&self.tree.lang)
            .and_then(|l| l.format("whats-new", None))
            .unwrap_or_else(|| "What's new".to_string());
        let mut page = page_data(self.site, home, Kind::Page, String::new(), Vec::new());
        page.title = title;
        page.summary = None;
        page.status = crate::model::Status::Source;
        page.source_url = None;
        page.content_lang = self.tree.lang.clone();
        page.file = "whats-new.html".into();
        let mut ctx = base_context(self.site, self.tree, home.into(), page);
        ctx.breadcrumbs = vec![Link {
            title: self.nav.home_title.clone(),
            url: "index.html".into(),
            content_lang: self.tree.lang.clone(),
        }];
        for l in &mut ctx.languages {
            l.url = format!("../{}", whats_new_path(&l.code));
            l.current = l.code == self.tree.lang;
            l.translated = true;
        }
        // Every language has its What's new page.
        ctx.alternates = self
            .site
            .languages
            .iter()
            .map(|l| super::context::Alternate {
                code: l.code.clone(),
                url: match &self.site.config.base_url {
                    Some(b) => format!("{b}{}", whats_new_path(&l.code)),
                    None => format!("../{}", whats_new_path(&l.code)),
                },
            })
            .collect();
        ctx.canonical = self
            .site
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", whats_new_path(&self.tree.lang)));
        let mut ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(crate::diagnostics::Code::Template, e.to_string()))?;
        ctx.insert("changes", &self.changes);
        ctx.insert("whats_new", &self.whats_new_links());
        self.templates
            .render_bytes(&self.tree.lang, WHATS_NEW_TEMPLATE, &ctx, &self.site.theme)
    }

    /// The language's Atom feed, when the base URL is known.
    pub fn feed(&self) -> Option<String> {
        let base = self.site.config.base_url.as_deref()?;
        let name = self
            .site
            .locales
            .get(&self.tree.lang)
            .and_then(|l| l.format("whats-new", None))
            .unwrap_or_else(|| "What's new".to_string());
        let title = format!("{}: {name}", self.nav.home_title);
        Some(super::changes::atom(
            &super::changes::FeedInfo {
                base,
                lang: &self.tree.lang,
                title: &title,
                author: &self.site.config.title,
            },
            &self.changes,
        ))
    }
}
