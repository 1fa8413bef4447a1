//! Stage 2, **model**: the site as languages → modules → pages, with every
//! page of the source language present in every language tree (translated,
//! or falling back to the source), and the output path of each.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::config::Config;
use crate::load::content::{Asset, Content, Doc};
use crate::load::frontmatter::{FrontMatter, Kind};
use crate::load::glossary::Glossaries;
use crate::load::locales::{Direction, Locales};
use crate::load::theme::Theme;

pub mod aliases;

/// Index into [`Site::docs`].
pub type DocId = usize;

/// How a language tree got its copy of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The page is in the source language.
    Source,
    /// A translation made from the current version of the source.
    Current,
    /// A translation made from an older version of the source.
    Outdated,
    /// A translation that does not say which version it was made from.
    Unknown,
    /// No translation: the source page is shown, with a notice.
    Fallback,
    /// Written for this language's country (`localised: true`), not
    /// translated: never outdated, no notice.
    Localised,
}

impl Status {
    /// Whether the page exists in this language (not as a fallback).
    pub fn exists(self) -> bool {
        self != Status::Fallback
    }
}

/// One page (or module overview, or home page) of one language tree.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Identity shared by translations: `module/page.md`.
    pub rel: String,
    /// The document shown: the translation, or the source when falling back.
    pub doc: DocId,
    /// The source-language document.
    pub source: DocId,
    pub status: Status,
    /// Output path below the output folder: `nl/module/page.html`.
    pub output: String,
}

/// A module of one language tree.
#[derive(Debug, Clone)]
pub struct Module {
    /// Folder name under `content/<lang>/`.
    pub dir: String,
    /// Output folder name (the translated `slug`, or the folder name).
    pub slug: String,
    pub kind: Kind,
    pub index: Entry,
    pub pages: Vec<Entry>,
    /// Handouts of the module's pages, in page order, then `order` and name.
    pub handouts: Vec<Handout>,
}

/// A handout: a sheet for participants that belongs to a page (usually a
/// tool card), in the page's folder: `<module>/<card>/<handout>.md`.
#[derive(Debug, Clone)]
pub struct Handout {
    /// Index in [`Module::pages`] of the page it belongs to.
    pub page: usize,
    /// The page's file name without `.md` (its folder): `values-line-up`.
    pub card: String,
    /// The handout's file name without `.md`: `statements`.
    pub name: String,
    pub entry: Entry,
    /// Output path of its printable sheet: `nl/<module>/print/<card>/<name>.html`.
    pub sheet: String,
}

/// One language's site.
#[derive(Debug, Clone)]
pub struct Tree {
    pub lang: String,
    pub home: Entry,
    pub modules: Vec<Module>,
    /// Pages at the top of the language tree (`sources.md`, `colophon.md`):
    /// "About this handbook" (CONVENTIONS format 2).
    pub about: Vec<Entry>,
    /// Redirect pages for old paths (`aliases:`), in output order.
    pub redirects: Vec<aliases::Redirect>,
    /// Assets to copy: output path → source file (the language's own, else the source's).
    pub assets: BTreeMap<String, PathBuf>,
    /// Output path of every page by its identity.
    pub outputs: HashMap<String, String>,
    /// Asset output path by its path inside the language tree.
    pub asset_outputs: HashMap<String, String>,
    /// Where each entry is, by its identity (see [`Tree::entry`]).
    slots: HashMap<String, Slot>,
}

/// Where an entry sits in its tree.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Home,
    Index(usize),
    Page(usize, usize),
    About(usize),
    Handout(usize, usize),
}

impl Tree {
    /// The entry of identity `rel` (`module/page.md`), found in constant time.
    pub fn entry(&self, rel: &str) -> Option<&Entry> {
        Some(match *self.slots.get(rel)? {
            Slot::Home => &self.home,
            Slot::Index(m) => &self.modules[m].index,
            Slot::Page(m, p) => &self.modules[m].pages[p],
            Slot::About(i) => &self.about[i],
            Slot::Handout(m, h) => &self.modules[m].handouts[h].entry,
        })
    }

