//! The site's git history, read once per build: for every file under
//! `content/`, the commits that changed it (newest first), with their date
//! and subject. Page dates, "What's new", the Atom feeds, the outdated
//! notice's date and `equil i18n diff` all read this one index.
//!
//! Reading uses `gix` (no `git` program is run). One walk over the commits
//! reachable from `HEAD` compares each commit's `content/` tree with its
//! parents' and descends only into folders whose tree changed, so the cost
//! grows with the number of changes, not commits × files. Dates come from
//! commits (the committer date, in UTC), never from the clock.
//!
//! When history cannot be read (no repository, a shallow clone, no commit
//! yet), [`History`] says why ([`Unavailable`]) and every lookup finds
//! nothing: dates are left out and `i18n diff` explains.

pub mod dates;
pub mod diff;
pub mod versions;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::ObjectId;

pub use dates::Timestamp;

/// Why history is not available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The site folder is not inside a git repository.
    NotARepository,
    /// The repository is a shallow clone: older commits are missing, so
    /// dates and old versions would be wrong.
    Shallow,
    /// The repository has no commit yet.
    NoCommits,
    /// The repository could not be read.
    Unreadable(String),
}

impl Unavailable {
    /// A sentence for a trainer, with what to do.
    pub fn explain(&self) -> String {
        match self {
            Unavailable::NotARepository => {
                "the site is not in a git repository, so equil cannot tell when pages changed \
                 (commit the site to git to get page dates, What's new and `equil i18n diff`)"
                    .into()
            }
            Unavailable::Shallow => {
                "the repository is a shallow clone (only the latest commits), so equil cannot tell \
                 when pages changed (run `git fetch --unshallow`, or clone without --depth)"
                    .into()
            }
            Unavailable::NoCommits => {
                "the repository has no commits yet, so equil cannot tell when pages changed \
                 (commit the site first)"
                    .into()
            }
            Unavailable::Unreadable(e) => format!("the git history cannot be read: {e}"),
        }
    }
}

/// A commit that changed content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full hexadecimal id.
    pub id: String,
    pub time: Timestamp,
    /// The first line of the message.
    pub subject: String,
}

impl Commit {
    /// The first 10 characters of the id, as `git log --oneline` shows it.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(10)]
    }
}

/// One version of a file: the commit that wrote it and the blob it wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// Index into [`History::commits`].
    pub commit: u32,
    pub blob: ObjectId,
}

/// The history of the site's content.
#[derive(Default)]
pub struct History {
    /// Why there is no history (then everything else is empty).
    pub unavailable: Option<Unavailable>,
    /// Commits that changed something under `content/`, newest first.
    pub commits: Vec<Commit>,
    /// Versions of each file by its path from the site folder
    /// (`content/nl/module/page.md`), newest first.
    files: HashMap<String, Vec<Version>>,
    /// The repository's git folder, to read old versions from.
    git_dir: Option<PathBuf>,
    /// The commit `HEAD` pointed at when this was read.
    pub head: Option<ObjectId>,
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History")
            .field("unavailable", &self.unavailable)
            .field("commits", &self.commits.len())
            .field("files", &self.files.len())
            .finish()
    }
}

impl History {
    /// No history, for the reason given.
    pub fn unavailable(why: Unavailable) -> History {
        History {
            unavailable: Some(why),
            ..History::default()
        }
    }

    /// Reads the history of the site at `root` (one walk of the commits).
    pub fn read(root: &Path) -> History {
        match read(root) {
            Ok(h) => h,
            Err(why) => History::unavailable(why),
        }
    }

    /// Whether `HEAD` still points where it did when this was read (then
    /// the history is the same and need not be read again).
    pub fn is_fresh(&self, root: &Path) -> bool {
        match (&self.unavailable, head_of(root)) {
            (None, Some(h)) => self.head == Some(h),
            (Some(Unavailable::NotARepository), None) => true,
            _ => false,
        }
    }

