//! Glossaries: `content/<lang>/glossary.yaml`, a map from a stable term id
//! (shared by every language) to the term, its definition, accepted
//! synonyms and forms to avoid (CONVENTIONS format 3, TRANSLATING.md).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::content::CONTENT_DIR;
pub use super::content::GLOSSARY_FILE;
use super::yaml;
use crate::diagnostics::{suggest, Code, Diagnostic};

/// One entry as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: String,
    definition: String,
    #[serde(default)]
    synonyms: Vec<String>,
    #[serde(default)]
    avoid: Vec<String>,
}

/// One term of one language.
#[derive(Debug, Clone, Hash)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub definition: String,
    pub synonyms: Vec<String>,
    pub avoid: Vec<String>,
    /// File line of the entry's id.
    pub line: usize,
}

impl Term {
    /// Every accepted form: the term, then its synonyms.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.synonyms.iter().map(String::as_str))
    }
}

/// One language's glossary.
#[derive(Debug, Clone, Hash)]
pub struct Glossary {
    pub lang: String,
    /// Relative to the site folder: `content/nl/glossary.yaml`.
    pub path: PathBuf,
    pub terms: BTreeMap<String, Term>,
}

/// The glossaries of the site's languages.
#[derive(Debug, Clone, Default, Hash)]
pub struct Glossaries {
    pub source_lang: String,
    pub by_lang: BTreeMap<String, Glossary>,
}

impl Glossaries {
    /// The source language's glossary: the ids every language shares.
    pub fn source(&self) -> Option<&Glossary> {
        self.by_lang.get(&self.source_lang)
    }

    /// Whether the site has a glossary (pages `<lang>/glossary.html`).
    pub fn exists(&self) -> bool {
        self.source().is_some_and(|g| !g.terms.is_empty())
    }

    /// Term `id` in `lang`, or in the source language (`true`: a fallback).
    pub fn term(&self, lang: &str, id: &str) -> Option<(&Term, bool)> {
        if let Some(t) = self.by_lang.get(lang).and_then(|g| g.terms.get(id)) {
            return Some((t, false));
        }
        self.source()?
            .terms
            .get(id)
            .map(|t| (t, lang != self.source_lang))
    }

    /// Source ids that `lang`'s glossary does not translate, sorted.
    pub fn missing(&self, lang: &str) -> Vec<String> {
        let Some(src) = self.source() else {
            return Vec::new();
        };
        let own = self.by_lang.get(lang);
        src.terms
            .keys()
            .filter(|id| !own.is_some_and(|g| g.terms.contains_key(*id)))
            .cloned()
            .collect()
    }
}

/// Reads the glossary of every language in `langs` that has one.
pub fn load(
    root: &Path,
    langs: &[String],
    source_lang: &str,
    diags: &mut Vec<Diagnostic>,
) -> Glossaries {
    let mut out = Glossaries {
        source_lang: source_lang.to_string(),
        by_lang: BTreeMap::new(),
    };
    for lang in langs {
        let rel = Path::new(CONTENT_DIR).join(lang).join(GLOSSARY_FILE);
        let text = match std::fs::read(root.join(&rel)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    diags.push(
                        Diagnostic::error(Code::Io, "file is not valid UTF-8")
                            .at(&rel)
                            .help("save the file as UTF-8 in your editor"),
                    );
                    continue;
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                diags.push(Diagnostic::error(Code::Io, format!("cannot read: {e}")).at(&rel));
                continue;
            }
        };
        if let Some(g) = parse(lang, &rel, &text, diags) {
            out.by_lang.insert(lang.clone(), g);
        }
    }
    check_ids(&out, diags);
    out
}

