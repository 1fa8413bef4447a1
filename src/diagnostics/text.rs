//! Text helpers for messages: byte offsets and line/column positions in a
//! source, the nearest known word to a typo, and lists cut short.

/// Byte offset of a 1-based line and (character) column, clamped to the text.
pub fn byte_offset(src: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(l.trim_end_matches('\n').len());
            return offset + col;
        }
        offset += l.len();
    }
    src.len()
}

/// 1-based line and column of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The nearest of `candidates` to `word`, if it is close enough to be a likely typo.
///
/// Optimal string alignment distance (a typo is a changed, missing, extra
/// or swapped character); candidates whose length alone puts them too far
/// away are skipped before any distance is computed.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let limit = 2.max(c.len() / 3);
            if c.chars().count().abs_diff(len) > limit {
                return None;
            }
            let d = strsim::osa_distance(word, c);
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The first `n` of `items`, comma-separated, then how many more there are
/// (`a, b, c and 4 more`): a list short enough for a message.
pub fn abbreviate<S: AsRef<str>>(items: &[S], n: usize) -> String {
    let shown: Vec<&str> = items.iter().take(n).map(AsRef::as_ref).collect();
    let mut s = shown.join(", ");
    if items.len() > n {
        s.push_str(&format!(" and {} more", items.len() - n));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_abbreviated() {
        let items = ["a", "b", "c", "d", "e"];
        assert_eq!(abbreviate(&items, 3), "a, b, c and 2 more");
        assert_eq!(abbreviate(&items[..3], 3), "a, b, c");
        assert_eq!(abbreviate::<String>(&[], 3), "");
    }

    #[test]
    fn offsets_and_positions_round_trip() {
        let src = "a: 1\nbé: 2\nc: 3\n";
        let off = byte_offset(src, 2, 2);
        assert_eq!(&src[off..off + 2], "é");
        assert_eq!(line_col(src, off), (2, 2));
    }

    #[test]
    fn suggestions_are_near_misses_only() {
        let keys = ["title", "summary", "order"];
        assert_eq!(suggest("titel", keys), Some("title"));
        assert_eq!(suggest("sumary", keys), Some("summary"));
        assert_eq!(suggest("colour", keys), None);
    }
}
