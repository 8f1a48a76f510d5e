//! The patterns searched for each listed term: the term, its words glued
//! together and, for a person, the name without titles, the first name's
//! initial and the last name run together, and the first and last names
//! alone (partial). One pattern per normalised string. Does not search
//! (`matcher.rs`).

use super::List;
use super::matcher::{Pattern, Term, TermMatcher};
use super::normalise::normalise;
use super::ordinary::{is_four_letter_word, is_ordinary_word};
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

/// The fewest letters a person's name run together with an initial or a
/// title is read in (`jlee` for Jane Lee; not `jng` for Jane Ng, which
/// may be any code).
const SHORTEST_FORM: usize = 4;

/// The titles a handle may run on to a last name (`DrWrenhallow`,
/// `MrsQuillfeather`), whichever title the list gives.
const HANDLE_TITLES: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame", "lord", "lady", "cllr", "rev",
    "revd",
];

/// Letters that, after a last name, often make another name or word
/// ("Clarke" of Clark, "Greene", "pricey" of Price, "Rossi", a plural):
/// the last name with the first name's initial after it is read in small
/// letters only where the initial is none of these (`quillfeatherm`), and
/// otherwise only with a capital at the join (`ClarkE`; red team, round
/// 22).
const SURNAME_ENDINGS: &[char] = &['a', 'e', 'i', 'o', 's', 'y'];

/// Whether `form` (normalised: lowercase), a name run together with an
/// initial or a title, may be an ordinary English word: one of the
/// ordinary words of five letters or more, or of four letters
/// (`four_letter_words.txt`: "sash" for Sam Ash).
fn may_be_word(form: &str) -> bool {
    match form.chars().count() {
        0..4 => true,
        4 => is_four_letter_word(form),
        _ => is_ordinary_word(form),
    }
}

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
    /// more; a shorter one only after the initials and with the join
    /// shown (`JLee` for Jane Lee), where that makes [`SHORTEST_FORM`]
    /// letters at least. Where the form may be an ordinary word ("along"
    /// for Alan Long: see [`may_be_word`]), and where a letter that makes
    /// names and words longer follows the last name ([`SURNAME_ENDINGS`]:
    /// "the Quillfeathers", "Clarke"), it is read only with the case
    /// changing at the join (`ALong`, `QuillfeatherS`). Then the handles
    /// made of a title and the last name (`DrWrenhallow`) and of the first
    /// name and the last name's initial (`MarjorieQ`): see
    /// [`Builder::add_handles`].
    fn add_run_together(&mut self, given: &[&str], last: &str, term: usize) {
        let surname: String = last.chars().filter(|c| c.is_alphanumeric()).collect();
        let letters = surname.chars().filter(|c| c.is_alphabetic()).count();
        let initial = |name: &&str| name.chars().next().filter(|c| c.is_alphabetic());
        let Some(first) = given.first().and_then(initial) else {
            return;
        };
        self.add_handles(given[0], &surname, term);
        let mut forms = vec![first.to_string()];
        let all: String = given.iter().filter_map(initial).collect();
        if all.chars().count() > 1 {
            forms.push(all);
        }
        let short = letters < MIN_RUN_TOGETHER_LETTERS;
        for initials in forms {
            // A short last name with an initial before it spells places
            // and names ("Kong" for K. Ong, "Mali", "Stan"): only with the
            // join shown (`JLee`; round 22).
            let before = format!("{initials}{surname}");
            if before.chars().count() >= SHORTEST_FORM {
                let guarded = short || may_be_word(&before);
                let joined_at = guarded.then_some(initials.len());
                self.add_pattern_where(before, term, false, joined_at);
            }
            if short {
                continue;
            }
            let after = format!("{surname}{initials}");
            let extends = match initials.len() {
                1 => initials.starts_with(SURNAME_ENDINGS),
                _ => initials.starts_with('s'),
            };
            let joined_at = (extends || is_ordinary_word(&after)).then_some(surname.len());
            self.add_pattern_where(after, term, false, joined_at);
        }
    }

    /// A person's handles of other shapes: a title run on to the last
    /// name (`DrWrenhallow`, `MrsQuillfeather`, any of [`HANDLE_TITLES`],
    /// not only the listed one), and the first name with the last name's
    /// initial after it (`MarjorieQ`). Where the form may be an ordinary
    /// word ("drink" for Dr Ink: [`may_be_word`]) or the last name is one
    /// ("Ladybird" for Dr Bird), the title's form is read only with the
    /// case changing at the join (`DrInk`, `DrBird`). The first name's
    /// form always is (`MarjorieQ`, not `marjorieq`): a first name and a
    /// letter make other names too often ("Andrew" of Andre W., "Josef",
    /// "Jacob", "Sarah"; red team, round 22).
    fn add_handles(&mut self, first: &str, surname: &str, term: usize) {
        if surname.chars().count() >= 2 {
            let word = may_be_word(surname);
            for title in HANDLE_TITLES {
                let form = format!("{title}{surname}");
                let joined_at = (word || may_be_word(&form)).then_some(title.len());
                self.add_pattern_where(form, term, false, joined_at);
            }
        }
        let first: String = first.chars().filter(|c| c.is_alphanumeric()).collect();
        let Some(initial) = surname.chars().next().filter(|c| c.is_alphabetic()) else {
            return;
        };
        let form = format!("{first}{initial}");
        if first.chars().count() + 1 >= SHORTEST_FORM {
            self.add_pattern_where(form, term, false, Some(first.len()));
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
