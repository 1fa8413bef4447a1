//! `equil build` end to end on small fixture sites: output layout, links,
//! languages, fallbacks, tool cards, errors and atomic output.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;

/// Every `href`/`src` in every HTML file of `public/` that is not external.
fn internal_refs(public: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in files_under(public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let doc = Html::parse_document(&std::fs::read_to_string(public.join(&f)).unwrap());
        for (selector, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            for v in attrs(&doc, selector, attr) {
                if v.starts_with("http") || v.starts_with("mailto:") || v.starts_with('#') {
                    continue;
                }
                out.push((f.clone(), v));
            }
        }
    }
    out
}

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
fn every_internal_link_is_relative_and_resolves_in_every_language() {
    let f = Fixture::small();
    f.build_ok();
    let public = f.path("public");
    let refs = internal_refs(&public);
    assert!(refs.len() > 50, "too few links found: {}", refs.len());
    for (from, href) in refs {
        assert!(!href.starts_with('/'), "{from}: absolute link {href}");
        let target = resolve_href(&from, &href);
        assert!(
            public.join(&target).is_file(),
            "{from}: link {href} → {target} does not exist"
        );
        let path = href.split('#').next().unwrap();
        if path.ends_with('/') || (!path.contains('.') && !path.is_empty()) {
            panic!("{from}: link {href} does not name a file");
        }
    }
}

#[test]
fn anchors_of_rewritten_links_exist() {
    let f = Fixture::small();
    f.build_ok();
    let first = f.html("en/intro/first.html");
    let hrefs = attrs(&first, ".content a", "href");
    assert!(
        hrefs.contains(&"second.html#details".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"../toolkit/line-up.html".to_string()),
        "{hrefs:?}"
    );
    let second = f.html("en/intro/second.html");
    assert_eq!(attrs(&second, "h2#details", "id"), ["details"]);
}

#[test]
fn hreflang_alternates_are_complete_and_symmetric() {
    let f = Fixture::small();
    f.build_ok();
    let public = f.path("public");
    // page (by identity) → set of (lang, absolute url) its alternates name
    let mut seen: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for file in files_under(&public) {
        let Some((lang, rest)) = file.split_once('/') else {
            continue;
        };
        if !rest.ends_with(".html") || rest.ends_with("print.html") || !["en", "nl"].contains(&lang)
        {
            continue;
        }
        let doc = f.html(&file);
        let mut set = BTreeSet::new();
        for el in doc.select(&sel("link[rel=alternate][hreflang]")) {
            set.insert((
                el.value().attr("hreflang").unwrap().to_string(),
                el.value().attr("href").unwrap().to_string(),
            ));
        }
        // A page that exists in its language lists itself.
        let own = format!("https://example.org/equil/{file}");
        let is_fallback = doc.select(&sel(".notice-fallback")).next().is_some();
        if !is_fallback {
            assert!(
                set.contains(&(lang.to_string(), own.clone())),
                "{file} does not list itself: {set:?}"
            );
        }
        seen.entry(rest.to_string())
            .or_default()
            .extend(set.clone());
        // Symmetric: every alternate lists the same set.
        for (_, url) in &set {
            let other = url.strip_prefix("https://example.org/equil/").unwrap();
            let odoc = f.html(other);
            let oset: BTreeSet<(String, String)> = odoc
                .select(&sel("link[rel=alternate][hreflang]"))
                .map(|e| {
                    (
                        e.value().attr("hreflang").unwrap().to_string(),
                        e.value().attr("href").unwrap().to_string(),
                    )
                })
                .collect();
            assert_eq!(set, oset, "{file} and {other} disagree");
        }
    }
    // Translated pages have both languages; English-only pages only English.
    assert_eq!(seen["intro/first.html"].len(), 2);
    assert_eq!(seen["intro/second.html"].len(), 1);
}

