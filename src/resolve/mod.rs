//! Connecting the entities: the index of ids, every reference checked (front
//! matter and bodies, with a suggestion for near misses), the codebook tree,
//! each quote's borough, which findings cite which quotes, and backlinks.
//! Produces [`Site`], which the checks and the renderer read; does not render.
//!
//! - this module: [`Site`], the index of ids, and [`resolve`], the order of it all;
//! - `checker.rs`: every reference checked, with a suggestion for near misses;
//! - `links.rs`: each quote's participant and borough, findings and their quotes;
//! - `order.rs`: the codebook tree, boroughs and pathway maps in menu order;
//! - `cycles.rs`: quotes that embed themselves, or too deep;
//! - `about.rs`: the boroughs a page's titles name, and so what it is about;
//! - `attribution.rs`: what a reader is told of who said a quote, and where;
//! - `counts.rs`: the one rule for every published count but the
//!   participant tables: where a quote is counted;
//! - `depth.rs`: how deep codes and embeds go;
//! - `ix.rs`: typed indexes of quotes, findings, participants, codes,
//!   boroughs and pathway maps, and lists indexed by them.

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::*;
use crate::parse::Project;
use std::collections::BTreeMap;

mod about;
mod attribution;
mod checker;
pub use about::{address_words, borough_matcher, borough_matchers, page_address};
pub use checker::Memo;
mod counts;
mod cycles;
mod depth;
mod ix;
mod links;
mod order;
pub use counts::counted_borough;
pub use depth::{MAX_CODE_DEPTH, MAX_EMBED_DEPTH};
pub use ix::{
    BoroughIx, CodeIx, FindingIx, IxVec, ParticipantIx, PathwayIx, PerFinding, PerQuote, QuoteIx,
};

use checker::Checker;
use cycles::quote_embed_cycles;
use links::{link_findings, quote_boroughs, quote_participants};
pub use order::borough_order;
use order::{order_boroughs_and_pathways, order_codes};

/// The project with its cross-references resolved.
#[derive(Debug)]
pub struct Site<'p> {
    pub project: &'p Project,
    pub include_drafts: bool,
    ids: FastMap<Kind, FastMap<&'p str, usize>>,
    /// Each quote's borough id (its participant's, or its own `borough:`).
    pub quote_borough: PerQuote<Option<&'p str>>,
    /// Each quote's participant in the registry.
    pub quote_participant: PerQuote<Option<ParticipantIx>>,
    /// For each quote, the published findings that cite it (front matter or embed).
    pub quote_findings: PerQuote<Vec<FindingIx>>,
    /// For each finding, its evidence quotes: listed, then embedded, no repeats.
    pub finding_quotes: PerFinding<Vec<QuoteIx>>,
    /// For each finding, the published findings and pages whose bodies link
    /// to it, each by its kind and its index in that kind's list.
    pub finding_backlinks: PerFinding<Vec<(Kind, usize)>>,
    /// Codebook children by parent index; roots under `None`, sorted by order then title.
    pub code_children: BTreeMap<Option<CodeIx>, Vec<CodeIx>>,
    /// Boroughs in display order.
    pub borough_order: Vec<BoroughIx>,
    /// Pathway types in first-seen order, with their pathways in borough order.
    pub pathway_types: Vec<(String, Vec<PathwayIx>)>,
    /// Quotes never set in place, each an error: those that embed themselves,
    /// directly or through other quotes (the text would never end), and those
    /// holding quotes more than [`MAX_EMBED_DEPTH`] deep.
    pub quote_never_embedded: PerQuote<bool>,
    /// The boroughs the titles printed on a page and the addresses shown
    /// on it name, by the page's file (see [`Site::named_boroughs`]).
    named: FastMap<crate::source::FileId, about::Named<'p>>,
}

impl<'p> Site<'p> {
    /// Index of an entity by kind and id.
    pub fn lookup(&self, kind: Kind, id: &str) -> Option<usize> {
        self.ids.get(&kind)?.get(id).copied()
    }

    /// The title entity `i` of `kind` is shown by, which a link to it
    /// written without text prints: a quote's is its attribution.
    pub fn title_of(&self, kind: Kind, i: usize) -> String {
        let project = self.project;
        match kind {
            Kind::Borough => project.boroughs[i].meta.title.clone(),
            Kind::Code => project.codes[i].meta.title.clone(),
            Kind::Quote => format!("Quote: {}", self.attribution(QuoteIx(i))),
            Kind::Finding => project.findings[i].meta.title.clone(),
            Kind::Pathway => project.pathways[i].meta.title.clone(),
            Kind::Page => project.pages[i].meta.title.clone(),
            Kind::Landing => project
                .landing
                .as_ref()
                .map_or_else(String::new, |l| l.meta.title.clone()),
        }
    }

    /// The quote with id `id`.
    pub fn quote(&self, id: &str) -> Option<QuoteIx> {
        self.lookup(Kind::Quote, id).map(QuoteIx)
    }

