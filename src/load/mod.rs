//! Stage 1, **load**: read everything a site is made of from disk (config,
//! content, Fluent strings, theme) and report every problem found.

pub mod config;
pub mod content;
pub mod frontmatter;
pub mod glossary;
pub mod limits;
pub mod locales;
pub mod names;
pub mod template_keys;
pub mod theme;
pub mod yaml;
pub mod yaml_help;

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};

/// A language tag in its canonical BCP 47 case (`zh-hans` → `zh-Hans`,
/// `PT-br` → `pt-BR`), or `None` when it is not a valid tag. Only the case
/// is corrected: `pt_BR` is not taken for `pt-BR`.
pub fn canonical_tag(tag: &str) -> Option<String> {
    let id = tag.parse::<unic_langid::LanguageIdentifier>().ok()?;
    let canonical = id.to_string();
    canonical.eq_ignore_ascii_case(tag).then_some(canonical)
}

/// Checks that a folder name is a valid language tag (BCP 47, as unic-langid
/// reads it, in any case) and returns it in its canonical case.
pub fn check_language_tag(tag: &str, path: &Path) -> Result<String, Diagnostic> {
    match canonical_tag(tag) {
        Some(t) => Ok(t),
        None => Err(Diagnostic::error(
            Code::BadLanguage,
            format!("`{tag}` is not a valid language tag"),
        )
        .at(path)
        .help("language folders are named by their tag, e.g. `en`, `nl`, `da`, `pt-BR`")),
    }
}

/// Two folders of one language that differ only in case (`zh-hans` and `zh-Hans`).
pub fn same_language_twice(parent: &str, folder: &str, tag: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadLanguage,
        format!(
            "`{folder}` is the language `{tag}` again, written in another case; it is not read"
        ),
    )
    .at(Path::new(parent).join(folder))
    .help(format!(
        "keep one folder for `{tag}` and move these files into it"
    ))
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
