//! The participant registry, `content/participants.yaml`: each entry read
//! on its own, so one bad entry does not hide the others (and every quote
//! of theirs), ids checked for form and uniqueness, and the spellings of
//! one role merged into one.

use super::{is_valid_id, suggest_id};
use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::{Participant, role_key};
use crate::yaml::Yaml;
use std::collections::HashMap;

/// participants.yaml before each entry is checked, so one bad entry does not
/// hide the others (and every quote of theirs).
#[derive(serde::Deserialize)]
pub(super) struct RawRegistry {
    #[serde(default)]
    pub(super) participants: Vec<serde_yaml::Value>,
}

pub(super) fn parse_participants(
    entries: Vec<serde_yaml::Value>,
    yaml: &Yaml,
    out: &mut Vec<Diagnostic>,
) -> Vec<Participant> {
    let mut participants = Vec::with_capacity(entries.len());
    for (index, entry) in entries.into_iter().enumerate() {
        let id = entry.get("id").and_then(|v| v.as_str()).map(str::to_string);
        match serde_yaml::from_value::<Participant>(entry) {
            Ok(participant) => participants.push(participant),
            Err(error) => {
                let span = match &id {
                    Some(id) => yaml.value_span_nth("id", id, index),
                    None => yaml
                        .key_span("participants")
                        .unwrap_or_else(|| yaml.start_span()),
                };
                let message = error.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                // Point at the offending value when the error names it.
                let span = message
                    .strip_prefix("unknown variant `")
                    .and_then(|rest| rest.split('`').next())
                    .and_then(|value| {
                        let from = span.range.start;
                        let at = yaml.source.text[from..].find(value)?;
                        Some(crate::source::Span::new(
                            span.file,
                            from + at..from + at + value.len(),
                        ))
                    })
                    .unwrap_or(span);
                out.push(
                    Diagnostic::error(
                        "participants::invalid",
                        format!("participant {} cannot be read: {message}", index + 1),
                    )
                    .at(span)
                    .label("this participant")
                    .fix("each participant needs id, role, sector (health, primary-care, acute, social-care, voluntary or other) and borough; level and consent are optional"),
                );
            }
        }
    }
    participants
}

pub(super) fn check_participant_ids(
    participants: &[Participant],
    yaml: &Yaml,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = HashMap::new();
    for (index, participant) in participants.iter().enumerate() {
        let span = yaml.value_span_nth("id", &participant.id, index);
        if !is_valid_id(&participant.id) {
            out.push(
                Diagnostic::error(
                    "id::invalid",
                    format!("`{}` cannot be a participant id", participant.id),
                )
                .at(span.clone())
                .fix(format!(
                    "use lowercase letters, digits and hyphens, such as `{}`",
                    suggest_id(&participant.id)
                )),
            );
        }
        if seen.insert(participant.id.as_str(), index).is_some() {
            out.push(
                Diagnostic::error(
                    "id::duplicate",
                    format!("the participant id `{}` is used twice", participant.id),
                )
                .at(span)
                .fix("give each participant their own id"),
            );
        }
    }
}

/// Readers see `district nurse` and `District nurse` as one role, so the
/// registry's spellings of one role are merged: every participant gets the
/// most common spelling (the first written, on a tie), which is counted
/// and printed; each other spelling is warned about where it is first
/// written.
pub fn merge_role_spellings(
    participants: &mut [Participant],
    yaml: &Yaml,
    out: &mut Vec<Diagnostic>,
) {
    // For each role, its spellings in first-written order, with how many
    // use each and where each is first written.
    let mut roles: FastMap<String, Vec<(String, usize, usize)>> = FastMap::default();
    let mut order = Vec::new();
    for (index, p) in participants.iter().enumerate() {
        let key = role_key(&p.role);
        let spellings = roles.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        match spellings.iter_mut().find(|(s, ..)| *s == p.role) {
            Some((_, count, _)) => *count += 1,
            None => spellings.push((p.role.clone(), 1, index)),
        }
    }
    for key in order {
        let spellings = &roles[&key];
        if spellings.len() < 2 {
            continue;
        }
        let chosen = spellings
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, count, _))| (*count, std::cmp::Reverse(*i)))
            .map(|(_, (s, ..))| s.clone())
            .expect("two spellings");
        for (spelling, count, first) in spellings.iter().filter(|(s, ..)| *s != chosen) {
            let times = if *count == 1 {
                "once".to_string()
            } else {
                format!("{count} times")
            };
            out.push(
                Diagnostic::warning(
                    "participants::role-spelling",
                    format!(
                        "the role “{}” is spelt “{spelling}” here ({times}); readers see one role, so these participants are counted with the others and attributed as “{}”",
                        chosen.trim(),
                        chosen.trim()
                    ),
                )
                .at(yaml.value_span_nth("role", spelling, *first))
                .label("another spelling of the same role")
                .fix(format!("spell the role the same way for every participant: `role: {}`", chosen.trim())),
            );
        }
        for p in participants.iter_mut() {
            if role_key(&p.role) == key {
                p.role = chosen.clone();
            }
        }
    }
}
