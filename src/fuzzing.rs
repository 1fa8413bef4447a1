//! Entry points for the fuzz targets in `fuzz/` and the test that replays
//! `fuzz/regressions/` on a stable toolchain (tests/testsuite/hostile.rs). Each takes
//! any bytes, runs them through equil's own code, and panics only when an
//! invariant is broken (a panic inside is a bug either way).

use std::path::PathBuf;

use crate::load::locales::{strings_from_files, FtlFile};
use crate::render::links::{classify, relative, Target};
use crate::render::markdown::{parse, to_html, HtmlOptions, LinkRewriter};

/// Front matter and YAML: a page, or diagnostics inside the file.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.lines().count().max(1) + 1;
    match crate::load::content::parse_text(
        "en".into(),
        "m/p.md".into(),
        PathBuf::from("p.md"),
        text,
    ) {
        Ok(doc) => {
            assert!(doc.body_line >= 1);
            let _ = crate::load::yaml::set_scalar_line(text, "source_hash", &doc.hash);
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in diags {
                if let Some(line) = d.line {
                    assert!(line >= 1 && line <= lines, "line {line} of {lines}: {d:?}");
                }
            }
        }
    }
}

/// Fluent loading: strings and diagnostics inside the file; formatting
/// any message works.
pub fn fluent(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diags = Vec::new();
    let lines = text.lines().count().max(1) + 1;
    let file = FtlFile {
        path: PathBuf::from("main.ftl"),
        name: "main.ftl".into(),
        text: text.to_string(),
    };
    let strings = strings_from_files("pl", vec![file], &mut diags);
    for d in &diags {
        let line = d.line.unwrap_or(1);
        assert!(line >= 1 && line <= lines, "line {line} of {lines}");
    }
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("count", 5);
    args.set("minutes", 1);
    args.set("name", "Anna");
    for id in strings.ids.iter().take(20) {
        let _ = strings.format(id, Some(&args));
        let _ = strings.format(id, None);
    }
}

/// Fluent nesting: the first two bytes give a depth, the rest a message
/// body; the message is that body inside that many placeables.
pub fn fluent_nesting(data: &[u8]) {
    let [a, b, rest @ ..] = data else { return };
    let depth = usize::from(u16::from_le_bytes([*a, *b]));
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let text = format!("m = {}{body}{}\n", "{ ".repeat(depth), " }".repeat(depth));
    fluent(text.as_bytes());
}

/// Rewrites links like the site does, for a page at `en/m/p.html`.
struct Links;

impl LinkRewriter for Links {
    fn rewrite(&self, dest: &str, _image: bool) -> String {
        match classify("m/p.md", dest) {
            Target::External => dest.to_string(),
            Target::Anchor(f) => format!("#{f}"),
            Target::Page { rel, .. } => relative(
                "en/m/p.html",
                &format!("en/{}", rel.replace(".md", ".html")),
            ),
            Target::Asset { rel, .. } => relative("en/m/p.html", &format!("en/{rel}")),
            Target::Glossary(id) => format!("../glossary.html#{id}"),
            Target::Unsafe(_) => "#".to_string(),
        }
    }
}

/// Markdown with link rewriting and sanitising: no link leaves the site or
/// runs script.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse(text, 1);
    for l in &parsed.links {
        assert!(l.line >= 1);
    }
    let titles = crate::render::markdown::english_callout_titles();
    let sanitizer = crate::render::sanitize::builder(&["www.youtube-nocookie.com".to_string()]);
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
    // The real tags (text has `<` escaped, so every `<` opens a tag).
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or("").to_ascii_lowercase())
    {
        assert!(!tag.starts_with("script"), "script in {html}");
        for attr in [" href=\"", " src=\""] {
            for (i, _) in tag.match_indices(attr) {
                let value = &tag[i + attr.len()..];
                assert!(!value.starts_with("javascript:"), "script URL in {html}");
                // No absolute site paths (`//host` links are external).
                assert!(
                    !value.starts_with('/') || value.starts_with("//"),
                    "absolute link in {html}"
                );
            }
        }
        let handler = tag
            .split_whitespace()
            .skip(1)
            .any(|a| a.starts_with("on") && a.contains('='));
        assert!(!handler, "event handler in {html}");
    }
}

/// Templates: the input is up to four templates (`a.html` … `d.html`)
/// separated by `\n----\n`, which may include, extend, import and call
/// each other. Those that compile and pass the loop check render.
pub fn templates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let names = ["a.html", "b.html", "c.html", "d.html"];
    let sources: Vec<(String, String)> = text
        .split("\n----\n")
        .zip(names)
        .map(|(s, n)| (n.to_string(), s.to_string()))
        .collect();
    let mut tera = tera::Tera::default();
    if tera.add_raw_templates(sources.clone()).is_err() {
        return;
    }
    let by_name = sources.iter().cloned().collect();
    if crate::render::template_graph::check(&tera, &by_name).is_err() {
        return;
    }
    // Loops over huge ranges are slow, not wrong: leave them out.
    if text.contains("range") {
        return;
    }
    let mut ctx = tera::Context::new();
    ctx.insert("items", &[1, 2, 3]);
    ctx.insert("title", "A <title>");
    for (name, _) in &sources {
        let _ = tera.render(name, &ctx);
    }
}

/// PDF reading: any bytes give a document or an error.
pub fn pdf(data: &[u8]) {
    if let Ok(doc) = crate::pdf::reader::Pdf::parse(data) {
        let pages = doc.pages().len();
        for page in doc.destinations().values() {
            assert!(*page >= 1 && *page <= pages);
        }
        let _ = doc.outline();
        let _ = doc.link_uris();
    }
}
