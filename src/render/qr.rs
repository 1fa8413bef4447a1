//! QR codes for print pages and PDFs: each chapter carries the web address
//! of the same page in the same language, as an inline SVG (the `qrcode`
//! crate; no network), with the short address printed under it.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::Serialize;

use crate::escape;

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
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .min_dimensions(1, 1)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    let start = image.find("<svg")?;
    let svg = format!(
        "<svg role=\"img\" aria-label=\"{}\"{}",
        escape::xml(label),
        &image[start + 4..]
    );
    let short = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .to_string();
    Some(Qr {
        url: url.to_string(),
        short,
        svg,
    })
}

#[cfg(test)]
mod tests {
    use super::code;

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
}
