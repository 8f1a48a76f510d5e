//! Which counts of a table a reader is shown: primary suppression (every
//! count from 1 to k-1, totals included) and secondary suppression (further
//! cells wherever a row, column or total would give a hidden count back).
//! Pure arithmetic over counts; knows nothing of participants or HTML.
//!
//! A reader of a table knows each row and column adds up to its total. The
//! hidden entries of a table are the unknowns of those equations, and a
//! hidden entry can be worked back exactly when it lies on no cycle of the
//! graph whose vertices are the lines (rows and columns, the totals row and
//! column included) and whose edges are the hidden entries: a bridge of that
//! graph. So, until nothing changes:
//!
//! 1. a line whose total is shown and whose hidden entries add up to 1..k-1
//!    hides its smallest other non-zero cell (otherwise a reader would learn
//!    that the hidden groups together hold fewer than k people);
//! 2. a line with exactly one hidden entry hides its smallest other cell;
//! 3. a hidden entry that is a bridge gets a cycle: the smallest shown cell
//!    joining the two sides the bridge would split is hidden.
//!
//! Totals are never changed. Margins (row and column totals) are hidden
//! only where the one-way table of that field hides them (the caller passes
//! those in), so a one-way table and the margins of a two-way table always
//! agree; if that leaves no cell to hide, every cell is hidden.
//!
//! A reader knows more than the sums ([`Known`]): a count the site shows
//! elsewhere to be at least k (a quote attributed "District nurse, Borough
//! A"), a count a note bounds (the "Other roles" row), and that a hidden
//! count is never 0 when 0 would have been shown. With those bounds the
//! equations may pin a hidden count down although no bridge does, so after
//! the rules above, [`pinned`] asks of every hidden count whether the
//! bounded equations still leave it two values, and hides more until they
//! do. The counts of a table with its totals are a circulation (each line's
//! entries flow in and its total flows out), so a hidden count can move
//! exactly when a residual path closes a cycle through it: a search, with
//! no arithmetic to get wrong.

use petgraph::algo::bridges;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::Dfs;

/// A shown or hidden count, for a two-way table with its margins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// `cells[r][c]`.
    pub cells: Vec<Vec<bool>>,
    pub row_totals: Vec<bool>,
    pub column_totals: Vec<bool>,
    pub grand: bool,
}

/// What a reader knows of a count besides the table's sums: it lies in
/// `low..=high`. Bounds the true count does not meet are widened to it
/// (they cannot be known of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// A quote's attribution shared by k shows the group holds k or more.
    pub low: usize,
    /// A note's "fewer than k in every borough" caps the "Other roles" row.
    pub high: usize,
}

impl Known {
    /// Nothing beyond the sums.
    pub const NOTHING: Known = Known {
        low: 0,
        high: usize::MAX,
    };
}

/// The roles merged into one row ("Other roles"), which the row's note
/// names: a reader knows each role's count in each column lies in `part`
/// (fewer than k in a borough) and its count in all lies in `whole` (it
/// took part, so at least 1). Their counts are hidden parts of the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The merged row.
    pub row: usize,
    /// `parts[role][column]`: how many of the row's people hold that role
    /// (one column in a one-way table).
    pub parts: Vec<Vec<usize>>,
    pub part: Known,
    pub whole: Known,
}

/// What a reader knows of a table besides its sums: `known[r][c]` of each
/// entry of the table with its margins (the last row and column the
/// totals; a one-way table has one column), and the merged row's roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Knowledge {
    pub known: Vec<Vec<Known>>,
    pub split: Option<Split>,
    /// A row whose people the table does not name by any value (roles
    /// merged without naming them): its counts single nobody out, so they
    /// may be worked out (they still bound the others).
    pub unnamed: Option<usize>,
    /// Sums of rows a reader knows to hold at least `low` (a quote
    /// attributed "Health, Borough A" beside a table by role).
    pub groups: Vec<Group>,
}

/// Rows of a table whose counts in one column (or whose totals, `column`
/// `None`) a reader knows add up to at least `low`: the roles of a sector,
/// where a quote is attributed by the sector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub rows: Vec<usize>,
    pub column: Option<usize>,
    pub low: usize,
}

