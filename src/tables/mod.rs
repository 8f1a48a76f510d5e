//! Participant tables: how many people in the registry took part, by one
//! or two of their fields (role, sector, level, borough), with totals, set
//! out so that no count can single anyone out. Pure and deterministic: the
//! same registry and k give the same table. Owns the rule (see
//! `docs/participant-tables.md`); does not own the markup (the theme's
//! `partials/participants.html`) or where a table is placed (the
//! `![](participants:role/borough)` embed and the borough reports).
//!
//! The rule, in order:
//!
//! 1. Withdrawn participants never count.
//! 2. A role with fewer than k people in every borough is not shown on its
//!    own: such roles together make one "Other roles" row when they hold k
//!    or more people, and are left out otherwise (their people still count
//!    in the totals). Which roles are merged is decided once, by role and
//!    borough, so every table and every borough report merges the same ones.
//! 3. Every count from 1 to k-1 is hidden, totals included; 0 is shown
//!    (nobody cannot be singled out, and rule 4 keeps the hidden part of
//!    every shown total at k or more, so a 0 gives nothing back).
//! 4. Secondary suppression ([`suppress`]): more counts are hidden until no
//!    hidden count can be worked back from the rows, columns and totals.
//!    Totals are never adjusted. The margins of a two-way table are those of
//!    the one-way tables of its fields, so tables of one registry agree.

pub mod check;
mod suppress;
mod view;

use crate::model::{AttributionField, Consent, Participant};
use std::collections::BTreeMap;

pub use suppress::is_small;
pub use view::{Cell, HIDDEN, PARTIAL, Row, Table};
use view::{field_words, heading, notes};

/// A registry field a table counts by.
pub type Field = AttributionField;

/// The fields a table may count by, as written in the embed.
pub const FIELDS: [Field; 4] = [Field::Role, Field::Sector, Field::Level, Field::Borough];

/// Which table: rows by one field, columns by another (optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub rows: Field,
    pub columns: Option<Field>,
}

/// What is wrong with the text of a table embed (`role/borough`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecError {
    /// A name that is no field, at this byte range of the text.
    Unknown {
        name: String,
        at: std::ops::Range<usize>,
    },
    /// The same field twice.
    Twice(Field),
    /// More than two fields, or none.
    Count(usize),
}

impl Spec {
    /// Reads `FIELD` or `FIELD/FIELD`.
    pub fn parse(text: &str) -> Result<Spec, SpecError> {
        let mut fields = Vec::new();
        let mut start = 0;
        for name in text.split('/') {
            let at = start..start + name.len();
            start = at.end + 1;
            let field = FIELDS
                .into_iter()
                .find(|f| f.name() == name)
                .ok_or_else(|| SpecError::Unknown {
                    name: name.to_string(),
                    at,
                })?;
            fields.push(field);
        }
        match fields[..] {
            [rows] => Ok(Spec {
                rows,
                columns: None,
            }),
            [a, b] if a == b => Err(SpecError::Twice(a)),
            // Roles are always the rows: that is where they are merged.
            [a, Field::Role] => Ok(Spec {
                rows: Field::Role,
                columns: Some(a),
            }),
            [rows, columns] => Ok(Spec {
                rows,
                columns: Some(columns),
            }),
            _ => Err(SpecError::Count(fields.len())),
        }
    }
}

/// The people a table counts (withdrawn participants left out) and the
/// boroughs' titles in the order the site lists them.
pub struct Registry<'a> {
    people: Vec<&'a Participant>,
    boroughs: Vec<(&'a str, &'a str)>,
}

impl<'a> Registry<'a> {
    /// `boroughs`: (id, title) in display order.
    pub fn new(participants: &'a [Participant], boroughs: Vec<(&'a str, &'a str)>) -> Self {
        Registry {
            people: participants
                .iter()
                .filter(|p| p.consent != Consent::Withdrawn)
                .collect(),
            boroughs,
        }
    }

    /// The category a person falls in for `field`: a sort key and a label.
    fn category(&self, person: &Participant, field: Field) -> (usize, String) {
        match field {
            Field::Role => (0, person.role.clone()),
            Field::Sector => (person.sector as usize, person.sector.label().to_string()),
            Field::Level => match person.level {
                Some(level) => (level as usize, level.label().to_string()),
                None => (usize::MAX, "Not recorded".to_string()),
            },
            Field::Borough => match self
                .boroughs
                .iter()
                .position(|(id, _)| *id == person.borough)
            {
                Some(i) => (i, self.boroughs[i].1.to_string()),
                None => (usize::MAX, person.borough.clone()),
            },
        }
    }

