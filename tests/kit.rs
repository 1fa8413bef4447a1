//! The trainer's kit on fixture sites: handouts (in their card's folder,
//! translated or falling back), session plans (clock times, merged
//! materials, handouts to print, checks), exercise and reflection callouts,
//! and (with Chromium and poppler) one-page handout PDFs.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// English and Dutch; a module with a session plan on three cards and two
/// free blocks; a card with two handouts, one translated into Dutch.
fn kit() -> Fixture {
    let f = Fixture::empty();
    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/kit/\ndownloads: true\n",
    );
    f.write(
        "content/en/_index.md",
        "---\ntitle: Handbook\n---\nWelcome.\n",
    );
    f.write(
        "content/nl/_index.md",
        "---\ntitle: Handboek\n---\nWelkom.\n",
    );
    f.write(
        "content/en/day/_index.md",
        "---\ntitle: Training day\nkind: module\norder: 1\nduration: 120\n---\nThe day.\n",
    );
    f.write(
        "content/en/day/agenda.md",
        "---\ntitle: The day plan\nkind: session\nstart: \"11:30\"\nagenda:\n  - title: Welcome and coffee\n    minutes: 15\n  - page: toolkit/line-up\n  - title: Lunch\n    minutes: 45\n    break: true\n  - page: toolkit/story-circle\n    minutes: 35\n  - page: toolkit/map\n---\nNotes for the trainer.\n\n> [!REFLECTION]\n> What did the group notice?\n",
    );
    f.write(
        "content/nl/day/agenda.md",
        "---\ntitle: Het dagplan\nkind: session\n---\nNotities.\n",
    );
    f.write(
        "content/en/toolkit/_index.md",
        "---\ntitle: Toolkit\nkind: toolkit\norder: 2\n---\nTools.\n",
    );
    f.write(
        "content/en/toolkit/line-up.md",
        "---\ntitle: Line-up\nkind: tool\norder: 1\nduration: 30\ngroup_size: \"6-12\"\nmaterials:\n  - Masking tape\n  - Statement cards\n---\n## Steps\n\n> [!EXERCISE]\n> Stand on the line.\n",
    );
    f.write(
        "content/en/toolkit/line-up/statements.md",
        "---\ntitle: Line-up statements\nkind: handout\norder: 1\n---\nRead each statement and mark where you stand.\n\n| Statement | Agree | Disagree |\n|---|---|---|\n| Work is good for mental health | | |\n| Employers want to help | | |\n\nWhat surprised you?\n\n[____ 3]\n",
    );
    f.write(
        "content/en/toolkit/line-up/observer-sheet.md",
        "---\ntitle: Observer sheet\nkind: handout\norder: 2\n---\nNotes of the observer.\n\n[____]\n",
    );
    f.write(
        "content/nl/toolkit/line-up/statements.md",
        "---\ntitle: Stellingen bij de opstelling\nkind: handout\n---\nLees elke stelling en geef aan waar je staat.\n\n| Stelling | Eens | Oneens |\n|---|---|---|\n| Werk is goed voor je gezondheid | | |\n\n[____ 3]\n",
    );
    f.write(
        "content/en/toolkit/story-circle.md",
        "---\ntitle: Story circle\nkind: tool\norder: 2\nduration: 40\ngroup_size: \"4-8\"\nmaterials:\n  - Statement cards\n  - A talking object\n---\nTell stories.\n",
    );
    f.write(
        "content/en/toolkit/map.md",
        "---\ntitle: Network map\nkind: tool\norder: 3\nduration: 25\nmaterials:\n  - masking tape\n  - Flip chart\n---\nDraw the network.\n",
    );
    f
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn a_card_lists_its_handouts_with_page_and_pdf_links() {
    let f = kit();
    f.build_ok();
    let card = f.html("en/toolkit/line-up.html");
    assert_eq!(
        texts(&card, ".tool-handouts .handout-list > li > a:first-child"),
        ["Line-up statements", "Observer sheet"]
    );
    let hrefs = attrs(&card, ".tool-handouts a", "href");
    for want in [
        "line-up/statements.html",
        "../../pdf/en/handouts/line-up/statements.pdf",
        "print/line-up/statements.html",
        "line-up/observer-sheet.html",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} not in {hrefs:?}");
    }
    for page in [
        "en/toolkit/line-up/statements.html",
        "en/toolkit/print/line-up/statements.html",
        "nl/toolkit/line-up/statements.html",
        "nl/toolkit/line-up/observer-sheet.html",
    ] {
        assert!(f.exists(&format!("public/{page}")), "{page}");
    }
    // The handout page links back to its card, and says what it is.
    // Its printable sheet carries the QR code of that page.
    let sheet = f.html("en/toolkit/print/line-up/statements.html");
    assert_eq!(
        texts(&sheet, ".sheet-header .sheet-url"),
        ["example.org/kit/en/toolkit/line-up/statements.html"]
    );
    assert_eq!(sheet.select(&sel(".sheet-qr svg[role=img]")).count(), 1);
    let h = f.html("en/toolkit/line-up/statements.html");
    assert_eq!(attrs(&h, ".handout-card a", "href"), ["../line-up.html"]);
    assert_eq!(text(&h, ".eyebrow").as_deref(), Some("Handout"));
    assert_eq!(h.select(&sel(".write-lines .write-line")).count(), 3);
    // Each language's home page offers its handbook as PDF and EPUB.
    for lang in ["en", "nl"] {
        let home = f.html(&format!("{lang}/index.html"));
        assert_eq!(
            attrs(&home, ".downloads a", "href"),
            [
                format!("../pdf/{lang}/handbook.pdf"),
                format!("../epub/{lang}/handbook.epub")
            ]
        );
    }
    // Without `downloads`, no links to files that are not published.
    f.write(
        "site.yaml",
        &f.read("site.yaml").replace("downloads: true\n", ""),
    );
    f.build_ok();
    assert!(f
        .html("en/index.html")
        .select(&sel(".downloads"))
        .next()
        .is_none());
    // With `print_qr: false`, sheets carry no QR code.
    f.write("site.yaml", &(f.read("site.yaml") + "print_qr: false\n"));
    f.build_ok();
    assert_eq!(
        f.html("en/toolkit/print/line-up/statements.html")
            .select(&sel(".sheet-qr, .sheet-url"))
            .count(),
        0
    );
    let card = f.html("en/toolkit/line-up.html");
    assert!(!attrs(&card, ".tool-handouts a", "href")
        .iter()
        .any(|h| h.ends_with(".pdf")));
}

