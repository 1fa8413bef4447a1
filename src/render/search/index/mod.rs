//! The search index of one language as data: pages, their sections and the
//! words in them, each word folded and stemmed once and its weights summed
//! per section. Written out as a script by `script` (its JSON layout is
//! described there), with the postings grouped by stem in `postings`.

mod postings;
mod script;
mod word_key;

pub use script::encode_number;

use rustc_hash::FxHashMap;

use super::text::{Analyzer, Term};
use word_key::WordKey;

/// Format version of the index (bump when search.js must change with it).
pub const VERSION: u32 = 1;

/// Longest snippet kept per section, in characters.
pub const SNIPPET_CHARS: usize = 120;

/// Highest weight stored for one term in one section.
const MAX_WEIGHT: u32 = 255;

/// Where a word was found; the weight ranks title > heading > summary > body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Heading,
    Summary,
    Body,
}

impl Field {
    pub fn weight(self) -> u32 {
        match self {
            Field::Title => 10,
            Field::Heading => 5,
            Field::Summary => 3,
            Field::Body => 1,
        }
    }
}

/// A page in the index.
#[derive(Debug, Clone)]
pub struct DocInfo {
    /// URL relative to the language folder (`intro/first.html`).
    pub url: String,
    pub title: String,
    /// Index into the module titles, for pages of a module.
    pub module: Option<usize>,
    /// The language of the text when it is not the tree's (fallback pages).
    pub content_lang: Option<String>,
}

/// A part of a page: its top, or the text under one heading.
#[derive(Debug, Clone)]
pub struct SectionInfo {
    pub doc: usize,
    /// Heading id to link to; empty for the top of the page.
    pub id: String,
    pub heading: String,
    /// Plain text shown under the result (shortened with [`snippet`]).
    pub snippet: String,
}

/// Collects pages, sections and the words in them.
///
/// Words are interned: every distinct word as written is analysed (folded
/// and stemmed) once per analyzer language. The weights of the section
/// being indexed are summed per stem id, then appended to one list of
/// postings, which is grouped by stem only when the script is written. The
/// script is sorted by stem and word, so the output does not depend on the
/// order of interning.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    lang: String,
    stop: Vec<String>,
    modules: Vec<String>,
    docs: Vec<DocInfo>,
    sections: Vec<SectionInfo>,
    /// Folded surface words, by id.
    surfaces: Vec<String>,
    surface_ids: FxHashMap<String, u32>,
    /// The stem of each surface word (the first stem seen wins), by surface id.
    surface_stem: Vec<u32>,
    /// Folded stems, by id.
    stems: Vec<String>,
    stem_ids: FxHashMap<String, u32>,
    /// Postings of the sections done: (stem id, section, weight), in the
    /// order they were added.
    postings: Vec<(u32, usize, u32)>,
    /// The section being indexed, the weight of each stem id in it so far
    /// (0: not in it), and the stems it has.
    current: usize,
    weights: Vec<u32>,
    touched: Vec<u32>,
    /// Per analyzer language: word as written → the stem id of its surface
    /// word, or `None` when it is not indexed.
    analysed: Vec<(String, FxHashMap<WordKey, Option<u32>>)>,
}

/// Sizes of a finished index, for reports and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub docs: usize,
    pub sections: usize,
    pub stems: usize,
    pub words: usize,
    pub postings: usize,
}

impl IndexBuilder {
    /// An empty index of `lang`, whose queries ignore `stop` (folded) words.
    pub fn new(lang: &str, stop: Vec<String>) -> IndexBuilder {
        IndexBuilder {
            lang: lang.to_string(),
            stop,
            ..IndexBuilder::default()
        }
    }

    pub fn add_module(&mut self, title: String) -> usize {
        self.modules.push(title);
        self.modules.len() - 1
    }

    pub fn add_doc(&mut self, doc: DocInfo) -> usize {
        self.docs.push(doc);
        self.docs.len() - 1
    }

    pub fn add_section(&mut self, mut section: SectionInfo) -> usize {
        section.snippet = snippet(&section.snippet, SNIPPET_CHARS);
        self.sections.push(section);
        self.sections.len() - 1
    }

