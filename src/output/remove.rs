//! Removing a folder of evalsite's (the previous site, once the new one is
//! in place; what a killed build left; this build's own folder when it
//! fails): only the files evalsite wrote and nobody changed since are
//! removed, checked at the moment of removal, and the marker goes last, so
//! that a removal cut short leaves a folder the next build still knows for
//! evalsite's. Anything else is kept, in the folder renamed to a name
//! anyone can see.

use super::lock::LONGEST_NAME;
use super::marker::{self, MARKER, MARKER_NEXT, Marker};
use super::previous::named;
use super::swap::rename_new;
use super::write::{Seen, Stamp};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Which files of a folder about to be removed are evalsite's, unchanged
/// since it wrote them: only those are removed.
pub(super) enum Ours<'a> {
    /// The site this build replaced: the files it found as evalsite wrote
    /// them, while they still look as they did then ([`Stamp`]).
    Seen(&'a Seen),
    /// A folder a killed build left, or this build's own: the files its
    /// marker lists, as it lists them (any file it lists, where the build
    /// was still writing them, and may have cut one short), and a marker
    /// being written.
    Listed(&'a Marker),
}

impl Ours<'_> {
    /// Whether the file at `path` (`relative` in the folder) is ours.
    fn owns(&self, relative: &str, path: &Path) -> bool {
        let is_file = || std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
        match self {
            Ours::Seen(seen) => seen
                .get(relative)
                .is_some_and(|&stamp| Stamp::now(path) == Some(stamp)),
            Ours::Listed(marker) => match marker.files.get(relative) {
                None => (relative == MARKER || relative == MARKER_NEXT) && is_file(),
                Some(_) if marker.unfinished => is_file(),
                Some(recorded) if recorded.versions().is_empty() => is_file(),
                Some(recorded) => {
                    is_file() && marker::written_in(path).is_ok_and(|now| recorded.has(now))
                }
            },
        }
    }
}

/// What is left of a folder evalsite was removing: files that are not its
/// own (added while a build ran, or changed), kept where they were, in the
/// folder renamed to a name anyone can see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// Where the folder is now (as the researcher would name it).
    pub folder: PathBuf,
    /// The files and folders that were kept (relative to it).
    pub files: Vec<String>,
    /// What the folder was, for the message.
    pub(super) what: String,
}

impl std::fmt::Display for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let folder = self.folder.display().to_string();
        write!(
            f,
            "evalsite kept {folder}, what is left of {}: it holds files evalsite did not write, or that were changed after evalsite wrote them: {}; evalsite deletes only its own files: move what you want to keep out of {folder}, then delete it",
            self.what,
            named(&folder, &self.files)
        )
    }
}

/// Removes from `dir` the files that are [`Ours`], and the folders they
/// leave empty, then `dir` itself if that leaves it empty; else renames it
/// to a name beside the output folder `name` in `parent` that anyone can
/// see, and says what is left there. Nothing is removed that is not ours.
pub(super) fn remove_previous(
    dir: &Path,
    ours: &Ours,
    parent: &Path,
    name: &str,
    what: String,
) -> Option<Kept> {
    let mut folders = Vec::new();
    let mut files = Vec::new();
    let mut left = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => folders.push(entry.into_path()),
            Ok(entry) => files.push(entry.into_path()),
            Err(_) => left.push("(a folder that cannot be read)".to_string()),
        }
    }
    // The marker goes last: a build killed before then leaves a folder the
    // next one knows.
    let marker = dir.join(MARKER);
    let not_removed: Vec<String> = files
        .par_iter()
        .filter(|path| **path != marker)
        .filter_map(|path| {
            let relative = crate::files::display_name(dir, path);
            let removed = ours.owns(&relative, path) && std::fs::remove_file(path).is_ok();
            (!removed).then_some(relative)
        })
        .collect();
    left.extend(not_removed);
    for folder in &folders {
        // Fails, as it should, on a folder with something left in it
        // (which is then in `left`, or found below).
        let _ = std::fs::remove_dir(folder);
    }
    let ours_marker = ours.owns(MARKER, &marker);
    if left.is_empty() {
        let removed = !ours_marker || std::fs::remove_file(&marker).is_ok();
        if removed && (std::fs::remove_dir(dir).is_ok() || !dir.exists()) {
            return None;
        }
        // Something appeared meanwhile, or could not be removed: kept, as
        // below.
        left.push(match removed {
            true => "(files that appeared while it was removed)".to_string(),
            false => MARKER.to_string(),
        });
    }
    left.sort();
    let folder = keep(dir, parent, name);
    if ours_marker && folder != dir {
        // Under its new name it is no longer a folder a build removes.
        let _ = std::fs::remove_file(folder.join(MARKER));
    }
    Some(Kept {
        folder,
        files: left,
        what,
    })
}

/// Renames `dir` to `NAME-kept` beside the output folder (`NAME-kept-2`
/// and so on where that is taken, the name cut short where it would be too
/// long), never over anything; where it is now (where it was, if it cannot
/// be renamed).
fn keep(dir: &Path, parent: &Path, name: &str) -> PathBuf {
    for n in 1..100 {
        let suffix = match n {
            1 => "-kept".to_string(),
            n => format!("-kept-{n}"),
        };
        let mut end = name.len().min(LONGEST_NAME - suffix.len());
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        let kept = parent.join(format!("{}{suffix}", &name[..end]));
        match rename_new(dir, &kept) {
            Ok(true) => return kept,
            Ok(false) => continue,
            Err(_) => break,
        }
    }
    dir.to_path_buf()
}
