//! The text of a page as lines of it are shown, for [`super::html`]: runs
//! of text between block boundaries ([`Run`]) and the page's text across
//! every element ([`Flow`]). Each is kept in two layers: everything the
//! page holds in the line (`all`: what is shown when every element that
//! may be hidden is shown, an image's alternative text, a script a style
//! shows), and what is left when every element that may be hidden is
//! hidden (`visible`), for text hidden inside a word (`Quill<span
//! hidden>x</span>feather` shows `Quillfeather`).

use super::{Texts, text};
use crate::anonymity::patterns;

/// One layer of a run: with nothing at each inline tag, comment and
/// invisible character, and with a space.
#[derive(Default, PartialEq)]
struct Line {
    joined: String,
    spaced: String,
    /// Whether the two differ.
    split: bool,
}

impl Line {
    fn text(&mut self, s: &str) {
        if text::has_invisible(s) {
            self.joined.push_str(&text::without_invisible(s));
            self.spaced.push_str(&text::invisible_as_space(s));
            self.split = true;
        } else {
            self.joined.push_str(s);
            self.spaced.push_str(s);
        }
    }

    fn inline(&mut self) {
        self.spaced.push(' ');
        self.split = true;
    }

    fn space(&mut self) {
        self.joined.push(' ');
        self.spaced.push(' ');
    }

    fn is_blank(&self) -> bool {
        self.joined.trim().is_empty() && self.spaced.trim().is_empty()
    }

    /// Into `texts`, each run of spaces read as one, as a browser shows
    /// it (round 13: `07700  900123` typed in a long paragraph, far from
    /// where blocks meet, was read as two numbers).
    fn into_blocks(self, texts: &mut Texts) {
        if self.split {
            texts.blocks.push(collapse_spaces(self.spaced));
        }
        texts.blocks.push(collapse_spaces(self.joined));
    }
}

/// How a piece of a line may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Nothing around it in the line hides it.
    Always,
    /// An element around it in the line is not shown (`hidden`, a
    /// `<template>`), and no style shows it.
    Never,
    /// It is shown or not as one element decides (the innermost around it
    /// that a style may hide or show, numbered in the page): every piece
    /// that element decides is shown together, or none is.
    Either(usize),
    /// One of a group is shown (an option of a `<select>`, numbered as the
    /// select `group` and the option `member`), or none.
    OneOf { group: usize, member: usize },
}

/// The most ways one line may be shown that are each read: 2 for each
/// element that may be shown or hidden, times the options of each list to
/// pick from, and one more for each list (showing none).
pub const MOST_WAYS: usize = 256;

pub(super) const TOO_MANY_WAYS: &str = "one line of its text may be shown in more than 256 ways (elements a style may hide or show, less than 100 letters and digits apart, or as far apart as the longest listed term or participant id is long where that is longer, and options of lists to pick from), too many for the gate to read each";

/// A piece of a line, kept to read the line each way it may be shown.
enum Piece {
    Text(String, Shown),
    Inline,
    Space,
}

/// One run of text between block boundaries.
#[derive(Default)]
pub struct Run {
    all: Line,
    /// The run's pieces, for the ways it may be shown.
    pieces: Vec<Piece>,
    /// Whether any piece may be hidden.
    hid: bool,
    /// The text as written from the first right-to-left override on
    /// (empty without one), to read as it is shown.
    overridden: String,
    /// The run as shown where a `<bdo dir=rtl>` reverses part of it, or
    /// a style closes up its spaces: `None` without one.
    shown: Option<String>,
    /// The words of its text whose spaces a style closes up, as written.
    closed_up: Vec<String>,
    /// Where each reversal still open in the run begins in `shown`,
    /// innermost last.
    reversals: Vec<usize>,
}

/// The most words of a run whose spaces a style closes up that are read
/// joined: a name of up to this many words, or split into as many
/// pieces.
const JOINED_WORDS: usize = 4;

impl Run {
    /// Text in the line, shown as `shown` says.
    pub fn text(&mut self, s: &str, shown: Shown) {
        if !self.overridden.is_empty() || s.contains('\u{202e}') {
            self.overridden.push_str(s);
        }
        if let Some(reversed) = &mut self.shown {
            reversed.push_str(s);
        }
        self.all.text(s);
        self.hid |= shown != Shown::Always;
        self.pieces.push(Piece::Text(s.to_string(), shown));
    }

