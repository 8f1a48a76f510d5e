//! Listed identifiers: the terms of private/identifiers.yaml and finding them in
//! text, whole-word, across case, accents, apostrophes, hyphens, line breaks and
//! possessives. Owns the normalised form of a term; does not decide severity,
//! allowances or how a hit is reported (the anonymity checks do).

use super::word_trie::WordTrie;
pub use crate::model::Identifiers;
use std::collections::HashMap;
use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

impl Identifiers {
    /// Keys of `replace:` that name no listed term (they are not searched for;
    /// worth a warning, as the researcher probably meant to list them).
    pub fn unlisted_replacements(&self) -> Vec<&str> {
        let listed: std::collections::HashSet<String> = self
            .people
            .iter()
            .chain(&self.places)
            .chain(&self.organisations)
            .map(|t| normalise(t))
            .collect();
        self.replace
            .keys()
            .filter(|k| !listed.contains(&normalise(k)))
            .map(String::as_str)
            .collect()
    }
}

/// Which list of identifiers.yaml a term comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    People,
    Places,
    Organisations,
}

impl List {
    /// The list's key in identifiers.yaml.
    pub fn name(self) -> &'static str {
        match self {
            List::People => "people",
            List::Places => "places",
            List::Organisations => "organisations",
        }
    }
}

/// One occurrence of a listed term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermHit {
    /// Byte range in the original text, covering the term as written there
    /// (without a following possessive 's).
    pub range: Range<usize>,
    pub list: List,
    /// Index of the listed term in the matcher's table (see [`TermMatcher::term`]).
    pub term: usize,
    /// A person's first or last name alone: a warning, not an error.
    pub partial: bool,
}

/// Words dropped from the front of a person's name before taking the first
/// name, and never reported alone.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "reverend",
    "fr",
    "father",
    "sister",
    "nurse",
    "cllr",
    "councillor",
];

/// Words dropped from the end of a person's name before taking the last name.
const SUFFIXES: &[&str] = &[
    "jr", "jnr", "sr", "snr", "ii", "iii", "obe", "mbe", "cbe", "dbe", "kbe", "phd", "md",
];

/// Names shorter than this (in letters) are not reported alone.
const MIN_PARTIAL_LETTERS: usize = 3;

#[derive(Debug)]
struct Term {
    text: String,
    list: List,
    replacement: Option<String>,
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    term: usize,
    partial: bool,
}

/// Finds every listed term in a text in one pass.
#[derive(Debug)]
pub struct TermMatcher {
    trie: WordTrie,
    /// The normalised strings looked for, by pattern number (for the test
    /// that holds the trie to an Aho-Corasick automaton).
    #[cfg(test)]
    strings: Vec<String>,
    terms: Vec<Term>,
    patterns: Vec<Pattern>,
}

impl TermMatcher {
    /// Builds one trie over the normalised forms of all terms, plus, for
    /// people of two or more words, their first and last names as partial
    /// terms (and the name without its title as a full term).
    pub fn new(ids: &Identifiers) -> TermMatcher {
        let replace: HashMap<String, &String> =
            ids.replace.iter().map(|(k, v)| (normalise(k), v)).collect();
        let mut builder = Builder::default();
        let lists = [
            (List::People, &ids.people),
            (List::Places, &ids.places),
            (List::Organisations, &ids.organisations),
        ];
        for (list, entries) in lists {
            for entry in entries {
                builder.add_entry(list, entry, &replace);
            }
        }
        builder.finish()
    }

