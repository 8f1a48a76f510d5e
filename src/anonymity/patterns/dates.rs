//! Dates given as dates of birth: a full date (numeric, ISO or with the
//! month in words) near a cue such as "DOB" or "born", in one sentence.

use super::{PatternHit, PatternKind, hit, regex};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
/// A day of the month, also as an ordinal in words, as a transcript gives
/// it ("the fourteenth of March 1952", "twenty-first").
const DAY: &str = r"(?:(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?|(?:(?:twenty|thirty)[\s\-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";
/// A year of four digits, or of two, also as people say it, with an
/// apostrophe for the century (`'52`, `’52`, as Markdown shows it).
const YEAR: &str = r"(?:\d{4}|['‘’]?\d{2})";
/// The time a timestamp glues to its date with a `T`, as a system's
/// export gives it (`T00:00:00Z`, `T00:00:00.000+00:00`, `T000000`).
const TIME: &str = r"(?:T\d{2}:?\d{2}(?::?\d{2}(?:[.,]\d{1,6})?)?(?:Z|[+\-]\d{2}(?::?\d{2})?)?)";

/// Space within a line, as parts a date's numbers (a tab, as a
/// spreadsheet's cells copied give it, and a no-break space).
const BLANK: &str = r"[\ \t\u{a0}]";

/// What parts the numbers of a numeric date: `/`, `.`, `-`, or `\`
/// (`14\03\1952`).
const MARK: &str = r"[/.\-\\]";

/// A full date: numeric (14/03/1952, 14-03-1952, 14.3.52, 14/03/'52), ISO
/// (1952-03-14, 1952/03/14, also glued to its time, 1952-03-14T00:00:00Z),
/// eight digits (14031952, 19520314), numbers parted by spaces (any number
/// of them, or a tab) or by marks with spaces around them, with a year of
/// four digits, as a form's boxes give them (14 03 1952, 1952 03 14, 14 /
/// 03 / 1952, 14. 03. 1952 as German letters write it), or with the month
/// in words (14 March 1952, 14th of March 1952, 14th of March '52, the
/// fourteenth of March 1952, 14-Mar-1952 as letters print it, 14MAR1952
/// as clinical systems print it, 1952-Mar-14, 14 Mar 52, March 14, 1952,
/// March the 14th, 1952). Numeric forms are checked by
/// [`numeric_date_ok`], eight digits by [`compact_date_ok`], spaced ones
/// by [`spaced_date_ok`].
fn date_pattern() -> String {
    let part = format!(r"(?:{BLANK}*{MARK}{BLANK}*|{BLANK}+)");
    format!(
        r"(?ix)(?-u:\b)(?:
            (?P<numeric> \d{{1,2}} {MARK} \d{{1,2}} {MARK} {YEAR} )
          | (?P<iso> \d{{4}} {MARK} \d{{1,2}} {MARK} \d{{1,2}} ) {TIME}?
          | (?P<compact> \d{{8}} ) {TIME}?
          | (?P<spaced> \d{{1,2}} {part} \d{{1,2}} {part} \d{{4}}
                      | \d{{4}} {part} \d{{2}} {part} \d{{2}} )
          | {DAY} (?:\s+of)? [\s/.\-]* {MONTH} ,? [\s/.\-]* {YEAR}
          | {MONTH} \s+ (?:the\s+)? {DAY} ,? \s+ {YEAR}
          | \d{{4}} [\s/.\-]+ {MONTH} [\s/.\-]+ {DAY}
        )(?-u:\b)"
    )
}

static DATE: LazyLock<Regex> = LazyLock::new(|| regex(&date_pattern()));

/// [`DATE`] where a search starts, for a date run on to its cue
/// (`DOB14/03/1952`), searched from its first digit.
static DATE_AT_START: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!("^(?:{})", date_pattern())));

/// "DOB", "D.O.B." and "D/O/B", and their plurals ("DOBs", "D.O.B.s").
const DOB: &str = r"d[./]?o[./]?b (?:\.?['’]?s)?";
/// The cues in words: "date of birth", "birth date", "birthday", their
/// plurals, and run together or with hyphens or underscores.
const DATE_OF_BIRTH: &str = r"(?: (?:dates? | date\(s\)) [\s\-_]* of [\s\-_]* birth
              | birth [\s\-_]? dates?
              | birthdays?
            )";