    /// An inline tag or a comment: nothing, or a space.
    pub fn inline(&mut self) {
        self.all.inline();
        self.pieces.push(Piece::Inline);
    }

    /// `<br>`: a space both ways.
    pub fn space(&mut self) {
        self.all.space();
        self.pieces.push(Piece::Space);
        if let Some(shown) = &mut self.shown {
            shown.push(' ');
        }
    }

    /// Text in the line inside an element whose style may close up the
    /// spaces between its words (`word-spacing: -0.3em`): read as
    /// [`Run::text`] reads it, and in the run as shown with its spaces
    /// left out (`Thistle bury` is shown "Thistlebury": red team finding
    /// F7). Each of an element's pieces of text, however nested, is so
    /// read, for the spacing is inherited. Where the whole line is closed
    /// up, a name in it is glued to the words around it, which the
    /// searches do not read as a word of its own: each two to
    /// [`JOINED_WORDS`] neighbouring words are also read joined, each
    /// alone.
    pub fn text_closed_up(&mut self, s: &str, shown: Shown) {
        self.closed_up
            .extend(s.split_whitespace().map(str::to_string));
        let joined = &self.all.joined;
        let from = self.shown.get_or_insert_with(|| joined.clone()).len();
        self.text(s, shown);
        if let Some(line) = &mut self.shown {
            let closed: String = line[from..]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            line.truncate(from);
            line.push_str(&closed);
        }
    }

    /// Where a `<bdo dir=rtl>` (or an element drawn mirrored) begins:
    /// the shown reading from here on is reversed where it ends, or where
    /// the run does, if first.
    pub fn reversal_starts(&mut self) {
        let joined = &self.all.joined;
        let from = self.shown.get_or_insert_with(|| joined.clone()).len();
        self.reversals.push(from);
    }

    /// Where the innermost reversal still open in this run ends. One
    /// begun in a run that has ended since (a block inside a `<bdo>`)
    /// ended with it: elements nest, so none of this run's is then open.
    pub fn reversal_ends(&mut self) {
        if let (Some(from), Some(shown)) = (self.reversals.pop(), &mut self.shown)
            && let Some(part) = shown.get(from..)
        {
            let reversed: String = part.chars().rev().collect();
            shown.truncate(from);
            shown.push_str(&reversed);
        }
    }

    /// The end of a block: what the run read goes into `texts`, as written
    /// and each way it may be shown.
    pub fn end(&mut self, texts: &mut Texts) {
        while !self.reversals.is_empty() {
            self.reversal_ends();
        }
        let run = std::mem::take(self);
        if run.all.is_blank() {
            return;
        }
        // What a right-to-left override reverses, as it is shown.
        if let Some(shown) = text::overridden_as_shown(&run.overridden) {
            text::versions(&shown, texts);
        }
        if let Some(shown) = run.shown {
            text::versions(&shown, texts);
        }
        if run.closed_up.len() > 1 {
            let mut joined = String::new();
            for n in 2..=JOINED_WORDS {
                for words in run.closed_up.windows(n) {
                    joined.extend(words.iter().map(String::as_str));
                    joined.push('\n');
                }
            }
            texts.blocks.push(joined);
        }
        if texts.capitals {
            for line in [&run.all.joined, &run.all.spaced] {
                capitals(line, texts);
            }
        }
        if run.hid {
            for line in ways_shown(&run.pieces, texts) {
                if texts.capitals {
                    capitals(&line.joined, texts);
                }
                if !line.is_blank() && line != run.all {
                    line.into_blocks(texts);
                }
            }
        }
        run.all.into_blocks(texts);
    }
}

/// What decides whether a piece of a line is shown: an element that may
/// be hidden, or a list to pick from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decider {
    Element(usize),
    List(usize),
}

fn decider(piece: &Piece) -> Option<Decider> {
    match piece {
        Piece::Text(s, _) if s.trim().is_empty() => None,
        Piece::Text(_, Shown::Either(element)) => Some(Decider::Element(*element)),
        Piece::Text(_, Shown::OneOf { group, .. }) => Some(Decider::List(*group)),
        _ => None,
    }
}

