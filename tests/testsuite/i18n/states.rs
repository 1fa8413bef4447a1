//! Translation states: unknown without `source_hash`, outdated when the
//! source changes, current once marked; `mark-current` keeps every other byte
//! and refuses what is not a translation.

use super::*;

#[test]
fn a_translation_without_source_hash_is_unknown_not_current() {
    let f = Fixture::small();
    let r = status(&f);
    let nl = lang(&r, "nl");
    assert_eq!(nl["pages"]["current"], 0);
    assert_eq!(
        strings(&nl["pages"]["files"]["unknown"]),
        ["_index.md", "intro/_index.md", "intro/first.md"]
    );
    let out = f.build_ok();
    // One summary warning for the language, not one per page.
    let err = stderr(&out);
    let w103: Vec<&str> = err.lines().filter(|l| l.contains("W103")).collect();
    assert_eq!(w103.len(), 1, "{err}");
    assert!(w103[0].contains("3 translations in `nl`"), "{err}");
    assert!(err.contains("equil i18n status"), "{err}");
}

#[test]
fn editing_a_source_page_makes_its_translations_outdated_until_marked_current() {
    let f = Fixture::small();
    let out = f.run(&["i18n", "mark-current", "--lang", "nl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let nl = status(&f);
    let nl = lang(&nl, "nl");
    assert_eq!(nl["pages"]["current"], 3, "{nl:#}");
    assert_eq!(nl["pages"]["outdated"], 0);
    assert_eq!(nl["pages"]["unknown"], 0);

    // The source changes: its translation is outdated.
    let first = f.read("content/en/intro/first.md");
    f.write(
        "content/en/intro/first.md",
        &first.replace("try it.", "try it twice."),
    );
    // White space at the ends of lines is not a change.
    let overview = f.read("content/en/intro/_index.md");
    f.write(
        "content/en/intro/_index.md",
        &overview.replace("overview.\n", "overview.   \n\n\n"),
    );
    let r = status(&f);
    let nl = lang(&r, "nl");
    assert_eq!(
        strings(&nl["pages"]["files"]["outdated"]),
        ["intro/first.md"]
    );
    assert_eq!(nl["pages"]["current"], 2);
    let out = f.build_ok();
    assert!(stderr(&out).contains("W102"), "{}", stderr(&out));
    let page = f.html("nl/intro/first.html");
    let notice = page
        .select(&sel(".notice-outdated"))
        .next()
        .expect("outdated notice on the outdated page");
    let text: String = notice.text().collect();
    assert!(text.contains(&message("nl", "outdated-notice")), "{text}");
    let link = notice.select(&sel("a")).next().expect("link to the source");
    assert_eq!(link.value().attr("href"), Some("../../en/intro/first.html"));
    assert_eq!(link.value().attr("hreflang"), Some("en"));
    assert_eq!(
        link.text().collect::<String>(),
        message("nl", "outdated-link")
    );
    let current = f.html("nl/intro/index.html");
    assert!(current.select(&sel(".notice")).next().is_none());

    // Updating the translation and marking it changes only `source_hash`, from cwd-relative paths.
    let before = f.read("content/nl/intro/first.md");
    let root = f.root().to_str().expect("utf-8").to_string();
    let out = equil_in(
        &f.path("content/nl"),
        &["i18n", "mark-current", "intro/first.md", "--root", &root],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = f.read("content/nl/intro/first.md");
    let (added, removed) = changed_lines(&before, &after);
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].starts_with("source_hash: "), "{added:?}");
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].starts_with("source_hash: "), "{removed:?}");
    assert_eq!(before.lines().count(), after.lines().count());
    let r = status(&f);
    assert_eq!(lang(&r, "nl")["pages"]["current"], 3);
    f.build_ok();
    let page = f.html("nl/intro/first.html");
    assert!(page.select(&sel(".notice")).next().is_none());
}

#[test]
fn mark_current_keeps_every_other_byte() {
    let f = Fixture::small();
    let original = "---\r\n# A comment the translator wrote\r\ntitle:   \"Tweede pagina\"   # spaced\r\norder: 2\r\nextra:\r\n  source_hash: not-this-one\r\n---\r\n## Details\r\n\r\nsource_hash: not this either\r\n";
    f.write("content/nl/intro/second.md", original);
    let out = f.run(&["i18n", "mark-current", "content/nl/intro/second.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = f.read("content/nl/intro/second.md");
    let fence = original.rfind("---\r\n## Details").expect("closing fence");
    assert!(after.starts_with(&original[..fence]), "{after:?}");
    assert!(after.ends_with(&original[fence..]), "{after:?}");
    let inserted = &after[fence..after.len() - (original.len() - fence)];
    assert!(inserted.starts_with("source_hash: \""), "{inserted:?}");
    assert!(inserted.ends_with("\"\r\n"), "{inserted:?}");
    assert_eq!(inserted.matches('\n').count(), 1);
    assert_eq!(
        strings(&lang(&status(&f), "nl")["pages"]["files"]["current"]),
        ["intro/second.md"]
    );
    // Marking again changes nothing.
    let out = f.run(&["i18n", "mark-current", "content/nl/intro/second.md"]);
    assert!(out.status.success());
    assert_eq!(f.read("content/nl/intro/second.md"), after);
}

#[test]
fn mark_current_refuses_what_is_not_a_translation() {
    let f = Fixture::small();
    f.write(
        "content/nl/intro/extra.md",
        "---\ntitle: Extra\n---\nGeen bron.\n",
    );
    for (path, needle) in [
        ("content/en/intro/first.md", "source language"),
        ("content/nl/intro/extra.md", "no source page"),
        ("site.yaml", "not a translation"),
        ("content/nl/intro/nothing.md", "no such file"),
    ] {
        let before = f.exists(path).then(|| f.read(path));
        let out = f.run(&["i18n", "mark-current", path]);
        assert_eq!(out.status.code(), Some(1), "{path}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{path}: {}", stderr(&out));
        assert!(stderr(&out).contains(path), "{path}: {}", stderr(&out));
        if let Some(before) = before {
            assert_eq!(f.read(path), before, "{path} must not change");
        }
    }
    let out = f.run(&["i18n", "mark-current", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let out = f.run(&["i18n", "mark-current"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no paths and no --lang is a usage error"
    );
}
