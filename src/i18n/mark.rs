//! `equil i18n mark-current`: records in translations' front matter which
//! version of the source page they match (`source_hash`), changing nothing
//! else in the files.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::{self, Content, Doc, CONTENT_DIR};
use crate::load::{config, frontmatter};
use crate::write::atomic;

/// Which translations to mark.
#[derive(Debug, Clone)]
pub enum Targets {
    /// Files (or folders of files), relative to the working directory or
    /// to the site root.
    Paths(Vec<PathBuf>),
    /// Every translation of a language.
    Lang(String),
}

/// Options of [`mark_current`].
#[derive(Debug, Clone)]
pub struct MarkOptions {
    pub root: PathBuf,
    /// The working directory, for relative paths.
    pub cwd: PathBuf,
    pub targets: Targets,
}

/// What was done, as paths relative to the site root.
#[derive(Debug, Default, Clone)]
pub struct Marked {
    /// Files whose `source_hash` was written.
    pub changed: Vec<PathBuf>,
    /// Files that already had the current hash.
    pub unchanged: Vec<PathBuf>,
}

/// Writes the current source hash into each target translation. Every file
/// that cannot be marked (not a translation, no source page, unreadable
/// front matter) is an error in `diags`; the others are still marked.
pub fn mark_current(opts: &MarkOptions, diags: &mut Vec<Diagnostic>) -> Marked {
    let mut marked = Marked::default();
    let config = match config::load(&opts.root) {
        Ok(c) => c,
        Err(e) => {
            diags.extend(e);
            return marked;
        }
    };
    let source_lang = config.source_language.as_str();
    let mut load_diags = Vec::new();
    let content = content::load(&opts.root, &mut load_diags);
    if content.languages.is_empty() {
        diags.extend(load_diags);
        return marked;
    }
    // (lang, rel) of every file to mark.
    let mut wanted = match &opts.targets {
        Targets::Lang(lang) => match of_language(lang, source_lang, &content, load_diags, diags) {
            Some(w) => w,
            None => return marked,
        },
        Targets::Paths(paths) => of_paths(opts, paths, source_lang, &content, diags),
    };
    wanted.sort();
    wanted.dedup();
    let site = Pages {
        root: &opts.root,
        source_lang,
        by_key: content
            .docs
            .iter()
            .map(|d| ((d.lang.as_str(), d.rel.as_str()), d))
            .collect(),
    };
    let whole_language = matches!(opts.targets, Targets::Lang(_));
    for (lang, rel) in wanted {
        let Some((doc, source)) = site.pair(&lang, &rel, diags) else {
            continue;
        };
        if doc.fm.localised || source.fm.localised {
            // Written for its country: it is never outdated, so it needs no
            // hash. Said for files and folders named, not for a whole language.
            if !whole_language {
                diags.push(localised_warning(&doc.path));
            }
            continue;
        }
        match write_hash(&opts.root, &doc.path, &source.hash) {
            Ok(true) => marked.changed.push(doc.path.clone()),
            Ok(false) => marked.unchanged.push(doc.path.clone()),
            Err(d) => diags.push(d),
        }
    }
    marked
}

/// Every translation of `lang` as (lang, rel); the errors of its files that
/// could not be read go to `diags`. `None` when the language cannot be marked.
fn of_language(
    lang: &str,
    source_lang: &str,
    content: &Content,
    load_diags: Vec<Diagnostic>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, String)>> {
    let lang = &crate::load::canonical_tag(lang).unwrap_or_else(|| lang.to_string());
    if lang == source_lang {
        diags.push(source_language_error(lang, &format!("content/{lang}")));
        return None;
    }
    if !content.languages.contains(lang) {
        diags.push(
            Diagnostic::error(
                Code::Layout,
                format!("there is no content/{lang}/ folder to mark"),
            )
            .at(format!("{CONTENT_DIR}/{lang}"))
            .help(format!(
                "languages with content: {}",
                content.languages.join(", ")
            )),
        );
        return None;
    }
    let prefix = content
        .docs
        .iter()
        .find(|d| d.lang == *lang)
        .and_then(|d| d.path.components().nth(1))
        .map(|c| Path::new(CONTENT_DIR).join(c))
        .unwrap_or_else(|| Path::new(CONTENT_DIR).join(lang));
    // Files of the language that could not be read cannot be marked.
    diags.extend(
        load_diags
            .into_iter()
            .filter(|d| d.is_error())
            .filter(|d| d.path.as_deref().is_some_and(|p| p.starts_with(&prefix))),
    );
    Some(
        content
            .docs
            .iter()
            .filter(|d| d.lang == *lang)
            .map(|d| (d.lang.clone(), d.rel.clone()))
            .collect(),
    )
}

