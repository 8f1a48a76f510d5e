//! Text a browser lays out right to left. In a paragraph that runs right
//! to left (`dir="rtl"`, `direction: rtl`), or after a word of a
//! right-to-left script (Hebrew, Arabic…) or a mark that makes text so
//! run, numbers parted by spaces are shown in the opposite order to the
//! one they are written in, each number itself left to right (the Unicode
//! bidirectional algorithm): `123 900 07700` is shown `07700 900 123`.
//! Where a page may lay text out so, its lines are also read with each
//! such run of numbers reversed, and in the whole order a browser shows
//! them ([`shown_order`]): brackets, dashes, bullets and dots between
//! numbers are reordered too (red team finding F9: `0958 7946 (020)` in a
//! right-to-left paragraph is shown `(020) 7946 0958`). Owns the
//! `unicode-bidi` dependency.

use regex::Regex;
use std::sync::LazyLock;
use unicode_bidi::{BidiClass, BidiDataSource, BidiInfo, HardcodedBidiData, Level, bidi_class};

/// `text` in the order a browser shows it, left to right on the screen,
/// in a paragraph that runs right to left (`rtl`) or left to right: the
/// Unicode bidirectional algorithm's levels, each run at a right-to-left
/// level written backwards and its brackets mirrored, as a browser draws
/// them. `None` where that is `text` as written.
pub fn shown_order(text: &str, rtl: bool) -> Option<String> {
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(level));
    if !info.has_rtl() {
        return None;
    }
    let mut shown = String::with_capacity(text.len());
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let piece = &text[run.clone()];
            match levels.get(run.start).is_some_and(|l| l.is_rtl()) {
                true => shown.extend(piece.chars().rev().map(mirrored)),
                false => shown.push_str(piece),
            }
        }
    }
    (shown != text).then_some(shown)
}

/// The bracket a browser draws for `c` in text running right to left:
/// the other of its pair (Unicode's list of paired brackets, which pairs
/// each with one a code point or two on), or `c` itself.
fn mirrored(c: char) -> char {
    let data = HardcodedBidiData;
    let Some(bracket) = data.bidi_matched_opening_bracket(c) else {
        return c;
    };
    if !bracket.is_open {
        return bracket.opening;
    }
    (1..=3)
        .filter_map(|step| char::from_u32(u32::from(c) + step))
        .find(|&other| {
            data.bidi_matched_opening_bracket(other)
                .is_some_and(|b| !b.is_open && b.opening == bracket.opening)
        })
        .unwrap_or(c)
}

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

    /// Red team finding F9: numbers written backwards, parted by
    /// brackets, dashes, bullets or dots, shown in the right order.
    #[test]
    fn lines_are_read_in_the_order_a_browser_shows_them() {
        let rtl = |text: &str| shown_order(text, true);
        assert_eq!(rtl("0958 7946 (020)").as_deref(), Some("(020) 7946 0958"));
        assert_eq!(rtl("900123 – 07700").as_deref(), Some("07700 – 900123"));
        assert_eq!(rtl("900123 • 07700").as_deref(), Some("07700 • 900123"));
        assert_eq!(rtl("123·900·07700").as_deref(), Some("07700·900·123"));
        assert_eq!(rtl("[1] 2").as_deref(), Some("2 [1]"));
        // Hebrew words around the number turn it in a left-to-right
        // paragraph too (the Hebrew drawn in the order shown).
        let shown = shown_order("Shalom שלום 0958 7946 (020) שלום today.", false).unwrap();
        assert!(shown.contains("(020) 7946 0958"), "{shown}");
        // Latin text in a right-to-left paragraph keeps its order.
        assert_eq!(rtl("call 123 900 07700 now"), None);
        assert_eq!(shown_order("café (1) 2", false), None);
    }

    #[test]
    fn brackets_are_mirrored_as_drawn() {
        for (c, m) in [
            ('(', ')'),
            (')', '('),
            ('[', ']'),
            ('{', '}'),
            ('⁅', '⁆'),
            ('〈', '〉'),
        ] {
            assert_eq!(mirrored(c), m);
        }
        assert_eq!(mirrored('a'), 'a');
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
