//! The XHTML of an e-book: one file per chapter (a page of the site), with
//! links between chapters rewritten to the book's own files, images taken
//! into the book, and links out of it pointing to the published site.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use fluent_bundle::FluentArgs;
use percent_encoding::AsciiSet;

use crate::model::{Site, Tree};
use crate::render::links::{as_page, classify, encode_ascii, Target};
use crate::render::markdown::LinkRewriter;

/// Image types an EPUB 3 reading system must support, by file extension.
pub fn image_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// Rewrites the links of one chapter.
pub struct BookLinks<'a> {
    pub site: &'a Site,
    pub tree: &'a Tree,
    /// Identity of the page the links were written in.
    pub doc_rel: &'a str,
    /// Identity → file name of every chapter in the book.
    pub chapters: &'a HashMap<String, String>,
    /// Images used so far: file in the book → source file.
    pub images: &'a Mutex<BTreeMap<String, PathBuf>>,
}

impl BookLinks<'_> {
    /// Where a link to a page outside the book goes: the published site, or
    /// (without a base URL) the book's title page.
    fn outside(&self, output: Option<&String>) -> String {
        match (&self.site.config.base_url, output) {
            (Some(base), Some(out)) => format!("{base}{out}"),
            _ => "title.xhtml".to_string(),
        }
    }

    fn page(&self, rel: &str, fragment: &Option<String>) -> String {
        match self.chapters.get(rel) {
            Some(file) => match fragment {
                Some(f) if !f.is_empty() => format!("{file}#{}", attr_escape_fragment(f)),
                _ => file.clone(),
            },
            None => self.outside(self.tree.outputs.get(rel)),
        }
    }
}

/// The characters of a fragment `%xx`-encoded in an `href`.
const FRAGMENT_ESCAPES: &AsciiSet = &AsciiSet::EMPTY.add(b' ').add(b'"').add(b'#');

/// A fragment as written in an `href` (percent-encoding spaces and the like).
fn attr_escape_fragment(f: &str) -> String {
    encode_ascii(f, FRAGMENT_ESCAPES)
}

impl LinkRewriter for BookLinks<'_> {
    /// Glossary terms are plain words in a book (as on paper).
    fn glossary(&self, dest: &str) -> Option<crate::render::markdown::GlossaryLink> {
        dest.trim()
            .starts_with("glossary:")
            .then_some(crate::render::markdown::GlossaryLink::Plain)
    }

    fn rewrite(&self, dest: &str, _image: bool) -> String {
        match classify(self.doc_rel, dest) {
            Target::External => {
                let lower = dest.to_ascii_lowercase();
                let web = ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|s| lower.starts_with(s));
                if web {
                    dest.to_string()
                } else {
                    self.outside(None)
                }
            }
            Target::Unsafe(_) | Target::Glossary(_) => self.outside(None),
            Target::Anchor(f) if f.is_empty() => self.outside(None),
            Target::Anchor(f) => format!("#{}", attr_escape_fragment(&f)),
            Target::Page { rel, fragment } => self.page(&rel, &fragment),
            Target::Asset { rel, fragment } => {
                if let Some(out) = self.tree.asset_outputs.get(&rel) {
                    if let (Some(_), Some(source)) = (image_type(&rel), self.tree.assets.get(out)) {
                        let file = format!("images/{}", rel);
                        if let Ok(mut images) = self.images.lock() {
                            images.insert(file.clone(), source.clone());
                        }
                        return file;
                    }
                    // Other files (PDF, documents) are not part of a book.
                    return self.outside(Some(out));
                }
                match as_page(self.tree, &rel) {
                    Some((page, _)) => self.page(&page, &fragment),
                    None => self.outside(None),
                }
            }
        }
    }
}

/// Escapes text for XHTML.
pub use crate::escape::html as esc;

/// HTML from the Markdown renderer made well-formed XML: void elements
/// closed and named entities XML does not know written as numbers (only
/// sanitised raw HTML can have them; pulldown-cmark's own output is XHTML).
pub fn to_xml(html: &str) -> String {
    const VOID: [&str; 10] = [
        "br", "hr", "img", "input", "col", "wbr", "source", "track", "area", "embed",
    ];
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if VOID.contains(&name.as_str()) && !tag.ends_with("/>") {
            out.push_str(&tag[..tag.len() - 1]);
            out.push_str("/>");
        } else {
            out.push_str(tag);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", "&#160;")
        .replace("&shy;", "&#173;")
        .replace("&copy;", "&#169;")
}

/// A complete XHTML content document.
pub fn document(lang: &str, dir: &str, title: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{l}\" lang=\"{l}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n<body>\n{body}</body>\n</html>\n",
        l = esc(lang),
        t = esc(title),
    )
}

/// The cover image: the title on the handbook's blue, as SVG.
pub fn cover_svg(site_title: &str, title: &str, rtl: bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in title.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= 18 => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    let (x, extra) = if rtl {
        (550, " direction=\"rtl\"")
    } else {
        (50, "")
    };
    let mut text = String::new();
    for (i, l) in lines.iter().take(8).enumerate() {
        text.push_str(&format!(
            "<text x=\"{x}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"46\" font-weight=\"bold\" fill=\"#ffffff\"{extra}>{}</text>",
            330 + i * 58,
            esc(l)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"900\" viewBox=\"0 0 600 900\"><rect width=\"600\" height=\"900\" fill=\"#1f5f8b\"/><rect y=\"760\" width=\"600\" height=\"140\" fill=\"#174a6d\"/><text x=\"{x}\" y=\"150\" font-family=\"sans-serif\" font-size=\"64\" font-weight=\"bold\" fill=\"#ffffff\"{extra}>{}</text>{text}</svg>\n",
        esc(site_title)
    )
}

/// A message of the book's language (falling back to the source language).
pub fn message(site: &Site, lang: &str, key: &str, args: Option<&FluentArgs>) -> String {
    site.locales
        .get(lang)
        .and_then(|l| l.format(key, args))
        .or_else(|| {
            site.locales
                .get(&site.source_lang)
                .and_then(|l| l.format(key, args))
        })
        .unwrap_or_else(|| key.to_string())
        .replace(['\u{2068}', '\u{2069}'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_well_formed_xml() {
        assert_eq!(
            to_xml("<p>a<br>b&nbsp;<img src=\"x.png\" alt=\"\"><br/></p>"),
            "<p>a<br/>b&#160;<img src=\"x.png\" alt=\"\"/><br/></p>"
        );
        assert_eq!(image_type("a/B.PNG"), Some("image/png"));
        assert_eq!(image_type("a.webp"), None);
    }
}
