//! Callouts (GitHub's `> [!NOTE]` … and EQUIL's `> [!EXERCISE]`,
//! `> [!REFLECTION]`) and writing spaces (`[____]`): how the parser finds
//! and marks them ([`CalloutScan`], [`writing_space`]) and the HTML the
//! writer puts in their place.

use std::collections::HashMap;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

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
const CUSTOM_MARKERS: [(&str, usize); 2] = [("[!EXERCISE]", 5), ("[!REFLECTION]", 6)];

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

/// Finds `> [!EXERCISE]` and `> [!REFLECTION]` callouts while a page is
/// parsed: a blockquote whose first line is exactly the marker.
#[derive(Default)]
pub(super) struct CalloutScan {
    /// For each open blockquote: whether it is a custom callout.
    open: Vec<bool>,
    /// A blockquote just opened, whose first line is being read.
    pending: Option<FirstLine>,
}

struct FirstLine {
    quote: usize,
    paragraph: Option<usize>,
    text: String,
    texts: Vec<usize>,
}

impl CalloutScan {
    /// Looks at event `i` (before it is stored).
    pub(super) fn see(&mut self, i: usize, event: &Event<'_>, custom: &mut HashMap<usize, Custom>) {
        if let Some(mut first) = self.pending.take() {
            match (event, first.paragraph) {
                (Event::Start(Tag::Paragraph), None) => {
                    first.paragraph = Some(i);
                    self.pending = Some(first);
                    return;
                }
                (Event::Text(t), Some(_)) => {
                    first.text.push_str(t);
                    first.texts.push(i);
                    self.pending = Some(first);
                    return;
                }
                (
                    Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph),
                    Some(paragraph),
                ) => {
                    let marker = CUSTOM_MARKERS.iter().find(|(m, _)| first.text.trim() == *m);
                    if let Some(&(_, kind)) = marker {
                        custom.insert(first.quote, Custom::Open(kind));
                        for t in first.texts {
                            custom.insert(t, Custom::Skip);
                        }
                        custom.insert(i, Custom::Skip);
                        if matches!(event, Event::End(_)) {
                            custom.insert(paragraph, Custom::Skip);
                        }
                        if let Some(last) = self.open.last_mut() {
                            *last = true;
                        }
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Start(Tag::BlockQuote(kind)) => {
                self.open.push(false);
                if kind.is_none() {
                    self.pending = Some(FirstLine {
                        quote: i,
                        paragraph: None,
                        text: String::new(),
                        texts: Vec::new(),
                    });
                }
            }
            Event::End(TagEnd::BlockQuote(_)) if self.open.pop() == Some(true) => {
                custom.insert(i, Custom::Close);
            }
            _ => {}
        }
    }
}

/// Marks a paragraph that is exactly `[____]` or `[____ N]` (see
/// [`write_space`]) as a writing space, looking at event `i`.
pub(super) fn writing_space(
    paragraph: &mut Option<(usize, Vec<usize>, String)>,
    i: usize,
    event: &Event<'_>,
    custom: &mut HashMap<usize, Custom>,
) {
    match (event, paragraph.as_mut()) {
        (Event::Start(Tag::Paragraph), _) => *paragraph = Some((i, Vec::new(), String::new())),
        (Event::Text(t), Some((_, texts, text))) => {
            texts.push(i);
            text.push_str(t);
        }
        (Event::End(TagEnd::Paragraph), Some((start, texts, text))) => {
            if let Some(n) = write_space(text) {
                if !custom.contains_key(start) {
                    custom.insert(*start, Custom::Write(n));
                    for t in texts.iter() {
                        custom.insert(*t, Custom::Skip);
                    }
                    custom.insert(i, Custom::Skip);
                }
            }
            *paragraph = None;
        }
        _ => *paragraph = None,
    }
}
