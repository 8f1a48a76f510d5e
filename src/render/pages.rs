//! The data of each page: one function per kind of page, each returning the
//! page's path, template, title and template context.

use super::views::*;
use super::{Page, Renderer, maps, urls};
use crate::hash::FastMap;
use crate::model::{Kind, Status};

fn context() -> tera::Context {
    tera::Context::new()
}

impl<'s, 'p> Renderer<'s, 'p> {
    pub(super) fn index(&self) -> Page {
        let project = self.site.project;
        let at = self.at(urls::INDEX);
        let landing = project.landing.as_ref();
        let mut data = context();
        data.insert(
            "title",
            &landing.map_or(self.title.as_str(), |l| l.meta.title.as_str()),
        );
        data.insert("subtitle", &landing.and_then(|l| l.meta.subtitle.clone()));
        data.insert(
            "authors",
            &landing.map(|l| l.meta.authors.clone()).unwrap_or_default(),
        );
        data.insert("period", &landing.and_then(|l| l.meta.period.clone()));
        data.insert("framework", &landing.and_then(|l| l.meta.framework.clone()));
        data.insert(
            "summary",
            &landing.map_or_else(|| "".into(), |l| self.body_html(&at, l)),
        );
        let boroughs: Vec<Group<Option<String>>> = self
            .site
            .borough_order
            .iter()
            .map(|&b| {
                let borough = &project.boroughs[b];
                Group {
                    head: Link::new(
                        &borough.meta.title,
                        at.root,
                        &urls::of(Kind::Borough, &borough.id),
                    ),
                    items: borough.meta.summary.clone(),
                }
            })
            .collect();
        data.insert("boroughs", &boroughs);
        let themes: Vec<Link> = self
            .site
            .code_children
            .get(&None)
            .into_iter()
            .flatten()
            .filter_map(|&c| at.link(Kind::Code, &project.codes[c].id))
            .collect();
        data.insert("themes", &themes);
        data.insert("finding_count", &self.published.len());
        data.insert("quote_count", &project.quotes.len());
        let comparisons: Vec<Link> = self
            .site
            .pathway_types
            .iter()
            .map(|(t, _)| Link::new(&maps::type_title(t), at.root, &urls::compare(t)))
            .collect();
        data.insert("comparisons", &comparisons);
        Page {
            path: urls::INDEX.into(),
            template: "index.html",
            title: self.title.clone(),
            origin: landing.map(|l| l.file),
            data,
        }
    }

    pub(super) fn borough(&self, b: usize) -> Page {
        let project = self.site.project;
        let borough = &project.boroughs[b];
        let path = urls::of(Kind::Borough, &borough.id);
        let at = self.at(&path);
        let mut data = context();
        data.insert("borough", &Link::new(&borough.meta.title, at.root, &path));
        data.insert("summary", &borough.meta.summary);
        data.insert("description", &self.body_html(&at, borough));
        // The borough's column of the study-wide table (src/tables/).
        data.insert("participants", &self.borough_table(&borough.id));
        data.insert("k", &project.config.k);
        data.insert("themes", &self.borough_themes(&at, &borough.id));
        let pathways: Vec<Link> = project
            .pathways
            .iter()
            .filter(|p| p.meta.borough == borough.id)
            .filter_map(|p| at.link(Kind::Pathway, &p.id))
            .collect();
        data.insert("pathways", &pathways);
        Page {
            path,
            template: "borough.html",
            title: borough.meta.title.clone(),
            origin: Some(borough.file),
            data,
        }
    }

    /// The findings that hold in a borough, under their top-level themes
    /// (a finding coded under two themes is under both, made once).
    fn borough_themes(&self, at: &At<'s, 'p>, borough: &str) -> Vec<Group<Vec<tera::Value>>> {
        let project = self.site.project;
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for &f in &self.published {
            let finding = &project.findings[f];
            if !finding.meta.boroughs.iter().any(|b| b == borough) {
                continue;
            }
            for code in finding
                .meta
                .codes
                .iter()
                .filter_map(|c| self.site.lookup(Kind::Code, c))
            {
                // Findings come in turn, so a repeat can only be the last.
                let list = groups.entry(self.site.code_root(code)).or_default();
                if list.last() != Some(&f) {
                    list.push(f);
                }
            }
        }
        let roots = self
            .site
            .code_children
            .get(&None)
            .cloned()
            .unwrap_or_default();
        let mut views: FastMap<usize, tera::Value> = FastMap::default();
        roots
            .into_iter()
            .filter_map(|root| {
                let findings = groups.remove(&root)?;
                let head = at.link(Kind::Code, &project.codes[root].id)?;
                let items = findings
                    .into_iter()
                    .map(|f| {
                        views
                            .entry(f)
                            .or_insert_with(|| {
                                tera::Value::from_serializable(&self.finding_view(
                                    at,
                                    f,
                                    Some(borough),
                                ))
                            })
                            .clone()
                    })
                    .collect();
                Some(Group { head, items })
            })
            .collect()
    }

