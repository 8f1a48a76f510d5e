//! Letters a reader reads as others: the apostrophes, the Cyrillic and
//! Greek letters shaped like Latin ones, and letters with a stroke that do
//! not decompose. Does not normalise a text (`normalise.rs`).

pub(super) use crate::reading::{is_apostrophe, latin_lookalike};

/// Letters that carry an accent-like stroke but do not decompose.
pub(super) fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ŧ' => "t",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    })
}
