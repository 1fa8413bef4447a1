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

use crate::common::serve::Serve;
use std::time::{Duration, Instant};

use crate::common::*;

mod fuzz;
mod limits;
mod processes;
mod templates;

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
