//! Redirect pages for old paths (`aliases:`): a meta refresh and a link to
//! the page's new place, `rel=canonical` and `noindex`, in the page's language.

use serde::Serialize;

use super::context::dir_name;
use super::links::{relative, to_root};
use super::markdown::inline_text;
use super::pages::TreeRender;
use crate::diagnostics::{Code, Diagnostic};

#[derive(Serialize)]
struct RedirectContext<'a> {
    lang: &'a str,
    dir: &'static str,
    site_title: &'a str,
    root: String,
    /// The new page, relative to the redirect page.
    url: String,
    /// The new page's absolute URL (base URL known), else `url`.
    canonical: String,
    /// The new page's title.
    title: String,
}

impl TreeRender<'_> {
    /// Renders redirect page `index` of this tree: (output path, HTML).
    pub fn render_redirect(&self, index: usize) -> Result<(String, Vec<u8>), Diagnostic> {
        let r = &self.tree.redirects[index];
        let url = relative(&r.output, &r.target);
        let title = Some(&r.target)
            .and_then(|t| crate::model::Site::entries(self.tree).find(|e| &e.output == t))
            .map(|e| inline_text(&self.site.doc(e.doc).fm.title))
            .unwrap_or_default();
        let ctx = RedirectContext {
            lang: &self.tree.lang,
            dir: dir_name(self.site, &self.tree.lang),
            site_title: &self.site.config.title,
            root: to_root(&r.output),
            canonical: match &self.site.config.base_url {
                Some(b) => format!("{b}{}", super::links::encode_path(&r.target)),
                None => url.clone(),
            },
            url,
            title,
        };
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(Code::Template, e.to_string()))?;
        let html = self
            .templates
            .render_bytes(&self.tree.lang, "redirect.html", &ctx, &self.site.theme)
            .map_err(|d| match d.path {
                Some(_) => d,
                None => d.at(&r.declared_in),
            })?;
        Ok((r.output.clone(), html))
    }
}
