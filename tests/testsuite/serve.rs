//! `equil serve`: a live server on a fixture site, driven over HTTP while
//! its files are edited, added, renamed and deleted.


use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

/// How long a change may take to show (debug builds on a busy machine).
const DEADLINE: Duration = Duration::from_secs(20);

/// A running `equil serve --port 0`, killed when dropped.
struct Serve {
    child: Child,
    /// `http://127.0.0.1:PORT`
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    fn start(f: &Fixture) -> Serve {
        Serve::start_at(f.root())
    }

    fn start_at(root: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_equil"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start equil serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let err_pipe = child.stderr.take().expect("stderr");
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err_pipe).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut serve = Serve {
            child,
            addr: String::new(),
            stderr,
        };
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
                if let Some(i) = line.find("http://127.0.0.1:") {
                    let url = line[i..].split_whitespace().next().unwrap_or("");
                    serve.addr = url.trim_end_matches('/').to_string();
                    return serve;
                }
            }
        }
        panic!("no URL printed; stderr:\n{}", serve.stderr());
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn port(&self) -> u16 {
        self.addr.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// A raw HTTP/1.0 GET of `target` (sent exactly as written).
    fn get(&self, target: &str) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port())).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read reply");
        Reply::parse(&raw)
    }

    /// Polls `target` until `ok` holds for the reply; panics after the deadline.
    fn wait_for(&self, target: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.get(target);
            if ok(&r) {
                return r;
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "{target}: {what} did not happen; last reply {}:\n{}\n--- stderr:\n{}",
                    r.status,
                    r.body,
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the reload event stream; its text arrives on the receiver.
    fn events(&self) -> Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port())).expect("connect");
        write!(
            s,
            "GET /__equil/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = s.read(&mut buf) {
                if n == 0
                    || tx
                        .send(String::from_utf8_lossy(&buf[..n]).into_owned())
                        .is_err()
                {
                    break;
                }
            }
        });
        // The stream is open once its first comment arrives.
        wait_text(&rx, &mut String::new(), ": equil live reload");
        rx
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads `rx` into `seen` until it contains `needle`; panics after the deadline.
fn wait_text(rx: &Receiver<String>, seen: &mut String, needle: &str) {
    let start = Instant::now();
    while !seen.contains(needle) {
        assert!(
            start.elapsed() < DEADLINE,
            "event stream never said {needle:?}; got:\n{seen}"
        );
        if let Ok(s) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.push_str(&s);
        }
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    fn has_overlay(&self) -> bool {
        self.html().select(&sel("#equil-overlay")).next().is_some()
    }
}

/// Whether `text` names `file:LINE:COLUMN`.
fn has_line_col(text: &str, file: &str) -> bool {
    text.match_indices(&format!("{file}:")).any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap_or("");
        let col: String = parts
            .next()
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()) && !col.is_empty()
    })
}

/// The text of the page's main content.
fn content_text(r: &Reply) -> String {
    text(&r.html(), ".content").unwrap_or_default()
}

#[test]
fn serves_pages_folders_types_and_404_from_memory() {
    let f = Fixture::small();
    let s = Serve::start(&f);

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
    let s = Serve::start_at(&outer.path("site"));
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
fn an_edit_is_served_in_every_language_and_announced() {
    let f = Fixture::small();
    let s = Serve::start(&f);
    let events = s.events();
    let mut seen = String::new();

    // second.md has no Dutch translation: nl shows the English page.
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second page\norder: 2\n---\n## Details\n\nFreshly edited text.\n",
    );
    for page in ["/en/intro/second.html", "/nl/intro/second.html"] {
        s.wait_for(page, "the edit", |r| {
            content_text(r).contains("Freshly edited")
        });
    }
    wait_text(&events, &mut seen, "event: reload");
    wait_text(&events, &mut seen, "en/intro/second.html");
    assert!(seen.contains("nl/intro/second.html"), "{seen}");
    // Pages the edit cannot reach were not touched.
    let reload = seen.split("event: reload").nth(1).unwrap_or("");
    assert!(!reload.contains("en/intro/first.html"), "{seen}");
    assert!(
        s.stderr().contains("content/en/intro/second.md:"),
        "{}",
        s.stderr()
    );
}

