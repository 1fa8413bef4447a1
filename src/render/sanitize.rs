//! Raw HTML in Markdown is sanitised (ammonia) unless `site.yaml` trusts it:
//! content may use `<details>`, `<kbd>`, figures and video embeds from the
//! allowed hosts, but never scripts or event handlers.
//!
//! Raw HTML itself lives here too: [`RawHtml`] (a fragment of a page, where
//! it was written) and [`tags`], the reader of its start tags that the
//! Markdown stage uses to check and rebase addresses and ids.

use std::collections::HashSet;
use std::ops::Range;

use ammonia::{Builder, UrlRelative};

use crate::diagnostics::{Code, Diagnostic};

/// The sanitiser for a site's content, built once.
pub fn builder(embed_hosts: &[String]) -> Builder<'static> {
    let mut b = Builder::default();
    b.add_tags([
        "details",
        "summary",
        "kbd",
        "figure",
        "figcaption",
        "iframe",
        "video",
        "audio",
        "source",
        "mark",
        "input",
        "label",
    ]);
    b.add_generic_attributes(["id", "class", "lang", "dir", "title", "role"]);
    b.add_tag_attributes(
        "iframe",
        ["src", "width", "height", "allowfullscreen", "loading"],
    );
    b.add_tag_attributes("video", ["src", "controls", "width", "height", "poster"]);
    b.add_tag_attributes("audio", ["src", "controls"]);
    b.add_tag_attributes("source", ["src", "type"]);
    b.add_tag_attributes("input", ["type", "checked", "disabled"]);
    b.add_tag_attributes("th", ["style"]);
    b.add_tag_attributes("td", ["style"]);
    b.add_tag_attributes("details", ["open"]);
    b.add_tag_attributes("a", ["aria-label", "name"]);
    b.add_tag_attributes("label", ["for"]);
    b.link_rel(None);
    b.url_relative(UrlRelative::PassThrough);
    let hosts: HashSet<String> = embed_hosts.iter().map(|h| h.to_ascii_lowercase()).collect();
    b.attribute_filter(
        move |element, attribute, value| match (element, attribute) {
            ("iframe", "src") => {
                let host = value
                    .strip_prefix("https://")
                    .and_then(|rest| rest.split(['/', '?', '#']).next())
                    .map(str::to_ascii_lowercase);
                match host {
                    Some(h) if hosts.contains(&h) => Some(value.into()),
                    _ => None,
                }
            }
            ("input", "type") => (value == "checkbox").then(|| value.into()),
            // Absolute site paths break from file:// and under a sub-path.
            (_, "href" | "src") if value.starts_with('/') && !value.starts_with("//") => None,
            (_, "style") => {
                let v = value.trim();
                (v.starts_with("text-align:") && !v.contains(';')
                    || v.strip_suffix(';')
                        .map(|s| s.starts_with("text-align:") && !s.contains(';'))
                        .unwrap_or(false))
                .then(|| value.into())
            }
            _ => Some(value.into()),
        },
    );
    b
}

/// Cleans rendered HTML.
pub fn clean(b: &Builder<'static>, html: &str) -> String {
    b.clean(html).to_string()
}

/// Reports raw HTML that the sanitiser will remove because it could run code,
/// and addresses in raw HTML it drops (schemes it does not know).
pub fn report(raw: &[RawHtml], path: &std::path::Path, diags: &mut Vec<Diagnostic>) {
    let schemes = Builder::default().clone_url_schemes();
    for r in raw {
        for dest in dropped_addresses(&r.html, &schemes) {
            diags.push(
                Diagnostic::warning(
                    Code::UnsafeHtml,
                    format!("the address `{dest}` in raw HTML is removed from the page"),
                )
                .at(path)
                .pos(r.line, r.column)
                .help("write the link in Markdown, `[text](address)`, which keeps any address that cannot run code"),
            );
        }
        let lower = r.html.to_ascii_lowercase();
        let script = lower.contains("<script") || lower.contains("javascript:");
        let handler = has_event_handler(&lower);
        if script || handler {
            let what = if script {
                "a script"
            } else {
                "an `on…=` event handler"
            };
            diags.push(
                Diagnostic::warning(Code::UnsafeHtml, format!("raw HTML with {what} is removed from the page"))
                    .at(path)
                    .pos(r.line, r.column)
                    .help("content cannot run code; set `trust_html: true` in site.yaml only if every author is trusted"),
            );
        }
    }
}

