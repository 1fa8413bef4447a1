//! `equil init`: a new, working handbook site with an example module in each
//! chosen language, the built-in interface strings of those languages, and a
//! publishing workflow. The theme stays built in (a site's own `themes/`
//! folder overrides it file by file).

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::{config, content, frontmatter, locales};
use crate::write::atomic::NewFiles;

/// The example handbook, per language.
static SKELETON: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/skeleton");

/// The publishing workflow a new site gets (the same one this repository uses).
const PUBLISH_WORKFLOW: &str = include_str!("../.github/workflows/publish.yml");

/// Options of `equil init`.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    /// The site's languages; the first is the source language.
    pub languages: Vec<String>,
    pub title: String,
    pub base_url: Option<String>,
}

/// Languages `init` has an example handbook and interface strings for.
pub fn available_languages() -> Vec<String> {
    let mut v: Vec<String> = SKELETON
        .dirs()
        .map(|d| d.path().to_string_lossy().into_owned())
        .filter(|l| locales::BUILTIN.get_dir(l.as_str()).is_some())
        .collect();
    v.sort();
    v
}

/// Creates the site. Returns the files written (relative to the site folder).
pub fn init(opts: &InitOptions) -> Result<Vec<String>, Diagnostic> {
    check_languages(&opts.languages)?;
    check_empty(&opts.dir)?;
    if let Some(url) = &opts.base_url {
        check_base_url(url)?;
    }
    let mut files: Vec<(String, String)> = Vec::new();
    files.push(("site.yaml".into(), site_yaml(opts)?));
    files.push((".gitignore".into(), "public/\npdf/\n".into()));
    files.push((
        ".github/workflows/publish.yml".into(),
        PUBLISH_WORKFLOW.to_string(),
    ));
    let source = &opts.languages[0];
    for lang in &opts.languages {
        files.extend(example_pages(lang, source)?);
        files.extend(interface_strings(lang));
    }
    write_new(&opts.dir, &files)?;
    Ok(files.into_iter().map(|(r, _)| r).collect())
}

/// Checks `--languages`: at least one, each with a built-in example, none twice.
fn check_languages(languages: &[String]) -> Result<(), Diagnostic> {
    let available = available_languages();
    if languages.is_empty() {
        return Err(
            Diagnostic::error(Code::Config, "no languages given").help("e.g. --languages en,nl")
        );
    }
    for (i, lang) in languages.iter().enumerate() {
        crate::load::check_language_tag(lang, Path::new("--languages"))?;
        if !available.contains(lang) {
            return Err(Diagnostic::error(
                Code::BadLanguage,
                format!("`{lang}` has no built-in example and interface strings"),
            )
            .help(format!(
                "start with the built-in languages ({}), then add `{lang}` with `equil i18n add {lang}`",
                available.join(", ")
            )));
        }
        if languages[..i].contains(lang) {
            return Err(Diagnostic::error(
                Code::Config,
                format!("`{lang}` is listed twice"),
            ));
        }
    }
    Ok(())
}

/// The new site's folder must not exist, or be empty.
fn check_empty(dir: &Path) -> Result<(), Diagnostic> {
    let empty = std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if dir.exists() && !empty {
        return Err(Diagnostic::error(
            Code::Io,
            format!("{} exists and is not empty", dir.display()),
        )
        .help("choose a new folder name; equil init never overwrites files"));
    }
    Ok(())
}

/// The example handbook in `lang` (path, text); translations record which
/// version of the source they match.
fn example_pages(lang: &str, source: &str) -> Result<Vec<(String, String)>, Diagnostic> {
    let example = |l: &str| {
        SKELETON
            .get_dir(l)
            .ok_or_else(|| Diagnostic::error(Code::Io, format!("no example for `{l}`")))
    };
    let source_dir = example(source)?;
    let mut files = Vec::new();
    for file in all_files(example(lang)?) {
        let rel = file
            .path()
            .strip_prefix(lang)
            .unwrap_or(file.path())
            .to_string_lossy()
            .replace('\\', "/");
        let text = file.contents_utf8().unwrap_or_default().to_string();
        let text = if lang == source {
            text
        } else {
            let src = source_dir
                .get_file(Path::new(source).join(&rel))
                .and_then(|f| f.contents_utf8())
                .unwrap_or_default();
            mark_translation(&text, src)
        };
        files.push((format!("content/{lang}/{rel}"), text));
    }
    Ok(files)
}

