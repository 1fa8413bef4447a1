//! A page's parsed Markdown events, stored compactly: all text in one buffer
//! and each event in 12 bytes (pulldown-cmark's `Event` takes 80), with the
//! few events that carry more (links, images, headings, code blocks, lists,
//! tables, footnotes) kept whole beside them. A 10,000-page site keeps its
//! parsed pages in a third of the memory, and writing HTML borrows the text
//! instead of copying it.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

/// Where a text is in [`Events::text`].
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

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
    text: String,
    stored: Vec<Stored>,
    others: Vec<Event<'static>>,
}

impl Events {
    /// Room for the events of about `bytes` of Markdown.
    pub fn with_capacity(bytes: usize) -> Events {
        Events {
            text: String::with_capacity(bytes),
            stored: Vec::with_capacity(bytes / 16),
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

    /// Copies `t` into the text buffer (`None` past 4 GiB of text).
    fn span(&mut self, t: &str) -> Option<Span> {
        let start = u32::try_from(self.text.len()).ok()?;
        let len = u32::try_from(t.len()).ok()?;
        start.checked_add(len)?;
        self.text.push_str(t);
        Some(Span { start, len })
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
            let start = span.start as usize;
            CowStr::Borrowed(
                self.text
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
        let mut events = Events::with_capacity(md.len());
        for e in Parser::new_ext(md, opts) {
            events.push(e);
        }
        events.shrink_to_fit();
        let original: Vec<Event<'_>> = Parser::new_ext(md, opts).collect();
        let stored: Vec<Event<'_>> = events.iter().collect();
        assert_eq!(stored, original);
        assert_eq!(events.len(), original.len());
        assert!(std::mem::size_of::<Stored>() <= 12);
    }
}
