//! What the preview shows besides the site: its status and its page of
//! problems repeat what messages say, and a message may repeat a word the
//! researcher wrote (an unknown id such as `marjorie-quillfeather`). The
//! preview is served over HTTP, so those texts pass here first: every
//! listed term, participant id and structured identifier (a phone, NHS or
//! National Insurance number, a postcode, an email address) in them is
//! shown as `[…]`.

use crate::anonymity::Checked;
use crate::anonymity::identifiers::TermMatcher;
use crate::anonymity::participant_ids::ParticipantIds;
use std::ops::Range;
use std::sync::Arc;

/// Takes listed terms and participant ids out of a text.
#[derive(Clone)]
pub struct Redactor {
    matcher: Arc<TermMatcher>,
    ids: Arc<ParticipantIds>,
}

/// Says nothing of what it looks for (the listed terms are private).
impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor")
    }
}

impl Redactor {
    pub fn new(checked: &Checked) -> Redactor {
        Redactor::of(checked.matcher.clone(), checked.participant_ids.clone())
    }

    pub(super) fn of(matcher: Arc<TermMatcher>, ids: Arc<ParticipantIds>) -> Redactor {
        Redactor { matcher, ids }
    }

    /// `text` with every listed term (a whole name or a part of one) and
    /// participant id replaced by `[…]`.
    pub fn redact(&self, text: &str) -> String {
        let mut ranges: Vec<Range<usize>> = self
            .matcher
            .find(text)
            .into_iter()
            .map(|hit| hit.range)
            .chain(self.ids.find(text))
            .collect();
        // Phone, NHS and other numbers, also as an id spells them
        // (`quote:020-7946-0958`): a hyphen read as a space, one byte for
        // one, so the places found are the text's own.
        for version in [text.to_string(), text.replace(['-', '_', '.'], " ")] {
            ranges.extend(
                crate::anonymity::patterns::find_patterns(&version)
                    .into_iter()
                    .map(|hit| hit.range),
            );
        }
        if ranges.is_empty() {
            return text.to_string();
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for range in ranges {
            if range.start < at {
                at = at.max(range.end);
                continue;
            }
            out.push_str(&text[at..range.start]);
            out.push_str("[…]");
            at = range.end;
        }
        out.push_str(&text[at..]);
        out
    }
}