impl Knowledge {
    #[cfg(test)]
    /// Nothing beyond the sums of a `rows` by `columns` table.
    pub fn nothing(rows: usize, columns: usize) -> Knowledge {
        Knowledge {
            known: vec![vec![Known::NOTHING; columns + 1]; rows + 1],
            split: None,
            unnamed: None,
            groups: Vec::new(),
        }
    }
}

/// Which margins of a table are hidden: each row's total, each column's,
/// and the grand total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Margins {
    pub rows: Vec<bool>,
    pub columns: Vec<bool>,
    pub grand: bool,
}

/// Whether a count must be hidden by itself.
pub fn is_small(count: usize, k: usize) -> bool {
    count >= 1 && count < k
}

/// One line (a one-way table): `values` add up to `total`; `forced`
/// entries are hidden whatever they hold (a row left out of the table, or
/// a margin another table hides), and the total too if `total_forced`;
/// `knowledge` is the reader's, of a table of one column. Returns which
/// values are hidden, and whether the total is.
pub fn suppress_line(
    values: &[usize],
    forced: &[bool],
    total_forced: bool,
    knowledge: &Knowledge,
    k: usize,
) -> (Vec<bool>, bool) {
    let total: usize = values.iter().sum();
    let mut hidden: Vec<bool> = values
        .iter()
        .zip(forced)
        .map(|(&v, &f)| f || is_small(v, k))
        .collect();
    let mut total_hidden = total_forced || is_small(total, k);
    let (known, split) = (&knowledge.known, knowledge.split.as_ref());
    let known_total = known[values.len()][0];
    // The line as a circulation: each value flows from outside (node 1)
    // into the line (node 0), and the total flows back out. A split row
    // flows into a node of its own (2), and on through its roles' counts.
    // A group's values flow through a node of its own (3 on), and on into
    // the line by their sum.
    let groups: Vec<&Group> = knowledge.groups.iter().collect();
    let nodes = 3 + groups.len();
    let flow = |hidden: &[bool], total_hidden: bool| -> Vec<Entry> {
        let mut entries: Vec<Entry> = values
            .iter()
            .zip(hidden)
            .zip(known.iter().map(|line| line[0]))
            .enumerate()
            .map(|(i, ((&value, &hidden), known))| {
                let to = match split {
                    Some(split) if split.row == i => 2,
                    _ => 0,
                };
                let from = match groups.iter().position(|g| g.rows.contains(&i)) {
                    Some(g) if to == 0 => 3 + g,
                    _ => 1,
                };
                let unnamed = knowledge.unnamed == Some(i);
                Entry::new((from, to), value, hidden, known).unnamed(unnamed)
            })
            .collect();
        for (g, group) in groups.iter().enumerate() {
            let sum = group.rows.iter().map(|&i| values[i]).sum();
            let bound = Known {
                low: group.low,
                high: usize::MAX,
            };
            entries.push(Entry::unseen((1, 3 + g), sum, bound));
        }
        entries.push(Entry::new((0, 1), total, total_hidden, known_total));
        for part in split.iter().flat_map(|split| &split.parts) {
            let value = part.iter().sum();
            let whole = split.map_or(Known::NOTHING, |s| s.whole);
            entries.push(Entry::unseen((2, 0), value, whole));
        }
        entries
    };
    loop {
        if let Some(i) = line_needs(values, &hidden, total_hidden, total, k) {
            hidden[i] = true;
            continue;
        }
        let Some(stuck) = pinned(nodes, &flow(&hidden, total_hidden), k) else {
            break;
        };
        let shown: Vec<usize> = by_size(values, (0..values.len()).filter(|&i| !hidden[i]));
        let frees = |i: usize| {
            let mut more = hidden.clone();
            more[i] = true;
            !pins(nodes, &flow(&more, total_hidden), stuck, k)
        };
        match shown
            .iter()
            .copied()
            .find(|&i| frees(i))
            .or(shown.first().copied())
        {
            Some(i) => hidden[i] = true,
            None if !total_hidden => total_hidden = true,
            // Everything hidden: the reader's bounds alone pin it, and no
            // table could say less.
            None => break,
        }
    }
    (hidden, total_hidden)
}

/// `candidates` ordered as the rules hide them: the smallest non-zero
/// count first, zeros last, then by place.
fn by_size(values: &[usize], candidates: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut list: Vec<usize> = candidates.collect();
    list.sort_by_key(|&i| (values[i] == 0, values[i], i));
    list
}

