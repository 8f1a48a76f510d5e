use super::normalise::Normalised;
use super::*;
use std::collections::BTreeMap;

fn ids(people: &[&str], places: &[&str], organisations: &[&str]) -> Identifiers {
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    Identifiers {
        people: own(people),
        places: own(places),
        organisations: own(organisations),
        replace: BTreeMap::new(),
    }
}

fn example() -> TermMatcher {
    let mut ids = ids(
        &["Jane Example", "Dr Samuel Placeholder", "Zoë Sample"],
        &[
            "Exampleton",
            "St Imaginary's Hospital",
            "St Mary-le-Bow",
            "Bow",
        ],
        &["Example Health NHS Trust"],
    );
    ids.replace
        .insert("Exampleton".to_string(), "Borough A".to_string());
    TermMatcher::new(&ids)
}

/// (found text, term as listed, partial) for every hit.
fn found<'a>(m: &'a TermMatcher, text: &'a str) -> Vec<(&'a str, &'a str, bool)> {
    m.find(text)
        .into_iter()
        .map(|h| (&text[h.range.clone()], m.term(&h), h.partial))
        .collect()
}

fn full_hit<'a>(m: &'a TermMatcher, text: &'a str) -> Option<(&'a str, &'a str)> {
    let hits = found(m, text);
    match hits.as_slice() {
        [(found, term, false)] => Some((found, term)),
        _ => None,
    }
}

#[test]
fn list_names() {
    assert_eq!(List::People.name(), "people");
    assert_eq!(List::Places.name(), "places");
    assert_eq!(List::Organisations.name(), "organisations");
}

#[test]
fn normalise_is_canonical() {
    assert_eq!(normalise("  Zoë  "), "zoe");
    assert_eq!(normalise("Zoe\u{308}"), "zoe");
    assert_eq!(normalise("ZOË"), "zoe");
    assert_eq!(normalise("St Mary-le-Bow"), "st mary le bow");
    assert_eq!(
        normalise("St. Imaginary’s Hospital"),
        "st imaginary's hospital"
    );
    assert_eq!(
        normalise("Dr. Samuel\u{a0}Placeholder"),
        "dr samuel placeholder"
    );
    assert_eq!(normalise("Łukasz Søren"), "lukasz soren");
    assert_eq!(normalise(" \t\n"), "");
    assert_eq!(normalise("Exam\u{ad}pleton"), "exampleton");
}

#[test]
fn whole_term_case_insensitive() {
    let m = example();
    let text = "Staff at EXAMPLETON said so.";
    assert_eq!(full_hit(&m, text), Some(("EXAMPLETON", "Exampleton")));
    let hits = m.find(text);
    assert_eq!(hits[0].list, List::Places);
    assert_eq!(m.replacement(&hits[0]), Some("Borough A"));
}

#[test]
fn whole_words_only() {
    let m = example();
    for text in [
        "my elbow hurts",
        "Bowling club",
        "Bows and arrows",
        "rainbow",
    ] {
        assert_eq!(found(&m, text), vec![], "{text}");
    }
    assert_eq!(full_hit(&m, "born in Bow, 1950"), Some(("Bow", "Bow")));
    assert_eq!(full_hit(&m, "(Bow)"), Some(("Bow", "Bow")));
}

#[test]
fn first_name_inside_longer_word_is_not_a_hit() {
    let m = example();
    assert_eq!(found(&m, "Janet and Examples of practice"), vec![]);
}

#[test]
fn accents_both_ways() {
    let listed_accented = example();
    assert_eq!(
        full_hit(&listed_accented, "Zoe Sample said"),
        Some(("Zoe Sample", "Zoë Sample"))
    );
    let decomposed = "Zoe\u{308} Sample said";
    assert_eq!(
        full_hit(&listed_accented, decomposed),
        Some(("Zoe\u{308} Sample", "Zoë Sample"))
    );
    let listed_plain = TermMatcher::new(&ids(&["Zoe Sample"], &[], &[]));
    assert_eq!(
        full_hit(&listed_plain, "ZOË SAMPLE said"),
        Some(("ZOË SAMPLE", "Zoe Sample"))
    );
}

#[test]
fn possessives() {
    let m = example();
    for (text, expected) in [
        ("Jane Example's view", "Jane Example"),
        ("Jane Example’s view", "Jane Example"),
        ("Exampleton's wards", "Exampleton"),
        ("EXAMPLETON’S wards", "EXAMPLETON"),
    ] {
        assert_eq!(full_hit(&m, text).map(|h| h.0), Some(expected), "{text}");
    }
    // The plural possessive of a last name is that name alone: a partial hit.
    assert_eq!(
        found(&m, "the Examples' house"),
        vec![("Example", "Jane Example", true)]
    );
    assert_eq!(found(&m, "the Examplesx house"), vec![]);
}

#[test]
fn apostrophe_variants_in_terms() {
    let m = example();
    for text in [
        "at St Imaginary's Hospital",
        "at St Imaginary’s Hospital",
        "at St Imaginaryʼs Hospital",
        "at St. Imaginary‘s  Hospital",
    ] {
        let hits = found(&m, text);
        assert_eq!(hits.len(), 1, "{text}");
        assert_eq!(hits[0].1, "St Imaginary's Hospital");
        assert_eq!(hits[0].0, &text[3..]);
    }
}

