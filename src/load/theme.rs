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
    let dir = root.join(THEMES_DIR).join(name);
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

/// Image types a site logo may have.
const LOGO_TYPES: [&str; 5] = ["svg", "png", "jpg", "jpeg", "webp"];

/// Adds the site's logo (`logo:` in site.yaml, a path from the site folder)
/// to the theme's static files as `static/logo.<ext>`.
pub fn add_logo(theme: &mut Theme, root: &Path, logo: &str) -> Result<(), Diagnostic> {
    let at = |d: Diagnostic| {
        let line = std::fs::read_to_string(root.join(super::config::CONFIG_FILE))
            .ok()
            .and_then(|t| t.lines().position(|l| l.starts_with("logo:")))
            .map_or(1, |i| i + 1);
        d.at(super::config::CONFIG_FILE).pos(line, 1)
    };
    let ext = Path::new(logo)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !LOGO_TYPES.contains(&ext.as_str()) {
        return Err(at(Diagnostic::error(
            Code::Config,
            format!("the logo `{logo}` is not an image file equil can publish"),
        )
        .help(
            "use an .svg, .png, .jpg or .webp file, e.g. `logo: images/logo.svg`",
        )));
    }
    let bytes = std::fs::read(root.join(logo)).map_err(|e| {
        at(
            Diagnostic::error(Code::Config, format!("cannot read the logo `{logo}`: {e}")).help(
                "give the path of the image from the site folder, e.g. `logo: images/logo.svg`",
            ),
        )
    })?;
    theme.files.insert(
        format!("static/logo.{ext}"),
        ThemeFile {
            origin: Origin::Site(PathBuf::from(logo)),
            bytes,
        },
    );
    Ok(())
}

impl Theme {
    /// The site logo's path in the output (`static/logo.svg`), if any.
    pub fn logo(&self) -> Option<&str> {
        self.files
            .keys()
            .find(|k| {
                k.strip_prefix("static/logo.")
                    .is_some_and(|e| LOGO_TYPES.contains(&e))
            })
            .map(String::as_str)
    }
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
