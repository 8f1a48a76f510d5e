//! Layer assignment: breaks cycles by reversing the back edges of a
//! depth-first search, then gives every node a layer (column) by longest
//! path, moving nodes with more outgoing than incoming edges next to their
//! targets.

/// The layers of the nodes and which edges were reversed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    /// Layer of each node, from 0.
    pub rank: Vec<usize>,
    /// Per edge: laid out from `to` to `from` because it closes a cycle.
    pub back: Vec<bool>,
}

/// Ranks `n` nodes joined by `edges` (pairs of node indices; self-loops and
/// out-of-range pairs are ignored).
pub fn assign(n: usize, edges: &[(usize, usize)]) -> Ranking {
    let usable: Vec<bool> = edges
        .iter()
        .map(|&(a, b)| a != b && a < n && b < n)
        .collect();
    let back = back_edges(n, edges, &usable);
    let forward: Vec<(usize, usize)> = edges
        .iter()
        .zip(&usable)
        .zip(&back)
        .filter(|((_, usable), _)| **usable)
        .map(|((&(a, b), _), &back)| if back { (b, a) } else { (a, b) })
        .collect();
    let order = topological_order(n, &forward);
    let mut rank = longest_path(n, &forward, &order);
    pull_towards_targets(&mut rank, &forward, &order);
    let lowest = rank.iter().copied().min().unwrap_or(0);
    rank.iter_mut().for_each(|r| *r -= lowest);
    Ranking { rank, back }
}

/// Edges closing a cycle, found by a depth-first search that starts from
/// nodes without incoming edges, then from the others, all in input order.
fn back_edges(n: usize, edges: &[(usize, usize)], usable: &[bool]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_incoming = vec![false; n];
    for (e, &(a, b)) in edges.iter().enumerate() {
        if usable[e] {
            out[a].push(e);
            has_incoming[b] = true;
        }
    }
    let roots = (0..n).filter(|&v| !has_incoming[v]).chain(0..n);
    let mut state = vec![Visit::New; n];
    let mut back = vec![false; edges.len()];
    for root in roots {
        if state[root] != Visit::New {
            continue;
        }
        state[root] = Visit::Open;
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            let Some(&edge) = out[node].get(next) else {
                state[node] = Visit::Done;
                stack.pop();
                continue;
            };
            top.1 += 1;
            let target = edges[edge].1;
            match state[target] {
                Visit::New => {
                    state[target] = Visit::Open;
                    stack.push((target, 0));
                }
                Visit::Open => back[edge] = true,
                Visit::Done => {}
            }
        }
    }
    back
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    Open,
    Done,
}

/// Nodes of the acyclic graph in topological order, smallest index first
/// among the ready ones.
fn topological_order(n: usize, forward: &[(usize, usize)]) -> Vec<usize> {
    let mut incoming = vec![0usize; n];
    for &(_, b) in forward {
        incoming[b] += 1;
    }
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        let Some(next) = (0..n).find(|&v| !done[v] && incoming[v] == 0) else {
            break;
        };
        done[next] = true;
        order.push(next);
        for &(a, b) in forward {
            if a == next {
                incoming[b] -= 1;
            }
        }
    }
    order
}

/// Each node one layer after its latest predecessor.
fn longest_path(n: usize, forward: &[(usize, usize)], order: &[usize]) -> Vec<usize> {
    let mut rank = vec![0usize; n];
    for &v in order {
        for &(a, b) in forward {
            if a == v {
                rank[b] = rank[b].max(rank[v] + 1);
            }
        }
    }
    rank
}

/// Moves a node with more outgoing than incoming edges right, to just
/// before its nearest target: shorter edges, sources next to what they feed.
fn pull_towards_targets(rank: &mut [usize], forward: &[(usize, usize)], order: &[usize]) {
    for &v in order.iter().rev() {
        let ins = forward.iter().filter(|&&(_, b)| b == v).count();
        let targets = forward
            .iter()
            .filter(|&&(a, _)| a == v)
            .map(|&(_, b)| rank[b]);
        let outs = targets.clone().count();
        if outs > ins
            && let Some(nearest) = targets.min()
        {
            rank[v] = rank[v].max(nearest - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_takes_one_layer_per_step() {
        let ranking = assign(4, &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(ranking.rank, [0, 1, 2, 3]);
        assert_eq!(ranking.back, [false; 3]);
    }

    #[test]
    fn readmission_closes_a_cycle_as_a_back_edge() {
        let ranking = assign(4, &[(3, 0), (0, 1), (1, 2), (2, 3)]);
        assert_eq!(ranking.rank, [0, 1, 2, 3]);
        assert_eq!(ranking.back, [true, false, false, false]);
    }

    #[test]
    fn a_late_source_sits_next_to_its_target() {
        let ranking = assign(4, &[(0, 1), (1, 2), (3, 2)]);
        assert_eq!(ranking.rank, [0, 1, 2, 1]);
    }

    #[test]
    fn self_loops_and_bad_indices_are_ignored() {
        let ranking = assign(2, &[(0, 0), (0, 7), (0, 1)]);
        assert_eq!(ranking.rank, [0, 1]);
        assert_eq!(ranking.back, [false; 3]);
    }

    #[test]
    fn every_forward_edge_goes_to_a_later_layer() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 1), (4, 4), (4, 0)];
        let ranking = assign(5, &edges);
        for (&(a, b), &back) in edges.iter().zip(&ranking.back) {
            if a != b {
                let (from, to) = if back { (b, a) } else { (a, b) };
                assert!(ranking.rank[to] > ranking.rank[from], "{a}->{b}");
            }
        }
    }
}
