//! QR codes for print pages and PDFs: each chapter carries the web address
//! of the same page in the same language, as an inline SVG (the `qrcode`
//! crate; no network), with the short address printed under it.
//!
//! The crate encodes the data and draws the code; the mask is chosen here.
//! The crate's own choice (`Canvas::apply_best_mask`) scores every mask with
//! a boxed closure per module, which made QR codes most of the time of a
//! large build; [`penalty`] scores the same way (the same rules, the same
//! arithmetic) on a plain grid, so the codes are the same bit for bit, and
//! [`svg`] writes what the crate's SVG renderer writes. Both are checked
//! against the crate in the tests below.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, Version};
use serde::Serialize;

/// A chapter's way back to the web.
#[derive(Debug, Clone, Serialize)]
pub struct Qr {
    /// The full URL the code holds.
    pub url: String,
    /// The address as printed under the code (without `https://`).
    pub short: String,
    /// The code as an inline `<svg>` element.
    pub svg: String,
}

/// A QR code for `url`, labelled `label` for assistive technology. `None`
/// when the URL is too long for a QR code.
pub fn code(url: &str, label: &str) -> Option<Qr> {
    let (width, dark) = modules(url.as_bytes())?;
    Some(qr(url, width, &dark, label))
}

fn qr(url: &str, width: usize, dark: &[bool], label: &str) -> Qr {
    let short = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .to_string();
    Qr {
        url: url.to_string(),
        short,
        svg: svg(width, dark, label),
    }
}

/// QR codes made once and shown many times (a page's code is on its
/// module's print page and in the handbook): the modules of each code by
/// URL, a bit each (about 200 bytes a code; the SVG, 25 times that, is
/// written again each time).
#[derive(Default)]
pub struct Codes {
    made: Mutex<HashMap<String, Option<Arc<Packed>>>>,
}

impl Codes {
    /// [`code`], made only the first time `url` is asked for.
    pub fn code(&self, url: &str, label: &str) -> Option<Qr> {
        let known = self.made.lock().ok().and_then(|m| m.get(url).cloned());
        let packed = match known {
            Some(m) => m,
            None => {
                let m = modules(url.as_bytes()).map(|m| Arc::new(Packed::new(&m)));
                if let Ok(mut made) = self.made.lock() {
                    made.insert(url.to_string(), m.clone());
                }
                m
            }
        }?;
        Some(qr(url, packed.width, &packed.unpack(), label))
    }
}

/// A code's width and its modules row by row, a bit each (1: dark).
struct Packed {
    width: usize,
    len: usize,
    bits: Vec<u64>,
}

impl Packed {
    fn new((width, dark): &Modules) -> Packed {
        let bits = dark
            .chunks(64)
            .map(|c| c.iter().rev().fold(0u64, |b, d| (b << 1) | u64::from(*d)))
            .collect();
        Packed {
            width: *width,
            len: dark.len(),
            bits,
        }
    }

    fn unpack(&self) -> Vec<bool> {
        (0..self.len)
            .map(|i| self.bits[i / 64] >> (i % 64) & 1 == 1)
            .collect()
    }
}

/// A code's width and, row by row, whether each module is dark.
type Modules = (usize, Vec<bool>);

