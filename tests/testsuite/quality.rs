//! Output quality of the built EQUIL handbook: every page passes the Nu HTML
//! Checker, and axe-core finds no accessibility violations on the home page,
//! a module, a page, a tool card and a print page in every language (in the
//! light and dark colour schemes and in forced colours), the chooser and 404.
//!
//! Needs `java`, `node` and `npm ci` in tests/quality (CI's .ci/run does it):
//! both tests are ignored in a plain `cargo test`, and fail without them.

use std::process::Command;

use crate::common::*;

#[test]
#[ignore = "needs Java and the npm packages in tests/quality (see .ci/run); run with --include-ignored"]
fn every_page_passes_the_nu_html_checker() {
    let jar = quality_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    require("java", "apt-get install default-jre-headless");
    assert!(
        jar.is_file(),
        "this test needs the npm package vnu-jar: cd tests/quality && npm ci (see .ci/run)"
    );
    let site = built_handbook();
    let pages = files_under(site)
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
        .arg(site)
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
#[ignore = "needs Chromium, node and the npm packages in tests/quality (see .ci/run); run with --include-ignored"]
fn axe_core_finds_no_violations() {
    let chromium = chromium();
    let script = quality_dir().join("axe.mjs");
    require_npm("playwright-core");
    require_npm("axe-core");
    let site = built_handbook();
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
