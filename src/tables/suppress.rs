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

/// Whether a count must be hidden by itself.
pub fn is_small(count: usize, k: usize) -> bool {
    count >= 1 && count < k
}

/// One line (a one-way table): `values` add up to `total`; `forced`
/// entries are hidden whatever they hold (a row left out of the table).
/// Returns which values are hidden, and whether the total is.
pub fn suppress_line(values: &[usize], forced: &[bool], k: usize) -> (Vec<bool>, bool) {
    let total: usize = values.iter().sum();
    let mut hidden: Vec<bool> = values
        .iter()
        .zip(forced)
        .map(|(&v, &f)| f || is_small(v, k))
        .collect();
    let total_hidden = is_small(total, k);
    while let Some(i) = line_needs(values, &hidden, total_hidden, total, k) {
        hidden[i] = true;
    }
    (hidden, total_hidden)
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

/// A two-way table: `cells[r][c]`, with `row_seed` and `column_seed` the
/// margins the one-way tables hide (see [`suppress_line`]) and `forced_rows`
/// rows hidden whole. Every row must have the same length.
pub fn suppress_table(
    cells: &[Vec<usize>],
    row_seed: &[bool],
    column_seed: &[bool],
    grand_seed: bool,
    forced_rows: &[bool],
    k: usize,
) -> Hidden {
    let grid = Grid::new(cells);
    let (rows, columns) = (grid.rows, grid.columns);
    let mut hidden = vec![vec![false; columns + 1]; rows + 1];
    for r in 0..rows {
        for c in 0..columns {
            hidden[r][c] = forced_rows[r] || is_small(cells[r][c], k);
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
        match grid.bridge(&hidden) {
            None => break,
            Some(bridge) => match grid.joining(&hidden, bridge) {
                Some((r, c)) => hidden[r][c] = true,
                None if !all_cells_hidden(&hidden, rows, columns) => {
                    for row in hidden.iter_mut().take(rows) {
                        row[..columns].fill(true);
                    }
                }
                // Only margins are left to hide: hide them all (no bridge
                // is left in a table with nothing shown).
                None => hidden.iter_mut().for_each(|row| row.fill(true)),
            },
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
