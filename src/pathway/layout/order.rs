//! Crossing reduction: orders the items of every column (top to bottom) by
//! repeated barycentre sweeps, left to right and back, each followed by
//! swaps of neighbours, then a final sifting pass, from a few fixed
//! starting orders, keeping the order with the fewest crossings. Every
//! choice and tie is settled by position, never by chance, so the result
//! depends only on the input.

use super::Layered;

/// Rounds of sweeps (one left-to-right plus one right-to-left each), at most.
const ROUNDS: usize = 10;
/// Items beyond which only the first start is tried (both tie rules).
const LARGE: usize = 300;
/// Rounds without fewer crossings before giving up.
const STALE_ROUNDS: usize = 2;
/// Passes of neighbour swaps after each sweep, at most.
const SWAP_PASSES: usize = 8;
/// Ranks with more items than this are not sifted: sifting a rank of m items
/// costs m² times the links of each, and dense maps have ranks of hundreds
/// (each long edge adds an item to every rank it passes).
const SIFT_MAX: usize = 64;

/// Items of each rank, top to bottom.
pub type Orders = Vec<Vec<usize>>;

/// Orders the items of every rank so few links cross: improves three
/// starting orders (depth-first, depth-first from the last item, and the
/// first mirrored), each with ties kept or flipped first, and keeps the
/// best, the earliest on ties. Large graphs get the first start only.
pub fn minimise_crossings(graph: &Layered) -> Orders {
    let near = Neighbours::of(graph);
    let first = initial_orders(graph, &near, false);
    let mirrored: Orders = first
        .iter()
        .map(|o| o.iter().rev().copied().collect())
        .collect();
    let starts = [first, initial_orders(graph, &near, true), mirrored];
    let mut best: Option<(usize, Orders)> = None;
    let tries = starts
        .into_iter()
        .flat_map(|s| [(s.clone(), false), (s, true)]);
    let budget = if graph.items.len() > LARGE { 2 } else { 6 };
    for (start, flip_first) in tries.take(budget) {
        let (count, orders) = improve(graph, &near, start, flip_first);
        if best.as_ref().is_none_or(|(fewest, _)| count < *fewest) {
            best = Some((count, orders));
        }
    }
    best.map(|(_, orders)| orders).unwrap_or_default()
}

/// Sweeps and swaps from `orders`; the best order seen and its crossings.
fn improve(
    graph: &Layered,
    near: &Neighbours,
    mut orders: Orders,
    flip_first: bool,
) -> (usize, Orders) {
    let mut best = orders.clone();
    let mut best_crossings = crossings(graph, &orders);
    let mut stale = 0;
    for round in 0..ROUNDS {
        if best_crossings == 0 || stale == STALE_ROUNDS {
            break;
        }
        stale += 1;
        for towards_right in [true, false] {
            let flip_ties = (round % 2 == 1) != flip_first;
            sweep(&mut orders, near, graph.ranks, towards_right, flip_ties);
            swap_neighbours(&mut orders, near, graph.items.len());
            let count = crossings(graph, &orders);
            if count < best_crossings {
                best_crossings = count;
                best = orders.clone();
                stale = 0;
            }
        }
    }
    let mut polished = best.clone();
    sift(&mut polished, near, graph.items.len());
    swap_neighbours(&mut polished, near, graph.items.len());
    let count = crossings(graph, &polished);
    if count < best_crossings {
        return (count, polished);
    }
    (best_crossings, best)
}

/// Each item's neighbours in the rank before (`left`) and after (`right`).
struct Neighbours {
    left: Vec<Vec<usize>>,
    right: Vec<Vec<usize>>,
}

impl Neighbours {
    fn of(graph: &Layered) -> Neighbours {
        let n = graph.items.len();
        let mut near = Neighbours {
            left: vec![Vec::new(); n],
            right: vec![Vec::new(); n],
        };
        for link in &graph.links {
            near.right[link.left].push(link.right);
            near.left[link.right].push(link.left);
        }
        near
    }
}

