//! Finding pseudonymous participant ids in text: they must never be published.

use crate::model::Participant;
use crate::reading::{DASHES, SPACES};
use aho_corasick::AhoCorasick;
use std::ops::Range;

pub struct ParticipantIds {
    /// Each id's parts run together, without its marks (`agp1` for
    /// `a-gp-1`): found in a text without its marks ([`Unmarked`]), then
    /// checked against the text as written ([`Shape::written`]).
    automaton: Option<AhoCorasick>,
    /// The ids looked for.
    ids: Vec<String>,
    /// The shape of each id the automaton looks for, by pattern.
    shapes: Vec<Shape>,
    /// Some id may be read with white space between its parts (see
    /// [`Shape::may_be_spaced`]): white space is then left out of the text
    /// the automaton reads.
    spaced: bool,
}

/// The marks that part an id's words, read as one another: a reader takes
/// `a_sw_1`, `a.sw.1`, `a/sw/1` and `a:sw:1` (as some coding tools set
/// codes apart; round 22) for `a-sw-1` (red team, round 12), and so are
/// `~`, `+`, `=`, `^` and a backslash (round 31; not `;`, which parts a list), and a
/// number sign before a part too (`A GP #1`, as a list numbers people). A
/// run of hyphens, and of the Unicode dashes a reader takes for a hyphen
/// ([`DASHES`]), is one mark as well: Markdown shows `a--sw--1` as
/// `a–sw–1`, which the checks of the files read as shown (round 18).
pub const ID_MARKS: [char; 11] = ['-', '_', '.', '/', ':', '#', '~', '+', '=', '^', '\\'];

/// The dots drawn at the middle of a line that part an id's parts as a
/// hyphen does (`A·GP·1`, as a transcript or a form sets codes apart):
/// the middle dot, the bullet, the operator dots, the hyphenation point
/// and the katakana middle dots a Japanese keyboard types.
pub const MIDDLE_DOTS: [char; 7] = [
    '\u{b7}', '\u{2022}', '\u{2027}', '\u{2219}', '\u{22c5}', '\u{30fb}', '\u{ff65}',
];

/// The words and signs a list numbers people with, read before a part of
/// digits alone as a mark between two parts (`A-GP no. 1`, `A GP No 1`,
/// `a-gp nr.1`, `A GP №1`): each in any case, with a full stop after it or
/// not, and after a mark or white space, not a letter (`gpno1` is no
/// id). The number sign `#` is one of [`ID_MARKS`], before any part.
const NUMBER_WORDS: [&str; 7] = [
    "number", "num", "no", "nr", "n\u{b0}", "n\u{ba}", "\u{2116}",
];

/// The fewest parts an id may have to be read with spaces between them:
/// `A GP 1` is `a-gp-1`, but a code of two parts written with a space is
/// ordinary text (`GP 12 hours` for `gp-12`, `Table A 1` for `a-1`).
const FEWEST_PARTS_SPACED: usize = 3;

/// How an id is read in a text: which marks may part its parts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// With one mark between each two parts only: pieces drawn apart
    /// (see [`ParticipantIds::find_with_marks`]).
    Marked,
    /// With a mark left out where the id's shape allows it: the text of a
    /// whole page run together across its blocks (see
    /// [`ParticipantIds::find_run_together`]).
    LeftOut,
    /// As [`Reading::LeftOut`], and with white space between parts (a
    /// space, a no-break space, a line break), alone or around a mark
    /// (`A GP 1`, `A / GP / 1`, `A – GP – 1`), where the id's shape allows
    /// it: one block of text as a reader reads it.
    Spaced,
}

/// The shortest an id's parts run together may be for the id to be read
/// with a mark left out: `a-1` is not found as `A1` (a paper size), nor
/// `a-12` as `A12` (a road), but `a-gp-1` is found as `AGP1`.
const SHORTEST_RUN_TOGETHER: usize = 4;

/// How one id is written: the lengths of its parts (what its marks part),
/// and whether a mark between two of them may be left out.
struct Shape {
    parts: Vec<usize>,
    /// For each two parts in a row: whether the id writes them together,
    /// letters then digits or digits then letters with no mark between
    /// (`p` and `07` of `p07`), so that they may be written so, or with a
    /// mark between (`P-07`), whatever the id's length.
    joined: Vec<bool>,
    marks_optional: bool,
    /// A part of letters, then one of digits with a leading zero (`p` and
    /// `007` of `p007`, `a` and `01` of `a-01`): a code, also with a space
    /// between (`P 007`), as no count is written with a leading zero.
    padded_pair: bool,
}

/// What parts two parts of an id as written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Between {
    /// Nothing: the parts run together.
    Nothing,
    /// One mark, with no space.
    Mark,
    /// White space, alone or around one mark.
    Space,
}

