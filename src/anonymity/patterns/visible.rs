//! A text as a reader sees it, for the patterns: without the characters
//! that show nothing, full-width and other compatibility forms of ASCII
//! read as ASCII, every script's digits read as ASCII digits, and where
//! each byte came from.

use crate::reading::{DASHES, SPACES};
use std::ops::Range;

/// A text without its soft hyphens, zero-width and other format characters,
/// which show nothing and so join what they split ("020 7946\u{AD}0123"),
/// and with full-width and other compatibility forms of ASCII characters
/// read as ASCII (a reader reads `０２０` as `020`, `＠` as `@`), and the
/// Unicode dashes and spaces as `-` and ` ` (Markdown makes `--` an en
/// dash: `07700–900123`), with where each byte came from.
pub(crate) struct Visible {
    pub(crate) text: String,
    /// Where each run of the text starts, here and in the original: in a
    /// run, each byte is the original's byte at the same distance. A
    /// character read otherwise is a run of its own.
    runs: Vec<(usize, usize)>,
}

/// The ASCII character `c` is a compatibility form of (`０` is `0`, `Ａ`
/// is `A`, `＠` is `@`, `𝟕` is `7`), or the digit it is in another script
/// (`٧`, `۷`, `७` and `৭` are `7`: see [`crate::reading::decimal_digit`]),
/// or is drawn as in "fancy text" (`➐` is `7`, `🅴` and `ᴇ` are `E`: see
/// [`crate::reading::fancy_form`]), if it is one.
pub(crate) fn ascii_form(c: char) -> Option<char> {
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
        .or_else(|| crate::reading::decimal_digit(c))
        .or_else(|| crate::reading::enclosed_form(c))
        .or_else(|| crate::reading::fancy_form(c))
}

/// The first bytes of the UTF-8 of every character [`Visible`] reads
/// otherwise (a test reads every character).
const CHANGED_LEADS: [u8; 23] = [
    0xC2, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCD, 0xD6, 0xD8, 0xD9, 0xDB, 0xDF, 0xE0, 0xE1,
    0xE2, 0xE3, 0xE4, 0xEA, 0xEF, 0xF0, 0xF3,
];

/// Whether `text` holds a character [`Visible`] reads otherwise (one that
/// shows nothing, or a compatibility form of ASCII), looking only at the
/// characters starting with one of [`CHANGED_LEADS`].
pub(crate) fn holds_change(text: &str, marks: bool) -> bool {
    crate::reading::holds_char(text, &CHANGED_LEADS, |c| {
        crate::reading::is_invisible(c)
            || is_enclosing(c)
            || ascii_form(c).is_some()
            || (marks && (DASHES.contains(&c) || SPACES.contains(&c)))
    })
}

/// The combining marks drawn around the character before them (a circle,
/// a square, a keycap: `7\u{20e3}` is a 7 on a key, as emoji keyboards
/// type digits, `7\u{fe0f}\u{20e3}`), which leave it readable: read as
/// nothing, as the character alone (red team, round 30).
pub(super) fn is_enclosing(c: char) -> bool {
    matches!(c, '\u{20dd}'..='\u{20e4}')
}

/// White space a browser joins with the white space beside it.
fn is_white(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Whether `text` holds two characters of white space in a row (of
/// ASCII's; the Unicode spaces make [`holds_change`] true with `marks`).
fn holds_white_run(text: &str) -> bool {
    let white = |b: &u8| is_white(char::from(*b));
    text.as_bytes()
        .windows(2)
        .any(|pair| white(&pair[0]) && white(&pair[1]))
}

impl Visible {
    /// `None` when the text has none of those characters. With `marks`,
    /// Unicode dashes and spaces are read as `-` and ` ` too (the checks
    /// of the files; the gate reads a second, folded version of each text
    /// instead, which costs less than mapping every byte of a page's texts
    /// searched together).
    ///
    /// With `marks`, a run of white space is also read as its first
    /// character alone, as a browser shows it (`020  7946  0018`).
    pub(crate) fn of(text: &str, marks: bool) -> Option<Visible> {
        let joins = marks && holds_white_run(text);
        let changes = !text.is_ascii() && holds_change(text, marks);
        match (joins, changes) {
            (false, false) => return None,
            (true, false) => return Some(Visible::joined(text)),
            _ => {}
        }
        let mut visible = Visible {
            text: String::with_capacity(text.len()),
            runs: vec![(0, 0)],
        };
        // Whether the character before was left out or read otherwise:
        // the next one kept starts a run.
        let mut moved = false;
        let mut after_space = false;
        for (at, c) in text.char_indices() {
            if crate::reading::is_invisible(c) || is_enclosing(c) {
                moved = true;
                continue;
            }
            let shown = match c {
                c if marks && DASHES.contains(&c) => '-',
                c if marks && SPACES.contains(&c) => ' ',
                c => ascii_form(c).unwrap_or(c),
            };
            let space = marks && is_white(shown);
            if space && after_space {
                moved = true;
                continue;
            }
            after_space = space;
            let changed = shown != c;
            if moved || changed {
                visible.runs.push((visible.text.len(), at));
            }
            visible.text.push(shown);
            moved = changed;
        }
        Some(visible)
    }

    /// `text` with each of `pieces` (ranges of it, in order and apart)
    /// read as the text given with it (an address spelt out read as one:
    /// ` [at] ` as `@`).
    pub(crate) fn replaced(text: &str, pieces: &[(Range<usize>, &str)]) -> Visible {
        let mut visible = Visible {
            text: String::with_capacity(text.len()),
            runs: vec![(0, 0)],
        };
        let mut copied = 0;
        for (range, read) in pieces {
            visible.text.push_str(&text[copied..range.start]);
            visible.runs.push((visible.text.len(), range.start));
            visible.text.push_str(read);
            visible.runs.push((visible.text.len(), range.end));
            copied = range.end;
        }
        visible.text.push_str(&text[copied..]);
        visible
    }

    /// `text` with each run of white space read as its first character
    /// alone, where nothing else is read otherwise (each run of white
    /// space is ASCII: what is between is copied as it is).
    fn joined(text: &str) -> Visible {
        let mut visible = Visible {
            text: String::with_capacity(text.len()),
            runs: vec![(0, 0)],
        };
        let bytes = text.as_bytes();
        let white = |b: u8| is_white(char::from(b));
        let mut copied = 0;
        let mut at = 0;
        while at + 1 < bytes.len() {
            if !(white(bytes[at]) && white(bytes[at + 1])) {
                at += 1;
                continue;
            }
            let end = (at + 1..bytes.len())
                .find(|&i| !white(bytes[i]))
                .unwrap_or(bytes.len());
            visible.text.push_str(&text[copied..=at]);
            visible.runs.push((visible.text.len(), end));
            (copied, at) = (end, end);
        }
        visible.text.push_str(&text[copied..]);
        visible
    }

    /// Where the character holding the byte at `at` of the visible text
    /// starts in the original `text`.
    fn origin(&self, text: &str, at: usize) -> usize {
        let run = self.runs.partition_point(|&(here, _)| here <= at) - 1;
        let (here, there) = self.runs[run];
        let mut at = there + (at - here);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// A range of the visible text as a range of the original.
    pub(crate) fn original(&self, text: &str, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = match range.start < self.text.len() {
                true => self.origin(text, range.start),
                false => text.len(),
            };
            return at..at;
        }
        let last = self.origin(text, range.end - 1);
        let last_len = text[last..].chars().next().map_or(0, char::len_utf8);
        self.origin(text, range.start)..last + last_len
    }
}
