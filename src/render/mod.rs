//! Stage 3, **render**: Markdown → HTML, Fluent strings and Tera templates,
//! for every page of every language, into a [`Sink`].

pub mod context;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod print;
pub mod sanitize;
pub mod search;
pub mod sidebar;
pub mod sitemap;
pub mod templates;

use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Site, Status};
use crate::write::Sink;
use context::{Alternate, LangLink, TreeNav};
use markdown::Parsed;
use pages::TreeRender;

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
        .map(|d| markdown::parse(&d.body, d.body_line))
        .collect()
}

/// Checks everything that can be checked before writing: links, anchors,
/// assets, translation states and interface strings.
pub fn validate(site: &Site, parsed: &[Parsed], diags: &mut Vec<Diagnostic>) {
    links::validate(site, parsed, diags);
    if !site.config.trust_html {
        for (doc, p) in site.docs.iter().zip(parsed) {
            sanitize::report(&p.raw_html, &doc.path, diags);
        }
    }
    translation_states(site, diags);
    interface_strings(site, diags);
}

/// Warnings for translations that are out of date, of unknown state, or missing.
fn translation_states(site: &Site, diags: &mut Vec<Diagnostic>) {
    for tree in &site.trees {
        let mut fallbacks = Vec::new();
        let mut unknown = Vec::new();
        for e in Site::entries(tree) {
            if e.doc == usize::MAX {
                continue;
            }
            let doc = site.doc(e.doc);
            let source = site.doc(e.source);
            match e.status {
                Status::Outdated => diags.push(
                    Diagnostic::warning(
                        Code::Outdated,
                        format!(
                            "translation is outdated: {} has changed since it was translated",
                            source.path.display()
                        ),
                    )
                    .at(&doc.path)
                    .help(format!(
                        "update the translation, then run `equil i18n mark-current {}`",
                        doc.path.display()
                    )),
                ),
                Status::Unknown => unknown.push(e.rel.clone()),
                Status::Fallback => fallbacks.push(e.rel.clone()),
                _ => {}
            }
        }
        if !unknown.is_empty() {
            let n = unknown.len();
            diags.push(
                Diagnostic::warning(
                    Code::UnknownTranslationState,
                    format!(
                        "{n} translation{} in `{}` {} no `source_hash`, so nobody can tell whether {} current",
                        if n == 1 { "" } else { "s" },
                        tree.lang,
                        if n == 1 { "has" } else { "have" },
                        if n == 1 { "it is" } else { "they are" },
                    ),
                )
                .at(format!("content/{}", tree.lang))
                .help(format!(
                    "`equil i18n status` lists them ({}); if they match the source pages, run `equil i18n mark-current --lang {}`",
                    abbreviate(&unknown, 3),
                    tree.lang
                )),
            );
        }
        if !fallbacks.is_empty() {
            let n = fallbacks.len();
            diags.push(
                Diagnostic::warning(
                    Code::Fallback,
                    format!(
                        "{n} page{} of `{}` {} shown in `{}` (not translated yet)",
                        if n == 1 { "" } else { "s" },
                        tree.lang,
                        if n == 1 { "is" } else { "are" },
                        site.source_lang
                    ),
                )
                .at(format!("content/{}", tree.lang))
                .help(format!(
                    "`equil i18n status` lists them: {}",
                    abbreviate(&fallbacks, 4)
                )),
            );
        }
    }
}

fn abbreviate(items: &[String], n: usize) -> String {
    let mut s = items.iter().take(n).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > n {
        s.push_str(&format!(" and {} more", items.len() - n));
    }
    s
}

