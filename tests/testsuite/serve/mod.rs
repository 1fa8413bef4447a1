//! `equil serve`: a live server on a fixture site, driven over HTTP while
//! its files are edited, added, renamed and deleted.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::cdp;
use crate::common::serve::{wait_text, Reply, Serve, DEADLINE};

use crate::common::*;
use serde_json::json;

mod browser;
mod changes;
mod edits;
mod http;
mod incremental;
mod overlay;

/// Whether `text` names `file:LINE:COLUMN`.
fn has_line_col(text: &str, file: &str) -> bool {
    text.match_indices(&format!("{file}:")).any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap_or("");
        let col: String = parts
            .next()
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) && !col.is_empty()
    })
}

/// The text of the page's main content.
fn content_text(r: &Reply) -> String {
    text(&r.html(), ".content").unwrap_or_default()
}