impl Shape {
    /// The id's parts, and its shape: a mark between two parts may be left
    /// out only where the parts run together hold a letter and a digit and
    /// are [`SHORTEST_RUN_TOGETHER`] long at least (`A-GP1`, `AGP1`), not
    /// where that makes an ordinary word or code (`A1`, `B12`, `AGP`).
    ///
    /// Letters and digits written together are parts of their own, parted
    /// by nothing or by a mark ([`Shape::joined`]).
    fn of(id: &str) -> (String, Shape) {
        let marked: Vec<&str> = id
            .split(|c| ID_MARKS.contains(&c) || DASHES.contains(&c))
            .filter(|part| !part.is_empty())
            .collect();
        let together = marked.concat();
        let marks_optional = together.chars().count() >= SHORTEST_RUN_TOGETHER
            && together.chars().any(|c| c.is_ascii_alphabetic())
            && together.chars().any(|c| c.is_ascii_digit());
        let mut parts: Vec<&str> = Vec::new();
        let mut joined = Vec::new();
        for part in marked {
            for (i, piece) in digit_runs(part).into_iter().enumerate() {
                if !parts.is_empty() {
                    joined.push(i > 0);
                }
                parts.push(piece);
            }
        }
        let padded_pair = match parts[..] {
            [letters, digits] => {
                !letters.bytes().any(|b| b.is_ascii_digit())
                    && digits.len() >= 2
                    && digits.starts_with('0')
                    && digits.bytes().all(|b| b.is_ascii_digit())
            }
            _ => false,
        };
        let parts = parts.iter().map(|part| part.len()).collect();
        (
            together,
            Shape {
                parts,
                joined,
                marks_optional,
                padded_pair,
            },
        )
    }

    /// Where in `text` the id is written, found as its parts run together
    /// at `found` of `unmarked` (`text` without its marks): the parts as
    /// they are, each two parted by one mark (or by none, where it may be
    /// left out), and no letter or digit on either side (an id run into
    /// other words by a hyphen, as a file named `a-sw-2-notes.md`, is
    /// found). A mark may be left out, or white space part two parts, only
    /// where `reading` and the id's shape allow it.
    fn written(
        &self,
        text: &[u8],
        unmarked: &Unmarked,
        found: Range<usize>,
        reading: Reading,
    ) -> Option<Range<usize>> {
        let left_out = reading != Reading::Marked && self.marks_optional;
        let spaced = reading == Reading::Spaced && self.may_be_spaced();
        let mut at = found.start;
        let mut written: Vec<Range<usize>> = Vec::with_capacity(self.parts.len());
        let mut space = false;
        for (i, &len) in self.parts.iter().enumerate() {
            let (first, last) = (unmarked.at(at), unmarked.at(at + len - 1));
            // A mark within a part (`ag-p1`) parts the id.
            if last - first != len - 1 {
                return None;
            }
            if let Some(before) = written.last() {
                let number = text[first..=last].iter().all(u8::is_ascii_digit);
                let joined = self.joined[i - 1];
                match parted_by(&text[before.end..first], number) {
                    Some(Between::Nothing) if left_out || joined => {}
                    Some(Between::Mark) => {}
                    Some(Between::Space) if spaced => space = true,
                    _ => return None,
                }
            }
            written.push(first..last + 1);
            at += len;
        }
        let (start, end) = (written.first()?.start, written.last()?.end);
        let before = start == 0 || !text[start - 1].is_ascii_alphanumeric();
        let after = end == text.len() || !text[end].is_ascii_alphanumeric();
        (before && after && (!space || reads_as_code(text, &written))).then_some(start..end)
    }

    /// Whether the id may be read with white space between its parts:
    /// where its parts run together are read as the id (see
    /// [`Shape::of`]) and it has [`FEWEST_PARTS_SPACED`] parts at least,
    /// or where it is letters and a number with a leading zero
    /// ([`Shape::padded_pair`]: `P 007`).
    fn may_be_spaced(&self) -> bool {
        (self.marks_optional && self.parts.len() >= FEWEST_PARTS_SPACED) || self.padded_pair
    }
}

/// Whether `between` (what parts two parts of an id in a text: marks only)
/// is one mark as a reader sees it: `_`, `.`, `/`, `:` or `#`, or a run of hyphens
/// and Unicode [`DASHES`] (Markdown shows `--` as an en dash, `---` as an
/// em dash, `----` as two en dashes, and the final check reads each dash
/// as a hyphen too: every run is one mark, so that the checks of the
/// files and the final check read the same); or nothing, where
/// `optional`. A `#` after any of them is part of the mark.
fn is_one_mark(between: &[u8]) -> bool {
    // A number sign after another mark is read with it (`a-gp-#1`).
    let between = match between.strip_suffix(b"#") {
        Some(before) if !before.is_empty() => before,
        _ => between,
    };
    match between {
        [] => false,
        [b'_' | b'.' | b'/' | b':' | b'#' | b'~' | b'+' | b'=' | b'^' | b'\\'] => true,
        _ => std::str::from_utf8(between).is_ok_and(|s| {
            let mut chars = s.chars();
            match chars.next() {
                Some(c) if MIDDLE_DOTS.contains(&c) => chars.next().is_none(),
                _ => s.chars().all(|c| c == '-' || DASHES.contains(&c)),
            }
        }),
    }
}

/// Whether `c` is white space between an id's parts: a space or a tab, a
/// line break, or a Unicode space a reader takes for one ([`SPACES`]).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r') || SPACES.contains(&c)
}