#[test]
fn hyphen_space_and_line_break_variants() {
    let m = example();
    assert_eq!(
        full_hit(&m, "an Exampleton-based team"),
        Some(("Exampleton", "Exampleton"))
    );
    assert_eq!(
        full_hit(&m, "said Jane\n    Example, who"),
        Some(("Jane\n    Example", "Jane Example"))
    );
    assert_eq!(
        full_hit(&m, "said Jane   Example."),
        Some(("Jane   Example", "Jane Example"))
    );
    assert_eq!(
        full_hit(&m, "said Jane\u{a0}Example."),
        Some(("Jane\u{a0}Example", "Jane Example"))
    );
    assert_eq!(
        full_hit(&m, "Jane-Example"),
        Some(("Jane-Example", "Jane Example"))
    );
    assert_eq!(
        full_hit(&m, "near St Mary le Bow"),
        Some(("St Mary le Bow", "St Mary-le-Bow"))
    );
    assert_eq!(
        full_hit(&m, "near St Mary–le–Bow!"),
        Some(("St Mary–le–Bow", "St Mary-le-Bow"))
    );
}

#[test]
fn dotted_titles() {
    let m = example();
    assert_eq!(
        full_hit(&m, "Dr. Samuel Placeholder agreed"),
        Some(("Dr. Samuel Placeholder", "Dr Samuel Placeholder"))
    );
    // Without the title the name is still the full name.
    assert_eq!(
        full_hit(&m, "Samuel Placeholder agreed"),
        Some(("Samuel Placeholder", "Dr Samuel Placeholder"))
    );
}

#[test]
fn partial_names_are_flagged_as_partial() {
    let m = example();
    assert_eq!(
        found(&m, "Jane said that Example agreed"),
        vec![
            ("Jane", "Jane Example", true),
            ("Example", "Jane Example", true)
        ]
    );
    assert_eq!(
        found(&m, "Placeholder, said Samuel"),
        vec![
            ("Placeholder", "Dr Samuel Placeholder", true),
            ("Samuel", "Dr Samuel Placeholder", true)
        ]
    );
    let hits = m.find("Jane said");
    assert_eq!(hits[0].list, List::People);
}

#[test]
fn full_name_hides_its_parts() {
    let m = example();
    assert_eq!(
        found(&m, "Jane Example and Jane"),
        vec![
            ("Jane Example", "Jane Example", false),
            ("Jane", "Jane Example", true)
        ]
    );
}

#[test]
fn no_partials_for_titles_short_names_or_one_word_entries() {
    let m = TermMatcher::new(&ids(&["Dr Al Li", "Madonna", "Mrs Okafor"], &[], &[]));
    assert_eq!(found(&m, "Dr said Al and Li"), vec![]);
    assert_eq!(found(&m, "Mrs said"), vec![]);
    assert_eq!(found(&m, "Madonna"), vec![("Madonna", "Madonna", false)]);
    assert_eq!(found(&m, "Okafor"), vec![("Okafor", "Mrs Okafor", true)]);
    assert_eq!(
        found(&m, "Mrs. Okafor"),
        vec![("Mrs. Okafor", "Mrs Okafor", false)]
    );
}

#[test]
fn organisations_and_longest_match() {
    let m = example();
    let text = "Example Health NHS Trust runs it";
    let hits = m.find(text);
    assert_eq!(hits.len(), 1);
    assert_eq!(&text[hits[0].range.clone()], "Example Health NHS Trust");
    assert_eq!(hits[0].list, List::Organisations);
    assert!(!hits[0].partial);
    assert_eq!(m.replacement(&hits[0]), None);
}

#[test]
fn failed_longer_candidate_does_not_hide_shorter_one() {
    let m = TermMatcher::new(&ids(&[], &["Bow", "Bow Common"], &[]));
    assert_eq!(found(&m, "Bow Commonwealth"), vec![("Bow", "Bow", false)]);
    assert_eq!(
        found(&m, "Bow Common"),
        vec![("Bow Common", "Bow Common", false)]
    );
}

#[test]
fn empty_terms_are_ignored() {
    let m = TermMatcher::new(&ids(&["", "  "], &["\n"], &[]));
    assert!(m.is_empty());
    assert_eq!(m.find("anything at all"), vec![]);
    assert!(TermMatcher::new(&Identifiers::default()).is_empty());
    assert!(!example().is_empty());
}

#[test]
fn duplicate_terms_keep_the_first_full_listing() {
    let m = TermMatcher::new(&ids(&["Jane Example", "Jane"], &["Jane"], &[]));
    let hits = m.find("Jane");
    assert_eq!(hits.len(), 1);
    assert!(!hits[0].partial);
    assert_eq!(m.term(&hits[0]), "Jane");
    assert_eq!(hits[0].list, List::People);
}

#[test]
fn replacements_match_normalised_keys() {
    let mut ids = ids(&["Jane Example"], &["Exampleton"], &[]);
    ids.replace
        .insert("jane  example".to_string(), "Participant 3".to_string());
    ids.replace
        .insert("Nowhere".to_string(), "Borough Z".to_string());
    let m = TermMatcher::new(&ids);
    let hits = m.find("Jane Example and Jane");
    assert_eq!(m.replacement(&hits[0]), Some("Participant 3"));
    assert_eq!(m.replacement(&hits[1]), Some("Participant 3"));
    assert_eq!(ids.unlisted_replacements(), vec!["Nowhere"]);
}

#[test]
fn ranges_map_back_to_multibyte_text() {
    let m = example();
    let text = "« Zoë Sample » — and “Exampleton’s” own";
    assert_eq!(
        found(&m, text),
        vec![
            ("Zoë Sample", "Zoë Sample", false),
            ("Exampleton", "Exampleton", false)
        ]
    );
}