/// One count of a table as an edge of its circulation: it flows from
/// `from` to `to` (nodes are lines), and is `value`.
#[derive(Debug, Clone, Copy)]
struct Entry {
    from: usize,
    to: usize,
    value: usize,
    hidden: bool,
    /// The reader's bounds, fitted to the true count: a hidden count that
    /// is not 0 is at least 1 (0 would have been shown).
    low: usize,
    high: usize,
    /// Working it out would tell of someone (see [`Knowledge::unnamed`]).
    named: bool,
}

impl Entry {
    fn new((from, to): (usize, usize), value: usize, hidden: bool, known: Known) -> Entry {
        let low = known.low.max(usize::from(value > 0)).min(value);
        Entry {
            from,
            to,
            value,
            hidden,
            low,
            high: known.high.max(value),
            named: true,
        }
    }

    /// A count the table never shows (a merged role's): the reader knows
    /// only its bounds, not whether it is 0.
    fn unseen(ends: (usize, usize), value: usize, known: Known) -> Entry {
        Entry {
            low: known.low.min(value),
            ..Entry::new(ends, value, true, known)
        }
    }

    fn unnamed(self, unnamed: bool) -> Entry {
        Entry {
            named: !unnamed,
            ..self
        }
    }
}

/// The first hidden count from 1 to k-1 that a reader who knows every
/// shown count, every line's sum and the bounds can work out exactly (a
/// count of k or more worked out singles nobody out, and every small one
/// is asked about itself).
fn pinned(nodes: usize, entries: &[Entry], k: usize) -> Option<usize> {
    (0..entries.len()).find(|&i| pins(nodes, entries, i, k))
}

/// Whether `entries[i]` is hidden, from 1 to k-1, and pinned: it can move neither
/// up nor down while every other count keeps to its bounds and the lines
/// keep their sums. Moving it by one means sending one unit back round a
/// cycle, along hidden counts with room to grow (forwards) or to shrink
/// (backwards), not using it again.
fn pins(nodes: usize, entries: &[Entry], i: usize, k: usize) -> bool {
    let e = entries[i];
    if !e.hidden || !is_small(e.value, k) || !e.named {
        return false;
    }
    let mut arcs: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for (j, other) in entries.iter().enumerate() {
        if j == i || !other.hidden {
            continue;
        }
        if other.high > other.value {
            arcs[other.from].push(other.to);
        }
        if other.value > other.low {
            arcs[other.to].push(other.from);
        }
    }
    let can_grow = e.high > e.value && reaches(&arcs, e.to, e.from);
    let can_shrink = e.value > e.low && reaches(&arcs, e.from, e.to);
    !can_grow && !can_shrink
}

/// Whether `to` can be reached from `from` along `arcs`.
fn reaches(arcs: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; arcs.len()];
    let mut stack = vec![from];
    seen[from] = true;
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        for &next in &arcs[node] {
            if !seen[next] {
                seen[next] = true;
                stack.push(next);
            }
        }
    }
    false
}

/// The entry a line must hide next, if any (rules 1 and 2 of the module
/// doc). `total_hidden`: the line's total is hidden.
fn line_needs(
    values: &[usize],
    hidden: &[bool],
    total_hidden: bool,
    total: usize,
    k: usize,
) -> Option<usize> {
    let unknowns = hidden.iter().filter(|&&h| h).count() + usize::from(total_hidden);
    let shown: usize = values
        .iter()
        .zip(hidden)
        .filter(|&(_, &h)| !h)
        .map(|(v, _)| v)
        .sum();
    let mass_too_small = !total_hidden && is_small(total - shown, k);
    if unknowns != 1 && !mass_too_small {
        return None;
    }
    let visible = |nonzero: bool| {
        (0..values.len())
            .filter(|&i| !hidden[i] && (!nonzero || values[i] > 0))
            .min_by_key(|&i| (values[i], i))
    };
    visible(true).or_else(|| if mass_too_small { None } else { visible(false) })
}

