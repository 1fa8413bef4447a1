//! Print documents: one module (`<lang>/<module>/print.html`) or the whole
//! handbook (`<lang>/print.html`) as a single page, chapter after chapter,
//! with links between its chapters turned into in-document anchors, and
//! links out of it shown with their address for readers of paper.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;

use super::context::{dir_name, languages_for, Alternate, Place};
use super::links::{relative, to_root, PrintScope, TreeLinks};
use super::markdown::{inline_html, inline_text, to_html, HtmlOptions};
use super::pages::TreeRender;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::Paper;
use crate::load::frontmatter::Kind;
use crate::model::{kind_name, Entry, Position, Status, Tree, HOME_REL};

/// What every print document of a build shows on its cover.
#[derive(Debug, Clone, Default)]
pub struct Edition {
    /// Identifies the content version (a hash of all content, never a clock).
    pub version: String,
    /// `YYYY-MM-DD` from `SOURCE_DATE_EPOCH`, when it is set.
    pub date: Option<String>,
}

/// One chapter of a print document: a page of the site, starting on a new sheet.
#[derive(Debug, Serialize)]
pub struct Chapter {
    /// Anchor of the chapter; ids inside it start with `<id>--`.
    pub id: String,
    pub title: String,
    /// 0: a top-level chapter, 1: a page inside a module (handbook only).
    pub depth: u8,
    /// Level of the chapter's title element (`h2` or `h3`).
    pub heading: u8,
    /// `module`, `toolkit`, `page` or `tool`.
    pub kind: &'static str,
    /// Module number in the handbook (for "Module 2" above its title).
    pub number: Option<usize>,
    /// Named CSS page of the chapter (its running title), e.g. `m2`.
    pub page_name: String,
    pub summary: Option<String>,
    pub content: String,
    pub duration: Option<u32>,
    pub group_size: Option<String>,
    pub materials: Vec<String>,
    pub objectives: Vec<String>,
    pub audience: Vec<String>,
    pub fallback: bool,
    pub content_lang: String,
    pub content_dir: &'static str,
    /// The chapter's web address as a QR code (base URL known, `print_qr`).
    pub qr: Option<super::qr::Qr>,
    /// A session plan's timed agenda.
    pub session: Option<super::session::SessionPlan>,
}

/// A named CSS page with the title shown at the top of its sheets.
#[derive(Debug, Serialize)]
struct Running {
    name: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct PrintContext<'a> {
    lang: &'a str,
    dir: &'static str,
    site_title: &'a str,
    identity: super::context::Identity,
    root: String,
    home_url: String,
    /// Where "back to the website" goes: the module's overview, or the home page.
    back_url: String,
    /// The handbook's or the module's title.
    title: String,
    /// "handbook" or "module".
    scope: &'static str,
    summary: Option<String>,
    version: &'a str,
    date: Option<&'a str>,
    /// CSS page size: `A4` or `letter`.
    paper: &'static str,
    chapters: Vec<Chapter>,
    /// Running titles: one named page per module.
    running: Vec<Running>,
    alternates: Vec<Alternate>,
}

/// The output path and cover of a print document.
struct Cover {
    output: String,
    /// The handbook's or the module's title.
    title: String,
    summary: Option<String>,
    /// "handbook" or "module".
    scope: &'static str,
}

/// One part of a document before rendering: entry, depth, module index.
struct Part<'e> {
    entry: &'e Entry,
    depth: u8,
    module: Option<usize>,
}

