//! Structured identifiers found by shape alone: email addresses, UK phone
//! numbers, NHS numbers, National Insurance numbers, UK postcodes and dates
//! given as dates of birth; and honorific-led sequences that look like personal
//! names. Owns the shapes and their validation; does not decide severity or
//! reporting (the anonymity checks do).

use regex::{Match, Regex};
use std::ops::Range;
use std::sync::LazyLock;

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

/// A text without its soft hyphens, zero-width and other format characters,
/// which show nothing and so join what they split ("020 7946\u{AD}0123"),
/// and with full-width and other compatibility forms of ASCII characters
/// read as ASCII (a reader reads `０２０` as `020`, `＠` as `@`), with where
/// each byte came from.
pub(crate) struct Visible {
    pub(crate) text: String,
    origin: Vec<usize>,
}

/// The ASCII character `c` is a compatibility form of (`０` is `0`, `Ａ`
/// is `A`, `＠` is `@`, `𝟕` is `7`), if it is one.
fn ascii_form(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    let mut form = None;
    let mut count = 0;
    unicode_normalization::char::decompose_compatible(c, |d| {
        count += 1;
        form = Some(d);
    });
    form.filter(|d| count == 1 && d.is_ascii_graphic())
}

impl Visible {
    /// `None` when the text has none of those characters.
    pub(crate) fn of(text: &str) -> Option<Visible> {
        let changes = |c: char| super::reading::is_invisible(c) || ascii_form(c).is_some();
        if text.is_ascii() || !text.chars().any(changes) {
            return None;
        }
        let mut visible = Visible {
            text: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        for (at, c) in text.char_indices() {
            if super::reading::is_invisible(c) {
                continue;
            }
            let c = ascii_form(c).unwrap_or(c);
            visible.text.push(c);
            visible.origin.extend(std::iter::repeat_n(at, c.len_utf8()));
        }
        Some(visible)
    }

    /// A range of the visible text as a range of the original.
    pub(crate) fn original(&self, text: &str, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.origin.get(range.start).copied().unwrap_or(text.len());
            return at..at;
        }
        let last = self.origin[range.end - 1];
        let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
        self.origin[range.start]..last + last_len
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

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern compiles")
}

fn hit(kind: PatternKind, range: Range<usize>) -> PatternHit {
    PatternHit { range, kind }
}

// ----- email -----

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"[\w%+\-]+(?:['.][\w%+\-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?-u:\b)",
    )
});

fn emails(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    EMAIL
        .find_iter(text)
        .map(|m| hit(PatternKind::Email, m.range()))
}

// ----- UK phone numbers -----

/// A candidate: an international prefix (+44, 0044, optionally with "(0)"),
/// a parenthesised area code, or a trunk 0, then digit groups separated by
/// single spaces or hyphens. Validated and trimmed by [`phone_at`].
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)
        (?: (?:(?-u:\B)\+|(?-u:\b)00)44 [\ \-\u{a0}]? (?:\(0\)[\ \-\u{a0}]?)?
          | (?-u:\B)\(0\d{2,5}\)[\ \-\u{a0}]?
          | (?-u:\b)0
        )
        \d* (?:[\ \-\u{a0}]\d+)*",
    )
});

/// First digits of a UK national significant number in use for people and
/// businesses: geographic (1, 2), non-geographic (3, 5), mobile (7), freephone
/// and special rate (8, 9). Numbers starting 4 or 6 are not allocated.
const PHONE_FIRST_DIGITS: &[u8] = b"1235789";

fn phones(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    PHONE
        .find_iter(text)
        .filter_map(|m| phone_at(text, m))
        .map(|range| hit(PatternKind::Phone, range))
}

