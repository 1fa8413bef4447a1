//! Templates and options: site templates override built-in ones, sidebars
//! match the macro, builds are deterministic, drafts, translated slugs,
//! usage errors.

use super::*;

#[test]
fn site_template_overrides_the_built_in_one() {
    let f = Fixture::small();
    f.write(
        "themes/default/templates/tool.html",
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><body><p id=\"custom\">{{ page.title }}</p></body></html>",
    );
    f.build_ok();
    assert_eq!(
        text(&f.html("en/toolkit/line-up.html"), "#custom").as_deref(),
        Some("Line-up")
    );
    // Other templates still come from the built-in theme.
    assert_eq!(
        f.html("en/intro/first.html")
            .select(&sel("main#main"))
            .count(),
        1
    );
}

#[test]
fn builds_are_deterministic() {
    let f = Fixture::small();
    f.build_ok();
    let first: Vec<(String, Vec<u8>)> = snapshot(&f.path("public"));
    f.build_ok();
    let second: Vec<(String, Vec<u8>)> = snapshot(&f.path("public"));
    assert_eq!(first, second);
}

/// Pages get their module's sidebar rendered once per module; a site that
/// overrides a page template gets it rendered per page by the macro. Both
/// must write the same bytes.
#[test]
fn sidebars_rendered_once_per_module_match_the_macro() {
    let f = Fixture::small();
    // More pages, one with characters that HTML escapes in its file name.
    for (file, title) in [("third.md", "Third & last"), ("it's.md", "Quote's page")] {
        f.write(
            &format!("content/en/intro/{file}"),
            &format!("---\ntitle: \"{title}\"\norder: 5\n---\nText.\n"),
        );
    }
    let built = |f: &Fixture| -> Vec<(String, Vec<u8>)> {
        f.build_ok();
        snapshot(&f.path("public"))
    };
    let once = built(&f);
    let layout = builtin_template("layout.html");
    let (head, rest) = layout.split_once('\n').unwrap();
    f.write(
        "themes/default/templates/layout.html",
        &format!("{head}{{# a site copy #}}\n{rest}"),
    );
    let per_page = built(&f);
    assert_eq!(once.len(), per_page.len());
    for ((p, a), (_, b)) in once.iter().zip(&per_page) {
        assert!(
            a == b,
            "{p} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
    // Each page's sidebar marks exactly that page.
    for (page, file) in [
        ("en/intro/third.html", "third.html"),
        ("nl/intro/second.html", "second.html"),
    ] {
        let doc = f.html(page);
        assert_eq!(
            attrs(&doc, ".module-nav a[aria-current=page]", "href"),
            [file],
            "{page}"
        );
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/draft.md",
        "---\ntitle: Draft\ndraft: true\n---\nNot yet.\n",
    );
    f.build_ok();
    assert!(!f.exists("public/en/intro/draft.html"));
    let out = f.run(&["build", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.exists("public/en/intro/draft.html"));
}

#[test]
fn translated_slug_changes_the_url_and_links_follow() {
    let f = Fixture::small();
    f.write(
        "content/nl/intro/_index.md",
        "---\ntitle: Inleiding\nkind: module\nslug: inleiding\n---\nHet overzicht.\n",
    );
    f.build_ok();
    assert!(f.exists("public/nl/inleiding/index.html"));
    assert!(f.exists("public/nl/inleiding/first.html"));
    assert!(f.exists("public/nl/inleiding/diagram.svg"));
    let en = f.html("en/intro/first.html");
    assert!(attrs(&en, ".lang-switcher a", "href")
        .contains(&"../../nl/inleiding/first.html".to_string()));
    let home = f.html("nl/index.html");
    assert!(attrs(&home, ".content a", "href").contains(&"inleiding/index.html".to_string()));
}

#[test]
fn usage_errors_exit_2() {
    let out = equil(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = equil(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}