    /// Every hit in `text`, sorted by start. Full hits do not overlap one
    /// another; a partial hit never overlaps a full one.
    ///
    /// A hyphen between two letters (and the line break or spaces after
    /// it) is read both as a word boundary and as joining the word, as a
    /// reader reads `Thistle-bury`, or `Thistle-` at a line end and `bury`
    /// on the next, as the one word: hits found only with the word joined
    /// are added.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let mut hits = self.find_plain(text);
        if let Some(joined) = Joined::of(text) {
            let overlap = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
            for mut hit in self.find_plain(&joined.text) {
                hit.range = joined.original(hit.range);
                // A full hit stands over a partial one, as in one text.
                let blocked = hits
                    .iter()
                    .any(|h| overlap(&h.range, &hit.range) && (hit.partial || !h.partial));
                if !blocked {
                    hits.retain(|h| !overlap(&h.range, &hit.range));
                    hits.push(hit);
                }
            }
            hits.sort_by_key(|h| (h.range.start, h.range.end));
        }
        hits
    }

    /// [`TermMatcher::find`] without joining hyphenated words.
    pub(super) fn find_plain(&self, text: &str) -> Vec<TermHit> {
        self.find_with(text, |norm| {
            self.trie
                .find(norm)
                .into_iter()
                .map(|found| (found.range, found.pattern))
                .collect()
        })
    }

    /// [`TermMatcher::find`], with `candidates` giving the occurrences of
    /// the normalised strings in a normalised text (overlapping; at least
    /// all those that stand as whole words).
    fn find_with(
        &self,
        text: &str,
        candidates: impl Fn(&str) -> Vec<(Range<usize>, usize)>,
    ) -> Vec<TermHit> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        // Where a hit came from is worked out only when there is one (most
        // texts have none): for each byte of the normalised text, its origin
        // took eight more bytes to write.
        let norm = Normalised::of_with(text, true, false);
        // All matches, overlapping, then leftmost-longest among those that stand
        // as whole words: a longer candidate failing the word check ("Bow
        // Commonwealth" for "Bow Common") must not hide a shorter one ("Bow").
        let (mut full, mut partial) = (Vec::new(), Vec::new());
        for (range, index) in candidates(&norm.text) {
            if !is_whole_word(&norm.text, range.start, range.end) {
                continue;
            }
            let pattern = self.patterns[index];
            let found = (range, pattern);
            if pattern.partial {
                partial.push(found);
            } else {
                full.push(found);
            }
        }
        if full.is_empty() && partial.is_empty() {
            return Vec::new();
        }
        let norm = Normalised::of(text);
        let full = select_leftmost_longest(full, &[]);
        let full_ranges: Vec<Range<usize>> = full.iter().map(|(r, _)| r.clone()).collect();
        let partial = select_leftmost_longest(partial, &full_ranges);
        let mut hits: Vec<TermHit> = full
            .into_iter()
            .chain(partial)
            .map(|(range, p)| TermHit {
                range: norm.original_range(text, range),
                list: self.terms[p.term].list,
                term: p.term,
                partial: p.partial,
            })
            .collect();
        hits.sort_by_key(|h| (h.range.start, h.range.end));
        hits
    }

    /// The listed term as written in identifiers.yaml (for a partial hit, the
    /// full name it comes from).
    pub fn term(&self, hit: &TermHit) -> &str {
        &self.terms[hit.term].text
    }

    /// The pseudonym suggested in `replace:` for the hit's term (for a partial
    /// hit, the one given for the full name).
    pub fn replacement(&self, hit: &TermHit) -> Option<&str> {
        self.terms[hit.term].replacement.as_deref()
    }

    /// True when there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// A text with each hyphen between two letters removed, with the white
/// space after it (`Thistle-bury`, `Thistle-\nbury`), and where each byte
/// came from.
struct Joined {
    text: String,
    origin: Vec<usize>,
}

/// Hyphens a word is split by: ASCII, the Unicode hyphen and the
/// non-breaking hyphen.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

impl Joined {
    /// `None` when no hyphen stands between two letters.
    fn of(text: &str) -> Option<Joined> {
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
    fn original(&self, range: Range<usize>) -> Range<usize> {
        // `origin` maps bytes to bytes: the last byte's origin, plus one,
        // ends the last character.
        self.origin[range.start]..self.origin[range.end - 1] + 1
    }
}

/// Collects terms and their normalised patterns, one pattern per distinct
/// normalised string (a full term wins over a partial one; otherwise the first
/// listed wins).
#[derive(Default)]
struct Builder {
    terms: Vec<Term>,
    strings: Vec<String>,
    patterns: Vec<Pattern>,
    index: HashMap<String, usize>,
}

impl Builder {
    fn add_entry(&mut self, list: List, entry: &str, replace: &HashMap<String, &String>) {
        let norm = normalise(entry);
        if norm.is_empty() {
            return;
        }
        let term = self.terms.len();
        self.terms.push(Term {
            text: entry.trim().to_string(),
            list,
            replacement: replace.get(&norm).map(|r| r.to_string()),
        });
        self.add_pattern(norm.clone(), term, false);
        self.add_glued(&norm, term);
        if list == List::People {
            self.add_name_parts(&norm, term);
        }
    }

