//! A small reader for the PDF files Chromium writes (uncompressed object
//! syntax, classic cross-reference table): page count, named destinations
//! with their page numbers, the document outline, and link addresses.
//! Enough to number the table of contents and check a conversion; not a
//! general PDF parser (no object streams, no encryption).

use std::collections::{BTreeMap, HashMap, HashSet};

/// A PDF object, as far as we need it.
#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Num(f64),
    Name(String),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Vec<(String, Obj)>),
    /// An indirect reference `N G R` (the object number).
    Ref(u32),
    /// `stream` or an unknown keyword.
    Other,
}

impl Obj {
    /// The value of `key` in a dictionary.
    pub fn get(&self, key: &str) -> Option<&Obj> {
        match self {
            Obj::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_ref(&self) -> Option<u32> {
        match self {
            Obj::Ref(n) => Some(*n),
            _ => None,
        }
    }
}

/// One entry of the document outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineItem {
    pub title: String,
    pub children: Vec<OutlineItem>,
}

/// A parsed PDF file.
pub struct Pdf<'a> {
    bytes: &'a [u8],
    /// Object number → byte offset of `N G obj`.
    offsets: HashMap<u32, usize>,
}

impl<'a> Pdf<'a> {
    /// Indexes the objects of `bytes`.
    pub fn parse(bytes: &'a [u8]) -> Result<Pdf<'a>, String> {
        if !bytes.starts_with(b"%PDF-") {
            return Err("not a PDF file".into());
        }
        let offsets = xref_offsets(bytes).unwrap_or_else(|| scan_offsets(bytes));
        if offsets.is_empty() {
            return Err("no objects found".into());
        }
        Ok(Pdf { bytes, offsets })
    }

    /// Object number `n`, parsed.
    pub fn object(&self, n: u32) -> Option<Obj> {
        let mut p = Parser {
            b: self.bytes,
            i: *self.offsets.get(&n)?,
        };
        // `N G obj`
        p.number()?;
        p.number()?;
        p.keyword("obj")?;
        p.value()
    }

    fn resolve(&self, o: &Obj) -> Option<Obj> {
        match o {
            Obj::Ref(n) => self.object(*n),
            other => Some(other.clone()),
        }
    }

    fn catalog(&self) -> Option<Obj> {
        let trailer_at = rfind(self.bytes, b"trailer")?;
        let mut p = Parser {
            b: self.bytes,
            i: trailer_at + b"trailer".len(),
        };
        let trailer = p.value()?;
        self.resolve(trailer.get("Root")?)
    }

    /// Object numbers of the pages, in order.
    pub fn pages(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        if let Some(root) = self.catalog().and_then(|c| c.get("Pages")?.as_ref()) {
            self.collect_pages(root, &mut out, &mut seen);
        }
        out
    }

    fn collect_pages(&self, n: u32, out: &mut Vec<u32>, seen: &mut HashSet<u32>) {
        if !seen.insert(n) {
            return;
        }
        let Some(node) = self.object(n) else { return };
        match node.get("Kids") {
            Some(Obj::Array(kids)) => {
                for k in kids.iter().filter_map(Obj::as_ref) {
                    self.collect_pages(k, out, seen);
                }
            }
            _ => out.push(n),
        }
    }

    /// Named destinations with the (1-based) page they point to.
    pub fn destinations(&self) -> BTreeMap<String, usize> {
        let page_no: HashMap<u32, usize> = self
            .pages()
            .into_iter()
            .enumerate()
            .map(|(i, n)| (n, i + 1))
            .collect();
        let mut out = BTreeMap::new();
        let Some(catalog) = self.catalog() else {
            return out;
        };
        let mut add = |name: String, dest: &Obj| {
            let dest = self.resolve(dest).unwrap_or(Obj::Null);
            let array = match dest.get("D") {
                Some(d) => d.clone(),
                None => dest,
            };
            if let Obj::Array(items) = array {
                if let Some(page) = items.first().and_then(Obj::as_ref) {
                    if let Some(no) = page_no.get(&page) {
                        out.insert(name, *no);
                    }
                }
            }
        };
        // PDF 1.1: a dictionary in the catalog.
        if let Some(Obj::Dict(entries)) = catalog.get("Dests").and_then(|d| self.resolve(d)) {
            for (name, dest) in &entries {
                add(name.clone(), dest);
            }
        }
        // PDF 1.2: a name tree under /Names /Dests.
        if let Some(tree) = catalog
            .get("Names")
            .and_then(|n| self.resolve(n))
            .and_then(|n| n.get("Dests").cloned())
        {
            let mut stack = vec![tree];
            let mut guard = 0;
            while let Some(node) = stack.pop() {
                guard += 1;
                if guard > 10_000 {
                    break;
                }
                let Some(node) = self.resolve(&node) else {
                    continue;
                };
                if let Some(Obj::Array(pairs)) = node.get("Names") {
                    for pair in pairs.chunks(2) {
                        if let [Obj::Str(name), dest] = pair {
                            add(text_string(name), dest);
                        }
                    }
                }
                if let Some(Obj::Array(kids)) = node.get("Kids") {
                    stack.extend(kids.iter().cloned());
                }
            }
        }
        out
    }

    /// The document outline (bookmarks).
    pub fn outline(&self) -> Vec<OutlineItem> {
        let first = self
            .catalog()
            .and_then(|c| c.get("Outlines").and_then(|o| self.resolve(o)))
            .and_then(|o| o.get("First").and_then(Obj::as_ref));
        let mut seen = HashSet::new();
        first
            .map(|f| self.outline_level(f, &mut seen))
            .unwrap_or_default()
    }

    fn outline_level(&self, first: u32, seen: &mut HashSet<u32>) -> Vec<OutlineItem> {
        let mut items = Vec::new();
        let mut next = Some(first);
        while let Some(n) = next {
            if !seen.insert(n) {
                break;
            }
            let Some(item) = self.object(n) else { break };
            let title = match item.get("Title").and_then(|t| self.resolve(t)) {
                Some(Obj::Str(s)) => text_string(&s),
                _ => String::new(),
            };
            let children = item
                .get("First")
                .and_then(Obj::as_ref)
                .map(|f| self.outline_level(f, seen))
                .unwrap_or_default();
            items.push(OutlineItem { title, children });
            next = item.get("Next").and_then(Obj::as_ref);
        }
        items
    }

    /// The addresses of every URI link (`/A << /S /URI /URI (…) >>`).
    pub fn link_uris(&self) -> Vec<String> {
        let mut numbers: Vec<u32> = self.offsets.keys().copied().collect();
        numbers.sort_unstable();
        numbers
            .into_iter()
            .filter_map(|n| self.object(n))
            .filter_map(|o| match o.get("A")?.get("URI")? {
                Obj::Str(s) => Some(String::from_utf8_lossy(s).into_owned()),
                _ => None,
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

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Offsets from the classic cross-reference table that `startxref` names.
fn xref_offsets(b: &[u8]) -> Option<HashMap<u32, usize>> {
    let at = rfind(b, b"startxref")?;
    let mut p = Parser {
        b,
        i: at + b"startxref".len(),
    };
    let xref = p.number()? as usize;
    let mut p = Parser { b, i: xref };
    p.keyword("xref")?;
    let mut out = HashMap::new();
    loop {
        p.skip_ws();
        if b.get(p.i..p.i + 7) == Some(b"trailer") {
            break;
        }
        let first = p.number()? as u32;
        let count = p.number()? as u32;
        for k in 0..count {
            let offset = p.number()? as usize;
            p.number()?;
            p.skip_ws();
            let kind = *b.get(p.i)?;
            p.i += 1;
            if kind == b'n' && offset > 0 {
                out.insert(first + k, offset);
            }
        }
    }
    Some(out)
}

/// Offsets found by looking for `N G obj` at line starts (when there is no
/// usable cross-reference table).
fn scan_offsets(b: &[u8]) -> HashMap<u32, usize> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < b.len() {
        if i == 0 || b[i - 1] == b'\n' || b[i - 1] == b'\r' {
            let mut p = Parser { b, i };
            if let (Some(n), Some(_), Some(())) = (p.number(), p.number(), p.keyword("obj")) {
                out.insert(n as u32, i);
            }
        }
        i += 1;
    }
    out
}

/// A cursor over PDF object syntax.
struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() || c == 0 {
                self.i += 1;
            } else if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &[u8] {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() || is_delim(c) {
                break;
            }
            self.i += 1;
        }
        &self.b[start..self.i]
    }

    fn keyword(&mut self, k: &str) -> Option<()> {
        self.skip_ws();
        (self.word() == k.as_bytes()).then_some(())
    }

    fn number(&mut self) -> Option<f64> {
        self.skip_ws();
        std::str::from_utf8(self.word()).ok()?.parse().ok()
    }

    fn value(&mut self) -> Option<Obj> {
        self.value_at_depth(0)
    }

    fn value_at_depth(&mut self, depth: usize) -> Option<Obj> {
        if depth > 64 {
            return None;
        }
        self.skip_ws();
        match self.peek()? {
            b'/' => {
                self.i += 1;
                Some(Obj::Name(decode_name(self.word())))
            }
            b'(' => self.literal().map(Obj::Str),
            b'<' if self.b.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip_ws();
                    if self.b.get(self.i..self.i + 2) == Some(b">>") {
                        self.i += 2;
                        return Some(Obj::Dict(entries));
                    }
                    let Obj::Name(key) = self.value_at_depth(depth + 1)? else {
                        return None;
                    };
                    let value = self.value_at_depth(depth + 1)?;
                    entries.push((key, value));
                }
            }
            b'<' => {
                self.i += 1;
                let start = self.i;
                while self.peek()? != b'>' {
                    self.i += 1;
                }
                let hex: Vec<u8> = self.b[start..self.i]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                self.i += 1;
                let digit = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                Some(Obj::Str(
                    hex.chunks(2)
                        .map(|c| digit(c[0]) * 16 + c.get(1).map(|&d| digit(d)).unwrap_or(0))
                        .collect(),
                ))
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.peek()? == b']' {
                        self.i += 1;
                        return Some(Obj::Array(items));
                    }
                    items.push(self.value_at_depth(depth + 1)?);
                }
            }
            c if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' => {
                let n = self.number()?;
                // `N G R`?
                let save = self.i;
                if let (Some(_), Some(())) = (self.number(), self.keyword("R")) {
                    return Some(Obj::Ref(n as u32));
                }
                self.i = save;
                Some(Obj::Num(n))
            }
            _ => {
                let w = self.word().to_vec();
                if w.is_empty() {
                    return None;
                }
                Some(match w.as_slice() {
                    b"true" => Obj::Bool(true),
                    b"false" => Obj::Bool(false),
                    b"null" => Obj::Null,
                    _ => Obj::Other,
                })
            }
        }
    }

    /// `( … )` with nested parentheses and escapes.
    fn literal(&mut self) -> Option<Vec<u8>> {
        self.i += 1;
        let mut out = Vec::new();
        let mut depth = 1;
        loop {
            let c = self.peek()?;
            self.i += 1;
            match c {
                b'\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' | b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(out);
                    }
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
}

/// A name without its `/`, with `#xx` escapes decoded.
fn decode_name(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' {
            let hex = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny PDF as Chromium writes them: catalog, two pages, named
    /// destinations, a two-level outline and a URI link.
    fn sample() -> Vec<u8> {
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
    fn finds_objects_without_a_cross_reference_table() {
        let bytes = sample();
        let cut = rfind(&bytes, b"xref\n0").unwrap();
        let mut broken = bytes[..cut].to_vec();
        broken.extend(b"trailer\n<</Root 1 0 R>>\n%%EOF\n");
        let pdf = Pdf::parse(&broken).unwrap();
        assert_eq!(pdf.pages().len(), 2);
    }

    #[test]
    fn rejects_other_files() {
        assert!(Pdf::parse(b"<html>").is_err());
    }
}
