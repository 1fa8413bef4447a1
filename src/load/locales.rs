//! Fluent interface strings: `locales/<lang>/*.ftl`, over the built-in ones.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use include_dir::{include_dir, Dir};
use unic_langid::LanguageIdentifier;

use crate::diagnostics::{line_col, Code, Diagnostic};

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

/// Language folders under `locales/` of the site (not the built-in ones).
pub fn site_languages(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root.join(LOCALES_DIR))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The `.ftl` files of `lang`: built-in ones, overridden file by file by the
/// site's, in load order: the built-in files left first, then the site's
/// (so that a site's message wins over a built-in one of the same id).
pub fn files_for(root: &Path, lang: &str) -> Result<Vec<FtlFile>, Diagnostic> {
    let mut files: BTreeMap<String, FtlFile> = BTreeMap::new();
    if let Some(dir) = builtin_dir(lang) {
        for f in dir.files() {
            let name = f
                .path()
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if !name.ends_with(".ftl") {
                continue;
            }
            if let Some(text) = f.contents_utf8() {
                files.insert(
                    name.clone(),
                    FtlFile {
                        path: Path::new("(built-in)").join(lang).join(&name),
                        name,
                        text: text.to_string(),
                    },
                );
            }
        }
    }
    let mut site: BTreeMap<String, FtlFile> = BTreeMap::new();
    let folder = folder_of(root, lang).unwrap_or_else(|| lang.to_string());
    let dir = root.join(LOCALES_DIR).join(&folder);
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".ftl") {
                continue;
            }
            let rel = Path::new(LOCALES_DIR).join(&folder).join(&name);
            let bytes = std::fs::read(e.path()).map_err(|err| {
                Diagnostic::error(Code::Io, format!("cannot read: {err}")).at(&rel)
            })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Diagnostic::error(Code::Io, "file is not valid UTF-8")
                    .at(&rel)
                    .pos(1, 1)
            })?;
            if let Some(d) = too_deep(&rel, &text) {
                return Err(d);
            }
            files.remove(&name);
            site.insert(
                name.clone(),
                FtlFile {
                    path: rel,
                    name,
                    text,
                },
            );
        }
    }
    Ok(files.into_values().chain(site.into_values()).collect())
}

/// The built-in strings of `lang`, whatever the case of its tag.
fn builtin_dir(lang: &str) -> Option<&'static Dir<'static>> {
    BUILTIN.dirs().find(|d| {
        d.path()
            .file_name()
            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(lang))
    })
}

/// The folder under the site's `locales/` that holds `lang`, whatever the
/// case it is written in (`zh-hans` for `zh-Hans`).
pub fn folder_of(root: &Path, lang: &str) -> Option<String> {
    site_languages(root)
        .into_iter()
        .find(|f| f.eq_ignore_ascii_case(lang))
}

