//! Per-language search index, written as a script (`<lang>/search-index.js`)
//! that the page loads with a `<script>` tag when the reader focuses the
//! search box, so that it works from file:// as well as over HTTP.
//!
//! Words are stemmed here (Snowball, per page language) and the browser only
//! folds and looks up words: see [`text`] for the rules and [`index`] for the
//! format; Chinese, Japanese and Korean runs are indexed by pairs of
//! characters ([`cjk`]). Pages shown as a fallback are indexed in their own
//! language.

pub mod cjk;
pub mod index;
mod stopwords;
pub mod text;

use std::collections::BTreeMap;

use super::links::relative;
use super::markdown::{inline_text, Parsed};
use super::pages::TreeRender;
use crate::load::frontmatter::FrontMatter;
use crate::model::Position;
use crate::model::Site;
use index::{DocInfo, Field, IndexBuilder, SectionInfo};
use text::Analyzer;

/// The search index script of one language: (output path, contents).
pub fn index_script(r: &TreeRender<'_>) -> (String, String) {
    let path = format!("{}/search-index.js", r.tree.lang);
    (path, build(r).script())
}

/// Indexes every page of a language tree: titles, summaries, front matter
/// lists (objectives, audience, materials) and the text under each heading.
pub fn build(r: &TreeRender<'_>) -> IndexBuilder {
    let site: &Site = r.site;
    let lang = &r.tree.lang;
    let mut analyzers: BTreeMap<String, Analyzer> = BTreeMap::new();
    let own = Analyzer::new(lang);
    let mut b = IndexBuilder::new(
        lang,
        own.stop_words().into_iter().map(String::from).collect(),
    );
    analyzers.insert(lang.clone(), own);

    for m in &r.tree.modules {
        let title = inline_text(&site.doc(m.index.doc).fm.title);
        b.add_module(title);
    }
    let lang_home = format!("{lang}/index.html");

    for (pos, entry) in r.tree.walk() {
        let doc = site.doc(entry.doc);
        let a = analyzers
            .entry(doc.lang.clone())
            .or_insert_with(|| Analyzer::new(&doc.lang));
        let title = inline_text(&doc.fm.title);
        let d = b.add_doc(DocInfo {
            url: relative(&lang_home, &entry.output),
            title: title.clone(),
            module: match pos {
                Position::Page(mi, _) => Some(mi),
                _ => None,
            },
            content_lang: (doc.lang != *lang).then(|| doc.lang.clone()),
        });
        add_page(&mut b, a, d, &doc.fm, &title, &r.parsed[entry.doc]);
    }
    b
}

/// Indexes the sections of page `d`: its top (title, summary, front matter
/// lists and the text before the first heading), then each heading's text.
fn add_page(
    b: &mut IndexBuilder,
    a: &Analyzer,
    d: usize,
    fm: &FrontMatter,
    title: &str,
    parsed: &Parsed,
) {
    let summary = fm.summary.as_deref().map(inline_text);
    let texts = parsed.section_texts();
    let sections = parsed.sections.iter().zip(&texts);
    // The text before the first heading, when there is some.
    let lead = sections
        .clone()
        .find(|(s, t)| s.id.is_none() && !t.trim().is_empty())
        .map(|(_, t)| t.as_str());
    let top = b.add_section(SectionInfo {
        doc: d,
        id: String::new(),
        heading: String::new(),
        snippet: summary
            .clone()
            .or(lead.map(str::to_string))
            .unwrap_or_default(),
    });
    b.add_text(top, a, title, Field::Title);
    if let Some(s) = &summary {
        b.add_text(top, a, s, Field::Summary);
    }
    let lists = fm
        .objectives
        .iter()
        .chain(&fm.audience)
        .chain(&fm.materials);
    for item in lists {
        b.add_text(top, a, &inline_text(item), Field::Body);
    }
    if let Some(g) = &fm.group_size {
        b.add_text(top, a, &g.to_string(), Field::Body);
    }
    for (s, text) in sections {
        let Some(id) = &s.id else {
            b.add_text(top, a, text, Field::Body);
            continue;
        };
        let sec = b.add_section(SectionInfo {
            doc: d,
            id: id.clone(),
            heading: s.heading.clone(),
            snippet: text.clone(),
        });
        b.add_text(sec, a, &s.heading, Field::Heading);
        b.add_text(sec, a, text, Field::Body);
    }
}