    /// Versions of a file (`content/<lang>/…`), newest first.
    pub fn versions(&self, path: &str) -> &[Version] {
        self.files.get(path).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The last commit that changed a file.
    pub fn last_change(&self, path: &str) -> Option<&Commit> {
        self.versions(path)
            .first()
            .map(|v| &self.commits[v.commit as usize])
    }

    /// The commit of a version.
    pub fn commit(&self, v: &Version) -> &Commit {
        &self.commits[v.commit as usize]
    }

    /// Every file with a history, and its versions.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[Version])> {
        self.files.iter().map(|(p, v)| (p.as_str(), v.as_slice()))
    }

    /// Opens the repository to read old versions ([`Blobs::text`]).
    pub fn blobs(&self) -> Option<Blobs> {
        let repo = gix::open(self.git_dir.as_ref()?).ok()?;
        Some(Blobs { repo })
    }
}

/// Reads old versions of files.
pub struct Blobs {
    repo: gix::Repository,
}

impl Blobs {
    /// The text of a blob (`None` when it cannot be read or is not UTF-8).
    pub fn text(&self, blob: ObjectId) -> Option<String> {
        let b = self.repo.find_blob(blob).ok()?;
        String::from_utf8(b.data.clone()).ok()
    }
}

/// A path from the site folder with `/` separators, as history keys it.
pub fn key(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn head_of(root: &Path) -> Option<ObjectId> {
    let repo = gix::discover(root).ok()?;
    repo.head_id().ok().map(|id| id.detach())
}

fn read(root: &Path) -> Result<History, Unavailable> {
    let repo = gix::discover(root).map_err(|_| Unavailable::NotARepository)?;
    let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
        return Err(Unavailable::NotARepository);
    };
    if repo.is_shallow().unwrap_or(false) {
        return Err(Unavailable::Shallow);
    }
    let head = match repo.head_id() {
        Ok(id) => id.detach(),
        Err(_) => return Err(Unavailable::NoCommits),
    };
    let prefix = site_prefix(root, &workdir)?;
    let mut repo = repo;
    repo.object_cache_size_if_unset(16 * 1024 * 1024);
    let mut walker = Walker {
        repo: &repo,
        content: prefix
            .iter()
            .map(String::as_str)
            .chain(["content"])
            .collect(),
        commits: Vec::new(),
        files: HashMap::new(),
        trees: HashMap::new(),
    };
    walker.walk(head).map_err(Unavailable::Unreadable)?;
    let (commits, files) = (walker.commits, walker.files);
    Ok(History {
        unavailable: None,
        commits,
        files,
        git_dir: Some(repo.git_dir().to_path_buf()),
        head: Some(head),
    })
}

/// The site folder's path inside the work tree, as folder names.
fn site_prefix(root: &Path, workdir: &Path) -> Result<Vec<String>, Unavailable> {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root, workdir): (PathBuf, PathBuf) = (canon(root), canon(workdir));
    let rel = root
        .strip_prefix(&workdir)
        .map_err(|_| Unavailable::NotARepository)?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect())
}

/// One walk over the commits, recording which files each one changed.
struct Walker<'r> {
    repo: &'r gix::Repository,
    /// Folder names from the repository's root to `content/`.
    content: Vec<&'r str>,
    commits: Vec<Commit>,
    files: HashMap<String, Vec<Version>>,
    /// The `content/` tree of each commit seen (a commit is asked for as
    /// itself and as its children's parent).
    trees: HashMap<ObjectId, Option<ObjectId>>,
}

