//! A real browser on the served site: reloads on an edit and keeps its
//! scroll position.

use super::*;

/// In a real browser: the page reloads by itself after an edit, and comes
/// back at the same scroll position. A test template writes the first
/// heading and the scroll position into the page title, read over the
/// DevTools protocol.
#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn a_browser_reloads_and_keeps_its_scroll_position() {
    let chromium = chromium();
    let f = Fixture::small();
    let filler = "Filler paragraph to make the page tall enough to scroll.\n\n".repeat(120);
    let page = |heading: &str| {
        format!("---\ntitle: First page\norder: 1\n---\n## {heading}\n\nSee [second](second.md#details).\n\n{filler}")
    };
    f.write("content/en/intro/first.md", &page("Version one"));
    let template = builtin_template("page.html");
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
    let s = Serve::start(f.root());

    let mut b = cdp::Browser::launch(&chromium);
    let tab = b.open_blank();
    b.call(
        Some(&tab),
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 800, "height": 600, "deviceScaleFactor": 1, "mobile": false }),
    );
    b.navigate(&tab, &format!("{}/en/intro/first.html", s.addr));
    let mut wait_title = |ok: &dyn Fn(&str) -> bool, what: &str| -> String {
        let start = Instant::now();
        loop {
            // Errors while the page reloads count as "not yet".
            let title = b.try_eval(&tab, "document.title").unwrap_or_default();
            let title = title.as_str().unwrap_or("").to_string();
            if ok(&title) {
                return title;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "browser never showed {what}; title: {title:?}\n--- serve:\n{}",
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
}
