//! Attribution groups: how many participants who have not withdrawn share
//! a quote's attribution (in the study, or in some boroughs), how many a
//! reader can narrow it down to by what it leaves out of the default
//! attribution, and the most informative coarser attribution that passes
//! both. Does not report (the checks do).

use crate::hash::FastMap;
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

/// The fields a reader sets a quote's attribution against: its own and
/// the project's default (`anonymity.attribution`), which most quotes
/// show. A field of the default that a quote leaves out is, readers know,
/// left out because too few share it.
pub fn finer(fields: &[AttributionField], default: &[AttributionField]) -> Vec<AttributionField> {
    ALL_FIELDS
        .into_iter()
        .filter(|f| fields.contains(f) || default.contains(f))
        .collect()
}

/// How many participants a reader can narrow a quote attributed by
/// `fields` down to by elimination: those who share `who`'s values of
/// `fields` and whose own values of the [`finer`] attribution are shared
/// by fewer than `k` (for anyone else the default would have been used).
/// Counted as [`group_size`] counts. 0 when `fields` leaves out nothing of
/// `default`, or nobody's finer group is too small: the attribution then
/// tells a reader nothing more than it says. From 1 to `k` − 1 it singles
/// people out ([`gives_away`]).
pub fn suspects(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
    default: &[AttributionField],
    k: usize,
) -> usize {
    suspects_among(participants, who, fields, default, k, None)
}

/// [`suspects`], counting only those in `boroughs` (all when `None`); the
/// finer groups are still counted study-wide, as a reader counts them.
fn suspects_among(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
    default: &[AttributionField],
    k: usize,
    boroughs: Option<&[&str]>,
) -> usize {
    let finer = finer(fields, default);
    if finer.iter().all(|f| fields.contains(f)) {
        return 0;
    }
    // Each participant's values of the finer fields, read once (a role's
    // key is dear); `fields` are among them.
    let values = |p: &Participant| -> Vec<String> { finer.iter().map(|&f| value(p, f)).collect() };
    let counted: Vec<(&Participant, Vec<String>)> = participants
        .iter()
        .filter(|p| p.consent != Consent::Withdrawn)
        .map(|p| (p, values(p)))
        .collect();
    let mut sizes: FastMap<&[String], usize> = FastMap::default();
    for (_, theirs) in &counted {
        *sizes.entry(theirs.as_slice()).or_default() += 1;
    }
    let own: Vec<usize> = (0..finer.len())
        .filter(|&i| fields.contains(&finer[i]))
        .collect();
    let mine = values(who);
    counted
        .iter()
        .filter(|(p, _)| boroughs.is_none_or(|b| b.contains(&p.borough.as_str())))
        .filter(|(_, theirs)| own.iter().all(|&i| theirs[i] == mine[i]))
        .filter(|(_, theirs)| sizes[theirs.as_slice()] < k)
        .count()
}

/// Whether `suspects` people are too few to hide a quote among, but some.
pub fn gives_away(suspects: usize, k: usize) -> bool {
    (1..k).contains(&suspects)
}

/// The most informative attribution that passes, closest to the one asked
/// for: shared by at least `k`, and not narrowed down below `k` by what it
/// leaves out of `default` ([`suspects`]).
pub fn coarser(
    participants: &[Participant],
    who: &Participant,
    wanted: &[AttributionField],
    default: &[AttributionField],
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
                && !gives_away(suspects(participants, who, fields, default, k), k)
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

/// How many participants a reader can narrow a quote down to when a page
/// places it in one of `boroughs`: those there who share `who`'s values of
/// `fields`, and, when the attribution leaves out a field of `default`
/// that some leave out because fewer than `k` share it, only those of them
/// ([`suspects`] there; when none are, the elimination fails and the
/// sharers count). Red team round 14: "District nurse" on a finding about
/// Boroughs A and B is one of A's two nurses when B's have k and C's not.
pub(super) fn crowd_in(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
    (default, k): (&[AttributionField], usize),
    boroughs: &[&str],
) -> usize {
    let shares = shares_with(who, fields);
    let sharers = participants
        .iter()
        .filter(|p| p.consent != Consent::Withdrawn && boroughs.contains(&p.borough.as_str()))
        .filter(|p| shares(p))
        .count();
    // None there (or anywhere): the reader's elimination fails, and the
    // attribution tells them what it says.
    match suspects_among(participants, who, fields, default, k, Some(boroughs)) {
        0 => sharers,
        suspects => suspects,
    }
}

/// How many participants who have not withdrawn share `who`'s values of
/// `fields` and are `also` so (a role a quote's address hints at).
pub(super) fn group_size_where(
    participants: &[Participant],
    who: &Participant,
    fields: &[AttributionField],
    also: impl Fn(&Participant) -> bool,
) -> usize {
    let shares = shares_with(who, fields);
    participants
        .iter()
        .filter(|p| p.consent != Consent::Withdrawn)
        .filter(|p| shares(p) && also(p))
        .count()
}
