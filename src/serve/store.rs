//! How `serve` holds the rendered site in memory: each file compressed
//! (deflate, fastest level) when that makes it smaller, so that a
//! 10,000-page site (about 360 MB of HTML and print pages) fits in a
//! fraction of that. The pages of one folder (a module's) share most of
//! their bytes — the layout, and the module's navigation, which is as long
//! as a page's text — but never within one file, where deflate looks: so
//! each folder's pages are deflated with a preset dictionary, the first
//! page stored in that folder ([`Dictionaries`]), and keep the navigation
//! at a few bytes each. A file is unpacked when a browser asks for it; a new
//! rendering is compared with the one served by length and hash, without
//! unpacking. Print documents are not held at all: each is made when a
//! browser asks for it ([`Stored::on_request`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use crate::write::Sink;

/// Files smaller than this are kept as they are.
const MIN_PACKED: usize = 512;
/// Deflate looks this far back: the most of a dictionary it uses.
const WINDOW: usize = 32 * 1024;
/// Pages up to this size can be their folder's dictionary (a module's
/// print page, much longer, is not like its pages).
const MAX_DICTIONARY_SOURCE: usize = 256 * 1024;

/// One served file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The bytes, deflated when `packed`.
    data: Box<[u8]>,
    packed: bool,
    /// The preset dictionary they were deflated with.
    dictionary: Option<Arc<[u8]>>,
    /// Length and hash of the file's bytes, to compare without unpacking.
    len: usize,
    hash: u64,
    /// Made when a browser asks for it, not held (the bytes are empty;
    /// `hash` tells one version from the next).
    on_request: bool,
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

impl Stored {
    /// Holds `bytes`, compressed when that saves space.
    pub fn new(bytes: &[u8]) -> Stored {
        Stored::with_dictionary(bytes, None)
    }

    /// Holds `bytes`, compressed (with `dictionary`, if any) when that saves space.
    pub fn with_dictionary(bytes: &[u8], dictionary: Option<Arc<[u8]>>) -> Stored {
        let packed = match bytes.len() < MIN_PACKED {
            true => None,
            false => pack(bytes, dictionary.as_deref()).filter(|d| d.len() < bytes.len()),
        };
        let (data, packed, dictionary) = match packed {
            Some(d) => (d.into_boxed_slice(), true, dictionary),
            None => (bytes.into(), false, None),
        };
        Stored {
            data,
            packed,
            dictionary,
            len: bytes.len(),
            hash: hash_of(bytes),
            on_request: false,
        }
    }

    /// A file made when a browser asks for it (a print document: they are
    /// long, and seldom opened while editing). `version` differs from the
    /// last one's when its inputs may have changed, so that browsers
    /// showing it reload.
    pub fn on_request(version: u64) -> Stored {
        Stored {
            data: Box::default(),
            packed: false,
            dictionary: None,
            len: 0,
            hash: version,
            on_request: true,
        }
    }

    /// Whether the file is made on request (its bytes are not held).
    pub fn is_on_request(&self) -> bool {
        self.on_request
    }

    /// The file's bytes.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        if !self.packed {
            return Cow::Borrowed(&self.data);
        }
        // Never fails with what `pack` made; serve nothing rather than garbage.
        Cow::Owned(unpack(&self.data, self.dictionary.as_deref(), self.len).unwrap_or_default())
    }

    /// Bytes of memory it takes (its data; a shared dictionary is not counted).
    pub fn size(&self) -> usize {
        self.data.len()
    }

    /// The length of the file.
    pub fn file_len(&self) -> usize {
        self.len
    }

    /// Whether the file holds exactly `bytes` (by length and a 64-bit hash).
    pub fn holds(&self, bytes: &[u8]) -> bool {
        !self.on_request && self.len == bytes.len() && self.hash == hash_of(bytes)
    }

    /// Whether two stored files hold the same bytes (or are the same
    /// version of a file made on request).
    pub fn same(&self, other: &Stored) -> bool {
        self.on_request == other.on_request && self.len == other.len && self.hash == other.hash
    }
}

/// `bytes` deflated (raw deflate), with a preset dictionary if given.
fn pack(bytes: &[u8], dictionary: Option<&[u8]>) -> Option<Vec<u8>> {
    let mut c = Compress::new(Compression::fast(), false);
    if let Some(d) = dictionary {
        c.set_dictionary(d).ok()?;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 + 64);
    loop {
        let before = (c.total_in(), c.total_out());
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(1024));
        }
        let rest = &bytes[c.total_in() as usize..];
        match c.compress_vec(rest, &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(_) if (c.total_in(), c.total_out()) != before => {}
            _ => return None,
        }
    }
}