/// Depth-first order from the items in input order (or from the last,
/// `backwards`): connected items start out close together.
fn initial_orders(graph: &Layered, near: &Neighbours, backwards: bool) -> Orders {
    let mut orders: Orders = vec![Vec::new(); graph.ranks];
    let mut seen = vec![false; graph.items.len()];
    let indices: Vec<usize> = if backwards {
        (0..graph.items.len()).rev().collect()
    } else {
        (0..graph.items.len()).collect()
    };
    let by_rank = (0..graph.ranks).flat_map(|r| {
        indices
            .iter()
            .copied()
            .filter(move |&i| graph.items[i].rank == r)
    });
    for root in by_rank {
        let mut stack = vec![root];
        while let Some(item) = stack.pop() {
            if seen[item] {
                continue;
            }
            seen[item] = true;
            orders[graph.items[item].rank].push(item);
            stack.extend(near.right[item].iter().rev().filter(|&&next| !seen[next]));
        }
    }
    orders
}

/// Position of every item within its rank.
fn positions(orders: &Orders, items: usize) -> Vec<usize> {
    let mut pos = vec![0; items];
    for order in orders {
        for (p, &item) in order.iter().enumerate() {
            pos[item] = p;
        }
    }
    pos
}

/// Re-sorts each rank by the mean position of its neighbours in the rank
/// just visited; items without such neighbours keep their places. Ties keep
/// their order, or reverse it when `flip_ties` (to escape local minima).
fn sweep(
    orders: &mut Orders,
    near: &Neighbours,
    ranks: usize,
    towards_right: bool,
    flip_ties: bool,
) {
    let items = near.left.len();
    let sequence: Vec<usize> = if towards_right {
        (1..ranks).collect()
    } else {
        (0..ranks.saturating_sub(1)).rev().collect()
    };
    let mut pos = positions(orders, items);
    for r in sequence {
        let fixed_side = if towards_right {
            &near.left
        } else {
            &near.right
        };
        let barycentre = |item: usize| -> Option<f64> {
            let side = &fixed_side[item];
            let sum: usize = side.iter().map(|&i| pos[i]).sum();
            (!side.is_empty()).then(|| sum as f64 / side.len() as f64)
        };
        let mut movable: Vec<(f64, usize)> = orders[r]
            .iter()
            .filter_map(|&item| barycentre(item).map(|b| (b, item)))
            .collect();
        movable.sort_by(|a, b| {
            let by_place = pos[a.1].cmp(&pos[b.1]);
            a.0.total_cmp(&b.0).then(if flip_ties {
                by_place.reverse()
            } else {
                by_place
            })
        });
        let mut sorted = movable.into_iter().map(|(_, item)| item);
        let mut order = orders[r].clone();
        for slot in order.iter_mut() {
            if barycentre(*slot).is_some() {
                *slot = sorted.next().unwrap_or(*slot);
            }
        }
        for (p, &item) in order.iter().enumerate() {
            pos[item] = p;
        }
        orders[r] = order;
    }
}

