//! [`TermMatcher`]: every listed term in a text, as whole words, full names
//! standing over partial ones. Does not build the patterns (`terms.rs`) nor
//! say how text is normalised (`normalise.rs`).

use super::joined::{Joined, Spelled};
use super::normalise::{Normalised, normalise};
use super::ordinary::names_by_a_letter;
use super::sentence::ends_sentence_at;
use super::terms::{Builder, MIN_RUN_TOGETHER_LETTERS, SUFFIXES};
use super::word_trie::WordTrie;
use super::{Identifiers, List, TermHit};
use std::collections::HashMap;
use std::ops::Range;

/// The fewest letters a listed term must have to be looked for inside a
/// longer run of letters written letter-spaced ([`TermMatcher::find`]):
/// a shorter one is too often part of an ordinary word (`Bow` in `E L B
/// O W`).
const SPELLED_FEWEST_LETTERS: usize = 6;

#[derive(Debug)]
pub(super) struct Term {
    pub(super) text: String,
    pub(super) list: List,
    pub(super) replacement: Option<String>,
    /// A person's first and last names, normalised (for a name of two or
    /// more words once titles are dropped).
    pub(super) names: Option<(String, String)>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Pattern {
    pub(super) term: usize,
    pub(super) partial: bool,
    /// Where set, the pattern is an initial and a last name run together
    /// that a reader may take for an ordinary word (`along`, a plural
    /// `quillfeathers`): it is read only where written with a capital at
    /// this byte of the string and the case changing there (`ALong`,
    /// `aLong`, `QuillfeatherS`), never `along`, `Along` or `ALONG`.
    pub(super) joined_at: Option<usize>,
}

/// Finds every listed term in a text in one pass.
#[derive(Debug)]
pub struct TermMatcher {
    pub(super) trie: WordTrie,
    /// The normalised strings looked for, by pattern number.
    pub(super) strings: Vec<String>,
    pub(super) terms: Vec<Term>,
    pub(super) patterns: Vec<Pattern>,
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

    /// Every hit in `text`, sorted by start. A partial hit never overlaps
    /// a full one or another partial one; full hits may overlap (see
    /// [`TermMatcher::names_together`]).
    ///
    /// A hyphen between two letters (and the line break or spaces after
    /// it) is read both as a word boundary and as joining the word, as a
    /// reader reads `Thistle-bury`, or `Thistle-` at a line end and `bury`
    /// on the next, as the one word: hits found only with the word joined
    /// are added. So are hits found with the letters of a word written
    /// letter-spaced joined (`M a r j o r i e`, see [`Joined::letters_of`]),
    /// and as the text is drawn: a space too narrow to see between two
    /// letters left out, a small capital read as the letter it is drawn as
    /// (see [`Joined::drawn_of`]).
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let mut hits = self.find_plain(text);
        let letters = Joined::letters_of(text);
        let spaced = letters.is_some();
        let [stray_last, stray_first] = Joined::strays_of(text);
        let joins = [
            Joined::of(text),
            letters,
            Joined::drawn_of(text),
            stray_last,
            stray_first,
        ];
        for joined in joins.into_iter().flatten() {
            let overlap = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
            for mut hit in self.find_plain(&joined.text) {
                hit.range = joined.original(text, hit.range);
                // A full hit stands over a partial one, as in one text. Two
                // full hits may overlap (a name read with the word joined,
                // beside one read across a comma), each found on its own.
                let blocked = match hit.partial {
                    true => hits.iter().any(|h| overlap(&h.range, &hit.range)),
                    false => hits.iter().any(|h| h.range == hit.range && !h.partial),
                };
                if !blocked {
                    hits.retain(|h| !(h.partial && overlap(&h.range, &hit.range)));
                    hits.push(hit);
                }
            }
            hits.sort_by_key(|h| (h.range.start, h.range.end));
        }
        let spelled = match spaced {
            true => self.find_spelled(text),
            false => Vec::new(),
        };
        if !spelled.is_empty() {
            let overlap = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
            for hit in spelled {
                if !hits
                    .iter()
                    .any(|h| !h.partial && overlap(&h.range, &hit.range))
                {
                    hits.retain(|h| !overlap(&h.range, &hit.range));
                    hits.push(hit);
                }
            }
            hits.sort_by_key(|h| (h.range.start, h.range.end));
        }
        hits
    }

