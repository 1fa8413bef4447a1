//! `equil build` end to end on small fixture sites: output layout, links,
//! languages, fallbacks, tool cards, errors and atomic output.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;

mod errors;
mod links;
mod options;
mod pages;

/// Every `href`/`src` in every HTML file of `public/` that is not external.
fn internal_refs(public: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in files_under(public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
    {
        let doc = Html::parse_document(&std::fs::read_to_string(public.join(&f)).unwrap());
        for (selector, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            for v in attrs(&doc, selector, attr) {
                if v.starts_with("http") || v.starts_with("mailto:") || v.starts_with('#') {
                    continue;
                }
                out.push((f.clone(), v));
            }
        }
    }
    out
}
