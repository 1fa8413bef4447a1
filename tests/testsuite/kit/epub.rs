//! `equil epub`: cover, navigation, languages, images and own links;
//! usage errors; every book passes EPUBCheck.

use super::*;

// ---- E-books ---------------------------------------------------------------

/// The files of an EPUB (a zip), by name, in archive order.
fn epub_files(path: &Path) -> Vec<(String, Vec<u8>, bool)> {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).expect("a zip file");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("entry");
            let stored = f.compression() == zip::CompressionMethod::Stored;
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("read");
            (f.name().to_string(), bytes, stored)
        })
        .collect()
}

fn epub_text(files: &[(String, Vec<u8>, bool)], name: &str) -> String {
    let (_, bytes, _) = files
        .iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not in the book"));
    String::from_utf8(bytes.clone()).expect("utf-8")
}

fn kit_with_image() -> Fixture {
    let f = kit();
    f.write(
        "content/en/toolkit/map.md",
        "---\ntitle: Network map\nkind: tool\norder: 3\nduration: 25\nmaterials:\n  - masking tape\n  - Flip chart\n---\nDraw the network.\n\n![A network map](network.svg)\n\nSee [the line-up](line-up.md#steps) and [the day](../day/_index.md).\n",
    );
    f.write(
        "content/en/toolkit/network.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>\n",
    );
    f
}

