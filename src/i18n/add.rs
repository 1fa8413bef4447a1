//! `equil i18n add LANG`: starts a new language. It gets a copy of the
//! source language's interface strings, each marked as needing translation,
//! an empty content folder (every page falls back to the source with a
//! notice), and a place in `site.yaml`'s `languages` when the site lists them.
//! A partner who arrives with content (`content/LANG/` exists) gets only
//! what is missing. The tag may be written in any case (`zh-hans`); files
//! and settings get its canonical form (`zh-Hans`).

use std::path::{Path, PathBuf};

use super::ftl::{self, NewLanguage};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::{self, CONFIG_FILE};
use crate::load::content::CONTENT_DIR;
use crate::load::locales::{self, LOCALES_DIR};
use crate::load::names;
use crate::load::yaml;
use crate::write::atomic::{self, NewFiles};

/// Options of [`add_language`].
#[derive(Debug, Clone)]
pub struct AddOptions {
    pub root: PathBuf,
    /// A valid language tag (see [`parse_tag`]).
    pub lang: String,
}

/// What happened to `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteYaml {
    /// The language was added to its `languages` list.
    Added,
    /// The site lists no languages (every language folder is built): nothing to do.
    NoList,
    /// The list could not be edited safely; the user must add the language.
    EditByHand,
    /// The language was in the list already.
    Listed,
}

/// What [`add_language`] did; paths relative to the site root.
#[derive(Debug, Clone)]
pub struct Added {
    /// Files and folders created.
    pub created: Vec<PathBuf>,
    /// Interface string files the language already had (built-in or the site's).
    pub kept: Vec<String>,
    pub site_yaml: SiteYaml,
    /// The language's own name, when equil knows it.
    pub native_name: Option<String>,
    /// The canonical tag the language was added as (`zh-Hans`).
    pub lang: String,
}

/// Checks a language tag as `equil i18n add` takes it (BCP 47, as unic-langid
/// reads it, in any case) and returns its canonical form (`zh-hans` → `zh-Hans`).
pub fn parse_tag(tag: &str) -> Result<String, String> {
    match tag.parse::<unic_langid::LanguageIdentifier>() {
        Ok(id) if id.language.is_empty() => Err(format!(
            "`{tag}` names no language; use a tag such as `pt`, `de` or `pt-BR`"
        )),
        Ok(id) if id.language.as_str().len() > 3 => Err(format!(
            "`{tag}` is not a language tag: languages have two- or three-letter codes such as `pt` or `pt-BR`"
        )),
        Ok(id) if id.to_string().eq_ignore_ascii_case(tag) => Ok(id.to_string()),
        Ok(id) => Err(format!(
            "`{tag}` is not written as a language tag; did you mean `{id}`?"
        )),
        Err(_) => Err(format!(
            "`{tag}` is not a valid language tag; use a tag such as `pt`, `de` or `pt-BR`"
        )),
    }
}