/// An error when `text` nests placeables too deep for the Fluent parser.
fn too_deep(path: &Path, text: &str) -> Option<Diagnostic> {
    let offset = super::limits::fluent_too_deep(text)?;
    let (line, col) = line_col(text, offset);
    Some(
        Diagnostic::error(
            Code::FluentSyntax,
            format!(
                "placeables `{{ … }}` are nested more than {} levels deep here",
                super::limits::MAX_FLUENT_NESTING
            ),
        )
        .at(path)
        .pos(line, col)
        .help("a message needs only a few levels of `{ }`; remove the extra braces"),
    )
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

/// Parses one Fluent file, its syntax errors reported with their positions
/// (the entries that parse are kept). `None` when the file is skipped: an
/// escape or nesting the parser cannot take, or a parser failure.
fn parse_file(file: &FtlFile, diags: &mut Vec<Diagnostic>) -> Option<FluentResource> {
    if let Some(offset) = broken_unicode_escape(&file.text) {
        // fluent-syntax 0.12 panics on such an escape; report it instead.
        let (line, col) = line_col(&file.text, offset);
        diags.push(
            Diagnostic::error(
                Code::FluentSyntax,
                "Fluent syntax error: a `\\u` escape needs 4 hexadecimal digits (`\\U` needs 6); this file is skipped",
            )
            .at(&file.path)
            .pos(line, col)
            .help("write the character itself, or e.g. `\\u00E9` for é"),
        );
        return None;
    }
    if let Some(d) = too_deep(&file.path, &file.text) {
        diags.push(d);
        return None;
    }
    let text = file.text.clone();
    let Ok(parsed) = std::panic::catch_unwind(move || FluentResource::try_new(text)) else {
        diags.push(
            Diagnostic::error(
                Code::FluentSyntax,
                "the Fluent parser failed on this file; it is skipped",
            )
            .at(&file.path)
            .pos(1, 1),
        );
        return None;
    };
    match parsed {
        Ok(r) => Some(r),
        Err((r, errors)) => {
            for e in errors {
                let (line, col) = line_col(&file.text, error_offset(&file.text, &e));
                diags.push(
                    Diagnostic::error(
                        Code::FluentSyntax,
                        format!("Fluent syntax error: {}", e.kind),
                    )
                    .at(&file.path)
                    .pos(line, col),
                );
            }
            Some(r)
        }
    }
}

/// The file line of the `nth` (0-based) definition of `key` (`id` or
/// `-term`) in a Fluent file's text: entries start at the beginning of a line.
fn definition_line(text: &str, key: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(nth)
        .map(|(i, _)| i + 1)
        .unwrap_or(1)
}

/// A message or term defined a second time (in the same file, another file
/// of the language, or over a built-in one): the later definition wins.
fn duplicate(key: &str, file: &FtlFile, line: usize, before: &(PathBuf, usize)) -> Diagnostic {
    let what = if key.starts_with('-') {
        "term"
    } else {
        "message"
    };
    let (path, at) = before;
    let builtin = path.starts_with("(built-in)") && !file.path.starts_with("(built-in)");
    let (message, help) = if builtin {
        (
            format!(
                "{what} `{key}` is also a built-in one ({}:{at}); this definition replaces it",
                path.display()
            ),
            format!(
                "give it another id; or, to change the built-in text, put this line in a file called {} instead",
                file.path.with_file_name(path.file_name().unwrap_or_default()).display()
            ),
        )
    } else {
        (
            format!(
                "{what} `{key}` is defined twice: here and at {}:{at}; this definition wins",
                path.display()
            ),
            "remove one of them, or give one another id".to_string(),
        )
    };
    Diagnostic::error(Code::FluentDuplicate, message)
        .at(&file.path)
        .pos(line, 1)
        .help(help)
}

/// The offset of a `\u`/`\U` escape inside a string literal (`{ "…" }`)
/// that is not followed by ASCII hex digits and reaches a non-ASCII
/// character, which the Fluent parser cannot handle.
fn broken_unicode_escape(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut line_start) = (0usize, false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start && depth == 0 && b == b'#' {
            i = text[i..]
                .find('\n')
                .map(|n| i + n + 1)
                .unwrap_or(bytes.len());
            continue;
        }
        line_start = b == b'\n';
        match b {
            b'{' if !in_string => depth += 1,
            b'}' if !in_string => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = !in_string,
            b'\n' if in_string => in_string = false,
            b'\\' if in_string => {
                let digits = match bytes.get(i + 1) {
                    Some(b'u') => 4,
                    Some(b'U') => 6,
                    _ => {
                        i += 2;
                        continue;
                    }
                };
                let run = &bytes[(i + 2).min(bytes.len())..(i + 2 + digits).min(bytes.len())];
                if run.iter().any(|c| !c.is_ascii()) {
                    return Some(i);
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where to report a Fluent parser error. The parser often notices a
/// missing `}` or value only at the start of the next line; then the place
/// to fix is the end of the line before, which is where we point.
fn error_offset(text: &str, e: &fluent_syntax::parser::ParserError) -> usize {
    let at = e.pos.start.min(text.len());
    let start = e.slice.as_ref().map(|s| s.start).unwrap_or(at).min(at);
    if at > start && text.is_char_boundary(at) && text[..at].ends_with('\n') {
        let before = text[start..at].trim_end();
        if !before.is_empty() {
            return start + before.len();
        }
    }
    at
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

    use super::*;

    #[test]
    fn syntax_errors_point_at_the_line_to_fix() {
        let text = "a = A\nbroken = { $x\nb = B\n";
        let errors = match fluent_syntax::parser::parse(text) {
            Err((_, e)) => e,
            Ok(_) => panic!("expected a syntax error"),
        };
        let (line, col) = line_col(text, error_offset(text, &errors[0]));
        assert_eq!((line, col), (2, 14));
    }

    #[test]
    fn broken_escapes_are_found_before_the_parser_sees_them() {
        assert_eq!(broken_unicode_escape("a = { \"\\u00E9\" }\n"), None);
        assert_eq!(broken_unicode_escape("a = C:\\users\\ü\n"), None);
        assert_eq!(broken_unicode_escape("# { \"\\uü\n"), None);
        assert_eq!(broken_unicode_escape("a = { \"\\uéé\" }\n"), Some(7));
        // The input the fuzzer found: the parser must not see it.
        let found = "qq={utnm(\"\\u\u{4497d}add\"\\u\r\n";
        assert!(broken_unicode_escape(found).is_some());
        let mut diags = Vec::new();
        let files = vec![FtlFile {
            path: "x.ftl".into(),
            name: "x.ftl".into(),
            text: found.to_string(),
        }];
        let strings = strings_from_files("en", files, &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (Some(1), Some(11)));
        assert!(strings.ids.is_empty());
    }
}