/// What parts two parts of an id, written `between` (the marks and white
/// space the text holds there, and nothing else): nothing, one mark (see
/// [`is_one_mark`]), or white space alone or on either side of one mark
/// (`A GP 1`, `A / GP / 1`, `A – GP – 1`), with one line break at most (a
/// blank line ends a paragraph) and no full stop or colon (`A. GP 1` ends
/// a sentence, `Appendix A: GP 1-year outcomes` a label; round 22);
/// before a part of digits alone (`number`), a number word or sign may
/// end it as well ([`without_number_word`]: `A-GP no. 1`, `A GP - #1`);
/// `None` for anything else.
fn parted_by(between: &[u8], number: bool) -> Option<Between> {
    if between.is_empty() {
        return Some(Between::Nothing);
    }
    if is_one_mark(between) {
        return Some(Between::Mark);
    }
    let between = std::str::from_utf8(between).ok()?;
    let breaks = between
        .matches('\n')
        .count()
        .max(between.matches('\r').count());
    if breaks > 1 {
        return None;
    }
    let numbered = number.then(|| without_number_word(between)).flatten();
    let mark = numbered.unwrap_or(between).trim_matches(is_space);
    let spaced = between.contains(is_space);
    let parted = match numbered {
        // The number word or sign is the mark, or follows one.
        Some(_) => mark.is_empty() || is_one_mark(mark.as_bytes()),
        None => spaced && (mark.is_empty() || is_one_mark(mark.as_bytes())),
    };
    let label = spaced && matches!(mark, "." | ":");
    (parted && !label).then_some(match spaced {
        true => Between::Space,
        false => Between::Mark,
    })
}

/// `between` without the number word or sign ([`NUMBER_WORDS`], `#`) that
/// ends it, with a full stop and white space after it or not; `None` if
/// none ends it, or a word in letters does with nothing before it (the
/// word would run on from the part before: `GPno`).
fn without_number_word(between: &str) -> Option<&str> {
    let trimmed = between.trim_end_matches(is_space);
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    NUMBER_WORDS.iter().chain(&["#"]).find_map(|word| {
        let at = trimmed.len().checked_sub(word.len())?;
        let (before, end) = trimmed.split_at_checked(at)?;
        let runs_on = before.is_empty() && word.starts_with(|c: char| c.is_ascii_alphabetic());
        (end.eq_ignore_ascii_case(word) && !runs_on).then_some(before)
    })
}

/// The length of the number word `bytes` starts with ([`NUMBER_WORDS`]),
/// where a number follows it: after a full stop or not, and after white
/// space where `spaced` (`no. 1`, `No1`, `nr.1`).
fn number_word_len(bytes: &[u8], spaced: bool) -> Option<usize> {
    let word = NUMBER_WORDS.iter().find(|word| {
        bytes
            .get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word.as_bytes()))
    })?;
    let mut rest = &bytes[word.len()..];
    rest = rest.strip_prefix(b".").unwrap_or(rest);
    while let Some(len) = spaced.then(|| white_len(rest)).flatten() {
        rest = &rest[len..];
    }
    rest.first()
        .is_some_and(u8::is_ascii_digit)
        .then_some(word.len())
}

/// The length of the white space character ([`is_space`]) `bytes` starts
/// with, if it starts with one (reading that character alone).
fn white_len(bytes: &[u8]) -> Option<usize> {
    let len = match bytes.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 1,
    };
    let c = std::str::from_utf8(bytes.get(..len)?)
        .ok()?
        .chars()
        .next()?;
    is_space(c).then_some(len)
}

/// Whether an id found with white space between its parts, `written` in
/// `text` (each part's place), reads as a code rather than as words: its
/// letters are not a part in small letters beside one in capitals (`a
/// GP 1 day a week`, an article before an abbreviation; `A GP 1` and `a
/// gp 1` are the id), and no number runs on after it past a comma or a
/// full stop (`A GP 1,000`, `A GP 1.5 days`).
fn reads_as_code(text: &[u8], written: &[Range<usize>]) -> bool {
    let end = written.last().map_or(0, |part| part.end);
    if let [b',' | b'.', digit, ..] = &text[end..]
        && digit.is_ascii_digit()
    {
        return false;
    }
    let mut cases = (false, false);
    for part in written {
        // Each part is ASCII here: a part is written as it is found, byte
        // for byte, once full-width forms are read as ASCII.
        let letters = text[part.clone()]
            .iter()
            .filter(|b| b.is_ascii_alphabetic());
        if letters.clone().next().is_none() {
            continue;
        }
        if letters.clone().all(u8::is_ascii_lowercase) {
            cases.0 = true;
        } else if letters.clone().all(u8::is_ascii_uppercase) {
            cases.1 = true;
        }
    }
    !(cases.0 && cases.1)
}

/// How many digits a number of an id is read with, leading zeros written,
/// at least: `a-gp-01` and `a-gp-001` are `a-gp-1` to a reader, as a list
/// may number people, and `p7` and `p007` are `p07`.
const PADDED_TO: usize = 3;

/// `part` in runs of ASCII digits and runs of anything else (`p07` is
/// `p` and `07`).
fn digit_runs(part: &str) -> Vec<&str> {
    let mut runs: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in part.char_indices().skip(1) {
        let before = part[..i]
            .chars()
            .next_back()
            .is_some_and(|b| b.is_ascii_digit());
        if before != c.is_ascii_digit() {
            runs.push(&part[start..i]);
            start = i;
        }
    }
    if start < part.len() {
        runs.push(&part[start..]);
    }
    runs
}

