//! Nothing lost, nothing escapes: hostile uses of the commands that write
//! files. Each case checks the exit code, the diagnostic (code, file, line)
//! and that every file the user owns is byte-identical afterwards.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::*;

/// Every file under `root` except the output folders, with its bytes.
fn sources(root: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(root)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("public/") && !p.starts_with("out/"))
        .collect()
}

#[test]
fn an_output_folder_with_other_files_is_refused_until_forced() {
    let f = Fixture::small();
    f.write("out/notes.txt", "my notes");
    let before = sources(f.root());
    let out = f.run(&["build", "--output", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("E051"), "{err}");
    assert!(err.contains("notes.txt"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(f.read("out/notes.txt"), "my notes");
    assert!(sources(f.root()) == before, "a file changed");

    let out = f.run(&["build", "--output", "out", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.exists("out/notes.txt"));
    assert!(f.exists("out/.equil-output"));
    // Now it is equil's own folder: rebuilt without --force.
    let out = f.run(&["build", "--output", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_site_its_parents_and_its_sources_are_never_replaced() {
    let f = Fixture::small();
    f.write("locales/nl/main.ftl", "nav-home = Start\n");
    f.write("themes/default/templates/.keep", "");
    let before = sources(f.root());
    for dir in [
        "content",
        "content/en",
        ".",
        "..",
        "locales",
        "themes/default",
        "public/../content",
    ] {
        for force in [false, true] {
            let mut args = vec!["build", "--output", dir];
            if force {
                args.push("--force");
            }
            let out = f.run(&args);
            assert_eq!(
                out.status.code(),
                Some(1),
                "--output {dir}: {}",
                stderr(&out)
            );
            let err = stderr(&out);
            assert!(err.contains("E051"), "--output {dir}: {err}");
            assert!(err.contains("not even --force"), "--output {dir}: {err}");
        }
    }
    assert!(sources(f.root()) == before, "a file changed");
    assert!(!f.exists("public"));
}

#[test]
fn an_output_written_by_an_earlier_equil_is_replaced() {
    let f = Fixture::small();
    f.build_ok();
    std::fs::remove_file(f.path("public/.equil-output")).unwrap();
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.exists("public/.equil-output"));
}

#[test]
fn folders_of_killed_builds_are_removed_by_the_next_build() {
    let f = Fixture::small();
    for name in [
        ".public.equil-staging-4000000-a1b2c3",
        ".public.equil-old-4000001-a1b2c3",
        ".equil-old-q1w2e3",
        ".public.equil-staging-x9y8z7",
    ] {
        f.write(&format!("{name}/en/index.html"), "half a build");
    }
    f.write(".notes/keep.txt", "mine");
    f.build_ok();
    let hidden: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(hidden, vec![".notes".to_string()]);
}

/// A site big enough that a build takes a while (for the kill tests).
fn big_site() -> Fixture {
    let f = Fixture::small();
    let para = "Work is part of recovery for many people. ".repeat(40);
    for i in 0..300 {
        f.write(
            &format!("content/en/intro/p{i:03}.md"),
            &format!("---\ntitle: Page {i}\n---\n## Part\n\n{para}\n"),
        );
    }
    f
}

#[cfg(unix)]
#[test]
fn a_build_stopped_by_sigterm_leaves_the_previous_output_and_nothing_else() {
    let f = big_site();
    f.build_ok();
    let marker = f.read("public/.equil-output");
    for delay_ms in [5, 30, 60, 120, 200] {
        let mut child = equil_command()
            .args(["build", "--root", f.root().to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // SAFETY: signals our own child process.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let status = child.wait().unwrap();
        // 130: stopped by its handler; killed by the signal itself: it came
        // before the handler was set up, when nothing had been written yet.
        use std::os::unix::process::ExitStatusExt;
        let stopped =
            matches!(status.code(), Some(0 | 130)) || status.signal() == Some(libc::SIGTERM);
        assert!(stopped, "{status:?}");
        assert_eq!(
            f.read("public/.equil-output"),
            marker,
            "after {delay_ms} ms"
        );
        assert!(f.exists("public/en/intro/p299.html"));
        let left: Vec<String> = std::fs::read_dir(f.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("equil-"))
            .collect();
        assert!(left.is_empty(), "after {delay_ms} ms: {left:?}");
    }
}

/// A site with one long translated page, for the mark-current cases.
fn translated_site(pages: usize) -> Fixture {
    let f = Fixture::small();
    let body = "Een lange alinea over werk en herstel. ".repeat(1000);
    for i in 0..pages {
        f.write(
            &format!("content/en/intro/long{i}.md"),
            &format!("---\ntitle: Long {i}\n---\n{body}\n"),
        );
        f.write(
            &format!("content/nl/intro/long{i}.md"),
            &format!("---\ntitle: Lang {i}\nsummary: \"Over werk\"\n---\n{body}\n"),
        );
    }
    f
}

#[cfg(unix)]
#[test]
fn mark_current_under_a_file_size_limit_leaves_the_page_whole() {
    let f = translated_site(1);
    let before = f.read("content/nl/intro/long0.md");
    assert!(before.len() > 30_000);
    // 8 blocks of 512 bytes: the new page cannot be written.
    let cmd = format!(
        "ulimit -f 8; exec '{}' i18n mark-current content/nl/intro/long0.md --root '{}'",
        env!("CARGO_BIN_EXE_equil"),
        f.root().display()
    );
    let status = Command::new("sh")
        .args(["-c", &cmd])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success());
    assert_eq!(f.read("content/nl/intro/long0.md"), before);
}

#[cfg(unix)]
#[test]
fn mark_current_killed_at_any_moment_leaves_old_or_new_pages() {
    let f = translated_site(20);
    let old: Vec<String> = (0..20)
        .map(|i| f.read(&format!("content/nl/intro/long{i}.md")))
        .collect();
    for attempt in 0..12u64 {
        let mut child = equil_command()
            .args(["i18n", "mark-current", "--lang", "nl", "--root"])
            .arg(f.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(attempt * 7 % 40));
        let _ = child.kill();
        let _ = child.wait();
        for (i, was) in old.iter().enumerate() {
            let now = f.read(&format!("content/nl/intro/long{i}.md"));
            let marked = now.starts_with("---\ntitle: Lang")
                && now.contains("\nsource_hash: \"")
                && now.ends_with(&was[was.find("\n---\n").unwrap()..]);
            assert!(
                now == *was || marked,
                "page {i} damaged after attempt {attempt}"
            );
        }
    }
    // And the command still works afterwards.
    let out = f.run(&["i18n", "mark-current", "--lang", "nl"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn mark_current_refuses_front_matter_it_cannot_edit_safely() {
    for (front, line, words) in [
        ("{title: Eerste pagina, summary: x}\n", 2, "flow style"),
        ("  title: Eerste pagina\n  summary: x\n", 2, "indented"),
        ("title: Eerste pagina\n...\n", 3, "`...`"),
        (
            "title: Eerste pagina\n? source_hash\n: abc\n",
            3,
            "complex key",
        ),
        ("title: &t Eerste pagina\nsource_hash: *t\n", 3, "anchor"),
    ] {
        let f = Fixture::small();
        let text = format!("---\n{front}---\nTekst.\n");
        f.write("content/nl/intro/second.md", &text);
        let before = sources(f.root());
        let out = f.run(&["i18n", "mark-current", "content/nl/intro/second.md"]);
        check_refusal(&out, line, words);
        assert!(sources(f.root()) == before, "a file changed: {front}");
    }
}

fn check_refusal(out: &std::process::Output, line: usize, words: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    let err = stderr(out);
    assert!(err.contains("E052"), "{err}");
    assert!(
        err.contains(&format!("content/nl/intro/second.md:{line}:")),
        "{err}"
    );
    assert!(err.contains(words), "{err}");
}

#[cfg(unix)]
#[test]
fn mark_current_never_writes_through_a_link() {
    let f = Fixture::small();
    std::fs::remove_file(f.path("content/nl/intro/first.md")).unwrap();
    std::os::unix::fs::symlink(
        f.path("content/en/intro/first.md"),
        f.path("content/nl/intro/first.md"),
    )
    .unwrap();
    let source = f.read("content/en/intro/first.md");
    // The other translations are marked; the link is refused.
    let out = f.run(&["i18n", "mark-current", "--lang", "nl"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("E052"), "{err}");
    assert!(err.contains("content/nl/intro/first.md"), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(f.read("content/en/intro/first.md"), source);
    assert!(f.read("content/nl/intro/_index.md").contains("source_hash"));
    // Named on the command line, the link is refused as well.
    let before = sources(f.root());
    let out = f.run(&["i18n", "mark-current", "content/nl/intro/first.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(sources(f.root()) == before, "a file changed");
    assert!(
        std::fs::symlink_metadata(f.path("content/nl/intro/first.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn init_writes_titles_and_urls_that_cannot_inject_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("hb");
    let title = "Our \"best\" handbook\\\ntheme: /etc\nbase_url: javascript:alert(1) #";
    let out = equil(&["init", site.to_str().unwrap(), "--title", title]);
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(site.join("site.yaml")).unwrap()).unwrap();
    assert_eq!(yaml["title"].as_str(), Some(title));
    assert!(yaml.get("theme").is_none(), "{yaml:?}");
    assert!(yaml.get("base_url").is_none(), "{yaml:?}");
    let out = equil(&["build", "--root", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    for url in [
        "javascript:alert(1)",
        "ftp://example.org/",
        "https://example.org/\ntheme: x",
        "example.org",
    ] {
        let dir = tmp.path().join("bad");
        let out = equil(&["init", dir.to_str().unwrap(), "--base-url", url]);
        assert_eq!(out.status.code(), Some(1), "{url}: {}", stderr(&out));
        assert!(stderr(&out).contains("--base-url"), "{}", stderr(&out));
        assert!(!dir.exists(), "{url}: init left files behind");
    }
}

#[cfg(unix)]
#[test]
fn i18n_add_that_fails_half_way_leaves_nothing_behind() {
    let f = Fixture::small();
    // site.yaml is a link: equil reads it but will not write through it, so
    // the command fails after creating the new language's files.
    std::fs::rename(f.path("site.yaml"), f.path("settings.yaml")).unwrap();
    std::os::unix::fs::symlink("settings.yaml", f.path("site.yaml")).unwrap();
    let before = sources(f.root());
    let out = f.run(&["i18n", "add", "pt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("site.yaml"), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(!f.exists("content/pt"));
    assert!(!f.exists("locales/pt"));
    assert!(sources(f.root()) == before, "a file changed");
}

#[test]
fn a_theme_outside_the_site_is_refused() {
    for theme in ["/etc", "../../x", "a/b", ".."] {
        let f = Fixture::small();
        f.write(
            "site.yaml",
            &format!("languages: [en, nl]\ntheme: \"{theme}\"\n"),
        );
        let out = f.run(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{theme}: {}", stderr(&out));
        assert!(stderr(&out).contains("E040"), "{theme}: {}", stderr(&out));
        assert!(!f.exists("public"));
    }
}

#[cfg(unix)]
#[test]
fn a_theme_linked_from_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("static")).unwrap();
    std::fs::write(outside.path().join("static/secret.txt"), "secret").unwrap();
    let f = Fixture::small();
    f.write("site.yaml", "languages: [en, nl]\ntheme: mine\n");
    std::fs::create_dir_all(f.path("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path(), f.path("themes/mine")).unwrap();
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("E040"), "{}", stderr(&out));
    assert!(!f.exists("public"));
}

#[test]
fn assets_that_run_code_or_replace_generated_files_are_errors() {
    let f = Fixture::small();
    f.write("content/en/search-index.js", "alert(1)");
    f.write(
        "content/en/intro/evil.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
    );
    f.write("content/en/intro/page.html", "<script>alert(1)</script>");
    let out = f.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diags = findings_json(&out);
    let active: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "E041")
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert_eq!(
        active,
        vec![
            "content/en/intro/evil.svg",
            "content/en/intro/page.html",
            "content/en/search-index.js"
        ]
    );

    // Trusted authors may publish scripts, but never over equil's own files.
    let f = Fixture::small();
    f.write(
        "site.yaml",
        "languages: [en, nl]\nbase_url: https://example.org/\ntrust_html: true\n",
    );
    f.write("content/en/search-index.js", "alert(1)");
    f.write("content/en/intro/print.html", "<p>mine</p>");
    f.write("content/en/sitemap.xml", "<x/>");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for file in ["content/en/search-index.js", "content/en/intro/print.html"] {
        assert!(err.contains(file), "{file}: {err}");
    }
    assert!(err.contains("E014"), "{err}");
    assert!(!f.exists("public"));
}

#[test]
fn templates_cannot_read_the_environment() {
    let f = Fixture::small();
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block body %}{{ get_env(name=\"HOME\") }}{% endblock body %}",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("E030"), "{err}");
    assert!(err.contains("get_env"), "{err}");
    assert!(!f.exists("public"));
}

#[test]
fn summaries_are_escaped_once_in_the_description() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second page\nsummary: \"Tips & tricks for <work> \\\"now\\\"\"\n---\n## Details\n\nText.\n",
    );
    f.build_ok();
    let html = f.read("public/en/intro/second.html");
    assert!(
        html.contains(r#"<meta name="description" content="Tips &amp; tricks for  &quot;now&quot;">"#)
            || html.contains(r#"<meta name="description" content="Tips &amp; tricks for &lt;work&gt; &quot;now&quot;">"#),
        "{}",
        html.lines().find(|l| l.contains("description")).unwrap_or("")
    );
}