/// The masks in the crate's order (a tie goes to the first).
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of the QR code of `data` (error correction level M, the
/// smallest version that holds it): its width and, row by row, whether each
/// module is dark. `None` when the data is too long.
fn modules(data: &[u8]) -> Option<Modules> {
    let ec_level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(data, ec_level).ok()?;
    let version = bits.version();
    let (encoded, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec_level).ok()?;
    let mut canvas = Canvas::new(version, ec_level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    let width = usize::try_from(version.width()).ok()?;
    let mut best: Option<(u16, Vec<bool>)> = None;
    for mask in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        let dark: Vec<bool> = c
            .into_colors()
            .into_iter()
            .map(|m| m == Color::Dark)
            .collect();
        let score = penalty(width, &dark);
        if best.as_ref().map_or(true, |(s, _)| score < *s) {
            best = Some((score, dark));
        }
    }
    debug_assert!(matches!(version, Version::Normal(_)));
    best.map(|(_, dark)| (width, dark))
}

/// The penalty score of a masked code, as `qrcode` 0.14 computes it for a
/// normal (not micro) QR code: runs of five or more modules of one colour,
/// 2×2 blocks of one colour, finder-like patterns (less the 9 of the finder
/// patterns themselves) and the balance of dark and light. With the crate's
/// `u16` arithmetic, wrapping as it does in a release build (a sum wraps
/// the same in any order, so the parts may be added up differently).
///
/// Codes up to 64 modules wide (version 11; a web address of up to about
/// 250 bytes) are scored a row or column at a time as bits
/// ([`Lines::penalty`]); wider ones module by module.
fn penalty(w: usize, dark: &[bool]) -> u16 {
    match Lines::new(w, dark) {
        Some(lines) => lines.penalty(),
        None => penalty_by_module(w, dark),
    }
}

/// A code's rows and columns as bits: bit `x` of `rows[y]` and bit `y` of
/// `columns[x]` say whether the module at (x, y) is dark; bits past the
/// width are 0.
struct Lines {
    w: usize,
    rows: Vec<u64>,
    columns: Vec<u64>,
}

impl Lines {
    fn new(w: usize, dark: &[bool]) -> Option<Lines> {
        if !(7..=64).contains(&w) || dark.len() != w * w {
            return None;
        }
        let mut rows = vec![0u64; w];
        let mut columns = vec![0u64; w];
        for (y, line) in dark.chunks(w).enumerate() {
            for (x, d) in line.iter().enumerate() {
                rows[y] |= u64::from(*d) << x;
                columns[x] |= u64::from(*d) << y;
            }
        }
        Some(Lines { w, rows, columns })
    }

    fn penalty(&self) -> u16 {
        let lines = self.rows.iter().chain(&self.columns);
        let runs = lines.clone().map(|l| self.run_score(*l)).sum::<u32>();
        let finders = lines.map(|l| self.finder_score(*l)).sum::<u32>();
        let blocks = self
            .rows
            .windows(2)
            .map(|p| self.same_block_count(p[0], p[1]) * 3)
            .sum::<u32>();
        let dark = self
            .rows
            .iter()
            .map(|r| r.count_ones() as usize)
            .sum::<usize>();
        let balance = (dark * 200 / (self.w * self.w)).abs_diff(100) as u32;
        // Truncated to u16 like the crate's running sums.
        (runs.wrapping_add(blocks) as u16)
            .wrapping_add((finders as u16).wrapping_sub(360))
            .wrapping_add(balance as u16)
    }

    /// Bits 0 to `n - 1`.
    fn low(n: usize) -> u64 {
        if n >= 64 {
            u64::MAX
        } else {
            (1u64 << n) - 1
        }
    }

    /// A run of `L >= 5` modules of one colour scores `L - 2`: one for each
    /// of its `L - 4` windows of five equal modules, and 2 for the run.
    fn run_score(&self, line: u64) -> u32 {
        let same = !(line ^ (line >> 1)); // bit k: module k equals k + 1
        let five = same & (same >> 1) & (same >> 2) & (same >> 3) & Self::low(self.w - 4);
        let starts = five & !(five << 1);
        five.count_ones() + 2 * starts.count_ones()
    }

    /// Dark-light-dark-dark-dark-light-dark at `j..j + 7`, scoring 40
    /// unless dark modules lie within four on both sides of it.
    fn finder_score(&self, line: u64) -> u32 {
        let b = line;
        let mut found = b & !(b >> 1) & (b >> 2) & (b >> 3) & (b >> 4) & !(b >> 5) & (b >> 6);
        found &= Self::low(self.w - 6);
        let mut score = 0;
        while found != 0 {
            let j = found.trailing_zeros() as usize;
            found &= found - 1;
            let before = line & Self::low(j) & !Self::low(j.saturating_sub(4));
            let after = line.checked_shr((j + 7) as u32).unwrap_or(0) & 0b1111;
            if before == 0 || after == 0 {
                score += 40;
            }
        }
        score
    }

    /// The 2×2 blocks of one colour whose top row is `top`.
    fn same_block_count(&self, top: u64, bottom: u64) -> u32 {
        let across = |r: u64| !(r ^ (r >> 1));
        let blocks = across(top) & across(bottom) & !(top ^ bottom) & Self::low(self.w - 1);
        blocks.count_ones()
    }
}

/// [`penalty`] module by module, for codes wider than 64 modules.
fn penalty_by_module(w: usize, dark: &[bool]) -> u16 {
    let at = |x: usize, y: usize| dark[y * w + x];
    let row = |i: usize| move |k: usize| at(k, i);
    let column = |i: usize| move |k: usize| at(i, k);
    let mut runs = 0u16;
    let mut finders = 0u16;
    for i in 0..w {
        runs = runs
            .wrapping_add(run_score(w, row(i)))
            .wrapping_add(run_score(w, column(i)));
        finders = finders
            .wrapping_add(finder_score(w, row(i)))
            .wrapping_add(finder_score(w, column(i)));
    }
    let mut blocks = 0u16;
    for y in 0..w - 1 {
        for x in 0..w - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                blocks = blocks.wrapping_add(3);
            }
        }
    }
    let dark_count = dark.iter().filter(|d| **d).count();
    let ratio = dark_count * 200 / dark.len();
    let balance = ratio.abs_diff(100) as u16;
    runs.wrapping_add(blocks)
        .wrapping_add(finders.wrapping_sub(360))
        .wrapping_add(balance)
}