/// Every message the theme uses must exist in the source language; in the
/// other languages a missing one falls back with a warning.
fn interface_strings(site: &Site, diags: &mut Vec<Diagnostic>) {
    let keys = templates::keys_used(&site.theme);
    for (key, template) in &keys {
        let in_source = site
            .locales
            .get(&site.source_lang)
            .map(|l| l.has(key))
            .unwrap_or(false);
        if !in_source {
            let anywhere = site.locales.langs.values().any(|l| l.has(key));
            diags.push(
                Diagnostic::error(
                    Code::FluentMissing,
                    if anywhere {
                        format!("interface string `{key}` is missing in the source language `{}`", site.source_lang)
                    } else {
                        format!("interface string `{key}` is used by the theme but defined in no language")
                    },
                )
                .at(template)
                .help(format!("add `{key} = …` to locales/{}/main.ftl", site.source_lang)),
            );
            continue;
        }
        for lang in &site.languages {
            if lang.code == site.source_lang {
                continue;
            }
            let has = site
                .locales
                .get(&lang.code)
                .map(|l| l.has(key))
                .unwrap_or(false);
            if !has {
                diags.push(
                    Diagnostic::warning(
                        Code::FluentMissing,
                        format!(
                            "interface string `{key}` is missing in `{}`; the {} text is shown",
                            lang.code, site.source_lang
                        ),
                    )
                    .at(format!("locales/{}", lang.code))
                    .help(format!("add `{key} = …` to locales/{}/main.ftl", lang.code)),
                );
            }
        }
    }
}

