//! [`TermMatcher`]: every listed term in a text, as whole words, full names
//! standing over partial ones. Does not build the patterns (`terms.rs`) nor
//! say how text is normalised (`normalise.rs`).

use super::joined::Joined;
use super::normalise::{Normalised, normalise};
use super::terms::Builder;
use super::word_trie::WordTrie;
use super::{Identifiers, List, TermHit};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug)]
pub(super) struct Term {
    pub(super) text: String,
    pub(super) list: List,
    pub(super) replacement: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Pattern {
    pub(super) term: usize,
    pub(super) partial: bool,
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

    /// The normalised strings looked for.
    pub fn strings(&self) -> &[String] {
        &self.strings
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
