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
    let better = coarser(&people, &people[0], &[Role, Borough], 3).unwrap();
    assert_eq!(better, vec![Sector, Borough]);
    assert!(coarser(&people, &people[0], &[Role, Borough], 10).is_none());
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
