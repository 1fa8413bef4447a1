//! The text form of `equil i18n diff`: per outdated translation, where its
//! source version came from and the changed words since, coloured on a
//! terminal and marked `[-…-]{+…+}` when plain.

use std::fmt::Write;

use super::diff::{DiffReport, PageReport};
use crate::history::diff::{render_section, Style};
use crate::model::Status;

/// Renders the report. `explicit`: the pages were named one by one (then
/// current pages are mentioned too).
pub fn render(r: &DiffReport, style: Style, explicit: bool) -> String {
    let mut out = String::new();
    if let Some(why) = &r.history_message {
        let _ = writeln!(out, "History is not available: {why}.\n");
    }
    let outdated: Vec<&PageReport> = r
        .pages
        .iter()
        .filter(|p| p.status == Status::Outdated)
        .collect();
    for p in &outdated {
        page(&mut out, p, style);
    }
    if explicit {
        for p in r.pages.iter().filter(|p| p.status != Status::Outdated) {
            let why = match p.status {
                Status::Unknown => "has no source_hash, so equil cannot tell which version it was made from (run `equil i18n mark-current` once it matches its source)",
                _ => "is current: its source has not changed since it was translated",
            };
            let _ = writeln!(out, "{} {why}.", p.path);
        }
    }
    let n = outdated.len();
    let _ = writeln!(
        out,
        "{n} outdated translation{}{}.",
        if n == 1 { "" } else { "s" },
        if n > 0 {
            "; after updating one, run `equil i18n mark-current FILE`"
        } else {
            ""
        }
    );
    out
}

fn page(out: &mut String, p: &PageReport, style: Style) {
    let bold = |s: &str| match style {
        Style::Color => format!("\x1b[1m{s}\x1b[0m"),
        Style::Plain => s.to_string(),
    };
    let _ = writeln!(out, "{}", bold(&format!("{} is outdated", p.path)));
    let Some(from) = &p.from else {
        let _ = writeln!(
            out,
            "  source: {}\n  {}\n",
            p.source,
            p.message.as_deref().unwrap_or("")
        );
        return;
    };
    let s = &p.size;
    let _ = writeln!(
        out,
        "  source: {}, changed since the version of {} (commit {} \"{}\")\n  +{} −{} words, +{} −{} lines",
        p.source,
        from.date_text,
        &from.commit[..from.commit.len().min(10)],
        from.subject,
        s.words_added,
        s.words_removed,
        s.lines_added,
        s.lines_removed
    );
    for sec in &p.sections {
        let _ = writeln!(out, "\n  {}:", sec.field);
        let line = (sec.field == "body").then_some(from.body_line);
        out.push_str(&render_section(sec, style, line));
    }
    out.push('\n');
}
