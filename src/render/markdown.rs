//! Markdown → HTML with pulldown-cmark. A page is parsed once ([`parse`]);
//! the parsed events are then written out as HTML ([`to_html`]) as many times
//! as the page is shown (its own page, fallback copies, print pages), each
//! with the links rewritten for where that HTML lives.

mod autolink;
mod callouts;
mod events;
mod html;
mod kramdown;
mod notes;
mod parse;
mod sections;
pub mod slug;
mod write;

use std::collections::HashMap;

use callouts::Custom;
use events::Events;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::sanitize::RawHtml;

pub use callouts::{english_callout_titles, CALLOUT_KINDS, MAX_WRITE_LINES};
pub use parse::parse;
pub use slug::slugify;
pub use write::to_html;

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

/// A run of plain text under one heading, or before the first heading
/// (for the search index; its text is [`Parsed::section_texts`]). A page
/// has one section more than it has headings.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The heading's id; `None` for text before the first heading.
    pub id: Option<String>,
    pub heading: String,
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
    use super::callouts::write_space;
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
        let texts = p.section_texts();
        assert_eq!(texts.len(), 2);
        assert!(texts[0].contains("Lead text."));
        assert!(texts[1].contains("Some words here."));
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
