//! Structured identifiers found by shape alone: email addresses, UK phone
//! numbers, NHS numbers, National Insurance numbers, UK postcodes and dates
//! given as dates of birth; and honorific-led sequences that look like personal
//! names. Owns the shapes and their validation; does not decide severity or
//! reporting (the anonymity checks do).
//!
//! - this module: the kinds, and every hit in a text, overlaps resolved;
//! - `visible.rs`: a text as a reader sees it (invisible characters
//!   dropped, full-width forms read as ASCII);
//! - `contact.rs`: email addresses, UK phone numbers and postcodes;
//! - `spelt.rs`: email addresses spelt out for a reader (`[at]`, ` . `,
//!   `ⓐ`), read as addresses;
//! - `numbers.rs`: NHS and National Insurance numbers;
//! - `dates.rs`: dates given as dates of birth;
//! - `names.rs`: honorific-led sequences that look like names.

mod contact;
mod dates;
mod names;
mod numbers;
mod spelt;
mod visible;

use contact::{emails, phones, postcodes};
use dates::dates_of_birth;
pub use dates::names_a_date_of_birth;
pub use names::find_name_like;
use numbers::{nhs_numbers, ni_numbers};
use regex::Regex;
use std::ops::Range;
pub(crate) use visible::Visible;
pub(crate) use visible::ascii_form;

/// More ASCII letters and digits than any structured identifier holds
/// with what decides it (a date of birth with its cue and the 40
/// characters between them): text around one that is this far from it
/// changes nothing of it. An address holds no white space.
pub const REACH: usize = 100;

const _: () = assert!(dates::CUE_BEFORE_DATE + 2 * 30 <= REACH);

/// The kind of a structured identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PatternKind {
    Email,
    Phone,
    NhsNumber,
    NiNumber,
    Postcode,
    DateOfBirth,
}

impl PatternKind {
    /// Stable code, used in diagnostic codes.
    pub fn code(self) -> &'static str {
        match self {
            PatternKind::Email => "email",
            PatternKind::Phone => "phone-number",
            PatternKind::NhsNumber => "nhs-number",
            PatternKind::NiNumber => "ni-number",
            PatternKind::Postcode => "postcode",
            PatternKind::DateOfBirth => "date-of-birth",
        }
    }

    /// What was found, for messages ("found an email address").
    pub fn describe(self) -> &'static str {
        match self {
            PatternKind::Email => "an email address",
            PatternKind::Phone => "a UK phone number",
            PatternKind::NhsNumber => "an NHS number",
            PatternKind::NiNumber => "a National Insurance number",
            PatternKind::Postcode => "a UK postcode",
            PatternKind::DateOfBirth => "a date of birth",
        }
    }
}

/// One structured identifier in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternHit {
    /// Byte range of exactly the matched text.
    pub range: Range<usize>,
    pub kind: PatternKind,
}

/// Every structured identifier in `text`, sorted by start and non-overlapping.
/// Where two overlap, the one starting first wins, then the longer, then the
/// earlier kind in [`PatternKind`] order (so a number that is both a valid
/// phone number and a valid NHS number is reported as a phone number).
pub fn find_patterns(text: &str) -> Vec<PatternHit> {
    find_patterns_with(text, false)
}

/// [`find_patterns`], with Unicode dashes and spaces read as `-` and ` `
/// (`07700–900123`, as Markdown shows `07700--900123`), for the checks of
/// the files; the gate folds its texts itself.
pub fn find_patterns_as_shown(text: &str) -> Vec<PatternHit> {
    find_patterns_with(text, true)
}

fn find_patterns_with(text: &str, marks: bool) -> Vec<PatternHit> {
    if !may_hold_one(text) {
        return Vec::new();
    }
    let hits = find_visible(text, marks);
    // An address spelt out for a reader (`jo.bloggs [at] example [dot]
    // nhs [dot] uk`) is read as the address it spells, as well.
    match spelt::read(text) {
        None => hits,
        Some(spelt) => {
            let emails = find_visible(&spelt.text, marks)
                .into_iter()
                .filter(|hit| hit.kind == PatternKind::Email)
                .map(|hit| PatternHit {
                    range: spelt.original(text, hit.range),
                    kind: hit.kind,
                });
            first_of_those_that_overlap(hits.into_iter().chain(emails).collect())
        }
    }
}

/// Every pattern in `text` as [`Visible`] reads it.
fn find_visible(text: &str, marks: bool) -> Vec<PatternHit> {
    match Visible::of(text, marks) {
        None => every_pattern(text),
        Some(visible) => every_pattern(&visible.text)
            .into_iter()
            .map(|hit| PatternHit {
                range: visible.original(text, hit.range),
                kind: hit.kind,
            })
            .collect(),
    }
}

