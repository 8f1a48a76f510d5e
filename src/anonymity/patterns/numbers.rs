//! National identity numbers by shape: NHS numbers (with their modulus-11
//! check) and National Insurance numbers (with their allocated prefixes).

use super::contact::GROUP_SEPARATOR;
use super::{PatternHit, PatternKind, hit, regex};
use regex::Regex;
use std::ops::Range;
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

pub(super) fn nhs_numbers(text: &str) -> Vec<PatternHit> {
    let mut hits: Vec<PatternHit> = NHS
        .find_iter(text)
        .filter(|m| nhs_checksum_ok(m.as_str()))
        .map(|m| hit(PatternKind::NhsNumber, m.range()))
        .collect();
    hits.extend(after_a_cue(text));
    hits
}

/// A word saying that a number is an NHS number: "NHS" (with "no",
/// "number" and the like after it or not: the words between it and the
/// number are read as [`CUE_GAP`]), or "patient number" ("patient no.",
/// "patient's number", "patient ID").
static NHS_CUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(?-u:\b)(?:nhs|patient(?:'s|’s|s')?[\ \t\u{a0}]*(?:no|nr|num|number|id))(?-u:\b)")
});

/// The most characters between a cue and the digits after it
/// ([`NHS_CUE`]): a few words ("NHS number is", "NHS No.: ", "patient
/// number was").
const CUE_GAP: usize = 24;

/// The most characters from a cue to the start of its number, past the
/// words between them and any groups of digits before it ("NHS in 2019
/// 943 476 591 9").
const CUE_REACH: usize = 27;

/// A cue (16 characters at most, `patient's number`) and a number starting
/// [`CUE_REACH`] after it, a digit at a time parted by marks of three
/// characters (37), is no longer than the 80 characters the final check
/// reads each side of where two blocks meet (`gate::line`).
const _: () = assert!(16 + CUE_REACH + 37 <= 80);

/// What parts two groups of an NHS number after a cue: white space, or a
/// hyphen, slash, full stop, middle dot or bullet with a space either side
/// or not (read from where the text starts). Not a comma, which parts a
/// list.
static CUED_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\A(?:[\ \t\u{a0}]?[\-/.·•][\ \t\u{a0}]?|[\ \t\u{a0}])"));

/// NHS numbers in any grouping of their ten digits, down to a digit at a
/// time or read out in pairs (`943 476 591 9`, `94 34 76 59 19`), where a
/// cue ([`NHS_CUE`]) stands a few words before them: the last groups of
/// the run of digit groups after the cue, parted by [`CUED_SEPARATOR`],
/// that hold ten digits together (a year before the number, `NHS in 2019
/// 943 476 5919`, is no part of it), starting within [`CUE_REACH`] of
/// the cue. Words between the cue and the run are no sentence's end (`NHS.
/// In 2019 …`): no `!`, `?` or `;`, and no full stop but after an
/// abbreviation (`no.`, `nr.`, `num.`).
fn after_a_cue(text: &str) -> Vec<PatternHit> {
    let mut hits = Vec::new();
    for cue in NHS_CUE.find_iter(text) {
        let rest = &text[cue.end()..];
        let Some(first) = rest.find(|c: char| c.is_ascii_digit()) else {
            break;
        };
        let gap = &rest[..first];
        if gap.chars().count() > CUE_GAP || !gap_reads_on(gap) {
            continue;
        }
        let mut groups: Vec<Range<usize>> = Vec::new();
        let mut end = cue.end() + first;
        loop {
            let group = text[end..].bytes().take_while(u8::is_ascii_digit).count();
            groups.push(end..end + group);
            end += group;
            match CUED_SEPARATOR.find(&text[end..]) {
                Some(sep) if text[end + sep.end()..].starts_with(|c: char| c.is_ascii_digit()) => {
                    end += sep.end();
                }
                _ => break,
            }
        }
        let mut digits = 0;
        for group in groups.iter().rev() {
            digits += group.len();
            if digits < 10 {
                continue;
            }
            let number = group.start..end;
            if digits == 10
                && group.start - cue.end() <= CUE_REACH
                && nhs_checksum_ok(&text[number.clone()])
            {
                hits.push(hit(PatternKind::NhsNumber, number));
            }
            break;
        }
    }
    hits
}

/// Whether the words between a cue and a number read on to it: no `!`,
/// `?`, `;` or paragraph break, and each full stop after an abbreviation
/// a number follows (`NHS No. 943…`).
fn gap_reads_on(gap: &str) -> bool {
    if gap.contains(['!', '?', ';']) || gap.contains("\n\n") {
        return false;
    }
    gap.match_indices('.').all(|(at, _)| {
        let word = gap[..at]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        ["no", "nr", "num"]
            .iter()
            .any(|abbreviation| word.eq_ignore_ascii_case(abbreviation))
    })
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
