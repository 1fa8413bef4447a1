//! The YAML mistakes trainers make, explained in their words: a colon inside
//! an unquoted value, a tab used for indentation, a quote never closed, a
//! word where a number goes, a misspelt enumerated value. Each explanation
//! says where the mistake is (which is not always where the parser noticed
//! it) and how to fix it.

use crate::diagnostics::suggest;

/// A mistake explained. Positions are 1-based, within the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub message: String,
    pub help: String,
    pub line: usize,
    pub column: usize,
}

/// Explains the YAML error `full` (serde_yaml's message, positions and
/// all) found at `at` (line, column) in `text`, when it is a mistake we know.
pub fn explain(full: &str, at: Option<(usize, usize)>, text: &str) -> Option<Explained> {
    let lines: Vec<&str> = text.lines().collect();
    let msg = full.split(" at line ").next().unwrap_or(full);
    tab(msg, at, &lines)
        .or_else(|| unclosed_quote(full, &lines))
        .or_else(|| colon_in_value(msg, at, &lines))
        .or_else(|| not_a_number(msg, at))
        .or_else(|| unknown_variant(msg, at))
        .or_else(|| wrong_scalar(msg, at))
}

/// A tab in the indentation of the line the parser stopped at (or, failing
/// that, of any line): YAML allows only spaces there.
fn tab(msg: &str, at: Option<(usize, usize)>, lines: &[&str]) -> Option<Explained> {
    if !(msg.contains("tab character") || msg.contains("cannot start any token")) {
        return None;
    }
    let indent_tab = |l: &str| {
        let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
        l[..indent].find('\t').map(|b| l[..b].chars().count() + 1)
    };
    let here = at.and_then(|(l, _)| Some((l, indent_tab(lines.get(l.checked_sub(1)?)?)?)));
    let (line, column) = here.or_else(|| {
        lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| indent_tab(l).map(|c| (i + 1, c)))
    })?;
    Some(Explained {
        message: "a tab is used to indent this line; YAML only allows spaces there".into(),
        help: format!("use spaces; there is a tab at column {column}"),
        line,
        column,
    })
}

/// `title: "Co-design` with no closing quote: the parser only notices at
/// the end of the block; the mistake is where the quote opens.
fn unclosed_quote(msg: &str, lines: &[&str]) -> Option<Explained> {
    let rest = msg
        .split("while scanning a quoted scalar at line ")
        .nth(1)?;
    let (line, column) = line_column(rest)?;
    let text = lines.get(line.checked_sub(1)?)?;
    let quote = text.chars().nth(column.checked_sub(1)?).unwrap_or('"');
    let fixed = format!("{}{quote}", text.trim_end());
    Some(Explained {
        message: format!("this {} is never closed", quote_name(quote)),
        help: format!(
            "end the value with the same quote on this line: `{}`",
            fixed.trim_start()
        ),
        line,
        column,
    })
}

fn quote_name(q: char) -> &'static str {
    if q == '\'' {
        "single quote (')"
    } else {
        "quote (\")"
    }
}

/// "mapping values are not allowed": either a value with `: ` in it, which
/// YAML reads as a second key, or a key indented under a plain value.
fn colon_in_value(msg: &str, at: Option<(usize, usize)>, lines: &[&str]) -> Option<Explained> {
    if !msg.starts_with("mapping values are not allowed") {
        return None;
    }
    let (line, column) = at?;
    let text = lines.get(line.checked_sub(1)?)?;
    let body = text.trim_start_matches([' ', '-']);
    let indent = text.len() - body.len();
    let (key, value) = body.split_once(": ").or_else(|| body.split_once(":\t"))?;
    let value = value.trim();
    let first_colon_col = text[..indent + key.len()].chars().count() + 1;
    if column <= first_colon_col || value.is_empty() {
        // The line's own `key:` is the problem: it is indented under the line above.
        return Some(Explained {
            message: format!(
                "`{}` is indented, so YAML reads it as part of the line above",
                key.trim()
            ),
            help: format!(
                "start `{}:` at the beginning of the line, like the other keys",
                key.trim()
            ),
            line,
            column: 1,
        });
    }
    let key = key.trim();
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    Some(Explained {
        message: format!(
            "the value of `{key}` contains a colon followed by a space, which YAML reads as the start of another key"
        ),
        help: format!("put the {key} in quotes: `{key}: {quoted}`"),
        line,
        column,
    })
}

/// `order: drie`, `duration: 1 uur`, `duration: -5`: a whole number is expected.
fn not_a_number(msg: &str, at: Option<(usize, usize)>) -> Option<Explained> {
    let (path, rest) = msg.split_once(": invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let integer = matches!(
        expected,
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize"
    ) || expected.starts_with("an integer")
        || expected.starts_with("a number");
    if !integer {
        return None;
    }
    let key = last_key(path);
    let value = found_value(found);
    let (line, column) = at.unwrap_or((1, 1));
    let minutes = matches!(key, "duration" | "minutes");
    let negative = value.starts_with('-');
    let what = if negative {
        "a negative number"
    } else if found.starts_with("floating point") {
        "not a whole number"
    } else {
        "not a number"
    };
    Some(Explained {
        message: format!("`{key}: {value}` is {what}"),
        help: if minutes {
            format!("`{key}` is a whole number (minutes), e.g. 60")
        } else {
            format!("`{key}` is a whole number, e.g. 1")
        },
        line,
        column,
    })
}

