//! The data of the two pages a commissioner reads first: a borough's report
//! (overview, who took part, each finding once under its first theme with
//! its summary and strongest evidence, the borough's maps) and the list of
//! findings (each once, with its summary, boroughs, themes and evidence).

use super::links::{At, Link};
use super::memo::Shown;
use super::views::*;
use super::{Page, Renderer, maps, urls};
use crate::markdown;
use crate::model::{FindingKind, Kind};
use crate::resolve::{BoroughIx, CodeIx, FindingIx, PathwayIx, QuoteIx};

/// A finding's summary on a borough's report: a finding that holds in
/// several boroughs is summarised on each one's report, where a reader
/// takes a quote it links as said in that borough. A quote whose
/// attribution is shared by fewer than `k` participants there is not
/// linked: the words written as the link are shown as text (the finding's
/// own page, about all its boroughs, links it). Red team, round 8.
struct InBorough<'r, 's, 'p, 'b> {
    page: super::PageLinks<'r, 's, 'p>,
    borough: &'b str,
}

impl markdown::Links for InBorough<'_, '_, '_, '_> {
    fn href(&self, kind: Kind, id: &str) -> Option<String> {
        let site = self.page.at.site;
        if kind == Kind::Quote
            && site
                .quote(id)
                .is_some_and(|q| !crate::anonymity::attribution::holds_in(site, q, self.borough))
        {
            return None;
        }
        self.page.href(kind, id)
    }

    fn title(&self, kind: Kind, id: &str) -> String {
        self.page.title(kind, id)
    }

    fn embed(&self, kind: Kind, id: &str) -> String {
        self.page.embed(kind, id)
    }

    fn participant_table(&self, spec: &str) -> String {
        self.page.participant_table(spec)
    }
}

/// The anchor of a finding's article on a borough report.
fn anchor(id: &str) -> String {
    format!("finding-{id}")
}

impl<'s, 'p> Renderer<'s, 'p> {
    /// A finding's summary as HTML: `summary:` if written, else the body's
    /// first paragraph (noted as shown, so a preview redraws it). On the
    /// report of `borough`, it links a quote only where the quote's
    /// attribution holds there ([`InBorough`]).
    pub(super) fn finding_summary(
        &self,
        at: &At<'_, 'p>,
        f: FindingIx,
        borough: Option<&str>,
    ) -> tera::Value {
        let finding = &self.site.project.findings[f];
        let page = super::PageLinks {
            renderer: self,
            at: *at,
        };
        let in_borough;
        let links: &dyn markdown::Links = match borough {
            Some(borough) => {
                in_borough = InBorough { page, borough };
                &in_borough
            }
            None => &page,
        };
        if let Some(summary) = &finding.meta.summary {
            return markdown::to_html(summary, links).into();
        }
        at.shown.note(finding.file);
        let project = self.site.project;
        // Found once per finding: the parser reads the whole body, and a
        // finding is summarised on several pages.
        let first = self.first_paragraphs[f].get_or_init(|| {
            markdown::first_paragraph(&project.sources.text(finding.file)[finding.body.clone()])
        });
        first.map_or_else(
            || "".into(),
            |paragraph| {
                let html = markdown::to_html(paragraph, links);
                // Its body's own text: an allowance in it reaches here too.
                self.note_fragment(finding.file, || html.clone());
                html.into()
            },
        )
    }

    /// A finding's evidence (in one borough, or everywhere), strongest
    /// first: the quotes its narrative sets, in the order it sets them,
    /// then the others it cites.
    pub(super) fn evidence_in(&self, f: FindingIx, borough: Option<&str>) -> Vec<QuoteIx> {
        let site = self.site;
        let finding = &site.project.findings[f];
        let cited = &site.finding_quotes[f];
        let mut order: Vec<QuoteIx> = finding
            .refs
            .iter()
            .filter(|r| r.embed && r.kind == Kind::Quote)
            .filter_map(|r| site.quote(&r.id))
            .filter(|q| cited.contains(q))
            .collect();
        order.extend(cited.iter().copied());
        let mut seen = Vec::with_capacity(order.len());
        for q in order {
            if !seen.contains(&q) && borough.is_none_or(|b| site.published_borough(q) == Some(b)) {
                seen.push(q);
            }
        }
        seen
    }