/// The deciders of a line in parts that do not matter to one another:
/// between two parts stands text always shown with at least `reach`
/// ASCII letters and digits and a space, more than any hit holds with
/// what decides it (see `Texts::reach`), so no hit reaches from one part
/// to the other, and each part may be read in its ways with the others
/// fixed. Without a reach, one part.
fn parts(pieces: &[Piece], reach: Option<usize>) -> Vec<Vec<Decider>> {
    let mut parts: Vec<Vec<Decider>> = Vec::new();
    // The letters and digits, and whether a space, since the last decider.
    let (mut letters, mut spaced) = (0usize, false);
    let mut last_piece: Vec<(Decider, usize)> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        if let Some(d) = decider(piece) {
            match last_piece.iter_mut().find(|(e, _)| *e == d) {
                Some(last) => last.1 = i,
                None => last_piece.push((d, i)),
            }
        }
    }
    let mut open_until = 0;
    for (i, piece) in pieces.iter().enumerate() {
        match (decider(piece), piece) {
            (Some(d), _) => {
                let far = reach.is_some_and(|reach| letters >= reach && spaced);
                if parts.is_empty() || (far && i > open_until) {
                    parts.push(Vec::new());
                }
                let part = parts.last_mut().expect("a part");
                if !part.contains(&d) {
                    part.push(d);
                }
                let last = last_piece.iter().find(|(e, _)| *e == d).map_or(i, |l| l.1);
                open_until = open_until.max(last);
                (letters, spaced) = (0, false);
            }
            (None, Piece::Text(s, Shown::Always)) => {
                letters += s.bytes().filter(u8::is_ascii_alphanumeric).count();
                spaced |= s.contains(' ');
            }
            (None, Piece::Space) => spaced = true,
            (None, _) => {}
        }
    }
    if parts.is_empty() {
        // Nothing decides: the one way, what is never shown left out.
        parts.push(Vec::new());
    }
    parts
}

/// Each way the line of `pieces` may be shown, each once: every choice of
/// shown or hidden for the elements that decide it, and of one option (or
/// none) for each list to pick from, in each part of the line that
/// matters to others (see [`parts`]), the rest hidden. Past [`MOST_WAYS`]
/// in one part, the file is refused, and the line read with each such
/// element hidden.
fn ways_shown(pieces: &[Piece], texts: &mut Texts) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for part in parts(pieces, texts.reach) {
        if !ways_of_part(pieces, &part, &mut lines) {
            texts.refuse(TOO_MANY_WAYS);
            return vec![line_of(pieces, |_| false)];
        }
    }
    lines
}

/// Adds to `lines` each way the line may be shown as `part`'s deciders
/// choose, the others hidden (an element holding only white space is in
/// no part, and always hidden here: the line with every element shown is
/// read apart); `false` past
/// [`MOST_WAYS`].
fn ways_of_part(pieces: &[Piece], part: &[Decider], lines: &mut Vec<Line>) -> bool {
    let either: Vec<usize> = part
        .iter()
        .filter_map(|d| match d {
            Decider::Element(e) => Some(*e),
            Decider::List(_) => None,
        })
        .collect();
    let mut groups: Vec<(usize, Vec<usize>)> = part
        .iter()
        .filter_map(|d| match d {
            Decider::List(g) => Some((*g, Vec::new())),
            Decider::Element(_) => None,
        })
        .collect();
    for piece in pieces {
        if let Piece::Text(s, Shown::OneOf { group, member }) = piece
            && !s.trim().is_empty()
            && let Some((_, members)) = groups.iter_mut().find(|(g, _)| g == group)
            && !members.contains(member)
        {
            members.push(*member);
        }
    }
    let ways = groups
        .iter()
        .map(|(_, members)| members.len() + 1)
        .try_fold(1usize, |ways, choices| ways.checked_mul(choices))
        .and_then(|ways| ways.checked_mul(1usize.checked_shl(either.len() as u32)?))
        .filter(|&ways| ways <= MOST_WAYS);
    let Some(ways) = ways else {
        return false;
    };
    for way in 0..ways {
        // The way's number, read in mixed radix: a bit for each element
        // that may be hidden, then an option (or none, the last) per list.
        let mut rest = way >> either.len();
        let picked: Vec<(usize, Option<usize>)> = groups
            .iter()
            .map(|(group, members)| {
                let choice = rest % (members.len() + 1);
                rest /= members.len() + 1;
                (*group, members.get(choice).copied())
            })
            .collect();
        let line = line_of(pieces, |shown| match shown {
            Shown::Either(element) => either
                .iter()
                .position(|&e| e == element)
                .is_some_and(|bit| way & (1 << bit) != 0),
            Shown::OneOf { group, member } => {
                picked.iter().any(|&(g, m)| g == group && m == Some(member))
            }
            _ => false,
        });
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    true
}

/// The line of `pieces` with what is shown always, and what `shows` says
/// of the rest.
fn line_of(pieces: &[Piece], shows: impl Fn(Shown) -> bool) -> Line {
    let mut line = Line::default();
    for piece in pieces {
        match piece {
            Piece::Text(s, Shown::Always) => line.text(s),
            Piece::Text(s, shown) if shows(*shown) => line.text(s),
            Piece::Text(..) => {}
            Piece::Inline => line.inline(),
            Piece::Space => line.space(),
        }
    }
    line
}

/// `line` in capitals, where a style may show it so, for postcodes and NI
/// numbers: only a line that may hold one
/// ([`patterns::may_hold_a_number`]; no character's capital is a digit
/// that was not one) and that capitals change.
fn capitals(line: &str, texts: &mut Texts) {
    if patterns::may_hold_a_number(line) {
        let upper = line.to_uppercase();
        if upper != line {
            texts.capital_lines.push(upper);
        }
    }
}

/// `s` (its line breaks and tabs already spaces) with each run of spaces
/// as one space.
fn collapse_spaces(s: String) -> String {
    if !s.contains("  ") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, &s);
    out
}