#[test]
fn redactions_and_pseudonyms_are_not_hits() {
    let m = example();
    assert_eq!(found(&m, "[name] from Borough A at [hospital]"), vec![]);
}

/// A pronounceable made-up word for `n`, from letters that never spell the
/// filler text's words.
fn made_up_word(mut n: usize) -> String {
    const SYLLABLES: [&str; 8] = ["ka", "lo", "mi", "ru", "te", "zan", "vo", "phi"];
    let mut word = String::new();
    for _ in 0..4 {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap().to_uppercase();
    first.chain(chars).collect()
}

#[test]
fn scales_to_thousands_of_names_and_a_megabyte() {
    let people: Vec<String> = (0..2000)
        .map(|i| format!("{} {}", made_up_word(i), made_up_word(i + 2000)))
        .collect();
    let ids = Identifiers {
        people: people.clone(),
        ..Identifiers::default()
    };
    let m = TermMatcher::new(&ids);
    let filler = "The quick brown fox jumps over the lazy dog; nobody is named here.\n";
    let mut text = filler.repeat(1_000_000 / filler.len());
    let planted_at = text.len() / 2 - (text.len() / 2) % filler.len();
    let name = people[1234].replace(' ', "\n  ");
    text.insert_str(planted_at, &format!("{name} "));
    let hits = m.find(&text);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].range, planted_at..planted_at + name.len());
    assert_eq!(m.term(&hits[0]), people[1234]);
    assert!(!hits[0].partial);
}

#[test]
fn the_ascii_fast_path_normalises_as_the_general_one_does() {
    for c in (0u8..128).map(char::from) {
        for text in [
            format!("{c}"),
            format!("Ab{c}Cd"),
            format!("a.{c} x"),
            format!(" {c}{c}z9"),
        ] {
            let fast = Normalised::of_with(&text, true, true);
            let general = Normalised::of_with(&text, false, true);
            assert_eq!(fast.text, general.text, "{text:?}");
            assert_eq!(fast.origin, general.origin, "{text:?}");
            let untracked = Normalised::of_with(&text, true, false);
            assert_eq!(untracked.text, fast.text, "{text:?}");
            assert!(untracked.origin.is_empty());
        }
    }
}

#[test]
fn the_ascii_fast_path_agrees_with_the_general_one_on_mixed_text() {
    let alphabet: Vec<String> = "aZk9 \n\t-_.`',;\u{b}éÉ’\u{301}\u{AD}\u{A0}–ßﬁ"
        .chars()
        .map(String::from)
        .collect();
    let mut made_up = crate::made_up::Sequence::new(0x2545_f491_4f6c_dd1d);
    for _ in 0..20_000 {
        let text = made_up.text(&alphabet, 24);
        let fast = Normalised::of_with(&text, true, true);
        let general = Normalised::of_with(&text, false, true);
        assert_eq!(fast.text, general.text, "{text:?}");
        assert_eq!(fast.origin, general.origin, "{text:?}");
        assert_eq!(
            Normalised::of_with(&text, true, false).text,
            fast.text,
            "{text:?}"
        );
    }
}

/// What an Aho-Corasick automaton over the same strings finds, every
/// occurrence overlapping, as the search did before the trie.
fn found_by_an_automaton(m: &TermMatcher, text: &str) -> Vec<TermHit> {
    let automaton = aho_corasick::AhoCorasick::new(&m.strings).unwrap();
    m.find_with(text, |norm| {
        automaton
            .find_overlapping_iter(norm)
            .map(|found| (found.start()..found.end(), found.pattern().as_usize()))
            .collect()
    })
}

#[test]
fn the_trie_finds_what_an_automaton_finds() {
    let words = [
        "ann",
        "anne",
        "bow",
        "common",
        "o'neil",
        "s",
        "dr",
        "mary-jane",
        "zoë",
        "ßa",
        "9",
        "αβ",
        "x",
    ];
    let between = [
        " ", " ", "-", "'", "’", ".", "\n", "", "s ", "'s ", "é", "(", "[name] ",
    ];
    let mut made_up = crate::made_up::Sequence::new(0x1234_5678_9abc_def1);
    let leading = ["", "", "", "'", "(", "’", "-"];
    let term = |made_up: &mut crate::made_up::Sequence| {
        let mut term = leading[made_up.below(leading.len())].to_string();
        for i in 0..1 + made_up.below(3) {
            if i > 0 {
                term.push_str(between[made_up.below(3)]);
            }
            term.push_str(words[made_up.below(words.len())]);
        }
        term
    };
    let mut hits = 0;
    for _ in 0..2_000 {
        let ids = Identifiers {
            people: (0..made_up.below(5)).map(|_| term(&mut made_up)).collect(),
            places: (0..made_up.below(3)).map(|_| term(&mut made_up)).collect(),
            organisations: (0..made_up.below(2)).map(|_| term(&mut made_up)).collect(),
            ..Identifiers::default()
        };
        let m = TermMatcher::new(&ids);
        for _ in 0..10 {
            let mut text = String::new();
            for _ in 0..made_up.below(12) {
                text.push_str(between[made_up.below(between.len())]);
                text.push_str(words[made_up.below(words.len())]);
            }
            let now = m.find_plain(&text);
            assert_eq!(now, found_by_an_automaton(&m, &text), "{text:?} in {ids:?}");
            hits += now.len();
        }
    }
    // The texts were such that many hold a term.
    assert!(hits > 2_000, "{hits}");
}

