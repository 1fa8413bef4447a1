//! Which outputs a rebuild renders. Every page's inputs are hashed
//! ([`TreeRender::inputs_hash`], [`TreeRender::links_hash`]) and compared
//! with those of the page served: only pages whose inputs changed are
//! rendered again. Print documents depend on the pages they gather and on
//! the content version; the small shared files (search indexes, language
//! chooser, 404 page, sitemap, theme files) are always made again and
//! compared.
//!
//! [`TreeRender::inputs_hash`]: crate::render::pages::TreeRender::inputs_hash
//! [`TreeRender::links_hash`]: crate::render::pages::TreeRender::links_hash

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use super::store::Stored;
use super::Files;
use crate::model::{Entry, Site};
use crate::render::{Output, Renderer};

/// What must be rendered again whatever the inputs say: everything (the
/// theme or the settings changed), or the pages of some languages (their
/// interface strings changed). Kept until a rebuild succeeds.
#[derive(Debug, Default)]
pub struct Dirty {
    pub all: bool,
    pub langs: BTreeSet<String>,
    /// The templates must be compiled again (theme or strings changed).
    pub templates: bool,
}

impl Dirty {
    fn tree(&self, lang: &str) -> bool {
        self.all || self.langs.contains(lang)
    }
}

/// What the served files were rendered from.
#[derive(Default)]
pub struct Good {
    pub files: Arc<Files>,
    /// Inputs hash and links hash of each page served.
    pub page_sigs: HashMap<String, (u64, u64)>,
    /// What links could point to, per language (see
    /// [`crate::render::pages::TreeRender::link_targets_hash`]).
    pub link_targets: HashMap<String, u64>,
    /// Inputs hash of each print document served.
    pub print_sigs: HashMap<String, u64>,
    /// Source file of each asset served.
    pub assets: HashMap<String, PathBuf>,
}

/// An output rendered after the reload of the pages (a language's search
/// index or a print document), with the hash of its inputs.
#[derive(Debug, Clone)]
pub struct PendingPrint {
    pub tree: usize,
    pub what: Later,
    pub path: String,
    pub sig: u64,
}

/// What kind of output a [`PendingPrint`] is.
#[derive(Debug, Clone, Copy)]
pub enum Later {
    /// The language's search index.
    Search,
    /// The print document of a module, or (`None`) of the whole handbook.
    Print(Option<usize>),
}

impl PendingPrint {
    /// The output to render.
    pub fn output<'a>(&self) -> Output<'a> {
        match self.what {
            Later::Search => Output::Search { tree: self.tree },
            Later::Print(module) => Output::Print {
                tree: self.tree,
                module,
            },
        }
    }
}

/// What a rebuild renders, and what the site consists of afterwards.
pub struct Plan<'a> {
    /// What to render now.
    pub todo: Vec<Output<'a>>,
    /// Every output path of the site.
    pub paths: HashSet<String>,
    pub page_sigs: HashMap<String, (u64, u64)>,
    pub link_targets: HashMap<String, u64>,
    /// Search indexes and print documents to render after the pages.
    pub prints: Vec<PendingPrint>,
    pub assets: HashMap<String, PathBuf>,
}

/// Chooses the outputs to render: pages whose inputs changed, search
/// indexes and print documents whose pages changed (for later, after the
/// pages are reloaded), assets whose file changed, and the small shared
/// files (language chooser, 404 page, sitemap, theme files), which are
/// always re-made and compared.
pub fn plan<'a>(
    r: &Renderer<'a>,
    good: &Good,
    dirty: &Dirty,
    changed_sources: &HashSet<PathBuf>,
) -> Plan<'a> {
    let mut p = Plan {
        todo: Vec::new(),
        paths: HashSet::new(),
        page_sigs: HashMap::new(),
        link_targets: HashMap::new(),
        prints: Vec::new(),
        assets: HashMap::new(),
    };
    let sigs = r.inputs_hashes();
    let same_targets = p.same_link_targets(r, good);
    let mut print_outputs = Vec::new();
    for out in r.outputs() {
        let path = r.path_of(&out);
        p.paths.insert(path.clone());
        match out {
            Output::Page { tree, entry, .. } => {
                let inputs = sigs.get(&entry.output).copied().unwrap_or(0);
                let ctx = PageCheck {
                    good,
                    dirty,
                    same_targets: same_targets[tree],
                };
                p.page(r, out, (tree, entry), inputs, path, &ctx);
            }
            Output::Print { tree, module } => print_outputs.push((tree, module, path)),
            Output::Search { tree } => p.search(r, good, dirty, tree, path),
            Output::Asset {
                path: out_path,
                source,
            } => {
                let stale = good.assets.get(out_path).map(PathBuf::as_path) != Some(source)
                    || !good.files.contains_key(out_path)
                    || changed_sources.contains(source);
                if stale {
                    p.todo.push(out);
                }
                p.assets.insert(path, source.to_path_buf());
            }
            _ => p.todo.push(out),
        }
    }
    for (tree, module, path) in print_outputs {
        p.print(r, good, dirty, (tree, module), path);
    }
    p
}

/// What a page's staleness is judged against.
struct PageCheck<'g> {
    good: &'g Good,
    dirty: &'g Dirty,
    /// Whether the pages the tree's links point to are as in `good`.
    same_targets: bool,
}

