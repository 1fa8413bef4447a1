//! Chinese, Japanese and Korean text has no spaces between words, so a
//! word of it is not a token of its own. Runs of Han, kana and Hangul are
//! indexed as overlapping pairs of characters (bigrams), as Lucene's CJK
//! analyser does: 我们的许可证 gives 我们 们的 的许 许可 可证, and a query
//! for 许可证 (许可 可证) finds every section that has both pairs. A run of
//! one character is indexed as itself. `static/search.js` splits text the
//! same way (`isCjk`, `cjkUnits`).

use unicode_normalization::char::is_combining_mark;
use unicode_script::{Script, UnicodeScript};

/// Whether `c` is written without spaces between words: Han, Hiragana,
/// Katakana, Hangul, and the katakana length marks (search.js: `CJK_RE`).
pub fn is_cjk(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul
    ) || matches!(c, '\u{30FC}' | '\u{FF70}')
}

/// A part of a word: text to treat as one word, or a run of CJK characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Plain(usize, usize),
    Cjk(usize, usize),
}

/// Splits the word `text[s..e]` into plain parts and CJK runs (a combining
/// mark stays with the character before it, as the voicing mark of a
/// decomposed が does).
pub fn segments(text: &str, s: usize, e: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut start = s;
    let mut in_cjk: Option<bool> = None;
    for (i, c) in text[s..e].char_indices() {
        let i = s + i;
        let cjk = match in_cjk {
            Some(prev) if is_combining_mark(c) => prev,
            _ => is_cjk(c),
        };
        match in_cjk {
            Some(prev) if prev != cjk => {
                out.push(make(prev, start, i));
                start = i;
            }
            _ => {}
        }
        in_cjk = Some(cjk);
    }
    if let Some(prev) = in_cjk {
        out.push(make(prev, start, e));
    }
    out
}

fn make(cjk: bool, s: usize, e: usize) -> Segment {
    if cjk {
        Segment::Cjk(s, e)
    } else {
        Segment::Plain(s, e)
    }
}

/// The bigrams of the CJK run `text[s..e]` as byte ranges (the run itself
/// when it is a single character), in order.
pub fn bigrams(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    // Start of each character, with its combining marks.
    let mut units: Vec<usize> = text[s..e]
        .char_indices()
        .filter(|(_, c)| !is_combining_mark(*c))
        .map(|(i, _)| s + i)
        .collect();
    if units.is_empty() {
        return Vec::new();
    }
    if units.len() == 1 {
        return vec![(s, e)];
    }
    units.push(e);
    (0..units.len() - 2)
        .map(|k| (units[k], units[k + 2]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(text: &str) -> Vec<&str> {
        bigrams(text, 0, text.len())
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn runs_become_overlapping_pairs() {
        assert_eq!(grams("许可证"), ["许可", "可证"]);
        assert_eq!(grams("中"), ["中"]);
        assert_eq!(grams("データ"), ["デー", "ータ"]);
        assert_eq!(grams("か\u{3099}き"), ["か\u{3099}き"]);
        assert_eq!(grams("한국어"), ["한국", "국어"]);
    }

    #[test]
    fn words_split_into_plain_and_cjk_parts() {
        let t = "IPS模式abc";
        let s = segments(t, 0, t.len());
        assert_eq!(
            s,
            [
                Segment::Plain(0, 3),
                Segment::Cjk(3, 9),
                Segment::Plain(9, 12)
            ]
        );
        assert!(is_cjk('许') && is_cjk('の') && is_cjk('カ') && is_cjk('한') && is_cjk('ー'));
        assert!(!is_cjk('a') && !is_cjk('क') && !is_cjk('é'));
    }
}
