//! Rendering: every page of the site from the resolved project and the
//! theme's templates, into memory. Owns the page list and each page's
//! template data; does not write to disk (that is `output`).

mod maps;
pub mod theme;
pub mod urls;
mod views;

use crate::diag::Diagnostic;
use crate::markdown;
use crate::model::{Doc, Kind};
use crate::resolve::Site;
use crate::source::FileId;
use serde::Serialize;
use std::collections::BTreeMap;
use theme::Theme;
use views::*;

/// The rendered site: file contents by site-relative path, and the source
/// file each page was made from (for messages about the output).
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeMap<String, Vec<u8>>,
    pub origins: BTreeMap<String, FileId>,
}

#[derive(Debug, Clone, Serialize)]
struct NavItem {
    title: String,
    /// Site-relative; templates prefix `root`.
    path: String,
    children: Vec<NavItem>,
}

/// Renders the whole site. Template problems are diagnostics.
pub fn render(site: &Site, theme: &Theme, out: &mut Vec<Diagnostic>) -> Rendered {
    let renderer = Renderer {
        site,
        theme,
        nav: navigation(site),
        title: site_title(site),
    };
    let mut rendered = Rendered::default();
    renderer.render_all(&mut rendered, out);
    for (path, bytes) in &theme.statics {
        rendered
            .files
            .insert(format!("static/{path}"), bytes.clone());
    }
    rendered
}

fn site_title(site: &Site) -> String {
    let project = site.project;
    project
        .config
        .title
        .clone()
        .or_else(|| project.landing.as_ref().map(|l| l.meta.title.clone()))
        .unwrap_or_else(|| "Evaluation report".to_string())
}

fn navigation(site: &Site) -> Vec<NavItem> {
    let project = site.project;
    let item = |title: &str, path: String, children| NavItem {
        title: title.to_string(),
        path,
        children,
    };
    let boroughs = site
        .borough_order
        .iter()
        .map(|&b| {
            let borough = &project.boroughs[b];
            item(
                &borough.meta.title,
                urls::of(Kind::Borough, &borough.id),
                vec![],
            )
        })
        .collect();
    let mut nav = vec![
        item("Overview", urls::INDEX.into(), vec![]),
        item(
            "Boroughs",
            site.borough_order.first().map_or(urls::INDEX.into(), |&b| {
                urls::of(Kind::Borough, &project.boroughs[b].id)
            }),
            boroughs,
        ),
        item("Findings", urls::FINDINGS.into(), vec![]),
        item("Codebook", urls::CODEBOOK.into(), vec![]),
        item("Matrix", urls::MATRIX.into(), vec![]),
    ];
    if !project.pathways.is_empty() {
        nav.push(item("Pathways", urls::PATHWAYS.into(), vec![]));
    }
    nav.push(item("Quotes", urls::QUOTES.into(), vec![]));
    let mut pages: Vec<&Doc<_>> = project.pages.iter().collect();
    pages.sort_by(|a, b| {
        (a.meta.order.unwrap_or(i64::MAX), &a.meta.title)
            .cmp(&(b.meta.order.unwrap_or(i64::MAX), &b.meta.title))
    });
    for page in pages {
        nav.push(item(
            &page.meta.title,
            urls::of(Kind::Page, &page.id),
            vec![],
        ));
    }
    nav
}

/// Which page to render, with which template.
struct Page<'a> {
    path: &'a str,
    template: &'a str,
    title: &'a str,
    origin: Option<FileId>,
}

struct Renderer<'s, 'p> {
    site: &'s Site<'p>,
    theme: &'s Theme,
    nav: Vec<NavItem>,
    title: String,
}

/// Resolves entity links and embeds in a body rendered on one page.
struct PageLinks<'r, 's, 'p> {
    renderer: &'r Renderer<'s, 'p>,
    at: At<'s, 'p>,
}

impl markdown::Links for PageLinks<'_, '_, '_> {
    fn href(&self, kind: Kind, id: &str) -> Option<String> {
        self.at.link(kind, id).map(|l| l.url)
    }

    fn title(&self, kind: Kind, id: &str) -> String {
        self.at.title(kind, id).unwrap_or_else(|| id.to_string())
    }

    fn embed(&self, kind: Kind, id: &str) -> String {
        let Some(index) = self.at.site.lookup(kind, id) else {
            return String::new();
        };
        let mut context = tera::Context::new();
        let template = match kind {
            Kind::Quote => {
                context.insert("quote", &self.renderer.quote_view(&self.at, index));
                "partials/quote.html"
            }
            Kind::Pathway => {
                context.insert("map", &maps::map_view(&self.at, index));
                "partials/map.html"
            }
            _ => return String::new(),
        };
        context.insert("root", self.at.root);
        self.renderer
            .theme
            .tera
            .render(template, &context)
            .unwrap_or_default()
    }
}

