//! `markdown="1"` on an HTML block (kramdown, PHP Markdown Extra; every
//! Jekyll and GitHub Pages site uses it): the content of the element is
//! Markdown. CommonMark ends an HTML block at the first blank line and never
//! reads Markdown inside it, so the element is opened up before parsing:
//!
//! ```text
//! <aside class="note" markdown="1">      <aside class="note">
//! Ask [Someone](https://…).          →
//!                                        Ask [Someone](https://…).
//! More after a blank line.
//! </aside>                               More after a blank line.
//!
//!                                        </aside>
//! ```
//!
//! The start and end tags become HTML blocks of their own and the content
//! (with its common indentation removed) Markdown between them. A line map
//! keeps positions in reports pointing at the file as written.

/// At most this many blocks are opened in a page, and at most this many
/// start tags without an end tag are looked at.
const MAX_BLOCKS: usize = 256;

/// Where a line of the opened-up text comes from: its 0-based line in the
/// body as written, and how many columns of indentation it lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub line: usize,
    pub shift: usize,
}

/// The body with every `markdown="1"` block opened up, and for each of its
/// lines where it comes from; `None` when it has none (most pages: the
/// body is parsed as it is).
pub fn expand(body: &str) -> Option<(String, Vec<Origin>)> {
    // The first pass maps lines of the body as written, the others compose.
    let (mut text, mut map, mut from) = expand_first(body, 0)?;
    // Each pass opens the first block left; nested blocks take another pass.
    // Bounded, so that a page of thousands of unclosed tags stays fast.
    for _ in 1..MAX_BLOCKS {
        let Some((new, new_map, next)) = expand_first(&text, from) else {
            break;
        };
        map = new_map
            .into_iter()
            .map(|o| match map.get(o.line) {
                Some(m) => Origin {
                    line: m.line,
                    shift: m.shift + o.shift,
                },
                None => o,
            })
            .collect();
        text = new;
        from = next;
    }
    Some((text, map))
}

/// Text being built, with the origin of each of its lines.
struct Out {
    text: String,
    map: Vec<Origin>,
}

impl Out {
    /// Appends `s`, which starts on source line `line`.
    fn push(&mut self, s: &str, mut line: usize) {
        for c in s.chars() {
            self.text.push(c);
            if c == '\n' {
                line += 1;
                self.map.push(Origin { line, shift: 0 });
            }
        }
    }
    /// Starts a new line that stands for source line `line`, `shift` columns in.
    fn newline(&mut self, line: usize, shift: usize) {
        self.text.push('\n');
        self.map.push(Origin { line, shift });
    }
}

/// Opens the first block that starts at or after `from`: the new text, its
/// line map, and where to look for the next block.
fn expand_first(text: &str, from: usize) -> Option<(String, Vec<Origin>, usize)> {
    let (open_end, attr, close) = find_block(text, from)?;
    let line_of = |i: usize| text[..i].matches('\n').count();
    let mut out = Out {
        text: String::with_capacity(text.len() + 8),
        map: vec![Origin { line: 0, shift: 0 }],
    };
    out.push(&text[..attr.start], 0);
    out.push(&text[attr.end..open_end], line_of(attr.end));
    let next = out.text.len();
    let inner = &text[open_end..close];
    let inner_start = open_end + inner.len() - inner.trim_start_matches(['\n', '\r']).len();
    let (inner, indent) = dedent(inner.trim_matches(['\n', '\r']));
    let inner_line = line_of(inner_start);
    out.newline(line_of(open_end), 0);
    for (k, l) in inner.split('\n').enumerate() {
        out.newline(inner_line + k, indent);
        out.push(l, inner_line + k);
    }
    out.newline(line_of(close), 0);
    out.newline(line_of(close), 0);
    out.push(&text[close..], line_of(close));
    Some((out.text, out.map, next))
}

/// The first block at or after `from` whose end tag is found: where its
/// start tag ends, the `markdown` attribute, where the end tag starts.
fn find_block(text: &str, mut from: usize) -> Option<(usize, std::ops::Range<usize>, usize)> {
    for _ in 0..MAX_BLOCKS {
        let (open_end, name, attr) = find_open(text, from)?;
        if let Some(close) = find_close(text, open_end, &name) {
            return Some((open_end, attr, close));
        }
        from = open_end;
    }
    None
}

