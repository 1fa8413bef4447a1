//! Front matter: the YAML block between `---` lines at the top of a page.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::yaml;
use crate::diagnostics::{Code, Diagnostic};

/// Every key a page's front matter may have (SPEC.md).
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "summary",
    "order",
    "kind",
    "objectives",
    "duration",
    "audience",
    "group_size",
    "materials",
    "draft",
    "slug",
    "source_hash",
    "extra",
    // helper "site": pages written per country, old paths that redirect.
    "localised",
    "aliases",
    // Git history (helper "git"): a short note for What's new.
    "changes",
    // Session plans (`kind: session`).
    "start",
    "agenda",
];

/// What a content file is: a module overview, a page, the toolkit, or a tool card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Module,
    #[default]
    Page,
    Toolkit,
    Tool,
    /// A sheet for participants, in its page's folder (`<card>/<handout>.md`).
    Handout,
    /// A session plan: a timed agenda of cards, pages and free blocks.
    Session,
}

/// One block of a session plan's `agenda`: a page or tool card (taking its
/// `duration`), or a free item (`title` and `minutes`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Path in the language tree without `.md`: `co-production-toolkit/values-line-up`.
    #[serde(default)]
    pub page: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// Overrides the page's `duration`.
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default, rename = "break")]
    pub is_break: bool,
}

/// A group size may be written as a number (`6`) or a range (`"4-12"`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum GroupSize {
    Number(u64),
    Text(String),
}

impl std::fmt::Display for GroupSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GroupSize::Number(n) => write!(f, "{n}"),
            GroupSize::Text(s) => f.write_str(s),
        }
    }
}

/// The typed front matter of a content file.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub audience: Vec<String>,
    #[serde(default)]
    pub group_size: Option<GroupSize>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub source_hash: Option<String>,
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
    /// Written for this language's country, not translated: never outdated,
    /// no notices (CONVENTIONS format 1).
    #[serde(default)]
    pub localised: bool,
    /// Old paths of the page, relative to its language folder
    /// (`modules/old-name.html`); each gets a redirect page.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A short note on the latest change, shown in What's new and the feed
    /// (in the page's language) instead of the commit subject.
    #[serde(default)]
    pub changes: Option<String>,
    /// Session plans: the clock time the session starts, `HH:MM`.
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// The file line of each agenda block (filled in after parsing).
    #[serde(skip)]
    pub agenda_lines: Vec<usize>,
    /// Whether `start` and `agenda` were taken from the source page.
    #[serde(skip)]
    pub agenda_inherited: bool,
}

/// A file split into its front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML text between the `---` lines.
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file's text (after a byte order mark, if any).
    pub yaml_offset: usize,
    /// File line of the first YAML line.
    pub yaml_line: usize,
    /// The Markdown after the closing `---` line.
    pub body: &'a str,
    /// File line where the body starts.
    pub body_line: usize,
}

/// Splits a file at its front matter fences.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let text = &text[bom..];
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(Diagnostic::error(
            Code::FrontMatterSyntax,
            "missing front matter: the file must start with a `---` line",
        )
        .at(path)
        .pos(1, 1)
        .help("start the file with:\n---\ntitle: \"Page title\"\n---"));
    }
    let mut offset = first_end;
    for (line_no, line) in (2..).zip(text[first_end..].split_inclusive('\n')) {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_offset: bom + first_end,
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Code::FrontMatterSyntax,
        "front matter is not closed: no `---` line after it",
    )
    .at(path)
    .pos(1, 1)
    .help("add a line with `---` after the last front matter key"))
}

/// Sets one top-level front matter key of a page's text to a scalar value,
/// leaving every other byte of the file as it was (see
/// [`yaml::set_scalar_line`]); only the front matter block is touched.
pub fn set_key(text: &str, key: &str, value: &str, path: &Path) -> Result<String, Diagnostic> {
    let sp = split(text, path)?;
    let start = sp.yaml_offset;
    let end = start + sp.yaml.len();
    let mut out = String::with_capacity(text.len() + key.len() + value.len() + 4);
    out.push_str(&text[..start]);
    if sp.yaml.is_empty() {
        // An empty block has no line ending of its own: take the fence's.
        let eol = if text[..start].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        out.push_str(&format!("{key}: {value}{eol}"));
    } else {
        out.push_str(&yaml::set_scalar_line(sp.yaml, key, value));
    }
    out.push_str(&text[end..]);
    Ok(out)
}

