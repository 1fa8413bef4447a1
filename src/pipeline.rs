//! The pipeline every command reuses: load → model → render → write.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::{Code, Diagnostic};
use crate::history::History;
use crate::load::{config, content, locales, theme};
use crate::model::{self, ModelOptions, Site};
use crate::render::{self, markdown::Parsed, Rendered};
use crate::write::{guard, NullSink, Sink, Staging};

/// What to load.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    pub root: PathBuf,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Include pages with `draft: true`.
    pub drafts: bool,
    /// Report every draft page.
    pub list_drafts: bool,
}

impl SiteOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        SiteOptions {
            root: root.into(),
            base_url: None,
            drafts: false,
            list_drafts: false,
        }
    }
}

/// What a site is made of, read from disk but not modelled yet. `equil
/// serve` keeps these and reloads only the part a change touched.
pub struct Sources {
    pub config: config::Config,
    pub content: content::Content,
    /// Language folders under the site's `locales/` (valid tags only).
    pub locale_langs: Vec<String>,
    /// The site's languages (see [`site_languages`]).
    pub langs: Vec<String>,
    pub locales: Arc<locales::Locales>,
    pub theme: theme::Theme,
    /// The git history of `content/` (read once; see [`crate::history`]).
    pub history: Arc<History>,
}

/// Loads and models the site. `None` when loading found errors (in `diags`).
pub fn load_site(opts: &SiteOptions, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    let sources = load_sources(opts, diags)?;
    model_site(opts, sources, diags)
}

/// Loads and models the site even when some files have errors (they are in
/// `diags` and left out of the model), for reports such as `equil i18n
/// status` that describe what is there. `None` only when there is no site to
/// model (no such folder, or an unreadable `site.yaml`).
pub fn load_model(opts: &SiteOptions, diags: &mut Vec<Diagnostic>) -> Option<Site> {
    let sources = load_sources(opts, diags)?;
    Some(model(opts, sources, diags))
}

/// Reads everything the site is made of. `None` when the site folder or its
/// settings cannot be read (the reasons are in `diags`).
pub fn load_sources(opts: &SiteOptions, diags: &mut Vec<Diagnostic>) -> Option<Sources> {
    let root = &opts.root;
    if !root.is_dir() {
        diags.push(Diagnostic::error(
            Code::Io,
            format!("site folder {} does not exist", root.display()),
        ));
        return None;
    }
    let config = load_config(opts, diags)?;
    // The git history is read while the pages are.
    let ((content, content_diags), history) = rayon::join(
        || {
            let mut d = Vec::new();
            (content::load(root, &mut d), d)
        },
        || History::read(root),
    );
    diags.extend(content_diags);
    let locale_langs = locale_languages(root, diags);
    let langs = site_languages(&config, &content, &locale_langs, diags);
    let strings = locales::Locales::load(root, &langs, &config.source_language, diags);
    let theme = load_theme(root, &config, diags);
    Some(Sources {
        config,
        content,
        locale_langs,
        langs,
        locales: Arc::new(strings),
        theme,
        history: Arc::new(history),
    })
}

/// Reads `site.yaml`, with `--base-url` applied.
pub fn load_config(opts: &SiteOptions, diags: &mut Vec<Diagnostic>) -> Option<config::Config> {
    let mut config = match config::load(&opts.root) {
        Ok(c) => c,
        Err(e) => {
            diags.extend(e);
            return None;
        }
    };
    if let Some(url) = &opts.base_url {
        config.base_url = Some(url.trim_end_matches('/').to_string() + "/");
    }
    Some(config)
}

