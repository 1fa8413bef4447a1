//! Serving over HTTP: pages, folders, content types and 404 from memory,
//! paths outside the site refused, a busy port, stopping on Ctrl-C.

use super::*;

#[test]
fn serves_pages_folders_types_and_404_from_memory() {
    let f = Fixture::small();
    let s = Serve::start(f.root());

    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let page = s.get("/en/intro/first.html");
    assert_eq!(page.status, 200);
    assert!(content_text(&page).contains("Getting started"));
    // The live-reload script is in served HTML, not in the build output.
    assert!(page.body.contains("/__equil/events"));
    assert!(!page.has_overlay());

    let dir = s.get("/en/intro/");
    assert_eq!(dir.status, 200);
    assert_eq!(text(&dir.html(), "h1").as_deref(), Some("Introduction"));
    let redirect = s.get("/en/intro");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/en/intro/"));

    let css = s.get("/static/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.contains("__equil"));
    let svg = s.get("/en/intro/diagram.svg");
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    let js = s.get("/en/search-index.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );

    let missing = s.get("/en/intro/nothing-here.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<base href=\"/\">"),
        "{}",
        missing.body
    );

    assert!(!f.exists("public"), "serve must not write public/");
    f.build_ok();
    let built = f.read("public/en/intro/first.html");
    assert!(
        !built.contains("__equil"),
        "the build output has the live script"
    );
}

#[test]
fn paths_outside_the_site_are_refused() {
    // The site is in site/, next to a file it must not give away.
    let outer = Fixture::empty();
    outer.write("secret.txt", "TOP SECRET");
    let small = Fixture::small();
    for file in files_under(small.root()) {
        outer.write(&format!("site/{file}"), &small.read(&file));
    }
    let s = Serve::start(&outer.path("site"));
    for target in [
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/content/en/_index.md",
        "/site.yaml",
    ] {
        let r = s.get(target);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert!(!r.body.contains("TOP SECRET"), "{target} leaked the secret");
        assert!(
            !r.body.contains("source_language"),
            "{target} leaked site.yaml"
        );
    }
    assert_eq!(s.get("/en/index.html").status, 200);
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let f = Fixture::small();
    let out = f.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("port {port} is already in use")),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--port 0"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let f = Fixture::small();
    let mut s = Serve::start(f.root());
    let pid = s.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let start = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(start.elapsed() < DEADLINE, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    // Give the stderr reader a moment to drain.
    let start = Instant::now();
    while !s.stderr().contains("Stopped.") && start.elapsed() < Duration::from_secs(2) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(s.stderr().contains("Stopped."), "{}", s.stderr());
}
