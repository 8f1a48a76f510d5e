//! The canonical comparable form of a text (lowercase, accents dropped,
//! separators collapsed) and where each of its bytes came from, with a fast
//! path for ASCII. Which letters read as others is `letters.rs`'s.

use super::letters::{fold_letter, is_apostrophe, latin_lookalike};
use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The canonical comparable form of a term: lowercase, compatibility-decomposed
/// with accents dropped, apostrophes unified to `'`, every run of whitespace,
/// hyphens, dashes, underscores and dots after letters collapsed to one space,
/// trimmed. Two spellings are the same term iff their normalised forms are equal.
pub fn normalise(s: &str) -> String {
    Normalised::of_with(s, true, false).text
}

/// A normalised copy of a text with, for each of its bytes, the byte offset in
/// the original of the character it came from.
pub(super) struct Normalised {
    pub(super) text: String,
    /// Empty unless asked for.
    pub(super) origin: Vec<usize>,
    tracked: bool,
}

/// How the fast path takes an ASCII character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ascii {
    /// Kept, lowered.
    Word,
    /// White space, hyphens, underscores: one space per run.
    Separator,
    /// A separator after a letter, otherwise kept.
    Dot,
    /// A backtick, read as an apostrophe.
    Backtick,
    /// Not ASCII, or taken the general way.
    Other,
}

/// The length of the run of [`Ascii::Word`] characters `bytes` begins
/// with, single spaces between them included (each is normalised to
/// itself, as the run is).
fn word_run(bytes: &[u8]) -> usize {
    let is_word = |b: u8| b.is_ascii() && ASCII[usize::from(b)] == Ascii::Word;
    let mut end = 0;
    loop {
        end += bytes[end..].iter().take_while(|&&b| is_word(b)).count();
        match bytes.get(end..end + 2) {
            Some(&[b' ', next]) if end > 0 && is_word(next) => end += 1,
            _ => return end,
        }
    }
}

/// [`Ascii`] by character.
const ASCII: [Ascii; 128] = {
    let mut table = [Ascii::Word; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_whitespace() || c == 0x0b || c == b'-' || c == b'_' {
            Ascii::Separator
        } else if c == b'.' {
            Ascii::Dot
        } else if c == b'`' {
            Ascii::Backtick
        } else {
            Ascii::Word
        };
        b += 1;
    }
    table
};

enum CharClass {
    /// Whitespace, hyphens and dashes, dots closing a word: one space per run.
    Separator,
    /// Combining marks, soft hyphens, zero-width characters.
    Dropped,
    Kept,
}

impl Normalised {
    pub(super) fn of(s: &str) -> Normalised {
        Normalised::of_with(s, true, true)
    }

    /// `ascii_fast: false` takes every character the general way (for tests
    /// that hold the fast path to it).
    /// `tracked: false` leaves `origin` empty.
    pub(super) fn of_with(s: &str, ascii_fast: bool, tracked: bool) -> Normalised {
        let mut out = Normalised {
            text: String::with_capacity(s.len()),
            origin: Vec::with_capacity(if tracked { s.len() } else { 0 }),
            tracked,
        };
        let bytes = s.as_bytes();
        let mut pending_space: Option<usize> = None;
        let mut after_letter = false;
        let mut at = 0;
        while at < bytes.len() {
            // ASCII, most of any text, decomposes to itself and has no marks:
            // a run of letters, digits and the like is taken whole, lowered.
            let class = match bytes[at] {
                b if ascii_fast && b.is_ascii() => ASCII[usize::from(b)],
                _ => Ascii::Other,
            };
            if class == Ascii::Separator || (class == Ascii::Dot && after_letter) {
                pending_space.get_or_insert(at);
                after_letter = false;
                at += 1;
                continue;
            }
            if class != Ascii::Other {
                if let Some(space_at) = pending_space.take()
                    && !out.text.is_empty()
                {
                    out.push(' ', space_at);
                }
                let run = word_run(&bytes[at..]);
                if run == 0 {
                    // A dot not closing a word, or a backtick (an apostrophe).
                    out.push(if class == Ascii::Backtick { '\'' } else { '.' }, at);
                    after_letter = false;
                    at += 1;
                    continue;
                }
                let start = out.text.len();
                out.text.push_str(&s[at..at + run]);
                out.text[start..].make_ascii_lowercase();
                if out.tracked {
                    out.origin.extend(at..at + run);
                }
                after_letter = bytes[at + run - 1].is_ascii_alphabetic();
                at += run;
                continue;
            }
            let Some(c) = s[at..].chars().next() else {
                break;
            };
            match classify(c, after_letter) {
                CharClass::Separator => {
                    pending_space.get_or_insert(at);
                    after_letter = false;
                }
                CharClass::Dropped => {}
                CharClass::Kept => {
                    if let Some(space_at) = pending_space.take()
                        && !out.text.is_empty()
                    {
                        out.push(' ', space_at);
                    }
                    out.push_folded(c, at);
                    after_letter = c.is_alphabetic();
                }
            }
            at += c.len_utf8();
        }
        out
    }