impl TreeRender<'_> {
    /// Renders the print document of module `mi` (or of the handbook when
    /// `None`). Returns the output path and the HTML.
    pub fn render_print(
        &self,
        mi: Option<usize>,
        edition: &Edition,
    ) -> Result<(String, String), Diagnostic> {
        let (path, bytes) = self.render_print_bytes(mi, edition)?;
        Ok((path, super::templates::utf8(bytes)?))
    }

    /// [`TreeRender::render_print`] with the HTML as the bytes to write.
    pub fn render_print_bytes(
        &self,
        mi: Option<usize>,
        edition: &Edition,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let lang = &self.tree.lang;
        let home_output = self.tree.home_output();
        let Cover {
            output,
            title,
            summary,
            scope,
        } = self.cover(mi);
        let chapters = self.chapters(mi, &output);
        let running = self.running_titles(mi);
        let alternates = self.print_alternates(mi, &output);
        let ctx = PrintContext {
            lang,
            dir: dir_name(self.site, lang),
            site_title: &self.site.config.title,
            identity: super::context::identity(self.site, lang),
            root: to_root(&output),
            home_url: relative(&output, &home_output),
            back_url: match mi {
                Some(i) => relative(&output, &self.tree.modules[i].index.output),
                None => relative(&output, &home_output),
            },
            title,
            scope,
            summary,
            version: &edition.version,
            date: edition.date.as_deref(),
            paper: match self.site.config.paper {
                Paper::A4 => "A4",
                Paper::Letter => "letter",
            },
            chapters,
            running,
            alternates,
        };
        let values = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(Code::Template, e.to_string()));
        // The chapters' HTML is in the template's values now: a handbook
        // holds every page's text, so this copy goes before rendering.
        drop(ctx);
        let ctx = values?;
        let html = self
            .templates
            .render_bytes(lang, "print.html", &ctx, &self.site.theme)?;
        Ok((output, html))
    }

    /// The output path and cover of module `mi`'s document (or the handbook's).
    fn cover(&self, mi: Option<usize>) -> Cover {
        let lang = &self.tree.lang;
        match mi {
            Some(mi) => {
                let m = &self.tree.modules[mi];
                let doc = self.site.doc(m.index.doc);
                Cover {
                    output: format!("{lang}/{}/print.html", m.slug),
                    title: inline_text(&doc.fm.title),
                    summary: doc.fm.summary.as_deref().map(inline_html),
                    scope: "module",
                }
            }
            None => {
                let (title, summary) = match &self.tree.home {
                    Some(home) => {
                        let d = self.site.doc(home.doc);
                        (
                            inline_text(&d.fm.title),
                            d.fm.summary.as_deref().map(inline_html),
                        )
                    }
                    None => (self.site.config.title.clone(), None),
                };
                Cover {
                    output: format!("{lang}/print.html"),
                    title,
                    summary,
                    scope: "handbook",
                }
            }
        }
    }

    /// The chapters of the document written to `output`, rendered.
    fn chapters(&self, mi: Option<usize>, output: &str) -> Vec<Chapter> {
        let parts = parts(self.tree, mi);
        let ids = chapter_ids(self.tree, mi, &parts);
        let scope_map = PrintScope {
            chapters: parts
                .iter()
                .zip(&ids)
                .map(|(p, id)| (p.entry.rel.clone(), id.clone()))
                .collect(),
            base_url: self.site.config.base_url.clone(),
        };

        // In parallel: a handbook has every page of its language.
        parts
            .par_iter()
            .zip(ids)
            .map(|(part, id)| self.chapter(part, id, mi.is_none(), output, &scope_map))
            .collect()
    }

    /// Running titles: the module's title on each of its sheets.
    fn running_titles(&self, mi: Option<usize>) -> Vec<Running> {
        match mi {
            Some(i) => vec![self.running(i)],
            None => (0..self.tree.modules.len())
                .map(|i| self.running(i))
                .collect(),
        }
    }

    /// The same document in the other languages.
    fn print_alternates(&self, mi: Option<usize>, output: &str) -> Vec<Alternate> {
        let anchor = Place {
            rel: match mi {
                Some(i) => &self.tree.modules[i].index.rel,
                None => HOME_REL,
            },
            output,
        };
        let (_, mut alternates) = languages_for(self.site, self.tree, anchor);
        for a in &mut alternates {
            a.url = print_sibling(&a.url);
        }
        alternates
    }

    fn running(&self, mi: usize) -> Running {
        let m = &self.tree.modules[mi];
        Running {
            name: format!("m{}", mi + 1),
            title: inline_text(&self.site.doc(m.index.doc).fm.title),
        }
    }

    fn chapter(
        &self,
        part: &Part<'_>,
        id: String,
        handbook: bool,
        output: &str,
        scope: &PrintScope,
    ) -> Chapter {
        let entry = part.entry;
        let doc = self.site.doc(entry.doc);
        let prefix = format!("{id}--");
        let links = TreeLinks {
            tree: self.tree,
            doc_rel: &doc.rel,
            from: output,
            print: Some((scope, &prefix)),
            glossary: &self.site.glossary,
        };
        // The cover's title is the document's h1; chapter titles are h2
        // (pages of a module in the handbook: h3); the page's own headings
        // go below them.
        let heading = if part.depth == 0 { 2 } else { 3 };
        let content = to_html(
            &self.parsed[entry.doc],
            &HtmlOptions {
                links: &links,
                id_prefix: &prefix,
                callout_titles: &self.callout_titles,
                titles_lang: (doc.lang != self.tree.lang).then_some(self.tree.lang.as_str()),
                lang: &doc.lang,
                heading_shift: heading - 1,
                sanitizer: self.sanitizer.as_deref(),
            },
        );
        let is_index = entry.rel.ends_with("_index.md");
        let kind = match (is_index, part.module) {
            (true, Some(i)) => self.tree.modules[i].kind,
            (false, Some(i)) => {
                doc.fm
                    .kind
                    .unwrap_or(if self.tree.modules[i].kind == Kind::Toolkit {
                        Kind::Tool
                    } else {
                        Kind::Page
                    })
            }
            (_, None) => Kind::Page,
        };
        Chapter {
            id,
            title: inline_text(&doc.fm.title),
            depth: part.depth,
            heading,
            kind: kind_name(kind),
            number: match part.module {
                Some(i) if handbook && is_index => Some(i + 1),
                _ => None,
            },
            page_name: match part.module {
                Some(i) => format!("m{}", i + 1),
                None => "front".to_string(),
            },
            summary: doc.fm.summary.as_deref().map(inline_html),
            content,
            duration: doc.fm.duration,
            group_size: doc.fm.group_size.as_ref().map(|g| g.to_string()),
            materials: doc.fm.materials.iter().map(|x| inline_html(x)).collect(),
            objectives: doc.fm.objectives.iter().map(|x| inline_html(x)).collect(),
            audience: doc.fm.audience.clone(),
            fallback: entry.status == Status::Fallback,
            content_lang: doc.lang.clone(),
            content_dir: dir_name(self.site, &doc.lang),
            qr: self.page_qr(entry),
            session: (kind == Kind::Session)
                .then(|| super::session::plan(self.site, self.tree, entry, output)),
        }
    }

    /// The QR code for a printed page (a chapter, or a handout's sheet): the
    /// web address of the same page in the same language. `None` without a
    /// base URL or with `print_qr: false`. Templates show it with
    /// `{% include "qr-code.html" %}` (variable `qr`).
    pub fn page_qr(&self, entry: &Entry) -> Option<super::qr::Qr> {
        let base = self.site.config.base_url.as_ref()?;
        if !self.site.config.print_qr {
            return None;
        }
        let url = format!("{base}{}", super::links::encode_path(&entry.output));
        let label = self
            .site
            .locales
            .get(&self.tree.lang)
            .and_then(|l| l.format("print-qr-label", None))
            .unwrap_or_else(|| "QR code".to_string());
        self.qr_codes.code(&url, &label)
    }
}

