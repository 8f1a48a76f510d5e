//! Where text hides in a project's files, scanned before rendering: bodies
//! (across inline markup and line breaks), front matter strings, file names
//! that become URLs, alt text, link targets, HTML comments and raw HTML, and
//! the roles in the participant registry. Applies each file's allowances.
//!
//! - this module: the [`Scanner`], every document scanned in parallel, an
//!   unchanged file's scan reused;
//! - `documents.rs`: one document's front matter, body, file name, and a
//!   quote's length;
//! - `yaml_files.rs`: the participant registry's roles, the settings, and YAML
//!   comments (warned about, not refused);
//! - `hits.rs`: what one text holds (listed terms unless allowed,
//!   structured identifiers, name-like words, participant ids);
//! - `messages.rs`: the diagnostics for a listed term or a pattern;
//! - `left_open.rs`: raw HTML that leaves an element or a comment open for
//!   the rest of the page (a `<script>` never closed).

mod documents;
pub(crate) use documents::entry_end;
mod hits;
mod left_open;
mod messages;
mod yaml_files;

use super::AllowanceUsed;
use super::identifiers::TermMatcher;
use super::participant_ids::ParticipantIds;
use crate::diag::Diagnostic;
use crate::hash::{FastMap, FastSet};
use crate::markdown::PlainText;
use crate::model::{Allowance, Doc, Kind};
use crate::resolve::{FindingIx, Site};
use crate::source::FileId;
use rayon::prelude::*;
use std::ops::Range;

/// For kinds with no check of their own beyond the scan.
fn nothing<M>(_: &Doc<M>, _: &str, _: &mut Found) {}

/// One file's text to scan, with what may be skipped in it.
struct Target<'a> {
    file: FileId,
    plain: PlainText,
    allowance: Option<&'a Allowance>,
    /// Where in the file the allowance reaches (its body and title, and
    /// the allowance itself); `None`: wherever the target was read from.
    reach: Option<Vec<Range<usize>>>,
    /// Source ranges not checked for participant ids (the `participant:` field).
    id_exempt: Vec<Range<usize>>,
}

pub struct Scanner<'s, 'p> {
    site: &'s Site<'p>,
    matcher: &'s TermMatcher,
    participant_ids: &'s ParticipantIds,
    /// What scanning each file found in the previous run, with the digest
    /// of the file then (serve mode; the caller drops it when the lists
    /// or settings every scan depends on have changed).
    previous: Option<&'s Scans>,
}

/// What scanning each file found, by file, with the file's digest.
pub type Scans = FastMap<FileId, (u64, Found)>;

/// Whether a file's scan below was reused from the previous run.
type Reused = bool;

/// What scanning some files found: problems, and the allowances that let a term through.
#[derive(Default, Clone)]
pub struct Found {
    pub out: Vec<Diagnostic>,
    pub allowances: Vec<AllowanceUsed>,
}

impl Found {
    fn merge(mut self, other: &Found) -> Found {
        self.out.extend(other.out.iter().cloned());
        self.allowances.extend(other.allowances.iter().cloned());
        self
    }
}

impl<'s, 'p> Scanner<'s, 'p> {
    pub fn new(
        site: &'s Site<'p>,
        matcher: &'s TermMatcher,
        participant_ids: &'s ParticipantIds,
        previous: Option<&'s Scans>,
    ) -> Self {
        Scanner {
            site,
            matcher,
            participant_ids,
            previous,
        }
    }

