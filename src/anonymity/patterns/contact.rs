//! Contact details by shape: email addresses, UK phone numbers (validated
//! by their digits and grouping) and UK postcodes.

use super::{PatternHit, PatternKind, hit, regex};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

// ----- email -----

/// An email address: its local part, an at sign, and a domain whose
/// labels are parted by full stops, or by the ideographic full stops a
/// browser's address parsing reads as full stops (`example。nhs。uk`; red
/// team, round 30). With a space either side of the at sign, a local part
/// of two words or more parted by full stops, as a person's address is
/// (`j.smith @ example.nhs.uk`), not one word (`available @ www.gov.uk`
/// says where, as an informal "at").
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?:[\w%+\-]+(?:['.][\w%+\-]+)*@|[\w%+\-]+(?:['.][\w%+\-]+)*\.[\w%+\-]+ ?@ ?)(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?[.\u{3002}\u{ff61}])+\p{L}{2,}(?-u:\b)",
    )
});

/// A one-word local part with a space either side of the at sign, and a
/// domain of two labels or more (`jsmith @ nhs.net`): an address where
/// [`one_word_address`] says so.
static ONE_WORD_SPACED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?-u:\b)([\w%+\-]+(?:'[\w%+\-]+)?) @ ((?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?[.\u{3002}\u{ff61}])+\p{L}{2,})(?-u:\b)",
    )
});

/// The domains only mail is sent to, where no one sends a reader to a web
/// page (NHSmail's, and the common free mail services').
const MAIL_DOMAINS: [&str; 16] = [
    "aol.com",
    "btinternet.com",
    "gmail.com",
    "googlemail.com",
    "hotmail.co.uk",
    "hotmail.com",
    "icloud.com",
    "live.co.uk",
    "live.com",
    "me.com",
    "nhs.net",
    "outlook.com",
    "proton.me",
    "protonmail.com",
    "yahoo.co.uk",
    "yahoo.com",
];

/// Whether a one word `local` part with a space either side of the at
/// sign, before `domain`, is an address: where the domain is one only
/// mail is sent to ([`MAIL_DOMAINS`]) and the word is no ordinary English
/// word (`jsmith @ nhs.net`; red team, round 32). "Find it @ nhs.uk" names
/// a web site, and "contact @ nhs.net" reads as one too.
fn one_word_address(local: &str, domain: &str) -> bool {
    let word = local.to_lowercase();
    let ordinary = word.chars().all(|c| c.is_ascii_lowercase())
        && (word.len() <= 3
            || crate::anonymity::identifiers::is_four_letter_word(&word)
            || crate::anonymity::identifiers::is_ordinary_word(&word));
    let domain = domain.to_lowercase().replace(['\u{3002}', '\u{ff61}'], ".");
    MAIL_DOMAINS.contains(&domain.as_str()) && !ordinary
}

pub(super) fn emails(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    let one_word = ONE_WORD_SPACED
        .captures_iter(text)
        .filter(|c| one_word_address(&c[1], &c[2]))
        .filter_map(|c| c.get(0))
        .map(|m| hit(PatternKind::Email, m.range()));
    EMAIL
        .find_iter(text)
        .map(|m| hit(PatternKind::Email, m.range()))
        .chain(one_word)
}

// ----- UK phone numbers -----

/// What parts the groups of a phone number: a space (or a tab, or a
/// no-break space), or a mark, also with a space either side: a hyphen
/// (`07700 - 900123`, as signatures write it; red team round 9), a slash,
/// a comma, a middle dot or a bullet, or an ellipsis (`07700... 900123`,
/// `07700… 900123`, a pause in a transcript). Not a full stop alone,
/// which ends a sentence. Not two spaces: the checks of the files read a
/// block tag as a space, so two may part a table's cells or two blocks
/// (the final check reads numbers across blocks itself). Dots, slashes,
/// hyphens and underscores between digits are read as spaces anyway (see
/// `separators_as_spaces`).
pub(super) const GROUP_SEPARATOR: &str =
    r"(?: [\ \t\u{a0}]? (?: [\-/,·•…] | \.{2,3} ) [\ \t\u{a0}]? | [\ \t\u{a0}] )";

/// The characters of [`GROUP_SEPARATOR`].
const SEPARATORS: [char; 10] = [' ', '\t', '\u{a0}', '-', '/', ',', '·', '•', '…', '.'];

