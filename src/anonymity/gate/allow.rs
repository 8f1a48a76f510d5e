//! Allowances: a term an allowance lets through is allowed only in the
//! text of the file that has it ([`allowed_here`]), and what a page's
//! allowances depend on, for the preview's memory of what passed.

use super::{Look, read, shown};
use crate::anonymity::Checked;
use crate::anonymity::identifiers::normalise;
use crate::hash::FastMap;
use crate::model::Allowance;
use crate::render::Rendered;
use crate::resolve::Site;
use crate::source::FileId;
use std::hash::{Hash, Hasher};

/// Every term allowed, normalised, by the file that allows it.
pub fn allowances(site: &Site) -> FastMap<FileId, Vec<String>> {
    let project = site.project;
    let mut by_file: FastMap<FileId, Vec<String>> = FastMap::default();
    let mut add = |file: FileId, allowance: Option<&Allowance>| {
        if let Some(allowance) = allowance
            && !allowance.allow.is_empty()
        {
            let terms = allowance.allow.iter().map(|t| normalise(t));
            by_file.entry(file).or_default().extend(terms);
        }
    };
    if let Some(d) = &project.landing {
        add(d.file, d.meta.anonymity.as_ref());
    }
    project
        .boroughs
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .codes
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .quotes
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .findings
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .pathways
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    project
        .pages
        .iter()
        .for_each(|d| add(d.file, d.meta.anonymity.as_ref()));
    by_file
}

/// What every page's allowances depend on: the titles of the files with
/// an allowance (menus and listings print them on any page).
pub(super) fn titles_digest(rendered: &Rendered, checked: &Checked) -> u64 {
    let mut titles: Vec<_> = rendered
        .titles
        .iter()
        .filter(|(file, _)| checked.allowed.contains_key(file))
        .collect();
    titles.sort();
    let mut hasher = rustc_hash::FxHasher::default();
    titles.hash(&mut hasher);
    hasher.finish()
}

/// What the page's allowances depend on: the titles digest, and the body
/// of each allowing file it shows.
pub(super) fn context_of(rendered: &Rendered, checked: &Checked, path: &str, titles: u64) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    titles.hash(&mut hasher);
    for file in shown(rendered, path) {
        if checked.allowed.contains_key(&file) {
            file.hash(&mut hasher);
            rendered.fragments.get(&file).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Whether every occurrence of the allowed `term` on a page lies in the
/// text of a file that allows it: the page is read again with each copy of
/// those files' text on it (their bodies as rendered, their titles) cut
/// out, and the term must then be found nowhere. What a template prints,
/// or another file writes (with a character reference, say), is outside
/// those copies and is still read.
pub(super) fn allowed_here(
    look: &Look,
    checked: &Checked,
    rendered: &Rendered,
    path: &str,
    bytes: &[u8],
    term: &str,
) -> bool {
    let Ok(page) = std::str::from_utf8(bytes) else {
        return false;
    };
    let allows = |file: &FileId| {
        checked
            .allowed
            .get(file)
            .is_some_and(|terms| terms.iter().any(|t| t == term))
    };
    // The bodies of the allowing files this page shows, and their titles
    // (which menus and listings print on any page).
    let bodies = shown(rendered, path)
        .into_iter()
        .filter(allows)
        .flat_map(|file| rendered.fragments.get(&file).into_iter().flatten());
    let titles = rendered
        .titles
        .iter()
        .filter(|(file, _)| allows(file))
        .map(|(_, title)| title);
    let mut fragments: Vec<&str> = bodies
        .chain(titles)
        .map(String::as_str)
        .filter(|f| !f.is_empty())
        .collect();
    if fragments.is_empty() {
        return false;
    }
    // Longest first, so a copy inside another is cut with it.
    fragments.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let mut cut = page.to_string();
    for fragment in fragments {
        if cut.contains(fragment) {
            cut = cut.replace(fragment, " \u{b6} ");
        }
    }
    let mut texts = look.texts();
    if read(path, cut.as_bytes(), &mut texts).is_err() {
        return false;
    }
    !look
        .find(&texts)
        .iter()
        .any(|hit| hit.term.iter().any(|t| t == term))
}
