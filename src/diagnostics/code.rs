//! The stable code of each class of finding (`E012 broken-link`), so
//! scripts and docs can refer to it.

use serde::Serialize;

/// A stable code for each class of finding, so scripts and docs can refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Code {
    /// The file could not be read, or is not UTF-8.
    Io,
    /// Front matter is missing, unterminated, or not valid YAML.
    FrontMatterSyntax,
    /// A front matter key that equil does not know.
    UnknownKey,
    /// A front matter value of the wrong type, or a missing required key.
    FrontMatterValue,
    /// `site.yaml` is invalid.
    Config,
    /// A folder under `content/` or `locales/` that is not a language tag.
    BadLanguage,
    /// A file that does not fit the content layout.
    Layout,
    /// A relative link to a page or anchor that does not exist.
    BrokenLink,
    /// A link's anchor exists in the page's own language but not in a translation it lands on.
    AnchorInTranslation,
    /// A link to a heading by the id older equil versions gave it.
    OldAnchor,
    /// A referenced image or asset that does not exist.
    MissingAsset,
    /// Two pages would be written to the same output path.
    DuplicateOutput,
    /// Content nested deeper than equil renders (raw HTML elements).
    TooDeep,
    /// A Fluent file has a syntax error.
    FluentSyntax,
    /// A Fluent message is missing in a language (falls back) or everywhere.
    FluentMissing,
    /// A Fluent message refers to a variable, term, message or function that
    /// does not exist (it would be printed as `{$name}`).
    FluentReference,
    /// A Fluent message or term is defined twice, or over a built-in one.
    FluentDuplicate,
    /// A template failed to parse or render.
    Template,
    /// A page is shown in the source language because its translation is missing.
    Fallback,
    /// A translation was made from an older version of its source page.
    Outdated,
    /// A translation with no `source_hash`: its state is unknown.
    UnknownTranslationState,
    /// A translated page that has no source-language page.
    OrphanTranslation,
    /// Base URL is not set, so absolute URLs (sitemap) are omitted.
    NoBaseUrl,
    /// A path escapes the site (`..`, absolute paths, symlinks out of the tree).
    UnsafePath,
    /// Raw HTML in content that the sanitiser removed (scripts, event handlers).
    UnsafeHtml,
    /// A draft page (listed by `check`).
    Draft,
    /// Writing the output failed.
    Write,
    /// A glossary file is invalid, or a page links to a term it does not have.
    Glossary,
    /// A translation does not use the glossary's terms, or uses a form to avoid.
    TerminologyDrift,
    /// A session plan's agenda refers to a missing page, or a block has no minutes.
    Agenda,
    /// A session plan's agenda is longer than its planned duration.
    AgendaTooLong,
    /// A handout (or run sheet) does not fit on one sheet of paper.
    SheetOverflow,
    /// The output folder may not be replaced (it holds other files, or the site).
    OutputFolder,
    /// A user's file that equil cannot change safely (and left as it was).
    UnsafeEdit,
    /// A content file that could run code in readers' browsers (.html, .js, scripted .svg).
    ActiveAsset,
    /// The git history cannot be read: no page dates, What's new or diffs.
    NoHistory,
}

impl Code {
    /// The stable identifier printed in brackets, e.g. `E002`.
    pub fn id(self) -> &'static str {
        match self {
            Code::Io => "E001",
            Code::FrontMatterSyntax => "E002",
            Code::UnknownKey => "E003",
            Code::FrontMatterValue => "E004",
            Code::Config => "E005",
            Code::BadLanguage => "E006",
            Code::Layout => "E007",
            Code::BrokenLink => "E012",
            Code::MissingAsset => "E013",
            Code::DuplicateOutput => "E014",
            Code::TooDeep => "E015",
            Code::FluentSyntax => "E020",
            Code::FluentMissing => "E021",
            Code::FluentReference => "E022",
            Code::FluentDuplicate => "E023",
            Code::Template => "E030",
            Code::UnsafePath => "E040",
            Code::UnsafeHtml => "W107",
            Code::Write => "E050",
            Code::OutputFolder => "E051",
            Code::UnsafeEdit => "E052",
            Code::ActiveAsset => "E041",
            Code::Fallback => "W101",
            Code::Outdated => "W102",
            Code::UnknownTranslationState => "W103",
            Code::OrphanTranslation => "W104",
            Code::NoBaseUrl => "W105",
            Code::Draft => "W106",
            Code::AnchorInTranslation => "W108",
            Code::Glossary => "E016",
            Code::TerminologyDrift => "W109",
            Code::Agenda => "E017",
            Code::AgendaTooLong => "W110",
            Code::SheetOverflow => "W111",
            Code::OldAnchor => "W120",
            Code::NoHistory => "N201",
        }
    }

    /// A short kebab-case name, e.g. `unknown-key`.
    pub fn name(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::FrontMatterSyntax => "front-matter-syntax",
            Code::UnknownKey => "unknown-key",
            Code::FrontMatterValue => "front-matter-value",
            Code::Config => "config",
            Code::BadLanguage => "bad-language",
            Code::Layout => "layout",
            Code::BrokenLink => "broken-link",
            Code::MissingAsset => "missing-asset",
            Code::DuplicateOutput => "duplicate-output",
            Code::TooDeep => "too-deep",
            Code::FluentSyntax => "fluent-syntax",
            Code::FluentMissing => "fluent-missing",
            Code::FluentReference => "fluent-reference",
            Code::FluentDuplicate => "fluent-duplicate",
            Code::Template => "template",
            Code::UnsafePath => "unsafe-path",
            Code::UnsafeHtml => "unsafe-html",
            Code::Write => "write",
            Code::OutputFolder => "output-folder",
            Code::UnsafeEdit => "unsafe-edit",
            Code::ActiveAsset => "active-asset",
            Code::Fallback => "fallback",
            Code::Outdated => "outdated",
            Code::UnknownTranslationState => "unknown-translation-state",
            Code::OrphanTranslation => "orphan-translation",
            Code::NoBaseUrl => "no-base-url",
            Code::NoHistory => "no-history",
            Code::Draft => "draft",
            Code::AnchorInTranslation => "anchor-in-translation",
            Code::Glossary => "glossary",
            Code::TerminologyDrift => "terminology-drift",
            Code::Agenda => "agenda",
            Code::AgendaTooLong => "agenda-too-long",
            Code::SheetOverflow => "sheet-overflow",
            Code::OldAnchor => "old-anchor",
        }
    }
}
