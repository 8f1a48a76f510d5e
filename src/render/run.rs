//! Making the pages of one render: the per-build data every page shares,
//! then each page in parallel (its data built by `pages` and `report`,
//! then drawn by its template), with template problems one per mistake.
//! Does not write anything.

use super::coding::Coding;
use super::links::{At, Link, Links};
use super::memo::{Reused, Shown};
use super::theme::{self, Theme};
use super::{Job, Page, Rendered, Renderer, Rendering, nav, urls, views};
use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::Kind;
use crate::resolve::{BoroughIx, PathwayIx, PerFinding, QuoteIx, Site};
use crate::source::{FileId, Span};
use crate::tables;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, OnceLock};

/// A template's problem, at the template (or partial) where it is.
pub(super) fn template_failure(
    theme: &Theme,
    error: &tera::Error,
    template: &str,
) -> Box<Diagnostic> {
    let name = match error.kind() {
        tera::ErrorKind::RenderingError(report) => report.filename().to_string(),
        _ => template.to_string(),
    };
    let file = theme.template_files.get(&name).copied();
    Box::new(theme::template_error(error, file, &name))
}

/// A mistake in a template stops everything made with it: one message per
/// mistake (the same place, or the same message where there is no place),
/// saying what it stopped, from `failures` (a problem and what it stopped
/// making, in order).
fn one_per_mistake(failures: Vec<(Diagnostic, String)>) -> Vec<Diagnostic> {
    let mut mistakes: Vec<(Diagnostic, Vec<String>)> = Vec::new();
    for (diagnostic, made) in failures {
        let same = mistakes.iter_mut().find(|(d, _)| {
            d.code == diagnostic.code
                && d.span == diagnostic.span
                && (d.span.is_some() || d.message == diagnostic.message)
        });
        match same {
            // A figure is made at two depths: one name is enough.
            Some((_, stopped)) if stopped.last() == Some(&made) => {}
            Some((_, stopped)) => stopped.push(made),
            None => mistakes.push((diagnostic, vec![made])),
        }
    }
    mistakes
        .into_iter()
        .map(|(diagnostic, stopped)| match stopped.as_slice() {
            [one] => diagnostic.note(format!("while making {one}")),
            [first, ..] => diagnostic.note(format!(
                "while making {first} and {} more",
                stopped.len() - 1
            )),
            [] => diagnostic,
        })
        .collect()
}

/// The files with an allowance, each with the title its front matter
/// gives it (which menus and lists print), if it has one (a quote has not).
fn allowing_titles(site: &Site) -> FastMap<FileId, Option<String>> {
    let project = site.project;
    let allowing = crate::anonymity::gate::allowances(site);
    let titles = (project.landing.iter().map(|d| (d.file, &d.meta.title)))
        .chain(project.boroughs.iter().map(|d| (d.file, &d.meta.title)))
        .chain(project.codes.iter().map(|d| (d.file, &d.meta.title)))
        .chain(project.findings.iter().map(|d| (d.file, &d.meta.title)))
        .chain(project.pathways.iter().map(|d| (d.file, &d.meta.title)))
        .chain(project.pages.iter().map(|d| (d.file, &d.meta.title)));
    let mut by_file: FastMap<FileId, Option<String>> =
        allowing.into_keys().map(|file| (file, None)).collect();
    for (file, title) in titles {
        if let Some(slot) = by_file.get_mut(&file) {
            *slot = Some(title.clone());
        }
    }
    by_file
}

