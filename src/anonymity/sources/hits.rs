//! What one text holds: listed terms (unless the file allows them), structured
//! identifiers, name-like words and participant ids, each a diagnostic at
//! the source it was read from. Which texts are read is the caller's.

use super::messages::{identifier_diagnostic, pattern_diagnostic};
use super::{Found, Scanner, Target};
use crate::anonymity::AllowanceUsed;
use crate::anonymity::identifiers::{TermHit, normalise};
use crate::anonymity::patterns;
use crate::diag::Diagnostic;
use crate::model::Allowance;
use crate::source::{FileId, Span};

impl Scanner<'_, '_> {
    pub(super) fn scan_target(&self, target: &Target, found: &mut Found) {
        let text = &target.plain.text;
        // Each thing once for each place: a table's cell is read twice (in
        // the flow, and after its column's heading).
        let mut met: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        let mut first = |source: &std::ops::Range<usize>, what: String| {
            let new = !met.contains(&(source.clone(), what.clone()));
            if new {
                met.push((source.clone(), what));
            }
            new
        };
        for hit in self.matcher.find(text) {
            let source = target.plain.to_source(hit.range.clone());
            if !first(&source, format!("{} {}", hit.term, hit.partial)) {
                continue;
            }
            let span = Span::new(target.file, source.clone());
            let reaches = (target.reach.as_ref())
                .is_none_or(|reach| reach.iter().any(|r| r.contains(&source.start)));
            let written = &text[hit.range.clone()];
            if !reaches && self.allows(&hit, written, target.allowance) {
                found.out.push(out_of_reach(written, span));
                continue;
            }
            if self.is_allowed(&hit, written, target.allowance, target.file, found) {
                continue;
            }
            found
                .out
                .push(identifier_diagnostic(self.matcher, &hit, span));
        }
        for hit in patterns::find_patterns_as_shown(text) {
            let source = target.plain.to_source(hit.range.clone());
            if !first(&source, hit.kind.code().to_string()) {
                continue;
            }
            found
                .out
                .push(pattern_diagnostic(&hit, Span::new(target.file, source)));
        }
        for range in patterns::find_name_like(text) {
            let name = &text[range.clone()];
            if !self.matcher.find(name).is_empty() {
                continue;
            }
            let source = target.plain.to_source(range);
            if !first(&source, "name-like".to_string()) {
                continue;
            }
            let span = Span::new(target.file, source);
            found.out.push(
                Diagnostic::warning("anonymity::name-like", "this looks like a person's name")
                    .at(span)
                    .label("a title followed by a name")
                    .fix("replace the name with a redaction such as [name] or a role, unless it is not a person's name"),
            );
        }
        for range in self.participant_ids.find(text) {
            let source = target.plain.to_source(range);
            if !first(&source, "participant-id".to_string()) {
                continue;
            }
            if target
                .id_exempt
                .iter()
                .any(|e| e.start <= source.start && source.end <= e.end)
            {
                continue;
            }
            found.out.push(
                Diagnostic::error(
                    "anonymity::participant-id",
                    "a participant id would be published here",
                )
                .at(Span::new(target.file, source))
                .label("participant ids are pseudonymous but must stay private")
                .fix("remove it; quotes are linked to participants only through `participant:`"),
            );
        }
    }

    pub(super) fn is_allowed(
        &self,
        hit: &TermHit,
        found_text: &str,
        allowance: Option<&Allowance>,
        file: FileId,
        found: &mut Found,
    ) -> bool {
        let allowed = self.allows(hit, found_text, allowance);
        if let (true, Some(allowance)) = (allowed, allowance) {
            // As written in the file: the listed form may say more than the file does.
            found.allowances.push(AllowanceUsed {
                file,
                term: found_text.to_string(),
                reason: allowance.reason.clone().unwrap_or_default(),
            });
        }
        allowed
    }

    /// Whether `allowance` allows the term `hit` found, written `found_text`.
    fn allows(&self, hit: &TermHit, found_text: &str, allowance: Option<&Allowance>) -> bool {
        let Some(allowance) = allowance else {
            return false;
        };
        let term = normalise(self.matcher.term(hit));
        let written = normalise(found_text);
        allowance.allow.iter().any(|a| {
            let a = normalise(a);
            a == term || a == written
        })
    }
}

/// An allowed term written where the allowance does not reach: a front
/// matter field other than the title (a summary, shown on other pages).
fn out_of_reach(written: &str, span: Span) -> Diagnostic {
    Diagnostic::error(
        "anonymity::allowance-out-of-reach",
        format!(
            "“{written}” is allowed in this file, but an allowance reaches only its body and its title; this field is published apart from them (a finding's summary on every page that lists it), and the final check refuses it there"
        ),
    )
    .at(span)
    .label("outside the body and the title")
    .fix("write it in the body or the title, or replace it here with a redaction in square brackets, such as `[place]`")
}
