//! National identity numbers by shape: NHS numbers (with their modulus-11
//! check) and National Insurance numbers (with their allocated prefixes).

use super::contact::GROUP_SEPARATOR;
use super::{PatternHit, PatternKind, hit, regex};
use regex::Regex;
use std::sync::LazyLock;

// ----- NHS numbers -----

/// Ten digits, contiguous or as 3-3-4 parted as a phone number's groups
/// may be ([`GROUP_SEPARATOR`]: a space, a hyphen, slash, comma, middle
/// dot or ellipsis with or without spaces around it, `943 - 476 - 5919`),
/// or by a full stop with a space (`943. 476 5919`), which a sentence's end
/// is not taken for here: the modulus-11 check passes one run of ten digits
/// in eleven. A number that is also a valid phone number (it starts with 0)
/// is reported as a phone number by [`super::find_patterns`]; NHS numbers
/// in England start 4 to 7, so only numbers written oddly are affected,
/// and they are flagged either way.
static NHS: LazyLock<Regex> = LazyLock::new(|| {
    let parted = format!(r"(?: {GROUP_SEPARATOR} | [\ \t\u{{a0}}]? \. [\ \t\u{{a0}}]? )");
    regex(&format!(
        r"(?x) (?-u:\b) (?: \d{{3}} {parted} \d{{3}} {parted} \d{{4}} | \d{{10}} ) (?-u:\b)"
    ))
});

pub(super) fn nhs_numbers(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    NHS.find_iter(text)
        .filter(|m| nhs_checksum_ok(m.as_str()))
        .map(|m| hit(PatternKind::NhsNumber, m.range()))
}

/// The modulus-11 check: weights 10 down to 2 on the first nine digits; the
/// check digit is 11 minus the remainder, 11 meaning 0 and 10 meaning no
/// valid number. Repeated-digit placeholders (0000000000) are not numbers.
pub(super) fn nhs_checksum_ok(s: &str) -> bool {
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 || digits.iter().all(|&d| d == digits[0]) {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => digits[9] == 0,
        10 => false,
        check => digits[9] == check,
    }
}

// ----- National Insurance numbers -----

/// Two prefix letters (first not D F I Q U V, second not D F I O Q U V), six
/// digits, a suffix A to D, with a space (or a no-break space) between any
/// two of its characters or not: in pairs (`AB 12 34 56 C`), in other
/// groups (`AB 1234 56 C`), or one character a box, as copied from a form
/// (`A B 1 2 3 4 5 6 C`). Uppercase only: NI numbers are printed in
/// capitals, and a lowercase word followed by digits is far more often
/// something else. The suffix is required (without it, 8 characters
/// collide with too many codes).
static NI: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x) (?-u:\b) [A-CEGHJ-PR-TW-Z] [\ \u{a0}]? [A-CEGHJ-NPR-TW-Z]
        (?: [\ \u{a0}]? \d ){6} [\ \u{a0}]? [A-D] (?-u:\b)",
    )
});

/// Prefixes that are never allocated.
const NI_UNALLOCATED: &[&str] = &["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

pub(super) fn ni_numbers(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    NI.find_iter(text)
        .filter(|m| {
            let prefix: String = m
                .as_str()
                .chars()
                .filter(char::is_ascii_uppercase)
                .take(2)
                .collect();
            !NI_UNALLOCATED.contains(&prefix.as_str())
        })
        .map(|m| hit(PatternKind::NiNumber, m.range()))
}
