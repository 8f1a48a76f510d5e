use super::*;
use crate::anonymity::gate::look::Look;
use crate::anonymity::identifiers::Identifiers;
use crate::model::Participant;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn tools() -> &'static (TermMatcher, ParticipantIds) {
    static TOOLS: OnceLock<(TermMatcher, ParticipantIds)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let ids = Identifiers {
            people: vec!["Tobias Wrenhallow".to_string()],
            places: vec!["Thistlebury".to_string(), "Mardle Vale".to_string()],
            ..Identifiers::default()
        };
        let participants: Vec<Participant> =
            serde_yaml::from_str("- {id: a-gp-1, role: GP, sector: primary-care, borough: a}\n")
                .expect("a registry");
        (TermMatcher::new(&ids), ParticipantIds::new(&participants))
    })
}

fn look() -> Look<'static> {
    let (matcher, ids) = tools();
    Look::new(matcher, ids, Default::default(), false)
}

/// What the gate finds in an SVG file, or why it refuses it.
fn found(svg: &str) -> Result<Vec<String>, &'static str> {
    let look = look();
    let mut texts = look.texts();
    super::super::read("map.svg", svg.as_bytes(), &mut texts)?;
    Ok(look.find(&texts).into_iter().map(|hit| hit.what).collect())
}

fn drawing(pieces: &[&str]) -> String {
    let texts: String = pieces
        .iter()
        .enumerate()
        .map(|(i, p)| format!("<text x=\"{}\" y=\"20\">{p}</text>", 30 * i))
        .collect();
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\">{texts}</svg>")
}

/// Road (docs/anonymity.md, "not caught" before): a name split into
/// three or more pieces of a drawing, each placed by its own attributes,
/// was not read, in order or out of it.
#[test]
fn a_name_or_id_drawn_in_three_or_more_pieces_is_found() {
    for pieces in [
        &["Thi", "stle", "bury"][..],
        &["bury", "Thi", "stle"],
        &["stle", "bury", "Thi"],
        &["Th", "is", "tle", "bu", "ry"],
        &["Mar", "dle V", "ale"],
        &["Ward 3", "Mar", "dle", "Vale Road"],
        &["Tob", "ias Wren", "hallow"],
        // Surname first, as a list of people gives it.
        &["Wren", "hallow, Tob", "ias"],
        &["a-", "gp", "-1"],
        &["Borough A", "-1", "a", "-gp"],
    ] {
        let svg = drawing(pieces);
        let found = found(&svg).expect("readable");
        assert!(!found.is_empty(), "not found: {svg}");
    }
}

/// A participant id with its marks left out (`AGP1` for `a-gp-1`) is
/// found in one piece of a drawing, as anywhere else; across pieces, only
/// with its marks.
#[test]
fn an_id_with_its_marks_left_out_is_found_in_one_piece() {
    for pieces in [&["Step 1", "AGP1"][..], &["A-GP1", "Step 2"], &["agp-1"]] {
        let svg = drawing(pieces);
        let found = found(&svg).expect("readable");
        assert!(found.iter().any(|f| f.contains("id")), "not found: {svg}");
    }
}

/// A drawing's ordinary labels are not taken for names: the letters of a
/// name made of pieces are searched as the words they make.
#[test]
fn ordinary_labels_of_a_drawing_pass() {
    for pieces in [
        &["Referral", "GP", "Borough A", "Borough B", "1", "2", "3"][..],
        // The letters of "thistlebury", in no word of their own.
        &["this", "tle", "burying", "at"],
        &["A", "GP", "1", "Step 1", "Step 2"],
        &["Mardle", "Valet", "Borough A", "a"],
        // A chart's labels make "Borough AGP1", the id with its marks
        // left out, in some order: no reader sees it.
        &["1", "GP", "Borough A", "2"],
    ] {
        let svg = drawing(pieces);
        let found = found(&svg).expect("readable");
        assert!(
            !found
                .iter()
                .any(|f| f.contains("places") || f.contains("id")),
            "{svg}: {found:?}"
        );
    }
}

/// A drawing with more pieces of text than the gate reads two by two is
/// refused, not read in part.
#[test]
fn a_drawing_of_too_many_pieces_of_text_is_refused() {
    let drawing = |n: usize| {
        let pieces: String = (0..n).map(|i| format!("<text x={i}>w{i}</text>")).collect();
        format!("<!doctype html><svg>{pieces}</svg>")
    };
    let read = |html: &str| {
        let mut texts = look().texts();
        crate::anonymity::gate::html::read(html, &mut texts);
        texts.unreadable
    };
    assert_eq!(read(&drawing(MAX_DRAWN + 1)), Some(TOO_MANY_DRAWN));
    assert_eq!(read(&drawing(MAX_DRAWN)), None);
}

/// Pieces that make a name in more ways than the gate reads are refused.
#[test]
fn a_drawing_whose_pieces_make_names_in_too_many_ways_is_refused() {
    // Every piece of "t", "h", "i"…, as many ways as there are
    // orders of the letters written apart.
    let mut pieces: Vec<String> = Vec::new();
    for c in "thistlebury".chars() {
        pieces.push(c.to_string());
        pieces.push(c.to_uppercase().to_string());
        pieces.push(format!("{c}."));
    }
    let refs: Vec<&str> = pieces.iter().map(String::as_str).collect();
    assert_eq!(found(&drawing(&refs)), Err(TOO_MANY_WAYS));
}