/// Language folders under the site's `locales/`, with invalid tags reported.
pub fn locale_languages(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut out = Vec::new();
    for l in locales::site_languages(root) {
        match crate::load::check_language_tag(&l, &Path::new(locales::LOCALES_DIR).join(&l)) {
            Ok(tag) if out.contains(&tag) => diags.push(crate::load::same_language_twice(
                locales::LOCALES_DIR,
                &l,
                &tag,
            )),
            Ok(tag) => out.push(tag),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// The site's languages (site.yaml's list, or every language folder), checked.
pub fn site_languages(
    config: &config::Config,
    content: &content::Content,
    locale_langs: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let langs = model::languages(config, content, locale_langs, diags);
    for l in &langs {
        if let Err(d) = crate::load::check_language_tag(l, Path::new(config::CONFIG_FILE)) {
            diags.push(d);
        }
    }
    langs
}

/// The theme named in the settings (the built-in one when it cannot be read).
pub fn load_theme(
    root: &Path,
    config: &config::Config,
    diags: &mut Vec<Diagnostic>,
) -> theme::Theme {
    let mut theme = match theme::load(root, &config.theme) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            theme::Theme::default()
        }
    };
    if let Some(logo) = &config.logo {
        if let Err(d) = theme::add_logo(&mut theme, root, logo) {
            diags.push(d);
        }
    }
    theme
}

/// Models the site from its sources. `None` when `diags` holds errors.
pub fn model_site(
    opts: &SiteOptions,
    sources: Sources,
    diags: &mut Vec<Diagnostic>,
) -> Option<Site> {
    let site = model(opts, sources, diags);
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(site)
}

/// Models the site from its sources, whatever `diags` holds (`equil serve`
/// takes its documents back from the result even when it has errors).
pub fn model(opts: &SiteOptions, sources: Sources, diags: &mut Vec<Diagnostic>) -> Site {
    let history = sources.history;
    let glossary = crate::load::glossary::load(
        &opts.root,
        &sources.langs,
        &sources.config.source_language,
        diags,
    );
    let mut site = model::build(
        model::Inputs {
            root: opts.root.clone(),
            config: sources.config,
            content: sources.content,
            locales: sources.locales,
            theme: sources.theme,
            lang_codes: sources.langs,
            glossary,
        },
        &ModelOptions {
            drafts: opts.drafts,
            list_drafts: opts.list_drafts,
        },
        diags,
    );
    site.history = history;
    site
}

/// The result of a build or check.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Present when the output was complete (and, for a build, committed).
    pub rendered: Option<Rendered>,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.rendered.is_none() || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads, validates and renders into `sink`.
pub fn run(opts: &SiteOptions, sink: &dyn Sink) -> (Outcome, Option<(Site, Vec<Parsed>)>) {
    let start = Instant::now();
    let mut diags = Vec::new();
    let Some(site) = load_site(opts, &mut diags) else {
        return (finish(diags, None, start), None);
    };
    // Templates compile while Markdown is parsed.
    let (parsed, templates) = rayon::join(
        || render::parse_all(&site),
        || render::load_templates(&site),
    );
    crate::check::site(
        crate::check::Input {
            site: &site,
            parsed: &parsed,
        },
        &mut diags,
    );
    if diags.iter().any(Diagnostic::is_error) {
        return (finish(diags, None, start), Some((site, parsed)));
    }
    let rendered = render::render_with(&site, &parsed, templates, sink, &mut diags);
    (finish(diags, rendered, start), Some((site, parsed)))
}

fn finish(mut diags: Vec<Diagnostic>, rendered: Option<Rendered>, start: Instant) -> Outcome {
    let mut d = crate::diagnostics::Diagnostics::new();
    d.extend(diags.drain(..));
    Outcome {
        diagnostics: d.sorted(),
        rendered,
        elapsed: start.elapsed(),
    }
}

/// Where `equil build` writes.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    /// The output folder, replaced as a whole when the build succeeds.
    pub dir: PathBuf,
    /// Replace the folder even when it holds files equil did not write
    /// (never the site itself or its sources).
    pub force: bool,
}

impl OutputOptions {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        OutputOptions {
            dir: dir.into(),
            force: false,
        }
    }
}

/// `equil build`: renders into a staging folder and swaps it in only on success.
pub fn build(opts: &SiteOptions, out: &OutputOptions) -> Outcome {
    build_site(opts, out).0
}

/// [`build`], also returning the site that was built (when it was).
pub fn build_site(opts: &SiteOptions, out: &OutputOptions) -> (Outcome, Option<Site>) {
    let output = out.dir.as_path();
    let refused = |d: Diagnostic| {
        (
            Outcome {
                diagnostics: vec![d],
                ..Outcome::default()
            },
            None,
        )
    };
    if let Err(d) = guard::check_output(&opts.root, output, out.force) {
        return refused(d);
    }
    let staging = match Staging::new(output) {
        Ok(s) => s,
        Err(e) => {
            return refused(Diagnostic::error(
                Code::Write,
                format!(
                    "cannot create a staging folder next to {}: {e}",
                    output.display()
                ),
            ))
        }
    };
    let (mut outcome, built) = run(opts, &staging);
    if let Some((site, _)) = &built {
        if let Some(why) = &site.history.unavailable {
            outcome.diagnostics.push(no_history_note(why));
        }
    }
    if outcome.failed() {
        // `staging` is dropped and removed; the previous output stays as it was.
        outcome.rendered = None;
        return (outcome, None);
    }
    let committed = staging
        .write(guard::MARKER, guard::marker_text().as_bytes())
        .and_then(|()| staging.commit());
    if let Err(e) = committed {
        outcome.diagnostics.push(Diagnostic::error(
            Code::Write,
            format!("cannot move the new site into {}: {e}", output.display()),
        ));
        outcome.rendered = None;
        return (outcome, None);
    }
    (outcome, built.map(|(site, _)| site))
}

/// The one note a build gives when it has no git history to date pages by.
pub fn no_history_note(why: &crate::history::Unavailable) -> Diagnostic {
    Diagnostic::note(
        Code::NoHistory,
        format!(
            "pages show no \"Last updated\" date and What's new is empty: {}",
            why.explain()
        ),
    )
    .at(crate::load::content::CONTENT_DIR)
}

/// `equil check`: every validation, nothing written.
pub fn check(opts: &SiteOptions) -> Outcome {
    let mut opts = opts.clone();
    opts.list_drafts = true;
    run(&opts, &NullSink).0
}