/// Parses one glossary file's text. `None` when it is not valid.
pub fn parse(lang: &str, path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Glossary> {
    let raw: BTreeMap<String, RawTerm> = match yaml::parse(text, path, 1, Code::Glossary) {
        Ok(r) => r,
        Err(mut d) => {
            d.help.get_or_insert_with(|| {
                "each entry is `id:` with `term:` and `definition:` below it, and optional `synonyms: [...]` and `avoid: [...]`".into()
            });
            diags.push(d);
            return None;
        }
    };
    let lines = id_lines(text);
    let mut terms = BTreeMap::new();
    let mut ok = true;
    for (id, r) in raw {
        let line = lines.get(&id).copied().unwrap_or(1);
        let at = |d: Diagnostic| d.at(path).pos(line, 1);
        if !is_valid_id(&id) {
            diags.push(at(Diagnostic::error(
                Code::Glossary,
                format!("glossary id `{id}` is not lowercase letters, digits and `-`"),
            )
            .help(
                "ids are shared by every language and used in links, e.g. `job-coach`",
            )));
            ok = false;
        }
        if r.term.trim().is_empty() || r.definition.trim().is_empty() {
            diags.push(at(Diagnostic::error(
                Code::Glossary,
                format!("glossary entry `{id}` has an empty `term` or `definition`"),
            )
            .help(
                "write the term and a one- or two-sentence definition in this language",
            )));
            ok = false;
        }
        let clean = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        terms.insert(
            id.clone(),
            Term {
                id,
                term: r.term.trim().to_string(),
                definition: r.definition.trim().to_string(),
                synonyms: clean(r.synonyms),
                avoid: clean(r.avoid),
                line,
            },
        );
    }
    ok.then(|| Glossary {
        lang: lang.to_string(),
        path: path.to_path_buf(),
        terms,
    })
}

/// Ids in a translation's glossary that the source glossary does not have.
fn check_ids(g: &Glossaries, diags: &mut Vec<Diagnostic>) {
    let Some(src) = g.source() else {
        if let Some(other) = g.by_lang.values().next() {
            diags.push(
                Diagnostic::warning(
                    Code::Glossary,
                    format!(
                        "the source language `{}` has no glossary, so this one is not used",
                        g.source_lang
                    ),
                )
                .at(&other.path)
                .help(format!(
                    "create content/{}/{GLOSSARY_FILE} with the same ids",
                    g.source_lang
                )),
            );
        }
        return;
    };
    for gl in g.by_lang.values().filter(|gl| gl.lang != g.source_lang) {
        for t in gl.terms.values() {
            if src.terms.contains_key(&t.id) {
                continue;
            }
            let mut d = Diagnostic::warning(
                Code::Glossary,
                format!(
                    "glossary id `{}` is not in the source glossary {}; it is not shown",
                    t.id,
                    src.path.display()
                ),
            )
            .at(&gl.path)
            .pos(t.line, 1);
            d = match suggest(&t.id, src.terms.keys().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help("add the term to the source glossary first"),
            };
            diags.push(d);
        }
    }
}

/// An id: lowercase letters (any script), digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || (c.is_alphabetic() && !c.is_uppercase()))
}

/// The file line of each top-level key (`id:` at the start of a line).
fn id_lines(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            out.entry(key.to_string()).or_insert(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Glossary>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let g = parse("en", Path::new("content/en/glossary.yaml"), text, &mut d);
        (g, d)
    }

    #[test]
    fn entries_with_lines_and_forms() {
        let (g, d) = parse_str(
            "# terms\njob-coach:\n  term: job coach\n  definition: Supports people.\n  synonyms: [employment specialist]\nstigma:\n  term: stigma\n  definition: Labels.\n  avoid: [\"the mentally ill\"]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let g = g.unwrap();
        assert_eq!(g.terms["job-coach"].line, 2);
        assert_eq!(g.terms["stigma"].line, 6);
        assert_eq!(
            g.terms["job-coach"].forms().collect::<Vec<_>>(),
            ["job coach", "employment specialist"]
        );
        assert_eq!(g.terms["stigma"].avoid, ["the mentally ill"]);
    }

    #[test]
    fn bad_entries_are_reported_at_their_line() {
        let (g, d) =
            parse_str("ok:\n  term: a\n  definition: b\nBad_Id:\n  term: x\n  definition: y\n");
        assert!(g.is_none());
        assert_eq!(d[0].code, Code::Glossary);
        assert_eq!(d[0].line, Some(4));
        let (_, d) = parse_str("a:\n  term: a\n  defintion: b\n");
        assert_eq!(d[0].code, Code::Glossary);
        assert_eq!(d[0].line, Some(3), "{d:?}");
    }
}
