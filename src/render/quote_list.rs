//! The quote list: the quotes of each borough in menu order, then those
//! placed in none, split over pages of `quotes_per_page` with a pager that
//! links a fixed few of them.

use super::links::Link;
use super::memo::Shown;
use super::views::*;
use super::{Page, Renderer, urls};
use crate::model::Kind;

impl Renderer<'_, '_> {
    /// How many pages the quote list takes (one when it is empty).
    pub(super) fn quote_list_pages(&self) -> usize {
        let total: usize = self.listed.iter().map(Vec::len).sum();
        total.div_ceil(self.per_page).max(1)
    }

    /// Page `number` of the quote list: the quotes of each borough in menu
    /// order, then those placed in none, `per_page` at a time. A borough
    /// without quotes is shown where it falls in that order.
    pub(super) fn quotes(&self, number: usize, shown: &Shown) -> Page {
        let project = self.site.project;
        let path = urls::quotes_page(number);
        let at = self.at(&path, shown);
        let count = self.quote_list_pages();
        let total: usize = self.listed.iter().map(Vec::len).sum();
        let (first, end) = ((number - 1) * self.per_page, number * self.per_page);
        let page_of = |position: usize| (position / self.per_page).min(count - 1) + 1;
        // This page's share of each part of the list (each borough's, then
        // the unplaced quotes): whether it shows, its quotes, and whether the
        // part began on an earlier page.
        let mut position = 0;
        let mut shares: Vec<(bool, Vec<tera::Value>, bool)> = self
            .listed
            .iter()
            .map(|quotes| {
                let start = position;
                position += quotes.len();
                let from = first.saturating_sub(start).min(quotes.len());
                let to = end.saturating_sub(start).min(quotes.len());
                let shown = if quotes.is_empty() {
                    page_of(start) == number
                } else {
                    from < to
                };
                let items: Vec<tera::Value> = quotes[from..to]
                    .iter()
                    .map(|&q| self.quote_value(&at, q))
                    .collect();
                (shown, items, from > 0)
            })
            .collect();
        let unplaced = shares.pop().map(|(_, items, _)| items).unwrap_or_default();
        let groups: Vec<ListGroup> = self
            .site
            .borough_order
            .iter()
            .zip(shares)
            .filter(|(_, (shown, _, _))| *shown)
            .map(|(&b, (_, items, continued))| {
                let borough = &project.boroughs[b];
                ListGroup {
                    head: Link::new(
                        &borough.meta.title,
                        at.root,
                        &urls::of(Kind::Borough, &borough.id),
                    ),
                    items,
                    continued,
                }
            })
            .collect();
        let url = |n: usize| format!("{}{}", at.root, urls::quotes_page(n));
        let pager = Pager {
            number,
            count,
            total,
            first: if total == 0 { 0 } else { first + 1 },
            last: end.min(total),
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < count).then(|| url(number + 1)),
            pages: pages_around(number, count)
                .into_iter()
                .map(|(n, gap_before)| PagerPage {
                    number: n,
                    url: url(n),
                    current: n == number,
                    gap_before,
                })
                .collect(),
        };
        let mut data = tera::Context::new();
        data.insert("groups", &groups);
        data.insert("unplaced", &unplaced);
        data.insert("pager", &pager);
        // The menu's Quotes item leads to the list's first page.
        data.insert("section", urls::QUOTES);
        Page {
            title: match count {
                1 => "Quotes".into(),
                _ => format!("Quotes, page {number} of {count}"),
            },
            path,
            template: "quotes.html",
            origin: None,
            data,
        }
    }
}

/// The page numbers a pager links, from 1 to `count`: the first, the last,
/// and two either side of `number`, each with whether pages are skipped
/// before it (a skip of one page shows that page instead). A fixed few
/// however long the list, so a list of 500 pages does not make 500 links on
/// each of them.
fn pages_around(number: usize, count: usize) -> Vec<(usize, bool)> {
    let near = number.saturating_sub(2).max(1)..=(number + 2).min(count);
    let mut shown: Vec<usize> = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(count))
        .collect();
    shown.dedup();
    let mut pages = Vec::with_capacity(shown.len() + 2);
    let mut last = 0;
    for n in shown {
        if n <= last {
            continue;
        }
        if n == last + 2 {
            pages.push((last + 1, false));
        }
        pages.push((n, n > last + 2));
        last = n;
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::pages_around;

    fn shown(number: usize, count: usize) -> String {
        pages_around(number, count)
            .iter()
            .map(|&(n, gap)| {
                if gap {
                    format!("… {n}")
                } else {
                    n.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_pager_links_the_ends_and_the_pages_near_this_one() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 3), "1 2 3");
        assert_eq!(shown(1, 500), "1 2 3 … 500");
        assert_eq!(shown(5, 500), "1 2 3 4 5 6 7 … 500");
        assert_eq!(shown(6, 500), "1 … 4 5 6 7 8 … 500");
        assert_eq!(shown(250, 500), "1 … 248 249 250 251 252 … 500");
        assert_eq!(shown(497, 500), "1 … 495 496 497 498 499 500");
        assert_eq!(shown(500, 500), "1 … 498 499 500");
    }
}
