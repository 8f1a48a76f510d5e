//! The codebook as a tree in reading order (parents checked, too deep
//! reported), and boroughs and pathway maps in menu order.

use super::depth;
use super::{BoroughIx, CodeIx, PathwayIx, Site};
use crate::diag::Diagnostic;
use crate::parse::Project;
use crate::yaml::Yaml;
use std::collections::{BTreeMap, HashMap};

pub(super) fn order_codes(site: &mut Site, out: &mut Vec<Diagnostic>) {
    let project = site.project;
    let codes = &project.codes;
    // The depth walks work on plain indexes of the codes.
    let parents: Vec<Option<usize>> = CodeIx::all(codes.len())
        .map(|c| site.code_parent(c).map(|parent| parent.0))
        .collect();
    let levels = depth::code_levels(&parents);
    let parent_span = |code: usize| {
        let doc = &codes[code];
        let yaml = Yaml::new(doc.file, project.sources.get(doc.file), doc.yaml.clone());
        yaml.value_span("parent", doc.meta.parent.as_deref().unwrap_or(""))
    };
    for circle in &levels.circles {
        // Each code of the circle, with the circle read from it.
        for turn in 0..circle.len() {
            let mut names: Vec<&str> = circle[turn..]
                .iter()
                .chain(&circle[..turn])
                .map(|&i| codes[i].id.as_str())
                .collect();
            names.push(&codes[circle[turn]].id);
            out.push(
                Diagnostic::error(
                    "codebook::parent-cycle",
                    format!(
                        "the codebook's parents go round in a circle: {}",
                        depth::shortened(&names)
                    ),
                )
                .at(parent_span(circle[turn]))
                .label("this parent leads back to this code")
                .fix("remove or change one `parent:` so the codebook is a tree"),
            );
        }
    }
    // One message where a chain of parents first goes too deep.
    for (code, &level) in levels.level.iter().enumerate() {
        if level != depth::MAX_CODE_DEPTH + 1 {
            continue;
        }
        let mut chain = vec![codes[code].id.as_str()];
        let mut at = code;
        while let Some(parent) = parents[at].filter(|_| chain.len() < level) {
            chain.push(&codes[parent].id);
            at = parent;
        }
        out.push(
            Diagnostic::error(
                "codebook::too-deep",
                format!(
                    "code `{}` is {} levels deep in the codebook; at most {} are allowed",
                    codes[code].id,
                    level,
                    depth::MAX_CODE_DEPTH
                ),
            )
            .at(parent_span(code))
            .label(format!("this parent puts it at level {level}"))
            .note(format!("its parents: {}", depth::shortened(&chain)))
            .fix("give it (or a code above it) a `parent:` nearer the top of the codebook"),
        );
    }
    let in_cycle = &levels.detached;
    let mut children: BTreeMap<Option<CodeIx>, Vec<CodeIx>> = BTreeMap::new();
    for (code, &cycle) in CodeIx::all(codes.len()).zip(in_cycle) {
        let parent = if cycle { None } else { site.code_parent(code) };
        children.entry(parent).or_default().push(code);
    }
    for list in children.values_mut() {
        list.sort_by(|&a, &b| {
            (
                codes[a].meta.order.unwrap_or(i64::MAX),
                &codes[a].meta.title,
            )
                .cmp(&(
                    codes[b].meta.order.unwrap_or(i64::MAX),
                    &codes[b].meta.title,
                ))
        });
    }
    site.code_children = children;
}

/// The boroughs in the order the site lists them: by `order:`, then title.
pub fn borough_order(project: &Project) -> Vec<BoroughIx> {
    let boroughs = &project.boroughs;
    let mut order: Vec<BoroughIx> = BoroughIx::all(boroughs.len()).collect();
    order.sort_by(|&a, &b| {
        (
            boroughs[a].meta.order.unwrap_or(i64::MAX),
            &boroughs[a].meta.title,
        )
            .cmp(&(
                boroughs[b].meta.order.unwrap_or(i64::MAX),
                &boroughs[b].meta.title,
            ))
    });
    order
}

pub(super) fn order_boroughs_and_pathways(site: &mut Site) {
    let boroughs = &site.project.boroughs;
    let order = borough_order(site.project);
    let rank: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(r, &b)| (boroughs[b].id.as_str(), r))
        .collect();
    let mut types: Vec<(String, Vec<PathwayIx>)> = Vec::new();
    for (i, pathway) in PathwayIx::all(site.project.pathways.len()).zip(&site.project.pathways) {
        match types.iter_mut().find(|(t, _)| *t == pathway.meta.pathway) {
            Some((_, list)) => list.push(i),
            None => types.push((pathway.meta.pathway.clone(), vec![i])),
        }
    }
    let pathways = &site.project.pathways;
    for (_, list) in &mut types {
        list.sort_by_key(|&p| {
            rank.get(pathways[p].meta.borough.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
    }
    site.borough_order = order;
    site.pathway_types = types;
}
