//! Print pages (`<lang>/<module>/print.html`, `<lang>/print.html`) and
//! `equil pdf`: structure of the HTML on fixture sites, and (with Chromium)
//! the PDF files themselves, checked with poppler's pdfinfo and pdftotext.

use crate::common::*;
use std::collections::HashSet;

use equil::pdf::reader::Pdf;

mod pages;
mod pdf;

/// `small()` with a third language written right to left: Arabic, with a few
/// interface strings of its own (the rest fall back to English) and a
/// translated home page and module overview.
/// Opts the fixture's site into the Erasmus+ funder block.
fn with_funding(f: &Fixture) {
    let yaml = f.read("site.yaml");
    f.write("site.yaml", &format!("{yaml}funding: erasmus-plus\n"));
}

fn rtl_fixture() -> Fixture {
    let f = Fixture::small();
    f.write(
        "site.yaml",
        "languages: [en, nl, ar]\nsource_language: en\nbase_url: https://example.org/equil/\nfunding: erasmus-plus\n",
    );
    f.write(
        "locales/ar/main.ftl",
        "lang-name = العربية\nlang-dir = rtl\nprint-contents = المحتويات\nprint-module-label = وحدة تدريبية\nprint-pdf = طباعة / PDF\n",
    );
    f.write(
        "content/ar/_index.md",
        "---\ntitle: الدليل\n---\nمرحبا. انظر [الوحدة](intro/_index.md).\n",
    );
    f.write(
        "content/ar/intro/_index.md",
        "---\ntitle: مقدمة\nkind: module\n---\n## نظرة عامة\n\nنص الوحدة.\n",
    );
    f
}

fn chapter_ids(doc: &Html) -> Vec<String> {
    attrs(doc, "section.chapter", "id")
}

fn chapter_titles(doc: &Html) -> Vec<String> {
    doc.select(&sel("section.chapter .chapter-title"))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Every `#fragment` link of the document points at an element of it, and
/// every id is unique.
fn assert_anchors_resolve(doc: &Html, what: &str) {
    let ids = attrs(doc, "[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{what}: duplicate ids in {ids:?}");
    for href in attrs(doc, "a[href^='#']", "href") {
        let target = href.trim_start_matches('#');
        assert!(
            unique.contains(&target.to_string()),
            "{what}: link {href} points nowhere"
        );
    }
}
