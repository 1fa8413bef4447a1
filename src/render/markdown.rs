//! Markdown → HTML with pulldown-cmark. A page is parsed once ([`parse`]);
//! the parsed events are then written out as HTML ([`to_html`]) as many times
//! as the page is shown (its own page, fallback copies, print pages), each
//! with the links rewritten for where that HTML lives.

mod autolink;
mod events;
mod html;
mod kramdown;
mod parse;
pub mod slug;

use std::collections::HashMap;

use events::Events;
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::sanitize::RawHtml;
use crate::escape::{html as html_escape, push_html};

pub use parse::parse;
pub use slug::slugify;

/// A heading of a page, with its unique id.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// The id older equil versions gave it, when different: still an anchor,
    /// so that links written against it keep working.
    #[serde(skip)]
    pub old_id: Option<String>,
}

/// A footnote: its number (by first appearance), id and how often it is referenced.
#[derive(Debug, Clone)]
struct Footnote {
    number: usize,
    id: String,
    refs: usize,
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

/// A page's Markdown, parsed once.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    events: Events,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub sections: Vec<Section>,
    pub raw_html: Vec<RawHtml>,
    /// Where raw HTML first nests deeper than the sanitiser can take
    /// (see [`super::sanitize::MAX_HTML_NESTING`]): line and column.
    pub html_too_deep: Option<(usize, usize)>,
    /// Anchors defined by raw HTML (`id`, `<a name>`).
    pub anchors: Vec<String>,
    /// Footnote label → its number and id.
    footnotes: HashMap<String, Footnote>,
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

    /// How to write a link to a glossary term (`glossary:id`); `None` for
    /// any other link.
    fn glossary(&self, _dest: &str) -> Option<GlossaryLink> {
        None
    }
}

/// How a `[text](glossary:id)` link is written.
pub enum GlossaryLink {
    /// The term as plain text (print: no link, no definition).
    Plain,
    /// A link to the entry with its definition as a tooltip that works
    /// without JavaScript (shown on hover and keyboard focus).
    Tip {
        href: String,
        definition: String,
        /// The definition's language when it is not the page's (a term the
        /// reader's glossary lacks).
        lang: Option<String>,
    },
}

