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

use std::borrow::Cow;
use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

use super::cjk::{self, Segment};
use super::stopwords;

/// Letters that NFKD does not take apart, folded by hand (as in search.js).
pub const SPECIAL_FOLDS: &[(char, &str)] = &[
    ('ø', "o"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ß', "ss"),
    ('đ', "d"),
    ('ð', "d"),
    ('ł', "l"),
    ('ı', "i"),
    ('þ', "th"),
    ('ħ', "h"),
    ('ŧ', "t"),
];

/// Words longer than this (in characters) are indexed by their first
/// `MAX_WORD_CHARS` characters (search.js cuts typed words the same way).
pub const MAX_WORD_CHARS: usize = 40;

/// Folds a word for matching: lowercase, without diacritics
/// (`Sårbarhed` → `sarbarhed`, `Ærø` → `aero`, `Educación` → `educacion`).
pub fn fold(word: &str) -> String {
    // ASCII letters and digits only: the steps below just lowercase.
    if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return word.to_ascii_lowercase();
    }
    fold_unicode(word)
}

/// [`fold`] of any text, step by step.
fn fold_unicode(word: &str) -> String {
    // Steps 1–3: the marks of Latin letters go, every other mark stays.
    let mut latin_base = false;
    let stripped: String = word
        .to_lowercase()
        .nfkd()
        .filter(|&c| {
            if is_combining_mark(c) {
                return !latin_base;
            }
            latin_base = c.script() == Script::Latin;
            true
        })
        .collect();
    let mut out = String::with_capacity(stripped.len());
    for c in stripped.nfc() {
        for l in c.to_lowercase() {
            if let Some((_, to)) = SPECIAL_FOLDS.iter().find(|(from, _)| *from == l) {
                out.push_str(to);
            } else if l == 'ς' {
                out.push('σ');
            } else if l.is_alphanumeric() || is_combining_mark(l) {
                out.push(l);
            }
        }
    }
    out
}

/// The first [`MAX_WORD_CHARS`] characters of a folded word.
fn cut(mut word: String) -> String {
    if let Some((i, _)) = word.char_indices().nth(MAX_WORD_CHARS) {
        word.truncate(i);
    }
    word
}

/// Whether `c` belongs to a word: a letter, digit or combining mark (so that
/// decomposed text stays one word). search.js: `[\p{Alphabetic}\p{N}\p{M}]`.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The words of a text, as written. A hyphenated compound also yields its
/// parts joined (`co-productie` → `co`, `productie`, `coproductie`), so that
/// it is found whichever way the reader writes it.
pub fn words(text: &str) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    each_word(text, |w| {
        out.push(match w {
            Word::Written(w) => Cow::Borrowed(w),
            Word::Joined(w) => Cow::Owned(w.to_string()),
        })
    });
    out
}

/// A word of a text: as written, or the parts of a hyphenated compound joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word<'t, 'j> {
    Written(&'t str),
    Joined(&'j str),
}

impl AsRef<str> for Word<'_, '_> {
    fn as_ref(&self) -> &str {
        match self {
            Word::Written(w) | Word::Joined(w) => w,
        }
    }
}

/// Calls `f` with each word of `text`, in the order of [`words`], without
/// collecting them.
pub fn each_word<'t>(text: &'t str, mut f: impl FnMut(Word<'t, '_>)) {
    let mut runs = Runs {
        text,
        run: Vec::new(),
        joined: String::new(),
    };
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII a byte at a time; other characters decoded.
        let (is_word, len) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => (is_word_char(c), c.len_utf8()),
                None => (false, 1),
            },
        };
        match (is_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.split_word(s, i, &mut f);
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        runs.split_word(s, text.len(), &mut f);
    }
    runs.end_run(&mut f);
}

/// The words of a hyphenated run (`co-productie`) seen so far, to join them.
struct Runs<'t> {
    text: &'t str,
    /// Spans of the words of the current hyphenated run.
    run: Vec<(usize, usize)>,
    joined: String,
}

