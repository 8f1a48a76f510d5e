//! Drawing: the inline `<svg>` element of a laid-out map. Title and
//! description for assistive technology, one arrowhead marker, edges, boxes
//! with their sector tag and label, edge labels on a white halo, friction
//! markers as links to findings, and the key. Styling is by presentation
//! attributes (page CSS can override them through the classes); ids carry a
//! per-map prefix so several maps can share a page.

use super::metrics::*;
use super::text::{escape, hash, num, slug};
use super::{Circle, EdgeRoute, Layout, LegendEntry, LegendKey, Map, Marker, Rect, sector};
use std::fmt::Write;

const EDGE_COLOUR: &str = "#4D4D4D";
const TEXT_COLOUR: &str = "#1A1A1A";
const LABEL_COLOUR: &str = "#333333";
const MARKER_FILL: &str = "#9E2A00";
const STRENGTH_FILL: &str = "#1D6B36";
const RULE_COLOUR: &str = "#BDBDBD";
/// Width of the arrowhead's base.
const ARROW_WIDTH: f64 = 7.0;

/// The `<svg>` element for `map` laid out as `layout`.
pub fn render(map: &Map, layout: &Layout) -> String {
    let id = id_prefix(map);
    let mut svg = String::new();
    open_svg(&mut svg, &id, layout);
    let _ = writeln!(
        svg,
        "<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&map.title),
        escape(&map.description)
    );
    arrow_marker(&mut svg, &id);
    // The drawing is hidden from assistive technology (the page gives it
    // as text); the markers are links, reachable by keyboard, outside it.
    svg.push_str("<g class=\"edges\" aria-hidden=\"true\">\n");
    for route in &layout.edges {
        edge(&mut svg, &id, route);
    }
    svg.push_str("</g>\n<g class=\"nodes\" aria-hidden=\"true\">\n");
    for ((node, bx), lines) in map.nodes.iter().zip(&layout.nodes).zip(&layout.node_lines) {
        node_box(&mut svg, &node.id, &node.sector, bx, lines);
    }
    svg.push_str("</g>\n<g class=\"edge-labels\" aria-hidden=\"true\">\n");
    for route in &layout.edges {
        if let Some(rect) = &route.label {
            edge_label(&mut svg, rect, &route.label_lines);
        }
    }
    svg.push_str("</g>\n<g class=\"frictions\">\n");
    let node_markers = map
        .nodes
        .iter()
        .map(|n| &n.markers)
        .zip(&layout.node_markers);
    let edge_markers = map
        .edges
        .iter()
        .map(|e| &e.markers)
        .zip(layout.edges.iter().map(|r| &r.markers));
    for (markers, circles) in node_markers.chain(edge_markers) {
        for (marker, circle) in markers.iter().zip(circles) {
            friction(&mut svg, marker, circle);
        }
    }
    svg.push_str("</g>\n");
    legend(&mut svg, layout);
    svg.push_str("</svg>");
    svg
}

/// `pathway-<slug of the title>-<hash of the content>`.
fn id_prefix(map: &Map) -> String {
    let mut parts: Vec<&str> = vec![&map.title, &map.description];
    for node in &map.nodes {
        parts.extend([node.id.as_str(), node.label.as_str(), node.sector.as_str()]);
    }
    let ends: Vec<String> = map
        .edges
        .iter()
        .map(|e| format!("{}>{}", e.from, e.to))
        .collect();
    parts.extend(ends.iter().map(String::as_str));
    format!(
        "pathway-{}-{:06x}",
        slug(&map.title, 40),
        hash(&parts) & 0xff_ffff
    )
}

fn open_svg(svg: &mut String, id: &str, layout: &Layout) {
    let (w, h) = (num(layout.width), num(layout.height));
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"group\" aria-labelledby=\"{id}-title {id}-desc\" \
         class=\"pathway-map\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\">"
    );
}

fn arrow_marker(svg: &mut String, id: &str) {
    let (l, w, half) = (num(ARROW_LEN), num(ARROW_WIDTH), num(ARROW_WIDTH / 2.0));
    let _ = writeln!(
        svg,
        "<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 {l} {w}\" refX=\"0\" refY=\"{half}\" \
         markerWidth=\"{l}\" markerHeight=\"{w}\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">\
         <path d=\"M0 0L{l} {half}L0 {w}z\" fill=\"{EDGE_COLOUR}\"/></marker></defs>"
    );
}

