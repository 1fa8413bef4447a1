//! What `equil pdf` and `equil epub` share: the options that choose the
//! books (site folder, language, module), where they go, and the closing
//! report.

use std::path::{Path, PathBuf};
use std::time::Instant;

use equil::diagnostics::Diagnostic;

use super::crate_exit::Exit;
use super::report;

/// The site and the part of it to make books of.
#[derive(Debug, clap::Args)]
pub struct BookArgs {
    /// The site folder
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Only this language (a code such as `nl`)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Only this module (its folder name under content/, or its slug); no handbook
    #[arg(long, value_name = "SLUG")]
    pub module: Option<String>,
}

impl BookArgs {
    /// `output`, relative to the site folder unless absolute.
    pub fn output_dir(&self, output: &Path) -> PathBuf {
        if output.is_absolute() {
            output.to_path_buf()
        } else {
            self.root.join(output)
        }
    }

    /// The language asked for, as the site spells language tags (`NL` is `nl`).
    pub fn lang(&self) -> Option<String> {
        self.lang
            .clone()
            .map(|l| equil::load::canonical_tag(&l).unwrap_or(l))
    }
}

/// How a run of `equil pdf` or `equil epub` went, for [`finish`].
pub struct Finished<'a> {
    /// What was written: "PDF file(s)", "e-book(s)".
    pub what: &'a str,
    /// The note about the site's warnings, with `{}` for their number.
    pub warnings_note: &'a str,
    pub diagnostics: &'a [Diagnostic],
    pub build_warnings: usize,
    /// Lines said after the findings (may be none).
    pub lines: Vec<String>,
    pub written: usize,
    pub usage_error: bool,
    pub interrupted: bool,
    pub failed: bool,
    pub output: &'a Path,
    pub start: Instant,
    /// Said after the time in the last line (may be empty).
    pub detail: String,
}

/// Reports the findings and the outcome; the exit code.
pub fn finish(f: &Finished<'_>, root: &Path) -> Exit {
    report(f.diagnostics, root);
    if f.build_warnings > 0 {
        eprintln!(
            "{}",
            f.warnings_note.replace("{}", &f.build_warnings.to_string())
        );
    }
    for line in &f.lines {
        eprintln!("{line}");
    }
    let n = f.written;
    if f.usage_error {
        return Exit::Usage;
    }
    if f.interrupted {
        eprintln!(
            "error: stopped; {n} {} were written in full, no others were started or left half-written",
            f.what
        );
        return Exit::ContentErrors;
    }
    if f.failed {
        eprintln!("error: {n} {} written; see the errors above", f.what);
        return Exit::ContentErrors;
    }
    eprintln!(
        "Wrote {n} {} into {} in {:.1} s{}",
        f.what,
        f.output.display(),
        f.start.elapsed().as_secs_f64(),
        f.detail
    );
    Exit::Success
}
