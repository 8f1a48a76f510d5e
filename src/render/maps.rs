//! Pathway maps for the pages: the drawing's input (with numbered friction
//! markers linking to findings), the text alternative, and the comparison of
//! one pathway type across boroughs. The drawing itself is `crate::pathway`.

use super::links::{At, Link};
use super::urls;
use super::views::{humanise, label};
use crate::model::{FindingKind, Kind, Pathway};
use crate::pathway;
use crate::resolve::PathwayIx;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub label: String,
    pub sector: String,
    pub markers: Vec<KeyEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Handoff {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    pub markers: Vec<KeyEntry>,
}

/// A finding's marker: its number, its link, and whether it is a strength.
#[derive(Debug, Clone, Serialize)]
pub struct KeyEntry {
    pub number: usize,
    pub finding: Link,
    pub strength: bool,
}

/// The numbers given to findings on one page's maps: a finding has one
/// number on every map of a comparison page.
#[derive(Debug, Default)]
pub struct Numbering(Vec<(String, KeyEntry)>);

/// A drawn map with its text alternative and marker key.
#[derive(Debug, Clone, Serialize)]
pub struct MapView {
    pub id: String,
    pub title: String,
    pub url: String,
    pub borough: Option<Link>,
    pub pathway_type: String,
    pub compare_url: String,
    pub svg: String,
    pub steps: Vec<Step>,
    pub handoffs: Vec<Handoff>,
    pub key: Vec<KeyEntry>,
    /// Whether any marker is friction, and any a strength (for the key's heading).
    pub frictions: bool,
    pub strengths: bool,
}

/// A sector as the key names it: `social-care` → "Social care"; other
/// words as written, made readable.
fn sector_label(sector: &str) -> String {
    pathway::SECTORS
        .iter()
        .find(|(key, _)| *key == sector)
        .map_or_else(|| humanise(sector), |(_, name)| name.to_string())
}

/// `admission-avoidance` → `Admission avoidance`.
pub fn type_title(pathway_type: &str) -> String {
    super::views::humanise(pathway_type)
}

/// Numbers the published findings of a map in the order they first
/// appear, after those `numbering` has numbered already; returns the map's
/// own (with the numbers they have on the page).
fn number_findings(
    at: &At,
    pathway: &Pathway,
    numbering: &mut Numbering,
) -> Vec<(String, KeyEntry)> {
    let mut key: Vec<(String, KeyEntry)> = Vec::new();
    let nodes = pathway.meta.nodes.iter().flat_map(|n| n.findings.iter());
    let edges = pathway.meta.edges.iter().flat_map(|e| e.findings.iter());
    for id in nodes.chain(edges) {
        if key.iter().any(|(k, _)| k == id) {
            continue;
        }
        if let Some((_, entry)) = numbering.0.iter().find(|(k, _)| k == id) {
            key.push((id.clone(), entry.clone()));
            continue;
        }
        let Some(f) = at.site.finding(id) else {
            continue;
        };
        if let Some(finding) = at.link(Kind::Finding, id) {
            let entry = KeyEntry {
                number: numbering.0.len() + 1,
                finding,
                strength: at.site.project.findings[f].meta.kind == FindingKind::Strength,
            };
            numbering.0.push((id.clone(), entry.clone()));
            key.push((id.clone(), entry));
        }
    }
    key.sort_by_key(|(_, entry)| entry.number);
    key
}

fn markers(ids: &[String], key: &[(String, KeyEntry)]) -> Vec<pathway::Marker> {
    key.iter()
        .filter(|(id, _)| ids.contains(id))
        .map(|(_, entry)| pathway::Marker {
            number: entry.number,
            href: entry.finding.url().to_string(),
            title: entry.finding.title().to_string(),
            strength: entry.strength,
        })
        .collect()
}

fn entries(ids: &[String], key: &[(String, KeyEntry)]) -> Vec<KeyEntry> {
    key.iter()
        .filter(|(id, _)| ids.contains(id))
        .map(|(_, entry)| entry.clone())
        .collect()
}

/// The map, its text alternative and key, with links relative to `at`.
pub fn map_view(at: &At, index: PathwayIx) -> MapView {
    map_view_numbered(at, index, &mut Numbering::default())
}

