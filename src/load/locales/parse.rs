//! Parsing one Fluent file: syntax errors placed at their file, line and
//! column; escapes and nesting the parser cannot take caught before it sees
//! them; duplicate definitions reported where they win.

use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;

use super::FtlFile;
use crate::diagnostics::{line_col, Code, Diagnostic};

/// An error when `text` nests placeables too deep for the Fluent parser.
pub(super) fn too_deep(path: &Path, text: &str) -> Option<Diagnostic> {
    let offset = crate::load::limits::fluent_too_deep(text)?;
    let (line, col) = line_col(text, offset);
    Some(
        Diagnostic::error(
            Code::FluentSyntax,
            format!(
                "placeables `{{ … }}` are nested more than {} levels deep here",
                crate::load::limits::MAX_FLUENT_NESTING
            ),
        )
        .at(path)
        .pos(line, col)
        .help("a message needs only a few levels of `{ }`; remove the extra braces"),
    )
}

/// Parses one Fluent file, its syntax errors reported with their positions
/// (the entries that parse are kept). `None` when the file is skipped: an
/// escape or nesting the parser cannot take, or a parser failure.
pub(super) fn parse_file(file: &FtlFile, diags: &mut Vec<Diagnostic>) -> Option<FluentResource> {
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
pub(super) fn definition_line(text: &str, key: &str, nth: usize) -> usize {
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
pub(super) fn duplicate(
    key: &str,
    file: &FtlFile,
    line: usize,
    before: &(PathBuf, usize),
) -> Diagnostic {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::locales::strings_from_files;

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
