//! Interface strings (Fluent): syntax errors located, CLDR plural forms,
//! variables and terms in templates, a message no language defines.

use super::*;

#[test]
fn a_fluent_syntax_error_is_located_and_the_other_languages_still_build() {
    let f = Fixture::small();
    f.write("site.yaml", "languages: [en, nl, da]\n");
    let da = builtin_locale("da");
    // Line 3 of the site's file opens a placeable and never closes it.
    f.write(
        "locales/da/main.ftl",
        &format!("# Dansk\n\nbroken = {{ $count\n{da}"),
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("E020"), "{err}");
    assert!(err.contains("locales/da/main.ftl:3:18"), "{err}");
    for page in ["en/index.html", "nl/index.html", "da/index.html"] {
        assert!(f.exists(&format!("public/{page}")), "{page}");
    }
    // The messages after the error are still Danish.
    let home = f.html("da/index.html");
    let labels: Vec<String> = home
        .select(&sel(".lang-switcher"))
        .filter_map(|n| n.value().attr("aria-label").map(str::to_string))
        .collect();
    assert_eq!(labels, [message("da", "nav-languages")]);

    let r = status(&f);
    let errors = &lang(&r, "da")["messages"]["syntax_errors"];
    assert_eq!(errors[0]["path"], "locales/da/main.ftl");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_u64()),
        (Some(3), Some(18))
    );
    assert_eq!(lang(&r, "da")["messages"]["errors"], 1);
    assert_eq!(lang(&r, "nl")["messages"]["errors"], 0);

    // In the source language, which everything falls back to, it is an error.
    f.write("locales/en/extra.ftl", "x = {\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("locales/en/extra.ftl:1:"),
        "{}",
        stderr(&out)
    );
}

/// The durations (in minutes) of the pages of the plural forms test.
const PLURAL_MINUTES: [u32; 9] = [1, 2, 5, 12, 22, 25, 60, 120, 300];

/// The duration line of each of those pages, per language (CLDR plural
/// rules: Polish has few and many).
const PLURAL_FORMS: [(&str, [&str; 9]); 6] = [
    (
        "en",
        [
            "1 minute",
            "2 minutes",
            "5 minutes",
            "12 minutes",
            "22 minutes",
            "25 minutes",
            "1 hour",
            "2 hours",
            "5 hours",
        ],
    ),
    (
        "nl",
        [
            "1 minuut",
            "2 minuten",
            "5 minuten",
            "12 minuten",
            "22 minuten",
            "25 minuten",
            "1 uur",
            "2 uur",
            "5 uur",
        ],
    ),
    (
        "da",
        [
            "1 minut",
            "2 minutter",
            "5 minutter",
            "12 minutter",
            "22 minutter",
            "25 minutter",
            "1 time",
            "2 timer",
            "5 timer",
        ],
    ),
    (
        "es",
        [
            "1 minuto",
            "2 minutos",
            "5 minutos",
            "12 minutos",
            "22 minutos",
            "25 minutos",
            "1 hora",
            "2 horas",
            "5 horas",
        ],
    ),
    (
        "it",
        [
            "1 minuto",
            "2 minuti",
            "5 minuti",
            "12 minuti",
            "22 minuti",
            "25 minuti",
            "1 ora",
            "2 ore",
            "5 ore",
        ],
    ),
    (
        "pl",
        [
            "1 minuta",
            "2 minuty",
            "5 minut",
            "12 minut",
            "22 minuty",
            "25 minut",
            "1 godzina",
            "2 godziny",
            "5 godzin",
        ],
    ),
];

#[test]
fn plural_forms_follow_cldr_in_every_language() {
    let f = Fixture::empty();
    f.write("site.yaml", "languages: [en, nl, da, es, it, pl]\n");
    f.write("content/en/_index.md", "---\ntitle: Home\n---\nHi.\n");
    f.write(
        "content/en/m/_index.md",
        "---\ntitle: M\nkind: module\n---\nM.\n",
    );
    let minutes = PLURAL_MINUTES;
    for m in minutes {
        f.write(
            &format!("content/en/m/p{m}.md"),
            &format!("---\ntitle: P{m}\nduration: {m}\n---\nText.\n"),
        );
    }
    f.write(
        "locales/pl/main.ftl",
        "lang-name = Polski\npage-duration = Czas\n\
         duration-minutes = { $minutes ->\n    [one] { $minutes } minuta\n    [few] { $minutes } minuty\n    [many] { $minutes } minut\n   *[other] { $minutes } minuty\n}\n\
         duration-hours = { $hours ->\n    [one] { $hours } godzina\n    [few] { $hours } godziny\n    [many] { $hours } godzin\n   *[other] { $hours } godziny\n}\n",
    );
    f.build_ok();
    for (code, forms) in PLURAL_FORMS {
        for (m, want) in minutes.iter().zip(forms) {
            let doc = f.html(&format!("{code}/m/p{m}.html"));
            let meta = text(&doc, ".page-header .meta").expect("duration line");
            let got = meta.rsplit(": ").next().unwrap_or("").trim().to_string();
            assert_eq!(got, want, "{code}, {m} minutes: {meta}");
        }
    }
}

#[test]
fn templates_use_fluent_variables_and_terms() {
    let f = Fixture::small();
    f.write(
        "themes/default/templates/page.html",
        &page_template_with(r#"<p id="greeting">{{ t(key="greeting", name="Ana", count=3) }}</p>"#),
    );
    f.write(
        "locales/en/project.ftl",
        "-org = EQUIL partners\ngreeting = { $name }, welcome to the { -org } ({ $count ->\n    [one] one visit\n   *[other] { $count } visits\n})\n",
    );
    f.write(
        "locales/nl/project.ftl",
        "-org = EQUIL-partners\ngreeting = { $name }, welkom bij de { -org } ({ $count ->\n    [one] één bezoek\n   *[other] { $count } bezoeken\n})\n",
    );
    f.build_ok();
    let en = f.html("en/intro/first.html");
    assert_eq!(
        text(&en, "#greeting").as_deref(),
        Some("Ana, welcome to the EQUIL partners (3 visits)")
    );
    let nl = f.html("nl/intro/first.html");
    assert_eq!(
        text(&nl, "#greeting").as_deref(),
        Some("Ana, welkom bij de EQUIL-partners (3 bezoeken)")
    );
}

#[test]
fn a_message_that_no_language_defines_fails_the_build() {
    let f = Fixture::small();
    f.write(
        "themes/default/templates/page.html",
        &page_template_with(r#"<p>{{ t(key="no-such-message") }}</p>"#),
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("`no-such-message`"), "{err}");
    assert!(err.contains("defined in no language"), "{err}");
    assert!(err.contains("themes/default/templates/page.html"), "{err}");
    assert!(!f.exists("public/en/index.html"));
}