/// A two-way table: `cells[r][c]`, with `seeds` the margins the one-way
/// tables hide (see [`suppress_line`]), `forced` cells hidden whatever
/// they hold (a row left out whole, a count another table cannot back),
/// and `knowledge` the reader's. Every row must have the same length. The
/// margins may come back with more hidden than the seeds, where nothing
/// else keeps a count from being worked out: the caller then hides them in
/// every table (see `tables::margins`).
pub fn suppress_table(
    cells: &[Vec<usize>],
    seeds: &Margins,
    forced: &[Vec<bool>],
    knowledge: &Knowledge,
    k: usize,
) -> Hidden {
    let (row_seed, column_seed, grand_seed) = (&seeds.rows, &seeds.columns, seeds.grand);
    let grid = Grid::new(cells);
    let (rows, columns) = (grid.rows, grid.columns);
    let mut hidden = vec![vec![false; columns + 1]; rows + 1];
    for r in 0..rows {
        for c in 0..columns {
            hidden[r][c] = forced[r][c] || is_small(cells[r][c], k);
        }
        hidden[r][columns] = row_seed[r];
    }
    hidden[rows][..columns].copy_from_slice(column_seed);
    hidden[rows][columns] = grand_seed;
    loop {
        if let Some((r, c)) = grid.line_needs(&hidden, k) {
            hidden[r][c] = true;
            continue;
        }
        if let Some(bridge) = grid.bridge(&hidden) {
            match grid.joining(&hidden, bridge) {
                Some((r, c)) => hidden[r][c] = true,
                None if !all_cells_hidden(&hidden, rows, columns) => {
                    for row in hidden.iter_mut().take(rows) {
                        row[..columns].fill(true);
                    }
                }
                // Only margins are left to hide: hide them all (no bridge
                // is left in a table with nothing shown).
                None => hidden.iter_mut().for_each(|row| row.fill(true)),
            }
            continue;
        }
        let (nodes, entries, places) = grid.flow(&hidden, knowledge);
        let Some(stuck) = pinned(nodes, &entries, k) else {
            break;
        };
        let (sr, sc) = places[stuck];
        let by_size = |cells: &mut Vec<(usize, usize)>| {
            cells.sort_by_key(|&(r, c)| (grid.value[r][c] == 0, grid.value[r][c], r, c));
        };
        let mut inner: Vec<(usize, usize)> = (0..rows)
            .flat_map(|r| (0..columns).map(move |c| (r, c)))
            .filter(|&(r, c)| !hidden[r][c])
            .collect();
        by_size(&mut inner);
        let mut margins: Vec<(usize, usize)> = (0..rows)
            .map(|r| (r, columns))
            .chain((0..=columns).map(|c| (rows, c)))
            .filter(|&(r, c)| !hidden[r][c])
            .collect();
        by_size(&mut margins);
        let frees = |entries: &[(usize, usize)]| {
            let mut more = hidden.clone();
            for &(r, c) in entries {
                more[r][c] = true;
            }
            !pins(nodes, &grid.flow(&more, knowledge).1, stuck, k)
        };
        let beside = |&&(r, c): &&(usize, usize)| r == sr || c == sc;
        let on_its_lines: Vec<(usize, usize)> = inner
            .iter()
            .chain(&margins)
            .filter(beside)
            .copied()
            .collect();
        let everything: Vec<(usize, usize)> = inner.iter().chain(&margins).copied().collect();
        // A cell that frees it; else a total that does (a quote's group
        // and a total can pin a count however many cells hide); else two,
        // one on its lines; else a cell, then a total, on its lines.
        let single =
            |list: &[(usize, usize)]| list.iter().find(|&&e| frees(&[e])).map(|&e| vec![e]);
        let pair = || {
            on_its_lines.iter().find_map(|&a| {
                let b = everything.iter().find(|&&b| b != a && frees(&[a, b]))?;
                Some(vec![a, *b])
            })
        };
        let next = single(&inner)
            .or_else(|| single(&margins))
            .or_else(pair)
            .or_else(|| {
                inner
                    .iter()
                    .find(beside)
                    .or(inner.first())
                    .map(|&e| vec![e])
            })
            .or_else(|| {
                margins
                    .iter()
                    .find(beside)
                    .or(margins.first())
                    .map(|&e| vec![e])
            });
        match next {
            Some(entries) => entries.into_iter().for_each(|(r, c)| hidden[r][c] = true),
            // Everything is hidden: the reader's bounds alone are left.
            None => break,
        }
    }
    Hidden {
        cells: hidden[..rows]
            .iter()
            .map(|r| r[..columns].to_vec())
            .collect(),
        row_totals: hidden[..rows].iter().map(|r| r[columns]).collect(),
        column_totals: hidden[rows][..columns].to_vec(),
        grand: hidden[rows][columns],
    }
}