/// Words that mark a date as a date of birth, and their plurals, as a
/// column of several is headed ("dates of birth", "birth dates", "DOBs",
/// "D.O.B.s"); also run together, as exports name a column
/// (`DateOfBirth`, `date_of_birth`). A footnote marker run on to the cue
/// leaves it a cue: `*`, `†` or `[1]` already part from it, and a
/// superscript, read as the digit or letter it is (`birth¹` as `birth1`,
/// `birthᵃ` as `birtha`), is taken with it (a letter not after "born",
/// which would make "borne" a cue). "b." only in lowercase, so that
/// "Plan B." is not a cue.
///
/// A cue's word run on to a digit is matched with that one digit (the
/// first alternative, so the only match that ends in a digit): a date may
/// start there, run on to its cue as a form's label and field copied give
/// it (`DOB14/03/1952`, `Born14th March 1952`, `DateOfBirth14031952`);
/// a superscript marker is that digit too.
static DOB_CUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?ix)
        (?-u:\b)(?:
            (?: {DOB} | {DATE_OF_BIRTH} | born ) [0-9]
          | {DOB} [a-z]? (?-u:\b) \.?
          | {DATE_OF_BIRTH} [a-z]? (?-u:\b)
          | born (?-u:\b)
        )
        | (?-i: (?-u:\b) b\. )"
    ))
});

/// Whether `text` (a table's column heading) marks a date as a date of
/// birth: every date under it is one.
pub fn names_a_date_of_birth(text: &str) -> bool {
    find_cues(text).next().is_some()
}

/// The cues of [`DOB_CUE`] in `text`, but for a "b." that is a list's
/// letter ([`is_list_letter`]).
fn find_cues(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    DOB_CUE
        .find_iter(text)
        .filter(|cue| cue.as_str() != "b." || !is_list_letter(text, cue.start()))
}

/// Words a list's letter follows ("Phase b.", "Step b."), lowercase.
const LIST_WORDS: &[&str] = &[
    "appendix", "item", "option", "part", "phase", "point", "question", "round", "section",
    "stage", "step", "strand", "table", "tier", "wave",
];

/// How far back (in bytes) the "a." of a list is looked for.
const LIST_REACH: usize = 300;

