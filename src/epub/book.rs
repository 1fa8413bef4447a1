//! One e-book assembled in memory: its chapters (a module, or the whole
//! handbook), metadata, cover, title page, chapter files and images.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, PageDirection, ReferenceType, ZipLibrary,
};
use fluent_bundle::FluentArgs;
use rayon::prelude::*;

use super::chapter::chapter_xhtml;
use super::xhtml::{self, cover_svg, document, esc, message};
use super::Chapter;
use super::HANDBOOK;
use crate::model::{Position, Site, Tree};
use crate::render;
use crate::render::context::dir_name;
use crate::render::markdown::{inline_text, Parsed};

/// The book's style sheet.
const STYLESHEET: &str = include_str!("epub.css");

/// The chapters of a book: module `mi` (overview, pages each followed by
/// its handouts), or the handbook (home page, then every module).
pub(super) fn chapters(tree: &Tree, mi: Option<usize>) -> Vec<Chapter<'_>> {
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
pub(super) fn assemble(
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
    let front = Front {
        site,
        lang,
        dir,
        title: &title,
        summary: summary.as_deref(),
    };
    set_metadata(&mut b, &front, tree, mi);
    b.stylesheet(STYLESHEET.as_bytes())?;
    add_cover_and_title(&mut b, &front, mi.is_none())?;

    let bodies: Vec<String> = chapters
        .par_iter()
        .map(|c| chapter_xhtml(site, parsed, tree, c, &files, &images))
        .collect();
    add_chapters(&mut b, site, &chapters, &bodies)?;
    add_images(&mut b, &images.into_inner().unwrap_or_default())?;
    let mut out = Vec::new();
    b.generate(&mut out)?;
    // Reproducible with `SOURCE_DATE_EPOCH`: the entries carry its date.
    if let Ok(Some(date)) = render::print::source_date() {
        out = super::container::redate(&out, &date).unwrap_or(out);
    }
    Ok(out)
}

/// What the front of a book shows: its language, direction, title and summary.
struct Front<'a> {
    site: &'a Site,
    lang: &'a str,
    dir: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
}

/// The package metadata: version, direction, title, language, contents
/// name, description, a stable identifier and the content's date.
fn set_metadata(
    b: &mut EpubBuilder<ZipLibrary>,
    front: &Front<'_>,
    tree: &Tree,
    mi: Option<usize>,
) {
    let Front {
        site, lang, dir, ..
    } = *front;
    b.epub_version(EpubVersion::V30);
    if dir == "rtl" {
        b.epub_direction(PageDirection::Rtl);
    }
    b.set_title(front.title.to_string());
    b.set_languages(vec![lang.to_string()]);
    // No `dc:creator`: epub-builder 0.8 gives it the same id as the
    // language, which epubcheck rejects (RSC-005).
    b.set_generator("equil");
    b.set_toc_name(message(site, lang, "epub-contents", None));
    if let Some(s) = front.summary {
        b.add_description(s.to_string());
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
}

/// The cover (image and page) and the title page.
fn add_cover_and_title(
    b: &mut EpubBuilder<ZipLibrary>,
    front: &Front<'_>,
    handbook: bool,
) -> epub_builder::Result<()> {
    let Front {
        site,
        lang,
        dir,
        title,
        summary,
    } = *front;
    b.add_cover_image(
        "cover.svg",
        cover_svg(&site.config.title, title, dir == "rtl").as_bytes(),
        "image/svg+xml",
    )?;
    let cover = document(
        lang,
        dir,
        title,
        &format!(
            "<section epub:type=\"cover\" class=\"cover\"><img src=\"cover.svg\" alt=\"{}\"/></section>\n",
            esc(title)
        ),
    );
    b.add_content(
        EpubContent::new("cover.xhtml", cover.as_bytes())
            .title(message(site, lang, "epub-cover", None))
            .reftype(ReferenceType::Cover),
    )?;
    let title_page = title_page(site, lang, dir, title, summary, handbook);
    b.add_content(
        EpubContent::new("title.xhtml", title_page.as_bytes())
            .title(title.to_string())
            .reftype(ReferenceType::TitlePage),
    )?;
    Ok(())
}

/// The chapter files, in order, at their navigation levels.
fn add_chapters(
    b: &mut EpubBuilder<ZipLibrary>,
    site: &Site,
    chapters: &[Chapter<'_>],
    bodies: &[String],
) -> epub_builder::Result<()> {
    for (i, (c, body)) in chapters.iter().zip(bodies).enumerate() {
        let title = inline_text(&site.doc(c.entry.doc).fm.title);
        let mut content = EpubContent::new(c.file.clone(), body.as_bytes())
            .title(title)
            .level(c.level);
        if i == 0 {
            content = content.reftype(ReferenceType::Text);
        }
        b.add_content(content)?;
    }
    Ok(())
}

/// The images the chapters use (book file name → source file).
fn add_images(
    b: &mut EpubBuilder<ZipLibrary>,
    images: &BTreeMap<String, PathBuf>,
) -> epub_builder::Result<()> {
    for (file, source) in images {
        let bytes = std::fs::read(source)?;
        let kind = xhtml::image_type(file).unwrap_or("application/octet-stream");
        b.add_resource(file, bytes.as_slice(), kind)?;
    }
    Ok(())
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
