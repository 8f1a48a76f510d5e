//! Layout of a map, left to right (Sugiyama): layers from [`rank`], then a
//! layered graph with two columns per layer (the node column, and a column
//! between layers that holds edge labels), dummy items wherever an edge
//! crosses a column, ordered by [`order`], placed by [`position`] and routed
//! by [`route`]; finally the key ([`legend`]) and the canvas.

mod legend;
mod measure;
mod order;
mod position;
mod rank;
mod route;

use super::metrics::{LABEL_LINE_GAP, MARGIN};
use super::{Circle, EdgeRoute, Layout, Map, Rect};
use measure::{NodeShape, SelfLoop, Slot};
use position::Column;

/// Narrowest key, so a small map still gets a readable one.
const MIN_LEGEND_W: f64 = 420.0;
/// Space between the drawing and the key.
const LEGEND_GAP: f64 = 14.0;

/// What an item of the layered graph stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A map node (its index).
    Node(usize),
    /// A point a long edge passes through.
    Dummy,
    /// The point where an edge's label and markers sit (the edge's index).
    Slot(usize),
}

/// An item of the layered graph. Its footprint is `width` × `height`;
/// `anchor` is the height within the footprint where edges attach (a box's
/// middle; for a slot, the line under the label).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: Kind,
    pub rank: usize,
    pub width: f64,
    pub height: f64,
    pub anchor: f64,
    /// A point of a back edge.
    pub back: bool,
}

/// A link between items of adjacent ranks (`left` one rank before `right`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub left: usize,
    pub right: usize,
    /// Part of a back edge (drawn against the flow).
    pub back: bool,
}

/// The layered graph: the map's nodes are items `0..n`, in map order.
#[derive(Debug, Clone, PartialEq)]
pub struct Layered {
    pub items: Vec<Item>,
    pub links: Vec<Link>,
    pub ranks: usize,
    /// Per map edge, its links left to right (empty for self-loops and
    /// edges out of range).
    pub chains: Vec<Vec<usize>>,
}

/// The most nodes a map may have (docs/limits.md). Layout work grows with
/// the edges times the columns they pass (each long edge is a point in every
/// column it crosses), about linearly in those points, so dense maps of
/// thousands of nodes took half an hour and gigabytes; at these sizes the
/// worst map (about 34,000 points) lays out in about half a second.
pub const MAX_NODES: usize = 100;
/// The most edges (hand-offs) a map may have.
pub const MAX_EDGES: usize = 300;

/// `map` cut to [`MAX_NODES`] nodes and [`MAX_EDGES`] edges between them, for
/// a map past the limits (an error reported by resolve) so that drawing
/// what a failed build shows stays quick.
pub fn within_limits(map: &Map) -> std::borrow::Cow<'_, Map> {
    if map.nodes.len() <= MAX_NODES && map.edges.len() <= MAX_EDGES {
        return std::borrow::Cow::Borrowed(map);
    }
    let nodes = map.nodes[..map.nodes.len().min(MAX_NODES)].to_vec();
    let edges = (map.edges.iter())
        .filter(|e| e.from < nodes.len() && e.to < nodes.len())
        .take(MAX_EDGES)
        .cloned()
        .collect();
    std::borrow::Cow::Owned(Map {
        title: map.title.clone(),
        description: map.description.clone(),
        nodes,
        edges,
    })
}

