//! Plural forms in the browser. A count the browser computes (search
//! results) must be written with the language's plural rules, as Fluent
//! would. The theme asks `plural_labels(key=…, var=…)` for the text of the
//! message in each CLDR plural category of the language (with `{count}`
//! where the number goes) and in each exact-number variant (`[0]`), and
//! `Intl.PluralRules` picks one in the browser.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast::{Expression, PatternElement, VariantKey};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::load::locales::LangStrings;

/// What the browser's placeholder for the number looks like.
pub const PLACEHOLDER: &str = "{count}";

/// The text of message `key` per plural category (`one`, `few`, …, as
/// `Intl.PluralRules` names them) and per exact number (`exact-0`), with
/// the variable `var` as [`PLACEHOLDER`]. Empty when the language lacks
/// the message.
pub fn labels(strings: &LangStrings, key: &str, var: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(msg) = strings.bundle.get_message(key) else {
        return out;
    };
    let format = |n: u64| -> Option<String> {
        let mut args = FluentArgs::new();
        args.set(var.to_string(), FluentValue::from(n));
        strings.format(key, Some(&args))
    };
    for (category, n) in samples(&strings.lang) {
        if let Some(text) = format(n) {
            out.insert(category.to_string(), with_placeholder(&text, n));
        }
    }
    if let Some(pattern) = msg.value() {
        for n in exact_keys(pattern) {
            if let Some(text) = format(n) {
                out.insert(format!("exact-{n}"), text);
            }
        }
    }
    out
}

/// For each plural category whole numbers fall in, a number in it: the
/// largest up to 200 (so that an exact variant such as `[1]` is not taken
/// for the category), else the first of a few large ones.
fn samples(lang: &str) -> Vec<(&'static str, u64)> {
    let rules = rules_for(lang);
    let mut found: BTreeMap<&'static str, u64> = BTreeMap::new();
    for n in (0..=200u64).chain([1_000, 10_000, 100_000, 1_000_000]) {
        let Ok(c) = rules.select(n) else { continue };
        let name = category_name(&c);
        match found.get(name) {
            Some(&m) if m <= 200 && n > 200 => {}
            _ => {
                found.insert(name, n);
            }
        }
    }
    found.into_iter().collect()
}

/// The cardinal rules of a language, found as Fluent finds them: the full
/// tag, else its language, else English.
fn rules_for(lang: &str) -> PluralRules {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let language: LanguageIdentifier = id.language.as_str().parse().unwrap_or_default();
    [id, language, "en".parse().unwrap_or_default()]
        .into_iter()
        .find_map(|l| PluralRules::create(l, PluralRuleType::CARDINAL).ok())
        .unwrap_or_else(english_rules)
}

fn english_rules() -> PluralRules {
    // English is always in the CLDR data of intl_pluralrules.
    PluralRules::create(
        "en".parse::<LanguageIdentifier>().unwrap_or_default(),
        PluralRuleType::CARDINAL,
    )
    .unwrap_or_else(|e| panic!("intl_pluralrules has no English rules: {e}"))
}

fn category_name(c: &PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// The whole numbers of the message's exact-number variants (`[0]`, `[1]`).
fn exact_keys(pattern: &fluent_syntax::ast::Pattern<&str>) -> BTreeSet<u64> {
    let mut out = BTreeSet::new();
    for el in &pattern.elements {
        if let PatternElement::Placeable {
            expression: Expression::Select { variants, .. },
        } = el
        {
            for v in variants {
                if let VariantKey::NumberLiteral { value } = &v.key {
                    if let Ok(n) = value.parse::<u64>() {
                        out.insert(n);
                    }
                }
            }
        }
    }
    out
}

/// `text` with the number `n` (as a whole word of digits) replaced by
/// [`PLACEHOLDER`].
fn with_placeholder(text: &str, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(&digits) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + digits.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            out.push_str(&digits);
        } else {
            out.push_str(PLACEHOLDER);
        }
        rest = &rest[i + digits.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::locales::{strings_from_files, FtlFile};

    fn strings(lang: &str, text: &str) -> LangStrings {
        let files = vec![FtlFile {
            path: "x.ftl".into(),
            name: "x.ftl".into(),
            text: text.to_string(),
        }];
        strings_from_files(lang, files, &mut Vec::new())
    }

    #[test]
    fn russian_gets_one_few_and_many() {
        let s = strings(
            "ru",
            "r = { $count ->\n [one] { $count } результат\n [few] { $count } результата\n [many] { $count } результатов\n *[other] { $count } результата\n}\n",
        );
        let l = labels(&s, "r", "count");
        assert_eq!(l["one"], "{count} результат");
        assert_eq!(l["few"], "{count} результата");
        assert_eq!(l["many"], "{count} результатов");
        assert!(
            !l.contains_key("other"),
            "no whole number is `other` in Russian"
        );
    }

    #[test]
    fn french_zero_is_one_and_exact_variants_are_kept() {
        let s = strings(
            "fr",
            "r = { $count ->\n [0] Aucun résultat\n [one] { $count } résultat\n *[other] { $count } résultats\n}\n",
        );
        let l = labels(&s, "r", "count");
        assert_eq!(l["one"], "{count} résultat");
        assert_eq!(l["other"], "{count} résultats");
        assert_eq!(l["exact-0"], "Aucun résultat");
        let s = strings("zh-Hans", "r = 共 { $count } 个结果\n");
        assert_eq!(labels(&s, "r", "count")["other"], "共 {count} 个结果");
    }

    #[test]
    fn only_the_number_itself_is_replaced() {
        assert_eq!(
            with_placeholder("191 of 1910: 191", 191),
            "{count} of 1910: {count}"
        );
    }
}
