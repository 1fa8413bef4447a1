//! The glossary: pages sorted per language and cross-linked, term links with
//! definitions that work without JavaScript, unknown ids and bad files
//! reported, terminology drift warned.

use super::*;

/// English, Dutch and Danish, with a glossary in each, a module with a page
/// that uses glossary terms, and its Dutch translation.
fn glossary_site() -> Fixture {
    Fixture::copy_of("glossary")
}

// ---- Glossary -------------------------------------------------------------

#[test]
fn glossary_pages_are_sorted_in_each_language_and_cross_linked() {
    let f = glossary_site();
    f.build_ok();
    // Danish: æ ø å come after z. Dutch lacks one term: the English entry
    // is shown, marked as such.
    let sorted = [
        (
            "da",
            [
                "jobkonsulent",
                "levet erfaring",
                "ordinært arbejdsmarked",
                "åben adgang",
            ],
        ),
        (
            "en",
            [
                "job coach",
                "lived experience",
                "open labour market",
                "zero exclusion",
            ],
        ),
        (
            "nl",
            [
                "ervaringskennis",
                "jobcoach",
                "nul-uitsluiting",
                "open labour market",
            ],
        ),
    ];
    for (lang, terms) in sorted {
        let page = f.html(&format!("{lang}/glossary.html"));
        assert_eq!(texts(&page, ".glossary-entry dt dfn"), terms, "{lang}");
    }
    let (da, en, nl) = (
        f.html("da/glossary.html"),
        f.html("en/glossary.html"),
        f.html("nl/glossary.html"),
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
    let chromium = chromium();
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
    let diags = f.check_json().1;
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
    let diags = f.check_json().1;
    let e = with_code(&diags, "E016");
    assert_eq!(e.len(), 1, "{diags:#?}");
    assert_eq!(e[0]["path"], "content/nl/glossary.yaml");
    assert_eq!(e[0]["line"], 4);
    // An id the source glossary lacks is a warning with a suggestion.
    f.write(
        "content/nl/glossary.yaml",
        "job-coach:\n  term: jobcoach\n  definition: Helpt.\nzero-exclusoin:\n  term: x\n  definition: y\n",
    );
    let diags = f.check_json().1;
    let w: Vec<_> = with_code(&diags, "E016");
    assert_eq!(w.len(), 1, "{diags:#?}");
    assert_eq!(w[0]["severity"], "warning");
    assert_eq!(w[0]["line"], 4);
    assert_eq!(w[0]["help"], "did you mean `zero-exclusion`?");
}

#[test]
fn terminology_drift_is_warned_at_the_right_line_in_check_and_status() {
    let f = glossary_site();
    let diags = f.check_json().1;
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
    assert!(with_code(&f.check_json().1, "W109").is_empty());
}
