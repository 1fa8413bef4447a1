//! The data templates see: a page's own data and the context around it
//! (navigation itself is in [`super::nav`]).

use serde::Serialize;

use super::links::{relative, to_root};
use super::markdown::{inline_html, inline_text, Heading};
use super::nav::{Link, ModuleNav};
use crate::history::dates::DateText;
use crate::load::frontmatter::Kind;
use crate::model::{kind_name, Entry, Site, Status, Tree};

/// Pre-rendered HTML, in an object so that `{% if sidebar %}` looks at it
/// without copying (Tera escapes a string it tests).
#[derive(Debug, Clone, Serialize)]
pub struct SidebarHtml {
    pub html: String,
}

/// The site's identity in one language (site.yaml: title, tagline, logo,
/// footer, funding), for the header, the footer and print covers.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    pub title: String,
    pub tagline: Option<String>,
    /// Path of the logo from the output root (`static/logo.svg`).
    pub logo: Option<String>,
    /// The footer text as HTML (inline Markdown).
    pub footer: Option<String>,
    /// The funder block to show (`erasmus-plus`), if the site opted in.
    pub funding: Option<&'static str>,
}

/// The site's identity in `lang`.
pub fn identity(site: &Site, lang: &str) -> Identity {
    let c = &site.config;
    let source = site.source_lang.as_str();
    Identity {
        title: c.title.clone(),
        tagline: c
            .tagline
            .as_ref()
            .and_then(|t| t.get(lang, source))
            .map(str::to_string),
        logo: site.theme.logo().map(str::to_string),
        footer: c
            .footer
            .as_ref()
            .and_then(|t| t.get(lang, source))
            .map(inline_html),
        funding: c.funding.map(|f| match f {
            crate::load::config::Funding::ErasmusPlus => "erasmus-plus",
        }),
    }
}

/// A language in the switcher, linking to the same page in that language.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct LangLink {
    pub code: String,
    pub name: String,
    pub url: String,
    pub current: bool,
    /// False when that language shows this page as a fallback.
    pub translated: bool,
}

/// `<link rel="alternate" hreflang>` target.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Alternate {
    pub code: String,
    pub url: String,
}

/// The page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageData {
    pub title: String,
    pub summary: Option<String>,
    /// The summary as plain text (for `<meta name="description">`).
    pub summary_text: Option<String>,
    pub kind: &'static str,
    pub content: String,
    /// Headings of level 2 and 3, for the on-page table of contents.
    pub toc: Vec<Heading>,
    pub duration: Option<u32>,
    pub group_size: Option<String>,
    pub materials: Vec<String>,
    pub objectives: Vec<String>,
    pub audience: Vec<String>,
    pub extra: serde_json::Value,
    pub status: Status,
    pub content_lang: String,
    pub content_dir: &'static str,
    /// Link to the current source page (for the outdated notice).
    pub source_url: Option<String>,
    /// The source page's language (with `source_url`).
    pub source_lang: Option<String>,
    /// This page's file name, to mark it in the module navigation.
    pub file: String,
    /// When the page's file last changed (from git history).
    pub updated: Option<DateText>,
    /// When the source version an outdated translation was made from was committed.
    pub outdated_since: Option<DateText>,
    /// A card's (or page's) handouts.
    pub handouts: Vec<super::session::HandoutLink>,
    /// A session plan's timed agenda, materials and handouts.
    pub session: Option<super::session::SessionPlan>,
    /// A handout's card (or page).
    pub card: Option<Link>,
    /// A handout's or session plan's printable sheet, and its PDF.
    pub sheet_url: Option<String>,
    pub pdf_url: Option<String>,
}

/// A file to download from the home page.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// `pdf` or `epub`.
    pub format: &'static str,
    pub url: String,
}

/// Everything a page template gets.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    pub site_title: &'a str,
    pub identity: Identity,
    /// Relative path to the output root (`../../`).
    pub root: String,
    /// Relative URL of this language's home page.
    pub home_url: String,
    /// Relative URL of this language's handbook print page.
    pub handbook_print_url: String,
    /// Relative URL of the search index script of this language.
    pub search_index_url: String,
    /// Relative path from this page to its language folder (`../`, or `""`
    /// on the language's home): search results are relative to that folder.
    pub lang_root: String,
    pub page: PageData,
    /// The current module (pages and module overviews).
    pub module: Option<&'a ModuleNav>,
    /// Relative path from this page to its module's folder (`""` inside it).
    pub module_base: String,
    /// The module's navigation as HTML (`sidebar.html`), when it was
    /// rendered once for the module (then `module` has no `pages`); else
    /// templates render it.
    pub sidebar: Option<SidebarHtml>,
    /// All modules (home page), URLs relative to the home folder.
    pub modules: &'a [ModuleNav],
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub languages: Vec<LangLink>,
    pub alternates: Vec<Alternate>,
    /// Absolute URL of this page, when the base URL is known.
    pub canonical: Option<String>,
    /// "About this handbook" links (home page and footer), relative.
    pub about: Vec<Link>,
    /// "Edit this page": the page's file in this language on the forge
    /// (`edit_url` of site.yaml), when set.
    pub edit_url: Option<String>,
    /// The handbook of this language as PDF and EPUB (when published).
    pub downloads: Vec<Download>,
}

pub fn dir_name(site: &Site, lang: &str) -> &'static str {
    match site
        .languages
        .iter()
        .find(|l| l.code == lang)
        .map(|l| l.direction)
    {
        Some(crate::load::locales::Direction::Rtl) => "rtl",
        _ => "ltr",
    }
}

