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
pub(super) fn is_ordinary_word(word: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
