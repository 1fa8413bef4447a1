//! Reads the PDF files Chromium writes (with lopdf): page count, named
//! destinations with their page numbers, the document outline, and link
//! addresses. Enough to number the table of contents and check a
//! conversion. Any bytes give a result or an error, never a panic.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::{Document, Object, ObjectId};

/// One entry of the document outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineItem {
    pub title: String,
    pub children: Vec<OutlineItem>,
}

/// A parsed PDF file.
pub struct Pdf {
    doc: Document,
}

/// The most entries read from a name tree or an outline (a broken file may
/// link them in loops or make them endless).
const MAX_ENTRIES: usize = 100_000;

impl Pdf {
    /// Parses `bytes`.
    pub fn parse(bytes: &[u8]) -> Result<Pdf, String> {
        if !bytes.starts_with(b"%PDF-") {
            return Err("not a PDF file".into());
        }
        // lopdf reports broken files as errors; a panic would be its bug,
        // and is reported the same way rather than ending the program.
        match std::panic::catch_unwind(|| Document::load_mem(bytes)) {
            Ok(Ok(doc)) => Ok(Pdf { doc }),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("the PDF reader failed on this file".into()),
        }
    }

    /// Object numbers of the pages, in order.
    pub fn pages(&self) -> Vec<u32> {
        self.doc
            .page_iter()
            .take(MAX_ENTRIES)
            .map(|id| id.0)
            .collect()
    }

    /// Follows references to the object itself.
    fn deref<'a>(&'a self, o: &'a Object) -> Option<&'a Object> {
        self.doc.dereference(o).ok().map(|(_, o)| o)
    }

    /// `key` of dictionary `o`, dereferenced.
    fn get<'a>(&'a self, o: &'a Object, key: &[u8]) -> Option<&'a Object> {
        self.deref(self.deref(o)?.as_dict().ok()?.get(key).ok()?)
    }

    /// Named destinations with the (1-based) page they point to.
    pub fn destinations(&self) -> BTreeMap<String, usize> {
        let page_no: HashMap<ObjectId, usize> = self
            .doc
            .page_iter()
            .take(MAX_ENTRIES)
            .enumerate()
            .map(|(i, id)| (id, i + 1))
            .collect();
        let mut out = BTreeMap::new();
        let Ok(catalog) = self.doc.catalog() else {
            return out;
        };
        let mut add = |name: String, dest: &Object| {
            let Some(dest) = self.deref(dest) else { return };
            let array = match dest.as_dict().ok().and_then(|d| d.get(b"D").ok()) {
                Some(d) => self.deref(d),
                None => Some(dest),
            };
            let first = array
                .and_then(|a| a.as_array().ok())
                .and_then(|items| items.first())
                .and_then(|p| p.as_reference().ok());
            if let Some(no) = first.and_then(|p| page_no.get(&p)) {
                out.insert(name, *no);
            }
        };
        // PDF 1.1: a dictionary in the catalog.
        if let Some(dests) = catalog
            .get(b"Dests")
            .ok()
            .and_then(|d| self.deref(d))
            .and_then(|d| d.as_dict().ok())
        {
            for (name, dest) in dests.iter() {
                add(String::from_utf8_lossy(name).into_owned(), dest);
            }
        }
        // PDF 1.2: a name tree under /Names /Dests.
        let tree = catalog
            .get(b"Names")
            .ok()
            .and_then(|n| self.get(n, b"Dests"));
        // Each node once: a broken file may list a node among its own kids.
        let mut stack: Vec<&Object> = tree.into_iter().collect();
        let mut seen: HashSet<ObjectId> = HashSet::new();
        while let Some(node) = stack.pop() {
            if seen.len() > MAX_ENTRIES {
                break;
            }
            if let Some(pairs) = self.get(node, b"Names").and_then(|p| p.as_array().ok()) {
                for pair in pairs.chunks(2) {
                    if let [name, dest] = pair {
                        if let Some(Ok(name)) = self.deref(name).map(Object::as_str) {
                            add(text_string(name), dest);
                        }
                    }
                }
            }
            if let Some(kids) = self.get(node, b"Kids").and_then(|k| k.as_array().ok()) {
                for kid in kids {
                    if let Ok(id) = kid.as_reference() {
                        if seen.insert(id) {
                            stack.push(kid);
                        }
                    }
                }
            }
        }
        out
    }

