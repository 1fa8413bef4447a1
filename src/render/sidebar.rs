//! The module navigation of the sidebar, rendered once per module and
//! language instead of once per page.
//!
//! With the built-in templates, a page's sidebar is the `module_toc` macro
//! of `macros.html` for its module, which differs from page to page only in
//! the `aria-current="page"` on the link to the page itself. So the macro is
//! rendered once per module with no current page, the place of each link's
//! marker is noted, and each page gets a copy with its marker inserted:
//! byte for byte what the macro would have written. Page templates then get
//! the module without its list of pages (only the sidebar reads it), so that
//! no page serialises the whole module's navigation.
//!
//! A site that overrides one of the page templates gets the macro rendered
//! per page, as the templates say.

use std::iter::once;

use super::nav::ModuleNav;
use super::templates::Templates;
use crate::load::theme::Theme;

/// Name of the internal template that renders one module's navigation.
pub const TEMPLATE: &str = "equil-internal/sidebar.html";

/// Its source: the macro that `layout.html` calls, for pages inside the
/// module's folder (`base` is empty there).
pub const SOURCE: &str =
    "{% import \"macros.html\" as m -%}{{ m::module_toc(module=module, base=\"\", current=current) }}";

/// Templates that must be the built-in ones for pages to use pre-rendered sidebars.
const BUILT_IN: [&str; 5] = [
    "templates/base.html",
    "templates/layout.html",
    "templates/macros.html",
    "templates/page.html",
    "templates/tool.html",
];

/// What the macro writes after the `href="…"` of the current page's link.
const MARK: &str = " aria-current=\"page\"";

/// Whether pages of this theme can use pre-rendered sidebars.
pub fn applies(theme: &Theme) -> bool {
    BUILT_IN.iter().all(|p| theme.is_builtin(p))
}

/// The internal templates the sidebars need, for [`super::templates::load`]:
/// none when the theme overrides a page template.
pub fn extra_templates(theme: &Theme) -> Vec<(String, String)> {
    match applies(theme) {
        true => vec![(TEMPLATE.to_string(), SOURCE.to_string())],
        false => Vec::new(),
    }
}

/// Each module's sidebar, rendered once, in the order of `modules`; empty
/// when the theme's page templates are not the built-in ones.
pub fn render_all(
    templates: &Templates,
    theme: &Theme,
    lang: &str,
    modules: &[ModuleNav],
) -> Vec<Option<Sidebar>> {
    match applies(theme) {
        true => modules
            .iter()
            .map(|m| Sidebar::render(templates, theme, lang, m))
            .collect(),
        false => Vec::new(),
    }
}

/// One module's sidebar, rendered once.
#[derive(Debug, Clone)]
pub struct Sidebar {
    /// The module as page templates see it: without its pages.
    pub module: ModuleNav,
    html: String,
    /// The value of `current` that marks each link, and the byte offset
    /// where its marker goes (ascending).
    marks: Vec<(String, usize)>,
}

impl Sidebar {
    /// Renders the sidebar of `module` in `lang`. `None` when the output
    /// does not have the expected links (the page is then rendered in full).
    pub fn render(
        templates: &Templates,
        theme: &Theme,
        lang: &str,
        module: &ModuleNav,
    ) -> Option<Sidebar> {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("module", module);
        ctx.insert("current", "");
        let html = templates.render(lang, TEMPLATE, &ctx, theme).ok()?;
        // The overview's link first, then each page's, in order.
        let mut marks = Vec::with_capacity(module.pages.len() + 1);
        let mut from = 0;
        for url in once("index.html").chain(module.pages.iter().map(|p| p.url.as_str())) {
            let needle = format!("href=\"{}\"", tera::escape_html(url));
            let at = from + html.get(from..)?.find(&needle)? + needle.len();
            marks.push((url.to_string(), at));
            from = at;
        }
        Some(Sidebar {
            module: ModuleNav {
                pages: Vec::new(),
                ..module.clone()
            },
            html,
            marks,
        })
    }

    /// The sidebar of the page whose file name is `current`.
    pub fn for_page(&self, current: &str) -> String {
        let mut out = String::with_capacity(self.html.len() + MARK.len());
        let mut done = 0;
        for (url, at) in &self.marks {
            if url == current {
                out.push_str(&self.html[done..*at]);
                out.push_str(MARK);
                done = *at;
            }
        }
        out.push_str(&self.html[done..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::load::{locales::Locales, theme};
    use crate::render::nav::NavItem;

    fn item(url: &str) -> NavItem {
        NavItem {
            title: format!("Page {url}"),
            url: url.to_string(),
            kind: "page",
            summary: None,
            duration: None,
            group_size: None,
            fallback: false,
            content_lang: "en".into(),
        }
    }

    #[test]
    fn the_built_in_macro_is_rendered_once_and_marked_per_page() {
        let root = tempfile::tempdir().unwrap();
        let theme = theme::load(root.path(), "default").unwrap();
        assert!(applies(&theme));
        let langs = vec!["en".to_string()];
        let locales = Arc::new(Locales::load(root.path(), &langs, "en", &mut Vec::new()));
        let extra = extra_templates(&theme);
        let templates =
            crate::render::templates::load(&theme, &locales, &langs, "en", &extra).unwrap();
        let module = ModuleNav {
            title: "Module".into(),
            summary: None,
            kind: "module",
            duration: None,
            objectives: Vec::new(),
            audience: Vec::new(),
            url: "m/index.html".into(),
            slug: "m".into(),
            fallback: false,
            content_lang: "en".into(),
            pages: vec![item("a.html"), item("b&c.html")],
        };
        let s = Sidebar::render(&templates, &theme, "en", &module)
            .unwrap_or_else(|| panic!("no sidebar"));
        assert!(s.module.pages.is_empty());
        let macro_output = |current: &str| {
            let mut ctx = tera::Context::new();
            ctx.insert("lang", "en");
            ctx.insert("module", &module);
            ctx.insert("current", current);
            templates.render("en", TEMPLATE, &ctx, &theme).unwrap()
        };
        for current in ["a.html", "b&c.html", "index.html", "other.html"] {
            assert_eq!(s.for_page(current), macro_output(current), "{current}");
        }
        assert_eq!(s.for_page("a.html").matches(MARK).count(), 1);
    }
}
