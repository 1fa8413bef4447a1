//! Build errors: reported with their positions, the previous output kept,
//! broken links, bad language folders, missing interface strings.

use super::*;

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
