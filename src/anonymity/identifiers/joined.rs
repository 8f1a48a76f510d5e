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
    pub(super) origin: Vec<usize>,
}

/// Hyphens a word is split by: ASCII, and every Unicode dash a reader
/// takes for one (the hyphen, Word's non-breaking hyphen, the en dash
/// Markdown makes of `--`), as the gate reads them.
fn is_hyphen(c: char) -> bool {
    c == '-' || (!c.is_ascii() && crate::reading::DASHES.contains(&c))
}

impl Joined {
    /// `None` when no hyphen stands between two letters.
    pub(super) fn of(text: &str) -> Option<Joined> {
        let hyphened = match text.is_ascii() {
            true => memchr::memchr(b'-', text.as_bytes()).is_some(),
            false => text.contains(is_hyphen),
        };
        if !hyphened {
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

    /// A range of the joined text as a range of the original `text`.
    pub(super) fn original(&self, text: &str, range: Range<usize>) -> Range<usize> {
        // `origin` maps bytes to bytes (a character read as another, to
        // where it starts): the first character boundary after the last
        // byte's origin ends the last character.
        let last = self.origin[range.end - 1];
        let end = (last + 1..=text.len())
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(text.len());
        self.origin[range.start]..end
    }
}

/// The spaces narrower than a word space, which a reader may not see
/// between two letters (`Thistle` and `bury` with a hair space between
/// them read as one word): the six-per-em, punctuation, thin and hair
/// spaces and the narrow no-break space.
const NARROW_SPACES: [char; 5] = ['\u{2006}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{202f}'];

impl Joined {
    /// `text` as it is drawn, where that is not as it is read otherwise:
    /// without its [`NARROW_SPACES`] between two letters, read as the one
    /// word a reader sees; with `ǫ` read as `q`, as "fancy text" in small
    /// capitals writes it (`ǫᴜɪʟʟ`; its accent is dropped otherwise, which
    /// reads an `o`), and the small capital `ꞯ` too; and with a letter drawn
    /// as an upright stroke read as the one its neighbours make it (see
    /// [`drawn_as_a_stroke`]). `None` when it has none of these.
    pub(super) fn drawn_of(text: &str) -> Option<Joined> {
        if text.is_ascii() && !may_draw_a_stroke(text.as_bytes()) {
            return None;
        }
        let mut out: Option<Joined> = None;
        let mut copied = 0;
        let mut before: Option<char> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let after = chars.peek().map(|&(_, c)| c);
            let drawn = drawn_as(before, c, after);
            before = Some(c);
            let Some(drawn) = drawn else {
                continue;
            };
            let out = out.get_or_insert_with(|| Joined {
                text: String::with_capacity(text.len()),
                origin: Vec::with_capacity(text.len()),
            });
            out.text.push_str(&text[copied..at]);
            out.origin.extend(copied..at);
            out.text.push_str(drawn);
            out.origin.extend(std::iter::repeat_n(at, drawn.len()));
            copied = at + c.len_utf8();
        }
        let mut out = out?;
        out.text.push_str(&text[copied..]);
        out.origin.extend(copied..text.len());
        Some(out)
    }
}

/// Whether ASCII `bytes` may hold a letter [`drawn_as_a_stroke`] reads as
/// another: an `l` beside a capital, or an `I` after a small letter or
/// another `I` (in ASCII nothing else is drawn otherwise than it is read).
/// Every text a page shows is asked; a test holds it to the slow way.
fn may_draw_a_stroke(bytes: &[u8]) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).copied();
    memchr::memchr2_iter(b'l', b'I', bytes).any(|i| {
        let (before, after) = (at(i.checked_sub(1)), at(Some(i + 1)));
        match bytes[i] {
            // Beside a capital, or a sign drawn as one.
            b'l' => [before, after].iter().flatten().any(|&b| {
                b.is_ascii_uppercase()
                    || (!b.is_ascii_alphabetic()
                        && crate::reading::fancy_form(char::from(b))
                            .is_some_and(|f| f.is_ascii_alphabetic()))
            }),
            _ => before.is_some_and(|b| b.is_ascii_lowercase() || b == b'I'),
        }
    })
}