/// Defect (red team): a hyphen inside a one-word term hid it
/// (`Thistle-bury`, `Thistle-` at a line end and `bury` on the next).
#[test]
fn a_hyphen_between_letters_also_joins_the_word() {
    let ids = Identifiers {
        people: vec!["Marjorie Quillfeather".into()],
        places: vec!["Thistlebury".into(), "Bow".into()],
        ..Identifiers::default()
    };
    let m = TermMatcher::new(&ids);
    let found = |text: &str| -> Vec<(String, bool)> {
        m.find(text)
            .into_iter()
            .map(|h| (text[h.range.clone()].to_string(), h.partial))
            .collect()
    };
    let one = |s: &str| vec![(s.to_string(), false)];
    assert_eq!(found("in Thistle-bury."), one("Thistle-bury"));
    assert_eq!(found("in Thistle-\n  bury."), one("Thistle-\n  bury"));
    assert_eq!(found("Zoë and Thistle‐bury"), one("Thistle‐bury"));
    assert_eq!(
        found("Marjorie Quill-feather"),
        one("Marjorie Quill-feather")
    );
    // Still a word boundary: the plain hits stand, and no word is made up.
    assert_eq!(found("Thistlebury-based"), one("Thistlebury"));
    assert_eq!(found("an el-bow"), one("bow"));
    assert!(found("a co-located team, a-sw-1, re- bury").is_empty());
}

/// A listed person's first and last names together are the full name to a
/// reader: in either order, with a middle name, an initial or a nickname
/// between, or one of them as an initial (red team, round 12).
#[test]
fn first_and_last_names_together_are_the_full_name() {
    let m = TermMatcher::new(&ids(&["Marjorie Anne Quillfeather"], &[], &[]));
    for text in [
        "signed Marjorie Quillfeather today",
        "signed Quillfeather, Marjorie (district nurse)",
        "signed QUILLFEATHER Marjorie",
        "signed Marjorie J. Quillfeather",
        "signed Marjorie Joan Louise Quillfeather",
        "signed Marjorie \"Midge\" Quillfeather",
        "signed Marjorie (midge) Quillfeather",
        "signed Marjorie \u{201c}Quillfeather\u{201d}",
        "signed M. Quillfeather",
        "signed M Quillfeather",
        "signed Marjorie Q. at the end",
        "| Quillfeather | Marjorie |",
    ] {
        let hits = found(&m, text);
        assert!(
            hits.iter()
                .any(|&(_, term, partial)| !partial && term == "Marjorie Anne Quillfeather"),
            "{text}: {hits:?}"
        );
    }
}

/// Two names of one person apart in a sentence, or beside a word that is
/// no initial, stay partial: each may be someone else.
#[test]
fn names_apart_stay_partial() {
    let m = TermMatcher::new(&ids(
        &["Marjorie Quillfeather", "Ann Ashworth"],
        &["Thistlebury"],
        &[],
    ));
    for text in [
        "Marjorie said that Quillfeather agreed",
        "Quillfeather, said Marjorie",
        "Marjorie, a nurse, and Quillfeather met",
        "Marjorie and the other three Quillfeather cousins",
        "Marjorie Q came",
        "A Quillfeather came",
        "Ann a Ashworth",
        "I Ashworth",
        "Marjorie 2 Quillfeather",
        "Marjorie Thistlebury Quillfeather",
    ] {
        let hits = found(&m, text);
        let people = hits.iter().filter(|h| h.1 != "Thistlebury");
        assert!(
            people.clone().all(|&(_, _, partial)| partial),
            "{text}: {hits:?}"
        );
    }
    // An initial that is not the other name's stays partial too.
    assert!(found(&m, "T. Quillfeather").iter().all(|h| h.2));
    assert!(found(&m, "A. Ashworth").iter().any(|h| !h.2));
}

/// A last name and the first name's initial after it, as reference lists
/// give an author, is the person (red team, round 18).
#[test]
fn a_surname_then_the_initial_is_the_full_name() {
    let m = TermMatcher::new(&ids(&["Marjorie Quillfeather"], &[], &[]));
    for (text, found_text) in [
        ("Quillfeather, M. (2019). Audit.", "Quillfeather, M"),
        ("Quillfeather M. Audit. 2019.", "Quillfeather M"),
        ("Quillfeather M, Smith J. Audit.", "Quillfeather M"),
        ("Quillfeather, M. J. (2019)", "Quillfeather, M"),
        ("Quillfeather M J (2019)", "Quillfeather M"),
        ("Quillfeather MJ, Smith A. Audit.", "Quillfeather MJ"),
        ("Smith, J. and Quillfeather, M.", "Quillfeather, M"),
        ("(Quillfeather, M)", "Quillfeather, M"),
        ("Quillfeather,M.", "Quillfeather,M"),
        ("QUILLFEATHER, M.", "QUILLFEATHER, M"),
        ("by Quillfeather M", "Quillfeather M"),
        ("Quillfeather\u{a0}M.", "Quillfeather\u{a0}M"),
        ("Quillfeather, M.; Smith, J.", "Quillfeather, M"),
        ("| Quillfeather | M. |", "Quillfeather | M"),
    ] {
        assert_eq!(
            full_hit(&m, text),
            Some((found_text, "Marjorie Quillfeather")),
            "{text}: {:?}",
            found(&m, text)
        );
    }
}

