//! Which folders a build may replace, and the folders a killed build left.
//!
//! A build replaces its output folder as a whole, so before it starts it
//! makes sure that folder holds nothing but an earlier build: it is missing,
//! empty, or carries the marker file equil leaves in every output. Anything
//! else needs `--force`; the site itself, its parents and its source folders
//! are never replaced.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};

/// The marker file equil writes at the top of every output folder.
pub const MARKER: &str = ".equil-output";

/// The marker's text (no date or path, so builds stay byte-identical).
pub fn marker_text() -> String {
    format!(
        "This folder was written by equil {} and is replaced by every `equil build`.\n\
         Do not keep your own files here: they would be deleted by the next build.\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Folders of a site that an output folder may never be in.
const SOURCE_DIRS: &[&str] = &["content", "locales", "themes", ".git"];

/// Checks that `output` may be replaced by a build of the site at `root`.
/// `force` allows replacing a folder of other files, never the site's own.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<(), Diagnostic> {
    let root_abs = resolve(root);
    let out_abs = resolve(output);
    let shown = output.display().to_string();
    let never = |why: String| {
        Diagnostic::error(Code::OutputFolder, why)
            .help("choose an output folder of its own, e.g. `--output public` (the default)")
    };
    if root_abs.starts_with(&out_abs) {
        let what = if root_abs == out_abs {
            "the site folder itself"
        } else {
            "a folder that contains the site"
        };
        return Err(never(format!(
            "the output folder {shown} is {what}: a build replaces its output folder, so this would delete the site; not even --force allows it"
        )));
    }
    for dir in SOURCE_DIRS {
        if out_abs.starts_with(root_abs.join(dir)) {
            return Err(never(format!(
                "the output folder {shown} is inside the site's `{dir}/` folder: a build would delete sources there; not even --force allows it"
            )));
        }
    }
    let Ok(meta) = std::fs::metadata(output) else {
        return Ok(()); // missing: it will be created
    };
    if !meta.is_dir() {
        return Err(Diagnostic::error(
            Code::OutputFolder,
            format!("the output folder {shown} is a file, not a folder"),
        )
        .help("choose another --output, or move the file away"));
    }
    if force || is_replaceable(output) {
        return Ok(());
    }
    let examples = foreign_examples(output);
    Err(Diagnostic::error(
        Code::OutputFolder,
        format!(
            "the output folder {shown} holds files equil did not write ({examples}); a build would delete them, so nothing was changed"
        ),
    )
    .help(format!(
        "build into another folder (`--output public`), or, if everything in {shown} may be deleted, add `--force`"
    )))
}

/// Whether `dir` is empty, or was written by equil.
fn is_replaceable(dir: &Path) -> bool {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return false;
    };
    if entries.next().is_none() {
        return true;
    }
    dir.join(MARKER).is_file() || is_earlier_output(dir)
}

/// Whether `dir` looks like the output of an equil from before the marker:
/// the chooser, the 404 page, the theme's static folder and a language's
/// search index.
fn is_earlier_output(dir: &Path) -> bool {
    let has_index = || {
        std::fs::read_dir(dir).is_ok_and(|d| {
            d.flatten()
                .any(|e| e.path().join("search-index.js").is_file())
        })
    };
    dir.join("index.html").is_file()
        && dir.join("404.html").is_file()
        && dir.join("static").is_dir()
        && has_index()
}

/// A few names of what is in `dir`, for the error.
fn foreign_examples(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    crate::diagnostics::abbreviate(&names, 3)
}

/// `path` made absolute, with symbolic links of its existing part resolved
/// and `.`/`..` of the rest applied.
pub fn resolve(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    normalise(&out)
}

/// Applies `.` and `..` lexically (for the part that does not exist yet).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Names of the folders a build makes beside `output` while it runs.
pub struct Leftovers {
    pub staging_prefix: String,
    pub old_prefix: String,
}

impl Leftovers {
    /// The prefixes for `output`, with this process's id, so another build
    /// running at the same time can tell its folders from abandoned ones.
    pub fn of(output: &Path) -> Leftovers {
        Leftovers::with_pid(output, std::process::id())
    }

