//! Print pages (`<lang>/<module>/print.html`, `<lang>/print.html`) and
//! `equil pdf`: structure of the HTML on fixture sites, and (with Chromium)
//! the PDF files themselves, checked with poppler's pdfinfo and pdftotext.

use std::collections::HashSet;

use crate::common::*;
use equil::pdf::reader::Pdf;

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

#[test]
fn module_print_page_has_its_chapters_in_order() {
    let f = Fixture::small();
    f.build_ok();
    let doc = f.html("en/intro/print.html");
    assert_eq!(chapter_ids(&doc), ["ch-index", "ch-first", "ch-second"]);
    assert_eq!(
        chapter_titles(&doc),
        ["Introduction", "First page", "Second page"]
    );
    assert_anchors_resolve(&doc, "en/intro/print.html");
    // The cover, then the contents linking to each chapter in order.
    assert_eq!(text(&doc, ".cover-title").as_deref(), Some("Introduction"));
    assert_eq!(
        attrs(&doc, ".print-toc a", "href"),
        ["#ch-index", "#ch-first", "#ch-second"]
    );
    // A link between pages of the module becomes a link inside the document.
    assert!(
        attrs(&doc, "#ch-first .content a", "href").contains(&"#ch-second--details".to_string()),
        "{:?}",
        attrs(&doc, "#ch-first .content a", "href")
    );
    // Footnotes keep working with prefixed ids.
    assert!(doc.select(&sel("#ch-first--fn-1")).next().is_some());
}

#[test]
fn handbook_print_page_has_every_module_in_order() {
    let f = Fixture::small();
    f.build_ok();
    let doc = f.html("en/print.html");
    assert_eq!(
        chapter_ids(&doc),
        [
            "ch-introduction",
            "ch-intro",
            "ch-intro-first",
            "ch-intro-second",
            "ch-toolkit",
            "ch-toolkit-line-up"
        ]
    );
    assert_anchors_resolve(&doc, "en/print.html");
    let toc: Vec<String> = attrs(&doc, ".print-toc a", "href")
        .into_iter()
        .map(|h| h.trim_start_matches('#').to_string())
        .collect();
    assert_eq!(
        toc,
        chapter_ids(&doc),
        "the contents list every chapter in order"
    );
    // The cover's title is the one h1; modules are chapters (h2), their
    // pages sections of them (h3).
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    assert_eq!(
        text(&doc, "#ch-intro > header h2").as_deref(),
        Some("Introduction")
    );
    assert_eq!(
        text(&doc, "#ch-intro-first > header h3").as_deref(),
        Some("First page")
    );
    // Links across modules stay inside the handbook.
    assert!(attrs(&doc, "#ch-intro-first .content a", "href")
        .contains(&"#ch-toolkit-line-up".to_string()));
    // Running titles: one named page per module.
    let style = text(&doc, "head style").unwrap_or_default();
    assert!(
        style.contains("@page m1 { @top-center { content: \"Introduction\"; } }"),
        "{style}"
    );
    assert!(style.contains(".page-m2 { page: m2; }"), "{style}");
    assert!(doc
        .select(&sel("section.chapter.page-m2#ch-toolkit-line-up"))
        .next()
        .is_some());
}

#[test]
fn print_pages_have_no_site_navigation() {
    let f = Fixture::small();
    f.build_ok();
    for page in [
        "en/print.html",
        "en/intro/print.html",
        "nl/toolkit/print.html",
    ] {
        let doc = f.html(page);
        let navs: Vec<_> = doc.select(&sel("nav")).collect();
        assert_eq!(navs.len(), 1, "{page}: only the contents are a nav");
        assert_eq!(navs[0].value().attr("class"), Some("print-toc"));
        for s in [
            "input",
            "[role=search]",
            ".search",
            ".lang-switcher",
            ".site-header",
            ".sidebar",
            ".pager",
            ".breadcrumbs",
            "script[src]",
        ] {
            assert!(doc.select(&sel(s)).next().is_none(), "{page} has {s}");
        }
    }
}

