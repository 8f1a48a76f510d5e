//! Coordinates: the vertical position of every item, found by pulling each
//! towards the weighted mean of its neighbours while its column keeps its
//! order and gaps (an isotonic regression per column, over many rounds), and
//! the x of every column from the widest item in it and the channel of
//! free space before the next.

use super::order::Orders;
use super::{Kind, Layered};
use crate::pathway::metrics::{MARGIN, PORT_GAP, STRAIGHT_END};

/// Rounds of column updates (alternating direction).
const ROUNDS: usize = 120;
/// Room for the curves in a channel between columns (besides the straight
/// ends next to boxes): at least the minimum, wider where links climb far,
/// at most the maximum.
const MIN_CURVE: f64 = 16.0;
const MAX_CURVE: f64 = 100.0;
const CURVE_PER_CLIMB: f64 = 0.6;
/// Climbs up to this high get as much room as they climb.
const FULL_ROOM_CLIMB: f64 = 40.0;
/// How hard a back edge's dummies push the items they are stacked against,
/// relative to others: they give way, so the main flow stays level.
const BACK_STIFFNESS: f64 = 0.01;
/// Steps between edge points up to this high are levelled where room allows.
const SNAP: f64 = 16.0;
const STRAIGHTEN_PASSES: usize = 4;

/// Width a channel needs for curves climbing `climb`: as much as the climb
/// for small ones (no steep hooks), less for big ones.
fn curve_room(climb: f64) -> f64 {
    let room = climb.min(FULL_ROOM_CLIMB).max(climb * CURVE_PER_CLIMB);
    room.clamp(MIN_CURVE, MAX_CURVE)
}

/// A column of the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub x: f64,
    pub w: f64,
}

impl Column {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
}

/// Vertical gap between two stacked items of a column.
fn gap(upper: Kind, lower: Kind) -> f64 {
    match (upper, lower) {
        (Kind::Node(_), Kind::Node(_)) => 26.0,
        (Kind::Node(_), _) | (_, Kind::Node(_)) => 16.0,
        _ => 10.0,
    }
}

/// How strongly a link pulls its ends level: long edges most.
fn pull(a: Kind, b: Kind) -> f64 {
    match (a, b) {
        (Kind::Node(_), _) | (_, Kind::Node(_)) => 1.0,
        _ => 8.0,
    }
}

/// A neighbour pulling an item: its index, the pull, and what to add to the
/// neighbour's anchor y to get the item's with their link level (the
/// difference of the link's port offsets).
#[derive(Debug, Clone, Copy)]
struct Pull {
    other: usize,
    weight: f64,
    shift: f64,
}

/// What pulls each item. Back edges follow the boxes but never pull them,
/// so the main flow stays level.
fn pulls(graph: &Layered, orders: &Orders) -> Vec<Vec<Pull>> {
    let items = &graph.items;
    let is_node = |i: usize| matches!(items[i].kind, Kind::Node(_));
    let mut near: Vec<Vec<Pull>> = vec![Vec::new(); items.len()];
    for (link, (left_port, right_port)) in graph.links.iter().zip(port_offsets(graph, orders)) {
        let weight = pull(items[link.left].kind, items[link.right].kind);
        let shift = right_port - left_port;
        if !(link.back && is_node(link.left)) {
            let other = link.right;
            near[link.left].push(Pull {
                other,
                weight,
                shift,
            });
        }
        if !(link.back && is_node(link.right)) {
            let other = link.left;
            near[link.right].push(Pull {
                other,
                weight,
                shift: -shift,
            });
        }
    }
    near
}

