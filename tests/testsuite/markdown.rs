//! Markdown as GitHub renders it, built by equil: the fixture site in
//! tests/fixtures/github-markdown (anchors copied from GitHub's preview in
//! English, French, Hindi, Tamil, Persian, Russian and Japanese, emoji
//! headings, Jekyll `markdown="1"` asides, raw HTML checklists with the same
//! ids on two pages of one module, raw images) checks and builds cleanly,
//! and every link and anchor of every page and print page resolves.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;

/// A copy of the fixture site in a temporary folder (builds write into it).
fn fixture() -> Fixture {
    Fixture::copy_of("github-markdown")
}

fn errors(all: &[Value]) -> Vec<&Value> {
    all.iter().filter(|d| d["severity"] == "error").collect()
}

/// The ids (and `<a name>`s) of a document; panics on an id used twice.
fn ids(path: &Path, doc: &Html) -> HashSet<String> {
    let mut seen = HashSet::new();
    for el in doc.select(&sel("[id]")) {
        let id = el.value().attr("id").unwrap_or_default().to_string();
        assert!(
            seen.insert(id.clone()),
            "id `{id}` twice in {}",
            path.display()
        );
    }
    for el in doc.select(&sel("a[name]")) {
        seen.insert(el.value().attr("name").unwrap_or_default().to_string());
    }
    seen
}

/// Every relative `href`/`src` of every HTML file under `public` points at a
/// file that exists and, with a fragment, at an id in it; every `<label for>`
/// at an id of its own page. Returns how many links with a fragment were followed.
fn every_link_resolves(public: &Path) -> usize {
    let mut docs: HashMap<PathBuf, (Html, HashSet<String>)> = HashMap::new();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    for p in &files {
        let doc = Html::parse_document(&std::fs::read_to_string(p).expect("read"));
        let ids = ids(p, &doc);
        docs.insert(p.clone(), (doc, ids));
    }
    let mut anchors = 0;
    for p in &files {
        let (doc, own) = &docs[p];
        for label in doc.select(&sel("label[for]")) {
            let target = label.value().attr("for").unwrap_or_default();
            assert!(
                own.contains(target),
                "label for `{target}` in {}",
                p.display()
            );
        }
        let (links, images) = (sel("a[href]"), sel("img[src]"));
        let refs: Vec<&str> = doc
            .select(&links)
            .map(|e| e.value().attr("href").unwrap_or_default())
            .chain(
                doc.select(&images)
                    .map(|e| e.value().attr("src").unwrap_or_default()),
            )
            .collect();
        for href in refs {
            if href.is_empty() || href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
            let path = path.split('?').next().unwrap_or_default();
            let target = if path.is_empty() {
                p.clone()
            } else {
                let t = p.parent().expect("dir").join(percent_decode(path));
                let t = if t.is_dir() { t.join("index.html") } else { t };
                std::fs::canonicalize(&t)
                    .unwrap_or_else(|_| panic!("{href} in {}: no such file", p.display()))
            };
            if fragment.is_empty() {
                continue;
            }
            let fragment = percent_decode(fragment);
            let target = files
                .iter()
                .find(|f| {
                    std::fs::canonicalize(f).ok().as_deref() == Some(target.as_path())
                        || **f == target
                })
                .unwrap_or_else(|| panic!("{href} in {}: not a page", p.display()));
            assert!(
                docs[target].1.contains(&fragment),
                "{href} in {}: no id `{fragment}` in {}",
                p.display(),
                target.display()
            );
            anchors += 1;
        }
    }
    anchors
}

fn heading_ids(f: &Fixture, page: &str) -> Vec<String> {
    attrs(&f.html(page), ".content h2", "id")
}

