//! Serve mode's memory of each file's parse: an unchanged file's entity is
//! lent to the next run's project and given back when that run ends, never
//! copied; the registry and the identifiers list are kept by digest.

use super::{Parsed, Project};
use crate::diag::Diagnostic;
use crate::model::{Identifiers, Participant};
use crate::source::{FileId, Sources};

/// Each Markdown file's parse from the previous run, by file. A file parses
/// on its own (its kind and id come from its name), so an unchanged file's
/// parse is reused as is: its entity is lent to the run's project and
/// given back when the run ends ([`Memo::keep`]), never copied.
#[derive(Default)]
pub struct Memo {
    /// By file id.
    pub(super) docs: Vec<Option<KeptDoc>>,
    /// The participant registry's parse, and the identifiers list's, by
    /// file and digest (2,000 names take longer to read than to copy).
    pub(super) participants: Option<Kept<Vec<Participant>>>,
    pub(super) identifiers: Option<Kept<Identifiers>>,
    /// How many files the last run parsed rather than reused.
    pub parsed: usize,
}

/// One Markdown file's parse, kept between runs.
pub(super) struct KeptDoc {
    /// The digest of the file it was made from.
    pub(super) digest: u64,
    /// The entity: `None` while the project has it (or if it never came
    /// back, when a run stopped early), or when there was none.
    pub(super) doc: Option<Parsed>,
    /// The file gave no entity (its problems say why).
    pub(super) failed: bool,
    pub(super) found: Vec<Diagnostic>,
}

impl Memo {
    /// Takes back the entities of the run's project (after the run is done
    /// with it), for the next run to reuse.
    pub fn keep(&mut self, project: Project) {
        let Project {
            landing,
            boroughs,
            codes,
            quotes,
            findings,
            pathways,
            pages,
            ..
        } = project;
        let docs = landing
            .map(|d| (d.file, Parsed::Landing(d)))
            .into_iter()
            .chain(boroughs.into_iter().map(|d| (d.file, Parsed::Borough(d))))
            .chain(codes.into_iter().map(|d| (d.file, Parsed::Code(d))))
            .chain(quotes.into_iter().map(|d| (d.file, Parsed::Quote(d))))
            .chain(findings.into_iter().map(|d| (d.file, Parsed::Finding(d))))
            .chain(pathways.into_iter().map(|d| (d.file, Parsed::Pathway(d))))
            .chain(pages.into_iter().map(|d| (d.file, Parsed::Page(d))));
        for (file, doc) in docs {
            if let Some(Some(kept)) = self.docs.get_mut(file.0) {
                kept.doc = Some(doc);
            }
        }
    }
}

/// A whole-file parse kept for the next run: the file and digest it was
/// made from, what it gave and the problems it found.
pub(super) type Kept<T> = (FileId, u64, T, Vec<Diagnostic>);

/// `parse`'s result for `file`, taken from `kept` when made from the same
/// file with the same text, and kept there for the next run.
pub(super) fn reuse_or<T: Clone>(
    kept: Option<&mut Option<Kept<T>>>,
    file: FileId,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
    parse: impl FnOnce(&mut Vec<Diagnostic>) -> T,
) -> T {
    let Some(kept) = kept else {
        return parse(out);
    };
    let digest = sources.get(file).digest();
    if let Some((then, then_digest, value, found)) = kept.as_ref()
        && *then == file
        && *then_digest == digest
    {
        out.extend(found.iter().cloned());
        return value.clone();
    }
    let mut found = Vec::new();
    let value = parse(&mut found);
    out.extend(found.iter().cloned());
    *kept = Some((file, digest, value.clone(), found));
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::Loaded;
    use crate::model::Kind;
    use crate::parse::parse;

    /// A project of one quote file, as loading would give it.
    fn one_quote() -> Loaded {
        let mut loaded = Loaded::default();
        let file = loaded.sources.add(crate::source::SourceFile::new(
            "content/quotes/b/q.md",
            "---\nsource: field-notes\nborough: b\n---\nA note.\n",
        ));
        loaded.docs.push((Kind::Quote, file));
        loaded
    }

    #[test]
    fn a_parse_is_reused_only_once_the_project_has_given_it_back() {
        let mut memo = Memo::default();
        let mut out = Vec::new();
        let first = parse(one_quote(), Config::default(), &mut out, Some(&mut memo));
        assert_eq!((memo.parsed, first.quotes.len()), (1, 1));
        memo.keep(first);
        let second = parse(one_quote(), Config::default(), &mut out, Some(&mut memo));
        assert_eq!(
            (memo.parsed, second.quotes.len()),
            (0, 1),
            "taken back, reused"
        );
        // A run that stops before giving the project back: parsed again.
        drop(second);
        let third = parse(one_quote(), Config::default(), &mut out, Some(&mut memo));
        assert_eq!((memo.parsed, third.quotes.len()), (1, 1));
        assert!(out.is_empty(), "{out:?}");
    }
}
