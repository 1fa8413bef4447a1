//! The outside programs some tests need (Chromium, poppler, zbarimg, …).
//! Tests that use them are `#[ignore = "needs …"]`: a plain `cargo test`
//! lists them as ignored, and `--include-ignored` (as .ci/run does) runs
//! them, where a missing program fails the test, never passes it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of program `name` on the PATH, if it is there.
fn which(name: &str) -> Option<PathBuf> {
    let out = Command::new("which").arg(name).output().ok()?;
    let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !p.is_empty()).then(|| PathBuf::from(p))
}

/// Program `name`; a missing one fails the test, saying how to install it.
pub fn require(name: &str, install: &str) -> PathBuf {
    which(name).unwrap_or_else(|| panic!("this test needs {name}: {install} (see .ci/run)"))
}

/// The headless Chromium to use; its absence fails the test.
pub fn chromium() -> PathBuf {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(which)
        .unwrap_or_else(|| {
            panic!("this test needs Chromium: apt-get install -y chromium (see .ci/run)")
        })
}

/// Chromium's flags for headless use here, with a fresh profile folder.
pub fn chromium_args(profile: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        format!("--user-data-dir={}", profile.display()),
    ]
}

/// Runs a poppler tool (pdfinfo, pdftotext, …); its output. Fails the test
/// when the tool is missing or fails.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (apt-get install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The number of pages of a PDF and its page size as pdfinfo says it.
pub fn pdf_pages(path: &Path) -> (usize, String) {
    let info = poppler("pdfinfo", &[path.to_str().expect("utf-8")]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or("")
        .trim()
        .to_string();
    (pages, size)
}

/// The text of page `page` of a PDF, laid out as on paper (pdftotext -layout).
pub fn pdf_page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &[
            "-f",
            &p,
            "-l",
            &p,
            "-layout",
            pdf.to_str().expect("utf-8"),
            "-",
        ],
    )
}

/// `tests/quality`, where `npm ci` installs the checkers some tests run.
pub fn quality_dir() -> PathBuf {
    super::repo_path("tests/quality")
}

/// Node and the npm package `package` in tests/quality/node_modules; a
/// missing one fails the test. Returns the package's folder.
pub fn require_npm(package: &str) -> PathBuf {
    require("node", "apt-get install nodejs");
    let dir = quality_dir().join("node_modules").join(package);
    assert!(
        dir.is_dir(),
        "this test needs the npm package {package}: cd tests/quality && npm ci (see .ci/run)"
    );
    dir
}

/// Decodes every QR code on page `page` (1-based) of a PDF: pdftoppm at
/// 200 dpi, then zbarimg. Panics when either tool is missing (callers are
/// `#[ignore = "needs …"]`).
pub fn qr_codes(pdf: &Path, page: usize, dir: &Path) -> Vec<String> {
    let p = page.to_string();
    let prefix = dir.join(format!("page{page}"));
    let out = Command::new("pdftoppm")
        .args(["-f", &p, "-l", &p, "-r", "200", "-png", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (apt-get install poppler-utils)");
    assert!(
        out.status.success(),
        "pdftoppm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(prefix.with_extension("png"))
        .output()
        .expect("zbarimg (apt-get install zbar-tools)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