#[test]
fn github_markdown_site_checks_builds_and_every_anchor_resolves() {
    let f = fixture();
    let (code, all) = f.check_json();
    assert_eq!(code, 0, "{:#?}", errors(&all));
    assert!(errors(&all).is_empty(), "{:#?}", errors(&all));
    assert!(
        !all.iter()
            .any(|d| d["code"] == "W107" || d["code"] == "W120" || d["code"] == "W108"),
        "{all:#?}"
    );
    f.build_ok();

    heading_ids_are_githubs(&f);
    jekyll_asides_hold_markdown(&f);
    checklists_keep_their_labels(&f);
    bare_addresses_are_links(&f);

    let followed = every_link_resolves(&f.path("public"));
    assert!(followed > 60, "{followed} links with anchors followed");
}

/// Ids as GitHub writes them, in every script; the theme's ids are reserved.
fn heading_ids_are_githubs(f: &Fixture) {
    assert_eq!(
        heading_ids(f, "en/coaching/headings.html"),
        [
            "tldr",
            "what-does-a-job-coach-do",
            "dont-tolerate-bad-actors",
            "main-1",
            "search-results-1",
            "-celebrate-progress"
        ]
    );
    let expected = [
        (
            "fr",
            &[
                "quest-ce-quun-job-coach-",
                "lemploi-dabord",
                "-célébrer-les-progrès",
            ][..],
        ),
        ("hi", &["आईपीएस-क्या-है", "काम-और-कम"][..]),
        ("ta", &["வேலை-பயிற்சியாளர்-யார்", "முதல்-வாரம்"][..]),
        ("fa", &["میخواهم-کار-کنم", "گام-نخست"][..]),
        ("ru", &["работа--это-путь", "первая-неделя"][..]),
        ("ja", &["ジョブコーチとは", "最初の一週間"][..]),
    ];
    for (lang, want) in expected {
        assert_eq!(
            heading_ids(f, &format!("{lang}/coaching/headings.html")),
            want,
            "{lang}"
        );
    }
}

/// Jekyll asides: Markdown inside, across blank lines.
fn jekyll_asides_hold_markdown(f: &Fixture) {
    let aside = f.html("en/coaching/aside.html");
    let paras = aside.select(&sel(".content aside.note p")).count();
    assert_eq!(paras, 2);
    assert_eq!(
        attrs(&aside, ".content aside.note a", "href"),
        [
            "checklist-two.html#before-the-interview",
            "https://www.equilcoproduction.eu/"
        ]
    );
    assert_eq!(
        text(&aside, ".content aside.note strong").as_deref(),
        Some("Ask first.")
    );
    assert!(!f.read("public/en/coaching/aside.html").contains("[Someone"));
    assert_eq!(attrs(&aside, ".content div h2", "id"), ["inside-a-block"]);
    let last = attrs(&aside, ".content > p:last-of-type a", "href");
    assert_eq!(
        last,
        [
            "images/map.svg?v=2",
            "checklist-two.html?view=print#before-the-interview"
        ]
    );
}

/// Checklists keep their labels; in print, each chapter's ids are its own.
fn checklists_keep_their_labels(f: &Fixture) {
    let one = f.html("en/coaching/checklist-one.html");
    assert_eq!(attrs(&one, ".content label", "for"), ["cbox1", "cbox2"]);
    assert_eq!(
        attrs(&one, ".content input[type=checkbox][disabled]", "id"),
        ["cbox1", "cbox2"]
    );
    assert_eq!(attrs(&one, ".content img", "src"), ["images/map.svg"]);
    let print = f.html("en/coaching/print.html");
    let fors = attrs(&print, "label", "for");
    assert_eq!(fors.len(), 4);
    assert_eq!(fors.iter().collect::<HashSet<_>>().len(), 4, "{fors:?}");
    assert_eq!(
        attrs(&print, ".chapter img", "src"),
        ["images/map.svg", "images/map.svg"]
    );
    let handbook = f.html("en/print.html");
    assert_eq!(
        attrs(&handbook, ".chapter img", "src"),
        ["coaching/images/map.svg", "coaching/images/map.svg"]
    );
}