/// The y of every item's anchor (whole units), the topmost footprint at
/// about the margin.
pub fn vertical(graph: &Layered, orders: &Orders) -> Vec<f64> {
    let items = &graph.items;
    let near = pulls(graph, orders);
    let mut y = stacked(graph, orders);
    for round in 0..ROUNDS {
        let ranks: Vec<usize> = if round % 2 == 0 {
            (0..orders.len()).collect()
        } else {
            (0..orders.len()).rev().collect()
        };
        for r in ranks {
            place_column(graph, &orders[r], &near, &mut y);
        }
    }
    straighten(graph, orders, &mut y);
    let top = (0..items.len())
        .map(|i| y[i] - items[i].anchor)
        .fold(f64::INFINITY, f64::min);
    if top.is_finite() {
        // Whole units: boxes the regression left a fraction apart line up.
        y.iter_mut().for_each(|v| *v = (*v + MARGIN - top).round());
    }
    y
}

/// Nominal port offsets from the anchor at both ends of every link: the
/// links on one side of a box spread `PORT_GAP` apart around its middle in
/// the order of their other ends; other items have a single point. Back
/// edges are left out, as they do not pull boxes.
fn port_offsets(graph: &Layered, orders: &Orders) -> Vec<(f64, f64)> {
    let mut pos = vec![0; graph.items.len()];
    for order in orders {
        for (p, &item) in order.iter().enumerate() {
            pos[item] = p;
        }
    }
    let mut offsets = vec![(0.0, 0.0); graph.links.len()];
    let spread = |mut side: Vec<(usize, usize)>| -> Vec<(usize, f64)> {
        side.sort_unstable();
        let middle = side.len().saturating_sub(1) as f64 / 2.0;
        side.iter()
            .enumerate()
            .map(|(i, &(_, l))| (l, (i as f64 - middle) * PORT_GAP))
            .collect()
    };
    for (node, item) in graph.items.iter().enumerate() {
        if !matches!(item.kind, Kind::Node(_)) {
            continue;
        }
        let links = graph.links.iter().enumerate();
        let right = links
            .clone()
            .filter(|(_, l)| l.left == node && !l.back)
            .map(|(i, l)| (pos[l.right], i));
        for (l, offset) in spread(right.collect()) {
            offsets[l].0 = offset;
        }
        let left = links
            .filter(|(_, l)| l.right == node && !l.back)
            .map(|(i, l)| (pos[l.left], i));
        for (l, offset) in spread(left.collect()) {
            offsets[l].1 = offset;
        }
    }
    offsets
}

/// Levels links between edge points that the regression left slightly
/// apart (small steps read as wobbles), wherever the columns leave room.
fn straighten(graph: &Layered, orders: &Orders, y: &mut [f64]) {
    let mut place = vec![(0, 0); graph.items.len()];
    for (r, order) in orders.iter().enumerate() {
        for (p, &item) in order.iter().enumerate() {
            place[item] = (r, p);
        }
    }
    let fits = |item: usize, at: f64, y: &[f64]| {
        let (r, p) = place[item];
        let order = &orders[r];
        let above = p.checked_sub(1).map(|q| order[q]);
        let below = order.get(p + 1).copied();
        above.is_none_or(|a| at - y[a] >= separation(graph, a, item) - 1e-9)
            && below.is_none_or(|b| y[b] - at >= separation(graph, item, b) - 1e-9)
    };
    let is_node = |i: usize| matches!(graph.items[i].kind, Kind::Node(_));
    for _ in 0..STRAIGHTEN_PASSES {
        for link in &graph.links {
            let (a, b) = (link.left, link.right);
            let step = (y[b] - y[a]).abs();
            if is_node(a) || is_node(b) || step == 0.0 || step > SNAP {
                continue;
            }
            if fits(b, y[a], y) {
                y[b] = y[a];
            } else if fits(a, y[b], y) {
                y[a] = y[b];
            }
        }
    }
}

/// Minimum distance between the anchors of `upper` and `lower` stacked.
fn separation(graph: &Layered, upper: usize, lower: usize) -> f64 {
    let (a, b) = (&graph.items[upper], &graph.items[lower]);
    (a.height - a.anchor) + b.anchor + gap(a.kind, b.kind)
}

