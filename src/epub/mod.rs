//! `equil epub`: one EPUB 3 per language (`<output>/<lang>/handbook.epub`)
//! and per module (`<output>/<lang>/<module>.epub`), from the same parsed
//! pages as the print documents: a cover, a title page with the funding
//! statement, a navigation document with the module and page structure,
//! one XHTML file per page (handouts after their card), images, and links
//! between pages rewritten to the book's own files. The container is
//! written by the `epub-builder` crate.

mod xhtml;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, PageDirection, ReferenceType, ZipLibrary,
};
use fluent_bundle::FluentArgs;
use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::frontmatter::Kind;
use crate::model::{Entry, Position, Site, Status, Tree};
use crate::pipeline::{self, SiteOptions};
use crate::render::context::dir_name;
use crate::render::markdown::{inline_text, to_html, HtmlOptions, Parsed};
use crate::render::{self, session};
use crate::select::{BookKind, Selection};
use xhtml::{cover_svg, document, esc, message, to_xml, BookLinks};

pub use crate::select::HANDBOOK;

/// The book's style sheet.
const STYLESHEET: &str = include_str!("epub.css");

/// What `equil epub` makes.
#[derive(Debug, Clone)]
pub struct EpubOptions {
    pub site: SiteOptions,
    /// Only this language (default: every language).
    pub lang: Option<String>,
    /// Only this module, by folder name or slug (default: every module and the handbook).
    pub module: Option<String>,
    /// Where to write `<lang>/<module>.epub` and `<lang>/handbook.epub`.
    pub output: PathBuf,
}

impl EpubOptions {
    pub fn new(root: impl Into<PathBuf>, output: impl Into<PathBuf>) -> Self {
        EpubOptions {
            site: SiteOptions::new(root),
            lang: None,
            module: None,
            output: output.into(),
        }
    }
}

/// An EPUB file that was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub lang: String,
    /// The module's slug, or [`HANDBOOK`].
    pub name: String,
    /// Chapters (pages) in it.
    pub chapters: usize,
}

/// How `equil epub` went.
#[derive(Debug, Default)]
pub struct EpubOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub written: Vec<Written>,
    /// Warnings of the site check, kept apart (`equil check` lists them).
    pub build_warnings: Vec<Diagnostic>,
    /// The options named a language or module that does not exist.
    pub usage_error: bool,
}

impl EpubOutcome {
    pub fn failed(&self) -> bool {
        self.usage_error || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One book to write: module `module` of tree `tree`, or its handbook.
struct Book {
    tree: usize,
    module: Option<usize>,
    output: PathBuf,
}

/// Loads and checks the site, then writes the books.
pub fn run(opts: &EpubOptions) -> EpubOutcome {
    let mut out = EpubOutcome::default();
    let mut diags = Vec::new();
    let Some(site) = pipeline::load_site(&opts.site, &mut diags) else {
        out.diagnostics = diags;
        return out;
    };
    let parsed = render::parse_all(&site);
    crate::check::site(
        crate::check::Input {
            site: &site,
            parsed: &parsed,
        },
        &mut diags,
    );
    let (warnings, errors): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| !d.is_error());
    out.build_warnings = warnings;
    if !errors.is_empty() {
        out.diagnostics = errors;
        return out;
    }
    let books = match plan(&site, opts) {
        Ok(b) => b,
        Err(d) => {
            out.diagnostics.push(d);
            out.usage_error = true;
            return out;
        }
    };
    let results: Vec<Result<Written, Diagnostic>> = books
        .par_iter()
        .map(|b| write_book(&site, &parsed, b))
        .collect();
    for r in results {
        match r {
            Ok(w) => out.written.push(w),
            Err(d) => out.diagnostics.push(d),
        }
    }
    out
}

/// The books the options ask for, in language and module order.
fn plan(site: &Site, opts: &EpubOptions) -> Result<Vec<Book>, Diagnostic> {
    let selection = Selection {
        lang: opts.lang.as_deref(),
        module: opts.module.as_deref(),
    };
    let kind = BookKind {
        noun: "e-book",
        extension: "epub",
    };
    let mut books = Vec::new();
    for sel in selection.resolve(site, kind)? {
        let tree = &site.trees[sel.tree];
        let dir = opts.output.join(&tree.lang);
        for &mi in &sel.modules {
            books.push(Book {
                tree: sel.tree,
                module: Some(mi),
                output: dir.join(format!("{}.epub", tree.modules[mi].slug)),
            });
        }
        if sel.handbook {
            books.push(Book {
                tree: sel.tree,
                module: None,
                output: dir.join(format!("{HANDBOOK}.epub")),
            });
        }
    }
    Ok(books)
}

/// One chapter: a page of the book, with its level in the navigation.
struct Chapter<'t> {
    entry: &'t Entry,
    level: i32,
    file: String,
}

