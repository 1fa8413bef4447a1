//! Source excerpts for diagnostics in a terminal: each source file is read
//! once, and a finding shows only its own line, cut to a window around the
//! column when the line is long (a minified or generated line may be
//! hundreds of kilobytes). The reported line and column stay the file's own.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::files::{Error, Files};

/// Characters shown on each side of the column in a long line.
pub const WINDOW: usize = 60;

/// Source files read so far (with their line starts), by path.
#[derive(Default)]
pub struct Sources {
    files: HashMap<PathBuf, Option<(String, Vec<usize>)>>,
}

impl Sources {
    /// The excerpt for `line:column` of `path` (relative to `root`), if the
    /// file can be read and has that line.
    pub fn excerpt(
        &mut self,
        root: &Path,
        path: &Path,
        line: usize,
        column: usize,
    ) -> Option<Excerpt> {
        let entry = self.files.entry(path.to_path_buf()).or_insert_with(|| {
            let text = std::fs::read_to_string(root.join(path)).ok()?;
            let starts = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            Some((text, starts))
        });
        let (text, starts) = entry.as_ref()?;
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(text.len(), |&e| e);
        let full = text[start..end].trim_end_matches(['\n', '\r']);
        Some(Excerpt::cut(path, full, line, column))
    }
}

/// One line of a file (perhaps cut), standing in for the whole file.
pub struct Excerpt {
    pub name: String,
    pub text: String,
    /// The file's line number of the excerpt.
    pub line: usize,
    /// The file's column of the label's start.
    pub column: usize,
    /// Where the label is in `text`.
    pub label: Range<usize>,
}

impl Excerpt {
    /// `full` (the whole line) cut to [`WINDOW`] characters either side of `column`.
    fn cut(path: &Path, full: &str, line: usize, column: usize) -> Excerpt {
        let col0 = column.saturating_sub(1);
        let from = col0.saturating_sub(WINDOW);
        let mut text = String::new();
        if from > 0 {
            text.push('…');
        }
        let mut label_start = None;
        for (taken, (i, c)) in full.chars().enumerate().skip(from).enumerate() {
            if i == col0 {
                label_start = Some(text.len());
            }
            if taken == 2 * WINDOW {
                text.push('…');
                break;
            }
            text.push(c);
        }
        let start = label_start.unwrap_or(text.len());
        let end = start + label_len(&text[start..]);
        Excerpt {
            name: path.display().to_string(),
            text,
            line,
            column,
            label: start..end,
        }
    }
}

/// The label's length: the rest of the word, at least one character.
fn label_len(rest: &str) -> usize {
    let word = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ':' | ')' | ']' | '…'))
        .unwrap_or(rest.len());
    if word == 0 {
        rest.chars().next().map_or(0, char::len_utf8)
    } else {
        word
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, Error> {
        Ok(self.line)
    }

    fn column_number(&'a self, (): (), _line: usize, byte_index: usize) -> Result<usize, Error> {
        // Columns after the label's start (in a multi-character label) count from it.
        let extra = self.text[self.label.start.min(byte_index)..byte_index.min(self.text.len())]
            .chars()
            .count();
        Ok(self.column + extra)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        match line_index {
            0 => Ok(0..self.text.len()),
            n => Err(Error::LineTooLarge { given: n, max: 0 }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}[x](missing.md){}", "a".repeat(5000), "b".repeat(5000));
        let e = Excerpt::cut(Path::new("p.md"), &line, 7, 5004);
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        assert!(e.text.chars().count() <= 2 * WINDOW + 2);
        assert_eq!(&e.text[e.label.clone()], "(missing.md");
        let short = Excerpt::cut(Path::new("p.md"), "title: x", 1, 8);
        assert_eq!(
            (short.text.as_str(), short.label.clone()),
            ("title: x", 7..8)
        );
    }

    #[test]
    fn files_are_read_once_and_lines_found_by_number() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one\ntwo\r\nthree").unwrap();
        let mut s = Sources::default();
        let e = s.excerpt(dir.path(), Path::new("a.md"), 2, 1).unwrap();
        assert_eq!((e.text.as_str(), e.line), ("two", 2));
        assert_eq!(
            s.excerpt(dir.path(), Path::new("a.md"), 3, 2).unwrap().text,
            "three"
        );
        assert!(s.excerpt(dir.path(), Path::new("a.md"), 4, 1).is_none());
        assert!(s.excerpt(dir.path(), Path::new("none.md"), 1, 1).is_none());
    }
}
