//! What a drawing (`<svg>`) may show of its text: each piece is placed
//! where its own attributes say (`x`, `text-anchor="end"`, a transform),
//! so pieces written apart may be drawn side by side as one word, in any
//! order. Owns which joinings of a drawing's pieces are read; does not
//! collect the pieces ([`super::html`]) nor search what it joins
//! ([`super::look`]).
//!
//! Read, as blocks of text (participant ids only as written with their
//! marks, `a-gp-1`, not `AGP1`: labels drawn apart, "Borough A", "GP"
//! and "1", make that in some order, which no reader sees):
//! - every two pieces side by side, both ways round;
//! - for each thing looked for that holds letters or digits (a listed
//!   term and each pattern made of it, a person's names together, a
//!   participant id: [`Targets`]), every way three or more pieces make its
//!   letters and digits side by side (the end of one, then whole ones,
//!   then the start of one): those pieces joined in that order, for the
//!   searches to decide whether a reader would take them for it.
//!
//! Why that reads everything every order of the pieces shows: a name found
//! in the pieces joined in some order is a run of letters and digits of
//! that text (spaces, hyphens and marks count for nothing here), made of
//! the end of one piece, whole pieces and the start of another: one of
//! the ways found, whose pieces are joined alone (with nothing before or
//! after them, which parts no word more than another piece would). The
//! letters are compared as the term search reads them ([`letters`]: case,
//! accents and lookalikes folded), which reads each character on its own.
//! A piece may be taken twice (more is read, never less).
//!
//! Within one piece, an SVG `<text>` or `<tspan>` may place each of its
//! characters on its own (`x="76 67 60 …"`, one position each), in any
//! order: its characters are also read in the order of their places
//! ([`placed_order`]; red team finding F6).
//!
//! Not read: numbers (phone, NHS) made of three or more pieces, as a
//! chart's axis labels (`0`, `20`, `40`…) would make numbers of any shape
//! in some order; a person's names with a middle name or a nickname
//! between them, each name split among pieces.

use super::Texts;
use crate::anonymity::identifiers::{TermMatcher, normalise};
use crate::anonymity::participant_ids::ParticipantIds;
use crate::hash::{FastMap, FastSet};

/// The most distinct pieces of text one drawing may hold: each two are
/// read side by side, both ways round (160,000 joined; the default
/// theme's largest map holds about 120).
pub(super) const MAX_DRAWN: usize = 400;
pub(super) const TOO_MANY_DRAWN: &str = "a drawing (`<svg>`) in it holds more than 400 pieces of text, each placed where its own attributes say, which may be drawn side by side in more ways than the gate reads; split the drawing into smaller ones";

/// The most ways three or more pieces of one drawing may make things
/// looked for; past it, the drawing is refused.
pub(super) const MAX_WAYS: usize = 1000;
pub(super) const TOO_MANY_WAYS: &str = "a drawing (`<svg>`) in it holds pieces of text, each placed where its own attributes say, that make the names or ids looked for in more than 1,000 ways side by side, more than the gate reads; split the drawing into smaller ones";

/// Why a drawing whose characters' places cannot be told is refused.
pub(super) const UNPLACED: &str = "a drawing (`<svg>`) in it places the characters of a text one by one (an `x` or `dx` list) where the gate cannot tell their order on the screen (a character moved back by a negative `dx` past the places given, places in different units, a value that is not a length, or a part of the text placed again inside it); give the text one `x` and let its characters follow one another";