/// Parses and validates front matter. Returns every problem found, not just the first.
pub fn parse(split: &Split<'_>, path: &Path) -> Result<FrontMatter, Vec<Diagnostic>> {
    let (mut errors, map) = match yaml::check_keys_of(split.yaml, path, split.yaml_line, KNOWN_KEYS)
    {
        Ok(checked) => checked,
        Err(syntax) => return Err(vec![syntax]),
    };
    // The YAML is read once; only a page with a wrong value is read again.
    let fm: Option<FrontMatter> = match yaml::from_mapping(map) {
        Some(fm) => Some(fm),
        None => match yaml::parse_each(split.yaml, path, split.yaml_line, Code::FrontMatterValue) {
            Ok(fm) => Some(fm),
            Err(e) => {
                errors.extend(e);
                None
            }
        },
    };
    if let Some(fm) = &fm {
        if fm.title.trim().is_empty() {
            errors.push(
                Diagnostic::error(Code::FrontMatterValue, "`title` is empty")
                    .at(path)
                    .pos(split.yaml_line, 1),
            );
        }
        if let Some(slug) = &fm.slug {
            if !is_valid_slug(slug) {
                let line = key_line(split, "slug");
                errors.push(
                    Diagnostic::error(
                        Code::UnsafePath,
                        format!("`slug: {slug}` is not a valid URL slug"),
                    )
                    .at(path)
                    .pos(line, 1)
                    .help("use lowercase letters, digits and `-`, e.g. `slug: werkmodellen`"),
                );
            }
        }
    }
    let fm = fm.map(|mut fm| {
        fm.agenda_lines = list_item_lines(split, "agenda");
        check_session(&fm, split, path, &mut errors);
        fm
    });
    match fm {
        Some(fm) if errors.is_empty() => Ok(fm),
        _ => Err(errors),
    }
}

