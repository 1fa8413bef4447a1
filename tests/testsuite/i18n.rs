//! The translation workflow: outdated and unknown translations, `equil i18n
//! status | add | mark-current`, Fluent errors and CLDR plural forms.

use std::path::Path;

use crate::common::*;
use serde_json::Value;

/// `equil i18n status --format json` on the fixture, parsed.
fn status(f: &Fixture) -> Value {
    let out = f.run(&["i18n", "status", "--format", "json"]);
    assert!(out.status.success(), "status failed:\n{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("status JSON")
}

fn lang<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .find(|l| l["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` in {report:#}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

/// Lines of `after` that are not in `before` and the other way round.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.split_inclusive('\n').collect();
    let a: Vec<&str> = after.split_inclusive('\n').collect();
    let added = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|s| s.to_string())
        .collect();
    let removed = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|s| s.to_string())
        .collect();
    (added, removed)
}

#[test]
fn a_translation_without_source_hash_is_unknown_not_current() {
    let f = Fixture::small();
    let r = status(&f);
    let nl = lang(&r, "nl");
    assert_eq!(nl["pages"]["current"], 0);
    assert_eq!(
        strings(&nl["pages"]["files"]["unknown"]),
        ["_index.md", "intro/_index.md", "intro/first.md"]
    );
    let out = f.build_ok();
    // One summary warning for the language, not one per page.
    let err = stderr(&out);
    let w103: Vec<&str> = err.lines().filter(|l| l.contains("W103")).collect();
    assert_eq!(w103.len(), 1, "{err}");
    assert!(w103[0].contains("3 translations in `nl`"), "{err}");
    assert!(err.contains("equil i18n status"), "{err}");
}

