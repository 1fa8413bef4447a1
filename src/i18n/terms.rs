//! Terminology drift: a translation whose source page uses a glossary term
//! but which uses none of its own language's forms for it, and any page that
//! uses a form its language's glossary says to avoid. Warnings name the
//! file, line and term (`equil check`, `equil build`, `equil i18n status`).

use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::Doc;
use crate::load::glossary::{Glossary, Term};
use crate::model::{Site, Status};

/// A page body prepared for matching: each line in lower case, with link
/// destinations and code blocks blanked out.
struct Text {
    first_line: usize,
    lines: Vec<String>,
}

impl Text {
    fn new(doc: &Doc) -> Text {
        let mut in_fence = false;
        let lines = doc
            .body
            .lines()
            .map(|l| {
                let t = l.trim_start();
                if t.starts_with("```") || t.starts_with("~~~") {
                    in_fence = !in_fence;
                    return String::new();
                }
                if in_fence {
                    return String::new();
                }
                blank_destinations(&l.to_lowercase())
            })
            .collect();
        Text {
            first_line: doc.body_line,
            lines,
        }
    }

    /// The first place (file line, column) where `form` is used as a whole word.
    fn find(&self, form: &str) -> Option<(usize, usize)> {
        self.find_all(form).next()
    }

    fn find_all<'a>(&'a self, form: &str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let form = form.to_lowercase();
        self.lines.iter().enumerate().flat_map(move |(i, line)| {
            let hits: Vec<(usize, usize)> = line
                .match_indices(form.as_str())
                .filter(|(at, m)| is_word(line, *at, at + m.len()))
                .map(|(at, _)| (self.first_line + i, line[..at].chars().count() + 1))
                .collect();
            hits
        })
    }

    /// The first use of any of `forms`.
    fn first_of<'f>(&self, forms: impl Iterator<Item = &'f str>) -> Option<(usize, usize)> {
        forms.filter_map(|f| self.find(f)).min()
    }
}

/// Whether `line[start..end]` is not part of a longer word.
fn is_word(line: &str, start: usize, end: usize) -> bool {
    let before = line[..start].chars().next_back();
    let after = line[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
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
        for e in Site::entries(tree).filter(|e| e.doc != usize::MAX) {
            if e.status == Status::Fallback {
                continue;
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
    }
}

/// Uses of forms the glossary says to avoid.
fn avoided(doc: &Doc, text: &Text, gl: &Glossary, diags: &mut Vec<Diagnostic>) {
    for term in gl.terms.values() {
        for bad in &term.avoid {
            for (line, col) in text.find_all(bad) {
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
            .pos(near_line(doc, &text.lines, src_line - source.body_line), 1)
            .help(help_for(term, gl)),
        );
    }
}

/// The translation's line at the same distance from the start of its body
/// as the source's line (translations usually keep the paragraphs in order).
fn near_line(doc: &Doc, lines: &[String], offset: usize) -> usize {
    doc.body_line + offset.min(lines.len().saturating_sub(1))
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

    #[test]
    fn words_not_parts_of_words_and_not_addresses() {
        assert_eq!(
            blank_destinations("see [job coach](glossary:job-coach) now"),
            format!(
                "see [job coach]({}) now",
                " ".repeat("glossary:job-coach".len())
            )
        );
        assert!(is_word("a job coach.", 2, 11));
        assert!(!is_word("jobcoaches", 0, 8));
    }
}
