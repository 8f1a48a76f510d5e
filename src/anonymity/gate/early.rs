//! The gate one file at a time, for the preview: once a rebuild's pages are
//! made, the page a reader asks for can be shown as soon as it alone has
//! passed, while the whole site goes through [`super::gate`]. A file
//! passes here only where nothing at all is found in it and its name (not
//! even a term an allowance may let through), it reads in full, and every
//! quote it shows is shared by at least `k` participants where the page
//! places it; anything else waits for the whole gate, whose messages say
//! what is wrong. So nothing is shown that the whole gate would refuse,
//! and the whole gate's verdict (and its messages) stay the preview's
//! status.

use super::{Clean, Look, read};
use crate::anonymity::Checked;
use crate::anonymity::attribution::Pages;
use crate::anonymity::identifiers::TermMatcher;
use crate::anonymity::participant_ids::ParticipantIds;
use crate::hash::FastMap;
use crate::render::{Contents, Rendered};
use crate::source::FileId;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// A rebuild's files before the whole gate has read them, each let out on
/// its own once it passes [`Early::passes`].
pub struct Early {
    matcher: Arc<TermMatcher>,
    ids: Arc<ParticipantIds>,
    sought: Arc<super::Sought>,
    pages: Arc<Pages>,
    files: BTreeMap<String, Contents>,
    origins: BTreeMap<String, FileId>,
    shows: FastMap<String, Box<[FileId]>>,
    /// Each file's verdict, once read.
    verdicts: Mutex<FastMap<String, bool>>,
    /// Blocks found clean in the files read so far.
    clean: Clean,
    /// The names the site's style sheets may hide or lay out anew.
    styles: Arc<super::css::Effects>,
    /// A site's style sheet shows text in capitals.
    capitals: bool,
}

impl Early {
    /// The files of `rendered`, to be read as asked for, with what the
    /// checks of the sources left.
    pub fn new(checked: &Checked, rendered: &Rendered) -> Early {
        Early {
            matcher: checked.matcher.clone(),
            ids: checked.participant_ids.clone(),
            sought: checked.sought.clone(),
            pages: checked.pages.clone(),
            files: rendered.files.clone(),
            origins: rendered.origins.clone(),
            shows: rendered.shows.clone(),
            verdicts: Mutex::default(),
            clean: Clean::default(),
            styles: super::look::style_effects(rendered.files.iter()),
            capitals: super::look::shows_capitals(rendered.files.iter()),
        }
    }

    /// What takes listed terms, ids and numbers out of what the preview
    /// says of this rebuild besides its pages (the paths that changed).
    pub fn redactor(&self) -> super::Redactor {
        super::Redactor::of(self.matcher.clone(), self.ids.clone())
    }

    /// The files, by site-relative path (none of them may be shown before
    /// it [`Early::passes`]).
    pub fn files(&self) -> &BTreeMap<String, Contents> {
        &self.files
    }

    /// Whether the file at `path` may be shown now: it is one of these
    /// files, and nothing is found in it (see the module).
    pub fn passes(&self, path: &str) -> bool {
        let known = self
            .verdicts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
            .copied();
        if let Some(verdict) = known {
            return verdict;
        }
        let verdict = self
            .files
            .get(path)
            .is_some_and(|bytes| self.read(path, bytes));
        self.verdicts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), verdict);
        verdict
    }

    fn read(&self, path: &str, bytes: &[u8]) -> bool {
        let look = Look::with(
            &self.matcher,
            &self.ids,
            self.sought.clone(),
            self.styles.clone(),
            self.capitals,
        );
        let mut texts = look.texts();
        texts.links_wanted = (self.origins.get(path)).is_some_and(|&o| self.pages.is_about(o));
        let readable = read(path, bytes, &mut texts).is_ok();
        let shown: Vec<FileId> = self
            .shows
            .get(path)
            .map(|files| files.to_vec())
            .unwrap_or_default();
        let quotes = super::linked_quotes(path, &texts);
        readable
            && look.find_in_name(path).is_empty()
            && look.find_in(&texts, Some(&self.clean)).is_empty()
            && self.origins.get(path).is_none_or(|&origin| {
                self.pages.holds(origin, &shown) && self.pages.holds_links(origin, &quotes)
            })
    }
}
