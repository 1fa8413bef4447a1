//! The repository's own files: the EQUIL handbook, the built-in theme and
//! the built-in interface strings (tests compare output with them).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository (the EQUIL handbook's site and equil's built-in files).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path inside the repository.
pub fn repo_path(rel: &str) -> PathBuf {
    repo().join(rel)
}

/// The text of a file of the repository.
pub fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(repo_path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The built-in interface strings of `lang` (`locales/<lang>/main.ftl`).
pub fn builtin_locale(lang: &str) -> String {
    repo_file(&format!("locales/{lang}/main.ftl"))
}

/// The value of the one-line message `id` in the built-in strings of `lang`.
pub fn message(lang: &str, id: &str) -> String {
    builtin_locale(lang)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{id} = ")))
        .unwrap_or_else(|| panic!("{id} not in locales/{lang}/main.ftl"))
        .trim()
        .to_string()
}

/// A built-in template (`themes/default/templates/<name>`).
pub fn builtin_template(name: &str) -> String {
    repo_file(&format!("themes/default/templates/{name}"))
}

/// The repository's EQUIL handbook, built once per test run into Cargo's
/// scratch folder for tests; the folder of the built site. Tests only read it.
pub fn built_handbook() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("equil-handbook");
        let r = super::equil(&[
            "build",
            "--root",
            repo().to_str().expect("utf-8"),
            "--output",
            out.to_str().expect("utf-8"),
        ]);
        assert!(r.status.success(), "{}", super::stderr(&r));
        std::fs::canonicalize(out).expect("built handbook")
    })
}
