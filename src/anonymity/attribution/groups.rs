//! Attribution groups: how many participants who have not withdrawn share
//! a quote's attribution (in the study, or in some boroughs), and the most
//! informative coarser attribution that would be shared by `k`. Does not
//! report (the checks do).

use crate::model::{AttributionField, Consent, Participant, role_key};

const ALL_FIELDS: [AttributionField; 4] = [
    AttributionField::Role,
    AttributionField::Sector,
    AttributionField::Level,
    AttributionField::Borough,
];

fn value(participant: &Participant, field: AttributionField) -> String {
    match field {
        AttributionField::Role => role_key(&participant.role),
        AttributionField::Sector => participant.sector.label().to_string(),
        AttributionField::Level => participant.level.map_or("", |l| l.label()).to_string(),
        AttributionField::Borough => participant.borough.clone(),
    }
}

/// Whether a participant has `who`'s values of `fields` (`who`'s taken
/// once: a role's key is dear).
fn shares_with(who: &Participant, fields: &[AttributionField]) -> impl Fn(&Participant) -> bool {
    let theirs: Vec<(AttributionField, String)> =
        fields.iter().map(|&f| (f, value(who, f))).collect();
    move |p| theirs.iter().all(|(f, v)| value(p, *f) == *v)
}

/// How many participants who have not withdrawn share `who`'s values of `fields`.
pub fn group_size(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
) -> usize {
    let shares = shares_with(who, fields);
    participants
        .iter()
        .filter(|p| p.consent != Consent::Withdrawn)
        .filter(|p| shares(p))
        .count()
}

/// The most informative attribution that passes, closest to the one asked for.
pub fn coarser(
    participants: &[Participant],
    who: &Participant,
    wanted: &[AttributionField],
    k: usize,
) -> Option<Vec<AttributionField>> {
    let mut candidates: Vec<Vec<AttributionField>> = (1u8..16)
        .map(|mask| {
            ALL_FIELDS
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, f)| *f)
                .collect()
        })
        .filter(|fields: &Vec<AttributionField>| {
            (who.level.is_some() || !fields.contains(&AttributionField::Level))
                && group_size(participants, who, fields) >= k
        })
        .collect();
    candidates.sort_by_key(|fields| {
        let kept = fields.iter().filter(|f| wanted.contains(f)).count();
        let has_borough = fields.contains(&AttributionField::Borough);
        (
            std::cmp::Reverse(fields.len()),
            std::cmp::Reverse(kept),
            std::cmp::Reverse(has_borough),
        )
    });
    candidates.into_iter().next()
}

pub(super) fn names(fields: &[AttributionField]) -> String {
    fields
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many participants who have not withdrawn, in one of `boroughs`,
/// share `who`'s values of `fields`.
pub(super) fn group_size_in(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
    boroughs: &[&str],
) -> usize {
    let shares = shares_with(who, fields);
    participants
        .iter()
        .filter(|p| p.consent != Consent::Withdrawn && boroughs.contains(&p.borough.as_str()))
        .filter(|p| shares(p))
        .count()
}
