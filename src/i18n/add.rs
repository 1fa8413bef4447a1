//! `equil i18n add LANG`: starts a new language. It gets a copy of the
//! source language's interface strings, each marked as needing translation,
//! an empty content folder (every page falls back to the source with a
//! notice), and a place in `site.yaml`'s `languages` when the site lists them.

use std::path::{Path, PathBuf};

use super::ftl::{self, NewLanguage};
use super::names;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::{self, CONFIG_FILE};
use crate::load::content::CONTENT_DIR;
use crate::load::locales::{self, LOCALES_DIR};
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
    pub native_name: Option<&'static str>,
}

/// Checks a language tag as `equil i18n add` takes it (BCP 47, as unic-langid
/// reads it, written in its canonical form).
pub fn parse_tag(tag: &str) -> Result<String, String> {
    match tag.parse::<unic_langid::LanguageIdentifier>() {
        Ok(id) if id.language.is_empty() => Err(format!(
            "`{tag}` names no language; use a tag such as `pt`, `de` or `pt-BR`"
        )),
        Ok(id) if id.language.as_str().len() > 3 => Err(format!(
            "`{tag}` is not a language tag: languages have two- or three-letter codes such as `pt` or `pt-BR`"
        )),
        Ok(id) if id == tag => Ok(tag.to_string()),
        Ok(id) => Err(format!(
            "`{tag}` is not written as a language tag; did you mean `{id}`?"
        )),
        Err(_) => Err(format!(
            "`{tag}` is not a valid language tag; use a tag such as `pt`, `de` or `pt-BR`"
        )),
    }
}

/// Adds a language to the site at `opts.root`. Nothing is written when it
/// is already a language of the site, or a file cannot be prepared.
pub fn add_language(opts: &AddOptions, diags: &mut Vec<Diagnostic>) -> Option<Added> {
    let root = &opts.root;
    let lang = opts.lang.as_str();
    if let Err(msg) = parse_tag(lang) {
        diags.push(Diagnostic::error(Code::BadLanguage, msg));
        return None;
    }
    let config = match config::load(root) {
        Ok(c) => c,
        Err(e) => {
            diags.extend(e);
            return None;
        }
    };
    let source = config.source_language.as_str();
    let content_dir = Path::new(CONTENT_DIR).join(lang);
    if lang == source
        || root.join(&content_dir).exists()
        || config.languages.iter().any(|l| l == lang)
    {
        diags.push(
            Diagnostic::error(
                Code::BadLanguage,
                format!("`{lang}` is already a language of this site"),
            )
            .at(if root.join(&content_dir).exists() || lang == source {
                content_dir.clone()
            } else {
                PathBuf::from(CONFIG_FILE)
            })
            .help("`equil i18n status` shows how far it is"),
        );
        return None;
    }

    // Prepare everything before writing anything.
    let native = names::native(lang);
    let new = NewLanguage {
        lang,
        source_lang: source,
        native_name: native.map(|(n, _)| n),
        rtl: native.map(|(_, r)| r).unwrap_or(false),
    };
    let source_files = match locales::files_for(root, source) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let existing = match locales::files_for(root, lang) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut kept = Vec::new();
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    for file in &source_files {
        if let Some(have) = existing.iter().find(|f| f.name == file.name) {
            kept.push(have.path.to_string_lossy().replace('\\', "/"));
            continue;
        }
        let path = Path::new(LOCALES_DIR).join(lang).join(&file.name);
        writes.push((path, ftl::scaffold(file, &new)));
    }
    let site_yaml = if config.languages.is_empty() {
        SiteYaml::NoList
    } else {
        match edited_config(root, lang, &config.languages) {
            Some(text) => {
                writes.push((PathBuf::from(CONFIG_FILE), text));
                SiteYaml::Added
            }
            None => {
                diags.push(
                    Diagnostic::warning(
                        Code::Config,
                        format!("could not add `{lang}` to `languages` in site.yaml"),
                    )
                    .at(CONFIG_FILE)
                    .help(format!("add `{lang}` to the `languages` list yourself")),
                );
                SiteYaml::EditByHand
            }
        }
    };

    // New files are written atomically and removed again if a later one
    // fails; site.yaml is replaced last, in one rename.
    let fail = |p: &Path, e: std::io::Error| {
        Diagnostic::error(Code::Write, format!("cannot write: {e}"))
            .at(p)
            .help("nothing was left behind; fix the cause and run `equil i18n add` again")
    };
    let mut new_files = NewFiles::new(root);
    if let Err(e) = new_files.dir(&content_dir) {
        diags.push(fail(&content_dir, e));
        return None;
    }
    let mut config_text = None;
    for (path, text) in writes {
        if path == Path::new(CONFIG_FILE) {
            config_text = Some(text);
            continue;
        }
        if let Err(e) = new_files.file(&path, text.as_bytes()) {
            diags.push(fail(&path, e));
            return None;
        }
    }
    if let Some(text) = config_text {
        if let Err(e) = atomic::replace(&root.join(CONFIG_FILE), text.as_bytes()) {
            diags.push(fail(Path::new(CONFIG_FILE), e));
            return None;
        }
    }
    let mut created = vec![content_dir];
    created.extend(new_files.keep());
    Some(Added {
        created,
        kept,
        site_yaml,
        native_name: native.map(|(n, _)| n),
    })
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
        assert!(parse_tag("portuguese").is_err());
        assert!(parse_tag("english").is_err());
        assert!(parse_tag("und").is_err());
        assert!(parse_tag("").is_err());
    }
}