/// The translations named by files and folders, as (lang, rel).
fn of_paths(
    opts: &MarkOptions,
    paths: &[PathBuf],
    source_lang: &str,
    content: &Content,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut wanted = Vec::new();
    for p in paths {
        match locate(opts, p, source_lang) {
            Ok((lang, rel, true)) => {
                let before = wanted.len();
                wanted.extend(
                    content
                        .docs
                        .iter()
                        .filter(|d| d.lang == lang && under(&d.rel, &rel))
                        .map(|d| (d.lang.clone(), d.rel.clone())),
                );
                if wanted.len() == before {
                    diags.push(
                        Diagnostic::error(Code::Layout, "this folder holds no translated pages")
                            .at(shown(&lang, &rel)),
                    );
                }
            }
            Ok((lang, rel, false)) => wanted.push((lang, rel)),
            Err(d) => diags.push(d),
        }
    }
    wanted
}

/// The pages of the site by (lang, rel).
struct Pages<'a> {
    root: &'a Path,
    source_lang: &'a str,
    by_key: HashMap<(&'a str, &'a str), &'a Doc>,
}

impl<'a> Pages<'a> {
    /// The translation `lang`/`rel` and its source page; `None`, with the
    /// reason in `diags`, when either is not a page that loaded.
    fn pair(
        &self,
        lang: &str,
        rel: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(&'a Doc, &'a Doc)> {
        let path = shown(lang, rel);
        let Some(doc) = self.by_key.get(&(lang, rel)) else {
            // The file exists but did not load: say why.
            let abs = self.root.join(&path);
            match content::parse_file(lang.to_string(), rel.to_string(), path.clone(), &abs) {
                Err(why) => diags.extend(why),
                Ok(_) => diags.push(
                    Diagnostic::error(Code::Layout, "this file is not a page of the site")
                        .at(&path)
                        .help("pages are content/<lang>/_index.md, content/<lang>/<page>.md and content/<lang>/<module>/<page>.md"),
                ),
            }
            return None;
        };
        let Some(source) = self.by_key.get(&(self.source_lang, rel)) else {
            diags.push(self.no_source(rel, &path));
            return None;
        };
        Some((doc, source))
    }

    /// Why the translation at `path` has no source page to match.
    fn no_source(&self, rel: &str, path: &Path) -> Diagnostic {
        let source_lang = self.source_lang;
        let source_path = shown(source_lang, rel);
        if self.root.join(&source_path).is_file() {
            return Diagnostic::error(
                Code::Layout,
                format!(
                    "cannot mark this translation: its source page {} has errors",
                    source_path.display()
                ),
            )
            .at(path)
            .help("`equil check` shows them; fix the source page first");
        }
        Diagnostic::error(
            Code::OrphanTranslation,
            format!(
                "this translation has no source page: content/{source_lang}/{rel} does not exist"
            ),
        )
        .at(path)
        .help("rename the file to match its source page, or write the source page first")
    }
}

fn localised_warning(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        Code::Layout,
        "this page is written for its country (`localised: true`), not translated; it needs no `source_hash` and is left as it is",
    )
    .at(path)
    .help("remove `localised: true` if it is a translation of the source page")
}

/// Sets `source_hash` in the file at `root/path`. `Ok(false)` when it was
/// already there with this value. The file is replaced atomically, and only
/// when the result reads back with the same front matter but the new hash.
fn write_hash(root: &Path, path: &Path, hash: &str) -> Result<bool, Diagnostic> {
    let abs = root.join(path);
    let is_link = std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        return Err(Diagnostic::error(
            Code::UnsafeEdit,
            "this page is a symbolic link: marking it would write into the file it points to",
        )
        .at(path)
        .help("replace the link with a copy of the page (a translation is a file of its own), then mark it"));
    }
    let text = std::fs::read_to_string(&abs)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read: {e}")).at(path))?;
    let new = with_source_hash(&text, hash, path)?;
    if new == text {
        return Ok(false);
    }
    atomic::replace(&abs, new.as_bytes())
        .map_err(|e| Diagnostic::error(Code::Write, format!("cannot write: {e}")).at(path))?;
    Ok(true)
}