fn edge(svg: &mut String, id: &str, route: &EdgeRoute) {
    if route.points.len() < 4 {
        return;
    }
    let points = shorten_end(&route.points, ARROW_LEN);
    let mut d = format!("M{} {}", num(points[0].0), num(points[0].1));
    for segment in points[1..].chunks(3) {
        d.push('C');
        let coords: Vec<String> = segment
            .iter()
            .map(|p| format!("{} {}", num(p.0), num(p.1)))
            .collect();
        d.push_str(&coords.join(" "));
    }
    let class = if route.back { "edge back-edge" } else { "edge" };
    let _ = writeln!(
        svg,
        "<path class=\"{class}\" d=\"{d}\" fill=\"none\" stroke=\"{EDGE_COLOUR}\" stroke-width=\"1.5\" \
         marker-end=\"url(#{id}-arrow)\"/>"
    );
}

type Point = (f64, f64);

/// The cubic chain with its end pulled back by `len` along the path, so
/// the arrowhead (drawn from the new end) has its tip on the box border.
fn shorten_end(points: &[Point], len: f64) -> Vec<Point> {
    let mut points = points.to_vec();
    let mut remaining = len;
    while points.len() >= 4 {
        let n = points.len();
        let (p, c1, c2, q) = (points[n - 4], points[n - 3], points[n - 2], points[n - 1]);
        let straight = is_straight(p, c1, c2, q);
        let length = distance(p, q);
        if straight && length <= remaining && n > 4 {
            points.truncate(n - 3);
            remaining -= length;
            continue;
        }
        let from = [c2, c1, p]
            .into_iter()
            .find(|&c| distance(c, q) > 1e-6)
            .unwrap_or(p);
        let shift = remaining.min(length * 0.8);
        let scale = shift / distance(from, q).max(1e-6);
        let back = ((q.0 - from.0) * scale, (q.1 - from.1) * scale);
        let end = (q.0 - back.0, q.1 - back.1);
        points[n - 1] = end;
        if straight {
            points[n - 3] = (p.0 + (end.0 - p.0) / 3.0, p.1 + (end.1 - p.1) / 3.0);
            points[n - 2] = (
                p.0 + (end.0 - p.0) * 2.0 / 3.0,
                p.1 + (end.1 - p.1) * 2.0 / 3.0,
            );
        } else {
            points[n - 2] = (c2.0 - back.0, c2.1 - back.1);
        }
        break;
    }
    points
}

/// Euclidean distance (`sqrt` is exactly rounded everywhere, so output does
/// not depend on the platform's maths library).
fn distance(a: Point, b: Point) -> f64 {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    (dx * dx + dy * dy).sqrt()
}

fn is_straight(p: Point, c1: Point, c2: Point, q: Point) -> bool {
    let off_line = |c: Point| ((q.0 - p.0) * (c.1 - p.1) - (q.1 - p.1) * (c.0 - p.0)).abs();
    off_line(c1) < 1e-6 && off_line(c2) < 1e-6
}

fn node_box(svg: &mut String, node_id: &str, sector_name: &str, bx: &Rect, lines: &[String]) {
    let style = sector::style(sector_name);
    let dash = style
        .dash
        .map(|d| format!(" stroke-dasharray=\"{d}\""))
        .unwrap_or_default();
    let cx = num(bx.x + bx.w / 2.0);
    let content_h = TAG_LINE + TAG_GAP + lines.len() as f64 * NODE_LINE;
    let top = bx.y + (bx.h - content_h) / 2.0;
    let _ = writeln!(
        svg,
        "<g class=\"node sector-{}\" data-id=\"{}\">\
         <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{dash}/>\
         <text class=\"tag\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"600\" \
         letter-spacing=\"0.6\" fill=\"{}\">{}</text>",
        sector::class_key(sector_name),
        escape(node_id),
        num(bx.x),
        num(bx.y),
        num(bx.w),
        num(bx.h),
        num(BOX_RADIUS),
        style.fill,
        style.stroke,
        num(top + TAG_LINE - 3.0),
        num(TAG_FONT),
        style.stroke,
        escape(&sector::tag(sector_name)),
    );
    let first = top + TAG_LINE + TAG_GAP + NODE_LINE / 2.0 + NODE_FONT * 0.35;
    text_lines(
        svg,
        "label",
        bx.x + bx.w / 2.0,
        first,
        NODE_LINE,
        NODE_FONT,
        TEXT_COLOUR,
        lines,
    );
    svg.push_str("</g>\n");
}

/// A `<text>` of centred lines, the first baseline at `first`.
#[allow(clippy::too_many_arguments)]
fn text_lines(
    svg: &mut String,
    class: &str,
    x: f64,
    first: f64,
    step: f64,
    size: f64,
    fill: &str,
    lines: &[String],
) {
    let _ = write!(
        svg,
        "<text class=\"{class}\" text-anchor=\"middle\" font-size=\"{}\" fill=\"{fill}\">",
        num(size)
    );
    for (i, line) in lines.iter().enumerate() {
        let y = first + i as f64 * step;
        let _ = write!(
            svg,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(x),
            num(y),
            escape(line)
        );
    }
    svg.push_str("</text>");
}

