//! Heading ids as GitHub makes them (the algorithm of github-slugger, which
//! mirrors GitHub's own): lower-case the text; drop every character that is
//! not a letter (Unicode `Alphabetic`), a mark (`\p{M}`: Devanagari and
//! Tamil viramas stay part of the word), a decimal digit (`\p{Nd}`), a
//! connector (`_`), a space or `-`; turn each space into `-` (so `a - b`
//! gives `a---b`). Emoji, punctuation and zero-width (non-)joiners go.
//!
//! One function for every use: heading ids, the link checker and its "did
//! you mean" hints, print pages and the search index. search.js carries the
//! same function as `slugify` (tests/testsuite/search.rs keeps the two identical).
//!
//! Before equil followed GitHub, ids were runs of letters and digits joined
//! by single dashes ([`legacy_slug`]); headings whose old id differs keep it
//! as an extra anchor, so that links written against older builds resolve.

use std::collections::HashMap;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Ids the theme's templates use on every page: a heading never takes one.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "downloads-title",
    "handouts-title",
    "about-title",
    "search",
    "untranslated-note",
    "search-hint",
    "search-input",
    "search-results",
    "search-status",
    "module-nav-title",
    "module-pages-title",
    "modules-title",
    "objectives-title",
    "page-toc-title",
    "print-toc-title",
    "eu-star",
];

/// search.js numbers its result options `search-result-0`, `search-result-1`, ….
/// Numbered ids the theme and the glossary tips use (`search-result-3`, `gl-tip-1`).
const RESERVED_PREFIXES: &[&str] = &["search-result-", "gl-tip-"];

/// Whether the theme uses `id` on every page (a heading never takes it).
pub fn is_reserved(id: &str) -> bool {
    RESERVED_IDS.contains(&id)
        || RESERVED_PREFIXES.iter().any(|p| {
            id.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The id GitHub gives a heading with this text (before numbering duplicates).
/// Empty when nothing is left (a heading of emoji only).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        if c == ' ' {
            out.push('-');
        } else if keeps(c) {
            out.push(c);
        }
    }
    out
}

/// search.js: `/[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc} -]/gu` removes the rest.
fn keeps(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '-' || c == '_';
    }
    c.is_alphabetic()
        || matches!(
            c.general_category(),
            GeneralCategory::NonspacingMark
                | GeneralCategory::SpacingMark
                | GeneralCategory::EnclosingMark
                | GeneralCategory::DecimalNumber
                | GeneralCategory::ConnectorPunctuation
        )
}

/// The ids equil wrote before it followed GitHub: letters and digits, runs of
/// anything else as one `-`, `section` when nothing is left.
pub fn legacy_slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// Numbers repeated ids as GitHub does: `goals`, `goals-1`, `goals-2`.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// A slugger that never hands out the theme's ids.
    pub fn for_page() -> Self {
        let mut s = Slugger::default();
        for id in RESERVED_IDS {
            s.seen.insert((*id).to_string(), 0);
        }
        s
    }

    /// Takes `id` as it is (an explicit `{#id}`), so that no slug repeats it.
    pub fn claim(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(0);
    }

    /// A unique id from a slug; an empty slug counts as `section`.
    pub fn unique(&mut self, slug: &str) -> String {
        let base = if slug.is_empty() { "section" } else { slug };
        let mut id = base.to_string();
        while self.seen.contains_key(&id) || is_reserved(&id) {
            let n = self.seen.entry(base.to_string()).or_insert(0);
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.seen.insert(id.clone(), 0);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_examples() {
        let cases = [
            ("Don't tolerate bad actors", "dont-tolerate-bad-actors"),
            ("TL;DR", "tldr"),
            ("क्या है", "क्या-है"),
            ("தமிழ் மொழி", "தமிழ்-மொழி"),
            ("می\u{200c}خواهم", "میخواهم"),
            ("Что — это", "что--это"),
            ("C'est l’été", "cest-lété"),
            ("日本語の見出し", "日本語の見出し"),
            ("🎉 Party time", "-party-time"),
            ("a_b -- c", "a_b----c"),
            ("x² ½ Ⅻ ١٢", "x--ⅻ-١٢"),
            ("ΟΔΟΣ", "οδος"),
        ];
        for (text, want) in cases {
            assert_eq!(slugify(text), want, "{text}");
        }
    }

    #[test]
    fn duplicates_and_reserved_ids_are_numbered() {
        let mut s = Slugger::for_page();
        assert_eq!(s.unique("goals"), "goals");
        assert_eq!(s.unique("goals"), "goals-1");
        assert_eq!(s.unique("goals-1"), "goals-1-1");
        assert_eq!(s.unique("goals"), "goals-2");
        assert_eq!(s.unique("main"), "main-1");
        assert_eq!(s.unique("search-result-2"), "search-result-2-1");
        assert_eq!(s.unique("search-result-x"), "search-result-x");
        assert_eq!(s.unique(""), "section");
        s.claim("mine");
        assert_eq!(s.unique("mine"), "mine-1");
    }

    #[test]
    fn legacy_ids_join_words_with_one_dash() {
        assert_eq!(legacy_slug("Don't tolerate"), "don-t-tolerate");
        assert_eq!(legacy_slug("🎉"), "section");
    }
}
