//! Print pages (HTML): modules and handbook with their chapters in order,
//! no site navigation, cover and disclaimer in the reader's language, tool
//! card facts, link addresses, paper size, right-to-left, the cover date.

use super::*;

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