/// What [`pack`] made, inflated again (`len` bytes).
fn unpack(data: &[u8], dictionary: Option<&[u8]>, len: usize) -> Option<Vec<u8>> {
    let mut d = Decompress::new(false);
    if let Some(dict) = dictionary {
        d.set_dictionary(dict).ok()?;
    }
    let mut out = Vec::with_capacity(len);
    loop {
        let before = (d.total_in(), d.total_out());
        if out.len() == out.capacity() {
            out.reserve(1024);
        }
        let rest = &data[d.total_in() as usize..];
        match d.decompress_vec(rest, &mut out, FlushDecompress::Finish) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(_) if (d.total_in(), d.total_out()) != before => {}
            _ => return None,
        }
    }
}

/// The preset dictionary of each folder: the last [`WINDOW`] bytes of the
/// first HTML page stored in it (kept between rebuilds; a dictionary that
/// no longer looks like its folder's pages only compresses them less).
#[derive(Default)]
pub struct Dictionaries(Mutex<HashMap<String, Arc<[u8]>>>);

impl Dictionaries {
    /// The dictionary for the file at `path`, made from `bytes` when its
    /// folder has none yet; `None` for files unlike pages.
    fn for_file(&self, path: &str, bytes: &[u8]) -> Option<Arc<[u8]>> {
        if !path.ends_with(".html") || bytes.len() > MAX_DICTIONARY_SOURCE {
            return None;
        }
        let folder = path.rsplit_once('/').map(|(f, _)| f).unwrap_or("");
        let mut map = self.0.lock().ok()?;
        let d = map.entry(folder.to_string()).or_insert_with(|| {
            let tail = &bytes[bytes.len().saturating_sub(WINDOW)..];
            Arc::from(tail)
        });
        Some(Arc::clone(d))
    }
}

/// A [`Sink`] that stores what is rendered, compressed as it is written
/// (in the rendering threads, so a whole site is never held uncompressed).
#[derive(Default)]
pub struct StoreSink {
    pub files: Mutex<BTreeMap<String, Stored>>,
    dictionaries: Arc<Dictionaries>,
}

impl StoreSink {
    /// A sink that deflates pages with the dictionaries of their folders.
    pub fn new(dictionaries: &Arc<Dictionaries>) -> StoreSink {
        StoreSink {
            files: Mutex::default(),
            dictionaries: Arc::clone(dictionaries),
        }
    }

    /// The files written.
    pub fn into_files(self) -> BTreeMap<String, Stored> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Sink for StoreSink {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let dictionary = self.dictionaries.for_file(path, bytes);
        let stored = Stored::with_dictionary(bytes, dictionary);
        self.files
            .lock()
            .map_err(|_| std::io::Error::other("a rendering thread failed"))?
            .insert(path.to_string(), stored);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_made_on_request_hold_no_bytes_and_differ_by_version() {
        let a = Stored::on_request(1);
        assert!(a.is_on_request());
        assert!(a.bytes().is_empty());
        assert_eq!(a.size(), 0);
        assert!(a.same(&Stored::on_request(1)));
        assert!(!a.same(&Stored::on_request(2)));
        // Never the same as a file held, not even an empty one.
        assert!(!a.same(&Stored::new(b"")));
        assert!(!a.holds(b""));
        assert!(!Stored::new(b"x").is_on_request());
    }

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

    /// Pages of one folder share a dictionary: what they have in common
    /// costs little, and each comes back exactly.
    #[test]
    fn pages_of_a_folder_share_a_dictionary() {
        let nav: String = (0..300)
            .map(|i| {
                format!(
                    "<li><a href=\"p{}.html\">Page {}</a></li>\n",
                    i * 7919 % 1000,
                    i * 104729 % 997
                )
            })
            .collect();
        let page = |i: usize| format!("<html>{nav}<main>Page {i} of the module.</main></html>");
        let dicts = Arc::new(Dictionaries::default());
        let sink = StoreSink::new(&dicts);
        for i in 0..3 {
            sink.write(&format!("en/m/p{i}.html"), page(i).as_bytes())
                .unwrap();
        }
        sink.write("en/other/x.html", b"<p>short</p>").unwrap();
        sink.write("en/m/app.js", nav.as_bytes()).unwrap();
        let files = sink.into_files();
        let alone = Stored::new(page(2).as_bytes());
        for i in 0..3 {
            let s = &files[&format!("en/m/p{i}.html")];
            assert_eq!(s.bytes().as_ref(), page(i).as_bytes());
            assert!(s.dictionary.is_some());
            assert!(
                s.size() * 5 < alone.size(),
                "{} of {}",
                s.size(),
                alone.size()
            );
        }
        assert_eq!(files["en/m/app.js"].bytes().as_ref(), nav.as_bytes());
        assert!(files["en/m/app.js"].dictionary.is_none());
        assert_eq!(files["en/other/x.html"].bytes().as_ref(), b"<p>short</p>");
    }
}
