//! Splitting a text into words as written: hyphenated compounds also
//! joined, Chinese, Japanese and Korean runs as pairs of characters.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;

use crate::render::search::cjk::{self, Segment};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
