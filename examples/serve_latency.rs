//! Measures `equil serve`: the time from saving a page to the reload event
//! on the event stream. Run it through `benches/serve_latency.sh`, or:
//!
//!     cargo run --release --example serve_latency -- /tmp/corpus1k [EDITS]
//!
//! It starts `target/release/equil serve --port 0` on a copy of the site,
//! edits the body of EDITS pages (spread over modules and languages) one
//! after another, then changes the title of a few (which reaches the
//! navigation of their whole module), and prints the median and spread, and
//! the server's resident and peak memory. After each body edit it also asks
//! for the module's print page (made on request) and times the answer, and
//! at the end for the first language's whole handbook.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/corpus1k".into()));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let bin = std::env::var("EQUIL").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/equil").to_string()
    });

    // Work on a copy: the corpus stays as generated.
    let site = std::env::temp_dir().join(format!("equil-serve-latency-{}", std::process::id()));
    copy_dir(&corpus, &site);
    let pages = pick_pages(&site.join("content"), edits);

    let started = Instant::now();
    let (server, port) = start_serve(&bin, &site);
    println!(
        "initial build and start: {:.0} ms ({} pages in the site)",
        started.elapsed().as_secs_f64() * 1000.0,
        count_md(&site.join("content"))
    );
    let events = open_events(port);
    std::thread::sleep(Duration::from_millis(300));
    drain(&events);

    let (mut body, mut prints) = body_edits(&pages, &events, port);
    let handbook = pages
        .first()
        .and_then(|(_, o)| o.split('/').next())
        .map(|lang| format!("{lang}/print.html"));
    let handbook_ms = handbook.map(|h| {
        let t = Instant::now();
        let made = get(port, &h);
        assert!(made.contains("<h1"), "{h}: no print document");
        t.elapsed().as_secs_f64() * 1000.0
    });
    let mut title = Vec::new();
    for (i, (file, output)) in pages.iter().take(5).enumerate() {
        let text = std::fs::read_to_string(file).expect("read page");
        let new = text.replacen("title: \"", &format!("title: \"Retitled {i} "), 1);
        let t0 = Instant::now();
        std::fs::write(file, new).expect("write");
        title.push(wait_reload(&events, output, t0));
    }
    let memory = peak_memory(server.0.id());
    drop(server);
    let _ = std::fs::remove_dir_all(&site);

    report("body edit: save → reload event", &mut body);
    report(
        "module print page after an edit, made on request",
        &mut prints,
    );
    if let Some(ms) = handbook_ms {
        println!("whole handbook print page (one language), made on request: {ms:.0} ms");
    }
    report("title edit: save → reload event", &mut title);
    match memory {
        Some((now, peak)) => {
            println!("serve memory: {now} MiB resident at the end, {peak} MiB peak")
        }
        None => println!("serve memory: unknown (no /proc on this system)"),
    }
}

