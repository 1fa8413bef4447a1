//! Escaping text for HTML and XML, in one place, with pulldown-cmark-escape
//! (the escaper the Markdown renderer uses) for every place where equil
//! writes markup itself: pages, print, EPUB, feeds, the sitemap, QR codes
//! and the error overlay of `serve`.
//!
//! - [`html`] writes `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`: safe in
//!   text and in attributes in either quotes (what Markdown output uses).
//! - [`xml`] leaves `'` as it is: for the XML and markup equil writes with
//!   double-quoted attributes only (the Atom feed, the sitemap, QR code SVG,
//!   the error overlay), where an apostrophe needs no escape.

/// `s` escaped for HTML text and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_html(&mut out, s);
    out
}

/// Appends `s`, escaped as [`html`] does, to `out`.
pub fn push_html(out: &mut String, s: &str) {
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, s);
}

/// `s` escaped for XML text and double-quoted attribute values: `&amp;`,
/// `&lt;`, `&gt;` and `&quot;` (apostrophes stay as written).
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('"').enumerate() {
        if i > 0 {
            out.push_str("&quot;");
        }
        let _ = pulldown_cmark_escape::escape_html_body_text(&mut out, part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_characters_of_markup() {
        assert_eq!(
            html(r#"Tom & "Jerry" <b>'s</b> ø"#),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s&lt;/b&gt; ø"
        );
        let mut out = String::from("x");
        push_html(&mut out, "<");
        assert_eq!(out, "x&lt;");
    }

    #[test]
    fn xml_keeps_apostrophes() {
        assert_eq!(
            xml(r#""What's new" & <more>""#),
            "&quot;What's new&quot; &amp; &lt;more&gt;&quot;"
        );
        assert_eq!(xml(""), "");
    }
}
