//! Stage 4, **write**: output goes to a staging folder beside the output
//! folder and replaces it only when the whole build succeeded, so a failed
//! build leaves the previous site exactly as it was.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where rendered files go: a staging folder, memory (serve), or nowhere (check).
pub trait Sink: Sync {
    /// Writes `bytes` to `path` (relative, `/`-separated) in the output.
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Copies the file `source` to `path` in the output.
    fn copy(&self, path: &str, source: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(source)?;
        self.write(path, &bytes)
    }
}

/// Discards everything (for `equil check`).
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _path: &str, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
    fn copy(&self, _path: &str, source: &Path) -> std::io::Result<()> {
        std::fs::metadata(source).map(|_| ())
    }
}

/// Keeps the output in memory (for `equil serve` and tests).
#[derive(Default)]
pub struct MemorySink {
    pub files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.files
            .lock()
            .map_err(|_| std::io::Error::other("output lock poisoned"))?
            .insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

/// A staging folder that becomes the output folder on [`Staging::commit`].
/// Dropped without commit, it is removed.
pub struct Staging {
    dir: Option<tempfile::TempDir>,
    target: PathBuf,
}

impl Staging {
    /// Creates a staging folder next to `target` (same file system, so the
    /// final rename is atomic).
    pub fn new(target: &Path) -> std::io::Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.equil-staging-"))
            .tempdir_in(&parent)?;
        Ok(Staging {
            dir: Some(dir),
            target: target.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().map(|d| d.path()).unwrap_or(Path::new(""))
    }

    /// Replaces the target folder with the staged output.
    pub fn commit(mut self) -> std::io::Result<()> {
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        let staged = dir.keep();
        let result = swap_into_place(&staged, &self.target);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staged);
        }
        result
    }
}

fn swap_into_place(staged: &Path, target: &Path) -> std::io::Result<()> {
    if target.exists() {
        if !target.is_dir() {
            return Err(std::io::Error::other(format!(
                "{} exists and is not a folder",
                target.display()
            )));
        }
        let parent = staged.parent().unwrap_or(Path::new("."));
        let old = tempfile::Builder::new()
            .prefix(".equil-old-")
            .tempdir_in(parent)?
            .keep();
        // `old` exists (empty); rename needs the destination free.
        std::fs::remove_dir(&old)?;
        std::fs::rename(target, &old)?;
        if let Err(e) = std::fs::rename(staged, target) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, target);
            return Err(e);
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    } else {
        std::fs::rename(staged, target)
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let full = self.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let file = std::fs::File::create(&full)?;
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, file);
        w.write_all(bytes)?;
        w.flush()
    }

    fn copy(&self, path: &str, source: &Path) -> std::io::Result<()> {
        let full = self.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(source, full).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let s = Staging::new(&target).unwrap();
        s.write("a/b.html", b"new").unwrap();
        drop(s);
        assert!(target.join("old.html").exists());
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            1,
            "staging left behind"
        );

        let s = Staging::new(&target).unwrap();
        s.write("a/b.html", b"new").unwrap();
        s.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read(target.join("a/b.html")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