/// Starts `equil serve` on a free port for `site`; its port, once it prints
/// its address.
fn start_serve(bin: &str, site: &Path) -> (Server, u16) {
    let mut child = Command::new(bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(match std::env::var_os("SERVE_LOG") {
            Some(p) => Stdio::from(std::fs::File::create(p).expect("log")),
            None => Stdio::null(),
        })
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let port: u16 = loop {
        let line = lines.next().expect("serve printed no URL").expect("stdout");
        if let Some(i) = line.find("http://127.0.0.1:") {
            let rest = &line[i + "http://127.0.0.1:".len()..];
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
    };
    (server, port)
}

/// Resident and peak memory of process `pid` in MiB, from /proc (Linux).
fn peak_memory(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: u64 = line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kib / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Edits the body of each page, one after another: the time from saving to
/// the reload event, and the time its module's print page then takes to be
/// made on request (it must show the edit), in milliseconds.
fn body_edits(
    pages: &[(PathBuf, String)],
    events: &Receiver<String>,
    port: u16,
) -> (Vec<f64>, Vec<f64>) {
    let mut body = Vec::new();
    let mut prints = Vec::new();
    for (i, (file, output)) in pages.iter().enumerate() {
        let text = std::fs::read_to_string(file).expect("read page");
        let t0 = Instant::now();
        std::fs::write(
            file,
            format!("{text}\nEdit number {i} for the benchmark.\n"),
        )
        .expect("write");
        body.push(wait_reload(events, output, t0));
        let print = match output.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/print.html"),
            None => "print.html".to_string(),
        };
        let t1 = Instant::now();
        let made = get(port, &print);
        prints.push(t1.elapsed().as_secs_f64() * 1000.0);
        assert!(
            made.contains(&format!("Edit number {i} ")),
            "{print} does not show the edit"
        );
    }
    (body, prints)
}

/// Waits for the reload event naming `output` (its time), then for quiet.
fn wait_reload(events: &Receiver<String>, output: &str, t0: Instant) -> f64 {
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !(seen.contains("event: reload") && seen.contains(output)) {
        assert!(
            Instant::now() < deadline,
            "no reload event for {output}:\n{seen}"
        );
        if let Ok(s) = events.recv_timeout(Duration::from_millis(50)) {
            seen.push_str(&s);
        }
    }
    let first = t0.elapsed().as_secs_f64() * 1000.0;
    // Anything that follows (a second event), until things are quiet.
    while events.recv_timeout(Duration::from_millis(400)).is_ok() {}
    first
}

/// The body of `GET /<path>` (HTTP/1.0, read to the end).
fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(s, "GET /{path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut reply = Vec::new();
    s.read_to_end(&mut reply).expect("read the reply");
    let reply = String::from_utf8_lossy(&reply).into_owned();
    assert!(
        reply.starts_with("HTTP/1.1 200") || reply.starts_with("HTTP/1.0 200"),
        "GET /{path}: {}",
        reply.lines().next().unwrap_or("")
    );
    reply
}

fn report(what: &str, v: &mut [f64]) {
    if v.is_empty() {
        return;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "{what}: median {:.1} ms (min {:.1}, p90 {:.1}, max {:.1}; {} edits)",
        pct(0.5),
        v[0],
        pct(0.9),
        v[v.len() - 1],
        v.len()
    );
}

/// Opens serve's reload event stream; its text arrives on the receiver.
/// The test suite has the same reader (tests/testsuite/common/serve.rs,
/// `Serve::events`), but an example cannot use the tests' code (only the
/// library's, and the event stream is not part of the library's interface),
/// so these few lines are kept twice on purpose.
fn open_events(port: u16) -> Receiver<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(s, "GET /__equil/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
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
    rx
}

fn drain(rx: &Receiver<String>) {
    while rx.recv_timeout(Duration::from_millis(50)).is_ok() {}
}

/// `n` pages (not module overviews), spread over languages and modules,
/// with their output paths.
fn pick_pages(content: &Path, n: usize) -> Vec<(PathBuf, String)> {
    let mut all = Vec::new();
    let mut langs: Vec<_> = std::fs::read_dir(content)
        .expect("content/")
        .flatten()
        .map(|e| e.path())
        .collect();
    langs.sort();
    for lang in &langs {
        let mut modules: Vec<_> = std::fs::read_dir(lang)
            .expect("lang")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        modules.sort();
        for m in modules {
            let mut files: Vec<_> = std::fs::read_dir(&m)
                .expect("module")
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
                .collect();
            files.sort();
            all.push(files);
        }
    }
    let mut out = Vec::new();
    let mut k = 0;
    while out.len() < n && !all.is_empty() {
        let group = &all[k % all.len()];
        if let Some(p) = group.get((k * 7 + 3) % group.len().max(1)) {
            let rel = p
                .strip_prefix(content)
                .expect("under content")
                .with_extension("html");
            out.push((p.clone(), rel.to_string_lossy().replace('\\', "/")));
        }
        k += 1;
    }
    out
}

fn count_md(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            n += count_md(&p);
        } else if p.extension().is_some_and(|e| e == "md") {
            n += 1;
        }
    }
    n
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read corpus").flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}
