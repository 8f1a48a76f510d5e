use super::*;
use crate::model::{Participant, Sector};
use crate::parse::merge_role_spellings;

fn person(role: &str, sector: Sector, borough: &str, consent: Consent) -> Participant {
    Participant {
        id: format!("{role}-{borough}"),
        role: role.into(),
        sector,
        level: None,
        borough: borough.into(),
        consent,
    }
}

fn study() -> Vec<Participant> {
    vec![
        person("GP", Sector::PrimaryCare, "b", Consent::Given),
        person("Practice nurse", Sector::PrimaryCare, "b", Consent::Given),
        person(
            "Practice manager",
            Sector::PrimaryCare,
            "b",
            Consent::NoQuotes,
        ),
        person("GP", Sector::PrimaryCare, "a", Consent::Given),
        person("GP", Sector::PrimaryCare, "c", Consent::Withdrawn),
    ]
}

#[test]
fn withdrawn_participants_do_not_count_and_no_quotes_do() {
    let people = study();
    let gp = &people[0];
    use AttributionField::*;
    assert_eq!(group_size(&people, gp, &[Role, Borough]), 1);
    assert_eq!(group_size(&people, gp, &[Role]), 2);
    assert_eq!(group_size(&people, gp, &[Sector, Borough]), 3);
}

#[test]
fn suggests_the_most_informative_passing_attribution() {
    let people = study();
    use AttributionField::*;
    let better = coarser(&people, &people[0], &[Role, Borough], &[Role, Borough], 3).unwrap();
    assert_eq!(better, vec![Sector, Borough]);
    assert!(coarser(&people, &people[0], &[Role, Borough], &[Role, Borough], 10).is_none());
}

/// The registry's spellings of a role, merged when it is read, make one
/// attribution group.
#[test]
fn role_spellings_merge_into_the_most_common() {
    let text = "participants:\n  - {role: district nurse}\n  - {role: District nurse}\n  - {role: District nurse}\n";
    let mut sources = crate::source::Sources::default();
    let file = sources.add(crate::source::SourceFile::new(
        "content/participants.yaml",
        text,
    ));
    let yaml = Yaml::new(file, sources.get(file), 0..text.len());
    let mut people: Vec<Participant> = ["district nurse", "District nurse", "District nurse"]
        .iter()
        .map(|r| person(r, Sector::Health, "b", Consent::Given))
        .collect();
    let mut out = Vec::new();
    merge_role_spellings(&mut people, &yaml, &mut out);
    assert!(people.iter().all(|p| p.role == "District nurse"));
    assert_eq!(out.len(), 1);
    let span = out[0].span.clone().unwrap();
    assert_eq!(&text[span.range], "district nurse");
    assert_eq!(
        group_size(&people, &people[0], &[AttributionField::Role]),
        3
    );
}

/// A study shaped like the bundled example's district nurses: Borough A
/// has two (a third withdrew), Boroughs B and C three each, so quotes say
/// "District nurse, Borough B" and "District nurse, Borough C". Borough A
/// also has three social workers, a reablement worker and a manager in
/// social care; each borough has one GP.
fn nurses() -> Vec<Participant> {
    let mut people = vec![
        person("District nurse", Sector::Health, "a", Consent::Given),
        person("District nurse", Sector::Health, "a", Consent::Given),
        person("District nurse", Sector::Health, "a", Consent::Withdrawn),
    ];
    for borough in ["b", "c"] {
        for _ in 0..3 {
            people.push(person(
                "District nurse",
                Sector::Health,
                borough,
                Consent::Given,
            ));
        }
    }
    for _ in 0..3 {
        people.push(person(
            "Social worker",
            Sector::SocialCare,
            "a",
            Consent::Given,
        ));
    }
    people.push(person(
        "Reablement worker",
        Sector::SocialCare,
        "a",
        Consent::Given,
    ));
    people.push(person(
        "Service manager",
        Sector::SocialCare,
        "a",
        Consent::NoQuotes,
    ));
    for borough in ["a", "b", "c"] {
        people.push(person("GP", Sector::PrimaryCare, borough, Consent::Given));
    }
    people
}

