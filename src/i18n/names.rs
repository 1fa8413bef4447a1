//! A small table of languages' own names (endonyms) and directions, for the
//! `lang-name` of a language created with `equil i18n add`.

/// (tag, the language's name in itself, right-to-left).
const TABLE: &[(&str, &str, bool)] = &[
    ("ar", "العربية", true),
    ("bg", "Български", false),
    ("bs", "Bosanski", false),
    ("ca", "Català", false),
    ("ckb", "کوردی", true),
    ("cs", "Čeština", false),
    ("cy", "Cymraeg", false),
    ("da", "Dansk", false),
    ("de", "Deutsch", false),
    ("el", "Ελληνικά", false),
    ("en", "English", false),
    ("es", "Español", false),
    ("et", "Eesti", false),
    ("eu", "Euskara", false),
    ("fa", "فارسی", true),
    ("fi", "Suomi", false),
    ("fo", "Føroyskt", false),
    ("fr", "Français", false),
    ("fy", "Frysk", false),
    ("ga", "Gaeilge", false),
    ("gd", "Gàidhlig", false),
    ("gl", "Galego", false),
    ("he", "עברית", true),
    ("hi", "हिन्दी", false),
    ("hr", "Hrvatski", false),
    ("hu", "Magyar", false),
    ("hy", "Հայերեն", false),
    ("is", "Íslenska", false),
    ("it", "Italiano", false),
    ("ja", "日本語", false),
    ("ka", "ქართული", false),
    ("kl", "Kalaallisut", false),
    ("ko", "한국어", false),
    ("ku", "Kurdî", false),
    ("lb", "Lëtzebuergesch", false),
    ("lt", "Lietuvių", false),
    ("lv", "Latviešu", false),
    ("mk", "Македонски", false),
    ("mt", "Malti", false),
    ("nb", "Norsk bokmål", false),
    ("nl", "Nederlands", false),
    ("nn", "Norsk nynorsk", false),
    ("no", "Norsk", false),
    ("pl", "Polski", false),
    ("ps", "پښتو", true),
    ("pt", "Português", false),
    ("pt-BR", "Português (Brasil)", false),
    ("pt-PT", "Português (Portugal)", false),
    ("ro", "Română", false),
    ("ru", "Русский", false),
    ("se", "Davvisámegiella", false),
    ("sk", "Slovenčina", false),
    ("sl", "Slovenščina", false),
    ("so", "Soomaali", false),
    ("sq", "Shqip", false),
    ("sr", "Српски", false),
    ("sv", "Svenska", false),
    ("ti", "ትግርኛ", false),
    ("tr", "Türkçe", false),
    ("uk", "Українська", false),
    ("ur", "اردو", true),
    ("vi", "Tiếng Việt", false),
    ("yi", "ייִדיש", true),
    ("zh", "中文", false),
];

/// A language's own name and direction, by its full tag (`pt-BR`) or else
/// by its language subtag (`es-MX` → `es`). `None` when the table does not
/// know it.
pub fn native(tag: &str) -> Option<(&'static str, bool)> {
    let find = |t: &str| {
        TABLE
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(t))
            .map(|(_, n, r)| (*n, *r))
    };
    find(tag).or_else(|| find(tag.split('-').next().unwrap_or(tag)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_tag_then_language() {
        assert_eq!(native("pt"), Some(("Português", false)));
        assert_eq!(native("pt-BR"), Some(("Português (Brasil)", false)));
        assert_eq!(native("es-MX"), Some(("Español", false)));
        assert_eq!(native("ar"), Some(("العربية", true)));
        assert_eq!(native("xh"), None);
        let mut tags: Vec<&str> = TABLE.iter().map(|t| t.0).collect();
        let n = tags.len();
        tags.sort();
        tags.dedup();
        assert_eq!(tags.len(), n, "no tag twice");
    }
}