#[test]
fn handouts_are_translated_like_pages() {
    let f = kit();
    let out = f.build_ok();
    let log = stderr(&out);
    // The Dutch card falls back, and so does one of its handouts.
    let own = f.html("nl/toolkit/line-up/statements.html");
    assert_eq!(
        text(&own, "h1").as_deref(),
        Some("Stellingen bij de opstelling")
    );
    assert!(own.select(&sel(".notice-fallback")).next().is_none());
    let fallback = f.html("nl/toolkit/line-up/observer-sheet.html");
    assert_eq!(text(&fallback, "h1").as_deref(), Some("Observer sheet"));
    assert!(fallback.select(&sel(".notice-fallback")).next().is_some());
    assert_eq!(attrs(&fallback, "h1", "lang"), ["en"]);
    assert!(log.contains("6 pages of `nl` are shown in `en`"), "{log}");
    // Its sheet says so too.
    let sheet = f.html("nl/toolkit/print/line-up/observer-sheet.html");
    assert!(sheet.select(&sel(".notice-fallback")).next().is_some());
    // Status lists handouts: the translated one has no source_hash yet.
    let status = f.run(&["i18n", "status"]);
    let s = stdout(&status) + &stderr(&status);
    assert!(s.contains("toolkit/line-up/statements.md"), "{s}");
    assert!(s.contains("toolkit/line-up/observer-sheet.md"), "{s}");
    // Outdated detection: mark current, change the source, it is outdated.
    let mark = f.run(&[
        "i18n",
        "mark-current",
        f.path("content/nl/toolkit/line-up/statements.md")
            .to_str()
            .unwrap(),
    ]);
    assert!(mark.status.success(), "{}", stderr(&mark));
    f.write(
        "content/en/toolkit/line-up/statements.md",
        &f.read("content/en/toolkit/line-up/statements.md")
            .replace("surprised", "struck"),
    );
    let out = f.run(&["check"]);
    let log = stderr(&out);
    assert!(
        log.contains("translation is outdated")
            && log.contains("content/nl/toolkit/line-up/statements.md"),
        "{log}"
    );
}

