//! Who said each quote and in which borough, which findings cite which
//! quotes, and the backlinks between findings.

use super::Site;
use crate::model::*;
use crate::parse::Project;
use std::collections::{BTreeSet, HashMap};

pub(super) fn quote_participants(project: &Project) -> Vec<Option<usize>> {
    let registry: HashMap<&str, usize> = project
        .participants
        .iter()
        .enumerate()
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
    participants: &[Option<usize>],
) -> Vec<Option<&'p str>> {
    project
        .quotes
        .iter()
        .zip(participants)
        .map(|(quote, participant)| match participant {
            Some(p) => Some(project.participants[*p].borough.as_str()),
            None => quote.meta.borough.as_deref(),
        })
        .collect()
}

pub(super) fn link_findings(site: &mut Site) {
    let project = site.project;
    for (f, finding) in project.findings.iter().enumerate() {
        let listed = finding.meta.quotes.iter().map(String::as_str);
        let embedded = finding
            .refs
            .iter()
            .filter(|r| r.kind == Kind::Quote && r.embed)
            .map(|r| r.id.as_str());
        let mut evidence = Vec::new();
        for id in listed.chain(embedded) {
            if let Some(q) = site.lookup(Kind::Quote, id)
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
    let mut backlinks: Vec<BTreeSet<(Kind, usize)>> = vec![BTreeSet::new(); project.findings.len()];
    let linking = project
        .findings
        .iter()
        .enumerate()
        .filter(|(i, _)| site.is_published_finding(*i))
        .map(|(i, d)| ((Kind::Finding, i), &d.refs))
        .chain(
            project
                .pages
                .iter()
                .enumerate()
                .map(|(i, d)| ((Kind::Page, i), &d.refs)),
        );
    for (from, refs) in linking {
        for reference in refs.iter().filter(|r| r.kind == Kind::Finding) {
            if let Some(target) = site.lookup(Kind::Finding, &reference.id)
                && from != (Kind::Finding, target)
            {
                backlinks[target].insert(from);
            }
        }
    }
    site.finding_backlinks = backlinks
        .into_iter()
        .map(|s| s.into_iter().collect())
        .collect();
}
