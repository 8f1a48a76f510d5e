//! What one render keeps for the next (serve mode), and what it makes once
//! and shares between pages: each body's HTML and each quote's data, by
//! index and depth, with the files whose bodies each shows, so that a page
//! using one notes those too. Does not decide what a page shows.

use super::Job;
use crate::hash::FastMap;
use crate::source::FileId;
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// What one render leaves for the next (serve mode): for each source file,
/// the pages that show its body (rendered Markdown), and each body as HTML.
/// Everything else a page shows comes from front matter and the links
/// between files, so when only bodies change, only those pages can change,
/// and the other bodies' HTML is as it was.
#[derive(Debug, Default, Clone)]
pub struct Memo {
    pub(super) pages: FastMap<FileId, BTreeSet<Job>>,
    pub(super) paths: FastMap<Job, String>,
    pub(super) bodies: Reused<tera::Value>,
    /// Each quote's data for the templates, by quote and depth.
    pub(super) quotes: Reused<tera::Value>,
}

impl Memo {
    pub(super) fn jobs_showing(&self, files: &[FileId]) -> BTreeSet<Job> {
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
pub(super) struct Reused<T>(Vec<[OnceLock<Made<T>>; 2]>);

impl<T> Default for Reused<T> {
    fn default() -> Self {
        Reused(Vec::new())
    }
}

impl<T: Send> Reused<T> {
    /// Drops everything made, spread over the cores.
    pub(super) fn free(self) {
        self.0.into_par_iter().with_min_len(1024).for_each(drop);
    }
}

impl<T: Clone> Reused<T> {
    pub(super) fn new(len: usize) -> Reused<T> {
        Reused((0..len).map(|_| Default::default()).collect())
    }

    /// These but those that show any of `changed`, for `len` indices.
    pub(super) fn without(mut self, changed: &[FileId], len: usize) -> Reused<T> {
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
    /// noting in `shown` (the page's, or the thing's that uses this one)
    /// the bodies it shows. `make` notes them in the set it is given.
    pub(super) fn get(
        &self,
        index: usize,
        depth: usize,
        shown: &Shown,
        make: impl FnOnce(&Shown) -> T,
    ) -> T {
        let made = self.0[index][depth].get_or_init(|| {
            let own = Shown::default();
            let value = make(&own);
            Made {
                value,
                shows: own.into_files(),
            }
        });
        shown.0.borrow_mut().extend(&made.shows);
        made.value.clone()
    }
}

/// The files whose bodies a page shows, noted while its data is made (for
/// serve mode, which makes again only the pages a changed body is on, and
/// for the gate). A page's data is made on one thread, start to end.
#[derive(Default)]
pub(super) struct Shown(RefCell<BTreeSet<FileId>>);

impl Shown {
    pub(super) fn note(&self, file: FileId) {
        self.0.borrow_mut().insert(file);
    }

    pub(super) fn into_files(self) -> BTreeSet<FileId> {
        self.0.into_inner()
    }
}
