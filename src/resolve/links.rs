//! Who said each quote and in which borough, which findings cite which
//! quotes, and the backlinks between findings.

use super::{FindingIx, ParticipantIx, PerFinding, PerQuote, QuoteIx, Site};
use crate::model::*;
use crate::parse::Project;
use std::collections::{BTreeSet, HashMap};

pub(super) fn quote_participants(project: &Project) -> PerQuote<Option<ParticipantIx>> {
    let registry: HashMap<&str, ParticipantIx> = ParticipantIx::each(&project.participants)
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    project
        .quotes
        .iter()
        .map(|q| {
            q.meta
                .participant
                .as_deref()
                .and_then(|p| registry.get(p).copied())
        })
        .collect()
}

pub(super) fn quote_boroughs<'p>(
    project: &'p Project,
    participants: &PerQuote<Option<ParticipantIx>>,
) -> PerQuote<Option<&'p str>> {
    QuoteIx::each(&project.quotes)
        .map(|(q, quote)| match participants[q] {
            Some(p) => Some(project.participants[p].borough.as_str()),
            None => quote.meta.borough.as_deref(),
        })
        .collect()
}

pub(super) fn link_findings(site: &mut Site) {
    let project = site.project;
    for (f, finding) in FindingIx::each(&project.findings) {
        let listed = finding.meta.quotes.iter().map(String::as_str);
        let embedded = finding
            .refs
            .iter()
            .filter(|r| r.kind == Kind::Quote && r.embed)
            .map(|r| r.id.as_str());
        let mut evidence = Vec::new();
        for id in listed.chain(embedded) {
            if let Some(q) = site.quote(id)
                && !evidence.contains(&q)
            {
                evidence.push(q);
            }
        }
        if site.is_published_finding(f) {
            for &q in &evidence {
                site.quote_findings[q].push(f);
            }
        }
        site.finding_quotes[f] = evidence;
    }
    let mut backlinks: PerFinding<BTreeSet<(Kind, usize)>> =
        PerFinding::filled(project.findings.len(), BTreeSet::new());
    let linking = FindingIx::each(&project.findings)
        .filter(|&(f, _)| site.is_published_finding(f))
        .map(|(f, d)| ((Kind::Finding, f.0), &d.refs))
        .chain(
            project
                .pages
                .iter()
                .enumerate()
                .map(|(i, d)| ((Kind::Page, i), &d.refs)),
        );
    for (from, refs) in linking {
        for reference in refs.iter().filter(|r| r.kind == Kind::Finding) {
            if let Some(target) = site.finding(&reference.id)
                && from != (Kind::Finding, target.0)
            {
                backlinks[target].insert(from);
            }
        }
    }
    site.finding_backlinks = backlinks
        .iter()
        .map(|(_, s)| s.iter().copied().collect())
        .collect();
}
