//! The handbook as a living, multilingual site: one glossary for every
//! language, pages written per country, pages about the handbook at the top
//! of a language tree, moved pages that keep working (aliases), "Edit this
//! page", and QR codes that lead from paper back to the web.

#[path = "common/cdp.rs"]
mod cdp;
mod common;
#[path = "common/http.rs"]
mod http;

use common::*;
use serde_json::{json, Value};

const EN_GLOSSARY: &str = "\
# The source glossary: the ids every language shares.
job-coach:
  term: job coach
  definition: Someone who supports a person to find and keep **paid work**.
  synonyms: [employment specialist]
lived-experience:
  term: lived experience
  definition: What a person knows from living through mental health problems and recovery.
  avoid: [patient experience]
zero-exclusion:
  term: zero exclusion
  definition: Everyone who wants paid work can take part in the programme.
open-labour-market:
  term: open labour market
  definition: Ordinary jobs with ordinary employers, at the usual wage.
";

const DA_GLOSSARY: &str = "\
job-coach:
  term: jobkonsulent
  definition: En person, der støtter et andet menneske i at finde og beholde betalt arbejde.
lived-experience:
  term: levet erfaring
  definition: Den viden, man har fra selv at have levet med psykiske vanskeligheder.
zero-exclusion:
  term: åben adgang
  definition: Alle, der ønsker betalt arbejde, kan deltage.
open-labour-market:
  term: ordinært arbejdsmarked
  definition: Almindelige job hos almindelige arbejdsgivere.
";

const NL_GLOSSARY: &str = "\
job-coach:
  term: jobcoach
  definition: Iemand die een persoon helpt betaald werk te vinden en te houden.
  synonyms: [trajectbegeleider]
lived-experience:
  term: ervaringskennis
  definition: Wat iemand weet uit eigen ervaring met psychische kwetsbaarheid en herstel.
  avoid: [patiëntervaring]
zero-exclusion:
  term: nul-uitsluiting
  definition: Iedereen die betaald werk wil, kan meedoen.
";

/// English, Dutch and Danish, with a glossary in each, a module with a page
/// that uses glossary terms, and its Dutch translation.
fn glossary_site() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "languages: [en, nl, da]\nsource_language: en\nbase_url: https://example.org/equil/\n",
    );
    f.write(
        "content/en/_index.md",
        "---\ntitle: Handbook\n---\nWelcome.\n",
    );
    f.write(
        "content/en/work/_index.md",
        "---\ntitle: Work first\nkind: module\n---\nAn overview.\n",
    );
    f.write(
        "content/en/work/coaching.md",
        "---\ntitle: Coaching\n---\nA [job coach](glossary:job-coach) starts from the person.\n\nTheir lived experience matters.\n",
    );
    f.write(
        "content/nl/work/coaching.md",
        "---\ntitle: Begeleiding\n---\nEen [jobcoach](glossary:job-coach) begint bij de persoon.\n\nHun patiëntervaring telt.\n",
    );
    f.write("content/en/glossary.yaml", EN_GLOSSARY);
    f.write("content/nl/glossary.yaml", NL_GLOSSARY);
    f.write("content/da/glossary.yaml", DA_GLOSSARY);
    f
}

/// `equil check --format json`, parsed (whatever its exit code).
fn check_json(f: &Fixture) -> Vec<Value> {
    let out = f.run(&["check", "--format", "json"]);
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("check JSON: {e}\n{}", stdout(&out)))
}

fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

// ---- Glossary -------------------------------------------------------------

