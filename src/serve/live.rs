//! Live reload: the Server-Sent Events stream browsers listen to, the script
//! `serve` injects into HTML responses (never into `build` output), and the
//! error overlay shown while the site cannot be rebuilt.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use crate::diagnostics::{summarise, Diagnostic};
use crate::escape;
use crate::excerpt::Sources;

/// Where browsers listen for reload events.
pub const EVENTS_PATH: &str = "/__equil/events";

/// The script injected into every HTML response. It reloads the page when a
/// rebuild changed it (keeping the scroll position), and shows or removes
/// the error overlay.
const SCRIPT: &str = r#"<script>
(function () {
  var key = "equil-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) {
      sessionStorage.removeItem(key);
      var go = function () { window.scrollTo({ top: Number(y), behavior: "instant" }); };
      if (document.readyState === "complete") { go(); } else { addEventListener("load", go); }
    }
  } catch (e) {}
  function current() {
    var p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    return (p === "" || p.slice(-1) === "/") ? p + "index.html" : p;
  }
  function overlay(html) {
    var old = document.getElementById("equil-overlay");
    if (old) { old.remove(); }
    if (html) {
      var box = document.createElement("div");
      box.innerHTML = html;
      document.body.appendChild(box.firstElementChild);
    }
  }
  var events = new EventSource("/__equil/events");
  events.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    overlay(null);
    if (d.all || d.paths.indexOf(current()) >= 0) {
      try { sessionStorage.setItem(key, String(window.scrollY)); } catch (x) {}
      location.reload();
    }
  });
  events.addEventListener("failed", function (e) { overlay(JSON.parse(e.data).html); });
})();
</script>
"#;

/// Events waiting for one browser; a browser that falls this far behind
/// (it stopped reading) is dropped, and reconnects when it reads again.
const QUEUE: usize = 16;
/// Event streams kept open at once (the oldest goes first).
const MAX_STREAMS: usize = 64;

/// The open event streams. Each has its own writer thread and a bounded
/// queue, so a browser that stops reading never holds up the rebuild or
/// the other browsers.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<SyncSender<Arc<str>>>>,
}

impl Hub {
    /// Adds a browser's stream (the raw connection, response not yet sent)
    /// and sends it `first` (the current error, if any).
    pub fn add(&self, stream: Box<dyn Write + Send>, first: Option<String>) {
        let (tx, rx) = sync_channel::<Arc<str>>(QUEUE);
        let spawned = std::thread::Builder::new()
            .name("equil-events".into())
            .spawn(move || stream_events(stream, first, rx));
        if spawned.is_err() {
            return;
        }
        if let Ok(mut clients) = self.clients.lock() {
            if clients.len() >= MAX_STREAMS {
                clients.remove(0);
            }
            clients.push(tx);
        }
    }