/// Swaps neighbouring items of a rank while that removes crossings.
fn swap_neighbours(orders: &mut Orders, near: &Neighbours, items: usize) {
    for _ in 0..SWAP_PASSES {
        let mut improved = false;
        let mut pos = positions(orders, items);
        for order in orders.iter_mut() {
            for j in 1..order.len() {
                let (upper, lower) = (order[j - 1], order[j]);
                let now = pair_crossings(upper, lower, near, &pos);
                let swapped = pair_crossings(lower, upper, near, &pos);
                if swapped < now {
                    order.swap(j - 1, j);
                    (pos[upper], pos[lower]) = (j, j - 1);
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Moves each item, one at a time, to the place in its rank where its
/// links cross fewest others (staying put on ties).
fn sift(orders: &mut Orders, near: &Neighbours, items: usize) {
    let mut pos = positions(orders, items);
    for order in orders.iter_mut().filter(|o| o.len() <= SIFT_MAX) {
        for item in order.clone() {
            let from = pos[item];
            let mut rest = order.clone();
            rest.remove(from);
            // Crossings of `item` with the rest when placed at the top, then
            // the change as it moves below each item in turn.
            let mut cost: isize = rest
                .iter()
                .map(|&v| pair_crossings(item, v, near, &pos) as isize)
                .sum();
            let (mut best_cost, mut best_place) = (isize::MAX, from);
            for place in 0..=rest.len() {
                if cost < best_cost || (cost == best_cost && place == from) {
                    (best_cost, best_place) = (cost, place);
                }
                if let Some(&v) = rest.get(place) {
                    cost += pair_crossings(v, item, near, &pos) as isize
                        - pair_crossings(item, v, near, &pos) as isize;
                }
            }
            rest.insert(best_place, item);
            for (p, &i) in rest.iter().enumerate() {
                pos[i] = p;
            }
            *order = rest;
        }
    }
}

/// Crossings between the links of `upper` and `lower` when `upper` is
/// directly above `lower`.
fn pair_crossings(upper: usize, lower: usize, near: &Neighbours, pos: &[usize]) -> usize {
    let count = |a: &[usize], b: &[usize]| -> usize {
        a.iter()
            .map(|&x| b.iter().filter(|&&y| pos[x] > pos[y]).count())
            .sum()
    };
    count(&near.left[upper], &near.left[lower]) + count(&near.right[upper], &near.right[lower])
}

/// Total crossings between all pairs of adjacent ranks, counted in
/// O(L log L) for L links (a dense map has tens of thousands, and counting
/// every pair made the layout grow with their square).
pub fn crossings(graph: &Layered, orders: &Orders) -> usize {
    let pos = positions(orders, graph.items.len());
    let mut by_rank: Vec<Vec<(usize, usize)>> = vec![Vec::new(); graph.ranks];
    for link in &graph.links {
        let rank = graph.items[link.left].rank;
        by_rank[rank].push((pos[link.left], pos[link.right]));
    }
    let widest = orders.iter().map(Vec::len).max().unwrap_or(0);
    let mut tree = vec![0usize; widest + 1];
    by_rank
        .iter_mut()
        .map(|links| inversions(links, &mut tree))
        .sum()
}

/// Pairs of `links` (left, right) with one strictly above the other on the
/// left and strictly below it on the right. `tree` is a zeroed Fenwick tree
/// over right positions, left zeroed.
fn inversions(links: &mut [(usize, usize)], tree: &mut [usize]) -> usize {
    links.sort_unstable();
    let mut count = 0;
    let mut inserted = 0;
    let mut start = 0;
    while start < links.len() {
        let left = links[start].0;
        let end = start + links[start..].iter().take_while(|l| l.0 == left).count();
        // Links met before start strictly above on the left: those strictly
        // below on the right cross.
        for &(_, right) in &links[start..end] {
            let mut at_or_above = 0;
            let mut i = right + 1;
            while i > 0 {
                at_or_above += tree[i - 1];
                i &= i - 1;
            }
            count += inserted - at_or_above;
        }
        for &(_, right) in &links[start..end] {
            let mut i = right + 1;
            while i <= tree.len() {
                tree[i - 1] += 1;
                i += i & i.wrapping_neg();
            }
            inserted += 1;
        }
        start = end;
    }
    for &(_, right) in links.iter() {
        let mut i = right + 1;
        while i <= tree.len() {
            tree[i - 1] = 0;
            i += i & i.wrapping_neg();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::inversions;

    /// Every pair, as crossings were first counted.
    fn by_pairs(links: &[(usize, usize)]) -> usize {
        let mut count = 0;
        for (i, a) in links.iter().enumerate() {
            for b in &links[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    count += 1;
                }
            }
        }
        count
    }

    #[test]
    fn counting_by_tree_agrees_with_every_pair() {
        let mut seed = 12345u64;
        for case in 0..200 {
            let width = 1 + case % 13;
            let links: Vec<(usize, usize)> = (0..case % 40)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    let a = (seed >> 33) as usize % width;
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (a, (seed >> 33) as usize % width)
                })
                .collect();
            let mut tree = vec![0; width + 1];
            let expected = by_pairs(&links);
            assert_eq!(
                inversions(&mut links.clone(), &mut tree),
                expected,
                "{links:?}"
            );
            assert!(tree.iter().all(|&t| t == 0), "the tree is left zeroed");
        }
    }
}
