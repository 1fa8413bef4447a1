//! Git history: page dates and `lastmod`, What's new and the Atom feeds,
//! outdated notices with a date, and `equil i18n diff`, on repositories
//! made in temporary folders with commits on chosen dates.

mod common;

use std::path::Path;
use std::process::Command;

use common::{equil, sel, stderr, stdout, text, Fixture, Html};

/// Runs `git` in `dir` with commits dated `date` (author and committer),
/// isolated from the user's configuration.
fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Trainer",
            "-c",
            "user.email=trainer@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("the `git` program (tests need it to make repositories)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn commit(f: &Fixture, message: &str, date: &str) -> String {
    git(f.root(), &["add", "-A"], date);
    git(f.root(), &["commit", "-q", "-m", message], date);
    git(f.root(), &["rev-parse", "HEAD"], date)
}

const FIRST: &str = "---\ntitle: First page\n---\nJob coaches meet employers every week to talk about support.\n\nThe second paragraph stays as it is.\n";

/// A site in git: en (source) and nl, committed on four dates.
/// Returns the fixture and the commit ids, oldest first.
fn site_in_git() -> (Fixture, Vec<String>) {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/h/\n",
    );
    f.write(
        "content/en/_index.md",
        "---\ntitle: Handbook\n---\nWelcome.\n",
    );
    f.write(
        "content/en/intro/_index.md",
        "---\ntitle: Introduction\nkind: module\n---\nThe module.\n",
    );
    f.write("content/en/intro/first.md", FIRST);
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second page\n---\nMore text.\n",
    );
    f.write(
        "content/nl/_index.md",
        "---\ntitle: Handboek\n---\nWelkom.\n",
    );
    f.write(
        "content/nl/intro/_index.md",
        "---\ntitle: Inleiding\nkind: module\n---\nDe module.\n",
    );
    f.write(
        "content/nl/intro/first.md",
        "---\ntitle: Eerste pagina\n---\nJobcoaches spreken werkgevers elke week over ondersteuning.\n\nDe tweede alinea blijft zoals hij is.\n",
    );
    git(f.root(), &["init", "-q"], "2026-01-10T09:00:00Z");
    let mut ids = vec![commit(&f, "Start the handbook", "2026-01-10T09:00:00Z")];
    // The Dutch page matches the source of 10 January.
    let out = f.run(&["i18n", "mark-current", "content/nl/intro/first.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    ids.push(commit(
        &f,
        "Mark the Dutch first page current",
        "2026-01-12T10:00:00Z",
    ));
    // The source changes twice.
    f.write(
        "content/en/intro/first.md",
        &FIRST.replace("every week", "every month"),
    );
    ids.push(commit(&f, "Monthly meetings", "2026-02-15T11:00:00Z"));
    f.write(
        "content/en/intro/first.md",
        &FIRST.replace("every week", "every month").replace(
            "stays as it is.",
            "stays as it is.\n\nA new closing sentence.",
        ),
    );
    ids.push(commit(&f, "Add a closing sentence", "2026-02-20T12:00:00Z"));
    // The Dutch home page says what changed, in Dutch.
    f.write(
        "content/nl/_index.md",
        "---\ntitle: Handboek\nchanges: Nieuwe welkomsttekst\n---\nWelkom bij het handboek.\n",
    );
    ids.push(commit(&f, "Dutch welcome", "2026-03-20T08:30:00Z"));
    (f, ids)
}

fn updated(doc: &Html) -> Option<(String, String)> {
    let s = sel(".page-updated time");
    doc.select(&s).next().map(|t| {
        (
            t.value().attr("datetime").unwrap_or("").to_string(),
            t.text().collect(),
        )
    })
}

