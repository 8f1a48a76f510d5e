//! Text a browser lays out right to left. In a paragraph that runs right
//! to left (`dir="rtl"`, `direction: rtl`), or after a word of a
//! right-to-left script (Hebrew, Arabic…) or a mark that makes text so
//! run, numbers parted by spaces are shown in the opposite order to the
//! one they are written in, each number itself left to right (the Unicode
//! bidirectional algorithm): `123 900 07700` is shown `07700 900 123`.
//! Where a page may lay text out so, its lines are also read with each
//! such run of numbers reversed. Owns the `unicode-bidi` dependency.

use regex::Regex;
use std::sync::LazyLock;
use unicode_bidi::{BidiClass, bidi_class};

/// Whether `text` holds a character that makes the text around it run
/// right to left: a letter of a right-to-left script, or a mark,
/// embedding, override or isolate that does (RLM, ALM, RLE, RLO, RLI).
pub fn turns_right_to_left(text: &str) -> bool {
    !text.is_ascii()
        && text.chars().any(|c| {
            !c.is_ascii()
                && matches!(
                    bidi_class(c),
                    BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
                )
        })
}

/// A run of two or more numbers parted by white space (a number's own
/// separators, `-`, `.`, `,`, `/`, `:` or `+` between digits, keep it one
/// number, left to right).
static RUN: LazyLock<Regex> = LazyLock::new(|| {
    let number = r"\d+(?:[-.,/:+]\d+)*";
    Regex::new(&format!(r"{number}(?:\s+{number})+")).expect("a valid pattern")
});

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[-.,/:+]\d+)*").expect("a valid pattern"));

/// `line` with the numbers of each run of them parted by spaces in the
/// opposite order, as a right-to-left paragraph shows them; `None` where
/// it has no such run.
pub fn numbers_reversed(line: &str) -> Option<String> {
    if !RUN.is_match(line) {
        return None;
    }
    let reversed = RUN.replace_all(line, |run: &regex::Captures| {
        let numbers: Vec<&str> = NUMBER.find_iter(&run[0]).map(|m| m.as_str()).collect();
        numbers.into_iter().rev().collect::<Vec<_>>().join(" ")
    });
    Some(reversed.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parted_by_spaces_are_read_in_the_order_shown() {
        assert_eq!(
            numbers_reversed("call 123 900 07700 now").as_deref(),
            Some("call 07700 900 123 now")
        );
        assert_eq!(
            numbers_reversed("5919 476 943, or 07700-900 12").as_deref(),
            Some("943 476 5919, or 12 07700-900")
        );
        assert_eq!(numbers_reversed("one 2019 report"), None);
    }

    #[test]
    fn right_to_left_letters_and_marks_are_found() {
        for text in [
            "שלום",
            "مرحبا",
            "a\u{200F}b",
            "\u{061C}",
            "\u{202B}x",
            "\u{2067}",
        ] {
            assert!(turns_right_to_left(text), "{text:?}");
        }
        for text in ["hello", "café – “quoted”", "\u{200E}", "١٢٣"] {
            assert!(!turns_right_to_left(text), "{text:?}");
        }
    }
}
