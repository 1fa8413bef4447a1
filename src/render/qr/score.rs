//! How good a masked QR code is for a reader: the penalty score of the QR
//! standard, computed as the `qrcode` crate 0.14 computes it, so that the
//! mask chosen here is the one the crate would choose.

/// A code's rows and columns as bits: bit `x` of `rows[y]` and bit `y` of
/// `columns[x]` say whether the module at (x, y) is dark; bits past the
/// width are 0.
pub(super) struct Lines {
    w: usize,
    rows: Vec<u64>,
    columns: Vec<u64>,
}

impl Lines {
    /// The lines of a code given as rows of bits (bit `x` of `rows[y]`: the
    /// module at (x, y) is dark), `w` at most 64.
    pub(super) fn from_rows(w: usize, rows: Vec<u64>) -> Lines {
        let mut columns = vec![0u64; w];
        for (y, row) in rows.iter().enumerate() {
            for (x, column) in columns.iter_mut().enumerate() {
                *column |= (row >> x & 1) << y;
            }
        }
        Lines { w, rows, columns }
    }

    /// The penalty score of the code, as `qrcode` 0.14 computes it for a
    /// normal (not micro) QR code: runs of five or more modules of one
    /// colour, 2×2 blocks of one colour, finder-like patterns (less the 9
    /// of the finder patterns themselves) and the balance of dark and
    /// light. With the crate's `u16` arithmetic, wrapping as it does in a
    /// release build (a sum wraps the same in any order, so the parts may
    /// be added up differently).
    pub(super) fn penalty(&self) -> u16 {
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

    /// The rows, given back.
    pub(super) fn into_rows(self) -> Vec<u64> {
        self.rows
    }
}

/// [`Lines::penalty`] module by module, for codes wider than 64 modules
/// (`dark`: row by row, whether each module is dark).
pub(super) fn penalty_by_module(w: usize, dark: &[bool]) -> u16 {
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

#[cfg(test)]
mod tests {
    use super::{penalty_by_module, Lines};

    /// A grid of modules (row by row) as lines of bits.
    fn as_lines(w: usize, dark: &[bool]) -> Lines {
        let rows = dark
            .chunks(w)
            .map(|r| r.iter().rev().fold(0u64, |b, d| (b << 1) | u64::from(*d)))
            .collect();
        Lines::from_rows(w, rows)
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
                let lines = as_lines(w, &dark);
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
                let lines = as_lines(w, &finder);
                assert_eq!(lines.penalty(), penalty_by_module(w, &finder), "width {w}");
            }
        }
    }
}
