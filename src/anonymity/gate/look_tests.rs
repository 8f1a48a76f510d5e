//! The flow searched in pieces, each distinct piece once and those found
//! clean before passed over, finds what the flow searched whole finds.

use super::*;
use crate::anonymity::identifiers::Identifiers;
use crate::model::Participant;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Terms and ids that hold punctuation, so that some characters part
/// hits and others do not.
fn tools() -> &'static (TermMatcher, ParticipantIds) {
    static TOOLS: OnceLock<(TermMatcher, ParticipantIds)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let ids = Identifiers {
            people: vec![
                "Marjorie Quillfeather".to_string(),
                "Dr Ann O'Neill-Smith".to_string(),
                "José Núñez".to_string(),
            ],
            places: vec![
                "Thistlebury".to_string(),
                "Bow".to_string(),
                "Bow Common".to_string(),
                "St. Mary's".to_string(),
            ],
            organisations: vec!["Smith & Jones (Care)".to_string(), "Ward #7".to_string()],
            ..Identifiers::default()
        };
        let participants: Vec<Participant> = serde_yaml::from_str(
            "- {id: a-sw-1, role: Social worker, sector: social-care, borough: a}\n\
             - {id: B_GP_2, role: GP, sector: primary-care, borough: b}\n\
             - {id: c/n/3, role: Nurse, sector: health, borough: c}\n",
        )
        .expect("a registry");
        (TermMatcher::new(&ids), ParticipantIds::new(&participants))
    })
}

/// What a flow searched whole holds: full hits of terms (with the forms
/// allowances are matched against), ids and addresses.
fn whole(look: &Look, flow: &str) -> BTreeSet<(String, Vec<String>)> {
    let mut found = BTreeSet::new();
    for hit in look.matcher.find(flow) {
        if !hit.partial {
            let term = vec![
                normalise(look.matcher.term(&hit)),
                normalise(&flow[hit.range.clone()]),
            ];
            found.insert((
                format!("a term from the identifiers list ({})", hit.list.name()),
                term,
            ));
        }
    }
    for _ in look.ids.find(flow) {
        found.insert(("a participant id".to_string(), Vec::new()));
    }
    for hit in patterns::find_patterns(flow) {
        if hit.kind == patterns::PatternKind::Email {
            found.insert((hit.kind.describe().to_string(), Vec::new()));
        }
    }
    found
}

fn in_pieces(look: &Look, flow: &str, clean: &Clean) -> BTreeSet<(String, Vec<String>)> {
    look.find_flowing(flow, Some(clean))
        .into_iter()
        .map(|hit| (hit.what, hit.term))
        .collect()
}

/// What flows are made of: the terms, their parts and their neighbours,
/// every kind of separator, hyphens that join words, invisible characters
/// and marks, and characters that part hits or do not.
fn pieces() -> Vec<&'static str> {
    let mut pieces = vec![
        "Marjorie",
        "Quill",
        "feather",
        "Quillfeather",
        "Marjorie Quillfeather",
        "Ann",
        "O'Neill",
        "O\u{2019}Neill",
        "Smith",
        "-Smith",
        "Dr ",
        "Jos",
        "é",
        "e\u{301}",
        "Núñez",
        "Thistle",
        "bury",
        "Bow",
        "Common",
        "St",
        "Mary",
        "'s",
        "s'",
        "Jones",
        "(Care)",
        "Ward",
        "#7",
        "7",
        "a-sw-1",
        "A-SW-",
        "1",
        "b_gp_2",
        "c/n/3",
        "jo@example.org",
        "@",
        "\u{ff20}",
        "example",
        ".org",
        " ",
        "  ",
        "\n",
        "\t",
        "\u{a0}",
        "-",
        "- \n",
        "\u{2010}",
        ".",
        "\u{ad}",
        "\u{200b}",
        "\u{301}",
        "x",
        "q",
    ];
    // Every ASCII mark and the marks tried as parting.
    let marks: Vec<&'static str> = (0x21u8..0x7f)
        .map(char::from)
        .filter(|c| !c.is_ascii_alphanumeric())
        .chain("\u{201c}\u{201d}\u{ab}\u{bb}\u{2022}\u{2026}\u{b7}\u{b6}\u{a7}\u{a9}\u{d7}".chars())
        .map(|c| &*Box::leak(c.to_string().into_boxed_str()))
        .collect();
    pieces.extend(marks);
    pieces
}