/// Whether the "b." at byte `at` of `text` is a list's letter, not
/// "born": after a word that letters the parts of something ("Phase b.",
/// [`LIST_WORDS`]), before a closing bracket ("(b.)"), or where a list's
/// "a." stands before it in the same paragraph ("a. 14/03/2018, b.
/// 21/03/2018"): an "a." standing alone, which no sentence writes. "b."
/// after a name or in brackets ("Marjorie Quillfeather (b. 14/03/1952)")
/// stays "born".
fn is_list_letter(text: &str, at: usize) -> bool {
    if text[at + 2..].starts_with(')') {
        return true;
    }
    let before = text[..at].trim_end_matches([' ', '\t', '\u{a0}']);
    // The ASCII letters that end `before` (one byte each).
    let letters = before
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .count();
    let word = before[before.len() - letters..].to_ascii_lowercase();
    if before.len() < at && LIST_WORDS.contains(&word.as_str()) {
        return true;
    }
    let mut from = at.saturating_sub(LIST_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let reach = &text[from..at];
    let paragraph = reach.rfind("\n\n").map_or(reach, |i| &reach[i..]);
    paragraph.match_indices("a.").any(|(i, _)| {
        let alone_before = !paragraph[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.');
        let alone_after = paragraph[i + 2..].starts_with(char::is_whitespace);
        alone_before && alone_after
    })
}

/// A sentence ending inside the gap between a cue and a date: the cue is then
/// about something else. Common abbreviations (Dr., Mrs.) do not end one;
/// nor does a question, which a transcript's answer follows ("And your
/// date of birth? Participant: 14/03/1952"; red team round 13).
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(\p{L}*)[.!]\s+[\p{Lu}\d]|\n[ \t]*\n"));

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "St", "Prof", "Rev", "Revd", "No",
];

/// Characters a date may follow its cue by ("DOB: ... 14/03/1952").
pub(super) const CUE_BEFORE_DATE: usize = 40;
/// Characters a date may precede its cue by ("14/03/1952 (DOB)").
const CUE_AFTER_DATE: usize = 15;

pub(super) fn dates_of_birth(text: &str) -> Vec<PatternHit> {
    let mut cues: Vec<Range<usize>> = Vec::new();
    // Where a date may start run on to its cue's word.
    let mut run_on: Vec<usize> = Vec::new();
    for cue in find_cues(text) {
        if cue.as_str().ends_with(|c: char| c.is_ascii_digit()) {
            cues.push(cue.start()..cue.end() - 1);
            run_on.push(cue.end() - 1);
        } else {
            cues.push(cue.range());
        }
    }
    if cues.is_empty() {
        return Vec::new();
    }
    let dates = DATE.captures_iter(text).map(|c| (c, 0));
    let run_on_dates = run_on
        .iter()
        .filter_map(|&at| Some((DATE_AT_START.captures(&text[at..])?, at)));
    dates
        .chain(run_on_dates)
        .filter(|(c, _)| is_date(c))
        .filter_map(|(c, at)| c.get(0).map(|m| m.start() + at..m.end() + at))
        .filter(|date| cues.iter().any(|cue| cue_applies(text, cue, date)))
        .map(|date| hit(PatternKind::DateOfBirth, date))
        .collect()
}

/// Whether what [`DATE`] matched is a date.
fn is_date(c: &Captures) -> bool {
    if let Some(compact) = c.name("compact") {
        return compact_date_ok(compact.as_str());
    }
    if let Some(spaced) = c.name("spaced") {
        return spaced_date_ok(spaced.as_str());
    }
    let numeric = c.name("numeric").or(c.name("iso"));
    numeric.is_none_or(|m| numeric_date_ok(m.as_str()))
}

/// What parts the numbers of a numeric, ISO or spaced date.
const DATE_PARTS: [char; 7] = ['/', '.', '-', '\\', ' ', '\t', '\u{a0}'];

/// Whether the numbers of a numeric, ISO or spaced date make a day, a
/// month and a year (day-month or month-day order).
fn numeric_date_ok(s: &str) -> bool {
    let parts: Vec<u32> = s
        .split(DATE_PARTS)
        .filter_map(|p| p.trim_start_matches(['\'', '‘', '’']).parse().ok())
        .collect();
    let [a, b, c] = parts[..] else {
        return false;
    };
    let day = |d: u32| (1..=31).contains(&d);
    let month = |m: u32| (1..=12).contains(&m);
    if s.find(DATE_PARTS) == Some(4) {
        // Year first (1952-03-14, 1952/03/14).
        return month(b) && day(c);
    }
    (day(a) && month(b)) || (month(a) && day(b))
}

/// Whether numbers parted by spaces make a date, as [`numeric_date_ok`],
/// with a year from 1900 to 2099 (as [`compact_date_ok`]: numbers in a
/// row are less surely a date than numbers parted by `/`).
fn spaced_date_ok(s: &str) -> bool {
    let year = s
        .split(DATE_PARTS)
        .find(|part| part.len() == 4)
        .and_then(|year| year.parse::<u32>().ok());
    numeric_date_ok(s) && year.is_some_and(|y| (1900..=2099).contains(&y))
}

/// Whether eight digits make a date, day first (14031952) or year first
/// (19520314), with a year from 1900 to 2099.
fn compact_date_ok(s: &str) -> bool {
    let part = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let day = |d: u32| (1..=31).contains(&d);
    let month = |m: u32| (1..=12).contains(&m);
    let year = |y: u32| (1900..=2099).contains(&y);
    (day(part(0..2)) && month(part(2..4)) && year(part(4..8)))
        || (year(part(0..4)) && month(part(4..6)) && day(part(6..8)))
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
