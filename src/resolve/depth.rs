//! How deep the codebook tree and quotes set inside quotes may go, how many
//! quotes one quote may show in all, and the linear walks that find where
//! they go past (docs/limits.md). A chain of about 800 quotes each
//! embedding the next overflowed the stack and made output that grew with
//! the square of the chain; a 4,000-deep codebook took minutes to order
//! (#19.4); 48 quotes, each embedding 6 of the next level, 8 deep, made
//! every page show 6^7 copies and a build that never ended (#case-08).
//! Everything here is iterative: no recursion on depth a researcher
//! controls.

use crate::diag::Diagnostic;
use crate::model::{Quote, Reference};
use crate::source::Span;

/// The most levels the codebook tree may have (a top-level theme is level 1).
pub const MAX_CODE_DEPTH: usize = 16;

/// The most quotes that may be set one inside another, counting the outer one.
pub const MAX_EMBED_DEPTH: usize = 8;

/// The most quote figures one quote may show, counting itself and every
/// quote set inside it at any depth (a quote embedded twice counts twice).
pub const MAX_EMBED_FIGURES: usize = 100;

/// What walking the codebook's `parent:` links found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CodeLevels {
    /// For each code, its level (a top-level theme is 1; a code in a circle of
    /// parents counts as top-level).
    pub level: Vec<usize>,
    /// The circles of parents, each from its lowest-numbered member on, each
    /// member's parent the next (the last's the first).
    pub circles: Vec<Vec<usize>>,
    /// Codes set at the top of the tree instead of under their parent: those
    /// in a circle, and those that would be deeper than [`MAX_CODE_DEPTH`]
    /// (so that what is drawn of a failed build stays small).
    pub detached: Vec<bool>,
}

/// Levels of each code, given each code's parent, in time linear in the codes.
pub fn code_levels(parent: &[Option<usize>]) -> CodeLevels {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let n = parent.len();
    let mut state = vec![State::New; n];
    let mut level = vec![0; n];
    let mut circles = Vec::new();
    let mut detached = vec![false; n];
    let mut path = Vec::new();
    for start in 0..n {
        if state[start] != State::New {
            continue;
        }
        path.clear();
        let mut at = Some(start);
        while let Some(code) = at {
            match state[code] {
                State::New => {
                    state[code] = State::OnPath;
                    path.push(code);
                    at = parent[code];
                }
                State::OnPath => {
                    // `code` is on this walk: from it on, the walk is a circle.
                    let from = path.iter().position(|&c| c == code).unwrap_or(0);
                    let mut circle = path.split_off(from);
                    for &member in &circle {
                        level[member] = 1;
                        state[member] = State::Done;
                        detached[member] = true;
                    }
                    let lowest = (0..circle.len()).min_by_key(|&i| circle[i]).unwrap_or(0);
                    circle.rotate_left(lowest);
                    circles.push(circle);
                    break;
                }
                State::Done => break,
            }
        }
        let mut above = at.map_or(0, |c| level[c]);
        for &code in path.iter().rev() {
            above += 1;
            level[code] = above;
            state[code] = State::Done;
        }
    }
    // Where each code is drawn: a code that would be too deep starts again at
    // the top, in order of level so each parent is placed before its children.
    let mut drawn = vec![0; n];
    let mut by_level: Vec<usize> = (0..n).collect();
    by_level.sort_by_key(|&c| level[c]);
    for code in by_level {
        drawn[code] = match parent[code] {
            Some(p) if !detached[code] => drawn[p] + 1,
            _ => 1,
        };
        if drawn[code] > MAX_CODE_DEPTH {
            detached[code] = true;
            drawn[code] = 1;
        }
    }
    CodeLevels {
        level,
        circles,
        detached,
    }
}

/// For each quote, how many quotes deep it is when set in place: 1 for a
/// quote that embeds none, one more than the deepest it embeds otherwise.
/// `embeds` are each quote's embedded quotes; those marked `refused` (in a
/// circle of embeds) are never set in place and count for nothing.
pub fn embed_depths(embeds: &[Vec<usize>], refused: &[bool]) -> Vec<usize> {
    bottom_up(embeds, refused, |inner| {
        1 + Iterator::max(inner).unwrap_or(0)
    })
}

