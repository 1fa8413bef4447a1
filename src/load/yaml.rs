//! The only place that parses YAML (front matter and `site.yaml`), so that
//! every YAML error is reported the same way: with the file's own line and
//! column, not the line within the YAML block (zola#1133).

use std::path::Path;

use serde::de::DeserializeOwned;

use super::limits::{yaml_too_deep, MAX_YAML_NESTING};
use crate::diagnostics::{line_col, suggest, Code, Diagnostic};

/// A parsed YAML mapping: its top-level keys with their positions in the file.
pub struct YamlKeys {
    pub keys: Vec<(String, usize, usize)>,
}

/// Parses `text` (which starts at file line `first_line`) as `T`.
///
/// Errors carry the file's line and column. Unknown top-level keys are
/// reported separately by [`check_keys`], so `T` should not deny them.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    code: Code,
) -> Result<T, Diagnostic> {
    nesting(text, path, first_line, code)?;
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str::<T>(text).map_err(|e| to_diagnostic(&e, text, path, first_line, code))
}

/// [`parse`], reporting a wrong value in every top-level key, not just the
/// first one serde meets (a trainer fixes them all in one go). The first
/// error keeps serde's exact position; each further one is found by reading
/// the other keys one at a time and is reported at its key's value.
pub fn parse_each<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    code: Code,
) -> Result<T, Vec<Diagnostic>> {
    let first = match parse::<T>(text, path, first_line, code) {
        Ok(v) => return Ok(v),
        Err(d) => d,
    };
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(text)
    else {
        return Err(vec![first]);
    };
    let positions = top_level_keys(text, first_line);
    let mut errors = vec![first.clone()];
    for key in map.keys() {
        let Some(name) = key.as_str() else { continue };
        let Some(&(_, line, _)) = positions.keys.iter().find(|(k, _, _)| k == name) else {
            continue;
        };
        if first.line == Some(line) {
            continue;
        }
        // The key alone (with a stand-in title, which front matter requires).
        let mut one = serde_yaml::Mapping::new();
        if name != "title" {
            one.insert("title".into(), "x".into());
        }
        one.insert(key.clone(), map[key].clone());
        if let Err(e) = serde_yaml::from_value::<T>(serde_yaml::Value::Mapping(one)) {
            let msg = e.to_string();
            if msg.starts_with("missing field") {
                continue;
            }
            let line_text = text.lines().nth(line - first_line).unwrap_or("");
            let column = line_text
                .find(':')
                .map(|c| c + 1 + (line_text[c + 1..].len() - line_text[c + 1..].trim_start().len()))
                .map(|b| line_text[..b].chars().count() + 1)
                .unwrap_or(1);
            let full = format!("{name}: {msg}");
            // Inside a list or map the error's own place is not known here:
            // only a plain value is explained at its key.
            let scalar = !matches!(
                map[key],
                serde_yaml::Value::Sequence(_) | serde_yaml::Value::Mapping(_)
            );
            let explained = scalar
                .then(|| {
                    super::yaml_help::explain(&full, Some((line - first_line + 1, column)), text)
                })
                .flatten();
            let d = match explained {
                Some(x) => Diagnostic::error(Code::FrontMatterValue, x.message)
                    .pos(first_line + x.line - 1, x.column)
                    .help(x.help),
                None => Diagnostic::error(Code::FrontMatterValue, full).pos(line, column),
            };
            errors.push(d.at(path));
        }
    }
    Err(errors)
}

/// Checks the top-level keys of a YAML mapping against `known`, reporting each
/// unknown key at its own line with the nearest known key as a suggestion.
pub fn check_keys(
    text: &str,
    path: &Path,
    first_line: usize,
    known: &[&str],
) -> Result<Vec<Diagnostic>, Diagnostic> {
    check_keys_of(text, path, first_line, known).map(|(unknown, _)| unknown)
}

/// [`check_keys`], also giving back the mapping it read, so that a caller
/// can take its values from it instead of parsing the text again (see
/// [`from_mapping`]).
pub fn check_keys_of(
    text: &str,
    path: &Path,
    first_line: usize,
    known: &[&str],
) -> Result<(Vec<Diagnostic>, serde_yaml::Mapping), Diagnostic> {
    nesting(text, path, first_line, Code::FrontMatterSyntax)?;
    let value: serde_yaml::Value = if text.trim().is_empty() {
        serde_yaml::Value::Mapping(Default::default())
    } else {
        serde_yaml::from_str(text)
            .map_err(|e| to_diagnostic(&e, text, path, first_line, Code::FrontMatterSyntax))?
    };
    let map = match value {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => Default::default(),
        _ => {
            return Err(Diagnostic::error(
                Code::FrontMatterSyntax,
                "expected `key: value` lines (a YAML mapping)",
            )
            .at(path)
            .pos(first_line, 1))
        }
    };
    let positions = top_level_keys(text, first_line);
    let mut out = Vec::new();
    for key in map.keys() {
        let name = match key {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        if known.contains(&name.as_str()) {
            continue;
        }
        let (line, col) = positions
            .keys
            .iter()
            .find(|(k, _, _)| *k == name)
            .map(|(_, l, c)| (*l, *c))
            .unwrap_or((first_line, 1));
        let mut d = Diagnostic::error(Code::UnknownKey, format!("unknown key `{name}`"))
            .at(path)
            .pos(line, col);
        d = match suggest(&name, known.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("known keys are: {}", known.join(", "))),
        };
        out.push(d);
    }
    Ok((out, map))
}

