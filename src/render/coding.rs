//! The one counting rule for codes: who is coded where, from which every
//! count on every page is made (codebook, code pages, the matrix, borough
//! reports), so they cannot disagree. Does not place a quote in a borough
//! (that is [`crate::resolve::counted_borough`]).

use crate::hash::FastMap;
use crate::resolve::{BoroughIx, CodeIx, FindingIx, QuoteIx, Site};
use serde::Serialize;

/// A number shown for a code, by the one counting rule: `total` is what is
/// coded to the code or to any code under it, each counted once; `below`
/// is how many of those reach it only through a code under it (so a
/// theme shows "n, of which m in sub-codes", and a code without sub-codes
/// has `below` 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub total: usize,
    pub below: usize,
}

/// What is coded to one code (and the codes under it) in some boroughs.
#[derive(Debug, Clone, Default)]
pub struct Coded {
    /// Published findings, in list order (`order:`, then title).
    pub findings: Vec<FindingIx>,
    /// Quotes placed in those boroughs, in file order.
    pub quotes: Vec<QuoteIx>,
    pub finding_count: Count,
    pub quote_count: Count,
}

/// Who is coded where: published findings and placed quotes by the code
/// they are coded to directly and the borough they are in. Every count on
/// every page is made from this by [`Coding::coded`], so the codebook, code
/// pages, the matrix and borough reports cannot disagree.
#[derive(Debug, Default)]
pub struct Coding {
    findings: FastMap<(CodeIx, BoroughIx), Vec<FindingIx>>,
    quotes: FastMap<(CodeIx, BoroughIx), Vec<QuoteIx>>,
    /// Each published finding's place in list order.
    rank: FastMap<FindingIx, usize>,
}

impl Coding {
    /// `published` is the published findings in list order.
    pub fn new(site: &Site, published: &[FindingIx]) -> Coding {
        let project = site.project;
        let mut coding = Coding::default();
        for (rank, &f) in published.iter().enumerate() {
            coding.rank.insert(f, rank);
            let meta = &project.findings[f].meta;
            for code in meta.codes.iter().filter_map(|c| site.code(c)) {
                for borough in meta.boroughs.iter().filter_map(|b| site.borough(b)) {
                    coding.findings.entry((code, borough)).or_default().push(f);
                }
            }
        }
        for (q, quote) in QuoteIx::each(&project.quotes) {
            // Placed by the one rule for counts (src/resolve/counts.rs).
            let Some(borough) =
                crate::resolve::counted_borough(site, q).and_then(|b| site.borough(b))
            else {
                continue;
            };
            for code in quote.meta.codes.iter().filter_map(|c| site.code(c)) {
                coding.quotes.entry((code, borough)).or_default().push(q);
            }
        }
        coding
    }

    /// What is coded to `code` or any code under it in `boroughs`, each
    /// finding and quote once, with its counts (see [`Count`]).
    pub fn coded(&self, site: &Site, code: CodeIx, boroughs: &[BoroughIx]) -> Coded {
        let codes = site.code_with_descendants(code);
        let (mut findings, finding_count) = gather(&self.findings, &codes, boroughs);
        let (quotes, quote_count) = gather(&self.quotes, &codes, boroughs);
        findings.sort_by_key(|f| self.rank.get(f).copied().unwrap_or(usize::MAX));
        Coded {
            findings,
            quotes,
            finding_count,
            quote_count,
        }
    }
}

/// What `by` holds under `codes` (the first, then the codes under it) in
/// `boroughs`, each item once, in order, with its count (see [`Count`]).
fn gather<I: Ord + Copy>(
    by: &FastMap<(CodeIx, BoroughIx), Vec<I>>,
    codes: &[CodeIx],
    boroughs: &[BoroughIx],
) -> (Vec<I>, Count) {
    let mut direct: Vec<I> = Vec::new();
    let mut all: Vec<I> = Vec::new();
    for &b in boroughs {
        for (i, &c) in codes.iter().enumerate() {
            let items = by.get(&(c, b)).into_iter().flatten();
            if i == 0 {
                direct.extend(items.clone());
            }
            all.extend(items);
        }
    }
    direct.sort_unstable();
    direct.dedup();
    all.sort_unstable();
    all.dedup();
    let count = Count {
        total: all.len(),
        below: all.len() - direct.len(),
    };
    (all, count)
}
