//! Geometry and drawing tests on realistic maps and on ~50 seeded random
//! graphs: nothing overlaps, routes start and end on their boxes and pass
//! through no box or label, everything is on the canvas, output is stable
//! and text is escaped.

use super::tests_maps::{awkward, end_of_life, random_map, realistic, small_discharge};
use super::{Circle, Layout, Map, Rect, draw, layout};

type Point = (f64, f64);

/// Space required between boxes.
const BOX_MARGIN: f64 = 2.0;

fn grow(r: &Rect, by: f64) -> Rect {
    Rect {
        x: r.x - by,
        y: r.y - by,
        w: r.w + 2.0 * by,
        h: r.h + 2.0 * by,
    }
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn contains(r: &Rect, p: Point) -> bool {
    p.0 > r.x && p.0 < r.x + r.w && p.1 > r.y && p.1 < r.y + r.h
}

fn circle_box(c: &Circle) -> Rect {
    Rect {
        x: c.cx - c.r,
        y: c.cy - c.r,
        w: 2.0 * c.r,
        h: 2.0 * c.r,
    }
}

/// The segments of a cubic chain, each with points every ~2 units along it
/// and the box around its control points (the curve lies inside).
fn sampled_segments(points: &[Point]) -> Vec<(Rect, Vec<Point>)> {
    let mut out = Vec::new();
    for i in (0..points.len().saturating_sub(1)).step_by(3) {
        let [p, c1, c2, q] = [points[i], points[i + 1], points[i + 2], points[i + 3]];
        let (xs, ys) = ([p.0, c1.0, c2.0, q.0], [p.1, c1.1, c2.1, q.1]);
        let low = |v: [f64; 4]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let high = |v: [f64; 4]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let hull = Rect {
            x: low(xs),
            y: low(ys),
            w: high(xs) - low(xs),
            h: high(ys) - low(ys),
        };
        let length = dist(p, c1) + dist(c1, c2) + dist(c2, q);
        let steps = (length / 2.0).ceil().max(1.0) as usize;
        let samples = (0..=steps)
            .map(|s| {
                let t = s as f64 / steps as f64;
                let u = 1.0 - t;
                let at = |a: f64, b: f64, c: f64, d: f64| {
                    u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
                };
                (at(p.0, c1.0, c2.0, q.0), at(p.1, c1.1, c2.1, q.1))
            })
            .collect();
        out.push((hull, samples));
    }
    out
}

fn dist(a: Point, b: Point) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Whether `p` lies on the border of `r`, within `tolerance`.
fn on_border(r: &Rect, p: Point, tolerance: f64) -> bool {
    contains(&grow(r, tolerance), p) && !contains(&grow(r, -tolerance), p)
}

/// Every geometric promise of the layout, as a list of broken ones.
fn problems(map: &Map, l: &Layout) -> Vec<String> {
    let mut found = Vec::new();
    let labels: Vec<(usize, Rect)> = l
        .edges
        .iter()
        .enumerate()
        .filter_map(|(e, r)| r.label.map(|b| (e, b)))
        .collect();
    let markers: Vec<Rect> = l
        .node_markers
        .iter()
        .flatten()
        .chain(l.edges.iter().flat_map(|r| &r.markers))
        .map(circle_box)
        .collect();
    for (i, a) in l.nodes.iter().enumerate() {
        for (j, b) in l.nodes.iter().enumerate().skip(i + 1) {
            if overlaps(&grow(a, BOX_MARGIN), b) {
                found.push(format!("boxes {i} and {j} overlap"));
            }
        }
    }
    for (k, (e, label)) in labels.iter().enumerate() {
        if let Some(i) = l.nodes.iter().position(|b| overlaps(b, label)) {
            found.push(format!("label of edge {e} overlaps box {i}"));
        }
        if labels[k + 1..]
            .iter()
            .any(|(_, other)| overlaps(other, label))
        {
            found.push(format!("label of edge {e} overlaps another label"));
        }
    }
    for (k, m) in markers.iter().enumerate() {
        let others = l
            .nodes
            .iter()
            .chain(labels.iter().map(|(_, r)| r))
            .chain(&markers[k + 1..]);
        if others.clone().any(|r| overlaps(r, m)) {
            found.push(format!("marker {k} overlaps a box, label or marker"));
        }
    }
    let legend = &l.legend.rect;
    let drawn = l
        .nodes
        .iter()
        .chain(labels.iter().map(|(_, r)| r))
        .chain(&markers);
    if !l.legend.entries.is_empty() && drawn.clone().any(|r| overlaps(r, legend)) {
        found.push("the key overlaps the drawing".to_string());
    }
    let canvas = Rect {
        x: 0.0,
        y: 0.0,
        w: l.width,
        h: l.height,
    };
    let inside =
        |r: &Rect| r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= l.width && r.y + r.h <= l.height;
    let swatches = l.legend.entries.iter().map(|e| &e.swatch);
    if !drawn.chain(swatches).chain([legend]).all(inside) {
        found.push("a box, label, marker or key entry is off the canvas".to_string());
    }
    for (e, (edge, route)) in map.edges.iter().zip(&l.edges).enumerate() {
        let (Some(first), Some(last)) = (route.points.first(), route.points.last()) else {
            found.push(format!("edge {e} has no route"));
            continue;
        };
        if route.points.len() % 3 != 1 {
            found.push(format!("edge {e} is not a cubic chain"));
        }
        if !on_border(&l.nodes[edge.from], *first, 1.0) || !on_border(&l.nodes[edge.to], *last, 1.0)
        {
            found.push(format!("edge {e} does not start and end on its boxes"));
        }
        if !route
            .points
            .iter()
            .all(|&p| contains(&grow(&canvas, 0.01), p))
        {
            found.push(format!("edge {e} leaves the canvas"));
        }
        if route.points.iter().any(|p| p.1 >= legend.y) {
            found.push(format!("edge {e} runs into the key"));
        }
        let own_label = route.label;
        let obstacles: Vec<Rect> = l
            .nodes
            .iter()
            .chain(
                labels
                    .iter()
                    .map(|(_, r)| r)
                    .filter(|r| Some(**r) != own_label),
            )
            .map(|r| grow(r, -1.0))
            .collect();
        for (hull, samples) in sampled_segments(&route.points) {
            let near: Vec<&Rect> = obstacles
                .iter()
                .filter(|r| overlaps(&grow(&hull, 0.5), r))
                .collect();
            if let Some(p) = samples
                .iter()
                .find(|&&p| near.iter().any(|r| contains(r, p)))
            {
                found.push(format!("edge {e} passes through a box or label at {p:?}"));
                break;
            }
        }
    }
    found
}

fn assert_sound(name: &str, map: &Map) {
    let l = layout(map);
    let found = problems(map, &l);
    assert!(found.is_empty(), "{name}: {found:#?}");
}

#[test]
fn realistic_maps_have_sound_geometry() {
    for (name, map) in realistic() {
        assert_sound(name, &map);
    }
}

#[test]
fn awkward_maps_have_sound_geometry() {
    assert_sound("awkward", &awkward());
    let svg = draw(&awkward());
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert!(
        svg.contains("id=\"pathway-map-"),
        "an empty title still gives ids"
    );
}

#[test]
fn the_checks_catch_broken_geometry() {
    let map = small_discharge();
    let good = layout(&map);
    let mut overlapping = good.clone();
    overlapping.nodes[1] = overlapping.nodes[0];
    assert!(
        problems(&map, &overlapping)
            .iter()
            .any(|p| p.contains("overlap"))
    );
    let mut detached = good.clone();
    detached.edges[0].points[0].1 -= 30.0;
    assert!(
        problems(&map, &detached)
            .iter()
            .any(|p| p.contains("start and end"))
    );
    let mut through = good.clone();
    let (a, b) = (good.nodes[0], good.nodes[2]);
    let (start, end) = ((a.x + a.w, a.y + a.h / 2.0), (b.x, b.y + b.h / 2.0));
    through.edges[0].points = vec![start, start, end, end];
    assert!(
        problems(&map, &through)
            .iter()
            .any(|p| p.contains("passes through"))
    );
    let mut off_canvas = good;
    off_canvas.width = 10.0;
    assert!(
        problems(&map, &off_canvas)
            .iter()
            .any(|p| p.contains("canvas"))
    );
}

#[test]
fn random_graphs_have_sound_geometry() {
    for seed in 1..=50u64 {
        let n = 2 + (seed as usize * 7) % 39;
        assert_sound(&format!("seed {seed}, {n} nodes"), &random_map(seed, n));
    }
}

#[test]
fn forty_nodes_work() {
    assert_sound("forty", &random_map(4040, 40));
}

#[test]
fn layout_and_drawing_are_deterministic() {
    for (_, map) in realistic()
        .into_iter()
        .chain([("random", random_map(7, 30))])
    {
        assert_eq!(layout(&map), layout(&map));
        assert_eq!(draw(&map), draw(&map));
    }
}

#[test]
fn flow_runs_left_to_right_and_back_edges_are_marked() {
    let map = small_discharge();
    let l = layout(&map);
    let x: Vec<f64> = l.nodes.iter().map(|r| r.x).collect();
    assert!(x[0] < x[1] && x[1] < x[2] && x[2] < x[3], "{x:?}");
    assert_eq!(
        l.edges.iter().map(|e| e.back).collect::<Vec<_>>(),
        [false, false, false, true]
    );
    let level = |r: &Rect| r.y + r.h / 2.0;
    assert!(
        (level(&l.nodes[1]) - level(&l.nodes[2])).abs() < 1.0,
        "a chain is drawn level"
    );
}

#[test]
fn long_edges_skip_layers_around_boxes() {
    let map = end_of_life();
    let l = layout(&map);
    let long = &l.edges[7];
    let start = long.points[0].0;
    let end = long.points[long.points.len() - 1].0;
    let passed = l
        .nodes
        .iter()
        .filter(|r| r.x > start && r.x + r.w < end)
        .count();
    assert!(
        passed >= 2,
        "the plan-to-death edge spans layers ({passed} boxes between)"
    );
}

#[test]
fn drawing_has_title_desc_and_escapes_text() {
    let mut map = small_discharge();
    map.title = "Map <script>&\"'".to_string();
    map.nodes[0].label = "<script>alert(1)</script> & \"ward\"".to_string();
    map.edges[0].label = Some("a < b & c".to_string());
    map.edges[0].markers[0].href = "../f/?a=1&b=\"2\"".to_string();
    let svg = draw(&map);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains("-title\">Map &lt;script&gt;&amp;&quot;&#39;</title>"));
    assert!(svg.contains("-desc\">Discharge pathway in Riverside"));
    assert!(!svg.contains("<script"));
    assert!(svg.contains("&lt;script&gt;alert(1)"));
    assert!(svg.contains("a &lt; b &amp; c"));
    assert!(svg.contains("href=\"../f/?a=1&amp;b=&quot;2&quot;\""));
    // Not an image: its markers are links (axe's nested-interactive).
    assert!(svg.contains("role=\"group\""));
    assert!(!svg.contains("role=\"img\""));
}

