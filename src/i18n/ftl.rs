//! Fluent files as translators see them: which messages a language defines,
//! which are still marked as needing translation, and the scaffold of a new
//! language's files made from the source language's.

use std::collections::BTreeSet;

use fluent_syntax::ast::{Comment, Entry, Pattern, PatternElement};
use fluent_syntax::{parser, serializer};

use crate::load::locales::FtlFile;

/// The comment that marks a message whose text is still the source
/// language's (written by `equil i18n add`; the translator deletes it).
pub const NEEDS_TRANSLATION: &str = "needs translation";

/// The messages of one language's files.
#[derive(Debug, Default, Clone)]
pub struct Messages {
    /// Every message id defined (terms are not counted).
    pub ids: BTreeSet<String>,
    /// Ids whose comment still says [`NEEDS_TRANSLATION`].
    pub needs_translation: BTreeSet<String>,
}

/// Reads the messages of `files` (in load order: later files override
/// earlier ones). Entries with syntax errors are skipped, as the build does.
pub fn scan(files: &[FtlFile]) -> Messages {
    let mut out = Messages::default();
    for file in files {
        let resource = match parser::parse(file.text.as_str()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in &resource.body {
            if let Entry::Message(m) = entry {
                let id = m.id.name.to_string();
                if is_marked(m.comment.as_ref()) {
                    out.needs_translation.insert(id.clone());
                } else {
                    out.needs_translation.remove(&id);
                }
                out.ids.insert(id);
            }
        }
    }
    out
}

fn is_marked(comment: Option<&Comment<&str>>) -> bool {
    comment
        .map(|c| {
            c.content.iter().any(|line| {
                line.trim_start()
                    .to_lowercase()
                    .starts_with(NEEDS_TRANSLATION)
            })
        })
        .unwrap_or(false)
}

/// What the scaffold of a new language knows about it.
#[derive(Debug, Clone)]
pub struct NewLanguage<'a> {
    pub lang: &'a str,
    pub source_lang: &'a str,
    /// The language's own name, when CLDR knows it.
    pub native_name: Option<&'a str>,
    pub rtl: bool,
}

/// The text of a new language's copy of one source file: every message and
/// term with the source text and a [`NEEDS_TRANSLATION`] comment, section
/// headings kept, the source file's own header replaced. `lang-name` gets
/// the language's own name (or its tag and a request to fill it in) and
/// `lang-dir` its direction, so the site never calls Portuguese "English".
pub fn scaffold(source: &FtlFile, new: &NewLanguage<'_>) -> String {
    let src = new.source_lang;
    let copied = format!("{NEEDS_TRANSLATION} (the {src} text)");
    let name_known =
        format!("{NEEDS_TRANSLATION}: check this name (from CLDR, the Unicode list of languages)");
    let name_unknown = format!(
        "{NEEDS_TRANSLATION}: the name of this language in itself, as it should appear in the language menu"
    );
    let dir_line = format!("{NEEDS_TRANSLATION}: check the direction");
    let dir_value = if new.rtl { "rtl" } else { "ltr" };

    let resource = match parser::parse(source.text.as_str()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut body = Vec::new();
    let mut in_header = true;
    for entry in resource.body {
        match entry {
            Entry::Comment(_) | Entry::ResourceComment(_) if in_header => {}
            Entry::Junk { .. } => {}
            Entry::Message(mut m) => {
                in_header = false;
                let mut lines = m.comment.take().map(|c| c.content).unwrap_or_default();
                match m.id.name {
                    "lang-name" => {
                        let name = new.native_name.unwrap_or(new.lang);
                        m.value = Some(text_pattern(name));
                        lines.push(if new.native_name.is_some() {
                            name_known.as_str()
                        } else {
                            name_unknown.as_str()
                        });
                    }
                    "lang-dir" => {
                        m.value = Some(text_pattern(dir_value));
                        lines.push(dir_line.as_str());
                    }
                    _ => lines.push(copied.as_str()),
                }
                m.comment = Some(Comment { content: lines });
                body.push(Entry::Message(m));
            }
            Entry::Term(mut t) => {
                in_header = false;
                let mut lines = t.comment.take().map(|c| c.content).unwrap_or_default();
                lines.push(copied.as_str());
                t.comment = Some(Comment { content: lines });
                body.push(Entry::Term(t));
            }
            other => {
                in_header = false;
                body.push(other);
            }
        }
    }
    let name = new.native_name.unwrap_or(new.lang);
    let header = format!(
        "# Interface strings of the site: {name} ({lang}).\n\
         # Made by `equil i18n add {lang}` from the {src} strings. Each message\n\
         # still has the {src} text and a \"{NEEDS_TRANSLATION}\" comment:\n\
         # translate the text, then delete that comment line.\n\
         # `equil i18n status` lists the messages that are left.\n\n",
        lang = new.lang,
    );
    header + &serializer::serialize(&fluent_syntax::ast::Resource { body })
}

fn text_pattern(value: &str) -> Pattern<&str> {
    Pattern {
        elements: vec![PatternElement::TextElement { value }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(text: &str) -> FtlFile {
        FtlFile {
            path: PathBuf::from("locales/en/main.ftl"),
            name: "main.ftl".into(),
            text: text.into(),
        }
    }

    const SOURCE: &str = "# English, the source.\n\n## The language\nlang-name = English\n# ltr or rtl\nlang-dir = ltr\n\n## Site\n-brand = EQUIL\nhello = Hello { $name } from { -brand }\n    .title = Greeting\nbroken = { \n";

    #[test]
    fn scaffold_marks_every_message_and_names_the_language() {
        let new = NewLanguage {
            lang: "pt",
            source_lang: "en",
            native_name: Some("Português"),
            rtl: false,
        };
        let out = scaffold(&file(SOURCE), &new);
        assert!(!out.contains("English, the source"), "{out}");
        assert!(out.contains("## The language\n"), "{out}");
        assert!(out.contains("lang-name = Português\n"), "{out}");
        assert!(!out.contains("= English"), "{out}");
        assert!(out.contains("# ltr or rtl\n# needs translation"), "{out}");
        assert!(
            out.contains("hello = Hello { $name } from { -brand }\n    .title = Greeting\n"),
            "{out}"
        );
        let scanned = scan(&[file(&out)]);
        assert_eq!(
            scanned.ids.iter().collect::<Vec<_>>(),
            ["hello", "lang-dir", "lang-name"]
        );
        assert_eq!(scanned.needs_translation, scanned.ids);
    }

    #[test]
    fn unknown_languages_are_named_by_their_tag() {
        let new = NewLanguage {
            lang: "xh",
            source_lang: "en",
            native_name: None,
            rtl: false,
        };
        let out = scaffold(&file(SOURCE), &new);
        assert!(
            out.contains("in the language menu\nlang-name = xh\n"),
            "{out}"
        );
    }

    #[test]
    fn translated_messages_lose_the_mark() {
        let base = file("# needs translation (the en text)\na = A\n# Needs translation\nb = B\n");
        let over = FtlFile {
            text: "b = Bee\n".into(),
            ..file("")
        };
        let s = scan(&[base, over]);
        assert_eq!(s.needs_translation.iter().collect::<Vec<_>>(), ["a"]);
    }
}
