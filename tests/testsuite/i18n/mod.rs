//! The translation workflow: outdated and unknown translations, `equil i18n
//! status | add | mark-current`, Fluent errors and CLDR plural forms.

use crate::common::*;
use std::path::Path;

use serde_json::Value;

mod add;
mod states;
mod status;
mod strings;
mod tags;

/// `equil i18n status --format json` on the fixture, parsed.
fn status(f: &Fixture) -> Value {
    let out = f.run(&["i18n", "status", "--format", "json"]);
    assert!(out.status.success(), "status failed:\n{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("status JSON")
}

fn lang<'a>(report: &'a Value, code: &str) -> &'a Value {
    report["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .find(|l| l["code"] == code)
        .unwrap_or_else(|| panic!("no `{code}` in {report:#}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

/// Lines of `after` that are not in `before` and the other way round.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.split_inclusive('\n').collect();
    let a: Vec<&str> = after.split_inclusive('\n').collect();
    let added = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|s| s.to_string())
        .collect();
    let removed = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|s| s.to_string())
        .collect();
    (added, removed)
}

/// The built-in page template with `extra` added after the header.
fn page_template_with(extra: &str) -> String {
    let page = builtin_template("page.html");
    page.replacen("</header>", &format!("</header>\n{extra}"), 1)
}
