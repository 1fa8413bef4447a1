//! One tab of the browser: loads a print page and prints it with the
//! settings of `chromium --headless --print-to-pdf` (the paper size and
//! margins of the page's CSS `@page` rules, backgrounds, no browser header
//! or footer, tagged, with an outline from the headings), or as a draft
//! (untagged, no outline: the same pages, about half the work, to find
//! where the chapters start). Every step has the time left of the
//! document's time limit.

use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::cdp::{wait, Connection, Waited};

/// A tab, attached with a session of its own; closed when dropped.
pub struct Tab<'c> {
    connection: &'c Connection,
    target: String,
    session: String,
    events: Receiver<Value>,
    stop: &'c AtomicBool,
}

/// What a print is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Print {
    /// The PDF that is written.
    Final,
    /// Only read for where the chapters start: the same pages (tags and
    /// outline do not change the layout), without the structure tree,
    /// which is most of the work and most of the file.
    Draft,
}

/// The options Chromium's `--print-to-pdf` uses, as `Page.printToPDF`
/// takes them (no paper size or margins: the print CSS gives them).
/// Chromium's outline is made from the tags, so a draft has neither.
fn print_options(print: Print) -> Value {
    let tagged = print == Print::Final;
    json!({
        "printBackground": true,
        "preferCSSPageSize": true,
        "displayHeaderFooter": false,
        "generateTaggedPDF": tagged,
        "generateDocumentOutline": tagged,
        "transferMode": "ReturnAsBase64",
    })
}

/// Sets the query of the loaded print page without loading it again and
/// runs the page's `equilPdfQuery()` (the print template's script, which
/// reads the query): `true`, or `false` when the page has no such function
/// (a theme's own older print template), so that it must be loaded again.
const APPLY_QUERY: &str = "(function (q) { \
     if (typeof window.equilPdfQuery !== 'function') return false; \
     history.replaceState(history.state, '', q); window.equilPdfQuery(); return true; })";

impl<'c> Tab<'c> {
    /// Opens an empty tab.
    pub fn open(
        connection: &'c Connection,
        timeout: Duration,
        stop: &'c AtomicBool,
    ) -> Result<Tab<'c>, String> {
        let deadline = Instant::now() + timeout;
        let call = |method: &str, params: Value| {
            connection.call(None, method, params, left(deadline), stop)
        };
        let created = call("Target.createTarget", json!({ "url": "about:blank" }))?;
        let target = created["targetId"]
            .as_str()
            .ok_or("Chromium opened no tab")?
            .to_string();
        let attached = call(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("Chromium gave no session for the tab")?
            .to_string();
        let events = connection.events(&session);
        let tab = Tab {
            connection,
            target,
            session,
            events,
            stop,
        };
        tab.call("Page.enable", json!({}), deadline)?;
        tab.call("Inspector.enable", json!({}), deadline)?;
        Ok(tab)
    }

    fn call(&self, method: &str, params: Value, deadline: Instant) -> Result<Value, String> {
        self.connection.call(
            Some(&self.session),
            method,
            params,
            left(deadline),
            self.stop,
        )
    }

    /// Loads `url` and waits for its load event.
    pub fn load(&self, url: &str, deadline: Instant) -> Result<(), String> {
        while self.events.try_recv().is_ok() {}
        let r = self.call("Page.navigate", json!({ "url": url }), deadline)?;
        if let Some(e) = r["errorText"].as_str().filter(|e| !e.is_empty()) {
            return Err(format!("Chromium cannot open the print page ({e})"));
        }
        loop {
            match wait(&self.events, left(deadline), self.stop) {
                Waited::Got(ev) => match ev["method"].as_str() {
                    Some("Page.loadEventFired") => return Ok(()),
                    Some("Inspector.targetCrashed") => {
                        return Err("the page crashed in Chromium (out of memory?)".into())
                    }
                    _ => {}
                },
                Waited::TimedOut => {
                    return Err("the print page did not finish loading in time".into())
                }
                Waited::Stopped => return Err("stopped".into()),
                Waited::Closed => return Err("the connection to Chromium closed".into()),
            }
        }
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&self, expression: &str, deadline: Instant) -> Result<Value, String> {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
            deadline,
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            return Err(format!("a script in the print page failed: {ex}"));
        }
        Ok(r["result"]["value"].clone())
    }

    /// Gives the loaded page the query `?<query>` as if it had been loaded
    /// with it: `false` when it has to be loaded again for that.
    pub fn set_query(&self, query: &str, deadline: Instant) -> Result<bool, String> {
        let q = Value::String(format!("?{query}"));
        let done = self.eval(&format!("{APPLY_QUERY}({q})"), deadline)?;
        Ok(done.as_bool() == Some(true))
    }

    /// Prints the loaded page: the PDF's bytes.
    pub fn print(&self, print: Print, deadline: Instant) -> Result<Vec<u8>, String> {
        let r = self.call("Page.printToPDF", print_options(print), deadline)?;
        let data = r["data"].as_str().ok_or("Chromium returned no PDF")?;
        data_encoding::BASE64
            .decode(data.as_bytes())
            .map_err(|e| format!("Chromium returned a damaged PDF ({e})"))
    }
}

impl Drop for Tab<'_> {
    fn drop(&mut self) {
        self.connection.forget(&self.session);
        if self.stop.load(std::sync::atomic::Ordering::SeqCst) || self.connection.is_closed() {
            return;
        }
        let _ = self.connection.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": self.target }),
            Duration::from_secs(5),
            self.stop,
        );
    }
}

/// The time left until `deadline` (at least a moment, so that a call past
/// it fails as timed out rather than never being sent).
fn left(deadline: Instant) -> Duration {
    deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(1))
}
