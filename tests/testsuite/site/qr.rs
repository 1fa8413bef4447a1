//! QR codes on print chapters, decoded from the page and from the PDF.

use super::*;

// ---- QR codes -------------------------------------------------------------------

#[test]
fn print_chapters_carry_a_qr_code_of_their_web_address() {
    let f = country_site();
    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/equil/\n",
    );
    f.build_ok();
    let print = f.html("nl/employers/print.html");
    let captions = texts(&print, ".chapter-qr figcaption");
    assert_eq!(
        captions,
        [
            "example.org/equil/nl/employers/index.html",
            "example.org/equil/nl/employers/rights-and-support.html"
        ]
    );
    assert_eq!(
        print
            .select(&sel(".chapter-qr svg[role=img][aria-label]"))
            .count(),
        2
    );

    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/equil/\nprint_qr: false\n",
    );
    f.build_ok();
    assert_eq!(
        f.html("nl/employers/print.html")
            .select(&sel(".chapter-qr"))
            .count(),
        0
    );
    // Without a base URL there is no address to encode.
    f.write("site.yaml", "languages: [en, nl]\nsource_language: en\n");
    f.build_ok();
    assert_eq!(
        f.html("nl/employers/print.html")
            .select(&sel(".chapter-qr"))
            .count(),
        0
    );
}

#[test]
#[ignore = "needs Chromium, pdftoppm and zbarimg (apt-get install chromium poppler-utils zbar-tools); run with --include-ignored"]
fn a_pdf_page_qr_code_decodes_to_that_pages_url() {
    let chromium = chromium();
    require("pdftoppm", "apt-get install poppler-utils");
    require("zbarimg", "apt-get install zbar-tools");
    let f = country_site();
    f.write(
        "site.yaml",
        "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/equil/\n",
    );
    let out_dir = f.path("pdf");
    let out = f.pdf(
        &chromium,
        &[
            "--lang",
            "nl",
            "--module",
            "employers",
            "--output",
            out_dir.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success(), "equil pdf failed:\n{}", stderr(&out));
    let pdf = out_dir.join("nl/employers.pdf");
    let tmp = tempfile::tempdir().expect("tmp");
    // Page 1 is the cover, page 2 the contents; the chapters follow.
    let found: Vec<String> = (3..=4)
        .flat_map(|p| qr_codes(&pdf, p, tmp.path()))
        .collect();
    assert_eq!(
        found,
        [
            "https://example.org/equil/nl/employers/index.html",
            "https://example.org/equil/nl/employers/rights-and-support.html"
        ]
    );
}
