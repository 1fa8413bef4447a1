//! Shared helpers for integration tests: small fixture sites in temporary
//! folders, the `equil` binary, HTML parsing and headless Chromium.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use scraper::{Html, Selector};

/// A site in a temporary folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// An empty site.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A small two-language site (en source, nl partly translated) with a
    /// module, a page with links and an admonition, and a toolkit with a tool card.
    pub fn small() -> Fixture {
        let f = Fixture::empty();
        f.write(
            "site.yaml",
            "languages: [en, nl]\nsource_language: en\nbase_url: https://example.org/equil/\n",
        );
        f.write("content/en/_index.md", "---\ntitle: Handbook\nsummary: The **test** handbook.\n---\nWelcome. See [the module](intro/_index.md).\n");
        f.write(
            "content/en/intro/_index.md",
            "---\ntitle: Introduction\nkind: module\norder: 1\nduration: 90\nobjectives:\n  - Know the basics\naudience: [Job coaches]\n---\nThe module overview.\n",
        );
        f.write(
            "content/en/intro/first.md",
            "---\ntitle: First page\norder: 1\nduration: 45\n---\n## Getting started\n\nRead [the second page](second.md#details) and [the tool](../toolkit/line-up.md).\n\n![A diagram](diagram.svg)\n\n> [!TIP]\n> **Exercise:** try it.\n\nA note.[^1]\n\n[^1]: The footnote.\n",
        );
        f.write(
            "content/en/intro/second.md",
            "---\ntitle: Second page\norder: 2\n---\n## Details\n\nBack to [the first page](first.md).\n",
        );
        f.write(
            "content/en/intro/diagram.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>\n",
        );
        f.write(
            "content/en/toolkit/_index.md",
            "---\ntitle: Toolkit\nkind: toolkit\norder: 2\n---\nTools for working together.\n",
        );
        f.write(
            "content/en/toolkit/line-up.md",
            "---\ntitle: Line-up\nkind: tool\norder: 1\nduration: 30\ngroup_size: \"6-12\"\nmaterials:\n  - Tape\n  - Cards\n---\n## Purpose\n\nSee where people stand.\n\n## Steps\n\n1. Make a line.\n2. Read a statement.\n",
        );
        f.write(
            "content/nl/_index.md",
            "---\ntitle: Handboek\n---\nWelkom. Zie [de module](intro/_index.md).\n",
        );
        f.write(
            "content/nl/intro/_index.md",
            "---\ntitle: Inleiding\nkind: module\n---\nHet overzicht.\n",
        );
        f.write(
            "content/nl/intro/first.md",
            "---\ntitle: Eerste pagina\n---\n## Aan de slag\n\nLees [de tweede pagina](second.md) en [het werkvormkaart](../toolkit/line-up.md).\n\n![Een schema](diagram.svg)\n",
        );
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Runs `equil ARGS --root <fixture>` (for commands that take --root).
    pub fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().expect("utf-8 path").to_string();
        all.push("--root");
        all.push(&root);
        equil(&all)
    }

    /// `equil build --root <fixture>`; panics with the output when it fails.
    pub fn build_ok(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// Parses an output HTML file under `public/`.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(&format!("public/{rel}")))
    }
}

/// Runs the equil binary with `args`.
pub fn equil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_equil"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run equil")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// All values of `attr` on elements matching `selector`.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Text of the first element matching `selector`.
pub fn text(doc: &Html, selector: &str) -> Option<String> {
    doc.select(&sel(selector))
        .next()
        .map(|e| e.text().collect::<String>())
}

/// Every file under `dir` with its bytes, sorted by path (to compare outputs).
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
            (p, bytes)
        })
        .collect()
}

/// Every file under `dir`, relative, with `/` separators, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

/// The headless Chromium to use. Its absence fails the test (tests that need
/// it are ignored unless run with `--include-ignored`). Always `Some`: the
/// `Option` keeps the callers' `let Some(..) = chromium() else` form.
pub fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("which").arg(name).output() {
            if out.status.success() {
                let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
                if !p.is_empty() {
                    return Some(PathBuf::from(p));
                }
            }
        }
    }
    // Tests that call this are `#[ignore = "needs Chromium …"]`: they run
    // only when asked (`--include-ignored`), and then a missing browser is a
    // failure, never a silent pass.
    panic!("this test needs Chromium: apt-get install -y chromium (see .ci/run)");
}

/// Chromium's flags for headless use here, with a fresh profile folder.
pub fn chromium_args(profile: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        format!("--user-data-dir={}", profile.display()),
    ]
}

/// Decodes every QR code on page `page` (1-based) of a PDF: pdftoppm at
/// 200 dpi, then zbarimg. Panics when either tool is missing (callers are
/// `#[ignore = "needs …"]`).
pub fn qr_codes(pdf: &Path, page: usize, dir: &Path) -> Vec<String> {
    let p = page.to_string();
    let prefix = dir.join(format!("page{page}"));
    let out = Command::new("pdftoppm")
        .args(["-f", &p, "-l", &p, "-r", "200", "-png", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftoppm: {}", stderr(&out));
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(prefix.with_extension("png"))
        .output()
        .expect("zbarimg (apt-get install zbar-tools)");
    stdout(&out)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
