//! The search box in Chromium: from disk and over HTTP, results counted in
//! each language's plural forms, Chinese and Hindi text found.

use super::*;

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn search_box_works_from_disk() {
    let chromium = chromium();
    let f = fixture();
    f.build_ok();
    let mut b = cdp::Browser::launch(&chromium);
    let out = std::fs::canonicalize(f.path("public")).expect("public");
    let base = format!("file://{}/", out.display());
    scenario(&mut b, &base);

    // Without JavaScript the search box is hidden (and nothing else breaks).
    let tab = b.open_blank();
    b.call(
        Some(&tab),
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    );
    b.navigate(&tab, &format!("{base}nl/intro/disclosure.html"));
    let shown = b.eval(
        &tab,
        "[getComputedStyle(document.querySelector('.search')).display, document.querySelector('h1').textContent.trim()].join(' ')",
    );
    assert_eq!(shown, "none Openheid");
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn search_box_works_over_http() {
    let chromium = chromium();
    let f = fixture();
    f.build_ok();
    let base = http::serve(f.path("public"));
    let mut b = cdp::Browser::launch(&chromium);
    scenario(&mut b, &base);
}

/// A site in five languages for searching in every script: English pages
/// with marker words found on 1, 2 and 5 pages (shown as fallbacks in
/// French and Russian, whose plural rules differ), Chinese running text
/// and Hindi words with marks that carry meaning.
fn scripts_fixture() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "languages: [en, fr, ru, zh-hans, hi]\nsource_language: en\n",
    );
    f.write(
        "content/en/_index.md",
        "---\ntitle: Handbook\n---\nWelcome.\n",
    );
    f.write(
        "content/en/intro/_index.md",
        "---\ntitle: Introduction\nkind: module\n---\nThe overview.\n",
    );
    let markers = ["alpha beta gamma", "beta gamma", "gamma", "gamma", "gamma"];
    for (i, m) in markers.iter().enumerate() {
        f.write(
            &format!("content/en/intro/p{}.md", i + 1),
            &format!(
                "---\ntitle: Page {}\norder: {}\n---\nSome text about {m}.\n",
                i + 1,
                i + 1
            ),
        );
    }
    f.write(
        "locales/fr/main.ftl",
        "search-results = { $count ->\n    [one] { $count } résultat\n   *[other] { $count } résultats\n}\nsearch-no-results = Aucun résultat\n",
    );
    f.write(
        "locales/ru/main.ftl",
        "search-results = { $count ->\n    [one] { $count } результат\n    [few] { $count } результата\n    [many] { $count } результатов\n   *[other] { $count } результата\n}\nsearch-no-results = Нет результатов\n",
    );
    f.write(
        "content/zh-hans/intro/p1.md",
        "---\ntitle: 第一页\n---\n我们的许可证制度很简单，请先阅读。\n",
    );
    f.write(
        "content/zh-hans/intro/p2.md",
        "---\ntitle: 第二页\n---\n许可的范围由雇主决定。\n",
    );
    f.write(
        "content/hi/intro/p3.md",
        "---\ntitle: तीसरा पृष्ठ\n---\nहम नौकरी के लिए प्रशिक्षण देते हैं।\n",
    );
    f.write(
        "content/hi/intro/p4.md",
        "---\ntitle: चौथा पृष्ठ\n---\nयह काम अच्छा है।\n",
    );
    f
}

/// The status line after a search for `query` on the page open in `tab`.
fn status_after(b: &mut cdp::Browser, tab: &cdp::Tab, query: &str) -> String {
    search(b, tab, query);
    b.eval(tab, "document.getElementById('search-status').textContent")
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn search_counts_results_in_each_languages_plural_forms() {
    let chromium = chromium();
    let f = scripts_fixture();
    f.build_ok();
    let mut b = cdp::Browser::launch(&chromium);
    let out = std::fs::canonicalize(f.path("public")).expect("public");
    let expected = [
        ("en", ["No results", "1 result", "2 results", "5 results"]),
        (
            "fr",
            ["Aucun résultat", "1 résultat", "2 résultats", "5 résultats"],
        ),
        (
            "ru",
            [
                "Нет результатов",
                "1 результат",
                "2 результата",
                "5 результатов",
            ],
        ),
    ];
    for (lang, labels) in expected {
        let tab = b.open(&format!("file://{}/{lang}/intro/p1.html", out.display()));
        for (query, want) in ["zzzq", "alpha", "beta", "gamma"].iter().zip(labels) {
            let got = status_after(&mut b, &tab, query);
            assert_eq!(got, want, "{lang}: `{query}`");
            let n = results(&mut b, &tab).len();
            assert_eq!(
                got.chars().next().and_then(|c| c.to_digit(10)).unwrap_or(0) as usize,
                n,
                "{lang}: the count matches the list for `{query}`"
            );
        }
    }
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn search_finds_words_in_chinese_running_text_and_hindi_with_its_marks() {
    let chromium = chromium();
    let f = scripts_fixture();
    f.build_ok();
    let mut b = cdp::Browser::launch(&chromium);
    let out = std::fs::canonicalize(f.path("public")).expect("public");

    // 许可证 inside a sentence without spaces: found, and only where all of it is.
    let tab = b.open(&format!("file://{}/zh-Hans/intro/p2.html", out.display()));
    search(&mut b, &tab, "许可证");
    let found = results(&mut b, &tab);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("zh-Hans/intro/p1.html"), "{found:?}");
    assert_eq!(found[0].2, "许可证", "marked as one word: {found:?}");
    // Two characters find both pages; one character finds the pairs it starts.
    search(&mut b, &tab, "许可");
    assert_eq!(results(&mut b, &tab).len(), 2);
    search(&mut b, &tab, "制");
    let found = results(&mut b, &tab);
    assert!(
        found.iter().any(|r| r.0.contains("zh-Hans/intro/p1.html")),
        "{found:?}"
    );

    // Hindi: a word with a virama is found; काम is not कम.
    let tab = b.open(&format!("file://{}/hi/intro/p4.html", out.display()));
    search(&mut b, &tab, "प्रशिक्षण");
    let found = results(&mut b, &tab);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("hi/intro/p3.html"), "{found:?}");
    assert_eq!(found[0].2, "प्रशिक्षण");
    search(&mut b, &tab, "काम");
    let found = results(&mut b, &tab);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("hi/intro/p4.html"), "{found:?}");
    search(&mut b, &tab, "कम");
    assert!(results(&mut b, &tab).is_empty(), "कम must not find काम");
}