const DEFAULT: [AttributionField; 2] = [AttributionField::Role, AttributionField::Borough];

/// Red team: "District nurse" alone is shared by eight, but a reader who
/// sees "District nurse, Borough B" and "…, Borough C" elsewhere knows the
/// borough was left out because too few share it: Borough A's two.
#[test]
fn a_role_without_its_borough_is_narrowed_down_by_elimination() {
    let people = nurses();
    let nurse = &people[0];
    use AttributionField::*;
    assert_eq!(group_size(&people, nurse, &[Role]), 8);
    let suspects = suspects(&people, nurse, &[Role], &DEFAULT, 3);
    assert_eq!(
        suspects, 2,
        "Borough A's nurses; the withdrawn one does not count"
    );
    assert!(gives_away(suspects, 3));
}

/// One GP in each borough: "GP" leaves the borough out everywhere, so it
/// could be any of three.
#[test]
fn enough_people_left_out_the_same_way_pass() {
    let people = nurses();
    let gp = people.iter().find(|p| p.role == "GP").unwrap();
    use AttributionField::*;
    let suspects = suspects(&people, gp, &[Role], &DEFAULT, 3);
    assert_eq!(suspects, 3);
    assert!(!gives_away(suspects, 3));
}

/// When every borough's nurses are k or more, nobody's borough would be
/// left out, and "District nurse" tells nothing more than it says.
#[test]
fn nobody_whose_finer_group_is_too_small_passes() {
    let mut people = nurses();
    people[2].consent = Consent::Given;
    use AttributionField::*;
    assert_eq!(suspects(&people, &people[0], &[Role], &DEFAULT, 3), 0);
    assert!(!gives_away(0, 3));
    // Nor does the default, or an attribution finer than it, leave out anything.
    assert_eq!(
        suspects(&nurses(), &people[0], &[Role, Borough], &DEFAULT, 3),
        0
    );
    assert_eq!(
        suspects(&nurses(), &people[0], &[Borough, Sector, Role], &DEFAULT, 3),
        0
    );
}

/// An attribution that is not part of the default: "Social care, Borough
/// A" leaves out the role, which three social workers would have shown,
/// so it points at the reablement worker or the manager. That holds for a
/// quote from a social worker too: a reader would pin it on one of them.
#[test]
fn fields_outside_the_default_are_narrowed_down_by_its_role() {
    let people = nurses();
    use AttributionField::*;
    assert_eq!(
        finer(&[Sector, Borough], &DEFAULT),
        vec![Role, Sector, Borough]
    );
    let reablement = people
        .iter()
        .find(|p| p.role == "Reablement worker")
        .unwrap();
    let social_worker = people.iter().find(|p| p.role == "Social worker").unwrap();
    for who in [reablement, social_worker] {
        assert_eq!(group_size(&people, who, &[Sector, Borough]), 5);
        let suspects = suspects(&people, who, &[Sector, Borough], &DEFAULT, 3);
        assert_eq!(suspects, 2, "{}", who.role);
        assert!(gives_away(suspects, 3));
    }
}

/// A missing level is a value of its own, as when groups are counted:
/// the registry above has no levels, so a level in the default narrows
/// nothing down that role and borough did not.
#[test]
fn a_missing_level_counts_as_groups_count_it() {
    let people = nurses();
    use AttributionField::*;
    let default = [Role, Level, Borough];
    assert_eq!(suspects(&people, &people[0], &[Role], &default, 3), 2);
    assert_eq!(
        suspects(&people, &people[0], &[Role, Level], &default, 3),
        2
    );
}