/// `text` with its `source_hash` set to `hash` and every other byte kept.
/// Front matter written in a form that a line edit could break is refused
/// with the line to look at, and the result is read back to be sure.
pub fn with_source_hash(text: &str, hash: &str, path: &Path) -> Result<String, Diagnostic> {
    let split = frontmatter::split(text, path)?;
    if let Some((line, what)) = unsafe_form(split.yaml) {
        return Err(Diagnostic::error(
            Code::UnsafeEdit,
            format!("equil cannot add `source_hash` to this front matter safely: {what}"),
        )
        .at(path)
        .pos(split.yaml_line + line, 1)
        .help("write the front matter as plain `key: value` lines starting at the left edge, then mark the page again; the file was not changed"));
    }
    let new = frontmatter::set_key(text, "source_hash", &format!("\"{hash}\""), path)?;
    let read_back = frontmatter::split(&new, path).ok().and_then(|s| {
        let before = yaml_map(split.yaml)?;
        let after = yaml_map(s.yaml)?;
        Some((before, after, s.body == split.body))
    });
    let key = serde_yaml::Value::from("source_hash");
    let ok = read_back.is_some_and(|(mut before, mut after, same_body)| {
        let written = after.remove(&key);
        before.remove(&key);
        same_body && before == after && written == Some(serde_yaml::Value::from(hash))
    });
    if !ok {
        return Err(Diagnostic::error(
            Code::UnsafeEdit,
            "equil cannot add `source_hash` to this front matter safely: the edited file would not read back the same",
        )
        .at(path)
        .pos(split.yaml_line, 1)
        .help("write the front matter as plain `key: value` lines, then mark the page again; the file was not changed"));
    }
    Ok(new)
}

/// The front matter as a YAML mapping (an empty block is an empty mapping).
fn yaml_map(yaml: &str) -> Option<serde_yaml::Mapping> {
    if yaml.trim().is_empty() {
        return Some(serde_yaml::Mapping::new());
    }
    match serde_yaml::from_str(yaml).ok()? {
        serde_yaml::Value::Mapping(m) => Some(m),
        _ => None,
    }
}

/// The first line (0-based in the block) written in a form that a line
/// edit of a top-level key cannot handle, and what it is.
fn unsafe_form(yaml: &str) -> Option<(usize, &'static str)> {
    let mut seen_key = false;
    for (i, line) in yaml.lines().enumerate() {
        let t = line.trim_end();
        let content = t.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if t == "..." {
            return Some((
                i,
                "it has a `...` line (end of document) inside the front matter",
            ));
        }
        if !seen_key && (content.starts_with('{') || content.starts_with('[')) {
            return Some((i, "it is written in flow style (`{ ... }`)"));
        }
        if !seen_key && t.starts_with([' ', '\t']) {
            return Some((i, "its keys are indented"));
        }
        if content.starts_with("? ") || content == "?" {
            return Some((i, "it uses a complex key (`? key`)"));
        }
        if !t.starts_with([' ', '\t', '-']) {
            if let Some((key, value)) = t.split_once(':') {
                let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
                let value = value.trim_start();
                if key == "source_hash" && (value.starts_with('&') || value.starts_with('*')) {
                    return Some((i, "`source_hash` is written with a YAML anchor or alias"));
                }
                if key == "<<" {
                    return Some((i, "it merges keys from elsewhere (`<<:`)"));
                }
            }
        }
        seen_key = true;
    }
    None
}

fn shown(lang: &str, rel: &str) -> PathBuf {
    let mut p = Path::new(CONTENT_DIR).join(lang);
    if !rel.is_empty() {
        p = p.join(rel);
    }
    p
}

pub(crate) fn under(rel: &str, dir: &str) -> bool {
    dir.is_empty() || rel.starts_with(&format!("{dir}/"))
}

fn source_language_error(lang: &str, path: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Layout,
        format!("`{lang}` is the source language: its pages are not translations"),
    )
    .at(path)
    .help("mark a translation, e.g. `equil i18n mark-current content/nl/<module>/<page>.md`, or `--lang nl`")
}

