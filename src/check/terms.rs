//! Terminology drift: a translation whose source page uses a glossary term
//! but which uses none of its own language's forms for it, and any page that
//! uses a form its language's glossary says to avoid. Warnings name the
//! file, line and term (`equil check`, `equil build`, `equil i18n status`).

use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::Doc;
use crate::load::glossary::{Glossary, Term};
use crate::model::{Entry, Site, Status};

/// A page body prepared for matching: its words in lower case with their
/// file positions, leaving out code blocks and link addresses. Terms are
/// matched word by word, so a term broken over two lines is found.
struct Text {
    words: Vec<Word>,
}

struct Word {
    text: String,
    line: usize,
    column: usize,
}

impl Text {
    fn new(doc: &Doc) -> Text {
        let mut in_fence = false;
        let mut words = Vec::new();
        for (i, l) in doc.body.lines().enumerate() {
            let t = l.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence {
                continue;
            }
            let line = blank_destinations(&l.to_lowercase());
            for (column, text) in split_words(&line) {
                words.push(Word {
                    text,
                    line: doc.body_line + i,
                    column,
                });
            }
        }
        Text { words }
    }

    /// The first place (file line, column) where `form` is used.
    fn find(&self, form: &str) -> Option<(usize, usize)> {
        self.find_all(form).into_iter().next()
    }

    /// Every place where the words of `form` follow each other, each word
    /// allowing an ending (plurals and other inflections: "job coaches",
    /// "jobkonsulenter") when it has four letters or more.
    fn find_all(&self, form: &str) -> Vec<(usize, usize)> {
        let want: Vec<String> = split_words(&form.to_lowercase())
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        if want.is_empty() || want.len() > self.words.len() {
            return Vec::new();
        }
        self.words
            .windows(want.len())
            .filter(|w| w.iter().zip(&want).all(|(t, f)| word_matches(&t.text, f)))
            .map(|w| (w[0].line, w[0].column))
            .collect()
    }

    /// The first use of any of `forms`.
    fn first_of<'f>(&self, forms: impl Iterator<Item = &'f str>) -> Option<(usize, usize)> {
        forms.filter_map(|f| self.find(f)).min()
    }
}

/// The words of a line (runs of letters and digits) with their 1-based columns.
fn split_words(line: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (col, c) in line.chars().enumerate() {
        if c.is_alphanumeric() {
            current
                .get_or_insert_with(|| (col + 1, String::new()))
                .1
                .push(c);
        } else if let Some(w) = current.take() {
            out.push(w);
        }
    }
    out.extend(current);
    out
}

/// Whether a word of the text is the word of a form, or that word with an ending.
fn word_matches(text: &str, form: &str) -> bool {
    text == form || (form.chars().count() >= 4 && text.starts_with(form))
}