/// The terms, ids and an address as they are listed or written.
const SECRETS: &[&str] = &[
    "Marjorie Quillfeather",
    "Dr Ann O'Neill-Smith",
    "Ann O\u{2019}Neill Smith",
    "José Núñez",
    "Thistlebury",
    "Bow Common",
    "St. Mary's",
    "Smith & Jones (Care)",
    "Ward #7",
    "a-sw-1",
    "B_GP_2",
    "c/n/3",
    "jo@example.org",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_flow_in_pieces_holds_what_it_holds_whole(
        before in prop::collection::vec(prop::sample::select(pieces()), 0..12),
        secret in prop::sample::select(SECRETS.to_vec()),
        inside in prop::collection::vec((0..40usize, prop::sample::select(pieces())), 0..3),
        after in prop::collection::vec(prop::sample::select(pieces()), 0..12),
    ) {
        static WARM: OnceLock<Clean> = OnceLock::new();
        let (matcher, ids) = tools();
        let look = Look::new(matcher, ids, Default::default(), false);
        // A term, id or address with pieces put inside it, among others.
        let mut secret = secret.to_string();
        for (at, piece) in inside {
            let at = (0..=at % (secret.len() + 1)).rev().find(|&i| secret.is_char_boundary(i)).unwrap_or(0);
            secret.insert_str(at, piece);
        }
        let flow = format!("{}{secret}{}", before.concat(), after.concat());
        let expected = whole(&look, &flow);
        prop_assert_eq!(&in_pieces(&look, &flow, &Clean::default()), &expected, "in {:?}", flow);
        // With pieces found clean in other flows passed over.
        let warm = WARM.get_or_init(Clean::default);
        prop_assert_eq!(&in_pieces(&look, &flow, warm), &expected, "warm, in {:?}", flow);
    }
}

#[test]
fn what_a_term_or_id_holds_does_not_part() {
    let (matcher, ids) = tools();
    let look = Look::new(matcher, ids, Default::default(), false);
    for c in [
        '&', '(', ')', '#', '/', '\'', '.', '-', '_', ' ', 'a', '7', '\u{2019}',
    ] {
        assert!(!look.parting.parts(c), "{c:?} parts");
    }
    for c in [',', ';', ':', '|', '<', '>', '"', '\u{201c}', '\u{2026}'] {
        assert!(look.parting.parts(c), "{c:?} does not part");
    }
    // A name across a mark that parts nothing is found; across one that
    // parts, it is not there to find.
    let clean = Clean::default();
    assert!(!in_pieces(&look, "see Smith & Jones (Care) now", &clean).is_empty());
    assert!(in_pieces(&look, "Thistle|bury", &clean).is_empty());
    assert!(!in_pieces(&look, "Thistle\u{ad}bury", &clean).is_empty());
}

/// Pieces of the text where blocks meet: numbers in groups, dashes and
/// spaces of every kind, postcodes, NI numbers and dates.
const NUMBER_PIECES: &[&str] = &[
    "020",
    "7946",
    "0958",
    "07700",
    "900",
    "123",
    "+44",
    "(0)",
    " ",
    "-",
    "\u{2013}",
    "\u{a0}",
    "\u{2009}",
    "SW1A",
    "1AA",
    "sw1a 1aa",
    "AB",
    "12",
    "34",
    "56",
    "C",
    "943",
    "476",
    "5919",
    "03/03/1961",
    "born",
    "DOB",
    "ring",
    ".",
    "/",
    "jo@example.org",
    "\u{b6}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The texts where blocks meet, searched in one go with those found
    /// clean before passed over, hold what each searched alone holds.
    #[test]
    fn numbers_searched_together_are_found_as_apart(
        windows in prop::collection::vec(
            prop::collection::vec(prop::sample::select(NUMBER_PIECES.to_vec()), 1..8),
            1..6,
        ),
    ) {
        static WARM: OnceLock<Clean> = OnceLock::new();
        let windows: Vec<String> = windows.iter().map(|w| w.concat()).collect();
        let what = |hits: Vec<Hit>| hits.into_iter().map(|h| h.what).collect::<BTreeSet<_>>();
        let apart: BTreeSet<String> = windows
            .iter()
            .flat_map(|w| what(find_numbers(std::slice::from_ref(w), None)))
            .collect();
        prop_assert_eq!(&what(find_numbers(&windows, None)), &apart);
        let warm = WARM.get_or_init(Clean::default);
        prop_assert_eq!(&what(find_numbers(&windows, Some(warm))), &apart);
    }
}