#[test]
fn a_new_title_reaches_the_navigation_of_other_pages() {
    let f = Fixture::small();
    let s = Serve::start(&f);
    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Renamed second page\norder: 2\n---\n## Details\n\nBack to [the first page](first.md).\n",
    );
    let r = s.wait_for(
        "/en/intro/first.html",
        "the new title in the navigation",
        |r| {
            r.html()
                .select(&sel(".module-nav a"))
                .any(|a| a.text().collect::<String>() == "Renamed second page")
        },
    );
    assert_eq!(r.status, 200);
    // The module overview and the search index follow too.
    s.wait_for("/en/search-index.js", "the new title in the index", |r| {
        r.body.contains("Renamed second page")
    });
}

#[test]
fn pages_and_folders_can_be_added_renamed_and_deleted() {
    let f = Fixture::small();
    let s = Serve::start(&f);
    let page = "---\ntitle: Third page\norder: 3\n---\nThe third page.\n";

    f.write("content/en/intro/third.md", page);
    s.wait_for("/en/intro/third.html", "the new page", |r| r.status == 200);
    s.wait_for("/en/intro/first.html", "the new page in the nav", |r| {
        r.body.contains("third.html")
    });
    // nl falls back to the English page.
    s.wait_for("/nl/intro/third.html", "the fallback", |r| r.status == 200);

    std::fs::rename(
        f.path("content/en/intro/third.md"),
        f.path("content/en/intro/fourth.md"),
    )
    .unwrap();
    s.wait_for("/en/intro/fourth.html", "the renamed page", |r| {
        r.status == 200
    });
    assert_eq!(
        s.get("/en/intro/third.html").status,
        404,
        "stale page left behind"
    );
    assert_eq!(
        s.get("/nl/intro/third.html").status,
        404,
        "stale fallback left behind"
    );

    std::fs::remove_file(f.path("content/en/intro/fourth.md")).unwrap();
    s.wait_for("/en/intro/fourth.html", "the page to go", |r| {
        r.status == 404
    });
    let first = s.get("/en/intro/first.html");
    assert!(
        !first.body.contains("fourth.html"),
        "deleted page still in the nav"
    );

    // A whole module folder: added, renamed, deleted.
    f.write(
        "content/en/extra/_index.md",
        "---\ntitle: Extra module\nkind: module\norder: 3\n---\nMore.\n",
    );
    f.write("content/en/extra/one.md", "---\ntitle: One\n---\nOne.\n");
    s.wait_for("/en/extra/one.html", "the new module", |r| r.status == 200);
    s.wait_for("/en/", "the new module on the home page", |r| {
        r.body.contains("Extra module")
    });
    std::fs::rename(f.path("content/en/extra"), f.path("content/en/bonus")).unwrap();
    s.wait_for("/en/bonus/one.html", "the renamed module", |r| {
        r.status == 200
    });
    assert_eq!(s.get("/en/extra/one.html").status, 404);
    assert_eq!(s.get("/en/extra/").status, 404);
    // Edits inside the renamed folder are still seen.
    f.write(
        "content/en/bonus/one.md",
        "---\ntitle: One\n---\nOne, edited.\n",
    );
    s.wait_for(
        "/en/bonus/one.html",
        "the edit in the renamed folder",
        |r| content_text(r).contains("One, edited."),
    );
    std::fs::remove_dir_all(f.path("content/en/bonus")).unwrap();
    s.wait_for("/en/bonus/one.html", "the module to go", |r| {
        r.status == 404
    });
    s.wait_for("/en/", "the module to leave the home page", |r| {
        !r.body.contains("Extra module")
    });
}

#[test]
fn editor_saves_by_rename_and_double_write_are_seen() {
    let f = Fixture::small();
    let s = Serve::start(&f);
    let target = f.path("content/en/intro/first.md");
    let text = |word: &str| {
        format!("---\ntitle: First page\norder: 1\n---\n## Getting started\n\n{word} [second](second.md#details).\n")
    };

    // JetBrains "safe write": temporary file, old one moved away, rename, delete.
    let tmp = f.path("content/en/intro/first.md___jb_tmp___");
    let old = f.path("content/en/intro/first.md___jb_old___");
    std::fs::write(&tmp, text("Jetbrains")).unwrap();
    std::fs::rename(&target, &old).unwrap();
    std::fs::rename(&tmp, &target).unwrap();
    std::fs::remove_file(&old).unwrap();
    s.wait_for("/en/intro/first.html", "the rename save", |r| {
        content_text(r).contains("Jetbrains")
    });

    // vim (backupcopy=no): a backup by rename, then a new file.
    let backup = f.path("content/en/intro/first.md~");
    std::fs::rename(&target, &backup).unwrap();
    std::fs::write(&target, text("Vim")).unwrap();
    std::fs::remove_file(&backup).unwrap();
    s.wait_for("/en/intro/first.html", "the vim save", |r| {
        content_text(r).contains("Vim")
    });

    // VS Code style: truncate, then write (twice, quickly).
    std::fs::write(&target, "").unwrap();
    std::fs::write(&target, text("Twice")).unwrap();
    let r = s.wait_for("/en/intro/first.html", "the double write", |r| {
        content_text(r).contains("Twice")
    });
    assert!(!r.has_overlay());
    assert!(!s.stderr().contains("rebuild failed"), "{}", s.stderr());
}

