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
    // Only a file of the site: a path could publish any file of the computer.
    let path = Path::new(logo);
    let inside = !path.is_absolute()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && match (root.canonicalize(), root.join(logo).canonicalize()) {
            (Ok(r), Ok(f)) => f.starts_with(r),
            _ => true, // missing: reported as unreadable below
        };
    if !inside {
        return Err(at(Diagnostic::error(
            Code::UnsafePath,
            format!("the logo `{logo}` is not a file inside the site folder"),
        )
        .help(
            "put the image in the site, e.g. images/logo.svg, and write `logo: images/logo.svg`",
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
