//! Sizes shared by the layout and the drawing: fonts, line heights, paddings,
//! marker and arrow dimensions. Everything is in SVG user units.

/// Node labels.
pub const NODE_FONT: f64 = 14.0;
pub const NODE_LINE: f64 = 18.0;
/// Characters per line before a node label wraps.
pub const WRAP_CHARS: usize = 22;
/// Characters per line before an edge label wraps (a little narrower:
/// label columns add to the drawing's width).
pub const LABEL_WRAP_CHARS: usize = 16;
/// Sector tags inside boxes and in the key (no text of a map is set
/// smaller than 12: the map is never scaled down on screen).
pub const TAG_FONT: f64 = 12.0;
pub const TAG_LINE: f64 = 15.0;
/// Space between the tag and the label inside a box.
pub const TAG_GAP: f64 = 3.0;
/// Padding inside a box.
pub const BOX_PAD_X: f64 = 12.0;
pub const BOX_PAD_Y: f64 = 8.0;
pub const BOX_MIN_TEXT_W: f64 = 90.0;
pub const BOX_RADIUS: f64 = 6.0;

/// Edge labels.
pub const LABEL_FONT: f64 = 12.0;
pub const LABEL_LINE: f64 = 15.0;
/// Halo around edge label text.
pub const LABEL_PAD_X: f64 = 4.0;
pub const LABEL_PAD_Y: f64 = 2.0;
/// Space between an edge label (or its markers) and the line under it.
pub const LABEL_LINE_GAP: f64 = 5.0;

/// Friction markers: radius and the gap between neighbours.
pub const MARKER_R: f64 = 10.0;
pub const MARKER_GAP: f64 = 4.0;
pub const MARKER_FONT: f64 = 12.0;
pub const MARKER_FONT_SMALL: f64 = 12.0;

/// Vertical distance between edge ports on a box side.
pub const PORT_GAP: f64 = 10.0;
/// Self-loops on a box's top.
pub const LOOP_W: f64 = 18.0;
pub const LOOP_H: f64 = 16.0;
/// Length of an arrowhead along its edge.
pub const ARROW_LEN: f64 = 8.0;
/// Straight run of every edge beside a box, in the channel next to the
/// box's column, so arrowheads sit on a straight end.
pub const STRAIGHT_END: f64 = 10.0;

/// Space between a key entry's swatch and its label.
pub const LEGEND_SWATCH_GAP: f64 = 6.0;

/// Empty space around the drawing.
pub const MARGIN: f64 = 16.0;

/// Width taken by `count` markers in a row.
pub fn markers_width(count: usize) -> f64 {
    if count == 0 {
        0.0
    } else {
        count as f64 * 2.0 * MARKER_R + (count - 1) as f64 * MARKER_GAP
    }
}