    fn push(&mut self, c: char, origin: usize) {
        self.text.push(c);
        if self.tracked {
            self.origin
                .extend(std::iter::repeat_n(origin, c.len_utf8()));
        }
    }

    fn push_folded(&mut self, c: char, origin: usize) {
        if is_apostrophe(c) {
            self.push('\'', origin);
            return;
        }
        // A digit of another script is the digit it stands for (a ward
        // or unit listed with its number, `Ward ٧`).
        if let Some(digit) = crate::reading::decimal_digit(c) {
            self.push(digit, origin);
            return;
        }
        if let Some(form) = crate::reading::enclosed_form(c) {
            self.push(form.to_ascii_lowercase(), origin);
            return;
        }
        decompose_compatible(c, |d| {
            if let Some(latin) = latin_lookalike(d) {
                self.push(latin, origin);
                return;
            }
            for lower in d.to_lowercase().filter(|l| !is_combining_mark(*l)) {
                match fold_letter(lower) {
                    Some(folded) => folded.chars().for_each(|f| self.push(f, origin)),
                    None => self.push(lower, origin),
                }
            }
        });
    }

    /// Maps a byte range of the normalised text back to the original text: from
    /// the start of the first character to the end of the last one, including
    /// combining marks that follow it.
    pub(super) fn original_range(&self, original: &str, range: Range<usize>) -> Range<usize> {
        let start = self.origin[range.start];
        let last = self.origin[range.end - 1];
        let tail = &original[last..];
        let mut chars = tail.char_indices().skip(1);
        let end = loop {
            match chars.next() {
                Some((_, c)) if is_combining_mark(c) => continue,
                Some((i, _)) => break last + i,
                None => break original.len(),
            }
        };
        start..end
    }
}

/// Whether `c` is read as a character of its own wherever it stands: not
/// a separator, not dropped, not a dot or an apostrophe, on the ASCII fast
/// path and the general way alike.
pub(super) fn kept_everywhere(c: char) -> bool {
    let fast = !c.is_ascii() || ASCII[c as usize] == Ascii::Word;
    fast && !is_apostrophe(c)
        && matches!(classify(c, true), CharClass::Kept)
        && matches!(classify(c, false), CharClass::Kept)
}

fn classify(c: char, after_letter: bool) -> CharClass {
    match c {
        c if crate::reading::is_invisible(c) => CharClass::Dropped,
        '-' | '_' => CharClass::Separator,
        c if crate::reading::DASHES.contains(&c) || crate::reading::SPACES.contains(&c) => {
            CharClass::Separator
        }
        '.' if after_letter => CharClass::Separator,
        // An ellipsis, typed or made by Markdown of `...`: a pause between
        // two words (`Marjorie… Quillfeather`), as a full stop after one is.
        '\u{2026}' => CharClass::Separator,
        c if c.is_whitespace() => CharClass::Separator,
        c if is_combining_mark(c) => CharClass::Dropped,
        _ => CharClass::Kept,
    }
}
