//! Output quality of the built EQUIL handbook: every page passes the Nu HTML
//! Checker, and axe-core finds no accessibility violations on the home page,
//! a module, a page, a tool card and a print page in every language (in the
//! light and dark colour schemes and in forced colours), the chooser and 404.
//!
//! Needs `java`, `node` and `npm ci` in tests/quality (CI's .ci/run does it);
//! skipped with a notice on a developer machine without them, failed under CI.


use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

fn quality_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quality")
}

/// A missing tool fails the check (these tests are ignored unless run with
/// `--include-ignored`, as .ci/run does).
fn skip_or_fail(what: &str) -> bool {
    panic!("this test needs {what} (see .ci/run)");
}

/// Builds the repository's handbook into a temporary folder.
fn built_handbook() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let r = equil(&[
        "build",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    (dir, out)
}

#[test]
#[ignore = "needs Java and the npm packages in tests/quality (see .ci/run); run with --include-ignored"]
fn every_page_passes_the_nu_html_checker() {
    let jar = quality_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let java_ok = Command::new("java")
        .arg("-version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if (!jar.is_file() || !java_ok) && skip_or_fail("java with tests/quality/node_modules/vnu-jar")
    {
        return;
    }
    let (_keep, site) = built_handbook();
    let pages = files_under(&site)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .count();
    assert!(pages > 150, "only {pages} pages");
    let out = Command::new("java")
        .args([
            "-jar",
            jar.to_str().unwrap(),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
        ])
        .arg(&site)
        .output()
        .expect("run vnu");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu output is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect();
    assert!(
        errors.is_empty(),
        "{} HTML errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn axe_core_finds_no_violations() {
    let Some(chromium) = chromium() else { return };
    let script = quality_dir().join("axe.mjs");
    let deps = quality_dir().join("node_modules/playwright-core");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if (!deps.is_dir() || !node_ok) && skip_or_fail("node with tests/quality/node_modules (npm ci)")
    {
        return;
    }
    let (_keep, site) = built_handbook();
    let mut files = vec![site.join("index.html"), site.join("404.html")];
    for lang in ["en", "nl", "da", "es", "it"] {
        for page in [
            "index.html",
            "employment-models/index.html",
            "practitioner-skills/disclosure.html",
            "co-production-toolkit/index.html",
            "co-production-toolkit/story-circle.html",
            "supporting-employers/print.html",
        ] {
            files.push(site.join(lang).join(page));
        }
    }
    for f in &files {
        assert!(f.is_file(), "{} missing", f.display());
    }
    let out = Command::new("node")
        .arg(&script)
        .arg(&chromium)
        .args(&files)
        .current_dir(quality_dir())
        .output()
        .expect("run node");
    assert!(out.status.success(), "axe run failed: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("axe JSON");
    let map = report.as_object().unwrap();
    assert_eq!(map.len(), files.len() * 3, "light, dark and forced colours");
    let violations: Vec<String> = map
        .iter()
        .filter(|(_, v)| !v.as_array().unwrap().is_empty())
        .map(|(file, v)| format!("{file}: {v}"))
        .collect();
    assert!(
        violations.is_empty(),
        "axe-core violations:\n{}",
        violations.join("\n")
    );
}
