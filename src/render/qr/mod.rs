//! QR codes for print pages and PDFs: each chapter carries the web address
//! of the same page in the same language, as an inline SVG (the `qrcode`
//! crate; no network), with the short address printed under it.
//!
//! The crate encodes the data and draws the code; the mask is chosen here.
//! The crate's own choice (`Canvas::apply_best_mask`) scores every mask with
//! a boxed closure per module, which made QR codes most of the time of a
//! large build. Here [`score`] scores the same way (the same rules, the same
//! arithmetic) on rows of bits and [`masks`] applies each mask to a row at
//! a time, so the codes are the same bit for bit, and [`svg`] draws the
//! same modules as filled rectangles. Both are checked against the crate
//! in the tests below.

mod masks;
mod score;

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, Version};
use serde::Serialize;

use masks::Blanks;
use score::penalty_by_module;

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
    let (width, dark) = modules(url.as_bytes(), &Blanks::default())?;
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
    /// What each mask makes of a code without data, by version.
    blanks: Blanks,
}

impl Codes {
    /// [`code`], made only the first time `url` is asked for.
    pub fn code(&self, url: &str, label: &str) -> Option<Qr> {
        let known = self.made.lock().ok().and_then(|m| m.get(url).cloned());
        let packed = match known {
            Some(m) => m,
            None => {
                let m = modules(url.as_bytes(), &self.blanks).map(|m| Arc::new(Packed::new(&m)));
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
/// module is dark. `None` when the data is too long. The mask is the one
/// with the lowest penalty ([`score`]), the first of [`MASKS`] on a tie.
fn modules(data: &[u8], blanks: &Blanks) -> Option<Modules> {
    let ec_level = EcLevel::M;
    let bits = qrcode::bits::encode_auto(data, ec_level).ok()?;
    let version = bits.version();
    let (encoded, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec_level).ok()?;
    let mut canvas = Canvas::new(version, ec_level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    let width = usize::try_from(version.width()).ok()?;
    debug_assert!(matches!(version, Version::Normal(_)));
    if let Some(blank) = blanks.of(version) {
        return Some((width, blank.best(&canvas)));
    }
    // Wider than a row of bits: each mask applied by the crate.
    let mut best: Option<(u16, Vec<bool>)> = None;
    for mask in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        let dark: Vec<bool> = c
            .into_colors()
            .into_iter()
            .map(|m| m == Color::Dark)
            .collect();
        let score = penalty_by_module(width, &dark);
        if best.as_ref().map_or(true, |(s, _)| score < *s) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| (width, dark))
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
    // Writing to a String cannot fail.
    let _ = write!(
        s,
        "<svg role=\"img\" aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\" \
         version=\"1.1\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect x=\"0\" y=\"0\" width=\"{size}\" \
         height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
        label = crate::escape::xml(label),
    );
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

/// Writes `n` in decimal (the numbers of a path: at most a few hundred).
fn push_number(s: &mut String, n: usize) {
    const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
    if n >= 100 {
        push_number(s, n / 100);
        s.push_str(&PAIRS[n % 100 * 2..n % 100 * 2 + 2]);
    } else if n >= 10 {
        s.push_str(&PAIRS[n * 2..n * 2 + 2]);
    } else {
        s.push(char::from(b'0' + n as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::{code, masks::Blanks, modules, Codes, Packed};
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
    fn codes_made_once_are_the_same_codes() {
        let codes = Codes::default();
        for url in ["https://example.org/nl/a.html", "https://example.org/x/y/z"] {
            let made = modules(url.as_bytes(), &Blanks::default()).unwrap();
            assert_eq!(Packed::new(&made).unpack(), made.1);
            let first = codes.code(url, "QR").unwrap().svg;
            assert_eq!(first, code(url, "QR").unwrap().svg);
            assert_eq!(codes.code(url, "QR").unwrap().svg, first);
        }
    }

    #[test]
    fn numbers_in_decimal() {
        for n in [0, 7, 9, 10, 42, 99, 100, 105, 185, 999, 1000, 12345] {
            let mut s = String::from("M");
            super::push_number(&mut s, n);
            assert_eq!(s, format!("M{n}"));
        }
    }
}
