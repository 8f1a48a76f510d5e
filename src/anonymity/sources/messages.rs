//! The diagnostics for a listed term and for a structured identifier: their
//! codes, messages, labels and suggested redactions. A message never repeats
//! the listed term, only what the file already shows.

use crate::anonymity::identifiers::{List, TermHit, TermMatcher};
use crate::anonymity::patterns::{self, PatternHit};
use crate::diag::Diagnostic;
use crate::source::Span;

fn list_word(list: List) -> &'static str {
    match list {
        List::People => "a person's name",
        List::Places => "a place name",
        List::Organisations => "an organisation's name",
    }
}

fn redaction(list: List) -> &'static str {
    match list {
        List::People => "[name]",
        List::Places => "[place]",
        List::Organisations => "[organisation]",
    }
}

/// The message never repeats the listed term: only what the file already shows.
pub(super) fn identifier_diagnostic(
    matcher: &TermMatcher,
    hit: &TermHit,
    span: Span,
) -> Diagnostic {
    if hit.partial {
        return Diagnostic::warning(
            "anonymity::partial-name",
            "this word is the first or last name of a person in the identifiers list (people)",
        )
        .at(span)
        .label("part of a listed name")
        .fix("if it refers to that person, replace it with [name] or a role");
    }
    let fix = match matcher.replacement(hit) {
        Some(pseudonym) => {
            format!("replace it with `{pseudonym}` (the pseudonym given in `replace:`)")
        }
        None => format!(
            "replace it with a redaction such as `{}`; if it is public, allow it in this file's front matter with `anonymity: {{allow: [...], reason: ...}}`",
            redaction(hit.list)
        ),
    };
    Diagnostic::error(
        "anonymity::identifier",
        format!(
            "{} from the identifiers list ({}) would be published",
            list_word(hit.list),
            hit.list.name()
        ),
    )
    .at(span)
    .label("listed in private identifiers")
    .fix(fix)
}

pub(super) fn pattern_diagnostic(hit: &PatternHit, span: Span) -> Diagnostic {
    use patterns::PatternKind::*;
    let redaction = match hit.kind {
        Email => "[email]",
        Phone => "[phone number]",
        NhsNumber => "[NHS number]",
        NiNumber => "[NI number]",
        Postcode => "[postcode]",
        DateOfBirth => "[date of birth]",
    };
    Diagnostic::error(
        pattern_code(hit),
        format!("{} would be published", hit.kind.describe()),
    )
    .at(span)
    .label(format!("looks like {}", hit.kind.describe()))
    .fix(format!(
        "remove it or replace it with a redaction in square brackets, such as `{redaction}`"
    ))
}

fn pattern_code(hit: &PatternHit) -> &'static str {
    use patterns::PatternKind::*;
    match hit.kind {
        Email => "anonymity::email",
        Phone => "anonymity::phone-number",
        NhsNumber => "anonymity::nhs-number",
        NiNumber => "anonymity::ni-number",
        Postcode => "anonymity::postcode",
        DateOfBirth => "anonymity::date-of-birth",
    }
}