impl<'s, 'p> Renderer<'s, 'p> {
    pub(super) fn new(
        site: &'s Site<'p>,
        theme: &'s mut Theme,
        links: &'s Links,
        bodies: Reused<tera::Value>,
        quotes: Reused<tera::Value>,
    ) -> Renderer<'s, 'p> {
        let title = nav::site_title(site);
        let navigation = nav::navigation(site);
        let globals = theme.tera.global_context();
        globals.insert("site_title", &title);
        globals.insert("paper", site.project.config.paper.css());
        globals.insert("report", &views::furniture(site));
        globals.insert("nav", &navigation);
        let theme = &*theme;
        let mut failed_pieces = Vec::new();
        let menus = nav::Menus::draw(&navigation, theme)
            .map_err(|error| {
                let diagnostic = template_failure(theme, &error, nav::MENU_PARTIAL);
                failed_pieces.push((*diagnostic, "the menu".to_string()));
            })
            .ok();
        let project = site.project;
        let mut published = site.published_findings();
        // Lists follow `order:` first, then the title (already sorted by).
        published.sort_by_key(|&f| project.findings[f].meta.order.unwrap_or(i64::MAX));
        let coding = Coding::new(site, &published);
        let mut listed: Vec<Vec<QuoteIx>> = vec![Vec::new(); site.borough_order.len() + 1];
        let place: FastMap<BoroughIx, usize> = site
            .borough_order
            .iter()
            .enumerate()
            .map(|(place, &b)| (b, place))
            .collect();
        for q in QuoteIx::all(project.quotes.len()) {
            // A quote placed in a borough without a page is not listed.
            match site.published_borough(q) {
                None => listed[site.borough_order.len()].push(q),
                Some(b) => {
                    if let Some(&place) = site.borough(b).and_then(|b| place.get(&b)) {
                        listed[place].push(q);
                    }
                }
            }
        }
        let per_page = match project.config.quotes_per_page {
            0 => project.quotes.len().max(1),
            n => n,
        };
        Renderer {
            site,
            theme,
            links,
            title,
            published,
            bodies,
            quotes,
            coding,
            first_paragraphs: PerFinding::from_fn(project.findings.len(), |_| OnceLock::new()),
            listed,
            per_page,
            menus,
            failed_pieces: Mutex::new(failed_pieces),
            borough_tables: OnceLock::new(),
            allowing: allowing_titles(site),
            fragments: Mutex::default(),
            titles: Mutex::default(),
        }
    }

    /// Renders `jobs` in parallel, each page's data dropped as soon as it is
    /// rendered; with `remember`, noting which bodies each page shows and
    /// keeping what was made for them.
    pub(super) fn run(self, jobs: Vec<Job>, remember: bool, out: &mut Vec<Diagnostic>) -> Rendered {
        let results: Vec<(Job, BTreeSet<FileId>, Rendering)> = jobs
            .into_par_iter()
            .map(|job| {
                let shown = Shown::default();
                let page = self.build(job, &shown);
                let shown = shown.into_files();
                let (path, origin) = (page.path.clone(), page.origin);
                // The title of an allowing file with a page of its own, as
                // written: the gate finds it however the site prints it.
                if let Some((file, title)) =
                    origin.and_then(|file| Some((file, self.allowing.get(&file)?.as_ref()?)))
                {
                    let mut titles = self.titles.lock().unwrap_or_else(|e| e.into_inner());
                    titles.insert(file, title.clone());
                }
                let html = self.render_page(page).map(|mut html| {
                    // The buffer grew by doubling: give the slack back now,
                    // as the site is held whole until it is written.
                    html.shrink_to_fit();
                    html
                });
                (job, shown, (path, origin, html))
            })
            .collect();
        let mut rendered = Rendered::default();
        // Pages that failed, by path, after the figures that failed (a
        // partial's mistake can stop both).
        let mut failures = self
            .failed_pieces
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        failures.sort_by(|a, b| a.1.cmp(&b.1));
        let (mut files, mut origins) = (Vec::with_capacity(results.len()), Vec::new());
        for (job, shown, (path, origin, html)) in results {
            match html {
                Ok(html) => {
                    if let Some(file) = origin {
                        origins.push((path.clone(), file));
                    }
                    if !shown.is_empty() {
                        let shows = shown.iter().copied().collect();
                        rendered.shows.insert(path.clone(), shows);
                    }
                    if remember {
                        for file in shown {
                            rendered.memo.pages.entry(file).or_default().insert(job);
                        }
                        rendered.memo.paths.insert(job, path.clone());
                    }
                    files.push((path, Arc::new(html)));
                }
                Err(diagnostic) => failures.push((*diagnostic, path)),
            }
        }
        // Sorted on every core and the trees built in one go: put in one
        // at a time, 60,000 paths took a tenth of the rendering.
        files.par_sort_by(|a, b| a.0.cmp(&b.0));
        origins.par_sort_by(|a, b| a.0.cmp(&b.0));
        rendered.files = files.into_iter().collect();
        rendered.origins = origins.into_iter().collect();
        out.extend(one_per_mistake(failures));
        rendered.fragments =
            std::mem::take(&mut *self.fragments.lock().unwrap_or_else(|e| e.into_inner()));
        rendered.titles =
            std::mem::take(&mut *self.titles.lock().unwrap_or_else(|e| e.into_inner()));
        if remember {
            rendered.memo.bodies = self.bodies;
            rendered.memo.quotes = self.quotes;
        } else {
            // Hundreds of thousands of small values: freed on every core.
            rayon::join(|| self.bodies.free(), || self.quotes.free());
        }
        rendered
    }