/// A capital after a last name that starts a word, or is another
/// person's initial, or a post-nominal, leaves the last name alone.
#[test]
fn a_surname_then_a_word_stays_partial() {
    let m = TermMatcher::new(&ids(&["Marjorie Quillfeather"], &[], &[]));
    for text in [
        "Quillfeather Memorial Hall",
        "Quillfeather M is the ward",
        "Quillfeather M-ward",
        "Quillfeather M's team",
        "Quillfeather, T. (2019)",
        "Quillfeather, m. (2019)",
        "Quillfeather MBE",
        "Quillfeather MD, Smith J",
        "Quillfeather M 2019",
        "Quillfeather M J Smith",
        "Quillfeather. M is next",
        "QUILLFEATHER MAY, HOWEVER, AGREE",
        "Quillfeather\n\u{b6}\nM.",
    ] {
        let hits = found(&m, text);
        assert!(hits.iter().all(|h| h.2), "{text}: {hits:?}");
    }
}

/// The first name's initial and a last name run together, as a handle or
/// a login gives them, or joined by a full stop or an underscore, in any
/// case, are the person (red team, round 18).
#[test]
fn an_initial_and_surname_run_together_are_the_full_name() {
    let m = TermMatcher::new(&ids(
        &["Marjorie Quillfeather", "Eve Anne Ottercombe"],
        &[],
        &[],
    ));
    for (text, found_text, term) in [
        (
            "by @MQuillfeather.",
            "MQuillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "as mquillfeather on",
            "mquillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "as MQUILLFEATHER on",
            "MQUILLFEATHER",
            "Marjorie Quillfeather",
        ),
        (
            "as quillfeatherm on",
            "quillfeatherm",
            "Marjorie Quillfeather",
        ),
        (
            "as QuillfeatherM on",
            "QuillfeatherM",
            "Marjorie Quillfeather",
        ),
        (
            "mquillfeather's desk",
            "mquillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "as m_quillfeather on",
            "m_quillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "as m.quillfeather on",
            "m.quillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "as quillfeather_m on",
            "quillfeather_m",
            "Marjorie Quillfeather",
        ),
        (
            "as quillfeather.m on",
            "quillfeather.m",
            "Marjorie Quillfeather",
        ),
        (
            "as m-quillfeather on",
            "m-quillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "as m__quillfeather on",
            "m__quillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "see eaottercombe here",
            "eaottercombe",
            "Eve Anne Ottercombe",
        ),
        (
            "see ottercombeea here",
            "ottercombeea",
            "Eve Anne Ottercombe",
        ),
        ("see eottercombe here", "eottercombe", "Eve Anne Ottercombe"),
    ] {
        assert_eq!(
            full_hit(&m, text),
            Some((found_text, term)),
            "{text}: {:?}",
            found(&m, text)
        );
    }
}

/// Run together with a short last name, or with another letter, or as an
/// ordinary word a last name and an initial may spell, or a plural of the
/// last name, they are not read as the person; an ordinary word is read
/// only where its capital shows the join.
#[test]
fn run_together_lookalikes_are_not_the_person() {
    let m = TermMatcher::new(&ids(
        &[
            "Jo Lee",
            "Al Ho",
            "Alan Long",
            "Sam Hall",
            "Nina Brow",
            "Sam Wood",
            "Tom Rain",
        ],
        &[],
        &[],
    ));
    for text in [
        "aho",
        "along the corridor",
        "ALONG",
        "Along",
        "we shall see",
        "SHALL",
        "a brown door",
        "the woods",
        "Woods said",
        "a train",
        "brain",
        "drain",
        "j_lee",
        "a_ho",
        "lee.j",
        "slong",
        "xlong",
    ] {
        assert!(
            found(&m, text).iter().all(|h| h.2),
            "{text}: {:?}",
            found(&m, text)
        );
    }
    for (text, found_text) in [
        ("@ALong", "ALong"),
        ("aLong", "aLong"),
        ("SHall", "SHall"),
        ("HallS", "HallS"),
        ("WoodS", "WoodS"),
        ("TRain", "TRain"),
        ("a_long", "a_long"),
        ("long.a", "long.a"),
    ] {
        assert!(
            found(&m, text)
                .iter()
                .any(|&(written, _, partial)| !partial && written == found_text),
            "{text}: {:?}",
            found(&m, text)
        );
    }
    // The last name alone stays a warning.
    assert_eq!(found(&m, "Long said"), vec![("Long", "Alan Long", true)]);
}

/// Another listing of a run-together form's string stands over it: a
/// listed place spelt as an ordinary word is read in any case.
#[test]
fn a_listed_term_stands_over_a_run_together_form() {
    let m = TermMatcher::new(&ids(&["Alan Long"], &["Along"], &[]));
    assert_eq!(full_hit(&m, "in along"), Some(("along", "Along")));
}

