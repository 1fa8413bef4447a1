//! Aliases (old paths): redirect pages in each language, collisions named,
//! redirects followed in Chromium from disk and over HTTP.

use super::*;

// ---- Aliases -----------------------------------------------------------------

fn alias_site() -> Fixture {
    let f = country_site();
    f.write(
        "site.yaml",
        "languages: [en, nl, da]\nsource_language: en\nbase_url: https://example.org/equil/\n",
    );
    f.write(
        "content/en/employers/rights-and-support.md",
        "---\ntitle: Rights and support in the UK\nlocalised: true\naliases:\n  - modules/rights.html\n  - old-employers/\n---\nThe Equality Act 2010.\n",
    );
    f
}

#[test]
fn aliases_write_redirect_pages_in_each_language() {
    let f = alias_site();
    f.build_ok();
    let r = f.html("nl/modules/rights.html");
    assert_eq!(attrs(&r, "html", "lang"), ["nl"]);
    assert_eq!(
        attrs(&r, "meta[http-equiv=refresh]", "content"),
        ["0; url=../employers/rights-and-support.html"]
    );
    assert_eq!(
        attrs(&r, "link[rel=canonical]", "href"),
        ["https://example.org/equil/nl/employers/rights-and-support.html"]
    );
    assert_eq!(attrs(&r, "meta[name=robots]", "content"), ["noindex"]);
    assert_eq!(
        attrs(&r, "main a", "href"),
        ["../employers/rights-and-support.html"]
    );
    assert_eq!(text_of(&r, "main a"), "Rechten en steun in Nederland");
    let folder = f.html("en/old-employers/index.html");
    assert_eq!(
        attrs(&folder, "main a", "href"),
        ["../employers/rights-and-support.html"]
    );
    // Not in the sitemap.
    assert!(!f.read("public/sitemap.xml").contains("modules/rights"));
}

#[test]
fn an_alias_that_collides_names_both_files() {
    let f = alias_site();
    f.write(
        "content/en/employers/contacts.md",
        "---\ntitle: Contacts\naliases: [employers/rights-and-support.html]\n---\nWho to call.\n",
    );
    let diags = f.check_json().1;
    let e = with_code(&diags, "E014");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(e[0]["path"], "content/en/employers/contacts.md");
    assert_eq!(
        (e[0]["line"].clone(), e[0]["column"].clone()),
        (json!(3), json!(11))
    );
    let msg = e[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("content/en/employers/rights-and-support.md"),
        "{msg}"
    );
    // Two aliases at the same path.
    f.write(
        "content/en/employers/contacts.md",
        "---\ntitle: Contacts\naliases: [modules/rights.html]\n---\nWho to call.\n",
    );
    let diags = f.check_json().1;
    let e = with_code(&diags, "E014");
    assert_eq!(e.len(), 1, "{diags:#?}");
    let both = format!("{} {}", e[0]["path"], e[0]["message"]);
    assert!(both.contains("content/en/employers/contacts.md"), "{both}");
    assert!(
        both.contains("content/en/employers/rights-and-support.md"),
        "{both}"
    );
    assert!(both.contains("already an alias of"), "{both}");
    // A path out of the language folder.
    f.write(
        "content/en/employers/contacts.md",
        "---\ntitle: Contacts\naliases: [../../etc/x.html]\n---\nWho to call.\n",
    );
    let e = with_code(&f.check_json().1, "E040").len();
    assert_eq!(e, 1);
}

/// Opens `url` and waits until the browser has arrived at a URL ending in `end`.
fn follow(b: &mut cdp::Browser, url: &str, end: &str) -> Value {
    let tab = b.open_blank();
    b.call(Some(&tab), "Page.navigate", json!({ "url": url }));
    b.wait_for(
        &tab,
        &format!(
            "document.readyState === 'complete' && location.href.endsWith({}) && document.querySelector('h1').textContent",
            json!(end)
        ),
    )
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn an_alias_redirects_in_chromium_from_disk_and_over_http() {
    let chromium = chromium();
    let f = alias_site();
    f.build_ok();
    let mut b = cdp::Browser::launch(&chromium);
    let out = std::fs::canonicalize(f.path("public")).expect("public");
    let file_base = format!("file://{}/", out.display());
    let title = follow(
        &mut b,
        &format!("{file_base}nl/modules/rights.html"),
        "/nl/employers/rights-and-support.html",
    );
    assert_eq!(title, "Rechten en steun in Nederland");
    let http_base = http::serve(f.path("public"));
    let title = follow(
        &mut b,
        &format!("{http_base}da/old-employers/"),
        "/da/employers/rights-and-support.html",
    );
    assert_eq!(title, "Rights and support in the UK");
}
