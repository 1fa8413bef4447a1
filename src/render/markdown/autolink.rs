//! Bare addresses in text become links, as GitHub's extended autolinks do:
//! `https://…` and `http://…`, `www.…` (linked with `http://`), and e-mail
//! addresses (`mailto:`). Found with the `linkify` crate, which leaves
//! trailing punctuation and unbalanced brackets out of the link. Never
//! applied inside code or inside a link (the parser only calls it on text).

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// The text as text and link events, or `None` when it holds no address.
pub fn split(text: &str) -> Option<Vec<Event<'static>>> {
    if !text.contains(['.', ':', '@']) {
        return None;
    }
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut found = false;
    for span in finder.spans(text) {
        let s = span.as_str();
        let dest = match span.kind() {
            Some(LinkKind::Url) => url(s),
            Some(LinkKind::Email) => Some(format!("mailto:{s}")),
            _ => None,
        };
        let Some(dest) = dest else {
            plain.push_str(s);
            continue;
        };
        found = true;
        if !plain.is_empty() {
            out.push(Event::Text(CowStr::from(std::mem::take(&mut plain))));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(dest),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(s.to_string())));
        out.push(Event::End(TagEnd::Link));
    }
    if !found {
        return None;
    }
    if !plain.is_empty() {
        out.push(Event::Text(CowStr::from(plain)));
    }
    Some(out)
}

/// The address of a URL found in text: only web addresses are linked.
fn url(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(s.to_string())
    } else if lower.starts_with("www.") && s.len() > 4 {
        Some(format!("http://{s}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<String> {
        split(text)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn web_and_mail_addresses_are_found() {
        assert_eq!(
            links("See https://equil.eu/a?b=1. Or www.example.org, or ask jo@example.com!"),
            [
                "https://equil.eu/a?b=1",
                "http://www.example.org",
                "mailto:jo@example.com"
            ]
        );
        assert_eq!(links("(https://x.org/a_(b))"), ["https://x.org/a_(b)"]);
        assert!(split("example.org and a.b and ftp://x.org").is_none());
        assert!(split("no address here").is_none());
    }
}
