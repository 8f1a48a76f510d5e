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
//! - `numbers.rs`: NHS and National Insurance numbers;
//! - `dates.rs`: dates given as dates of birth;
//! - `names.rs`: honorific-led sequences that look like names.

mod contact;
mod dates;
mod names;
mod numbers;
mod visible;

use contact::{emails, phones, postcodes};
use dates::dates_of_birth;
pub use names::find_name_like;
use numbers::{nhs_numbers, ni_numbers};
use regex::Regex;
use std::ops::Range;
pub(crate) use visible::Visible;
use visible::ascii_form;

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
    if !may_hold_one(text) {
        return Vec::new();
    }
    match Visible::of(text) {
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

/// [`find_patterns`] without first asking [`may_hold_one`].
fn every_pattern(text: &str) -> Vec<PatternHit> {
    let mut hits = Vec::new();
    hits.extend(emails(text));
    hits.extend(phones(text));
    hits.extend(nhs_numbers(text));
    hits.extend(ni_numbers(text));
    hits.extend(postcodes(text));
    hits.extend(dates_of_birth(text));
    hits.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end), h.kind));
    let mut kept: Vec<PatternHit> = Vec::new();
    for hit in hits {
        if kept.last().is_none_or(|k| hit.range.start >= k.range.end) {
            kept.push(hit);
        }
    }
    kept
}

/// Whether `text` may hold a structured identifier: each has a digit (any
/// script's, as `\d` matches) or an `@` (or a full-width `＠`). Most sentences of a report have
/// neither, and are then not run through the six expressions.
pub fn may_hold_one(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit() || b == b'@')
        || (!text.is_ascii()
            && text
                .chars()
                .any(|c| !c.is_ascii() && (c.is_numeric() || ascii_form(c) == Some('@'))))
}

pub(super) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

pub(super) fn hit(kind: PatternKind, range: Range<usize>) -> PatternHit {
    PatternHit { range, kind }
}

#[cfg(test)]
mod tests;
