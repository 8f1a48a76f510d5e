//! Test fixtures: realistic pathway maps and a seeded generator of random
//! graphs (xorshift), for the geometry and drawing tests.

use super::{Map, MapEdge, MapNode, Marker};

fn node(id: &str, label: &str, sector: &str) -> MapNode {
    MapNode {
        id: id.to_string(),
        label: label.to_string(),
        sector: sector.to_string(),
        markers: Vec::new(),
    }
}

fn marker(number: usize, title: &str) -> Marker {
    Marker {
        number,
        href: format!("../../findings/finding-{number}/"),
        title: title.to_string(),
        strength: false,
    }
}

/// An edge between the nodes with these ids.
fn edge(nodes: &[MapNode], from: &str, to: &str, label: Option<&str>) -> MapEdge {
    let index = |id: &str| nodes.iter().position(|n| n.id == id).expect("fixture node");
    MapEdge {
        from: index(from),
        to: index(to),
        label: label.map(str::to_string),
        markers: Vec::new(),
    }
}

/// The brief's example: four steps and a readmission closing a cycle.
pub fn small_discharge() -> Map {
    let nodes = vec![
        node("ward", "Hospital ward", "acute"),
        node("d2a", "Discharge to Assess", "community"),
        node("reablement", "Reablement", "social-care"),
        node("home", "Home", "home"),
    ];
    let mut edges = vec![
        edge(&nodes, "ward", "d2a", Some("referral when medically fit")),
        edge(&nodes, "d2a", "reablement", None),
        edge(&nodes, "reablement", "home", None),
        edge(&nodes, "home", "ward", Some("readmission")),
    ];
    edges[0]
        .markers
        .push(marker(1, "Referrals wait for a social worker"));
    Map {
        title: "Discharge from hospital: Riverside".to_string(),
        description: "Discharge pathway in Riverside: 4 steps and 4 hand-offs.".to_string(),
        nodes,
        edges,
    }
}

/// Discharge with branches, a readmission cycle and markers on nodes.
pub fn discharge() -> Map {
    let mut nodes = vec![
        node("ward", "Acute medical ward", "acute"),
        node(
            "hub",
            "Integrated discharge hub (transfer of care)",
            "health",
        ),
        node("d2a", "Discharge to Assess bed", "community"),
        node("reablement", "Reablement at home", "social-care"),
        node("carehome", "Care home, interim placement", "social-care"),
        node("home", "Home", "home"),
        node("gp", "GP practice", "primary-care"),
        node("befriending", "Home from hospital befriending", "voluntary"),
    ];
    nodes[1].markers.push(marker(2, "Hub has no weekend cover"));
    nodes[4]
        .markers
        .push(marker(3, "Interim placements become permanent"));
    nodes[4]
        .markers
        .push(marker(4, "Families not told about charges"));
    let mut edges = vec![
        edge(&nodes, "ward", "hub", Some("referral when medically fit")),
        edge(&nodes, "hub", "d2a", Some("pathway 2")),
        edge(&nodes, "hub", "reablement", Some("pathway 1")),
        edge(&nodes, "hub", "carehome", Some("pathway 3")),
        edge(&nodes, "d2a", "reablement", None),
        edge(&nodes, "reablement", "home", Some("after six weeks")),
        edge(&nodes, "carehome", "home", None),
        edge(&nodes, "home", "gp", Some("discharge summary")),
        edge(&nodes, "home", "befriending", None),
        edge(&nodes, "home", "ward", Some("readmission within 30 days")),
    ];
    edges[0]
        .markers
        .push(marker(1, "Referrals wait for a social worker"));
    edges[9]
        .markers
        .push(marker(5, "Readmissions not fed back to the hub"));
    Map {
        title: "Discharge from hospital: Northgate".to_string(),
        description: "Discharge pathway in Northgate.".to_string(),
        nodes,
        edges,
    }
}

/// Admission avoidance: fan-out and fan-in, no cycle.
pub fn admission_avoidance() -> Map {
    let nodes = vec![
        node("call", "999 or NHS 111 call", "other"),
        node("ucr", "Urgent community response (2-hour)", "community"),
        node("ed", "Emergency department", "acute"),
        node("sdec", "Same-day emergency care", "acute"),
        node("vw", "Virtual ward", "community"),
        node("gp", "GP practice", "primary-care"),
        node("vol", "Age UK home support", "voluntary"),
        node("home", "Stays at home", "home"),
    ];
    let mut edges = vec![
        edge(&nodes, "call", "ucr", Some("falls and frailty referrals")),
        edge(&nodes, "call", "ed", Some("ambulance conveyance")),
        edge(&nodes, "ed", "sdec", None),
        edge(&nodes, "ucr", "vw", Some("step up")),
        edge(&nodes, "sdec", "vw", Some("step down")),
        edge(&nodes, "gp", "ucr", None),
        edge(&nodes, "vw", "home", None),
        edge(&nodes, "ucr", "vol", None),
        edge(&nodes, "vol", "home", None),
    ];
    edges[1]
        .markers
        .push(marker(1, "Crews cannot reach the response team"));
    edges[6]
        .markers
        .push(marker(2, "No step-down capacity at weekends"));
    Map {
        title: "Admission avoidance: Eastfield".to_string(),
        description: "Admission avoidance pathway in Eastfield.".to_string(),
        nodes,
        edges,
    }
}

