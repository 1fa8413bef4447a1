//! Processes under stress: a stalled event stream does not stop `serve`
//! answering, a missing folder is an error, `pdf` stops Chromium and cleans
//! up on SIGTERM.

use super::*;

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