/// A browser shows a line break or a tab in text as a space; a no-break
/// space is a space to a reader too, and two of them part a number's
/// groups as two spaces do (round 15: `07700&nbsp;&nbsp;900123`).
pub fn shown_spaces(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\u{a0}') {
        let spaced = s.replace('\u{a0}', " ");
        return shown_spaces(&spaced).into_owned().into();
    }
    let shown_as_space = |b: u8| matches!(b, b'\n' | b'\r' | b'\t' | b'\x0c');
    if !s.bytes().any(shown_as_space) {
        return s.into();
    }
    // White space alone between two tags (most of a page's text nodes):
    // as many spaces, without making a string.
    const BLANK: &str = "                                                                ";
    if s.len() <= BLANK.len() && s.bytes().all(|b| b == b' ' || shown_as_space(b)) {
        return BLANK[..s.len()].into();
    }
    // One ASCII byte for another, so still UTF-8 (`str::replace` with a
    // set of characters searches a character at a time).
    let bytes: Vec<u8> = s
        .bytes()
        .map(|b| if shown_as_space(b) { b' ' } else { b })
        .collect();
    String::from_utf8(bytes)
        .unwrap_or_else(|_| s.replace(['\n', '\r', '\t', '\x0c'], " "))
        .into()
}

/// The page's text across every element, white space collapsed as a
/// browser collapses it, in both layers, with where blocks meet.
#[derive(Default)]
pub struct Flow {
    all: String,
    visible: String,
    /// Where blocks meet, in `all` and in `visible`, and whether table
    /// cells meet there.
    breaks: Vec<(usize, usize, bool)>,
}

/// How far from where two blocks meet a phone, NHS or National Insurance
/// number or a postcode can reach: the longest, a phone number a digit at
/// a time parted by the widest mark the patterns read between groups
/// (` ... `, five characters: `+44 ... (0) ... 7 ... 7 ... 0 …`, ten
/// digits), is 72 characters; patterns/ holds their shapes. Kept above
/// it (each character more is read at every block's edge).
const NUMBER_REACH: usize = 80;

impl Flow {
    pub fn text(&mut self, s: &str, hidden: bool) {
        let (from, ends_alike) = (self.all.len(), ends_alike(&self.all, &self.visible));
        push_collapsed(&mut self.all, s);
        match (hidden, ends_alike) {
            (true, _) => {}
            // What collapsing pushes depends only on `s` and on whether
            // the text ends in a space (or is empty): the same again.
            (false, true) => self.visible.push_str(&self.all[from..]),
            (false, false) => push_collapsed(&mut self.visible, s),
        }
    }

