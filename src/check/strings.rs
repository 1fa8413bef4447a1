//! Checks of the interface strings: every message the theme uses exists in
//! the source language (and, with a warning, in the others), and every
//! message of every language goes through the Fluent resolver with the
//! variables it will be given, so that a mistake is reported instead of
//! printed on the page as `{$naam}`. Mistakes are errors in the source
//! language and warnings in the others (whose readers then see the text
//! with the mistake, which is still better than no build).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::resolver::errors::{ReferenceKind, ResolverError};
use fluent_bundle::{FluentArgs, FluentError, FluentValue};
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::locales::LangStrings;
use crate::model::Site;
use crate::render::problems::where_to_add;
use crate::render::templates;

/// Runs every check of the interface strings.
pub fn validate(site: &Site, diags: &mut Vec<Diagnostic>) {
    let used = templates::keys_used(&site.theme);
    let args = templates::args_used(&site.theme);
    missing(site, &used, diags);
    resolve_all(site, &args, diags);
    unnamed(site, diags);
}

/// A language neither its Fluent files nor CLDR name would be shown in the
/// language menu by its bare code.
fn unnamed(site: &Site, diags: &mut Vec<Diagnostic>) {
    for lang in &site.languages {
        if !lang.name.eq_ignore_ascii_case(&lang.code) {
            continue;
        }
        let folder =
            crate::load::locales::folder_of(&site.root, &lang.code).unwrap_or(lang.code.clone());
        diags.push(
            Diagnostic::warning(
                Code::FluentMissing,
                format!(
                    "the language menu calls `{0}` just `{0}`: its name is not known",
                    lang.code
                ),
            )
            .at(format!("locales/{folder}"))
            .help(format!(
                "add `lang-name = …`, the language's name in itself, to locales/{folder}/main.ftl"
            )),
        );
    }
}

/// Every message the theme uses must exist in the source language; in the
/// other languages a missing one falls back with a warning.
fn missing(site: &Site, keys: &[(String, PathBuf)], diags: &mut Vec<Diagnostic>) {
    for (key, template) in keys {
        let in_source = site
            .locales
            .get(&site.source_lang)
            .map(|l| l.has(key))
            .unwrap_or(false);
        if !in_source {
            let anywhere = site.locales.langs.values().any(|l| l.has(key));
            diags.push(
                Diagnostic::error(
                    Code::FluentMissing,
                    if anywhere {
                        format!("interface string `{key}` is missing in the source language `{}`", site.source_lang)
                    } else {
                        format!("interface string `{key}` is used by the theme but defined in no language")
                    },
                )
                .at(template)
                .help(where_to_add(site, &site.source_lang, key)),
            );
            continue;
        }
        for lang in &site.languages {
            // A language's name and direction come from CLDR when it has none.
            if lang.code == site.source_lang || matches!(key.as_str(), "lang-name" | "lang-dir") {
                continue;
            }
            let has = site
                .locales
                .get(&lang.code)
                .map(|l| l.has(key))
                .unwrap_or(false);
            if !has {
                diags.push(
                    Diagnostic::warning(
                        Code::FluentMissing,
                        format!(
                            "interface string `{key}` is missing in `{}`; the {} text is shown",
                            lang.code, site.source_lang
                        ),
                    )
                    .at(format!(
                        "locales/{}",
                        crate::load::locales::folder_of(&site.root, &lang.code)
                            .unwrap_or(lang.code.clone())
                    ))
                    .help(where_to_add(site, &lang.code, key)),
                );
            }
        }
    }
}

/// Formats every message (value and attributes) of every language with the
/// variables it will get, and reports what the resolver could not resolve.
fn resolve_all(
    site: &Site,
    template_args: &BTreeMap<String, BTreeSet<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    let source = site.locales.get(&site.source_lang);
    for lang in &site.languages {
        let Some(strings) = site.locales.get(&lang.code) else {
            continue;
        };
        let is_source = lang.code == site.source_lang;
        for id in &strings.ids {
            // The variables the message will be given: those the templates
            // pass, and (in a translation) those the source message uses.
            let passed = template_args.get(id);
            let mut vars: BTreeSet<String> = passed.cloned().unwrap_or_default();
            match (is_source, source.and_then(|s| variables_of(s, id))) {
                (false, Some(v)) => vars.extend(v),
                // Nothing to compare with: the message's own variables are taken as given.
                (_, own) if passed.is_none() => vars.extend(
                    own.or_else(|| variables_of(strings, id))
                        .unwrap_or_default(),
                ),
                _ => {}
            }
            for problem in resolve(strings, id, &vars) {
                diags.push(report(strings, id, &problem, is_source, &vars));
            }
        }
    }
}

