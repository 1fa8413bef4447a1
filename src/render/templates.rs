//! Tera templates: compiled once, with a `t()` function per language that
//! looks interface strings up in Fluent and reports every miss.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use fluent_bundle::{FluentArgs, FluentValue};
use rayon::prelude::*;
use tera::{Tera, Value};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::locales::Locales;
use crate::load::template_keys::{keys_used_by_template, template_calls};
use crate::load::theme::{Origin, Theme};

use super::memo::Memoized;
use super::template_graph::{Problem, Unit, MAX_DEPTH};

/// Messages that were missing in a language and fell back: (lang, id).
pub type Misses = Arc<Mutex<BTreeSet<(String, String)>>>;

/// One compiled Tera per language (they differ only in their `t` function).
pub struct Templates {
    by_lang: HashMap<String, Tera>,
    pub misses: Misses,
}

/// Where a template came from, for error messages.
fn template_path(theme: &Theme, name: &str) -> PathBuf {
    match theme
        .files
        .get(&format!("templates/{name}"))
        .map(|f| &f.origin)
    {
        Some(Origin::Site(p)) => p.clone(),
        _ => PathBuf::from(format!("(built-in theme)/templates/{name}")),
    }
}

/// Compiles the theme's templates once and makes a copy per language.
/// `extra` are templates of equil's own (name, source) that the caller
/// adds, such as [`super::sidebar::extra_templates`].
pub fn load(
    theme: &Theme,
    locales: &Arc<Locales>,
    languages: &[String],
    source_lang: &str,
    extra: &[(String, String)],
) -> Result<Templates, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    let mut sources = Vec::new();
    for (name, file) in theme.templates() {
        match std::str::from_utf8(&file.bytes) {
            Ok(s) => sources.push((name.to_string(), s.to_string())),
            Err(_) => {
                return Err(vec![Diagnostic::error(
                    Code::Io,
                    "template is not valid UTF-8",
                )
                .at(template_path(theme, name))])
            }
        }
    }
    sources.extend(extra.iter().cloned());
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("css_string", css_string_filter);
    // Templates see only what the page context gives them: nothing of the
    // computer's environment or files.
    tera.register_function("get_env", Unavailable("get_env"));
    if let Err(e) = tera.add_raw_templates(sources.clone()) {
        return Err(vec![tera_error(&e, theme)]);
    }
    let by_name: HashMap<String, String> = sources.into_iter().collect();
    if let Err(problem) = super::template_graph::check(&tera, &by_name) {
        return Err(vec![graph_error(&problem, theme)]);
    }
    let misses: Misses = Arc::default();
    // A copy per language (in parallel: a copy is a deep clone).
    let by_lang = languages
        .par_iter()
        .map(|lang| {
            let mut t = tera.clone();
            t.register_function(
                "t",
                Memoized::new(Translate {
                    lang: lang.clone(),
                    source: source_lang.to_string(),
                    locales: Arc::clone(locales),
                    misses: Arc::clone(&misses),
                }),
            );
            t.register_function(
                "lang_attr",
                super::lang_attr::LangAttr { lang: lang.clone() },
            );
            t.register_function(
                "plural_labels",
                Memoized::new(PluralLabels {
                    lang: lang.clone(),
                    source: source_lang.to_string(),
                    locales: Arc::clone(locales),
                }),
            );
            (lang.clone(), t)
        })
        .collect();
    Ok(Templates { by_lang, misses })
}

/// A Tera built-in taken away from templates (`get_env` would publish the
/// builder's environment, secrets included).
struct Unavailable(&'static str);

impl tera::Function for Unavailable {
    fn call(&self, _args: &HashMap<String, Value>) -> tera::Result<Value> {
        Err(tera::Error::msg(format!(
            "`{}` is not available in equil templates: templates cannot read the environment or files",
            self.0
        )))
    }
}

/// `{{ title | css_string | safe }}`: a quoted CSS string (for `content:`
/// in a `<style>` element), safe against quotes, newlines and `</style>`.
fn css_string_filter(value: &Value, _args: &HashMap<String, Value>) -> tera::Result<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Value::String(css_string(&text)))
}