/// The parts of a print document: module `mi`'s overview and pages, or (when
/// `None`) the handbook: home page, then each module with its pages.
fn parts(tree: &Tree, mi: Option<usize>) -> Vec<Part<'_>> {
    tree.book(mi)
        .map(|(pos, entry)| Part {
            entry,
            // In the handbook, a module's pages are sections of its chapter.
            depth: match pos {
                Position::Page(..) | Position::Handout(..) if mi.is_none() => 1,
                _ => 0,
            },
            module: pos.module(),
        })
        .collect()
}

/// The anchors of the chapters of module `mi`'s print document (or the
/// handbook's, when `None`), in order: what its table of contents links to.
pub fn chapter_anchors(tree: &Tree, mi: Option<usize>) -> Vec<String> {
    chapter_ids(tree, mi, &parts(tree, mi))
}

/// The anchors in the handbook of module `mi`'s chapters, in the order of
/// its own print document's ([`chapter_anchors`] of `Some(mi)`).
pub fn handbook_anchors_of(tree: &Tree, mi: usize) -> Vec<String> {
    let parts = parts(tree, None);
    let ids = chapter_ids(tree, None, &parts);
    parts
        .iter()
        .zip(ids)
        .filter(|(p, _)| p.module == Some(mi))
        .map(|(_, id)| id)
        .collect()
}

/// Chapter ids: unique within the document and stable across builds.
fn chapter_ids(tree: &Tree, mi: Option<usize>, parts: &[Part<'_>]) -> Vec<String> {
    let mut seen = HashSet::new();
    parts
        .iter()
        .map(|p| {
            let file = p
                .entry
                .output
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".html");
            let base = match (mi, p.module) {
                (Some(_), _) => format!("ch-{file}"),
                (None, None) if p.entry.rel == "_index.md" => "ch-introduction".to_string(),
                (None, None) => format!("ch-{file}"),
                (None, Some(i)) if file == "index" => format!("ch-{}", tree.modules[i].slug),
                (None, Some(i)) => format!("ch-{}-{file}", tree.modules[i].slug),
            };
            let mut id = base.clone();
            let mut n = 2;
            while !seen.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        })
        .collect()
}

/// `../nl/m/index.html` → `../nl/m/print.html`.
fn print_sibling(url: &str) -> String {
    match url.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/print.html"),
        None => "print.html".to_string(),
    }
}

/// The build date for print covers from `SOURCE_DATE_EPOCH` (reproducible
/// builds: <https://reproducible-builds.org/specs/source-date-epoch/>).
/// `Err` holds the value when it is not a number of seconds.
pub fn source_date() -> Result<Option<String>, String> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let value = value.to_string_lossy().trim().to_string();
    if value.is_empty() {
        return Ok(None);
    }
    let secs: i64 = value.parse().map_err(|_| value.clone())?;
    Ok(Some(iso_date(secs)))
}

/// `YYYY-MM-DD` of a Unix time (UTC), after Howard Hinnant's `civil_from_days`.
pub fn iso_date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_unix_time() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_704_067_199), "2023-12-31");
        assert_eq!(iso_date(1_709_251_200), "2024-03-01");
        assert_eq!(iso_date(-86_400), "1969-12-31");
    }
}
