//! Walks `content/<lang>/` and parses every Markdown file's front matter.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::frontmatter::{self, FrontMatter};
use crate::diagnostics::{Code, Diagnostic};

pub const CONTENT_DIR: &str = "content";

/// The glossary's file name in a language folder (read by [`super::glossary`]).
pub const GLOSSARY_FILE: &str = "glossary.yaml";

/// One Markdown file of one language, parsed.
#[derive(Debug, Clone)]
pub struct Doc {
    pub lang: String,
    /// Path inside the language tree with `/` separators: `_index.md`,
    /// `employment-models/_index.md`, `employment-models/ips.md`. A page's
    /// translations share it.
    pub rel: String,
    /// Path relative to the site root, for diagnostics.
    pub path: PathBuf,
    pub fm: FrontMatter,
    /// The Markdown after the front matter, shared with the parsed page
    /// (whose text events point into it rather than copy it).
    pub body: std::sync::Arc<str>,
    /// File line of the body's first line.
    pub body_line: usize,
    /// Hash of the title and body: which version of a source page this is.
    pub hash: String,
    /// Hash of the whole file text (front matter and body), to tell cheaply
    /// whether a file changed (`equil serve`). Not written anywhere.
    pub text_hash: u64,
    /// Hash of the front matter's text alone: while it stays the same, a
    /// change to the file changed only the body (`equil serve`'s fast path).
    pub fm_hash: u64,
}

/// A non-Markdown file beside the pages (image, PDF, ...), copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub lang: String,
    pub rel: String,
    pub source: PathBuf,
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Language folders found, sorted.
    pub languages: Vec<String>,
    pub docs: Vec<Doc>,
    pub assets: Vec<Asset>,
}

/// A Markdown file found under `content/`, not read yet.
#[derive(Debug, Clone)]
pub struct PageFile {
    pub lang: String,
    /// Path inside the language tree (see [`Doc::rel`]).
    pub rel: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Full path, to read it.
    pub abs: PathBuf,
}

/// What a walk of `content/` found, before any Markdown file is read.
#[derive(Debug, Default)]
pub struct Scan {
    /// Language folders found, sorted.
    pub languages: Vec<String>,
    pub pages: Vec<PageFile>,
    pub assets: Vec<Asset>,
}

/// Loads the content tree of the site at `root`; problems go to `diags`.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Content {
    let scan = scan(root, diags);
    let parsed: Vec<Result<Doc, Vec<Diagnostic>>> = scan
        .pages
        .into_par_iter()
        .map(|f| parse_file(f.lang, f.rel, f.path, &f.abs))
        .collect();
    let mut content = Content {
        languages: scan.languages,
        docs: Vec::new(),
        assets: scan.assets,
    };
    for p in parsed {
        match p {
            Ok(doc) => content.docs.push(doc),
            Err(errs) => diags.extend(errs),
        }
    }
    content
}

/// Walks `content/<lang>/` and lists its Markdown files and assets, in a
/// stable order, without reading them. Layout problems go to `diags`.
pub fn scan(root: &Path, diags: &mut Vec<Diagnostic>) -> Scan {
    let content_root = root.join(CONTENT_DIR);
    let mut content = Scan::default();
    let Ok(entries) = std::fs::read_dir(&content_root) else {
        diags.push(
            Diagnostic::error(Code::Layout, "no `content/` folder")
                .at(CONTENT_DIR)
                .help("create content/en/_index.md, or run `equil init DIR` for a new site"),
        );
        return content;
    };
    let mut lang_dirs: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    lang_dirs.sort();

    let walk = Walk {
        root,
        canonical_root: content_root.canonicalize().unwrap_or(content_root.clone()),
    };
    for (folder, dir) in lang_dirs {
        let lang = match super::check_language_tag(&folder, &Path::new(CONTENT_DIR).join(&folder)) {
            Ok(tag) => tag,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if content.languages.contains(&lang) {
            diags.push(super::same_language_twice(CONTENT_DIR, &folder, &lang));
            continue;
        }
        content.languages.push(lang.clone());
        walk.language(&lang, &dir, &mut content, diags);
    }
    content
}

/// Where the walk of `content/` happens.
struct Walk<'a> {
    root: &'a Path,
    /// `content/`, with symbolic links resolved.
    canonical_root: PathBuf,
}

