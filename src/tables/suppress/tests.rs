// Index loops read as the tables they walk.
#![allow(clippy::needless_range_loop)]

use super::*;

fn none(n: usize) -> Vec<bool> {
    vec![false; n]
}

/// A line of a reader who knows nothing but its sum.
fn line(values: &[usize], forced: &[bool], k: usize) -> (Vec<bool>, bool) {
    suppress_line(
        values,
        forced,
        false,
        &Knowledge::nothing(values.len(), 1),
        k,
    )
}

/// A two-way table suppressed with the margins its one-way tables give.
fn two_way(cells: &[Vec<usize>], k: usize) -> Hidden {
    let rows: Vec<usize> = cells.iter().map(|r| r.iter().sum()).collect();
    let columns: Vec<usize> = (0..cells[0].len())
        .map(|c| cells.iter().map(|r| r[c]).sum())
        .collect();
    let (row_seed, grand) = line(&rows, &none(rows.len()), k);
    let (column_seed, _) = line(&columns, &none(columns.len()), k);
    let seeds = Margins {
        rows: row_seed,
        columns: column_seed,
        grand,
    };
    let knowledge = Knowledge::nothing(rows.len(), columns.len());
    let forced = vec![none(columns.len()); rows.len()];
    suppress_table(cells, &seeds, &forced, &knowledge, k)
}

#[test]
fn primary_suppression_hides_one_to_k_minus_one_and_shows_zero_and_k() {
    let (hidden, total) = line(&[0, 1, 2, 3, 9], &none(5), 3);
    assert_eq!(&hidden[..4], &[false, true, true, false]);
    assert!(!total, "15 is shown");
    // 1 + 2 hidden add up to 3 >= k and are two unknowns: nothing more.
    assert!(!hidden[4]);
}

#[test]
fn a_lone_hidden_count_in_a_line_takes_the_smallest_other_with_it() {
    // 1 alone would be 13 - 3 - 9; 3 is the smallest other count. Hidden
    // together they add up to 4, at least k.
    let (hidden, _) = line(&[1, 3, 9], &none(3), 3);
    assert_eq!(hidden, [true, true, false]);
}

#[test]
fn hidden_counts_adding_up_to_fewer_than_k_take_another() {
    // 1 and 1 hidden: a reader learns the two groups hold 2 together, fewer
    // than k = 3, so a third count (the smallest non-zero, 4) is hidden.
    let (hidden, _) = line(&[1, 1, 0, 4, 10], &none(5), 3);
    assert_eq!(hidden, [true, true, false, true, false]);
}

#[test]
fn a_total_below_k_is_hidden() {
    let (hidden, total) = line(&[1, 1], &none(2), 3);
    assert!(total && hidden.iter().all(|&h| h));
}

#[test]
fn a_forced_row_is_hidden_and_protected_like_a_small_one() {
    let (hidden, _) = line(&[4, 2, 5], &[false, true, false], 3);
    assert_eq!(hidden, [true, true, false], "2 left out needs a partner");
}

#[test]
fn secondary_suppression_on_rows() {
    // Row 0 has one small cell (2); its row total 7 (shown) would give it
    // back, so the smaller of the row's other cells (5 of column 1, not
    // enough alone: hidden mass 2 + 5 = 7) is hidden, and the columns then
    // need partners too.
    let cells = vec![vec![2, 5, 9], vec![4, 6, 8], vec![7, 3, 10]];
    let hidden = two_way(&cells, 3);
    assert!(hidden.cells[0][0]);
    let in_row = hidden.cells[0].iter().filter(|&&h| h).count();
    assert!(in_row >= 2, "{hidden:?}");
    assert!(!hidden.row_totals[0], "totals stay shown");
}

#[test]
fn secondary_suppression_on_columns() {
    let cells = vec![vec![2, 8], vec![6, 9], vec![7, 4]];
    let hidden = two_way(&cells, 3);
    let in_column = (0..3).filter(|&r| hidden.cells[r][0]).count();
    assert!(in_column >= 2, "{hidden:?}");
    assert!(!hidden.column_totals[0]);
}

