//! Problems the render stage itself finds while it plans and renders: an
//! asset whose output path is a file equil generates, and where a language
//! should get an interface string it lacks (also used by the check stage).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Site;

/// Where a language should get a message it lacks: the file of the same
/// name as the one that holds the source message (`locales/nl/search.ftl`),
/// and where that source message is.
pub fn where_to_add(site: &Site, lang: &str, key: &str) -> String {
    let source = site.locales.get(&site.source_lang);
    let origin = source.and_then(|s| s.origins.get(key));
    let file = origin
        .and_then(|(p, _)| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "main.ftl".to_string());
    let folder = crate::load::locales::folder_of(&site.root, lang).unwrap_or(lang.to_string());
    // A site's file replaces the built-in file of the same name: a message
    // for a built-in language goes into a file of the site's own.
    let replaces_builtin = site.locales.get(lang).is_some_and(|l| {
        l.files
            .iter()
            .any(|f| f.name == file && f.path.starts_with("(built-in)"))
    });
    let file = if replaces_builtin {
        "site.ftl".to_string()
    } else {
        file
    };
    let mut help = format!("add `{key} = …` to locales/{folder}/{file}");
    if let Some((p, line)) = origin {
        if lang != site.source_lang {
            help.push_str(&format!(
                " (the {} text is at {}:{line})",
                site.source_lang,
                p.display()
            ));
        }
    }
    help
}

/// Errors for assets whose output path is a file equil generates (a
/// `content/en/search-index.js` would replace the search index). `outputs`
/// lists every output path with the asset it copies, if it is one.
pub fn collisions<'a>(
    root: &Path,
    outputs: impl Iterator<Item = (String, Option<&'a Path>)>,
) -> Vec<Diagnostic> {
    let mut generated: HashMap<String, ()> = HashMap::new();
    let mut assets: Vec<(String, &Path)> = Vec::new();
    for (path, asset) in outputs {
        match asset {
            Some(source) => assets.push((path, source)),
            None => {
                generated.insert(path, ());
            }
        }
    }
    assets
        .into_iter()
        .filter(|(path, _)| generated.contains_key(path))
        .map(|(path, source)| {
            Diagnostic::error(
                Code::DuplicateOutput,
                format!("this file would replace `{path}`, which equil writes itself"),
            )
            .at(shown(root, source))
            .help("rename the file (or move it into a folder of its own)")
        })
        .collect()
}

/// `source` relative to the site root, for messages.
pub fn shown(root: &Path, source: &Path) -> PathBuf {
    source.strip_prefix(root).unwrap_or(source).to_path_buf()
}
