//! Raw HTML written in a page, read just enough to treat it like Markdown:
//! the start tags and their attributes, so that `<a href>`/`<img src>` are
//! checked and rebased like Markdown links, `id`/`name` count as anchors,
//! and in print documents `id`, `name` and `for` get the chapter's prefix.

use std::ops::Range;

use crate::render::sanitize::tags;

/// Whether `attr` of `tag` holds an address equil resolves like a Markdown link.
pub fn is_link(tag: &str, attr: &str) -> bool {
    matches!(
        (tag, attr),
        ("a", "href")
            | ("img", "src")
            | ("source" | "video" | "audio", "src")
            | ("video", "poster")
    )
}

/// Whether `attr` of `tag` names an anchor a link can point at.
pub fn is_anchor(tag: &str, attr: &str) -> bool {
    attr == "id" || (tag == "a" && attr == "name")
}

/// Whether `attr` of `tag` refers to an id (prefixed with it in print).
fn is_id_ref(tag: &str, attr: &str) -> bool {
    is_anchor(tag, attr) || (tag == "label" && attr == "for")
}

/// Rewrites the addresses and ids of raw HTML: `link(tag, value)` gives the
/// new address, `prefix` goes before every id, `name` and `for`.
pub fn rewrite(html: &str, link: &dyn Fn(&str, &str) -> String, prefix: &str) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for tag in tags(html) {
        for a in tag.attrs {
            let Some(range) = a.range else { continue };
            let new = if is_link(&tag.name, &a.name) {
                link(&tag.name, &a.value)
            } else if is_id_ref(&tag.name, &a.name) && !prefix.is_empty() {
                format!("{prefix}{}", a.value)
            } else {
                continue;
            };
            if new != a.value {
                edits.push((range, crate::escape::html(&new)));
            }
        }
    }
    if edits.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 16 * edits.len());
    let mut last = 0;
    for (range, value) in edits {
        out.push_str(&html[last..range.start]);
        out.push_str(&value);
        last = range.end;
    }
    out.push_str(&html[last..]);
    out
}

/// The tags GitHub's tag filter disarms (GFM spec, "Disallowed Raw HTML"):
/// in a browser they turn what follows them into plain text. `<script>`,
/// `<style>` and `<iframe>` are left to the sanitiser (which removes them,
/// or keeps embeds from allowed hosts).
const FILTERED: [&str; 6] = [
    "title",
    "textarea",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
];

/// `<title>` → `&lt;title>` (and the end tags), for the tags in [`FILTERED`].
pub fn tag_filter(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut hits = Vec::new();
    for (i, _) in lower.match_indices('<') {
        let rest = lower[i + 1..].strip_prefix('/').unwrap_or(&lower[i + 1..]);
        for name in FILTERED {
            if let Some(after) = rest.strip_prefix(name) {
                if after.is_empty() || after.starts_with(['>', '/', ' ', '\t', '\n', '\r']) {
                    hits.push(i);
                }
            }
        }
    }
    if hits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + 3 * hits.len());
    let mut last = 0;
    for i in hits {
        out.push_str(&html[last..i]);
        out.push_str("&lt;");
        last = i + 1;
    }
    out.push_str(&html[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_ids_are_rewritten() {
        let html = r#"<label for="cb1"><input id="cb1" type="checkbox"> <a href="a.md?x=1&amp;y=2">A</a></label><img src='p.png'>"#;
        let out = rewrite(
            html,
            &|tag, v| format!("{tag}:{}", v.replace(".md", ".html")),
            "ch-1--",
        );
        assert_eq!(
            out,
            r#"<label for="ch-1--cb1"><input id="ch-1--cb1" type="checkbox"> <a href="a:a.html?x=1&amp;y=2">A</a></label><img src='img:p.png'>"#
        );
    }

    #[test]
    fn tag_filter_disarms_title() {
        assert_eq!(
            tag_filter("<title>x</title> <titles>").as_deref(),
            Some("&lt;title>x&lt;/title> <titles>")
        );
        assert!(tag_filter("<p>ok</p>").is_none());
    }
}
