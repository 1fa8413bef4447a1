//! Edits reaching the served site: pages in every language, titles in
//! other pages' navigation, pages and folders added, renamed and deleted,
//! editors' ways of saving, interface strings and templates.

use super::*;

#[test]
fn an_edit_is_served_in_every_language_and_announced() {
    let f = Fixture::small();
    let s = Serve::start(f.root());
    let events = s.events();
    let mut seen = String::new();

    // second.md has no Dutch translation: nl shows the English page.
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second page\norder: 2\n---\n## Details\n\nFreshly edited text.\n",
    );
    for page in ["/en/intro/second.html", "/nl/intro/second.html"] {
        s.wait_for(page, "the edit", |r| {
            content_text(r).contains("Freshly edited")
        });
    }
    wait_text(&events, &mut seen, "event: reload");
    wait_text(&events, &mut seen, "en/intro/second.html");
    assert!(seen.contains("nl/intro/second.html"), "{seen}");
    // Pages the edit cannot reach were not touched.
    let reload = seen.split("event: reload").nth(1).unwrap_or("");
    assert!(!reload.contains("en/intro/first.html"), "{seen}");
    assert!(
        s.stderr().contains("content/en/intro/second.md:"),
        "{}",
        s.stderr()
    );
}

#[test]
fn a_new_title_reaches_the_navigation_of_other_pages() {
    let f = Fixture::small();
    let s = Serve::start(f.root());
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Renamed second page\norder: 2\n---\n## Details\n\nBack to [the first page](first.md).\n",
    );
    let r = s.wait_for(
        "/en/intro/first.html",
        "the new title in the navigation",
        |r| {
            r.html()
                .select(&sel(".module-nav a"))
                .any(|a| a.text().collect::<String>() == "Renamed second page")
        },
    );
    assert_eq!(r.status, 200);
    // The module overview and the search index follow too.
    s.wait_for("/en/search-index.js", "the new title in the index", |r| {
        r.body.contains("Renamed second page")
    });
}

#[test]
fn pages_and_folders_can_be_added_renamed_and_deleted() {
    let f = Fixture::small();
    let s = Serve::start(f.root());
    let page = "---\ntitle: Third page\norder: 3\n---\nThe third page.\n";

    f.write("content/en/intro/third.md", page);
    s.wait_for("/en/intro/third.html", "the new page", |r| r.status == 200);
    s.wait_for("/en/intro/first.html", "the new page in the nav", |r| {
        r.body.contains("third.html")
    });
    // nl falls back to the English page.
    s.wait_for("/nl/intro/third.html", "the fallback", |r| r.status == 200);

    std::fs::rename(
        f.path("content/en/intro/third.md"),
        f.path("content/en/intro/fourth.md"),
    )
    .unwrap();
    s.wait_for("/en/intro/fourth.html", "the renamed page", |r| {
        r.status == 200
    });
    assert_eq!(
        s.get("/en/intro/third.html").status,
        404,
        "stale page left behind"
    );
    assert_eq!(
        s.get("/nl/intro/third.html").status,
        404,
        "stale fallback left behind"
    );

    std::fs::remove_file(f.path("content/en/intro/fourth.md")).unwrap();
    s.wait_for("/en/intro/fourth.html", "the page to go", |r| {
        r.status == 404
    });
    let first = s.get("/en/intro/first.html");
    assert!(
        !first.body.contains("fourth.html"),
        "deleted page still in the nav"
    );

    // A whole module folder: added, renamed, deleted.
    f.write(
        "content/en/extra/_index.md",
        "---\ntitle: Extra module\nkind: module\norder: 3\n---\nMore.\n",
    );
    f.write("content/en/extra/one.md", "---\ntitle: One\n---\nOne.\n");
    s.wait_for("/en/extra/one.html", "the new module", |r| r.status == 200);
    s.wait_for("/en/", "the new module on the home page", |r| {
        r.body.contains("Extra module")
    });
    std::fs::rename(f.path("content/en/extra"), f.path("content/en/bonus")).unwrap();
    s.wait_for("/en/bonus/one.html", "the renamed module", |r| {
        r.status == 200
    });
    assert_eq!(s.get("/en/extra/one.html").status, 404);
    assert_eq!(s.get("/en/extra/").status, 404);
    // Edits inside the renamed folder are still seen.
    f.write(
        "content/en/bonus/one.md",
        "---\ntitle: One\n---\nOne, edited.\n",
    );
    s.wait_for(
        "/en/bonus/one.html",
        "the edit in the renamed folder",
        |r| content_text(r).contains("One, edited."),
    );
    std::fs::remove_dir_all(f.path("content/en/bonus")).unwrap();
    s.wait_for("/en/bonus/one.html", "the module to go", |r| {
        r.status == 404
    });
    s.wait_for("/en/", "the module to leave the home page", |r| {
        !r.body.contains("Extra module")
    });
}

