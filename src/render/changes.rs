//! "What's new" per language: the pages of a language tree that changed
//! most recently (each page once, at its last commit), newest first, as a
//! page (`<lang>/whats-new.html`) and an Atom feed (`<lang>/feed.xml`).
//!
//! A change's summary is the page's front matter `changes:` note when that
//! commit wrote the note (so a trainer can say it in the reader's language),
//! else the commit's subject. Everything comes from history: two builds of
//! the same commit give the same files.

use serde::Serialize;

use super::links::relative;
use super::markdown::inline_text;
use crate::escape;
use crate::history::dates::{DateFormat, DateText};
use crate::history::versions::Snapshot;
use crate::history::{key, History, Timestamp};
use crate::model::{Position, Site, Tree};

/// How many changes the page and the feed list.
pub const LIMIT: usize = 30;

/// One change, as the template and the feed see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Change {
    pub title: String,
    /// URL relative to the language's folder (`module/page.html`).
    pub url: String,
    /// Output path from the site root (`nl/module/page.html`).
    #[serde(skip)]
    pub output: String,
    /// The module's title (`None` for the home page).
    pub module: Option<String>,
    pub date: DateText,
    #[serde(skip)]
    pub time: Timestamp,
    pub summary: String,
    /// The commit, for the feed entry's id.
    pub commit: String,
    /// Language of the page's text (differs on fallback pages).
    pub content_lang: String,
}

/// The most recent changes of a language tree, newest first.
pub fn recent(site: &Site, tree: &Tree, dates: &DateFormat) -> Vec<Change> {
    let history: &History = &site.history;
    if history.unavailable.is_some() {
        return Vec::new();
    }
    let titles: Vec<String> = tree
        .modules
        .iter()
        .map(|m| inline_text(&site.doc(m.index.doc).fm.title))
        .collect();
    let mut found = Vec::new();
    for (pos, entry) in tree.walk() {
        let module = match pos {
            // A module's overview is the module: no module line of its own.
            Position::Home | Position::Module(_) => None,
            Position::Page(mi, _) => Some(titles[mi].clone()),
            Position::Handout(..) | Position::About(_) => continue,
        };
        let doc = site.doc(entry.doc);
        let path = key(&doc.path);
        if let Some(v) = history.versions(&path).first() {
            found.push((
                history.commit(v).time,
                entry.output.clone(),
                path,
                entry.doc,
                module,
            ));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.truncate(LIMIT);
    let blobs = history.blobs();
    let home = &tree.home_output();
    found
        .into_iter()
        .map(|(time, output, path, doc, module)| {
            let versions = history.versions(&path);
            let commit = history.commit(&versions[0]);
            let note = blobs.as_ref().and_then(|b| {
                let now = Snapshot::parse(&b.text(versions[0].blob)?)?;
                let before = versions
                    .get(1)
                    .and_then(|v| b.text(v.blob))
                    .and_then(|t| Snapshot::parse(&t))
                    .unwrap_or_default();
                let note = now.field("changes").trim().to_string();
                (!note.is_empty() && note != before.field("changes").trim()).then_some(note)
            });
            let d = site.doc(doc);
            Change {
                title: inline_text(&d.fm.title),
                url: relative(home, &output),
                output,
                module,
                date: dates.text(time),
                time,
                summary: note.unwrap_or_else(|| commit.subject.clone()),
                commit: commit.id.clone(),
                content_lang: d.lang.clone(),
            }
        })
        .collect()
}

/// What the feed is called and where it points.
pub struct FeedInfo<'a> {
    /// The site's base URL, ending in `/`.
    pub base: &'a str,
    pub lang: &'a str,
    /// The feed's title ("EQUIL handbook: What's new").
    pub title: &'a str,
    /// Who publishes it (the site's title).
    pub author: &'a str,
}

/// The Atom feed (RFC 4287) of a language's changes. Its `updated` is the
/// newest change's date (a feed of no changes uses the Unix epoch), never
/// the clock.
pub fn atom(info: &FeedInfo<'_>, changes: &[Change]) -> String {
    let base = info.base;
    let lang = info.lang;
    let self_url = format!("{base}{lang}/feed.xml");
    let page_url = format!("{base}{lang}/whats-new.html");
    let updated = changes
        .iter()
        .map(|c| c.time)
        .max()
        .unwrap_or(Timestamp(0))
        .rfc3339();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n  <generator>equil</generator>\n",
        escape::xml(lang),
        escape::xml(info.title),
        escape::xml(&self_url),
        escape::xml(&self_url),
        escape::xml(&page_url),
        escape::xml(info.author),
    ));
    for c in changes {
        let url = format!("{base}{}", c.output);
        let lang_attr = if c.content_lang != lang {
            format!(" xml:lang=\"{}\"", escape::xml(&c.content_lang))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  <entry{lang_attr}>\n    <title>{}</title>\n    <id>{}#version-{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n",
            escape::xml(&c.title),
            escape::xml(&url),
            &c.commit[..c.commit.len().min(12)],
            escape::xml(&url),
            c.time.rfc3339(),
        ));
        if let Some(m) = &c.module {
            out.push_str(&format!("    <category term=\"{}\"/>\n", escape::xml(m)));
        }
        out.push_str(&format!(
            "    <summary>{}</summary>\n  </entry>\n",
            escape::xml(&c.summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}
