//! Rendering: every page of the site from the resolved project and the
//! theme's templates, into memory, in parallel. Owns the list of pages and the
//! shared per-build data (navigation, each quote's HTML); the data of each
//! page is built in `pages`. Does not write to disk (that is `output`).

mod maps;
mod nav;
mod pages;
mod report;
pub mod theme;
pub mod urls;
mod views;

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::markdown;
use crate::model::{Doc, Kind};
use crate::resolve::Site;
use crate::source::{FileId, Span};
use crate::tables;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};
use theme::Theme;
use views::*;

/// A generated file's contents, shared: serve mode keeps the pages of one
/// version and passes most of them on to the next.
pub type Contents = Arc<Vec<u8>>;

/// The rendered site: file contents by site-relative path, the source file
/// each page was made from (for messages about the output), and what the
/// next render may reuse.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub files: BTreeMap<String, Contents>,
    pub origins: BTreeMap<String, FileId>,
    /// The files whose bodies each page shows (besides its origin), for
    /// the disclosure gate.
    pub shows: FastMap<String, Box<[FileId]>>,
    /// The body of each file with an allowance as HTML, as it was set on
    /// pages, for the gate to allow the file's terms there and nowhere else.
    pub fragments: FastMap<FileId, BTreeSet<String>>,
    /// The title of each file with an allowance as a template prints it
    /// (escaped), which menus and listings show on other pages too.
    pub titles: FastMap<FileId, String>,
    pub memo: Memo,
}

impl Rendered {
    /// Puts `fresh`'s pages (rendered by [`rerender`] from this site's
    /// memo) in place of this site's, and takes back the memo's reusables.
    pub fn update(&mut self, fresh: Rendered) {
        self.files.extend(fresh.files);
        self.origins.extend(fresh.origins);
        self.shows.extend(fresh.shows);
        self.fragments.extend(fresh.fragments);
        self.titles.extend(fresh.titles);
        self.memo.bodies = fresh.memo.bodies;
        self.memo.quotes = fresh.memo.quotes;
    }

    /// The pages and their origins, without the memo (the pages are shared).
    pub fn pages(&self) -> Rendered {
        Rendered {
            files: self.files.clone(),
            origins: self.origins.clone(),
            shows: self.shows.clone(),
            fragments: self.fragments.clone(),
            titles: self.titles.clone(),
            memo: Memo::default(),
        }
    }
}

/// What one render leaves for the next (serve mode): for each source file,
/// the pages that show its body (rendered Markdown), and each body as HTML.
/// Everything else a page shows comes from front matter and the links
/// between files, so when only bodies change, only those pages can change,
/// and the other bodies' HTML is as it was.
#[derive(Debug, Default, Clone)]
pub struct Memo {
    pages: FastMap<FileId, BTreeSet<Job>>,
    paths: FastMap<Job, String>,
    bodies: Reused<tera::Value>,
    /// Each quote's data for the templates, by quote and depth.
    quotes: Reused<tera::Value>,
}

impl Memo {
    fn jobs_showing(&self, files: &[FileId]) -> BTreeSet<Job> {
        files
            .iter()
            .filter_map(|file| self.pages.get(file))
            .flatten()
            .copied()
            .collect()
    }
}

/// Something rendered once per file (or quote) and depth (0 for pages at
/// the site's root, 1 for pages in a folder: their links differ), kept with
/// the files whose bodies it shows, so a page using it notes them too.
#[derive(Debug, Clone)]
struct Made<T> {
    value: T,
    shows: BTreeSet<FileId>,
}

/// [`Made`] things by index and depth, each made once, and kept from one
/// render to the next while nothing they show has changed.
#[derive(Debug, Clone)]
struct Reused<T>(Vec<[OnceLock<Made<T>>; 2]>);

impl<T> Default for Reused<T> {
    fn default() -> Self {
        Reused(Vec::new())
    }
}

impl<T: Send> Reused<T> {
    /// Drops everything made, spread over the cores.
    fn free(self) {
        self.0.into_par_iter().with_min_len(1024).for_each(drop);
    }
}

impl<T: Clone> Reused<T> {
    fn new(len: usize) -> Reused<T> {
        Reused((0..len).map(|_| Default::default()).collect())
    }

