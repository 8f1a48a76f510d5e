//! A participant table as a reader sees it: shown and hidden cells, the
//! headings, and the note that says which rule was applied. Made by the
//! parent module from suppressed counts; the theme's partial draws it.

use super::{Counts, Field};
use serde::Serialize;

/// A count as a reader sees it: the number, or hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The number, or `–` when hidden.
    pub text: String,
    pub hidden: bool,
}

impl Cell {
    pub(super) fn new(count: usize, hidden: bool) -> Cell {
        Cell {
            text: if hidden {
                HIDDEN.to_string()
            } else {
                count.to_string()
            },
            hidden,
        }
    }

    /// The number shown, `None` when hidden.
    pub fn shown(&self) -> Option<usize> {
        (!self.hidden).then(|| self.text.parse().ok()).flatten()
    }
}

/// The theme partial a table is rendered with.
pub const PARTIAL: &str = "partials/participants.html";

/// How a hidden count reads.
pub const HIDDEN: &str = "–";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub label: String,
    /// One per column (one cell in a one-way table).
    pub cells: Vec<Cell>,
    /// The row's total, in a two-way table.
    pub total: Option<Cell>,
    /// The "Other roles" row.
    pub other: bool,
}

/// A participant table, ready for the theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// "Participants by role and borough".
    pub caption: String,
    /// The rows' heading ("Role").
    pub row_head: String,
    /// Column headings: the column field's categories, or "Participants".
    pub columns: Vec<String>,
    /// Whether rows have totals (a two-way table).
    pub two_way: bool,
    pub rows: Vec<Row>,
    /// The totals row ("Total").
    pub total: Row,
    /// What was done, in a reader's words.
    pub notes: Vec<String>,
    /// Nobody is counted.
    pub empty: bool,
}

pub(super) fn heading(field: Field) -> &'static str {
    match field {
        Field::Role => "Role",
        Field::Sector => "Sector",
        Field::Level => "Level",
        Field::Borough => "Borough",
    }
}

pub(super) fn field_words(field: Field) -> &'static str {
    match field {
        Field::Role => "role",
        Field::Sector => "sector",
        Field::Level => "level",
        Field::Borough => "borough",
    }
}

/// The table's note: which rule was applied, in a reader's words.
pub(super) fn notes(counts: &Counts, k: usize) -> Vec<String> {
    let mut notes = Vec::new();
    if k <= 1 {
        notes.push("Every count is shown.".to_string());
        return notes;
    }
    let small = match k {
        2 => "1 person".to_string(),
        3 => "1 or 2 people".to_string(),
        _ => format!("1 to {} people", k - 1),
    };
    notes.push(format!(
        "To protect anonymity, counts of {small} are not shown ({HIDDEN}), and \
         where a total would let a reader work one out, another count is hidden too. \
         Totals count everyone who took part, except those who withdrew."
    ));
    if !counts.merged.is_empty() && !counts.left_out {
        let names = match super::names_merged(counts, k) {
            true => format!(" ({})", counts.merged.join(", ")),
            false => String::new(),
        };
        notes.push(format!(
            "Other roles: roles with fewer than {k} people in every borough{names}."
        ));
    }
    if counts.left_out {
        notes.push(format!(
            "People in roles with fewer than {k} people in every borough, too few to \
             show even together, are counted in the totals only."
        ));
    }
    notes
}
