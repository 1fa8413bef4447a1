//! A path given on the command line, found in the site: its language, its
//! path in the language tree, and whether it is a folder.

use std::path::{Component, Path, PathBuf};

use super::{source_language_error, MarkOptions};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::CONTENT_DIR;

/// Finds the language and path inside the language tree of a path given on
/// the command line (relative to the working directory or to the site root).
/// The flag says whether it is a folder.
pub(crate) fn locate(
    opts: &MarkOptions,
    given: &Path,
    source_lang: &str,
) -> Result<(String, String, bool), Diagnostic> {
    let candidates: Vec<PathBuf> = if given.is_absolute() {
        vec![given.to_path_buf()]
    } else {
        vec![opts.cwd.join(given), opts.root.join(given)]
    };
    // A path that exists both from here and from the root: take the one in the site.
    let content_abs = opts.root.join(CONTENT_DIR).canonicalize().ok();
    let in_site = |p: &&PathBuf| {
        let abs = p.canonicalize().ok();
        matches!((&abs, &content_abs), (Some(a), Some(c)) if a.starts_with(c))
    };
    let found = candidates
        .iter()
        .find(in_site)
        .or_else(|| candidates.iter().find(|p| p.exists()));
    let Some(found) = found else {
        return Err(Diagnostic::error(Code::Io, "no such file")
            .at(given)
            .help(format!(
                "give the path from here or from the site folder ({}), e.g. content/nl/<module>/<page>.md",
                opts.root.display()
            )));
    };
    let not_translation = || {
        Diagnostic::error(
            Code::Layout,
            "not a translation: translations are the files under content/<lang>/",
        )
        .at(given)
        .help(format!(
            "give a page under {}",
            opts.root.join(CONTENT_DIR).join("<lang>").display()
        ))
    };
    let content_dir = opts
        .root
        .join(CONTENT_DIR)
        .canonicalize()
        .map_err(|_| not_translation())?;
    let abs = found.canonicalize().map_err(|_| not_translation())?;
    let inside = abs
        .strip_prefix(&content_dir)
        .map_err(|_| not_translation())?;
    let parts: Vec<String> = inside
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some((lang, rest)) = parts.split_first() else {
        return Err(not_translation());
    };
    if lang == source_lang {
        return Err(source_language_error(lang, &given.display().to_string()));
    }
    let rel = rest.join("/");
    if abs.is_dir() {
        return Ok((lang.clone(), rel, true));
    }
    if !rel.ends_with(".md") {
        return Err(Diagnostic::error(
            Code::Layout,
            "not a page: only Markdown pages (.md) have a source_hash",
        )
        .at(given));
    }
    Ok((lang.clone(), rel, false))
}
