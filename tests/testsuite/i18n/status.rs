//! `equil i18n status`: the documented JSON shape, and the repository's own
//! content as its files say.

use super::*;

#[test]
fn status_json_has_the_documented_shape() {
    let f = Fixture::small();
    let r = status(&f);
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&r),
        ["format_version", "languages", "source", "totals"]
    );
    assert_eq!(r["format_version"], 1);
    assert_eq!(keys(&r["source"]), ["code", "messages", "name", "pages"]);
    assert_eq!(r["source"]["pages"], 6);
    let nl = lang(&r, "nl");
    assert_eq!(
        keys(nl),
        [
            "code",
            "complete_percent",
            "glossary",
            "messages",
            "name",
            "pages",
            "terminology"
        ]
    );
    assert_eq!(
        keys(&nl["pages"]),
        [
            "current",
            "errors",
            "files",
            "localised",
            "missing",
            "outdated",
            "outdated_details",
            "percent",
            "total",
            "translated",
            "unknown"
        ]
    );
    assert_eq!(
        keys(&nl["pages"]["files"]),
        [
            "current",
            "errors",
            "localised",
            "missing",
            "orphans",
            "outdated",
            "unknown"
        ]
    );
    assert_eq!(
        keys(&nl["messages"]),
        [
            "errors",
            "extra",
            "ids",
            "missing",
            "percent",
            "syntax_errors",
            "total",
            "translated"
        ]
    );
    assert_eq!(
        keys(&nl["messages"]["ids"]),
        ["extra", "missing", "needs_translation"]
    );
    assert_eq!(nl["pages"]["translated"], 3);
    assert_eq!(nl["pages"]["percent"]["translated"], 50.0);
    assert_eq!(
        strings(&nl["pages"]["files"]["missing"]),
        ["intro/second.md", "toolkit/_index.md", "toolkit/line-up.md"]
    );
}

/// The repository's own handbook: what status says matches the files.
#[test]
fn status_of_the_repository_content_matches_its_files() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = equil(&["i18n", "status", "--format", "json", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let pages_of = |l: &str| -> Vec<String> {
        files_under(&Path::new(root).join("content").join(l))
            .into_iter()
            .filter(|p| p.ends_with(".md"))
            .collect()
    };
    let source = pages_of("en");
    for l in r["languages"].as_array().expect("languages") {
        let code = l["code"].as_str().expect("code");
        let have = pages_of(code);
        let files = &l["pages"]["files"];
        let mut translated: Vec<String> = ["current", "outdated", "unknown", "localised"]
            .iter()
            .flat_map(|k| strings(&files[*k]))
            .collect();
        translated.sort();
        let expect: Vec<String> = source
            .iter()
            .filter(|p| have.contains(p))
            .cloned()
            .collect();
        assert_eq!(translated, expect, "{code}");
        let missing: Vec<String> = source
            .iter()
            .filter(|p| !have.contains(p))
            .cloned()
            .collect();
        assert_eq!(strings(&files["missing"]), missing, "{code}");
        assert_eq!(
            strings(&files["unknown"]),
            Vec::<String>::new(),
            "{code}: run mark-current"
        );
    }
}