    /// Indexes the entries by identity (after the tree has its final order).
    fn index_entries(&mut self) {
        let mut slots = HashMap::new();
        slots.insert(self.home.rel.clone(), Slot::Home);
        for (mi, m) in self.modules.iter().enumerate() {
            // The first entry of an identity wins, as in a search in order.
            slots.entry(m.index.rel.clone()).or_insert(Slot::Index(mi));
            for (pi, p) in m.pages.iter().enumerate() {
                slots.entry(p.rel.clone()).or_insert(Slot::Page(mi, pi));
            }
            for (hi, h) in m.handouts.iter().enumerate() {
                slots
                    .entry(h.entry.rel.clone())
                    .or_insert(Slot::Handout(mi, hi));
            }
        }
        for (i, a) in self.about.iter().enumerate() {
            slots.entry(a.rel.clone()).or_insert(Slot::About(i));
        }
        self.slots = slots;
    }
}

/// A language of the site.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub direction: Direction,
}

/// The whole site, ready to render.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub source_lang: String,
    pub languages: Vec<Language>,
    pub docs: Vec<Doc>,
    pub trees: Vec<Tree>,
    pub locales: Arc<Locales>,
    pub theme: Theme,
    /// Every language's glossary (read by `pipeline::model`).
    pub glossary: Glossaries,
    /// The git history of the content (empty until the pipeline sets it).
    pub history: Arc<crate::history::History>,
}

/// Options that change what goes into the model.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    pub drafts: bool,
    /// Report every draft page (for `equil check`).
    pub list_drafts: bool,
}

impl Site {
    pub fn tree(&self, lang: &str) -> Option<&Tree> {
        self.trees.iter().find(|t| t.lang == lang)
    }

    pub fn doc(&self, id: DocId) -> &Doc {
        &self.docs[id]
    }

    /// Every entry of a tree: home, then each module's index, pages and
    /// handouts, then the pages about the handbook.
    pub fn entries<'a>(tree: &'a Tree) -> impl Iterator<Item = &'a Entry> + 'a {
        std::iter::once(&tree.home)
            .chain(tree.modules.iter().flat_map(|m| {
                std::iter::once(&m.index)
                    .chain(m.pages.iter())
                    .chain(m.handouts.iter().map(|h| &h.entry))
            }))
            .chain(tree.about.iter())
    }

    /// Entries for the same identity in every language, in switcher order.
    pub fn translations_of(&self, rel: &str) -> Vec<(&Language, &Tree, &Entry)> {
        self.languages
            .iter()
            .zip(&self.trees)
            .filter_map(|(l, t)| t.entry(rel).map(|e| (l, t, e)))
            .collect()
    }
}

/// Decides the site's languages: `site.yaml`'s list, or every language folder.
pub fn languages(
    config: &Config,
    content: &Content,
    locale_langs: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut langs: Vec<String> = if config.languages.is_empty() {
        let mut all: Vec<String> = content
            .languages
            .iter()
            .chain(locale_langs.iter())
            .cloned()
            .collect();
        all.sort();
        all.dedup();
        all
    } else {
        for l in &content.languages {
            if !config.languages.contains(l) {
                diags.push(
                    Diagnostic::warning(
                        Code::Config,
                        format!("content/{l}/ is not built: `{l}` is not in the `languages` of site.yaml"),
                    )
                    .at("site.yaml")
                    .help(format!("add `{l}` to `languages`")),
                );
            }
        }
        config.languages.clone()
    };
    if !langs.contains(&config.source_language) {
        if config.languages.is_empty() {
            langs.insert(0, config.source_language.clone());
        } else {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!(
                        "the source language `{}` is not in `languages`",
                        config.source_language
                    ),
                )
                .at("site.yaml")
                .help("add it to `languages`, or set `source_language`"),
            );
        }
    }
    langs
}

/// Whether a document goes into the site: not a draft (unless drafts are
/// wanted), and in one of the site's languages.
pub fn is_published(doc: &Doc, lang_codes: &[String], opts: &ModelOptions) -> bool {
    (opts.drafts || !doc.fm.draft) && lang_codes.contains(&doc.lang)
}

/// What the model is built from: everything loaded from disk.
pub struct Inputs {
    pub root: PathBuf,
    pub config: Config,
    pub content: Content,
    pub locales: Arc<Locales>,
    pub theme: Theme,
    /// The site's languages, in switcher order.
    pub lang_codes: Vec<String>,
    pub glossary: Glossaries,
}