/// Finds the language and path inside the language tree of a path given on
/// the command line (relative to the working directory or to the site root).
/// The flag says whether it is a folder.
pub(crate) fn locate(
    opts: &MarkOptions,
    given: &Path,
    source_lang: &str,
) -> Result<(String, String, bool), Diagnostic> {
    let candidates: Vec<PathBuf> = if given.is_absolute() {
        vec![given.to_path_buf()]
    } else {
        vec![opts.cwd.join(given), opts.root.join(given)]
    };
    // A path that exists both from here and from the root: take the one in the site.
    let content_abs = opts.root.join(CONTENT_DIR).canonicalize().ok();
    let in_site = |p: &&PathBuf| {
        let abs = p.canonicalize().ok();
        matches!((&abs, &content_abs), (Some(a), Some(c)) if a.starts_with(c))
    };
    let found = candidates
        .iter()
        .find(in_site)
        .or_else(|| candidates.iter().find(|p| p.exists()));
    let Some(found) = found else {
        return Err(Diagnostic::error(Code::Io, "no such file")
            .at(given)
            .help(format!(
                "give the path from here or from the site folder ({}), e.g. content/nl/<module>/<page>.md",
                opts.root.display()
            )));
    };
    let not_translation = || {
        Diagnostic::error(
            Code::Layout,
            "not a translation: translations are the files under content/<lang>/",
        )
        .at(given)
        .help(format!(
            "give a page under {}",
            opts.root.join(CONTENT_DIR).join("<lang>").display()
        ))
    };
    let content_dir = opts
        .root
        .join(CONTENT_DIR)
        .canonicalize()
        .map_err(|_| not_translation())?;
    let abs = found.canonicalize().map_err(|_| not_translation())?;
    let inside = abs
        .strip_prefix(&content_dir)
        .map_err(|_| not_translation())?;
    let parts: Vec<String> = inside
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some((lang, rest)) = parts.split_first() else {
        return Err(not_translation());
    };
    if lang == source_lang {
        return Err(source_language_error(lang, &given.display().to_string()));
    }
    let rel = rest.join("/");
    if abs.is_dir() {
        return Ok((lang.clone(), rel, true));
    }
    if !rel.ends_with(".md") {
        return Err(Diagnostic::error(
            Code::Layout,
            "not a page: only Markdown pages (.md) have a source_hash",
        )
        .at(given));
    }
    Ok((lang.clone(), rel, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(text: &str) -> Result<String, Diagnostic> {
        with_source_hash(text, "abc", Path::new("content/nl/m/p.md"))
    }

    #[test]
    fn only_the_source_hash_line_changes() {
        let text = "---\r\ntitle: \"T\"\r\norder: 2\r\n---\r\nBody\r\n";
        let out = mark(text).unwrap();
        assert_eq!(
            out,
            "---\r\ntitle: \"T\"\r\norder: 2\r\nsource_hash: \"abc\"\r\n---\r\nBody\r\n"
        );
        let again = "---\ntitle: T\nsource_hash: \"old\"\nsummary: S\n---\nB";
        assert_eq!(
            mark(again).unwrap(),
            "---\ntitle: T\nsource_hash: \"abc\"\nsummary: S\n---\nB"
        );
    }

    #[test]
    fn forms_that_cannot_be_edited_safely_are_refused_with_their_line() {
        for (text, line, words) in [
            ("---\n{title: T}\n---\n", 2, "flow style"),
            ("---\n  title: T\n  order: 1\n---\n", 2, "indented"),
            ("---\ntitle: T\n...\n---\n", 3, "`...`"),
            ("---\ntitle: T\n? source_hash\n: x\n---\n", 3, "complex key"),
            (
                "---\ntitle: T\nsource_hash: &h x\nsummary: *h\n---\n",
                3,
                "anchor",
            ),
        ] {
            let e = mark(text).unwrap_err();
            assert_eq!(e.code, Code::UnsafeEdit, "{text}");
            assert_eq!(e.line, Some(line), "{text}");
            assert!(e.message.contains(words), "{}", e.message);
        }
    }

    #[test]
    fn a_result_that_reads_back_differently_is_refused() {
        // A multi-line plain scalar continued at the left edge: the appended
        // line would become part of it.
        let text = "---\ntitle: T\nsummary: >-\n  folded\n---\n";
        assert!(mark(text).is_ok());
        let broken = "---\ntitle: \"T\n---\n";
        assert!(mark(broken).is_err());
    }
}