/// The longest run of leading digit groups of a candidate that is a UK phone
/// number: a national significant number (after the trunk 0 or +44) of 9 or 10
/// digits starting with an allocated digit, grouped the way numbers are
/// written (the group holding the trunk 0 or area code has 3 to 6 digits, the
/// first after +44 1 to 5, every later group 3 to 8; or all contiguous). Short
/// groups keep dates (01-02-1952), times and codes out. Digits continuing a
/// decimal or a thousands group (1.0207946012) are not a phone number.
fn phone_at(text: &str, m: Match) -> Option<Range<usize>> {
    let before = &text.as_bytes()[..m.start()];
    if let [.., digit, b'.' | b','] = before
        && digit.is_ascii_digit()
    {
        return None;
    }
    let candidate = m.as_str();
    let (international, rest_at) = international_prefix(candidate);
    let groups = digit_groups(candidate, rest_at);
    (1..=groups.len()).rev().find_map(|count| {
        let groups = &groups[..count];
        let end = m.start() + groups[count - 1].end;
        let digits: String = groups.iter().map(|g| &candidate[g.clone()]).collect();
        let nsn = if international {
            digits.as_str()
        } else {
            digits.strip_prefix('0')?
        };
        let first_len = if international { 1..=5 } else { 3..=6 };
        let grouped = count == 1
            || (first_len.contains(&groups[0].len())
                && groups[1..].iter().all(|g| (3..=8).contains(&g.len())));
        let valid = (9..=10).contains(&nsn.len())
            && PHONE_FIRST_DIGITS.contains(&nsn.as_bytes()[0])
            && grouped
            && !text[end..].starts_with(char::is_alphanumeric);
        valid.then_some(m.start()..end)
    })
}

/// Whether a candidate starts with +44 / 0044 (and "(0)"), and where the
/// digits after that prefix start.
fn international_prefix(candidate: &str) -> (bool, usize) {
    let Some(rest) = candidate
        .strip_prefix("+44")
        .or_else(|| candidate.strip_prefix("0044"))
    else {
        return (false, 0);
    };
    let rest = rest.trim_start_matches([' ', '-', '\u{a0}']);
    let rest = rest.strip_prefix("(0)").unwrap_or(rest);
    let rest = rest.trim_start_matches([' ', '-', '\u{a0}']);
    (true, candidate.len() - rest.len())
}

/// Byte ranges of the runs of digits in `s` from `from` on.
fn digit_groups(s: &str, from: usize) -> Vec<Range<usize>> {
    let mut groups: Vec<Range<usize>> = Vec::new();
    for (i, b) in s.bytes().enumerate().skip(from) {
        if !b.is_ascii_digit() {
            continue;
        }
        match groups.last_mut() {
            Some(g) if g.end == i => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    groups
}

// ----- NHS numbers -----

/// Ten digits as 3-3-4 with spaces or hyphens, or contiguous. A number that
/// is also a valid phone number (it starts with 0) is reported as a phone
/// number by [`find_patterns`]; NHS numbers in England start 4 to 7, so only
/// numbers written oddly are affected, and they are flagged either way.
static NHS: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?-u:\b)(?:\d{3}[ \u{a0}]\d{3}[ \u{a0}]\d{4}|\d{3}-\d{3}-\d{4}|\d{10})(?-u:\b)")
});

fn nhs_numbers(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    NHS.find_iter(text)
        .filter(|m| nhs_checksum_ok(m.as_str()))
        .map(|m| hit(PatternKind::NhsNumber, m.range()))
}

/// The modulus-11 check: weights 10 down to 2 on the first nine digits; the
/// check digit is 11 minus the remainder, 11 meaning 0 and 10 meaning no
/// valid number. Repeated-digit placeholders (0000000000) are not numbers.
pub(crate) fn nhs_checksum_ok(s: &str) -> bool {
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
/// digits, a suffix A to D, optionally spaced. Uppercase only: NI numbers are
/// printed in capitals, and a lowercase word followed by digits is far more
/// often something else. The suffix is required (without it, 8 characters
/// collide with too many codes).
static NI: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?-u:\b)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ \u{a0}]?\d{2}[ \u{a0}]?\d{2}[ \u{a0}]?\d{2}[ \u{a0}]?[A-D](?-u:\b)",
    )
});