/// Builds the model from loaded content. Problems go to `diags`.
pub fn build(inputs: Inputs, opts: &ModelOptions, diags: &mut Vec<Diagnostic>) -> Site {
    let Inputs {
        root,
        config,
        content,
        locales,
        theme,
        lang_codes,
        glossary,
    } = inputs;
    let source_lang = config.source_language.clone();
    if opts.list_drafts {
        for d in content.docs.iter().filter(|d| d.fm.draft) {
            diags.push(
                Diagnostic::warning(
                    Code::Draft,
                    if opts.drafts {
                        "draft page (included because of --drafts)"
                    } else {
                        "draft page: not published"
                    },
                )
                .at(&d.path)
                .help("remove `draft: true` to publish it"),
            );
        }
    }
    let mut docs: Vec<Doc> = content
        .docs
        .into_iter()
        .filter(|d| is_published(d, &lang_codes, opts))
        .collect();
    inherit_from_source(&mut docs, &source_lang);
    let by_key: HashMap<(&str, &str), DocId> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.lang.as_str(), d.rel.as_str()), i))
        .collect();

    // The structure comes from the source language.
    let mut source_rels: Vec<&str> = docs
        .iter()
        .filter(|d| d.lang == source_lang)
        .map(|d| d.rel.as_str())
        .collect();
    source_rels.sort();
    for d in &docs {
        if d.lang != source_lang && !by_key.contains_key(&(source_lang.as_str(), d.rel.as_str())) {
            diags.push(
                Diagnostic::warning(
                    Code::OrphanTranslation,
                    format!(
                        "this page has no source page (content/{source_lang}/{}); it is not published",
                        d.rel
                    ),
                )
                .at(&d.path)
                .help("write the source page first, or rename this file to match it"),
            );
        }
    }

    let home_source = by_key.get(&(source_lang.as_str(), "_index.md")).copied();
    if home_source.is_none() && diags.iter().all(|d| !d.is_error()) {
        diags.push(
            Diagnostic::error(Code::Layout, "the source language has no home page")
                .at(format!("content/{source_lang}/_index.md"))
                .help("create it with front matter `title:` and an introduction"),
        );
    }

    // Module folders (from the source language), with their pages.
    let mut module_dirs: BTreeMap<&str, ModuleFiles> = BTreeMap::new();
    let mut about_sources: Vec<DocId> = Vec::new();
    for rel in &source_rels {
        let Some((dir, file)) = rel.split_once('/') else {
            if *rel != "_index.md" {
                about_sources.push(by_key[&(source_lang.as_str(), *rel)]);
            }
            continue;
        };
        let id = by_key[&(source_lang.as_str(), *rel)];
        let slot = module_dirs.entry(dir).or_default();
        if file == "_index.md" {
            slot.index = Some(id);
        } else if file.contains('/') {
            slot.handouts.push(id);
        } else {
            slot.pages.push(id);
        }
    }

    let mut languages: Vec<Language> = lang_codes
        .iter()
        .map(|code| {
            let strings = locales.get(code);
            Language {
                code: code.clone(),
                name: strings
                    .map(|s| s.native_name.clone())
                    .or_else(|| crate::load::names::native_name(code))
                    .unwrap_or_else(|| code.clone()),
                direction: strings.map(|s| s.direction).unwrap_or(Direction::Ltr),
            }
        })
        .collect();
    distinct_names(&mut languages);

    let mut trees = Vec::new();
    for lang in &lang_codes {
        let entry_for = |source: DocId| -> (DocId, Status) {
            let rel = docs[source].rel.as_str();
            if *lang == source_lang {
                return (source, Status::Source);
            }
            match by_key.get(&(lang.as_str(), rel)) {
                Some(&t) => {
                    let status = match &docs[t].fm.source_hash {
                        _ if docs[t].fm.localised || docs[source].fm.localised => Status::Localised,
                        None => Status::Unknown,
                        Some(h) if *h == docs[source].hash => Status::Current,
                        Some(_) => Status::Outdated,
                    };
                    (t, status)
                }
                None => (source, Status::Fallback),
            }
        };
        let make = |source: DocId, output: String| {
            let (doc, status) = entry_for(source);
            Entry {
                rel: docs[source].rel.clone(),
                doc,
                source,
                status,
                output,
            }
        };

        let home = match home_source {
            Some(h) => make(h, format!("{lang}/index.html")),
            None => Entry {
                rel: "_index.md".into(),
                doc: usize::MAX,
                source: usize::MAX,
                status: Status::Source,
                output: format!("{lang}/index.html"),
            },
        };

        let mut modules = Vec::new();
        let mut slugs_seen: HashMap<String, String> = HashMap::new();
        for (dir, files) in &module_dirs {
            let (index, pages) = (&files.index, &files.pages);
            let Some(index) = *index else {
                if *lang == source_lang {
                    diags.push(
                        Diagnostic::error(
                            Code::Layout,
                            format!("module folder `{dir}` has no _index.md"),
                        )
                        .at(format!("content/{source_lang}/{dir}"))
                        .help(format!(
                            "create content/{source_lang}/{dir}/_index.md with `title:` and `kind: module`"
                        )),
                    );
                }
                continue;
            };
            let (shown, _) = entry_for(index);
            let slug = docs[shown]
                .fm
                .slug
                .clone()
                .or_else(|| docs[index].fm.slug.clone())
                .unwrap_or_else(|| dir.to_string());
            if let Some(other) = slugs_seen.insert(slug.clone(), dir.to_string()) {
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateOutput,
                        format!(
                            "modules `{other}` and `{dir}` would both be written to {lang}/{slug}/"
                        ),
                    )
                    .at(&docs[shown].path)
                    .help("give one of them another `slug`"),
                );
            }
            let kind = match docs[index].fm.kind {
                Some(Kind::Toolkit) => Kind::Toolkit,
                Some(Kind::Module) | None => Kind::Module,
                Some(other) => {
                    if *lang == source_lang {
                        diags.push(
                            Diagnostic::error(
                                Code::FrontMatterValue,
                                format!("a module's _index.md has `kind: {}`", kind_name(other)),
                            )
                            .at(&docs[index].path)
                            .help("use `kind: module`, or `kind: toolkit` for the toolkit"),
                        );
                    }
                    Kind::Module
                }
            };
            let mut page_entries: Vec<Entry> = Vec::new();
            let mut page_slugs: HashMap<String, String> = HashMap::new();
            let mut ordered = pages.clone();
            ordered.sort_by(|a, b| {
                (docs[*a].fm.order.unwrap_or(i64::MAX), &docs[*a].rel)
                    .cmp(&(docs[*b].fm.order.unwrap_or(i64::MAX), &docs[*b].rel))
            });
            for p in ordered {
                let (shown, _) = entry_for(p);
                let stem = docs[p]
                    .rel
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(".md")
                    .to_string();
                let page_slug = docs[shown]
                    .fm
                    .slug
                    .clone()
                    .or_else(|| docs[p].fm.slug.clone())
                    .unwrap_or(stem);
                if page_slug == "index" || page_slug == "print" {
                    diags.push(
                        Diagnostic::error(
                            Code::DuplicateOutput,
                            format!("a page may not be called `{page_slug}`: equil writes {slug}/{page_slug}.html itself"),
                        )
                        .at(&docs[shown].path)
                        .help("rename the file, or set another `slug`"),
                    );
                    continue;
                }
                if let Some(other) = page_slugs.insert(page_slug.clone(), docs[p].rel.clone()) {
                    diags.push(
                        Diagnostic::error(
                            Code::DuplicateOutput,
                            format!(
                                "`{other}` and `{}` would both be written to {lang}/{slug}/{page_slug}.html",
                                docs[p].rel
                            ),
                        )
                        .at(&docs[shown].path)
                        .help("give one of them another `slug`"),
                    );
                    continue;
                }
                if docs[p].fm.kind == Some(Kind::Handout) && *lang == source_lang {
                    diags.push(
                        Diagnostic::warning(
                            Code::Layout,
                            "a handout belongs in the folder of its tool card or page; it is shown as a page",
                        )
                        .at(&docs[p].path)
                        .help(format!(
                            "move it to content/{source_lang}/{dir}/<card>/{}, next to content/{source_lang}/{dir}/<card>.md",
                            docs[p].rel.rsplit('/').next().unwrap_or("")
                        )),
                    );
                }
                if matches!(docs[p].fm.kind, Some(Kind::Module | Kind::Toolkit))
                    && *lang == source_lang
                {
                    diags.push(
                        Diagnostic::error(
                            Code::FrontMatterValue,
                            format!(
                                "`kind: {}` is only for a module's _index.md",
                                kind_name(docs[p].fm.kind.unwrap_or_default())
                            ),
                        )
                        .at(&docs[p].path)
                        .help("use `kind: page`, or `kind: tool` for a tool card"),
                    );
                }
                page_entries.push(make(p, format!("{lang}/{slug}/{page_slug}.html")));
            }
            let handouts = attach_handouts(
                &HandoutScope {
                    docs: &docs,
                    lang,
                    source_lang: &source_lang,
                    dir,
                    slug: &slug,
                    pages: &page_entries,
                },
                &files.handouts,
                &make,
                diags,
            );
            modules.push(Module {
                dir: dir.to_string(),
                slug: slug.clone(),
                kind,
                index: make(index, format!("{lang}/{slug}/index.html")),
                pages: page_entries,
                handouts,
            });
        }
        modules.sort_by(|a, b| {
            (docs[a.index.source].fm.order.unwrap_or(i64::MAX), &a.dir)
                .cmp(&(docs[b.index.source].fm.order.unwrap_or(i64::MAX), &b.dir))
        });

        // Assets: the language's own, else the source language's.
        let module_slug: HashMap<&str, &str> = modules
            .iter()
            .map(|m| (m.dir.as_str(), m.slug.as_str()))
            .collect();
        let mut assets = BTreeMap::new();
        let mut asset_outputs = HashMap::new();
        for a in content_assets(&content.assets, lang, &source_lang) {
            let output = match a.rel.split_once('/') {
                Some((dir, rest)) => match module_slug.get(dir) {
                    Some(slug) => format!("{lang}/{slug}/{rest}"),
                    None => format!("{lang}/{}", a.rel),
                },
                None => format!("{lang}/{}", a.rel),
            };
            asset_outputs.insert(a.rel.clone(), output.clone());
            assets.insert(output, a.source.clone());
        }

        let about = about_entries(&docs, &about_sources, lang, &entry_for, diags);
        let mut tree = Tree {
            lang: lang.clone(),
            home,
            modules,
            about,
            redirects: Vec::new(),
            assets,
            outputs: HashMap::new(),
            asset_outputs,
            slots: HashMap::new(),
        };
        tree.outputs = Site::entries(&tree)
            .map(|e| (e.rel.clone(), e.output.clone()))
            .collect();
        tree.index_entries();
        trees.push(tree);
    }

    let mut site = Site {
        root,
        config,
        source_lang,
        languages,
        docs,
        trees,
        locales,
        theme,
        glossary,
        history: Arc::default(),
    };
    aliases::resolve(&mut site, diags);
    site
}