/// The suggestion never names an attribution that the elimination rule
/// then refuses: for every participant, every attribution asked for and
/// several k, what [`coarser`] suggests is shared by k and not narrowed
/// down below k. Before this, Borough A's nurse asked for [role, borough]
/// was offered [role, sector], "District nurse, Health" (8 share it; 2
/// remain by elimination).
#[test]
fn the_suggested_coarser_attribution_passes_by_elimination_too() {
    let mut people = nurses();
    for (i, p) in people.iter_mut().enumerate() {
        p.id = format!("p{i}");
        p.level = Some(if i % 4 == 0 {
            crate::model::Level::Strategic
        } else {
            crate::model::Level::Operational
        });
    }
    people[4].level = None;
    use AttributionField::*;
    let all = [Role, Sector, Level, Borough];
    let mut suggested = 0;
    for k in 2..=4 {
        for who in people.iter().filter(|p| p.consent == Consent::Given) {
            for mask in 1u8..16 {
                let wanted: Vec<AttributionField> = (0..4)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| all[i])
                    .collect();
                let Some(better) = coarser(&people, who, &wanted, &DEFAULT, k) else {
                    continue;
                };
                suggested += 1;
                assert!(group_size(&people, who, &better) >= k, "{better:?}");
                assert!(
                    !gives_away(suspects(&people, who, &better, &DEFAULT, k), k),
                    "{} asked for {wanted:?} with k = {k} was offered {better:?}",
                    who.id
                );
            }
        }
    }
    assert!(suggested > 100, "only {suggested} suggestions were made");
    let nurse = &nurses()[0];
    let better = coarser(&nurses(), nurse, &[Role, Borough], &DEFAULT, 3).unwrap();
    // "Health" is Borough A's two nurses by elimination too; "Borough A"
    // could be any of five whose role there is shared by fewer than 3.
    assert_eq!(better, vec![Borough]);
}

/// The forms a quote's words say a role in (red team, round 16): the
/// plural, and the initials of all its words; initials that spell an
/// ordinary word only in capitals.
#[test]
fn a_role_is_said_in_the_plural_and_by_its_initials() {
    let texts = |role: &str| -> Vec<String> {
        short::said_forms(role)
            .into_iter()
            .map(|f| f.text)
            .collect()
    };
    let nurse = texts("District nurse");
    for form in ["District nurse", "district nurses", "dn", "dns", "d.n."] {
        assert!(nurse.contains(&form.to_string()), "{form}: {nurse:?}");
    }
    for (role, plural) in [
        ("Midwife", "midwifes"),
        ("Midwife", "midwives"),
        ("Deputy", "deputies"),
        ("Chairman", "chairmen"),
        ("Head of service", "heads of service"),
        ("Support coach", "support coaches"),
        ("GP", "gps"),
    ] {
        assert!(texts(role).contains(&plural.to_string()), "{role}");
    }
    // The initials of all the words, not of the first few ("rr" is read
    // in an address, where how many it leaves is counted).
    let rapid = texts("Rapid response nurse");
    assert!(rapid.contains(&"rrn".to_string()) && !rapid.contains(&"rr".to_string()));
    let therapist = texts("Speech and language therapist");
    assert!(therapist.contains(&"slt".to_string()) && therapist.contains(&"salt".to_string()));
    assert!(texts("Healthcare assistant").contains(&"hca".to_string()));
    // Initials that spell a word, and a plural that does, need capitals.
    let capitals = |role: &str, text: &str| {
        short::said_forms(role)
            .into_iter()
            .find(|f| f.text == text)
            .and_then(|f| f.capitals)
    };
    assert_eq!(capitals("Admiral nurse", "an"), Some(2));
    assert_eq!(capitals("Admiral nurse", "ans"), Some(2));
    assert_eq!(capitals("Information technician", "its"), Some(2));
    assert_eq!(capitals("District nurse", "dn"), None);
    assert!(short::is_ordinary_word("us") && short::is_ordinary_word("cat"));
    assert!(!short::is_ordinary_word("dn") && !short::is_ordinary_word("hca"));
}

/// The ordinary words are sorted, as the binary search needs.
#[test]
fn the_ordinary_words_are_sorted() {
    let mut sorted = short::ORDINARY_WORDS.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, short::ORDINARY_WORDS);
}

