//! Session plans (`kind: session`): the timed agenda of a training day with
//! clock times, the merged materials of its cards (the trainer's shopping
//! list) and the handouts to print; and their checks (missing references,
//! blocks without minutes, an agenda longer than the planned duration).

use serde::Serialize;

use super::links::relative;
use super::markdown::{inline_html, inline_text};
use crate::load::frontmatter::{parse_clock, AgendaItem, GroupSize, Kind};
use crate::model::{Entry, Site, Status, Tree};

/// One row of the timed table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Clock time the block starts and ends, formatted for the language.
    pub start: String,
    pub end: String,
    /// The same as 24-hour `HH:MM`, for `<time datetime>`.
    pub start_iso: String,
    pub end_iso: String,
    /// `None` when neither the block nor its page gives minutes.
    pub minutes: Option<u32>,
    pub title: String,
    /// Link to the page or card (relative to the page showing the plan).
    pub url: Option<String>,
    /// `break`, `tool`, `page` or `item` (a free block).
    pub kind: &'static str,
    pub fallback: bool,
    pub content_lang: String,
}

/// A material to bring, merged over the cards that list it.
#[derive(Debug, Clone, Serialize)]
pub struct Material {
    pub text: String,
    /// Titles of the cards that need it.
    pub cards: Vec<String>,
}

/// A handout to print for the session (or listed on its card).
#[derive(Debug, Clone, Serialize)]
pub struct HandoutLink {
    pub title: String,
    pub url: String,
    /// Its printable sheet.
    pub sheet: String,
    /// Its PDF (when the site publishes downloads).
    pub pdf: Option<String>,
    /// The card it belongs to (in a session plan).
    pub card: Option<String>,
    /// Copies to print: the largest group size the card (or session) allows.
    pub copies: Option<u64>,
    pub fallback: bool,
    pub content_lang: String,
}

/// A session plan, ready for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct SessionPlan {
    pub rows: Vec<Row>,
    pub start: String,
    pub end: String,
    /// Minutes from start to end, and of them in breaks.
    pub total: u32,
    pub breaks: u32,
    pub materials: Vec<Material>,
    pub handouts: Vec<HandoutLink>,
}

/// Formats minutes after midnight as a clock time: `13:30`, or `1:30 pm`.
pub fn clock(minutes: u32, twelve_hour: bool) -> String {
    let m = minutes % (24 * 60);
    let (h, min) = (m / 60, m % 60);
    if twelve_hour {
        let suffix = if h < 12 { "am" } else { "pm" };
        let h12 = match h % 12 {
            0 => 12,
            x => x,
        };
        format!("{h12}:{min:02} {suffix}")
    } else {
        format!("{h:02}:{min:02}")
    }
}

/// Whether `lang` shows 12-hour clock times: only English, and only when
/// site.yaml says `clock: 12h`; the other languages always use 24 hours.
pub fn twelve_hour(site: &Site, lang: &str) -> bool {
    site.config.clock == crate::load::config::Clock::H12
        && (lang == "en" || lang.starts_with("en-"))
}

/// The largest number a group size allows: `8-20` → 20, `6` → 6.
pub fn max_group(g: &GroupSize) -> Option<u64> {
    match g {
        GroupSize::Number(n) => Some(*n),
        GroupSize::Text(t) => t
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|p| p.parse().ok())
            .max(),
    }
}

/// The identity (`module/page.md`) an agenda block's `page` refers to.
pub fn reference(page: &str) -> String {
    let p = page.trim().trim_start_matches("./").trim_end_matches('/');
    let p = p.strip_suffix(".md").unwrap_or(p);
    format!("{p}.md")
}

/// The handouts of the page `entry` of `tree`, linked from `from`.
pub fn handouts_of(site: &Site, tree: &Tree, entry: &Entry, from: &str) -> Vec<HandoutLink> {
    let mut out = Vec::new();
    // Only tool cards have handouts: other modules are skipped unsearched.
    for m in tree.modules.iter().filter(|m| !m.handouts.is_empty()) {
        let Some(pi) = m.pages.iter().position(|p| p.rel == entry.rel) else {
            continue;
        };
        let group = site.doc(entry.doc).fm.group_size.as_ref();
        for h in m.handouts.iter().filter(|h| h.page == pi) {
            let doc = site.doc(h.entry.doc);
            out.push(HandoutLink {
                title: inline_text(&doc.fm.title),
                url: relative(from, &h.entry.output),
                sheet: relative(from, &h.sheet),
                pdf: site.config.downloads.then(|| {
                    relative(
                        from,
                        &format!("pdf/{}/handouts/{}/{}.pdf", tree.lang, h.card, h.name),
                    )
                }),
                card: None,
                copies: group.and_then(max_group),
                fallback: h.entry.status == Status::Fallback,
                content_lang: doc.lang.clone(),
            });
        }
    }
    out
}

