//! The theme at phone and desktop widths in every language, in Chromium:
//! no sideways overflow, text on the first screen, the search panel in view,
//! a keyboard path through search, text spacing, focus not hidden, dark
//! scheme and reduced motion, the `/` shortcut.

use super::*;

/// Sideways overflow, with the element that sticks out furthest.
const OVERFLOW: &str = r#"(() => {
  const de = document.documentElement;
  if (de.scrollWidth <= innerWidth) return "";
  let worst = null, right = 0;
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > right) { right = r.right; worst = el; }
  }
  return `scrollWidth ${de.scrollWidth} > ${innerWidth}: ${worst && worst.outerHTML.slice(0, 120)} ends at ${Math.round(right)}`;
})()"#;

/// Where the h1 and the first paragraph of a page's text start and end.
const FIRST_SCREEN: &str = r#"(() => {
  const h1 = document.querySelector("h1");
  const p = document.querySelector("body:not(.home) article.page-page .content > p");
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect(); return [r.top + scrollY, r.bottom + scrollY]; };
  return JSON.stringify({ h1: box(h1), p: box(p) });
})()"#;

#[test]
#[ignore = "needs Chromium (apt-get install chromium); run with --include-ignored"]
fn the_theme_fits_every_screen_in_every_language() {
    let chromium = chromium();
    let site = built_handbook();
    let pages: Vec<String> = files_under(site)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 150, "only {} pages", pages.len());
    let mut b = cdp::Browser::launch(&chromium);
    let tab = b.open_blank();
    let mut problems = Vec::new();

    for page in &pages {
        let url = format!("file://{}/{page}", site.display());
        viewport(&mut b, &tab, 1280, 900);
        b.navigate(&tab, &url);
        for w in WIDTHS {
            let h = if w == 390 { 844 } else { 900 };
            viewport(&mut b, &tab, w, h);
            let over = b.eval(&tab, OVERFLOW);
            if over != "" {
                problems.push(format!("{page} at {w} px: {over}"));
            }
            if w == 390 {
                first_screen(&mut b, &tab, page, &mut problems);
            }
        }
    }

    for lang in LANGS {
        let url = format!(
            "file://{}/{lang}/employment-models/place-then-train.html",
            site.display()
        );
        b.navigate(&tab, &url);
        for w in WIDTHS {
            search_panel_in_view(&mut b, &tab, w, lang, &mut problems);
        }
    }
    keyboard_path_through_search(&mut b, &tab, site, &mut problems);
    text_spacing(&mut b, &tab, site, &mut problems);
    focus_not_hidden_by_the_print_bar(&mut b, &tab, site, &mut problems);
    dark_scheme_and_reduced_motion(&mut b, &tab, site, &mut problems);
    slash_shortcut_can_be_turned_off(&mut b, &tab, site, &mut problems);

    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// At 390×844: the h1 is on the first screen, and a page's first paragraph
/// starts on it.
fn first_screen(b: &mut cdp::Browser, tab: &cdp::Tab, page: &str, problems: &mut Vec<String>) {
    let v: Value = serde_json::from_str(b.eval(tab, FIRST_SCREEN).as_str().unwrap()).unwrap();
    match v["h1"].as_array() {
        Some(h1) if h1[1].as_f64().unwrap() <= 844.0 => {}
        Some(h1) => problems.push(format!("{page}: the h1 ends at {} px, below 844", h1[1])),
        None => problems.push(format!("{page}: no h1")),
    }
    if let Some(p) = v["p"].as_array() {
        if p[0].as_f64().unwrap() >= 844.0 {
            problems.push(format!(
                "{page}: the first paragraph starts at {} px, below the first screen",
                p[0]
            ));
        }
    }
}

/// Types in the search box at `width` and checks the panel's box.
fn search_panel_in_view(
    b: &mut cdp::Browser,
    tab: &cdp::Tab,
    width: u32,
    lang: &str,
    problems: &mut Vec<String>,
) {
    viewport(b, tab, width, 800);
    b.eval(
        tab,
        "(() => { const i = document.getElementById('search-input'); i.value = ''; i.focus(); return true; })()",
    );
    b.type_text(tab, "ips");
    b.wait_for(
        tab,
        "!document.querySelector('.search-panel').hidden && document.querySelectorAll('#search-results [role=option]').length > 0",
    );
    let r = b.eval(
        tab,
        "(() => { const r = document.querySelector('.search-panel').getBoundingClientRect(); \
         return [r.left, r.top, r.right, r.bottom, document.documentElement.clientWidth, innerHeight].join(' '); })()",
    );
    let n: Vec<f64> = r
        .as_str()
        .unwrap()
        .split(' ')
        .map(|x| x.parse().unwrap())
        .collect();
    if n[0] < 0.0 || n[1] < 0.0 || n[2] > n[4] || n[3] > n[5] {
        problems.push(format!(
            "{lang} search panel at {width} px is not inside the window: {r}"
        ));
    }
    b.key(tab, "Escape", "Escape", 27, None);
}