/// The email addresses [`find_patterns`] finds in `text`, searched only
/// in the words that hold an at sign, with the word before and after it
/// where a space stands beside the sign (`j.smith @ example.nhs.uk`): an
/// address holds no other white space (that a reader sees: an invisible
/// character does not part words), and the search of those words is the
/// search of the whole text there (a page has a few addresses and many
/// words, and its style rules hold `@page`). The words are found from
/// their at signs ([`AT_SIGNS`]).
pub fn find_emails(text: &str) -> Vec<PatternHit> {
    match spelt::read(text) {
        None => find_emails_written(text),
        // An address spelt out for a reader, read as the address (the
        // words beside it read as they are written).
        Some(spelt) => {
            let written = find_emails_written(text);
            let spelt = find_emails_written(&spelt.text)
                .into_iter()
                .map(|hit| PatternHit {
                    range: spelt.original(text, hit.range),
                    kind: hit.kind,
                });
            first_of_those_that_overlap(written.into_iter().chain(spelt).collect())
        }
    }
}

/// [`find_emails`] in `text` as written.
fn find_emails_written(text: &str) -> Vec<PatternHit> {
    let parts = |c: char| c.is_whitespace() && !crate::reading::is_invisible(c);
    let mut found = Vec::new();
    let mut searched_to = 0;
    for at in at_signs(text) {
        // The sign's own word, or the words beside it where a space
        // stands between them and it.
        let sign = text[at..].chars().next().map_or(1, char::len_utf8);
        // (past what shows nothing, which the search reads past too).
        let shows = |&(_, c): &(usize, char)| !crate::reading::is_invisible(c);
        let before = (text[..at].char_indices().rev().find(shows))
            .filter(|&(_, c)| parts(c))
            .map_or(at, |(i, _)| i);
        let after = (text[at + sign..].char_indices().find(shows))
            .filter(|&(_, c)| parts(c))
            .map_or(at + sign, |(i, c)| at + sign + i + c.len_utf8());
        let start = text[..before]
            .char_indices()
            .rev()
            .find(|&(_, c)| parts(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[after..]
            .char_indices()
            .find(|&(_, c)| parts(c))
            .map_or(text.len(), |(i, _)| after + i);
        if end <= searched_to {
            continue;
        }
        let emails = find_patterns(&text[start..end])
            .into_iter()
            .filter(|hit| hit.kind == PatternKind::Email);
        // Words searched before may be searched again (beside an at sign
        // after a space): an address found there once is kept once.
        let before = found.last().map_or(0, |hit: &PatternHit| hit.range.end);
        found.extend(
            emails
                .map(|hit| PatternHit {
                    range: hit.range.start + start..hit.range.end + start,
                    kind: hit.kind,
                })
                .filter(|hit| hit.range.start >= before),
        );
        searched_to = end;
    }
    found
}

/// Every character read as an at sign (`@` and the characters
/// [`visible::ascii_form`] reads as one: a test reads every character).
pub(crate) const AT_SIGNS: [char; 3] = ['@', '\u{fe6b}', '\u{ff20}'];

/// Where the at signs of `text` are, in order.
fn at_signs(text: &str) -> Vec<usize> {
    let signs = match text.is_ascii() {
        true => &AT_SIGNS[..1],
        false => &AT_SIGNS[..],
    };
    let mut at: Vec<usize> = signs
        .iter()
        .flat_map(|&sign| text.match_indices(sign).map(|(i, _)| i))
        .collect();
    at.sort_unstable();
    at
}

/// [`find_patterns`] without first asking [`may_hold_one`]: in the text as
/// written, and with the dots, slashes, hyphens and underscores that part
/// its numbers read as spaces (020.7946.0958, AB-12-34-56-C, E1-6AN, as
/// people write them).
fn every_pattern(text: &str) -> Vec<PatternHit> {
    let mut hits = each_pattern(text, text);
    if let Some(spaced) = separators_as_spaces(text) {
        hits.extend(
            each_pattern(&spaced, text)
                .into_iter()
                .filter(|hit| hit.kind != PatternKind::Email),
        );
    }
    first_of_those_that_overlap(hits)
}

/// `hits` sorted, and of those that overlap the one starting first, then
/// the longer, then the earlier kind.
fn first_of_those_that_overlap(mut hits: Vec<PatternHit>) -> Vec<PatternHit> {
    hits.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end), h.kind));
    let mut kept: Vec<PatternHit> = Vec::new();
    for hit in hits {
        if kept.last().is_none_or(|k| hit.range.start >= k.range.end) {
            kept.push(hit);
        }
    }
    kept
}