/// Prefixes that are never allocated.
const NI_UNALLOCATED: &[&str] = &["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

fn ni_numbers(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    NI.find_iter(text)
        .filter(|m| !NI_UNALLOCATED.contains(&&m.as_str()[..2]))
        .map(|m| hit(PatternKind::NiNumber, m.range()))
}

// ----- postcodes -----

/// BS 7666 shapes (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA) with
/// the letters allowed in each position, uppercase, one optional space; and
/// GIR 0AA.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)
        (?-u:\b)(?:
            (?: [A-PR-UWYZ] \d [\dA-HJKPSTUW]?
              | [A-PR-UWYZ] [A-HK-Y] \d [\dABEHMNPRVWXY]?
            ) [\ \u{a0}]? \d [ABD-HJLNP-UW-Z]{2}
          | GIR [\ \u{a0}]? 0AA
        )(?-u:\b)",
    )
});

fn postcodes(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    POSTCODE
        .find_iter(text)
        .map(|m| hit(PatternKind::Postcode, m.range()))
}

// ----- dates of birth -----

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const DAY: &str = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?";

/// A full date: numeric (14/03/1952, 14-03-1952, 14.3.52), ISO (1952-03-14),
/// or with the month in words (14 March 1952, 14th of March 1952, March 14,
/// 1952). Numeric forms are checked by [`numeric_date_ok`].
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?ix)(?-u:\b)(?:
            (?P<numeric> \d{{1,2}} [/.\-] \d{{1,2}} [/.\-] (?:\d{{4}}|\d{{2}}) )
          | (?P<iso> \d{{4}}-\d{{1,2}}-\d{{1,2}} )
          | {DAY} (?:\s+of)? \s+ {MONTH} ,? \s+ \d{{4}}
          | {MONTH} \s+ {DAY} ,? \s+ \d{{4}}
        )(?-u:\b)"
    ))
});

/// Words that mark a date as a date of birth. "b." only in lowercase, so that
/// "Plan B." is not a cue.
static DOB_CUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(?:d\.?o\.?b(?-u:\b)\.?|date\s+of\s+birth(?-u:\b)|birth\s?date(?-u:\b)|birthdays?(?-u:\b)|born(?-u:\b))|(?-i:(?-u:\b)b\.)",
    )
});

/// A sentence ending inside the gap between a cue and a date: the cue is then
/// about something else. Common abbreviations (Dr., Mrs.) do not end one.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(\p{L}*)[.!?]\s+[\p{Lu}\d]|\n[ \t]*\n"));

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "St", "Prof", "Rev", "Revd", "No",
];

/// Characters a date may follow its cue by ("DOB: ... 14/03/1952").
const CUE_BEFORE_DATE: usize = 40;
/// Characters a date may precede its cue by ("14/03/1952 (DOB)").
const CUE_AFTER_DATE: usize = 15;

fn dates_of_birth(text: &str) -> Vec<PatternHit> {
    let cues: Vec<Range<usize>> = DOB_CUE.find_iter(text).map(|m| m.range()).collect();
    if cues.is_empty() {
        return Vec::new();
    }
    DATE.captures_iter(text)
        .filter(|c| {
            let numeric = c.name("numeric").or(c.name("iso"));
            numeric.is_none_or(|m| numeric_date_ok(m.as_str()))
        })
        .filter_map(|c| c.get(0))
        .filter(|m| cues.iter().any(|cue| cue_applies(text, cue, &m.range())))
        .map(|m| hit(PatternKind::DateOfBirth, m.range()))
        .collect()
}