/// Arrow keys choose a result, which gets an outline (also in forced
/// colours); Enter opens it.
fn keyboard_path_through_search(
    b: &mut cdp::Browser,
    tab: &cdp::Tab,
    site: &Path,
    problems: &mut Vec<String>,
) {
    viewport(b, tab, 1280, 900);
    b.navigate(
        tab,
        &format!("file://{}/nl/employment-models/index.html", site.display()),
    );
    for forced in [false, true] {
        media(
            b,
            tab,
            json!([{ "name": "forced-colors", "value": if forced { "active" } else { "none" } }]),
        );
        b.eval(
            tab,
            "(() => { const i = document.getElementById('search-input'); i.value = ''; i.focus(); return true; })()",
        );
        b.type_text(tab, "werk");
        b.wait_for(
            tab,
            "document.querySelectorAll('#search-results [role=option]').length > 1",
        );
        b.key(tab, "ArrowDown", "ArrowDown", 40, None);
        b.key(tab, "ArrowDown", "ArrowDown", 40, None);
        let chosen = b.eval(
            tab,
            "(() => { const o = document.querySelectorAll('#search-results [role=option]')[1]; const s = getComputedStyle(o); \
             return [o.getAttribute('aria-selected'), document.getElementById('search-input').getAttribute('aria-activedescendant') === o.id, \
             s.outlineStyle, parseFloat(s.outlineWidth) >= 2].join(' '); })()",
        );
        if chosen != "true true solid true" {
            problems.push(format!(
                "the second result chosen with the arrow keys (forced colours: {forced}): {chosen}"
            ));
        }
    }
    media(b, tab, json!([]));
    let href = b.eval(
        tab,
        "document.querySelectorAll('#search-results [role=option]')[1].href",
    );
    b.key(tab, "Enter", "Enter", 13, Some("\r"));
    let target = href.as_str().unwrap_or_default().to_string();
    b.wait_for(
        tab,
        &format!(
            "location.href === {} && document.readyState === 'complete'",
            json!(target)
        ),
    );
}

/// The WCAG 1.4.12 values; card titles and text stay inside their cards,
/// cards do not run into each other, the sidebar title is not cut off.
fn text_spacing(b: &mut cdp::Browser, tab: &cdp::Tab, site: &Path, problems: &mut Vec<String>) {
    const INJECT: &str = "(() => { const s = document.createElement('style'); \
        s.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }'; \
        document.head.appendChild(s); return true; })()";
    const CARDS: &str = r#"(() => {
      const out = [];
      const cards = Array.from(document.querySelectorAll(".module-card, .tool-tile"));
      const boxes = cards.map(c => c.getBoundingClientRect());
      cards.forEach((c, i) => {
        const r = boxes[i];
        for (const e of c.querySelectorAll("h3, p, dl, a")) {
          const q = e.getBoundingClientRect();
          if (q.bottom > r.bottom + 1 || q.right > r.right + 1 || q.left < r.left - 1)
            out.push(`${e.textContent.trim().slice(0, 40)} leaves its card`);
          const st = getComputedStyle(e);
          if ((e.scrollWidth > e.clientWidth + 1 && st.overflowX !== "visible") ||
              (e.scrollHeight > e.clientHeight + 1 && st.overflowY !== "visible"))
            out.push(`${e.textContent.trim().slice(0, 40)} is clipped`);
        }
        boxes.forEach((o, j) => {
          if (j > i && r.left < o.right - 1 && o.left < r.right - 1 && r.top < o.bottom - 1 && o.top < r.bottom - 1)
            out.push(`card ${i + 1} overlaps card ${j + 1}`);
        });
      });
      const t = document.querySelector(".module-nav-title a");
      if (t) {
        const q = t.getBoundingClientRect(), s = document.querySelector(".sidebar").getBoundingClientRect();
        if (q.right > s.right + 1 || t.scrollWidth > t.clientWidth + 1) out.push("the sidebar title is cut off");
      }
      return out.join("; ");
    })()"#;
    for (page, width) in [
        ("nl/index.html", 1280),
        ("nl/index.html", 390),
        ("da/co-production-toolkit/index.html", 1280),
        ("nl/employment-models/place-then-train.html", 1280),
    ] {
        viewport(b, tab, width, 900);
        b.navigate(tab, &format!("file://{}/{page}", site.display()));
        b.eval(tab, INJECT);
        let found = b.eval(tab, CARDS);
        if found != "" {
            problems.push(format!(
                "{page} at {width} px with WCAG text spacing: {found}"
            ));
        }
        let over = b.eval(tab, OVERFLOW);
        if over != "" {
            problems.push(format!("{page} at {width} px with text spacing: {over}"));
        }
    }
}

