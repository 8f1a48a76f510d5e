//! Quotes whose bodies embed themselves, directly or through other quotes,
//! and embeds that set quotes too deep: reported, and never set in place.

use super::depth::{self, MAX_EMBED_DEPTH};
use super::{PerQuote, Site};
use crate::diag::Diagnostic;
use crate::model::*;
use crate::source::Span;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// Finds quotes whose bodies embed themselves, directly or through other
/// quotes, reporting each embed that closes such a loop, and embeds that set
/// quotes more than [`MAX_EMBED_DEPTH`] deep; gives the quotes never set in
/// place.
pub(super) fn quote_embed_cycles(site: &Site, out: &mut Vec<Diagnostic>) -> PerQuote<bool> {
    let quotes = &site.project.quotes;
    let embeds: Vec<Vec<(usize, &Reference)>> = quotes
        .iter()
        .map(|quote| {
            quote
                .refs
                .iter()
                .filter(|r| r.embed && r.kind == Kind::Quote)
                .filter_map(|r| Some((site.lookup(Kind::Quote, &r.id)?, r)))
                .collect()
        })
        .collect();
    let graph: Vec<Vec<usize>> = embeds
        .iter()
        .map(|edges| edges.iter().map(|&(to, _)| to).collect())
        .collect();
    let component = strong_components(&graph);
    let mut cyclic = vec![false; quotes.len()];
    for (from, edges) in embeds.iter().enumerate() {
        for &(to, reference) in edges {
            if component[from] != component[to] && from != to {
                continue;
            }
            cyclic[from] = true;
            let path = embed_path(&graph, &component, to, from)
                .iter()
                .map(|&q| quotes[q].id.as_str())
                .collect::<Vec<_>>();
            let path = depth::shortened(&path);
            let id = &quotes[from].id;
            let message = if from == to {
                format!("quote `{id}` embeds itself")
            } else {
                format!(
                    "embedding quote `{}` here sets quote `{id}` inside itself ({id} → {path})",
                    reference.id
                )
            };
            out.push(
                Diagnostic::error("reference::embed-loop", message)
                    .at(Span::new(quotes[from].file, reference.range.clone()))
                    .label("this embed would never end")
                    .fix(format!(
                        "link to it instead, with `[](quote:{})`: a link does not set the quote's text in place",
                        reference.id
                    )),
            );
        }
    }
    let depths = depth::embed_depths(&graph, &cyclic);
    let mut refused = cyclic.clone();
    for (quote, &deep) in depths.iter().enumerate() {
        refused[quote] |= deep > MAX_EMBED_DEPTH;
    }
    // One message where a chain of embeds first goes too deep: the embed
    // of a quote already holding as many levels as are allowed.
    for (from, edges) in embeds.iter().enumerate() {
        for &(to, reference) in edges {
            if cyclic[from] || cyclic[to] || depths[to] != MAX_EMBED_DEPTH {
                continue;
            }
            let mut chain = vec![quotes[to].id.as_str()];
            let mut at = to;
            while let Some(&next) = graph[at]
                .iter()
                .filter(|&&next| !cyclic[next])
                .find(|&&next| depths[next] + 1 == depths[at])
            {
                chain.push(&quotes[next].id);
                at = next;
            }
            out.push(
                Diagnostic::error(
                    "reference::embed-too-deep",
                    format!(
                        "quotes would be set inside each other more than {MAX_EMBED_DEPTH} deep here: \
                         quote `{}` is already {} deep",
                        reference.id,
                        MAX_EMBED_DEPTH
                    ),
                )
                .at(Span::new(quotes[from].file, reference.range.clone()))
                .label("this embed makes one level too many")
                .note(format!("the quotes inside: {}", depth::shortened(&chain)))
                .fix(format!(
                    "link to it instead, with `[](quote:{})`, or set fewer quotes inside each other",
                    reference.id
                )),
            );
        }
    }
    depth::refuse_crowded(quotes, &embeds, &mut refused, out);
    refused.into_iter().collect()
}

/// The shortest path of embeds from `from` to `to` within one component
/// (both ends included).
fn embed_path(graph: &[Vec<usize>], component: &[usize], from: usize, to: usize) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::from([(from, from)]);
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            break;
        }
        for &next in &graph[at] {
            if component[next] == component[from] && !came_from.contains_key(&next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    let (mut path, mut at) = (vec![to], to);
    while at != from {
        let Some(&before) = came_from.get(&at) else {
            break;
        };
        path.push(before);
        at = before;
    }
    path.reverse();
    path
}

/// The strongly connected component of each node. petgraph's Kosaraju
/// walks with a stack of its own, not by recursion (its Tarjan recurses),
/// so a long chain of embeds cannot overflow the stack.
fn strong_components(graph: &[Vec<usize>]) -> Vec<usize> {
    let edges = graph.iter().map(Vec::len).sum();
    let mut embeds = DiGraph::<(), ()>::with_capacity(graph.len(), edges);
    for _ in graph {
        embeds.add_node(());
    }
    for (from, tos) in graph.iter().enumerate() {
        for &to in tos {
            embeds.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
        }
    }
    let mut component = vec![0; graph.len()];
    for (c, members) in kosaraju_scc(&embeds).into_iter().enumerate() {
        for member in members {
            component[member.index()] = c;
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strong_components;

    #[test]
    fn a_long_chain_ending_in_a_loop() {
        let n = 100_000;
        let mut graph: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        graph[n - 1] = vec![n - 3];
        let component = strong_components(&graph);
        assert_eq!(component[n - 1], component[n - 3]);
        assert_eq!(component[n - 2], component[n - 3]);
        assert_ne!(component[n - 4], component[n - 3]);
        let mut chain: Vec<usize> = component[..n - 3].to_vec();
        chain.sort_unstable();
        chain.dedup();
        assert_eq!(chain.len(), n - 3, "every node of the chain alone");
    }

    #[test]
    fn a_node_without_a_loop_is_alone() {
        let component = strong_components(&[vec![1], vec![2], vec![1], vec![]]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[0], component[1]);
        assert_ne!(component[3], component[1]);
    }
}
