//! Hostile input: what a theme author, a partner or a broken browser can
//! produce must give a clear error (code, file, line) and exit 1, within
//! bounded time and memory, leaving every file of the site as it was.
//! One case per promise of the "No crash, no hang, bounded cost" list.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::serve::Serve;
use crate::common::*;

/// No run may take longer than this (a hang fails the test, it does not stall it).
const WALL_LIMIT: Duration = Duration::from_secs(60);

/// How a bounded run of equil ended.
struct Run {
    code: i32,
    stderr: String,
    stdout: String,
    /// User + system CPU time (robust on a busy machine, unlike wall time).
    cpu: Duration,
    /// Peak resident memory, in KiB.
    max_rss_kib: u64,
}

/// Runs `equil ARGS` (with `--root` when given), killed after [`WALL_LIMIT`],
/// and measures it.
#[allow(clippy::zombie_processes)] // reaped by wait4 in `wait_measured`
fn run(args: &[&str], root: Option<&Path>, env: &[(&str, &Path)]) -> Run {
    let mut cmd = equil_command();
    cmd.args(args);
    if let Some(r) = root {
        cmd.arg("--root").arg(r);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start equil");
    let out = read_pipe(child.stdout.take().expect("stdout"));
    let err = read_pipe(child.stderr.take().expect("stderr"));
    let (code, cpu, max_rss_kib) = wait_measured(&child);
    Run {
        code,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
        cpu,
        max_rss_kib,
    }
}

fn read_pipe(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Waits for `child` (killing it after [`WALL_LIMIT`]): exit code (minus
/// the signal when killed), CPU time and peak memory.
fn wait_measured(child: &Child) -> (i32, Duration, u64) {
    let pid = child.id() as libc::pid_t;
    let done = Arc::new(Mutex::new(false));
    let watchdog = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let start = Instant::now();
            while start.elapsed() < WALL_LIMIT {
                std::thread::sleep(Duration::from_millis(20));
                if *done.lock().unwrap() {
                    return;
                }
            }
            let finished = done.lock().unwrap();
            if !*finished {
                // SAFETY: signals our own child, which has not been reaped yet.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        })
    };
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; the pointers are to live locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    *done.lock().unwrap() = true;
    watchdog.join().unwrap();
    assert_eq!(r, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -libc::WTERMSIG(status)
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    (code, cpu, usage.ru_maxrss as u64)
}

/// Every file of the site with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(root).into_iter().collect()
}

/// Every file outside `output` (a folder name at the root) with its bytes.
fn tree_outside(root: &Path, output: &str) -> BTreeMap<String, Vec<u8>> {
    let prefix = format!("{output}/");
    tree(root)
        .into_iter()
        .filter(|(p, _)| !p.starts_with(&prefix))
        .collect()
}

/// The `(code, path, line)` of every finding in a text report.
fn findings(stderr: &str) -> Vec<(String, String, usize)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(code) = l.strip_prefix("error[").and_then(|r| r.split(']').next()) else {
            continue;
        };
        let Some(loc) = lines
            .get(i + 1)
            .and_then(|n| n.trim_start().strip_prefix("┌─ "))
        else {
            continue;
        };
        let mut parts = loc.rsplitn(3, ':');
        let (_col, line, path) = (parts.next(), parts.next(), parts.next());
        if let (Some(line), Some(path)) = (line.and_then(|l| l.parse().ok()), path) {
            out.push((code.to_string(), path.to_string(), line));
        }
    }
    out
}

/// Asserts that the report has `code` at `path:line`.
fn assert_finding(stderr: &str, code: &str, path: &str, line: usize) {
    let all = findings(stderr);
    assert!(
        all.iter()
            .any(|(c, p, l)| c == code && p == path && *l == line),
        "no {code} at {path}:{line} in {all:?}:\n{}",
        &stderr[..stderr.len().min(4000)]
    );
}

/// The built-in `page.html` with `{% include "NAME" %}` in its article.
fn page_including(name: &str) -> String {
    let src = builtin_template("page.html");
    let at = src.find("{% block article %}").expect("article block") + "{% block article %}".len();
    format!("{}{{% include \"{name}\" %}}{}", &src[..at], &src[at..])
}

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

#[test]
fn deep_nesting_in_fluent_and_yaml_is_refused_quickly() {
    let n = 20_000;
    let fluent = format!("deep = {}\"x\"{}\n", "{ ".repeat(n), " }".repeat(n));
    let n = 100_000;
    let flow = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let cases = [
        ("locales/en/main.ftl", fluent, "E020", 1),
        (
            "content/en/intro/second.md",
            format!("---\norder: 2\ntitle: {flow}\n---\nText.\n"),
            "E002",
            3,
        ),
        (
            "site.yaml",
            format!(
                "languages: [en, nl]\nfooter: {}{}\n",
                "{a: ".repeat(n),
                "}".repeat(n)
            ),
            "E005",
            2,
        ),
    ];
    for (file, text, code, line) in cases {
        let f = Fixture::small();
        f.write(file, &text);
        let before = tree(f.root());
        let r = run(&["build"], Some(f.root()), &[]);
        assert_eq!(
            r.code,
            1,
            "{file}: {}",
            &r.stderr[..r.stderr.len().min(2000)]
        );
        assert_finding(&r.stderr, code, file, line);
        assert!(r.stderr.contains("nested more than"), "{file}");
        assert!(r.cpu < Duration::from_secs(1), "{file}: {:?}", r.cpu);
        assert_eq!(tree(f.root()), before, "{file}: files changed");
    }
}

#[test]
fn malformed_pdf_bytes_never_panic() {
    // A small valid PDF, then every kind of damage to it.
    let objects = [
        "<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R /Names <</Dests 5 0 R>>>>",
        "<</Type /Pages /Count 1 /Kids [3 0 R]>>",
        "<</Type /Page /Parent 2 0 R>>",
        "<</Type /Outlines /First 6 0 R>>",
        "<</Names [(ch-a) [3 0 R /XYZ 0 0 0]]>>",
        "<</Title (A) /Next 6 0 R>>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<</Size 7 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").bytes());
    let doc = equil::pdf::reader::Pdf::parse(&pdf).expect("the sample parses");
    assert_eq!(doc.destinations().get("ch-a"), Some(&1));
    assert_eq!(doc.outline().len(), 1, "the outline loop is cut");

    let start = Instant::now();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for round in 0..400 {
        let mut bytes = pdf.clone();
        for _ in 0..1 + round % 8 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % bytes.len() as u64) as usize;
            match seed % 4 {
                0 => bytes[at] = (seed >> 32) as u8,
                1 => bytes.truncate(at.max(9)),
                2 => bytes.insert(at, b"<[(/0 R9"[(seed >> 40) as usize % 8]),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        // Panics (or a stack overflow) would end the test here.
        equil::fuzzing::pdf(&bytes);
    }
    assert!(start.elapsed() < WALL_LIMIT);
}

