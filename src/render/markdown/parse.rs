//! Parsing a page's Markdown once: events for writing HTML later, plus what
//! the checks and the search index need (headings with their ids, links and
//! raw HTML with their file positions, text per section, anchors).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd, TextMergeWithOffset};

use super::callouts::{writing_space, CalloutScan};
use super::events::Events;
use super::slug::{is_reserved, legacy_slug, slugify, Slugger};
use super::{autolink, html, kramdown};
use super::{options, Footnote, Heading, LinkRef, Parsed, Section};
use crate::render::sanitize::{self, RawHtml};

/// Line starts of a text, for byte offset → line and column; `map` gives
/// the file line of each line of the text (after `markdown="1"` blocks were
/// opened up).
struct Lines {
    starts: Vec<usize>,
    map: Vec<kramdown::Origin>,
    /// The last position asked for (byte offset, its 0-based column), so
    /// that positions asked in order along one long line are counted from
    /// there: linear in the line, not quadratic.
    last: std::cell::Cell<(usize, usize)>,
}

impl Lines {
    fn new(text: &str, map: Vec<kramdown::Origin>) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            starts,
            map,
            last: std::cell::Cell::new((0, 0)),
        }
    }
    /// 1-based line (in the body as written) and column.
    fn pos(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let (last_offset, last_col) = self.last.get();
        let (from, base) = if last_offset >= start && last_offset <= offset {
            (last_offset, last_col)
        } else {
            (start, 0)
        };
        let col = base
            + text
                .get(from..offset)
                .map(|s| s.chars().count())
                .unwrap_or(0);
        if text.is_char_boundary(offset.min(text.len())) {
            self.last.set((offset, col));
        }
        match self.map.get(line) {
            Some(o) => (o.line + 1, col + o.shift + 1),
            None => (line + 1, col + 1),
        }
    }
}

/// A heading while the page is parsed; its id is given once every explicit
/// `{#id}` of the page is known.
struct Pending {
    event: usize,
    /// Where the heading is in the body.
    start: usize,
    text: String,
    explicit: Option<String>,
    has_link: bool,
    section: usize,
}

/// Parses a page body. `first_line` is the file line the body starts on.
/// The parsed page keeps the body (shared, not copied) for the text of its
/// events.
pub fn parse(body: impl Into<Arc<str>>, first_line: usize) -> Parsed {
    let source: Arc<str> = body.into();
    // Kramdown blocks rewrite the text; most pages have none.
    let (source, map) = match kramdown::expand(&source) {
        Some((expanded, map)) => (Arc::from(expanded), map),
        None => (source, Vec::new()),
    };
    let body = &*source;
    let mut scan = Scan::new(body, Lines::new(body, map), first_line);
    scan.events = Events::new(Arc::clone(&source));
    let parser = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in TextMergeWithOffset::new(parser) {
        scan.event(event, range);
    }
    scan.finish()
}

/// The state of one parse: what is open where the parser stands, and what
/// has been collected so far.
struct Scan<'b> {
    body: &'b str,
    lines: Lines,
    first_line: usize,
    parsed: Parsed,
    events: Events,
    headings: Vec<Pending>,
    heading: Option<Pending>,
    /// The section being read (its text is read from the events when
    /// needed: [`Parsed::section_texts`]).
    section: Section,
    in_code: bool,
    in_link: usize,
    /// Open raw `<a>`, `<code>` or `<pre>` elements (no autolinks inside).
    in_raw: usize,
    callouts: CalloutScan,
    /// A paragraph being read: its start, its text events and text.
    paragraph: Option<(usize, Vec<usize>, String)>,
}

impl<'b> Scan<'b> {
    fn new(body: &'b str, lines: Lines, first_line: usize) -> Self {
        Scan {
            body,
            lines,
            first_line,
            parsed: Parsed::default(),
            events: Events::default(),
            headings: Vec::new(),
            heading: None,
            section: Section::default(),
            in_code: false,
            in_link: 0,
            in_raw: 0,
            callouts: CalloutScan::default(),
            paragraph: None,
        }
    }

    /// File line and column of a byte offset in the body.
    fn at(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.pos(self.body, offset);
        (self.first_line + line - 1, column)
    }