    pub(super) fn borough(&self, b: BoroughIx, shown: &Shown) -> Page {
        let project = self.site.project;
        let borough = &project.boroughs[b];
        let path = urls::of(Kind::Borough, &borough.id);
        let at = self.at(&path, shown);
        let mut data = tera::Context::new();
        data.insert("borough", &Link::new(&borough.meta.title, at.root, &path));
        data.insert("summary", &borough.meta.summary);
        data.insert("description", &self.body_html(&at, borough));
        data.insert(
            "participants",
            // The borough's column of the study-wide table (src/tables/).
            &self.borough_table(&borough.id),
        );
        data.insert("k", &project.config.k);
        data.insert("themes", &self.report_themes(&at, b));
        let mut numbering = maps::Numbering::default();
        let maps: Vec<maps::MapView> = PathwayIx::all(project.pathways.len())
            .filter(|&p| project.pathways[p].meta.borough == borough.id)
            .map(|p| maps::map_view_numbered(&at, p, &mut numbering))
            .collect();
        data.insert("maps", &maps);
        Page {
            path,
            template: "borough.html",
            title: borough.meta.title.clone(),
            origin: Some(borough.file),
            data,
        }
    }

    /// The borough's findings under their top-level themes: each finding
    /// once, under the theme of its first code; a theme lists by name the
    /// findings placed elsewhere that are coded to it too, so what it
    /// shows adds up to its count.
    fn report_themes(&self, at: &At<'_, 'p>, b: BoroughIx) -> Vec<ReportTheme> {
        let site = self.site;
        let project = site.project;
        let borough = project.boroughs[b].id.as_str();
        let placed_in = |f: FindingIx| {
            project.findings[f]
                .meta
                .codes
                .iter()
                .find_map(|c| site.code(c))
                .map(|c| site.code_root(c))
        };
        let roots = site.code_children.get(&None).cloned().unwrap_or_default();
        roots
            .into_iter()
            .filter_map(|root| {
                let coded = self.coding.coded(site, root, &[b]);
                if coded.findings.is_empty() && coded.quote_count.total == 0 {
                    return None;
                }
                let code = &project.codes[root];
                let head = at.link(Kind::Code, &code.id)?;
                let (here, elsewhere): (Vec<FindingIx>, Vec<FindingIx>) = coded
                    .findings
                    .iter()
                    .partition(|&&f| placed_in(f) == Some(root));
                let findings = here
                    .into_iter()
                    .map(|f| {
                        tera::Value::from_serializable(&self.finding_view(at, f, Some(borough)))
                    })
                    .collect();
                let also = elsewhere
                    .into_iter()
                    .map(|f| {
                        let finding = &project.findings[f];
                        Link::new(&label(&finding.meta.title), "#", &anchor(&finding.id))
                    })
                    .collect();
                Some(ReportTheme {
                    head,
                    id: code.id.clone(),
                    findings,
                    also,
                    finding_count: coded.finding_count,
                    quote_count: coded.quote_count,
                })
            })
            .collect()
    }

    pub(super) fn findings(&self, shown: &Shown) -> Page {
        let site = self.site;
        let project = site.project;
        let at = self.at(urls::FINDINGS, shown);
        let items: Vec<FindingItem> = self
            .published
            .iter()
            .map(|&f| {
                let finding = &project.findings[f];
                let mut themes: Vec<CodeIx> = Vec::new();
                for code in finding.meta.codes.iter().filter_map(|c| site.code(c)) {
                    let root = site.code_root(code);
                    if !themes.contains(&root) {
                        themes.push(root);
                    }
                }
                let theme_ids: Vec<&str> = themes
                    .iter()
                    .map(|&c| project.codes[c].id.as_str())
                    .collect();
                let boroughs: Vec<&str> = finding
                    .meta
                    .boroughs
                    .iter()
                    .map(String::as_str)
                    .filter(|b| site.lookup(Kind::Borough, b).is_some())
                    .collect();
                FindingItem {
                    link: at.finding_link(f),
                    summary: self.finding_summary(&at, f, None),
                    strength: finding.meta.kind == FindingKind::Strength,
                    boroughs: at.links(Kind::Borough, boroughs.iter().copied()),
                    themes: at.links(Kind::Code, theme_ids.iter().copied()),
                    borough_ids: boroughs.join(" "),
                    theme_ids: theme_ids.join(" "),
                    quote_count: self.evidence_in(f, None).len(),
                }
            })
            .collect();
        let theme_choices: Vec<Choice> = site
            .code_children
            .get(&None)
            .into_iter()
            .flatten()
            .map(|&c| Choice {
                id: project.codes[c].id.clone(),
                title: label(&project.codes[c].meta.title).into_owned(),
            })
            .collect();
        let borough_choices: Vec<Choice> = site
            .borough_order
            .iter()
            .map(|&b| Choice {
                id: project.boroughs[b].id.clone(),
                title: label(&project.boroughs[b].meta.title).into_owned(),
            })
            .collect();
        let mut data = tera::Context::new();
        data.insert("findings", &items);
        data.insert("theme_choices", &theme_choices);
        data.insert("borough_choices", &borough_choices);
        Page {
            path: urls::FINDINGS.into(),
            template: "findings.html",
            title: "Findings".into(),
            origin: None,
            data,
        }
    }
}