/// Where a file is written and which page it shows: what the language
/// switcher and the links of its context need (a page's [`Entry`], or a
/// print or glossary page).
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// Identity shared by translations: `module/page.md`.
    pub rel: &'a str,
    /// Output path below the output folder: `nl/module/page.html`.
    pub output: &'a str,
}

impl<'a> From<&'a Entry> for Place<'a> {
    fn from(e: &'a Entry) -> Self {
        Place {
            rel: &e.rel,
            output: &e.output,
        }
    }
}

/// Switcher entries and hreflang alternates for the file at `place` of `tree`.
pub fn languages_for(
    site: &Site,
    tree: &Tree,
    place: Place<'_>,
) -> (Vec<LangLink>, Vec<Alternate>) {
    let mut switcher = Vec::new();
    let mut alternates = Vec::new();
    for (lang, other, e) in site.translations_of(place.rel) {
        switcher.push(LangLink {
            code: lang.code.clone(),
            name: lang.name.clone(),
            url: relative(place.output, &e.output),
            current: other.lang == tree.lang,
            translated: e.status.exists(),
        });
        if e.status.exists() {
            let url = match &site.config.base_url {
                Some(base) => format!("{base}{}", e.output),
                None => relative(place.output, &e.output),
            };
            alternates.push(Alternate {
                code: lang.code.clone(),
                url,
            });
        }
    }
    (switcher, alternates)
}

/// Builds the page data for an entry, with its rendered content.
pub fn page_data(
    site: &Site,
    entry: &Entry,
    kind: Kind,
    content: String,
    toc: Vec<Heading>,
) -> PageData {
    let doc = site.doc(entry.doc);
    let source_url = match entry.status {
        Status::Outdated | Status::Unknown => site
            .tree(&site.source_lang)
            .and_then(|t| t.outputs.get(&entry.rel))
            .map(|out| relative(&entry.output, out)),
        _ => None,
    };
    PageData {
        summary: doc.fm.summary.as_deref().map(inline_html),
        summary_text: doc.fm.summary.as_deref().map(inline_text),
        content,
        toc: toc
            .into_iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .collect(),
        duration: doc.fm.duration,
        group_size: doc.fm.group_size.as_ref().map(|g| g.to_string()),
        materials: doc.fm.materials.iter().map(|m| inline_html(m)).collect(),
        objectives: doc.fm.objectives.iter().map(|o| inline_html(o)).collect(),
        audience: doc.fm.audience.clone(),
        extra: doc.fm.extra.clone().unwrap_or(serde_json::Value::Null),
        status: entry.status,
        source_lang: source_url.as_ref().map(|_| site.source_lang.clone()),
        source_url,
        ..PageData::new(
            inline_text(&doc.fm.title),
            kind_name(kind),
            (doc.lang.clone(), dir_name(site, &doc.lang)),
            entry.output.rsplit('/').next().unwrap_or("").to_string(),
        )
    }
}

impl PageData {
    /// A page with its title, kind, language (code and direction) and file
    /// name, and nothing else yet: no text, facts, dates, notices or links.
    pub fn new(
        title: String,
        kind: &'static str,
        (content_lang, content_dir): (String, &'static str),
        file: String,
    ) -> PageData {
        PageData {
            title,
            summary: None,
            summary_text: None,
            kind,
            content: String::new(),
            toc: Vec::new(),
            duration: None,
            group_size: None,
            materials: Vec::new(),
            objectives: Vec::new(),
            audience: Vec::new(),
            extra: serde_json::Value::Null,
            status: Status::Source,
            content_lang,
            content_dir,
            source_url: None,
            source_lang: None,
            file,
            updated: None,
            outdated_since: None,
            handouts: Vec::new(),
            session: None,
            card: None,
            sheet_url: None,
            pdf_url: None,
        }
    }
}

/// Common parts of a page context.
pub fn base_context<'a>(
    site: &'a Site,
    tree: &'a Tree,
    place: Place<'_>,
    page: PageData,
) -> PageContext<'a> {
    let (languages, alternates) = languages_for(site, tree, place);
    PageContext {
        lang: &tree.lang,
        dir: dir_name(site, &tree.lang),
        site_title: &site.config.title,
        identity: identity(site, &tree.lang),
        root: to_root(place.output),
        home_url: relative(place.output, &tree.home_output()),
        handbook_print_url: relative(place.output, &format!("{}/print.html", tree.lang)),
        search_index_url: relative(place.output, &format!("{}/search-index.js", tree.lang)),
        lang_root: relative(place.output, &format!("{}/index.html", tree.lang))
            .trim_end_matches("index.html")
            .to_string(),
        page,
        module: None,
        module_base: String::new(),
        sidebar: None,
        modules: &[],
        breadcrumbs: Vec::new(),
        prev: None,
        next: None,
        languages,
        alternates,
        canonical: site
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", place.output)),
        about: Vec::new(),
        edit_url: edit_url(site, &tree.lang, place.rel),
        downloads: if site.config.downloads {
            ["pdf", "epub"]
                .into_iter()
                .map(|format| Download {
                    format,
                    url: relative(
                        place.output,
                        &format!("{format}/{}/handbook.{format}", tree.lang),
                    ),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The edit link of the page `rel` in language `lang`: its own file, or for a
/// fallback the path its translation will have (`content/<lang>/<rel>`).
pub fn edit_url(site: &Site, lang: &str, rel: &str) -> Option<String> {
    let template = site.config.edit_url.as_ref()?;
    let path = format!("{}/{lang}/{rel}", crate::load::content::CONTENT_DIR);
    Some(template.replace("{path}", &super::links::encode_path(&path)))
}