    /// These but those that show any of `changed`, for `len` indices.
    fn without(mut self, changed: &[FileId], len: usize) -> Reused<T> {
        self.0.resize_with(len, Default::default);
        for slot in self.0.iter_mut().flatten() {
            if slot
                .get()
                .is_some_and(|made| changed.iter().any(|file| made.shows.contains(file)))
            {
                *slot = OnceLock::new();
            }
        }
        self
    }

    /// The thing at `index` and `depth`, made by `make` if it has not been,
    /// noting on the page being rendered the bodies it shows.
    fn get(&self, index: usize, depth: usize, make: impl FnOnce() -> T) -> T {
        let made = self.0[index][depth].get_or_init(|| {
            // What this shows is noted apart from the page's own list.
            let page = SHOWING.with(|showing| std::mem::take(&mut *showing.borrow_mut()));
            let value = make();
            let shows = SHOWING.with(|showing| std::mem::replace(&mut *showing.borrow_mut(), page));
            Made { value, shows }
        });
        SHOWING.with(|showing| showing.borrow_mut().extend(&made.shows));
        made.value.clone()
    }
}

thread_local! {
    /// The files whose bodies the page being rendered on this thread shows
    /// (a page is rendered on one thread from start to end).
    static SHOWING: RefCell<BTreeSet<FileId>> = const { RefCell::new(BTreeSet::new()) };
}

fn note_shown(file: FileId) {
    SHOWING.with(|showing| showing.borrow_mut().insert(file));
}

/// A template's problem, at the template (or partial) where it is.
fn template_failure(theme: &Theme, error: &tera::Error, template: &str) -> Box<Diagnostic> {
    let name = match error.kind() {
        tera::ErrorKind::RenderingError(report) => report.filename().to_string(),
        _ => template.to_string(),
    };
    let file = theme.template_files.get(&name).copied();
    Box::new(theme::template_error(error, file, &name))
}

/// The partial that draws one quote: made once per quote and depth, and
/// given to templates as the quote's `figure`.
const QUOTE_PARTIAL: &str = "partials/quote.html";

/// Whether a quote is set in quotation marks: words someone said are;
/// field notes and documents (whose text quotes what it quotes itself)
/// are not, nor is a body that already ends with a closing quotation mark
/// (a second one would be doubled).
fn quote_marks(quote: &crate::model::Quote, body: &str) -> bool {
    use crate::model::QuoteSource;
    let said = !matches!(
        quote.meta.source,
        Some(QuoteSource::FieldNotes | QuoteSource::Document)
    ) && (quote.meta.participant.is_some() || quote.meta.source.is_some());
    let closes = body
        .trim_end()
        .ends_with(['"', '\u{201D}', '\u{2019}', '\'']);
    said && !closes
}

/// A quote value's `figure` (empty if its partial failed, which is reported).
fn figure_of(quote: &tera::Value) -> &str {
    quote
        .get_from_path("figure")
        .and_then(tera::Value::as_str)
        .unwrap_or("")
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

/// One page of the site to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Job {
    Index,
    Borough(usize),
    Finding(usize),
    Findings,
    Quote(usize),
    /// A page of the quote list, from 1.
    Quotes(usize),
    Code(usize, usize),
    Codebook,
    Matrix,
    Pathway(usize),
    Compare(usize),
    Pathways,
    /// The accessibility statement.
    Accessibility,
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

/// One rendered page: its path, its source file, and its HTML, or the
/// problem.
type Rendering = (String, Option<FileId>, Result<Vec<u8>, Box<Diagnostic>>);

/// Renders the whole site. Template problems are diagnostics. With
/// `remember`, the result's memo lets [`rerender`] redo part of it later;
/// without, what the pages were made from is let go as soon as they are.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    remember: bool,
    out: &mut Vec<Diagnostic>,
) -> Rendered {
    let bodies = Reused::new(site.project.sources.len());
    let quotes = Reused::new(site.project.quotes.len());
    let links = Links::new(site);
    let renderer = Renderer::new(site, theme, &links, bodies, quotes);
    renderer.warn_of_a_list_without_pager(out);
    renderer.make_quotes();
    let jobs = renderer.jobs();
    let mut rendered = renderer.run(jobs, remember, out);
    for (path, bytes) in &theme.statics {
        rendered
            .files
            .insert(format!("static/{path}"), Arc::new(bytes.clone()));
    }
    rendered
}