#[test]
fn the_cover_and_disclaimer_are_in_the_reader_language() {
    let f = Fixture::small();
    f.build_ok();
    // No funder block unless the site opts in.
    let doc = f.html("en/intro/print.html");
    assert!(doc
        .select(&sel(".cover-funded, .disclaimer"))
        .next()
        .is_none());
    with_funding(&f);
    f.build_ok();
    for (lang, page) in [
        ("en", "en/intro/print.html"),
        ("nl", "nl/intro/print.html"),
        ("nl", "nl/print.html"),
    ] {
        let doc = f.html(page);
        assert_eq!(attrs(&doc, "html", "lang"), [lang]);
        assert_eq!(
            text(&doc, ".disclaimer").map(|t| t.trim().to_string()),
            Some(message(lang, "footer-disclaimer")),
            "{page}"
        );
        assert_eq!(
            text(&doc, ".cover-funded").map(|t| t.trim().to_string()),
            Some(message(lang, "footer-funded"))
        );
        assert_eq!(
            text(&doc, ".print-toc h2").as_deref(),
            Some(message(lang, "print-contents").as_str())
        );
        let version = text(&doc, ".cover-meta").unwrap_or_default();
        assert!(
            version.contains(
                &message(lang, "print-language")
                    .replace("{ $language }", &message(lang, "lang-name"))
            ),
            "{version}"
        );
    }
    // A chapter not yet translated says so in the reader's language, and
    // carries the language of its text.
    let doc = f.html("nl/intro/print.html");
    let second = doc
        .select(&sel("#ch-second"))
        .next()
        .expect("second chapter");
    assert_eq!(second.value().attr("lang"), Some("en"));
    assert_eq!(
        text(&doc, "#ch-second .notice-fallback").map(|t| t.trim().to_string()),
        Some(message("nl", "fallback-notice").replace("{ $language }", "Engels"),),
        "the notice names the language the reader gets"
    );
}

#[test]
fn tool_cards_and_module_facts_are_printed() {
    let f = Fixture::small();
    f.build_ok();
    let doc = f.html("en/toolkit/print.html");
    let card = text(&doc, "#ch-line-up .tool-card").unwrap_or_default();
    assert!(
        card.contains("30 minutes") && card.contains("6-12 people"),
        "{card}"
    );
    assert!(card.contains("Tape") && card.contains("Cards"), "{card}");
    let toc = text(&doc, ".print-toc").unwrap_or_default();
    assert!(
        toc.contains("30 minutes"),
        "tool facts in the contents: {toc}"
    );
    let doc = f.html("en/intro/print.html");
    let facts = text(&doc, "#ch-index .objectives").unwrap_or_default();
    assert!(
        facts.contains("Know the basics") && facts.contains("Job coaches"),
        "{facts}"
    );
}

#[test]
fn external_links_show_their_address_and_outside_links_use_the_base_url() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second page\norder: 2\n---\n## Details\n\nSee [the programme](https://erasmus-plus.ec.europa.eu/), <https://equil.example/>, [www.example.org](https://www.example.org/) and [mail us](mailto:info@example.org?subject=Hi).\n\nBack to [the first page](first.md), [home](../_index.md) and ![a diagram](diagram.svg).\n",
    );
    f.build_ok();
    let doc = f.html("en/intro/print.html");
    let urls: Vec<String> = doc
        .select(&sel("#ch-second .link-url"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        urls,
        [
            "https://erasmus-plus.ec.europa.eu/",
            "info@example.org",
            "https://example.org/equil/en/index.html"
        ],
        "addresses are printed once, not after links that show them"
    );
    let hrefs = attrs(&doc, "#ch-second .content a", "href");
    assert!(hrefs.contains(&"#ch-first".to_string()), "{hrefs:?}");
    assert!(
        hrefs.contains(&"https://example.org/equil/en/index.html".to_string()),
        "pages outside the module open the website: {hrefs:?}"
    );
    assert_eq!(attrs(&doc, "#ch-second img", "src"), ["diagram.svg"]);
    // The site's own pages print no addresses (their print style hides links).
    let page = f.html("en/intro/second.html");
    assert!(page.select(&sel(".link-url")).next().is_none());

    // Without a base URL, outside links stay relative.
    f.write("site.yaml", "languages: [en, nl]\n");
    f.build_ok();
    let doc = f.html("en/intro/print.html");
    assert!(attrs(&doc, "#ch-second .content a", "href").contains(&"../index.html".to_string()));
}