/// The built-in interface strings of `lang` (path, text).
fn interface_strings(lang: &str) -> Vec<(String, String)> {
    let Some(dir) = locales::BUILTIN.get_dir(lang) else {
        return Vec::new();
    };
    dir.files()
        .map(|f| {
            let name = f.path().file_name().unwrap_or_default().to_string_lossy();
            (
                format!("locales/{lang}/{name}"),
                f.contents_utf8().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Writes every file as new: atomically, never over an existing one, and
/// all removed again when one of them cannot be written.
fn write_new(dir: &Path, files: &[(String, String)]) -> Result<(), Diagnostic> {
    let mut created = NewFiles::new(dir);
    created.root().map_err(|e| {
        Diagnostic::error(Code::Write, format!("cannot create {}: {e}", dir.display()))
    })?;
    for (rel, text) in files {
        created.file(Path::new(rel), text.as_bytes()).map_err(|e| {
            Diagnostic::error(
                Code::Write,
                format!("cannot write {}: {e}", dir.join(rel).display()),
            )
            .help("nothing was left behind; fix the cause and run `equil init` again")
        })?;
    }
    created.keep();
    Ok(())
}

/// Checks `--base-url`: an absolute http(s) URL.
fn check_base_url(url: &str) -> Result<(), Diagnostic> {
    let bad = |why: &str| {
        Diagnostic::error(Code::Config, format!("--base-url `{}` {why}", url.escape_debug()))
            .help("give the address the site will be published at, e.g. https://your-organisation.github.io/handbook/")
    };
    match url::Url::parse(url) {
        Ok(u) if u.scheme() == "http" || u.scheme() == "https" => {
            if url.chars().any(char::is_control) || u.host_str().map_or(true, str::is_empty) {
                Err(bad("is not a valid web address"))
            } else {
                Ok(())
            }
        }
        Ok(_) => Err(bad("must start with https:// or http://")),
        Err(_) => Err(bad("is not a valid web address")),
    }
}

fn all_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut v: Vec<_> = dir.files().collect();
    for d in dir.dirs() {
        v.extend(all_files(d));
    }
    v.sort_by_key(|f| f.path());
    v
}

/// Adds the source's hash to a translation's front matter.
fn mark_translation(text: &str, source: &str) -> String {
    let p = Path::new("skeleton");
    let hash = frontmatter::split(source, p).ok().and_then(|s| {
        frontmatter::parse(&s, p)
            .ok()
            .map(|fm| content::source_hash(&fm.title, s.body))
    });
    match hash {
        Some(hash) => frontmatter::set_key(text, "source_hash", &format!("\"{hash}\""), p)
            .unwrap_or_else(|_| text.to_string()),
        None => text.to_string(),
    }
}

/// The new site's `site.yaml`. Values are written by the YAML serializer and
/// the text is read back, so no title can add keys or break the file.
fn site_yaml(opts: &InitOptions) -> Result<String, Diagnostic> {
    let scalar = |v: &str| {
        serde_yaml::to_string(v)
            .map(|s| s.trim_end_matches('\n').to_string())
            .map_err(|e| Diagnostic::error(Code::Config, format!("cannot write site.yaml: {e}")))
    };
    let langs = serde_yaml::to_string(&opts.languages)
        .map_err(|e| Diagnostic::error(Code::Config, format!("cannot write site.yaml: {e}")))?;
    let base = match &opts.base_url {
        Some(u) => format!("base_url: {}\n", scalar(u)?),
        None => "# The address the site is published at (needed for sitemap.xml), e.g.\n# base_url: https://your-organisation.github.io/handbook/\n".to_string(),
    };
    let text = format!(
        "# Site settings for equil. Every key is optional; see README.md.\n\
         title: {}\n\
         # The languages of the site, in the order of the language switcher.\n\
         languages:\n{}\
         # The language pages are written in first and translated from.\n\
         source_language: {}\n\
         {base}\
         # Paper size of print pages and PDFs: a4 or letter.\n\
         paper: a4\n\
         # The site's identity (each text one for all languages, or one per\n\
         # language: {{en: \"…\", nl: \"…\"}}):\n\
         # tagline: \"Training modules for job coaches\"\n\
         # footer: \"Published by [our organisation](https://example.org/).\"\n\
         # logo: images/logo.svg\n\
         # A funder block, only when your project is funded by Erasmus+: the EU\n\
         # emblem and the European Commission's disclaimer in each language.\n\
         # funding: erasmus-plus\n",
        scalar(&opts.title)?,
        langs,
        scalar(&opts.languages[0])?,
    );
    let back: config::Config = serde_yaml::from_str(&text)
        .map_err(|e| Diagnostic::error(Code::Config, format!("cannot write site.yaml: {e}")))?;
    let same = back.title == opts.title
        && back.languages == opts.languages
        && back.base_url.as_deref() == opts.base_url.as_deref();
    if !same {
        return Err(Diagnostic::error(
            Code::Config,
            "the title or base URL cannot be written to site.yaml as given",
        )
        .help("use a title without control characters"));
    }
    Ok(text)
}
