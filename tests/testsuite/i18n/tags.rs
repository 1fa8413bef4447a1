//! Language tags: checked by `add`, never called English, folders in any
//! case get their canonical tag and CLDR names.

use super::*;

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

/// A site with content in `zh-hans` (lower case, with its strings in
/// `locales/zh-hans`), `zh-Hant`, Tamil, Nigerian Pidgin and Persian.
fn tagged_languages_site() -> Fixture {
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
    f
}

/// `zh-hans` is `zh-Hans` in paths, `lang`, hreflang and the sitemap, and
/// the partner's strings are used.
fn canonical_tags_everywhere(f: &Fixture) {
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
}

/// The switcher and the chooser name every language in its own words from
/// CLDR, with no bare codes; Persian reads right to left.
fn named_in_their_own_words(f: &Fixture) {
    let en = f.html("en/intro/first.html");
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
}

/// Languages by their proper tags: a partner's `content/zh-hans` and
/// `locales/zh-hans` are the language `zh-Hans` everywhere in the output,
/// and every language is named in its own words from CLDR, script variants
/// apart, with no bare codes.
#[test]
fn language_folders_in_any_case_get_their_canonical_tag_and_cldr_names() {
    let f = tagged_languages_site();
    f.build_ok();
    canonical_tags_everywhere(&f);
    named_in_their_own_words(&f);

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