impl Walker<'_> {
    /// The `content/` tree of a commit, once per commit.
    fn commit_content(&mut self, commit: ObjectId) -> Option<ObjectId> {
        if let Some(t) = self.trees.get(&commit) {
            return *t;
        }
        let root = self
            .repo
            .find_commit(commit)
            .ok()
            .and_then(|c| c.tree_id().ok().map(|i| i.detach()));
        let t = self.content_tree(root);
        self.trees.insert(commit, t);
        t
    }

    fn walk(&mut self, head: ObjectId) -> Result<(), String> {
        use gix::revision::walk::Sorting;
        use gix::traverse::commit::simple::CommitTimeOrder;
        let walk = self
            .repo
            .rev_walk([head])
            .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
            .all()
            .map_err(|e| e.to_string())?;
        for info in walk {
            let info = info.map_err(|e| e.to_string())?;
            let commit = self.repo.find_commit(info.id).map_err(|e| e.to_string())?;
            let Some(tree) = self.commit_content(info.id) else {
                continue;
            };
            // Its own entry is needed no more.
            self.trees.remove(&info.id);
            let parent_ids: Vec<ObjectId> = commit.parent_ids().map(|p| p.detach()).collect();
            let parents: Vec<Option<ObjectId>> = parent_ids
                .into_iter()
                .map(|p| self.commit_content(p))
                .collect();
            // A commit whose content equals a parent's changed nothing here.
            if parents.contains(&Some(tree)) {
                continue;
            }
            let mut changed = Vec::new();
            self.changes(
                tree,
                &parents,
                crate::load::content::CONTENT_DIR,
                &mut changed,
            )?;
            if changed.is_empty() {
                continue;
            }
            let idx = self.commits.len() as u32;
            self.commits.push(describe(&commit)?);
            for (path, blob) in changed {
                self.files
                    .entry(path)
                    .or_default()
                    .push(Version { commit: idx, blob });
            }
        }
        Ok(())
    }

    /// The id of the `content/` tree inside a root tree.
    fn content_tree(&self, root: Option<ObjectId>) -> Option<ObjectId> {
        let mut id = root?;
        for name in &self.content {
            let tree = self.repo.find_tree(id).ok()?;
            let decoded = tree.decode().ok()?;
            let e = decoded
                .entries
                .iter()
                .find(|e| e.filename == name.as_bytes().as_bstr())?;
            if !e.mode.is_tree() {
                return None;
            }
            id = e.oid.to_owned();
        }
        Some(id)
    }

    /// Files under `tree` (at `path`) whose blob differs from every parent's.
    fn changes(
        &self,
        tree: ObjectId,
        parents: &[Option<ObjectId>],
        path: &str,
        out: &mut Vec<(String, ObjectId)>,
    ) -> Result<(), String> {
        let entries = self.entries(tree)?;
        let parent_entries: Vec<Vec<(String, bool, ObjectId)>> = parents
            .iter()
            .map(|p| match p {
                Some(p) => self.entries(*p),
                None => Ok(Vec::new()),
            })
            .collect::<Result<_, _>>()?;
        for (name, is_tree, oid) in entries {
            let child = format!("{path}/{name}");
            let in_parents: Vec<Option<(bool, ObjectId)>> = parent_entries
                .iter()
                .map(|pe| {
                    pe.iter()
                        .find(|(n, _, _)| *n == name)
                        .map(|(_, t, o)| (*t, *o))
                })
                .collect();
            if in_parents.contains(&Some((is_tree, oid))) {
                continue;
            }
            if is_tree {
                let sub: Vec<Option<ObjectId>> = in_parents
                    .iter()
                    .map(|p| p.and_then(|(t, o)| t.then_some(o)))
                    .collect();
                self.changes(oid, &sub, &child, out)?;
            } else {
                out.push((child, oid));
            }
        }
        Ok(())
    }

    /// A tree's entries: name, whether it is a folder, id.
    fn entries(&self, tree: ObjectId) -> Result<Vec<(String, bool, ObjectId)>, String> {
        let t = self.repo.find_tree(tree).map_err(|e| e.to_string())?;
        let decoded = t.decode().map_err(|e| e.to_string())?;
        Ok(decoded
            .entries
            .iter()
            .filter(|e| e.mode.is_tree() || e.mode.is_blob())
            .map(|e| {
                (
                    e.filename.to_str_lossy().into_owned(),
                    e.mode.is_tree(),
                    e.oid.to_owned(),
                )
            })
            .collect())
    }
}

fn describe(commit: &gix::Commit<'_>) -> Result<Commit, String> {
    let time = commit.time().map_err(|e| e.to_string())?;
    let msg = commit.message_raw_sloppy();
    let subject = msg
        .lines()
        .map(|l| l.to_str_lossy().trim().to_string())
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    Ok(Commit {
        id: commit.id.to_string(),
        time: Timestamp(time.seconds),
        subject,
    })
}
