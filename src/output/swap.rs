//! Putting the new site in place (one atomic exchange, or two renames),
//! removing the previous one, and tidying what killed builds left: in
//! both, only the files evalsite wrote and nobody changed since are
//! removed, checked at the moment of removal; anything else is kept.

use super::marker::{self, Found, MARKER, Marker};
use super::previous::named;
use super::write::{Seen, Stamp};
use anyhow::Context;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The names of the folders a build makes beside the output folder: the new
/// site while it is written, and (where the system has no atomic exchange)
/// the previous one while it is deleted. Each is followed by the output
/// folder's name, `-` and [`RANDOM`] random characters.
pub(super) const STAGING: &str = ".evalsite-build-";
pub(super) const OLD: &str = ".evalsite-old-";
pub(super) const RANDOM: usize = 8;

/// Removes what killed builds left beside the output folder `name` in
/// `parent`: folders named as this module names them for that output, and
/// marked (never anything else, whatever its name); of each, only what its
/// marker lists ([`Ours::Listed`]). What else is in one is kept, under a
/// name anyone can see.
pub(super) fn remove_leftovers(parent: &Path, name: &str) -> Vec<Kept> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let ours = [STAGING, OLD].iter().any(|prefix| {
            file_name
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix(name))
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|random| {
                    random.len() == RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
                })
        });
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !(ours && is_dir) {
            continue;
        }
        if let Found::Marked(marker) = marker::read(&entry.path()) {
            let ours = Ours::Listed(&marker);
            let what = format!("a folder a stopped build left ({file_name})");
            kept.extend(remove_previous(&entry.path(), &ours, parent, name, what));
        }
    }
    kept
}

/// Which files of a folder about to be removed are evalsite's, unchanged
/// since it wrote them: only those are removed.
pub(super) enum Ours<'a> {
    /// The site this build replaced: the files it found as evalsite wrote
    /// them, while they still look as they did then ([`Stamp`]).
    Seen(&'a Seen),
    /// A folder a killed build left: the files its marker lists, as it
    /// lists them (any file it lists, where the build was still writing
    /// them, and may have cut one short).
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
                None => relative == MARKER && is_file(),
                Some(_) if marker.unfinished => is_file(),
                Some(None) => is_file(),
                Some(Some(written)) => {
                    is_file() && marker::written_in(path).is_ok_and(|now| now == *written)
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
    pub folder: std::path::PathBuf,
    /// The files and folders that were kept (relative to it).
    pub files: Vec<String>,
    /// What the folder was, for the message.
    what: String,
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
            let relative = crate::load::display_name(dir, path);
            let removed = ours.owns(&relative, path) && std::fs::remove_file(path).is_ok();
            (!removed).then_some(relative)
        })
        .collect();
    left.extend(not_removed);
    for folder in &folders {
        // Fails, as it should, on a folder with something left in it.
        let _ = std::fs::remove_dir(folder);
    }
    let ours_marker = ours.owns(MARKER, &marker);
    if left.is_empty() {
        if ours_marker {
            let _ = std::fs::remove_file(&marker);
        }
        if std::fs::remove_dir(dir).is_ok() || !dir.exists() {
            return None;
        }
        // Something appeared meanwhile: kept, as below.
        left.push("(files that appeared while it was removed)".to_string());
    }
    left.sort();
    let folder = keep(dir, parent, name);
    if ours_marker {
        let _ = std::fs::remove_file(folder.join(MARKER));
    }
    Some(Kept {
        folder,
        files: left,
        what,
    })
}

/// Renames `dir` to `NAME-kept` beside the output folder (`NAME-kept-2`
/// and so on where that is taken), never over anything; where it is now.
fn keep(dir: &Path, parent: &Path, name: &str) -> std::path::PathBuf {
    for n in 1..100 {
        let kept = match n {
            1 => parent.join(format!("{name}-kept")),
            n => parent.join(format!("{name}-kept-{n}")),
        };
        match rename_new(dir, &kept) {
            Ok(true) => return kept,
            Ok(false) => continue,
            Err(_) => break,
        }
    }
    dir.to_path_buf()
}

/// Renames `from` to `to` unless something is at `to` (false then).
fn rename_new(from: &Path, to: &Path) -> std::io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(true),
            Err(Errno::EXIST) => return Ok(false),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(error) => return Err(error.into()),
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Ok(false);
    }
    std::fs::rename(from, to).map(|()| true)
}

/// Puts the written site `staging` in the place of `target`: with one
/// atomic exchange where the system has it (a kill at any moment leaves
/// either the old site or the new one there), else with two renames.
/// `exchange` is [`exchange`] but in tests of the two renames. Gives
/// where the previous site is now, if there was one, for
/// [`remove_previous`].
pub(super) fn swap_in(
    staging: tempfile::TempDir,
    target: &Path,
    parent: &Path,
    name: &str,
    exchange: fn(&Path, &Path) -> std::io::Result<bool>,
) -> anyhow::Result<Option<PathBuf>> {
    let moving = || format!("moving the new site into {}", target.display());
    if !target.exists() {
        std::fs::rename(staging.path(), target).with_context(moving)?;
        let _ = staging.keep();
        return Ok(None);
    }
    if exchange(staging.path(), target).with_context(moving)? {
        // The staging folder's name now holds the previous site.
        return Ok(Some(staging.keep()));
    }
    let staged = staging.keep();
    let old = tempfile::Builder::new()
        .prefix(&format!("{OLD}{name}-"))
        .rand_bytes(RANDOM)
        .tempdir_in(parent)?
        .keep();
    std::fs::remove_dir(&old)?;
    std::fs::rename(target, &old)
        .with_context(|| format!("moving the previous {} aside", target.display()))?;
    if let Err(error) = std::fs::rename(&staged, target) {
        let _ = std::fs::rename(&old, target);
        remove_tree(&staged);
        return Err(error).with_context(moving);
    }
    Ok(Some(old))
}

/// Swaps the folders `a` and `b` in one step; false where the system or
/// the file system cannot.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(target_os = "linux"))]
pub(super) fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Deletes the new site that could not be put in place (all of it this
/// build's, in a folder only it knew), its files in parallel.
fn remove_tree(dir: &Path) {
    crate::load::files_under(dir).par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    let _ = std::fs::remove_dir_all(dir);
}