/// Bare addresses are links.
fn bare_addresses_are_links(f: &Fixture) {
    let home = f.html("en/index.html");
    let hrefs = attrs(&home, ".content a", "href");
    assert!(
        hrefs.contains(&"mailto:coaching@example.org".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"http://www.equilcoproduction.eu".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn links_to_old_ids_still_resolve_with_a_warning() {
    let f = fixture();
    f.write(
        "content/en/coaching/old-links.md",
        "---\ntitle: Old links\norder: 5\n---\nSee [bad actors](#don-t-tolerate-bad-actors) and [TL;DR](#tl-dr).\n\n## Don't tolerate bad actors\n\n## TL;DR\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 0, "{:#?}", errors(&all));
    let page = f.root().join("public/en/coaching/old-links.html");
    let old: Vec<&Value> = all.iter().filter(|d| d["code"] == "W120").collect();
    assert_eq!(old.len(), 2, "{all:#?}");
    assert_eq!(old[0]["path"], "content/en/coaching/old-links.md");
    assert_eq!(
        (old[0]["line"].as_u64(), old[0]["column"].as_u64()),
        (Some(5), Some(5))
    );
    assert!(
        old[0]["help"]
            .as_str()
            .unwrap_or_default()
            .contains("#dont-tolerate-bad-actors"),
        "{:#?}",
        old[0]
    );
    f.build_ok();
    every_link_resolves(&f.path("public"));
    let doc = Html::parse_document(&std::fs::read_to_string(page).expect("page"));
    assert_eq!(
        attrs(&doc, ".content h2 > span[id]", "id"),
        ["don-t-tolerate-bad-actors", "tl-dr"]
    );
}

#[test]
fn anchors_written_as_heading_text_get_the_id_as_a_hint() {
    let f = fixture();
    f.write(
        "content/en/coaching/old-links.md",
        "---\ntitle: Old links\norder: 5\n---\nSee [TL;DR](headings.md#TLDR) and [Main](<headings.md#Search results>).\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1);
    let errs = errors(&all);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(errs[0]["help"], "did you mean `#tldr`?");
    assert_eq!(errs[1]["help"], "did you mean `#search-results-1`?");
}

#[test]
fn raw_html_and_link_problems_are_reported_where_they_are() {
    let f = fixture();
    f.write(
        "content/en/coaching/problems.md",
        "---\ntitle: Problems\norder: 6\n---\nA map: <img src=\"images/mpa.svg\" alt=\"map\">\n\n<a href=\"zotero://select/items/1\">the source</a>\n\n[Run](vbscript:msgbox) and [doi](doi:10.1000/1) and <jo@example.org>.\n",
    );
    let (code, all) = f.check_json();
    assert_eq!(code, 1, "{all:#?}");
    let at = |code: &str| {
        all.iter()
            .find(|d| d["code"] == code && d["path"] == "content/en/coaching/problems.md")
            .map(|d| (d["line"].as_u64(), d["column"].as_u64(), d["help"].clone()))
            .unwrap_or_else(|| panic!("no {code}: {all:#?}"))
    };
    let (line, column, help) = at("E013");
    assert_eq!((line, column), (Some(5), Some(8)));
    assert_eq!(help, "did you mean `images/map.svg`?");
    assert_eq!(at("W107").0, Some(7));
    assert_eq!(at("E040").0, Some(9));
    // Nothing else: the doi: link and the e-mail address are fine.
    assert_eq!(errors(&all).len(), 2, "{all:#?}");
}

#[test]
fn headings_never_take_an_id_the_theme_uses() {
    use equil::render::markdown::slug::is_reserved;
    let dir = repo().join("themes/default");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        // Literal ids in templates, and ids search.js gives its elements.
        for pat in ["id=\"", ".id = \""] {
            for (i, _) in text.match_indices(pat) {
                let rest = &text[i + pat.len()..];
                let id = &rest[..rest.find('"').unwrap_or(0)];
                if !id.is_empty() && !id.contains("{{") {
                    found.push(id.to_string());
                }
            }
        }
    }
    assert!(found.len() >= 10, "{found:?}");
    for id in &found {
        let id = if id.ends_with('-') {
            format!("{id}0")
        } else {
            id.clone()
        };
        assert!(
            is_reserved(&id),
            "the theme uses id `{id}`: add it to RESERVED_IDS in src/render/markdown/slug.rs"
        );
    }
}
