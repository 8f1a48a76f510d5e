//! A text with the words a hyphen splits joined (`Thistle-bury`,
//! `Thistle-` at a line end and `bury` on the next), and where each byte
//! came from. Does not search it.

use std::ops::Range;

/// A text with each hyphen between two letters removed, with the white
/// space after it (`Thistle-bury`, `Thistle-\nbury`), and where each byte
/// came from.
pub(super) struct Joined {
    pub(super) text: String,
    origin: Vec<usize>,
}

/// Hyphens a word is split by: ASCII, and every Unicode dash a reader
/// takes for one (the hyphen, Word's non-breaking hyphen, the en dash
/// Markdown makes of `--`), as the gate reads them.
fn is_hyphen(c: char) -> bool {
    c == '-' || crate::reading::DASHES.contains(&c)
}

impl Joined {
    /// `None` when no hyphen stands between two letters.
    pub(super) fn of(text: &str) -> Option<Joined> {
        if !text.contains(is_hyphen) {
            return None;
        }
        let mut joined: Option<Joined> = None;
        let mut copied = 0;
        for (at, c) in text.char_indices() {
            if at < copied || !is_hyphen(c) {
                continue;
            }
            if !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            {
                continue;
            }
            let rest = &text[at + c.len_utf8()..];
            let after = rest.trim_start_matches([' ', '\t']);
            let after = after
                .strip_prefix("\r\n")
                .or_else(|| after.strip_prefix('\n'))
                .map_or(after, |a| a.trim_start_matches([' ', '\t']));
            if !after.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            let out = joined.get_or_insert_with(|| Joined {
                text: String::with_capacity(text.len()),
                origin: Vec::with_capacity(text.len()),
            });
            out.text.push_str(&text[copied..at]);
            out.origin.extend(copied..at);
            copied = text.len() - after.len();
        }
        let mut out = joined?;
        out.text.push_str(&text[copied..]);
        out.origin.extend(copied..text.len());
        Some(out)
    }

    /// A range of the joined text as a range of the original.
    pub(super) fn original(&self, range: Range<usize>) -> Range<usize> {
        // `origin` maps bytes to bytes: the last byte's origin, plus one,
        // ends the last character.
        self.origin[range.start]..self.origin[range.end - 1] + 1
    }
}
