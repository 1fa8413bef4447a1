//! Link resolution: what a destination written in Markdown points to and
//! the relative URL to write for it (whether it exists is checked in
//! [`crate::check::links`]).

use std::collections::HashMap;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet};

use crate::model::Tree;

use super::markdown::{GlossaryLink, LinkRewriter};
use crate::load::glossary::Glossaries;

/// What a Markdown link destination refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, `mailto:` and the like: left as written.
    External,
    /// `#anchor` on the same page.
    Anchor(String),
    /// Another page (or a module overview), by identity, maybe with `#anchor`.
    Page {
        rel: String,
        fragment: Option<String>,
    },
    /// A file beside the pages (image, PDF), by its path in the language tree.
    Asset {
        rel: String,
        fragment: Option<String>,
    },
    /// A glossary term, `glossary:id`.
    Glossary(String),
    /// A path that would leave the site, or an absolute path.
    Unsafe(String),
}

/// Classifies `dest`, written in the page with identity `doc_rel`.
pub fn classify(doc_rel: &str, dest: &str) -> Target {
    let dest = dest.trim();
    if dest.is_empty() {
        return Target::Anchor(String::new());
    }
    if let Some(f) = dest.strip_prefix('#') {
        return Target::Anchor(percent_decode(f));
    }
    if let Some(id) = dest.strip_prefix("glossary:") {
        return Target::Glossary(id.trim().to_string());
    }
    if let Some(t) = scheme_target(dest) {
        return t;
    }
    if dest.starts_with("//") {
        return Target::External;
    }
    if dest.starts_with('/') {
        return Target::Unsafe(
            "absolute paths do not work when the site is opened from a folder; use a relative link"
                .into(),
        );
    }
    relative_target(doc_rel, dest)
}

/// The target of a destination with a URL scheme (`https:`, `mailto:`):
/// external, or unsafe for `file:` and scripts. `None` without a scheme.
fn scheme_target(dest: &str) -> Option<Target> {
    if let Some(scheme_end) = dest.find(':') {
        let scheme = &dest[..scheme_end];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !scheme.contains('/')
        {
            let lower = scheme.to_ascii_lowercase();
            if matches!(lower.as_str(), "file" | "javascript" | "vbscript") {
                return Some(Target::Unsafe(format!(
                    "`{scheme}:` links are not allowed in content"
                )));
            }
            return Some(Target::External);
        }
    }
    None
}

/// The page or file a relative destination points to from the page with
/// identity `doc_rel` (a folder means its `_index.md`).
fn relative_target(doc_rel: &str, dest: &str) -> Target {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (dest, None),
    };
    // The query (`doc.pdf?x=1`) is not part of the file's name.
    let path = path.split('?').next().unwrap_or("");
    let path = percent_decode(path);
    let base: Vec<&str> = doc_rel.split('/').collect();
    let mut parts: Vec<String> = base[..base.len() - 1]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Unsafe(format!(
                        "`{dest}` points outside the language's content folder"
                    ));
                }
            }
            s => parts.push(s.to_string()),
        }
    }
    let joined = parts.join("/");
    let is_dir = path.is_empty() || path.ends_with('/') || path == "." || path.ends_with("/.");
    if is_dir {
        let rel = if joined.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{joined}/_index.md")
        };
        return Target::Page { rel, fragment };
    }
    if joined.ends_with(".md") {
        return Target::Page {
            rel: joined,
            fragment,
        };
    }
    Target::Asset {
        rel: joined,
        fragment,
    }
}

/// [`classify`], knowing whether the destination is an image's: `data:`
/// addresses are only for images.
pub fn classify_link(doc_rel: &str, dest: &str, image: bool) -> Target {
    let t = dest.trim_start();
    let data = t.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"));
    if data && !image {
        return Target::Unsafe("`data:` links are only allowed for images".into());
    }
    classify(doc_rel, dest)
}

/// The query of a relative destination, with its `?` (`doc.pdf?x=1#p=2` → `?x=1`).
fn query(dest: &str) -> &str {
    let before = dest.split('#').next().unwrap_or(dest);
    before.find('?').map_or("", |i| &before[i..])
}

/// Resolves an asset-looking path that is really a page (`module`, `x.html`).
pub fn as_page<'a>(tree: &'a Tree, rel: &str) -> Option<(String, &'a String)> {
    let candidates = [
        format!("{rel}/_index.md"),
        rel.strip_suffix(".html")
            .map(|s| format!("{s}.md"))
            .unwrap_or_default(),
    ];
    candidates
        .into_iter()
        .find_map(|c| tree.outputs.get(&c).map(|o| (c, o)))
}

