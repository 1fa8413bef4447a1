//! The commands: each turns its options into a call of the pipeline and
//! reports. Only `main` chooses the exit code.

pub mod books;
pub mod build;
pub mod check;
pub mod epub;
pub mod i18n;
pub mod init;
pub mod pdf;
pub mod serve;

use std::io::IsTerminal;
use std::path::Path;

use crate_exit::Exit;

use equil::diagnostics::{render_json, render_text, Diagnostic};

pub mod crate_exit {
    /// How a command ended (SPEC.md: 0 success, 1 content errors, 2 usage).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Exit {
        Success,
        ContentErrors,
        Usage,
    }
}

/// Output format of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// Prints findings to stderr as text (with source excerpts).
pub fn report(diags: &[Diagnostic], root: &Path) {
    if diags.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", render_text(diags, root, color));
}

/// Prints findings as JSON to stdout.
pub fn report_json(diags: &[Diagnostic]) {
    println!("{}", render_json(diags));
}

/// How many errors and warnings `diags` holds (notes are neither).
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == equil::diagnostics::Severity::Warning)
        .count();
    (errors, warnings)
}

pub fn exit_for(diags: &[Diagnostic]) -> Exit {
    if diags.iter().any(Diagnostic::is_error) {
        Exit::ContentErrors
    } else {
        Exit::Success
    }
}