    fn add_name_parts(&mut self, norm: &str, term: usize) {
        let words: Vec<&str> = norm.split(' ').collect();
        if words.len() < 2 {
            return;
        }
        let name = strip_titles(&words);
        if name.len() >= 2 && name.len() < words.len() {
            self.add_pattern(name.join(" "), term, false);
            self.add_pattern(name.concat(), term, false);
        }
        let parts = match name {
            [] => Vec::new(),
            [only] => vec![*only],
            [first, .., last] => vec![*first, *last],
        };
        for part in parts {
            let letters = part.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= MIN_PARTIAL_LETTERS && !HONORIFICS.contains(&part) {
                self.add_pattern(part.to_string(), term, true);
            }
        }
    }

    /// A term of several words also written as one ("JaneSmith", as a
    /// hashtag, an address or words joined by a comment between them).
    fn add_glued(&mut self, norm: &str, term: usize) {
        if norm.contains(' ') {
            self.add_pattern(norm.replace(' ', ""), term, false);
        }
    }

    fn add_pattern(&mut self, norm: String, term: usize, partial: bool) {
        let pattern = Pattern { term, partial };
        match self.index.get(&norm) {
            Some(&i) if self.patterns[i].partial && !partial => self.patterns[i] = pattern,
            Some(_) => {}
            None => {
                self.index.insert(norm.clone(), self.patterns.len());
                self.strings.push(norm);
                self.patterns.push(pattern);
            }
        }
    }

    fn finish(self) -> TermMatcher {
        TermMatcher {
            trie: WordTrie::new(&self.strings),
            #[cfg(test)]
            strings: self.strings,
            terms: self.terms,
            patterns: self.patterns,
        }
    }
}

/// The words of a normalised person's name without leading titles and
/// trailing post-nominals.
fn strip_titles<'a, 'w>(words: &'a [&'w str]) -> &'a [&'w str] {
    let start = words
        .iter()
        .position(|w| !HONORIFICS.contains(w))
        .unwrap_or(words.len());
    let end = words
        .iter()
        .rposition(|w| !SUFFIXES.contains(w))
        .map_or(start, |i| (i + 1).max(start));
    &words[start..end]
}

/// Keeps the leftmost-longest non-overlapping candidates that overlap none of
/// `blockers` (sorted, non-overlapping).
fn select_leftmost_longest(
    mut found: Vec<(Range<usize>, Pattern)>,
    blockers: &[Range<usize>],
) -> Vec<(Range<usize>, Pattern)> {
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut kept: Vec<(Range<usize>, Pattern)> = Vec::new();
    for (range, pattern) in found {
        let after_last = kept.last().is_none_or(|(r, _)| range.start >= r.end);
        if after_last && !overlaps_any(blockers, &range) {
            kept.push((range, pattern));
        }
    }
    kept
}

fn overlaps_any(sorted: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = sorted.partition_point(|r| r.end <= range.start);
    sorted.get(i).is_some_and(|r| r.start < range.end)
}

/// Whether `norm[start..end]` stands as whole words: not preceded or followed
/// by a letter or digit, except for a possessive `'s` or `s'` after it.
fn is_whole_word(norm: &str, start: usize, end: usize) -> bool {
    let found = &norm[start..end];
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let starts_word = alnum(found.chars().next());
    let ends_word = alnum(found.chars().next_back());
    let before_ok = !starts_word || !alnum(norm[..start].chars().next_back());
    let after_ok = !ends_word || word_ends_here(&norm[end..]);
    before_ok && after_ok
}

fn word_ends_here(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some('s') => chars.next() == Some('\'') && !chars.next().is_some_and(char::is_alphanumeric),
        Some(c) => !c.is_alphanumeric(),
        None => true,
    }
}

