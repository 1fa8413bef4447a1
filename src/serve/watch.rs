//! Watches the site's sources (`content/`, `locales/`, `themes/` and
//! `site.yaml`) with notify, debounced, and hands batches of changed paths to
//! the rebuild loop.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use super::change::WATCHED_DIRS;
use super::Msg;

/// How long a path must be quiet before its change is reported. Editors
/// that save in several steps (write twice, or write a temporary file and
/// rename it) finish well within this.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// The watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    /// The folders being watched recursively.
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root`. Every batch of changed paths is sent as
    /// [`Msg::Changed`]; `pending` is set when one is sent (so that long
    /// work can give way to a new change).
    pub fn start(
        root: &Path,
        tx: Sender<Msg>,
        pending: Arc<AtomicBool>,
    ) -> Result<Watcher, String> {
        let handler = move |result: DebounceEventResult| {
            let msg = match result {
                Ok(events) if events.iter().any(|e| e.need_rescan()) => Msg::Rescan,
                Ok(events) => {
                    let paths: BTreeSet<PathBuf> = events
                        .into_iter()
                        .filter(|e| changes_content(&e.kind))
                        .flat_map(|e| e.event.paths)
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Msg::Changed(paths.into_iter().collect())
                }
                Err(errors) => Msg::WatchError(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            pending.store(true, Ordering::SeqCst);
            let _ = tx.send(msg);
        };
        let mut debouncer = new_debouncer(DEBOUNCE, None, handler)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        // The site folder itself, for site.yaml and for watched folders that
        // appear later.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut w = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        w.refresh(&[]);
        Ok(w)
    }

    /// Watches the source folders that exist now, and watches again those
    /// that were (re)created: call it with every batch of changed paths.
    pub fn refresh(&mut self, changed: &[PathBuf]) {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            let touched = changed.iter().any(|p| p == &dir);
            if touched && self.watched.remove(&dir) {
                let _ = self.debouncer.unwatch(&dir);
            }
            if dir.is_dir() && !self.watched.contains(&dir) {
                match self.debouncer.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
                }
            }
        }
    }
}

/// Whether an event can mean new content: not a file merely being opened or
/// read (rebuilds read files, and must not trigger themselves).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}