/// Runs of `5 + n` modules of one colour in a line score `3 + n` each.
fn run_score(w: usize, get: impl Fn(usize) -> bool) -> u16 {
    let mut score = 0u16;
    let mut run = 1u16;
    for k in 1..=w {
        if k < w && get(k) == get(k - 1) {
            run += 1;
            continue;
        }
        if run >= 5 {
            score = score.wrapping_add(run - 2);
        }
        run = 1;
    }
    score
}

/// Dark-light-dark-dark-dark-light-dark in a line scores 40 unless dark
/// modules lie within four on both sides of it.
fn finder_score(w: usize, get: impl Fn(usize) -> bool) -> u16 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score = 0u16;
    for j in 0..w.saturating_sub(6) {
        if (0..7).any(|k| get(j + k) != PATTERN[k]) {
            continue;
        }
        let before = (j.saturating_sub(4)..j).any(&get);
        let after = (j + 7..(j + 11).min(w)).any(&get);
        if !before || !after {
            score = score.wrapping_add(40);
        }
    }
    score
}

/// The code as an inline `<svg>` element, with a quiet zone of four modules,
/// one unit per module: a white square, and the dark modules as one filled
/// path with a rectangle per run of dark modules in a row
/// (`M4 4h7v1h-7zm9 0h1v1h-1z`: about two thirds of the size of a square
/// per module, which made QR codes more than half of a handbook's print
/// page). Filled, not stroked: strokes print thinner in Chromium's PDFs.
fn svg(width: usize, dark: &[bool], label: &str) -> String {
    let size = width + 8;
    let mut s = String::with_capacity(400 + dark.len() * 4);
    s.push_str("<svg role=\"img\" aria-label=\"");
    s.push_str(&crate::escape::xml(label));
    s.push_str("\" xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
    push_number(&mut s, size);
    s.push_str("\" height=\"");
    push_number(&mut s, size);
    s.push_str("\" viewBox=\"0 0 ");
    push_number(&mut s, size);
    s.push(' ');
    push_number(&mut s, size);
    s.push_str("\" shape-rendering=\"crispEdges\"><rect x=\"0\" y=\"0\" width=\"");
    push_number(&mut s, size);
    s.push_str("\" height=\"");
    push_number(&mut s, size);
    s.push_str("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
    for (y, row) in dark.chunks(width).enumerate() {
        // Where this row's previous rectangle started (`None`: none yet).
        let mut pen: Option<usize> = None;
        for (x, len) in runs(row) {
            match pen {
                None => {
                    s.push('M');
                    push_number(&mut s, x + 4);
                    s.push(' ');
                    push_number(&mut s, y + 4);
                }
                Some(at) => {
                    s.push('m');
                    push_number(&mut s, x - at);
                    s.push_str(" 0");
                }
            }
            s.push('h');
            push_number(&mut s, len);
            s.push_str("v1h-");
            push_number(&mut s, len);
            s.push('z');
            pen = Some(x);
        }
    }
    s.push_str("\"/></svg>");
    s
}

/// The runs of dark modules of a row: (first column, length).
fn runs(row: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut x = 0;
    std::iter::from_fn(move || {
        while x < row.len() && !row[x] {
            x += 1;
        }
        if x == row.len() {
            return None;
        }
        let start = x;
        while x < row.len() && row[x] {
            x += 1;
        }
        Some((start, x - start))
    })
}

fn push_number(s: &mut String, n: usize) {
    if n >= 10 {
        push_number(s, n / 10);
    }
    s.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::{code, modules, penalty_by_module, Codes, Lines, Packed};
    use qrcode::{Color, EcLevel, QrCode};
    use std::collections::BTreeSet;

    #[test]
    fn inline_svg_with_a_label_and_a_short_address() {
        let q = code("https://example.org/nl/m/p.html", "QR \"x\"").unwrap();
        assert!(q
            .svg
            .starts_with("<svg role=\"img\" aria-label=\"QR &quot;x&quot;\" xmlns="));
        assert!(q.svg.contains("viewBox"));
        assert!(!q.svg.contains("<?xml"));
        assert_eq!(q.short, "example.org/nl/m/p.html");
    }

    /// The crate's own code for `url` (its choice of mask): the size of the
    /// image with the quiet zone, and the dark modules as (x, y) in it.
    fn by_the_crate(url: &str) -> Option<(usize, BTreeSet<(usize, usize)>)> {
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
        let w = code.width();
        let dark = code
            .to_colors()
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Color::Dark)
            .map(|(i, _)| (i % w + 4, i / w + 4))
            .collect();
        Some((w + 8, dark))
    }

    /// The dark modules our SVG draws: its path's strokes read back.
    fn drawn(svg: &str) -> BTreeSet<(usize, usize)> {
        let start = svg.find(" d=\"").unwrap() + 4;
        let d = &svg[start..start + svg[start..].find('"').unwrap()];
        let mut out = BTreeSet::new();
        let (mut x, mut y) = (0usize, 0usize);
        let num = |t: &str| t.parse::<usize>().unwrap();
        // Each rectangle: `M x y` or `m dx 0` (from the previous one's
        // start, where `z` left the pen), then `h len v1 h-len z`.
        for rect in d.split_terminator('z') {
            let (mv, shape) = rect.split_once('h').unwrap();
            let (a, b) = mv[1..].split_once(' ').unwrap();
            match &mv[..1] {
                "M" => (x, y) = (num(a), num(b)),
                "m" => {
                    assert_eq!(b, "0", "a row's rectangles are reached along the row");
                    x += num(a);
                }
                _ => panic!("unexpected path command in {rect}"),
            }
            let (len, rest) = shape.split_once("v1h-").unwrap();
            assert_eq!(len, rest, "a rectangle is closed where it began: {rect}");
            out.extend((x..x + num(len)).map(|c| (c, y)));
        }
        out
    }

    #[test]
    fn the_same_codes_as_the_crate_chooses() {
        // Addresses of every length up to a few hundred bytes (QR versions
        // 1 to 13), in the shapes a site has, and what a label can hold.
        let mut urls = vec![String::new(), "x".to_string(), "HELLO 123".to_string()];
        let words = [
            "co-production-toolkit",
            "ü",
            "nl",
            "%C3%A9",
            "a",
            "0123456789",
        ];
        for n in (0..360).step_by(5) {
            let mut url = String::from("https://example.org/");
            for k in 0..n / 3 {
                url.push_str(words[(n + k) % words.len()]);
                url.push(if k % 4 == 3 { '/' } else { '-' });
            }
            url.push_str(&format!("page-{n}.html"));
            urls.push(url);
        }
        urls.push("x".repeat(3000));
        for (i, url) in urls.iter().enumerate() {
            let label = if i % 2 == 0 {
                "QR code"
            } else {
                "Código <QR> & \"más\""
            };
            let ours = code(url, label).map(|q| q.svg);
            // Only the last one is too long for a QR code.
            assert_eq!(ours.is_none(), i == urls.len() - 1, "{url}");
            let (Some(svg), Some((size, dark))) = (ours, by_the_crate(url)) else {
                continue;
            };
            let escaped = label
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(svg.starts_with(&format!("<svg role=\"img\" aria-label=\"{escaped}\"")));
            assert!(
                svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")),
                "{url}"
            );
            assert_eq!(drawn(&svg), dark, "{url}");
        }
    }

    #[test]
    fn scoring_by_lines_is_scoring_by_modules() {
        // Grids of every width a line holds, dense and sparse, with the
        // long runs, blocks and finder-like patterns that score.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for w in 7..=64 {
            for density in [2, 4, 8] {
                let dark: Vec<bool> = (0..w * w).map(|_| next() % density == 0).collect();
                let lines = Lines::new(w, &dark).unwrap();
                assert_eq!(lines.penalty(), penalty_by_module(w, &dark), "width {w}");
                let mut finder = dark.clone();
                let row = (next() as usize % w) * w;
                for (k, d) in [true, false, true, true, true, false, true]
                    .iter()
                    .enumerate()
                {
                    finder[row + w - 7 + k] = *d;
                    finder[row + k] = *d;
                }
                let lines = Lines::new(w, &finder).unwrap();
                assert_eq!(lines.penalty(), penalty_by_module(w, &finder), "width {w}");
            }
        }
        assert!(Lines::new(65, &vec![false; 65 * 65]).is_none());
    }

    #[test]
    fn codes_made_once_are_the_same_codes() {
        let codes = Codes::default();
        for url in ["https://example.org/nl/a.html", "https://example.org/x/y/z"] {
            let made = modules(url.as_bytes()).unwrap();
            assert_eq!(Packed::new(&made).unpack(), made.1);
            let first = codes.code(url, "QR").unwrap().svg;
            assert_eq!(first, code(url, "QR").unwrap().svg);
            assert_eq!(codes.code(url, "QR").unwrap().svg, first);
        }
    }
}
