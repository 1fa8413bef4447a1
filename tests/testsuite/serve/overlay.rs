//! A broken site while serving: the overlay that names the problem, until
//! it is fixed, also when the site is broken from the start.

use super::*;

#[test]
fn broken_front_matter_shows_an_overlay_until_fixed() {
    let f = Fixture::small();
    let s = Serve::start(f.root());
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
    // Print pages are made when asked for: not from a broken site.
    let print = s.get("/en/print.html");
    assert_eq!(print.status, 503, "{}", print.body);
    assert!(print.has_overlay());
    assert!(
        print.body.contains("print pages cannot be made"),
        "{}",
        print.body
    );
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
    // The handbook's print page, made now, has the fix.
    let print = s.get("/en/print.html");
    assert_eq!(print.status, 200);
    assert!(print.body.contains("Fixed version"), "{}", print.body);
    assert!(print.html().select(&sel(".print-toc")).next().is_some());
}

#[test]
fn a_site_broken_at_the_start_is_served_once_fixed() {
    let f = Fixture::small();
    f.write(
        "content/en/intro/first.md",
        "---\ntitle: First\nnot yaml: [\n---\nBody.\n",
    );
    let s = Serve::start(f.root());
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

/// A print template that fails only when a print page is made: the site is
/// served, the print page answers with what failed and where, and works
/// again once the template is fixed.
#[test]
fn a_print_template_that_fails_is_reported_on_the_print_page() {
    let f = Fixture::small();
    let print = builtin_template("print.html");
    let broken = print.replacen("<title>{{ title }}", "<title>{{ no_such_value.title }}", 1);
    assert_ne!(broken, print, "the print template changed its title line");
    f.write("themes/default/templates/print.html", &broken);
    let s = Serve::start(f.root());
    assert_eq!(s.get("/en/intro/first.html").status, 200);
    let r = s.get("/en/print.html");
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(r.body.contains("could not be made"), "{}", r.body);
    assert!(
        r.body.contains("themes/default/templates/print.html"),
        "the template file is not named: {}",
        r.body
    );
    assert!(
        r.body.contains("no_such_value"),
        "the value is not named: {}",
        r.body
    );
    assert!(
        s.stderr().contains("themes/default/templates/print.html"),
        "not on the terminal: {}",
        s.stderr()
    );

    f.write("themes/default/templates/print.html", &print);
    let r = s.wait_for("/en/print.html", "the fixed print page", |r| {
        r.status == 200
    });
    assert!(r.html().select(&sel(".print-toc")).next().is_some());
}