/// `id` with each of its numbers (a run of digits, a part alone or after
/// letters) read by its value: written with the zeros its value needs,
/// and with leading zeros, up to [`PADDED_TO`] digits or as many as the
/// id has, whichever is more (`a-gp-01` is `a-gp-1`, `a-gp-01` and
/// `a-gp-001`; `p007` is `p7`, `p07` and `p007`): an id is found however
/// its numbers are padded, as it is listed or otherwise.
fn with_leading_zeros(id: &str) -> Vec<String> {
    let mut forms = vec![String::new()];
    for run in digit_runs(id) {
        let written: Vec<String> = match run.bytes().all(|b| b.is_ascii_digit()) {
            true => {
                let value = run.trim_start_matches('0');
                let value = if value.is_empty() { "0" } else { value };
                (value.len()..=PADDED_TO.max(run.len()))
                    .map(|width| format!("{value:0>width$}"))
                    .collect()
            }
            false => vec![run.to_string()],
        };
        let mut longer = Vec::with_capacity(forms.len() * written.len());
        for form in &forms {
            for w in &written {
                longer.push(format!("{form}{w}"));
            }
        }
        forms = longer;
    }
    forms
}

/// The length of what starts `bytes`, if it is left out of the text an
/// id's parts are looked for in: one of [`ID_MARKS`], of the
/// [`MIDDLE_DOTS`] or of the Unicode [`DASHES`], and, where `spaced`,
/// white space ([`is_space`]).
fn mark_len(bytes: &[u8], spaced: bool) -> Option<usize> {
    match bytes.first()? {
        b'-' | b'_' | b'.' | b'/' | b':' | b'#' | b'~' | b'+' | b'=' | b'^' | b'\\' => Some(1),
        b' ' | b'\t' | b'\n' | b'\r' => spaced.then_some(1),
        // Every one of the dashes, dots and spaces starts with one of
        // these bytes (a test reads them).
        &lead @ (0xC2 | 0xCB | 0xD6 | 0xE1 | 0xE2 | 0xE3 | 0xE4 | 0xEF | 0xF0) => {
            let len = match lead {
                0xC2 | 0xCB | 0xD6 => 2,
                0xF0 => 4,
                _ => 3,
            }
            .min(bytes.len());
            let c = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
            let mark = DASHES.contains(&c) || MIDDLE_DOTS.contains(&c);
            (mark || (spaced && SPACES.contains(&c))).then_some(len)
        }
        _ => None,
    }
}

/// A text without its marks ([`mark_len`]), and where each run of what is
/// left starts in the text.
struct Unmarked<'t> {
    bytes: std::borrow::Cow<'t, [u8]>,
    /// For each run of bytes kept: where it starts here, and in the text.
    runs: Vec<(usize, usize)>,
    /// A number word was left out ([`NUMBER_WORDS`]).
    numbered: bool,
}

