//! `equil serve`: a live server on a fixture site, driven over HTTP while
//! its files are edited, added, renamed and deleted.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::cdp;
use crate::common::serve::{wait_text, Reply, Serve, DEADLINE};
use crate::common::*;
use serde_json::json;

/// Whether `text` names `file:LINE:COLUMN`.
fn has_line_col(text: &str, file: &str) -> bool {
    text.match_indices(&format!("{file}:")).any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap_or("");
        let col: String = parts
            .next()
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) && !col.is_empty()
    })
}

/// The text of the page's main content.
fn content_text(r: &Reply) -> String {
    text(&r.html(), ".content").unwrap_or_default()
}

#[test]
fn serves_pages_folders_types_and_404_from_memory() {
    let f = Fixture::small();
    let s = Serve::start(f.root());

    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let page = s.get("/en/intro/first.html");
    assert_eq!(page.status, 200);
    assert!(content_text(&page).contains("Getting started"));
    // The live-reload script is in served HTML, not in the build output.
    assert!(page.body.contains("/__equil/events"));
    assert!(!page.has_overlay());

    let dir = s.get("/en/intro/");
    assert_eq!(dir.status, 200);
    assert_eq!(text(&dir.html(), "h1").as_deref(), Some("Introduction"));
    let redirect = s.get("/en/intro");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/en/intro/"));

    let css = s.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("__equil"));
    let svg = s.get("/en/intro/diagram.svg");
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    let js = s.get("/en/search-index.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );

    let missing = s.get("/en/intro/nothing-here.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<base href=\"/\">"),
        "{}",
        missing.body
    );

    assert!(!f.exists("public"), "serve must not write public/");
    f.build_ok();
    let built = f.read("public/en/intro/first.html");
    assert!(
        !built.contains("__equil"),
        "the build output has the live script"
    );
}

#[test]
fn paths_outside_the_site_are_refused() {
    // The site is in site/, next to a file it must not give away.
    let outer = Fixture::empty();
    outer.write("secret.txt", "TOP SECRET");
    let small = Fixture::small();
    for file in files_under(small.root()) {
        outer.write(&format!("site/{file}"), &small.read(&file));
    }
    let s = Serve::start(&outer.path("site"));
    for target in [
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/content/en/_index.md",
        "/site.yaml",
    ] {
        let r = s.get(target);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert!(!r.body.contains("TOP SECRET"), "{target} leaked the secret");
        assert!(
            !r.body.contains("source_language"),
            "{target} leaked site.yaml"
        );
    }
    assert_eq!(s.get("/en/index.html").status, 200);
}

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
fn broken_front_matter_shows_an_overlay_until_fixed() {
    let f = Fixture::small();
    let s = Serve::start(f.root());
    let events = s.events();
    let mut seen = String::new();

    f.write(
        "content/en/intro/second.md",
        "---\ntitle: [Second page\norder: 2\n---\nBroken version.\n",
    );
    let r = s.wait_for("/en/intro/second.html", "the overlay", Reply::has_overlay);
    let location = text(&r.html(), "#equil-overlay .equil-location").unwrap_or_default();
    assert!(
        has_line_col(&location, "content/en/intro/second.md"),
        "no file:line:col in the overlay: {location}"
    );
    let message = text(&r.html(), "#equil-overlay .equil-message").unwrap_or_default();
    assert!(message.contains("error[E"), "{message}");
    // The last good page is still served under it.
    assert!(content_text(&r).contains("Back to"));
    assert!(!r.body.contains("Broken version"));
    // Every page shows it, and so does the event stream.
    assert!(s.get("/en/").has_overlay());
    wait_text(&events, &mut seen, "event: failed");
    assert!(
        has_line_col(&s.stderr(), "content/en/intro/second.md"),
        "{}",
        s.stderr()
    );

    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second page\norder: 2\n---\n## Details\n\nFixed version.\n",
    );
    let r = s.wait_for("/en/intro/second.html", "the fix", |r| {
        content_text(r).contains("Fixed version")
    });
    assert!(!r.has_overlay());
    assert!(!s.get("/en/").has_overlay());
    wait_text(&events, &mut seen, "event: reload");
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

