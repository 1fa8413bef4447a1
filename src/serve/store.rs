//! How `serve` holds the rendered site in memory: each file compressed
//! (deflate, fastest level) when that makes it smaller, so that a
//! 10,000-page site (about 370 MB of HTML, much of it navigation repeated
//! from page to page) fits in a fraction of that. A file is unpacked when a
//! browser asks for it; a new rendering is compared with the one served by
//! length and hash, without unpacking.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::sync::Mutex;

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;

use crate::write::Sink;

/// Files smaller than this are kept as they are.
const MIN_PACKED: usize = 512;

/// One served file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The bytes, deflated when `packed`.
    data: Box<[u8]>,
    packed: bool,
    /// Length and hash of the file's bytes, to compare without unpacking.
    len: usize,
    hash: u64,
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Stored {
    /// Holds `bytes`, compressed when that saves space.
    pub fn new(bytes: &[u8]) -> Stored {
        let (data, packed) = match pack(bytes) {
            Some(d) if d.len() < bytes.len() => (d.into_boxed_slice(), true),
            _ => (bytes.into(), false),
        };
        Stored {
            data,
            packed,
            len: bytes.len(),
            hash: hash_of(bytes),
        }
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        if !self.packed {
            return Cow::Borrowed(&self.data);
        }
        let mut out = Vec::with_capacity(self.len);
        match DeflateDecoder::new(&self.data[..]).read_to_end(&mut out) {
            Ok(_) => Cow::Owned(out),
            // Never happens with what `pack` made; serve nothing rather than garbage.
            Err(_) => Cow::Owned(Vec::new()),
        }
    }

    /// Whether the file holds exactly `bytes` (by length and a 64-bit hash).
    pub fn holds(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() && self.hash == hash_of(bytes)
    }

    /// Whether two stored files hold the same bytes.
    pub fn same(&self, other: &Stored) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

fn pack(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < MIN_PACKED {
        return None;
    }
    let mut e = DeflateEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::fast());
    e.write_all(bytes).ok()?;
    e.finish().ok()
}

/// A [`Sink`] that stores what is rendered, compressed as it is written
/// (in the rendering threads, so a whole site is never held uncompressed).
#[derive(Default)]
pub struct StoreSink {
    pub files: Mutex<BTreeMap<String, Stored>>,
}

impl StoreSink {
    /// The files written.
    pub fn into_files(self) -> BTreeMap<String, Stored> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Sink for StoreSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let stored = Stored::new(bytes);
        self.files
            .lock()
            .map_err(|_| std::io::Error::other("a rendering thread failed"))?
            .insert(path.to_string(), stored);
        Ok(())
    }
}

/// Hands memory freed after a large render (a whole language's print
/// document and its context are tens of megabytes each) back to the system,
/// where the allocator keeps it otherwise (glibc on Linux).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the heap to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_they_went_in() {
        let small = b"<p>hi</p>".to_vec();
        let big = "<li><a href=\"x.html\">A page</a></li>\n".repeat(200);
        for bytes in [small.as_slice(), big.as_bytes(), &[]] {
            let s = Stored::new(bytes);
            assert_eq!(s.bytes().as_ref(), bytes);
            assert!(s.holds(bytes));
        }
        let s = Stored::new(big.as_bytes());
        assert!(s.packed && s.data.len() < big.len() / 4);
        assert!(!s.holds(b"other"));
        assert!(s.same(&Stored::new(big.as_bytes())));
        assert!(!s.same(&Stored::new(b"other")));
    }
}
