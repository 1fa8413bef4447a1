//! Languages' own names (endonyms) and writing directions, from CLDR data
//! (ICU4X): what the language switcher and chooser show for a language
//! whose Fluent files do not name it, and what `equil i18n add` writes as
//! its `lang-name`. Script and region variants get names of their own
//! (`zh-Hans` 简体中文, `zh-Hant` 繁體中文, `pt-BR` Português (Brasil)).

use icu_locale::names::{
    DisplayNamesPreferences, LanguageIdentifierDisplayName, LanguageIdentifierDisplayNameOptions,
};
use icu_locale::{LanguageIdentifier, Locale, LocaleDirectionality};
use writeable::TryWriteable;

/// The language's name in itself, as it starts an item of a language menu
/// (first letter capitalised: `dansk` → `Dansk`), or `None` when CLDR does
/// not know the language.
pub fn native_name(tag: &str) -> Option<String> {
    let id: LanguageIdentifier = tag.parse().ok()?;
    let locale: Locale = id.clone().into();
    let prefs = DisplayNamesPreferences::from(&locale);
    let options = LanguageIdentifierDisplayNameOptions::default();
    let name = LanguageIdentifierDisplayName::try_new_heavy(prefs, id, options).ok()?;
    let mut out = String::new();
    match name.as_borrowed().try_write_to(&mut out) {
        Ok(Ok(())) => Some(capitalise(&out)),
        // CLDR does not know the language: only its code would be written.
        _ => None,
    }
}

/// Whether the language is written right to left (from its likely script).
pub fn is_rtl(tag: &str) -> bool {
    tag.parse::<LanguageIdentifier>()
        .map(|id| LocaleDirectionality::new_common().is_right_to_left(&id))
        .unwrap_or(false)
}

/// A language's own name and direction, for a new language's `lang-name`.
pub fn native(tag: &str) -> Option<(String, bool)> {
    native_name(tag).map(|n| (n, is_rtl(tag)))
}

fn capitalise(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_in_its_own_words() {
        let name = |t: &str| native_name(t).unwrap_or_else(|| panic!("no name for {t}"));
        assert_eq!(name("nl"), "Nederlands");
        assert_eq!(name("da"), "Dansk");
        assert_eq!(name("es"), "Español");
        assert_eq!(name("zh-Hans"), "简体中文");
        assert_eq!(name("zh-Hant"), "繁體中文");
        assert_eq!(name("pt-BR"), "Português (Brasil)");
        assert_eq!(name("ta"), "தமிழ்");
        assert_eq!(name("hi"), "हिन्दी");
        assert_eq!(name("pcm"), "Naijíriá Píjin");
        assert_eq!(native_name("tlh"), None, "no bare code as a name");
    }

    #[test]
    fn directions_come_from_the_script() {
        assert!(is_rtl("fa"));
        assert!(is_rtl("ar"));
        assert!(is_rtl("he"));
        assert!(!is_rtl("zh-Hans"));
        assert!(!is_rtl("nl"));
        assert_eq!(native("ur").map(|(_, r)| r), Some(true));
    }
}
