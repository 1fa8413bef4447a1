//! The incremental rebuilds of `serve` against a full build of the same
//! files, after every kind of change.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use equil::pipeline::{self, SiteOptions};
use equil::serve::change::Changes;
use equil::serve::rebuild::Live;
use equil::write::MemorySink;

use super::changes::{navigation_changes, page_edits, site_changes, structure_changes};
use super::*;

/// Edits of the body, title or summary of pages in the site take the fast
/// path; nothing else does.
const FAST: [&str; 12] = [
    "body edit",
    "source body edit",
    "outdated source edited again",
    "translation body edit",
    "title edit",
    "summary edit",
    "module title edit",
    "translation title edit",
    "title and body edit",
    "home title edit",
    "handout title edit",
    "home edited",
];

/// The incremental rebuilds of `serve`, step by step, against a full build
/// of the same files: after every kind of change they must give exactly the
/// same site (nothing stale, nothing missing).
#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let f = Fixture::small();
    let mut run = LiveRun::start(&f);
    run.check("start");
    let none = run.live.render_print("en/no-such-module/print.html");
    assert!(
        none.as_ref().is_err_and(|e| e.contains("no print page")),
        "{none:?}"
    );
    let steps = page_edits(&f)
        .into_iter()
        .chain(navigation_changes(&f))
        .chain(structure_changes(&f))
        .chain(site_changes(&f));
    for (step, change) in steps {
        run.step(step, change.as_ref());
    }
    failing_edits(&mut run);
    template_changed_while_broken(&mut run);
}

/// `serve`'s live site, built from a fixture's files.
struct LiveRun<'f> {
    f: &'f Fixture,
    root: PathBuf,
    opts: SiteOptions,
    live: Live,
    never: AtomicBool,
}

impl<'f> LiveRun<'f> {
    /// The first build of `f`, with its print pages.
    fn start(f: &'f Fixture) -> Self {
        let root = f.root().canonicalize().unwrap();
        let opts = SiteOptions::new(&root);
        let mut live = Live::new(opts.clone());
        live.rebuild(&Changes::everything()).expect("first build");
        let never = AtomicBool::new(false);
        live.render_prints(&never).expect("print pages");
        LiveRun {
            f,
            root,
            opts,
            live,
            never,
        }
    }

    /// The served site must be a full build's, file for file and byte for byte.
    fn check(&mut self, step: &str) {
        let sink = MemorySink::default();
        let (outcome, _) = pipeline::run(&self.opts, &sink);
        assert!(
            !outcome.failed(),
            "{step}: full build failed: {:?}",
            outcome.diagnostics
        );
        let full = sink.files.into_inner().unwrap();
        let served = self.live.files();
        let mut served_paths: Vec<&String> = served.keys().collect();
        served_paths.sort();
        let full_paths: Vec<&String> = full.keys().collect();
        assert_eq!(served_paths, full_paths, "{step}: different files");
        let mut on_request = 0;
        for (path, bytes) in &full {
            let made = match served[path].is_on_request() {
                true => {
                    on_request += 1;
                    self.live
                        .render_print(path)
                        .unwrap_or_else(|e| panic!("{step}: {path}: {e}"))
                }
                false => served[path].bytes().into_owned(),
            };
            assert!(made == *bytes, "{step}: {path} differs from a full build");
        }
        assert!(on_request > 0, "{step}: print pages are made on request");
    }