    /// `<br>`: a space.
    pub fn space(&mut self) {
        push_collapsed(&mut self.all, " ");
        push_collapsed(&mut self.visible, " ");
    }

    /// Two blocks meet here (`cell`: two table cells, which a reader reads
    /// as apart: a space for names, and no number across them).
    pub fn block(&mut self, cell: bool) {
        if cell {
            push_collapsed(&mut self.all, " ");
            push_collapsed(&mut self.visible, " ");
        }
        let at = (self.all.len(), self.visible.len());
        match self.breaks.last_mut() {
            Some(last) if (last.0, last.1) == at => last.2 |= cell,
            _ => self.breaks.push((at.0, at.1, cell)),
        }
    }

    /// Into `texts`: the text across every element (for names, ids and
    /// addresses), and the text around each place two blocks meet, joined
    /// and with a space, for numbers (never across a table cell's edge).
    pub fn finish(self, texts: &mut Texts) {
        self.numbers(texts);
        let visible_differs = self.visible != self.all && !self.visible.trim().is_empty();
        if visible_differs {
            texts.flow(self.visible);
        }
        if !self.all.trim().is_empty() {
            texts.flow(self.all);
        }
    }

    /// The text around each place two blocks meet, joined and with a
    /// space, that may hold a number: two digits or more, or a zero, as
    /// [`patterns::may_hold_a_number`] counts them (in any script: a
    /// number in full-width digits split between two blocks was published
    /// while only ASCII digits were counted).
    fn numbers(&self, texts: &mut Texts) {
        // Most pages show all their text: the same layer twice.
        let all = Digits::of(&self.all);
        let visible = (self.visible != self.all).then(|| Digits::of(&self.visible));
        let digits = [&all, visible.as_ref().unwrap_or(&all)];
        if digits.iter().all(|d| d.at.len() < 2 && d.zeros.is_empty()) {
            return;
        }
        let mut seen = crate::hash::FastSet::default();
        // No number reaches across a table cell's edge: for each place
        // blocks meet, the nearest cell edges before and after it (found in
        // one pass each way: a long page meets thousands of times).
        let mut cells_after = vec![None; self.breaks.len()];
        let mut next = None;
        for (i, b) in self.breaks.iter().enumerate().rev() {
            cells_after[i] = next;
            if b.2 {
                next = Some(*b);
            }
        }
        let mut cells_before: Option<(usize, usize, bool)> = None;
        for (i, &(at_all, at_visible, cell)) in self.breaks.iter().enumerate() {
            if cell {
                cells_before = Some(self.breaks[i]);
                continue;
            }
            let after = cells_after[i];
            let layers = [
                (
                    &self.all,
                    at_all,
                    cells_before.map(|b| b.0),
                    after.map(|b| b.0),
                ),
                (
                    &self.visible,
                    at_visible,
                    cells_before.map(|b| b.1),
                    after.map(|b| b.1),
                ),
            ];
            for (n, (layer, at, from, to)) in layers.into_iter().enumerate() {
                let layer = &layer[..to.unwrap_or(layer.len())];
                let from = from.unwrap_or(0);
                let window = around(&layer[from..], at - from);
                if !digits[n].may_hold_a_number(from + window.start..from + window.end) {
                    continue;
                }
                let (before, after) = (
                    &layer[from + window.start..at],
                    &layer[at..from + window.end],
                );
                let spaced = format!("{before} {after}");
                if texts.capitals {
                    capitals(&spaced, texts);
                    capitals(&format!("{before}{after}"), texts);
                }
                if seen.insert(spaced.clone()) {
                    texts.numbers.push(spaced);
                }
                let joined = format!("{before}{after}");
                if seen.insert(joined.clone()) {
                    texts.numbers.push(joined);
                }
            }
        }
    }
}

/// Where a layer's digits and zeros are ([`patterns::is_digit`],
/// [`patterns::is_zero`]), to pass over a window with fewer than two
/// digits and no zero at once (most), and a page without (most) at once.
struct Digits {
    at: Vec<usize>,
    /// Where the digits read as zero are, among them.
    zeros: Vec<usize>,
}

