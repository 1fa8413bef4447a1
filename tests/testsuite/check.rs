//! `equil check`: one fixture per class of problem, asserting the stable
//! code, file, line and column of each finding (JSON output).

use crate::common::*;
use serde_json::Value;

/// The single finding with `code`, asserting where it is.
fn finding<'a>(all: &'a [Value], code: &str, path: &str, line: u64, column: u64) -> &'a Value {
    all.iter()
        .find(|d| {
            d["code"] == code && d["path"] == path && d["line"] == line && d["column"] == column
        })
        .unwrap_or_else(|| panic!("no {code} at {path}:{line}:{column}: {all:#?}"))
}

#[test]
fn clean_site_has_no_findings_and_writes_nothing() {
    let f = Fixture::small();
    let (code, all) = f.check_json();
    assert_eq!(code, 0, "{all:#?}");
    // The fixture's Dutch tree falls back for some pages: one warning, no errors.
    assert!(all.iter().all(|d| d["severity"] == "warning"), "{all:#?}");
    assert!(!f.exists("public"));
}

#[test]
fn front_matter_errors() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second\nsumary: x\n---\n",
    );
    f.write(
        "content/en/intro/third.md",
        "---\ntitle: Third\nduration: soon\n---\n",
    );
    f.write(
        "content/en/intro/fourth.md",
        "---\ntitle: \"unclosed\n---\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let d = finding(&all, "E003", "content/en/intro/second.md", 3, 1);
    assert_eq!(d["name"], "unknown-key");
    assert_eq!(d["help"], "did you mean `summary`?");
    finding(&all, "E004", "content/en/intro/third.md", 3, 11);
    let d = all
        .iter()
        .find(|d| d["path"] == "content/en/intro/fourth.md")
        .unwrap();
    assert_eq!(d["code"], "E002");
    assert_eq!(d["line"], 2);
}

#[test]
fn broken_links_anchors_and_images() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second\n---\n## Details\n\nSee [one](frist.md), [two](first.md#getting-startd)\nand ![pic](diagarm.svg).\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let links: Vec<&Value> = all
        .iter()
        .filter(|d| d["code"] == "E012" && d["severity"] == "error")
        .collect();
    assert_eq!(links.len(), 2, "{links:#?}");
    let d = finding(&all, "E012", "content/en/intro/second.md", 6, 5);
    assert_eq!(d["help"], "did you mean `first.md`?");
    let anchor = links
        .iter()
        .find(|d| d["column"] == 22)
        .expect("anchor finding");
    assert_eq!(anchor["help"], "did you mean `#getting-started`?");
    let d = finding(&all, "E013", "content/en/intro/second.md", 7, 5);
    assert_eq!(d["help"], "did you mean `diagram.svg`?");
}

#[test]
fn duplicate_output_paths() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/third.md",
        "---\ntitle: Third\nslug: second\n---\n",
    );
    f.write("content/en/intro/print.md", "---\ntitle: Print\n---\n");
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let dups: Vec<&Value> = all.iter().filter(|d| d["code"] == "E014").collect();
    assert!(
        dups.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("en/intro/second.html")),
        "{dups:#?}"
    );
    assert!(
        dups.iter()
            .any(|d| d["path"] == "content/en/intro/print.md"),
        "{dups:#?}"
    );
}

