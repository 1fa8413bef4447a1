//! What a rebuild of `equil serve` reports: the pages it rendered, the
//! files that changed, the time each stage took, or the errors that kept
//! the last good site served.

use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;

/// What a successful rebuild did.
#[derive(Debug)]
pub struct Report {
    /// Pages rendered again, and pages in the site.
    pub pages_rendered: usize,
    pub pages_total: usize,
    /// Markdown files read again, and how many of them really changed
    /// (or are new, or gone).
    pub pages_reread: usize,
    pub pages_changed: usize,
    /// Output files that are new or whose content changed.
    pub changed: Vec<String>,
    /// Output files that no longer exist.
    pub removed: Vec<String>,
    /// Print documents left for [`Live::render_prints`](super::rebuild::Live::render_prints).
    pub prints_pending: usize,
    /// Every finding, unsorted (warnings only: a rebuild with errors fails).
    pub diagnostics: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// How long each stage took.
    pub laps: Laps,
    /// Whether the fast path for body edits did it (see [`fast`](super::fast)).
    pub fast: bool,
}

/// The time each stage of a rebuild took (shown with `EQUIL_SERVE_TIMINGS=1`).
#[derive(Debug, Clone)]
pub struct Laps {
    last: Instant,
    pub stages: Vec<(&'static str, Duration)>,
}

impl Laps {
    pub(super) fn new(start: Instant) -> Laps {
        Laps {
            last: start,
            stages: Vec::new(),
        }
    }

    /// Ends the stage `name`, which ran since the previous lap.
    pub(super) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }
}

impl std::fmt::Display for Laps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (name, d)) in self.stages.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{name} {:.1}", d.as_secs_f64() * 1000.0)?;
        }
        f.write_str(" ms")
    }
}

/// A rebuild that failed: the last good site stays served.
#[derive(Debug)]
pub struct Failure {
    /// The errors, sorted by file and position.
    pub errors: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// What the print step did.
#[derive(Debug)]
pub struct PrintReport {
    pub rendered: usize,
    pub changed: Vec<String>,
    /// Print documents still to do (the step gave way to a new change).
    pub left: usize,
    pub elapsed: Duration,
}