/// A candidate: an international prefix (+44, 0044, also in brackets as
/// signatures give it, `(+44)`, `(0044)`, and optionally with "(0)"), a
/// trunk 0 in brackets (`(0)20`, copied from "+44 (0)20" without the +44),
/// a parenthesised area code, or a trunk 0, then digit groups parted by
/// [`GROUP_SEPARATOR`], at most eleven of them (one digit each, more than a number has: a
/// number among more groups is found from a later one, see [`phones`]).
/// Validated and trimmed by [`phone_at`].
fn phone_pattern() -> String {
    let separator = GROUP_SEPARATOR;
    format!(
        r"(?x)
        (?: (?: (?-u:\B)\+[\ \u{{a0}}]?44
              | (?-u:\b)00[\ \-\u{{a0}}]?44
              | (?-u:\B)\( (?:\+|00[\ \-\u{{a0}}]?) 44 \)
            ) {separator}? (?:\(0\){separator}?)?
          | (?-u:\B)\(0\){separator}?
          | (?-u:\B)\(0\d{{2,5}}\){separator}?
          | (?-u:\b)0
        )
        \d* (?: {separator} \d+ ){{0,4}}"
    )
}

static PHONE: LazyLock<Regex> = LazyLock::new(|| regex(&phone_pattern()));

/// A further group of a candidate: a separator and digits, where the
/// text starts. A candidate's groups past [`PHONE`]'s five are read one
/// at a time ([`extended`]): the same match as a pattern of eleven, whose
/// automaton would be many times larger and slower on every page.
static NEXT_GROUP: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?x) \A {GROUP_SEPARATOR} \d+")));

/// The most digit groups a candidate holds (one digit each, more than a
/// number has: a number among more groups is found from a later one).
const MOST_GROUPS: usize = 11;

/// `candidate` (a match of [`PHONE`]) with the groups that follow it, up
/// to [`MOST_GROUPS`].
fn extended(text: &str, candidate: Range<usize>) -> Range<usize> {
    let mut groups = digit_groups(&text[candidate.clone()], 0).len();
    let mut end = candidate.end;
    while groups < MOST_GROUPS
        && let Some(next) = NEXT_GROUP.find(&text[end..])
    {
        end += next.end();
        groups += 1;
    }
    candidate.start..end
}

/// [`PHONE`] where a search starts: for the digits after a prefix that
/// starts no number, and for a number run on to a word saying what it is.
static PHONE_AT_START: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!("^(?:{})", phone_pattern())));

/// A word saying what a number is, run on to it (`tel07700 900123`,
/// `Mobile07700 900123`, `Tel+44 7700 900123`), as text copied from a
/// signature's label and number gives it.
static LABEL_RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(?-u:\b)(?:tel|tele|telephone|phone|ph|mob|mobile|cell|fax)[0+(]")
});

/// First digits of a UK national significant number in use for people and
/// businesses: geographic (1, 2), non-geographic (3, 5), mobile (7), freephone
/// and special rate (8, 9). Numbers starting 4 or 6 are not allocated.
const PHONE_FIRST_DIGITS: &[u8] = b"1235789";

/// Every UK phone number in `text`, also among other digit groups: a
/// number is found whichever of a run of groups make it (`ref 01 07700
/// 900123`), so the groups before or after one never hide it. A prefix
/// that does not start a number (`+44 07700 900123`, the trunk 0 kept
/// after +44, or `+4407700900123`, run on to it) leaves the digits after
/// it to be read as a number of their own. The numbers found may overlap
/// ([`super::find_patterns`] keeps one).
///
/// `written` is `text` as written, byte for byte (before its dots,
/// slashes, hyphens and underscores between digits were read as spaces),
/// whose marks between groups say whether a number in an unusual grouping
/// is one ([`any_grouping`]).
pub(super) fn phones(text: &str, written: &str) -> Vec<PatternHit> {
    let mut found = Vec::new();
    let mut at = 0;
    // Where a number may start though a word runs on to it.
    let mut run_on = None;
    loop {
        let candidate = match run_on.take().and_then(|start| candidate_at(text, start)) {
            Some(candidate) => candidate,
            None => match PHONE.find_at(text, at) {
                Some(m) => extended(text, m.range()),
                None => break,
            },
        };
        match read(text, written, candidate, &mut found) {
            Next::Search(from) => at = from,
            Next::RunOn(from) => (at, run_on) = (from, Some(from)),
        }
    }
    for label in LABEL_RUN_ON.find_iter(text) {
        let mut start = label.end() - 1;
        while let Some(candidate) = candidate_at(text, start) {
            match read(text, written, candidate, &mut found) {
                Next::RunOn(from) => start = from,
                Next::Search(_) => break,
            }
        }
    }
    found
}

