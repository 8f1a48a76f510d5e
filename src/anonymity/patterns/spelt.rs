//! Email addresses written so that a reader, not a program, reads them
//! (red team, round 32): the at sign and full stops as words in brackets
//! (`jo.bloggs [at] example [dot] nhs [dot] uk`, `(at)`, `{dot}`), or
//! spelt out between words spelt so (`jo dot bloggs at example dot nhs
//! dot uk`), full stops with a space either side (`jo . bloggs @ example
//! . nhs . uk`), and a circled, boxed or bracketed `a` for the at sign
//! (`jo.bloggsⓐexample.nhs.uk`, `jo.bloggs(a)example.nhs.uk`). Reads them
//! as the address they spell, for the email pattern to decide; does not
//! decide what an address is.

use super::Visible;
use super::regex;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// White space inside a line, and one line break at most (a paragraph
/// source wraps where it likes; a blank line parts blocks).
const SPACE: &str = r"[\p{Zs}\t]*(?:\r?\n[\p{Zs}\t]*)?";

/// `at` or `dot` in square, round, curly or angle brackets, in any case,
/// with white space inside and around them (`[at]`, `( dot )`, ` {AT} `).
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"{SPACE}[\[({{<]{SPACE}(?i:(at|dot)){SPACE}[\])}}>]{SPACE}"
    ))
});

/// An `a` in brackets run on to the words on both sides
/// (`jo.bloggs(a)example.nhs.uk`), as the circled `a`: an at sign there,
/// where a lettered list's `(a)` has a space before it.
static BRACKETED_A: LazyLock<Regex> = LazyLock::new(|| regex(r"[\[({<][aA][\])}>]"));

/// White space inside a line, or a line break, or both: some.
const GAP: &str = r"(?:[\p{Zs}\t]+\r?\n?|\r?\n)[\p{Zs}\t]*";

/// A full stop with white space on both sides (`jo . bloggs`): where
/// letters or digits stand on both sides of it, read as a full stop.
static SPACED_DOT: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"{GAP}\.{GAP}")));

/// An address spelt out in words: words parted by full stops or the word
/// `dot` (two words at least), the word `at`, then two labels or more
/// parted so (`jo dot bloggs at example dot nhs dot uk`, `jo.bloggs at
/// nhs dot net`). Read as one only where a `dot` is spelt out in the
/// domain (see [`spelt_in_words`]).
static IN_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"[\p{L}\p{N}_%+\-]+";
    let dot = r"(?:\.|[\p{Zs}\t]+(?i:dot)[\p{Zs}\t]+)";
    regex(&format!(
        r"(?-u:\b){word}(?:{dot}{word})+[\p{{Zs}}\t]+(?i:at)[\p{{Zs}}\t]+{word}(?:{dot}{word})+(?-u:\b)"
    ))
});

/// The words `dot` and `at` with white space around them, in a match of
/// [`IN_WORDS`].
static SPELT_WORD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[\p{Zs}\t]+(?i:(dot|at))[\p{Zs}\t]+"));

/// The circled, boxed and bracketed `a`s a reader takes for an at sign
/// between the parts of an address (`jo.bloggsⓐexample.nhs.uk`): the
/// circled small and capital a, the negative circled, squared and
/// negative squared capital a, and the parenthesised small and capital a.
pub(super) const CIRCLED_AS: [char; 7] = [
    '\u{24d0}',
    '\u{24b6}',
    '\u{1f150}',
    '\u{1f130}',
    '\u{1f170}',
    '\u{249c}',
    '\u{1f110}',
];

/// Whether `text` may spell an address in one of these ways: it holds a
/// bracket before `at`, `dot` or `a` and then a closing one, the word
/// `dot` with white space around it, in some case, an at sign (beside
/// which full stops may be spaced), or a circled `a`. A text that holds
/// none is read as written (a test reads them all).
/// The word `dot` in any case, found by its letters alone.
static DOT: std::sync::LazyLock<regex::bytes::Regex> =
    std::sync::LazyLock::new(|| regex::bytes::Regex::new("(?i-u)dot").expect("a valid pattern"));

pub(super) fn may_spell_one(text: &str) -> bool {
    // Every text of a page is asked: each test finds its first byte with
    // `memchr` (the words `dot`, `at` and `a` in brackets start at a
    // bracket; the signs beyond ASCII only in a text that has some).
    let bytes = text.as_bytes();
    let white = |b: Option<&u8>| b.is_some_and(|&b| b == b' ' || b == b'\t' || b >= 0x80);
    let bracketed = || {
        memchr::memchr3_iter(b'[', b'(', b'{', bytes)
            .chain(memchr::memchr_iter(b'<', bytes))
            .any(|at| bracketed_word(&text[at + 1..]))
    };
    let dot = || {
        DOT.find_iter(bytes).any(|found| {
            let at = found.start();
            white(at.checked_sub(1).and_then(|i| bytes.get(i))) && white(bytes.get(at + 3))
        })
    };
    // Each sign alone: `str::contains` finds one character with `memchr`.
    let beyond_ascii = || {
        !text.is_ascii()
            && (super::AT_SIGNS[1..].iter().chain(&CIRCLED_AS)).any(|&sign| text.contains(sign))
    };
    memchr::memchr(b'@', bytes).is_some() || bracketed() || dot() || beyond_ascii()
}