#[test]
fn a_busy_port_is_a_clear_error() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let f = Fixture::small();
    let out = f.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("port {port} is already in use")),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--port 0"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let f = Fixture::small();
    let mut s = Serve::start(f.root());
    let pid = s.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let start = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(start.elapsed() < DEADLINE, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    // Give the stderr reader a moment to drain.
    let start = Instant::now();
    while !s.stderr().contains("Stopped.") && start.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(s.stderr().contains("Stopped."), "{}", s.stderr());
}

/// The incremental rebuilds of `serve`, step by step, against a full build
/// of the same files: after every kind of change they must give exactly the
/// same site (nothing stale, nothing missing).
#[test]
fn incremental_rebuilds_equal_a_full_build() {
    use equil::pipeline::{self, SiteOptions};
    use equil::serve::change::Changes;
    use equil::serve::rebuild::Live;
    use equil::write::MemorySink;
    use std::sync::atomic::AtomicBool;

    let f = Fixture::small();
    let root = f.root().canonicalize().unwrap();
    let opts = SiteOptions::new(&root);
    let mut live = Live::new(opts.clone());
    live.rebuild(&Changes::everything()).expect("first build");
    let never = AtomicBool::new(false);
    live.render_prints(&never).expect("print pages");

    let check = |live: &Live, step: &str| {
        let sink = MemorySink::default();
        let (outcome, _) = pipeline::run(&opts, &sink);
        assert!(
            !outcome.failed(),
            "{step}: full build failed: {:?}",
            outcome.diagnostics
        );
        let full = sink.files.into_inner().unwrap();
        let served = live.files();
        let mut served_paths: Vec<&String> = served.keys().collect();
        served_paths.sort();
        let full_paths: Vec<&String> = full.keys().collect();
        assert_eq!(served_paths, full_paths, "{step}: different files");
        for (path, bytes) in &full {
            assert!(
                served[path].bytes().as_ref() == bytes.as_slice(),
                "{step}: {path} differs from a full build"
            );
        }
    };
    check(&live, "start");

    type Step<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step<'_>> = vec![
        (
            "body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second page\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        // A source page's body: its translation's state (unknown) stays.
        (
            "source body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A note.", "A longer note."),
                )
            }),
        ),
        (
            "translation marked current",
            Box::new(|| {
                let en = f.read("content/en/intro/first.md");
                let body = en.splitn(3, "---\n").nth(2).unwrap();
                let hash = equil::load::content::source_hash("First page", body);
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("---\n## Aan", &format!("source_hash: {hash}\n---\n## Aan")),
                )
            }),
        ),
        // The translation becomes outdated: not a change the fast path takes.
        (
            "source edit outdates its translation",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A longer note.", "A note, edited."),
                )
            }),
        ),
        (
            "outdated source edited again",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A note, edited.", "A note, edited twice."),
                )
            }),
        ),
        (
            "translation body edit",
            Box::new(|| {
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("## Aan de slag", "## Aan de slag\n\nEen nieuwe alinea."),
                )
            }),
        ),
        (
            "title edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        (
            "summary edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\nsummary: A *short* page.\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        // The next module's overview: the last page of the one before links to it.
        (
            "module title edit",
            Box::new(|| {
                f.write(
                    "content/en/toolkit/_index.md",
                    &f.read("content/en/toolkit/_index.md")
                        .replace("title: Toolkit", "title: Tools"),
                )
            }),
        ),
        // It takes its order and length from its source page.
        (
            "translation title edit",
            Box::new(|| {
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("title: Eerste pagina", "title: De eerste pagina"),
                )
            }),
        ),
        // Its outdated translation stays outdated.
        (
            "title and body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("title: First page", "title: The first page")
                        .replace("A note", "One note"),
                )
            }),
        ),
        // Every page's breadcrumbs show it.
        (
            "home title edit",
            Box::new(|| {
                f.write(
                    "content/en/_index.md",
                    &f.read("content/en/_index.md")
                        .replace("title: Handbook", "title: The EQUIL handbook"),
                )
            }),
        ),
        (
            "handout added",
            Box::new(|| {
                f.write(
                    "content/en/toolkit/line-up/prompts.md",
                    "---\ntitle: Prompts\nkind: handout\n---\nWrite.\n\n[____]\n",
                )
            }),
        ),
        // Its card lists it by title.
        (
            "handout title edit",
            Box::new(|| {
                f.write(
                    "content/en/toolkit/line-up/prompts.md",
                    "---\ntitle: Statements\nkind: handout\n---\nWrite.\n\n[____]\n",
                )
            }),
        ),
        (
            "order swap",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\norder: 0\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        (
            "new page",
            Box::new(|| {
                f.write(
                    "content/en/intro/third.md",
                    "---\ntitle: Third\n---\nSee [first](first.md).\n",
                )
            }),
        ),
        (
            "translation added",
            Box::new(|| {
                f.write(
                    "content/nl/intro/third.md",
                    "---\ntitle: Derde\n---\nZie [eerste](first.md).\n",
                )
            }),
        ),
        (
            "slug",
            Box::new(|| {
                f.write(
                    "content/nl/intro/third.md",
                    "---\ntitle: Derde\nslug: derde\n---\nZie [eerste](first.md).\n",
                )
            }),
        ),
        // first.md links to it from another module: only its links change.
        (
            "linked page moved",
            Box::new(|| {
                f.write("content/en/toolkit/line-up.md", "---\ntitle: Line-up\nkind: tool\norder: 1\nslug: lining-up\n---\n## Purpose\n\nSee where people stand.\n")
            }),
        ),
        (
            "page renamed",
            Box::new(|| {
                std::fs::rename(
                    f.path("content/en/intro/third.md"),
                    f.path("content/en/intro/fourth.md"),
                )
                .unwrap()
            }),
        ),
        (
            "page deleted",
            Box::new(|| std::fs::remove_file(f.path("content/en/intro/fourth.md")).unwrap()),
        ),
        (
            "module added",
            Box::new(|| {
                f.write(
                    "content/en/extra/_index.md",
                    "---\ntitle: Extra\nkind: module\norder: 3\n---\nMore.\n",
                );
                f.write("content/en/extra/one.md", "---\ntitle: One\n---\nOne.\n");
            }),
        ),
        (
            "module renamed",
            Box::new(|| {
                std::fs::rename(f.path("content/en/extra"), f.path("content/en/bonus")).unwrap()
            }),
        ),
        (
            "asset added",
            Box::new(|| {
                f.write(
                    "content/en/bonus/pic.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
                )
            }),
        ),
        (
            "asset changed",
            Box::new(|| {
                f.write(
                    "content/en/intro/diagram.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\"/>\n",
                )
            }),
        ),
        (
            "module deleted",
            Box::new(|| std::fs::remove_dir_all(f.path("content/en/bonus")).unwrap()),
        ),
        (
            "home edited",
            Box::new(|| {
                f.write(
                    "content/en/_index.md",
                    "---\ntitle: The handbook\n---\nWelcome. See [the module](intro/_index.md).\n",
                )
            }),
        ),
        (
            "strings",
            Box::new(|| {
                f.write(
                    "locales/nl/main.ftl",
                    &builtin_locale("nl").replace("Naar de inhoud", "Naar de tekst"),
                )
            }),
        ),
        (
            "template",
            Box::new(|| {
                f.write(
                    "themes/default/templates/page.html",
                    &builtin_template("page.html")
                        .replace("{% block article %}", "{% block article %}<p>edited</p>"),
                )
            }),
        ),
        (
            "settings",
            Box::new(|| {
                f.write(
                    "site.yaml",
                    "languages: [en, nl]\nsource_language: en\ntitle: Renamed site\n",
                )
            }),
        ),
    ];
    // What the watcher reports: files added, removed or changed, and the
    // folders renamed or removed.
    let snapshot = || -> std::collections::BTreeMap<String, Vec<u8>> {
        files_under(&root)
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(root.join(&p)).unwrap();
                (p, bytes)
            })
            .collect()
    };
    for (step, change) in steps {
        let before = snapshot();
        change();
        let after = snapshot();
        // A folder renamed or removed is reported as the folder alone.
        let dirs: Vec<&str> = ["content/en/extra", "content/en/bonus"]
            .into_iter()
            .filter(|dir| {
                let under = |m: &std::collections::BTreeMap<String, Vec<u8>>| {
                    m.keys().any(|p| p.starts_with(&format!("{dir}/")))
                };
                under(&before) && !under(&after)
            })
            .collect();
        let mut paths: Vec<std::path::PathBuf> = before
            .keys()
            .chain(after.keys())
            .filter(|p| before.get(*p) != after.get(*p))
            .filter(|p| {
                !dirs
                    .iter()
                    .any(|d| p.starts_with(&format!("{d}/")) && !after.contains_key(*p))
            })
            .map(|p| root.join(p))
            .collect();
        paths.extend(dirs.iter().map(|d| root.join(d)));
        let mut changes = Changes::default();
        changes.add(&root, "default", paths);
        let report = live
            .rebuild(&changes)
            .unwrap_or_else(|e| panic!("{step}: {:?}", e.errors));
        // Edits of the body, title or summary of pages in the site take the
        // fast path; nothing else does.
        let fast = [
            "body edit",
            "source body edit",
            "outdated source edited again",
            "translation body edit",
            "title edit",
            "summary edit",
            "module title edit",
            "translation title edit",
            "title and body edit",
            "home title edit",
            "handout title edit",
            "home edited",
        ];
        assert_eq!(report.fast, fast.contains(&step), "{step}: fast path");
        live.render_prints(&never).expect("print pages");
        check(&live, step);
    }

    // Body edits that break a link elsewhere, or in the page itself, fail
    // as a full build does; fixing them brings the site back.
    let changes_of = |paths: &[&str]| {
        let mut c = Changes::default();
        c.add(&root, "default", paths.iter().map(|p| root.join(p)));
        c
    };
    let second = "content/en/intro/second.md";
    let good = f.read(second);
    // `None` deletes the file.
    let mut edit = |step: &str, path: &str, text: Option<&str>, ok: bool| {
        match text {
            Some(t) => f.write(path, t),
            None => std::fs::remove_file(f.path(path)).unwrap(),
        }
        let result = live.rebuild(&changes_of(&[path]));
        match (ok, result) {
            (true, Ok(report)) => {
                live.render_prints(&never).expect("print pages");
                check(&live, step);
                report.fast
            }
            (false, Err(failure)) => {
                let (outcome, _) = pipeline::run(&opts, &MemorySink::default());
                let full: Vec<_> = outcome
                    .diagnostics
                    .into_iter()
                    .filter(|d| d.is_error())
                    .collect();
                assert_eq!(failure.errors, full, "{step}: errors as a full build's");
                false
            }
            (true, Err(e)) => panic!("{step}: {:?}", e.errors),
            (false, Ok(_)) => panic!("{step}: should fail"),
        }
    };
    // first.md links to `second.md#details`.
    let other_heading = good.replace("## Details", "## Other");
    edit("anchor gone", second, Some(&other_heading), false);
    edit("anchor back", second, Some(&good), true);
    let fresh = good.replace("New", "Fresh");
    assert!(
        edit("body edit after a fix", second, Some(&fresh), true),
        "a body edit after a full rebuild takes the fast path"
    );
    let linked = good.replace("New words.", "See [the third page](third.md).");
    edit("link to a missing page", second, Some(&linked), false);
    let third = "content/en/intro/third.md";
    edit(
        "linked page created",
        third,
        Some("---\ntitle: Third\n---\nHere.\n"),
        true,
    );
    edit("linked page deleted", third, None, false);
    edit("link removed", second, Some(&good), true);
    let broken = "---\ntitle: [broken\n---\nText.\n";
    edit("front matter broken", second, Some(broken), false);
    edit("front matter fixed", second, Some(&good), true);
    let newer = good.replace("New", "Newer");
    assert!(
        edit(
            "body edit after broken front matter",
            second,
            Some(&newer),
            true
        ),
        "fast path again"
    );
    edit("restored", second, Some(&good), true);

    // A template changed while a page is broken still counts once the page
    // is fixed.
    f.write("content/en/intro/second.md", "---\ntitle: [broken\n---\n");
    let page = builtin_template("page.html");
    f.write(
        "themes/default/templates/page.html",
        &page.replace(
            "{% block article %}",
            "{% block article %}<p>second edit</p>",
        ),
    );
    assert!(live
        .rebuild(&changes_of(&[
            "content/en/intro/second.md",
            "themes/default/templates/page.html"
        ]))
        .is_err());
    f.write("content/en/intro/second.md", &good);
    live.rebuild(&changes_of(&["content/en/intro/second.md"]))
        .expect("fixed");
    live.render_prints(&never).expect("print pages");
    check(&live, "template changed while broken");
}