#[test]
fn the_session_plan_has_clock_times_breaks_and_a_total() {
    let f = kit();
    f.build_ok();
    let doc = f.html("en/day/agenda.html");
    let clocks = texts(&doc, ".session-table tbody .session-clock");
    assert_eq!(
        clocks,
        [
            "11:30–11:45",
            "11:45–12:15",
            "12:15–13:00",
            "13:00–13:35",
            "13:35–14:00"
        ]
    );
    assert_eq!(
        texts(&doc, ".session-table tbody td:nth-child(3)"),
        ["15", "30", "45", "35", "25"]
    );
    assert_eq!(doc.select(&sel("tr.session-break")).count(), 1);
    assert_eq!(
        attrs(&doc, ".session-table tbody a", "href"),
        [
            "../toolkit/line-up.html",
            "../toolkit/story-circle.html",
            "../toolkit/map.html"
        ]
    );
    let total = texts(&doc, ".session-table tfoot td").join("");
    assert!(
        total.contains("11:30") && total.contains("14:00"),
        "{total}"
    );
    assert!(
        total.contains("2 h 30 min") && total.contains("45 minutes"),
        "{total}"
    );
    // English follows site.yaml: `clock: 12h` gives 1:00 pm; Dutch stays 24-hour.
    f.write("site.yaml", &(f.read("site.yaml") + "clock: 12h\n"));
    f.build_ok();
    let en = texts(&f.html("en/day/agenda.html"), ".session-clock");
    assert_eq!(en[3], "1:00 pm–1:35 pm");
    let nl = texts(&f.html("nl/day/agenda.html"), ".session-clock");
    assert_eq!(nl[3], "13:00–13:35");
}

#[test]
fn the_session_plan_merges_materials_and_lists_handouts_to_print() {
    let f = kit();
    f.build_ok();
    let doc = f.html("en/day/agenda.html");
    let materials = texts(&doc, ".session-materials li");
    assert_eq!(
        materials,
        [
            "Masking tape (for Line-up, Network map)",
            "Statement cards (for Line-up, Story circle)",
            "A talking object (for Story circle)",
            "Flip chart (for Network map)"
        ]
    );
    let handouts = texts(&doc, ".session-handouts li");
    assert_eq!(handouts.len(), 2, "{handouts:?}");
    assert!(
        handouts[0].starts_with("Line-up statements (Line-up) – 12 copies"),
        "{handouts:?}"
    );
    // The Dutch plan inherits the agenda, with Dutch interface words.
    let nl = f.html("nl/day/agenda.html");
    assert_eq!(nl.select(&sel(".session-table tbody tr")).count(), 5);
    assert!(texts(&nl, ".session-heading").contains(&"Mee te nemen materialen".to_string()));
    // The run sheet has the plan without links or site chrome.
    let sheet = f.html("en/day/print/agenda.html");
    assert_eq!(sheet.select(&sel(".session-table tbody tr")).count(), 5);
    assert!(sheet
        .select(&sel(".session-table a, header, nav"))
        .next()
        .is_none());
    // The module's print page carries the plan, and the handouts after their card.
    let print = f.html("en/toolkit/print.html");
    let titles = texts(&print, "section.chapter .chapter-title");
    assert_eq!(
        titles,
        [
            "Toolkit",
            "Line-up",
            "Line-up statements",
            "Observer sheet",
            "Story circle",
            "Network map"
        ]
    );
    let day = f.html("en/day/print.html");
    assert_eq!(
        day.select(&sel(".chapter-session .session-table")).count(),
        1
    );
}

