//! The order `equil pdf` prints its documents in, and what a module's PDF
//! learns from its language's handbook.
//!
//! Documents are taken longest first. A module's chapters are in the
//! handbook too, laid out alike (the print style sets the handbook's lower
//! headings like the module's), so the pages they start on in the
//! handbook's first rendering, moved to where the module's first chapter
//! starts (after its cover and a one-page contents), are the module's
//! first guess for its contents' page numbers: a module whose language's
//! handbook is printed in the same run waits for that rendering instead
//! of making a draft of its own. The guess is checked like any other; a
//! module whose chapters take other pages (links to other modules are
//! spelled out only in the module's own PDF) is printed once more.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::convert::Pages;
use super::jobs::{Guide, Job};

/// The page a module's first chapter starts on: after its cover and its
/// contents (one page for a module of a few dozen chapters).
pub(super) const FIRST_CHAPTER_PAGE: usize = 3;

/// How often a tab waiting for a handbook looks whether the run stopped.
const RECHECK: Duration = Duration::from_millis(200);

/// The documents left to print.
pub(super) struct Queue<'a> {
    jobs: &'a [Job],
    /// Job indexes, longest document first.
    order: Vec<usize>,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    /// By position in `order`.
    taken: Vec<bool>,
    /// The chapter pages of each document's first rendering, by job index
    /// (`None`: it finished without one; a module waits for its handbook's).
    first: HashMap<usize, Option<Pages>>,
}

impl<'a> Queue<'a> {
    /// `order`: the job indexes in the order to take them.
    pub fn new(jobs: &'a [Job], order: Vec<usize>) -> Self {
        let state = State {
            taken: vec![false; order.len()],
            first: HashMap::new(),
        };
        Queue {
            jobs,
            order,
            state: Mutex::new(state),
            changed: Condvar::new(),
        }
    }