/// The HTML that opens and closes a glossary link (tooltip number `n`).
fn glossary_html(g: &GlossaryLink, prefix: &str, n: usize) -> (String, String) {
    match g {
        GlossaryLink::Plain => (
            "<span class=\"glossary-term\">".to_string(),
            "</span>".to_string(),
        ),
        GlossaryLink::Tip {
            href,
            definition,
            lang,
        } => {
            let id = format!("{}gl-tip-{n}", html_escape(prefix));
            let lang = lang
                .as_deref()
                .map(|l| format!(" lang=\"{}\"", html_escape(l)))
                .unwrap_or_default();
            (
                format!(
                    "<span class=\"glossary-ref\"><a class=\"glossary-term\" href=\"{}\" aria-describedby=\"{id}\">",
                    html_escape(href)
                ),
                format!(
                    "</a><span class=\"glossary-tip\" role=\"tooltip\" id=\"{id}\"{lang}>{}</span></span>",
                    html_escape(definition)
                ),
            )
        }
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
    /// Localised titles for note, tip, important, warning, caution.
    pub callout_titles: &'a [String; 7],
    /// The language of those titles when it differs from the text's (a
    /// page not yet translated), for their `lang` attribute.
    pub titles_lang: Option<&'a str>,
    /// The language of the text (its quotation marks).
    pub lang: &'a str,
    /// Offset added to heading levels (print: page h2 → h3 under a chapter h2).
    pub heading_shift: u8,
    /// Sanitiser for pages with raw HTML (`None`: raw HTML is trusted).
    pub sanitizer: Option<&'a ammonia::Builder<'static>>,
}

/// The Markdown extensions equil reads (GitHub's).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The double quotation marks of a language, where they differ from the
/// English “…” a writer (or an editor's smart quotes) typed: Dutch „…”,
/// Danish »…«, Spanish and Italian «…». (Single quotes stay ‘…’: their
/// closing mark is the apostrophe.)
fn double_quotes(lang: &str) -> Option<(char, char)> {
    match lang.split('-').next().unwrap_or(lang) {
        "nl" => Some(('„', '”')),
        "da" => Some(('»', '«')),
        "es" | "it" => Some(('«', '»')),
        _ => None,
    }
}

/// Writes a parsed page as HTML.
pub fn to_html(parsed: &Parsed, opts: &HtmlOptions<'_>) -> String {
    let prefix = opts.id_prefix;
    let mut heading_stack: Vec<(u8, bool)> = Vec::new();
    // Open links: the address to print after each (if any) and its text so far.
    let mut link_stack: Vec<Option<(String, String)>> = Vec::new();
    // Open links: the HTML that closes each glossary link (`None`: an ordinary link).
    let mut glossary_stack: Vec<Option<String>> = Vec::new();
    let mut tips = 0;
    let mut out_events: Vec<Event<'_>> = Vec::with_capacity(parsed.events.len());
    let quotes = double_quotes(opts.lang);
    let mut urls = Urls {
        hide: opts.sanitizer.is_some() && !parsed.raw_html.is_empty(),
        list: Vec::new(),
    };
    let mut notes = Notes::default();
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
                let n = (*level as u8 + opts.heading_shift).min(6);
                let id = id.as_deref().unwrap_or("");
                let wrap = !parsed.linked_headings.iter().any(|h| h == id);
                heading_stack.push((n, wrap));
                let mut open = String::with_capacity(48 + 2 * (prefix.len() + id.len()));
                open.push_str("<h");
                open.push(char::from(b'0' + n));
                open.push_str(" id=\"");
                push_html(&mut open, prefix);
                push_html(&mut open, id);
                open.push('"');
                if !classes.is_empty() {
                    open.push_str(" class=\"");
                    for (i, c) in classes.iter().enumerate() {
                        if i > 0 {
                            open.push(' ');
                        }
                        push_html(&mut open, c);
                    }
                    open.push('"');
                }
                open.push('>');
                let old = parsed.headings.iter().find(|h| h.id == id);
                if let Some(old) = old.and_then(|h| h.old_id.as_deref()) {
                    open.push_str("<span id=\"");
                    push_html(&mut open, prefix);
                    push_html(&mut open, old);
                    open.push_str("\"></span>");
                }
                if wrap {
                    open.push_str("<a class=\"header\" href=\"#");
                    push_html(&mut open, prefix);
                    push_html(&mut open, id);
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
                if let Some(g) = opts.links.glossary(dest_url) {
                    let (open, close) = {
                        tips += 1;
                        glossary_html(&g, prefix, tips)
                    };
                    glossary_stack.push(Some(close));
                    link_stack.push(None);
                    out_events.push(Event::InlineHtml(CowStr::from(open)));
                    continue;
                }
                glossary_stack.push(None);
                let dest = if *link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else if dest_url.trim().is_empty() {
                    String::new()
                } else {
                    opts.links.rewrite(dest_url, false)
                };
                link_stack.push(match link_type {
                    LinkType::Autolink | LinkType::Email => None,
                    _ => opts.links.print_url(&dest).map(|a| (a, String::new())),
                });
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: urls.keep(dest),
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
                dest_url: urls.keep(if dest_url.trim().is_empty() {
                    String::new()
                } else {
                    opts.links.rewrite(dest_url, true)
                }),
                title: title.clone(),
                id: id.clone(),
            }),
            Event::FootnoteReference(label) => {
                Event::Html(CowStr::from(notes.reference(parsed, label, prefix)))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Html(CowStr::from(notes.start(parsed, label, prefix)))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                Event::Html(CowStr::from(notes.end(parsed, prefix)))
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let rewrite = |tag: &str, v: &str| opts.links.rewrite(v, tag != "a");
                let mut h = html::rewrite(h, &rewrite, prefix);
                if let Some(filtered) = html::tag_filter(&h) {
                    h = filtered;
                }
                match event {
                    Event::Html(_) => Event::Html(CowStr::from(h)),
                    _ => Event::InlineHtml(CowStr::from(h)),
                }
            }
            Event::Text(t) | Event::Code(t) => {
                for (_, text) in link_stack.iter_mut().flatten() {
                    text.push_str(t);
                }
                match (&event, quotes) {
                    // Two searches for one character each (memchr) are much faster
                    // than one search for either (a decode of every character).
                    (Event::Text(t), Some((open, close))) if t.contains('“') || t.contains('”') => {
                        Event::Text(CowStr::from(
                            t.replace('“', &open.to_string())
                                .replace('”', &close.to_string()),
                        ))
                    }
                    _ => event,
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some(close)) = glossary_stack.pop() {
                    link_stack.pop();
                    out_events.push(Event::InlineHtml(CowStr::from(close)));
                    continue;
                }
                out_events.push(event);
                if let Some(Some((address, text))) = link_stack.pop() {
                    if !shows_address(&text, &address) {
                        out_events.push(Event::InlineHtml(CowStr::from(format!(
                            "<span class=\"link-url\" dir=\"ltr\">{}</span>",
                            html_escape(&address)
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
        // Too deep for the HTML parser: reported as an error; not published.
        Some(_) if parsed.html_too_deep.is_some() => String::new(),
        Some(b) if urls.hide => urls.restore(&super::sanitize::clean(b, &html)),
        _ => html,
    }
}

/// The addresses of Markdown links and images on a page with raw HTML. The
/// sanitiser is for what authors wrote as HTML: Markdown addresses (any
/// scheme but the unsafe ones, which the link checker refuses) go past it
/// as `#equil-url-N` and are put back afterwards.
struct Urls {
    hide: bool,
    list: Vec<String>,
}

const URL_MARK: &str = "\"#equil-url-";

impl Urls {
    fn keep(&mut self, url: String) -> CowStr<'static> {
        if !self.hide {
            return CowStr::from(url);
        }
        self.list.push(url);
        CowStr::from(format!("{}{}", &URL_MARK[1..], self.list.len() - 1))
    }

    fn restore(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() + 32 * self.list.len());
        let mut rest = html;
        while let Some(p) = rest.find(URL_MARK) {
            out.push_str(&rest[..p + 1]);
            rest = &rest[p + URL_MARK.len()..];
            let digits = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let url = rest[..digits]
                .parse::<usize>()
                .ok()
                .and_then(|i| self.list.get(i));
            match url {
                Some(url) if rest[digits..].starts_with('"') => {
                    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
                    rest = &rest[digits..];
                }
                _ => out.push_str(&URL_MARK[1..]),
            }
        }
        out.push_str(rest);
        out
    }
}

/// Footnotes while a page is written: each reference gets its own id
/// (`fnref-x`, `fnref-x-2`), each note a link back to every reference.
#[derive(Default)]
struct Notes<'p> {
    seen: HashMap<&'p str, usize>,
    open: Vec<&'p Footnote>,
}

impl<'p> Notes<'p> {
    fn reference(&mut self, parsed: &'p Parsed, label: &str, prefix: &str) -> String {
        let Some(f) = parsed.footnotes.get(label) else {
            return String::new();
        };
        let k = self.seen.entry(f.id.as_str()).or_insert(0);
        *k += 1;
        let r = if *k == 1 {
            String::new()
        } else {
            format!("-{k}")
        };
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#{p}fn-{l}\" id=\"{p}fnref-{l}{r}\">{n}</a></sup>",
            p = html_escape(prefix),
            l = html_escape(&f.id),
            n = f.number
        )
    }

    fn start(&mut self, parsed: &'p Parsed, label: &str, prefix: &str) -> String {
        let Some(f) = parsed.footnotes.get(label) else {
            return String::new();
        };
        self.open.push(f);
        let (p, l, n) = (html_escape(prefix), html_escape(&f.id), f.number);
        let label = if f.refs > 0 {
            format!("<a href=\"#{p}fnref-{l}\">{n}</a>")
        } else {
            n.to_string()
        };
        format!("<div class=\"footnote-definition\" id=\"{p}fn-{l}\"><span class=\"footnote-label\">{label}</span>")
    }

    fn end(&mut self, _parsed: &'p Parsed, prefix: &str) -> String {
        let mut out = String::new();
        if let Some(f) = self.open.pop() {
            let (p, l) = (html_escape(prefix), html_escape(&f.id));
            for k in 2..=f.refs {
                out.push_str(&format!(
                    " <a class=\"footnote-backref\" href=\"#{p}fnref-{l}-{k}\">↩{k}</a>"
                ));
            }
        }
        out.push_str("</div>\n");
        out
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
        "<div class=\"callout callout-{}\" role=\"note\">\n<p class=\"callout-title\"{}>{}</p>\n",
        CALLOUT_KINDS[i],
        opts.titles_lang
            .map(|l| format!(" lang=\"{}\"", html_escape(l)))
            .unwrap_or_default(),
        html_escape(&opts.callout_titles[i])
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

    struct Same;
    impl LinkRewriter for Same {
        fn rewrite(&self, dest: &str, _image: bool) -> String {
            dest.replace(".md", ".html")
        }
    }

    fn html(md: &str) -> String {
        html_in(md, "en")
    }

    fn html_in(md: &str, lang: &str) -> String {
        let titles = english_callout_titles();
        to_html(
            &parse(md, 1),
            &HtmlOptions {
                links: &Same,
                id_prefix: "",
                callout_titles: &titles,
                titles_lang: None,
                lang,
                heading_shift: 0,
                sanitizer: None,
            },
        )
    }

    #[test]
    fn quotation_marks_follow_the_language_of_the_text() {
        let md = "She said “work first” – it’s ‘place, then train’… `“code”`\n";
        let cases = [
            ("en", "“work first”"),
            ("nl", "„work first”"),
            ("da", "»work first«"),
            ("es", "«work first»"),
            ("it", "«work first»"),
        ];
        for (lang, quoted) in cases {
            let h = html_in(md, lang);
            assert!(h.contains(quoted), "{lang}: {h}");
            assert!(h.contains("– it’s ‘place, then train’…"), "{lang}: {h}");
            assert!(h.contains("<code>“code”</code>"), "{lang}: {h}");
        }
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
    fn github_ids_in_every_script_and_old_ids_kept() {
        let p = parse(
            "## Don't tolerate bad actors\n\n## क्या है\n\n## Main\n\n## Set {x}\n\n## 🎉\n\n## Mine {#main-1}\n\n## Empty {}\n",
            1,
        );
        let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "dont-tolerate-bad-actors",
                "क्या-है",
                "main-2",
                "set-x",
                "section",
                "main-1",
                "empty-"
            ]
        );
        assert_eq!(p.headings[3].text, "Set {x}");
        assert_eq!(
            p.headings[0].old_id.as_deref(),
            Some("don-t-tolerate-bad-actors")
        );
        assert_eq!(p.headings[1].old_id.as_deref(), Some("क-या-है"));
        let h = html("## Don't give up\n");
        assert!(
            h.contains(r#"<h2 id="dont-give-up"><span id="don-t-give-up"></span>"#),
            "{h}"
        );
    }

    #[test]
    fn links_keep_schemes_queries_and_mail_addresses() {
        let titles = english_callout_titles();
        let b = crate::render::sanitize::builder(&[]);
        let md = "<kbd>K</kbd> [doi](doi:10.1000/1) <zotero://select/x> [q](doc.pdf?x=1#page=2) [e]() <jo@example.org> and https://equil.eu/x. `www.code.org` <a href=\"https://x.org\">see www.y.org</a>\n\n<a href=\"zotero://y\">raw</a>\n";
        let p = parse(md, 1);
        assert!(p.links.iter().any(|l| l.dest == "mailto:jo@example.org"));
        let h = to_html(
            &p,
            &HtmlOptions {
                links: &Same,
                id_prefix: "",
                callout_titles: &titles,
                titles_lang: None,
                lang: "en",
                heading_shift: 0,
                sanitizer: Some(&b),
            },
        );
        for want in [
            r#"<a href="doi:10.1000/1">doi</a>"#,
            r#"<a href="zotero://select/x">zotero://select/x</a>"#,
            r#"<a href="doc.pdf?x=1#page=2">q</a>"#,
            r#"<a href="">e</a>"#,
            r#"<a href="mailto:jo@example.org">jo@example.org</a>"#,
            r#"<a href="https://equil.eu/x">https://equil.eu/x</a>."#,
            "<code>www.code.org</code>",
            r#"<a href="https://x.org">see www.y.org</a>"#,
            "<a>raw</a>",
        ] {
            assert!(h.contains(want), "{want} in {h}");
        }
    }

    #[test]
    fn footnotes_get_unique_ids_and_backlinks() {
        let h = html("A[^a b] B[^a-b] C[^*] D[^!] E[^a b]\n\n[^a b]: One.\n[^a-b]: Two.\n[^*]: Three.\n[^!]: Four.\n[^none]: Five.\n");
        for want in [
            r##"<a href="#fn-a-b" id="fnref-a-b">1</a>"##,
            r##"<a href="#fn-a-b-1" id="fnref-a-b-1">2</a>"##,
            r##"<a href="#fn-3" id="fnref-3">3</a>"##,
            r##"<a href="#fn-4" id="fnref-4">4</a>"##,
            r##"<a href="#fn-a-b" id="fnref-a-b-2">1</a>"##,
            r##"<a class="footnote-backref" href="#fnref-a-b-2">↩2</a>"##,
            r##"id="fn-none"><span class="footnote-label">5</span>"##,
        ] {
            assert!(h.contains(want), "{want} in {h}");
        }
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
