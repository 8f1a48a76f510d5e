//! Characters that part what the matchers find: no listed term or
//! participant id can hold one, nor be joined across one, and each is
//! read as a word's edge. Text on either side of one is then searched as
//! well apart as together, so a page's text can be searched in pieces,
//! each distinct piece once. Does not search.

use super::normalise::{Normalised, kept_everywhere};

/// The characters that part hits, for one set of patterns.
#[derive(Debug, Clone)]
pub struct Parting {
    ascii: [bool; 128],
    other: Vec<char>,
}

/// Characters other than ASCII that often stand between words in a
/// report, tried as parting ones (ASCII is tried whole).
const TRIED: &[char] = &[
    '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}', '\u{2039}', '\u{203a}', '\u{2022}',
    '\u{2026}', '\u{b7}', '\u{b6}', '\u{a7}', '\u{2020}', '\u{2021}', '\u{a9}', '\u{ae}',
    '\u{2122}', '\u{b0}', '\u{d7}', '\u{2192}', '\u{2190}', '\u{2502}', '\u{25a0}', '\u{25aa}',
    '\u{25ba}',
];

impl Parting {
    /// The characters that part hits of `strings` (normalised patterns,
    /// searched in normalised text) and of `raw` (patterns searched in
    /// text as written, without case: participant ids).
    pub fn new<S: AsRef<str>, R: AsRef<str>>(strings: &[S], raw: &[R]) -> Parting {
        let mut held: crate::hash::FastSet<char> = crate::hash::FastSet::default();
        for s in strings {
            held.extend(s.as_ref().chars());
        }
        if !raw.is_empty() {
            // Ids are found with their marks read as one another, and
            // with a Unicode dash or a middle dot for a hyphen.
            held.extend(crate::anonymity::participant_ids::ID_MARKS);
            held.extend(crate::anonymity::participant_ids::MIDDLE_DOTS);
            held.extend(crate::reading::DASHES);
        }
        for r in raw {
            for c in r.as_ref().chars() {
                held.extend(c.to_lowercase());
                held.extend(c.to_uppercase());
            }
        }
        let parts = |c: char| {
            // An edge of a word, and kept as itself by every reading.
            if c.is_alphanumeric() || c.is_whitespace() || !kept_everywhere(c) {
                return false;
            }
            if crate::reading::is_invisible(c) || held.contains(&c) {
                return false;
            }
            // What the term search reads it as: nothing it can hold.
            let read = Normalised::of_with(&c.to_string(), true, false).text;
            let read_alike = Normalised::of_with(&c.to_string(), false, false).text;
            let holds_nothing = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|r| !r.is_alphanumeric() && !r.is_whitespace() && !held.contains(&r))
            };
            // What the id search reads it as (a full-width form as ASCII).
            let shown = crate::anonymity::patterns::ascii_form(c).unwrap_or(c);
            holds_nothing(&read)
                && holds_nothing(&read_alike)
                && !shown.is_alphanumeric()
                && !matches!(shown, '-' | '_')
                && !held.contains(&shown)
        };
        let mut ascii = [false; 128];
        for (b, slot) in ascii.iter_mut().enumerate() {
            *slot = parts(char::from(b as u8));
        }
        let other = TRIED.iter().copied().filter(|&c| parts(c)).collect();
        Parting { ascii, other }
    }

    /// Whether no hit holds `c` or is joined across it.
    pub fn parts(&self, c: char) -> bool {
        match c.is_ascii() {
            true => self.ascii[c as usize],
            false => self.other.contains(&c),
        }
    }

    /// The pieces of `text` between the characters that part hits (none
    /// empty). Within [`super::joined::WIDEST_SPACING`] characters after a
    /// single letter (a letter with no letter or digit on either side),
    /// nothing parts: the letters around may be a word spelt out with
    /// marks between them (`T_h_i_s`, `T, h, i`, `T..h`: see
    /// [`super::joined`]).
    pub fn pieces<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        use super::joined::{WIDEST_SPACING, is_letter};
        let word = |c: char| c.is_alphanumeric() || is_letter(c);
        // The character before, whether a letter stood alone before it,
        // and how many characters have been read since a single letter.
        let (mut before, mut alone, mut since) = (' ', false, usize::MAX);
        text.split(move |c: char| {
            match word(c) {
                true => {
                    alone = is_letter(c) && !word(before);
                    since = usize::MAX;
                }
                false => {
                    since = match word(before) {
                        true if alone => 1,
                        true => usize::MAX,
                        false => since.saturating_add(1),
                    };
                }
            }
            before = c;
            self.parts(c) && since > WIDEST_SPACING
        })
        .filter(|piece| !piece.is_empty())
    }
}