fn all_cells_hidden(hidden: &[Vec<bool>], rows: usize, columns: usize) -> bool {
    hidden[..rows]
        .iter()
        .all(|r| r[..columns].iter().all(|&h| h))
}

/// A table extended with its margins: `value[r][c]` for `r <= rows`,
/// `c <= columns`, the last row and column holding the totals.
struct Grid {
    rows: usize,
    columns: usize,
    value: Vec<Vec<usize>>,
}

/// A vertex of the line graph: a row or a column (the totals' included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Row(usize),
    Column(usize),
}

impl Grid {
    fn new(cells: &[Vec<usize>]) -> Grid {
        let rows = cells.len();
        let columns = cells.first().map_or(0, Vec::len);
        let mut value = vec![vec![0; columns + 1]; rows + 1];
        for r in 0..rows {
            for c in 0..columns {
                let v = cells[r][c];
                value[r][c] = v;
                value[r][columns] += v;
                value[rows][c] += v;
                value[rows][columns] += v;
            }
        }
        Grid {
            rows,
            columns,
            value,
        }
    }

    /// The table with its margins as a circulation over its lines (rows,
    /// then columns, totals last): each cell flows from its column into
    /// its row, each row's total from the row into the totals column, each
    /// column's total from the totals row into the column, and the grand
    /// total from the totals column into the totals row. A split row's
    /// cells flow into a node for each cell, on to a node for each role by
    /// the role's count there, and from each role into the row by its
    /// count in all. Returns the number of nodes, the entries, and where
    /// each entry lies in the table (a role's count: its row's cell).
    fn flow(
        &self,
        hidden: &[Vec<bool>],
        knowledge: &Knowledge,
    ) -> (usize, Vec<Entry>, Vec<(usize, usize)>) {
        let (known, split, unnamed) = (
            &knowledge.known,
            knowledge.split.as_ref(),
            knowledge.unnamed,
        );
        let lines = self.rows + self.columns + 2;
        let mut entries = Vec::with_capacity((self.rows + 1) * (self.columns + 1));
        let mut places = Vec::with_capacity(entries.capacity());
        // The node each cell of the split row flows into, then each role's.
        let cell_node = |c: usize| lines + c;
        let role_node = |j: usize| lines + self.columns + j;
        for r in 0..=self.rows {
            for c in 0..=self.columns {
                let (row, column) = (self.vertex(Line::Row(r)), self.vertex(Line::Column(c)));
                let ends = match (r < self.rows) == (c < self.columns) {
                    true if c < self.columns && split.is_some_and(|s| s.row == r) => {
                        (column, cell_node(c))
                    }
                    true => (column, row),
                    false => (row, column),
                };
                let entry = Entry::new(ends, self.value[r][c], hidden[r][c], known[r][c]);
                entries.push(entry.unnamed(unnamed == Some(r)));
                places.push((r, c));
            }
        }
        if let Some(split) = split {
            for (j, counts) in split.parts.iter().enumerate() {
                for (c, &value) in counts.iter().enumerate() {
                    let ends = (cell_node(c), role_node(j));
                    entries.push(Entry::unseen(ends, value, split.part));
                    places.push((split.row, c));
                }
                let row = self.vertex(Line::Row(split.row));
                let all = counts.iter().sum();
                entries.push(Entry::unseen((role_node(j), row), all, split.whole));
                places.push((split.row, self.columns));
            }
        }
        let mut nodes = lines + split.map_or(0, |s| self.columns + s.parts.len());
        // A group's counts in its column flow from the column through a
        // node of its own, which the column fills by their sum (its row
        // totals, into the totals column through one).
        for group in &knowledge.groups {
            let node = nodes;
            nodes += 1;
            let c = group.column.unwrap_or(self.columns);
            let mut sum = 0;
            // The merged row's cell too: the group's sum holds it (its
            // roles' counts flow on from it as before).
            for &r in group.rows.iter().filter(|&&r| r < self.rows) {
                let entry = &mut entries[r * (self.columns + 1) + c];
                sum += entry.value;
                match group.column {
                    Some(_) => entry.from = node,
                    None => entry.to = node,
                }
            }
            let column = self.vertex(Line::Column(c));
            let ends = match group.column {
                Some(_) => (column, node),
                None => (node, column),
            };
            let bound = Known {
                low: group.low,
                high: usize::MAX,
            };
            entries.push(Entry::unseen(ends, sum, bound));
            places.push((self.rows, c));
        }
        (nodes, entries, places)
    }