/// What `c` (between `before` and `after`) is drawn as, where that is not
/// what it is read as: nothing for a narrow space between two letters, a
/// `q` for `ǫ`, `Ǫ` and `ꞯ`, and [`drawn_as_a_stroke`].
fn drawn_as(before: Option<char>, c: char, after: Option<char>) -> Option<&'static str> {
    match c {
        'l' | 'I' => drawn_as_a_stroke(before, c, after),
        c if c.is_ascii() => None,
        '\u{1ea}' => Some("Q"),
        '\u{1eb}' | '\u{a7af}' => Some("q"),
        c if NARROW_SPACES.contains(&c) => {
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            (letter(before) && letter(after)).then_some("")
        }
        c => drawn_as_a_stroke(before, c, after),
    }
}

/// A small l and a capital I are drawn alike, as an upright stroke, in
/// most typefaces, and so are the letters with a stroke or bar made on
/// them (`ł`, `ƚ`, `Ɨ`): a reader reads one among capitals as an I
/// (`THlS`, `₮ⱧłS`; red team, round 32), and one among small letters as
/// an l (`ThistIebury`, `QuiIIfeather`). A small letter read as an l with
/// a capital beside it, and on neither side a small letter but another
/// such l, is drawn as `I` (`lSLINGTON` too); a capital read as an I
/// after a small letter (or another such I), and before no capital but
/// another such I, as `l`. Not a capital I starting a word (`It`, `Ian`):
/// a word's first letter is a capital.
fn drawn_as_a_stroke(before: Option<char>, c: char, after: Option<char>) -> Option<&'static str> {
    // A capital, or a sign drawn as one (`₮`, `🅃`).
    let capital = |c: char| {
        c.is_uppercase()
            || (!c.is_alphabetic()
                && crate::reading::fancy_form(c).is_some_and(|f| f.is_ascii_alphabetic()))
    };
    let small = |c: char| c.is_lowercase();
    let (case, other, letter, drawn): (&dyn Fn(char) -> bool, &dyn Fn(char) -> bool, _, _) =
        match (small(c), capital(c)) {
            (true, _) => (&small, &capital, 'l', "I"),
            (false, true) => (&capital, &small, 'i', "l"),
            (false, false) => return None,
        };
    // Whether `c` is read as `letter` in `case`.
    let stroke = |c: char| {
        case(c)
            && match c.is_ascii() {
                true => c.eq_ignore_ascii_case(&letter),
                false => crate::reading::latin_lookalike(c) == Some(letter),
            }
    };
    // Beside `c`: a letter of the other case, and on each side that, or no
    // letter, or another such stroke.
    let beside = before.is_some_and(other) || after.is_some_and(other);
    let fits = |c: Option<char>| {
        c.is_none_or(|c| other(c) || !(c.is_alphabetic() || capital(c))) || c.is_some_and(stroke)
    };
    let starts = small(c) || before.is_some_and(|c| other(c) || stroke(c));
    (beside && starts && fits(before) && fits(after) && stroke(c)).then_some(drawn)
}

/// The fewest letters a run of single letters parted by white space must
/// have to be read as a word written letter-spaced: `a I` is two words.
const FEWEST_SPACED_LETTERS: usize = 3;