#[test]
fn paths_cannot_leave_the_site() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second\n---\n## Details\n\n[a](../../../etc/passwd) [b](/etc/passwd) ![c](file:///etc/passwd)\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    finding(&all, "E040", "content/en/intro/second.md", 6, 1);
    finding(&all, "E040", "content/en/intro/second.md", 6, 26);
    finding(&all, "E040", "content/en/intro/second.md", 6, 43);
    f.write(
        "content/en/intro/third.md",
        "---\ntitle: Third\nslug: ../../x\n---\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    finding(&all, "E040", "content/en/intro/third.md", 3, 1);
    // Nothing unsafe reaches a page even when asked to build anyway.
    f.write("content/en/intro/third.md", "---\ntitle: Third\n---\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_tree_are_refused() {
    let f = Fixture::small();
    std::os::unix::fs::symlink("/etc/hostname", f.path("content/en/intro/secret.md")).unwrap();
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let d = all
        .iter()
        .find(|d| d["code"] == "E040")
        .expect("unsafe path finding");
    assert_eq!(d["path"], "content/en/intro/secret.md");
}

#[test]
fn fluent_syntax_error_has_position() {
    let f = Fixture::small();
    // In a translation: a warning at the broken line; the other messages still work.
    let nl = builtin_locale("nl");
    f.write(
        "locales/nl/main.ftl",
        &format!("{nl}\nbroken-message = {{ $x\n"),
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 0, "{all:#?}");
    let d = all
        .iter()
        .find(|d| d["code"] == "E020")
        .expect("fluent finding");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["path"], "locales/nl/main.ftl");
    assert_eq!(
        d["line"].as_u64(),
        Some(nl.lines().count() as u64 + 2),
        "{d:#}"
    );
    assert!(d["column"].as_u64().is_some());
    // In the source language: an error.
    let en = builtin_locale("en");
    f.write(
        "locales/en/main.ftl",
        &format!("{en}\nbroken-message = {{ $x\n"),
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let d = all
        .iter()
        .find(|d| d["code"] == "E020" && d["path"] == "locales/en/main.ftl")
        .expect("fluent error");
    assert_eq!(d["severity"], "error");
}

#[test]
fn raw_scripts_are_reported_and_removed() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second\n---\n## Details\n\n<p onclick=\"steal()\">Hello</p>\n\n<details><summary>More</summary>Hidden <kbd>Ctrl</kbd></details>\n\n<script>alert(1)</script>\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 0, "{all:#?}");
    finding(&all, "W107", "content/en/intro/second.md", 6, 1);
    finding(&all, "W107", "content/en/intro/second.md", 10, 1);
    f.build_ok();
    let html = f.read("public/en/intro/second.html");
    assert!(
        !html.contains("alert(1)") && !html.contains("onclick"),
        "{html}"
    );
    let doc = f.html("en/intro/second.html");
    assert_eq!(
        text(&doc, ".content details summary").as_deref(),
        Some("More")
    );
    assert_eq!(text(&doc, ".content kbd").as_deref(), Some("Ctrl"));

    // A site that trusts its authors keeps raw HTML as written.
    f.write("site.yaml", "languages: [en, nl]\ntrust_html: true\n");
    f.build_ok();
    assert!(f.read("public/en/intro/second.html").contains("onclick"));
}

#[test]
fn drafts_are_listed() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/later.md",
        "---\ntitle: Later\ndraft: true\n---\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 0);
    let d = all
        .iter()
        .find(|d| d["code"] == "W106")
        .expect("draft finding");
    assert_eq!(d["path"], "content/en/intro/later.md");
}

#[test]
fn bad_language_folder() {
    let f = Fixture::small();
    f.write("content/en_GB!/_index.md", "---\ntitle: X\n---\n");
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let d = all
        .iter()
        .find(|d| d["code"] == "E006")
        .expect("language finding");
    assert_eq!(d["path"], "content/en_GB!");
}

#[test]
fn text_format_shows_file_line_column() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second\nordre: 2\n---\n",
    );
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[E003]: unknown key `ordre`"), "{err}");
    assert!(err.contains("content/en/intro/second.md:3:1"), "{err}");
    assert!(err.contains("did you mean `order`?"), "{err}");
}

