//! Writing a user's files safely: every file is written to a temporary file
//! in the same folder, flushed to disk and renamed over the target, so a full
//! disk, a file-size limit or a kill leaves the old file or the new one,
//! never part of one. Nothing is written through a symbolic link.
//!
//! [`NewFiles`] groups the files a command creates (`equil init`, `equil
//! i18n add`): when one of them cannot be written, the ones already created
//! are removed again, so a failed command leaves nothing behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Prefix of the temporary files (hidden, so the content walk skips them).
fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.equil-tmp-")
}

/// Refuses a target that is a symbolic link: writing through it would
/// change another file (a translation linked to its source, say).
fn refuse_link(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(std::io::Error::other(
            "it is a symbolic link; equil does not write through links (replace the link with a copy of the file)",
        )),
        _ => Ok(()),
    }
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Replaces (or creates) the file at `path` with `bytes`, atomically. An
/// existing file keeps its permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    refuse_link(path)?;
    let tmp = stage(path, bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_parent(path);
    Ok(())
}

/// Creates the file at `path` with `bytes`, atomically; fails when the
/// file already exists (it is never overwritten).
pub fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    refuse_link(path)?;
    let tmp = stage(path, bytes)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_parent(path);
    Ok(())
}

/// Makes a rename durable (best effort: not every platform can sync folders).
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Files and folders a command creates under `root`, removed again unless
/// [`NewFiles::keep`] is called (a command that fails half-way leaves
/// nothing behind). Paths are relative to `root`.
pub struct NewFiles {
    root: PathBuf,
    /// What was created, in order (folders before what is in them), and
    /// whether it is a folder.
    created: Vec<(PathBuf, bool)>,
    kept: bool,
}

impl NewFiles {
    pub fn new(root: &Path) -> NewFiles {
        NewFiles {
            root: root.to_path_buf(),
            created: Vec::new(),
            kept: false,
        }
    }

    /// Creates the root folder itself when it is missing (removed again, if
    /// still empty, unless kept).
    pub fn root(&mut self) -> std::io::Result<()> {
        if !self.root.is_dir() {
            std::fs::create_dir_all(&self.root)?;
            self.created.push((PathBuf::new(), true));
        }
        Ok(())
    }

    /// Creates the folder `rel` and any missing parents.
    pub fn dir(&mut self, rel: &Path) -> std::io::Result<()> {
        let mut missing = Vec::new();
        let mut at = Some(rel);
        while let Some(p) = at.filter(|p| !p.as_os_str().is_empty()) {
            let abs = self.root.join(p);
            if abs.is_dir() {
                break;
            }
            missing.push(p.to_path_buf());
            at = p.parent();
        }
        for p in missing.into_iter().rev() {
            std::fs::create_dir(self.root.join(&p))?;
            self.created.push((p, true));
        }
        Ok(())
    }

    /// Creates the file `rel` (and its folder); an existing file is an error.
    pub fn file(&mut self, rel: &Path, bytes: &[u8]) -> std::io::Result<()> {
        if let Some(parent) = rel.parent() {
            self.dir(parent)?;
        }
        create_new(&self.root.join(rel), bytes)?;
        self.created.push((rel.to_path_buf(), false));
        Ok(())
    }

    /// Keeps everything created; returns the files.
    pub fn keep(mut self) -> Vec<PathBuf> {
        self.kept = true;
        std::mem::take(&mut self.created)
            .into_iter()
            .filter_map(|(p, dir)| (!dir).then_some(p))
            .collect()
    }
}

impl Drop for NewFiles {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        for (p, dir) in self.created.iter().rev() {
            let abs = self.root.join(p);
            if *dir {
                // Only ever empty once its files are gone; never a user's folder.
                let _ = std::fs::remove_dir(&abs);
            } else {
                let _ = std::fs::remove_file(&abs);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_no_temporary_file_and_refuses_links() {
        let tmp = tempfile::tempdir().unwrap();
        let page = tmp.path().join("page.md");
        std::fs::write(&page, "old").unwrap();
        replace(&page, b"new").unwrap();
        assert_eq!(std::fs::read(&page).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);

        #[cfg(unix)]
        {
            let link = tmp.path().join("link.md");
            std::os::unix::fs::symlink(&page, &link).unwrap();
            let err = replace(&link, b"through").unwrap_err();
            assert!(err.to_string().contains("symbolic link"), "{err}");
            assert_eq!(std::fs::read(&page).unwrap(), b"new");
        }
    }

    #[test]
    fn create_new_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("a.txt");
        create_new(&f, b"one").unwrap();
        assert!(create_new(&f, b"two").is_err());
        assert_eq!(std::fs::read(&f).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn new_files_are_removed_unless_kept() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("existing")).unwrap();
        {
            let mut files = NewFiles::new(tmp.path());
            files.file(Path::new("a/b/c.txt"), b"x").unwrap();
            files.file(Path::new("existing/d.txt"), b"y").unwrap();
        }
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the user's folder stays");
        assert_eq!(
            std::fs::read_dir(tmp.path().join("existing"))
                .unwrap()
                .count(),
            0
        );

        let mut files = NewFiles::new(tmp.path());
        files.file(Path::new("a/b.txt"), b"x").unwrap();
        assert_eq!(files.keep(), vec![PathBuf::from("a/b.txt")]);
        assert!(tmp.path().join("a/b.txt").is_file());
    }
}
