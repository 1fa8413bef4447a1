//! The script that carries the search index of one language to the browser
//! (`window.EQUIL_SEARCH = {…}`).
//!
//! Layout of the JSON (all compact, read by `static/search.js`):
//!
//! - `v`: format version; `lang`: the language of the tree;
//! - `stop`: the folded stop words, space-separated (ignored in queries);
//! - `modules`: module titles;
//! - `docs`: `[url, title, module]` or `[url, title, module, content_lang]`
//!   for pages shown in another language (fallbacks); `url` is relative to
//!   the language folder, `module` an index into `modules` or -1;
//! - `sections`: `[doc, heading_id, heading, snippet]`; the first section of
//!   every page is its top (`heading_id` and `heading` empty); `heading_id`
//!   is also left empty when it is the heading's slug ([`slugify`]), which
//!   search.js computes the same way;
//! - `words`: one group per stem, `|`-separated: the stem, then the folded
//!   surface words that have it, space-separated; a surface word that starts
//!   with the stem is written as `~` and the rest (`werk ~en ~t`); the stem
//!   is not repeated when it is also a surface word of its own group;
//! - `postings`: per stem group, in the order of `words`, space-separated:
//!   the sections (ascending) with the term's weight there, as numbers in
//!   [`encode_number`]'s base-32 digits: for each section `2 × d + f`, where
//!   `d` is the difference to the previous section (or the section itself)
//!   and `f` is 1 when a weight other than 1 follows as the next number.

use serde::Serialize;

use super::postings::Grouped;
use super::{IndexBuilder, VERSION};
use crate::render::markdown::slugify;

#[derive(Serialize)]
struct Json<'a> {
    v: u32,
    lang: &'a str,
    stop: String,
    modules: &'a [String],
    docs: Vec<serde_json::Value>,
    sections: Vec<(usize, &'a str, &'a str, &'a str)>,
    words: String,
    postings: String,
}

impl IndexBuilder {
    /// The index as the script `search-index.js`.
    pub fn script(&self) -> String {
        let grouped = self.grouped();
        let stems = self.sorted_stems(&grouped);
        let json = Json {
            v: VERSION,
            lang: &self.lang,
            stop: self.stop.join(" "),
            modules: &self.modules,
            docs: self.docs_json(),
            sections: self.sections_json(),
            words: self.words_field(&stems),
            postings: postings_field(&grouped, &stems),
        };
        let body = serde_json::to_string(&json).unwrap_or_else(|_| "null".into());
        format!("window.EQUIL_SEARCH = {body};\n")
    }

    /// `words`: per stem (in `stems` order) the stem, then its other
    /// surface words, sorted, those starting with the stem as `~rest`.
    fn words_field(&self, stems: &[u32]) -> String {
        // Surface words of each stem other than the stem itself, sorted.
        let mut groups: Vec<Vec<&str>> = vec![Vec::new(); self.stems.len()];
        for (surface, &stem) in self.surfaces.iter().zip(&self.surface_stem) {
            if *surface != self.stems[stem as usize] {
                groups[stem as usize].push(surface);
            }
        }
        let mut words = String::new();
        for (i, &id) in stems.iter().enumerate() {
            let stem = self.stems[id as usize].as_str();
            if i > 0 {
                words.push('|');
            }
            words.push_str(stem);
            let surfaces = &mut groups[id as usize];
            surfaces.sort_unstable();
            for s in surfaces.iter() {
                words.push(' ');
                match s.strip_prefix(stem) {
                    Some(rest) => {
                        words.push('~');
                        words.push_str(rest);
                    }
                    None => words.push_str(s),
                }
            }
        }
        words
    }

    /// `docs`: `[url, title, module]`, with the content language of fallbacks.
    fn docs_json(&self) -> Vec<serde_json::Value> {
        self.docs
            .iter()
            .map(|d| {
                let module = d.module.map_or(-1, |m| m as i64);
                match &d.content_lang {
                    Some(l) => serde_json::json!([d.url, d.title, module, l]),
                    None => serde_json::json!([d.url, d.title, module]),
                }
            })
            .collect()
    }

    /// `sections`: `(doc, heading_id, heading, snippet)`, the id left empty
    /// when it is the heading's slug.
    fn sections_json(&self) -> Vec<(usize, &str, &str, &str)> {
        self.sections
            .iter()
            .map(|s| {
                let id = if !s.heading.is_empty() && s.id == slugify(&s.heading) {
                    ""
                } else {
                    s.id.as_str()
                };
                (s.doc, id, s.heading.as_str(), s.snippet.as_str())
            })
            .collect()
    }
}

/// `postings`: per stem (in `stems` order) its sections as differences,
/// each flagged when a weight other than 1 follows.
fn postings_field(grouped: &Grouped, stems: &[u32]) -> String {
    let mut postings = String::new();
    for (i, &id) in stems.iter().enumerate() {
        if i > 0 {
            postings.push(' ');
        }
        let mut prev = 0;
        for &(s, w) in grouped.of(id) {
            let flag = usize::from(w != 1);
            encode_number(&mut postings, (s - prev) * 2 + flag);
            if w != 1 {
                encode_number(&mut postings, w as usize);
            }
            prev = s;
        }
    }
    postings
}

/// Digits that end a number (values 0–31).
const LAST_DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// Digits that another digit follows (values 0–31).
const MORE_DIGITS: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@$";

/// Appends `n` in base 32, most significant digit first: one character for
/// 0–31, two up to 1023, and so on. search.js decodes it.
pub fn encode_number(out: &mut String, n: usize) {
    let mut digits = 1;
    while n >> (5 * digits) != 0 {
        digits += 1;
    }
    for i in (0..digits).rev() {
        let d = (n >> (5 * i)) & 31;
        let set = if i == 0 { LAST_DIGITS } else { MORE_DIGITS };
        out.push(set[d] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_base_32_digits() {
        let enc = |n| {
            let mut s = String::new();
            encode_number(&mut s, n);
            s
        };
        assert_eq!(enc(0), "0");
        assert_eq!(enc(31), "v");
        assert_eq!(enc(32), "x0");
        assert_eq!(enc(1023), "$v");
        assert_eq!(enc(1024), "xw0");
    }
}
