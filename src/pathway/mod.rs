//! Pathway maps: the left-to-right layered layout and the inline SVG drawing
//! of one care pathway (services as boxes coloured and tagged by sector,
//! hand-offs as arrows, numbered friction markers linking to findings, and a
//! key of the sectors used).
//!
//! This module owns geometry and drawing only. It does not parse or validate
//! pathway files: the caller builds a [`Map`] from checked data (edge indices
//! in range; an edge out of range is skipped, never a panic) and places the
//! string returned by [`draw`] in a page. Both [`layout()`] and [`draw`] are
//! pure and deterministic: the same map gives byte-identical output.

mod layout;
mod metrics;
mod sector;
mod svg;
mod text;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_maps;

pub use sector::SECTORS;

/// A care pathway as drawn: steps (nodes) and hand-offs (edges).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Map {
    /// Accessible name of the drawing (`<title>`).
    pub title: String,
    /// Accessible description of the drawing (`<desc>`).
    pub description: String,
    pub nodes: Vec<MapNode>,
    pub edges: Vec<MapEdge>,
}

/// A service or step of the pathway.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapNode {
    pub id: String,
    pub label: String,
    /// One of the keys of [`SECTORS`]; any other text is styled as `other`
    /// but keeps its own words in the box and the key.
    pub sector: String,
    pub markers: Vec<Marker>,
}

/// A hand-off from one node to another (indices into [`Map::nodes`]).
/// Cycles are allowed (drawn as back edges), and so are self-loops.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapEdge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    pub markers: Vec<Marker>,
}

/// A finding on the map: a numbered marker linking to its page, drawn as
/// a point of friction (a red circle) or a strength (a green square).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marker {
    pub number: usize,
    /// Relative URL of the finding.
    pub href: String,
    /// Title of the finding, shown as the marker's tooltip and accessible name.
    pub title: String,
    /// The finding is a strength (`kind: strength`), not friction.
    pub strength: bool,
}

/// The geometry of a map, in SVG user units (about CSS pixels), origin top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Node boxes, in the order of [`Map::nodes`].
    pub nodes: Vec<Rect>,
    /// Each node's label wrapped into lines, in the order of [`Map::nodes`].
    pub node_lines: Vec<Vec<String>>,
    /// Each node's friction markers (above the box's right end), in the
    /// order of [`MapNode::markers`].
    pub node_markers: Vec<Vec<Circle>>,
    /// Edge routes, in the order of [`Map::edges`].
    pub edges: Vec<EdgeRoute>,
    pub legend: Legend,
}

/// An axis-aligned rectangle: top-left corner, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A circle (friction markers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub cx: f64,
    pub cy: f64,
    pub r: f64,
}

/// How one edge is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRoute {
    /// A chain of cubic Bézier segments: the start point, then three points
    /// (two control points and an end point) per segment. The first point is
    /// on the source box's border and the last on the target box's border.
    /// Empty for an edge whose indices are out of range.
    pub points: Vec<(f64, f64)>,
    /// The label's box (text plus a small halo), beside the edge.
    pub label: Option<Rect>,
    /// The label wrapped into lines.
    pub label_lines: Vec<String>,
    /// The edge's friction markers, next to its label, in the order of
    /// [`MapEdge::markers`].
    pub markers: Vec<Circle>,
    /// Drawn against the left-to-right flow because it closes a cycle.
    pub back: bool,
}

/// The key under the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// The area of the key; a rule is drawn along its top.
    pub rect: Rect,
    pub entries: Vec<LegendEntry>,
}

/// One entry of the key: a swatch, then its label to the right.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub key: LegendKey,
    pub label: String,
    pub swatch: Rect,
}

pub use layout::{MAX_EDGES, MAX_NODES};

/// What a key entry explains.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegendKey {
    /// A sector, as written on the nodes (known key or other text).
    Sector(String),
    /// The numbered friction marker.
    Friction,
    /// The numbered strength marker.
    Strength,
}

/// Lays the map out left to right: pure geometry, deterministic. A map past
/// [`MAX_NODES`] or [`MAX_EDGES`] (an error) is laid out cut to them.
pub fn layout(map: &Map) -> Layout {
    layout::compute(&layout::within_limits(map))
}

/// The complete `<svg>…</svg>` element for the map; deterministic.
pub fn draw(map: &Map) -> String {
    let map = layout::within_limits(map);
    svg::render(&map, &layout::compute(&map))
}