impl<'t> Unmarked<'t> {
    /// `text` without its marks, without its white space too where
    /// `spaced`, and without each number word before a number where
    /// `numbers` (after no letter or digit: see [`number_word_len`]).
    fn of(text: &'t [u8], spaced: bool, numbers: bool) -> Unmarked<'t> {
        // The bytes a mark (or white space, or a number word) starts with.
        let starts_mark = |b: &u8| match b {
            b'-' | b'_' | b'.' | b'/' | b':' | b'#' | b'~' | b'+' | b'=' | b'^' | b'\\' | 0xC2
            | 0xCB | 0xD6 | 0xE1 | 0xE2 | 0xE3 | 0xE4 | 0xEF | 0xF0 => true,
            b' ' | b'\t' | b'\n' | b'\r' => spaced,
            b'n' | b'N' => numbers,
            _ => false,
        };
        let mut bytes: Option<Vec<u8>> = None;
        let mut runs = vec![(0, 0)];
        let mut numbered = false;
        // Where the run of bytes being kept starts, and how far the text
        // has been read.
        let (mut kept, mut at) = (0, 0);
        while let Some(found) = text[at..].iter().position(starts_mark) {
            let mark = at + found;
            let word = || {
                let after_word = mark > 0 && text[mark - 1].is_ascii_alphanumeric();
                let len = match numbers && !after_word {
                    true => number_word_len(&text[mark..], spaced),
                    false => None,
                };
                numbered |= len.is_some();
                len
            };
            let Some(len) = mark_len(&text[mark..], spaced).or_else(word) else {
                at = mark + 1;
                continue;
            };
            let bytes = bytes.get_or_insert_with(|| Vec::with_capacity(text.len()));
            bytes.extend_from_slice(&text[kept..mark]);
            (kept, at) = (mark + len, mark + len);
            runs.push((bytes.len(), kept));
        }
        let bytes = match bytes {
            None => text.into(),
            Some(mut bytes) => {
                bytes.extend_from_slice(&text[kept..]);
                bytes.into()
            }
        };
        Unmarked {
            bytes,
            runs,
            numbered,
        }
    }

    /// Where the byte at `at` here is in the text (the last run starting
    /// there or before: after two marks in a row, two runs start at one
    /// place here).
    fn at(&self, at: usize) -> usize {
        let run = self.runs.partition_point(|&(start, _)| start <= at) - 1;
        let (here, there) = self.runs[run];
        there + (at - here)
    }
}

impl ParticipantIds {
    pub fn new(participants: &[Participant]) -> ParticipantIds {
        let mut ids: Vec<String> = participants
            .iter()
            .filter(|p| !p.id.is_empty())
            .flat_map(|p| with_leading_zeros(&p.id))
            .collect();
        ids.sort();
        ids.dedup();
        let (patterns, shapes): (Vec<String>, Vec<Shape>) = ids
            .iter()
            .map(|id| Shape::of(id))
            // An id of marks alone has nothing to find.
            .filter(|(together, _)| !together.is_empty())
            .unzip();
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&patterns)
                .expect("participant ids are plain strings")
        });
        let spaced = shapes.iter().any(Shape::may_be_spaced);
        ParticipantIds {
            automaton,
            ids,
            shapes,
            spaced,
        }
    }

    /// The ids looked for, each also as [`with_leading_zeros`] writes it.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Whole-word occurrences of any participant id in `text`, one block
    /// of text as a reader reads it, in any case: not beside a letter or
    /// digit (an id run into other words by a hyphen, as a file named
    /// `a-sw-2-notes.md`, is found), with one mark between each two of its
    /// parts, `_`, `.`, `/`, `:`, a middle dot ([`MIDDLE_DOTS`]) or a run of
    /// hyphens and Unicode dashes, read as one another; or, where the
    /// id's parts run together are a code no ordinary word is (see
    /// [`Shape::of`]), with none (`A-GP1`, `AGP1` for `a-gp-1`), or, for
    /// such an id of three parts or more, with white space alone or around
    /// a mark (`A GP 1`, `A / GP / 1`, `A – GP – 1`), where it reads as a
    /// code (see [`reads_as_code`]). Soft hyphens and zero-width
    /// characters inside an id do not hide it.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        self.find_as(text, Reading::Spaced)
    }

    /// [`ParticipantIds::find`], with no white space between an id's
    /// parts: for a page's text run together across its elements and
    /// blocks, where two blocks (a table's cells, a heading and a list)
    /// meet with a space that parts what a reader reads ("Borough A" over
    /// a column, "GP" and "3" in a row), and each block is read on its
    /// own as well.
    pub fn find_run_together(&self, text: &str) -> Vec<Range<usize>> {
        self.find_as(text, Reading::LeftOut)
    }

    /// [`ParticipantIds::find`], for ids written with a mark between each
    /// two of their parts only: where pieces of text drawn apart are read
    /// side by side in any order (a drawing's labels "Borough A", "GP" and
    /// "1" make no id a reader sees).
    pub fn find_with_marks(&self, text: &str) -> Vec<Range<usize>> {
        self.find_as(text, Reading::Marked)
    }

    /// The ids in `text`, read as `reading` says.
    fn find_as(&self, text: &str, reading: Reading) -> Vec<Range<usize>> {
        if self.automaton.is_none() {
            return Vec::new();
        }
        match super::patterns::Visible::of(text, false) {
            None => self.find_visible(text, reading),
            Some(visible) => self
                .find_visible(&visible.text, reading)
                .into_iter()
                .map(|range| visible.original(text, range))
                .collect(),
        }
    }

    fn find_visible(&self, text: &str, reading: Reading) -> Vec<Range<usize>> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = text.as_bytes();
        let spaced = reading == Reading::Spaced && self.spaced;
        // Read without the number words before numbers, and, where one
        // was left out, as written too: an id may have a part that is one
        // (`b-no-2` written `b-no 2`).
        let unmarked = Unmarked::of(text, spaced, true);
        let mut found = self.found_in(automaton, text, &unmarked, reading);
        if unmarked.numbered {
            let written = Unmarked::of(text, spaced, false);
            found.extend(self.found_in(automaton, text, &written, reading));
        }
        // The leftmost, then the longest, of those that overlap.
        found.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
        let mut kept: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for range in found {
            if kept.last().is_none_or(|last| range.start >= last.end) {
                kept.push(range);
            }
        }
        kept
    }

    /// Every place each id's parts run together are found in `unmarked`,
    /// as written in `text`: a longer id found where a shorter one is
    /// written hides nothing.
    fn found_in(
        &self,
        automaton: &AhoCorasick,
        text: &[u8],
        unmarked: &Unmarked,
        reading: Reading,
    ) -> Vec<Range<usize>> {
        automaton
            .find_overlapping_iter(&*unmarked.bytes)
            .filter_map(|m| {
                let shape = &self.shapes[m.pattern().as_usize()];
                shape.written(text, unmarked, m.range(), reading)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, Sector};

    fn ids(list: &[&str]) -> ParticipantIds {
        let participants: Vec<Participant> = list
            .iter()
            .map(|id| Participant {
                id: id.to_string(),
                role: "GP".into(),
                sector: Sector::PrimaryCare,
                level: None,
                borough: "a".into(),
                consent: Consent::Given,
            })
            .collect();
        ParticipantIds::new(&participants)
    }

    /// Round 31: the ASCII signs a reader reads as setting a code's parts
    /// apart part an id as a hyphen does.
    #[test]
    fn finds_ids_parted_by_other_ascii_signs() {
        let finder = ids(&["b-gp-1"]);
        for mark in ['~', '+', '=', '^', '\\'] {
            let text = format!("said B{mark}GP{mark}1 then");
            assert_eq!(finder.find(&text).len(), 1, "{text}");
        }
        let finder = ids(&["a-sw-1", "a-sw-2", "a-gp-1", "b-gp-1"]);
        assert_eq!(finder.find("We heard from A+GP+1 that spring.").len(), 1);
    }

    #[test]
    fn finds_whole_ids_only() {
        let finder = ids(&["b-gp-1"]);
        assert_eq!(finder.find("said b-gp-1 then").len(), 1);
        assert_eq!(finder.find("see b-gp-12 or ab-gp-1").len(), 0);
        assert_eq!(finder.find("B-GP-1.").len(), 1);
    }

    /// Run into other words by a hyphen, or written with other marks
    /// between its words, an id is the id to a reader (red team, round 12).
    #[test]
    fn finds_ids_run_into_words_or_written_with_other_marks() {
        let finder = ids(&["b-gp-1", "c/n/3"]);
        for text in [
            "quotes/b-gp-1-late-notes.html",
            "transcript b-gp-1-2017-11-14",
            "file b_gp_1_transcript.docx",
            "B.GP.1 said",
            "see c-n-3 and",
            "see c_n_3",
        ] {
            assert_eq!(finder.find(text).len(), 1, "{text}");
        }
        assert_eq!(finder.find("xb-gp-1 b-gp-10 b-gp-1x").len(), 0);
        let text = "said b_gp_1.";
        assert_eq!(&text[finder.find(text)[0].clone()], "b_gp_1");
    }
    /// A number sign before a part, alone or after another mark, parts an
    /// id as a hyphen does (`A GP #1`, as a list numbers people); a
    /// number sign alone with a count is no id.
    #[test]
    fn finds_ids_numbered_with_a_number_sign() {
        let finder = ids(&["a-gp-1"]);
        for text in ["Said by A GP #1.", "said a-gp-#1", "A GP#1 said", "a#gp#1"] {
            assert_eq!(finder.find(text).len(), 1, "{text}");
        }
        for text in [
            "GP #1 priority for borough A",
            "Issue #1 in A GP practice",
            "a-gp-#12",
        ] {
            assert_eq!(finder.find(text).len(), 0, "{text}");
        }
    }

    /// A number word or sign before a part of digits, with white space or
    /// a mark around it or not, parts an id as a mark does (`A-GP no. 1`,
    /// `A GP - #1`), and the id's letters are read without it (`a gp No.
    /// 1` is no article before an abbreviation); an id with a part that
    /// is a number word is still found as written.
    #[test]
    fn finds_ids_numbered_with_a_number_word() {
        let finder = ids(&["a-gp-1", "b-no-2"]);
        for (text, written) in [
            ("Said by a-gp no. 1 then", "a-gp no. 1"),
            ("Said by A GP - #1 then", "A GP - #1"),
            ("Said by A GP # 1 then", "A GP # 1"),
            ("Said by A-GP No.1 then", "A-GP No.1"),
            ("Said by a gp no. 1 then", "a gp no. 1"),
            ("Said by A GP NO 01 then", "A GP NO 01"),
            ("Said by a-gp-nr.1 then", "a-gp-nr.1"),
            ("Said by A GP number 1 then", "A GP number 1"),
            ("Said by A GP num. 1 then", "A GP num. 1"),
            ("Said by A GP n\u{ba} 1 then", "A GP n\u{ba} 1"),
            ("Said by A GP n\u{b0}1 then", "A GP n\u{b0}1"),
            ("Said by A GP \u{2116}1 then", "A GP \u{2116}1"),
            ("Said by A GP \u{2116} 1 then", "A GP \u{2116} 1"),
            ("Said by A GP - no. 1 then", "A GP - no. 1"),
            ("Said by A GP\u{a0}no.\u{a0}1 then", "A GP\u{a0}no.\u{a0}1"),
            ("said b-no 2 and b no 2", "b-no 2"),
        ] {
            let found = finder.find(text);
            assert_eq!(found.len(), 1 + text.matches("b no 2").count(), "{text}");
            assert_eq!(&text[found[0].clone()], written, "{text}");
        }
        for text in [
            "A GP no. 12 then",
            "A GPno. 1 then",
            "A GP nos. 1 to 3",
            "A GP none 1",
            "A GP. No. 1 priority",
            "A GP: no. 1 priority",
            "A GP, no. 1 priority",
            "a GP no. 1 priority",
            "A GP no.\n\n1 then",
            "A GP no. 1,000 patients",
            "No. 1 for A GP",
        ] {
            let found: Vec<&str> = finder.find(text).into_iter().map(|r| &text[r]).collect();
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        for text in ["A-GP-No.1", "a_gp_#1", "A\u{b7}GP\u{b7}no.1"] {
            assert_eq!(finder.find_with_marks(text).len(), 1, "{text}");
            assert_eq!(finder.find_run_together(text).len(), 1, "{text}");
        }
        assert!(finder.find_with_marks("A GP no. 1").is_empty());
    }

    /// A part of digits alone is read with leading zeros written
    /// (`a-gp-01`); a longer number is another id.
    #[test]
    fn finds_ids_with_leading_zeros() {
        assert_eq!(
            with_leading_zeros("a-gp-1"),
            ["a-gp-1", "a-gp-01", "a-gp-001"]
        );
        assert_eq!(with_leading_zeros("p12"), ["p12", "p012"]);
        assert_eq!(with_leading_zeros("a-gp-01"), with_leading_zeros("a-gp-1"));
        assert_eq!(with_leading_zeros("p007"), ["p7", "p07", "p007"]);
        assert_eq!(with_leading_zeros("p0"), ["p0", "p00", "p000"]);
        assert_eq!(with_leading_zeros("7--x"), ["7--x", "07--x", "007--x"]);
        let finder = ids(&["a-gp-1"]);
        for text in [
            "Said by a-gp-01.",
            "A GP 01 said",
            "AGP001 said",
            "a_gp_001",
        ] {
            assert_eq!(finder.find(text).len(), 1, "{text}");
        }
        for text in ["a-gp-010", "a-gp-0001", "a-gp-10"] {
            assert_eq!(finder.find(text).len(), 0, "{text}");
        }
    }

    /// As interview codes are typed in transcripts: with some or all of
    /// its marks left out, an id whose parts run together hold a letter
    /// and a digit and are four long at least is the id (red team, round
    /// 18).
    #[test]
    fn finds_ids_with_their_marks_left_out() {
        let finder = ids(&["a-gp-1"]);
        for text in [
            "As A-GP1 put it",
            "As AGP1 put it",
            "as agp-1 said",
            "as a-gp1 said",
            "as a_gp1 said",
            "(AGP1)",
            "AGP1.",
            "transcripts/agp1-notes.html",
            "x-agp1",
        ] {
            assert_eq!(finder.find(text).len(), 1, "{text}");
        }
        let text = "As AGP1, said";
        assert_eq!(&text[finder.find(text)[0].clone()], "AGP1");
        // A word run on to it is no id, nor is a mark within a part.
        for text in ["xagp1", "agp12", "agp1x", "ag-p1", "a-g-p-1", "AGP", "a-gp"] {
            assert!(finder.find(text).is_empty(), "{text}");
        }
    }

    /// Markdown shows `--` and `---` as en and em dashes: a run of hyphens
    /// and Unicode dashes between two parts is one mark, as the page shows
    /// them, and as the final check reads them, each dash a hyphen (red
    /// team, round 18).
    #[test]
    fn finds_ids_with_double_hyphens_or_dashes() {
        let finder = ids(&["a-gp-1", "a-1"]);
        for text in [
            "As a--gp--1 put it",
            "As a---gp---1 put it",
            "As a\u{2013}gp\u{2013}1 put it",
            "As A\u{2014}GP\u{2014}1 put it",
            "As a\u{2011}gp-1 put it",
            "As a\u{2212}gp\u{ff0d}1 put it",
            "As a--gp1 put it",
            "see a--1",
            "see a\u{2013}1",
            "As a----gp----1 put it",
            "As a\u{2013}\u{2013}gp-\u{2014}1 put it",
        ] {
            assert_eq!(finder.find(text).len(), 1, "{text}");
        }
        let text = "As a\u{2013}gp\u{2013}1.";
        assert_eq!(&text[finder.find(text)[0].clone()], "a\u{2013}gp\u{2013}1");
        for text in ["a..gp..1", "a__gp__1", "a-_gp-1", "a\u{2026}gp\u{2026}1"] {
            assert!(finder.find(text).is_empty(), "{text}");
        }
    }

    /// With spaces or middle dots between its parts, an id of three parts
    /// or more that is read run together is the id: its parts in order,
    /// parted only by white space, marks or both (open road, round 21).
    #[test]
    fn finds_ids_with_spaces_or_middle_dots_between_their_parts() {
        let finder = ids(&["a-gp-1"]);
        for (text, written) in [
            ("As A GP 1 put it", "A GP 1"),
            ("As a gp 1 put it", "a gp 1"),
            ("As A\u{b7}GP\u{b7}1 put it", "A\u{b7}GP\u{b7}1"),
            ("As A \u{b7} GP \u{b7} 1 put it", "A \u{b7} GP \u{b7} 1"),
            ("As A\u{2022}GP\u{2022}1 put it", "A\u{2022}GP\u{2022}1"),
            ("As A.GP.1 put it", "A.GP.1"),
            ("As A / GP / 1 put it", "A / GP / 1"),
            ("As A\u{2013}GP\u{2013}1 put it", "A\u{2013}GP\u{2013}1"),
            (
                "As A \u{2013} GP \u{2013} 1 put it",
                "A \u{2013} GP \u{2013} 1",
            ),
            ("As A - GP - 1 put it", "A - GP - 1"),
            ("As a -gp-1 put it", "a -gp-1"),
            ("As A\u{a0}GP\u{a0}1 put it", "A\u{a0}GP\u{a0}1"),
            ("As A\u{202f}GP\u{2009}1 put it", "A\u{202f}GP\u{2009}1"),
            ("As A GP\n1 put it", "A GP\n1"),
            ("As A  GP\t1 put it", "A  GP\t1"),
            ("As AGP 1 put it", "AGP 1"),
            ("As A GP1 put it", "A GP1"),
            ("As A:GP:1 put it", "A:GP:1"),
            ("Borough A GP 1 of 3 said", "A GP 1"),
            ("(A GP 1)", "A GP 1"),
            ("A GP 1.", "A GP 1"),
            ("A GP 1, then", "A GP 1"),
            ("As \u{ff21} GP 1 put it", "\u{ff21} GP 1"),
        ] {
            let found = finder.find(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(&text[found[0].clone()], written, "{text}");
        }
    }

    /// What a reader does not take for an id written with spaces: a
    /// comma, a full stop and a space (a sentence's end) or a blank line
    /// between parts, a small-letter part beside one in capitals (an
    /// article before an abbreviation), a number run on after it, an id
    /// of two parts, and a page's text run together across its blocks or
    /// a drawing's pieces.
    #[test]
    fn spaced_lookalikes_are_not_ids() {
        let finder = ids(&["a-gp-1", "a-1", "gp-12"]);
        for text in [
            "A GP, 1 of the three",
            "Borough A. GP 1 said",
            "A GP\n\n1 of them",
            "a GP 1 day a week",
            "A gp 1",
            "A GP 12 hours",
            "A GP 1990 contract",
            "A GP 1,000 patients",
            "A GP 1.5 days a week",
            "Table A 1",
            "grade A 1",
            "GP 12 hours",
            "A ; GP ; 1",
            "Appendix A: GP 1-year outcomes",
            "In Borough A: GP 1 of 3 practices",
            "A : GP : 1",
            "A \u{2026} GP \u{2026} 1",
        ] {
            let found: Vec<&str> = finder.find(text).into_iter().map(|r| &text[r]).collect();
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        for text in ["Borough A GP 1", "A\u{a0}GP 1"] {
            assert!(finder.find_run_together(text).is_empty(), "{text}");
            assert!(finder.find_with_marks(text).is_empty(), "{text}");
        }
        let text = "A\u{b7}GP\u{b7}1";
        assert_eq!(finder.find_with_marks(text).len(), 1);
        assert_eq!(finder.find_run_together(text).len(), 1);
    }

    /// Where an id's parts run together make an ordinary word or code,
    /// only the id written with its marks is found: `A1` paper, the `A12`
    /// road, vitamin `B12`, a date written together, a word.
    #[test]
    fn does_not_find_short_ids_run_together() {
        let finder = ids(&["a-1", "a-12", "b-12", "a-gp", "2017-11-14", "lead-nurse"]);
        for text in [
            "printed on A1 paper",
            "up the A12 to Colchester",
            "vitamin B12 levels",
            "the AGP was read",
            "on 20171114 at noon",
            "the leadnurse said",
            "a1 a12 b12",
        ] {
            assert!(finder.find(text).is_empty(), "{text}");
        }
        for text in [
            "see a-1",
            "see A_12",
            "see b.12",
            "see a-gp",
            "see 2017_11_14",
            "see lead-nurse",
        ] {
            assert_eq!(finder.find(text).len(), 1, "{text}");
        }
    }

    /// Where two ids are found in one place, the longest written there is
    /// kept; a longer id that is not written there hides no shorter one.
    #[test]
    fn keeps_the_id_written() {
        let finder = ids(&["a-gp-1", "a-gp-12"]);
        let text = "see a-gp-1-2 and a-gp-12 and agp12";
        let found: Vec<&str> = finder
            .find(text)
            .into_iter()
            .map(|range| &text[range])
            .collect();
        assert_eq!(found, ["a-gp-1", "a-gp-12", "agp12"]);
    }

    /// Every dash and middle dot read as a mark, and every space read as
    /// white space, starts with a byte [`mark_len`] and [`Unmarked`] look
    /// at.
    #[test]
    fn every_dash_dot_and_space_is_read_as_a_mark() {
        for mark in DASHES.iter().chain(&MIDDLE_DOTS).chain(&ID_MARKS) {
            let text = format!("{mark}x");
            for spaced in [false, true] {
                assert_eq!(
                    mark_len(text.as_bytes(), spaced),
                    Some(mark.len_utf8()),
                    "{mark}"
                );
            }
            assert_eq!(
                Unmarked::of(text.as_bytes(), false, true).bytes.as_ref(),
                b"x"
            );
        }
        for space in SPACES.iter().chain(&[' ', '\t', '\n', '\r']) {
            let text = format!("{space}x");
            assert_eq!(mark_len(text.as_bytes(), false), None, "{space:?}");
            let len = Some(space.len_utf8());
            assert_eq!(mark_len(text.as_bytes(), true), len, "{space:?}");
            assert_eq!(
                Unmarked::of(text.as_bytes(), true, true).bytes.as_ref(),
                b"x"
            );
        }
        for word in NUMBER_WORDS {
            for word in [word.to_string(), word.to_uppercase()] {
                let text = format!("{word}1");
                let unmarked = Unmarked::of(text.as_bytes(), false, true);
                assert_eq!(unmarked.bytes.as_ref(), b"1", "{word}");
                assert!(unmarked.numbered);
            }
        }
        assert_eq!(mark_len("\u{2026}".as_bytes(), true), None);
        assert_eq!(mark_len("\u{201c}".as_bytes(), true), None);
    }

    /// Ids are found in texts with invisible characters and full-width
    /// forms, and the places found are the text's own.
    #[test]
    fn finds_ids_among_invisible_and_full_width_characters() {
        let finder = ids(&["a-gp-1"]);
        let text = "As \u{ff21}G\u{ad}P1 said";
        let found = finder.find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], "\u{ff21}G\u{ad}P1");
    }
}
