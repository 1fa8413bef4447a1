//! `equil pdf`: builds the site into a temporary folder with the ordinary
//! pipeline, then prints its print pages (`<lang>/<module>/print.html`,
//! `<lang>/print.html`) to PDF with headless Chromium, two at a time.
//!
//! Each document is printed twice: the first rendering tells on which page
//! each chapter starts (read from the PDF's named destinations), the second
//! shows those numbers in the table of contents (CSS `target-counter()`
//! would do this, but Chromium does not support it).

pub mod chromium;
pub mod reader;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::diagnostics::{suggest, Code, Diagnostic};
use crate::model::Site;
use crate::pipeline::{self, SiteOptions};
use crate::render::pages::session_sheet;
use crate::render::print::chapter_anchors;
use crate::render::sheet::{sheets, SheetOf};

/// File name (without `.pdf`) of the whole handbook in each language folder.
pub const HANDBOOK: &str = "handbook";

/// What `equil pdf` makes, and how.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub site: SiteOptions,
    /// Only this language (default: every language).
    pub lang: Option<String>,
    /// Only this module, by folder name or slug (default: every module and the handbook).
    pub module: Option<String>,
    /// Where to write `<lang>/<module>.pdf` and `<lang>/handbook.pdf`.
    pub output: PathBuf,
    /// The Chromium program (default: found on `PATH`).
    pub chromium: Option<PathBuf>,
    /// Conversions running at the same time.
    pub jobs: usize,
    /// Time limit of one Chromium run.
    pub timeout: Duration,
    /// Set (by Ctrl-C) to stop: running Chromium processes are ended and
    /// no further document is started.
    pub stop: Arc<AtomicBool>,
}

impl PdfOptions {
    pub fn new(root: impl Into<PathBuf>, output: impl Into<PathBuf>) -> Self {
        PdfOptions {
            site: SiteOptions::new(root),
            lang: None,
            module: None,
            output: output.into(),
            chromium: None,
            jobs: 2,
            timeout: Duration::from_secs(120),
            stop: Arc::default(),
        }
    }
}

/// A PDF file that was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub lang: String,
    /// The module's slug, or [`HANDBOOK`].
    pub name: String,
    pub pages: usize,
}

/// How `equil pdf` went.
#[derive(Debug, Default)]
pub struct PdfOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub written: Vec<Written>,
    /// Warnings of the site build (translation states and the like), kept
    /// apart: `equil check` and `equil build` are where they are read.
    pub build_warnings: Vec<Diagnostic>,
    /// The options named a language or module that does not exist.
    pub usage_error: bool,
    /// Stopped by [`PdfOptions::stop`] before every document was printed.
    pub interrupted: bool,
}

