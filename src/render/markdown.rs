//! Markdown → HTML with pulldown-cmark. A page is parsed once ([`parse`]);
//! the parsed events are then written out as HTML ([`to_html`]) as many times
//! as the page is shown (its own page, fallback copies, print pages), each
//! with the links rewritten for where that HTML lives.

mod events;

use std::collections::HashMap;

use events::Events;
use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

/// A heading of a page, with its unique id.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link or image destination written in the page, with its file position.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    pub image: bool,
    pub line: usize,
    pub column: usize,
}

/// A run of plain text under one heading (for the search index).
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The heading's id; `None` for text before the first heading.
    pub id: Option<String>,
    pub heading: String,
    pub text: String,
}

/// Raw HTML written in the page, with its file position (for sanitising reports).
#[derive(Debug, Clone)]
pub struct RawHtml {
    pub html: String,
    pub line: usize,
    pub column: usize,
}

/// A page's Markdown, parsed once.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    events: Events,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub sections: Vec<Section>,
    pub raw_html: Vec<RawHtml>,
    /// Footnote label → number, by first appearance.
    footnotes: HashMap<String, usize>,
    /// Headings that contain a link (not wrapped in a self-link).
    linked_headings: Vec<String>,
    /// Events of `> [!EXERCISE]` / `> [!REFLECTION]` callouts (which
    /// pulldown-cmark does not know), by event index.
    custom: HashMap<usize, Custom>,
}

/// What to write instead of an event of a custom callout.
#[derive(Debug, Clone, Copy)]
enum Custom {
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
fn write_space(text: &str) -> Option<Option<u32>> {
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

fn callout_index(kind: BlockQuoteKind) -> usize {
    match kind {
        BlockQuoteKind::Note => 0,
        BlockQuoteKind::Tip => 1,
        BlockQuoteKind::Important => 2,
        BlockQuoteKind::Warning => 3,
        BlockQuoteKind::Caution => 4,
    }
}

/// Where the HTML will live, and how to rewrite links for it.
pub trait LinkRewriter {
    /// The `href`/`src` to write for a destination found in the Markdown.
    fn rewrite(&self, dest: &str, image: bool) -> String;

    /// For print: the address to print after a link to `href` (as rewritten),
    /// so that readers of paper can follow it. `None`: print nothing.
    fn print_url(&self, _href: &str) -> Option<String> {
        None
    }
}

/// Whether the text of a link already shows its address (`www.x.org` for
/// `https://www.x.org/`), so that printing the address again adds nothing.
fn shows_address(text: &str, address: &str) -> bool {
    fn bare(s: &str) -> String {
        let s = s.trim().to_lowercase();
        let s = s.split_once("://").map(|(_, r)| r.to_string()).unwrap_or(s);
        let s = s.strip_prefix("//").unwrap_or(&s);
        let s = s.strip_prefix("www.").unwrap_or(s);
        s.trim_end_matches('/').to_string()
    }
    bare(text) == bare(address)
}

/// Options for one HTML rendering of a parsed page.
pub struct HtmlOptions<'a> {
    pub links: &'a dyn LinkRewriter,
    /// Prefix for every id (headings, footnotes), so that several pages can
    /// share one print document.
    pub id_prefix: &'a str,
    /// Localised titles of the [`CALLOUT_KINDS`].
    pub callout_titles: &'a [String; 7],
    /// Offset added to heading levels (print: page h2 → h3 under a chapter h2).
    pub heading_shift: u8,
    /// Sanitiser for pages with raw HTML (`None`: raw HTML is trusted).
    pub sanitizer: Option<&'a ammonia::Builder<'static>>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Turns heading text into an id: lowercase letters and digits joined by `-`.
pub fn slugify(text: &str) -> String {
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

/// Line starts of a text, for byte offset → line and column.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }
    fn pos(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }
}

/// Parses a page body. `first_line` is the file line the body starts on.
pub fn parse(body: &str, first_line: usize) -> Parsed {
    let lines = Lines::new(body);
    let mut parsed = Parsed::default();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut events = Events::with_capacity(body.len());
    let mut heading: Option<(usize, String, bool)> = None; // (event index, text, has link)
    let mut section = Section::default();
    let mut in_code = false;
    let mut callouts = CalloutScan::default();
    // A paragraph being read: its start, its text events and text.
    let mut paragraph: Option<(usize, Vec<usize>, String)> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        callouts.see(events.len(), &event, &mut parsed.custom);
        match (&event, paragraph.as_mut()) {
            (Event::Start(Tag::Paragraph), _) => {
                paragraph = Some((events.len(), Vec::new(), String::new()));
            }
            (Event::Text(t), Some((_, texts, text))) => {
                texts.push(events.len());
                text.push_str(t);
            }
            (Event::End(TagEnd::Paragraph), Some((start, texts, text))) => {
                if let Some(n) = write_space(text) {
                    if !parsed.custom.contains_key(start) {
                        parsed.custom.insert(*start, Custom::Write(n));
                        for t in texts.iter() {
                            parsed.custom.insert(*t, Custom::Skip);
                        }
                        parsed.custom.insert(events.len(), Custom::Skip);
                    }
                }
                paragraph = None;
            }
            _ => paragraph = None,
        }
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some((events.next_other(), String::new(), false));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text, has_link)) = heading.take() {
                    let text = text.trim().to_string();
                    if let Some(Event::Start(Tag::Heading { id, .. })) = events.other_mut(start) {
                        let base = id
                            .as_ref()
                            .map(|s| s.to_string())
                            .unwrap_or_else(|| slugify(&text));
                        let n = used_ids.entry(base.clone()).or_insert(0);
                        let unique = if *n == 0 {
                            base.clone()
                        } else {
                            format!("{base}-{n}")
                        };
                        *n += 1;
                        used_ids.entry(unique.clone()).or_insert(1);
                        *id = Some(CowStr::from(unique.clone()));
                        if has_link {
                            parsed.linked_headings.push(unique.clone());
                        }
                        parsed.headings.push(Heading {
                            level: heading_number(*level),
                            id: unique.clone(),
                            text: text.clone(),
                        });
                        if !section.text.trim().is_empty() || section.id.is_some() {
                            parsed.sections.push(std::mem::take(&mut section));
                        }
                        section = Section {
                            id: Some(unique),
                            heading: text,
                            text: String::new(),
                        };
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(h) = heading.as_mut() {
                    h.2 = true;
                }
                let (line, column) = lines.pos(body, range.start);
                parsed.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    image: matches!(event, Event::Start(Tag::Image { .. })),
                    line: first_line + line - 1,
                    column,
                });
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.1.push_str(t);
                } else if !in_code || matches!(event, Event::Code(_)) {
                    section.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => section.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                section.text.push(' ')
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let (line, column) = lines.pos(body, range.start);
                parsed.raw_html.push(RawHtml {
                    html: h.to_string(),
                    line: first_line + line - 1,
                    column,
                });
            }
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                let next = parsed.footnotes.len() + 1;
                parsed.footnotes.entry(label.to_string()).or_insert(next);
            }
            _ => {}
        }
        events.push(event);
    }
    if !section.text.trim().is_empty() || section.id.is_some() {
        parsed.sections.push(section);
    }
    events.shrink_to_fit();
    parsed.events = events;
    parsed
}

