//! What the build says about participant tables in a body: a table embed
//! that names no field, or is not on a line of its own (errors), and a
//! hand-written Markdown table that gives a count below k for a role or
//! borough of the registry (a warning: the generated table is the fix).
//! Reads bodies through `markdown`; decides nothing about what is shown.

use super::{FIELDS, Spec, SpecError};
use crate::diag::Diagnostic;
use crate::markdown::{self, WrittenTable};
use crate::model::{Consent, Participant};
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

/// The roles and boroughs of the registry a hand-written table may be
/// labelled with, compared loosely (case, spacing, a plural `s`).
pub struct Labels {
    roles: Vec<String>,
    boroughs: Vec<String>,
}

fn loose(label: &str) -> String {
    let words: Vec<&str> = label.split_whitespace().collect();
    let joined = words.join(" ").to_lowercase();
    joined
        .strip_suffix('s')
        .map_or(joined.clone(), str::to_string)
}

impl Labels {
    /// `boroughs`: (id, title) of every borough.
    pub fn new(participants: &[Participant], boroughs: &[(&str, &str)]) -> Labels {
        let mut roles: Vec<String> = participants
            .iter()
            .filter(|p| p.consent != Consent::Withdrawn)
            .map(|p| loose(&p.role))
            .collect();
        roles.sort();
        roles.dedup();
        let boroughs = boroughs
            .iter()
            .flat_map(|(id, title)| [loose(id), loose(title)])
            .collect();
        Labels { roles, boroughs }
    }

    /// Which field a label names: role or borough.
    fn field(&self, label: &str) -> Option<super::Field> {
        let label = loose(label);
        if label.is_empty() {
            return None;
        }
        if self.roles.contains(&label) {
            Some(super::Field::Role)
        } else if self.boroughs.contains(&label) {
            Some(super::Field::Borough)
        } else {
            None
        }
    }
}

/// Warns of each hand-written table in `text[body]` that gives a count from
/// 1 to k-1 in a row or column labelled with a role or borough.
pub fn check_written_tables(
    file: FileId,
    text: &str,
    body: Range<usize>,
    k: usize,
    labels: impl FnOnce() -> Labels,
    out: &mut Vec<Diagnostic>,
) {
    let tables = markdown::written_tables(text, body);
    if tables.is_empty() || k <= 1 {
        return;
    }
    let labels = labels();
    for table in &tables {
        if let Some(diagnostic) = small_count(file, text, table, k, &labels) {
            out.push(diagnostic);
        }
    }
}

fn small_count(
    file: FileId,
    text: &str,
    table: &WrittenTable,
    k: usize,
    labels: &Labels,
) -> Option<Diagnostic> {
    let head = table.rows.first()?;
    let columns: Vec<Option<super::Field>> = head.iter().map(|(t, _)| labels.field(t)).collect();
    let mut found: Vec<(usize, &str, Range<usize>)> = Vec::new();
    let mut fields = Vec::new();
    for row in &table.rows[1..] {
        let Some(((row_label, _), cells)) = row.split_first() else {
            continue;
        };
        let row_field = labels.field(row_label);
        for (c, (cell, range)) in cells.iter().enumerate() {
            let column_field = columns.get(c + 1).copied().flatten();
            let label = match (row_field, column_field) {
                (Some(_), _) => row_label.as_str(),
                (None, Some(_)) => head[c + 1].0.as_str(),
                (None, None) => continue,
            };
            let Ok(n) = cell.trim().parse::<usize>() else {
                continue;
            };
            if super::is_small(n, k) {
                fields.extend(row_field);
                fields.extend(column_field);
                let at = text[range.clone()]
                    .find(cell.trim())
                    .map_or(range.clone(), |i| {
                        range.start + i..range.start + i + cell.trim().len()
                    });
                found.push((n, label, at));
            }
        }
    }
    let (n, label, at) = found.first().cloned()?;
    let has = |f| fields.contains(&f);
    let spec = match (has(super::Field::Role), has(super::Field::Borough)) {
        (true, true) => "role/borough",
        (true, false) => "role",
        _ => "borough",
    };
    let more = match found.len() {
        1 => String::new(),
        m => format!(" (and {} more such counts in this table)", m - 1),
    };
    Some(
        Diagnostic::warning(
            "table::small-count",
            format!(
                "a count of {n} for `{label}` is fewer than k = {k}: in a table of \
                 participants, a count this small can single someone out{more}"
            ),
        )
        .at(Span::new(file, at))
        .label(format!("fewer than {k}"))
        .fix(format!(
            "replace the table with the generated one, which hides small counts and \
             anything that would give them back: `![](participants:{spec})` on a line of its own"
        )),
    )
}