/// A listed person's handle of other shapes: a title run on to the last
/// name, the first name with the last name's initial after it (run
/// together or joined by a full stop or an underscore), and the initial
/// run on to a short last name (open roads, round 21).
#[test]
fn handles_of_titles_first_names_and_short_last_names_are_the_person() {
    let m = TermMatcher::new(&ids(
        &[
            "Dr Tobias Wrenhallow",
            "Marjorie Quillfeather",
            "Jane Lee",
            "Amy Jo Wu",
        ],
        &[],
        &[],
    ));
    for (text, found_text, term) in [
        (
            "see @DrWrenhallow here",
            "DrWrenhallow",
            "Dr Tobias Wrenhallow",
        ),
        (
            "see drwrenhallow here",
            "drwrenhallow",
            "Dr Tobias Wrenhallow",
        ),
        (
            "see MrWrenhallow's post",
            "MrWrenhallow",
            "Dr Tobias Wrenhallow",
        ),
        (
            "see DrQuillfeather here",
            "DrQuillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "see MrsQuillfeather here",
            "MrsQuillfeather",
            "Marjorie Quillfeather",
        ),
        (
            "see PROFQUILLFEATHER here",
            "PROFQUILLFEATHER",
            "Marjorie Quillfeather",
        ),
        ("see @MarjorieQ here", "MarjorieQ", "Marjorie Quillfeather"),
        (
            "see @marjorie_q here",
            "marjorie_q",
            "Marjorie Quillfeather",
        ),
        ("see Marjorie.Q here", "Marjorie.Q", "Marjorie Quillfeather"),
        ("see TobiasW here", "TobiasW", "Dr Tobias Wrenhallow"),
        ("see @JLee here", "JLee", "Jane Lee"),
        ("see MsLee here", "MsLee", "Jane Lee"),
        ("see AJWu here", "AJWu", "Amy Jo Wu"),
        ("see DrWu here", "DrWu", "Amy Jo Wu"),
    ] {
        assert_eq!(
            full_hit(&m, text),
            Some((found_text, term)),
            "{text}: {:?}",
            found(&m, text)
        );
    }
}

/// What such a handle may spell otherwise stays clean: an ordinary word
/// (read only with a capital at the join), another first name that a
/// first name and an initial make ("Sarah" for Sara Hughes, "Carla" for
/// Carl Ash), a plural, a form of three letters, and a short last name
/// after its initial.
#[test]
fn handle_lookalikes_are_not_the_person() {
    let m = TermMatcher::new(&ids(
        &[
            "Sara Hughes",
            "Carl Ash",
            "Tom Hat",
            "Pete Rowe",
            "Jane Ng",
            "Dan Ink",
            "Ann Eliot",
            "Sam Lee",
            "Andre Williams",
            "Helen Bird",
            "Kevin Ong",
            "Emma Clark",
            "Yvonne Price",
        ],
        &[],
        &[],
    ));
    for text in [
        // Round 22: other names and words a first name or a short last
        // name and an initial make, a title and a last name that is a
        // word, a last name and a letter that makes it longer.
        "Andrew said",
        "The Ladybird nursery",
        "in Hong Kong",
        "slee",
        "As Clarke (2019) found",
        "it was pricey",
        "Sarah said",
        "Carla said",
        "that is all",
        "THAT",
        "Peter said",
        "jng",
        "drink water",
        "Anne said",
        "Sams and Toms",
        "the lees of the wine",
        "leej",
    ] {
        assert!(
            found(&m, text).iter().all(|h| h.2),
            "{text}: {:?}",
            found(&m, text)
        );
    }
    for (text, found_text) in [
        ("@SaraH", "SaraH"),
        ("CarlA", "CarlA"),
        ("THat", "THat"),
        ("DrInk", "DrInk"),
        ("sara_h", "sara_h"),
        ("@AndreW", "AndreW"),
        ("@DrBird", "DrBird"),
        ("@KOng", "KOng"),
        ("@ClarkE", "ClarkE"),
    ] {
        assert!(
            found(&m, text)
                .iter()
                .any(|&(written, _, partial)| !partial && written == found_text),
            "{text}: {:?}",
            found(&m, text)
        );
    }
}

/// Red team, round 21: a full stop that ends a sentence is no space
/// inside a name ("peaked in May. Ward managers" with May Ward listed);
/// an initial's, an abbreviation's or a handle's full stop still is.
#[test]
fn a_full_stop_between_two_sentences_makes_no_name() {
    let m = TermMatcher::new(&ids(
        &["May Ward", "Hope Ward", "Marjorie Quillfeather"],
        &["St Brannock's", "Bow Common"],
        &[],
    ));
    for text in [
        "Discharges peaked in May. Ward managers said the pressure eased.",
        "We lost hope. Ward staff were tired.",
        "in May.\nWard managers",
        "by Quillfeather. Marjorie agreed.",
        "We sat by the bow. Common sense won.",
    ] {
        let hits = found(&m, text);
        assert!(hits.iter().all(|h| h.2), "{text}: {hits:?}");
    }
    for (text, name) in [
        ("May Ward said so.", "May Ward"),
        ("M. Quillfeather said so.", "M. Quillfeather"),
        ("Marjorie Q. Quillfeather", "Marjorie Q. Quillfeather"),
        ("as Marjorie.Quillfeather on", "Marjorie.Quillfeather"),
        ("MAY. WARD", "MAY. WARD"),
        ("May Ward. Ward managers", "May Ward"),
    ] {
        assert!(
            found(&m, text).iter().any(|h| h.0 == name && !h.2),
            "{text}: {:?}",
            found(&m, text)
        );
    }
    assert_eq!(
        full_hit(&m, "at St. Brannock's today"),
        Some(("St. Brannock's", "St Brannock's"))
    );
}