fn edge_label(svg: &mut String, rect: &Rect, lines: &[String]) {
    let _ = write!(
        svg,
        "<g class=\"edge-label\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#FFFFFF\" \
         fill-opacity=\"0.9\"/>",
        num(rect.x),
        num(rect.y),
        num(rect.w),
        num(rect.h)
    );
    let first = rect.y + LABEL_PAD_Y + LABEL_LINE / 2.0 + LABEL_FONT * 0.35;
    let cx = rect.x + rect.w / 2.0;
    text_lines(
        svg,
        "label",
        cx,
        first,
        LABEL_LINE,
        LABEL_FONT,
        LABEL_COLOUR,
        lines,
    );
    svg.push_str("</g>\n");
}

fn friction(svg: &mut String, marker: &Marker, circle: &Circle) {
    let (class, what) = if marker.strength {
        ("strength", "Strength")
    } else {
        ("friction", "Friction point")
    };
    let name = format!("{what} {}: {}", marker.number, marker.title);
    let _ = writeln!(
        svg,
        "<a class=\"{class}\" href=\"{}\" aria-label=\"{}\"><title>{}</title>{}</a>",
        escape(&marker.href),
        escape(&name),
        escape(&name),
        marker_badge(circle, &marker.number.to_string(), marker.strength)
    );
}

/// A numbered badge: a red circle for friction, a green square for a
/// strength (the shape tells them apart without colour).
fn marker_badge(circle: &Circle, number: &str, strength: bool) -> String {
    let font = if number.len() > 1 {
        MARKER_FONT_SMALL
    } else {
        MARKER_FONT
    };
    let shape = if strength {
        let side = circle.r * 1.8;
        format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{STRENGTH_FILL}\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>",
            num(circle.cx - side / 2.0),
            num(circle.cy - side / 2.0),
            num(side),
            num(side)
        )
    } else {
        format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{MARKER_FILL}\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>",
            num(circle.cx),
            num(circle.cy),
            num(circle.r)
        )
    };
    format!(
        "{shape}<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"700\" fill=\"#FFFFFF\">{}</text>",
        num(circle.cx),
        num(circle.cy + font * 0.35),
        num(font),
        escape(number)
    )
}

fn legend(svg: &mut String, layout: &Layout) {
    let rect = &layout.legend.rect;
    if layout.legend.entries.is_empty() {
        return;
    }
    let _ = writeln!(
        svg,
        "<g class=\"legend\" aria-hidden=\"true\" font-size=\"{}\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{RULE_COLOUR}\"/>",
        num(LABEL_FONT),
        num(rect.x),
        num(rect.y),
        num(layout.width - MARGIN),
        num(rect.y)
    );
    for entry in &layout.legend.entries {
        legend_entry(svg, entry);
    }
    svg.push_str("</g>\n");
}

fn legend_entry(svg: &mut String, entry: &LegendEntry) {
    let s = &entry.swatch;
    let (cx, cy) = (s.x + s.w / 2.0, s.y + s.h / 2.0);
    match &entry.key {
        LegendKey::Sector(name) => {
            let style = sector::style(name);
            let dash = style
                .dash
                .map(|d| format!(" stroke-dasharray=\"{d}\""))
                .unwrap_or_default();
            let _ = write!(
                svg,
                "<g class=\"legend-entry sector-{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" \
                 fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{dash}/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
                 font-size=\"{}\" font-weight=\"600\" letter-spacing=\"0.6\" fill=\"{}\">{}</text>",
                sector::class_key(name),
                num(s.x),
                num(s.y),
                num(s.w),
                num(s.h),
                style.fill,
                style.stroke,
                num(cx),
                num(cy + TAG_FONT * 0.35),
                num(TAG_FONT),
                style.stroke,
                escape(&sector::tag(name))
            );
        }
        LegendKey::Friction | LegendKey::Strength => {
            let circle = Circle {
                cx,
                cy,
                r: MARKER_R,
            };
            let strength = entry.key == LegendKey::Strength;
            let class = if strength { "strength" } else { "friction" };
            let _ = write!(
                svg,
                "<g class=\"legend-entry {class}\">{}",
                marker_badge(&circle, "1", strength)
            );
        }
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" fill=\"{LABEL_COLOUR}\">{}</text></g>",
        num(s.x + s.w + LEGEND_SWATCH_GAP),
        num(cy + LABEL_FONT * 0.35),
        escape(&entry.label)
    );
}
