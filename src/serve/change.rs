//! What a changed file means for the site: each path the watcher reports is
//! sorted into a [`ChangeKind`] (as Zola's `serve` does), which decides what
//! must be reloaded and re-rendered.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::load::config::CONFIG_FILE;
use crate::load::content::CONTENT_DIR;
use crate::load::locales::LOCALES_DIR;
use crate::load::theme::THEMES_DIR;

/// What kind of source file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// A Markdown page (or a folder) under `content/`: re-read that page,
    /// re-render the pages that show it.
    Page,
    /// Any other file under `content/` (an image, a PDF): copy it again.
    Asset,
    /// A Fluent file under `locales/`: re-render that language.
    Locale,
    /// A template of the theme: re-render everything.
    Template,
    /// A static file of the theme (CSS, JS, fonts): copy it again.
    Static,
    /// `site.yaml`: reload and rebuild everything.
    Config,
}

impl ChangeKind {
    /// A short name for the terminal.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Page => "page",
            ChangeKind::Asset => "asset",
            ChangeKind::Locale => "locale",
            ChangeKind::Template => "template",
            ChangeKind::Static => "static",
            ChangeKind::Config => "config",
        }
    }
}

/// The folders (relative to the site) that `serve` watches recursively.
pub const WATCHED_DIRS: [&str; 3] = [CONTENT_DIR, LOCALES_DIR, THEMES_DIR];

/// Whether a file or folder name is an editor's or the system's scratch file
/// (swap files, backups, the temporary files of "safe write" saves).
pub fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913" // vim checks whether it may create files with this one
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".crswap",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|s| name.ends_with(s))
}

/// Sorts a changed path (absolute, or relative to `root`) into its kind;
/// `None` for paths that do not affect the site (the output folder, scratch
/// files, other themes). `theme` is the theme named in site.yaml.
pub fn classify(root: &Path, theme: &str, path: &Path) -> Option<ChangeKind> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    if parts.iter().any(|p| is_scratch(p)) {
        return None;
    }
    let last = parts.last()?;
    match parts[0].as_str() {
        CONFIG_FILE if parts.len() == 1 => Some(ChangeKind::Config),
        CONTENT_DIR => Some(match Path::new(last).extension() {
            Some(ext) if ext != "md" => ChangeKind::Asset,
            // A page, or a folder (added, removed or renamed).
            _ => ChangeKind::Page,
        }),
        LOCALES_DIR => Some(ChangeKind::Locale),
        THEMES_DIR => match parts.get(1) {
            Some(name) if name != theme => None,
            _ => match parts.get(2).map(String::as_str) {
                Some("templates") => Some(ChangeKind::Template),
                Some(_) => Some(ChangeKind::Static),
                // The theme folder itself appeared or went: reload it all.
                None => Some(ChangeKind::Template),
            },
        },
        _ => None,
    }
}

/// The changes one rebuild handles: their kinds and paths (relative to the
/// site root).
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub kinds: BTreeSet<ChangeKind>,
    pub paths: BTreeSet<PathBuf>,
    /// Read every file again: the first build, or the watcher may have
    /// missed events.
    pub rescan: bool,
}

impl Changes {
    /// Everything, read again from disk.
    pub fn everything() -> Changes {
        Changes {
            kinds: [ChangeKind::Config].into_iter().collect(),
            paths: BTreeSet::new(),
            rescan: true,
        }
    }

    /// Adds the paths the watcher reported; ignored ones are left out.
    pub fn add(&mut self, root: &Path, theme: &str, paths: impl IntoIterator<Item = PathBuf>) {
        for p in paths {
            if let Some(kind) = classify(root, theme, &p) {
                self.kinds.insert(kind);
                let rel = p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p);
                self.paths.insert(rel);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    pub fn has(&self, kind: ChangeKind) -> bool {
        self.kinds.contains(&kind)
    }

    /// Merges `other` into these changes.
    pub fn merge(&mut self, other: Changes) {
        self.kinds.extend(other.kinds);
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
    }

    /// What changed, for the terminal: one path, or a count per kind.
    pub fn describe(&self) -> String {
        if self.paths.len() == 1 {
            if let Some(p) = self.paths.iter().next() {
                return p.display().to_string().replace('\\', "/");
            }
        }
        if self.paths.is_empty() {
            return "site".to_string();
        }
        let kinds: Vec<&str> = self.kinds.iter().map(|k| k.name()).collect();
        format!("{} files ({})", self.paths.len(), kinds.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(p: &str) -> Option<ChangeKind> {
        classify(Path::new("/site"), "default", Path::new(p))
    }

    #[test]
    fn paths_are_sorted_into_kinds() {
        assert_eq!(
            kind("/site/content/en/intro/first.md"),
            Some(ChangeKind::Page)
        );
        assert_eq!(kind("/site/content/en/intro"), Some(ChangeKind::Page));
        assert_eq!(
            kind("/site/content/en/intro/a.png"),
            Some(ChangeKind::Asset)
        );
        assert_eq!(kind("/site/locales/nl/main.ftl"), Some(ChangeKind::Locale));
        assert_eq!(
            kind("/site/themes/default/templates/page.html"),
            Some(ChangeKind::Template)
        );
        assert_eq!(
            kind("/site/themes/default/static/style.css"),
            Some(ChangeKind::Static)
        );
        assert_eq!(kind("/site/site.yaml"), Some(ChangeKind::Config));
        assert_eq!(kind("content/en/_index.md"), Some(ChangeKind::Page));
    }

    #[test]
    fn unrelated_and_scratch_paths_are_ignored() {
        for p in [
            "/site/public/en/index.html",
            "/site/README.md",
            "/site/content/en/intro/.first.md.swp",
            "/site/content/en/intro/first.md~",
            "/site/content/en/intro/4913",
            "/site/content/en/intro/first.md___jb_tmp___",
            "/site/content/.git/index",
            "/site/themes/other/templates/page.html",
            "/site/sub/site.yaml",
        ] {
            assert_eq!(kind(p), None, "{p}");
        }
    }

    #[test]
    fn changes_collect_kinds_and_relative_paths() {
        let mut c = Changes::default();
        c.add(
            Path::new("/site"),
            "default",
            [
                PathBuf::from("/site/content/en/a/b.md"),
                PathBuf::from("/site/public/x.html"),
            ],
        );
        assert!(c.has(ChangeKind::Page));
        assert_eq!(c.kinds.len(), 1);
        assert_eq!(c.describe(), "content/en/a/b.md");
    }
}