#[test]
fn site_pages_link_to_their_print_pages() {
    let f = Fixture::small();
    f.build_ok();
    for (lang, page, target) in [
        ("en", "en/intro/index.html", "print.html"),
        ("en", "en/intro/first.html", "print.html"),
        ("nl", "nl/toolkit/index.html", "print.html"),
        ("nl", "nl/index.html", "print.html"),
    ] {
        let doc = f.html(page);
        let label = message(lang, "print-pdf");
        let found = doc.select(&sel("a")).any(|a| {
            a.value().attr("href") == Some(target) && a.text().collect::<String>().trim() == label
        });
        assert!(found, "{page}: no “{label}” link to {target}");
    }
}

#[test]
fn paper_size_comes_from_site_yaml() {
    let f = Fixture::small();
    f.build_ok();
    let style = text(&f.html("en/print.html"), "head style").unwrap_or_default();
    assert!(style.contains("size: A4;"), "{style}");
    f.write("site.yaml", "languages: [en, nl]\npaper: letter\n");
    f.build_ok();
    let doc = f.html("en/intro/print.html");
    let style = text(&doc, "head style").unwrap_or_default();
    assert!(style.contains("size: letter;"), "{style}");
    assert!(attrs(&doc, "html", "class")[0].contains("paper-letter"));
}

#[test]
fn right_to_left_languages_print_mirrored() {
    let f = rtl_fixture();
    let out = f.build_ok();
    let log = stderr(&out);
    assert!(
        log.contains("`footer-disclaimer` is missing in `ar`"),
        "missing strings fall back with a warning:\n{log}"
    );
    let doc = f.html("ar/intro/print.html");
    assert_eq!(attrs(&doc, "html", "dir"), ["rtl"]);
    assert_eq!(attrs(&doc, "html", "lang"), ["ar"]);
    assert_eq!(text(&doc, ".print-toc h2").as_deref(), Some("المحتويات"));
    assert_eq!(text(&doc, ".cover-kind").as_deref(), Some("وحدة تدريبية"));
    assert_eq!(text(&doc, ".cover-title").as_deref(), Some("مقدمة"));
    // Missing strings are shown in English.
    assert_eq!(
        text(&doc, ".disclaimer").map(|t| t.trim().to_string()),
        Some(message("en", "footer-disclaimer"))
    );
    // The translated overview is right to left like the page; pages not yet
    // translated are English, left to right, inside it.
    let index = doc.select(&sel("#ch-index")).next().expect("overview");
    assert_eq!(index.value().attr("dir"), None);
    let first = doc.select(&sel("#ch-first")).next().expect("first page");
    assert_eq!(first.value().attr("lang"), Some("en"));
    assert_eq!(first.value().attr("dir"), Some("ltr"));
    // The stylesheet uses logical directions only, so everything mirrors.
    let css = f.read("public/static/print.css");
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
        "border-left",
        "border-right",
    ] {
        assert!(!css.contains(physical), "print.css uses `{physical}`");
    }
}