/// `T` from a mapping [`check_keys_of`] read: `None` when that fails (then
/// [`parse_each`] reads the text again, for the errors' positions; YAML read
/// into values can also differ from YAML read straight into `T`, as a number
/// where `T` wants text, and the text decides).
pub fn from_mapping<T: DeserializeOwned>(map: serde_yaml::Mapping) -> Option<T> {
    serde_yaml::from_value(serde_yaml::Value::Mapping(map)).ok()
}

/// Refuses YAML nested deeper than [`MAX_YAML_NESTING`] before the parser
/// sees it (it would take seconds, or overflow the stack, on such input).
fn nesting(text: &str, path: &Path, first_line: usize, code: Code) -> Result<(), Diagnostic> {
    let Some(offset) = yaml_too_deep(text) else {
        return Ok(());
    };
    let (line, col) = line_col(text, offset);
    Err(Diagnostic::error(
        code,
        format!("lists or maps are nested more than {MAX_YAML_NESTING} levels deep here"),
    )
    .at(path)
    .pos(first_line + line - 1, col)
    .help("remove the extra `[`, `{` or `- `; front matter and site.yaml need only a few levels"))
}

/// Finds `key:` at the start of unindented lines, with file positions.
fn top_level_keys(text: &str, first_line: usize) -> YamlKeys {
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) || line.is_empty() {
            continue;
        }
        if let Some(idx) = line.find(':') {
            let key = line[..idx].trim().trim_matches(|c| c == '"' || c == '\'');
            keys.push((key.to_string(), first_line + i, 1));
        }
    }
    YamlKeys { keys }
}

fn to_diagnostic(
    e: &serde_yaml::Error,
    text: &str,
    path: &Path,
    first_line: usize,
    code: Code,
) -> Diagnostic {
    // serde_yaml appends " at line L column C" to its message; we report the
    // position ourselves, counted from the start of the file.
    let full = e.to_string();
    let at = e.location().map(|l| (l.line(), l.column()));
    if let Some(x) = super::yaml_help::explain(&full, at, text) {
        let code = if full.contains(": invalid type: ") || full.contains(": unknown variant ") {
            Code::FrontMatterValue
        } else {
            code
        };
        return Diagnostic::error(code, x.message)
            .at(path)
            .pos(first_line + x.line - 1, x.column)
            .help(x.help);
    }
    let msg = full;
    let msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let code = if msg.starts_with("missing field") || msg.starts_with("invalid type") {
        Code::FrontMatterValue
    } else {
        code
    };
    let mut d = Diagnostic::error(code, msg).at(path);
    // An error found at the end of the block (an unclosed bracket or quote)
    // is reported on the last line of the block, where the problem is.
    let lines = text.lines().count().max(1);
    match e.location() {
        Some(loc) if loc.line() <= lines => d = d.pos(first_line + loc.line() - 1, loc.column()),
        Some(_) => {
            let last = text.lines().last().unwrap_or("");
            d = d.pos(first_line + lines - 1, last.chars().count().max(1))
        }
        None => d = d.pos(first_line, 1),
    }
    d
}

/// Sets one top-level key of a YAML block (the text between the front matter
/// fences) to a scalar `value`, leaving every other byte as it was.
///
/// The key's line is replaced in place (with any indented continuation lines
/// of an old multi-line value); when the key is absent it becomes the block's
/// last line. The block's line ending (`\n` or `\r\n`) is kept.
pub fn set_scalar_line(text: &str, key: &str, value: &str) -> String {
    let eol_of_block = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + key.len() + value.len() + 4);
    let mut replaced = false;
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if skipping {
            if line.starts_with([' ', '\t']) {
                continue;
            }
            skipping = false;
        }
        if !replaced && top_level_key(line) == Some(key) {
            let eol = if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            out.push_str(&format!("{key}: {value}{eol}"));
            replaced = true;
            skipping = true;
        } else {
            out.push_str(line);
        }
    }
    if !replaced {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(eol_of_block);
        }
        out.push_str(&format!("{key}: {value}{eol_of_block}"));
    }
    out
}

/// The key of a `key: value` line at the top level of a mapping.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (k, rest) = line.split_once(':')?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    Some(k.trim().trim_matches(|c| c == '"' || c == '\''))
}

