//! Sizes: node boxes (wrapped label, sector tag, room for edge ports), the
//! strip above a box (its self-loops with their labels, and its friction
//! markers), and the slots edge labels and markers take beside their edge.

use crate::pathway::metrics::*;
use crate::pathway::text::{caps_width, widest, wrap};
use crate::pathway::{Circle, MapNode, Rect, sector};

/// An edge's label and markers, side by side: markers first.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub w: f64,
    pub h: f64,
    pub lines: Vec<String>,
    label_w: f64,
    label_h: f64,
    markers: usize,
}

impl Slot {
    /// The slot for an edge, or `None` when it has neither label nor markers.
    pub fn measure(label: Option<&str>, markers: usize) -> Option<Slot> {
        let lines = label.map(|l| wrap(l, LABEL_WRAP_CHARS)).unwrap_or_default();
        if lines.is_empty() && markers == 0 {
            return None;
        }
        let (label_w, label_h) = if lines.is_empty() {
            (0.0, 0.0)
        } else {
            let w = widest(&lines, LABEL_FONT) + 2.0 * LABEL_PAD_X;
            (w, lines.len() as f64 * LABEL_LINE + 2.0 * LABEL_PAD_Y)
        };
        let markers_w = markers_width(markers);
        let gap = if markers > 0 && label_w > 0.0 {
            MARKER_GAP
        } else {
            0.0
        };
        let markers_h = if markers > 0 { 2.0 * MARKER_R } else { 0.0 };
        Some(Slot {
            w: markers_w + gap + label_w,
            h: label_h.max(markers_h),
            lines,
            label_w,
            label_h,
            markers,
        })
    }

    /// The label's box and the markers when the slot's top-left is `(x, y)`.
    pub fn place(&self, x: f64, y: f64) -> (Option<Rect>, Vec<Circle>) {
        let markers_w = markers_width(self.markers);
        let circles = marker_row(x, y + self.h / 2.0, self.markers);
        let label = (self.label_w > 0.0).then(|| Rect {
            x: x + self.w - self.label_w,
            y: y + (self.h - self.label_h) / 2.0,
            w: self.label_w,
            h: self.label_h,
        });
        debug_assert!(self.w >= markers_w + self.label_w);
        (label, circles)
    }
}

/// `count` marker circles in a row starting at `x`, centred on `cy`.
fn marker_row(x: f64, cy: f64, count: usize) -> Vec<Circle> {
    (0..count)
        .map(|i| Circle {
            cx: x + MARKER_R + i as f64 * (2.0 * MARKER_R + MARKER_GAP),
            cy,
            r: MARKER_R,
        })
        .collect()
}

/// A self-loop drawn on a box's top.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfLoop {
    pub edge: usize,
    pub slot: Option<Slot>,
}

/// Where a self-loop goes once its box is placed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLoop {
    pub edge: usize,
    pub points: Vec<(f64, f64)>,
    pub label: Option<Rect>,
    pub markers: Vec<Circle>,
}

/// A node's box and the strip above it.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    pub w: f64,
    pub h: f64,
    /// Height of the strip above the box (0 when empty).
    pub strip: f64,
    pub lines: Vec<String>,
    loops: Vec<SelfLoop>,
    markers: usize,
}

/// Space between strip contents and the box top.
const STRIP_GAP: f64 = 4.0;
/// Space between a self-loop and its label, and after the label.
const LOOP_GAP: f64 = 6.0;
/// Height of a self-loop's control points above the box (the curve peaks at 3/4 of it).
const LOOP_RISE: f64 = LOOP_H * 4.0 / 3.0;

impl NodeShape {
    /// Measures a node with its self-loops and the most edge ports on one side.
    pub fn measure(node: &MapNode, loops: Vec<SelfLoop>, ports: usize) -> NodeShape {
        let lines = wrap(&node.label, WRAP_CHARS);
        let tag_w = caps_width(&sector::tag(&node.sector), TAG_FONT);
        let text_w = widest(&lines, NODE_FONT).max(tag_w).max(BOX_MIN_TEXT_W);
        let content_h = TAG_LINE + TAG_GAP + lines.len() as f64 * NODE_LINE;
        let ports_h = 16.0 + ports.saturating_sub(1) as f64 * PORT_GAP;
        let mut shape = NodeShape {
            w: text_w + 2.0 * BOX_PAD_X,
            h: (content_h + 2.0 * BOX_PAD_Y).max(ports_h),
            strip: 0.0,
            lines,
            loops,
            markers: node.markers.len(),
        };
        shape.w = shape.w.max(shape.strip_width());
        shape.strip = shape.strip_height();
        shape
    }

    /// Left offsets (from the box's left) of each loop and of its slot.
    fn loop_offsets(&self) -> Vec<(f64, f64)> {
        let mut x = BOX_PAD_X;
        let mut offsets = Vec::new();
        for self_loop in &self.loops {
            let slot_x = x + LOOP_W + LOOP_GAP;
            offsets.push((x, slot_x));
            x = slot_x + self_loop.slot.as_ref().map_or(0.0, |s| s.w + LOOP_GAP);
        }
        offsets
    }

    /// Width the strip needs from the box's left to its right.
    fn strip_width(&self) -> f64 {
        let loops_end = self.loop_offsets().last().map_or(0.0, |&(_, slot_x)| {
            let last = self.loops.last().and_then(|l| l.slot.as_ref());
            slot_x + last.map_or(0.0, |s| s.w + LOOP_GAP)
        });
        let markers_w = markers_width(self.markers);
        loops_end + markers_w + if self.markers > 0 { BOX_PAD_X } else { 0.0 }
    }

    fn strip_height(&self) -> f64 {
        let loops = if self.loops.is_empty() {
            0.0
        } else {
            LOOP_RISE + 2.0
        };
        let slots = self.loops.iter().filter_map(|l| l.slot.as_ref());
        let slots_h = slots.map(|s| s.h + 2.0 * STRIP_GAP).fold(0.0, f64::max);
        let markers = if self.markers > 0 {
            2.0 * MARKER_R + 2.0 * STRIP_GAP
        } else {
            0.0
        };
        loops.max(slots_h).max(markers)
    }

    /// The node's friction markers, above the right end of the box.
    pub fn markers(&self, bx: &Rect) -> Vec<Circle> {
        let x = bx.x + bx.w - BOX_PAD_X - markers_width(self.markers);
        marker_row(x, bx.y - STRIP_GAP - MARKER_R, self.markers)
    }

    /// The self-loops on the box's top, with their labels and markers.
    pub fn loops(&self, bx: &Rect) -> Vec<PlacedLoop> {
        self.loops
            .iter()
            .zip(self.loop_offsets())
            .map(|(self_loop, (loop_x, slot_x))| {
                let (x0, x1, top) = (bx.x + loop_x, bx.x + loop_x + LOOP_W, bx.y);
                let points = vec![
                    (x0, top),
                    (x0 - 3.0, top - LOOP_RISE),
                    (x1 + 3.0, top - LOOP_RISE),
                    (x1, top),
                ];
                let (label, markers) = match &self_loop.slot {
                    Some(slot) => slot.place(bx.x + slot_x, top - STRIP_GAP - slot.h),
                    None => (None, Vec::new()),
                };
                PlacedLoop {
                    edge: self_loop.edge,
                    points,
                    label,
                    markers,
                }
            })
            .collect()
    }
}