/// The relative URL from the output file `from` to the output path `to`.
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = match from.rsplit_once('/') {
        Some((d, _)) => d.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    encode_path(&out)
}

/// The glossary page's output path in `lang`.
pub fn glossary_output(lang: &str) -> String {
    format!("{lang}/glossary.html")
}

/// The relative path from the output file `from` up to the output root (`../../`).
pub fn to_root(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The ASCII characters `%xx`-encoded in the paths equil writes: those that
/// would end a path (`?`, `#`) or an attribute, or be read as an escape.
const PATH_ESCAPES: &AsciiSet = &AsciiSet::EMPTY
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?');

/// A path as written in an `href`: space, `"`, `#`, `%`, `<`, `>` and `?`
/// encoded; other characters (also letters beyond ASCII) stay as written.
pub fn encode_path(s: &str) -> String {
    encode_ascii(s, PATH_ESCAPES)
}

/// `s` with the ASCII characters of `set` `%xx`-encoded and every other
/// character as written (an IRI, as browsers show it: `ø` stays `ø`).
pub fn encode_ascii(s: &str, set: &'static AsciiSet) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        out.extend(utf8_percent_encode(&rest[..ascii], set));
        let other = rest[ascii..]
            .find(|c: char| c.is_ascii())
            .map_or(rest.len(), |n| ascii + n);
        out.push_str(&rest[ascii..other]);
        rest = &rest[other..];
    }
    out
}

/// `%xx` decoding; the text as written when the result is not UTF-8.
fn percent_decode(s: &str) -> String {
    match percent_decode_str(s).decode_utf8() {
        Ok(d) => d.into_owned(),
        Err(_) => s.to_string(),
    }
}

/// The pages that share one print document, and where links out of it go.
#[derive(Debug, Clone, Default)]
pub struct PrintScope {
    /// Identity → chapter id, for every page in the document.
    pub chapters: HashMap<String, String>,
    /// The published site (`https://…/`): links to pages and files outside
    /// the document point there, so that they also work in a PDF.
    pub base_url: Option<String>,
}

/// Rewrites links for HTML written to `from` in `tree`.
pub struct TreeLinks<'a> {
    pub tree: &'a Tree,
    /// Identity of the page the links were written in.
    pub doc_rel: &'a str,
    /// Output path the HTML is written to.
    pub from: &'a str,
    /// In a print document: the pages it contains, and the current chapter's id prefix.
    pub print: Option<(&'a PrintScope, &'a str)>,
    /// The site's glossaries (for `glossary:` links).
    pub glossary: &'a Glossaries,
}

impl LinkRewriter for TreeLinks<'_> {
    fn rewrite(&self, dest: &str, image: bool) -> String {
        let q = query(dest);
        let with_fragment = |url: String, fragment: &Option<String>| match fragment {
            Some(f) if !f.is_empty() => format!("{url}{q}#{f}"),
            _ => format!("{url}{q}"),
        };
        match classify_link(self.doc_rel, dest, image) {
            Target::External => dest.to_string(),
            // Reported as an error; never written into a page.
            Target::Unsafe(_) => "#".to_string(),
            Target::Anchor(f) => match self.print {
                Some((_, prefix)) => format!("#{prefix}{f}"),
                None => format!("#{f}"),
            },
            Target::Glossary(id) => {
                let out = glossary_output(&self.tree.lang);
                format!("{}#{id}", self.site_url(&out, false))
            }
            Target::Page { rel, fragment } => match self.page_url(&rel, &fragment) {
                // `page.md?x=1#a` → `page.html?x=1#a` (not inside a print document).
                Some(url) if !q.is_empty() && !url.starts_with('#') => {
                    let (base, frag) = url.split_once('#').unwrap_or((&url, ""));
                    let frag = if frag.is_empty() {
                        String::new()
                    } else {
                        format!("#{frag}")
                    };
                    format!("{base}{q}{frag}")
                }
                Some(url) => url,
                None => dest.to_string(),
            },
            Target::Asset { rel, fragment } => {
                if let Some(out) = self.tree.asset_outputs.get(&rel) {
                    return with_fragment(self.site_url(out, image), &fragment);
                }
                match as_page(self.tree, &rel) {
                    Some((page, _)) => self
                        .page_url(&page, &fragment)
                        .unwrap_or_else(|| dest.to_string()),
                    None => dest.to_string(),
                }
            }
        }
    }

    fn glossary(&self, dest: &str) -> Option<GlossaryLink> {
        let id = dest.trim().strip_prefix("glossary:")?.trim();
        if self.print.is_some() {
            return Some(GlossaryLink::Plain);
        }
        let (term, fallback) = self.glossary.term(&self.tree.lang, id)?;
        Some(GlossaryLink::Tip {
            href: self.rewrite(dest, false),
            definition: super::markdown::inline_text(&term.definition),
            lang: fallback.then(|| self.glossary.source_lang.clone()),
        })
    }

    fn print_url(&self, href: &str) -> Option<String> {
        self.print?;
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("mailto:") {
            let address = href.get(7..).unwrap_or("");
            return Some(address.split('?').next().unwrap_or(address).to_string());
        }
        if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
        {
            return Some(href.to_string());
        }
        None
    }
}