/// `kind: tol`: a value outside the list serde knows for that field. The
/// list comes from the type itself, so new kinds are suggested too.
fn unknown_variant(msg: &str, at: Option<(usize, usize)>) -> Option<Explained> {
    let (path, rest) = msg.split_once(": unknown variant `")?;
    let (value, expected) = rest.split_once("`, expected ")?;
    let options: Vec<&str> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .collect();
    if options.is_empty() {
        return None;
    }
    let key = last_key(path);
    let (line, column) = at.unwrap_or((1, 1));
    let lower = value.to_lowercase();
    let help = match suggest(&lower, options.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("use one of: {}", options.join(", ")),
    };
    Some(Explained {
        message: format!(
            "`{key}: {value}` is not one of the values equil knows for `{key}` ({})",
            options.join(", ")
        ),
        help,
        line,
        column,
    })
}

/// A list, map or number where text (or yes/no) is expected.
fn wrong_scalar(msg: &str, at: Option<(usize, usize)>) -> Option<Explained> {
    let (path, rest) = msg.split_once(": invalid type: ")?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let key = last_key(path);
    let (line, column) = at.unwrap_or((1, 1));
    let help = match expected {
        "a string" => format!("put the {key} in quotes, e.g. `{key}: \"…\"`"),
        "a boolean" => format!("write `{key}: true` or `{key}: false`"),
        "a sequence" => format!("write a list: one `- item` line per item under `{key}:`"),
        _ => return None,
    };
    Some(Explained {
        message: format!(
            "`{key}` has {}, where {expected} is expected",
            found_value(found)
        ),
        help,
        line,
        column,
    })
}

/// `agenda[0].minutes` → `minutes`.
fn last_key(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// `string "drie"` → `drie`; `integer `-5`` → `-5`; `sequence` → `sequence`.
fn found_value(found: &str) -> String {
    let v = found
        .split_once(' ')
        .map(|(_, v)| v)
        .unwrap_or(found)
        .trim_matches(['"', '`']);
    if found.starts_with("string") || found.starts_with("integer") || found.starts_with("floating")
    {
        v.to_string()
    } else {
        format!("a {found}")
    }
}

/// `3 column 8…` → (3, 8).
fn line_column(s: &str) -> Option<(usize, usize)> {
    let mut nums = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<usize>().ok());
    Some((nums.next()??, nums.next()??))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Explained {
        let e = serde_yaml::from_str::<serde_yaml::Value>(text)
            .err()
            .unwrap_or_else(|| panic!("no error for {text:?}"));
        let msg = e.to_string();
        let at = e.location().map(|l| (l.line(), l.column()));
        explain(&msg, at, text).unwrap_or_else(|| panic!("not explained: {msg}"))
    }

    #[test]
    fn a_colon_in_a_value_asks_for_quotes() {
        let e = run("title: Co-design: a how-to\norder: 1\n");
        assert_eq!(
            e.help,
            "put the title in quotes: `title: \"Co-design: a how-to\"`"
        );
        assert_eq!((e.line, e.column), (1, 17));
        let e = run("title: A\nsummary: Say \"hi\": then go\n");
        assert_eq!(
            e.help,
            "put the summary in quotes: `summary: 'Say \"hi\": then go'`"
        );
    }

    #[test]
    fn an_indented_key_is_not_a_colon_in_a_value() {
        let e = run("title: A\n  summary: b\n");
        assert!(e.message.contains("indented"), "{e:?}");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn tabs_are_shown_with_their_column() {
        let e = run("title: A\norder: 1\n\tduration: 3\n");
        assert_eq!(e.help, "use spaces; there is a tab at column 1");
        assert_eq!((e.line, e.column), (3, 1));
        let e = run("title: A\nobjectives:\n  \t- x\n");
        assert_eq!(e.help, "use spaces; there is a tab at column 3");
        assert_eq!((e.line, e.column), (3, 3));
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let e = run("title: \"Co-design\norder: 1\nduration: 4\n");
        assert_eq!((e.line, e.column), (1, 8));
        assert!(e.help.contains("`title: \"Co-design\"`"), "{}", e.help);
        let e = run("title: A\nsummary: 'Co\norder: 1\n");
        assert_eq!((e.line, e.column), (2, 10));
        assert!(e.message.contains("single quote"), "{}", e.message);
    }

    #[test]
    fn numbers_and_kinds_from_serde_messages() {
        let e = explain(
            "duration: invalid type: string \"1 uur\", expected u32",
            Some((3, 11)),
            "",
        )
        .unwrap_or_else(|| panic!("explained"));
        assert_eq!(e.help, "`duration` is a whole number (minutes), e.g. 60");
        assert_eq!(e.message, "`duration: 1 uur` is not a number");
        let e = explain(
            "order: invalid type: string \"drie\", expected i64",
            Some((2, 8)),
            "",
        )
        .unwrap_or_else(|| panic!("explained"));
        assert_eq!(e.help, "`order` is a whole number, e.g. 1");
        let e = explain(
            "kind: unknown variant `tol`, expected one of `module`, `page`, `toolkit`, `tool`",
            Some((2, 7)),
            "",
        )
        .unwrap_or_else(|| panic!("explained"));
        assert_eq!(e.help, "did you mean `tool`?");
        let e = explain(
            "paper: unknown variant `tabloid`, expected `a4` or `letter`",
            None,
            "",
        )
        .unwrap_or_else(|| panic!("explained"));
        assert_eq!(e.help, "use one of: a4, letter");
        let e = explain(
            "paper: unknown variant `Letter`, expected `a4` or `letter`",
            None,
            "",
        )
        .unwrap_or_else(|| panic!("explained"));
        assert_eq!(e.help, "did you mean `letter`?");
    }
}
