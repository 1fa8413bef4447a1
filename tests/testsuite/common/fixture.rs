//! Fixture sites in temporary folders (copied from `tests/fixtures/<name>/`
//! or written file by file) and running the `equil` binary on them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::Html;
use serde_json::Value;

/// A site in a temporary folder, removed when dropped.
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

    /// A copy of the fixture site `tests/fixtures/<name>/` (tests may
    /// change the copy and build into it).
    pub fn copy_of(name: &str) -> Fixture {
        let f = Fixture::empty();
        let src = crate::common::repo_path(&format!("tests/fixtures/{name}"));
        assert!(src.is_dir(), "no fixture {}", src.display());
        copy_tree(&src, f.root());
        f
    }

    /// `tests/fixtures/small`: a two-language site (en source, nl partly
    /// translated) with a module, a page with links, an image, a tip and a
    /// footnote, and a toolkit with a tool card.
    pub fn small() -> Fixture {
        Fixture::copy_of("small")
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file of the site (making its folders).
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

    /// `equil pdf --chromium <chromium> <args> --root <fixture>`.
    pub fn pdf(&self, chromium: impl AsRef<Path>, args: &[&str]) -> Output {
        let chromium = chromium.as_ref().to_str().expect("utf-8 path");
        let mut all = vec!["pdf", "--chromium", chromium];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `equil build --root <fixture>`; panics with the output when it fails.
    pub fn build_ok(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// `equil check --format json`: its exit code and its findings.
    pub fn check_json(&self) -> (i32, Vec<Value>) {
        let out = self.run(&["check", "--format", "json"]);
        (out.status.code().unwrap_or(-1), findings_json(&out))
    }

    /// Parses an output HTML file under `public/`.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(&format!("public/{rel}")))
    }
}

/// Runs the equil binary with `args`.
pub fn equil(args: &[&str]) -> Output {
    equil_command().args(args).output().expect("run equil")
}

/// Runs equil in `dir` (for paths relative to the working directory).
pub fn equil_in(dir: &Path, args: &[&str]) -> Output {
    equil_command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run equil")
}

/// The equil binary, without colours, ready for arguments.
pub fn equil_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_equil"));
    cmd.env("NO_COLOR", "1");
    cmd
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The findings of a `--format json` report on stdout.
pub fn findings_json(out: &Output) -> Vec<Value> {
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// Copies every file under `from` into `to` (making folders as needed).
pub fn copy_tree(from: &Path, to: &Path) {
    for rel in files_under(from) {
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        std::fs::copy(from.join(&rel), &dest).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }
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

/// Runs `git` in `dir` with commits dated `date` (author and committer),
/// isolated from the user's configuration.
pub fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Trainer",
            "-c",
            "user.email=trainer@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("the `git` program (tests need it to make repositories)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