/// For each quote, how many quote figures it shows when set in place:
/// itself and, for each embed, the figures of the quote embedded (at every
/// depth, one per embed). Quotes marked `refused` are never set in place
/// and count for nothing; the others must form no loop. Counts past
/// `usize::MAX` stay there.
pub fn embed_figures(embeds: &[Vec<usize>], refused: &[bool]) -> Vec<usize> {
    bottom_up(embeds, refused, |inner| {
        Iterator::fold(inner, 1, |sum: usize, figures| sum.saturating_add(figures))
    })
}

/// A value for each quote not `refused`, made by `value` from the values
/// of the quotes it embeds (one per embed, those refused left out), each
/// worked out once, deepest first, without recursion (a chain of embeds
/// may be thousands long). The quotes not refused must form no loop; a
/// refused quote's value is 0.
fn bottom_up(
    embeds: &[Vec<usize>],
    refused: &[bool],
    value: impl Fn(&mut dyn Iterator<Item = usize>) -> usize,
) -> Vec<usize> {
    let n = embeds.len();
    let mut values: Vec<Option<usize>> = vec![None; n];
    let mut work: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if values[root].is_some() || refused[root] {
            continue;
        }
        work.push((root, 0));
        while let Some(&(quote, next)) = work.last() {
            match embeds[quote].get(next) {
                Some(&inner) => {
                    if let Some(top) = work.last_mut() {
                        top.1 += 1;
                    }
                    // Outside circles the embeds form no loop: each is met
                    // unknown at most once on a walk.
                    if !refused[inner] && values[inner].is_none() && inner != quote {
                        work.push((inner, 0));
                    }
                }
                None => {
                    work.pop();
                    let mut inner = embeds[quote]
                        .iter()
                        .filter(|&&inner| !refused[inner] && inner != quote)
                        .map(|&inner| values[inner].unwrap_or(0));
                    values[quote] = Some(value(&mut inner));
                }
            }
        }
    }
    values.into_iter().map(|v| v.unwrap_or(0)).collect()
}

/// Refuses (marks in `refused`) every quote that would show more than
/// [`MAX_EMBED_FIGURES`] quote figures, given each quote's embeds; one
/// error where it first happens: in a quote whose embedded quotes are each
/// within the limit, at the embed that takes it past. The quotes that
/// embed such a quote are refused with it, as for depth.
pub fn refuse_crowded(
    quotes: &[Quote],
    embeds: &[Vec<(usize, &Reference)>],
    refused: &mut [bool],
    out: &mut Vec<Diagnostic>,
) {
    let graph: Vec<Vec<usize>> = embeds
        .iter()
        .map(|edges| edges.iter().map(|&(to, _)| to).collect())
        .collect();
    let figures = embed_figures(&graph, refused);
    let crowded = |q: usize| !refused[q] && figures[q] > MAX_EMBED_FIGURES;
    for (from, edges) in embeds.iter().enumerate() {
        let counted = |&&(to, _): &&(usize, &Reference)| !refused[to] && to != from;
        if !crowded(from) || edges.iter().filter(counted).any(|&(to, _)| crowded(to)) {
            continue;
        }
        let mut shown: usize = 1;
        let Some((to, reference)) = edges.iter().filter(counted).find(|&&(to, _)| {
            shown = shown.saturating_add(figures[to]);
            shown > MAX_EMBED_FIGURES
        }) else {
            continue;
        };
        let id = &quotes[from].id;
        out.push(
            Diagnostic::error(
                "reference::embed-too-many",
                format!(
                    "quote `{id}` would show {} quotes, counting itself and every quote set inside it; a quote may show at most {MAX_EMBED_FIGURES}",
                    figures[from]
                ),
            )
            .at(Span::new(quotes[from].file, reference.range.clone()))
            .label(format!("with this embed it shows {shown}"))
            .note(format!(
                "quote `{}` shows {} quotes itself",
                quotes[*to].id, figures[*to]
            ))
            .fix(format!(
                "link to some of the quotes instead, with `[](quote:{})`: a link does not set the quote's text in place",
                reference.id
            )),
        );
    }
    for quote in 0..refused.len() {
        refused[quote] |= figures[quote] > MAX_EMBED_FIGURES;
    }
}