impl<'a> Plan<'a> {
    /// Per tree: whether what its links point to is unchanged. Links are
    /// hashed again only where that changed, or the page did.
    fn same_link_targets(&mut self, r: &Renderer<'a>, good: &Good) -> Vec<bool> {
        r.trees
            .iter()
            .map(|t| {
                let h = t.link_targets_hash();
                self.link_targets.insert(t.tree.lang.clone(), h);
                good.link_targets.get(&t.tree.lang) == Some(&h)
            })
            .collect()
    }

    /// A page is re-rendered when its inputs or its links changed.
    fn page(
        &mut self,
        r: &Renderer<'a>,
        out: Output<'a>,
        (tree, entry): (usize, &Entry),
        inputs: u64,
        path: String,
        c: &PageCheck<'_>,
    ) {
        let old = c.good.page_sigs.get(&path).copied();
        let links = match old {
            Some((i, l)) if i == inputs && c.same_targets => l,
            _ => r.trees[tree].links_hash(entry),
        };
        let sig = (inputs, links);
        let stale = c.dirty.tree(&r.site.trees[tree].lang)
            || old != Some(sig)
            || !c.good.files.contains_key(&path);
        if stale {
            self.todo.push(out);
        }
        self.page_sigs.insert(path, sig);
    }

    /// A language's search index, for after the pages.
    fn search(&mut self, r: &Renderer<'a>, good: &Good, dirty: &Dirty, tree: usize, path: String) {
        let sig = search_sig(r, tree);
        self.later(r, (good, dirty), tree, Later::Search, path, sig);
    }

    /// A print document, for after the pages (its signature needs theirs).
    fn print(
        &mut self,
        r: &Renderer<'a>,
        good: &Good,
        dirty: &Dirty,
        (tree, module): (usize, Option<usize>),
        path: String,
    ) {
        let sig = print_sig(r, &self.page_sigs, tree, module);
        self.later(r, (good, dirty), tree, Later::Print(module), path, sig);
    }

    /// Queues a search index or print document whose signature changed.
    fn later(
        &mut self,
        r: &Renderer<'a>,
        (good, dirty): (&Good, &Dirty),
        tree: usize,
        what: Later,
        path: String,
        sig: u64,
    ) {
        let stale = dirty.tree(&r.site.trees[tree].lang)
            || good.print_sigs.get(&path) != Some(&sig)
            || !good.files.contains_key(&path);
        if stale {
            self.prints.push(PendingPrint {
                tree,
                what,
                path,
                sig,
            });
        }
    }
}

/// The inputs of a print document: the content version on its cover and
/// the inputs of every page it gathers.
pub(super) fn print_sig(
    r: &Renderer<'_>,
    page_sigs: &HashMap<String, (u64, u64)>,
    tree: usize,
    module: Option<usize>,
) -> u64 {
    let t = &r.site.trees[tree];
    let mut h = DefaultHasher::new();
    r.edition().version.hash(&mut h);
    r.edition().date.hash(&mut h);
    module.hash(&mut h);
    let mut add = |e: &Entry| page_sigs.get(&e.output).hash(&mut h);
    match module {
        Some(m) => {
            let m = &t.modules[m];
            add(&m.index);
            m.pages.iter().for_each(&mut add);
            m.handouts.iter().for_each(|x| add(&x.entry));
        }
        None => Site::entries(t).for_each(add),
    }
    h.finish()
}

/// The inputs of a language's search index: every page's place, address,
/// language and text (front matter and body), and the module names.
pub(super) fn search_sig(r: &Renderer<'_>, tree: usize) -> u64 {
    let t = &r.site.trees[tree];
    let mut h = DefaultHasher::new();
    t.lang.hash(&mut h);
    for m in &t.modules {
        m.slug.hash(&mut h);
    }
    for (pos, e) in r.trees[tree].tree.walk() {
        // The place (kind and numbers), whatever kinds of place there are.
        format!("{pos:?}").hash(&mut h);
        e.output.hash(&mut h);
        let d = r.site.doc(e.doc);
        (&d.lang, &d.path, d.text_hash).hash(&mut h);
    }
    h.finish()
}

/// The served files with `rendered` put in (where different) and files no
/// longer in the site (not in `paths`) taken out: (files, changed, removed).
pub fn replace(
    served: &Files,
    rendered: BTreeMap<String, Stored>,
    paths: &HashSet<String>,
) -> (Files, Vec<String>, Vec<String>) {
    let (mut files, changed) = put(served, rendered);
    let mut removed: Vec<String> = files
        .keys()
        .filter(|k| !paths.contains(*k))
        .cloned()
        .collect();
    removed.sort();
    for r in &removed {
        files.remove(r);
    }
    (files, changed, removed)
}

/// The served files with `rendered` put in where different: (files, changed).
pub fn put(served: &Files, rendered: BTreeMap<String, Stored>) -> (Files, Vec<String>) {
    let mut files = served.clone();
    let mut changed = Vec::new();
    for (path, stored) in rendered {
        if files.get(&path).map(|b| !b.same(&stored)).unwrap_or(true) {
            files.insert(path.clone(), Arc::new(stored));
            changed.push(path);
        }
    }
    (files, changed)
}