#[test]
fn a_hidden_total_does_not_leave_its_cells_to_give_it_back() {
    // Row 1 adds up to 2: its total is hidden, and so are its cells (each
    // 1); the cells in the same columns must hide too, or the column totals
    // give row 1's cells, and so its total, back.
    let cells = vec![vec![5, 6], vec![1, 1], vec![4, 7]];
    let hidden = two_way(&cells, 3);
    assert!(hidden.row_totals[1]);
    assert!(hidden.cells[1][0] && hidden.cells[1][1]);
    assert!((0..3).filter(|&r| hidden.cells[r][0]).count() >= 2);
    assert!((0..3).filter(|&r| hidden.cells[r][1]).count() >= 2);
}

#[test]
fn a_bridge_between_two_hidden_blocks_is_joined() {
    // Two 2x2 blocks of small counts, far apart, share no line: each is a
    // cycle, so each hidden count is safe with no further cell.
    let cells = vec![
        vec![2, 2, 9, 9],
        vec![2, 2, 9, 9],
        vec![9, 9, 2, 2],
        vec![9, 9, 2, 2],
    ];
    let hidden = two_way(&cells, 3);
    let count: usize = hidden.cells.iter().flatten().filter(|&&h| h).count();
    assert!(count >= 8, "{hidden:?}");
    // The suppressed graph has no bridge: nothing is worked back.
    let grid = Grid::new(&cells);
    let mut full = vec![vec![false; 5]; 5];
    for r in 0..4 {
        for c in 0..4 {
            full[r][c] = hidden.cells[r][c];
        }
    }
    assert_eq!(grid.bridge(&full), None);
}

#[test]
fn k_of_one_hides_nothing() {
    let cells = vec![vec![1, 0], vec![2, 1]];
    let hidden = two_way(&cells, 1);
    assert!(hidden.cells.iter().flatten().all(|&h| !h));
    assert!(!hidden.grand);
}

#[test]
fn k_larger_than_everything_hides_every_count_but_zeros() {
    let cells = vec![vec![1, 0], vec![2, 1]];
    let hidden = two_way(&cells, 10);
    assert!(hidden.grand && hidden.row_totals.iter().all(|&h| h));
    assert!(hidden.cells[0][0] && hidden.cells[1][0] && hidden.cells[1][1]);
}

#[test]
fn bridges_are_found_without_recursion_in_a_long_chain() {
    // A staircase of hidden cells: a path, every edge a bridge.
    let n = 300;
    let cells: Vec<Vec<usize>> = (0..n).map(|_| vec![5; n]).collect();
    let grid = Grid::new(&cells);
    let mut hidden = vec![vec![false; n + 1]; n + 1];
    for i in 0..n {
        hidden[i][i] = true;
        if i + 1 < n {
            hidden[i][i + 1] = true;
        }
    }
    assert_eq!(grid.bridge(&hidden), Some((0, 0)));
}

/// The plain definition [`Grid::bridge`] must keep to (it is petgraph's
/// bridges): the first hidden entry, in row order, whose removal leaves
/// its row and its column unconnected.
fn first_bridge_by_definition(grid: &Grid, hidden: &[Vec<bool>]) -> Option<(usize, usize)> {
    let entries = hidden
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, &h)| (r, c, h)));
    for (r, c, h) in entries {
        if !h {
            continue;
        }
        let mut graph = grid.graph(hidden);
        let row = NodeIndex::new(grid.vertex(Line::Row(r)));
        let column = NodeIndex::new(grid.vertex(Line::Column(c)));
        let edge = graph
            .find_edge(row, column)
            .expect("a hidden entry is an edge");
        graph.remove_edge(edge);
        if !reachable(&graph, row)[column.index()] {
            return Some((r, c));
        }
    }
    None
}

#[test]
fn the_bridge_found_is_the_first_entry_whose_removal_parts_its_lines() {
    let mut made_up = crate::made_up::Sequence::new(0x05ee_db41_d9e5);
    for _ in 0..3000 {
        let (rows, columns) = (1 + made_up.below(5), 1 + made_up.below(5));
        let cells: Vec<Vec<usize>> = (0..rows)
            .map(|_| (0..columns).map(|_| made_up.below(9)).collect())
            .collect();
        let grid = Grid::new(&cells);
        let density = 1 + made_up.below(9);
        let hidden: Vec<Vec<bool>> = (0..=rows)
            .map(|_| (0..=columns).map(|_| made_up.below(10) < density).collect())
            .collect();
        assert_eq!(
            grid.bridge(&hidden),
            first_bridge_by_definition(&grid, &hidden),
            "{hidden:?}"
        );
    }
}