/// The deepest nesting of elements in raw HTML accepted (as in browsers'
/// parsers): the HTML parser's work per element grows with the depth.
pub const MAX_HTML_NESTING: usize = 512;

/// Elements that have no end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The position of the raw HTML fragment where elements first nest deeper
/// than [`MAX_HTML_NESTING`], counted over the page's fragments in order.
pub fn too_deep(raw: &[RawHtml]) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for r in raw {
        let b = r.html.as_bytes();
        let mut i = 0;
        while let Some(p) = r.html[i..].find('<') {
            let at = i + p;
            if r.html[at..].starts_with("<!--") {
                i = r.html[at..].find("-->").map_or(b.len(), |e| at + e + 3);
                continue;
            }
            let end = r.html[at..].find('>').map_or(b.len(), |e| at + e);
            let tag = &r.html[at + 1..end];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if closing {
                depth = depth.saturating_sub(1);
            } else if !name.is_empty() && !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
                depth += 1;
                if depth > MAX_HTML_NESTING {
                    return Some((r.line, r.column));
                }
            }
            i = end.max(at + 1).min(b.len());
        }
    }
    None
}

/// Reports raw HTML nested too deep to render: `at` is where, as
/// [`too_deep`] found it (a parsed page's `html_too_deep`).
pub fn report_nesting(
    at: Option<(usize, usize)>,
    path: &std::path::Path,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some((line, column)) = at {
        diags.push(
            Diagnostic::error(
                Code::TooDeep,
                format!("raw HTML elements are nested more than {MAX_HTML_NESTING} levels deep"),
            )
            .at(path)
            .pos(line, column)
            .help("close the elements you open (`</div>`), or remove the extra levels"),
        );
    }
}

/// `href`/`src` values in raw HTML with a scheme the sanitiser does not keep
/// (`javascript:` is reported as a script instead).
fn dropped_addresses(html: &str, schemes: &HashSet<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for tag in tags(html) {
        for a in tag.attrs {
            if !matches!(a.name.as_str(), "href" | "src" | "poster") {
                continue;
            }
            let v = a.value.trim();
            let Some((scheme, _)) = v.split_once(':') else {
                continue;
            };
            let is_scheme = !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
            let lower = scheme.to_ascii_lowercase();
            if is_scheme && lower != "javascript" && !schemes.contains(lower.as_str()) {
                out.push(v.to_string());
            }
        }
    }
    out
}

fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(pos) = lower[i..].find("on") {
        let at = i + pos;
        let before_ok = at > 0 && (bytes[at - 1].is_ascii_whitespace() || bytes[at - 1] == b'/');
        let name_end = lower[at + 2..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map(|n| at + 2 + n)
            .unwrap_or(lower.len());
        if before_ok && name_end > at + 2 {
            let rest = lower[name_end..].trim_start();
            if rest.starts_with('=') {
                return true;
            }
        }
        i = at + 2;
    }
    false
}

// Reading raw HTML: the start tags and their attributes, just enough to
// check and rebase addresses and ids like Markdown's (see
// `markdown::html`) and to find what the sanitiser drops.

/// Raw HTML written in the page, with its file position (for sanitising reports).
#[derive(Debug, Clone)]
pub struct RawHtml {
    pub html: String,
    pub line: usize,
    pub column: usize,
}

/// An attribute of a start tag; `range` is where its value is in the HTML
/// (`None` for an attribute without value).
#[derive(Debug, Clone)]
pub struct Attr {
    pub name: String,
    pub value: String,
    pub range: Option<Range<usize>>,
}

/// A start tag, its lower-case name and attributes.
#[derive(Debug, Clone)]
pub struct StartTag {
    pub name: String,
    pub attrs: Vec<Attr>,
}

/// The start tags of an HTML fragment, in order (comments skipped).
pub fn tags(html: &str) -> Vec<StartTag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        i += p + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        let name_end = html[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(html.len(), |e| i + e);
        if name_end == i || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let name = html[i..name_end].to_ascii_lowercase();
        let (attrs, end) = attributes(html, name_end);
        out.push(StartTag { name, attrs });
        i = end;
    }
    out
}

