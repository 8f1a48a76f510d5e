//! The titles a quote's page shows with it from other files: its codes'
//! ("Codes: The Borough A hub"), the codes' above them (whose pages list
//! it), the findings' that cite it ("Cited in"), and those findings'
//! codes' (printed on the finding's page above it: round 23). Like its words, they
//! must not give back the role or the borough its attribution leaves out
//! (red team, round 21); nor must those pages' addresses, which links,
//! the address bar and the printed page show (round 32). Reported where
//! the title is brought to the quote: its `codes:` entry, or the
//! finding's mention of it.

use super::groups::crowd_in;
use super::shown::{By, Shown, Titles};
use crate::diag::Diagnostic;
use crate::model::{AttributionField, Participant};
use crate::resolve::{QuoteIx, Site};

/// A code shown with a quote whose attribution leaves out its speaker's
/// role must not say that role: a code titled "Social workers' views" on
/// a quote attributed "Social care, Borough A" says who spoke as "We
/// social workers" would. Only the speaker's own role is looked for, as
/// in the words.
pub(super) fn check_role<'s>(
    site: &'s Site,
    q: QuoteIx,
    who: &'s Participant,
    fields: &[AttributionField],
    shown: &Shown<'s>,
    titles: &mut Titles<'s>,
    out: &mut Vec<Diagnostic>,
) {
    if fields.contains(&AttributionField::Role) || who.role.trim().is_empty() {
        return;
    }
    // A finding's title names what it is about: "Social workers remain at
    // the edge" cites what nurses and managers said of social workers as
    // much as what social workers said, so it is not read for the role
    // (as its narrative is not: see the docs' "What you still have to do").
    let Some(beside) = shown
        .beside
        .iter()
        .filter(|b| matches!(b.by, By::Code(..)))
        .find(|b| titles.says(&who.role, &b.title))
    else {
        return;
    };
    let (label, fix) = match &beside.address {
        None => (
            "this code's title says the speaker's own role".to_string(),
            "remove this code from the quote, or retitle the code so that it says no role, or leave this quote out".to_string(),
        ),
        Some((address, file)) => (
            format!("this code's address, {address}, says the speaker's own role"),
            format!(
                "rename the file {} so that its name says no role (and change its id where it is used), or remove this code from the quote, or choose an attribution that does not leave the role out, or leave this quote out",
                site.project.sources.get(*file).name
            ),
        ),
    };
    out.push(
        Diagnostic::error(
            "anonymity::role-in-titles",
            format!(
                "{}{} says its speaker's role ({}), which its attribution “{}” leaves out",
                beside.how(site),
                beside.and_so(),
                who.role,
                site.attribution(q)
            ),
        )
        .at(beside.by.span(site, q))
        .label(label)
        .fix(fix),
    );
}

/// A title shown with a quote whose attribution leaves out its speaker's
/// borough places the quote in the boroughs it names, as a finding that
/// holds there does (`context.rs`): "The Borough A hub" on a quote
/// attributed "GP" tells a reader it comes from Borough A, where the study
/// may have one GP. The quote's group is counted in the boroughs the
/// title names (as a reader reads it, whoever spoke), and must be `k`.
pub(super) fn check_boroughs<'s>(
    site: &'s Site,
    q: QuoteIx,
    who: &'s Participant,
    fields: &[AttributionField],
    shown: &Shown<'s>,
    titles: &mut Titles<'s>,
    out: &mut Vec<Diagnostic>,
) {
    let project = site.project;
    let k = project.config.k;
    let rule = (project.config.attribution.as_slice(), k);
    let crowd = |boroughs: &[&str]| crowd_in(&project.participants, who, fields, rule, boroughs);
    for beside in &shown.beside {
        let mut named: Vec<&str> = titles.named(&beside.title);
        if let By::Finding(f) | By::FindingCode(f, _) = beside.by {
            // A finding that holds in some boroughs places the quote there
            // already (reported by `context.rs` where too few are): its
            // title can only narrow that down.
            let holds = &project.findings[f].meta.boroughs;
            if !holds.is_empty() {
                let holds: Vec<&str> = holds.iter().map(String::as_str).collect();
                if crowd(&holds) < k {
                    continue;
                }
                named.retain(|b| holds.contains(b));
            }
        }
        if named.is_empty() {
            continue;
        }
        let there = crowd(&named);
        if there >= k {
            continue;
        }
        let places: Vec<&str> = named.iter().map(|b| site.borough_title(b)).collect();
        let places = places.join(" and ");
        let (label, fix) = match (&beside.address, beside.by) {
            (Some((address, file)), by) => (
                format!(
                    "this {}'s address, {address}, names {places}",
                    match by {
                        By::Finding(_) => "finding",
                        _ => "code",
                    }
                ),
                format!(
                    "rename the file {} so that its name says no borough (and change its id where it is used), or choose an attribution that says the borough, where at least {k} share it, or leave this quote out",
                    site.project.sources.get(*file).name
                ),
            ),
            (None, By::Code(..)) => (
                format!("this code's title names {places}"),
                format!(
                    "remove this code from the quote, or retitle the code so that it names no borough, or attribute the quote so that at least {k} of the participants it fits are in {places}"
                ),
            ),
            (None, By::Finding(_)) => (
                format!("this finding's title names {places}"),
                "retitle the finding so that it names no borough, or cite a quote attributed by borough instead, or leave this quote out of the finding".to_string(),
            ),
            (None, By::FindingCode(..)) => (
                format!("this finding's code “{}” names {places}", beside.title),
                "remove the code from the finding, or retitle the code so that it names no borough, or cite a quote attributed by borough instead, or leave this quote out of the finding".to_string(),
            ),
        };
        let people = if there == 1 { "is" } else { "are" };
        out.push(
            Diagnostic::error(
                "anonymity::borough-in-titles",
                format!(
                    "{}{} places it in {places}, which its attribution “{}” leaves out: only {there} of the participants it fits {people} there; at least {k} must be",
                    beside.how(site),
                    beside.and_so(),
                    site.attribution(q)
                ),
            )
            .at(beside.by.span(site, q))
            .label(label)
            .fix(fix),
        );
        return;
    }
}