#[test]
fn editor_saves_by_rename_and_double_write_are_seen() {
    let f = Fixture::small();
    let s = Serve::start(f.root());
    let target = f.path("content/en/intro/first.md");
    let text = |word: &str| {
        format!("---\ntitle: First page\norder: 1\n---\n## Getting started\n\n{word} [second](second.md#details).\n")
    };

    // JetBrains "safe write": temporary file, old one moved away, rename, delete.
    let tmp = f.path("content/en/intro/first.md___jb_tmp___");
    let old = f.path("content/en/intro/first.md___jb_old___");
    std::fs::write(&tmp, text("Jetbrains")).unwrap();
    std::fs::rename(&target, &old).unwrap();
    std::fs::rename(&tmp, &target).unwrap();
    std::fs::remove_file(&old).unwrap();
    s.wait_for("/en/intro/first.html", "the rename save", |r| {
        content_text(r).contains("Jetbrains")
    });

    // vim (backupcopy=no): a backup by rename, then a new file.
    let backup = f.path("content/en/intro/first.md~");
    std::fs::rename(&target, &backup).unwrap();
    std::fs::write(&target, text("Vim")).unwrap();
    std::fs::remove_file(&backup).unwrap();
    s.wait_for("/en/intro/first.html", "the vim save", |r| {
        content_text(r).contains("Vim")
    });

    // VS Code style: truncate, then write (twice, quickly).
    std::fs::write(&target, "").unwrap();
    std::fs::write(&target, text("Twice")).unwrap();
    let r = s.wait_for("/en/intro/first.html", "the double write", |r| {
        content_text(r).contains("Twice")
    });
    assert!(!r.has_overlay());
    assert!(!s.stderr().contains("rebuild failed"), "{}", s.stderr());
}

#[test]
fn interface_strings_and_templates_are_reloaded() {
    let f = Fixture::small();
    let s = Serve::start(f.root());

    // A site file overrides the built-in one of that language only.
    let nl = builtin_locale("nl");
    assert!(nl.contains("skip-to-content = Naar de inhoud"));
    f.write(
        "locales/nl/main.ftl",
        &nl.replace(
            "skip-to-content = Naar de inhoud",
            "skip-to-content = Direct naar de tekst",
        ),
    );
    s.wait_for("/nl/intro/first.html", "the new Dutch string", |r| {
        text(&r.html(), ".skip-link").as_deref() == Some("Direct naar de tekst")
    });
    assert_eq!(
        text(&s.get("/en/intro/first.html").html(), ".skip-link").as_deref(),
        Some("Skip to content")
    );

    // A template of the theme: every page that uses it.
    let page = builtin_template("page.html");
    f.write(
        "themes/default/templates/page.html",
        &page.replace(
            "{% block article %}",
            "{% block article %}<p class=\"marker\">Template edited</p>",
        ),
    );
    for p in [
        "/en/intro/first.html",
        "/nl/intro/first.html",
        "/en/intro/second.html",
    ] {
        s.wait_for(p, "the template change", |r| {
            r.body.contains("Template edited")
        });
    }
    // A theme stylesheet is copied again.
    f.write(
        "themes/default/static/style.css",
        "body { color: rebeccapurple; }\n",
    );
    s.wait_for("/static/style.css", "the new stylesheet", |r| {
        r.body.contains("rebeccapurple")
    });
}