    /// Scans every published file, in parallel, reusing the previous scan of
    /// each unchanged file; allowances come back sorted. Also returns what
    /// was found in each file, for the next run.
    pub fn scan_all(&self) -> (Found, Scans, usize) {
        let project = self.site.project;
        let site = self.site;
        let all = |_: usize| Scope::Whole;
        let mut scans: Vec<(FileId, u64, Found, Reused)> = Vec::new();
        if let Some(landing) = &project.landing {
            let one = std::slice::from_ref(landing);
            scans.extend(self.scan_kind(one, |m| m.anonymity.as_ref(), all, nothing));
        }
        scans.extend(self.scan_kind(&project.boroughs, |m| m.anonymity.as_ref(), all, nothing));
        scans.extend(self.scan_kind(&project.codes, |m| m.anonymity.as_ref(), all, nothing));
        scans.extend(self.scan_kind(
            &project.quotes,
            |m| m.anonymity.as_ref(),
            all,
            |doc, body, found| self.check_length(doc, body, &mut found.out),
        ));
        let titled = titled_drafts(site);
        let finding = |i: usize| match site.is_published_finding(FindingIx(i)) {
            true => Scope::Whole,
            false if titled.contains(&i) => Scope::FrontMatter,
            false => Scope::Skip,
        };
        scans.extend(self.scan_kind(
            &project.findings,
            |m| m.anonymity.as_ref(),
            finding,
            |doc, _, found| {
                let text = project.sources.text(doc.file);
                left_open::check_summary(doc, text, &mut found.out);
            },
        ));
        scans.extend(self.scan_kind(&project.pathways, |m| m.anonymity.as_ref(), all, nothing));
        scans.extend(self.scan_kind(&project.pages, |m| m.anonymity.as_ref(), all, nothing));
        let mut found = scans
            .iter()
            .fold(Found::default(), |all, (_, _, one, _)| all.merge(one));
        let scanned = scans.iter().filter(|(.., reused)| !reused).count();
        self.scan_registry(&mut found);
        self.scan_settings(&mut found);
        found.allowances.sort();
        found.allowances.dedup();
        let scans = scans
            .into_iter()
            .map(|(file, digest, one, _)| (file, (digest, one)))
            .collect();
        (found, scans, scanned)
    }

    /// Each kept document's scan, with its file's digest.
    fn scan_kind<M: Sync>(
        &self,
        docs: &[Doc<M>],
        allowance: impl Fn(&M) -> Option<&Allowance> + Sync,
        scope: impl Fn(usize) -> Scope + Sync,
        extra: impl Fn(&Doc<M>, &str, &mut Found) + Sync,
    ) -> Vec<(FileId, u64, Found, Reused)> {
        docs.par_iter()
            .enumerate()
            .filter_map(|(i, doc)| match scope(i) {
                Scope::Skip => None,
                whole_or_not => Some((doc, whole_or_not == Scope::Whole)),
            })
            .map(|(doc, whole)| {
                let digest = self.site.project.sources.get(doc.file).digest();
                let before = self.previous.and_then(|scans| scans.get(&doc.file));
                match before {
                    Some((then, found)) if *then == digest => {
                        (doc.file, digest, found.clone(), true)
                    }
                    _ => {
                        let mut found = Found::default();
                        let allowance = allowance(&doc.meta);
                        let (plain, body) = self.scan_doc(doc, allowance, whole, &mut found);
                        if whole {
                            extra(doc, &plain.text[body..], &mut found);
                        }
                        (doc.file, digest, found, false)
                    }
                }
            })
            .collect()
    }
}

/// How much of a file is published, so read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Skip,
    Whole,
    /// A draft finding left out of the build whose title a published page
    /// prints (a link to it written without words).
    FrontMatter,
}

/// The draft findings, left out of this build, that a published file links
/// without words: the link prints the draft's title.
fn titled_drafts(site: &Site) -> FastSet<usize> {
    let project = site.project;
    let published =
        |kind: Kind, i: usize| kind != Kind::Finding || site.is_published_finding(FindingIx(i));
    let refs = project
        .landing
        .iter()
        .map(|d| (Kind::Page, 0, &d.refs))
        .chain(
            project
                .boroughs
                .iter()
                .enumerate()
                .map(|(i, d)| (Kind::Borough, i, &d.refs)),
        )
        .chain(
            project
                .codes
                .iter()
                .enumerate()
                .map(|(i, d)| (Kind::Code, i, &d.refs)),
        )
        .chain(
            project
                .quotes
                .iter()
                .enumerate()
                .map(|(i, d)| (Kind::Quote, i, &d.refs)),
        )
        .chain(
            project
                .findings
                .iter()
                .enumerate()
                .map(|(i, d)| (Kind::Finding, i, &d.refs)),
        )
        .chain(
            project
                .pathways
                .iter()
                .enumerate()
                .map(|(i, d)| (Kind::Pathway, i, &d.refs)),
        )
        .chain(
            project
                .pages
                .iter()
                .enumerate()
                .map(|(i, d)| (Kind::Page, i, &d.refs)),
        );
    refs.filter(|&(kind, i, _)| published(kind, i))
        .flat_map(|(.., refs)| refs)
        .filter(|r| r.kind == Kind::Finding && r.untitled)
        .filter_map(|r| site.lookup(Kind::Finding, &r.id))
        .filter(|&f| !site.is_published_finding(FindingIx(f)))
        .collect()
}

#[cfg(test)]
mod tests;
