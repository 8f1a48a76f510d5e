//! Finding pseudonymous participant ids in text: they must never be published.

use crate::model::Participant;
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

pub struct ParticipantIds {
    automaton: Option<AhoCorasick>,
    /// The ids looked for.
    ids: Vec<String>,
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

impl ParticipantIds {
    pub fn new(participants: &[Participant]) -> ParticipantIds {
        let ids: Vec<&str> = participants
            .iter()
            .map(|p| p.id.as_str())
            .filter(|id| !id.is_empty())
            .collect();
        let automaton = (!ids.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&ids)
                .expect("participant ids are plain strings")
        });
        let ids = ids.into_iter().map(str::to_string).collect();
        ParticipantIds { automaton, ids }
    }

    /// The ids looked for.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Whole-word occurrences of any participant id in `text`.
    /// Soft hyphens and zero-width characters inside an id do not hide it.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.automaton.is_none() {
            return Vec::new();
        }
        match super::patterns::Visible::of(text, false) {
            None => self.find_visible(text),
            Some(visible) => self
                .find_visible(&visible.text)
                .into_iter()
                .map(|range| visible.original(text, range))
                .collect(),
        }
    }

    fn find_visible(&self, text: &str) -> Vec<Range<usize>> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        automaton
            .find_iter(text)
            .filter(|m| {
                let before = m.start() == 0 || !is_id_byte(bytes[m.start() - 1]);
                let after = m.end() == bytes.len() || !is_id_byte(bytes[m.end()]);
                before && after
            })
            .map(|m| m.range())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, Sector};

    fn ids(list: &[&str]) -> ParticipantIds {
        let participants: Vec<Participant> = list
            .iter()
            .map(|id| Participant {
                id: id.to_string(),
                role: "GP".into(),
                sector: Sector::PrimaryCare,
                level: None,
                borough: "a".into(),
                consent: Consent::Given,
            })
            .collect();
        ParticipantIds::new(&participants)
    }

    #[test]
    fn finds_whole_ids_only() {
        let finder = ids(&["b-gp-1"]);
        assert_eq!(finder.find("said b-gp-1 then").len(), 1);
        assert_eq!(finder.find("see b-gp-12 or ab-gp-1").len(), 0);
        assert_eq!(finder.find("B-GP-1.").len(), 1);
    }
}
