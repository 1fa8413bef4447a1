//! Printing one document in a tab. A sheet is printed once. A document
//! with a table of contents is printed with page numbers in it: the pages
//! its chapters start on are read from a rendering (named destinations,
//! with lopdf), and the document is printed again only when the numbers it
//! shows are not those pages. The first rendering shows the numbers of the
//! PDF already in the output folder, if there is one, so an unchanged
//! document is printed once; without one, the first rendering has none.

use std::path::Path;
use std::time::{Duration, Instant};

use super::jobs::Job;
use super::reader::Pdf;
use super::tab::Tab;
use super::{chromium, write_atomic, Written};

/// What converting one document found besides the PDF.
pub(super) struct Converted {
    pub written: Written,
    /// Links to files of the site outside the document (no base URL to
    /// point them to), left as plain text in the PDF.
    pub file_links: usize,
    /// Whether the table of contents got page numbers.
    pub numbered: bool,
}

/// The page each chapter starts on, by anchor.
type Pages = Vec<(String, usize)>;

/// Links to files of the site, which the `pdf` query makes plain text:
/// counted in the page as it is (the links a first rendering would have).
const FILE_LINKS: &str = "Array.from(document.links).filter(function (a) { \
     return a.protocol === 'file:' && a.getClientRects().length > 0; }).length";

/// Prints `job` in `tab` (each rendering within `timeout`) and writes its PDF.
pub(super) fn convert(job: &Job, tab: &Tab<'_>, timeout: Duration) -> Result<Converted, String> {
    let start = Instant::now();
    let url = chromium::file_url(&job.html);
    let print = |query: &str| -> Result<Vec<u8>, String> {
        let deadline = Instant::now() + timeout;
        let full = if query.is_empty() {
            url.clone()
        } else {
            format!("{url}?{query}")
        };
        tab.load(&full, deadline)?;
        tab.print(deadline)
    };
    let mut prints = 1;
    let (bytes, file_links, numbered) = if job.sheet.is_some() {
        (print("")?, 0, true)
    } else {
        // A first rendering: with the numbers of the last PDF, or as the
        // page is (which also shows the links out of the document).
        let (mut bytes, mut shown, file_links) = match previous_pages(&job.output, &job.anchors) {
            Some(guess) => {
                let deadline = Instant::now() + timeout;
                tab.load(&url, deadline)?;
                let links = tab.eval(FILE_LINKS, deadline)?.as_u64().unwrap_or(0);
                (print(&pdf_query(&guess))?, Some(guess), links as usize)
            }
            None => {
                let first = print("")?;
                let links = parse(&first)?
                    .link_uris()
                    .iter()
                    .filter(|u| u.starts_with("file:"))
                    .count();
                (first, None, links)
            }
        };
        let mut pages = chapter_pages(&bytes, &job.anchors)?;
        let numbered = !pages.is_empty();
        // Printed with the pages it shows (and without links that would
        // not open from a PDF). The numbers' space is reserved, so printing
        // them should not move the chapters; if it did, once more.
        while shown.as_ref() != Some(&pages) && prints < 3 {
            bytes = print(&pdf_query(&pages))?;
            prints += 1;
            shown = Some(pages);
            pages = chapter_pages(&bytes, &job.anchors)?;
        }
        (bytes, file_links, numbered)
    };
    let page_count = parse(&bytes)?.pages().len();
    write_atomic(&job.output, &bytes)?;
    Ok(Converted {
        written: Written {
            path: job.output.clone(),
            lang: job.lang.clone(),
            name: job.name.clone(),
            pages: page_count,
            prints,
            seconds: start.elapsed().as_secs_f64(),
        },
        file_links,
        numbered,
    })
}

fn parse(bytes: &[u8]) -> Result<Pdf, String> {
    Pdf::parse(bytes).map_err(|e| format!("Chromium wrote a broken PDF: {e}"))
}

/// The chapter pages of the PDF equil wrote at `output` last time, if it
/// has the same chapters.
fn previous_pages(output: &Path, anchors: &[String]) -> Option<Pages> {
    let bytes = std::fs::read(output).ok()?;
    let pages = chapter_pages(&bytes, anchors).ok()?;
    (!pages.is_empty() && pages.len() == anchors.len()).then_some(pages)
}

/// The page each chapter starts on, in the order of `anchors` (empty when
/// the PDF has no destinations for them).
fn chapter_pages(bytes: &[u8], anchors: &[String]) -> Result<Pages, String> {
    let dests = parse(bytes)?.destinations();
    Ok(anchors
        .iter()
        .filter_map(|a| dests.get(a).map(|p| (a.clone(), *p)))
        .collect())
}

/// `pdf&p=<anchor>:<page>&…` for the print page's script.
fn pdf_query(pages: &[(String, usize)]) -> String {
    let pages = pages.iter().map(|(a, p)| {
        format!(
            "p={}",
            chromium::percent_encode(&format!("{a}:{p}"), chromium::QUERY_VALUE)
        )
    });
    std::iter::once("pdf".to_string())
        .chain(pages)
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_query_encodes_anchors() {
        let q = pdf_query(&[("ch-index".into(), 3), ("ch-åb c".into(), 12)]);
        assert_eq!(q, "pdf&p=ch-index:3&p=ch-%C3%A5b%20c:12");
    }

    #[test]
    fn no_previous_pdf_no_guess() {
        let dir = tempfile::tempdir().unwrap();
        let anchors = vec!["ch-a".to_string()];
        assert_eq!(previous_pages(&dir.path().join("none.pdf"), &anchors), None);
        std::fs::write(dir.path().join("bad.pdf"), b"%PDF-1.4 broken").unwrap();
        assert_eq!(previous_pages(&dir.path().join("bad.pdf"), &anchors), None);
    }
}