    /// Indexes the words of `text` as found in `field` of `section`.
    pub fn add_text(&mut self, section: usize, analyzer: &Analyzer, text: &str, field: Field) {
        let k = match self.analysed.iter().position(|(l, _)| l == analyzer.lang()) {
            Some(k) => k,
            None => {
                self.analysed
                    .push((analyzer.lang().to_string(), FxHashMap::default()));
                self.analysed.len() - 1
            }
        };
        let mut cache = std::mem::take(&mut self.analysed[k].1);
        super::text::each_word(text, |word| {
            let word = word.as_ref();
            let stem = match cache.get(word.as_bytes()) {
                Some(stem) => *stem,
                None => {
                    let stem = self
                        .analyse(analyzer, word)
                        .map(|surface| self.surface_stem[surface as usize]);
                    cache.insert(WordKey::new(word.as_bytes()), stem);
                    stem
                }
            };
            if let Some(stem) = stem {
                self.post(stem, section, field.weight());
            }
        });
        self.analysed[k].1 = cache;
    }

    /// The surface word id of a word as written, or `None` when it is not
    /// indexed. A surface word seen before keeps its stem, so the word is
    /// only stemmed when its surface word is new.
    fn analyse(&mut self, analyzer: &Analyzer, word: &str) -> Option<u32> {
        let surface = analyzer.surface(word)?;
        if let Some(&id) = self.surface_ids.get(&surface) {
            return Some(id);
        }
        let stem = analyzer.stem(word, &surface);
        Some(self.intern(Term { surface, stem }))
    }

    /// The id of a term's surface word; a new surface word takes its stem.
    fn intern(&mut self, term: Term) -> u32 {
        let stem = match self.stem_ids.get(&term.stem) {
            Some(&id) => id,
            None => {
                let id = self.stems.len() as u32;
                self.stems.push(term.stem.clone());
                self.stem_ids.insert(term.stem, id);
                self.weights.push(0);
                id
            }
        };
        let surface = match self.surface_ids.get(&term.surface) {
            Some(&id) => id,
            None => {
                let id = self.surfaces.len() as u32;
                self.surfaces.push(term.surface.clone());
                self.surface_ids.insert(term.surface, id);
                self.surface_stem.push(stem);
                id
            }
        };
        surface
    }

    /// Adds `weight` to the posting of `stem` in `section`.
    fn post(&mut self, stem: u32, section: usize, weight: u32) {
        if section != self.current {
            self.end_section();
            self.current = section;
        }
        let w = &mut self.weights[stem as usize];
        if *w == 0 {
            self.touched.push(stem);
        }
        *w = (*w + weight).min(MAX_WEIGHT);
    }

    /// Moves the postings of the current section to the list.
    fn end_section(&mut self) {
        for &stem in &self.touched {
            let w = std::mem::take(&mut self.weights[stem as usize]);
            self.postings.push((stem, self.current, w));
        }
        self.touched.clear();
    }

    pub fn stats(&self) -> Stats {
        let grouped = self.grouped();
        Stats {
            docs: self.docs.len(),
            sections: self.sections.len(),
            stems: grouped.lens.iter().filter(|&&n| n > 0).count(),
            words: self.surfaces.len(),
            postings: grouped.lens.iter().sum(),
        }
    }
}