#[test]
fn a_fluent_file_that_crashed_the_parser_is_reported_not_fatal() {
    // Found by the `fluent` fuzz target: fluent-syntax panics on it.
    let f = Fixture::small();
    let crash = std::fs::read(
        repo().join("fuzz/regressions/fluent/crash-a41a17424e4a5d138c62f7d32aa288e288085c29"),
    )
    .unwrap();
    std::fs::create_dir_all(f.path("locales/nl")).unwrap();
    std::fs::write(f.path("locales/nl/extra.ftl"), crash).unwrap();
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("locales/nl/extra.ftl:"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

/// The YAML mistakes trainers make, each explained where it is, with the
/// exact help line they read.
#[test]
fn yaml_mistakes_are_explained_in_plain_words() {
    let f = Fixture::small();
    let pages = [
        ("colon", "---\ntitle: Co-design: a how-to\n---\nText.\n"),
        (
            "tab",
            "---\ntitle: Tabs\nobjectives:\n\t- Know the basics\n---\nText.\n",
        ),
        (
            "quote",
            "---\ntitle: \"Co-design\norder: 3\nsummary: x\n---\nText.\n",
        ),
        ("order", "---\ntitle: Order\norder: drie\n---\nText.\n"),
        (
            "duration",
            "---\ntitle: Duration\nduration: 1 uur\n---\nText.\n",
        ),
        ("kind", "---\ntitle: Kind\nkind: tol\n---\nText.\n"),
    ];
    for (name, text) in pages {
        f.write(&format!("content/en/intro/{name}.md"), text);
    }
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let p = |n: &str| format!("content/en/intro/{n}.md");
    let cases = [
        (
            "colon",
            "E002",
            2,
            17,
            "put the title in quotes: `title: \"Co-design: a how-to\"`",
        ),
        (
            "tab",
            "E002",
            4,
            1,
            "use spaces; there is a tab at column 1",
        ),
        (
            "quote",
            "E002",
            2,
            8,
            "end the value with the same quote on this line: `title: \"Co-design\"`",
        ),
        ("order", "E004", 3, 8, "`order` is a whole number, e.g. 1"),
        (
            "duration",
            "E004",
            3,
            11,
            "`duration` is a whole number (minutes), e.g. 60",
        ),
        ("kind", "E004", 3, 7, "did you mean `tool`?"),
    ];
    for (name, code, line, col, help) in cases {
        let d = finding(&all, code, &p(name), line, col);
        assert_eq!(d["help"], help, "{name}: {d:#?}");
    }
}

/// Fluent mistakes: an unknown term in the source language (an error), an
/// unknown variable and a clash with a built-in message in a translation
/// (warnings), each at its file and line; a missing message's help names
/// the file that holds the source text.
#[test]
fn fluent_mistakes_are_reported_not_printed() {
    let f = Fixture::small();
    f.write(
        "locales/en/extra.ftl",
        "# Extra strings\n-brand = EQUIL\nextra-greeting = Hello { $name } from { -brnad }\n",
    );
    f.write(
        "locales/nl/extra.ftl",
        "extra-greeting = Hallo { $naam }\n\nnav-home = Start\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1, "{all:#?}");
    let d = finding(&all, "E022", "locales/en/extra.ftl", 3, 1);
    assert_eq!(d["severity"], "error");
    assert!(
        d["message"].as_str().unwrap().contains("`-brnad`"),
        "{d:#?}"
    );
    let d = finding(&all, "E022", "locales/nl/extra.ftl", 1, 1);
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("`$naam`"), "{d:#?}");
    assert_eq!(
        d["help"],
        "did you mean `$name`? (this message is given `$name`)"
    );
    let d = finding(&all, "E023", "locales/nl/extra.ftl", 3, 1);
    assert_eq!(d["severity"], "warning");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("(built-in)/nl/main.ftl"),
        "{d:#?}"
    );

    // Fixed, the site checks clean; a translation's own main.ftl that lacks
    // a message is told where the source text is.
    f.write(
        "locales/en/extra.ftl",
        "-brand = EQUIL\nextra-greeting = Hello { $name } from { -brand }\n",
    );
    f.write("locales/nl/extra.ftl", "extra-greeting = Hallo { $name }\n");
    f.write("locales/nl/main.ftl", "lang-name = Nederlands\n");
    let (code, all) = f.check_json();
    assert_eq!(code, 0, "{all:#?}");
    let d = all
        .iter()
        .find(|d| d["code"] == "E021" && d["message"].as_str().unwrap().contains("`search-label`"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    let line = builtin_locale("en")
        .lines()
        .position(|l| l.starts_with("search-label ="))
        .expect("search-label in the built-in English strings")
        + 1;
    assert_eq!(
        d["help"],
        format!(
            "add `search-label = …` to locales/nl/main.ftl (the en text is at (built-in)/en/main.ftl:{line})"
        )
    );
}

/// E021's help names the file that holds the source message, and never a
/// file that would replace a built-in one.
#[test]
fn a_missing_message_is_added_beside_its_source() {
    let f = Fixture::small();
    f.write(
        "locales/en/extra.ftl",
        "extra-thanks = Thanks to our funders\n",
    );
    f.write(
        "themes/default/templates/partials/thanks.html",
        "<p>{{ t(key=\"extra-thanks\") }} {{ t(key=\"nav-home\") }}</p>\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 0, "{all:#?}");
    let d = all
        .iter()
        .find(|d| d["code"] == "E021" && d["message"].as_str().unwrap().contains("`extra-thanks`"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(
        d["help"],
        "add `extra-thanks = …` to locales/nl/extra.ftl (the en text is at locales/en/extra.ftl:1)"
    );
}

#[test]
fn a_missing_home_page_or_module_overview_is_an_error() {
    let f = Fixture::small();
    std::fs::remove_file(f.path("content/en/_index.md")).unwrap();
    std::fs::remove_file(f.path("content/en/toolkit/_index.md")).unwrap();
    let (code, all) = f.check_json();
    assert_eq!(code, 1, "{all:#?}");
    let home = all
        .iter()
        .find(|d| d["path"] == "content/en/_index.md")
        .unwrap_or_else(|| panic!("no finding for the home page: {all:#?}"));
    assert_eq!(
        (&home["code"], &home["severity"]),
        (&"E007".into(), &"error".into())
    );
    assert!(home["message"].as_str().unwrap().contains("no home page"));
    let module = all
        .iter()
        .find(|d| d["path"] == "content/en/toolkit")
        .unwrap_or_else(|| panic!("no finding for the module folder: {all:#?}"));
    assert_eq!(module["code"], "E007");
    assert!(module["help"]
        .as_str()
        .unwrap()
        .contains("content/en/toolkit/_index.md"));
    // A build fails the same way and writes nothing.
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no home page"), "{}", stderr(&out));
    assert!(!f.exists("public"));
}
