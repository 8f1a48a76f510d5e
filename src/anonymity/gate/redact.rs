//! What the preview shows besides the site: its status and its page of
//! problems repeat what messages say, and a message may repeat a word the
//! researcher wrote (an unknown id such as `marjorie-quillfeather`). The
//! preview is served over HTTP, so those texts pass here first: every
//! listed term and participant id in them is shown as `[…]`.

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

impl Redactor {
    pub fn new(checked: &Checked) -> Redactor {
        Redactor {
            matcher: checked.matcher.clone(),
            ids: checked.participant_ids.clone(),
        }
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
