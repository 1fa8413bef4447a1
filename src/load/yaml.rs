//! The only place that parses YAML (front matter and `site.yaml`), so that
//! every YAML error is reported the same way: with the file's own line and
//! column, not the line within the YAML block (zola#1133).

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{suggest, Code, Diagnostic};

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
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str::<T>(text).map_err(|e| to_diagnostic(&e, text, path, first_line, code))
}

/// Checks the top-level keys of a YAML mapping against `known`, reporting each
/// unknown key at its own line with the nearest known key as a suggestion.
pub fn check_keys(
    text: &str,
    path: &Path,
    first_line: usize,
    known: &[&str],
) -> Result<Vec<Diagnostic>, Diagnostic> {
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
    Ok(out)
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
    let msg = e.to_string();
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

/// Replaces (or inserts after `after_key`) the value of one top-level key in a
/// YAML block, leaving every other byte as it was. Returns the new text.
pub fn set_scalar_line(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len() + key.len() + value.len() + 4);
    let mut replaced = false;
    for line in text.split_inclusive('\n') {
        let is_key = !line.starts_with([' ', '\t'])
            && line
                .split_once(':')
                .map(|(k, _)| k.trim() == key)
                .unwrap_or(false);
        if is_key && !replaced {
            let eol = if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            out.push_str(&format!("{key}: {value}{eol}"));
            replaced = true;
        } else {
            out.push_str(line);
        }
    }
    if !replaced {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&format!("{key}: {value}\n"));
    }
    out
}
