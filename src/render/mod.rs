//! Rendering: every page of the site from the resolved project and the
//! theme's templates, into memory, in parallel. Does not write to disk
//! (that is `output`) nor read what it made (that is the gate).
//!
//! - `run`: what every page of one render shares, and the pages made in
//!   parallel, template problems reported once per mistake;
//! - `pages`, `report`, `quote_list`, `codebook`: the data of each kind of
//!   page;
//! - `bodies`: bodies as HTML and quotes as template data, made once per
//!   depth and shared by the pages that show them;
//! - `links`, `views`, `coding`, `maps`, `nav`, `urls`: what templates see
//!   (links, page data, counts by code, map views, the menu, paths);
//! - `memo`: what serve mode keeps from one render to the next;
//! - `limits`: how much work one rendering of a template may do;
//! - [`theme`]: the templates and static files.

mod bodies;
mod codebook;
mod coding;
mod limits;
mod links;
mod maps;
mod memo;
mod nav;
mod pages;
mod quote_list;
mod report;
mod run;
pub mod theme;
pub mod urls;
mod views;

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::resolve::{BoroughIx, CodeIx, FindingIx, PathwayIx, PerFinding, QuoteIx, Site};
use crate::source::FileId;
use crate::tables;
use coding::Coding;
use links::{At, Links};
pub use memo::Memo;
use memo::Reused;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock};
use theme::Theme;

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
    /// The title of each file with an allowance and a page of its own, as
    /// its front matter writes it, which menus and listings show on other
    /// pages too (the gate finds it however a template prints it).
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

/// One page of the site to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Job {
    Index,
    Borough(BoroughIx),
    Finding(FindingIx),
    Findings,
    Quote(QuoteIx),
    /// A page of the quote list, from 1.
    Quotes(usize),
    Code(CodeIx, usize),
    Codebook,
    Matrix,
    Pathway(PathwayIx),
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
    tables::check::check_published_tables(site.project, &theme.tables, out);
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
    published: Vec<FindingIx>,
    /// Each body as HTML, by file, rendered once (or taken from the previous render).
    bodies: Reused<tera::Value>,
    /// Each quote's data for the templates, made once (or taken from the previous render).
    quotes: Reused<tera::Value>,
    /// Who is coded where, for every count of every page.
    coding: Coding,
    /// Each finding's body's first paragraph, its summary when it has no
    /// `summary:`, found when first shown.
    first_paragraphs: PerFinding<OnceLock<Option<&'p str>>>,
    /// The quote list in order: the quotes of each borough in menu order,
    /// then those placed in none.
    listed: Vec<Vec<QuoteIx>>,
    /// Quotes on each page of the list (all of them when not split).
    per_page: usize,
    /// The menu in each of its states (none if its partial failed, which is reported).
    menus: Option<nav::Menus>,
    /// Problems met while making the menu and quotes' figures, with what was being made.
    failed_pieces: Mutex<Vec<(Diagnostic, String)>>,
    /// Files with an allowance, with their titles as written, and their
    /// text as set on pages.
    allowing: FastMap<FileId, Option<String>>,
    fragments: Mutex<FastMap<FileId, BTreeSet<String>>>,
    titles: Mutex<FastMap<FileId, String>>,
}

/// Resolves entity links and embeds in a body rendered on one page.
struct PageLinks<'r, 's, 'p> {
    renderer: &'r Renderer<'s, 'p>,
    at: At<'s, 'p>,
}
