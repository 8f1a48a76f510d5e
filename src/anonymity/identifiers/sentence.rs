//! Where a full stop inside a hit ends a sentence rather than closing an
//! initial or an abbreviation: "peaked in May. Ward managers said" is two
//! sentences, not May Ward's name, while "M. Quillfeather", "Dr.
//! Quillfeather", "St. Brannock's" and "Marjorie.Quillfeather" are one
//! name each. Does not find hits (`matcher.rs`).

/// Words a full stop closes as an abbreviation inside a name (titles,
/// saints, companies, the old short forms of given names), lowercase.
const ABBREVIATIONS: &[&str] = &[
    "bros", "capt", "chas", "cllr", "co", "col", "corp", "dr", "edw", "esq", "fr", "ft", "gen",
    "geo", "hon", "inc", "jas", "jnr", "jos", "jr", "lt", "ltd", "messrs", "mr", "mrs", "ms", "mt",
    "mx", "no", "plc", "prof", "pt", "rd", "rev", "revd", "robt", "rt", "saml", "sgt", "snr", "sr",
    "st", "thos", "wm",
];

/// Whether the full stop at byte `dot` of `text` ends a sentence: it
/// closes a word of two letters or more, some of them small (not an
/// initial, `M.`, nor initials in capitals, `MJ.`), that is no
/// abbreviation ([`ABBREVIATIONS`]) nor the last part of a dotted one
/// (`a.k.a.`), and white space and then a capital follow it. A full stop
/// with no space after it (`Marjorie.Quillfeather`, a handle or an
/// address) ends none.
pub(super) fn ends_sentence_at(text: &str, dot: usize) -> bool {
    if text.as_bytes().get(dot) != Some(&b'.') {
        return false;
    }
    let after = &text[dot + 1..];
    let next = after.trim_start();
    if next.len() == after.len() || !next.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(dot, |(i, _)| i);
    let word = &before[word_start..];
    if word.chars().count() < 2 || !word.chars().any(char::is_lowercase) {
        return false;
    }
    if before[..word_start].ends_with('.') {
        return false;
    }
    let lower = word.to_lowercase();
    !ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_dot(text: &str) -> bool {
        ends_sentence_at(text, text.find('.').unwrap())
    }

    #[test]
    fn a_full_stop_after_a_word_then_a_capital_ends_a_sentence() {
        for text in [
            "peaked in May. Ward managers",
            "We lost hope.  Ward staff",
            "in May.\nWard managers",
            "Quillfeather. Marjorie agreed",
            "Émile. Ward",
        ] {
            assert!(at_dot(text), "{text}");
        }
    }

    #[test]
    fn initials_abbreviations_and_handles_end_none() {
        for text in [
            "M. Quillfeather",
            "Marjorie Q. Quillfeather",
            "Dr. Quillfeather",
            "St. Brannock's",
            "Mrs. Okafor",
            "Marjorie.Quillfeather",
            "MJ. Quillfeather",
            "a.k.a. Midge",
            "in May. ward managers",
            "in May. 2019",
            "May.",
        ] {
            assert!(!at_dot(text), "{text}");
        }
        assert!(!ends_sentence_at("a.k.a. Midge", 5));
        assert!(!ends_sentence_at("May Ward", 3));
    }

    #[test]
    fn the_abbreviations_are_sorted_lowercase() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            ABBREVIATIONS
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }
}
