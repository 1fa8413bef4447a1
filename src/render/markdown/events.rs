//! A page's parsed Markdown events, stored compactly: each event in 12 bytes
//! (pulldown-cmark's `Event` takes 80), its text a span of the page's
//! Markdown (shared with the loaded page, not copied) or, for the little
//! text the parser makes itself (merged runs, entities, escapes), of one
//! buffer beside it; the few events that carry more (links, images,
//! headings, code blocks, lists, tables, footnotes) are kept whole. A
//! 10,000-page site keeps its parsed pages in a fraction of the memory, and
//! writing HTML borrows the text instead of copying it.

use std::sync::Arc;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

/// Where a text is: in [`Events::source`], or (with [`OWN`] set in
/// `start`) in [`Events::text`].
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

/// The bit of [`Span::start`] that says the text is in [`Events::text`].
const OWN: u32 = 1 << 31;

/// One event as stored.
#[derive(Debug, Clone, Copy)]
enum Stored {
    Text(Span),
    Code(Span),
    Html(Span),
    InlineHtml(Span),
    SoftBreak,
    HardBreak,
    Rule,
    Start(Simple),
    End(TagEnd),
    /// An event kept whole: index into [`Events::others`].
    Other(u32),
}

/// Start tags without data of their own.
#[derive(Debug, Clone, Copy)]
enum Simple {
    Paragraph,
    Emphasis,
    Strong,
    Strikethrough,
    Item,
    TableHead,
    TableRow,
    TableCell,
    BlockQuote(Option<BlockQuoteKind>),
}

impl Simple {
    fn of(tag: &Tag<'_>) -> Option<Simple> {
        Some(match tag {
            Tag::Paragraph => Simple::Paragraph,
            Tag::Emphasis => Simple::Emphasis,
            Tag::Strong => Simple::Strong,
            Tag::Strikethrough => Simple::Strikethrough,
            Tag::Item => Simple::Item,
            Tag::TableHead => Simple::TableHead,
            Tag::TableRow => Simple::TableRow,
            Tag::TableCell => Simple::TableCell,
            Tag::BlockQuote(kind) => Simple::BlockQuote(*kind),
            _ => return None,
        })
    }

    fn tag(self) -> Tag<'static> {
        match self {
            Simple::Paragraph => Tag::Paragraph,
            Simple::Emphasis => Tag::Emphasis,
            Simple::Strong => Tag::Strong,
            Simple::Strikethrough => Tag::Strikethrough,
            Simple::Item => Tag::Item,
            Simple::TableHead => Tag::TableHead,
            Simple::TableRow => Tag::TableRow,
            Simple::TableCell => Tag::TableCell,
            Simple::BlockQuote(kind) => Tag::BlockQuote(kind),
        }
    }
}

/// The events of one page, in order.
#[derive(Debug, Clone, Default)]
pub struct Events {
    /// The Markdown the events were parsed from.
    source: Arc<str>,
    /// Text that is not a slice of `source`.
    text: String,
    stored: Vec<Stored>,
    others: Vec<Event<'static>>,
}

impl Events {
    /// The events of `source`, to be pushed as it is parsed.
    pub fn new(source: Arc<str>) -> Events {
        Events {
            stored: Vec::with_capacity(source.len() / 16),
            source,
            text: String::new(),
            others: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.stored.len()
    }

    /// The index in [`Events::other_mut`] that the next event kept whole
    /// gets. Heading starts are always kept whole.
    pub fn next_other(&self) -> usize {
        self.others.len()
    }

    /// An event kept whole, to change it (a heading's id).
    pub fn other_mut(&mut self, i: usize) -> Option<&mut Event<'static>> {
        self.others.get_mut(i)
    }

    /// Appends an event.
    pub fn push(&mut self, event: Event<'_>) {
        let stored = match &event {
            Event::Text(t) => self.span(t).map(Stored::Text),
            Event::Code(t) => self.span(t).map(Stored::Code),
            Event::Html(t) => self.span(t).map(Stored::Html),
            Event::InlineHtml(t) => self.span(t).map(Stored::InlineHtml),
            Event::SoftBreak => Some(Stored::SoftBreak),
            Event::HardBreak => Some(Stored::HardBreak),
            Event::Rule => Some(Stored::Rule),
            Event::Start(tag) => Simple::of(tag).map(Stored::Start),
            Event::End(end) => Some(Stored::End(*end)),
            _ => None,
        };
        let stored = match stored {
            Some(s) => s,
            None => match u32::try_from(self.others.len()) {
                Ok(i) => {
                    self.others.push(event.into_static());
                    Stored::Other(i)
                }
                // Four billion events with data: no page has that many.
                Err(_) => return,
            },
        };
        self.stored.push(stored);
    }