    fn finding_view(&self, at: &At<'s, 'p>, f: usize, only_borough: Option<&str>) -> FindingView {
        let finding = &self.site.project.findings[f];
        let shown: Vec<usize> = self.site.finding_quotes[f]
            .iter()
            .copied()
            .filter(|&q| only_borough.is_none_or(|b| self.site.published_borough(q) == Some(b)))
            .collect();
        let embedded: Vec<&str> = finding
            .refs
            .iter()
            .filter(|r| r.embed && r.kind == Kind::Quote)
            .map(|r| r.id.as_str())
            .collect();
        let quotes = shown.iter().map(|&q| self.quote_value(at, q)).collect();
        let more_quotes = shown
            .iter()
            .filter(|&&q| !embedded.contains(&self.site.project.quotes[q].id.as_str()))
            .map(|&q| self.quote_value(at, q))
            .collect();
        let backlinks = self.site.finding_backlinks[f]
            .iter()
            .filter_map(|&(kind, i)| {
                let id = match kind {
                    Kind::Finding => &self.site.project.findings[i].id,
                    _ => &self.site.project.pages[i].id,
                };
                at.link(kind, id)
            })
            .collect();
        // A borough report shows titles and quotes, not the narrative.
        let html = if only_borough.is_some() {
            "".into()
        } else {
            self.body_html(at, finding)
        };
        FindingView {
            id: finding.id.clone(),
            title: finding.meta.title.clone(),
            url: format!("{}{}", at.root, urls::of(Kind::Finding, &finding.id)),
            html,
            draft: finding.meta.status == Status::Draft,
            codes: at.links(Kind::Code, finding.meta.codes.iter().map(String::as_str)),
            boroughs: at.links(
                Kind::Borough,
                finding.meta.boroughs.iter().map(String::as_str),
            ),
            attributes: finding
                .meta
                .attributes
                .iter()
                .map(|(k, v)| Attribute {
                    name: humanise(k),
                    value: attribute_text(v),
                })
                .collect(),
            quotes,
            more_quotes,
            backlinks,
        }
    }

    pub(super) fn finding(&self, f: usize) -> Page {
        let finding = &self.site.project.findings[f];
        let path = urls::of(Kind::Finding, &finding.id);
        let mut data = context();
        data.insert("finding", &self.finding_view(&self.at(&path), f, None));
        Page {
            path,
            template: "finding.html",
            title: finding.meta.title.clone(),
            origin: Some(finding.file),
            data,
        }
    }

    pub(super) fn findings(&self) -> Page {
        let project = self.site.project;
        let at = self.at(urls::FINDINGS);
        let mut groups: Vec<Group<Vec<Link>>> = Vec::new();
        for root in self
            .site
            .code_children
            .get(&None)
            .cloned()
            .unwrap_or_default()
        {
            let codes = self.site.code_with_descendants(root);
            let items: Vec<Link> = self
                .published
                .iter()
                .filter(|&&f| {
                    project.findings[f].meta.codes.iter().any(|c| {
                        self.site
                            .lookup(Kind::Code, c)
                            .is_some_and(|c| codes.contains(&c))
                    })
                })
                .map(|&f| at.finding_link(f))
                .collect();
            if let (false, Some(head)) = (
                items.is_empty(),
                at.link(Kind::Code, &project.codes[root].id),
            ) {
                groups.push(Group { head, items });
            }
        }
        let mut data = context();
        data.insert("groups", &groups);
        data.insert(
            "all",
            &self
                .published
                .iter()
                .map(|&f| at.finding_link(f))
                .collect::<Vec<_>>(),
        );
        Page {
            path: urls::FINDINGS.into(),
            template: "findings.html",
            title: "Findings".into(),
            origin: None,
            data,
        }
    }

