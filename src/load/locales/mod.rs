//! Fluent interface strings: `locales/<lang>/*.ftl`, over the built-in ones.
//! Which files a language has is in `files`; parsing one file, with its
//! errors placed at file, line and column, in `parse`.

mod files;
mod parse;

pub use files::{files_for, folder_of, site_languages};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use include_dir::{include_dir, Dir};
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{Code, Diagnostic};
use parse::{definition_line, duplicate, parse_file};

pub const LOCALES_DIR: &str = "locales";

/// The interface strings of our five languages, built into the binary.
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// Text direction of a language (from its `lang-dir` message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// One `.ftl` file as read: where it came from and its text.
#[derive(Debug, Clone)]
pub struct FtlFile {
    /// `locales/nl/main.ftl`, or `(built-in)/nl/main.ftl`.
    pub path: PathBuf,
    pub name: String,
    pub text: String,
}

/// The strings of one language.
pub struct LangStrings {
    pub lang: String,
    pub bundle: FluentBundle<FluentResource>,
    /// Message ids defined (not terms).
    pub ids: BTreeSet<String>,
    /// Where each message (`id`) and term (`-id`) in use is defined: the
    /// file and line of the definition that wins.
    pub origins: BTreeMap<String, (PathBuf, usize)>,
    pub files: Vec<FtlFile>,
    pub direction: Direction,
    /// The language's own name for itself (`lang-name`), e.g. "Nederlands".
    pub native_name: String,
}

/// The strings of every language that has any.
pub struct Locales {
    pub langs: BTreeMap<String, LangStrings>,
}

/// Parses one language's files into a bundle. Syntax errors are reported with
/// file, line and column; the messages that did parse are kept.
pub fn load_lang(root: &Path, lang: &str, diags: &mut Vec<Diagnostic>) -> LangStrings {
    let files = match files_for(root, lang) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            Vec::new()
        }
    };
    strings_from_files(lang, files, diags)
}

/// Builds one language's strings from its `.ftl` files (already read).
pub fn strings_from_files(
    lang: &str,
    files: Vec<FtlFile>,
    diags: &mut Vec<Diagnostic>,
) -> LangStrings {
    let langid: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Our languages are left-to-right; isolation marks would end up in
    // attributes, titles and URLs (fluent-templates#72).
    bundle.set_use_isolating(false);
    let mut ids = BTreeSet::new();
    let mut origins: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    for file in &files {
        let Some(resource) = parse_file(file, diags) else {
            continue;
        };
        let mut nth: BTreeMap<String, usize> = BTreeMap::new();
        for entry in resource.entries() {
            let key = match entry {
                fluent_syntax::ast::Entry::Message(m) => {
                    ids.insert(m.id.name.to_string());
                    m.id.name.to_string()
                }
                fluent_syntax::ast::Entry::Term(t) => format!("-{}", t.id.name),
                _ => continue,
            };
            let n = nth.entry(key.clone()).or_default();
            let line = definition_line(&file.text, &key, *n);
            *n += 1;
            let here = (file.path.clone(), line);
            if let Some(before) = origins.insert(key.clone(), here) {
                diags.push(duplicate(&key, file, line, &before));
            }
        }
        bundle.add_resource_overriding(resource);
    }
    let mut strings = LangStrings {
        lang: lang.to_string(),
        bundle,
        ids,
        origins,
        files,
        direction: Direction::Ltr,
        native_name: lang.to_string(),
    };
    // The language's name: its own `lang-name`, else CLDR's, never a bare code
    // when either knows it.
    strings.native_name = strings
        .format("lang-name", None)
        .filter(|n| !n.trim().is_empty() && !n.trim().eq_ignore_ascii_case(lang))
        .or_else(|| super::names::native_name(lang))
        .unwrap_or_else(|| lang.to_string());
    strings.direction = match strings.format("lang-dir", None).as_deref() {
        Some("rtl") => Direction::Rtl,
        Some(_) => Direction::Ltr,
        None if super::names::is_rtl(lang) => Direction::Rtl,
        None => Direction::Ltr,
    };
    strings
}

impl LangStrings {
    /// Formats a message, or `None` when this language does not have it.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let msg = self.bundle.get_message(id)?;
        let pattern = msg.value()?;
        let mut errors = Vec::new();
        let s = self.bundle.format_pattern(pattern, args, &mut errors);
        Some(s.into_owned())
    }

    pub fn has(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

impl Locales {
    /// Loads every language's strings. A syntax error in the source language
    /// is an error; in another language it is a warning, because the broken
    /// messages fall back to the source language like missing ones, and one
    /// partner's typo must not stop the other languages from building.
    pub fn load(
        root: &Path,
        languages: &[String],
        source_lang: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Locales {
        let mut langs = BTreeMap::new();
        for l in languages {
            let mut found = Vec::new();
            langs.insert(l.clone(), load_lang(root, l, &mut found));
            if l != source_lang {
                for d in &mut found {
                    if d.code == Code::FluentSyntax && d.is_error() {
                        d.severity = crate::diagnostics::Severity::Warning;
                        d.help = Some(format!(
                            "the message with the error is left out, so its {source_lang} text is shown; fix the syntax and build again"
                        ));
                    }
                    if d.code == Code::FluentDuplicate {
                        d.severity = crate::diagnostics::Severity::Warning;
                    }
                }
            }
            diags.extend(found);
        }
        Locales { langs }
    }

    pub fn get(&self, lang: &str) -> Option<&LangStrings> {
        self.langs.get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_reported_where_they_win() {
        let files = vec![
            FtlFile {
                path: "(built-in)/nl/main.ftl".into(),
                name: "main.ftl".into(),
                text: "a = A\nnav-home = Thuis\n".into(),
            },
            FtlFile {
                path: "locales/nl/extra.ftl".into(),
                name: "extra.ftl".into(),
                text: "# extra\nb = B\n\nnav-home = Start\nb = C\n".into(),
            },
        ];
        let mut diags = Vec::new();
        let strings = strings_from_files("nl", files, &mut diags);
        assert_eq!(diags.len(), 2, "{diags:#?}");
        assert_eq!(diags[0].code, Code::FluentDuplicate);
        assert_eq!(diags[0].line, Some(4));
        assert!(
            diags[0].message.contains("built-in"),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[1].line, Some(5));
        assert!(
            diags[1].message.contains("locales/nl/extra.ftl:2"),
            "{}",
            diags[1].message
        );
        assert_eq!(strings.format("nav-home", None).as_deref(), Some("Start"));
        assert_eq!(
            strings.origins.get("nav-home"),
            Some(&(PathBuf::from("locales/nl/extra.ftl"), 4))
        );
    }
}
