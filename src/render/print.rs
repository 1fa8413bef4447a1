//! Print documents: one module (`<lang>/<module>/print.html`) or the whole
//! handbook (`<lang>/print.html`) as a single page, chapter after chapter,
//! with links between its chapters turned into in-document anchors.

use serde::Serialize;

use super::context::{dir_name, languages_for, Alternate, LangLink};
use super::links::{relative, to_root, PrintScope, TreeLinks};
use super::markdown::{inline_html, inline_text, to_html, Heading, HtmlOptions};
use super::pages::TreeRender;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::frontmatter::Kind;
use crate::model::{kind_name, Entry, Status};

/// One chapter of a print document.
#[derive(Debug, Serialize)]
pub struct Chapter {
    pub id: String,
    pub title: String,
    /// 1: a module (in the handbook), 2: a page.
    pub level: u8,
    pub kind: &'static str,
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
    /// Sections of the chapter (for the table of contents).
    pub toc: Vec<Heading>,
}

#[derive(Debug, Serialize)]
struct PrintContext<'a> {
    lang: &'a str,
    dir: &'static str,
    site_title: &'a str,
    root: String,
    home_url: String,
    /// The handbook's or the module's title.
    title: String,
    /// "handbook" or "module".
    scope: &'static str,
    summary: Option<String>,
    /// Identifies the content version on the cover (a hash, never a clock).
    version: String,
    paper: &'static str,
    chapters: Vec<Chapter>,
    languages: Vec<LangLink>,
    alternates: Vec<Alternate>,
}

impl TreeRender<'_> {
    /// Renders the print document of module `mi` (or of the handbook when `None`).
    pub fn render_print(
        &self,
        mi: Option<usize>,
        version: &str,
    ) -> Result<(String, String), Diagnostic> {
        let lang = &self.tree.lang;
        let (output, title, summary, scope, parts): (
            String,
            String,
            Option<String>,
            &'static str,
            Vec<(&Entry, u8, Option<usize>)>,
        ) = match mi {
            Some(mi) => {
                let m = &self.tree.modules[mi];
                let doc = self.site.doc(m.index.doc);
                let mut parts = vec![(&m.index, 2u8, Some(mi))];
                parts.extend(m.pages.iter().map(|p| (p, 2u8, Some(mi))));
                (
                    format!("{lang}/{}/print.html", m.slug),
                    inline_text(&doc.fm.title),
                    doc.fm.summary.as_deref().map(inline_html),
                    "module",
                    parts,
                )
            }
            None => {
                let home = &self.tree.home;
                let mut parts = Vec::new();
                if home.doc != usize::MAX {
                    parts.push((home, 1u8, None));
                }
                for (i, m) in self.tree.modules.iter().enumerate() {
                    parts.push((&m.index, 1u8, Some(i)));
                    parts.extend(m.pages.iter().map(|p| (p, 2u8, Some(i))));
                }
                let (title, summary) = if home.doc != usize::MAX {
                    let d = self.site.doc(home.doc);
                    (
                        inline_text(&d.fm.title),
                        d.fm.summary.as_deref().map(inline_html),
                    )
                } else {
                    (self.site.config.title.clone(), None)
                };
                (
                    format!("{lang}/print.html"),
                    title,
                    summary,
                    "handbook",
                    parts,
                )
            }
        };

        // Chapter ids: unique within the document, stable across builds.
        let mut scope_map = PrintScope::new();
        let mut ids = Vec::new();
        for (entry, _, m) in &parts {
            let file = entry
                .output
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".html");
            let id = match (mi, m) {
                (Some(_), _) => format!("ch-{file}"),
                (None, None) => "ch-introduction".to_string(),
                (None, Some(i)) => format!("ch-{}-{file}", self.tree.modules[*i].slug),
            };
            scope_map.insert(entry.rel.clone(), id.clone());
            ids.push(id);
        }

        let mut chapters = Vec::new();
        for ((entry, level, m), id) in parts.iter().zip(ids) {
            let doc = self.site.doc(entry.doc);
            let prefix = format!("{id}--");
            let links = TreeLinks {
                tree: self.tree,
                doc_rel: &doc.rel,
                from: &output,
                print: Some((&scope_map, &prefix)),
            };
            // Chapter titles are h2 (modules h1 in the handbook); page headings go below them.
            let content = to_html(
                &self.parsed[entry.doc],
                &HtmlOptions {
                    links: &links,
                    id_prefix: &prefix,
                    callout_titles: &self.callout_titles,
                    heading_shift: if *level == 1 { 0 } else { 1 },
                    sanitizer: self.sanitizer,
                },
            );
            let is_index = entry.rel.ends_with("_index.md");
            let kind = match (is_index, m) {
                (true, Some(i)) => self.tree.modules[*i].kind,
                (true, None) => Kind::Page,
                (false, Some(i)) => {
                    doc.fm
                        .kind
                        .unwrap_or(if self.tree.modules[*i].kind == Kind::Toolkit {
                            Kind::Tool
                        } else {
                            Kind::Page
                        })
                }
                (false, None) => Kind::Page,
            };
            let toc = self.parsed[entry.doc]
                .headings
                .iter()
                .filter(|h| h.level == 2)
                .map(|h| Heading {
                    level: h.level,
                    id: format!("{prefix}{}", h.id),
                    text: h.text.clone(),
                })
                .collect();
            chapters.push(Chapter {
                id,
                title: inline_text(&doc.fm.title),
                level: *level,
                kind: kind_name(kind),
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
                toc,
            });
        }

        // The print page's switcher: the same print page in other languages.
        let anchor = Entry {
            rel: match mi {
                Some(i) => self.tree.modules[i].index.rel.clone(),
                None => self.tree.home.rel.clone(),
            },
            doc: usize::MAX,
            source: usize::MAX,
            status: Status::Source,
            output: output.clone(),
        };
        let (mut languages, mut alternates) = languages_for(self.site, self.tree, &anchor);
        for l in &mut languages {
            l.url = print_sibling(&l.url);
        }
        for a in &mut alternates {
            a.url = print_sibling(&a.url);
        }
        let ctx = PrintContext {
            lang,
            dir: dir_name(self.site, lang),
            site_title: &self.site.config.title,
            root: to_root(&output),
            home_url: relative(&output, &self.tree.home.output),
            title,
            scope,
            summary,
            version: version.to_string(),
            paper: match self.site.config.paper {
                crate::load::config::Paper::A4 => "A4",
                crate::load::config::Paper::Letter => "letter",
            },
            chapters,
            languages,
            alternates,
        };
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(Code::Template, e.to_string()))?;
        let html = self
            .templates
            .render(lang, "print.html", &ctx, &self.site.theme)?;
        Ok((output, html))
    }
}

/// `../nl/m/index.html` → `../nl/m/print.html`.
fn print_sibling(url: &str) -> String {
    match url.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/print.html"),
        None => "print.html".to_string(),
    }
}