/// Every column stacked from the top.
fn stacked(graph: &Layered, orders: &Orders) -> Vec<f64> {
    let mut y = vec![0.0; graph.items.len()];
    for order in orders {
        let Some(&first) = order.first() else {
            continue;
        };
        y[first] = graph.items[first].anchor;
        for pair in order.windows(2) {
            y[pair[1]] = y[pair[0]] + separation(graph, pair[0], pair[1]);
        }
    }
    y
}

/// Moves a column's items as close to their neighbours' weighted mean as
/// the order and gaps allow (least squares).
fn place_column(graph: &Layered, order: &[usize], near: &[Vec<Pull>], y: &mut [f64]) {
    let mut offsets = Vec::with_capacity(order.len());
    let mut offset = 0.0;
    for (i, &item) in order.iter().enumerate() {
        if i > 0 {
            offset += separation(graph, order[i - 1], item);
        }
        offsets.push(offset);
    }
    let (targets, weights): (Vec<f64>, Vec<f64>) = order
        .iter()
        .zip(&offsets)
        .map(|(&item, offset)| {
            let weight: f64 = near[item].iter().map(|p| p.weight).sum();
            if weight == 0.0 {
                return (y[item] - offset, 1.0);
            }
            let mean = near[item]
                .iter()
                .map(|p| p.weight * (y[p.other] + p.shift))
                .sum::<f64>()
                / weight;
            let stiffness = if graph.items[item].back {
                BACK_STIFFNESS
            } else {
                1.0
            };
            (mean - offset, weight * stiffness)
        })
        .unzip();
    let solved = isotonic(&targets, &weights);
    for ((&item, offset), z) in order.iter().zip(&offsets).zip(solved) {
        y[item] = z + offset;
    }
}

/// Weighted least-squares non-decreasing fit (pool adjacent violators).
pub fn isotonic(targets: &[f64], weights: &[f64]) -> Vec<f64> {
    // Blocks of pooled values: (weighted sum, total weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(targets.len());
    for (&t, &w) in targets.iter().zip(weights) {
        blocks.push((t * w, w, 1));
        while blocks.len() >= 2 {
            let (last, before) = (blocks[blocks.len() - 1], blocks[blocks.len() - 2]);
            if before.0 / before.1 <= last.0 / last.1 {
                break;
            }
            blocks.pop();
            let merged = blocks.last_mut().expect("two blocks");
            *merged = (merged.0 + last.0, merged.1 + last.1, merged.2 + last.2);
        }
    }
    blocks
        .iter()
        .flat_map(|&(sum, weight, count)| std::iter::repeat_n(sum / weight, count))
        .collect()
}

/// The columns left to right: each as wide as its widest item, channels
/// with room for straight ends by the boxes (every channel borders one
/// column of boxes) and wider where links climb far (`ends`: each link's y
/// at both ends).
pub fn columns(graph: &Layered, ends: &[(f64, f64)]) -> Vec<Column> {
    let mut widths = vec![0.0f64; graph.ranks];
    for item in &graph.items {
        widths[item.rank] = widths[item.rank].max(item.width);
    }
    let mut climbs = vec![0.0f64; graph.ranks];
    for (link, (from, to)) in graph.links.iter().zip(ends) {
        let rank = graph.items[link.left].rank;
        climbs[rank] = climbs[rank].max((from - to).abs());
    }
    let mut x = MARGIN;
    let mut columns = Vec::with_capacity(graph.ranks);
    for (w, climb) in widths.into_iter().zip(climbs) {
        columns.push(Column { x, w });
        x += w + STRAIGHT_END + curve_room(climb);
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::isotonic;

    #[test]
    fn isotonic_keeps_ordered_targets() {
        assert_eq!(isotonic(&[1.0, 2.0, 3.0], &[1.0; 3]), [1.0, 2.0, 3.0]);
    }

    #[test]
    fn isotonic_pools_violators_by_weight() {
        assert_eq!(isotonic(&[3.0, 1.0], &[1.0, 3.0]), [1.5, 1.5]);
        assert_eq!(isotonic(&[0.0, 4.0, 2.0], &[1.0; 3]), [0.0, 3.0, 3.0]);
    }
}