    /// The cells of an inner row or column, then its total, as (r, c).
    fn entries(&self, line: Line) -> Vec<(usize, usize)> {
        match line {
            Line::Row(r) => (0..=self.columns).map(|c| (r, c)).collect(),
            Line::Column(c) => (0..=self.rows).map(|r| (r, c)).collect(),
        }
    }

    /// Rules 1 and 2 on the inner rows and columns (the margins' own lines
    /// are the one-way tables', already safe): the cell to hide next.
    fn line_needs(&self, hidden: &[Vec<bool>], k: usize) -> Option<(usize, usize)> {
        let lines = (0..self.rows)
            .map(Line::Row)
            .chain((0..self.columns).map(Line::Column));
        for line in lines {
            let mut entries = self.entries(line);
            let total = entries.pop().expect("a line has a total");
            let values: Vec<usize> = entries.iter().map(|&(r, c)| self.value[r][c]).collect();
            let shown: Vec<bool> = entries.iter().map(|&(r, c)| hidden[r][c]).collect();
            let total_hidden = hidden[total.0][total.1];
            let sum = self.value[total.0][total.1];
            if let Some(i) = line_needs(&values, &shown, total_hidden, sum, k) {
                return Some(entries[i]);
            }
        }
        None
    }

    fn vertex(&self, line: Line) -> usize {
        match line {
            Line::Row(r) => r,
            Line::Column(c) => self.rows + 1 + c,
        }
    }

    /// The graph of the lines, with an edge for each hidden entry, weighted
    /// with the entry's (r, c).
    fn graph(&self, hidden: &[Vec<bool>]) -> UnGraph<(), (usize, usize)> {
        let lines = self.rows + self.columns + 2;
        let mut graph = UnGraph::with_capacity(lines, 0);
        for _ in 0..lines {
            graph.add_node(());
        }
        for (r, row) in hidden.iter().enumerate() {
            for (c, &h) in row.iter().enumerate() {
                if h {
                    let (a, b) = (self.vertex(Line::Row(r)), self.vertex(Line::Column(c)));
                    graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), (r, c));
                }
            }
        }
        graph
    }

    /// The first hidden entry (in row order) a reader could work out: a
    /// bridge of the graph of hidden entries. The graph is simple (one
    /// entry joins a row and a column), as petgraph's bridges require.
    fn bridge(&self, hidden: &[Vec<bool>]) -> Option<(usize, usize)> {
        let graph = self.graph(hidden);
        bridges(&graph).map(|edge| *edge.weight()).min()
    }

    /// The smallest shown inner cell that would put `bridge` on a cycle:
    /// one joining the two sides removing the bridge leaves.
    fn joining(&self, hidden: &[Vec<bool>], bridge: (usize, usize)) -> Option<(usize, usize)> {
        let mut graph = self.graph(hidden);
        let from = NodeIndex::new(self.vertex(Line::Row(bridge.0)));
        let to = NodeIndex::new(self.vertex(Line::Column(bridge.1)));
        if let Some(edge) = graph.find_edge(from, to) {
            graph.remove_edge(edge);
        }
        // The side of `from`, and the side of `to`, without the bridge.
        let side = reachable(&graph, from);
        let reached = reachable(&graph, to);
        let mut best: Option<(usize, usize)> = None;
        for (r, row) in hidden.iter().enumerate().take(self.rows) {
            for (c, &h) in row.iter().enumerate().take(self.columns) {
                let (a, b) = (self.vertex(Line::Row(r)), self.vertex(Line::Column(c)));
                let crosses = (side[a] && reached[b]) || (reached[a] && side[b]);
                if h || !crosses {
                    continue;
                }
                let smaller = best.is_none_or(|(br, bc)| self.value[r][c] < self.value[br][bc]);
                if smaller {
                    best = Some((r, c));
                }
            }
        }
        best
    }
}

/// Which vertices of `graph` can be reached from `start`.
fn reachable(graph: &UnGraph<(), (usize, usize)>, start: NodeIndex) -> Vec<bool> {
    let mut seen = vec![false; graph.node_count()];
    let mut dfs = Dfs::new(graph, start);
    while let Some(vertex) = dfs.next(graph) {
        seen[vertex.index()] = true;
    }
    seen
}

#[cfg(test)]
mod tests;