    /// Looks at one event and stores it (or what stands in its place).
    fn event(&mut self, event: Event<'b>, range: Range<usize>) {
        let i = self.events.len();
        self.callouts.see(i, &event, &mut self.parsed.custom);
        writing_space(&mut self.paragraph, i, &event, &mut self.parsed.custom);
        match &event {
            Event::Start(Tag::Heading { id, .. }) => {
                self.heading = Some(Pending {
                    event: self.events.next_other(),
                    start: range.start,
                    text: String::new(),
                    explicit: id.as_ref().map(|s| s.to_string()),
                    has_link: false,
                    section: 0,
                });
            }
            Event::End(TagEnd::Heading(_)) => self.heading_end(range.end),
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            })
            | Event::Start(Tag::Image {
                dest_url,
                link_type,
                ..
            }) => {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                self.link_start(*link_type, dest_url, image, range.start);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::Text(t) if !self.in_code && self.in_link == 0 && self.in_raw == 0 => {
                // Stored as links: nothing more to store.
                let linked = self.prose(t);
                if linked {
                    return;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = self.heading.as_mut() {
                    h.text.push_str(t);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                // Inline raw HTML left open does not reach past its block.
                self.in_raw = 0;
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                self.in_raw = raw_depth(self.in_raw, h);
                let (line, column) = self.at(range.start);
                raw_html(&mut self.parsed, h, line, column);
            }
            Event::FootnoteReference(label) => {
                footnote(&mut self.parsed.footnotes, label).refs += 1;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote(&mut self.parsed.footnotes, label);
            }
            _ => {}
        }
        self.events.push(event);
    }

    /// A heading's end: its text complete, it starts a new section.
    fn heading_end(&mut self, end: usize) {
        let Some(mut h) = self.heading.take() else {
            return;
        };
        if let Some(braces) = literal_braces(&self.body[h.start..end]) {
            h.text.push_str(braces);
            self.events
                .push(Event::Text(CowStr::from(braces.to_string())));
        }
        h.text = h.text.trim().to_string();
        // The text before the first heading is a section too (perhaps empty).
        self.parsed.sections.push(std::mem::take(&mut self.section));
        h.section = self.parsed.sections.len();
        self.section = Section {
            id: Some(String::new()),
            heading: h.text.clone(),
        };
        self.headings.push(h);
    }

    /// A link or image: its destination and position, for the checks.
    fn link_start(&mut self, link_type: LinkType, dest_url: &str, image: bool, start: usize) {
        self.in_link += 1;
        if let Some(h) = self.heading.as_mut() {
            h.has_link = true;
        }
        let (line, column) = self.at(start);
        let dest = match link_type {
            LinkType::Email => format!("mailto:{dest_url}"),
            _ => dest_url.to_string(),
        };
        self.parsed.links.push(LinkRef {
            dest,
            image,
            line,
            column,
        });
    }

    /// Text outside code, links and raw HTML: collected, and its bare
    /// addresses made links. Returns whether it was stored as those links.
    fn prose(&mut self, t: &str) -> bool {
        if let Some(h) = self.heading.as_mut() {
            h.text.push_str(t);
        }
        let Some(linked) = autolink::split(t) else {
            return false;
        };
        if let Some(h) = self.heading.as_mut() {
            h.has_link = true;
        }
        for e in linked {
            self.events.push(e);
        }
        true
    }

    /// The parsed page: headings and footnotes named, events stored.
    fn finish(mut self) -> Parsed {
        self.parsed.sections.push(self.section);
        let mut parsed = self.parsed;
        let mut events = self.events;
        name_headings(&mut parsed, &mut events, self.headings);
        name_footnotes(&mut parsed.footnotes);
        events.shrink_to_fit();
        parsed.events = events;
        parsed.html_too_deep = sanitize::too_deep(&parsed.raw_html);
        parsed
    }
}

/// A trailing `{…}` that is not an attribute block (`{#id .class key=value}`):
/// the parser removed it from the heading, GitHub shows it. With the spaces
/// before it, as written.
fn literal_braces(src: &str) -> Option<&str> {
    let first = src.lines().next()?;
    let line = if first.trim_start().starts_with('#') {
        // ATX: without a closing sequence of `#`.
        let t = first.trim_end();
        let stripped = t.trim_end_matches('#');
        if stripped.len() < t.len() && stripped.ends_with([' ', '\t']) {
            stripped.trim_end()
        } else {
            t
        }
    } else {
        // Setext: the text lines, without the underline.
        let text = src.trim_end();
        text[..text.rfind('\n')?].trim_end()
    };
    let body = line.strip_suffix('}')?;
    let open = body.rfind('{')?;
    let inner = &body[open + 1..];
    let valid = !inner.trim().is_empty()
        && inner.split_whitespace().all(|t| {
            (t.len() > 1 && (t.starts_with('#') || t.starts_with('.'))) || t.contains('=')
        });
    if valid {
        return None;
    }
    let space = body[..open].len() - body[..open].trim_end().len();
    line.get(open - space..)
}

/// The number of raw `<a>`, `<code>` and `<pre>` elements open after `h`.
fn raw_depth(mut depth: usize, h: &str) -> usize {
    let lower = h.to_ascii_lowercase();
    for (i, _) in lower.match_indices('<') {
        let rest = &lower[i + 1..];
        let (close, name) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let is = |tag: &str| {
            name.strip_prefix(tag)
                .is_some_and(|r| r.starts_with(['>', ' ', '\t', '\n', '/']))
        };
        if is("a") || is("code") || is("pre") {
            depth = if close {
                depth.saturating_sub(1)
            } else {
                depth + 1
            };
        }
    }
    depth
}

/// Records raw HTML, the links it makes (`<a href>`, `<img src>`) and the
/// anchors it defines (`id`, `<a name>`).
fn raw_html(parsed: &mut Parsed, h: &str, line: usize, column: usize) {
    for tag in sanitize::tags(h) {
        for a in &tag.attrs {
            if html::is_link(&tag.name, &a.name) && !a.value.trim().is_empty() {
                parsed.links.push(LinkRef {
                    dest: a.value.clone(),
                    image: tag.name != "a",
                    line,
                    column,
                });
            } else if html::is_anchor(&tag.name, &a.name) && !a.value.is_empty() {
                parsed.anchors.push(a.value.clone());
            }
        }
    }
    parsed.raw_html.push(RawHtml {
        html: h.to_string(),
        line,
        column,
    });
}

fn footnote<'a>(notes: &'a mut HashMap<String, Footnote>, label: &str) -> &'a mut Footnote {
    let next = notes.len() + 1;
    notes.entry(label.to_string()).or_insert(Footnote {
        number: next,
        id: String::new(),
        refs: 0,
    })
}

