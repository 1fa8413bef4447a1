//! The postings of an index grouped by stem id, sections ascending and
//! the weights of a section added to twice summed.

use super::{IndexBuilder, MAX_WEIGHT};

/// Postings grouped by stem id (see [`IndexBuilder::grouped`]).
pub(super) struct Grouped {
    starts: Vec<usize>,
    pub(super) lens: Vec<usize>,
    items: Vec<(usize, u32)>,
}

impl Grouped {
    pub(super) fn of(&self, stem: u32) -> &[(usize, u32)] {
        let s = stem as usize;
        &self.items[self.starts[s]..self.starts[s] + self.lens[s]]
    }
}

impl IndexBuilder {
    /// The postings grouped by stem id: `(section, weight)` with sections
    /// ascending, stem `s` at `items[starts[s]..starts[s] + lens[s]]`.
    pub(super) fn grouped(&self) -> Grouped {
        let current = self
            .touched
            .iter()
            .map(|&s| (s, self.current, self.weights[s as usize]));
        let all = || self.postings.iter().copied().chain(current.clone());
        let mut lens = vec![0usize; self.stems.len()];
        for (s, _, _) in all() {
            lens[s as usize] += 1;
        }
        let mut starts = Vec::with_capacity(lens.len());
        let mut at = 0;
        for &n in &lens {
            starts.push(at);
            at += n;
        }
        let mut items = vec![(0usize, 0u32); at];
        let mut next = starts.clone();
        for (s, section, w) in all() {
            items[next[s as usize]] = (section, w);
            next[s as usize] += 1;
        }
        // Sections come in order unless a section was added to twice,
        // apart: then sort and sum.
        for (s, len) in lens.iter_mut().enumerate() {
            let list = &mut items[starts[s]..starts[s] + *len];
            if list.windows(2).all(|p| p[0].0 < p[1].0) {
                continue;
            }
            list.sort_by_key(|&(section, _)| section);
            let mut kept = 0;
            for i in 0..list.len() {
                if kept > 0 && list[kept - 1].0 == list[i].0 {
                    list[kept - 1].1 = (list[kept - 1].1 + list[i].1).min(MAX_WEIGHT);
                } else {
                    list[kept] = list[i];
                    kept += 1;
                }
            }
            *len = kept;
        }
        Grouped {
            starts,
            lens,
            items,
        }
    }

    /// Stem ids that have postings, sorted by stem.
    pub(super) fn sorted_stems(&self, grouped: &Grouped) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.stems.len() as u32)
            .filter(|&i| grouped.lens[i as usize] > 0)
            .collect();
        ids.sort_unstable_by(|&a, &b| self.stems[a as usize].cmp(&self.stems[b as usize]));
        ids
    }
}