/// `text` as a double-quoted CSS string.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '<' | '>' | '&') || c.is_control() {
            out.push_str(&format!("\\{:x} ", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Message ids the theme's templates use, with the template that uses each first.
pub fn keys_used(theme: &Theme) -> Vec<(String, PathBuf)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (name, file) in theme.templates() {
        let src = String::from_utf8_lossy(&file.bytes);
        for key in keys_used_by_template(&src) {
            if seen.insert(key.clone()) {
                out.push((key, template_path(theme, name)));
            }
        }
    }
    out
}

/// The variables the theme's templates pass to each message id (the union
/// over every `t()` call of it).
pub fn args_used(theme: &Theme) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let mut out: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for (_, file) in theme.templates() {
        let src = String::from_utf8_lossy(&file.bytes);
        for (key, args) in template_calls(&src) {
            out.entry(key).or_default().extend(args);
        }
    }
    out
}

impl Templates {
    /// Renders `name` in `lang`'s strings.
    pub fn render(
        &self,
        lang: &str,
        name: &str,
        ctx: &tera::Context,
        theme: &Theme,
    ) -> Result<String, Diagnostic> {
        self.tera(lang)?
            .render(name, ctx)
            .map_err(|e| tera_error(&e, theme))
    }

    /// [`Templates::render`] as the bytes to write, without the check of
    /// the whole output that a `String` needs (Tera writes only `str`s).
    pub fn render_bytes(
        &self,
        lang: &str,
        name: &str,
        ctx: &tera::Context,
        theme: &Theme,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera(lang)?
            .render_to(name, ctx, &mut out)
            .map_err(|e| tera_error(&e, theme))?;
        Ok(out)
    }

    fn tera(&self, lang: &str) -> Result<&Tera, Diagnostic> {
        self.by_lang
            .get(lang)
            .or_else(|| self.by_lang.values().next())
            .ok_or_else(|| Diagnostic::error(Code::Template, "no templates loaded"))
    }

    pub fn has(&self, name: &str) -> bool {
        self.by_lang
            .values()
            .next()
            .map(|t| t.get_template_names().any(|n| n == name))
            .unwrap_or(false)
    }
}

/// Rendered bytes as text.
pub fn utf8(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes)
        .map_err(|e| Diagnostic::error(Code::Template, format!("output is not UTF-8: {e}")))
}

/// A Tera error as a diagnostic, with the template's file and line where known.
fn tera_error(e: &tera::Error, theme: &Theme) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        chain.push(s.to_string());
        src = s.source();
    }
    let full = chain.join(": ");
    let name = full
        .split('\'')
        .nth(1)
        .filter(|n| n.ends_with(".html") || n.ends_with(".xml"))
        .map(str::to_string);
    let mut d = Diagnostic::error(Code::Template, full.replace('\n', " "));
    if let Some(n) = name {
        d = d.at(template_path(theme, &n));
    }
    // Tera's parse errors show the position as `--> line:col`.
    if let Some(pos) = full.split("--> ").nth(1) {
        let mut it = pos
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        if let (Some(l), Some(c)) = (it.next(), it.next()) {
            if let (Ok(l), Ok(c)) = (l.parse(), c.parse()) {
                d = d.pos(l, c);
            }
        }
    }
    d
}

/// A loop (or a too deep chain) between templates as a diagnostic at the
/// line that starts it.
fn graph_error(problem: &Problem, theme: &Theme) -> Diagnostic {
    match problem {
        Problem::Cycle(steps) => {
            let first = &steps[0];
            let chain: Vec<String> = steps
                .iter()
                .map(|s| s.from.to_string())
                .chain(std::iter::once(first.from.to_string()))
                .collect();
            let macros = steps.iter().all(|s| matches!(s.from, Unit::Macro { .. }));
            let what = if macros {
                "macros call each other in a loop"
            } else {
                "templates include each other in a loop"
            };
            let help = if macros {
                "equil does not run macros that call themselves (directly or through other macros): they could repeat forever; write the levels out as separate macros, or use a `for` loop"
            } else {
                "remove the include (or macro call) that leads back to where the loop starts"
            };
            let message = match (steps.len(), macros) {
                (1, true) => format!("{} calls itself", first.from),
                (1, false) => format!("{} includes itself", first.from),
                _ => format!("{what}: {}", chain.join(" → ")),
            };
            Diagnostic::error(Code::Template, message)
                .at(template_path(theme, first.from.file()))
                .pos(first.line, 1)
                .help(help)
        }
        Problem::TooDeep(unit) => Diagnostic::error(
            Code::Template,
            format!(
                "{unit} starts a chain of includes and macro calls more than {MAX_DEPTH} levels deep"
            ),
        )
        .at(template_path(theme, unit.file()))
        .help("join some of the templates together; a theme needs only a few levels"),
    }
}