/// [`map_view`], numbering findings after those of the page's other maps.
pub fn map_view_numbered(at: &At, index: PathwayIx, numbering: &mut Numbering) -> MapView {
    let pathway = &at.site.project.pathways[index];
    let meta = &pathway.meta;
    let key = number_findings(at, pathway, numbering);
    let position = |id: &str| meta.nodes.iter().position(|n| n.id == id);
    let nodes: Vec<pathway::MapNode> = meta
        .nodes
        .iter()
        .map(|n| pathway::MapNode {
            id: n.id.clone(),
            label: label(&n.label).into_owned(),
            sector: n.sector.clone(),
            markers: markers(&n.findings, &key),
        })
        .collect();
    let edges: Vec<pathway::MapEdge> = meta
        .edges
        .iter()
        .filter_map(|e| {
            Some(pathway::MapEdge {
                from: position(&e.from)?,
                to: position(&e.to)?,
                label: e.label.as_deref().map(|l| label(l).into_owned()),
                markers: markers(&e.findings, &key),
            })
        })
        .collect();
    let borough = at.link(Kind::Borough, &meta.borough);
    let description = format!(
        "{} pathway in {}: {} steps and {} hand-offs, described in the list after the map.",
        type_title(&meta.pathway),
        borough
            .as_ref()
            .map_or(meta.borough.as_str(), |b| b.title()),
        nodes.len(),
        edges.len()
    );
    let steps = nodes
        .iter()
        .zip(&meta.nodes)
        .map(|(n, written)| Step {
            label: n.label.clone(),
            sector: sector_label(&n.sector),
            markers: entries(&written.findings, &key),
        })
        .collect();
    let written_edges = meta
        .edges
        .iter()
        .filter(|e| position(&e.from).is_some() && position(&e.to).is_some());
    let handoffs = edges
        .iter()
        .zip(written_edges)
        .map(|(e, written)| Handoff {
            from: nodes[e.from].label.clone(),
            to: nodes[e.to].label.clone(),
            label: e.label.clone(),
            markers: entries(&written.findings, &key),
        })
        .collect();
    let frictions = key.iter().any(|(_, entry)| !entry.strength);
    let strengths = key.iter().any(|(_, entry)| entry.strength);
    let map = pathway::Map {
        title: label(&meta.title).into_owned(),
        description,
        nodes,
        edges,
    };
    MapView {
        id: pathway.id.clone(),
        title: label(&meta.title).into_owned(),
        url: format!("{}{}", at.root, urls::of(Kind::Pathway, &pathway.id)),
        borough,
        pathway_type: type_title(&meta.pathway),
        compare_url: format!("{}{}", at.root, urls::compare(&meta.pathway)),
        svg: pathway::draw(&map),
        steps,
        handoffs,
        key: key.into_iter().map(|(_, entry)| entry).collect(),
        frictions,
        strengths,
    }
}

/// A row of the steps × boroughs table on a comparison page.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub step: String,
    /// The label used in each borough's map, or `None` where the step is absent.
    pub cells: Vec<Option<String>>,
    /// Present in some boroughs and not others.
    pub partial: bool,
}

/// Steps matched across maps by node id, in order of first appearance.
pub fn compare_rows(at: &At, pathways: &[PathwayIx]) -> Vec<CompareRow> {
    let project = at.site.project;
    let mut ids: Vec<(&str, &str)> = Vec::new();
    // (node id, its first label)
    for &p in pathways {
        for node in &project.pathways[p].meta.nodes {
            if !ids.iter().any(|(id, _)| *id == node.id) {
                ids.push((&node.id, &node.label));
            }
        }
    }
    ids.into_iter()
        .map(|(id, step)| {
            let cells: Vec<Option<String>> = pathways
                .iter()
                .map(|&p| {
                    project.pathways[p]
                        .meta
                        .nodes
                        .iter()
                        .find(|n| n.id == id)
                        .map(|n| label(&n.label).into_owned())
                })
                .collect();
            let present = cells.iter().filter(|c| c.is_some()).count();
            CompareRow {
                step: label(step).into_owned(),
                partial: present < cells.len(),
                cells,
            }
        })
        .collect()
}
