//! `equil init`: a new handbook that builds and checks cleanly at once, with
//! the built-in theme, in the chosen languages.

mod common;

use common::*;

fn init(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["init", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    equil(&args)
}

#[test]
fn new_site_builds_and_checks_with_zero_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("handbook");
    let out = init(
        &site,
        &[
            "--languages",
            "en,nl",
            "--base-url",
            "https://example.org/handbook/",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !site.join("themes").exists(),
        "the theme must stay built in"
    );
    assert!(site.join("locales/nl/main.ftl").is_file());
    assert!(site.join(".github/workflows/publish.yml").is_file());

    let root = site.to_str().unwrap();
    let out = equil(&["check", "--root", root, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "[]", "check found something");

    let out = equil(&["build", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    // The chosen languages, each with the example module, page and tool card.
    let page = Html::parse_document(
        &std::fs::read_to_string(site.join("public/nl/getting-started/first-conversation.html"))
            .unwrap(),
    );
    assert_eq!(attrs(&page, ".lang-switcher a", "hreflang"), ["en", "nl"]);
    assert_eq!(attrs(&page, "html", "lang"), ["nl"]);
    assert_eq!(page.select(&sel(".notice-fallback")).count(), 0);
    let card = Html::parse_document(
        &std::fs::read_to_string(site.join("public/en/getting-started/strengths-interview.html"))
            .unwrap(),
    );
    assert_eq!(card.select(&sel(".tool-card .tool-meta dd")).count(), 2);
    assert!(!site.join("public/da").exists());
}

#[test]
fn a_site_template_overrides_the_built_in_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("h");
    assert!(init(&site, &[]).status.success());
    std::fs::create_dir_all(site.join("themes/default/templates")).unwrap();
    std::fs::write(
        site.join("themes/default/templates/home.html"),
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><title>x</title><h1 id=\"ours\">{{ page.title }}</h1></html>",
    )
    .unwrap();
    let out = equil(&["build", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home =
        Html::parse_document(&std::fs::read_to_string(site.join("public/en/index.html")).unwrap());
    assert_eq!(home.select(&sel("h1#ours")).count(), 1);
    let page = Html::parse_document(
        &std::fs::read_to_string(site.join("public/en/getting-started/index.html")).unwrap(),
    );
    assert_eq!(
        page.select(&sel("main#main")).count(),
        1,
        "other templates stay built in"
    );
}

#[test]
fn init_refuses_to_overwrite_and_unknown_languages() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
    let out = init(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(),
        "mine"
    );

    let out = init(&tmp.path().join("new"), &["--languages", "en,pt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("equil i18n add pt"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("new").exists());
}

#[test]
fn help_and_version_are_helpful() {
    let out = equil(&["--version"]);
    assert!(stdout(&out).starts_with("equil "), "{}", stdout(&out));
    for cmd in ["build", "check", "serve", "i18n", "pdf", "init"] {
        let out = equil(&["help", cmd]);
        assert!(out.status.success(), "help {cmd}");
        assert!(
            stdout(&out).contains("Examples:"),
            "`equil help {cmd}` has no examples:\n{}",
            stdout(&out)
        );
    }
}