#[test]
fn page_dates_and_lastmod_follow_each_files_last_commit() {
    let (f, _) = site_in_git();
    f.build_ok();
    let en_first = updated(&f.html("en/intro/first.html")).expect("a date");
    assert_eq!(en_first.0, "2026-02-20");
    let nl_first = updated(&f.html("nl/intro/first.html")).expect("a date");
    // The translation shows its own file's date, in Dutch.
    assert_eq!(nl_first, ("2026-01-12".into(), "12 januari 2026".into()));
    let en_second = updated(&f.html("en/intro/second.html")).expect("a date");
    assert_eq!(en_second.0, "2026-01-10");
    assert_eq!(
        updated(&f.html("nl/index.html")).expect("a date").1,
        "20 maart 2026"
    );

    let sitemap = f.read("public/sitemap.xml");
    let xml = roxmltree::Document::parse(&sitemap).expect("valid XML");
    let lastmod = |loc: &str| {
        xml.descendants()
            .find(|n| {
                n.has_tag_name("url")
                    && n.children()
                        .any(|c| c.has_tag_name("loc") && c.text() == Some(loc))
            })
            .and_then(|u| u.children().find(|c| c.has_tag_name("lastmod")))
            .and_then(|l| l.text())
            .map(str::to_string)
    };
    assert_eq!(
        lastmod("https://example.org/h/en/intro/first.html").as_deref(),
        Some("2026-02-20T12:00:00Z")
    );
    assert_eq!(
        lastmod("https://example.org/h/nl/intro/first.html").as_deref(),
        Some("2026-01-12T10:00:00Z")
    );
    assert_eq!(
        lastmod("https://example.org/h/nl/index.html").as_deref(),
        Some("2026-03-20T08:30:00Z")
    );
}

#[test]
fn date_locale_gives_a_language_its_regional_date_format() {
    let (f, _) = site_in_git();
    f.build_ok();
    let us = updated(&f.html("en/intro/first.html")).expect("a date");
    assert_eq!(us.1, "February 20, 2026");
    // British English dates for the English pages; Dutch stays Dutch.
    f.write(
        "site.yaml",
        &(f.read("site.yaml") + "date_locale:\n  en: en-GB\n"),
    );
    f.build_ok();
    let gb = updated(&f.html("en/intro/first.html")).expect("a date");
    assert_eq!(gb, ("2026-02-20".into(), "20 February 2026".into()));
    let whats_new = f.html("en/whats-new.html");
    assert!(
        whats_new
            .select(&sel(".change-meta time"))
            .any(|t| t.text().collect::<String>() == "20 February 2026"),
        "What's new uses the same format"
    );
    assert_eq!(
        updated(&f.html("nl/intro/first.html")).expect("a date").1,
        "12 januari 2026"
    );
    // A variant of another language is refused, with the line and a fix.
    f.write(
        "site.yaml",
        &f.read("site.yaml").replace("en: en-GB", "en: nl-BE"),
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("`date_locale` gives `nl-BE` for `en`")
            && err.contains("site.yaml:4")
            && err.contains("en: en-GB"),
        "{err}"
    );
}

#[test]
fn whats_new_lists_changes_newest_first_with_notes_and_home_links() {
    let (f, _) = site_in_git();
    f.build_ok();
    let doc = f.html("nl/whats-new.html");
    let titles: Vec<String> = doc
        .select(&sel(".change-title a"))
        .map(|a| a.text().collect())
        .collect();
    // The pages of the Dutch tree by their own files' dates, newest first
    // (the same date: by path).
    assert_eq!(
        titles,
        vec!["Handboek", "Eerste pagina", "Inleiding", "Second page"],
        "{titles:?}"
    );
    let dates: Vec<String> = doc
        .select(&sel(".change-meta time"))
        .filter_map(|t| t.value().attr("datetime").map(str::to_string))
        .collect();
    assert_eq!(
        dates,
        vec!["2026-03-20", "2026-01-12", "2026-01-10", "2026-01-10"]
    );
    let summaries: Vec<String> = doc
        .select(&sel(".change-summary"))
        .map(|p| p.text().collect())
        .collect();
    // The note written in that commit, else the commit subject.
    assert_eq!(summaries[0], "Nieuwe welkomsttekst");
    assert_eq!(summaries[1], "Mark the Dutch first page current");
    // A fallback page is marked as English.
    let second = doc
        .select(&sel(".change-title a"))
        .nth(3)
        .expect("fourth change");
    assert_eq!(second.value().attr("lang"), Some("en"));
    assert_eq!(second.value().attr("href"), Some("intro/second.html"));

    let en = f.html("en/whats-new.html");
    let first = text(&en, ".change-title a").expect("a change");
    assert_eq!(first, "First page");
    assert_eq!(
        text(&en, ".change-summary").as_deref(),
        Some("Add a closing sentence")
    );

    let home = f.html("nl/index.html");
    let links = common::attrs(&home, ".whats-new-link a", "href");
    assert_eq!(links, vec!["whats-new.html", "feed.xml"]);
    assert_eq!(
        common::attrs(&home, "link[type='application/atom+xml']", "href"),
        vec!["feed.xml"]
    );
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The Atom child element `name` of `n` (panics when there is none).
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .unwrap_or_else(|| panic!("<{name}> missing"))
}

