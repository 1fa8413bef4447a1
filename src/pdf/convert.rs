//! Printing one document in a tab. A sheet is printed once. A document
//! with a table of contents is printed with page numbers in it: the pages
//! its chapters start on are read from a rendering (named destinations,
//! with lopdf), and the document is printed again only when the numbers it
//! shows are not those pages. The first rendering shows the numbers of the
//! PDF already in the output folder, if there is one, so an unchanged
//! document is printed once; else a module's shows the numbers its
//! handbook's first rendering suggests (see [`super::queue`]); without
//! either, a draft (untagged, the same pages) finds them first. The page
//! is loaded once: the numbers go into the loaded page (see
//! [`Tab::set_query`]).

use std::path::Path;
use std::time::{Duration, Instant};

use super::jobs::Job;
use super::reader::Pdf;
use super::tab::{Print, Tab};
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
pub(super) type Pages = Vec<(String, usize)>;

/// What a document's print can start from besides its last PDF.
pub(super) struct Hint<'a> {
    /// The pages its chapters probably start on (a module's, from its
    /// handbook: see [`super::queue`]).
    pub guess: Option<Pages>,
    /// Hears the pages its chapters start on in its first rendering.
    pub learned: &'a dyn Fn(&Pages),
}

/// Links to files of the site, which the `pdf` query makes plain text:
/// counted in the page as it is (the links a first rendering would have).
const FILE_LINKS: &str = "Array.from(document.links).filter(function (a) { \
     return a.protocol === 'file:' && a.getClientRects().length > 0; }).length";

/// Renderings of one document at most (the first, and two more if the
/// numbers moved the chapters).
const MAX_PRINTS: usize = 3;

/// Prints `job` in `tab` (each rendering within `timeout`) and writes its PDF.
pub(super) fn convert(
    job: &Job,
    tab: &Tab<'_>,
    timeout: Duration,
    hint: Hint<'_>,
) -> Result<Converted, String> {
    let start = Instant::now();
    let url = chromium::file_url(&job.html);
    let deadline = || Instant::now() + timeout;
    tab.load(&url, deadline())?;
    let (printed, file_links) = if job.sheet.is_some() {
        let bytes = tab.print(Print::Final, deadline())?;
        let pages = parse(&bytes)?.pages().len();
        let printed = Printed {
            bytes,
            pages,
            prints: 1,
            numbered: true,
        };
        (printed, 0)
    } else {
        let links = tab.eval(FILE_LINKS, deadline())?.as_u64().unwrap_or(0);
        let book = Book {
            tab,
            url: &url,
            anchors: &job.anchors,
            timeout,
            learned: hint.learned,
        };
        let guess = previous_pages(&job.output, &job.anchors).or(hint.guess);
        let printed = book.print(guess)?;
        (printed, usize::try_from(links).unwrap_or(usize::MAX))
    };
    write_atomic(&job.output, &printed.bytes)?;
    Ok(Converted {
        written: Written {
            path: job.output.clone(),
            lang: job.lang.clone(),
            name: job.name.clone(),
            pages: printed.pages,
            prints: printed.prints,
            seconds: start.elapsed().as_secs_f64(),
        },
        file_links,
        numbered: printed.numbered,
    })
}

/// A document's last rendering.
struct Printed {
    bytes: Vec<u8>,
    /// Its page count.
    pages: usize,
    /// Renderings made (draft included).
    prints: usize,
    /// Whether its contents show page numbers.
    numbered: bool,
}

/// A document with a table of contents, loaded in a tab.
struct Book<'a> {
    tab: &'a Tab<'a>,
    url: &'a str,
    anchors: &'a [String],
    timeout: Duration,
    learned: &'a dyn Fn(&Pages),
}

impl Book<'_> {
    /// Prints the loaded page with the pages its chapters start on in its
    /// contents (`guess`: those of the last PDF, if any).
    fn print(&self, guess: Option<Pages>) -> Result<Printed, String> {
        let mut prints = 0;
        let mut shown = match guess {
            Some(guess) => guess,
            None => {
                let draft = self.tab.print(Print::Draft, self.deadline())?;
                prints += 1;
                let pages = chapter_pages(&parse(&draft)?, self.anchors);
                (self.learned)(&pages);
                pages
            }
        };
        // Printed with the pages it shows (and without links that would not
        // open from a PDF). The numbers' space is reserved, so printing them
        // should not move the chapters; if it did, once more.
        loop {
            self.show(&shown)?;
            let bytes = self.tab.print(Print::Final, self.deadline())?;
            prints += 1;
            let pdf = parse(&bytes)?;
            let pages = chapter_pages(&pdf, self.anchors);
            if prints == 1 {
                (self.learned)(&pages);
            }
            if pages == shown || prints >= MAX_PRINTS {
                return Ok(Printed {
                    pages: pdf.pages().len(),
                    bytes,
                    prints,
                    numbered: !shown.is_empty(),
                });
            }
            shown = pages;
        }
    }

    /// Puts `pages` into the contents, and drops links out of the document.
    fn show(&self, pages: &[(String, usize)]) -> Result<(), String> {
        let query = pdf_query(pages);
        if !self.tab.set_query(&query, self.deadline())? {
            self.tab
                .load(&format!("{}?{query}", self.url), self.deadline())?;
        }
        Ok(())
    }

    fn deadline(&self) -> Instant {
        Instant::now() + self.timeout
    }
}

fn parse(bytes: &[u8]) -> Result<Pdf, String> {
    Pdf::parse(bytes).map_err(|e| format!("Chromium wrote a broken PDF: {e}"))
}

/// The chapter pages of the PDF equil wrote at `output` last time, if it
/// has the same chapters.
fn previous_pages(output: &Path, anchors: &[String]) -> Option<Pages> {
    let bytes = std::fs::read(output).ok()?;
    let pages = chapter_pages(&parse(&bytes).ok()?, anchors);
    (!pages.is_empty() && pages.len() == anchors.len()).then_some(pages)
}

/// The page each chapter starts on, in the order of `anchors` (empty when
/// the PDF has no destinations for them).
fn chapter_pages(pdf: &Pdf, anchors: &[String]) -> Pages {
    let dests = pdf.destinations();
    anchors
        .iter()
        .filter_map(|a| dests.get(a).map(|p| (a.clone(), *p)))
        .collect()
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