#[test]
fn the_cover_date_comes_from_source_date_epoch_only() {
    let f = Fixture::small();
    f.build_ok();
    let first = f.read("public/en/intro/print.html");
    f.build_ok();
    assert_eq!(
        first,
        f.read("public/en/intro/print.html"),
        "print pages are deterministic"
    );
    assert!(
        !first.contains("Edition of"),
        "no date without SOURCE_DATE_EPOCH"
    );

    let root = f.root().to_str().expect("utf-8").to_string();
    let out = equil_command()
        .args(["build", "--root", &root])
        .env("SOURCE_DATE_EPOCH", "1709251200")
        .output()
        .expect("run equil");
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = f.html("en/intro/print.html");
    let meta = text(&doc, ".cover-meta").unwrap_or_default();
    assert!(meta.contains("Edition of 2024-03-01 (version "), "{meta}");
}

#[test]
fn pdf_without_chromium_explains_how_to_install_it() {
    let f = Fixture::small();
    let empty = tempfile::tempdir().expect("temp dir");
    let root = f.root().to_str().expect("utf-8").to_string();
    let out = equil_command()
        .args(["pdf", "--root", &root])
        .env("PATH", empty.path())
        .output()
        .expect("run equil");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log = stderr(&out);
    assert!(log.contains("needs headless Chromium"), "{log}");
    assert!(
        log.contains("apt-get install chromium") && log.contains("--chromium"),
        "{log}"
    );
    assert!(!f.exists("pdf"), "nothing written");

    let out = f.run(&["pdf", "--chromium", "/nonexistent/chrome"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent/chrome"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn pdf_with_an_unknown_module_or_language_is_a_usage_error() {
    let f = Fixture::small();
    // Any existing program passes the search; it is never started here.
    let fake = std::env::current_exe().expect("test binary");
    let fake = fake.to_str().expect("utf-8");
    let out = f.run(&["pdf", "--chromium", fake, "--module", "intr"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `intro`?"),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["pdf", "--chromium", fake, "--lang", "nk"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `nl`?"),
        "{}",
        stderr(&out)
    );
}

// ---- With Chromium -------------------------------------------------------

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_makes_a_handbook_with_outline_contents_and_page_numbers() {
    let chromium = chromium();
    let f = Fixture::small();
    with_funding(&f);
    let out_dir = f.path("handouts");
    let out = f.run(&[
        "pdf",
        "--chromium",
        chromium.to_str().expect("utf-8"),
        "--output",
        out_dir.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "equil pdf failed:\n{}", stderr(&out));
    assert_eq!(
        files_under(&out_dir),
        [
            "en/handbook.pdf",
            "en/intro.pdf",
            "en/toolkit.pdf",
            "nl/handbook.pdf",
            "nl/intro.pdf",
            "nl/toolkit.pdf"
        ]
    );

    let pdf = out_dir.join("en/intro.pdf");
    let path = pdf.to_str().expect("utf-8");
    let info = poppler("pdfinfo", &[path]);
    assert!(
        info.contains("595 x 842 pts") || info.contains("594.96 x 841.92 pts"),
        "A4:\n{info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    assert!(
        pages >= 5,
        "cover, contents and three chapters: {pages} pages"
    );

    // Text: cover, contents, then the chapters in order; no navigation.
    let all = poppler("pdftotext", &[path, "-"]);
    let cover = pdf_page_text(&pdf, 1);
    for s in [
        "Training module",
        "Introduction",
        "Co-funded by the Erasmus+",
        "Language: English",
        "Version ",
    ] {
        // (The label is set in capitals.)
        assert!(
            cover.to_lowercase().contains(&s.to_lowercase()),
            "cover lacks {s}:\n{cover}"
        );
    }
    assert!(pdf_page_text(&pdf, 2).contains("Contents"));
    let dests = poppler("pdfinfo", &["-dests", path]);
    let dest_page = |id: &str| -> usize {
        dests
            .lines()
            .find(|l| l.trim_end().ends_with(&format!("\"{id}\"")))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no destination {id}:\n{dests}"))
    };
    let mut last = 2;
    for (id, title) in [
        ("ch-index", "Introduction"),
        ("ch-first", "First page"),
        ("ch-second", "Second page"),
    ] {
        let page = dest_page(id);
        assert!(
            page > last,
            "{title} starts on page {page}, not after page {last}"
        );
        assert!(
            pdf_page_text(&pdf, page).contains(title),
            "{title} not on page {page}"
        );
        last = page;
    }
    for nav in [
        "Back to the website",
        "Search the handbook",
        "Skip to content",
        "Nederlands",
        "Print / PDF",
    ] {
        assert!(!all.contains(nav), "navigation text `{nav}` in the PDF");
    }
    // A page number on every page but the cover.
    for page in 2..=pages {
        let t = pdf_page_text(&pdf, page);
        assert!(
            t.lines().any(|l| l.trim() == page.to_string()),
            "page {page} shows no page number:\n{t}"
        );
    }

    // The outline lists the chapters; the contents link to them and show
    // the pages they start on.
    let bytes = std::fs::read(&pdf).expect("read pdf");
    let doc = Pdf::parse(&bytes).expect("parse pdf");
    // (The cover's title is the document's h1, so the outline has the
    // document at its root and the contents and chapters under it.)
    let outline = doc.outline();
    assert_eq!(
        outline.iter().map(|o| o.title.as_str()).collect::<Vec<_>>(),
        ["Introduction"]
    );
    let chapters: Vec<&str> = outline[0]
        .children
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(
        chapters,
        ["Contents", "Introduction", "First page", "Second page"]
    );
    let contents = pdf_page_text(&pdf, 2);
    for id in ["ch-index", "ch-first", "ch-second"] {
        let page = dest_page(id);
        assert!(
            contents
                .lines()
                .any(|l| l.trim_end().ends_with(&format!(" {page}"))),
            "contents lack page {page} of {id}:\n{contents}"
        );
        assert!(
            bytes
                .windows(id.len() + 7)
                .any(|w| w == format!("/Dest /{id}").as_bytes()),
            "no internal link to {id}"
        );
    }

    // Links out of the module open the website (the fixture has a base URL).
    let uris = doc.link_uris();
    assert!(
        uris.contains(&"https://example.org/equil/en/toolkit/line-up.html".to_string()),
        "{uris:?}"
    );

    // The handbook: every module, and pages nested under their module.
    let bytes = std::fs::read(out_dir.join("nl/handbook.pdf")).expect("read pdf");
    let doc = Pdf::parse(&bytes).expect("parse pdf");
    let root = doc.outline();
    assert_eq!(
        root.iter().map(|o| o.title.as_str()).collect::<Vec<_>>(),
        ["Handboek"]
    );
    let outline = &root[0].children;
    let top: Vec<&str> = outline.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(top, ["Inhoud", "Handboek", "Inleiding", "Toolkit"]);
    let pages: Vec<&str> = outline[2]
        .children
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(pages, ["Eerste pagina", "Second page"]);
}

/// The contents of `en/intro.pdf`: its second page, whitespace collapsed.
fn intro_contents(dir: &std::path::Path) -> String {
    pdf_page_text(&dir.join("en/intro.pdf"), 2)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_prints_once_when_the_last_pdfs_numbers_hold_and_with_an_older_print_template() {
    let chromium = chromium();
    let f = Fixture::small();
    let run = |dir: &str| {
        let dir = f.path(dir);
        let out = f.run(&[
            "pdf",
            "--chromium",
            chromium.to_str().expect("utf-8"),
            "--lang",
            "en",
            "--output",
            dir.to_str().expect("utf-8"),
        ]);
        assert!(out.status.success(), "equil pdf failed:\n{}", stderr(&out));
        stderr(&out)
    };
    // An empty folder: each book printed a second time for its numbers.
    let first = run("a");
    assert!(
        first.contains("printed again") && !first.contains("; 0 printed again"),
        "{first}"
    );
    let numbered = intro_contents(&f.path("a"));
    assert!(
        numbered.chars().any(|c| c.is_ascii_digit()),
        "no page numbers in the contents: {numbered}"
    );
    // The same folder again: the numbers of the last PDFs hold, printed once.
    let again = run("a");
    assert!(again.contains("; 0 printed again"), "{again}");
    assert_eq!(intro_contents(&f.path("a")), numbered);

    // A theme's print template from before `equilPdfQuery()`: the page is
    // loaded again for the numbers, with the same result.
    let built_in = include_str!("../../themes/default/templates/print.html");
    let older = built_in
        .replace("window.equilPdfQuery = function () {", "(function () {")
        .replace("};\nequilPdfQuery();", "})();");
    assert!(
        !older.contains("window.equilPdfQuery") && !older.contains("\nequilPdfQuery();"),
        "the script changed: update this test"
    );
    f.write("themes/default/templates/print.html", &older);
    run("b");
    assert_eq!(intro_contents(&f.path("b")), numbered);
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_on_letter_paper_for_one_module_without_base_url() {
    let chromium = chromium();
    let f = Fixture::small();
    f.write("site.yaml", "languages: [en, nl]\npaper: letter\n");
    let out = f.run(&[
        "pdf",
        "--chromium",
        chromium.to_str().expect("utf-8"),
        "--lang",
        "nl",
        "--module",
        "toolkit",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files_under(&f.path("pdf")), ["nl/toolkit.pdf"]);
    let info = poppler(
        "pdfinfo",
        &[f.path("pdf/nl/toolkit.pdf").to_str().expect("utf-8")],
    );
    assert!(info.contains("612 x 792 pts"), "Letter:\n{info}");
}

/// A shell script standing in for Chromium (made executable).
#[cfg(unix)]
fn fake_chromium(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("chromium");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
#[cfg(unix)]
fn pdf_with_a_chromium_that_fails_or_never_listens_is_a_clear_error_not_a_hang() {
    let f = Fixture::small();
    let bin = tempfile::tempdir().expect("temp dir");
    // Ends at once, saying why.
    let broken = fake_chromium(
        bin.path(),
        "echo 'error while loading shared libraries: libnss3.so' >&2\nexit 127",
    );
    let start = std::time::Instant::now();
    let out = f.run(&["pdf", "--chromium", broken.to_str().expect("utf-8")]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("cannot start Chromium"), "{log}");
    assert!(log.contains("libnss3.so"), "Chromium's own message: {log}");
    assert!(log.contains("--chromium PATH"), "a fix: {log}");
    // Runs, but never opens the DevTools port: the time limit ends it.
    let silent = fake_chromium(bin.path(), "exec sleep 60");
    let out = f.run(&[
        "pdf",
        "--chromium",
        silent.to_str().expect("utf-8"),
        "--timeout",
        "2",
    ]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("did not start within 2 s"), "{log}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
    assert!(!f.exists("pdf"), "nothing written");
}

#[test]
#[cfg(unix)]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_names_the_documents_when_chromium_dies_while_printing() {
    let chromium = chromium();
    let f = Fixture::small();
    let bin = tempfile::tempdir().expect("temp dir");
    // The real Chromium, killed as soon as it listens for the protocol.
    let dying = fake_chromium(
        bin.path(),
        &format!(
            "for a; do case $a in --user-data-dir=*) dir=${{a#--user-data-dir=}};; esac; done\n\
             '{}' \"$@\" & pid=$!\n\
             while [ ! -s \"$dir/DevToolsActivePort\" ]; do sleep 0.02; done\n\
             sleep 0.3; kill -9 $pid; wait",
            chromium.display()
        ),
    );
    let start = std::time::Instant::now();
    let out = f.run(&["pdf", "--chromium", dying.to_str().expect("utf-8")]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(
        log.contains("cannot print ") || log.contains("cannot start Chromium"),
        "{log}"
    );
    assert!(log.contains("--chromium PATH"), "a fix: {log}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
}
