//! Footnotes while a page is written: numbered references with their own
//! ids and notes that link back to each of them.

use std::collections::HashMap;

use super::{Footnote, Parsed};
use crate::escape::html as html_escape;

/// Footnotes while a page is written: each reference gets its own id
/// (`fnref-x`, `fnref-x-2`), each note a link back to every reference.
#[derive(Default)]
pub(super) struct Notes<'p> {
    seen: HashMap<&'p str, usize>,
    open: Vec<&'p Footnote>,
}

impl<'p> Notes<'p> {
    pub(super) fn reference(&mut self, parsed: &'p Parsed, label: &str, prefix: &str) -> String {
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

    pub(super) fn start(&mut self, parsed: &'p Parsed, label: &str, prefix: &str) -> String {
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

    pub(super) fn end(&mut self, _parsed: &'p Parsed, prefix: &str) -> String {
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