/// The first start tag at the beginning of a line (outside fenced code) with
/// `markdown="1"` (or `block`): where it ends, its name, and the attribute's
/// range (with the space before it).
fn find_open(text: &str, from: usize) -> Option<(usize, String, std::ops::Range<usize>)> {
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < from && fence.is_none() && fence_of(line.trim_start_matches(' ')).is_none() {
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() > 3 {
            continue;
        }
        if let Some(f) = fence_of(trimmed) {
            fence = match fence {
                None => Some(f),
                Some((c, n)) if c == f.0 && f.1 >= n && trimmed.trim().chars().all(|x| x == c) => {
                    None
                }
                other => other,
            };
            continue;
        }
        if fence.is_some() || !trimmed.starts_with('<') {
            continue;
        }
        let tag_start = start + line.len() - trimmed.len();
        let Some(gt) = trimmed.find('>') else {
            continue;
        };
        let tag_end = tag_start + gt + 1;
        let tag = &text[tag_start..tag_end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            continue;
        }
        for pat in [
            " markdown=\"1\"",
            " markdown='1'",
            " markdown=1",
            " markdown=\"block\"",
        ] {
            if let Some(p) = tag.find(pat) {
                let a = tag_start + p;
                return Some((tag_end, name.to_ascii_lowercase(), a..a + pat.len()));
            }
        }
    }
    None
}

/// A fence opening line: its character and length.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// Where the end tag that matches a start tag `name` ending at `from` starts.
fn find_close(text: &str, from: usize, name: &str) -> Option<usize> {
    let lower = text[from..].to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1usize;
    let mut i = 0;
    while let Some(p) = lower[i..].find('<') {
        let at = i + p;
        let rest = &lower[at..];
        let boundary = |len: usize| {
            rest[len..]
                .chars()
                .next()
                .map_or(true, |c| c == '>' || c.is_ascii_whitespace() || c == '/')
        };
        if rest.starts_with(&close) && boundary(close.len()) {
            depth -= 1;
            if depth == 0 {
                return Some(from + at);
            }
        } else if rest.starts_with(&open) && boundary(open.len()) {
            depth += 1;
        }
        i = at + 1;
    }
    None
}

/// Removes the indentation common to every non-blank line; and its width.
fn dedent(s: &str) -> (String, usize) {
    let indent = s
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let text = s
        .split('\n')
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n");
    (text, indent)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The opened-up text and its map (a body without blocks: as it is,
    /// each line its own).
    fn opened(body: &str) -> (String, Vec<Origin>) {
        expand(body).unwrap_or_else(|| {
            let lines = body.matches('\n').count();
            let map = (0..=lines).map(|line| Origin { line, shift: 0 }).collect();
            (body.to_string(), map)
        })
    }

    #[test]
    fn blocks_are_opened_and_lines_kept() {
        let body = "Intro\n\n<aside class=\"note\" markdown=\"1\">\n  Ask [Jo](https://x.org).\n\n  More.\n</aside>\n\nAfter\n";
        let (text, map) = opened(body);
        assert_eq!(
            text,
            "Intro\n\n<aside class=\"note\">\n\nAsk [Jo](https://x.org).\n\nMore.\n\n</aside>\n\nAfter\n"
        );
        let lines: Vec<&str> = text.split('\n').collect();
        let src: Vec<&str> = body.split('\n').collect();
        assert_eq!(map.len(), lines.len());
        let ask = lines.iter().position(|l| l.starts_with("Ask")).unwrap();
        assert!(src[map[ask].line].contains("Ask"));
        assert_eq!(map[ask].shift, 2);
        let after = lines.iter().position(|l| *l == "After").unwrap();
        assert_eq!(src[map[after].line], "After");
    }

    #[test]
    fn nested_blocks_and_code_fences() {
        let body = "```\n<div markdown=\"1\">\n```\n<div markdown=\"1\">\n<div markdown=1>\n*a*\n</div>\n</div>\n";
        let (text, _) = opened(body);
        assert!(
            text.starts_with(
                "```\n<div markdown=\"1\">\n```\n<div>\n\n<div>\n\n*a*\n\n</div>\n\n</div>"
            ),
            "{text}"
        );
        assert!(expand("no blocks\n").is_none());
        // A block without an end tag, or a tag over two lines, is left as it
        // is; later blocks still open.
        let (text, _) =
            opened("<div markdown=\"1\">\n<p\n>\n\n<aside markdown=\"1\">\n*b*\n</aside>\n");
        assert!(
            text.starts_with("<div markdown=\"1\">\n<p\n>\n\n<aside>\n\n*b*\n\n</aside>"),
            "{text}"
        );
    }
}