/// Whether the numbers of a numeric or ISO date make a day, a month and a year
/// (day-month or month-day order).
fn numeric_date_ok(s: &str) -> bool {
    let parts: Vec<u32> = s
        .split(['/', '.', '-'])
        .filter_map(|p| p.parse().ok())
        .collect();
    let [a, b, c] = parts[..] else {
        return false;
    };
    let day = |d: u32| (1..=31).contains(&d);
    let month = |m: u32| (1..=12).contains(&m);
    if s.find(['/', '.', '-']) == Some(4) {
        return month(b) && day(c);
    }
    (day(a) && month(b)) || (month(a) && day(b))
}

fn cue_applies(text: &str, cue: &Range<usize>, date: &Range<usize>) -> bool {
    let (gap, limit) = if cue.end <= date.start {
        (&text[cue.end..date.start], CUE_BEFORE_DATE)
    } else if date.end <= cue.start {
        (&text[date.end..cue.start], CUE_AFTER_DATE)
    } else {
        return false;
    };
    gap.len() <= limit * 4 && gap.chars().count() <= limit && !ends_sentence(gap)
}

fn ends_sentence(gap: &str) -> bool {
    SENTENCE_END.captures_iter(gap).any(|c| {
        c.get(1)
            .is_none_or(|w| !ABBREVIATIONS.contains(&w.as_str()))
    })
}

// ----- name-like sequences -----

/// An honorific, capitalised, with or without a dot, then (after optional
/// initials) one or more capitalised words (a capital, then letters,
/// apostrophes or hyphens, ending in a lowercase letter), separated by spaces
/// or a single line break.
static NAME_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    let sep = r"(?:[\ \t\u{a0}]+(?:\r?\n[\ \t\u{a0}]*)?|\r?\n[\ \t\u{a0}]*)";
    let word = r"\p{Lu}[\p{L}\p{M}'’\-]*\p{Ll}";
    regex(&format!(
        r"(?x)(?-u:\b)(?:Professor|Prof|Mrs|Mr|Ms|Mx|Miss|Dr|Sister|Nurse|Sir|Dame|Lord|Lady|Revd|Rev|Cllr)(?-u:\b)\.?
        (?:{sep}\p{{Lu}}\.?)* (?:{sep}{word})+"
    ))
});

static NAME_WORD: LazyLock<Regex> = LazyLock::new(|| regex(r"\p{Lu}[\p{L}\p{M}'’\-]*\p{Ll}"));

/// Capitalised words that follow honorifics without being names ("Nurse
/// Practitioner", "Dr Who"); a name-like sequence stops at the first of them.
const NOT_NAMES: &[&str] = &[
    "The",
    "And",
    "Or",
    "Of",
    "Who",
    "Madam",
    "Mayor",
    "Nurse",
    "Nurses",
    "Practitioner",
    "Practitioners",
    "Manager",
    "Managers",
    "Lead",
    "Leads",
    "Specialist",
    "Specialists",
    "Consultant",
    "Consultants",
    "Registrar",
    "Registrars",
    "Associate",
    "Associates",
    "Assistant",
    "Assistants",
    "Team",
    "Teams",
];

/// Honorific-led capitalised word sequences that look like personal names:
/// "Mrs Patel", "Dr. Okafor", "Dr Ama Okafor", "Dr A. Okafor". Not "Dr [name]",
/// "Mr and Mrs", "Mrs A" (a single-letter pseudonym) or a lowercase word. The
/// range runs from the honorific to the last name word, without a possessive.
pub fn find_name_like(text: &str) -> Vec<Range<usize>> {
    NAME_LIKE
        .find_iter(text)
        .filter_map(|m| {
            let last = NAME_WORD
                .find_iter(m.as_str())
                .skip_while(|w| w.start() == 0)
                .take_while(|w| !NOT_NAMES.contains(&w.as_str()))
                .last()?;
            let word = last.as_str();
            let word = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            Some(m.start()..m.start() + last.start() + word.len())
        })
        .collect()
}

#[cfg(test)]
#[path = "patterns_tests.rs"]
mod tests;
