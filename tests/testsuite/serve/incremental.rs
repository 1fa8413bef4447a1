//! The incremental rebuilds of `serve` against a full build of the same
//! files, after every kind of change.

use super::*;

/// The incremental rebuilds of `serve`, step by step, against a full build
/// of the same files: after every kind of change they must give exactly the
/// same site (nothing stale, nothing missing).
#[test]
fn incremental_rebuilds_equal_a_full_build() {
    use equil::pipeline::{self, SiteOptions};
    use equil::serve::change::Changes;
    use equil::serve::rebuild::Live;
    use equil::write::MemorySink;
    use std::sync::atomic::AtomicBool;

    let f = Fixture::small();
    let root = f.root().canonicalize().unwrap();
    let opts = SiteOptions::new(&root);
    let mut live = Live::new(opts.clone());
    live.rebuild(&Changes::everything()).expect("first build");
    let never = AtomicBool::new(false);
    live.render_prints(&never).expect("print pages");

    let check = |live: &Live, step: &str| {
        let sink = MemorySink::default();
        let (outcome, _) = pipeline::run(&opts, &sink);
        assert!(
            !outcome.failed(),
            "{step}: full build failed: {:?}",
            outcome.diagnostics
        );
        let full = sink.files.into_inner().unwrap();
        let served = live.files();
        let mut served_paths: Vec<&String> = served.keys().collect();
        served_paths.sort();
        let full_paths: Vec<&String> = full.keys().collect();
        assert_eq!(served_paths, full_paths, "{step}: different files");
        for (path, bytes) in &full {
            assert!(
                served[path].bytes().as_ref() == bytes.as_slice(),
                "{step}: {path} differs from a full build"
            );
        }
    };
    check(&live, "start");

    type Step<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step<'_>> = vec![
        (
            "body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second page\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        // A source page's body: its translation's state (unknown) stays.
        (
            "source body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A note.", "A longer note."),
                )
            }),
        ),
        (
            "translation marked current",
            Box::new(|| {
                let en = f.read("content/en/intro/first.md");
                let body = en.splitn(3, "---\n").nth(2).unwrap();
                let hash = equil::load::content::source_hash("First page", body);
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("---\n## Aan", &format!("source_hash: {hash}\n---\n## Aan")),
                )
            }),
        ),
        // The translation becomes outdated: not a change the fast path takes.
        (
            "source edit outdates its translation",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A longer note.", "A note, edited."),
                )
            }),
        ),
        (
            "outdated source edited again",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A note, edited.", "A note, edited twice."),
                )
            }),
        ),
        (
            "translation body edit",
            Box::new(|| {
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("## Aan de slag", "## Aan de slag\n\nEen nieuwe alinea."),
                )
            }),
        ),
        (
            "title edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        (
            "order swap",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\norder: 0\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        (
            "new page",
            Box::new(|| {
                f.write(
                    "content/en/intro/third.md",
                    "---\ntitle: Third\n---\nSee [first](first.md).\n",
                )
            }),
        ),
        (
            "translation added",
            Box::new(|| {
                f.write(
                    "content/nl/intro/third.md",
                    "---\ntitle: Derde\n---\nZie [eerste](first.md).\n",
                )
            }),
        ),
        (
            "slug",
            Box::new(|| {
                f.write(
                    "content/nl/intro/third.md",
                    "---\ntitle: Derde\nslug: derde\n---\nZie [eerste](first.md).\n",
                )
            }),
        ),
        // first.md links to it from another module: only its links change.
        (
            "linked page moved",
            Box::new(|| {
                f.write("content/en/toolkit/line-up.md", "---\ntitle: Line-up\nkind: tool\norder: 1\nslug: lining-up\n---\n## Purpose\n\nSee where people stand.\n")
            }),
        ),
        (
            "page renamed",
            Box::new(|| {
                std::fs::rename(
                    f.path("content/en/intro/third.md"),
                    f.path("content/en/intro/fourth.md"),
                )
                .unwrap()
            }),
        ),
        (
            "page deleted",
            Box::new(|| std::fs::remove_file(f.path("content/en/intro/fourth.md")).unwrap()),
        ),
        (
            "module added",
            Box::new(|| {
                f.write(
                    "content/en/extra/_index.md",
                    "---\ntitle: Extra\nkind: module\norder: 3\n---\nMore.\n",
                );
                f.write("content/en/extra/one.md", "---\ntitle: One\n---\nOne.\n");
            }),
        ),
        (
            "module renamed",
            Box::new(|| {
                std::fs::rename(f.path("content/en/extra"), f.path("content/en/bonus")).unwrap()
            }),
        ),
        (
            "asset added",
            Box::new(|| {
                f.write(
                    "content/en/bonus/pic.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
                )
            }),
        ),
        (
            "asset changed",
            Box::new(|| {
                f.write(
                    "content/en/intro/diagram.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\"/>\n",
                )
            }),
        ),
        (
            "module deleted",
            Box::new(|| std::fs::remove_dir_all(f.path("content/en/bonus")).unwrap()),
        ),
        (
            "home edited",
            Box::new(|| {
                f.write(
                    "content/en/_index.md",
                    "---\ntitle: The handbook\n---\nWelcome. See [the module](intro/_index.md).\n",
                )
            }),
        ),
        (
            "strings",
            Box::new(|| {
                f.write(
                    "locales/nl/main.ftl",
                    &builtin_locale("nl").replace("Naar de inhoud", "Naar de tekst"),
                )
            }),
        ),
        (
            "template",
            Box::new(|| {
                f.write(
                    "themes/default/templates/page.html",
                    &builtin_template("page.html")
                        .replace("{% block article %}", "{% block article %}<p>edited</p>"),
                )
            }),
        ),
        (
            "settings",
            Box::new(|| {
                f.write(
                    "site.yaml",
                    "languages: [en, nl]\nsource_language: en\ntitle: Renamed site\n",
                )
            }),
        ),
    ];
    // What the watcher reports: files added, removed or changed, and the
    // folders renamed or removed.
    let snapshot = || -> std::collections::BTreeMap<String, Vec<u8>> {
        files_under(&root)
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(root.join(&p)).unwrap();
                (p, bytes)
            })
            .collect()
    };
    for (step, change) in steps {
        let before = snapshot();
        change();
        let after = snapshot();
        // A folder renamed or removed is reported as the folder alone.
        let dirs: Vec<&str> = ["content/en/extra", "content/en/bonus"]
            .into_iter()
            .filter(|dir| {
                let under = |m: &std::collections::BTreeMap<String, Vec<u8>>| {
                    m.keys().any(|p| p.starts_with(&format!("{dir}/")))
                };
                under(&before) && !under(&after)
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
        changes.add(&root, "default", paths);
        let report = live
            .rebuild(&changes)
            .unwrap_or_else(|e| panic!("{step}: {:?}", e.errors));
        // Body edits of pages in the site take the fast path; nothing else does.
        let fast = [
            "body edit",
            "source body edit",
            "outdated source edited again",
            "translation body edit",
        ];
        assert_eq!(report.fast, fast.contains(&step), "{step}: fast path");
        live.render_prints(&never).expect("print pages");
        check(&live, step);
    }

    // Body edits that break a link elsewhere, or in the page itself, fail
    // as a full build does; fixing them brings the site back.
    let changes_of = |paths: &[&str]| {
        let mut c = Changes::default();
        c.add(&root, "default", paths.iter().map(|p| root.join(p)));
        c
    };
    let second = "content/en/intro/second.md";
    let good = f.read(second);
    // `None` deletes the file.
    let mut edit = |step: &str, path: &str, text: Option<&str>, ok: bool| {
        match text {
            Some(t) => f.write(path, t),
            None => std::fs::remove_file(f.path(path)).unwrap(),
        }
        let result = live.rebuild(&changes_of(&[path]));
        match (ok, result) {
            (true, Ok(report)) => {
                live.render_prints(&never).expect("print pages");
                check(&live, step);
                report.fast
            }
            (false, Err(failure)) => {
                let (outcome, _) = pipeline::run(&opts, &MemorySink::default());
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
    };
    // first.md links to `second.md#details`.
    let other_heading = good.replace("## Details", "## Other");
    edit("anchor gone", second, Some(&other_heading), false);
    edit("anchor back", second, Some(&good), true);
    let fresh = good.replace("New", "Fresh");
    assert!(
        edit("body edit after a fix", second, Some(&fresh), true),
        "a body edit after a full rebuild takes the fast path"
    );
    let linked = good.replace("New words.", "See [the third page](third.md).");
    edit("link to a missing page", second, Some(&linked), false);
    let third = "content/en/intro/third.md";
    edit(
        "linked page created",
        third,
        Some("---\ntitle: Third\n---\nHere.\n"),
        true,
    );
    edit("linked page deleted", third, None, false);
    edit("link removed", second, Some(&good), true);
    let broken = "---\ntitle: [broken\n---\nText.\n";
    edit("front matter broken", second, Some(broken), false);
    edit("front matter fixed", second, Some(&good), true);
    let newer = good.replace("New", "Newer");
    assert!(
        edit(
            "body edit after broken front matter",
            second,
            Some(&newer),
            true
        ),
        "fast path again"
    );
    edit("restored", second, Some(&good), true);

    // A template changed while a page is broken still counts once the page
    // is fixed.
    f.write("content/en/intro/second.md", "---\ntitle: [broken\n---\n");
    let page = builtin_template("page.html");
    f.write(
        "themes/default/templates/page.html",
        &page.replace(
            "{% block article %}",
            "{% block article %}<p>second edit</p>",
        ),
    );
    assert!(live
        .rebuild(&changes_of(&[
            "content/en/intro/second.md",
            "themes/default/templates/page.html"
        ]))
        .is_err());
    f.write("content/en/intro/second.md", &good);
    live.rebuild(&changes_of(&["content/en/intro/second.md"]))
        .expect("fixed");
    live.render_prints(&never).expect("print pages");
    check(&live, "template changed while broken");
}