/// How a quote's words are searched for the role: whole words, capitals
/// where the initials spell a word.
#[test]
fn the_role_is_found_in_words_as_a_reader_reads_it() {
    let nurse = short::SaidRole::new("District nurse");
    let found =
        |role: &short::SaidRole, text: &str| role.find(text).map(|(r, _)| text[r].to_string());
    assert_eq!(
        found(&nurse, "Us district nurses never"),
        Some("district nurses".into())
    );
    assert_eq!(found(&nurse, "As the DN on the round"), Some("DN".into()));
    assert_eq!(found(&nurse, "the DNs' room"), Some("DNs".into()));
    assert_eq!(found(&nurse, "the D.N. on call"), Some("D.N".into()));
    assert_eq!(
        nurse
            .find("As a district nurse here")
            .map(|(_, spelt)| spelt),
        Some(true)
    );
    assert_eq!(
        nurse.find("the DN here").map(|(_, spelt)| spelt),
        Some(false)
    );
    for text in [
        "the DNA results",
        "the DNR form",
        "the nursery",
        "a kidney",
        "dnr",
    ] {
        assert_eq!(found(&nurse, text), None, "{text}");
    }
    let admiral = short::SaidRole::new("Admiral nurse");
    for text in ["It takes an hour.", "An hour a day.", "ans"] {
        assert_eq!(found(&admiral, text), None, "{text}");
    }
    assert_eq!(
        found(&admiral, "As the AN for the practice"),
        Some("AN".into())
    );
    assert_eq!(found(&admiral, "The ANs here"), Some("ANs".into()));
    assert_eq!(
        found(&admiral, "Us Admiral nurses"),
        Some("Admiral nurses".into())
    );
}

/// A borough in a quote's address as a reader reads it (red team, round
/// 16): whole, with an interview number, run together; not inside a word,
/// nor in "A and E".
#[test]
fn an_address_says_a_borough_as_a_reader_reads_it() {
    let w = |text: &str| -> Vec<String> { text.split('-').map(str::to_string).collect() };
    let says = |address: &str, value: &str| says(&w(address), &w(value));
    for address in [
        "a-notes",
        "a1-notes",
        "caseload-a3",
        "caseload-a12",
        "borough-a-notes",
        "borough-a2",
        "borougha-notes",
        "borougha1",
        "borough-a-and-e",
    ] {
        assert!(
            says(address, "a") || says(address, "borough-a"),
            "{address}"
        );
    }
    for address in [
        "caseload-notes",
        "d2a-discharge",
        "a2c-notes",
        "area-notes",
        "aa1-notes",
        "a-and-e-notes",
        "notes-a-and-e",
        "borough-notes",
        "boroughs-notes",
        "1a-notes",
        "",
    ] {
        assert!(
            !says(address, "a") && !says(address, "borough-a"),
            "{address}"
        );
    }
    assert!(!says("a-and-e-notes", "e") && says("e-notes", "e"));
    assert!(says("c2c-notes", "c2c") && !says("c2c-notes", "c"));
    assert!(!says("notes", ""));
}

/// Short forms care services use for a role that its words do not spell
/// (`cpn` for a mental health nurse), and a role written short said in
/// full, are read in a quote's address and its words (round 17's open
/// road); a role that does not hold the phrase is not given them.
#[test]
fn a_role_is_read_by_the_short_forms_care_services_use() {
    let texts = |role: &str| -> Vec<String> {
        short::said_forms(role)
            .into_iter()
            .map(|f| f.text)
            .collect()
    };
    let nurse = texts("Community mental health nurse");
    for form in ["cpn", "cpns", "c.p.n.", "rmn", "cmhn"] {
        assert!(nurse.contains(&form.to_string()), "{form}: {nurse:?}");
    }
    let gp = texts("GP");
    assert!(gp.contains(&"general practitioners".to_string()), "{gp:?}");
    assert!(texts("Physiotherapist").contains(&"physios".to_string()));
    assert!(!texts("District nurse").contains(&"cpn".to_string()));
    assert!(!texts("Mental health social worker").contains(&"cpn".to_string()));
    assert!(short::hints("cpn2", "Mental health nurse"));
    assert!(short::hints("cpns", "Community psychiatric nurse"));
    assert!(!short::hints("cpn", "District nurse"));
    assert!(short::hints("generalpractitioner", "GP"));
}
