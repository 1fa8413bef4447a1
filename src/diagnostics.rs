//! One diagnostic type for every kind of problem equil reports, and its
//! renderers (terminal text with a source excerpt, and JSON).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a finding is. Errors fail the build (exit 1); warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Information that changes nothing about the build (e.g. no git history).
    Note,
}

/// A stable code for each class of finding, so scripts and docs can refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    /// The file could not be read, or is not UTF-8.
    Io,
    /// Front matter is missing, unterminated, or not valid YAML.
    FrontMatterSyntax,
    /// A front matter key that equil does not know.
    UnknownKey,
    /// A front matter value of the wrong type, or a missing required key.
    FrontMatterValue,
    /// `site.yaml` is invalid.
    Config,
    /// A folder under `content/` or `locales/` that is not a language tag.
    BadLanguage,
    /// A file that does not fit the content layout.
    Layout,
    /// A relative link to a page or anchor that does not exist.
    BrokenLink,
    /// A link's anchor exists in the page's own language but not in a translation it lands on.
    AnchorInTranslation,
    /// A link to a heading by the id older equil versions gave it.
    OldAnchor,
    /// A referenced image or asset that does not exist.
    MissingAsset,
    /// Two pages would be written to the same output path.
    DuplicateOutput,
    /// Content nested deeper than equil renders (raw HTML elements).
    TooDeep,
    /// A Fluent file has a syntax error.
    FluentSyntax,
    /// A Fluent message is missing in a language (falls back) or everywhere.
    FluentMissing,
    /// A Fluent message refers to a variable, term, message or function that
    /// does not exist (it would be printed as `{$name}`).
    FluentReference,
    /// A Fluent message or term is defined twice, or over a built-in one.
    FluentDuplicate,
    /// A template failed to parse or render.
    Template,
    /// A page is shown in the source language because its translation is missing.
    Fallback,
    /// A translation was made from an older version of its source page.
    Outdated,
    /// A translation with no `source_hash`: its state is unknown.
    UnknownTranslationState,
    /// A translated page that has no source-language page.
    OrphanTranslation,
    /// Base URL is not set, so absolute URLs (sitemap) are omitted.
    NoBaseUrl,
    /// A path escapes the site (`..`, absolute paths, symlinks out of the tree).
    UnsafePath,
    /// Raw HTML in content that the sanitiser removed (scripts, event handlers).
    UnsafeHtml,
    /// A draft page (listed by `check`).
    Draft,
    /// Writing the output failed.
    Write,
    /// A glossary file is invalid, or a page links to a term it does not have.
    Glossary,
    /// A translation does not use the glossary's terms, or uses a form to avoid.
    TerminologyDrift,
    /// A session plan's agenda refers to a missing page, or a block has no minutes.
    Agenda,
    /// A session plan's agenda is longer than its planned duration.
    AgendaTooLong,
    /// A handout (or run sheet) does not fit on one sheet of paper.
    SheetOverflow,
    /// The output folder may not be replaced (it holds other files, or the site).
    OutputFolder,
    /// A user's file that equil cannot change safely (and left as it was).
    UnsafeEdit,
    /// A content file that could run code in readers' browsers (.html, .js, scripted .svg).
    ActiveAsset,
    /// The git history cannot be read: no page dates, What's new or diffs.
    NoHistory,
}