impl Digits {
    fn of(layer: &str) -> Digits {
        let (mut at, mut zeros) = (Vec::new(), Vec::new());
        let bytes = layer.as_bytes();
        // A piece at a time, each first asked (many bytes at once) whether
        // it holds an ASCII digit or a character outside ASCII: most hold
        // neither, and are passed over. `from` is always where a character
        // starts: a piece passed over is ASCII.
        const PIECE: usize = 32;
        let mut from = 0;
        while from < bytes.len() {
            let end = (from + PIECE).min(bytes.len());
            let piece = &bytes[from..end];
            if !piece
                .iter()
                .fold(false, |any, &b| any | b.is_ascii_digit() | !b.is_ascii())
            {
                from = end;
                continue;
            }
            // A character at a time to the piece's end (the last may run
            // past it).
            while from < end {
                let c = layer[from..].chars().next().unwrap_or_default();
                if patterns::is_digit(c) {
                    at.push(from);
                    if patterns::is_zero(c) {
                        zeros.push(from);
                    }
                }
                from += c.len_utf8();
            }
        }
        Digits { at, zeros }
    }

    /// Whether the layer's text in `range` may hold a number: as
    /// [`patterns::may_hold_a_number`] of it (see the tests).
    fn may_hold_a_number(&self, range: std::ops::Range<usize>) -> bool {
        let first = self.at.partition_point(|&d| d < range.start);
        let zero = self.zeros.partition_point(|&d| d < range.start);
        self.at.get(first + 1).is_some_and(|&d| d < range.end)
            || self.zeros.get(zero).is_some_and(|&d| d < range.end)
    }
}

/// Up to [`NUMBER_REACH`] characters a reader sees of `text` on each side
/// of `at` (with those between them that no one sees),
/// widened to whole words (so a number is never cut into a shorter one):
/// where they start and end in `text`.
fn around(text: &str, at: usize) -> std::ops::Range<usize> {
    let before = &text[..at];
    let after = &text[at..];
    // Characters a reader does not see are not counted: a run of them
    // inside a number put its first groups out of reach (red team, round
    // 25). Where ASCII, a character is a byte, and shows.
    let shows = |&(_, c): &(usize, char)| !crate::reading::is_invisible(c);
    let mut start = match at.checked_sub(NUMBER_REACH) {
        Some(start) if before.as_bytes()[start..].is_ascii() => start,
        None if before.is_ascii() => 0,
        _ => before
            .char_indices()
            .rev()
            .filter(shows)
            .nth(NUMBER_REACH - 1)
            .map_or(0, |(i, _)| i),
    };
    start = before[..start].rfind(' ').map_or(0, |i| i + 1);
    let ascii = NUMBER_REACH.min(after.len());
    let mut end = match after.as_bytes()[..ascii].is_ascii() {
        true => ascii,
        false => after
            .char_indices()
            .filter(shows)
            .nth(NUMBER_REACH)
            .map_or(after.len(), |(i, _)| i),
    };
    end = after[end..].find(' ').map_or(after.len(), |i| end + i);
    start..at + end
}

/// Whether [`push_collapsed`] pushes the same onto `a` and onto `b`: both
/// end in a space (or are empty), or neither.
fn ends_alike(a: &str, b: &str) -> bool {
    let open = |s: &str| s.is_empty() || s.ends_with(' ');
    open(a) == open(b)
}

