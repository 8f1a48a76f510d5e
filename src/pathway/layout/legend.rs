//! The key under the drawing: one entry per sector the map uses (a swatch
//! box holding the sector's tag, then its label) and one for friction
//! markers when there are any, flowed left to right into rows.

use crate::pathway::metrics::{LABEL_FONT, LEGEND_SWATCH_GAP, MARKER_R, TAG_FONT};
use crate::pathway::text::{caps_width, width};
use crate::pathway::{Legend, LegendEntry, LegendKey, Map, Rect, sector};

/// Space between the rule on top of the key and its first row.
const RULE_GAP: f64 = 12.0;
const ROW_H: f64 = 20.0;
const ROW_GAP: f64 = 8.0;
/// Space between entries of a row.
const ENTRY_GAP: f64 = 22.0;
const SWATCH_PAD_X: f64 = 7.0;

/// Label of the friction marker entry.
pub const FRICTION_LABEL: &str = "Friction point (links to the finding)";
/// Label of the strength marker entry.
pub const STRENGTH_LABEL: &str = "Strength (links to the finding)";

/// Lays the key out from `(left, top)` in rows at most `max_w` wide (an
/// entry wider than that gets a row of its own).
pub fn place(map: &Map, left: f64, top: f64, max_w: f64) -> Legend {
    let mut entries = Vec::new();
    let mut rows = 0usize;
    let (mut x, mut right) = (left, left);
    for (key, label, swatch_w) in contents(map) {
        let entry_w = swatch_w + LEGEND_SWATCH_GAP + width(&label, LABEL_FONT);
        if rows == 0 || (x > left && x + entry_w > left + max_w) {
            rows += 1;
            x = left;
        }
        let y = top + RULE_GAP + (rows - 1) as f64 * (ROW_H + ROW_GAP);
        let swatch = Rect {
            x,
            y,
            w: swatch_w,
            h: ROW_H,
        };
        entries.push(LegendEntry { key, label, swatch });
        right = right.max(x + entry_w);
        x += entry_w + ENTRY_GAP;
    }
    let h = if rows == 0 {
        0.0
    } else {
        RULE_GAP + rows as f64 * ROW_H + (rows - 1) as f64 * ROW_GAP
    };
    Legend {
        rect: Rect {
            x: left,
            y: top,
            w: right - left,
            h,
        },
        entries,
    }
}

/// What the key lists, with each swatch's width.
fn contents(map: &Map) -> Vec<(LegendKey, String, f64)> {
    let sectors = sector::used(map.nodes.iter().map(|n| n.sector.as_str()));
    let mut contents: Vec<(LegendKey, String, f64)> = sectors
        .into_iter()
        .map(|s| {
            let swatch_w = caps_width(&sector::tag(&s), TAG_FONT) + 2.0 * SWATCH_PAD_X;
            let label = sector::label(&s);
            (LegendKey::Sector(s), label, swatch_w)
        })
        .collect();
    let markers: Vec<&crate::pathway::Marker> = map
        .nodes
        .iter()
        .flat_map(|n| &n.markers)
        .chain(map.edges.iter().flat_map(|e| &e.markers))
        .collect();
    if markers.iter().any(|m| !m.strength) {
        contents.push((
            LegendKey::Friction,
            FRICTION_LABEL.to_string(),
            2.0 * MARKER_R,
        ));
    }
    if markers.iter().any(|m| m.strength) {
        contents.push((
            LegendKey::Strength,
            STRENGTH_LABEL.to_string(),
            2.0 * MARKER_R,
        ));
    }
    contents
}