/// Appends `item` to the list under the top-level `key` of a YAML file,
/// written either as a flow list on one line (`key: [a, b]`) or as a block
/// list (`- a` lines below `key:`), leaving every other byte as it was.
///
/// Returns `None` when the list is written in a form this cannot edit
/// safely (a flow list over several lines, or no list under `key`).
pub fn append_to_list(text: &str, key: &str, item: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = lines.iter().position(|l| top_level_key(l) == Some(key))?;
    let line = lines[at];
    let eol = if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    let value = line[line.find(':')? + 1..].trim_end_matches(['\r', '\n']);
    let mut out = String::with_capacity(text.len() + item.len() + 8);
    for l in &lines[..at] {
        out.push_str(l);
    }
    let value_trimmed = value.trim_start();
    if value_trimmed.starts_with('[') {
        // Flow list on this line: insert before the closing bracket.
        let close = line.find(']')?;
        let inner = line[line.find('[')? + 1..close].trim();
        let sep = if inner.is_empty() { "" } else { ", " };
        out.push_str(line[..close].trim_end());
        out.push_str(sep);
        out.push_str(item);
        out.push_str(&line[close..]);
        for l in &lines[at + 1..] {
            out.push_str(l);
        }
        return Some(out);
    }
    let comment_only = value_trimmed.is_empty() || value_trimmed.starts_with('#');
    if !comment_only {
        return None;
    }
    // Block list: the item lines (and comments or blank lines between them) below the key.
    let mut last_item = None;
    let mut indent = String::new();
    for (i, l) in lines.iter().enumerate().skip(at + 1) {
        let t = l.trim_start_matches([' ', '\t']);
        if t.starts_with("- ") || t.trim_end() == "-" {
            if last_item.is_none() {
                indent = l[..l.len() - t.len()].to_string();
            }
            last_item = Some(i);
        } else if t.trim().is_empty() || t.starts_with('#') || l.starts_with([' ', '\t']) {
            continue;
        } else {
            break;
        }
    }
    let last = last_item?;
    out.push_str(line);
    for l in &lines[at + 1..=last] {
        out.push_str(l);
    }
    if !lines[last].ends_with('\n') {
        out.push_str(if eol.is_empty() { "\n" } else { eol });
    }
    out.push_str(&format!("{indent}- {item}"));
    out.push_str(if eol.is_empty() { "\n" } else { eol });
    for l in &lines[last + 1..] {
        out.push_str(l);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_scalar_line_replaces_only_its_line() {
        let t = "title: A # keep\nsource_hash: old\norder: 2\n";
        assert_eq!(
            set_scalar_line(t, "source_hash", "new"),
            "title: A # keep\nsource_hash: new\norder: 2\n"
        );
    }

    #[test]
    fn set_scalar_line_inserts_last_and_keeps_crlf() {
        assert_eq!(
            set_scalar_line("title: A\r\nlist:\r\n  - x\r\n", "source_hash", "h"),
            "title: A\r\nlist:\r\n  - x\r\nsource_hash: h\r\n"
        );
        assert_eq!(set_scalar_line("", "k", "v"), "k: v\n");
        // A key inside a nested map or a comment is not the top-level key.
        assert_eq!(
            set_scalar_line(
                "extra:\n  source_hash: x\n# source_hash: y\n",
                "source_hash",
                "h"
            ),
            "extra:\n  source_hash: x\n# source_hash: y\nsource_hash: h\n"
        );
    }

    #[test]
    fn set_scalar_line_drops_an_old_multi_line_value() {
        assert_eq!(
            set_scalar_line("source_hash: >\n  abc\ntitle: A\n", "source_hash", "h"),
            "source_hash: h\ntitle: A\n"
        );
    }

    #[test]
    fn lists_get_an_item_in_either_form() {
        assert_eq!(
            append_to_list("title: X\nlanguages: [en, nl] # order\n", "languages", "pt").as_deref(),
            Some("title: X\nlanguages: [en, nl, pt] # order\n")
        );
        assert_eq!(
            append_to_list("languages: []\n", "languages", "pt").as_deref(),
            Some("languages: [pt]\n")
        );
        assert_eq!(
            append_to_list(
                "languages:\r\n  - en # source\r\n  # soon\r\n  - nl\r\nbase_url: x\r\n",
                "languages",
                "pt"
            )
            .as_deref(),
            Some(
                "languages:\r\n  - en # source\r\n  # soon\r\n  - nl\r\n  - pt\r\nbase_url: x\r\n"
            )
        );
        assert_eq!(
            append_to_list("languages:\n- en\n", "languages", "pt").as_deref(),
            Some("languages:\n- en\n- pt\n")
        );
        assert_eq!(
            append_to_list("languages: [en,\n  nl]\n", "languages", "pt"),
            None
        );
        assert_eq!(append_to_list("title: x\n", "languages", "pt"), None);
    }
}
