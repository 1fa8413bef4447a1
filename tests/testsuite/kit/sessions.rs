//! Session plans (clock times, breaks, totals, materials, handouts to
//! print, checks) and exercise and reflection callouts.

use super::*;

#[test]
fn the_session_plan_has_clock_times_breaks_and_a_total() {
    let f = kit();
    f.build_ok();
    let doc = f.html("en/day/agenda.html");
    let clocks = texts(&doc, ".session-table tbody .session-clock");
    assert_eq!(
        clocks,
        [
            "11:30–11:45",
            "11:45–12:15",
            "12:15–13:00",
            "13:00–13:35",
            "13:35–14:00"
        ]
    );
    assert_eq!(
        texts(&doc, ".session-table tbody td:nth-child(3)"),
        ["15", "30", "45", "35", "25"]
    );
    assert_eq!(doc.select(&sel("tr.session-break")).count(), 1);
    assert_eq!(
        attrs(&doc, ".session-table tbody a", "href"),
        [
            "../toolkit/line-up.html",
            "../toolkit/story-circle.html",
            "../toolkit/map.html"
        ]
    );
    let total = texts(&doc, ".session-table tfoot td").join("");
    assert!(
        total.contains("11:30") && total.contains("14:00"),
        "{total}"
    );
    assert!(
        total.contains("2 h 30 min") && total.contains("45 minutes"),
        "{total}"
    );
    // English follows site.yaml: `clock: 12h` gives 1:00 pm; Dutch stays 24-hour.
    f.write("site.yaml", &(f.read("site.yaml") + "clock: 12h\n"));
    f.build_ok();
    let en = texts(&f.html("en/day/agenda.html"), ".session-clock");
    assert_eq!(en[3], "1:00 pm–1:35 pm");
    let nl = texts(&f.html("nl/day/agenda.html"), ".session-clock");
    assert_eq!(nl[3], "13:00–13:35");
}

#[test]
fn the_session_plan_merges_materials_and_lists_handouts_to_print() {
    let f = kit();
    f.build_ok();
    let doc = f.html("en/day/agenda.html");
    let materials = texts(&doc, ".session-materials li");
    assert_eq!(
        materials,
        [
            "Masking tape (for Line-up, Network map)",
            "Statement cards (for Line-up, Story circle)",
            "A talking object (for Story circle)",
            "Flip chart (for Network map)"
        ]
    );
    let handouts = texts(&doc, ".session-handouts li");
    assert_eq!(handouts.len(), 2, "{handouts:?}");
    assert!(
        handouts[0].starts_with("Line-up statements (Line-up) – 12 copies"),
        "{handouts:?}"
    );
    // The Dutch plan inherits the agenda, with Dutch interface words.
    let nl = f.html("nl/day/agenda.html");
    assert_eq!(nl.select(&sel(".session-table tbody tr")).count(), 5);
    assert!(texts(&nl, ".session-heading").contains(&"Mee te nemen materialen".to_string()));
    // The run sheet has the plan without links or site chrome.
    let sheet = f.html("en/day/print/agenda.html");
    assert_eq!(sheet.select(&sel(".session-table tbody tr")).count(), 5);
    assert!(sheet
        .select(&sel(".session-table a, header, nav"))
        .next()
        .is_none());
    // The module's print page carries the plan, and the handouts after their card.
    let print = f.html("en/toolkit/print.html");
    let titles = texts(&print, "section.chapter .chapter-title");
    assert_eq!(
        titles,
        [
            "Toolkit",
            "Line-up",
            "Line-up statements",
            "Observer sheet",
            "Story circle",
            "Network map"
        ]
    );
    let day = f.html("en/day/print.html");
    assert_eq!(
        day.select(&sel(".chapter-session .session-table")).count(),
        1
    );
}

#[test]
fn callouts_are_titled_in_the_reader_language() {
    let f = kit();
    f.write(
        "content/nl/toolkit/line-up.md",
        "---\ntitle: Opstelling\nkind: tool\n---\n> [!EXERCISE]\n> Ga op de lijn staan.\n\n> [!REFLECTION]\n> Wat viel op?\n",
    );
    f.build_ok();
    let nl = f.html("nl/toolkit/line-up.html");
    assert_eq!(
        texts(&nl, ".callout .callout-title"),
        ["Oefening", "Reflectie"]
    );
    let en = f.html("en/day/agenda.html");
    assert_eq!(
        texts(&en, ".callout-reflection .callout-title"),
        ["Reflection"]
    );
}

#[test]
fn check_reports_a_broken_reference_and_an_over_long_agenda_with_lines() {
    let f = kit();
    f.write(
        "content/en/day/broken.md",
        "---\ntitle: Broken plan\nkind: session\nstart: \"09:00\"\nduration: 60\nagenda:\n  - page: toolkit/line-up\n  - page: toolkit/line-upp\n  - title: Round\n  - page: toolkit/map\n    minutes: 40\n---\n",
    );
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let log = stderr(&out);
    assert!(
        log.contains("agenda block 2: there is no page `toolkit/line-upp`")
            && log.contains("content/en/day/broken.md:8:1")
            && log.contains("did you mean `page: toolkit/line-up`"),
        "{log}"
    );
    assert!(
        log.contains("agenda block 3 (Round) has no minutes")
            && log.contains("content/en/day/broken.md:9:1"),
        "{log}"
    );
    assert!(
        log.contains(
            "the agenda takes 70 minutes, longer than the `duration` of this page (60 minutes)"
        ),
        "{log}"
    );
    // The fixture's own plan is longer than its module (150 > 120 minutes).
    assert!(
        log.contains(
            "the agenda takes 150 minutes, longer than the module's `duration` (120 minutes)"
        ) && log.contains("content/en/day/agenda.md:6:1"),
        "{log}"
    );
    // As JSON, with the codes.
    let out = f.run(&["check", "--format", "json"]);
    let json = stdout(&out);
    assert!(
        json.contains("\"E017\"") && json.contains("\"W110\""),
        "{json}"
    );
}
