//! What the build says about participant tables in a body: a table embed
//! that names no field, or is not on a line of its own (errors). Reads
//! bodies through `markdown`; decides nothing about what is shown.

use super::{FIELDS, Spec, SpecError};
use crate::diag::Diagnostic;
use crate::markdown;
use crate::source::{FileId, Span};
use crate::yaml::closest;
use std::ops::Range;

const EXAMPLE: &str = "![](participants:role/borough)";

fn field_list() -> String {
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name()).collect();
    format!(
        "{} and {}",
        names[..names.len() - 1].join(", "),
        names[names.len() - 1]
    )
}

/// Problems with the participant table embeds of `text[body]`.
pub fn check_body(file: FileId, text: &str, body: Range<usize>, out: &mut Vec<Diagnostic>) {
    for embed in markdown::table_embeds(text, body) {
        let span = |range: Range<usize>| Span::new(file, range);
        let whole = embed.range.clone();
        if !embed.embed {
            out.push(
                Diagnostic::error(
                    "table::not-embedded",
                    "a participant table is set in place with `![]`, not linked",
                )
                .at(span(whole.clone()))
                .label("written as a link")
                .fix(format!(
                    "add `!` in front: `![](participants:{})`",
                    embed.spec
                )),
            );
            continue;
        }
        match Spec::parse(&embed.spec) {
            Err(SpecError::Unknown { name, at }) => {
                let at = whole.start + at.start..whole.start + at.end;
                let names: Vec<&str> = FIELDS.iter().map(|f| f.name()).collect();
                let diagnostic = Diagnostic::error(
                    "table::unknown-field",
                    format!("`{name}` is not a field a participant table can count by"),
                )
                .at(span(at))
                .label("unknown field");
                let fix = match closest(&name, &names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("use {}, for example {EXAMPLE}", field_list()),
                };
                out.push(diagnostic.fix(fix));
            }
            Err(SpecError::Twice(field)) => out.push(
                Diagnostic::error(
                    "table::same-field",
                    format!("`{}` is named twice", field.name()),
                )
                .at(span(whole))
                .label("rows and columns by the same field")
                .fix(format!(
                    "name it once (`participants:{}`), or pair it with another field",
                    field.name()
                )),
            ),
            Err(SpecError::Count(n)) => out.push(
                Diagnostic::error(
                    "table::fields",
                    format!("a participant table counts by one or two fields, not {n}"),
                )
                .at(span(whole))
                .label("rows/columns")
                .fix(format!(
                    "name one or two of {}, as in {EXAMPLE}",
                    field_list()
                )),
            ),
            Ok(_) if !embed.alone => out.push(
                Diagnostic::error(
                    "table::not-alone",
                    "a participant table must be a paragraph of its own",
                )
                .at(span(whole))
                .label("inside a paragraph")
                .fix("put the embed on a line by itself, with a blank line before and after"),
            ),
            Ok(_) => {}
        }
    }
}