/// What the searches find in `blocks` and in pieces of drawings joined,
/// `drawn`: listed terms and ids (by what and which term).
fn terms_in(
    look: &Look,
    blocks: &[String],
    drawn: &[String],
) -> BTreeSet<(String, Option<String>)> {
    look.find_with(blocks, None)
        .into_iter()
        .chain(look.find_drawn(drawn, None))
        .filter(|hit| !hit.what.starts_with("a UK") && !hit.what.starts_with("an "))
        .map(|hit| (hit.what, hit.term.first().cloned()))
        .collect()
}

/// Every order of `pieces`, each joined.
fn every_order(pieces: &[String]) -> Vec<String> {
    if pieces.len() <= 1 {
        return pieces.to_vec();
    }
    let mut all = Vec::new();
    for i in 0..pieces.len() {
        let mut rest = pieces.to_vec();
        let first = rest.remove(i);
        for tail in every_order(&rest) {
            all.push(format!("{first}{tail}"));
        }
    }
    all
}

const SOURCES: &[&str] = &[
    "Thistlebury",
    "Mardle Vale",
    "Tobias Wrenhallow",
    "Wrenhallow, Tobias",
    "T. Wrenhallow",
    "WRENHALLOW Tobias",
    "a-gp-1",
    "A_GP_1",
    "thistle bury",
    "Borough A ward",
    "the vale",
];

/// A name, id or label cut into pieces, with a few pieces of others.
fn pieces() -> impl Strategy<Value = Vec<String>> {
    let cut = (0..SOURCES.len(), prop::collection::vec(1..20usize, 1..=3));
    let others = prop::collection::vec((0..SOURCES.len(), 0..20usize, 1..8usize), 0..=2);
    (cut, others)
        .prop_map(|((source, cuts), others)| {
            let source = SOURCES[source];
            let mut at: Vec<usize> = cuts.into_iter().map(|c| c % source.len()).collect();
            at.retain(|&c| c > 0);
            at.sort_unstable();
            at.dedup();
            let mut pieces = Vec::new();
            let mut from = 0;
            for to in at.into_iter().chain([source.len()]) {
                pieces.push(source[from..to].to_string());
                from = to;
            }
            for (other, start, len) in others {
                let other = SOURCES[other];
                let start = start % other.len();
                let end = (start + len).min(other.len());
                pieces.push(other[start..end].to_string());
            }
            pieces
                .into_iter()
                .map(|p| p.trim().to_string())
                .filter(|p| p.chars().any(char::is_alphanumeric))
                .collect::<Vec<String>>()
        })
        .prop_shuffle()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// The shortcut never misses what the slow way finds: every listed
    /// term and id found in the pieces joined in any order (up to five
    /// pieces) is found in what [`read`] reads of them.
    #[test]
    fn the_ways_read_find_what_every_order_finds(pieces in pieces()) {
        let mut pieces = pieces;
        pieces.sort();
        pieces.dedup();
        prop_assume!(pieces.len() <= 5);
        let look = look();
        let slow = terms_in(&look, &[], &every_order(&pieces));
        let mut texts = look.texts();
        texts.blocks.extend(pieces.iter().cloned());
        read(pieces.clone(), &mut texts);
        prop_assert_eq!(texts.unreadable, None);
        let fast = terms_in(&look, &texts.blocks, &texts.drawn);
        prop_assert!(slow.is_subset(&fast), "{pieces:?}: every order finds {slow:?}, the ways {fast:?}");
    }
}

/// Red team finding F6: the characters of a text placed one by one are
/// read in the order of their places.
#[test]
fn characters_placed_one_by_one_are_read_in_the_order_of_their_places() {
    let order = |text, x, dx| placed_order(text, x, dx, false);
    assert_eq!(
        order(
            "yrubeltsihT",
            Some("76 67 60 51 44 40 35 29 22 17 8 0"),
            None
        ),
        Ok(Some("Thistlebury".to_string()))
    );
    // Past the list, the characters follow the last one placed.
    assert_eq!(
        order("buryThistle", Some("56,64,72,80,0"), None),
        Ok(Some("Thistlebury".to_string()))
    );
    // A move forward or back where the place is given counts.
    assert_eq!(
        order("ab", Some("0 10"), Some("20 0")),
        Ok(Some("ba".to_string()))
    );
    assert_eq!(order("Team", Some("0 8 16 24"), Some("1 1 1 1")), Ok(None));
    assert_eq!(order("Team", Some("10"), Some("1 2 3")), Ok(None));
    assert_eq!(order("Team", Some("10"), None), Ok(None));
    assert_eq!(order("ab", Some("1em 2em"), None), Ok(None));
    assert_eq!(
        order("ab", Some("2em 1em"), None),
        Ok(Some("ba".to_string()))
    );
}

#[test]
fn characters_whose_order_cannot_be_told_are_refused() {
    let order = |text, x, dx| placed_order(text, x, dx, false);
    // Moved back past the places given: by how much each letter is wide.
    assert_eq!(order("Teams", Some("0"), Some("0 0 -30")), Err(UNPLACED));
    // Units that cannot be compared, or no length at all.
    assert_eq!(order("ab", Some("10px 1em"), None), Err(UNPLACED));
    assert_eq!(order("ab", Some("10 x"), None), Err(UNPLACED));
    assert_eq!(order("ab", Some("10 NaN"), None), Err(UNPLACED));
    // A part placed again inside the text.
    assert_eq!(placed_order("ab", Some("0 10"), None, true), Err(UNPLACED));
    // The first character moved back moves the whole text.
    assert_eq!(order("ab", None, Some("-5 0")), Ok(None));
}