    /// Roles with fewer than k people in every borough (rule 2).
    fn merged_roles(&self, k: usize) -> Vec<String> {
        let mut by: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
        for person in &self.people {
            *by.entry(&person.role)
                .or_default()
                .entry(&person.borough)
                .or_default() += 1;
        }
        by.into_iter()
            .filter(|(_, boroughs)| boroughs.values().all(|&n| n < k))
            .map(|(role, _)| role.to_string())
            .collect()
    }
}

/// One category of a table's rows or columns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Named(usize, String),
    /// The merged roles (rule 2), last.
    Other,
}

/// Counts of the registry, by category, before anything is hidden.
struct Counts {
    rows: Vec<Category>,
    columns: Vec<Category>,
    /// `cells[r][c]`; one column when the table is one-way.
    cells: Vec<Vec<usize>>,
    /// The merged roles, and whether their row is left out (rule 2).
    merged: Vec<String>,
    left_out: bool,
}

fn count(registry: &Registry, spec: Spec, k: usize) -> Counts {
    let merged = match spec.rows {
        Field::Role => registry.merged_roles(k),
        _ => Vec::new(),
    };
    let category_of = |person: &Participant, field: Field| {
        if field == Field::Role && merged.contains(&person.role) {
            return Category::Other;
        }
        let (key, label) = registry.category(person, field);
        Category::Named(key, label)
    };
    let mut table: BTreeMap<Category, BTreeMap<Category, usize>> = BTreeMap::new();
    let mut columns: Vec<Category> = Vec::new();
    for person in &registry.people {
        let row = category_of(person, spec.rows);
        let column = match spec.columns {
            Some(field) => category_of(person, field),
            None => Category::Other,
        };
        if !columns.contains(&column) {
            columns.push(column.clone());
        }
        *table.entry(row).or_default().entry(column).or_default() += 1;
    }
    columns.sort();
    let rows: Vec<Category> = table.keys().cloned().collect();
    let cells = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .map(|column| table[row].get(column).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    let in_other: usize = registry
        .people
        .iter()
        .filter(|p| merged.contains(&p.role))
        .count();
    Counts {
        rows,
        columns,
        cells,
        left_out: !merged.is_empty() && in_other < k,
        merged,
    }
}

/// What the counts show once suppressed, for [`Table`] and the tests.
struct Shown {
    counts: Counts,
    hidden: suppress::Hidden,
}

fn suppressed(registry: &Registry, spec: Spec, k: usize) -> Shown {
    let counts = count(registry, spec, k);
    let forced: Vec<bool> = counts
        .rows
        .iter()
        .map(|r| counts.left_out && *r == Category::Other)
        .collect();
    let row_totals: Vec<usize> = counts.cells.iter().map(|r| r.iter().sum()).collect();
    let (row_seed, grand) = suppress::suppress_line(&row_totals, &forced, k);
    let hidden = match spec.columns {
        None => suppress::Hidden {
            cells: row_seed.iter().map(|&h| vec![h]).collect(),
            row_totals: row_seed,
            column_totals: vec![grand],
            grand,
        },
        Some(field) => {
            // The columns' one-way table (roles, if they are the columns,
            // were moved to the rows by `Spec::parse`).
            let column_spec = Spec {
                rows: field,
                columns: None,
            };
            let columns = count(registry, column_spec, k);
            let column_totals: Vec<usize> = columns.cells.iter().map(|r| r[0]).collect();
            let none = vec![false; column_totals.len()];
            let (column_seed, _) = suppress::suppress_line(&column_totals, &none, k);
            suppress::suppress_table(&counts.cells, &row_seed, &column_seed, grand, &forced, k)
        }
    };
    Shown { counts, hidden }
}

fn label(category: &Category) -> String {
    match category {
        Category::Named(_, label) => label.clone(),
        Category::Other => "Other roles".to_string(),
    }
}

/// The table a `![](participants:…)` embed shows.
pub fn table(registry: &Registry, spec: Spec, k: usize) -> Table {
    let Shown { counts, hidden } = suppressed(registry, spec, k);
    // With one column, each row total is its one cell (hidden alike).
    let two_way = spec.columns.is_some() && counts.columns.len() > 1;
    let mut rows = Vec::new();
    for (r, category) in counts.rows.iter().enumerate() {
        if counts.left_out && *category == Category::Other {
            continue;
        }
        let cells = counts.cells[r]
            .iter()
            .zip(&hidden.cells[r])
            .map(|(&n, &h)| Cell::new(n, h))
            .collect();
        rows.push(Row {
            label: label(category),
            cells,
            total: two_way.then(|| Cell::new(counts.cells[r].iter().sum(), hidden.row_totals[r])),
            other: *category == Category::Other,
        });
    }
    let column_totals: Vec<usize> = (0..counts.columns.len())
        .map(|c| counts.cells.iter().map(|r| r[c]).sum())
        .collect();
    let grand: usize = column_totals.iter().sum();
    let total = Row {
        label: "Total".to_string(),
        cells: column_totals
            .iter()
            .zip(&hidden.column_totals)
            .map(|(&n, &h)| Cell::new(n, h))
            .collect(),
        total: two_way.then(|| Cell::new(grand, hidden.grand)),
        other: false,
    };
    let caption = match spec.columns {
        Some(columns) => format!(
            "Participants by {} and {}",
            field_words(spec.rows),
            field_words(columns)
        ),
        None => format!("Participants by {}", field_words(spec.rows)),
    };
    Table {
        caption,
        row_head: heading(spec.rows).to_string(),
        columns: match spec.columns {
            Some(_) => counts.columns.iter().map(label).collect(),
            None => vec!["Participants".to_string()],
        },
        two_way,
        notes: notes(&counts, k),
        empty: grand == 0,
        rows,
        total,
    }
}

/// A borough report's "Who took part": that borough's column of the table
/// by role and borough, hidden counts and all, so the report tells a reader
/// nothing the study-wide table does not.
pub fn borough_table(registry: &Registry, borough: &str, k: usize) -> Table {
    let shown = suppressed(registry, ROLE_BY_BOROUGH, k);
    column_of(&shown, registry, borough, k)
}

/// [`borough_table`] for every borough of the registry, the study-wide
/// table suppressed once.
pub fn borough_tables(registry: &Registry, k: usize) -> BTreeMap<String, Table> {
    let shown = suppressed(registry, ROLE_BY_BOROUGH, k);
    registry
        .boroughs
        .iter()
        .map(|(id, _)| (id.to_string(), column_of(&shown, registry, id, k)))
        .collect()
}

const ROLE_BY_BOROUGH: Spec = Spec {
    rows: Field::Role,
    columns: Some(Field::Borough),
};

fn column_of(shown: &Shown, registry: &Registry, borough: &str, k: usize) -> Table {
    let Shown { counts, hidden } = shown;
    // By the borough's place in the registry (its key), not its title: two
    // boroughs may share a title.
    let key = registry.boroughs.iter().position(|(id, _)| *id == borough);
    let column = counts
        .columns
        .iter()
        .position(|c| matches!(c, Category::Named(i, _) if Some(*i) == key));
    let mut rows = Vec::new();
    let mut total = Cell::new(0, false);
    if let Some(c) = column {
        for (r, category) in counts.rows.iter().enumerate() {
            let (n, h) = (counts.cells[r][c], hidden.cells[r][c]);
            // A shown 0 says nothing; a hidden one is kept, or its row
            // would tell the reader it was a 0.
            if (counts.left_out && *category == Category::Other) || (n == 0 && !h) {
                continue;
            }
            rows.push(Row {
                label: label(category),
                cells: vec![Cell::new(n, h)],
                total: None,
                other: *category == Category::Other,
            });
        }
        let sum = counts.cells.iter().map(|r| r[c]).sum();
        total = Cell::new(sum, hidden.column_totals[c]);
    }
    Table {
        caption: "Participants by role".to_string(),
        row_head: "Role".to_string(),
        columns: vec!["Participants".to_string()],
        two_way: false,
        notes: notes(counts, k),
        empty: total.text == "0",
        rows,
        total: Row {
            label: "Total".to_string(),
            cells: vec![total],
            total: None,
            other: false,
        },
    }
}

#[cfg(test)]
mod tests;