impl<'t> Runs<'t> {
    /// A word with Chinese, Japanese or Korean in it: its other parts are
    /// words as usual, its CJK runs give their bigrams ([`cjk`]).
    fn split_word(&mut self, s: usize, e: usize, f: &mut impl FnMut(Word<'t, '_>)) {
        if self.text[s..e].is_ascii() {
            return self.word(s, e, f);
        }
        for seg in cjk::segments(self.text, s, e) {
            match seg {
                Segment::Plain(a, b) => self.word(a, b, f),
                Segment::Cjk(a, b) => {
                    self.end_run(f);
                    for (x, y) in cjk::bigrams(self.text, a, b) {
                        f(Word::Written(&self.text[x..y]));
                    }
                }
            }
        }
    }

    fn word(&mut self, s: usize, e: usize, f: &mut impl FnMut(Word<'t, '_>)) {
        let text = self.text;
        let joined_to_prev = self.run.last().is_some_and(|&(_, prev)| {
            let mut g = text[prev..s].chars();
            matches!((g.next(), g.next()), (Some(c), None) if is_hyphen(c))
        });
        if !joined_to_prev {
            self.end_run(f);
        }
        f(Word::Written(&text[s..e]));
        self.run.push((s, e));
    }

    fn end_run(&mut self, f: &mut impl FnMut(Word<'t, '_>)) {
        if self.run.len() > 1 {
            self.joined.clear();
            for &(s, e) in &self.run {
                self.joined.push_str(&self.text[s..e]);
            }
            f(Word::Joined(&self.joined));
        }
        self.run.clear();
    }
}

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
    fn folds_diacritics_and_special_letters() {
        assert_eq!(fold("Sårbarhed"), "sarbarhed");
        assert_eq!(fold("ÆRØ"), "aero");
        assert_eq!(fold("Educación"), "educacion");
        assert_eq!(fold("perché"), "perche");
        assert_eq!(fold("geïnteresseerd"), "geinteresseerd");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ﬁnal"), "final", "ligatures decompose (NFKD)");
        assert_eq!(fold("ΟΔΟΣ"), fold("οδοσ"), "final sigma");
        // Decomposed input folds like composed input.
        assert_eq!(fold("sa\u{30a}rbar"), fold("sårbar"));
    }

    #[test]
    fn marks_that_carry_meaning_are_kept() {
        assert_ne!(fold("काम"), fold("कम"), "Devanagari vowel sign");
        assert_eq!(fold("क्या"), "क्या", "virama");
        assert_ne!(fold("பட்டம்"), fold("படடம"), "Tamil pulli");
        assert_ne!(fold("কাজ"), fold("কজ"), "Bengali vowel sign");
        assert_ne!(fold("が"), fold("か"), "kana voicing");
        assert_eq!(
            fold("か\u{3099}"),
            "が",
            "decomposed kana folds like composed"
        );
        assert_eq!(fold("ｶﾞ"), "ガ", "half-width kana");
        assert_eq!(fold("Việt"), "viet", "Latin marks, even stacked, go");
        assert_eq!(fold("й"), "й", "Cyrillic letters keep their marks");
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
    fn the_ascii_shortcut_folds_like_the_general_rules() {
        for w in [
            "Kwetsbaarheid",
            "IPS",
            "co2",
            "ABCxyz019",
            "Z",
            "ﬁnal",
            "a_b",
            "Straße",
        ] {
            assert_eq!(fold(w), fold_unicode(w), "{w}");
        }
    }

    #[test]
    fn words_split_on_punctuation_and_join_hyphenated_compounds() {
        let w: Vec<String> = words("Co-productie (IPS-methode), l'ambiente — 2016.")
            .into_iter()
            .map(Cow::into_owned)
            .collect();
        assert_eq!(
            w,
            [
                "Co",
                "productie",
                "Coproductie",
                "IPS",
                "methode",
                "IPSmethode",
                "l",
                "ambiente",
                "2016"
            ]
        );
        let w: Vec<String> = words("a - b, x-y-z")
            .into_iter()
            .map(Cow::into_owned)
            .collect();
        assert_eq!(w, ["a", "b", "x", "y", "z", "xyz"]);
        // Decomposed letters stay in their word.
        assert_eq!(words("sa\u{30a}rbar ord").len(), 2);
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
