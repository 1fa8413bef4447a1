//! Pages written per country, pages about the handbook, and the edit link.

use super::*;

// ---- Pages written per country -------------------------------------------

#[test]
fn a_localised_page_stays_current_when_the_source_changes_and_has_no_notice() {
    let f = country_site();
    let status = |f: &Fixture| -> Value {
        let out = f.run(&["i18n", "status", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).expect("json")
    };
    let before = status(&f);
    let nl = &before["languages"][0];
    assert_eq!(nl["code"], "nl");
    assert_eq!(nl["pages"]["localised"], 1);
    assert_eq!(
        nl["pages"]["files"]["localised"],
        json!(["employers/rights-and-support.md"])
    );
    // The English page changes; the Dutch one is written for the Netherlands.
    f.write(
        "content/en/employers/rights-and-support.md",
        "---\ntitle: Rights and support in the UK\nlocalised: true\n---\nThe Equality Act 2010, Access to Work and Fit for Work.\n",
    );
    let after = status(&f);
    let nl = &after["languages"][0];
    assert_eq!(nl["pages"]["localised"], 1);
    assert_eq!(nl["pages"]["outdated"], 0);
    assert_eq!(nl["pages"]["unknown"], 0);
    let text = stdout(&f.run(&["i18n", "status"]));
    assert!(text.contains("Localised"), "{text}");
    // mark-current leaves a page written for its country as it is.
    let file = "content/nl/employers/rights-and-support.md";
    let before_text = f.read(file);
    let out = f.run(&["i18n", "mark-current", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("localised: true"), "{}", stderr(&out));
    assert_eq!(f.read(file), before_text);
    let out = f.run(&["i18n", "mark-current", "--lang", "nl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read(file), before_text);

    let out = f.run(&["check", "--format", "json"]);
    let diags: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("json");
    assert!(
        !diags
            .iter()
            .any(|d| d["code"] == "W102" || d["code"] == "W103"),
        "{diags:#?}"
    );

    f.build_ok();
    let page = f.html("nl/employers/rights-and-support.html");
    assert!(page.select(&sel(".notice")).next().is_none(), "no notice");
    assert_eq!(text_of(&page, "h1"), "Rechten en steun in Nederland");
    // Danish lacks the page: it falls back with the usual notice.
    let da = f.html("da/employers/rights-and-support.html");
    assert_eq!(da.select(&sel(".notice-fallback")).count(), 1);
    let da_status = &after["languages"][1];
    assert_eq!(
        da_status["pages"]["files"]["missing"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| *p == "employers/rights-and-support.md")
            .count(),
        1
    );
}

// ---- Pages at the top of a language tree ---------------------------------

#[test]
fn pages_about_the_handbook_are_listed_on_the_home_page_and_in_the_footer() {
    let f = country_site();
    f.write(
        "content/en/sources.md",
        "---\ntitle: Sources\norder: 1\n---\nWhere the methods come from.\n",
    );
    f.write(
        "content/en/colophon.md",
        "---\ntitle: Colophon\norder: 2\n---\nWho wrote this handbook.\n",
    );
    f.write(
        "content/nl/sources.md",
        "---\ntitle: Bronnen\n---\nWaar de methoden vandaan komen.\n",
    );
    let out = f.build_ok();
    assert!(
        !stderr(&out).contains("top of a language tree"),
        "{}",
        stderr(&out)
    );
    let home = f.html("nl/index.html");
    assert_eq!(
        texts(&home, ".about-handbook li a"),
        ["Bronnen", "Colophon"]
    );
    assert_eq!(
        attrs(&home, ".about-handbook li a", "href"),
        ["sources.html", "colophon.html"]
    );
    let deep = f.html("nl/employers/rights-and-support.html");
    assert_eq!(
        attrs(&deep, ".site-footer .footer-about a", "href"),
        ["../sources.html", "../colophon.html"]
    );
    let sources = f.html("nl/sources.html");
    assert_eq!(text_of(&sources, "h1"), "Bronnen");
    assert!(sources.select(&sel(".notice")).next().is_none());
    // Not translated yet: the English page, with the fallback notice.
    let colophon = f.html("nl/colophon.html");
    assert_eq!(colophon.select(&sel(".notice-fallback")).count(), 1);
    // The handbook's print page has them at the end.
    let print = f.html("nl/print.html");
    let ids = attrs(&print, "section.chapter", "id");
    assert_eq!(
        ids[ids.len() - 2..],
        ["ch-sources".to_string(), "ch-colophon".to_string()]
    );
    // Names equil writes itself are refused.
    f.write("content/en/print.md", "---\ntitle: Print\n---\nx\n");
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("en/print.html"), "{}", stderr(&out));
}

// ---- Edit this page -----------------------------------------------------------

#[test]
fn the_edit_link_points_at_the_file_in_the_readers_language() {
    let f = country_site();
    f.build_ok();
    let page = f.html("nl/employers/rights-and-support.html");
    assert!(
        page.select(&sel(".edit-page")).next().is_none(),
        "off by default"
    );

    f.write(
        "site.yaml",
        "languages: [en, nl, da]\nsource_language: en\nedit_url: https://github.com/equil/handbook/edit/main/{path}\n",
    );
    f.build_ok();
    let edit = |rel: &str| attrs(&f.html(rel), ".edit-page a", "href");
    assert_eq!(
        edit("nl/employers/rights-and-support.html"),
        ["https://github.com/equil/handbook/edit/main/content/nl/employers/rights-and-support.md"]
    );
    // A fallback page: the path its translation will have.
    assert_eq!(
        edit("nl/employers/index.html"),
        ["https://github.com/equil/handbook/edit/main/content/nl/employers/_index.md"]
    );
    assert_eq!(
        edit("da/index.html"),
        ["https://github.com/equil/handbook/edit/main/content/da/_index.md"]
    );
    assert_eq!(
        edit("en/employers/rights-and-support.html"),
        ["https://github.com/equil/handbook/edit/main/content/en/employers/rights-and-support.md"]
    );
    assert_eq!(
        text_of(&f.html("nl/index.html"), ".edit-page a"),
        "Deze pagina bewerken"
    );

    f.write(
        "site.yaml",
        "languages: [en, nl]\nedit_url: https://github.com/equil/handbook/edit/main/\n",
    );
    let out = f.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let diags: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(diags[0]["path"], "site.yaml");
    assert_eq!(diags[0]["line"], 2);
    assert!(diags[0]["message"].as_str().unwrap().contains("{path}"));
}