#[test]
fn drawing_uses_prefixed_ids_and_stable_numbers() {
    let svg = draw(&small_discharge());
    let prefix = "pathway-discharge-from-hospital-riverside-";
    assert!(svg.contains(&format!("aria-labelledby=\"{prefix}")));
    assert!(svg.contains(&format!("<marker id=\"{prefix}")));
    for id in svg.split(" id=\"").skip(1) {
        assert!(id.starts_with(prefix), "unprefixed id {id:.40}");
    }
    let numbers = svg
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|s| s.contains('.'));
    for number in numbers {
        let decimals = number.rsplit('.').next().unwrap_or_default();
        assert!(
            decimals.len() <= 1 || number.matches('.').count() > 1,
            "{number}"
        );
    }
}

#[test]
fn drawing_shows_sectors_markers_and_key() {
    let svg = draw(&end_of_life());
    assert!(svg.contains("class=\"node sector-primary-care\""));
    assert!(svg.contains("class=\"node sector-other\" data-id=\"hospice\""));
    assert!(svg.contains(">HOSPICE</text>"));
    assert!(svg.contains(
        "<a class=\"friction\" href=\"../../findings/finding-1/\" aria-label=\"Friction point 1: "
    ));
    assert!(svg.contains("class=\"legend-entry sector-other\""));
    assert!(svg.contains(">Hospice</text>"));
    assert!(
        !svg.contains("sector-social-care"),
        "only the sectors used are in the key"
    );
    assert!(!svg.contains("<script"));
}

#[test]
fn empty_and_tiny_maps_draw() {
    let empty = Map::default();
    let l = layout(&empty);
    assert!(l.width > 0.0 && l.height > 0.0);
    assert!(draw(&empty).ends_with("</svg>"));
    let mut one = small_discharge();
    one.nodes.truncate(1);
    one.edges.clear();
    assert_sound("one node", &one);
}

#[test]
fn out_of_range_edges_are_skipped() {
    let mut map = small_discharge();
    map.edges[1].to = 99;
    let l = layout(&map);
    assert!(l.edges[1].points.is_empty());
    assert!(draw(&map).ends_with("</svg>"));
}