/// Finds `> [!EXERCISE]` and `> [!REFLECTION]` callouts while a page is
/// parsed: a blockquote whose first line is exactly the marker.
#[derive(Default)]
struct CalloutScan {
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
    fn see(&mut self, i: usize, event: &Event<'_>, custom: &mut HashMap<usize, Custom>) {
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

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape_html(&mut out, s);
    out
}

fn pulldown_cmark_escape_html(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Writes a parsed page as HTML.
pub fn to_html(parsed: &Parsed, opts: &HtmlOptions<'_>) -> String {
    let prefix = opts.id_prefix;
    let mut heading_stack: Vec<(u8, bool)> = Vec::new();
    // Open links: the address to print after each (if any) and its text so far.
    let mut link_stack: Vec<Option<(String, String)>> = Vec::new();
    let mut out_events: Vec<Event<'_>> = Vec::with_capacity(parsed.events.len());
    for (i, event) in parsed.events.iter().enumerate() {
        if !parsed.custom.is_empty() {
            match parsed.custom.get(&i) {
                Some(Custom::Open(k)) => {
                    out_events.push(callout_open(*k, opts));
                    continue;
                }
                Some(Custom::Skip) => continue,
                Some(Custom::Close) => {
                    out_events.push(Event::Html(CowStr::from("</div>\n")));
                    continue;
                }
                Some(Custom::Write(n)) => {
                    out_events.push(Event::Html(CowStr::from(write_space_html(*n))));
                    continue;
                }
                None => {}
            }
        }
        let e = match &event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let n = (heading_number(*level) + opts.heading_shift).min(6);
                let id = id.as_deref().unwrap_or("");
                let wrap = !parsed.linked_headings.iter().any(|h| h == id);
                heading_stack.push((n, wrap));
                let mut open = String::with_capacity(48 + 2 * (prefix.len() + id.len()));
                open.push_str("<h");
                open.push(char::from(b'0' + n));
                open.push_str(" id=\"");
                pulldown_cmark_escape_html(&mut open, prefix);
                pulldown_cmark_escape_html(&mut open, id);
                open.push('"');
                if !classes.is_empty() {
                    open.push_str(" class=\"");
                    for (i, c) in classes.iter().enumerate() {
                        if i > 0 {
                            open.push(' ');
                        }
                        pulldown_cmark_escape_html(&mut open, c);
                    }
                    open.push('"');
                }
                open.push('>');
                if wrap {
                    open.push_str("<a class=\"header\" href=\"#");
                    pulldown_cmark_escape_html(&mut open, prefix);
                    pulldown_cmark_escape_html(&mut open, id);
                    open.push_str("\">");
                }
                Event::Html(CowStr::from(open))
            }
            Event::End(TagEnd::Heading(_)) => {
                let (n, wrap) = heading_stack.pop().unwrap_or((2, false));
                let mut close = String::with_capacity(12);
                if wrap {
                    close.push_str("</a>");
                }
                close.push_str("</h");
                close.push(char::from(b'0' + n));
                close.push_str(">\n");
                Event::Html(CowStr::from(close))
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => callout_open(callout_index(*kind), opts),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::from("</div>\n")),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = if *link_type == LinkType::Email {
                    dest_url.to_string()
                } else {
                    opts.links.rewrite(dest_url, false)
                };
                link_stack.push(match link_type {
                    LinkType::Autolink | LinkType::Email => None,
                    _ => opts.links.print_url(&dest).map(|a| (a, String::new())),
                });
                Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from(dest),
                    title: title.clone(),
                    id: id.clone(),
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: CowStr::from(opts.links.rewrite(dest_url, true)),
                title: title.clone(),
                id: id.clone(),
            }),
            Event::FootnoteReference(label) => {
                let n = parsed.footnotes.get(label.as_ref()).copied().unwrap_or(0);
                let l = escape(&slugify(label));
                Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{p}fn-{l}\" id=\"{p}fnref-{l}\">{n}</a></sup>",
                    p = escape(prefix)
                )))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = parsed.footnotes.get(label.as_ref()).copied().unwrap_or(0);
                let l = escape(&slugify(label));
                Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{p}fn-{l}\"><span class=\"footnote-label\"><a href=\"#{p}fnref-{l}\">{n}</a></span>",
                    p = escape(prefix)
                )))
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
            Event::Text(t) | Event::Code(t) => {
                for (_, text) in link_stack.iter_mut().flatten() {
                    text.push_str(t);
                }
                event
            }
            Event::End(TagEnd::Link) => {
                out_events.push(event);
                if let Some(Some((address, text))) = link_stack.pop() {
                    if !shows_address(&text, &address) {
                        out_events.push(Event::InlineHtml(CowStr::from(format!(
                            "<span class=\"link-url\" dir=\"ltr\">{}</span>",
                            escape(&address)
                        ))));
                    }
                }
                continue;
            }
            _ => event,
        };
        out_events.push(e);
    }
    let mut html = String::with_capacity(parsed.events.len() * 24);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    match opts.sanitizer {
        // Without raw HTML, pulldown-cmark's output is safe by construction.
        Some(b) if !parsed.raw_html.is_empty() => super::sanitize::clean(b, &html),
        _ => html,
    }
}

