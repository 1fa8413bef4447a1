//! The `.ftl` files of a language: the built-in ones, overridden file by
//! file by the site's `locales/<lang>/`, whatever the case of the folder.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::Dir;

use super::parse::too_deep;
use super::{FtlFile, BUILTIN, LOCALES_DIR};
use crate::diagnostics::{Code, Diagnostic};

/// Language folders under `locales/` of the site (not the built-in ones).
pub fn site_languages(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root.join(LOCALES_DIR))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The `.ftl` files of `lang`: built-in ones, overridden file by file by the
/// site's, in load order: the built-in files left first, then the site's
/// (so that a site's message wins over a built-in one of the same id).
pub fn files_for(root: &Path, lang: &str) -> Result<Vec<FtlFile>, Diagnostic> {
    let mut files: BTreeMap<String, FtlFile> = BTreeMap::new();
    if let Some(dir) = builtin_dir(lang) {
        for f in dir.files() {
            let name = f
                .path()
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if !name.ends_with(".ftl") {
                continue;
            }
            if let Some(text) = f.contents_utf8() {
                files.insert(
                    name.clone(),
                    FtlFile {
                        path: Path::new("(built-in)").join(lang).join(&name),
                        name,
                        text: text.to_string(),
                    },
                );
            }
        }
    }
    let mut site: BTreeMap<String, FtlFile> = BTreeMap::new();
    let folder = folder_of(root, lang).unwrap_or_else(|| lang.to_string());
    let dir = root.join(LOCALES_DIR).join(&folder);
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".ftl") {
                continue;
            }
            let rel = Path::new(LOCALES_DIR).join(&folder).join(&name);
            let bytes = std::fs::read(e.path()).map_err(|err| {
                Diagnostic::error(Code::Io, format!("cannot read: {err}")).at(&rel)
            })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Diagnostic::error(Code::Io, "file is not valid UTF-8")
                    .at(&rel)
                    .pos(1, 1)
            })?;
            if let Some(d) = too_deep(&rel, &text) {
                return Err(d);
            }
            files.remove(&name);
            site.insert(
                name.clone(),
                FtlFile {
                    path: rel,
                    name,
                    text,
                },
            );
        }
    }
    Ok(files.into_values().chain(site.into_values()).collect())
}

/// The built-in strings of `lang`, whatever the case of its tag.
fn builtin_dir(lang: &str) -> Option<&'static Dir<'static>> {
    BUILTIN.dirs().find(|d| {
        d.path()
            .file_name()
            .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(lang))
    })
}

/// The folder under the site's `locales/` that holds `lang`, whatever the
/// case it is written in (`zh-hans` for `zh-Hans`).
pub fn folder_of(root: &Path, lang: &str) -> Option<String> {
    site_languages(root)
        .into_iter()
        .find(|f| f.eq_ignore_ascii_case(lang))
}