/// Red team, round 21: a ward, a hall or a bay named by a letter ("Ward
/// C", "Hall B") is not the listed surname and initial it spells; with a
/// comma, two initials or a year it is a reference, and the person.
#[test]
fn a_ward_named_by_a_letter_is_no_surname_and_initial() {
    let m = TermMatcher::new(&ids(&["Claire Ward", "Ben Hall", "Carol Smith"], &[], &[]));
    for text in [
        "The pilot ran on Ward C.",
        "The pilot ran on Ward C, the frailty unit.",
        "We met in Hall B.",
        "on WARD C.",
        "(Ward C)",
    ] {
        let hits = found(&m, text);
        assert!(hits.iter().all(|h| h.2), "{text}: {hits:?}");
    }
    for (text, name, term) in [
        ("As Ward, C. (2019) found.", "Ward, C", "Claire Ward"),
        ("As Ward C. (2019) found.", "Ward C", "Claire Ward"),
        ("Ward C (2019)", "Ward C", "Claire Ward"),
        ("Ward CJ, Jones A. Audit.", "Ward CJ", "Claire Ward"),
        ("| Ward | C. |", "Ward | C", "Claire Ward"),
        ("Hall, B. (2020)", "Hall, B", "Ben Hall"),
        ("Smith C. Audit of wards. 2019.", "Smith C", "Carol Smith"),
    ] {
        assert_eq!(
            full_hit(&m, text),
            Some((name, term)),
            "{text}: {:?}",
            found(&m, text)
        );
    }
}

/// The text of each full hit `m` finds in `text`.
fn full_hits(m: &TermMatcher, text: &str) -> Vec<String> {
    m.find(text)
        .into_iter()
        .filter(|h| !h.partial)
        .map(|h| text[h.range].to_string())
        .collect()
}

/// A name is read as it is drawn: a space too narrow to see between two
/// of its letters does not part it, and a small-capital `ǫ` is a `q`.
/// A word space, and a narrow space between a word and a number, part.
#[test]
fn a_term_is_read_as_drawn() {
    let ids = Identifiers {
        people: vec!["Marjorie Quillfeather".into()],
        places: vec!["Thistlebury".into()],
        ..Identifiers::default()
    };
    let m = TermMatcher::new(&ids);
    let full = |text: &str| full_hits(&m, text);
    for (text, written) in [
        ("in Thistle\u{200a}bury.", "Thistle\u{200a}bury"),
        ("in Thistle\u{2006}bury.", "Thistle\u{2006}bury"),
        ("in Thistle\u{202f}bury.", "Thistle\u{202f}bury"),
        ("by ᴍᴀʀᴊᴏʀɪᴇ ǫᴜɪʟʟꜰᴇᴀᴛʜᴇʀ.", "ᴍᴀʀᴊᴏʀɪᴇ ǫᴜɪʟʟꜰᴇᴀᴛʜᴇʀ"),
        ("by Marjorie ǫuillfeather", "Marjorie ǫuillfeather"),
    ] {
        assert_eq!(full(text), [written], "{text}");
    }
    for text in [
        "in Thistle bury.",
        "in Thistle\u{2009}12 bury",
        "Thistle\u{2009}-bury",
    ] {
        assert!(full(text).is_empty(), "{text}: {:?}", full(text));
    }
}

/// Red team, round 32: a small l and a capital I are drawn alike, and so
/// are the letters with a stroke or bar on them: one among capitals is
/// read as an I (`₮ⱧłS₮ⱠɆβɄⱤɎ`, `THlSTLEBURY`), one among small letters as
/// an l (`ThistIebury`, `QuiIIfeather`). Words in Polish, initialisms and
/// mixed-case names stay as they are written.
#[test]
fn a_stroke_is_read_as_the_letter_its_neighbours_make_it() {
    let ids = Identifiers {
        people: vec!["Marjorie Quillfeather".into()],
        places: vec![
            "Thistlebury".into(),
            "Lodz".into(),
            "Ali".into(),
            "Islington".into(),
            "Lan".into(),
        ],
        ..Identifiers::default()
    };
    let m = TermMatcher::new(&ids);
    let full = |text: &str| full_hits(&m, text);
    for (text, written) in [
        ("We met ₮ⱧłS₮ⱠɆβɄⱤɎ staff.", "₮ⱧłS₮ⱠɆβɄⱤɎ"),
        ("We met THlSTLEBURY staff.", "THlSTLEBURY"),
        ("We met THƚSTLEBURY staff.", "THƚSTLEBURY"),
        ("in ThistIebury.", "ThistIebury"),
        ("in ThistƗebury.", "ThistƗebury"),
        ("by Marjorie QuiIIfeather.", "Marjorie QuiIIfeather"),
        ("by MARJORlE QUlLLFEATHER.", "MARJORlE QUlLLFEATHER"),
        ("in Thistleβury.", "Thistleβury"),
        ("in ŁODZ and Łódź.", "ŁODZ"),
        ("in lSLINGTON.", "lSLINGTON"),
    ] {
        assert_eq!(
            full(text).first().map(String::as_str),
            Some(written),
            "{text}"
        );
    }
    for text in [
        "Staff in Białystok were paid in złoty; Michał met Wałęsa.",
        "McIntosh, iPhone, HTML, URLs, 5 mL, WWII and III.",
        "Al said so.",
        "All of it, ALL of it, Alison and ALIson.",
        "Ian and It were there.",
    ] {
        assert!(full(text).is_empty(), "{text}: {:?}", full(text));
    }
}

