//! The data of each page: one function per kind of page, each returning the
//! page's path, template, title and template context. The quote list is in
//! `quote_list`, the codebook and matrix in `codebook`, a borough report and
//! the findings list in `report`.

use super::links::{At, Link};
use super::memo::Shown;
use super::views::*;
use super::{Page, Renderer, maps, urls};
use crate::model::{FindingKind, Kind, Status};
use crate::resolve::{FindingIx, PathwayIx, QuoteIx};

/// How many quotes a borough report shows under a finding: the strongest
/// (see [`Renderer::evidence_in`]); the finding's page has them all.
const STRONGEST: usize = 2;

fn context() -> tera::Context {
    tera::Context::new()
}

impl<'s, 'p> Renderer<'s, 'p> {
    pub(super) fn index(&self, shown: &Shown) -> Page {
        let project = self.site.project;
        let at = self.at(urls::INDEX, shown);
        let landing = project.landing.as_ref();
        let mut data = context();
        data.insert(
            "title",
            &label(landing.map_or(self.title.as_str(), |l| l.meta.title.as_str())),
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

    pub(super) fn finding_view(
        &self,
        at: &At<'_, 'p>,
        f: FindingIx,
        only_borough: Option<&str>,
    ) -> FindingView {
        let finding = &self.site.project.findings[f];
        let shown = self.evidence_in(f, only_borough);
        let embedded: Vec<&str> = finding
            .refs
            .iter()
            .filter(|r| r.embed && r.kind == Kind::Quote)
            .map(|r| r.id.as_str())
            .collect();
        // A borough report shows the strongest evidence and how much there
        // is; the lists of it all are the finding page's alone.
        let (quotes, more_quotes) = match only_borough {
            Some(_) => (Vec::new(), Vec::new()),
            None => (
                shown.iter().map(|&q| self.quote_value(at, q)).collect(),
                shown
                    .iter()
                    .filter(|&&q| !embedded.contains(&self.site.project.quotes[q].id.as_str()))
                    .map(|&q| self.quote_value(at, q))
                    .collect(),
            ),
        };
        let evidence = shown
            .iter()
            .take(STRONGEST)
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
        // A borough report shows the summary and evidence, not the narrative.
        let html = if only_borough.is_some() {
            "".into()
        } else {
            self.body_html(at, finding)
        };
        let codes = at.links(Kind::Code, finding.meta.codes.iter().map(String::as_str));
        FindingView {
            id: finding.id.clone(),
            title: label(&finding.meta.title).into_owned(),
            url: format!("{}{}", at.root, urls::of(Kind::Finding, &finding.id)),
            html,
            summary: self.finding_summary(at, f, only_borough),
            lead: finding.meta.summary.is_some(),
            strength: finding.meta.kind == FindingKind::Strength,
            draft: finding.meta.status == Status::Draft,
            tags: codes.iter().skip(1).cloned().collect(),
            codes,
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
            quote_count: shown.len(),
            quotes,
            more_quotes,
            evidence,
            backlinks,
        }
    }

    pub(super) fn finding(&self, f: FindingIx, shown: &Shown) -> Page {
        let finding = &self.site.project.findings[f];
        let path = urls::of(Kind::Finding, &finding.id);
        let mut data = context();
        data.insert(
            "finding",
            &self.finding_view(&self.at(&path, shown), f, None),
        );
        // Marked in the menu as the part of the site this page is in.
        data.insert("section", urls::FINDINGS);
        Page {
            path,
            template: "finding.html",
            title: finding.meta.title.clone(),
            origin: Some(finding.file),
            data,
        }
    }

    pub(super) fn quote(&self, q: QuoteIx, shown: &Shown) -> Page {
        let quote = &self.site.project.quotes[q];
        let path = urls::of(Kind::Quote, &quote.id);
        // The same data as where the quote is shown on other pages in folders.
        let view = self.quote_value(&self.at(&path, shown), q);
        let title = format!("Quote: {}", self.site.attribution(q));
        let mut data = context();
        data.insert("quote", &view);
        // Marked in the menu as the part of the site this page is in.
        data.insert("section", urls::QUOTES);
        Page {
            path,
            template: "quote.html",
            title,
            origin: Some(quote.file),
            data,
        }
    }

    pub(super) fn pathway(&self, p: PathwayIx, shown: &Shown) -> Page {
        let pathway = &self.site.project.pathways[p];
        let path = urls::of(Kind::Pathway, &pathway.id);
        let at = self.at(&path, shown);
        let mut data = context();
        data.insert("map", &maps::map_view(&at, p));
        data.insert("narrative", &self.body_html(&at, pathway));
        // Marked in the menu as the part of the site this page is in.
        data.insert("section", urls::PATHWAYS);
        Page {
            path,
            template: "pathway.html",
            title: pathway.meta.title.clone(),
            origin: Some(pathway.file),
            data,
        }
    }

    pub(super) fn compare(&self, t: usize, shown: &Shown) -> Page {
        let (pathway_type, list) = &self.site.pathway_types[t];
        let path = urls::compare(pathway_type);
        let at = self.at(&path, shown);
        // One number for a finding on every map of the page.
        let mut numbering = maps::Numbering::default();
        let maps: Vec<maps::MapView> = list
            .iter()
            .map(|&p| maps::map_view_numbered(&at, p, &mut numbering))
            .collect();
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
        // Marked in the menu as the part of the site this page is in.
        data.insert("section", urls::PATHWAYS);
        Page {
            path,
            template: "compare.html",
            title: format!("{} pathways compared", maps::type_title(pathway_type)),
            origin: None,
            data,
        }
    }

    pub(super) fn pathways(&self, shown: &Shown) -> Page {
        let project = self.site.project;
        let at = self.at(urls::PATHWAYS, shown);
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

    /// The theme's accessibility statement (a project's theme may replace
    /// `accessibility.html` with its own).
    pub(super) fn accessibility(&self) -> Page {
        Page {
            path: urls::ACCESSIBILITY.into(),
            template: "accessibility.html",
            title: "Accessibility statement".into(),
            origin: None,
            data: context(),
        }
    }

    pub(super) fn free_page(&self, p: usize, shown: &Shown) -> Page {
        let page = &self.site.project.pages[p];
        let path = urls::of(Kind::Page, &page.id);
        let mut data = context();
        data.insert("content", &self.body_html(&self.at(&path, shown), page));
        Page {
            path,
            template: "page.html",
            title: page.meta.title.clone(),
            origin: Some(page.file),
            data,
        }
    }
}