/// Lays out `map`.
pub fn compute(map: &Map) -> Layout {
    let n = map.nodes.len();
    let pairs: Vec<(usize, usize)> = map.edges.iter().map(|e| (e.from, e.to)).collect();
    let ranking = rank::assign(n, &pairs);
    let slots: Vec<Option<Slot>> = map
        .edges
        .iter()
        .map(|e| Slot::measure(e.label.as_deref(), e.markers.len()))
        .collect();
    let shapes = node_shapes(map, &ranking, &slots);
    let graph = layered(map, &ranking, &shapes, &slots);
    let orders = order::minimise_crossings(&graph);
    let y = position::vertical(&graph, &orders);
    let mut boxes: Vec<Rect> = (0..n)
        .map(|i| unplaced_box(&graph, &y, &shapes[i], i))
        .collect();
    let ends = route::link_ends(&graph, &y, &boxes);
    let columns = position::columns(&graph, &ends);
    for (i, bx) in boxes.iter_mut().enumerate() {
        let column = &columns[graph.items[i].rank];
        bx.x = column.x + (column.w - bx.w) / 2.0;
    }
    let obstacles = footprints(&graph, &y, &columns);
    let frame = route::Frame {
        graph: &graph,
        y: &y,
        columns: &columns,
        boxes: &boxes,
        obstacles: &obstacles,
    };
    let mut edges = edge_routes(map, &frame, &ends, &ranking.back, &slots);
    add_self_loops(&mut edges, &shapes, &boxes, &slots);
    let node_markers = shapes
        .iter()
        .zip(&boxes)
        .map(|(s, b)| s.markers(b))
        .collect();
    let drawing_right = columns.last().map_or(MARGIN, Column::right);
    let drawing_bottom = (graph.items.iter().zip(&y))
        .map(|(item, y)| y - item.anchor + item.height)
        .fold(MARGIN, f64::max);
    let legend_w = (drawing_right - MARGIN).max(MIN_LEGEND_W);
    let legend = legend::place(map, MARGIN, drawing_bottom + LEGEND_GAP, legend_w);
    let (right, bottom) = if legend.entries.is_empty() {
        (drawing_right, drawing_bottom)
    } else {
        let r = &legend.rect;
        (drawing_right.max(r.x + r.w), r.y + r.h)
    };
    Layout {
        width: right + MARGIN,
        height: bottom + MARGIN,
        nodes: boxes,
        node_lines: shapes.into_iter().map(|s| s.lines).collect(),
        node_markers,
        edges,
        legend,
    }
}

/// The wrapped label of edge `e`, if it has one.
fn label_lines(slots: &[Option<Slot>], e: usize) -> Vec<String> {
    slots[e]
        .as_ref()
        .map(|s| s.lines.clone())
        .unwrap_or_default()
}

/// Puts the self-loops (drawn on their boxes' tops) into `edges`.
fn add_self_loops(
    edges: &mut [EdgeRoute],
    shapes: &[NodeShape],
    boxes: &[Rect],
    slots: &[Option<Slot>],
) {
    for (shape, bx) in shapes.iter().zip(boxes) {
        for placed in shape.loops(bx) {
            edges[placed.edge] = EdgeRoute {
                points: placed.points,
                label: placed.label,
                label_lines: label_lines(slots, placed.edge),
                markers: placed.markers,
                back: false,
            };
        }
    }
}

/// Measures every node: its label, self-loops, and the most ports one of
/// its sides needs.
fn node_shapes(map: &Map, ranking: &rank::Ranking, slots: &[Option<Slot>]) -> Vec<NodeShape> {
    let n = map.nodes.len();
    let mut loops: Vec<Vec<SelfLoop>> = vec![Vec::new(); n];
    let mut leaving = vec![0usize; n];
    let mut entering = vec![0usize; n];
    for (e, edge) in map.edges.iter().enumerate() {
        if edge.from >= n || edge.to >= n {
            continue;
        }
        if edge.from == edge.to {
            loops[edge.from].push(SelfLoop {
                edge: e,
                slot: slots[e].clone(),
            });
            continue;
        }
        let (left, right) = if ranking.back[e] {
            (edge.to, edge.from)
        } else {
            (edge.from, edge.to)
        };
        leaving[left] += 1;
        entering[right] += 1;
    }
    map.nodes
        .iter()
        .zip(loops)
        .enumerate()
        .map(|(i, (node, loops))| NodeShape::measure(node, loops, leaving[i].max(entering[i])))
        .collect()
}

