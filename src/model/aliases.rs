//! Old paths of moved pages (`aliases:` in front matter): each becomes a
//! small redirect page in its language. An alias may not take the place of
//! anything else the site writes.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::entry::Entry;
use super::site::Site;
use super::tree::{Redirect, Tree};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::content::Doc;

/// Adds each tree's redirects; a bad alias or one that collides with another
/// output is an error naming both files.
pub fn resolve(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let mut r = Resolver {
        root: &site.root,
        taken: taken_outputs(site),
        reported: HashSet::new(),
        diags,
    };
    let all: Vec<Vec<Redirect>> = site.trees.iter().map(|t| r.tree(&site.docs, t)).collect();
    for (tree, redirects) in site.trees.iter_mut().zip(all) {
        tree.redirects = redirects;
    }
}

/// What resolving the aliases keeps from one tree to the next.
struct Resolver<'a> {
    root: &'a Path,
    /// Output path → what is written there (for the error).
    taken: HashMap<String, String>,
    /// Each bad alias is reported once, not once per language it applies to.
    reported: HashSet<(PathBuf, String)>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// The redirects of one tree: the aliases of each page's document and,
    /// for a translation, of its source.
    fn tree(&mut self, docs: &[Doc], tree: &Tree) -> Vec<Redirect> {
        let mut redirects: Vec<Redirect> = Vec::new();
        for e in Site::entries(tree) {
            let mut ids = vec![e.doc];
            if e.source != e.doc {
                ids.push(e.source);
            }
            for doc in ids.into_iter().map(|d| &docs[d]) {
                for alias in &doc.fm.aliases {
                    if let Some(r) = self.redirect(doc, alias, &tree.lang, e, &redirects) {
                        redirects.push(r);
                    }
                }
            }
        }
        redirects
    }

    /// The redirect of `alias` (from `doc`) in language `lang` to `target`;
    /// `None` when the tree has it already, or when it is reported.
    fn redirect(
        &mut self,
        doc: &Doc,
        alias: &str,
        lang: &str,
        target: &Entry,
        redirects: &[Redirect],
    ) -> Option<Redirect> {
        let rel = match normalise(alias) {
            Ok(r) => r,
            Err(why) => {
                let d = Diagnostic::error(Code::UnsafePath, format!("alias `{alias}` {why}"))
                    .at(&doc.path)
                    .help("write the old path from the language folder, e.g. `aliases: [\"modules/old-name.html\"]`");
                self.report(&doc.path, alias, d);
                return None;
            }
        };
        let output = format!("{lang}/{rel}");
        if redirects
            .iter()
            .any(|r| r.output == output && r.target == target.output)
        {
            return None;
        }
        if let Some(other) = self.taken.get(&output) {
            let d = Diagnostic::error(
                Code::DuplicateOutput,
                format!("alias `{alias}` would be written to {output}, which is already {other}"),
            )
            .at(&doc.path)
            .help(format!(
                "remove the alias from {}, or move what is at {output}",
                doc.path.display()
            ));
            self.report(&doc.path, alias, d);
            return None;
        }
        self.taken.insert(
            output.clone(),
            format!("an alias of {}", doc.path.display()),
        );
        Some(Redirect {
            output,
            target: target.output.clone(),
            declared_in: doc.path.clone(),
        })
    }

    /// Reports a bad alias at its place in the front matter, once.
    fn report(&mut self, doc: &Path, alias: &str, d: Diagnostic) {
        if self.reported.insert((doc.to_path_buf(), alias.to_string())) {
            let (line, col) = alias_pos(self.root, doc, alias);
            self.diags.push(d.pos(line, col));
        }
    }
}

/// `modules/old.html` as written (or `modules/old/` → `modules/old/index.html`),
/// checked to stay inside the language folder.
fn normalise(alias: &str) -> Result<String, &'static str> {
    let a = alias.trim();
    if a.is_empty() {
        return Err("is empty");
    }
    if a.starts_with('/') || a.contains('\\') || a.contains("://") || a.contains(':') {
        return Err("must be a path relative to the language folder");
    }
    if a.split('/').any(|s| s == ".." || s == ".") {
        return Err("may not contain `.` or `..` segments");
    }
    if a.contains(['?', '#']) {
        return Err("may not contain `?` or `#`");
    }
    let a = if a.ends_with('/') {
        format!("{a}index.html")
    } else {
        a.to_string()
    };
    if !(a.ends_with(".html") || a.ends_with(".htm")) {
        return Err("must end in `.html` (or `/` for a folder)");
    }
    if a.split('/').any(|s| s.is_empty()) {
        return Err("has an empty path segment (`//`)");
    }
    Ok(a)
}

/// Everything else the site writes, with what it is (for messages).
fn taken_outputs(site: &Site) -> HashMap<String, String> {
    let mut taken = HashMap::new();
    for tree in &site.trees {
        for e in Site::entries(tree) {
            taken.insert(
                e.output.clone(),
                format!("the page of {}", site.docs[e.doc].path.display()),
            );
        }
        for (out, src) in &tree.assets {
            taken.insert(
                out.clone(),
                format!("the file {}", shown(src, &site.root).display()),
            );
        }
        for name in reserved(tree) {
            taken.insert(name, "a file equil writes itself".to_string());
        }
    }
    taken
}

fn reserved(tree: &Tree) -> Vec<String> {
    let l = &tree.lang;
    let mut v = vec![
        format!("{l}/index.html"),
        format!("{l}/print.html"),
        format!("{l}/glossary.html"),
        format!("{l}/search-index.js"),
    ];
    v.extend(
        tree.modules
            .iter()
            .map(|m| format!("{l}/{}/print.html", m.slug)),
    );
    v
}

/// Where `alias` is written in the front matter of `doc` (read again only
/// to report an error); the first line when it cannot be found.
fn alias_pos(root: &Path, doc: &Path, alias: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(root.join(doc)).unwrap_or_default();
    text.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find_map(|(i, l)| l.find(alias).map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap_or((1, 1))
}

fn shown<'a>(p: &'a Path, root: &Path) -> &'a Path {
    p.strip_prefix(root).unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn aliases_stay_inside_the_language() {
        assert_eq!(normalise("m/old.html").unwrap(), "m/old.html");
        assert_eq!(normalise("m/old/").unwrap(), "m/old/index.html");
        assert!(normalise("../en/x.html").is_err());
        assert!(normalise("/m/x.html").is_err());
        assert!(normalise("https://x.org/a.html").is_err());
        assert!(normalise("m/old").is_err());
    }
}
