//! The text form of `equil i18n status`: a table for a terminal, then the
//! files and messages that need work, language by language.

use std::fmt::Write;

use super::report::Finding;
use super::status::{LangReport, Messages, Report, Totals};

/// Renders the report as plain text (no colour, fixed-width columns).
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Translation status against {} ({}): {} pages, {} interface messages",
        r.source.name, r.source.code, r.source.pages, r.source.messages
    );
    if r.languages.is_empty() {
        let _ = writeln!(
            out,
            "\nNo other languages yet: add one with `equil i18n add LANG`."
        );
        return out;
    }
    out.push('\n');
    let header = [
        "Language",
        "Translated",
        "Current",
        "Outdated",
        "Unknown",
        "Localised",
        "Missing",
        "Translated",
        "Missing",
        "Extra",
        "Errors",
        "Total",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    rows.extend(r.languages.iter().map(row));
    let with_totals = r.languages.len() > 1;
    if with_totals {
        rows.push(totals_row(&r.totals));
    }
    table(&mut out, &rows, with_totals);
    let _ = writeln!(
        out,
        "\nPages: translated/all (current = made from the current source; outdated = the source has\n\
         changed since; unknown = no source_hash; localised = written for the country, never outdated;\n\
         missing = the source is shown). Messages: translated/all.\n\
         Total: current and localised pages and translated messages together."
    );
    for l in &r.languages {
        details(&mut out, l, &r.source.name);
    }
    out
}

/// The last row: every translation language together.
fn totals_row(t: &Totals) -> Vec<String> {
    vec![
        format!("All {} languages", t.languages),
        format!(
            "{}/{}",
            t.pages_current + t.pages_outdated + t.pages_unknown + t.pages_localised,
            t.pages
        ),
        t.pages_current.to_string(),
        t.pages_outdated.to_string(),
        t.pages_unknown.to_string(),
        t.pages_localised.to_string(),
        t.pages_missing.to_string(),
        format!("{}/{}", t.messages_translated, t.messages),
        t.messages_missing.to_string(),
        String::new(),
        String::new(),
        pct(t.complete_percent),
    ]
}

/// Writes the rows (the first is the header) as columns, the first
/// left-aligned and the others right-aligned; a rule above the last row
/// when it holds the totals.
fn table(out: &mut String, rows: &[Vec<String>], with_totals: bool) {
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let _ = writeln!(out, "{}", groups(&widths));
    for (i, cells) in rows.iter().enumerate() {
        if i == rows.len() - 1 && with_totals {
            let _ = writeln!(out, "{}", rule(&widths));
        }
        let mut line = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
        if i == 0 {
            let _ = writeln!(out, "{}", rule(&widths));
        }
    }
}

fn row(l: &LangReport) -> Vec<String> {
    let p = &l.pages;
    let m = &l.messages;
    vec![
        format!("{} {}", l.code, l.name),
        format!("{}/{} {}", p.translated, p.total, pct(p.percent.translated)),
        count(p.current, p.percent.current),
        count(p.outdated, p.percent.outdated),
        count(p.unknown, p.percent.unknown),
        count(p.localised, p.percent.localised),
        count(p.missing + p.errors, p.percent.missing + p.percent.errors),
        format!("{}/{} {}", m.translated, m.total, pct(m.percent.translated)),
        m.missing.to_string(),
        m.extra.to_string(),
        m.errors.to_string(),
        pct(l.complete_percent),
    ]
}

fn count(n: usize, percent: f64) -> String {
    if n == 0 {
        "0".to_string()
    } else {
        format!("{n} {}", pct(percent))
    }
}

/// Whole percent, rounded, but never 100 for less than all nor 0 for more
/// than nothing.
fn pct(p: f64) -> String {
    let mut whole = p.round();
    if whole >= 100.0 && p < 100.0 {
        whole = 99.0;
    } else if whole <= 0.0 && p > 0.0 {
        whole = 1.0;
    }
    format!("{}%", whole as u64)
}

/// The line above the column names: which columns are about pages and which
/// about interface messages.
fn groups(widths: &[usize]) -> String {
    let span = |cols: std::ops::Range<usize>| {
        widths[cols.clone()].iter().sum::<usize>() + 2 * (cols.len() - 1)
    };
    let label = |text: &str, width: usize| {
        let text = format!(" {text} ");
        let dashes = width.saturating_sub(text.chars().count());
        format!(
            "{}{text}{}",
            "-".repeat(dashes / 2),
            "-".repeat(dashes - dashes / 2)
        )
    };
    format!(
        "{}  {}  {}",
        " ".repeat(widths[0]),
        label("pages", span(1..7)),
        label("interface messages", span(7..11))
    )
}

fn rule(widths: &[usize]) -> String {
    let len = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    "-".repeat(len)
}

/// A list of pages in one state: its name for one and for many, why it
/// matters, and the pages.
type PageList<'a> = (&'a str, &'a str, &'a str, &'a [String]);