impl Code {
    /// The stable identifier printed in brackets, e.g. `E002`.
    pub fn id(self) -> &'static str {
        match self {
            Code::Io => "E001",
            Code::FrontMatterSyntax => "E002",
            Code::UnknownKey => "E003",
            Code::FrontMatterValue => "E004",
            Code::Config => "E005",
            Code::BadLanguage => "E006",
            Code::Layout => "E007",
            Code::BrokenLink => "E012",
            Code::MissingAsset => "E013",
            Code::DuplicateOutput => "E014",
            Code::TooDeep => "E015",
            Code::FluentSyntax => "E020",
            Code::FluentMissing => "E021",
            Code::FluentReference => "E022",
            Code::FluentDuplicate => "E023",
            Code::Template => "E030",
            Code::UnsafePath => "E040",
            Code::UnsafeHtml => "W107",
            Code::Write => "E050",
            Code::OutputFolder => "E051",
            Code::UnsafeEdit => "E052",
            Code::ActiveAsset => "E041",
            Code::Fallback => "W101",
            Code::Outdated => "W102",
            Code::UnknownTranslationState => "W103",
            Code::OrphanTranslation => "W104",
            Code::NoBaseUrl => "W105",
            Code::Draft => "W106",
            Code::AnchorInTranslation => "W108",
            Code::Glossary => "E016",
            Code::TerminologyDrift => "W109",
            Code::Agenda => "E017",
            Code::AgendaTooLong => "W110",
            Code::SheetOverflow => "W111",
            Code::OldAnchor => "W120",
            Code::NoHistory => "N201",
        }
    }

    /// A short kebab-case name, e.g. `unknown-key`.
    pub fn name(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::FrontMatterSyntax => "front-matter-syntax",
            Code::UnknownKey => "unknown-key",
            Code::FrontMatterValue => "front-matter-value",
            Code::Config => "config",
            Code::BadLanguage => "bad-language",
            Code::Layout => "layout",
            Code::BrokenLink => "broken-link",
            Code::MissingAsset => "missing-asset",
            Code::DuplicateOutput => "duplicate-output",
            Code::TooDeep => "too-deep",
            Code::FluentSyntax => "fluent-syntax",
            Code::FluentMissing => "fluent-missing",
            Code::FluentReference => "fluent-reference",
            Code::FluentDuplicate => "fluent-duplicate",
            Code::Template => "template",
            Code::UnsafePath => "unsafe-path",
            Code::UnsafeHtml => "unsafe-html",
            Code::Write => "write",
            Code::OutputFolder => "output-folder",
            Code::UnsafeEdit => "unsafe-edit",
            Code::ActiveAsset => "active-asset",
            Code::Fallback => "fallback",
            Code::Outdated => "outdated",
            Code::UnknownTranslationState => "unknown-translation-state",
            Code::OrphanTranslation => "orphan-translation",
            Code::NoBaseUrl => "no-base-url",
            Code::NoHistory => "no-history",
            Code::Draft => "draft",
            Code::AnchorInTranslation => "anchor-in-translation",
            Code::Glossary => "glossary",
            Code::TerminologyDrift => "terminology-drift",
            Code::Agenda => "agenda",
            Code::AgendaTooLong => "agenda-too-long",
            Code::SheetOverflow => "sheet-overflow",
            Code::OldAnchor => "old-anchor",
        }
    }
}

/// A finding: what is wrong, where (file, 1-based line and column), and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

fn ser_code<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{} {}", code.id(), code.name()))
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn note(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn pos(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, as far as known.
    pub fn location(&self) -> Option<String> {
        let path = self.path.as_ref()?;
        let mut s = path.display().to_string();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        Some(s)
    }

    /// The order in which findings are reported: by file, then position.
    fn sort_key(&self) -> impl Ord + '_ {
        (
            self.path.clone(),
            self.line,
            self.column,
            self.severity,
            self.code,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{sev}[{}]: {}", self.code.id(), self.message)?;
        if let Some(loc) = self.location() {
            write!(f, "\n  --> {loc}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// A collection of findings, kept in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file and position, duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.items.clone();
        v.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        v.dedup();
        v
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// How many findings of one kind are shown per file in text; the rest are
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

/// Byte offset of a 1-based line and (character) column, clamped to the text.
pub fn byte_offset(src: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(l.trim_end_matches('\n').len());
            return offset + col;
        }
        offset += l.len();
    }
    src.len()
}

/// 1-based line and column of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The nearest of `candidates` to `word`, if it is close enough to be a likely typo.
///
/// Optimal string alignment distance (a typo is a changed, missing, extra
/// or swapped character); candidates whose length alone puts them too far
/// away are skipped before any distance is computed.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let limit = 2.max(c.len() / 3);
            if c.chars().count().abs_diff(len) > limit {
                return None;
            }
            let d = strsim::osa_distance(word, c);
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The first `n` of `items`, comma-separated, then how many more there are
/// (`a, b, c and 4 more`): a list short enough for a message.
pub fn abbreviate<S: AsRef<str>>(items: &[S], n: usize) -> String {
    let shown: Vec<&str> = items.iter().take(n).map(AsRef::as_ref).collect();
    let mut s = shown.join(", ");
    if items.len() > n {
        s.push_str(&format!(" and {} more", items.len() - n));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_abbreviated() {
        let items = ["a", "b", "c", "d", "e"];
        assert_eq!(abbreviate(&items, 3), "a, b, c and 2 more");
        assert_eq!(abbreviate(&items[..3], 3), "a, b, c");
        assert_eq!(abbreviate::<String>(&[], 3), "");
    }

    #[test]
    fn offsets_and_positions_round_trip() {
        let src = "a: 1\nbé: 2\nc: 3\n";
        let off = byte_offset(src, 2, 2);
        assert_eq!(&src[off..off + 2], "é");
        assert_eq!(line_col(src, off), (2, 2));
    }

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

    #[test]
    fn suggestions_are_near_misses_only() {
        let keys = ["title", "summary", "order"];
        assert_eq!(suggest("titel", keys), Some("title"));
        assert_eq!(suggest("sumary", keys), Some("summary"));
        assert_eq!(suggest("colour", keys), None);
    }
}
