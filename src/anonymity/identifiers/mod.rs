//! Listed identifiers: the terms of private/identifiers.yaml and finding them in
//! text, whole-word, across case, accents, apostrophes, hyphens, line breaks and
//! possessives. Owns the normalised form of a term; does not decide severity,
//! allowances or how a hit is reported (the anonymity checks do).
//!
//! - this module: which list a term is from, and a hit;
//! - `terms.rs`: the patterns searched for each listed term (the name, its
//!   parts, the words glued, an initial run on to a last name);
//! - `ordinary.rs`: the ordinary words an initial and a last name run
//!   together may spell;
//! - `matcher.rs`: [`TermMatcher`], every whole-word hit in a text;
//! - `joined.rs`: words split by a hyphen read as one;
//! - `strays.rs`: a word with one letter set apart by a stray space read as
//!   one;
//! - `sentence.rs`: where a full stop inside a hit ends a sentence;
//! - `normalise.rs`: [`normalise`], the comparable form of a text, and
//!   where each of its bytes came from;
//! - `letters.rs`: letters read as others (apostrophes, Latin lookalikes,
//!   stroked letters);
//! - `word_trie.rs`: the search for the patterns where a word can begin;
//! - `parting.rs`: the characters no hit holds or reaches across.

mod joined;
mod letters;
mod matcher;
mod normalise;
mod ordinary;
mod parting;
mod sentence;
mod strays;
mod terms;
mod word_trie;

pub use crate::model::Identifiers;
pub use matcher::TermMatcher;
pub use normalise::normalise;
pub(crate) use ordinary::{is_four_letter_word, is_ordinary_word};
pub use parting::Parting;
use std::ops::Range;

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

#[cfg(test)]
mod tests;