/// The layered graph: nodes in even ranks, every edge split into links
/// between adjacent ranks through dummies, its slot in an odd rank near
/// its middle.
fn layered(
    map: &Map,
    ranking: &rank::Ranking,
    shapes: &[NodeShape],
    slots: &[Option<Slot>],
) -> Layered {
    let mut items: Vec<Item> = shapes
        .iter()
        .zip(&ranking.rank)
        .enumerate()
        .map(|(i, (shape, &rank))| Item {
            kind: Kind::Node(i),
            rank: 2 * rank,
            width: shape.w,
            height: shape.strip + shape.h,
            anchor: shape.strip + shape.h / 2.0,
            back: false,
        })
        .collect();
    let mut links = Vec::new();
    let mut chains = vec![Vec::new(); map.edges.len()];
    for (e, edge) in map.edges.iter().enumerate() {
        if edge.from == edge.to || edge.from >= shapes.len() || edge.to >= shapes.len() {
            continue;
        }
        let (left, right) = if ranking.back[e] {
            (edge.to, edge.from)
        } else {
            (edge.from, edge.to)
        };
        let (start, end) = (items[left].rank, items[right].rank);
        let span = (end - start) / 2;
        let slot_rank = start + 1 + 2 * ((span - 1) / 2);
        let mut previous = left;
        for rank in start + 1..end {
            let item = match &slots[e] {
                Some(slot) if rank == slot_rank => Item {
                    kind: Kind::Slot(e),
                    rank,
                    width: slot.w,
                    height: slot.h + LABEL_LINE_GAP,
                    anchor: slot.h + LABEL_LINE_GAP,
                    back: ranking.back[e],
                },
                _ => Item {
                    kind: Kind::Dummy,
                    rank,
                    width: 0.0,
                    height: 0.0,
                    anchor: 0.0,
                    back: ranking.back[e],
                },
            };
            items.push(item);
            chains[e].push(links.len());
            links.push(Link {
                left: previous,
                right: items.len() - 1,
                back: ranking.back[e],
            });
            previous = items.len() - 1;
        }
        chains[e].push(links.len());
        links.push(Link {
            left: previous,
            right,
            back: ranking.back[e],
        });
    }
    let ranks = items.iter().map(|i| i.rank + 1).max().unwrap_or(0);
    Layered {
        items,
        links,
        ranks,
        chains,
    }
}

/// A node's box under its strip, its x still to come from its column.
fn unplaced_box(graph: &Layered, y: &[f64], shape: &NodeShape, i: usize) -> Rect {
    Rect {
        x: 0.0,
        y: y[i] - graph.items[i].anchor + shape.strip,
        w: shape.w,
        h: shape.h,
    }
}

/// The footprints of the nodes (box and strip) and of the label slots,
/// centred in their columns.
fn footprints(graph: &Layered, y: &[f64], columns: &[Column]) -> Vec<Rect> {
    graph
        .items
        .iter()
        .zip(y)
        .filter(|(item, _)| item.kind != Kind::Dummy)
        .map(|(item, &y)| {
            let column = &columns[item.rank];
            Rect {
                x: column.x + (column.w - item.width) / 2.0,
                y: y - item.anchor,
                w: item.width,
                h: item.height,
            }
        })
        .collect()
}

/// Routes, labels and markers of the edges between different nodes.
fn edge_routes(
    map: &Map,
    frame: &route::Frame,
    ends: &[(f64, f64)],
    back: &[bool],
    slots: &[Option<Slot>],
) -> Vec<EdgeRoute> {
    let mut placed_slots: Vec<(Option<Rect>, Vec<Circle>)> =
        vec![(None, Vec::new()); map.edges.len()];
    for (i, item) in frame.graph.items.iter().enumerate() {
        let Kind::Slot(e) = item.kind else { continue };
        let Some(slot) = &slots[e] else { continue };
        let column = &frame.columns[item.rank];
        let x = column.x + (column.w - slot.w) / 2.0;
        placed_slots[e] = slot.place(x, frame.y[i] - item.anchor);
    }
    placed_slots
        .into_iter()
        .enumerate()
        .map(|(e, (label, markers))| {
            let mut points = route::chain(frame, ends, &frame.graph.chains[e]);
            if back[e] {
                points.reverse();
            }
            EdgeRoute {
                points,
                label,
                label_lines: label_lines(slots, e),
                markers,
                back: back[e],
            }
        })
        .collect()
}