/// What is left to do in one language.
fn details(out: &mut String, l: &LangReport, source_name: &str) {
    let f = &l.pages.files;
    let m = &l.messages;
    let pages: [PageList; 5] = [
        (
            "outdated page",
            "outdated pages",
            "the source has changed since",
            &f.outdated,
        ),
        (
            "page of unknown state",
            "pages of unknown state",
            "no source_hash",
            &f.unknown,
        ),
        (
            "missing page",
            "missing pages",
            "the source is shown",
            &f.missing,
        ),
        (
            "page with errors",
            "pages with errors",
            "see `equil check`",
            &f.errors,
        ),
        (
            "translation without a source page",
            "translations without a source page",
            "not published",
            &f.orphans,
        ),
    ];
    let _ = writeln!(out, "\n{} {}", l.code, l.name);
    let nothing = pages.iter().all(|p| p.3.is_empty())
        && l.glossary.missing.is_empty()
        && l.terminology.is_empty()
        && m.ids.missing.is_empty()
        && m.ids.extra.is_empty()
        && m.syntax_errors.is_empty();
    if nothing {
        let _ = writeln!(out, "  Complete and current.");
        return;
    }
    for list in pages {
        page_list(out, l, list);
    }
    glossary(out, l);
    messages(out, m, source_name);
}

/// One list of pages, each with what git history says of an outdated one.
fn page_list(out: &mut String, l: &LangReport, (one, many, why, items): PageList) {
    if items.is_empty() {
        return;
    }
    let prefix = format!("content/{}/", l.code);
    let _ = writeln!(out, "  {} ({why}):", counted(items.len(), one, many));
    for i in items {
        let since = l
            .pages
            .outdated_details
            .iter()
            .find(|d| d.path == *i)
            .and_then(|d| Some((d.from.as_ref()?, d.changed?)))
            .map(|(f, s)| {
                format!(
                    "  (made from the version of {}, {}; since then +{} −{} words)",
                    f.date_text,
                    &f.commit[..f.commit.len().min(10)],
                    s.words_added,
                    s.words_removed
                )
            })
            .unwrap_or_default();
        let _ = writeln!(out, "    {prefix}{i}{since}");
    }
}

/// The interface messages of a language that are missing, extra or broken.
fn messages(out: &mut String, m: &Messages, source_name: &str) {
    if !m.ids.missing.is_empty() {
        let marked = m.ids.needs_translation.len();
        let why = if marked == 0 {
            format!("{source_name} is shown")
        } else if marked == m.ids.missing.len() {
            "marked `needs translation` in the files".to_string()
        } else {
            format!("{marked} marked `needs translation` in the files, for the others {source_name} is shown")
        };
        let title = format!(
            "{} ({why})",
            counted(m.ids.missing.len(), "missing message", "missing messages")
        );
        wrapped(out, &title, &m.ids.missing);
    }
    if !m.ids.extra.is_empty() {
        let title = format!(
            "{} (not in the source language)",
            counted(m.ids.extra.len(), "extra message", "extra messages")
        );
        wrapped(out, &title, &m.ids.extra);
    }
    if !m.syntax_errors.is_empty() {
        let title = counted(
            m.syntax_errors.len(),
            "Fluent syntax error",
            "Fluent syntax errors",
        );
        findings(out, &title, &m.syntax_errors);
    }
}

/// The glossary's missing terms and the terminology warnings of a language.
fn glossary(out: &mut String, l: &LangReport) {
    let g = &l.glossary;
    if !g.missing.is_empty() {
        let title = format!(
            "{} of {} (the source term is shown; add them to content/{}/glossary.yaml)",
            counted(
                g.missing.len(),
                "glossary term missing",
                "glossary terms missing"
            ),
            g.total,
            l.code
        );
        wrapped(out, &title, &g.missing);
    }
    if !l.terminology.is_empty() {
        let title = counted(
            l.terminology.len(),
            "terminology warning",
            "terminology warnings",
        );
        findings(out, &title, &l.terminology);
    }
}

/// A titled list of findings, each at `path:line:column`.
fn findings(out: &mut String, title: &str, items: &[Finding]) {
    let _ = writeln!(out, "  {title}:");
    for f in items {
        let pos = match (f.line, f.column) {
            (Some(l), Some(c)) => format!(":{l}:{c}"),
            (Some(l), None) => format!(":{l}"),
            _ => String::new(),
        };
        let _ = writeln!(out, "    {}{pos}: {}", f.path, f.message);
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A list of short names, several to a line.
fn wrapped(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {title}:");
    let mut line = String::new();
    for (k, i) in items.iter().enumerate() {
        line.push_str(i);
        if k + 1 < items.len() {
            line.push(',');
        }
        if line.len() > 70 {
            let _ = writeln!(out, "    {line}");
            line.clear();
        } else {
            line.push(' ');
        }
    }
    if !line.trim().is_empty() {
        let _ = writeln!(out, "    {}", line.trim_end());
    }
}