impl PdfOutcome {
    pub fn failed(&self) -> bool {
        self.usage_error || self.interrupted || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// One document to print.
struct Job {
    lang: String,
    name: String,
    /// The print page in the temporary site.
    html: PathBuf,
    /// Chapter anchors of its table of contents.
    anchors: Vec<String>,
    output: PathBuf,
    /// A handout or run sheet: printed once, and meant to fit one page.
    sheet: Option<PathBuf>,
}

/// What converting one document found besides the PDF.
struct Converted {
    written: Written,
    /// Links to files of the site outside the document (no base URL to
    /// point them to), left as plain text in the PDF.
    file_links: usize,
    /// Whether the table of contents got page numbers.
    numbered: bool,
}

/// Builds the site and writes the PDFs. `progress` is called as each file is written.
pub fn run(opts: &PdfOptions, progress: &(dyn Fn(&Written) + Sync)) -> PdfOutcome {
    let mut out = PdfOutcome::default();
    let chromium = match chromium::find(opts.chromium.as_deref()) {
        Ok(c) => c,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let tmp = match tempfile::Builder::new().prefix("equil-pdf-").tempdir() {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics.push(Diagnostic::error(
                Code::Write,
                format!("cannot create a temporary folder: {e}"),
            ));
            return out;
        }
    };
    let site_dir = tmp.path().join("site");
    let scratch = tmp.path().join("work");
    let (built, site) = pipeline::build_site(&opts.site, &pipeline::OutputOptions::new(&site_dir));
    let (warnings, errors): (Vec<_>, Vec<_>) =
        built.diagnostics.into_iter().partition(|d| !d.is_error());
    out.diagnostics.extend(errors);
    out.build_warnings = warnings;
    let Some(site) = site else {
        return out;
    };
    let jobs = match plan(&site, opts, &site_dir) {
        Ok(j) => j,
        Err(d) => {
            out.diagnostics.push(d);
            out.usage_error = true;
            return out;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        out.diagnostics.push(Diagnostic::error(
            Code::Write,
            format!("cannot create {}: {e}", scratch.display()),
        ));
        return out;
    }

    let next = AtomicUsize::new(0);
    let results: Mutex<BTreeMap<usize, Result<Converted, String>>> = Mutex::default();
    let workers = opts.jobs.clamp(1, jobs.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                if opts.stop.load(Ordering::SeqCst) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let run = Run {
                    chromium: &chromium,
                    scratch: &scratch,
                    timeout: opts.timeout,
                    stop: &opts.stop,
                };
                let result = convert(job, i, &run);
                if let Ok(c) = &result {
                    progress(&c.written);
                }
                if let Ok(mut r) = results.lock() {
                    r.insert(i, result);
                }
            });
        }
    });

    let results = results.into_inner().unwrap_or_default();
    if opts.stop.load(Ordering::SeqCst) {
        out.interrupted = true;
        return out;
    }
    let mut file_links = Vec::new();
    for (i, result) in results {
        let job = &jobs[i];
        match result {
            Ok(c) => {
                if c.file_links > 0 {
                    file_links.push(format!("{}/{}.pdf", job.lang, job.name));
                }
                if let (Some(source), true) = (&job.sheet, c.written.pages > 1) {
                    out.diagnostics.push(
                        Diagnostic::warning(
                            Code::SheetOverflow,
                            format!(
                                "{} does not fit on one sheet: it spills onto {} more page(s) ({})",
                                job.name,
                                c.written.pages - 1,
                                job.output.display()
                            ),
                        )
                        .at(source)
                        .help("shorten it, split it into two handouts, or use fewer ruled lines (`[____ N]`)"),
                    );
                }
                if !c.numbered && job.sheet.is_none() {
                    out.diagnostics.push(
                        Diagnostic::warning(
                            Code::Write,
                            "the table of contents has no page numbers: the first rendering had no chapter destinations",
                        )
                        .at(&job.output),
                    );
                }
                out.written.push(c.written);
            }
            Err(e) => out.diagnostics.push(
                Diagnostic::error(
                    Code::Write,
                    format!("cannot print {}/{}: {e}", job.lang, job.name),
                )
                .at(&job.output)
                .help("run again with --chromium PATH to try another browser, or open the print page and print it from the browser"),
            ),
        }
    }
    if !file_links.is_empty() {
        let n = file_links.len();
        let list = crate::diagnostics::abbreviate(&file_links, 3);
        out.diagnostics.push(
            Diagnostic::warning(
                Code::NoBaseUrl,
                format!(
                    "links to other modules are plain text in {n} PDF file(s) ({list}): there is no base URL to point them to"
                ),
            )
            .at("site.yaml")
            .help("set `base_url: https://…/` in site.yaml, or pass --base-url, so that they open the website"),
        );
    }
    out
}

