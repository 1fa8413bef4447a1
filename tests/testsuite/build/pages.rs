//! What a build writes: the output layout, fallback notices, tool cards,
//! Markdown features, landmarks, no bidi marks, the sitemap.

use super::*;

#[test]
fn writes_the_spec_output_layout() {
    let f = Fixture::small();
    f.build_ok();
    for p in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "static/style.css",
        "en/index.html",
        "en/intro/index.html",
        "en/intro/first.html",
        "en/intro/second.html",
        "en/intro/print.html",
        "en/print.html",
        "en/search-index.js",
        "en/intro/diagram.svg",
        "en/toolkit/index.html",
        "en/toolkit/line-up.html",
        "nl/index.html",
        "nl/intro/second.html",
        "nl/intro/diagram.svg",
        "nl/toolkit/line-up.html",
        "nl/search-index.js",
    ] {
        assert!(f.exists(&format!("public/{p}")), "missing public/{p}");
    }
}

#[test]
fn fallback_notice_appears_exactly_on_fallback_pages() {
    let f = Fixture::small();
    f.build_ok();
    let fallback = [
        "nl/intro/second.html",
        "nl/toolkit/index.html",
        "nl/toolkit/line-up.html",
    ];
    let translated = [
        "nl/index.html",
        "nl/intro/index.html",
        "nl/intro/first.html",
        "en/intro/second.html",
    ];
    for p in fallback {
        let doc = f.html(p);
        assert_eq!(doc.select(&sel(".notice-fallback")).count(), 1, "{p}");
        assert_eq!(attrs(&doc, "html", "lang"), ["nl"], "{p}");
        // The English text is marked as English inside the Dutch page.
        assert_eq!(attrs(&doc, ".content", "lang"), ["en"], "{p}");
        let notice = text(&doc, ".notice-fallback").unwrap();
        assert!(notice.contains("nog niet vertaald"), "{p}: {notice}");
    }
    for p in translated {
        let doc = f.html(p);
        assert_eq!(doc.select(&sel(".notice-fallback")).count(), 0, "{p}");
        assert!(attrs(&doc, ".content", "lang").is_empty(), "{p}");
    }
}

#[test]
fn toolkit_renders_tool_cards() {
    let f = Fixture::small();
    f.build_ok();
    let kit = f.html("en/toolkit/index.html");
    assert_eq!(kit.select(&sel(".tool-grid .tool-tile")).count(), 1);
    let card = f.html("en/toolkit/line-up.html");
    let meta: Vec<String> = card
        .select(&sel(".tool-card .tool-meta dd"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(meta, ["30 minutes", "6-12 people"]);
    let materials: Vec<String> = card
        .select(&sel(".tool-card li"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(materials, ["Tape", "Cards"]);
    assert_eq!(card.select(&sel(".content ol li")).count(), 2);
}

#[test]
fn markdown_features_render() {
    let f = Fixture::small();
    f.build_ok();
    let doc = f.html("en/intro/first.html");
    assert_eq!(
        text(&doc, ".callout-tip .callout-title").as_deref(),
        Some("Tip")
    );
    assert_eq!(attrs(&doc, "h2 a.header", "href"), ["#getting-started"]);
    assert_eq!(attrs(&doc, ".content img", "src"), ["diagram.svg"]);
    assert_eq!(attrs(&doc, ".footnote-definition", "id"), ["fn-1"]);
    // Dutch interface strings with Dutch plurals; module nav marks the page.
    let nl = f.html("nl/intro/index.html");
    assert_eq!(text(&nl, ".module-facts dd").as_deref(), Some("1 u 30 min"));
    let en = f.html("en/intro/first.html");
    assert_eq!(
        text(&en, ".meta").map(|s| s.contains("45 minutes")),
        Some(true)
    );
    assert_eq!(
        attrs(&en, ".module-nav a[aria-current=page]", "href"),
        ["first.html"]
    );
}

#[test]
fn every_page_has_landmarks_breadcrumbs_and_disclaimer() {
    let f = Fixture::small();
    f.build_ok();
    // The funder block is the site's choice: none by default ...
    let doc = f.html("en/intro/first.html");
    assert!(doc
        .select(&sel("footer .funder, .eu-emblem"))
        .next()
        .is_none());
    // ... and the Erasmus+ block, with the EU emblem, when site.yaml says so.
    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nfunding: erasmus-plus\n",
    );
    f.build_ok();
    assert!(f.exists("public/static/eu-emblem.svg"));
    for (p, disclaimer) in [
        ("en/intro/first.html", "European Commission"),
        ("nl/intro/first.html", "Europese Commissie"),
    ] {
        let doc = f.html(p);
        assert_eq!(attrs(&doc, "a.skip-link", "href"), ["#main"], "{p}");
        assert_eq!(doc.select(&sel("main#main")).count(), 1, "{p}");
        assert_eq!(doc.select(&sel("header.site-header")).count(), 1, "{p}");
        assert!(doc.select(&sel(".breadcrumbs li")).count() >= 2, "{p}");
        assert!(
            text(&doc, "footer .disclaimer")
                .unwrap()
                .contains(disclaimer),
            "{p}"
        );
        assert!(doc.select(&sel(".pager a")).count() >= 1, "{p}");
        assert_eq!(
            attrs(&doc, "footer .funder img.eu-emblem", "src"),
            ["../../static/eu-emblem.svg"],
            "{p}"
        );
    }
}

#[test]
fn no_bidi_isolation_marks_in_output() {
    let f = Fixture::small();
    f.build_ok();
    for file in files_under(&f.path("public"))
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let s = f.read(&format!("public/{file}"));
        assert!(
            !s.contains('\u{2068}') && !s.contains('\u{2069}'),
            "{file} has bidi marks"
        );
    }
}

#[test]
fn sitemap_lists_pages_with_alternates() {
    let f = Fixture::small();
    f.build_ok();
    let xml = f.read("public/sitemap.xml");
    assert!(xml.contains("<loc>https://example.org/equil/nl/intro/first.html</loc>"));
    assert!(xml.contains(r#"hreflang="en" href="https://example.org/equil/en/intro/first.html""#));
    // Fallback copies are not listed.
    assert!(!xml.contains("<loc>https://example.org/equil/nl/intro/second.html</loc>"));

    let g = Fixture::small();
    g.write("site.yaml", "languages: [en, nl]\n");
    let out = g.build_ok();
    assert!(!g.exists("public/sitemap.xml"));
    assert!(stderr(&out).contains("no base URL"), "{}", stderr(&out));
}
