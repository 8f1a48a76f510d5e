//! The boroughs a page's titles and addresses name: a page printed under
//! a title that names a borough ("Our visit to Borough A", "The Borough A
//! hub"), or published at an address that does
//! (`pages/borough-a-workshop.html`), is read as about that borough,
//! whatever it is: a free page, a code, a finding (whose page prints its
//! codes' titles under its own), the landing page. One rule for the
//! attribution checks, the gate and the hand-written counts. Where a
//! page's own front matter says its boroughs (a borough's report, a
//! pathway map, a finding's `boroughs:`), that is read as well,
//! elsewhere; this is only what its titles and addresses say.

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

/// The boroughs a page's titles and addresses name (see
/// [`named_boroughs`]).
#[derive(Debug, Default)]
pub(super) struct Named<'p> {
    /// By id, in the boroughs' order: those its titles or its addresses
    /// name.
    boroughs: Vec<&'p str>,
    /// An address shown on the page (`findings/borough-a-letters.html`,
    /// its own or a code's) that names a borough none of its titles name,
    /// and the file it is the address of.
    address: Option<(String, FileId)>,
}

/// The words of a page's address as a title is read: its id (its file's
/// name without `.md`, which the site publishes it under) with hyphens,
/// underscores, dots and slashes read as spaces (`borough-a-workshop` is
/// "borough a workshop"). The folder (`pages/`, `codebook/`) names no one.
pub fn address_words(id: &str) -> String {
    id.chars()
        .map(|c| match c {
            '-' | '_' | '.' | '/' | '+' | '~' => ' ',
            c => c,
        })
        .collect()
}

/// Where the site publishes the page of `kind` with `id`.
pub fn page_address(kind: Kind, id: &str) -> String {
    format!("{}/{id}.html", kind.folder())
}

/// For each page whose titles or addresses name boroughs, those boroughs
/// (by id, in the boroughs' order): its own title, printed above its body,
/// and for a finding the titles of its codes, printed under it ("Codes:
/// The Borough A hub"), and for a code its parent's ("Code in …"); and
/// the addresses of the same pages, which the menu, the address bar, a
/// link's status line and the printed page show as well as the titles
/// (`pages/borough-a-workshop.html`: red team, round 32), read as a title
/// is ([`address_words`]). Each title is read once.
pub(super) fn named_boroughs<'p>(site: &Site<'p>) -> FastMap<FileId, Named<'p>> {
    let project = site.project;
    let matchers = borough_matchers(project);
    let mut named: FastMap<String, Vec<&'p str>> = FastMap::default();
    let mut names = |title: &str| -> Vec<&'p str> {
        if let Some(found) = named.get(title) {
            return found.clone();
        }
        let found: Vec<&'p str> = matchers
            .iter()
            .filter(|(_, matcher)| !matcher.find(title).is_empty())
            .map(|&(id, _)| id)
            .collect();
        named.insert(title.to_string(), found.clone());
        found
    };
    let code_title = |id: &str| {
        site.lookup(Kind::Code, id)
            .map(|c| project.codes[c].meta.title.as_str())
    };
    let code_id = |id: &str| {
        site.lookup(Kind::Code, id).map(|c| {
            (
                Kind::Code,
                project.codes[c].id.as_str(),
                project.codes[c].file,
            )
        })
    };
    let mut about: FastMap<FileId, Named<'p>> = FastMap::default();
    let mut add = |file: FileId,
                   titles: &mut dyn Iterator<Item = &'p str>,
                   addresses: &mut dyn Iterator<Item = (Kind, &'p str, FileId)>| {
        let mut page = Named::default();
        for title in titles {
            for b in names(title) {
                if !page.boroughs.contains(&b) {
                    page.boroughs.push(b);
                }
            }
        }
        for (kind, id, of) in addresses {
            for b in names(&address_words(id)) {
                if !page.boroughs.contains(&b) {
                    page.boroughs.push(b);
                    page.address
                        .get_or_insert_with(|| (page_address(kind, id), of));
                }
            }
        }
        if !page.boroughs.is_empty() {
            about.insert(file, page);
        }
    };
    for page in &project.pages {
        add(
            page.file,
            &mut std::iter::once(page.meta.title.as_str()),
            &mut std::iter::once((Kind::Page, page.id.as_str(), page.file)),
        );
    }
    if let Some(landing) = &project.landing {
        add(
            landing.file,
            &mut std::iter::once(landing.meta.title.as_str()),
            &mut std::iter::empty(),
        );
    }
    for code in &project.codes {
        let parent = code.meta.parent.as_deref();
        add(
            code.file,
            &mut std::iter::once(code.meta.title.as_str()).chain(parent.and_then(code_title)),
            &mut std::iter::once((Kind::Code, code.id.as_str(), code.file))
                .chain(parent.and_then(code_id)),
        );
    }
    for finding in &project.findings {
        let codes = &finding.meta.codes;
        add(
            finding.file,
            &mut std::iter::once(finding.meta.title.as_str())
                .chain(codes.iter().filter_map(|id| code_title(id))),
            &mut std::iter::once((Kind::Finding, finding.id.as_str(), finding.file))
                .chain(codes.iter().filter_map(|id| code_id(id))),
        );
    }
    about
}

impl<'p> Site<'p> {
    /// The boroughs the titles printed on the page made from `file`, or
    /// the addresses shown on it, name (see [`named_boroughs`]); none for
    /// most pages.
    pub fn named_boroughs(&self, file: FileId) -> &[&'p str] {
        self.named.get(&file).map_or(&[], |n| n.boroughs.as_slice())
    }

    /// The address shown on the page made from `file` that names a
    /// borough none of its titles name, if one does, with the file it is
    /// the address of: a message then says that the address names it, not
    /// a title.
    pub fn naming_address(&self, file: FileId) -> Option<(&str, FileId)> {
        let (address, of) = self.named.get(&file)?.address.as_ref()?;
        Some((address, *of))
    }
}
