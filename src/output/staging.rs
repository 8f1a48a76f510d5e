//! The folders a build makes beside the output folder (inside it, where it
//! is a mount point): the new site while it is written, and where the
//! previous site waits to be removed. Their names, making one, removing
//! this build's when it fails, and removing what killed builds left.
//!
//! Each is named [`STAGING`] or [`OLD`], then the output folder's [`tag`],
//! `-` and [`RANDOM`] random letters and digits: short whatever the length
//! of the output folder's name, and never taken for another output
//! folder's. Only the build holding the output folder's lock (see
//! [`super::lock`]) makes or removes them, so one found with that build's
//! tag that is not its own was left by a build that is no longer running.

use super::Refused;
use super::marker::{self, Found, MARKER, MARKER_NEXT, Marker, Recorded, Written};
use super::previous::old_site;
use super::remove::{Kept, Ours, remove_previous};
use anyhow::Context;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

pub(super) const STAGING: &str = ".evalsite-build-";
pub(super) const OLD: &str = ".evalsite-old-";
pub(super) const RANDOM: usize = 8;

/// What in these folders' names stands for the output folder's name: 16
/// hexadecimal digits of a hash of it.
pub(super) fn tag(name: &OsStr) -> String {
    let mut hasher = siphasher::sip::SipHasher13::new();
    hasher.write(name.as_encoded_bytes());
    format!("{:016x}", hasher.finish())
}

/// Makes a new, empty folder named `prefix`, `tag`, `-` and random
/// characters in `dir`.
pub(super) fn make(dir: &Path, prefix: &str, tag: &str) -> anyhow::Result<PathBuf> {
    let made = tempfile::Builder::new()
        .prefix(&format!("{prefix}{tag}-"))
        .rand_bytes(RANDOM)
        .tempdir_in(dir)
        .with_context(|| format!("creating a temporary folder in {}", dir.display()))?;
    Ok(made.keep())
}

/// Shuts the staging folder `dir`, just made, to everyone but its owner
/// until the site in it has passed (a web server serving the folder it
/// is in may list it, and its marker lists every file with its length and
/// a hash of its bytes before they have passed); gives the permissions it
/// was made with, which [`open`] gives back.
pub(super) fn shut(dir: &Path) -> anyhow::Result<std::fs::Permissions> {
    let made = std::fs::metadata(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("shutting {}", dir.display()))?;
    }
    Ok(made)
}

/// Gives the staging folder `dir` back the permissions it was made with
/// (as any new folder there would have), once its site has passed.
pub(super) fn open(dir: &Path, made: std::fs::Permissions) -> anyhow::Result<()> {
    std::fs::set_permissions(dir, made).with_context(|| format!("opening {}", dir.display()))
}

/// Whether `file_name` is named as these folders are for the output folder
/// `name` (with `tag`): as now, or as the version before named them (with
/// the output folder's name in place of the tag).
fn is_named_for(file_name: &str, name: &str, tag: &str) -> bool {
    let random =
        |rest: &str| rest.len() == RANDOM && rest.chars().all(|c| c.is_ascii_alphanumeric());
    [STAGING, OLD].iter().any(|prefix| {
        let Some(rest) = file_name.strip_prefix(prefix) else {
            return false;
        };
        [tag, name].iter().any(|of| {
            rest.strip_prefix(of)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(random)
        })
    })
}

/// Removes what killed builds left in each of `places` (beside the output
/// folder `name` in `parent`, and inside it): folders named for it as this
/// module names them, of which
///
/// - one with a marker: what its marker lists ([`Ours::Listed`]);
/// - one without: a site of the version before markers that a build moved
///   aside and was killed before marking ([`old_site`], judged against the
///   `files` a build writes now), or nothing but a marker being written and
///   empty folders (a build killed as it made the folder, or as it removed
///   the last of it).
///
/// Anything else in one is kept under a name anyone can see, and a folder
/// of any other name, or that is none of these, is not touched.
pub(super) fn remove_leftovers<B>(
    places: &[&Path],
    parent: &Path,
    name: &str,
    tag: &str,
    files: &BTreeMap<String, B>,
) -> Vec<Kept> {
    let mut kept = Vec::new();
    for place in places {
        let Ok(entries) = std::fs::read_dir(place) else {
            continue;
        };
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let file_name = file_name.to_string_lossy();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if !(is_dir && is_named_for(&file_name, name, tag)) {
                continue;
            }
            let dir = entry.path();
            let what = format!("a folder a stopped build left ({file_name})");
            let marker = match marker::read(&dir) {
                Found::Marked(marker) => marker,
                Found::None => match old_site(&dir, files) {
                    Some(found) => Marker {
                        files: found.into_iter().map(|p| (p, Recorded::Unknown)).collect(),
                        unfinished: false,
                        contents_only: false,
                    },
                    None => {
                        remove_debris(&dir);
                        continue;
                    }
                },
                Found::Unreadable => {
                    remove_debris(&dir);
                    continue;
                }
            };
            kept.extend(remove_previous(
                &dir,
                &Ours::Listed(&marker),
                parent,
                name,
                what,
            ));
        }
    }
    kept
}

/// Removes `dir` if it holds nothing but, at its top, a marker (whole or
/// not) or one being written, and empty folders; else leaves it as it is.
fn remove_debris(dir: &Path) {
    let (mut files, mut folders) = (Vec::new(), Vec::new());
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let Ok(entry) = entry else {
            return;
        };
        let ours = entry.depth() == 1
            && entry.file_type().is_file()
            && [MARKER, MARKER_NEXT]
                .map(OsStr::new)
                .contains(&entry.file_name());
        match entry.file_type().is_dir() {
            true => folders.push(entry.into_path()),
            false if ours => files.push(entry.into_path()),
            false => return,
        }
    }
    let removed = files.iter().all(|file| std::fs::remove_file(file).is_ok())
        && folders
            .iter()
            .all(|folder| std::fs::remove_dir(folder).is_ok());
    if removed {
        let _ = std::fs::remove_dir(dir);
    }
}

/// The marker of this build's folder for the new site while it is
/// written, listing `files`: any file at those paths is this build's.
pub(super) fn unfinished<'a>(files: impl IntoIterator<Item = (&'a str, Written)>) -> Marker {
    Marker {
        files: files
            .into_iter()
            .map(|(p, w)| (p.to_string(), Recorded::One(w)))
            .collect(),
        unfinished: true,
        contents_only: false,
    }
}

/// Removes this build's folder `dir` for the new site (whose files
/// `listed` gives) after the build failed with `error`, which is given
/// back, saying what could not be removed if anything was not.
pub(super) fn discard(
    dir: &Path,
    listed: &Marker,
    parent: &Path,
    name: &str,
    error: anyhow::Error,
) -> anyhow::Error {
    let what = "the new site, which could not be put in place".to_string();
    let Some(kept) = remove_previous(dir, &Ours::Listed(listed), parent, name, what) else {
        return error;
    };
    match error.downcast::<Refused>() {
        Ok(refused) => Refused(format!("{}; also, {kept}", refused.0)).into(),
        Err(error) => anyhow::anyhow!("{error:#}; also, {kept}"),
    }
}
