//! Markdown rendering with our link rewriting and sanitising: any text must
//! render, and no link may point outside the site or run script.
#![no_main]

use libfuzzer_sys::fuzz_target;

use equil::render::links::{classify, relative, Target};
use equil::render::markdown::{parse, to_html, HtmlOptions, LinkRewriter};

/// Rewrites like the site does, for a page at `en/m/p.html`.
struct Links;

impl LinkRewriter for Links {
    fn rewrite(&self, dest: &str, _image: bool) -> String {
        match classify("m/p.md", dest) {
            Target::External => dest.to_string(),
            Target::Anchor(f) => format!("#{f}"),
            Target::Page { rel, .. } => relative("en/m/p.html", &format!("en/{}", rel.replace(".md", ".html"))),
            Target::Asset { rel, .. } => relative("en/m/p.html", &format!("en/{rel}")),
            Target::Unsafe(_) => "#".to_string(),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = parse(text, 1);
    for l in &parsed.links {
        assert!(l.line >= 1);
    }
    let titles = ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from);
    let sanitizer = equil::render::sanitize::builder(&["www.youtube-nocookie.com".to_string()]);
    let html = to_html(
        &parsed,
        &HtmlOptions {
            links: &Links,
            id_prefix: "ch-x--",
            callout_titles: &titles,
            titles_lang: Some("nl"),
            lang: "da",
            heading_shift: 1,
            sanitizer: Some(&sanitizer),
        },
    );
    // Inspect the real tags (text has `<` escaped, so every `<` opens a tag).
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("").to_ascii_lowercase()) {
        assert!(!tag.starts_with("script"), "script in {html}");
        for attr in [" href=\"", " src=\""] {
            for (i, _) in tag.match_indices(attr) {
                let value = &tag[i + attr.len()..];
                assert!(!value.starts_with("javascript:"), "script URL in {html}");
                // No absolute site paths (protocol-relative `//host` links are external).
                assert!(!value.starts_with('/') || value.starts_with("//"), "absolute link in {html}");
            }
        }
        assert!(!tag.contains(" on") || !has_handler(&tag), "event handler in {html}");
    }
});

/// `onclick=` and the like among a tag's attributes.
fn has_handler(tag: &str) -> bool {
    tag.split_whitespace().skip(1).any(|a| a.starts_with("on") && a.contains('='))
}
