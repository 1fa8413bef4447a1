//! Stage 3, **render**: Markdown → HTML, Fluent strings and Tera templates,
//! for every page of every language, into a [`Sink`].

pub mod changes;
pub mod context;
pub mod glossary;
pub mod glossary_page;
pub mod lang_attr;
pub mod links;
pub mod markdown;
pub mod memo;
pub mod nav;
pub mod pages;
pub mod plurals;
pub mod print;
pub mod problems;
pub mod qr;
pub mod redirect;
mod renderer;
pub mod sanitize;
pub mod search;
pub mod session;
pub mod sheet;
pub mod sidebar;
pub mod sitemap;
pub mod template_graph;
pub mod templates;
pub mod whats_new_page;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Site;
use crate::write::Sink;
use context::{Alternate, LangLink};
use markdown::Parsed;

pub use renderer::{Output, Renderer};

/// What a render produced.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// HTML pages written (site pages and print pages).
    pub pages: usize,
    /// All files written, including assets and theme files.
    pub files: usize,
}

/// Parses every page's Markdown once (in parallel).
pub fn parse_all(site: &Site) -> Vec<Parsed> {
    site.docs
        .par_iter()
        .map(|d| markdown::parse(d.body.clone(), d.body_line))
        .collect()
}

/// Callout titles of a language (see [`markdown::CALLOUT_KINDS`]).
fn callout_titles(site: &Site, lang: &str) -> [String; 7] {
    markdown::CALLOUT_KINDS.map(|k| {
        let key = format!("callout-{k}");
        site.locales
            .get(lang)
            .and_then(|l| l.format(&key, None))
            .or_else(|| {
                site.locales
                    .get(&site.source_lang)
                    .and_then(|l| l.format(&key, None))
            })
            .unwrap_or_else(|| {
                let mut c = k.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            })
    })
}

/// A version string for print covers: a hash of all content, never a clock.
pub fn content_version(site: &Site) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut docs: Vec<_> = site.docs.iter().collect();
    docs.sort_by(|a, b| (&a.lang, &a.rel).cmp(&(&b.lang, &b.rel)));
    for d in docs {
        h.update(d.lang.as_bytes());
        h.update(d.rel.as_bytes());
        h.update(d.hash.as_bytes());
    }
    h.finalize()
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compiles the theme's templates for the site's languages.
pub fn load_templates(site: &Site) -> Result<templates::Templates, Vec<Diagnostic>> {
    let lang_codes: Vec<String> = site.languages.iter().map(|l| l.code.clone()).collect();
    let extra = sidebar::extra_templates(&site.theme);
    templates::load(
        &site.theme,
        &site.locales,
        &lang_codes,
        &site.source_lang,
        &extra,
    )
}

/// Renders the whole site into `sink`. Returns `None` (nothing complete was
/// written) when a page failed; the errors are in `diags`.
pub fn render(
    site: &Site,
    parsed: &[Parsed],
    sink: &dyn Sink,
    diags: &mut Vec<Diagnostic>,
) -> Option<Rendered> {
    render_with(site, parsed, load_templates(site), sink, diags)
}

/// [`render`] with templates compiled beforehand (while Markdown was parsed).
pub fn render_with(
    site: &Site,
    parsed: &[Parsed],
    templates: Result<templates::Templates, Vec<Diagnostic>>,
    sink: &dyn Sink,
    diags: &mut Vec<Diagnostic>,
) -> Option<Rendered> {
    let templates = match templates {
        Ok(t) => t,
        Err(e) => {
            diags.extend(e);
            return None;
        }
    };
    if site.config.base_url.is_none() {
        diags.push(
            Diagnostic::warning(
                Code::NoBaseUrl,
                "no base URL: sitemap.xml and the Atom feeds (<lang>/feed.xml) are not written",
            )
            .at("site.yaml")
            .help("set `base_url: https://…/` in site.yaml, or pass --base-url"),
        );
    }
    if let Err(value) = print::source_date() {
        diags.push(
            Diagnostic::warning(
                Code::Config,
                format!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds; print covers show no date"),
            )
            .help("set it to a Unix time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"),
        );
    }
    let renderer = Renderer::new(site, parsed, &templates);
    let outputs = renderer.outputs();
    let clashes = problems::collisions(
        &site.root,
        outputs.iter().map(|o| {
            let source = match o {
                Output::Asset { source, .. } => Some(*source),
                _ => None,
            };
            (renderer.path_of(o), source)
        }),
    );
    if !clashes.is_empty() {
        diags.extend(clashes);
        return None;
    }
    renderer.render(&outputs, sink, diags)
}

#[derive(Serialize)]
struct ChooserLang {
    code: String,
    name: String,
    dir: &'static str,
    title: String,
    summary: Option<String>,
    /// The site's tagline in this language.
    tagline: Option<String>,
    url: String,
}

#[derive(Serialize)]
struct ChooserContext<'a> {
    lang: &'a str,
    dir: &'static str,
    site_title: &'a str,
    identity: context::Identity,
    root: &'static str,
    base_url: Option<&'a str>,
    /// The path of the published site (`/handbook/`; `/` without a base URL),
    /// where the 404 page's links start when a server shows it.
    site_path: String,
    /// The theme's `static/style.css`, which the 404 page carries inline
    /// (a server shows it at any depth).
    style_css: String,
    choices: Vec<ChooserLang>,
    languages: Vec<LangLink>,
    alternates: Vec<Alternate>,
}

/// The path part of the base URL (`https://x.org/handbook/` → `/handbook/`).
fn site_path(base_url: Option<&str>) -> String {
    base_url
        .and_then(|u| u.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_else(|| "/".to_string())
}

/// The root language chooser and the 404 page (in the source language, with
/// every language offered).
fn chooser_like(
    site: &Site,
    templates: &templates::Templates,
    name: &str,
) -> Result<String, Diagnostic> {
    let choices = site
        .languages
        .iter()
        .zip(&site.trees)
        .map(|(l, t)| {
            let (title, summary) = match &t.home {
                Some(home) => {
                    let d = site.doc(home.doc);
                    (
                        markdown::inline_text(&d.fm.title),
                        d.fm.summary.as_deref().map(markdown::inline_html),
                    )
                }
                None => (site.config.title.clone(), None),
            };
            ChooserLang {
                code: l.code.clone(),
                name: l.name.clone(),
                dir: context::dir_name(site, &l.code),
                title,
                summary,
                tagline: context::identity(site, &l.code).tagline,
                url: t.home_output(),
            }
        })
        .collect();
    let ctx = ChooserContext {
        lang: &site.source_lang,
        dir: context::dir_name(site, &site.source_lang),
        site_title: &site.config.title,
        identity: context::identity(site, &site.source_lang),
        root: "",
        base_url: site.config.base_url.as_deref(),
        site_path: site_path(site.config.base_url.as_deref()),
        style_css: if name == "404.html" {
            site.theme
                .files
                .get("static/style.css")
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
                .unwrap_or_default()
        } else {
            String::new()
        },
        choices,
        languages: Vec::new(),
        alternates: Vec::new(),
    };
    let ctx = tera::Context::from_serialize(&ctx)
        .map_err(|e| Diagnostic::error(Code::Template, e.to_string()))?;
    templates.render(&site.source_lang, name, &ctx, &site.theme)
}
