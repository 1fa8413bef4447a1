//! Reading built HTML: selectors, attributes and text.

pub use scraper::{Html, Selector};

/// A parsed CSS selector; panics on a typo in the test.
pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// All values of `attr` on elements matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Text of the first element matching `selector`.
pub fn text(doc: &Html, selector: &str) -> Option<String> {
    doc.select(&sel(selector))
        .next()
        .map(|e| e.text().collect::<String>())
}

/// Text of the first element matching `selector`, trimmed ("" if none).
pub fn text_of(doc: &Html, selector: &str) -> String {
    text(doc, selector).unwrap_or_default().trim().to_string()
}

/// Text of every element matching `selector`, with runs of white space
/// made one space and the ends trimmed.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A URL path with its `%XX` escapes decoded (panics on bytes that are not UTF-8).
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .into_owned()
}

/// The file a relative link `href` (its `#fragment` dropped) on the page at
/// `from` (a path in the output, `/`-separated) leads to.
pub fn resolve_href(from: &str, href: &str) -> String {
    let path = href.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}
