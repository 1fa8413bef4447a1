//! Printable sheets: a handout (`<lang>/<module>/print/<card>/<handout>.html`)
//! or a session plan's run sheet (`<lang>/<module>/print/<page>.html`), each
//! one sheet of paper without the site's header, switcher or running title,
//! to photocopy. `equil pdf` prints them to their own PDFs.

use serde::Serialize;

use super::context::dir_name;
use super::links::to_root;
use super::markdown::{inline_html, inline_text};
use super::pages::{session_sheet, TreeRender};
use super::session::{plan, SessionPlan};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::Paper;
use crate::load::frontmatter::Kind;
use crate::model::{Entry, Site, Status, Tree};

/// Which sheet of a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetOf {
    /// Handout `h` of the module.
    Handout(usize),
    /// The session plan that is page `p` of the module.
    Session(usize),
}

#[derive(Debug, Serialize)]
struct SheetContext<'a> {
    lang: &'a str,
    dir: &'static str,
    root: String,
    /// `handout` or `session`.
    kind: &'static str,
    title: String,
    summary: Option<String>,
    content: String,
    session: Option<SessionPlan>,
    fallback: bool,
    content_lang: String,
    content_dir: &'static str,
    /// CSS page size: `A4` or `letter`.
    paper: &'static str,
    /// The web page of the same handout or session plan as a QR code (with
    /// a base URL and `print_qr`), so a photocopy leads back to the web.
    qr: Option<super::qr::Qr>,
}

/// Every sheet of a tree: (module, sheet): session plans, then handouts.
pub fn sheets(site: &Site, tree: &Tree) -> Vec<(usize, SheetOf)> {
    let mut v = Vec::new();
    for (mi, m) in tree.modules.iter().enumerate() {
        for (pi, p) in m.pages.iter().enumerate() {
            if site.doc(p.doc).fm.kind == Some(Kind::Session) {
                v.push((mi, SheetOf::Session(pi)));
            }
        }
        v.extend((0..m.handouts.len()).map(|h| (mi, SheetOf::Handout(h))));
    }
    v
}

impl TreeRender<'_> {
    /// The entry a sheet shows and its output path.
    pub fn sheet_entry(&self, mi: usize, which: SheetOf) -> (&Entry, String) {
        let m = &self.tree.modules[mi];
        match which {
            SheetOf::Handout(h) => (&m.handouts[h].entry, m.handouts[h].sheet.clone()),
            SheetOf::Session(p) => {
                let e = &m.pages[p];
                (e, session_sheet(e).unwrap_or_default())
            }
        }
    }

    /// Renders a sheet: (output path, HTML).
    pub fn render_sheet(&self, mi: usize, which: SheetOf) -> Result<(String, Vec<u8>), Diagnostic> {
        let (entry, output) = self.sheet_entry(mi, which);
        let site = self.site;
        let doc = site.doc(entry.doc);
        let content = self.body_html(entry, &output);
        let lang = &self.tree.lang;
        let ctx = SheetContext {
            lang,
            dir: dir_name(site, lang),
            root: to_root(&output),
            kind: match which {
                SheetOf::Handout(_) => "handout",
                SheetOf::Session(_) => "session",
            },
            title: inline_text(&doc.fm.title),
            summary: doc.fm.summary.as_deref().map(inline_html),
            content,
            session: matches!(which, SheetOf::Session(_))
                .then(|| plan(site, self.tree, entry, &output)),
            fallback: entry.status == Status::Fallback,
            content_lang: doc.lang.clone(),
            content_dir: dir_name(site, &doc.lang),
            paper: match site.config.paper {
                Paper::A4 => "A4",
                Paper::Letter => "letter",
            },
            qr: self.page_qr(entry),
        };
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| Diagnostic::error(Code::Template, e.to_string()))?;
        let html = self
            .templates
            .render_bytes(lang, "sheet.html", &ctx, &site.theme)
            .map_err(|d| match d.path {
                Some(_) => d,
                None => d.at(&doc.path),
            })?;
        Ok((output, html))
    }
}
