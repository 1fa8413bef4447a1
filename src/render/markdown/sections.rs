//! The plain text of a page's sections (for the search index), read from
//! its stored events when it is needed rather than kept beside them: at
//! 10,000 pages that text is tens of megabytes `equil serve` would hold.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Parsed;

impl Parsed {
    /// The text of each of [`Parsed::sections`], in order: its prose and
    /// inline code, not its heading, code blocks or raw HTML, with a space
    /// for each line break and after each paragraph, list item and table
    /// cell.
    pub fn section_texts(&self) -> Vec<String> {
        // The text before the first heading, then the text after each.
        let mut texts = Vec::new();
        let mut text = String::new();
        let (mut in_heading, mut in_code) = (false, false);
        for event in self.events.iter() {
            match event {
                Event::Start(Tag::Heading { .. }) => in_heading = true,
                Event::End(TagEnd::Heading(_)) => {
                    in_heading = false;
                    texts.push(std::mem::take(&mut text));
                }
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(t) if !in_heading && !in_code => text.push_str(&t),
                Event::Code(t) if !in_heading => text.push_str(&t),
                Event::SoftBreak
                | Event::HardBreak
                | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                    text.push(' ')
                }
                _ => {}
            }
        }
        texts.push(text);
        texts
    }
}
