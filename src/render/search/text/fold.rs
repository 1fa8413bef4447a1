//! Folding a word for matching (the rules are listed in the header of
//! `text`): lowercase, without the marks of Latin letters, special letters
//! spelled out; and cutting a long word to its beginning.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

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
pub(super) fn cut(mut word: String) -> String {
    if let Some((i, _)) = word.char_indices().nth(MAX_WORD_CHARS) {
        word.truncate(i);
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