/// The characters of an SVG text element that places them one by one, in
/// the order of their places from left to right: `text` is the element's
/// text as drawn (its white space collapsed), `x` and `dx` its attributes.
/// The `i`th character is set at the `i`th `x`, moved by the `i`th `dx`
/// (and so is every one after it); a character past the list of `x`s
/// follows the one before it, to its right unless a negative `dx` moves
/// it back, which the gate cannot measure (it would need each letter's
/// width): refused. `nested`: a part of the text places its own
/// characters again, also refused. `Ok(None)` where the characters are
/// drawn in the order written.
pub(super) fn placed_order(
    text: &str,
    x: Option<&str>,
    dx: Option<&str>,
    nested: bool,
) -> Result<Option<String>, &'static str> {
    let xs = lengths(x.unwrap_or(""))?;
    let dxs = lengths(dx.unwrap_or(""))?;
    if xs.len() < 2 && dxs.len() < 2 {
        return Ok(None);
    }
    if nested {
        return Err(UNPLACED);
    }
    // Each character's place: where the list gives one, its own (its
    // `x`, its moves); past it, that of the last one placed, with its
    // place in line after it.
    let mut places: Vec<(f64, usize, char)> = Vec::new();
    let mut anchor = 0.0;
    for (i, c) in text.chars().enumerate() {
        let moved = dxs.get(i).copied().unwrap_or(0.0);
        match xs.get(i) {
            Some(&x) => anchor = x + moved,
            // The first character moved back moves the whole text.
            None if moved < 0.0 && i > 0 => return Err(UNPLACED),
            None => {}
        }
        places.push((anchor, i, c));
    }
    places.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let ordered: String = places.into_iter().map(|(_, _, c)| c).collect();
    Ok((ordered != text).then_some(ordered))
}

/// The numbers of an SVG list of lengths (`"76 67,60"`, `"1em 2em"`), all
/// in one unit (none or pixels, or another all alike); `Err` where a
/// value is no length or the units differ.
fn lengths(list: &str) -> Result<Vec<f64>, &'static str> {
    let mut unit: Option<String> = None;
    let mut numbers = Vec::new();
    for value in list.split(|c: char| c == ',' || c.is_ascii_whitespace()) {
        if value.is_empty() {
            continue;
        }
        let split = value
            .find(|c: char| c.is_ascii_alphabetic() || c == '%')
            .unwrap_or(value.len());
        let (number, own) = value.split_at(split);
        let own = match own.to_ascii_lowercase().as_str() {
            "px" => String::new(),
            other => other.to_string(),
        };
        let number: f64 = number.parse().map_err(|_| UNPLACED)?;
        if !number.is_finite() || unit.get_or_insert_with(|| own.clone()) != &own {
            return Err(UNPLACED);
        }
        numbers.push(number);
    }
    Ok(numbers)
}

/// The letters and digits of each thing looked for, as [`letters`] reads
/// them: what three or more pieces of a drawing are tried against.
#[derive(Default)]
pub(super) struct Targets(Vec<Vec<char>>);

impl Targets {
    /// Every string the term search looks for (listed terms, the words
    /// glued, first and last names alone), each listed person's names
    /// written apart (surname first, or one as an initial), and every
    /// participant id.
    pub fn new(matcher: &TermMatcher, ids: &ParticipantIds) -> Targets {
        let mut all: Vec<String> = matcher.strings().to_vec();
        for (first, last) in matcher.people_names() {
            let initial = |name: &str| name.chars().next().map(String::from).unwrap_or_default();
            all.push(format!("{last}{first}"));
            all.push(format!("{}{last}", initial(first)));
            all.push(format!("{first}{}", initial(last)));
            all.push(format!("{last}{}", initial(first)));
        }
        all.extend(ids.ids().iter().cloned());
        let mut targets: Vec<Vec<char>> = all
            .iter()
            .map(|s| letters(s))
            // Three pieces hold three letters at least.
            .filter(|l| l.len() >= 3)
            .collect();
        targets.sort();
        targets.dedup();
        Targets(targets)
    }
}

