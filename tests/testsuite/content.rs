//! The EQUIL handbook's own content: the coverage the project promises
//! (issue "The EQUIL handbook"), so that a later edit cannot silently drop it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// Front matter (as YAML) and body of a content file.
fn read(path: &Path) -> (serde_yaml::Mapping, String) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let end = rest
        .find("\n---\n")
        .unwrap_or_else(|| panic!("{}: unclosed front matter", path.display()));
    let fm: serde_yaml::Mapping = serde_yaml::from_str(&rest[..end]).unwrap();
    (fm, rest[end + 5..].to_string())
}

fn md_files(lang: &str) -> Vec<String> {
    files_under(&repo().join("content").join(lang))
        .into_iter()
        .filter(|f| f.ends_with(".md"))
        .collect()
}

const MODULES: [&str; 3] = [
    "employment-models",
    "practitioner-skills",
    "supporting-employers",
];
const TOOLKIT: &str = "co-production-toolkit";

#[test]
fn english_source_is_complete() {
    let en = repo().join("content/en");
    let (home, body) = read(&en.join("_index.md"));
    assert!(home.contains_key("title"));
    assert!(body.split_whitespace().count() > 300, "home page too short");

    for module in MODULES.iter().chain([&TOOLKIT]) {
        let (fm, _) = read(&en.join(module).join("_index.md"));
        for key in [
            "title",
            "summary",
            "kind",
            "order",
            "duration",
            "audience",
            "objectives",
        ] {
            assert!(fm.contains_key(key), "{module}/_index.md lacks `{key}`");
        }
        let expected_kind = if *module == TOOLKIT {
            "toolkit"
        } else {
            "module"
        };
        assert_eq!(fm["kind"].as_str(), Some(expected_kind), "{module}");
    }
    for module in MODULES {
        // Pages of the module (not handouts in a page's folder, nor session plans).
        let pages: Vec<String> = md_files("en")
            .into_iter()
            .filter(|f| f.starts_with(&format!("{module}/")) && !f.ends_with("_index.md"))
            .filter(|f| f.matches('/').count() == 1)
            .filter(|f| read(&en.join(f)).0.get("kind").and_then(|k| k.as_str()) != Some("session"))
            .collect();
        assert!(pages.len() >= 4, "{module} has {} pages", pages.len());
        for p in pages {
            let (fm, body) = read(&en.join(&p));
            assert!(
                fm.contains_key("title") && fm.contains_key("summary"),
                "{p}"
            );
            assert!(
                body.contains("> [!"),
                "{p} has no exercise or reflection admonition"
            );
            assert!(
                body.split_whitespace().count() > 400,
                "{p} is too short to be training material"
            );
        }
    }
}

#[test]
fn toolkit_has_complete_tool_cards() {
    let en = repo().join("content/en");
    // The cards (not their handouts, in each card's folder, nor session plans).
    let tools: Vec<String> = md_files("en")
        .into_iter()
        .filter(|f| f.starts_with(&format!("{TOOLKIT}/")) && !f.ends_with("_index.md"))
        .filter(|f| f.matches('/').count() == 1)
        .filter(|f| read(&en.join(f)).0.get("kind").and_then(|k| k.as_str()) != Some("session"))
        .collect();
    assert!(tools.len() >= 8, "only {} tool cards", tools.len());
    for t in tools {
        let (fm, body) = read(&en.join(&t));
        assert_eq!(fm["kind"].as_str(), Some("tool"), "{t}");
        assert!(fm["duration"].as_u64().is_some(), "{t}: duration");
        assert!(fm.contains_key("group_size"), "{t}: group_size");
        assert!(
            fm["materials"]
                .as_sequence()
                .map(|s| !s.is_empty())
                .unwrap_or(false),
            "{t}: materials"
        );
        assert!(body.contains("## Purpose"), "{t}: purpose");
        let steps = body
            .split("## Steps")
            .nth(1)
            .unwrap_or_else(|| panic!("{t}: no steps"));
        assert!(
            steps.contains("\n1. ") && steps.contains("\n2. "),
            "{t}: steps are not numbered"
        );
        assert!(body.contains("> [!"), "{t}: no admonition");
    }
}

const LANGS: [&str; 5] = ["en", "nl", "da", "es", "it"];

/// Whether a content file is written for its country (`localised: true`).
fn localised(fm: &serde_yaml::Mapping) -> bool {
    fm.get("localised").and_then(|v| v.as_bool()) == Some(true)
}

#[test]
fn every_language_has_every_page() {
    let en = md_files("en");
    assert!(
        en.len() >= 29 + 3 + 12 + 4, // pages; country page, sources, colophon; handouts; plans
        "only {} English pages",
        en.len()
    );
    for lang in ["nl", "da", "es", "it"] {
        assert_eq!(md_files(lang), en, "{lang} must have every page of en");
    }
    // Translations keep the keys that do not need translating.
    for lang in ["nl", "da", "es", "it"] {
        for f in md_files(lang) {
            let (src, _) = read(&repo().join("content/en").join(&f));
            let (tr, body) = read(&repo().join("content").join(lang).join(&f));
            assert!(!body.trim().is_empty(), "{lang}/{f} is empty");
            if localised(&tr) {
                continue;
            }
            for key in ["kind", "order", "duration", "group_size"] {
                assert_eq!(
                    src.get(key),
                    tr.get(key),
                    "{lang}/{f}: `{key}` differs from the source"
                );
            }
        }
    }
}