/// The attributes from `i` to the end of the tag, and where the tag ends.
fn attributes(html: &str, mut i: usize) -> (Vec<Attr>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (attrs, (i + 1).min(b.len()));
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= b.len() || b[j] != b'=' {
            attrs.push(Attr {
                name,
                value: String::new(),
                range: None,
            });
            continue;
        }
        j += 1;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let range = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[j + 1..].find(q as char).map_or(b.len(), |e| j + 1 + e);
                i = (end + 1).min(b.len());
                j + 1..end
            }
            _ => {
                let end = html[j..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(b.len(), |e| j + e);
                i = end;
                j..end
            }
        };
        attrs.push(Attr {
            name,
            value: unescape(&html[range.clone()]),
            range: Some(range),
        });
    }
}

/// Decodes the character references that matter in addresses and ids.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_in_every_quoting() {
        let t = tags(
            r#"<!-- <a href="no"> --><p><a href="x.md" name='n'>y</a><img src=pic.png alt><input id="cb1" disabled/>"#,
        );
        let names: Vec<_> = t.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "a", "img", "input"]);
        assert_eq!(t[1].attrs[0].value, "x.md");
        assert_eq!(t[1].attrs[1].value, "n");
        assert_eq!(t[2].attrs[0].value, "pic.png");
        assert_eq!(t[2].attrs[1].name, "alt");
        assert_eq!(t[3].attrs[0].value, "cb1");
    }

    #[test]
    fn scripts_and_handlers_go_allowed_embeds_stay() {
        let b = builder(&["www.youtube-nocookie.com".to_string()]);
        let out = clean(
            &b,
            r#"<p onclick="x()">Hi<script>alert(1)</script></p><details><summary>More</summary><kbd>Ctrl</kbd></details>"#,
        );
        assert_eq!(
            out,
            "<p>Hi</p><details><summary>More</summary><kbd>Ctrl</kbd></details>"
        );
        let out = clean(
            &b,
            r#"<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe><iframe src="https://evil.example/x"></iframe>"#,
        );
        assert!(out.contains("youtube-nocookie"), "{out}");
        assert!(!out.contains("evil"), "{out}");
        let out = clean(
            &b,
            r##"<h2 id="a" class="b"><a class="header" href="#a">A</a></h2><a href="javascript:alert(1)">x</a>"##,
        );
        assert!(
            out.starts_with(r##"<h2 id="a" class="b"><a class="header" href="#a">A</a></h2>"##),
            "{out}"
        );
        assert!(!out.contains("javascript"), "{out}");
        let out = clean(
            &b,
            r#"<a href="/etc/passwd">x</a><img src="/x.png" alt="">"#,
        );
        assert_eq!(out, r#"<a>x</a><img alt="">"#);
    }

    #[test]
    fn deep_raw_html_is_found_and_ordinary_html_passes() {
        let raw = |html: String| RawHtml {
            html,
            line: 3,
            column: 1,
        };
        let ok =
            raw("<div><!-- <div><div> --><br><img src=x><p/>".repeat(100) + &"</div>".repeat(100));
        assert_eq!(too_deep(&[ok]), None);
        let deep = raw("<div>".repeat(MAX_HTML_NESTING + 1));
        assert_eq!(too_deep(&[deep]), Some((3, 1)));
    }

    #[test]
    fn checklists_keep_their_labels_and_unknown_schemes_are_reported() {
        let b = builder(&[]);
        let html = r#"<label for="c1"><input type="checkbox" id="c1" disabled> Done</label><a name="top"></a>"#;
        assert_eq!(
            clean(&b, html),
            html.replace(" disabled>", " disabled=\"\">")
        );
        let schemes = Builder::default().clone_url_schemes();
        assert_eq!(
            dropped_addresses(
                r#"<a href="zotero://x">z</a><a href="https://x.org">y</a><a href="javascript:x">"#,
                &schemes
            ),
            ["zotero://x"]
        );
    }

    #[test]
    fn handlers_are_detected() {
        assert!(has_event_handler("<img src=x onerror=alert(1)>"));
        assert!(has_event_handler("<div onmouseover = \"x\">"));
        assert!(!has_event_handler("<p>one online</p>"));
        assert!(!has_event_handler("<a href=\"x\" data-on=\"1\">"));
    }
}
