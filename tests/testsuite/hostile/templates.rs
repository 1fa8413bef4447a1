//! Template loops are errors naming the templates, also when saved during
//! `serve`.

use super::*;

const TEMPLATES: &str = "themes/default/templates";

/// A template loop: the theme's files, the file and line reported, and
/// words of the message.
struct LoopCase {
    files: &'static [(&'static str, &'static str)],
    at: &'static str,
    line: usize,
    words: &'static str,
}

#[test]
fn template_loops_are_errors_naming_the_templates() {
    let cases = [
        LoopCase {
            files: &[
                ("a-loop.html", "<p>\n{% include \"b-loop.html\" %}</p>"),
                ("b-loop.html", "{% include \"a-loop.html\" %}"),
            ],
            at: "a-loop.html",
            line: 2,
            words: "a-loop.html → b-loop.html → a-loop.html",
        },
        LoopCase {
            files: &[("a-loop.html", "x\n{% include \"a-loop.html\" %}")],
            at: "a-loop.html",
            line: 2,
            words: "a-loop.html includes itself",
        },
        LoopCase {
            files: &[
                ("a-loop.html", "{% import \"loop-macros.html\" as lm %}{{ lm::walk(n=3) }}"),
                (
                    "loop-macros.html",
                    "{% macro walk(n) %}\n{% if n > 0 %}{{ self::walk(n=n - 1) }}{% endif %}\n{% endmacro walk %}",
                ),
            ],
            at: "loop-macros.html",
            line: 2,
            words: "macro `walk` in loop-macros.html calls itself",
        },
    ];
    for LoopCase {
        files,
        at,
        line,
        words,
    } in cases
    {
        let f = Fixture::small();
        f.write(
            &format!("{TEMPLATES}/page.html"),
            &page_including("a-loop.html"),
        );
        for (name, text) in files {
            f.write(&format!("{TEMPLATES}/{name}"), text);
        }
        let before = tree(f.root());
        let r = run(&["build"], Some(f.root()), &[]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_finding(&r.stderr, "E030", &format!("{TEMPLATES}/{at}"), line);
        assert!(r.stderr.contains(words), "{words}:\n{}", r.stderr);
        assert_eq!(tree(f.root()), before, "files changed");
    }
}

#[test]
fn a_template_loop_saved_during_serve_shows_the_overlay() {
    let f = Fixture::small();
    let mut s = Serve::start(f.root());
    s.deadline = WALL_LIMIT;
    s.wait_for("/en/intro/first.html", "the first page", |r| {
        r.body.contains("Getting started")
    });

    f.write(
        &format!("{TEMPLATES}/b-loop.html"),
        "{% include \"a-loop.html\" %}",
    );
    f.write(
        &format!("{TEMPLATES}/a-loop.html"),
        "<p>\n{% include \"b-loop.html\" %}</p>",
    );
    f.write(
        &format!("{TEMPLATES}/page.html"),
        &page_including("a-loop.html"),
    );
    let before = tree(f.root());
    let reply = s.wait_for("/en/intro/first.html", "the overlay", |r| {
        r.body.contains("equil-overlay") && r.body.contains("include each other in a loop")
    });
    let body = reply.body;
    assert!(body.contains("a-loop.html:2:1"), "{body}");
    assert!(s.running(), "serve stopped");
    // The last good page is still served under the overlay.
    assert!(body.contains("Getting started"));
    assert_eq!(tree(f.root()), before, "files changed");

    f.write(&format!("{TEMPLATES}/a-loop.html"), "<p>fixed</p>");
    s.wait_for("/en/intro/first.html", "the fix", |r| {
        r.body.contains("<p>fixed</p>") && !r.body.contains("id=\"equil-overlay\"")
    });
    assert!(s.running(), "serve stopped");
}