#[test]
fn thousands_of_errors_on_one_line_cost_little() {
    let f = Fixture::small();
    let links: Vec<String> = (0..8000)
        .map(|i| format!("[x{i}](missing{i}.md)"))
        .collect();
    f.write(
        "content/en/intro/second.md",
        &format!("---\ntitle: Second page\n---\n{}\n", links.join(" ")),
    );
    let before = tree(f.root());
    let r = run(&["build"], Some(f.root()), &[]);
    assert_eq!(r.code, 1);
    assert_finding(&r.stderr, "E012", "content/en/intro/second.md", 4);
    assert_eq!(r.stderr.matches("error[E012]: link to").count(), 5);
    assert!(
        r.stderr
            .contains("and 7,995 more like this in content/en/intro/second.md"),
        "{}",
        &r.stderr[..r.stderr.len().min(4000)]
    );
    assert!(
        r.stderr.len() < 20_000,
        "{} bytes of report",
        r.stderr.len()
    );
    assert!(r.cpu < Duration::from_secs(2), "{:?}", r.cpu);
    assert!(r.max_rss_kib < 200 * 1024, "{} KiB", r.max_rss_kib);
    assert_eq!(tree(f.root()), before, "files changed");

    // JSON keeps every finding.
    let j = run(&["check", "--format", "json"], Some(f.root()), &[]);
    assert_eq!(j.code, 1);
    let all: serde_json::Value = serde_json::from_str(&j.stdout).expect("JSON");
    let broken = all
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "E012" && d["path"] == "content/en/intro/second.md")
        .count();
    assert_eq!(broken, 8000);
}