/// `t(key="…", name=value, …)`: a Fluent message in the page's language,
/// falling back to the source language (and recording the miss).
struct Translate {
    lang: String,
    source: String,
    locales: Arc<Locales>,
    misses: Misses,
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"message-id\""))?;
        let mut fargs = FluentArgs::new();
        // `in_lang="nl"`: the message in another language of the site (the
        // 404 page speaks every language).
        let lang = args
            .get("in_lang")
            .and_then(Value::as_str)
            .unwrap_or(&self.lang);
        let mut names: Vec<&String> = args
            .keys()
            .filter(|k| *k != "key" && *k != "in_lang")
            .collect();
        names.sort();
        for name in names {
            let v = &args[name];
            match v {
                Value::Number(n) => match n.as_i64() {
                    Some(i) => fargs.set(name.as_str(), FluentValue::from(i)),
                    None => fargs.set(name.as_str(), FluentValue::from(n.as_f64().unwrap_or(0.0))),
                },
                Value::String(s) => fargs.set(name.as_str(), FluentValue::from(s.clone())),
                Value::Bool(b) => fargs.set(name.as_str(), FluentValue::from(b.to_string())),
                Value::Null => {}
                other => fargs.set(name.as_str(), FluentValue::from(other.to_string())),
            }
        }
        // A language's own name and direction never fall back to the source
        // language's (which would call Portuguese "English").
        if let (Some(l), "lang-name" | "lang-dir") = (self.locales.get(&self.lang), key) {
            return Ok(Value::String(if key == "lang-name" {
                l.native_name.clone()
            } else {
                match l.direction {
                    crate::load::locales::Direction::Rtl => "rtl".to_string(),
                    crate::load::locales::Direction::Ltr => "ltr".to_string(),
                }
            }));
        }
        let args = if fargs.iter().next().is_some() {
            Some(&fargs)
        } else {
            None
        };
        if let Some(s) = self.locales.get(lang).and_then(|l| l.format(key, args)) {
            return Ok(Value::String(s));
        }
        if let Ok(mut m) = self.misses.lock() {
            m.insert((lang.to_string(), key.to_string()));
        }
        match self
            .locales
            .get(&self.source)
            .and_then(|l| l.format(key, args))
        {
            Some(s) => Ok(Value::String(s)),
            None => Err(tera::Error::msg(format!(
                "interface string `{key}` is not defined in any language; add it to locales/{}/",
                self.source
            ))),
        }
    }
}

/// `plural_labels(key="…", var="count")`: the message's text per plural
/// category of the page's language, for counts made in the browser (see
/// [`super::plurals`]); the source language's when the language lacks it.
struct PluralLabels {
    lang: String,
    source: String,
    locales: Arc<Locales>,
}

impl tera::Function for PluralLabels {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("plural_labels() needs key=\"message-id\""))?;
        let var = args.get("var").and_then(Value::as_str).unwrap_or("count");
        let of = |lang: &str| {
            self.locales
                .get(lang)
                .filter(|l| l.has(key))
                .map(|l| super::plurals::labels(l, key, var))
        };
        let labels = of(&self.lang)
            .or_else(|| of(&self.source))
            .unwrap_or_default();
        Ok(serde_json::to_value(labels).unwrap_or(Value::Null))
    }
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn css_strings_are_quoted_and_escaped() {
        assert_eq!(css_string("Co-design"), "\"Co-design\"");
        assert_eq!(
            css_string("a \"b\"\n</style>"),
            "\"a \\22 b\\22 \\a \\3c /style\\3e \""
        );
    }
}
