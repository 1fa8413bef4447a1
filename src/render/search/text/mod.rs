//! Words for the search index: tokenising, diacritic folding and stemming
//! per language.
//!
//! The browser has no stemmer: words are stemmed here, at build time, and the
//! index maps every *folded surface word* to its stem. `static/search.js`
//! folds what the reader types with the same rules, so [`fold`] and its
//! JavaScript twin must stay identical (`tests/testsuite/search.rs` compares them in
//! Chromium):
//!
//! 1. lowercase;
//! 2. NFKD;
//! 3. drop the combining marks (`\p{M}`) of Latin letters only: the marks
//!    of Devanagari, Tamil, Bengali or kana carry meaning (`काम` is not
//!    `कम`, `が` is not `か`), so they stay;
//! 4. NFC, and lowercase again;
//! 5. the letters of [`SPECIAL_FOLDS`], and final sigma `ς` → `σ`;
//! 6. keep only letters, digits and marks (`\p{Alphabetic}`, `\p{N}`, `\p{M}`).
//!
//! Words longer than [`MAX_WORD_CHARS`] are indexed (and looked up) by
//! their beginning; Chinese, Japanese and Korean runs by pairs of
//! characters ([`super::cjk`]).

mod fold;
mod words;

pub use fold::{fold, MAX_WORD_CHARS, SPECIAL_FOLDS};
pub use words::{each_word, is_word_char, words, Word};

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};

use super::{cjk, stopwords};
use fold::cut;
use unicode_normalization::UnicodeNormalization;

/// A word as the index keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The folded word as written (`kwetsbaarheden`).
    pub surface: String,
    /// The folded stem (`kwetsbar`); the surface itself without a stemmer.
    pub stem: String,
}

/// Turns words of one language into terms: stemmer and stop words.
pub struct Analyzer {
    lang: String,
    stemmer: Option<Stemmer>,
    stop: HashSet<String>,
}

