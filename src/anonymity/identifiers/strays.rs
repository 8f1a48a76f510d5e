//! A word with one letter set apart by a stray space (`Thistlebur y`,
//! `T histlebury`), which a reader reads as the word: the text with that
//! space left out, and where each byte came from. Does not search it.
//!
//! Only a letter that is not a word of its own: never `a`, `I` or `O`
//! (`Dan a call` is not "Dana"), and at a word's start only before a
//! small letter (`T Histlebury` and `J Smith` are an initial and a
//! name). A text is read with each letter a word's last, and apart
//! with each a word's first (`Plan B and` is not "Band" where `Plan B`
//! may be "PlanB"). A space inside a word between two longer pieces
//! (`Thistle bury`) is not left out: two words run together are too
//! often a name (`new port`, `green wood`).

use super::joined::Joined;

/// The fewest letters a word and a stray letter make: a shorter word is
/// too often an ordinary one (as [`super::matcher`]'s spelled words).
const FEWEST_LETTERS: usize = 6;

/// The letters that are words of their own, in small letters.
const LETTER_WORDS: [char; 3] = ['a', 'i', 'o'];

/// Whether `piece` is one letter that is no word of its own.
fn stray_letter(piece: &str) -> bool {
    let mut chars = piece.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => !c.to_lowercase().any(|l| LETTER_WORDS.contains(&l)),
        _ => false,
    }
}

/// The words of `text` (runs of letters with no digit beside them), each
/// with where it starts, and whether one white space alone (a space, or
/// a line break) parts it from the one before.
fn words(text: &str) -> Vec<(usize, &str, bool)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                runs.push((from, at));
                start = None;
            }
            _ => {}
        }
    }
    runs.extend(start.map(|from| (from, text.len())));
    let digit = |c: Option<char>| c.is_some_and(char::is_numeric);
    let mut words = Vec::with_capacity(runs.len());
    let mut end_before = None;
    for (from, to) in runs {
        if digit(text[..from].chars().next_back()) || digit(text[to..].chars().next()) {
            continue;
        }
        let spaced = end_before.is_some_and(|end| matches!(&text[end..from], " " | "\n"));
        words.push((from, &text[from..to], spaced));
        end_before = Some(to);
    }
    words
}

impl Joined {
    /// `text` with each stray space (see the module) left out, read once
    /// with each stray letter a word's last, once with each a word's
    /// first; `None` for a way that leaves none
    /// out.
    pub(super) fn strays_of(text: &str) -> [Option<Joined>; 2] {
        if text.is_ascii() && !may_hold_a_stray(text.as_bytes()) {
            return [None, None];
        }
        Joined::strays_of_every_text(text)
    }

    /// [`Joined::strays_of`], without the quick look first.
    fn strays_of_every_text(text: &str) -> [Option<Joined>; 2] {
        // The white space after each word that is left out, by where it
        // starts, each way.
        let (mut last, mut first): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        for pair in words(text).windows(2) {
            let ((at, word, _), (_, after, spaced)) = (pair[0], pair[1]);
            if !spaced || word.chars().count() + after.chars().count() < FEWEST_LETTERS {
                continue;
            }
            let ends_small = word.chars().next_back().is_some_and(char::is_lowercase);
            if stray_letter(after)
                && word.chars().nth(1).is_some()
                && ends_small == after.chars().all(char::is_lowercase)
            {
                last.push(at + word.len());
            }
            if stray_letter(word)
                && after.chars().nth(1).is_some()
                && after.chars().next().is_some_and(char::is_lowercase)
            {
                first.push(at + word.len());
            }
        }
        [last, first].map(|left_out| left_out_of(text, &left_out))
    }
}

/// Whether ASCII `bytes` may hold a stray letter: a letter standing alone
/// (no letter on either side) that is no word of its own, with a space
/// or a line break on one side. Every text a page shows is asked; a test
/// holds it to the slow way.
fn may_hold_a_stray(bytes: &[u8]) -> bool {
    let letter = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphabetic)
    };
    let alone = |i: usize, beyond: Option<usize>| {
        letter(Some(i))
            && !letter(beyond)
            && !LETTER_WORDS.contains(&char::from(bytes[i].to_ascii_lowercase()))
    };
    memchr::memchr2_iter(b' ', b'\n', bytes).any(|space| {
        (space + 1 < bytes.len() && alone(space + 1, Some(space + 2)))
            || space
                .checked_sub(1)
                .is_some_and(|before| alone(before, before.checked_sub(1)))
    })
}

/// `text` with the one byte of white space at each of `left_out` left
/// out; `None` when there is none.
fn left_out_of(text: &str, left_out: &[usize]) -> Option<Joined> {
    if left_out.is_empty() {
        return None;
    }
    let mut out = Joined {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut copied = 0;
    for &space in left_out {
        out.text.push_str(&text[copied..space]);
        out.origin.extend(copied..space);
        // One byte: a space or a line break.
        copied = space + 1;
    }
    out.text.push_str(&text[copied..]);
    out.origin.extend(copied..text.len());
    Some(out)
}

#[cfg(test)]
mod tests {

    proptest::proptest! {
        /// The quick look [`may_hold_a_stray`] passes over no ASCII text
        /// the slow way joins.
        #[test]
        fn the_quick_look_for_strays_misses_nothing(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "T", "h", "i", "s", "a", "I", "o", "B", "y", "r", "bury", "Thistle",
                    "histlebury", "Thistlebur", "Plan", " ", " ", "  ", "\n", "\t", ".", ",",
                    "'", "-", "7", "(", ")",
                ]),
                0..14,
            )
        ) {
            let text: String = pieces.concat();
            if !may_hold_a_stray(text.as_bytes()) {
                let [last, first] = Joined::strays_of_every_text(&text);
                proptest::prop_assert!(last.is_none() && first.is_none(), "{:?}", text);
            }
        }
    }
    use super::*;

    fn joined(text: &str) -> Option<String> {
        let [last, first] = Joined::strays_of(text);
        last.or(first).map(|j| j.text)
    }

    #[test]
    fn a_letter_set_apart_by_a_stray_space_is_joined() {
        assert_eq!(
            joined("in Thistlebur y today").as_deref(),
            Some("in Thistlebury today")
        );
        assert_eq!(joined("in T histlebury").as_deref(), Some("in Thistlebury"));
        assert_eq!(joined("THISTLEBUR Y.").as_deref(), Some("THISTLEBURY."));
        assert_eq!(joined("Thistlebur\ny").as_deref(), Some("Thistlebury"));
    }

    #[test]
    fn letters_that_are_words_or_initials_are_not_joined() {
        for text in [
            "gave Dan a call",
            "and I think so",
            "O Lord",
            "a bury",
            "J Smith and T Histlebury",
            "Plan B, vitamin D",
            "A B C D",
            "J. R. R. Tolkien",
            "Thistle bury",
            "room 12 b",
            "Thistlebur  y",
        ] {
            assert_eq!(joined(text), None, "{text}");
        }
    }
}