#[test]
fn editing_a_source_page_makes_its_translations_outdated_until_marked_current() {
    let f = Fixture::small();
    let out = f.run(&["i18n", "mark-current", "--lang", "nl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let nl = status(&f);
    let nl = lang(&nl, "nl");
    assert_eq!(nl["pages"]["current"], 3, "{nl:#}");
    assert_eq!(nl["pages"]["outdated"], 0);
    assert_eq!(nl["pages"]["unknown"], 0);

    // The source changes: its translation is outdated.
    let first = f.read("content/en/intro/first.md");
    f.write(
        "content/en/intro/first.md",
        &first.replace("try it.", "try it twice."),
    );
    // White space at the ends of lines is not a change.
    let overview = f.read("content/en/intro/_index.md");
    f.write(
        "content/en/intro/_index.md",
        &overview.replace("overview.\n", "overview.   \n\n\n"),
    );
    let r = status(&f);
    let nl = lang(&r, "nl");
    assert_eq!(
        strings(&nl["pages"]["files"]["outdated"]),
        ["intro/first.md"]
    );
    assert_eq!(nl["pages"]["current"], 2);
    let out = f.build_ok();
    assert!(stderr(&out).contains("W102"), "{}", stderr(&out));
    let page = f.html("nl/intro/first.html");
    let notice = page
        .select(&sel(".notice-outdated"))
        .next()
        .expect("outdated notice on the outdated page");
    let text: String = notice.text().collect();
    assert!(text.contains(&message("nl", "outdated-notice")), "{text}");
    let link = notice.select(&sel("a")).next().expect("link to the source");
    assert_eq!(link.value().attr("href"), Some("../../en/intro/first.html"));
    assert_eq!(link.value().attr("hreflang"), Some("en"));
    assert_eq!(
        link.text().collect::<String>(),
        message("nl", "outdated-link")
    );
    let current = f.html("nl/intro/index.html");
    assert!(current.select(&sel(".notice")).next().is_none());

    // Updating the translation and marking it changes only `source_hash`, from cwd-relative paths.
    let before = f.read("content/nl/intro/first.md");
    let root = f.root().to_str().expect("utf-8").to_string();
    let out = equil_in(
        &f.path("content/nl"),
        &["i18n", "mark-current", "intro/first.md", "--root", &root],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = f.read("content/nl/intro/first.md");
    let (added, removed) = changed_lines(&before, &after);
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].starts_with("source_hash: "), "{added:?}");
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(removed[0].starts_with("source_hash: "), "{removed:?}");
    assert_eq!(before.lines().count(), after.lines().count());
    let r = status(&f);
    assert_eq!(lang(&r, "nl")["pages"]["current"], 3);
    f.build_ok();
    let page = f.html("nl/intro/first.html");
    assert!(page.select(&sel(".notice")).next().is_none());
}

#[test]
fn mark_current_keeps_every_other_byte() {
    let f = Fixture::small();
    let original = "---\r\n# A comment the translator wrote\r\ntitle:   \"Tweede pagina\"   # spaced\r\norder: 2\r\nextra:\r\n  source_hash: not-this-one\r\n---\r\n## Details\r\n\r\nsource_hash: not this either\r\n";
    f.write("content/nl/intro/second.md", original);
    let out = f.run(&["i18n", "mark-current", "content/nl/intro/second.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = f.read("content/nl/intro/second.md");
    let fence = original.rfind("---\r\n## Details").expect("closing fence");
    assert!(after.starts_with(&original[..fence]), "{after:?}");
    assert!(after.ends_with(&original[fence..]), "{after:?}");
    let inserted = &after[fence..after.len() - (original.len() - fence)];
    assert!(inserted.starts_with("source_hash: \""), "{inserted:?}");
    assert!(inserted.ends_with("\"\r\n"), "{inserted:?}");
    assert_eq!(inserted.matches('\n').count(), 1);
    assert_eq!(
        strings(&lang(&status(&f), "nl")["pages"]["files"]["current"]),
        ["intro/second.md"]
    );
    // Marking again changes nothing.
    let out = f.run(&["i18n", "mark-current", "content/nl/intro/second.md"]);
    assert!(out.status.success());
    assert_eq!(f.read("content/nl/intro/second.md"), after);
}

#[test]
fn mark_current_refuses_what_is_not_a_translation() {
    let f = Fixture::small();
    f.write(
        "content/nl/intro/extra.md",
        "---\ntitle: Extra\n---\nGeen bron.\n",
    );
    for (path, needle) in [
        ("content/en/intro/first.md", "source language"),
        ("content/nl/intro/extra.md", "no source page"),
        ("site.yaml", "not a translation"),
        ("content/nl/intro/nothing.md", "no such file"),
    ] {
        let before = f.exists(path).then(|| f.read(path));
        let out = f.run(&["i18n", "mark-current", path]);
        assert_eq!(out.status.code(), Some(1), "{path}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{path}: {}", stderr(&out));
        assert!(stderr(&out).contains(path), "{path}: {}", stderr(&out));
        if let Some(before) = before {
            assert_eq!(f.read(path), before, "{path} must not change");
        }
    }
    let out = f.run(&["i18n", "mark-current", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let out = f.run(&["i18n", "mark-current"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no paths and no --lang is a usage error"
    );
}

#[test]
fn adding_a_language_builds_it_with_fallbacks_everywhere() {
    let f = Fixture::small();
    let yaml_before = f.read("site.yaml");
    let out = f.run(&["i18n", "add", "pt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        f.read("site.yaml"),
        yaml_before.replace("languages: [en, nl]", "languages: [en, nl, pt]")
    );
    assert!(f.path("content/pt").is_dir());
    let ftl = f.read("locales/pt/main.ftl");
    assert!(ftl.contains("lang-name = Português"), "{ftl}");
    assert!(ftl.contains(&format!("nav-home = {}", message("en", "nav-home"))));

    let out = f.build_ok();
    assert!(!stderr(&out).contains("E020"), "{}", stderr(&out));
    // Every page of every language offers Portuguese, by its own name.
    let mut pages = 0;
    for rel in files_under(&f.path("public")) {
        if !rel.ends_with(".html") || rel.ends_with("print.html") || !rel.contains('/') {
            continue;
        }
        let doc = f.html(&rel);
        let names: Vec<String> = doc
            .select(&sel(".lang-switcher a"))
            .map(|a| a.text().collect())
            .collect();
        assert_eq!(names, ["English", "Nederlands", "Português"], "{rel}");
        // What's new is written for every language, not a page to translate.
        if rel.starts_with("pt/") && !rel.ends_with("whats-new.html") {
            pages += 1;
            assert!(
                doc.select(&sel(".notice-fallback")).next().is_some(),
                "{rel} has no fallback notice"
            );
            assert_eq!(
                attrs(&doc, "html", "lang"),
                ["pt"],
                "{rel} is a Portuguese page"
            );
        }
    }
    assert_eq!(
        pages, 6,
        "home, 2 module overviews and 3 pages in Portuguese"
    );

    let r = status(&f);
    let pt = lang(&r, "pt");
    assert_eq!(pt["name"], "Português");
    assert_eq!(pt["pages"]["translated"], 0);
    assert_eq!(pt["pages"]["percent"]["translated"], 0.0);
    assert_eq!(pt["pages"]["missing"], pt["pages"]["total"]);
    let total = pt["messages"]["total"].as_u64().expect("count");
    assert!(total > 50, "{total}");
    assert_eq!(pt["messages"]["missing"], total);
    assert_eq!(pt["messages"]["translated"], 0);
    assert_eq!(
        strings(&pt["messages"]["ids"]["needs_translation"]).len() as u64,
        total
    );
    let text = stdout(&f.run(&["i18n", "status"]));
    assert!(text.contains("pt Português"), "{text}");

    // Once is enough.
    let out = f.run(&["i18n", "add", "pt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already"), "{}", stderr(&out));
}

#[test]
fn add_checks_the_tag_and_never_calls_a_language_english() {
    let f = Fixture::small();
    let out = f.run(&["i18n", "add", "pt_BR"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pt-BR"), "{}", stderr(&out));
    assert!(!f.exists("locales/pt_BR"));
    // `qaa` is reserved for local use: CLDR has no name for it.
    let out = f.run(&["i18n", "add", "qaa"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ftl = f.read("locales/qaa/main.ftl");
    assert!(ftl.contains("\nlang-name = qaa\n"), "{ftl}");
    // Until someone names it, check says the menu shows a bare code.
    let out = f.run(&["check"]);
    assert!(
        stderr(&out).contains("the language menu calls `qaa` just `qaa`"),
        "{}",
        stderr(&out)
    );
    assert!(!ftl.contains("= English"), "{ftl}");
    // A block list in site.yaml keeps its form and its comments.
    let f = Fixture::small();
    f.write(
        "site.yaml",
        "# Site settings\nlanguages:\n  - en   # source\n  - nl\nbase_url: https://example.org/\n",
    );
    let out = f.run(&["i18n", "add", "de"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        f.read("site.yaml"),
        "# Site settings\nlanguages:\n  - en   # source\n  - nl\n  - de\nbase_url: https://example.org/\n"
    );
    assert!(f
        .read("locales/de/main.ftl")
        .contains("lang-name = Deutsch"));
}

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

#[test]
fn plural_forms_follow_cldr_in_every_language() {
    let f = Fixture::empty();
    f.write("site.yaml", "languages: [en, nl, da, es, it, pl]\n");
    f.write("content/en/_index.md", "---\ntitle: Home\n---\nHi.\n");
    f.write(
        "content/en/m/_index.md",
        "---\ntitle: M\nkind: module\n---\nM.\n",
    );
    let minutes = [1, 2, 5, 12, 22, 25, 60, 120, 300];
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
    let expected: [(&str, [&str; 9]); 6] = [
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
    for (code, forms) in expected {
        for (m, want) in minutes.iter().zip(forms) {
            let doc = f.html(&format!("{code}/m/p{m}.html"));
            let meta = text(&doc, ".page-header .meta").expect("duration line");
            let got = meta.rsplit(": ").next().unwrap_or("").trim().to_string();
            assert_eq!(got, want, "{code}, {m} minutes: {meta}");
        }
    }
}

/// The built-in page template with `extra` added after the header.
fn page_template_with(extra: &str) -> String {
    let page = builtin_template("page.html");
    page.replacen("</header>", &format!("</header>\n{extra}"), 1)
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

#[test]
fn status_json_has_the_documented_shape() {
    let f = Fixture::small();
    let r = status(&f);
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&r),
        ["format_version", "languages", "source", "totals"]
    );
    assert_eq!(r["format_version"], 1);
    assert_eq!(keys(&r["source"]), ["code", "messages", "name", "pages"]);
    assert_eq!(r["source"]["pages"], 6);
    let nl = lang(&r, "nl");
    assert_eq!(
        keys(nl),
        [
            "code",
            "complete_percent",
            "glossary",
            "messages",
            "name",
            "pages",
            "terminology"
        ]
    );
    assert_eq!(
        keys(&nl["pages"]),
        [
            "current",
            "errors",
            "files",
            "localised",
            "missing",
            "outdated",
            "outdated_details",
            "percent",
            "total",
            "translated",
            "unknown"
        ]
    );
    assert_eq!(
        keys(&nl["pages"]["files"]),
        [
            "current",
            "errors",
            "localised",
            "missing",
            "orphans",
            "outdated",
            "unknown"
        ]
    );
    assert_eq!(
        keys(&nl["messages"]),
        [
            "errors",
            "extra",
            "ids",
            "missing",
            "percent",
            "syntax_errors",
            "total",
            "translated"
        ]
    );
    assert_eq!(
        keys(&nl["messages"]["ids"]),
        ["extra", "missing", "needs_translation"]
    );
    assert_eq!(nl["pages"]["translated"], 3);
    assert_eq!(nl["pages"]["percent"]["translated"], 50.0);
    assert_eq!(
        strings(&nl["pages"]["files"]["missing"]),
        ["intro/second.md", "toolkit/_index.md", "toolkit/line-up.md"]
    );
}

/// The repository's own handbook: what status says matches the files.
#[test]
fn status_of_the_repository_content_matches_its_files() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = equil(&["i18n", "status", "--format", "json", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let pages_of = |l: &str| -> Vec<String> {
        files_under(&Path::new(root).join("content").join(l))
            .into_iter()
            .filter(|p| p.ends_with(".md"))
            .collect()
    };
    let source = pages_of("en");
    for l in r["languages"].as_array().expect("languages") {
        let code = l["code"].as_str().expect("code");
        let have = pages_of(code);
        let files = &l["pages"]["files"];
        let mut translated: Vec<String> = ["current", "outdated", "unknown", "localised"]
            .iter()
            .flat_map(|k| strings(&files[*k]))
            .collect();
        translated.sort();
        let expect: Vec<String> = source
            .iter()
            .filter(|p| have.contains(p))
            .cloned()
            .collect();
        assert_eq!(translated, expect, "{code}");
        let missing: Vec<String> = source
            .iter()
            .filter(|p| !have.contains(p))
            .cloned()
            .collect();
        assert_eq!(strings(&files["missing"]), missing, "{code}");
        assert_eq!(
            strings(&files["unknown"]),
            Vec::<String>::new(),
            "{code}: run mark-current"
        );
    }
}

/// Languages by their proper tags: a partner's `content/zh-hans` and
/// `locales/zh-hans` are the language `zh-Hans` everywhere in the output,
/// and every language is named in its own words from CLDR, script variants
/// apart, with no bare codes.
#[test]
fn language_folders_in_any_case_get_their_canonical_tag_and_cldr_names() {
    let f = Fixture::small();
    f.write(
        "site.yaml",
        "source_language: en\nbase_url: https://example.org/\n",
    );
    f.write(
        "content/zh-hans/_index.md",
        "---\ntitle: 手册\n---\n欢迎。\n",
    );
    f.write(
        "content/zh-hans/intro/first.md",
        "---\ntitle: 第一页\n---\n## 开始\n\n请阅读。\n",
    );
    f.write("locales/zh-hans/main.ftl", "skip-to-content = 跳到内容\n");
    f.write(
        "content/zh-Hant/_index.md",
        "---\ntitle: 手冊\n---\n歡迎。\n",
    );
    f.write(
        "content/ta/_index.md",
        "---\ntitle: கையேடு\n---\nவரவேற்பு.\n",
    );
    f.write(
        "content/pcm/_index.md",
        "---\ntitle: Handbook\n---\nWelkom.\n",
    );
    f.write(
        "content/fa/_index.md",
        "---\ntitle: راهنما\n---\nخوش آمدید.\n",
    );
    f.build_ok();

    assert!(f.exists("public/zh-Hans/index.html"));
    assert!(f.exists("public/zh-Hans/intro/first.html"));
    let zh = f.html("zh-Hans/intro/first.html");
    assert_eq!(attrs(&zh, "html", "lang"), ["zh-Hans"]);
    // The partner's strings in locales/zh-hans/ are used.
    assert!(f
        .read("public/zh-Hans/intro/first.html")
        .contains("跳到内容"));
    let en = f.html("en/intro/first.html");
    let hreflangs = attrs(&en, "link[rel=alternate]", "hreflang");
    assert!(hreflangs.contains(&"zh-Hans".to_string()), "{hreflangs:?}");
    assert!(!hreflangs.iter().any(|h| h == "zh-hans"), "{hreflangs:?}");
    let sitemap = f.read("public/sitemap.xml");
    assert!(!sitemap.contains("zh-hans"), "{sitemap}");

    let switcher: Vec<(String, String)> = en
        .select(&sel(".lang-switcher a"))
        .map(|a| {
            (
                a.value().attr("hreflang").unwrap_or("").to_string(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    let name = |code: &str| {
        switcher
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| panic!("no {code} in {switcher:?}"))
    };
    assert_eq!(name("zh-Hans"), "简体中文");
    assert_eq!(name("zh-Hant"), "繁體中文");
    assert_eq!(name("ta"), "தமிழ்");
    assert_eq!(name("pcm"), "Naijíriá Píjin");
    assert_eq!(name("fa"), "فارسی");
    for (code, n) in &switcher {
        assert_ne!(code, n, "a bare code in the switcher: {switcher:?}");
    }
    // The chooser names them the same way; Persian reads right to left.
    let chooser = f.html("index.html");
    let names: Vec<String> = chooser
        .select(&sel(".chooser-name"))
        .map(|e| e.text().collect())
        .collect();
    for n in [
        "简体中文",
        "繁體中文",
        "தமிழ்",
        "Naijíriá Píjin",
        "فارسی",
        "English",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} not in {names:?}");
    }
    assert_eq!(attrs(&f.html("fa/index.html"), "html", "dir"), ["rtl"]);

    // The status report and `mark-current --lang` take the tag in any case.
    let report = status(&f);
    assert_eq!(lang(&report, "zh-Hans")["name"], "简体中文");
    let out = f.run(&["i18n", "mark-current", "--lang", "zh-hans"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f
        .read("content/zh-hans/intro/first.md")
        .contains("source_hash:"));

    // Two folders for one language are an error, not a silent merge.
    f.write("content/ZH-HANS/_index.md", "---\ntitle: x\n---\n");
    if !f
        .path("content/ZH-HANS")
        .canonicalize()
        .ok()
        .eq(&f.path("content/zh-hans").canonicalize().ok())
    {
        let out = f.run(&["check"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("is the language `zh-Hans` again"),
            "{}",
            stderr(&out)
        );
    }
}

/// `equil i18n add zh-hans` adds the language as `zh-Hans`.
#[test]
fn adding_a_language_by_a_lower_case_tag_writes_its_canonical_form() {
    let f = Fixture::small();
    let out = f.run(&["i18n", "add", "zh-hans"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("简体中文 (zh-Hans)"),
        "{}",
        stdout(&out)
    );
    assert!(f.read("site.yaml").contains("languages: [en, nl, zh-Hans]"));
    assert!(f.path("content/zh-Hans").is_dir());
    let ftl = f.read("locales/zh-Hans/main.ftl");
    assert!(ftl.contains("lang-name = 简体中文"), "{ftl}");
    assert!(ftl.contains("lang-dir = ltr"), "{ftl}");
    f.build_ok();
    assert_eq!(
        attrs(&f.html("zh-Hans/index.html"), "html", "lang"),
        ["zh-Hans"]
    );
}

/// A partner arrives with content: `i18n add` adds only what is missing
/// (the Fluent skeleton and the place in site.yaml) and leaves the pages be.
#[test]
fn adding_a_language_whose_content_exists_adds_only_what_is_missing() {
    let f = Fixture::small();
    let page = "---\ntitle: Primeira página\n---\n## Começar\n\nLeia.\n";
    f.write("content/pt/intro/first.md", page);
    f.write(
        "content/pt/_index.md",
        "---\ntitle: Manual\n---\nBem-vindo.\n",
    );
    let out = f.run(&["i18n", "add", "pt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read("content/pt/intro/first.md"), page);
    assert!(f.read("site.yaml").contains("languages: [en, nl, pt]"));
    assert!(f
        .read("locales/pt/main.ftl")
        .contains("lang-name = Português"));
    assert!(
        !stdout(&out).contains("created content/pt"),
        "{}",
        stdout(&out)
    );
    f.build_ok();
    let doc = f.html("pt/intro/first.html");
    assert_eq!(
        text(&doc, "h1").map(|t| t.trim().to_string()).as_deref(),
        Some("Primeira página")
    );

    // Now it lacks nothing.
    let out = f.run(&["i18n", "add", "pt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing to add"), "{}", stderr(&out));
    // A site without a languages list, with content and strings for `da`
    // built in: nothing is missing either.
    let f = Fixture::small();
    f.write("site.yaml", "source_language: en\n");
    f.write(
        "content/da/_index.md",
        "---\ntitle: Håndbog\n---\nVelkommen.\n",
    );
    let out = f.run(&["i18n", "add", "da"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing to add"), "{}", stderr(&out));
}