/// The chapters of a book: module `mi` (overview, pages each followed by
/// its handouts), or the handbook (home page, then every module).
fn chapters(tree: &Tree, mi: Option<usize>) -> Vec<Chapter<'_>> {
    tree.book(mi)
        .filter_map(|(pos, entry)| match pos {
            Position::Home | Position::Module(_) => Some((entry, 1)),
            Position::Page(..) => Some((entry, 2)),
            Position::Handout(..) => Some((entry, 3)),
            // The pages about the handbook are not in the e-book.
            Position::About(_) => None,
        })
        .enumerate()
        .map(|(i, (entry, level))| Chapter {
            entry,
            level,
            file: format!("ch-{:03}.xhtml", i + 1),
        })
        .collect()
}

fn write_book(site: &Site, parsed: &[Parsed], book: &Book) -> Result<Written, Diagnostic> {
    let tree = &site.trees[book.tree];
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(Code::Write, format!("cannot write the e-book: {what}: {e}"))
            .at(&book.output)
    };
    let bytes = assemble(site, parsed, tree, book.module).map_err(|e| fail("epub", &e))?;
    crate::pdf::write_atomic(&book.output, &bytes)
        .map_err(|e| Diagnostic::error(Code::Write, e).at(&book.output))?;
    Ok(Written {
        path: book.output.clone(),
        lang: tree.lang.clone(),
        name: match book.module {
            Some(m) => tree.modules[m].slug.clone(),
            None => HANDBOOK.to_string(),
        },
        chapters: chapters(tree, book.module).len(),
    })
}

/// The book's title and summary: the module's, or the handbook's home page.
fn book_title(site: &Site, tree: &Tree, mi: Option<usize>) -> (String, Option<String>) {
    let entry = match (mi, &tree.home) {
        (Some(m), _) => &tree.modules[m].index,
        (None, Some(home)) => home,
        (None, None) => return (site.config.title.clone(), None),
    };
    let fm = &site.doc(entry.doc).fm;
    (
        inline_text(&fm.title),
        fm.summary.as_deref().map(inline_text),
    )
}