/// Where to read on after a candidate.
enum Next {
    /// Search again from here.
    Search(usize),
    /// A number may start here, though what is before runs on to it.
    RunOn(usize),
}

/// The candidate starting at `start`, whatever is before it.
fn candidate_at(text: &str, start: usize) -> Option<Range<usize>> {
    PHONE_AT_START
        .find(&text[start..])
        .map(|m| extended(text, start + m.start()..start + m.end()))
}

/// Reads a candidate: the number it starts with, if any, into `found`;
/// and where to read on: after the number; or the digits after a prefix,
/// as a number of their own; or the candidate's next group.
fn read(text: &str, written: &str, candidate: Range<usize>, found: &mut Vec<PatternHit>) -> Next {
    let prefix = number_prefix(&text[candidate.clone()]);
    if let Some(number) = phone_at(text, written, candidate.clone(), prefix) {
        let end = number.end;
        found.push(hit(PatternKind::Phone, number));
        return Next::Search(end);
    }
    if let Some(rest) = prefix {
        return Next::RunOn(candidate.start + rest);
    }
    let groups = digit_groups(&text[candidate.clone()], 0);
    Next::Search(
        groups
            .get(1)
            .map_or(candidate.end, |second| candidate.start + second.start),
    )
}

/// The longest run of leading digit groups of a candidate that is a UK phone
/// number: a national significant number (after the trunk 0, or after the
/// `prefix` written for it, such as +44) of 9 or 10 digits starting with an
/// allocated digit, grouped the way numbers are written (the group holding
/// the trunk 0 or area code has 3 to 6 digits, the first after a prefix 1
/// to 5, every later group 3 to 8; or all contiguous), or in any grouping
/// where its groups are all the run has ([`any_grouping`]). Short groups
/// among others keep dates (01-02-1952), times and codes out. Digits
/// continuing a decimal or a thousands group (1.0207946012) are not a
/// phone number.
fn phone_at(
    text: &str,
    written: &str,
    candidate: Range<usize>,
    prefix: Option<usize>,
) -> Option<Range<usize>> {
    let before = &text.as_bytes()[..candidate.start];
    if let [.., digit, b'.' | b','] = before
        && digit.is_ascii_digit()
    {
        return None;
    }
    let start = candidate.start;
    let candidate = &text[candidate];
    let after_prefix = prefix.is_some();
    let groups = digit_groups(candidate, prefix.unwrap_or(0));
    (1..=groups.len()).rev().find_map(|count| {
        let groups = &groups[..count];
        let end = start + groups[count - 1].end;
        let digits: String = groups.iter().map(|g| &candidate[g.clone()]).collect();
        let nsn = if after_prefix {
            digits.as_str()
        } else {
            digits.strip_prefix('0')?
        };
        let first_len = if after_prefix { 1..=5 } else { 3..=6 };
        let grouped = count == 1
            || (first_len.contains(&groups[0].len())
                && groups[1..].iter().all(|g| (3..=8).contains(&g.len())))
            || any_grouping(text, written, start..end, groups, start, &digits);
        let valid = (9..=10).contains(&nsn.len())
            && PHONE_FIRST_DIGITS.contains(&nsn.as_bytes()[0])
            && grouped
            && (!text[end..].starts_with(char::is_alphanumeric) || extension(&text[end..]));
        valid.then_some(start..end)
    })
}

/// What parts a run of digit groups: [`GROUP_SEPARATOR`] without the
/// comma, which parts the items of a list (`0, 3, 5`).
const RUN_SEPARATOR: &str =
    r"(?: [\ \t\u{a0}]? (?: [\-/·•…] | \.{2,3} ) [\ \t\u{a0}]? | [\ \t\u{a0}] )";

/// A group of digits, then a separator, ending a text.
static GROUP_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?x) \d {RUN_SEPARATOR} \z")));

/// The `44` of a prefix, then a separator, ending a text (`+44 `, `00 44-`):
/// no group of the run.
static PREFIX_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?x) (?: \+[\ \u{{a0}}]? | (?-u:\b)00[\ \-\u{{a0}}]? ) 44 {RUN_SEPARATOR} \z"
    ))
});

