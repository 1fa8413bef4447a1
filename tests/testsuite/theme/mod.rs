//! The theme in a real browser, on the EQUIL handbook itself: no page
//! scrolls sideways at 320, 390, 768 or 1280 px in any language; on a phone
//! the title is on the first screen; the search panel stays in the window,
//! and its chosen result has an outline (also in forced colours); card titles
//! survive the WCAG text-spacing values; focus is never hidden under the bar
//! of print pages. Without a browser: every title shown in another language
//! says so (`lang`, `hreflang`, a badge naming the language), and the site's
//! identity settings are checked.
//!
//! One Chromium, one tab, the viewport changed in place: the whole browser
//! part takes well under a minute.

use crate::common::cdp;
use std::collections::HashSet;

use crate::common::*;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

mod identity;
mod languages;
mod screens;

const WIDTHS: [u32; 4] = [320, 390, 768, 1280];

const LANGS: [&str; 5] = ["en", "nl", "da", "es", "it"];

/// The handbook with part of its Spanish and Italian translations taken
/// away (the repository's own handbook is complete), built: pages shown in
/// English where another language was asked for.
fn built_handbook_with_fallbacks() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src");
    let repo = repo();
    for rel in files_under(&repo.join("content")) {
        let untranslated = (rel.starts_with("es/employment-models/")
            || rel.starts_with("it/practitioner-skills/"))
            && !rel.ends_with("_index.md");
        if untranslated {
            continue;
        }
        let to = root.join("content").join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo.join("content").join(&rel), to).unwrap();
    }
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    let out = dir.path().join("site");
    let r = equil(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    (dir, std::fs::canonicalize(out).unwrap())
}

fn viewport(b: &mut cdp::Browser, tab: &cdp::Tab, width: u32, height: u32) {
    b.call(
        Some(tab),
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
    );
}

fn media(b: &mut cdp::Browser, tab: &cdp::Tab, features: Value) {
    b.call(
        Some(tab),
        "Emulation.setEmulatedMedia",
        json!({ "features": features }),
    );
}

// ---- Without a browser ------------------------------------------------------

/// Relative `href` from `page` resolved to a file of the site (no fragment).
fn resolve(page: &str, href: &str) -> Option<String> {
    if href.contains(':') || href.starts_with('#') {
        return None;
    }
    Some(resolve_href(page, href))
}