#[test]
fn broken_front_matter_shows_an_overlay_until_fixed() {
    let f = Fixture::small();
    let s = Serve::start(&f);
    let events = s.events();
    let mut seen = String::new();

    f.write(
        "content/en/intro/second.md",
        "---\ntitle: [Second page\norder: 2\n---\nBroken version.\n",
    );
    let r = s.wait_for("/en/intro/second.html", "the overlay", Reply::has_overlay);
    let location = text(&r.html(), "#equil-overlay .equil-location").unwrap_or_default();
    assert!(
        has_line_col(&location, "content/en/intro/second.md"),
        "no file:line:col in the overlay: {location}"
    );
    let message = text(&r.html(), "#equil-overlay .equil-message").unwrap_or_default();
    assert!(message.contains("error[E"), "{message}");
    // The last good page is still served under it.
    assert!(content_text(&r).contains("Back to"));
    assert!(!r.body.contains("Broken version"));
    // Every page shows it, and so does the event stream.
    assert!(s.get("/en/").has_overlay());
    wait_text(&events, &mut seen, "event: failed");
    assert!(
        has_line_col(&s.stderr(), "content/en/intro/second.md"),
        "{}",
        s.stderr()
    );

    f.write(
        "content/en/intro/second.md",
        "---\ntitle: Second page\norder: 2\n---\n## Details\n\nFixed version.\n",
    );
    let r = s.wait_for("/en/intro/second.html", "the fix", |r| {
        content_text(r).contains("Fixed version")
    });
    assert!(!r.has_overlay());
    assert!(!s.get("/en/").has_overlay());
    wait_text(&events, &mut seen, "event: reload");
}