impl Walk<'_> {
    /// Lists the pages and assets of the language folder `dir`.
    fn language(&self, lang: &str, dir: &Path, content: &mut Scan, diags: &mut Vec<Diagnostic>) {
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or("")))
        {
            match entry {
                Ok(e) if self.readable(&e, diags) => self.add(lang, dir, e, content, diags),
                Ok(_) => {}
                Err(e) => diags.push(
                    Diagnostic::error(Code::Io, format!("cannot read: {e}")).at(e
                        .path()
                        .and_then(|p| p.strip_prefix(self.root).ok())
                        .unwrap_or(Path::new(CONTENT_DIR))),
                ),
            }
        }
    }

    /// Whether `entry` is a file to list: not a folder, and not a symbolic
    /// link out of `content/` or to a folder (those are reported).
    fn readable(&self, entry: &walkdir::DirEntry, diags: &mut Vec<Diagnostic>) -> bool {
        if !entry.path_is_symlink() {
            return entry.file_type().is_file();
        }
        let rel_to_root = entry.path().strip_prefix(self.root).unwrap_or(entry.path());
        let inside = entry
            .path()
            .canonicalize()
            .map(|t| t.starts_with(&self.canonical_root))
            .unwrap_or(false);
        if !inside {
            diags.push(
                Diagnostic::error(
                    Code::UnsafePath,
                    "symbolic link points outside `content/`; it is not read",
                )
                .at(rel_to_root)
                .help("copy the file into the content tree instead of linking to it"),
            );
            return false;
        }
        if entry.path().is_dir() {
            diags.push(
                Diagnostic::warning(Code::Layout, "symbolic link to a folder is not followed")
                    .at(rel_to_root),
            );
            return false;
        }
        true
    }

    /// Lists one file of the language folder `dir` as a page or an asset.
    fn add(
        &self,
        lang: &str,
        dir: &Path,
        entry: walkdir::DirEntry,
        content: &mut Scan,
        diags: &mut Vec<Diagnostic>,
    ) {
        let rel_to_root = entry
            .path()
            .strip_prefix(self.root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let rel = super::slash_path(entry.path(), dir);
        let depth = rel.matches('/').count();
        if rel.ends_with(".md") {
            // `<module>/<page>/<handout>.md`: a handout of that page.
            if depth > 2 {
                diags.push(
                    Diagnostic::warning(
                        Code::Layout,
                        "pages in sub-folders of a module are not part of the layout; it is skipped",
                    )
                    .at(rel_to_root)
                    .help("put pages directly in the module folder (content/<lang>/<module>/<page>.md), and handouts in their page's folder (content/<lang>/<module>/<page>/<handout>.md)"),
                );
                return;
            }
            content.pages.push(PageFile {
                lang: lang.to_string(),
                rel,
                path: rel_to_root,
                abs: entry.into_path(),
            });
        } else if depth == 0 && rel == GLOSSARY_FILE {
            // Read by `load::glossary`, not copied.
        } else {
            content.assets.push(Asset {
                lang: lang.to_string(),
                rel,
                source: entry.into_path(),
            });
        }
    }
}

/// Whether a file or folder name is skipped under `content/` (hidden files,
/// editor backups and swap files).
pub fn is_hidden(name: &str) -> bool {
    (name.starts_with('.') && name.len() > 1 && name != "..")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

/// Reads and parses one Markdown file.
pub fn parse_file(
    lang: String,
    rel: String,
    path: PathBuf,
    abs: &Path,
) -> Result<Doc, Vec<Diagnostic>> {
    let bytes = std::fs::read(abs)
        .map_err(|e| vec![Diagnostic::error(Code::Io, format!("cannot read: {e}")).at(&path)])?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let (line, col) = crate::diagnostics::line_col(
                std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or(""),
                valid,
            );
            return Err(vec![Diagnostic::error(Code::Io, "file is not valid UTF-8")
                .at(&path)
                .pos(line, col)
                .help("save the file as UTF-8 in your editor")]);
        }
    };
    parse_text(lang, rel, path, &text)
}

/// Parses a page's text (front matter and body).
pub fn parse_text(
    lang: String,
    rel: String,
    path: PathBuf,
    text: &str,
) -> Result<Doc, Vec<Diagnostic>> {
    let split = frontmatter::split(text, &path).map_err(|d| vec![d])?;
    let fm = frontmatter::parse(&split, &path)?;
    let hash = source_hash(&fm.title, split.body);
    let hash_of = |t: &str| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        t.hash(&mut h);
        h.finish()
    };
    Ok(Doc {
        text_hash: hash_of(text),
        fm_hash: hash_of(&text[..text.len() - split.body.len()]),
        lang,
        rel,
        body: split.body.into(),
        body_line: split.body_line,
        path,
        fm,
        hash,
    })
}

/// The version hash of a page: its title and body, insensitive to trailing
/// white space on lines and at the end.
pub fn source_hash(title: &str, body: &str) -> String {
    let mut h = Sha256::new();
    h.update(title.trim().as_bytes());
    h.update(b"\n");
    for line in body.trim_end().lines() {
        h.update(line.trim_end().as_bytes());
        h.update(b"\n");
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_trailing_white_space_only() {
        let a = source_hash("T", "one\ntwo\n");
        assert_eq!(a, source_hash("T ", "one  \ntwo\n\n\n"));
        assert_ne!(a, source_hash("T", "one\ntwo!\n"));
        assert_ne!(a, source_hash("U", "one\ntwo\n"));
        assert_eq!(a.len(), 16);
    }
}
