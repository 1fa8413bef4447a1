//! `equil i18n add`: a new language builds with fallbacks everywhere; a
//! language whose content exists gets only what is missing.

use super::*;

#[test]
fn adding_a_language_builds_it_with_fallbacks_everywhere() {
    let f = Fixture::small();
    let yaml_before = f.read("site.yaml");
    let out = f.run(&["i18n", "add", "pt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        f.read("site.yaml"),
        yaml_before.replace("languages: [en, nl]", "languages: [en, nl, pt]")
    );
    assert!(f.path("content/pt").is_dir());
    let ftl = f.read("locales/pt/main.ftl");
    assert!(ftl.contains("lang-name = Português"), "{ftl}");
    assert!(ftl.contains(&format!("nav-home = {}", message("en", "nav-home"))));

    let out = f.build_ok();
    assert!(!stderr(&out).contains("E020"), "{}", stderr(&out));
    // Every page of every language offers Portuguese, by its own name.
    let mut pages = 0;
    for rel in files_under(&f.path("public")) {
        if !rel.ends_with(".html") || rel.ends_with("print.html") || !rel.contains('/') {
            continue;
        }
        let doc = f.html(&rel);
        let names: Vec<String> = doc
            .select(&sel(".lang-switcher a"))
            .map(|a| a.text().collect())
            .collect();
        assert_eq!(names, ["English", "Nederlands", "Português"], "{rel}");
        // What's new is written for every language, not a page to translate.
        if rel.starts_with("pt/") && !rel.ends_with("whats-new.html") {
            pages += 1;
            assert!(
                doc.select(&sel(".notice-fallback")).next().is_some(),
                "{rel} has no fallback notice"
            );
            assert_eq!(
                attrs(&doc, "html", "lang"),
                ["pt"],
                "{rel} is a Portuguese page"
            );
        }
    }
    assert_eq!(
        pages, 6,
        "home, 2 module overviews and 3 pages in Portuguese"
    );

    let r = status(&f);
    let pt = lang(&r, "pt");
    assert_eq!(pt["name"], "Português");
    assert_eq!(pt["pages"]["translated"], 0);
    assert_eq!(pt["pages"]["percent"]["translated"], 0.0);
    assert_eq!(pt["pages"]["missing"], pt["pages"]["total"]);
    let total = pt["messages"]["total"].as_u64().expect("count");
    assert!(total > 50, "{total}");
    assert_eq!(pt["messages"]["missing"], total);
    assert_eq!(pt["messages"]["translated"], 0);
    assert_eq!(
        strings(&pt["messages"]["ids"]["needs_translation"]).len() as u64,
        total
    );
    let text = stdout(&f.run(&["i18n", "status"]));
    assert!(text.contains("pt Português"), "{text}");

    // Once is enough.
    let out = f.run(&["i18n", "add", "pt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already"), "{}", stderr(&out));
}

/// A partner arrives with content: `i18n add` adds only what is missing
/// (the Fluent skeleton and the place in site.yaml) and leaves the pages be.
#[test]
fn adding_a_language_whose_content_exists_adds_only_what_is_missing() {
    let f = Fixture::small();
    let page = "---\ntitle: Primeira página\n---\n## Começar\n\nLeia.\n";
    f.write("content/pt/intro/first.md", page);
    f.write(
        "content/pt/_index.md",
        "---\ntitle: Manual\n---\nBem-vindo.\n",
    );
    let out = f.run(&["i18n", "add", "pt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read("content/pt/intro/first.md"), page);
    assert!(f.read("site.yaml").contains("languages: [en, nl, pt]"));
    assert!(f
        .read("locales/pt/main.ftl")
        .contains("lang-name = Português"));
    assert!(
        !stdout(&out).contains("created content/pt"),
        "{}",
        stdout(&out)
    );
    f.build_ok();
    let doc = f.html("pt/intro/first.html");
    assert_eq!(
        text(&doc, "h1").map(|t| t.trim().to_string()).as_deref(),
        Some("Primeira página")
    );

    // Now it lacks nothing.
    let out = f.run(&["i18n", "add", "pt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing to add"), "{}", stderr(&out));
    // A site without a languages list, with content and strings for `da`
    // built in: nothing is missing either.
    let f = Fixture::small();
    f.write("site.yaml", "source_language: en\n");
    f.write(
        "content/da/_index.md",
        "---\ntitle: Håndbog\n---\nVelkommen.\n",
    );
    let out = f.run(&["i18n", "add", "da"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing to add"), "{}", stderr(&out));
}
