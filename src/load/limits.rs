//! Nesting limits checked before a parser sees the text: YAML flow
//! collections (`[[[…]]]`, `{a: {b: …}}`, `- - - x`) and Fluent placeables
//! (`{ { { … } } }`). The parsers recurse once per level, so deep nesting
//! would overflow the stack (or take seconds before failing); real pages and
//! strings use a handful of levels.

/// The deepest YAML nesting accepted (serde_yaml itself stops at 128).
pub const MAX_YAML_NESTING: usize = 64;
/// The deepest nesting of Fluent placeables accepted.
pub const MAX_FLUENT_NESTING: usize = 32;

/// The byte offset where `text` (YAML) nests deeper than [`MAX_YAML_NESTING`]:
/// flow brackets outside quotes and comments, plus compact block entries
/// (`- - x`, `? ? x`) at the start of a line.
pub fn yaml_too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        let after_space = i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r');
        if line_start {
            // Compact nested entries: `- - - x` is three levels on one line.
            let mut j = i;
            let mut entries = 0;
            while j < b.len() {
                match b[j] {
                    b' ' | b'\t' => j += 1,
                    b'-' | b'?' if matches!(b.get(j + 1), Some(b' ' | b'\t')) => {
                        entries += 1;
                        j += 2;
                    }
                    _ => break,
                }
            }
            if depth + entries > MAX_YAML_NESTING {
                return Some(i);
            }
            line_start = false;
            i = j;
            continue;
        }
        match c {
            b'\n' => line_start = true,
            b'#' if after_space => i = skip_to(b, i, b'\n').saturating_sub(1),
            b'\'' | b'"' if after_space || (i > 0 && matches!(b[i - 1], b'[' | b'{' | b',')) => {
                i = end_of_quoted(b, i, false);
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_YAML_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The byte offset where `text` (Fluent) nests placeables deeper than
/// [`MAX_FLUENT_NESTING`]. Braces in comments and in string literals
/// inside placeables (`{"{"}`) do not count.
pub fn fluent_too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' if depth == 0 && (i == 0 || b[i - 1] == b'\n') => {
                i = skip_to(b, i, b'\n');
            }
            b'"' if depth > 0 => i = end_of_quoted(b, i, true),
            b'{' => {
                depth += 1;
                if depth > MAX_FLUENT_NESTING {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the next `c` at or after `from` (or the end).
fn skip_to(b: &[u8], from: usize, c: u8) -> usize {
    b[from..]
        .iter()
        .position(|&x| x == c)
        .map_or(b.len(), |p| from + p)
}

/// The index of the quote that closes the one at `open` (`\` escapes the
/// next byte in double quotes; `''` is a quote inside single quotes), or
/// the end of the line for `one_line` strings (Fluent's).
fn end_of_quoted(b: &[u8], open: usize, one_line: bool) -> usize {
    let q = b[open];
    let mut i = open + 1;
    while i < b.len() {
        if q == b'"' && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i;
        }
        if b[i] == b'\n' && one_line {
            return i;
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_nesting_is_limited_but_ordinary_yaml_passes() {
        let ok = "title: \"a [b\" # [[[\nlist: [a, {b: [c]}]\nsteps:\n  - - x\n    - y\nnote: it's [fine]\n";
        assert_eq!(yaml_too_deep(ok), None);
        let deep = format!("title: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(yaml_too_deep(&deep), Some(7 + MAX_YAML_NESTING));
        let compact = format!("a:\n{}x\n", "- ".repeat(1000));
        assert_eq!(yaml_too_deep(&compact), Some(3));
        let quoted = format!("t: '{}'\n", "[".repeat(1000));
        assert_eq!(yaml_too_deep(&quoted), None);
    }

    #[test]
    fn fluent_nesting_is_limited_but_braces_in_strings_and_comments_pass() {
        let ok =
            "# {{{{\nmsg = { \"{\" } and { $n ->\n    [one] { NUMBER($n) }\n   *[other] x\n}\n";
        assert_eq!(fluent_too_deep(ok), None);
        let deep = format!("m = {}\"x\"{}\n", "{ ".repeat(20_000), " }".repeat(20_000));
        assert_eq!(fluent_too_deep(&deep), Some(4 + 2 * MAX_FLUENT_NESTING));
    }
}