impl TreeLinks<'_> {
    /// The URL of an output file: relative, or in a print document (not for
    /// images, which are embedded) on the published site when it is known.
    fn site_url(&self, out: &str, image: bool) -> String {
        match self.print {
            Some((scope, _)) if !image => match &scope.base_url {
                Some(base) => format!("{base}{}", encode_path(out)),
                None => relative(self.from, out),
            },
            _ => relative(self.from, out),
        }
    }

    fn page_url(&self, rel: &str, fragment: &Option<String>) -> Option<String> {
        if let Some((scope, _)) = self.print {
            if let Some(chapter) = scope.chapters.get(rel) {
                return Some(match fragment {
                    Some(f) if !f.is_empty() => format!("#{chapter}--{f}"),
                    _ => format!("#{chapter}"),
                });
            }
        }
        let out = self.tree.outputs.get(rel)?;
        let url = self.site_url(out, false);
        Some(match fragment {
            Some(f) if !f.is_empty() => format!("{url}#{f}"),
            _ => url,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_paths() {
        assert_eq!(classify("m/p.md", "https://x.org"), Target::External);
        assert_eq!(classify("m/p.md", "mailto:a@b"), Target::External);
        assert_eq!(classify("m/p.md", "#x"), Target::Anchor("x".into()));
        assert_eq!(
            classify("m/p.md", "../n/q.md#h"),
            Target::Page {
                rel: "n/q.md".into(),
                fragment: Some("h".into())
            }
        );
        assert_eq!(
            classify("m/p.md", "../n/"),
            Target::Page {
                rel: "n/_index.md".into(),
                fragment: None
            }
        );
        assert_eq!(
            classify("m/_index.md", "../_index.md"),
            Target::Page {
                rel: "_index.md".into(),
                fragment: None
            }
        );
        assert_eq!(
            classify("m/p.md", "img/a%20b.png"),
            Target::Asset {
                rel: "m/img/a b.png".into(),
                fragment: None
            }
        );
        assert!(matches!(
            classify("m/p.md", "../../../etc/passwd"),
            Target::Unsafe(_)
        ));
        assert!(matches!(
            classify("m/p.md", "/etc/passwd"),
            Target::Unsafe(_)
        ));
        assert!(matches!(
            classify("m/p.md", "file:///etc/passwd"),
            Target::Unsafe(_)
        ));
        assert!(matches!(
            classify("m/p.md", "javascript:alert(1)"),
            Target::Unsafe(_)
        ));
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative("nl/m/p.html", "nl/n/q.html"), "../n/q.html");
        assert_eq!(relative("nl/m/p.html", "nl/m/q.html"), "q.html");
        assert_eq!(relative("nl/index.html", "nl/m/index.html"), "m/index.html");
        assert_eq!(relative("nl/m/p.html", "en/m/p.html"), "../../en/m/p.html");
        assert_eq!(relative("index.html", "static/a b.css"), "static/a%20b.css");
        assert_eq!(to_root("nl/m/p.html"), "../../");
    }

    #[test]
    fn paths_encode_only_what_would_break_them() {
        assert_eq!(
            encode_path("a b/ø-ü?#%\"<>\t.html"),
            "a%20b/ø-ü%3F%23%25%22%3C%3E\t.html"
        );
        assert_eq!(encode_path("ü"), "ü");
        assert_eq!(percent_decode("a%20b%C3%BC%zz%"), "a bü%zz%");
        assert_eq!(percent_decode("%FF"), "%FF");
    }
}