/// Tabbing through a print page: no focused element is under the sticky bar.
fn focus_not_hidden_by_the_print_bar(
    b: &mut cdp::Browser,
    tab: &cdp::Tab,
    site: &Path,
    problems: &mut Vec<String>,
) {
    for width in [1280, 390] {
        viewport(b, tab, width, 700);
        b.navigate(
            tab,
            &format!("file://{}/nl/employment-models/print.html", site.display()),
        );
        let stops = b
            .eval(tab, "document.querySelectorAll('a[href], button').length")
            .as_u64()
            .unwrap();
        let mut seen = HashSet::new();
        // Forwards through the page, then backwards (Shift+Tab), where
        // focus lands on links above that the bar could cover.
        for step in 0..2 * (stops + 2) {
            let shift = if step > stops + 2 { 8 } else { 0 };
            for kind in ["rawKeyDown", "keyUp"] {
                b.call(
                    Some(tab),
                    "Input.dispatchKeyEvent",
                    json!({ "type": kind, "key": "Tab", "code": "Tab", "modifiers": shift,
                            "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9 }),
                );
            }
            let v = b.eval(
                tab,
                "(() => { const e = document.activeElement; if (!e || e === document.body) return ''; \
                 const bar = document.querySelector('.screen-bar'); if (bar.contains(e)) return 'bar'; \
                 const r = e.getBoundingClientRect(), h = getComputedStyle(bar).position === 'sticky' ? bar.getBoundingClientRect().bottom : 0; \
                 const tall = r.height > innerHeight - h; \
                 const hidden = tall ? (r.bottom <= h + 1 || r.top >= innerHeight - 1) : (r.top < h - 1 || r.bottom > innerHeight + 1); \
                 return hidden ? 'hidden: ' + e.outerHTML.slice(0, 80) + ' at ' + Math.round(r.top) + ' under ' + Math.round(h) : 'ok ' + (e.id || e.getAttribute('href')); })()",
            );
            let v = v.as_str().unwrap_or_default().to_string();
            if v.starts_with("hidden") {
                problems.push(format!("print page at {width} px: {v}"));
            }
            seen.insert(v);
        }
        assert!(seen.len() > 20, "few focus stops: {seen:?}");
    }
}

/// Dark: the page follows the scheme; reduced motion: no smooth scrolling.
fn dark_scheme_and_reduced_motion(
    b: &mut cdp::Browser,
    tab: &cdp::Tab,
    site: &Path,
    problems: &mut Vec<String>,
) {
    media(
        b,
        tab,
        json!([{ "name": "prefers-color-scheme", "value": "dark" },
               { "name": "prefers-reduced-motion", "value": "reduce" }]),
    );
    viewport(b, tab, 1280, 900);
    b.navigate(tab, &format!("file://{}/es/index.html", site.display()));
    let v = b.eval(
        tab,
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.documentElement).scrollBehavior].join(' ')",
    );
    if v != "rgb(20, 24, 31) auto" {
        problems.push(format!("dark scheme with reduced motion: {v}"));
    }
    media(b, tab, json!([]));
}

/// WCAG 2.1.4: the "/" shortcut has a switch in the footer, remembered.
fn slash_shortcut_can_be_turned_off(
    b: &mut cdp::Browser,
    tab: &cdp::Tab,
    site: &Path,
    problems: &mut Vec<String>,
) {
    let page = format!("file://{}/it/index.html", site.display());
    b.navigate(tab, &page);
    let slash = |b: &mut cdp::Browser| {
        b.eval(tab, "document.activeElement.blur(), true");
        b.key(tab, "/", "Slash", 191, Some("/"));
        b.eval(tab, "document.activeElement.id")
    };
    if slash(b) != "search-input" {
        problems.push("/ does not focus the search box".into());
    }
    b.eval(
        tab,
        "document.querySelector('.shortcut-setting button').click(), true",
    );
    b.navigate(tab, &page);
    let pressed = b.eval(
        tab,
        "document.querySelector('.shortcut-setting button').getAttribute('aria-pressed')",
    );
    if pressed != "false" || slash(b) == "search-input" {
        problems.push(format!(
            "the / shortcut stays on when switched off ({pressed})"
        ));
    }
    b.eval(
        tab,
        "document.querySelector('.shortcut-setting button').click(), true",
    );
}