impl<'s, 'p> Renderer<'s, 'p> {
    fn at(&self, page: &str) -> At<'s, 'p> {
        At {
            site: self.site,
            root: if page.contains('/') { "../" } else { "" },
        }
    }

    fn body_html<M>(&self, at: &At<'s, 'p>, doc: &Doc<M>) -> String {
        let text = &self.site.project.sources.text(doc.file)[doc.body.clone()];
        markdown::to_html(
            text,
            &PageLinks {
                renderer: self,
                at: *at,
            },
        )
    }

    fn quote_view(&self, at: &At<'s, 'p>, q: usize) -> QuoteView {
        let quote = &self.site.project.quotes[q];
        QuoteView {
            id: quote.id.clone(),
            url: format!("{}{}", at.root, urls::of(Kind::Quote, &quote.id)),
            html: self.body_html(at, quote),
            attribution: self.site.attribution(q),
            source: quote.meta.source.map_or("", |s| s.label()).to_string(),
            borough: self.site.published_borough(q).and_then(|b| at.link(Kind::Borough, b)),
            codes: at.links(Kind::Code, quote.meta.codes.iter().map(String::as_str)),
            findings: self.site.quote_findings[q]
                .iter()
                .map(|&f| at.finding_link(f))
                .collect(),
        }
    }