/// The canonical comparable form of a term: lowercase, compatibility-decomposed
/// with accents dropped, apostrophes unified to `'`, every run of whitespace,
/// hyphens, dashes, underscores and dots after letters collapsed to one space,
/// trimmed. Two spellings are the same term iff their normalised forms are equal.
pub fn normalise(s: &str) -> String {
    Normalised::of_with(s, true, false).text
}

/// A normalised copy of a text with, for each of its bytes, the byte offset in
/// the original of the character it came from.
struct Normalised {
    text: String,
    /// Empty unless asked for.
    origin: Vec<usize>,
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
    fn of(s: &str) -> Normalised {
        Normalised::of_with(s, true, true)
    }

    /// `ascii_fast: false` takes every character the general way (for tests
    /// that hold the fast path to it).
    /// `tracked: false` leaves `origin` empty.
    fn of_with(s: &str, ascii_fast: bool, tracked: bool) -> Normalised {
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
    fn original_range(&self, original: &str, range: Range<usize>) -> Range<usize> {
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

fn classify(c: char, after_letter: bool) -> CharClass {
    match c {
        c if super::reading::is_invisible(c) => CharClass::Dropped,
        '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            CharClass::Separator
        }
        '.' if after_letter => CharClass::Separator,
        c if c.is_whitespace() => CharClass::Separator,
        c if is_combining_mark(c) => CharClass::Dropped,
        _ => CharClass::Kept,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}'
            | '\u{2019}'
            | '\u{201B}'
            | '\u{02BC}'
            | '\u{2032}'
            | '`'
            | '\u{B4}'
            | '\u{FF07}'
    )
}

/// The Latin letter (lowercase) that a Cyrillic or Greek letter looks
/// exactly like, in its own case: a reader sees `Thistl\u{435}bury` (with a
/// Cyrillic `е`, as a keyboard switched to Russian, or a text run through
/// a translation tool, types it) as the listed name. Only letters whose
/// shapes are the Latin ones: Cyrillic `п` or Greek `λ` are left alone, so
/// ordinary Russian or Greek text matches no Latin name.
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic capitals, then small letters.
        '\u{410}' => 'a',
        '\u{412}' => 'b',
        '\u{415}' => 'e',
        '\u{41a}' => 'k',
        '\u{41c}' => 'm',
        '\u{41d}' => 'h',
        '\u{41e}' => 'o',
        '\u{420}' => 'p',
        '\u{421}' => 'c',
        '\u{422}' => 't',
        '\u{423}' => 'y',
        '\u{425}' => 'x',
        '\u{405}' => 's',
        '\u{406}' => 'i',
        '\u{408}' => 'j',
        '\u{430}' => 'a',
        '\u{435}' => 'e',
        '\u{43e}' => 'o',
        '\u{440}' => 'p',
        '\u{441}' => 'c',
        '\u{443}' => 'y',
        '\u{445}' => 'x',
        '\u{455}' => 's',
        '\u{456}' => 'i',
        '\u{458}' => 'j',
        '\u{4bb}' => 'h',
        '\u{4cf}' => 'l',
        '\u{501}' => 'd',
        '\u{51b}' => 'q',
        '\u{51d}' => 'w',
        // Greek capitals, then small letters.
        '\u{391}' => 'a',
        '\u{392}' => 'b',
        '\u{395}' => 'e',
        '\u{396}' => 'z',
        '\u{397}' => 'h',
        '\u{399}' => 'i',
        '\u{39a}' => 'k',
        '\u{39c}' => 'm',
        '\u{39d}' => 'n',
        '\u{39f}' => 'o',
        '\u{3a1}' => 'p',
        '\u{3a4}' => 't',
        '\u{3a5}' => 'y',
        '\u{3a7}' => 'x',
        '\u{3b1}' => 'a',
        '\u{3b5}' => 'e',
        '\u{3b9}' => 'i',
        '\u{3ba}' => 'k',
        '\u{3bd}' => 'v',
        '\u{3bf}' => 'o',
        '\u{3c1}' => 'p',
        '\u{3c4}' => 't',
        '\u{3c5}' => 'u',
        '\u{3c7}' => 'x',
        _ => return None,
    })
}

/// Letters that carry an accent-like stroke but do not decompose.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ŧ' => "t",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
#[path = "identifiers_tests.rs"]
mod tests;