/// In a real browser: the page reloads by itself after an edit, and comes
/// back at the same scroll position. A test template writes the first
/// heading and the scroll position into the page title, read over the
/// DevTools protocol.
#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn a_browser_reloads_and_keeps_its_scroll_position() {
    let chromium = chromium();
    let f = Fixture::small();
    let filler = "Filler paragraph to make the page tall enough to scroll.\n\n".repeat(120);
    let page = |heading: &str| {
        format!("---\ntitle: First page\norder: 1\n---\n## {heading}\n\nSee [second](second.md#details).\n\n{filler}")
    };
    f.write("content/en/intro/first.md", &page("Version one"));
    let template = builtin_template("page.html");
    // The browser's own scroll restoration is turned off, so that only
    // serve's can bring the page back where it was.
    let probe = r#"<script>
history.scrollRestoration = "manual";
addEventListener("load", function () {
  if (!sessionStorage.getItem("test-scrolled")) { sessionStorage.setItem("test-scrolled", "1"); window.scrollTo({ top: 600, behavior: "instant" }); }
  setTimeout(function () {
    var h = document.querySelector(".content h2");
    document.title = (h ? h.textContent : "?") + " Y=" + Math.round(window.scrollY);
  }, 300);
});
</script>"#;
    f.write(
        "themes/default/templates/page.html",
        &template.replace(
            "{% block article %}",
            &format!("{{% block article %}}{probe}"),
        ),
    );
    let s = Serve::start(f.root());

    let mut b = cdp::Browser::launch(&chromium);
    let tab = b.open_blank();
    b.call(
        Some(&tab),
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 800, "height": 600, "deviceScaleFactor": 1, "mobile": false }),
    );
    b.navigate(&tab, &format!("{}/en/intro/first.html", s.addr));
    let mut wait_title = |ok: &dyn Fn(&str) -> bool, what: &str| -> String {
        let start = Instant::now();
        loop {
            // Errors while the page reloads count as "not yet".
            let title = b.try_eval(&tab, "document.title").unwrap_or_default();
            let title = title.as_str().unwrap_or("").to_string();
            if ok(&title) {
                return title;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "browser never showed {what}; title: {title:?}\n--- serve:\n{}",
                s.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    // Scrolled down on the first visit.
    let first = wait_title(
        &|t| t.starts_with("Version one Y=") && !t.ends_with("Y=0"),
        "the scrolled page",
    );
    let y = first.rsplit('=').next().unwrap().to_string();
    f.write("content/en/intro/first.md", &page("Version two"));
    let want = format!("Version two Y={y}");
    wait_title(&|t| t == want, &want);
}

#[test]
fn a_site_broken_at_the_start_is_served_once_fixed() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/first.md",
        "---\ntitle: First\nnot yaml: [\n---\nBody.\n",
    );
    let s = Serve::start(f.root());
    let r = s.get("/en/intro/first.html");
    assert_eq!(r.status, 404);
    assert!(r.has_overlay(), "{}", r.body);
    f.write(
        "content/en/intro/first.md",
        "---\ntitle: First\n---\nBody, fixed.\n",
    );
    let r = s.wait_for("/en/intro/first.html", "the fixed page", |r| {
        r.status == 200
    });
    assert!(!r.has_overlay());
    assert!(content_text(&r).contains("Body, fixed."));
    s.wait_for("/en/print.html", "the print pages", |r| r.status == 200);
}
