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
use suppress::{Knowledge, Known, Margins, Split};
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

/// The people a table counts (withdrawn participants left out), the
/// boroughs' titles in the order the site lists them, and what the site's
/// quotes tell a reader of group sizes.
pub struct Registry<'a> {
    people: Vec<&'a Participant>,
    boroughs: Vec<(&'a str, &'a str)>,
    /// Each quoted participant with the fields the quote is attributed by.
    quoted: Vec<(&'a Participant, &'a [Field])>,
    /// [`margins`], worked out once (for one k).
    margins: std::sync::OnceLock<(usize, Totals)>,
    /// Each table worked out so far, by what it counts and k: the checks
    /// of the files look many counts up in a few tables.
    shown: std::sync::Mutex<Vec<(Spec, usize, std::sync::Arc<Shown>)>>,
}

/// For each field, which of its categories' totals are hidden, and whether
/// the grand total is.
type Totals = BTreeMap<Field, (Vec<bool>, bool)>;

impl<'a> Registry<'a> {
    /// `boroughs`: (id, title) in display order.
    pub fn new(participants: &'a [Participant], boroughs: Vec<(&'a str, &'a str)>) -> Self {
        Registry {
            people: participants
                .iter()
                .filter(|p| p.consent != Consent::Withdrawn)
                .collect(),
            boroughs,
            quoted: Vec::new(),
            margins: std::sync::OnceLock::new(),
            shown: std::sync::Mutex::default(),
        }
    }

    /// The site's quotes, as (speaker, attribution fields). A published
    /// attribution tells the reader its group holds at least k people, and
    /// a quote shown on a borough's page that its group in that borough
    /// does: the tables hide enough that neither gives a count back.
    pub fn quoted(mut self, quoted: Vec<(&'a Participant, &'a [Field])>) -> Self {
        self.quoted = quoted;
        self.margins = std::sync::OnceLock::new();
        self.shown = std::sync::Mutex::default();
        self
    }

