//! Renderers of diagnostics: terminal text with the offending source line
//! underlined (repeats in one file counted after a few), and JSON.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Code, Diagnostic, Severity};

/// counted in one line ("and 7,995 more like this in …"). JSON keeps all.
pub const SHOWN_PER_FILE: usize = 5;

/// Renders diagnostics for a terminal, with the offending source line
/// underlined where the file can be read (paths are relative to `root`).
/// Each file is read once and long lines are cut around the column, so
/// the cost grows with the number of findings plus the size of the files.
pub fn render_text(diags: &[Diagnostic], root: &Path, color: bool) -> String {
    use codespan_reporting::term::{self, termcolor};

    let mut out = termcolor::Buffer::no_color();
    if color {
        out = termcolor::Buffer::ansi();
    }
    let config = term::Config::default();
    let mut sources = crate::excerpt::Sources::default();
    let (shown, rest) = summarise(diags);
    for d in shown {
        emit_one(d, root, &mut sources, &config, &mut out);
    }
    for r in rest {
        let _ = std::io::Write::write_fmt(&mut out, format_args!("{r}\n\n"));
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// Findings left out of a text report: `count` more of `code` in `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted<'a> {
    pub path: Option<&'a PathBuf>,
    pub code: Code,
    pub severity: Severity,
    pub count: usize,
}

impl fmt::Display for Omitted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let place = self
            .path
            .map_or("the site".to_string(), |p| p.display().to_string());
        write!(
            f,
            "{word}[{}]: and {} more like this in {place} (`--format json` lists them all)",
            self.code.id(),
            thousands(self.count)
        )
    }
}

/// The findings to show (the first [`SHOWN_PER_FILE`] of each code at
/// lines of each file, in order) and what was left out.
pub fn summarise(diags: &[Diagnostic]) -> (Vec<&Diagnostic>, Vec<Omitted<'_>>) {
    use std::collections::HashMap;

    let mut seen: HashMap<(Option<&PathBuf>, Code, Severity), usize> = HashMap::new();
    let mut shown = Vec::new();
    for d in diags {
        // Findings without a line (about a file or folder as a whole, such
        // as each missing interface string) cost nothing to show: all are.
        if d.line.is_none() {
            shown.push(d);
            continue;
        }
        let n = seen
            .entry((d.path.as_ref(), d.code, d.severity))
            .or_default();
        *n += 1;
        if *n <= SHOWN_PER_FILE {
            shown.push(d);
        }
    }
    let mut rest: Vec<Omitted<'_>> = seen
        .into_iter()
        .filter(|(_, n)| *n > SHOWN_PER_FILE)
        .map(|((path, code, severity), n)| Omitted {
            path,
            code,
            severity,
            count: n - SHOWN_PER_FILE,
        })
        .collect();
    rest.sort_by(|a, b| (a.path, a.code, a.severity).cmp(&(b.path, b.code, b.severity)));
    (shown, rest)
}

/// One finding, with its source excerpt when the file has that line.
fn emit_one(
    d: &Diagnostic,
    root: &Path,
    sources: &mut crate::excerpt::Sources,
    config: &codespan_reporting::term::Config,
    out: &mut codespan_reporting::term::termcolor::Buffer,
) {
    use codespan_reporting::diagnostic::{Diagnostic as CsDiag, Label};
    use codespan_reporting::term;

    let mut cs = match d.severity {
        Severity::Error => CsDiag::error(),
        Severity::Warning => CsDiag::warning(),
        Severity::Note => CsDiag::note(),
    }
    .with_code(d.code.id())
    .with_message(&d.message);
    let mut notes = Vec::new();
    let excerpt = match (&d.path, d.line) {
        (Some(path), Some(line)) => sources.excerpt(root, path, line, d.column.unwrap_or(1)),
        _ => None,
    };
    match &excerpt {
        Some(e) => cs = cs.with_labels(vec![Label::primary((), e.label.clone())]),
        None => {
            if let Some(loc) = d.location() {
                notes.push(format!("in {loc}"));
            }
        }
    }
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    cs = cs.with_notes(notes);
    let emitted = match &excerpt {
        Some(e) => term::emit_to_write_style(out, config, e, &cs),
        None => term::emit_to_write_style(
            out,
            config,
            &codespan_reporting::files::SimpleFile::new("", ""),
            &cs,
        ),
    };
    if emitted.is_err() {
        // Fall back to the plain form; the snippet is a nicety.
        let _ = std::io::Write::write_fmt(out, format_args!("{d}\n"));
    }
}

/// `7995` as `7,995`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One finding in the documented JSON form (see README, "JSON output").
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'static str,
    name: &'static str,
    path: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

/// A JSON array of diagnostics (the documented machine-readable form).
pub fn render_json(diags: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity,
            code: d.code.id(),
            name: d.code.name(),
            path: d
                .path
                .as_ref()
                .map(|p| p.to_string_lossy().replace('\\', "/")),
            line: d.line,
            column: d.column,
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_in_one_file_are_counted_after_a_few() {
        let diags: Vec<Diagnostic> = (0..1200)
            .map(|i| {
                Diagnostic::error(Code::BrokenLink, format!("link {i}"))
                    .at("a.md")
                    .pos(1, i + 1)
            })
            .chain(std::iter::once(
                Diagnostic::warning(Code::Draft, "draft").at("a.md"),
            ))
            .chain((0..8).map(|i| {
                Diagnostic::warning(Code::FluentMissing, format!("string {i} missing"))
                    .at("locales/nl")
            }))
            .collect();
        let text = render_text(&diags, Path::new("/nonexistent"), false);
        assert_eq!(text.matches("error[E012]: link").count(), SHOWN_PER_FILE);
        assert!(text.contains("warning[W106]: draft"), "{text}");
        assert_eq!(text.matches("missing").count(), 8, "{text}");
        assert!(
            text.contains("error[E012]: and 1,195 more like this in a.md"),
            "{text}"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
