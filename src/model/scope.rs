//! What building one language's tree reads ([`Scope`]), and how a source
//! page is shown in that language: its translation with the translation's
//! state, or the source page as a fallback; its output name.

use super::entry::{DocId, Entry, Status};
use super::layout::Layout;
use crate::load::content::Doc;

/// What building one language's tree reads.
pub(super) struct Scope<'a> {
    pub docs: &'a [Doc],
    pub layout: &'a Layout<'a>,
    pub lang: &'a str,
    pub source_lang: &'a str,
}

impl Scope<'_> {
    /// Whether this is the source language's tree: problems with the source
    /// files are reported there, once.
    pub fn is_source(&self) -> bool {
        self.lang == self.source_lang
    }

    /// The document source page `source` is shown with in this language,
    /// and how the language got it.
    pub fn shown(&self, source: DocId) -> (DocId, Status) {
        if self.is_source() {
            return (source, Status::Source);
        }
        let docs = self.docs;
        let Some(t) = self.layout.doc(self.lang, &docs[source].rel) else {
            return (source, Status::Fallback);
        };
        let status = match &docs[t].fm.source_hash {
            _ if docs[t].fm.localised || docs[source].fm.localised => Status::Localised,
            None => Status::Unknown,
            Some(h) if *h == docs[source].hash => Status::Current,
            Some(_) => Status::Outdated,
        };
        (t, status)
    }

    /// The entry of source page `source`, written to `output`.
    pub fn entry(&self, source: DocId, output: String) -> Entry {
        let (doc, status) = self.shown(source);
        Entry {
            rel: self.docs[source].rel.clone(),
            doc,
            source,
            status,
            output,
        }
    }

    /// The output name of a page: the `slug` of the document `shown`, else
    /// its source's, else `default`.
    pub fn slug(&self, shown: DocId, source: DocId, default: &str) -> String {
        let docs = self.docs;
        docs[shown]
            .fm
            .slug
            .clone()
            .or_else(|| docs[source].fm.slug.clone())
            .unwrap_or_else(|| default.to_string())
    }

    /// Sorts documents by `order` (pages without one come last), then by
    /// identity.
    pub fn sort_by_order(&self, ids: &mut [DocId]) {
        let docs = self.docs;
        // i64::MAX: the largest order, not a sentinel.
        let key = |id: &DocId| (docs[*id].fm.order.unwrap_or(i64::MAX), &docs[*id].rel);
        ids.sort_by(|a, b| key(a).cmp(&key(b)));
    }
}
