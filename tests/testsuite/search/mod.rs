//! Search: the per-language index files, and the search box in headless
//! Chromium, opened from disk (file://) and over HTTP: type a Dutch word,
//! see the expected page, follow it with the keyboard.

use crate::common::cdp;
use crate::common::http;

use crate::common::*;
use serde_json::{json, Value};

mod browser;
mod index;

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
    loaded_only_when_used(b, &tab);
    a_word_leads_to_its_heading(b, &tab, base);
    stems_prefixes_and_fallbacks_are_found(b, &tab, base);
    nothing_found_and_escape(b, &tab);
}

/// The search box shows, and the index is not loaded before it is used.
fn loaded_only_when_used(b: &mut cdp::Browser, tab: &cdp::Tab) {
    let loaded = b.eval(
        tab,
        "!!window.EquilSearch && !window.EQUIL_SEARCH && !document.querySelector('script[src*=\"search-index\"]')",
    );
    assert_eq!(
        loaded, true,
        "the index is not loaded before the box is used"
    );
    assert_eq!(
        b.eval(
            tab,
            "getComputedStyle(document.querySelector('.search')).display"
        ),
        "block",
        "with JavaScript the search box shows"
    );
}

/// A Dutch word: the page whose heading has it comes first, highlighted;
/// ArrowDown selects it and Enter follows it.
fn a_word_leads_to_its_heading(b: &mut cdp::Browser, tab: &cdp::Tab, base: &str) {
    search(b, tab, "kwetsbaarheid");
    let found = results(b, tab);
    assert!(!found.is_empty(), "no results for kwetsbaarheid");
    let expected = format!("{base}nl/intro/disclosure.html#praten-over-kwetsbaarheid");
    assert_eq!(found[0].0, expected, "{found:?}");
    assert!(found[0].1.contains("Openheid"), "{found:?}");
    assert!(found[0].2.contains("kwetsbaarheid"), "marked: {found:?}");
    let status = b.eval(tab, "document.getElementById('search-status').textContent");
    assert_eq!(
        status,
        if found.len() == 1 {
            json!("1 resultaat")
        } else {
            json!(format!("{} resultaten", found.len()))
        }
    );

    // Keyboard: ArrowDown selects the first result, Enter follows it.
    b.key(tab, "ArrowDown", "ArrowDown", 40, None);
    let sel = b.eval(
        tab,
        "[document.getElementById('search-input').getAttribute('aria-activedescendant'), \
          document.querySelector('[aria-selected=true]') && document.querySelector('[aria-selected=true]').id].join(' ')",
    );
    assert_eq!(sel, "search-result-0 search-result-0");
    b.key(tab, "Enter", "Enter", 13, Some("\r"));
    b.wait_for(
        tab,
        &format!(
            "location.href === {} && document.readyState === 'complete'",
            json!(expected)
        ),
    );
    assert_eq!(
        b.eval(tab, "document.querySelector('h1').textContent.trim()"),
        "Openheid"
    );
}

/// Dutch stemming and prefixes (a plural, a diminutive, a word being
/// typed), and a page not translated yet, marked as in English.
fn stems_prefixes_and_fallbacks_are_found(b: &mut cdp::Browser, tab: &cdp::Tab, base: &str) {
    search(b, tab, "kwetsbaarheden");
    assert!(results(b, tab)[0]
        .0
        .ends_with("nl/intro/disclosure.html#praten-over-kwetsbaarheid"));
    search(b, tab, "werkplek");
    let found = results(b, tab);
    assert!(
        found
            .iter()
            .any(|r| r.0.ends_with("nl/intro/workplace.html#aanpassingen") && r.2 == "werkplekje"),
        "werkplekje is found by its prefix: {found:?}"
    );
    search(b, tab, "openh");
    assert!(results(b, tab)[0].0.ends_with("nl/intro/disclosure.html"));

    // A page that is not translated yet is found, marked as in English.
    search(b, tab, "statement");
    let found = results(b, tab);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, format!("{base}nl/toolkit/line-up.html#steps"));
    assert!(found[0].1.contains("oorspronkelijke tekst"), "{found:?}");
}

/// Nothing found: the message is outside the list; Escape closes it.
fn nothing_found_and_escape(b: &mut cdp::Browser, tab: &cdp::Tab) {
    search(b, tab, "xyzzy");
    assert_eq!(
        b.eval(
            tab,
            "[document.querySelector('.search-message').textContent, \
              document.getElementById('search-input').getAttribute('aria-expanded'), \
              document.querySelectorAll('#search-results > :not([role=option])').length].join(' ')"
        ),
        "Geen resultaten false 0",
        "the message is outside the listbox, which is not shown"
    );
    b.key(tab, "Escape", "Escape", 27, None);
    assert_eq!(
        b.eval(tab, "[document.getElementById('search-input').getAttribute('aria-expanded'), document.querySelector('.search-panel').hidden].join(' ')"),
        "false true"
    );
}
