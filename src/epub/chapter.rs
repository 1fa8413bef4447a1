//! The XHTML of one chapter: the page's heading (eyebrow, title, fallback
//! notice, summary), a tool card's facts, a session plan's timed table, and
//! the page's body with its links rewritten to the book's files.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use fluent_bundle::FluentArgs;

use super::xhtml::{document, esc, message, to_xml, BookLinks};
use super::Chapter;
use crate::load::content::Doc;
use crate::load::frontmatter::Kind;
use crate::model::{Entry, Site, Status, Tree};
use crate::render::context::dir_name;
use crate::render::markdown::{inline_text, to_html, HtmlOptions, Parsed};
use crate::render::session;

/// The XHTML of one chapter.
pub(super) fn chapter_xhtml(
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
    let html = page_html(site, &parsed[c.entry.doc], lang, doc, &links);
    let title = inline_text(&doc.fm.title);
    let fallback = c.entry.status == Status::Fallback;
    let mut body = chapter_head(site, lang, doc, fallback);
    body.push_str(&card_facts(site, lang, doc));
    if doc.fm.kind == Some(Kind::Session) {
        body.push_str(&session_table(site, tree, c.entry, files));
    }
    body.push_str(&to_xml(&html));
    body.push_str("</section>\n");
    document(lang, dir, &title, &body)
}

/// The page's Markdown as HTML, its links pointing into the book.
fn page_html(site: &Site, parsed: &Parsed, lang: &str, doc: &Doc, links: &BookLinks<'_>) -> String {
    let titles = crate::render::markdown::CALLOUT_KINDS
        .map(|k| message(site, lang, &format!("callout-{k}"), None));
    to_html(
        parsed,
        &HtmlOptions {
            links,
            id_prefix: "",
            callout_titles: &titles,
            titles_lang: (doc.lang != lang).then_some(lang),
            lang: &doc.lang,
            heading_shift: 0,
            sanitizer: None,
        },
    )
}

/// The chapter's opening: its `<section>` (in the page's language when it
/// is a fallback), eyebrow, title, fallback notice and summary.
fn chapter_head(site: &Site, lang: &str, doc: &Doc, fallback: bool) -> String {
    let dir = dir_name(site, lang);
    let title = inline_text(&doc.fm.title);
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
    body
}

/// A tool card's duration, group size and materials.
fn card_facts(site: &Site, lang: &str, doc: &Doc) -> String {
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
