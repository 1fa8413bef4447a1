//! `site.yaml`: site settings. The file is optional and every key has a default.

use std::collections::BTreeMap;
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
    "tagline",
    "logo",
    "footer",
    "funding",
    // The trainer's kit.
    "clock",
    "downloads",
    "date_locale",
];

/// How English pages show clock times (session plans); the other languages
/// always use the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
pub enum Clock {
    /// `13:30`
    #[default]
    #[serde(rename = "24h")]
    H24,
    /// `1:30 pm`
    #[serde(rename = "12h")]
    H12,
}

/// Paper size for print pages and PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// A text of the site's identity: one for every language, or one per
/// language (`{en: "…", nl: "…"}`; a language without its own gets the
/// source language's).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Localised {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

impl Localised {
    /// The text for `lang`, else the source language's.
    pub fn get(&self, lang: &str, source: &str) -> Option<&str> {
        match self {
            Localised::One(s) => Some(s.as_str()),
            Localised::PerLanguage(m) => m.get(lang).or_else(|| m.get(source)).map(String::as_str),
        }
    }
}

/// A funder block the site opts into (`funding:`), drawn by the theme with
/// the funder's emblem and its standard disclaimer in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Funding {
    /// "Co-funded by the Erasmus+ Programme of the European Union", with
    /// the EU emblem and the Commission's disclaimer.
    ErasmusPlus,
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
    /// A line under the title in the header and on print covers.
    pub tagline: Option<Localised>,
    /// An image file of the site (path from the site folder) shown before
    /// the title; published as `static/logo.<ext>`.
    pub logo: Option<String>,
    /// Text at the foot of every page and print cover (who publishes it).
    pub footer: Option<Localised>,
    /// An opt-in funder block; none by default.
    pub funding: Option<Funding>,
    /// Clock times of English session plans: `24h` or `12h`.
    pub clock: Clock,
    /// The site is published with its PDFs and EPUBs (`pdf/`, `epub/` beside
    /// the language folders): pages link to them.
    pub downloads: bool,
    /// The regional variant whose date format a language uses
    /// (`{en: en-GB}`: "4 March 2026" rather than "March 4, 2026").
    pub date_locale: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Handbook".to_string(),
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
            tagline: None,
            logo: None,
            footer: None,
            funding: None,
            clock: Clock::H24,
            downloads: false,
            date_locale: BTreeMap::new(),
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
            check_date_locales(&c, &text)?;
            Ok(c)
        }
        _ => Err(errors),
    }
}

impl Config {
    /// The locale whose date format pages in `lang` use: its `date_locale`,
    /// else the language itself.
    pub fn date_locale<'a>(&'a self, lang: &'a str) -> &'a str {
        self.date_locale.get(lang).map_or(lang, String::as_str)
    }
}

/// Each `date_locale` value must be a variant of its own language
/// (`en: en-GB`, not `en: nl`), written as a BCP 47 tag.
fn check_date_locales(c: &Config, text: &str) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for (lang, locale) in &c.date_locale {
        let same_language = super::canonical_tag(locale).is_some_and(|tag| {
            let base = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
            base(&tag) == base(lang)
        });
        if !same_language {
            errors.push(
                Diagnostic::error(
                    Code::Config,
                    format!("`date_locale` gives `{locale}` for `{lang}`: dates of a language must use a variant of that language"),
                )
                .at(CONFIG_FILE)
                .pos(key_line(text, "date_locale"), 1)
                .help(format!("write a language tag that starts with `{lang}-` and a region, like `en: en-GB` (British dates: 4 March 2026)")),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
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