/// Footnote ids: the label as a slug, numbered when two labels give the same
/// slug (`[^a b]`, `[^a-b]`); the note's number when the label has no letters.
fn name_footnotes(notes: &mut HashMap<String, Footnote>) {
    let mut order: Vec<(&String, &mut Footnote)> = notes.iter_mut().collect();
    order.sort_by_key(|(_, f)| f.number);
    let mut slugger = Slugger::default();
    for (label, f) in order {
        let slug = slugify(label);
        let slug = if slug.is_empty() {
            f.number.to_string()
        } else {
            slug
        };
        f.id = slugger.unique(&slug);
    }
}

/// Gives each heading its id: an explicit `{#id}` wins; the others take
/// GitHub's slug, numbered past explicit ids, earlier slugs and the theme's
/// ids. A heading whose id in older equil versions differs keeps that too.
fn name_headings(parsed: &mut Parsed, events: &mut Events, headings: Vec<Pending>) {
    let mut slugger = Slugger::for_page();
    for h in &headings {
        if let Some(id) = &h.explicit {
            slugger.claim(id);
        }
    }
    let mut legacy: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::with_capacity(headings.len());
    let mut olds = Vec::with_capacity(headings.len());
    for h in &headings {
        let id = match &h.explicit {
            Some(id) => id.clone(),
            None => slugger.unique(&slugify(&h.text)),
        };
        // Numbering as equil did it before.
        let base = h.explicit.clone().unwrap_or_else(|| legacy_slug(&h.text));
        let n = legacy.entry(base.clone()).or_insert(0);
        let old = if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        *n += 1;
        legacy.entry(old.clone()).or_insert(1);
        ids.push(id);
        olds.push(old);
    }
    for (i, h) in headings.into_iter().enumerate() {
        let id = ids[i].clone();
        let old = Some(olds[i].clone())
            .filter(|o| !ids.contains(o) && !parsed.anchors.contains(o) && !is_reserved(o));
        if let Some(Event::Start(Tag::Heading { id: slot, .. })) = events.other_mut(h.event) {
            *slot = Some(CowStr::from(id.clone()));
        }
        if h.has_link {
            parsed.linked_headings.push(id.clone());
        }
        if let Some(s) = parsed.sections.get_mut(h.section) {
            s.id = Some(id.clone());
        }
        parsed.headings.push(Heading {
            level: 0,
            id,
            text: h.text,
            old_id: old,
        });
    }
    // Levels come from the heading events themselves.
    let mut levels = events.iter().filter_map(|e| match e {
        Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
        _ => None,
    });
    for h in &mut parsed.headings {
        h.level = levels.next().unwrap_or(2);
    }
}