    /// The finding with id `id`.
    pub fn finding(&self, id: &str) -> Option<FindingIx> {
        self.lookup(Kind::Finding, id).map(FindingIx)
    }

    /// The code with id `id`.
    pub fn code(&self, id: &str) -> Option<CodeIx> {
        self.lookup(Kind::Code, id).map(CodeIx)
    }

    /// The borough with id `id`.
    pub fn borough(&self, id: &str) -> Option<BoroughIx> {
        self.lookup(Kind::Borough, id).map(BoroughIx)
    }

    pub fn is_published_finding(&self, finding: FindingIx) -> bool {
        self.include_drafts || self.project.findings[finding].meta.status == Status::Final
    }

    /// Published findings, in title order.
    pub fn published_findings(&self) -> Vec<FindingIx> {
        let findings = &self.project.findings;
        let mut list: Vec<FindingIx> = FindingIx::all(findings.len())
            .filter(|&f| self.is_published_finding(f))
            .collect();
        list.sort_by(|&a, &b| findings[a].meta.title.cmp(&findings[b].meta.title));
        list
    }

    /// Whether `kind:id` names a published page of the site.
    pub fn is_published(&self, kind: Kind, id: &str) -> bool {
        match self.lookup(kind, id) {
            Some(i) if kind == Kind::Finding => self.is_published_finding(FindingIx(i)),
            Some(_) => true,
            None => false,
        }
    }

    /// All codes in tree order (depth first), with their depth.
    pub fn code_tree(&self) -> Vec<(CodeIx, usize)> {
        let mut out = Vec::new();
        self.walk_codes(None, 0, &mut out);
        out
    }

    fn walk_codes(&self, parent: Option<CodeIx>, depth: usize, out: &mut Vec<(CodeIx, usize)>) {
        for &child in self.code_children.get(&parent).into_iter().flatten() {
            out.push((child, depth));
            self.walk_codes(Some(child), depth + 1, out);
        }
    }

    /// The top-level theme a code belongs to.
    pub fn code_root(&self, mut code: CodeIx) -> CodeIx {
        let mut steps = 0;
        while let Some(parent) = self.code_parent(code) {
            code = parent;
            steps += 1;
            if steps > self.project.codes.len() {
                break;
            }
        }
        code
    }

    pub fn code_parent(&self, code: CodeIx) -> Option<CodeIx> {
        let parent = self.project.codes[code].meta.parent.as_deref()?;
        self.code(parent)
    }

    /// A code and all codes under it.
    pub fn code_with_descendants(&self, code: CodeIx) -> Vec<CodeIx> {
        let mut out = vec![code];
        let mut next = 0;
        while next < out.len() {
            let children = self.code_children.get(&Some(out[next])).cloned();
            out.extend(children.into_iter().flatten());
            next += 1;
        }
        out
    }
}

/// Reports the references of `site` that point nowhere and the
/// hand-written counts that do not match, reusing `memo`'s counts. Reads
/// only the project, its ids and the boroughs titles name, so it may run
/// beside the later stages.
pub fn check(site: &Site, memo: Option<&mut Memo>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    Checker { site }.check_all(memo, &mut out);
    out
}

fn index_of<M>(docs: &[Doc<M>]) -> FastMap<&str, usize> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect()
}

/// Resolves every reference in `project`. Those that point nowhere, and
/// the hand-written counts, are reported by [`check`].
pub fn resolve<'p>(
    project: &'p Project,
    include_drafts: bool,
    out: &mut Vec<Diagnostic>,
) -> Site<'p> {
    let mut ids = FastMap::default();
    ids.insert(Kind::Borough, index_of(&project.boroughs));
    ids.insert(Kind::Code, index_of(&project.codes));
    ids.insert(Kind::Quote, index_of(&project.quotes));
    ids.insert(Kind::Finding, index_of(&project.findings));
    ids.insert(Kind::Pathway, index_of(&project.pathways));
    ids.insert(Kind::Page, index_of(&project.pages));
    let mut site = Site {
        project,
        include_drafts,
        ids,
        quote_borough: PerQuote::default(),
        quote_participant: PerQuote::default(),
        quote_findings: PerQuote::filled(project.quotes.len(), Vec::new()),
        finding_quotes: PerFinding::filled(project.findings.len(), Vec::new()),
        finding_backlinks: PerFinding::filled(project.findings.len(), Vec::new()),
        code_children: BTreeMap::new(),
        borough_order: Vec::new(),
        pathway_types: Vec::new(),
        quote_never_embedded: PerQuote::default(),
        named: FastMap::default(),
    };
    site.named = about::named_boroughs(&site);
    site.quote_participant = quote_participants(project);
    site.quote_borough = quote_boroughs(project, &site.quote_participant);
    link_findings(&mut site);
    order_codes(&mut site, out);
    order_boroughs_and_pathways(&mut site);
    site.quote_never_embedded = quote_embed_cycles(&site, out);
    site
}
