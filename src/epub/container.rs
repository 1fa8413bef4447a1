//! The EPUB's ZIP container, dated reproducibly. epub-builder (through the
//! zip crate) stamps every entry with the present time, so two builds of
//! the same content differ; with `SOURCE_DATE_EPOCH` set, the entries are
//! re-dated to its date (midnight UTC, as the book's own dates), their
//! compressed bytes copied as they are
//! (<https://reproducible-builds.org/specs/source-date-epoch/>).

use std::io::Cursor;

use zip::{DateTime, ZipArchive, ZipWriter};

/// `epub` with every entry dated `date` (`YYYY-MM-DD`). `None`: a date ZIP
/// cannot hold (before 1980 or after 2107), or bytes that are not a ZIP.
pub fn redate(epub: &[u8], date: &str) -> Option<Vec<u8>> {
    let time = zip_time(date)?;
    let mut archive = ZipArchive::new(Cursor::new(epub)).ok()?;
    let mut writer = ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len())));
    writer.set_comment(""); // as epub-builder writes it
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).ok()?;
        let mode = entry.unix_mode();
        writer.raw_copy_file_touch(entry, time, mode).ok()?;
    }
    Some(writer.finish().ok()?.into_inner())
}

/// `YYYY-MM-DD` as a ZIP time.
fn zip_time(date: &str) -> Option<DateTime> {
    let mut parts = date.splitn(3, '-').map(str::parse::<u16>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    DateTime::from_date_and_time(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?, 0, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::{redate, zip_time};
    use std::io::{Cursor, Read, Write};
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipArchive, ZipWriter};

    #[test]
    fn dates_as_zip_times() {
        let t = zip_time("2026-11-30").unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2026, 11, 30, 0));
        assert!(zip_time("1970-01-01").is_none(), "before ZIP's 1980");
        assert!(zip_time("2026-13-01").is_none());
        assert!(zip_time("soon").is_none());
    }

    #[test]
    fn entries_redated_in_order_with_their_contents() {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        w.start_file("mimetype", stored).unwrap();
        w.write_all(b"application/epub+zip").unwrap();
        w.start_file("OEBPS/a.xhtml", SimpleFileOptions::default())
            .unwrap();
        w.write_all("<p>Werk eerst, dan training.</p>".repeat(50).as_bytes())
            .unwrap();
        let epub = w.finish().unwrap().into_inner();

        let out = redate(&epub, "2026-11-30").unwrap();
        assert_eq!(redate(&epub, "2026-11-30").unwrap(), out);
        let mut a = ZipArchive::new(Cursor::new(&out)).unwrap();
        let names: Vec<_> = a.file_names().map(str::to_string).collect();
        assert_eq!(names, ["mimetype", "OEBPS/a.xhtml"]);
        let first = a.by_index(0).unwrap();
        assert_eq!(first.compression(), CompressionMethod::Stored);
        drop(first);
        let mut text = String::new();
        let mut page = a.by_name("OEBPS/a.xhtml").unwrap();
        assert_eq!(page.last_modified().unwrap().year(), 2026);
        page.read_to_string(&mut text).unwrap();
        assert!(text.starts_with("<p>Werk eerst"));
        assert!(redate(b"not a zip", "2026-11-30").is_none());
    }
}