    /// Queues an event for every browser; those that went away or fell
    /// behind are dropped. Never waits for a browser.
    pub fn send(&self, event: &str) {
        let event: Arc<str> = Arc::from(event);
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.try_send(Arc::clone(&event)).is_ok());
        }
    }

    /// Keeps idle streams open and notices closed ones.
    pub fn ping(&self) {
        self.send(": ping\n\n");
    }

    /// Closes every stream.
    pub fn close(&self) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.clear();
        }
    }

    /// How many streams are open.
    pub fn len(&self) -> usize {
        self.clients.lock().map_or(0, |c| c.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One browser's writer: the response head, `first`, then every queued
/// event, until the browser goes away or the hub drops it.
fn stream_events(mut stream: Box<dyn Write + Send>, first: Option<String>, rx: Receiver<Arc<str>>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: equil live reload\n\n";
    let mut ok = stream.write_all(head.as_bytes()).is_ok();
    if let Some(event) = first {
        ok = ok && stream.write_all(event.as_bytes()).is_ok();
    }
    ok = ok && stream.flush().is_ok();
    while ok {
        let Ok(event) = rx.recv() else { break };
        ok = stream.write_all(event.as_bytes()).is_ok() && stream.flush().is_ok();
    }
}

/// A Server-Sent Event (`data` must be one line, as JSON is).
pub fn event(name: &str, data: &serde_json::Value) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// The reload event: which output files changed (`all` when too many to list).
pub fn reload_event(paths: &[String]) -> String {
    const MAX: usize = 500;
    let all = paths.len() > MAX;
    let listed: &[String] = if all { &[] } else { paths };
    event(
        "reload",
        &serde_json::json!({ "all": all, "paths": listed }),
    )
}

/// The event that shows the overlay.
pub fn failed_event(overlay: &str) -> String {
    event("failed", &serde_json::json!({ "html": overlay }))
}

/// Adds the live-reload script (and the overlay, when the last rebuild
/// failed) before `</body>` of an HTML document.
pub fn inject(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len() + 4096);
    out.extend_from_slice(&html[..at]);
    if let Some(o) = overlay {
        out.extend_from_slice(o.as_bytes());
    }
    out.extend_from_slice(SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The error overlay: every error with its file, line, column, message, the
/// source line where it can be read (cut around the column when long), and
/// the suggested fix; repeats in one file are counted after a few.
pub fn overlay(errors: &[Diagnostic], root: &Path) -> String {
    let mut items = String::new();
    let mut sources = Sources::default();
    let (shown, omitted) = summarise(errors);
    for d in shown {
        items.push_str("<li style=\"margin:0 0 1.2em;list-style:none\">");
        if let Some(loc) = d.location() {
            items.push_str(&format!(
                "<div class=\"equil-location\" style=\"color:#ffb4a9;font-weight:bold\">{}</div>",
                escape::xml(&loc.replace('\\', "/"))
            ));
        }
        items.push_str(&format!(
            "<div class=\"equil-message\">error[{}]: {}</div>",
            d.code.id(),
            escape::xml(&d.message)
        ));
        if let Some(src) = source_line(d, root, &mut sources) {
            items.push_str(&format!(
                "<pre style=\"margin:.4em 0;padding:.4em .6em;background:#000;color:#eee;white-space:pre-wrap\">{}</pre>",
                escape::xml(&src)
            ));
        }
        if let Some(h) = &d.help {
            items.push_str(&format!(
                "<div class=\"equil-help\" style=\"color:#b8e0b8\">help: {}</div>",
                escape::xml(h)
            ));
        }
        items.push_str("</li>");
    }
    for o in omitted {
        items.push_str(&format!(
            "<li class=\"equil-omitted\" style=\"margin:0 0 1.2em;list-style:none\">{}</li>",
            escape::xml(&o.to_string())
        ));
    }
    format!(
        "<div id=\"equil-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#f5f5f5;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2em\">\
<button type=\"button\" onclick=\"this.parentNode.remove()\" aria-label=\"Close\" style=\"float:right;font:inherit;background:none;color:inherit;border:1px solid #888;cursor:pointer\">×</button>\
<p style=\"margin:0 0 1em;font-size:1.2em;font-weight:bold\">equil serve: the site could not be rebuilt ({n} error{s})</p>\
<p style=\"margin:0 0 1.5em;color:#bbb\">The last good version is shown. Fix the file and save: this message goes away by itself.</p>\
<ul style=\"padding:0\">{items}</ul></div>",
        n = errors.len(),
        s = if errors.len() == 1 { "" } else { "s" },
    )
}

/// The offending line (each file read once; long lines cut around the
/// column) with a caret under the column.
fn source_line(d: &Diagnostic, root: &Path, sources: &mut Sources) -> Option<String> {
    let line = d.line?;
    let col = d.column.unwrap_or(1);
    let e = sources.excerpt(root, d.path.as_ref()?, line, col)?;
    let mut out = format!("{line:>4} | {}", e.text);
    if d.column.is_some() {
        let pad: String = e.text[..e.label.start]
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!("\n     | {pad}^"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject(
            b"<html><body><p>x</p></BODY></html>",
            Some("<div id=\"o\"></div>"),
        );
        let s = String::from_utf8(out).unwrap();
        let o = s.find("<div id=\"o\">").unwrap();
        let script = s.find("<script>").unwrap();
        assert!(o < script && script < s.find("</BODY>").unwrap());
        let plain = String::from_utf8(inject(b"no body", None)).unwrap();
        assert!(plain.starts_with("no body<script>"));
    }

    #[test]
    fn overlay_escapes_and_locates() {
        let d = Diagnostic::error(Code::FrontMatterSyntax, "bad <tag>")
            .at("content/en/a.md")
            .pos(2, 7)
            .help("fix it");
        let html = overlay(&[d], Path::new("/nonexistent"));
        assert!(html.contains("content/en/a.md:2:7"));
        assert!(html.contains("bad &lt;tag&gt;"));
        assert!(html.contains("help: fix it"));
    }

    /// A writer that blocks (like a browser that stopped reading) until released.
    struct Stuck(Arc<Mutex<()>>);

    impl Write for Stuck {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let _held = self.0.lock();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_browser_that_stops_reading_holds_up_nobody() {
        let gate = Arc::new(Mutex::new(()));
        let held = gate.lock().unwrap();
        let hub = Hub::default();
        hub.add(Box::new(Stuck(Arc::clone(&gate))), None);
        let start = std::time::Instant::now();
        for _ in 0..(QUEUE + 10) {
            hub.send(&failed_event(&"x".repeat(100_000)));
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        // It fell behind, so it was dropped; a new browser is served.
        assert_eq!(hub.len(), 0);
        hub.add(Box::new(std::io::sink()), None);
        hub.send(": ping\n\n");
        assert_eq!(hub.len(), 1);
        drop(held);
    }

    #[test]
    fn overlay_cuts_long_lines_and_counts_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let line = "[a](x.md) ".repeat(10_000);
        std::fs::write(dir.path().join("p.md"), format!("---\n{line}\n")).unwrap();
        let errors: Vec<Diagnostic> = (0..10_000)
            .map(|i| {
                Diagnostic::error(Code::BrokenLink, "no such page")
                    .at("p.md")
                    .pos(2, 10 * i + 1)
            })
            .collect();
        let html = overlay(&errors, dir.path());
        assert!(html.len() < 20_000, "{} bytes", html.len());
        assert!(html.contains("and 9,995 more like this in p.md"), "{html}");
        assert!(html.contains("(10000 errors)"));
    }

    #[test]
    fn reload_event_is_one_json_line() {
        let e = reload_event(&["en/a.html".to_string()]);
        assert_eq!(
            e,
            "event: reload\ndata: {\"all\":false,\"paths\":[\"en/a.html\"]}\n\n"
        );
    }
}