/// Whether the digit `groups` of a number at `number` (the groups in
/// places from `from`), in a grouping no one uses (`0 7700 900123`, `07 700
/// 900 123`, one digit a box: `0 7 7 0 0 9 0 0 1 2 3`), are a number: no
/// group of digits is parted from them by a separator before or after
/// (so the number's digits are all the run holds: counts in a list such as
/// `0 1 2 3` have too few, `0 1 2 … 10` too many), the same mark parts
/// each two as `written` (not a date's slashes, then a space: `07/03/2019
/// 12`), and neither is a comma. Not the digits 0 to 9 in order, each
/// alone (a scale), nor an ISBN as written (`0-19-852663-6`: four groups,
/// the last its check digit, which holds).
fn any_grouping(
    text: &str,
    written: &str,
    number: Range<usize>,
    groups: &[Range<usize>],
    from: usize,
    digits: &str,
) -> bool {
    if groups.len() < 2 {
        return false;
    }
    let marks: Vec<&str> = groups
        .windows(2)
        .map(|pair| {
            written
                .get(from + pair[0].end..from + pair[1].start)
                .unwrap_or(",")
        })
        .collect();
    if marks.iter().any(|m| m.contains(',') || *m != marks[0]) {
        return false;
    }
    let before = tail(&text[..number.start]);
    let parted_before = GROUP_BEFORE.is_match(before) && !PREFIX_BEFORE.is_match(before);
    // A group after it is no reason to pass it: a page may print the
    // number without what follows (a description cut short: round 17).
    if parted_before {
        return false;
    }
    let scale = digits == "0123456789" && groups.iter().all(|g| g.len() == 1);
    let isbn = groups.len() == 4 && groups[3].len() == 1 && isbn_10(digits);
    !scale && !isbn
}

/// The last few characters of `text`: more than a separator and a
/// prefix's `+ 44` hold.
fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(16);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    &text[start..]
}

/// Whether `digits` are an ISBN-10 whose check digit holds (the sum of
/// each digit times its place from the end is a multiple of 11).
fn isbn_10(digits: &str) -> bool {
    let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    values.len() == 10
        && values
            .iter()
            .zip((1..=10).rev())
            .map(|(d, w)| d * w)
            .sum::<u32>()
            % 11
            == 0
}

/// Whether what follows a number is an extension run on to it (`x12`,
/// `ext. 12`, `ext12`), which does not make it another word.
fn extension(after: &str) -> bool {
    let lower = after.get(..4).unwrap_or(after).to_ascii_lowercase();
    let rest = lower
        .strip_prefix("ext")
        .or_else(|| lower.strip_prefix('x'))
        .unwrap_or("");
    lower.starts_with("ext") || rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Where the digits after a candidate's prefix start, when it starts with
/// one written for the trunk 0: +44 or 0044 (`+44`, `+ 44`, `00 44`, or in
/// brackets, `(+44)`, `(0044)`), then "(0)" if written; or "(0)" alone
/// (`(0)20 7946 0958`). `None` for a trunk 0 or an area code in brackets.
fn number_prefix(candidate: &str) -> Option<usize> {
    let rest = match candidate.strip_prefix("(0)") {
        Some(rest) => rest,
        None => {
            let (inner, closing) = match candidate.strip_prefix('(') {
                Some(inner) => (inner, ")"),
                None => (candidate, ""),
            };
            let rest = inner
                .strip_prefix('+')
                .or_else(|| inner.strip_prefix("00"))?
                .trim_start_matches(SEPARATORS);
            let rest = rest.strip_prefix("44")?.strip_prefix(closing)?;
            let rest = rest.trim_start_matches(SEPARATORS);
            rest.strip_prefix("(0)").unwrap_or(rest)
        }
    };
    Some(candidate.len() - rest.trim_start_matches(SEPARATORS).len())
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

// ----- postcodes -----

/// BS 7666 shapes (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA) with
/// the letters allowed in each position, uppercase, and GIR 0AA; with a
/// space (or a no-break space) between any two characters or not, as
/// copied from a form's boxes (`S W 1 A 1 A A`) or misplaced (`SW 1A 1AA`,
/// `SW1 A1AA`, `E1 6 AN`). A district alone (`SW1`) is no postcode.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)
        (?-u:\b)(?:
            (?: [A-PR-UWYZ] _? \d (?: _? [\dA-HJKPSTUW] )?
              | [A-PR-UWYZ] _? [A-HK-Y] _? \d (?: _? [\dABEHMNPRVWXY] )?
            ) _? \d _? [ABD-HJLNP-UW-Z] _? [ABD-HJLNP-UW-Z]
          | G _? I _? R _? 0 _? A _? A
        )(?-u:\b)"
            .replace('_', r"[\ \u{a0}]")
            .as_str(),
    )
});

pub(super) fn postcodes(text: &str) -> impl Iterator<Item = PatternHit> + '_ {
    POSTCODE
        .find_iter(text)
        .map(|m| hit(PatternKind::Postcode, m.range()))
}