    /// The project's registry: its participants, its boroughs in menu
    /// order, and its quotes' attributions. Made from the project alone, so
    /// the checks of the files (before the site is resolved) and the
    /// renderer count the same tables.
    pub fn of_project(project: &'a crate::parse::Project) -> Registry<'a> {
        let boroughs = crate::resolve::borough_order(project)
            .iter()
            .map(|&b| {
                let borough = &project.boroughs[b];
                (borough.id.as_str(), borough.meta.title.as_str())
            })
            .collect();
        // Read from the project, not the site's index of speakers: the
        // checks of the files ask before that index is made.
        let speakers: std::collections::HashMap<&str, usize> = (project.participants.iter())
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        // Thousands of quotes share a few dozen speakers and attributions.
        let mut said: Vec<(usize, &[Field])> = (project.quotes.iter())
            .filter_map(|quote| {
                let speaker = *speakers.get(quote.meta.participant.as_deref()?)?;
                // As `Site::attribution_fields`, for as long as the project.
                let fields = quote.meta.attribution.as_deref();
                Some((speaker, fields.unwrap_or(&project.config.attribution)))
            })
            .collect();
        said.sort_unstable();
        said.dedup();
        let quoted = said
            .into_iter()
            .map(|(speaker, fields)| (&project.participants[speaker], fields))
            .collect();
        Registry::new(&project.participants, boroughs).quoted(quoted)
    }

    /// The title of the borough `id`, or `id` where it has none.
    pub fn borough_title<'s>(&'s self, id: &'s str) -> &'s str {
        (self.boroughs.iter())
            .find(|(b, _)| *b == id)
            .map_or(id, |(_, title)| title)
    }

    /// [`margins`] for `k`, worked out once.
    fn totals(&self, k: usize) -> Totals {
        let (once_k, totals) = self.margins.get_or_init(|| (k, margins(self, k)));
        match *once_k == k {
            true => totals.clone(),
            false => margins(self, k),
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

/// The row or column `person` is counted in, by `field`, with `merged`
/// roles counted as "Other roles".
fn category_of(
    registry: &Registry,
    merged: &[String],
    person: &Participant,
    field: Field,
) -> Category {
    if field == Field::Role && merged.contains(&person.role) {
        return Category::Other;
    }
    let (key, label) = registry.category(person, field);
    Category::Named(key, label)
}

fn count(registry: &Registry, spec: Spec, k: usize) -> Counts {
    let merged = match spec.rows {
        Field::Role => registry.merged_roles(k),
        _ => Vec::new(),
    };
    let category_of =
        |person: &Participant, field: Field| category_of(registry, &merged, person, field);
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

/// What a reader knows of each entry of the table of `counts` with its
/// margins (`[r][c]`, the last row and column the totals; a one-way table
/// has one column), besides its sums:
///
/// - a group a quote's attribution names holds k or more, and so do the
///   lines and totals it lies in; a quote on a borough's page says so of
///   its group in that borough (only groups that do hold k are taken);
/// - the "Other roles" row: each of its roles has fewer than k people in
///   every borough, as its note says (or, left out, fewer than k in all).
fn known(registry: &Registry, spec: Spec, counts: &Counts, k: usize) -> Vec<Vec<Known>> {
    let (rows, columns) = (counts.rows.len(), counts.columns.len());
    let mut known = vec![vec![Known::NOTHING; columns + 1]; rows + 1];
    let value = |r: usize, c: usize| -> usize {
        let rs = if r < rows { r..r + 1 } else { 0..rows };
        let cs = if c < columns { c..c + 1 } else { 0..columns };
        rs.map(|r| cs.clone().map(|c| counts.cells[r][c]).sum::<usize>())
            .sum()
    };
    let place = |person: &Participant, field: Field, among: &[Category]| {
        let category = category_of(registry, &counts.merged, person, field);
        among.iter().position(|c| *c == category)
    };
    for &(person, fields) in &registry.quoted {
        if person.consent == Consent::Withdrawn {
            continue;
        }
        let in_borough = fields.contains(&Field::Borough);
        for with_borough in [in_borough, true] {
            let has =
                |field: Field| fields.contains(&field) || (with_borough && field == Field::Borough);
            let r = match has(spec.rows) {
                true => place(person, spec.rows, &counts.rows),
                false => Some(rows),
            };
            let c = match spec.columns {
                Some(field) if has(field) => place(person, field, &counts.columns),
                _ => Some(columns),
            };
            let (Some(r), Some(c)) = (r, c) else {
                continue;
            };
            // The group, and every line and total holding it.
            for (r, c) in [(r, c), (r, columns), (rows, c), (rows, columns)] {
                if value(r, c) >= k {
                    known[r][c].low = known[r][c].low.max(k);
                }
            }
        }
    }
    // A row left out holds fewer than k in all, as its note says (a row
    // shown is split into its roles instead: see `split`).
    let other = counts.rows.iter().position(|r| *r == Category::Other);
    if let Some(other) = other.filter(|_| counts.left_out) {
        for entry in &mut known[other] {
            entry.high = k.saturating_sub(1);
        }
    }
    known
}

/// Whether the note names the roles merged into "Other roles". Not when
/// the row is left out, nor when k is 2: "fewer than 2 in every borough"
/// would make each of them 1 wherever the row shows anyone.
fn names_merged(counts: &Counts, k: usize) -> bool {
    !counts.left_out && k > 2
}

/// The "Other roles" row of a table by role, split into the roles its note
/// names, with what the note tells of each: fewer than k in every borough,
/// and at least 1 in all.
fn split(registry: &Registry, spec: Spec, counts: &Counts, k: usize) -> Option<Split> {
    if !names_merged(counts, k) {
        return None;
    }
    let row = counts.rows.iter().position(|r| *r == Category::Other)?;
    let boroughs = registry
        .people
        .iter()
        .map(|p| p.borough.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let most = k.saturating_sub(1);
    let parts = counts
        .merged
        .iter()
        .map(|role| {
            let mut line = vec![0; counts.columns.len()];
            for person in registry.people.iter().filter(|p| p.role == *role) {
                let c = match spec.columns {
                    Some(field) => {
                        let category = category_of(registry, &counts.merged, person, field);
                        counts.columns.iter().position(|c| *c == category)
                    }
                    None => Some(0),
                };
                if let Some(c) = c {
                    line[c] += 1;
                }
            }
            line
        })
        .collect();
    let in_a_column = match spec.columns {
        Some(Field::Borough) => most,
        _ => most * boroughs,
    };
    Some(Split {
        row,
        parts,
        part: Known {
            low: 0,
            high: in_a_column,
        },
        whole: Known {
            low: 1,
            high: most * boroughs,
        },
    })
}

/// What the counts show once suppressed, for [`Table`] and the tests.
struct Shown {
    counts: Counts,
    hidden: suppress::Hidden,
}

/// What a reader knows of the table of `counts`: [`known`] and [`split`].
fn knowledge(registry: &Registry, spec: Spec, counts: &Counts, k: usize) -> Knowledge {
    let split = split(registry, spec, counts, k);
    let other = counts.rows.iter().position(|r| *r == Category::Other);
    Knowledge {
        known: known(registry, spec, counts, k),
        unnamed: other.filter(|_| split.is_none()),
        split,
        groups: sector_groups(registry, spec, counts, k),
    }
}

/// What quotes attributed by sector (and not role) tell a reader of a
/// table by role: the roles of that sector hold at least k between them,
/// in the quote's column where the attribution (or the page) names it,
/// else in all (red team, round 14: "Health, Borough A" where the district
/// nurses are Borough A's only health staff says they are at least 3).
/// Only the rows wholly in the sector are summed: a reader knows at least
/// as much of them as is taken (the bound is fitted to their count).
fn sector_groups(
    registry: &Registry,
    spec: Spec,
    counts: &Counts,
    k: usize,
) -> Vec<suppress::Group> {
    if spec.rows != Field::Role {
        return Vec::new();
    }
    // The sectors of each row's people.
    let mut sectors: Vec<Vec<crate::model::Sector>> = vec![Vec::new(); counts.rows.len()];
    for &person in &registry.people {
        let category = category_of(registry, &counts.merged, person, Field::Role);
        if let Some(r) = counts.rows.iter().position(|c| *c == category)
            && !sectors[r].contains(&person.sector)
        {
            sectors[r].push(person.sector);
        }
    }
    let mut groups: Vec<suppress::Group> = Vec::new();
    for &(person, fields) in &registry.quoted {
        let by_sector = fields.contains(&Field::Sector) && !fields.contains(&Field::Role);
        if person.consent == Consent::Withdrawn || !by_sector {
            continue;
        }
        for with_borough in [fields.contains(&Field::Borough), true] {
            let has =
                |field: Field| fields.contains(&field) || (with_borough && field == Field::Borough);
            let column = match spec.columns {
                Some(field) if has(field) => {
                    let category = category_of(registry, &counts.merged, person, field);
                    match counts.columns.iter().position(|c| *c == category) {
                        Some(c) => Some((field, c)),
                        None => continue,
                    }
                }
                _ => None,
            };
            // The group holds k or more, or it was not published as one.
            let size = (registry.people.iter())
                .filter(|p| p.sector == person.sector)
                .filter(|p| {
                    column.is_none_or(|(field, _)| {
                        category_of(registry, &[], p, field)
                            == category_of(registry, &[], person, field)
                    })
                })
                .count();
            if size < k {
                continue;
            }
            let group = suppress::Group {
                rows: (0..counts.rows.len())
                    .filter(|&r| sectors[r] == [person.sector])
                    .collect(),
                column: column.map(|(_, c)| c),
                low: k,
            };
            if !group.rows.is_empty() && !groups.contains(&group) {
                groups.push(group);
            }
        }
    }
    groups
}

/// The two-way tables a registry can show (roles always the rows).
const PAIRS: [(Field, Field); 6] = [
    (Field::Role, Field::Sector),
    (Field::Role, Field::Level),
    (Field::Role, Field::Borough),
    (Field::Sector, Field::Level),
    (Field::Sector, Field::Borough),
    (Field::Level, Field::Borough),
];

/// Which totals every table of the registry hides: for each field, its
/// categories' totals (the one-way table's counts, the two-way tables'
/// margins), and the grand total. Every table of one registry shows the
/// same totals, or a reader would set one against another; so a total
/// that one table must hide (a one-way table whose own counts would give
/// a count back, a two-way table whose hidden cells cannot keep a count
/// from being worked out) is hidden in all, until none asks for more.
fn margins(registry: &Registry, k: usize) -> Totals {
    let one_way = |field: Field| {
        let spec = Spec {
            rows: field,
            columns: None,
        };
        let counts = count(registry, spec, k);
        let knowledge = knowledge(registry, spec, &counts, k);
        (counts, knowledge)
    };
    let lines: BTreeMap<Field, (Counts, Knowledge)> =
        FIELDS.into_iter().map(|f| (f, one_way(f))).collect();
    let mut forced: BTreeMap<Field, Vec<bool>> = lines
        .iter()
        .map(|(&f, (counts, _))| (f, left_out_rows(counts)))
        .collect();
    let mut grand = false;
    loop {
        let hidden: BTreeMap<Field, (Vec<bool>, bool)> = lines
            .iter()
            .map(|(&f, (counts, knowledge))| {
                let totals: Vec<usize> = counts.cells.iter().map(|r| r[0]).collect();
                let line = suppress::suppress_line(&totals, &forced[&f], grand, knowledge, k);
                (f, line)
            })
            .collect();
        let mut more = hidden.values().any(|(_, g)| *g) && !grand;
        grand |= more;
        for (f, (line, _)) in &hidden {
            forced.insert(*f, line.clone());
        }
        // A sector's total is shown only where the totals by role back it.
        let (role_counts, _) = &lines[&Field::Role];
        let (sector_counts, _) = &lines[&Field::Sector];
        let roles = Shown {
            counts: count(registry, ROLES, k),
            hidden: suppress::Hidden {
                cells: hidden[&Field::Role].0.iter().map(|&h| vec![h]).collect(),
                row_totals: hidden[&Field::Role].0.clone(),
                column_totals: vec![grand],
                grand,
            },
        };
        debug_assert_eq!(roles.counts.rows, role_counts.rows);
        let unbacked = unbacked(
            registry,
            sector_counts,
            &roles,
            |r, _| roles.hidden.row_totals[r],
            |_| !grand,
            |_| Some((0, 0)),
        );
        let line = forced
            .get_mut(&Field::Sector)
            .expect("every field has a line");
        let mut unbacked_totals = false;
        for (hide, more_here) in line.iter_mut().zip(unbacked) {
            unbacked_totals |= more_here[0] && !*hide;
            *hide |= more_here[0];
        }
        // The lines again, with those totals hidden, before any table is
        // seeded with them.
        if unbacked_totals {
            continue;
        }
        // The tables by role, for the tables by sector over the same columns.
        let mut by_role: BTreeMap<Field, Shown> = BTreeMap::new();
        for (rows, columns) in PAIRS {
            let spec = Spec {
                rows,
                columns: Some(columns),
            };
            let seeds = Margins {
                rows: hidden[&rows].0.clone(),
                columns: hidden[&columns].0.clone(),
                grand,
            };
            let table = two_way(registry, spec, &seeds, by_role.get(&columns), k);
            let (row_margins, column_margins) =
                (&table.hidden.row_totals, &table.hidden.column_totals);
            for (field, margins) in [(rows, row_margins), (columns, column_margins)] {
                let line = forced.get_mut(&field).expect("every field has a line");
                for (hide, &now) in line.iter_mut().zip(margins) {
                    more |= now && !*hide;
                    *hide |= now;
                }
            }
            more |= table.hidden.grand && !grand;
            grand |= table.hidden.grand;
            if rows == Field::Role {
                by_role.insert(columns, table);
            }
        }
        if !more {
            return hidden;
        }
    }
}

/// The rows of a table by role that are left out whole (rule 2).
fn left_out_rows(counts: &Counts) -> Vec<bool> {
    counts
        .rows
        .iter()
        .map(|r| counts.left_out && *r == Category::Other)
        .collect()
}

/// A two-way table suppressed with the margins `seeds`; a table by sector
/// also hides what `roles`, the table by role over the same columns, does
/// not back ([`unbacked`]).
fn two_way(
    registry: &Registry,
    spec: Spec,
    seeds: &Margins,
    roles: Option<&Shown>,
    k: usize,
) -> Shown {
    let counts = count(registry, spec, k);
    let knowledge = knowledge(registry, spec, &counts, k);
    let mut forced: Vec<Vec<bool>> = left_out_rows(&counts)
        .into_iter()
        .map(|whole| vec![whole; counts.columns.len()])
        .collect();
    if let (Field::Sector, Some(roles)) = (spec.rows, roles) {
        let lines = |person: &Participant| {
            let column = |field: Field, of: &Counts| {
                let category = category_of(registry, &of.merged, person, field);
                of.columns.iter().position(|c| *c == category)
            };
            let field = spec.columns.expect("a two-way table");
            Some((column(field, &counts)?, column(field, &roles.counts)?))
        };
        let unbacked = unbacked(
            registry,
            &counts,
            roles,
            |r, c| roles.hidden.cells[r][c],
            |c| !roles.hidden.column_totals[c],
            lines,
        );
        for (line, more) in forced.iter_mut().zip(unbacked) {
            for (cell, more) in line.iter_mut().zip(more) {
                *cell |= more;
            }
        }
    }
    let hidden = suppress::suppress_table(&counts.cells, seeds, &forced, &knowledge, k);
    Shown { counts, hidden }
}

/// For a table by sector (`counts`, its columns as `lines` gives each
/// person's column there and in `roles`): the counts a reader could not
/// add up from `roles`, the table by role over the same columns (`hidden`
/// says which of its counts it hides, `total_shown` which of its column
/// totals it shows). A sector's count is shown only where each person it
/// counts is on a row of `roles` (a role's, or the merged roles') every
/// person of which in that column is in that sector, and a reader can add those roles' counts
/// up from `roles` (each is shown, or those hidden are all its column
/// hides, under a shown total): otherwise a reader sets the two against
/// each other (red team, round 14:
/// "Health, Borough A" beside Borough A's matrons gave back its hidden
/// nurses, and so its one GP). Only hiding more: what is left shown says
/// nothing the table by role does not.
fn unbacked(
    registry: &Registry,
    counts: &Counts,
    roles: &Shown,
    hidden: impl Fn(usize, usize) -> bool,
    total_shown: impl Fn(usize) -> bool,
    lines: impl Fn(&Participant) -> Option<(usize, usize)>,
) -> Vec<Vec<bool>> {
    let (rows, columns) = (counts.rows.len(), counts.columns.len());
    let role_rows = roles.counts.rows.len();
    // The sectors (rows of `counts`) of each row of `roles`, anywhere, and
    // the column of `roles` that is each column of `counts`.
    let mut sectors: Vec<Vec<usize>> = vec![Vec::new(); role_rows];
    let mut column_of: Vec<Option<usize>> = vec![None; columns];
    for &person in &registry.people {
        let role = category_of(registry, &roles.counts.merged, person, Field::Role);
        let r = roles.counts.rows.iter().position(|c| *c == role);
        let sector = category_of(registry, &counts.merged, person, Field::Sector);
        let s = counts.rows.iter().position(|c| *c == sector);
        let (Some(r), Some(s), Some((c, rc))) = (r, s, lines(person)) else {
            continue;
        };
        if !sectors[r].contains(&s) {
            sectors[r].push(s);
        }
        column_of[c] = Some(rc);
    }
    let mut unbacked = vec![vec![true; columns]; rows];
    for (s, line) in unbacked.iter_mut().enumerate() {
        // A role row with people in this sector and another: its part in
        // each is a count of neither table.
        if sectors.iter().any(|of| of.len() > 1 && of.contains(&s)) {
            continue;
        }
        for (c, cell) in line.iter_mut().enumerate() {
            let Some(rc) = column_of[c] else {
                continue;
            };
            // Backed: no role count it adds up is hidden; or those hidden
            // are all that its column hides, under a shown total, so that
            // the column's sum gives theirs.
            let hid: Vec<usize> = (0..role_rows).filter(|&r| hidden(r, rc)).collect();
            let mine = hid.iter().filter(|&&r| sectors[r] == [s]).count();
            *cell = !(mine == 0 || (mine == hid.len() && total_shown(rc)));
        }
    }
    unbacked
}

/// [`suppress_spec`], worked out once per registry, table and k.
fn suppressed(registry: &Registry, spec: Spec, k: usize) -> std::sync::Arc<Shown> {
    let lock = || registry.shown.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((.., shown)) = lock().iter().find(|(s, kk, _)| *s == spec && *kk == k) {
        return shown.clone();
    }
    // Worked out without the lock held: a table by sector asks for the
    // table by role.
    let shown = std::sync::Arc::new(suppress_spec(registry, spec, k));
    lock().push((spec, k, shown.clone()));
    shown
}

fn suppress_spec(registry: &Registry, spec: Spec, k: usize) -> Shown {
    let margins = registry.totals(k);
    let (rows, grand) = margins[&spec.rows].clone();
    match spec.columns {
        None => Shown {
            counts: count(registry, spec, k),
            hidden: suppress::Hidden {
                cells: rows.iter().map(|&h| vec![h]).collect(),
                row_totals: rows,
                column_totals: vec![grand],
                grand,
            },
        },
        Some(columns) => {
            let seeds = Margins {
                rows,
                columns: margins[&columns].0.clone(),
                grand,
            };
            let roles = (spec.rows == Field::Sector).then(|| {
                let by_role = Spec {
                    rows: Field::Role,
                    columns: Some(columns),
                };
                suppressed(registry, by_role, k)
            });
            two_way(registry, spec, &seeds, roles.as_deref(), k)
        }
    }
}

fn label(category: &Category) -> String {
    match category {
        Category::Named(_, label) => label.clone(),
        Category::Other => OTHER_ROLES.to_string(),
    }
}

/// How the merged row is labelled.
pub const OTHER_ROLES: &str = "Other roles";

/// Whether the generated tables hide the count of the people with `values`
/// (one or two fields' values, as the registry holds them: a role, a
/// sector's or level's label, a borough's id): the one-way table of the
/// field, or the two-way table of the two (roles always the rows). `None`
/// when no one is counted there, or three fields are named. A role merged
/// into "Other roles" is never shown on its own: hidden.
pub fn is_hidden(registry: &Registry, values: &[(Field, &str)], k: usize) -> Option<bool> {
    let mut values = values.to_vec();
    values.sort_by_key(|(f, _)| FIELDS.iter().position(|g| g == f));
    let (rows, columns) = match values[..] {
        [rows] => (rows, None),
        [rows, columns] => (rows, Some(columns)),
        _ => return None,
    };
    let spec = Spec {
        rows: rows.0,
        columns: columns.map(|(f, _)| f),
    };
    let shown = suppressed(registry, spec, k);
    let counts = &shown.counts;
    let borough_key = |id: &str| registry.boroughs.iter().position(|(b, _)| *b == id);
    let place = |categories: &[Category], (field, value): (Field, &str)| {
        categories
            .iter()
            .position(|category| match (category, field) {
                (Category::Other, _) => {
                    value == OTHER_ROLES || counts.merged.iter().any(|m| m == value)
                }
                (Category::Named(key, _), Field::Borough) => Some(*key) == borough_key(value),
                (Category::Named(_, label), _) => label == value,
            })
    };
    if rows.0 == Field::Role && counts.merged.iter().any(|m| m == rows.1) {
        return Some(true);
    }
    let r = place(&counts.rows, rows)?;
    Some(match columns {
        Some(columns) => shown.hidden.cells[r][place(&counts.columns, columns)?],
        None => shown.hidden.row_totals[r],
    })
}

/// The table a `![](participants:…)` embed shows.
pub fn table(registry: &Registry, spec: Spec, k: usize) -> Table {
    let shown = suppressed(registry, spec, k);
    let (counts, hidden) = (&shown.counts, &shown.hidden);
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
        notes: notes(counts, k),
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

const ROLES: Spec = Spec {
    rows: Field::Role,
    columns: None,
};

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