#[test]
fn callouts_are_titled_in_the_reader_language() {
    let f = kit();
    f.write(
        "content/nl/toolkit/line-up.md",
        "---\ntitle: Opstelling\nkind: tool\n---\n> [!EXERCISE]\n> Ga op de lijn staan.\n\n> [!REFLECTION]\n> Wat viel op?\n",
    );
    f.build_ok();
    let nl = f.html("nl/toolkit/line-up.html");
    assert_eq!(
        texts(&nl, ".callout .callout-title"),
        ["Oefening", "Reflectie"]
    );
    let en = f.html("en/day/agenda.html");
    assert_eq!(
        texts(&en, ".callout-reflection .callout-title"),
        ["Reflection"]
    );
}

#[test]
fn check_reports_a_broken_reference_and_an_over_long_agenda_with_lines() {
    let f = kit();
    f.write(
        "content/en/day/broken.md",
        "---\ntitle: Broken plan\nkind: session\nstart: \"09:00\"\nduration: 60\nagenda:\n  - page: toolkit/line-up\n  - page: toolkit/line-upp\n  - title: Round\n  - page: toolkit/map\n    minutes: 40\n---\n",
    );
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log = stderr(&out);
    assert!(
        log.contains("agenda block 2: there is no page `toolkit/line-upp`")
            && log.contains("content/en/day/broken.md:8:1")
            && log.contains("did you mean `page: toolkit/line-up`"),
        "{log}"
    );
    assert!(
        log.contains("agenda block 3 (Round) has no minutes")
            && log.contains("content/en/day/broken.md:9:1"),
        "{log}"
    );
    assert!(
        log.contains(
            "the agenda takes 70 minutes, longer than the `duration` of this page (60 minutes)"
        ),
        "{log}"
    );
    // The fixture's own plan is longer than its module (150 > 120 minutes).
    assert!(
        log.contains(
            "the agenda takes 150 minutes, longer than the module's `duration` (120 minutes)"
        ) && log.contains("content/en/day/agenda.md:6:1"),
        "{log}"
    );
    // As JSON, with the codes.
    let out = f.run(&["check", "--format", "json"]);
    let json = stdout(&out);
    assert!(
        json.contains("\"E017\"") && json.contains("\"W110\""),
        "{json}"
    );
}

#[test]
fn misplaced_handouts_are_reported() {
    let f = kit();
    f.write(
        "content/en/toolkit/no-such-card/sheet.md",
        "---\ntitle: Lost\nkind: handout\n---\nx\n",
    );
    f.write(
        "content/en/toolkit/map/notes.md",
        "---\ntitle: Notes\n---\nx\n",
    );
    f.write(
        "content/en/toolkit/map/deeper/x.md",
        "---\ntitle: Deep\n---\nx\n",
    );
    let out = f.run(&["check"]);
    let log = stderr(&out);
    assert!(
        log.contains(
            "this handout belongs to no page: content/en/toolkit/no-such-card.md does not exist"
        ),
        "{log}"
    );
    assert!(
        log.contains("a page in a page's folder must be a handout"),
        "{log}"
    );
    assert!(
        log.contains("pages in sub-folders of a module are not part of the layout"),
        "{log}"
    );
}

