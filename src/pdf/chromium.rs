//! Headless Chromium: finding it, and printing one page to a PDF file with a
//! fresh profile and a time limit.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::diagnostics::{Code, Diagnostic};

/// Program names looked for on `PATH`, in this order.
pub const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Where macOS installs the browsers (they are not on `PATH` there).
const MAC_APPS: &[&str] = &[
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/// The Chromium to use: `explicit` (from `--chromium`), else the first of
/// [`NAMES`] on `PATH`.
pub fn find(explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    if let Some(p) = explicit {
        if p.is_file() {
            return Ok(p.to_path_buf());
        }
        // A bare name (`--chromium chrome`) is looked up on PATH.
        if p.components().count() == 1 {
            if let Some(found) = on_path(&p.to_string_lossy()) {
                return Ok(found);
            }
        }
        return Err(Diagnostic::error(
            Code::Io,
            format!("--chromium {}: no such program", p.display()),
        )
        .help(
            "give the path of the Chromium or Chrome program, e.g. --chromium /usr/bin/chromium",
        ));
    }
    if let Some(found) = NAMES.iter().find_map(|n| on_path(n)) {
        return Ok(found);
    }
    if let Some(app) = MAC_APPS.iter().map(Path::new).find(|p| p.is_file()) {
        return Ok(app.to_path_buf());
    }
    Err(Diagnostic::error(
        Code::Io,
        format!(
            "`equil pdf` needs headless Chromium, and none was found (looked for {} on PATH)",
            NAMES.join(", ")
        ),
    )
    .help(
        "install it — Debian/Ubuntu: `sudo apt-get install chromium`; Fedora: `sudo dnf install chromium`; \
         macOS: `brew install --cask chromium`; Windows: install Google Chrome — \
         or pass its path with --chromium PATH",
    ))
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            let plain = dir.join(name);
            let exe = dir.join(format!("{name}.exe"));
            [plain, exe]
        })
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// One conversion: a page (by URL) to a PDF file.
pub struct Print<'a> {
    pub chromium: &'a Path,
    /// `file:///…/print.html?…`
    pub url: &'a str,
    pub output: &'a Path,
    /// A folder for the fresh profile and Chromium's log (removed after).
    pub scratch: &'a Path,
    pub timeout: Duration,
    /// Set to stop: Chromium is ended at once.
    pub stop: &'a AtomicBool,
}

impl Print<'_> {
    /// Runs Chromium and waits for the PDF. `Err` describes what went wrong.
    pub fn run(&self) -> Result<(), String> {
        let work = tempfile::Builder::new()
            .prefix("chromium-")
            .tempdir_in(self.scratch)
            .map_err(|e| format!("cannot create a profile folder: {e}"))?;
        let profile = work.path().join("profile");
        let log_path = work.path().join("chromium.log");
        let log = std::fs::File::create(&log_path)
            .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
        let _ = std::fs::remove_file(self.output);
        let mut command = Command::new(self.chromium);
        command
            .args(args(&profile, self.output))
            .arg(self.url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            // Chromium's own temporary files go in the folder removed after
            // the run, so a Chromium that is ended leaves nothing behind.
            .env("TMPDIR", work.path());
        own_group(&mut command);
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.chromium.display()))?;
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if self.stop.load(Ordering::SeqCst) => {
                    end_group(&mut child);
                    return Err("stopped".into());
                }
                Ok(None) if start.elapsed() > self.timeout => {
                    end_group(&mut child);
                    return Err(format!(
                        "Chromium did not finish within {} s{}",
                        self.timeout.as_secs(),
                        log_tail(&log_path)
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(40)),
                Err(e) => return Err(format!("waiting for Chromium: {e}")),
            }
        };
        let pdf_ok = std::fs::read(self.output)
            .map(|b| b.starts_with(b"%PDF-"))
            .unwrap_or(false);
        if !status.success() || !pdf_ok {
            return Err(format!(
                "Chromium {} and wrote no PDF{}",
                if status.success() {
                    "finished".to_string()
                } else {
                    format!("failed ({status})")
                },
                log_tail(&log_path)
            ));
        }
        Ok(())
    }
}

/// Starts Chromium in a process group of its own, so that it and every
/// process it starts (renderer, GPU, zygote) can be ended together, and a
/// Ctrl-C in the terminal reaches equil first.
#[cfg(unix)]
fn own_group(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.process_group(0);
}

#[cfg(not(unix))]
fn own_group(_command: &mut Command) {}

/// Ends Chromium and every process of its group, and reaps it.
fn end_group(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group
        // that `own_group` created for this child; it touches no memory.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The command line: headless, no network services, a throw-away profile,
/// no browser header or footer, and an outline from the headings.
fn args(profile: &Path, output: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-extensions".into(),
        format!("--user-data-dir={}", profile.display()),
        "--no-pdf-header-footer".into(),
        "--generate-pdf-document-outline".into(),
        format!("--print-to-pdf={}", output.display()),
    ]
}

/// The last meaningful lines of Chromium's log (without D-Bus noise).
fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("dbus") && !l.contains("bytes written"))
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    let tail = &lines[lines.len().saturating_sub(4)..];
    format!(":\n    {}", tail.join("\n    "))
}

/// `path` as a `file://` URL (absolute, percent-encoded).
pub fn file_url(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    url::Url::from_file_path(&abs)
        .map(String::from)
        .unwrap_or_else(|()| format!("file://{}", abs.to_string_lossy()))
}

/// The bytes a query value keeps as they are: ASCII letters, digits and `-_.~:`.
pub const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b':');

/// Percent-encodes every byte of `s` except those `keep` has.
pub fn percent_encode(s: &str, keep: &'static AsciiSet) -> String {
    utf8_percent_encode(s, keep).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/ü.html")),
            "file:///tmp/a%20b/%C3%BC.html"
        );
    }

    #[test]
    fn a_missing_explicit_program_is_an_error() {
        let e = find(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert!(e.message.contains("/nonexistent/chromium"), "{}", e.message);
    }
}
