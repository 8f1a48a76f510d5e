// Index loops read as the tables they walk.
#![allow(clippy::needless_range_loop)]

use super::*;
use crate::model::{Level, Sector};
use proptest::prelude::*;

fn person(role: &str, borough: &str, consent: Consent) -> Participant {
    Participant {
        id: format!("{borough}-{role}"),
        role: role.into(),
        sector: Sector::Health,
        level: Some(Level::Operational),
        borough: borough.into(),
        consent,
    }
}

fn people(groups: &[(&str, &str, usize)]) -> Vec<Participant> {
    groups
        .iter()
        .flat_map(|&(role, borough, n)| (0..n).map(move |_| person(role, borough, Consent::Given)))
        .collect()
}

const BOROUGHS: [(&str, &str); 3] = [("a", "Borough A"), ("b", "Borough B"), ("c", "Borough C")];

fn registry(people: &[Participant]) -> Registry<'_> {
    Registry::new(people, BOROUGHS.to_vec())
}

fn role_by_borough() -> Spec {
    Spec::parse("role/borough").unwrap()
}

fn row<'t>(table: &'t Table, label: &str) -> &'t Row {
    table
        .rows
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no row {label} in {table:#?}"))
}

fn texts(row: &Row) -> Vec<&str> {
    row.cells.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn specs_read_fields_and_put_roles_in_the_rows() {
    assert_eq!(
        Spec::parse("borough/role").unwrap(),
        Spec {
            rows: Field::Role,
            columns: Some(Field::Borough)
        }
    );
    assert_eq!(Spec::parse("level").unwrap().columns, None);
    assert_eq!(
        Spec::parse("role/bourgh"),
        Err(SpecError::Unknown {
            name: "bourgh".into(),
            at: 5..11
        })
    );
    assert_eq!(
        Spec::parse("sector/sector"),
        Err(SpecError::Twice(Field::Sector))
    );
    assert_eq!(Spec::parse("role/sector/level"), Err(SpecError::Count(3)));
}

#[test]
fn withdrawn_participants_never_count() {
    let mut list = people(&[("Nurse", "a", 3)]);
    list.push(person("Nurse", "a", Consent::Withdrawn));
    list.push(person("Nurse", "a", Consent::NoQuotes));
    let table = table(&registry(&list), Spec::parse("role").unwrap(), 3);
    assert_eq!(texts(row(&table, "Nurse")), ["4"]);
    assert_eq!(table.total.cells[0].text, "4");
}

#[test]
fn the_example_of_the_issue_hides_the_single_gp_and_a_partner() {
    // "GPs: 1" in Borough B is a person.
    let list = people(&[
        ("GP", "a", 3),
        ("GP", "b", 1),
        ("Nurse", "a", 4),
        ("Nurse", "b", 5),
    ]);
    let table = table(&registry(&list), role_by_borough(), 3);
    // The GPs' row adds up to 4: with the 1 alone hidden, the row would
    // give it back, and with a 0 beside it the reader would learn the two
    // hidden groups hold fewer than k; so the 3 hides too, and then each
    // column needs a second hidden cell: every cell hides, the totals stay.
    assert_eq!(texts(row(&table, "GP")), [HIDDEN, HIDDEN]);
    assert_eq!(texts(row(&table, "Nurse")), [HIDDEN, HIDDEN]);
    assert_eq!(row(&table, "GP").total.as_ref().unwrap().text, "4");
    assert_eq!(texts(&table.total), ["7", "6"]);
    assert_eq!(table.total.total.as_ref().unwrap().text, "13");
    assert!(table.notes[0].contains("counts of 1 or 2 people are not shown"));
}

#[test]
fn roles_small_in_every_borough_merge_into_other_roles() {
    let list = people(&[
        ("GP", "a", 1),
        ("GP", "b", 1),
        ("Pharmacist", "b", 2),
        ("Nurse", "a", 4),
        ("Nurse", "b", 5),
    ]);
    let table = table(&registry(&list), role_by_borough(), 3);
    let labels: Vec<&str> = table.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Nurse", "Other roles"]);
    let other = row(&table, "Other roles");
    assert!(other.other);
    assert_eq!(other.total.as_ref().unwrap().text, "4");
    // Column A: Other holds 1, so it hides, and so must Nurse's 4.
    assert_eq!(texts(other)[0], HIDDEN);
    assert!(table.notes.iter().any(|n| n.contains("(GP, Pharmacist)")));
}

#[test]
fn merged_roles_below_k_together_are_left_out_but_counted() {
    let list = people(&[("GP", "a", 1), ("Nurse", "a", 4), ("Nurse", "b", 5)]);
    let table = table(&registry(&list), role_by_borough(), 3);
    let labels: Vec<&str> = table.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Nurse"]);
    // Totals stay true: 5 in A; the nurses' 4 hides with the GP left out.
    assert_eq!(texts(&table.total), ["5", "5"]);
    assert_eq!(texts(row(&table, "Nurse"))[0], HIDDEN);
    assert!(
        table
            .notes
            .iter()
            .any(|n| n.contains("counted in the totals only"))
    );
    assert!(
        !table.notes.iter().any(|n| n.contains("GP")),
        "a left-out role is not named: {:?}",
        table.notes
    );
}

#[test]
fn k_of_one_shows_everything_and_a_huge_k_nothing_but_zeros() {
    let list = people(&[("GP", "a", 1), ("Nurse", "a", 4), ("Nurse", "b", 2)]);
    let open = table(&registry(&list), role_by_borough(), 1);
    assert!(open.rows.iter().flat_map(|r| &r.cells).all(|c| !c.hidden));
    assert_eq!(open.notes, ["Every count is shown."]);
    let closed = table(&registry(&list), role_by_borough(), 50);
    assert!(closed.rows.is_empty(), "every role merged, and left out");
    assert!(closed.total.cells.iter().all(|c| c.hidden));
    assert!(closed.total.total.as_ref().unwrap().hidden);
    assert!(closed.notes[0].contains("1 to 49"));
}

#[test]
fn a_borough_report_shows_its_column_of_the_study_wide_table() {
    let list = people(&[
        ("GP", "a", 3),
        ("GP", "b", 1),
        ("Nurse", "a", 4),
        ("Nurse", "b", 5),
        ("Social worker", "a", 3),
    ]);
    let whole = table(&registry(&list), role_by_borough(), 3);
    let b = borough_table(&registry(&list), "b", 3);
    for row in &b.rows {
        let wide = super::tests::row(&whole, &row.label);
        assert_eq!(row.cells[0], wide.cells[1], "{}", row.label);
    }
    for wide in &whole.rows {
        let listed = b.rows.iter().any(|r| r.label == wide.label);
        assert_eq!(listed, wide.cells[1].text != "0", "a shown 0 is left out");
    }
    assert_eq!(b.total.cells[0], whole.total.cells[1]);
}

#[test]
fn one_way_tables_are_the_margins_of_two_way_ones() {
    let list = people(&[
        ("GP", "a", 3),
        ("GP", "b", 1),
        ("Nurse", "a", 4),
        ("Nurse", "c", 2),
        ("Social worker", "c", 3),
    ]);
    let r = registry(&list);
    let whole = table(&r, role_by_borough(), 3);
    let by_role = table(&r, Spec::parse("role").unwrap(), 3);
    let by_borough = table(&r, Spec::parse("borough").unwrap(), 3);
    for (wide, one) in whole.rows.iter().zip(&by_role.rows) {
        assert_eq!(wide.total.as_ref(), Some(&one.cells[0]));
    }
    let column_totals: Vec<&Cell> = by_borough.rows.iter().map(|r| &r.cells[0]).collect();
    assert_eq!(whole.total.cells.iter().collect::<Vec<_>>(), column_totals);
}

#[test]
fn an_empty_registry_gives_empty_tables_for_every_spec() {
    let nobody = vec![person("GP", "a", Consent::Withdrawn)];
    for text in ["role/borough", "sector", "level/sector", "borough"] {
        let table = table(&registry(&nobody), Spec::parse(text).unwrap(), 3);
        assert!(table.empty && table.rows.is_empty(), "{text}");
    }
    assert!(borough_table(&registry(&nobody), "a", 3).empty);
    assert!(borough_tables(&registry(&nobody), 3)["b"].empty);
}

#[test]
fn all_borough_tables_at_once_are_each_borough_table() {
    let list = people(&[("GP", "a", 3), ("GP", "b", 1), ("Nurse", "b", 5)]);
    let all = borough_tables(&registry(&list), 3);
    for (id, _) in BOROUGHS {
        assert_eq!(all[id], borough_table(&registry(&list), id, 3), "{id}");
    }
}

#[test]
fn a_two_way_table_with_one_column_has_no_total_column() {
    let list = people(&[("GP", "a", 1), ("Nurse", "a", 3), ("Social worker", "a", 3)]);
    let table = table(&registry(&list), role_by_borough(), 3);
    assert!(!table.two_way);
    assert!(table.rows.iter().all(|r| r.total.is_none()));
    assert_eq!(table.columns, ["Borough A"]);
    assert_eq!(table.total.cells[0].text, "7");
}

// ----- the reader, as a system of linear equations -----

/// Every row and column equation of a suppressed table (its margins and a
/// left-out row included), with the hidden entries as unknowns: whether any
/// hidden entry is fixed by them, by exact elimination (the coefficients
/// are 0 and ±1 and the matrix is a network matrix, so f64 is exact).
fn some_hidden_entry_is_determined(hidden: &[Vec<bool>]) -> bool {
    let rows = hidden.len();
    let columns = hidden[0].len();
    let mut index = vec![vec![usize::MAX; columns]; rows];
    let mut unknowns = 0;
    for r in 0..rows {
        for c in 0..columns {
            if hidden[r][c] {
                index[r][c] = unknowns;
                unknowns += 1;
            }
        }
    }
    if unknowns == 0 {
        return false;
    }
    // Entries of the extended grid are `counts`; the last row and column
    // are totals, so each line's cells minus its total is 0.
    let mut equations: Vec<Vec<f64>> = Vec::new();
    let mut line = |entries: Vec<(usize, usize)>| {
        let mut eq = vec![0.0; unknowns];
        let last = entries.len() - 1;
        for (i, (r, c)) in entries.into_iter().enumerate() {
            if index[r][c] != usize::MAX {
                eq[index[r][c]] += if i == last { -1.0 } else { 1.0 };
            }
        }
        equations.push(eq);
    };
    for r in 0..rows {
        line((0..columns).map(|c| (r, c)).collect());
    }
    for c in 0..columns {
        line((0..rows).map(|r| (r, c)).collect());
    }
    // Reduced row echelon form.
    let mut pivot_row = 0;
    let mut pivots = Vec::new();
    for col in 0..unknowns {
        let Some(p) = (pivot_row..equations.len()).find(|&i| equations[i][col].abs() > 1e-9) else {
            continue;
        };
        equations.swap(pivot_row, p);
        let scale = equations[pivot_row][col];
        for x in equations[pivot_row].iter_mut() {
            *x /= scale;
        }
        for i in 0..equations.len() {
            if i != pivot_row && equations[i][col].abs() > 1e-9 {
                let factor = equations[i][col];
                let pivot = equations[pivot_row].clone();
                for (x, p) in equations[i].iter_mut().zip(&pivot) {
                    *x -= factor * p;
                }
            }
        }
        pivots.push(col);
        pivot_row += 1;
    }
    equations[..pivot_row]
        .iter()
        .any(|eq| eq.iter().filter(|x| x.abs() > 1e-9).count() == 1)
}

#[test]
fn the_reader_model_finds_a_count_that_subtraction_gives_back() {
    // A 2x2 table with margins (3x3 extended): one hidden cell is given
    // back by its row; four hidden cells on a cycle are not; a bridge
    // between two cycles is.
    let mut hidden = vec![vec![false; 3]; 3];
    hidden[0][0] = true;
    assert!(some_hidden_entry_is_determined(&hidden));
    hidden[0][1] = true;
    hidden[1][0] = true;
    hidden[1][1] = true;
    assert!(!some_hidden_entry_is_determined(&hidden));
    let mut chain = vec![vec![false; 5]; 5];
    for (r, c) in [
        (0, 0),
        (0, 1),
        (1, 0),
        (1, 1),
        (1, 2),
        (2, 2),
        (2, 3),
        (3, 2),
        (3, 3),
    ] {
        chain[r][c] = true;
    }
    assert!(
        some_hidden_entry_is_determined(&chain),
        "(1, 2) is a bridge"
    );
}

/// The extended grid (cells, row totals, column totals, grand) and what is
/// hidden in it.
fn extended(shown: &Shown) -> (Vec<Vec<usize>>, Vec<Vec<bool>>) {
    let cells = &shown.counts.cells;
    let (rows, columns) = (cells.len(), cells.first().map_or(0, Vec::len));
    let mut value = vec![vec![0; columns + 1]; rows + 1];
    let mut hidden = vec![vec![false; columns + 1]; rows + 1];
    for r in 0..rows {
        for c in 0..columns {
            value[r][c] = cells[r][c];
            value[r][columns] += cells[r][c];
            value[rows][c] += cells[r][c];
            value[rows][columns] += cells[r][c];
            hidden[r][c] = shown.hidden.cells[r][c];
        }
        hidden[r][columns] = shown.hidden.row_totals[r];
    }
    for c in 0..columns {
        hidden[rows][c] = shown.hidden.column_totals[c];
    }
    hidden[rows][columns] = shown.hidden.grand;
    (value, hidden)
}

const ROLES: [&str; 5] = ["GP", "Nurse", "Social worker", "Therapist", "Manager"];

fn registry_strategy() -> impl Strategy<Value = Vec<Participant>> {
    prop::collection::vec((0..5usize, 0..3usize, 0..6usize, 0..3usize, 0..10u8), 0..45).prop_map(
        |people| {
            people
                .into_iter()
                .enumerate()
                .map(|(i, (role, borough, sector, level, consent))| Participant {
                    id: format!("p-{i}"),
                    role: ROLES[role].to_string(),
                    sector: [
                        Sector::Health,
                        Sector::PrimaryCare,
                        Sector::Acute,
                        Sector::SocialCare,
                        Sector::Voluntary,
                        Sector::Other,
                    ][sector],
                    level: [Some(Level::Strategic), Some(Level::Operational), None][level],
                    borough: BOROUGHS[borough].0.to_string(),
                    consent: if consent == 0 {
                        Consent::Withdrawn
                    } else {
                        Consent::Given
                    },
                })
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// For random registries, no hidden count can be worked back from what
    /// the table publishes: no shown count is 1..k-1, every hidden entry is
    /// left undetermined by the rows, columns and totals, and the hidden
    /// part of every shown total is 0 or at least k.
    #[test]
    fn no_hidden_count_can_be_recovered(list in registry_strategy(), k in 1..6usize) {
        let r = registry(&list);
        for text in ["role/borough", "sector/borough", "level/borough", "role/sector", "sector/level", "role", "borough", "level"] {
            let spec = Spec::parse(text).unwrap();
            let shown = suppressed(&r, spec, k);
            let (value, hidden) = extended(&shown);
            for (vr, hr) in value.iter().zip(&hidden) {
                for (&v, &h) in vr.iter().zip(hr) {
                    prop_assert!(h || !is_small(v, k), "{text}: {v} shown with k = {k}");
                }
            }
            let (rows, columns) = (value.len() - 1, value[0].len() - 1);
            if spec.columns.is_some() {
                prop_assert!(
                    !some_hidden_entry_is_determined(&hidden),
                    "{text}, k = {k}: {value:?} {hidden:?}"
                );
            } else {
                // One line: the cells add up to the total.
                let unknowns = (0..rows).filter(|&r| hidden[r][0]).count()
                    + usize::from(hidden[rows][0]);
                prop_assert!(unknowns != 1, "{text}, k = {k}: {value:?} {hidden:?}");
            }
            for r in 0..=rows {
                if !hidden[r][columns] && spec.columns.is_some() {
                    let mass: usize = (0..columns).filter(|&c| hidden[r][c]).map(|c| value[r][c]).sum();
                    prop_assert!(mass == 0 || mass >= k, "{text} row {r}: hidden mass {mass}");
                }
            }
            for c in 0..=columns {
                if !hidden[rows][c] {
                    let mass: usize = (0..rows).filter(|&r| hidden[r][c]).map(|r| value[r][c]).sum();
                    prop_assert!(mass == 0 || mass >= k, "{text} column {c}: hidden mass {mass}");
                }
            }
            // The margins are the one-way tables, hidden alike: two tables
            // of one registry cannot be set against each other.
            if let Some(columns) = spec.columns {
                let by_rows = suppressed(&r, Spec { rows: spec.rows, columns: None }, k);
                prop_assert_eq!(&shown.hidden.row_totals, &by_rows.hidden.row_totals, "{}", text);
                let by_columns = suppressed(&r, Spec { rows: columns, columns: None }, k);
                prop_assert_eq!(&shown.hidden.column_totals, &by_columns.hidden.row_totals, "{}", text);
                prop_assert_eq!(shown.hidden.grand, by_rows.hidden.grand);
            }
            // What the reader sees is what was decided.
            let published = table(&r, spec, k);
            for row in published.rows.iter().chain([&published.total]) {
                for cell in row.cells.iter().chain(&row.total) {
                    prop_assert!(cell.hidden || !is_small(cell.shown().unwrap(), k));
                }
            }
        }
        // Each borough report is a column of the study-wide table.
        let whole = table(&r, role_by_borough(), k);
        for (id, title) in BOROUGHS {
            let report = borough_table(&r, id, k);
            let Some(column) = whole.columns.iter().position(|t| t == title) else { continue };
            for row in &report.rows {
                let wide = whole.rows.iter().find(|w| w.label == row.label).unwrap();
                prop_assert_eq!(&row.cells[0], &wide.cells[column]);
            }
        }
    }
}

// Regression: a borough's column was found by its title, so of two boroughs
// with the same title the second showed the first one's counts.
#[test]
fn a_borough_report_takes_its_own_column_when_titles_are_alike() {
    let list = people(&[("GP", "a", 3), ("Nurse", "b", 4)]);
    let alike = Registry::new(&list, vec![("a", "Borough"), ("b", "Borough")]);
    let b = borough_table(&alike, "b", 3);
    assert_eq!(b.total.cells[0].text, "4", "{:?}", b.total);
    assert!(b.rows.iter().all(|r| r.label != "GP"), "{:?}", b.rows);
}