/// Renders again only the pages of `previous` that show the body of one of
/// `changed`, taking the bodies and quotes it made (the returned site's memo
/// has them): the same pages, byte for byte, that [`render`] would give,
/// provided nothing but those files' bodies changed since `previous` was
/// rendered. Returns those pages alone.
pub fn rerender(
    site: &Site,
    theme: &mut Theme,
    previous: &mut Memo,
    changed: &[FileId],
    out: &mut Vec<Diagnostic>,
) -> Rendered {
    let bodies = std::mem::take(&mut previous.bodies).without(changed, site.project.sources.len());
    let quotes = std::mem::take(&mut previous.quotes).without(changed, site.project.quotes.len());
    let links = Links::new(site);
    let renderer = Renderer::new(site, theme, &links, bodies, quotes);
    renderer.warn_of_a_list_without_pager(out);
    let jobs = previous.jobs_showing(changed).into_iter().collect();
    renderer.run(jobs, true, out)
}

/// What every page of one build shares.
struct Renderer<'s, 'p> {
    site: &'s Site<'p>,
    /// Each borough's "Who took part", made once for all of them.
    borough_tables: OnceLock<BTreeMap<String, tables::Table>>,
    theme: &'s Theme,
    links: &'s Links,
    title: String,
    /// Published findings in list order: `order:`, then title.
    published: Vec<usize>,
    /// Each body as HTML, by file, rendered once (or taken from the previous render).
    bodies: Reused<tera::Value>,
    /// Each quote's data for the templates, made once (or taken from the previous render).
    quotes: Reused<tera::Value>,
    /// Who is coded where, for every count of every page.
    coding: Coding,
    /// The quote list in order: the quotes of each borough in menu order,
    /// then those placed in none.
    listed: Vec<Vec<usize>>,
    /// Quotes on each page of the list (all of them when not split).
    per_page: usize,
    /// The menu in each of its states (none if its partial failed, which is reported).
    menus: Option<nav::Menus>,
    /// Problems met while making the menu and quotes' figures, with what was being made.
    failed_pieces: Mutex<Vec<(Diagnostic, String)>>,
    /// Files with an allowance, and their text as set on pages.
    allowing: crate::hash::FastSet<FileId>,
    fragments: Mutex<FastMap<FileId, BTreeSet<String>>>,
    titles: Mutex<FastMap<FileId, String>>,
}

/// Resolves entity links and embeds in a body rendered on one page.
struct PageLinks<'r, 's, 'p> {
    renderer: &'r Renderer<'s, 'p>,
    at: At<'s, 'p>,
}

