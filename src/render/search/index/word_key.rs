//! A word as written, as a hash map key, kept inline when short.

/// A word as written, as a hash map key: a short word (almost every word)
/// is kept inside the table itself, so that looking it up does not follow a
/// pointer to compare it.
#[derive(Clone)]
pub(super) enum WordKey {
    Inline(u8, [u8; WordKey::INLINE]),
    Heap(Box<[u8]>),
}

impl WordKey {
    pub(super) const INLINE: usize = 22;

    pub(super) fn new(word: &[u8]) -> WordKey {
        if word.len() <= WordKey::INLINE {
            let mut bytes = [0; WordKey::INLINE];
            bytes[..word.len()].copy_from_slice(word);
            WordKey::Inline(word.len() as u8, bytes)
        } else {
            WordKey::Heap(word.into())
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            WordKey::Inline(len, bytes) => &bytes[..usize::from(*len)],
            WordKey::Heap(bytes) => bytes,
        }
    }
}

// Equality and hashing are those of the bytes, as `Borrow<[u8]>` requires.
impl PartialEq for WordKey {
    fn eq(&self, other: &WordKey) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for WordKey {}

impl std::hash::Hash for WordKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bytes().hash(state)
    }
}

impl std::borrow::Borrow<[u8]> for WordKey {
    fn borrow(&self) -> &[u8] {
        self.bytes()
    }
}

impl std::fmt::Debug for WordKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.bytes()))
    }
}