/// The letters and digits of `text` as the term search reads them (case,
/// accents, lookalikes and full-width forms folded, each character on its
/// own), without anything else.
pub(super) fn letters(text: &str) -> Vec<char> {
    normalise(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Reads the pieces of text of one drawing (see the module's list), or
/// refuses the file where there are too many to read.
pub(super) fn read(mut pieces: Vec<String>, texts: &mut Texts) {
    pieces.sort();
    pieces.dedup();
    // Each pair is read: past this many pieces, too many (fail closed).
    if pieces.len() > MAX_DRAWN {
        texts.refuse(TOO_MANY_DRAWN);
        return;
    }
    for first in &pieces {
        for second in pieces.iter().filter(|p| *p != first) {
            texts.drawn.push(format!("{first}{second}"));
        }
    }
    let targets = texts.targets.clone();
    match ways(&targets.0, &pieces) {
        Some(ways) => {
            let joined: FastSet<String> = ways
                .iter()
                .map(|way| way.iter().map(|&i| pieces[i].as_str()).collect())
                .collect();
            texts.drawn.extend(joined);
        }
        None => texts.refuse(TOO_MANY_WAYS),
    }
}

/// Every way three or more of `pieces` make one of `targets` (each the
/// pieces in order), or `None` past [`MAX_WAYS`].
fn ways(targets: &[Vec<char>], pieces: &[String]) -> Option<Vec<Vec<usize>>> {
    let letters: Vec<Vec<char>> = pieces.iter().map(|p| letters(p)).collect();
    // The pieces by their first letter (most pieces start no target's
    // letters at a given place).
    let mut by_first: FastMap<char, Vec<usize>> = FastMap::default();
    for (i, l) in letters.iter().enumerate() {
        if let Some(&c) = l.first() {
            by_first.entry(c).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    for target in targets {
        let Some(ways) = Ways::of(target, &letters, &by_first) else {
            continue;
        };
        if !ways.all(&mut found) {
            return None;
        }
    }
    Some(found)
}

/// The ways pieces make one target.
struct Ways<'a> {
    target: &'a [char],
    letters: &'a [Vec<char>],
    /// By place in the target: the pieces whole there, ending before its
    /// end.
    whole: Vec<Vec<usize>>,
    /// By place in the target: the pieces that start with the rest of it.
    ends: Vec<Vec<usize>>,
    /// By place in the target: whether whole pieces, then the start of
    /// one, make the rest of it from there.
    finishes: Vec<bool>,
}

impl<'a> Ways<'a> {
    /// How `letters` may make `target`; `None` where no way does (none
    /// has a whole piece between its first and last).
    fn of(
        target: &'a [char],
        letters: &'a [Vec<char>],
        by_first: &FastMap<char, Vec<usize>>,
    ) -> Option<Ways<'a>> {
        let n = target.len();
        let starting = |at: usize| by_first.get(&target[at]).map_or(&[][..], Vec::as_slice);
        let whole: Vec<Vec<usize>> = (0..n)
            .map(|at| {
                let fits = |&&i: &&usize| {
                    let piece = &letters[i];
                    at + piece.len() < n && target[at..at + piece.len()] == piece[..]
                };
                starting(at).iter().filter(fits).copied().collect()
            })
            .collect();
        // No way passes a whole piece: none to read (most targets, in a
        // drawing whose pieces hold none of their letters).
        if n < 3 || whole.iter().all(Vec::is_empty) {
            return None;
        }
        let ends: Vec<Vec<usize>> = (0..n)
            .map(|at| {
                let fits = |&&i: &&usize| letters[i].starts_with(&target[at..]);
                starting(at).iter().filter(fits).copied().collect()
            })
            .collect();
        let mut finishes = vec![false; n];
        for at in (1..n).rev() {
            finishes[at] =
                !ends[at].is_empty() || whole[at].iter().any(|&i| finishes[at + letters[i].len()]);
        }
        Some(Ways {
            target,
            letters,
            whole,
            ends,
            finishes,
        })
    }

    /// Adds every way to `found`; `false` past [`MAX_WAYS`] in all.
    fn all(&self, found: &mut Vec<Vec<usize>>) -> bool {
        let n = self.target.len();
        for (i, piece) in self.letters.iter().enumerate() {
            for len in 1..=piece.len().min(n - 1) {
                if piece.ends_with(&self.target[..len]) && self.middles(len) {
                    let mut way = vec![i];
                    if !self.on(len, &mut way, found) {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Whether a whole piece may follow at `at` on a way to the end.
    fn middles(&self, at: usize) -> bool {
        self.whole[at]
            .iter()
            .any(|&i| self.finishes[at + self.letters[i].len()])
    }

    /// The ways on from `at`, where `way` has made the target up to there.
    fn on(&self, at: usize, way: &mut Vec<usize>, found: &mut Vec<Vec<usize>>) -> bool {
        // Three pieces at least: two pieces are read as every pair.
        if way.len() >= 2 {
            for &end in &self.ends[at] {
                let mut done = way.clone();
                done.push(end);
                found.push(done);
                if found.len() > MAX_WAYS {
                    return false;
                }
            }
        }
        for &middle in &self.whole[at] {
            let next = at + self.letters[middle].len();
            if self.finishes[next] {
                way.push(middle);
                if !self.on(next, way, found) {
                    return false;
                }
                way.pop();
            }
        }
        true
    }
}

#[cfg(test)]
#[path = "drawn_tests.rs"]
mod tests;
