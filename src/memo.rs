//! What one run of the pipeline leaves for the next, so that `serve` redoes
//! only what a save needs: each file as read, its parse and its source scan
//! (reused while the file is unchanged), and the last site rendered without errors with a
//! fingerprint of what it was made from (used by [`crate::reuse`]). A run
//! with a memo gives exactly the problems and pages of a run without one;
//! tests/incremental.rs holds it to that.

use crate::model::Doc;
use crate::parse::{self, Project};
use crate::render::Rendered;
use crate::source::FileId;
use crate::{anonymity, load};
use std::hash::{Hash, Hasher};

/// Kept by `serve` from one rebuild to the next.
#[derive(Default)]
pub struct Memo {
    pub(crate) load: load::Memo,
    pub(crate) parse: parse::Memo,
    /// Each text's hand-written counts (see [`crate::resolve::Memo`]).
    pub(crate) resolve: crate::resolve::Memo,
    pub(crate) checks: anonymity::Memo,
    /// The last site rendered without errors.
    pub(crate) base: Option<Base>,
}

/// What one run did itself: with a [`Memo`], files unchanged since the
/// previous run are neither parsed nor scanned again, and after a change to
/// bodies alone only the pages showing them are rendered.
#[derive(Debug, Clone, Default)]
pub struct Work {
    /// Files read from disk.
    pub read: usize,
    /// Markdown files parsed.
    pub parsed: usize,
    /// Files scanned by the anonymisation checks.
    pub scanned: usize,
    /// Pages rendered, by path.
    pub rendered: Vec<String>,
    /// Files the gate read (the others passed it before, byte for byte).
    pub gated: usize,
}

impl Memo {
    /// What the stages did themselves in the run that last filled this
    /// memo: files read, parsed and scanned (the render and the gate are
    /// counted by [`crate::reuse`]).
    pub(crate) fn work(&self) -> Work {
        Work {
            read: self.load.read,
            parsed: self.parse.parsed,
            scanned: self.checks.scanned,
            ..Work::default()
        }
    }

    /// Says which paths (files or folders) changed since the previous run
    /// began, as a file watcher saw them: the next run looks at those alone
    /// on disk and takes the other files as they were (see
    /// [`load::Memo::report`]).
    pub fn report(&mut self, changed: Vec<std::path::PathBuf>) {
        self.load.report(changed);
    }
}

/// A rendered site and the fingerprint of the files it was made from.
pub(crate) struct Base {
    pub rendered: Rendered,
    pub prints: Vec<Print>,
}

/// One source file's fingerprint: its whole text, and its *shape* (for a
/// Markdown file, everything but the body's text: name, front matter and the
/// links and embeds in the body; for any other file, its whole text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Print {
    whole: u64,
    shape: u64,
}

/// The fingerprints of every file of `project`, by file id (templates
/// included, once the theme is loaded).
pub(crate) fn fingerprint(project: &Project) -> Vec<Print> {
    let mut prints: Vec<Print> = project
        .sources
        .iter()
        .map(|(_, file)| Print {
            whole: file.digest(),
            shape: file.digest(),
        })
        .collect();
    let mut shape_of = |file: FileId, shape: u64| prints[file.0].shape = shape;
    if let Some(landing) = &project.landing {
        shape_of(landing.file, shape(project, landing));
    }
    macro_rules! shapes {
        ($($docs:ident),*) => {
            $(for doc in &project.$docs {
                shape_of(doc.file, shape(project, doc));
            })*
        };
    }
    shapes!(boroughs, codes, quotes, findings, pathways, pages);
    prints
}

fn shape<M>(project: &Project, doc: &Doc<M>) -> u64 {
    let file = project.sources.get(doc.file);
    let mut hasher = std::hash::DefaultHasher::new();
    file.name.hash(&mut hasher);
    file.text[..doc.body.start].hash(&mut hasher);
    for reference in &doc.refs {
        (reference.kind, &reference.id, reference.embed).hash(&mut hasher);
    }
    hasher.finish()
}

impl Base {
    /// The files whose bodies alone changed since this site was rendered, or
    /// `None` when anything else changed (a file added, removed or renamed,
    /// front matter, a link, a setting, a template): then every page must be
    /// rendered again.
    pub fn changed_bodies(&self, now: &[Print]) -> Option<Vec<FileId>> {
        if now.len() != self.prints.len() {
            return None;
        }
        let mut changed = Vec::new();
        for (index, (then, now)) in self.prints.iter().zip(now).enumerate() {
            if then.shape != now.shape {
                return None;
            }
            if then.whole != now.whole {
                changed.push(FileId(index));
            }
        }
        Some(changed)
    }
}