/// A writing space: a ruled box (`None`) or `n` ruled lines.
fn write_space_html(n: Option<u32>) -> String {
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
fn callout_open<'e>(i: usize, opts: &HtmlOptions<'_>) -> Event<'e> {
    Event::Html(CowStr::from(format!(
        "<div class=\"callout callout-{}\" role=\"note\">\n<p class=\"callout-title\">{}</p>\n",
        CALLOUT_KINDS[i],
        escape(&opts.callout_titles[i])
    )))
}

/// Renders a short inline text (summary, objective) as HTML, without the `<p>`.
pub fn inline_html(text: &str) -> String {
    let mut html = String::new();
    let parser = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    // Inline text is ours to show, not to execute: raw HTML is escaped.
    let parser = parser.map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    pulldown_cmark::html::push_html(&mut html, parser);
    html.trim().to_string()
}

/// Plain text of a short inline Markdown text (for titles and attributes).
pub fn inline_text(text: &str) -> String {
    let mut out = String::new();
    for e in Parser::new(text) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Same;
    impl LinkRewriter for Same {
        fn rewrite(&self, dest: &str, _image: bool) -> String {
            dest.replace(".md", ".html")
        }
    }

    fn html(md: &str) -> String {
        let titles = [
            "Note",
            "Tip",
            "Important",
            "Warning",
            "Caution",
            "Exercise",
            "Reflection",
        ]
        .map(String::from);
        to_html(
            &parse(md, 1),
            &HtmlOptions {
                links: &Same,
                id_prefix: "",
                callout_titles: &titles,
                heading_shift: 0,
                sanitizer: None,
            },
        )
    }

    #[test]
    fn headings_get_unique_ids_and_self_links() {
        let p = parse("## Goals\n\n## Goals\n\n## Own {#mine}\n", 1);
        let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["goals", "goals-1", "mine"]);
        let h = html("## Åbenhed på jobbet\n");
        assert!(
            h.contains(
                r##"<h2 id="åbenhed-på-jobbet"><a class="header" href="#åbenhed-på-jobbet">"##
            ),
            "{h}"
        );
    }

    #[test]
    fn admonitions_become_callouts() {
        let h = html("> [!TIP]\n> Try this.\n");
        assert!(
            h.contains(r#"<div class="callout callout-tip" role="note">"#),
            "{h}"
        );
        assert!(h.contains(r#"<p class="callout-title">Tip</p>"#), "{h}");
        assert!(!h.contains("blockquote"), "{h}");
    }

    #[test]
    fn exercise_and_reflection_callouts() {
        let h = html("> [!EXERCISE]\n> Try *this*.\n\nAfter.\n");
        assert!(
            h.contains("<div class=\"callout callout-exercise\" role=\"note\">\n<p class=\"callout-title\">Exercise</p>\n<p>Try <em>this</em>.</p>\n</div>"),
            "{h}"
        );
        assert!(
            !h.contains("[!EXERCISE]") && !h.contains("blockquote"),
            "{h}"
        );
        // The marker alone in its paragraph, nested in another quote.
        let h = html("> Outer\n>\n> > [!REFLECTION]\n> >\n> > Think.\n");
        assert!(h.contains("<blockquote>"), "{h}");
        assert!(
            h.contains(
                "<p class=\"callout-title\">Reflection</p>\n<p>Think.</p>\n</div>\n</blockquote>"
            ),
            "{h}"
        );
        // Not exactly the marker: an ordinary quote.
        let h = html("> [!EXERCISE] now\n> x\n");
        assert!(h.contains("<blockquote>") && !h.contains("callout"), "{h}");
        let h = html("> [!EXERCISES]\n> x\n");
        assert!(h.contains("<blockquote>") && !h.contains("callout"), "{h}");
    }

    #[test]
    fn writing_spaces() {
        let h = html("Name:\n\n[____]\n\nWhat went well?\n\n[____ 3]\n");
        assert!(
            h.contains("<p>Name:</p>\n<div class=\"write-space write-box\" role=\"presentation\"><div class=\"write-line\"></div>"),
            "{h}"
        );
        assert_eq!(h.matches("class=\"write-line\"").count(), 4 + 3, "{h}");
        assert!(!h.contains("____"), "{h}");
        // Not a line of its own, too many lines, or too short: plain text.
        for text in ["Say [____] here", "[____ 41]", "[__]", "[____ x]"] {
            let h = html(text);
            assert!(!h.contains("write-space"), "{text}: {h}");
        }
        // Inside a table cell or list item it is text as written.
        assert!(!html("- [____]\n").contains("write-space"));
        assert_eq!(write_space("[________ 12]"), Some(Some(12)));
    }

    #[test]
    fn links_are_rewritten_and_positioned() {
        let p = parse("Intro\n\nSee [x](other.md#a) and ![i](pic.png).\n", 10);
        assert_eq!(p.links.len(), 2);
        assert_eq!((p.links[0].line, p.links[0].column), (12, 5));
        assert!(p.links[1].image);
        assert!(html("[x](other.md#a)").contains(r#"href="other.html#a""#));
    }

    #[test]
    fn footnotes_tables_tasks_strikethrough() {
        let h = html("A[^n].\n\n[^n]: Note.\n\n|a|b|\n|-|-|\n|1|2|\n\n- [x] done\n\n~~old~~\n");
        assert!(h.contains(r##"<a href="#fn-n" id="fnref-n">1</a>"##), "{h}");
        assert!(h.contains(r#"id="fn-n""#), "{h}");
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("checkbox"), "{h}");
        assert!(h.contains("<del>old</del>"), "{h}");
    }

    #[test]
    fn sections_collect_text_per_heading() {
        let p = parse("Lead text.\n\n## Open up\n\nSome *words* here.\n", 1);
        assert_eq!(p.sections.len(), 2);
        assert_eq!(p.sections[1].id.as_deref(), Some("open-up"));
        assert!(p.sections[1].text.contains("Some words here."));
    }

    #[test]
    fn inline_markdown_escapes_html() {
        assert_eq!(
            inline_html("a **b** <script>"),
            "a <strong>b</strong> &lt;script&gt;"
        );
        assert_eq!(inline_text("a **b** `c`"), "a b c");
    }
}
