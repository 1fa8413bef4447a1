//! What a site is made of besides its pages — settings, interface strings
//! and theme — kept between rebuilds with the findings their loading gave,
//! and reloaded only when a change touches them.

use std::path::PathBuf;
use std::sync::Arc;

use super::change::{ChangeKind, Changes};
use super::plan::Dirty;
use crate::diagnostics::Diagnostic;
use crate::history::{History, Unavailable};
use crate::load::config::Config;
use crate::load::content::Content;
use crate::load::locales::Locales;
use crate::load::theme::Theme;
use crate::pipeline::{self, SiteOptions, Sources};

/// The settings, strings and theme of the last rebuild.
pub struct Kept {
    config: Option<Config>,
    config_diags: Vec<Diagnostic>,
    /// Language folders under the site's `locales/`.
    locale_langs: Vec<String>,
    locale_dir_diags: Vec<Diagnostic>,
    /// The site's languages.
    pub langs: Vec<String>,
    locales: Arc<Locales>,
    locale_diags: Vec<Diagnostic>,
    theme: Theme,
    theme_diags: Vec<Diagnostic>,
    /// The git history, read again only when `HEAD` moves.
    history: Arc<History>,
}

impl Default for Kept {
    fn default() -> Kept {
        Kept {
            config: None,
            config_diags: Vec::new(),
            locale_langs: Vec::new(),
            locale_dir_diags: Vec::new(),
            langs: Vec::new(),
            locales: Arc::new(Locales {
                langs: Default::default(),
            }),
            locale_diags: Vec::new(),
            theme: Theme::default(),
            theme_diags: Vec::new(),
            history: Arc::new(History::unavailable(Unavailable::NotARepository)),
        }
    }
}

impl Kept {
    /// The theme named in site.yaml (to tell which theme folder matters).
    pub fn theme_name(&self) -> &str {
        self.config
            .as_ref()
            .map(|c| c.theme.as_str())
            .unwrap_or("default")
    }

    /// Reloads the settings, the theme and the list of locale folders as far
    /// as `changes` touched them, marking in `dirty` what must be rendered
    /// again. Returns the settings, or the errors that keep site.yaml from
    /// being read.
    pub fn reload_settings(
        &mut self,
        opts: &SiteOptions,
        changes: &Changes,
        dirty: &mut Dirty,
    ) -> Result<Config, Vec<Diagnostic>> {
        let everything = changes.has(ChangeKind::Config) || self.config.is_none();
        if everything {
            self.config_diags.clear();
            self.config = pipeline::load_config(opts, &mut self.config_diags);
            dirty.all = true;
            dirty.templates = true;
        }
        let Some(config) = self.config.clone() else {
            return Err(self.config_diags.clone());
        };
        if everything || changes.has(ChangeKind::Template) || changes.has(ChangeKind::Static) {
            self.reload_theme(opts, &config, dirty);
        }
        if !self.history.is_fresh(&opts.root) {
            // A commit (or checkout) since the last rebuild: dates may differ.
            self.history = Arc::new(History::read(&opts.root));
            dirty.all = true;
        }
        if everything || changes.has(ChangeKind::Locale) {
            self.locale_dir_diags.clear();
            self.locale_langs = pipeline::locale_languages(&opts.root, &mut self.locale_dir_diags);
        }
        Ok(config)
    }

    /// Decides the site's languages from the language folders found under
    /// `content/`, and reloads the interface strings when they changed.
    pub fn reload_languages(
        &mut self,
        opts: &SiteOptions,
        config: &Config,
        content_langs: &[String],
        changes: &Changes,
        dirty: &mut Dirty,
        diags: &mut Vec<Diagnostic>,
    ) {
        let folders = Content {
            languages: content_langs.to_vec(),
            ..Content::default()
        };
        let langs = pipeline::site_languages(config, &folders, &self.locale_langs, diags);
        if dirty.all || changes.has(ChangeKind::Locale) || langs != self.langs {
            self.reload_locales(opts, config, langs, dirty);
        }
    }

    /// Every finding of the settings, strings and theme.
    pub fn findings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.config_diags
            .iter()
            .chain(&self.locale_dir_diags)
            .chain(&self.locale_diags)
            .chain(&self.theme_diags)
    }

    /// The sources to model a site from, with `content`.
    pub fn sources(&self, config: Config, content: Content) -> Sources {
        Sources {
            config,
            content,
            locale_langs: self.locale_langs.clone(),
            langs: self.langs.clone(),
            locales: Arc::clone(&self.locales),
            theme: self.theme.clone(),
            history: Arc::clone(&self.history),
        }
    }

    fn reload_theme(&mut self, opts: &SiteOptions, config: &Config, dirty: &mut Dirty) {
        let mut diags = Vec::new();
        let theme = pipeline::load_theme(&opts.root, config, &mut diags);
        let templates = |t: &Theme| {
            t.templates()
                .map(|(n, f)| (n.to_string(), f.bytes.clone()))
                .collect::<Vec<_>>()
        };
        if templates(&theme) != templates(&self.theme) {
            dirty.all = true;
            dirty.templates = true;
        }
        self.theme = theme;
        self.theme_diags = diags;
    }

    /// Loads the interface strings of `langs`, and marks the languages whose
    /// strings changed (all of them when the source language's did, as the
    /// others fall back to it, or when a language's name did, as every
    /// page's switcher shows it).
    fn reload_locales(
        &mut self,
        opts: &SiteOptions,
        config: &Config,
        langs: Vec<String>,
        dirty: &mut Dirty,
    ) {
        let mut diags = Vec::new();
        let locales = Locales::load(&opts.root, &langs, &config.source_language, &mut diags);
        if langs != self.langs {
            dirty.all = true;
        }
        for l in &langs {
            let (old, new) = (strings_of(&self.locales, l), strings_of(&locales, l));
            if old != new {
                dirty.langs.insert(l.clone());
                let name_of = |s: &Option<Strings<'_>>| s.as_ref().map(|s| (s.1.to_string(), s.2));
                if *l == config.source_language || name_of(&old) != name_of(&new) {
                    dirty.all = true;
                }
            }
        }
        // The `t()` function of the templates holds the strings.
        dirty.templates = true;
        self.locales = Arc::new(locales);
        self.locale_diags = diags;
        self.langs = langs;
    }
}

/// A language's strings as far as pages show them: its files, its name
/// and its direction.
type Strings<'a> = (Vec<(&'a PathBuf, &'a String)>, &'a str, u8);

fn strings_of<'a>(locales: &'a Locales, lang: &str) -> Option<Strings<'a>> {
    locales.get(lang).map(|s| {
        let files = s.files.iter().map(|f| (&f.path, &f.text)).collect();
        (files, s.native_name.as_str(), s.direction as u8)
    })
}