/// The Snowball stemmer for a language tag, if there is one.
pub fn algorithm(lang: &str) -> Option<Algorithm> {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "en" => Algorithm::English,
        "es" => Algorithm::Spanish,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "nl" => Algorithm::Dutch,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

impl Analyzer {
    /// The analyzer of a language tag (`nl`, `da`, `pt-BR`, …).
    pub fn new(lang: &str) -> Analyzer {
        Analyzer {
            lang: lang.to_string(),
            stemmer: algorithm(lang).map(Stemmer::create),
            stop: stopwords::for_lang(lang).iter().map(|w| fold(w)).collect(),
        }
    }

    /// The language tag the analyzer was made for: two analyzers of the
    /// same tag give the same terms.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether words are stemmed (otherwise search matches whole words and prefixes).
    pub fn has_stemmer(&self) -> bool {
        self.stemmer.is_some()
    }

    /// The folded stop words, sorted (search.js ignores them in queries too).
    pub fn stop_words(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.stop.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// The term of one word as written, or `None` for stop words, single
    /// letters and overlong words.
    pub fn term(&self, word: &str) -> Option<Term> {
        let surface = self.surface(word)?;
        let stem = self.stem(word, &surface);
        Some(Term { surface, stem })
    }

    /// The folded word as the index keeps it ([`Term::surface`]), or `None`
    /// for stop words, single letters and overlong words.
    pub fn surface(&self, word: &str) -> Option<String> {
        let surface = cut(fold(word));
        let n = surface.chars().count();
        let single_ok = |c: char| c.is_numeric() || cjk::is_cjk(c);
        let short = n < 2 && !surface.chars().all(single_ok);
        if n == 0 || short || self.stop.contains(&surface) {
            return None;
        }
        Some(surface)
    }

    /// The stem of `word` ([`Term::stem`]), whose surface is `surface`.
    pub fn stem(&self, word: &str, surface: &str) -> String {
        // A long word (cut) or a CJK pair is found as written.
        let plain = surface.chars().count() >= MAX_WORD_CHARS
            || surface.chars().next().is_some_and(cjk::is_cjk);
        match &self.stemmer {
            Some(s) if !plain => {
                let lower: String = if word.is_ascii() {
                    word.to_ascii_lowercase()
                } else {
                    word.to_lowercase().nfc().collect()
                };
                let stem = fold(&s.stem(&lower));
                if stem.is_empty() {
                    surface.to_string()
                } else {
                    stem
                }
            }
            _ => surface.to_string(),
        }
    }

    /// The terms of a text, in order.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        let mut out = Vec::new();
        each_word(text, |w| out.extend(self.term(w.as_ref())));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(lang: &str, word: &str) -> String {
        Analyzer::new(lang)
            .term(word)
            .map(|t| t.stem)
            .unwrap_or_default()
    }

    #[test]
    fn long_words_are_kept_by_their_beginning() {
        let a = Analyzer::new("de");
        let long = "Rechtsschutzversicherungsgesellschaftenangestellte";
        let t = a
            .term(long)
            .unwrap_or_else(|| panic!("a long word is indexed"));
        assert_eq!(t.surface.chars().count(), MAX_WORD_CHARS);
        assert!(fold(long).starts_with(&t.surface));
    }

    #[test]
    fn chinese_and_japanese_runs_are_indexed_by_pairs() {
        let a = Analyzer::new("zh-Hans");
        let t: Vec<String> = a
            .terms("我们的许可证制度。")
            .into_iter()
            .map(|t| t.surface)
            .collect();
        assert_eq!(t, ["我们", "们的", "的许", "许可", "可证", "证制", "制度"]);
        let t: Vec<String> = Analyzer::new("en")
            .terms("IPS模式 works")
            .into_iter()
            .map(|t| t.stem)
            .collect();
        assert_eq!(t, ["ip", "模式", "work"]);
        assert_eq!(
            Analyzer::new("ja").term("中").map(|t| t.surface).as_deref(),
            Some("中")
        );
    }

    #[test]
    fn danish_stems_with_and_without_diacritics() {
        assert_eq!(stem("da", "sårbarhed"), stem("da", "sarbarhed"));
        assert_eq!(stem("da", "sårbarhed"), stem("da", "sårbarheden"));
        assert_eq!(stem("da", "arbejdsgiver"), stem("da", "arbejdsgivere"));
        assert_eq!(stem("da", "åbenhed"), stem("da", "åbenheden"));
        // A compound keeps its first part as a prefix of its stem.
        assert!(stem("da", "arbejdspladsen").starts_with("arbejdsplads"));
    }

    #[test]
    fn dutch_plurals_and_diminutives() {
        assert_eq!(stem("nl", "kwetsbaarheden"), stem("nl", "kwetsbaarheid"));
        assert_eq!(stem("nl", "werkgevers"), stem("nl", "werkgever"));
        // A diminutive is at least found by prefix.
        let a = Analyzer::new("nl");
        let small = a.term("werkplekje").map(|t| t.surface).unwrap_or_default();
        assert!(small.starts_with(&fold("werkplek")));
        assert!(a.term("werkplek").is_some());
    }

    #[test]
    fn english_spanish_italian_stems() {
        assert_eq!(stem("en", "disclosure"), stem("en", "disclosures"));
        assert_eq!(stem("en", "disclosing"), stem("en", "disclose"));
        assert_eq!(stem("es", "discriminación"), stem("es", "discriminaciones"));
        assert_eq!(stem("es", "educación"), stem("es", "educaciones"));
        // Typed without accents, a word still finds its surface form.
        let es = Analyzer::new("es").term("Educación").map(|t| t.surface);
        assert_eq!(es.as_deref(), Some(fold("educacion").as_str()));
        assert_eq!(stem("it", "lavoratori"), stem("it", "lavoratore"));
        assert_eq!(stem("it", "opportunità"), stem("it", "opportunita"));
    }

    #[test]
    fn languages_without_a_stemmer_get_folded_words() {
        let a = Analyzer::new("pl");
        assert!(!a.has_stemmer());
        let t = a.term("Zażółć").unwrap_or_else(|| panic!("a term"));
        assert_eq!(t.stem, t.surface);
        assert_eq!(t.surface, "zazołc".replace('ł', "l"));
    }

    #[test]
    fn stop_words_and_single_letters_are_left_out() {
        let a = Analyzer::new("nl");
        let t: Vec<String> = a
            .terms("Openheid over de kwetsbaarheid, a 8")
            .into_iter()
            .map(|t| t.surface)
            .collect();
        assert_eq!(t, ["openheid", "kwetsbaarheid", "8"]);
        assert!(Analyzer::new("en").term("the").is_none());
        assert!(Analyzer::new("da").term("på").is_none());
    }
}
