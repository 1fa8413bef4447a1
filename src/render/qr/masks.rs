//! Masks applied a row at a time. A masked module is its data colour
//! flipped where the mask says, and every other module (finder and timing
//! patterns, format and version information) depends only on the version
//! and the mask: so what each mask makes of a code *without data* (a
//! "blank", made once per version by the crate itself) is the masked code
//! of any data, with the dark data modules flipped. Eight masks of a code
//! are then eight XORs of its rows, where applying each with the crate
//! (a function call per module) was a twentieth of a large build.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use qrcode::canvas::{Canvas, Module};
use qrcode::{Color, EcLevel, Version};

use super::score::Lines;
use super::MASKS;

/// The blanks of the versions met so far.
#[derive(Default)]
pub(super) struct Blanks(Mutex<HashMap<i16, Option<Arc<Blank>>>>);

impl Blanks {
    /// The blank of `version`; `None` for a code wider than 64 modules.
    pub(super) fn of(&self, version: Version) -> Option<Arc<Blank>> {
        let Version::Normal(n) = version else {
            return None;
        };
        if let Some(known) = self.0.lock().ok().and_then(|m| m.get(&n).cloned()) {
            return known;
        }
        let blank = Blank::new(version).map(Arc::new);
        if let Ok(mut m) = self.0.lock() {
            m.insert(n, blank.clone());
        }
        blank
    }
}

/// A version's code without data under each of [`MASKS`], as rows of bits
/// (bit `x` of row `y`: the module at (x, y) is dark).
pub(super) struct Blank {
    width: usize,
    masked: Vec<Vec<u64>>,
}

impl Blank {
    fn new(version: Version) -> Option<Blank> {
        let width = usize::try_from(version.width()).ok()?;
        if width > 64 {
            return None;
        }
        let mut canvas = Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        let masked = MASKS
            .iter()
            .map(|mask| {
                let mut c = canvas.clone();
                c.apply_mask(*mask);
                rows(&c, width, |m| Color::from(m) == Color::Dark)
            })
            .collect();
        Some(Blank { width, masked })
    }

    /// The modules of `canvas` (data drawn, not masked) under the mask with
    /// the lowest penalty (the first on a tie), row by row.
    pub(super) fn best(&self, canvas: &Canvas) -> Vec<bool> {
        let w = self.width;
        let data = rows(canvas, w, |m| m == Module::Unmasked(Color::Dark));
        let mut best: Option<(u16, Lines)> = None;
        for blank in &self.masked {
            let lines = Lines::from_rows(w, blank.iter().zip(&data).map(|(b, d)| b ^ d).collect());
            let score = lines.penalty();
            if best.as_ref().map_or(true, |(s, _)| score < *s) {
                best = Some((score, lines));
            }
        }
        let rows = best.map(|(_, lines)| lines.into_rows()).unwrap_or_default();
        rows.iter()
            .flat_map(|r| (0..w).map(move |x| r >> x & 1 == 1))
            .collect()
    }
}

/// The modules of `canvas` for which `dark` holds, as rows of bits.
fn rows(canvas: &Canvas, w: usize, dark: impl Fn(Module) -> bool) -> Vec<u64> {
    (0..w)
        .map(|y| {
            (0..w).fold(0u64, |row, x| {
                // Coordinates are at most 64 here: they fit an i16.
                let m = canvas.get(x as i16, y as i16);
                row | u64::from(dark(m)) << x
            })
        })
        .collect()
}