    fn with_pid(output: &Path, pid: u32) -> Leftovers {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        Leftovers {
            staging_prefix: format!(".{name}.equil-staging-{pid}-"),
            old_prefix: format!(".{name}.equil-old-{pid}-"),
        }
    }
}

/// The folder beside `output` where its staging folders go.
pub fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Removes the staging and old-output folders that builds of `output` left
/// behind when they were killed (those of processes that are gone), and
/// those of earlier equil versions. Returns how many were removed.
pub fn remove_abandoned(output: &Path) -> usize {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let ours = [
        format!(".{name}.equil-staging-"),
        format!(".{name}.equil-old-"),
    ];
    let Ok(entries) = std::fs::read_dir(parent_of(output)) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let abandoned = match ours.iter().find_map(|p| file_name.strip_prefix(p.as_str())) {
            Some(rest) => owner(rest).map_or(true, |pid| !alive(pid)),
            // Earlier versions named the old output `.equil-old-XXXXXX`.
            None => file_name.starts_with(".equil-old-") && file_name.len() == 17,
        };
        if abandoned && e.file_type().is_ok_and(|t| t.is_dir()) {
            super::remove_tree(&e.path());
            removed += 1;
        }
    }
    removed
}

/// The process id in `1234-XXXXXX` (the rest of a staging folder's name).
fn owner(rest: &str) -> Option<u32> {
    rest.split_once('-').and_then(|(pid, _)| pid.parse().ok())
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only checks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

/// On Ctrl-C or SIGTERM: puts the previous output back if the build was
/// swapping it, and removes this process's staging and old-output folders.
pub fn remove_own(output: &Path) {
    let own = Leftovers::of(output);
    let parent = parent_of(output);
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return;
    };
    let mut staging = Vec::new();
    let mut old = Vec::new();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&own.staging_prefix) {
            staging.push(e.path());
        } else if n.starts_with(&own.old_prefix) {
            old.push(e.path());
        }
    }
    if !output.exists() {
        if let Some(previous) = old.pop() {
            let _ = std::fs::rename(&previous, output);
        }
    }
    for dir in staging.iter().chain(&old) {
        super::remove_tree(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_its_parents_and_sources_are_never_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content/en")).unwrap();
        for bad in [
            root.clone(),
            root.join("."),
            tmp.path().to_path_buf(),
            root.join("content"),
            root.join("content/en/new"),
            root.join("locales"),
            root.join("themes/x"),
            root.join("public/../content"),
        ] {
            let e = check_output(&root, &bad, true).unwrap_err();
            assert_eq!(e.code, Code::OutputFolder, "{}", bad.display());
            assert!(e.message.contains("not even --force"), "{}", e.message);
        }
        assert!(check_output(&root, &root.join("public"), false).is_ok());
    }

    #[test]
    fn only_empty_or_equil_folders_are_replaced_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).unwrap();
        assert!(check_output(&root, &out, false).is_ok(), "empty");
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let e = check_output(&root, &out, false).unwrap_err();
        assert!(e.message.contains("notes.txt"), "{}", e.message);
        assert!(e.help.as_deref().unwrap_or("").contains("--force"));
        assert!(check_output(&root, &out, true).is_ok());
        std::fs::write(out.join(MARKER), marker_text()).unwrap();
        assert!(check_output(&root, &out, false).is_ok(), "marked");
    }

    #[test]
    fn abandoned_folders_are_told_from_live_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let live = Leftovers::of(&out);
        let dead = Leftovers::with_pid(&out, u32::MAX - 1);
        for name in [
            format!("{}abc", live.staging_prefix),
            format!("{}abc", dead.staging_prefix),
            format!("{}abc", dead.old_prefix),
            ".equil-old-a1b2c3".to_string(),
            ".public.equil-staging-q1w2e3".to_string(),
            "keep-me".to_string(),
        ] {
            std::fs::create_dir_all(tmp.path().join(name).join("x")).unwrap();
        }
        assert_eq!(remove_abandoned(&out), 4);
        let mut left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            vec![format!("{}abc", live.staging_prefix), "keep-me".into()]
        );
    }
}