/// Output names a page at the top of a language tree may not take: equil
/// writes these files itself.
pub const RESERVED_TOP: &[&str] = &[
    "index",
    "print",
    "glossary",
    "search-index",
    "404",
    "whats-new",
    "feed",
];

/// The pages at the top of a language tree, ordered by `order` then file
/// name, written to `<lang>/<slug>.html`.
fn about_entries(
    docs: &[Doc],
    sources: &[DocId],
    lang: &str,
    entry_for: &dyn Fn(DocId) -> (DocId, Status),
    diags: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let mut ordered = sources.to_vec();
    ordered.sort_by(|a, b| {
        (docs[*a].fm.order.unwrap_or(i64::MAX), &docs[*a].rel)
            .cmp(&(docs[*b].fm.order.unwrap_or(i64::MAX), &docs[*b].rel))
    });
    let mut out = Vec::new();
    for source in ordered {
        let (doc, status) = entry_for(source);
        let stem = docs[source].rel.trim_end_matches(".md");
        let slug = docs[doc]
            .fm
            .slug
            .clone()
            .or_else(|| docs[source].fm.slug.clone())
            .unwrap_or_else(|| stem.to_string());
        let clash = RESERVED_TOP.contains(&slug.as_str())
            || out
                .iter()
                .any(|e: &Entry| e.output == format!("{lang}/{slug}.html"));
        if clash {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateOutput,
                    format!("a page at the top of the language tree may not be written to {lang}/{slug}.html: equil or another page uses that name"),
                )
                .at(&docs[doc].path)
                .help("rename the file, or set another `slug`"),
            );
            continue;
        }
        out.push(Entry {
            rel: docs[source].rel.clone(),
            doc,
            source,
            status,
            output: format!("{lang}/{slug}.html"),
        });
    }
    out
}

