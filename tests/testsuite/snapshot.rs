//! Snapshot tests (insta): the HTML that Markdown and the built-in
//! templates make of `tests/fixtures/snapshot`, the Atom feed, and the
//! build's report, compared with the `.snap` files in `snapshots/`.
//!
//! The fixture is committed to git at the time of the test, so pages carry
//! real dates; filters replace the site's folder, dates, times, durations
//! and commit ids, so the snapshots are the same on every machine and day.
//! After an intended change to the output, review the new snapshots with
//! `cargo insta review` (or accept them all with
//! `INSTA_UPDATE=always cargo test --test testsuite snapshot::`).

use std::process::Output;

use crate::common::*;

/// The snapshot fixture, committed to git now, built; with the build's output.
fn built() -> (Fixture, Output) {
    let f = Fixture::copy_of("snapshot");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let date = format!("{now} +0000");
    git(f.root(), &["init", "-q"], &date);
    git(f.root(), &["add", "-A"], &date);
    git(
        f.root(),
        &["commit", "-q", "-m", "The snapshot site"],
        &date,
    );
    let out = f.build_ok();
    (f, out)
}

/// Escapes `s` for use in a regular expression.
fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// Insta settings whose filters make output of `f` the same everywhere:
/// its folder, commit ids, dates, times and durations.
fn normalised(f: &Fixture) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    let root = f.root().to_str().expect("utf-8").to_string();
    let canonical = std::fs::canonicalize(f.root()).expect("root");
    let canonical = canonical.to_str().expect("utf-8").to_string();
    for dir in [canonical, root] {
        s.add_filter(&regex_escape(&dir), "[SITE]");
    }
    let head = git(f.root(), &["rev-parse", "HEAD"], "0 +0000");
    s.add_filter(&format!("{}[0-9a-f]*", &head[..7]), "[COMMIT]");
    s.add_filter(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
        "[DATETIME]",
    );
    s.add_filter(r"\d{4}-\d{2}-\d{2}", "[DATE]");
    // Dates in words: "November 29, 2026", "29 november 2026".
    s.add_filter(r"\b[[:alpha:]]+ \d{1,2}, \d{4}\b", "[DATE]");
    s.add_filter(r"\b\d{1,2}\.? [[:alpha:]]+\.? \d{4}\b", "[DATE]");
    s.add_filter(r"\b\d{1,2}:\d{2}(:\d{2})?\b", "[TIME]");
    s.add_filter(r"\b\d+(\.\d+)? (s|ms)\b", "[DURATION]");
    s
}

/// The inner HTML of the first element matching `selector` in a built page,
/// as scraper writes it (attributes in name order).
fn inner_html(f: &Fixture, page: &str, selector: &str) -> String {
    let doc = f.html(page);
    let el = doc
        .select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("no {selector} in {page}"));
    el.inner_html()
}

#[test]
fn markdown_renders_as_recorded() {
    let (f, _) = built();
    normalised(&f).bind(|| {
        insta::assert_snapshot!(
            "markdown_writing_page",
            inner_html(&f, "en/intro/writing.html", ".content")
        );
    });
}

#[test]
fn templates_render_as_recorded() {
    let (f, _) = built();
    normalised(&f).bind(|| {
        // A whole page: head, header, module navigation, page, footer.
        insta::assert_snapshot!("page_template", f.read("public/en/intro/writing.html"));
        // The module overview and the home page (main content only).
        insta::assert_snapshot!(
            "module_template",
            inner_html(&f, "en/intro/index.html", "main")
        );
        insta::assert_snapshot!("home_template", inner_html(&f, "en/index.html", "main"));
        // A Dutch page shown in English: the fallback notice, in Dutch.
        insta::assert_snapshot!(
            "fallback_template",
            inner_html(&f, "nl/intro/next.html", "main")
        );
        insta::assert_snapshot!(
            "whats_new_template",
            inner_html(&f, "nl/whats-new.html", "main")
        );
        insta::assert_snapshot!("atom_feed", f.read("public/en/feed.xml"));
    });
}

#[test]
fn the_build_report_is_as_recorded() {
    let (f, out) = built();
    normalised(&f).bind(|| {
        insta::assert_snapshot!("build_report", stderr(&out));
    });
}
