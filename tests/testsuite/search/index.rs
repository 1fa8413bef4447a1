//! The index: one script per language loaded on demand, JavaScript folding
//! words and slugs exactly like the indexer.

use super::*;

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

/// Words whose folding the browser must do exactly as the indexer.
const FOLD_SAMPLES: [&str; 39] = [
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

/// Running text whose words the browser must split as the indexer.
const WORDS_TEXT: &str = "l'ambiente è sa\u{30a}rbar, 2016! Co-productie (IPS) ½ Ⅻ x² \
            我们的许可证制度。IPS模式 データ か\u{3099}き 中 한국어 प्रशिक्षण";

/// Headings whose slugs the browser must compute as the renderer.
const SLUG_HEADINGS: [&str; 19] = [
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

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn javascript_folds_words_and_slugs_exactly_like_the_indexer() {
    let chromium = chromium();
    let f = fixture();
    f.build_ok();
    let (samples, text, headings) = (FOLD_SAMPLES, WORDS_TEXT, SLUG_HEADINGS);
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
