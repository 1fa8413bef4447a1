//! Checks of the files copied from `content/` beside the pages: none may
//! run code in a reader's browser (unless the site trusts its authors), and
//! none may take the place of a file equil generates.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Site;

/// Extensions of files a browser runs or renders as a document of the site.
const ACTIVE: &[&str] = &["html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "swf"];

/// Errors for assets that could run code: HTML and scripts, and SVG images
/// with scripts, event handlers or `javascript:` links. Sites whose authors
/// are all trusted (`trust_html: true`) may publish them.
pub fn active(site: &Site) -> Vec<Diagnostic> {
    if site.config.trust_html {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for tree in &site.trees {
        for source in tree.assets.values() {
            if !seen.insert(source.clone()) {
                continue; // a fallback asset appears in every language
            }
            if let Some(why) = why_active(source) {
                out.push(
                    Diagnostic::error(
                        Code::ActiveAsset,
                        format!("this file could run code in readers' browsers ({why}); it is not published"),
                    )
                    .at(crate::render::problems::shown(&site.root, source))
                    .help("write the page in Markdown, or save the image without scripts; set `trust_html: true` in site.yaml only if every author is trusted"),
                );
            }
        }
    }
    out
}

/// Why the file at `path` is active, if it is.
fn why_active(path: &Path) -> Option<String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ACTIVE.contains(&ext.as_str()) {
        return Some(format!("a .{ext} file"));
    }
    if ext != "svg" {
        return None;
    }
    let text = std::fs::read(path).ok()?;
    let lower = String::from_utf8_lossy(&text).to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("an SVG image with a <script>".into());
    }
    if lower.contains("javascript:") {
        return Some("an SVG image with a javascript: link".into());
    }
    if lower.contains("<foreignobject") {
        return Some("an SVG image with embedded HTML (<foreignObject>)".into());
    }
    if has_event_handler(&lower) {
        return Some("an SVG image with an event handler such as onload=".into());
    }
    None
}

/// Whether the (lower-cased) markup has an `on…=` attribute inside a tag.
fn has_event_handler(lower: &str) -> bool {
    lower
        .split('<')
        .skip(1)
        .map(|tag| tag.split('>').next().unwrap_or(""))
        .any(tag_has_handler)
}

/// Whether the inside of one tag (`svg onload="…"`) has an `on…=` attribute.
fn tag_has_handler(tag: &str) -> bool {
    let b = tag.as_bytes();
    tag.match_indices("on").any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| b[j]);
        if !matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return false;
        }
        let rest = &b[i + 2..];
        let name_len = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        name_len > 0
            && rest[name_len..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|&c| c == b'=')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_handlers_are_found_and_words_are_not() {
        assert!(has_event_handler(r#"<svg onload="x()">"#));
        assert!(has_event_handler("<svg><a\nonclick = 'x'>"));
        assert!(!has_event_handler("<svg><text>button one = 1</text>"));
        assert!(!has_event_handler(r#"<svg font="mono=1">"#));
    }
}
