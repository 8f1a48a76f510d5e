//! The patterns searched for each listed term: the term, its words glued
//! together and, for a person, the name without titles, the first name's
//! initial and the last name run together, and the first and last names
//! alone (partial). One pattern per normalised string. Does not search
//! (`matcher.rs`).

use super::List;
use super::matcher::{Pattern, Term, TermMatcher};
use super::normalise::normalise;
use super::ordinary::is_ordinary_word;
use super::word_trie::WordTrie;
use std::collections::HashMap;

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

/// Words dropped from the end of a person's name before taking the last
/// name (and never read as a person's initials after it).
pub(super) const SUFFIXES: &[&str] = &[
    "jr", "jnr", "sr", "snr", "ii", "iii", "obe", "mbe", "cbe", "dbe", "kbe", "phd", "md",
];

/// Names shorter than this (in letters) are not reported alone.
const MIN_PARTIAL_LETTERS: usize = 3;

/// Last names shorter than this (in letters) are not read run together
/// with an initial: `jlee`, `aho` may be an ordinary word or code.
pub(super) const MIN_RUN_TOGETHER_LETTERS: usize = 4;

/// Collects terms and their normalised patterns, one pattern per distinct
/// normalised string (a full term wins over a partial one; otherwise the first
/// listed wins).
#[derive(Default)]
pub(super) struct Builder {
    terms: Vec<Term>,
    strings: Vec<String>,
    patterns: Vec<Pattern>,
    index: HashMap<String, usize>,
}

impl Builder {
    pub(super) fn add_entry(
        &mut self,
        list: List,
        entry: &str,
        replace: &HashMap<String, &String>,
    ) {
        let norm = normalise(entry);
        if norm.is_empty() {
            return;
        }
        let term = self.terms.len();
        self.terms.push(Term {
            text: entry.trim().to_string(),
            list,
            replacement: replace.get(&norm).map(|r| r.to_string()),
            names: None,
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
        if let [first, .., last] = name {
            self.terms[term].names = Some((first.to_string(), last.to_string()));
            self.add_run_together(&name[..name.len() - 1], last, term);
        }
        for part in parts {
            let letters = part.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= MIN_PARTIAL_LETTERS && !HONORIFICS.contains(&part) {
                self.add_pattern(part.to_string(), term, true);
            }
        }
    }

    /// A person's initial run on to the last name, as a handle or a login
    /// gives it (`mquillfeather`, `@MQuillfeather`), and the last name
    /// with the initial after it, as systems make logins
    /// (`quillfeatherm`): the first name's initial, and the initials of
    /// all the given names where there are several (`mjquillfeather`).
    /// Only for a last name of [`MIN_RUN_TOGETHER_LETTERS`] letters or
    /// more. Where the form spells an ordinary word ("along" for Alan
    /// Long), and where an `s` follows the last name (a plural: "the
    /// Quillfeathers"), it is read only with the case changing at the
    /// join (`ALong`, `QuillfeatherS`).
    fn add_run_together(&mut self, given: &[&str], last: &str, term: usize) {
        let surname: String = last.chars().filter(|c| c.is_alphanumeric()).collect();
        let letters = surname.chars().filter(|c| c.is_alphabetic()).count();
        if letters < MIN_RUN_TOGETHER_LETTERS {
            return;
        }
        let initial = |name: &&str| name.chars().next().filter(|c| c.is_alphabetic());
        let Some(first) = given.first().and_then(initial) else {
            return;
        };
        let mut forms = vec![first.to_string()];
        let all: String = given.iter().filter_map(initial).collect();
        if all.chars().count() > 1 {
            forms.push(all);
        }
        for initials in forms {
            let before = format!("{initials}{surname}");
            let joined_at = is_ordinary_word(&before).then_some(initials.len());
            self.add_pattern_where(before, term, false, joined_at);
            let after = format!("{surname}{initials}");
            let plural = initials.starts_with('s');
            let joined_at = (plural || is_ordinary_word(&after)).then_some(surname.len());
            self.add_pattern_where(after, term, false, joined_at);
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
        self.add_pattern_where(norm, term, partial, None);
    }

    /// [`Builder::add_pattern`], read only with the case changing at
    /// `joined_at` where that is set (see [`Pattern::joined_at`]). A
    /// pattern read everywhere stands over one read only so, and a full
    /// one over a partial one.
    fn add_pattern_where(
        &mut self,
        norm: String,
        term: usize,
        partial: bool,
        joined_at: Option<usize>,
    ) {
        let pattern = Pattern {
            term,
            partial,
            joined_at,
        };
        match self.index.get(&norm) {
            Some(&i) if joined_at.is_none() => {
                let old = self.patterns[i];
                if old.joined_at.is_some() || (old.partial && !partial) {
                    self.patterns[i] = pattern;
                }
            }
            Some(_) => {}
            None => {
                self.index.insert(norm.clone(), self.patterns.len());
                self.strings.push(norm);
                self.patterns.push(pattern);
            }
        }
    }

    pub(super) fn finish(self) -> TermMatcher {
        TermMatcher {
            trie: WordTrie::new(&self.strings),
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