    pub(super) fn quote(&self, q: usize) -> Page {
        let quote = &self.site.project.quotes[q];
        let path = urls::of(Kind::Quote, &quote.id);
        // The same data as where the quote is shown on other pages in folders.
        let view = self.quote_value(&self.at(&path), q);
        let title = format!("Quote: {}", self.site.attribution(q));
        let mut data = context();
        data.insert("quote", &view);
        Page {
            path,
            template: "quote.html",
            title,
            origin: Some(quote.file),
            data,
        }
    }

    /// How many pages the quote list takes (one when it is empty).
    pub(super) fn quote_list_pages(&self) -> usize {
        let total: usize = self.listed.iter().map(Vec::len).sum();
        total.div_ceil(self.per_page).max(1)
    }

    /// Page `number` of the quote list: the quotes of each borough in menu
    /// order, then those placed in none, `per_page` at a time. A borough
    /// without quotes is shown where it falls in that order.
    pub(super) fn quotes(&self, number: usize) -> Page {
        let project = self.site.project;
        let path = urls::quotes_page(number);
        let at = self.at(&path);
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
        let mut data = context();
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

    fn code_view(&self, at: &At<'s, 'p>, c: usize, depth: usize, with_quotes: bool) -> CodeView {
        let project = self.site.project;
        let code = &project.codes[c];
        let boroughs: Vec<CodeBoroughView> = self
            .site
            .borough_order
            .iter()
            .map(|&b| {
                let borough = &project.boroughs[b];
                let findings = self
                    .code_findings
                    .get(&(c, b))
                    .map_or(&[][..], Vec::as_slice);
                let quotes = self.code_quotes.get(&(c, b)).map_or(&[][..], Vec::as_slice);
                CodeBoroughView {
                    borough: Link::new(
                        &borough.meta.title,
                        at.root,
                        &urls::of(Kind::Borough, &borough.id),
                    ),
                    findings: findings.iter().map(|&f| at.finding_link(f)).collect(),
                    quote_count: quotes.len(),
                    quotes: if with_quotes {
                        quotes.iter().map(|&q| self.quote_value(at, q)).collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let children = self
            .site
            .code_children
            .get(&Some(c))
            .into_iter()
            .flatten()
            .filter_map(|&child| at.link(Kind::Code, &project.codes[child].id))
            .collect();
        CodeView {
            id: code.id.clone(),
            title: code.meta.title.clone(),
            url: format!("{}{}", at.root, urls::of(Kind::Code, &code.id)),
            depth,
            html: self.body_html(at, code),
            parent: self
                .site
                .code_parent(c)
                .and_then(|p| at.link(Kind::Code, &project.codes[p].id)),
            children,
            total_quotes: boroughs.iter().map(|b| b.quote_count).sum(),
            total_findings: boroughs.iter().map(|b| b.findings.len()).sum(),
            boroughs,
        }
    }

    pub(super) fn code(&self, c: usize, depth: usize) -> Page {
        let code = &self.site.project.codes[c];
        let path = urls::of(Kind::Code, &code.id);
        let mut data = context();
        data.insert("code", &self.code_view(&self.at(&path), c, depth, true));
        Page {
            path,
            template: "code.html",
            title: code.meta.title.clone(),
            origin: Some(code.file),
            data,
        }
    }

    pub(super) fn codebook(&self) -> Page {
        let at = self.at(urls::CODEBOOK);
        let codes: Vec<CodeView> = self
            .site
            .code_tree()
            .into_iter()
            .map(|(c, depth)| self.code_view(&at, c, depth, false))
            .collect();
        let mut data = context();
        data.insert("codes", &codes);
        data.insert("boroughs", &self.borough_links(&at));
        Page {
            path: urls::CODEBOOK.into(),
            template: "codebook.html",
            title: "Codebook".into(),
            origin: None,
            data,
        }
    }

    pub(super) fn matrix(&self) -> Page {
        let project = self.site.project;
        let at = self.at(urls::MATRIX);
        let rows: Vec<MatrixRow> = self
            .site
            .code_tree()
            .into_iter()
            .filter_map(|(c, depth)| {
                let cells = self
                    .site
                    .borough_order
                    .iter()
                    .map(|&b| {
                        // A theme's row counts the codes under it too.
                        let codes = self.site.code_with_descendants(c);
                        let mut findings: Vec<usize> = codes
                            .iter()
                            .flat_map(|&code| {
                                self.code_findings.get(&(code, b)).into_iter().flatten()
                            })
                            .copied()
                            .collect();
                        let findings_of = &self.site.project.findings;
                        findings.sort_by(|&a, &b| {
                            findings_of[a]
                                .meta
                                .title
                                .cmp(&findings_of[b].meta.title)
                                .then(a.cmp(&b))
                        });
                        findings.dedup();
                        let findings: Vec<Link> =
                            findings.into_iter().map(|f| at.finding_link(f)).collect();
                        let mut quotes: Vec<usize> = codes
                            .iter()
                            .flat_map(|&code| {
                                self.code_quotes.get(&(code, b)).into_iter().flatten()
                            })
                            .copied()
                            .collect();
                        quotes.sort_unstable();
                        quotes.dedup();
                        let quotes = quotes.len();
                        MatrixCell {
                            empty: findings.is_empty() && quotes == 0,
                            findings,
                            quotes,
                        }
                    })
                    .collect();
                Some(MatrixRow {
                    code: at.link(Kind::Code, &project.codes[c].id)?,
                    depth,
                    theme: depth == 0,
                    cells,
                })
            })
            .collect();
        let mut data = context();
        data.insert("rows", &rows);
        data.insert("boroughs", &self.borough_links(&at));
        Page {
            path: urls::MATRIX.into(),
            template: "matrix.html",
            title: "Framework matrix".into(),
            origin: None,
            data,
        }
    }

    pub(super) fn pathway(&self, p: usize) -> Page {
        let pathway = &self.site.project.pathways[p];
        let path = urls::of(Kind::Pathway, &pathway.id);
        let at = self.at(&path);
        let mut data = context();
        data.insert("map", &maps::map_view(&at, p));
        data.insert("narrative", &self.body_html(&at, pathway));
        Page {
            path,
            template: "pathway.html",
            title: pathway.meta.title.clone(),
            origin: Some(pathway.file),
            data,
        }
    }

    pub(super) fn compare(&self, t: usize) -> Page {
        let (pathway_type, list) = &self.site.pathway_types[t];
        let path = urls::compare(pathway_type);
        let at = self.at(&path);
        let maps: Vec<maps::MapView> = list.iter().map(|&p| maps::map_view(&at, p)).collect();
        let columns: Vec<String> = maps
            .iter()
            .map(|m| {
                m.borough
                    .as_ref()
                    .map_or_else(|| m.title.clone(), |b| b.title().to_string())
            })
            .collect();
        let mut data = context();
        data.insert("pathway_type", &maps::type_title(pathway_type));
        data.insert("columns", &columns);
        data.insert("rows", &maps::compare_rows(&at, list));
        data.insert("maps", &maps);
        Page {
            path,
            template: "compare.html",
            title: format!("{} pathways compared", maps::type_title(pathway_type)),
            origin: None,
            data,
        }
    }

    pub(super) fn pathways(&self) -> Page {
        let project = self.site.project;
        let at = self.at(urls::PATHWAYS);
        let groups: Vec<Group<Vec<Link>>> = self
            .site
            .pathway_types
            .iter()
            .map(|(t, list)| Group {
                head: Link::new(&maps::type_title(t), at.root, &urls::compare(t)),
                items: list
                    .iter()
                    .filter_map(|&p| at.link(Kind::Pathway, &project.pathways[p].id))
                    .collect(),
            })
            .collect();
        let mut data = context();
        data.insert("groups", &groups);
        Page {
            path: urls::PATHWAYS.into(),
            template: "pathways.html",
            title: "Pathway maps".into(),
            origin: None,
            data,
        }
    }

    pub(super) fn free_page(&self, p: usize) -> Page {
        let page = &self.site.project.pages[p];
        let path = urls::of(Kind::Page, &page.id);
        let mut data = context();
        data.insert("content", &self.body_html(&self.at(&path), page));
        Page {
            path,
            template: "page.html",
            title: page.meta.title.clone(),
            origin: Some(page.file),
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