/// `[text](dest)` → `[text](    )`: addresses are not prose.
fn blank_destinations(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        out.push_str(&" ".repeat(rest[..end].chars().count()));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn quoted<'a>(forms: impl Iterator<Item = &'a str>) -> String {
    forms
        .map(|f| format!("“{f}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds a warning for every terminology problem in the site's pages.
pub fn drift(site: &Site, diags: &mut Vec<Diagnostic>) {
    let Some(source_gl) = site.glossary.source() else {
        return;
    };
    for tree in &site.trees {
        let Some(gl) = site.glossary.by_lang.get(&tree.lang) else {
            continue;
        };
        for e in Site::entries(tree) {
            entry_drift(site, e, (source_gl, gl), diags);
        }
    }
}

/// [`drift`]'s warnings about document `doc` (wherever it is shown).
pub fn drift_of(site: &Site, doc: usize, diags: &mut Vec<Diagnostic>) {
    let Some(source_gl) = site.glossary.source() else {
        return;
    };
    for tree in &site.trees {
        let Some(gl) = site.glossary.by_lang.get(&tree.lang) else {
            continue;
        };
        for e in Site::entries(tree).filter(|e| e.doc == doc) {
            entry_drift(site, e, (source_gl, gl), diags);
        }
    }
}

/// The terminology warnings of one entry, given the source language's
/// glossary and its tree's.
fn entry_drift(
    site: &Site,
    e: &Entry,
    (source_gl, gl): (&Glossary, &Glossary),
    diags: &mut Vec<Diagnostic>,
) {
    if e.status == Status::Fallback {
        return;
    }
    let doc = site.doc(e.doc);
    let text = Text::new(doc);
    avoided(doc, &text, gl, diags);
    if matches!(
        e.status,
        Status::Current | Status::Outdated | Status::Unknown
    ) {
        let source = site.doc(e.source);
        missing_terms(doc, &text, source, source_gl, gl, diags);
    }
}

/// Whether the text at file `line` and (1-based, in characters) `col` of
/// `doc` stands inside quotation marks: a word quoted is mentioned (a page
/// that says which words not to use), not used.
fn quoted_at(doc: &Doc, line: usize, col: usize) -> bool {
    let Some(text) = line
        .checked_sub(doc.body_line)
        .and_then(|i| doc.body.lines().nth(i))
    else {
        return false;
    };
    is_inside_quotes(&text.chars().take(col.saturating_sub(1)).collect::<String>())
}

/// Whether the end of `before` is inside a quotation (straight, curly,
/// low-high or guillemets), counting the marks that open and close one.
fn is_inside_quotes(before: &str) -> bool {
    let count = |marks: &[char]| before.chars().filter(|c| marks.contains(c)).count();
    count(&['"']) % 2 == 1 || count(&['«', '»']) % 2 == 1 || count(&['“', '”', '„']) % 2 == 1
}

/// Uses of forms the glossary says to avoid.
fn avoided(doc: &Doc, text: &Text, gl: &Glossary, diags: &mut Vec<Diagnostic>) {
    for term in gl.terms.values() {
        for bad in &term.avoid {
            for (line, col) in text.find_all(bad) {
                if quoted_at(doc, line, col) {
                    continue; // mentioned, not used: `not "the mentally ill"`
                }
                diags.push(
                    Diagnostic::warning(
                        Code::TerminologyDrift,
                        format!(
                            "“{bad}” is a form the glossary says to avoid (term `{}`: “{}”)",
                            term.id, term.term
                        ),
                    )
                    .at(&doc.path)
                    .pos(line, col)
                    .help(format!(
                        "write {} instead (see {} line {})",
                        quoted(term.forms()),
                        gl.path.display(),
                        term.line
                    )),
                );
            }
        }
    }
}

/// Terms the source page uses that the translation renders with none of its
/// glossary's forms.
fn missing_terms(
    doc: &Doc,
    text: &Text,
    source: &Doc,
    source_gl: &Glossary,
    gl: &Glossary,
    diags: &mut Vec<Diagnostic>,
) {
    let source_text = Text::new(source);
    for (id, src_term) in &source_gl.terms {
        let Some(term) = gl.terms.get(id) else {
            continue;
        };
        let Some((src_line, _)) = source_text.first_of(src_term.forms()) else {
            continue;
        };
        if text.first_of(term.forms()).is_some() {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                Code::TerminologyDrift,
                format!(
                    "the source page uses “{}” (line {src_line} of {}), but this translation uses none of {} (term `{id}`)",
                    src_term.term,
                    source.path.display(),
                    quoted(term.forms()),
                ),
            )
            .at(&doc.path)
            .pos(near_line(doc, src_line - source.body_line), 1)
            .help(help_for(term, gl)),
        );
    }
}

/// The translation's line at the same distance from the start of its body
/// as the source's line (translations usually keep the paragraphs in order).
fn near_line(doc: &Doc, offset: usize) -> usize {
    doc.body_line + offset.min(doc.body.lines().count().saturating_sub(1))
}

fn help_for(term: &Term, gl: &Glossary) -> String {
    format!(
        "use the glossary's word for it ({}, {} line {}), or add the form you use as a synonym there",
        quoted(term.forms()),
        gl.path.display(),
        term.line
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> Text {
        Text::new(&Doc {
            lang: "en".into(),
            rel: "m/p.md".into(),
            path: "content/en/m/p.md".into(),
            fm: Default::default(),
            body: body.into(),
            body_line: 5,
            hash: String::new(),
            text_hash: 0,
            fm_hash: 0,
        })
    }

    #[test]
    fn quoted_words_are_mentions() {
        assert!(is_inside_quotes(
            "say \"a person with a condition\", not \""
        ));
        assert!(is_inside_quotes("no «un esquizofrénico» ni «los "));
        assert!(is_inside_quotes("niet „"));
        assert!(!is_inside_quotes("say \"this\" and then "));
        assert!(!is_inside_quotes("«dit» en “dat” en "));
    }

    #[test]
    fn words_with_endings_across_lines_but_not_addresses_or_code() {
        assert_eq!(
            blank_destinations("see [job coach](glossary:job-coach) now"),
            format!(
                "see [job coach]({}) now",
                " ".repeat("glossary:job-coach".len())
            )
        );
        let t = text("Two job\ncoaches met [x](job-coach.md).\n\n```\njob coach\n```\n");
        assert_eq!(t.find_all("job coach"), [(5, 5)]);
        assert_eq!(
            text("De jobkonsulenter.").find("jobkonsulent"),
            Some((5, 4))
        );
        // Short words match only whole: IPS is not the end of "tips".
        assert_eq!(text("Three tips for trainers.").find("IPS"), None);
        assert_eq!(text("About IPS.").find("ips"), Some((5, 7)));
        assert_eq!(text("A jobcoach.").find("job coach"), None);
    }
}