/// A name or place written letter-spaced is read as a reader reads it,
/// its letters joined, in capitals or not, with the wider space or the
/// capital that starts a new word; the place found is the letters as
/// written. Single letters in prose, and a run too short to be a word,
/// are not joined into one.
#[test]
fn a_term_written_letter_spaced_is_found() {
    let ids = Identifiers {
        people: vec!["Marjorie Quillfeather".into()],
        places: vec!["Thistlebury".into(), "Bow".into()],
        ..Identifiers::default()
    };
    let m = TermMatcher::new(&ids);
    let full = |text: &str| full_hits(&m, text);
    for (text, written) in [
        (
            "Led by M a r j o r i e   Q u i l l f e a t h e r.",
            "M a r j o r i e   Q u i l l f e a t h e r",
        ),
        (
            "Led by M a r j o r i e Q u i l l f e a t h e r, then",
            "M a r j o r i e Q u i l l f e a t h e r",
        ),
        (
            "Led by M A R J O R I E Q U I L L F E A T H E R.",
            "M A R J O R I E Q U I L L F E A T H E R",
        ),
        (
            "Led by Marjorie Q u i l l f e a t h e r.",
            "Marjorie Q u i l l f e a t h e r",
        ),
        ("in T h i s t l e b u r y", "T h i s t l e b u r y"),
        (
            "in T\u{a0}h\u{a0}i\u{a0}s\u{a0}t\u{a0}l\u{a0}e\u{a0}b\u{a0}u\u{a0}r\u{a0}y",
            "T\u{a0}h\u{a0}i\u{a0}s\u{a0}t\u{a0}l\u{a0}e\u{a0}b\u{a0}u\u{a0}r\u{a0}y",
        ),
        ("in T h i s t l e\nb u r y now", "T h i s t l e\nb u r y"),
        ("near B o w.", "B o w"),
        // Spaced alike with more letters after it: no space shows where
        // the name ends, and a reader finds it by knowing it.
        ("T h i s t l e b u r y s", "T h i s t l e b u r y"),
        (
            "M A R J O R I E Q U I L L F E A T H E R S A I D",
            "M A R J O R I E Q U I L L F E A T H E R",
        ),
        ("T_h_i_s_t_l_e_b_u_r_y", "T_h_i_s_t_l_e_b_u_r_y"),
        (
            "in T ★ h ★ i ★ s ★ t ★ l ★ e ★ b ★ u ★ r ★ y",
            "T ★ h ★ i ★ s ★ t ★ l ★ e ★ b ★ u ★ r ★ y",
        ),
        (
            "T..h..i..s..t..l..e..b..u..r..y",
            "T..h..i..s..t..l..e..b..u..r..y",
        ),
        (
            "in T, h, i, s, t, l, e, b, u, r, y.",
            "T, h, i, s, t, l, e, b, u, r, y",
        ),
    ] {
        assert_eq!(full(text), [written], "{text}");
    }
    for text in [
        "a b c d e f g h i j",
        "Options a, b and c",
        "as I a m said",
        "B o\n\nw",
        // A short term is not looked for inside a longer run (`Bow` in
        // `elbow`), nor one run into the next across a wider space.
        "E L B O W",
        "T h i s t l e   b u r y",
    ] {
        assert!(full(text).is_empty(), "{text}: {:?}", full(text));
    }
}

/// A line break (a space on the page, or a line's end) beside a mark
/// between spelt letters is no wider gap than the marks'
/// (`T_h_i_s_t_l_e_b_u_` at a line's end and `r_y` on the next were read
/// as two words).
#[test]
fn a_mark_between_spelt_letters_goes_on_across_a_line_break() {
    let m = TermMatcher::new(&ids(&["Marjorie Quillfeather"], &["Thistlebury"], &[]));
    for text in [
        "We met T_h_i_s_t_l_e_b_u_\nr_y staff.",
        "We met T_h_i_s_t_l_e_b_u_ r_y staff.",
        "We met T_h_i_s_t_l_e_b_u\n_r_y staff.",
        "We met T. h. i. s. t. l. e. b. u.\nr. y staff.",
    ] {
        assert_eq!(m.find(text).len(), 1, "{text:?}");
    }
    // White space alone still parts words where it is wider.
    assert!(m.find("T h i s t l e b u  r y").is_empty());
}

/// Letters spaced as a word's are, with the rest of the word run on at
/// its end or start, and a word with one letter set apart by a stray
/// space, are read as the word.
#[test]
fn spaced_letters_with_the_rest_of_the_word_run_on_are_read_as_it() {
    let m = TermMatcher::new(&ids(&["Marjorie Quillfeather"], &["Thistlebury"], &[]));
    for text in [
        "We met T h i s t l e b u ry staff.",
        "We met T h i s t l e bury staff.",
        "We met Thistleb u r y staff.",
        "We met T_h_i_s_t_l_e_b_u_ry staff.",
        "We met Thistlebur y staff.",
        "We met T histlebury staff.",
        "We met Marjorie Q u i l l f e a ther.",
    ] {
        assert!(
            m.find(text).iter().any(|hit| !hit.partial),
            "{text:?}: {:?}",
            m.find(text)
        );
    }
}

/// Ordinary text with single letters beside words is not read as a
/// listed name, however the list could join it: `a` and `I` are words,
/// a capital before a capitalised word is an initial, and two words or
/// more among the pieces are words.
#[test]
fn single_letters_beside_words_in_ordinary_text_are_not_names() {
    let m = TermMatcher::new(&ids(
        &["Dana Rowe", "Ian Tolkien"],
        &["Abury", "Aspire", "Xrayton", "Planby"],
        &["Abcdog"],
    ));
    for text in [
        "We gave Dan a call about a bury and a spire.",
        "I t was fine, I think.",
        "Lists like a b c, grades A B C D, J. R. R. Tolkien.",
        "\"u r great\", she said; x ray and Plan B.",
        "Plan by Friday, plan b y Friday.",
        "a b c dogs, a bc dog",
    ] {
        let full: Vec<_> = m.find(text).into_iter().filter(|h| !h.partial).collect();
        assert!(full.is_empty(), "{text:?}: {full:?}");
    }
}