/// The documents the options ask for, in language and module order.
fn plan(site: &Site, opts: &PdfOptions, site_dir: &Path) -> Result<Vec<Job>, Diagnostic> {
    if let Some(lang) = &opts.lang {
        if site.tree(lang).is_none() {
            let codes: Vec<&str> = site.languages.iter().map(|l| l.code.as_str()).collect();
            let mut d = Diagnostic::error(
                Code::Config,
                format!("--lang {lang}: the site has no such language"),
            );
            d = d.help(match suggest(lang, codes.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? The languages are {}", codes.join(", ")),
                None => format!("the languages are {}", codes.join(", ")),
            });
            return Err(d);
        }
    }
    let mut jobs = Vec::new();
    let mut module_found = opts.module.is_none();
    for tree in &site.trees {
        if opts.lang.as_ref().is_some_and(|l| *l != tree.lang) {
            continue;
        }
        let dir = opts.output.join(&tree.lang);
        for (mi, m) in tree.modules.iter().enumerate() {
            if let Some(want) = &opts.module {
                if *want != m.dir && *want != m.slug {
                    continue;
                }
                module_found = true;
            }
            if m.slug == HANDBOOK {
                return Err(Diagnostic::error(
                    Code::DuplicateOutput,
                    format!(
                        "the PDF of module `{}` would overwrite the handbook's ({}/{HANDBOOK}.pdf)",
                        m.dir, tree.lang
                    ),
                )
                .at(format!("content/{}/{}/_index.md", tree.lang, m.dir))
                .help("give the module another `slug`"));
            }
            jobs.push(Job {
                lang: tree.lang.clone(),
                name: m.slug.clone(),
                html: site_dir.join(&tree.lang).join(&m.slug).join("print.html"),
                anchors: chapter_anchors(tree, Some(mi)),
                output: dir.join(format!("{}.pdf", m.slug)),
                sheet: None,
            });
        }
        jobs.extend(sheet_jobs(site, tree, opts, site_dir, &dir));
        if opts.module.is_none() {
            jobs.push(Job {
                lang: tree.lang.clone(),
                name: HANDBOOK.to_string(),
                html: site_dir.join(&tree.lang).join("print.html"),
                anchors: chapter_anchors(tree, None),
                output: dir.join(format!("{HANDBOOK}.pdf")),
                sheet: None,
            });
        }
    }
    if !module_found {
        let want = opts.module.as_deref().unwrap_or_default();
        let source = site.tree(&site.source_lang).or(site.trees.first());
        let names: Vec<&str> = source
            .map(|t| t.modules.iter().map(|m| m.dir.as_str()).collect())
            .unwrap_or_default();
        let mut d = Diagnostic::error(
            Code::Config,
            format!("--module {want}: the site has no such module"),
        );
        d = d.help(match suggest(want, names.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? The modules are {}", names.join(", ")),
            None => format!("the modules are {}", names.join(", ")),
        });
        return Err(d);
    }
    Ok(jobs)
}

/// The handouts and session run sheets of a tree (of `--module` only, when
/// given): `<lang>/handouts/<card>/<handout>.pdf`, `<lang>/<module>/<page>.pdf`.
fn sheet_jobs(
    site: &Site,
    tree: &crate::model::Tree,
    opts: &PdfOptions,
    site_dir: &Path,
    dir: &Path,
) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (mi, which) in sheets(site, tree) {
        let m = &tree.modules[mi];
        if let Some(want) = &opts.module {
            if *want != m.dir && *want != m.slug {
                continue;
            }
        }
        let (entry, html, output) = match which {
            SheetOf::Handout(h) => {
                let h = &m.handouts[h];
                let out = dir
                    .join("handouts")
                    .join(&h.card)
                    .join(format!("{}.pdf", h.name));
                (&h.entry, h.sheet.clone(), out)
            }
            SheetOf::Session(p) => {
                let e = &m.pages[p];
                let Some(html) = session_sheet(e) else {
                    continue;
                };
                let file = e
                    .output
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(".html");
                (e, html, dir.join(&m.slug).join(format!("{file}.pdf")))
            }
        };
        jobs.push(Job {
            lang: tree.lang.clone(),
            name: entry.rel.trim_end_matches(".md").to_string(),
            html: site_dir.join(&html),
            anchors: Vec::new(),
            output,
            sheet: Some(site.doc(entry.doc).path.clone()),
        });
    }
    jobs
}