#[test]
fn language_switcher_lands_on_the_same_page() {
    let f = Fixture::small();
    f.build_ok();
    let doc = f.html("nl/intro/first.html");
    let links: Vec<(String, String)> = doc
        .select(&sel(".lang-switcher a"))
        .map(|e| {
            (
                e.value().attr("hreflang").unwrap().into(),
                e.value().attr("href").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("en".to_string(), "../../en/intro/first.html".to_string()),
            ("nl".to_string(), "first.html".to_string())
        ]
    );
    assert_eq!(
        attrs(&doc, ".lang-switcher a[aria-current]", "hreflang"),
        ["nl"]
    );
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

#[test]
fn unknown_front_matter_key_fails_with_position_and_suggestion() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second\nordr: 2\n---\nText\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/en/intro/second.md:3:1"), "{err}");
    assert!(err.contains("unknown key `ordr`"), "{err}");
    assert!(err.contains("did you mean `order`?"), "{err}");
}

#[test]
fn every_error_of_a_build_is_reported_with_its_position() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\nsummary: no title\n---\n",
    );
    f.write(
        "content/en/intro/third.md",
        "---\ntitle: Third\nduration: long\n---\n",
    );
    f.write("content/en/intro/fourth.md", "---\ntitle: [unclosed\n---\n");
    std::fs::write(
        f.path("content/en/intro/fifth.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    f.write("content/en/intro/sixth.md", "no front matter\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "content/en/intro/second.md:2:1",
        "missing field `title`",
        "content/en/intro/third.md:3:11",
        "content/en/intro/fourth.md:2:",
        "content/en/intro/fifth.md:2:11",
        "not valid UTF-8",
        "content/en/intro/sixth.md:1:1",
        "missing front matter",
    ] {
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let f = Fixture::small();
    f.build_ok();
    let before: Vec<(String, Vec<u8>)> = snapshot(&f.path("public"));
    f.write("content/en/intro/first.md", "---\ntitel: Broken\n---\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("was not changed"));
    let after: Vec<(String, Vec<u8>)> = snapshot(&f.path("public"));
    assert_eq!(before, after);
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("equil"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn broken_links_and_missing_images_are_errors() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second\n---\nSee [gone](frist.md) and [anchor](first.md#nowhere).\n\n![x](missing.png)\n\n## Details\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/en/intro/second.md:4:5"), "{err}");
    assert!(err.contains("did you mean `first.md`?"), "{err}");
    assert!(err.contains("anchor `#nowhere`"), "{err}");
    assert!(
        err.contains("anchor `#nowhere` does not exist in `first.md`"),
        "{err}"
    );
    assert!(err.contains("image `missing.png` does not exist"), "{err}");
}

#[test]
fn invalid_language_folder_is_an_error() {
    let f = Fixture::small();
    f.write("content/not_a_lang!/_index.md", "---\ntitle: X\n---\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a valid language tag"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_interface_string_falls_back_with_a_warning() {
    let f = Fixture::small();
    // A Dutch locale file of the site's own that lacks one message: it
    // overrides the built-in main.ftl, so `skip-to-content` falls back.
    let builtin = builtin_locale("nl");
    let without: String = builtin
        .lines()
        .filter(|l| !l.starts_with("skip-to-content"))
        .map(|l| format!("{l}\n"))
        .collect();
    f.write("locales/nl/main.ftl", &without);
    let out = f.build_ok();
    let err = stderr(&out);
    assert!(
        err.contains("interface string `skip-to-content` is missing in `nl`"),
        "{err}"
    );
    let doc = f.html("nl/index.html");
    assert_eq!(
        text(&doc, "a.skip-link").as_deref(),
        Some("Skip to content")
    );
}

#[test]
fn message_missing_everywhere_is_an_error() {
    let f = Fixture::small();
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"layout.html\" %}{% block article %}{{ t(key=\"no-such-message\") }}{% endblock article %}",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no-such-message"), "{err}");
    assert!(err.contains("themes/default/templates/page.html"), "{err}");
}

#[test]
fn site_template_overrides_the_built_in_one() {
    let f = Fixture::small();
    f.write(
        "themes/default/templates/tool.html",
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><body><p id=\"custom\">{{ page.title }}</p></body></html>",
    );
    f.build_ok();
    assert_eq!(
        text(&f.html("en/toolkit/line-up.html"), "#custom").as_deref(),
        Some("Line-up")
    );
    // Other templates still come from the built-in theme.
    assert_eq!(
        f.html("en/intro/first.html")
            .select(&sel("main#main"))
            .count(),
        1
    );
}

#[test]
fn builds_are_deterministic() {
    let f = Fixture::small();
    f.build_ok();
    let first: Vec<(String, Vec<u8>)> = snapshot(&f.path("public"));
    f.build_ok();
    let second: Vec<(String, Vec<u8>)> = snapshot(&f.path("public"));
    assert_eq!(first, second);
}

/// Pages get their module's sidebar rendered once per module; a site that
/// overrides a page template gets it rendered per page by the macro. Both
/// must write the same bytes.
#[test]
fn sidebars_rendered_once_per_module_match_the_macro() {
    let f = Fixture::small();
    // More pages, one with characters that HTML escapes in its file name.
    for (file, title) in [("third.md", "Third & last"), ("it's.md", "Quote's page")] {
        f.write(
            &format!("content/en/intro/{file}"),
            &format!("---\ntitle: \"{title}\"\norder: 5\n---\nText.\n"),
        );
    }
    let built = |f: &Fixture| -> Vec<(String, Vec<u8>)> {
        f.build_ok();
        snapshot(&f.path("public"))
    };
    let once = built(&f);
    let layout = builtin_template("layout.html");
    let (head, rest) = layout.split_once('\n').unwrap();
    f.write(
        "themes/default/templates/layout.html",
        &format!("{head}{{# a site copy #}}\n{rest}"),
    );
    let per_page = built(&f);
    assert_eq!(once.len(), per_page.len());
    for ((p, a), (_, b)) in once.iter().zip(&per_page) {
        assert!(
            a == b,
            "{p} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
    // Each page's sidebar marks exactly that page.
    for (page, file) in [
        ("en/intro/third.html", "third.html"),
        ("nl/intro/second.html", "second.html"),
    ] {
        let doc = f.html(page);
        assert_eq!(
            attrs(&doc, ".module-nav a[aria-current=page]", "href"),
            [file],
            "{page}"
        );
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/draft.md",
        "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n",
    );
    f.build_ok();
    assert!(!f.exists("public/en/intro/draft.html"));
    let out = f.run(&["build", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.exists("public/en/intro/draft.html"));
}

#[test]
fn translated_slug_changes_the_url_and_links_follow() {
    let f = Fixture::small();
    f.write(
        "content/nl/intro/_index.md",
        "---\ntitle: Inleiding\nkind: module\nslug: inleiding\n---\nHet overzicht.\n",
    );
    f.build_ok();
    assert!(f.exists("public/nl/inleiding/index.html"));
    assert!(f.exists("public/nl/inleiding/first.html"));
    assert!(f.exists("public/nl/inleiding/diagram.svg"));
    let en = f.html("en/intro/first.html");
    assert!(attrs(&en, ".lang-switcher a", "href")
        .contains(&"../../nl/inleiding/first.html".to_string()));
    let home = f.html("nl/index.html");
    assert!(attrs(&home, ".content a", "href").contains(&"inleiding/index.html".to_string()));
}

#[test]
fn usage_errors_exit_2() {
    let out = equil(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = equil(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