    fn finding_view(&self, at: &At<'s, 'p>, f: usize, only_borough: Option<&str>) -> FindingView {
        let finding = &self.site.project.findings[f];
        let quotes: Vec<QuoteView> = self.site.finding_quotes[f]
            .iter()
            .filter(|&&q| only_borough.is_none_or(|b| self.site.published_borough(q) == Some(b)))
            .map(|&q| self.quote_view(at, q))
            .collect();
        let embedded: Vec<&str> = finding
            .refs
            .iter()
            .filter(|r| r.embed && r.kind == Kind::Quote)
            .map(|r| r.id.as_str())
            .collect();
        let more_quotes = quotes
            .iter()
            .filter(|q| !embedded.contains(&q.id.as_str()))
            .cloned()
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
        FindingView {
            id: finding.id.clone(),
            title: finding.meta.title.clone(),
            url: format!("{}{}", at.root, urls::of(Kind::Finding, &finding.id)),
            html: self.body_html(at, finding),
            draft: finding.meta.status == crate::model::Status::Draft,
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

    fn page(
        &self,
        rendered: &mut Rendered,
        out: &mut Vec<Diagnostic>,
        page: Page,
        data: tera::Context,
    ) {
        let Page {
            path,
            template,
            title,
            origin,
        } = page;
        let mut context = data;
        context.insert("root", if path.contains('/') { "../" } else { "" });
        context.insert("current", path);
        context.insert("site_title", &self.title);
        context.insert("page_title", title);
        context.insert("nav", &self.nav);
        let canonical = self
            .site
            .project
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{path}"));
        context.insert("canonical", &canonical);
        match self.theme.tera.render(template, &context) {
            Ok(html) => {
                rendered.files.insert(path.to_string(), html.into_bytes());
                if let Some(file) = origin {
                    rendered.origins.insert(path.to_string(), file);
                }
            }
            Err(error) => {
                let name = match error.kind() {
                    tera::ErrorKind::RenderingError(report) => report.filename().to_string(),
                    _ => template.to_string(),
                };
                let file = self.theme.template_files.get(&name).copied();
                out.push(theme::template_error(&error, file, &name));
            }
        }
    }

    fn render_all(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        self.render_index(rendered, out);
        self.render_boroughs(rendered, out);
        self.render_findings(rendered, out);
        self.render_quotes(rendered, out);
        self.render_codebook(rendered, out);
        self.render_matrix(rendered, out);
        self.render_pathways(rendered, out);
        self.render_pages(rendered, out);
    }

    fn render_index(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        let at = self.at(urls::INDEX);
        let mut context = tera::Context::new();
        let landing = project.landing.as_ref();
        context.insert(
            "title",
            &landing.map_or(self.title.as_str(), |l| l.meta.title.as_str()),
        );
        context.insert("subtitle", &landing.and_then(|l| l.meta.subtitle.clone()));
        context.insert(
            "authors",
            &landing.map(|l| l.meta.authors.clone()).unwrap_or_default(),
        );
        context.insert("period", &landing.and_then(|l| l.meta.period.clone()));
        context.insert("framework", &landing.and_then(|l| l.meta.framework.clone()));
        context.insert(
            "summary",
            &landing.map(|l| self.body_html(&at, l)).unwrap_or_default(),
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
        context.insert("boroughs", &boroughs);
        let themes: Vec<Link> = self
            .site
            .code_children
            .get(&None)
            .into_iter()
            .flatten()
            .filter_map(|&c| at.link(Kind::Code, &project.codes[c].id))
            .collect();
        context.insert("themes", &themes);
        context.insert("finding_count", &self.site.published_findings().len());
        context.insert("quote_count", &project.quotes.len());
        context.insert("comparisons", &self.comparison_links(&at));
        let title = self.title.clone();
        self.page(
            rendered,
            out,
            Page {
                path: urls::INDEX,
                template: "index.html",
                title: &title,
                origin: landing.map(|l| l.file),
            },
            context,
        );
    }

    fn comparison_links(&self, at: &At) -> Vec<Link> {
        self.site
            .pathway_types
            .iter()
            .map(|(t, _)| Link::new(maps::type_title(t), at.root, &urls::compare(t)))
            .collect()
    }

    fn render_boroughs(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        for &b in &self.site.borough_order {
            let borough = &project.boroughs[b];
            let path = urls::of(Kind::Borough, &borough.id);
            let at = self.at(&path);
            let mut context = tera::Context::new();
            context.insert("borough", &Link::new(&borough.meta.title, at.root, &path));
            context.insert("summary", &borough.meta.summary);
            context.insert("description", &self.body_html(&at, borough));
            context.insert(
                "participants",
                &participant_rows(&project.participants, &borough.id, project.config.k),
            );
            context.insert("k", &project.config.k);
            context.insert("themes", &self.borough_themes(&at, &borough.id));
            let pathways: Vec<Link> = project
                .pathways
                .iter()
                .filter(|p| p.meta.borough == borough.id)
                .filter_map(|p| at.link(Kind::Pathway, &p.id))
                .collect();
            context.insert("pathways", &pathways);
            self.page(
                rendered,
                out,
                Page {
                    path: &path,
                    template: "borough.html",
                    title: &borough.meta.title,
                    origin: Some(borough.file),
                },
                context,
            );
        }
    }

    /// The findings that hold in a borough, under their top-level themes.
    fn borough_themes(&self, at: &At<'s, 'p>, borough: &str) -> Vec<Group<Vec<FindingView>>> {
        let project = self.site.project;
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for f in self.site.published_findings() {
            let finding = &project.findings[f];
            if !finding.meta.boroughs.iter().any(|b| b == borough) {
                continue;
            }
            for code in &finding.meta.codes {
                if let Some(c) = self.site.lookup(Kind::Code, code) {
                    let list = groups.entry(self.site.code_root(c)).or_default();
                    if !list.contains(&f) {
                        list.push(f);
                    }
                }
            }
        }
        let roots = self
            .site
            .code_children
            .get(&None)
            .cloned()
            .unwrap_or_default();
        roots
            .into_iter()
            .filter_map(|root| {
                let findings = groups.remove(&root)?;
                let link = at.link(Kind::Code, &project.codes[root].id)?;
                let items = findings
                    .into_iter()
                    .map(|f| self.finding_view(at, f, Some(borough)))
                    .collect();
                Some(Group { head: link, items })
            })
            .collect()
    }

    fn render_findings(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        let published = self.site.published_findings();
        for &f in &published {
            let finding = &project.findings[f];
            let path = urls::of(Kind::Finding, &finding.id);
            let at = self.at(&path);
            let mut context = tera::Context::new();
            context.insert("finding", &self.finding_view(&at, f, None));
            self.page(
                rendered,
                out,
                Page {
                    path: &path,
                    template: "finding.html",
                    title: &finding.meta.title,
                    origin: Some(finding.file),
                },
                context,
            );
        }
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
            let list: Vec<Link> = published
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
            if let (false, Some(link)) = (
                list.is_empty(),
                at.link(Kind::Code, &project.codes[root].id),
            ) {
                groups.push(Group {
                    head: link,
                    items: list,
                });
            }
        }
        let mut context = tera::Context::new();
        context.insert("groups", &groups);
        context.insert(
            "all",
            &published
                .iter()
                .map(|&f| at.finding_link(f))
                .collect::<Vec<_>>(),
        );
        self.page(
            rendered,
            out,
            Page {
                path: urls::FINDINGS,
                template: "findings.html",
                title: "Findings",
                origin: None,
            },
            context,
        );
    }

    fn render_quotes(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        for (q, quote) in project.quotes.iter().enumerate() {
            let path = urls::of(Kind::Quote, &quote.id);
            let at = self.at(&path);
            let mut context = tera::Context::new();
            let view = self.quote_view(&at, q);
            let title = format!("Quote: {}", view.attribution);
            context.insert("quote", &view);
            self.page(
                rendered,
                out,
                Page {
                    path: &path,
                    template: "quote.html",
                    title: &title,
                    origin: Some(quote.file),
                },
                context,
            );
        }
        let at = self.at(urls::QUOTES);
        let groups: Vec<Group<Vec<QuoteView>>> = self
            .site
            .borough_order
            .iter()
            .map(|&b| {
                let borough = &project.boroughs[b];
                let quotes = (0..project.quotes.len())
                    .filter(|&q| self.site.published_borough(q) == Some(borough.id.as_str()))
                    .map(|q| self.quote_view(&at, q))
                    .collect();
                Group {
                    head: Link::new(
                        &borough.meta.title,
                        at.root,
                        &urls::of(Kind::Borough, &borough.id),
                    ),
                    items: quotes,
                }
            })
            .collect();
        let unplaced: Vec<QuoteView> = (0..project.quotes.len())
            .filter(|&q| self.site.published_borough(q).is_none())
            .map(|q| self.quote_view(&at, q))
            .collect();
        let mut context = tera::Context::new();
        context.insert("groups", &groups);
        context.insert("unplaced", &unplaced);
        self.page(
            rendered,
            out,
            Page {
                path: urls::QUOTES,
                template: "quotes.html",
                title: "Quotes",
                origin: None,
            },
            context,
        );
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
                let findings: Vec<Link> = self
                    .site
                    .published_findings()
                    .into_iter()
                    .filter(|&f| {
                        let meta = &project.findings[f].meta;
                        meta.codes.contains(&code.id) && meta.boroughs.contains(&borough.id)
                    })
                    .map(|f| at.finding_link(f))
                    .collect();
                let quotes: Vec<usize> = (0..project.quotes.len())
                    .filter(|&q| {
                        self.site.published_borough(q) == Some(borough.id.as_str())
                            && project.quotes[q].meta.codes.contains(&code.id)
                    })
                    .collect();
                CodeBoroughView {
                    borough: Link::new(
                        &borough.meta.title,
                        at.root,
                        &urls::of(Kind::Borough, &borough.id),
                    ),
                    findings,
                    quote_count: quotes.len(),
                    quotes: if with_quotes {
                        quotes.into_iter().map(|q| self.quote_view(at, q)).collect()
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

    fn render_codebook(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        let tree = self.site.code_tree();
        for &(c, depth) in &tree {
            let code = &project.codes[c];
            let path = urls::of(Kind::Code, &code.id);
            let at = self.at(&path);
            let mut context = tera::Context::new();
            context.insert("code", &self.code_view(&at, c, depth, true));
            self.page(
                rendered,
                out,
                Page {
                    path: &path,
                    template: "code.html",
                    title: &code.meta.title,
                    origin: Some(code.file),
                },
                context,
            );
        }
        let at = self.at(urls::CODEBOOK);
        let codes: Vec<CodeView> = tree
            .iter()
            .map(|&(c, depth)| self.code_view(&at, c, depth, false))
            .collect();
        let mut context = tera::Context::new();
        context.insert("codes", &codes);
        context.insert("boroughs", &self.borough_links(&at));
        self.page(
            rendered,
            out,
            Page {
                path: urls::CODEBOOK,
                template: "codebook.html",
                title: "Codebook",
                origin: None,
            },
            context,
        );
    }

    fn borough_links(&self, at: &At) -> Vec<Link> {
        self.site
            .borough_order
            .iter()
            .map(|&b| {
                let borough = &self.site.project.boroughs[b];
                Link::new(
                    &borough.meta.title,
                    at.root,
                    &urls::of(Kind::Borough, &borough.id),
                )
            })
            .collect()
    }

    fn render_matrix(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        let at = self.at(urls::MATRIX);
        let published = self.site.published_findings();
        let rows: Vec<MatrixRow> = self
            .site
            .code_tree()
            .into_iter()
            .filter_map(|(c, depth)| {
                let code = &project.codes[c];
                let cells = self
                    .site
                    .borough_order
                    .iter()
                    .map(|&b| {
                        let borough = &project.boroughs[b].id;
                        let findings: Vec<Link> = published
                            .iter()
                            .filter(|&&f| {
                                project.findings[f].meta.codes.contains(&code.id)
                                    && project.findings[f].meta.boroughs.contains(borough)
                            })
                            .map(|&f| at.finding_link(f))
                            .collect();
                        let quotes = (0..project.quotes.len())
                            .filter(|&q| {
                                self.site.published_borough(q) == Some(borough.as_str())
                                    && project.quotes[q].meta.codes.contains(&code.id)
                            })
                            .count();
                        MatrixCell {
                            empty: findings.is_empty() && quotes == 0,
                            findings,
                            quotes,
                        }
                    })
                    .collect();
                Some(MatrixRow {
                    code: at.link(Kind::Code, &code.id)?,
                    depth,
                    theme: depth == 0,
                    cells,
                })
            })
            .collect();
        let mut context = tera::Context::new();
        context.insert("rows", &rows);
        context.insert("boroughs", &self.borough_links(&at));
        self.page(
            rendered,
            out,
            Page {
                path: urls::MATRIX,
                template: "matrix.html",
                title: "Framework matrix",
                origin: None,
            },
            context,
        );
    }

    fn render_pathways(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        let project = self.site.project;
        for (p, pathway) in project.pathways.iter().enumerate() {
            let path = urls::of(Kind::Pathway, &pathway.id);
            let at = self.at(&path);
            let mut context = tera::Context::new();
            context.insert("map", &maps::map_view(&at, p));
            context.insert("narrative", &self.body_html(&at, pathway));
            self.page(
                rendered,
                out,
                Page {
                    path: &path,
                    template: "pathway.html",
                    title: &pathway.meta.title,
                    origin: Some(pathway.file),
                },
                context,
            );
        }
        for (pathway_type, list) in &self.site.pathway_types {
            let path = urls::compare(pathway_type);
            let at = self.at(&path);
            let mut context = tera::Context::new();
            let maps: Vec<maps::MapView> = list.iter().map(|&p| maps::map_view(&at, p)).collect();
            let columns: Vec<String> = maps
                .iter()
                .map(|m| {
                    m.borough
                        .as_ref()
                        .map_or_else(|| m.title.clone(), |b| b.title.clone())
                })
                .collect();
            context.insert("pathway_type", &maps::type_title(pathway_type));
            context.insert("columns", &columns);
            context.insert("rows", &maps::compare_rows(&at, list));
            context.insert("maps", &maps);
            let title = format!("{} pathways compared", maps::type_title(pathway_type));
            self.page(
                rendered,
                out,
                Page {
                    path: &path,
                    template: "compare.html",
                    title: &title,
                    origin: None,
                },
                context,
            );
        }
        let at = self.at(urls::PATHWAYS);
        let groups: Vec<Group<Vec<Link>>> = self
            .site
            .pathway_types
            .iter()
            .map(|(t, list)| {
                let links = list
                    .iter()
                    .filter_map(|&p| at.link(Kind::Pathway, &project.pathways[p].id))
                    .collect();
                Group {
                    head: Link::new(maps::type_title(t), at.root, &urls::compare(t)),
                    items: links,
                }
            })
            .collect();
        let mut context = tera::Context::new();
        context.insert("groups", &groups);
        self.page(
            rendered,
            out,
            Page {
                path: urls::PATHWAYS,
                template: "pathways.html",
                title: "Pathway maps",
                origin: None,
            },
            context,
        );
    }

    fn render_pages(&self, rendered: &mut Rendered, out: &mut Vec<Diagnostic>) {
        for page in &self.site.project.pages {
            let path = urls::of(Kind::Page, &page.id);
            let at = self.at(&path);
            let mut context = tera::Context::new();
            context.insert("content", &self.body_html(&at, page));
            self.page(
                rendered,
                out,
                Page {
                    path: &path,
                    template: "page.html",
                    title: &page.meta.title,
                    origin: Some(page.file),
                },
                context,
            );
        }
    }
}