/// Whether `rest` (what follows a bracket) is `at`, `dot` or `a`, in some
/// case, past white space of any kind, then a closing bracket.
fn bracketed_word(rest: &str) -> bool {
    let white = |c: char| c.is_whitespace();
    let rest = rest.trim_start_matches(white);
    let word = rest
        .get(..3)
        .filter(|w| w.eq_ignore_ascii_case("dot"))
        .map(|_| 3)
        .or_else(|| {
            rest.get(..2)
                .filter(|w| w.eq_ignore_ascii_case("at"))
                .map(|_| 2)
        })
        .or_else(|| {
            rest.get(..1)
                .filter(|w| w.eq_ignore_ascii_case("a"))
                .map(|_| 1)
        });
    word.is_some_and(|len| {
        rest[len..]
            .trim_start_matches(white)
            .starts_with([']', ')', '}', '>'])
    })
}

/// `text` with each address spelt out written as an address (`[at]` as
/// `@`, ` . ` and `(dot)` as `.`, …), and where each byte came from; `None`
/// when it spells none of these.
pub(super) fn read(text: &str) -> Option<Visible> {
    match may_spell_one(text) {
        true => read_every_character(text),
        false => None,
    }
}

/// [`read`], without first asking [`may_spell_one`].
pub(super) fn read_every_character(text: &str) -> Option<Visible> {
    let mut pieces: Vec<(Range<usize>, &'static str)> = Vec::new();
    for found in BRACKETED.captures_iter(text) {
        let (whole, word) = (found.get(0)?, found.get(1)?);
        let read = match word.as_str().eq_ignore_ascii_case("at") {
            true => "@",
            false => ".",
        };
        pieces.push((whole.range(), read));
    }
    for found in SPACED_DOT.find_iter(text) {
        if between_words(text, found.range()) {
            pieces.push((found.range(), "."));
        }
    }
    for found in BRACKETED_A.find_iter(text) {
        if between_words(text, found.range()) {
            pieces.push((found.range(), "@"));
        }
    }
    for (at, c) in text.char_indices().filter(|(_, c)| CIRCLED_AS.contains(c)) {
        let range = at..at + c.len_utf8();
        if between_words(text, range.clone()) {
            pieces.push((range, "@"));
        }
    }
    pieces.extend(spelt_in_words(text));
    if pieces.is_empty() {
        return None;
    }
    // The leftmost of those that overlap (a bracketed word takes its
    // spaces, which a spelt word may take too).
    pieces.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<(Range<usize>, &str)> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if kept
            .last()
            .is_none_or(|(last, _)| piece.0.start >= last.end)
        {
            kept.push(piece);
        }
    }
    Some(Visible::replaced(text, &kept))
}

/// Whether the text on both sides of `range` is a letter or digit that
/// an address may hold (not a circled or boxed one: `Ⓜⓐⓡⓙ` is a word).
fn between_words(text: &str, range: Range<usize>) -> bool {
    let part = |c: Option<char>| {
        c.is_some_and(|c| {
            c.is_alphanumeric() && !matches!(c, '\u{2460}'..='\u{24ff}' | '\u{1f100}'..='\u{1f1ff}')
        })
    };
    part(text[..range.start].chars().next_back()) && part(text[range.end..].chars().next())
}

/// The words `at` and `dot` of each address spelt out in words in `text`,
/// each with what it stands for: where the domain spells a `dot` (a web
/// address is written `guidance.pdf at www.gov.uk`, and an ordinary
/// sentence says "at" and "dot", but not as both).
fn spelt_in_words(text: &str) -> Vec<(Range<usize>, &'static str)> {
    let mut pieces = Vec::new();
    for found in IN_WORDS.find_iter(text) {
        let words: Vec<(Range<usize>, bool)> = SPELT_WORD
            .captures_iter(found.as_str())
            .filter_map(|c| {
                let (whole, word) = (c.get(0)?, c.get(1)?);
                let at = word.as_str().eq_ignore_ascii_case("at");
                Some((
                    found.start() + whole.start()..found.start() + whole.end(),
                    at,
                ))
            })
            .collect();
        let Some(sign) = words.iter().position(|&(_, at)| at) else {
            continue;
        };
        if !words[sign + 1..].iter().any(|&(_, at)| !at) {
            continue;
        }
        pieces.extend(
            words
                .into_iter()
                .map(|(range, at)| (range, if at { "@" } else { "." })),
        );
    }
    pieces
}
