//! Honorific-led capitalised words that look like a person's name ("Mrs
//! Patel", "Dr A. Okafor"), for a warning. Listed names are the
//! identifiers' to find.

use super::regex;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// An honorific, capitalised, with or without a dot, then (after optional
/// initials) one or more capitalised words (a capital, then letters,
/// apostrophes or hyphens, ending in a lowercase letter), separated by spaces
/// or a single line break.
static NAME_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    let sep = r"(?:[\ \t\u{a0}]+(?:\r?\n[\ \t\u{a0}]*)?|\r?\n[\ \t\u{a0}]*)";
    let word = r"\p{Lu}[\p{L}\p{M}'’\-]*\p{Ll}";
    regex(&format!(
        r"(?x)(?-u:\b)(?:Professor|Prof|Mrs|Mr|Ms|Mx|Miss|Dr|Sister|Nurse|Sir|Dame|Lord|Lady|Revd|Rev|Cllr)(?-u:\b)\.?
        (?:{sep}\p{{Lu}}\.?)* (?:{sep}{word})+"
    ))
});

static NAME_WORD: LazyLock<Regex> = LazyLock::new(|| regex(r"\p{Lu}[\p{L}\p{M}'’\-]*\p{Ll}"));

/// Capitalised words that follow honorifics without being names ("Nurse
/// Practitioner", "Dr Who"); a name-like sequence stops at the first of them.
const NOT_NAMES: &[&str] = &[
    "The",
    "And",
    "Or",
    "Of",
    "Who",
    "Madam",
    "Mayor",
    "Nurse",
    "Nurses",
    "Practitioner",
    "Practitioners",
    "Manager",
    "Managers",
    "Lead",
    "Leads",
    "Specialist",
    "Specialists",
    "Consultant",
    "Consultants",
    "Registrar",
    "Registrars",
    "Associate",
    "Associates",
    "Assistant",
    "Assistants",
    "Team",
    "Teams",
];

/// Honorific-led capitalised word sequences that look like personal names:
/// "Mrs Patel", "Dr. Okafor", "Dr Ama Okafor", "Dr A. Okafor". Not "Dr [name]",
/// "Mr and Mrs", "Mrs A" (a single-letter pseudonym) or a lowercase word. The
/// range runs from the honorific to the last name word, without a possessive.
pub fn find_name_like(text: &str) -> Vec<Range<usize>> {
    NAME_LIKE
        .find_iter(text)
        .filter_map(|m| {
            let last = NAME_WORD
                .find_iter(m.as_str())
                .skip_while(|w| w.start() == 0)
                .take_while(|w| !NOT_NAMES.contains(&w.as_str()))
                .last()?;
            let word = last.as_str();
            let word = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            Some(m.start()..m.start() + last.start() + word.len())
        })
        .collect()
}
