//! Stop words: the most frequent function words of each language (from the
//! Snowball project's lists, shortened), left out of the index to keep it
//! small. Words of another language are not stop words there.

const EN: &[&str] = &[
    "a", "about", "also", "am", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "here",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or",
    "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "will", "with", "would", "you", "your",
];

const NL: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "doch", "door",
    "dus", "een", "en", "er", "ge", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij",
    "hoe", "hun", "ik", "in", "is", "je", "kan", "maar", "me", "men", "met", "mij", "mijn", "na",
    "naar", "niet", "nog", "nu", "of", "om", "omdat", "ons", "ook", "op", "over", "te", "toch",
    "toen", "tot", "u", "uit", "uw", "van", "voor", "want", "was", "wat", "werd", "wie", "wordt",
    "ze", "zich", "zij", "zijn", "zo", "zou",
];

const DA: &[&str] = &[
    "af", "alle", "at", "blev", "da", "de", "dem", "den", "denne", "der", "deres", "det", "dette",
    "dig", "din", "disse", "dog", "du", "efter", "eller", "en", "end", "er", "et", "for", "fra",
    "ham", "han", "hans", "har", "havde", "have", "hende", "hendes", "her", "hos", "hun", "hvad",
    "hvis", "hvor", "i", "ikke", "ind", "jeg", "jer", "jo", "kunne", "man", "med", "meget", "men",
    "mig", "min", "mit", "mod", "ned", "noget", "nogle", "nu", "når", "og", "også", "om", "op",
    "os", "over", "på", "selv", "sig", "sin", "sine", "sit", "skal", "skulle", "som", "til", "ud",
    "under", "var", "vi", "vil", "ville", "være", "været",
];

const ES: &[&str] = &[
    "a", "al", "algo", "ante", "como", "con", "cual", "cuando", "de", "del", "desde", "donde",
    "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa", "esas",
    "ese", "eso", "esos", "esta", "estas", "este", "esto", "estos", "fue", "ha", "han", "hasta",
    "hay", "la", "las", "le", "les", "lo", "los", "me", "mi", "mis", "muy", "más", "ni", "no",
    "nos", "o", "para", "pero", "por", "porque", "que", "quien", "qué", "se", "ser", "si", "sin",
    "sobre", "son", "su", "sus", "sí", "también", "te", "tu", "tus", "un", "una", "uno", "unos",
    "y", "ya", "yo", "él",
];

const IT: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "anche", "che", "chi", "ci", "come",
    "con", "cui", "da", "dagli", "dai", "dal", "dalla", "dalle", "dallo", "degli", "dei", "del",
    "della", "delle", "dello", "di", "dove", "e", "ed", "era", "essere", "gli", "ha", "hanno", "i",
    "il", "in", "io", "l", "la", "le", "lei", "li", "lo", "loro", "lui", "ma", "mi", "ne", "negli",
    "nei", "nel", "nella", "nelle", "nello", "noi", "non", "o", "per", "perché", "più", "quale",
    "quella", "quelle", "quello", "questa", "queste", "questi", "questo", "se", "si", "sono", "su",
    "sua", "sue", "sugli", "sui", "sul", "sulla", "sulle", "suo", "suoi", "ti", "tra", "un", "una",
    "uno", "vi", "voi", "è",
];

/// The stop words of a language tag (none for languages without a list).
pub fn for_lang(lang: &str) -> &'static [&'static str] {
    match lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "en" => EN,
        "nl" => NL,
        "da" => DA,
        "es" => ES,
        "it" => IT,
        _ => &[],
    }
}
