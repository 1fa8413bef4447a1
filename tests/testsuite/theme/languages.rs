//! Titles shown in another language say so; the 404 page works at any depth
//! and speaks every language.

use super::*;

#[test]
fn every_title_shown_in_another_language_says_so() {
    let (_keep, site) = built_handbook_with_fallbacks();
    let read = |p: &str| Html::parse_document(&std::fs::read_to_string(site.join(p)).unwrap());
    let pages: Vec<String> = files_under(&site)
        .into_iter()
        .filter(|f| f.ends_with(".html") && f.contains('/') && !f.ends_with("print.html"))
        .collect();
    // Pages shown in English where another language was asked for.
    let fallback: HashSet<&String> = pages
        .iter()
        .filter(|p| read(p).select(&sel(".notice-fallback")).next().is_some())
        .collect();
    assert!(fallback.len() >= 10, "the site has fallback pages");
    let mut problems = Vec::new();
    let nav =
        sel(".module-nav a, .breadcrumbs a, .pager a, .module-list a, .page-list a, .tool-grid a");
    for page in &pages {
        let doc = read(page);
        let lang = page.split('/').next().unwrap();
        for a in doc.select(&nav) {
            let Some(target) = a.value().attr("href").and_then(|h| resolve(page, h)) else {
                continue;
            };
            if !fallback.contains(&target) || lang == "en" {
                continue;
            }
            let title_lang = a
                .select(&sel(".pager-title"))
                .next()
                .unwrap_or(a)
                .value()
                .attr("lang");
            if title_lang != Some("en") || a.value().attr("hreflang") != Some("en") {
                problems.push(format!("{page}: link to {target} lacks lang/hreflang en"));
            }
            if a.value().attr("title").is_some() {
                problems.push(format!("{page}: link to {target} has a title attribute"));
            }
        }
        if fallback.contains(page) {
            // Printable sheets (`print/…`) mark their whole text, in `main`.
            let marked: &[&str] = if page.contains("/print/") {
                &["main"]
            } else {
                &["h1", ".breadcrumbs [aria-current]"]
            };
            for s in marked {
                let e = doc.select(&sel(s)).next();
                if e.and_then(|e| e.value().attr("lang")) != Some("en") {
                    problems.push(format!("{page}: {s} lacks lang=\"en\""));
                }
            }
            for t in doc.select(&sel(".content .callout-title")) {
                if t.value().attr("lang") != Some(lang) {
                    problems.push(format!(
                        "{page}: a callout title inside English text lacks lang=\"{lang}\""
                    ));
                }
            }
        }
    }
    // The badge names the language in the reader's language.
    let doc = read("es/employment-models/index.html");
    let badge = text(&doc, ".page-list .badge").unwrap_or_default();
    assert!(badge.starts_with("inglés"), "{badge}");
    assert!(badge.contains("aún sin traducir"), "{badge}");
    let notice = text(
        &read("es/employment-models/place-then-train.html"),
        ".notice-fallback",
    );
    assert!(
        notice.unwrap_or_default().contains("en inglés"),
        "the notice names the language"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_404_page_works_at_any_depth_and_speaks_every_language() {
    let site = built_handbook();
    let doc = Html::parse_document(&std::fs::read_to_string(site.join("404.html")).unwrap());
    // Its own style: no style sheet to miss at /handbook/a/b/missing.html.
    assert!(doc.select(&sel("link[rel=stylesheet]")).next().is_none());
    assert!(text(&doc, "style")
        .unwrap_or_default()
        .contains(".not-found-list"));
    assert_eq!(
        attrs(&doc, ".not-found-list > li", "lang"),
        LANGS.map(String::from)
    );
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    for lang in LANGS {
        let links = attrs(&doc, &format!("li[lang={lang}] a"), "href");
        assert_eq!(
            links,
            [
                format!("{lang}/index.html"),
                format!("{lang}/index.html#search")
            ]
        );
    }
    // Served from its base URL's path (https://www.equilcoproduction.eu/handbook/).
    assert_eq!(attrs(&doc, "main", "data-site-path"), ["/handbook/"]);
}
