//! The theme: Tera templates and static files, built into the binary and
//! overridable file by file from the site's `themes/<name>/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::diagnostics::{Code, Diagnostic};

pub const THEMES_DIR: &str = "themes";

/// The default theme, built into the binary.
pub static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a theme file came from.
#[derive(Debug, Clone)]
pub enum Origin {
    BuiltIn,
    Site(PathBuf),
}

/// A theme file: its path inside the theme (`templates/page.html`) and bytes.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub origin: Origin,
    pub bytes: Vec<u8>,
}

/// All files of the theme, by path inside the theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// Templates (`templates/*.html`), by template name (`page.html`).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("templates/").map(|n| (n, v)))
    }

    /// Whether the file at `path` (`templates/page.html`) has the bytes of
    /// the built-in theme's (a site may copy built-in files unchanged).
    pub fn is_builtin(&self, path: &str) -> bool {
        match (self.files.get(path), BUILTIN.get_file(path)) {
            (Some(f), Some(b)) => f.bytes == b.contents(),
            _ => false,
        }
    }

    /// Static files (`static/...`), by path below `static/`.
    pub fn statics(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("static/").map(|n| (n, v)))
    }
}

/// Loads the built-in theme, then the site's theme folder over it.
pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let mut theme = Theme::default();
    add_builtin(&BUILTIN, &mut theme);
    check_name(name)?;
    let dir = root.join(THEMES_DIR).join(name);
    check_inside(root, &dir, name)?;
    if !dir.is_dir() {
        if name == "default" {
            return Ok(theme);
        }
        return Err(
            Diagnostic::error(Code::Config, format!("theme `{name}` not found"))
                .at("site.yaml")
                .help(format!(
                    "create themes/{name}/, or remove `theme:` to use the built-in theme"
                )),
        );
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry =
            entry.map_err(|e| Diagnostic::error(Code::Io, format!("cannot read theme: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_in_theme = super::slash_path(entry.path(), &dir);
        let rel_to_root = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::error(Code::Io, format!("cannot read: {e}")).at(&rel_to_root)
        })?;
        theme.files.insert(
            rel_in_theme,
            ThemeFile {
                origin: Origin::Site(rel_to_root),
                bytes,
            },
        );
    }
    Ok(theme)
}

/// A theme is named by one folder under `themes/`: a path could publish
/// files from anywhere on the computer.
fn check_name(name: &str) -> Result<(), Diagnostic> {
    let plain = !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
    if plain {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::UnsafePath,
        format!(
            "`theme: {}` is not the name of a folder under themes/",
            name.escape_debug()
        ),
    )
    .at("site.yaml")
    .help("name a folder of the site's themes/ folder, e.g. `theme: default`; paths such as `/etc` or `../x` are not allowed"))
}

/// The theme folder must really be inside the site's `themes/` (not a
/// symbolic link to somewhere else).
fn check_inside(root: &Path, dir: &Path, name: &str) -> Result<(), Diagnostic> {
    let (Ok(themes), Ok(real)) = (root.join(THEMES_DIR).canonicalize(), dir.canonicalize()) else {
        return Ok(()); // missing: reported as "not found" below
    };
    if real.starts_with(&themes) {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::UnsafePath,
        format!(
            "themes/{name} is a link to a folder outside the site; its files are not published"
        ),
    )
    .at(format!("{THEMES_DIR}/{name}"))
    .help("copy the theme into the site's themes/ folder instead of linking to it"))
}

fn add_builtin(dir: &Dir<'static>, theme: &mut Theme) {
    for f in dir.files() {
        let key = f.path().to_string_lossy().replace('\\', "/");
        theme.files.insert(
            key,
            ThemeFile {
                origin: Origin::BuiltIn,
                bytes: f.contents().to_vec(),
            },
        );
    }
    for d in dir.dirs() {
        add_builtin(d, theme);
    }
}