/// End of life: a long edge skipping three layers, an unknown sector and a self-loop.
pub fn end_of_life() -> Map {
    let nodes = vec![
        node("gp", "GP identifies last year of life", "primary-care"),
        node("acp", "Advance care plan agreed", "primary-care"),
        node("palliative", "Community palliative care team", "community"),
        node("hospice", "Hospice at home", "hospice"),
        node("crisis", "Crisis: 999 call", "other"),
        node("ward", "Hospital ward", "acute"),
        node("die", "Dies in preferred place", "home"),
    ];
    let mut edges = vec![
        edge(&nodes, "gp", "acp", None),
        edge(&nodes, "acp", "palliative", Some("shared care record")),
        edge(&nodes, "palliative", "hospice", None),
        edge(&nodes, "hospice", "crisis", None),
        edge(&nodes, "crisis", "ward", Some("plan not seen by crew")),
        edge(&nodes, "ward", "die", Some("rapid discharge")),
        edge(&nodes, "hospice", "die", None),
        edge(&nodes, "acp", "die", Some("plan followed")),
        edge(&nodes, "palliative", "palliative", Some("weekly review")),
    ];
    edges[4]
        .markers
        .push(marker(1, "Advance care plans invisible to ambulance crews"));
    Map {
        title: "End of life care: Westbury <draft>".to_string(),
        description: "End of life pathway in Westbury.".to_string(),
        nodes,
        edges,
    }
}

/// The realistic maps, by name.
pub fn realistic() -> Vec<(&'static str, Map)> {
    vec![
        ("small discharge", small_discharge()),
        ("discharge", discharge()),
        ("admission avoidance", admission_avoidance()),
        ("end of life", end_of_life()),
    ]
}

/// A xorshift64 generator: the same seed gives the same graphs.
pub struct Xorshift(u64);

impl Xorshift {
    pub fn new(seed: u64) -> Xorshift {
        Xorshift(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "referral",
    "assessment",
    "weekend",
    "care",
    "package",
    "handover",
    "social",
    "worker",
    "bed",
    "review",
    "transport",
    "medication",
    "reablement",
    "therapy",
    "when",
    "fit",
    "for",
    "discharge",
];
const RANDOM_SECTORS: &[&str] = &[
    "acute",
    "community",
    "primary-care",
    "social-care",
    "voluntary",
    "home",
    "health",
    "other",
    "hospice",
];

/// One to `most` words.
fn words(rng: &mut Xorshift, most: usize) -> String {
    let count = 1 + rng.below(most);
    (0..count)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A random map of `n` nodes: a forward spine with extra edges, including
/// back edges, long edges, the odd self-loop, labels and markers.
pub fn random_map(seed: u64, n: usize) -> Map {
    let mut rng = Xorshift::new(seed);
    let mut number = 0;
    let mut next_marker = |rng: &mut Xorshift| {
        number += 1;
        marker(number, &words(rng, 4))
    };
    let nodes: Vec<MapNode> = (0..n)
        .map(|i| {
            let label = words(&mut rng, 5);
            let mut node = node(
                &format!("n{i}"),
                &label,
                RANDOM_SECTORS[rng.below(RANDOM_SECTORS.len())],
            );
            if rng.below(6) == 0 {
                node.markers.push(next_marker(&mut rng));
            }
            node
        })
        .collect();
    let mut edges = Vec::new();
    let extra = n / 2 + rng.below(n / 2 + 1);
    for k in 0..(n - 1 + extra) {
        let (from, to) = if k < n - 1 && rng.below(4) != 0 {
            (k, k + 1)
        } else if rng.below(25) == 0 {
            let v = rng.below(n);
            (v, v)
        } else {
            (rng.below(n), rng.below(n))
        };
        let label = (rng.below(3) == 0).then(|| words(&mut rng, 6));
        let markers = if rng.below(7) == 0 {
            vec![next_marker(&mut rng)]
        } else {
            Vec::new()
        };
        edges.push(MapEdge {
            from,
            to,
            label,
            markers,
        });
    }
    Map {
        title: format!("Random map {seed}"),
        description: format!("{n} nodes"),
        nodes,
        edges,
    }
}

/// Awkward input: empty and overlong labels, many markers, self-loops,
/// duplicate and opposite edges, blank edge labels.
pub fn awkward() -> Map {
    let mut nodes = vec![
        node("a", "", "acute"),
        node("b", "Supercalifragilisticexpialidociousandthensome", ""),
        node("c", "Care", "social-care"),
        node("d", "  spaced   out   label  ", "voluntary"),
    ];
    for number in 1..=8 {
        nodes[2].markers.push(marker(number, "Many problems here"));
    }
    let mut edges = vec![
        edge(&nodes, "a", "b", Some("   ")),
        edge(&nodes, "a", "b", Some("the same hand-off again")),
        edge(&nodes, "b", "a", Some("and straight back")),
        edge(&nodes, "c", "c", Some("weekly review of the care package")),
        edge(&nodes, "c", "c", None),
        edge(&nodes, "b", "c", None),
        edge(&nodes, "c", "d", None),
        edge(&nodes, "a", "d", Some("a long way round")),
        edge(&nodes, "d", "a", None),
    ];
    edges[4].markers.push(marker(9, "Loop problem"));
    edges[6].markers = (10..=13).map(|n| marker(n, "Edge problems")).collect();
    Map {
        title: String::new(),
        description: String::new(),
        nodes,
        edges,
    }
}