#[test]
fn atom_feed_is_valid_with_absolute_links() {
    let (f, ids) = site_in_git();
    f.build_ok();
    let feed = f.read("public/nl/feed.xml");
    let xml = roxmltree::Document::parse(&feed).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(root.tag_name().namespace(), Some(ATOM));
    assert_eq!(
        child(root, "id").text(),
        Some("https://example.org/h/nl/feed.xml")
    );
    assert!(child(root, "title")
        .text()
        .unwrap_or("")
        .contains("Wat is er nieuw"));
    assert_eq!(child(root, "updated").text(), Some("2026-03-20T08:30:00Z"));
    assert!(child(child(root, "author"), "name").text().is_some());
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    assert_eq!(entries.len(), 4);
    let mut ids_seen = std::collections::BTreeSet::new();
    for e in &entries {
        let id = child(*e, "id").text().expect("id");
        assert!(ids_seen.insert(id.to_string()), "duplicate id {id}");
        assert!(child(*e, "title").text().is_some());
        let updated = child(*e, "updated").text().expect("updated");
        assert_eq!(updated.len(), 20, "{updated}");
        let link = child(*e, "link");
        let href = link.attribute("href").expect("href");
        assert!(href.starts_with("https://example.org/h/nl/"), "{href}");
    }
    let first = entries[0];
    assert_eq!(
        child(first, "link").attribute("href"),
        Some("https://example.org/h/nl/index.html")
    );
    assert!(child(first, "id").text().unwrap().ends_with(&ids[4][..12]));
    // Without a base URL: no feed, and the base URL warning says so.
    f.write("site.yaml", "languages: [en, nl]\nsource_language: en\n");
    let out = f.build_ok();
    assert!(!f.exists("public/nl/feed.xml"));
    assert!(f.exists("public/nl/whats-new.html"));
    let log = stderr(&out);
    assert_eq!(log.matches("W105").count(), 1, "{log}");
    assert!(log.contains("Atom feeds"), "{log}");
}

#[test]
fn two_builds_are_byte_identical() {
    let (f, _) = site_in_git();
    let a = f.run(&["build", "--output", "out-a"]);
    assert!(a.status.success(), "{}", stderr(&a));
    let b = f.run(&["build", "--output", "out-b"]);
    assert!(b.status.success(), "{}", stderr(&b));
    let (sa, sb) = (
        common::snapshot(&f.path("out-a")),
        common::snapshot(&f.path("out-b")),
    );
    assert!(!sa.is_empty());
    assert_eq!(sa.len(), sb.len());
    for (x, y) in sa.iter().zip(&sb) {
        assert_eq!(x.0, y.0);
        assert!(x.1 == y.1, "{} differs between builds", x.0);
    }
}

#[test]
fn outdated_notice_says_since_when() {
    let (f, _) = site_in_git();
    f.build_ok();
    let doc = f.html("nl/intro/first.html");
    let notice = text(&doc, ".notice-outdated").expect("an outdated notice");
    assert!(notice.contains("10 januari 2026"), "{notice}");
}