/// Adds a language to the site at `opts.root`, or what it lacks when it is
/// there in part. Nothing is written when it lacks nothing, or a file
/// cannot be prepared.
pub fn add_language(opts: &AddOptions, diags: &mut Vec<Diagnostic>) -> Option<Added> {
    let lang = match parse_tag(&opts.lang) {
        Ok(l) => l,
        Err(msg) => {
            diags.push(Diagnostic::error(Code::BadLanguage, msg));
            return None;
        }
    };
    // Prepare everything before writing anything.
    let plan = plan(&opts.root, &lang, diags)?;
    let mut created = match write(&opts.root, &plan) {
        Ok(created) => created,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if !plan.content_exists {
        created.insert(0, plan.content_dir);
    }
    Some(Added {
        created,
        kept: plan.kept,
        site_yaml: plan.site_yaml,
        native_name: plan.native_name,
        lang,
    })
}

/// What adding a language will write, prepared before anything is written.
struct Plan {
    /// `content/<lang>`, as the folder is or will be named.
    content_dir: PathBuf,
    /// Whether the content folder is there already.
    content_exists: bool,
    /// New interface string files (path from the root, text).
    locale_files: Vec<(PathBuf, String)>,
    /// The new text of site.yaml, when the language is added to its list.
    config_text: Option<String>,
    kept: Vec<String>,
    site_yaml: SiteYaml,
    native_name: Option<String>,
}

/// Prepares the files for `lang`; `None` (with the reason in `diags`) when
/// it cannot be added or has nothing to add.
fn plan(root: &Path, lang: &str, diags: &mut Vec<Diagnostic>) -> Option<Plan> {
    let config = match config::load(root) {
        Ok(c) => c,
        Err(e) => {
            diags.extend(e);
            return None;
        }
    };
    let source = config.source_language.as_str();
    let content_folder = folder_under(&root.join(CONTENT_DIR), lang);
    let content_dir = Path::new(CONTENT_DIR).join(content_folder.as_deref().unwrap_or(lang));
    if lang == source {
        diags.push(
            Diagnostic::error(
                Code::BadLanguage,
                format!("`{lang}` is the source language of this site"),
            )
            .at(content_dir)
            .help("`equil i18n status` shows how far the other languages are"),
        );
        return None;
    }
    let native = names::native(lang);
    let new = NewLanguage {
        lang,
        source_lang: source,
        native_name: native.as_ref().map(|(n, _)| n.as_str()),
        rtl: native.as_ref().map(|(_, r)| *r).unwrap_or(false),
    };
    let (locale_files, kept) = match locale_files(root, &new) {
        Ok(found) => found,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let (site_yaml, config_text) = site_yaml(root, lang, &config.languages, diags);
    if content_folder.is_some()
        && locale_files.is_empty()
        && config_text.is_none()
        && site_yaml != SiteYaml::EditByHand
    {
        diags.push(
            Diagnostic::error(
                Code::BadLanguage,
                format!("`{lang}` is already a language of this site: nothing to add"),
            )
            .at(content_dir)
            .help("`equil i18n status` shows how far it is"),
        );
        return None;
    }
    Some(Plan {
        content_dir,
        content_exists: content_folder.is_some(),
        locale_files,
        config_text,
        kept,
        site_yaml,
        native_name: native.map(|(n, _)| n),
    })
}

/// The interface string files the new language lacks (path, text), and
/// the ones it has already.
type LocaleFiles = (Vec<(PathBuf, String)>, Vec<String>);

/// The source language's interface string files, copied for `new` where it
/// has no file of that name yet.
fn locale_files(root: &Path, new: &NewLanguage) -> Result<LocaleFiles, Diagnostic> {
    let source_files = locales::files_for(root, new.source_lang)?;
    let existing = locales::files_for(root, new.lang)?;
    let folder = locales::folder_of(root, new.lang).unwrap_or_else(|| new.lang.to_string());
    let mut kept = Vec::new();
    let mut writes = Vec::new();
    for file in &source_files {
        if let Some(have) = existing.iter().find(|f| f.name == file.name) {
            kept.push(have.path.to_string_lossy().replace('\\', "/"));
            continue;
        }
        let path = Path::new(LOCALES_DIR).join(&folder).join(&file.name);
        writes.push((path, ftl::scaffold(file, new)));
    }
    Ok((writes, kept))
}

/// What happens to site.yaml's `languages`, and its new text when `lang`
/// is added to it.
fn site_yaml(
    root: &Path,
    lang: &str,
    listed: &[String],
    diags: &mut Vec<Diagnostic>,
) -> (SiteYaml, Option<String>) {
    if listed.is_empty() {
        return (SiteYaml::NoList, None);
    }
    if listed.iter().any(|l| l == lang) {
        return (SiteYaml::Listed, None);
    }
    match edited_config(root, lang, listed) {
        Some(text) => (SiteYaml::Added, Some(text)),
        None => {
            diags.push(
                Diagnostic::warning(
                    Code::Config,
                    format!("could not add `{lang}` to `languages` in site.yaml"),
                )
                .at(CONFIG_FILE)
                .help(format!("add `{lang}` to the `languages` list yourself")),
            );
            (SiteYaml::EditByHand, None)
        }
    }
}

/// Writes a plan: new files atomically, removed again if a later one
/// fails; site.yaml is replaced last, in one rename. Returns the files
/// and folders created.
fn write(root: &Path, plan: &Plan) -> Result<Vec<PathBuf>, Diagnostic> {
    let fail = |p: &Path, e: std::io::Error| {
        Diagnostic::error(Code::Write, format!("cannot write: {e}"))
            .at(p)
            .help("nothing was left behind; fix the cause and run `equil i18n add` again")
    };
    let mut new_files = NewFiles::new(root);
    new_files
        .dir(&plan.content_dir)
        .map_err(|e| fail(&plan.content_dir, e))?;
    for (path, text) in &plan.locale_files {
        new_files
            .file(path, text.as_bytes())
            .map_err(|e| fail(path, e))?;
    }
    if let Some(text) = &plan.config_text {
        atomic::replace(&root.join(CONFIG_FILE), text.as_bytes())
            .map_err(|e| fail(Path::new(CONFIG_FILE), e))?;
    }
    Ok(new_files.keep())
}

/// The folder directly under `dir` whose name is `lang` in any case.
fn folder_under(dir: &Path, lang: &str) -> Option<String> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.eq_ignore_ascii_case(lang))
}

/// `site.yaml` with `lang` appended to its `languages`, if that can be done
/// without touching anything else and the result reads back as intended.
fn edited_config(root: &Path, lang: &str, before: &[String]) -> Option<String> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let edited = yaml::append_to_list(&text, "languages", lang)?;
    #[derive(serde::Deserialize)]
    struct Langs {
        languages: Vec<String>,
    }
    let check: Langs = yaml::parse(&edited, Path::new(CONFIG_FILE), 1, Code::Config).ok()?;
    let mut want = before.to_vec();
    want.push(lang.to_string());
    (check.languages == want).then_some(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_and_corrected() {
        assert_eq!(parse_tag("pt"), Ok("pt".to_string()));
        assert_eq!(parse_tag("pt-BR"), Ok("pt-BR".to_string()));
        assert!(parse_tag("pt_BR").unwrap_err().contains("`pt-BR`"));
        assert_eq!(parse_tag("zh-hans"), Ok("zh-Hans".to_string()));
        assert_eq!(parse_tag("PT-br"), Ok("pt-BR".to_string()));
        assert!(parse_tag("portuguese").is_err());
        assert!(parse_tag("english").is_err());
        assert!(parse_tag("und").is_err());
        assert!(parse_tag("").is_err());
    }
}
