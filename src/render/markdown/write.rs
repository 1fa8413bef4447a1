//! Writing a parsed page as HTML ([`to_html`]): a [`Writer`] holds the
//! state of one rendering (open headings, links and glossary terms,
//! footnotes, addresses kept from the sanitiser), with one method per kind
//! of event it rewrites; every other event passes through unchanged.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::callouts::{callout_index, callout_open, write_space_html, Custom};
use super::notes::Notes;
use super::{html, GlossaryLink, HtmlOptions, Parsed};
use crate::escape::{html as html_escape, push_html};

/// Writes a parsed page as HTML.
pub fn to_html(parsed: &Parsed, opts: &HtmlOptions<'_>) -> String {
    let mut w = Writer::new(parsed, opts);
    for (i, event) in parsed.events.iter().enumerate() {
        if !parsed.custom.is_empty() {
            if let Some(c) = parsed.custom.get(&i) {
                w.custom(*c);
                continue;
            }
        }
        w.event(event);
    }
    w.finish()
}

/// The state of one rendering of a parsed page.
struct Writer<'p, 'o, 'a> {
    parsed: &'p Parsed,
    opts: &'o HtmlOptions<'a>,
    /// Open headings: their level and whether they are wrapped in a self-link.
    heading_stack: Vec<(u8, bool)>,
    /// Open links: the address to print after each (if any) and its text so far.
    link_stack: Vec<Option<(String, String)>>,
    /// Open links: the HTML that closes each glossary link (`None`: an ordinary link).
    glossary_stack: Vec<Option<String>>,
    /// Glossary tooltips so far (for their ids).
    tips: usize,
    out: Vec<Event<'p>>,
    quotes: Option<(char, char)>,
    urls: Urls,
    notes: Notes<'p>,
}

impl<'p, 'o, 'a> Writer<'p, 'o, 'a> {
    fn new(parsed: &'p Parsed, opts: &'o HtmlOptions<'a>) -> Self {
        Writer {
            parsed,
            opts,
            heading_stack: Vec::new(),
            link_stack: Vec::new(),
            glossary_stack: Vec::new(),
            tips: 0,
            out: Vec::with_capacity(parsed.events.len()),
            quotes: double_quotes(opts.lang),
            urls: Urls {
                hide: opts.sanitizer.is_some() && !parsed.raw_html.is_empty(),
                list: Vec::new(),
            },
            notes: Notes::default(),
        }
    }

    /// An event of a custom callout or writing space: what stands in its place.
    fn custom(&mut self, c: Custom) {
        match c {
            Custom::Open(k) => self.out.push(callout_open(k, self.opts)),
            Custom::Skip => {}
            Custom::Close => self.out.push(Event::Html(CowStr::from("</div>\n"))),
            Custom::Write(n) => self
                .out
                .push(Event::Html(CowStr::from(write_space_html(n)))),
        }
    }