#[test]
fn i18n_diff_shows_exactly_the_changed_words() {
    let (f, ids) = site_in_git();
    let out = f.run(&["i18n", "diff", "--lang", "nl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let t = stdout(&out);
    assert!(t.contains("content/nl/intro/first.md is outdated"), "{t}");
    assert!(
        t.contains(&ids[0][..10]),
        "commit of the version translated:\n{t}"
    );
    assert!(t.contains("January 10, 2026"), "{t}");
    assert!(t.contains("[-week-]{+month+}"), "{t}");
    assert!(t.contains("{+A new closing sentence.+}"), "{t}");
    assert!(!t.contains("[-Job"), "only changed words are marked:\n{t}");
    // Plain when piped: no escape codes.
    assert!(!t.contains('\x1b'), "{t}");

    let out = f.run(&[
        "i18n",
        "diff",
        "content/nl/intro/first.md",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(j["history"], true);
    let page = &j["pages"][0];
    assert_eq!(page["path"], "content/nl/intro/first.md");
    assert_eq!(page["source"], "content/en/intro/first.md");
    assert_eq!(page["status"], "outdated");
    assert_eq!(page["from"]["commit"], ids[0].as_str());
    assert_eq!(page["from"]["date"], "2026-01-10");
    let changed: Vec<(String, String)> = page["sections"][0]["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| s["op"] != "equal")
        .map(|s| {
            (
                s["op"].as_str().unwrap().into(),
                s["text"].as_str().unwrap().trim().into(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        vec![
            ("delete".to_string(), "week".to_string()),
            ("insert".to_string(), "month".to_string()),
            ("insert".to_string(), "A new closing sentence.".to_string()),
        ]
    );
    assert_eq!(page["size"]["words_removed"], 1);
    assert_eq!(page["size"]["words_added"], 5);

    // Status JSON: the version and the size of the change.
    let out = f.run(&["i18n", "status", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let d = &j["languages"][0]["pages"]["outdated_details"][0];
    assert_eq!(d["path"], "intro/first.md");
    assert_eq!(d["from"]["commit"], ids[0].as_str());
    assert_eq!(d["from"]["date"], "2026-01-10");
    assert_eq!(d["changed"]["words_added"], 5);
}

#[test]
fn outside_git_and_in_a_shallow_clone_history_is_explained() {
    // Not a repository.
    let f = Fixture::empty();
    f.write("site.yaml", "languages: [en, nl]\nsource_language: en\n");
    f.write("content/en/_index.md", "---\ntitle: Handbook\n---\nHi.\n");
    f.write(
        "content/nl/_index.md",
        "---\ntitle: Handboek\nsource_hash: \"0000000000000000\"\n---\nHoi.\n",
    );
    let out = f.run(&["i18n", "diff", "--lang", "nl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let t = stdout(&out);
    assert!(t.contains("not in a git repository"), "{t}");
    assert!(t.contains("content/nl/_index.md is outdated"), "{t}");
    let out = f.run(&["i18n", "diff", "--lang", "nl", "--format", "json"]);
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(j["history"], false);
    assert_eq!(j["pages"][0]["missing"], "no-history");
    // A build: no dates, one note, not a failure.
    let out = f.build_ok();
    let log = stderr(&out);
    assert_eq!(log.matches("N201").count(), 1, "{log}");
    assert!(log.contains("note"), "{log}");
    assert!(updated(&f.html("en/index.html")).is_none());

    // A shallow clone.
    let (orig, _) = site_in_git();
    let parent = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", orig.root().display());
    git(
        parent.path(),
        &["clone", "-q", "--depth", "1", &url, "clone"],
        "2026-04-01T00:00:00Z",
    );
    let clone = parent.path().join("clone");
    let root = clone.to_str().unwrap();
    let out = equil(&["i18n", "diff", "--lang", "nl", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("shallow clone"), "{}", stdout(&out));
    let out = equil(&["build", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(clone.join("public/en/intro/first.html")).unwrap();
    assert!(!page.contains("page-updated"));

    // A hash that no committed version has.
    let (g, _) = site_in_git();
    g.write(
        "content/nl/intro/first.md",
        "---\ntitle: Eerste pagina\nsource_hash: \"ffffffffffffffff\"\n---\nTekst.\n",
    );
    let out = g.run(&["i18n", "diff", "content/nl/intro/first.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("no committed version"),
        "{}",
        stdout(&out)
    );
}