/// The plan of the session page `entry` of `tree`, with links relative to `from`.
pub fn plan(site: &Site, tree: &Tree, entry: &Entry, from: &str) -> SessionPlan {
    let doc = site.doc(entry.doc);
    let twelve = twelve_hour(site, &tree.lang);
    let start = doc
        .fm
        .start
        .as_deref()
        .and_then(parse_clock)
        .unwrap_or(9 * 60);
    let session_group = doc.fm.group_size.as_ref().and_then(max_group);
    let mut now = start;
    let mut rows = Vec::new();
    let mut breaks = 0;
    let mut materials: Vec<Material> = Vec::new();
    let mut handouts: Vec<HandoutLink> = Vec::new();
    for item in &doc.fm.agenda {
        let target = item.page.as_deref().and_then(|p| tree.entry(&reference(p)));
        let minutes = item
            .minutes
            .or_else(|| target.and_then(|e| site.doc(e.doc).fm.duration));
        let row = block_row(site, item, target, from, minutes);
        if item.is_break {
            breaks += minutes.unwrap_or(0);
        }
        let end = now + minutes.unwrap_or(0);
        rows.push(Row {
            start: clock(now, twelve),
            end: clock(end, twelve),
            start_iso: clock(now, false),
            end_iso: clock(end, false),
            ..row
        });
        now = end;
        let Some(t) = target else { continue };
        let card = site.doc(t.doc);
        let card_title = inline_text(&card.fm.title);
        for text in &card.fm.materials {
            let html = inline_html(text);
            let key = inline_text(text).to_lowercase();
            match materials
                .iter_mut()
                .find(|m| inline_text(&m.text).to_lowercase() == key)
            {
                Some(m) if !m.cards.contains(&card_title) => m.cards.push(card_title.clone()),
                Some(_) => {}
                None => materials.push(Material {
                    text: html,
                    cards: vec![card_title.clone()],
                }),
            }
        }
        for mut h in handouts_of(site, tree, t, from) {
            if handouts.iter().any(|x| x.url == h.url) {
                continue;
            }
            h.card = (!names_card(&h.title, &card_title)).then(|| card_title.clone());
            h.copies = session_group.or(h.copies);
            handouts.push(h);
        }
    }
    SessionPlan {
        rows,
        start: clock(start, twelve),
        end: clock(now, twelve),
        total: now - start,
        breaks,
        materials,
        handouts,
    }
}

/// A row for one block (clock times filled in by the caller).
fn block_row(
    site: &Site,
    item: &AgendaItem,
    target: Option<&Entry>,
    from: &str,
    minutes: Option<u32>,
) -> Row {
    let (title, url, kind, fallback, content_lang) = match target {
        Some(e) => {
            let d = site.doc(e.doc);
            let kind = match d.fm.kind {
                Some(Kind::Tool) => "tool",
                _ if e.rel.starts_with("co-production-toolkit/") => "tool",
                _ => "page",
            };
            (
                item.title
                    .clone()
                    .unwrap_or_else(|| inline_text(&d.fm.title)),
                Some(relative(from, &e.output)),
                kind,
                e.status == Status::Fallback && item.title.is_none(),
                d.lang.clone(),
            )
        }
        None => (
            item.title.clone().or(item.page.clone()).unwrap_or_default(),
            None,
            "item",
            false,
            String::new(),
        ),
    };
    Row {
        start: String::new(),
        end: String::new(),
        start_iso: String::new(),
        end_iso: String::new(),
        minutes,
        title,
        url,
        kind: if item.is_break { "break" } else { kind },
        fallback,
        content_lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_in_both_conventions() {
        assert_eq!(clock(9 * 60 + 30, false), "09:30");
        assert_eq!(clock(13 * 60 + 5, false), "13:05");
        assert_eq!(clock(13 * 60 + 5, true), "1:05 pm");
        assert_eq!(clock(12 * 60, true), "12:00 pm");
        assert_eq!(clock(0, true), "12:00 am");
        assert_eq!(clock(24 * 60 + 15, false), "00:15");
    }

    #[test]
    fn group_sizes_and_references() {
        assert_eq!(max_group(&GroupSize::Text("8-20".into())), Some(20));
        assert_eq!(max_group(&GroupSize::Number(6)), Some(6));
        assert_eq!(max_group(&GroupSize::Text("any".into())), None);
        assert_eq!(reference("m/p"), "m/p.md");
        assert_eq!(reference("m/p.md"), "m/p.md");
    }
}

/// Whether a handout's title already says its card ("Story circle: story
/// prompts" of the card "Story circle"), so the run sheet need not repeat it.
fn names_card(title: &str, card: &str) -> bool {
    title
        .strip_prefix(card)
        .is_some_and(|rest| rest.starts_with(':'))
}

#[cfg(test)]
mod names_card_tests {
    use super::names_card;

    #[test]
    fn a_title_that_starts_with_its_card_and_a_colon_names_it() {
        assert!(names_card("Verhalencirkel: vertelvragen", "Verhalencirkel"));
        assert!(!names_card("Line-up statements", "Line-up"));
        assert!(!names_card("Statements", "Line-up"));
    }
}