    /// Any other event, rewritten where it needs to be.
    fn event(&mut self, event: Event<'p>) {
        let prefix = self.opts.id_prefix;
        let e = match &event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => self.heading_start(*level as u8, id.as_deref().unwrap_or(""), classes),
            Event::End(TagEnd::Heading(_)) => self.heading_end(),
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                callout_open(callout_index(*kind), self.opts)
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::from("</div>\n")),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => return self.link_start(*link_type, dest_url, title, id),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: self.urls.keep(if dest_url.trim().is_empty() {
                    String::new()
                } else {
                    self.opts.links.rewrite(dest_url, true)
                }),
                title: title.clone(),
                id: id.clone(),
            }),
            Event::FootnoteReference(label) => Event::Html(CowStr::from(self.notes.reference(
                self.parsed,
                label,
                prefix,
            ))),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                Event::Html(CowStr::from(self.notes.start(self.parsed, label, prefix)))
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                Event::Html(CowStr::from(self.notes.end(self.parsed, prefix)))
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                self.raw_html(h, matches!(event, Event::Html(_)))
            }
            Event::Text(_) | Event::Code(_) => self.text(event),
            Event::End(TagEnd::Link) => return self.link_end(event),
            _ => event,
        };
        self.out.push(e);
    }

    /// A heading's start (level `level` before the shift), with its id, the
    /// id older versions gave it and a self-link.
    fn heading_start(&mut self, level: u8, id: &str, classes: &[CowStr<'p>]) -> Event<'p> {
        let prefix = self.opts.id_prefix;
        let parsed = self.parsed;
        let n = (level + self.opts.heading_shift).min(6);
        let wrap = !parsed.linked_headings.iter().any(|h| h == id);
        self.heading_stack.push((n, wrap));
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

    fn heading_end(&mut self) -> Event<'p> {
        let (n, wrap) = self.heading_stack.pop().unwrap_or((2, false));
        let mut close = String::with_capacity(12);
        if wrap {
            close.push_str("</a>");
        }
        close.push_str("</h");
        close.push(char::from(b'0' + n));
        close.push_str(">\n");
        Event::Html(CowStr::from(close))
    }

    /// A link's start: a glossary term, or a link with its address rewritten
    /// (and, for print, remembered to be printed after its text).
    fn link_start(
        &mut self,
        link_type: LinkType,
        dest_url: &CowStr<'p>,
        title: &CowStr<'p>,
        id: &CowStr<'p>,
    ) {
        let opts = self.opts;
        if let Some(g) = opts.links.glossary(dest_url) {
            self.tips += 1;
            let (open, close) = glossary_html(&g, opts.id_prefix, self.tips);
            self.glossary_stack.push(Some(close));
            self.link_stack.push(None);
            self.out.push(Event::InlineHtml(CowStr::from(open)));
            return;
        }
        self.glossary_stack.push(None);
        let dest = if link_type == LinkType::Email {
            format!("mailto:{dest_url}")
        } else if dest_url.trim().is_empty() {
            String::new()
        } else {
            opts.links.rewrite(dest_url, false)
        };
        self.link_stack.push(match link_type {
            LinkType::Autolink | LinkType::Email => None,
            _ => opts.links.print_url(&dest).map(|a| (a, String::new())),
        });
        let start = Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: self.urls.keep(dest),
            title: title.clone(),
            id: id.clone(),
        });
        self.out.push(start);
    }

    /// A link's end: the glossary term's tooltip, or the printed address.
    fn link_end(&mut self, event: Event<'p>) {
        if let Some(Some(close)) = self.glossary_stack.pop() {
            self.link_stack.pop();
            self.out.push(Event::InlineHtml(CowStr::from(close)));
            return;
        }
        self.out.push(event);
        if let Some(Some((address, text))) = self.link_stack.pop() {
            if !shows_address(&text, &address) {
                self.out.push(Event::InlineHtml(CowStr::from(format!(
                    "<span class=\"link-url\" dir=\"ltr\">{}</span>",
                    html_escape(&address)
                ))));
            }
        }
    }

    /// Raw HTML (a block when `block`), its links and ids rewritten.
    fn raw_html(&self, h: &str, block: bool) -> Event<'p> {
        let opts = self.opts;
        let rewrite = |tag: &str, v: &str| opts.links.rewrite(v, tag != "a");
        let mut h = html::rewrite(h, &rewrite, opts.id_prefix);
        if let Some(filtered) = html::tag_filter(&h) {
            h = filtered;
        }
        if block {
            Event::Html(CowStr::from(h))
        } else {
            Event::InlineHtml(CowStr::from(h))
        }
    }

    /// Text or code: added to the text of open links; text gets the
    /// language's quotation marks.
    fn text(&mut self, event: Event<'p>) -> Event<'p> {
        let (Event::Text(t) | Event::Code(t)) = &event else {
            return event;
        };
        for (_, text) in self.link_stack.iter_mut().flatten() {
            text.push_str(t);
        }
        match (&event, self.quotes) {
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

    /// The HTML of all events, sanitised when the page has raw HTML.
    fn finish(self) -> String {
        let mut html = String::with_capacity(self.parsed.events.len() * 24);
        pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
        match self.opts.sanitizer {
            // Without raw HTML, pulldown-cmark's output is safe by construction.
            // Too deep for the HTML parser: reported as an error; not published.
            Some(_) if self.parsed.html_too_deep.is_some() => String::new(),
            Some(b) if self.urls.hide => {
                self.urls.restore(&crate::render::sanitize::clean(b, &html))
            }
            _ => html,
        }
    }
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
