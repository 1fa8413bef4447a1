//! Stage 4, **write**: output goes to a staging folder beside the output
//! folder and replaces it only when the whole build succeeded, so a failed
//! build leaves the previous site exactly as it was.
//!
//! A file whose bytes are the same as in the previous output is hard-linked
//! from there instead of written again: a rebuild then allocates (and later
//! frees) only the inodes of files that changed, and leaves the previous
//! file's modification time, which is what rsync and HTTP caches want.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub mod atomic;
pub mod guard;

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
    /// Folders created in the staging folder so far.
    made: Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    /// Creates a staging folder next to `target` (same file system, so the
    /// final rename is atomic).
    pub fn new(target: &Path) -> std::io::Result<Staging> {
        let parent = guard::parent_of(target);
        std::fs::create_dir_all(&parent)?;
        guard::remove_abandoned(target);
        let dir = tempfile::Builder::new()
            .prefix(&guard::Leftovers::of(target).staging_prefix)
            .tempdir_in(&parent)?;
        Ok(Staging {
            dir: Some(dir),
            target: target.to_path_buf(),
            made: Mutex::default(),
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
            .prefix(&guard::Leftovers::of(target).old_prefix)
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
        remove_tree(&old);
        Ok(())
    } else {
        std::fs::rename(staged, target)
    }
}

/// Removes a folder and everything in it, sub-folders in parallel. Errors
/// are ignored: what is left is a hidden folder beside the output.
pub(crate) fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|e| match e.file_type() {
        Ok(t) if t.is_dir() => remove_tree(&e.path()),
        _ => {
            let _ = std::fs::remove_file(e.path());
        }
    });
    let _ = std::fs::remove_dir(dir);
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let full = self.path().join(path);
        self.make_parent(&full)?;
        if self.reuse(path, &full, bytes.len() as u64, |old| same_as(old, bytes)) {
            return Ok(());
        }
        let file = std::fs::File::create(&full)?;
        let mut w = std::io::BufWriter::with_capacity(64 * 1024, file);
        w.write_all(bytes)?;
        w.flush()
    }

    fn copy(&self, path: &str, source: &Path) -> std::io::Result<()> {
        let full = self.path().join(path);
        self.make_parent(&full)?;
        let len = std::fs::metadata(source)?.len();
        let same = |old: &Path| {
            std::fs::File::open(source).is_ok_and(|mut f| {
                let mut block = Vec::new();
                same_blocks(old, len, |buf| {
                    block.resize(buf.len(), 0);
                    matches!(fill(&mut f, &mut block), Ok(n) if n == buf.len() && block == buf)
                })
            })
        };
        if self.reuse(path, &full, len, same) {
            return Ok(());
        }
        std::fs::copy(source, full).map(|_| ())
    }
}

impl Staging {
    /// Creates the folder of `file` (once per folder and build).
    fn make_parent(&self, file: &Path) -> std::io::Result<()> {
        let Some(parent) = file.parent() else {
            return Ok(());
        };
        let known = |made: &std::collections::HashSet<PathBuf>| made.contains(parent);
        if self.made.lock().map(|m| known(&m)).unwrap_or(false) {
            return Ok(());
        }
        std::fs::create_dir_all(parent)?;
        if let Ok(mut made) = self.made.lock() {
            made.insert(parent.to_path_buf());
        }
        Ok(())
    }

    /// Hard-links `path` of the previous output to `staged` when it has
    /// `len` bytes and `same` says they are what would be written. Only
    /// plain files with no other link are reused, so no file outside the
    /// output is ever shared.
    #[cfg(unix)]
    fn reuse(&self, path: &str, staged: &Path, len: u64, same: impl FnOnce(&Path) -> bool) -> bool {
        use std::os::unix::fs::MetadataExt;
        let old = self.target.join(path);
        let Ok(meta) = std::fs::symlink_metadata(&old) else {
            return false;
        };
        if !meta.is_file() || meta.nlink() != 1 || meta.len() != len {
            return false;
        }
        same(&old) && std::fs::hard_link(&old, staged).is_ok()
    }

    #[cfg(not(unix))]
    fn reuse(&self, _: &str, _: &Path, _: u64, _: impl FnOnce(&Path) -> bool) -> bool {
        false
    }
}

/// Whether the file at `old` holds exactly `bytes`.
fn same_as(old: &Path, bytes: &[u8]) -> bool {
    let mut at = 0;
    same_blocks(old, bytes.len() as u64, |block| {
        let same = bytes.get(at..at + block.len()) == Some(block);
        at += block.len();
        same
    }) && at == bytes.len()
}

/// Reads the file at `old` (of `len` bytes) a block at a time while `same`
/// accepts each block; whether it accepted them all.
fn same_blocks(old: &Path, len: u64, mut same: impl FnMut(&[u8]) -> bool) -> bool {
    const BLOCK: u64 = 64 * 1024;
    let Ok(mut file) = std::fs::File::open(old) else {
        return false;
    };
    let mut buf = Vec::with_capacity(len.clamp(1, BLOCK) as usize);
    loop {
        buf.clear();
        match (&mut file).take(BLOCK).read_to_end(&mut buf) {
            Ok(0) => return true,
            Ok(_) if same(&buf) => {}
            _ => return false,
        }
    }
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
fn fill(r: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
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

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_previous_output() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let ino = |p: &str| std::fs::metadata(target.join(p)).unwrap().ino();
        let s = Staging::new(&target).unwrap();
        for (p, b) in [
            ("same.html", "same"),
            ("changed.html", "v1"),
            ("shared.html", "x"),
        ] {
            s.write(p, b.as_bytes()).unwrap();
        }
        s.commit().unwrap();
        let before = (ino("same.html"), ino("changed.html"), ino("shared.html"));
        // A file linked from outside the output is never reused.
        std::fs::hard_link(target.join("shared.html"), tmp.path().join("outside")).unwrap();

        let s = Staging::new(&target).unwrap();
        for (p, b) in [
            ("same.html", "same"),
            ("changed.html", "v2"),
            ("shared.html", "x"),
        ] {
            s.write(p, b.as_bytes()).unwrap();
        }
        s.commit().unwrap();
        assert_eq!(ino("same.html"), before.0);
        assert_ne!(ino("changed.html"), before.1);
        assert_ne!(ino("shared.html"), before.2);
        assert_eq!(std::fs::read(target.join("changed.html")).unwrap(), b"v2");
        assert_eq!(
            std::fs::metadata(target.join("same.html")).unwrap().nlink(),
            1
        );
        assert_eq!(std::fs::read(tmp.path().join("outside")).unwrap(), b"x");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);

        // Copied files: reused while the source is the same, longer than a block.
        let src = tmp.path().join("asset.bin");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&src, &big).unwrap();
        let copy = || {
            let s = Staging::new(&target).unwrap();
            s.copy("a/asset.bin", &src).unwrap();
            s.commit().unwrap();
            ino("a/asset.bin")
        };
        let first = copy();
        assert_eq!(copy(), first);
        let mut changed = big.clone();
        changed[150_000] ^= 1;
        std::fs::write(&src, &changed).unwrap();
        assert_ne!(copy(), first);
        assert_eq!(std::fs::read(target.join("a/asset.bin")).unwrap(), changed);
    }
}
