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
        let (s, after) = entity_tail(span.as_str(), &text[span.end()..]);
        let dest = match span.kind() {
            Some(LinkKind::Url) => url(s),
            Some(LinkKind::Email) => Some(format!("mailto:{s}")),
            _ => None,
        };
        let Some(dest) = dest else {
            plain.push_str(span.as_str());
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
        plain.push_str(after);
    }
    if !found {
        return None;
    }
    if !plain.is_empty() {
        out.push(Event::Text(CowStr::from(plain)));
    }
    Some(out)
}

/// A link that ends in what looks like a character reference (`&hl` before
/// `;`) leaves it out, as GitHub does: the link, and the text cut off it.
fn entity_tail<'a>(link: &'a str, next: &str) -> (&'a str, &'a str) {
    if next.starts_with(';') {
        if let Some(amp) = link.rfind('&') {
            let name = &link[amp + 1..];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return (&link[..amp], &link[amp..]);
            }
        }
    }
    (link, "")
}

/// The address of a URL found in text: only web (and FTP) addresses are linked.
fn url(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    if ["https://", "http://", "ftp://"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
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
        assert!(split("example.org and a.b and gopher://x.org").is_none());
        assert_eq!(links("x.org/?q=a&hl;"), Vec::<String>::new());
        assert_eq!(links("www.x.org/?q=a&hl;"), ["http://www.x.org/?q=a"]);
        assert!(split("no address here").is_none());
    }
}
