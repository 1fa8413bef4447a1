//! Old versions of a source page: which commit wrote the version a
//! translation was made from (the one whose title and body hash to the
//! translation's `source_hash`), and what that version said.

use serde::Serialize;

use super::{Blobs, Commit, History, Unavailable, Version};
use crate::load::content::source_hash;
use crate::load::frontmatter;

/// Front matter keys whose text a translator translates (shown in diffs).
pub const TRANSLATABLE_KEYS: &[&str] = &[
    "title",
    "summary",
    "objectives",
    "audience",
    "materials",
    "changes",
];

/// What a version of a page says: its translatable front matter (as text,
/// list items one per line) and its body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot {
    pub title: String,
    /// `(key, text)` for each of [`TRANSLATABLE_KEYS`] the page has, in that order.
    pub fields: Vec<(String, String)>,
    pub body: String,
}

impl Snapshot {
    /// Reads a page's text, tolerating front matter that today's rules
    /// would reject (old versions may use keys that have since changed).
    pub fn parse(text: &str) -> Option<Snapshot> {
        let split = frontmatter::split(text, std::path::Path::new("")).ok()?;
        let yaml: serde_yaml::Value = serde_yaml::from_str(split.yaml).unwrap_or_default();
        let mut fields = Vec::new();
        for key in TRANSLATABLE_KEYS {
            if let Some(v) = yaml.get(*key).and_then(as_text) {
                fields.push((key.to_string(), v));
            }
        }
        let title = yaml.get("title").and_then(as_text).unwrap_or_default();
        Some(Snapshot {
            title,
            fields,
            body: split.body.to_string(),
        })
    }

    /// The version hash ([`source_hash`]) of this text.
    pub fn hash(&self) -> String {
        source_hash(&self.title, &self.body)
    }

    /// The text of a front matter key (empty when absent).
    pub fn field(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

fn as_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Sequence(items) => Some(
            items
                .iter()
                .filter_map(as_text)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        _ => None,
    }
}

/// The source version a translation was made from.
#[derive(Debug, Clone)]
pub struct Origin {
    pub version: Version,
    pub commit: Commit,
    pub old: Snapshot,
}

/// Why the version a translation was made from cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Missing {
    /// No history at all (see [`Unavailable`]).
    NoHistory,
    /// The source file has never been committed.
    NotCommitted,
    /// No committed version of the source hashes to `source_hash`.
    HashNotFound,
}

impl Missing {
    /// A sentence for a translator.
    pub fn explain(&self, history: &History, source: &str, hash: &str) -> String {
        match self {
            Missing::NoHistory => history
                .unavailable
                .as_ref()
                .unwrap_or(&Unavailable::NotARepository)
                .explain(),
            Missing::NotCommitted => {
                format!("{source} has never been committed, so its earlier versions are not known")
            }
            Missing::HashNotFound => format!(
                "no committed version of {source} has the source_hash {hash} (it may have been \
                 edited and marked current without a commit in between, or moved); compare the \
                 translation with the source page by hand, then run `equil i18n mark-current`"
            ),
        }
    }
}

/// Finds the newest committed version of the source file `path` (from the
/// site folder, `content/en/…`) whose hash is `hash`.
pub fn origin(history: &History, path: &str, hash: &str) -> Result<Origin, Missing> {
    if history.unavailable.is_some() {
        return Err(Missing::NoHistory);
    }
    let blobs = history.blobs().ok_or(Missing::NoHistory)?;
    origin_in(history, &blobs, path, hash)
}

/// [`origin`] with the repository already open (for many pages).
pub fn origin_in(
    history: &History,
    blobs: &Blobs,
    path: &str,
    hash: &str,
) -> Result<Origin, Missing> {
    let versions = history.versions(path);
    if versions.is_empty() {
        return Err(Missing::NotCommitted);
    }
    for v in versions {
        let Some(text) = blobs.text(v.blob) else {
            continue;
        };
        let Some(old) = Snapshot::parse(&text) else {
            continue;
        };
        if old.hash() == hash {
            return Ok(Origin {
                version: *v,
                commit: history.commit(v).clone(),
                old,
            });
        }
    }
    Err(Missing::HashNotFound)
}
