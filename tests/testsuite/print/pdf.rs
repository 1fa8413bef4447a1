//! `equil pdf`: handbooks with outline, contents and page numbers; usage
//! errors; a missing, failing or dying Chromium is a clear error, never a hang.

use std::path::Path;

use super::*;

#[test]
fn pdf_without_chromium_explains_how_to_install_it() {
    let f = Fixture::small();
    let empty = tempfile::tempdir().expect("temp dir");
    let root = f.root().to_str().expect("utf-8").to_string();
    let out = equil_command()
        .args(["pdf", "--root", &root])
        .env("PATH", empty.path())
        .output()
        .expect("run equil");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log = stderr(&out);
    assert!(log.contains("needs headless Chromium"), "{log}");
    assert!(
        log.contains("apt-get install chromium") && log.contains("--chromium"),
        "{log}"
    );
    assert!(!f.exists("pdf"), "nothing written");

    let out = f.pdf("/nonexistent/chrome", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/nonexistent/chrome"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn pdf_with_an_unknown_module_or_language_is_a_usage_error() {
    let f = Fixture::small();
    // Any existing program passes the search; it is never started here.
    let fake = std::env::current_exe().expect("test binary");
    let fake = fake.to_str().expect("utf-8");
    let out = f.pdf(fake, &["--module", "intr"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `intro`?"),
        "{}",
        stderr(&out)
    );
    let out = f.pdf(fake, &["--lang", "nk"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `nl`?"),
        "{}",
        stderr(&out)
    );
}

// ---- With Chromium -------------------------------------------------------

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_makes_a_handbook_with_outline_contents_and_page_numbers() {
    let chromium = chromium();
    let f = Fixture::small();
    with_funding(&f);
    let out_dir = f.path("handouts");
    let out = f.pdf(&chromium, &["--output", out_dir.to_str().expect("utf-8")]);
    assert!(out.status.success(), "equil pdf failed:\n{}", stderr(&out));
    // Printed twice: only the two handbooks (a draft for their contents'
    // numbers). Each module takes its numbers from its handbook's draft,
    // printed once; the contents are checked below.
    assert!(
        stderr(&out).contains("; 2 printed again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        files_under(&out_dir),
        [
            "en/handbook.pdf",
            "en/intro.pdf",
            "en/toolkit.pdf",
            "nl/handbook.pdf",
            "nl/intro.pdf",
            "nl/toolkit.pdf"
        ]
    );

    let pdf = out_dir.join("en/intro.pdf");
    let pages = a4_pages(&pdf);
    assert!(
        pages >= 5,
        "cover, contents and three chapters: {pages} pages"
    );
    chapters_in_order(&pdf, pages);
    outline_and_contents_link_the_chapters(&pdf);
    handbook_outline_nests_pages_under_modules(&out_dir.join("nl/handbook.pdf"));
}

/// The number of pages of an A4 PDF.
fn a4_pages(pdf: &Path) -> usize {
    let path = pdf.to_str().expect("utf-8");
    let info = poppler("pdfinfo", &[path]);
    assert!(
        info.contains("595 x 842 pts") || info.contains("594.96 x 841.92 pts"),
        "A4:\n{info}"
    );
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

/// The page that named destination `id` starts on, from `pdfinfo -dests`.
fn dest_page(dests: &str, id: &str) -> usize {
    dests
        .lines()
        .find(|l| l.trim_end().ends_with(&format!("\"{id}\"")))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no destination {id}:\n{dests}"))
}

/// Text: cover, contents, then the chapters in order; no navigation; a
/// page number on every page but the cover.
fn chapters_in_order(pdf: &Path, pages: usize) {
    let path = pdf.to_str().expect("utf-8");
    let all = poppler("pdftotext", &[path, "-"]);
    let cover = pdf_page_text(pdf, 1);
    for s in [
        "Training module",
        "Introduction",
        "Co-funded by the Erasmus+",
        "Language: English",
        "Version ",
    ] {
        // (The label is set in capitals.)
        assert!(
            cover.to_lowercase().contains(&s.to_lowercase()),
            "cover lacks {s}:\n{cover}"
        );
    }
    assert!(pdf_page_text(pdf, 2).contains("Contents"));
    let dests = poppler("pdfinfo", &["-dests", path]);
    let mut last = 2;
    for (id, title) in [
        ("ch-index", "Introduction"),
        ("ch-first", "First page"),
        ("ch-second", "Second page"),
    ] {
        let page = dest_page(&dests, id);
        assert!(
            page > last,
            "{title} starts on page {page}, not after page {last}"
        );
        assert!(
            pdf_page_text(pdf, page).contains(title),
            "{title} not on page {page}"
        );
        last = page;
    }
    for nav in [
        "Back to the website",
        "Search the handbook",
        "Skip to content",
        "Nederlands",
        "Print / PDF",
    ] {
        assert!(!all.contains(nav), "navigation text `{nav}` in the PDF");
    }
    // A page number on every page but the cover.
    for page in 2..=pages {
        let t = pdf_page_text(pdf, page);
        assert!(
            t.lines().any(|l| l.trim() == page.to_string()),
            "page {page} shows no page number:\n{t}"
        );
    }
}

/// The outline lists the chapters; the contents link to them and show the
/// pages they start on; links out of the module open the website.
fn outline_and_contents_link_the_chapters(pdf: &Path) {
    let path = pdf.to_str().expect("utf-8");
    let dests = poppler("pdfinfo", &["-dests", path]);
    let bytes = std::fs::read(pdf).expect("read pdf");
    let doc = Pdf::parse(&bytes).expect("parse pdf");
    // (The cover's title is the document's h1, so the outline has the
    // document at its root and the contents and chapters under it.)
    let outline = doc.outline();
    assert_eq!(
        outline.iter().map(|o| o.title.as_str()).collect::<Vec<_>>(),
        ["Introduction"]
    );
    let chapters: Vec<&str> = outline[0]
        .children
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(
        chapters,
        ["Contents", "Introduction", "First page", "Second page"]
    );
    let contents = pdf_page_text(pdf, 2);
    for id in ["ch-index", "ch-first", "ch-second"] {
        let page = dest_page(&dests, id);
        assert!(
            contents
                .lines()
                .any(|l| l.trim_end().ends_with(&format!(" {page}"))),
            "contents lack page {page} of {id}:\n{contents}"
        );
        assert!(
            bytes
                .windows(id.len() + 7)
                .any(|w| w == format!("/Dest /{id}").as_bytes()),
            "no internal link to {id}"
        );
    }

    // Links out of the module open the website (the fixture has a base URL).
    let uris = doc.link_uris();
    assert!(
        uris.contains(&"https://example.org/equil/en/toolkit/line-up.html".to_string()),
        "{uris:?}"
    );
}

/// The handbook: every module, and pages nested under their module.
fn handbook_outline_nests_pages_under_modules(pdf: &Path) {
    let bytes = std::fs::read(pdf).expect("read pdf");
    let doc = Pdf::parse(&bytes).expect("parse pdf");
    let root = doc.outline();
    assert_eq!(
        root.iter().map(|o| o.title.as_str()).collect::<Vec<_>>(),
        ["Handboek"]
    );
    let outline = &root[0].children;
    let top: Vec<&str> = outline.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(top, ["Inhoud", "Handboek", "Inleiding", "Toolkit"]);
    let pages: Vec<&str> = outline[2]
        .children
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(pages, ["Eerste pagina", "Second page"]);
}

/// The contents of `en/intro.pdf`: its second page, whitespace collapsed.
fn intro_contents(dir: &Path) -> String {
    pdf_page_text(&dir.join("en/intro.pdf"), 2)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_prints_once_when_the_last_pdfs_numbers_hold_and_with_an_older_print_template() {
    let chromium = chromium();
    let f = Fixture::small();
    let run = |dir: &str| {
        let dir = f.path(dir);
        let out = f.run(&[
            "pdf",
            "--chromium",
            chromium.to_str().expect("utf-8"),
            "--lang",
            "en",
            "--output",
            dir.to_str().expect("utf-8"),
        ]);
        assert!(out.status.success(), "equil pdf failed:\n{}", stderr(&out));
        stderr(&out)
    };
    // An empty folder: each book printed a second time for its numbers.
    let first = run("a");
    assert!(
        first.contains("printed again") && !first.contains("; 0 printed again"),
        "{first}"
    );
    let numbered = intro_contents(&f.path("a"));
    assert!(
        numbered.chars().any(|c| c.is_ascii_digit()),
        "no page numbers in the contents: {numbered}"
    );
    // The same folder again: the numbers of the last PDFs hold, printed once.
    let again = run("a");
    assert!(again.contains("; 0 printed again"), "{again}");
    assert_eq!(intro_contents(&f.path("a")), numbered);

    // A theme's print template from before `equilPdfQuery()`: the page is
    // loaded again for the numbers, with the same result.
    let built_in = include_str!("../../../themes/default/templates/print.html");
    let older = built_in
        .replace("window.equilPdfQuery = function () {", "(function () {")
        .replace("};\nequilPdfQuery();", "})();");
    assert!(
        !older.contains("window.equilPdfQuery") && !older.contains("\nequilPdfQuery();"),
        "the script changed: update this test"
    );
    f.write("themes/default/templates/print.html", &older);
    run("b");
    assert_eq!(intro_contents(&f.path("b")), numbered);

    // A first page three pages longer: the last PDF's numbers are wrong
    // now, so the book is printed again with the right ones.
    let first = f.read("content/en/intro/first.md");
    let more = "A paragraph that makes the first page longer than it was. ".repeat(6);
    f.write(
        "content/en/intro/first.md",
        &format!("{first}\n{}", format!("{more}\n\n").repeat(40)),
    );
    let longer = run("a");
    assert!(
        longer.contains("printed again") && !longer.contains("; 0 printed again"),
        "{longer}"
    );
    let pdf = f.path("a/en/intro.pdf");
    let dests = poppler("pdfinfo", &["-dests", pdf.to_str().expect("utf-8")]);
    let second = dest_page(&dests, "ch-second");
    assert!(second >= 7, "the second page starts on page {second}");
    let contents = intro_contents(&f.path("a"));
    assert_ne!(contents, numbered);
    assert!(
        contents.contains(&format!("Second page {second}")),
        "the contents do not give page {second}: {contents}"
    );
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_on_letter_paper_for_one_module_without_base_url() {
    let chromium = chromium();
    let f = Fixture::small();
    f.write("site.yaml", "languages: [en, nl]\npaper: letter\n");
    let out = f.pdf(&chromium, &["--lang", "nl", "--module", "toolkit"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files_under(&f.path("pdf")), ["nl/toolkit.pdf"]);
    let info = poppler(
        "pdfinfo",
        &[f.path("pdf/nl/toolkit.pdf").to_str().expect("utf-8")],
    );
    assert!(info.contains("612 x 792 pts"), "Letter:\n{info}");
}

/// A shell script standing in for Chromium (made executable).
#[cfg(unix)]
fn fake_chromium(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("chromium");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
#[cfg(unix)]
fn pdf_with_a_chromium_that_fails_or_never_listens_is_a_clear_error_not_a_hang() {
    let f = Fixture::small();
    let bin = tempfile::tempdir().expect("temp dir");
    // Ends at once, saying why.
    let broken = fake_chromium(
        bin.path(),
        "echo 'error while loading shared libraries: libnss3.so' >&2\nexit 127",
    );
    let start = std::time::Instant::now();
    let out = f.pdf(&broken, &[]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("cannot start Chromium"), "{log}");
    assert!(log.contains("libnss3.so"), "Chromium's own message: {log}");
    assert!(log.contains("--chromium PATH"), "a fix: {log}");
    // Runs, but never opens the DevTools port: the time limit ends it.
    let silent = fake_chromium(bin.path(), "exec sleep 60");
    let out = f.pdf(&silent, &["--timeout", "2"]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(log.contains("did not start within 2 s"), "{log}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
    assert!(!f.exists("pdf"), "nothing written");
}

#[test]
#[cfg(unix)]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn pdf_names_the_documents_when_chromium_dies_while_printing() {
    let chromium = chromium();
    let f = Fixture::small();
    let bin = tempfile::tempdir().expect("temp dir");
    // The real Chromium, killed as soon as it listens for the protocol.
    let dying = fake_chromium(
        bin.path(),
        &format!(
            "for a; do case $a in --user-data-dir=*) dir=${{a#--user-data-dir=}};; esac; done\n\
             '{}' \"$@\" & pid=$!\n\
             while [ ! -s \"$dir/DevToolsActivePort\" ]; do sleep 0.02; done\n\
             sleep 0.3; kill -9 $pid; wait",
            chromium.display()
        ),
    );
    let start = std::time::Instant::now();
    let out = f.pdf(&dying, &[]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    assert!(
        log.contains("cannot print ") || log.contains("cannot start Chromium"),
        "{log}"
    );
    assert!(log.contains("--chromium PATH"), "a fix: {log}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
}