#[test]
fn every_language_has_its_country_page_glossary_sources_and_colophon() {
    let en_ids: Vec<String> = glossary_ids("en");
    assert!(en_ids.len() >= 30, "only {} glossary terms", en_ids.len());
    for lang in LANGS {
        let dir = repo().join("content").join(lang);
        let (fm, body) = read(&dir.join("supporting-employers/rights-and-support.md"));
        assert!(
            localised(&fm),
            "{lang}: the country page is not `localised: true`"
        );
        assert!(
            body.split_whitespace().count() > 800,
            "{lang}: country page too short"
        );
        for page in ["sources.md", "colophon.md"] {
            let (_, body) = read(&dir.join(page));
            assert!(
                body.split_whitespace().count() > 150,
                "{lang}/{page} too short"
            );
        }
        assert_eq!(glossary_ids(lang), en_ids, "{lang}: glossary ids");
    }
}

fn glossary_ids(lang: &str) -> Vec<String> {
    let path = repo().join("content").join(lang).join("glossary.yaml");
    let map: serde_yaml::Mapping =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut ids: Vec<String> = map
        .keys()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// Every printable a tool card's materials name exists as a handout, in every
/// language the card exists in.
#[test]
fn every_printable_of_a_card_is_a_handout() {
    let handouts = [
        "co-design-workshop/action-plan",
        "disclosure-rehearsal/disclosure-planning-sheet",
        "employer-role-play/scenario-cards",
        "employer-role-play/observer-sheet",
        "experience-story/story-guide",
        "experience-story/consent-form",
        "learning-goals-card/learning-goals-card",
        "story-circle/story-prompts",
        "strengths-interview/interview-questions",
        "strengths-interview/strengths-words",
        "support-network-map/network-map",
        "values-line-up/statements",
    ];
    for lang in LANGS {
        for h in handouts {
            let path = repo()
                .join("content")
                .join(lang)
                .join(TOOLKIT)
                .join(format!("{h}.md"));
            let (fm, _) = read(&path);
            assert_eq!(fm["kind"].as_str(), Some("handout"), "{lang}/{h}");
        }
        for m in MODULES.iter().chain([&TOOLKIT]) {
            let (fm, _) = read(&repo().join("content").join(lang).join(m).join("agenda.md"));
            assert_eq!(fm["kind"].as_str(), Some("session"), "{lang}/{m}/agenda.md");
        }
    }
}

/// Exercises and reflections are callouts of their own kind, never a tip or
/// a note that says "Exercise:" in bold.
#[test]
fn exercises_and_reflections_are_named_as_such() {
    let labels = [
        "Exercise",
        "Reflection",
        "Oefening",
        "Reflectie",
        "Øvelse",
        "Refleksion",
        "Ejercicio",
        "Reflexión",
        "Para reflexionar",
        "Esercizio",
        "Riflessione",
    ];
    for lang in LANGS {
        let mut exercises = 0;
        for f in md_files(lang) {
            let (_, body) = read(&repo().join("content").join(lang).join(&f));
            exercises +=
                body.matches("> [!EXERCISE]").count() + body.matches("> [!REFLECTION]").count();
            let lines: Vec<&str> = body.lines().collect();
            for (i, l) in lines.iter().enumerate() {
                if !(l.starts_with("> [!TIP]") || l.starts_with("> [!NOTE]")) {
                    continue;
                }
                let next = lines.get(i + 1).copied().unwrap_or("");
                for label in labels {
                    assert!(
                        !next.starts_with(&format!("> **{label}")),
                        "{lang}/{f}:{}: an exercise or reflection written as a tip or note",
                        i + 2
                    );
                }
            }
        }
        assert!(
            exercises >= 20,
            "{lang}: only {exercises} exercise and reflection callouts"
        );
    }
}

#[test]
fn interface_strings_exist_in_all_five_languages() {
    let ids = |lang: &str| -> BTreeMap<String, ()> {
        std::fs::read_to_string(repo().join("locales").join(lang).join("main.ftl"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with([' ', '#', '-', '*', '[']) && l.contains(" ="))
            .map(|l| (l.split(" =").next().unwrap().trim().to_string(), ()))
            .collect()
    };
    let en = ids("en");
    for lang in ["nl", "da", "es", "it"] {
        assert_eq!(
            ids(lang).keys().collect::<Vec<_>>(),
            en.keys().collect::<Vec<_>>(),
            "{lang}"
        );
    }
}

#[test]
fn the_handbook_builds_without_errors() {
    // Fails with the build's messages when it fails.
    let site = built_handbook();
    for lang in ["en", "nl", "da", "es", "it"] {
        assert!(site
            .join(lang)
            .join("co-production-toolkit/values-line-up.html")
            .is_file());
        assert!(site.join(lang).join("print.html").is_file());
    }
}

#[test]
fn the_handbook_checks_without_a_single_warning() {
    let out = equil(&[
        "check",
        "--format",
        "json",
        "--root",
        repo().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
}