/// The variables a message uses (in its value and attributes).
fn variables_of(strings: &LangStrings, id: &str) -> Option<BTreeSet<String>> {
    let msg = strings.bundle.get_message(id)?;
    let mut out = BTreeSet::new();
    if let Some(p) = msg.value() {
        pattern_variables(p, &mut out);
    }
    for a in msg.attributes() {
        pattern_variables(a.value(), &mut out);
    }
    Some(out)
}

fn pattern_variables(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_variables(i, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for n in &arguments.named {
                inline_variables(&n.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// What the resolver could not resolve in message `id` given `vars`.
fn resolve(strings: &LangStrings, id: &str, vars: &BTreeSet<String>) -> Vec<ResolverError> {
    let Some(msg) = strings.bundle.get_message(id) else {
        return Vec::new();
    };
    let mut args = FluentArgs::new();
    for v in vars {
        args.set(v.clone(), FluentValue::from(2));
    }
    let mut errors: Vec<FluentError> = Vec::new();
    if let Some(p) = msg.value() {
        strings.bundle.format_pattern(p, Some(&args), &mut errors);
    }
    for a in msg.attributes() {
        strings
            .bundle
            .format_pattern(a.value(), Some(&args), &mut errors);
    }
    let mut out: Vec<ResolverError> = Vec::new();
    for e in errors {
        if let FluentError::ResolverError(r) = e {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// A resolver problem as a diagnostic at the message's definition.
fn report(
    strings: &LangStrings,
    id: &str,
    problem: &ResolverError,
    is_source: bool,
    vars: &BTreeSet<String>,
) -> Diagnostic {
    let (message, help) = explain(id, problem, vars);
    let mut d = if is_source {
        Diagnostic::error(Code::FluentReference, message)
    } else {
        Diagnostic::warning(Code::FluentReference, message)
    };
    match strings.origins.get(id) {
        Some((path, line)) => d = d.at(path).pos(*line, 1),
        None => d = d.at(Path::new("locales").join(&strings.lang)),
    }
    d.help(help)
}

fn explain(id: &str, problem: &ResolverError, vars: &BTreeSet<String>) -> (String, String) {
    let given = || {
        if vars.is_empty() {
            "this message is given no variables".to_string()
        } else {
            format!(
                "this message is given {}",
                vars.iter()
                    .map(|v| format!("`${v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    };
    match problem {
        ResolverError::Reference(ReferenceKind::Variable { id: v }) => (
            format!(
                "message `{id}` uses the unknown variable `${v}`; it would be printed as {{${v}}}"
            ),
            match crate::diagnostics::suggest(v, vars.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `${s}`? ({})", given()),
                None => given(),
            },
        ),
        ResolverError::Reference(ReferenceKind::Term { id: t, attribute }) => (
            format!(
                "message `{id}` refers to the term `-{t}{}`, which is not defined",
                attribute
                    .as_deref()
                    .map(|a| format!(".{a}"))
                    .unwrap_or_default()
            ),
            format!("define `-{t} = …` in this language's files, or correct the name"),
        ),
        ResolverError::Reference(ReferenceKind::Message { id: m, attribute }) => (
            format!(
                "message `{id}` refers to the message `{m}{}`, which is not defined",
                attribute
                    .as_deref()
                    .map(|a| format!(".{a}"))
                    .unwrap_or_default()
            ),
            format!("define `{m} = …` in this language's files, or correct the name"),
        ),
        ResolverError::Reference(ReferenceKind::Function { id: f }) => (
            format!("message `{id}` calls the function `{f}()`, which equil does not have"),
            "write the text without the function".to_string(),
        ),
        ResolverError::Cyclic => (
            format!("message `{id}` refers to itself, directly or through other messages"),
            "break the circle: one of the messages must have text of its own".to_string(),
        ),
        other => (
            format!("message `{id}` cannot be shown: {other}"),
            "correct the message so that every variant has text".to_string(),
        ),
    }
}
