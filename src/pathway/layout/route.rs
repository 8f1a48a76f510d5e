//! Edge routes through the layered graph: ports spread along box sides in
//! the order of what they lead to, horizontal runs through columns that hold
//! boxes or labels, and cubic S-curves across the box-free bands between
//! them (channels, and columns that hold only edges). No route crosses a
//! box or a label.

use super::Layered;
use super::position::{Column, isotonic};
use crate::pathway::Rect;
use crate::pathway::metrics::{PORT_GAP, STRAIGHT_END};

/// Distance kept between a port and its box's corners.
const PORT_INSET: f64 = 8.0;
/// Distance kept between a curve and the boxes and labels it passes.
const CLEARANCE: f64 = 6.0;

type Point = (f64, f64);

/// The placed graph that routes are drawn through.
pub struct Frame<'a> {
    pub graph: &'a Layered,
    /// Anchor y of every item.
    pub y: &'a [f64],
    pub columns: &'a [Column],
    /// Boxes of the real nodes (items `0..boxes.len()`).
    pub boxes: &'a [Rect],
    /// What routes must not cross: boxes with their strips, and label slots.
    pub obstacles: &'a [Rect],
}

/// The y where each link leaves its left item and enters its right item:
/// an item's anchor, or a port on a side of its box (only the boxes' y and
/// height matter).
pub fn link_ends(graph: &Layered, y: &[f64], boxes: &[Rect]) -> Vec<(f64, f64)> {
    let mut ends: Vec<(f64, f64)> = graph
        .links
        .iter()
        .map(|l| (y[l.left], y[l.right]))
        .collect();
    for (node, bx) in boxes.iter().enumerate() {
        let leaving: Vec<usize> = (0..graph.links.len())
            .filter(|&l| graph.links[l].left == node)
            .collect();
        let towards: Vec<f64> = leaving.iter().map(|&l| y[graph.links[l].right]).collect();
        for (&l, port) in leaving.iter().zip(ports(bx, &towards)) {
            ends[l].0 = port;
        }
        let entering: Vec<usize> = (0..graph.links.len())
            .filter(|&l| graph.links[l].right == node)
            .collect();
        let towards: Vec<f64> = entering.iter().map(|&l| y[graph.links[l].left]).collect();
        for (&l, port) in entering.iter().zip(ports(bx, &towards)) {
            ends[l].1 = port;
        }
    }
    ends
}

/// Ports on one side of a box for links heading to `towards` (their other
/// ends' y, in link order): as level with the other end as possible, in the
/// same top-to-bottom order, `PORT_GAP` apart and clear of the corners.
fn ports(bx: &Rect, towards: &[f64]) -> Vec<f64> {
    let k = towards.len();
    if k == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| towards[a].total_cmp(&towards[b]).then(a.cmp(&b)));
    let mut gap = PORT_GAP;
    let mut low = bx.y + PORT_INSET;
    let span = (k - 1) as f64 * gap;
    if span > bx.h - 2.0 * PORT_INSET {
        low = bx.y + 2.0;
        gap = (bx.h - 4.0) / (k - 1) as f64;
    }
    let high = bx.y + bx.h - (low - bx.y) - (k - 1) as f64 * gap;
    let targets: Vec<f64> = order
        .iter()
        .enumerate()
        .map(|(i, &link)| (towards[link] - i as f64 * gap).clamp(low, high.max(low)))
        .collect();
    let fitted = isotonic(&targets, &vec![1.0; k]);
    let mut result = vec![0.0; k];
    for (i, (&link, z)) in order.iter().zip(fitted).enumerate() {
        result[link] = z + i as f64 * gap;
    }
    result
}

/// The route of an edge along `links` (left to right), as a cubic chain.
pub fn chain(frame: &Frame, ends: &[(f64, f64)], links: &[usize]) -> Vec<Point> {
    cubic_chain(&waypoints(frame, ends, links))
}

/// A stretch where a route runs level, from `x0` to `x1` at `y`.
#[derive(Debug, Clone, Copy)]
struct Run {
    x0: f64,
    x1: f64,
    y: f64,
}