#[test]
fn epub_books_have_cover_navigation_languages_images_and_own_links() {
    let f = kit_with_image();
    let out = f.run(&["epub"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for book in [
        "en/handbook",
        "en/day",
        "en/toolkit",
        "nl/handbook",
        "nl/toolkit",
    ] {
        assert!(f.exists(&format!("epub/{book}.epub")), "{book}");
    }
    let files = epub_files(&f.path("epub/nl/toolkit.epub"));
    container_and_navigation(&files);
    chapters_mark_languages_and_link_into_the_book(&files);
    the_session_plan_links_to_the_cards(&f);
}

/// The files of an e-book: name, bytes, and whether stored uncompressed.
type EpubFiles = [(String, Vec<u8>, bool)];

/// The container (`mimetype` first and uncompressed), the package's
/// language and cover, and the navigation: each card with its handouts below.
fn container_and_navigation(files: &EpubFiles) {
    // The container: `mimetype` first and uncompressed.
    assert_eq!(files[0].0, "mimetype");
    assert_eq!(files[0].1, b"application/epub+zip");
    assert!(files[0].2, "mimetype must be stored");
    let opf = epub_text(files, "OEBPS/content.opf");
    assert!(
        opf.contains("<dc:language id=\"epub-creator-0\">nl</dc:language>"),
        "{opf}"
    );
    assert!(opf.contains("properties=\"cover-image\""), "{opf}");
    assert!(opf.contains("images/toolkit/network.svg"), "{opf}");
    // Navigation: the card with its handouts below it.
    let nav = epub_text(files, "OEBPS/nav.xhtml");
    let order: Vec<usize> = [
        "Toolkit",
        "Line-up",
        "Stellingen bij de opstelling",
        "Observer sheet",
        "Story circle",
        "Network map",
    ]
    .iter()
    .map(|t| {
        nav.find(&format!(">{t}<"))
            .unwrap_or_else(|| panic!("{t} not in {nav}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{nav}");
    assert!(nav.contains(">Inhoud<"), "{nav}");
}

/// Chapters: the reader's language on the document, the fallback marked;
/// links into the book's own files, images inside, other modules on the site.
fn chapters_mark_languages_and_link_into_the_book(files: &EpubFiles) {
    let chapter = |title: &str| {
        files
            .iter()
            .filter(|(n, _, _)| n.starts_with("OEBPS/ch-"))
            .map(|(_, b, _)| String::from_utf8(b.clone()).expect("utf-8"))
            .find(|x| x.contains(&format!("<h1>{title}</h1>")))
            .unwrap_or_else(|| panic!("no chapter {title}"))
    };
    let own = chapter("Stellingen bij de opstelling");
    assert!(
        own.contains("xml:lang=\"nl\" lang=\"nl\" dir=\"ltr\""),
        "{own}"
    );
    assert!(!own.contains("class=\"notice\""), "{own}");
    assert!(own.contains("<p class=\"eyebrow\">Hand-out</p>"), "{own}");
    let fallback = chapter("Network map");
    assert!(
        fallback
            .contains("<section epub:type=\"chapter\" lang=\"en\" xml:lang=\"en\" dir=\"ltr\">"),
        "{fallback}"
    );
    assert!(fallback.contains("class=\"notice\""), "{fallback}");
    // Links: into the book's own files, images inside, other modules on the site.
    assert!(
        fallback.contains("src=\"images/toolkit/network.svg\""),
        "{fallback}"
    );
    let line_up_file = files
        .iter()
        .find(|(n, b, _)| {
            n.starts_with("OEBPS/ch-") && String::from_utf8_lossy(b).contains("<h1>Line-up</h1>")
        })
        .map(|(n, _, _)| n.trim_start_matches("OEBPS/").to_string())
        .expect("line-up chapter");
    assert!(
        fallback.contains(&format!("href=\"{line_up_file}#steps\"")),
        "{fallback}"
    );
    assert!(
        fallback.contains("href=\"https://example.org/kit/nl/day/index.html\""),
        "{fallback}"
    );
}

/// The session plan links to the cards in the handbook.
fn the_session_plan_links_to_the_cards(f: &Fixture) {
    let hb = epub_files(&f.path("epub/en/handbook.epub"));
    let plan = hb
        .iter()
        .map(|(_, b, _)| String::from_utf8_lossy(b).into_owned())
        .find(|x| x.contains("<table class=\"session\">"))
        .expect("session chapter");
    assert!(
        plan.contains("13:00–13:35") && plan.contains(".xhtml\">Story circle</a>"),
        "{plan}"
    );
}

#[test]
fn epub_with_an_unknown_module_is_a_usage_error() {
    let f = kit();
    let out = f.run(&["epub", "--module", "tolkit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `toolkit`?"),
        "{}",
        stderr(&out)
    );
    assert!(!f.exists("epub"));
}

#[test]
fn epub_books_are_reproducible_with_source_date_epoch() {
    let f = kit();
    let root = f.root().to_str().expect("utf-8").to_string();
    let build = || {
        let out = equil_command()
            .args(["epub", "--root", &root])
            .env("SOURCE_DATE_EPOCH", "1709251200")
            .output()
            .expect("run equil");
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read(f.path("epub/nl/toolkit.epub")).expect("the book")
    };
    let first = build();
    // Every entry carries the date of SOURCE_DATE_EPOCH (2024-03-01), not
    // the time of the build, so the same content gives the same bytes.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&first)).expect("a zip file");
    assert_eq!(zip.file_names().next(), Some("mimetype"));
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).expect("entry");
        let t = entry.last_modified().expect("a date");
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (2024, 3, 1, 0, 0),
            "{}",
            entry.name()
        );
    }
    drop(zip);
    assert_eq!(build(), first, "the same book twice");
    assert!(epub_text(
        &epub_files(&f.path("epub/nl/toolkit.epub")),
        "OEBPS/content.opf"
    )
    .contains("2024-03-01"));
}

/// Runs epubcheck on a book; its report when there are errors or warnings.
fn epubcheck(book: &Path) -> Result<(), String> {
    // Debian installs a jar as /usr/bin/epubcheck (run through binfmt where
    // that is set up, else with java -jar).
    let direct = Command::new("epubcheck").arg(book).output();
    let out = match direct {
        Ok(o)
            if o.status.code().is_some()
                && !String::from_utf8_lossy(&o.stderr).contains("syntax error") =>
        {
            o
        }
        _ => Command::new("java")
            .args(["-jar", "/usr/bin/epubcheck"])
            .arg(book)
            .output()
            .expect("epubcheck (apt-get install epubcheck)"),
    };
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let clean = out.status.success() && log.contains("No errors or warnings detected");
    if clean {
        Ok(())
    } else {
        Err(format!("{}:\n{log}", book.display()))
    }
}

#[test]
#[ignore = "needs epubcheck (.ci/run runs it)"]
fn every_epub_of_the_fixtures_and_the_handbook_passes_epubcheck() {
    let f = kit_with_image();
    let out = f.run(&["epub"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let handbook = tempfile::tempdir().expect("temp dir");
    let out = equil(&[
        "epub",
        "--root",
        env!("CARGO_MANIFEST_DIR"),
        "--output",
        handbook.path().to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut books: Vec<std::path::PathBuf> = files_under(&f.path("epub"))
        .into_iter()
        .map(|p| f.path("epub").join(p))
        .chain(
            files_under(handbook.path())
                .into_iter()
                .map(|p| handbook.path().join(p)),
        )
        .collect();
    books.sort();
    assert!(books.len() >= 5 + 25, "{books:?}");
    let failures: Vec<String> = books.iter().filter_map(|b| epubcheck(b).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