#[test]
fn glossary_pages_are_sorted_in_each_language_and_cross_linked() {
    let f = glossary_site();
    f.build_ok();
    let da = f.html("da/glossary.html");
    assert_eq!(
        texts(&da, ".glossary-entry dt dfn"),
        [
            "jobkonsulent",
            "levet erfaring",
            "ordinært arbejdsmarked",
            "åben adgang"
        ],
        "Danish: æ ø å come after z"
    );
    let en = f.html("en/glossary.html");
    assert_eq!(
        texts(&en, ".glossary-entry dt dfn"),
        [
            "job coach",
            "lived experience",
            "open labour market",
            "zero exclusion"
        ]
    );
    // Dutch lacks one term: the English entry is shown, marked as such.
    let nl = f.html("nl/glossary.html");
    assert_eq!(
        texts(&nl, ".glossary-entry dt dfn"),
        [
            "ervaringskennis",
            "jobcoach",
            "nul-uitsluiting",
            "open labour market"
        ]
    );
    assert_eq!(
        attrs(&nl, "#open-labour-market", "lang"),
        ["en"],
        "a fallback entry says its language"
    );
    // Each term links to its entry in the other languages.
    let links = attrs(&da, "#zero-exclusion .glossary-equivalents a", "href");
    assert_eq!(
        links,
        [
            "../en/glossary.html#zero-exclusion",
            "../nl/glossary.html#zero-exclusion"
        ]
    );
    assert_eq!(
        texts(&da, "#zero-exclusion .glossary-equivalents a span"),
        ["zero exclusion", "nul-uitsluiting"]
    );
    // The targets exist.
    assert!(attrs(&en, ".glossary-entry", "id").contains(&"zero-exclusion".to_string()));
    assert_eq!(
        text(&en, "#job-coach .glossary-synonyms"),
        Some("Also: employment specialist".to_string())
    );
    // Markdown in definitions is rendered.
    assert_eq!(
        texts(&en, "#job-coach .glossary-definition strong"),
        ["paid work"]
    );
    // The glossary is listed under "About this handbook".
    let home = f.html("nl/index.html");
    assert_eq!(attrs(&home, ".about-handbook a", "href"), ["glossary.html"]);
}

