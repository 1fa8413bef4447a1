//! `lang_attr()`: the ` lang="…"` (and `dir`, `hreflang`) attributes a
//! template writes on text shown in another language than the page's (a
//! fallback page, a link to one). One definition of the rule, and a Rust
//! function rather than a Tera macro: templates call it dozens of times per
//! page, and a macro call costs as much as rendering a paragraph.
//!
//! ```text
//! {{ lang_attr(of=page.content_lang) }}                          lang="da"   (when ≠ the page's language)
//! {{ lang_attr(of=page.content_lang, dir=page.content_dir) }}    lang="da" dir="ltr"
//! {{ lang_attr(of=c.content_lang, attr="both") }}                lang="da" hreflang="da"
//! {{ lang_attr(of=prev.content_lang, attr="hreflang") }}         hreflang="da"
//! {{ lang_attr(of=page.content_lang, reader=true) }}             lang="nl"   (the page's language, on
//!                                                                an interface label inside da text)
//! ```
//!
//! Arguments are values, not the page object: Tera copies every argument
//! of a function call, and a page carries its whole HTML.
//!
//! Writes nothing when the text is in the page's language.

use std::collections::HashMap;

use tera::Value;

use crate::escape::push_html;

/// The function, for one language's templates.
pub struct LangAttr {
    pub lang: String,
}

/// Which attributes name the other language.
#[derive(Clone, Copy)]
enum Attr {
    Lang,
    Hreflang,
    Both,
}

fn arg_str<'a>(args: &'a HashMap<String, Value>, name: &str) -> Option<&'a str> {
    args.get(name).and_then(Value::as_str)
}

fn arg_bool(args: &HashMap<String, Value>, name: &str) -> bool {
    args.get(name).and_then(Value::as_bool).unwrap_or(false)
}

fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_html(out, value);
    out.push('"');
}

impl tera::Function for LangAttr {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let other =
            match args.get("of") {
                Some(Value::String(code)) if !code.is_empty() => code.as_str(),
                // A row without a language of its own (a break in a session plan).
                Some(Value::String(_) | Value::Null) => &self.lang,
                _ => return Err(tera::Error::msg(
                    "lang_attr() needs of=<language code>, e.g. lang_attr(of=page.content_lang)",
                )),
            };
        if other == self.lang {
            return Ok(Value::String(String::new()));
        }
        let attr = match arg_str(args, "attr").unwrap_or("lang") {
            "lang" => Attr::Lang,
            "hreflang" => Attr::Hreflang,
            "both" => Attr::Both,
            a => {
                return Err(tera::Error::msg(format!(
                    "lang_attr(attr=\"{a}\"): attr is \"lang\", \"hreflang\" or \"both\""
                )))
            }
        };
        let code = if arg_bool(args, "reader") {
            self.lang.as_str()
        } else {
            other
        };
        let mut out = String::new();
        if matches!(attr, Attr::Lang | Attr::Both) {
            attribute(&mut out, "lang", code);
        }
        if let Some(dir) = arg_str(args, "dir") {
            attribute(&mut out, "dir", dir);
        }
        if matches!(attr, Attr::Hreflang | Attr::Both) {
            attribute(&mut out, "hreflang", code);
        }
        Ok(Value::String(out))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tera::Function;

    fn attrs(args: Value) -> tera::Result<String> {
        let f = LangAttr { lang: "nl".into() };
        let args: HashMap<String, Value> = serde_json::from_value(args).unwrap();
        f.call(&args).map(|v| v.as_str().unwrap().to_string())
    }

    fn call(args: Value) -> String {
        attrs(args).unwrap()
    }

    #[test]
    fn nothing_for_text_in_the_pages_language() {
        assert_eq!(call(json!({"of": "nl", "dir": "ltr"})), "");
        // A row without a language of its own (a break in a session plan).
        assert_eq!(call(json!({"of": null})), "");
        assert_eq!(call(json!({"of": ""})), "");
    }

    #[test]
    fn the_other_language_as_lang_dir_and_hreflang() {
        assert_eq!(call(json!({"of": "ar"})), r#" lang="ar""#);
        assert_eq!(
            call(json!({"of": "ar", "dir": "rtl"})),
            r#" lang="ar" dir="rtl""#
        );
        assert_eq!(
            call(json!({"of": "ar", "attr": "both"})),
            r#" lang="ar" hreflang="ar""#
        );
        assert_eq!(
            call(json!({"of": "ar", "attr": "hreflang"})),
            r#" hreflang="ar""#
        );
    }

    #[test]
    fn reader_labels_name_the_pages_language() {
        assert_eq!(
            call(json!({"of": "ar", "reader": true, "dir": "ltr"})),
            r#" lang="nl" dir="ltr""#
        );
    }

    #[test]
    fn values_are_escaped_and_mistakes_explained() {
        assert_eq!(call(json!({"of": "x\"y"})), r#" lang="x&quot;y""#);
        let err = attrs(json!({})).unwrap_err().to_string();
        assert!(err.contains("needs of="), "{err}");
        let err = attrs(json!({"of": "da", "attr": "href"}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"both\""), "{err}");
    }
}