#[test]
fn interface_strings_and_templates_are_reloaded() {
    let f = Fixture::small();
    let s = Serve::start(&f);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    // A site file overrides the built-in one of that language only.
    let nl = std::fs::read_to_string(repo.join("locales/nl/main.ftl")).unwrap();
    assert!(nl.contains("skip-to-content = Naar de inhoud"));
    f.write(
        "locales/nl/main.ftl",
        &nl.replace(
            "skip-to-content = Naar de inhoud",
            "skip-to-content = Direct naar de tekst",
        ),
    );
    s.wait_for("/nl/intro/first.html", "the new Dutch string", |r| {
        text(&r.html(), ".skip-link").as_deref() == Some("Direct naar de tekst")
    });
    assert_eq!(
        text(&s.get("/en/intro/first.html").html(), ".skip-link").as_deref(),
        Some("Skip to content")
    );

    // A template of the theme: every page that uses it.
    let page = std::fs::read_to_string(repo.join("themes/default/templates/page.html")).unwrap();
    f.write(
        "themes/default/templates/page.html",
        &page.replace(
            "{% block article %}",
            "{% block article %}<p class=\"marker\">Template edited</p>",
        ),
    );
    for p in [
        "/en/intro/first.html",
        "/nl/intro/first.html",
        "/en/intro/second.html",
    ] {
        s.wait_for(p, "the template change", |r| {
            r.body.contains("Template edited")
        });
    }
    // A theme stylesheet is copied again.
    f.write(
        "themes/default/static/style.css",
        "body { color: rebeccapurple; }\n",
    );
    s.wait_for("/static/style.css", "the new stylesheet", |r| {
        r.body.contains("rebeccapurple")
    });
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
    let mut s = Serve::start(&f);
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
                served[path].as_slice() == bytes.as_slice(),
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
                    &std::fs::read_to_string(
                        Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/nl/main.ftl"),
                    )
                    .unwrap()
                    .replace("Naar de inhoud", "Naar de tekst"),
                )
            }),
        ),
        (
            "template",
            Box::new(|| {
                f.write(
                    "themes/default/templates/page.html",
                    &std::fs::read_to_string(
                        Path::new(env!("CARGO_MANIFEST_DIR"))
                            .join("themes/default/templates/page.html"),
                    )
                    .unwrap()
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
        live.rebuild(&changes)
            .unwrap_or_else(|e| panic!("{step}: {:?}", e.errors));
        live.render_prints(&never).expect("print pages");
        check(&live, step);
    }

    // A template changed while a page is broken still counts once the page
    // is fixed.
    let changes_of = |paths: &[&str]| {
        let mut c = Changes::default();
        c.add(&root, "default", paths.iter().map(|p| root.join(p)));
        c
    };
    let good = f.read("content/en/intro/second.md");
    f.write("content/en/intro/second.md", "---\ntitle: [broken\n---\n");
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .unwrap();
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

/// A headless Chromium, killed when dropped.
struct Browser(Child);

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The titles of the pages open in a Chromium (from its DevTools endpoint).
fn browser_titles(devtools_port: u16) -> Vec<String> {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", devtools_port)) else {
        return Vec::new();
    };
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let _ = write!(s, "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    // The DevTools server keeps the connection open: read what Content-Length says.
    let mut reader = BufReader::new(s);
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return Vec::new();
    }
    let json = String::from_utf8_lossy(&body);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    list.as_array()
        .map(|a| {
            a.iter()
                .filter(|t| t["type"] == "page")
                .filter_map(|t| t["title"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// In a real browser: the page reloads by itself after an edit, and comes
/// back at the same scroll position. A test template writes the first
/// heading and the scroll position into the page title, which Chromium's
/// DevTools endpoint lists.
#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn a_browser_reloads_and_keeps_its_scroll_position() {
    let Some(chromium) = chromium() else { return };
    let f = Fixture::small();
    let filler = "Filler paragraph to make the page tall enough to scroll.\n\n".repeat(120);
    let page = |heading: &str| {
        format!("---\ntitle: First page\norder: 1\n---\n## {heading}\n\nSee [second](second.md#details).\n\n{filler}")
    };
    f.write("content/en/intro/first.md", &page("Version one"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let template =
        std::fs::read_to_string(repo.join("themes/default/templates/page.html")).unwrap();
    // The browser's own scroll restoration is turned off, so that only
    // serve's can bring the page back where it was.
    let probe = r#"<script>
history.scrollRestoration = "manual";
addEventListener("load", function () {
  if (!sessionStorage.getItem("test-scrolled")) { sessionStorage.setItem("test-scrolled", "1"); window.scrollTo({ top: 600, behavior: "instant" }); }
  setTimeout(function () {
    var h = document.querySelector(".content h2");
    document.title = (h ? h.textContent : "?") + " Y=" + Math.round(window.scrollY);
  }, 300);
});
</script>"#;
    f.write(
        "themes/default/templates/page.html",
        &template.replace(
            "{% block article %}",
            &format!("{{% block article %}}{probe}"),
        ),
    );
    let s = Serve::start(&f);

    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args(chromium_args(profile.path()))
        .args(["--remote-debugging-port=0", "--window-size=800,600"])
        .arg(format!("{}/en/intro/first.html", s.addr))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let err = child.stderr.take().expect("stderr");
    let browser = Browser(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let start = Instant::now();
    let port: u16 = loop {
        assert!(
            start.elapsed() < DEADLINE,
            "Chromium printed no DevTools address"
        );
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        }
    };
    let wait_title = |ok: &dyn Fn(&str) -> bool, what: &str| -> String {
        let start = Instant::now();
        loop {
            let titles = browser_titles(port);
            if let Some(t) = titles.iter().find(|t| ok(t)) {
                return t.clone();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "browser never showed {what}; titles: {titles:?}\n--- serve:\n{}",
                s.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    // Scrolled down on the first visit.
    let first = wait_title(
        &|t| t.starts_with("Version one Y=") && !t.ends_with("Y=0"),
        "the scrolled page",
    );
    let y = first.rsplit('=').next().unwrap().to_string();
    f.write("content/en/intro/first.md", &page("Version two"));
    let want = format!("Version two Y={y}");
    wait_title(&|t| t == want, &want);
    drop(browser);
}

#[test]
fn a_site_broken_at_the_start_is_served_once_fixed() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/first.md",
        "---\ntitle: First\nnot yaml: [\n---\nBody.\n",
    );
    let s = Serve::start(&f);
    let r = s.get("/en/intro/first.html");
    assert_eq!(r.status, 404);
    assert!(r.has_overlay(), "{}", r.body);
    f.write(
        "content/en/intro/first.md",
        "---\ntitle: First\n---\nBody, fixed.\n",
    );
    let r = s.wait_for("/en/intro/first.html", "the fixed page", |r| {
        r.status == 200
    });
    assert!(!r.has_overlay());
    assert!(content_text(&r).contains("Body, fixed."));
    s.wait_for("/en/print.html", "the print pages", |r| r.status == 200);
}