/// A slug is one path segment of letters, digits, `-` and `_`: it can never
/// leave its folder or clash with the files equil writes itself.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 100
        && !slug.starts_with(['-', '_', '.'])
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Parses a clock time `HH:MM` (24-hour) into minutes after midnight.
pub fn parse_clock(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let ok = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || m.len() != 2 || !ok(m) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// The session plan keys' own rules: a valid `start`, and every agenda
/// block either a page or a titled item.
fn check_session(fm: &FrontMatter, split: &Split<'_>, path: &Path, errors: &mut Vec<Diagnostic>) {
    if let Some(start) = &fm.start {
        if parse_clock(start).is_none() {
            errors.push(
                Diagnostic::error(
                    Code::FrontMatterValue,
                    format!("`start: {start}` is not a clock time"),
                )
                .at(path)
                .pos(key_line(split, "start"), 1)
                .help("write the time the session starts as hours and minutes, 24-hour: `start: \"09:30\"`"),
            );
        }
    }
    for (i, item) in fm.agenda.iter().enumerate() {
        if item.page.is_none() && item.title.is_none() {
            let line = fm.agenda_lines.get(i).copied().unwrap_or(split.yaml_line);
            errors.push(
                Diagnostic::error(
                    Code::FrontMatterValue,
                    format!("agenda block {} has neither `page` nor `title`", i + 1),
                )
                .at(path)
                .pos(line, 1)
                .help("give it `page: <module>/<page>` (a page or tool card), or `title:` and `minutes:` for a free item such as a break"),
            );
        }
    }
}

/// The file lines of the items of the top-level list `key` (the lines
/// starting with `-` at the indentation of its first item).
pub fn list_item_lines(split: &Split<'_>, key: &str) -> Vec<usize> {
    let mut lines = split.yaml.lines().enumerate();
    let found = lines.by_ref().any(|(_, l)| {
        !l.starts_with([' ', '\t', '#'])
            && l.split_once(':')
                .map(|(k, _)| k.trim() == key)
                .unwrap_or(false)
    });
    if !found {
        return Vec::new();
    }
    let mut indent = None;
    let mut out = Vec::new();
    for (i, line) in lines {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = line.len() - trimmed.len();
        if depth == 0 && !trimmed.starts_with('-') {
            break;
        }
        if trimmed.starts_with('-') && *indent.get_or_insert(depth) == depth {
            out.push(split.yaml_line + i);
        }
    }
    out
}

fn key_line(split: &Split<'_>, key: &str) -> usize {
    split
        .yaml
        .lines()
        .position(|l| {
            l.split_once(':')
                .map(|(k, _)| k.trim() == key)
                .unwrap_or(false)
        })
        .map(|i| split.yaml_line + i)
        .unwrap_or(split.yaml_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let p = Path::new("x.md");
        let split = split(s, p).map_err(|d| vec![d])?;
        parse(&split, p)
    }

    #[test]
    fn unknown_key_is_reported_on_its_own_line_with_a_suggestion() {
        let errs = parse_str("---\ntitle: A\nsumary: b\n---\nbody").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, Code::UnknownKey);
        assert_eq!((errs[0].line, errs[0].column), (Some(3), Some(1)));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn numbers_and_dates_where_text_is_wanted_are_text() {
        // Read as YAML values these are a number and a date-like string;
        // front matter wants text and gets what was written.
        let fm = parse_str("---\ntitle: 2024\nsummary: 12.50\norder: 3\n---\nbody").unwrap();
        assert_eq!(fm.title, "2024");
        assert_eq!(fm.summary.as_deref(), Some("12.50"));
        assert_eq!(fm.order, Some(3));
        let fm = parse_str("---\ntitle: Werk eerst\nduration: 45\n---\n").unwrap();
        assert_eq!((fm.title.as_str(), fm.duration), ("Werk eerst", Some(45)));
    }

    #[test]
    fn yaml_errors_use_file_lines() {
        let errs = parse_str("---\ntitle: A\norder: [1\n---\n").unwrap_err();
        assert_eq!(errs[0].code, Code::FrontMatterSyntax);
        assert!(errs[0].line.unwrap() >= 3, "{:?}", errs[0]);
    }

    #[test]
    fn wrong_type_and_missing_title() {
        let errs = parse_str("---\ntitle: A\nduration: soon\n---\n").unwrap_err();
        assert_eq!(errs[0].code, Code::FrontMatterValue);
        assert_eq!(errs[0].line, Some(3));
        let errs = parse_str("---\nsummary: A\n---\n").unwrap_err();
        assert!(errs[0].message.contains("title"), "{}", errs[0].message);
    }

    #[test]
    fn every_wrong_value_is_reported_at_once() {
        let errs =
            parse_str("---\ntitle: A\norder: drie\nkind: tol\nduration: 1 uur\n---\n").unwrap_err();
        let at: Vec<(Option<usize>, Option<usize>, Option<&str>)> = errs
            .iter()
            .map(|e| (e.line, e.column, e.help.as_deref()))
            .collect();
        assert_eq!(
            at,
            [
                (Some(3), Some(8), Some("`order` is a whole number, e.g. 1")),
                (Some(4), Some(7), Some("did you mean `tool`?")),
                (
                    Some(5),
                    Some(11),
                    Some("`duration` is a whole number (minutes), e.g. 60")
                ),
            ]
        );
    }

    #[test]
    fn body_line_and_group_size_forms() {
        let s = "---\ntitle: A\ngroup_size: 6\n---\nHello";
        let sp = split(s, Path::new("x.md")).unwrap();
        assert_eq!(sp.body_line, 5);
        assert_eq!(sp.body, "Hello");
        let fm = parse_str(s).unwrap();
        assert_eq!(fm.group_size.unwrap().to_string(), "6");
    }

    #[test]
    fn set_key_touches_only_the_front_matter() {
        let p = Path::new("x.md");
        let text = "\u{feff}---\r\ntitle: A # t\r\n---\r\nsource_hash: body\r\n";
        let out = set_key(text, "source_hash", "\"h\"", p).unwrap();
        assert_eq!(
            out,
            "\u{feff}---\r\ntitle: A # t\r\nsource_hash: \"h\"\r\n---\r\nsource_hash: body\r\n"
        );
        let again = set_key(&out, "source_hash", "\"i\"", p).unwrap();
        assert_eq!(again, out.replace("\"h\"", "\"i\""));
        let empty = set_key("---\n---\nBody\n", "source_hash", "h", p).unwrap();
        assert_eq!(empty, "---\nsource_hash: h\n---\nBody\n");
        assert!(set_key("no front matter", "k", "v", p).is_err());
    }

    #[test]
    fn agenda_blocks_know_their_lines() {
        let fm = parse_str(
            "---\ntitle: A\nkind: session\nstart: \"9:30\"\nagenda:\n  - page: m/a\n    minutes: 5\n\n  # lunch\n  - title: Lunch\n    minutes: 45\n    break: true\nduration: 60\n---\n",
        )
        .unwrap();
        assert_eq!(fm.kind, Some(Kind::Session));
        assert_eq!(fm.agenda_lines, [6, 10]);
        assert!(fm.agenda[1].is_break);
        assert_eq!(parse_clock(fm.start.as_deref().unwrap()), Some(570));
        let errs = parse_str("---\ntitle: A\nstart: \"25:00\"\nagenda:\n  - minutes: 5\n---\n")
            .unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(errs[1].line, Some(5));
        assert!(errs[1].message.contains("agenda block 1"));
        let errs =
            parse_str("---\ntitle: A\nagenda:\n  - page: m/a\n    minuts: 5\n---\n").unwrap_err();
        assert_eq!(errs[0].code, Code::FrontMatterValue);
        assert!(errs[0].message.contains("minuts"), "{errs:?}");
        for bad in ["9", "09:5", "x:30", "12:60", "-1:00"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
        assert_eq!(parse_clock("00:00"), Some(0));
        assert_eq!(parse_clock("23:59"), Some(1439));
    }

    #[test]
    fn slugs_cannot_escape() {
        assert!(is_valid_slug("werkmodellen"));
        assert!(!is_valid_slug("../etc"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
    }
}
