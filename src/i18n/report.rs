//! The report of `equil i18n status` as data: what [`super::status`]
//! computes, [`super::table`] prints as text and `--format json` prints as
//! JSON.
//!
//! The JSON form of [`Report`] is documented in TRANSLATING.md; change it
//! only by adding fields, and bump [`FORMAT_VERSION`] if a field must change.

use serde::Serialize;

/// Version of the JSON layout.
pub const FORMAT_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format_version: u32,
    pub source: Source,
    /// Every language but the source, in switcher order.
    pub languages: Vec<LangReport>,
    /// All translation languages together.
    pub totals: Totals,
}

/// The source language, which every translation is measured against.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub code: String,
    pub name: String,
    /// Pages published in the source language (drafts left out).
    pub pages: usize,
    /// Fluent messages of the source language.
    pub messages: usize,
}

/// One translation language.
#[derive(Debug, Clone, Serialize)]
pub struct LangReport {
    pub code: String,
    pub name: String,
    pub pages: Pages,
    pub messages: Messages,
    /// Current (and localised) pages and translated messages, as a share of
    /// all pages and messages.
    pub complete_percent: f64,
    /// Terms of the source glossary this language's glossary has.
    pub glossary: GlossaryStatus,
    /// Terminology warnings for this language's pages (see `equil check`).
    pub terminology: Vec<Drift>,
}

/// A language's glossary against the source language's.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GlossaryStatus {
    /// Terms in the source glossary.
    pub total: usize,
    pub translated: usize,
    /// Ids of source terms this language lacks (readers see the source's), sorted.
    pub missing: Vec<String>,
}

/// A problem the build reports about one of a language's files, where it
/// reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// A terminology warning: a page that does not use the glossary's term for
/// something its source says, or uses a form the glossary says to avoid.
pub type Drift = Finding;

/// A Fluent syntax error, where the build reports it.
pub type SyntaxError = Finding;

/// Pages of one language.
/// `current + outdated + unknown + localised + missing + errors == total`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pages {
    pub total: usize,
    /// Pages with a translation file: current, outdated or unknown.
    pub translated: usize,
    pub current: usize,
    pub outdated: usize,
    pub unknown: usize,
    /// Pages written for this language's country (`localised: true`):
    /// never outdated.
    pub localised: usize,
    /// No translation: readers see the source page with a notice.
    pub missing: usize,
    /// A translation file that cannot be read (see `equil check`); the source is shown.
    pub errors: usize,
    pub percent: PagePercent,
    pub files: PageFiles,
    /// Per outdated page (in the order of `files.outdated`): the source
    /// version it was made from and how much the source changed since,
    /// from git history (`null` when the history does not have it).
    pub outdated_details: Vec<OutdatedDetail>,
}

/// What git history says about an outdated page.
#[derive(Debug, Clone, Serialize)]
pub struct OutdatedDetail {
    /// Path inside the language tree, as in `files.outdated`.
    pub path: String,
    /// The commit and date of the source version the translation was made from.
    pub from: Option<super::diff::Origin>,
    /// Lines and words added and removed in the source since.
    pub changed: Option<crate::history::diff::Size>,
}

/// Shares of [`Pages::total`] in percent, to one decimal (see [`super::status::percent`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PagePercent {
    pub translated: f64,
    pub current: f64,
    pub outdated: f64,
    pub unknown: f64,
    pub localised: f64,
    pub missing: f64,
    pub errors: f64,
}

/// Pages by state, as paths inside the language tree (`module/page.md`;
/// the file is `content/<lang>/<path>`), sorted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageFiles {
    pub current: Vec<String>,
    pub outdated: Vec<String>,
    pub unknown: Vec<String>,
    pub localised: Vec<String>,
    pub missing: Vec<String>,
    pub errors: Vec<String>,
    /// Translations with no source page (not published, not counted).
    pub orphans: Vec<String>,
}

/// Fluent messages of one language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Messages {
    /// Messages of the source language.
    pub total: usize,
    pub translated: usize,
    /// Source messages this language does not translate: absent (the source
    /// text is shown) or still marked `needs translation`.
    pub missing: usize,
    /// Messages this language has that the source does not.
    pub extra: usize,
    /// Fluent syntax errors in this language's files.
    pub errors: usize,
    pub percent: MessagePercent,
    pub ids: MessageIds,
    pub syntax_errors: Vec<SyntaxError>,
}

/// Shares of [`Messages::total`] in percent, to one decimal (see [`super::status::percent`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct MessagePercent {
    pub translated: f64,
    pub missing: f64,
}

/// Message ids by state, sorted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MessageIds {
    pub missing: Vec<String>,
    /// The part of `missing` that is in the files with the source text and a
    /// `needs translation` comment.
    pub needs_translation: Vec<String>,
    pub extra: Vec<String>,
}

/// Sums over every translation language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub languages: usize,
    pub pages: usize,
    pub pages_current: usize,
    pub pages_outdated: usize,
    pub pages_unknown: usize,
    pub pages_localised: usize,
    pub pages_missing: usize,
    pub pages_errors: usize,
    pub messages: usize,
    pub messages_translated: usize,
    pub messages_missing: usize,
    pub complete_percent: f64,
}
