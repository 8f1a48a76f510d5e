//! A text with the words a hyphen splits joined (`Thistle-bury`,
//! `Thistle-` at a line end and `bury` on the next), or with the letters
//! of a word written letter-spaced joined (`M a r j o r i e`), and where
//! each byte came from. Does not search it.

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

/// The fewest letters a run of single letters parted by white space must
/// have to be read as a word written letter-spaced: `a I` is two words.
const FEWEST_SPACED_LETTERS: usize = 3;

/// The most white space characters between two letters of one word
/// written letter-spaced (a line break among them at most).
const WIDEST_SPACING: usize = 3;

impl Joined {
    /// `text` with each word written letter-spaced read as a reader reads
    /// it, its letters joined (`M a r j o r i e  Q u i l l f e a t h e r`
    /// is `Marjorie Quillfeather`): a run of [`FEWEST_SPACED_LETTERS`] or
    /// more letters, each a word on its own, parted by white space alone.
    /// Inside a run, a space is kept where the white space is wider than
    /// the run's narrowest (`M a r j o r i e   Q u i l l`) or a capital
    /// follows a small letter (`M a r j o r i e Q u i l l`), as a reader
    /// sees a new word begin; a browser shows any run of white space as
    /// one, so a run in capitals spaced alike is read as one word, which
    /// finds a name run together (`MARJORIEQUILLFEATHER`). `None` when the
    /// text has no such run.
    pub(super) fn letters_of(text: &str) -> Option<Joined> {
        match may_be_letter_spaced(text) {
            true => Joined::letters_of_unchecked(text),
            false => None,
        }
    }

    /// [`Joined::letters_of`], reading every character.
    fn letters_of_unchecked(text: &str) -> Option<Joined> {
        // The single letters (a letter with no letter or digit on either
        // side), with where each starts.
        let mut singles: Vec<(usize, char)> = Vec::new();
        let mut before: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let after = chars.peek().map(|&(_, c)| c);
            let apart = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
            if c.is_alphabetic() && apart(before) && apart(after) {
                singles.push((at, c));
            }
            before = Some(c);
        }
        if singles.len() < FEWEST_SPACED_LETTERS {
            return None;
        }
        // The runs: single letters parted by white space alone.
        let parted = |a: &(usize, char), b: &(usize, char)| {
            let between = &text[a.0 + a.1.len_utf8()..b.0];
            let count = between.chars().count();
            (between.chars().all(char::is_whitespace)
                && (1..=WIDEST_SPACING).contains(&count)
                && between.matches('\n').count() <= 1)
                .then_some(count)
        };
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut first = 0;
        for i in 1..=singles.len() {
            if i < singles.len() && parted(&singles[i - 1], &singles[i]).is_some() {
                continue;
            }
            if i - first >= FEWEST_SPACED_LETTERS {
                runs.push(first..i);
            }
            first = i;
        }
        if runs.is_empty() {
            return None;
        }
        let mut out = Joined {
            text: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        let mut copied = 0;
        for run in runs {
            let letters = &singles[run];
            let gaps: Vec<usize> = (letters.windows(2))
                .filter_map(|pair| parted(&pair[0], &pair[1]))
                .collect();
            let narrowest = gaps.iter().copied().min().unwrap_or(1);
            for (pair, gap) in letters.windows(2).zip(gaps) {
                let ((at, c), (next, d)) = (pair[0], pair[1]);
                let end = at + c.len_utf8();
                out.text.push_str(&text[copied..end]);
                out.origin.extend(copied..end);
                let new_word = gap > narrowest || (c.is_lowercase() && d.is_uppercase());
                if new_word {
                    out.text.push(' ');
                    out.origin.push(end);
                }
                copied = next;
            }
        }
        out.text.push_str(&text[copied..]);
        out.origin.extend(copied..text.len());
        Some(out)
    }
}

/// Three single letters parted by white space (a letter or digit on
/// neither side of the run), whatever else [`Joined::letters_of`] asks:
/// one search of a text, which most texts fail (`a` and `I` stand alone,
/// but seldom two such words in a row).
static THREE_SPACED_LETTERS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let letter = r"\p{Alphabetic}";
    let other = r"[^\p{Alphabetic}\p{N}]";
    regex::Regex::new(&format!(
        r"(?:^|{other}){letter}\s{{1,3}}{letter}\s{{1,3}}{letter}(?:$|{other})"
    ))
    .expect("a fixed expression")
});

/// Whether `text` may hold a word written letter-spaced (see
/// [`THREE_SPACED_LETTERS`]); a test holds it to [`Joined::letters_of`].
fn may_be_letter_spaced(text: &str) -> bool {
    THREE_SPACED_LETTERS.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The quick look never passes over a text with a word written
        /// letter-spaced: random texts of letters (of any script), white
        /// space (of any kind) and marks.
        #[test]
        fn the_quick_look_finds_every_letter_spaced_word(
            text in proptest::collection::vec(
                prop_oneof![
                    Just("a"), Just("Q"), Just("é"), Just("Ж"), Just("ß"), Just("\u{10400}"),
                    Just(" "), Just("\t"), Just("\n"), Just("\u{a0}"), Just("\u{2009}"),
                    Just("\u{3000}"), Just("\u{85}"), Just("."), Just("1"), Just("-"),
                    Just("\u{201c}"), Just("\u{ad}"),
                ],
                0..40,
            )
        ) {
            let text = text.concat();
            if Joined::letters_of_unchecked(&text).is_some() {
                prop_assert!(may_be_letter_spaced(&text), "{:?}", text);
            }
        }
    }
}
