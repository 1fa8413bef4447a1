//! Callouts (GitHub's `> [!NOTE]` … and EQUIL's `> [!EXERCISE]`,
//! `> [!REFLECTION]`) and writing spaces (`[____]`): what the parser marks
//! and the HTML the writer puts in their place.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event};

use super::HtmlOptions;
use crate::escape::html as html_escape;

/// What to write instead of an event of a custom callout.
#[derive(Debug, Clone, Copy)]
pub(super) enum Custom {
    /// The blockquote's start: open callout [`CALLOUT_KINDS`]`[i]`.
    Open(usize),
    /// The marker line (and its paragraph, when it stands alone): dropped.
    Skip,
    /// The blockquote's end.
    Close,
    /// A paragraph that is exactly `[____]` (a writing box, `None`) or
    /// `[____ N]` (N ruled lines): its start becomes the writing space.
    Write(Option<u32>),
}

/// The most ruled lines one `[____ N]` may ask for.
pub const MAX_WRITE_LINES: u32 = 40;

/// Whether `text` is a writing-space line: `[____]` → `Some(None)`,
/// `[____ 5]` → `Some(Some(5))`. Four or more underscores.
pub(super) fn write_space(text: &str) -> Option<Option<u32>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let rest = inner.trim_start_matches('_');
    if inner.len() - rest.len() < 4 {
        return None;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(None);
    }
    let n: u32 = rest.parse().ok()?;
    (1..=MAX_WRITE_LINES).contains(&n).then_some(Some(n))
}

/// The callout titles in English, in the order of [`CALLOUT_KINDS`] (for
/// tests and fuzzing; sites take theirs from Fluent).
pub fn english_callout_titles() -> [String; 7] {
    [
        "Note",
        "Tip",
        "Important",
        "Warning",
        "Caution",
        "Exercise",
        "Reflection",
    ]
    .map(String::from)
}

/// The kinds of callout, in the order of [`HtmlOptions::callout_titles`]:
/// GitHub's five, then EQUIL's exercise and reflection.
pub const CALLOUT_KINDS: [&str; 7] = [
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "exercise",
    "reflection",
];

/// The first line of a blockquote that makes it a custom callout, and the
/// index of that callout in [`CALLOUT_KINDS`].
pub(super) const CUSTOM_MARKERS: [(&str, usize); 2] = [("[!EXERCISE]", 5), ("[!REFLECTION]", 6)];

pub(super) fn callout_index(kind: BlockQuoteKind) -> usize {
    match kind {
        BlockQuoteKind::Note => 0,
        BlockQuoteKind::Tip => 1,
        BlockQuoteKind::Important => 2,
        BlockQuoteKind::Warning => 3,
        BlockQuoteKind::Caution => 4,
    }
}

/// A writing space: a ruled box (`None`) or `n` ruled lines.
pub(super) fn write_space_html(n: Option<u32>) -> String {
    let (class, lines) = match n {
        None => ("write-space write-box", 4),
        Some(n) => ("write-space write-lines", n),
    };
    let mut html = format!("<div class=\"{class}\" role=\"presentation\">");
    for _ in 0..lines {
        html.push_str("<div class=\"write-line\"></div>");
    }
    html.push_str("</div>\n");
    html
}

/// The opening of callout [`CALLOUT_KINDS`]`[i]`, with its title.
pub(super) fn callout_open<'e>(i: usize, opts: &HtmlOptions<'_>) -> Event<'e> {
    Event::Html(CowStr::from(format!(
        "<div class=\"callout callout-{}\" role=\"note\">\n<p class=\"callout-title\"{}>{}</p>\n",
        CALLOUT_KINDS[i],
        opts.titles_lang
            .map(|l| format!(" lang=\"{}\"", html_escape(l)))
            .unwrap_or_default(),
        html_escape(&opts.callout_titles[i])
    )))
}
