//! Setting `source_hash` in one page: every other byte kept, front matter
//! that a line edit could break refused with its line, the result read back
//! before the file is replaced atomically.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic};
use crate::load::frontmatter;
use crate::write::atomic;

/// Sets `source_hash` in the file at `root/path`. `Ok(false)` when it was
/// already there with this value. The file is replaced atomically, and only
/// when the result reads back with the same front matter but the new hash.
pub(super) fn write_hash(root: &Path, path: &Path, hash: &str) -> Result<bool, Diagnostic> {
    let abs = root.join(path);
    let is_link = std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        return Err(Diagnostic::error(
            Code::UnsafeEdit,
            "this page is a symbolic link: marking it would write into the file it points to",
        )
        .at(path)
        .help("replace the link with a copy of the page (a translation is a file of its own), then mark it"));
    }
    let text = std::fs::read_to_string(&abs)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read: {e}")).at(path))?;
    let new = with_source_hash(&text, hash, path)?;
    if new == text {
        return Ok(false);
    }
    atomic::replace(&abs, new.as_bytes())
        .map_err(|e| Diagnostic::error(Code::Write, format!("cannot write: {e}")).at(path))?;
    Ok(true)
}

/// `text` with its `source_hash` set to `hash` and every other byte kept.
/// Front matter written in a form that a line edit could break is refused
/// with the line to look at, and the result is read back to be sure.
pub fn with_source_hash(text: &str, hash: &str, path: &Path) -> Result<String, Diagnostic> {
    let split = frontmatter::split(text, path)?;
    if let Some((line, what)) = unsafe_form(split.yaml) {
        return Err(Diagnostic::error(
            Code::UnsafeEdit,
            format!("equil cannot add `source_hash` to this front matter safely: {what}"),
        )
        .at(path)
        .pos(split.yaml_line + line, 1)
        .help("write the front matter as plain `key: value` lines starting at the left edge, then mark the page again; the file was not changed"));
    }
    let new = frontmatter::set_key(text, "source_hash", &format!("\"{hash}\""), path)?;
    let read_back = frontmatter::split(&new, path).ok().and_then(|s| {
        let before = yaml_map(split.yaml)?;
        let after = yaml_map(s.yaml)?;
        Some((before, after, s.body == split.body))
    });
    let key = serde_yaml::Value::from("source_hash");
    let ok = read_back.is_some_and(|(mut before, mut after, same_body)| {
        let written = after.remove(&key);
        before.remove(&key);
        same_body && before == after && written == Some(serde_yaml::Value::from(hash))
    });
    if !ok {
        return Err(Diagnostic::error(
            Code::UnsafeEdit,
            "equil cannot add `source_hash` to this front matter safely: the edited file would not read back the same",
        )
        .at(path)
        .pos(split.yaml_line, 1)
        .help("write the front matter as plain `key: value` lines, then mark the page again; the file was not changed"));
    }
    Ok(new)
}

/// The front matter as a YAML mapping (an empty block is an empty mapping).
fn yaml_map(yaml: &str) -> Option<serde_yaml::Mapping> {
    if yaml.trim().is_empty() {
        return Some(serde_yaml::Mapping::new());
    }
    match serde_yaml::from_str(yaml).ok()? {
        serde_yaml::Value::Mapping(m) => Some(m),
        _ => None,
    }
}

/// The first line (0-based in the block) written in a form that a line
/// edit of a top-level key cannot handle, and what it is.
fn unsafe_form(yaml: &str) -> Option<(usize, &'static str)> {
    let mut seen_key = false;
    for (i, line) in yaml.lines().enumerate() {
        let t = line.trim_end();
        let content = t.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if t == "..." {
            return Some((
                i,
                "it has a `...` line (end of document) inside the front matter",
            ));
        }
        if !seen_key && (content.starts_with('{') || content.starts_with('[')) {
            return Some((i, "it is written in flow style (`{ ... }`)"));
        }
        if !seen_key && t.starts_with([' ', '\t']) {
            return Some((i, "its keys are indented"));
        }
        if content.starts_with("? ") || content == "?" {
            return Some((i, "it uses a complex key (`? key`)"));
        }
        if !t.starts_with([' ', '\t', '-']) {
            if let Some((key, value)) = t.split_once(':') {
                let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
                let value = value.trim_start();
                if key == "source_hash" && (value.starts_with('&') || value.starts_with('*')) {
                    return Some((i, "`source_hash` is written with a YAML anchor or alias"));
                }
                if key == "<<" {
                    return Some((i, "it merges keys from elsewhere (`<<:`)"));
                }
            }
        }
        seen_key = true;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(text: &str) -> Result<String, Diagnostic> {
        with_source_hash(text, "abc", Path::new("content/nl/m/p.md"))
    }

    #[test]
    fn only_the_source_hash_line_changes() {
        let text = "---\r\ntitle: \"T\"\r\norder: 2\r\n---\r\nBody\r\n";
        let out = mark(text).unwrap();
        assert_eq!(
            out,
            "---\r\ntitle: \"T\"\r\norder: 2\r\nsource_hash: \"abc\"\r\n---\r\nBody\r\n"
        );
        let again = "---\ntitle: T\nsource_hash: \"old\"\nsummary: S\n---\nB";
        assert_eq!(
            mark(again).unwrap(),
            "---\ntitle: T\nsource_hash: \"abc\"\nsummary: S\n---\nB"
        );
    }

    #[test]
    fn forms_that_cannot_be_edited_safely_are_refused_with_their_line() {
        for (text, line, words) in [
            ("---\n{title: T}\n---\n", 2, "flow style"),
            ("---\n  title: T\n  order: 1\n---\n", 2, "indented"),
            ("---\ntitle: T\n...\n---\n", 3, "`...`"),
            ("---\ntitle: T\n? source_hash\n: x\n---\n", 3, "complex key"),
            (
                "---\ntitle: T\nsource_hash: &h x\nsummary: *h\n---\n",
                3,
                "anchor",
            ),
        ] {
            let e = mark(text).unwrap_err();
            assert_eq!(e.code, Code::UnsafeEdit, "{text}");
            assert_eq!(e.line, Some(line), "{text}");
            assert!(e.message.contains(words), "{}", e.message);
        }
    }

    #[test]
    fn a_result_that_reads_back_differently_is_refused() {
        // A multi-line plain scalar continued at the left edge: the appended
        // line would become part of it.
        let text = "---\ntitle: T\nsummary: >-\n  folded\n---\n";
        assert!(mark(text).is_ok());
        let broken = "---\ntitle: \"T\n---\n";
        assert!(mark(broken).is_err());
    }
}
