//! Search: the per-language index files, and the search box in headless
//! Chromium, opened from disk (file://) and over HTTP: type a Dutch word,
//! see the expected page, follow it with the keyboard.

use crate::common::cdp;
use crate::common::http;

use crate::common::*;
use serde_json::{json, Value};

/// A two-language site about openness at work; the tool card exists only in
/// English, so Dutch readers get it as a fallback.
fn fixture() -> Fixture {
    Fixture::copy_of("search")
}

/// The JSON inside `<lang>/search-index.js`.
fn index_json(f: &Fixture, lang: &str) -> Value {
    let js = f.read(&format!("public/{lang}/search-index.js"));
    let json = js
        .strip_prefix("window.EQUIL_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("not an index script: {}", &js[..js.len().min(80)]));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_language_gets_an_index_script_loaded_only_on_demand() {
    let f = fixture();
    f.build_ok();
    for lang in ["en", "nl"] {
        let idx = index_json(&f, lang);
        assert_eq!(idx["lang"], lang);
        let urls: Vec<&str> = idx["docs"]
            .as_array()
            .expect("docs")
            .iter()
            .filter_map(|d| d[0].as_str())
            .collect();
        assert!(urls.contains(&"intro/disclosure.html"), "{urls:?}");
        assert!(urls.contains(&"toolkit/line-up.html"), "{urls:?}");
    }
    // The fallback tool card is indexed in nl, marked as English text.
    let nl = index_json(&f, "nl");
    let line_up = nl["docs"]
        .as_array()
        .expect("docs")
        .iter()
        .find(|d| d[0] == "toolkit/line-up.html")
        .expect("line-up in nl index");
    assert_eq!(line_up[3], "en");
    let words = nl["words"].as_str().expect("words");
    assert!(words.contains("statement"), "fallback text is indexed");

    // Pages point at the index and the language folder, but do not load it.
    let page = f.html("nl/intro/workplace.html");
    assert_eq!(
        attrs(&page, ".search", "data-index"),
        ["../search-index.js"]
    );
    assert_eq!(attrs(&page, ".search", "data-root"), ["../"]);
    assert!(attrs(&page, "script", "src")
        .iter()
        .all(|s| !s.contains("search-index")));
    let home = f.html("nl/index.html");
    assert_eq!(attrs(&home, ".search", "data-root"), [""]);
    for label in [
        "count-one",
        "count-other",
        "none",
        "source",
        "loading",
        "error",
    ] {
        let v = attrs(&page, ".search", &format!("data-label-{label}"));
        assert!(v.len() == 1 && !v[0].is_empty(), "data-label-{label}");
    }
    assert_eq!(
        attrs(&page, ".search", "data-label-none"),
        ["Geen resultaten"]
    );
    assert_eq!(
        attrs(&page, ".search", "data-label-count-other"),
        ["{count} resultaten"]
    );
}

/// The results shown: (href as resolved by the browser, text, has <mark>).
fn results(b: &mut cdp::Browser, tab: &cdp::Tab) -> Vec<(String, String, String)> {
    let v = b.eval(
        tab,
        "JSON.stringify(Array.from(document.querySelectorAll('#search-results [role=option]'))\
         .map(a => [a.href, a.textContent, Array.from(a.querySelectorAll('mark')).map(m => m.textContent).join(' ')]))",
    );
    serde_json::from_str(v.as_str().unwrap_or("[]")).unwrap_or_default()
}

/// Presses "/", types `query` and waits until the results show.
fn search(b: &mut cdp::Browser, tab: &cdp::Tab, query: &str) {
    b.eval(
        tab,
        "document.activeElement && document.activeElement.blur(), true",
    );
    b.key(tab, "/", "Slash", 191, Some("/"));
    let focused = b.eval(tab, "document.activeElement && document.activeElement.id");
    assert_eq!(focused, "search-input", "/ focuses the search box");
    b.eval(tab, "document.getElementById('search-input').select()");
    b.type_text(tab, query);
    b.wait_for(
        tab,
        &format!(
            "document.getElementById('search-input').value === {} && \
             !document.querySelector('.search-panel').hidden",
            json!(query)
        ),
    );
}

/// The whole reader's path through search, starting from `base` (the output
/// folder as file:// or http:// URL, ending in `/`).
fn scenario(b: &mut cdp::Browser, base: &str) {
    let start = format!("{base}nl/intro/workplace.html");
    let tab = b.open(&start);
    let loaded = b.eval(
        &tab,
        "!!window.EquilSearch && !window.EQUIL_SEARCH && !document.querySelector('script[src*=\"search-index\"]')",
    );
    assert_eq!(
        loaded, true,
        "the index is not loaded before the box is used"
    );
    assert_eq!(
        b.eval(
            &tab,
            "getComputedStyle(document.querySelector('.search')).display"
        ),
        "block",
        "with JavaScript the search box shows"
    );

    // A Dutch word: the page whose heading has it comes first, highlighted.
    search(b, &tab, "kwetsbaarheid");
    let found = results(b, &tab);
    assert!(!found.is_empty(), "no results for kwetsbaarheid");
    let expected = format!("{base}nl/intro/disclosure.html#praten-over-kwetsbaarheid");
    assert_eq!(found[0].0, expected, "{found:?}");
    assert!(found[0].1.contains("Openheid"), "{found:?}");
    assert!(found[0].2.contains("kwetsbaarheid"), "marked: {found:?}");
    let status = b.eval(&tab, "document.getElementById('search-status').textContent");
    assert_eq!(
        status,
        if found.len() == 1 {
            json!("1 resultaat")
        } else {
            json!(format!("{} resultaten", found.len()))
        }
    );

    // Keyboard: ArrowDown selects the first result, Enter follows it.
    b.key(&tab, "ArrowDown", "ArrowDown", 40, None);
    let sel = b.eval(
        &tab,
        "[document.getElementById('search-input').getAttribute('aria-activedescendant'), \
          document.querySelector('[aria-selected=true]') && document.querySelector('[aria-selected=true]').id].join(' ')",
    );
    assert_eq!(sel, "search-result-0 search-result-0");
    b.key(&tab, "Enter", "Enter", 13, Some("\r"));
    b.wait_for(
        &tab,
        &format!(
            "location.href === {} && document.readyState === 'complete'",
            json!(expected)
        ),
    );
    assert_eq!(
        b.eval(&tab, "document.querySelector('h1').textContent.trim()"),
        "Openheid"
    );

    // Dutch stemming and prefixes: a plural, a diminutive, a word being typed.
    search(b, &tab, "kwetsbaarheden");
    assert!(results(b, &tab)[0]
        .0
        .ends_with("nl/intro/disclosure.html#praten-over-kwetsbaarheid"));
    search(b, &tab, "werkplek");
    let found = results(b, &tab);
    assert!(
        found
            .iter()
            .any(|r| r.0.ends_with("nl/intro/workplace.html#aanpassingen") && r.2 == "werkplekje"),
        "werkplekje is found by its prefix: {found:?}"
    );
    search(b, &tab, "openh");
    assert!(results(b, &tab)[0].0.ends_with("nl/intro/disclosure.html"));

    // A page that is not translated yet is found, marked as in English.
    search(b, &tab, "statement");
    let found = results(b, &tab);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, format!("{base}nl/toolkit/line-up.html#steps"));
    assert!(found[0].1.contains("oorspronkelijke tekst"), "{found:?}");

    // Nothing found; Escape closes the list.
    search(b, &tab, "xyzzy");
    assert_eq!(
        b.eval(
            &tab,
            "[document.querySelector('.search-message').textContent, \
              document.getElementById('search-input').getAttribute('aria-expanded'), \
              document.querySelectorAll('#search-results > :not([role=option])').length].join(' ')"
        ),
        "Geen resultaten false 0",
        "the message is outside the listbox, which is not shown"
    );
    b.key(&tab, "Escape", "Escape", 27, None);
    assert_eq!(
        b.eval(&tab, "[document.getElementById('search-input').getAttribute('aria-expanded'), document.querySelector('.search-panel').hidden].join(' ')"),
        "false true"
    );
}

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

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn javascript_folds_words_and_slugs_exactly_like_the_indexer() {
    let chromium = chromium();
    let f = fixture();
    f.build_ok();
    let samples = [
        "Sårbarhed",
        "ÆRØ",
        "Œuvre",
        "Educación",
        "perché",
        "geïnteresseerd",
        "Straße",
        "ẞ",
        "ﬁnal",
        "ΟΔΟΣ",
        "sa\u{30a}rbar",
        "İstanbul",
        "Łódź",
        "Þórður",
        "Đorđe",
        "ĦŦ",
        "x²",
        "½",
        "Ǆ",
        "ℌ",
        "werkplekje",
        "Ⅻ",
        "naïve",
        "ıi",
        "Ａｂｃ",
        "١٢٣",
        "e\u{301}\u{301}",
        "काम",
        "कम",
        "क्या",
        "பட்டம்",
        "কাজ",
        "が",
        "か\u{3099}",
        "ｶﾞｲﾄﾞ",
        "한국어",
        "Việt",
        "й",
        "Rechtsschutzversicherungsgesellschaftenangestellte",
    ];
    let text = "l'ambiente è sa\u{30a}rbar, 2016! Co-productie (IPS) ½ Ⅻ x² \
                我们的许可证制度。IPS模式 データ か\u{3099}き 中 한국어 प्रशिक्षण";
    let headings = [
        "Åbenhed på jobbet",
        "3. Attention to the person's preferences",
        "ΟΔΟΣ Σ",
        "  --  ",
        "İstanbul & Łódź",
        "Co-design: a how-to?",
        "Don't tolerate bad actors",
        "TL;DR",
        "C'est l’été — enfin !",
        "क्या है",
        "தமிழ் மொழி கற்றல்",
        "می\u{200c}خواهم کار کنم",
        "Что такое — работа",
        "仕事を見つける：はじめに",
        "🎉 Party time 🚀",
        "🎉",
        "x² ½ Ⅻ ١٢ ＿_",
        "Ǆemal & ΟΔΟΣ",
        "a\tb\u{a0}c -- d",
    ];
    let mut b = cdp::Browser::launch(&chromium);
    let out = std::fs::canonicalize(f.path("public")).expect("public");
    let tab = b.open(&format!("file://{}/en/index.html", out.display()));
    let js = b.eval(
        &tab,
        &format!(
            "JSON.stringify([{s}.map(w => EquilSearch.cut(EquilSearch.fold(w))), \
             EquilSearch.words({t}).map(w => w.text), {h}.map(EquilSearch.slugify)])",
            s = json!(samples.as_slice()),
            t = json!(text),
            h = json!(headings),
        ),
    );
    let (js_folds, js_words, js_slugs): (Vec<String>, Vec<String>, Vec<String>) =
        serde_json::from_str(js.as_str().expect("string")).expect("json");
    let rust_slugs: Vec<String> = headings
        .iter()
        .map(|h| equil::render::markdown::slugify(h))
        .collect();
    assert_eq!(js_slugs, rust_slugs);
    // What the index keeps of each word (folded, cut when long) is what
    // the browser looks up.
    let analyzer = equil::render::search::text::Analyzer::new("xx");
    let rust_folds: Vec<String> = samples
        .iter()
        .map(|s| {
            analyzer
                .surface(s)
                .unwrap_or_else(|| equil::render::search::text::fold(s))
        })
        .collect();
    assert_eq!(js_folds, rust_folds);
    assert_ne!(
        js_folds[samples.len() - 12],
        js_folds[samples.len() - 11],
        "काम is not कम"
    );
    // Rust also adds the joined compound; otherwise the words are the same.
    let rust_words: Vec<String> = equil::render::search::text::words(text)
        .into_iter()
        .map(|w| w.into_owned())
        .filter(|w| w != "Coproductie")
        .collect();
    assert_eq!(js_words, rust_words);
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