    /// A project's own quote list template written before the list was
    /// split shows only the first page's quotes: say so when it is split.
    pub(super) fn warn_of_a_list_without_pager(&self, out: &mut Vec<Diagnostic>) {
        let pages = self.quote_list_pages();
        let Some(&file) = self.theme.template_files.get("quotes.html") else {
            return;
        };
        if pages == 1 || self.site.project.sources.text(file).contains("pager") {
            return;
        }
        let per_page = self.per_page;
        out.push(
            Diagnostic::warning(
                "theme::no-pager",
                format!(
                    "the quote list is split over {pages} pages of {per_page} quotes, but this template does not link them: readers see only the first {per_page}"
                ),
            )
            .at(Span::file_start(file))
            .fix("add `{% if pager.count > 1 %}{% include \"partials/pager.html\" %}{% endif %}` where the page links should go, or set `quotes_per_page: 0` in evalsite.yaml to list every quote on one page"),
        );
    }

    pub(super) fn jobs(&self) -> Vec<Job> {
        let project = self.site.project;
        let mut jobs = vec![
            Job::Index,
            Job::Findings,
            Job::Codebook,
            Job::Matrix,
            Job::Pathways,
            Job::Accessibility,
        ];
        jobs.extend((1..=self.quote_list_pages()).map(Job::Quotes));
        jobs.extend(self.site.borough_order.iter().map(|&b| Job::Borough(b)));
        jobs.extend(self.published.iter().map(|&f| Job::Finding(f)));
        jobs.extend(QuoteIx::all(project.quotes.len()).map(Job::Quote));
        jobs.extend(
            self.site
                .code_tree()
                .into_iter()
                .map(|(c, depth)| Job::Code(c, depth)),
        );
        jobs.extend(PathwayIx::all(project.pathways.len()).map(Job::Pathway));
        jobs.extend((0..self.site.pathway_types.len()).map(Job::Compare));
        jobs.extend((0..project.pages.len()).map(Job::Page));
        jobs
    }

    fn build(&self, job: Job, shown: &Shown) -> Page {
        match job {
            Job::Index => self.index(shown),
            Job::Borough(b) => self.borough(b, shown),
            Job::Finding(f) => self.finding(f, shown),
            Job::Findings => self.findings(shown),
            Job::Quote(q) => self.quote(q, shown),
            Job::Quotes(number) => self.quotes(number, shown),
            Job::Code(c, depth) => self.code(c, depth, shown),
            Job::Codebook => self.codebook(shown),
            Job::Matrix => self.matrix(shown),
            Job::Pathway(p) => self.pathway(p, shown),
            Job::Compare(t) => self.compare(t, shown),
            Job::Pathways => self.pathways(shown),
            Job::Accessibility => self.accessibility(),
            Job::Page(p) => self.free_page(p, shown),
        }
    }

    fn render_page(&self, page: Page) -> Result<Vec<u8>, Box<Diagnostic>> {
        let mut context = page.data;
        context.insert("root", urls::root_of(&page.path).as_str());
        context.insert("current", page.path.as_str());
        let section = match context.get("section").and_then(tera::Value::as_str) {
            Some(section) => section.to_string(),
            None => {
                context.insert("section", page.path.as_str());
                page.path.clone()
            }
        };
        let menu = match &self.menus {
            Some(menus) => menus.of(usize::from(page.path.contains('/')), &section, &page.path),
            None => tera::Value::from(""),
        };
        context.insert_value("nav_html", menu);
        context.insert("page_title", &views::label(&page.title));
        let canonical = self
            .site
            .project
            .config
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", page.path));
        context.insert("canonical", &canonical);
        self.theme
            .render(page.template, &context)
            .map_err(|error| template_failure(self.theme, &error, page.template))
    }

    /// A borough report's participant table (src/tables/).
    pub(super) fn borough_table(&self, borough: &str) -> tables::Table {
        let k = self.site.project.config.k;
        let all = self
            .borough_tables
            .get_or_init(|| tables::borough_tables(&self.registry(), k));
        all.get(borough)
            .cloned()
            .unwrap_or_else(|| tables::borough_table(&self.registry(), borough, k))
    }

    /// The participants a table counts, with the boroughs in menu order.
    pub(super) fn registry(&self) -> tables::Registry<'p> {
        tables::Registry::of_project(self.site.project)
    }

    /// Links for the page at `page`, noting in `shown` the bodies it shows.
    pub(super) fn at<'a>(&'a self, page: &str, shown: &'a Shown) -> At<'a, 'p> {
        At {
            site: self.site,
            root: if page.contains('/') { "../" } else { "" },
            links: self.links,
            shown,
        }
    }

    /// Links to every borough, in menu order.
    pub(super) fn borough_links(&self, at: &At) -> Vec<Link> {
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