#[test]
fn deeply_nested_raw_html_is_an_error_not_a_slow_build() {
    let f = Fixture::small();
    let n = 100_000;
    f.write(
        "content/en/intro/second.md",
        &format!(
            "---\ntitle: Second page\n---\nText.\n\n{}x{}\n",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    );
    let before = tree(f.root());
    let r = run(&["build"], Some(f.root()), &[]);
    assert_eq!(r.code, 1, "{}", &r.stderr[..r.stderr.len().min(2000)]);
    assert_finding(&r.stderr, "E015", "content/en/intro/second.md", 6);
    assert!(r.cpu < Duration::from_secs(5), "{:?}", r.cpu);
    assert_eq!(tree(f.root()), before, "files changed");
}

/// Opens the event stream with a tiny receive buffer and never reads it.
fn stalled_event_stream(port: u16) -> socket2::Socket {
    use socket2::{Domain, Socket, Type};
    let s = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
    s.set_recv_buffer_size(4096).expect("SO_RCVBUF");
    let addr: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
    s.connect(&addr.into()).expect("connect");
    let mut w: &Socket = &s;
    w.write_all(b"GET /__equil/events HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("request");
    s
}

/// What a browser does on each page load: the page, then its event stream.
fn page_load(port: u16, timeout: Duration) -> Result<(), String> {
    let mut page = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    page.set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    write!(page, "GET /en/ HTTP/1.0\r\nHost: x\r\n\r\n").map_err(|e| e.to_string())?;
    let mut body = Vec::new();
    page.read_to_end(&mut body)
        .map_err(|e| format!("page: {e}"))?;
    let mut events = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    events
        .set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    write!(events, "GET /__equil/events HTTP/1.1\r\nHost: x\r\n\r\n").map_err(|e| e.to_string())?;
    let mut head = [0u8; 64];
    events.read(&mut head).map_err(|e| format!("events: {e}"))?;
    Ok(())
}

#[test]
fn serve_answers_everyone_when_one_event_stream_stalls() {
    let f = Fixture::small();
    let mut s = Serve::start(f.root());
    s.deadline = WALL_LIMIT;
    s.wait_for("/en/", "the home page", |r| r.body.contains("Welcome"));
    let _stalled = stalled_event_stream(s.port());
    std::thread::sleep(Duration::from_millis(300));

    // Failures with a large error (4 MB in every event) and fixes, until the
    // stalled stream's buffers are full many times over.
    let good = f.read("content/en/intro/second.md");
    let huge = format!(
        "---\ntitle: Second page\norder: \"{}\"\n---\nText.\n",
        "x".repeat(4 << 20)
    );
    let before = tree_outside(f.root(), "content");
    for _ in 0..4 {
        f.write("content/en/intro/second.md", &huge);
        s.wait_for("/en/intro/second.html", "the overlay", |r| {
            r.body.contains("id=\"equil-overlay\"")
        });
        f.write("content/en/intro/second.md", &good);
        s.wait_for("/en/intro/second.html", "the fix", |r| {
            !r.body.contains("id=\"equil-overlay\"")
        });
    }
    for i in 0..8 {
        let t = Instant::now();
        page_load(s.port(), Duration::from_secs(10))
            .unwrap_or_else(|e| panic!("page load {i} failed after {:?}: {e}", t.elapsed()));
    }
    assert!(s.running());
    assert_eq!(tree_outside(f.root(), "content"), before, "files changed");

    // Keep-alive requests are answered without Nagle's delay (~40 ms each).
    let mut conn = TcpStream::connect(("127.0.0.1", s.port())).expect("connect");
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut times = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        write!(conn, "GET /static/style.css HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("header");
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("body");
        times.push(t.elapsed());
    }
    times.sort();
    assert!(
        times[times.len() / 2] < Duration::from_millis(30),
        "{times:?}"
    );
}

#[test]
fn serve_of_a_missing_folder_is_an_error_naming_it() {
    let r = run(
        &["serve", "--port", "0", "--root", "/nonexistent/equil-site"],
        None,
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("/nonexistent/equil-site"), "{}", r.stderr);
}

/// Process ids whose process group is `pgid` (from /proc).
fn group_members(pgid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid pgrp …; comm may hold spaces.
        let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.first() == Some(&"Z") {
            continue;
        }
        if fields.get(2).and_then(|g| g.parse::<i32>().ok()) == Some(pgid) {
            out.push(pid);
        }
    }
    out
}

/// Children of `pid`, started by any of its threads (from /proc).
fn children(pid: u32) -> Vec<i32> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten();
    tasks
        .flat_map(|t| {
            std::fs::read_to_string(t.path().join("children"))
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<i32>>()
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
#[allow(clippy::zombie_processes)] // reaped by wait4 in `wait_measured`
fn pdf_stops_chromium_and_cleans_up_on_sigterm() {
    let chromium = chromium();
    let f = Fixture::small();
    let tmp = tempfile::tempdir().expect("temp dir");
    let before = tree(f.root());
    let mut child = equil_command()
        .args(["pdf", "--chromium"])
        .arg(&chromium)
        .arg("--root")
        .arg(f.root())
        .env("TMPDIR", tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start equil pdf");
    let err = read_pipe(child.stderr.take().expect("stderr"));
    let start = Instant::now();
    let browsers = loop {
        let c = children(child.id());
        if !c.is_empty() {
            break c;
        }
        assert!(start.elapsed() < WALL_LIMIT, "Chromium never started");
        assert!(
            matches!(child.try_wait(), Ok(None)),
            "equil pdf ended before Chromium started"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    // Chromium runs in its own process group (so Ctrl-C reaches equil).
    for &b in &browsers {
        assert!(
            !group_members(b).is_empty(),
            "Chromium {b} is not a group leader"
        );
    }
    std::thread::sleep(Duration::from_millis(300));
    // SAFETY: signals our own child.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let (code, _, _) = wait_measured(&child);
    let stderr = err.join().unwrap();
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
    let stopped = Instant::now();
    loop {
        let left: Vec<i32> = browsers.iter().flat_map(|&b| group_members(b)).collect();
        if left.is_empty() {
            break;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(10),
            "Chromium processes left running: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        files_under(tmp.path()),
        Vec::<String>::new(),
        "temporary files left"
    );
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "temporary folders left: {left:?}");
    assert_eq!(tree(f.root()), before, "files changed");
}

/// A fuzz target's name and the function it runs.
type FuzzTarget = (&'static str, fn(&[u8]));

/// Every input under fuzz/regressions/<target>/, fed to the function the
/// fuzz target runs (the stable-toolchain half of fuzz/run.sh).
#[test]
fn fuzz_regressions() {
    let dir = repo().join("fuzz");
    let targets: [FuzzTarget; 6] = [
        ("front_matter", equil::fuzzing::front_matter),
        ("markdown", equil::fuzzing::markdown),
        ("fluent", equil::fuzzing::fluent),
        ("fluent_nesting", equil::fuzzing::fluent_nesting),
        ("templates", equil::fuzzing::templates),
        ("pdf", equil::fuzzing::pdf),
    ];
    // Every fuzz target is replayed here.
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("fuzz/Cargo.toml");
    let declared = manifest.matches("[[bin]]").count();
    assert_eq!(declared, targets.len(), "a fuzz target is missing here");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir.join("regressions")).expect("fuzz/regressions") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let (_, run) = targets
            .iter()
            .find(|(t, _)| *t == name)
            .unwrap_or_else(|| panic!("fuzz/regressions/{name}: no such fuzz target"));
        let mut files: Vec<PathBuf> = std::fs::read_dir(entry.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            let start = Instant::now();
            run(&bytes);
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{}: {:?}",
                file.display(),
                start.elapsed()
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 14, "only {replayed} regressions");
}