#[test]
fn term_links_carry_a_definition_that_works_without_javascript() {
    let f = glossary_site();
    f.build_ok();
    let page = f.html("nl/work/coaching.html");
    let link = page
        .select(&sel(".content a.glossary-term"))
        .next()
        .expect("term link");
    assert_eq!(
        link.value().attr("href"),
        Some("../glossary.html#job-coach")
    );
    assert_eq!(link.text().collect::<String>(), "jobcoach");
    let tip_id = link.value().attr("aria-describedby").expect("described by");
    let tip = page
        .select(&sel(&format!("#{tip_id}")))
        .next()
        .expect("tooltip element");
    assert_eq!(tip.value().attr("role"), Some("tooltip"));
    assert_eq!(
        tip.text().collect::<String>(),
        "Iemand die een persoon helpt betaald werk te vinden en te houden."
    );
    // A fallback page's link goes to the reader's glossary, in the reader's language.
    let da = f.html("da/work/coaching.html");
    assert_eq!(
        texts(&da, ".glossary-tip"),
        ["En person, der støtter et andet menneske i at finde og beholde betalt arbejde."]
    );
    // A term the reader's glossary lacks: the source definition, marked as such.
    f.write(
        "content/en/work/_index.md",
        "---\ntitle: Work first\nkind: module\n---\nA [job coach](glossary:job-coach) and [the open labour market](glossary:open-labour-market).\n",
    );
    f.build_ok();
    let nl = f.html("nl/work/index.html");
    let tips: Vec<_> = nl
        .select(&sel(".glossary-tip"))
        .map(|t| t.value().attr("lang").map(str::to_string))
        .collect();
    assert_eq!(tips, [None, Some("en".to_string())]);
    // The stylesheet shows it on hover and keyboard focus.
    let css = f.read("public/static/style.css");
    assert!(
        css.contains(".glossary-term:focus + .glossary-tip"),
        "focus rule"
    );
    assert!(
        css.contains(".glossary-ref:hover .glossary-tip"),
        "hover rule"
    );
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn a_definition_shows_on_keyboard_focus_without_javascript() {
    let Some(chromium) = chromium() else { return };
    let f = glossary_site();
    f.build_ok();
    let mut b = cdp::Browser::launch(&chromium);
    let out = std::fs::canonicalize(f.path("public")).expect("public");
    let tab = b.open_blank();
    b.call(
        Some(&tab),
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    );
    b.navigate(
        &tab,
        &format!("file://{}/nl/work/coaching.html", out.display()),
    );
    let shown = "getComputedStyle(document.querySelector('.glossary-tip')).display";
    assert_eq!(b.eval(&tab, shown), "none", "hidden until wanted");
    // Screen readers get the definition as the link's description, even hidden.
    let tree = b.call(Some(&tab), "Accessibility.getFullAXTree", json!({}));
    let link = tree["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .find(|n| n["role"]["value"] == "link" && n["name"]["value"] == "jobcoach")
        .unwrap_or_else(|| panic!("no link `jobcoach` in {tree:#}"));
    assert_eq!(
        link["description"]["value"],
        "Iemand die een persoon helpt betaald werk te vinden en te houden."
    );
    b.call(Some(&tab), "Accessibility.disable", json!({}));
    let mut reached = false;
    for _ in 0..40 {
        b.key(&tab, "Tab", "Tab", 9, None);
        let on_term = b.eval(
            &tab,
            "document.activeElement && document.activeElement.classList.contains('glossary-term')",
        );
        if on_term == true {
            reached = true;
            break;
        }
    }
    assert!(reached, "the term link is reachable with the Tab key");
    assert_eq!(b.eval(&tab, shown), "block", "shown on keyboard focus");
}

#[test]
fn an_unknown_glossary_id_is_an_error_with_a_suggestion() {
    let f = glossary_site();
    f.write(
        "content/en/work/coaching.md",
        "---\ntitle: Coaching\n---\nIntro.\n\nA [job coach](glossary:job-coash) starts from the person.\n",
    );
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diags = check_json(&f);
    let e = with_code(&diags, "E016");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(e[0]["path"], "content/en/work/coaching.md");
    assert_eq!(e[0]["line"], 6);
    assert_eq!(e[0]["help"], "did you mean `glossary:job-coach`?");
}

#[test]
fn a_bad_glossary_file_is_reported_at_its_line() {
    let f = glossary_site();
    f.write(
        "content/nl/glossary.yaml",
        "job-coach:\n  term: jobcoach\n  definition: Helpt.\nJob_Coach2:\n  term: x\n  definition: y\n",
    );
    let diags = check_json(&f);
    let e = with_code(&diags, "E016");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(e[0]["path"], "content/nl/glossary.yaml");
    assert_eq!(e[0]["line"], 4);
    // An id the source glossary lacks is a warning with a suggestion.
    f.write(
        "content/nl/glossary.yaml",
        "job-coach:\n  term: jobcoach\n  definition: Helpt.\nzero-exclusoin:\n  term: x\n  definition: y\n",
    );
    let diags = check_json(&f);
    let w: Vec<_> = with_code(&diags, "E016");
    assert_eq!(w.len(), 1, "{diags:#?}");
    assert_eq!(w[0]["severity"], "warning");
    assert_eq!(w[0]["line"], 4);
    assert_eq!(w[0]["help"], "did you mean `zero-exclusion`?");
}

#[test]
fn terminology_drift_is_warned_at_the_right_line_in_check_and_status() {
    let f = glossary_site();
    let diags = check_json(&f);
    let drift = with_code(&diags, "W109");
    // The Dutch page uses a form to avoid (line 6) and none of the forms
    // for "lived experience", which its source uses.
    let avoid: Vec<_> = drift
        .iter()
        .filter(|d| d["message"].as_str().unwrap_or("").contains("avoid"))
        .collect();
    assert_eq!(avoid.len(), 1, "{drift:#?}");
    assert_eq!(avoid[0]["path"], "content/nl/work/coaching.md");
    assert_eq!(
        (avoid[0]["line"].clone(), avoid[0]["column"].clone()),
        (json!(6), json!(5))
    );
    assert!(avoid[0]["message"]
        .as_str()
        .unwrap()
        .contains("patiëntervaring"));
    let missing: Vec<_> = drift
        .iter()
        .filter(|d| d["message"].as_str().unwrap_or("").contains("uses none of"))
        .collect();
    assert_eq!(missing.len(), 1, "{drift:#?}");
    let m = missing[0]["message"].as_str().unwrap();
    assert!(
        m.contains("lived experience") && m.contains("ervaringskennis"),
        "{m}"
    );
    assert_eq!(missing[0]["path"], "content/nl/work/coaching.md");
    assert_eq!(missing[0]["line"], 6);
    // "jobcoach" is used: no warning for job-coach.
    assert!(!drift
        .iter()
        .any(|d| d["message"].as_str().unwrap_or("").contains("job-coach")));

    let out = f.run(&["i18n", "status", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).expect("json");
    let nl = r["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "nl")
        .unwrap();
    assert_eq!(nl["terminology"].as_array().unwrap().len(), 2, "{nl:#}");
    assert_eq!(nl["glossary"]["total"], 4);
    assert_eq!(nl["glossary"]["missing"], json!(["open-labour-market"]));
    let text = stdout(&f.run(&["i18n", "status"]));
    assert!(
        text.contains("content/nl/work/coaching.md:6:5: “patiëntervaring”"),
        "{text}"
    );
    assert!(text.contains("1 glossary term missing of 4"), "{text}");

    // Fixing the translation silences both warnings.
    f.write(
        "content/nl/work/coaching.md",
        "---\ntitle: Begeleiding\n---\nEen [jobcoach](glossary:job-coach) begint bij de persoon.\n\nHun ervaringskennis telt.\n",
    );
    assert!(with_code(&check_json(&f), "W109").is_empty());
}

// ---- Pages written per country -------------------------------------------

fn country_site() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "languages: [en, nl, da]\nsource_language: en\n",
    );
    f.write(
        "content/en/_index.md",
        "---\ntitle: Handbook\n---\nWelcome.\n",
    );
    f.write(
        "content/en/employers/_index.md",
        "---\ntitle: Employers\nkind: module\n---\nOverview.\n",
    );
    f.write(
        "content/en/employers/rights-and-support.md",
        "---\ntitle: Rights and support in the UK\nlocalised: true\n---\nThe Equality Act 2010 and Access to Work.\n",
    );
    f.write(
        "content/nl/employers/rights-and-support.md",
        "---\ntitle: Rechten en steun in Nederland\nlocalised: true\n---\nDe Participatiewet en het UWV.\n",
    );
    f
}

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

fn text_of(doc: &Html, selector: &str) -> String {
    text(doc, selector).unwrap_or_default().trim().to_string()
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
    let diags = check_json(&f);
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
    let diags = check_json(&f);
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
    let e = with_code(&check_json(&f), "E040").len();
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
    let Some(chromium) = chromium() else { return };
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

// ---- QR codes -------------------------------------------------------------------

#[test]
fn print_chapters_carry_a_qr_code_of_their_web_address() {
    let f = country_site();
    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/equil/\n",
    );
    f.build_ok();
    let print = f.html("nl/employers/print.html");
    let captions = texts(&print, ".chapter-qr figcaption");
    assert_eq!(
        captions,
        [
            "example.org/equil/nl/employers/index.html",
            "example.org/equil/nl/employers/rights-and-support.html"
        ]
    );
    assert_eq!(
        print
            .select(&sel(".chapter-qr svg[role=img][aria-label]"))
            .count(),
        2
    );

    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/equil/\nprint_qr: false\n",
    );
    f.build_ok();
    assert_eq!(
        f.html("nl/employers/print.html")
            .select(&sel(".chapter-qr"))
            .count(),
        0
    );
    // Without a base URL there is no address to encode.
    f.write("site.yaml", "languages: [en, nl]\nsource_language: en\n");
    f.build_ok();
    assert_eq!(
        f.html("nl/employers/print.html")
            .select(&sel(".chapter-qr"))
            .count(),
        0
    );
}

#[test]
#[ignore = "needs Chromium, pdftoppm and zbarimg (apt-get install chromium poppler-utils zbar-tools)"]
fn a_pdf_page_qr_code_decodes_to_that_pages_url() {
    let chromium = chromium().expect("Chromium");
    let f = country_site();
    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/equil/\n",
    );
    let out_dir = f.path("pdf");
    let out = f.run(&[
        "pdf",
        "--chromium",
        chromium.to_str().expect("utf-8"),
        "--lang",
        "nl",
        "--module",
        "employers",
        "--output",
        out_dir.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "equil pdf failed:\n{}", stderr(&out));
    let pdf = out_dir.join("nl/employers.pdf");
    let tmp = tempfile::tempdir().expect("tmp");
    // Page 1 is the cover, page 2 the contents; the chapters follow.
    let found: Vec<String> = (3..=4)
        .flat_map(|p| qr_codes(&pdf, p, tmp.path()))
        .collect();
    assert_eq!(
        found,
        [
            "https://example.org/equil/nl/employers/index.html",
            "https://example.org/equil/nl/employers/rights-and-support.html"
        ]
    );
}
