//! The handbook as a living, multilingual site: one glossary for every
//! language, pages written per country, pages about the handbook at the top
//! of a language tree, moved pages that keep working (aliases), "Edit this
//! page", and QR codes that lead from paper back to the web.

use crate::common::cdp;
use crate::common::http;

use crate::common::*;
use serde_json::{json, Value};

mod aliases;
mod glossary;
mod pages;
mod qr;

fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

fn country_site() -> Fixture {
    Fixture::copy_of("country")
}
