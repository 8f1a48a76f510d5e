//! Rendering: every page of the site from the resolved project and the
//! theme's templates, into memory, in parallel. Owns the list of pages and the
//! shared per-build data (navigation, each quote's HTML); the data of each
//! page is built in `pages`. Does not write to disk (that is `output`).

mod maps;
mod nav;
mod pages;
pub mod theme;
pub mod urls;
mod views;

use crate::diag::Diagnostic;
use crate::markdown;
use crate::model::{Doc, Kind};
use crate::resolve::Site;
use crate::source::FileId;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;
use theme::Theme;
use views::*;

/// The rendered site: file contents by site-relative path, and the source
/// file each page was made from (for messages about the output).
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeMap<String, Vec<u8>>,
    pub origins: BTreeMap<String, FileId>,
}

/// One page of the site to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Index,
    Borough(usize),
    Finding(usize),
    Findings,
    Quote(usize),
    Quotes,
    Code(usize, usize),
    Codebook,
    Matrix,
    Pathway(usize),
    Compare(usize),
    Pathways,
    Page(usize),
}

/// Where a page goes, with which template, and the data it shows.
struct Page {
    path: String,
    template: &'static str,
    title: String,
    origin: Option<FileId>,
    data: tera::Context,
}

/// One rendered page: its path, its source file, and its HTML or the problem.
type Rendering = (String, Option<FileId>, Result<String, Box<Diagnostic>>);

/// Renders the whole site. Template problems are diagnostics.
pub fn render(site: &Site, theme: &mut Theme, out: &mut Vec<Diagnostic>) -> Rendered {
    let title = nav::site_title(site);
    let globals = theme.tera.global_context();
    globals.insert("site_title", &title);
    globals.insert("nav", &nav::navigation(site));
    let renderer = Renderer::new(site, theme, title);
    // Each page's data is dropped as soon as it is rendered.
    let results: Vec<Rendering> = renderer
        .jobs()
        .into_par_iter()
        .map(|job| {
            let page = renderer.build(job);
            let (path, origin) = (page.path.clone(), page.origin);
            (path, origin, renderer.render_page(page))
        })
        .collect();
    let mut rendered = Rendered::default();
    for (path, origin, html) in results {
        match html {
            Ok(html) => {
                if let Some(file) = origin {
                    rendered.origins.insert(path.clone(), file);
                }
                rendered.files.insert(path, html.into_bytes());
            }
            Err(diagnostic) => out.push(*diagnostic),
        }
    }
    for (path, bytes) in &theme.statics {
        rendered
            .files
            .insert(format!("static/{path}"), bytes.clone());
    }
    rendered
}

/// What every page of one build shares.
struct Renderer<'s, 'p> {
    site: &'s Site<'p>,
    theme: &'s Theme,
    title: String,
    /// Published findings in title order.
    published: Vec<usize>,
    /// Each quote's body as HTML, at depth 0 and 1, rendered once.
    quote_html: Vec<[OnceLock<String>; 2]>,
    /// Published findings by (code, borough).
    code_findings: HashMap<(usize, usize), Vec<usize>>,
    /// Quotes placed in a borough, by (code, borough).
    code_quotes: HashMap<(usize, usize), Vec<usize>>,
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
    fn new(site: &'s Site<'p>, theme: &'s Theme, title: String) -> Renderer<'s, 'p> {
        let project = site.project;
        let published = site.published_findings();
        let mut code_findings: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for &f in &published {
            let meta = &project.findings[f].meta;
            for code in meta.codes.iter().filter_map(|c| site.lookup(Kind::Code, c)) {
                for borough in meta
                    .boroughs
                    .iter()
                    .filter_map(|b| site.lookup(Kind::Borough, b))
                {
                    code_findings.entry((code, borough)).or_default().push(f);
                }
            }
        }
        let mut code_quotes: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (q, quote) in project.quotes.iter().enumerate() {
            let Some(borough) = site
                .published_borough(q)
                .and_then(|b| site.lookup(Kind::Borough, b))
            else {
                continue;
            };
            for code in quote
                .meta
                .codes
                .iter()
                .filter_map(|c| site.lookup(Kind::Code, c))
            {
                code_quotes.entry((code, borough)).or_default().push(q);
            }
        }
        Renderer {
            site,
            theme,
            title,
            published,
            quote_html: (0..project.quotes.len())
                .map(|_| Default::default())
                .collect(),
            code_findings,
            code_quotes,
        }
    }

    fn jobs(&self) -> Vec<Job> {
        let project = self.site.project;
        let mut jobs = vec![
            Job::Index,
            Job::Findings,
            Job::Quotes,
            Job::Codebook,
            Job::Matrix,
            Job::Pathways,
        ];
        jobs.extend(self.site.borough_order.iter().map(|&b| Job::Borough(b)));
        jobs.extend(self.published.iter().map(|&f| Job::Finding(f)));
        jobs.extend((0..project.quotes.len()).map(Job::Quote));
        jobs.extend(
            self.site
                .code_tree()
                .into_iter()
                .map(|(c, depth)| Job::Code(c, depth)),
        );
        jobs.extend((0..project.pathways.len()).map(Job::Pathway));
        jobs.extend((0..self.site.pathway_types.len()).map(Job::Compare));
        jobs.extend((0..project.pages.len()).map(Job::Page));
        jobs
    }

    fn build(&self, job: Job) -> Page {
        match job {
            Job::Index => self.index(),
            Job::Borough(b) => self.borough(b),
            Job::Finding(f) => self.finding(f),
            Job::Findings => self.findings(),
            Job::Quote(q) => self.quote(q),
            Job::Quotes => self.quotes(),
            Job::Code(c, depth) => self.code(c, depth),
            Job::Codebook => self.codebook(),
            Job::Matrix => self.matrix(),
            Job::Pathway(p) => self.pathway(p),
            Job::Compare(t) => self.compare(t),
            Job::Pathways => self.pathways(),
            Job::Page(p) => self.free_page(p),
        }
    }

    fn render_page(&self, page: Page) -> Result<String, Box<Diagnostic>> {
        let mut context = page.data;
        context.insert("root", urls::root_of(&page.path).as_str());
        context.insert("current", page.path.as_str());
        context.insert("page_title", page.title.as_str());
        let canonical = self
            .site
            .project
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", page.path));
        context.insert("canonical", &canonical);
        self.theme
            .tera
            .render(page.template, &context)
            .map_err(|error| {
                let name = match error.kind() {
                    tera::ErrorKind::RenderingError(report) => report.filename().to_string(),
                    _ => page.template.to_string(),
                };
                let file = self.theme.template_files.get(&name).copied();
                Box::new(theme::template_error(&error, file, &name))
            })
    }

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
        let depth = usize::from(!at.root.is_empty());
        let html = self.quote_html[q][depth].get_or_init(|| self.body_html(at, quote));
        QuoteView {
            id: quote.id.clone(),
            url: format!("{}{}", at.root, urls::of(Kind::Quote, &quote.id)),
            html: html.clone(),
            attribution: self.site.attribution(q),
            source: quote.meta.source.map_or("", |s| s.label()).to_string(),
            borough: self
                .site
                .published_borough(q)
                .and_then(|b| at.link(Kind::Borough, b)),
            codes: at.links(Kind::Code, quote.meta.codes.iter().map(String::as_str)),
            findings: self.site.quote_findings[q]
                .iter()
                .map(|&f| at.finding_link(f))
                .collect(),
        }
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
}
