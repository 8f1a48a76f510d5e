//! Ordinary English words that a person's initial and last name run
//! together may spell ("along" for Alan Long, "shall" for Sam Hall,
//! "brown" for Nina Brow, "lower" for Rachel Lowe): such a form is read only where the capital of
//! the name shows the join (`ALong`, `HallS`), as a reader reads "along"
//! in every sentence. The words are in `ordinary_words.txt`, which says
//! how they were made. Does not decide where the rule applies
//! (`terms.rs`, `matcher.rs`).

use std::sync::LazyLock;

/// The words of `ordinary_words.txt`, sorted, for a binary search.
static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("ordinary_words.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Whether `word` (normalised: lowercase) is an ordinary English word
/// that an initial and a last name run together may spell.
pub(crate) fn is_ordinary_word(word: &str) -> bool {
    WORDS.binary_search(&word).is_ok()
}

/// The words of `four_letter_words.txt`, sorted, for a binary search.
static FOUR_LETTERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("four_letter_words.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Whether `word` (lowercase) is an ordinary English word of four
/// letters, which a role's initials may spell (`salt`): such initials
/// are read in a quote's words only in capitals.
pub(crate) fn is_four_letter_word(word: &str) -> bool {
    FOUR_LETTERS.binary_search(&word).is_ok()
}

/// Ordinary words that name a place, a room or a group by a letter after
/// them, as wards, halls and bays are signed ("Ward C", "Hall B", "Block
/// D", "Phase B"), lowercase, sorted.
const NAMED_BY_A_LETTER: &[&str] = &[
    "annex", "appendix", "area", "arm", "band", "bay", "bed", "block", "building", "class",
    "clinic", "corridor", "court", "door", "entrance", "field", "figure", "flat", "floor", "gate",
    "grade", "group", "hall", "house", "lane", "level", "lodge", "option", "park", "part", "phase",
    "plan", "pod", "room", "section", "site", "stage", "street", "suite", "table", "team",
    "theatre", "tower", "type", "unit", "ward", "wave", "wing", "yard", "zone",
];

/// Whether `word` (normalised: lowercase) is an ordinary word that names
/// a place, a room or a group by a letter after it ("Ward C", "Hall B"):
/// a last name that is such a word, with one capital after it and no
/// comma between, is read as the place, not as an author in a
/// reference list (`matcher.rs`).
pub(super) fn names_by_a_letter(word: &str) -> bool {
    NAMED_BY_A_LETTER.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_that_name_by_a_letter_are_sorted_ordinary_words() {
        assert!(NAMED_BY_A_LETTER.windows(2).all(|w| w[0] < w[1]));
        for word in NAMED_BY_A_LETTER {
            assert!(
                is_ordinary_word(word) || is_four_letter_word(word) || word.len() < 4,
                "{word}"
            );
        }
        assert!(names_by_a_letter("ward") && names_by_a_letter("hall"));
        for word in ["quillfeather", "smith", "Ward", "wards"] {
            assert!(!names_by_a_letter(word), "{word}");
        }
    }

    #[test]
    fn the_words_are_sorted_lowercase_letters() {
        assert!(WORDS.len() > 5000);
        assert!(WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            WORDS
                .iter()
                .all(|w| w.len() >= 5 && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
        for word in [
            "along", "shall", "train", "brown", "woody", "around", "lower", "gross", "carry",
        ] {
            assert!(is_ordinary_word(word), "{word}");
        }
        for word in ["mquillfeather", "quillfeatherm", "jsmith", "Along"] {
            assert!(!is_ordinary_word(word), "{word}");
        }
    }

    #[test]
    fn the_four_letter_words_are_sorted_lowercase_letters() {
        assert!(FOUR_LETTERS.len() > 1500);
        assert!(FOUR_LETTERS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            FOUR_LETTERS
                .iter()
                .all(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_lowercase()))
        );
        assert!(is_four_letter_word("salt") && is_four_letter_word("ward"));
        for initials in ["cmhn", "rnld", "hcsw", "amhp", "Salt"] {
            assert!(!is_four_letter_word(initials), "{initials}");
        }
    }
}