    /// The document outline (bookmarks).
    pub fn outline(&self) -> Vec<OutlineItem> {
        let Ok(catalog) = self.doc.catalog() else {
            return Vec::new();
        };
        let first = catalog
            .get(b"Outlines")
            .ok()
            .and_then(|o| self.deref(o))
            .and_then(|o| o.as_dict().ok()?.get(b"First").ok());
        let mut seen = HashSet::new();
        first
            .map(|f| self.outline_level(f, &mut seen, 0))
            .unwrap_or_default()
    }

    fn outline_level(
        &self,
        first: &Object,
        seen: &mut HashSet<ObjectId>,
        depth: usize,
    ) -> Vec<OutlineItem> {
        let mut items = Vec::new();
        let mut next = first.as_reference().ok();
        while let Some(id) = next {
            if !seen.insert(id) || seen.len() > MAX_ENTRIES || depth > 64 {
                break;
            }
            let Ok(item) = self.doc.get_dictionary(id) else {
                break;
            };
            let title = match item.get(b"Title").ok().and_then(|t| self.deref(t)) {
                Some(Object::String(s, _)) => text_string(s),
                _ => String::new(),
            };
            let children = item
                .get(b"First")
                .ok()
                .map(|f| self.outline_level(f, seen, depth + 1))
                .unwrap_or_default();
            items.push(OutlineItem { title, children });
            next = item.get(b"Next").ok().and_then(|n| n.as_reference().ok());
        }
        items
    }

    /// The addresses of every URI link (`/A << /S /URI /URI (…) >>`), in
    /// object order.
    pub fn link_uris(&self) -> Vec<String> {
        self.doc
            .objects
            .values()
            .filter_map(|o| {
                let action = self.get(o, b"A")?;
                match self.get(action, b"URI")? {
                    Object::String(s, _) => Some(String::from_utf8_lossy(s).into_owned()),
                    _ => None,
                }
            })
            .collect()
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, else PDFDocEncoding
/// (read as Latin-1, which it equals for letters).
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny PDF as Chromium writes them: catalog, two pages, named
    /// destinations, a two-level outline and a URI link.
    pub(crate) fn sample() -> Vec<u8> {
        let objects = [
            "<</Type /Catalog /Pages 2 0 R /Dests 5 0 R /Outlines 6 0 R>>",
            "<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>",
            "<</Type /Page /Parent 2 0 R /Annots [9 0 R]>>",
            "<</Type /Page /Parent 2 0 R>>",
            "<</ch-a [3 0 R /XYZ 0 800 0] /ch-b [4 0 R /XYZ 0 800 0] /ch-#C3#A5 [4 0 R /XYZ 0 1 0]>>",
            "<</Type /Outlines /First 7 0 R /Last 8 0 R /Count 2>>",
            "<</Title (First \\(one\\)) /Parent 6 0 R /Next 8 0 R /First 10 0 R>>",
            "<</Title <FEFF00C5006C0074> /Parent 6 0 R>>",
            "<</Type /Annot /Subtype /Link /A <</S /URI /URI (https://example.org/)>>>>",
            "<</Title (Inner) /Parent 7 0 R>>",
        ];
        let mut pdf = b"%PDF-1.4\n%\xe2\xe3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        let xref = pdf.len();
        pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            pdf.extend(format!("{o:010} 00000 n \n").bytes());
        }
        pdf.extend(
            format!(
                "trailer\n<</Size {} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        pdf
    }

    #[test]
    fn reads_pages_destinations_outline_and_links() {
        let bytes = sample();
        let pdf = Pdf::parse(&bytes).unwrap();
        assert_eq!(pdf.pages(), vec![3, 4]);
        let dests = pdf.destinations();
        assert_eq!(dests.get("ch-a"), Some(&1));
        assert_eq!(dests.get("ch-b"), Some(&2));
        assert_eq!(dests.get("ch-å"), Some(&2));
        let outline = pdf.outline();
        let titles: Vec<_> = outline.iter().map(|o| o.title.as_str()).collect();
        assert_eq!(titles, ["First (one)", "Ålt"]);
        assert_eq!(outline[0].children[0].title, "Inner");
        assert_eq!(pdf.link_uris(), ["https://example.org/"]);
    }

    #[test]
    fn rejects_other_files() {
        assert!(Pdf::parse(b"<html>").is_err());
    }

    #[test]
    fn damaged_files_give_errors_or_partial_results_never_panics() {
        let bytes = sample();
        // Cuts, and bytes changed, all through the file.
        for cut in (0..bytes.len()).step_by(5) {
            crate::fuzzing::pdf(&bytes[..cut]);
        }
        for at in (0..bytes.len()).step_by(5) {
            for v in [b'9', b'<', 0xff] {
                let mut b = bytes.clone();
                b[at] = v;
                crate::fuzzing::pdf(&b);
            }
        }
    }
}
