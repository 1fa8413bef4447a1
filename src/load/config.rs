//! `site.yaml`: site settings. The file is optional and every key has a default.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::yaml;
use crate::diagnostics::{Code, Diagnostic};

pub const CONFIG_FILE: &str = "site.yaml";

const KNOWN_KEYS: &[&str] = &[
    "title",
    "languages",
    "source_language",
    "base_url",
    "theme",
    "paper",
    "trust_html",
    "embed_hosts",
    "edit_url",
    "print_qr",
];

/// Paper size for print pages and PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// Site settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    /// Site title, shown in the header and on print covers.
    pub title: String,
    /// The site's languages, in switcher order. Empty: every language folder.
    pub languages: Vec<String>,
    /// The language translations are made from (and fall back to).
    pub source_language: String,
    /// Absolute URL the site is published at (for the sitemap).
    pub base_url: Option<String>,
    /// Theme folder under `themes/` (or the built-in `default`).
    pub theme: String,
    pub paper: Paper,
    /// Keep raw HTML in Markdown as written, unsanitised.
    pub trust_html: bool,
    /// Hosts whose `<iframe>` video embeds are allowed in content.
    pub embed_hosts: Vec<String>,
    /// "Edit this page" link: a URL with `{path}` (the page's file from the
    /// site folder, `content/nl/module/page.md`). Off when unset.
    pub edit_url: Option<String>,
    /// QR codes with each chapter's web address on print pages and PDFs
    /// (only with a base URL).
    pub print_qr: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "EQUIL".to_string(),
            languages: Vec::new(),
            source_language: "en".to_string(),
            base_url: None,
            theme: "default".to_string(),
            paper: Paper::A4,
            trust_html: false,
            embed_hosts: vec![
                "www.youtube-nocookie.com".to_string(),
                "player.vimeo.com".to_string(),
            ],
            edit_url: None,
            print_qr: true,
        }
    }
}

/// Reads `site.yaml` under `root`, or the defaults when it does not exist.
pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                return Err(vec![Diagnostic::error(Code::Io, "file is not valid UTF-8")
                    .at(CONFIG_FILE)
                    .pos(1, 1)])
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => {
            return Err(vec![Diagnostic::error(
                Code::Io,
                format!("cannot read: {e}"),
            )
            .at(CONFIG_FILE)])
        }
    };
    let rel = Path::new(CONFIG_FILE);
    let mut errors = match yaml::check_keys(&text, rel, 1, KNOWN_KEYS) {
        Ok(unknown) => unknown,
        Err(e) => return Err(vec![with_code(e)]),
    };
    let config: Option<Config> = match yaml::parse(&text, rel, 1, Code::Config) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.push(with_code(e));
            None
        }
    };
    match config {
        Some(mut c) if errors.is_empty() => {
            // Tags in any case mean the same language: `zh-hans` is `zh-Hans`.
            // Invalid tags are kept as written, to be reported with the languages.
            for l in c.languages.iter_mut().chain([&mut c.source_language]) {
                if let Some(tag) = super::canonical_tag(l) {
                    *l = tag;
                }
            }
            if let Some(url) = &c.base_url {
                c.base_url = Some(url.trim_end_matches('/').to_string() + "/");
            }
            if let Some(url) = &c.edit_url {
                if !url.contains("{path}") {
                    return Err(vec![Diagnostic::error(
                        Code::Config,
                        format!("`edit_url: {url}` has no `{{path}}` for the page's file"),
                    )
                    .at(CONFIG_FILE)
                    .pos(key_line(&text, "edit_url"), 1)
                    .help(
                        "write it like `edit_url: https://github.com/ORG/REPO/edit/main/{path}`",
                    )]);
                }
            }
            Ok(c)
        }
        _ => Err(errors),
    }
}

/// The file line of a top-level key (1 when it is not found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.split_once(':').is_some_and(|(k, _)| k == key))
        .map_or(1, |i| i + 1)
}

fn with_code(mut d: Diagnostic) -> Diagnostic {
    if d.code != Code::UnknownKey {
        d.code = Code::Config;
    }
    d
}
