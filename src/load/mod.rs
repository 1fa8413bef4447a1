//! Stage 1, **load**: read everything a site is made of from disk (config,
//! content, Fluent strings, theme) and report every problem found.

pub mod config;
pub mod content;
pub mod frontmatter;
pub mod limits;
pub mod locales;
pub mod theme;
pub mod yaml;

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

/// Checks that a folder name is a valid language tag (BCP 47, as unic-langid reads it).
pub fn check_language_tag(tag: &str, path: &Path) -> Result<(), Diagnostic> {
    match tag.parse::<unic_langid::LanguageIdentifier>() {
        Ok(id) if id.to_string().eq_ignore_ascii_case(tag) => Ok(()),
        _ => Err(Diagnostic::error(
            Code::BadLanguage,
            format!("`{tag}` is not a valid language tag"),
        )
        .at(path)
        .help("language folders are named by their tag, e.g. `en`, `nl`, `da`, `pt-BR`")),
    }
}

/// `path` relative to `base`, with `/` separators on every platform.
pub fn slash_path(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
