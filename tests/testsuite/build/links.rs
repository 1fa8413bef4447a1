//! Links and languages: every internal link relative and resolving, anchors
//! of rewritten links, hreflang alternates, the language switcher.

use super::*;

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