impl markdown::Links for PageLinks<'_, '_, '_> {
    fn href(&self, kind: Kind, id: &str) -> Option<String> {
        self.at.link(kind, id).map(|l| l.url().to_string())
    }

    fn title(&self, kind: Kind, id: &str) -> String {
        self.at.title(kind, id).unwrap_or_else(|| id.to_string())
    }

    fn embed(&self, kind: Kind, id: &str) -> String {
        let Some(index) = self.at.site.lookup(kind, id) else {
            return String::new();
        };
        match kind {
            // A quote set inside itself would never end, one too deep would
            // grow every page that shows it (an error already).
            Kind::Quote if self.at.site.quote_never_embedded[index] => String::new(),
            Kind::Quote => figure_of(&self.renderer.quote_value(&self.at, index)).to_string(),
            Kind::Pathway => {
                let mut context = tera::Context::new();
                context.insert("map", &maps::map_view(&self.at, index));
                context.insert("root", self.at.root);
                self.renderer
                    .theme
                    .tera
                    .render("partials/map.html", &context)
                    .unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    fn participant_table(&self, spec: &str) -> String {
        // A table that names no field is an error, reported by `resolve`.
        let Ok(parsed) = tables::Spec::parse(spec) else {
            return String::new();
        };
        let table = tables::table(
            &self.renderer.registry(),
            parsed,
            self.at.site.project.config.k,
        );
        let mut context = tera::Context::new();
        context.insert("table", &table);
        let renderer = self.renderer;
        renderer
            .theme
            .tera
            .render(tables::PARTIAL, &context)
            .unwrap_or_else(|error| {
                let diagnostic = *template_failure(renderer.theme, &error, tables::PARTIAL);
                let mut failed = renderer
                    .failed_pieces
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                failed.push((diagnostic, format!("the participant table `{spec}`")));
                String::new()
            })
    }
}

impl<'s, 'p> Renderer<'s, 'p> {
    fn new(
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
        let menus = nav::Menus::draw(&navigation, &theme.tera)
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
        let mut listed: Vec<Vec<usize>> = vec![Vec::new(); site.borough_order.len() + 1];
        let place: FastMap<usize, usize> = site
            .borough_order
            .iter()
            .enumerate()
            .map(|(place, &b)| (b, place))
            .collect();
        for q in 0..project.quotes.len() {
            // A quote placed in a borough without a page is not listed.
            match site.published_borough(q) {
                None => listed[site.borough_order.len()].push(q),
                Some(b) => {
                    if let Some(&place) = site.lookup(Kind::Borough, b).and_then(|b| place.get(&b))
                    {
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
            listed,
            per_page,
            menus,
            failed_pieces: Mutex::new(failed_pieces),
            borough_tables: OnceLock::new(),
            allowing: crate::anonymity::gate::allowances(site)
                .into_keys()
                .collect(),
            fragments: Mutex::default(),
            titles: Mutex::default(),
        }
    }

    /// Renders `jobs` in parallel, each page's data dropped as soon as it is
    /// rendered; with `remember`, noting which bodies each page shows and
    /// keeping what was made for them.
    fn run(self, jobs: Vec<Job>, remember: bool, out: &mut Vec<Diagnostic>) -> Rendered {
        let results: Vec<(Job, BTreeSet<FileId>, Rendering)> = jobs
            .into_par_iter()
            .map(|job| {
                SHOWING.with(|showing| showing.borrow_mut().clear());
                let page = self.build(job);
                let (path, origin) = (page.path.clone(), page.origin);
                if let Some(file) = origin.filter(|file| self.allowing.contains(file)) {
                    // The title as a template prints it (escaped).
                    let mut escaped = Vec::new();
                    let _ = tera::escape_html(&page.title, &mut escaped);
                    let escaped = String::from_utf8_lossy(&escaped).into_owned();
                    let mut titles = self.titles.lock().unwrap_or_else(|e| e.into_inner());
                    titles.insert(file, escaped);
                }
                let html = self.render_page(page).map(|mut html| {
                    // The buffer grew by doubling: give the slack back now,
                    // as the site is held whole until it is written.
                    html.shrink_to_fit();
                    html
                });
                let shown = SHOWING.with(|showing| std::mem::take(&mut *showing.borrow_mut()));
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
    fn warn_of_a_list_without_pager(&self, out: &mut Vec<Diagnostic>) {
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

    fn jobs(&self) -> Vec<Job> {
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
            Job::Quotes(number) => self.quotes(number),
            Job::Code(c, depth) => self.code(c, depth),
            Job::Codebook => self.codebook(),
            Job::Matrix => self.matrix(),
            Job::Pathway(p) => self.pathway(p),
            Job::Compare(t) => self.compare(t),
            Job::Pathways => self.pathways(),
            Job::Accessibility => self.accessibility(),
            Job::Page(p) => self.free_page(p),
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
        let mut html = Vec::with_capacity(8 * 1024);
        self.theme
            .tera
            .render_to(page.template, &context, &mut html)
            .map_err(|error| template_failure(self.theme, &error, page.template))?;
        Ok(html)
    }

    /// A borough report's participant table (src/tables/).
    fn borough_table(&self, borough: &str) -> tables::Table {
        let k = self.site.project.config.k;
        let all = self
            .borough_tables
            .get_or_init(|| tables::borough_tables(&self.registry(), k));
        all.get(borough)
            .cloned()
            .unwrap_or_else(|| tables::borough_table(&self.registry(), borough, k))
    }

    /// The participants a table counts, with the boroughs in menu order.
    fn registry(&self) -> tables::Registry<'p> {
        let project = self.site.project;
        let boroughs = self
            .site
            .borough_order
            .iter()
            .map(|&b| {
                let borough = &project.boroughs[b];
                (borough.id.as_str(), borough.meta.title.as_str())
            })
            .collect();
        tables::Registry::new(&project.participants, boroughs)
    }

    fn at(&self, page: &str) -> At<'s, 'p> {
        At {
            site: self.site,
            root: if page.contains('/') { "../" } else { "" },
            links: self.links,
        }
    }

    /// A body as HTML (template data, shared), noting on this page the
    /// bodies it shows.
    fn body_html<M>(&self, at: &At<'s, 'p>, doc: &Doc<M>) -> tera::Value {
        // Only entity links and embeds depend on where the page is; a body
        // without them is the same HTML at every depth, made once.
        let depth = usize::from(!at.root.is_empty() && !doc.refs.is_empty());
        let html = self.bodies.get(doc.file.0, depth, || {
            note_shown(doc.file);
            let text = &self.site.project.sources.text(doc.file)[doc.body.clone()];
            let links = PageLinks {
                renderer: self,
                at: *at,
            };
            markdown::to_html(text, &links).into()
        });
        if let Some(text) = html.as_str() {
            self.note_fragment(doc.file, || text.to_string());
        }
        html
    }

    /// Keeps `text` as set on a page, if `file` has an allowance.
    fn note_fragment(&self, file: FileId, text: impl FnOnce() -> String) {
        if self.allowing.contains(&file) {
            let mut fragments = self.fragments.lock().unwrap_or_else(|e| e.into_inner());
            fragments.entry(file).or_default().insert(text());
        }
    }

    /// Every quote's data for pages one folder down, made in parallel
    /// before the pages that show them (a code's page would otherwise make
    /// hundreds on one thread while the other cores wait). Pages at the top
    /// of the site show few quotes (the quote list's first page, a hundred
    /// by default) and make theirs as they go.
    fn make_quotes(&self) {
        let at = At {
            site: self.site,
            root: "../",
            links: self.links,
        };
        (0..self.site.project.quotes.len())
            .into_par_iter()
            .for_each(|q| {
                self.quote_value(&at, q);
            });
    }

    /// A quote's [`QuoteView`] as template data with its `figure`, made
    /// once per depth.
    fn quote_value(&self, at: &At<'s, 'p>, q: usize) -> tera::Value {
        let depth = usize::from(!at.root.is_empty());
        self.quotes.get(q, depth, || {
            let quote = tera::Value::from_serializable(&self.quote_view(at, q));
            self.with_figure(quote, at, q)
        })
    }

    /// `quote` with its `figure` field: the quote partial rendered for it,
    /// once, for every page that shows the quote (a partial sees only
    /// `quote` and `root`, so the figure is the same on all of them).
    fn with_figure(&self, quote: tera::Value, at: &At<'s, 'p>, q: usize) -> tera::Value {
        let mut context = tera::Context::new();
        context.insert_value("quote", quote);
        context.insert("root", at.root);
        let figure = self.theme.tera.render(QUOTE_PARTIAL, &context);
        let quote = context.remove("quote").unwrap_or_else(tera::Value::none);
        let figure = figure.unwrap_or_else(|error| {
            let id = &self.site.project.quotes[q].id;
            let diagnostic = (*template_failure(self.theme, &error, QUOTE_PARTIAL)).note(
                "a quote's partial is drawn once for every page that shows the quote, with only `quote` and `root` (and `site_title`)",
            );
            self.piece_failed(diagnostic, id);
            String::new()
        });
        let Some(mut fields) = quote.into_map() else {
            return tera::Value::none();
        };
        fields.insert("figure".into(), figure.into());
        fields.into()
    }

    /// Notes a problem met while making a quote's figure, to be reported
    /// once the pages are made.
    fn piece_failed(&self, diagnostic: Diagnostic, quote: &str) {
        let mut failed = self.failed_pieces.lock().unwrap_or_else(|e| e.into_inner());
        failed.push((diagnostic, format!("the figure of the quote {quote}")));
    }

    fn quote_view(&self, at: &At<'s, 'p>, q: usize) -> QuoteView {
        let quote = &self.site.project.quotes[q];
        let html = self.body_html(at, quote);
        QuoteView {
            id: quote.id.clone(),
            url: format!("{}{}", at.root, urls::of(Kind::Quote, &quote.id)),
            html,
            attribution: self.site.attribution(q),
            // A quote without a participant is attributed by its source
            // already ("Field notes, Borough A"): not named twice.
            source: match self.site.quote_participant[q] {
                Some(_) => quote.meta.source.map_or("", |s| s.label()).to_string(),
                None => String::new(),
            },
            marks: quote_marks(
                quote,
                &self.site.project.sources.text(quote.file)[quote.body.clone()],
            ),
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