/// Text with its white space collapsed, cut after at most `max` characters
/// at a word boundary (with `…`).
pub fn snippet(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        let extra = if out.is_empty() { len } else { len + 1 };
        if n + extra > max {
            if out.is_empty() {
                out.extend(word.chars().take(max));
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        n += extra;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(script: &str) -> serde_json::Value {
        let json = script
            .strip_prefix("window.EQUIL_SEARCH = ")
            .and_then(|s| s.trim_end().strip_suffix(';'))
            .unwrap_or_else(|| panic!("not an index script: {script}"));
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
    }

    #[test]
    fn groups_surface_words_by_stem_with_weighted_postings() {
        let nl = Analyzer::new("nl");
        let mut b = IndexBuilder::new("nl", vec!["de".into()]);
        let d = b.add_doc(DocInfo {
            url: "intro/first.html".into(),
            title: "Kwetsbaarheid".into(),
            module: Some(0),
            content_lang: None,
        });
        let top = b.add_section(SectionInfo {
            doc: d,
            id: String::new(),
            heading: String::new(),
            snippet: "Over de kwetsbaarheden.".into(),
        });
        let sec = b.add_section(SectionInfo {
            doc: d,
            id: "werk".into(),
            heading: "Werk".into(),
            snippet: "Werk".into(),
        });
        b.add_text(top, &nl, "Kwetsbaarheid", Field::Title);
        b.add_text(top, &nl, "de kwetsbaarheden", Field::Body);
        b.add_text(sec, &nl, "Kwetsbaarheid op het werk", Field::Heading);
        b.add_text(sec, &nl, "Een werkplek.", Field::Body);
        let j = parse(&b.script());
        let words = j["words"].as_str().unwrap_or_default();
        // Each group: the stem, then its words (`~rest` after the stem).
        let groups: Vec<Vec<String>> = words
            .split('|')
            .map(|g| {
                let mut toks = g.split(' ');
                let stem = toks.next().unwrap_or_default().to_string();
                let mut all = vec![stem.clone()];
                all.extend(toks.map(|t| match t.strip_prefix('~') {
                    Some(rest) => format!("{stem}{rest}"),
                    None => t.to_string(),
                }));
                all
            })
            .collect();
        let k = groups
            .iter()
            .position(|g| g.iter().any(|w| w == "kwetsbaarheden"))
            .unwrap_or_else(|| panic!("no group for kwetsbaarheden: {words}"));
        assert!(groups[k].iter().any(|w| w == "kwetsbaarheid"), "{words}");
        // top: title 10 + body 1 (2×0+1, 11); second: heading 5 (2×1+1, 5).
        let postings: Vec<&str> = j["postings"]
            .as_str()
            .unwrap_or_default()
            .split(' ')
            .collect();
        assert_eq!(postings.len(), groups.len());
        assert_eq!(postings[k], "1b35");
        // A body word once: section 1 (2×1+0), weight 1 left out.
        let plek = groups
            .iter()
            .position(|g| g.iter().any(|w| w == "werkplek"));
        assert_eq!(plek.and_then(|p| postings.get(p)), Some(&"2"), "{words}");
        // Heading ids equal to the heading's slug are left out.
        assert_eq!(j["sections"][1], serde_json::json!([0, "", "Werk", "Werk"]));
        assert_eq!(j["stop"], "de");
        assert_eq!(
            j["docs"][0],
            serde_json::json!(["intro/first.html", "Kwetsbaarheid", 0])
        );
        assert_eq!(b.stats().docs, 1);
        assert_eq!(b.stats().sections, 2);
    }

    #[test]
    fn a_section_added_to_again_later_sums_its_weights() {
        let en = Analyzer::new("en");
        let mut b = IndexBuilder::new("en", Vec::new());
        let d = b.add_doc(DocInfo {
            url: "a.html".into(),
            title: "A".into(),
            module: None,
            content_lang: None,
        });
        let info = |id: &str| SectionInfo {
            doc: d,
            id: id.into(),
            heading: id.into(),
            snippet: String::new(),
        };
        let (s0, s1) = (b.add_section(info("")), b.add_section(info("one")));
        b.add_text(s1, &en, "alpha", Field::Body);
        b.add_text(s0, &en, "alpha beta", Field::Body);
        b.add_text(s1, &en, "alpha", Field::Body);
        let j = parse(&b.script());
        assert_eq!(j["words"], "alpha|beta");
        // alpha: section 0 weight 1 (`0`), section 1 weight 2 (`3`, `2`).
        assert_eq!(j["postings"], "032 0");
        assert_eq!(b.stats().postings, 3);
    }

    #[test]
    fn long_and_short_words_are_found_again() {
        let long = "x".repeat(30);
        let edge = "y".repeat(WordKey::INLINE);
        let key = WordKey::new(long.as_bytes());
        assert!(matches!(key, WordKey::Heap(_)));
        assert!(matches!(WordKey::new(edge.as_bytes()), WordKey::Inline(..)));
        assert_eq!(key, WordKey::new(long.as_bytes()));
        assert_ne!(WordKey::new(b"ab"), WordKey::new(b"abc"));
        let mut b = IndexBuilder::new("pl", Vec::new());
        let d = b.add_doc(DocInfo {
            url: "a.html".into(),
            title: "A".into(),
            module: None,
            content_lang: None,
        });
        let s = b.add_section(SectionInfo {
            doc: d,
            id: String::new(),
            heading: String::new(),
            snippet: String::new(),
        });
        let pl = Analyzer::new("pl");
        b.add_text(s, &pl, &format!("{long} {edge} {long}"), Field::Body);
        let j = parse(&b.script());
        assert_eq!(j["words"], format!("{long}|{edge}"));
        assert_eq!(j["postings"], "12 0");
    }

    #[test]
    fn snippets_are_bounded_at_word_boundaries() {
        assert_eq!(snippet("  one\n two  three ", 100), "one two three");
        assert_eq!(snippet("one two three", 9), "one two…");
        assert_eq!(snippet("abcdefghij", 4), "abcd…");
    }
}