/// Builds the EPUB in memory.
fn assemble(
    site: &Site,
    parsed: &[Parsed],
    tree: &Tree,
    mi: Option<usize>,
) -> epub_builder::Result<Vec<u8>> {
    let lang = tree.lang.as_str();
    let dir = dir_name(site, lang);
    let (title, summary) = book_title(site, tree, mi);
    let chapters = chapters(tree, mi);
    let files: HashMap<String, String> = chapters
        .iter()
        .map(|c| (c.entry.rel.clone(), c.file.clone()))
        .collect();
    let images = Mutex::new(BTreeMap::new());

    let mut b = EpubBuilder::new(ZipLibrary::new()?)?;
    b.epub_version(EpubVersion::V30);
    if dir == "rtl" {
        b.epub_direction(PageDirection::Rtl);
    }
    b.set_title(title.clone());
    b.set_languages(vec![lang.to_string()]);
    // No `dc:creator`: epub-builder 0.8 gives it the same id as the
    // language, which epubcheck rejects (RSC-005).
    b.set_generator("equil");
    b.set_toc_name(message(site, lang, "epub-contents", None));
    if let Some(s) = &summary {
        b.add_description(s.clone());
    }
    let name = match mi {
        Some(m) => tree.modules[m].slug.as_str(),
        None => HANDBOOK,
    };
    let id_base = site
        .config
        .base_url
        .clone()
        .unwrap_or_else(|| format!("equil:{}", site.config.title));
    b.set_uuid(uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("{id_base}{lang}/{name}.epub").as_bytes(),
    ));
    if let Ok(Some(date)) = render::print::source_date() {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
            let t = d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
            b.set_modified_date(t);
            b.set_publication_date(t);
        }
    }
    b.stylesheet(STYLESHEET.as_bytes())?;
    b.add_cover_image(
        "cover.svg",
        cover_svg(&site.config.title, &title, dir == "rtl").as_bytes(),
        "image/svg+xml",
    )?;
    let cover = document(
        lang,
        dir,
        &title,
        &format!(
            "<section epub:type=\"cover\" class=\"cover\"><img src=\"cover.svg\" alt=\"{}\"/></section>\n",
            esc(&title)
        ),
    );
    b.add_content(
        EpubContent::new("cover.xhtml", cover.as_bytes())
            .title(message(site, lang, "epub-cover", None))
            .reftype(ReferenceType::Cover),
    )?;
    let title_page = title_page(site, lang, dir, &title, summary.as_deref(), mi.is_none());
    b.add_content(
        EpubContent::new("title.xhtml", title_page.as_bytes())
            .title(title.clone())
            .reftype(ReferenceType::TitlePage),
    )?;

    let bodies: Vec<String> = chapters
        .par_iter()
        .map(|c| chapter_xhtml(site, parsed, tree, c, &files, &images))
        .collect();
    for (i, (c, body)) in chapters.iter().zip(&bodies).enumerate() {
        let title = inline_text(&site.doc(c.entry.doc).fm.title);
        let mut content = EpubContent::new(c.file.clone(), body.as_bytes())
            .title(title)
            .level(c.level);
        if i == 0 {
            content = content.reftype(ReferenceType::Text);
        }
        b.add_content(content)?;
    }
    let images = images.into_inner().unwrap_or_default();
    for (file, source) in &images {
        let bytes = std::fs::read(source)?;
        let kind = xhtml::image_type(file).unwrap_or("application/octet-stream");
        b.add_resource(file, bytes.as_slice(), kind)?;
    }
    let mut out = Vec::new();
    b.generate(&mut out)?;
    Ok(out)
}

/// The title page: title, summary, language, content version, and the
/// funding statement with the Commission's disclaimer.
fn title_page(
    site: &Site,
    lang: &str,
    dir: &str,
    title: &str,
    summary: Option<&str>,
    handbook: bool,
) -> String {
    let t = |k: &str| esc(&message(site, lang, k, None));
    let mut args = FluentArgs::new();
    args.set("language", message(site, lang, "lang-name", None));
    let language = esc(&message(site, lang, "print-language", Some(&args)));
    let mut body = format!(
        "<section epub:type=\"titlepage\" class=\"title-page\">\n<p class=\"brand\">{}</p>\n<p class=\"kind\">{}</p>\n<h1>{}</h1>\n",
        esc(&site.config.title),
        t(if handbook {
            "print-handbook-label"
        } else {
            "print-module-label"
        }),
        esc(title)
    );
    if let Some(s) = summary {
        body.push_str(&format!("<p class=\"summary\">{}</p>\n", esc(s)));
    }
    body.push_str(&format!(
        "<p class=\"meta\">{language}</p>\n<p class=\"meta\">{}</p>\n<p class=\"funded\">{}</p>\n<p class=\"small\">{}</p>\n<p class=\"small\">{}</p>\n</section>\n",
        esc(&message(site, lang, "print-version", Some(&{
            let mut a = FluentArgs::new();
            a.set("version", render::content_version(site));
            a
        }))),
        t("footer-funded"),
        t("footer-project"),
        t("footer-disclaimer"),
    ));
    document(lang, dir, title, &body)
}

