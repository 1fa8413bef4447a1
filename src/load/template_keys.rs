//! Which Fluent messages a template uses: the `t(key="…")` and
//! `plural_labels(key="…")` calls of a Tera source, with the variables each
//! passes (for the checks of interface strings against templates).

/// Message ids a template source refers to with `t(key="...")`.
pub fn keys_used_by_template(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = source;
    while let Some(i) = next_call(rest) {
        rest = &rest[i + 5..];
        let quote = rest.chars().next();
        if let Some(q @ ('"' | '\'')) = quote {
            if let Some(end) = rest[1..].find(q) {
                keys.push(rest[1..1 + end].to_string());
            }
        }
    }
    keys
}

/// Where the next `t(key=` or `plural_labels(key=` call is in `rest`: the
/// offset of its `(key=`.
fn next_call(rest: &str) -> Option<usize> {
    let t = rest.find("t(key=").map(|i| i + 1);
    let p = rest
        .find("plural_labels(key=")
        .map(|i| i + "plural_labels".len());
    t.into_iter().chain(p).min()
}

/// The `t(key="…", name=…, …)` calls of a template source: each message id
/// with the names of the variables the call passes.
pub fn template_calls(source: &str) -> Vec<(String, Vec<String>)> {
    let mut calls = Vec::new();
    let mut rest = source;
    while let Some(i) = next_call(rest) {
        let plural = rest[..i].ends_with("plural_labels");
        let after = &rest[i + 1..];
        rest = &rest[i + 5..];
        // The call's text up to its closing parenthesis, split at top-level commas.
        let (mut depth, mut quote, mut parts, mut start) = (0usize, None, Vec::new(), 0);
        let mut end = after.len();
        for (k, c) in after.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '(' | '[') => depth += 1,
                (None, ')' | ']') if depth == 0 => {
                    end = k;
                    break;
                }
                (None, ')' | ']') => depth -= 1,
                (None, ',') if depth == 0 => {
                    parts.push(&after[start..k]);
                    start = k + 1;
                }
                _ => {}
            }
        }
        parts.push(&after[start..end]);
        let mut key = None;
        let mut args = Vec::new();
        for part in parts {
            let Some((name, value)) = part.split_once('=') else {
                continue;
            };
            let name = name.trim();
            if name == "key" {
                key = Some(value.trim().trim_matches(['"', '\'']).to_string());
            } else if plural && name == "var" {
                // plural_labels(var="count") gives the message `$count`.
                args.push(value.trim().trim_matches(['"', '\'']).to_string());
            } else if !plural && !name.is_empty() {
                args.push(name.to_string());
            }
        }
        if let Some(k) = key {
            calls.push((k, args));
        }
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_calls_name_their_variables() {
        let src = r#"{{ t(key="a") }} {{ t(key="print-language", language=t(key="lang-name")) }} {{ t(key='h', hours=(minutes / 60) | round, m=x) }} {% for c, t in plural_labels(key="r", var="count") %}"#;
        let calls = template_calls(src);
        assert_eq!(
            calls,
            vec![
                ("a".to_string(), vec![]),
                ("print-language".to_string(), vec!["language".to_string()]),
                ("lang-name".to_string(), vec![]),
                ("h".to_string(), vec!["hours".to_string(), "m".to_string()]),
                ("r".to_string(), vec!["count".to_string()]),
            ]
        );
    }

    #[test]
    fn template_keys_are_found() {
        let src = r#"{{ plural_labels(key="p") }} {{ t(key="nav-home") }} {{ t(key='x-y', n=2) }} {{ other(key="z") }}"#;
        assert_eq!(keys_used_by_template(src), vec!["p", "nav-home", "x-y"]);
    }
}
