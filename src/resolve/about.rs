//! The boroughs a page's titles name: a page printed under a title that
//! names a borough ("Our visit to Borough A", "The Borough A hub") is read
//! as about that borough, whatever it is: a free page, a code, a finding
//! (whose page prints its codes' titles under its own), the landing page.
//! One rule for the attribution checks, the gate and the hand-written
//! counts. Where a page's own front matter says its boroughs (a borough's
//! report, a pathway map, a finding's `boroughs:`), that is read as well,
//! elsewhere; this is only what its titles say.

use super::Site;
use crate::anonymity::identifiers::TermMatcher;
use crate::hash::FastMap;
use crate::model::{Identifiers, Kind};
use crate::source::FileId;

/// A borough's title read as a listed place is: in any case, across a
/// line break, with a possessive ("Borough A's practices").
pub fn borough_matcher(title: &str) -> TermMatcher {
    TermMatcher::new(&Identifiers {
        places: vec![title.to_string()],
        ..Default::default()
    })
}

/// Each borough's title as a term, by borough id (boroughs without a
/// title cannot be named by one).
pub fn borough_matchers(project: &crate::parse::Project) -> Vec<(&str, TermMatcher)> {
    project
        .boroughs
        .iter()
        .filter(|b| !b.meta.title.trim().is_empty())
        .map(|b| (b.id.as_str(), borough_matcher(&b.meta.title)))
        .collect()
}

/// For each page whose titles name boroughs, those boroughs (by id, in
/// the boroughs' order): its own title, printed above its body, and for a
/// finding the titles of its codes, printed under it ("Codes: The Borough
/// A hub"), and for a code its parent's ("Code in …"). Each title is read
/// once.
pub(super) fn title_boroughs<'p>(site: &Site<'p>) -> FastMap<FileId, Vec<&'p str>> {
    let project = site.project;
    let matchers = borough_matchers(project);
    let mut named: FastMap<&str, Vec<&'p str>> = FastMap::default();
    let mut names = |title: &'p str| -> Vec<&'p str> {
        named
            .entry(title)
            .or_insert_with(|| {
                matchers
                    .iter()
                    .filter(|(_, matcher)| !matcher.find(title).is_empty())
                    .map(|&(id, _)| id)
                    .collect()
            })
            .clone()
    };
    let code_title = |id: &str| {
        site.lookup(Kind::Code, id)
            .map(|c| project.codes[c].meta.title.as_str())
    };
    let mut about: FastMap<FileId, Vec<&'p str>> = FastMap::default();
    let mut add = |file: FileId, titles: &mut dyn Iterator<Item = &'p str>| {
        let mut boroughs: Vec<&'p str> = Vec::new();
        for title in titles {
            for b in names(title) {
                if !boroughs.contains(&b) {
                    boroughs.push(b);
                }
            }
        }
        if !boroughs.is_empty() {
            about.insert(file, boroughs);
        }
    };
    for page in &project.pages {
        add(page.file, &mut std::iter::once(page.meta.title.as_str()));
    }
    if let Some(landing) = &project.landing {
        add(
            landing.file,
            &mut std::iter::once(landing.meta.title.as_str()),
        );
    }
    for code in &project.codes {
        let parent = code.meta.parent.as_deref().and_then(code_title);
        add(
            code.file,
            &mut std::iter::once(code.meta.title.as_str()).chain(parent),
        );
    }
    for finding in &project.findings {
        let codes = finding.meta.codes.iter().filter_map(|id| code_title(id));
        add(
            finding.file,
            &mut std::iter::once(finding.meta.title.as_str()).chain(codes),
        );
    }
    about
}

impl<'p> Site<'p> {
    /// The boroughs the titles printed on the page made from `file` name
    /// (see [`title_boroughs`]); none for most pages.
    pub fn title_boroughs(&self, file: FileId) -> &[&'p str] {
        self.titled.get(&file).map_or(&[], Vec::as_slice)
    }
}