// ---- With Chromium and poppler -------------------------------------------

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_pages(path: &Path) -> (usize, String) {
    let info = poppler("pdfinfo", &[path.to_str().unwrap()]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or("")
        .trim()
        .to_string();
    (pages, size)
}

#[test]
#[ignore = "needs Chromium, poppler-utils and zbar-tools (.ci/run installs them)"]
fn handout_pdfs_are_one_a4_page_with_their_text_and_no_chrome() {
    let chromium = chromium().expect("Chromium");
    let f = kit();
    // A handout that cannot fit on one sheet.
    f.write(
        "content/en/toolkit/map/long-form.md",
        "---\ntitle: Long form\nkind: handout\n---\nWrite.\n\n[____ 40]\n\n[____ 40]\n",
    );
    let out = f.run(&[
        "pdf",
        "--lang",
        "en",
        "--module",
        "toolkit",
        "--chromium",
        chromium.to_str().unwrap(),
    ]);
    let log = stderr(&out);
    assert!(out.status.success(), "{log}");
    let pdf = f.path("pdf/en/handouts/line-up/statements.pdf");
    let (pages, size) = pdf_pages(&pdf);
    assert_eq!(pages, 1, "{log}");
    assert!(size.contains("(A4)"), "A4: {size}");
    let text = poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Line-up statements"), "{text}");
    assert!(text.contains("Work is good for mental health"), "{text}");
    for chrome in [
        "Handbook",
        "Toolkit",
        "Print / PDF",
        "Skip to content",
        "Nederlands",
        "Content version",
    ] {
        assert!(!text.contains(chrome), "{chrome} in {text}");
    }
    assert_eq!(
        pdf_pages(&f.path("pdf/en/handouts/line-up/observer-sheet.pdf")).0,
        1
    );
    // The photocopy leads back to the handout's page on the web.
    let tmp = tempfile::tempdir().expect("tmp");
    assert_eq!(
        qr_codes(&pdf, 1, tmp.path()),
        ["https://example.org/kit/en/toolkit/line-up/statements.html"]
    );
    // The overflow is a warning naming the handout.
    assert!(
        log.contains("toolkit/map/long-form does not fit on one sheet: it spills onto")
            && log.contains("content/en/toolkit/map/long-form.md"),
        "{log}"
    );
    assert!(pdf_pages(&f.path("pdf/en/handouts/map/long-form.pdf")).0 > 1);

    // Letter paper, and the session run sheet on one page.
    f.write("site.yaml", &(f.read("site.yaml") + "paper: letter\n"));
    let out = f.run(&[
        "pdf",
        "--lang",
        "nl",
        "--module",
        "day",
        "--chromium",
        chromium.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sheet = f.path("pdf/nl/day/agenda.pdf");
    let (pages, size) = pdf_pages(&sheet);
    assert_eq!(pages, 1);
    assert!(size.contains("(letter)"), "Letter: {size}");
    let text = poppler("pdftotext", &[sheet.to_str().unwrap(), "-"]);
    assert!(
        text.contains("13:00") && text.contains("Mee te nemen materialen"),
        "{text}"
    );
    assert_eq!(
        qr_codes(&sheet, 1, tmp.path()),
        ["https://example.org/kit/nl/day/agenda.html"]
    );
}

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
    // The container: `mimetype` first and uncompressed.
    assert_eq!(files[0].0, "mimetype");
    assert_eq!(files[0].1, b"application/epub+zip");
    assert!(files[0].2, "mimetype must be stored");
    let opf = epub_text(&files, "OEBPS/content.opf");
    assert!(
        opf.contains("<dc:language id=\"epub-creator-0\">nl</dc:language>"),
        "{opf}"
    );
    assert!(opf.contains("properties=\"cover-image\""), "{opf}");
    assert!(opf.contains("images/toolkit/network.svg"), "{opf}");
    // Navigation: the card with its handouts below it.
    let nav = epub_text(&files, "OEBPS/nav.xhtml");
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
    // Chapters: the reader's language on the document, the fallback marked.
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
    // The session plan links to the cards in the handbook.
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