/// The source-language files of a module folder.
#[derive(Default)]
struct ModuleFiles {
    index: Option<DocId>,
    pages: Vec<DocId>,
    /// Files in a page's folder: `<page>/<handout>.md`.
    handouts: Vec<DocId>,
}

/// What attaching a module's handouts to its pages needs.
struct HandoutScope<'a> {
    docs: &'a [Doc],
    lang: &'a str,
    source_lang: &'a str,
    /// The module's folder and output slug.
    dir: &'a str,
    slug: &'a str,
    pages: &'a [Entry],
}

/// The handouts of a module (source-language documents `found`), each
/// attached to the page whose folder it is in.
fn attach_handouts(
    s: &HandoutScope<'_>,
    found: &[DocId],
    make: &dyn Fn(DocId, String) -> Entry,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Handout> {
    let docs = s.docs;
    let report = s.lang == s.source_lang;
    let mut out: Vec<Handout> = Vec::new();
    for &h in found {
        let doc = &docs[h];
        let in_module = doc.rel.split_once('/').map(|(_, r)| r);
        let Some((card, file)) = in_module.and_then(|r| r.split_once('/')) else {
            continue;
        };
        let parent_rel = format!("{}/{card}.md", s.dir);
        let Some(page) = s.pages.iter().position(|p| p.rel == parent_rel) else {
            if report {
                diags.push(
                    Diagnostic::warning(
                        Code::Layout,
                        format!("this handout belongs to no page: content/{}/{parent_rel} does not exist; it is skipped", s.source_lang),
                    )
                    .at(&doc.path)
                    .help(format!("a handout goes in the folder named after its tool card or page; check the folder name `{card}`")),
                );
            }
            continue;
        };
        if doc.fm.kind != Some(Kind::Handout) {
            if report {
                diags.push(
                    Diagnostic::warning(
                        Code::Layout,
                        "a page in a page's folder must be a handout; it is skipped",
                    )
                    .at(&doc.path)
                    .help("add `kind: handout` to its front matter, or move it into the module folder"),
                );
            }
            continue;
        }
        let name = file.trim_end_matches(".md").to_string();
        let page_file = s.pages[page].output.rsplit('/').next().unwrap_or("");
        let page_slug = page_file.trim_end_matches(".html");
        let lang = s.lang;
        out.push(Handout {
            page,
            card: card.to_string(),
            entry: make(h, format!("{lang}/{}/{page_slug}/{name}.html", s.slug)),
            sheet: format!("{lang}/{}/print/{page_slug}/{name}.html", s.slug),
            name,
        });
    }
    out.sort_by(|a, b| {
        let key = |x: &Handout| (x.page, docs[x.entry.source].fm.order.unwrap_or(i64::MAX));
        key(a).cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Two languages of the site called the same (`中文` for both `zh-Hans` and
/// `zh-Hant`) get CLDR's names, which tell script and region variants apart.
fn distinct_names(languages: &mut [Language]) {
    let names: Vec<String> = languages.iter().map(|l| l.name.clone()).collect();
    for l in languages.iter_mut() {
        if names.iter().filter(|n| **n == l.name).count() > 1 {
            if let Some(n) = crate::load::names::native_name(&l.code) {
                l.name = n;
            }
        }
    }
}

/// Keys that do not need translating (`order`, `kind`, `duration`,
/// `group_size`, a session plan's `start` and `agenda`) are taken from the
/// source page when a translation leaves them out.
fn inherit_from_source(docs: &mut [Doc], source_lang: &str) {
    let sources: HashMap<String, FrontMatter> = docs
        .iter()
        .filter(|d| d.lang == source_lang)
        .map(|d| (d.rel.clone(), d.fm.clone()))
        .collect();
    for d in docs.iter_mut().filter(|d| d.lang != source_lang) {
        if let Some(source) = sources.get(&d.rel) {
            inherit(&mut d.fm, source);
        }
    }
}

/// Gives a translation's front matter what it takes from its source page's
/// (see [`inherit_from_source`]).
pub fn inherit(fm: &mut FrontMatter, source: &FrontMatter) {
    if fm.agenda.is_empty() && !source.agenda.is_empty() {
        fm.start = fm.start.take().or_else(|| source.start.clone());
        fm.agenda = source.agenda.clone();
        fm.agenda_lines = source.agenda_lines.clone();
        fm.agenda_inherited = true;
    }
    fm.order = fm.order.or(source.order);
    fm.kind = fm.kind.or(source.kind);
    fm.duration = fm.duration.or(source.duration);
    if fm.group_size.is_none() {
        fm.group_size = source.group_size.clone();
    }
}

fn content_assets<'a>(all: &'a [Asset], lang: &str, source: &str) -> Vec<&'a Asset> {
    let own: HashMap<&str, &Asset> = all
        .iter()
        .filter(|a| a.lang == lang)
        .map(|a| (a.rel.as_str(), a))
        .collect();
    let mut out: Vec<&Asset> = own.values().copied().collect();
    for a in all.iter().filter(|a| a.lang == source) {
        if !own.contains_key(a.rel.as_str()) {
            out.push(a);
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Module => "module",
        Kind::Page => "page",
        Kind::Toolkit => "toolkit",
        Kind::Tool => "tool",
        Kind::Handout => "handout",
        Kind::Session => "session",
    }
}
