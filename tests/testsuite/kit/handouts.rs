//! Handouts: listed on their card with page and PDF links, translated like
//! pages, misplaced ones reported, their PDFs one A4 page.

use super::*;

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

#[test]
#[ignore = "needs Chromium, poppler-utils and zbar-tools (.ci/run installs them)"]
fn handout_pdfs_are_one_a4_page_with_their_text_and_no_chrome() {
    let chromium = chromium();
    let f = kit();
    // A handout that cannot fit on one sheet.
    f.write(
        "content/en/toolkit/map/long-form.md",
        "---\ntitle: Long form\nkind: handout\n---\nWrite.\n\n[____ 40]\n\n[____ 40]\n",
    );
    let out = f.pdf(&chromium, &["--lang", "en", "--module", "toolkit"]);
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
    let out = f.pdf(&chromium, &["--lang", "nl", "--module", "day"]);
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
