//! Word-level differences between two versions of a page (`similar`):
//! for each translatable front matter key and the body, the words removed
//! and added, as segments (JSON) or as lines for a terminal, with `[-…-]`
//! and `{+…+}` marks when plain (as `git diff --word-diff` writes them) and
//! colours on a terminal.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use super::versions::{Snapshot, TRANSLATABLE_KEYS};

/// What a segment of text did between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of text with one [`Op`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

/// How much changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Size {
    pub lines_added: usize,
    pub lines_removed: usize,
    pub words_added: usize,
    pub words_removed: usize,
}

impl Size {
    fn add(&mut self, o: Size) {
        self.lines_added += o.lines_added;
        self.lines_removed += o.lines_removed;
        self.words_added += o.words_added;
        self.words_removed += o.words_removed;
    }
}

/// The difference in one part of the page: a front matter key, or `body`.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub field: String,
    pub size: Size,
    pub segments: Vec<Segment>,
}

/// The difference between two versions of a page (only parts that changed).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageDiff {
    pub size: Size,
    pub sections: Vec<Section>,
}

/// Compares two versions: each translatable front matter key, then the body.
pub fn diff(old: &Snapshot, new: &Snapshot) -> PageDiff {
    let mut out = PageDiff::default();
    let parts = TRANSLATABLE_KEYS
        .iter()
        .map(|k| (k.to_string(), old.field(k), new.field(k)))
        .chain(std::iter::once((
            "body".to_string(),
            old.body.as_str(),
            new.body.as_str(),
        )));
    for (field, a, b) in parts {
        if normalise(a) == normalise(b) {
            continue;
        }
        let section = section(field, a, b);
        out.size.add(section.size);
        out.sections.push(section);
    }
    out
}

/// Text compared without trailing white space on lines (as the hash is).
fn normalise(s: &str) -> String {
    s.trim_end()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn section(field: String, a: &str, b: &str) -> Section {
    let (a, b) = (normalise(a), normalise(b));
    let mut size = Size::default();
    let lines = TextDiff::from_lines(&a, &b);
    for c in lines.iter_all_changes() {
        match c.tag() {
            ChangeTag::Delete => size.lines_removed += 1,
            ChangeTag::Insert => size.lines_added += 1,
            ChangeTag::Equal => {}
        }
    }
    let words = TextDiff::from_words(&a, &b);
    let mut segments: Vec<Segment> = Vec::new();
    for c in words.iter_all_changes() {
        let (op, text) = match c.tag() {
            ChangeTag::Equal => (Op::Equal, c.value()),
            ChangeTag::Delete => (Op::Delete, c.value()),
            ChangeTag::Insert => (Op::Insert, c.value()),
        };
        if !text.trim().is_empty() {
            match op {
                Op::Delete => size.words_removed += 1,
                Op::Insert => size.words_added += 1,
                Op::Equal => {}
            }
        }
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => segments.push(Segment {
                op,
                text: text.to_string(),
            }),
        }
    }
    Section {
        field,
        size,
        segments,
    }
}

/// How to write marks: plain `[-…-]{+…+}` or terminal colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
}

/// A section as lines for a terminal: every line with a change, with one
/// line of context around, each prefixed with its line number in the new
/// text (`body_line` is the file line of the body's first line; front
/// matter keys get no numbers). Gaps are shown as `…`.
pub fn render_section(s: &Section, style: Style, body_line: Option<usize>) -> String {
    // Split the segments into lines of the new text (deleted text that
    // spans lines stays on the line where it was removed).
    let mut lines: Vec<(String, bool)> = vec![(String::new(), false)];
    for seg in &s.segments {
        let mut parts = seg.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            let (text, changed) = lines.last_mut().expect("never empty");
            if !part.is_empty() {
                text.push_str(&mark(seg.op, part, style));
                *changed |= seg.op != Op::Equal;
            } else if seg.op != Op::Equal && parts.peek().is_some() {
                *changed = true;
            }
            if parts.peek().is_some() {
                if seg.op == Op::Delete {
                    text.push_str(&mark(Op::Delete, "¶", style));
                } else {
                    lines.push((String::new(), false));
                }
            }
        }
    }
    let show: Vec<bool> = (0..lines.len())
        .map(|i| {
            let lo = i.saturating_sub(1);
            let hi = (i + 1).min(lines.len() - 1);
            (lo..=hi).any(|j| lines[j].1)
        })
        .collect();
    let mut out = String::new();
    let mut gap = false;
    for (i, (text, _)) in lines.iter().enumerate() {
        if !show[i] {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push_str("      …\n");
        }
        gap = false;
        match body_line {
            Some(first) => out.push_str(&format!("{:>5} | {text}\n", first + i)),
            None => out.push_str(&format!("      | {text}\n")),
        }
    }
    out
}

fn mark(op: Op, text: &str, style: Style) -> String {
    match (op, style) {
        (Op::Equal, _) => text.to_string(),
        (Op::Delete, Style::Plain) => format!("[-{text}-]"),
        (Op::Insert, Style::Plain) => format!("{{+{text}+}}"),
        (Op::Delete, Style::Color) => format!("\x1b[31;9m{text}\x1b[0m"),
        (Op::Insert, Style::Color) => format!("\x1b[32;4m{text}\x1b[0m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(title: &str, body: &str) -> Snapshot {
        Snapshot {
            title: title.into(),
            fields: vec![("title".into(), title.into())],
            body: body.into(),
        }
    }

    #[test]
    fn changed_words_only() {
        let a = snap(
            "T",
            "Job coaches meet employers weekly.\nSecond line stays.\n",
        );
        let b = snap(
            "T",
            "Job coaches meet employers monthly.\nSecond line stays.\n",
        );
        let d = diff(&a, &b);
        assert_eq!(d.sections.len(), 1);
        let s = &d.sections[0];
        assert_eq!(s.field, "body");
        let changed: Vec<_> = s.segments.iter().filter(|x| x.op != Op::Equal).collect();
        assert_eq!(changed.len(), 2, "{changed:?}");
        assert_eq!(changed[0].text, "weekly.");
        assert_eq!(changed[1].text, "monthly.");
        assert_eq!(s.size.words_added, 1);
        assert_eq!(s.size.words_removed, 1);
        assert_eq!((s.size.lines_added, s.size.lines_removed), (1, 1));
        let text = render_section(s, Style::Plain, Some(5));
        assert_eq!(
            text,
            "    5 | Job coaches meet employers [-weekly.-]{+monthly.+}\n    6 | Second line stays.\n"
        );
    }

    #[test]
    fn title_changes_are_their_own_section() {
        let d = diff(&snap("Old title", "Body\n"), &snap("New title", "Body  \n"));
        assert_eq!(d.sections.len(), 1);
        assert_eq!(d.sections[0].field, "title");
        let text = render_section(&d.sections[0], Style::Plain, None);
        assert_eq!(text, "      | [-Old-]{+New+} title\n");
    }
}