    /// The full terms of [`SPELLED_FEWEST_LETTERS`] letters or more in the
    /// runs of `text` written letter-spaced, wherever they stand in a run
    /// ([`Spelled`]): a reader parts `M A R J O R I E Q U I L L F E A T H
    /// E R S A I D` into words by knowing them, where no space shows
    /// where one ends. Not a term that may be an ordinary word run
    /// together (see [`Pattern::joined_at`]), nor one with a digit (which
    /// no such run holds).
    fn find_spelled(&self, text: &str) -> Vec<TermHit> {
        let mut hits = Vec::new();
        for run in Spelled::of(text) {
            for (index, string) in self.strings.iter().enumerate() {
                let pattern = self.patterns[index];
                if pattern.partial
                    || pattern.joined_at.is_some()
                    || string.contains(|c: char| c.is_numeric())
                {
                    continue;
                }
                // The term's letters, and where each of its words after
                // the first begins among them.
                let mut letters = String::new();
                let mut words = Vec::new();
                for word in string.split(' ') {
                    words.push(letters.len());
                    letters.extend(word.chars().filter(|c| c.is_alphabetic()));
                }
                if letters.chars().count() < SPELLED_FEWEST_LETTERS {
                    continue;
                }
                for (start, _) in run.letters.match_indices(&letters) {
                    let end = start + letters.len();
                    // Found from the start of a letter to the end of one,
                    // with a new word begun inside it only where the term
                    // has one.
                    let (Ok(first), Ok(after)) = (
                        run.starts.binary_search(&start),
                        run.starts.binary_search(&end),
                    ) else {
                        continue;
                    };
                    let parted_alike = (run.breaks.iter())
                        .filter(|&&b| first < b && b < after)
                        .all(|&b| words.contains(&(run.starts[b] - start)));
                    // Fewer whole words than single letters: `a bury` is
                    // two words, `T h i s t l e bury` one.
                    let whole_words = (run.words.iter())
                        .filter(|&&w| first <= w && w < after)
                        .count();
                    let mostly_letters = whole_words * 2 < after - first;
                    if parted_alike && mostly_letters {
                        let (last, len) = run.at[after - 1];
                        hits.push(TermHit {
                            range: run.at[first].0..last + len,
                            list: self.terms[pattern.term].list,
                            term: pattern.term,
                            partial: false,
                        });
                    }
                }
            }
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
    pub(super) fn find_with(
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
        // An initial and a last name run together that may be an ordinary
        // word is read only where its capital shows the join.
        full.retain(|(range, pattern)| {
            (pattern.joined_at).is_none_or(|at| case_turns_at(text, &norm, range.start + at))
        });
        // Two sentences are no name ("in May. Ward managers"), unless the
        // name is listed with that full stop.
        full.retain(|(range, p)| {
            self.terms[p.term].text.contains(". ") || !ends_sentence_within(text, &norm, range)
        });
        let mut full = select_leftmost_longest(full, &[]);
        let full_ranges: Vec<Range<usize>> = full.iter().map(|(r, _)| r.clone()).collect();
        let mut partial = select_leftmost_longest(partial, &full_ranges);
        if !partial.is_empty() {
            let together = self.names_together(text, &norm, &partial, &full_ranges);
            partial.retain(|(r, _)| {
                !together
                    .iter()
                    .any(|(t, _)| t.start <= r.start && r.end <= t.end)
            });
            full.extend(together);
        }
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

    /// A listed person's first and last names written together, which a
    /// reader takes for the full name: in either order, with up to two
    /// names or initials between them, or a nickname in quotation marks
    /// or brackets (`Marjorie J. Quillfeather`, `QUILLFEATHER, Marjorie`,
    /// `Marjorie "Midge" Quillfeather`); or one of them with the other's
    /// initial (`M. Quillfeather`, `Marjorie Q.`), the last name also
    /// before the first name's initial, as a reference list gives an
    /// author (`Quillfeather, M.`, `Quillfeather M`, `Quillfeather MJ`),
    /// and joined to it by a full stop or an underscore in any case, as a
    /// handle or a login gives it (`m_quillfeather`, `quillfeather.m`, and
    /// the first name with the last name's initial, `marjorie_q`;
    /// run together, `mquillfeather`, they are patterns of their own: see
    /// `terms.rs`). `partial`: the partial
    /// hits, in `norm`'s places, sorted; none overlaps `full`. Each is
    /// returned as a full hit of the person's name, in `norm`'s places
    /// (two may overlap: `Quillfeather, Marjorie Quillfeather`).
    fn names_together(
        &self,
        text: &str,
        norm: &Normalised,
        partial: &[(Range<usize>, Pattern)],
        full: &[Range<usize>],
    ) -> Vec<(Range<usize>, Pattern)> {
        let of = |range: &Range<usize>| &norm.text[range.clone()];
        // The first listed person whose first and last names `matches`.
        let person_by = |matches: &dyn Fn(&str, &str) -> bool| {
            self.terms
                .iter()
                .position(|t| t.names.as_ref().is_some_and(|(f, l)| matches(f, l)))
        };
        // The character of `text` that `norm`'s byte `at` came from.
        let written = |at: usize| text[norm.origin[at]..].chars().next();
        let after_written = |at: usize| {
            let from = norm.origin[at];
            let mut chars = text[from..].chars();
            chars.next();
            chars.next()
        };
        let full_hit = |term: usize| Pattern {
            term,
            partial: false,
            joined_at: None,
        };
        let mut together: Vec<(Range<usize>, Pattern)> = Vec::new();
        // Each pair side by side, and each name beside an initial, is
        // read on its own (so that what is found in a text is found in
        // each of its parts: see `Parting`).
        for (i, (range, _)) in partial.iter().enumerate() {
            let name = of(range);
            if let Some((next, _)) = partial.get(i + 1) {
                let between = range.end..next.start;
                let other = of(next);
                let term = person_by(&|f, l| (f, l) == (name, other) || (f, l) == (other, name));
                if let Some(term) = term
                    && names_between(text, norm, between.clone())
                    && !ends_sentence_within(text, norm, &between)
                    && !overlaps_any(full, &between)
                {
                    together.push((range.start..next.end, full_hit(term)));
                }
            }
            // An initial before a last name (`M. Quillfeather`), or after a
            // first name with its full stop (`Marjorie Q.`).
            let before = norm.text[..range.start].strip_suffix(' ');
            if let Some(at) = before.and_then(initial_at_end) {
                let letter = &norm.text[at..range.start - 1];
                let upper = written(at).is_some_and(char::is_uppercase);
                let stop = after_written(at) == Some('.');
                let word = matches!(letter, "a" | "i");
                if upper
                    && (stop || !word)
                    && let Some(term) = person_by(&|f, l| l == name && f.starts_with(letter))
                {
                    together.push((at..range.end, full_hit(term)));
                }
            }
            if let Some(rest) = norm.text[range.end..].strip_prefix(' ')
                && let Some(letter) = initial_at_start(rest)
            {
                let at = range.end + 1;
                let upper = written(at).is_some_and(char::is_uppercase);
                if upper
                    && after_written(at) == Some('.')
                    && let Some(term) = person_by(&|f, l| f == name && l.starts_with(letter))
                {
                    together.push((range.start..at + letter.len(), full_hit(term)));
                }
            }
            // A last name, then the first name's initial (`Quillfeather,
            // M.`, as a reference list gives an author).
            let written = norm.original_range(text, range.clone());
            let written_end = written.end;
            let in_capitals = !text[written].chars().any(char::is_lowercase);
            let starts_with = |first: &str, initials: &Range<usize>| {
                (norm.text[initials.clone()].chars().next())
                    .is_some_and(|letter| first.starts_with(letter))
            };
            let lettered = names_by_a_letter(name);
            if let Some(initials) = initials_after(text, norm, written_end, !in_capitals, lettered)
                && let Some(term) = person_by(&|f, l| l == name && starts_with(f, &initials))
            {
                together.push((range.start..initials.end, full_hit(term)));
            }
            // The first name's initial joined to a last name by a full stop
            // or an underscore, before or after it, in any case
            // (`m_quillfeather`, `quillfeather.m`): a handle or a login.
            let long = name.chars().filter(|c| c.is_alphabetic()).count();
            if long >= MIN_RUN_TOGETHER_LETTERS {
                let written_start = norm.origin[range.start];
                if let Some(initial) = joined_initial_before(text, norm, written_start)
                    && let Some(term) = person_by(&|f, l| l == name && starts_with(f, &initial))
                {
                    together.push((initial.start..range.end, full_hit(term)));
                }
                if let Some(initial) = joined_initial_after(text, norm, written_end)
                    && let Some(term) = person_by(&|f, l| l == name && starts_with(f, &initial))
                {
                    together.push((range.start..initial.end, full_hit(term)));
                }
            }
            // A first name with the last name's initial joined after it
            // (`marjorie_q`, `Marjorie.Q`): a handle.
            if let Some(initial) = joined_initial_after(text, norm, written_end)
                && let Some(term) = person_by(&|f, l| f == name && starts_with(l, &initial))
            {
                together.push((range.start..initial.end, full_hit(term)));
            }
        }
        // One name may be read in two ways (`M.Quillfeather`): once.
        together.sort_by_key(|(range, _)| (range.start, range.end));
        together.dedup_by(|a, b| a.0 == b.0);
        together
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

    /// The normalised strings looked for.
    pub fn strings(&self) -> &[String] {
        &self.strings
    }

    /// Each listed person's first and last names, normalised (for a name
    /// of two or more words once titles are dropped), which a reader also
    /// takes for the full name written apart ([`TermMatcher::names_together`]).
    pub fn people_names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.terms
            .iter()
            .filter_map(|t| t.names.as_ref())
            .map(|(first, last)| (first.as_str(), last.as_str()))
    }

    /// True when there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
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

/// Whether the text of `norm` in `between` (two of a person's names
/// apart) holds only what may stand inside one name: up to two names or
/// initials, each written with a capital or in quotation marks or
/// brackets (a nickname), and commas (`QUILLFEATHER, Marjorie`) or the
/// edge of a table's cell as Markdown writes it (`| Quillfeather |
/// Marjorie |`).
fn names_between(text: &str, norm: &Normalised, between: Range<usize>) -> bool {
    const MARKS: &[char] = &[
        ',', '|', '"', '\'', '(', ')', '[', ']', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}',
        '\u{ab}', '\u{bb}',
    ];
    let gap = &norm.text[between.clone()];
    if !gap
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || MARKS.contains(&c))
    {
        return false;
    }
    let mut names = 0;
    let mut at = between.start;
    for word in gap.split(' ') {
        let bare = word.trim_start_matches(MARKS);
        let start = at + (word.len() - bare.len());
        at += word.len() + 1;
        if bare.trim_end_matches(MARKS).is_empty() {
            continue;
        }
        names += 1;
        // Opened by a quotation mark or a bracket: a nickname.
        let quoted = word.len() > bare.len() && !word.starts_with([',', '|']);
        let capital = text[norm.origin[start]..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !capital && !quoted {
            return false;
        }
    }
    names <= 2
}

/// Where a word of one letter ends `text` (after a space, a mark or at
/// its start).
fn initial_at_end(text: &str) -> Option<usize> {
    let letter = text.chars().next_back().filter(|c| c.is_alphabetic())?;
    let at = text.len() - letter.len_utf8();
    let before = text[..at].chars().next_back();
    (!before.is_some_and(char::is_alphanumeric)).then_some(at)
}

/// The word of one letter `text` starts with (before a space, a mark or
/// its end).
fn initial_at_start(text: &str) -> Option<&str> {
    let letter = text.chars().next().filter(|c| c.is_alphabetic())?;
    let end = letter.len_utf8();
    let next = text[end..].chars().next();
    (!next.is_some_and(char::is_alphanumeric)).then_some(&text[..end])
}

/// Whether the letter at byte `at` of `norm` is written as a capital with
/// the case changing there: a small letter before it or after it
/// (`aLong`, `ALong`, `LongA`; not `Along` or `ALONG`).
fn case_turns_at(text: &str, norm: &Normalised, at: usize) -> bool {
    let written = |i: usize| text[norm.origin[i]..].chars().next();
    let Some(here) = norm.text[at..].chars().next() else {
        return false;
    };
    let before = norm.text[..at].chars().next_back();
    let lower_before =
        before.is_some_and(|c| written(at - c.len_utf8()).is_some_and(char::is_lowercase));
    let after = at + here.len_utf8();
    let lower_after = after < norm.text.len() && written(after).is_some_and(char::is_lowercase);
    written(at).is_some_and(char::is_uppercase) && (lower_before || lower_after)
}

/// The byte of `norm` where the character written at byte `written` of
/// the text begins, if it is read as one there.
fn norm_at(norm: &Normalised, written: usize) -> Option<usize> {
    let at = norm.origin.partition_point(|&o| o < written);
    (norm.origin.get(at) == Some(&written)).then_some(at)
}

/// The initials written after a last name that ends at byte
/// `written_end` of `text`, as a reference list gives an author's, in
/// `norm`'s places: after a space or a comma (or both; or the edge of a
/// table's cell as Markdown writes it, `| Quillfeather | M. |`, as
/// [`names_between`] reads one), one to three
/// capitals standing alone as an initial does ([`stands_alone`]:
/// `Quillfeather, M.`, `Quillfeather M`, `Quillfeather, M. J.`,
/// `Quillfeather MJ`), not a post-nominal (`Quillfeather MBE`). Two or
/// three only where `several` (the last name is not written in capitals,
/// as a line in capitals writes every word: `QUILLFEATHER MAY`). Where
/// `lettered` (the last name is a word that names a place by a letter,
/// `Ward C`, `Hall B`: [`names_by_a_letter`]), one capital is an initial
/// only after a comma or before a year in brackets (`Ward, C.`, `Ward C.
/// (2019)`).
fn initials_after(
    text: &str,
    norm: &Normalised,
    written_end: usize,
    several: bool,
    lettered: bool,
) -> Option<Range<usize>> {
    let rest = &text[written_end..];
    let spaced = rest.trim_start();
    let (after, comma) = match spaced.strip_prefix([',', '|']) {
        Some(comma) => (comma.trim_start(), true),
        None => (spaced, false),
    };
    if after.len() == rest.len() {
        return None;
    }
    let capitals = after
        .char_indices()
        .find(|(_, c)| !(c.is_alphabetic() && c.is_uppercase()))
        .map_or(after.len(), |(i, _)| i);
    let letters = after[..capitals].chars().count();
    let most = if several { 3 } else { 1 };
    if !(1..=most).contains(&letters)
        || !stands_alone(&after[capitals..])
        || (letters > 1 && SUFFIXES.contains(&after[..capitals].to_lowercase().as_str()))
        || (lettered && letters == 1 && !comma && !cited(&after[capitals..]))
    {
        return None;
    }
    let start = text.len() - after.len();
    let end = start + capitals;
    Some(norm_at(norm, start)?..norm.origin.partition_point(|&o| o < end))
}

/// Whether what follows an initial (`rest`) cites a work, as a reference
/// list does: a year in brackets (`. (2019)`).
fn cited(rest: &str) -> bool {
    let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    rest.strip_prefix('(')
        .is_some_and(|year| year.bytes().take_while(u8::is_ascii_digit).count() == 4)
}

/// Whether what follows a capital (`rest`) leaves it standing alone, as an
/// initial: a full stop, a comma, a semicolon, a colon or a closing
/// bracket, the end, or a space and then no word (another initial, a
/// bracket, the end); not a letter or a digit (`Quillfeather Memorial`,
/// `Quillfeather M is`), an apostrophe or a hyphen (`M-ward`).
fn stands_alone(rest: &str) -> bool {
    let mut rest = rest;
    // A few initials in a row (`M J K`), each standing alone.
    for _ in 0..4 {
        let Some(next) = rest.chars().next() else {
            return true;
        };
        if matches!(next, '.' | ',' | ';' | ':' | ')' | ']') {
            return true;
        }
        if !next.is_whitespace() {
            return false;
        }
        rest = rest.trim_start();
        let mut chars = rest.chars();
        match chars.next() {
            None => return true,
            Some(c) if c.is_alphabetic() && c.is_uppercase() => rest = chars.as_str(),
            Some(c) => return !c.is_alphanumeric(),
        }
    }
    false
}

/// What joins an initial to a last name in a handle or a login
/// (`m_quillfeather`, `m.quillfeather`), and the marks of Markdown's
/// emphasis, which the final check also reads past (`m*quillfeather`).
const JOINING: &[char] = &['.', '_', '*', '~', '`'];

/// The letter standing alone before the [`JOINING`] marks that end
/// `text[..written_start]` (`m_` in `m_quillfeather`), in `norm`'s places.
fn joined_initial_before(
    text: &str,
    norm: &Normalised,
    written_start: usize,
) -> Option<Range<usize>> {
    let before = &text[..written_start];
    let marks = before.trim_end_matches(JOINING);
    if marks.len() == before.len() {
        return None;
    }
    let letter = marks.chars().next_back().filter(|c| c.is_alphabetic())?;
    let at = marks.len() - letter.len_utf8();
    if marks[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let start = norm_at(norm, at)?;
    Some(start..norm.origin.partition_point(|&o| o < marks.len()))
}

/// The letter standing alone after the [`JOINING`] marks that begin
/// `text[written_end..]` (`.m` in `quillfeather.m`), in `norm`'s places.
fn joined_initial_after(text: &str, norm: &Normalised, written_end: usize) -> Option<Range<usize>> {
    let rest = &text[written_end..];
    let marks = rest.trim_start_matches(JOINING);
    if marks.len() == rest.len() {
        return None;
    }
    let mut chars = marks.chars();
    let letter = chars.next().filter(|c| c.is_alphabetic())?;
    if chars.next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let at = text.len() - marks.len();
    let start = norm_at(norm, at)?;
    Some(start..norm.origin.partition_point(|&o| o < at + letter.len_utf8()))
}

/// Whether a space of `norm` in `range` was read from a full stop that
/// ends a sentence ([`ends_sentence_at`]).
fn ends_sentence_within(text: &str, norm: &Normalised, range: &Range<usize>) -> bool {
    let spaces = norm.text[range.clone()].match_indices(' ');
    spaces
        .map(|(i, _)| norm.origin[range.start + i])
        .any(|at| ends_sentence_at(text, at))
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