/// Where the route runs level: out of the source box a little past its
/// column, across the columns it passes that hold boxes or labels, and
/// from a little before the target's column into the target box; as ends
/// of level runs.
fn waypoints(frame: &Frame, ends: &[(f64, f64)], links: &[usize]) -> Vec<Point> {
    let graph = frame.graph;
    let (Some(&first), Some(&last)) = (links.first(), links.last()) else {
        return Vec::new();
    };
    let column_of = |item: usize| &frame.columns[graph.items[item].rank];
    let source = graph.links[first].left;
    let source_box = &frame.boxes[source];
    let mut runs = vec![Run {
        x0: source_box.x + source_box.w,
        x1: column_of(source).right() + STRAIGHT_END,
        y: ends[first].0,
    }];
    for &link in &links[1..] {
        let item = graph.links[link].left;
        let column = column_of(item);
        if column.w > 0.0 {
            runs.push(Run {
                x0: column.x,
                x1: column.right(),
                y: frame.y[item],
            });
        }
    }
    let target = graph.links[last].right;
    runs.push(Run {
        x0: column_of(target).x - STRAIGHT_END,
        x1: frame.boxes[target].x,
        y: ends[last].1,
    });
    let mut points = Vec::new();
    for run in skip_clear_runs(frame, &runs, links) {
        points.push((run.x0, run.y));
        points.push((run.x1, run.y));
    }
    points.dedup_by(|b, a| (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
    points
}

/// Drops the level runs through columns where a curve straight from the
/// previous kept run to the next run would clear every box and label (and
/// the run is not the edge's own label slot).
fn skip_clear_runs(frame: &Frame, runs: &[Run], links: &[usize]) -> Vec<Run> {
    let own_slots: Vec<usize> = links.iter().map(|&l| frame.graph.links[l].right).collect();
    let mut kept = vec![runs[0]];
    for i in 1..runs.len() {
        let last = i + 1 == runs.len();
        let from = kept[kept.len() - 1];
        if !last
            && !is_slot_run(frame, runs[i], &own_slots)
            && band_is_clear(frame, from, runs[i + 1])
        {
            continue;
        }
        kept.push(runs[i]);
    }
    kept
}

/// Whether `run` crosses the column of one of the edge's own slot items.
fn is_slot_run(frame: &Frame, run: Run, own_items: &[usize]) -> bool {
    own_items.iter().any(|&item| {
        let kind = frame.graph.items[item].kind;
        let column = &frame.columns[frame.graph.items[item].rank];
        matches!(kind, super::Kind::Slot(_)) && column.x == run.x0
    })
}

/// Whether the box spanned by a curve from the end of `from` to the start of
/// `to` (with some clearance) meets no obstacle.
fn band_is_clear(frame: &Frame, from: Run, to: Run) -> bool {
    let top = from.y.min(to.y) - CLEARANCE;
    let bottom = from.y.max(to.y) + CLEARANCE;
    frame.obstacles.iter().all(|r| {
        let apart_x = r.x + r.w <= from.x1 || r.x >= to.x0;
        let apart_y = r.y + r.h <= top || r.y >= bottom;
        apart_x || apart_y
    })
}

/// Cubic segments between waypoints: straight where level, else an S-curve
/// leaving and arriving level with both control points halfway across, so
/// it stays between its ends' x.
fn cubic_chain(points: &[Point]) -> Vec<Point> {
    let Some(&first) = points.first() else {
        return Vec::new();
    };
    let mut out = vec![first];
    for pair in points.windows(2) {
        let (p, q) = (pair[0], pair[1]);
        if p.1 == q.1 {
            extend_line(&mut out, q);
        } else {
            let middle = (p.0 + q.0) / 2.0;
            out.extend([(middle, p.1), (middle, q.1), q]);
        }
    }
    out
}

/// Appends a straight segment, merged with the previous one when that is
/// straight at the same height.
fn extend_line(out: &mut Vec<Point>, to: Point) {
    let n = out.len();
    if n >= 4 {
        let (p, c1, c2, q) = (out[n - 4], out[n - 3], out[n - 2], out[n - 1]);
        if p.1 == to.1 && [c1, c2, q].iter().all(|c| c.1 == p.1) && is_straight(p, c1, c2, q) {
            out.truncate(n - 3);
        }
    }
    let from = out[out.len() - 1];
    let third = |k: f64| {
        (
            from.0 + (to.0 - from.0) * k / 3.0,
            from.1 + (to.1 - from.1) * k / 3.0,
        )
    };
    out.extend([third(1.0), third(2.0), to]);
}

/// Whether the control points of a segment lie at its thirds.
fn is_straight(p: Point, c1: Point, c2: Point, q: Point) -> bool {
    let at = |k: f64| (p.0 + (q.0 - p.0) * k / 3.0, p.1 + (q.1 - p.1) * k / 3.0);
    let near = |a: Point, b: Point| (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6;
    near(c1, at(1.0)) && near(c2, at(2.0))
}
