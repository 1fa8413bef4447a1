//! Headless Chromium: finding it, and starting one for a whole run, in a
//! process group of its own, with a fresh profile and the DevTools protocol
//! (see [`super::cdp`]) on a local port.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::cdp::Connection;
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

/// A running headless Chromium with a DevTools connection, a fresh profile
/// and its own temporary folder. Dropping it ends Chromium's whole process
/// group and removes the folder.
pub struct Browser {
    child: Child,
    pub connection: Connection,
    log: PathBuf,
    /// Profile, log and Chromium's own temporary files (removed last).
    _work: tempfile::TempDir,
}

impl Browser {
    /// Starts `program` and connects to it, waiting up to `timeout` (or
    /// until `stop` is set) for it to listen.
    pub fn launch(
        program: &Path,
        scratch: &Path,
        timeout: Duration,
        stop: &AtomicBool,
    ) -> Result<Browser, String> {
        let work = tempfile::Builder::new()
            .prefix("chromium-")
            .tempdir_in(scratch)
            .map_err(|e| format!("cannot create a profile folder: {e}"))?;
        let profile = work.path().join("profile");
        let log_path = work.path().join("chromium.log");
        let log = std::fs::File::create(&log_path)
            .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
        let mut command = Command::new(program);
        command
            .args(args(&profile))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            // Chromium's own temporary files go in the folder removed after
            // the run, so a Chromium that is ended leaves nothing behind.
            .env("TMPDIR", work.path());
        own_group(&mut command);
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let connected = listening(&mut child, &profile, &log_path, timeout, stop)
            .and_then(|(port, path)| Connection::open(port, &path, timeout));
        match connected {
            Ok(connection) => Ok(Browser {
                child,
                connection,
                log: log_path,
                _work: work,
            }),
            Err(e) => {
                end_group(&mut child);
                Err(e)
            }
        }
    }

    /// Why Chromium is not running any more, if it is not: its exit status
    /// and the end of its log.
    pub fn ended(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(Some(status)) => Some(format!("Chromium ended ({status}){}", self.log_tail())),
            _ => None,
        }
    }

    /// The last meaningful lines of Chromium's log, for error messages.
    pub fn log_tail(&self) -> String {
        log_tail(&self.log)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        end_group(&mut self.child);
    }
}

/// Waits for Chromium to write `DevToolsActivePort` into its profile: the
/// port it listens on and the browser's WebSocket path.
fn listening(
    child: &mut Child,
    profile: &Path,
    log: &Path,
    timeout: Duration,
    stop: &AtomicBool,
) -> Result<(u16, String), String> {
    let file = profile.join("DevToolsActivePort");
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let mut lines = text.lines();
            if let (Some(Ok(port)), Some(path)) = (lines.next().map(str::parse), lines.next()) {
                return Ok((port, path.to_string()));
            }
        }
        if stop.load(Ordering::SeqCst) {
            return Err("stopped".into());
        }
        match child.try_wait() {
            Ok(Some(status)) => {
                return Err(format!(
                    "Chromium ended as it started ({status}){}",
                    log_tail(log)
                ))
            }
            Ok(None) if start.elapsed() > timeout => {
                return Err(format!(
                    "Chromium did not start within {} s{}",
                    timeout.as_secs(),
                    log_tail(log)
                ))
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for Chromium: {e}")),
        }
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
/// and the DevTools protocol on a port of the system's choosing (on the
/// loopback interface only). Every tab prints at full speed: Chromium
/// would otherwise treat all but one as background tabs (Puppeteer passes
/// the same three switches; the whole handbook took about 5 % less time
/// with them, in interleaved runs).
fn args(profile: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--disable-renderer-backgrounding".into(),
        "--disable-background-timer-throttling".into(),
        "--disable-backgrounding-occluded-windows".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-extensions".into(),
        format!("--user-data-dir={}", profile.display()),
        "--remote-debugging-address=127.0.0.1".into(),
        "--remote-debugging-port=0".into(),
        "about:blank".into(),
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
