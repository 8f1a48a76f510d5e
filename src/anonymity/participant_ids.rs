//! Finding pseudonymous participant ids in text: they must never be published.

use crate::model::Participant;
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;

pub struct ParticipantIds {
    automaton: Option<AhoCorasick>,
    /// The ids looked for.
    ids: Vec<String>,
}

/// The marks that part an id's words, read as one another: a reader takes
/// `a_sw_1`, `a.sw.1` and `a/sw/1` for `a-sw-1` (red team, round 12).
pub const ID_MARKS: [char; 4] = ['-', '_', '.', '/'];

/// `text` with each of [`ID_MARKS`] written `-`, byte for byte (each is
/// one ASCII byte, so the places of the text are its own).
fn marks_as_hyphens(text: &str) -> std::borrow::Cow<'_, [u8]> {
    let is_mark = |b: &u8| matches!(b, b'_' | b'.' | b'/');
    match text.as_bytes().iter().any(is_mark) {
        true => text
            .bytes()
            .map(|b| if is_mark(&b) { b'-' } else { b })
            .collect::<Vec<u8>>()
            .into(),
        false => text.as_bytes().into(),
    }
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
                .build(ids.iter().map(|id| marks_as_hyphens(id).into_owned()))
                .expect("participant ids are plain strings")
        });
        let ids = ids.into_iter().map(str::to_string).collect();
        ParticipantIds { automaton, ids }
    }

    /// The ids looked for.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Whole-word occurrences of any participant id in `text`: not beside
    /// a letter or digit (an id run into other words by a hyphen, as a
    /// file named `a-sw-2-notes.md`, is found), with `-`, `_`, `.` and `/`
    /// read as one another. Soft hyphens and zero-width characters inside
    /// an id do not hide it.
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

    /// [`ParticipantIds::find`], for ids written with a mark between each
    /// two of their parts only: where pieces of text drawn apart are read
    /// side by side in any order.
    pub fn find_with_marks(&self, text: &str) -> Vec<Range<usize>> {
        self.find(text)
    }

    fn find_visible(&self, text: &str) -> Vec<Range<usize>> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let bytes = marks_as_hyphens(text);
        let bytes = &*bytes;
        automaton
            .find_iter(bytes)
            .filter(|m| {
                let before = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
                let after = m.end() == bytes.len() || !bytes[m.end()].is_ascii_alphanumeric();
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

    /// Run into other words by a hyphen, or written with other marks
    /// between its words, an id is the id to a reader (red team, round 12).
    #[test]
    fn finds_ids_run_into_words_or_written_with_other_marks() {
        let finder = ids(&["b-gp-1", "c/n/3"]);
        for text in [
            "quotes/b-gp-1-late-notes.html",
            "transcript b-gp-1-2017-11-14",
            "file b_gp_1_transcript.docx",
            "B.GP.1 said",
            "see c-n-3 and",
            "see c_n_3",
        ] {
            assert_eq!(finder.find(text).len(), 1, "{text}");
        }
        assert_eq!(finder.find("xb-gp-1 b-gp-10 b-gp-1x").len(), 0);
        let text = "said b_gp_1.";
        assert_eq!(&text[finder.find(text)[0].clone()], "b_gp_1");
    }
}