/// How to run Chromium for every document.
struct Run<'a> {
    chromium: &'a Path,
    scratch: &'a Path,
    timeout: Duration,
    stop: &'a AtomicBool,
}

/// Prints one document (twice: to measure, then with page numbers in its
/// contents) and writes the PDF to its place.
fn convert(job: &Job, index: usize, run: &Run<'_>) -> Result<Converted, String> {
    let Run {
        chromium,
        scratch,
        timeout,
        stop,
    } = *run;
    let url = chromium::file_url(&job.html);
    let print = |query: &str, pass: usize| -> Result<Vec<u8>, String> {
        let output = scratch.join(format!("{index}-{pass}.pdf"));
        let full = if query.is_empty() {
            url.clone()
        } else {
            format!("{url}?{query}")
        };
        chromium::Print {
            chromium,
            url: &full,
            output: &output,
            scratch,
            timeout,
            stop,
        }
        .run()?;
        std::fs::read(&output).map_err(|e| format!("cannot read {}: {e}", output.display()))
    };

    // A sheet: once, as it is (links are printed as text).
    if job.sheet.is_some() {
        let bytes = print("", 1)?;
        let pdf =
            reader::Pdf::parse(&bytes).map_err(|e| format!("Chromium wrote a broken PDF: {e}"))?;
        let pages = pdf.pages().len();
        write_atomic(&job.output, &bytes)?;
        return Ok(Converted {
            written: Written {
                path: job.output.clone(),
                lang: job.lang.clone(),
                name: job.name.clone(),
                pages,
            },
            file_links: 0,
            numbered: true,
        });
    }
    // First rendering as the page is (so links out of the document are seen).
    let first = print("", 1)?;
    let file_links = reader::Pdf::parse(&first)
        .map_err(|e| format!("Chromium wrote a broken PDF: {e}"))?
        .link_uris()
        .iter()
        .filter(|u| u.starts_with("file:"))
        .count();
    let mut pages = chapter_pages(&first, &job.anchors)?;
    let numbered = !pages.is_empty();
    // Then with page numbers in the contents (their space is reserved, so
    // the chapters should not move; if they did, once more) and without
    // links that would not open from a PDF.
    let mut bytes = Vec::new();
    for pass in 2..=3 {
        bytes = print(&pdf_query(&pages), pass)?;
        let again = chapter_pages(&bytes, &job.anchors)?;
        if again == pages {
            break;
        }
        pages = again;
    }

    let pdf =
        reader::Pdf::parse(&bytes).map_err(|e| format!("Chromium wrote a broken PDF: {e}"))?;
    let page_count = pdf.pages().len();
    write_atomic(&job.output, &bytes)?;
    Ok(Converted {
        written: Written {
            path: job.output.clone(),
            lang: job.lang.clone(),
            name: job.name.clone(),
            pages: page_count,
        },
        file_links,
        numbered,
    })
}

/// The page each chapter starts on, in the order of `anchors` (empty when
/// the PDF has no destinations for them).
fn chapter_pages(bytes: &[u8], anchors: &[String]) -> Result<Vec<(String, usize)>, String> {
    let pdf = reader::Pdf::parse(bytes).map_err(|e| format!("Chromium wrote a broken PDF: {e}"))?;
    let dests = pdf.destinations();
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

pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    std::fs::write(&part, bytes).map_err(|e| format!("cannot write {}: {e}", part.display()))?;
    std::fs::rename(&part, path).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        format!("cannot write {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_query_encodes_anchors() {
        let q = pdf_query(&[("ch-index".into(), 3), ("ch-åb c".into(), 12)]);
        assert_eq!(q, "pdf&p=ch-index:3&p=ch-%C3%A5b%20c:12");
    }
}