/// The most white space characters between two letters of one word
/// written letter-spaced (a line break among them at most).
pub(super) const WIDEST_SPACING: usize = 3;

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
        let runs = spaced_runs(text);
        if runs.is_empty() {
            return None;
        }
        let mut out = Joined {
            text: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        let mut copied = 0;
        for letters in runs {
            for (pair, new_word) in letters.windows(2).zip(new_words(text, &letters)) {
                let ((at, c), (next, _)) = (pair[0], pair[1]);
                let end = at + c.len_utf8();
                out.text.push_str(&text[copied..end]);
                out.origin.extend(copied..end);
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

/// What parts two single letters `a` and `b` of `text` (each with where
/// it starts) as letters of one word written letter-spaced or spelt out,
/// in characters: white space alone (`M a r j`), or marks with white space
/// around them or not (`T_h_i_s`, `T.h.i.s`, `T, h, i`, `T__h`, `T ★ h`:
/// any character but a letter or a digit; red team, round 30), at most
/// [`WIDEST_SPACING`] characters with one line break, and at most two
/// marks.
fn parted(text: &str, a: (usize, char), b: (usize, char)) -> Option<usize> {
    parting_count(&text[a.0 + a.1.len_utf8()..b.0])
}

/// [`parted`], of what stands `between` two letters.
fn parting_count(between: &str) -> Option<usize> {
    let count = between.chars().count();
    let marks = between.chars().filter(|c| !c.is_whitespace()).count();
    let parts = (1..=WIDEST_SPACING).contains(&count)
        && marks <= 2
        && between.matches('\n').count() <= 1
        && between
            .chars()
            .all(|c| !c.is_alphanumeric() && !is_letter(c));
    parts.then_some(count)
}

/// Whether `c` is read as a letter of a word written letter-spaced: a
/// letter, or a character of the blocks that draw letters and digits in
/// circles, brackets and boxes (`🇹 🇭 🇮`, `ⓣ ⓗ ⓘ`), which a reader reads
/// as one.
pub(super) fn is_letter(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{2460}'..='\u{24ff}' | '\u{1f100}'..='\u{1f1ff}')
}

/// The runs of `text` written letter-spaced: [`FEWEST_SPACED_LETTERS`] or
/// more single letters (a letter with no letter or digit on either side),
/// each with where it starts, [`parted`] one from the next.
fn spaced_runs(text: &str) -> Vec<Vec<(usize, char)>> {
    let mut singles: Vec<(usize, char)> = Vec::new();
    let mut before: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let after = chars.peek().map(|&(_, c)| c);
        let apart = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || is_letter(c));
        if is_letter(c) && apart(before) && apart(after) {
            singles.push((at, c));
        }
        before = Some(c);
    }
    let mut runs = Vec::new();
    let mut first = 0;
    for i in 1..=singles.len() {
        if i < singles.len() && parted(text, singles[i - 1], singles[i]).is_some() {
            continue;
        }
        if i - first >= FEWEST_SPACED_LETTERS {
            runs.push(singles[first..i].to_vec());
        }
        first = i;
    }
    runs
}

/// One run of letters written letter-spaced, all joined and normalised
/// with no space (`M A R J O R I E Q U I L L F E A T H E R S A I D` is
/// `marjoriequillfeathersaid`), where each letter stands in it and in the
/// text it came from, and where a reader sees a new word begin (see
/// [`Joined::letters_of`]). A reader finds the words of a run spaced
/// alike by knowing them, so what it holds is searched for in it anywhere
/// (see [`TermMatcher::find`](super::TermMatcher::find)). A word spaced
/// from the run as its letters are, just before or after it, may be the
/// rest of a word the run begins or ends (`T h i s t l e b u ry`, `T h i
/// s t l e bury`, `Thistleb u r y`): it is read as one more piece of the
/// run, which a term found is to hold fewer of than single letters.
pub(super) struct Spelled {
    /// The letters, each normalised.
    pub(super) letters: String,
    /// Where each piece (a letter, or a word before or after the
    /// letters) starts in `letters`, and after the last its end.
    pub(super) starts: Vec<usize>,
    /// Where each piece stands in the text, and its length there.
    pub(super) at: Vec<(usize, usize)>,
    /// The pieces that begin a new word, by number.
    pub(super) breaks: Vec<usize>,
    /// The pieces that are words, by number (the first, the last or none).
    pub(super) words: Vec<usize>,
}

impl Spelled {
    /// The runs of `text` written letter-spaced, each spelled out (asked
    /// only of a text [`Joined::letters_of`] found one in).
    pub(super) fn of(text: &str) -> Vec<Spelled> {
        spaced_runs(text)
            .into_iter()
            .map(|run| {
                let narrowest = (run.windows(2))
                    .filter_map(|pair| seen_width(text, pair[0], pair[1]))
                    .min()
                    .unwrap_or(1);
                let mut pieces: Vec<(usize, &str)> = Vec::with_capacity(run.len() + 2);
                let head = word_before(text, run[0].0, narrowest);
                pieces.extend(head);
                pieces.extend(
                    run.iter()
                        .map(|&(at, c)| (at, &text[at..at + c.len_utf8()])),
                );
                let last = run[run.len() - 1];
                let tail = word_after(text, last.0 + last.1.len_utf8(), narrowest);
                pieces.extend(tail);
                let mut letters = String::new();
                let mut starts = Vec::with_capacity(pieces.len() + 1);
                for &(_, piece) in &pieces {
                    starts.push(letters.len());
                    letters.push_str(&super::normalise::normalise(piece));
                }
                starts.push(letters.len());
                let breaks = (pieces.windows(2).enumerate())
                    .filter(|(_, pair)| new_word(text, pair[0], pair[1], narrowest))
                    .map(|(i, _)| i + 1)
                    .collect();
                let mut words = Vec::new();
                if head.is_some() {
                    words.push(0);
                }
                if tail.is_some() {
                    words.push(pieces.len() - 1);
                }
                Spelled {
                    letters,
                    starts,
                    at: pieces.iter().map(|&(at, p)| (at, p.len())).collect(),
                    breaks,
                    words,
                }
            })
            .collect()
    }
}

/// The word of two letters or more (and no digit) that ends before the
/// letter at `at` of `text`, parted from it by white space alone no wider
/// than `narrowest` (see [`seen_width`]), with where it starts. (A mark
/// after a word parts what the gate searches for: see
/// [`super::Parting::pieces`].)
fn word_before(text: &str, at: usize, narrowest: usize) -> Option<(usize, &str)> {
    let before = &text[..at];
    let end = before.trim_end_matches(char::is_whitespace);
    let gap = gap_width(&before[end.len()..])?;
    let start = end
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let word = &end[start..];
    let whole = !end[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || is_letter(c));
    (gap <= narrowest && whole && word.chars().nth(1).is_some()).then_some((start, word))
}

/// The word of two letters or more (and no digit) that begins after what
/// parts it from a letter ending at `from` of `text`, no wider than
/// `narrowest`, with where it starts.
fn word_after(text: &str, from: usize, narrowest: usize) -> Option<(usize, &str)> {
    let after = &text[from..];
    let rest = after.trim_start_matches(|c: char| !c.is_alphanumeric() && !is_letter(c));
    let gap = gap_width(&after[..after.len() - rest.len()])?;
    let len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = &rest[..len];
    let whole = !rest[len..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || is_letter(c));
    let start = text.len() - rest.len();
    (gap <= narrowest && whole && word.chars().nth(1).is_some()).then_some((start, word))
}

/// Whether a reader sees a new word begin between two pieces of a run
/// side by side (each with where it stands): where what parts them is
/// seen wider than `narrowest`, or a capital follows a small letter.
fn new_word(text: &str, a: (usize, &str), b: (usize, &str), narrowest: usize) -> bool {
    let between = &text[a.0 + a.1.len()..b.0];
    let wider = gap_width(between).is_none_or(|gap| gap > narrowest);
    let last = a.1.chars().next_back().is_some_and(char::is_lowercase);
    let first = b.1.chars().next().is_some_and(char::is_uppercase);
    wider || (last && first)
}

/// How wide a reader sees what parts two letters of a word spelt out,
/// given as [`parted`] gives it: where marks part them, how many (white
/// space beside a mark is not seen as a wider gap: a line break after
/// `T_h_i_s_t_l_e_b_u_`, which a page shows as a space or as the end of a
/// line, does not end a word a mark goes on across; nor does a space a
/// Markdown line break leaves, soft or hard); otherwise how much white
/// space.
fn seen_width(text: &str, a: (usize, char), b: (usize, char)) -> Option<usize> {
    gap_width(&text[a.0 + a.1.len_utf8()..b.0])
}

/// [`seen_width`], of what stands `between` two letters.
fn gap_width(between: &str) -> Option<usize> {
    let count = parting_count(between)?;
    let marks = between.chars().filter(|c| !c.is_whitespace()).count();
    Some(if marks > 0 { marks } else { count })
}

/// For each two letters side by side in a `run` of `text` written
/// letter-spaced, whether a reader sees a new word begin between them:
/// where what parts them is seen wider than the run's narrowest
/// ([`seen_width`]), or a capital follows a small letter.
fn new_words(text: &str, run: &[(usize, char)]) -> Vec<bool> {
    let gaps: Vec<usize> = (run.windows(2))
        .filter_map(|pair| seen_width(text, pair[0], pair[1]))
        .collect();
    let narrowest = gaps.iter().copied().min().unwrap_or(1);
    (run.windows(2).zip(gaps))
        .map(|(pair, gap)| {
            gap > narrowest || (pair[0].1.is_lowercase() && pair[1].1.is_uppercase())
        })
        .collect()
}

/// Three single letters ([`is_letter`]) parted by one to three
/// characters that are neither letters nor digits (a letter or digit on
/// neither side of the run), whatever else [`Joined::letters_of`] asks:
/// one search of a text, which most texts fail (`a` and `I` stand alone,
/// but seldom two such words in a row).
static THREE_SPACED_LETTERS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let boxed = r"\u{2460}-\u{24ff}\u{1f100}-\u{1f1ff}";
    let letter = format!(r"[\p{{Alphabetic}}{boxed}]");
    let other = format!(r"[^\p{{Alphabetic}}\p{{N}}{boxed}]");
    let gap = format!("{other}{{1,3}}");
    regex::Regex::new(&format!(
        r"(?:^|{other}){letter}{gap}{letter}{gap}{letter}(?:$|{other})"
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

    /// The quick look [`may_draw_a_stroke`] passes over no ASCII text the
    /// slow way reads otherwise: every three printable characters, and
    /// each of them beside the letters and signs of every kind.
    #[test]
    fn the_quick_look_for_strokes_misses_nothing() {
        let printable: Vec<u8> = (b' '..=b'~').collect();
        // Each character is read with the one either side, or none at
        // either end: texts of one to three characters hold every case.
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for &a in &printable {
            texts.push(vec![a]);
            for &b in &printable {
                texts.push(vec![a, b]);
                for &c in &printable {
                    texts.push(vec![a, b, c]);
                }
            }
        }
        {
            for text in &texts {
                {
                    let text = std::str::from_utf8(text).expect("ASCII");
                    if !may_draw_a_stroke(text.as_bytes()) {
                        let drawn = text.char_indices().any(|(at, ch)| {
                            let before = text[..at].chars().next_back();
                            let after = text[at + 1..].chars().next();
                            drawn_as(before, ch, after).is_some()
                        });
                        assert!(!drawn, "{text:?}");
                    }
                }
            }
        }
    }
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
                    Just("\u{201c}"), Just("\u{ad}"), Just("_"), Just("/"), Just("|"),
                    Just("\\"), Just("\u{b7}"), Just(","), Just("*"), Just("\u{1f1f9}"),
                    Just("\u{24e3}"), Just("\u{2605}"), Just(":"),
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