/// Names of a long path, shortened to its ends: every message stays short
/// however long the chain.
pub fn shortened(names: &[&str]) -> String {
    const SHOWN: usize = 4;
    if names.len() <= 2 * SHOWN + 1 {
        return names.join(" → ");
    }
    format!(
        "{} → … ({} more) → {}",
        names[..SHOWN].join(" → "),
        names.len() - 2 * SHOWN,
        names[names.len() - SHOWN..].join(" → ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_of_a_small_tree() {
        // 0 is a theme; 1 and 2 under it; 3 under 2.
        let found = code_levels(&[None, Some(0), Some(0), Some(2)]);
        assert_eq!(found.level, vec![1, 2, 2, 3]);
        assert!(found.circles.is_empty());
        assert_eq!(found.detached, vec![false; 4]);
    }

    #[test]
    fn circles_are_found_once_each() {
        // 1 → 2 → 3 → 1 is a circle; 0 hangs under it; 4 is its own parent.
        let found = code_levels(&[Some(1), Some(2), Some(3), Some(1), Some(4)]);
        assert_eq!(found.circles, vec![vec![1, 2, 3], vec![4]]);
        assert_eq!(found.level, vec![2, 1, 1, 1, 1]);
        assert_eq!(found.detached, vec![false, true, true, true, true]);
    }

    #[test]
    fn a_deep_chain_is_linear_and_cut_where_it_is_too_deep() {
        // Regression (#19.4): a 4,000-deep chain took minutes to order.
        let n = 200_000;
        let parent: Vec<Option<usize>> = (0..n).map(|i: usize| i.checked_sub(1)).collect();
        let found = code_levels(&parent);
        assert_eq!(found.level[n - 1], n);
        let cut: Vec<usize> = (0..n).filter(|&c| found.detached[c]).collect();
        assert_eq!(
            cut[..3],
            [MAX_CODE_DEPTH, 2 * MAX_CODE_DEPTH, 3 * MAX_CODE_DEPTH]
        );
    }

    #[test]
    fn embed_depth_of_a_chain_without_recursion() {
        // Regression (#19.4): 800 quotes each embedding the next overflowed the stack.
        let n = 200_000;
        let embeds: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let depth = embed_depths(&embeds, &vec![false; n]);
        assert_eq!(depth[0], n);
        assert_eq!(depth[n - 1], 1);
    }

    #[test]
    fn refused_embeds_count_for_nothing() {
        // 0 embeds 1 and 2; 2 is in a circle.
        let depth = embed_depths(&[vec![1, 2], vec![], vec![2]], &[false, false, true]);
        assert_eq!(depth, vec![2, 1, 0]);
    }

    #[test]
    fn figures_count_every_copy_without_recursion() {
        // 0 embeds 1 twice and 2; 1 embeds 2; 3 is refused.
        let figures = embed_figures(
            &[vec![1, 1, 2, 3], vec![2], vec![], vec![]],
            &[false, false, false, true],
        );
        assert_eq!(figures, vec![1 + 2 + 2 + 1, 2, 1, 0]);
        // Regression (#case-08): levels of 6 quotes each embedding all 6 of
        // the next, 30 deep, counted in linear time, and the count held at
        // the largest number rather than overflowing.
        let (fan, levels) = (6, 30);
        let embeds: Vec<Vec<usize>> = (0..fan * levels)
            .map(|q| match q / fan + 1 {
                level if level < levels => (level * fan..(level + 1) * fan).collect(),
                _ => vec![],
            })
            .collect();
        let figures = embed_figures(&embeds, &vec![false; fan * levels]);
        assert_eq!(figures[fan * levels - 1], 1);
        assert_eq!(figures[fan * (levels - 2)], 1 + fan);
        assert_eq!(figures[0], usize::MAX);
    }

    #[test]
    fn long_paths_are_shortened() {
        let names: Vec<String> = (0..100).map(|i| format!("q{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            shortened(&names),
            "q0 → q1 → q2 → q3 → … (92 more) → q96 → q97 → q98 → q99"
        );
        assert_eq!(shortened(&names[..3]), "q0 → q1 → q2");
    }
}