/// Every pattern in `text`, which is `written` with some marks read as
/// spaces, byte for byte (see [`separators_as_spaces`]).
fn each_pattern(text: &str, written: &str) -> Vec<PatternHit> {
    let mut hits = Vec::new();
    hits.extend(emails(text));
    hits.extend(phones(text, written));
    hits.extend(nhs_numbers(text));
    hits.extend(ni_numbers(text));
    hits.extend(postcodes(text));
    hits.extend(dates_of_birth(text));
    hits
}

/// `text` with each `.`, `/`, `-` or `_` that has a digit on one side and a
/// letter or digit on the other written as a space, one byte for one (so
/// places found in it are the text's own); `None` when there is none.
fn separators_as_spaces(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    // The digits running up to `i` from before it, or on from after it.
    let run_before = |i: usize| {
        bytes[..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let run_after = |i: usize| {
        bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let parts = |i: usize| {
        let (Some(&before), Some(&after)) = (bytes.get(i.wrapping_sub(1)), bytes.get(i + 1)) else {
            return false;
        };
        let between = before.is_ascii_alphanumeric()
            && after.is_ascii_alphanumeric()
            && (before.is_ascii_digit() || after.is_ascii_digit());
        match bytes[i] {
            b'/' | b'-' | b'_' => between,
            // A decimal point (3.0207946012) is not a separator: groups of
            // a number written with dots are short on both sides.
            b'.' => between && run_before(i) <= 6 && run_after(i) <= 6,
            _ => false,
        }
    };
    let at: Vec<usize> = (1..bytes.len()).filter(|&i| parts(i)).collect();
    if at.is_empty() {
        return None;
    }
    let mut spaced = bytes.to_vec();
    for i in at {
        spaced[i] = b' ';
    }
    String::from_utf8(spaced).ok()
}

/// Whether `text` may hold a structured identifier: each has a digit (any
/// script's, as `\d` matches) or an `@` (or a full-width `＠`), or spells
/// an address for a reader (see [`spelt::may_spell_one`]). Most sentences
/// of a report have none, and are then not run through the six
/// expressions.
pub fn may_hold_one(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit() || b == b'@')
        || (!text.is_ascii()
            && text
                .chars()
                .any(|c| !c.is_ascii() && (c.is_numeric() || ascii_form(c) == Some('@'))))
        || spelt::may_spell_one(text)
}

/// Whether `text` may hold a phone, NHS or National Insurance number or a
/// postcode: each holds two digits or more (a postcode the fewest, `A9
/// 9AA`), each read from a character [`is_digit`] counts, but for the one
/// postcode of one digit, `GIR 0AA` (red team, round 25), whose digit is a
/// zero ([`is_zero`]). Most texts around the places blocks meet hold one
/// count alone ("4 quotes"), or none.
pub fn may_hold_a_number(text: &str) -> bool {
    // Counted over the whole text, 64 bytes at a time into a byte (which
    // a compiler counts many bytes at once), rather than stopping at the
    // second digit a byte at a time: most texts hold no digit, and are
    // read to their end either way.
    let bytes = text.as_bytes();
    let count = |piece: &[u8]| {
        piece
            .iter()
            .fold(0u8, |n, &b| n + u8::from(b.is_ascii_digit()))
    };
    let ascii_digits: usize = bytes
        .chunks(64)
        .map(|piece| usize::from(count(piece)))
        .sum();
    if ascii_digits >= 2 || bytes.contains(&b'0') {
        return true;
    }
    if text.is_ascii() {
        return false;
    }
    // The other characters that are digits, or read as a zero, are not
    // ASCII: each starts with a byte from 0xC0 up, looked for 64 bytes at
    // a time.
    let mut digits = ascii_digits;
    for (n, piece) in bytes.chunks(64).enumerate() {
        if !piece.iter().fold(false, |any, &b| any | (b >= 0xC0)) {
            continue;
        }
        for (i, _) in piece.iter().enumerate().filter(|&(_, &b)| b >= 0xC0) {
            let c = text[n * 64 + i..].chars().next().unwrap_or_default();
            digits += usize::from(is_digit(c));
            if digits >= 2 || is_zero(c) {
                return true;
            }
        }
    }
    false
}

/// Whether `c` may be read as the digit zero (`0`, `０`, `⁰`).
pub fn is_zero(c: char) -> bool {
    c == '0' || ascii_form(c) == Some('0')
}

/// Whether `c` may be read as a digit: an ASCII digit, or a character
/// Unicode counts as numeric (`０`, `٣`, `¹`). Every character the
/// patterns match as a digit, or read as one (its compatible form is an
/// ASCII digit), is one; no letter or mark is, in any case (see the
/// tests).
pub fn is_digit(c: char) -> bool {
    c.is_numeric()
}

pub(super) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

pub(super) fn hit(kind: PatternKind, range: Range<usize>) -> PatternHit {
    PatternHit { range, kind }
}

#[cfg(test)]
mod tests;