/// The XHTML of one chapter.
fn chapter_xhtml(
    site: &Site,
    parsed: &[Parsed],
    tree: &Tree,
    c: &Chapter<'_>,
    files: &HashMap<String, String>,
    images: &Mutex<BTreeMap<String, PathBuf>>,
) -> String {
    let lang = tree.lang.as_str();
    let dir = dir_name(site, lang);
    let doc = site.doc(c.entry.doc);
    let links = BookLinks {
        site,
        tree,
        doc_rel: &doc.rel,
        chapters: files,
        images,
    };
    let titles = crate::render::markdown::CALLOUT_KINDS
        .map(|k| message(site, lang, &format!("callout-{k}"), None));
    let html = to_html(
        &parsed[c.entry.doc],
        &HtmlOptions {
            links: &links,
            id_prefix: "",
            callout_titles: &titles,
            titles_lang: (doc.lang != lang).then_some(lang),
            lang: &doc.lang,
            heading_shift: 0,
            sanitizer: None,
        },
    );
    let title = inline_text(&doc.fm.title);
    let fallback = c.entry.status == Status::Fallback;
    let mut body = String::from("<section epub:type=\"chapter\"");
    if fallback {
        let d = dir_name(site, &doc.lang);
        body.push_str(&format!(
            " lang=\"{l}\" xml:lang=\"{l}\" dir=\"{d}\"",
            l = esc(&doc.lang)
        ));
    }
    body.push_str(">\n");
    let eyebrow = match doc.fm.kind {
        Some(Kind::Tool) => Some("tool-card"),
        Some(Kind::Handout) => Some("handout"),
        Some(Kind::Session) => Some("session-plan"),
        _ => None,
    };
    let ui = |text: String, class: &str| {
        let attrs = if fallback {
            format!(
                " lang=\"{l}\" xml:lang=\"{l}\" dir=\"{dir}\"",
                l = esc(lang)
            )
        } else {
            String::new()
        };
        format!("<p class=\"{class}\"{attrs}>{}</p>\n", esc(&text))
    };
    if let Some(k) = eyebrow {
        body.push_str(&ui(message(site, lang, k, None), "eyebrow"));
    }
    body.push_str(&format!("<h1>{}</h1>\n", esc(&title)));
    if fallback {
        body.push_str(&ui(message(site, lang, "fallback-notice", None), "notice"));
    }
    if let Some(s) = &doc.fm.summary {
        body.push_str(&format!(
            "<p class=\"summary\">{}</p>\n",
            esc(&inline_text(s))
        ));
    }
    body.push_str(&card_facts(site, lang, doc));
    if doc.fm.kind == Some(Kind::Session) {
        body.push_str(&session_table(site, tree, c.entry, files));
    }
    body.push_str(&to_xml(&html));
    body.push_str("</section>\n");
    document(lang, dir, &title, &body)
}

/// A tool card's duration, group size and materials.
fn card_facts(site: &Site, lang: &str, doc: &crate::load::content::Doc) -> String {
    let fm = &doc.fm;
    if fm.duration.is_none() && fm.group_size.is_none() && fm.materials.is_empty() {
        return String::new();
    }
    let t = |k: &str| esc(&message(site, lang, k, None));
    let mut s = String::from("<dl class=\"facts\">\n");
    if let Some(d) = fm.duration {
        let mut a = FluentArgs::new();
        a.set("minutes", d);
        s.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            t("tool-duration"),
            esc(&message(site, lang, "duration-minutes", Some(&a)))
        ));
    }
    if let Some(g) = &fm.group_size {
        let mut a = FluentArgs::new();
        a.set("size", g.to_string());
        s.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            t("tool-group-size"),
            esc(&message(site, lang, "tool-group-size-value", Some(&a)))
        ));
    }
    if !fm.materials.is_empty() {
        s.push_str(&format!("<dt>{}</dt><dd><ul>", t("tool-materials")));
        for m in &fm.materials {
            s.push_str(&format!("<li>{}</li>", esc(&inline_text(m))));
        }
        s.push_str("</ul></dd>\n");
    }
    s.push_str("</dl>\n");
    s
}

/// A session plan's timed table, linking to the chapters in the book.
fn session_table(
    site: &Site,
    tree: &Tree,
    entry: &Entry,
    files: &HashMap<String, String>,
) -> String {
    let lang = tree.lang.as_str();
    let plan = session::plan(site, tree, entry, &entry.output);
    let t = |k: &str| esc(&message(site, lang, k, None));
    let mut s = format!(
        "<table class=\"session\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        t("session-time"),
        t("session-activity"),
        t("session-minutes")
    );
    let agenda = &site.doc(entry.doc).fm.agenda;
    for (row, item) in plan.rows.iter().zip(agenda) {
        let target = item
            .page
            .as_deref()
            .map(session::reference)
            .and_then(|rel| files.get(&rel));
        let title = match target {
            Some(f) => format!("<a href=\"{}\">{}</a>", esc(f), esc(&row.title)),
            None => esc(&row.title),
        };
        s.push_str(&format!(
            "<tr><td>{}–{}</td><td>{title}</td><td>{}</td></tr>\n",
            esc(&row.start),
            esc(&row.end),
            row.minutes.map(|m| m.to_string()).unwrap_or_default()
        ));
    }
    s.push_str("</tbody>\n</table>\n");
    s
}