/// Callout titles of a language (note, tip, important, warning, caution).
fn callout_titles(site: &Site, lang: &str) -> [String; 5] {
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
fn content_version(site: &Site) -> String {
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

/// Compiles the theme's templates for the site's languages.
pub fn load_templates(site: &Site) -> Result<templates::Templates, Vec<Diagnostic>> {
    let lang_codes: Vec<String> = site.languages.iter().map(|l| l.code.clone()).collect();
    templates::load(&site.theme, &site.locales, &lang_codes, &site.source_lang)
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
    let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let files = std::sync::atomic::AtomicUsize::new(0);
    let sanitizer = sanitize::builder(&site.config.embed_hosts);
    let sanitizer = (!site.config.trust_html).then_some(&sanitizer);
    let edition = print::Edition {
        version: content_version(site),
        date: match print::source_date() {
            Ok(date) => date,
            Err(value) => {
                diags.push(
                    Diagnostic::warning(
                        Code::Config,
                        format!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds; print covers show no date"),
                    )
                    .help("set it to a Unix time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"),
                );
                None
            }
        },
    };
    let fail = |d: Diagnostic| {
        if let Ok(mut e) = errors.lock() {
            e.push(d);
        }
    };
    let write = |path: &str, bytes: &[u8], page: bool| match sink.write(path, bytes) {
        Ok(()) => {
            files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if page {
                pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
        Err(e) => fail(Diagnostic::error(
            Code::Write,
            format!("cannot write {path}: {e}"),
        )),
    };

    let renders: Vec<TreeRender<'_>> = site
        .trees
        .par_iter()
        .map(|tree| TreeRender {
            site,
            tree,
            nav: TreeNav::new(site, tree).with_sidebars(site, &tree.lang, &templates),
            parsed,
            templates: &templates,
            callout_titles: callout_titles(site, &tree.lang),
            sanitizer,
        })
        .collect();

    // Pages, print documents and search indexes of every language, as one
    // parallel list of jobs, the longest first (search indexes, then the
    // handbooks, module print pages and pages), so that no long job is
    // left to run alone at the end.
    let print = templates.has("print.html");
    let mut jobs: Vec<Job<'_, '_>> = renders.iter().map(Job::Search).collect();
    if print {
        jobs.extend(renders.iter().map(|r| Job::Print(r, None)));
        jobs.extend(
            renders
                .iter()
                .flat_map(|r| (0..r.tree.modules.len()).map(move |i| Job::Print(r, Some(i)))),
        );
    }
    jobs.extend(renders.iter().flat_map(|r| {
        r.positions()
            .into_iter()
            .map(move |(p, e)| Job::Page(r, p, e))
    }));
    jobs.par_iter().with_max_len(1).for_each(|job| match *job {
        Job::Search(r) => {
            let (path, js) = search::index_script(r);
            write(&path, js.as_bytes(), false);
        }
        Job::Print(r, mi) => match r.render_print_bytes(mi, &edition) {
            Ok((path, html)) => write(&path, &html, true),
            Err(d) => fail(d),
        },
        Job::Page(r, pos, entry) => match r.render_bytes(pos, entry) {
            Ok(html) => write(&entry.output, &html, true),
            Err(d) => fail(d),
        },
    });

    // Language chooser, 404 and sitemap.
    for (name, out) in [("chooser.html", "index.html"), ("404.html", "404.html")] {
        match chooser_like(site, &templates, name) {
            Ok(html) => write(out, html.as_bytes(), true),
            Err(d) => fail(d),
        }
    }
    match sitemap::sitemap(site) {
        Some(xml) => write("sitemap.xml", xml.as_bytes(), false),
        None => diags.push(
            Diagnostic::warning(Code::NoBaseUrl, "no base URL: sitemap.xml is not written")
                .at("site.yaml")
                .help("set `base_url: https://…/` in site.yaml, or pass --base-url"),
        ),
    }

    // Theme static files and content assets.
    let statics: Vec<_> = site.theme.statics().collect();
    statics
        .par_iter()
        .for_each(|(name, file)| write(&format!("static/{name}"), &file.bytes, false));
    let assets: Vec<(&String, &std::path::PathBuf)> =
        site.trees.iter().flat_map(|t| t.assets.iter()).collect();
    assets
        .par_iter()
        .for_each(|(out, src)| match sink.copy(out, src) {
            Ok(()) => {
                files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            Err(e) => fail(Diagnostic::error(
                Code::Io,
                format!("cannot copy {}: {e}", src.display()),
            )),
        });

    // Messages the templates asked for that a language lacks (beyond the static check).
    if let Ok(misses) = templates.misses.lock() {
        for (lang, key) in misses.iter() {
            diags.push(
                Diagnostic::warning(
                    Code::FluentMissing,
                    format!(
                        "interface string `{key}` is missing in `{lang}`; the {} text is shown",
                        site.source_lang
                    ),
                )
                .at(format!("locales/{lang}"))
                .help(format!("add `{key} = …` to locales/{lang}/main.ftl")),
            );
        }
    }

    let errs = errors.into_inner().unwrap_or_default();
    if !errs.is_empty() {
        diags.extend(errs);
        return None;
    }
    Some(Rendered {
        pages: pages.into_inner(),
        files: files.into_inner(),
    })
}

/// One parallel job of a render.
enum Job<'r, 'a> {
    /// A language's search index.
    Search(&'r TreeRender<'a>),
    /// A module's print page, or the handbook's (`None`).
    Print(&'r TreeRender<'a>, Option<usize>),
    Page(&'r TreeRender<'a>, pages::Position, &'a crate::model::Entry),
}

#[derive(Serialize)]
struct ChooserLang {
    code: String,
    name: String,
    dir: &'static str,
    title: String,
    summary: Option<String>,
    url: String,
}

#[derive(Serialize)]
struct ChooserContext<'a> {
    lang: &'a str,
    dir: &'static str,
    site_title: &'a str,
    root: &'static str,
    base_url: Option<&'a str>,
    choices: Vec<ChooserLang>,
    languages: Vec<LangLink>,
    alternates: Vec<Alternate>,
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
            let (title, summary) = if t.home.doc != usize::MAX {
                let d = site.doc(t.home.doc);
                (
                    markdown::inline_text(&d.fm.title),
                    d.fm.summary.as_deref().map(markdown::inline_html),
                )
            } else {
                (site.config.title.clone(), None)
            };
            ChooserLang {
                code: l.code.clone(),
                name: l.name.clone(),
                dir: context::dir_name(site, &l.code),
                title,
                summary,
                url: t.home.output.clone(),
            }
        })
        .collect();
    let ctx = ChooserContext {
        lang: &site.source_lang,
        dir: context::dir_name(site, &site.source_lang),
        site_title: &site.config.title,
        root: "",
        base_url: site.config.base_url.as_deref(),
        choices,
        languages: Vec::new(),
        alternates: Vec::new(),
    };
    let ctx = tera::Context::from_serialize(&ctx)
        .map_err(|e| Diagnostic::error(Code::Template, e.to_string()))?;
    templates.render(&site.source_lang, name, &ctx, &site.theme)
}