    /// The next document to print and, for a module, the chapter pages its
    /// handbook suggests. Waits while the only documents left wait for a
    /// handbook; `None` when none are left or `stopped` says so.
    pub fn take(&self, stopped: &dyn Fn() -> bool) -> Option<(usize, Option<Pages>)> {
        let mut state = self.lock();
        loop {
            if stopped() {
                return None;
            }
            let mut left = false;
            for (pos, &i) in self.order.iter().enumerate() {
                if state.taken[pos] {
                    continue;
                }
                left = true;
                let learned = match &self.jobs[i].guide {
                    None => Some(None),
                    Some(g) => state
                        .first
                        .get(&g.handbook)
                        .map(|p| p.as_ref().and_then(|p| guess(p, g, &self.jobs[i].anchors))),
                };
                if let Some(guess) = learned {
                    state.taken[pos] = true;
                    return Some((i, guess));
                }
            }
            if !left {
                return None;
            }
            state = match self.changed.wait_timeout(state, RECHECK) {
                Ok((s, _)) => s,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }

    /// Job `i` was rendered once: the pages its chapters start on.
    pub fn learned(&self, i: usize, pages: &Pages) {
        self.lock().first.entry(i).or_insert(Some(pages.clone()));
        self.changed.notify_all();
    }

    /// Job `i` is finished (printed or failed): no module waits for it.
    pub fn done(&self, i: usize) {
        self.lock().first.entry(i).or_insert(None);
        self.changed.notify_all();
    }

    /// Marks job `i` finished when dropped, also when printing it panicked,
    /// so that no tab waits for it for ever.
    pub fn finishing(&self, i: usize) -> Finishing<'_, 'a> {
        Finishing { queue: self, i }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// See [`Queue::finishing`].
pub(super) struct Finishing<'q, 'a> {
    queue: &'q Queue<'a>,
    i: usize,
}

impl Drop for Finishing<'_, '_> {
    fn drop(&mut self) {
        self.queue.done(self.i);
    }
}

/// A module's chapter pages from where they start in its handbook
/// (`handbook`), the first moved to [`FIRST_CHAPTER_PAGE`]; `None` when
/// the handbook lacks one of them.
pub(super) fn guess(handbook: &Pages, guide: &Guide, anchors: &[String]) -> Option<Pages> {
    let at: HashMap<&str, usize> = handbook.iter().map(|(a, p)| (a.as_str(), *p)).collect();
    let starts: Vec<usize> = guide
        .anchors
        .iter()
        .map(|a| at.get(a.as_str()).copied())
        .collect::<Option<_>>()?;
    let first = *starts.first()?;
    if starts.len() != anchors.len() || starts.windows(2).any(|w| w[1] < w[0]) {
        return None;
    }
    let pages = anchors
        .iter()
        .zip(starts)
        .map(|(a, s)| (a.clone(), FIRST_CHAPTER_PAGE + s - first))
        .collect();
    Some(pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn job(name: &str, anchors: &[&str], guide: Option<Guide>) -> Job {
        Job {
            lang: "nl".into(),
            name: name.into(),
            html: PathBuf::from(format!("{name}.html")),
            anchors: anchors.iter().map(|a| a.to_string()).collect(),
            output: PathBuf::from(format!("{name}.pdf")),
            sheet: None,
            guide,
        }
    }

    fn pages(p: &[(&str, usize)]) -> Pages {
        p.iter().map(|(a, n)| (a.to_string(), *n)).collect()
    }

    fn guide(handbook: usize) -> Option<Guide> {
        Some(Guide {
            handbook,
            anchors: vec!["ch-m".into(), "ch-m-a".into(), "ch-m-b".into()],
        })
    }

    #[test]
    fn a_module_starts_where_its_handbook_chapters_do_moved_to_its_first_page() {
        let hb = pages(&[
            ("ch-introduction", 4),
            ("ch-m", 9),
            ("ch-m-a", 11),
            ("ch-m-b", 15),
        ]);
        let anchors = ["ch-index".to_string(), "ch-a".into(), "ch-b".into()];
        let g = guide(0).unwrap();
        assert_eq!(
            guess(&hb, &g, &anchors),
            Some(pages(&[("ch-index", 3), ("ch-a", 5), ("ch-b", 9)]))
        );
        // A chapter missing from the handbook, or one chapter too many: no guess.
        assert_eq!(guess(&hb[..3].to_vec(), &g, &anchors), None);
        assert_eq!(guess(&hb, &g, &anchors[..2]), None);
    }

    #[test]
    fn a_module_waits_for_its_handbook_and_others_go_first() {
        let jobs = [
            job("m", &["ch-index", "ch-a", "ch-b"], guide(2)),
            job("sheet", &[], None),
            job("handbook", &["ch-m", "ch-m-a", "ch-m-b"], None),
        ];
        let q = Queue::new(&jobs, vec![2, 0, 1]);
        let go = || false;
        assert_eq!(q.take(&go), Some((2, None)));
        // The module waits for the handbook: the sheet is next.
        assert_eq!(q.take(&go), Some((1, None)));
        let hb = pages(&[("ch-m", 5), ("ch-m-a", 7), ("ch-m-b", 8)]);
        std::thread::scope(|s| {
            let waiting = s.spawn(|| q.take(&go));
            std::thread::sleep(Duration::from_millis(50));
            q.learned(2, &hb);
            let (i, guessed) = waiting.join().unwrap().unwrap();
            assert_eq!(i, 0);
            assert_eq!(
                guessed,
                Some(pages(&[("ch-index", 3), ("ch-a", 5), ("ch-b", 6)]))
            );
        });
        assert_eq!(q.take(&go), None);
    }

    #[test]
    fn a_handbook_that_fails_lets_its_modules_go_without_a_guess() {
        let jobs = [
            job("handbook", &["ch-m", "ch-m-a", "ch-m-b"], None),
            job("m", &["ch-index", "ch-a", "ch-b"], guide(0)),
        ];
        let q = Queue::new(&jobs, vec![0, 1]);
        let go = || false;
        assert_eq!(q.take(&go), Some((0, None)));
        q.done(0);
        assert_eq!(q.take(&go), Some((1, None)));
        // A tab that panics while printing the handbook lets its modules go.
        let q = Queue::new(&jobs, vec![0, 1]);
        assert_eq!(q.take(&go), Some((0, None)));
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _finishing = q.finishing(0);
            panic!("printing failed");
        }));
        assert!(panicked.is_err());
        assert_eq!(q.take(&go), Some((1, None)));
        // A stopped run gives nothing more, also to a tab that waits.
        let q = Queue::new(&jobs, vec![0, 1]);
        assert_eq!(q.take(&go), Some((0, None)));
        assert_eq!(q.take(&|| true), None);
    }
}