fn push_collapsed(out: &mut String, s: &str) {
    // White space is ASCII: the text between is pushed whole.
    let space = |b: &u8| matches!(b, b'\n' | b'\r' | b'\t' | b'\x0c' | b' ');
    let mut rest = s;
    while !rest.is_empty() {
        let at = rest.bytes().position(|b| space(&b)).unwrap_or(rest.len());
        out.push_str(&rest[..at]);
        if at < rest.len() {
            if !(out.is_empty() || out.ends_with(' ')) {
                out.push(' ');
            }
            rest = &rest[at + 1..];
        } else {
            rest = "";
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window around a place blocks meet, found a byte at a time
    /// where the text is ASCII, is the one found a character at a time.
    #[test]
    fn windows_are_found_as_character_by_character() {
        fn by_character(text: &str, at: usize) -> std::ops::Range<usize> {
            let (before, after) = (&text[..at], &text[at..]);
            let mut start = before
                .char_indices()
                .rev()
                .nth(NUMBER_REACH - 1)
                .map_or(0, |(i, _)| i);
            start = before[..start].rfind(' ').map_or(0, |i| i + 1);
            let mut end = after
                .char_indices()
                .nth(NUMBER_REACH)
                .map_or(after.len(), |(i, _)| i);
            end = after[end..].find(' ').map_or(after.len(), |i| end + i);
            start..at + end
        }
        let pieces = [
            "a",
            "7",
            " ",
            "é",
            "\u{2013}",
            "0123456789",
            "x y",
            "\u{1F600}",
        ];
        let mut made_up = crate::made_up::Sequence::new(7);
        let mut positions = 0;
        for _ in 0..20_000 {
            let text = made_up.text(&pieces, 40);
            positions += text.chars().count() + 1;
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    around(&text, at),
                    by_character(&text, at),
                    "{text:?} at {at}"
                );
            }
        }
        assert!(positions > 500_000);
    }

    /// Line breaks and tabs shown as spaces a byte at a time, as
    /// `str::replace` shows them a character at a time.
    #[test]
    fn breaks_are_shown_as_spaces_as_by_replacing_characters() {
        let pieces = [
            "", " ", "\n", "\r\n", "\t", "\x0c", "a", "é", "\u{2028}", "\u{85}", "中",
        ];
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let s = format!("{first}{second}{third}{second}");
                    let slow = s.replace(['\n', '\r', '\t', '\x0c'], " ");
                    assert_eq!(shown_spaces(&s), slow, "{s:?}");
                }
            }
        }
    }

    /// White space collapsed a run at a time, as it is character by
    /// character.
    #[test]
    fn white_space_is_collapsed_as_character_by_character() {
        fn by_character(out: &mut String, s: &str) {
            for c in s.chars() {
                let c = match c {
                    '\n' | '\r' | '\t' | '\x0c' | ' ' => ' ',
                    c => c,
                };
                if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
                    continue;
                }
                out.push(c);
            }
        }
        let pieces = [
            "", " ", "  ", "\n", "\r\n", "\t", "\x0c", "a", "é", "\u{a0}", "\u{3000}", "b c",
        ];
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let s = format!("{second}{third}{second}");
                    for start in ["", "x", "x "] {
                        let (mut fast, mut slow) =
                            (format!("{start}{first}"), format!("{start}{first}"));
                        push_collapsed(&mut fast, &s);
                        by_character(&mut slow, &s);
                        assert_eq!(fast, slow, "{start:?} + {first:?} + {s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn numbers_are_read_where_blocks_meet_whole_words_only() {
        let mut flow = Flow::default();
        flow.text("ring 020 7946 ", false);
        flow.block(false);
        flow.text("0958 today", false);
        flow.block(true);
        flow.text("12", false);
        flow.block(true);
        flow.text("34", false);
        let mut texts = Texts::default();
        flow.finish(&mut texts);
        assert!(texts.numbers.iter().any(|n| n.contains("020 7946 0958")));
        // Table cells meet with a space, never joined.
        assert!(!texts.numbers.iter().any(|n| n.contains("1234")));
        // A word longer than the reach is taken whole, and no further.
        let word = "0123456789".repeat(10) + "0123";
        assert!(word.len() > NUMBER_REACH);
        let text = format!("aaaa {word} x");
        let window = around(&text, 5);
        assert_eq!(
            (&text[window.start..5], &text[5..window.end]),
            ("aaaa ", word.as_str())
        );
    }

    /// A number in full-width digits split between two blocks is read
    /// where they meet (it was not: only ASCII digits were counted); a
    /// window with one digit alone is not read.
    #[test]
    fn numbers_in_any_digits_are_read_where_blocks_meet() {
        let mut flow = Flow::default();
        flow.text("ring \u{ff10}\u{ff17}\u{ff17}\u{ff10}\u{ff10}", false);
        flow.block(false);
        flow.text(
            "\u{ff19}\u{ff10}\u{ff10}\u{ff11}\u{ff12}\u{ff13} today",
            false,
        );
        flow.block(false);
        flow.text(&"and more words ".repeat(20), false);
        flow.block(false);
        flow.text("4 quotes", false);
        flow.block(false);
        flow.text("in all", false);
        let mut texts = Texts::default();
        flow.finish(&mut texts);
        let joined = "\u{ff10}\u{ff17}\u{ff17}\u{ff10}\u{ff10}\u{ff19}";
        assert!(texts.numbers.iter().any(|n| n.contains(joined)));
        assert!(!texts.numbers.iter().any(|n| n.ends_with("quotes in all")));
    }

    /// Characters no one sees are not counted in the reach: a run of
    /// them inside a number leaves its first groups in the window (red
    /// team, round 25).
    #[test]
    fn the_reach_counts_what_a_reader_sees() {
        for pad in ["\u{200b}", "\u{ad}", "\u{2060}"] {
            let before = format!("lorem ipsum Call 07700 {}900", pad.repeat(90));
            let text = format!("{before}123 today");
            let window = around(&text, before.len());
            assert!(text[window].contains("07700"), "{pad:?}");
        }
    }

    /// White space alone is shown as as many spaces, whatever its mix
    /// and length, as the byte-by-byte reading shows it.
    #[test]
    fn white_space_alone_is_shown_as_spaces() {
        for len in 0..70 {
            for mix in ["\n", "\r", "\t", "\x0c", " ", "\n \t", "  \r\n"] {
                let s: String = mix.chars().cycle().take(len).collect();
                assert_eq!(shown_spaces(&s), " ".repeat(len), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]

        /// The same in ASCII text, which `Digits::of` reads 32 bytes at
        /// a time: a digit on either side of a piece's edge is found.
        #[test]
        fn ascii_windows_are_passed_over_as_may_hold_a_number_says(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", " ", "7", "0", "Q", "word ", "."]),
                0..150,
            ),
            start in 0usize..300,
            end in 0usize..300,
        ) {
            let layer = pieces.concat();
            let (a, b) = (start % (layer.len() + 1), end % (layer.len() + 1));
            let range = a.min(b)..a.max(b);
            let digits = Digits::of(&layer);
            let each: Vec<usize> = (layer.bytes().enumerate())
                .filter(|(_, b)| b.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            proptest::prop_assert_eq!(&digits.at, &each);
            proptest::prop_assert_eq!(
                digits.may_hold_a_number(range.clone()),
                patterns::may_hold_a_number(&layer[range]),
            );
        }

        /// A flow's shown text, pushed as its whole text is where both
        /// end alike, is what collapsing each on its own makes.
        #[test]
        fn the_shown_layer_is_collapsed_as_on_its_own(
            steps in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["a", " ", "  b ", "\n", "\t c", "", "d\u{a0}e", " f"]),
                    proptest::bool::ANY,
                    0u8..4,
                ),
                0..30,
            ),
        ) {
            let mut flow = Flow::default();
            let (mut all, mut visible) = (String::new(), String::new());
            for (s, hidden, kind) in steps {
                match kind {
                    0 => {
                        flow.space();
                        push_collapsed(&mut all, " ");
                        push_collapsed(&mut visible, " ");
                    }
                    1 => flow.block(hidden),
                    _ => {
                        flow.text(s, hidden);
                        push_collapsed(&mut all, s);
                        if !hidden {
                            push_collapsed(&mut visible, s);
                        }
                    }
                }
                if kind == 1 && hidden {
                    push_collapsed(&mut all, " ");
                    push_collapsed(&mut visible, " ");
                }
            }
            proptest::prop_assert_eq!(&flow.all, &all);
            proptest::prop_assert_eq!(&flow.visible, &visible);
        }

        /// The digits a layer is passed over by are those
        /// `may_hold_a_number` counts, in every window: no window it would
        /// read is passed over.
        #[test]
        fn windows_are_passed_over_as_may_hold_a_number_says(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "7", "0", "\u{ff10}", "\u{ff17}", "\u{661}", "\u{b9}", "\u{e9}", "\u{200b}",
                    "Q",
                ]),
                // Past the 32 bytes `Digits::of` reads at a time.
                0..120,
            ),
            start in 0usize..200,
            end in 0usize..200,
        ) {
            let layer = pieces.concat();
            let bounds: Vec<usize> = (0..=layer.len())
                .filter(|&i| layer.is_char_boundary(i))
                .collect();
            let (a, b) = (bounds[start % bounds.len()], bounds[end % bounds.len()]);
            let range = a.min(b)..a.max(b);
            proptest::prop_assert_eq!(
                Digits::of(&layer).may_hold_a_number(range.clone()),
                patterns::may_hold_a_number(&layer[range]),
            );
        }
    }
}