    /// Where `t` is: its place in the source when it is a slice of it,
    /// else copied into the text buffer. `None` past 2 GiB of text.
    fn span(&mut self, t: &str) -> Option<Span> {
        let len = u32::try_from(t.len()).ok()?;
        let from = self.source.as_ptr() as usize;
        let at = (t.as_ptr() as usize).wrapping_sub(from);
        if at <= self.source.len() && t.len() <= self.source.len() - at {
            let start = u32::try_from(at).ok().filter(|s| s & OWN == 0)?;
            return Some(Span { start, len });
        }
        let start = u32::try_from(self.text.len()).ok()?;
        start.checked_add(len).filter(|end| end & OWN == 0)?;
        self.text.push_str(t);
        Some(Span {
            start: start | OWN,
            len,
        })
    }

    /// Gives back unused capacity.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.stored.shrink_to_fit();
        self.others.shrink_to_fit();
    }

    /// The events, borrowing their text.
    pub fn iter(&self) -> impl Iterator<Item = Event<'_>> + '_ {
        self.stored.iter().map(move |s| self.event(*s))
    }

    fn event(&self, s: Stored) -> Event<'_> {
        let text = |span: Span| {
            let (buffer, start) = match span.start & OWN {
                0 => (&*self.source, span.start as usize),
                _ => (self.text.as_str(), (span.start & !OWN) as usize),
            };
            CowStr::Borrowed(
                buffer
                    .get(start..start + span.len as usize)
                    .unwrap_or_default(),
            )
        };
        match s {
            Stored::Text(span) => Event::Text(text(span)),
            Stored::Code(span) => Event::Code(text(span)),
            Stored::Html(span) => Event::Html(text(span)),
            Stored::InlineHtml(span) => Event::InlineHtml(text(span)),
            Stored::SoftBreak => Event::SoftBreak,
            Stored::HardBreak => Event::HardBreak,
            Stored::Rule => Event::Rule,
            Stored::Start(simple) => Event::Start(simple.tag()),
            Stored::End(end) => Event::End(end),
            Stored::Other(i) => match self.others.get(i as usize) {
                Some(e) => borrowed(e),
                None => Event::Text(CowStr::Borrowed("")),
            },
        }
    }
}

/// A stored event for writing out, borrowing its text instead of copying it.
fn borrowed<'a>(event: &'a Event<'static>) -> Event<'a> {
    let b = |s: &'a CowStr<'static>| CowStr::Borrowed(s.as_ref());
    match event {
        Event::Text(t) => Event::Text(b(t)),
        Event::Code(t) => Event::Code(b(t)),
        Event::Html(t) => Event::Html(b(t)),
        Event::InlineHtml(t) => Event::InlineHtml(b(t)),
        Event::FootnoteReference(t) => Event::FootnoteReference(b(t)),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    #[test]
    fn events_come_back_as_parsed() {
        let md = "# T {#x}\n\nA *b* **c** `d` [e](f.md \"t\") ![g](h.png)\n\n> [!NOTE]\n> q\n\n- i\n- [ ] j\n\n3. k\n\n|a|b|\n|-|:-|\n|1|2|\n\n```rust\nfn x() {}\n```\n\n<div>h</div>\n\n---\n\nx[^1]\n\n[^1]: n\n";
        let opts = Options::all();
        let original: Vec<Event<'_>> = Parser::new_ext(md, opts).collect();
        // Text in the source is pointed at; text from elsewhere (here: all
        // of it, parsed from another copy) is copied.
        let source: Arc<str> = Arc::from(md);
        let text_len: usize = original
            .iter()
            .map(|e| match e {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len(),
                _ => 0,
            })
            .sum();
        for parsed_from in [&*source, md] {
            let mut events = Events::new(Arc::clone(&source));
            for e in Parser::new_ext(parsed_from, opts) {
                events.push(e);
            }
            events.shrink_to_fit();
            let stored: Vec<Event<'_>> = events.iter().collect();
            assert_eq!(stored, original);
            assert_eq!(events.len(), original.len());
            let copied = events.text.len();
            match std::ptr::eq(parsed_from, &*source) {
                true => assert!(copied < text_len / 4, "{copied} of {text_len} copied"),
                false => assert_eq!(copied, text_len),
            }
        }
        assert!(std::mem::size_of::<Stored>() <= 12);
    }
}