    /// The fixture's files with their bytes.
    fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.root)
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(self.root.join(&p)).unwrap();
                (p, bytes)
            })
            .collect()
    }

    /// What the watcher reports between two snapshots: files added, removed
    /// or changed, and the folders renamed or removed.
    fn watched(
        &self,
        before: &BTreeMap<String, Vec<u8>>,
        after: &BTreeMap<String, Vec<u8>>,
    ) -> Changes {
        let root = &self.root;
        // A folder renamed or removed is reported as the folder alone.
        let dirs: Vec<&str> = ["content/en/extra", "content/en/bonus"]
            .into_iter()
            .filter(|dir| {
                let under = |m: &BTreeMap<String, Vec<u8>>| {
                    m.keys().any(|p| p.starts_with(&format!("{dir}/")))
                };
                under(before) && !under(after)
            })
            .collect();
        let mut paths: Vec<std::path::PathBuf> = before
            .keys()
            .chain(after.keys())
            .filter(|p| before.get(*p) != after.get(*p))
            .filter(|p| {
                !dirs
                    .iter()
                    .any(|d| p.starts_with(&format!("{d}/")) && !after.contains_key(*p))
            })
            .map(|p| root.join(p))
            .collect();
        paths.extend(dirs.iter().map(|d| root.join(d)));
        let mut changes = Changes::default();
        changes.add(root, "default", paths);
        changes
    }

    /// Makes a change, rebuilds what the watcher reports of it, and checks
    /// the result and whether it took the fast path.
    fn step(&mut self, step: &str, change: &dyn Fn()) {
        let before = self.snapshot();
        change();
        let after = self.snapshot();
        let changes = self.watched(&before, &after);
        let report = self
            .live
            .rebuild(&changes)
            .unwrap_or_else(|e| panic!("{step}: {:?}", e.errors));
        assert_eq!(report.fast, FAST.contains(&step), "{step}: fast path");
        self.live.render_prints(&self.never).expect("print pages");
        self.check(step);
    }

    /// The changes of `paths` (relative to the fixture).
    fn changes_of(&self, paths: &[&str]) -> Changes {
        let mut c = Changes::default();
        c.add(
            &self.root,
            "default",
            paths.iter().map(|p| self.root.join(p)),
        );
        c
    }

    /// Writes `text` to `path` (`None` deletes it) and rebuilds: when `ok`
    /// the site must equal a full build, else fail with a full build's
    /// errors. Whether it took the fast path.
    fn edit(&mut self, step: &str, path: &str, text: Option<&str>, ok: bool) -> bool {
        match text {
            Some(t) => self.f.write(path, t),
            None => std::fs::remove_file(self.f.path(path)).unwrap(),
        }
        let result = self.live.rebuild(&self.changes_of(&[path]));
        match (ok, result) {
            (true, Ok(report)) => {
                self.live.render_prints(&self.never).expect("print pages");
                self.check(step);
                report.fast
            }
            (false, Err(failure)) => {
                let (outcome, _) = pipeline::run(&self.opts, &MemorySink::default());
                let full: Vec<_> = outcome
                    .diagnostics
                    .into_iter()
                    .filter(|d| d.is_error())
                    .collect();
                assert_eq!(failure.errors, full, "{step}: errors as a full build's");
                false
            }
            (true, Err(e)) => panic!("{step}: {:?}", e.errors),
            (false, Ok(_)) => panic!("{step}: should fail"),
        }
    }
}

/// Body edits that break a link elsewhere, or in the page itself, fail as a
/// full build does; fixing them brings the site back.
fn failing_edits(run: &mut LiveRun<'_>) {
    let second = "content/en/intro/second.md";
    let good = run.f.read(second);
    // first.md links to `second.md#details`.
    let other_heading = good.replace("## Details", "## Other");
    run.edit("anchor gone", second, Some(&other_heading), false);
    run.edit("anchor back", second, Some(&good), true);
    let fresh = good.replace("New", "Fresh");
    assert!(
        run.edit("body edit after a fix", second, Some(&fresh), true),
        "a body edit after a full rebuild takes the fast path"
    );
    let linked = good.replace("New words.", "See [the third page](third.md).");
    run.edit("link to a missing page", second, Some(&linked), false);
    let third = "content/en/intro/third.md";
    run.edit(
        "linked page created",
        third,
        Some("---\ntitle: Third\n---\nHere.\n"),
        true,
    );
    run.edit("linked page deleted", third, None, false);
    run.edit("link removed", second, Some(&good), true);
    let broken = "---\ntitle: [broken\n---\nText.\n";
    run.edit("front matter broken", second, Some(broken), false);
    // Print pages are made from the site served, which has errors now.
    let refused = run.live.render_print("en/print.html");
    assert!(
        refused.as_ref().is_err_and(|e| e.contains("has errors")),
        "{refused:?}"
    );
    run.edit("front matter fixed", second, Some(&good), true);
    let newer = good.replace("New", "Newer");
    assert!(
        run.edit(
            "body edit after broken front matter",
            second,
            Some(&newer),
            true
        ),
        "fast path again"
    );
    run.edit("restored", second, Some(&good), true);
}

/// A template changed while a page is broken still counts once the page is
/// fixed.
fn template_changed_while_broken(run: &mut LiveRun<'_>) {
    let f = run.f;
    let good = f.read("content/en/intro/second.md");
    f.write("content/en/intro/second.md", "---\ntitle: [broken\n---\n");
    let page = builtin_template("page.html");
    f.write(
        "themes/default/templates/page.html",
        &page.replace(
            "{% block article %}",
            "{% block article %}<p>second edit</p>",
        ),
    );
    assert!(run
        .live
        .rebuild(&run.changes_of(&[
            "content/en/intro/second.md",
            "themes/default/templates/page.html"
        ]))
        .is_err());
    f.write("content/en/intro/second.md", &good);
    run.live
        .rebuild(&run.changes_of(&["content/en/intro/second.md"]))
        .expect("fixed");
    run.live.render_prints(&run.never).expect("print pages");
    run.check("template changed while broken");
}
